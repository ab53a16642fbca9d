//! Atomic writes: a temporary file in the same directory, then a rename (or
//! a hard link, when the target must not exist yet). Readers see the old
//! file or the new one, never half of one.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A temporary file beside `target`, removed on drop unless persisted.
struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// What a new file takes after: the file it replaces (mode and owner), or
/// private to the user (0600).
enum Like<'a> {
    Replaced(Option<&'a std::fs::Metadata>),
    Private,
    /// Private, and not flushed to the disk before it replaces the old
    /// file (see [`replace_cache`]).
    Cache,
}

fn write_temp(target: &Path, contents: &[u8], like: Like) -> std::io::Result<TempFile> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_orphans(dir, &name);
    let mut attempt = 0u32;
    loop {
        // Hidden, so a library walk never picks it up even if a crash leaves it.
        let path = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        if let Like::Private | Like::Cache = like {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(&path) {
            Ok(mut f) => {
                let temp = TempFile { path, keep: false };
                if let Like::Replaced(Some(old)) = &like {
                    adopt(&f, old)?;
                }
                let (head, tail) = contents.split_at(contents.len() / 2);
                f.write_all(head)?;
                crash_point("mid-write");
                f.write_all(tail)?;
                if !matches!(like, Like::Cache) {
                    f.sync_all()?;
                }
                return Ok(temp);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1
            }
            Err(e) => return Err(e),
        }
    }
}

/// What changes on any write to a file and cannot be set back by hand:
/// the inode change time and the inode (unix), the creation time (Windows).
pub fn change_stamp(meta: &std::fs::Metadata) -> [u64; 3] {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        [
            u64::from_ne_bytes(meta.ctime().to_ne_bytes()),
            u64::from_ne_bytes(meta.ctime_nsec().to_ne_bytes()),
            meta.ino(),
        ]
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::MetadataExt;
        [meta.creation_time(), meta.last_write_time(), 0]
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = meta;
        [0; 3]
    }
}

/// Whether the open `file` is still the one at `path`: false once the
/// name was given to a new file (an atomic replace). Where the platform
/// cannot tell ([`CAN_TELL_SAME_FILE`]), always true: there, files others
/// hold open must not be replaced.
pub fn is_same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Whether [`is_same_file`] can tell on this platform.
pub const CAN_TELL_SAME_FILE: bool = cfg!(unix);

/// Whether a write failed because the reader went away: `EPIPE`, and on
/// Windows also "the pipe is being closed" (232) and "no process is on the
/// other end of the pipe" (233).
pub fn is_closed_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(232 | 233)))
}

/// Whether standard output goes nowhere: `/dev/null`, which is also what
/// the Rust runtime puts in place of a descriptor the caller closed
/// (`canned use --print >&-`), or Windows' `NUL`. A reply printed there
/// reached no one.
pub fn stdout_is_null() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::FromRawFd;
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        let Ok(null) = std::fs::metadata("/dev/null") else {
            return false;
        };
        // SAFETY: descriptor 1 is open (the runtime guarantees it) and is
        // only looked at: ManuallyDrop never closes it.
        let out = std::mem::ManuallyDrop::new(unsafe { File::from_raw_fd(1) });
        out.metadata()
            .is_ok_and(|m| m.file_type().is_char_device() && m.rdev() == null.rdev())
    }
    #[cfg(windows)]
    {
        use std::os::windows::io::AsRawHandle;
        use windows_sys::Win32::Storage::FileSystem::{FILE_TYPE_CHAR, GetFileType};
        use windows_sys::Win32::System::Console::GetConsoleMode;
        let handle = std::io::stdout().as_raw_handle();
        let mut mode = 0;
        // SAFETY: the handle is this process's standard output, only
        // asked about; `mode` outlives the call. A character device that
        // is no console is `NUL` (a console answers GetConsoleMode).
        unsafe { GetFileType(handle) == FILE_TYPE_CHAR && GetConsoleMode(handle, &mut mode) == 0 }
    }
    #[cfg(not(any(unix, windows)))]
    {
        false
    }
}

