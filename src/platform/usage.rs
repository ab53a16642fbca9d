//! The usage log file: one line per response used (`UNIX-SECONDS<TAB>ID<TAB>LANG`),
//! appended by every `use`. Search breaks ties with it; audit reports it.
//! Read whole by every search, it is compacted once it holds many old lines
//! (see `domain::usage::compact`), so it stays small however long it is kept.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::domain::usage::{self, COMPACT_AFTER, Usage};
use crate::platform::clock::unix_seconds;
use crate::platform::fs;

/// The log file, in the XDG data directory.
pub struct UsageLog {
    path: PathBuf,
}

impl UsageLog {
    pub fn new(data_dir: &Path) -> UsageLog {
        UsageLog {
            path: data_dir.join("usage.log"),
        }
    }

    /// Appends one line. The line goes out in a single `write` on a file
    /// opened for appending, under an exclusive lock, so concurrent `canned`
    /// processes never interleave or lose lines.
    pub fn record(&self, at: SystemTime, id: &str, lang: &str) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_private_dir(dir)?;
        let file = self.open()?;
        // Made before canned kept it private, or by hand: it says which
        // replies this agent sends, the agent's alone.
        fs::make_private(dir)?;
        fs::make_private(&self.path)?;
        let line = format!("{}\t{id}\t{lang}\n", unix_seconds(at));
        self.append(file, &line)
    }

    fn open(&self) -> std::io::Result<File> {
        let mut opts = OpenOptions::new();
        opts.append(true).create(true).read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        fs::regular(fs::without_blocking(&mut opts).open(&self.path)?)
    }

    /// Appends `line` to `file` (opened by [`Self::open`]) once it holds
    /// the lock. A compaction may have replaced the log between the open
    /// and the lock: a line written then would go to the old, unlinked
    /// file and be lost, so the new file is opened and locked instead.
    fn append(&self, mut file: File, line: &str) -> std::io::Result<()> {
        loop {
            file.lock()?;
            if fs::is_same_file(&file, &self.path) {
                // A log left without its last line end (a short write on a
                // full disk, a hand edit) would glue this line to that one.
                let glued = !ends_a_line(&mut file)?;
                let line = if glued {
                    format!("\n{line}")
                } else {
                    line.to_string()
                };
                return file.write_all(line.as_bytes());
            }
            file = self.open()?;
        }
    }

    /// Reads the log; a missing log is an empty one. A log with many old
    /// lines is compacted on the way, for the next reader's sake; a log
    /// that cannot be compacted is still read.
    pub fn read(&self, now: SystemTime) -> Usage {
        let text = match fs::read_regular(&self.path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => return Usage::default(),
        };
        let usage = Usage::parse(&text, unix_seconds(now));
        if fs::CAN_TELL_SAME_FILE && usage.foldable(unix_seconds(now)) >= COMPACT_AFTER {
            let _ = self.compact(now);
        }
        usage
    }

    /// Rewrites the log compacted, under the lock every append takes, so
    /// no line appended meanwhile is lost: appends wait, then see the new
    /// file (see [`Self::append`]).
    fn compact(&self, now: SystemTime) -> std::io::Result<()> {
        let mut file = fs::open_regular(&self.path)?;
        loop {
            file.lock()?;
            if fs::is_same_file(&file, &self.path) {
                break;
            }
            file = fs::open_regular(&self.path)?;
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        let text = usage::compact(&String::from_utf8_lossy(&bytes), unix_seconds(now));
        fs::crash_point("usage-compacted");
        // The lock is held on the old file until after the rename.
        fs::replace_private(&self.path, text.as_bytes())
    }
}

