//! Zendesk macros: titles split into topic and title, comments (plain or
//! HTML) as bodies, Liquid placeholders mapped to library variables.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::html::{html_to_text, take_comments};
use super::{Batch, Context, Finding, FindingKind, Located, tell_placeholders};
use crate::domain::append::{NewResponse, NewVariable};
use crate::domain::library::Manifest;
use crate::domain::model::Urgency;
use crate::domain::rules;
use crate::domain::rules::slug;
use crate::domain::template::BUILT_INS;
use crate::domain::text::{MarkKind, marks, sanitize, unify_breaks};

/// What a JSON value is, for an error: `a number`, `a list`.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Zendesk macros: `{"macros": […]}`, `{"macro": {…}}` or a bare list.
pub fn zendesk(json: &str, cx: &Context<'_>) -> Result<Batch, Vec<String>> {
    let json = json.trim_start_matches('\u{feff}');
    let mut root: Value = serde_json::from_str(json)
        .map_err(|e| vec![crate::domain::json::json_error(&e, json.as_bytes())])?;
    // Control and format characters (`\u001b`, U+202E) reach neither the
    // library nor the report on the terminal.
    sanitize_strings(&mut root);
    let macros: Vec<&Value> = match &root {
        Value::Array(a) => a.iter().collect(),
        Value::Object(o) => match (o.get("macros"), o.get("macro")) {
            (Some(Value::Array(a)), _) => a.iter().collect(),
            (_, Some(m @ Value::Object(_))) => vec![m],
            _ => return Err(vec![shape_error()]),
        },
        _ => return Err(vec![shape_error()]),
    };
    if macros.is_empty() {
        return Err(vec!["the file holds no macros".into()]);
    }
    let mut b = Batch::default();
    let mut ids = BTreeSet::new();
    let mut vars: BTreeMap<String, String> = BTreeMap::new();
    for (i, m) in macros.iter().enumerate() {
        match zendesk_macro(m, i, cx, &mut ids, &mut vars, &mut b.findings) {
            Ok(Some((d, source))) => {
                let origin = Located {
                    at: (i, 0),
                    text: source,
                };
                b.names.push((origin.clone(), "id", d.id.clone()));
                b.names
                    .extend((d.shortcut.iter()).map(|s| (origin.clone(), "shortcut", s.clone())));
                b.drafts.push(d);
                b.origins.push(origin);
            }
            Ok(None) => {}
            Err(e) => b.problems.push(Located {
                at: (i, 0),
                text: e,
            }),
        }
    }
    b.variables = declare(&vars, cx.manifest);
    b.topics = missing_topics(&b.drafts, cx.manifest);
    Ok(b)
}

/// Every string in `v` without control or invisible format characters
/// (`text::sanitize`), every kind of line break a `\n` first
/// (`text::unify_breaks`): a lone CR, a form feed, Unicode's line separator
/// dropped would glue "done.\u{2028}Thanks" into "done.Thanks". In HTML a
/// `\n` is white space, as a CR and a form feed are there.
fn sanitize_strings(v: &mut Value) {
    match v {
        Value::String(s) if s.chars().any(crate::domain::text::is_hidden) => {
            *s = sanitize(&unify_breaks(s));
        }
        Value::Array(a) => a.iter_mut().for_each(sanitize_strings),
        Value::Object(o) => o.values_mut().for_each(sanitize_strings),
        _ => {}
    }
}

fn shape_error() -> String {
    "expected Zendesk macros: {\"macros\": [...]}, {\"macro\": {...}} or a list of macros".into()
}

