//! What kind of value a variable wants, read from its name, description
//! (English or French) and pattern. A kind that cannot be decided is
//! `None`: nothing is extracted for that variable.

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
    Order,
    Ticket,
    /// A parcel's tracking number.
    Tracking,
    Email,
    /// A link; the words (in the link or just before it) that say it is the
    /// one wanted, e.g. "tracking", "suivi".
    Url(Vec<&'static str>),
    /// A date; the words just before it that say it is the one wanted.
    Date(Vec<&'static str>),
    Amount,
    Company,
    Carrier,
    /// A subscription plan or similar named offer.
    Plan,
    /// A code (invoice, VAT number, discount code); the words that
    /// announce it, empty when the pattern alone is specific enough.
    Code(Vec<&'static str>),
}

/// Concepts a description can name, with the words that announce them in
/// a message, English and French (folded).
const TRACKING: &[&str] = &["track", "tracking", "suivi", "colis", "parcel", "carrier"];
const LABEL: &[&str] = &["label", "etiquette", "return", "retour"];
const STATUS: &[&str] = &["status", "statut", "incident", "outage", "panne"];
const DUE: &[&str] = &["due", "echeance", "payable", "deadline", "before", "avant"];
const BIRTH: &[&str] = &["born", "birth", "birthday", "naissance", "ne", "nee"];
const INVOICE: &[&str] = &["invoice", "facture", "inv", "bill"];
const VAT: &[&str] = &["vat", "tva"];
#[rustfmt::skip]
const DISCOUNT: &[&str] = &[
    "code", "promo", "coupon", "voucher", "discount", "reduction", "remise", "codes",
];
#[rustfmt::skip]
const ACCOUNT_MANAGER: &[&str] = &[
    "account manager", "account executive", "charge de compte", "chargee de compte",
    "gestionnaire de compte", "responsable de compte", "commercial", "commerciale",
];

/// The kind of value `slot` wants, or `None` when its name, description and
/// pattern do not say.
pub fn kind_of(slot: &Slot<'_>) -> Option<Kind> {
    let desc: Vec<String> = slot
        .description
        .map(|d| words(d).collect())
        .unwrap_or_default();
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
    if has(&["email", "mail", "courriel"]) || pattern.contains('@') {
        return Some(Kind::Email);
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
    if has(&["date", "deadline", "echeance", "birthday", "anniversaire"]) {
        // What the business promises or expects is the agent's to say.
        if has(&[
            "promised",
            "expected",
            "estimated",
            "promise",
            "prevue",
            "estimee",
            "promise",
        ]) {
            return None;
        }
        for topic in [DUE, BIRTH] {
            if has(&topic[..2]) {
                return Some(Kind::Date(topic.to_vec()));
            }
        }
        return None;
    }
    // Durations and counts are the business's figures, not the customer's.
    if has(&[
        "time", "eta", "delay", "delai", "days", "jours", "duration", "duree", "balance", "solde",
    ]) {
        return None;
    }
    if has(&[
        "amount", "montant", "price", "prix", "total", "sum", "somme", "currency", "devise",
    ]) {
        return Some(Kind::Amount);
    }
    if personal {
        if has(&["manager", "charge", "chargee", "gestionnaire", "commercial"]) {
            return Some(Kind::RoleName(ACCOUNT_MANAGER.to_vec()));
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
        if !has(&someone_else) {
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
    if has(&[
        "company",
        "societe",
        "entreprise",
        "organisation",
        "organization",
        "employer",
    ]) || has_seq("business", "name")
        || has_seq("raison", "sociale")
    {
        return Some(Kind::Company);
    }
    if has(&[
        "plan",
        "subscription",
        "abonnement",
        "formule",
        "membership",
        "tier",
    ]) {
        return Some(Kind::Plan);
    }
    for concept in [INVOICE, VAT, DISCOUNT] {
        if has(concept) {
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
    if has(&["order", "commande"]) {
        return Some(Kind::Order);
    }
    if has(&["ticket", "case", "dossier", "reference"]) {
        return Some(Kind::Ticket);
    }
    // A pattern with a literal prefix (`^RMA-`) is specific enough alone.
    (literal_prefix(pattern) >= 2).then(|| Kind::Code(Vec::new()))
}

/// How many capital letters a pattern requires literally at its start.
fn literal_prefix(pattern: &str) -> usize {
    pattern
        .trim_start_matches('^')
        .chars()
        .take_while(char::is_ascii_uppercase)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_lite::Regex;

    fn kind(name: &str, description: &str, pattern: Option<&str>) -> Option<Kind> {
        let re = pattern.map(|p| Regex::new(p).expect("test pattern"));
        kind_of(&Slot {
            name,
            description: Some(description),
            pattern: re.as_ref(),
            example: None,
        })
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
            Some(Kind::Date(DUE.to_vec()))
        );
        assert_eq!(
            kind("eta", "Expected delivery or resolution time", None),
            None
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
        assert_eq!(kind("order.total", "", None), Some(Kind::Amount));
        assert_eq!(kind("order.date", "Date the order was placed", None), None);
        assert_eq!(
            kind("order.item_count", "Number of items in the order", None),
            None
        );
        assert_eq!(kind("company.name", "", None), Some(Kind::Company));
        assert_eq!(
            kind("montant", "Montant remboursé, avec la devise", None),
            Some(Kind::Amount)
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
            Some(Kind::Amount)
        );
        assert_eq!(
            kind("carrier", "Name of the delivery company", None),
            Some(Kind::Carrier)
        );
        assert_eq!(
            kind("company", "Business customer's company name", None),
            Some(Kind::Company)
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
}
