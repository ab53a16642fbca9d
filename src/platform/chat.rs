//! Chat memory: values remembered per live chat (usually the ticket id), so
//! each is asked once per chat. They are customer data, so the store keeps
//! them as little and as privately as it can:
//!
//! - Files are 0600 in 0700 directories, and [`ChatStore::tidy`] tightens
//!   the state and chats directories and every file in them that an older
//!   `canned`, a umask or a copy left looser.
//! - A chat is forgotten [`TTL_SECONDS`] after its last change, and every
//!   run that touches the store calls [`ChatStore::tidy`], which deletes
//!   every expired chat, not only the one asked for.
//! - A chat whose last change lies more than [`CLOCK_SKEW_SECONDS`] in the
//!   future (saved with a clock set ahead) cannot be aged: it counts as
//!   expired and is deleted. Clamping it to now instead would keep it alive
//!   for as long as nobody writes it back, so possibly for ever.
//! - A damaged file (not JSON, not a chat, not a regular file) is never
//!   silently deleted: it is renamed beside the chats to
//!   `NAME.damaged-UNIXTIME`, still 0600, reported as a [`Notice`], and the
//!   chat starts empty. The copy is deleted like a chat, 24 hours later.
//! - File names are lowercase and never a reserved device name, so distinct
//!   ids keep distinct files on case-insensitive and Windows file systems
//!   (see [`file_name`]).
//!
//! - A chat also remembers its customer: the language replies go out in
//!   and the customer type, each in a field of its own beside the values
//!   (a value named `customer` would collide with `customer.name`). Files
//!   written before those fields existed load as chats without them.
//!
//! Every change to the directory (save, close, deleting, setting aside) is
//! made under the store's lock after reading the file again, so a chat
//! another process has just saved is never deleted as expired.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::rules;
use crate::domain::text::sanitize;
use crate::error::Error;
use crate::platform::fs;

/// How long a chat is remembered after its last change.
pub const TTL_SECONDS: u64 = 24 * 3600;

/// How long the store's lock is waited for: another canned holds it for a
/// read and a write, milliseconds.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(5);

/// How far in the future a chat's last change may lie (clocks of two
/// processes, or of a machine and its NTP server, disagree a little)
/// before the chat cannot be trusted and counts as expired.
pub const CLOCK_SKEW_SECONDS: u64 = 5 * 60;

/// What a damaged chat file is renamed to: `NAME.damaged-UNIXTIME`.
const DAMAGED: &str = ".damaged-";

/// One chat's remembered values, and its customer's language and type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chat {
    pub id: String,
    /// Unix seconds of the last change.
    pub updated: u64,
    /// The language replies in this chat go out in ([`rules::lang`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The customer's type ([`rules::chat_customer`]), `any` included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    pub values: BTreeMap<String, String>,
}

impl Chat {
    /// The value the chat gives `name`: one it remembers, else, for the
    /// ticket, its id (a chat is opened on its ticket).
    pub fn holds(&self, name: &str) -> Option<&str> {
        (self.values.get(name).map(String::as_str))
            .or((name == "ticket").then_some(self.id.as_str()))
    }

    /// Whether what the file says could have been written by [`ChatStore`]:
    /// a hand-edited language or type must not reach a file name, a
    /// template or the terminal unchecked.
    fn is_valid(&self) -> bool {
        rules::chat_id(&self.id).is_ok()
            && self.lang.as_deref().is_none_or(rules::is_lang)
            && self
                .customer
                .as_deref()
                .is_none_or(|c| rules::chat_customer(c, None).is_ok())
    }
}

/// Something the store did, or could not do, on its own, which the agent
/// must hear about (as a warning).
#[derive(Debug)]
pub enum Notice {
    /// A damaged chat file was renamed out of the way.
    SetAside {
        file: PathBuf,
        kept: PathBuf,
        reason: &'static str,
    },
    /// Tidying failed: what was being done, and why it failed.
    Failed { what: String, error: std::io::Error },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::SetAside { file, kept, reason } => write!(
                f,
                "damaged chat file {}: {reason}; kept aside as {} for {} hours, and the chat starts empty",
                shown(file),
                shown(kept),
                TTL_SECONDS / 3600
            ),
            Notice::Failed { what, error } => write!(f, "{what}: {error}"),
        }
    }
}

