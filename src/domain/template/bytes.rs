//! The bytes an expression makes, charged to the render's work count.
//!
//! A tag's static step says nothing of the size of what its filters make:
//! ten `replace` in a row turn a 4-byte value into 4 KiB, a chain of `~`
//! copies its growing text at every link, and the 1 MiB cap on each filter
//! bounds one call, not their sum. So each filter and each `range` call is
//! given to Tera followed by the byte filter (`x | replace(…)` becomes
//! `x | replace(…) | __bytes(k=K, f="replace")`), which charges a step per
//! [`BYTES_PER_STEP`] bytes of what it is handed, K times: K is one more
//! than the number of `~` in the tag, since a chain of `~` copies each of
//! its operands once per link. The other operands of a `~` (values and
//! literals) have known sizes and are charged with the tag (see `work`).

use std::collections::HashMap;

use tera::Value;

/// A step for each this many bytes a filter or `range` makes, or a `~`
/// copies. A million steps make at most 16 MB: tens of milliseconds in a release
/// build.
pub const BYTES_PER_STEP: u64 = 16;

/// The steps of a filter or `range` call, whatever it makes: with its
/// arguments' map and the byte filter after it, a call is slower than a
/// tag. Measured in a release build on the benchmark machine, a million
/// steps of calls take 0.12 s at four steps a call (at one, 0.8 s under
/// load); a million steps of plain tags take 0.06 s.
pub const STEPS_PER_CALL: u64 = 4;

/// The byte filter; a name no library can use by accident.
pub const FILTER: &str = "__bytes";

/// Functions whose result has a size worth charging (`range` is the one
/// Tera defines; no other is registered).
const FUNCTIONS: [&str; 1] = ["range"];

/// A call whose result is charged: the filter's or function's name, the
/// offset its text starts at (the `|` of a filter) and the one after it ends.
#[derive(Debug, PartialEq, Eq)]
pub struct Call<'a> {
    pub name: &'a str,
    pub start: usize,
    pub end: usize,
}

/// What one tag (`source[start..end]`, delimiters included) does whose cost
/// grows with the size of its values: its calls, and how many `~` it has.
pub fn scan(source: &str, start: usize, end: usize) -> (Vec<Call<'_>>, u64) {
    let b = source.as_bytes();
    let stop = end.saturating_sub(2);
    let mut calls = Vec::new();
    let mut concats = 0u64;
    let closes = matching_parens(b, start + 2, stop);
    let mut i = start + 2;
    // The last byte that is not whitespace, to tell `| upper` from `upper`.
    let mut prev = b' ';
    while i < stop {
        let c = b[i];
        if matches!(c, b'"' | b'\'' | b'`') {
            i = after_string(b, i, stop);
            prev = b'"';
            continue;
        }
        if c == b'~' {
            concats += 1;
        }
        if c == b'|' {
            let name_at = skip_space(b, i + 1, stop);
            let name_end = ident_end(b, name_at, stop);
            if name_end > name_at {
                calls.push(Call {
                    name: &source[name_at..name_end],
                    start: i,
                    end: call_end(b, &closes, name_end, stop),
                });
            }
        }
        if is_ident_start(c) {
            let word_end = ident_end(b, i, stop);
            let word = &source[i..word_end];
            let open = skip_space(b, word_end, stop);
            if prev != b'|'
                && prev != b'.'
                && b.get(open) == Some(&b'(')
                && FUNCTIONS.contains(&word)
            {
                calls.push(Call {
                    name: word,
                    start: i,
                    end: call_end(b, &closes, word_end, stop),
                });
            }
            prev = b'a';
            i = word_end;
            continue;
        }
        if !c.is_ascii_whitespace() {
            prev = c;
        }
        i += 1;
    }
    (calls, concats)
}

