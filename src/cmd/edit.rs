//! `canned edit ID`: opens `$VISUAL`/`$EDITOR` at the response's line, then
//! checks the file it is in and prints what is wrong.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::Outcome;
use crate::app::App;
use crate::cli::EditArgs;
use crate::cmd::check::render;
use crate::domain::check::all_problems;
use crate::domain::diagnostic::{Diagnostic, Severity};
use crate::domain::library::plural;
use crate::error::{Error, Result};

pub fn run(app: &App, args: &EditArgs) -> Result<Outcome> {
    let lib = app.load_library()?;
    let (path, line) = match lib.lookup(&args.id) {
        Ok(r) => (r.location.path.clone(), r.location.line),
        // A response left out because it is broken is the one most worth editing.
        Err(unknown) => lib
            .problems
            .iter()
            .find(|p| p.response.as_deref() == Some(args.id.as_str()))
            .map(|p| (p.location.path.clone(), p.location.line))
            .ok_or(unknown)?,
    };
    open_editor(&path, line)?;
    report_problems(app, &path)
}

/// The editor command: `$VISUAL`, then `$EDITOR`, then `vi`.
pub fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".into())
}

/// Whether an editor was chosen explicitly (not the `vi` fallback).
pub fn editor_is_set() -> bool {
    ["VISUAL", "EDITOR"]
        .iter()
        .any(|k| std::env::var(k).is_ok_and(|v| !v.trim().is_empty()))
}

/// Runs the editor on `path` at `line` (`+LINE`, the convention of vi, emacs,
/// nano, micro, kak…). The variable is split into words by the shell, as git
/// does, so `code --wait` and quoted paths work.
pub fn open_editor(path: &Path, line: usize) -> Result<()> {
    let editor = editor();
    let mut cmd = if cfg!(unix) {
        let mut c = Command::new("sh");
        c.arg("-c").arg(format!("{editor} \"$@\"")).arg(&editor);
        c
    } else {
        let mut words = editor.split_whitespace();
        let mut c = Command::new(words.next().unwrap_or("vi"));
        c.args(words);
        c
    };
    cmd.arg(format!("+{line}")).arg(path);
    let status = cmd.status().map_err(|e| {
        Error::failed(
            format!("cannot run the editor `{editor}`: {e}"),
            Some("set $VISUAL or $EDITOR to your editor's command".into()),
        )
    })?;
    if !status.success() {
        return Err(Error::failed(
            format!("the editor `{editor}` failed ({status})"),
            Some(format!("the file is {}", path.display())),
        ));
    }
    Ok(())
}

/// Checks the library and prints the problems located in `path`, as `check`
/// does; exit 1 when one is an error.
pub fn report_problems(app: &App, path: &Path) -> Result<Outcome> {
    let lib = app.load_library()?;
    let problems: Vec<Diagnostic> = all_problems(&lib, app.today)
        .into_iter()
        .filter(|p| p.location.path == path)
        .collect();
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let mut out = std::io::stdout().lock();
    for p in &problems {
        writeln!(out, "{}", render(p, app.out))?;
    }
    if errors > 0 {
        writeln!(
            out,
            "\n{}",
            app.out.red(&format!(
                "✗ {} in {}; run `canned edit` again to fix",
                plural(errors, "error"),
                path.display()
            ))
        )?;
        Ok(Outcome::Failure)
    } else {
        if !app.quiet {
            app.note(&format!("✓ {} checks clean", path.display()));
        }
        Ok(Outcome::Success)
    }
}
