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

/// The concepts and their words: see the file's own header.
pub const GROUPS: &str = include_str!("concepts.txt");

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
        let lines = GROUPS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(':'));
        for (concept, entries) in lines {
            for entry in entries.split(',') {
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
    fn every_word_of_the_table_is_folded_so_it_can_match() {
        let folded = |w: &str| crate::domain::search::fold::fold(w) == w;
        for line in GROUPS.lines().filter(|l| !l.starts_with('#')) {
            let (name, entries) = line.split_once(':').expect("`name: words`");
            assert!(!name.contains(' '), "{name}");
            for e in entries.split(',') {
                assert!(folded(e.trim()) && !e.trim().is_empty(), "`{e}` in {name}");
            }
        }
    }

    #[test]
    fn rappeler_is_calling_back_not_a_product_recall() {
        assert!(of("vous pouvez me rappeler ?").is_empty());
        assert_eq!(of("rappel produit"), ["@recall"]);
    }

    #[test]
    fn each_concept_counts_once() {
        assert_eq!(of("refund refund reimbursed"), ["@refund"]);
    }
}
