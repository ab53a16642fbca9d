//! The audit report for people: a table for the terminal, JSON for tools,
//! Markdown to paste into a pull request.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::domain::audit::{Finding, GitView, Level, Report, ResponseAudit};
use crate::domain::date::Date;
use crate::domain::library::{Library, plural};
use crate::domain::text::{one_line, sanitize};
use crate::error::Result;
use crate::ui::style::{Style, cut, pad};

/// What the report shows, gathered by `canned audit`.
pub struct View<'a> {
    pub lib: &'a Library,
    pub report: &'a Report,
    pub git: &'a GitView,
    pub today: Date,
    pub stale_after_days: i64,
    pub usage_since: Option<Date>,
}

/// `1 error, 5 warnings, 3 info`, or `no findings`.
fn counts(report: &Report) -> String {
    let parts: Vec<String> = [
        (Level::Error, "error"),
        (Level::Warning, "warning"),
        (Level::Info, "info"),
    ]
    .into_iter()
    .filter_map(|(level, word)| {
        let n = report.count(level);
        (n > 0).then(|| match level {
            Level::Info => format!("{n} info"),
            _ => plural(n, word),
        })
    })
    .collect();
    if parts.is_empty() {
        "no findings".into()
    } else {
        parts.join(", ")
    }
}

/// Days as a short age: `today`, `12d`; a date after today (a review dated
/// ahead, which `check` warns of) as how far ahead: `in 4d`.
fn age(today: Date, d: Option<Date>) -> String {
    match d {
        Some(d) if d > today => format!("in {}d", d.days_since(today)),
        Some(d) if d == today => "today".into(),
        Some(d) => format!("{}d", today.days_since(d)),
        None => "—".into(),
    }
}

/// A file's name as every line of `canned` shows one (`check`'s, the
/// findings' `file:line:column`): a name is anyone's bytes, and its
/// escapes or line breaks must not reach the terminal or the pull request.
fn shown(path: &Path) -> String {
    one_line(&path.to_string_lossy())
}

fn right(s: &str, width: usize) -> String {
    let n = unicode_width::UnicodeWidthStr::width(s);
    format!("{}{s}", " ".repeat(width.saturating_sub(n)))
}

fn left(s: &str, width: usize) -> String {
    pad(s, width)
}

fn paint(style: Style, level: Option<Level>, text: &str) -> String {
    match level {
        Some(Level::Error) => style.red(text),
        Some(Level::Warning) => style.yellow(text),
        _ => text.to_string(),
    }
}

/// The terminal report: one row per response grouped by file (79 columns),
/// then every finding located like `canned check` does, then a summary.
pub fn table(out: &mut impl Write, ctx: &View, s: Style) -> Result<()> {
    let report = ctx.report;
    let today = ctx.today;
    let expiry = |e: Option<Date>| match e {
        None => "—".to_string(),
        Some(e) if e < today => format!("{}d ago", today.days_since(e)),
        Some(e) if e == today => "today".to_string(),
        Some(e) => format!("in {}d", e.days_since(today)),
    };
    // Wider than the 79 columns' share when an id or an expiry needs it:
    // two ids cut alike would read as one.
    let widest = |f: &dyn Fn(&ResponseAudit) -> usize, least: usize, most: usize| {
        report
            .responses
            .iter()
            .map(f)
            .max()
            .unwrap_or(0)
            .clamp(least, most)
    };
    let w_id = widest(
        &|r| unicode_width::UnicodeWidthStr::width(r.id.as_str()),
        22,
        48,
    );
    let w_expires = widest(&|r| expiry(r.expires).chars().count(), 8, 12);
    writeln!(
        out,
        "{}",
        s.dim(&format!(
            "{}  {}  {}  {}  {}  {} {}",
            right("LINE", 5),
            left("RESPONSE", w_id),
            right("CHANGED", 7),
            right("REVIEWED", 8),
            right("EXPIRES", w_expires),
            left("OWNER", 14),
            right("30D", 4)
        ))
    )?;
    let mut file: Option<&PathBuf> = None;
    for r in &report.responses {
        if file != Some(&r.path) {
            writeln!(out, "{}", s.bold(&shown(&r.path)))?;
            file = Some(&r.path);
        }
        let worst = r.findings.iter().map(|f| f.level).max();
        let changed = match r.change {
            "unknown" => "?".to_string(),
            _ => age(today, r.last_changed),
        };
        let reviewed = match r.reviewed {
            None => "never".to_string(),
            d => age(today, d),
        };
        let expires = right(&expiry(r.expires), w_expires);
        let expires = match r.expires {
            Some(e) if e < today => s.red(&expires),
            Some(e) if e == today => s.yellow(&expires),
            _ => expires,
        };
        let uses = r.uses_last_30_days.map_or("—".into(), |n| n.to_string());
        writeln!(
            out,
            "{}  {}  {}  {}  {}  {} {}",
            right(&r.line.to_string(), 5),
            paint(s, worst, &left(&cut_id(&r.id, w_id), w_id)),
            right(&changed, 7),
            right(&reviewed, 8),
            expires,
            left(&cut(&sanitize(r.owner.as_deref().unwrap_or("—")), 14), 14),
            right(&uses, 4),
        )?;
    }
    let mut findings: Vec<&Finding> = report.findings().collect();
    findings.sort_by(|a, b| a.location.cmp(&b.location));
    if !findings.is_empty() {
        writeln!(out)?;
    }
    for f in &findings {
        let level = paint(s, Some(f.level), f.level.as_str());
        let level = if f.level == Level::Info {
            s.cyan(f.level.as_str())
        } else {
            level
        };
        let mut line = format!(
            "{}: {level}: {}: {}",
            s.bold(&f.location.to_string()),
            f.kind.as_str(),
            // A message may name a file (a duplicate's other response):
            // a line break in its name must not forge a finding.
            one_line(&f.message)
        );
        if let Some(id) = &f.response {
            let lang = f.lang.as_ref().map_or(String::new(), |l| format!(", {l}"));
            line.push_str(&s.dim(&format!(" ({id}{lang})")));
        }
        writeln!(out, "{line}")?;
    }
    writeln!(out)?;
    let summary = format!(
        "{}: {}; stale after {}",
        plural(report.responses.len(), "response"),
        counts(report),
        days(ctx.stale_after_days)
    );
    let summary = match report.worst() {
        Some(Level::Error) => s.red(&summary),
        Some(Level::Warning) => s.yellow(&summary),
        _ => s.green(&summary),
    };
    writeln!(out, "{summary}")?;
    Ok(())
}

