//! Order and ticket numbers, codes and amounts: each read only where the
//! message announces it, so a phone number, a postcode, a date, a SKU or a
//! PO number is never taken for an order number.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::kind::Side;
use super::org::is_carrier_word;
use super::scan::{Tok, TokKind, adjacent, phrase_at, words_before};
use super::topic::Topic;
use super::{Candidate, excerpt, keep_one, next_word, reach, sentence_around, someone_elses};
use crate::domain::suggest::currency::{self, CODES, NAMES, SIGNS};
use crate::domain::suggest::language::is_stop_word;

/// Words that announce an order number (folded).
pub const ORDER_WORDS: &[&str] = &["order", "commande", "cde", "cmd", "cmde", "bestellung"];
/// Words that announce a ticket number: "ref" alone is left out, customers
/// write it before product references.
#[rustfmt::skip]
pub const TICKET_WORDS: &[&str] = &[
    "ticket", "case", "dossier", "reference", "incident", "claim", "complaint", "reclamation",
    "plainte",
];
/// Words that announce a tracking number.
pub const TRACKING_WORDS: &[&str] = &["tracking", "suivi"];
/// Words before "reference" that make it a product's, not a request's.
const PRODUCT_WORDS: &[&str] = &[
    "article", "product", "produit", "item", "sku", "modele", "model",
];

/// Words before `#1234` that make it something else's number.
const OTHER_NUMBERS: &[&str] = &[
    "ticket",
    "case",
    "dossier",
    "reference",
    "ref",
    "invoice",
    "facture",
    "po",
    "sku",
    "item",
    "article",
    "product",
    "produit",
    "code",
    "card",
    "carte",
    "incident",
    "tracking",
    "suivi",
    "issue",
    "bug",
    "error",
    "erreur",
    "room",
    "apartment",
    "flat",
    "appartement",
    // What a product or a phone line is numbered by: "Lot #48213", "ext.
    // #48213".
    "lot",
    "batch",
    "serial",
    "part",
    "model",
    "modele",
    "ext",
    "extn",
    "extension",
];

/// Words before a code that make it an order's, a booking's or an
/// address's, beside [`OTHER_NUMBERS`].
#[rustfmt::skip]
const OTHER_CODES: &[&str] = &[
    "order", "commande", "cde", "booking", "reservation", "postcode", "zip", "zipcode", "postal",
    "cp",
];

/// A British postcode written without its space ("SW1A1AA", "LS16AP") or
/// with it ("SW1A 1AA").
fn is_uk_postcode(text: &str) -> bool {
    static SHAPE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$").expect("valid regex")
    });
    SHAPE.is_match(text)
}

/// An order number written `#48213` with no word before it, as customers
/// often do: `#` and four digits or more, alone in the message, after no
/// word that names it as another thing's number.
pub fn hash_number<'m>(
    message: &'m str,
    toks: &[Tok<'m>],
    fits: &dyn Fn(&str) -> bool,
) -> Option<Candidate> {
    let mut found: Option<Candidate> = None;
    for (i, t) in toks.iter().enumerate().skip(1) {
        let hash = &toks[i - 1];
        let other = clause_before(toks, i - 1, 3).any(|w| OTHER_NUMBERS.contains(&w));
        // "postcode #75011", "booking #48213", "model #48213": the word just
        // before names whose number it is. "Where is #48213?" names none.
        let named = i >= 2
            && toks[i - 2].is_word()
            && !ORDER_WORDS.contains(&toks[i - 2].folded.as_str())
            && !is_stop_word(&toks[i - 2].folded);
        if !hash.is_punct("#")
            || hash.end != t.start
            || !t.is_digits()
            || other
            || named
            || !fits(t.text)
        {
            continue;
        }
        if !standalone_number(message, toks, i, 4) {
            continue;
        }
        if !keep_one(&mut found, t.text, || excerpt(message, hash.start, t.end)) {
            return None;
        }
    }
    found
}

/// The folded words within `n` tokens before index `at`, nearest last,
/// back to the start of their clause: a word names the number after it in
/// its own clause only ("Lot #48213", "ext. #48213"; not "Thanks a lot!
/// #48213" nor "Waited a lot, #48213", where "a lot" is how much). The
/// full stop of an abbreviation ("ext.", "ref.", "no.") ends no clause.
fn clause_before<'t>(toks: &'t [Tok<'_>], at: usize, n: usize) -> impl Iterator<Item = &'t str> {
    const ABBREVIATED: &[&str] = &["ext", "extn", "ref", "no", "nr", "num", "art", "tel"];
    let window = &toks[at.saturating_sub(n)..at];
    let start = window
        .iter()
        .enumerate()
        .rev()
        .find(|&(k, t)| {
            t.kind == TokKind::Break
                || t.is_punct(",;!?")
                || t.is_punct(".") && !(k > 0 && window[k - 1].is_any_of(ABBREVIATED))
        })
        .map_or(0, |(k, _)| k + 1);
    window[start..]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.folded.as_str())
}

/// What an announced number looks like.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Digits (or the variable's own pattern): an order or ticket number.
    Reference,
    /// Capitals and digits, eight or more: a tracking number.
    Tracking,
    /// A reference, or a lower-case identifier with a hyphen or an
    /// underscore inside, fitting the variable's pattern.
    Identifier,
}

/// The pronoun ending a French question's verb (`est-ce`, `pouvez-vous`):
/// a word, not an identifier.
const FRENCH_INVERSION: &[&str] = &[
    "ce", "je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "moi", "toi", "lui",
    "le", "la", "les", "y", "en", "t",
];

/// What may stand between the announcing word and the number.
#[rustfmt::skip]
const MARKERS: &[&str] = &[
    "no", "n", "nr", "num", "number", "numero", "nº", "id", "is", "est", "ref", "reference", "code",
];

/// Words just before "order", "ticket" or "case" that make the number
/// someone else's ("someone else's order", "a friend's order", "our
/// purchase order") or another institution's ("parking ticket", "my
/// bank's case number").
#[rustfmt::skip]
pub const OTHERS_BEFORE: &[&str] = &[
    "else", "friend", "friends", "neighbour", "neighbours", "neighbor", "voisin", "voisine",
    "purchase", "parking", "speeding", "police", "bank", "banque", "court", "raffle", "lottery",
    "train", "plane", "bus", "concert", "insurer", "assureur", "stationnement",
];

/// Whether `value` stands in the message after words that make it
/// another party's, in its sentence: "Our supplier's VAT number is
/// DE123456789".
pub fn of_another_party(message: &str, value: &str) -> bool {
    message.match_indices(value).any(|(start, _)| {
        super::said_before(message, start, start + value.len())
            .iter()
            .rev()
            .take(8)
            .any(|w| OTHER_PARTIES.contains(&w.as_str()))
    })
}

/// Whose number is never the customer's, whatever it announces: "our
/// supplier's VAT number", "le numéro de TVA de notre fournisseur".
#[rustfmt::skip]
const OTHER_PARTIES: &[&str] = &[
    "supplier", "suppliers", "fournisseur", "fournisseurs", "vendor", "vendeur", "seller",
    "contractor", "subcontractor", "prestataire",
];

/// The number announced by one of `keywords` ("order #48213", "commande
/// n° 55102", "cde 56021", "order no. 53114"), or none when the message
/// announces two different ones or lists two ("order 44017 and 44018").
/// An announcement after one of `others_before` is not the one wanted.
pub fn announced_number<'m>(
    message: &'m str,
    toks: &[Tok<'m>],
    keywords: &[&str],
    others_before: &[&str],
    shape: Shape,
    fits: &dyn Fn(&str) -> bool,
) -> Option<Candidate> {
    let mut found: Option<Candidate> = None;
    for (k, t) in toks.iter().enumerate() {
        if !t.is_any_of(keywords) {
            continue;
        }
        let of_product = k > 0
            && toks[..k]
                .iter()
                .rev()
                .take(2)
                .any(|p| p.is_any_of(PRODUCT_WORDS));
        let reference = t.folded == "reference" || t.folded == "ref";
        if reference && of_product {
            continue;
        }
        // "my colleague's booking", "the other booking": someone else's,
        // whatever it numbers.
        let party = |w: &str| {
            others_before.contains(&w)
                || OTHER_PARTIES.contains(&w)
                || super::SOMEONE_ELSE.contains(&w) && w != "cc"
        };
        if owner(toks, k).is_some_and(party) || !others_before.is_empty() && named_before(toks, k) {
            continue;
        }
        // "I received order 85120, which isn't mine": someone else's.
        if !others_before.is_empty() && not_mine(message, toks, k) {
            continue;
        }
        let Some(n) = number_after(message, toks, k, shape, fits) else {
            continue;
        };
        // "PayPal case #48213", "Case 48213 with my bank", "la banque a
        // ouvert le dossier 48213": another body's case, not our ticket.
        if !others_before.is_empty() && t.is_any_of(TICKET_WORDS) && body_near(message, toks, k, n)
        {
            continue;
        }
        // "the VAT number of our supplier is …": whose it is, said between.
        if toks[k..n].iter().any(|t| t.is_any_of(OTHER_PARTIES)) {
            continue;
        }
        let value = toks[n].text;
        if !fits(value) {
            continue;
        }
        if !keep_one(&mut found, value, || excerpt(message, t.start, toks[n].end))
            || listed(message, toks, n, fits)
        {
            return None;
        }
    }
    found
}

