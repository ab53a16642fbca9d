//! What kind of value a variable wants, read from its name, description
//! (English or French) and pattern. A kind that cannot be decided is
//! `None`: nothing is extracted for that variable.

use regex_lite::Regex;

use super::Slot;
use crate::domain::search::fold::words;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The customer's first name, or the whole name when the variable
    /// asks for the full name.
    CustomerName {
        full: bool,
    },
    /// The first name of someone in a role, e.g. the account manager: the
    /// role's phrasings, in English and French.
    RoleName(Vec<&'static str>),
    /// The name of a pet or a child the customer writes about: next to
    /// what they are, or in a possessive ("Milo's booster").
    KinName(Vec<&'static str>),
    /// Someone the customer names by a professional title and surname
    /// ("Dr Patel"): the title as the variable's example writes it.
    Titled(String),
    Order,
    Ticket,
    /// Another reference (a booking, a membership, a contract): announced
    /// by the words of the variable's own name or description, and their
    /// English or French equivalents.
    Reference(Vec<String>),
    /// A parcel's tracking number.
    Tracking,
    Email,
    /// A phone number: the only one the message gives that fits the
    /// pattern. `contact` when it is the number to reach the customer on
    /// ("Contact number for the callback"), else the line concerned ("Mobile
    /// number to bar"), which "call me on …" does not give.
    Phone {
        contact: bool,
    },
    /// The last digits of a card or an account ("the card ending 4471").
    Ending,
    /// A vehicle's registration, found by the variable's pattern alone.
    Plate,
    /// A link; the words (in the link or just before it) that say it is the
    /// one wanted, e.g. "tracking", "suivi".
    Url(Vec<&'static str>),
    /// A date; the words that announce it (see `topic`).
    Date(Vec<String>),
    /// The day the customer would like instead of the one they have:
    /// what a change lands on ("could we move it to Friday 6 March?").
    WantedDate,
    /// An amount; the words that say which one when there are several,
    /// and always when they are the variable's name ("refund_due").
    Amount {
        announced_by: Vec<String>,
        named: bool,
        /// Which of two amounts a change joins the variable is ("the
        /// current rent", "the new rent"), when it says.
        side: Option<Side>,
        /// Whether the message's one amount is the variable's in a reply
        /// that reads no other: one named for a figure the customer
        /// states ("treatment_cost", "plan_fee"), not one the business
        /// works out or prices ("Amount we refund … worked out by the
        /// agent", "Price … from the price list").
        lone: bool,
    },
    /// An address's postcode (British, French, a US ZIP); whether the
    /// variable's is the new one of a move ("the new address when moving").
    Postcode {
        new: bool,
    },
    Company,
    Carrier,
    /// A subscription plan or similar named offer.
    Plan,
    /// One of the names the variable's description lists ("Clapham,
    /// Islington or Le Marais"), as the description writes it; each with
    /// whether it may be taken (a proper name) or only counts as named.
    OneOf(Vec<(String, bool)>),
    /// A code (invoice, VAT number, discount code); the words that
    /// announce it, empty when the pattern alone is specific enough.
    Code(Vec<&'static str>),
}

/// Concepts a description can name, with the words that announce them in
/// a message, English and French (folded).
pub(super) const TRACKING: &[&str] = &["track", "tracking", "suivi", "colis", "parcel", "carrier"];
const LABEL: &[&str] = &["label", "etiquette", "return", "retour"];
const STATUS: &[&str] = &["status", "statut", "incident", "outage", "panne"];
pub(super) const DUE: &[&str] = &["due", "echeance", "payable", "deadline", "before", "avant"];
/// "né" is left out: folded, it is the French negation.
const BIRTH: &[&str] = &["birth", "naissance", "born", "birthday", "nee"];
/// Words of a date variable's name and description, of four letters or
/// more, that say nothing of which date it is.
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "date", "dates", "jour", "customer", "customers", "client", "cliente", "that", "this", "which",
    "when", "what", "with", "from", "their", "your", "votre", "leur", "quand", "dont", "pour",
    "avec", "format", "plain", "words", "written", "wrote", "writes", "given", "gave", "says",
    "said", "mots", "ecrit", "ecrite", "telle", "comme", "they", "were", "been", "have", "sont",
    "lequel", "laquelle", "concerned", "concerne", "concernee", "question", "relevant",
    "related",
];
/// Words that make a name a pet's, or a child's.
const PET: &[&str] = &[
    "pet", "pets", "animal", "animals", "dog", "cat", "chien", "chat",
];
const CHILD: &[&str] = &[
    "child", "children", "kid", "son", "daughter", "enfant", "fils", "fille",
];
/// What a pet or a child is called before its name ("our dog Milo", "ma
/// chatte Olive", "a puppy, Pip", "my son Leo").
#[rustfmt::skip]
const PETS: &[&str] = &[
    "dog", "cat", "puppy", "kitten", "rabbit", "bunny", "hamster", "guinea pig", "horse",
    "pony", "parrot", "our boy", "our girl", "my boy", "my girl", "chien", "chienne", "chat",
    "chatte", "chiot", "chaton", "lapin", "lapine", "cochon d inde", "cheval", "perroquet",
];
#[rustfmt::skip]
const CHILDREN: &[&str] = &[
    "son", "daughter", "child", "boy", "girl", "baby", "fils", "fille", "enfant", "bebe",
];
/// Words of an amount variable's name and description that say nothing of
/// which amount it is.
#[rustfmt::skip]
const AMOUNT_WORDS: &[&str] = &[
    "amount", "amounts", "montant", "currency", "devise", "money", "argent", "somme", "value",
    "valeur", "figure", "pounds", "euros", "dollars", "reply", "about", "written", "wrote",
];
/// Words that make a date the business's to set: "Date by which the item
/// must be returned", "New date of the visit".
#[rustfmt::skip]
const BUSINESS_DATE: &[&str] = &[
    "by", "until", "jusqu", "limit", "limite", "latest", "last", "next", "prochain", "prochaine",
    "new", "nouvelle", "nouveau", "planned", "scheduled", "will", "must", "published", "publie",
    "publiee", "publication",
];
/// Titles a professional is named by ("Dr Patel", "Maître Dupont").
#[rustfmt::skip]
pub(super) const PROFESSIONAL: &[&str] = &[
    "dr", "dre", "doctor", "docteur", "prof", "professor", "professeur", "pr", "maitre", "maître",
    "me",
];

/// People a business's customer deals with, whose first name a variable
/// may want: never the customer's.
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "mechanic", "technician", "engineer", "driver", "courier", "dentist", "doctor", "nurse",
    "vet", "surgeon", "hygienist", "teacher", "tutor", "coach", "trainer", "instructor", "host",
    "landlord", "receptionist", "plumber", "electrician", "installer", "fitter", "inspector",
    "adviser", "advisor", "stylist", "therapist", "cleaner", "guide", "mecanicien", "technicien",
    "chauffeur", "livreur", "dentiste", "medecin", "docteur", "infirmier", "infirmiere",
    "professeur", "moniteur", "monitrice", "formateur", "formatrice", "hote", "hotesse",
    "plombier", "electricien", "installateur", "conseiller", "conseillere",
];
/// Each role's words in English and French.
#[rustfmt::skip]
const SAME_ROLE: &[&[&str]] = &[
    &["mechanic", "mecanicien", "mecanicienne"],
    &["technician", "technicien", "technicienne"],
    &["dentist", "dentiste"],
    &["doctor", "medecin", "docteur"],
    &["nurse", "infirmier", "infirmiere"],
    &["teacher", "tutor", "professeur", "prof", "enseignant", "enseignante"],
    &["instructor", "trainer", "moniteur", "monitrice", "formateur", "formatrice"],
    &["driver", "chauffeur"],
    &["courier", "livreur", "livreuse"],
    &["host", "hote", "hotesse"],
    &["plumber", "plombier"],
    &["electrician", "electricien"],
    &["installer", "installateur"],
    &["adviser", "advisor", "conseiller", "conseillere"],
    &["stylist", "hairdresser", "coiffeur", "coiffeuse"],
];
const INVOICE: &[&str] = &["invoice", "facture", "inv", "bill"];
pub(super) const VAT: &[&str] = &["vat", "tva"];
#[rustfmt::skip]
pub(super) const DISCOUNT: &[&str] = &[
    "code", "promo", "coupon", "voucher", "discount", "reduction", "remise", "codes",
];
#[rustfmt::skip]
pub(super) const ACCOUNT_MANAGER: &[&str] = &[
    "account manager", "account executive", "charge de compte", "chargee de compte",
    "gestionnaire de compte", "responsable de compte", "commercial", "commerciale",
];

/// The words of a bracket in `description` that lists kinds of a thing,
/// a word or two each and no figure: "(spay, castration, dental or lump
/// removal)", not "(top right, under the logo)" nor "(12 March, 3 May)".
fn kinds_listed(description: &str) -> impl Iterator<Item = String> + '_ {
    description
        .split('(')
        .skip(1)
        .filter_map(|b| b.split_once(')').map(|(inside, _)| inside))
        .filter(|inside| {
            let items: Vec<&str> = inside
                .split([',', '/'])
                .flat_map(|i| i.split(" or ").flat_map(|i| i.split(" ou ")))
                .collect();
            items.len() >= 2
                && items.iter().all(|i| {
                    (1..=2).contains(&words(i).count()) && !i.contains(|c: char| c.is_ascii_digit())
                })
        })
        .flat_map(words)
}