#[derive(Serialize)]
struct JsonReport<'a> {
    library: Option<&'a str>,
    today: String,
    stale_after_days: i64,
    git: &'a GitView,
    usage_log: UsageView,
    summary: Summary,
    responses: &'a [ResponseAudit],
    library_findings: &'a [Finding],
}

#[derive(Serialize)]
struct UsageView {
    present: bool,
    since: Option<String>,
}

#[derive(Serialize)]
struct Summary {
    responses: usize,
    errors: usize,
    warnings: usize,
    info: usize,
    worst: Option<Level>,
}

pub fn json(out: &mut impl Write, ctx: &View) -> Result<()> {
    let report = ctx.report;
    let view = JsonReport {
        library: ctx.lib.manifest.name.as_deref(),
        today: ctx.today.to_string(),
        stale_after_days: ctx.stale_after_days,
        git: ctx.git,
        usage_log: UsageView {
            present: ctx.usage_since.is_some(),
            since: ctx.usage_since.map(|d| d.to_string()),
        },
        summary: Summary {
            responses: report.responses.len(),
            errors: report.count(Level::Error),
            warnings: report.count(Level::Warning),
            info: report.count(Level::Info),
            worst: report.worst(),
        },
        responses: &report.responses,
        library_findings: &report.library_findings,
    };
    serde_json::to_writer_pretty(&mut *out, &view).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// A table cell: one line, pipes escaped, and no HTML tag (an owner of
/// `<b>` stays text in the pull request). Inside a `code span` only the
/// pipe is escaped (GitHub's tables need it there too): a backslash
/// before `<` would show in it.
fn cell(s: &str) -> String {
    // A carriage return ends a Markdown line as a newline does.
    let text = sanitize(s).replace(['\n', '\r'], " ");
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let code = i % 2 == 1 && text.matches('`').count() > i;
        if code {
            out.push_str(&part.replace('|', "\\|"));
        } else {
            // Markdown acts on these outside code: an owner of
            // `&amp; *x* ~~y~~` stays that text.
            for c in part.chars() {
                if matches!(
                    c,
                    '|' | '<' | '>' | '&' | '*' | '_' | '~' | '[' | ']' | '\\'
                ) {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    out
}

/// `s` as a code span in a table cell, whatever backticks or pipes it
/// holds (a file named ``we|ird`x.toml``).
fn code(s: &str) -> String {
    let text = sanitize(s).replace(['\n', '\r'], " ").replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn mark(level: Level) -> &'static str {
    match level {
        Level::Error => "❌ error",
        Level::Warning => "⚠️ warning",
        Level::Info => "ℹ️ info",
    }
}

/// For a pull request: a summary line, the findings worst first, and every
/// response's facts folded away.
pub fn markdown(out: &mut impl Write, ctx: &View) -> Result<()> {
    let report = ctx.report;
    let name = ctx
        .lib
        .manifest
        .name
        .as_deref()
        .map_or(String::new(), |n| format!(" of {}", cell(n)));
    writeln!(
        out,
        "### canned audit{name}: {}, {}\n",
        plural(report.responses.len(), "response"),
        counts(report)
    )?;
    let mut context = format!(
        "Stale after {} · as of {}",
        days(ctx.stale_after_days),
        ctx.today
    );
    match ctx.usage_since {
        Some(d) => context.push_str(&format!(" · usage log since {d}")),
        None => context.push_str(" · no usage log"),
    }
    writeln!(out, "{context}\n")?;
    if let Some(note) = &ctx.git.note {
        writeln!(out, "> **git:** {}\n", cell(note))?;
    }
    let mut findings: Vec<&Finding> = report.findings().collect();
    findings.sort_by(|a, b| b.level.cmp(&a.level).then(a.location.cmp(&b.location)));
    if findings.is_empty() {
        writeln!(out, "No findings.\n")?;
    } else {
        writeln!(out, "| Level | Finding | Response | Where | Details |")?;
        writeln!(out, "| --- | --- | --- | --- | --- |")?;
        for f in findings {
            let response = match (&f.response, &f.lang) {
                (Some(id), Some(l)) => format!("{} ({})", code(id), cell(l.as_str())),
                (Some(id), None) => code(id),
                _ => "—".into(),
            };
            writeln!(
                out,
                "| {} | {} | {response} | {} | {} |",
                mark(f.level),
                f.kind.as_str(),
                code(&format!("{}:{}", shown(&f.location.path), f.location.line)),
                cell(&f.message)
            )?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "<details><summary>{}</summary>\n",
        match report.responses.len() {
            1 => "The response".to_string(),
            n => format!("All {n} responses"),
        }
    )?;
    writeln!(
        out,
        "| Response | Where | Last changed | Reviewed | Expires | Owner | Uses (30 days) |"
    )?;
    writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |")?;
    let date = |d: Option<Date>| d.map_or("—".to_string(), |d| d.to_string());
    for r in &report.responses {
        let changed = match r.change {
            "unknown" => "unknown".to_string(),
            "uncommitted" => "uncommitted".to_string(),
            _ => date(r.last_changed),
        };
        writeln!(
            out,
            "| {} | {} | {changed} | {} | {} | {} | {} |",
            code(&r.id),
            code(&format!("{}:{}", shown(&r.path), r.line)),
            date(r.reviewed),
            date(r.expires),
            cell(r.owner.as_deref().unwrap_or("—")),
            r.uses_last_30_days.map_or("—".into(), |n| n.to_string()),
        )?;
    }
    writeln!(out, "\n</details>")?;
    Ok(())
}

/// An id too long for its column, cut in its middle: ids of one family
/// share their start (`account-2fa-…`) and differ at their end, where a
/// cut at the end would make two read alike. Ids are ASCII.
fn cut_id(id: &str, width: usize) -> String {
    if id.len() <= width || !id.is_ascii() || width < 3 {
        return cut(id, width);
    }
    let head = (width - 1) / 2;
    let tail = width - 1 - head;
    format!("{}…{}", &id[..head], &id[id.len() - tail..])
}

/// `n days`, or `1 day`.
fn days(n: i64) -> String {
    plural(usize::try_from(n).unwrap_or(0), "day")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_says_how_long_ago_or_how_far_ahead() {
        let today = Date::from_ymd(2026, 11, 1).unwrap();
        assert_eq!(age(today, Some(today)), "today");
        assert_eq!(age(today, Date::from_ymd(2026, 10, 20)), "12d");
        assert_eq!(age(today, Date::from_ymd(2026, 11, 5)), "in 4d");
        assert_eq!(age(today, None), "—");
    }

    #[test]
    fn two_long_ids_cut_for_their_column_still_read_apart() {
        let a = format!(
            "{}-one",
            "a-very-long-response-identifier-that-goes-on".repeat(2)
        );
        let b = format!(
            "{}-two",
            "a-very-long-response-identifier-that-goes-on".repeat(2)
        );
        assert_ne!(cut_id(&a, 48), cut_id(&b, 48));
        assert_eq!(cut_id(&a, 48).chars().count(), 48);
        assert_eq!(cut_id("short-id", 48), "short-id");
    }

    #[test]
    fn a_table_cell_stays_one_cell_of_text() {
        assert_eq!(cell("own|er <b>\nnext\u{1b}[2J"), "own\\|er \\<b\\> next");
        // A code span shows its text as written, but for the pipe.
        assert_eq!(cell("left `<name>` and <b>"), "left `<name>` and \\<b\\>");
        assert_eq!(cell("&amp; *x* ~~y~~"), "\\&amp; \\*x\\* \\~\\~y\\~\\~");
        assert_eq!(code("pf/we|ird`x.toml:6"), "``pf/we\\|ird`x.toml:6``");
        assert_eq!(code("`a"), "`` `a ``");
    }
}
