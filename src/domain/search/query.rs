//! What an agent typed: words to match, and qualifiers (`u:high`, `t:billing`)
//! that filter like the flags.

use super::fold::{fold, words};
use crate::domain::search::filter::Filter;
use crate::domain::suggest::language::is_stop_word;
use crate::domain::text::sanitize;

/// A parsed query.
#[derive(Clone, Debug, Default)]
pub struct Query {
    /// Folded words, each once; each must match.
    pub terms: Vec<String>,
    /// The function words of a query that has other words too (`où`,
    /// `est`, `ma` of `où est ma commande`): typed whole, they are matched
    /// whole, need not match, and count for little. As prefixes they found
    /// anything (`ma` *majeure*), and as required words a sentence found
    /// only replies that happened to use them.
    pub optional: Vec<String>,
    /// Words typed with hyphens (`e-mail`), whose parts among `terms` a
    /// reply may match as one word (`email`) instead.
    pub joined: Vec<Joined>,
    /// The words as typed, folded and joined, to recognise an exact id or shortcut.
    pub text: String,
    pub filter: Filter,
    /// The customer type known without being asked for (a chat's): it
    /// breaks ties toward that type's replies, never filters.
    pub known_customer: Option<String>,
}

/// A word typed with hyphens, as one word: its parts may be written
/// joined in the library (`e-mail` typed, `email` written) or apart.
#[derive(Clone, Debug, PartialEq)]
pub struct Joined {
    /// The parts folded and written together.
    pub word: String,
    /// Its parts among the query's terms.
    pub parts: Vec<String>,
}

impl Query {
    /// Parses `words` on top of `filter` (from flags); a qualifier in the
    /// query wins over the flag for the same segment.
    pub fn parse<S: AsRef<str>>(input: &[S], filter: Filter) -> Result<Query, String> {
        let mut q = Query {
            filter,
            ..Query::default()
        };
        let mut plain = Vec::new();
        // A word typed twice asks for it once: each term is looked up in the
        // whole vocabulary, and a pasted message repeats its words.
        let mut seen = std::collections::HashSet::new();
        // Read as shown: `\x1b[1mrefund` is `refund` (an escape sequence
        // goes whole), never `[1mrefund`, which matches nothing.
        let input: Vec<String> = input.iter().map(|s| sanitize(s.as_ref())).collect();
        for token in input.iter().flat_map(|s| s.split_whitespace()) {
            // `t:` alone is a filter still being typed, not the word "t".
            if token.strip_suffix(':').is_some_and(Filter::is_qualifier) {
                continue;
            }
            if let Some((key, value)) = token.split_once(':')
                && !value.is_empty()
                && q.filter.apply_qualifier(key, value)?
            {
                continue;
            }
            plain.push(fold(token));
            let parts: Vec<String> = words(token).filter(|w| seen.insert(w.clone())).collect();
            if let Some(word) = hyphenated(token) {
                q.joined.push(Joined {
                    word,
                    parts: parts.clone(),
                });
            }
            q.terms.extend(parts);
        }
        q.text = plain.join(" ");
        // Only among words typed apart: one token is a name typed
        // (`return-how-to`), every part of which is asked for.
        if plain.len() > 1 && q.terms.iter().any(|t| !is_stop_word(t)) {
            (q.optional, q.terms) = std::mem::take(&mut q.terms)
                .into_iter()
                .partition(|t| is_stop_word(t));
            // One whose accent told it from another (`où` from `ou`, "or";
            // `là` from `la`) cannot be told from it folded: it counts for
            // nothing, rather than for the other word.
            let typed: Vec<String> = (input.iter())
                .flat_map(|s| s.split(|c: char| !c.is_alphanumeric()))
                .map(str::to_lowercase)
                .collect();
            q.optional.retain(|w| typed.contains(w));
        }
        // Parts that are function words are optional already: the joined
        // word stands for the parts still asked for.
        for j in &mut q.joined {
            j.parts.retain(|p| q.terms.contains(p));
        }
        q.joined.retain(|j| !j.parts.is_empty());
        Ok(q)
    }

    /// The words to highlight in what matched: the terms, and the words
    /// typed with hyphens as one.
    pub fn highlighted(&self) -> Vec<String> {
        (self.terms.iter())
            .chain(self.joined.iter().map(|j| &j.word))
            .cloned()
            .collect()
    }
}

