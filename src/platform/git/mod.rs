//! Running git for the audit: is the library in a repository, is that a
//! shallow clone, and when did each line of a file last change.
//!
//! `git blame --porcelain` runs once per file, never once per response,
//! and not at all for the files one `git log` settles (see [`settled`]).

mod settled;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::domain::audit::{
    BodyLines, GitView, LastChange, LineChange, deletions, last_change, parse_patches,
};
use crate::domain::date::Date;
use crate::domain::library::Library;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where the library stands with respect to git.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repo {
    /// Inside a work tree. `shallow` holds the commits a shallow clone was
    /// cut at: lines blamed on them changed at or before that commit, and
    /// nobody can tell when (empty when the clone is complete).
    Found { shallow: HashSet<String> },
    /// Not inside a repository, or git cannot run: the reason, for a notice.
    Unavailable(String),
}

impl Repo {
    /// Looks at the repository `dir` is in, if any.
    pub fn open(dir: &Path) -> Repo {
        let out = match git(dir)
            .args([
                "rev-parse",
                "--is-shallow-repository",
                "--git-path",
                "shallow",
            ])
            .output()
        {
            Ok(out) => out,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Repo::Unavailable("git is not installed".into());
            }
            Err(e) => return Repo::Unavailable(format!("cannot run git: {e}")),
        };
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr);
            let why = why
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("fatal: ");
            return Repo::Unavailable(if why.contains("not a git repository") {
                "not in a git repository".into()
            } else {
                format!("git: {why}")
            });
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines();
        let shallow = if lines.next() == Some("true") {
            // `--git-path` answers relative to the directory git ran in.
            let file = lines.next().map(|p| dir.join(p)).unwrap_or_default();
            std::fs::read_to_string(file)
                .unwrap_or_default()
                .split_whitespace()
                .map(str::to_string)
                .collect()
        } else {
            HashSet::new()
        };
        Repo::Found { shallow }
    }

    pub fn is_shallow(&self) -> bool {
        matches!(self, Repo::Found { shallow } if !shallow.is_empty())
    }
}

/// Why a file could not be blamed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlameError {
    pub path: PathBuf,
    pub message: String,
}

/// Blames every line of `path`, in order (index 0 is line 1), its
/// deletions included (a blank line only where `bodies` are). A file git
/// does not track yet is all uncommitted.
pub fn blame(
    path: &Path,
    bodies: &BodyLines,
    shallow: &HashSet<String>,
) -> Result<Vec<LineChange>, BlameError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or(path.as_os_str());
    let failed = |message: String| BlameError {
        path: path.to_path_buf(),
        message,
    };
    // `--root`: a root commit is a real change, not a boundary. `-M -C`:
    // a response moved within its file, or to another file in the same
    // commit, keeps the dates of its lines; a move changes no reply. At 10
    // letters and digits rather than git's 20, so that a short field moved
    // on its own (`owner = "billing-team"`) goes with its response. `-w`:
    // a change of white space alone changes no reply's words (a final
    // newline added by `canned new` after the last reply, line endings
    // converted to CRLF), and must not date every reply it touches.
    let blame = |cmd: &mut Command| {
        cmd.args([
            "blame",
            "--porcelain",
            "--root",
            "--no-textconv",
            "-w",
            "-M10",
            "-C10",
            "--",
        ])
        .arg(name)
        .output()
        .map_err(|e| failed(format!("cannot run git: {e}")))
    };
    let mut out = blame(&mut git(dir))?;
    // A user's `blame.ignoreRevsFile` (GitHub's advice) names a file this
    // repository may lack, and then every blame fails; `-c` cannot unset
    // it, so blame runs once more without the user's own git config.
    if String::from_utf8_lossy(&out.stderr).contains("could not open object name list") {
        out = blame(git(dir).env("GIT_CONFIG_GLOBAL", "/dev/null"))?;
    }
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        // Ignored by git: never committed, and never going to be. Dating
        // it today would hide every stale response in it.
        if stderr.contains("no such path") && is_ignored(dir, name) {
            return Err(failed(
                "ignored by git (.gitignore); staleness goes by `reviewed` alone".into(),
            ));
        }
        // Untracked, or a repository without any commit yet: all new work.
        if stderr.contains("no such path") || stderr.contains("no such ref") {
            let lines = std::fs::read(path).map_err(|e| failed(e.to_string()))?;
            let count = lines.split(|&b| b == b'\n').count();
            return Ok(vec![LineChange::Uncommitted; count]);
        }
        // A partial clone fetches old versions when asked; audit never
        // goes to the network.
        if stderr.contains("promisor remote") {
            return Err(failed(
                "this partial clone (`--filter=blob:none`) lacks the file's older versions, \
                 and audit does not fetch them: a clone without `--filter` has them"
                    .into(),
            ));
        }
        let first = stderr.lines().next().unwrap_or("failed").to_string();
        return Err(failed(first.trim_start_matches("fatal: ").to_string()));
    }
    let mut lines = parse_porcelain(&String::from_utf8_lossy(&out.stdout), shallow);
    add_deletions(dir, name, bodies, &mut lines).map_err(failed)?;
    Ok(lines)
}