/// An exclusive lock on a library, held by a command that writes to it
/// from before it reads the files it will change until after it has
/// renamed the new ones into place: two `review`s, or `review` and `new`,
/// take turns and never lose each other's change. Released on drop.
pub struct LibraryLock {
    _file: File,
}

/// How long a writer waits for the library's lock. Another canned holds
/// it from a read to a rename: milliseconds, seconds for an import of
/// thousands of macros. Held longer, it is some other program's (a `flock`
/// left running, a canned stopped with Ctrl-Z), and a wait without end
/// would hang the command.
pub const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(60);

impl LibraryLock {
    /// Waits for the lock of the library at `root`, at most `patience`,
    /// calling `waiting` first when another writer holds it (a wait must
    /// not look like a hang).
    pub fn acquire(
        root: &Path,
        patience: std::time::Duration,
        waiting: impl FnOnce(),
    ) -> crate::error::Result<LibraryLock> {
        let io = |e| crate::error::Error::io(root, e);
        let deadline = std::time::Instant::now() + patience;
        let mut waiting = Some(waiting);
        let mut file = None;
        loop {
            // On Windows another program may hold `.canned.lock` open
            // without sharing it: held, as a lock is, and waited for.
            if file.is_none() {
                match lock_file(root) {
                    Ok(opened) => file = Some(opened),
                    Err(e) if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) => {}
                    Err(e) => return Err(io(e)),
                }
            }
            let locked = match file.take() {
                Some(f) => match f.try_lock() {
                    Ok(()) => return Ok(LibraryLock { _file: f }),
                    Err(e) => {
                        file = Some(f);
                        e
                    }
                },
                None => std::fs::TryLockError::WouldBlock,
            };
            match locked {
                std::fs::TryLockError::WouldBlock if std::time::Instant::now() < deadline => {
                    if let Some(say) = waiting.take() {
                        say();
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                std::fs::TryLockError::WouldBlock => {
                    return Err(crate::error::Error::failed(
                        format!(
                            "{}: its lock has been held for {} s by another canned or another program",
                            root.display(),
                            patience.as_secs()
                        ),
                        Some("nothing was written; try again once it is done".into()),
                    ));
                }
                std::fs::TryLockError::Error(e) => return Err(io(e)),
            }
        }
    }
}

/// What is locked: the library directory itself where the OS can lock a
/// directory (no file is added to the team's repository), else a hidden
/// `.canned.lock` in it, which the library walk skips.
#[cfg(unix)]
fn lock_file(root: &Path) -> std::io::Result<File> {
    File::open(root)
}

#[cfg(not(unix))]
fn lock_file(root: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(root.join(".canned.lock"))
}

/// Where tests crash a writer on purpose, instead of killing it after a
/// random delay: a debug build aborts here (no destructor runs, as under
/// kill -9) when `CANNED_TEST_FAIL_AT` names the point (`mid-write`,
/// `before-rename`, `after-rename`). Release builds have no such hook.
pub(crate) fn crash_point(point: &str) {
    if cfg!(debug_assertions) && std::env::var_os("CANNED_TEST_FAIL_AT").is_some_and(|v| v == point)
    {
        std::process::abort();
    }
}

/// Removes temporary files of `name` left by writers that died (kill -9,
/// power loss) before their rename: their process is gone.
fn remove_orphans(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|rest| rest.split('.').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    // EPERM: it exists, and belongs to someone else.
    alive || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(windows)]
fn process_alive(pid: u32) -> bool {
    use windows_sys::Win32::Foundation::{
        CloseHandle, ERROR_INVALID_PARAMETER, GetLastError, STILL_ACTIVE,
    };
    use windows_sys::Win32::System::Threading::{
        GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
    };
    // SAFETY: the handle is only asked for its exit code, then closed;
    // `code` outlives the call.
    unsafe {
        let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
        if handle.is_null() {
            // No such process; any other refusal (access denied) is a
            // process there, another user's.
            return GetLastError() != ERROR_INVALID_PARAMETER;
        }
        let mut code = 0u32;
        let asked = GetExitCodeProcess(handle, &mut code);
        CloseHandle(handle);
        asked == 0 || code == STILL_ACTIVE as u32
    }
}

#[cfg(not(any(unix, windows)))]
fn process_alive(_: u32) -> bool {
    true
}

/// `std::fs::rename`, replacing `to`. On Windows a file another program
/// holds open (an antivirus or a backup reading it, an indexer, an editor)
/// refuses to be replaced for as long as it is held, usually a moment:
/// tried again for up to 2 s, then said to be held. A read-only file is
/// refused at once, as it stays so.
pub(crate) fn rename_over(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(windows)]
    {
        // ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
        let held = |e: &std::io::Error| {
            matches!(e.raw_os_error(), Some(5 | 32 | 33))
                && !std::fs::metadata(to).is_ok_and(|m| m.permissions().readonly())
        };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        loop {
            match std::fs::rename(from, to) {
                Err(e) if held(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                Err(e) if held(&e) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::ResourceBusy,
                        format!(
                            "another program holds it open (an editor, a backup or antivirus program): {e}"
                        ),
                    ));
                }
                done => return done,
            }
        }
    }
    #[cfg(not(windows))]
    {
        std::fs::rename(from, to)
    }
}

