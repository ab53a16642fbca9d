//! CSV with a header row, parsed by hand (RFC 4180), and the cell
//! convention `canned export --format csv` writes and this import reads
//! back, so the two round-trip losslessly:
//!
//! - **Formulas.** A cell whose text starts (after any spaces) with a
//!   character spreadsheets run as a formula — `=`, `+`, `-`, `@`, tab,
//!   carriage return (OWASP's list), line feed, NUL, their full-width forms
//!   `＝ ＋ － ＠` — or with `'` is written with one `'` in front, the
//!   spreadsheets' own "this is text" prefix. Import removes a leading `'`
//!   exactly when what follows it is such a cell, so `'=1+1` reads `=1+1`,
//!   `''tis` reads `'tis`, and `'tis` (never written by export) stays `'tis`.
//! - **Spaces.** An unquoted cell is trimmed; a quoted one is kept exactly,
//!   so a title with leading spaces survives. Export quotes any cell with
//!   spaces around it.
//! - **Lists** (`customer`, `tags`): items joined by `;`. An item that is
//!   empty or holds a `;`, `,`, `"` or any space is written in double quotes
//!   (a `"` inside doubled), like a CSV field: `refund;"late delivery";"a;b"`.
//!   A cell with a `;` or a `"` is read that way; any other cell is split on
//!   spaces and commas (`new vip`, `new, vip`), as people type lists.

use std::collections::{BTreeMap, BTreeSet};

use super::{Batch, Context, Located, tell_placeholders};
use crate::domain::append::{DraftText, NewResponse, NewVariable};
use crate::domain::date::Date;
use crate::domain::diagnostic::{did_you_mean, suggestion_hint};
use crate::domain::library::Manifest;
use crate::domain::model::CustomerType;
use crate::domain::rules;
use crate::domain::rules::slug;
use crate::domain::template::{BUILT_INS, Templates};
use crate::domain::values::same_path_or_nested;

/// The columns a CSV import understands; `title` and `body` are required.
/// `examples` holds one example per line.
pub const CSV_COLUMNS: [&str; 14] = [
    "id", "title", "shortcut", "urgency", "topic", "customer", "tags", "lang", "body", "notes",
    "examples", "owner", "reviewed", "expires",
];

/// An id's first row: its line, language and draft, and what it gives of
/// the response's own fields, which a translation row may only repeat.
struct FirstRow {
    line: usize,
    lang: String,
    draft: usize,
    own: Vec<Option<String>>,
}

/// The columns that belong to a response, not to one of its languages.
const RESPONSE_FIELDS: [&str; 8] = [
    "shortcut", "urgency", "topic", "customer", "tags", "owner", "reviewed", "expires",
];

/// One CSV record and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
    /// Per field: whether it was written in double quotes.
    pub quoted: Vec<bool>,
    /// Per field: the line and column (in characters, from 1) it starts at.
    pub starts: Vec<(usize, usize)>,
}

/// Where the character after `before` (the start of a field's text) is
/// in the file, the field starting at `line`, `column`: past its opening
/// quote, each `"` written twice, a line break starting a line.
fn within_field(before: &str, quoted: bool, line: usize, column: usize) -> (usize, usize) {
    let mut at = (line, column + usize::from(quoted));
    for c in before.chars() {
        at = match c {
            '\n' => (at.0 + 1, 1),
            '"' => (at.0, at.1 + 2),
            _ => (at.0, at.1 + 1),
        };
    }
    at
}

/// What spreadsheets run as a formula when a cell starts with it.
const FORMULA_STARTS: [char; 12] = [
    '=', '+', '-', '@', '\t', '\r', '\n', '\0', '＝', '＋', '－', '＠',
];

/// Whether export must put a `'` before `text` (see the module's doc).
fn needs_text_prefix(text: &str) -> bool {
    let rest = text.trim_start_matches(' ');
    rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'')
}

/// A cell as export writes it: `text`, or `'` and `text` when a
/// spreadsheet would run it as a formula (see the module's doc).
pub fn export_cell(text: &str) -> String {
    if needs_text_prefix(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The text of a cell as [`export_cell`] wrote it: its exact inverse.
pub fn import_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_text_prefix(rest) => rest,
        _ => cell,
    }
}

