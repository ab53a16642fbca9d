//! Names: the customer's, introduced or signed; the traps of other people's.

use super::{gives_none, name, values};

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
    assert_eq!(
        name("Thanks!\nMaria - VIP customer\n\nOrder: 12345"),
        ["name=Maria"]
    );
    assert_eq!(
        name("Someone changed my password!\nNeil (account holder)"),
        ["name=Neil"]
    );
    assert_eq!(
        name("Bonjour\nremboursement svp\nHélène D."),
        ["name=Hélène"]
    );
    assert_eq!(name("Rien reçu.\n\nChloé\n06 11 22 33 44"), ["name=Chloé"]);
    // A reference on the line under the name, or on the line above.
    assert_eq!(
        name("Please don't send anyone round.\nKerry\nBW-61029384"),
        ["name=Kerry"]
    );
    assert_eq!(
        name("What do we do??? 07700 900 734\nRental RA-61287730\nRhys"),
        ["name=Rhys"]
    );
    // A reference the customer ends on before signing.
    assert_eq!(
        name("Vous pouvez regarder ce qui se passe ? IW-11487320 Karim"),
        ["name=Karim"]
    );
    assert_eq!(
        name("Can I send it back? I've kept the packaging. order 28830147 thanks Lucy"),
        ["name=Lucy"]
    );
    // On a line of its own: a reference line under a name ("Order
    // 45127") it is not, as it goes on to sign.
    assert_eq!(
        name("Hi, where is my parcel?\norder 28830147 thanks Lucy"),
        ["name=Lucy"]
    );
    // A shorter number, said to be one by its word.
    assert_eq!(
        name("Hi, where is my parcel?\norder 45127 thanks Lucy"),
        ["name=Lucy"]
    );
    assert_eq!(
        name("Hi, where is my parcel?\nThanks, Jo\nOrder 45127"),
        ["name=Jo"]
    );
    // How a closing goes on names no one: "mille" of "Merci mille fois".
    for closing in [
        "Merci mille fois",
        "Thanks loads",
        "Cheers mate",
        "Merci infiniment",
    ] {
        assert!(
            name(&format!("Où est ma commande 45139 ? {closing}")).is_empty(),
            "{closing}"
        );
    }
    assert_eq!(
        name("Je peux le mettre en pause ? IW-47719208 bisous Manon"),
        ["name=Manon"]
    );
    assert_eq!(
        name("Any news?\nBest regards\nLucas Meyer\nHead of Operations"),
        ["name=Lucas"]
    );
    assert_eq!(name("Merci.\nSylvie GARNIER"), ["name=Sylvie"]);
    assert_eq!(name("Cordialement,\nAnne de Villiers"), ["name=Anne"]);
    assert_eq!(name("Refund still pending?\nxx Maya"), ["name=Maya"]);
    assert_eq!(
        name("Forgot it again!\n\nCheers\nTom\n\nSent from my iPhone"),
        ["name=Tom"]
    );
    assert_eq!(
        name(
            "Any news on order 48213?\nAnna\nThis email has been scanned for viruses by Mimecast Ltd."
        ),
        ["name=Anna"]
    );
    assert_eq!(
        name("Où en est ma commande 48213 ?\nAnna\nCe message a été analysé par un antivirus."),
        ["name=Anna"]
    );
    assert_eq!(
        name("Account email: p@example.org\n\nPriya"),
        ["name=Priya"]
    );
    assert_eq!(
        name("Derek here from Apex Consulting - how do we start?"),
        ["name=Derek"]
    );
    assert_eq!(name("Hi, it's Maria here again, any news?"), ["name=Maria"]);
    assert!(name("It's Amazon, not you, who lost it").is_empty());
    assert_eq!(
        name("Payment failed twice.\nRegards,\nRebecca, Finance, Orion Ltd"),
        ["name=Rebecca"]
    );
    // What is thanked for, in a few words before the comma.
    for m in [
        "We are going back to spreadsheets. Thanks for everything, Alex",
        "Ça fait pareil sur Firefox. Merci de regarder, Yannick",
        "Un collègue a peut-être archivé quelque chose ? Merci de m'aider, Pascal",
        "Do you do anything for charities? Warmly, Beth",
        "The tickets are in the app now. Much appreciated, Tom",
        "can you take the old one off me? Cheers, Ollie",
        "I can't do anything with it. BR-193357, Laura",
        "sans attendre la fin ? Compte BR-562093, Inès",
        "Account BR-467018.\nNot impressed, Graham",
    ] {
        let first = m.rsplit(' ').next().unwrap_or_default();
        assert_eq!(name(m), [format!("name={first}")], "{m}");
    }
    // References and a phone number beside the name.
    for (m, first) in [
        ("Please don't evict me. Kelly, tenancy TEN204417", "Kelly"),
        ("What can you do about it? Nadia, flat 11, MQ-1450", "Nadia"),
        ("Who do I chase? Jonny (TEN-612004)", "Jonny"),
        ("can you let him in? MQ-3056, Hannah Lee (flat 2)", "Hannah"),
        (
            "Pas urgent mais bon ! Logement MQ-4410, Camille Roux",
            "Camille",
        ),
        (
            "On fait quoi ?? Appart MQ-3372, Julien 06 12 34 56 78",
            "Julien",
        ),
        ("pas d'animaux.\n06 45 78 12 09 — Raphaël", "Raphaël"),
        (
            "as my notice.\nJakub Nowak\n3 Hawthorn Mews, LS6 2QT",
            "Jakub",
        ),
        (
            "J'attends un remboursement intégral. M. Benoît GARNIER",
            "Benoît",
        ),
        ("Commande VT-87034461. Mme PERRIN Sandrine", "Sandrine"),
        // The line above is a sentence, not an address.
        (
            "is my order coming?? it said 7:45 and its now 8:30\nKev",
            "Kev",
        ),
        (
            "Luckily I checked before biting into it. MM-4402218\nAnna",
            "Anna",
        ),
    ] {
        assert_eq!(name(m), [format!("name={first}")], "{m}");
    }
    // A full name alone after the last statement.
    assert_eq!(
        name("Merci de transmettre au service concerné. Valérie Dumas"),
        ["name=Valérie"]
    );
}

