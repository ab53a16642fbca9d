//! The library on disk: where it is (`--library`, `CANNED_LIBRARY`, the
//! config file, or the nearest `./responses`, first match wins), which files
//! it is made of, and reading them.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::domain::append;
use crate::domain::diagnostic::Diagnostic;
use crate::domain::library::{
    Library, LibraryOrigin, MANIFEST, Manifest, Parsed, Source, decode, file_problem,
};
use crate::domain::search::codec::Hash;
use crate::error::Error;

/// A library file's text, for a command that will write it: one that is
/// not UTF-8 is refused where it stops being text, as `check` says.
pub fn read_source(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode(path, bytes).map_err(|d| {
        Error::failed(
            format!("{}: {}", d.location, d.message),
            Some("fix it first (`canned check` shows where); nothing was written".into()),
        )
    })
}

/// Where and why a library file cannot be read as one (not UTF-8, not
/// TOML), said as `check` says it: `file:line:column: why`.
pub fn why_unreadable(path: &Path) -> Option<String> {
    let text = match read_source(path) {
        Ok(text) => text,
        Err(e) => return Some(e.to_string()),
    };
    let e = toml::from_str::<toml::Table>(&text).err()?;
    // Told as `check` tells it: a merge conflict's marker, a bracket
    // never closed, where it is.
    let (span, message) =
        crate::domain::library::first_error(&text, e.span().unwrap_or(0..0), e.message().trim());
    let at = crate::domain::diagnostic::LineIndex::new(path, &text).locate(&text, span.start);
    Some(format!("{at}: not valid TOML: {message}"))
}

/// Finds the library directory. An explicit choice that does not exist is an
/// error naming where it came from, never silently replaced by another.
/// A library named with `/` on Windows (`--library C:/team/lib`), with
/// Windows' separator: the paths shown under it mixed both
/// (`C:/team/lib\billing.toml`). A verbatim path (`\\?\`) takes `/` as
/// a letter, and is left as it is.
pub fn with_native_separators(path: PathBuf) -> PathBuf {
    #[cfg(windows)]
    if let Some(s) = path.to_str()
        && s.contains('/')
        && !s.starts_with(r"\\?\")
    {
        return PathBuf::from(s.replace('/', "\\"));
    }
    path
}

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
        let path = with_native_separators(path);
        let meta = match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => return Ok((path, origin)),
            Ok(meta) => meta,
            Err(_) => return Err(Error::LibraryNotFound { path, origin }),
        };
        // A named pipe or a device is there, but is no more a library than
        // a file is.
        let what = if meta.is_file() {
            "a file"
        } else {
            "neither a file nor a directory"
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        return Err(Error::UsageWithHint {
            message: format!(
                "`{}` (from {origin}) is {what}; a library is a directory",
                path.display()
            ),
            hint: format!(
                "name the directory that holds the response files, such as `{}`",
                dir.display()
            ),
        });
    }
    for dir in cwd.ancestors() {
        let candidate = dir.join("responses");
        if candidate.is_dir() {
            // Relative when it is below the working directory, so paths in
            // messages stay short; `.` when it is the working directory.
            let shown = match candidate.strip_prefix(cwd) {
                Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
                Ok(rel) => rel.to_path_buf(),
                Err(_) => candidate,
            };
            return Ok((shown, LibraryOrigin::Nearest));
        }
    }
    Err(Error::NoLibrary(cwd.to_path_buf()))
}

/// Loads the library at `root`. Only a missing or unreadable root is an
/// error; everything else is a problem recorded beside what is valid.
/// With `keep` (the cache directory), the last manifest that was TOML is
/// kept there, and stands in for one that is not.
pub fn load(root: &Path, keep: Option<&Path>) -> Result<Library, Error> {
    load_files(root, None, keep)
}

/// Loads the manifest and only `file`, for when the search index already
/// says where a response is: an agent's `use` need not parse a library of
/// thousands of responses to fill in one.
pub fn load_one(root: &Path, file: &Path, keep: Option<&Path>) -> Result<Library, Error> {
    load_files(root, Some(&[file.to_path_buf()]), keep)
}

