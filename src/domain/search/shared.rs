//! Bytes an index shares with the buffer it was read from (a memory-mapped
//! cache file, or a vector), so reading it back copies nothing.

use std::ops::Range;
use std::sync::Arc;

/// A range of a shared byte buffer; clones share it.
#[derive(Clone)]
pub struct Shared {
    owner: Arc<dyn AsRef<[u8]> + Send + Sync>,
    range: Range<usize>,
}

impl Shared {
    pub fn new(owner: Arc<dyn AsRef<[u8]> + Send + Sync>) -> Shared {
        let len = (*owner).as_ref().len();
        Shared {
            owner,
            range: 0..len,
        }
    }

    pub fn as_slice(&self) -> &[u8] {
        (*self.owner)
            .as_ref()
            .get(self.range.clone())
            .unwrap_or_default()
    }

    /// `range` of these bytes, if it is within them.
    pub fn slice(&self, range: Range<usize>) -> Option<Shared> {
        let start = self.range.start.checked_add(range.start)?;
        let end = self.range.start.checked_add(range.end)?;
        (start <= end && end <= self.range.end).then(|| Shared {
            owner: Arc::clone(&self.owner),
            range: start..end,
        })
    }
}

impl From<Vec<u8>> for Shared {
    fn from(v: Vec<u8>) -> Shared {
        Shared::new(Arc::new(v))
    }
}

impl Default for Shared {
    fn default() -> Shared {
        Shared::from(Vec::new())
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} shared bytes", self.range.len())
    }
}