#[test]
fn a_closing_word_without_its_comma_signs_off_a_message_that_asks_or_reports_a_problem() {
    assert_eq!(
        name("Can I keep my membership and use the Fallowfield gym instead? Thanks Kerry"),
        ["name=Kerry"]
    );
    assert_eq!(
        name("Do I get my money back and where do we stay now? Regards Nadia"),
        ["name=Nadia"]
    );
    assert_eq!(
        name("Je peux mettre l'abo en stand-by sans payer ? bisous Manon"),
        ["name=Manon"]
    );
    assert_eq!(
        name("Hello, my discount code WELCOME10 doesn't work on order 72555. Thanks Priti"),
        ["name=Priti"]
    );
    assert_eq!(
        name("Mon colis n'est toujours pas arrivé. Merci Léa"),
        ["name=Léa"]
    );
    assert_eq!(
        name("il me faut une facture acquittée pour AXA. merci Simon"),
        ["name=Simon"]
    );
    assert_eq!(
        name("Why was I charged £142 for a check-up?? Anyway, Mo"),
        ["name=Mo"]
    );
    // A question without its question mark, a problem without its
    // apostrophe.
    assert_eq!(
        name("hello can i swich the car to an automatic. cheers Dave"),
        ["name=Dave"]
    );
    assert_eq!(
        name("the code doesnt work on my order. thanks Aimee"),
        ["name=Aimee"]
    );
    // Or gives the days the customer is free.
    assert_eq!(
        name("bjr, mon rdv du 5 mars est a deplacer. je suis dispo le 12 ou le 13. merci Nico"),
        ["name=Nico"]
    );
}

#[test]
fn trap_a_closing_abbreviation_a_title_or_a_word_of_thanks_is_no_name() {
    let ask = "Bonjour, je veux un remboursement de ma commande. Pouvez-vous m'aider ?";
    for ending in [
        "\nCdt,",
        "\nSlt",
        " Merci Bcp",
        " Merci Infiniment",
        "\nMerci,\nMaître Dupont",
    ] {
        assert!(name(&format!("{ask}{ending}")).is_empty(), "{ending}");
    }
    assert!(name("Can you check my order? Thanks Guys").is_empty());
    assert!(name("Bonjour, mon nom est Durand, où est ma commande ?").is_empty());
}

#[test]
fn trap_an_introduction_and_a_sign_off_naming_two_people_give_none() {
    assert!(name("I'm Maria. Where is my refund? Thanks, Tom").is_empty());
    assert_eq!(
        name("I'm Maria. Where is my refund? Thanks, Maria"),
        ["name=Maria"]
    );
    assert!(name("Same here, where is my refund?").is_empty());
}

#[test]
fn a_variable_asking_for_the_full_name_gets_it() {
    assert_eq!(
        values("Thanks,\nPriyanka Shah", &["full_name"]),
        ["full_name=Priyanka Shah"]
    );
    // In lower case, as written.
    assert_eq!(
        values("where is my order?? merci, sophie lemaire", &["full_name"]),
        ["full_name=sophie lemaire"]
    );
    // An apostrophe after a capital joins a surname.
    assert_eq!(
        values(
            "Would we lose anything? Thanks, Liam O'Brien",
            &["full_name"]
        ),
        ["full_name=Liam O'Brien"]
    );
    assert_eq!(
        name("Would we lose anything? Thanks, Liam O'Brien"),
        ["name=Liam"]
    );
}

#[test]
fn trap_the_agent_greeted_or_thanked_is_not_the_customer() {
    assert!(name("Hi Sophie, any news on my refund?\nThanks").is_empty());
    assert!(name("Bonjour Julie, toujours rien ?\nJulie").is_empty());
    assert!(name("That worked. Thanks Nora").is_empty());
    assert!(name("Card's working again, brilliant, thanks Sophie!").is_empty());
    assert!(name("Got it, merci Julie").is_empty());
    assert!(name("Great, thanks, Nora!").is_empty());
    assert!(name("That worked. Thanks for the quick reply Nora").is_empty());
    assert!(name("Thanks for sorting it out so fast, Nora!").is_empty());
    assert!(name("Thanks for this and for everything you did, Nora").is_empty());
    assert!(name("Could you check it for me, Nora?").is_empty());
    assert!(name("I waited all day, and nothing, Nora").is_empty());
    assert!(name("Vacances sauvées ! Bien cordialement, Famille Besson").is_empty());
    assert!(name("Where are my shoes? Nike Air").is_empty());
    assert!(name("I was robbed an hour ago. Oxford Street").is_empty());
    assert!(name("Je perds tout ? Réservation 8843120096").is_empty());
    assert!(name("Where are my shoes? Nike Air (size 10)").is_empty());
}

#[test]
fn trap_a_colleague_is_not_the_customer() {
    assert!(name("I talked to Nora yesterday and nothing happened.\nNora").is_empty());
    assert!(name("Greg from your team promised a call. Greg").is_empty());
    // Introduced as one: "this is Mark from your team".
    for m in [
        "Hello, this is Mark from your team, passing on a complaint: order 11223 arrived damaged.",
        "Hi, this is Mark from Acme support, order 11223 arrived damaged.",
        "Hi, I'm Mark, from your returns team. Order 11223 arrived damaged.",
        "Bonjour, c'est Julie du service client, commande 40031 abîmée.",
    ] {
        assert!(name(m).is_empty(), "{m}");
    }
    // From a place, a customer all the same.
    assert_eq!(
        name("Hi, I'm Mark from Leeds. Order 11223 arrived damaged."),
        ["name=Mark"]
    );
}

#[test]
fn trap_a_message_cut_short_on_a_word_that_opens_a_phrase_is_not_signed() {
    assert!(name("My parcel has not arrived and I am very upset about it. My").is_empty());
    assert!(name("Ma commande n'est pas arrivée, je suis très déçue. Mon").is_empty());
}

