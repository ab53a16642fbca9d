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
    // `canned --library DIR init` names the directory as `init DIR` does;
    // without either, CANNED_LIBRARY or the config's, else `responses`.
    // One directory however it is spelled (`./team`, `team/`, absolute).
    let same = |a: &std::path::Path, b: &std::path::Path| {
        let plain = |p: &std::path::Path| {
            std::path::absolute(p)
                .unwrap_or_else(|_| p.to_path_buf())
                .components()
                .filter(|c| *c != std::path::Component::CurDir)
                .collect::<std::path::PathBuf>()
        };
        plain(a) == plain(b)
    };
    let dir = &match (&args.dir, &app.library_flag) {
        (Some(a), Some(b)) if !same(a, b) => {
            return Err(Error::Usage(format!(
                "two directories: `{}` and --library `{}`; give one",
                a.display(),
                b.display()
            )));
        }
        (Some(d), _) | (None, Some(d)) => d.clone(),
        // Where every other command will look for it.
        (None, None) => app
            .library_named()
            .unwrap_or_else(|| std::path::PathBuf::from("responses")),
    };
    let nothing =
        || Some("choose another directory: `canned init DIR`; nothing was written".into());
    if dir.exists() && !dir.is_dir() {
        return Err(Error::failed(
            format!("{} is a file; a library is a directory", dir.display()),
            nothing(),
        ));
    }
    // A link to nothing is in the way of the directory itself.
    if !dir.exists() && std::fs::symlink_metadata(dir).is_ok() {
        return Err(Error::failed(
            format!(
                "{} is a link to nothing; a library is a directory",
                dir.display()
            ),
            nothing(),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // Two inits at once take turns: the second finds the first's library
    // whole, rather than each writing some files and removing its own.
    let _lock = app.lock_library(dir)?;
    // A library is every `.toml` file below its directory, so one in a
    // subdirectory is a library already too.
    // But an init stopped half-way (killed, the power lost) left starter
    // files as it writes them, and nothing else: it is finished, not
    // refused as a library.
    let as_started = |name: &str| {
        FILES.iter().any(|(n, text)| {
            *n == name && std::fs::read(dir.join(n)).is_ok_and(|b| b == text.as_bytes())
        })
    };
    let existing: Vec<String> = library::source_files(dir)
        .iter()
        .map(|f| f.strip_prefix(dir).unwrap_or(f).display().to_string())
        .collect();
    let half_done = !existing.is_empty()
        && existing.len() < FILES.len()
        && existing.iter().all(|f| as_started(f));
    if !existing.is_empty() && !half_done {
        return Err(Error::failed(
            format!(
                "{} already holds a library ({})",
                dir.display(),
                existing.join(", ")
            ),
            Some("choose another directory: `canned init DIR`; nothing was written".into()),
        ));
    }
    // Whatever stands where a starter file goes (a link, even a dangling
    // one, a directory) is in the way: said before anything is written.
    let in_the_way: Vec<String> = FILES
        .iter()
        .filter(|(name, _)| std::fs::symlink_metadata(dir.join(name)).is_ok())
        .filter(|(name, _)| !(half_done && existing.iter().any(|f| f == name)))
        .map(|(name, _)| name.to_string())
        .collect();
    if !in_the_way.is_empty() {
        return Err(Error::failed(
            format!("{} already holds {}", dir.display(), in_the_way.join(", ")),
            nothing(),
        ));
    }
    let mut written = Vec::new();
    let missing = FILES
        .iter()
        .filter(|(name, _)| !existing.iter().any(|f| f == name));
    for (name, text) in missing {
        let path = dir.join(name);
        if let Err(e) = fs::create_new(&path, text.as_bytes()) {
            // All or nothing: a half-written starter is no library.
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(Error::failed(
                format!("{}: cannot write it: {e}", path.display()),
                Some("nothing was written".into()),
            ));
        }
        written.push(path);
    }
    if !app.quiet {
        let mut out = std::io::stdout().lock();
        let what = if half_done { "Finished" } else { "Created" };
        writeln!(out, "{what} a starter library in {}:", dir.display())?;
        for path in &written {
            writeln!(out, "  {}", path.display())?;
        }
        writeln!(
            out,
            "\nNext: `canned --library {} list`, then edit the files and run `canned check`.",
            pasteable(&dir.display().to_string())
        )?;
    }
    Ok(Outcome::Success)
}

/// `path` as it can be pasted back into a shell: in double quotes when it
/// holds a space or what a shell acts on, a backslash included (Windows'
/// separator, which a POSIX shell drops unquoted), which POSIX shells, cmd
/// and PowerShell all read as one word; in single quotes when it holds what
/// double quotes do not keep (`$`, `"`, a backquote).
fn pasteable(path: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "@%+=:,./_-".contains(c);
    if !path.is_empty() && path.chars().all(plain) {
        path.to_string()
    } else if !path.contains(['$', '"', '`', '!']) {
        format!("\"{path}\"")
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::pasteable;

    #[test]
    fn a_path_is_shown_as_it_can_be_pasted_back() {
        assert_eq!(pasteable("responses"), "responses");
        assert_eq!(pasteable(r"Z:\work\lib"), r#""Z:\work\lib""#);
        assert_eq!(pasteable(r"q\w"), r#""q\w""#);
        assert_eq!(pasteable("new lib/x"), "\"new lib/x\"");
        assert_eq!(
            pasteable(r"C:\Users\Zoë Smith\lib"),
            r#""C:\Users\Zoë Smith\lib""#
        );
        assert_eq!(pasteable("it's $HOME"), r"'it'\''s $HOME'");
    }
}
