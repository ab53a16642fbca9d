//! The reply `canned` copied last, known by its id and the fingerprint of
//! its text (never the text: it holds a customer's name), in the state
//! directory: a message read from the clipboard that is that reply is the
//! agent's own, copied and not yet replaced by the customer's next one.

use std::path::{Path, PathBuf};

use crate::platform::fs;

/// The reply copied last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastCopy {
    pub id: String,
    pub fingerprint: u64,
}

fn file(state_dir: &Path) -> PathBuf {
    state_dir.join("last-copy")
}

/// Remembers `copy`, replacing the one before; private to the user.
pub fn record(state_dir: &Path, copy: &LastCopy) -> std::io::Result<()> {
    fs::create_private_dir(state_dir)?;
    let line = format!("{:016x}\t{}\n", copy.fingerprint, copy.id);
    fs::replace_private(&file(state_dir), line.as_bytes())
}

/// The reply copied last; none when nothing was, or the file is not one
/// `record` wrote (it is only ever a hint).
pub fn read(state_dir: &Path) -> Option<LastCopy> {
    let bytes = fs::read_regular(&file(state_dir)).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let (fingerprint, id) = text.trim_end_matches('\n').split_once('\t')?;
    Some(LastCopy {
        id: id.to_string(),
        fingerprint: u64::from_str_radix(fingerprint, 16).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_copy_is_read_as_recorded_and_replaced_by_the_next() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = dir.path().join("state");
        assert_eq!(read(&state), None);
        let first = LastCopy {
            id: "greet".into(),
            fingerprint: 0x00ab_cdef,
        };
        record(&state, &first).expect("recorded");
        assert_eq!(read(&state), Some(first));
        let next = LastCopy {
            id: "refund".into(),
            fingerprint: u64::MAX,
        };
        record(&state, &next).expect("recorded");
        assert_eq!(read(&state), Some(next));
    }

    #[test]
    fn a_file_not_written_by_canned_is_no_last_copy() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("last-copy"), "hello\n").expect("written");
        assert_eq!(read(dir.path()), None);
    }
}
