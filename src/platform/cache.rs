//! The search index, cached on disk between runs.
//!
//! Parsing TOML dominates a search on a large library, so `find` reads the
//! index from the XDG cache directory instead, keyed by the library's files
//! (paths, sizes, modification times). A cache that is stale, truncated or
//! damaged in any way is rebuilt, never trusted: it carries a checksum, and
//! every offset is checked before use. Writes are atomic, so two processes
//! rebuilding at once each leave a complete file.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::domain::library::Library;
use crate::domain::search::codec::{self, Hash};
use crate::domain::search::index::Index;
use crate::domain::search::shared::Shared;
use crate::domain::suggest::{self, Model};
use crate::error::Result;
use crate::platform::fs;
use crate::platform::library::{self, source_files};

/// The index of the library at `root`, and the notice about skipped
/// responses its load gave, from the cache when it is fresh.
/// Without a cache directory (no home), the index is built every time.
pub fn cached_index(root: &Path, cache_dir: Option<&Path>) -> Result<(Index, Option<String>)> {
    cached(
        root,
        cache_dir,
        "index",
        |lib| {
            // Files are kept relative to the library: the same library may be
            // reached as `responses` from one directory and `../responses` from another.
            Index::build_with(&lib.responses, |file| {
                file.strip_prefix(root)
                    .unwrap_or(file)
                    .to_string_lossy()
                    .into_owned()
            })
        },
        codec::encode,
        codec::decode,
    )
}

/// What `suggest` knows of the library at `root`, from the cache when it is
/// fresh (see [`cached_index`]).
pub fn cached_suggest_model(
    root: &Path,
    cache_dir: Option<&Path>,
) -> Result<(Model, Option<String>)> {
    cached(
        root,
        cache_dir,
        "suggest",
        Model::build,
        suggest::codec::encode,
        |bytes, key| suggest::codec::decode(bytes.as_slice(), key),
    )
}

type Encode<T> = fn(&T, Option<&str>, u64) -> Vec<u8>;
type Decode<T> = fn(Shared, u64) -> Option<(T, Option<String>)>;

/// `kind` of the library at `root`: read from its cache file when that is
/// fresh and sound, else built from the library and cached.
fn cached<T>(
    root: &Path,
    cache_dir: Option<&Path>,
    kind: &str,
    build: impl FnOnce(&Library) -> T,
    encode: Encode<T>,
    decode: Decode<T>,
) -> Result<(T, Option<String>)> {
    let files = source_files(root);
    let key = fingerprint(&files);
    let path = cache_dir.map(|dir| library::keyed_path(root, dir, kind));
    if let Some(path) = &path
        && let Some(bytes) = read(path)
        && let Some(found) = decode(bytes, key)
    {
        return Ok(found);
    }
    let lib = library::load(root, cache_dir)?;
    let value = build(&lib);
    let notice = lib.skipped_notice();
    // A cache that cannot be written only costs speed.
    if let (Some(dir), Some(path)) = (cache_dir, &path)
        && fs::create_private_dir(dir).is_ok()
    {
        let _ = fs::replace_private(path, &encode(&value, notice.as_deref(), key));
    }
    Ok((value, notice))
}

/// The cache file at `path`, mapped into memory: a search then reads only
/// the pages it touches, and nothing is copied or freed.
#[cfg(unix)]
fn read(path: &Path) -> Option<Shared> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: a mapped file written to by another process changes these
    // bytes under us. Cache files are private (0600, in a 0700 directory)
    // and canned only ever replaces them whole, by rename, which leaves
    // this mapping on the old file. Only someone writing into the file in
    // place could change it: before the checksum is verified that makes it
    // refused, after it could show a wrong result or end with SIGBUS.
    let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) };
    match map {
        Ok(map) => Some(Shared::new(std::sync::Arc::new(map))),
        // Some file systems cannot map files: read it instead.
        Err(_) => std::fs::read(path).ok().map(Shared::from),
    }
}

/// The cache file at `path`, read. Not mapped: on Windows a mapped file
/// cannot be replaced, and an open picker would keep every other process
/// from refreshing the cache.
#[cfg(not(unix))]
fn read(path: &Path) -> Option<Shared> {
    std::fs::read(path).ok().map(Shared::from)
}

/// Changes whenever a library file is added, removed, renamed, resized,
/// touched or replaced, even by an edit that keeps its size and puts its
/// modification time back (`cp -p`, `touch -r`, normalised mtimes).
fn fingerprint(files: &[PathBuf]) -> u64 {
    let mut h = Hash::new();
    h.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    for f in files {
        h.bytes(f.to_string_lossy().as_bytes());
        if let Ok(meta) = std::fs::metadata(f) {
            h.u64(meta.len());
            if let Ok(t) = meta
                .modified()
                .map(|t| t.duration_since(UNIX_EPOCH).unwrap_or_default())
            {
                h.u64(t.as_secs());
                h.u64(u64::from(t.subsec_nanos()));
            }
            for v in fs::change_stamp(&meta) {
                h.u64(v);
            }
        }
    }
    h.finish()
}