/// Loads the manifest and only `files`, in that order: the files changed
/// since the search index was built.
pub fn load_these(root: &Path, files: &[PathBuf], keep: Option<&Path>) -> Result<Library, Error> {
    load_files(root, Some(files), keep)
}

/// Loads the manifest alone, for commands that need only its lists
/// (`canned chat` checking a customer type).
pub fn load_manifest(root: &Path, keep: Option<&Path>) -> Result<Library, Error> {
    load_files(root, Some(&[]), keep)
}

/// The manifest and the response files of `changes` as they would be
/// written, each a path in the library at `root` (the manifest or a
/// response file, new or not) and its text: what `import` checks before it
/// writes anything. The other files are not read: what they hold is
/// checked already, and reading a large library twice would cost more
/// than the import.
pub fn load_as_if(root: &Path, changes: &[(PathBuf, String)]) -> Result<Library, Error> {
    let problems = Vec::new();
    let mut paths = Vec::new();
    let manifest_path = root.join(MANIFEST);
    for (path, _) in changes {
        if *path != manifest_path && !paths.contains(path) {
            paths.push(path.clone());
        }
    }
    paths.sort();
    let source = |path: PathBuf| match changes.iter().find(|(p, _)| *p == path) {
        Some((_, text)) => Source {
            path,
            bytes: Ok(text.clone().into_bytes()),
        },
        None => read(path),
    };
    let has_manifest = matches!(manifest_file(root), Ok(Some(_)))
        || changes.iter().any(|(p, _)| *p == manifest_path);
    let manifest = has_manifest.then(|| source(manifest_path));
    let files = paths.into_iter().map(source).collect();
    Ok(Library::assemble(root, manifest, files, problems))
}

fn load_files(
    root: &Path,
    only: Option<&[PathBuf]>,
    keep: Option<&Path>,
) -> Result<Library, Error> {
    let meta = std::fs::metadata(root).map_err(|source| Error::LibraryUnreadable {
        path: root.to_path_buf(),
        source,
    })?;
    if !meta.is_dir() {
        return Err(Error::LibraryNotADirectory(root.to_path_buf()));
    }
    let mut problems = Vec::new();
    // A manifest there but not to be read (a folder, a pipe, a link out of
    // the library) is one that cannot be read, which its last good version
    // stands in for as for one not TOML.
    let manifest = match manifest_file(root) {
        Ok(found) => found.map(read),
        Err(problem) => Some(Source {
            path: problem.location.path,
            bytes: Err(problem.message),
        }),
    };
    let mut paths = match only {
        Some(files) => files.to_vec(),
        None => response_files(root, &mut problems),
    };
    // A device's name (`con.toml`) is the console or a port on Windows,
    // never read there (it would wait on the terminal), nor anywhere.
    let mut unportable = Vec::new();
    if only.is_none() {
        paths.retain(|path| {
            let Some(why) = unportable_name(root, path) else {
                return true;
            };
            let device = (path.strip_prefix(root).unwrap_or(path).components())
                .any(|c| crate::domain::rules::is_device_name(&c.as_os_str().to_string_lossy()));
            let said = match device {
                true => format!("{why}; skipped"),
                false => why,
            };
            let problem = file_problem(path, said)
                .hint("rename it: a teammate on Windows could not check the library out");
            match device {
                true => problems.push(problem),
                false => unportable.push(problem),
            }
            !device
        });
        unportable.extend(case_twins(root, &paths));
    }
    // What the walk could not read may hold ids and shortcuts: a link out
    // of the library, once a teammate puts the file itself in its place,
    // brings them back, so no new name can be checked meanwhile. A
    // misnamed manifest holds none.
    let hiding: Vec<usize> = problems
        .iter()
        .enumerate()
        .filter(|(_, p)| !is_misnamed_manifest(root, &p.location.path))
        .map(|(i, _)| i)
        .collect();
    let last_good = keep.and_then(|dir| last_good_manifest(root, dir, manifest.as_ref()));
    let mut lib = Library::assemble_with(
        root,
        manifest,
        last_good.as_deref(),
        paths,
        problems,
        parse_on_every_core,
    );
    lib.unread.splice(0..0, hiding);
    // After the problems `unread` points into: these files are read.
    lib.problems.extend(unportable);
    Ok(lib)
}

