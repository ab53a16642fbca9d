//! Values a customer's message states for a reply's variables.
//!
//! Precision first: each variable's kind is decided from its name,
//! description and pattern (`kind`), and a value of that kind is taken only
//! where the message announces it ("order #…", "I'm …", "Thanks, …"), or
//! where its pattern's shape alone says whose it is (`INV-…`, a course's
//! `PYT210`); a kind that cannot be decided, two different values, or a
//! value that does not fit the pattern give nothing.

mod contact;
mod kind;
mod names;
mod numbers;
mod org;
mod scan;
mod topic;

use regex_lite::Regex;

use crate::domain::search::fold::fold;
use crate::domain::text::{MarkKind, marks, one_line, sanitize};
use kind::Kind;
use numbers::Shape;

pub use names::{Closing, closing};

/// A variable of the reply, as extraction needs it (from canned.toml's [variables.NAME]).
#[derive(Default)]
pub struct Slot<'a> {
    /// e.g. "name", "order", "customer.email", "tracking_url"
    pub name: &'a str,
    /// e.g. "Order number, digits only"
    pub description: Option<&'a str>,
    /// The variable's `pattern`, when declared.
    pub pattern: Option<&'a Regex>,
    /// e.g. "1245"
    pub example: Option<&'a str>,
    /// The reply says the value is a sum its agent works out: "the
    /// difference of {{ amount }}", "a credit of", "a balance of" (see
    /// [`worked_out`]).
    pub worked_out: bool,
    /// The reply hands the value to the customer: "here is a code for 15%
    /// off: {{ discount_code }}", "I can offer you … with the code" (see
    /// [`given`]). A code the message states is then the customer's own
    /// (one that failed, one used), never the one to give.
    pub given: bool,
    /// The reply says a change lands on the value: "I've upgraded your
    /// membership to {{ plan }}", "votre nouvelle formule" (see
    /// [`changed_to`]). The plan the customer says they are on now is then
    /// the one the change leaves.
    pub changed_to: bool,
}

/// Words that name a sum worked out from others, folded, as prefixes: a
/// difference, a balance, a credit, compensation.
#[rustfmt::skip]
const WORKED_OUT: &[&str] = &[
    "differen", "balance", "solde", "credit", "goodwill", "geste", "compensat", "dedommag",
    "remaining", "restant",
];

/// Words that say an amount is what something started at, folded:
/// "originally £50", "100 € au départ".
const ORIGINALLY: &[&str] = &["originally", "initially", "initialement", "originellement"];
const ORIGINALLY_PAIRS: &[[&str; 2]] = &[
    ["au", "depart"],
    ["l", "origine"],
    ["at", "first"],
    ["to", "start"],
    ["to", "begin"],
    ["at", "start"],
];

/// Words just before an amount that make it a price paid, folded, as
/// prefixes: [`PAID`], and a price's own words.
#[rustfmt::skip]
const PRICE_CUES: &[&str] = &[
    "paid", "pay", "paye", "paie", "bought", "buy", "achet", "cost", "coute", "cout", "price",
    "prix", "for", "pour", "spent", "depense",
];

/// A price's own words, folded, as prefixes: an amount up to eight words
/// after one is a price ("the price went from £59.90 to £49.90").
const PRICES: &[&str] = &["price", "prix", "tarif", "cost", "cout", "coute"];

/// Verbs of a price moving, before "to" or "à" and where it lands.
#[rustfmt::skip]
const MOVED: &[&str] = &[
    "dropped", "drops", "fell", "fallen", "reduced", "lowered", "cut", "down", "went", "gone",
    "changed", "baisse", "passe", "descendu", "tombe", "reduit",
];

/// Verbs of paying, which make an amount a price paid a few words away
/// too ("I bought the jacket for £75", "£75 is what I paid").
#[rustfmt::skip]
const PAID: &[&str] = &[
    "paid", "pay", "paye", "paie", "bought", "achet", "cost", "coute", "spent", "depense",
];

/// Whether `text` (a reply's body or partial) says `name` is a sum its
/// agent works out: a word of [`WORKED_OUT`] before its first use in the
/// same sentence. Such a value is the message's only where the message
/// names it so: "refunded the difference of {{ amount }}" is not the £75 a
/// customer paid, nor "a credit of {{ amount }}" the price of the order.
pub fn worked_out(text: &str, name: &str) -> bool {
    let Some(at) = crate::domain::template::first_use(text, name) else {
        return false;
    };
    names_worked_out(clause_before(text, at))
}

