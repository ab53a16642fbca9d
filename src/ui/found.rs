//! The ranked matches as `find` prints them, one aligned row each: also
//! what `canned` prints where the picker cannot be drawn.

use std::io::Write;

use crate::domain::search::{self, Hit, Index};
use crate::domain::text::one_line;
use crate::ui::style::{Style, pad};

/// Writes one row per hit: id, shortcut, urgency, topic, customer, language
/// and the title with the matched characters highlighted.
pub fn print(
    out: &mut impl Write,
    index: &Index,
    hits: &[Hit],
    terms: &[String],
    s: Style,
) -> std::io::Result<()> {
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
    let width = |f: &dyn Fn(usize) -> String| {
        hits.iter()
            .map(|h| f(h.doc).chars().count())
            .max()
            .unwrap_or(0)
    };
    let topic = |doc: usize| one_line(&index.docs[doc].topic);
    let customers = |doc: usize| one_line(&index.docs[doc].customers.join(","));
    let (w_topic, w_customers) = (width(&topic), width(&customers));
    for h in hits {
        let d = &index.docs[h.doc];
        // Padded as plain text, then coloured: escape codes take no column.
        let urgency = format!("{} {}", d.urgency.symbol(), d.urgency.as_str());
        let urgency = format!(
            "{}{}",
            s.urgency(d.urgency),
            " ".repeat(10usize.saturating_sub(urgency.chars().count()))
        );
        writeln!(
            out,
            "{}  {}  {}  {}  {}  {}  {}",
            s.bold(&pad(&d.id, w_id)),
            s.dim(&pad(d.shortcut.as_deref().unwrap_or(""), w_sc)),
            urgency,
            s.cyan(&pad(&topic(h.doc), w_topic)),
            pad(&customers(h.doc), w_customers),
            s.dim(&index.langs[usize::from(h.lang)]),
            highlight(&one_line(d.title_in(h.lang)), terms, s),
        )?;
    }
    Ok(())
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