#[test]
fn trap_a_title_and_a_surname_name_nobody_by_first_name() {
    assert!(name("Merci de rembourser.\nCordialement,\nM. Girard").is_empty());
    assert!(name("Please refund me.\nRegards,\nMrs Patel").is_empty());
    assert!(name("I don't want this on my record. R. Patel").is_empty());
    assert!(name("Je refuse. M. Girard, bail TEN-145590").is_empty());
    // Which of two names is the surname, only capitals tell.
    assert!(name("Commande VT-87034461. Mme Perrin Sandrine").is_empty());
    assert!(name("J'attends un remboursement. M. Benoît Garnier").is_empty());
}

#[test]
fn a_first_name_given_as_a_form_asks_it_or_after_a_greeting_introduces() {
    for (m, first) in [
        (
            "My IELTS certificate has my surname spelt wrong. My first name is Anna.",
            "Anna",
        ),
        (
            "Mon attestation a une faute dans mon nom. Prénom : Gaëlle.",
            "Gaëlle",
        ),
        ("Hi it's Joanne. I need to book my check-up.", "Joanne"),
    ] {
        assert_eq!(name(m), [format!("name={first}")], "{m}");
    }
    // Not someone else's, nor a day.
    assert!(name("Please correct my son's first name: Ben").is_empty());
    assert!(name("Hi, it's Monday. Still nothing.").is_empty());
}

#[test]
fn a_first_name_the_message_ends_on_in_lower_case_signs_it_as_written() {
    for (m, first) in [
        (
            "maybe the 2nd or 3rd? is it ok to drive it to you. car reg SK18 LMN. tony",
            "tony",
        ),
        (
            "broke a tooth on a crisp. call me on 07700 900321. gareth",
            "gareth",
        ),
        (
            "how long is the quote valid? reg PE19 KMB. thanks chris",
            "chris",
        ),
        (
            "where is my parcel?? order 47710 was due monday\nthanks\nmike",
            "mike",
        ),
        ("anything on the 21st?? want it all off lol. jess x", "jess"),
        ("test de niveau en ligne possible ? merci, hugo", "hugo"),
        (
            "je voudrais inscrire ma fille a l'atelier. merci, sophie lemaire",
            "sophie",
        ),
    ] {
        assert_eq!(name(m), [format!("name={first}")], "{m}");
    }
}

#[test]
fn trap_a_word_a_message_ends_on_in_lower_case_is_no_name() {
    gives_none(
        "name",
        &[
            // Nothing asked, nothing wrong: the agent thanked.
            "all sorted now, thanks, maria",
            // A sentence ended, not a message signed.
            "years of loyalty and this is what I get. pathetic.",
            "it shows as sent in my app but he sees nothing. normal??",
            // Two words after a full stop, a word of the language.
            "my card is in my hand right now. block everything",
            "vous pouvez annuler et me rembourser ? jsuis degoutee",
            "says dropped off. theres nothing here. wtf",
            "still nothing after three weeks. disgusting",
            "the parcel never came. waiting",
            // A word of an address.
            "I want to change my email. Currently it's karen@old.com",
            // A surname after the initial of the first name.
            "je rends mon box fin avril, merci de me confirmer. salutations, p. girard",
        ],
    );
}

#[test]
fn a_size_a_job_or_a_company_beside_the_sign_off_leaves_the_name() {
    for (m, first) in [
        (
            "la veste est trop petite, je voudrais un L. Merci, Chloé",
            "Chloé",
        ),
        (
            "Please address the invoice to Brightline Studio SAS.\nRegards,\nPaul Mercier, office manager",
            "Paul",
        ),
        (
            "We paid it by transfer on 10 October.\nRegards,\nSarah Collins\nAccounts, Northwind Ltd",
            "Sarah",
        ),
        // A family's business, under the name that gives it its own.
        (
            "Pourriez-vous m'envoyer une facture ? Cordialement, Hélène Dupont\nMenuiserie Dupont",
            "Hélène",
        ),
        (
            "Can I have an invoice for the lessons?\nThanks,\nTom Baker\nBaker & Sons Plumbing",
            "Tom",
        ),
    ] {
        assert_eq!(name(m), [format!("name={first}")], "{m}");
    }
    // A role is no name; an e-mail signature under a sign-off is not the
    // one who signed.
    assert!(
        name(
            "avez-vous une réduction ?\nCordialement,\nLe Trésorier\nAssociation Les Amis du Vélo"
        )
        .is_empty()
    );
    assert_ne!(
        name("I'd like to extend it.\nBest,\nSam\n\nSamuel Ortiz\nOperations, Greenleaf Co."),
        ["name=Samuel"]
    );
}

#[test]
fn after_an_english_title_the_first_name_comes_first() {
    assert_eq!(
        name("I haven't heard anything yet.\nThank you,\nMrs Jean Porter"),
        ["name=Jean"]
    );
    assert_eq!(
        name("You charged me for wiper blades. Job JC-40500.\nKind regards,\nDr Emma Stone"),
        ["name=Emma"]
    );
}

#[test]
fn trap_a_team_or_a_company_in_the_sign_off_is_not_a_name() {
    assert!(name("Please resend the invoice.\nRegards,\nAccounts team").is_empty());
    assert!(name("Please resend the invoice.\nBest,\nNorthgate Logistics").is_empty());
    assert!(name("Merci de corriger.\nCordialement,\nService achats").is_empty());
    assert!(name("Invoice attached.\nKind regards,\nFacilities, Orion Ltd").is_empty());
}

/// A marketplace or a platform the customer buys through signs for no one,
/// however it is written; the customer named beside it still signs.
#[test]
fn trap_a_marketplace_or_a_platform_signing_is_no_name() {
    gives_none(
        "name",
        &[
            "Where is my order 48213? Thanks, Amazon",
            "Where is my order 48213?\nCheers,\nAmazon",
            "Où est ma commande 48213 ? Merci Vinted",
            "where is my order 48213?? thanks amazon",
            "Hi, I'm Etsy and my order 48213 is late",
        ],
    );
    assert_eq!(
        name("Where is my order 48213 from Amazon? Thanks, Tom"),
        ["name=Tom"]
    );
    assert_eq!(
        name("I paid with PayPal and nothing came. Thanks, Tom"),
        ["name=Tom"]
    );
    assert_eq!(
        name("Where is my order 48213? Thanks, Tom\nSent from my Apple iPhone"),
        ["name=Tom"]
    );
}

