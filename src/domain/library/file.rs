//! One response file: `[defaults]` and its `[[response]]` tables.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::fields::{Reader, Source, Value};
use super::manifest::Manifest;
use super::syntax;
use crate::domain::diagnostic::{Diagnostic, LineIndex, Location, Severity};
use crate::domain::model::{
    CustomerType, Lang, Response, ResponseId, Text, Topic, Translations, Urgency,
};
use crate::domain::rules;

const TOP: &[&str] = &["defaults", "response"];
const DEFAULTS: &[&str] = &["topic", "lang", "urgency", "customer", "owner", "tags"];
const RESPONSE: &[&str] = &[
    "id",
    "title",
    "shortcut",
    "urgency",
    "topic",
    "customer",
    "tags",
    "owner",
    "reviewed",
    "expires",
    "notes",
    "examples",
    "lang",
    "body",
    "translations",
];
const TRANSLATION: &[&str] = &["title", "body", "notes", "examples"];

/// What one file gave: its valid responses, its problems, and how many
/// responses had to be skipped.
#[derive(Default)]
pub struct FileOutcome {
    pub responses: Vec<Response>,
    pub problems: Vec<Diagnostic>,
    pub skipped: usize,
    /// The file could not be read as TOML at all.
    pub unreadable: bool,
    /// The names (id and shortcut) of each response skipped for its
    /// errors, that could be read: they are still taken, for `check` to
    /// tell of another response with the same name in the same run.
    pub invalid: Vec<Taken>,
    /// The responses skipped for errors in their other fields whose id and
    /// body could be read: `check` checks their templates all the same.
    pub rejected: Vec<Response>,
}

/// A name a response skipped for its errors still holds.
#[derive(Clone, Debug)]
pub struct Taken {
    pub name: String,
    /// `id` or `shortcut`.
    pub what: &'static str,
    /// The response's id.
    pub response: String,
    pub at: Location,
}

/// `[defaults]`, already checked.
#[derive(Default)]
struct Defaults {
    topic: Option<Topic>,
    /// `[defaults]` gives a topic, refused: a response without its own is
    /// left out for that one error, not told it has none.
    topic_refused: bool,
    lang: Option<Lang>,
    urgency: Option<Urgency>,
    customers: Option<Vec<CustomerType>>,
    owner: Option<String>,
    tags: Vec<String>,
}

/// Parses one response file. `path` is how the file is shown to the user.
pub fn parse(path: &Path, text: &str, manifest: &Manifest) -> FileOutcome {
    let src = Source {
        text,
        index: LineIndex::new(path, text),
    };
    let mut r = Reader::new(&src);
    let mut out = FileOutcome::default();
    let (root, errors) = DeTable::parse_recoverable(text);
    // The first syntax error only: the rest mostly follow from it (one
    // missing `]` made an error of every line after it), and are told once
    // it is fixed.
    if let Some(e) = errors
        .iter()
        .min_by_key(|e| e.span().map_or(0, |s| s.start))
    {
        let (span, message) =
            syntax::first_error(text, e.span().unwrap_or(0..0), e.message().trim());
        let more = match errors.len() - 1 {
            0 => String::new(),
            1 => "; 1 more error after it may follow from it".to_string(),
            n => format!("; {n} more errors after it may follow from it"),
        };
        r.error(&span, format!("invalid TOML: {message}")).hint = Some(format!(
            "the whole file is skipped until this is fixed{more}"
        ));
        out.problems = r.problems;
        out.unreadable = true;
        return out;
    }
    let root = root.into_inner();
    if root.is_empty() {
        r.error(&(0..0), "empty file: no responses in it").expected =
            Some("at least one [[response]] table".into());
        out.problems = r.problems;
        return out;
    }
    let mut top = r.fields(root, "a response file", TOP);
    let defaults = top
        .take("defaults")
        .and_then(|v| r.table(v, "defaults"))
        .map(|(t, _)| read_defaults(&mut r, t, manifest))
        .unwrap_or_default();
    let tables = match top.take("response") {
        Some(v) => {
            let span = v.span();
            match v.into_inner() {
                DeValue::Array(a) => a.into_iter().collect(),
                _ => {
                    r.error(&span, "`response` must be an array of tables")
                        .expected = Some("[[response]] tables".into());
                    Vec::new()
                }
            }
        }
        None => {
            r.error(&(0..0), "no responses in this file").expected =
                Some("at least one [[response]] table".into());
            Vec::new()
        }
    };
    top.finish(&mut r);

    // A response's table ends where the next one starts.
    let starts: Vec<usize> = tables.iter().map(|t: &Value<'_>| t.span().start).collect();
    // Exactly as many as there may be: a library holds all of them at once.
    out.responses.reserve_exact(tables.len());
    for (i, table) in tables.into_iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        // Only this response's problems are counted: all of them, at each
        // of 100,000 responses with errors, took seconds.
        let before = r.problems.len();
        let response = read_response(&mut r, table, &defaults, manifest, end);
        let id = r.response.take();
        let shortcut = r.shortcut.take();
        match response {
            // No topic without an error is the refused one of `[defaults]`.
            Some(resp) if !has_errors(&r.problems[before..]) && !resp.topic.as_str().is_empty() => {
                out.responses.push(resp);
            }
            rejected => {
                out.rejected.extend(rejected);
                out.skipped += 1;
                if let Some(id) = id {
                    let at = src.locate(starts[i]);
                    let names = std::iter::once((id.clone(), "id"))
                        .chain(shortcut.map(|s| (s, "shortcut")));
                    out.invalid.extend(names.map(|(name, what)| Taken {
                        name,
                        what,
                        response: id.clone(),
                        at: at.clone(),
                    }));
                }
            }
        }
    }
    out.problems = r.problems;
    out
}

