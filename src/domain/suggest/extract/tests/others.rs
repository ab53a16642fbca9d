//! E-mail addresses, links, amounts, codes, organisations, roles, dates.

use super::super::{Known, Slot, extract};
use super::{gives_none, order, values};

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
    assert_eq!(
        email("It used to be bob@old.io, it's now bob@new.io."),
        ["email=bob@new.io"]
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
    assert!(
        values(
            "my email (sam@old.net) is wrong, new one tomorrow",
            &["email"]
        )
        .is_empty()
    );
    assert!(values("i dont have access to jk@hotmail.com anymore", &["email"]).is_empty());
    assert!(
        values(
            "Please change my email address; you have the wrong one: wrong@example.com",
            &["email"]
        )
        .is_empty()
    );
}

#[test]
fn trap_two_addresses_offered_as_alternatives_give_none() {
    let email = |m: &str| values(m, &["email"]);
    // An address no longer used is an old one.
    assert!(email("Hi, please change my email address. I no longer use jo@aol.com.").is_empty());
    assert!(email("changez mon adresse mail marie.d@gmail.com, je ne l'utilise plus").is_empty());
    assert!(email("change my email address to a@example.com or to b@example.com").is_empty());
    // The address an account is registered with beside a new one to write
    // to, no change asked: which the reply wants, the message does not say.
    assert!(
        email("Close my account please, I signed up with a@example.com. Reply to my new address b@example.com.")
            .is_empty()
    );
    assert_eq!(
        email("I registered with a@example.com, please update my email to b@example.com"),
        ["email=b@example.com"]
    );
    assert_eq!(
        email("the wrong one is on file, please use b@example.com"),
        ["email=b@example.com"]
    );
}

#[test]
fn trap_the_address_to_change_a_business_or_someone_elses_gives_none() {
    gives_none(
        "email",
        &[
            "I want to change my email. Currently it's karen@old.com",
            "karen@old.com is my email, can you change it?",
            "Please change my email, I no longer use the hotmail one.\n\nGrace Liu\ngrace.liu@hotmail.co.uk",
            "I'd like to change my email.\n\nThanks,\nPaul Green\npaul.green@oldcorp.com",
            "Please change my email. I already emailed support@acme.example but no answer.",
            "Got a mail from noreply@acme.example about my order",
            "Please cc my colleague tom@brightline.co.uk on the invoice",
            "Can you send the confirmation to my wife's email, sue@mail.com?",
            "The hacker changed the email to hacker@evil.com",
            "my account's been compromised - somebody changed the email address to x9x9@protonmail.com and I can't log in",
            "my account was hacked! someone changed my email to hacker@evil.com. Please put it back.",
            "mon compte a été piraté, quelqu'un a changé mon adresse mail en pirate@yandex.ru",
            "I signed up with bob@acme.io but my colleague added me as robert@acme.io",
            "My account email was changed to scam@evil.com, I didn't do that! Change it back please. Jo",
            "Please change the email on my account. Someone hacked it and changed it to hacker@evil.com.",
            "Mon adresse a été remplacée par inconnu@mail.ru, ce n'est pas moi !",
            "Please change my email to my work one, I'll send it from there. For now reply to jo@gmail.com",
        ],
    );
}

#[test]
fn the_address_changed_to_is_taken_and_two_new_ones_give_none() {
    let email = |m: &str| values(m, &["email"]);
    // The one in use "for now" is neither.
    assert_eq!(
        email("please change my email to new@example.com. For now reply to temp@example.com."),
        ["email=new@example.com"]
    );
    assert_eq!(
        email("Please update my email to karen@brightline.co.uk"),
        ["email=karen@brightline.co.uk"]
    );
    // Two new ones: which is the account's is the customer's to say.
    assert!(
        email(
            "Please update my email to karen@brightline.co.uk and send the invoice to accounts@brightline.co.uk"
        )
        .is_empty()
    );
    assert_eq!(
        email("pourriez-vous remplacer mon adresse mail par claire@orange.fr ?"),
        ["email=claire@orange.fr"]
    );
    assert_eq!(
        email("je voudrais changer l'adresse mail de mon compte pour jade@orange.fr merci"),
        ["email=jade@orange.fr"]
    );
    assert_eq!(
        email("My new email is ana@new.io, please update it"),
        ["email=ana@new.io"]
    );
}

#[test]
fn trap_a_link_the_customer_says_does_not_work_is_not_sent_back() {
    for m in [
        "the tracking link https://track.example/1Z84A7 doesn't open",
        "I tried https://track.example/1Z84A7 but it's a dead link",
        "le lien de suivi https://track.example/1Z84A7 ne marche pas",
        "tracking https://track.example/1Z84A7 gives a 404 error",
    ] {
        assert!(values(m, &["tracking_url"]).is_empty(), "{m}");
    }
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
    // Pounds spoken.
    assert_eq!(amount("you charged me 30 quid"), ["amount=30 quid"]);
    // Overcharged and overpaid are charged and paid.
    assert_eq!(
        amount("there was a 20 euro overcharge on order 1245"),
        ["amount=20 euro"]
    );
    assert_eq!(amount("I was overcharged 20 euros"), ["amount=20 euros"]);
    assert_eq!(amount("I overpaid £12.50"), ["amount=£12.50"]);
    // A weight, or a currency's name qualifying a thing, is no money; a
    // money word after it is.
    assert!(amount("the parcel weighed 4 pounds, charged twice").is_empty());
    assert!(amount("charged twice, the box weighs 10 Pounds").is_empty());
    assert_eq!(
        amount("2 pounds of cheese for £12.50, charged twice"),
        ["amount=£12.50"]
    );
    assert!(amount("I ordered 20 euro pallets, charged twice").is_empty());
    assert!(amount("charged twice for 4 Euro plugs").is_empty());
    assert_eq!(amount("a 30 euro refund was promised"), ["amount=30 euro"]);
    assert_eq!(
        amount("a 20 euro overcharge, refund it"),
        ["amount=20 euro"]
    );
    assert_eq!(
        amount("the 4 pound delivery charge twice"),
        ["amount=4 pound"]
    );
    assert!(amount("a parcel of 4 pounds, charged twice").is_empty());
    assert!(amount("it is 10 pounds heavier, charged twice").is_empty());
    assert_eq!(amount("I paid 20 euro for it twice"), ["amount=20 euro"]);
    // A currency after the figures, in any case.
    assert_eq!(amount("you charged me 30 Euros"), ["amount=30 Euros"]);
    assert_eq!(amount("you charged me 30 eur"), ["amount=30 eur"]);
    assert_eq!(amount("you charged me 3 Dollars"), ["amount=3 Dollars"]);
    // Cents after the sign, right against it.
    assert_eq!(amount("rembourser 12€50 svp"), ["amount=12€50"]);
}

#[test]
fn trap_a_sign_between_two_numbers_is_the_next_ones() {
    let amount = |m: &str| values(m, &["amount", "order"]);
    assert_eq!(
        amount("Refund order 40501 £30 please"),
        ["amount=£30", "order=40501"]
    );
    assert_eq!(
        amount("Refund order 40501 EUR 30 please"),
        ["amount=EUR 30", "order=40501"]
    );
    // Two numbers or one with its cents: which, nothing tells.
    gives_none(
        "amount",
        &[
            "remboursez 12 € 50 commande 40501",
            "remboursement de 40 euros 50 pour la commande 40501",
        ],
    );
}

#[test]
fn trap_an_address_cut_off_at_an_accent_or_an_apostrophe_is_none() {
    gives_none(
        "email",
        &[
            "Change my email to josé.muñoz@correo.es please",
            "Please change my account email to müller@example.de thanks",
            "Please change my email to o'brien@example.ie",
        ],
    );
}

#[test]
fn trap_a_value_the_customer_takes_back_is_not_taken_the_one_given_instead_is() {
    let email = |m: &str| values(m, &["email"]);
    assert_eq!(
        email("Change my email to jane.new@gmail.com. Sorry, I meant jane.new2@gmail.com"),
        ["email=jane.new2@gmail.com"]
    );
    assert_eq!(
        email(
            "changez mon adresse mail pour jane.new@gmail.com. Pardon, je voulais dire jane.nouveau@gmail.com"
        ),
        ["email=jane.nouveau@gmail.com"]
    );
    // Of two numbers, the one given instead of the first.
    assert_eq!(
        values(
            "My order is 77888. Sorry, I meant order 77889. It never arrived.",
            &["order"]
        ),
        ["order=77889"]
    );
    assert!(
        values(
            "Order 48213. Actually no, two orders: 48213 and 48214",
            &["order"]
        )
        .is_empty()
    );
    // Where the one given instead cannot be read, none is.
    gives_none(
        "new_day",
        &[
            "Can I move my appointment to Friday 6 March? Sorry, I meant Saturday 7 March.",
            "Can I move my appointment to Friday 6 March? Actually no, make it Saturday 7 March.",
            "Je peux décaler mon rendez-vous au vendredi 6 mars, enfin non, au samedi 7 mars.",
        ],
    );
    // "Plutôt" asks for a time of day here; it takes nothing back.
    assert_eq!(
        values(
            "je voudrais prendre rendez-vous le samedi 14 mars, plutôt le matin",
            &["new_day"]
        ),
        ["new_day=samedi 14 mars"]
    );
}

#[test]
fn trap_a_company_is_no_plan_and_a_name_cut_by_a_possessive_no_company() {
    let plan = |m: &str| values(m, &["plan"]);
    assert!(plan("I want to upgrade my plan. Tom, Director, Acme Widgets Ltd").is_empty());
    assert_eq!(plan("please move me to Acme Plus"), ["plan=Acme Plus"]);
    assert_eq!(plan("cancel my Acme Duo membership"), ["plan=Acme Duo"]);
    assert_eq!(plan("je veux la formule Acme Duo"), ["plan=Acme Duo"]);
    // The brand's other names are no plan.
    gives_none(
        "plan",
        &[
            "Please cancel my membership. Acme Support never answers. Jo",
            "I'd like to cancel my membership, I found Acme Outdoor cheaper. Jo",
            "Je veux résilier mon abonnement, Acme France ne répond jamais. Jo",
            "I want to upgrade my plan, I've been an Acme Member since 2019. Jo",
        ],
    );
    gives_none(
        "company",
        &[
            "I want to upgrade, I'm writing on behalf of St Mary's Primary School. Tom",
            "I'm the office manager at St Mary's Primary School",
        ],
    );
}

#[test]
fn trap_two_codes_of_the_one_shape_give_none() {
    let course = |m: &str| values(m, &["course"]);
    assert!(course("I can't open the course UXD305 nor UXD306, lessons won't load.").is_empty());
    assert_eq!(
        course("I can't open the course UXD305, lessons won't load."),
        ["course=UXD305"]
    );
}

#[test]
fn trap_an_order_french_says_is_someone_elses_is_not_taken() {
    gives_none(
        "order",
        &[
            "Ma commande n'est jamais arrivée, alors que celle de ma voisine, la commande 48299, est bien arrivée.",
            "Ma commande n'est jamais arrivée, alors que la commande 48299 de ma voisine est bien arrivée.",
        ],
    );
    // One placed for someone else is the customer's all the same.
    assert_eq!(
        order("je réclame une facture pour les lunettes de mon fils, commande 219358"),
        ["order=219358"]
    );
}

/// Of "£20 of the £50", the first is a part and the second the whole: what
/// the words before the part announce is the whole.
#[test]
fn of_a_part_and_its_whole_the_whole_is_announced() {
    assert_eq!(
        values(
            "My deposit came back short, only £20 of my £50.",
            &["deposit"]
        ),
        ["deposit=£50"]
    );
    assert_eq!(
        values("Deposit: they returned £20 out of £50, why?", &["deposit"]),
        ["deposit=£50"]
    );
}

/// An amount the customer doubts, the doubt said first, is none a reply
/// may repeat ("currently has a balance of £20").
#[test]
fn trap_an_amount_doubted_before_it_is_said_gives_none() {
    gives_none(
        "amount",
        &[
            "Gift card balance please - I think there's £20 left?",
            "What's left on my gift card? Maybe £20.",
            "Solde de ma carte cadeau ? Il reste peut-être 20 €.",
            "I believe you refunded £20 for order 48213, where is it?",
        ],
    );
    // "peut-on" is no doubt.
    assert_eq!(
        values("Peut-on étaler la facture de 1 250 € ?", &["amount"]),
        ["amount=1 250 €"]
    );
}

/// Plans told apart by a number ("Fibre 500") are read with any number
/// after the brand; the one moved from is not the one asked for.
#[test]
fn a_plan_named_by_a_number_is_read_whole() {
    let speed = |m: &str| values(m, &["speed"]);
    assert_eq!(
        speed("Could we move up to Fibre 900? Thanks"),
        ["speed=Fibre 900"]
    );
    assert_eq!(speed("I want Fibre 900 please"), ["speed=Fibre 900"]);
    gives_none(
        "speed",
        &[
            "I'm on Fibre 150 and it's slow",
            "Fibre is down again",
            // A count, a time, a share, or a longer name: no tier.
            "I joined Fibre 2 weeks ago and want faster",
            "Move me up, Fibre 100% down at night",
            "Can I upgrade to Fibre 1 Gig?",
            "Can I upgrade to Fibre 500 Plus?",
        ],
    );
}

