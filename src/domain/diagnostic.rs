//! Problems found in a library, each located in its file.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::domain::text::one_line;

/// How bad a problem is. Errors fail `canned check`; warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Where a text read from a TOML string is in its file: where its first
/// character is and, when escapes (`\n`, `\"`, `\u00e9`, a line-ending
/// backslash) make what is written differ from the text, what is written,
/// so that a character of the text is located where it stands in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct TextAt {
    pub start: Location,
    pub written: Option<Box<str>>,
}

impl TextAt {
    /// The file location of the character at byte `offset` of `text`.
    pub fn locate(&self, text: &str, offset: usize) -> Location {
        let (written, offset) = match &self.written {
            Some(w) => (&**w, written_offset(w, offset)),
            None => (text, offset.min(text.len())),
        };
        let before = written.get(..offset).unwrap_or(written);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count();
        self.shifted(line, col)
    }

    /// The file location of 1-based `line`, 0-based character `col` of
    /// `text` (as Tera gives them).
    pub fn position(&self, text: &str, line: usize, col: usize) -> Location {
        let line_start = match line.checked_sub(2) {
            Some(n) => text
                .match_indices('\n')
                .nth(n)
                .map_or(text.len(), |(i, _)| i + 1),
            None => 0,
        };
        let offset = text[line_start..]
            .char_indices()
            .nth(col)
            .map_or(text.len(), |(i, _)| line_start + i);
        self.locate(text, offset)
    }

    /// `start` moved to 1-based `line` and 0-based `col` of what is written.
    fn shifted(&self, line: usize, col: usize) -> Location {
        let start = &self.start;
        Location {
            path: start.path.clone(),
            line: start.line + line.saturating_sub(1),
            column: if line <= 1 {
                start.column + col
            } else {
                col + 1
            },
        }
    }
}

/// The byte offset in `written`, a TOML basic string's content as written,
/// of the character at byte `offset` of its value.
fn written_offset(written: &str, offset: usize) -> usize {
    let mut value = 0;
    let mut chars = written.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if value >= offset {
            return i;
        }
        if c != '\\' {
            value += c.len_utf8();
            continue;
        }
        match chars.next().map(|(_, e)| e) {
            Some(e @ ('u' | 'U')) => {
                let digits = if e == 'u' { 4 } else { 8 };
                let hex: String = (0..digits)
                    .filter_map(|_| chars.next())
                    .map(|(_, h)| h)
                    .collect();
                let escaped = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                value += escaped.map_or(1, char::len_utf8);
            }
            // A backslash that ends a line takes the blanks after it away.
            Some(e) if e.is_whitespace() => {
                while chars.next_if(|(_, w)| w.is_whitespace()).is_some() {}
            }
            Some(_) => value += 1,
            None => {}
        }
    }
    written.len()
}

/// A place in a library file, 1-based like editors show it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// Serialised lossily: a file name that is not UTF-8 still gets a line.
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A newline or an escape in a file name must not forge another line.
        let path = one_line(&self.path.to_string_lossy());
        write!(f, "{path}:{}:{}", self.line, self.column)
    }
}

fn lossy_path<S: serde::Serializer>(path: &std::path::Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

/// One problem: where, what, what was expected, and how to fix it.
#[derive(Clone, Debug, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    #[serde(flatten)]
    pub location: Location,
    /// The response the problem belongs to, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The other place a problem between two places involves (the first
    /// holder of a duplicate id): a check of that file tells it too.
    #[serde(skip)]
    pub also: Option<Location>,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            location,
            response: None,
            message: message.into(),
            expected: None,
            hint: None,
            also: None,
        }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(location, message)
        }
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Diagnostic {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Adds a `did you mean` hint when `suggestion` has one.
    pub fn suggest(self, suggestion: Option<&str>) -> Diagnostic {
        match suggestion {
            Some(s) => self.hint(suggestion_hint(s)),
            None => self,
        }
    }

    /// See [`Diagnostic::also`].
    pub fn also_at(mut self, at: &Location) -> Diagnostic {
        self.also = Some(at.clone());
        self
    }

    pub fn in_response(mut self, id: Option<&str>) -> Diagnostic {
        self.response = id.map(str::to_string);
        self
    }
}

/// Maps byte offsets of one file's text to lines and columns.
pub struct LineIndex {
    path: PathBuf,
    starts: Vec<usize>,
    text_len: usize,
}

impl LineIndex {
    pub fn new(path: &Path, text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            path: path.to_path_buf(),
            starts,
            text_len: text.len(),
        }
    }

    /// The location of byte `offset`; the column counts characters, not bytes.
    pub fn locate(&self, text: &str, offset: usize) -> Location {
        let offset = offset.min(self.text_len);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        // A byte-order mark is no column: editors show none.
        let bom = usize::from(line == 0 && offset > 0 && text.starts_with('\u{FEFF}'));
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1
            - bom;
        Location {
            path: self.path.clone(),
            line: line + 1,
            column,
        }
    }

    /// The location at the start of the file.
    pub fn start(&self) -> Location {
        Location {
            path: self.path.clone(),
            line: 1,
            column: 1,
        }
    }
}

/// The closest candidate to a misspelt word, if one is close enough to be
/// what was meant (edit distance at most a third of the word, like `just`).
/// How every did-you-mean is worded, wherever it is shown.
pub fn suggestion_hint(suggestion: &str) -> String {
    format!("did you mean `{suggestion}`?")
}

pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= limit && d < c.chars().count())
        .filter(|&(_, c)| !numbered_apart(&word, &c.to_lowercase()))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Whether two names are the same words numbered differently: `address1`
