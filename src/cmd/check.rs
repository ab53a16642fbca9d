//! `canned check`: every problem in every file, located; exit 1 if any error.

use std::collections::BTreeSet;
use std::io::Write;

use serde::Serialize;

use crate::Outcome;
use crate::app::App;
use crate::cli::CheckArgs;
use crate::domain::check::all_problems;
use crate::domain::diagnostic::{Diagnostic, Location, Severity};
use crate::domain::library::plural;
use crate::error::Result;
use crate::ui::diagnostics::render;
use crate::ui::json;

#[derive(Serialize)]
struct Report<'a> {
    ok: bool,
    errors: usize,
    warnings: usize,
    responses: usize,
    files: usize,
    problems: &'a [Diagnostic],
}

pub fn run(app: &App, args: &CheckArgs) -> Result<Outcome> {
    let lib = match app.load_library_as_written() {
        Ok(lib) => lib,
        // A CI job that reads the JSON gets JSON: no library is its one
        // error, as an empty one is (and stderr says it, as ever).
        Err(e) if args.json => {
            let path = app.library_flag.clone().unwrap_or_else(|| ".".into());
            let mut problem = Diagnostic::error(
                Location {
                    path,
                    line: 1,
                    column: 1,
                },
                e.to_string(),
            );
            problem.hint = e.hint();
            json::print(&Report {
                ok: false,
                errors: 1,
                warnings: 0,
                responses: 0,
                files: 0,
                problems: &[problem],
            })?;
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let mut out = crate::ui::stdout();
    let mut problems = all_problems(&lib, app.today);
    // A CI job pointed at the wrong, empty directory must not go green:
    // an error of the library itself, in the text and the JSON alike.
    if lib.files.is_empty() {
        problems.push(
            Diagnostic::error(
                Location {
                    path: lib.root.clone(),
                    line: 1,
                    column: 1,
                },
                "no response files in the library: nothing to check".to_string(),
            )
            .hint("is the library right? `canned init DIR` writes a starter library"),
        );
    }

    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    // Count the responses that are valid all the way through templates.
    // Loading leaves a response with errors out, so only the problems found
    // since make a loaded one invalid: a duplicate's error names the
    // response left out, not the one that keeps the id.
    let loading: BTreeSet<(&Location, &str)> = lib
        .problems
        .iter()
        .map(|p| (&p.location, p.message.as_str()))
        .collect();
    let broken: BTreeSet<&str> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .filter(|p| !loading.contains(&(&p.location, p.message.as_str())))
        .filter_map(|p| p.response.as_deref())
        .collect();
    let valid = lib
        .responses
        .iter()
        .filter(|r| !broken.contains(r.id.as_str()))
        .count();

    if args.json {
        let report = Report {
            ok: errors == 0,
            errors,
            warnings,
            responses: valid,
            files: lib.files.len(),
            problems: &problems,
        };
        json::print(&report)?;
    } else {
        // `--quiet` says only errors, as its help promises; the summary
        // still counts the warnings.
        let listed: Vec<&Diagnostic> = problems
            .iter()
            .filter(|p| !app.quiet || p.severity == Severity::Error)
            .collect();
        for p in &listed {
            writeln!(out, "{}", render(p, app.out))?;
        }
        let files = plural(lib.files.len(), "file");
        let summary = if errors == 0 {
            app.out.green(&format!(
                "✓ {} in {files}: no errors{}",
                plural(valid, "response"),
                if warnings > 0 {
                    format!(", {}", plural(warnings, "warning"))
                } else {
                    String::new()
                }
            ))
        } else {
            app.out.red(&format!(
                "✗ {}{} in a library of {}; {} valid",
                plural(errors, "error"),
                if warnings > 0 {
                    format!(", {}", plural(warnings, "warning"))
                } else {
                    String::new()
                },
                files,
                plural(valid, "response"),
            ))
        };
        if !listed.is_empty() {
            writeln!(out)?;
        }
        writeln!(out, "{summary}")?;
    }
    out.flush()?;
    Ok(if errors == 0 {
        Outcome::Success
    } else {
        Outcome::Failure
    })
}