/// A British postcode is read wherever it is written; five digits only
/// when said to be a postcode or written before a town, as an order's
/// number is as often five digits; the old one is not, and of two the new
/// one, else none.
#[test]
fn a_postcode_is_read_when_its_shape_or_its_words_say_so() {
    let postcode = |m: &str| values(m, &["postcode"]);
    assert_eq!(
        postcode("Is there a problem in BS3 4NX? Nobody on our road has internet."),
        ["postcode=BS3 4NX"]
    );
    assert_eq!(
        postcode("Code postal 69100, tout est coupé."),
        ["postcode=69100"]
    );
    assert_eq!(
        postcode("Nous déménageons au 74940 Annecy le 5 décembre."),
        ["postcode=74940"]
    );
    assert_eq!(
        postcode("New postcode is CF14 3RT (old one CF5 1AB)."),
        ["postcode=CF14 3RT"]
    );
    gives_none(
        "postcode",
        &[
            // Five digits said to be nothing else are an order's, maybe.
            "My order 48213 never came",
            "Internet coupé depuis 3 jours, commande 69100",
            // Two, neither said to be the new one.
            "Moving from BS7 8QT to BA2 4LN on Friday",
            // Only the old one.
            "My old postcode was CF5 1AB",
            // One the customer does not know, and another address's.
            "Broke down on the M20, no idea of the postcode. Home is CT18 8EE.",
            // Lower case misses the pattern.
            "postcode is ls12 3ab",
            // Five digits a word names as something else, before a town.
            "My internet is down. Account 48213 York",
            "No broadband, ref 12345 Leeds",
        ],
    );
    // The new one of a move is not the one moved from, or lived at now.
    gives_none(
        "new_postcode",
        &[
            "We move next week from BS7 8QT, please transfer the line",
            "I need broadband at the new place. I'm currently at BS7 8QT",
        ],
    );
    assert_eq!(
        values("Moving to CF14 3RT next week", &["new_postcode"]),
        ["new_postcode=CF14 3RT"]
    );
}

/// A sum the message names as another kind ("a £50 deposit") is no fee
/// nor rent; an amount of any kind, or a refund, takes it.
#[test]
fn trap_a_sum_named_as_another_kind_is_no_fee() {
    gives_none(
        "monthly_fee",
        &["I paid a £50 deposit when I joined, what's my monthly fee now?"],
    );
    gives_none("rent", &["I left a £200 deposit, what is my rent now?"]);
    gives_none(
        "monthly_fee",
        &[
            "Why has my monthly fee gone up? I paid a £50 security deposit",
            "Why has my monthly fee gone up? I paid a deposit of £50",
            "Why has my monthly fee gone up? The deposit was £50",
            "Why has my monthly fee gone up? I paid a £50 joining fee",
            "Why has my monthly fee gone up? I got a fine of £60",
        ],
    );
    assert_eq!(
        values("Please refund my £50 deposit for order 4455", &["amount"]),
        ["amount=£50"]
    );
    assert_eq!(
        values(
            "I pay £16.50 a month and paid a £50 deposit",
            &["monthly_fee"]
        ),
        ["monthly_fee=£16.50"]
    );
}

/// Nothing, a bank balance, a wage, or a cost the customer bore elsewhere
/// (a bank's fee, call charges, postage) is no sum of the order's.
#[test]
fn trap_an_amount_that_is_no_sum_of_the_orders_gives_none() {
    gives_none(
        "amount",
        &[
            "Where is my refund for order 48213? My account shows £0.00 refunded.",
            "I was charged twice for order 48213, my account is at -£75 now.",
            "Charged twice for order 48213 and my current account balance is £12.",
            "Charged twice for order 48213! I only make minimum wage, £11.44 an hour.",
            "Charged twice for order 48213, my salary is £1,400 and this hurts.",
            "on m'a débité deux fois la commande 48213, je gagne 12 € de l'heure",
            "Refund order 48213 please. I got a £25 overdraft fee because of your mistake.",
            "Refund order 48213 please. I paid £8 in phone charges chasing you.",
            "I sent order 48213 back and paid £3.95 postage, please refund me.",
            "Remboursez la commande 48213, j'ai eu 15 € de frais bancaires à cause de vous.",
            "Refund order 48213 please, bank charges of £25 are on me now.",
            "Refund for order 48213 please, I'm overdrawn by £230 because of you.",
            "Refund order 48213 please, my pension is £800 and I need it.",
            "Charged twice for order 48213, my paycheck is $1,200.",
            "Charged twice for order 48213, I've only got £12 left in my account.",
            "Refund order 48213 now, I'm £230 in the red because of you.",
            "Il me reste 12 € sur mon compte, remboursez la commande 48213 !",
            "Charged twice for order 48213 and I live on £800 of benefits.",
            "Charged twice for order 48213, I get £150 a week in benefits.",
            "I paid $4.50 shipping to send it back, refund order 48213 please.",
            "I paid £4.50 p&p to return order 48213, refund me please.",
            "Refund order 48213 please, I paid £8 for parking to collect it.",
            "I was charged twice for order 48213 and I only have £12 left on my card.",
            "I've got £12 left after you charged me twice for order 48213.",
            "I'm down to my last £12 after you charged me twice for order 48213.",
            "I get £800 universal credit a month and you charged me twice for order 48213.",
            "J'ai payé 6 € de frais de port pour le renvoyer, remboursez la commande 48213.",
            "Je suis à découvert de 230 € à cause de vous, remboursez la commande 48213.",
            "Il me reste 12 € après votre double prélèvement sur la commande 48213.",
            "Can you refund order 48213? I've only got £12 in my account",
            "Can you refund order 48213? There's £12 on my card",
            "Can you refund order 48213? I'm on £800 a month universal credit",
            "Can you refund order 48213? I get £400 PIP",
            "Can you refund order 48213? I paid £4.50 to send it back",
            "Can you refund order 48213? I paid £4.50 return postage",
            "Remboursez la commande 48213 svp, j'ai que 12 € sur mon compte",
        ],
    );
    // Postage asked back is the order's.
    assert_eq!(
        values(
            "Can you refund the £4.50 postage on order 48213?",
            &["amount"]
        ),
        ["amount=£4.50"]
    );
    assert_eq!(
        values("Can you refund the £4.50 p&p on order 48213?", &["amount"]),
        ["amount=£4.50"]
    );
    let amount = |m: &str| values(m, &["amount"]);
    // A dash between words is no minus; an overdraft asked for is one.
    assert_eq!(amount("Order 48213 - £30 charged twice"), ["amount=£30"]);
    assert_eq!(
        amount("Please refund the £35 for order 48213, I'm overdrawn now."),
        ["amount=£35"]
    );
    assert_eq!(
        amount("I was charged £30 twice, my bank fee will follow"),
        ["amount=£30"]
    );
    // Money taken from the account, or a refund into it, is the order's.
    assert_eq!(
        amount("You took £12 from my account twice for order 48213"),
        ["amount=£12"]
    );
    assert_eq!(
        amount("Vous avez prélevé 12 € sur mon compte deux fois"),
        ["amount=12 €"]
    );
    assert_eq!(
        amount("Refund the £4.50 shipping on order 48213, it came late"),
        ["amount=£4.50"]
    );
    // Money that left the account, postage the shop charged, what is left
    // to pay: the order's.
    assert_eq!(
        amount("I was charged twice, £49.90 left my account twice"),
        ["amount=£49.90"]
    );
    assert_eq!(amount("You charged me £4.50 p&p twice"), ["amount=£4.50"]);
    assert_eq!(
        amount("I was charged £4.50 for postage twice"),
        ["amount=£4.50"]
    );
    assert_eq!(
        amount("Il reste 12 € à payer sur la commande 48213, je paie comment ?"),
        ["amount=12 €"]
    );
}

#[test]
fn trap_an_amount_someone_else_paid_or_got_or_one_offered_is_not_the_customers() {
    gives_none(
        "amount",
        &[
            "Please refund order 48213. My husband's refund of €20 came through but mine didn't.",
            "I was charged twice for order 48213. My sister paid €49.90 for the same thing, once.",
            "I was charged twice for order 48213. My wife was charged £49.90 too.",
            "I was charged twice for order 48213. I could manage £40 if needed.",
            "on m'a débité deux fois, je peux verser 70 € ce mois-ci",
            "Refund order 48213 please, my uncle paid €35 for it as a gift.",
            "Refund for order 48213 please, my boyfriend paid £60 for it.",
            "Remboursez la commande 48213, mon copain a payé 60 € pour ça.",
        ],
    );
    let amount = |m: &str| values(m, &["amount"]);
    // A gift from someone is the customer's, unless they are said to pay.
    assert_eq!(
        amount("The voucher was a gift from my aunt, worth £50, and I was charged for it"),
        ["amount=£50"]
    );
    // The customer is the one paying or paid, whoever else the sentence names.
    assert_eq!(
        amount("my husband bought me a voucher and I was charged £150 for it twice"),
        ["amount=£150"]
    );
    assert_eq!(
        amount("Sent 300 euros to my brother's account, you charged it twice"),
        ["amount=300 euros"]
    );
    assert_eq!(
        amount("where's my refund? I can see a balance of £9.45 in the app"),
        ["amount=£9.45"]
    );
}

#[test]
fn trap_the_plate_of_a_vehicle_the_customer_met_is_not_theirs() {
    gives_none(
        "reg",
        &[
            "I was hit by a van, reg LR21 ABC. I'd like to make a claim.",
            "un véhicule immatriculé GH-456-JK a percuté ma voiture",
        ],
    );
    assert_eq!(
        values(
            "I'd like to book a car in for its MOT, reg AB12 CDE",
            &["reg"]
        ),
        ["reg=AB12 CDE"]
    );
}

#[test]
fn trap_where_a_price_went_up_to_is_not_what_it_was() {
    let rents = |m: &str| values(m, &["rent", "new_rent"]);
    assert_eq!(
        rents("why has my monthly rent gone up to £99? I've been paying £89 since I moved in."),
        ["new_rent=£99"]
    );
}

#[test]
fn trap_by_how_much_something_changed_is_no_amount_of_it() {
    gives_none(
        "amount",
        &[
            "why is my direct debit going up by £65 a month?",
            "mon prélèvement a augmenté de 15 € ce mois-ci, pourquoi ?",
        ],
    );
}

#[test]
fn of_a_change_the_variable_takes_the_end_it_names() {
    let rents = |m: &str| values(m, &["rent", "new_rent"]);
    assert_eq!(
        rents("just had the letter: my rent is going from £72 to £81 a month. Why?"),
        ["rent=£72", "new_rent=£81"]
    );
    assert_eq!(
        rents("vous passez mon loyer de 58 € à 65 € par mois, c'est excessif"),
        ["rent=58 €", "new_rent=65 €"]
    );
    // Two amounts no change joins: neither.
    assert!(rents("I pay £110.00 now and the email says £124.00 from May").is_empty());
}

