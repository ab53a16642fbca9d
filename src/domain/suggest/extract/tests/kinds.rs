//! What kind of value a variable wants, from its words and pattern.

use crate::domain::suggest::extract::Slot;
use crate::domain::suggest::extract::kind::*;
use regex_lite::Regex;

fn kind(name: &str, description: &str, pattern: Option<&str>) -> Option<Kind> {
    let re = pattern.map(|p| Regex::new(p).expect("test pattern"));
    kind_of(&Slot {
        name,
        description: Some(description),
        pattern: re.as_ref(),
        ..Slot::default()
    })
}

/// A plan named on a price list is a plan, no price.
#[test]
fn a_plan_named_on_a_price_list_is_no_amount() {
    assert_eq!(
        kind(
            "plan",
            "Plan the customer asks to move to, as named on our price list (Fibre 150, Fibre 500)",
            None
        ),
        Some(Kind::Plan)
    );
    assert!(matches!(
        kind("fee", "Price of the plan, from our price list", None),
        Some(Kind::Amount { .. })
    ));
}

/// A postcode by its name or the head of its description, in English or
/// French; not an order number whose description warns of one.
#[test]
fn a_postcode_is_known_by_its_name_or_its_descriptions_head() {
    let pattern = Some("^([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|[0-9]{5})$");
    for (name, description) in [
        ("postcode", "Postcode of the address concerned"),
        (
            "from_postcode",
            "Postcode of the address the removal starts from",
        ),
        ("cp", "Code postal de l'adresse"),
        ("location", "Zip code of the store"),
    ] {
        assert_eq!(
            kind(name, description, pattern),
            Some(Kind::Postcode { new: false }),
            "{name}"
        );
    }
    // The new one of a move, by its name or its description's head; not
    // by a tail's "(the new one when it changes)".
    assert_eq!(
        kind("new_postcode", "Postcode the customer moves to", pattern),
        Some(Kind::Postcode { new: true })
    );
    assert_eq!(
        kind(
            "pickup_postcode",
            "Postcode where the pupil is picked up (the new one when it changes)",
            pattern
        ),
        Some(Kind::Postcode { new: false })
    );
    assert_eq!(
        kind(
            "order",
            "Order number, digits only (not a postcode)",
            Some("^[0-9]+$")
        ),
        Some(Kind::Order)
    );
}

#[test]
fn a_pets_or_a_childs_name_is_someone_the_customer_writes_about() {
    assert!(matches!(
        kind("pet", "Pet's name", None),
        Some(Kind::KinName(_))
    ));
    assert!(matches!(
        kind("child_name", "Child's first name", None),
        Some(Kind::KinName(_))
    ));
    assert_eq!(
        kind("parent_name", "Parent's name (the child's guardian)", None),
        None
    );
    // Whose name it is, the description's head says.
    assert!(matches!(
        kind(
            "child_name",
            "Child's first name, when a parent writes about their child",
            None
        ),
        Some(Kind::KinName(_))
    ));
    // A son or a daughter in the tail does not make the writer's name
    // theirs.
    assert!(matches!(
        kind(
            "name",
            "First name of the person writing to us (usually the pupil; a parent writing for their son or daughter is addressed by their own name)",
            None
        ),
        Some(Kind::CustomerName { .. })
    ));
}

#[test]
fn a_description_goes_on_after_a_bracket_in_its_head() {
    assert_eq!(
        kind(
            "new_lesson_date",
            "Day (and time) the pupil wants the booked lesson moved to",
            None
        ),
        Some(Kind::WantedDate)
    );
}

#[test]
fn a_first_name_of_someone_in_a_role_is_never_the_customers() {
    assert_eq!(
        kind(
            "mechanic",
            "First name of the mechanic who worked on the car",
            None
        ),
        Some(Kind::RoleName(vec![
            "mecanicien",
            "mecanicienne",
            "mechanic"
        ]))
    );
    // Named in either language.
    assert_eq!(
        kind("prof", "Prénom du professeur", None),
        Some(Kind::RoleName(vec![
            "enseignant",
            "enseignante",
            "prof",
            "professeur",
            "teacher",
            "tutor"
        ]))
    );
}

