//! A TOML syntax error told where it comes from. One missing `]` or quote
//! makes the parser find an error on every line after it, each named by
//! what it met ("invalid boolean" at a `title` line): the first is the one
//! to fix, and when a bracket opened on an earlier line is never closed,
//! that bracket is where to fix it.

use std::borrow::Cow;
use std::ops::Range;

/// The span to report a file's first syntax error at, and what to say of
/// it: at the `[` or `{` of a value that is never closed, when one opened
/// on a line before the error's; at the opening quotes of the multi-line
/// string just before the error when it runs on over a table header (its
/// closing quotes lost, the next reply's body is read as TOML); else at the
/// error itself.
pub fn first_error(text: &str, at: Range<usize>, message: &str) -> (Range<usize>, String) {
    let start = at.start.min(text.len());
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    // A merge conflict committed between keys: git's marker is the error.
    let line = &text[line_start..];
    if let Some(marker) = ["<<<<<<<", "=======", "|||||||", ">>>>>>>"]
        .into_iter()
        .find(|m| line.starts_with(m))
    {
        return (
            line_start..line_start + marker.len(),
            format!(
                "`{marker}` is a merge conflict's marker: keep what each side meant, and \
                 remove git's markers: {message}"
            ),
        );
    }
    if message == "duplicate key" {
        return duplicate_key(text, line_start, at);
    }
    // A value nested past the parser's limit (a hostile or generated
    // file): told at the value's first bracket, in words, rather than as
    // the parser's recursion.
    if message.starts_with("cannot recurse further") {
        let open = scan(&text[..start]).open;
        if let Some(&outer) = open.first() {
            return (
                outer..outer + 1,
                format!(
                    "this value nests arrays or inline tables more than {} deep, past what `canned` \
                     reads: a reply needs a few levels at most",
                    open.len()
                ),
            );
        }
    }
    // A dotted key or a header past the limit: the parser names no place.
    if message.starts_with("recursion limit")
        && let Some((at, parts)) = deepest_key(text)
    {
        return (
            at..at + 1,
            format!(
                "this key names tables {parts} deep, past what `canned` reads: a reply needs a \
                 few levels at most"
            ),
        );
    }
    if message.starts_with("cannot extend value of type inline table")
        && let Some(said) = inline_table_extended(text, line_start)
    {
        return (at, said);
    }
    let scan = scan(text);
    if let Some(open) = scan.open.into_iter().find(|&o| o < line_start) {
        let bracket = &text[open..=open];
        return (
            open..open + 1,
            format!(
                "this `{bracket}` is never closed, so what follows is read as its items: {message}"
            ),
        );
    }
    // The last body's closing quotes lost: the error is at the end of the
    // file, a line past the last one; the fix is where the string opens.
    if let Some(open) = scan.unclosed.filter(|&o| o < start) {
        let quotes = &text[open..open + 3];
        return (
            open..open + 3,
            format!(
                "this `{quotes}` string is never closed: are its closing `{quotes}` missing? {message}"
            ),
        );
    }
    let ran_on = scan
        .long_strings
        .into_iter()
        .take_while(|s| s.end <= start)
        .last()
        .and_then(|s| Some((s.start, header_in(&text[s.clone()])?)));
    if let Some((open, header)) = ran_on {
        let quotes = &text[open..open + 3];
        return (
            open..open + 3,
            format!(
                "this `{quotes}` string runs on over `{header}`: are its closing `{quotes}` \
                 missing? What follows is read as TOML: {message}"
            ),
        );
    }
    (at, message.to_string())
}