/// and `address2`, `line_1` and `line_2` are two, not a slip of one.
fn numbered_apart(a: &str, b: &str) -> bool {
    let letters = |s: &str| {
        s.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (da, db) = (digits(a), digits(b));
    !da.is_empty() && !db.is_empty() && da != db && letters(a) == letters(b)
}

/// The name of `candidates` that a variable's name `slip` was typed for:
/// one a typo away ([`did_you_mean`]), or one it spells out with `_`
/// (`order_id`, `order_number` for `order`; `first_name` for `name`).
pub fn name_meant<'a>(slip: &str, candidates: &[&'a str]) -> Option<&'a str> {
    did_you_mean(slip, candidates.iter().copied()).or_else(|| {
        let parts: Vec<&str> = slip.split('_').collect();
        (parts.len() > 1)
            .then(|| candidates.iter().copied().find(|c| parts.contains(c)))
            .flatten()
    })
}

/// Optimal string alignment distance: insertions, deletions, substitutions and
/// transpositions of neighbours each cost one.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Whether `a` and `b` are at most one edit apart (a substitution, an
/// insertion, a deletion or two neighbours swapped): `edit_distance(a, b) <= 1`
/// without allocating, since it runs for every word of the vocabulary.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    // Past the common prefix, the one edit must be at the first difference.
    let common: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let (ra, rb) = (&a[common..], &b[common..]);
    let (mut ta, mut tb) = (ra.chars(), rb.chars());
    match (ta.next(), tb.next()) {
        (None, None) => true,
        (None, Some(_)) => tb.as_str().is_empty(),
        (Some(_), None) => ta.as_str().is_empty(),
        (Some(x), Some(y)) => {
            let (sa, sb) = (ta.as_str(), tb.as_str());
            let swapped = || {
                let (mut na, mut nb) = (sa.chars(), sb.chars());
                na.next() == Some(y) && nb.next() == Some(x) && na.as_str() == nb.as_str()
            };
            sa == sb || sa == rb || ra == sb || swapped()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_spelt_out_with_underscores_is_meant_for_its_part() {
        let known = ["order", "name", "amount"];
        assert_eq!(name_meant("ordr", &known), Some("order"));
        assert_eq!(name_meant("order_id", &known), Some("order"));
        assert_eq!(name_meant("first_name", &known), Some("name"));
        assert_eq!(name_meant("carrier", &known), None);
        assert_eq!(name_meant("ordering", &known), None);
    }

    #[test]
    fn a_character_of_a_string_with_escapes_is_located_where_it_is_written() {
        // body = "Tab\there\nnext {{ x }}" on line 5, its content from column 9.
        let at = |written: &str| TextAt {
            start: Location {
                path: "f.toml".into(),
                line: 5,
                column: 9,
            },
            written: Some(written.into()),
        };
        let place = |at: &TextAt, text: &str, needle: &str| {
            let loc = at.locate(text, text.find(needle).unwrap());
            (loc.line, loc.column)
        };
        let tabbed = at(r"Tab\there\nnext {{ x }}");
        assert_eq!(place(&tabbed, "Tab\there\nnext {{ x }}", "x }"), (5, 28));
        let accented = at(r#"caf\u00e9 \"q\" {{ x }}"#);
        assert_eq!(place(&accented, "café \"q\" {{ x }}", "x }"), (5, 28));
        // A backslash ending a line takes the line break and the indent away.
        let joined = at("one \\\n    two {{ x }}");
        assert_eq!(place(&joined, "one two {{ x }}", "x }"), (6, 12));
        // Tera's line and column are the text's.
        let position = tabbed.position("Tab\there\nnext {{ x }}", 2, 8);
        assert_eq!((position.line, position.column), (5, 28));
    }

    #[test]
    fn locates_offsets_by_line_and_character_column() {
        let text = "a = 1\nbé = \"x\"\n";
        let idx = LineIndex::new(Path::new("f.toml"), text);
        let loc = idx.locate(text, text.find('=').unwrap());
        assert_eq!((loc.line, loc.column), (1, 3));
        let loc = idx.locate(text, text.find('"').unwrap());
        assert_eq!((loc.line, loc.column), (2, 6));
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let text = "\u{FEFF}topic = 1\n";
        let idx = LineIndex::new(Path::new("f.toml"), text);
        assert_eq!(idx.locate(text, text.find('t').unwrap()).column, 1);
        assert_eq!(idx.locate(text, text.find('=').unwrap()).column, 7);
    }

    #[test]
    fn suggests_the_nearest_field_name() {
        let fields = ["id", "title", "topic", "tags"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", fields), None);
        // Numbered apart, two names: `address2` beside `address1`.
        assert_eq!(did_you_mean("address2", ["address1"]), None);
        assert_eq!(did_you_mean("adress1", ["address1"]), Some("address1"));
        assert_eq!(did_you_mean("address", ["address1"]), Some("address1"));
    }

    #[test]
    fn counts_a_transposition_as_one_edit() {
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("nmae", "name"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    mod within_one {
        use super::super::{edit_distance, within_one_edit};
        use proptest::prelude::*;

        #[test]
        fn each_kind_of_edit_counts_once() {
            for (a, b, want) in [
                ("remboursement", "remboursement", true),
                ("rembourssmant", "remboursement", false),
                ("delivery", "deliverey", true),
                ("delivery", "delivry", true),
                ("delivery", "delivety", true),
                ("delivery", "delievry", true),
                ("delivery", "dleievry", false),
                ("café", "cafe", true),
                ("", "a", true),
                ("", "ab", false),
            ] {
                assert_eq!(within_one_edit(a, b), want, "{a} / {b}");
            }
        }

        proptest! {
            #[test]
            fn agrees_with_the_edit_distance(a in "[abé]{0,6}", b in "[abé]{0,6}") {
                prop_assert_eq!(within_one_edit(&a, &b), edit_distance(&a, &b) <= 1);
            }
        }
    }
}