/// Replaces `target` with `contents` atomically, keeping its permissions.
/// A symlinked file is written through to its target, which keeps the
/// link; the new file keeps the old one's mode and owner.
pub fn replace(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    replace_checked(target, contents, || Ok(()))
}

/// [`replace`], asking `still_wanted` once the new text is on disk, right
/// before the rename: an error there leaves the file as it is.
fn replace_checked(
    target: &Path,
    contents: &[u8],
    still_wanted: impl FnOnce() -> std::io::Result<()>,
) -> std::io::Result<()> {
    let is_link = std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink());
    let real = if is_link {
        std::fs::canonicalize(target)?
    } else {
        target.to_path_buf()
    };
    let old = std::fs::metadata(&real).ok();
    let mut temp = write_temp(&real, contents, Like::Replaced(old.as_ref()))?;
    crash_point("before-rename");
    still_wanted()?;
    rename_over(&temp.path, &real)?;
    temp.keep = true;
    sync_dir(&real);
    crash_point("after-rename");
    Ok(())
}

/// Opens a file canned keeps for itself (a cache, the usage log) for
/// reading, refusing anything but a regular file: a named pipe would block
/// the open (and every search with it), a link to `/dev/zero` would be
/// read without end. Opened without blocking, checked, then read as usual
/// (a regular file ignores the flag).
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    regular(without_blocking(OpenOptions::new().read(true)).open(path)?)
}

/// [`open_regular`], read whole.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    open_regular(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `file`, when it is a regular file.
pub fn regular(file: File) -> std::io::Result<File> {
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ))
    }
}

/// `options`, opening without waiting for a writer or a reader (unix).
pub fn without_blocking(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options
}

/// The bytes of `path`, or of stdin for `-`, refused past `cap` bytes: an
/// export or a file of values is megabytes, and `/dev/zero` (or a pipe
/// that never ends) must not be read until memory runs out.
pub fn read_input(path: &Path, cap: u64, what: &str) -> crate::error::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .take(cap + 1)
            .read_to_end(&mut bytes)
    } else {
        File::open(path).and_then(|f| f.take(cap + 1).read_to_end(&mut bytes))
    };
    let name = if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.display().to_string()
    };
    // A flag's file is named with its flag: `--vars ticket.json: No such
    // file`, not a bare path in an error about something else.
    let named = match what.starts_with("--") {
        true => format!("{what} {name}"),
        false => name.clone(),
    };
    read.map_err(|e| crate::error::Error::io(&named, e))?;
    if bytes.len() as u64 > cap {
        return Err(crate::error::Error::failed(
            format!(
                "{name} is larger than {} MiB, too large for {what}",
                cap >> 20
            ),
            Some("is it the right file?".into()),
        ));
    }
    Ok(bytes)
}

/// Reads `path` as text, for an edit that will be saved with
/// [`replace_if_unchanged`].
pub fn read_text(path: &Path) -> crate::error::Result<String> {
    std::fs::read_to_string(path).map_err(|e| crate::error::Error::io(path, e))
}

/// Replaces `target` atomically with a file only the user can read (0600).
pub fn replace_private(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut temp = write_temp(target, contents, Like::Private)?;
    crash_point("before-rename");
    rename_over(&temp.path, target)?;
    temp.keep = true;
    crash_point("after-rename");
    Ok(())
}

