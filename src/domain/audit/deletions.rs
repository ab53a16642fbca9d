//! Lines deleted from a response are a change of it too, and `git blame`
//! cannot see them: it dates the lines that are there. A response whose
//! outdated sentence was removed yesterday would be reported stale.
//!
//! Each deletion is read from the patches of a file's history (and of its
//! work tree), newest first, and carried to where it falls in the file as
//! it is now, as a change of the line it followed.

use std::collections::HashMap;

use super::LineChange;
use crate::domain::model::Response;

/// Where the bodies of a file's responses are, as the file is now: the
/// first and last line of each one's text. A blank line there is a
/// paragraph break the customer reads; anywhere else, layout.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyLines(Vec<(usize, usize)>);

impl BodyLines {
    /// The bodies of `responses`, translations included.
    pub fn of<'a>(responses: impl IntoIterator<Item = &'a Response>) -> BodyLines {
        BodyLines(
            responses
                .into_iter()
                .flat_map(Response::texts)
                .map(|(_, t)| {
                    let last = t.body_at.locate(&t.body, t.body.len()).line;
                    (t.body_at.start.line, last)
                })
                .collect(),
        )
    }

    /// Whether lines `before` and `after` (1-based) are lines of one body:
    /// what was deleted between them was inside its text.
    fn hold(&self, before: usize, after: usize) -> bool {
        self.0
            .iter()
            .any(|&(first, last)| first <= before && after <= last)
    }
}

/// One patch: the change it dates, and its hunks in order.
pub struct Patch {
    pub change: LineChange,
    pub hunks: Vec<Hunk>,
}

/// `@@ -old_start,old_len +new_start,new_len @@`, and the text of the lines
/// it removed and added, white space left out (as `-w` compares them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hunk {
    pub old_start: usize,
    pub old_len: usize,
    pub new_start: usize,
    pub new_len: usize,
    pub removed: Vec<String>,
    pub added: Vec<String>,
}

/// The patches of `git log -p -U0 --format=%x01%at` (each commit's text
/// starts with `\x01` and its author time) or of `git diff -U0` (one patch,
/// `change` given), in the order given.
pub fn parse_patches(text: &str, work_tree: Option<LineChange>) -> Vec<Patch> {
    let mut patches: Vec<Patch> = Vec::new();
    if let Some(change) = work_tree {
        patches.push(Patch {
            change,
            hunks: Vec::new(),
        });
    }
    // The lines the current hunk still has to remove and add: a removed
    // line may itself start with `--- `.
    let (mut to_remove, mut to_add) = (0, 0);
    for line in text.lines() {
        let current = patches.last_mut().and_then(|p| p.hunks.last_mut());
        if let Some(h) = current
            && (to_remove > 0 || to_add > 0)
        {
            let squeezed = || line[1..].split_whitespace().collect::<String>();
            if line.starts_with('-') && to_remove > 0 {
                h.removed.push(squeezed());
                to_remove -= 1;
                continue;
            }
            if line.starts_with('+') && to_add > 0 {
                h.added.push(squeezed());
                to_add -= 1;
                continue;
            }
        }
        if let Some(time) = line.strip_prefix('\u{1}') {
            let time = time.trim().parse().unwrap_or(0);
            patches.push(Patch {
                change: LineChange::Committed(time),
                hunks: Vec::new(),
            });
        } else if line.starts_with("@@ ")
            && let (Some(h), Some(p)) = (hunk(line), patches.last_mut())
        {
            (to_remove, to_add) = (h.old_len, h.new_len);
            p.hunks.push(h);
        }
    }
    patches
}

/// `@@ -a[,b] +c[,d] @@`.
fn hunk(line: &str) -> Option<Hunk> {
    let mut parts = line.split(' ').skip(1);
    let range = |s: &str| -> Option<(usize, usize)> {
        match s.split_once(',') {
            Some((start, len)) => Some((start.parse().ok()?, len.parse().ok()?)),
            None => Some((s.parse().ok()?, 1)),
        }
    };
    let (old_start, old_len) = range(parts.next()?.strip_prefix('-')?)?;
    let (new_start, new_len) = range(parts.next()?.strip_prefix('+')?)?;
    Some(Hunk {
        old_start,
        old_len,
        new_start,
        new_len,
        ..Hunk::default()
    })
}