/// Why Windows could not hold the file at `path`, in the library at `root`.
fn unportable_name(root: &Path, path: &Path) -> Option<String> {
    crate::domain::rules::unnameable_on_windows(path.strip_prefix(root).ok()?)
}

/// Files whose paths differ only in case (`Billing.toml` beside
/// `billing.toml`): one file on Windows and macOS, where a teammate
/// would get only one of them. Each after the first is told, naming it.
fn case_twins(root: &Path, paths: &[PathBuf]) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, &Path> = HashMap::new();
    let mut folders: HashMap<String, &Path> = HashMap::new();
    let mut told: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for path in paths {
        let rel = path.strip_prefix(root).unwrap_or(path);
        // Folders differing only in case are one folder there: their
        // files join, which `new` refuses to start (it names the folder
        // to write in); said, not failed.
        for folder in rel
            .ancestors()
            .skip(1)
            .filter(|f| !f.as_os_str().is_empty())
        {
            let folded = twin_key(folder);
            match folders.get(&folded) {
                Some(first) if *first != folder && told.insert(folded.clone()) => {
                    let message = twins_here(first, folder, true);
                    out.push(
                        Diagnostic::warning(
                            crate::domain::diagnostic::Location {
                                path: path.clone(),
                                line: 1,
                                column: 1,
                            },
                            message,
                        )
                        .hint("move the files into one of them"),
                    );
                }
                Some(_) => {}
                None => {
                    folders.insert(folded, folder);
                }
            }
        }
        let folded = twin_key(rel);
        match seen.get(&folded) {
            Some(first) => out
                .push(file_problem(path, twins_here(first, rel, false)).hint(
                    "rename one, or merge them: a teammate there would get only one of them",
                )),
            None => {
                seen.insert(folded, rel);
            }
        }
    }
    out
}

/// Whether `path` is the manifest's name in another case, at the root.
fn is_misnamed_manifest(root: &Path, path: &Path) -> bool {
    path.parent() == Some(root)
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n != MANIFEST && n.eq_ignore_ascii_case(MANIFEST))
}

/// The last manifest of the library at `root` that was TOML, when the
/// current one is not; when it is, it becomes the last good one (kept in
/// `dir`, 0600, written atomically; a copy that cannot be kept only costs
/// the fallback).
fn last_good_manifest(root: &Path, dir: &Path, manifest: Option<&Source>) -> Option<String> {
    let bytes = manifest?.bytes.as_ref();
    let kept = keyed_path(root, dir, "manifest");
    let last_good = crate::platform::fs::read_regular(&kept).ok();
    let Some(text) = bytes.ok().and_then(|b| std::str::from_utf8(b).ok()) else {
        return String::from_utf8(last_good?).ok();
    };
    // Only a readable manifest is kept: the same bytes need no parse.
    if last_good.as_deref() == Some(text.as_bytes()) {
        return None;
    }
    if crate::domain::library::manifest::is_readable(text) {
        if crate::platform::fs::create_private_dir(dir).is_ok() {
            let _ = crate::platform::fs::keep_private_copy(&kept, text.as_bytes());
        }
        return None;
    }
    String::from_utf8(last_good?).ok()
}

