//! The rules of extraction, one test per rule and per trap, on variables
//! declared as in the sample library. The messages are not those of
//! tests/suggest/messages.tsv: they check that the rules generalise.

use regex_lite::Regex;

use super::*;

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
    ("carrier", "Name of the delivery company", None, Some("DHL")),
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
];

/// What `message` gives for the variables `names`, as `name=value`.
fn values(message: &str, names: &[&str]) -> Vec<String> {
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
            }
        })
        .collect();
    extract(message, &slots)
        .into_iter()
        .map(|(n, f)| format!("{n}={}", f.value))
        .collect()
}

fn name(message: &str) -> Vec<String> {
    values(message, &["name"])
}

fn order(message: &str) -> Vec<String> {
    values(message, &["order"])
}

#[test]
fn values_come_in_slot_order_with_the_words_they_were_read_from() {
    let slots = [
        Slot {
            name: "order",
            description: Some("Order number"),
            pattern: None,
            example: None,
        },
        Slot {
            name: "name",
            description: Some("Customer's first name"),
            pattern: None,
            example: None,
        },
    ];
    let found = extract("Hi, where is order #48213?\nThanks, Maria Lopez", &slots);
    assert_eq!(
        found,
        [
            (
                "order".to_string(),
                Found {
                    value: "48213".into(),
                    context: "order #48213".into()
                }
            ),
            (
                "name".to_string(),
                Found {
                    value: "Maria".into(),
                    context: "Maria Lopez".into()
                }
            ),
        ]
    );
}

// Names.

#[test]
fn a_customer_who_introduces_themselves_gives_their_first_name() {
    assert_eq!(
        name("Hello, my name is Aisha Khan and my parcel is late."),
        ["name=Aisha"]
    );
    assert_eq!(
        name("bonjour, je m'appelle Gérard, mon colis n'est pas arrivé"),
        ["name=Gérard"]
    );
    assert_eq!(
        name("Hi! I'm Oskar, the jacket I bought is torn."),
        ["name=Oskar"]
    );
    assert_eq!(
        name("Hi, this is Tom from Redwood Ltd. Our delivery is late."),
        ["name=Tom"]
    );
    assert_eq!(
        name("Bonjour, ici Claire de la société Moreau SA."),
        ["name=Claire"]
    );
}

#[test]
fn a_sign_off_gives_the_first_name() {
    assert_eq!(
        name("Is it on its way?\n\nBest wishes,\nPriyanka Shah"),
        ["name=Priyanka"]
    );
    assert_eq!(
        name("Where is my parcel? Many thanks, Oscar"),
        ["name=Oscar"]
    );
    assert_eq!(
        name("Le colis est-il parti ? Merci. Gaëlle"),
        ["name=Gaëlle"]
    );
    assert_eq!(name("Is it on its way? Ingrid"), ["name=Ingrid"]);
    assert_eq!(name("The box was empty.\n— Malik"), ["name=Malik"]);
    assert_eq!(name("I'd like to return it.\nLily x"), ["name=Lily"]);
    assert_eq!(name("Refund still pending?\nxx Maya"), ["name=Maya"]);
    assert_eq!(
        name("Forgot it again!\n\nCheers\nTom\n\nSent from my iPhone"),
        ["name=Tom"]
    );
    assert_eq!(
        name("Account email: p@example.org\n\nPriya"),
        ["name=Priya"]
    );
    assert_eq!(
        name("Derek here from Apex Consulting - how do we start?"),
        ["name=Derek"]
    );
    assert_eq!(
        name("Payment failed twice.\nRegards,\nRebecca, Finance, Orion Ltd"),
        ["name=Rebecca"]
    );
}

#[test]
fn a_variable_asking_for_the_full_name_gets_it() {
    assert_eq!(
        values("Thanks,\nPriyanka Shah", &["full_name"]),
        ["full_name=Priyanka Shah"]
    );
}