/// "duplicate key" said with the key, and the line it was first given on
/// (a line doubled by a merge, a lost `[[response]]` joining two replies):
/// the parser names neither.
/// Told at the whole key, `fr.title`, where the parser names its last part.
fn duplicate_key(text: &str, line_start: usize, span: Range<usize>) -> (Range<usize>, String) {
    let at = span.start.min(text.len());
    let line = uncommented(text[line_start..].lines().next().unwrap_or(""));
    // In an inline table (`fr = { title = "F", title = "G" }`, on one
    // line or over several), the key given twice is the one at the error,
    // first given in that table: not the line's own key.
    if let Some(open) = scan(&text[..at])
        .open
        .into_iter()
        .rev()
        .find(|&o| text[o..].starts_with('{'))
    {
        let key_start = text[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || "_-.\"'".contains(c)))
            .map_or(0, |i| i + 1);
        let rest = &text[key_start..];
        let key = rest[..rest.find(['=', '\n']).unwrap_or(rest.len())].trim();
        let table = &text[open..key_start];
        let quote_or_space = |c: char| c.is_whitespace() || c == '"' || c == '\'';
        let first = table.rmatch_indices(&*bare(key)).find(|&(i, found)| {
            let opened = table[..i].trim_end_matches(quote_or_space);
            let closed = table[i + found.len()..].trim_start_matches(quote_or_space);
            opened.ends_with(['{', ',']) && closed.starts_with('=')
        });
        let mut said = format!("duplicate key `{key}`");
        if let Some((i, _)) = first {
            let first_at = open + table[..i].trim_end_matches(['"', '\'']).len();
            let first_line_start = text[..first_at].rfind('\n').map_or(0, |n| n + 1);
            if first_line_start == line_start {
                let column = text[line_start..first_at].chars().count() + 1;
                said.push_str(&format!(" (first given at column {column})"));
            } else {
                let line = text[..first_at].matches('\n').count() + 1;
                said.push_str(&format!(" (first given on line {line})"));
            }
        }
        return (key_start..key_start + key.len(), said);
    }
    let header = line.starts_with('[');
    let key = if header {
        line
    } else {
        line.split_once('=').map_or(line, |(k, _)| k).trim()
    };
    let before: Vec<&str> = text[..line_start].lines().collect();
    // `[response]` typed for `[[response]]`: the table the parser says is
    // given twice is the array's last element, opened by `[[response]]`.
    let squeezed = |l: &str| {
        header_path(l).unwrap_or_else(|| {
            (uncommented(l).chars())
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
    };
    // Or typed for the first one: `[[response]]` after it is said to be
    // given twice. Told at the one typed wrong.
    if header && key.starts_with("[[") {
        let table = squeezed(key);
        let single = &table[1..table.len() - 1];
        if let Some(f) = before.iter().position(|l| squeezed(l) == single) {
            let start: usize = (text.split_inclusive('\n').take(f)).map(str::len).sum();
            let indent = before[f].len() - before[f].trim_start().len();
            let at = start + indent;
            return (
                at..at + uncommented(before[f]).len(),
                format!(
                    "`{}` where `{table}` is meant: a response opens with `{table}`, one of an \
                     array of tables, as on line {} below",
                    uncommented(before[f]),
                    text[..line_start].matches('\n').count() + 1
                ),
            );
        }
    }
    // Typed for every one: the first `[response]` is the one to mend.
    if header && !key.starts_with("[[") && squeezed(key) == "[response]" {
        let first = before.iter().position(|l| squeezed(l) == "[response]");
        if let Some(f) = first.filter(|_| !before.iter().any(|l| squeezed(l) == "[[response]]")) {
            let start: usize = (text.split_inclusive('\n').take(f)).map(str::len).sum();
            let at = start + before[f].len() - before[f].trim_start().len();
            return (
                at..at + uncommented(before[f]).len(),
                "`[response]` where `[[response]]` is meant: each response opens with \
                 `[[response]]`, one of an array of tables"
                    .to_string(),
            );
        }
    }
    if header && !key.starts_with("[[") {
        let array = format!("[{}]", squeezed(key));
        if let Some(f) = before.iter().rposition(|l| squeezed(l) == array) {
            return (
                span,
                format!(
                    "`{key}` where `{array}` is meant: the table above opens with `{array}` \
                     (line {}), one of an array of tables, and so does each after it",
                    f + 1
                ),
            );
        }
    }
    // A key is first given in the same table; a header, anywhere before.
    let first = before.iter().rposition(|l| {
        if header {
            // However each is spelt: `[response.translations."fr"]` is
            // `[response.translations.fr]`.
            header_path(l).is_some_and(|h| Some(h) == header_path(key))
        } else {
            let l = uncommented(l);
            // `fr.title = …` gives `fr` too, as a table.
            l.split_once('=').is_some_and(|(k, _)| {
                bare(k) == bare(key) || bare(k).starts_with(&format!("{}.", bare(key)))
            })
        }
    });
    let first = first.or_else(|| header.then(|| table_given_by_keys(&before, key)).flatten());
    let table_start = before.iter().rposition(|l| l.trim_start().starts_with('['));
    let what = if header { "table" } else { "key" };
    let mut said = format!("duplicate {what} `{key}`");
    let first = first.filter(|&f| header || table_start.is_none_or(|t| f > t));
    if let Some(f) = first {
        said.push_str(&format!(" (first given on line {})", f + 1));
    }
    // A response's key given again after a blank line starts the next
    // response, whose `[[response]]` line is lost; one given twice in a
    // row is a line doubled (by a merge).
    let in_a_response = table_start.is_some_and(|t| {
        let squeezed: String = before[t].chars().filter(|c| !c.is_whitespace()).collect();
        squeezed.starts_with("[[response]]")
    });
    let after_a_gap = first.is_some_and(|f| before[f + 1..].iter().any(|l| l.trim().is_empty()));
    if !header && (key == "id" || in_a_response && after_a_gap) {
        said.push_str(": is a `[[response]]` line missing above it?");
    }
    (span, said)
}

/// A table or a key given inside a table written whole inline before
/// (`translations = { fr = { … } }`, then `[response.translations.fr]`),
/// said with that table and the line it was given on: the parser speaks
/// of a dotted key where there may be none.
fn inline_table_extended(text: &str, line_start: usize) -> Option<String> {
    let line = text[line_start..].lines().next().unwrap_or("").trim();
    let before: Vec<&str> = text[..line_start].lines().collect();
    let path = |s: &str| {
        s.split('.')
            .map(|p| bare(p).to_string())
            .collect::<Vec<String>>()
    };
    let (shown, mut full) = if line.starts_with('[') {
        (line.to_string(), path(line.trim_matches(['[', ']'])))
    } else {
        let key = line.split_once('=')?.0.trim();
        let table = before
            .iter()
            .rev()
            .map(|l| l.trim())
            .find(|l| l.starts_with('['));
        let mut full = table.map_or_else(Vec::new, |t| path(t.trim_matches(['[', ']'])));
        full.extend(path(key));
        (format!("`{key}`"), full)
    };
    while full.len() > 1 {
        full.pop();
        let header = format!("[{}]", full.join("."));
        if let Some(n) = table_given_by_keys(&before, &header) {
            let name = full.last()?;
            return Some(format!(
                "{} adds to `{name}`, given whole as an inline table on line {}: an inline table takes nothing more; write these keys inside it, or write it as a table",
                if shown.starts_with('[') {
                    format!("`{shown}`")
                } else {
                    shown
                },
                n + 1
            ));
        }
    }
    None
}

/// The line (from 0) of `before` where the table a `header` names was
/// first given by a key (`translations.fr.title = …`, `note = { … }`), in
/// the same element of its array of tables.
fn table_given_by_keys(before: &[&str], header: &str) -> Option<usize> {
    let path = |s: &str| s.split('.').map(bare).collect::<Vec<_>>().join(".");
    let wanted = path(header.trim_matches(['[', ']']));
    let inside = |full: &str| full == wanted || full.starts_with(&format!("{wanted}."));
    let mut table = String::new();
    let mut first = None;
    for (n, line) in before.iter().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            table = path(line.trim_matches(['[', ']']));
            // A new element: what the last one gave is its own.
            if line.starts_with("[[") && wanted.starts_with(&format!("{table}.")) {
                first = None;
            }
            continue;
        }
        let Some((key, _)) = line.split_once('=').filter(|_| !line.starts_with('#')) else {
            continue;
        };
        let full = match table.as_str() {
            "" => path(key),
            t => format!("{t}.{}", path(key)),
        };
        if first.is_none() && inside(&full) {
            first = Some(n);
        }
    }
    first
}

