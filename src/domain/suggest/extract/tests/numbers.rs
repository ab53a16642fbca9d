//! Order, ticket and tracking numbers, and what is not one.

use regex_lite::Regex;

use super::{gives_none, order, values};
use crate::domain::suggest::extract::{Known, Slot, extract};

#[test]
fn an_order_number_is_read_after_the_word_that_announces_it() {
    assert_eq!(order("Where is order #48213?"), ["order=48213"]);
    assert_eq!(order("Order No. 12345 never came"), ["order=12345"]);
    assert_eq!(order("ma commande n°55102 est en retard"), ["order=55102"]);
    assert_eq!(order("cde 56021 pas reçue"), ["order=56021"]);
    assert_eq!(order("numéro de commande : 77881"), ["order=77881"]);
    assert_eq!(order("my order number is 99812"), ["order=99812"]);
    assert_eq!(order("Order - 33107 - damaged"), ["order=33107"]);
    assert_eq!(
        order("notre commande professionnelle n° 70345"),
        ["order=70345"]
    );
}

#[test]
fn a_number_written_with_a_hash_alone_is_an_order_number() {
    assert_eq!(order("Hi, #48213 still hasn't shipped"), ["order=48213"]);
    assert!(order("Any news on ticket #5521?").is_empty());
    assert!(order("invoice #20391 is wrong").is_empty());
    assert!(order("#4821 and #4822 both late").is_empty());
}

#[test]
fn trap_two_numbers_that_could_each_be_the_order_give_none() {
    // A correction, a list, or a second order: which one is meant, the
    // message does not settle.
    for message in [
        "Hi, order 12345 arrived damaged. Sorry typo, it's 12346. Tom",
        "Hi, my order is #48213, actually sorry it's #48231. Where is it?",
        "Bonjour, commande 12345 arrivée cassée. Pardon, je me suis trompé, c'est la 12346.",
        "Hi, my orders #12345 and #12346 both arrived damaged.",
        "order 12345 (and also 12346) arrived damaged",
        "ma commande 12345 est arrivée cassée, la 12346 aussi",
        "order 12345 arrived damaged. I also placed #12346 yesterday",
    ] {
        assert!(order(message).is_empty(), "{message}");
    }
    // Numbers of other things, or of another shape, leave the order be.
    for message in [
        "order 12345 arrived damaged, ticket 55123",
        "order 12345 arrived damaged, I paid 129.99 on 12/03/2026, call 0612345678",
        "order 12345 from 2025 never came",
        "commande 81345 : livrez au 15 avenue Jean Jaurès, 31000 Toulouse",
    ] {
        assert!(!order(message).is_empty(), "{message}");
    }
}

#[test]
fn trap_a_hash_number_named_as_another_things_is_not_an_order_number() {
    assert!(order("Where is my order? Postcode #75011").is_empty());
    assert!(order("The model #48213 you sent is broken").is_empty());
    assert!(order("My booking #48213 was cancelled").is_empty());
    assert!(order("Parcel #48214 is missing").is_empty());
    assert_eq!(order("Where is #48213?"), ["order=48213"]);
    assert!(order("J'habite au #1234 rue Victor Hugo").is_empty());
    assert!(order("Bonjour, ma commande 1500 € n'est pas arrivée").is_empty());
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
    assert!(order("Can I order 1500 more before Christmas?").is_empty());
    assert!(order("I'd like to order 1000 of the blue mugs").is_empty());
    assert!(order("ma commande 1000 cartes de visite est floue").is_empty());
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
    assert!(order("Refund order 44017 and 44018 please").is_empty());
    assert!(order("order 44019 or 44020, I'm not sure which, hasn't arrived").is_empty());
    assert!(order("Refund for order 42027 (and 42028)").is_empty());
    assert!(order("orders 44017, 44018 never came").is_empty());
}

#[test]
fn a_phone_number_after_the_order_number_is_no_second_order() {
    assert_eq!(order("Order 70233, 07700 900318"), ["order=70233"]);
}