/// Whether `text` (a reply's body or partial) hands `name` to the customer:
/// words of giving in the clause before its first use ("here is a code
/// …", "voici un code", "I can offer you … with the code", "your personal
/// code"). "I've checked your account and {{ code }} is valid" is the
/// customer's code.
pub fn given(text: &str, name: &str) -> bool {
    #[rustfmt::skip]
    const GIVING: &[&str] = &[
        "voici", "offer", "offering", "offrir", "offre", "propose", "proposer", "personal",
        "personnel",
    ];
    let Some(at) = crate::domain::template::first_use(text, name) else {
        return false;
    };
    let words: Vec<String> = crate::domain::search::fold::words(clause_before(text, at)).collect();
    words.iter().any(|w| GIVING.contains(&w.as_str()))
        || words
            .windows(2)
            .any(|w| w[0] == "here" && ["is", "s", "are"].contains(&w[1].as_str()))
}

/// Whether `text` (a reply's body or partial) says a change lands on
/// `name`: a word of change in the clause before its first use ("I've
/// upgraded your membership to {{ plan }}", "J'ai fait passer votre
/// abonnement à la formule {{ plan }}", "your new plan, {{ plan }}"). "I'm
/// sorry you'd like to cancel your {{ plan }} membership" reads the plan
/// the customer has.
pub fn changed_to(text: &str, name: &str) -> bool {
    #[rustfmt::skip]
    const CHANGE: &[&str] = &[
        "upgrade", "upgraded", "upgrading", "downgrade", "downgraded", "downgrading", "switch",
        "switched", "switching", "move", "moved", "moving", "change", "changed", "changing",
        "new", "passer", "passe", "passee", "basculer", "bascule", "basculee", "changer",
        "changee", "nouveau", "nouvelle", "nouvel", "migrated", "migre", "migree",
    ];
    let Some(at) = crate::domain::template::first_use(text, name) else {
        return false;
    };
    crate::domain::search::fold::words(clause_before(text, at))
        .any(|w| CHANGE.contains(&w.as_str()))
}

/// The text before byte `at` of `text`, back to the start of its sentence.
fn clause_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let start = before
        .rfind(['.', '!', '?', ';', '\n'])
        .map_or(0, |i| i + 1);
    &before[start..]
}

/// Whether `text` holds a word of [`WORKED_OUT`].
fn names_worked_out(text: &str) -> bool {
    let words: Vec<String> = crate::domain::search::fold::words(text).collect();
    is_worked_out(&words)
}

/// Whether `words` (folded) hold a word of [`WORKED_OUT`]: not the `soldes`
/// of a sale, nor `en solde` (on sale), which only look like a balance.
fn is_worked_out(words: &[String]) -> bool {
    words.iter().enumerate().any(|(i, w)| {
        let sale = w == "soldes" || w == "solde" && i > 0 && words[i - 1] == "en";
        !sale && WORKED_OUT.iter().any(|p| w.starts_with(p))
    })
}

/// A value the message states for a variable.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub value: String,
    /// The words of the message it was read from (a short excerpt, e.g. "order #48213"), for the agent to check.
    pub context: String,
    /// Read because the reply reads no other value of its kind (its one
    /// date, its one amount), not because the message says which: the
    /// value is no sign that the reply is the one asked for.
    pub from_reply: bool,
}

/// A value before the checks every value passes.
#[derive(Clone, Debug, PartialEq)]
struct Candidate {
    value: String,
    context: String,
}

impl Candidate {
    fn new(value: &str, context: String) -> Candidate {
        Candidate {
            value: value.to_string(),
            context,
        }
    }
}

/// Keeps the first value a message states for a variable; false once it
/// states a different one, and then none is taken: a wrong value is worse
/// than none.
fn keep_one(found: &mut Option<Candidate>, value: &str, context: impl FnOnce() -> String) -> bool {
    match found {
        Some(c) => c.value == value,
        None => {
            *found = Some(Candidate::new(value, context()));
            true
        }
    }
}