/// `rel` (relative to the library at `root`, or absolute inside it)
/// resolved as a place for responses, or why it is refused: the rules of
/// [`append::response_file`], and no symlink that leads out.
pub fn inside_library(root: &Path, rel: &Path) -> Result<PathBuf, String> {
    let rel = if rel.is_absolute() {
        let canon_root = root.canonicalize().map_err(|e| e.to_string())?;
        // Resolved as the root is: a relative root, another case of the
        // same folder, Windows' `\\?\` form.
        let resolved = resolved(rel);
        match rel
            .strip_prefix(root)
            .or_else(|_| rel.strip_prefix(&canon_root))
            .or_else(|_| resolved.strip_prefix(&canon_root))
        {
            Ok(r) => r.to_path_buf(),
            Err(_) => return Err(format!("`{}` is outside the library", rel.display())),
        }
    } else {
        rel.to_path_buf()
    };
    let rel = append::response_file(&rel)?;
    let path = root.join(&rel);
    // The deepest part that exists must still be inside once symlinks are followed.
    let canon_root = root.canonicalize().map_err(|e| e.to_string())?;
    let mut probe = path.as_path();
    loop {
        if let Ok(real) = probe.canonicalize() {
            if !real.starts_with(&canon_root) {
                return Err(format!(
                    "`{}` leads outside the library through a symlink",
                    rel.display()
                ));
            }
            break;
        }
        match probe.parent() {
            Some(p) => probe = p,
            None => break,
        }
    }
    if let Some((mine, twin)) = case_twin(root, &rel) {
        // A folder: its files would join the other's there, whichever
        // name the checkout keeps; the one already there is the name.
        if mine != rel {
            // In the folder there, a file may be named in another case too.
            let mut meant = twin.join(rel.strip_prefix(&mine).unwrap_or(&rel));
            if let Some((_, file)) = case_twin(root, &meant) {
                meant = file;
            }
            return Err(match twins(&mine, &twin) {
                Twins::Case => format!(
                    "`{}` differs from the folder `{}` only in case: on Windows and macOS they are one folder; write `{}`",
                    mine.display(),
                    twin.display(),
                    meant.display()
                ),
                Twins::Accents => format!(
                    "the folder `{}` is there already, {ACCENTS}: on macOS they are one folder; write `{}` as it is written here",
                    mine.display(),
                    meant.display()
                ),
                Twins::Both => format!(
                    "`{}` differs from the folder `{}` in case and {BOTH}: on macOS they are one folder; write `{}` as it is written here",
                    mine.display(),
                    twin.display(),
                    meant.display()
                ),
            });
        }
        return Err(match twins(&mine, &twin) {
            Twins::Case => format!(
                "`{}` differs from `{}` only in case: on Windows and macOS they are one, and a teammate's checkout would lose one of them",
                mine.display(),
                twin.display()
            ),
            Twins::Accents => format!(
                "`{}` is there already, {ACCENTS}: on macOS they are one, and a teammate's checkout would lose one of them",
                mine.display()
            ),
            Twins::Both => format!(
                "`{}` differs from `{}` in case and {BOTH}: on macOS they are one, and a teammate's checkout would lose one of them",
                mine.display(),
                twin.display()
            ),
        });
    }
    Ok(path)
}

/// The first part of `rel` not in the library at `root` yet, when an
/// entry there names it in another case (`Billing.toml` where
/// `billing.toml` is), and that entry: both relative to `root`.
/// What two names that are one file on some systems are compared by: case
/// (Windows, macOS), and how an accent is written (macOS: `é` as one
/// character, or `e` and a mark, as its own files write it).
fn twin_key(path: &Path) -> String {
    crate::domain::text::composed(&path.to_string_lossy().to_lowercase()).into_owned()
}

/// How two names with one [`twin_key`] differ.
enum Twins {
    /// In case only: one name on Windows and macOS.
    Case,
    /// In how an accent is written only: one name on macOS, and the two
    /// look the same, so the one there is not named.
    Accents,
    /// In both: one name on macOS.
    Both,
}

fn twins(a: &Path, b: &Path) -> Twins {
    let lower = |p: &Path| p.to_string_lossy().to_lowercase();
    let composed = |p: &Path| crate::domain::text::composed(&p.to_string_lossy()).into_owned();
    if composed(a) == composed(b) {
        Twins::Accents
    } else if lower(a) == lower(b) {
        Twins::Case
    } else {
        Twins::Both
    }
}