/// A line trimmed, and a header without the comment after it
/// (`[response] # oops`).
/// A header line's table, its keys unquoted and unescaped and without
/// spaces (`[ "response" ]` is `[response]`, `[[a."b"]]` is `[[a.b]]`),
/// to tell two spellings of one table apart from two tables.
fn header_path(line: &str) -> Option<String> {
    let line = uncommented(line);
    let double = line.starts_with("[[");
    let brackets = if double { 2 } else { 1 };
    let inner = line
        .strip_prefix(&"[["[..brackets])?
        .strip_suffix(&"]]"[..brackets])?;
    let mut parts = Vec::new();
    let (mut start, mut quote, mut escaped) = (0, None, false);
    for (i, c) in inner.char_indices() {
        match quote {
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '.' => {
                parts.push(bare(&inner[start..i]).into_owned());
                start = i + 1;
            }
            None => {}
            // A basic string's `\"` goes on; a literal string has no escapes.
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
        }
    }
    parts.push(bare(&inner[start..]).into_owned());
    let path = parts.join(".");
    Some(match double {
        true => format!("[[{path}]]"),
        false => format!("[{path}]"),
    })
}

fn uncommented(line: &str) -> &str {
    let line = line.trim();
    match line.starts_with('[') {
        true => line.split('#').next().unwrap_or(line).trim_end(),
        false => line,
    }
}