/// Whether git ignores `name` in `dir` (`.gitignore` and the like).
fn is_ignored(dir: &Path, name: &std::ffi::OsStr) -> bool {
    git(dir)
        .args(["check-ignore", "-q", "--"])
        .arg(name)
        .status()
        .is_ok_and(|s| s.success())
}

/// Dates the lines that deleted lines followed, in the work tree and down
/// the file's first parents (see [`crate::domain::audit::deletions`]):
/// blame sees only the lines that are there. Where git cannot tell, the
/// error: blame's dates alone could be older than the last change.
fn add_deletions(
    dir: &Path,
    name: &std::ffi::OsStr,
    bodies: &BodyLines,
    lines: &mut [LineChange],
) -> Result<(), String> {
    // `-O/dev/null`: a user's `diff.orderFile` that this repository lacks
    // would fail every diff. `-w`, as blame: white space alone is no change.
    // `--text`: a `.gitattributes` marking `*.toml` `binary` or `-diff`
    // (the library's to set) must not turn each patch into "Binary files
    // differ", whose deletions no hunk shows; `--no-textconv` and
    // `--no-ext-diff` keep the lines git compares the file's own.
    // `--inter-hunk-context=0`: a user's `diff.interHunkContext` would join
    // nearby hunks with the unchanged lines between them, which are no
    // deletion.
    const PATCH: [&str; 9] = [
        "-U0",
        "--inter-hunk-context=0",
        "-w",
        "--text",
        "-O/dev/null",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--format=%x01%at",
    ];
    let run = |args: &[&str], paths: &[&std::ffi::OsStr]| -> Result<String, String> {
        let out = git(dir)
            .args(args)
            .args(PATCH)
            .arg("--")
            .args(paths)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let first = stderr.lines().next().unwrap_or("failed");
            Err(format!(
                "git {}: {}",
                args[0],
                first.trim_start_matches("fatal: ")
            ))
        }
    };
    // The history follows the file through a rename (`git mv`), as blame
    // does for the lines that are there: a line deleted before the file
    // was renamed is dated when it was deleted. A rename staged but not
    // committed yet is followed from the name the file has at HEAD.
    let mut work = run(&["diff", "--no-renames", "HEAD"], &[name]);
    // Asked only of a file HEAD does not have under this name (two more
    // git runs, for the odd file, not for every file of a library).
    let at_head = work
        .as_ref()
        .ok()
        .filter(|w| w.contains("\nnew file mode"))
        .and_then(|_| name_at_head(dir, name));
    if let Some(old) = &at_head {
        // The work tree against HEAD's file of the other name.
        work = run(&["diff", "-M", "HEAD"], &[old, name]);
    }
    let log = run(
        &["log", "--follow", "--first-parent", "-m", "-p", "HEAD"],
        &[at_head.as_deref().unwrap_or(name)],
    );
    let (work, log) = (work?, log?);
    let mut patches = parse_patches(&work, Some(LineChange::Uncommitted));
    patches.extend(parse_patches(&log, None));
    for (line, change) in deletions(&patches, lines.len(), bodies) {
        if let Some(l) = lines.get_mut(line - 1) {
            *l = later(*l, change);
        }
    }
    Ok(())
}