/// `path` opened for appending, created if need be: a trace file.
pub fn append_to(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().create(true).append(true).open(path)
}

/// Replaces the cache file `target` atomically (0600), without waiting
/// for the disk: a cache that a power cut leaves empty or torn fails its
/// checksum and is rebuilt, so the tens of milliseconds a flush costs the
/// search that rebuilt it would buy nothing.
pub fn replace_cache(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut temp = write_temp(target, contents, Like::Cache)?;
    crash_point("before-rename");
    rename_over(&temp.path, target)?;
    temp.keep = true;
    crash_point("after-rename");
    Ok(())
}

/// Keeps a private copy at `target`, atomically, like [`replace_private`]
/// but with no crash points: the copy (the last good manifest) is only
/// ever a fallback, and the crash tests aim at the file a command means to
/// write, which a copy made while loading the library would stand before.
pub fn keep_private_copy(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_aside(target, contents, true)
}

/// Replaces `target` with `contents` atomically, with no crash points (as
/// [`keep_private_copy`]) and no flush: for a cache's seal, which is
/// believed only on the boot that wrote it (see [`boot_id`]).
pub fn replace_unflushed(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_aside(target, contents, false)
}

/// A private file written beside what a command writes: atomic, no crash
/// points, flushed when `durable`.
fn write_aside(target: &Path, contents: &[u8], durable: bool) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    // tempfile creates it 0600, hidden, and removes it if anything fails.
    let mut temp = tempfile::Builder::new()
        .prefix(".canned-aside-")
        .tempfile_in(dir)?;
    temp.write_all(contents)?;
    if durable {
        temp.as_file().sync_all()?;
    }
    temp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// What tells this boot of the machine from every other one, where the
/// platform says: Linux's boot id. Elsewhere `None`, and caches are
/// verified on every run.
pub fn boot_id() -> Option<Vec<u8>> {
    #[cfg(target_os = "linux")]
    {
        // Read once: a search may read two or three cache files.
        static ID: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
        ID.get_or_init(|| {
            std::fs::read("/proc/sys/kernel/random/boot_id")
                .ok()
                .filter(|id| id.len() >= 32)
        })
        .clone()
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

/// Creates `target` with `contents`; fails with `AlreadyExists` rather than
/// overwrite anything, and never leaves a half-written file behind.
///
/// No hard link (FAT and SMB have none): the temporary file is renamed
/// without replacing (see [`rename_new`]).
pub fn create_new(target: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut temp = write_temp(target, contents, Like::Replaced(None))?;
    if std::fs::symlink_metadata(target).is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    crash_point("before-rename");
    rename_new(&temp.path, target)?;
    temp.keep = true;
    sync_dir(target);
    crash_point("after-rename");
    Ok(())
}

/// Renames `from` to `to` unless `to` exists, in one step on Linux (a
/// teammate's file created meanwhile is never replaced). Elsewhere, and on
/// file systems without that rename, the name is checked, then the file
/// renamed: every `canned` writer holds the library lock (see
/// [`LibraryLock`]), which makes the two one step between them.
fn rename_new(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::ffi::OsStrExt;
        let from_c = std::ffi::CString::new(from.as_os_str().as_bytes())?;
        let to_c = std::ffi::CString::new(to.as_os_str().as_bytes())?;
        // SAFETY: both are NUL-terminated paths that live across the call.
        let done = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                from_c.as_ptr(),
                libc::AT_FDCWD,
                to_c.as_ptr(),
                libc::RENAME_NOREPLACE,
            )
        };
        if done == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(e);
        }
    }
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    std::fs::rename(from, to)
}

/// Creates `dir` and the parents it lacks: those it made, outermost
/// first, so that a write that then fails can take them away again
/// ([`remove_made`]) and leave the tree as it found it.
pub fn make_dirs(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && std::fs::symlink_metadata(d).is_err())
        .map(Path::to_path_buf)
        .collect();
    std::fs::create_dir_all(dir)?;
    Ok(missing.into_iter().rev().collect())
}