/// What `check` says of `first` and `later`, a folder's names or a file's
/// here that are one on some systems.
fn twins_here(first: &Path, later: &Path, folder: bool) -> String {
    let (a, b) = (first.display(), later.display());
    let (both, one) = match folder {
        true => (format!("the folders `{a}` and `{b}`"), "folder"),
        false => (format!("`{a}` and `{b}`"), "file"),
    };
    match twins(first, later) {
        Twins::Case => format!("{both} differ only in case: one {one} on Windows and macOS"),
        Twins::Accents if folder => {
            format!("the folder `{b}` is here twice, {ACCENTS}: one folder on macOS")
        }
        Twins::Accents => format!("`{b}` is here twice, {ACCENTS}: one file on macOS"),
        Twins::Both => format!("{both} differ in case and {BOTH}: one {one} on macOS"),
    }
}

/// How an accent written two ways is said: the names look the same.
const ACCENTS: &str = "its accents written two ways (as one character, and as a letter and a mark)";
/// How names differing in case as well are said.
const BOTH: &str = "in how its accents are written";

fn case_twin(root: &Path, rel: &Path) -> Option<(PathBuf, PathBuf)> {
    let mut dir = root.to_path_buf();
    let mut seen = PathBuf::new();
    for part in rel.components() {
        let part = part.as_os_str();
        if std::fs::symlink_metadata(dir.join(part)).is_ok() {
            dir.push(part);
            seen.push(part);
            continue;
        }
        let folded = twin_key(Path::new(part));
        let twin = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .find(|n| n != part && twin_key(Path::new(n)) == folded)?;
        return Some((seen.join(part), seen.join(twin)));
    }
    None
}