#[test]
fn a_name_that_is_also_a_word_is_a_name_when_the_customer_goes_on_introducing() {
    assert_eq!(
        name("Hi, I'm Bill from Acme, our invoice is wrong."),
        ["name=Bill"]
    );
    assert_eq!(name("Hi, I'm Grace, my order is late."), ["name=Grace"]);
}

#[test]
fn trap_what_follows_im_is_not_always_a_name() {
    assert!(name("I'm on the premium plan and want to cancel").is_empty());
    assert!(name("I'm French and live in Lyon, do you deliver?").is_empty());
    assert!(name("I'm Furious! Where is my order?").is_empty());
    assert!(name("I'm Furious, where is my refund?").is_empty());
    assert!(name("Je suis Furieuse, où est ma commande ?").is_empty());
    assert!(name("Hello, I'm Delighted, the new sofa is lovely").is_empty());
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
    // After a reference too.
    assert!(name("Where is my refund? Order 70410 London").is_empty());
    assert!(name("Where is it? Order 70410 Nike Air").is_empty());
}

#[test]
fn trap_a_sign_off_by_a_relative_a_household_a_place_or_a_feeling_gives_none() {
    gives_none(
        "name",
        &[
            "Refund please, order 78550.\nThanks\nDad",
            "My bill is way higher than usual. Thanks, Nan",
            "Any news on my order? Love, Mum x",
            "Our parcel never arrived, order 62290. Thanks in advance, The Smiths",
            "Where is my parcel? Cheers from Sydney",
            "Refund please.\nRegards,\nDisappointed",
            "Still nothing. Rgds",
            "Where is it? Thanks, Anon",
        ],
    );
}

#[test]
fn trap_a_rank_or_a_title_with_an_initial_gives_no_first_name() {
    gives_none(
        "name",
        &[
            "Refund order 42071 please. Regards, Mr S Jones",
            "Booking QX7P2L, I want to cancel. Regards, Sgt Baker",
            "Where is order 84122? Thanks, Rev. Green",
            "Where is it? Thanks, Sister Mary",
            "Can you help? Regards, Capt. Hughes",
        ],
    );
}

#[test]
fn trap_how_the_customer_is_after_im_is_no_name() {
    gives_none(
        "name",
        &[
            "I'm Gutted, my new TV arrived with a cracked screen",
            "Hi, I'm Polish and my English is not good. Where is order 71230?",
            "I'm Disabled and need assistance at the station",
            "I'm New here, where is my order?",
            "I'm Diabetic, is the cake sugar free?",
            "I'm Elderly and can't get to the post office. How do I return order 88344?",
            "I'm Impressed, order 43037 arrived fast! Thanks",
            "Hi, I'm Sure my order 48213 was lost",
            "Hi, I'm Afraid my order 48213 is lost",
            "Bonjour,\nJe suis Désolée de vous relancer mais ma commande 48213 n'est pas arrivée.",
            "Je suis Parisienne et ma commande 48213 n'est pas arrivée.",
        ],
    );
}

/// How a customer closes, or calls themselves, is no name: the closing's
/// own words, a feeling, a role, a filler typed last in lower case.
#[test]
fn trap_a_closing_a_mood_or_a_filler_signs_for_no_one() {
    for sign in [
        "God Bless",
        "Stay Safe",
        "Stay Well",
        "Take Care",
        "Keep Safe",
        "Be Well",
        "Peace",
        "Blessings",
        "Cheers, Big Fan",
        "Regards, Head Office",
        "Best, Night Shift",
        "Cheers, Old Timer",
        "Regards, Concerned",
        "Regards, Puzzled",
        "Thanks, Baffled",
        "Belle Journée",
        "À Bientôt",
        "Au Plaisir",
        "Bonne Continuation",
        "damn",
        "jeez",
        "btw",
        "fyi",
        "idk",
        "mrc",
        "bsx",
        "dsl",
        "Have A Nice Day",
        "Have A Good One",
        "Speak Soon",
        "Talk Soon",
        "Looking Forward",
        "Take It Easy",
        "Stay Blessed",
        "Thank You Kindly",
        "Thanks, Grateful",
        "tyvm",
        "Gros Bisous",
        "Merci, Reconnaissante",
        "jsp",
        "biz",
    ] {
        let message =
            format!("Hi, my order 48213 still hasn't arrived, can you check where it is?\n{sign}");
        assert!(name(&message).is_empty(), "{sign}");
    }
    for (sign, who) in [
        ("Take care, Jo", "name=Jo"),
        ("Stay safe,\nPriya", "name=Priya"),
        ("Have a nice day, Tom", "name=Tom"),
        ("Looking forward to hearing from you,\nGrace", "name=Grace"),
        ("Gros bisous, Léa", "name=Léa"),
    ] {
        let message =
            format!("Hi, my order 48213 still hasn't arrived, can you check where it is?\n{sign}");
        assert_eq!(name(&message), [who], "{sign}");
    }
}
#[test]
fn a_smiley_after_the_name_is_no_part_of_the_sign_off() {
    for message in [
        "Where is my order? Thanks, Sam 😊",
        "Where is my order?\nSam 🙂",
        "Where is my order? Thanks, Sam :)",
    ] {
        assert_eq!(name(message), ["name=Sam"], "{message}");
    }
}

#[test]
fn its_x_right_after_the_opening_greeting_introduces_the_customer() {
    assert_eq!(
        name("Hi it's Lizzie, can you tell me where order 55510 is?"),
        ["name=Lizzie"]
    );
    assert_eq!(
        name("Bonjour, c'est Nadia, mon colis est où ?"),
        ["name=Nadia"]
    );
    // Elsewhere "it's X," is too often a thing.
    assert!(name("My parcel? It's Monday, still nothing").is_empty());
}

