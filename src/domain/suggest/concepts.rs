//! What customers and replies talk about, in English and French: groups of
//! words that mean one thing to a support team (`refund`, `money back`,
//! `remboursement`, `reimburse`). A word of a group adds the group's concept
//! to the words compared, so a message meets a reply that says the same
//! thing in other words or in the other language.
//!
//! General support vocabulary, written from how e-commerce customers and
//! agents talk, not from any one library: a library's own `examples` teach
//! `suggest` the rest.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A concept and its words, folded (no accents, lower case). A word ending
/// in `*` stands for every word it starts (`rembours*`: rembourse,
/// remboursement…); words separated by spaces are a phrase.
const GROUPS: &[(&str, &[&str])] = &[
    (
        "refund",
        &[
            "refund*",
            "reimburs*",
            "money back",
            "repay*",
            "rembours*",
            "avoir",
        ],
    ),
    ("cancel", &["cancel*", "annul*"]),
    (
        "late",
        &[
            "late",
            "later",
            "delay*",
            "overdue",
            "waiting",
            "supposed",
            "still not",
            "still no",
            "still nothing",
            "not yet",
            "retard*",
            "attend*",
            "toujours pas",
            "toujours rien",
            "toujours aucun",
            "devait",
            "prevu*",
            "pas encore",
        ],
    ),
    (
        "deliver",
        &[
            "deliver*",
            "shipping",
            "shipped",
            "ship",
            "dispatch*",
            "postage",
            "courier",
            "carrier",
            "livr*",
            "expedi*",
            "envoi",
            "transporteur",
            "achemin*",
        ],
    ),
    (
        "parcel",
        &[
            "parcel*", "package*", "packet", "colis", "paquet*", "carton",
        ],
    ),
    ("tracking", &["track*", "suivi", "suivre"]),
    (
        "arrive",
        &[
            "arriv*",
            "receiv*",
            "recu*",
            "recev*",
            "got it",
            "turned up",
            "showed up",
        ],
    ),
    (
        "missing",
        &[
            "missing",
            "never came",
            "never arrived",
            "nothing here",
            "not received",
            "lost",
            "stolen",
            "perdu*",
            "vole",
            "rien recu",
            "jamais recu",
            "pas recu",
        ],
    ),
    (
        "damaged",
        &[
            "damag*",
            "broken",
            "broke",
            "smash*",
            "crack*",
            "snapped",
            "shatter*",
            "dent*",
            "pieces",
            "scratch*",
            "torn",
            "leak*",
            "abime*",
            "casse*",
            "fendu*",
            "endommag*",
            "brise*",
            "raye*",
            "dechir*",
            "morceaux",
        ],
    ),
    (
        "wrong-item",
        &[
            "wrong",
            "instead",
            "incorrect",
            "not what i ordered",
            "mauvais*",
            "au lieu",
            "erreur de",
            "pas le bon",
            "pas la bonne",
            "pas ce que",
        ],
    ),
    (
        "size",
        &[
            "size*",
            "fit",
            "fits",
            "too small",
            "too big",
            "too large",
            "tight",
            "taille*",
            "pointure*",
            "trop petit*",
            "trop grand*",
            "trop serre*",
        ],
    ),
    (
        "return",
        &[
            "return*",
            "send back",
            "send it back",
            "send them back",
            "sent back",
            "sent it back",
            "posted back",
            "retour*",
            "renvoy*",
            "renvoi*",
            "retourn*",
            "rendre",
        ],
    ),
    (
        "exchange",
        &["exchang*", "swap*", "replac*", "echang*", "remplac*"],
    ),
    (
        "login",
        &[
            "login",
            "log in",
            "logged",
            "sign in",
            "signin",
            "locked out",
            "access",
            "connect*",
            "identifiant*",
            "acceder",
            "acces",
        ],
    ),
    (
        "password",
        &[
            "password*",
            "passwd",
            "pwd",
            "mot de passe",
            "mots de passe",
            "mdp",
        ],
    ),
    (
        "hacked",
        &[
            "hack*",
            "someone",
            "somebody",
            "unauthori*",
            "fraud*",
            "not me",
            "wasn't me",
            "didnt make",
            "didn't make",
            "never placed",
            "pirat*",
            "quelqu un",
            "usurp*",
            "jamais passe*",
            "pas faite",
            "pas fait",
        ],
    ),
    (
        "email",
        &[
            "email*",
            "e mail",
            "mail",
            "mails",
            "courriel*",
            "adresse mail",
            "adresse e mail",
        ],
    ),
    (
        "address",
        &[
            "address*",
            "adress*",
            "street",
            "moved",
            "postcode",
            "rue",
            "demenag*",
            "code postal",
        ],
    ),
    (
        "charge",
        &[
            "charg*",
            "payment*",
            "paid",
            "pay",
            "paying",
            "debit*",
            "billed",
            "card",
            "bank",
            "preleve*",
            "prelev*",
            "paiement*",
            "paye*",
            "payer",
            "carte",
            "banque",
            "cb",
        ],
    ),
    (
        "twice",
        &[
            "twice",
            "double*",
            "two payments",
            "duplicate*",
            "deux fois",
            "2 fois",
            "2 x",
            "doublon*",
        ],
    ),
    (
        "declined",
        &[
            "declin*",
            "refused",
            "rejected",
            "not going through",
            "doesnt go through",
            "won't go through",
            "wont go through",
            "refus*",
            "rejet*",
            "ne passe pas",
            "passe pas",
        ],
    ),
    (
        "invoice",
        &["invoice*", "receipt*", "factur*", "recu fiscal"],
    ),
    ("vat", &["vat", "tva", "tax number", "intracom*"]),
    (
        "code",
        &[
            "code",
            "promo*",
            "coupon*",
            "voucher*",
            "discount*",
            "reduction*",
            "remise*",
        ],
    ),
    (
        "price",
        &[
            "price*",
            "cheaper",
            "sale",
            "reduced",
            "dropped",
            "prix",
            "solde",
            "soldes",
            "baisse*",
            "moins cher",
            "difference",
        ],
    ),
    (
        "stock",
        &[
            "stock",
            "sold out",
            "out of stock",
            "restock*",
            "back in",
            "available",
            "availability",
            "epuise*",
            "rupture",
            "dispo*",
            "reappro*",
            "revien*",
        ],
    ),
    (
        "site-down",
        &[
            "down",
            "unavailable",
            "503",
            "502",
            "500",
            "outage",
            "can't reach",
            "cannot reach",
            "can't open",
            "cannot open",
            "won't load",
            "not loading",
            "panne",
            "inaccessible",
            "indisponible",
            "hors service",
            "erreur 50*",
        ],
    ),
    (
        "slow",
        &[
            "slow*",
            "crawl*",
            "lag*",
            "takes ages",
            "forever",
            "lent*",
            "rame",
            "ramer",
            "lenteur*",
        ],
    ),
    (
        "website",
        &[
            "site",
            "website",
            "web site",
            "homepage",
            "page*",
            "site web",
            "site internet",
        ],
    ),
    (
        "app",
        &[
            "app",
            "apps",
            "application",
            "crash*",
            "freez*",
            "plante*",
            "bug*",
            "glitch*",
        ],
    ),
    (
        "display",
        &[
            "display*",
            "layout",
            "looks weird",
            "looks broken",
            "images",
            "pictures",
            "cache",
            "cookie*",
            "browser*",
            "navigat*",
            "affich*",
            "decale*",
            "bizarre*",
        ],
    ),
    (
        "thanks",
        &[
            "thank you so much",
            "great",
            "perfect",
            "lovely",
            "rock",
            "brilliant",
            "amazing",
            "excellent",
            "happy",
            "pleased",
            "delighted",
            "well done",
            "bravo",
            "felicit*",
            "ravi",
            "ravie",
            "satisfait*",
            "parfait*",
            "super",
            "genial",
            "adorable",
            "top",
        ],
    ),
    (
        "solved",
        &[
            "that's all",
            "thats all",
            "that's everything",
            "all good",
            "sorted",
            "solved",
            "resolved",
            "fixed",
            "works now",
            "worked",
            "c est bon",
            "resolu*",
            "regle*",
            "fonctionne",
            "remarche",
            "rentre dans l ordre",
            "fermer la demande",
        ],
    ),
    (
        "complaint",
        &[
            "complain*",
            "unacceptable",
            "disgust*",
            "terrible",
            "awful",
            "appalling",
            "insult*",
            "escalat*",
            "manager",
            "supervisor",
            "senior",
            "fifth",
            "again and again",
            "plainte*",
            "reclamation*",
            "inadmissible",
            "inacceptable",
            "scandal*",
            "honteux",
            "catastroph*",
        ],
    ),
    (
        "legal",
        &[
            "lawyer*",
            "solicitor*",
            "court",
            "legal",
            "sue",
            "attorney*",
            "trading standards",
            "letter before action",
            "avocat*",
            "tribunal",
            "justice",
            "mise en demeure",
            "ufc",
            "huissier*",
            "poursuite*",
        ],
    ),
    (
        "hours",
        &[
            "opening",
            "open",
            "hours",
            "times",
            "weekend",
            "sunday",
            "saturday",
            "evening",
            "horaire*",
            "ouvert*",
            "joignable*",
            "dimanche",
            "samedi",
            "soir",
        ],
    ),
    (
        "follow-up",
        &[
            "reply",
            "replied",
            "answer*",
            "heard",
            "hear back",
            "update",
            "news",
            "checking in",
            "chasing",
            "any progress",
            "where are we",
            "reponse*",
            "repondu*",
            "nouvelles",
            "relance*",
            "avance",
            "revenir vers",
            "reviendr*",
        ],
    ),
    (
        "gift-card",
        &[
            "gift card*",
            "giftcard*",
            "gift voucher*",
            "carte cadeau",
            "cartes cadeaux",
            "carte-cadeau",
        ],
    ),
    (
        "balance",
        &["balance", "left on", "remaining", "solde", "reste"],
    ),
    (
        "loyalty",
        &["points", "loyalty", "reward*", "fidelite", "cumul*"],
    ),
    (
        "subscription",
        &[
            "subscri*",
            "membership",
            "member",
            "plan",
            "premium",
            "abonne*",
            "formule",
            "adhesion",
        ],
    ),
    (
        "upgrade",
        &[
            "upgrade*",
            "move to",
            "switch to",
            "higher plan",
            "passer a",
            "superieur*",
            "au dessus",
        ],
    ),
    (
        "quote",
        &[
            "quote*",
            "bulk",
            "wholesale",
            "quantity",
            "quantities",
            "devis",
            "quantite*",
            "offre tarifaire",
            "en gros",
        ],
    ),
    (
        "business",
        &[
            "company",
            "companies",
            "business*",
            "firm",
            "office",
            "employees",
            "staff",
            "colleagues",
            "practice",
            "entreprise*",
            "societe*",
            "professionnel*",
            "salarie*",
            "employe*",
        ],
    ),
    (
        "customs",
        &[
            "customs",
            "duty",
            "duties",
            "import tax*",
            "douane*",
            "droits de",
            "dedouan*",
        ],
    ),
    (
        "cost",
        &[
            "cost*",
            "fee*",
            "how much",
            "free shipping",
            "frais",
            "gratuit*",
            "tarif*",
            "combien",
        ],
    ),
    (
        "christmas",
        &[
            "christmas",
            "xmas",
            "holiday*",
            "25th",
            "presents",
            "noel",
            "fetes",
            "cadeaux",
        ],
    ),
    (
        "express",
        &[
            "express",
            "faster",
            "quicker",
            "urgent*",
            "asap",
            "next day",
            "rapide*",
            "plus vite",
            "en urgence",
        ],
    ),
    (
        "recall",
        &[
            "recall*",
            "safety",
            "dangerous",
            "hazard*",
            "unsafe",
            "rappel*",
            "securite",
            "dangereu*",
        ],
    ),
    (
        "delete-account",
        &[
            "delete*",
            "erase*",
            "remove my",
            "gdpr",
            "my data",
            "personal data",
            "supprim*",
            "effac*",
            "donnees",
            "rgpd",
        ],
    ),
    (
        "bug",
        &[
            "bug*",
            "glitch*",
            "issue",
            "problem",
            "doesnt work",
            "doesn't work",
            "souci*",
            "probleme*",
            "dysfonction*",
        ],
    ),
    (
        "checkout",
        &[
            "checkout",
            "basket",
            "cart",
            "payment page",
            "panier",
            "paiement",
            "commander",
            "valider",
        ],
    ),
    (
        "first-order",
        &[
            "first order",
            "first purchase",
            "first time",
            "new customer",
            "premiere commande",
            "premier achat",
            "nouveau client",
            "nouvelle cliente",
        ],
    ),
    ("vip", &["vip", "premium member", "gold member"]),
];

