//! `canned init [DIR]`: a starter library with a manifest and examples.

use std::io::Write;

use crate::Outcome;
use crate::app::App;
use crate::cli::InitArgs;
use crate::error::{Error, Result};
use crate::platform::{fs, library};

const FILES: [(&str, &str); 3] = [
    ("canned.toml", include_str!("starter/canned.toml")),
    ("general.toml", include_str!("starter/general.toml")),
    ("shipping.toml", include_str!("starter/shipping.toml")),
];

pub fn run(app: &App, args: &InitArgs) -> Result<Outcome> {
    let dir = &args.dir;
    // A library is every `.toml` file below its directory, so one in a
    // subdirectory is a library already too.
    let existing: Vec<String> = library::source_files(dir)
        .iter()
        .map(|f| f.strip_prefix(dir).unwrap_or(f).display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::failed(
            format!(
                "{} already holds a library ({})",
                dir.display(),
                existing.join(", ")
            ),
            Some("choose another directory: `canned init DIR`; nothing was written".into()),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for (name, text) in FILES {
        let path = dir.join(name);
        fs::create_new(&path, text.as_bytes()).map_err(|e| Error::io(&path, e))?;
    }
    if !app.quiet {
        let mut out = std::io::stdout().lock();
        writeln!(out, "Created a starter library in {}:", dir.display())?;
        for (name, _) in FILES {
            writeln!(out, "  {}", dir.join(name).display())?;
        }
        writeln!(
            out,
            "\nNext: `canned --library {} list`, then edit the files and run `canned check`.",
            dir.display()
        )?;
    }
    Ok(Outcome::Success)
}