#[test]
fn trap_the_agent_greeted_or_thanked_is_not_the_customer() {
    assert!(name("Hi Sophie, any news on my refund?\nThanks").is_empty());
    assert!(name("Bonjour Julie, toujours rien ?\nJulie").is_empty());
    assert!(name("That worked. Thanks Nora").is_empty());
    assert!(name("Great, thanks, Nora!").is_empty());
}

#[test]
fn trap_a_colleague_is_not_the_customer() {
    assert!(name("I talked to Nora yesterday and nothing happened.\nNora").is_empty());
    assert!(name("Greg from your team promised a call. Greg").is_empty());
}

#[test]
fn trap_a_title_and_a_surname_name_nobody_by_first_name() {
    assert!(name("Merci de rembourser.\nCordialement,\nM. Girard").is_empty());
    assert!(name("Please refund me.\nRegards,\nMrs Patel").is_empty());
}

#[test]
fn trap_a_team_or_a_company_in_the_sign_off_is_not_a_name() {
    assert!(name("Please resend the invoice.\nRegards,\nAccounts team").is_empty());
    assert!(name("Please resend the invoice.\nBest,\nNorthgate Logistics").is_empty());
    assert!(name("Merci de corriger.\nCordialement,\nService achats").is_empty());
    assert!(name("Invoice attached.\nKind regards,\nFacilities, Orion Ltd").is_empty());
}

#[test]
fn trap_what_follows_im_is_not_always_a_name() {
    assert!(name("I'm on the premium plan and want to cancel").is_empty());
    assert!(name("I'm French and live in Lyon, do you deliver?").is_empty());
    assert!(name("I'm Furious! Where is my order?").is_empty());
    assert!(name("Je suis cliente depuis 10 ans").is_empty());
}

#[test]
fn trap_a_sentence_or_a_product_at_the_end_is_not_a_sign_off() {
    assert!(name("The app crashes on Android 14").is_empty());
    assert!(name("Where are my shoes? Nike Air").is_empty());
    assert!(name("I want someone senior. Now.").is_empty());
    assert!(name("Delivered broken.\nSent from my iPhone").is_empty());
    assert!(name("thanks, maria").is_empty());
    assert!(name("Please send it to my new address:\n12 High Street\nLondon").is_empty());
    assert!(name("ticket #44556, any update? I'm Away from Friday.").is_empty());
}

// Order and ticket numbers.

#[test]
fn an_order_number_is_read_after_the_word_that_announces_it() {
    assert_eq!(order("Where is order #48213?"), ["order=48213"]);
    assert_eq!(order("Order No. 12345 never came"), ["order=12345"]);
    assert_eq!(order("ma commande n°55102 est en retard"), ["order=55102"]);
    assert_eq!(order("cde 56021 pas reçue"), ["order=56021"]);
    assert_eq!(order("numéro de commande : 77881"), ["order=77881"]);
    assert_eq!(order("my order number is 99812"), ["order=99812"]);
    assert_eq!(
        order("notre commande professionnelle n° 70345"),
        ["order=70345"]
    );
}

#[test]
fn trap_a_phone_number_is_not_an_order_number() {
    assert!(order("About my order, call me on 07700 900123").is_empty());
    assert!(order("order 0161 496 0753").is_empty());
}

#[test]
fn trap_a_postcode_a_date_or_an_amount_is_not_an_order_number() {
    assert!(order("Send my order to 12 rue des Lilas, 69003 Lyon").is_empty());
    assert!(order("My order from 12/11 is late").is_empty());
    assert!(order("commande 12/11/2026 jamais reçue").is_empty());
    assert!(order("une commande de 3000 € passée hier").is_empty());
}

#[test]
fn trap_a_code_sku_po_tracking_or_gift_card_number_is_not_an_order_number() {
    assert!(order("I want to return SKU 4471-B from my order").is_empty());
    assert!(order("Order 55-2210 arrived instead of 55-2201").is_empty());
    assert!(order("Please put PO number 4500123 on the invoice").is_empty());
    assert!(order("tracking number 1Z999AA10123456784 shows nothing").is_empty());
    assert!(order("gift card 6035 1234 5678 9012 balance?").is_empty());
}