fn has_errors(problems: &[Diagnostic]) -> bool {
    problems.iter().any(|p| p.severity == Severity::Error)
}

fn read_defaults(r: &mut Reader<'_, '_>, t: DeTable<'_>, m: &Manifest) -> Defaults {
    let mut f = r.fields(t, "[defaults]", DEFAULTS);
    let given = f.take("topic");
    let topic_given = given.is_some();
    let topic = given.and_then(|v| topic(r, v, m));
    let d = Defaults {
        topic_refused: topic_given && topic.is_none(),
        topic,
        lang: f.take("lang").and_then(|v| lang(r, v)),
        urgency: f.take("urgency").and_then(|v| urgency(r, v)),
        customers: f.take("customer").and_then(|v| customers(r, v, m)),
        owner: f
            .take("owner")
            .and_then(|v| r.line(v, "owner"))
            .map(Spanned::into_inner),
        tags: f.take("tags").and_then(|v| tags(r, v)).unwrap_or_default(),
    };
    f.finish(r);
    d
}

fn read_response(
    r: &mut Reader<'_, '_>,
    table: Value<'_>,
    defaults: &Defaults,
    m: &Manifest,
    end: usize,
) -> Option<Response> {
    let header = table.span();
    let (t, _) = r.table(table, "response")?;
    let mut f = r.fields(t, "a response", RESPONSE);

    let id = match f.take("id") {
        // An id a rule refuses still names the response in what `check`
        // says of it, and its template is checked all the same, when it
        // is plain text (`Refund_VIP`).
        Some(v) => {
            let written = plain_name(&v);
            identifier(r, v, "id").or(written)
        }
        None => {
            r.error(&header, "response has no `id`").expected =
                Some("id = \"order-in-transit\" (lowercase letters, digits and dashes)".into());
            None
        }
    };
    r.response = id.clone();
    let title = match f.take("title") {
        Some(v) => r.line(v, "title"),
        None => {
            r.error(&header, "response has no `title`").expected =
                Some("title = \"…\", one line".into());
            None
        }
    };
    let shortcut = f.take("shortcut").map(|v| {
        // One holding a hidden character too (`re\u{200b}fund`): it names
        // nothing but this response, which `edit` finds by it.
        let written = match v.get_ref() {
            DeValue::String(s) if !s.trim().is_empty() && !s.contains('\n') => Some(s.to_string()),
            _ => None,
        };
        (identifier(r, v, "shortcut"), written)
    });
    r.shortcut = shortcut.as_ref().and_then(|(valid, _)| valid.clone());
    // A refused shortcut still names the response left out for it, for
    // `edit` to open it by the name the agent types (`Re fund`).
    let shortcut = shortcut.and_then(|(valid, written)| valid.or(written));
    let urgency = f
        .take("urgency")
        .and_then(|v| urgency(r, v))
        .or(defaults.urgency)
        .unwrap_or_default();
    let topic = match f.take("topic") {
        Some(v) => topic(r, v, m),
        None if defaults.topic.is_some() => defaults.topic.clone(),
        None if defaults.topic_refused => None,
        None => {
            r.error(&header, "response has no `topic`").expected =
                Some("topic = \"…\" here or in [defaults]".into());
            None
        }
    };
    let customers = f
        .take("customer")
        .and_then(|v| customers(r, v, m))
        .or_else(|| defaults.customers.clone())
        .unwrap_or_else(|| vec![CustomerType::any()]);
    let mut tags = f.take("tags").and_then(|v| tags(r, v)).unwrap_or_default();
    for t in &defaults.tags {
        if !tags.contains(t) {
            tags.push(t.clone());
        }
    }
    let owner = f
        .take("owner")
        .and_then(|v| r.line(v, "owner"))
        .map(Spanned::into_inner)
        .or_else(|| defaults.owner.clone());
    let (reviewed, reviewed_at) = f
        .take("reviewed")
        .and_then(|v| r.date_at(v, "reviewed"))
        .unzip();
    let expires = f.take("expires").and_then(|v| r.date(v, "expires"));
    let notes = f
        .take("notes")
        .and_then(|v| r.string(v, "notes"))
        .map(Spanned::into_inner);
    let (examples, examples_at) = f
        .take("examples")
        .and_then(|v| examples(r, v))
        .unwrap_or_default();
    let lang = f
        .take("lang")
        .and_then(|v| lang(r, v))
        .or_else(|| defaults.lang.clone())
        .unwrap_or_else(|| m.default_lang.clone());
    let body = match f.take("body") {
        Some(v) => body(r, v),
        None => {
            r.error(&header, "response has no `body`").expected =
                Some("body = \"\"\"…\"\"\", the text of the reply".into());
            None
        }
    };
    let translations = f
        .take("translations")
        .map(|v| translations(r, v, &lang))
        .unwrap_or_default();
    f.finish(r);

    // With its id and body read, a response whose other fields are wrong
    // is still returned (its caller leaves it out): `check` checks its
    // template in the same run.
    let (body, body_at) = body?;
    let end_line = r.src.locate(trim_end(r.src.text, end)).line;
    let id = id?;
    Some(Response {
        shortcut,
        urgency,
        topic: topic.unwrap_or_else(|| Topic::new("")),
        customers,
        tags,
        owner,
        reviewed,
        reviewed_at,
        expires,
        lang,
        text: Text {
            title: title.map_or_else(|| id.clone(), Spanned::into_inner),
            body,
            notes,
            examples,
            examples_at,
            body_at,
        },
        translations,
        location: r.src.locate(header.start),
        end_line,
        id: ResponseId::new(id),
    })
}