/// The lines of the responses a patch moved: each removed line (by its
/// line in the version before the patch) paired with the line it was
/// added as (in the version after). A line whose text the patch removes
/// once and adds once moved, if it has ten letters or digits (as `blame
/// -M10` asks), and so do the lines around it as far as they read the same
/// on both sides: a response's `body = """`, the same in every response,
/// moves with the response around it, not alone.
fn moved(patch: &Patch) -> HashMap<usize, usize> {
    let removed: Vec<(usize, &str)> = patch
        .hunks
        .iter()
        .flat_map(|h| (h.old_start..).zip(h.removed.iter().map(String::as_str)))
        .collect();
    let added: Vec<(usize, &str)> = patch
        .hunks
        .iter()
        .flat_map(|h| (h.new_start..).zip(h.added.iter().map(String::as_str)))
        .collect();
    let mut count: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (i, &(_, text)) in removed.iter().enumerate() {
        let c = count.entry(text).or_default();
        (c.0, c.2) = (c.0 + 1, i);
    }
    for &(_, text) in &added {
        count.entry(text).or_default().1 += 1;
    }
    // Index pairs into `removed` and `added`, by a line read once on each side.
    let mut pairs: Vec<(usize, usize)> = added
        .iter()
        .enumerate()
        .filter_map(|(j, &(_, text))| match count.get(text) {
            Some(&(1, 1, i)) if text.chars().filter(|c| c.is_alphanumeric()).count() >= 10 => {
                Some((i, j))
            }
            _ => None,
        })
        .collect();
    let mut paired_removed = vec![false; removed.len()];
    let mut paired_added = vec![false; added.len()];
    for &(i, j) in &pairs {
        (paired_removed[i], paired_added[j]) = (true, true);
    }
    // Then the lines around each pair, each way, while they read the same
    // and are consecutive lines on both sides.
    let seeds = pairs.clone();
    for (i, j) in seeds {
        for step in [-1isize, 1] {
            let (mut i, mut j) = (i, j);
            while let (Some(ni), Some(nj)) =
                (i.checked_add_signed(step), j.checked_add_signed(step))
                && let (Some(&(lo, ro)), Some(&(la, ra))) = (removed.get(ni), added.get(nj))
                && !paired_removed[ni]
                && !paired_added[nj]
                && ro == ra
                && removed[i].0.checked_add_signed(step) == Some(lo)
                && added[j].0.checked_add_signed(step) == Some(la)
            {
                (paired_removed[ni], paired_added[nj]) = (true, true);
                pairs.push((ni, nj));
                (i, j) = (ni, nj);
            }
        }
    }
    // Only a whole response moves: the lines a hunk removed and another
    // added, among them its `[[response]]` line (an edit made to it on
    // the way is still an edit). A sentence taken from one response to
    // another changed both, and deleted it from the first.
    let block = |i: usize, j: usize| {
        let (old, new) = (removed[i].0, added[j].0);
        let hunks = || patch.hunks.iter();
        (
            hunks().position(|h| (h.old_start..h.old_start + h.old_len).contains(&old)),
            hunks().position(|h| (h.new_start..h.new_start + h.new_len).contains(&new)),
        )
    };
    let whole: std::collections::HashSet<(Option<usize>, Option<usize>)> = pairs
        .iter()
        .filter(|&&(_, j)| added[j].1.starts_with("[[response]]"))
        .map(|&(i, j)| block(i, j))
        .collect();
    pairs
        .into_iter()
        .filter(|&(i, j)| whole.contains(&block(i, j)))
        .map(|(i, j)| (removed[i].0, added[j].0))
        .collect()
}

