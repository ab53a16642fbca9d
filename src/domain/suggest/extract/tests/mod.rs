//! The rules of extraction, one test per rule and per trap, on variables
//! declared as in the sample library. The messages are not those of
//! tests/suggest/messages.tsv: they check that the rules generalise.

use regex_lite::Regex;

use super::*;

mod kinds;
mod names;
mod numbers;
mod others;

/// Variables as the sample library declares them: name, description,
/// pattern, example.
const VARIABLES: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    (
        "agent",
        "Your first name, as the customer should see it",
        None,
        Some("Julie"),
    ),
    ("name", "Customer's first name", None, Some("Sarah")),
    ("full_name", "Customer's full name", None, None),
    (
        "order",
        "Order number, digits only",
        Some("^[0-9]+$"),
        Some("1245"),
    ),
    (
        "ticket",
        "Ticket number, digits only (filled from the chat ID)",
        Some("^[0-9]+$"),
        None,
    ),
    (
        "email",
        "Customer's email address",
        Some(r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
        None,
    ),
    ("amount", "Amount with its currency", None, Some("€49.90")),
    (
        "rent",
        "Monthly rent of the unit, with the currency (the current rent, before any price rise)",
        None,
        Some("£89.00"),
    ),
    (
        "new_rent",
        "Monthly rent after the annual price rise, with the currency",
        None,
        Some("£96.00"),
    ),
    (
        "removal_date",
        "Removal date: the day asked for in a quote, or the day booked when the customer wants to change it",
        None,
        Some("Friday 24 April"),
    ),
    (
        "move_day",
        "The day our crew is booked to load the van",
        None,
        Some("21 June"),
    ),
    (
        "monthly_fee",
        "Monthly membership fee, with its currency",
        None,
        Some("£16.50"),
    ),
    (
        "annual_fee",
        "Annual membership fee with its currency",
        None,
        Some("£198"),
    ),
    (
        "plan_fee",
        "Fee of the membership plan",
        None,
        Some("£16.50"),
    ),
    (
        "tracking_url",
        "Carrier tracking link for the parcel",
        Some("^https://"),
        None,
    ),
    (
        "reset_url",
        "Password reset link generated in the admin console",
        Some("^https://"),
        None,
    ),
    ("tracking_number", "Carrier tracking number", None, None),
    (
        "website",
        "Address (URL) of the customer's online shop",
        Some("^https?://"),
        Some("https://shop.example.com"),
    ),
    ("carrier", "Name of the delivery company", None, Some("DHL")),
    (
        "new_postcode",
        "New postcode, of the address the customer moves to",
        Some("^([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|[0-9]{5})$"),
        Some("LS6 2QT"),
    ),
    (
        "postcode",
        "Postcode of the address concerned (UK postcode or French code postal)",
        Some("^([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|[0-9]{5})$"),
        Some("LS6 2QT"),
    ),
    (
        "company",
        "Business customer's company name",
        None,
        Some("Northwind Ltd"),
    ),
    (
        "account_manager",
        "First name of the business customer's account manager",
        None,
        None,
    ),
    ("plan", "Subscription plan name", None, Some("Acme Plus")),
    (
        "speed",
        "Plan the customer asks to move to, as named on our price list (Fibre 150, Fibre 500, Fibre 900)",
        None,
        Some("Fibre 500"),
    ),
    (
        "invoice",
        "Invoice number",
        Some("^INV-[0-9]{4}-[0-9]{4,}$"),
        None,
    ),
    (
        "vat_number",
        "Customer's EU VAT number",
        Some("^[A-Z]{2}[0-9A-Z]{8,12}$"),
        None,
    ),
    (
        "discount_code",
        "Discount code, capital letters and digits",
        Some("^[A-Z0-9]+$"),
        None,
    ),
    ("due_date", "Invoice due date, in plain words", None, None),
    (
        "order_date",
        "Date the customer placed the order",
        None,
        None,
    ),
    ("arrival", "Date of arrival at the hotel", None, None),
    ("birth_date", "Customer's date of birth", None, None),
    ("date_commande", "Date de la commande", None, None),
    (
        "delivery_date",
        "Promised delivery date, in plain words",
        None,
        None,
    ),
    (
        "points",
        "Loyalty points balance, digits only",
        Some("^[0-9]+$"),
        None,
    ),
    ("product", "Product name as shown in the shop", None, None),
    (
        "booking",
        "Booking reference, six capital letters or digits",
        Some("^[A-Z0-9]{6}$"),
        None,
    ),
    (
        "mobile",
        "Mobile number to port, UK or French format",
        Some(r"^(07[0-9]{3} ?[0-9]{3} ?[0-9]{3}|0[67]( ?[0-9]{2}){4})$"),
        None,
    ),
    (
        "last4",
        "Last four digits of the customer's card",
        Some("^[0-9]{4}$"),
        None,
    ),
    (
        "reg",
        "Car registration, UK or French format",
        Some("^([A-Z]{2}[0-9]{2} ?[A-Z]{3}|[A-Z]{2}-[0-9]{3}-[A-Z]{2})$"),
        None,
    ),
    (
        "shop_order",
        "Order number, MM followed by seven digits",
        Some("^MM-?[0-9]{7}$"),
        None,
    ),
    (
        "partner",
        "Restaurant partner ID, P followed by six digits",
        Some("^P[0-9]{6}$"),
        None,
    ),
    (
        "course",
        "Course code, three capital letters and three digits",
        Some("^[A-Z]{3}[0-9]{3}$"),
        None,
    ),
    (
        "repair",
        "Repair (RMA) number: RMA followed by six digits",
        Some("^RMA[- ]?[0-9]{6}$"),
        None,
    ),
    (
        "payment_date",
        "Date the payment was taken from the card",
        None,
        None,
    ),
    (
        "delivered_date",
        "Date the parcel was marked as delivered",
        None,
        None,
    ),
    ("travel_date", "Day of the journey", None, None),
    ("pet", "Pet's name", None, Some("Biscuit")),
    (
        "child_name",
        "Child's first name, when a parent writes about their child",
        None,
        Some("Oscar"),
    ),
    (
        "dentist",
        "The dentist concerned, as the patient calls them",
        None,
        Some("Dr Patel"),
    ),
    (
        "mechanic",
        "First name of the mechanic who worked on the car",
        None,
        Some("Gary"),
    ),
    // Named as a trade names them: their examples say their kind.
    (
        "moved_on",
        "The day the removal took place",
        None,
        Some("14 May"),
    ),
    (
        "payout",
        "What the seller is owed for the sale",
        None,
        Some("£39.90"),
    ),
    (
        "quote_total",
        "What we quoted for the move",
        None,
        Some("£1,480"),
    ),
    (
        "refund_due",
        "Money we are sending back to the buyer",
        None,
        Some("£23.99"),
    ),
    (
        "premium",
        "Yearly premium, as on the renewal notice",
        None,
        Some("£684.20"),
    ),
    (
        "price_paid",
        "What the buyer paid at checkout",
        None,
        Some("£48.50"),
    ),
    (
        "withdrawn",
        "Sum moved from the wallet to the bank",
        None,
        Some("£120"),
    ),
    (
        "voucher_expiry",
        "Date the gift voucher expires",
        None,
        Some("31 December 2026"),
    ),
    (
        "visit_day",
        "Day of the booked appointment",
        None,
        Some("Tuesday 14 May"),
    ),
    ("show_date", "When the show is on", None, None),
    (
        "job",
        "Job card number from the workshop system",
        Some("^[Jj][Cc][- ]?[0-9]{5}$"),
        Some("JC-40718"),
    ),
    (
        "salon",
        "The branch: Clapham, Islington, Brighton, Ixelles or Le Marais",
        None,
        Some("Clapham"),
    ),
    (
        "refund",
        "Amount we refund for unused lessons, worked out by the agent, with the currency",
        None,
        Some("£142.00"),
    ),
    (
        "exam",
        "Exam and level: DELF B2, DALF C1, TCF, IELTS Academic...",
        None,
        Some("DELF B2"),
    ),
    (
        "package",
        "Name of the spa day package (Serenity, Radiance, Indulgence...)",
        None,
        Some("Serenity Spa Day"),
    ),
    (
        "school",
        "Where the pupil learns: Leeds, York or Harrogate",
        None,
        Some("Leeds"),
    ),
    (
        "centre",
        "Where the student studies or sits the test: Lyon, London or online",
        None,
        Some("Lyon"),
    ),
    (
        "new_day",
        "Day the customer would like instead of the one booked",
        None,
        Some("Friday 6 March"),
    ),
    (
        "surgery_date",
        "Day the operation is booked for (spay, castration, dental, lump removal)",
        None,
        Some("22 January"),
    ),
    (
        "deposit",
        "Deposit the client paid when the operation was booked",
        None,
        Some("£50"),
    ),
    (
        "excess",
        "Excess the customer pays towards a claim",
        None,
        Some("£250"),
    ),
    (
        "invoice_total",
        "Invoice total, with its currency",
        None,
        Some("£184.60"),
    ),
    (
        "workspace",
        "Workspace address, lower case letters, digits and hyphens",
        Some("^[a-z0-9][a-z0-9-]*$"),
        None,
    ),
    (
        "move_in_date",
        "Move-in date: the day the rental starts (the one booked, when the customer asks to change it)",
        None,
        Some("Saturday 14 March"),
    ),
    (
        "move_out_date",
        "Move-out date: the day the unit is (or will be) emptied, for which notice is given",
        None,
        Some("31 March"),
    ),
    (
        "lesson_date",
        "Day (and time) of the lesson concerned: the one booked, or the one asked for when booking a first lesson",
        None,
        Some("Tuesday 6 October at 4pm"),
    ),
    (
        "test_date",
        "Day (and time, if given) of the eye test the patient is booked for, or, for a new booking, the day they ask for",
        None,
        Some("Thursday 12 March at 10:30"),
    ),
];

