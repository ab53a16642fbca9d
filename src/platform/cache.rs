//! The search index, cached on disk between runs.
//!
//! Parsing TOML dominates a search on a large library, so `find` reads the
//! index from the XDG cache directory instead, keyed by the library's files
//! (paths, sizes, modification times). A cache that is stale, truncated or
//! damaged in any way is rebuilt, never trusted: it carries a checksum, and
//! every offset is checked before use. Writes are atomic, so two processes
//! rebuilding at once each leave a complete file.
//!
//! The checksum is verified once, not on every run: a cache file whose
//! checksum held is *sealed*, by a small file that
//! names this boot of the machine and the cache file's stamp (size,
//! modification and change times, inode). Until the machine restarts, its
//! bytes can only change through a write, which changes the stamp; after a
//! restart (a power cut can leave a renamed file torn, since caches are not
//! flushed) no seal holds and every cache is verified again, once.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::domain::library::Library;
use std::collections::HashMap;

use crate::domain::model::Response;
use crate::domain::search::codec::{self, Hash, Trust};
use crate::domain::search::index::Index;
use crate::domain::search::layers::{self, Indexed, Layer, OnDisk, Plan};
use crate::domain::search::shared::Shared;
use crate::domain::suggest::{self, Model};
use crate::error::Result;
use crate::platform::fs;
use crate::platform::library::{self, source_files};

/// The index of the library at `root`, and the notice about skipped
/// responses its load gave, from the cache when it is fresh.
/// Without a cache directory (no home), the index is built every time.
///
/// The cache holds the index in two layers (see `layers`): a change to a
/// few files re-reads only those files, and the next search is about as
/// fast as one from an unchanged library.
pub fn cached_index(root: &Path, cache_dir: Option<&Path>) -> Result<(Index, Option<String>)> {
    let (manifest, paths, walk_problems) = library::library_files(root);
    let mut settings = Hash::new();
    settings.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    settings.u64(manifest.as_deref().map_or(0, |m| stamp(m).0));
    settings.u64(walk_problems as u64);
    let settings = settings.finish();
    let now: Vec<OnDisk> = paths
        .iter()
        .map(|p| {
            let (stamp, size) = stamp(p);
            OnDisk {
                path: relative(root, p),
                stamp,
                size,
            }
        })
        .collect();
    let Some(dir) = cache_dir else {
        return build_base(root, None, settings, &now).map(|b| (b.index, b.notice));
    };
    let base_path = library::keyed_path(root, dir, "index");
    let delta_path = library::keyed_path(root, dir, "delta");
    if let Some(base) = read(&base_path).and_then(|f| f.decode(codec::decode)) {
        let delta = read(&delta_path).and_then(|f| f.decode(codec::decode));
        match layers::plan(&now, settings, &base, delta.as_ref()) {
            Plan::Use { delta: with } => {
                let notice = base.notice.clone();
                let delta = delta.filter(|_| with);
                return Ok((layers::compose(&now, base, delta), notice));
            }
            Plan::Update(changed) => {
                if let Some(delta) = build_delta(root, dir, settings, &now, &changed, &base)? {
                    // A delta that cannot be written only costs speed.
                    let _ = fs::replace_cache(&delta_path, &codec::encode(&delta));
                    return Ok((layers::compose(&now, base, Some(delta)), None));
                }
            }
            Plan::Rebuild => {}
        }
    }
    let base = build_base(root, Some(dir), settings, &now)?;
    // A cache that cannot be written only costs speed.
    if fs::create_private_dir(dir).is_ok() {
        let _ = fs::replace_cache(&base_path, &codec::encode(&base));
        let _ = std::fs::remove_file(&delta_path);
    }
    Ok((base.index, base.notice))
}

/// The whole library indexed, as a base layer.
fn build_base(root: &Path, dir: Option<&Path>, settings: u64, now: &[OnDisk]) -> Result<Layer> {
    let lib = library::load(root, dir)?;
    let index = Index::build_with(&lib.responses, |file| relative(root, file));
    Ok(Layer {
        files: indexed(root, now, &lib.responses),
        fingerprints: layers::fingerprints(&lib.responses, |file| relative(root, file)),
        index,
        notice: lib.skipped_notice(),
        settings,
        base: 0,
        sources: Vec::new(),
    })
}

/// The `changed` files of `now` indexed as a delta on `base`, or `None`
/// when they must be indexed with the rest (see `layers::clashes`).
fn build_delta(
    root: &Path,
    dir: &Path,
    settings: u64,
    now: &[OnDisk],
    changed: &[usize],
    base: &Layer,
) -> Result<Option<Layer>> {
    let paths: Vec<PathBuf> = changed.iter().map(|&i| root.join(&now[i].path)).collect();
    let lib = library::load_these(root, &paths, Some(dir))?;
    if lib.errors().next().is_some() {
        return Ok(None);
    }
    Ok(layers::delta(
        now,
        changed,
        settings,
        base,
        &lib.responses,
        |file| relative(root, file),
    ))
}

/// The files of `now`, with how many of `responses` each gave.
fn indexed(root: &Path, now: &[OnDisk], responses: &[Response]) -> Vec<Indexed> {
    let mut docs: HashMap<String, u32> = HashMap::new();
    for r in responses {
        *docs.entry(relative(root, &r.location.path)).or_default() += 1;
    }
    now.iter()
        .map(|f| Indexed {
            path: f.path.clone(),
            stamp: f.stamp,
            docs: docs.get(&f.path).copied().unwrap_or(0),
        })
        .collect()
}