#[test]
fn trap_a_role_a_business_or_a_description_signing_is_no_first_name() {
    gives_none(
        "name",
        &[
            "Landlord here. Where's my statement for MQ-2530?",
            "Hi, Student here, can I get the student discount?",
            "Bonjour,\nPropriétaire ici. Le relevé de mars n'est pas arrivé.",
            "Our payout is missing. Partner P204933.\nRegards,\nGreen Leaf Café",
            "Notre versement n'est pas arrivé.\nMerci,\nChez Paul",
            "where is my order 68771?\nthanks\nSunny Days Nursery",
            "Where is our delivery?\nThanks,\nPizzeria Bella Napoli",
            "There's mould in the bathroom at MQ-2311.\nThanks\nTenant, Flat 2",
            "The engineer didn't come. Account BW-30572777.\nThanks\nHome Owner",
            "My locker is stuck with my keys inside.\nThanks\nCoach Karim",
            "Merci et Joyeux Noël !",
        ],
    );
}

#[test]
fn a_first_name_that_is_also_a_word_or_a_surname_that_is_one_still_signs() {
    assert_eq!(name("Where is order 61120?\nThanks, Noel"), ["name=Noel"]);
    assert_eq!(name("Hi, I'm Bill. Where is my order?"), ["name=Bill"]);
    assert_eq!(
        name("Bonjour, je suis Ravi, où est ma commande ?"),
        ["name=Ravi"]
    );
    assert_eq!(name("Hi, I'm Fabrice, my order is late"), ["name=Fabrice"]);
    assert_eq!(
        name("Where is my parcel?\nThanks,\nSarah Price"),
        ["name=Sarah"]
    );
}

#[test]
fn a_pets_name_is_read_from_a_possessive_or_after_what_it_is() {
    let pet = |m: &str| values(m, &["pet", "name"]);
    assert_eq!(
        pet("Hi, got your reminder that Milo's booster is due. Thanks, Rachel"),
        ["pet=Milo", "name=Rachel"]
    );
    assert_eq!(
        pet("Our boy Chester is having his dental on Friday"),
        ["pet=Chester"]
    );
    assert_eq!(
        pet("erreur sur la fiche de ma chatte Olive, merci"),
        ["pet=Olive"]
    );
    assert_eq!(pet("we've just got a puppy, Pip!"), ["pet=Pip"]);
}

#[test]
fn a_pets_name_is_read_after_its_care_in_french_or_as_a_sentences_subject() {
    let pet = |m: &str| values(m, &["pet", "name"]);
    assert_eq!(
        pet("Bonjour, je dois déplacer le rendez-vous de Pistache. Merci, Julie"),
        ["pet=Pistache", "name=Julie"]
    );
    assert_eq!(
        pet("nous devons annuler la castration de Tigrou"),
        ["pet=Tigrou"]
    );
    assert_eq!(
        pet("Hello, Biscuit is booked in for Tuesday. Tom"),
        ["pet=Biscuit", "name=Tom"]
    );
    assert_eq!(
        pet("Hi there, Luna had her last booster in May"),
        ["pet=Luna"]
    );
    assert_eq!(
        pet("Thanks for the reminder. Tilly had bloods taken on Monday"),
        ["pet=Tilly"]
    );
}

#[test]
fn trap_a_place_a_support_word_or_the_customer_as_subject_is_no_pets_name() {
    let pet = |m: &str| values(m, &["pet"]);
    // After "de" elsewhere than its care, a name may be a place.
    assert!(pet("mon train de Paris est annulé").is_empty());
    // A support word opening a sentence is no name.
    assert!(pet("Hi, Delivery was late. Payment has gone through.").is_empty());
    // Introducing oneself, or in the middle of a sentence.
    assert!(pet("Hi, Tom here, my dog is unwell").is_empty());
    assert!(pet("Hello, Sarah is my name and my cat is ill").is_empty());
    assert!(pet("I think Biscuit is booked in").is_empty());
}

#[test]
fn trap_the_customers_own_name_a_greeted_one_or_two_pets_give_no_pets_name() {
    let pet = |m: &str| values(m, &["pet"]);
    // The customer signs with the possessive's name: it is theirs.
    assert!(pet("It's Rachel's account. Thanks, Rachel").is_empty());
    assert!(pet("Hi Julie, Julie's email said to write in").is_empty());
    assert!(pet("Milo's booster and Luna's jabs are both due").is_empty());
    assert!(pet("Evri's driver left it outside").is_empty());
    // "It's", "Today's", "Mum's": no name.
    assert!(pet("It's booked for Friday. Today's the day, Mum's coming").is_empty());
}

#[test]
fn a_childs_name_is_never_the_parents_who_writes() {
    let child = |m: &str| values(m, &["child_name", "name"]);
    assert_eq!(
        child("Hi, I'd like to book my son Oscar's first check-up. Thanks, Claire"),
        ["child_name=Oscar", "name=Claire"]
    );
    assert_eq!(
        child("je voudrais un rendez-vous pour ma fille Chloé. Merci, Sandrine"),
        ["child_name=Chloé", "name=Sandrine"]
    );
    // Named by what the parent is to them; a teacher's possessive is none.
    let only = |m: &str| values(m, &["child_name"]);
    for (m, first) in [
        (
            "Hi, I'm Priya, mum of Arjun (4). Could he come with me?",
            "Arjun",
        ),
        (
            "Bonjour, Marc Dupont, papa de Jules (5 ans). Il a besoin d'une coupe.",
            "Jules",
        ),
        (
            "Bonjour, je suis la maman de Lucas. Pourriez-vous me faire un bilan ?",
            "Lucas",
        ),
        (
            "I'm Lucy's mum, Karen. She's in Mr Dubois's Saturday group. Thanks, Karen",
            "Lucy",
        ),
    ] {
        assert_eq!(only(m), [format!("child_name={first}")], "{m}");
    }
}