/// Removes the directories [`make_dirs`] made, innermost first, each only
/// while empty.
pub fn remove_made(dirs: &[PathBuf]) {
    for d in dirs.iter().rev() {
        let _ = std::fs::remove_dir(d);
    }
}

/// Removes the group's and others' permissions from `path`, when it has
/// any (a link is left alone). Windows: the user's AppData folders are the
/// user's alone already.
pub fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Nothing there (yet): nothing to hide.
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return Ok(());
        };
        let mode = meta.permissions().mode();
        if !meta.file_type().is_symlink() && mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| {
        // "File exists" says nothing of what to do about it.
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            std::io::Error::new(e.kind(), "a file is where this directory should be")
        } else {
            e
        }
    })
}

/// Gives `file` the mode and owner of `old` (set on the open file, so the
/// umask does not trim a 0664 file to 0644). Taking the owner only works
/// for root or the same user; otherwise the file stays the writer's.
#[cfg(unix)]
fn adopt(file: &File, old: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    file.set_permissions(old.permissions())?;
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    Ok(())
}

#[cfg(not(unix))]
fn adopt(file: &File, old: &std::fs::Metadata) -> std::io::Result<()> {
    file.set_permissions(old.permissions())
}

fn sync_dir(target: &Path) {
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// Refuses to replace `path` when it no longer holds `old` (someone saved
/// it meanwhile), or when replacing it would do more than change its text:
/// see [`replace_if_unchanged`]. A command that writes several files asks
/// this of each before it writes any.
pub fn check_replaceable(path: &Path, old: &str) -> crate::error::Result<()> {
    // The new text is renamed into place, which would write a file its
    // owner made read-only, and part a file from its other hard links
    // (which would keep the old text): refused, as an editor warns.
    let meta = std::fs::metadata(path).map_err(|e| crate::error::Error::io(path, e))?;
    if meta.permissions().readonly() {
        return Err(crate::error::Error::failed(
            format!("{} is read-only", path.display()),
            Some("make it writable first if it is yours to change; nothing was written".into()),
        ));
    }
    let links = hard_links(&meta);
    if links > 1 {
        return Err(crate::error::Error::failed(
            format!(
                "{} has {links} hard links; writing it would part it from the others",
                path.display()
            ),
            Some("edit it by hand, or make it a file of its own; nothing was written".into()),
        ));
    }
    unchanged(path, old)
}

fn unchanged(path: &Path, old: &str) -> crate::error::Result<()> {
    let now = std::fs::read(path).map_err(|e| crate::error::Error::io(path, e))?;
    if now != old.as_bytes() {
        return Err(crate::error::Error::failed(
            format!("{} changed while canned was working on it", path.display()),
            Some("nothing was written; run the command again".into()),
        ));
    }
    Ok(())
}

/// Replaces `path` with `new` atomically, unless it no longer holds `old`
/// (someone saved it meanwhile): then nothing is written. Looked at again
/// once the new text is on disk, right before the rename: an editor's save
/// during the write (an fsync can take a while) is not lost.
pub fn replace_if_unchanged(path: &Path, old: &str, new: &str) -> crate::error::Result<()> {
    check_replaceable(path, old)?;
    let mut changed = None;
    let result = replace_checked(path, new.as_bytes(), || {
        unchanged(path, old).map_err(|e| {
            changed = Some(e);
            std::io::Error::other("changed")
        })
    });
    if let Some(e) = changed {
        return Err(e);
    }
    result.map_err(|e| {
        // The new text is written beside the file, then renamed: a refusal
        // there is the folder's.
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        match dir {
            Some(dir) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                crate::error::Error::failed(
                    format!(
                        "{}: cannot write the new {} in it: {e}",
                        dir.display(),
                        path.file_name().unwrap_or_default().to_string_lossy()
                    ),
                    Some(
                        "nothing was written: a file is written whole beside the old one, then put in its place, which needs the folder to be writable"
                            .into(),
                    ),
                )
            }
            _ => crate::error::Error::io(path, e),
        }
    })
}

