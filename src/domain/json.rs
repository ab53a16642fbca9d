//! The one JSON shape of a response, for `list`, `show`, `find` and
//! `export`: tools reading any of them read the same fields. Built from a
//! loaded response or from the search index, which holds the same facts.
//! And how a JSON file `canned` reads (`--vars`, an import) is refused.

use std::path::Path;

use serde::Serialize;

use crate::domain::library::VariableSpec;
use crate::domain::model::{Lang, Response, Urgency};
use crate::domain::search::Index;

/// A response's metadata in one language (`title` and `lang` go together).
#[derive(Serialize)]
pub struct ResponseJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub lang: &'a str,
    /// Every language it is written in, its own first.
    pub languages: Vec<&'a str>,
    pub shortcut: Option<&'a str>,
    pub urgency: Urgency,
    pub topic: &'a str,
    pub customer: Vec<&'a str>,
    pub tags: &'a [String],
    pub owner: Option<&'a str>,
    pub reviewed: Option<String>,
    pub expires: Option<String>,
    /// The file, relative to the library, with `/` between folders.
    pub file: String,
    pub line: usize,
}

impl<'a> ResponseJson<'a> {
    /// `r` in `lang` (its own language when it has no such translation), in
    /// the library at `root`.
    pub fn of_response(r: &'a Response, lang: &'a Lang, root: &Path) -> ResponseJson<'a> {
        let (lang, text) = match r.text_in(lang) {
            Some(t) => (lang, t),
            None => (&r.lang, &r.text),
        };
        ResponseJson {
            id: r.id.as_str(),
            title: &text.title,
            lang: lang.as_str(),
            languages: r.languages().map(Lang::as_str).collect(),
            shortcut: r.shortcut.as_deref(),
            urgency: r.urgency,
            topic: r.topic.as_str(),
            customer: r.customers.iter().map(|c| c.as_str()).collect(),
            tags: &r.tags,
            owner: r.owner.as_deref(),
            reviewed: r.reviewed.map(|d| d.to_string()),
            expires: r.expires.map(|d| d.to_string()),
            file: relative(&r.location.path, root),
            line: r.location.line,
        }
    }

    /// Document `doc` of the index in language `lang` (an index into
    /// `Index::langs`).
    pub fn of_doc(index: &'a Index, doc: usize, lang: u8) -> ResponseJson<'a> {
        let d = &index.docs[doc];
        let lang_of = |l: u8| index.langs.get(usize::from(l)).map_or("", String::as_str);
        let shown = if d.langs.contains(&lang) {
            lang
        } else {
            d.langs.first().copied().unwrap_or(0)
        };
        ResponseJson {
            id: &d.id,
            title: d.title_in(shown),
            lang: lang_of(shown),
            languages: d.langs.iter().map(|&l| lang_of(l)).collect(),
            shortcut: d.shortcut.as_deref(),
            urgency: d.urgency,
            topic: &d.topic,
            customer: d.customers.iter().map(String::as_str).collect(),
            tags: &d.tags,
            owner: d.owner.as_deref(),
            reviewed: d.reviewed.map(|d| d.to_string()),
            expires: d.expires.map(|d| d.to_string()),
            file: relative(Path::new(&d.file), Path::new("")),
            line: d.line,
        }
    }
}

/// What the manifest says of a variable (all absent when it says nothing).
#[derive(Serialize)]
pub struct VariableJson<'a> {
    pub description: Option<&'a str>,
    pub example: Option<&'a str>,
    pub default: Option<&'a str>,
    pub pattern: Option<&'a str>,
}