/// Whether the message holds another number that could be the one meant
/// beside `value`: of its shape (digits for digits, about its length),
/// fitting the variable, standing alone (not a group of a phone number, a
/// price, a date), no year, and announced by no word that makes it
/// another thing's number ("ticket 55123" beside "order 48213"). "#12345
/// and #12346 both arrived damaged", "12345 … sorry, typo, it's 12346":
/// which one is meant is not canned's to guess.
pub fn rival(
    message: &str,
    toks: &[Tok<'_>],
    value: &str,
    own: &[&str],
    fits: &dyn Fn(&str) -> bool,
) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let year = |s: &str| s.len() == 4 && digits(s) && matches!(&s[..2], "19" | "20");
    // "31000 Toulouse": a postcode before its town.
    let town_after = |i: usize| {
        toks.get(i + 1).is_some_and(|n| {
            n.is_word()
                && n.text.chars().next().is_some_and(char::is_uppercase)
                && n.text.chars().skip(1).any(char::is_lowercase)
        })
    };
    toks.iter().enumerate().any(|(i, t)| {
        t.is_word()
            && t.text != value
            && t.text.bytes().any(|b| b.is_ascii_digit())
            && digits(t.text) == digits(value)
            && t.text.len().abs_diff(value.len()) <= 1
            && !year(t.text)
            && !town_after(i)
            && fits(t.text)
            && standalone_number(message, toks, i, 3)
            && !words_before(toks, i, 3).any(|w| {
                !own.contains(&w)
                    && (OTHER_NUMBERS.contains(&w)
                        || ORDER_WORDS.contains(&w)
                        || TICKET_WORDS.contains(&w)
                        || TRACKING_WORDS.contains(&w))
            })
    })
}

