//! Names of organisations: the customer's company, a carrier, a plan, or
//! one of the names a variable's description lists (a branch, a centre).
//! Recall is low on purpose: a company is recognised by its legal form or
//! trade ("Kestrel Ltd", "Ferrand BTP", "Greenfield School") or by the
//! words that introduce it ("la société …", "I work at …"; "on behalf of
//! …" only before a name written as a firm's).

use super::scan::{Tok, TokKind, phrase_at};
use super::{Candidate, excerpt, keep_one};
use crate::domain::search::fold::fold;

/// Legal forms and trades that make a run of capitalised words a company
/// (folded).
#[rustfmt::skip]
const BUSINESS: &[&str] = &[
    "ltd", "limited", "llc", "inc", "plc", "sarl", "sas", "sasu", "sa", "eurl", "gmbh", "ag", "bv",
    "corp", "co", "sci", "snc", "spa", "srl", "fils", "sons", "btp", "consulting", "logistics",
    "school", "dental", "transports", "transport", "industrie", "industries", "group", "groupe",
    "services", "solutions", "partners", "associates", "agency", "agence", "studio", "clinic",
    "clinique", "hotel", "restaurant", "pharma", "pharmacie", "systems", "foods", "motors",
    "design", "media", "construction", "atelier", "garage", "cabinet", "institut", "ecole",
    "college", "lycee", "association", "club", "architects", "bakery", "boulangerie", "labs",
    "technologies", "software", "holdings", "trading", "distribution", "immobilier", "conseil",
    "batiment", "medical", "enterprises", "university", "universite", "mairie", "council",
    "cafe", "nursery", "palace", "bistrot", "bistro", "pizzeria", "brasserie", "pub", "bar",
    "shop", "store", "boutique", "salon", "kitchen", "grill", "diner", "takeaway", "traiteur",
    "creche", "garderie", "epicerie", "fleuriste", "pharmacy", "sushi", "burger", "burgers",
    "tacos", "kebab", "cantine", "cantina", "trattoria", "deli", "patisserie", "cafes",
    "societe", "bank", "banque", "credit", "caisse", "mutuelle", "assurance", "assurances",
    "insurance",
    // Trades that sign with a name before them: "Bella Pizza", "Ruby
    // Nails", "Riverside Campsite", "Camping Les Pins".
    "pizza", "pizzas", "campsite", "camping", "caravans", "nails", "beauty", "barbers",
    "barber", "gym", "fitness", "florist", "florists", "butchers", "boucherie", "kennels",
    "cattery", "vets", "veterinary", "academy", "tearoom", "tearooms", "inn", "guesthouse",
    "hostel", "motel", "brewery", "studios", "salons",
];

/// Whether a folded word names a legal form or a trade.
pub fn is_business_word(folded: &str) -> bool {
    BUSINESS.contains(&folded)
}

/// Words after which a capitalised run is the customer's organisation.
#[rustfmt::skip]
const INTRODUCERS: &[&str] = &[
    "societe", "entreprise", "company", "pour le compte de", "on behalf of", "work at", "work for",
    "works at", "working at", "salaries de", "employes de", "staff of", "staff at", "employees of",
    "employees at", "office manager at", "manager at",
];

/// Those of [`INTRODUCERS`] that say for whom the customer writes, a
/// person as often as a firm ("on behalf of Sarah", "on behalf of the
/// Smith family", "pour le compte de Sophie"): what follows them is the
/// company only when written as one, with a legal form or a trade.
const SPEAKING_FOR: &[&str] = &["pour le compte de", "on behalf of"];

/// Words before a name a list gives that make it one the customer had:
/// "my previous insurer was Petplan", "we previously used Agria".
const FORMER: &[&str] = &[
    "previous",
    "previously",
    "former",
    "formerly",
    "ancien",
    "ancienne",
    "anciennement",
];

/// Those whose own a value may be, said with a possessive ("my sister's").
#[rustfmt::skip]
const KIN: &[&str] = &[
    "sister", "brother", "wife", "husband", "partner", "mother", "mum", "mom", "father", "dad",
    "son", "daughter", "friend", "friends", "neighbour", "neighbor", "colleague", "boss",
    "parents", "aunt", "uncle", "cousin", "flatmate",
];

/// Words before a company that make it one the customer is not, or no
/// longer, part of: "previously used Staples Ltd", "my previous employer
/// was Brightline Ltd", "our supplier Kestrel Ltd", and the firms a
/// business deals with: "our biggest client, Tesco PLC", "we buy through
/// Staples Ltd", "our accountants, Smith & Co Ltd", "a subsidiary of
/// Omnicorp Holdings", "referred by Sophie at Bluebird Ltd".
#[rustfmt::skip]
const NOT_THEIRS: &[&str] = &[
    "previous", "previously", "former", "formerly", "used", "ancien", "ancienne", "anciennement",
    "competitor", "concurrent", "supplier", "fournisseur", "client",
    "clients", "through", "via", "switching", "compared", "comparing", "subsidiary", "filiale",
    "parent", "accountant", "accountants", "accounting", "comptable", "comptables", "referred",
    "recommended", "recommande", "recommandee", "passons", "bank", "banque", "sell", "sells",
    "selling", "supply", "supplies", "supplying", "deliver", "delivers", "delivering",
    "contractor", "contractors", "partner", "partners", "partenaire", "partenaires", "customer",
    "customers", "livrons", "fournissons", "vendons", "owned", "longer", "bought", "acquired",
];