/// `description` without what its brackets hold: "Day (and time) the
/// pupil wants the lesson moved to" goes on after its bracket.
fn without_brackets(description: &str) -> String {
    let mut out = String::with_capacity(description.len());
    let mut depth = 0usize;
    for c in description.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The kind of value `slot` wants, or `None` when its name, description and
/// pattern do not say.
pub fn kind_of(slot: &Slot<'_>) -> Option<Kind> {
    let said: Vec<String> = slot
        .description
        .map(|d| words(d).collect())
        .unwrap_or_default();
    // "upper-case letters" says how a value is written, not that it is a case.
    let written = |i: usize| i > 0 && ["upper", "lower"].contains(&said[i - 1].as_str());
    let desc: Vec<String> = (0..said.len())
        .filter(|&i| !(said[i] == "case" && written(i)))
        .map(|i| said[i].clone())
        .collect();
    let name: Vec<String> = words(&slot.name.replace(['_', '.'], " ")).collect();
    let all: Vec<&str> = name.iter().chain(&desc).map(String::as_str).collect();
    let has = |ws: &[&str]| ws.iter().any(|w| all.contains(w));
    let has_seq = |a: &str, b: &str| all.windows(2).any(|p| p[0] == a && p[1] == b);
    let pattern = slot.pattern.map(|p| p.as_str()).unwrap_or("");
    let in_name = |ws: &[&str]| ws.iter().any(|w| name.iter().any(|n| n == w));
    let personal = has_seq("first", "name")
        || has(&["prenom", "firstname", "forename"])
        || (in_name(&["name", "nom", "fullname"])
            && (name.len() == 1 || has(&["customer", "client", "contact", "sender", "requester"])));
    // "Your first name": the agent's own, never the customer's to state.
    let yours = desc
        .first()
        .is_some_and(|w| ["your", "votre", "ton", "ta"].contains(&w.as_str()));
    if yours && (personal || has(&["signature"])) {
        return None;
    }
    // "The dentist concerned (e.g. Dr Patel)", example "Dr Patel": a
    // doctor, a professor or a lawyer, by title and name.
    if let Some(title) = slot.example.and_then(|e| e.split_whitespace().next())
        && PROFESSIONAL.contains(&title.trim_end_matches('.').to_lowercase().as_str())
        && slot
            .example
            .is_some_and(|e| e.split_whitespace().count() == 2)
    {
        return Some(Kind::Titled(title.to_string()));
    }
    // An e-mail address, not a reference "from the confirmation email".
    let mail = ["email", "mail", "courriel"];
    if pattern.contains('@')
        || slot.example.is_some_and(|e| e.contains('@'))
        || in_name(&mail)
        || has(&mail) && !has(REFERENCE_MARKS) && pattern.is_empty()
    {
        return Some(Kind::Email);
    }
    // "Car registration", "immatriculation": its pattern finds it.
    let plate = has(&["immatriculation", "plaque", "plate", "numberplate"])
        || has_seq("car", "registration")
        || has_seq("vehicle", "registration")
        || in_name(&["reg"]);
    if plate && !pattern.is_empty() {
        return Some(Kind::Plate);
    }
    // "Last four digits of the card", "derniers chiffres de la carte".
    if has_seq("last", "four")
        || has_seq("last", "4")
        || has(&["last4", "derniers", "dernier"]) && has(&["digits", "chiffres"])
    {
        return Some(Kind::Ending);
    }
    if has(&[
        "phone",
        "telephone",
        "mobile",
        "portable",
        "tel",
        "cell",
        "cellphone",
        "gsm",
    ]) {
        let contact = has(&[
            "contact",
            "callback",
            "reach",
            "joindre",
            "rappeler",
            "rappel",
            "joignable",
        ]) || has_seq("call", "back");
        return Some(Kind::Phone { contact });
    }
    if has(&["url", "link", "lien", "href"]) || pattern.starts_with("^http") {
        // A link the agent generates (reset, label) is not in the message.
        if has(&[
            "generated",
            "genere",
            "generee",
            "create",
            "created",
            "cree",
        ]) {
            return None;
        }
        for topic in [TRACKING, LABEL, STATUS] {
            if has(topic) {
                return Some(Kind::Url(topic.to_vec()));
            }
        }
        return Some(Kind::Url(Vec::new()));
    }
    // "Name of the person who bought the gift voucher": a person other
    // than the customer, named by no role word canned knows. The thing
    // the description names ("voucher") would announce its code instead.
    let a_person = (desc.first().is_some_and(|w| w == "name" || w == "nom")
        || has_seq("name", "of"))
        && has(&["person", "who", "personne", "qui"]);
    if a_person && !personal {
        return None;
    }
    // The description's head says which date or amount; what follows a
    // comma, a colon or a bracket says where it is printed or what it is
    // for, but for a bracket that lists kinds of it: "Day the operation is
    // booked for (spay, castration, dental, lump removal)".
    let head: Vec<String> = slot
        .description
        .map(|d| {
            let head = without_brackets(d);
            let head = head.split([',', ';', ':']).next().unwrap_or("");
            words(head).chain(kinds_listed(d)).collect()
        })
        .unwrap_or_default();
    let head_has = |ws: &[&str]| ws.iter().any(|w| name.iter().chain(&head).any(|h| h == w));
    // "Postcode of the address concerned", "Code postal", "zip".
    if in_name(&["postcode", "zip", "zipcode", "postal", "cp"])
        || head_has(&["postcode", "zipcode"])
        || head.windows(2).any(|p| {
            matches!(
                (p[0].as_str(), p[1].as_str()),
                ("code", "postal") | ("zip", "code") | ("post", "code")
            )
        })
    {
        // By its name or its description's head ("New postcode"), not a
        // tail's "(the new one when it changes)" of a pickup's.
        return Some(Kind::Postcode {
            new: head_has(&["new", "nouveau", "nouvelle", "nouvel"]),
        });
    }
    // The words of the name and the description's head that say which
    // date or amount, and those of the name alone ("moved_on",
    // "refund_due").
    let topic = |generic: &[&str]| -> (Vec<String>, Vec<String>) {
        let topical = |words: &[String]| -> Vec<String> {
            let mut topic: Vec<String> = words
                .iter()
                .filter(|w| w.chars().count() >= 4 && !DATE_WORDS.contains(&w.as_str()))
                .filter(|w| !generic.contains(&w.as_str()))
                .cloned()
                .collect();
            topic.sort_unstable();
            topic.dedup();
            topic
        };
        let all: Vec<String> = name.iter().chain(&head).cloned().collect();
        // "Move-out date": a word its particle follows is that compound
        // ("move-out"), which a message's "moved in" does not announce.
        let compound = |words: &[String]| -> Vec<String> {
            let mut topic = topical(words);
            for pair in words.windows(2) {
                if super::topic::PARTICLES.contains(&pair[1].as_str())
                    && let Some(w) = topic.iter_mut().find(|w| **w == pair[0])
                {
                    *w = format!("{}-{}", pair[0], pair[1]);
                }
            }
            topic
        };
        (compound(&all), compound(&name))
    };
    // An example that is a date or an amount says so, whatever the
    // variable is called ("move_day", "payout").
    let example_is = |is: fn(&str) -> bool| slot.example.is_some_and(is);
    if has(&["date", "deadline", "echeance", "birthday", "anniversaire"])
        || example_is(super::contact::is_date)
    {
        // "Day the customer would like instead of the one booked": the
        // customer's wish, not the business's new date. The head says so:
        // "Removal date: the day asked for in a quote, or the day booked
        // when the customer wants to change it" is the day booked.
        let said: Vec<&String> = name.iter().chain(&head).collect();
        let wish = [
            "instead",
            "rather",
            "prefer",
            "prefers",
            "preferred",
            "wanted",
            "wants",
            "plutot",
            "souhaitee",
            "souhaite",
            "preferee",
        ];
        if said.iter().any(|w| wish.contains(&w.as_str()))
            || said.windows(2).any(|p| p[0] == "would" && p[1] == "like")
        {
            return Some(Kind::WantedDate);
        }
        // What the business promises or expects is the agent's to say.
        if has(&[
            "promised",
            "expected",
            "estimated",
            "prevue",
            "estimee",
            "promise",
        ]) {
            return None;
        }
        // A topic's first two words are those a description uses for it.
        for topic in [DUE, BIRTH] {
            if has(&topic[..2]) {
                return Some(Kind::Date(topic.iter().map(|w| w.to_string()).collect()));
            }
        }
        // A date the business sets is the agent's to give.
        if head_has(BUSINESS_DATE) {
            return None;
        }
        // Any other date is the one the variable's own words announce:
        // "Date the order was placed" takes "I ordered on 12 March".
        let (mut topic, _) = topic(&[]);
        // The day something starts ("Move-in date: the day the rental
        // starts") is the one it runs from: "could it start from Saturday
        // 14 March?", "for stock from 1 April". Not the day it would
        // start ("réservé pour le samedi 7 mars … possible de commencer le
        // samedi 21 mars ?" has the 7th booked), which a word of starting
        // would announce as well.
        if has(&["start", "starts", "begins", "commence", "debute", "debut"]) {
            topic.push("from".to_string());
        }
        return (!topic.is_empty()).then_some(Kind::Date(topic));
    }
    // Durations and counts are the business's figures, not the customer's.
    if has(&[
        "time", "eta", "delay", "delai", "days", "jours", "duration", "duree", "balance", "solde",
    ]) {
        return None;
    }
    // "as named on our price list" says where a plan is named, no price.
    let priced = all.iter().enumerate().any(|(i, w)| {
        ["price", "prix"].contains(w) && all.get(i + 1).is_none_or(|next| *next != "list")
    });
    if has(&[
        "amount", "montant", "total", "sum", "somme", "currency", "devise",
    ]) || priced
        || example_is(super::numbers::is_amount)
    {
        // Of two amounts, the one the variable's own words announce:
        // "What we quoted" takes "the quote was £1,850" beside "the
        // invoice says £2,150"; "Amount with its currency" announces none.
        // A variable named for one amount ("refund_due") is announced by
        // its name alone, and takes no other amount ("Paid €27 for a
        // scarf" states no refund): a name says which in fewer words than
        // a description, whose adjectives announce other amounts ("Yearly
        // premium": "this year, up from £455").
        let (described, named) = topic(AMOUNT_WORDS);
        // "Monthly rent (the current rent, before any price rise)", "Monthly
        // rent after the annual price rise": which end of "from £72 to £81".
        let before = has(&[
            "current",
            "old",
            "before",
            "previous",
            "original",
            "initial",
            "actuel",
            "actuelle",
            "ancien",
            "ancienne",
            "avant",
            "precedent",
        ]);
        let after = has(&[
            "new",
            "after",
            "increased",
            "revised",
            "future",
            "nouveau",
            "nouvelle",
            "apres",
        ]);
        let side = match (before, after) {
            (true, false) => Some(Side::Before),
            (false, true) => Some(Side::After),
            _ => None,
        };
        let (announced_by, named) = if named.is_empty() {
            (described, false)
        } else {
            (named, true)
        };
        let business = has(&[
            "we",
            "nous",
            "agent",
            "list",
            "liste",
            "tarif",
            "worked",
            "calculated",
            "calcule",
        ]);
        return Some(Kind::Amount {
            announced_by,
            named,
            side,
            lone: named && !business,
        });
    }
    // "Pet's name", "Child's first name": someone the customer writes
    // about, never the customer ("Parent's name (the child's guardian)"
    // is the customer's). Whose name it is, the head says: "Child's first
    // name, when a parent writes about their child" is the child's.
    let theirs = head_has(&[
        "customer",
        "client",
        "parent",
        "owner",
        "guardian",
        "member",
        "holder",
        "proprietaire",
        "titulaire",
    ]);
    if has(&["name", "nom", "prenom", "called"]) && !theirs {
        if head_has(PET) {
            return Some(Kind::KinName(PETS.to_vec()));
        }
        if head_has(CHILD) {
            return Some(Kind::KinName(CHILDREN.to_vec()));
        }
    }
    if personal {
        if has(&["manager", "charge", "chargee", "gestionnaire", "commercial"]) {
            return Some(Kind::RoleName(ACCOUNT_MANAGER.to_vec()));
        }
        // "First name of the mechanic who worked on the car": someone in a
        // role, named after it ("the mechanic, Gary"), never the customer.
        let roles: Vec<&'static str> = ROLES.iter().copied().filter(|r| has(&[r])).collect();
        if !roles.is_empty() {
            // Named in either language: "my instructor Gary", "mon moniteur
            // Sébastien".
            let mut named: Vec<&'static str> = SAME_ROLE
                .iter()
                .filter(|same| same.iter().any(|r| roles.contains(r)))
                .flat_map(|same| same.iter().copied())
                .chain(roles.iter().copied())
                .collect();
            named.sort_unstable();
            named.dedup();
            return Some(Kind::RoleName(named));
        }
        let someone_else = [
            "agent",
            "colleague",
            "collegue",
            "conseiller",
            "conseillere",
            "company",
            "societe",
            "entreprise",
            "product",
            "produit",
            "plan",
            "carrier",
            "file",
            "fichier",
            "shop",
            "store",
            "brand",
            "marque",
            "business",
            "delivery",
            "last",
            "surname",
            "famille",
        ];
        // Whose name, the head says: "First name of the customer writing
        // (the account holder, or the person writing for a business)" is
        // the customer's.
        if !head_has(&someone_else) {
            return Some(Kind::CustomerName {
                full: has(&["full", "complet", "fullname"]),
            });
        }
    }
    if has(&["tracking", "suivi"]) && has(&["number", "numero", "code", "id", "no"]) {
        return Some(Kind::Tracking);
    }
    if has(&["carrier", "transporteur", "courier", "shipper"])
        || has_seq("delivery", "company")
        || has_seq("shipping", "company")
    {
        return Some(Kind::Carrier);
    }
    // "Company registration number", "Subscription ID": references.
    let reference = has(REFERENCE_MARKS);
    if !reference
        && (has(&[
            "company",
            "societe",
            "entreprise",
            "organisation",
            "organization",
            "employer",
        ]) || has_seq("business", "name")
            || has_seq("raison", "sociale"))
    {
        // "The pet's insurance company (Petplan, Animal Friends, Agria,
        // SantéVet...)": the companies it lists are the ones it means.
        return listed(slot).or(Some(Kind::Company));
    }
    if !reference
        && has(&[
            "plan",
            "subscription",
            "abonnement",
            "formule",
            "membership",
            "tier",
        ])
    {
        return Some(Kind::Plan);
    }
    // "Course code", "error code": a code of something else is no discount.
    let of_something = all
        .windows(2)
        .any(|p| ["code", "codes"].contains(&p[1]) && !DISCOUNT.contains(&p[0]) && p[0].len() > 3);
    for concept in [INVOICE, VAT, DISCOUNT] {
        let discount = concept == DISCOUNT;
        let said = if discount && of_something {
            has(&DISCOUNT[1..])
        } else {
            has(concept)
        };
        // "Invoice number … seven digits": digits alone are no code (a
        // code has capitals), but a number its words announce, as an
        // order's is ("invoice 2051184", "facture n° 2052310").
        let digits = slot
            .example
            .is_some_and(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_digit()));
        if said && concept == INVOICE && digits {
            return Some(Kind::Reference(
                INVOICE.iter().map(|w| (*w).to_string()).collect(),
            ));
        }
        if said {
            // A pattern with a literal prefix (`^INV-`) needs no announcing word.
            let literal = literal_prefix(pattern) >= 2;
            return Some(Kind::Code(if literal {
                Vec::new()
            } else {
                concept.to_vec()
            }));
        }
    }
    // A count is not a reference: "Number of items in the order".
    if has(&[
        "items", "count", "quantity", "quantite", "nombre", "articles",
    ]) {
        return None;
    }
    // "Product bought from the online shop, as named on the order": a
    // product's name, not the order's number.
    if head_has(&["product", "produit", "item", "article"]) {
        return None;
    }
    // "Frame name as on the order", "Type of lenses on the order": a name
    // or a kind of something, not a number; one of those the description
    // lists, if it does ("(Marlowe, Ines, Hartley, Juno...)").
    if !reference
        && head_has(&[
            "name", "nom", "type", "kind", "sort", "model", "modele", "colour", "color", "couleur",
            "size", "taille", "brand", "marque",
        ])
    {
        return listed(slot);
    }
    if has(&["order", "commande"]) {
        return Some(Kind::Order);
    }
    if has(&["ticket", "case", "dossier", "incident"]) {
        return Some(Kind::Ticket);
    }
    // A pattern with a literal prefix (`^RMA-`) is specific enough alone.
    if literal_prefix(pattern) >= 2 {
        return Some(Kind::Code(Vec::new()));
    }
    let announcing = announcing_words(&name, &desc);
    if reference && !announcing.is_empty() {
        return Some(Kind::Reference(announcing));
    }
    // A value with a pattern of its own (a workspace, a username) is
    // announced by the variable's own name: "Workspace: acme-studio".
    let own: Vec<String> = name
        .iter()
        .filter(|w| w.len() >= 4 && !REFERENCE_MARKS.contains(&w.as_str()))
        .cloned()
        .collect();
    if !pattern.is_empty() && !own.is_empty() {
        return Some(Kind::Reference(own));
    }
    listed(slot)
}