/// Words that make a value near them someone else's: "my wife's phone",
/// "the other driver's car", "le portable de mon mari".
#[rustfmt::skip]
const SOMEONE_ELSE: &[&str] = &[
    "other", "autre", "their", "his", "her", "leur", "wife", "husband", "partner", "femme",
    "mari", "conjoint", "conjointe", "friend", "ami", "amie", "colleague", "collegue",
    "neighbour", "neighbor", "voisin", "voisine", "mother", "father", "mum", "mom", "dad",
    "mere", "pere", "son", "daughter", "fils", "fille", "boss", "brother", "sister", "frere",
    "soeur", "hacker", "pirate", "cc", "sien", "sienne", "siens", "hers", "someone", "somebody",
    "quelqu", "stranger", "inconnu", "fraudster", "scammer", "escroc", "arnaqueur", "aunt",
    "auntie", "aunty", "uncle", "cousin", "cousine", "niece", "nephew", "neveu", "tante", "oncle",
    "grandma", "grandmother", "granny", "grandad", "grandpa", "grandfather", "grandparents",
    "parents", "mamie", "papi", "papy", "flatmate", "boyfriend", "girlfriend", "fiance",
    "fiancee", "stepdad", "stepmum", "stepmom", "stepfather", "stepmother", "copain", "copine",
];