#[test]
fn trap_the_customer_is_not_the_mechanic() {
    let mechanic = |m: &str| values(m, &["mechanic", "name"]);
    assert_eq!(
        mechanic("Gary did the work. Is it under guarantee? Thanks, Ben"),
        ["name=Ben"]
    );
    assert_eq!(
        mechanic("The mechanic, Gary, said it was fine. Thanks, Ben"),
        ["mechanic=Gary", "name=Ben"]
    );
    // No longer in the role.
    assert_eq!(
        mechanic("Our old mechanic Gary was great. Thanks, Ben"),
        ["name=Ben"]
    );
    // Named by the role's word in the other language.
    assert_eq!(
        mechanic("Le mécanicien Mickaël a fait la réparation. Merci, Benoît"),
        ["mechanic=Mickaël", "name=Benoît"]
    );
}

#[test]
fn the_one_someone_was_or_will_be_with_is_the_one_in_the_role() {
    let mechanic = |m: &str| values(m, &["mechanic", "name"]);
    for (m, first) in [
        (
            "My service with Gary last week, the noise is back. Thanks, Ben",
            "Gary",
        ),
        (
            "la réparation faite par Mickaël ne tient pas. Merci, Benoît",
            "Mickaël",
        ),
        ("Could I book in with Anthony on Friday? Ben", "Anthony"),
    ] {
        assert_eq!(mechanic(m)[0], format!("mechanic={first}"), "{m}");
    }
    // Not the customer, a relation, a business, one denied, or one of two.
    for m in [
        "Came in with my brother Tom, he paid. Thanks, Ben",
        "I paid with Visa Debit. Thanks, Ben",
        "Not with Gary this time please. Thanks, Ben",
        "Serviced by Gary, then checked by Anthony. Thanks, Ben",
        "Booked in by Ben. Thanks, Ben",
    ] {
        assert_eq!(mechanic(m), ["name=Ben"], "{m}");
    }
}

#[test]
fn a_professional_is_named_by_title_and_surname_as_the_example_writes_it() {
    let dentist = |m: &str| values(m, &["dentist", "name"]);
    assert_eq!(
        dentist("I'd like to book a check-up with Dr Patel please. Thanks, Claire"),
        ["dentist=Dr Patel", "name=Claire"]
    );
    assert_eq!(
        dentist("le devis du Dr. Okoye est de 2 400 £"),
        ["dentist=Dr Okoye"]
    );
    assert_eq!(
        dentist("j'ai vu le docteur Lewis jeudi"),
        ["dentist=Dr Lewis"]
    );
}

#[test]
fn trap_the_customer_a_professional_not_wanted_or_two_give_no_professional() {
    let dentist = |m: &str| values(m, &["dentist"]);
    assert!(dentist("My crown is loose. Kind regards, Dr Emma Stone").is_empty());
    assert!(dentist("Could I book a check up? Not with Dr Brennan please").is_empty());
    assert!(dentist("fitted by Dr Patel; the temporary one by Dr Okoye").is_empty());
    // "me" is a pronoun, not Maître.
    assert!(dentist("pouvez-vous me Rappeler").is_empty());
}

#[test]
fn trap_how_the_customer_feels_is_no_name_even_capitalised() {
    for message in [
        "Hi, order 70030 arrived broken. Pathetic",
        "What is this rubbish?? Unbelievable",
        "Third time the parcel is late. Again",
        "Bonjour, commande reçue cassée. Scandaleux",
        "Toujours pas de remboursement. Inadmissible",
    ] {
        assert!(name(message).is_empty(), "{message}");
    }
    // A name alone after a sentence still signs.
    assert_eq!(name("My parcel arrived broken. Ben"), ["name=Ben"]);
}

#[test]
fn trap_a_sign_off_to_no_one_in_particular_is_no_name() {
    for message in [
        "Where is my parcel? Thanks, Guys",
        "Where is my parcel? Thank you, Everyone",
        "Where is my parcel? Cheers, Mate",
        "Where is my parcel? Yours, Truly",
        "Where is my parcel? Best, Wishes",
        "Where is my parcel? Thanks, Asap",
        "Where is my parcel? Please, Hurry",
        "Where is my parcel? Regards, Disgusted",
        "Where is my parcel? Thanks,\nHopeful",
        "Where is my parcel? Thanks, Again",
    ] {
        assert!(name(message).is_empty(), "{message}");
    }
    assert_eq!(name("Where is my parcel? Thanks, Will"), ["name=Will"]);
    assert_eq!(name("Where is my parcel? Thanks,\nBen"), ["name=Ben"]);
}

#[test]
fn trap_a_surnames_particle_is_no_first_name() {
    for message in [
        "Bonjour, commande 45689 en retard. Merci. Le Gall",
        "Colis abîmé. Cordialement, Le Goff",
        "Where is my order? Thanks, Van Damme",
    ] {
        assert!(name(message).is_empty(), "{message}");
    }
}

#[test]
fn trap_a_last_word_in_lower_case_that_is_a_feeling_a_day_a_company_or_a_town_names_no_one() {
    for last in [
        "rubbish",
        "sad",
        "sigh",
        "monday",
        "lundi",
        "demain",
        "dommage",
        "colissimo",
        // A town, where the customer is.
        "leeds",
        "bordeaux",
        "york",
        "berlin",
        "prague",
        "gloucester",
    ] {
        assert!(
            name(&format!("my order 48213 never arrived. {last}")).is_empty(),
            "{last}"
        );
    }
    // A first name still does.
    assert_eq!(name("my order 48213 never arrived. tony"), ["name=tony"]);
}

#[test]
fn trap_a_carrier_or_a_bank_signing_is_no_customer() {
    gives_none(
        "name",
        &[
            "Order 583921 never arrived. Please can you check. Thanks, Colissimo",
            "Ma commande 48213 n'est jamais arrivée. Cordialement, Crédit Agricole",
            "Ma commande 48213 n'est jamais arrivée. Cordialement, Société Générale",
        ],
    );
    assert_eq!(
        values(
            "Ma commande 48213 n'est jamais arrivée. Cordialement, Société Générale",
            &["company"]
        ),
        ["company=Société Générale"]
    );
}