/// The name, as a pathspec from the top of the repository, that `name`
/// (in `dir`) has at HEAD when a rename of it is staged (`git mv` not yet
/// committed): its history is under that name.
fn name_at_head(dir: &Path, name: &std::ffi::OsStr) -> Option<std::ffi::OsString> {
    let prefix = git(dir)
        .args(["rev-parse", "--show-prefix"])
        .output()
        .ok()?;
    let path = format!(
        "{}{}",
        String::from_utf8_lossy(&prefix.stdout).trim_end_matches('\n'),
        name.to_string_lossy()
    );
    // Paths from the top of the repository, NUL-separated: a rename is
    // `R  new` and then its old name as a field of its own.
    let status = git(dir)
        .args(["status", "--porcelain=v1", "-z", "--untracked-files=no"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&status.stdout);
    let mut fields = text.split('\0');
    while let Some(entry) = fields.next() {
        if entry.starts_with('R') {
            let old = fields.next()?;
            if entry.get(3..) == Some(path.as_str()) {
                return Some(format!(":/{old}").into());
            }
        }
    }
    None
}

/// The later of two changes of a line: uncommitted work is the latest; a
/// commit at or after a shallow boundary's time dates the line.
fn later(a: LineChange, b: LineChange) -> LineChange {
    use LineChange::{Boundary, Committed, Uncommitted};
    match (a, b) {
        (Uncommitted, _) | (_, Uncommitted) => Uncommitted,
        (Committed(x), Committed(y)) => Committed(x.max(y)),
        (Boundary(x), Committed(y)) | (Committed(y), Boundary(x)) if y >= x => Committed(y),
        (Boundary(x), other) | (other, Boundary(x)) => match other {
            Boundary(y) => Boundary(x.max(y)),
            _ => Boundary(x),
        },
    }
}

/// `git` with a clean slate: run in `dir`, no pager, no prompts, and none
/// of the commands a repository's own `.git/config` can make git run (a
/// library arrives through pull requests; its config is not ours to obey).
fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.args([
        "-c",
        "core.fsmonitor=false",
        "-c",
        "core.hooksPath=/dev/null",
        "-c",
        "diff.external=",
        "-c",
        "core.pager=cat",
        "-c",
        "core.sshCommand=false",
        "-c",
        "protocol.allow=never",
        // `-m`'s format is a setting: a user's `combined` shows a merge
        // only where it differs from every parent, and the deletions a
        // branch brought in went undated. Older gits ignore the key.
        "-c",
        "log.diffMerges=separate",
    ])
    .arg("-C")
    .arg(dir)
    // The repository is the one `dir` is in: a `GIT_DIR` a hook or a
    // wrapper exported (relative to its own folder, or naming the top
    // of the work tree) made every response "uncommitted" and hid every
    // stale one from `audit --fail-on warning`.
    .env_remove("GIT_DIR")
    .env_remove("GIT_WORK_TREE")
    .env_remove("GIT_INDEX_FILE")
    .env_remove("GIT_COMMON_DIR")
    .env_remove("GIT_OBJECT_DIRECTORY")
    .env_remove("GIT_ALTERNATE_OBJECT_DIRECTORIES")
    .env_remove("GIT_NAMESPACE")
    .env_remove("GIT_PREFIX")
    // Nor how it reads paths: `--follow` refuses the glob and case magic.
    .env_remove("GIT_GLOB_PATHSPECS")
    .env_remove("GIT_NOGLOB_PATHSPECS")
    .env_remove("GIT_ICASE_PATHSPECS")
    .env_remove("GIT_LITERAL_PATHSPECS")
    .env("GIT_CONFIG_NOSYSTEM", "1")
    .env("GIT_TERMINAL_PROMPT", "0")
    .env("GIT_PAGER", "cat")
    .stdin(Stdio::null());
    cmd
}

const NOT_COMMITTED: &str = "0000000000000000000000000000000000000000";