/// The reference the customer calls theirs beside someone else's: "order
/// MM-4417433 on the bag, but mine is MM-4417434", "la mienne est …".
pub fn declared_mine(
    message: &str,
    toks: &[Tok<'_>],
    fits: &dyn Fn(&str) -> bool,
) -> Option<Candidate> {
    const MINE: &[&str] = &[
        "mine is",
        "mine was",
        "ours is",
        "ours was",
        "le mien est",
        "la mienne est",
        "le mien c est",
        "la mienne c est",
    ];
    let mut found: Option<Candidate> = None;
    for i in 0..toks.len() {
        let Some(at) = MINE.iter().find_map(|p| phrase_at(toks, i, p)) else {
            continue;
        };
        let value = toks[at..]
            .iter()
            .take(2)
            .find(|t| t.is_word() && t.text.chars().any(|c| c.is_ascii_digit()) && fits(t.text));
        if let Some(v) = value
            && !keep_one(&mut found, v.text, || {
                excerpt(message, toks[i].start, v.end)
            })
        {
            return None;
        }
    }
    found
}

/// Whether the sentence of the word at `k` says what it names is not the
/// customer's ("isn't mine", "not mine", "pas à moi", "pas la mienne").
fn not_mine(message: &str, toks: &[Tok<'_>], k: usize) -> bool {
    const SAYINGS: &[&str] = &[
        "not mine",
        "t mine",
        "not ours",
        "t ours",
        "pas a moi",
        "pas a nous",
        "pas la mienne",
        "pas le mien",
    ];
    let sentence = sentence_around(message, toks[k].start, toks[k].end);
    let first = toks.partition_point(|t| t.start < sentence.start);
    (first..toks.len())
        .take_while(|&i| toks[i].start < sentence.end)
        .any(|i| {
            SAYINGS.iter().any(|say| {
                phrase_at(toks, i, say).is_some_and(|end| toks[end - 1].end <= sentence.end)
            })
        })
}

/// The word just before the one at `k`, past a possessive's "'s": "bank"
/// of "my bank's case".
fn owner<'t>(toks: &'t [Tok<'_>], k: usize) -> Option<&'t str> {
    let mut i = k.checked_sub(1)?;
    if toks[i].folded == "s" {
        i = i.checked_sub(1)?;
        while toks[i].is_punct("'’") {
            i = i.checked_sub(1)?;
        }
    }
    toks[i].is_word().then_some(toks[i].folded.as_str())
}

/// Whether a name stands just before the word at `k`, not opening its
/// sentence unless it is a carrier's: another body's number ("Evri ticket
/// 55123", "on Amazon order 55123123"). Not across a bracket: "the LG
/// (order 19264835)" is the customer's order of an LG.
fn named_before(toks: &[Tok<'_>], k: usize) -> bool {
    let Some(p) = k.checked_sub(1) else {
        return false;
    };
    let named = toks[p].is_word()
        && toks[p].text.chars().any(char::is_uppercase)
        && !toks[p].text.chars().all(|c| c.is_ascii_digit());
    let opens = p == 0 || toks[p - 1].is_punct(".!?:") || toks[p - 1].kind == TokKind::Break;
    named && (!opens || is_carrier_word(toks[p].text)) && toks[p].text != "I"
}

/// Organisations with case numbers of their own, folded: payment
/// providers, banks, marketplaces, the police, an ombudsman, an insurer
/// (carriers are [`is_carrier_word`]).
#[rustfmt::skip]
const OTHER_BODIES: &[&str] = &[
    "paypal", "klarna", "clearpay", "afterpay", "stripe", "visa", "mastercard", "amex", "bank",
    "banque", "banks", "police", "gendarmerie", "ombudsman", "mediateur", "mediatrice",
    "insurer", "insurers", "insurance", "assurance", "assureur", "mutuelle", "court", "tribunal",
    "ebay", "amazon", "etsy", "vinted", "leboncoin", "chargeback", "solicitor", "solicitors",
    "lawyer", "lawyers", "attorney", "barrister", "avocat", "avocate", "notaire", "huissier",
    "citizens", "adviser", "advisor", "cab", "helpline", "credit", "mp", "standards", "ofcom",
    "ofgem", "ofwat", "dgccrf", "council",
];

/// Whether another organisation is named within five words before the
/// word at `k` or four after the number at `n`, in their sentence: "PayPal
/// case #48213", "Royal Mail gave me case number 48213", "the police, case
/// 48213", "Dossier 48213 chez mon assurance", "My solicitor's case number
/// is 48213", "Citizens Advice gave me case 48213". Its case number is not the
/// ticket the reply means.
fn body_near(message: &str, toks: &[Tok<'_>], k: usize, n: usize) -> bool {
    let sentence = sentence_around(message, toks[k].start, toks[n].end);
    let inside = |t: &&Tok<'_>| t.start >= sentence.start && t.end <= sentence.end;
    let body = |i: usize| {
        let t = &toks[i];
        // "Citizens Advice" by either word.
        let advice = t.is_any_of(&["advice"]) && i > 0 && toks[i - 1].is_any_of(&["citizens"]);
        t.is_any_of(OTHER_BODIES)
            || advice
            || is_carrier_word(t.text)
            || super::org::carrier_at(toks, i)
    };
    let before: Vec<usize> = (0..k)
        .rev()
        .filter(|&i| toks[i].is_word() && inside(&&toks[i]))
        .take(5)
        .collect();
    let after: Vec<usize> = (n + 1..toks.len())
        .filter(|&i| toks[i].is_word() && inside(&&toks[i]))
        .take(4)
        .collect();
    before.into_iter().chain(after).any(body)
}

/// Whether another number like the one at `n` follows it in a list:
/// "44017 and 44018", "44019 or 44020", "42027 (and 42028)", "44017, 44018".
fn listed(message: &str, toks: &[Tok<'_>], n: usize, fits: &dyn Fn(&str) -> bool) -> bool {
    // Of about its length, and no phone number written in groups ("Order
    // 70233, 07700 900318").
    let len = toks[n].text.len();
    let like = |i: usize| {
        let t = &toks[i];
        t.is_word()
            && t.text.chars().any(|c| c.is_ascii_digit())
            && t.text.len().abs_diff(len) <= 1
            && fits(t.text)
            && standalone_number(message, toks, i, 3)
    };
    (n + 1..toks.len())
        .take(3)
        .take_while(|&i| {
            toks[i].is_punct(",(&/+") || toks[i].is_any_of(&["and", "or", "et", "ou"]) || like(i)
        })
        .any(like)
}

/// The index of the number that follows the announcing word at `k`.
fn number_after(
    message: &str,
    toks: &[Tok<'_>],
    k: usize,
    shape: Shape,
    fits: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let mut marked = false;
    let mut skipped_word = false;
    // Whether a word stands between the announcing word and here.
    let mut said = false;
    let mut i = k + 1;
    while i < toks.len() && i <= k + 5 {
        let t = &toks[i];
        let has_digit = t.is_word() && t.text.chars().any(|c| c.is_ascii_digit());
        let no_lower = !t.text.chars().any(char::is_lowercase);
        let reference = t.is_digits() || (has_digit && no_lower && fits(t.text));
        let number = match shape {
            Shape::Reference => reference,
            // After "workspace is", "super-slow" is what it is like, not
            // its name: an identifier follows its name or a colon at once.
            Shape::Identifier => reference || (!said && identifier(t.text) && fits(t.text)),
            Shape::Tracking => has_digit && no_lower && t.text.len() >= 8,
        };
        if number {
            let min = if marked { 3 } else { 4 };
            return standalone_number(message, toks, i, min).then_some(i);
        }
        if t.is_punct("#:(°º.-–='\"‘’“”«") || t.is_any_of(MARKERS) {
            marked |=
                t.is_punct("#°º") || t.is_any_of(&["no", "n", "nr", "num", "number", "numero"]);
            said |= t.is_word();
            i += 1;
        } else if t.is_word() && !skipped_word && t.text.chars().all(char::is_lowercase) {
            // One adjective ("notre commande professionnelle n° 70345"),
            // only when a number marker follows it.
            skipped_word = true;
            said = true;
            let next = toks.get(i + 1);
            if !next.is_some_and(|n| n.is_punct("#") || n.is_any_of(&["n", "no", "nr", "numero"])) {
                return None;
            }
            i += 1;
        } else {
            return None;
        }
    }
    None
}

/// Whether `text` looks like an identifier in lower case (`acme-studio`):
/// a hyphen or an underscore inside, and not a French question's verb.
fn identifier(text: &str) -> bool {
    let id_chars = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
    text.len() >= 5
        && text.chars().all(id_chars)
        && text[1..text.len() - 1].contains(['-', '_'])
        && !text
            .rsplit('-')
            .next()
            .is_some_and(|last| FRENCH_INVERSION.contains(&last))
}

/// Words after a number that make it a count ("order 1500 more",
/// "commande 1000 cartes de visite"), a measure or a street number; a
/// currency makes it a price ([`currency::names_money`]).
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "items", "articles", "pieces", "km", "kg", "rue", "avenue", "av", "boulevard", "bd",
    "street", "st", "road", "rd", "lane", "chemin", "allee", "impasse", "place", "more", "units",
    "unites", "copies", "exemplaires", "boxes", "cartons", "packs", "pairs", "paires", "bottles",
    "bouteilles", "cartes", "cards", "pcs",
    "of",
];

/// Whether the digits at `i` are a number of their own: not part of a phone
/// number or card number written in groups, a date, a decimal or an amount.
fn standalone_number(message: &str, toks: &[Tok<'_>], i: usize, min: usize) -> bool {
    let t = &toks[i];
    let len = t.text.len();
    if len < min || len > 20 {
        return false;
    }
    let grouped = |o: Option<&Tok<'_>>, before: bool| {
        o.is_some_and(|o| {
            o.is_digits()
                && if before {
                    adjacent(message, o, t)
                } else {
                    adjacent(message, t, o)
                }
        })
    };
    if grouped(i.checked_sub(1).and_then(|p| toks.get(p)), true) || grouped(toks.get(i + 1), false)
    {
        return false;
    }
    let rest = &message[t.end..];
    let after: Vec<char> = rest.chars().take(3).collect();
    let joined = |c: char| after.first() == Some(&c);
    if after
        .first()
        .is_some_and(|c| SIGNS.contains(c) || ['/', '-', '%'].contains(c))
    {
        return false;
    }
    if (joined('.') || joined(',')) && after.get(1).is_some_and(char::is_ascii_digit) {
        return false;
    }
    let before = &message[..t.start];
    if before.ends_with(SIGNS) || before.ends_with(['/', '+']) {
        return false;
    }
    // "1500 €" is a price, "#1234 rue Victor Hugo" an address; but in
    // "order 40501 £30" the sign is the next number's.
    if let Some(sign_on) = rest.trim_start().strip_prefix(SIGNS)
        && !sign_on
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let unit = rest
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // "order 40501 EUR 30": a currency code before a number is that one's.
    let code_of_the_next = CODES.contains(&unit)
        && rest.trim_start()[unit.len()..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit());
    let unit = unit.to_lowercase();
    code_of_the_next || !(UNITS.contains(&unit.as_str()) || currency::names_money(&unit))
}

/// A code that fits the variable's pattern, with a digit and a capital
/// letter in it (a plain word in capitals is a shout, not a code), and one
/// of `announced_by` close to it when given. A code may be two words apart
/// by one space where the pattern allows it ("RMA 580932").
pub fn code<'m>(
    message: &'m str,
    toks: &[Tok<'m>],
    announced_by: &[&str],
    fits: &dyn Fn(&str) -> bool,
) -> Option<Candidate> {
    code_unless(message, toks, announced_by, fits, !announced_by.is_empty())
}

/// A code that fits the variable's pattern wherever it stands, unless the
/// words before it say it is another thing's ("error", "SKU", "ticket"):
/// for a pattern whose shape is its own (see `kind::shape_of_its_own`).
pub fn unannounced_code<'m>(
    message: &'m str,
    toks: &[Tok<'m>],
    fits: &dyn Fn(&str) -> bool,
) -> Option<Candidate> {
    code_unless(message, toks, &[], fits, true)
}

/// [`code`], and with `wary`, none after words that say it is another
/// thing's.
fn code_unless<'m>(
    message: &'m str,
    toks: &[Tok<'m>],
    announced_by: &[&str],
    fits: &dyn Fn(&str) -> bool,
    wary: bool,
) -> Option<Candidate> {
    let mut found: Option<Candidate> = None;
    for (i, t) in toks.iter().enumerate() {
        let spaced = toks
            .get(i + 1)
            .filter(|n| t.is_word() && n.is_word() && &message[t.end..n.start] == " ")
            .map(|n| &message[t.start..n.end]);
        let Some(text) = [Some(t.text), spaced].into_iter().flatten().find(|text| {
            t.is_word()
                && text.chars().any(|c| c.is_ascii_digit())
                && text.chars().any(|c| c.is_ascii_uppercase())
                && !text.chars().any(char::is_lowercase)
                && fits(text)
        }) else {
            continue;
        };
        let near = || {
            let after = toks[i + 1..]
                .iter()
                .filter(|t| t.is_word())
                .take(8)
                .map(|t| t.folded.as_str());
            words_before(toks, i, 12)
                .chain(after)
                .any(|w| announced_by.contains(&w))
        };
        // "error code CHK77", "SKU AB12345": another thing's code (a
        // pattern with a literal prefix needs no such care). A code of a
        // concept (a discount, VAT, an invoice) is not the one after "ma
        // commande 4B7X9" or "Postcode: SW1A1AA" either.
        let concept = !announced_by.is_empty();
        let other = wary
            && words_before(toks, i, 3).any(|w| {
                ["error", "erreur", "err"].contains(&w)
                    || (OTHER_NUMBERS.contains(&w) || concept && OTHER_CODES.contains(&w))
                        && !announced_by.contains(&w)
            });
        // Nor "the 2FA code", "my PS5 console": three characters before a
        // word name a kind of thing; nor a British postcode.
        let a_name = concept && text.len() <= 3 && toks.get(i + 1).is_some_and(|n| n.is_word());
        let postcode = concept && is_uk_postcode(text);
        let end = t.start + text.len();
        // "My card number is PG330291 I think": one the customer is unsure of.
        let unsure = unsure_after(&message[end..sentence_around(message, t.start, end).end]);
        if other || a_name || postcode || unsure || (!announced_by.is_empty() && !near()) {
            continue;
        }
        if !keep_one(&mut found, text, || excerpt(message, t.start, end)) {
            return None;
        }
    }
    found
}

/// Words that say the digits after them end a longer number.
const ENDING: &[&str] = &[
    "ending",
    "ends",
    "finissant",
    "finit",
    "terminant",
    "termine",
    "terminee",
];

/// The last digits of a card or an account: the digits right after "ending
/// (in)", "ends in", "finissant par", "qui se termine par", or none when the
/// message gives two.
pub fn ending<'m>(
    message: &'m str,
    toks: &[Tok<'m>],
    fits: &dyn Fn(&str) -> bool,
) -> Option<Candidate> {
    let mut found: Option<Candidate> = None;
    for (k, t) in toks.iter().enumerate().filter(|(_, t)| t.is_any_of(ENDING)) {
        let digits = toks[k + 1..]
            .iter()
            .take(3)
            .take_while(|t| {
                t.is_digits() || t.is_any_of(&["in", "with", "par", "en"]) || t.is_punct(":")
            })
            .find(|t| t.is_digits());
        let Some(d) = digits.filter(|d| fits(d.text) && (2..=6).contains(&d.text.len())) else {
            continue;
        };
        if !keep_one(&mut found, d.text, || excerpt(message, t.start, d.end)) {
            return None;
        }
    }
    found
}

/// A vehicle registration as the variable's pattern writes it (`LM21 PTX`,
/// `AB-123-CD`): one to three tokens side by side in capitals and digits,
/// or none when the message gives two.
pub fn plate<'m>(
    message: &'m str,
    toks: &[Tok<'m>],
    fits: &dyn Fn(&str) -> bool,
) -> Option<Candidate> {
    let mut found: Option<Candidate> = None;
    let capitals = |t: &Tok<'_>| t.is_word() && !t.text.chars().any(char::is_lowercase);
    for i in 0..toks.len() {
        let mut end = i;
        while end < toks.len()
            && end < i + 3
            && capitals(&toks[end])
            && (end == i || adjacent(message, &toks[end - 1], &toks[end]))
        {
            end += 1;
            let span = &message[toks[i].start..toks[end - 1].end];
            let mixed = span.chars().any(|c| c.is_ascii_digit())
                && span.chars().any(|c| c.is_ascii_uppercase());
            // "The other driver's car was GH21 ABC", "hit by a van, reg
            // LR21 ABC": not the customer's.
            let (start, stop) = (toks[i].start, toks[end - 1].end);
            if mixed
                && fits(span)
                && !someone_elses(message, start, stop)
                && !a_vehicle_met(message, start)
            {
                if !keep_one(&mut found, span, || {
                    excerpt(message, toks[i].start, toks[end - 1].end)
                }) {
                    return None;
                }
                break;
            }
        }
    }
    found
}

/// Whether the plate at `start` belongs to a vehicle the sentence says the
/// customer met, not theirs: "I was hit by a van, reg LR21 ABC", "un
/// véhicule immatriculé GH-456-JK a percuté ma voiture".
fn a_vehicle_met(message: &str, start: usize) -> bool {
    #[rustfmt::skip]
    const VEHICLES: &[&str] = &[
        "van", "car", "lorry", "truck", "vehicle", "bus", "taxi", "motorbike", "cyclist",
        "voiture", "vehicule", "camion", "camionnette", "moto", "scooter",
    ];
    #[rustfmt::skip]
    const MET: &[&str] = &[
        "hit", "crashed", "collided", "reversed", "rear", "ended", "struck", "percute", "percutee",
        "heurte", "heurtee", "embouti", "emboutie", "accroche", "accrochee",
    ];
    let sentence = sentence_around(message, start, start);
    let said: Vec<String> =
        crate::domain::search::fold::words(&message[sentence.start..sentence.end]).collect();
    super::said_before(message, start, start)
        .windows(2)
        .any(|w| {
            ["a", "an", "another", "un", "une", "autre"].contains(&w[0].as_str())
                && VEHICLES.contains(&w[1].as_str())
        })
        && said.iter().any(|w| MET.contains(&w.as_str()))
}

/// An amount with its currency: "£1,250.00", "1 099 €", "EUR 35", "35 euros",
/// "560 quid".
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    let number = r"(?:[0-9]{1,3}(?:[ \x{a0}\x{202f}][0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{2})?|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]{2})?|[0-9]+)(?:[.,][0-9]{1,2})?";
    let signs: String = SIGNS.iter().collect();
    let codes = CODES.join("|");
    let names = NAMES.join("|");
    let before = format!(r"(?:[{signs}]|\b(?:{codes})[ \x{{a0}}\x{{202f}}]?)");
    // After the figures, in any case: "30 Euros", "30 eur", "3 Quid".
    let after =
        format!(r"(?:[ \x{{a0}}\x{{202f}}]?[{signs}]|[ \x{{a0}}\x{{202f}}](?i:{codes}|{names})\b)");
    Regex::new(&format!(r"(?:{before}{number}|\b{number}{after})")).expect("valid regex")
});

/// The amounts of `message`, as byte ranges. A currency written after a
/// number but before another one belongs to the one it is against:
/// "order 40501 £30" is £30, not "40501 £"; "12€50" is one amount, with
/// its cents after the sign; "12 € 50" or "40 euros 50" cannot be told
/// apart from two numbers, and is none.
fn amounts(message: &str) -> Vec<(usize, usize)> {
    let spaces: &[char] = &[' ', '\u{a0}', '\u{202f}'];
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(m) = AMOUNT.find_at(message, from) {
        from = m.end();
        let value = m.as_str();
        if no_money(message, m.start(), m.end()) {
            continue;
        }
        let sign_after =
            !value.starts_with(SIGNS) && !value.starts_with(|c: char| c.is_ascii_uppercase());
        let rest = &message[m.end()..];
        let next_is_number = rest
            .trim_start_matches(spaces)
            .starts_with(|c: char| c.is_ascii_digit());
        if !sign_after || !next_is_number {
            out.push((m.start(), m.end()));
            continue;
        }
        let cents = rest.len() >= 2
            && rest.as_bytes()[..2].iter().all(u8::is_ascii_digit)
            && !rest.as_bytes().get(2).is_some_and(u8::is_ascii_digit);
        let against = !value.contains(spaces) && !rest.starts_with(spaces);
        if cents && against {
            out.push((m.start(), m.end() + 2));
            from = m.end() + 2;
            continue;
        }
        // The sign starts the next amount, if it is right against it.
        let sign = value.trim_end_matches(|c: char| c.is_alphabetic() || SIGNS.contains(&c));
        from = m.start() + sign.len();
        from += message[from..].len() - message[from..].trim_start_matches(spaces).len();
    }
    out
}

/// Whether the figures and currency name at `start..end` of `message` are
/// no sum of money: a weight ("weighed 4 pounds", "2 pounds of cheese"),
/// or a name qualifying a thing ("20 euro pallets", "4 Euro plugs", "a 20
/// pound kettlebell", "the 2 Pound Shop"), where money would be plural or
/// a money word would follow ("a 30 euro refund").
fn no_money(message: &str, start: usize, end: usize) -> bool {
    // Said of a weight, before it ("weighed 4 pounds", "a parcel of 4
    // pounds", "the scale shows") or after it ("10 pounds heavier").
    #[rustfmt::skip]
    const WEIGHED: &[&str] = &[
        "weigh", "weighs", "weighed", "weighing", "weight", "heavy", "parcel", "package", "box",
        "scale", "scales",
    ];
    #[rustfmt::skip]
    const WEIGHT_AFTER: &[&str] = &[
        "heavier", "lighter", "heavy", "overweight", "underweight", "parcel", "package", "box",
    ];
    // A money word after a currency's name: "a 20 euro overcharge", "a 4
    // pound delivery charge".
    #[rustfmt::skip]
    const MONEY: &[&str] = &[
        "refund", "charge", "fee", "credit", "deposit", "discount", "payment", "difference",
        "surcharge", "supplement", "bonus", "voucher", "tip", "rise", "increase", "reduction",
        "note", "bill", "fine", "overcharge", "overpayment", "delivery", "shipping", "postage",
        "gift", "cashback", "penalty", "cost", "price", "admin", "booking", "cancellation",
        "service", "handling", "top", "topup", "remboursement", "avoir", "bon", "billet", "frais",
    ];
    let Some(name) = message[start..end]
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .filter(|n| !n.is_empty())
    else {
        return false;
    };
    let name = name.to_lowercase();
    let next = message[end..]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty())
        .filter(|_| message[end..].starts_with([' ', '\u{a0}']));
    // The three words before, read from a few dozen characters only.
    let near = (message[..start].char_indices().rev().nth(60)).map_or(0, |(i, _)| i);
    let before: Vec<String> = crate::domain::search::fold::words(&message[near..start])
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .take(3)
        .collect();
    let pound = name.starts_with("pound");
    let next_folded = next.map(crate::domain::search::fold::fold);
    if pound
        && (next == Some("of")
            || next_folded.is_some_and(|w| WEIGHT_AFTER.contains(&w.as_str()))
            || before.iter().any(|w| WEIGHED.contains(&w.as_str())))
    {
        return true;
    }
    let singular = ["euro", "dollar", "pound", "buck"].contains(&name.as_str());
    next.is_some_and(|w| {
        let folded = crate::domain::search::fold::fold(w);
        singular
            && w.chars().next().is_some_and(char::is_alphabetic)
            && !is_stop_word(&folded)
            && !MONEY.contains(&folded.as_str())
    })
}

/// Whether `text` is an amount and nothing else: a variable whose example
/// is one wants an amount.
pub fn is_amount(text: &str) -> bool {
    let text = text.trim();
    AMOUNT
        .find(text)
        .is_some_and(|m| m.start() == 0 && m.end() == text.len())
}

/// An amount with its currency, as written (`€49.90`, `49,90 €`,
/// `2 350,00 €`), when the message states one amount only (or two, one the
/// other changes to: [`change`]), says what it is
/// (charged, paid, taken, owed, deducted, rent, refunded, invoiced, claimed,
/// held, a fee, a deposit, a total…; not what a card or an account holds) and
/// does not say it is about that much ("about", "almost", "more than",
/// "or so", "~"). Of several, the one the variable's own words
/// (`announced_by`: see [`Topic`]) announce, when only one is; when they
/// are its name (`named`), only an amount they announce. By how much a
/// price moved ("dropped by £10") is what a variable the reply works out
/// as a difference wants (`worked_out`), and no other's.
pub fn amount(
    message: &str,
    announced_by: &[String],
    named: bool,
    side: Option<Side>,
    only: bool,
    worked_out: bool,
) -> Option<Candidate> {
    #[rustfmt::skip]
    const MONEY: &[&str] = &[
        "refund", "rembours", "charg", "paid", "pay", "paie", "paye", "debit", "preleve", "prelev",
        "invoice", "factur", "dispute", "contest", "litige", "bill", "back", "owe", "transfer",
        "virement", "bought", "achet", "achat", "sent", "envoy", "cost", "cout", "withdr", "retir",
        "overdraft", "decouvert", "took", "taken", "take", "pris", "prend", "bank", "banque",
        "rent", "loyer", "deduct", "retenu", "devoir", "dois", "doit", "credit",
        "amount", "montant", "sum", "somme", "total", "fee", "frais", "claim", "reclam",
        "deposit", "caution", "hold", "held", "bloqu", "pending", "attente", "balance", "solde",
        "statement", "releve", "cash", "espece",
        "restitu", "fine", "amende", "penalt", "surcharge", "supplement", "rendr",
        "recharg", "topped", "mensualit", "tax", "price", "prix", "tarif", "overcharg", "overpa",
        "overbill", "surfactur",
    ];
    #[rustfmt::skip]
    const ABOUT: &[&str] = &[
        "about", "around", "approximately", "roughly", "approx", "environ", "vers", "pres", "some",
        "almost", "nearly", "over", "under", "presque", "quasiment", "approximativement", "env",
        "genre", "c", "ca", "circa",
    ];
    const ABOUT_AFTER: &[&str] = &["environ", "roughly", "approximately", "approx", "env"];
    const ABOUT_AFTER_PAIRS: &[[&str; 2]] = &[["or", "so"], ["a", "peu"], ["more", "or"]];
    // "more than £50", "plus de 50 €", "£50 or so", "£50ish", "~£50".
    const ABOUT_PAIRS: &[(&str, &str)] = &[
        ("more", "than"),
        ("less", "than"),
        ("up", "to"),
        ("plus", "de"),
        ("moins", "de"),
        ("jusqu", "a"),
        ("pres", "de"),
        ("loin", "de"),
        ("dans", "les"),
        ("au", "moins"),
        ("at", "least"),
        ("close", "to"),
    ];
    #[rustfmt::skip]
    const RISEN: &[&str] = &[
        "gone", "went", "go", "goes", "going", "shot", "jumped", "put", "pushed", "bumped",
    ];
    // Each amount once: "2 x 129,99 €" then "129,99 €" again is one.
    let digits = |v: &str| v.chars().filter(char::is_ascii_digit).collect::<String>();
    let mut found: Vec<(String, usize, usize)> = Vec::new();
    for (start, end) in amounts(message) {
        let value = message[start..end].trim();
        if !found.iter().any(|(v, _, _)| digits(v) == digits(value)) {
            found.push((value.to_string(), start, end));
        }
    }
    // "a card payment of 49.99 … also a pending one for €12.00": an amount
    // written without its currency, just after a money word, is a second
    // amount all the same.
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b[0-9]{1,3}(?:,?[0-9]{3})*[.,][0-9]{2}\b").expect("valid regex")
    });
    let money_word = |w: &String| MONEY.iter().any(|money| w.starts_with(money));
    let bare_money = BARE.find_iter(message).any(|m| {
        let mine = found
            .iter()
            .any(|(_, s, e)| *s <= m.start() && m.end() <= *e);
        !mine
            && !found
                .iter()
                .any(|(v, _, _)| digits(v) == digits(m.as_str()))
            && crate::domain::search::fold::last_words(&message[..m.start()], 3)
                .iter()
                .any(money_word)
    });
    if bare_money {
        return None;
    }
    // "from £89 to £69 … the difference back": neither is the one wanted;
    // nor when the customer asks for money back at all ("went from £120
    // to £90, can you refund me?", "charged £138 instead of £96, please
    // refund"): what is refunded is the difference.
    let difference = crate::domain::search::fold::words(message).any(|w| {
        w == "difference" || w == "ecart" || w.starts_with("refund") || w.starts_with("rembours")
    });
    let topic = Topic::new(announced_by);
    // The periods the variable's own words name ("Annual membership fee"
    // is a year's), by the periods' words, not by concepts: "annual" and
    // "monthly" are both words of a subscription, and either announced the
    // other's amounts.
    let periods: Vec<&str> = announced_by.iter().filter_map(|w| period_of(w)).collect();
    let announced = |i: usize| {
        let (_, start, end) = &found[i];
        let sentence = sentence_around(message, *start, *end);
        let from = i
            .checked_sub(1)
            .map_or(0, |p| found[p].2)
            .max(sentence.start);
        let mut before: Vec<String> = without_whens(
            crate::domain::search::fold::words(&message[from..*start]).collect(),
            &periods,
        );
        // The word just after an amount is that amount's: "I paid £75
        // deposit (the estimate was £320)" announces no estimate as a deposit.
        if i > 0 && from == found[i - 1].2 && next_word(message, from, *start).is_some() {
            let elided = before.iter().take_while(|w| w.chars().count() == 1).count();
            before.drain(..(elided + 1).min(before.len()));
        }
        (0..reach(&before, 8))
            .any(|k| topic.announces_at(&before, before.len() - 1 - k))
            // "I was told I'd get £212.40 back": money back is a refund.
            || next_word(message, *end, sentence.end).is_some_and(|w| {
                topic.announces(&w) || w == "back" && topic.announces("refund")
            })
            // "£16.50 a month", "£29/month" for a monthly fee, "£198 a
            // year" for an annual one.
            || per(&message[*end..sentence.end]).is_some_and(|w| {
                topic.announces(&w) || period_of(&w).is_some_and(|p| periods.contains(&p))
            })
    };
    let pair = match found.as_slice() {
        [first, second] if !difference => change(message, first, second),
        _ => None,
    };
    let chosen = match found.as_slice() {
        [one] => Some((one.clone(), announced(0))),
        // "my rent is going from £72 to £81": the current rent is the
        // first, the new one the second, as the variable says which.
        _ if pair.is_some() && side.is_some() => pair.map(|(old, new)| {
            let end = if side == Some(Side::Before) { old } else { new };
            (end.clone(), announced(0) || announced(1))
        }),
        _ if pair.is_some() => pair.map(|(_, new)| (new.clone(), false)),
        _ if announced_by.is_empty() => None,
        // "only £30 of the £50": what the words before the part announce
        // is the whole, and the part is none.
        _ => match (0..found.len())
            .filter(|&i| announced(i))
            .map(|i| {
                if part_of_next(message, &found, i) {
                    i + 1
                } else {
                    i
                }
            })
            .filter(|&i| !part_of_next(message, &found, i))
            .collect::<Vec<_>>()[..]
        {
            [i] => Some((found[i].clone(), true)),
            _ => None,
        },
    };
    let ((value, start, end), announced) = chosen?;
    // Ten words before it are all that is read of them.
    let words = crate::domain::search::fold::last_words(&message[..start], 10);
    let after: Vec<String> = crate::domain::search::fold::words(&message[end..])
        .take(2)
        .collect();
    let last_two = match words.as_slice() {
        [.., a, b] => Some((a.as_str(), b.as_str())),
        _ => None,
    };
    // "gone up to £845.60" says where a price went, not a ceiling.
    let risen = matches!(words.as_slice(), [.., went, up, to]
        if up == "up" && to == "to" && RISEN.contains(&went.as_str()));
    let approximate = words.last().is_some_and(|w| ABOUT.contains(&w.as_str()))
        || last_two.is_some_and(|p| ABOUT_PAIRS.contains(&p)) && !risen
        || message[..start].trim_end().ends_with('~')
        || message[end..].starts_with(char::is_alphabetic)
        // "50 € environ", "$50 roughly", "£50 or so", "£50-60".
        || after.first().is_some_and(|w| ABOUT_AFTER.contains(&w.as_str()))
        || ABOUT_AFTER_PAIRS.iter().any(|p| after == p)
        // "50 euros ou 25 je sais plus", "£50 I think": one the customer
        // is unsure of.
        || unsure_after(&message[end..sentence_around(message, start, end).end])
        // "I think there's £20 left", "peut-être 20 €": the doubt first.
        || unsure_before(&message[sentence_around(message, start, end).start..start])
        || message[end..]
            .trim_start()
            .strip_prefix(['-', '–'])
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        // "£50-ish".
        || message[end..]
            .strip_prefix(['-', '–'])
            .is_some_and(|r| r.starts_with(char::is_alphabetic));
    // "going up by £65", "augmenté de 5 €": by how much, not what it is;
    // unless the reply's amount is that difference ("the price dropped by
    // £10" for a price-drop refund).
    let by_how_much = !worked_out && moved_by(&words);
    // "my rent has gone up to £99": where it went, never what it was.
    let new_one = risen && side == Some(Side::Before);
    let sentence = sentence_around(message, start, end);
    let rest = &message[end..sentence.end];
    // "2 at £24.95 each", "2 x £24.95", "£24.95 per item": one unit's
    // price, not what was paid or is owed; but "2x £89 on my statement",
    // "twice, £63.00 each" are one charge taken several times.
    let charges = crate::domain::search::fold::words(&message[sentence])
        .any(|w| charged(&w) || CHARGES.iter().any(|c| w.starts_with(c)));
    let unit = !charges && unit_price(&words, &message[..start], rest);
    // "£50 I believe", "£50 I guess": one the customer is unsure of.
    let believed = matches!(after.as_slice(), [i, verb]
        if i == "i" && ["believe", "guess", "reckon", "recall"].contains(&verb.as_str()));
    // "a £10 voucher", "£5 off", "un bon de 10 €": a discount's value,
    // unless the variable is about one ("taken £38 off me" is a charge).
    let off_me = after.first().is_some_and(|w| w == "off")
        && after
            .get(1)
            .is_some_and(|w| ["me", "us", "my", "our", "from"].contains(&w.as_str()));
    let discount = !off_me
        && next_word(message, end, message.len())
            .is_some_and(|w| DISCOUNTS.contains(&w.as_str()) && !topic.announces(&w))
        || matches!(words.as_slice(), [.., what, of]
            if DISCOUNTS.contains(&what.as_str()) && !topic.announces(what)
                && ["of", "for", "worth", "de"].contains(&of.as_str()));
    // "a £50 deposit" for a monthly fee: the word after an amount is its
    // own, and names another sum than the one the variable names (an
    // amount of any kind, "Amount with its currency", takes it: "refund
    // my £50 deposit").
    // Named just after it or just before ("a £50 security deposit", "a
    // deposit of £50", "the deposit was £50", "a £50 joining fee").
    let other_kind = |w: &String| OTHER_SUMS.contains(&w.as_str()) && !announced_by.contains(w);
    let other_sum = (!periods.is_empty()
        || announced_by.iter().any(|w| SUM_KINDS.contains(&w.as_str())))
        && (after_words(message, end).iter().take(2).any(other_kind)
            || words.iter().rev().take(3).any(other_kind));
    // "£420 for the year" for a monthly fee, "£16.50 a month" for an
    // annual one; without a period after it, "my annual membership, £198"
    // for a monthly fee (an adjective of its sentence names one, a noun
    // there is as often a time: "this year I paid £200").
    let elsewhen = match per(rest) {
        Some(p) => other_period(&periods, &p),
        None => {
            let said = super::said_before(message, start, end);
            let adjective = |w: &str| {
                PER_WORDS.iter().any(|(a, _)| *a == w) || ["mensuel", "hebdo"].contains(&w)
            };
            let named: Vec<&str> = said[said.len() - reach(&said, 8)..]
                .iter()
                .filter(|w| adjective(w))
                .filter_map(|w| period_of(w))
                .collect();
            !named.is_empty() && named.iter().all(|p| other_period(&periods, p))
        }
    };
    // "£0.00 refunded": nothing, which no reply repeats; "-£230": a
    // balance below zero, whose sign the value would lose (a minus against
    // the figure, not a dash between words: "order 45127 - £30").
    let nothing = !value.chars().any(|c| c.is_ascii_digit() && c != '0');
    let below_zero = message[..start].strip_suffix(['-', '−']).is_some_and(|b| {
        b.is_empty() || b.ends_with(|c: char| c.is_whitespace() || "(:".contains(c))
    });
    if approximate
        || nothing
        || below_zero
        || bank_balance(&words, &after_words(message, end))
        || earned(&words, rest)
        || incurred_elsewhere(&words, &after_words(message, end), &topic)
        || by_how_much
        || new_one
        || unit
        || believed
        || discount
        || other_sum
        || elsewhen
        || before_tax(rest)
    {
        return None;
    }
    let near: Vec<String> = words
        .iter()
        .rev()
        .take(10)
        .cloned()
        .chain(crate::domain::search::fold::words(&message[end..]).take(6))
        .collect();
    // "Je vais verser 70 € ce mois-ci", "I could manage £40": what the
    // customer offers to pay is no figure of the reply's.
    let said = super::said_before(message, start, end);
    let offered = || {
        said.windows(2).any(|p| {
            ["i", "je", "j", "we", "on", "nous"].contains(&p[0].as_str())
                && OFFERING.contains(&p[1].as_str())
        })
    };
    // The reply says which amount it reads, and the message speaks of
    // it, if not beside the figure: "my bill … it says £185.00".
    let spoken_of = || {
        topic.announced_in(&without_whens(
            crate::domain::search::fold::words(message).collect(),
            &periods,
        ))
    };
    let lone = only && found.len() == 1 && !offered() && spoken_of();
    ((announced || lone || !named && near.iter().any(money_word))
        && !offers_to_pay(&said)
        && !paid_by_someone_else(&said))
    .then(|| Candidate::new(&value, excerpt(message, start, end)))
}

/// `words` (folded) without a period said as a time: "last month", "this
/// year", "next week", "le mois dernier", "ce mois-ci" say when, and
/// announce no monthly or annual amount, for a variable that names one
/// (`periods`); other words of the variable's are left as they are.
fn without_whens(words: Vec<String>, periods: &[&str]) -> Vec<String> {
    if periods.is_empty() {
        return words;
    }
    const WHICH: &[&str] = &["last", "this", "next", "that", "past", "ce", "cette"];
    const AFTER: &[&str] = &[
        "dernier",
        "derniere",
        "prochain",
        "prochaine",
        "ci",
        "passe",
    ];
    let when: Vec<bool> = (0..words.len())
        .map(|k| {
            let period =
                period_of(&words[k]).is_some() && !PER_WORDS.iter().any(|(w, _)| *w == words[k]);
            period
                && (k > 0 && WHICH.contains(&words[k - 1].as_str())
                    || words
                        .get(k + 1)
                        .is_some_and(|w| AFTER.contains(&w.as_str())))
        })
        .collect();
    words
        .into_iter()
        .zip(when)
        .filter_map(|(w, when)| (!when).then_some(w))
        .collect()
}

/// Whether amount `i` of `found` is a part of the next one, said as "X of
/// the Y", "X out of Y", "X sur les Y": "only £30 of the £50".
fn part_of_next(message: &str, found: &[Found], i: usize) -> bool {
    let Some(next) = found.get(i + 1) else {
        return false;
    };
    let between: Vec<String> =
        crate::domain::search::fold::words(&message[found[i].2..next.1]).collect();
    let between: Vec<&str> = between.iter().map(String::as_str).collect();
    matches!(
        between.as_slice(),
        ["of"]
            | ["of", "the" | "my" | "our" | "your"]
            | ["out", "of"]
            | ["out", "of", "the" | "my"]
            | ["sur"]
            | ["sur", "les" | "mes"]
    )
}

/// The first words (folded) after byte `end` of `message`.
fn after_words(message: &str, end: usize) -> Vec<String> {
    crate::domain::search::fold::words(&message[end..])
        .take(7)
        .collect()
}

/// Words a variable names its own kind of sum by ("Monthly rent", "Plan
/// fee"), folded: such a variable, or one that names a period ("Monthly
/// membership fee"), takes no sum the message names as another kind
/// ([`OTHER_SUMS`]); one for a refund may ("refund my £50 deposit").
#[rustfmt::skip]
const SUM_KINDS: &[&str] = &[
    "fee", "fees", "rent", "loyer", "price", "prix", "premium", "subscription", "abonnement",
    "cotisation", "membership", "salary", "balance", "solde", "mensualite", "instalment",
    "installment",
];

/// Sums named by the word after them ("a £50 deposit", "a £60 fine", "a
/// £5 tip"), folded.
#[rustfmt::skip]
const OTHER_SUMS: &[&str] = &[
    "deposit", "caution", "acompte", "fine", "amende", "tip", "pourboire", "excess", "franchise",
    "bond", "joining", "cancellation", "admin", "activation", "resiliation",
];

/// Whether the words just `before` an amount and just `after` it (folded)
/// say it is what an account or a card holds or lacks: "my bank balance
/// is now £230", "account balance: £12", "le solde de mon compte est de 40
/// €", "£12 left in my account", "I've got £12 left", "down to my last
/// £12", "£230 in the red", "je suis à découvert de 230 €", "il me reste
/// 12 €". Not a gift card's balance, nor "the balance of £20 on my
/// invoice", nor money that went ("£12 taken from my account", "£49.90
/// left my account"), nor what is left to pay ("£12 left to pay", "il
/// reste 12 € à payer").
fn bank_balance(before: &[String], after: &[String]) -> bool {
    const ACCOUNT: &[&str] = &["bank", "account", "current", "compte", "bancaire", "banque"];
    const LEFT: &[&str] = &["left", "remaining", "restant"];
    const REST: &[&str] = &["reste", "restent"];
    const WHOSE: &[&str] = &["my", "the", "our", "your", "his", "her", "their"];
    let near = &before[before.len().saturating_sub(6)..];
    let after_is = |n: &[&str]| {
        after
            .iter()
            .map(String::as_str)
            .take(n.len())
            .eq(n.iter().copied())
    };
    let to_pay = |rest: &[String]| {
        matches!(rest, [to, pay, ..]
            if ["to", "a"].contains(&to.as_str())
                && ["pay", "payer", "regler", "rembourser", "spend"].contains(&pay.as_str()))
    };
    let left = match after {
        [l, w, ..] if LEFT.contains(&l.as_str()) && WHOSE.contains(&w.as_str()) => false,
        [l, rest @ ..] if LEFT.contains(&l.as_str()) => !to_pay(rest),
        _ => false,
    };
    let rest = near
        .iter()
        .rev()
        .take(3)
        .any(|w| REST.contains(&w.as_str()))
        && !to_pay(after);
    // "I've only got £12 in my account", "there's £12 on my card", "j'ai
    // que 12 € sur mon compte": what the customer has there.
    let held = near
        .iter()
        .rev()
        .take(3)
        .any(|w| ["got", "have", "only", "que", "there", "has"].contains(&w.as_str()))
        && matches!(after, [on, my, place, ..]
            if ["in", "on", "sur", "dans"].contains(&on.as_str())
                && ["my", "the", "mon", "ma", "le"].contains(&my.as_str())
                && ["account", "card", "compte", "carte", "bank", "banque"].contains(&place.as_str()));
    // "I'm overdrawn by £230": what the account lacks.
    near.iter().any(|w| w == "overdrawn")
        || near.windows(2).any(|p| p[0] == "a" && p[1] == "decouvert")
        || after_is(&["in", "the", "red"])
        || after_is(&["overdrawn"])
        || left
        || rest
        || held
        || matches!(near, [.., my, last] if ["my", "our"].contains(&my.as_str()) && last == "last")
        || near.iter().enumerate().any(|(k, w)| {
            (w == "balance" || w == "solde")
                && near[k.saturating_sub(1)..(k + 4).min(near.len())]
                    .iter()
                    .any(|a| ACCOUNT.contains(&a.as_str()))
        })
}

/// Whether an amount is what the customer earns, by the words just
/// `before` it (folded) or the `rest` of its sentence: "I earn £9 an
/// hour", "my salary is £1,400", "je gagne 12 € de l'heure". A wage is no
/// sum a reply about an order repeats.
fn earned(before: &[String], rest: &str) -> bool {
    #[rustfmt::skip]
    const EARNING: &[&str] = &[
        "earn", "earns", "earning", "earned", "salary", "wage", "wages", "income", "gagne",
        "gagner", "salaire", "revenu", "revenus", "smic", "pension", "paycheck", "paycheque",
        "benefits", "retraite", "allowance", "allocations", "rsa", "chomage", "pip", "esa",
        "jsa", "dla",
    ];
    let rest: Vec<String> = crate::domain::search::fold::words(rest).take(5).collect();
    let hourly = matches!(rest.as_slice(), [a, hour, ..]
            if ["an", "a", "per", "par"].contains(&a.as_str())
                && ["hour", "hr", "heure"].contains(&hour.as_str()))
        || matches!(rest.as_slice(), [de, l, heure, ..]
            if de == "de" && l == "l" && heure == "heure")
        || rest.first().is_some_and(|w| w == "hourly");
    // What follows a period said after it: "£800 a month universal credit".
    let named = match rest.as_slice() {
        [a, period, named @ ..]
            if ["a", "per", "par"].contains(&a.as_str()) && period_of(period).is_some() =>
        {
            named
        }
        named => named,
    };
    // "£800 universal credit", "£400 PIP"; "I live on £800 of benefits",
    // "£150 a week in benefits".
    let named_after = matches!(named, [u, c, ..] if u == "universal" && c == "credit")
        || named.first().is_some_and(|w| EARNING.contains(&w.as_str()));
    let of_earnings = matches!(named, [of, what, ..]
        if ["of", "in", "from", "de"].contains(&of.as_str())
            && EARNING.contains(&what.as_str()));
    hourly
        || named_after
        || of_earnings
        || before
            .iter()
            .rev()
            .take(4)
            .any(|w| EARNING.contains(&w.as_str()))
}

/// Whether an amount is a cost the customer bore elsewhere, by the words
/// `before` and `after` it (folded): a bank's overdraft fee or interest,
/// call charges, postage, parking ("a £15 overdraft fee", "£12 in call
/// charges", "I had to pay £4.50 postage", "bank charges of £25", "15 €
/// d'agios"), unless the variable's words name that cost (`topic`). It is
/// not the order's price, charge or refund.
fn incurred_elsewhere(before: &[String], after: &[String], topic: &Topic) -> bool {
    #[rustfmt::skip]
    const ELSEWHERE: &[&str] = &[
        "agios", "interest", "interets", "postage", "affranchissement", "parking",
    ];
    // Costs named by two words: "bank charges", "an overdraft fee", "call
    // costs" ("an overdraft of £300" is the overdraft itself).
    #[rustfmt::skip]
    const WHOSE: &[&str] = &[
        "bank", "overdraft", "call", "calls", "phone", "telephone", "taxi", "travel", "banque",
        "decouvert",
    ];
    const COSTS: &[&str] = &["fee", "fees", "charge", "charges", "cost", "costs", "bill"];
    // "You charged me £4.50 p&p twice": postage the shop charged is the
    // order's, not the customer's own.
    // Nor postage the customer asks back ("refund the £4.50 postage").
    let shop_charged = before.iter().rev().take(4).any(|w| {
        ["charged", "billed", "debited", "overcharged"].contains(&w.as_str())
            || w.starts_with("refund")
            || w.starts_with("rembours")
    });
    let postage = |n: usize| (!shop_charged && !topic.announces("postage")).then_some(n);
    // How many of the first `words` name such a cost, if they do.
    let names = |words: &[String]| match words {
        [w, ..] if ["postage", "affranchissement"].contains(&w.as_str()) => postage(1),
        [w, ..] if ELSEWHERE.contains(&w.as_str()) => (!topic.announces(w)).then_some(1),
        [w, cost, ..] if WHOSE.contains(&w.as_str()) && COSTS.contains(&cost.as_str()) => {
            (!topic.announces(w)).then_some(2)
        }
        // "£4.50 p&p" is postage and packing.
        [p, and, ..] if p == "p" && and == "p" => postage(2),
        // "£4.50 return postage", "£4.50 to send it back".
        [ret, w, ..]
            if ret == "return"
                && ["postage", "shipping", "delivery", "courier"].contains(&w.as_str()) =>
        {
            postage(2)
        }
        // Not "£28 to send off for repair": a price, of the repair.
        [to, ret, ..] if to == "to" && ret == "return" => postage(2),
        [to, send, rest @ ..]
            if to == "to"
                && ["send", "post"].contains(&send.as_str())
                && rest.iter().take(2).any(|w| w == "back") =>
        {
            postage(2)
        }
        // "$4.50 shipping to send it back": the customer's own postage.
        [shipping, to, send, ..]
            if ["shipping", "delivery", "courier"].contains(&shipping.as_str())
                && to == "to"
                && ["send", "return", "post", "ship"].contains(&send.as_str()) =>
        {
            postage(3)
        }
        // "6 € de frais de port pour le renvoyer": the same, in French.
        [frais, de, port, pour, rest @ ..]
            if frais == "frais"
                && de == "de"
                && port == "port"
                && pour == "pour"
                && rest.iter().take(2).any(|w| {
                    ["renvoyer", "retourner", "renvoi", "retour"].contains(&w.as_str())
                }) =>
        {
            postage(3)
        }
        // "frais bancaires", "frais de découvert".
        [frais, w, ..] if frais == "frais" && w.starts_with("bancaire") => {
            (!topic.announces(w)).then_some(2)
        }
        [frais, de, w, ..]
            if frais == "frais"
                && ["de", "d"].contains(&de.as_str())
                && (WHOSE.contains(&w.as_str()) || ELSEWHERE.contains(&w.as_str())) =>
        {
            (!topic.announces(w)).then_some(3)
        }
        _ => None,
    };
    // Just after it, through "in", "of", "for" or "de": "£12 in call
    // charges", "£8 for parking".
    let after = match after {
        [of, rest @ ..]
            if ["in", "of", "on", "for", "en", "de", "d", "pour"].contains(&of.as_str()) =>
        {
            rest
        }
        _ => after,
    };
    // Just before it, with "of" or "de": "bank charges of £25", "des
    // frais de découvert de 15 €".
    let named_before = (1..=3).any(|n| {
        before.len() > n
            && ["of", "de", "d"].contains(&before[before.len() - 1].as_str())
            && names(&before[before.len() - 1 - n..before.len() - 1]) == Some(n)
    });
    names(after).is_some() || named_before
}

/// Whether the words just before an amount (`before`, folded) say it is
/// by how much something moved: "going up by £65", "the price dropped by
/// £10", "augmenté de 5 €", "le prix a baissé de 10 €".
fn moved_by(before: &[String]) -> bool {
    #[rustfmt::skip]
    const MOVED_BY: &[&str] = &[
        "up", "down", "increase", "increased", "rise", "risen", "rose", "gone", "went", "reduced",
        "decrease", "decreased", "dropped", "fallen", "fell", "cut", "lowered", "raised",
    ];
    #[rustfmt::skip]
    const MOVED_DE: &[&str] = &[
        "augmente", "augmentee", "baisse", "baissee", "diminue", "diminuee", "hausse", "reduit",
        "reduite", "descendu", "descendue",
    ];
    matches!(before, [.., moved, by] if by == "by" && MOVED_BY.contains(&moved.as_str()))
        || matches!(before, [.., moved, de] if de == "de" && MOVED_DE.contains(&moved.as_str()))
}

/// Whether the words around an amount (`before` and `after` it, folded)
/// say it is a difference between two prices: by how much one moved
/// ([`moved_by`]), or how much cheaper or dearer it is ("£10 cheaper",
/// "£10 less", "10 € moins cher", "10 € de moins").
pub fn states_a_difference(before: &[String], after: &[String]) -> bool {
    let compared = match after {
        [w, ..] if ["cheaper", "less", "lower", "dearer"].contains(&w.as_str()) => true,
        [more, than, ..] => {
            more == "more" && ["expensive", "than"].contains(&than.as_str())
                || ["moins", "plus"].contains(&more.as_str())
                    && ["cher", "chere", "chers", "cheres"].contains(&than.as_str())
                || more == "de" && ["moins", "plus"].contains(&than.as_str())
        }
        _ => false,
    };
    compared || moved_by(before)
}

/// Whether the words just before an amount offer it rather than state it:
/// "I could manage £40", "we can pay £20 a week", "je peux verser 70 €".
/// Not "I can see a balance of £9.45".
fn offers_to_pay(before: &[String]) -> bool {
    #[rustfmt::skip]
    const PAYING: &[&str] = &[
        "pay", "manage", "afford", "transfer", "send", "give", "offer", "propose", "put",
        "payer", "verser", "regler", "virer", "envoyer", "donner", "proposer", "mettre",
    ];
    let near = &before[before.len().saturating_sub(5)..];
    near.windows(3).any(|w| {
        ["i", "je", "j", "we", "on", "nous"].contains(&w[0].as_str())
            && OFFERING.contains(&w[1].as_str())
            && PAYING.contains(&w[2].as_str())
    }) || near.windows(2).any(|w| {
        ["i", "je", "j", "we", "on", "nous"].contains(&w[0].as_str())
            && ["manage", "propose", "offer", "afford"].contains(&w[1].as_str())
    })
}

/// Whether someone else, among the six words before an amount (twelve
/// where the sentence compares: "the same"), paid it or got it, with no
/// word of the customer's own after them: "My sister paid €49.90", "my husband's refund of €20", "My wife was charged £49.90".
/// Not "my husband bought me a £150 voucher", nor "Sent 300 euros to my
/// brother's account", where the customer is the one paying or paid, nor
/// a gift "from my aunt, worth £50", unless she paid it.
fn paid_by_someone_else(before: &[String]) -> bool {
    #[rustfmt::skip]
    const MINE: &[&str] = &[
        "i", "me", "my", "mine", "myself", "we", "us", "our", "je", "j", "moi", "m", "mon",
        "ma", "mes", "nous", "notre", "nos",
    ];
    // Further off where the sentence compares with theirs: "My brother
    // had the same bike last month for £120" (not "my husband bought
    // glasses from you on 1 March for £265", bought for him).
    let compared = before.iter().any(|w| w == "same" || w == "meme");
    let near = &before[before.len().saturating_sub(if compared { 12 } else { 6 })..];
    near.iter()
        .rposition(|w| super::SOMEONE_ELSE.contains(&w.as_str()))
        .is_some_and(|k| {
            // "a present from my aunt, worth £50" is the customer's, given
            // to them; "a present from my aunt who paid £60" is what she paid.
            let given = near[..k]
                .iter()
                .rev()
                .take(2)
                .any(|w| w == "from" || w == "de");
            let paid = near[k + 1..]
                .iter()
                .any(|w| super::PAID.iter().any(|p| w.starts_with(p)) || charged(w));
            !near[k + 1..].iter().any(|w| MINE.contains(&w.as_str())) && (!given || paid)
        })
}

/// Words after "I" or "je" that offer a payment rather than state one.
#[rustfmt::skip]
const OFFERING: &[&str] = &[
    "will", "ll", "could", "can", "might", "vais", "allons", "pourrais", "pourrai",
    "peux", "pourrions", "pouvons", "manage", "propose", "offer",
];

/// The period an amount is for, just after it: "a month", "per year", "par
/// mois", "/month".
fn per(rest: &str) -> Option<String> {
    let rest = rest.trim_start();
    let period = match rest.strip_prefix('/') {
        Some(period) => crate::domain::search::fold::words(period).next(),
        None => {
            let mut words = crate::domain::search::fold::words(rest);
            let each = words.next()?;
            // "£420 yearly", "£420 pa".
            if let Some(period) = PER_WORDS.iter().find(|(w, _)| *w == each) {
                return Some(period.1.to_string());
            }
            // "for the year", "for a month", "pour l'année".
            let each = match each.as_str() {
                "for" | "pour" => match words.next()?.as_str() {
                    "the" | "a" | "one" | "l" | "le" | "la" | "un" | "une" => "a".to_string(),
                    _ => return None,
                },
                _ => each,
            };
            ["a", "per", "par", "each", "every"]
                .contains(&each.as_str())
                .then(|| words.next())
                .flatten()
        }
    };
    let period = period?;
    let period = match PER_WORDS.iter().find(|(w, _)| *w == period) {
        Some((_, p)) => p.to_string(),
        None => period,
    };
    PERIODS.contains(&period.as_str()).then_some(period)
}

/// What an amount may be for, after "a", "per", "par", "/": the same
/// periods in rows of [`SAME_PERIODS`] ("month", "mois", "mo"…).
#[rustfmt::skip]
const PERIODS: &[&str] = &[
    "month", "year", "week", "day", "night",
    "mois", "an", "semaine", "jour", "nuit",
    "mo", "yr", "wk", "days", "nights",
    "mensuel", "annee", "hebdo", "journee", "soir",
];

/// How many periods a row of [`PERIODS`] holds.
const SAME_PERIODS: usize = 5;

/// Words of a period that stand alone or after "per", with the period
/// they name: "£420 yearly", "per annum", "198 € annuels"; and the
/// adjectives a variable is named by ("Annual membership fee").
#[rustfmt::skip]
const PER_WORDS: &[(&str, &str)] = &[
    ("yearly", "year"), ("annually", "year"), ("annum", "year"), ("pa", "year"),
    ("annual", "year"), ("annuel", "year"), ("annuelle", "year"), ("annuels", "year"),
    ("annuelles", "year"), ("annuellement", "year"), ("monthly", "month"),
    ("mensuelle", "month"), ("mensuels", "month"), ("mensuelles", "month"),
    ("mensuellement", "month"), ("mensualite", "month"), ("mensualites", "month"),
    ("weekly", "week"), ("hebdomadaire", "week"), ("daily", "day"),
    ("quotidien", "day"), ("quotidienne", "day"), ("nightly", "night"),
];

/// The period `word` (folded) names, as the first of its row of
/// [`PERIODS`]: "an", "annual", "per annum", "years" are all a "year".
fn period_of(word: &str) -> Option<&'static str> {
    let word = PER_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map_or(word, |(_, p)| *p);
    let at = |w: &str| PERIODS.iter().position(|p| *p == w);
    at(word)
        .or_else(|| word.strip_suffix('s').and_then(at))
        .map(|at| PERIODS[at % SAME_PERIODS])
}