/// What `message` gives for the variables `names`, as `name=value`.
pub(super) fn values(message: &str, names: &[&str]) -> Vec<String> {
    let regexes: Vec<Option<Regex>> = VARIABLES
        .iter()
        .map(|v| v.2.map(|p| Regex::new(p).expect("test pattern")))
        .collect();
    let slots: Vec<Slot<'_>> = names
        .iter()
        .map(|n| {
            let at = VARIABLES
                .iter()
                .position(|v| v.0 == *n)
                .expect("declared in the test");
            let (name, description, _, example) = VARIABLES[at];
            Slot {
                name,
                description: Some(description),
                pattern: regexes[at].as_ref(),
                example,
                ..Slot::default()
            }
        })
        .collect();
    extract(message, &slots, &Known::default())
        .into_iter()
        .map(|(n, f)| format!("{n}={}", f.value))
        .collect()
}

/// Each of `messages` gives no value for `variable`.
pub(super) fn gives_none(variable: &str, messages: &[&str]) {
    for message in messages {
        assert!(values(message, &[variable]).is_empty(), "{message}");
    }
}

pub(super) fn name(message: &str) -> Vec<String> {
    values(message, &["name"])
}

pub(super) fn order(message: &str) -> Vec<String> {
    values(message, &["order"])
}

