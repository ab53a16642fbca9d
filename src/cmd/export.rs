//! `canned export --format json|csv|markdown`: the whole library on stdout.

use std::io::Write;

use crate::Outcome;
use crate::app::App;
use crate::cli::{ExportArgs, ExportFormat};
use crate::domain::export;
use crate::domain::library::plural;
use crate::error::Result;
use crate::ui::json;

pub fn run(app: &App, args: &ExportArgs) -> Result<Outcome> {
    let lib = export::with_unix_line_ends(app.library()?);
    let (lib, left_out) = export::without_failing(lib, app.today);
    if !left_out.responses.is_empty() {
        app.warn(&format!(
            "left out {} that `check` fails ({}); run `canned check` for details",
            plural(left_out.responses.len(), "response"),
            left_out.responses.join(", ")
        ));
    }
    if !left_out.translations.is_empty() {
        let named: Vec<String> = (left_out.translations.iter())
            .map(|(id, lang)| format!("{id} in {lang}"))
            .collect();
        app.warn(&format!(
            "left out {} that `check` fails ({}), keeping the other languages; run `canned check` for details",
            plural(named.len(), "translation"),
            named.join(", ")
        ));
    }
    let text = match args.format {
        ExportFormat::Json => {
            json::print(&export::json(&lib))?;
            return Ok(Outcome::Success);
        }
        ExportFormat::Csv => export::csv(&lib),
        ExportFormat::Markdown => export::markdown(&lib),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Success)
}