/// `token` written as one word, folded, when it is words joined by
/// hyphens (`e-mail`, `T‑shirt`, `(check-in),`).
fn hyphenated(token: &str) -> Option<String> {
    let core = token.trim_matches(|c: char| !c.is_alphanumeric());
    let pieces: Vec<&str> = core.split(['-', '\u{2010}', '\u{2011}']).collect();
    (pieces.len() > 1
        && pieces
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(char::is_alphanumeric)))
    .then(|| fold(&pieces.concat()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Urgency;

    #[test]
    fn function_words_beside_other_words_are_optional_and_alone_are_words() {
        let q = Query::parse(&["où est ma commande"], Filter::default()).unwrap();
        assert_eq!(q.terms, ["commande"]);
        // `où` is not `ou`, "or": folded, it would match that.
        assert_eq!(q.optional, ["est", "ma"]);
        let q = Query::parse(&["ou est ma commande"], Filter::default()).unwrap();
        assert_eq!(q.optional, ["ou", "est", "ma"]);
        let q = Query::parse(&["ma"], Filter::default()).unwrap();
        assert_eq!(q.terms, ["ma"]);
        assert!(q.optional.is_empty());
        // One token is a name typed, every part of it asked for.
        let q = Query::parse(&["return-how-to"], Filter::default()).unwrap();
        assert_eq!(q.terms, ["return", "how", "to"]);
        assert!(q.optional.is_empty());
    }

    #[test]
    fn a_word_typed_with_hyphens_may_match_as_one_word() {
        let q = Query::parse(&["(E-mail), address"], Filter::default()).unwrap();
        assert_eq!(q.terms, ["e", "mail", "address"]);
        let joined = Joined {
            word: "email".to_string(),
            parts: vec!["e".to_string(), "mail".to_string()],
        };
        assert_eq!(q.joined, [joined]);
        assert_eq!(q.highlighted(), ["e", "mail", "address", "email"]);
        // Function words among its parts are optional, not its parts.
        let q = Query::parse(&["check-in time"], Filter::default()).unwrap();
        assert_eq!(q.joined[0].word, "checkin");
        assert_eq!(q.joined[0].parts, ["check"]);
        // Apostrophes, slashes and dashes at an end join nothing.
        for token in ["l'adresse", "and/or", "-refund", "refund-", "a--b"] {
            assert!(
                Query::parse(&[token], Filter::default())
                    .unwrap()
                    .joined
                    .is_empty()
            );
        }
    }

    #[test]
    fn an_empty_qualifier_is_neither_a_filter_nor_a_word() {
        let q = Query::parse(&["refund t:", "c:", "TAG:"], Filter::default()).unwrap();
        assert_eq!(q.terms, ["refund"]);
        assert!(q.filter.describe().is_empty());
        // A word ending in a colon is a word.
        assert_eq!(
            Query::parse(&["note:"], Filter::default()).unwrap().terms,
            ["note"]
        );
    }

    #[test]
    fn separates_qualifiers_from_words() {
        let q = Query::parse(&["Remboursement u:>=high", "c:vip"], Filter::default()).unwrap();
        assert_eq!(q.terms, ["remboursement"]);
        assert_eq!(q.filter.urgency.map(|u| u.urgency), Some(Urgency::High));
        assert_eq!(q.filter.customer.as_deref(), Some("vip"));
    }

    #[test]
    fn an_unknown_key_is_just_a_word() {
        let q = Query::parse(&["https://x"], Filter::default()).unwrap();
        assert_eq!(q.terms, ["https", "x"]);
    }

    #[test]
    fn a_word_typed_twice_is_one_term() {
        let q = Query::parse(&["Refund late REFUND", "refund"], Filter::default()).unwrap();
        assert_eq!(q.terms, ["refund", "late"]);
        assert_eq!(q.text, "refund late refund refund");
    }

    #[test]
    fn a_bad_qualifier_value_is_an_error() {
        assert!(Query::parse(&["u:urgent"], Filter::default()).is_err());
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_input_parses_or_is_refused_without_panicking(input in "\\PC{0,60}") {
            if let Ok(q) = Query::parse(&[input.as_str()], Filter::default()) {
                // Terms are folded words: no qualifier, no space, no upper case.
                for t in &q.terms {
                    prop_assert!(!t.is_empty() && !t.contains(' '));
                    prop_assert_eq!(t, &crate::domain::search::fold::fold(t));
                }
            }
        }

        #[test]
        fn qualifiers_never_become_words(word in "[a-z]{1,8}", u in "(low|normal|high|critical)") {
            let q = Query::parse(&[format!("{word} u:{u}").as_str()], Filter::default()).unwrap();
            prop_assert_eq!(q.terms, vec![word]);
            prop_assert!(q.filter.urgency.is_some());
        }
    }
}