/// Known delivery companies; acronyms must be written in capitals.
#[rustfmt::skip]
const CARRIERS: &[&str] = &[
    "DHL", "UPS", "FedEx", "DPD", "GLS", "TNT", "USPS", "Colissimo", "Chronopost", "La Poste",
    "Royal Mail", "Evri", "Hermes", "Yodel", "Parcelforce", "Mondial Relay", "Relais Colis",
    "Colis Privé", "PostNL", "Bpost", "InPost", "SEUR", "Correos", "Geodis", "Amazon Logistics",
    "Deutsche Post", "Canada Post", "Australia Post", "Purolator", "Swiss Post", "An Post",
    "PostNord", "Poste Italiane", "Austrian Post", "Aramex", "OnTrac", "Asendia", "Whistl",
    "Fastway", "SF Express", "Japan Post",
];

/// Verbs of working for or with a company, folded: "I work for UPS", "we
/// work with Tesco PLC", "I'm employed by DPD".
#[rustfmt::skip]
const JOB: &[&str] = &[
    "work", "works", "worked", "working", "travaille", "travaillons", "travaillait", "bosse",
    "employed", "hired", "contracted", "employe", "employee", "embauche", "embauchee",
    "salarie", "salariee",
];

/// Words between "I" and "be", "been" or "was" in "I used to be", "I've
/// been", "j'ai été", folded.
#[rustfmt::skip]
const ON_THE_WAY_TO_BE: &[&str] = &[
    "used", "to", "ve", "have", "had", "d", "would", "will", "ll", "also", "once", "actually",
    "ai", "avais",
];

/// What a courier is, folded: "je suis livreur Chronopost", "I'm a driver
/// for DHL" name the customer's job.
#[rustfmt::skip]
const COURIERS: &[&str] = &[
    "driver", "courier", "postman", "postwoman", "postie", "livreur", "livreuse", "facteur",
    "factrice", "postier", "postiere", "chauffeur", "employee", "employe",
];

/// Words that put a carrier's mention on another parcel, or the customer's
/// own job, folded.
const ELSEWHERE: &[&str] = &["another", "other", "autre", "autres", "myself"];

/// Whether `word` is a known carrier's one-word name ("Evri", "DPD"; not
/// "La" of "La Poste").
pub fn is_carrier_word(word: &str) -> bool {
    CARRIERS
        .iter()
        .any(|c| !c.contains(' ') && c.eq_ignore_ascii_case(word))
}