/// The size of a value in bytes: a string's length, a list's or a map's
/// items (an explicit stack: a nested literal must not overflow ours).
pub fn size(value: &Value) -> u64 {
    let mut total = 0u64;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        if let Some(s) = v.as_str() {
            total = total.saturating_add(s.len() as u64);
        } else if let Some(items) = v.as_array() {
            total = total.saturating_add(items.len() as u64);
            stack.extend(items);
        } else if let Some(map) = v.as_map() {
            total = total.saturating_add(map.len() as u64);
            stack.extend(map.values());
        } else {
            total = total.saturating_add(8);
        }
    }
    total
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn ident_end(b: &[u8], from: usize, stop: usize) -> usize {
    if from >= stop || !is_ident_start(b[from]) {
        return from;
    }
    (from..stop)
        .find(|&i| !(b[i].is_ascii_alphanumeric() || b[i] == b'_'))
        .unwrap_or(stop)
}

fn skip_space(b: &[u8], from: usize, stop: usize) -> usize {
    (from..stop)
        .find(|&i| !b[i].is_ascii_whitespace())
        .unwrap_or(stop)
}

fn after_string(b: &[u8], open: usize, stop: usize) -> usize {
    (open + 1..stop)
        .find(|&i| b[i] == b[open])
        .map_or(stop, |i| i + 1)
}

/// Where a call whose name ends at `name_end` ends: after its balanced
/// `( … )` if it has one, else after its name.
fn call_end(b: &[u8], closes: &HashMap<usize, usize>, name_end: usize, stop: usize) -> usize {
    let open = skip_space(b, name_end, stop);
    match closes.get(&open) {
        Some(&close) if b.get(open) == Some(&b'(') => close + 1,
        // No arguments, or unbalanced ones: Tera reports the syntax error.
        _ => name_end,
    }
}

/// The `)` matching each `(` of `b[from..stop]`, quotes skipped: one pass,
/// so a tag of many calls is not read once per call.
fn matching_parens(b: &[u8], from: usize, stop: usize) -> HashMap<usize, usize> {
    let mut closes = HashMap::new();
    let mut open = Vec::new();
    let mut i = from;
    while i < stop {
        match b[i] {
            b'"' | b'\'' | b'`' => {
                i = after_string(b, i, stop);
                continue;
            }
            b'(' => open.push(i),
            b')' => {
                if let Some(o) = open.pop() {
                    closes.insert(o, i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    closes
}

/// The text given to Tera after a call, charging what it made `k` times.
pub fn charge_text(call: &Call<'_>, k: u64) -> String {
    format!(" | {FILTER}(k={k}, f=\"{}\")", call.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(tag: &str) -> (Vec<(&str, &str)>, u64) {
        let (calls, concats) = scan(tag, 0, tag.len());
        let found = calls
            .iter()
            .map(|c| (c.name, &tag[c.start..c.end]))
            .collect();
        (found, concats)
    }

    #[test]
    fn finds_each_filter_and_range_call_with_its_arguments() {
        assert_eq!(
            calls("{{ a | replace(from=\")\", to=b | upper) ~ 'x|y' ~ range(end=3) | join }}"),
            (
                vec![
                    ("replace", "| replace(from=\")\", to=b | upper)"),
                    ("upper", "| upper"),
                    ("range", "range(end=3)"),
                    ("join", "| join"),
                ],
                2
            )
        );
        // A variable called `range`, a field, a test: nothing is made.
        assert_eq!(
            calls("{% if range and x.range(1) and x is containing('a') %}"),
            (vec![], 0)
        );
        // Unbalanced text is Tera's to report.
        assert_eq!(calls("{{ a | f(x=1 }}"), (vec![("f", "| f")], 0));
    }

    #[test]
    fn a_value_s_size_counts_every_string_in_it() {
        let v = Value::from(vec![
            Value::from("abc"),
            Value::from(vec![Value::from("de")]),
        ]);
        assert_eq!(size(&v), 2 + 3 + 1 + 2);
        assert_eq!(size(&Value::from(7)), 8);
    }
}