/// The bytes of the sentence that holds `start..end` in `message`: up to
/// the nearest `.`, `?`, `!` or line break either side, a `.` between two
/// digits ("£72.00") ending none; and no further than [`SENTENCE_REACH`]
/// bytes either side.
fn sentence_around(message: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let bytes = message.as_bytes();
    let floor = |mut i: usize| {
        while !message.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (first, last) = (
        floor(start.saturating_sub(SENTENCE_REACH)),
        floor((end + SENTENCE_REACH).min(bytes.len())),
    );
    let ends_one = |i: usize| match bytes[i] {
        b'?' | b'!' | b'\n' => true,
        b'.' => {
            !(i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        }
        _ => false,
    };
    let from = (first..start)
        .rev()
        .find(|&i| ends_one(i))
        .map_or(first, |i| i + 1);
    let to = (end..last).find(|&i| ends_one(i)).unwrap_or(last);
    from..to
}

/// How far a sentence reaches from a value, in bytes. Customers' sentences
/// are shorter (under 200 bytes in every quality set); text that runs on
/// without a full stop, such as a pasted log, would otherwise be one
/// sentence, read again for each of its values: seconds for 20,000
/// characters.
const SENTENCE_REACH: usize = 300;

/// How many of the last of `before` (a value's preceding words) make up its
/// last `words` words, not counting those of one letter: an elided article
/// or pronoun and "a" or "à" put no distance between a value and what
/// announces it ("la facture de l'opération de Gaston s'élève à 1 250 €").
fn reach(before: &[String], words: usize) -> usize {
    let mut counted = 0;
    for (k, word) in before.iter().rev().enumerate() {
        if word.chars().count() > 1 {
            counted += 1;
        }
        if counted == words {
            return k + 1;
        }
    }
    before.len()
}

/// The word just after byte `end` of `message`, before `limit`, when only
/// spaces or a bracket stand between: "the 12 December gig", "a £250
/// deposit", "du 03/12 (billet …)", not "5 Feb, buyer".
fn next_word(message: &str, end: usize, limit: usize) -> Option<String> {
    let rest = message
        .get(end..limit)?
        .trim_start_matches([' ', '\t', '\u{a0}', '(']);
    // An elided article is no word of its own: "100 € d'acompte".
    let mut chars = rest.chars();
    let rest = match (chars.next(), chars.next()) {
        (Some(a), Some('\'' | '’')) if a.is_alphabetic() => chars.as_str(),
        _ => rest,
    };
    rest.starts_with(char::is_alphabetic)
        .then(|| crate::domain::search::fold::words(rest).next())
        .flatten()
}

/// Whether the words before a value (its sentence's, folded) leave it out:
/// "Not order 55119", "it's not the £24.99 one", "any day except
/// Thursday 5 March", "anything but Friday", "I can't do Saturday 14
/// March", "sauf le lundi 9 mars", "but not to Acme Premium". Articles,
/// "this", "for", "to", a weekday and the words that name the value's
/// kind may stand between. Not "I have not received order 55119": a verb
/// stands between.
fn left_out(before: &[String]) -> bool {
    #[rustfmt::skip]
    const BETWEEN: &[&str] = &[
        "the", "this", "that", "a", "an", "for", "to", "my", "on", "do", "make", "le", "la",
        "les", "l", "pour", "ce", "cette", "mon", "ma", "de", "du", "order", "orders", "booking",
        "commande", "reservation", "ticket", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
        "samedi", "dimanche", "no", "number", "n", "numero", "plan", "membership",
        "subscription", "formule", "abonnement", "forfait",
    ];
    let mut words = before.iter().rev().map(String::as_str).peekable();
    for _ in 0..4 {
        if words.peek().is_some_and(|w| BETWEEN.contains(w)) {
            words.next();
        }
    }
    let (Some(word), previous) = (words.next(), words.next()) else {
        return false;
    };
    match word {
        "not" | "except" | "excluding" | "sauf" | "hormis" | "excepte" | "pas" => true,
        // "can't do", "cannot make": `do` and `make` were passed above.
        "t" => previous == Some("can"),
        "cannot" => true,
        "but" => {
            previous.is_some_and(|p| ["day", "anything", "any", "everything", "all"].contains(&p))
        }
        _ => false,
    }
}

/// The words (folded) of the sentence of the value at bytes `start..end`
/// of `message` that come before it.
pub(super) fn said_before(message: &str, start: usize, end: usize) -> Vec<String> {
    let sentence = sentence_around(message, start, end);
    crate::domain::search::fold::words(&message[sentence.start..start]).collect()
}

/// Whether the value at bytes `start..end` of `message` is said, in its
/// sentence and within six words either side, to be someone else's.
fn someone_elses(message: &str, start: usize, end: usize) -> bool {
    let sentence = sentence_around(message, start, end);
    let before = said_before(message, start, end);
    let after = crate::domain::search::fold::words(&message[end..sentence.end]).take(6);
    before
        .iter()
        .rev()
        .take(6)
        .cloned()
        .chain(after)
        .any(|w| SOMEONE_ELSE.contains(&w.as_str()))
}

/// Whether French says the value at bytes `start..end` of `message` is
/// someone else's: "de ma voisine" just after it, or "celle de mon mari"
/// among the eight words before it, in its sentence. Not "les lunettes de
/// mon fils, commande …", an order the customer placed for their son.
fn of_someone_else_fr(message: &str, start: usize, end: usize) -> bool {
    const MINE: &[&str] = &["ma", "mon", "mes", "notre", "nos"];
    let kin = |w: &str| SOMEONE_ELSE.contains(&w) && !["autre", "leur", "cc"].contains(&w);
    let sentence = sentence_around(message, start, end);
    let after: Vec<String> = crate::domain::search::fold::words(&message[end..sentence.end])
        .take(3)
        .collect();
    let before = said_before(message, start, end);
    let near = &before[before.len().saturating_sub(8)..];
    matches!(after.as_slice(), [de, mine, who, ..] if de == "de" && MINE.contains(&mine.as_str()) && kin(who))
        || near.windows(4).any(|w| {
            ["celle", "celui"].contains(&w[0].as_str())
                && w[1] == "de"
                && MINE.contains(&w[2].as_str())
                && kin(&w[3])
        })
}

/// The words of `message` between byte offsets `start` and `end`, on one
/// line and sanitised, for the agent to see where a value came from.
fn excerpt(message: &str, start: usize, end: usize) -> String {
    // "order (48213)", not "order (48213": a bracket the words open is
    // closed when the message closes it just after.
    let mut end = end;
    for (open, close) in [('(', ')'), ('[', ']')] {
        let text = message.get(start..end).unwrap_or_default();
        if text.matches(open).count() > text.matches(close).count()
            && message
                .get(end..)
                .is_some_and(|rest| rest.starts_with(close))
        {
            end += close.len_utf8();
        }
    }
    let text = message.get(start..end).unwrap_or_default();
    let mut out: String = one_line(text).chars().take(80).collect();
    if out.len() < one_line(text).len() {
        out.push('…');
    }
    out
}

/// Whether the last `value` in `message` is a sentence of its own: "…
/// do I need to book? Ashford", not "Merci, Inès" nor "Thanks,\nInès" (a
/// frame may be called Ines, and a closing says a name signs), nor "Inès
/// Martin".
fn stands_alone(message: &str, value: &str) -> bool {
    message.rfind(value).is_some_and(|at| {
        let end = at + value.len();
        let sentence = sentence_around(message, at, end);
        let bare = |text: &str| !text.contains(char::is_alphanumeric);
        // Nothing else in its sentence ("Florence Smith" is someone), and
        // no closing on the line above ("Thanks,\nFlorence" signs).
        bare(&message[sentence.start..at])
            && bare(&message[end..sentence.end])
            && !message[..sentence.start].trim_end().ends_with(',')
    })
}

/// The names the library's variables list in their descriptions
/// (`descriptions`): its branches, clinics, plans, folded.
fn listed_names<'a>(descriptions: impl Iterator<Item = &'a str>) -> Vec<String> {
    descriptions
        .flat_map(kind::names_listed)
        .filter(|(_, proper)| *proper)
        .map(|(name, _)| fold(&name))
        .collect()
}

/// What the library tells of the names a message may hold, whatever the
/// reply: those it lists, and its own.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Known {
    /// The names its variables list ([`listed_names`]): written alone, a
    /// branch or a town, not the customer's name.
    pub listed: Vec<String>,
    /// The words of its own name (`[library] name`), folded: the business
    /// the customer writes to, thanked or named, is no customer ("Where is
    /// my order? Cheers Acme" to Acme Support).
    pub business: Vec<String>,
}