#[test]
fn values_come_in_slot_order_with_the_words_they_were_read_from() {
    let slots = [
        Slot {
            name: "order",
            description: Some("Order number"),
            pattern: None,
            ..Slot::default()
        },
        Slot {
            name: "name",
            description: Some("Customer's first name"),
            pattern: None,
            ..Slot::default()
        },
    ];
    let found = extract(
        "Hi, where is order #48213?\nThanks, Maria Lopez",
        &slots,
        &Known::default(),
    );
    assert_eq!(
        found,
        [
            (
                "order".to_string(),
                Found {
                    value: "48213".into(),
                    context: "order #48213".into(),
                    from_reply: false,
                }
            ),
            (
                "name".to_string(),
                Found {
                    value: "Maria".into(),
                    context: "Maria Lopez".into(),
                    from_reply: false,
                }
            ),
        ]
    );
}

proptest::proptest! {
    /// Any message: no panic, and every value fits its pattern, holds no
    /// control character or line break, and is not an unfilled placeholder.
    #[test]
    fn any_message_gives_safe_values(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "order", "#", "48213", "n°", "commande", "Thanks", ",", ".", "\n", "I'm", "Maria",
                "Mme", "€", "49,90", "$", "x@y.fr", "to", "https://t.example/a", "INV-2026-0412",
                "FR40123456789", "code", "SUMMER20", "Ltd", "Kestrel", "DHL", "due", "3 May",
                "ticket", "Zoé", "\u{202e}", "[Name]", "tracking", "1Z999AA1012", "é", "'", "-",
                " ", "07700 900123", "x", "Sent from my iPhone", "Acme", "Plus", "account manager",
                "(", ")", "—", "M.", "R.", "TEN204417", "06 12 34 56 78", "flat 11", "Kelly",
                "3 Hawthorn Mews", "me.", "?",
            ]),
            0..40,
        )
    ) {
        let message: String = parts.concat();
        let names: Vec<&str> = VARIABLES.iter().map(|v| v.0).collect();
        let regexes: Vec<Option<Regex>> = VARIABLES
            .iter()
            .map(|v| v.2.map(|p| Regex::new(p).expect("test pattern")))
            .collect();
        for value in values(&message, &names) {
            let (name, v) = value.split_once('=').expect("name=value");
            let at = VARIABLES.iter().position(|x| x.0 == name).expect("declared");
            proptest::prop_assert!(regexes[at].as_ref().is_none_or(|r| r.is_match(v)), "{value}");
            proptest::prop_assert!(!v.chars().any(crate::domain::text::is_hidden), "{value:?}");
            proptest::prop_assert!(!v.contains('\n') && !v.contains('['), "{value:?}");
        }
    }
}