/// Whether the variable names periods (`periods`, see [`period_of`]) and
/// not `period`: "£420 for the year" is no monthly fee, "£16.50 a month"
/// no annual one.
fn other_period(periods: &[&str], period: &str) -> bool {
    !periods.is_empty() && period_of(period).is_none_or(|p| !periods.contains(&p))
}

/// Verbs of charging, folded, as prefixes ("charged", "prélevé").
const CHARGED: &[&str] = &["charg", "debit", "prelev", "taken", "took", "billed"];

/// Whether the folded word `w` is a verb of charging ([`CHARGED`]).
fn charged(w: &str) -> bool {
    CHARGED.iter().any(|c| w.starts_with(c))
}

/// Beside the verbs of [`CHARGED`], words that say an amount was charged,
/// folded, as prefixes: "2x £89" in their sentence is one charge taken
/// twice, not a unit's price.
const CHARGES: &[&str] = &["statement", "releve", "twice", "double", "fois"];

/// Words that make an amount a discount's value: "a £10 voucher", "£5
/// off", "un bon de 10 €".
#[rustfmt::skip]
const DISCOUNTS: &[&str] = &[
    "voucher", "vouchers", "coupon", "coupons", "discount", "off", "promo", "bon", "bons",
    "reduction", "remise", "rabais",
];