/// The deletions of `patches` (newest first: the work tree's, then each
/// commit's down its first parents), each as the change of the two lines
/// of the file as it is now (`lines` long, 1-based) that the deleted lines
/// fell between: the one before is a response's `[[response]]` line when
/// its first field was deleted, and audit does not date that line (git
/// may pair it with a neighbour's). Deletions of whole responses are left
/// out, and so are blank lines but between two lines of a body (`bodies`),
/// where they parted paragraphs, and lines that moved: a response moved
/// down its file carries the deletions made in it before, and the lines
/// it left deleted nothing.
pub fn deletions(patches: &[Patch], lines: usize, bodies: &BodyLines) -> Vec<(usize, LineChange)> {
    let mut out = Vec::new();
    // `now[i]`: where line `i` of the version at hand is now (0: before
    // the first line). A line removed since is where its removal was, or
    // where it moved to.
    let mut now: Vec<usize> = (0..=lines).collect();
    let at = |now: &[usize], i: usize| now.get(i).or(now.last()).copied().unwrap_or(0);
    for patch in patches {
        let moved = moved(patch);
        for h in &patch.hunks {
            // Where the hunk removed from, as the file is now: the line
            // before the place, and the one after it.
            let place = (h.new_start > 0).then(|| at(&now, h.new_start));
            for (before, after, blank) in deleted_runs(h, &moved) {
                let before = before.map(|n| at(&now, n)).or(place);
                let after = after.map(|n| at(&now, n)).or(place.map(|l| l + 1));
                let in_body = before.zip(after).is_some_and(|(b, a)| bodies.hold(b, a));
                if blank && !in_body {
                    continue;
                }
                for line in [before, after].into_iter().flatten() {
                    if (1..=lines).contains(&line) {
                        out.push((line, patch.change));
                    }
                }
            }
        }
        // The version before this patch, mapped to now through this one.
        let mut before = Vec::with_capacity(now.len());
        before.push(0);
        let mut new = 1;
        for h in &patch.hunks {
            // A hunk that removes nothing is written after its line.
            let first_old = if h.old_len == 0 {
                h.old_start + 1
            } else {
                h.old_start
            };
            while before.len() < first_old {
                before.push(at(&now, new));
                new += 1;
            }
            let gone = at(&now, h.new_start);
            before.extend(
                (h.old_start..h.old_start + h.old_len)
                    .map(|old| moved.get(&old).map_or(gone, |&n| at(&now, n))),
            );
            new += h.new_len;
        }
        let removed: usize = patch.hunks.iter().map(|h| h.old_len).sum();
        let added: usize = patch.hunks.iter().map(|h| h.new_len).sum();
        let old_lines = (now.len() - 1 + removed).saturating_sub(added);
        while before.len() <= old_lines {
            before.push(at(&now, new));
            new += 1;
        }
        now = before;
    }
    out
}

