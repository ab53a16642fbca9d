//! Files whose blame is known without running `git blame`: those only one
//! root commit ever touched and that are unchanged in the work tree.
//!
//! One `git log` and one `git diff` answer for every file at once, where
//! blame costs a process per file (4 s for 1,000 files). Blame walks from
//! the work tree back through every commit that changed a file; when the
//! only such commit is a root commit, every line is blamed on it, exactly
//! what `git blame --root` prints, so the audit's dates do not change.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{BlameError, ToBlame};
use crate::domain::audit::LineChange;

/// Blames every file: from one `git log` where that settles it, else with
/// `git blame`.
pub fn blame_files(
    root: &Path,
    files: &[ToBlame],
    shallow: &HashSet<String>,
) -> Vec<Result<Vec<LineChange>, BlameError>> {
    let known = settled(root, shallow);
    let mut results: Vec<Option<Result<Vec<LineChange>, BlameError>>> = files
        .iter()
        .map(|(path, _)| {
            let change = key(root, path).and_then(|k| known.get(&k).copied())?;
            let bytes = std::fs::read(path).ok()?;
            Some(Ok(vec![change; line_count(&bytes)]))
        })
        .collect();
    let rest: Vec<&ToBlame> = files
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.is_none())
        .map(|(file, _)| file)
        .collect();
    let mut blamed = super::blame_all(&rest, shallow).into_iter();
    for r in results.iter_mut().filter(|r| r.is_none()) {
        *r = blamed.next();
    }
    super::finished(results, files.iter().map(|(path, _)| *path))
}

/// Files under `root` (paths relative to it, as bytes: see [`key`]) whose
/// every line was last changed by one commit, with that change. Empty when
/// git cannot tell: the caller blames the files one by one, as before.
pub fn settled(root: &Path, shallow: &HashSet<String>) -> HashMap<Vec<u8>, LineChange> {
    // `--full-history -m`: every commit that changed a file against any of
    // its parents, merges included, so no commit blame could reach is left
    // out. `--no-renames`: a renamed file counts as added by the rename,
    // which is not a root commit, so it is blamed the slow way.
    let log = super::git(root)
        .args(["log", "--full-history", "-m", "--no-renames", "--name-only"])
        .args([
            "-z",
            "--relative",
            "--format=%x01%H %at %P",
            "HEAD",
            "--",
            ".",
        ])
        .output();
    // Content changed since HEAD, staged or not: those lines are new.
    let dirty = super::git(root)
        .args(["diff", "--name-only", "-z", "--relative", "--no-ext-diff"])
        .args(["HEAD", "--", "."])
        .output();
    match (log, dirty) {
        (Ok(log), Ok(dirty)) if log.status.success() && dirty.status.success() => {
            let dirty: HashSet<&[u8]> = dirty.stdout.split(|&b| b == 0).collect();
            one_root_commit(&log.stdout, shallow)
                .into_iter()
                .filter(|(path, _)| !dirty.contains(path.as_slice()))
                .collect()
        }
        _ => HashMap::new(),
    }
}

/// How [`settled`] names `file` of the library at `root`: the path below
/// `root`, as git prints it (`/`-separated bytes); None outside `root`.
pub fn key(root: &Path, file: &Path) -> Option<Vec<u8>> {
    let parts: Vec<&[u8]> = file
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().as_encoded_bytes())
        .collect();
    Some(parts.join(&b'/'))
}