/// Whether an amount is one unit's price, by the words before it (its
/// last `words`, and the text `before` it) or the rest of its sentence
/// (`rest`): a quantity before it ("2 at £24.95", "2 x £24.95", "3x
/// £24.95"), "each", "chacun" or "per item" after it. "£10 each month" is
/// a period's ([`per`]).
fn unit_price(words: &[String], before: &str, rest: &str) -> bool {
    #[rustfmt::skip]
    const EACH: &[&str] = &["each", "apiece", "chacun", "chacune", "ea"];
    #[rustfmt::skip]
    const UNITS_OF_SALE: &[&str] = &[
        "item", "unit", "piece", "one", "article", "unite", "piece", "bottle", "box", "pack",
        "pair", "paire", "person", "personne", "head", "ticket", "seat", "place", "copy", "book",
    ];
    // A count written alone just before it, not a figure of an amount
    // before it ("de 690 € à 712 €").
    static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[\s(])([0-9]{1,3}) ?(?:x|×|at|à|a) ?$").expect("valid regex")
    });
    // "prélevé 2 x 129,99 €", "charged 3x £24.95", "facturé": charged
    // that much several times, each the amount.
    let charged = |w: &String| charged(w) || w.starts_with("factur");
    let count = words
        .iter()
        .rposition(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let counted = COUNTED.is_match(before.trim_end())
        && !count
            .and_then(|at| at.checked_sub(1))
            .is_some_and(|at| charged(&words[at]));
    let after: Vec<String> = crate::domain::search::fold::words(rest).take(2).collect();
    let each = per(rest).is_none()
        && match after.as_slice() {
            [w, ..] if EACH.contains(&w.as_str()) => true,
            [by, what, ..] => {
                ["per", "par", "a", "an", "the", "l", "le", "la"].contains(&by.as_str())
                    && UNITS_OF_SALE.contains(&what.as_str())
            }
            _ => false,
        };
    counted || each
}