#[test]
fn an_amount_for_a_period_is_a_periods_fee() {
    let fee = |m: &str| values(m, &["monthly_fee"]);
    assert_eq!(
        fee("I'd like to cancel. I pay £16.50 a month and the check-up was £40."),
        ["monthly_fee=£16.50"]
    );
    assert_eq!(
        fee("you took £24 for the card and £16.50/month since"),
        ["monthly_fee=£16.50"]
    );
    // Two monthly amounts: which one, nothing says; nor does "à payer".
    assert!(
        fee("I was on Glow at £29/month but you moved me to Signature (£79 a month)!").is_empty()
    );
    assert!(fee("J'ai réglé 600 € et il reste 850 € à payer.").is_empty());
    // A plan is not planned: no visit announces its fee.
    assert!(values("The visit was £40.", &["plan_fee"]).is_empty());
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

#[test]
fn trap_an_amount_said_to_be_about_that_much_gives_none() {
    let amount = |m: &str| values(m, &["amount"]);
    gives_none(
        "amount",
        &[
            "I paid almost £50 for my order, I want a refund",
            "I paid over £50 for my order, I want a refund",
            "I paid more than £50 for my order, I want a refund",
            "I paid ~£50 for my order, I want a refund",
            "I paid £50 or so for my order, I want a refund",
            "I paid £50ish for my order, I want a refund",
            "j'ai payé plus de 50 € pour ma commande, remboursez-moi",
            "remboursez ma commande, 50 € environ",
            "j'ai payé près de 50 € pour ma commande, remboursez-moi",
            "I paid $50 roughly for my order, I want a refund",
            "I paid at least $50 for my order, I want a refund",
            "I paid $50-60 for my order, I want a refund",
        ],
    );
    assert_eq!(
        amount("I paid £50 for my order, I want a refund"),
        ["amount=£50"]
    );
}

// Codes.

#[test]
fn a_code_with_a_literal_prefix_is_taken_anywhere() {
    assert_eq!(
        values("Lost INV-2026-0377, resend?", &["invoice"]),
        ["invoice=INV-2026-0377"]
    );
    // A number whose pattern starts with its own letters needs no word.
    assert_eq!(
        values(
            "pls cancel MM2280451, picked wrong resturant",
            &["shop_order"]
        ),
        ["shop_order=MM2280451"]
    );
    assert!(values("MM2280451 or MM2280452?", &["shop_order"]).is_empty());
    // Written with the space its pattern allows, or with a dash.
    assert_eq!(
        values("Chasing RMA 580932 again. Third email.", &["repair"]),
        ["repair=RMA 580932"]
    );
    assert_eq!(
        values("my laptop is under RMA-580932", &["repair"]),
        ["repair=RMA-580932"]
    );
}

#[test]
fn a_code_of_something_is_announced_by_that_thing_not_by_promo_words() {
    let course = |m: &str| values(m, &["course"]);
    assert_eq!(course("Course code MKT220. Cheers"), ["course=MKT220"]);
    assert_eq!(course("la formation PHO101 reste noire"), ["course=PHO101"]);
    assert!(course("the promo code SAVE10 fails").is_empty());
    assert_eq!(
        values(
            "identifiant partenaire P220945, on change la carte",
            &["partner"]
        ),
        ["partner=P220945"]
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
fn trap_a_postcode_an_order_or_a_kind_of_code_is_no_discount_code() {
    for message in [
        "The promo code won't apply at checkout. Postcode: SW1A1AA. Tom",
        "My discount code doesn't work. I live in Leeds, LS16AP. Tom",
        "Le code promo ne marche pas. Ma commande 4B7X9 est bloquée. Tom",
        "I can't log in to use my discount code, the 2FA code never comes. Tom",
    ] {
        assert!(values(message, &["discount_code"]).is_empty(), "{message}");
    }
    assert_eq!(
        values(
            "the THANKYOU15 code doesn't work at checkout",
            &["discount_code"]
        ),
        ["discount_code=THANKYOU15"]
    );
}

#[test]
fn trap_a_suppliers_number_is_not_the_customers() {
    for message in [
        "Please add our VAT number to the invoice. Our supplier's VAT number is DE123456789.",
        "Le numéro de TVA de notre fournisseur est DE123456789.",
        "notre numéro de TVA ? celui du fournisseur : FR40123456789",
    ] {
        assert!(values(message, &["vat_number"]).is_empty(), "{message}");
    }
    assert_eq!(
        values(
            "Our VAT number is DE123456789, our supplier is late.",
            &["vat_number"]
        ),
        ["vat_number=DE123456789"]
    );
}

#[test]
fn a_code_whose_pattern_fixes_its_shape_needs_no_word() {
    let course = |m: &str| values(m, &["course"]);
    assert_eq!(
        course("Lessons in UXD305 just show a spinning circle"),
        ["course=UXD305"]
    );
    assert_eq!(
        course("pendant l'examen final de RGP310 la page s'est figée"),
        ["course=RGP310"]
    );
    // Any mix of six capitals and digits is a booking: whose code it is,
    // only a word can tell.
    assert!(values("You confirmed the cancellation of 6FGH2K", &["booking"]).is_empty());
}

#[test]
fn trap_an_unannounced_code_of_another_thing_or_that_two_variables_fit_gives_none() {
    let course = |m: &str| values(m, &["course"]);
    assert!(course("the lesson page says error ABC123").is_empty());
    assert!(course("SKU KLM220 arrived broken").is_empty());
    assert!(course("UXD305 or PYT210, which one?").is_empty());
    // "UXD305" is a course code by its shape, and a booking's too.
    assert!(values("Lessons in UXD305 won't play", &["course", "booking"]).is_empty());
}

#[test]
fn trap_an_error_code_a_shout_or_a_lowercase_code_is_not_a_discount_code() {
    let code = |m: &str| values(m, &["discount_code"]);
    assert!(code("checkout shows error code CHK77").is_empty());
    assert!(code("promo code fails on SKU AB12345").is_empty());
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
    // Another parcel's carrier, or the customer's own job, is not this one's.
    gives_none(
        "carrier",
        &[
            "Order 48213 says delivered but I never got it. I was waiting for a UPS parcel from another shop too.",
            "Ma commande 48213 est livrée mais rien reçu. J'ai aussi eu un SMS de La Poste pour autre chose.",
            "Order 48213 says delivered but I never got it. I'm a DHL driver myself so I know how it works.",
            "Hi, order 48213 never arrived. I work for UPS so I know the depots. Anna",
            "Hi, order 48213 never arrived. I'm a UPS driver. Anna",
            "Hi, order 48213 never arrived. My husband works for UPS. Anna",
            "Hi, order 48213 never arrived. My neighbour's DHL parcel arrived today though. Anna",
        ],
    );
    assert_eq!(
        values(
            "The DHL driver left order 48213 at the wrong door",
            &["carrier"]
        ),
        ["carrier=DHL"]
    );
}

#[test]
fn a_plan_is_named_like_the_variables_example() {
    assert_eq!(
        values("I'd like to move to Acme Premium.", &["plan"]),
        ["plan=Acme Premium"]
    );
    assert!(values("passer à la formule Premium", &["plan"]).is_empty());
    // Of two, the one a change lands on; two named otherwise give none.
    assert_eq!(
        values(
            "I'd like to upgrade from Acme Basic to Acme Plus",
            &["plan"]
        ),
        ["plan=Acme Plus"]
    );
    assert!(values("Should I pick Acme Basic or Acme Plus?", &["plan"]).is_empty());
}

/// A plan the customer leaves out or says is someone else's is not the one
/// asked for; nor, for the plan a change lands on, the one they are on now.
#[test]
fn trap_a_plan_left_out_someone_elses_or_left_behind_is_not_the_one_asked_for() {
    gives_none(
        "plan",
        &[
            "I'd like to upgrade my plan, but not to Acme Premium, too expensive. Tom",
            "I'd like to upgrade my plan. My wife's plan is Acme Premium, I don't want that one. Tom",
            "I'd like to upgrade my plan. Her plan is Acme Premium. Tom",
            "Je voudrais changer de formule. La formule de ma femme est Acme Premium. Tom",
            "Je veux changer d'abonnement, mais pas pour la formule Acme Premium.",
            "Please upgrade my plan. Not Acme Premium.",
        ],
    );
    let plan = |m: &str| values(m, &["plan"]);
    assert_eq!(
        plan("Please move me to Acme Premium, not to Acme Plus. Tom"),
        ["plan=Acme Premium"]
    );
    assert_eq!(
        plan("My wife's plan is Acme Plus, I'd like Acme Premium. Tom"),
        ["plan=Acme Premium"]
    );
    // A relative named beside it does not make it theirs.
    assert_eq!(
        plan("I'd like to upgrade to Acme Family, so my son can use it too. Tom"),
        ["plan=Acme Family"]
    );
    // For a reply that reads the plan the customer has, the one they are
    // on now is it.
    assert_eq!(
        plan("Please cancel my membership. I'm currently on Acme Plus. Tom"),
        ["plan=Acme Plus"]
    );
    let new_plan = |m: &str| -> Vec<String> {
        let slot = Slot {
            name: "plan",
            description: Some("Subscription plan name"),
            pattern: None,
            example: Some("Acme Plus"),
            worked_out: false,
            given: false,
            changed_to: true,
        };
        extract(m, &[slot], &Known::default())
            .into_iter()
            .map(|(n, f)| format!("{n}={}", f.value))
            .collect()
    };
    for m in [
        "I'd like to upgrade my plan. I'm currently on Acme Plus. Tom",
        "I'd like to upgrade, I'm on Acme Plus at the moment. Tom",
        "Can I upgrade? My current plan is Acme Plus. Tom",
        "Can I upgrade? My current plan's Acme Plus. Tom",
        "J'aimerais changer de formule, je suis actuellement sur la formule Acme Plus.",
        "J'aimerais changer de formule, je suis abonnée à Acme Plus.",
        // Had, been on, a member of, moved from: the plan the change leaves.
        "I want a better plan, I have Acme Plus. Tom",
        "I'm an Acme Plus member and would like more. Tom",
        "I've been on Acme Plus since 2023, what's above it? Tom",
        "Can I go up from my Acme Plus membership to the next tier? Tom",
        "My Acme Plus plan is fine but I want more. Tom",
        "I pay £9.99 a month for Acme Plus, can I upgrade? Tom",
        "I switched to Acme Plus last year and want the next one now. Tom",
        "J'ai la formule Acme Plus et je voudrais la formule au-dessus.",
        "Je suis passée à Acme Plus l'an dernier, je veux mieux.",
    ] {
        assert_eq!(new_plan(m), Vec::<String>::new(), "{m}");
    }
    for m in [
        "I'm currently on Acme Basic and want to move to Acme Plus. Tom",
        "My current plan is Acme Basic, I'd like Acme Plus. Tom",
        "I'm on Acme Basic, please upgrade me to Acme Plus. Tom",
        "I'd like to be on Acme Plus. Tom",
        "Currently I want Acme Plus. Tom",
        "Je suis sur la formule Acme Basic et je veux passer à Acme Plus.",
        "Could I be moved to the Acme Plus plan? Tom",
        "Je voudrais passer a la formule Acme Plus.",
    ] {
        assert_eq!(new_plan(m), ["plan=Acme Plus"], "{m}");
    }
}

/// A reply that tells a change says which of its variables it lands on.
#[test]
fn a_reply_says_which_value_a_change_lands_on() {
    use crate::domain::suggest::extract::changed_to;
    for body in [
        "Great choice! I've upgraded your membership to {{ plan }}, effective today.",
        "J'ai fait passer votre abonnement à la formule {{ plan }} dès aujourd'hui.",
        "Welcome to your new plan, {{ plan }}.",
    ] {
        assert!(changed_to(body, "plan"), "{body}");
    }
    assert!(!changed_to(
        "I'm sorry to hear you'd like to cancel your {{ plan }} membership.",
        "plan"
    ));
    assert!(!changed_to("I've upgraded you. Hi {{ name }},", "name"));
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
    // An account manager is the business's to name: whoever the customer
    // works "with" or is served "by" is their own.
    for m in [
        "We'd like a business account. Our office is run by Sandra, she'll be the admin. Anna",
        "A quote for 300 backpacks for our team, to be approved by Gerald. Anna",
        "J'ai été recommandée par Sophie pour ouvrir un compte pro. Anna",
    ] {
        assert!(am(m).is_empty(), "{m}");
    }
}

#[test]
fn a_date_is_the_one_the_variables_own_words_announce() {
    let placed = |m: &str| values(m, &["order_date"]);
    assert_eq!(
        placed("I ordered on 12 March and it's now the 30th"),
        ["order_date=12 March"]
    );
    assert_eq!(
        values(
            "we arrive at the hotel on 14/06/2027 quite late",
            &["arrival"]
        ),
        ["arrival=14/06/2027"]
    );
    assert_eq!(
        values(
            "j'ai passé commande le 3 mai, rien reçu",
            &["date_commande"]
        ),
        ["date_commande=3 mai"]
    );
    // Two dates it announces, or only dates it does not: none.
    assert!(placed("ordered on 3 May, then ordered again on 9 May").is_empty());
    assert!(placed("it has been stuck since 3 May").is_empty());
    // A weekday before it is part of it; a date called wrong is not taken.
    assert_eq!(
        values(
            "arrivée à l'hôtel le vendredi 16 juillet, tard",
            &["arrival"]
        ),
        ["arrival=vendredi 16 juillet"]
    );
    assert!(placed("I ordered on 12/03 by mistake, I meant 12/04").is_empty());
    // Called wrong anywhere in its sentence, or one of two listed.
    let born = |m: &str| values(m, &["birth_date"]);
    assert!(born("My birth date is wrong: 14/02/2001, please fix my account").is_empty());
    assert!(placed("I ordered on 12 March and on 14 March, where is my parcel").is_empty());
    // A list after it is not one it is in.
    assert_eq!(
        values(
            "need to move my appt from the 9th, could do the 16th or 17th",
            &["visit_day"]
        ),
        ["visit_day=the 9th"]
    );
    // Another event between the announcing word and the date is its own.
    assert!(placed("Hi, my order arrived on 9 May, damaged").is_empty());
    assert!(placed("the order I returned on 12 May is not refunded").is_empty());
    assert!(born("date of birth shows 12/03/1990 instead of 21/03/1990").is_empty());
}

#[test]
fn trap_an_impossible_date_a_range_or_a_date_the_customer_is_unsure_of_gives_none() {
    let placed = |m: &str| values(m, &["order_date"]);
    let arrival = |m: &str| values(m, &["arrival"]);
    assert!(placed("I placed the order on 31/02/2027, still waiting").is_empty());
    assert!(placed("ordered on 31 April, nothing yet").is_empty());
    assert!(arrival("Arriving at the hotel between 14 and 16 June, early check in?").is_empty());
    assert!(arrival("arrivée à l'hôtel du 14 au 16 juin").is_empty());
    assert!(placed("I ordered on 12 March? or maybe 13th? not here").is_empty());
    assert!(placed("commandé vers le 12 mars je crois").is_empty());
    let paid = |m: &str| values(m, &["payment_date"]);
    assert!(paid("The payment of £72.00 was taken on 17/08 and £72.00 again on 18/08").is_empty());
    assert_eq!(
        paid("The payment of £72.00 was taken on 17/08"),
        ["payment_date=17/08"]
    );
    // Either way round, a date that can be is taken.
    assert_eq!(placed("ordered on 12/31/2026"), ["order_date=12/31/2026"]);
    assert_eq!(placed("ordered on 29 Feb 2028"), ["order_date=29 Feb 2028"]);
}

#[test]
fn trap_a_timetable_of_dates_gives_none_however_one_is_announced() {
    let placed = |m: &str| values(m, &["order_date"]);
    let timetable = |days: usize| {
        let rows: Vec<String> = (1..=days).map(|d| format!("{d} March: open")).collect();
        format!("I ordered on 12 March. Your hours:\n{}", rows.join("\n"))
    };
    // The order's date and 31 days of a pasted timetable: 32 dates.
    assert_eq!(placed(&timetable(31)), ["order_date=12 March"]);
    // One more: a timetable or a log, whose dates are no customer's.
    assert!(placed(&timetable(32)).is_empty());
}

#[test]
fn a_text_that_never_ends_a_sentence_is_read_near_its_date_only() {
    let placed = |m: &str| values(m, &["order_date"]);
    // Called wrong in its sentence, the date is in doubt ...
    assert!(placed("ordered on 3 May and the colour is wrong").is_empty());
    // ... but a text that never ends a sentence, such as a pasted log, is
    // not one sentence: 300 bytes on is another.
    let filler = "and then some more words ".repeat(12);
    assert_eq!(
        placed(&format!("ordered on 3 May {filler}the colour is wrong")),
        ["order_date=3 May"]
    );
}

#[test]
fn a_date_is_announced_by_any_word_of_its_occasion_in_either_language() {
    let travel = |m: &str| values(m, &["travel_date"]);
    assert_eq!(
        travel("Our train on 2 August was late"),
        ["travel_date=2 August"]
    );
    assert_eq!(
        travel("mon billet de car Paris-Lille du 3 janvier"),
        ["travel_date=3 janvier"]
    );
    let show = |m: &str| values(m, &["show_date"]);
    assert_eq!(
        show("I've got tickets for the concert on 21 November"),
        ["show_date=21 November"]
    );
    assert_eq!(
        show("je n'ai pas mes billets pour le spectacle du 18 octobre"),
        ["show_date=18 octobre"]
    );
    // Just after it, the occasion names it too.
    assert_eq!(
        show("my ticket for the 12 December gig"),
        ["show_date=12 December"]
    );
    assert_eq!(
        values("livré le 9 novembre, mais troué", &["delivered_date"]),
        ["delivered_date=9 novembre"]
    );
    assert_eq!(
        values("j'ai été prélevée deux fois le 8 avril", &["payment_date"]),
        ["payment_date=8 avril"]
    );
    // A word of the same concept of support words: `rdv` is an appointment.
    assert_eq!(
        values("je dois annuler mon rdv du 14 mai", &["visit_day"]),
        ["visit_day=14 mai"]
    );
    assert_eq!(
        values(
            "je dois déplacer le rendez-vous du mardi 14 mai",
            &["visit_day"]
        ),
        ["visit_day=mardi 14 mai"]
    );
    // What is booked is also scheduled, planned, "prévu".
    assert_eq!(
        values(
            "nous devons annuler la castration de Tigrou prévue le 19 février",
            &["surgery_date"]
        ),
        ["surgery_date=19 février"]
    );
    assert_eq!(
        values("her surgery is scheduled for 8 October", &["surgery_date"]),
        ["surgery_date=8 October"]
    );
}

#[test]
fn a_date_is_announced_from_up_to_eight_words_before_it_in_its_sentence() {
    let placed = |m: &str| values(m, &["order_date"]);
    assert_eq!(
        placed("I ordered a tote bag and a poster on 14 February"),
        ["order_date=14 February"]
    );
    assert_eq!(
        placed("commande VY 3318205 passée le 1er octobre"),
        ["order_date=1er octobre"]
    );
    // A word announces the nearest date after it, in its own sentence.
    assert_eq!(
        placed("I ordered on 3 May, it finally came on 9 May"),
        ["order_date=3 May"]
    );
    assert!(placed("I ordered it. On 9 May I was still waiting").is_empty());
    // Nor a word of the next sentence, after the date's full stop; nor
    // across another event: a repair, a service, a renewal.
    assert!(placed("The strap broke on 3 June. Ordered it in spring.").is_empty());
    assert!(placed("Wrong order date, I renewed my plan on 3 June.").is_empty());
    assert!(
        values(
            "My birth date is wrong, I had the boiler serviced on 12/04/2026.",
            &["birth_date"]
        )
        .is_empty()
    );
    // "Around" just before a date makes it unsure; "vers minuit" does not.
    assert_eq!(
        values(
            "j'arrive à l'hôtel vers minuit le 28 septembre",
            &["arrival"]
        ),
        ["arrival=28 septembre"]
    );
    assert!(values("arriving at the hotel around 12 March", &["arrival"]).is_empty());
    // One of two days, or a day the customer no longer knows.
    assert!(placed("I ordered it on either the 9th or 10th of June").is_empty());
    assert!(placed("commandé le 10 ou le 12 juin, je ne sais plus").is_empty());
    // The word just after it names it, but not across a comma.
    assert_eq!(
        values("le car du 03/12 (billet VY-8870213)", &["travel_date"]),
        ["travel_date=03/12"]
    );
    assert!(values("It came on 5 Feb, show was great", &["show_date"]).is_empty());
}

#[test]
fn trap_a_date_moved_promised_or_repeated_is_not_the_one_announced() {
    let show = |m: &str| values(m, &["show_date"]);
    assert!(show("The gig got postponed to 15 September and I can't go").is_empty());
    assert!(show("le concert a été reporté au 9 mai").is_empty());
    let placed = |m: &str| values(m, &["order_date"]);
    assert!(placed("my order was supposed to be here on 5 May").is_empty());
    assert!(values("débité le 12 mars puis le 13 mars", &["payment_date"]).is_empty());
}

#[test]
fn trap_the_date_a_parcel_was_due_is_not_when_it_was_delivered() {
    assert!(
        values(
            "Tracking says delivered but it wasn't. The parcel was due 9 May.",
            &["delivered_date"]
        )
        .is_empty()
    );
}

#[test]
fn a_due_date_is_the_one_said_to_be_due() {
    let m = "invoice due on 3 March, we paid on 1 March";
    assert_eq!(values(m, &["due_date"]), ["due_date=3 March"]);
    assert!(values("delivered 02/09, still no refund", &["due_date"]).is_empty());
    // The day the customer will or can pay by is theirs, not the invoice's.
    for m in [
        "We'll pay invoice INV-2026-0555 before 15 January.",
        "Nous ne pourrons pas régler la facture avant le 15 janvier, est-ce possible ?",
    ] {
        assert!(values(m, &["due_date"]).is_empty(), "{m}");
    }
    assert_eq!(
        values(
            "I have to pay it before 15 January, where is it?",
            &["due_date"]
        ),
        ["due_date=15 January"]
    );
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

#[test]
fn a_phone_number_is_taken_where_the_variable_asks_for_one() {
    assert_eq!(
        values(
            "je veux garder mon numéro 06 45 12 78 90, c'est possible ?",
            &["mobile"]
        ),
        ["mobile=06 45 12 78 90"]
    );
    // The landline does not fit a mobile's pattern: the mobile is the one.
    assert_eq!(
        values(
            "Port 07700 900461 please; my home line is 020 7946 0958",
            &["mobile"]
        ),
        ["mobile=07700 900461"]
    );
}

#[test]
fn trap_two_mobiles_or_none_give_no_phone_number() {
    assert!(values("move 07700 900461 to 07700 900999", &["mobile"]).is_empty());
    assert!(values("my order 55102 never came", &["mobile"]).is_empty());
}

#[test]
fn a_cards_last_digits_follow_ending_or_finissant_par() {
    for m in [
        "it's the one ending 7730, please stop it",
        "Card ends in 7730. - Mark",
        "ma carte (finissant par 7730) a été volée",
        "Carte qui se termine par 7730.",
    ] {
        assert_eq!(values(m, &["last4"]), ["last4=7730"], "{m}");
    }
    assert!(values("card ending 7730, or the one ending 1189", &["last4"]).is_empty());
    assert!(values("my card was refused for £32.40 this morning", &["last4"]).is_empty());
}

/// Each message gives its amount, as written.
fn takes_amounts(cases: &[(&str, &str)]) {
    for (m, amount) in cases {
        assert_eq!(values(m, &["amount"]), [format!("amount={amount}")], "{m}");
    }
}

#[test]
fn an_amount_claimed_held_topped_up_or_named_as_a_fee_a_price_or_a_total_is_taken() {
    takes_amounts(&[
        ("Got your letter claiming £420 for a dented bumper", "£420"),
        ("on me réclame 310 € pour un impact", "310 €"),
        ("a pre-auth for £300 still pending on my card", "£300"),
        ("la caution de 300 € n'a pas été restituée", "300 €"),
        ("vous deviez me rendre 96 EUR", "96 EUR"),
        ("pourquoi j'ai toujours 150 € bloqués ?", "150 €"),
        ("toujours rien sur mon compte. Montant : 512 €.", "512 €"),
        ("un solde en ma faveur de 118,40 €", "118,40 €"),
        ("another 18 EUR in cash for a tourist tax", "18 EUR"),
        ("I topped up £20 on the app an hour ago", "£20"),
        ("recharge de 30€ faite hier soir", "30€"),
        (
            "Currys has the same laptop for £899. Can you price match?",
            "£899",
        ),
        ("une mensualité de 128 € sans explication", "128 €"),
    ]);
    // What a card or an account holds is not what was charged.
    assert!(values("I only had £12 in the account on the 1st", &["amount"]).is_empty());
    assert!(values("carte cadeau de 100 €, il reste combien ?", &["amount"]).is_empty());
}

#[test]
fn of_two_amounts_the_one_a_change_lands_on_is_taken() {
    takes_amounts(&[
        ("rent going from £1,150 to £1,295 from June", "£1,295"),
        ("Mon loyer passe de 690 € à 712 € au 1er juillet", "712 €"),
        ("my bank statement says £138 now instead of £96", "£138"),
        ("un prélèvement de 142 € au lieu de 85 €", "142 €"),
    ]);
    // The difference between them is neither.
    assert!(
        values(
            "The price dropped from £89 to £69 a week after I bought it. Can I get the difference back?",
            &["amount"]
        )
        .is_empty()
    );
    assert!(
        values(
            "On m'a facturé 30 € au lieu de 25 €, remboursez la différence",
            &["amount"]
        )
        .is_empty()
    );
    // Nor when money back is asked for at all: a refund after a change is
    // the difference.
    for message in [
        "The price went from £120 to £90. Can you refund me? Tom",
        "Le prix est passé de 120 € à 90 €, remboursez-moi.",
        "I was charged £138 instead of £96 for order 48213, please refund me.",
    ] {
        assert!(values(message, &["amount"]).is_empty(), "{message}");
    }
    // An amount written without its currency is a second amount all the same.
    assert!(
        values(
            "a card payment of 49.99 that I didn't make, and a pending one for €12.00",
            &["amount"]
        )
        .is_empty()
    );
    assert_eq!(
        values("I was charged €12.00 at 14.30 today", &["amount"]),
        ["amount=€12.00"]
    );
    // Two amounts otherwise side by side say nothing of which is due.
    assert!(values("I paid £340 and then another £96.50 came out", &["amount"]).is_empty());
    assert!(values("refund £20 to £30 please", &["amount"]).is_empty());
}

#[test]
fn an_amount_sent_bought_taken_or_asked_as_an_overdraft_is_taken() {
    assert_eq!(
        values("you've STILL taken £24.99 this month", &["amount"]),
        ["amount=£24.99"]
    );
    assert_eq!(
        values("vous m'avez encore pris 29,99 € le 2 juin", &["amount"]),
        ["amount=29,99 €"]
    );
    takes_amounts(&[
        ("it went out of my bank as always, £875 on 1 Oct", "£875"),
        ("je reconnais devoir 1 275 € de loyers", "1 275 €"),
        ("Je refuse la retenue de 350 € pour la moquette", "350 €"),
        ("You've put £22.80 as 'Miam credit' on my account", "£22.80"),
    ]);
    assert_eq!(
        values("Sent 300 euros to my brother yesterday", &["amount"]),
        ["amount=300 euros"]
    );
    assert_eq!(
        values("une autorisation de découvert de 300 € ?", &["amount"]),
        ["amount=300 €"]
    );
}

#[test]
fn a_registration_is_found_by_its_pattern() {
    for (m, reg) in [
        ("car is LM21 PTX. What do I do now?", "LM21 PTX"),
        ("Reg WP17 HHA", "WP17 HHA"),
        ("ma voiture AB-123-CD est en panne", "AB-123-CD"),
    ] {
        assert_eq!(values(m, &["reg"]), [format!("reg={reg}")], "{m}");
    }
    // Two cars, or a shout and a postcode, give none.
    assert!(values("swap KN15 OPL for YR19 BDV", &["reg"]).is_empty());
    assert!(values("URGENT, I live at SW1A 1AA", &["reg"]).is_empty());
}
#[test]
fn trap_of_two_invoice_numbers_none_is_taken() {
    gives_none(
        "invoice",
        &[
            "I need invoice INV-2026-0412, not INV-2026-0413 which you sent",
            "Please send me a copy of invoice INV-2026-0412 and the credit note INV-2026-0413",
        ],
    );
}

#[test]
fn trap_a_former_or_another_company_is_not_the_customers() {
    gives_none(
        "company",
        &[
            "We need a business account. I'm at a dental practice. Previously used Staples Ltd",
            "Can I get a business account? I'm self-employed. My previous employer was Brightline Ltd",
            "Our supplier Kestrel Logistics sent the wrong pallet",
            "A business account for the school I work at, St Mary's Primary School. Thanks, Jo",
            "We'd like a business account. Our biggest client, Tesco PLC, orders through us. Anna",
            "We'd like a business account. We currently buy through Staples Ltd. Anna",
            "We'd like a business account. Our accountants, Smith & Co Ltd, handle invoices. Anna",
            "We'd like a business account. We're a subsidiary of Omnicorp Holdings Ltd. Anna",
            "We'd like a business account. We were referred by Sophie at Bluebird Ltd. Anna",
            "Un compte pro svp. Notre expert-comptable, le cabinet Martin SARL, aura besoin des factures.",
            "Un compte pro svp. Nous passons par la société Lyreco SAS actuellement. Anna",
            "Un compte pro svp. Nous sommes client de la banque BNP SA. Anna",
            "We'd like a business account. We sell to Tesco PLC. Paul",
            "We'd like a business account. We deliver to Tesco PLC every week. Paul",
            "We'd like a business account. Tesco PLC is our biggest customer. Paul",
            "We'd like a business account. We work with Tesco PLC as our main client. Paul",
            "We'd like a business account. Our partner Northwind Ltd uses you too. Paul",
            "Un compte pro svp. Nous travaillons avec Carrefour SA. Paul",
            // A relative's, a parent company, one left, one resold.
            "We'd like a business account. My wife owns Greenfield Ltd, it's not for that. Paul",
            "We'd like a business account. My brother's firm Kestrel Ltd has one. Paul",
            "Un compte pro svp. Mon mari travaille chez Lyreco SAS. Anna",
            "We'd like a business account. Our parent company Omnicorp Holdings Ltd uses you. Paul",
            "We'd like a business account, we're switching from Kestrel Ltd. Paul",
            "We'd like a business account. We're an Omnicorp Ltd distributor. Paul",
            "We'd like a business account. I left Staples Ltd last year. Paul",
            "We'd like a business account. We're owned by Nimbus Group Ltd. Paul",
            "We'd like a business account, my hubby works at Brightside Ltd. Paul",
            "We'd like a business account, I no longer work at Staples Ltd. Paul",
            "We'd like a business account, I quit Staples Ltd in May. Paul",
            "We'd like a business account. We were bought by Nimbus Group Ltd. Paul",
            "We'd like a business account, my other half works at Blue Fern Ltd. Paul",
        ],
    );
    // Theirs all the same: with a relative, owned, a message left.
    let company = |m: &str| values(m, &["company"]);
    assert_eq!(
        company("My husband and I run Bluebird Ltd"),
        ["company=Bluebird Ltd"]
    );
    assert_eq!(
        company("I own Bluebird Ltd and want an invoice"),
        ["company=Bluebird Ltd"]
    );
    assert_eq!(
        company("I left a message for Bluebird Ltd"),
        ["company=Bluebird Ltd"]
    );
    // The customer's own, said so, even beside those words.
    let company = |m: &str| values(m, &["company"]);
    assert_eq!(
        company("Hi, through my company Bluebird Ltd I'd like to open a business account. Paul"),
        ["company=Bluebird Ltd"]
    );
    assert_eq!(
        company("Hi, via our new company Bluebird Ltd we'd like a business account. Paul"),
        ["company=Bluebird Ltd"]
    );
    assert_eq!(
        company("I was referred by my accountant. I run Bluebird Ltd and want a business account."),
        ["company=Bluebird Ltd"]
    );
    assert_eq!(
        company("My husband and I run Bluebird Ltd, we'd like a business account."),
        ["company=Bluebird Ltd"]
    );
    assert_eq!(
        company("My boss asked for an invoice for Bluebird Ltd."),
        ["company=Bluebird Ltd"]
    );
    // The customer's employer is theirs: only a former one is not.
    assert_eq!(
        values(
            "We'd like a business account. My employer is Bluebird Ltd. Ana",
            &["company"]
        ),
        ["company=Bluebird Ltd"]
    );
}

/// "On behalf of" says for whom the customer writes, a person as often as
/// a firm; a firm whose service the customer uses, or the one a mail
/// program names in its own line, is not theirs either.
#[test]
fn trap_one_written_for_a_firm_used_or_a_mails_filter_is_not_the_company() {
    let account = "We'd like to set up a business account with 5 users.";
    let traps = [
        "Tom, on behalf of Sarah",
        "I'm writing on behalf of the Smith family. Tom",
        "I'm writing on behalf of the Smith Family. Tom",
        "We use Xero Ltd for accounting. Anna",
        "We've been using Sage Ltd for payroll. Anna",
        "Anna\nThis email has been scanned for viruses by Mimecast Ltd.",
        "Anna\nPowered by Zendesk Ltd",
        "Anna\nCe message a été analysé par Mailinblack SAS.",
        "Anna\nThis email has been checked for viruses by Avast Ltd.",
    ]
    .map(|t| format!("{account} {t}"));
    gives_none("company", &traps.each_ref().map(String::as_str));
    gives_none(
        "company",
        &[
            "Nous voudrions un compte entreprise pour 5 utilisateurs. Luc, pour le compte de Sophie",
            "Un compte pro svp. Nous utilisons Cegid SA pour la paie. Anna",
        ],
    );
    // Written as a firm, with a legal form or a trade, it is one; the
    // customer's own beside the mail's line is theirs.
    let company = |m: &str| values(m, &["company"]);
    assert_eq!(
        company(&format!(
            "{account} I'm writing on behalf of Greenfield School. Tom"
        )),
        ["company=Greenfield School"]
    );
    assert_eq!(
        company("Bonjour, je vous écris pour le compte de Verdier SAS. Merci"),
        ["company=Verdier SAS"]
    );
    assert_eq!(
        company(&format!("{account} Tom, on behalf of Kestrel Ltd")),
        ["company=Kestrel Ltd"]
    );
    assert_eq!(
        company("Could you use Bluebird Ltd on the invoice, please? Paul"),
        ["company=Bluebird Ltd"]
    );
    assert_eq!(
        company(&format!(
            "{account} Anna\nKestrel Ltd\nThis email has been scanned for viruses by Mimecast Ltd."
        )),
        ["company=Kestrel Ltd"]
    );
    assert_eq!(
        company("We've sent you the forms from Bluebird Ltd. Paul"),
        ["company=Bluebird Ltd"]
    );
}

#[test]
fn trap_someone_elses_phone_or_car_is_not_the_customers() {
    assert!(
        values(
            "My phone was stolen, please bar the SIM. Call me on my wife's phone, 07700 900456.",
            &["mobile"]
        )
        .is_empty()
    );
    assert!(
        values(
            "On m'a volé mon téléphone. Joignez-moi au 06 55 44 33 22 (le portable de mon mari).",
            &["mobile"]
        )
        .is_empty()
    );
    assert!(
        values(
            "I was in an accident. The other driver's car was GH21 ABC.",
            &["reg"]
        )
        .is_empty()
    );
    assert!(
        values(
            "My partner's email is jess.k@outlook.com, I'd like to delete MY account though",
            &["email"]
        )
        .is_empty()
    );
}

#[test]
fn a_variable_whose_example_is_a_date_or_an_amount_wants_one_whatever_its_name() {
    assert_eq!(
        values("Our move was on 3 June and a box is missing", &["moved_on"]),
        ["moved_on=3 June"]
    );
    assert_eq!(
        values("I sold it for £80 and my payout was £74.40", &["payout"]),
        ["payout=£74.40"]
    );
}

#[test]
fn of_several_amounts_the_one_the_variables_words_announce() {
    let quote = |m: &str| values(m, &["quote_total"]);
    assert_eq!(
        quote("Our final invoice is £2,150 but the quote was £1,850. Why?"),
        ["quote_total=£1,850"]
    );
    assert_eq!(
        quote("le devis était de 1 480 €, la facture de 1 910 €"),
        ["quote_total=1 480 €"]
    );
    // Money back is a refund.
    let refund = |m: &str| values(m, &["refund_due"]);
    assert_eq!(
        refund("I was told I'd get £212.40 back, nothing yet"),
        ["refund_due=£212.40"]
    );
    // A variable named for one amount takes no other.
    assert!(refund("Paid €27 for a vintage scarf, nothing received").is_empty());
    // The name's words (and their concept: a renewal's price is a
    // premium), not the description's adjectives ("Yearly": "this year").
    assert_eq!(
        values(
            "my renewal is £540.00 this year, up from £455",
            &["premium"]
        ),
        ["premium=£540.00"]
    );
    // A purchase is a payment; a transfer to the bank a withdrawal.
    assert_eq!(
        values(
            "bought a baby carrier for EUR 35, nothing yet",
            &["price_paid"]
        ),
        ["price_paid=EUR 35"]
    );
    assert_eq!(
        values(
            "un virement de 120 € vers ma banque, rien reçu",
            &["withdrawn"]
        ),
        ["withdrawn=120 €"]
    );
    // "Amount with its currency" names none: of two, none is taken.
    assert!(values("I paid £20 and then £30", &["amount"]).is_empty());
}

#[test]
fn a_dates_words_end_where_the_date_does() {
    let found = extract(
        "Milo's booster is due on 14 March.",
        &[Slot {
            name: "due_date",
            description: Some("Invoice due date, in plain words"),
            pattern: None,
            ..Slot::default()
        }],
        &Known::default(),
    );
    assert_eq!(found[0].1.value, "14 March");
    assert_eq!(found[0].1.context, "14 March");
}

#[test]
fn an_elided_word_puts_no_distance_between_a_value_and_what_announces_it() {
    assert_eq!(
        values(
            "la facture de l'opération de Gaston s'élève à 1.250,00 € et je ne peux pas tout régler",
            &["invoice_total"]
        ),
        ["invoice_total=1.250,00 €"]
    );
}

#[test]
fn the_word_just_after_an_amount_is_that_amounts() {
    let deposit = |m: &str| values(m, &["deposit"]);
    assert_eq!(
        deposit("I paid £75 deposit (the estimate was £320). Can I have it back?"),
        ["deposit=£75"]
    );
    assert_eq!(
        values(
            "you've offered £4,200 after taking off my £300 excess, but similar cars sell for £5,500",
            &["excess"]
        ),
        ["excess=£300"]
    );
}

#[test]
fn an_amount_a_price_has_gone_up_to_is_no_ceiling() {
    assert_eq!(
        values(
            "the premium has gone up to £845.60 from 14 March",
            &["premium"]
        ),
        ["premium=£845.60"]
    );
    // "up to" alone still is one.
    assert!(values("the premium can be up to £845.60", &["premium"]).is_empty());
}

#[test]
fn a_date_written_with_dots_dashes_or_year_first_is_a_date() {
    let born = |m: &str| values(m, &["birth_date"]);
    assert_eq!(born("I was born on 14.08.1962"), ["birth_date=14.08.1962"]);
    assert_eq!(born("I was born on 14-08-1962"), ["birth_date=14-08-1962"]);
    assert_eq!(born("I was born on 1962-08-14"), ["birth_date=1962-08-14"]);
    // Not a version, a reference or a day that cannot be.
    assert!(born("born on 1.2.3, version 14.08.62").is_empty());
    assert!(born("I was born on 1962-14-08").is_empty());
}

#[test]
fn of_a_date_and_the_one_it_corrects_the_first_is_taken() {
    let born = |m: &str| values(m, &["birth_date"]);
    assert_eq!(
        born("il est né le 3 mai 2016, pas le 3 mai 2015. Merci de corriger."),
        ["birth_date=3 mai 2016"]
    );
    assert_eq!(
        born("I was born on 3 May 2016, not 3 May 2015"),
        ["birth_date=3 May 2016"]
    );
    // A date denied alone is none.
    assert!(born("my date of birth is not 3 May 2015").is_empty());
}

#[test]
fn the_date_a_correction_gives_is_the_one() {
    let born = |m: &str| values(m, &["birth_date"]);
    for (m, day) in [
        (
            "Hi, my date of birth is wrong on my record. It should be 14 July 1986, not 1968.",
            "14 July 1986",
        ),
        (
            "You've got my birthday down as 03/04/1991 but it's 04/03/1991 (UK format!)",
            "04/03/1991",
        ),
        (
            "ma date de naissance est fausse dans mon dossier : c'est le 14 juillet 1986 et non 1968.",
            "14 juillet 1986",
        ),
    ] {
        assert_eq!(born(m), [format!("birth_date={day}")], "{m}");
    }
    // Not a date merely said to be, in a message that corrects nothing.
    assert_eq!(
        values(
            "I ordered a lamp on 3 May. It's 20 May and nothing came.",
            &["order_date"]
        ),
        ["order_date=3 May"]
    );
    // Nor a correction of nothing the variable names.
    assert!(born("The delivery date is wrong. It should be 14 July, not 12 July.").is_empty());
}

#[test]
fn a_date_said_to_be_someone_elses_gives_way_to_the_customers_own() {
    let born = |m: &str| values(m, &["birth_date"]);
    assert_eq!(
        born(
            "I'd like to register myself and my son Ben (born 03/05/2017). I was born on 21/11/1984."
        ),
        ["birth_date=21/11/1984"]
    );
    assert_eq!(
        born(
            "je souhaite m'inscrire avec ma fille (née le 3 mai 2016). Moi je suis née le 21/11/1984."
        ),
        ["birth_date=21/11/1984"]
    );
    // Alone, it is still the one the message is about.
    assert_eq!(
        born("Please correct my son's record: he was born on 9 October 2015"),
        ["birth_date=9 October 2015"]
    );
}

#[test]
fn ne_announces_a_date_of_birth_as_nee_does() {
    let born = |m: &str| values(m, &["birth_date"]);
    assert_eq!(
        born("notre chiot est né le 28 décembre"),
        ["birth_date=28 décembre"]
    );
    assert_eq!(
        born("Né le 28/12/2001, je voyage seul"),
        ["birth_date=28/12/2001"]
    );
    // The negation is no birth.
    assert!(born("je ne le 28 décembre").is_empty());
}

#[test]
fn a_bracket_listing_kinds_of_an_occasion_announces_its_date() {
    assert_eq!(
        values(
            "we need to cancel Bella's spay on 15 April",
            &["surgery_date"]
        ),
        ["surgery_date=15 April"]
    );
}

#[test]
fn a_day_without_its_month_is_a_date_after_the_or_a_weekday() {
    let visit = |m: &str| values(m, &["visit_day"]);
    assert_eq!(
        visit("Biscuit is booked in for the 18th at 4.10"),
        ["visit_day=the 18th"]
    );
    assert_eq!(
        visit("I need to cancel the appointment booked for Monday 16th"),
        ["visit_day=Monday 16th"]
    );
    assert_eq!(
        visit("merci d'annuler le rendez-vous prévu lundi 16"),
        ["visit_day=lundi 16"]
    );
    // With a weekday, a time is no day.
    assert!(visit("my appointment is booked for Monday 10:30").is_empty());
    // A count, an ordinal without "the", or no day of a month.
    assert!(visit("this is the 3rd time my appointment was booked").is_empty());
    assert!(visit("my appointment was booked for my 3rd visit").is_empty());
    assert!(visit("my appointment was booked for the 45th").is_empty());
}

#[test]
fn a_date_the_customer_might_change_is_not_taken() {
    assert!(
        values(
            "I'm booked for the 24th but I might move it to the 26th",
            &["visit_day"]
        )
        .is_empty()
    );
}

#[test]
fn of_two_dates_the_end_of_a_stay_or_an_absence_is_another_events() {
    let arrival = |m: &str| values(m, &["arrival"]);
    assert_eq!(
        arrival("We arrive at the hotel on 14 June and leave on 18 June"),
        ["arrival=14 June"]
    );
    assert_eq!(
        arrival("checking in at the hotel, arriving Friday 24 October and out on the 27th"),
        ["arrival=Friday 24 October"]
    );
    // A list of two dates of one kind is none.
    assert!(arrival("we arrive on 14 June and on 18 June").is_empty());
    assert!(
        values(
            "mon fils est né le 14/02/2016 mais sa sœur le 03/09/2019",
            &["birth_date"]
        )
        .is_empty()
    );
}

#[test]
fn an_amounts_word_after_it_may_follow_an_elided_article() {
    assert_eq!(
        values(
            "Vous avez pris 100 € d'acompte sur un devis de 720 €.",
            &["deposit"]
        ),
        ["deposit=100 €"]
    );
}

#[test]
fn trap_an_amount_the_customer_is_unsure_of_gives_none() {
    let deposit = |m: &str| values(m, &["deposit"]);
    assert!(deposit("l'acompte c'etait 50 euros ou 25 je sais plus").is_empty());
    assert!(deposit("the deposit was £50 I think").is_empty());
    assert!(deposit("the deposit was £50 or 60, can't remember").is_empty());
    // A code too.
    assert!(values("My job card is JC-40718 I think", &["job"]).is_empty());
    assert_eq!(
        deposit("the deposit was £50, please refund it"),
        ["deposit=£50"]
    );
}

#[test]
fn a_message_about_the_occasion_gives_the_one_date_nothing_else_claims() {
    let visit = |m: &str| values(m, &["visit_day"]);
    assert_eq!(
        visit(
            "Hi, I'd like to book my car in for its MOT please. The current MOT expires on \
             14 April. Could you do Tuesday 7 April?"
        ),
        ["visit_day=Tuesday 7 April"]
    );
    assert_eq!(
        visit("je voudrais prendre rendez-vous. Le mardi 3 mars serait-il possible ?"),
        ["visit_day=mardi 3 mars"]
    );
    // A visit, a check-up, a session is an appointment.
    assert_eq!(
        visit("I'd like to book a check-up with Dr Patel. Is Tuesday 3 March free?"),
        ["visit_day=Tuesday 3 March"]
    );
    assert_eq!(
        visit("je ne comprends pas ma facture pour la visite du 14 février"),
        ["visit_day=14 février"]
    );
    // A no-show is a booking missed; an enrolment is one.
    assert_eq!(
        visit("a charge of £40 on my card for a no-show on 11 February"),
        ["visit_day=11 February"]
    );
    assert_eq!(
        visit("Vous m'avez facturé une non-présentation pour le 18/02 alors que j'étais là !!"),
        ["visit_day=18/02"]
    );
    assert_eq!(
        visit("je suis inscrit à l'IELTS Academic du 21 novembre. Puis-je avoir un tiers-temps ?"),
        ["visit_day=21 novembre"]
    );
    // A booking is a rendez-vous, written in two words.
    let surgery = |m: &str| values(m, &["surgery_date"]);
    assert_eq!(
        surgery(
            "je voudrais prendre rendez-vous pour Pistache. Le mardi 17 mars serait possible ?"
        ),
        ["surgery_date=mardi 17 mars"]
    );
    assert_eq!(
        surgery("je dois annuler le rendez-vous du 22 avril pour Pistache"),
        ["surgery_date=22 avril"]
    );
}

#[test]
fn a_reply_that_reads_one_date_takes_the_one_date_the_message_proposes() {
    // The reply says what the day is for, so the message need not name
    // the occasion.
    let visit = |m: &str| values(m, &["visit_day"]);
    for (m, day) in [
        ("Could you do Tuesday 7 April?", "Tuesday 7 April"),
        (
            "My French-registered car needs its contrôle technique. Is Friday 20 March available?",
            "Friday 20 March",
        ),
        ("Please sign me up for the TCF on 12/12.", "12/12"),
        (
            "il me faudrait 2 pneus avant. Le montage samedi 14 mars, c'est possible ?",
            "samedi 14 mars",
        ),
    ] {
        assert_eq!(visit(m), [format!("visit_day={day}")], "{m}");
    }
    // Still not one something else claims, one of two, nor one that only
    // tells.
    gives_none(
        "visit_day",
        &[
            "I wrote to you on 20 July, can you reply?",
            "Could you do Tuesday 7 April or Friday 10 April?",
            "I moved in on 2 January 2024 and would be grateful for a reply.",
            "The parcel came on 3 May.",
        ],
    );
    // Nor for a reply that reads two dates.
    assert!(
        values(
            "Is Friday 20 March available?",
            &["visit_day", "order_date"]
        )
        .is_empty()
    );
    // Moving in claims a date, even for a move-out date.
    assert!(
        values(
            "I shall be vacating unit N-056 on 30 April. I moved in on 2 January 2024 and \
             would be grateful for confirmation.",
            &["move_out_date"]
        )
        .iter()
        .all(|v| !v.contains("January"))
    );
}

#[test]
fn the_customers_own_visit_told_is_the_booking_day() {
    let visit = |m: &str| values(m, &["visit_day"]);
    for (m, day) in [
        (
            "I had a filling done by Dr Lewis on Thursday 5 March and it still hurts",
            "Thursday 5 March",
        ),
        ("I came in on the 9th for a bob and it's wonky", "the 9th"),
        (
            "j'ai fait un balayage avec Thomas le mardi 3 mars",
            "mardi 3 mars",
        ),
        (
            "J'ai passé le TCF le 3/10, toujours pas de résultats !",
            "3/10",
        ),
    ] {
        assert_eq!(visit(m), [format!("visit_day={day}")], "{m}");
    }
    // Not what came by text or by post, nor a date that is no visit's.
    gives_none(
        "visit_day",
        &[
            "I got a text on 3 May saying it was cancelled",
            "I had a letter from you dated 3 May",
            "I had my parcel delivered on 3 May",
        ],
    );
    // Only for a variable of a booking.
    assert!(values("I had a filling done on Thursday 5 March", &["order_date"]).is_empty());
}

#[test]
fn trap_a_date_claimed_wanted_instead_offered_with_another_or_someone_elses_is_not_the_occasions() {
    let visit = |m: &str| values(m, &["visit_day"]);
    // No word of the occasion in the message, for a reply that reads two
    // dates: which one it is, nothing says.
    assert!(
        values(
            "Could you do Tuesday 7 April?",
            &["visit_day", "order_date"]
        )
        .is_empty()
    );
    for m in [
        // One of two offered, or wanted instead of the booked one.
        "I'd like to book a slot. We could do 30 April, or the day after.",
        "My appointment is next Wednesday. Could we do Monday 20 April instead?",
        // Claimed by something else: a letter, a post, an expiry.
        "I need to book an appointment. I wrote to you on 20 July.",
        "Can I book? My MOT expires on 14 April.",
        // Someone else's.
        "I need to book an appointment. My son's is on 3 May.",
        // Two dates nothing claims, or one near a word of the occasion.
        "I'd like to book. Tuesday 7 April or Friday 10 April would suit.",
        "I booked for you to come between 3 and 5 May. My neighbour says 9 May.",
    ] {
        assert!(visit(m).is_empty(), "{m}");
    }
}

#[test]
fn a_french_day_without_its_month_is_a_date_where_nothing_counts_it() {
    let visit = |m: &str| values(m, &["visit_day"]);
    for (m, day) in [
        ("Bonjour, mon rendez-vous du 9 est impossible pour moi", "9"),
        ("annulez mon rdv du 2 svp", "2"),
        ("vous me facturez 35 £ pour un rdv manqué le 5 ??", "5"),
        (
            "j'ai annulé la consultation du 12 et vous avez gardé l'acompte",
            "12",
        ),
        ("mon rendez-vous du 1er.", "1"),
        ("mon rendez-vous le 9 mars.", "9 mars"),
    ] {
        assert_eq!(visit(m), [format!("visit_day={day}")], "{m}");
    }
}

#[test]
fn trap_a_french_number_counted_joined_or_listed_is_no_day() {
    gives_none(
        "visit_day",
        &[
            "mon rendez-vous au 12 rue de la Paix",
            "mon rendez-vous le 10 h 30",
            "mon rendez-vous le 10:30",
            "mon rendez-vous du 14 au 16",
            "mon rendez-vous du 9, 10 ou 11",
            "mon rendez-vous le 9 ou le 10",
            "la séance du 12 bis",
            "le rendez-vous du 45.",
        ],
    );
}

/// The day booked or told, after the change is asked, and the day an
/// absence ends, are no day wanted instead.
#[test]
fn trap_a_day_booked_told_or_ending_an_absence_is_not_the_day_wanted() {
    gives_none(
        "new_day",
        &[
            "I have to rearrange my appointment, you booked me for Friday 6 March and I'm away.",
            "I need to change my lesson. Your office told me it was Friday 6 March, I can't.",
            "Can you move my appointment to when I'm back? I'm back on 6 March.",
            "Pouvez-vous décaler mon rdv ? Je suis de retour le 6 mars.",
        ],
    );
}

#[test]
fn the_day_wanted_instead_is_the_one_a_change_lands_on() {
    let wanted = |m: &str| values(m, &["new_day"]);
    for (m, day) in [
        (
            "I have an appointment on Tuesday 3 March but I can't make it. Could I move it to Friday 6 March?",
            "Friday 6 March",
        ),
        ("can I change my appt on 22/06 to 29/06 please?", "29/06"),
        (
            "j'ai rendez-vous le jeudi 12 mars. Est-il possible de le décaler au lundi 16 mars ?",
            "lundi 16 mars",
        ),
        (
            "My appointment is next Wednesday. Could we do Monday 20 April instead?",
            "Monday 20 April",
        ),
        // Not the day it moves from; a weekday may be cut short.
        (
            "Can i rearrange my service from Mon 6 July to Weds 8 July please?",
            "Weds 8 July",
        ),
        (
            "est-il possible de décaler mon rdv du 3 mars au 5 mars ?",
            "5 mars",
        ),
    ] {
        assert_eq!(wanted(m), [format!("new_day={day}")], "{m}");
    }
    // The day left is not the day wanted, nor the end of an absence.
    assert_eq!(
        values(
            "est-il possible de déplacer mon rendez-vous de vendredi au 27 ?",
            &["new_day"]
        ),
        ["new_day=27"]
    );
    assert!(
        values(
            "je suis en déplacement jusqu'au 18. Vous avez quelque chose après ?",
            &["new_day"]
        )
        .is_empty()
    );
    // The day a change lands on or proposed for it is not the one booked.
    for m in [
        "est-il possible de déplacer mon rendez-vous de vendredi au 27 ?",
        "bjr je dois décaler mon rdv de mardi prochain, est-ce que le vendredi 27 mars ça irait ?",
    ] {
        assert!(values(m, &["visit_day"]).is_empty(), "{m}");
    }
    assert_eq!(
        values(
            "bjr je dois décaler mon rdv de mardi prochain, est-ce que le vendredi 27 mars ça irait ?",
            &["new_day"]
        ),
        ["new_day=vendredi 27 mars"]
    );
    // The session moved to is the one wanted, not the one booked.
    let aisha = "I'm booked for the DELF B1 on 21 November but I have a family wedding. \
                 Could I move to the session on 16 January?";
    assert_eq!(values(aisha, &["new_day"]), ["new_day=16 January"]);
    assert_eq!(values(aisha, &["visit_day"]), ["visit_day=21 November"]);
    // A lesson is a booking: "booked" and "prévue" announce its day, and
    // are no other event.
    for (m, day) in [
        (
            "had a lesson booked Saturday 3rd October with Mandy, she didn't turn up",
            "Saturday 3rd October",
        ),
        (
            "Bonjour, leçon prévue jeudi 1er octobre à 17h avec Nadia",
            "jeudi 1er octobre",
        ),
    ] {
        assert_eq!(
            values(m, &["lesson_date"]),
            [format!("lesson_date={day}")],
            "{m}"
        );
    }
    // A word a particle follows in the variable's words is that compound:
    // "moved in" announces no move-out date.
    assert_eq!(
        values(
            "Please take this as notice, I'll move out on 30 April. I moved in on 2 January 2024.",
            &["move_out_date"]
        ),
        ["move_out_date=30 April"]
    );
    gives_none(
        "move_out_date",
        &["I moved in on 2 January 2024 and would like to know how much notice you need."],
    );
    // What the business sets is read from the description's head: "for a
    // new booking, the day they ask for" in its tail is the customer's.
    assert_eq!(
        values(
            "Please cancel my eye test on Wednesday 4 March at the Dover branch.",
            &["test_date"]
        ),
        ["test_date=Wednesday 4 March"]
    );
    // For a removal, a move is the occasion, not a change of day.
    for (m, day) in [
        (
            "quote says 1850 for the move on the 22nd of March, can i pay by transfer?",
            "22nd of March",
        ),
        (
            "Hi, moving from Dublin to Cork on 17 October, how much would it be?",
            "17 October",
        ),
    ] {
        assert_eq!(values(m, &["move_day"]), [format!("move_day={day}")], "{m}");
    }
    // A variable whose head names no wish is the day booked, whatever its
    // tail says of a change.
    assert!(
        values(
            "our removal is on Thursday 9 April. Could the crew come on Friday 10 April instead?",
            &["removal_date"]
        )
        .iter()
        .all(|v| v != "removal_date=Friday 10 April")
    );
    // Nor is one said to be had, in a message that asks for a change.
    assert!(
        values(
            "Need to change my appointment - it's on the 3rd of April, can it go later?",
            &["new_day"]
        )
        .is_empty()
    );
    // "mon" before a date is French for "my", not Monday.
    assert_eq!(
        values(
            "je voudrais changer mon 6 juillet pour le 8 juillet",
            &["new_day"]
        ),
        ["new_day=8 juillet"]
    );
    assert_eq!(
        values(
            "I booked a visit on Mon 6 July but it has to move",
            &["visit_day"]
        ),
        ["visit_day=Mon 6 July"]
    );
}

#[test]
fn the_day_wanted_is_also_the_one_a_booking_request_asks_for() {
    let wanted = |m: &str| values(m, &["new_day"]);
    assert_eq!(
        wanted("Hi there, could I book a cut and blow-dry with Chloe on Saturday 14 March please?"),
        ["new_day=Saturday 14 March"]
    );
    assert_eq!(
        wanted("je voudrais passer le test de niveau à Lyon le jeudi 3 septembre si possible"),
        ["new_day=jeudi 3 septembre"]
    );
    // Not the day already had, nor another occasion's.
    assert!(wanted("I have an appointment on Tuesday 3 March, could you confirm?").is_empty());
    assert!(
        wanted("mariage le samedi 22 août, j'aimerais faire l'essai en juin si possible")
            .is_empty()
    );
    assert!(wanted("Could you tell me if my parcel posted on 3 May has arrived?").is_empty());
}

#[test]
fn trap_a_change_the_business_made_or_two_days_offered_is_no_day_wanted() {
    let wanted = |m: &str| values(m, &["new_day"]);
    assert!(wanted("it was booked in for 14/10 and you moved me to the 16th").is_empty());
    assert!(wanted("my appointment is on 3 March, is that still on?").is_empty());
    assert!(wanted("could I move it to Friday 6 March or Monday 9 March?").is_empty());
}

#[test]
fn a_value_a_description_lists_is_the_one_the_message_names() {
    let salon = |m: &str| values(m, &["salon"]);
    assert_eq!(
        salon("I'm booked at your Clapham salon on Friday"),
        ["salon=Clapham"]
    );
    // As the customer wrote it.
    assert_eq!(salon("do you have a lift at brighton?"), ["salon=brighton"]);
    assert_eq!(
        salon("j'ai oublié mon écharpe au salon du Marais"),
        ["salon=Marais"]
    );
    assert_eq!(
        values("a placement test at the London centre please", &["centre"]),
        ["centre=London"]
    );
    // Of a list that goes on, one it names; whole, as written on in
    // capitals.
    let exam = |m: &str| values(m, &["exam"]);
    assert_eq!(
        exam("Please sign me up for the TCF on 12/12."),
        ["exam=TCF"]
    );
    assert_eq!(
        exam("I'm registered for the IELTS Academic on 21 November."),
        ["exam=IELTS Academic"]
    );
    assert_eq!(
        values("I'd like to book the Serenity Spa Day for 2.", &["package"]),
        ["package=Serenity Spa Day"]
    );
    assert_eq!(
        values(
            "we've moved, new address is 14 Heworth Green, York YO31 7TQ",
            &["school"]
        ),
        ["school=York"]
    );
    // Written on, a name stops before a word of its own: "I", a day.
    assert_eq!(
        values("Could we do the Serenity Monday please?", &["package"]),
        ["package=Serenity"]
    );
    assert_eq!(
        values("It's the Serenity I think.", &["package"]),
        ["package=Serenity"]
    );
    // A former one, or someone else's, is not the one meant.
    assert!(values("My previous package was Serenity, what now?", &["package"]).is_empty());
    assert!(
        values(
            "My sister's package is Serenity, what's mine?",
            &["package"]
        )
        .is_empty()
    );
    // One it does not name gives none, and one of two none.
    assert!(exam("I did my DELF B1 on 3 October.").is_empty());
    assert!(exam("Should I take the TCF or the DALF C1?").is_empty());
}

#[test]
fn trap_two_listed_names_one_of_two_or_a_common_word_give_none() {
    let centre = |m: &str| values(m, &["centre"]);
    assert!(values("moved from Clapham to Islington", &["salon"]).is_empty());
    assert!(centre("is it in Lyon or online?").is_empty());
    assert!(centre("cest en ligne ou a lyon ?").is_empty());
    // "online" is never taken, and beside a name makes two.
    assert!(centre("I paid online").is_empty());
    assert!(centre("I paid online for the Lyon course").is_empty());
}

#[test]
fn the_day_something_starts_is_the_one_it_runs_from() {
    for (m, day) in [
        (
            "I'd like a 50 sq ft unit. Could it start from Saturday 14 March?",
            "Saturday 14 March",
        ),
        (
            "We need a 75 sq ft unit for stock from 1 April. Please confirm.",
            "1 April",
        ),
        (
            "Booked from Friday 6 March, could we push it back to Friday 20 March?",
            "Friday 6 March",
        ),
    ] {
        assert_eq!(
            values(m, &["move_in_date", "new_day"])
                .into_iter()
                .filter(|v| v.starts_with("move_in_date"))
                .collect::<Vec<_>>(),
            [format!("move_in_date={day}")],
            "{m}"
        );
    }
    // Not a day it would start, beside the one booked.
    assert!(
        values(
            "J'ai réservé le box pour le samedi 7 mars. Serait-il possible de commencer le \
             samedi 21 mars ?",
            &["move_in_date", "new_day"]
        )
        .iter()
        .all(|v| !v.contains("21 mars") || v.starts_with("new_day"))
    );
}

#[test]
fn a_reply_that_reads_one_amount_named_for_it_takes_the_one_the_message_states() {
    // The message speaks of the amount the reply reads, if not beside
    // the figure.
    let total = |m: &str| values(m, &["invoice_total"]);
    for (m, amount) in [
        (
            "I don't understand my bill for my visit on 14 February, it says £185.00.",
            "£185.00",
        ),
        (
            "Can I have an itemised invoice? It came to £402 in the end.",
            "£402",
        ),
    ] {
        assert_eq!(total(m), [format!("invoice_total={amount}")], "{m}");
    }
    // Not where it does not, nor one the customer offers to pay, nor one
    // of two.
    gives_none(
        "invoice_total",
        &[
            "Why was I charged £142 for a check-up??",
            "J'ai reçu la facture. Je vais verser 70 € ce mois-ci et le reste en avril.",
            "Got your letter about the invoice. I could manage £40 a month, is that ok?",
            "My bill came today. I paid £310 and then another £92 at the desk.",
        ],
    );
    // Nor the figure the business works out, nor beside another amount
    // the reply reads.
    gives_none(
        "refund",
        &["He paid £690 for 20 lessons and has done 11. What refund can we get?"],
    );
    assert!(
        values(
            "I don't understand my bill for my visit. It says £185.00.",
            &["invoice_total", "deposit"]
        )
        .is_empty()
    );
}

#[test]
fn trap_a_day_offered_in_a_change_or_the_end_of_a_stay_is_not_the_day_booked() {
    let days = |m: &str| values(m, &["visit_day", "new_day"]);
    assert_eq!(
        days("Can I reschedule my appointment, is Friday 20 March available?"),
        ["new_day=Friday 20 March"]
    );
    assert!(days("I need to reschedule my appointment, I'm away until 18 June.").is_empty());
    assert_eq!(
        days("I need to reschedule my appointment on 12 June, I'm away until 18 June."),
        ["visit_day=12 June"]
    );
}

#[test]
fn what_something_is_valid_until_is_still_its_date() {
    assert_eq!(
        values(
            "my voucher says valid until 31 Dec 2026, can I still use it?",
            &["voucher_expiry"]
        ),
        ["voucher_expiry=31 Dec 2026"]
    );
}

#[test]
fn trap_a_value_the_customer_leaves_out_is_not_taken() {
    gives_none(
        "order",
        &[
            "Hi, my order hasn't arrived. Not order 55119, that one came fine.",
            "Hi, my refund never came. It's not for order 40218833, that was refunded.",
        ],
    );
    gives_none(
        "amount",
        &["I don't recognise a payment on my card. It's not the £24.99 one, that's mine."],
    );
    gives_none(
        "new_day",
        &[
            "Hi, can I move my check-up? I can't do Thursday 5 March.",
            "Could we move it to any day but Friday 6 March?",
            "Can I move my lesson? Any day except Thursday 5 March works.",
        ],
    );
    // A verb between: the customer's own, not left out.
    assert_eq!(order("I have not received order 55119"), ["order=55119"]);
}

#[test]
fn trap_the_number_to_reach_the_customer_on_is_not_the_line_concerned() {
    gives_none(
        "mobile",
        &[
            "My phone was stolen. Please bar the SIM. You can reach me on my work number 07700 900999 meanwhile.",
        ],
    );
    assert_eq!(
        values("My phone was stolen, please bar 07700 900123.", &["mobile"]),
        ["mobile=07700 900123"]
    );
}

#[test]
fn the_day_of_the_customers_own_booking_said_right_after_it_is_the_day_booked() {
    let days = |m: &str| values(m, &["visit_day", "new_day"]);
    assert_eq!(
        days("Hi, can I move my check-up on Tuesday 3 March? Sue"),
        ["visit_day=Tuesday 3 March"]
    );
    // Moved to a day, or a day offered: the day wanted.
    assert_eq!(
        days("Hi, can I move my check-up to Tuesday 3 March? Sue"),
        ["new_day=Tuesday 3 March"]
    );
}

#[test]
fn words_that_only_sound_like_taking_back_take_nothing_back() {
    // "I mean" as a filler, an "oops" or a typo said after the value.
    assert_eq!(
        order("order 55119 is late, I mean really late, oops and sorry for the typos"),
        ["order=55119"]
    );
}

#[test]
fn trap_a_unit_price_is_not_the_amount() {
    gives_none(
        "amount",
        &[
            "I bought 2 at £24.95 each and want a refund",
            "I paid for 2 x £24.95, please refund me",
            "I paid £24.95 per item and I bought 3, can I get a refund?",
            "j'ai payé 24,95 € chacun, remboursez-moi",
            "j'ai payé 24,95 € l'unité, remboursez-moi",
        ],
    );
    assert_eq!(
        values("I paid £49.90 for 2, please refund me", &["amount"]),
        ["amount=£49.90"]
    );
    // Charged that much several times: each charge is the amount.
    for m in [
        "I was charged 3x £24.95, please refund me",
        "i see 2x £24.95 on my statement, did you charge me twice?",
        "You took it twice, £24.95 each, please refund one",
    ] {
        assert_eq!(values(m, &["amount"]), ["amount=£24.95"], "{m}");
    }
    // A period is a fee's, not a unit's.
    assert_eq!(
        values("I pay £16.50 each month", &["monthly_fee"]),
        ["monthly_fee=£16.50"]
    );
}

#[test]
fn trap_a_vouchers_or_a_discounts_value_is_not_the_amount() {
    gives_none(
        "amount",
        &[
            "I used a £10 voucher on my order and want a refund",
            "I had a £10 discount, please refund the rest",
            "The £5 off code was taken and I paid full price, refund please",
            "j'ai utilisé un bon de 10 € et je veux être remboursée",
        ],
    );
    assert_eq!(
        values("I paid £10 for the voucher, please refund it", &["amount"]),
        ["amount=£10"]
    );
    assert_eq!(
        values("You've taken £38 off me twice, refund please", &["amount"]),
        ["amount=£38"]
    );
}

#[test]
fn trap_an_amount_said_as_roughly_that_or_before_tax_gives_none() {
    gives_none(
        "amount",
        &[
            "I paid £50-ish for my order, I want a refund",
            "I paid £50 I believe, I want a refund",
            "I paid £50 I guess, I want a refund",
            "I paid c. £50 for my order, I want a refund",
            "I paid circa £50 for my order, I want a refund",
            "I was charged £49.90 + VAT, please refund me",
            "I was charged £49.90 plus VAT, please refund me",
            "I was charged £49.90 ex VAT, please refund me",
            "on m'a facturé 49,90 € HT, remboursez-moi",
        ],
    );
    assert_eq!(
        values(
            "I was charged £49.90 inc VAT, please refund me",
            &["amount"]
        ),
        ["amount=£49.90"]
    );
}

#[test]
fn trap_a_price_is_not_a_difference_the_agent_works_out() {
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
    for m in [
        "the price went from £59.90 to £49.90 the day after I ordered",
        "le prix est passé de 59,90 € à 49,90 € juste après ma commande",
        "it dropped to £49.90 the day after I ordered",
        "it's now £49.90, a day after my order",
    ] {
        assert!(amount(m).is_empty(), "{m}");
    }
    assert_eq!(
        amount("the price went down, please refund me the £10 difference"),
        ["£10"]
    );
    // By how much it moved, or how much cheaper it is: the difference
    // itself, which a variable that is no difference does not take.
    for (m, want) in [
        (
            "I bought order #48213 last week, the price dropped by £10. Can I get the difference back?",
            "£10",
        ),
        (
            "I bought order #48213 last week, it's now £10 cheaper. Can I get the difference back?",
            "£10",
        ),
        (
            "J'ai acheté la commande 48213, le prix a baissé de 10 €. Remboursez la différence ?",
            "10 €",
        ),
        (
            "J'ai acheté la commande 48213, elle est 10 € moins chère maintenant.",
            "10 €",
        ),
    ] {
        assert_eq!(amount(m), [want], "{m}");
    }
    assert!(values("My rent is going up by £65, can you explain?", &["rent"]).is_empty());
    assert!(
        values(
            "I bought order #48213 last week, the price dropped by £10. Can I get the difference back?",
            &["amount"]
        )
        .is_empty()
    );
}

#[test]
fn trap_the_customers_job_or_another_shops_carrier_is_not_the_parcels() {
    gives_none(
        "carrier",
        &[
            "Ma commande 48213 n'est pas arrivée. Je travaille à La Poste, je connais.",
            "Order 48213 never came. I used to work at DPD so I know how it goes.",
            "Ma commande 48213 n'est pas arrivée. Je suis livreur Chronopost moi-même.",
            "Order 48213 never came. I'm a driver for DHL myself.",
            "Order 48213 never came. I'm a courier at Evri.",
            "Order 48213 never came. Amazon's DHL parcels always come on time.",
            "I'm employed by DPD so I know how long it takes. Order 48213 is late.",
            "I used to be a DHL driver, this is not normal. Order 48213.",
            "I've been a DPD courier for years, order 48213 is late.",
            "J'ai été livreur Chronopost, ma commande 48213 est en retard.",
            "Je suis employé chez DPD, ma commande 48213 est en retard.",
        ],
    );
    // A parcel's carrier said with "was a" or "by" is its carrier.
    for m in [
        "It was a DHL parcel and it never came, order 48213",
        "I was told it was a DHL delivery, order 48213",
        "Order 48213 was delivered by DHL to the wrong door",
        "A DHL driver left a card, order 48213",
    ] {
        assert_eq!(values(m, &["carrier"]), ["carrier=DHL"], "{m}");
    }
    for (m, carrier) in [
        ("Order 48213 was left at the door by DPD", "carrier=DPD"),
        (
            "Ma commande 48213 est partie avec La Poste",
            "carrier=La Poste",
        ),
        (
            "The DHL driver left order 48213 at the wrong door",
            "carrier=DHL",
        ),
        (
            "DHL's driver left order 48213 at the wrong door",
            "carrier=DHL",
        ),
    ] {
        assert_eq!(values(m, &["carrier"]), [carrier], "{m}");
    }
}

#[test]
fn trap_a_day_the_customer_asks_to_pay_by_is_not_the_due_date() {
    gives_none(
        "due_date",
        &[
            "can we pay before 15 January?",
            "Could we pay invoice INV-2026-0555 before 15 January?",
            "Is it OK if we pay before 15 January?",
            "We should be able to pay before 15 January.",
            "Pouvons-nous payer avant le 15 janvier ?",
            "Puis-je régler la facture avant le 15 janvier ?",
        ],
    );
    // Nobody named: the payment itself asked, promised or planned.
    gives_none(
        "due_date",
        &[
            "Invoice INV-2026-0412 is overdue, sorry. Is it OK to pay before 20 January?",
            "Payment will be made before 20 January.",
            "Will pay before 20 January, sorry for the delay.",
            "We plan to pay before 20 January.",
            "Would it be possible to settle before 20 January?",
            "Le paiement sera fait avant le 20 janvier.",
            "I need to know if we can pay before 20 January.",
        ],
    );
    // What must be paid by, or was due: the due date.
    for m in [
        "I have to pay before 20 January, where is the invoice?",
        "It was due before 20 January.",
        "Payment must be made before 20 January, where is the invoice?",
        "I'll have to pay before 20 January, where is the invoice?",
        "I can see it was due before 20 January, sorry.",
        "Invoice INV-2026-0412 is due on 20 January, is it OK to pay late?",
    ] {
        assert_eq!(values(m, &["due_date"]), ["due_date=20 January"], "{m}");
    }
    assert_eq!(
        values(
            "The invoice is due before 15 January, can we pay by card?",
            &["due_date"]
        ),
        ["due_date=15 January"]
    );
}

#[test]
fn trap_someone_elses_reference_pet_or_link_is_not_the_customers() {
    assert!(
        values(
            "Hi, my colleague's booking is ABC123, can you check mine?",
            &["booking"]
        )
        .is_empty()
    );
    assert_eq!(
        values("Hi, my booking is ABC123, can you check it?", &["booking"]),
        ["booking=ABC123"]
    );
    assert!(
        values(
            "My neighbour's dog Max is due his jabs, can I book him in?",
            &["pet"]
        )
        .is_empty()
    );
    assert_eq!(
        values("My dog Max is due his jabs, can I book him in?", &["pet"]),
        ["pet=Max"]
    );
    assert!(
        values(
            "My friend's store https://friendshop.example.com is linked, how do I link mine?",
            &["website"]
        )
        .is_empty()
    );
    assert_eq!(
        values(
            "Please link my store https://myshop.example.com to my account",
            &["website"]
        ),
        ["website=https://myshop.example.com"]
    );
}

#[test]
fn trap_a_link_to_a_screenshot_or_a_file_is_not_the_customers_site() {
    gives_none(
        "website",
        &[
            "My shop is linked wrong, see screenshot at https://imgur.com/abc123",
            "Here's a photo of the error: https://imgur.com/abc123",
            "The receipt is here https://files.example.com/r.pdf, please link my shop",
        ],
    );
}

#[test]
fn the_customers_own_date_beside_someone_elses_is_taken() {
    assert_eq!(
        values(
            "Please fix my date of birth, you have 12/03/1985 which is my wife's. Mine is 14/07/1986",
            &["birth_date"]
        ),
        ["birth_date=14/07/1986"]
    );
    gives_none(
        "birth_date",
        &[
            "I need to update my date of birth. My passport expires 14 July 2030",
            "My date of birth is wrong on my account; my passport expires 14 July 2030",
        ],
    );
}

#[test]
fn trap_the_days_of_an_absence_or_a_date_since_moved_are_not_the_one_booked() {
    gives_none(
        "visit_day",
        &[
            "My appointment clashes, I'm on holiday from 20 June to 26 June",
            "Can I move my appointment? I'm away from 20 June to 26 June.",
        ],
    );
    assert_eq!(
        values(
            "I'm away next week but my appointment is on 30 June, is that still on?",
            &["visit_day"]
        ),
        ["visit_day=30 June"]
    );
    let arrival = values(
        "We were supposed to arrive on 14 June but it moved to 15 June, is that ok?",
        &["arrival"],
    );
    assert!(
        arrival.is_empty() || arrival == ["arrival=15 June"],
        "{arrival:?}"
    );
    // A change asked leaves the day booked, and a day moved by the
    // business is still the one the booking names.
    assert_eq!(
        values(
            "My appointment is on 14 June but my shift has moved, can I swap it to 16 June?",
            &["visit_day"]
        ),
        ["visit_day=14 June"]
    );
    assert_eq!(
        values(
            "The show on 19 November has been pushed back to 4 February?? Are my tickets ok?",
            &["show_date"]
        ),
        ["show_date=19 November"]
    );
}

#[test]
fn trap_an_amount_for_another_period_is_not_a_monthly_fee() {
    gives_none(
        "monthly_fee",
        &[
            "I was charged £420 for the year for my membership, is that right?",
            "My membership costs £420 a year, is that right?",
            "I pay £420 per annum for the membership",
            // "last month" says when, and announces no monthly amount; a
            // relative's price compared is theirs.
            "I bought a lock here last month for £45, is it covered?",
            "Le mois dernier j'ai acheté un antivol pour 45 €, il est garanti ?",
            "My brother got the same membership from you for £30, why not me?",
        ],
    );
    assert_eq!(
        values(
            "I was charged £35 for the month for my membership, is that right?",
            &["monthly_fee"]
        ),
        ["monthly_fee=£35"]
    );
}

#[test]
fn an_annual_fee_is_a_years_amount_and_no_months() {
    // Every way of saying a year, after the amount, for a variable named
    // "annual" ("annual" and "monthly" are both words of a subscription:
    // neither may announce the other's amount).
    for m in [
        "Please cancel my annual membership, £198 a year.",
        "Please cancel my membership, £198 a year.",
        "Please cancel my membership, £198 per year.",
        "Please cancel my membership, £198 annually.",
        "Please cancel my membership, £198 per annum.",
        "Please cancel my membership, £198 yearly.",
        "Please cancel my annual membership, £198.",
    ] {
        assert_eq!(values(m, &["annual_fee"]), ["annual_fee=£198"], "{m}");
        assert!(values(m, &["monthly_fee"]).is_empty(), "{m}");
    }
    assert_eq!(
        values(
            "Merci d'annuler mon adhésion, 198 € par an.",
            &["annual_fee"]
        ),
        ["annual_fee=198 €"]
    );
    // A month's amount is no annual fee, after the amount or, without a
    // period there, by the adjective of its sentence.
    for m in [
        "Please cancel my membership, £16.50 a month.",
        "Please cancel my membership, £16.50/month.",
        "Please cancel my monthly membership, £16.50.",
        "I pay £16.50 a month for my annual membership, cancel it",
    ] {
        assert!(values(m, &["annual_fee"]).is_empty(), "{m}");
        assert_eq!(values(m, &["monthly_fee"]), ["monthly_fee=£16.50"], "{m}");
    }
}