/// "The branch: Clapham, Islington, Brighton, Ixelles or Le Marais": one
/// of the names the description lists.
fn listed(slot: &Slot<'_>) -> Option<Kind> {
    slot.description
        .map(names_listed)
        .filter(|names| names.iter().filter(|(_, proper)| *proper).count() >= 2)
        .map(Kind::OneOf)
}

/// The names a description lists in full, after a colon or in a bracket,
/// each with whether it is a proper name: "Lyon, London or online" (a
/// common word is never taken, as it is not told from its every other
/// use, but a message that names it names two); of a list that goes on,
/// only proper names ("DELF B2, TCF, IELTS...", not "colour, balayage,
/// facial...").
pub(super) fn names_listed(description: &str) -> Vec<(String, bool)> {
    let list = description
        .split_once(':')
        .map(|(_, list)| list)
        .or_else(|| {
            description
                .split_once('(')
                .and_then(|(_, b)| b.split_once(')'))
                .map(|(l, _)| l)
        })
        .unwrap_or("");
    let open = ["...", "…", "etc", "e.g", "such as", "like", "par exemple"];
    let items: Vec<&str> = list
        .split([',', '/'])
        .flat_map(|i| i.split(" or ").flat_map(|i| i.split(" ou ")))
        .map(|i| i.trim().trim_end_matches('.'))
        .collect();
    let items: Vec<&str> = items
        .into_iter()
        .map(|i| open.iter().fold(i, |i, o| i.trim_end_matches(o).trim()))
        .filter(|i| !i.is_empty())
        .collect();
    if items.len() < 3 || items.iter().any(|i| !(1..=3).contains(&words(i).count())) {
        return Vec::new();
    }
    let proper = |i: &str| {
        i.split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) || ["le", "la", "les"].contains(&w))
    };
    // A list that goes on ("DELF B2, TCF, IELTS…") names only some: a
    // catalogue of proper names, whose every name is told from any other
    // word, and not a list of common ones ("cut and blow-dry, colour,
    // balayage…"), of which the customer may name another beside one.
    if open.iter().any(|o| list.contains(o)) && !items.iter().all(|i| proper(i)) {
        return Vec::new();
    }
    items.iter().map(|i| (i.to_string(), proper(i))).collect()
}