/// Whether the words just after an amount leave the tax or the delivery
/// out of it: "£49.90 + VAT", "plus VAT", "ex VAT", "49,90 € HT". Not
/// "inc VAT".
fn before_tax(rest: &str) -> bool {
    #[rustfmt::skip]
    const ADDED: &[&str] = &[
        "vat", "tva", "tax", "taxes", "shipping", "postage", "delivery", "p", "frais",
        "livraison", "port", "fees",
    ];
    let after: Vec<String> = crate::domain::search::fold::words(rest).take(2).collect();
    let plus = rest.trim_start().starts_with('+')
        && after.first().is_some_and(|w| ADDED.contains(&w.as_str()));
    plus || match after.as_slice() {
        [w, ..] if ["ht", "hors", "excl", "excluding", "exc"].contains(&w.as_str()) => true,
        [w, what, ..] => {
            ["ex", "plus", "exclusive"].contains(&w.as_str()) && ADDED.contains(&what.as_str())
        }
        _ => false,
    }
}

/// Whether the words after an amount, to the end of its sentence, say the
/// customer is unsure of it: another figure offered instead ("or 25"), or
/// "I think", "je sais plus", "can't remember" within five words.
fn unsure_after(rest: &str) -> bool {
    #[rustfmt::skip]
    const UNSURE: &[&str] = &[
        "think", "maybe", "perhaps", "remember", "sure", "sais", "souviens", "crois", "pense",
    ];
    let after: Vec<String> = crate::domain::search::fold::words(rest).take(5).collect();
    let alternative = matches!(after.as_slice(), [or, n, ..]
        if (or == "or" || or == "ou") && n.starts_with(|c: char| c.is_ascii_digit()));
    alternative || after.iter().any(|w| UNSURE.contains(&w.as_str()))
}

