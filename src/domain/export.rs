//! The whole library for other tools: JSON (every field), CSV (the columns
//! `canned import --from csv` reads) and a Markdown catalogue. Pure.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde::Serialize;

use crate::domain::date::Date;
use crate::domain::import::{CSV_COLUMNS, export_cell, export_list};
use crate::domain::json::{ResponseJson, VariableJson};
use crate::domain::library::Library;
use crate::domain::model::{Lang, Response, Text, Translations};

#[derive(Serialize)]
struct JsonLibrary<'a> {
    name: Option<&'a str>,
    default_lang: &'a str,
    languages: Vec<&'a str>,
    topics: Option<Vec<&'a str>>,
    customer_types: Option<Vec<&'a str>>,
    stale_after_days: i64,
    max_body_words: usize,
    jargon: &'a [String],
    variables: BTreeMap<&'a str, VariableJson<'a>>,
    partials: BTreeMap<&'a str, &'a str>,
    responses: Vec<JsonResponse<'a>>,
}

#[derive(Serialize)]
struct JsonResponse<'a> {
    #[serde(flatten)]
    response: ResponseJson<'a>,
    notes: Option<&'a str>,
    examples: &'a [String],
    body: &'a str,
    translations: BTreeMap<&'a str, JsonText<'a>>,
}

#[derive(Serialize)]
struct JsonText<'a> {
    title: &'a str,
    body: &'a str,
    notes: Option<&'a str>,
    examples: &'a [String],
}

fn json_text(t: &Text) -> JsonText<'_> {
    JsonText {
        title: &t.title,
        body: &t.body,
        notes: t.notes.as_deref(),
        examples: &t.examples,
    }
}

/// `lib` with its texts' line ends written `\n`, as `show` and `use` give
/// them: a file saved on Windows (or checked out with `core.autocrlf`)
/// exported `\r\n` in its bodies, so one library exported two ways, and an
/// import of that export wrote a `\r` at the end of each line.
pub fn with_unix_line_ends(mut lib: Library) -> Library {
    fn lf(s: &mut String) {
        if let std::borrow::Cow::Owned(t) = crate::domain::text::with_lf(s) {
            *s = t;
        }
    }
    fn text(t: &mut Text) {
        lf(&mut t.body);
        t.notes.iter_mut().for_each(lf);
        t.examples.iter_mut().for_each(lf);
    }
    for r in &mut lib.responses {
        text(&mut r.text);
        r.translations.values_mut().for_each(text);
    }
    for p in lib.manifest.partials.values_mut() {
        lf(&mut p.body);
    }
    lib
}

/// What an export leaves out: whole responses, by id, and translations
/// of responses kept, by id and language.
#[derive(Debug, Default)]
pub struct LeftOut {
    pub responses: Vec<String>,
    pub translations: Vec<(String, Lang)>,
}

