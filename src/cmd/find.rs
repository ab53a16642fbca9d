//! `canned find QUERY…`: ranked matches, best first.

use std::io::Write;

use serde::Serialize;

use crate::Outcome;
use crate::app::App;
use crate::cli::FindArgs;
use crate::domain::json::ResponseJson;
use crate::domain::search::{self, Query};
use crate::domain::text::one_line;
use crate::error::{Error, Result};
use crate::ui::json;
use crate::ui::style::{Style, pad};

#[derive(Serialize)]
struct FoundView<'a> {
    #[serde(flatten)]
    response: ResponseJson<'a>,
    score: f32,
    /// Not every word matched: the closest responses, when none matches all.
    partial: bool,
}

pub fn run(app: &App, args: &FindArgs) -> Result<Outcome> {
    let query = Query::parse(&args.query, args.filters.to_filter()?).map_err(Error::Usage)?;
    let index = app.index()?;
    let hits = app.rank(&index, &query, args.limit);
    if hits.first().is_some_and(|h| h.partial) {
        app.note("no response has every word; the closest:");
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let rows: Vec<FoundView> = hits
            .iter()
            .map(|h| FoundView {
                response: ResponseJson::of_doc(&index, h.doc, h.lang),
                score: (h.score * 100.0).round() / 100.0,
                partial: h.partial,
            })
            .collect();
        json::print(&rows)?;
    } else {
        let w_id = hits
            .iter()
            .map(|h| index.docs[h.doc].id.chars().count())
            .max()
            .unwrap_or(0);
        let w_sc = hits
            .iter()
            .map(|h| {
                index.docs[h.doc]
                    .shortcut
                    .as_deref()
                    .map_or(0, |s| s.chars().count())
            })
            .max()
            .unwrap_or(0);
        let s = app.out;
        for h in &hits {
            let d = &index.docs[h.doc];
            writeln!(
                out,
                "{}  {}  {}  {}  {}  {}  {}",
                s.bold(&pad(&d.id, w_id)),
                s.dim(&pad(d.shortcut.as_deref().unwrap_or(""), w_sc)),
                pad(&s.urgency(d.urgency), if s.enabled { 0 } else { 10 }),
                s.cyan(&one_line(&d.topic)),
                one_line(&d.customers.join(",")),
                s.dim(&index.langs[usize::from(h.lang)]),
                highlight(&one_line(d.title_in(h.lang)), &query.terms, s),
            )?;
        }
    }
    if hits.is_empty() {
        if !args.json {
            app.note(&format!("no match for `{}`", args.query.join(" ")));
        }
        return Ok(Outcome::Failure);
    }
    Ok(Outcome::Success)
}

/// The title with the matched characters highlighted.
fn highlight(title: &str, terms: &[String], s: Style) -> String {
    if !s.enabled {
        return title.to_string();
    }
    let ranges = search::highlights(title, terms);
    let mut out = String::new();
    for (i, c) in title.chars().enumerate() {
        let on = ranges.iter().any(|r| r.contains(&i));
        if on {
            out.push_str(&s.highlight(&c.to_string()));
        } else {
            out.push(c);
        }
    }
    out
}