/// Reads `git log -z --name-only --format=%x01%H %at %P`: the files named by
/// exactly one commit, when that commit has no parent (a root commit, or the
/// commit a shallow clone was cut at, whose older history nobody can see).
pub fn one_root_commit(log: &[u8], shallow: &HashSet<String>) -> HashMap<Vec<u8>, LineChange> {
    // Per file: the only commit naming it so far, or None once a second does.
    let mut seen: HashMap<&[u8], Option<Option<LineChange>>> = HashMap::new();
    // The change a root commit's files get; None for any other commit.
    let mut current: Option<LineChange> = None;
    let mut current_hash: &[u8] = b"";
    for field in log.split(|&b| b == 0) {
        if let Some(header) = field.strip_prefix(b"\x01") {
            let text = String::from_utf8_lossy(header);
            let mut words = text.split(' ');
            let hash = words.next().unwrap_or("");
            let time = words.next().and_then(|t| t.parse::<i64>().ok());
            let root = words.next().is_none_or(str::is_empty);
            current = match time {
                Some(t) if root && shallow.contains(hash) => Some(LineChange::Boundary(t)),
                Some(t) if root => Some(LineChange::Committed(t)),
                _ => None,
            };
            current_hash = &header[..hash.len()];
            continue;
        }
        // The first name after a header follows the header's newline.
        let name = field.strip_prefix(b"\n").unwrap_or(field);
        if name.is_empty() || current_hash.is_empty() {
            continue;
        }
        seen.entry(name)
            .and_modify(|only| *only = None)
            .or_insert(Some(current));
    }
    seen.into_iter()
        .filter_map(|(name, only)| Some((name.to_vec(), only??)))
        .collect()
}

/// How many lines `git blame` reports for a file of these bytes.
pub fn line_count(bytes: &[u8]) -> usize {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    newlines + usize::from(bytes.last().is_some_and(|&b| b != b'\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = "1111111111111111111111111111111111111111";
    const TWO: &str = "2222222222222222222222222222222222222222";
    const MERGE: &str = "3333333333333333333333333333333333333333";

    /// `git log` of a root commit adding a, b and c, a commit changing b,
    /// and a merge shown against each parent (`-m`) changing c.
    fn log() -> Vec<u8> {
        format!(
            "\x01{MERGE} 30 {TWO} {ROOT}\0\nc.toml\0\x01{MERGE} 30 {TWO} {ROOT}\0\nc.toml\0\
             \x01{TWO} 20 {ROOT}\0\nb.toml\0\
             \x01{ROOT} 10 \0\na.toml\0b.toml\0c.toml\0"
        )
        .into_bytes()
    }

    #[test]
    fn only_files_no_commit_but_a_root_one_touched_are_settled() {
        let settled = one_root_commit(&log(), &HashSet::new());
        assert_eq!(
            settled,
            HashMap::from([(b"a.toml".to_vec(), LineChange::Committed(10))])
        );
    }

    #[test]
    fn files_of_the_commit_a_shallow_clone_was_cut_at_have_no_known_date() {
        let shallow = HashSet::from([ROOT.to_string()]);
        let settled = one_root_commit(&log(), &shallow);
        assert_eq!(settled[&b"a.toml".to_vec()], LineChange::Boundary(10));
    }

    #[test]
    fn a_file_added_by_a_later_commit_is_left_to_blame() {
        // Added by a commit with a parent: perhaps a rename blame follows.
        let log = format!("\x01{TWO} 20 {ROOT}\0\nnew.toml\0\x01{ROOT} 10 \0\na.toml\0");
        let settled = one_root_commit(log.as_bytes(), &HashSet::new());
        assert!(!settled.contains_key(b"new.toml".as_slice()));
        assert!(settled.contains_key(b"a.toml".as_slice()));
    }

    #[test]
    fn a_header_that_cannot_be_read_settles_nothing() {
        let log = format!("\x01{ROOT} soon \0\na.toml\0");
        assert!(one_root_commit(log.as_bytes(), &HashSet::new()).is_empty());
    }

    #[test]
    fn lines_are_counted_as_blame_counts_them() {
        assert_eq!(line_count(b""), 0);
        assert_eq!(line_count(b"a"), 1);
        assert_eq!(line_count(b"a\n"), 1);
        assert_eq!(line_count(b"a\n\nb"), 3);
    }

    #[test]
    fn files_are_named_below_the_library_with_slashes() {
        let root = Path::new("lib");
        let file = Path::new("lib").join("billing").join("b.toml");
        assert_eq!(key(root, &file), Some(b"billing/b.toml".to_vec()));
        assert_eq!(key(root, Path::new("elsewhere/b.toml")), None);
    }
}
