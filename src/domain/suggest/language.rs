//! Words as `suggest` compares them: folded (case and accents), without the
//! words every message has (stop-words, greetings), reduced to their stem so
//! that `remboursé` meets `remboursement` and `refunded` meets `refund`; and
//! which language a message is written in.

use rust_stemmers::{Algorithm, Stemmer};

use super::concepts::concepts;
use crate::domain::search::fold::words;

/// Stop-words, greetings and sign-offs: they say nothing about which reply
/// fits. Folded, like the words they are compared with.
const EN_STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "hello",
    "her",
    "here",
    "hers",
    "hey",
    "hi",
    "him",
    "his",
    "how",
    "i",
    "if",
    "im",
    "in",
    "into",
    "is",
    "it",
    "its",
    "ive",
    "just",
    "kind",
    "let",
    "lets",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "of",
    "off",
    "ok",
    "okay",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "own",
    "please",
    "pls",
    "plz",
    "regards",
    "s",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "team",
    "than",
    "thank",
    "thanks",
    "thx",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "u",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "dear",
    "best",
    "cheers",
    "many",
    "d",
    "ll",
    "re",
    "ve",
    "m",
    "don",
    "didn",
    "doesn",
    "isn",
    "wasn",
    "hasn",
    "haven",
    "hadn",
    "won",
    "wouldn",
    "couldn",
    "shouldn",
    "aren",
    "weren",
    "cant",
    "dont",
    "didnt",
    "doesnt",
    "isnt",
    "wasnt",
    "wont",
    "been",
    "again",
    "anyone",
    "someone",
    "something",
    "anything",
    // Words of any conversation: they match replies by accident.
    "go",
    "going",
    "gone",
    "said",
    "say",
    "says",
    "tell",
    "told",
    "know",
    "want",
    "wanted",
    "like",
    "make",
    "made",
    "take",
    "give",
    "way",
    "thing",
    "things",
    "really",
    "ago",
    "last",
    "since",
    "already",
    "ever",
    "lot",
    "bit",
    "able",
    "guys",
    "guy",
    "hear",
    "sir",
    "madam",
    "hiya",
    "morning",
    "afternoon",
    "evening",
    "sincerely",
    "advance",
];

const FR_STOP: &[&str] = &[
    "a",
    "ai",
    "aie",
    "aient",
    "aies",
    "ait",
    "alors",
    "as",
    "au",
    "aucun",
    "aura",
    "aurai",
    "auraient",
    "aurais",
    "aurait",
    "aussi",
    "autre",
    "aux",
    "avaient",
    "avais",
    "avait",
    "avec",
    "avez",
    "aviez",
    "avions",
    "avoir",
    "avons",
    "bonjour",
    "bonsoir",
    "c",
    "ca",
    "ce",
    "ceci",
    "cela",
    "celle",
    "celui",
    "ces",
    "cet",
    "cette",
    "chez",
    "ci",
    "comme",
    "cordialement",
    "d",
    "dans",
    "de",
    "des",
    "deja",
    "donc",
    "du",
    "elle",
    "elles",
    "en",
    "es",
    "est",
    "et",
    "etaient",
    "etais",
    "etait",
    "ete",
    "etes",
    "etre",
    "eu",
    "eux",
    "fait",
    "faire",
    "fais",
    "ici",
    "il",
    "ils",
    "j",
    "je",
    "jai",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lui",
    "m",
    "ma",
    "madame",
    "mais",
    "me",
    "meme",
    "merci",
    "mes",
    "moi",
    "mon",
    "monsieur",
    "n",
    "ne",
    "ni",
    "nos",
    "notre",
    "nous",
    "on",
    "ont",
    "ou",
    "par",
    "pas",
    "peu",
    "peut",
    "plus",
    "pour",
    "pourquoi",
    "puis",
    "qu",
    "quand",
    "que",
    "quel",
    "quelle",
    "quelles",
    "quels",
    "qui",
    "s",
    "sa",
    "salut",
    "sans",
    "se",
    "sera",
    "ses",
    "si",
    "son",
    "sont",
    "suis",
    "sur",
    "svp",
    "t",
    "ta",
    "te",
    "tes",
    "toi",
    "ton",
    "tout",
    "toute",
    "tous",
    "tres",
    "tu",
    "un",
    "une",
    "vos",
    "votre",
    "vous",
    "y",
    "aujourd",
    "hui",
    "bien",
    "bonne",
    "journee",
    "stp",
    "mme",
    "mr",
    "mlle",
    "ya",
    "voila",
    "car",
    "cest",
    "quoi",
    "dois",
    "doit",
    "veux",
    "voudrais",
    "pourriez",
    "pouvez",
    "pourrais",
    "savoir",
    "dit",
    "dire",
    "aller",
    "va",
    "vais",
    "chose",
    "choses",
    "maintenant",
    "dernier",
    "derniere",
    "depuis",
    "vraiment",
];

