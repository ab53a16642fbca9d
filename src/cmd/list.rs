//! `canned list`: the library grouped by urgency, topic and customer type.

use std::io::{IsTerminal, Write};

use crate::Outcome;
use crate::app::App;
use crate::cli::ListArgs;
use crate::domain::json::ResponseJson;
use crate::domain::library::plural;
use crate::domain::model::Urgency;
use crate::domain::text::one_line;
use crate::error::Result;
use crate::ui::json;
use crate::ui::style::pad;

pub fn run(app: &App, args: &ListArgs) -> Result<Outcome> {
    // The index holds every fact a list shows: no response file is parsed.
    let index = app.index_of_responses(&app.library_root()?)?;
    let docs = &index.docs;
    let mut out = crate::ui::stdout();
    let f = args.filters.to_filter()?;
    app.check_filter(&index, &f)?;
    let customers = |d: usize| docs[d].customers.join(",");
    let mut shown: Vec<usize> = (0..docs.len())
        .filter(|&d| index.passes(d, &f, app.today))
        .collect();
    // Most urgent first, then by topic, customer type and id.
    shown.sort_by(|&a, &b| {
        let (da, db) = (&docs[a], &docs[b]);
        db.urgency
            .cmp(&da.urgency)
            .then_with(|| da.topic.cmp(&db.topic))
            .then_with(|| customers(a).cmp(&customers(b)))
            .then_with(|| da.id.cmp(&db.id))
    });
    // Shown in the language asked for (`-l fr`: the French titles, as
    // `find -l fr` shows them), else in its own, first in its list.
    let asked = f.lang.as_ref().and_then(|l| index.lang_index(l.as_str()));
    let own = |d: usize| {
        asked
            .filter(|l| docs[d].langs.contains(l))
            .or(docs[d].langs.first().copied())
            .unwrap_or(0)
    };
    if args.json {
        let rows: Vec<ResponseJson> = shown
            .iter()
            .map(|&d| ResponseJson::of_doc(&index, d, own(d)))
            .collect();
        json::print(&rows)?;
        return Ok(Outcome::Success);
    }
    // Those the filters would show but for their date.
    let with_expired = crate::domain::search::filter::Filter {
        include_expired: true,
        ..f.clone()
    };
    let hidden = (0..docs.len())
        .filter(|&d| docs[d].expires.is_some_and(|e| e < app.today) && !f.include_expired)
        .filter(|&d| index.passes(d, &with_expired, app.today))
        .count();
    let width = |text: &dyn Fn(usize) -> String| {
        shown
            .iter()
            .map(|&d| text(d).chars().count())
            .max()
            .unwrap_or(0)
    };
    let w_id = width(&|d| docs[d].id.clone());
    let w_short = width(&|d| docs[d].shortcut.clone().unwrap_or_default());
    let w_cust = width(&customers);
    let langs_of = |d: usize| -> String {
        let langs: Vec<&str> = (docs[d].langs.iter())
            .map(|&l| index.langs.get(usize::from(l)).map_or("", String::as_str))
            .collect();
        langs.join(",")
    };
    let w_langs = width(&langs_of).max(5);
    let s = app.out;
    let mut last: Option<(Urgency, &str)> = None;
    for &d in &shown {
        let r = &docs[d];
        if last.map(|l| l.0) != Some(r.urgency) {
            if last.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{}", s.bold(&s.urgency(r.urgency)))?;
        }
        if last != Some((r.urgency, r.topic.as_str())) {
            writeln!(out, "  {}", s.cyan(&one_line(&r.topic)))?;
        }
        last = Some((r.urgency, r.topic.as_str()));
        writeln!(
            out,
            "    {}  {}  {}  {}  {}",
            s.bold(&pad(&r.id, w_id)),
            s.dim(&pad(r.shortcut.as_deref().unwrap_or(""), w_short)),
            pad(&one_line(&customers(d)), w_cust),
            s.dim(&pad(&langs_of(d), w_langs)),
            one_line(r.title_in(own(d)))
        )?;
    }
    out.flush()?;
    if std::io::stdout().is_terminal() && !app.quiet {
        let mut footer = plural(shown.len(), "response");
        if hidden > 0 {
            footer.push_str(&format!(" ({hidden} expired hidden; --all shows them)"));
        }
        let _ = writeln!(std::io::stderr(), "{}", app.err.dim(&footer));
    }
    Ok(Outcome::Success)
}