/// The offset of the key (of a `key = value` line or a header) with the
/// most dotted parts in `text`, and how many.
fn deepest_key(text: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    let mut deepest: Option<(usize, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        // The line's keys: its header's, or each `key =` of the line, an
        // inline table's among them (`x = { k.k.k = 1 }`).
        let keys: Vec<&str> = match trimmed.strip_prefix('[') {
            Some(header) => header.trim_start_matches('[').split(']').take(1).collect(),
            None => (trimmed.split(['{', ',']))
                .filter_map(|piece| piece.split_once('=').map(|(k, _)| k))
                .collect(),
        };
        for key in keys {
            let parts = key.split('.').count();
            if deepest.is_none_or(|(_, most)| parts > most) {
                deepest = Some((offset + line.len() - trimmed.len(), parts));
            }
        }
        offset += line.len();
    }
    deepest
}

/// A key without its quotes and with its escapes read: `"title"` and
/// `"tit\u006ce"` are `title`.
fn bare(key: &str) -> Cow<'_, str> {
    let key = key.trim();
    let Some(quoted) = key.strip_prefix('"').and_then(|k| k.strip_suffix('"')) else {
        return Cow::Borrowed(key.trim_matches(['"', '\'']));
    };
    if !quoted.contains('\\') {
        return Cow::Borrowed(quoted);
    }
    let mut out = String::new();
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let hex = |chars: &mut std::str::Chars<'_>, n: usize| {
            let digits: String = chars.take(n).collect();
            u32::from_str_radix(&digits, 16)
                .ok()
                .and_then(char::from_u32)
        };
        let read = match chars.next() {
            Some('u') => hex(&mut chars, 4),
            Some('U') => hex(&mut chars, 8),
            Some('x') => hex(&mut chars, 2),
            Some('b') => Some('\u{8}'),
            Some('t') => Some('\t'),
            Some('n') => Some('\n'),
            Some('f') => Some('\u{c}'),
            Some('r') => Some('\r'),
            Some('e') => Some('\u{1b}'),
            other => other,
        };
        out.extend(read);
    }
    Cow::Owned(out)
}