/// A path for the terminal: a file someone dropped into the directory may
/// have any name.
fn shown(path: &Path) -> String {
    sanitize(&path.display().to_string())
}

/// The file a chat lives in.
///
/// Ids are letters, digits, `.`, `_` and `-` ([`rules::chat_id`]), but
/// file systems that ignore case (macOS, Windows) take `ABC` and `abc` for
/// one file, and Windows refuses `con`, `nul`, `com1`… with any extension.
/// So each uppercase letter is written `+` and the letter in lowercase, and
/// a name whose part before the first dot is a reserved device name gets a
/// leading `@`: `4821` → `4821.json`, `ABC` → `+a+b+c.json`, `con` →
/// `@con.json`, `Con` → `+con.json`. Neither `+` nor `@` can be in an id,
/// so two ids never share a name, and ids without uppercase letters keep
/// the name they always had.
pub fn file_name(id: &str) -> String {
    let mut name = String::with_capacity(id.len() + 8);
    for c in id.chars() {
        if c.is_ascii_uppercase() {
            name.push('+');
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    if rules::is_device_name(&name) {
        name.insert(0, '@');
    }
    name.push_str(".json");
    name
}

/// The chat id a file name stands for, if it is the name [`file_name`]
/// gives that id.
pub fn id_of(name: &str) -> Option<String> {
    let stem = name.strip_suffix(".json")?;
    let stem = stem.strip_prefix('@').unwrap_or(stem);
    let mut id = String::with_capacity(stem.len());
    let mut chars = stem.chars();
    while let Some(c) = chars.next() {
        if c == '+' {
            id.push(chars.next()?.to_ascii_uppercase());
        } else {
            id.push(c);
        }
    }
    (rules::chat_id(&id).is_ok() && file_name(&id) == name).then_some(id)
}

/// Whether something last changed at `stamp` is still remembered at `now`:
/// less than a day old, and not from the future.
fn is_current(stamp: u64, now: u64) -> bool {
    stamp <= now.saturating_add(CLOCK_SKEW_SECONDS) && now.saturating_sub(stamp) < TTL_SECONDS
}

/// A damaged copy's name: the name of the file it was, and when it was set
/// aside (`4821.json.damaged-1795000000`, or `…-1` when that was taken).
fn damaged_copy(name: &str) -> Option<(&str, u64)> {
    let (file, rest) = name.rsplit_once(DAMAGED)?;
    let (stamp, n) = rest.split_once('-').unwrap_or((rest, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !file.ends_with(".json") || !digits(stamp) || !digits(n) {
        return None;
    }
    Some((file, stamp.parse().ok()?))
}

/// What a chat file holds.
enum Read {
    Missing,
    Fresh(Chat),
    Expired,
    Damaged(&'static str),
    Unreadable(std::io::Error),
}

fn read(path: &Path, now: u64) -> Read {
    let missing_or = |e: std::io::Error| {
        // A directory on the way that is a file holds no chat either.
        if matches!(
            e.kind(),
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
        ) {
            Read::Missing
        } else {
            Read::Unreadable(e)
        }
    };
    // Never follow a link, nor open a FIFO (it would block).
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => return Read::Damaged("not a regular file"),
        Ok(_) => {}
        Err(e) => return missing_or(e),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return missing_or(e),
    };
    let mut chat = match serde_json::from_slice::<Chat>(&bytes) {
        Ok(chat) if chat.is_valid() => chat,
        Ok(_) => return Read::Damaged("not the shape of a chat"),
        Err(e) if e.classify() == serde_json::error::Category::Data => {
            return Read::Damaged("not the shape of a chat");
        }
        Err(_) => return Read::Damaged("not valid JSON"),
    };
    // Older versions kept blank values: no value (`values::clean`), they
    // were listed as `name=` and hid nothing.
    chat.values.retain(|_, v| !v.trim().is_empty());
    if is_current(chat.updated, now) {
        Read::Fresh(chat)
    } else {
        Read::Expired
    }
}

/// What tidying must do with one file of the chats directory.
enum Verdict {
    Keep,
    Delete,
    SetAside(&'static str),
    /// A current chat in a file not named [`file_name`] of its id (written
    /// by an older `canned`, or renamed by hand).
    Move(Chat),
}

fn verdict(path: &Path, name: &str, now: u64) -> Verdict {
    if let Some((_, stamp)) = damaged_copy(name) {
        return if is_current(stamp, now) {
            Verdict::Keep
        } else {
            Verdict::Delete
        };
    }
    // A temporary file (`.NAME.json.PID.N.tmp`) a writer left when it
    // died holds the customer's values as a chat does: deleted as a chat
    // is, a day after it was written (the next write of that chat removes
    // it sooner, once its writer is gone).
    if name.starts_with('.') && name.ends_with(".tmp") {
        let written = std::fs::symlink_metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
        return match written {
            // Never one from the future: a live writer's, under a clock
            // set back.
            Some(at) if now.saturating_sub(at.as_secs()) >= TTL_SECONDS => Verdict::Delete,
            _ => Verdict::Keep,
        };
    }
    // The lock is not a chat.
    if name.starts_with('.') || !name.ends_with(".json") {
        return Verdict::Keep;
    }
    match read(path, now) {
        Read::Missing | Read::Unreadable(_) => Verdict::Keep,
        Read::Expired => Verdict::Delete,
        Read::Damaged(reason) => Verdict::SetAside(reason),
        Read::Fresh(chat) if file_name(&chat.id) == name => Verdict::Keep,
        Read::Fresh(chat) => Verdict::Move(chat),
    }
}

/// Removes the group's and others' permissions from `path` (see
/// [`fs::make_private`]), so customer data is the user's alone.
fn make_private(path: &Path, notices: &mut Vec<Notice>) {
    if let Err(error) = fs::make_private(path) {
        notices.push(Notice::Failed {
            what: format!("could not make {} private", shown(path)),
            error,
        });
    }
}

/// The directory of chats.
pub struct ChatStore {
    state: PathBuf,
    dir: PathBuf,
}

impl ChatStore {
    pub fn new(state_dir: &Path) -> ChatStore {
        ChatStore {
            state: state_dir.to_path_buf(),
            dir: state_dir.join("chats"),
        }
    }

    /// The chats directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(file_name(id))
    }

    /// Holds the store's lock for a read-modify-write, so two `canned`
    /// processes saving to one chat never lose each other's values.
    /// A lock file that is a named pipe is not waited on, nor one that is
    /// no regular file taken: either is said.
    fn lock(&self) -> std::io::Result<File> {
        self.lock_within(LOCK_PATIENCE)
    }

    fn lock_within(&self, patience: std::time::Duration) -> std::io::Result<File> {
        fs::create_private_dir(&self.dir)?;
        let path = self.dir.join(".lock");
        let not_a_file = || {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "its lock file, .lock, is not a regular file",
            )
        };
        if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
            return Err(not_a_file());
        }
        let mut opts = OpenOptions::new();
        opts.write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        // Without blocking, should a pipe appear between the look and the
        // open.
        let f = fs::without_blocking(&mut opts)
            .open(&path)
            .and_then(fs::regular)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidInput => not_a_file(),
                _ => e,
            })?;
        // Another canned holds it for the moment of a read and a write; a
        // lock held longer is some other program's, and waited on without
        // end it would hang the reply (whose chat is then not saved, said).
        let deadline = std::time::Instant::now() + patience;
        loop {
            match f.try_lock() {
                Ok(()) => return Ok(f),
                Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::WouldBlock,
                        format!(
                            "another program has held its lock, .lock, for {} s",
                            patience.as_secs_f32()
                        ),
                    ));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
        }
    }

    /// What every run that touches the store does first: makes the
    /// directories and files private, deletes expired chats (and damaged
    /// copies a day old), sets damaged files aside, and moves chats in files
    /// of an older naming to their name. The lock is taken only when there
    /// is something to change, so a read-only store can still be read.
    pub fn tidy(&self, now: u64) -> Vec<Notice> {
        let mut notices = Vec::new();
        make_private(&self.state, &mut notices);
        make_private(&self.dir, &mut notices);
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return notices;
        };
        let mut todo = Vec::new();
        for e in entries.filter_map(Result::ok) {
            let path = e.path();
            make_private(&path, &mut notices);
            let Ok(name) = e.file_name().into_string() else {
                continue;
            };
            if !matches!(verdict(&path, &name, now), Verdict::Keep) {
                todo.push((path, name));
            }
        }
        if todo.is_empty() {
            return notices;
        }
        let _lock = match self.lock() {
            Ok(lock) => lock,
            Err(error) => {
                notices.push(Notice::Failed {
                    what: format!(
                        "could not delete expired or damaged chats in {}",
                        shown(&self.dir)
                    ),
                    error,
                });
                return notices;
            }
        };
        todo.sort();
        for (path, name) in todo {
            match self.settle(&path, &name, now) {
                Ok(Some(notice)) | Err(notice) => notices.push(notice),
                Ok(None) => {}
            }
        }
        notices
    }

    /// Does what [`verdict`] says for one file, under the lock: the file is
    /// read again, since another process may have saved it meanwhile.
    fn settle(&self, path: &Path, name: &str, now: u64) -> Result<Option<Notice>, Notice> {
        let failed = |what: String| move |error: std::io::Error| Notice::Failed { what, error };
        match verdict(path, name, now) {
            Verdict::Keep => Ok(None),
            Verdict::Delete => remove(path)
                .or_else(|e| match e.kind() {
                    std::io::ErrorKind::NotFound => Ok(()),
                    _ => Err(e),
                })
                .map(|()| None)
                .map_err(failed(format!(
                    "could not delete the expired chat file {}",
                    shown(path)
                ))),
            Verdict::SetAside(reason) => self
                .set_aside(path, name, now)
                .map(|kept| {
                    Some(Notice::SetAside {
                        file: path.to_path_buf(),
                        kept,
                        reason,
                    })
                })
                .map_err(failed(format!(
                    "damaged chat file {}: {reason}; could not keep it aside",
                    shown(path)
                ))),
            Verdict::Move(chat) => {
                let target = self.path(&chat.id);
                let mut notice = None;
                let moving = failed(format!(
                    "could not move the chat file {} to {}",
                    shown(path),
                    shown(&target)
                ));
                let merged = match read(&target, now) {
                    Read::Fresh(there) if there.id == chat.id => merge(chat, there),
                    // Moving that one first could go round in circles.
                    Read::Fresh(there) => {
                        let holds = format!("it holds chat {}", there.id);
                        return Err(moving(std::io::Error::other(holds)));
                    }
                    Read::Missing | Read::Expired => chat,
                    Read::Damaged(_) => {
                        notice = self.settle(&target, &file_name(&chat.id), now)?;
                        chat
                    }
                    Read::Unreadable(e) => return Err(moving(e)),
                };
                let json = serde_json::to_vec_pretty(&merged).map_err(std::io::Error::other);
                match json.and_then(|json| fs::replace_private(&target, &json)) {
                    // On a file system that ignores case, `+A.json` is `+a.json`.
                    Ok(()) if same_file(path, &target) => Ok(notice),
                    Ok(()) => std::fs::remove_file(path).map(|()| notice).map_err(moving),
                    Err(e) => Err(moving(e)),
                }
            }
        }
    }

    /// Renames a damaged file to `NAME.damaged-NOW` (0600) beside it.
    fn set_aside(&self, path: &Path, name: &str, now: u64) -> std::io::Result<PathBuf> {
        let mut kept = self.dir.join(format!("{name}{DAMAGED}{now}"));
        let mut n = 1;
        while std::fs::symlink_metadata(&kept).is_ok() {
            kept = self.dir.join(format!("{name}{DAMAGED}{now}-{n}"));
            n += 1;
        }
        let mut ignored = Vec::new();
        make_private(path, &mut ignored);
        std::fs::rename(path, &kept)?;
        Ok(kept)
    }

    /// The chat's values, or an empty chat when it is unknown, expired or
    /// damaged ([`ChatStore::tidy`] deals with those files).
    pub fn load(&self, id: &str, now: u64) -> Result<Chat, String> {
        let path = self.path(id);
        match read(&path, now) {
            Read::Fresh(chat) if chat.id == id => Ok(chat),
            // Unreadable (its permissions changed): not empty, not to be
            // mistaken for empty either.
            Read::Unreadable(e) => Err(format!("cannot read chat file {}: {e}", shown(&path))),
            _ => Ok(Chat {
                id: id.to_string(),
                ..Chat::default()
            }),
        }
    }

    /// Adds `values` to the chat and saves it (see [`ChatStore::update`]).
    pub fn save(
        &self,
        id: &str,
        values: &BTreeMap<String, String>,
        now: u64,
    ) -> Result<(Chat, Vec<Notice>), Error> {
        self.update(id, now, |chat| {
            chat.values
                .extend(values.iter().map(|(k, v)| (k.clone(), v.clone())));
        })
    }

    /// Changes the chat with `change` and saves it, atomically and under
    /// the lock, after reading it again (so a value another process has
    /// just saved is kept). A damaged file in the way is set aside first
    /// (the notice says so), never overwritten. An error names the chat's
    /// file, or the folder when the folder or its lock is at fault.
    pub fn update(
        &self,
        id: &str,
        now: u64,
        change: impl FnOnce(&mut Chat),
    ) -> Result<(Chat, Vec<Notice>), Error> {
        let in_dir = |e| Error::io(&self.dir, e);
        let _lock = self.lock().map_err(in_dir)?;
        let path = self.path(id);
        let in_file = |e| Error::io(&path, e);
        let notices: Vec<Notice> = self
            .settle(&path, &file_name(id), now)
            .map_err(|n| in_dir(std::io::Error::other(n.to_string())))?
            .into_iter()
            .collect();
        let mut chat = match read(&path, now) {
            Read::Fresh(chat) if chat.id == id => chat,
            Read::Unreadable(e) => return Err(in_file(e)),
            _ => Chat {
                id: id.to_string(),
                ..Chat::default()
            },
        };
        change(&mut chat);
        chat.updated = now;
        // A chat that remembers nothing is no open chat: not kept, so
        // that `chat`, `chat ID` and `--close` say the same of it.
        if chat.values.is_empty() && chat.lang.is_none() && chat.customer.is_none() {
            if std::fs::symlink_metadata(&path).is_ok() {
                remove(&path).map_err(in_file)?;
            }
            return Ok((chat, notices));
        }
        let json =
            serde_json::to_vec_pretty(&chat).map_err(|e| in_file(std::io::Error::other(e)))?;
        fs::replace_private(&path, &json).map_err(in_file)?;
        Ok((chat, notices))
    }

    /// Forgets a chat, and any damaged copy of its file; returns whether
    /// the chat existed.
    pub fn close(&self, id: &str) -> std::io::Result<bool> {
        if !self.dir.exists() {
            return Ok(false);
        }
        let _lock = self.lock()?;
        let name = file_name(id);
        for e in std::fs::read_dir(&self.dir)?.filter_map(Result::ok) {
            let copy = e.file_name().into_string().unwrap_or_default();
            if damaged_copy(&copy).is_some_and(|(file, _)| file == name) {
                remove(&e.path())?;
            }
        }
        match std::fs::remove_file(self.dir.join(name)) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The chats folder's entries; `None` when no chat was ever kept (none
    /// open), and what to say when a file stands where the folder should
    /// be, or the folder cannot be read: never to be taken for no chats.
    fn entries(&self) -> Result<Option<std::fs::ReadDir>, String> {
        match std::fs::read_dir(&self.dir) {
            Ok(entries) => Ok(Some(entries)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!(
                "cannot read the chats folder {}: {e}",
                shown(&self.dir)
            )),
        }
    }

    /// What to say when the chats folder cannot be read (see
    /// [`ChatStore::list`]): a chat not found there may be in it.
    pub fn unreadable(&self) -> Option<String> {
        self.entries().err()
    }

    /// The open chats, most recent first, and a line for each chat file
    /// that cannot be read (not to be taken for no chat).
    pub fn list(&self, now: u64) -> (Vec<Chat>, Vec<String>) {
        let entries = match self.entries() {
            Ok(Some(entries)) => entries,
            Ok(None) => return (Vec::new(), Vec::new()),
            Err(said) => return (Vec::new(), vec![said]),
        };
        let mut chats = Vec::new();
        let mut unreadable = Vec::new();
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(id) = id_of(&name) else {
                continue;
            };
            match read(&e.path(), now) {
                Read::Fresh(chat) if chat.id == id => chats.push(chat),
                Read::Unreadable(err) => {
                    unreadable.push(format!("cannot read chat file {}: {err}", shown(&e.path())))
                }
                _ => {}
            }
        }
        chats.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.id.cmp(&b.id)));
        unreadable.sort();
        (chats, unreadable)
    }
}