/// Words that only French uses, beyond its stop-words, to tell a French
/// message from an English one.
const FR_MARKERS: &[&str] = &[
    "bonjour", "merci", "commande", "svp", "colis", "mon", "ma", "je",
];

/// A language's word handling: its stemmer and stop-words, when known.
pub struct Language {
    stemmer: Option<Stemmer>,
    stop: &'static [&'static str],
}

impl Language {
    /// How `lang` (a tag such as `en`, `fr`, `pt-br`) reduces its words.
    /// Languages without a stemmer are compared word for word.
    pub fn new(lang: &str) -> Language {
        let base = lang.split(['-', '_']).next().unwrap_or(lang);
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
        let stop = match base {
            "en" => EN_STOP,
            "fr" => FR_STOP,
            _ => &[],
        };
        Language {
            stemmer: algorithm.map(Stemmer::create),
            stop,
        }
    }

    /// The stems of the words of `text` that carry meaning, in order, each
    /// with the folded word it came from, then the concepts it speaks of
    /// (`@refund`). Numbers are left out: an order number says nothing
    /// about which reply fits.
    pub fn terms(&self, text: &str) -> Vec<(String, String)> {
        let all: Vec<String> = words(text).collect();
        let mut out: Vec<(String, String)> = all
            .iter()
            .cloned()
            .filter(|w| w.chars().count() > 1 && !w.bytes().all(|b| b.is_ascii_digit()))
            .filter(|w| !self.stop.contains(&w.as_str()))
            .map(|w| {
                let stem = match &self.stemmer {
                    Some(s) => s.stem(&w).into_owned(),
                    None => w.clone(),
                };
                (stem, w)
            })
            .collect();
        out.extend(concepts(&all));
        out
    }
}

/// The language a message is most likely written in, among English and
/// French, by the share of each one's stop-words and markers; `None` when
/// nothing tells.
pub fn detect(message: &str) -> Option<&'static str> {
    let (mut en, mut fr) = (0usize, 0usize);
    for w in words(message) {
        let w = w.as_str();
        en += usize::from(EN_STOP.contains(&w));
        fr += usize::from(FR_STOP.contains(&w)) + usize::from(FR_MARKERS.contains(&w));
    }
    // Accented letters are a strong sign of French among these two.
    fr += message
        .chars()
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
    fn stop_words_and_numbers_carry_no_meaning() {
        assert_eq!(stems("en", "Hi, where is my order 1245?"), ["order"]);
        assert_eq!(stems("fr", "Bonjour, où est ma commande ?"), ["command"]);
    }

    #[test]
    fn a_message_language_is_told_by_its_common_words() {
        assert_eq!(detect("Bonjour, je n'ai pas reçu mon colis"), Some("fr"));
        assert_eq!(detect("Hi, I have not received my parcel"), Some("en"));
        assert_eq!(detect("jai pas recu mon colis"), Some("fr"));
        assert_eq!(detect("1245"), None);
    }
}
