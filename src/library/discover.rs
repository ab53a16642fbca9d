//! Where the library is: `--library`, `CANNED_LIBRARY`, the config file, or
//! the nearest `./responses`, first match wins.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// How the library directory was chosen, to explain a wrong one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryOrigin {
    Flag,
    Env,
    Config(PathBuf),
    Nearest,
}

impl fmt::Display for LibraryOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LibraryOrigin::Flag => write!(f, "--library"),
            LibraryOrigin::Env => write!(f, "CANNED_LIBRARY"),
            LibraryOrigin::Config(p) => write!(f, "`library` in {}", p.display()),
            LibraryOrigin::Nearest => write!(f, "the nearest ./responses"),
        }
    }
}

/// Finds the library directory. An explicit choice that does not exist is an
/// error naming where it came from, never silently replaced by another.
pub fn discover(
    flag: Option<&Path>,
    env: Option<&Path>,
    config: Option<(&Path, &Path)>,
    cwd: &Path,
) -> Result<(PathBuf, LibraryOrigin), Error> {
    let explicit = flag
        .map(|p| (p.to_path_buf(), LibraryOrigin::Flag))
        .or_else(|| env.map(|p| (p.to_path_buf(), LibraryOrigin::Env)))
        .or_else(|| {
            config.map(|(lib, file)| (lib.to_path_buf(), LibraryOrigin::Config(file.to_path_buf())))
        });
    if let Some((path, origin)) = explicit {
        if !path.is_dir() {
            return Err(Error::LibraryNotFound { path, origin });
        }
        return Ok((path, origin));
    }
    for dir in cwd.ancestors() {
        let candidate = dir.join("responses");
        if candidate.is_dir() {
            // Relative when it is below the working directory, so paths in
            // messages stay short.
            let shown = candidate
                .strip_prefix(cwd)
                .map(Path::to_path_buf)
                .unwrap_or(candidate);
            return Ok((shown, LibraryOrigin::Nearest));
        }
    }
    Err(Error::NoLibrary(cwd.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_responses_in_a_parent_directory() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("responses")).unwrap();
        std::fs::create_dir_all(tmp.path().join("a/b")).unwrap();
        let (path, origin) = discover(None, None, None, &tmp.path().join("a/b")).unwrap();
        assert_eq!(path, tmp.path().join("responses"));
        assert_eq!(origin, LibraryOrigin::Nearest);
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        let tmp = tempfile::tempdir().unwrap();
        let (path, origin) =
            discover(Some(tmp.path()), Some(Path::new("/nope")), None, tmp.path()).unwrap();
        assert_eq!(path, tmp.path());
        assert_eq!(origin, LibraryOrigin::Flag);
    }

    #[test]
    fn a_named_library_that_does_not_exist_is_an_error() {
        let err = discover(None, Some(Path::new("/nope/x")), None, Path::new("/")).unwrap_err();
        assert!(err.to_string().contains("/nope/x"), "{err}");
    }
}