/// Removes a file, or a damaged copy that was a directory (links are
/// removed, never followed).
fn remove(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        _ => std::fs::remove_file(path),
    }
}

/// Whether two paths name one file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => fs::change_stamp(&a) == fs::change_stamp(&b),
        _ => false,
    }
}

/// One chat found in two files: the values, language and type of the later
/// one win, and the merged chat is as recent as the later.
fn merge(a: Chat, b: Chat) -> Chat {
    let (mut older, newer) = if a.updated <= b.updated {
        (a, b)
    } else {
        (b, a)
    };
    older.values.extend(newer.values);
    older.lang = newer.lang.or(older.lang);
    older.customer = newer.customer.or(older.customer);
    older.updated = newer.updated;
    older
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_795_000_000;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n != ".lock")
            .collect();
        names.sort();
        names
    }

    fn chat_json(id: &str, updated: u64, pairs: &[(&str, &str)]) -> String {
        serde_json::to_string(&Chat {
            id: id.into(),
            updated,
            values: values(pairs),
            ..Chat::default()
        })
        .unwrap()
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
        let chat = store.load("4821", 1002).unwrap();
        assert_eq!(chat.values, values(&[("name", "Sarah"), ("order", "1245")]));
        assert!(store.load("other", 1002).unwrap().values.is_empty());
    }

    /// Older versions kept blank values, which `canned chat` then listed
    /// (`name=`) though they give no reply anything.
    #[test]
    fn a_blank_value_an_older_version_kept_is_no_value() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        std::fs::create_dir_all(store.dir()).unwrap();
        std::fs::write(
            store.dir().join(file_name("7")),
            chat_json(
                "7",
                1000,
                &[("name", "Sarah"), ("agent", ""), ("order", "  ")],
            ),
        )
        .unwrap();
        assert_eq!(
            store.load("7", 1001).unwrap().values,
            values(&[("name", "Sarah")])
        );
    }

    #[test]
    fn forgets_a_chat_after_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        store
            .save("1", &values(&[("name", "Sarah")]), 1000)
            .unwrap();
        assert!(
            store
                .load("1", 1000 + TTL_SECONDS)
                .unwrap()
                .values
                .is_empty()
        );
        assert!(store.list(1000 + TTL_SECONDS).0.is_empty());
    }

    #[test]
    fn tidy_deletes_every_expired_chat_and_keeps_the_current_ones() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        store.save("old", &values(&[("a", "1")]), NOW).unwrap();
        store.save("Old", &values(&[("a", "1")]), NOW).unwrap();
        store
            .save("new", &values(&[("a", "1")]), NOW + 3600)
            .unwrap();
        let notices = store.tidy(NOW + TTL_SECONDS);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(names(store.dir()), ["new.json"]);
    }

    /// A dead writer's temporary file holds a customer's values: it goes a
    /// day after it was written, as its chat would; a fresh one stays.
    #[test]
    fn a_temporary_file_left_by_a_dead_writer_goes_after_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        store.save("new", &values(&[("a", "1")]), NOW).unwrap();
        std::fs::write(store.dir().join(".4242.json.92.0.tmp"), "{\"a\": \"1\"}").unwrap();
        let written = std::fs::metadata(store.dir().join(".4242.json.92.0.tmp"))
            .unwrap()
            .modified()
            .unwrap()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        assert!(store.tidy(written + TTL_SECONDS - 1).is_empty());
        assert!(names(store.dir()).contains(&".4242.json.92.0.tmp".to_string()));
        assert!(store.tidy(written + TTL_SECONDS).is_empty());
        assert!(!names(store.dir()).contains(&".4242.json.92.0.tmp".to_string()));
    }

    /// Another program holding the store's lock is waited for a while,
    /// not for ever: the reply goes out, its chat not saved, said.
    #[test]
    fn a_lock_held_by_another_program_is_given_up_on() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        let held = store.lock().unwrap();
        let patience = std::time::Duration::from_millis(100);
        let e = store.lock_within(patience).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::WouldBlock);
        assert_eq!(
            e.to_string(),
            "another program has held its lock, .lock, for 0.1 s"
        );
        drop(held);
        assert!(store.lock_within(patience).is_ok());
    }

    #[test]
    fn a_chat_saved_with_a_clock_ahead_counts_as_expired() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        let ahead = NOW + CLOCK_SKEW_SECONDS + 1;
        store.save("ahead", &values(&[("a", "1")]), ahead).unwrap();
        // A little ahead is ordinary clock skew between processes.
        let skewed = NOW + CLOCK_SKEW_SECONDS;
        store
            .save("skewed", &values(&[("a", "1")]), skewed)
            .unwrap();
        assert!(store.load("ahead", NOW).unwrap().values.is_empty());
        assert_eq!(
            store.load("skewed", NOW).unwrap().values,
            values(&[("a", "1")])
        );
        assert!(store.tidy(NOW).is_empty());
        assert_eq!(names(store.dir()), ["skewed.json"]);
        // Saving again starts it afresh rather than merging what it held.
        store.save("ahead", &values(&[("b", "2")]), ahead).unwrap();
        store.save("ahead", &values(&[("c", "3")]), NOW).unwrap();
        assert_eq!(
            store.load("ahead", NOW).unwrap().values,
            values(&[("c", "3")])
        );
    }

    #[test]
    fn a_damaged_file_is_set_aside_privately_and_the_chat_starts_empty() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        std::fs::create_dir_all(store.dir()).unwrap();
        let cases = [
            ("1", "{\"id\": \"1\", \"upd", "not valid JSON"),
            ("2", "", "not valid JSON"),
            (
                "3",
                "{\"id\": \"3\", \"values\": 7}",
                "not the shape of a chat",
            ),
            ("4", "[1, 2]", "not the shape of a chat"),
            ("5", &chat_json("../5", NOW, &[]), "not the shape of a chat"),
        ];
        for (id, text, _) in cases {
            std::fs::write(store.dir().join(format!("{id}.json")), text).unwrap();
        }
        std::fs::create_dir(store.dir().join("6.json")).unwrap();
        assert!(store.load("1", NOW).unwrap().values.is_empty());
        let notices: Vec<String> = store.tidy(NOW).iter().map(|n| n.to_string()).collect();
        let d = store.dir().display();
        let mut expected: Vec<String> = cases
            .iter()
            .map(|(id, _, reason)| {
                format!(
                    "damaged chat file {d}/{id}.json: {reason}; kept aside as \
                     {d}/{id}.json.damaged-{NOW} for 24 hours, and the chat starts empty"
                )
            })
            .collect();
        expected.push(format!(
            "damaged chat file {d}/6.json: not a regular file; kept aside as \
             {d}/6.json.damaged-{NOW} for 24 hours, and the chat starts empty"
        ));
        assert_eq!(notices, expected);
        for (id, text, _) in cases {
            let kept = store.dir().join(format!("{id}.json.damaged-{NOW}"));
            assert_eq!(std::fs::read_to_string(kept).unwrap(), text);
        }
        // Kept aside once, not again on the next run, then gone after a day.
        assert!(store.tidy(NOW + 1).is_empty());
        assert_eq!(names(store.dir()).len(), 6);
        assert!(store.tidy(NOW + TTL_SECONDS).is_empty());
        assert!(names(store.dir()).is_empty());
    }

    #[test]
    fn saving_over_a_damaged_file_sets_it_aside_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        std::fs::create_dir_all(store.dir()).unwrap();
        std::fs::write(store.dir().join("9.json"), "garbage").unwrap();
        std::fs::write(store.dir().join(format!("9.json.damaged-{NOW}")), "x").unwrap();
        let (chat, notices) = store.save("9", &values(&[("a", "1")]), NOW).unwrap();
        assert_eq!(chat.values, values(&[("a", "1")]));
        assert_eq!(notices.len(), 1);
        let kept = store.dir().join(format!("9.json.damaged-{NOW}-1"));
        assert_eq!(std::fs::read_to_string(kept).unwrap(), "garbage");
        // Closing the chat forgets its damaged copies too, and only them.
        std::fs::write(store.dir().join(format!("90.json.damaged-{NOW}")), "y").unwrap();
        store
            .save("9.json.damaged-1", &values(&[("a", "1")]), NOW)
            .unwrap();
        assert!(store.close("9").unwrap());
        assert_eq!(
            names(store.dir()),
            [
                "9.json.damaged-1.json".to_string(),
                format!("90.json.damaged-{NOW}")
            ]
        );
    }

    #[test]
    fn file_names_keep_ids_apart_on_case_insensitive_and_windows_file_systems() {
        for (id, name) in [
            ("4821", "4821.json"),
            ("abc", "abc.json"),
            ("ABC", "+a+b+c.json"),
            ("aBc", "a+bc.json"),
            ("con", "@con.json"),
            ("CON", "+c+o+n.json"),
            ("Con", "+con.json"),
            ("nul.txt", "@nul.txt.json"),
            ("com1", "@com1.json"),
            ("lpt9", "@lpt9.json"),
            ("com10", "com10.json"),
            ("console", "console.json"),
            ("a.con", "a.con.json"),
            ("T-1_x.y", "+t-1_x.y.json"),
        ] {
            assert_eq!(file_name(id), name, "{id}");
            assert_eq!(id_of(name).as_deref(), Some(id), "{name}");
        }
    }

    #[test]
    fn only_the_name_an_id_is_given_stands_for_it() {
        for name in [
            "ABC.json",
            "+1.json",
            "+.json",
            "a+.json",
            "@abc.json",
            "con.json",
            "@+con.json",
            ".lock",
            "4821",
            "4821.json.damaged-1795000000",
            ".4821.json.12.0.tmp",
        ] {
            assert_eq!(id_of(name), None, "{name}");
        }
    }

    #[test]
    fn damaged_copies_are_told_from_chats_named_like_them() {
        assert_eq!(damaged_copy("4.json.damaged-17"), Some(("4.json", 17)));
        assert_eq!(damaged_copy("4.json.damaged-17-2"), Some(("4.json", 17)));
        for name in [
            "x.damaged-5.json",
            "a.json.damaged-1-2.json",
            "a.json.damaged-",
            "a.damaged-5",
        ] {
            assert_eq!(damaged_copy(name), None, "{name}");
        }
    }

    #[test]
    fn chats_in_files_of_the_old_naming_move_to_their_name() {
        let dir = tempfile::tempdir().unwrap();
        let store = ChatStore::new(dir.path());
        std::fs::create_dir_all(store.dir()).unwrap();
        // Before names were encoded, `ABC` lived in `ABC.json`.
        let old = chat_json("ABC", NOW - 10, &[("name", "Old"), ("order", "1")]);
        std::fs::write(store.dir().join("ABC.json"), old).unwrap();
        std::fs::write(store.dir().join("Xy.json"), chat_json("Xy", NOW, &[])).unwrap();
        store.save("ABC", &values(&[("name", "New")]), NOW).unwrap();
        assert!(store.tidy(NOW).is_empty());
        assert_eq!(names(store.dir()), ["+a+b+c.json", "+xy.json"]);
        assert_eq!(
            store.load("ABC", NOW).unwrap().values,
            values(&[("name", "New"), ("order", "1")])
        );
        let ids: Vec<String> = store.list(NOW).0.into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["ABC", "Xy"]);
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

    #[cfg(unix)]
    #[test]
    fn tidy_makes_directories_and_files_made_before_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("canned");
        let store = ChatStore::new(&state);
        std::fs::create_dir_all(store.dir()).unwrap();
        let set = |p: &Path, mode| {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
        };
        let file = store.dir().join("1.json");
        std::fs::write(&file, chat_json("1", NOW, &[("a", "1")])).unwrap();
        let lock = store.dir().join(".lock");
        std::fs::write(&lock, "").unwrap();
        let bad = store.dir().join("2.json");
        std::fs::write(&bad, "not json").unwrap();
        set(&file, 0o644);
        set(&lock, 0o666);
        set(&bad, 0o604);
        set(store.dir(), 0o755);
        set(&state, 0o777);
        assert_eq!(store.tidy(NOW).len(), 1);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&state), 0o700);
        assert_eq!(mode(store.dir()), 0o700);
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&lock), 0o600);
        assert_eq!(
            mode(&store.dir().join(format!("2.json.damaged-{NOW}"))),
            0o600
        );
        assert_eq!(store.load("1", NOW).unwrap().values, values(&[("a", "1")]));
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn distinct_ids_never_share_a_name_whatever_the_case(
                a in "[A-Za-z0-9_-][A-Za-z0-9._-]{0,20}",
                b in "[A-Za-z0-9_-][A-Za-z0-9._-]{0,20}",
            ) {
                let (na, nb) = (file_name(&a), file_name(&b));
                prop_assert_eq!(id_of(&na), Some(a.clone()));
                prop_assert!(!na.bytes().any(|c| c.is_ascii_uppercase()));
                prop_assert!(!rules::is_device_name(na.trim_start_matches('@')) || na.starts_with('@'));
                prop_assert!(!rules::is_device_name(&na));
                if a != b {
                    prop_assert_ne!(na.to_lowercase(), nb.to_lowercase());
                }
            }
        }
    }
}