/// The first line of a string's text that is a table header
/// (`[[response]]`, `[response.translations.fr]`).
fn header_in(string: &str) -> Option<&str> {
    string.lines().skip(1).map(str::trim).find(|l| {
        l.starts_with('[')
            && l.ends_with(']')
            && l.trim_matches(['[', ']'])
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | ' ' | '"'))
    })
}

/// What [`scan`] finds.
struct Scan {
    /// The offsets of the `[` and `{` of values still open at the end,
    /// outermost first.
    open: Vec<usize>,
    /// Each multi-line string, quotes included, in order.
    long_strings: Vec<Range<usize>>,
    /// Where a multi-line string opens that the file never closes.
    unclosed: Option<usize>,
}

/// The brackets of values still open at the end of `text`, and its
/// multi-line strings: strings and comments are skipped, and a table header
/// (`[defaults]`, `[[response]]`) is no value.
fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut open: Vec<usize> = Vec::new();
    let mut long_strings = Vec::new();
    let mut unclosed = None;
    // After `=`, until the line ends outside any bracket: a value.
    let mut in_value = false;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        match bytes[i] {
            b'#' => i += rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len()),
            b'"' | b'\'' => {
                let quote = bytes[i];
                let triple = rest.starts_with(&[quote; 3]);
                let opened = i;
                i += if triple { 3 } else { 1 };
                while i < bytes.len() {
                    if bytes[i] == b'\\' && quote == b'"' {
                        i += 2;
                        continue;
                    }
                    if !triple && bytes[i] == b'\n' {
                        break;
                    }
                    if bytes[i] == quote && (!triple || bytes[i..].starts_with(&[quote; 3])) {
                        i += if triple { 3 } else { 1 };
                        // `""""` ends with a quote in the string.
                        while triple && bytes.get(i) == Some(&quote) {
                            i += 1;
                        }
                        if triple {
                            long_strings.push(opened..i);
                        }
                        break;
                    }
                    i += 1;
                }
                let closed = long_strings.last().map(|s: &Range<usize>| s.start) == Some(opened);
                if triple && !closed {
                    unclosed = Some(opened);
                }
                continue;
            }
            b'=' => in_value = true,
            b'\n' if open.is_empty() => in_value = false,
            b'[' | b'{' if in_value || !open.is_empty() => open.push(i),
            b']' | b'}' if !open.is_empty() => {
                open.pop();
            }
            _ => {}
        }
        i += 1;
    }
    Scan {
        open,
        long_strings,
        unclosed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, message: &str) -> (usize, String) {
        let offset = text.find("title").expect("a title line");
        let (span, said) = first_error(text, offset..offset + 1, message);
        (span.start, said)
    }

    #[test]
    fn an_array_never_closed_is_told_at_its_bracket() {
        let text = "[[response]]\nid = \"a\"\ntags = [\"x\", \"y\"\ntitle = \"T\"\n";
        assert_eq!(
            at(text, "invalid boolean"),
            (
                text.find("[\"x").unwrap(),
                "this `[` is never closed, so what follows is read as its items: invalid boolean"
                    .to_string()
            )
        );
    }

    #[test]
    fn an_array_closed_on_a_later_line_is_not_blamed() {
        // A missing comma inside a multi-line array is the error itself.
        let text = "tags = [\n  \"a\"\n  title = \"b\",\n]\n";
        assert_eq!(at(text, "missing comma").1, "missing comma");
    }

    #[test]
    fn headers_strings_and_comments_hold_no_bracket() {
        let text = "[defaults] # [\n[[response]]\nbody = \"\"\"[{\"\"\"\nx = '['\ntitle = [\n";
        assert_eq!(scan(text).open, [text.rfind("[\n").unwrap()]);
        assert!(scan("[[response]]\nbody = \"a \\\" [\"\n").open.is_empty());
    }

    #[test]
    fn a_body_whose_closing_quotes_are_lost_is_told_at_its_opening_ones() {
        let text = "[[response]]\nbody = \"\"\"\nHi\n\n[[response]]\nbody = \"\"\"\nHello there\ntitle = 1\"\"\"\n";
        let offset = text.find("Hello there").unwrap() + 6;
        let (span, said) = first_error(text, offset..offset + 1, "key with no value");
        assert_eq!(span.start, text.find("\"\"\"").unwrap());
        assert_eq!(
            said,
            "this `\"\"\"` string runs on over `[[response]]`: are its closing `\"\"\"` missing? \
             What follows is read as TOML: key with no value"
        );
        // A string that holds no header is not blamed.
        let text = "body = \"\"\"\nHi\"\"\"\ntitle = x\n";
        assert_eq!(at(text, "invalid string").1, "invalid string");
    }

    #[test]
    fn the_last_body_never_closed_is_told_at_its_opening_quotes() {
        let text = "[[response]]\nid = \"a\"\nbody = \"\"\"\nHi\nthere\n";
        let (span, said) = first_error(
            text,
            text.len()..text.len(),
            "invalid multi-line basic string",
        );
        assert_eq!(span.start, text.find("\"\"\"").unwrap());
        assert_eq!(
            said,
            "this `\"\"\"` string is never closed: are its closing `\"\"\"` missing? \
             invalid multi-line basic string"
        );
        // Closed at the very end of the file, it is no error of its own.
        assert_eq!(scan("body = \"\"\"\nHi\"\"\"").unclosed, None);
    }

    #[test]
    fn a_duplicate_key_is_named_with_the_line_it_was_first_given_on() {
        let said = |text: &str, line: &str| {
            let at = text.find(line).unwrap();
            first_error(text, at..at + 1, "duplicate key").1
        };
        let doubled = "[[response]]\nurgency = \"high\"\nurgency = \"low\"\n";
        assert_eq!(
            said(doubled, "urgency = \"low"),
            "duplicate key `urgency` (first given on line 2)"
        );
        let joined = "[[response]]\nid = \"a\"\nbody = \"x\"\n\nid = \"b\"\n";
        assert_eq!(
            said(joined, "id = \"b"),
            "duplicate key `id` (first given on line 2): is a `[[response]]` line missing above it?"
        );
        let lost = "[[response]]\nid = \"a\"\ntitle = \"A\"\nbody = \"x\"\n\ntitle = \"B\"\n";
        assert_eq!(
            said(lost, "title = \"B"),
            "duplicate key `title` (first given on line 3): is a `[[response]]` line missing above it?"
        );
        let quoted = "[[response]]\ntitle = \"A\"\n\"title\" = \"B\"\n";
        assert_eq!(
            said(quoted, "\"title\" = \"B"),
            "duplicate key `\"title\"` (first given on line 2)"
        );
        // `[response]` typed for `[[response]]`.
        let single = "[[response]]\nid = \"a\"\n\n[response]\nid = \"c\"\n";
        assert_eq!(
            said(single, "[response]\nid = \"c"),
            "`[response]` where `[[response]]` is meant: the table above opens with \
             `[[response]]` (line 1), one of an array of tables, and so does each after it"
        );
        // A comment after the header changes nothing.
        let commented = "[[response]]\nid = \"a\"\n\n[response] # oops\nid = \"c\"\n";
        assert!(
            said(commented, "[response] #")
                .starts_with("`[response]` where `[[response]]` is meant"),
            "{}",
            said(commented, "[response] #")
        );
        // Or for the first one, `[[response]]` following it.
        let first = "[response]\nid = \"a\"\n\n[[response]]\nid = \"c\"\n";
        let at = first.find("[[").unwrap();
        let (span, message) = first_error(first, at..at + 1, "duplicate key");
        assert_eq!(span, 0..10);
        assert_eq!(
            message,
            "`[response]` where `[[response]]` is meant: a response opens with \
             `[[response]]`, one of an array of tables, as on line 4 below"
        );
        // Typed so for every response.
        let every = "[response]\nid = \"a\"\n\n[response]\nid = \"c\"\n";
        let at = every.rfind("[response]").unwrap();
        let (span, message) = first_error(every, at..at + 1, "duplicate key");
        assert_eq!(span, 0..10);
        assert!(
            message.starts_with("`[response]` where `[[response]]` is meant"),
            "{message}"
        );
        // Written with an escape, either time.
        let escaped = "[[response]]\n\"tit\\u006ce\" = \"A\"\ntitle = \"B\"\n";
        assert_eq!(
            said(escaped, "title = \"B"),
            "duplicate key `title` (first given on line 2)"
        );
        let escaped = "[[response]]\ntitle = \"A\"\n\"tit\\x6ce\" = \"B\"\n";
        assert_eq!(
            said(escaped, "\"tit\\x6ce\" = \"B"),
            "duplicate key `\"tit\\x6ce\"` (first given on line 2)"
        );
        // In an inline table, the key at the error, first given on its line.
        let inline =
            "[[response]]\ntranslations.fr = { title = \"F\", body = \"y\", title = \"G\" }\n";
        assert_eq!(
            said(inline, "title = \"G"),
            "duplicate key `title` (first given at column 21)"
        );
        let nested = "translations = { fr = { title = \"F\" }, \"fr\" = { title = \"G\" } }\n";
        assert_eq!(
            said(nested, "\"fr\" = { title = \"G"),
            "duplicate key `\"fr\"` (first given at column 18)"
        );
        // Over lines: the key at the error, and the line it was first on.
        let lines = "fr = { title = \"F\", examples = [\"a\",\n \"b\"], title = \"G\" }\n";
        assert_eq!(
            said(lines, "title = \"G"),
            "duplicate key `title` (first given on line 1)"
        );
        let dotted = "translations = { fr.title = \"F\", fr.title = \"G\" }\n";
        assert_eq!(
            said(dotted, "title = \"G"),
            "duplicate key `fr.title` (first given at column 18)"
        );
        // A table first given by a dotted key.
        let table =
            "[[response]]\ntranslations.fr.title = \"F\"\ntranslations.fr = { title = \"G\" }\n";
        let second = table.rfind("fr = {").unwrap();
        assert_eq!(
            first_error(table, second..second + 1, "duplicate key").1,
            "duplicate key `translations.fr` (first given on line 2)"
        );
        // A table first given by its keys, in this element of the array.
        let keyed = "[[response]]\ntranslations.fr.title = \"X\"\n[[response]]\nid = \"a\"\ntranslations.fr.title = \"F\"\n\n[response.translations.fr]\n";
        let header = keyed.rfind("[response.").unwrap();
        assert_eq!(
            first_error(keyed, header..header + 1, "duplicate key").1,
            "duplicate table `[response.translations.fr]` (first given on line 5)"
        );
        let inline = "[variables]\nnote = { description = \"x\" }\n[variables.note]\n";
        let header = inline.rfind("[variables.note]").unwrap();
        assert_eq!(
            first_error(inline, header..header + 1, "duplicate key").1,
            "duplicate table `[variables.note]` (first given on line 2)"
        );
        // A table inside one given whole inline: that one, and its line.
        let inline = "[variables]\nname = { description = \"n\" }\n\n[variables.name.sub]\n";
        let header = inline.find("[variables.name.sub]").unwrap();
        assert_eq!(
            first_error(
                inline,
                header..header + 1,
                "cannot extend value of type inline table with a dotted key"
            )
            .1,
            "`[variables.name.sub]` adds to `name`, given whole as an inline table on line 2: an inline table takes nothing more; write these keys inside it, or write it as a table"
        );
        let tables =
            "[[response]]\n[response.translations.fr]\nbody = \"a\"\n[response.translations.fr]\n";
        let second = tables.rfind("[response.").unwrap();
        assert_eq!(
            first_error(tables, second..second + 1, "duplicate key").1,
            "duplicate table `[response.translations.fr]` (first given on line 2)"
        );
    }

    #[test]
    fn a_bracket_opened_on_the_errors_own_line_is_the_error_itself() {
        let text = "title = [1, 2\n";
        assert_eq!(at(text, "unclosed array").1, "unclosed array");
    }
}
