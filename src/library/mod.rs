//! Loading a library: the manifest, every response file below the root, and
//! the checks that need the whole library (duplicate ids and shortcuts).

mod discover;
mod fields;
pub mod file;
pub mod manifest;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

pub use discover::{LibraryOrigin, discover};
pub use manifest::{MANIFEST, Manifest, Partial, Pattern, VariableSpec};

use crate::diagnostic::{Diagnostic, LineIndex, Location, Severity};
use crate::error::Error;
use crate::model::Response;

/// Every valid response of a library, with what was wrong with the rest.
#[derive(Debug)]
pub struct Library {
    /// The directory, as the user named it (paths shown are relative to it).
    pub root: PathBuf,
    pub manifest: Manifest,
    pub responses: Vec<Response>,
    /// Response files, in path order.
    pub files: Vec<PathBuf>,
    /// Every problem found while loading, in file order.
    pub problems: Vec<Diagnostic>,
    /// Responses left out because of an error.
    pub skipped: usize,
    /// Files left out whole (unreadable, not UTF-8, invalid TOML).
    pub skipped_files: usize,
}

impl Library {
    /// Loads the library at `root`. Only a missing or unreadable root is an
    /// error; everything else is a problem recorded beside what is valid.
    pub fn load(root: &Path) -> Result<Library, Error> {
        Library::load_files(root, None)
    }

    /// Loads the manifest and only `file`, for when the search index already
    /// says where a response is: an agent's `use` need not parse a library
    /// of thousands of responses to fill in one.
    pub fn load_one(root: &Path, file: &Path) -> Result<Library, Error> {
        Library::load_files(root, Some(file))
    }

    fn load_files(root: &Path, only: Option<&Path>) -> Result<Library, Error> {
        let meta = std::fs::metadata(root).map_err(|source| Error::LibraryUnreadable {
            path: root.to_path_buf(),
            source,
        })?;
        if !meta.is_dir() {
            return Err(Error::LibraryNotADirectory(root.to_path_buf()));
        }
        let mut lib = Library {
            root: root.to_path_buf(),
            manifest: Manifest::default(),
            responses: Vec::new(),
            files: Vec::new(),
            problems: Vec::new(),
            skipped: 0,
            skipped_files: 0,
        };
        let manifest_path = root.join(MANIFEST);
        if manifest_path.is_file() {
            match read_text(&manifest_path) {
                Ok(text) => {
                    let (m, problems) = manifest::parse(&manifest_path, &text);
                    lib.manifest = m;
                    lib.problems.extend(problems);
                }
                Err(d) => lib.problems.push(*d),
            }
        }
        let mut files = Vec::new();
        match only {
            Some(file) => files.push(file.to_path_buf()),
            None => walk(
                root,
                root,
                &mut files,
                &mut HashSet::new(),
                &mut lib.problems,
            ),
        }
        for path in &files {
            let text = match read_text(path) {
                Ok(t) => t,
                Err(d) => {
                    lib.problems.push(*d);
                    lib.skipped_files += 1;
                    continue;
                }
            };
            let out = file::parse(path, &text, &lib.manifest);
            lib.skipped += out.skipped;
            lib.skipped_files += usize::from(out.unreadable);
            lib.problems.extend(out.problems);
            lib.responses.extend(out.responses);
        }
        lib.files = files;
        lib.reject_duplicates();
        Ok(lib)
    }

