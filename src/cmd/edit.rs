//! `canned edit ID`: opens `$VISUAL`/`$EDITOR` at the response's line, then
//! checks the file it is in and prints what is wrong.

use crate::Outcome;
use crate::app::App;
use crate::cli::EditArgs;
use crate::error::Result;

pub fn run(app: &App, args: &EditArgs) -> Result<Outcome> {
    let lib = app.load_library()?;
    let (path, line) = match lib.lookup(&args.id) {
        Ok(r) => (r.location.path.clone(), r.location.line),
        // A response left out because it is broken is the one most worth editing.
        // So is one in a file too broken to be read as TOML at all: found
        // by its `id` or `shortcut` line.
        Err(unknown) => lib
            .problems
            .iter()
            .find(|p| p.response.as_deref() == Some(args.id.as_str()))
            .map(|p| (p.location.path.clone(), p.location.line))
            .or_else(|| App::named_in_a_broken_file(&lib, &args.id))
            .ok_or(unknown)?,
    };
    app.editor.open(&path, line)?;
    app.report_problems_in(&path)
}