#[test]
fn a_pattern_whose_letters_are_given_in_either_case_is_a_literal_prefix() {
    assert_eq!(
        kind(
            "job",
            "Job card number from the workshop system",
            Some("^[Jj][Cc][- ]?[0-9]{5}$")
        ),
        Some(Kind::Code(Vec::new()))
    );
    assert_eq!(literal_prefix("^[Jj][Cc]-"), 2);
    assert_eq!(literal_prefix("^INV-"), 3);
    assert_eq!(literal_prefix("^[A-Z]{2}"), 0);
}

#[test]
fn the_customers_first_name_is_a_name_the_agents_is_not() {
    assert_eq!(
        kind("name", "Customer's first name", None),
        Some(Kind::CustomerName { full: false })
    );
    assert_eq!(
        kind("prenom", "Prénom du client", None),
        Some(Kind::CustomerName { full: false })
    );
    assert_eq!(
        kind(
            "agent",
            "Your first name, as the customer should see it",
            None
        ),
        None
    );
}

#[test]
fn an_account_managers_first_name_is_read_after_the_role() {
    let k = kind(
        "account_manager",
        "First name of the business customer's account manager",
        None,
    );
    assert!(matches!(k, Some(Kind::RoleName(_))));
}

#[test]
fn numbers_are_told_apart_by_what_they_number() {
    assert_eq!(
        kind("order", "Order number, digits only", Some("^[0-9]+$")),
        Some(Kind::Order)
    );
    assert_eq!(
        kind("commande", "Numéro de commande", None),
        Some(Kind::Order)
    );
    assert_eq!(
        kind("ticket", "Ticket number, digits only", Some("^[0-9]+$")),
        Some(Kind::Ticket)
    );
    assert_eq!(
        kind(
            "points",
            "Loyalty points balance, digits only",
            Some("^[0-9]+$")
        ),
        None
    );
    assert_eq!(
        kind("refund_days", "Business days before a refund shows", None),
        None
    );
}

#[test]
fn another_reference_is_announced_by_what_it_numbers_in_either_language() {
    let booking = ["booking", "ref", "reference", "resa", "reservation"].map(String::from);
    assert_eq!(
        kind("booking", "Booking reference, six letters or digits", None),
        Some(Kind::Reference(booking.to_vec()))
    );
    assert_eq!(
        kind("ref", "Six-character booking reference", None),
        Some(Kind::Reference(booking.to_vec()))
    );
    // "upper-case letters" is how it is written: not a support case.
    assert_eq!(
        kind(
            "booking",
            "Booking reference, six upper-case letters or digits",
            None
        ),
        Some(Kind::Reference(booking.to_vec()))
    );
    assert_eq!(
        kind("subscription_id", "", None),
        Some(Kind::Reference(
            ["abonnement", "subscription"].map(String::from).to_vec()
        ))
    );
    // Something numbered that customers have no word for gives nothing;
    // a company's number is not its name.
    assert_eq!(kind("batch_number", "Production batch number", None), None);
    assert_eq!(
        kind("company_number", "Company registration number", None),
        None
    );
}

#[test]
fn a_phone_number_and_a_cards_last_digits_are_kinds_of_their_own() {
    assert_eq!(
        kind("mobile", "Mobile number to port", None),
        Some(Kind::Phone { contact: false })
    );
    assert_eq!(
        kind("telephone", "Numéro de téléphone du client", None),
        Some(Kind::Phone { contact: false })
    );
    assert_eq!(
        kind(
            "callback",
            "Phone number to call the customer back on",
            None
        ),
        Some(Kind::Phone { contact: true })
    );
    assert_eq!(
        kind("last4", "Last four digits of the card", None),
        Some(Kind::Ending)
    );
    assert_eq!(
        kind("fin_carte", "Quatre derniers chiffres de la carte", None),
        Some(Kind::Ending)
    );
}

