//! Which characters of a title a query matched, for the terminal to highlight.

use super::{fold, word_quality};

/// Character ranges of `title` that match the query's terms, for highlighting.
pub fn highlights(title: &str, terms: &[String]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for (word, span) in fold::words_with_spans(title) {
        for t in terms {
            let q = word_quality(t, &word);
            if q <= 0.0 {
                continue;
            }
            let len = span.len();
            let range = if word.starts_with(t.as_str()) {
                span.start..span.start + t.chars().count().min(len)
            } else if let Some(pos) = word.find(t.as_str()).filter(|_| q <= 0.3) {
                let start = span.start + word[..pos].chars().count();
                start..start + t.chars().count()
            } else {
                span.clone()
            };
            out.push(range);
            break;
        }
    }
    out
}