    /// Ids and shortcuts share one namespace: typing either must pick exactly
    /// one response. The later of two clashing responses is left out.
    fn reject_duplicates(&mut self) {
        let mut names: BTreeMap<String, (Location, &'static str)> = BTreeMap::new();
        let mut keep = Vec::with_capacity(self.responses.len());
        for r in std::mem::take(&mut self.responses) {
            let mut clash = None;
            let own: Vec<(&str, &'static str)> = std::iter::once((r.id.as_str(), "id"))
                .chain(r.shortcut.as_deref().map(|s| (s, "shortcut")))
                .collect();
            for &(name, what) in &own {
                if let Some((first, first_what)) = names.get(name) {
                    clash = Some((name.to_string(), what, first.clone(), *first_what));
                    break;
                }
            }
            if let Some((name, what, first, first_what)) = clash {
                let message = if what == first_what {
                    format!("duplicate {what} `{name}`")
                } else {
                    format!("{what} `{name}` is already the {first_what} of another response")
                };
                self.problems.push(
                    Diagnostic::error(r.location.clone(), message)
                        .in_response(Some(r.id.as_str()))
                        .expected(format!("a {what} used by no other response"))
                        .hint(format!(
                            "first defined at {first}; this response is skipped"
                        )),
                );
                self.skipped += 1;
                continue;
            }
            for (name, what) in own {
                names.insert(name.to_string(), (r.location.clone(), what));
            }
            keep.push(r);
        }
        self.responses = keep;
    }

    /// The response with this exact id or shortcut.
    pub fn get(&self, name: &str) -> Option<&Response> {
        self.responses
            .iter()
            .find(|r| r.id == *name || r.shortcut.as_deref() == Some(name))
    }

    /// The response with this exact id or shortcut, or an error with the
    /// nearest one as a did-you-mean.
    pub fn lookup(&self, name: &str) -> Result<&Response, Error> {
        self.get(name).ok_or_else(|| {
            let names = self
                .responses
                .iter()
                .flat_map(|r| std::iter::once(r.id.as_str()).chain(r.shortcut.as_deref()));
            Error::UnknownResponse {
                name: name.to_string(),
                suggestion: crate::diagnostic::did_you_mean(name, names).map(str::to_string),
            }
        })
    }

    /// Errors, not warnings.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// The one-line notice every command but `check` gives about what it left
    /// out, or `None` when nothing was.
    pub fn skipped_notice(&self) -> Option<String> {
        let errors = self.errors().count();
        if errors == 0 {
            return None;
        }
        let mut parts = Vec::new();
        if self.skipped > 0 {
            parts.push(plural(self.skipped, "invalid response"));
        }
        if self.skipped_files > 0 {
            parts.push(plural(self.skipped_files, "unreadable file"));
        }
        let what = if parts.is_empty() {
            plural(errors, "problem")
        } else {
            format!("skipped {}", parts.join(" and "))
        };
        Some(format!(
            "{what} in the library; run `canned check` for details"
        ))
    }
}

pub fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Every file a library is made of: the manifest (when there is one), then
/// the response files in path order. What the search cache is keyed on.
pub fn source_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let manifest = root.join(MANIFEST);
    if manifest.is_file() {
        files.push(manifest);
    }
    walk(root, root, &mut files, &mut HashSet::new(), &mut Vec::new());
    files
}

/// Collects `*.toml` files below `dir` in path order, skipping hidden entries
/// and the manifest; directory loops through symlinks are entered once.
fn walk(
    root: &Path,
    dir: &Path,
    files: &mut Vec<PathBuf>,
    visited: &mut HashSet<PathBuf>,
    problems: &mut Vec<Diagnostic>,
) {
    if let Ok(real) = dir.canonicalize()
        && !visited.insert(real)
    {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            problems.push(file_problem(dir, format!("cannot read directory: {e}")));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let is_toml = name.ends_with(".toml") && !(dir == root && name == MANIFEST);
        // Follows symlinks: a link to a directory is walked (once), a link
        // to a file is read.
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(root, &path, files, visited, problems),
            Ok(m) if m.is_file() && is_toml => files.push(path),
            // A named pipe or a device would block or never end: not read.
            Ok(_) if is_toml => {
                problems.push(file_problem(&path, "not a regular file; skipped".into()))
            }
            // Gone between listing and reading, or a dangling link.
            Err(e) if is_toml => {
                problems.push(file_problem(&path, format!("cannot read file: {e}")))
            }
            _ => {}
        }
    }
}

fn file_problem(path: &Path, message: String) -> Diagnostic {
    Diagnostic::error(
        Location {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
        },
        message,
    )
}

/// Reads a file as UTF-8 text, or says where it stops being text.
fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let bytes = std::fs::read(path)
        .map_err(|e| Box::new(file_problem(path, format!("cannot read file: {e}"))))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let binary = bytes.iter().take(8192).any(|&b| b == 0);
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let at = LineIndex::new(path, prefix).locate(prefix, valid);
        let message = if binary {
            "binary file, not text".to_string()
        } else {
            format!("not valid UTF-8 (byte {valid})")
        };
        Box::new(
            Diagnostic::error(at, message)
                .expected("UTF-8 text")
                .hint("save the file as UTF-8, or remove it from the library; it is skipped"),
        )
    })
}
