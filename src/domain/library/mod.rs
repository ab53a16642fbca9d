//! A library from the bytes of its files: the manifest, every response file,
//! and the checks that need the whole library (duplicate ids and shortcuts).

mod fields;
pub mod file;
pub mod manifest;
mod syntax;

pub use syntax::first_error;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub use manifest::{MANIFEST, Manifest, Partial, Pattern, VariableSpec};

use crate::domain::diagnostic::{Diagnostic, LineIndex, Location, Severity, did_you_mean};
use crate::domain::model::Response;
use crate::domain::rules;

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
    /// Files left out whole (unreadable, not UTF-8, invalid TOML), and
    /// folders, links and pipes the walk could not read.
    pub skipped_files: usize,
    /// Indices in `problems` of the files left out whole: whatever ids and
    /// shortcuts they hold are unknown (see [`Library::names_unknown`]).
    pub unread: Vec<usize>,
    /// Responses left out for errors in their fields, whose id and body
    /// could be read: for `check` to check their templates in the same run.
    pub rejected: Vec<Response>,
    /// The names (ids and shortcuts) of responses left out for their own
    /// errors: still taken, as `check` says.
    pub taken: Vec<file::Taken>,
    /// The manifest is not TOML at all, and its last good version stands in.
    pub manifest_fallback: bool,
    /// The manifest is not TOML at all, and no last good version is known:
    /// its vocabulary, variables and partials are missing.
    pub manifest_lost: bool,
    /// The manifest is there but cannot be read at all (a folder, a pipe, a
    /// link out of the library, an I/O error): the fallback or the loss
    /// above is for that.
    pub manifest_unreadable: bool,
    /// Names two valid responses claim (see [`Library::reject_duplicates`]):
    /// each names neither until one is renamed.
    pub contested: Vec<Contest>,
}

/// An id or shortcut two valid responses claim: the first's id and place,
/// then the second's.
#[derive(Debug, Clone)]
pub struct Contest {
    pub name: String,
    pub holders: [(String, Location); 2],
}

impl Library {
    /// Builds a library from what was read at `root`: the manifest's bytes
    /// (when there is one), each response file's bytes in path order, and
    /// the problems met while finding them. Reading is the platform's job;
    /// everything from bytes on is decided here.
    pub fn assemble(
        root: &Path,
        manifest: Option<Source>,
        files: Vec<Source>,
        problems: Vec<Diagnostic>,
    ) -> Library {
        Library::assemble_with(root, manifest, None, files, problems, |files, m| {
            files.into_iter().map(|f| Parsed::new(f, m)).collect()
        })
    }