/// Which end of a change an amount is: what was due before it, or after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
}

/// Words that make a variable a reference to something.
const REFERENCE_MARKS: &[&str] = &[
    "number",
    "numero",
    "reference",
    "ref",
    "id",
    "identifier",
    "identifiant",
    "code",
];

/// Things customers give a reference for, each with its other words,
/// English and French (folded): "booking ABC123" and "réservation ABC123"
/// announce the same variable.
#[rustfmt::skip]
const REFERENCE_NOUNS: &[&[&str]] = &[
    &["booking", "reservation", "resa"],
    &["membership", "member", "adhesion", "adherent", "membre"],
    &["account", "compte"],
    &["contract", "contrat"],
    &["policy", "police"],
    &["claim", "sinistre", "reclamation"],
    &["subscription", "abonnement"],
    &["customer", "client"],
    &["shipment", "expedition", "envoi", "parcel", "colis"],
    &["return", "retour", "rma"],
    &["request", "demande", "requete"],
    &["trip", "voyage", "journey", "trajet"],
    &["flight", "vol"],
    &["serial", "serie"],
    &["device", "appareil"],
    &["licence", "license", "cle"],
    &["loyalty", "fidelite"],
    &["quote", "devis"],
    &["payment", "paiement", "transaction"],
    &["reference", "ref"],
    &["course", "cours", "formation", "training"],
    &["partner", "partenaire"],
];