#[test]
fn links_the_agent_generates_are_not_looked_for() {
    assert_eq!(
        kind(
            "reset_url",
            "Password reset link generated in the admin console",
            None
        ),
        None
    );
    assert_eq!(
        kind(
            "tracking_url",
            "Carrier tracking link for the parcel",
            Some("^https://")
        ),
        Some(Kind::Url(TRACKING.to_vec()))
    );
}

#[test]
fn a_promised_date_is_the_agents_a_due_date_the_customers() {
    assert_eq!(
        kind(
            "delivery_date",
            "Promised delivery date, in plain words",
            None
        ),
        None
    );
    assert_eq!(
        kind("due_date", "Invoice due date, in plain words", None),
        Some(Kind::Date(DUE.iter().map(|w| w.to_string()).collect()))
    );
    // The business's own dates.
    for description in [
        "Date by which the item must be returned",
        "New date of the engineer's visit",
        "Date the refund will reach the card",
    ] {
        assert_eq!(kind("date", description, None), None, "{description}");
    }
    assert_eq!(
        kind("eta", "Expected delivery or resolution time", None),
        None
    );
    // Whose date it is, the head says, as for a name: "new" in the tail
    // is a booking's, not the business's.
    assert_eq!(
        kind(
            "test_date",
            "Day of the eye test the patient is booked for, or, for a new booking, the day they ask for",
            None
        ),
        Some(Kind::Date(vec![
            "booked".into(),
            "patient".into(),
            "test".into()
        ]))
    );
}

#[test]
fn codes_need_an_announcing_word_unless_their_pattern_has_a_prefix() {
    assert_eq!(
        kind(
            "invoice",
            "Invoice number",
            Some("^INV-[0-9]{4}-[0-9]{4,}$")
        ),
        Some(Kind::Code(Vec::new()))
    );
    assert_eq!(
        kind(
            "vat_number",
            "Customer's EU VAT number",
            Some("^[A-Z]{2}[0-9A-Z]{8,12}$")
        ),
        Some(Kind::Code(VAT.to_vec()))
    );
    assert_eq!(
        kind(
            "discount_code",
            "Discount code, capital letters and digits",
            None
        ),
        Some(Kind::Code(DISCOUNT.to_vec()))
    );
}

#[test]
fn dotted_and_french_names_say_the_same() {
    assert_eq!(
        kind("customer.first_name", "", None),
        Some(Kind::CustomerName { full: false })
    );
    assert_eq!(
        kind("customer.name", "The customer's name", None),
        Some(Kind::CustomerName { full: false })
    );
    assert_eq!(kind("order.id", "", None), Some(Kind::Order));
    assert_eq!(
        kind("order.total", "", None),
        Some(Kind::Amount {
            announced_by: vec!["order".into(), "total".into()],
            named: true,
            side: None,
            lone: true
        })
    );
    assert_eq!(
        kind("order.date", "Date the order was placed", None),
        Some(Kind::Date(vec!["order".into(), "placed".into()]))
    );
    assert_eq!(
        kind("order.item_count", "Number of items in the order", None),
        None
    );
    assert_eq!(kind("company.name", "", None), Some(Kind::Company));
    assert_eq!(
        kind("montant", "Montant remboursé, avec la devise", None),
        Some(Kind::Amount {
            announced_by: vec!["rembourse".into()],
            named: false,
            side: None,
            lone: false
        })
    );
    assert_eq!(
        kind("lien_suivi", "Lien de suivi du colis", None),
        Some(Kind::Url(TRACKING.to_vec()))
    );
}