/// Whether the words of its sentence before an amount (`before`) say the
/// customer is unsure of it: "I think there's £20 left", "maybe £20", "je
/// crois qu'il reste 20 €".
fn unsure_before(before: &str) -> bool {
    let words = crate::domain::search::fold::last_words(before, 6);
    words.iter().enumerate().any(|(k, w)| {
        matches!(w.as_str(), "maybe" | "perhaps" | "probably" | "surement")
            || k > 0
                && matches!(
                    (words[k - 1].as_str(), w.as_str()),
                    ("i", "think" | "believe" | "guess" | "reckon")
                        | ("je", "crois" | "pense")
                        | ("peut", "etre")
                )
    })
}

/// Of two amounts, the one a change leaves and the one it lands on ("from
/// £1,150 to £1,295", "passe de 85 € à 142 €", "£138 instead of £96"):
/// what was due, and what is due now. Any other two amounts say nothing
/// of which one a reply needs.
type Found = (String, usize, usize);
fn change<'a>(
    message: &str,
    first: &'a Found,
    second: &'a Found,
) -> Option<(&'a Found, &'a Found)> {
    use crate::domain::search::fold::{last_words, words};
    let before = last_words(&message[..first.1], 1);
    let between: Vec<String> = words(&message[first.2..second.1]).collect();
    let between: Vec<&str> = between.iter().map(String::as_str).collect();
    let from = before.last().is_some_and(|w| w == "from" || w == "de");
    if from && matches!(between.as_slice(), ["to"] | ["a"]) {
        return Some((first, second));
    }
    let instead = between.ends_with(&["instead", "of"]) || between.ends_with(&["au", "lieu", "de"]);
    (instead && between.len() <= 4).then_some((second, first))
}
