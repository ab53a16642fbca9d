//! What every command needs, resolved once from the command line and the
//! environment: the library's location, the clock, colour, directories.

mod chat;
mod deliver;
mod suggest;

pub use suggest::{
    MESSAGE_LIMIT, NOTHING_FITS, Suggestion, chat_gives, message_on_clipboard, not_our_last_copy,
};

pub use chat::{ChatChange, fields_given, kept_in_a_chat, refused};
pub use deliver::Delivery;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::Outcome;
use crate::cli::{Cli, ColorChoice};
use crate::domain::check::all_problems;
use crate::domain::date::Date;
use crate::domain::diagnostic::{Diagnostic, Severity};
use crate::domain::library::plural;
use crate::domain::library::{Library, MANIFEST, UnknownResponse};
use crate::domain::search::Index;
use crate::domain::usage::Usage;
use crate::error::{Error, Result};
use crate::platform::cache::cached_index;
use crate::platform::config::{Config, Dirs};
use crate::platform::editor::Editor;
use crate::platform::usage::UsageLog;
use crate::platform::{clock, library};
use crate::ui::diagnostics::render;
use crate::ui::style::Style;
use std::io::Write;

/// Resolved settings. Commands take this, never clap's types or the
/// process environment directly, so tests can set every input.
pub struct App {
    pub library_flag: Option<PathBuf>,
    library_env: Option<PathBuf>,
    pub config: Config,
    config_path: Option<PathBuf>,
    /// The user's directories; `None` when no home directory can be found.
    dirs: Option<Dirs>,
    pub editor: Editor,
    pub cwd: PathBuf,
    pub now: SystemTime,
    pub today: Date,
    /// Styling for stdout and for stderr.
    pub out: Style,
    pub err: Style,
    pub quiet: bool,
    pub verbose: bool,
    pub agent_env: Option<String>,
    /// `TERM=dumb`: a terminal that cannot draw the picker.
    pub dumb_terminal: bool,
    /// When `canned` started, for the picker's timings.
    pub started: std::time::Instant,
    /// `CANNED_TRACE`: a file the picker appends its timings to, for
    /// `bench/picker.py`.
    pub trace: Option<PathBuf>,
    /// The warnings said so far: the picker shows them on its screen,
    /// which hides what was written to stderr before it opened.
    warned: std::cell::RefCell<Vec<String>>,
}