/// The offset of the last character of a response that ends where the
/// next table starts (`end`): blank lines left out, and the comment lines
/// just above the next table, which head what follows (`# Refunds for
/// VIPs` above `[[response]]`), not this response's last lines.
fn trim_end(text: &str, end: usize) -> usize {
    let end = end.min(text.len());
    let mut trimmed = text[..end].trim_end();
    if end < text.len() {
        loop {
            let line_start = trimmed.rfind('\n').map_or(0, |i| i + 1);
            let line = &trimmed[line_start..];
            if line_start == 0 || !line.trim_start().starts_with('#') {
                break;
            }
            trimmed = trimmed[..line_start].trim_end();
        }
    }
    trimmed.len().saturating_sub(1)
}

fn translations(r: &mut Reader<'_, '_>, v: Value<'_>, own: &Lang) -> Translations {
    let mut out = Translations::default();
    // Each translation is a table of its own, under its language's tag.
    let Some((t, _)) = r.table_under(v, "translations", "response.translations.fr") else {
        return out;
    };
    for (key, v) in t {
        let key_span = key.span();
        let code = key.into_inner().into_owned();
        // A tag refused leaves the response out, but its text is read all
        // the same, for `check` to check its template in the same run:
        // told only once the tag was fixed, it made CI fail twice.
        if let Err(e) = rules::lang(&code) {
            let d = r.error(&key_span, e.message);
            d.expected = Some("[response.translations.fr] and the like".into());
            d.hint = e.hint;
        }
        if code == own.as_str() {
            r.error(
                &key_span,
                format!("translation into `{code}`, the response's own language"),
            )
            .hint = Some("put this text in the response itself, or change its `lang`".into());
            continue;
        }
        let field = format!("translations.{code}");
        let Some((table, span)) = r.table_under(v, &field, &format!("response.{field}")) else {
            continue;
        };
        let header = span.clone();
        let mut f = r.fields(table, "a translation", TRANSLATION);
        // What is given but wrong is reported where it is; what is not
        // given at all, below.
        let (title_given, body_given) = (f.take("title"), f.take("body"));
        let given = (title_given.is_some(), body_given.is_some());
        let title = title_given.and_then(|v| r.line(v, "title"));
        let body = body_given.and_then(|v| body(r, v));
        let notes = f
            .take("notes")
            .and_then(|v| r.string(v, "notes"))
            .map(Spanned::into_inner);
        let (examples, examples_at) = f
            .take("examples")
            .and_then(|v| examples(r, v))
            .unwrap_or_default();
        f.finish(r);
        let missing = match given {
            (false, false) => Some("`title` nor `body`"),
            (false, true) => Some("`title`"),
            (true, false) => Some("`body`"),
            (true, true) => None,
        };
        if let Some(missing) = missing {
            r.error(&header, format!("translation `{code}` has no {missing}"))
                .expected = Some("both `title` and `body`".into());
        }
        // A body read is kept, its title wrong or missing: the response is
        // left out for that error, and `check` checks the body's template
        // in the same run, as it does a response's own.
        if let Some((body, body_at)) = body {
            let title = title.map_or_else(|| code.clone(), Spanned::into_inner);
            out.insert(
                Lang::new(code),
                Text {
                    title,
                    body,
                    notes,
                    examples,
                    examples_at,
                    body_at,
                },
            );
        }
    }
    out
}