#[test]
fn trap_someone_elses_order_or_a_purchase_order_is_not_the_customers() {
    assert!(order("Someone else's order 84120 was delivered to me, mine hasn't come").is_empty());
    assert!(order("My friend's order 42010 arrived in 2 days but mine is late").is_empty());
    assert!(order("Purchase order 78122 needs an invoice").is_empty());
    assert!(order("I received order 85120 which isn't mine! It's for Tom Brown").is_empty());
    assert!(order("J'ai reçu la commande 85120, elle n'est pas à moi").is_empty());
    assert!(order("Our purchase order number is 42014. Please send the invoice").is_empty());
    assert_eq!(
        order("My neighbour's order came but my order 42011 did not"),
        ["order=42011"]
    );
}

#[test]
fn a_value_must_fit_the_pattern() {
    let six = Regex::new("^[0-9]{6}$").expect("test pattern");
    let slot = Slot {
        name: "order",
        description: Some("Order number"),
        pattern: Some(&six),
        ..Slot::default()
    };
    assert!(
        extract(
            "order 12345",
            std::slice::from_ref(&slot),
            &Known::default()
        )
        .is_empty()
    );
    assert_eq!(extract("order 123456", &[slot], &Known::default()).len(), 1);
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
    assert_eq!(
        values(
            "Ma réclamation n° 6604517 est restée sans réponse",
            &["ticket"]
        ),
        ["ticket=6604517"]
    );
    assert!(values("l'article référence 44712 est défectueux", &["ticket"]).is_empty());
    assert!(values("réf. 44712", &["ticket"]).is_empty());
}

#[test]
fn another_reference_is_read_after_what_it_numbers() {
    for m in [
        "my booking QX7P2L was cancelled",
        "booking reference: QX7P2L",
        "Réservation n° QX7P2L, départ demain",
        "ma resa QX7P2L",
        "Ref QX7P2L, London to Paris on the 14th",
    ] {
        assert_eq!(values(m, &["booking"]), ["booking=QX7P2L"], "{m}");
    }
}

#[test]
fn trap_a_train_a_time_or_two_bookings_give_no_booking_reference() {
    gives_none(
        "booking",
        &[
            "my booking for 2 adults on train 9043 at 14:05",
            "booking QX7P2L and booking ZZ81KA, both wrong",
            "I booked ABC123 online",
            "booking qx7p2l",
            "the ref. 44712 lamp, booking for two",
            "article ref QX7P2L is out of stock",
        ],
    );
}

#[test]
fn an_identifier_is_read_after_its_variables_name() {
    for m in [
        "Workspace: oakline-arch",
        "please close workspace pinecone-studio",
        "Screenshot attached. Workspace fennel-labs",
        "Workspace: 'north-star-labs'",
        "workspace = tide-water",
        "Workspace : « studio-lumen »",
    ] {
        let id = m
            .rsplit([' ', ','])
            .find(|w| w.contains('-'))
            .unwrap_or_default()
            .trim_matches('\'');
        assert_eq!(
            values(m, &["workspace"]),
            [format!("workspace={id}")],
            "{m}"
        );
    }
}