/// `file` relative to the library, as the index names it: the same library
/// may be reached as `responses` from one directory and `../responses`
/// from another.
fn relative(root: &Path, file: &Path) -> String {
    file.strip_prefix(root)
        .unwrap_or(file)
        .to_string_lossy()
        .into_owned()
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
        suggest::codec::decode,
    )
}

type Encode<T> = fn(&T, Option<&str>, u64) -> Vec<u8>;
type Decode<T> = fn(Shared, u64, Trust) -> Option<(T, Option<String>)>;

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
        && let Some(file) = read(path)
        && let Some(found) = file.decode(|bytes, trust| decode(bytes, key, trust))
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
        let _ = fs::replace_cache(path, &encode(&value, notice.as_deref(), key));
    }
    Ok((value, notice))
}

/// A cache file as read, and what its seal says or would say.
struct CacheFile {
    bytes: Shared,
    path: PathBuf,
    /// This boot and the file's stamp; `None` where the platform cannot
    /// tell one boot from another.
    seal: Option<Vec<u8>>,
    sealed: bool,
}

impl CacheFile {
    /// The file decoded by `decode`, its checksum verified unless it is
    /// sealed, and sealed once verified.
    fn decode<T>(self, decode: impl FnOnce(Shared, Trust) -> Option<T>) -> Option<T> {
        let trust = if self.sealed {
            Trust::Sealed
        } else {
            Trust::Verify
        };
        let found = decode(self.bytes, trust)?;
        if let (Trust::Verify, Some(seal)) = (trust, &self.seal) {
            // A seal that cannot be written only costs the next run a check.
            let _ = fs::replace_unflushed(&seal_path(&self.path), seal);
        }
        Some(found)
    }
}

/// Where the seal of the cache file at `path` is.
fn seal_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("seal-{name}"))
}

/// The cache file at `path`, and whether its seal holds.
fn read(path: &Path) -> Option<CacheFile> {
    let file = fs::open_regular(path).ok()?;
    // The stamp of the file opened, not of whatever the name is by now.
    let meta = file.metadata().ok()?;
    let seal = fs::boot_id().map(|mut seal| {
        seal.extend_from_slice(&stamp_of(&meta).to_le_bytes());
        seal
    });
    let sealed = seal
        .as_ref()
        .is_some_and(|seal| fs::read_regular(&seal_path(path)).is_ok_and(|s| s == *seal));
    Some(CacheFile {
        bytes: map(file, !sealed)?,
        path: path.to_path_buf(),
        seal,
        sealed,
    })
}

/// The open cache `file`, mapped into memory: a search then reads only the
/// pages it touches, and nothing is copied or freed. Its pages are mapped
/// at once when `whole`, as verifying its checksum reads them all.
#[cfg(unix)]
fn map(file: std::fs::File, whole: bool) -> Option<Shared> {
    // SAFETY: a mapped file written to by another process changes these
    // bytes under us. Cache files are private (0600, in a 0700 directory)
    // and canned only ever replaces them whole, by rename, which leaves
    // this mapping on the old file. Only someone writing into the file in
    // place could change it: that changes its stamp, so the seal no longer
    // holds and the checksum refuses it; done after it was checked, it
    // could show a wrong result or end with SIGBUS.
    let mut options = memmap2::MmapOptions::new();
    if whole {
        options.populate();
    }
    let map = unsafe { options.map(&file) };
    match map {
        Ok(map) => Some(Shared::new(std::sync::Arc::new(map))),
        // Some file systems cannot map files: read it instead.
        Err(_) => read_whole(file),
    }
}

/// The open `file`, read: the one whose stamp its seal was compared with,
/// whatever its name is given to by now.
fn read_whole(mut file: std::fs::File) -> Option<Shared> {
    use std::io::Read;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(Shared::from(bytes))
}

/// The open cache `file`, read. Not mapped: on Windows a mapped file
/// cannot be replaced, and an open picker would keep every other process
/// from refreshing the cache.
#[cfg(not(unix))]
fn map(file: std::fs::File, _: bool) -> Option<Shared> {
    read_whole(file)
}

/// Changes whenever a library file is added, removed, renamed, resized,
/// touched or replaced, even by an edit that keeps its size and puts its
/// modification time back (`cp -p`, `touch -r`, normalised mtimes).
fn fingerprint(files: &[PathBuf]) -> u64 {
    let mut h = Hash::new();
    h.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    for f in files {
        h.bytes(f.to_string_lossy().as_bytes());
        h.u64(stamp(f).0);
    }
    h.finish()
}

/// What changes whenever the file at `path` does (see [`fingerprint`]),
/// and its size.
fn stamp(path: &Path) -> (u64, u64) {
    let meta = std::fs::metadata(path);
    match &meta {
        Ok(meta) => (stamp_of(meta), meta.len()),
        Err(_) => (Hash::new().finish(), 0),
    }
}

/// What changes whenever the file `meta` describes does.
fn stamp_of(meta: &std::fs::Metadata) -> u64 {
    let mut h = Hash::new();
    h.u64(meta.len());
    if let Ok(t) = meta
        .modified()
        .map(|t| t.duration_since(UNIX_EPOCH).unwrap_or_default())
    {
        h.u64(t.as_secs());
        h.u64(u64::from(t.subsec_nanos()));
    }
    for v in fs::change_stamp(meta) {
        h.u64(v);
    }
    h.finish()
}