/// `lib` without the texts `check` fails (see
/// [`check::failing_responses`](crate::domain::check::failing_responses)),
/// or that `use` refuses to copy (a merge conflict left in a body, `XXX`,
/// `[Name]`), their own, a partial's they include, or a declared default's
/// they read: a helpdesk fed by the export would publish what an agent is
/// never let copy. A response whose own text fails is left out whole; one
/// whose translation alone fails keeps its other languages, as `use` copies
/// them.
pub fn without_failing(mut lib: Library, today: Date) -> (Library, LeftOut) {
    use crate::domain::check::{failing_responses, unfilled_in};
    use crate::domain::template::{includes, placeholders};
    // The partials holding such text, or including one that does
    // ("Regards, XXX" in a signature every reply includes).
    let partials = &lib.manifest.partials;
    // A declared default holding such text (`default = "[Rep name]"`)
    // goes into every reply sent without the value.
    let bad_defaults: BTreeSet<String> = (lib.manifest.variables.iter())
        .filter(|(_, v)| (v.default.as_deref()).is_some_and(|d| !unfilled_in(d).is_empty()))
        .map(|(name, _)| name.clone())
        .collect();
    let reads_bad_default = |body: &str| {
        placeholders(body)
            .iter()
            .any(|v| bad_defaults.contains(v.as_str()))
    };
    let mut bad: BTreeSet<String> = partials
        .iter()
        .filter(|(_, p)| !unfilled_in(&p.body).is_empty() || reads_bad_default(&p.body))
        .map(|(name, _)| name.clone())
        .collect();
    loop {
        let more: Vec<String> = partials
            .iter()
            .filter(|(name, p)| {
                !bad.contains(name.as_str())
                    && includes(&p.body)
                        .iter()
                        .any(|(i, _)| bad.contains(i.as_str()))
            })
            .map(|(name, _)| name.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        bad.extend(more);
    }
    let unfilled = |t: &Text| {
        !unfilled_in(&t.body).is_empty()
            || reads_bad_default(&t.body)
            || includes(&t.body).iter().any(|(i, _)| bad.contains(i))
    };
    // Told in the library's order.
    let place: BTreeMap<String, usize> = (lib.responses.iter().enumerate())
        .map(|(i, r)| (r.id.to_string(), i))
        .collect();
    let mut left_out = LeftOut::default();
    lib.responses.retain_mut(|r| {
        if unfilled(&r.text) {
            left_out.responses.push(r.id.to_string());
            return false;
        }
        r.translations.retain(|lang, t| {
            let keep = !unfilled(t);
            if !keep {
                left_out.translations.push((r.id.to_string(), lang.clone()));
            }
            keep
        });
        true
    });
    // What `check` fails, told apart by language: each response failing
    // is checked in its own language alone, then beside each translation
    // in turn. `check` is run a few times over the library only when
    // something fails.
    let failing = failing_responses(&lib, today);
    if failing.is_empty() {
        return (lib, left_out);
    }
    let mut held: Vec<(usize, Vec<(Lang, Text)>)> = Vec::new();
    for (i, r) in lib.responses.iter_mut().enumerate() {
        if failing.contains(r.id.as_str()) {
            held.push((i, std::mem::take(&mut r.translations).into_pairs()));
        }
    }
    let failing_alone = failing_responses(&lib, today);
    held.retain(|(i, _)| !failing_alone.contains(lib.responses[*i].id.as_str()));
    let most = held.iter().map(|(_, ts)| ts.len()).max().unwrap_or(0);
    let mut failed: BTreeSet<(usize, Lang)> = BTreeSet::new();
    for k in 0..most {
        for (i, ts) in &held {
            let r = &mut lib.responses[*i];
            r.translations = Translations::default();
            if let Some((lang, text)) = ts.get(k) {
                r.translations.insert(lang.clone(), text.clone());
            }
        }
        let fails = failing_responses(&lib, today);
        for (i, ts) in &held {
            if let Some((lang, _)) = ts.get(k)
                && fails.contains(lib.responses[*i].id.as_str())
            {
                failed.insert((*i, lang.clone()));
            }
        }
    }
    for (i, ts) in held {
        let r = &mut lib.responses[i];
        r.translations = Translations::default();
        for (lang, text) in ts {
            if failed.contains(&(i, lang.clone())) {
                left_out.translations.push((r.id.to_string(), lang));
            } else {
                r.translations.insert(lang, text);
            }
        }
    }
    lib.responses.retain(|r| {
        let keep = !failing_alone.contains(r.id.as_str());
        if !keep {
            left_out.responses.push(r.id.to_string());
        }
        keep
    });
    left_out.responses.sort_by_key(|id| place.get(id).copied());
    (left_out.translations).sort_by(|(a, la), (b, lb)| (place.get(a), la).cmp(&(place.get(b), lb)));
    (lib, left_out)
}

/// Every response with every field and translation, and the manifest's
/// vocabulary, audit settings, variables and partials.
pub fn json(lib: &Library) -> impl Serialize + '_ {
    let m = &lib.manifest;
    JsonLibrary {
        name: m.name.as_deref(),
        default_lang: m.default_lang.as_str(),
        languages: m.languages.iter().map(|l| l.as_str()).collect(),
        topics: m
            .topics
            .as_ref()
            .map(|t| t.iter().map(|t| t.as_str()).collect()),
        customer_types: m
            .customer_types
            .as_ref()
            .map(|t| t.iter().map(|t| t.as_str()).collect()),
        stale_after_days: m.stale_after_days,
        max_body_words: m.max_body_words,
        jargon: &m.jargon,
        variables: m
            .variables
            .iter()
            .map(|(k, v)| (k.as_str(), VariableJson::of(Some(v))))
            .collect(),
        partials: m
            .partials
            .iter()
            .map(|(k, p)| (k.as_str(), p.body.as_str()))
            .collect(),
        responses: lib
            .responses
            .iter()
            .map(|r| JsonResponse {
                response: ResponseJson::of_response(r, &r.lang, &lib.root),
                notes: r.text.notes.as_deref(),
                examples: &r.text.examples,
                body: &r.text.body,
                translations: r
                    .translations
                    .iter()
                    .map(|(l, t)| (l.as_str(), json_text(t)))
                    .collect(),
            })
            .collect(),
    }
}

