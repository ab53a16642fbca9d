//! `canned review ID…`: sets `reviewed` in each response's file, changing
//! nothing else; one atomic write per file.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use crate::Outcome;
use crate::app::App;
use crate::cli::ReviewArgs;
use crate::domain::edit::{Placement, TomlFile, date_value, set_value};
use crate::error::{Error, Result};
use crate::platform::{fs, library};

/// Where `reviewed` goes when a response has none: after `owner`, else
/// before the first of the keys that follow it in the documented order.
const PLACEMENT: Placement = Placement {
    after: &["owner"],
    before: &["expires", "notes", "body", "translations"],
};

pub fn run(app: &App, args: &ReviewArgs) -> Result<Outcome> {
    let date = args.date.unwrap_or(app.today);
    if date > app.today {
        return Err(Error::Usage(format!(
            "--date {date} is in the future (today is {})",
            app.today
        )));
    }
    // "0000-01-01" is a slip, and `audit` would count 740,000 days.
    if date.ymd().0 < 1990 {
        return Err(Error::Usage(format!(
            "--date {date} is before 1990: is it a slip? (today is {})",
            app.today
        )));
    }
    // Held from the first read to the last rename: a concurrent writer waits.
    let _lock = app.lock_library(&app.library_root()?)?;
    let lib = app.library()?;
    // Every name is resolved before any file is touched.
    let mut by_file: BTreeMap<PathBuf, Vec<(String, usize)>> = BTreeMap::new();
    for name in &args.ids {
        let r = lib
            .lookup(name)
            .map_err(|unknown| App::not_found(&lib, name, unknown, "nothing was written"))?;
        let ids = by_file.entry(r.location.path.clone()).or_default();
        if !ids.iter().any(|(id, _)| id == r.id.as_str()) {
            ids.push((r.id.to_string(), r.location.line));
        }
    }
    // Every file is edited in memory before any is written.
    let mut edits = Vec::new();
    for (path, ids) in by_file {
        let mut file = TomlFile::parse(&path, library::read_source(&path)?)?;
        let mut done = Vec::new();
        for (id, line) in ids {
            let table = file.response_mut(&id)?;
            let old = set_value(table, "reviewed", date_value(date), PLACEMENT);
            let old = old.and_then(|v| v.as_datetime().map(ToString::to_string));
            done.push((id, line, old));
        }
        edits.push((file, done));
    }
    // Every file is asked whether it may be written before any is: one
    // read-only file refuses the whole review, and nothing is half done.
    for (file, _) in &edits {
        if file.is_changed() {
            fs::check_replaceable(file.path(), file.original())?;
        }
    }
    let s = app.out;
    let mut out = std::io::stdout().lock();
    let mut written: Vec<String> = Vec::new();
    for (file, done) in edits {
        if file.is_changed() {
            // Only a save by someone else since the check, or a full disk,
            // fails here: what was written already is said.
            fs::replace_if_unchanged(file.path(), file.original(), &file.render()).map_err(
                |e| {
                    if written.is_empty() {
                        return e;
                    }
                    Error::failed(
                        e.to_string(),
                        Some(format!(
                            "{} written already; run the command again for the rest",
                            written.join(", ")
                        )),
                    )
                },
            )?;
            written.push(file.path().display().to_string());
        }
        // `--quiet` says only errors.
        for (id, line, old) in done.into_iter().filter(|_| !app.quiet) {
            let was = match old {
                Some(old) if old == date.to_string() => "no change".to_string(),
                Some(old) => format!("was {old}"),
                None => "first review".to_string(),
            };
            writeln!(
                out,
                "{} {} reviewed {date} ({was})  {}",
                s.green("✓"),
                s.bold(&id),
                s.dim(&format!("{}:{line}", file.path().display())),
            )?;
        }
    }
    Ok(Outcome::Success)
}
