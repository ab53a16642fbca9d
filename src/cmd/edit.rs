//! `canned edit ID`: opens `$VISUAL`/`$EDITOR` at the response's line, then
//! checks the file it is in and prints what is wrong.

use crate::Outcome;
use crate::app::App;
use crate::cli::EditArgs;
use crate::domain::rules;
use crate::domain::text::{composed, is_hidden};
use crate::error::Result;

pub fn run(app: &App, args: &EditArgs) -> Result<Outcome> {
    let lib = app.load_library()?;
    let (path, line) = match lib.lookup(&args.id) {
        Ok(r) => (r.location.path.clone(), r.location.line),
        // A response left out because it is broken is the one most worth
        // editing, by its id or its shortcut (the name the agent typed),
        // at its first error. So is one in a file too broken to be read as
        // TOML at all: found by its `id` or `shortcut` line. An invalid
        // id is found as written, or as its error's `try "…"` spells it.
        Err(unknown) => {
            // As written, as the hint spells it, or as it looks.
            let seen = |n: &str| -> String {
                let visible: String = n.chars().filter(|&c| !is_hidden(c)).collect();
                composed(&visible).into_owned()
            };
            let rejected = lib.rejected.iter().find(|r| {
                [Some(r.id.as_str()), r.shortcut.as_deref()]
                    .iter()
                    .flatten()
                    .any(|n| {
                        n.eq_ignore_ascii_case(&args.id)
                            || rules::identifier_meant(n) == args.id
                            || seen(n).to_lowercase() == seen(&args.id).to_lowercase()
                    })
            });
            let id = rejected.map_or(args.id.as_str(), |r| r.id.as_str());
            // An error that cannot name its response (an invalid id) is
            // the first below the response's header in its file.
            let below = |r: &crate::domain::model::Response| {
                (lib.problems.iter())
                    .map(|p| &p.location)
                    .filter(|at| at.path == r.location.path && at.line >= r.location.line)
                    .min_by_key(|at| (at.line, at.column))
            };
            (lib.problems.iter())
                .find(|p| p.response.as_deref() == Some(id))
                .map(|p| &p.location)
                .or(rejected.and_then(below))
                .or(rejected.map(|r| &r.location))
                .map(|at| (at.path.clone(), at.line))
                // A file too broken to read: at its error, not at the name.
                .or_else(|| {
                    let (path, named) = App::named_in_a_broken_file(&lib, &args.id)?;
                    let first_error = (lib.problems.iter())
                        .filter(|p| p.location.path == path)
                        .map(|p| p.location.line)
                        .min();
                    Some((path, first_error.unwrap_or(named)))
                })
                // One not read at all (a link out of the library) may hold it.
                .ok_or_else(|| App::not_found(&lib, &args.id, unknown, ""))?
        }
    };
    // Held while the editor is open: it saves the file as it read it, so
    // a response `new` added meanwhile would be lost without a word.
    let lock = app.lock_library(&app.library_root()?)?;
    app.editor.open(&path, line)?;
    drop(lock);
    // Saved under another name ("save as", a rename in the editor): the
    // file that holds the response now is the one to check.
    if !path.is_file()
        && let Ok(moved) = app.load_library()
        && let Some(r) = moved.get(&args.id)
    {
        app.note(&format!(
            "{} is gone; `{}` is now in {}",
            path.display(),
            args.id,
            r.location.path.display()
        ));
        return app.report_problems_in(&r.location.path);
    }
    app.report_problems_in(&path)
}