fn zendesk_macro(
    m: &Value,
    index: usize,
    cx: &Context<'_>,
    ids: &mut BTreeSet<String>,
    vars: &mut BTreeMap<String, String>,
    findings: &mut Vec<Finding>,
) -> Result<Option<(NewResponse, String)>, String> {
    let n = index + 1;
    let Some(obj) = m.as_object() else {
        return Err(format!("macro #{n} is not an object"));
    };
    let zid = match obj.get("id") {
        Some(Value::Number(x)) => x.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => format!("#{n}"),
    };
    let full_title = match obj.get("title") {
        Some(Value::String(t)) => t,
        None | Some(Value::Null) => return Err(format!("macro {zid} has no `title`")),
        Some(other) => {
            return Err(format!(
                "macro {zid}: `title` is {}, not text",
                json_kind(other)
            ));
        }
    };
    let full_title = one_line(full_title);
    let source = format!("macro {zid} \"{full_title}\"");
    let actions = match obj.get("actions") {
        Some(Value::Array(a)) => a.as_slice(),
        None | Some(Value::Null) => &[],
        Some(_) => return Err(format!("{source}: `actions` is not a list")),
    };

    let parts: Vec<&str> = full_title
        .split("::")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let (topic, title, mut tags): (String, String, Vec<String>) = match parts.as_slice() {
        [] => ("general".to_string(), full_title.clone(), Vec::new()),
        [one] => ("general".to_string(), (*one).to_string(), Vec::new()),
        [first, middle @ .., last] => (
            Some(slug(first))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "general".into()),
            (*last).to_string(),
            middle
                .iter()
                .map(|m| slug(m))
                .filter(|s| !s.is_empty())
                .collect(),
        ),
    };

    // A slug is always a valid topic; asked all the same, as everywhere.
    let topic = rules::topic(&topic, None)
        .map_err(|e| format!("{source}: {e}"))?
        .to_string();

    let mut body: Option<String> = None;
    let mut internal: Vec<String> = Vec::new();
    let mut urgency = None;
    let mut lost: Vec<String> = Vec::new();
    let mut private = false;
    for a in actions {
        let field = a.get("field").and_then(Value::as_str).unwrap_or("");
        let v = a.get("value").unwrap_or(&Value::Null);
        match field {
            "comment_value" | "comment_value_html" if body.is_none() => {
                // HTML comments are internal notes: never in the reply.
                let (text, comments) = take_comments(&comment_text(v));
                if !comments.is_empty() {
                    lost.push(format!(
                        "has {} in its comment (moved to the notes, out of the reply)",
                        if comments.len() == 1 {
                            "an HTML comment".to_string()
                        } else {
                            format!("{} HTML comments", comments.len())
                        }
                    ));
                }
                internal.extend(comments);
                body = Some(if field == "comment_value_html" {
                    html_to_text(&text)
                } else {
                    text.replace("\r\n", "\n")
                });
            }
            "comment_value" | "comment_value_html" => {
                // Kept word for word for a lead to merge or drop: a reply
                // is one text, and which one wins is not ours to guess.
                let (text, comments) = take_comments(&comment_text(v));
                internal.extend(comments);
                let text = if field == "comment_value_html" {
                    html_to_text(&text)
                } else {
                    text.replace("\r\n", "\n")
                };
                lost.push(format!(
                    "adds a second comment, not imported into the reply: \"{}\"",
                    text.trim()
                ));
            }
            // The tags help find the reply; what the macro did with them
            // to the ticket a reply cannot do, and is told.
            "current_tags" | "set_tags" => {
                for t in words(v) {
                    let t = t.to_lowercase();
                    if !tags.contains(&t) {
                        tags.push(t);
                    }
                }
                let value = scalar(v);
                lost.push(match field {
                    "current_tags" => format!("adds the tags {value} to the ticket"),
                    _ => format!("sets the ticket's tags to {value}, removing the others"),
                });
            }
            "comment_mode_is_public" => {
                // Exports write it bare or as a one-item list.
                private = is_false(v)
                    || v.as_array()
                        .is_some_and(|items| items.len() == 1 && is_false(&items[0]));
            }
            "priority" => {
                let p = scalar(v);
                urgency = match p.as_str() {
                    "urgent" => Some(Urgency::Critical),
                    "high" => Some(Urgency::High),
                    "normal" => Some(Urgency::Normal),
                    "low" => Some(Urgency::Low),
                    _ => None,
                };
                lost.push(format!("sets the ticket priority to {p}"));
            }
            _ => lost.push(describe_action(field, v)),
        }
    }
    if obj.get("restriction").is_some_and(|r| !r.is_null()) {
        lost.push("is restricted to some agents or groups".into());
    }
    let Some(body) = body.filter(|b| !b.trim().is_empty()) else {
        findings.push(Finding {
            source,
            id: None,
            kind: FindingKind::Skipped,
            detail: "no comment text: nothing to reply with".into(),
        });
        return Ok(None);
    };
    // Its comment is a note for colleagues ("known fraudster, do not
    // refund"): as a reply, an agent would paste it to the customer.
    if private {
        findings.push(Finding {
            source,
            id: None,
            kind: FindingKind::Skipped,
            detail: "posts its comment as an internal note, not a reply to the customer".into(),
        });
        return Ok(None);
    }

    let mut id = slug(&title);
    if id.is_empty() {
        id = slug(&format!("macro {zid}"));
    }
    let id = unique(&id, ids);
    ids.insert(id.clone());

    let converted = liquid(&body);
    for (var, placeholder) in &converted.variables {
        vars.entry(var.clone())
            .or_insert_with(|| placeholder.clone());
    }
    let mut notes = Vec::new();
    if let Some(d) = obj
        .get("description")
        .and_then(Value::as_str)
        .filter(|d| !d.trim().is_empty())
    {
        notes.push(d.trim().to_string());
    }
    notes.push(format!("Imported from Zendesk macro {zid}."));
    for comment in &internal {
        notes.push(format!(
            "Internal note (an HTML comment in Zendesk): {comment}"
        ));
    }
    if !lost.is_empty() {
        notes.push(format!("In Zendesk this macro also: {}.", lost.join("; ")));
    }
    if !converted.filters.is_empty() {
        notes.push(format!(
            "Liquid filters were dropped from: {}.",
            converted.filters.join(", ")
        ));
    }
    for text in &converted.left {
        notes.push(format!(
            "`{text}` was Zendesk {}: rewrite `{}` in the body (`canned use` refuses to copy it until then).",
            if text.starts_with("dc.") {
                "dynamic content"
            } else {
                "Liquid code"
            },
            unfilled(text)
        ));
    }
    for f in &converted.filters {
        lost.push(format!("formats {f} with a Liquid filter (dropped)"));
    }
    for detail in lost {
        findings.push(Finding {
            source: source.clone(),
            id: Some(id.clone()),
            kind: FindingKind::NotRepresentable,
            detail,
        });
    }
    for text in converted.left {
        findings.push(Finding {
            source: source.clone(),
            id: Some(id.clone()),
            kind: FindingKind::LeftAsText,
            detail: text,
        });
    }
    let inactive = obj.get("active").is_some_and(is_false);
    let draft = NewResponse {
        id,
        title,
        urgency,
        topic: Some(topic),
        tags,
        expires: inactive.then(|| cx.today.plus_days(-1)),
        notes: Some(notes.join("\n")),
        body: converted.text,
        ..NewResponse::default()
    };
    tell_placeholders(&draft.id, &draft.body, &source, findings);
    Ok(Some((draft, source)))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `base`, or `base-2`, `base-3`… whichever is not taken yet.
