//! Which characters of a title a query matched, for the terminal to highlight.

use std::ops::Range;

use super::{fold, word_quality};

/// Character ranges of `title` that match the query's terms, for highlighting.
pub fn highlights(title: &str, terms: &[String]) -> Vec<Range<usize>> {
    let chars: Vec<char> = title.chars().collect();
    let mut out = Vec::new();
    for (word, span) in fold::words_with_spans(title) {
        // The term that matches the word best: `mail` is inside `email`,
        // which `email` (an `e-mail` typed) is.
        let best = (terms.iter())
            .map(|t| (t, word_quality(t, &word)))
            .filter(|&(_, q)| q > 0.0)
            .reduce(|a, b| if b.1 > a.1 { b } else { a });
        if let Some((t, q)) = best {
            let len = word.chars().count();
            let (from, to) = if word.starts_with(t.as_str()) {
                (0, t.chars().count().min(len))
            } else if let Some(pos) = word.find(t.as_str()).filter(|_| q <= 0.3) {
                let start = word[..pos].chars().count();
                (start, start + t.chars().count())
            } else {
                (0, len)
            };
            let written = as_written(&chars[span.clone()], from..to);
            out.push(span.start + written.start..span.start + written.end);
        }
    }
    out
}

/// The characters of the word `raw`, as written, that fold into the
/// characters `folded` of its folded form. A letter can fold into two
/// (`æ`, `ß`) or into none (an accent written as a mark after its letter):
/// counted in folded characters, `Re\u{301}ponse` lost its last letter and
/// `Œuvre` gained one. The marks after the last letter go with it.
fn as_written(raw: &[char], folded: Range<usize>) -> Range<usize> {
    let mut ends = Vec::with_capacity(raw.len());
    let mut one = String::new();
    let mut n = 0;
    for &c in raw {
        one.clear();
        fold::fold_char(c, &mut one);
        n += one.chars().count();
        ends.push(n);
    }
    let start = ends
        .iter()
        .position(|&e| e > folded.start)
        .unwrap_or(raw.len());
    let mut end = ends
        .iter()
        .position(|&e| e >= folded.end)
        .map_or(raw.len(), |i| i + 1);
    while end < raw.len() && ends[end] == ends[end - 1] {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(title: &str, terms: &[&str]) -> String {
        let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
        let ranges = highlights(title, &terms);
        title
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if ranges.iter().any(|r| r.contains(&i)) {
                    c.to_uppercase().collect()
                } else {
                    c.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn a_prefix_is_highlighted_in_the_letters_typed() {
        assert_eq!(marked("refund status", &["ref"]), "REFund status");
        assert_eq!(marked("refund status", &["status"]), "refund STATUS");
    }

    #[test]
    fn the_term_that_matches_a_word_best_is_highlighted() {
        assert_eq!(marked("email", &["mail", "email"]), "EMAIL");
        assert_eq!(marked("refunded", &["fund", "refun"]), "REFUNded");
    }

    /// A mark after its letter is of that letter: the highlight is as long
    /// as the word typed, marks included.
    #[test]
    fn a_decomposed_accent_widens_the_highlight_by_its_mark() {
        assert_eq!(
            marked("re\u{301}ponse rapide", &["reponse"]),
            "RE\u{301}PONSE rapide"
        );
        assert_eq!(
            marked("e\u{301}te\u{301} x", &["et"]),
            "E\u{301}Te\u{301} x"
        );
    }

    /// A letter folding into two is highlighted whole or not at all.
    #[test]
    fn a_letter_folding_into_two_counts_as_two() {
        assert_eq!(marked("œuvre d'art", &["oeuvre"]), "ŒUVRE d'art");
        assert_eq!(marked("œuvre", &["oeu"]), "ŒUvre");
        // `ß` is `ss`: `stras` takes it whole (upper-cased, it is `SS`).
        assert_eq!(marked("straße", &["stras"]), "STRASSe");
    }
}