#[test]
fn trap_one_of_two_people_or_the_customer_signing_is_not_the_one_in_the_role() {
    let mechanic = |m: &str| values(m, &["mechanic"]);
    assert!(
        mechanic("Please cancel my appointment with Rob or Gary, whoever it was. Dave").is_empty()
    );
    assert!(mechanic("Please cancel my appointment with Dave. Thanks, Dave").is_empty());
    assert_eq!(
        mechanic("Please cancel my appointment with Gary. Thanks, Dave"),
        ["mechanic=Gary"]
    );
}

/// "Smith, John" on a line of its own is an address book's "Surname, First
/// name", or a name and a town: no name is safer than the surname. A
/// surname in capitals says which is which.
#[test]
fn a_name_comma_name_line_gives_no_name_unless_the_surname_is_in_capitals() {
    gives_none(
        "name",
        &[
            "My parcel never arrived, order 12345.\nRegards,\nSmith, John",
            "My parcel never arrived, order 12345.\nThanks\nSarah, Leeds",
        ],
    );
    assert_eq!(
        name("My parcel never arrived, order 12345.\nSMITH, John"),
        ["name=John"]
    );
}

#[test]
fn trap_a_closing_typed_joined_or_with_letters_repeated_is_no_name() {
    for (m, who) in [
        (
            "Hi, my order 48213 never arrived. Can you check?\nThankyou, Anna",
            "name=Anna",
        ),
        (
            "Hi, my order 48213 never arrived. Can you check?\nThanku, Anna",
            "name=Anna",
        ),
        (
            "Ma commande 48213 n'est pas arrivée. Mercii, Léa",
            "name=Léa",
        ),
        (
            "where is my order 48213? it never arrived. thanksss tom",
            "name=tom",
        ),
        // Misspelt, or with its "s" typed "z": a closing all the same.
        (
            "where is my order 48213? it never arrived. Cheerz, Anna",
            "name=Anna",
        ),
        (
            "where is my order 48213? it never arrived. tnx, Anna",
            "name=Anna",
        ),
        (
            "Ma commande 48213 n'est pas arrivée. mersi anna",
            "name=anna",
        ),
        // A name is no closing stretched: "Dee" is not "de".
        (
            "where is my order 48213? it never arrived. Thanks, Dee",
            "name=Dee",
        ),
    ] {
        assert_eq!(name(m), [who], "{m}");
    }
    gives_none(
        "name",
        &[
            "where is my order 48213? it never arrived. thankyou",
            "where is my order 48213? it never arrived. thanku",
            "where is my order 48213? it never arrived. thnx",
            "where is my order 48213? it never arrived. thanksss",
            "where is my order 48213? it never arrived. thxx",
            "where is my order 48213? it never arrived. kthx",
            "Ma commande 48213 est toujours pas arrivée. mercii",
            "Ma commande 48213 est toujours pas arrivée. merciii",
            "Ma commande 48213 est toujours pas arrivée. Merci davance",
            "Ma commande 48213 est toujours pas arrivée. Merci par avance",
            "Hi, my order 48213 never arrived. Can you check?\nThankyou",
            "my order #48213 never arrived, where is it?? thank youu",
            "my order #48213 never arrived, where is it? thanks matee",
            "my order #48213 never arrived, where is it? mersi",
            "my order #48213 never arrived, where is it? mrci",
            "my order #48213 never arrived, where is it? tnx",
            "my order #48213 never arrived, where is it? cheerz",
        ],
    );
}

#[test]
fn trap_a_term_of_address_a_feeling_or_an_interjection_typed_last_is_no_name() {
    for end in [
        "cheers pal",
        "thanks mate",
        "thanks dude",
        "cheers buddy",
        "thanks hun",
        "thanks sweetie",
        "thanks bestie",
        "thanks tho",
        "thanks though",
        "cheerio",
        "laters",
        "ttyl",
        "noted",
        "pronto",
        "nada",
        "nightmare",
        "dude",
        "tchao",
        "sinon",
        "galère",
        "cauchemar",
        "merci mec",
        "merci frère",
        "merci mon pote",
        "thanks honey",
        "Thanks Honey",
        "cheers man",
    ] {
        let message = format!("order 48213 never came, can you check? {end}");
        assert!(name(&message).is_empty(), "{end}");
    }
    // A first name in the same place still signs.
    assert_eq!(
        name("order 48213 never came, can you check? cheers dave"),
        ["name=dave"]
    );
    assert_eq!(
        name("Ma commande 48213 n'est pas arrivée, vous pouvez vérifier ? merci, hugo"),
        ["name=hugo"]
    );
}

#[test]
fn trap_the_last_line_of_a_list_is_no_sign_off() {
    gives_none(
        "name",
        &[
            "Hi, order 48213 arrived but some items are missing:\n- Blue Mug\n- Tea Towel",
            "Hi, order 48213 arrived but some items are missing:\n* Mugs\n* Teapot",
            "Hi, order 48213 arrived but these are missing:\n• Blue Mug\n• Teapot",
            "Hi, order 48213 arrived but these are missing:\n1. Blue Mug\n2. Teapot",
            "Hi, order 48213 arrived but these are missing:\n1) Mugs\n2) Teapot",
            "Hi, order 48213 arrived but this is missing:\n- Teapot",
            "order 48213 arrived with bits missing:\n1. mugs\n2. teapot",
            // Any dash or bullet; numbers without their stop, and lines
            // with no mark at all under the line that announces them.
            "Order 48213 came incomplete. Missing:\n– Blue Mug\n– Tea Towel",
            "Order 48213 came incomplete. Missing:\n— Blue Mug\n— Tea Towel",
            "Order 48213 came incomplete. Missing:\n· Blue Mug\n· Tea Towel",
            "Order 48213 came incomplete. Missing:\n1 Blue Mug\n2 Tea Towel",
            "Order 48213 came incomplete. Missing:\nBlue Mug\nTea Towel",
            // The line that announces a list names no one.
            "Order 48213 came incomplete.\nMissing:",
        ],
    );
    // A dash before a name alone still signs.
    assert_eq!(name("The box was empty.\n— Malik"), ["name=Malik"]);
    assert_eq!(name("The box was empty.\n- Malik"), ["name=Malik"]);
    assert_eq!(name("The box was empty.\n– Malik"), ["name=Malik"]);
    // A closing after the list, or a blank line, ends it; a sentence
    // under the colon is no item, nor is a closing written with one.
    for m in [
        "Items missing:\n- Blue Mug\n- Tea Towel\nThanks, Anna",
        "Items missing:\nBlue Mug\nTea Towel\nThanks,\nAnna",
        "Items missing:\nBlue Mug\nTea Towel\n\nAnna",
        "Here is what happened:\nThe parcel came broken and the box was wet.\nAnna",
        "Where is order 48213?\nThanks:\nAnna",
    ] {
        assert_eq!(name(m), ["name=Anna"], "{m}");
    }
}