    /// [`Library::assemble`], with the last manifest that was TOML, and the
    /// response files parsed by `parse_all`. A teammate's typo in
    /// `canned.toml` (a missing quote, a lost bracket) would otherwise take
    /// every variable and partial away from every reply; its problems are
    /// still reported, for `check` to fail on. `parse_all` must return
    /// [`Parsed::new`] of each file, in order: files parse independently
    /// once the manifest is known, so the platform can spread them over the
    /// cores, and read each file only when it parses it (`F` is whatever
    /// names a file for `parse_all`), so that the text of every file is
    /// never held at once beside the responses.
    pub fn assemble_with<F>(
        root: &Path,
        manifest: Option<Source>,
        last_good: Option<&str>,
        files: Vec<F>,
        problems: Vec<Diagnostic>,
        parse_all: impl FnOnce(Vec<F>, &Manifest) -> Vec<Parsed>,
    ) -> Library {
        let mut lib = Library {
            root: root.to_path_buf(),
            manifest: Manifest::default(),
            responses: Vec::new(),
            files: Vec::new(),
            // What the walk could not read (a folder, a link out, a pipe)
            // is left out as an unreadable file is.
            skipped_files: problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count(),
            // The walk's are the loader's to tell (`platform::library`).
            unread: Vec::new(),
            problems,
            skipped: 0,
            rejected: Vec::new(),
            contested: Vec::new(),
            taken: Vec::new(),
            manifest_fallback: false,
            manifest_lost: false,
            manifest_unreadable: false,
        };
        if let Some(source) = manifest {
            match source.text() {
                Ok(text) => {
                    let (m, problems) = manifest::parse(&source.path, &text);
                    lib.manifest = m;
                    lib.problems.extend(problems);
                    let readable = manifest::is_readable(&text);
                    if let Some(good) = last_good.filter(|_| !readable)
                        && manifest::is_readable(good)
                    {
                        lib.manifest = manifest::parse(&source.path, good).0;
                        lib.manifest_fallback = true;
                    }
                    lib.manifest_lost = !readable && !lib.manifest_fallback;
                }
                // Not text (a stray Latin-1 byte): as unreadable as a
                // TOML error, with the same fallback.
                Err(d) => {
                    lib.problems.push(*d);
                    lib.manifest_unreadable = source.bytes.is_err();
                    match last_good.filter(|good| manifest::is_readable(good)) {
                        Some(good) => {
                            lib.manifest = manifest::parse(&source.path, good).0;
                            lib.manifest_fallback = true;
                        }
                        None => lib.manifest_lost = true,
                    }
                }
            }
        }
        let parsed = parse_all(files, &lib.manifest);
        // One allocation: growing by doubling held the old list beside the
        // new one (tens of MB at 100,000 responses).
        lib.responses.reserve_exact(
            parsed
                .iter()
                .filter_map(|p| p.outcome.as_ref().ok())
                .map(|out| out.responses.len())
                .sum(),
        );
        let mut invalid = Vec::new();
        for parsed in parsed {
            let out = match parsed.outcome {
                Ok(out) => out,
                Err(d) => {
                    lib.unread.push(lib.problems.len());
                    lib.problems.push(*d);
                    lib.skipped_files += 1;
                    lib.files.push(parsed.path);
                    continue;
                }
            };
            lib.skipped += out.skipped;
            lib.skipped_files += usize::from(out.unreadable);
            if out.unreadable {
                lib.unread.push(lib.problems.len());
            }
            lib.problems.extend(out.problems);
            lib.responses.extend(out.responses);
            lib.rejected.extend(out.rejected);
            lib.files.push(parsed.path);
            invalid.extend(out.invalid);
        }
        lib.reject_duplicates(&invalid);
        lib.taken = invalid;
        lib.offer_no_taken_name();
        lib
    }

    /// An invalid id or shortcut's fix (`try "refund-vip"` for `Refund-VIP`)
    /// that another response holds is told taken: offered, it led straight
    /// to the next error.
    fn offer_no_taken_name(&mut self) {
        // The fixes offered, by problem: most loads have none, and the
        // names' map is built only for those that do.
        let offered: Vec<(usize, &str)> = (self.problems.iter().enumerate())
            .filter(|(_, p)| {
                p.message.starts_with("invalid id ") || p.message.starts_with("invalid shortcut ")
            })
            .filter_map(|(i, p)| {
                let name = p
                    .hint
                    .as_deref()?
                    .strip_prefix("try \"")?
                    .strip_suffix('"')?;
                // A shortcut may be its own response's id (`Greeting-Short`
                // in `greeting-short`).
                (p.response.as_deref() != Some(name)).then_some((i, name))
            })
            .collect();
        if offered.is_empty() {
            return;
        }
        let holders = self.holders();
        let told: Vec<(usize, String)> = (offered.into_iter())
            .filter_map(|(i, name)| Some((i, rules::fix_taken(name, &holders.of(name)?))))
            .collect();
        for (i, hint) in told {
            self.problems[i].hint = Some(hint);
        }
    }

