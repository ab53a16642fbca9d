//! Bringing responses in from elsewhere: Zendesk macros (JSON) and CSV.
//! Pure: text in, drafts and a report out. What cannot be represented is
//! never dropped silently: it is reported, and kept in the response's notes.

mod csv;
mod html;
mod zendesk;

pub use csv::{
    CSV_COLUMNS, Record, csv, export_cell, export_list, import_cell, import_list, parse_csv,
};
pub use html::html_to_text;
pub use zendesk::zendesk;

use crate::domain::append::{NewResponse, NewVariable};
use crate::domain::date::Date;
use crate::domain::library::Manifest;

/// What an import needs to know about the library it goes into.
pub struct Context<'a> {
    pub today: Date,
    pub manifest: &'a Manifest,
}

/// Something said of a place in the imported file: a CSV's line and
/// column (`at`; column 0 for the whole row), or a macro (`at`: its
/// position in the export), and the text that says where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub at: (usize, usize),
    pub text: String,
}

/// The responses to write, and what the manifest must gain for them.
#[derive(Debug, Default)]
pub struct Batch {
    pub drafts: Vec<NewResponse>,
    /// Where each draft comes from (`line 4`, `macro 12 "Title"`), to
    /// locate what would be wrong with it once written.
    pub origins: Vec<Located>,
    /// Every id and shortcut the file gives, at its row or macro, a
    /// refused row's too: one the library has taken is told in the same
    /// run as the row's other errors.
    pub names: Vec<(Located, &'static str, String)>,
    /// Why rows or macros were refused, in the order of the file: with any,
    /// nothing is written, and the drafts of the others are checked all
    /// the same, so one run tells every error.
    pub problems: Vec<Located>,
    /// Variables the bodies use that the manifest does not declare yet.
    pub variables: Vec<NewVariable>,
    /// Topics the manifest's `topics` list lacks (only when it has one).
    pub topics: Vec<String>,
    pub findings: Vec<Finding>,
}

/// Tells each placeholder left in `body` (`[Name]`, `XXX`, `<p>`), the
/// text of response `id` from `source`, as `check` finds them, beside the
/// helpdesk code the import itself left as text: `check` fails on both
/// until a lead rewrites them, and an import that said nothing of them
/// would look clean.
fn tell_placeholders(id: &str, body: &str, source: &str, findings: &mut Vec<Finding>) {
    // The markers the import wrote for what it left (`[dc.welcome_text]`,
    // `[TODO if x]`) are told already: blanked, so neither they nor the
    // `TODO` inside them are told twice.
    let mut text = body.to_string();
    let left = findings.iter().filter(|f| {
        f.kind == FindingKind::LeftAsText && f.source == source && f.id.as_deref() == Some(id)
    });
    for f in left {
        for marker in [format!("[TODO {}]", f.detail), format!("[{}]", f.detail)] {
            text = text.replace(&marker, &" ".repeat(marker.len()));
        }
    }
    let told: Vec<String> = crate::domain::check::unfilled_in(&text)
        .into_iter()
        .map(|(_, found)| found)
        .collect();
    findings.extend(told.into_iter().map(|found| Finding {
        source: source.to_string(),
        id: Some(id.to_string()),
        kind: FindingKind::LeftAsText,
        detail: found,
    }));
}

/// Something the user must know about: not representable, left as text, skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Where it came from: `macro 123 "Title"`, `line 4`.
    pub source: String,
    /// The response it went into, if any.
    pub id: Option<String>,
    pub kind: FindingKind,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    /// A Zendesk action with no equivalent (status, assignee…), kept in notes.
    NotRepresentable,
    /// Dynamic content or Liquid logic, left in the body as plain text.
    LeftAsText,
    /// Not imported at all.
    Skipped,
}