#[test]
fn other_kinds_by_their_words() {
    assert_eq!(
        kind("email", "Customer's email address", None),
        Some(Kind::Email)
    );
    assert_eq!(
        kind("amount", "Amount with its currency", None),
        Some(Kind::Amount {
            announced_by: vec![],
            named: false,
            side: None,
            lone: false
        })
    );
    assert_eq!(
        kind("carrier", "Name of the delivery company", None),
        Some(Kind::Carrier)
    );
    assert_eq!(
        kind("company", "Business customer's company name", None),
        Some(Kind::Company)
    );
    // A company of the library's own list: one of those it names.
    assert_eq!(
        kind(
            "insurer",
            "The pet's insurance company (Petplan, Animal Friends, Agria, SantéVet...)",
            None
        ),
        Some(Kind::OneOf(
            ["Petplan", "Animal Friends", "Agria", "SantéVet"]
                .map(|n| (n.to_string(), true))
                .to_vec()
        ))
    );
    assert_eq!(
        kind("plan", "Subscription plan name", None),
        Some(Kind::Plan)
    );
    assert_eq!(
        kind("product", "Product name as shown in the shop", None),
        None
    );
    assert_eq!(
        kind(
            "customer_type",
            "Customer segment: new, loyal, vip, business or any",
            None
        ),
        None
    );
}

#[test]
fn a_reference_from_the_confirmation_email_is_no_email_address() {
    assert_eq!(
        kind(
            "booking_ref",
            "Booking reference from the confirmation email or text: ML followed by six digits",
            Some("^ML[- ]?[0-9]{6}$")
        ),
        Some(Kind::Code(Vec::new()))
    );
    assert_eq!(
        kind("contact", "Customer's email address", None),
        Some(Kind::Email)
    );
    assert_eq!(
        kind("login", "Adresse e-mail du compte", None),
        Some(Kind::Email)
    );
}

#[test]
fn a_products_name_is_no_order_number() {
    assert_eq!(
        kind(
            "product",
            "Product bought from the online shop, as named on the order",
            None
        ),
        None
    );
}

#[test]
fn a_name_or_a_kind_of_thing_on_the_order_is_no_order_number() {
    assert_eq!(
        kind(
            "lenses",
            "Type of lenses on the order: single vision, varifocals, bifocals...",
            None
        ),
        None
    );
    // One of the names listed, if any.
    assert!(matches!(
        kind(
            "frame",
            "Frame name as on the order and inside the arm (Marlowe, Ines, Hartley, Juno...)",
            None
        ),
        Some(Kind::OneOf(_))
    ));
    // But the order's reference is one.
    assert!(matches!(
        kind("order_ref", "Lens order number, as on the order", None),
        Some(Kind::Order)
    ));
}

#[test]
fn the_customer_writing_for_a_business_is_still_the_customer() {
    assert!(matches!(
        kind(
            "name",
            "First name of the customer writing (the account holder, or the person writing for a business)",
            None
        ),
        Some(Kind::CustomerName { full: false })
    ));
}

#[test]
fn a_description_that_lists_names_in_full_wants_one_of_them() {
    assert!(matches!(
        kind(
            "salon",
            "The branch: Clapham, Islington, Brighton or Le Marais",
            None
        ),
        Some(Kind::OneOf(_))
    ));
    // A list of proper names that goes on names some of them.
    assert!(matches!(
        kind("exam", "Exam and level: DELF B2, DALF C1, TCF...", None),
        Some(Kind::OneOf(_))
    ));
    // A list of common words says no value, closed or going on.
    assert_eq!(
        kind(
            "treatment",
            "The service booked: cut and blow-dry, colour, balayage, facial...",
            None
        ),
        None
    );
    assert_eq!(
        kind(
            "mode",
            "How the course is taught: online, evening or weekend",
            None
        ),
        None
    );
}

#[test]
fn a_date_the_business_publishes_is_its_own_to_say() {
    assert_eq!(
        kind(
            "results_date",
            "Date results are published, from the exam board calendar",
            None
        ),
        None
    );
}

#[test]
fn a_date_variables_words_that_say_nothing_of_which_date_announce_none() {
    // "concerned" would meet "concert" by its first five letters.
    assert_eq!(
        kind("appointment", "Date of the appointment concerned", None),
        Some(Kind::Date(vec!["appointment".into()]))
    );
}

#[test]
fn the_name_of_a_person_is_never_read_as_the_code_of_what_they_bought() {
    // "voucher" would announce "voucher GV-583920" as the purchaser.
    assert_eq!(
        kind(
            "purchaser",
            "Name of the person who bought the gift voucher (often not the client)",
            None
        ),
        None
    );
}