/// A list cell (`customer`, `tags`) as export writes it.
pub fn export_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|item| {
            if item.is_empty()
                || item.contains([';', ',', '"'])
                || item.contains(char::is_whitespace)
            {
                format!("\"{}\"", item.replace('"', "\"\""))
            } else {
                item.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The items of a list cell, each once: `;`-separated with optional
/// quotes when the cell has a `;` or a `"`, else separated by spaces or
/// commas. Unquoted items are trimmed; empty unquoted items are dropped.
pub fn import_list(cell: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let mut push = |item: String| {
        if !items.contains(&item) {
            items.push(item);
        }
    };
    if !cell.contains([';', '"']) {
        for item in cell
            .split([' ', ',', '\t', '\n', '\r'])
            .filter(|i| !i.is_empty())
        {
            push(item.to_string());
        }
        return items;
    }
    let mut chars = cell.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut item = String::new();
        let quoted = chars.next_if_eq(&'"').is_some();
        if quoted {
            while let Some(c) = chars.next() {
                match c {
                    '"' if chars.next_if_eq(&'"').is_some() => item.push('"'),
                    '"' => break,
                    c => item.push(c),
                }
            }
        }
        // Unquoted text, or anything typed after a closing quote.
        let mut tail = String::new();
        while let Some(c) = chars.next_if(|&c| c != ';') {
            tail.push(c);
        }
        item.push_str(if quoted { tail.trim_end() } else { tail.trim() });
        if quoted || !item.is_empty() {
            push(item);
        }
        if chars.next().is_none() {
            break;
        }
    }
    items
}

/// Whether the rows of `text` end in CR alone, as Excel for Mac's "CSV
/// (Macintosh)" writes them: a CR outside quotes with no LF after it, and
/// no LF outside quotes (a line break typed in a cell is saved as LF).
fn rows_end_in_cr_alone(text: &str) -> bool {
    let (mut quoted, mut cr, mut lf) = (false, false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\r' if !quoted && chars.peek() != Some(&'\n') => cr = true,
            '\n' if !quoted => lf = true,
            _ => {}
        }
    }
    cr && !lf
}

/// RFC 4180 CSV: `,` separators, `"` quotes doubled inside quoted fields,
/// which may hold commas and line breaks; CRLF or LF line ends. A header
/// with tabs and no comma is Excel's "Unicode Text": tab-separated; one
/// with semicolons and neither is Excel's CSV where the decimal mark is a
/// comma (most of Europe). A file whose lines end in CR alone is Excel for
/// Mac's "CSV (Macintosh)". The `#TYPE` line PowerShell 5's `Export-Csv`
/// writes first is no record.
pub fn parse_csv(text: &str) -> Result<Vec<Record>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text: std::borrow::Cow<str> = if rows_end_in_cr_alone(text) {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    let (text, first_line) = match text.strip_prefix("#TYPE ") {
        Some(rest) => (rest.split_once('\n').map_or("", |(_, r)| r), 2),
        None => (&*text, 1),
    };
    let header = text.lines().next().unwrap_or("");
    let sep = if header.contains('\t') && !header.contains(',') {
        '\t'
    } else if header.contains(';') && !header.contains(',') {
        ';'
    } else {
        ','
    };
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut quoted = Vec::new();
    let mut field = String::new();
    let mut is_quoted = false;
    let mut line = first_line;
    let mut start = first_line;
    // The column of the next character, and where each field starts.
    let mut column = 1;
    let mut starts = vec![(first_line, 1)];
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        column += 1;
        match c {
            '"' if at_field_start => {
                is_quoted = true;
                let open_line = line;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            column += 2;
                            field.push('"');
                        }
                        Some('"') => {
                            column += 1;
                            break;
                        }
                        Some(c) => {
                            column += 1;
                            if c == '\n' {
                                line += 1;
                                column = 1;
                            }
                            field.push(c);
                        }
                        None => {
                            return Err(format!(
                                "line {open_line}: a quoted field is never closed (a `\"` is missing)"
                            ));
                        }
                    }
                }
                match chars.peek() {
                    None | Some('\n' | '\r') => {}
                    Some(&c) if c == sep => {}
                    Some(c) => {
                        let sep = sep.escape_default();
                        return Err(format!(
                            "line {line}: `{c}` after a closing quote; expected `{sep}` or the end of the line (write a quote inside a quoted field as `\"\"`)"
                        ));
                    }
                }
                at_field_start = false;
            }
            c if c == sep => {
                fields.push(std::mem::take(&mut field));
                quoted.push(std::mem::take(&mut is_quoted));
                starts.push((line, column));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                quoted.push(std::mem::take(&mut is_quoted));
                line += 1;
                column = 1;
                records.push(Record {
                    line: start,
                    fields: std::mem::take(&mut fields),
                    quoted: std::mem::take(&mut quoted),
                    starts: std::mem::replace(&mut starts, vec![(line, 1)]),
                });
                start = line;
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !fields.is_empty() || !at_field_start {
        fields.push(field);
        quoted.push(is_quoted);
        records.push(Record {
            line: start,
            fields,
            quoted,
            starts,
        });
    }
    records.retain(|r| r.fields.iter().any(|f| !f.trim().is_empty()));
    Ok(records)
}