fn unique(base: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken.contains(c))
        .unwrap_or_default()
}

/// A comment's text: a string, or `["channel:all", "text"]`.
fn comment_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a
            .iter()
            .rev()
            .find_map(Value::as_str)
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "nothing".into(),
        Value::Array(a) => a.iter().map(scalar).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    }
}

fn words(v: &Value) -> Vec<String> {
    scalar(v).split_whitespace().map(str::to_string).collect()
}

fn describe_action(field: &str, v: &Value) -> String {
    let value = scalar(v);
    match field {
        "status" => format!("sets the status to {value}"),
        "type" => format!("sets the ticket type to {value}"),
        "assignee_id" => format!("assigns the ticket to {value}"),
        "group_id" => format!("assigns the ticket to group {value}"),
        "subject" => format!("sets the subject to \"{value}\""),
        "remove_tags" => format!("removes the tags {value}"),
        "ticket_form_id" => format!("sets the ticket form to {value}"),
        "brand_id" => format!("sets the brand to {value}"),
        "cc" => format!("copies {value}"),
        f if f.starts_with("custom_fields_") => format!(
            "sets custom field {} to {value}",
            f.trim_start_matches("custom_fields_")
        ),
        "" => "has an action without a field".into(),
        f => format!("sets {f} to {value}"),
    }
}

/// A Zendesk body with its Liquid placeholders mapped to library variables.
#[derive(Debug, Default, PartialEq, Eq)]
struct Converted {
    text: String,
    /// Variable name → the Zendesk placeholder it came from.
    variables: BTreeMap<String, String>,
    /// Dynamic content and Liquid code left as plain text.
    left: Vec<String>,
    /// Liquid filters that were dropped (`{{x | capitalize}}`).
    filters: Vec<String>,
}