/// One entry of a group, split into words.
struct Entry {
    concept: &'static str,
    /// Each word exact, or a prefix when it ended in `*`.
    parts: Vec<(&'static str, bool)>,
}

/// The entries, found by their first word: exact first words in a map,
/// prefixes by their first byte.
struct Table {
    exact: HashMap<&'static str, Vec<Entry>>,
    prefixes: Vec<Vec<Entry>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            exact: HashMap::new(),
            prefixes: (0..256).map(|_| Vec::new()).collect(),
        };
        for (concept, entries) in GROUPS {
            for entry in *entries {
                let parts: Vec<(&'static str, bool)> = entry
                    .split(|c: char| !(c.is_alphanumeric() || c == '*'))
                    .filter(|p| !p.is_empty())
                    .map(|p| match p.strip_suffix('*') {
                        Some(prefix) => (prefix, true),
                        None => (p, false),
                    })
                    .collect();
                let Some(&(first, prefix)) = parts.first() else {
                    continue;
                };
                let e = Entry { concept, parts };
                if prefix {
                    t.prefixes[usize::from(first.as_bytes()[0])].push(e);
                } else {
                    t.exact.entry(first).or_default().push(e);
                }
            }
        }
        t
    })
}

/// The concepts `words` (folded, in order, stop-words included) speak of,
/// each once, as `@concept` terms, with the words that named it.
pub fn concepts(words: &[String]) -> Vec<(String, String)> {
    let t = table();
    let mut out: Vec<(String, String)> = Vec::new();
    for start in 0..words.len() {
        let w = words[start].as_str();
        let by_prefix = w
            .as_bytes()
            .first()
            .map_or(&[][..], |&b| t.prefixes[usize::from(b)].as_slice());
        let candidates = t
            .exact
            .get(w)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .chain(by_prefix);
        for e in candidates {
            if out.iter().any(|(c, _)| c[1..] == *e.concept) {
                continue;
            }
            let n = e.parts.len();
            let fits = words.len() - start >= n
                && e.parts
                    .iter()
                    .zip(&words[start..])
                    .all(
                        |(&(p, prefix), w)| {
                            if prefix { w.starts_with(p) } else { w == p }
                        },
                    );
            if fits {
                out.push((format!("@{}", e.concept), words[start..start + n].join(" ")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Vec<String> {
        let words: Vec<String> = crate::domain::search::fold::words(text).collect();
        concepts(&words).into_iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn a_word_or_a_phrase_names_its_concept_in_either_language() {
        assert_eq!(of("Can I get my money back?"), ["@refund"]);
        assert_eq!(of("je veux être remboursé"), ["@refund"]);
        assert_eq!(of("j'ai oublié mon mot de passe"), ["@password"]);
    }

    #[test]
    fn each_concept_counts_once() {
        assert_eq!(of("refund refund reimbursed"), ["@refund"]);
    }
}