/// Whether a carrier's name of several words starts at `i` ("Royal
/// Mail", "La Poste"), written with capitals as a name is.
pub fn carrier_at(toks: &[Tok<'_>], i: usize) -> bool {
    toks[i].text.starts_with(char::is_uppercase)
        && CARRIERS
            .iter()
            .filter(|c| c.contains(' '))
            .any(|c| phrase_at(toks, i, &fold(c)).is_some())
}

/// A capitalised word, an acronym, or the `&` of "Dupont & Fils".
fn capital(t: &Tok<'_>) -> bool {
    (t.is_word() && t.text.chars().next().is_some_and(char::is_uppercase)) || t.is_punct("&")
}

/// The run of capitalised words from `i`, as token indices.
fn run_from(toks: &[Tok<'_>], i: usize) -> std::ops::Range<usize> {
    let mut j = i;
    // Not the pronoun after it: "my company Bluebird Ltd I'd like…".
    while toks
        .get(j)
        .is_some_and(|t| capital(t) && !(j > i && t.text == "I"))
    {
        j += 1;
    }
    while j > i && toks[j - 1].is_punct("&") {
        j -= 1;
    }
    i..j
}

/// Words after a number that make it a count, a time or a speed ("Fibre
/// 2 weeks ago", "Fibre 30 minutes ago"), not a plan's tier.
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "week", "weeks", "day", "days", "month", "months", "year", "years", "hour", "hours", "min",
    "mins", "minute", "minutes", "times", "percent", "gb", "mb", "mbps", "gbps", "gig", "gigs",
    "semaines", "jours", "mois", "ans", "heures", "fois", "go", "mo",
];

/// The customer's company, when the message states one only.
pub fn company(message: &str, toks: &[Tok<'_>]) -> Option<Candidate> {
    let mut found: Vec<Candidate> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // "la société Dupont" introduces Dupont; "Société Générale",
        // capitalised with no article, is the name itself.
        let named = capital(&toks[i])
            && (i == 0
                || !toks[i - 1]
                    .is_any_of(&["la", "ma", "notre", "votre", "une", "the", "a", "our", "my"]));
        let introduced = INTRODUCERS
            .iter()
            .find_map(|p| phrase_at(toks, i, p).map(|at| (at, SPEAKING_FOR.contains(p))))
            .filter(|_| !named);
        if let Some((at, for_whom)) = introduced {
            let mut at = at;
            while toks.get(at).is_some_and(|t| {
                t.is_any_of(&["la", "le", "l", "de", "the", "'"]) || t.is_punct("'’")
            }) {
                at += 1;
            }
            let run = run_from(toks, at);
            if !run.is_empty() {
                let firm = !for_whom
                    || toks[run.clone()]
                        .iter()
                        .any(|t| is_business_word(&t.folded));
                // "on behalf of St Mary's Primary School": a name cut by a
                // possessive is not whole.
                if firm
                    && !possessive_after(toks, run.end)
                    && !not_theirs(toks, run.start)
                    && !of_the_mail(message, toks, &run)
                {
                    found.push(candidate(message, toks, run.clone()));
                }
                i = run.end;
                continue;
            }
        }
        if capital(&toks[i]) && toks[i].is_word() {
            let run = run_from(toks, i);
            let words = &toks[run.clone()];
            let others = not_theirs(toks, i);
            // "St Mary's Primary School": a name that began before a
            // possessive is not whole from here.
            let possessed = i >= 2 && toks[i - 1].folded == "s" && toks[i - 2].is_punct("'’");
            if words.len() >= 2
                && !others
                && !possessed
                && words[1..]
                    .iter()
                    .chain(&words[..1])
                    .any(|t| is_business_word(&t.folded))
                && !of_the_mail(message, toks, &run)
            {
                found.push(candidate(message, toks, run.clone()));
            }
            i = run.end.max(i + 1);
            continue;
        }
        i += 1;
    }
    let first = found.first()?;
    found
        .iter()
        .all(|c| c.value == first.value)
        .then(|| first.clone())
}

/// Whether the words just before `at` make the company there one the
/// customer deals with rather than theirs (`NOT_THEIRS`, also as a part of
/// a hyphenated word: "expert-comptable").
fn not_theirs(toks: &[Tok<'_>], at: usize) -> bool {
    // Six tokens back, within its own sentence: "I was referred by my
    // accountant. I run Bluebird Ltd" names the customer's company.
    let start = toks[..at]
        .iter()
        .rposition(|t| t.kind == TokKind::Break || t.is_punct(".!?;"))
        .map_or(0, |p| p + 1)
        .max(at.saturating_sub(6));
    let before: Vec<&str> = toks[start..at]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.folded.as_str())
        .collect();
    // "My husband runs Blue Fern Ltd", "my sister's company Bluebird
    // Ltd", "my wife works at Bluebird Ltd": a relative's, unless the
    // customer says they are in it too ("my husband and I run …").
    let relatives = before.iter().rposition(|w| RELATIVES.contains(w));
    if relatives.is_some_and(|k| !before[k + 1..].iter().any(|w| MINE.contains(w))) {
        return true;
    }
    // "through my company Bluebird Ltd": the customer says whose it is;
    // not "our parent company", "our sister company".
    let owned = |w: &[&str]| {
        ["my", "our", "ma", "mon", "notre"].contains(&w[0])
            && w[1..].iter().any(|x| OWNED.contains(x))
            && !w[1..]
                .iter()
                .any(|x| NOT_THEIRS.contains(x) || KIN.contains(x))
    };
    if before.windows(2).any(owned) || before.windows(3).any(owned) {
        return false;
    }
    // "We're moving from Staples Ltd to you", "switching from…": the one
    // the customer leaves.
    let leaving = before
        .windows(2)
        .any(|w| LEAVING.contains(&w[0]) && ["from", "de", "d"].contains(&w[1]))
        || before
            .last()
            .is_some_and(|w| ["leaving", "left", "quit", "quittons", "quitte"].contains(w));
    if leaving {
        return true;
    }
    // "We use Xero Ltd for accounting", "we're using Sage Ltd", "nous
    // utilisons Cegid SA": a firm whose service the customer uses. Said
    // by the customer only: "could you use Bluebird Ltd on the invoice?"
    // names theirs.
    let using = before.iter().enumerate().any(|(k, w)| {
        USING.contains(w)
            && before[k.saturating_sub(3)..k]
                .iter()
                .any(|s| ["we", "i", "nous", "je", "j", "on"].contains(s))
    });
    using
        || before
            .iter()
            .any(|w| w.split('-').any(|part| NOT_THEIRS.contains(&part)))
        // "We work with Tesco PLC", "nous travaillons avec Carrefour SA".
        || before
            .windows(2)
            .any(|w| JOB.contains(&w[0]) && ["with", "avec"].contains(&w[1]))
        // "Tesco PLC is our biggest customer", "…, our supplier": what
        // follows it in its sentence.
        || toks[at..]
            .iter()
            .skip_while(|t| capital(t))
            .take_while(|t| t.kind != TokKind::Break && !t.is_punct(".!?;"))
            .filter(|t| t.is_word())
            .take(5)
            .any(|t| DEALT_WITH.contains(&t.folded.as_str()))
}

/// Verbs of using a firm's service, folded ("used" is [`NOT_THEIRS`]'s).
const USING: &[&str] = &["use", "uses", "using", "utilise", "utilisons", "utilisent"];

/// Words of a mail's own lines: a filter's or a sender's ("This email has
/// been scanned for viruses by Mimecast Ltd", "Powered by …", "Sent
/// from …"), folded.
#[rustfmt::skip]
const MAIL_TOOLING: &[&str] = &[
    "scanned", "virus", "viruses", "antivirus", "malware", "powered", "sent", "envoye",
    "analyse", "verifie", "protege", "checked",
];

/// Whether the sentence of the company at `run` is one a mail program
/// adds: the firm it names filtered or sent the mail, and is not the
/// customer's.
fn of_the_mail(message: &str, toks: &[Tok<'_>], run: &std::ops::Range<usize>) -> bool {
    let (s, e) = (toks[run.start].start, toks[run.end - 1].end);
    let sentence = super::sentence_around(message, s, e);
    let words: Vec<String> = crate::domain::search::fold::words(&message[sentence]).collect();
    words.iter().enumerate().any(|(k, w)| {
        // "sent" only as a program says it: "Sent from", "envoyé depuis".
        let sent = ["sent", "envoye"].contains(&w.as_str());
        MAIL_TOOLING.contains(&w.as_str())
            && (!sent
                || words.get(k + 1).is_some_and(|n| {
                    ["from", "with", "via", "depuis", "avec"].contains(&n.as_str())
                }))
    })
}

/// What "my" or "our" makes the customer's own: "my company X".
const OWNED: &[&str] = &[
    "company",
    "firm",
    "business",
    "societe",
    "entreprise",
    "boite",
];

/// Words after a company that say the customer deals with it: "Tesco PLC
/// is our biggest customer", "Northwind Ltd, our partner".
#[rustfmt::skip]
const DEALT_WITH: &[&str] = &[
    "customer", "customers", "client", "clients", "supplier", "suppliers", "fournisseur",
    "partner", "partners", "partenaire", "partenaires", "competitor", "competitors",
    "concurrent", "concurrents", "reseller", "resellers", "revendeur", "revendeurs",
    "distributor", "distributors", "distributeur", "distributeurs", "stockist", "stockists",
    "franchisee", "franchise", "affiliate", "affiliates",
];

/// Relatives and friends, folded, whose company is not the customer's; not
/// a colleague, a boss or a partner, who often share it.
#[rustfmt::skip]
const RELATIVES: &[&str] = &[
    "sister", "brother", "wife", "husband", "mother", "mum", "mom", "father", "dad", "son",
    "daughter", "friend", "neighbour", "neighbor", "parents", "aunt", "uncle", "cousin",
    "soeur", "frere", "femme", "mari", "mere", "pere", "fille", "fils", "ami", "amie",
    "voisin", "voisine", "oncle", "tante", "hubby", "wifey", "boyfriend", "girlfriend", "fiance",
    "fiancee", "copain", "copine", "half",
];

/// Words of the customer's own, folded: after a relative, "my husband and
/// I run Bluebird Ltd" names the customer's company too.
const MINE: &[&str] = &["i", "we", "me", "us", "je", "nous", "moi"];

/// Verbs of leaving a firm, before "from" or "de", folded: "moving from
/// Staples Ltd", "switched from…", "on passe de…".
#[rustfmt::skip]
const LEAVING: &[&str] = &[
    "moving", "moved", "move", "switching", "switched", "switch", "changing", "changed",
    "coming", "came", "migrating", "migrated", "passons", "passe", "venons",
];

/// Whether a possessive's `'s` and a capitalised word follow at `at`:
/// "St Mary" of "St Mary's Primary School".
fn possessive_after(toks: &[Tok<'_>], at: usize) -> bool {
    toks.get(at).is_some_and(|t| t.is_punct("'’"))
        && toks.get(at + 1).is_some_and(|t| t.folded == "s")
        && toks.get(at + 2).is_some_and(capital)
}

fn candidate(message: &str, toks: &[Tok<'_>], run: std::ops::Range<usize>) -> Candidate {
    let (s, e) = (toks[run.start].start, toks[run.end - 1].end);
    Candidate::new(&message[s..e], excerpt(message, s, e))
}

/// The carrier the message names, when it names one only.
pub fn carrier(message: &str, toks: &[Tok<'_>]) -> Option<Candidate> {
    let mut found: Option<Candidate> = None;
    let carriers: Vec<(&str, String)> = CARRIERS.iter().map(|c| (*c, fold(c))).collect();
    for i in 0..toks.len() {
        for (name, folded) in &carriers {
            let Some(end) = phrase_at(toks, i, folded) else {
                continue;
            };
            let acronym = name.chars().all(|c| c.is_ascii_uppercase());
            if acronym && toks[i].text != *name {
                continue;
            }
            let (s, e) = (toks[i].start, toks[end - 1].end);
            // "waiting for a UPS parcel from another shop too", "un SMS de
            // La Poste pour autre chose", "I'm a DHL driver myself": not
            // the carrier of the parcel the reply is about.
            let sentence = &message[super::sentence_around(message, s, e)];
            if crate::domain::search::fold::words(sentence).any(|w| ELSEWHERE.contains(&w.as_str()))
            {
                continue;
            }
            // Someone else's ("my neighbour's DHL parcel", "my husband
            // works for UPS"), or a job: "I work for UPS", "I'm a UPS
            // driver" (a driver, not the driver).
            let before = super::said_before(message, s, e);
            let last = |n: usize| &before[before.len().saturating_sub(n)..];
            // "I'm a DHL driver", "I used to be a DHL driver", "I've been a
            // DPD courier": the customer being one of its people ("was a"
            // only said of the customer: "it was a DHL parcel" is the
            // parcel's carrier).
            let mine = |at: usize| {
                let be = before[at].as_str();
                if ["am", "m", "suis"].contains(&be) {
                    return true;
                }
                // The subject, through "used to", "'ve", "ai".
                let subject = before[..at]
                    .iter()
                    .rev()
                    .find(|w| !ON_THE_WAY_TO_BE.contains(&w.as_str()));
                ["was", "be", "been", "etais", "ete"].contains(&be)
                    && subject.is_some_and(|w| ["i", "je", "j"].contains(&w.as_str()))
            };
            let be_a = before.len() >= 2
                && mine(before.len() - 2)
                && ["a", "an", "un", "une"].contains(&before[before.len() - 1].as_str());
            // "I'm a driver for DHL", "je suis livreur Chronopost": a
            // courier's job named after being one.
            let be = |w: &String| {
                ["am", "m", "suis", "was", "etais", "been", "ete"].contains(&w.as_str())
            };
            let article = |w: &String| ["a", "an", "un", "une"].contains(&w.as_str());
            let courier = |w: &[String]| match w {
                [.., b, a, job] if be(b) && article(a) => COURIERS.contains(&job.as_str()),
                [.., b, job] => be(b) && COURIERS.contains(&job.as_str()),
                _ => false,
            };
            let courier_of = |n: usize| {
                let near = last(n);
                (1..near.len()).any(|k| courier(&near[..k]) || courier(&near[..=k]))
            };
            // "I work for UPS", "I'm employed by DPD", "embauché par DHL".
            let job = last(2)
                .iter()
                .any(|w| ["for", "pour", "chez", "at", "a", "by", "par"].contains(&w.as_str()))
                && (last(3).iter().any(|w| JOB.contains(&w.as_str())) || courier_of(4))
                || be_a
                || courier(last(3));
            // "Amazon's DHL parcels": another shop's parcels.
            let possessed = before.last().is_some_and(|w| w == "s")
                && message[..s].trim_end().ends_with(['s', 'S'])
                && message[..s]
                    .trim_end()
                    .trim_end_matches(['s', 'S'])
                    .ends_with(['\'', '’']);
            if job || possessed || super::someone_elses(message, s, e) {
                continue;
            }
            match &found {
                Some(c) if fold(&c.value) != *folded => return None,
                Some(_) => {}
                None => found = Some(Candidate::new(&message[s..e], excerpt(message, s, e))),
            }
        }
    }
    found
}

/// Words that name a plan's tier, folded: "Acme Plus", "Acme Family".
#[rustfmt::skip]
const TIERS: &[&str] = &[
    "plus", "premium", "pro", "basic", "basique", "essential", "essentials", "essentiel",
    "standard", "starter", "lite", "light", "max", "unlimited", "illimite", "gold", "silver",
    "bronze", "platinum", "family", "famille", "student", "etudiant", "duo", "solo", "individual",
    "individuel", "team", "business", "enterprise", "entreprise", "ultimate", "deluxe", "classic",
    "classique", "advanced", "avance", "annual", "annuel", "monthly", "mensuel", "free", "gratuit",
];

/// Words that call what is next to them a plan, folded.
#[rustfmt::skip]
const PLAN_WORDS: &[&str] = &[
    "plan", "plans", "subscription", "membership", "tier", "package", "bundle", "abonnement",
    "formule", "forfait", "offre", "adhesion",
];

/// A plan named as the variable's example names its plans: a run of
/// capitalised words starting with the example's first word ("Acme Plus"
/// when the example is "Acme Premium"); not one left out ("not to Acme
/// Premium"), someone else's ("My wife's plan is Acme Premium"), nor, for
/// a variable of the plan a change lands on (`new`), one not named as the
/// change's target (see [`said_target`]): the one the customer is on now.
pub fn plan(
    message: &str,
    toks: &[Tok<'_>],
    example: Option<&str>,
    new: bool,
) -> Option<Candidate> {
    let brand = example?.split_whitespace().next()?;
    let digits = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    // "Fibre 500": plans told apart by a number, any number after the
    // brand names one ("Fibre 900").
    let numbered = example?.split_whitespace().nth(1).is_some_and(digits);
    let mut found: Vec<(std::ops::Range<usize>, Candidate)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.text != brand || (i > 0 && capital(&toks[i - 1]) && toks[i - 1].is_word()) {
            continue;
        }
        // The number alone names the tier: of two digits or more, and
        // not a count, a time or a share ("Fibre 2 weeks ago", "Fibre
        // 100%"), nor the start of a longer name ("Fibre 1 Gig", "Fibre
        // 500 Plus", which is taken whole or not at all).
        let tier_number = |n: &Tok<'_>| {
            digits(n.text)
                && n.text.len() >= 2
                && toks.get(i + 2).is_none_or(|after| {
                    !(after.is_punct("%")
                        || after.is_word()
                            && (capital(after) || UNITS.contains(&after.folded.as_str())))
                })
        };
        let run = match run_from(toks, i) {
            run if run.len() < 2 && numbered && toks.get(i + 1).is_some_and(tier_number) => {
                i..i + 2
            }
            run => run,
        };
        if run.len() < 2 {
            continue;
        }
        // "Acme Widgets Ltd" is a company of the brand's name, no plan.
        let company = toks[run.clone()]
            .iter()
            .any(|t| is_business_word(&t.folded));
        // "Acme Support never answers", "I found Acme Outdoor cheaper": the
        // brand's other names. A plan is named by a tier ("Acme Plus",
        // "Acme Family", a word of the example's) or as a plan ("my Acme
        // Duo membership", "la formule Acme Duo").
        let tier = toks[run.start + 1..run.end].iter().any(|t| {
            TIERS.contains(&t.folded.as_str())
                || numbered && digits(t.text)
                || example
                    .is_some_and(|e| e.split_whitespace().skip(1).any(|w| fold(w) == t.folded))
        });
        let plan_word = |t: &Tok<'_>| PLAN_WORDS.contains(&t.folded.as_str());
        // Right before it, or through an article or a colon: "la formule
        // Acme Duo", "my subscription: Acme Duo"; not across a comma or a
        // full stop ("cancel my membership. Acme Support never answers").
        let before = match run.start.checked_sub(1).map(|b| &toks[b]) {
            Some(t) if t.is_any_of(&["the", "la", "le", "l", "de", "d"]) || t.is_punct(":") => {
                run.start.checked_sub(2).map(|b| &toks[b])
            }
            t => t,
        };
        let called_a_plan =
            toks.get(run.end).is_some_and(plan_word) || before.is_some_and(plan_word);
        if !company && !tier && !called_a_plan {
            continue;
        }
        // "Acme Premium, not Acme Plus": one left out is none of the two,
        // as someone else's is ("My wife's plan is Acme Premium").
        let (s, e) = (toks[run.start].start, toks[run.end - 1].end);
        let left_out = super::left_out(&super::said_before(message, s, e));
        // For the plan a change lands on, the customer names it as the
        // target ("upgrade me to Acme Plus", "I'd like Acme Plus", "passer à
        // Acme Plus"); one they have, are on, are a member of or move from
        // is the one the change leaves ("I have Acme Plus", "I'm an Acme
        // Plus member", "upgrade from my Acme Plus membership").
        let left_behind = new && (said_current(toks, &run) || !said_target(toks, &run));
        if !company && (left_out || anothers_plan(message, s, e) || left_behind) {
            continue;
        }
        let c = candidate(message, toks, run.clone());
        if !found.iter().any(|(_, f)| f.value == c.value) {
            found.push((run, c));
        }
        if company {
            return None;
        }
    }
    match found.as_slice() {
        [(_, one)] => Some(one.clone()),
        // "upgrade from Acme Basic to Acme Plus", "passer de Acme Basic à
        // Acme Plus": the plan the change lands on.
        [(first, _), (second, to)] => {
            let word = |i: usize| toks.get(i).filter(|t| t.is_word());
            let from = first.start > 0
                && word(first.start - 1).is_some_and(|t| t.is_any_of(&["from", "de"]));
            let between = (first.end..second.start)
                .filter_map(word)
                .collect::<Vec<_>>();
            let to_word = matches!(between.as_slice(), [t] if t.is_any_of(&["to", "a", "vers"]));
            (from && to_word).then(|| to.clone())
        }
        _ => None,
    }
}

/// Whether the plan at bytes `s..e` of `message` is said, within six words
/// in its sentence, to be someone else's: a possessive ("my wife's plan
/// is …", "her plan is …", "… like my husband's") or French "de" before
/// a relation ("la formule de ma femme est …"). Not a relative named
/// beside it: "Acme Family, so my son can use it too" is the customer's.
fn anothers_plan(message: &str, s: usize, e: usize) -> bool {
    let sentence = super::sentence_around(message, s, e);
    let before = super::said_before(message, s, e);
    let before = &before[before.len().saturating_sub(6)..];
    let after: Vec<String> = crate::domain::search::fold::words(&message[e..sentence.end])
        .take(6)
        .collect();
    let kin = |w: &String| {
        super::SOMEONE_ELSE.contains(&w.as_str())
            && !["other", "autre", "their", "his", "her", "leur", "cc"].contains(&w.as_str())
    };
    let possessive = |words: &[String]| words.windows(2).any(|w| kin(&w[0]) && w[1] == "s");
    let of_kin = |words: &[String]| {
        words.windows(3).any(|w| {
            w[0] == "de"
                && ["mon", "ma", "mes", "son", "sa", "ses"].contains(&w[1].as_str())
                && kin(&w[2])
        })
    };
    possessive(before)
        || possessive(&after)
        || of_kin(before)
        || of_kin(&after)
        || before
            .iter()
            .any(|w| ["his", "her", "their"].contains(&w.as_str()))
}

/// Words that say a plan is the one had now, folded: "I'm currently on
/// Acme Plus", "my current plan is …", "actuellement sur la formule …".
#[rustfmt::skip]
const NOW: &[&str] = &[
    "currently", "current", "presently", "existing", "actuel", "actuelle", "actuellement",
];

/// Words that may stand between a word of [`NOW`] or "I'm on" and the plan:
/// "currently on the Acme Plus plan", "actuellement je suis sur la formule".
#[rustfmt::skip]
const HAVING: &[&str] = &[
    "on", "in", "to", "using", "with", "the", "a", "my", "our", "plan", "membership", "subscription",
    "tier", "package", "is", "s", "i", "we", "m", "am", "re", "are", "have", "ve", "got", "je",
    "j", "ai", "nous", "suis", "sommes", "sur", "la", "le", "l", "au", "de", "formule",
    "abonnement", "forfait", "offre", "mon", "ma", "notre",
];

/// Whether the plan at `run` is named as the one a change should land on:
/// after "to", "into", "à", "vers" ("move me to Acme Plus", "passer à la
/// formule Acme Plus") or "be on" ("I'd like to be on Acme Plus"), or as
/// what the customer wants ("I'd like Acme Plus", "je voudrais Acme Plus"),
/// articles and words naming a plan between. Not a change told as done
/// ("I switched to Acme Plus last year", "je suis passé à Acme Plus"):
/// that one is had now.
fn said_target(toks: &[Tok<'_>], run: &std::ops::Range<usize>) -> bool {
    #[rustfmt::skip]
    const BETWEEN: &[&str] = &[
        "the", "la", "le", "l", "new", "nouvelle", "nouveau", "plan", "membership",
        "subscription", "tier", "package", "formule", "abonnement", "forfait", "offre", "an",
    ];
    #[rustfmt::skip]
    const WANTING: &[&str] = &[
        "want", "like", "prefer", "take", "get", "choose", "pick", "need", "voudrais", "veux",
        "souhaite", "souhaiterais", "aimerais", "prendre", "choisir", "prefere", "preferais",
    ];
    // Words before a past participle that tell the change was done:
    // "I switched", "we've moved", "je suis passée".
    const DONE: &[&str] = &[
        "i", "we", "ve", "have", "has", "had", "already", "was", "suis", "ai",
    ];
    let mut k = run.start;
    while k > 0 && toks[k - 1].is_any_of(BETWEEN) {
        k -= 1;
    }
    let Some(cue) = k.checked_sub(1).map(|b| &toks[b]) else {
        return false;
    };
    let verb = k.checked_sub(2).map(|b| &toks[b]);
    let done = verb.is_some_and(|v| {
        (v.folded.ends_with("ed") || v.is_any_of(&["passe", "passee", "change", "changee"]))
            && k.checked_sub(3).is_some_and(|b| toks[b].is_any_of(DONE))
    });
    // "à" is French "to"; "a" only after a French verb of change, where
    // the accent was left off ("passer a la formule"), as English "a" is
    // an article.
    let french_to =
        cue.text == "à" || cue.text == "a" && verb.is_some_and(|v| v.folded.starts_with("pass"));
    let to = cue.is_any_of(&["to", "into", "onto", "vers"]) || french_to;
    let be_on = cue.is_any_of(&["on"]) && verb.is_some_and(|v| v.is_any_of(&["be"]));
    (to || be_on || cue.is_any_of(WANTING)) && !done
}

/// Whether the plan at `run` is said to be the one the customer is on now:
/// a word of [`NOW`] before it with only [`HAVING`] between ("I'm currently
/// on Acme Plus", "my current plan is Acme Plus"), being on or subscribed
/// to it ("I'm on Acme Plus", "je suis sur la formule Acme Plus", "je
/// suis abonnée à Acme Plus"), or a word of now after it in its clause
/// ("Acme Plus at the moment", "Acme Plus actuellement"). Not "Currently
/// I want Acme Plus", nor "I'd like to be on Acme Plus".
fn said_current(toks: &[Tok<'_>], run: &std::ops::Range<usize>) -> bool {
    let be = |i: usize| {
        i > 0 && toks[i - 1].is_any_of(&["m", "am", "re", "are", "is", "suis", "sommes", "est"])
    };
    let mut k = run.start;
    // Through an apostrophe too: "my current plan's Acme Plus".
    while k > 0 && (toks[k - 1].is_any_of(HAVING) || toks[k - 1].is_punct("'’")) {
        if toks[k - 1].is_any_of(&["on", "sur"]) && be(k - 1) {
            return true;
        }
        k -= 1;
    }
    let now_before = k > 0
        && (toks[k - 1].is_any_of(NOW)
            || toks[k - 1].is_any_of(&["abonne", "abonnee", "subscribed"]));
    now_before
        || toks[run.end..]
            .iter()
            .take_while(|t| t.kind != TokKind::Break && !t.is_punct(",;:.!?("))
            .filter(|t| t.is_word())
            .take(4)
            .any(|t| t.is_any_of(&["currently", "actuellement", "moment", "presently"]))
}

/// The one of `names` (as a description lists them) the message names,
/// whatever its case and accents, with or without its article ("salon du
/// Marais" for "Le Marais"); none when it names two, counting those that
/// may not be taken (see [`super::kind::Kind::OneOf`]).
pub fn one_of(message: &str, toks: &[Tok<'_>], names: &[(String, bool)]) -> Option<Candidate> {
    let words: Vec<&Tok<'_>> = toks.iter().filter(|t| t.is_word()).collect();
    let mut found: Option<Candidate> = None;
    let mut common = false;
    for (name, proper) in names {
        let wanted: Vec<String> = crate::domain::search::fold::words(name)
            .filter(|w| !["le", "la", "les"].contains(&w.as_str()))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let Some(at) = words
            .windows(wanted.len())
            .position(|w| w.iter().zip(&wanted).all(|(a, b)| a.folded == *b))
        else {
            continue;
        };
        // "is it in Lyon or online?": one of two, whatever the other is.
        let or = |t: Option<&&Tok<'_>>| t.is_some_and(|t| t.is_any_of(&["or", "ou"]));
        let preposition =
            |t: &&Tok<'_>| t.is_any_of(&["a", "au", "in", "at", "en", "the", "le", "la"]);
        let before = words[..at].iter().rev().find(|t| !preposition(t));
        if or(before) || or(words.get(at + wanted.len())) {
            return None;
        }
        if !proper {
            common = true;
            continue;
        }
        // As the customer wrote it ("at brighton"), as every value is: a
        // template that wants capitals says so (`{{ salon | title }}`).
        // A name the customer writes on in capitals is that name whole:
        // "the Serenity Spa Day" for "Serenity" (not a postcode: "York
        // YO31 7TQ").
        let mut last = at + wanted.len() - 1;
        // Not a word that starts a sentence of its own or dates it:
        // "with Petplan I believe", "to Agria Monday".
        #[rustfmt::skip]
        const NO_PART: &[&str] = &[
            "i", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "thanks", "thank", "merci",
            "cheers", "regards", "please",
        ];
        while words.get(last + 1).is_some_and(|t| {
            t.text.starts_with(char::is_uppercase)
                && !t.is_any_of(NO_PART)
                && !t.text.chars().any(|c| c.is_ascii_digit())
                && message[words[last].end..t.start]
                    .chars()
                    .all(char::is_whitespace)
        }) {
            last += 1;
        }
        let (start, end) = (words[at].start, words[last].end);
        // A former one, or another's, is not the one meant: "my previous
        // insurer was Petplan", "my sister's insurer is Petplan".
        let before = super::said_before(message, start, end);
        let near: Vec<&str> = before.iter().rev().take(6).map(String::as_str).collect();
        let former = near.iter().any(|w| FORMER.contains(w));
        // "my sister's insurer": a relation's, said with its `'s`.
        let anothers = near.windows(2).any(|w| w[0] == "s" && KIN.contains(&w[1]));
        if former || anothers {
            continue;
        }
        if !keep_one(&mut found, &message[start..end], || {
            excerpt(message, start, end)
        }) {
            return None;
        }
    }
    found.filter(|_| !common)
}
