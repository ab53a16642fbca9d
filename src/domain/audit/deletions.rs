//! Lines deleted from a response are a change of it too, and `git blame`
//! cannot see them: it dates the lines that are there. A response whose
//! outdated sentence was removed yesterday would be reported stale.
//!
//! Each deletion is read from the patches of a file's history (and of its
//! work tree), newest first, and carried to where it falls in the file as
//! it is now, as a change of the line it followed.

use super::LineChange;

/// One patch: the change it dates, and its hunks in order.
pub struct Patch {
    pub change: LineChange,
    pub hunks: Vec<Hunk>,
}

/// `@@ -old_start,old_len +new_start,new_len @@`, and whether the lines it
/// removed only make room (blank lines) or took a whole response away (a
/// `[[response]]` header): neither is a change of the response beside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hunk {
    pub old_start: usize,
    pub old_len: usize,
    pub new_start: usize,
    pub new_len: usize,
    pub neutral: bool,
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
    // Whether a removed line was seen in the current hunk that is not
    // blank or a response's header, and whether a header was.
    let mut content = false;
    let mut header = false;
    let close = |patches: &mut Vec<Patch>, content: bool, header: bool| {
        if let Some(h) = patches.last_mut().and_then(|p| p.hunks.last_mut()) {
            h.neutral = header || !content;
        }
    };
    for line in text.lines() {
        if let Some(time) = line.strip_prefix('\u{1}') {
            close(&mut patches, content, header);
            let time = time.trim().parse().unwrap_or(0);
            patches.push(Patch {
                change: LineChange::Committed(time),
                hunks: Vec::new(),
            });
        } else if line.starts_with("@@ ") {
            close(&mut patches, content, header);
            (content, header) = (false, false);
            if let (Some(h), Some(p)) = (hunk(line), patches.last_mut()) {
                p.hunks.push(h);
            }
        } else if let Some(removed) = line.strip_prefix('-')
            && !line.starts_with("--- ")
        {
            // `[[ response ]]` is the same header, as TOML reads it.
            let squeezed: String = removed.chars().filter(|c| !c.is_whitespace()).collect();
            header |= squeezed.starts_with("[[response]]");
            content |= !removed.trim().is_empty();
        }
    }
    close(&mut patches, content, header);
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
        neutral: false,
    })
}

/// The deletions of `patches` (newest first: the work tree's, then each
/// commit's down its first parents), each as the change of the two lines
/// of the file as it is now (`lines` long, 1-based) that the deleted lines
/// fell between: the one before is a response's `[[response]]` line when
/// its first field was deleted, and audit does not date that line (git
/// may pair it with a neighbour's). Deletions of blank lines or of whole
/// responses are left out.
pub fn deletions(patches: &[Patch], lines: usize) -> Vec<(usize, LineChange)> {
    let mut out = Vec::new();
    // `now[i]`: where line `i` of the version at hand is now (0: before
    // the first line). A line removed since is where its removal was.
    let mut now: Vec<usize> = (0..=lines).collect();
    let at = |now: &[usize], i: usize| now.get(i).or(now.last()).copied().unwrap_or(0);
    for patch in patches {
        for h in &patch.hunks {
            if h.new_len == 0 && h.old_len > 0 && !h.neutral && h.new_start > 0 {
                let line = at(&now, h.new_start);
                if line > 0 {
                    out.push((line, patch.change));
                    if line < lines {
                        out.push((line + 1, patch.change));
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
            before.extend(std::iter::repeat_n(gone, h.old_len));
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
        let h = patches[0].hunks[0];
        assert_eq!(
            (h.old_start, h.old_len, h.new_start, h.new_len, h.neutral),
            (6, 1, 5, 0, false)
        );
        assert_eq!(patches[0].hunks[1].old_len, 2);
        assert!(patches[1].hunks[1].neutral, "a whole response removed");
    }

    #[test]
    fn a_deletion_is_a_change_of_the_line_it_followed_as_the_file_is_now() {
        // The work tree removed line 2 of HEAD's 10; HEAD's commit removed a
        // line after its line 5, which is line 4 now.
        let work = "@@ -2 +1,0 @@\n-a line\n";
        let mut patches = parse_patches(work, Some(LineChange::Uncommitted));
        patches.extend(parse_patches(LOG, None));
        let found = deletions(&patches, 9);
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
        assert!(deletions(&parse_patches(log, None), 9).is_empty());
    }

    #[test]
    fn blank_lines_removed_change_nothing() {
        let patches = parse_patches("@@ -3,2 +2,0 @@\n-\n-   \n", Some(LineChange::Uncommitted));
        assert!(deletions(&patches, 8).is_empty());
    }
}