/// Reads `git blame --porcelain` output into one change per final line.
///
/// Each line group starts with `HASH ORIG-LINE FINAL-LINE [COUNT]`; the
/// commit's headers (`author-time`, `boundary`…) follow only the first time
/// a commit appears; the line's text follows a tab.
pub fn parse_porcelain(text: &str, shallow: &HashSet<String>) -> Vec<LineChange> {
    #[derive(Default, Clone, Copy)]
    struct Commit {
        time: i64,
        boundary: bool,
    }
    let mut commits: HashMap<&str, Commit> = HashMap::new();
    let mut lines: Vec<Option<LineChange>> = Vec::new();
    let mut current: Option<(&str, usize)> = None;
    for line in text.lines() {
        if line.starts_with('\t') {
            if let Some((hash, final_line)) = current.take() {
                let c = commits.get(hash).copied().unwrap_or_default();
                let change = if hash == NOT_COMMITTED {
                    LineChange::Uncommitted
                } else if c.boundary || shallow.contains(hash) {
                    LineChange::Boundary(c.time)
                } else {
                    LineChange::Committed(c.time)
                };
                if lines.len() < final_line {
                    lines.resize(final_line, None);
                }
                lines[final_line - 1] = Some(change);
            }
            continue;
        }
        let mut words = line.split(' ');
        let first = words.next().unwrap_or("");
        if first.len() >= 40 && first.bytes().all(|b| b.is_ascii_hexdigit()) {
            let final_line = words.nth(1).and_then(|n| n.parse::<usize>().ok());
            if let Some(n) = final_line.filter(|&n| n > 0) {
                current = Some((first, n));
                commits.entry(first).or_default();
            }
            continue;
        }
        let Some((hash, _)) = current else { continue };
        let commit = commits.entry(hash).or_default();
        if let Some(t) = line.strip_prefix("author-time ") {
            commit.time = t.trim().parse().unwrap_or(0);
        } else if line == "boundary" {
            commit.boundary = true;
        }
    }
    lines
        .into_iter()
        .map(|c| c.unwrap_or(LineChange::Uncommitted))
        .collect()
}

/// When each response last changed, from one `git blame` per file.
pub struct History {
    pub changes: HashMap<String, LastChange>,
    pub git: GitView,
    /// What git could not tell, once each, for stderr.
    pub warnings: Vec<String>,
}

/// When each response of `lib` last changed; `day_of` turns a commit's Unix
/// time into a day.
pub fn history(lib: &Library, today: Date, day_of: impl Fn(u64) -> Date) -> History {
    let mut warnings = Vec::new();
    let shallow = match Repo::open(&lib.root) {
        Repo::Found { shallow } => shallow,
        Repo::Unavailable(why) => {
            let note = format!(
                "{why}: when responses last changed is unknown, so staleness goes by `reviewed` alone"
            );
            warnings.push(note.clone());
            let git = GitView {
                available: false,
                shallow: false,
                note: Some(note),
            };
            return History {
                changes: HashMap::new(),
                git,
                warnings,
            };
        }
    };
    let mut note = None;
    if !shallow.is_empty() {
        let n = "shallow clone: lines from its oldest commits have no known change date \
                 (`git fetch --unshallow` gets the full history)"
            .to_string();
        warnings.push(n.clone());
        note = Some(n);
    }
    let mut by_file: BTreeMap<&PathBuf, Vec<usize>> = BTreeMap::new();
    for (i, r) in lib.responses.iter().enumerate() {
        by_file.entry(&r.location.path).or_default().push(i);
    }
    let files: Vec<(&PathBuf, BodyLines)> = by_file
        .iter()
        .map(|(path, ids)| (*path, BodyLines::of(ids.iter().map(|&i| &lib.responses[i]))))
        .collect();
    let blamed = settled::blame_files(&lib.root, &files, &shallow);
    let to_date = |t: i64| day_of(u64::try_from(t).unwrap_or(0));
    let mut changes = HashMap::new();
    for ((path, _), result) in files.iter().zip(blamed) {
        match result {
            Ok(lines) => {
                for &i in &by_file[path] {
                    let r = &lib.responses[i];
                    // Not its `[[response]]` line: the same in every
                    // response, git may pair it with a new neighbour's.
                    let first = (r.location.line + 1).min(r.end_line);
                    let change = last_change(&lines, first, r.end_line, today, to_date);
                    changes.insert(r.id.to_string(), change);
                }
            }
            Err(e) => warnings.push(format!(
                "cannot tell when {} changed: {}",
                e.path.display(),
                e.message
            )),
        }
    }
    let git = GitView {
        available: true,
        shallow: !shallow.is_empty(),
        note,
    };
    History {
        changes,
        git,
        warnings,
    }
}