/// One row per response and language (translations repeat the response's
/// fields), in the columns `canned import --from csv` reads. Cells follow
/// the convention that import reverses (see `domain::import::csv`): a cell
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR…)
/// starts with `'`, lists are `;`-separated with quoted items when needed,
/// and cells with spaces around are quoted.
pub fn csv(lib: &Library) -> String {
    let mut out = String::new();
    let header: Vec<String> = CSV_COLUMNS.iter().map(|c| quote(c)).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for r in &lib.responses {
        for (lang, text) in r.texts() {
            let cell = |c: &str| -> String {
                match c {
                    "id" => r.id.to_string(),
                    "title" => text.title.clone(),
                    "shortcut" => r.shortcut.clone().unwrap_or_default(),
                    "urgency" => r.urgency.to_string(),
                    "topic" => r.topic.to_string(),
                    "customer" => export_list(r.customers.iter().map(|c| c.as_str())),
                    "tags" => export_list(r.tags.iter().map(String::as_str)),
                    "lang" => lang.to_string(),
                    "body" => text.body.clone(),
                    "notes" => text.notes.clone().unwrap_or_default(),
                    "examples" => text.examples.join("\n"),
                    "owner" => r.owner.clone().unwrap_or_default(),
                    "reviewed" => r.reviewed.map(|d| d.to_string()).unwrap_or_default(),
                    "expires" => r.expires.map(|d| d.to_string()).unwrap_or_default(),
                    _ => String::new(),
                }
            };
            row(&mut out, CSV_COLUMNS.iter().map(|c| cell(c)));
        }
    }
    out
}