impl<'a> VariableJson<'a> {
    pub fn of(spec: Option<&'a VariableSpec>) -> VariableJson<'a> {
        VariableJson {
            description: spec.and_then(|s| s.description.as_deref()),
            example: spec.and_then(|s| s.example.as_deref()),
            default: spec.and_then(|s| s.default.as_deref()),
            pattern: spec
                .and_then(|s| s.pattern.as_ref())
                .map(|p| p.source.as_str()),
        }
    }
}

/// `path` relative to `root` when it is below it, with `/` separators and
/// any non-UTF-8 byte replaced, so JSON can always hold it.
/// A file's path relative to the library's `root`, with `/` between
/// folders: how every JSON output names a response's file.
pub fn relative(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Where and why `serde_json` refused the input, said once (its message
/// ends with the place again) and with columns from 1, as everywhere else.
pub fn json_error(e: &serde_json::Error, input: &[u8]) -> String {
    let text = e.to_string();
    let why = text
        .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
        .unwrap_or(&text);
    // serde_json counts bytes; a column is characters, as `check` counts
    // them ("Zoë" is three).
    let column = input
        .split(|&b| b == b'\n')
        .nth(e.line().saturating_sub(1))
        .map_or(e.column(), |line| {
            String::from_utf8_lossy(&line[..e.column().saturating_sub(1).min(line.len())])
                .chars()
                .count()
                + 1
        });
    if why == "recursion limit exceeded" {
        // Valid JSON, all the same: no helpdesk export nests so deep.
        format!(
            "line {}, column {column}: objects and arrays nest 128 deep here, \
             deeper than canned reads",
            e.line()
        )
    } else if e.is_eof() {
        format!("not valid JSON: the file ends too soon ({why})")
    } else if e.is_data() {
        // JSON, but not as `canned` takes it (a key given twice): told at
        // that key, where serde_json is past its value by then.
        let (line, column) =
            key_given_twice(input, e.line(), e.column(), why).unwrap_or((e.line(), column));
        format!("line {line}, column {column}: {why}")
    } else {
        format!(
            "not valid JSON at line {}, column {column}: {why}",
            e.line()
        )
    }
}

/// Where the key [`parse_unique`] refused (`why` names it) is given the
/// second time, as a line and a column in characters: the last time it is
/// written as a key before where the error was found.
fn key_given_twice(input: &[u8], line: usize, column: usize, why: &str) -> Option<(usize, usize)> {
    let key = why.strip_prefix('`')?.split_once("` is given twice")?.0;
    let line_start: usize = (input.split(|&b| b == b'\n'))
        .take(line.saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum();
    let end = (line_start + column.saturating_sub(1)).min(input.len());
    // Each string of the text, read whole so that a quote escaped in one
    // does not end it; a key is one a colon follows, and it is compared
    // unescaped: `"ord\u0065r"` is `order`.
    let mut at = None;
    let mut i = 0;
    while i < end {
        if input[i] != b'"' {
            i += 1;
            continue;
        }
        let mut close = i + 1;
        while close < input.len() && input[close] != b'"' {
            close += if input[close] == b'\\' { 2 } else { 1 };
        }
        let literal = &input[i..(close + 1).min(input.len())];
        let after = &input[(close + 1).min(input.len())..];
        let is_key = after.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':');
        if is_key && serde_json::from_slice::<String>(literal).is_ok_and(|k| k == key) {
            at = Some(i);
        }
        i = close + 1;
    }
    let at = at?;
    let start = input[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |n| n + 1);
    let line = input[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    Some((
        line,
        String::from_utf8_lossy(&input[start..at]).chars().count() + 1,
    ))
}

/// A JSON document `canned` reads whose objects name each key once:
/// `{"name": "Tom", "name": "Jerry"}` is refused, where serde_json keeps
/// the later in silence and the customer would read one of two names no
/// one chose.
pub fn parse_unique(json: &[u8]) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::from_slice::<Unique>(json).map(|u| u.0)
}

struct Unique(serde_json::Value);

impl<'de> serde::Deserialize<'de> for Unique {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unique, D::Error> {
        d.deserialize_any(UniqueVisitor).map(Unique)
    }
}

struct UniqueVisitor;

/// The key serde_json's `arbitrary_precision` gives a number under.
const NUMBER: &str = "$serde_json::private::Number";

impl<'de> serde::de::Visitor<'de> for UniqueVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // `arbitrary_precision` hands a number over as a one-key map
            // holding its digits as written.
            if key == NUMBER && out.is_empty() {
                let digits: String = map.next_value()?;
                return digits
                    .parse::<serde_json::Number>()
                    .map(serde_json::Value::Number)
                    .map_err(serde::de::Error::custom);
            }
            let Unique(value) = map.next_value()?;
            // The same value twice is no slip (`1245` and `"1245"`, `fr`
            // and `FR`), nor is an empty one after a value; two are, named.
            let text = |v: &serde_json::Value| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Null => Some(String::new()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            };
            let same = |a: &serde_json::Value, b: &serde_json::Value| {
                a == b
                    || match (text(a), text(b)) {
                        (Some(a), Some(b)) => {
                            b.trim().is_empty()
                                || crate::domain::values::given_once(&key, &a, &b).is_ok()
                        }
                        _ => false,
                    }
            };
            if let Some(before) = out.get(&key) {
                if same(before, &value) {
                    continue;
                }
                if text(before).is_some_and(|b| b.trim().is_empty()) && text(&value).is_some() {
                    out.insert(key, value);
                    continue;
                }
                let shown = |v: &serde_json::Value| {
                    let text = crate::domain::text::one_line(&v.to_string());
                    match text.chars().count() > 40 {
                        true => format!("{}…", text.chars().take(40).collect::<String>()),
                        false => text,
                    }
                };
                return Err(serde::de::Error::custom(format!(
                    "`{}` is given twice, {} and {}: give the one meant",
                    crate::domain::text::one_line(&key),
                    shown(before),
                    shown(&value)
                )));
            }
            out.insert(key, value);
        }
        Ok(serde_json::Value::Object(out))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Unique(value)) = seq.next_element()? {
            out.push(value);
        }
        Ok(serde_json::Value::Array(out))
    }

    // Everything else is read as serde_json reads it, numbers with the
    // digits written (`arbitrary_precision`) included.
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Bool(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_given_twice_is_refused_where_it_is_and_numbers_keep_their_digits() {
        let input = b"{\"a\": {\"name\": \"Tom\",\n \"name\": \"Jerry\"}}";
        let e = parse_unique(input).unwrap_err();
        assert_eq!(
            json_error(&e, input),
            "line 2, column 2: `name` is given twice, \"Tom\" and \"Jerry\": give the one meant"
        );
        // At the key, not past its value at the object's end.
        let input = "{\"name\":\"Zoë\",\"order\":1245,\"order\":1246}".as_bytes();
        assert_eq!(
            json_error(&parse_unique(input).unwrap_err(), input),
            "line 1, column 28: `order` is given twice, 1245 and 1246: give the one meant"
        );
        // Written with an escape, the second time or the first; a value
        // that spells the key with a quote escaped in it is no key.
        let input = br#"{"order": 1245, "note": "\"order\": 1", "ord\u0065r": 1246}"#;
        assert_eq!(
            json_error(&parse_unique(input).unwrap_err(), input),
            "line 1, column 41: `order` is given twice, 1245 and 1246: give the one meant"
        );
        let input = br#"{"ord\u0065r": 1245, "order": 1246}"#;
        assert_eq!(
            json_error(&parse_unique(input).unwrap_err(), input),
            "line 1, column 22: `order` is given twice, 1245 and 1246: give the one meant"
        );
        assert!(parse_unique(br#"{"a": 1, "a": 1}"#).is_ok());
        let v =
            parse_unique(br#"{"amount": 49.90, "order": 12345678901234567890123, "l": [1, null]}"#)
                .unwrap();
        assert_eq!(v["amount"].to_string(), "49.90");
        assert_eq!(v["order"].to_string(), "12345678901234567890123");
        assert_eq!(v["l"], serde_json::json!([1, null]));
    }

    #[test]
    fn json_errors_say_where_once_with_columns_from_one() {
        let error = |json: &str| {
            json_error(
                &serde_json::from_str::<serde_json::Value>(json).unwrap_err(),
                json.as_bytes(),
            )
        };
        assert_eq!(
            error("[\n  1\n"),
            "not valid JSON: the file ends too soon (EOF while parsing a list)"
        );
        assert_eq!(
            error("{\"a\": 1,}"),
            "not valid JSON at line 1, column 9: trailing comma"
        );
        // Characters, not bytes: `o` is the 21st.
        assert_eq!(
            error("{\"ééééé\":\"x\", \"b\":1 oops}"),
            "not valid JSON at line 1, column 21: expected `,` or `}`"
        );
        // Too deep is no invalid JSON.
        let deep = format!("{{\"a\": {}1{}}}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            json_error(&parse_unique(deep.as_bytes()).unwrap_err(), deep.as_bytes()),
            "line 1, column 133: objects and arrays nest 128 deep here, deeper than canned reads"
        );
    }
}