/// A file to blame, and where its bodies are.
type ToBlame<'a> = (&'a PathBuf, BodyLines);

/// Blames every file, a few at a time: git spends its time walking history.
fn blame_all(
    files: &[&ToBlame],
    shallow: &std::collections::HashSet<String>,
) -> Vec<Result<Vec<LineChange>, BlameError>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 4)
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Vec<LineChange>, BlameError>>> =
        (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((path, bodies)) = files.get(i) else {
                            break;
                        };
                        done.push((i, blame(path, bodies, shallow)));
                    }
                    done
                })
            })
            .collect();
        for h in handles {
            for (i, r) in h.join().unwrap_or_default() {
                results[i] = Some(r);
            }
        }
    });
    finished(results, files.iter().map(|(path, _)| *path))
}

type Blamed = Result<Vec<LineChange>, BlameError>;

/// Each file's blame; one still missing (its worker died) did not finish.
fn finished<'a>(
    results: Vec<Option<Blamed>>,
    files: impl Iterator<Item = &'a PathBuf>,
) -> Vec<Blamed> {
    results
        .into_iter()
        .zip(files)
        .map(|(r, path)| {
            r.unwrap_or_else(|| {
                Err(BlameError {
                    path: path.to_path_buf(),
                    message: "git blame did not finish".into(),
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = "0b51d3fee2164a9c636e4956dbed3cf699d4c460";
    const TWO: &str = "b6849966e9c07b23cb62da37de7cde8a64c6f8f8";

    fn porcelain() -> String {
        format!(
            "{ONE} 1 1 1\nauthor T\nauthor-mail <t@e>\nauthor-time 1735732800\nauthor-tz +0000\n\
             committer T\ncommitter-time 1735732800\nsummary one\nfilename f.txt\n\ta\n\
             {TWO} 2 2 1\nauthor T\nauthor-time 1767268800\nsummary two\n\
             previous {ONE} f.txt\nfilename f.txt\n\tB\n\
             {ONE} 3 3 1\n\tc\n\
             {NOT_COMMITTED} 4 4 1\nauthor Not Committed Yet\nauthor-time 1795494307\n\
             summary Version of f.txt from f.txt\nfilename f.txt\n\td\n"
        )
    }

    #[test]
    fn porcelain_gives_each_line_its_commit_time_even_when_headers_are_not_repeated() {
        let lines = parse_porcelain(&porcelain(), &HashSet::new());
        assert_eq!(
            lines,
            [
                LineChange::Committed(1_735_732_800),
                LineChange::Committed(1_767_268_800),
                LineChange::Committed(1_735_732_800),
                LineChange::Uncommitted,
            ]
        );
    }

    #[test]
    fn porcelain_lines_of_the_all_zero_commit_are_uncommitted() {
        let lines = parse_porcelain(&porcelain(), &HashSet::new());
        assert_eq!(lines[3], LineChange::Uncommitted);
    }

    #[test]
    fn porcelain_lines_blamed_on_a_shallow_boundary_are_not_dated_by_it() {
        let shallow = HashSet::from([TWO.to_string()]);
        let lines = parse_porcelain(&porcelain(), &shallow);
        assert_eq!(lines[1], LineChange::Boundary(1_767_268_800));
        let text =
            format!("{TWO} 1 1 2\nauthor-time 5\nboundary\nfilename f\n\tx\n{TWO} 2 2\n\ty\n");
        assert_eq!(
            parse_porcelain(&text, &HashSet::new()),
            [LineChange::Boundary(5), LineChange::Boundary(5)]
        );
    }

    #[test]
    fn porcelain_text_lines_that_look_like_headers_are_not_read_as_headers() {
        let text = format!("{ONE} 1 1 1\nauthor-time 7\nfilename f\n\tauthor-time 99\n");
        assert_eq!(
            parse_porcelain(&text, &HashSet::new()),
            [LineChange::Committed(7)]
        );
    }
}