/// How many names the file of `meta` has (1 where the OS cannot tell).
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(meta)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lock held past the patience (some other program's) is given up
    /// on, said once while waiting and once when giving up.
    #[test]
    fn a_library_lock_held_too_long_is_given_up_on() {
        let dir = tempfile::tempdir().unwrap();
        let holder = lock_file(dir.path()).unwrap();
        holder.lock().unwrap();
        let mut said = 0;
        let waited =
            LibraryLock::acquire(dir.path(), std::time::Duration::from_millis(100), || {
                said += 1;
            });
        let Err(e) = waited else {
            panic!("the lock was taken while held");
        };
        assert_eq!(said, 1);
        assert!(
            e.to_string()
                .contains("its lock has been held for 0 s by another canned or another program"),
            "{e}"
        );
        holder.unlock().unwrap();
        assert!(LibraryLock::acquire(dir.path(), std::time::Duration::ZERO, || {}).is_ok());
    }

    #[test]
    fn a_file_where_a_directory_should_be_is_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chats");
        std::fs::write(&path, "").unwrap();
        let e = create_private_dir(&path).unwrap_err();
        assert_eq!(e.to_string(), "a file is where this directory should be");
    }

    #[test]
    fn a_read_only_or_hard_linked_file_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(&p, "old").unwrap();
        let mut perms = std::fs::metadata(&p).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&p, perms).unwrap();
        let e = replace_if_unchanged(&p, "old", "new").unwrap_err();
        assert!(e.to_string().ends_with("a.toml is read-only"), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        #[cfg(unix)]
        {
            let q = dir.path().join("b.toml");
            std::fs::write(&q, "old").unwrap();
            std::fs::hard_link(&q, dir.path().join("c.toml")).unwrap();
            let e = replace_if_unchanged(&q, "old", "new").unwrap_err();
            assert!(
                e.to_string()
                    .ends_with("b.toml has 2 hard links; writing it would part it from the others"),
                "{e}"
            );
            assert_eq!(std::fs::read(dir.path().join("c.toml")).unwrap(), b"old");
        }
    }

    #[test]
    fn create_new_refuses_to_overwrite_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        create_new(&p, b"one").unwrap();
        let err = create_new(&p, b"two").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failure_between_the_temporary_file_and_the_rename_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(&p, "old").unwrap();
        // The write done, the process fails before renaming: the temporary
        // file is dropped, the target untouched.
        let temp = write_temp(&p, b"new", Like::Replaced(None)).unwrap();
        assert!(temp.path.exists());
        drop(temp);
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_save_during_the_write_is_seen_before_the_rename_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(&p, "old").unwrap();
        // Someone saves once the new text is on disk, before the rename.
        let saved = replace_checked(&p, b"new", || {
            std::fs::write(&p, "theirs")?;
            unchanged(&p, "old").map_err(|_| std::io::Error::other("changed"))
        });
        assert!(saved.is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"theirs");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_new_file_never_replaces_one_made_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("mine");
        let to = dir.path().join("team.toml");
        std::fs::write(&from, "mine").unwrap();
        std::fs::write(&to, "theirs").unwrap();
        let e = rename_new(&from, &to).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&to).unwrap(), b"theirs");
        std::fs::remove_file(&to).unwrap();
        rename_new(&from, &to).unwrap();
        assert_eq!(std::fs::read(&to).unwrap(), b"mine");
    }

    #[test]
    fn temporary_files_of_dead_writers_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        // pid 0x7fff_fff0 does not exist: a writer killed before its rename.
        let orphan = dir.path().join(".a.toml.2147483632.0.tmp");
        std::fs::write(&orphan, "half").unwrap();
        replace(&p, b"new").unwrap();
        assert!(!orphan.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replace_swaps_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(&p, "old").unwrap();
        replace(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replace_if_unchanged_refuses_to_clobber_a_file_changed_since_it_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.toml");
        std::fs::write(&p, "read").unwrap();
        std::fs::write(&p, "changed").unwrap();
        assert!(replace_if_unchanged(&p, "read", "mine").is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "changed");
        replace_if_unchanged(&p, "changed", "mine").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "mine");
    }

    #[cfg(unix)]
    #[test]
    fn replace_keeps_the_mode_even_against_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o664)).unwrap();
        replace(&p, b"new").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
    }

    #[cfg(unix)]
    #[test]
    fn replace_writes_through_a_symlink_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }
}