fn liquid(src: &str) -> Converted {
    let mut out = Converted::default();
    let mut rest = src;
    // The closers found missing: missing after one opener, a closer is
    // missing after every later one, and is not looked for again (a body
    // of unclosed `{{` would otherwise be read to its end for each).
    let mut missing = [false; 2];
    while let Some(at) = rest.find(['{']) {
        out.text.push_str(&rest[..at]);
        rest = &rest[at..];
        let close = if rest.starts_with("{{") {
            "}}"
        } else if rest.starts_with("{%") {
            "%}"
        } else if rest.starts_with("{#") {
            // A Tera comment opener in plain text: keep it as text.
            out.text.push_str("{% raw %}{#{% endraw %}");
            rest = &rest[2..];
            continue;
        } else {
            out.text.push('{');
            rest = &rest[1..];
            continue;
        };
        let closer = usize::from(close == "%}");
        let end = if missing[closer] {
            None
        } else {
            rest[2..].find(close)
        };
        let Some(end) = end else {
            missing[closer] = true;
            out.text.push_str("{% raw %}");
            out.text.push_str(&rest[..2]);
            out.text.push_str("{% endraw %}");
            rest = &rest[2..];
            continue;
        };
        let inner = rest[2..2 + end].trim();
        let original = &rest[..end + 4];
        rest = &rest[end + 4..];
        let path = inner.split('|').next().unwrap_or("").trim();
        let plain_path = !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        if close == "}}" && plain_path && !path.starts_with("dc.") {
            let var = variable_for(path);
            out.text.push_str(&format!("{{{{ {var} }}}}"));
            if inner.contains('|') {
                out.filters.push(original.to_string());
            }
            out.variables
                .entry(var)
                .or_insert_with(|| original.to_string());
        } else {
            // Dynamic content (`{{dc.welcome_text}}`, text kept in Zendesk
            // that canned cannot fetch) and Liquid logic: kept visible, and
            // bracketed so `use` refuses to copy the reply until someone
            // rewrites it; never its bare words sent to a customer.
            let text = inner.replace(['{', '}'], "");
            out.text.push_str(&unfilled(&text));
            out.left.push(text);
        }
    }
    out.text.push_str(rest);
    out
}

/// `[text]`, which the placeholder detector flags so `use` refuses to copy
/// it (`[dc.welcome_text]`), or `[TODO text]` when brackets alone would not
/// be flagged (long, or with characters such as `|` or `=`).
fn unfilled(text: &str) -> String {
    let bracketed = format!("[{text}]");
    if marks(&bracketed)
        .iter()
        .any(|m| m.kind == MarkKind::Unfilled && m.text == bracketed)
    {
        bracketed
    } else {
        format!("[TODO {text}]")
    }
}

/// The library variable for a Zendesk placeholder path.
fn variable_for(path: &str) -> String {
    match path {
        "ticket.requester.first_name" | "ticket.requester.name" => "name".into(),
        "ticket.id" => "ticket".into(),
        "current_user.first_name" | "current_user.name" => "agent".into(),
        _ => {
            let parts: Vec<&str> = path.split('.').filter(|p| !p.is_empty()).collect();
            let parts = match parts.as_slice() {
                ["ticket", rest @ ..] if rest.len() >= 2 => rest,
                all => all,
            };
            let joined = parts.join("_");
            let joined = joined
                .strip_prefix("ticket_ticket_")
                .map_or(joined.clone(), |rest| format!("ticket_{rest}"));
            let mut s = String::new();
            for c in joined.chars() {
                let c = c.to_ascii_lowercase();
                if c.is_ascii_alphanumeric() {
                    s.push(c);
                } else if !s.ends_with('_') {
                    s.push('_');
                }
            }
            let s = s.trim_matches('_').to_string();
            if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
                format!("zendesk_{s}")
            } else {
                s
            }
        }
    }
}

/// Declarations for the variables the manifest lacks.
fn declare(vars: &BTreeMap<String, String>, m: &Manifest) -> Vec<NewVariable> {
    vars.iter()
        .filter(|(v, _)| !BUILT_INS.contains(&v.as_str()) && !m.variables.contains_key(*v))
        .map(|(v, placeholder)| {
            let (description, example) = match v.as_str() {
                "name" => ("Customer's first name".to_string(), "Sarah"),
                "ticket" => ("Ticket number".to_string(), "4821"),
                _ => (
                    format!("TODO: describe (imported from Zendesk {placeholder})"),
                    "TODO: an example",
                ),
            };
            NewVariable {
                name: v.clone(),
                description,
                example: example.into(),
            }
        })
        .collect()
}

fn missing_topics(drafts: &[NewResponse], m: &Manifest) -> Vec<String> {
    let Some(known) = &m.topics else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for t in drafts.iter().filter_map(|d| d.topic.as_ref()) {
        if !known.iter().any(|k| k == t.as_str()) && !out.contains(t) {
            out.push(t.clone());
        }
    }
    out
}

