//! Chat memory: values remembered per live chat (usually the ticket id), so
//! each is asked once per chat. Files live in the XDG state directory,
//! readable by the user alone, and are forgotten 24 hours after last use:
//! they hold customer data.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::rules;
use crate::platform::fs;

/// How long a chat is remembered after its last change.
pub const TTL_SECONDS: u64 = 24 * 3600;

/// One chat's remembered values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chat {
    pub id: String,
    /// Unix seconds of the last change.
    pub updated: u64,
    pub values: BTreeMap<String, String>,
}

/// The directory of chats.
pub struct ChatStore {
    dir: PathBuf,
}

impl ChatStore {
    pub fn new(state_dir: &Path) -> ChatStore {
        ChatStore {
            dir: state_dir.join("chats"),
        }
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    /// Holds the store's lock for a read-modify-write, so two `canned`
    /// processes saving to one chat never lose each other's values.
    fn lock(&self) -> std::io::Result<File> {
        fs::create_private_dir(&self.dir)?;
        let mut opts = OpenOptions::new();
        opts.write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let f = opts.open(self.dir.join(".lock"))?;
        f.lock()?;
        Ok(f)
    }

    /// The chat's values, or an empty chat when it is unknown, expired or damaged.
    pub fn load(&self, id: &str, now: u64) -> Chat {
        let fresh = Chat {
            id: id.to_string(),
            ..Chat::default()
        };
        let Ok(text) = std::fs::read_to_string(self.path(id)) else {
            return fresh;
        };
        match serde_json::from_str::<Chat>(&text) {
            Ok(chat) if chat.id == id && now.saturating_sub(chat.updated) < TTL_SECONDS => chat,
            _ => fresh,
        }
    }

    /// Adds `values` to the chat and saves it, atomically and under the lock.
    pub fn save(
        &self,
        id: &str,
        values: &BTreeMap<String, String>,
        now: u64,
    ) -> std::io::Result<Chat> {
        let _lock = self.lock()?;
        let mut chat = self.load(id, now);
        chat.values
            .extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
        chat.updated = now;
        let json = serde_json::to_vec_pretty(&chat).map_err(std::io::Error::other)?;
        fs::replace_private(&self.path(id), &json)?;
        Ok(chat)
    }

    /// Forgets a chat; returns whether it existed.
    pub fn close(&self, id: &str) -> std::io::Result<bool> {
        let _lock = self.lock()?;
        match std::fs::remove_file(self.path(id)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Open chats, most recent first; expired ones are deleted on the way.
    pub fn list(&self, now: u64) -> std::io::Result<Vec<Chat>> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Ok(Vec::new());
        };
        let _lock = self.lock()?;
        let mut chats = Vec::new();
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(id) = name
                .strip_suffix(".json")
                .filter(|id| rules::chat_id(id).is_ok())
            else {
                continue;
            };
            let chat = self.load(id, now);
            if chat.updated == 0 {
                let _ = std::fs::remove_file(e.path());
            } else {
                chats.push(chat);
            }
        }
        chats.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
        Ok(chats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn remembers_values_per_chat_and_merges_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        store
            .save("4821", &values(&[("name", "Sarah")]), 1000)
            .unwrap();
        store
            .save("4821", &values(&[("order", "1245")]), 1001)
            .unwrap();
        let chat = store.load("4821", 1002);
        assert_eq!(chat.values, values(&[("name", "Sarah"), ("order", "1245")]));
        assert!(store.load("other", 1002).values.is_empty());
    }

    #[test]
    fn forgets_a_chat_after_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        store
            .save("1", &values(&[("name", "Sarah")]), 1000)
            .unwrap();
        assert!(store.load("1", 1000 + TTL_SECONDS).values.is_empty());
        assert!(store.list(1000 + TTL_SECONDS).unwrap().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn files_are_readable_by_the_user_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        store
            .save("1", &values(&[("name", "Sarah")]), 1000)
            .unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join("chats")), 0o700);
        assert_eq!(mode(&dir.path().join("chats/1.json")), 0o600);
    }
}