/// `path` with its deepest part that exists made canonical, the rest (a
/// file still to create) as written.
fn resolved(path: &Path) -> PathBuf {
    let mut rest = Vec::new();
    let mut probe = path;
    loop {
        if let Ok(real) = probe.canonicalize() {
            return rest.iter().rev().fold(real, |p, part| p.join(part));
        }
        match (probe.parent(), probe.file_name()) {
            (Some(parent), Some(part)) => {
                rest.push(part);
                probe = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// The manifest of the library at `root`, when it has one it may read, or
/// why it may not: as for a response file, a link that leads out is not
/// followed (a library received in a pull request must not make `canned`
/// read, or `import` write, a file elsewhere), and a named pipe or a
/// directory is no manifest. Either is reported, not taken for no manifest.
pub fn manifest_file(root: &Path) -> Result<Option<PathBuf>, Box<Diagnostic>> {
    let path = root.join(MANIFEST);
    // On Windows and macOS `Canned.toml` answers to `canned.toml`: the
    // manifest is the file named so exactly, as on Linux, where the walk
    // tells the other it is skipped (it was used on one, skipped on the
    // other, and `check` said skipped on both).
    let named_exactly = || {
        std::fs::read_dir(root).map_or(true, |entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.file_name() == MANIFEST)
        })
    };
    if cfg!(any(windows, target_os = "macos")) && path.exists() && !named_exactly() {
        return Ok(None);
    }
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Ok(m) if m.is_symlink() && leads_out(root, &path) => {
            return Err(Box::new(file_problem(
                &path,
                "symbolic link to outside the library; not followed".into(),
            )));
        }
        _ => {}
    }
    match std::fs::metadata(&path) {
        Ok(m) if m.is_file() => Ok(Some(path)),
        Ok(_) => Err(Box::new(file_problem(
            &path,
            "not a regular file; skipped".into(),
        ))),
        Err(e) => Err(Box::new(file_problem(
            &path,
            format!("cannot read file: {e}"),
        ))),
    }
}

/// Whether `link` resolves to a place outside the library at `root` (or to
/// nothing that can be resolved).
fn leads_out(root: &Path, link: &Path) -> bool {
    match (root.canonicalize(), link.canonicalize()) {
        (Ok(root), Ok(target)) => !target.starts_with(root),
        _ => false,
    }
}

/// A file in `dir` of `kind` for the library at `root`: one per library
/// directory, however it is named (`responses`, `../responses`).
pub fn keyed_path(root: &Path, dir: &Path, kind: &str) -> PathBuf {
    let real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut h = Hash::new();
    h.bytes(real.to_string_lossy().as_bytes());
    dir.join(format!("{kind}-{:016x}.bin", h.finish()))
}

/// The files read and parsed in order, in as many runs of neighbouring
/// files (of about the same size) as there are cores: parsing TOML is most
/// of the time a large library takes to load. Each file is read just before
/// it is parsed, and its text dropped just after: holding every file's text
/// at once took 119 MB more at 100,000 responses.
fn parse_on_every_core(files: Vec<PathBuf>, manifest: &Manifest) -> Vec<Parsed> {
    let sized: Vec<(PathBuf, usize)> = files
        .into_iter()
        .map(|f| {
            let size = std::fs::metadata(&f).map_or(0, |m| m.len());
            (
                f,
                usize::try_from(size)
                    .unwrap_or(usize::MAX)
                    .saturating_add(1),
            )
        })
        .collect();
    let total = sized.iter().map(|f| f.1).fold(0, usize::saturating_add);
    // Below a megabyte a thread costs more than it saves; how many cores
    // there are is asked only above it (asking reads the cgroup's files).
    let cores = if total < 1 << 20 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    };
    if cores < 2 {
        return sized
            .into_iter()
            .map(|(f, _)| Parsed::new(read(f), manifest))
            .collect();
    }
    let mut runs: Vec<Vec<PathBuf>> = vec![Vec::new()];
    let mut filled: usize = 0;
    for (f, size) in sized {
        filled = filled.saturating_add(size);
        if let Some(run) = runs.last_mut() {
            run.push(f);
        }
        if filled * cores >= total * runs.len() && runs.len() < cores {
            runs.push(Vec::new());
        }
    }
    std::thread::scope(|s| {
        let workers: Vec<_> = runs
            .into_iter()
            .map(|run| {
                s.spawn(move || {
                    run.into_iter()
                        .map(|f| Parsed::new(read(f), manifest))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn read(path: PathBuf) -> Source {
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read file: {e}"));
    Source { path, bytes }
}

/// Every file a library is made of: the manifest (when there is one), then
/// the response files in path order. What the suggest cache is keyed on.
pub fn source_files(root: &Path) -> Vec<PathBuf> {
    let (manifest, mut files, _) = library_files(root);
    files.splice(0..0, manifest);
    files
}

/// The manifest (when there is one), the response files in path order, and
/// how many problems finding them met (links that lead out, unreadable
/// directories): what the search index is built from.
pub fn library_files(root: &Path) -> (Option<PathBuf>, Vec<PathBuf>, usize) {
    let mut problems = Vec::new();
    let manifest = manifest_file(root).unwrap_or_else(|problem| {
        problems.push(*problem);
        None
    });
    let files = response_files(root, &mut problems);
    (manifest, files, problems.len())
}

/// The response files of the library at `root`, in path order, each once:
/// a file reached both under its own name and through a link inside the
/// library is read under its own name (twice, each of its responses
/// would clash with itself, and the file itself be the one left out).
fn response_files(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut links = false;
    walk(
        root,
        root,
        &mut files,
        &mut HashSet::new(),
        &mut links,
        problems,
    );
    // Only a link to a file can make an alias (a linked directory is
    // walked once): without one, no path is resolved.
    if !links {
        return files;
    }
    let mut chosen: HashMap<PathBuf, &PathBuf> = HashMap::new();
    for path in &files {
        let Ok(real) = path.canonicalize() else {
            continue;
        };
        match chosen.get(&real) {
            Some(kept) if !kept.is_symlink() || path.is_symlink() => {}
            _ => {
                chosen.insert(real, path);
            }
        }
    }
    let keep: HashSet<PathBuf> = chosen.into_values().cloned().collect();
    files.retain(|f| keep.contains(f) || f.canonicalize().is_err());
    files
}

/// Collects `*.toml` files below `dir` in path order, skipping hidden entries
/// and the manifest; directory loops through symlinks are entered once.
fn walk(
    root: &Path,
    dir: &Path,
    files: &mut Vec<PathBuf>,
    visited: &mut HashSet<PathBuf>,
    links: &mut bool,
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
        // `Canned.toml` is the manifest on a Windows disk, and 479 errors
        // of a response file on Linux: named, and skipped, everywhere.
        if dir == root && name != MANIFEST && name.eq_ignore_ascii_case(MANIFEST) {
            problems.push(file_problem(
                &path,
                format!("the manifest is named `{MANIFEST}`, in lower case; this file is skipped"),
            ));
            continue;
        }
        let is_toml =
            crate::domain::library::is_toml_name(&name) && !(dir == root && name == MANIFEST);
        // Follows symlinks that stay inside the library: a link to a file
        // is read (once, under the file's own name), a link to a
        // directory is left to the directory's own walk. One that
        // leads out is not followed: a library arriving through a pull
        // request must not make `canned` read a teammate's other files.
        let link = path.is_symlink();
        if link && leads_out(root, &path) {
            if is_toml || path.is_dir() {
                problems.push(file_problem(
                    &path,
                    "symbolic link to outside the library; not followed".into(),
                ));
            }
            continue;
        }
        match std::fs::metadata(&path) {
            // A link to a directory inside the library is no second way
            // in: the directory is walked under its own name.
            Ok(m) if m.is_dir() && link => {}
            Ok(m) if m.is_dir() => walk(root, &path, files, visited, links, problems),
            Ok(m) if m.is_file() && is_toml => {
                *links |= link;
                files.push(path);
            }
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

/// The sample library shipped in `responses/`, for unit tests.
#[cfg(test)]
pub fn sample() -> Library {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("responses");
    load(&root, None).unwrap_or_else(|e| panic!("the sample library: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn paths_that_leave_the_library_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert!(super::inside_library(root, Path::new("../x.toml")).is_err());
        assert!(super::inside_library(root, Path::new("/etc/x.toml")).is_err());
        assert_eq!(
            super::inside_library(root, Path::new("sub/x.toml")).unwrap(),
            root.join("sub/x.toml")
        );
    }

    use super::*;

    #[test]
    fn a_library_parsed_on_every_core_is_the_one_parsed_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join(MANIFEST), "").unwrap();
        let body = "word ".repeat(2_000);
        for f in 0..60 {
            let mut text = String::new();
            for r in 0..5 {
                // File 30 repeats an id of file 10: the later one is left out.
                let id = if f == 30 && r == 0 {
                    "r10-0".into()
                } else {
                    format!("r{f}-{r}")
                };
                text += &format!(
                    "[[response]]\nid = \"{id}\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"{body}\"\n\n"
                );
            }
            if f == 45 {
                text += "not toml [";
            }
            std::fs::write(root.join(format!("f{f:02}.toml")), text).unwrap();
        }
        let parallel = load(root, None).unwrap();
        let files: Vec<Source> = parallel.files.iter().cloned().map(read).collect();
        let manifest = Some(read(root.join(MANIFEST)));
        let in_order = Library::assemble(root, manifest, files, Vec::new());
        let ids = |l: &Library| {
            l.responses
                .iter()
                .map(|r| r.id.to_string())
                .collect::<Vec<_>>()
        };
        let problems = |l: &Library| {
            l.problems
                .iter()
                .map(|p| format!("{p:?}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&parallel), ids(&in_order));
        assert_eq!(problems(&parallel), problems(&in_order));
        assert_eq!(
            (parallel.skipped, parallel.skipped_files),
            (in_order.skipped, in_order.skipped_files)
        );
        assert!(!parallel.problems.is_empty() && parallel.responses.len() > 250);
    }

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
