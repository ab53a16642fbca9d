//! Words as `suggest` compares them: folded (case and accents), without the
//! words every message has (stop-words, greetings), reduced to their stem so
//! that `remboursé` meets `remboursement` and `refunded` meets `refund`; and
//! which language a message is written in.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::concepts::{concepts, with_not};
use super::currency::{self, SIGNS};
use crate::domain::search::fold::words;

/// Stop-words, greetings and sign-offs: they say nothing about which reply
/// fits. Folded, like the words they are compared with.
const EN_STOP: &str = include_str!("stop-en.txt");

const FR_STOP: &str = include_str!("stop-fr.txt");

/// Every word list that shapes the model, for the cache to notice a change.
pub const WORD_LISTS: [&str; 3] = [EN_STOP, FR_STOP, super::concepts::GROUPS];

/// Whether the folded `word` is an English or a French stop-word: a word
/// that names nothing.
pub fn is_stop_word(word: &str) -> bool {
    ["en", "fr"]
        .iter()
        .filter_map(|l| stop_words(l))
        .any(|s| s.contains(word))
}

/// The stop-words of a language (`en`, `fr`), read from their list once.
fn stop_words(base: &str) -> Option<&'static HashSet<&'static str>> {
    static SETS: OnceLock<[HashSet<&'static str>; 2]> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        [EN_STOP, FR_STOP].map(|text| {
            text.lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(str::split_whitespace)
                .collect()
        })
    });
    match base {
        "en" => Some(&sets[0]),
        "fr" => Some(&sets[1]),
        _ => None,
    }
}

/// Words that only French uses, beyond its stop-words, to tell a French
/// message from an English one.
const FR_MARKERS: &[&str] = &[
    "bonjour", "merci", "commande", "svp", "colis", "mon", "ma", "je",
];

/// A language's word handling: its stemmer and stop-words, when known.
pub struct Language {
    stemmer: Option<Stemmer>,
    stop: Option<&'static HashSet<&'static str>>,
    /// The stems found so far: a library says the same few thousand words
    /// again and again, and stemming is a good part of building its model.
    stems: RefCell<HashMap<String, String>>,
}

impl Language {
    /// How `lang` (a tag such as `en`, `fr`, `pt-br`) reduces its words.
    /// Languages without a stemmer are compared word for word.
    pub fn new(lang: &str) -> Language {
        let base = base(lang);
        let algorithm = match base {
            "en" => Some(Algorithm::English),
            "fr" => Some(Algorithm::French),
            "de" => Some(Algorithm::German),
            "es" => Some(Algorithm::Spanish),
            "it" => Some(Algorithm::Italian),
            "pt" => Some(Algorithm::Portuguese),
            "nl" => Some(Algorithm::Dutch),
            "da" => Some(Algorithm::Danish),
            "sv" => Some(Algorithm::Swedish),
            "no" | "nb" | "nn" => Some(Algorithm::Norwegian),
            "fi" => Some(Algorithm::Finnish),
            _ => None,
        };
        Language {
            stemmer: algorithm.map(Stemmer::create),
            stop: stop_words(base),
            stems: RefCell::default(),
        }
    }

    /// The stems of the words of `text` that carry meaning, in order, each
    /// with the folded word it came from, then the concepts it speaks of
    /// (`@refund`). Numbers are left out: an order number says nothing
    /// about which reply fits.
    pub fn terms(&self, text: &str) -> Vec<(String, String)> {
        self.terms_of(text, true)
    }

    /// [`Language::terms`] of an agent's text (a reply's body), where
    /// thanks are the agent's courtesy, never what a customer writes.
    pub fn agent_terms(&self, text: &str) -> Vec<(String, String)> {
        self.terms_of(text, false)
    }

