//! `canned find QUERY…`: ranked matches, best first.

use serde::Serialize;

use crate::Outcome;
use crate::app::App;
use crate::cli::FindArgs;
use crate::domain::json::ResponseJson;
use crate::domain::search::Query;
use crate::error::{Error, Result};
use crate::ui::found;
use crate::ui::json;

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
    app.check_filter(&index, &query.filter)?;
    // Typed words with nothing to search by (`?`, `🎉`) match nothing:
    // listing the whole library would say they matched everything.
    let hits = if query.terms.is_empty() && !query.text.trim().is_empty() {
        Vec::new()
    } else {
        app.rank(&index, &query, args.limit)
    };
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
        found::print(&mut out, &index, &hits, &query.highlighted(), app.out)?;
    }
    if hits.is_empty() {
        if !args.json {
            let query = crate::domain::text::one_line(&args.query.join(" "));
            app.note(&format!("no match for `{query}`"));
        }
        return Ok(Outcome::Failure);
    }
    Ok(Outcome::Success)
}