/// A data row: every cell neutralised, then quoted when it must be.
fn row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| quote(&export_cell(&c))).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// A CSV cell, quoted when it must be.
pub fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) || cell.trim() != cell {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// A readable catalogue: by topic, then by urgency (most urgent first).
pub fn markdown(lib: &Library) -> String {
    let mut out = String::new();
    let name = lib.manifest.name.as_deref().unwrap_or("Canned responses");
    let _ = writeln!(out, "# {}\n", inline(name));
    let _ = writeln!(
        out,
        "{}. Placeholders such as `{{{{ name }}}}` are filled in by `canned use`.",
        crate::domain::library::plural(lib.responses.len(), "response")
    );
    let mut topics: BTreeMap<&str, Vec<&Response>> = BTreeMap::new();
    for r in &lib.responses {
        topics.entry(r.topic.as_str()).or_default().push(r);
    }
    for (topic, mut list) in topics {
        let _ = writeln!(out, "\n## {}", inline(&heading(topic)));
        list.sort_by(|a, b| b.urgency.cmp(&a.urgency).then(a.id.cmp(&b.id)));
        let mut current = None;
        for r in list {
            if current != Some(r.urgency) {
                current = Some(r.urgency);
                let _ = writeln!(out, "\n### {}", heading(r.urgency.as_str()));
            }
            entry(&mut out, r);
        }
    }
    out
}

fn heading(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn entry(out: &mut String, r: &Response) {
    let _ = writeln!(out, "\n#### {} (`{}`)\n", inline(&r.text.title), r.id);
    let mut facts = Vec::new();
    if let Some(s) = &r.shortcut {
        facts.push(format!("shortcut `{s}`"));
    }
    facts.push(format!(
        "customer: {}",
        r.customers
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if !r.tags.is_empty() {
        facts.push(format!("tags: {}", inline(&r.tags.join(", "))));
    }
    if let Some(o) = &r.owner {
        facts.push(format!("owner: {}", inline(o)));
    }
    if let Some(d) = r.reviewed {
        facts.push(format!("reviewed {d}"));
    }
    if let Some(d) = r.expires {
        facts.push(format!("expires {d}"));
    }
    let langs: Vec<&str> = r.languages().map(|l| l.as_str()).collect();
    facts.push(format!("languages: {}", langs.join(", ")));
    let _ = writeln!(out, "{}", facts.join(" · "));
    for (lang, text) in r.texts() {
        if *lang != r.lang {
            let _ = writeln!(out, "\n**{lang}** — {}", inline(&text.title));
        }
        if let Some(n) = &text.notes {
            let _ = writeln!(out);
            for line in n.lines() {
                let _ = writeln!(out, "> {}", line_start(&inline(line)));
            }
        }
        let fence = "`".repeat(longest_run(&text.body, '`').max(2) + 1);
        let _ = writeln!(out, "\n{fence}text\n{}\n{fence}", text.body);
    }
}

/// Text on one line, with characters that Markdown would act on escaped.
fn inline(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

/// A line whose start Markdown would read as a list item or a rule
/// (`- `, `+ `, `1. `, `===`) escaped, so a note stays a paragraph.
fn line_start(line: &str) -> String {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if body.starts_with(['-', '+', '=']) {
        format!("{indent}\\{body}")
    } else if digits > 0 && body[digits..].starts_with(['.', ')']) {
        format!("{indent}{}\\{}", &body[..digits], &body[digits..])
    } else {
        line.to_string()
    }
}

fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_only_when_needed() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, \"b\"\nc"), "\"a, \"\"b\"\"\nc\"");
        assert_eq!(quote(" lead"), "\" lead\"");
    }

    #[test]
    fn formula_cells_are_neutralised_before_quoting() {
        let mut out = String::new();
        row(
            &mut out,
            ["=1+1", "a, =b", "  -x ", "'q", "@"]
                .into_iter()
                .map(String::from),
        );
        assert_eq!(out, "'=1+1,\"a, =b\",\"'  -x \",''q,'@\r\n");
    }

    #[test]
    fn notes_and_names_stay_text_in_the_catalogue() {
        assert_eq!(
            inline("<script>alert('n')</script> # [x](y)"),
            "\\<script\\>alert('n')\\</script\\> \\# \\[x\\](y)"
        );
        // GitHub strikes `~~text~~` through and decodes `&amp;`.
        assert_eq!(inline("~~strike~~ &amp;"), "\\~\\~strike\\~\\~ \\&amp;");
        assert_eq!(line_start("- item"), "\\- item");
        assert_eq!(line_start("  12. step"), "  12\\. step");
        assert_eq!(line_start("=== rule"), "\\=== rule");
        assert_eq!(line_start("2026 was fine"), "2026 was fine");
        let lib = Library::of_texts(
            Some("[library]\nname = \"Acme <b>support</b>\"\n"),
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"b\"\n\
             notes = \"\"\"\n# Heading?\n- list?\n<script>x</script>\"\"\"\n",
        );
        let md = markdown(&lib);
        assert!(md.starts_with("# Acme \\<b\\>support\\</b\\>\n"), "{md}");
        assert!(
            md.contains("> \\# Heading?\n> \\- list?\n> \\<script\\>x\\</script\\>\n"),
            "{md}"
        );
    }

    #[test]
    fn code_fences_outgrow_backticks_in_the_body() {
        assert_eq!(longest_run("a ```` b", '`'), 4);
    }
}