/// Responses from CSV with a header row. Rows with an id seen before and
/// another `lang` are translations of the first.
pub fn csv(text: &str, cx: &Context<'_>) -> Result<Batch, Vec<String>> {
    let records = parse_csv(text).map_err(|e| vec![e])?;
    let Some((header, rows)) = records.split_first() else {
        return Err(vec!["the file is empty: expected a header row".into()]);
    };
    let mut errors = Vec::new();
    let mut columns: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, name) in header.fields.iter().enumerate() {
        let name = name.trim().to_lowercase();
        // Located as a cell's error is: a header may hold a dozen columns.
        let (line, column) = header.starts.get(i).copied().unwrap_or((header.line, 1));
        let at = format!("line {line}, column {column}");
        match CSV_COLUMNS.iter().find(|c| **c == name) {
            Some(c) if columns.contains_key(c) => {
                errors.push(format!("{at}: column `{c}` appears twice"));
            }
            Some(c) => {
                columns.insert(c, i);
            }
            None => errors.push(format!(
                "{at}: unknown column `{name}`{}; expected some of: {}",
                did_you_mean(&name, CSV_COLUMNS)
                    .map(|s| format!(" ({})", suggestion_hint(s)))
                    .unwrap_or_default(),
                CSV_COLUMNS.join(",")
            )),
        }
    }
    for required in ["title", "body", "topic"] {
        if !columns.contains_key(required) {
            errors.push(format!("line 1: the header has no `{required}` column"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Each row's errors, located, told in the order of the file: a row's
    // by column, whichever field was checked first.
    // Each with the line of its row (a cell may span lines).
    let mut errors: Vec<((usize, usize), String, usize)> = Vec::new();
    let mut b = Batch::default();
    let mut by_id: BTreeMap<String, FirstRow> = BTreeMap::new();
    let mut shortcuts: BTreeMap<String, usize> = BTreeMap::new();
    let mut new_topics: Vec<String> = Vec::new();
    let mut new_variables: BTreeSet<String> = BTreeSet::new();
    // Every kind of line break in a body or notes is one, as everywhere
    // else `canned` reads text (a lone CR, a form feed, Unicode's line
    // separator); in a one-line field it stays refused.
    let multiline: Vec<usize> = ["body", "notes"]
        .iter()
        .filter_map(|c| columns.get(*c).copied())
        .collect();
    for row in rows {
        let mut row = row.clone();
        for &i in &multiline {
            if let Some(field) = row.fields.get_mut(i) {
                *field = crate::domain::text::unify_breaks(field);
            }
        }
        let row = &row;
        let at = row.line;
        if row.fields.len() != header.fields.len() {
            errors.push((
                (at, 0),
                format!(
                    "{} fields, but the header has {}",
                    row.fields.len(),
                    header.fields.len()
                ),
                at,
            ));
            continue;
        }
        // The text of each cell (see the module's doc for the convention).
        let cells: Vec<&str> = row
            .fields
            .iter()
            .zip(&row.quoted)
            .map(|(f, &quoted)| import_cell(if quoted { f } else { f.trim() }))
            .collect();
        // A cell's text, exact: bodies, notes, titles, owners.
        let exact = |c: &str| {
            columns
                .get(c)
                .map(|&i| cells[i])
                .filter(|s| !s.trim().is_empty())
        };
        // A word such as an id or a topic: spaces around never count.
        let get = |c: &str| exact(c).map(str::trim);
        // An error about a cell is located at it: its line and column.
        let place = |c: &str| match columns.get(c).and_then(|&i| row.starts.get(i)) {
            Some(&at) => at,
            None => (at, 0),
        };
        // A character refused inside a cell is located at itself, as
        // `check` locates it, not at the cell's start.
        for (name, &i) in &columns {
            if let Err((offset, e)) = rules::visible(name, cells[i]) {
                let field = &row.fields[i];
                // `cells[i]` is a part of the field (trimmed, or without
                // the quote that kept a formula text).
                let skipped = (cells[i].as_ptr() as usize).saturating_sub(field.as_ptr() as usize);
                let (line, column) = row.starts[i];
                let (line, column) = within_field(
                    &field[..(skipped + offset).min(field.len())],
                    row.quoted[i],
                    line,
                    column,
                );
                errors.push(((line, column), e.to_string(), at));
            }
        }
        let mut err = |c: &str, m: String| errors.push((place(c), m, at));
        let title = match exact("title") {
            Some(t) if t.contains('\n') => {
                err("title", "`title` must be one line".into());
                None
            }
            Some(t) => Some(t.to_string()),
            None => {
                err("title", "`title` is empty".into());
                None
            }
        };
        // Bodies and notes keep their exact text, but for a spreadsheet's
        // `\r\n`, which written into TOML ended each line in a `\r`.
        let lf = |s: &str| s.replace("\r\n", "\n");
        let body = exact("body").map(lf);
        if body.is_none() {
            err("body", "`body` is empty".into());
        }
        let id = match get("id").map(|id| rules::identifier("id", id)) {
            Some(Ok(id)) => Some(id),
            Some(Err(e)) => {
                err("id", e.to_string());
                None
            }
            None => title.as_deref().map(slug).filter(|s| !s.is_empty()),
        };
        let lang = match get("lang").map(rules::lang) {
            Some(Ok(l)) => Some(l.to_string()),
            Some(Err(e)) => {
                err("lang", e.to_string());
                None
            }
            None => None,
        };
        let notes = exact("notes").map(lf);
        let examples: Vec<String> = exact("examples")
            .map(|cell| {
                cell.lines()
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        if let Some(problem) = body
            .as_deref()
            .and_then(|body| template_problem(body, cx.manifest, &mut new_variables))
        {
            err("body", problem);
        }
        // The fields of a response's first row are checked even when its
        // id, title or body fail, so one run tells every error of a row.
        let translation = id.as_ref().is_some_and(|id| by_id.contains_key(id));
        let fields = (!translation).then(|| {
            let urgency = get("urgency").and_then(|u| {
                rules::urgency(u)
                    .map_err(|e| err("urgency", e.to_string()))
                    .ok()
            });
            let topic = match get("topic").map(|t| rules::topic(t, None)) {
                None => {
                    err("topic", "`topic` is empty".into());
                    None
                }
                Some(Err(e)) => {
                    err("topic", e.to_string());
                    None
                }
                Some(Ok(t)) => {
                    // A topic the manifest lacks is added to it, unless it looks
                    // like a misspelling of one it has.
                    if let Err(e) = rules::topic(t.as_str(), cx.manifest.topics.as_deref()) {
                        let names = cx.manifest.topics.iter().flatten().map(|t| t.as_str());
                        if did_you_mean(t.as_str(), names).is_some() {
                            err("topic", e.to_string());
                        } else if !new_topics.iter().any(|n| n == t.as_str()) {
                            new_topics.push(t.to_string());
                        }
                    }
                    Some(t.to_string())
                }
            };
            let customers = get("customer").map(import_list).unwrap_or_default();
            for c in &customers {
                if let Err(e) = rules::customer(c, cx.manifest.customer_types.as_deref()) {
                    err("customer", e.to_string());
                }
            }
            let shortcut = get("shortcut").map(str::to_string);
            if let Some(s) = &shortcut {
                if let Err(e) = rules::identifier("shortcut", s) {
                    err("shortcut", e.to_string());
                } else if let Some(first) = shortcuts.insert(s.clone(), at) {
                    err(
                        "shortcut",
                        format!("shortcut `{s}` again (first at line {first})"),
                    );
                }
            }
            let mut date = |c: &str| {
                get(c).and_then(|d| match d.parse::<Date>() {
                    Ok(d) => Some(d),
                    Err(e) => {
                        err(c, format!("`{c}`: {e}"));
                        None
                    }
                })
            };
            let reviewed = date("reviewed");
            let expires = date("expires");
            (urgency, topic, customers, shortcut, reviewed, expires)
        });
        if let Some((_, _, _, shortcut, _, _)) = &fields {
            // A name the library has taken is told at its cell.
            let origin = |what: &str| {
                let (line, column) = place(what);
                Located {
                    at: (line, column),
                    text: match column {
                        0 => format!("line {line}"),
                        _ => format!("line {line}, column {column}"),
                    },
                }
            };
            let shortcut = shortcut
                .as_ref()
                .filter(|s| rules::identifier("shortcut", s).is_ok());
            let named = (id.iter().map(|id| ("id", id.clone())))
                .chain(shortcut.map(|s| ("shortcut", s.clone())));
            b.names
                .extend(named.map(|(what, name)| (origin(what), what, name)));
        }
        let (Some(id), Some(title), Some(body)) = (id, title, body) else {
            continue;
        };
        let effective = lang
            .clone()
            .unwrap_or_else(|| cx.manifest.default_lang.to_string());
        if let Some(FirstRow {
            line: first_line,
            lang: first_lang,
            draft: index,
            own,
        }) = by_id.get(&id)
        {
            // A `lang` refused (told above) says no language: the row is no
            // second one of its response's own.
            if lang.is_none() && get("lang").is_some() {
                continue;
            }
            // A translation takes its response's topic; one that names a
            // path is refused all the same, as everywhere.
            if let Some(Err(e)) = get("topic").map(|t| rules::topic(t, None)) {
                err("topic", e.to_string());
                continue;
            }
            // Nor may it give the response's fields another value, which
            // would be dropped without a word.
            let differs: Vec<&str> = RESPONSE_FIELDS
                .iter()
                .zip(own)
                .filter(|(c, first)| get(c).is_some_and(|v| first.as_deref() != Some(v)))
                .map(|(c, _)| *c)
                .collect();
            if !differs.is_empty() {
                err(
                    "",
                    format!(
                        "a translation of `{id}` (line {first_line}) gives its own {}: a translation takes its response's",
                        differs
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                continue;
            }
            let draft = &mut b.drafts[*index];
            if effective == *first_lang || draft.translations.contains_key(&effective) {
                err(
                    "lang",
                    format!(
                        "id `{id}` in `{effective}` again (first at line {first_line}); a translation needs another `lang`"
                    ),
                );
            } else {
                tell_placeholders(&id, &body, &format!("line {at}"), &mut b.findings);
                let draft = &mut b.drafts[*index];
                draft.translations.insert(
                    effective,
                    DraftText {
                        title,
                        body,
                        notes,
                        examples,
                    },
                );
            }
            continue;
        }
        let Some((urgency, topic, customers, shortcut, reviewed, expires)) = fields else {
            continue;
        };
        let own = RESPONSE_FIELDS
            .iter()
            .map(|c| get(c).map(str::to_string))
            .collect();
        by_id.insert(
            id.clone(),
            FirstRow {
                line: at,
                lang: effective,
                draft: b.drafts.len(),
                own,
            },
        );
        tell_placeholders(&id, &body, &format!("line {at}"), &mut b.findings);
        b.origins.push(Located {
            at: (at, 0),
            text: format!("line {at}"),
        });
        b.drafts.push(NewResponse {
            id,
            title,
            shortcut,
            urgency,
            topic,
            // `any` alone is what no `customer` says; beside other types
            // it still fits every customer, so it is kept (dropped, a
            // reply for everyone became one for VIPs only).
            customers: if customers
                .iter()
                .all(|c| CustomerType::same(c, CustomerType::ANY))
            {
                Vec::new()
            } else {
                customers
            },
            tags: get("tags")
                .map(import_list)
                .unwrap_or_default()
                .into_iter()
                .map(|t| t.to_lowercase())
                .collect(),
            owner: exact("owner").map(str::to_string),
            reviewed,
            expires,
            notes,
            examples,
            lang: lang.filter(|l| *l != cx.manifest.default_lang.as_str()),
            body,
            translations: BTreeMap::new(),
        });
    }
    // A row with an error becomes no response: what is wrong with it is
    // told once, not again as what the response would lack.
    let refused: BTreeSet<usize> = errors.iter().map(|&(_, _, row)| row).collect();
    let (drafts, origins) = (b.drafts.into_iter().zip(b.origins))
        .filter(|(_, origin)| !refused.contains(&origin.at.0))
        .unzip();
    (b.drafts, b.origins) = (drafts, origins);
    errors.sort_by_key(|(at, _, _)| *at);
    b.problems = errors
        .into_iter()
        .map(|((line, column), e, _)| Located {
            at: (line, column),
            text: match column {
                0 => format!("line {line}: {e}"),
                _ => format!("line {line}, column {column}: {e}"),
            },
        })
        .collect();
    if b.drafts.is_empty() && b.problems.is_empty() {
        return Err(vec!["the file has a header but no rows".into()]);
    }
    b.topics = new_topics;
    b.variables = new_variables
        .into_iter()
        .map(|name| NewVariable {
            name,
            description: "TODO: describe (imported from CSV)".into(),
            example: "TODO: an example".into(),
        })
        .collect();
    Ok(b)
}

/// A body that would fail `check`: bad template syntax, an unknown partial,
/// or a variable the manifest does not declare that is a typo of one it
/// does. Other undeclared variables go to `new`, to be declared (a CSV
/// exported from another library carries no manifest).
fn template_problem(body: &str, m: &Manifest, new: &mut BTreeSet<String>) -> Option<String> {
    let name = "@import";
    let sources = m
        .partials
        .iter()
        .map(|(n, p)| (n.clone(), p.body.clone()))
        .chain(std::iter::once((name.to_string(), body.to_string())));
    for (inc, _) in crate::domain::template::includes(body) {
        if !m.partials.contains_key(&inc) {
            return Some(format!("the body includes unknown partial `{inc}`"));
        }
    }
    let (templates, errors) = Templates::compile(sources);
    if let Some(e) = errors.iter().find(|e| e.template == name) {
        return Some(format!("template error in the body: {}", e.message));
    }
    let mut candidates: Vec<&str> = m.variables.keys().map(String::as_str).collect();
    candidates.extend(BUILT_INS);
    let undeclared: Vec<String> = templates
        .variables(name)
        .into_iter()
        .filter(|v| {
            !BUILT_INS.contains(&v.as_str())
                && !m.variables.keys().any(|d| same_path_or_nested(d, v))
        })
        .collect();
    // Every likely typo of the body at once, not one an import.
    let mut typos: Vec<(String, &str)> = Vec::new();
    for v in undeclared {
        match did_you_mean(&v, candidates.iter().copied()) {
            Some(s) => typos.push((v, s)),
            None => {
                new.insert(v);
            }
        }
    }
    // `orders` beside `order` may be meant: declared first, it is imported.
    match typos.as_slice() {
        [] => None,
        [(v, s)] => Some(format!(
            "the body uses `{v}`, which canned.toml does not declare ({} if not, declare [variables.{v}] first)",
            suggestion_hint(s)
        )),
        many => {
            let names: Vec<String> = many.iter().map(|(v, _)| format!("`{v}`")).collect();
            let hints: Vec<String> = many
                .iter()
                .map(|(v, s)| format!("`{v}`: {}", suggestion_hint(s)))
                .collect();
            Some(format!(
                "the body uses {}, which canned.toml does not declare ({}; if not, declare them first)",
                names.join(", "),
                hints.join("; ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_may_hold_quotes_commas_and_line_breaks() {
        let recs = parse_csv("a,b\r\n\"x, \"\"y\"\"\",\"1\n2\"\n\nlast,\n").unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].fields, ["x, \"y\"", "1\n2"]);
        assert_eq!(recs[2].line, 5);
        assert_eq!(recs[2].fields, ["last", ""]);
        assert!(parse_csv("a\n\"open").unwrap_err().contains("line 2"));
        assert!(
            parse_csv("\"a\"b\n")
                .unwrap_err()
                .contains("after a closing quote")
        );
    }

    /// Excel writes `;` between cells where the decimal mark is a comma,
    /// and Excel for Mac's "CSV (Macintosh)" ends lines with CR alone.
    #[test]
    fn semicolons_and_lone_carriage_returns_are_excels_too() {
        let recs = parse_csv("id;title;customer\r\nx;\"a, b\";\"vip;new\"\r\n").unwrap();
        assert_eq!(recs[1].fields, ["x", "a, b", "vip;new"]);
        let recs = parse_csv("id,title,body\rx,T,\"line1\rline2\"\ry,U,z\r").unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].fields, ["x", "T", "line1\nline2"]);
        assert_eq!((recs[2].line, recs[2].fields[0].as_str()), (4, "y"));
        // A line break typed in a cell is saved as LF there.
        let recs = parse_csv("id,title,body\rx,T,\"Hi,\n\nLate.\"\r").unwrap();
        assert_eq!(recs[1].fields, ["x", "T", "Hi,\n\nLate."]);
    }

    #[test]
    fn fields_say_whether_they_were_quoted() {
        let recs = parse_csv("a,\" b \",c\n\"\",d,\n").unwrap();
        assert_eq!(recs[0].fields, ["a", " b ", "c"]);
        assert_eq!(recs[0].quoted, [false, true, false]);
        assert_eq!(recs[1].quoted, [true, false, false]);
    }

    /// Cells that spreadsheets would run, or that look like the prefix.
    const TRICKY: [&str; 22] = [
        "=1+1",
        "+33 6 12 34 56 78",
        "-5 degrees",
        "@SUM(A1)",
        "\tindented",
        "\rcarriage",
        "\nline",
        "\0nul",
        "＝1",
        "  =HYPERLINK(\"http://x\")",
        " -",
        "'",
        "''",
        "'tis",
        "'=1",
        "  'quoted",
        "plain",
        "",
        " ",
        "a=b",
        "- a list\n- of things",
        "=cmd|' /C calc'!A0",
    ];

    #[test]
    fn formula_cells_are_prefixed_and_the_prefix_is_removed_exactly() {
        assert_eq!(export_cell("=1+1"), "'=1+1");
        assert_eq!(export_cell("@team"), "'@team");
        assert_eq!(export_cell("\tx"), "'\tx");
        assert_eq!(export_cell("  -x"), "'  -x");
        assert_eq!(export_cell("'tis"), "''tis");
        assert_eq!(export_cell("a=b"), "a=b");
        for text in TRICKY {
            let cell = export_cell(text);
            assert_eq!(import_cell(&cell), text, "{text:?} written as {cell:?}");
            let first = cell.trim_start_matches(' ').chars().next();
            assert!(
                !first.is_some_and(|c| FORMULA_STARTS.contains(&c)),
                "{cell:?} would run as a formula"
            );
        }
        // A `'` that export would not have written is text.
        assert_eq!(import_cell("'tis"), "'tis");
        assert_eq!(import_cell("'"), "'");
    }

    #[test]
    fn lists_round_trip_separators_quotes_and_spaces() {
        let lists: [&[&str]; 7] = [
            &[],
            &["refund"],
            &["late delivery"],
            &["a;b", "c"],
            &["say \"hi\"", "x,y", "z"],
            &[""],
            &["-neg", "@at", "'q"],
        ];
        for list in lists {
            let cell = export_list(list.iter().copied());
            let read = import_list(import_cell(&export_cell(&cell)));
            assert_eq!(read, list, "{list:?} written as {cell:?}");
        }
        assert_eq!(
            export_list(["a;b", "late delivery"]),
            "\"a;b\";\"late delivery\""
        );
    }

    #[test]
    fn typed_lists_split_on_semicolons_or_spaces() {
        assert_eq!(import_list("new; vip"), ["new", "vip"]);
        assert_eq!(
            import_list("late delivery;refund"),
            ["late delivery", "refund"]
        );
        assert_eq!(import_list("a b a"), ["a", "b"]);
        assert_eq!(import_list("new, vip"), ["new", "vip"]);
        assert_eq!(import_list("a;;b;"), ["a", "b"]);
        assert_eq!(import_list(" \"x;y\" ; z"), ["x;y", "z"]);
        assert_eq!(import_list("\"open"), ["open"]);
    }
}