    fn terms_of(&self, text: &str, customer: bool) -> Vec<(String, String)> {
        // `hasn't arrived` says what `has not arrived` says: both have `not`.
        let all = with_not(&words(text).collect::<Vec<_>>());
        let verbs: Vec<usize> = (0..all.len())
            .filter(|&i| is_verb_of_another_noun(&all, i))
            .collect();
        let mut out: Vec<(String, String)> = all
            .iter()
            .enumerate()
            .filter(|(i, w)| {
                w.chars().count() > 1
                    && !w.bytes().all(|b| b.is_ascii_digit())
                    && self.stop.is_none_or(|s| !s.contains(w.as_str()))
                    && !verbs.contains(i)
            })
            .map(|(_, w)| (self.stem(w), w.clone()))
            .collect();
        out.extend(
            concepts(&all)
                .into_iter()
                .filter(|(_, by)| !verbs.iter().any(|&i| all[i] == *by)),
        );
        // Beside a problem, thanks are courtesy too: "it never arrived.
        // Thanks" is about the parcel.
        let troubled = out.iter().any(|(t, _)| PROBLEMS.contains(&t.as_str()))
            && !out.iter().any(|(t, _)| t == "@solved");
        if let Some(word) = gratitude(text, &all).filter(|_| customer && !troubled)
            && !out.iter().any(|(t, _)| t == THANKED)
        {
            out.push((THANKED.to_string(), word));
        }
        out
    }
}

/// Whether `words[i]` is a verb whose noun means something else to a
/// support team, a noun the stemmer would join it with: "I don't recall
/// ordering this" is memory and "pouvez-vous me rappeler ?" a call back,
/// where "a recall" and "un rappel" are a product withdrawn. The verb says
/// nothing of which reply fits (a call back is `call back`, `rappelez-moi`
/// among the concepts), so it is read as a stop-word, in a reply's text as
/// in a message. The French past participle (`rappelé`) stays with the
/// noun: a product is recalled.
fn is_verb_of_another_noun(words: &[String], i: usize) -> bool {
    let before = i.checked_sub(1).map(|j| words[j].as_str());
    match words[i].as_str() {
        "recall" => before.is_some_and(|b| RECALLING.contains(&b)),
        "rappeler" | "rappelle" | "rappelles" | "rappelez" | "rappelons" | "rappellent"
        | "rappellerai" | "rappelleras" | "rappellera" | "rappellerez" | "rappellerons"
        | "rappelleront" | "rappellerais" | "rappellerait" | "rappelleriez" | "rappelant" => true,
        _ => false,
    }
}

/// Words after which `recall` is a verb of memory: its subject, or the
/// negation before it ("I don't recall", "can't recall").
/// Not `you` or `we`: "do you recall the kettle?" asks about a recall, and
/// a reply may say "we recall every unit".
const RECALLING: &[&str] = &["i", "not", "cannot", "cant", "dont", "didnt"];

/// The concept of thanks and praise (its group in `concepts.txt`).
const THANKED: &str = "@thanks";

/// Concepts of something gone wrong.
#[rustfmt::skip]
const PROBLEMS: &[&str] = &[
    "@late", "@missing", "@damaged", "@faulty", "@incomplete", "@wrong-item", "@hacked",
    "@declined", "@site-down", "@slow", "@complaint", "@bug", "@crash", "@missed-delivery",
    "@twice", "@breakdown", "@accident", "@theft", "@dirty", "@staff-conduct", "@water-leak",
    "@lockout", "@disruption", "@missed-connection", "@lost-property",
];

/// Words that thank.
const THANKS: &[&str] = &["thank", "thanks", "thx", "merci", "remercie", "remercions"];

/// Words that ask for something: beside them, thanks are courtesy.
#[rustfmt::skip]
const ASKING: &[&str] = &[
    "please", "pls", "plz", "kindly", "need", "svp", "stp", "pouvez", "pourriez", "pourrais",
    "voudrais", "souhaite", "souhaiterais", "besoin", "faut", "dispo", "disponible", "available",
];

/// The word that thanks, in a customer's text that asks for nothing: there,
/// thanks are what the customer writes to say. Beside a question or a
/// request they sign it off ("Any idea when it ships? Thanks, Paul") and
/// say nothing about which reply fits, which is why they are stop-words.
fn gratitude(text: &str, words: &[String]) -> Option<String> {
    let thanks = words.iter().find(|w| THANKS.contains(&w.as_str()))?;
    (!asks(text, words)).then(|| thanks.clone())
}