    /// Ids and shortcuts share one namespace: typing either must pick exactly
    /// one response. The later of two clashing responses is left out, and
    /// the name they share is *contested*: it names neither, for which one
    /// is meant cannot be told (the file that sorts first would win, and a
    /// teammate's new file could take over a reply's shortcut). Each keeps
    /// its place under its other name: the shortcut is dropped, and a
    /// response that holds the name as its id is refused by it (see
    /// [`Library::lookup`]); the later stays when only its shortcut
    /// clashes. A response `invalid` (skipped for its own errors) clashes
    /// too, for every problem to be told in one run, but leaves the valid
    /// one in: a broken draft must not take a reply away.
    fn reject_duplicates(&mut self, invalid: &[file::Taken]) {
        // Names borrowed, responses by index and left in place: copying
        // 100,000 of them and their locations took 70 MB at load.
        let mut names: HashMap<&str, (usize, &'static str)> = HashMap::new();
        // Every response holding each name, left out for a clash or not:
        // one with errors of its own clashes with each of them.
        let mut holders: HashMap<&str, Vec<(usize, &'static str)>> = HashMap::new();
        let mut skip = vec![false; self.responses.len()];
        // The first holder of each contested name, how it holds it, and
        // the response that claimed it after.
        let mut contests: Vec<(usize, &'static str, usize, String)> = Vec::new();
        for (i, r) in self.responses.iter().enumerate() {
            let own: Vec<(&str, &'static str)> = std::iter::once((r.id.as_str(), "id"))
                .chain(r.shortcut.as_deref().map(|s| (s, "shortcut")))
                .collect();
            for &(name, what) in &own {
                holders.entry(name).or_default().push((i, what));
            }
            // Each name it shares is told: its id and its shortcut may
            // clash with two others.
            let clashes: Vec<(&str, &str, usize, &str)> = own
                .iter()
                .filter_map(|&(name, what)| {
                    let &(first, first_what) = names.get(name)?;
                    Some((name, what, first, first_what))
                })
                .collect();
            // Only its shortcut claimed before: it stays, under its id.
            let stays = clashes.iter().all(|&(_, what, _, _)| what == "shortcut");
            for &(name, what, first, first_what) in &clashes {
                let left_out = if stays {
                    ""
                } else {
                    "this response is skipped, and "
                };
                self.problems.push(
                    clash_of(
                        r.location.clone(),
                        name,
                        what,
                        (self.responses[first].id.as_str(), first_what),
                    )
                    .also_at(&self.responses[first].location)
                    .in_response(Some(r.id.as_str()))
                    .hint(format!(
                        "first defined at {}; {left_out}`{name}` names neither until one of \
                         them is renamed",
                        self.responses[first].location,
                    )),
                );
                contests.push((first, first_what, i, name.to_string()));
            }
            if !clashes.is_empty() && stays {
                names.insert(r.id.as_str(), (i, "id"));
                continue;
            }
            if !clashes.is_empty() {
                self.skipped += 1;
                skip[i] = true;
                // Its other name claims nothing: a valid response that has
                // it stays (a broken draft must not take a reply away);
                // the clash to come is told at the draft, below.
                continue;
            }
            for (name, what) in own {
                names.insert(name, (i, what));
            }
        }
        // A response left out for a clash, whose other name a response that
        // is used has too: told at the one left out, which must change it.
        for (i, r) in self.responses.iter().enumerate().filter(|&(i, _)| skip[i]) {
            let own = std::iter::once((r.id.as_str(), "id"))
                .chain(r.shortcut.as_deref().map(|s| (s, "shortcut")));
            for (name, what) in own {
                let Some(&(j, their_what)) = names.get(name).filter(|&&(j, _)| j != i && !skip[j])
                else {
                    continue;
                };
                let reported = self.problems.iter().any(|p| {
                    p.response.as_deref() == Some(r.id.as_str())
                        && p.location == r.location
                        && p.message.contains(&format!("`{name}`"))
                });
                if reported {
                    continue;
                }
                let other = &self.responses[j];
                self.problems.push(
                    clash_of(
                        r.location.clone(),
                        name,
                        what,
                        (other.id.as_str(), their_what),
                    )
                    .also_at(&other.location)
                    .in_response(Some(r.id.as_str()))
                    .hint(format!(
                        "held by {} too; this response is skipped",
                        other.location
                    )),
                );
            }
        }
        // Two responses skipped for their own errors clash too: the later
        // is told, at its place.
        let mut first_invalid: HashMap<&str, &file::Taken> = HashMap::new();
        for taken in invalid {
            let Some(held) = holders.get(taken.name.as_str()) else {
                match first_invalid.get(taken.name.as_str()) {
                    Some(first) if first.response != taken.response || first.at != taken.at => {
                        self.problems.push(
                            clash_of(
                                taken.at.clone(),
                                &taken.name,
                                taken.what,
                                (&first.response, first.what),
                            )
                            .also_at(&first.at)
                            .in_response(Some(taken.response.as_str()))
                            .hint(format!(
                                "first defined at {}, skipped for its own errors too",
                                first.at
                            )),
                        );
                    }
                    Some(_) => {}
                    None => {
                        first_invalid.insert(&taken.name, taken);
                    }
                }
                continue;
            };
            for &(loaded, what) in held {
                let loaded = &self.responses[loaded];
                let at = &taken.at;
                let problem = if *at < loaded.location {
                    clash_of(loaded.location.clone(), &taken.name, what, (&taken.response, taken.what))
                        .also_at(at)
                        .in_response(Some(loaded.id.as_str()))
                        .hint(format!(
                            "first defined at {at}, skipped for its own errors; once they are fixed, this response is skipped"
                        ))
                } else {
                    clash_of(
                        at.clone(),
                        &taken.name,
                        taken.what,
                        (loaded.id.as_str(), what),
                    )
                    .also_at(&loaded.location)
                    .in_response(Some(taken.response.as_str()))
                    .hint(format!("first defined at {}", loaded.location))
                };
                self.problems.push(problem);
            }
        }
        for (first, how, later, name) in contests {
            // An id stays the response's (`lookup` refuses it by that name).
            if how == "shortcut" {
                self.responses[first].shortcut = None;
            }
            if !skip[later] {
                self.responses[later].shortcut = None;
            }
            let holder = |r: &Response| (r.id.to_string(), r.location.clone());
            self.contested.push(Contest {
                name,
                holders: [
                    holder(&self.responses[first]),
                    holder(&self.responses[later]),
                ],
            });
        }
        // A response left out for a clash has its template checked all the
        // same (`check`), as one left out for its own errors.
        if skip.contains(&true) {
            let responses = std::mem::take(&mut self.responses);
            for (r, skipped) in responses.into_iter().zip(skip) {
                if skipped {
                    self.rejected.push(r);
                } else {
                    self.responses.push(r);
                }
            }
        }
    }

    /// Who holds each id and shortcut, to say so in an error: built once,
    /// so that an import of a thousand names asks in constant time.
    pub fn holders(&self) -> Holders<'_> {
        // The first holder wins: a valid response, then one left out for
        // its errors (whose names `check` still counts, so a new response
        // taking one would fail `check`), then a name read from a response
        // too broken to load.
        let mut names: HashMap<&str, Holder<'_>> = HashMap::new();
        for c in &self.contested {
            names.entry(&c.name).or_insert(Holder::Contested(c));
        }
        for r in &self.responses {
            for name in std::iter::once(r.id.as_str()).chain(r.shortcut.as_deref()) {
                names.entry(name).or_insert(Holder::Valid(r));
            }
        }
        for r in &self.rejected {
            for name in std::iter::once(r.id.as_str()).chain(r.shortcut.as_deref()) {
                names.entry(name).or_insert(Holder::Rejected(r));
            }
        }
        for t in &self.taken {
            names.entry(&t.name).or_insert(Holder::Taken(t));
        }
        for p in &self.problems {
            if let Some(id) = p.response.as_deref() {
                names.entry(id).or_insert(Holder::Broken(&p.location));
            }
        }
        Holders { names }
    }

    /// The response with this exact id or shortcut.
    pub fn get(&self, name: &str) -> Option<&Response> {
        self.responses
            .iter()
            .find(|r| r.id == *name || r.shortcut.as_deref() == Some(name))
    }

    /// Why `name` names no response when two claim it (see
    /// [`Library::reject_duplicates`]).
    pub fn contest(&self, name: &str) -> Option<UnknownResponse> {
        let c = self.contested.iter().find(|c| c.name == name)?;
        Some(UnknownResponse {
            name: name.to_string(),
            suggestion: None,
            skipped: Some(c.to_string()),
        })
    }

    /// The response with this exact id or shortcut, or an error with the
    /// nearest one as a did-you-mean.
    ///
    /// Ids and shortcuts are written in lower case, so `REFUND` names
    /// `refund` (as the search index reads it), whether that response is
    /// valid, contested or left out for its errors.
    pub fn lookup(&self, name: &str) -> Result<&Response, UnknownResponse> {
        let lower = name.to_ascii_lowercase();
        let spellings = [name, lower.as_str()];
        if let Some(contest) = spellings.iter().find_map(|n| self.contest(n)) {
            return Err(UnknownResponse {
                name: name.to_string(),
                ..contest
            });
        }
        if let Some(found) = spellings.iter().find_map(|n| self.get(n)) {
            return Ok(found);
        }
        let names = self
            .responses
            .iter()
            .flat_map(|r| std::iter::once(r.id.as_str()).chain(r.shortcut.as_deref()));
        let holders = self.holders();
        Err(UnknownResponse {
            name: name.to_string(),
            suggestion: did_you_mean(name, names).map(str::to_string),
            skipped: spellings.iter().find_map(|n| holders.skipped(n)),
        })
    }

    /// Errors, not warnings.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
    }

    /// Why not every id and shortcut of the library is known: the problem
    /// of a file left out whole (a teammate's unclosed quote), whose names
    /// nobody could read. A name added then could be one of them, and the
    /// library would fail `check` once the file is fixed.
    pub fn names_unknown(&self) -> Option<&Diagnostic> {
        self.unread.first().and_then(|&i| self.problems.get(i))
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
        match self.skipped_files {
            0 => {}
            1 => parts.push("1 broken or unreadable file or folder".to_string()),
            n => parts.push(format!("{n} broken or unreadable files or folders")),
        }
        let what = if parts.is_empty() {
            plural(errors, "problem")
        } else {
            format!("skipped {}", parts.join(" and "))
        };
        let why = match self.manifest_unreadable {
            true => "cannot be read",
            false => "is not valid TOML",
        };
        let fallback = if self.manifest_fallback {
            format!(" (canned.toml {why}: its last good version is used)")
        } else if self.manifest_lost {
            format!(
                " (canned.toml {why}, and no earlier version of it is known: \
                 its variables and partials are missing)"
            )
        } else {
            String::new()
        };
        Some(format!(
            "{what} in the library{fallback}; run `canned check` for details"
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

/// A problem with a whole file or directory, located at its start.
pub fn file_problem(path: &Path, message: String) -> Diagnostic {
    Diagnostic::error(
        Location {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
        },
        message,
    )
}

/// One response file parsed on its own, or why it is not text.
pub struct Parsed {
    path: PathBuf,
    outcome: Result<file::FileOutcome, Box<Diagnostic>>,
}

impl Parsed {
    pub fn new(source: Source, manifest: &Manifest) -> Parsed {
        let outcome = source
            .text()
            .map(|text| file::parse(&source.path, &text, manifest));
        Parsed {
            path: source.path,
            outcome,
        }
    }
}

/// One file of a library as read from disk, or why it could not be read
/// (told as it is: "cannot read file: …", "not a regular file; skipped").
pub struct Source {
    pub path: PathBuf,
    pub bytes: Result<Vec<u8>, String>,
}

impl Library {
    /// For tests: the library of `lib/canned.toml` holding `manifest`, when
    /// given, and `lib/a.toml` holding `responses`.
    #[cfg(test)]
    pub fn of_texts(manifest: Option<&str>, responses: &str) -> Library {
        let source = |path: &str, text: &str| Source {
            path: path.into(),
            bytes: Ok(text.as_bytes().to_vec()),
        };
        Library::assemble(
            Path::new("lib"),
            manifest.map(|m| source("lib/canned.toml", m)),
            vec![source("lib/a.toml", responses)],
            Vec::new(),
        )
    }
}

impl Source {
    /// The file as UTF-8 text, or where it stops being text.
    fn text(&self) -> Result<String, Box<Diagnostic>> {
        let bytes = self
            .bytes
            .as_ref()
            .map_err(|e| Box::new(file_problem(&self.path, e.clone())))?;
        decode(&self.path, bytes.clone())
    }
}

/// A response's id or shortcut that names nothing, with the nearest one.
#[derive(Debug, Clone)]
pub struct UnknownResponse {
    pub name: String,
    pub suggestion: Option<String>,
    /// Why the name is not found when a response left out for its errors
    /// holds it: that response is meant, and no other.
    pub skipped: Option<String>,
}

impl std::fmt::Display for UnknownResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.skipped {
            Some(why) => f.write_str(why),
            None => write!(
                f,
                "no response with id or shortcut `{}`",
                crate::domain::text::shown_as_typed(&self.name)
            ),
        }
    }
}

/// Whether a file named `name` holds responses by its name: it ends in
/// `.toml`, in any case (`Sales.TOML`, as Windows users write it, was left
/// out without a word).
pub fn is_toml_name(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && ext.eq_ignore_ascii_case("toml"))
}

/// Decodes a file as UTF-8 text, or says where it stops being text.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    const SAVE: &str = "save the file as UTF-8, or remove it from the library; it is skipped";
    // Windows tools (Notepad's "Unicode", PowerShell 5's `>`) write UTF-16:
    // text, which the NUL below would call binary.
    if let Some(encoding) = wide_encoding(&bytes) {
        return Err(Box::new(
            Diagnostic::error(
                LineIndex::new(path, "").locate("", 0),
                format!("{encoding} text, not UTF-8"),
            )
            .expected("UTF-8 text")
            .hint(SAVE),
        ));
    }
    // A NUL is no text, even in bytes that happen to be valid UTF-8.
    if let Some(at) = bytes.iter().take(8192).position(|&b| b == 0) {
        let prefix = String::from_utf8_lossy(&bytes[..at]);
        return Err(Box::new(
            Diagnostic::error(
                LineIndex::new(path, &prefix).locate(&prefix, prefix.len()),
                "binary file, not text",
            )
            .expected("UTF-8 text")
            .hint(SAVE),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or("");
        let at = LineIndex::new(path, prefix).locate(prefix, valid);
        Box::new(
            Diagnostic::error(at, format!("not valid UTF-8 (byte {valid})"))
                .expected("UTF-8 text")
                .hint(SAVE),
        )
    })?;
    // Old DOS tools end a file with Ctrl-Z: TOML's parser called it an
    // "invalid unquoted key", and `show` a "key with no value", each at
    // its own column.
    if text.trim_end().ends_with('\u{1a}') {
        let at = text.trim_end().len() - 1;
        return Err(Box::new(
            Diagnostic::error(
                LineIndex::new(path, &text).locate(&text, at),
                "an end-of-file mark (Ctrl-Z, U+001A), as old DOS tools add",
            )
            .hint("remove it; the file is skipped until then"),
        ));
    }
    Ok(text)
}

/// The encoding of text written in UTF-16 or UTF-32: by its byte-order
/// mark, or, without one, by ASCII text's every other byte being NUL (a
/// TOML file starts with ASCII: a key, a `[`, a `#`).
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        // UTF-32's marks first: the little-endian one starts as UTF-16's.
        [0xFF, 0xFE, 0, 0, ..] => return Some("UTF-32 (little-endian)"),
        [0, 0, 0xFE, 0xFF, ..] => return Some("UTF-32 (big-endian)"),
        [0xFF, 0xFE, ..] => return Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => return Some("UTF-16 (big-endian)"),
        _ => {}
    }
    // Nine in ten: a comment's dash or a name's accent among them is not
    // ASCII, and made such a file "binary".
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(64).collect();
    let ascii = |hi: usize| {
        let latin = pairs
            .iter()
            .filter(|p| p[hi] == 0 && p[1 - hi] != 0)
            .count();
        pairs.len() >= 2 && latin * 10 >= pairs.len() * 9
    };
    if ascii(1) {
        Some("UTF-16 (little-endian)")
    } else if ascii(0) {
        Some("UTF-16 (big-endian)")
    } else {
        None
    }
}

/// The error of a response at `at` whose `what` (id or shortcut) `name` is
/// already the `first_what` of the response `first` before it.
fn clash_of(at: Location, name: &str, what: &str, (first, first_what): (&str, &str)) -> Diagnostic {
    let message = if what == first_what {
        format!("duplicate {what} `{name}`")
    } else if first_what == "id" {
        format!("{what} `{name}` is already the id of another response")
    } else {
        format!("{what} `{name}` is already the shortcut of `{first}`")
    };
    let article = if what == "id" { "an" } else { "a" };
    Diagnostic::error(at, message).expected(format!("{article} {what} used by no other response"))
}

impl std::fmt::Display for Contest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [(a, at_a), (b, at_b)] = &self.holders;
        write!(
            f,
            "`{}` is claimed by two responses, `{a}` ({at_a}) and `{b}` ({at_b}): it names \
             neither until one of them is renamed",
            self.name
        )
    }
}