/// Whether output to a stream colours: `--color always` or `never`, else
/// on a terminal unless `NO_COLOR` is set (not empty) or `TERM=dumb`. Also
/// what `main` colours an error with, so `--color never` holds there too.
pub fn colour(choice: ColorChoice, tty: bool) -> bool {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            tty && !set("NO_COLOR") && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

impl App {
    pub fn from_env(cli: &Cli) -> Result<App> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let path_var = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let dirs = Dirs::locate().ok();
        let named = path_var("CANNED_CONFIG");
        let config_path = named
            .clone()
            .or_else(|| dirs.as_ref().map(|d| d.config.join("config.toml")));
        let config = match &config_path {
            Some(p) => Config::load(p, named.is_some())?,
            None => Config::default(),
        };
        let now = match var("CANNED_NOW") {
            Some(v) => parse_now(&v)?,
            None => SystemTime::now(),
        };
        let style = |tty: bool| Style {
            enabled: colour(cli.color, tty),
        };
        Ok(App {
            library_flag: cli.library.clone(),
            library_env: path_var("CANNED_LIBRARY"),
            config,
            config_path,
            dirs,
            editor: Editor::new(var("VISUAL"), var("EDITOR")),
            cwd: std::env::current_dir().map_err(|e| Error::io(".", e))?,
            now,
            today: crate::platform::clock::local_date(now),
            out: style(std::io::stdout().is_terminal()),
            err: style(std::io::stderr().is_terminal()),
            quiet: cli.quiet,
            verbose: cli.verbose,
            // Blank, as `agent = "  "` in the config: no name written yet.
            agent_env: var("CANNED_AGENT").filter(|a| !a.trim().is_empty()),
            dumb_terminal: var("TERM").as_deref() == Some("dumb"),
            started: std::time::Instant::now(),
            trace: path_var("CANNED_TRACE"),
            warned: Default::default(),
        })
    }

    /// Finds and loads the library, telling on stderr what had to be skipped.
    pub fn library(&self) -> Result<Library> {
        let lib = self.load_library()?;
        if let Some(notice) = lib.skipped_notice() {
            self.warn(&notice);
        }
        Ok(lib)
    }

    /// Finds and loads the library without any notice (for `check`).
    pub fn load_library(&self) -> Result<Library> {
        library::load(&self.library_root()?, self.cache_dir())
    }

    /// The library as its files are, with no last good manifest standing
    /// in for a broken one: what `check` tells must not depend on what
    /// this machine read before (a CI runner has read nothing).
    pub fn load_library_as_written(&self) -> Result<Library> {
        library::load(&self.library_root()?, None)
    }

    /// The search index of the library, from the cache when it is fresh,
    /// telling on stderr what had to be skipped.
    pub fn index(&self) -> Result<Index> {
        self.index_in(&self.library_root()?)
    }

    /// The index of a library with something to list or pick: one with no
    /// valid response is pointed at the wrong directory, or broken, and
    /// said so, as `check` says it, rather than an empty list that looks
    /// like success (or a picker that says "no match" to every key).
    pub fn index_of_responses(&self, root: &std::path::Path) -> Result<Index> {
        let index = self.index_in(root)?;
        if index.docs.is_empty() {
            return Err(Error::failed(
                "the library holds no valid response",
                Some("is the library right? `canned check` says what it found".into()),
            ));
        }
        Ok(index)
    }

    /// The search index of the library at `root` (see [`App::index`]).
    pub fn index_in(&self, root: &std::path::Path) -> Result<Index> {
        Ok(self.index_telling(root)?.0)
    }

    /// The search index of the library at `root`, as [`App::index_in`],
    /// and whether the library has errors (responses left out of it).
    pub fn index_telling(&self, root: &std::path::Path) -> Result<(Index, bool)> {
        let (index, notice) = cached_index(root, self.cache_dir())?;
        let damaged = notice.is_some();
        if let Some(notice) = notice {
            self.warn(&notice);
        }
        Ok((index, damaged))
    }

    /// The response `name` names exactly in `index`. When the library has
    /// problems (`damaged`), two responses may claim the name, and then it
    /// names neither: only the whole library knows, so it is read.
    pub fn exact(
        &self,
        root: &Path,
        index: &Index,
        damaged: bool,
        name: &str,
    ) -> Result<Option<usize>> {
        let found = index.exact(name);
        if found.is_some() && damaged {
            let lib = library::load(root, self.cache_dir())?;
            if let Err(
                e @ UnknownResponse {
                    skipped: Some(_), ..
                },
            ) = lib.lookup(name)
            {
                return Err(e.into());
            }
        }
        Ok(found)
    }

    /// The library as far as the response `doc` of `index` needs it: the
    /// manifest and the one file the index says the response is in, so
    /// that showing or using one response of thousands parses one file.
    /// The whole library when there is no such response, or that file no
    /// longer holds it.
    pub fn library_for(&self, root: &Path, index: &Index, doc: Option<usize>) -> Result<Library> {
        let Some(d) = doc.map(|d| &index.docs[d]) else {
            return library::load(root, self.cache_dir());
        };
        let lib = library::load_one(root, &root.join(&d.file), self.cache_dir())?;
        if lib.get(&d.id).is_some() {
            return Ok(lib);
        }
        // The file changed under the index's feet: read everything.
        library::load(root, self.cache_dir())
    }

    /// Where `name` is written as an id or shortcut in a file of `lib` too
    /// broken to load (not TOML, not UTF-8): found by its line. Only those
    /// files are read again, not the library.
    pub fn named_in_a_broken_file(lib: &Library, name: &str) -> Option<(PathBuf, usize)> {
        lib.unread.iter().find_map(|&i| {
            let f = &lib.problems.get(i)?.location.path;
            // A link out of the library is never read, this way neither.
            if f.is_symlink() {
                return None;
            }
            let bytes = crate::platform::fs::read_regular(f).ok()?;
            // A file Notepad saved as "Unicode" is refused, but names its
            // responses all the same: read as UTF-8, it names none, and
            // `use late` searched the word for another reply.
            use crate::domain::text::{from_utf16, from_utf16_unmarked};
            let texts: Vec<String> = match from_utf16(&bytes) {
                Some(Ok(wide)) => vec![wide],
                // Without its mark: either order of bytes.
                _ if bytes.contains(&0) => [true, false]
                    .map(|little| from_utf16_unmarked(&bytes, little))
                    .into(),
                _ => vec![String::from_utf8_lossy(&bytes).into_owned()],
            };
            let line = texts
                .iter()
                .find_map(|text| crate::domain::edit::line_naming(text, name))?;
            Some((f.clone(), line))
        })
    }

    /// Why `name`, which names no response of `lib`, names none: left out
    /// for its errors, in a file too broken to load (see
    /// [`App::in_a_broken_file`]), or unknown.
    pub fn not_found(lib: &Library, name: &str, unknown: UnknownResponse, undone: &str) -> Error {
        if unknown.skipped.is_some() {
            return unknown.into();
        }
        if let Some(e) = App::in_a_broken_file(lib, name, undone) {
            return e;
        }
        match unknown.suggestion {
            None => App::in_an_unread_file(lib, name, undone).unwrap_or_else(|| unknown.into()),
            Some(_) => unknown.into(),
        }
    }

    /// Why `name`, which names no response of the files read, may name one
    /// all the same: a file no one can read may hold it (on Windows, one
    /// another program holds open), and so may a link out of the library,
    /// never read. Said, rather than that there is none. One only broken
    /// was read again for the name already ([`App::in_a_broken_file`]).
    pub fn in_an_unread_file(lib: &Library, name: &str, undone: &str) -> Option<Error> {
        let unreadable = (lib.unread.iter())
            .filter_map(|&i| lib.problems.get(i))
            .find(|d| {
                let path = &d.location.path;
                path.is_symlink() || crate::platform::fs::read_regular(path).is_err()
            })?;
        Some(Error::failed(
            format!(
                "no response with id or shortcut `{}` in the files read; {}: {}: it may be there",
                crate::domain::text::shown_as_typed(name),
                unreadable.location,
                unreadable.message
            ),
            Some(match undone {
                "" => "`canned check` says what to fix".to_string(),
                _ => format!("`canned check` says what to fix; {undone}"),
            }),
        ))
    }

    /// Why `name` cannot be used when it is written as an id or shortcut in
    /// a file of `lib` too broken to load: that response is meant, and a
    /// search must not pick another in its place. `undone` says what was
    /// not done ("nothing was copied"), when something was to be.
    pub fn in_a_broken_file(lib: &Library, name: &str, undone: &str) -> Option<Error> {
        let (file, line) = App::named_in_a_broken_file(lib, name)?;
        let fix = library::why_unreadable(&file)
            .unwrap_or_else(|| "`canned check` shows where".to_string());
        Some(Error::failed(
            format!(
                "`{name}` is in {}:{line}, a file that cannot be read as a library file",
                file.display()
            ),
            Some(match undone {
                "" => format!("fix it first ({fix})"),
                _ => format!("fix it first ({fix}); {undone}"),
            }),
        ))
    }

    /// Refuses to add to `lib` while its manifest is lost (not TOML or not
    /// to be read, and no last good version known): topics and customer
    /// types are checked against it, and without it any would pass (for
    /// `new` and `import`).
    pub fn manifest_known(lib: &Library) -> Result<()> {
        if !lib.manifest_lost {
            return Ok(());
        }
        let manifest = lib.root.join(MANIFEST);
        let message = match lib.problems.iter().find(|p| p.location.path == manifest) {
            Some(d) => format!("{}: {}", d.location, d.message),
            None => format!("{MANIFEST} cannot be used"),
        };
        Err(Error::failed(
            format!("{message}; no earlier version of it is known"),
            Some("fix it first (`canned check` shows where); nothing was written".into()),
        ))
    }

    /// Refuses to add names to `lib` while a file of it is left out whole:
    /// its ids and shortcuts are unknown, and a new one could be one of
    /// them (for `new` and `import`).
    pub fn names_known(lib: &Library) -> Result<()> {
        match lib.names_unknown() {
            None => Ok(()),
            Some(d) => Err(Error::failed(
                format!(
                    "{}: {}: the ids and shortcuts it holds are unknown, so no new one can be checked against them",
                    d.location, d.message
                ),
                Some("fix it first (`canned check` shows where); nothing was written".into()),
            )),
        }
    }

    /// Where the library is.
    pub fn library_root(&self) -> Result<PathBuf> {
        let config = self
            .config
            .library
            .as_deref()
            .zip(self.config_path.as_deref());
        let (root, origin) = library::discover(
            self.library_flag.as_deref(),
            self.library_env.as_deref(),
            config,
            &self.cwd,
        )?;
        if self.verbose {
            self.note(&format!("library {} (from {origin})", root.display()));
        }
        Ok(root)
    }

    /// The library named by `--library`, `CANNED_LIBRARY` or the config
    /// file, in that order, whether it exists or not: where `init` writes.
    pub fn library_named(&self) -> Option<PathBuf> {
        (self.library_flag.clone())
            .or_else(|| self.library_env.clone())
            .or_else(|| self.config.library.clone())
            .map(library::with_native_separators)
    }

    /// Where caches go; none without a home directory.
    pub fn cache_dir(&self) -> Option<&Path> {
        self.dirs.as_ref().map(|d| d.cache.as_path())
    }

    /// Where `canned` keeps its files, or why there is nowhere.
    pub fn dirs(&self) -> Result<&Dirs> {
        self.dirs.as_ref().ok_or_else(|| {
            Error::failed(
                "cannot find your home directory to keep canned's files in",
                Some("set HOME (on Windows, USERPROFILE)".into()),
            )
        })
    }

    /// What the usage log says; empty when there is none.
    pub fn usage(&self) -> Usage {
        self.dirs
            .as_ref()
            .map(|d| UsageLog::new(&d.data).read(self.now))
            .unwrap_or_default()
    }

    /// The agent's name, from the environment or the config file.
    pub fn agent(&self) -> Option<&str> {
        self.agent_env.as_deref().or(self.config.agent.as_deref())
    }

    /// Checks the library and prints the problems located in `path`, as `check`
    /// does; exit 1 when one is an error.
    pub fn report_problems_in(&self, path: &Path) -> Result<Outcome> {
        // The editor may have deleted or moved it, and every reply with it.
        if !path.is_file() {
            return Err(Error::failed(
                format!(
                    "{} is gone: its responses are no longer in the library",
                    path.display()
                ),
                Some(
                    "was it deleted or renamed in the editor? `git checkout` brings it back".into(),
                ),
            ));
        }
        let lib = self.load_library()?;
        // A clash with another file is this file's too: the other copy may
        // be the one now left out (an id typed over another's).
        let here = |p: &Diagnostic| {
            p.location.path == path || p.also.as_ref().is_some_and(|a| a.path == path)
        };
        let problems: Vec<Diagnostic> = all_problems(&lib, self.today)
            .into_iter()
            .filter(|p| here(p))
            .collect();
        let errors = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        // The rest of the library is told of as every command but `check`
        // tells of it: a teammate's broken manifest, a file left out.
        if lib
            .problems
            .iter()
            .any(|p| p.severity == Severity::Error && !here(p))
            && let Some(notice) = lib.skipped_notice()
        {
            self.warn(&notice);
        }
        let mut out = std::io::stdout().lock();
        for p in &problems {
            writeln!(out, "{}", render(p, self.out))?;
        }
        if errors > 0 {
            writeln!(
                out,
                "\n{}",
                self.out.red(&format!(
                    // Not "run `canned edit` again": the editor may have
                    // emptied the file, and its ids with it.
                    "✗ {} in {}; open it again to fix it",
                    plural(errors, "error"),
                    path.display()
                ))
            )?;
            Ok(Outcome::Failure)
        } else {
            if !self.quiet {
                self.note(&format!("✓ {} checks clean", path.display()));
            }
            Ok(Outcome::Success)
        }
    }

    /// An app for unit tests: quiet, no colour, no library, and its
    /// directories under `root`.
    #[cfg(test)]
    pub(crate) fn for_tests(root: &Path) -> App {
        let now = clock::instant(1_795_000_000).unwrap_or(SystemTime::UNIX_EPOCH);
        App {
            library_flag: None,
            library_env: None,
            config: Config::default(),
            config_path: None,
            dirs: Some(Dirs {
                config: root.join("config"),
                state: root.join("state"),
                data: root.join("data"),
                cache: root.join("cache"),
            }),
            editor: Editor::new(None, None),
            cwd: root.to_path_buf(),
            now,
            today: clock::local_date(now),
            out: Style { enabled: false },
            err: Style { enabled: false },
            quiet: true,
            verbose: false,
            agent_env: None,
            dumb_terminal: false,
            started: std::time::Instant::now(),
            trace: None,
            warned: Default::default(),
        }
    }

    /// The warnings said so far, each once.
    pub fn warnings(&self) -> Vec<String> {
        let mut once: Vec<String> = Vec::new();
        for w in self.warned.borrow().iter() {
            if !once.contains(w) {
                once.push(w.clone());
            }
        }
        once
    }

    pub fn warn(&self, message: &str) {
        self.warned.borrow_mut().push(message.to_string());
        if !self.quiet {
            let _ = writeln!(
                std::io::stderr(),
                "{} {message}",
                self.err.yellow("warning:")
            );
        }
    }

    /// The library's write lock, held until dropped. Another writer may
    /// hold it for a while (an import of thousands of macros): said, and
    /// waited for at most [`LOCK_PATIENCE`](crate::platform::fs::LOCK_PATIENCE).
    pub fn lock_library(&self, root: &Path) -> Result<crate::platform::fs::LibraryLock> {
        let patience = crate::platform::fs::LOCK_PATIENCE;
        crate::platform::fs::LibraryLock::acquire(root, patience, || {
            self.note(&format!(
                "waiting for the lock of {}, held by another canned writing there (`edit` and `new` keep it while their editor is open) or by another program (at most {} s)…",
                root.display(),
                patience.as_secs()
            ));
        })
    }

    pub fn note(&self, message: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "{message}");
        }
    }
}

/// `CANNED_NOW`: Unix seconds or a `YYYY-MM-DD` date (at noon UTC, so the
/// local date is that day in every time zone a team is likely to be in).
fn parse_now(v: &str) -> Result<SystemTime> {
    let secs = match v.parse::<u64>() {
        Ok(secs) => secs,
        Err(_) => {
            let date: Date = v.parse().map_err(|e| {
                Error::Usage(format!(
                    "CANNED_NOW: {e}, or Unix seconds such as 1796904000"
                ))
            })?;
            if date < Date::from_days(0) {
                return Err(Error::Usage(format!("CANNED_NOW: `{v}` is before 1970")));
            }
            return clock::local_noon(date).ok_or_else(|| {
                Error::Usage(format!(
                    "CANNED_NOW: `{v}` is past the year 9999; expected Unix seconds or YYYY-MM-DD"
                ))
            });
        }
    };
    clock::instant(secs).ok_or_else(|| {
        Error::Usage(format!(
            "CANNED_NOW: `{v}` is past the year 9999; expected Unix seconds or YYYY-MM-DD"
        ))
    })
}