/// Whether `file` is empty or ends with a line end.
fn ends_a_line(file: &mut File) -> std::io::Result<bool> {
    use std::io::{Seek, SeekFrom};
    if file.metadata()?.len() == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    const DAY: u64 = 86_400;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    /// A log of `old` uses of `a` two years before `now`, one recent use of `b`.
    fn long_log(dir: &Path, old: usize, now: u64) -> UsageLog {
        let log = UsageLog::new(&dir.join("data"));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        let mut text = String::new();
        for i in 0..old as u64 {
            text += &format!("{}\ta\ten\n", now - 730 * DAY + i);
        }
        text += &format!("{}\tb\ten\n", now - DAY);
        std::fs::write(&log.path, text).unwrap();
        log
    }

    #[test]
    fn a_line_is_never_glued_to_a_log_left_without_its_line_end() {
        let dir = tempfile::tempdir().unwrap();
        let log = UsageLog::new(&dir.path().join("data"));
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::write(&log.path, "100\ta\ten\n179653").unwrap();
        log.record(at(200), "b", "fr").unwrap();
        log.record(at(300), "b", "fr").unwrap();
        assert_eq!(
            std::fs::read_to_string(&log.path).unwrap(),
            "100\ta\ten\n179653\n200\tb\tfr\n300\tb\tfr\n"
        );
        let read = log.read(at(400));
        assert_eq!((read.uses_since("a", 0), read.uses_since("b", 0)), (1, 2));
    }

    #[cfg(unix)]
    #[test]
    fn a_log_made_readable_to_others_is_made_private_again() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let log = UsageLog::new(&data);
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(&log.path, "").unwrap();
        let set = |p: &Path, m| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m));
        set(&data, 0o755).unwrap();
        set(&log.path, 0o644).unwrap();
        log.record(at(1), "a", "en").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!((mode(&data), mode(&log.path)), (0o700, 0o600));
    }

    #[test]
    fn appended_lines_are_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let log = UsageLog::new(&dir.path().join("data"));
        log.record(UNIX_EPOCH, "a", "en").unwrap();
        log.record(UNIX_EPOCH, "a", "fr").unwrap();
        assert_eq!(log.read(UNIX_EPOCH).uses_since("a", 0), 2);
    }

    #[test]
    fn a_read_compacts_a_log_with_many_old_lines_and_keeps_its_counts() {
        let dir = tempfile::tempdir().unwrap();
        let now = 1_000 * DAY;
        let log = long_log(dir.path(), COMPACT_AFTER, now);
        let first = log.read(at(now));
        assert_eq!(
            (first.uses_since("a", 0), first.uses_since("b", 0)),
            (COMPACT_AFTER, 1)
        );
        let text = std::fs::read_to_string(&log.path).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        let second = log.read(at(now));
        assert_eq!(
            (second.uses_since("a", 0), second.uses_since("b", 0)),
            (COMPACT_AFTER, 1)
        );
        assert_eq!(second.since, first.since);
    }

    #[test]
    fn a_log_with_few_old_lines_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let now = 1_000 * DAY;
        let log = long_log(dir.path(), COMPACT_AFTER - 1, now);
        let before = std::fs::read_to_string(&log.path).unwrap();
        log.read(at(now));
        assert_eq!(std::fs::read_to_string(&log.path).unwrap(), before);
    }

    #[test]
    fn an_append_waiting_while_the_log_is_compacted_goes_to_the_new_log() {
        let dir = tempfile::tempdir().unwrap();
        let now = 1_000 * DAY;
        let log = long_log(dir.path(), COMPACT_AFTER, now);
        // A `use` has opened the log and not yet taken the lock when a
        // search compacts it: the order in which the two can interleave.
        let opened = log.open().unwrap();
        log.compact(at(now)).unwrap();
        log.append(opened, &format!("{now}\tc\ten\n")).unwrap();
        let usage = log.read(at(now));
        assert_eq!(usage.uses_since("c", 0), 1, "the append was lost");
        assert_eq!(usage.uses_since("a", 0), COMPACT_AFTER);
        assert_eq!(usage.uses_since("b", 0), 1);
    }

    #[test]
    fn a_compaction_waits_for_an_append_that_holds_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let now = 1_000 * DAY;
        let log = long_log(dir.path(), COMPACT_AFTER, now);
        let holder = log.open().unwrap();
        holder.lock().unwrap();
        std::thread::scope(|s| {
            let compacting = s.spawn(|| log.compact(at(now)));
            // The compaction cannot finish while the lock is held; the line
            // written under it must be in the compacted log.
            (&holder)
                .write_all(format!("{now}\tc\ten\n").as_bytes())
                .unwrap();
            holder.unlock().unwrap();
            compacting.join().unwrap().unwrap();
        });
        let usage = log.read(at(now));
        assert_eq!(usage.uses_since("c", 0), 1, "the append was lost");
        assert_eq!(usage.uses_since("a", 0), COMPACT_AFTER);
    }
}