/// Who holds each name of a library: see [`Library::holders`].
pub struct Holders<'a> {
    names: HashMap<&'a str, Holder<'a>>,
}

enum Holder<'a> {
    Contested(&'a Contest),
    Valid(&'a Response),
    Rejected(&'a Response),
    Taken(&'a file::Taken),
    Broken(&'a Location),
}

impl Holders<'_> {
    /// Said of a name held by a response left out for its errors: that it
    /// cannot be used, and where it is. `None` for a name a valid response
    /// holds, or none.
    pub fn skipped(&self, name: &str) -> Option<String> {
        let (what, id, at) = match self.names.get(name)? {
            Holder::Contested(c) => return Some(c.to_string()),
            Holder::Valid(_) => return None,
            Holder::Rejected(r) => (
                if r.id == *name { "id" } else { "shortcut" },
                r.id.as_str(),
                &r.location,
            ),
            Holder::Taken(t) => (t.what, t.response.as_str(), &t.at),
            Holder::Broken(at) => ("id", name, *at),
        };
        Some(if what == "id" {
            format!("response `{id}` has errors ({at}): it is left out until they are fixed")
        } else {
            format!(
                "`{name}` is the shortcut of `{id}`, which has errors ({at}): it is left out until they are fixed"
            )
        })
    }

    /// Who holds `name`, said for an error: "the id of `x` (file:line:col)".
    pub fn of(&self, name: &str) -> Option<String> {
        let what = |r: &Response| if r.id == *name { "id" } else { "shortcut" };
        Some(match self.names.get(name)? {
            Holder::Contested(c) => {
                let [(a, at_a), (b, at_b)] = &c.holders;
                format!("claimed by `{a}` ({at_a}) and `{b}` ({at_b})")
            }
            Holder::Valid(r) => format!("the {} of `{}` ({})", what(r), r.id, r.location),
            Holder::Rejected(r) => format!(
                "the {} of `{}`, a response with errors ({})",
                what(r),
                r.id,
                r.location
            ),
            Holder::Taken(t) => format!(
                "the {} of `{}`, a response with errors ({})",
                t.what, t.response, t.at
            ),
            Holder::Broken(at) => format!("the id of a response with errors ({at})"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name is said to be held by the valid response before the one with
    /// errors that shares it, and a shortcut is called a shortcut.
    #[test]
    fn holders_name_the_valid_response_first() {
        let lib = Library::of_texts(
            None,
            "[[response]]\nid = \"late\"\ntitle = \"T\"\ntopic = \"a\"\nshortcut = \"l2\"\nbody = \"x\"\n\n\
             [[response]]\nid = \"late\"\ntitle = \"T\"\ntopic = \"a\"\nurgency = \"whenever\"\nshortcut = \"lt\"\nbody = \"x\"\n",
        );
        let holders = lib.holders();
        assert_eq!(
            holders.of("late").as_deref(),
            Some("the id of `late` (lib/a.toml:1:1)")
        );
        assert_eq!(
            holders.of("l2").as_deref(),
            Some("the shortcut of `late` (lib/a.toml:1:1)")
        );
        assert_eq!(
            holders.of("lt").as_deref(),
            Some("the shortcut of `late`, a response with errors (lib/a.toml:8:1)")
        );
        assert_eq!(holders.of("free"), None);
    }
}
