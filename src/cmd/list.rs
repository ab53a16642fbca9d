//! `canned list`: the library grouped by urgency, topic and customer type.

use std::io::{IsTerminal, Write};

use crate::Outcome;
use crate::app::App;
use crate::cli::ListArgs;
use crate::domain::json::ResponseJson;
use crate::domain::library::plural;
use crate::domain::model::Response;
use crate::domain::text::one_line;
use crate::error::Result;
use crate::ui::json;
use crate::ui::style::pad;

pub fn run(app: &App, args: &ListArgs) -> Result<Outcome> {
    let lib = app.library()?;
    let mut out = std::io::stdout().lock();
    let f = args.filters.to_filter()?;
    let mut shown: Vec<&Response> = lib
        .responses
        .iter()
        .filter(|r| f.matches(*r, app.today))
        .collect();
    // Most urgent first, then by topic, customer type and id.
    shown.sort_by(|a, b| {
        b.urgency
            .cmp(&a.urgency)
            .then_with(|| a.topic.cmp(&b.topic))
            .then_with(|| a.customer_list().cmp(&b.customer_list()))
            .then_with(|| a.id.cmp(&b.id))
    });
    if args.json {
        let rows: Vec<ResponseJson> = shown
            .iter()
            .map(|r| ResponseJson::of_response(r, &r.lang, &lib.root))
            .collect();
        json::print(&rows)?;
        return Ok(Outcome::Success);
    }
    let hidden = lib
        .responses
        .iter()
        .filter(|r| r.is_expired(app.today) && !f.include_expired)
        .count();
    let w_id = shown
        .iter()
        .map(|r| r.id.as_str().chars().count())
        .max()
        .unwrap_or(0);
    let w_short = shown
        .iter()
        .map(|r| r.shortcut.as_deref().unwrap_or("").chars().count())
        .max()
        .unwrap_or(0);
    let w_cust = shown
        .iter()
        .map(|r| r.customer_list().chars().count())
        .max()
        .unwrap_or(0);
    let s = app.out;
    let mut last: Option<(crate::domain::model::Urgency, &str)> = None;
    for r in &shown {
        if last.map(|l| l.0) != Some(r.urgency) {
            if last.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{}", s.bold(&s.urgency(r.urgency)))?;
        }
        if last != Some((r.urgency, r.topic.as_str())) {
            writeln!(out, "  {}", s.cyan(&one_line(r.topic.as_str())))?;
        }
        last = Some((r.urgency, r.topic.as_str()));
        let langs: Vec<&str> = r.languages().map(|l| l.as_str()).collect();
        writeln!(
            out,
            "    {}  {}  {}  {}  {}",
            s.bold(&pad(r.id.as_str(), w_id)),
            s.dim(&pad(r.shortcut.as_deref().unwrap_or(""), w_short)),
            pad(&one_line(&r.customer_list()), w_cust),
            s.dim(&pad(&langs.join(","), 5)),
            one_line(&r.text.title)
        )?;
    }
    if std::io::stdout().is_terminal() && !app.quiet {
        let mut footer = plural(shown.len(), "response");
        if hidden > 0 {
            footer.push_str(&format!(" ({hidden} expired hidden; --all shows them)"));
        }
        let _ = writeln!(std::io::stderr(), "{}", app.err.dim(&footer));
    }
    Ok(Outcome::Success)
}