/// The deletions of one hunk: each run of removed lines that did not move,
/// as the lines (of the version after the patch) it fell between, `None`
/// for the place the hunk removed from, and whether the run was blank
/// lines alone (a change only inside a body). A hunk that also adds lines
/// changes the response there already (blame dates the added lines), so
/// only its runs between moved lines count. A run holding a
/// `[[response]]` header took a whole response away, as may the hunk
/// around it.
fn deleted_runs(
    h: &Hunk,
    moved: &HashMap<usize, usize>,
) -> Vec<(Option<usize>, Option<usize>, bool)> {
    // `[[ response ]]` is the same header, as TOML reads it.
    let header = |text: &str| text.starts_with("[[response]]");
    if h.old_len == 0 {
        return Vec::new();
    }
    let still: Vec<bool> = (h.old_start..h.old_start + h.old_len)
        .map(|old| !moved.contains_key(&old))
        .collect();
    let whole_response = h
        .removed
        .iter()
        .zip(&still)
        .any(|(text, &still)| still && header(text));
    if whole_response {
        return Vec::new();
    }
    let mut runs = Vec::new();
    let mut i = 0;
    while i < still.len() {
        if !still[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < still.len() && still[i] {
            i += 1;
        }
        // A hunk whose lines fall short of its header (no `-U0` patch
        // does) is no blank run: a change all the same.
        let blank = h
            .removed
            .get(start..i)
            .is_some_and(|run| run.iter().all(String::is_empty));
        let before = start
            .checked_sub(1)
            .and_then(|k| moved.get(&(h.old_start + k)).copied());
        let after = moved.get(&(h.old_start + i)).copied();
        let at_edge = before.is_none() || after.is_none();
        if h.new_len == 0 || !at_edge {
            runs.push((before, after, blank));
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\u{1}1700000000\n\
        diff --git a/b.toml b/b.toml\n\
        --- a/b.toml\n\
        +++ b/b.toml\n\
        @@ -6 +5,0 @@ body\n\
        -notes = \"Price protection\"\n\
        @@ -9,2 +8 @@\n\
        -old\n\
        -older\n\
        +new\n\
        \u{1}1600000000\n\
        @@ -2,0 +3,2 @@\n\
        +added\n\
        +added\n\
        @@ -4,2 +5,0 @@\n\
        -[[response]]\n\
        -id = \"gone\"\n";

    #[test]
    fn hunks_and_what_they_removed_are_read() {
        let patches = parse_patches(LOG, None);
        assert_eq!(patches.len(), 2);
        assert_eq!(patches[0].change, LineChange::Committed(1_700_000_000));
        let h = &patches[0].hunks[0];
        assert_eq!(
            (h.old_start, h.old_len, h.new_start, h.new_len),
            (6, 1, 5, 0)
        );
        assert_eq!(h.removed, ["notes=\"Priceprotection\""]);
        assert_eq!(patches[0].hunks[1].removed, ["old", "older"]);
        assert_eq!(patches[0].hunks[1].added, ["new"]);
        assert_eq!(patches[1].hunks[1].removed, ["[[response]]", "id=\"gone\""]);
    }

    #[test]
    fn a_removed_line_that_starts_like_a_file_header_is_still_a_removed_line() {
        let patches = parse_patches("@@ -3 +2,0 @@\n--- a rule\n", Some(LineChange::Uncommitted));
        assert_eq!(patches[0].hunks[0].removed, ["--arule"]);
        assert_eq!(deletions(&patches, 8, &BodyLines::default()).len(), 2);
    }

    #[test]
    fn a_deletion_is_a_change_of_the_line_it_followed_as_the_file_is_now() {
        // The work tree removed line 2 of HEAD's 10; HEAD's commit removed a
        // line after its line 5, which is line 4 now.
        let work = "@@ -2 +1,0 @@\n-a line\n";
        let mut patches = parse_patches(work, Some(LineChange::Uncommitted));
        patches.extend(parse_patches(LOG, None));
        let found = deletions(&patches, 9, &BodyLines::default());
        assert_eq!(
            found,
            [
                (1, LineChange::Uncommitted),
                (2, LineChange::Uncommitted),
                (4, LineChange::Committed(1_700_000_000)),
                (5, LineChange::Committed(1_700_000_000)),
            ]
        );
    }

    #[test]
    fn a_whole_response_removed_is_no_change_of_its_neighbours_however_its_header_is_spaced() {
        let log =
            "\u{1}1700000000\n@@ -4,3 +3,0 @@\n-[[ response ]]\n-id = \"gone\"\n-body = \"x\"\n";
        assert!(deletions(&parse_patches(log, None), 9, &BodyLines::default()).is_empty());
    }

    #[test]
    fn a_hunk_short_of_the_lines_its_header_counts_is_still_a_deletion() {
        let patches = parse_patches("@@ -3,4 +2,0 @@\n-a line\n", Some(LineChange::Uncommitted));
        assert_eq!(
            deletions(&patches, 8, &BodyLines::default()),
            [(2, LineChange::Uncommitted), (3, LineChange::Uncommitted)]
        );
    }

    #[test]
    fn blank_lines_removed_outside_a_body_change_nothing() {
        let patches = parse_patches("@@ -3,2 +2,0 @@\n-\n-   \n", Some(LineChange::Uncommitted));
        assert!(deletions(&patches, 8, &BodyLines::default()).is_empty());
        // A body on lines 4 to 6 now: the lines were between 2 and 3.
        assert!(deletions(&patches, 8, &BodyLines(vec![(4, 6)])).is_empty());
    }

    #[test]
    fn a_blank_line_removed_between_two_lines_of_a_body_is_a_change() {
        // A body on lines 2 to 5 now; the work tree removed the blank line
        // after its line 2 (paragraphs joined), HEAD's commit the one
        // after its last line, outside it.
        let work = "@@ -3 +2,0 @@\n-\n";
        let log = "\u{1}1700000000\n@@ -7 +6,0 @@\n-\n";
        let mut patches = parse_patches(work, Some(LineChange::Uncommitted));
        patches.extend(parse_patches(log, None));
        assert_eq!(
            deletions(&patches, 8, &BodyLines(vec![(2, 5)])),
            [(2, LineChange::Uncommitted), (3, LineChange::Uncommitted)]
        );
    }

    /// The file of `a_response_moved_down_carries_the_deletions_made_in_it`
    /// (three responses, eight lines each with the blank line after), as
    /// a commit moved the first to the end.
    const MOVED: &str = "\u{1}1700000000\n\
        @@ -1,8 +0,0 @@\n\
        -[[response]]\n\
        -id = \"alpha\"\n\
        -title = \"Alpha\"\n\
        -topic = \"x\"\n\
        -body = \"\"\"\n\
        -Hello from alpha.\n\
        -\"\"\"\n\
        -\n\
        @@ -24,0 +17,8 @@\n\
        +\n\
        +[[response]]\n\
        +id = \"alpha\"\n\
        +title = \"Alpha\"\n\
        +topic = \"x\"\n\
        +body = \"\"\"\n\
        +Hello from alpha.\n\
        +\"\"\"\n";

    #[test]
    fn a_response_moved_down_carries_the_deletions_made_in_it() {
        // Before the move, a commit deleted alpha's `owner` line, between
        // its topic (line 4) and its body (5): they are lines 21 and 22 now.
        let older = "\u{1}1600000000\n@@ -5 +4,0 @@\n-owner = \"kim\"\n";
        let mut patches = parse_patches(MOVED, None);
        patches.extend(parse_patches(older, None));
        assert_eq!(
            deletions(&patches, 24, &BodyLines::default()),
            [
                (21, LineChange::Committed(1_600_000_000)),
                (22, LineChange::Committed(1_600_000_000)),
            ],
            "the move itself deleted nothing, and the deletion moved with alpha"
        );
    }

    #[test]
    fn a_line_deleted_as_its_response_moved_is_a_deletion_where_the_response_went() {
        let moved_and_cut = MOVED
            .replace("-topic = \"x\"\n", "-topic = \"x\"\n-owner = \"kim\"\n")
            .replace("@@ -1,8 +0,0 @@", "@@ -1,9 +0,0 @@")
            .replace("@@ -24,0 +17,8 @@", "@@ -25,0 +17,8 @@");
        assert_eq!(
            deletions(
                &parse_patches(&moved_and_cut, None),
                24,
                &BodyLines::default()
            ),
            [
                (21, LineChange::Committed(1_700_000_000)),
                (22, LineChange::Committed(1_700_000_000)),
            ]
        );
    }

    #[test]
    fn only_a_whole_response_moves() {
        let one_line = |removed: &str, added: &str| {
            let patch = format!("\u{1}1\n@@ -5 +4,0 @@\n-{removed}\n@@ -12,0 +12 @@\n+{added}\n");
            moved(&parse_patches(&patch, None)[0])
        };
        // A sentence taken from one response to another is an edit of
        // both, and a deletion from the first: no move.
        assert!(
            one_line(
                "title = \"Refund on its way\"",
                "title = \"Refund on its way\""
            )
            .is_empty()
        );
        // The text of every response's body alone is no move either.
        assert!(one_line("body = \"\"\"", "body = \"\"\"").is_empty());
        assert_eq!(moved(&parse_patches(MOVED, None)[0]).len(), 7);
    }
}