impl Known {
    /// What a library whose variables are described by `descriptions` and
    /// which is called `name` tells.
    pub fn new<'a>(descriptions: impl Iterator<Item = &'a str>, name: Option<&str>) -> Known {
        Known {
            listed: listed_names(descriptions),
            business: name
                .map(crate::domain::search::fold::words)
                .into_iter()
                .flatten()
                .collect(),
        }
    }

    /// Whether every word of `value` is a word of the library's own name.
    fn the_business(&self, value: &str) -> bool {
        let mut words = crate::domain::search::fold::words(value).peekable();
        words.peek().is_some() && words.all(|w| self.business.contains(&w))
    }
}

/// The values `message` states for `slots`, in slot order: at most one per slot.
/// Precision first: a wrong value is worse than none. What the library
/// tells (`known`) holds in any reply: a name it lists for a variable,
/// written alone, is the branch or the town it is, and its own name, or a
/// word of it, is the business's, never the customer's name.
pub fn extract(message: &str, slots: &[Slot<'_>], known: &Known) -> Vec<(String, Found)> {
    let toks = scan::tokens(message);
    let mut out: Vec<(String, Found)> = Vec::new();
    // The customer's name, folded, and which values are names of a list.
    let mut signed: Option<String> = None;
    let mut listed_at: Vec<usize> = Vec::new();
    // A reply that reads one date, or one amount: what it is, the reply
    // says.
    let kinds: Vec<Option<Kind>> = slots.iter().map(kind::kind_of).collect();
    let dates = kinds
        .iter()
        .filter(|k| matches!(k, Some(Kind::Date(_) | Kind::WantedDate)))
        .count();
    let amounts = kinds
        .iter()
        .filter(|k| matches!(k, Some(Kind::Amount { .. })))
        .count();
    for (slot, kind) in slots.iter().zip(kinds) {
        let Some(kind) = kind else {
            continue;
        };
        let fits = |v: &str| slot.pattern.is_none_or(|p| p.is_match(v));
        let read = |message: &str| {
            read_slot(
                message,
                &scan::tokens(message),
                slots,
                slot,
                &kind,
                dates,
                amounts,
            )
        };
        // Two values, the first taken back ("77888. Sorry, I meant
        // 77889"): the one given instead, read after the words that say so.
        let Some((mut c, mut from_reply)) =
            read_slot(message, &toks, slots, slot, &kind, dates, amounts).or_else(|| {
                // One value before the words, one after: a correction, not
                // two values in play ("77888 and 77889 … I meant to add").
                let back = taken_back(message, "")?;
                read(&message[..back])?;
                let mut after = " ".repeat(back);
                after.push_str(&message[back..]);
                read(&after)
            })
        else {
            continue;
        };
        // "Not order 55119", "any day except Thursday 5 March".
        if let Some(at) = message.find(&c.value)
            && left_out(&said_before(message, at, at + c.value.len()))
        {
            continue;
        }
        // "Friday 6 March? Sorry, I meant Saturday 7 March": a value the
        // customer takes back is not theirs; the one they give instead is,
        // when it can be read without the first.
        if let Some(back) = taken_back(message, &c.value) {
            match read(&blank(message, &c.value)) {
                Some((instead, reply))
                    if instead.value != c.value && message[back..].contains(&instead.value) =>
                {
                    c = instead;
                    from_reply = reply;
                }
                _ => continue,
            }
        }
        // A sum the reply's agent works out is not the price the customer
        // paid ("I bought it for £75", "j'ai payé 250 €"), unless the
        // message names it as the reply does ("the £30 difference").
        if slot.worked_out
            && matches!(kind, Kind::Amount { .. })
            && let Some(at) = message.find(&c.context).or_else(|| message.find(&c.value))
        {
            // Named so right beside it ("the £15 difference", "a balance
            // of £20"), not anywhere in its sentence ("I paid £75 … can I
            // get the difference?" asks for a sum nobody has worked out).
            let end = (at + c.context.len()).min(message.len());
            let sentence = sentence_around(message, at, end);
            let before = said_before(message, at, end);
            let after: Vec<String> =
                crate::domain::search::fold::words(&message[end..sentence.end])
                    .take(4)
                    .collect();
            let near: Vec<String> = before[before.len().saturating_sub(3)..]
                .iter()
                .chain(after.iter().take(2))
                .cloned()
                .collect();
            let cue = |cues: &[&str], w: &String| cues.iter().any(|p| w.starts_with(p));
            let paid = before.iter().rev().take(3).any(|w| cue(PRICE_CUES, w))
                || before
                    .iter()
                    .rev()
                    .chain(&after)
                    .take(6)
                    .any(|w| cue(PAID, w));
            // "the price went from £59.90 to £49.90", "it dropped to
            // £49.90", "it's now £49.90": a price, where it went; the
            // difference is the agent's to work out.
            let priced = before.iter().rev().take(8).any(|w| cue(PRICES, w))
                || matches!(before.as_slice(), [.., moved, to]
                    if MOVED.contains(&moved.as_str()) && ["to", "a"].contains(&to.as_str()))
                || before
                    .last()
                    .is_some_and(|w| ["now", "maintenant", "desormais"].contains(&w.as_str()));
            // "the price dropped by £10", "it's now £10 cheaper", "le prix
            // a baissé de 10 €": the difference itself, said as such.
            let difference = numbers::states_a_difference(&before, &after);
            // "Elle était de 100 € au départ", "it was £50 originally":
            // what it started at, from which the sum is worked out.
            let around: Vec<&String> = before.iter().rev().take(6).rev().chain(&after).collect();
            let original = around.iter().any(|w| ORIGINALLY.contains(&w.as_str()))
                || around
                    .windows(2)
                    .any(|w| ORIGINALLY_PAIRS.contains(&[w[0].as_str(), w[1].as_str()]));
            if (paid || priced || original) && !is_worked_out(&near) && !difference {
                continue;
            }
        }
        let value = sanitize(&c.value).trim().to_string();
        if matches!(kind, Kind::CustomerName { .. })
            && (known.listed.contains(&fold(&value)) && stands_alone(message, &c.value)
                || known.the_business(&value))
        {
            continue;
        }
        let unfilled = marks(&value).iter().any(|m| m.kind == MarkKind::Unfilled);
        if value.is_empty() || value.contains('\n') || unfilled || !fits(&value) {
            continue;
        }
        let name = matches!(kind, Kind::CustomerName { .. });
        out.push((
            slot.name.to_string(),
            Found {
                value,
                context: c.context,
                from_reply,
            },
        ));
        if name {
            signed = out.last().map(|(_, f)| fold(&f.value));
        }
        if matches!(kind, Kind::OneOf(_)) {
            listed_at.push(out.len() - 1);
        }
    }
    // The customer's name is no branch or town of the library's list, even
    // one called so ("Thanks, Florence" beside a Florence branch): the
    // words signing are the writer's.
    if let Some(signed) = signed {
        let of_the_signature = |v: &str| {
            let v = fold(v);
            v == signed || v.starts_with(&format!("{signed} "))
        };
        let mut k = 0;
        out.retain(|(_, found)| {
            let drop = listed_at.contains(&k) && of_the_signature(&found.value);
            k += 1;
            !drop
        });
    }
    out
}

/// Words with which a customer takes back what they just wrote: "sorry, I
/// meant", "actually no", "je voulais dire", "enfin non".
#[rustfmt::skip]
const TAKING_BACK: &[&str] = &[
    "i meant", "actually no", "no wait", "make that", "je voulais dire", "enfin non",
    "non pardon", "ou plutot", "or rather",
];

/// Where, after the first `value` in `message` (anywhere, for an empty
/// one), the customer takes back what they wrote (the byte after the words
/// that say so), if they do.
fn taken_back(message: &str, value: &str) -> Option<usize> {
    let after = message.find(value)? + value.len();
    let toks = scan::tokens(&message[after..]);
    (0..toks.len()).find_map(|i| {
        TAKING_BACK
            .iter()
            .find_map(|phrase| scan::phrase_at(&toks, i, phrase))
            // "I meant to add …" takes nothing back.
            .filter(|&end| toks.get(end).is_none_or(|t| t.folded != "to"))
            .map(|end| after + toks[end - 1].end)
    })
}

/// `message` with the first `value` in it blanked out, offsets kept.
fn blank(message: &str, value: &str) -> String {
    let mut out = message.to_string();
    if let Some(at) = message.find(value) {
        out.replace_range(at..at + value.len(), &" ".repeat(value.len()));
    }
    out
}

/// What `message` states for `slot` of `slots` (its kind `kind`; the reply
/// reads `dates` dates and `amounts` amounts), and whether it was read
/// only because the reply reads no other value of its kind.
fn read_slot(
    message: &str,
    toks: &[scan::Tok<'_>],
    slots: &[Slot<'_>],
    slot: &Slot<'_>,
    kind: &Kind,
    dates: usize,
    amounts: usize,
) -> Option<(Candidate, bool)> {
    // A code the reply gives is never the customer's: "my code SAVE20
    // didn't help" would go out as the new offer.
    if slot.given && matches!(kind, Kind::Code(_)) {
        return None;
    }
    let fits = |v: &str| slot.pattern.is_none_or(|p| p.is_match(v));
    let announced = |words: &[&str], others: &[&str], shape| {
        numbers::announced_number(message, toks, words, others, shape, &fits)
    };
    // What the reply alone tells, tried once the message said nothing.
    let mut from_reply = false;
    let mut or_from_reply = |stated: Option<Candidate>,
                             inferred: &dyn Fn() -> Option<Candidate>| {
        stated.or_else(|| {
            let found = inferred();
            from_reply = found.is_some();
            found
        })
    };
    let found = match &kind {
        Kind::CustomerName { full } => names::customer(message, toks, *full),
        Kind::RoleName(role) => names::in_role(message, toks, role),
        Kind::Titled(title) => names::titled(message, toks, title),
        Kind::OneOf(names) => org::one_of(message, toks, names),
        Kind::KinName(kinds) => names::kin(message, toks, kinds),
        Kind::Order => announced(
            numbers::ORDER_WORDS,
            numbers::OTHERS_BEFORE,
            Shape::Reference,
        )
        .or_else(|| numbers::hash_number(message, toks, &fits)),
        Kind::Ticket => announced(
            numbers::TICKET_WORDS,
            numbers::OTHERS_BEFORE,
            Shape::Reference,
        ),
        Kind::Reference(words) => {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            announced(&words, &[], Shape::Identifier)
        }
        Kind::Tracking => announced(numbers::TRACKING_WORDS, &[], Shape::Tracking),
        Kind::Code(announced_by) => numbers::code(message, toks, announced_by, &fits),
        Kind::Amount {
            announced_by,
            named,
            side,
            lone,
        } => or_from_reply(
            numbers::amount(message, announced_by, *named, *side, false, slot.worked_out),
            &|| {
                (*lone && amounts == 1)
                    .then(|| {
                        numbers::amount(message, announced_by, *named, *side, true, slot.worked_out)
                    })
                    .flatten()
            },
        ),
        Kind::Email => contact::email(message),
        Kind::Phone { contact } => contact::phone(message, *contact, &fits),
        Kind::Ending => numbers::ending(message, toks, &fits),
        Kind::Plate => numbers::plate(message, toks, &fits),
        Kind::Url(topic) => contact::url(message, topic, &fits),
        Kind::Date(announced_by) => {
            or_from_reply(contact::date(message, announced_by, false, false), &|| {
                (dates == 1)
                    .then(|| contact::date(message, announced_by, false, true))
                    .flatten()
            })
        }
        Kind::WantedDate => contact::date(message, &[], true, false),
        Kind::Postcode { new } => contact::postcode(message, *new, &fits),
        Kind::Company => org::company(message, toks),
        Kind::Carrier => org::carrier(message, toks),
        Kind::Plan => {
            // The plan a change lands on, as the reply says ("upgraded your
            // membership to {{ plan }}") or the variable ("New plan").
            // "Plan the customer asks to move to" says so too.
            let new = slot.changed_to
                || slot.description.is_some_and(|d| {
                    let words: Vec<String> = crate::domain::search::fold::words(d).collect();
                    words
                        .iter()
                        .any(|w| ["new", "nouveau", "nouvelle", "nouvel"].contains(&w.as_str()))
                        || words.windows(2).any(|p| {
                            ["move", "switch", "upgrade", "change", "passer"]
                                .contains(&p[0].as_str())
                                && ["to", "a", "vers"].contains(&p[1].as_str())
                        })
                });
            org::plan(message, toks, slot.example, new)
        }
    };
    // An order or ticket number whose pattern starts with letters of
    // its own ("MM-") is that number wherever it stands, announced or
    // not, as any other such code is (see `kind_of`).
    let literal = slot
        .pattern
        .is_some_and(|p| kind::literal_prefix(p.as_str()) >= 2);
    let numbered = matches!(kind, Kind::Order | Kind::Ticket);
    let found = match found {
        None if literal && numbered => numbers::code(message, toks, &[], &fits),
        found => found,
    };
    // So is a code whose pattern fixes its shape ("PYT210" for a course
    // code of three capitals and three digits), when no other
    // variable of the reply would fit it, nor another code of the
    // message ("invoice INV-…-0412, not INV-…-0413": which one is
    // meant the announcing words did not tell).
    let identifier =
        numbered || matches!(kind, Kind::Reference(_) | Kind::Code(_) | Kind::Tracking);
    let found = match (found, slot.pattern) {
        (None, Some(pattern)) if identifier => numbers::unannounced_code(message, toks, &fits)
            .filter(|c| {
                kind::shape_of_its_own(pattern, &c.value)
                    && numbers::code(message, toks, &[], &fits).is_some()
                    && !slots.iter().any(|other| {
                        other.name != slot.name
                            && other.pattern.is_some_and(|p| p.is_match(&c.value))
                    })
            }),
        (found, _) => found,
    };
    // Beside a reference of this kind, the one the customer calls
    // theirs wins ("Booking ABC123 was my colleague's, mine is XYZ789");
    // beside another that could be it, none does.
    let own: &[&str] = match kind {
        Kind::Order => numbers::ORDER_WORDS,
        Kind::Ticket => numbers::TICKET_WORDS,
        _ => &[],
    };
    let found = match found {
        // A code whose pattern another code of the message fits as well
        // ("course UXD305 nor UXD306") is one of two, as an order is.
        Some(other) if identifier => numbers::declared_mine(message, toks, &fits)
            .or((!(numbered || slot.pattern.is_some())
                || !numbers::rival(message, toks, &other.value, own, &fits))
            .then_some(other)),
        found => found,
    };
    let found = found.filter(|c| !identifier || !numbers::of_another_party(message, &c.value));
    // "celle de ma voisine, la commande 48299", "la commande 48299 de mon
    // mari": an order French says is someone else's, as English says
    // "my neighbour's order" (see `numbers::announced_number`).
    let found = found.filter(|c| {
        !numbered
            || message
                .find(&c.value)
                .is_none_or(|at| !of_someone_else_fr(message, at, at + c.value.len()))
    });
    found.map(|c| (c, from_reply))
}

#[cfg(test)]
mod tests;
