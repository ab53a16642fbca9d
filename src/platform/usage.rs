//! The usage log: one line per response used (`UNIX-SECONDS<TAB>ID<TAB>LANG`),
//! appended by every `use`. Search breaks ties with it; audit reports it.

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::domain::model::is_valid_id;

/// The log file, in the XDG data directory.
pub struct UsageLog {
    path: PathBuf,
}

/// What the log says, damaged lines left out.
#[derive(Debug, Default)]
pub struct Usage {
    uses: HashMap<String, Vec<u64>>,
    /// The first time in the log: "never used" only means something after it.
    pub since: Option<u64>,
    pub damaged_lines: usize,
}

pub fn unix_seconds(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
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
        crate::platform::fs::create_private_dir(self.path.parent().unwrap_or(Path::new(".")))?;
        let mut opts = OpenOptions::new();
        opts.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts.open(&self.path)?;
        file.lock()?;
        let line = format!("{}\t{id}\t{lang}\n", unix_seconds(at));
        file.write_all(line.as_bytes())
    }

    /// Reads the log; a missing log is an empty one.
    pub fn read(&self) -> Usage {
        let text = match std::fs::read(&self.path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => return Usage::default(),
        };
        Usage::parse(&text)
    }
}

impl Usage {
    pub fn parse(text: &str) -> Usage {
        let mut usage = Usage::default();
        for line in text.lines().filter(|l| !l.is_empty()) {
            let mut parts = line.split('\t');
            let parsed = match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(t), Some(id), Some(lang), None) if is_valid_id(id) && !lang.is_empty() => {
                    t.parse::<u64>().ok().map(|t| (t, id))
                }
                _ => None,
            };
            match parsed {
                Some((t, id)) => {
                    usage.uses.entry(id.to_string()).or_default().push(t);
                    usage.since = Some(usage.since.map_or(t, |s| s.min(t)));
                }
                None => usage.damaged_lines += 1,
            }
        }
        usage
    }

    /// Frequency and recency in one number: each use counts for less as it
    /// ages, halving every week.
    pub fn frecency(&self, id: &str, now: u64) -> f64 {
        self.uses.get(id).map_or(0.0, |times| {
            times
                .iter()
                .map(|&t| 0.5f64.powf(now.saturating_sub(t) as f64 / (7.0 * 86_400.0)))
                .sum()
        })
    }

    /// How many times `id` was used at or after `since`.
    pub fn uses_since(&self, id: &str, since: u64) -> usize {
        self.uses
            .get(id)
            .map_or(0, |t| t.iter().filter(|&&t| t >= since).count())
    }

    pub fn total(&self) -> usize {
        self.uses.values().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_lines_are_skipped_not_fatal() {
        let u = Usage::parse("100\ta\ten\ngarbage\n\u{0}\u{1}\n200\tb\tfr\n300\tBAD ID\ten\n");
        assert_eq!(u.total(), 2);
        assert_eq!(u.damaged_lines, 3);
        assert_eq!(u.since, Some(100));
    }

    #[test]
    fn recent_uses_weigh_more_than_old_ones() {
        let week = 7 * 86_400;
        let u = Usage::parse(&format!(
            "{}\told\ten\n{}\told\ten\n{}\tnew\ten\n",
            0,
            1,
            10 * week
        ));
        let now = 10 * week;
        assert!(u.frecency("new", now) > u.frecency("old", now));
        assert_eq!(u.frecency("never", now), 0.0);
    }

    #[test]
    fn appended_lines_are_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let log = UsageLog::new(&dir.path().join("data"));
        log.record(UNIX_EPOCH, "a", "en").unwrap();
        log.record(UNIX_EPOCH, "a", "fr").unwrap();
        assert_eq!(log.read().uses_since("a", 0), 2);
    }
}
