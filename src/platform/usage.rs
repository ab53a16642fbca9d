//! The usage log file: one line per response used (`UNIX-SECONDS<TAB>ID<TAB>LANG`),
//! appended by every `use`. Search breaks ties with it; audit reports it.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::domain::usage::Usage;
use crate::platform::clock::unix_seconds;

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

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use super::*;

    #[test]
    fn appended_lines_are_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let log = UsageLog::new(&dir.path().join("data"));
        log.record(UNIX_EPOCH, "a", "en").unwrap();
        log.record(UNIX_EPOCH, "a", "fr").unwrap();
        assert_eq!(log.read().uses_since("a", 0), 2);
    }
}