#[test]
fn trap_a_surname_after_an_initial_is_no_first_name() {
    gives_none(
        "name",
        &[
            "Order 48213 never arrived, can you check? Thanks, A. Jones",
            "Order 48213 never arrived, can you check? Thanks, A Jones",
            "Order 48213 never arrived, can you check? Thanks, J-P. Martin",
            "Order 48213 never arrived, can you check?\nRegards,\nA. Jones",
        ],
    );
    assert_eq!(
        name("Order 48213 never arrived, can you check? Thanks, Anna J."),
        ["name=Anna"]
    );
    assert_eq!(
        name("Order 48213 never arrived, can you check? Thanks, Jean-Pierre Martin"),
        ["name=Jean-Pierre"]
    );
    assert_eq!(
        name("Pouvez-vous vérifier ? Merci à vous, Claire"),
        ["name=Claire"]
    );
}

#[test]
fn trap_a_surname_before_initials_is_no_first_name() {
    // Initials after a comma, or several of them, stand for the first
    // names of a surname written first.
    gives_none(
        "name",
        &[
            "Order 48213 never arrived, can you check?\nJones, A.",
            "Order 48213 never arrived, can you check?\nThanks,\nJones, A.",
            "Order 48213 never arrived, can you check? Thanks, Jones, A.",
            "Order 48213 never arrived, can you check?\nJones, A.B.",
            "Order 48213 never arrived, can you check?\nJones A.B.",
            "Order 48213 never arrived, can you check?\nMartin, J.-P.",
            "Order 48213 never arrived, can you check?\nMartin J.-P.",
            "Order 48213 never arrived, can you check?\nJONES A.",
        ],
    );
    // A first name and one initial, without the comma, is the common
    // informal sign-off ("Jones A." has its shape and reads the same).
    for (m, who) in [
        (
            "Order 48213 never arrived, can you check?\nAnna B.",
            "name=Anna",
        ),
        (
            "Order 48213 never arrived, can you check?\nThanks, Anna B.",
            "name=Anna",
        ),
        (
            "Ma commande 48213 n'est pas arrivée ? Merci, Karim B.",
            "name=Karim",
        ),
        (
            "Order 48213 never arrived, can you check?\nAnna, flat 2",
            "name=Anna",
        ),
    ] {
        assert_eq!(name(m), [who], "{m}");
    }
}

#[test]
fn trap_a_business_a_place_or_a_role_signing_is_no_first_name() {
    for sign in [
        "Regards, Bella Pizza",
        "Thanks, Riverside Campsite",
        "Regards,\nOakwood Lodge",
        "Thanks,\nRose Cottage",
        "Thanks, Willow Farm",
        "Regards, Ruby Nails",
        "Thanks, Grace Church",
        "Cordialement, Camping Les Pins",
        "Cordialement,\nRésidence Les Lilas",
        "Thanks,\nLondon Office",
        "Regards,\nHeadteacher",
        "Regards,\nTreasurer",
        "Thanks,\nBursar",
        "Regards,\nWarden",
        "Thanks,\nCaretaker",
        "Regards,\nChairman",
        "Cordialement,\nLe Trésorier",
        "Cordialement,\nTrésorier",
        "Cordialement,\nIntendant",
    ] {
        let message = format!("Hi, order 48213 never arrived, can you check?\n{sign}");
        assert!(name(&message).is_empty(), "{sign}");
    }
    for (sign, who) in [
        ("Regards, Bella Rossi", "name=Bella"),
        ("Thanks,\nGrace Miller", "name=Grace"),
        ("Regards,\nRuby\nRuby Nails", "name=Ruby"),
    ] {
        let message = format!("Hi, order 48213 never arrived, can you check?\n{sign}");
        assert_eq!(name(&message), [who], "{sign}");
    }
}

#[test]
fn a_role_or_a_place_under_the_name_leaves_the_name_signing() {
    for (sign, who) in [
        ("Thanks,\nAnna\nHeadteacher", "name=Anna"),
        ("Thanks,\nAnna\nTreasurer", "name=Anna"),
        ("Thanks,\nAnna\nCaretaker", "name=Anna"),
        ("Cordialement,\nAnne\nLe Trésorier", "name=Anne"),
        ("Thanks,\nAnna\nOakwood Lodge", "name=Anna"),
        ("Thanks,\nAnna\nLondon Office", "name=Anna"),
        ("Thanks,\nAnna\nLeeds", "name=Anna"),
        ("Thanks,\nAnna\nSmith", "name=Anna"),
        ("Merci,\nAnne\nLyon.", "name=Anne"),
        ("Thanks,\nAnna\nxox", "name=Anna"),
        ("Cheers,\nAnna\nx", "name=Anna"),
        ("thanks\nanna\nleeds", "name=anna"),
        ("Thanks,\nanna\nsmith", "name=anna"),
        ("Thanks,\nAnna Smith\nHeadteacher", "name=Anna"),
        ("Anna\nHeadteacher", "name=Anna"),
    ] {
        let message = format!("my order #48213 never arrived, where is it?\n{sign}");
        assert_eq!(name(&message), [who], "{sign}");
    }
    // Alone under a closing, they still sign for no one.
    for sign in [
        "Regards,\nHeadteacher",
        "Thanks,\nLondon Office",
        "Regards,\nOakwood Lodge",
    ] {
        let message = format!("my order #48213 never arrived, where is it?\n{sign}");
        assert!(name(&message).is_empty(), "{sign}");
    }
}