#[test]
fn trap_two_different_order_numbers_give_none() {
    assert!(order("order 12345 arrived but order 12346 did not").is_empty());
}

#[test]
fn a_value_must_fit_the_pattern() {
    let six = Regex::new("^[0-9]{6}$").expect("test pattern");
    let slot = Slot {
        name: "order",
        description: Some("Order number"),
        pattern: Some(&six),
        example: None,
    };
    assert!(extract("order 12345", std::slice::from_ref(&slot)).is_empty());
    assert_eq!(extract("order 123456", &[slot]).len(), 1);
}

#[test]
fn a_ticket_number_is_read_after_ticket_case_or_reference() {
    assert_eq!(
        values("Any news on ticket #5521?", &["ticket"]),
        ["ticket=5521"]
    );
    assert_eq!(
        values("Ma demande (référence 61380) ?", &["ticket", "order"]),
        ["ticket=61380"]
    );
    assert!(values("l'article référence 44712 est défectueux", &["ticket"]).is_empty());
    assert!(values("réf. 44712", &["ticket"]).is_empty());
}

#[test]
fn a_tracking_number_is_read_after_tracking_or_suivi() {
    assert_eq!(
        values("numéro de suivi : 6A12345678901", &["tracking_number"]),
        ["tracking_number=6A12345678901"]
    );
    assert!(
        values(
            "my tracking says delivered, order 34508",
            &["tracking_number"]
        )
        .is_empty()
    );
}

// E-mail addresses, links.

#[test]
fn of_two_addresses_the_new_one_is_taken() {
    let email = |m: &str| values(m, &["email"]);
    assert_eq!(
        email("change it from a.b@old.com to a.b@new.co.uk please"),
        ["email=a.b@new.co.uk"]
    );
    assert_eq!(
        email("l'ancienne : x@free.fr, la nouvelle : y@gmail.com."),
        ["email=y@gmail.com"]
    );
    assert_eq!(
        email("Account email: priya@example.org"),
        ["email=priya@example.org"]
    );
    assert_eq!(
        email("Please update my email to me@proton.me"),
        ["email=me@proton.me"]
    );
}

#[test]
fn trap_only_the_old_address_gives_none() {
    assert!(
        values(
            "my current address is tom@example.com, new one to follow",
            &["email"]
        )
        .is_empty()
    );
    assert!(values("mon ancienne adresse était tom@example.com", &["email"]).is_empty());
    assert!(values("i dont have access to jk@hotmail.com anymore", &["email"]).is_empty());
}

#[test]
fn a_link_is_taken_when_it_is_the_one_the_variable_describes() {
    let m = "the tracking link https://track.example/1Z84A7. shows nothing";
    assert_eq!(
        values(m, &["tracking_url"]),
        ["tracking_url=https://track.example/1Z84A7"]
    );
    assert!(values("see https://shop.example/item/4", &["tracking_url"]).is_empty());
    assert!(
        values(
            "reset link https://acme.example/reset/x expired",
            &["reset_url"]
        )
        .is_empty()
    );
}

// Amounts.

#[test]
fn an_amount_keeps_its_currency_and_its_local_form() {
    let amount = |m: &str| values(m, &["amount"]);
    assert_eq!(amount("please refund the €49.90"), ["amount=€49.90"]);
    assert_eq!(amount("remboursement de 49,90 € svp"), ["amount=49,90 €"]);
    assert_eq!(
        amount("la facture de 2 350,00 € est payée"),
        ["amount=2 350,00 €"]
    );
    assert_eq!(amount("you charged me $120 twice"), ["amount=$120"]);
    assert_eq!(amount("prélevé 2 x 129,99 € !"), ["amount=129,99 €"]);
}