/// The words that announce a reference: what its name names, and the word
/// its description puts before the mark ("booking" of `booking_ref` and of
/// "Six-character booking reference"), with their equivalents.
fn announcing_words(name: &[String], desc: &[String]) -> Vec<String> {
    let mark = desc
        .iter()
        .position(|w| REFERENCE_MARKS.contains(&w.as_str()));
    let numbered = mark.and_then(|m| m.checked_sub(1)).map(|m| &desc[m]);
    let reference = desc.iter().filter(|w| *w == "reference");
    let mut out: Vec<String> = Vec::new();
    for w in name.iter().chain(numbered).chain(reference) {
        for group in REFERENCE_NOUNS.iter().filter(|g| g.contains(&w.as_str())) {
            for &word in *group {
                if !out.iter().any(|o| o == word) {
                    out.push(word.to_string());
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// Whether `pattern` fixes where `value`'s letters and digits stand, so
/// that a code of that shape is this variable's wherever the message
/// gives it ("PYT210" for `^[A-Z]{3}[0-9]{3}$`): the same characters
/// turned by one place, or read backwards, do not fit. A pattern any
/// mix of capitals and digits fits (`^[A-Z0-9]{6}$`) says nothing of
/// whose code it is, nor does a value too short to tell.
pub(super) fn shape_of_its_own(pattern: &Regex, value: &str) -> bool {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() < 5 {
        return false;
    }
    let turned: String = chars[1..].iter().chain(&chars[..1]).collect();
    let backwards: String = chars.iter().rev().collect();
    !pattern.is_match(&turned) && !pattern.is_match(&backwards)
}

/// How many letters a pattern requires literally at its start: capitals
/// (`^INV-`), or a letter in either case (`^[Jj][Cc]`).
pub(super) fn literal_prefix(pattern: &str) -> usize {
    let mut rest = pattern.trim_start_matches('^');
    let mut count = 0;
    loop {
        let mut chars = rest.chars();
        match (chars.next(), chars.next(), chars.next(), chars.next()) {
            (Some(c), ..) if c.is_ascii_uppercase() => rest = &rest[1..],
            (Some('['), Some(a), Some(b), Some(']'))
                if a.is_ascii_alphabetic() && a.eq_ignore_ascii_case(&b) && a != b =>
            {
                rest = &rest[4..];
            }
            _ => return count,
        }
        count += 1;
    }
}