/// What of `message` is read for its words: all but its closing (see
/// [`super::extract::closing`]) when the rest asks for something, where
/// thanks and wishes are courtesy; else all but the names under it, so
/// that a thank-you message keeps its thanks.
pub fn without_closing(message: &str) -> &str {
    let Some(c) = super::extract::closing(message) else {
        return message;
    };
    let before = &message[..c.start];
    let words: Vec<String> = with_not(&words(before).collect::<Vec<_>>());
    if !words.is_empty() && (asks(before, &words) || troubled(&words)) {
        before
    } else {
        &message[..c.names]
    }
}

/// Whether folded `words` tell of something gone wrong (and not put
/// right): beside it, as beside a request, a closing is courtesy ("Mon
/// colis n'est pas arrivé. Merci d'avance").
fn troubled(words: &[String]) -> bool {
    let found = concepts(words);
    found.iter().any(|(t, _)| PROBLEMS.contains(&t.as_str()))
        && !found.iter().any(|(t, _)| t == "@solved")
}

/// Whether a customer's `text` (of folded `words`) asks for something: a
/// question, or a request ("please", "can you", "j'ai besoin").
pub fn asks(text: &str, words: &[String]) -> bool {
    text.contains('?')
        || words.iter().any(|w| ASKING.contains(&w.as_str()))
        || words.windows(2).any(|p| {
            matches!(
                (p[0].as_str(), p[1].as_str()),
                ("can" | "could" | "would", "you")
                    | ("can" | "could" | "may", "i" | "we")
                    | ("i", "want")
                    | ("id", "like")
                    | ("merci", "de")
            )
        })
}

impl Language {
    /// The stem of the folded word `w`.
    fn stem(&self, w: &str) -> String {
        let Some(stemmer) = &self.stemmer else {
            return w.to_string();
        };
        let mut stems = self.stems.borrow_mut();
        if let Some(stem) = stems.get(w) {
            return stem.clone();
        }
        let stem = stemmer.stem(w).into_owned();
        stems.insert(w.to_string(), stem.clone());
        stem
    }
}

/// Words that ask to be called back at a number: with the number, they say
/// how to reach the customer, not what the message is about.
const PHONE_CUES: &[&str] = &[
    "call",
    "phone",
    "ring",
    "number",
    "mobile",
    "cell",
    "tel",
    "telephone",
    "rappeler",
    "rappelez",
    "joindre",
    "joignable",
    "portable",
    "appeler",
    "appelez",
];

/// `message` without phone numbers and the clause that gives them ("call me
/// on 0117 496 0123", "rappelez-moi au 06 12 34 56 78"): contact details
/// are not what a customer asks about, and "call back" would otherwise
/// suggest the replies that promise a call.
pub fn without_phone_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut last = 0;
    for m in phone_numbers(message) {
        // The clause before the number, back to the last punctuation.
        let before = &message[last..m.start];
        let clause_start = before
            .rfind(['.', ',', '!', '?', ';', ':', '\n', '('])
            .map_or(0, |i| i + 1);
        let clause = &before[clause_start..];
        let is_contact =
            words(clause).any(|w| PHONE_CUES.contains(&w.as_str())) && words(clause).count() <= 7;
        out.push_str(if is_contact {
            &before[..clause_start]
        } else {
            before
        });
        out.push(' ');
        last = m.end;
    }
    out.push_str(&message[last..]);
    out
}

/// `message` with the figures of its amounts blanked ("£404", "500 €",
/// "404 euros"): a sum paid is no error code, and the concept of a site
/// down counts `404` and `503` among its words.
pub fn without_amounts(message: &str) -> String {
    let mut out = message.to_string();
    let bytes = message.as_bytes();
    let mut at = 0;
    while let Some(start) = message[at..]
        .find(|c: char| c.is_ascii_digit())
        .map(|i| at + i)
    {
        let len = message[start..]
            .find(|c: char| !(c.is_ascii_digit() || ",.".contains(c)))
            .unwrap_or(message.len() - start);
        let end = start + len;
        let before = message[..start].trim_end_matches(' ');
        // "500,- €": a dash for the cents.
        let after = message[end..].trim_start_matches([' ', '-']);
        let word_before: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let word_after: String = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        let glued = start > 0 && bytes[start - 1].is_ascii_alphanumeric();
        // A code is written before the figures too: "EUR 404", "CHF 500".
        let amount = before.ends_with(SIGNS)
            || after.starts_with(SIGNS)
            || currency::names_money(&word_after)
            || currency::is_code(&word_before);
        if amount && !glued {
            out.replace_range(start..end, &" ".repeat(len));
        }
        at = end;
    }
    out
}