#[test]
fn trap_an_amount_without_currency_or_not_the_one_charged_gives_none() {
    let amount = |m: &str| values(m, &["amount"]);
    assert!(amount("j'ai payé 39.90 pour rien").is_empty());
    assert!(amount("I paid €120 and now it's €95").is_empty());
    assert!(amount("I was given a £50 gift card, how much is left?").is_empty());
    assert!(amount("we will order for about €3,000, can you invoice us?").is_empty());
    assert!(amount("My basket is €80 and the code fails").is_empty());
}

// Codes.

#[test]
fn a_code_with_a_literal_prefix_is_taken_anywhere() {
    assert_eq!(
        values("Lost INV-2026-0377, resend?", &["invoice"]),
        ["invoice=INV-2026-0377"]
    );
}

#[test]
fn a_code_without_a_prefix_needs_its_announcing_word() {
    assert_eq!(
        values("notre numéro de TVA : FR40123456789", &["vat_number"]),
        ["vat_number=FR40123456789"]
    );
    assert!(values("reference FR40123456789 please", &["vat_number"]).is_empty());
    assert_eq!(
        values("the code SPRING25 is refused", &["discount_code"]),
        ["discount_code=SPRING25"]
    );
}

#[test]
fn trap_an_error_code_a_shout_or_a_lowercase_code_is_not_a_discount_code() {
    let code = |m: &str| values(m, &["discount_code"]);
    assert!(code("checkout shows error code CHK77").is_empty());
    assert!(code("code NOT WORKING!!").is_empty());
    assert!(code("code 'save15' won't work").is_empty());
}

// Organisations, roles, dates.

#[test]
fn a_company_is_known_by_its_legal_form_trade_or_introduction() {
    let company = |m: &str| values(m, &["company"]);
    assert_eq!(
        company("Hi, this is Tom from Redwood Ltd."),
        ["company=Redwood Ltd"]
    );
    assert_eq!(
        company("nous sommes la société Garnier, merci"),
        ["company=Garnier"]
    );
    assert_eq!(
        company("Regards,\nAmir, Eastside Dental"),
        ["company=Eastside Dental"]
    );
    assert!(company("Regards,\nAmir Patel").is_empty());
}

#[test]
fn a_carrier_is_one_the_message_names() {
    assert_eq!(
        values("Chronopost dit livré", &["carrier"]),
        ["carrier=Chronopost"]
    );
    assert!(values("ups, wrong parcel", &["carrier"]).is_empty());
    assert!(values("DHL handed it to DPD", &["carrier"]).is_empty());
}

#[test]
fn a_plan_is_named_like_the_variables_example() {
    assert_eq!(
        values("I'd like to move to Acme Premium.", &["plan"]),
        ["plan=Acme Premium"]
    );
    assert!(values("passer à la formule Premium", &["plan"]).is_empty());
}

#[test]
fn a_role_gives_the_first_name_next_to_it() {
    let am = |m: &str| values(m, &["account_manager"]);
    assert_eq!(
        am("Our account manager, Sarah, told me to ask"),
        ["account_manager=Sarah"]
    );
    assert_eq!(
        am("Notre chargée de compte Inès est absente"),
        ["account_manager=Inès"]
    );
}

#[test]
fn a_due_date_is_the_one_said_to_be_due() {
    let m = "invoice due on 3 March, we paid on 1 March";
    assert_eq!(values(m, &["due_date"]), ["due_date=3 March"]);
    assert!(values("delivered 02/09, still no refund", &["due_date"]).is_empty());
}

#[test]
fn a_kind_that_cannot_be_decided_gives_nothing() {
    let m = "Hi, I'm Ana. My app shows 1250 points for order 4411 and the Trail 30L backpack is due 3 May";
    assert_eq!(
        values(m, &["agent", "points", "product", "delivery_date", "name"]),
        ["name=Ana"]
    );
}

#[test]
fn a_value_never_holds_a_control_character() {
    let m = "tracking link https://track.example/A\u{202e}B1";
    for v in values(m, &["tracking_url"]) {
        assert!(!v.chars().any(crate::domain::text::is_hidden), "{v:?}");
    }
}