#[test]
fn what_a_value_was_read_from_closes_the_bracket_it_opens() {
    let m = "my order (48213) never came";
    assert_eq!(super::excerpt(m, 3, 15), "order (48213)");
    assert_eq!(super::excerpt(m, 10, 15), "48213");
}

/// "… not eating her hay. Kendal": a town the library lists as one of its
/// clinics, alone on the last line, says where, not who, in a reply that
/// reads the clinic and in one that does not. After a closing it signs:
/// a frame's name may be a customer's too.
#[test]
fn a_name_the_library_lists_for_a_variable_is_no_customers_name() {
    let name = Slot {
        name: "name",
        description: Some("Owner's first name"),
        pattern: None,
        ..Slot::default()
    };
    let known = Known::new(
        ["Clinic the pet is seen at: Kendal, Hexham or Annecy"].into_iter(),
        None,
    );
    assert_eq!(known.listed, ["kendal", "hexham", "annecy"]);
    let message = "hi is there anyone free saturday for my rabbit pip, she's not eating. kendal";
    let found = |known: &Known| extract(message, std::slice::from_ref(&name), known);
    assert_eq!(
        found(&Known::default()).len(),
        1,
        "read as a name when the library lists no town"
    );
    assert_eq!(found(&known), []);
    let signed = extract(
        "Is there a slot on Saturday?\nThanks, Kendal",
        &[name],
        &known,
    );
    assert_eq!(signed[0].1.value, "Kendal");
}

/// A customer called as a listed branch signs all the same: after a
/// closing on the line above, or with a surname; and the words signing are
/// the writer's name, not the branch.
#[test]
fn a_customer_called_as_a_listed_branch_signs() {
    let slot = |name, description| Slot {
        name,
        description: Some(description),
        pattern: None,
        ..Slot::default()
    };
    let slots = [
        slot("name", "Owner's first name"),
        slot("branch", "Branch: Kendal, Florence, Windermere, Ambleside"),
    ];
    let known = Known::new(slots.iter().filter_map(|s| s.description), None);
    let found = |message: &str| -> Vec<String> {
        extract(message, &slots, &known)
            .into_iter()
            .map(|(n, f)| format!("{n}={}", f.value))
            .collect()
    };
    let hay = "Hi, my rabbit is not eating her hay.";
    assert_eq!(
        found(&format!("{hay}\nThanks,\nFlorence")),
        ["name=Florence"]
    );
    assert_eq!(
        found(&format!("{hay}\nThanks, Florence")),
        ["name=Florence"]
    );
    assert_eq!(
        found(&format!("{hay}\n\nFlorence Smith")),
        ["name=Florence"]
    );
    // Alone, it is where: the branch.
    assert_eq!(found(&format!("{hay}\nkendal")), ["branch=kendal"]);
}

/// The business the customer writes to, thanked or named in the sign-off,
/// is no customer: its own name (`[library] name`), or a word of it. The
/// customer signing beside it still signs.
#[test]
fn the_librarys_own_name_is_no_customers_name() {
    let slots = [Slot {
        name: "name",
        description: Some("Customer's first name"),
        pattern: None,
        ..Slot::default()
    }];
    let acme = Known::new(std::iter::empty(), Some("Acme Support"));
    assert_eq!(acme.business, ["acme", "support"]);
    let found = |message: &str, known: &Known| -> Vec<String> {
        extract(message, &slots, known)
            .into_iter()
            .map(|(n, f)| format!("{n}={}", f.value))
            .collect()
    };
    for message in [
        "Where is my order 48213? Cheers Acme",
        "Où est ma commande 48213 ? Merci Acme",
        "Where is my order 48213?\nThanks,\nAcme Support",
    ] {
        assert_eq!(found(message, &acme), Vec::<String>::new(), "{message}");
    }
    // Read as a name by a library called otherwise.
    assert_eq!(
        found("Where is my order 48213? Cheers Acme", &Known::default()),
        ["name=Acme"]
    );
    assert_eq!(
        found("Hi Acme, where is my order 48213? Cheers Tom", &acme),
        ["name=Tom"]
    );
    assert_eq!(
        found("Where is my Acme order 48213?\nThanks, Tom", &acme),
        ["name=Tom"]
    );
}