fn body(
    r: &mut Reader<'_, '_>,
    v: Value<'_>,
) -> Option<(String, crate::domain::diagnostic::TextAt)> {
    let span = v.span();
    let s = r.body(v)?.into_inner();
    if s.trim().is_empty() {
        r.error(&span, "`body` is empty").expected = Some("the text of the reply".into());
        return None;
    }
    let at = r.src.string_at(&span, &s);
    Some((s, at))
}

/// A name as written, when it is plain text on one line: a refused one
/// still names its response.
fn plain_name(v: &Value<'_>) -> Option<String> {
    match v.get_ref() {
        DeValue::String(s)
            if !s.trim().is_empty() && !s.contains('\n') && rules::visible("id", s).is_ok() =>
        {
            Some(s.to_string())
        }
        _ => None,
    }
}

fn identifier(r: &mut Reader<'_, '_>, v: Value<'_>, field: &str) -> Option<String> {
    r.checked(v, field, |s| rules::identifier(field, s))
}

fn urgency(r: &mut Reader<'_, '_>, v: Value<'_>) -> Option<Urgency> {
    r.checked(v, "urgency", rules::urgency)
}

fn topic(r: &mut Reader<'_, '_>, v: Value<'_>, m: &Manifest) -> Option<Topic> {
    let s = r.line(v, "topic")?;
    let span = s.span();
    rules::topic(&s.into_inner(), m.topics.as_deref())
        .map_err(|e| r.refuse(&span, e))
        .ok()
}

fn customers(r: &mut Reader<'_, '_>, v: Value<'_>, m: &Manifest) -> Option<Vec<CustomerType>> {
    let words = r.words(v, "customer")?;
    let mut out = Vec::new();
    let mut ok = true;
    for w in words {
        let span = w.span();
        match rules::customer(&w.into_inner(), m.customer_types.as_deref()) {
            Ok(c) => out.push(c),
            Err(e) => {
                r.refuse(&span, e);
                ok = false;
            }
        }
    }
    (ok && !out.is_empty()).then_some(out)
}

/// `examples`: short phrasings of how customers ask, one line each, with
/// where each one is.
fn examples(r: &mut Reader<'_, '_>, v: Value<'_>) -> Option<(Vec<String>, Vec<Location>)> {
    let list = r.list(v, "examples")?;
    let mut out = Vec::with_capacity(list.len());
    let mut at = Vec::with_capacity(list.len());
    for e in list {
        let span = e.span();
        let text = e.into_inner();
        if text.trim().is_empty() {
            r.error(&span, "an example is empty").expected =
                Some("a phrase a customer would write, such as \"where is my parcel\"".into());
        } else if text.contains(['\n', '\r']) {
            r.error(&span, "an example spans several lines").expected =
                Some("one line per example".into());
        } else {
            out.push(text.trim().to_string());
            at.push(r.src.locate(span.start));
        }
    }
    Some((out, at))
}