/// Whether a macro's `active` says no, however the export wrote it:
/// `false`, `0`, `"false"`, `"0"`.
fn is_false(v: &Value) -> bool {
    match v {
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => matches!(s.trim().to_ascii_lowercase().as_str(), "false" | "0" | "no"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_that_is_not_text_is_said_so() {
        let batch = try_import(r#"[{"id": 3, "title": 5, "actions": []}]"#).unwrap();
        let said: Vec<&str> = batch.problems.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(said, ["macro 3: `title` is a number, not text"]);
    }

    #[test]
    fn a_second_comment_is_kept_word_for_word_in_the_notes() {
        let batch = import(
            r#"[{"id": 7, "title": "Multi", "actions": [
                {"field": "comment_value", "value": "First."},
                {"field": "comment_value_html", "value": "<p>Second <b>one</b>.</p>"}]}]"#,
        );
        let d = &batch.drafts[0];
        assert_eq!(d.body, "First.");
        assert!(
            d.notes
                .as_deref()
                .is_some_and(|n| n
                    .contains("a second comment, not imported into the reply: \"Second one.\"")),
            "{:?}",
            d.notes
        );
    }

    #[test]
    fn liquid_placeholders_map_to_library_variables() {
        let c = liquid(
            "Hi {{ticket.requester.first_name}}, ticket #{{ticket.id}} from {{ current_user.name }}. {{ticket.organization.name | upcase}} {{dc.refund_policy}} {% if x %}y{% endif %} {#",
        );
        assert_eq!(
            c.text,
            "Hi {{ name }}, ticket #{{ ticket }} from {{ agent }}. {{ organization_name }} [dc.refund_policy] [if x]y[endif] {% raw %}{#{% endraw %}"
        );
        assert_eq!(
            c.variables.keys().collect::<Vec<_>>(),
            ["agent", "name", "organization_name", "ticket"]
        );
        assert_eq!(c.left, ["dc.refund_policy", "if x", "endif"]);
    }

    #[test]
    fn leftovers_are_always_text_that_use_refuses() {
        let c = liquid(
            "{{dc.welcome_text}} {{dc.a_very_long_dynamic_content_name_here}} {{ 'x' | upcase }} {% if a == \"b\" %}",
        );
        assert_eq!(
            c.text,
            "[dc.welcome_text] [TODO dc.a_very_long_dynamic_content_name_here] [TODO 'x' | upcase] [TODO if a == \"b\"]"
        );
        for left in c.left {
            let text = unfilled(&left);
            assert!(
                marks(&text).iter().any(|m| m.kind == MarkKind::Unfilled),
                "{text}"
            );
        }
    }

    #[test]
    fn an_opener_never_closed_stays_text_and_the_other_kind_still_converts() {
        let c = liquid("a {{ b {{ c {% d {{ e");
        assert_eq!(
            c.text,
            "a {% raw %}{{{% endraw %} b {% raw %}{{{% endraw %} c {% raw %}{%{% endraw %} d {% raw %}{{{% endraw %} e"
        );
        // A `{%` that never closes leaves a later `{{ … }}` a placeholder.
        let c = liquid("{% if x {{ticket.id}} {% y");
        assert_eq!(
            c.text,
            "{% raw %}{%{% endraw %} if x {{ ticket }} {% raw %}{%{% endraw %} y"
        );
    }

    /// `json` imported into a library with an empty manifest.
    fn try_import(json: &str) -> Result<Batch, Vec<String>> {
        let manifest = Manifest::default();
        let cx = Context {
            today: "2026-11-24".parse().unwrap(),
            manifest: &manifest,
        };
        zendesk(json, &cx)
    }

    fn import(json: &str) -> Batch {
        try_import(json).unwrap()
    }

    #[test]
    fn an_inactive_macro_is_expired_however_the_export_writes_no() {
        let macros: Vec<String> = ["false", "0", "\"false\"", "\"0\"", "true", "1", "\"true\"", "null"]
            .iter()
            .enumerate()
            .map(|(i, active)| {
                format!(r#"{{"id": {i}, "title": "M{i}", "active": {active}, "actions": [{{"field": "comment_value", "value": "Hi"}}]}}"#)
            })
            .collect();
        let b = import(&format!("[{}]", macros.join(",")));
        let expired: Vec<bool> = b.drafts.iter().map(|d| d.expires.is_some()).collect();
        assert_eq!(
            expired,
            [true, true, true, true, false, false, false, false]
        );
    }

    #[test]
    fn a_macro_that_posts_an_internal_note_is_no_reply() {
        let macros: Vec<String> = ["false", "0", "[\"false\"]", "true", "null"]
            .iter()
            .enumerate()
            .map(|(i, public)| {
                format!(r#"{{"id": {i}, "title": "M{i}", "actions": [{{"field": "comment_value", "value": "Internal: known fraudster"}}, {{"field": "comment_mode_is_public", "value": {public}}}]}}"#)
            })
            .collect();
        let b = import(&format!("[{}]", macros.join(",")));
        let ids: Vec<&str> = b.drafts.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["m3", "m4"]);
        let skipped: Vec<&str> = b
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Skipped)
            .map(|f| f.source.as_str())
            .collect();
        assert_eq!(
            skipped,
            ["macro 0 \"M0\"", "macro 1 \"M1\"", "macro 2 \"M2\""]
        );
    }

    #[test]
    fn html_comments_go_to_the_notes_not_the_reply() {
        let b = import(
            r#"[{"id": 1, "title": "Hi", "actions": [
                {"field": "comment_value_html", "value": "<p>Hello<!-- VIP: offer 10% --> there</p><!-- check CRM -->"}]},
                {"id": 2, "title": "Plain", "actions": [
                {"field": "comment_value", "value": "Hello <!-- internal --> you"}]}]"#,
        );
        assert_eq!(b.drafts[0].body, "Hello there");
        assert_eq!(
            b.drafts[0].notes.as_deref(),
            Some(
                "Imported from Zendesk macro 1.\n\
                 Internal note (an HTML comment in Zendesk): VIP: offer 10%\n\
                 Internal note (an HTML comment in Zendesk): check CRM\n\
                 In Zendesk this macro also: has 2 HTML comments in its comment (moved to the notes, out of the reply)."
            )
        );
        assert_eq!(b.drafts[1].body, "Hello  you");
        assert!(!b.drafts[1].body.contains("internal"));
    }

    #[test]
    fn control_characters_in_the_json_never_reach_the_library() {
        let b = import(
            r#"[{"id": "7\u001b[2J", "title": "Bad\u202Etitle", "description": "d\u0007", "actions": [
                {"field": "comment_value", "value": "Hi\u001b]52;c;eA==\u0007 you\r\nbye&#27;"},
                {"field": "status", "value": "solved\u001b[31m"}]}]"#,
        );
        let d = &b.drafts[0];
        assert_eq!(d.title, "Badtitle");
        assert_eq!(d.body, "Hi you\nbye&#27;");
        let notes = d.notes.as_deref().unwrap();
        assert!(
            !notes.chars().any(|c| c != '\n' && c.is_control()),
            "{notes:?}"
        );
        for f in &b.findings {
            assert!(!f.source.chars().any(char::is_control), "{f:?}");
            assert!(!f.detail.chars().any(char::is_control), "{f:?}");
        }
    }

    /// A lone CR, a form feed, a next-line and Unicode's separators part
    /// lines in a text comment and words in an HTML one: dropped, they
    /// glued "done.Thanks" in front of a customer.
    #[test]
    fn every_kind_of_line_break_parts_what_it_stood_between() {
        let b = import(
            r#"[{"id": 1, "title": "Text", "actions": [{"field": "comment_value",
                  "value": "Hello Sarah,\u2028Your refund is done.\u2029Thanks\rBye\fEnd\u0085PS"}]},
                {"id": 2, "title": "Html", "actions": [{"field": "comment_value_html",
                  "value": "<p>Hello Sarah, your\rrefund\fis done.\u2028Bye</p>"}]}]"#,
        );
        assert_eq!(
            b.drafts[0].body,
            "Hello Sarah,\nYour refund is done.\nThanks\nBye\nEnd\nPS"
        );
        assert_eq!(b.drafts[1].body, "Hello Sarah, your refund is done. Bye");
        // Written as references, in HTML, too.
        let b = import(
            r#"[{"id": 1, "title": "Refs", "actions": [{"field": "comment_value_html",
                  "value": "<p>Done.&#x2028;Thanks&#8233;Bye&#xB;Ciao</p>"}]}]"#,
        );
        assert_eq!(b.drafts[0].body, "Done. Thanks Bye Ciao");
    }
}