#[test]
fn trap_a_plain_word_after_the_variables_name_is_not_an_identifier() {
    gives_none(
        "workspace",
        &[
            "our workspace is slow today",
            "the workspace is super-slow",
            "our workspace is pinecone-studio",
            "workspace est-ce normal",
            "workspace: pouvez-vous le fermer",
        ],
    );
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

#[test]
fn trap_a_parking_ticket_or_a_banks_case_is_no_support_ticket() {
    let ticket = |m| values(m, &["ticket"]);
    assert!(
        ticket("I have a parking ticket 44512 because your driver blocked my drive!").is_empty()
    );
    assert!(ticket("I filed a chargeback. My bank's case number is 99813.").is_empty());
    assert!(ticket("The police case number is 44120881, my account was hacked").is_empty());
    assert_eq!(ticket("Any news on ticket 44512?"), ["ticket=44512"]);
    assert!(ticket("Order 70512 never came. Evri ticket 55123 was closed.").is_empty());
    assert!(order("I bought it on Amazon order 55123123, can you help?").is_empty());
    assert_eq!(ticket("Urgent ticket 44512, please"), ["ticket=44512"]);
    assert_eq!(
        order("We ordered the 75 inch LG (order 19264835)"),
        ["order=19264835"]
    );
    assert_eq!(
        order("We ordered the 75 inch LG (order 19264835)"),
        ["order=19264835"]
    );
    assert_eq!(
        order("Bonjour. La commande 55102 n'est pas arrivée"),
        ["order=55102"]
    );
}

#[test]
fn beside_someone_elses_the_reference_the_customer_calls_theirs_is_taken() {
    assert_eq!(
        order("I got someone else's order in my parcel, order 40219788. Mine was 40219789."),
        ["order=40219789"]
    );
    assert_eq!(
        order("Order 40219788 is on the bag but mine is 40219789"),
        ["order=40219789"]
    );
    // Only where a number of the kind was found: mine is no ticket.
    assert!(
        values(
            "Order 40219788 is on the bag but mine is 40219789",
            &["ticket"]
        )
        .is_empty()
    );
}

#[test]
fn a_reply_says_when_it_hands_a_code_to_the_customer() {
    use crate::domain::suggest::extract::given;
    for body in [
        "To say thanks, here is a code for 15% off your next purchase: {{ discount_code }}.",
        "If price is the reason, I can offer you three months at half price with the code {{ discount_code }}.",
        "Your personal code {{ discount_code }} also gives you 20% off.",
        "Pour vous remercier, voici un code de réduction : {{ discount_code }}.",
        "Je peux vous proposer trois mois à moitié prix avec le code {{ discount_code }}.",
    ] {
        assert!(given(body, "discount_code"), "{body}");
    }
    // The customer's own code, checked.
    assert!(!given(
        "I've checked your account and {{ discount_code }} is valid and ready to use.",
        "discount_code"
    ));
}

/// The customer's code that failed is never the one a reply gives.
#[test]
fn trap_a_code_the_reply_gives_is_not_read_from_the_message() {
    let slot = |given| Slot {
        name: "discount_code",
        description: Some("Discount code, capital letters and digits"),
        pattern: None,
        example: Some("THANKYOU15"),
        worked_out: false,
        given,
        changed_to: false,
    };
    let message = "I want to cancel my membership. I tried code SAVE20 but it didn't help. Anna";
    assert_eq!(extract(message, &[slot(true)], &Known::default()), []);
    let checked = extract(message, &[slot(false)], &Known::default());
    assert_eq!(checked[0].1.value, "SAVE20");
}

#[test]
fn a_reply_says_when_its_amount_is_a_sum_its_agent_works_out() {
    use crate::domain::suggest::extract::worked_out;
    assert!(worked_out(
        "I've refunded the difference of {{ amount }} to your card.",
        "amount"
    ));
    assert!(worked_out(
        "J'ai crédité votre compte de {{ amount }}.",
        "amount"
    ));
    assert!(worked_out(
        "Your card has a balance of {{ amount }}.",
        "amount"
    ));
    // Only in the sentence of its first use.
    assert!(!worked_out(
        "Prices differ. I've refunded {{ amount }} for order {{ order }}.",
        "amount"
    ));
    assert!(!worked_out(
        "A refund of {{ amount }} is on its way.",
        "amount"
    ));
}

#[test]
fn a_price_paid_is_not_a_sum_worked_out_unless_named_so() {
    let slot = Slot {
        name: "amount",
        description: Some("Amount with its currency"),
        pattern: None,
        example: None,
        worked_out: true,
        given: false,
        changed_to: false,
    };
    let amount = |m: &str| {
        extract(m, std::slice::from_ref(&slot), &Known::default())
            .into_iter()
            .map(|(_, f)| f.value)
            .collect::<Vec<_>>()
    };
    assert!(amount("I bought the backpack for £75 and now it's on sale").is_empty());
    assert!(amount("j'ai payé 250 € pour la commande 45679, c'est catastrophique").is_empty());
    assert!(amount("I currently pay £9.99 a month").is_empty());
    assert_eq!(amount("please refund me the £15 difference"), ["£15"]);
    // What it started at, from which the sum is worked out.
    assert!(amount("How much is left on my gift card? It was £50 originally.").is_empty());
    assert!(amount("Il reste combien sur ma carte ? Elle avait 50 € au départ.").is_empty());
    // Named beside the amount, not anywhere in its sentence.
    for paid in [
        "I bought the jacket for £75 and now it's on sale, can I get the difference back?",
        "J'ai payé 250 € et maintenant c'est en promo, pouvez-vous me rembourser la différence ?",
        "I bought a £50 gift card for my mum, can you tell me the balance?",
        "£75 is what I paid for the jacket, and now it's £60",
        "Je l'ai acheté 250 € la semaine dernière et il est maintenant en solde",
        "J'ai acheté la veste à 80 € et elle est en soldes",
    ] {
        assert!(amount(paid).is_empty(), "{paid}");
    }
    assert_eq!(
        amount("after what I paid on it, the balance is £20"),
        ["£20"]
    );
    assert_eq!(
        amount("charged twice for the same eye test - £25 on 3 March"),
        ["£25"]
    );
    assert_eq!(
        amount("I owe £240 on my unit, can I pay in two goes?"),
        ["£240"]
    );
}

#[test]
fn trap_a_case_number_another_organisation_named_near_it_gave_is_no_support_ticket() {
    gives_none(
        "ticket",
        &[
            "Any update on my complaint? PayPal case #48213. Thanks, Tom",
            "Case 48213 with my bank is still open, can you help?",
            "The ombudsman's reference is 48213.",
            "I've reported it to the police, case 48213",
            "Royal Mail gave me case number 48213 but nothing happened",
            "I opened a Klarna case 48213 last week",
            "My Visa case 48213 was closed",
            "Colissimo : réclamation n° 48213, toujours rien",
            "Ma banque a ouvert le dossier 48213",
            "Dossier 48213 chez mon assurance, toujours en attente",
            "The DPD driver gave me ticket 55123",
            // A lawyer's or an adviser's file is theirs.
            "I'll take this further, my solicitors' reference is case 48213.",
            "My attorney opened case 48213 against you.",
            "Mon avocat a ouvert le dossier 48213.",
            "I went to Citizens Advice and they gave me case 48213.",
            "Trading Standards gave me case number 48213 for this.",
            "Ofcom opened case 48213 about your service.",
        ],
    );
    // The customer's own ticket beside a word that names no other body.
    for m in [
        "Any update on my complaint? Case #48213. Thanks, Tom",
        "I paid with PayPal. Ticket 48213 is still open",
        "Your agent gave me ticket 48213 yesterday",
        "Le dossier 48213 est toujours ouvert, merci",
    ] {
        assert_eq!(values(m, &["ticket"]), ["ticket=48213"], "{m}");
    }
}

#[test]
fn trap_a_lot_or_an_extension_written_with_a_hash_is_not_an_order_number() {
    gives_none(
        "order",
        &[
            "It says Lot #48213 on the bottom, is it affected?",
            "Call me on ext. #48213 please",
            "The batch #48213 label is smudged",
            "Serial #48213 won't switch on",
        ],
    );
    assert_eq!(
        order("It says #48213 on the box, where is it?"),
        ["order=48213"]
    );
    assert_eq!(order("A lot of things: where is #48213?"), ["order=48213"]);
    // "A lot" in another clause is how much, not a product's lot.
    for m in [
        "Thanks a lot! #48213 still hasn't arrived",
        "Waited a lot, #48213 still hasn't arrived",
        "Thanks a lot. #48213 still hasn't arrived",
    ] {
        assert_eq!(order(m), ["order=48213"], "{m}");
    }
    gives_none(
        "order",
        &[
            "Lot no. #48213 is faulty",
            "Serial number: #48213 won't switch on",
        ],
    );
}

/// An invoice numbered in digits alone is announced as an order is; a
/// number of something else, or one no word announces, is not it.
#[test]
fn an_invoice_of_digits_is_read_after_the_word_that_announces_it() {
    let seven = Regex::new("^[0-9]{7}$").expect("test pattern");
    let invoice = Slot {
        name: "invoice",
        description: Some("Invoice number, top right of every invoice: seven digits"),
        pattern: Some(&seven),
        example: Some("2041378"),
        ..Slot::default()
    };
    let read = |message: &str| -> Vec<String> {
        extract(message, std::slice::from_ref(&invoice), &Known::default())
            .into_iter()
            .map(|(_, c)| c.value)
            .collect()
    };
    assert_eq!(read("Hi, invoice 2051184 is £486.20, why?"), ["2051184"]);
    assert_eq!(read("la facture n° 2052310 de 214,60 €"), ["2052310"]);
    assert_eq!(read("£92 for ear drops?!! Invoice 2049967."), ["2049967"]);
    assert!(read("Can I get last month's bill? Account no. 3318204.").is_empty());
    assert!(read("My order 2051184 has not come").is_empty());
}