/// Where `message` writes phone numbers: eight digits or more, in groups or
/// not, with `+`, brackets, dots or dashes between, standing alone.
pub fn phone_numbers(message: &str) -> Vec<std::ops::Range<usize>> {
    static PHONE: OnceLock<Option<regex_lite::Regex>> = OnceLock::new();
    let Some(phone) = PHONE
        .get_or_init(|| regex_lite::Regex::new(r"\+?\(?\d[\d ().-]{6,}\d").ok())
        .as_ref()
    else {
        return Vec::new();
    };
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    phone
        .find_iter(message)
        .filter(|m| {
            m.as_str().bytes().filter(u8::is_ascii_digit).count() >= 8
                && !glued(message[..m.start()].chars().next_back())
                && !glued(message[m.end()..].chars().next())
        })
        .map(|m| m.range())
        .collect()
}

/// A language tag's language, without its region: `en` for `en-GB`.
pub fn base(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

/// The language a message is most likely written in, among English and
/// French, by the share of each one's stop-words and markers; `None` when
/// nothing tells.
pub fn detect(message: &str) -> Option<&'static str> {
    let (mut en, mut fr) = (0usize, 0usize);
    for w in words(message) {
        let w = w.as_str();
        let listed = |lang| stop_words(lang).is_some_and(|s| s.contains(w));
        en += usize::from(listed("en"));
        fr += usize::from(listed("fr")) + usize::from(FR_MARKERS.contains(&w));
    }
    // Accented letters are a strong sign of French among these two, but
    // not in a name: "Parcel never arrived, order 48213. François" is
    // English, signed by a François.
    fr += message
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| word.chars().next().is_some_and(char::is_lowercase))
        .flat_map(str::chars)
        .filter(|c| "éèêàçùâîôûœ".contains(*c))
        .count()
        .min(3);
    match en.cmp(&fr) {
        std::cmp::Ordering::Greater => Some("en"),
        std::cmp::Ordering::Less => Some("fr"),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(lang: &str, text: &str) -> Vec<String> {
        Language::new(lang)
            .terms(text)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn word_forms_meet_at_their_stem() {
        assert_eq!(stems("fr", "remboursé"), stems("fr", "remboursement"));
        assert_eq!(stems("en", "refunded"), stems("en", "refund"));
        assert_eq!(stems("fr", "Remboursé"), stems("fr", "rembourse"));
    }

    #[test]
    fn thanks_count_where_they_are_the_message_not_its_sign_off() {
        let thanked = |text: &str| stems("en", text).contains(&"@thanks".to_string());
        assert!(thanked("thanks for your help"));
        assert!(thanked(
            "The table came today, the two guys were so careful. Thank you!"
        ));
        assert!(
            Language::new("fr")
                .terms("Merci, tout est réglé")
                .iter()
                .any(|(s, _)| s == "@thanks")
        );
        assert!(!thanked("Any idea when it ships? Thanks, Paul"));
        assert!(!thanked("Please cancel order 5521, thanks"));
        assert!(!thanked("Thanks, could you resend the invoice"));
        // A question without its question mark, availability given.
        assert!(!thanked(
            "hello can i swap the car to an automatic. cheers, thanks"
        ));
        // Beside a problem, thanks sign it off as well; beside one solved,
        // they are what the message says.
        assert!(thanked(
            "Thanks so much, the missing parcel turned up today, all solved!"
        ));
        assert!(!thanked("My parcel never arrived. Many thanks"));
        assert!(
            !Language::new("fr")
                .terms("Mon colis n'est pas arrivé. Merci")
                .iter()
                .any(|(s, _)| s == "@thanks")
        );
        assert!(
            !Language::new("fr")
                .terms("rdv a deplacer, je suis dispo le 12. merci")
                .iter()
                .any(|(s, _)| s == "@thanks")
        );
        // The same concept as the words of praise.
        let group = format!("{}:", &THANKED[1..]);
        assert!(
            super::super::concepts::GROUPS
                .lines()
                .any(|l| l.starts_with(&group))
        );
        // An agent thanks in every other reply: not what the reply answers.
        let agent = Language::new("en").agent_terms("Thank you for your patience.");
        assert!(!agent.iter().any(|(s, _)| s == "@thanks"));
    }

    #[test]
    fn a_contraction_says_not_as_the_words_in_full_do() {
        assert_eq!(
            stems("en", "it hasn't arrived"),
            stems("en", "it has not arrived")
        );
        assert!(stems("en", "it didn't work").contains(&"not".to_string()));
    }

    #[test]
    fn a_verb_is_not_the_noun_its_stem_is_shared_with() {
        assert_eq!(stems("en", "I don't recall ordering"), ["not", "order"]);
        assert_eq!(stems("en", "is it in the recall?"), ["recal", "@recall"]);
        assert_eq!(stems("fr", "pouvez-vous me rappeler"), ["@contact"]);
        assert_eq!(stems("fr", "un rappel"), ["rappel", "@recall"]);
        assert_eq!(stems("fr", "le produit est rappelé"), ["produit", "rappel"]);
    }

    #[test]
    fn stop_words_and_numbers_carry_no_meaning() {
        assert_eq!(stems("en", "Hi, is my order 1245 ok?"), ["order"]);
        assert_eq!(stems("fr", "Bonjour, et ma commande ?"), ["command"]);
        // Together, stop-words can say something: a concept's phrase.
        assert_eq!(
            stems("en", "Hi, where is my order 1245?"),
            ["order", "@order-status"]
        );
    }

    #[test]
    fn the_figures_of_an_amount_are_no_words() {
        assert_eq!(without_amounts("I paid £404 for it"), "I paid £    for it");
        assert_eq!(without_amounts("payé 503 € hier"), "payé     € hier");
        assert_eq!(
            without_amounts("500 euros, 1,200.50 dollars"),
            "    euros,          dollars"
        );
        assert_eq!(
            without_amounts("EUR 404 and 500 bucks"),
            "EUR     and     bucks"
        );
        assert_eq!(without_amounts("500,- €"), "    - €");
        // An error code, an order, a version stay.
        assert_eq!(
            without_amounts("error 404 on order 48213"),
            "error 404 on order 48213"
        );
        assert_eq!(without_amounts("v2.404 £"), "v2.404 £");
    }

    #[test]
    fn a_phone_number_and_the_clause_asking_for_a_call_say_nothing() {
        let strip = |m: &str| {
            without_phone_numbers(m)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            strip("Broken lamp. Call me on 0117 496 0123 please"),
            "Broken lamp. please"
        );
        assert_eq!(
            strip("colis abîmé, rappelez-moi au 06 12 34 56 78"),
            "colis abîmé,"
        );
        // Not a phone number, or not a request for a call: kept.
        assert_eq!(strip("order 48213 is late"), "order 48213 is late");
        assert_eq!(
            strip("tracking 1Z999AA10123456784"),
            "tracking 1Z999AA10123456784"
        );
    }

    #[test]
    fn a_message_language_is_told_by_its_common_words() {
        assert_eq!(detect("Bonjour, je n'ai pas reçu mon colis"), Some("fr"));
        assert_eq!(detect("Hi, I have not received my parcel"), Some("en"));
        assert_eq!(detect("jai pas recu mon colis"), Some("fr"));
        assert_eq!(detect("1245"), None);
        // A name's accents are the customer's, not the language's.
        assert_ne!(
            detect("Parcel never arrived, order 48213. François"),
            Some("fr")
        );
        assert_ne!(
            detect("Refund order 48213 please\nHélène Dupont"),
            Some("fr")
        );
        assert_eq!(detect("Colis jamais reçu"), Some("fr"));
        let same = crate::domain::model::Lang::same_language;
        assert!(same("fr", "fr-FR") && same("en-GB", "en-US") && !same("en", "es"));
        assert!(same("FR", "fr-ca"), "tags are case-blind");
    }
}