fn tags(r: &mut Reader<'_, '_>, v: Value<'_>) -> Option<Vec<String>> {
    r.words(v, "tags").map(|l| {
        l.into_iter()
            .map(|s| s.into_inner().trim().to_lowercase())
            .collect()
    })
}

fn lang(r: &mut Reader<'_, '_>, v: Value<'_>) -> Option<Lang> {
    r.checked(v, "lang", rules::lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> FileOutcome {
        parse(Path::new("t.toml"), text, &Manifest::default())
    }

    const GOOD: &str = "[defaults]\ntopic = \"shipping\"\n\n[[response]]\nid = \"transit\"\ntitle = \"On its way\"\ncustomer = [\"new\", \"loyal\"]\nreviewed = 2026-10-02\nbody = \"\"\"\nHi {{ name }}\"\"\"\n\n[response.translations.fr]\ntitle = \"En route\"\nbody = \"Bonjour\"\n";

    #[test]
    fn applies_defaults_and_reads_translations() {
        let out = parse_str(GOOD);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let r = &out.responses[0];
        assert_eq!(r.topic.as_str(), "shipping");
        assert_eq!(r.urgency, Urgency::Normal);
        assert_eq!(r.customers.len(), 2);
        assert_eq!(r.text.body, "Hi {{ name }}");
        assert_eq!(r.text.body_at.start.line, 10);
        assert!(r.translations.get(&Lang::new("fr")).is_some());
        assert_eq!(r.end_line, 14);
    }

    #[test]
    fn skips_a_response_with_an_unknown_field_and_keeps_the_others() {
        let text = format!("{GOOD}\n[[response]]\nid = \"b\"\ntitel = \"x\"\nbody = \"y\"\n");
        let out = parse_str(&text);
        assert_eq!(out.responses.len(), 1);
        assert_eq!(out.skipped, 1);
        let msgs: Vec<_> = out.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            msgs.contains(&"unknown field `titel` in a response"),
            "{msgs:?}"
        );
        assert!(msgs.contains(&"response has no `title`"), "{msgs:?}");
    }

    #[test]
    fn suggests_critical_for_urgent() {
        let out = parse_str(
            "[[response]]\nid = \"a\"\ntitle = \"t\"\ntopic = \"x\"\nurgency = \"urgent\"\nbody = \"b\"\n",
        );
        assert_eq!(
            out.problems[0].hint.as_deref(),
            Some("did you mean `critical`?")
        );
        assert_eq!(out.problems[0].location.line, 5);
    }

    /// A tag that is not a string is told as one item of the list, where it is.
    #[test]
    fn a_tag_that_is_not_a_string_is_located_in_its_list() {
        let out = parse_str(
            "[[response]]\nid = \"a\"\ntitle = \"t\"\ntopic = \"x\"\nbody = \"b\"\ntags = [\"ok\", 1]\n",
        );
        let p = &out.problems[0];
        assert_eq!(p.message, "`tags` must hold only strings, found an integer");
        assert_eq!((p.location.line, p.location.column), (6, 15));
    }

    /// An empty item is told as that item, not the whole list.
    #[test]
    fn an_empty_tag_is_told_as_one_item_where_it_is() {
        let out = parse_str(
            "[[response]]\nid = \"a\"\ntitle = \"t\"\ntopic = \"x\"\nbody = \"b\"\ntags = [\"ok\", \"\"]\n",
        );
        let p = &out.problems[0];
        assert_eq!(p.message, "an item of `tags` is empty");
        assert_eq!((p.location.line, p.location.column), (6, 15));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_text_loads_without_panicking_and_problems_are_located(text in "\\PC{0,400}") {
            let out = parse(Path::new("p.toml"), &text, &Manifest::default());
            for p in &out.problems {
                prop_assert!(p.location.line >= 1 && p.location.column >= 1);
            }
        }

        #[test]
        fn any_field_value_in_a_response_is_handled(key in "[a-z]{1,10}", value in "\\PC{0,40}") {
            let text = format!("[[response]]\nid = \"x\"\ntitle = \"t\"\ntopic = \"a\"\nbody = \"b\"\n{key} = {value:?}\n");
            let out = parse(Path::new("p.toml"), &text, &Manifest::default());
            prop_assert!(out.responses.len() + out.skipped == 1 || !out.problems.is_empty());
        }
    }
}
