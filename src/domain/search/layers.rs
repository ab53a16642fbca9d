//! The index in two layers, so that a change to one file costs what
//! indexing that file costs, not what indexing the library costs.
//!
//! The base layer is built from the whole library; the delta from the files
//! that are new or changed since. Searching both, with the base's documents
//! of changed or removed files left out, gives exactly what a rebuild would:
//! a document's score depends on nothing but itself and the query, and the
//! documents keep the library's order. When the delta would grow past a
//! quarter of the library, or the manifest or canned itself changed, the
//! whole index is rebuilt instead.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::docs::Docs;
use super::index::{GONE, Index, Segment};
use super::shared::Shared;
use crate::domain::model::Response;

/// A library file as a layer indexed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indexed {
    /// Relative to the library, as in the index's documents.
    pub path: String,
    /// Changes whenever the file does (see the platform's cache).
    pub stamp: u64,
    /// How many documents it gave, in order after the previous file's.
    pub docs: u32,
}

/// A response file of the library as it is now, in the library's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnDisk {
    pub path: String,
    pub stamp: u64,
    pub size: u64,
}

/// One layer of the index, as the cache keeps it.
#[derive(Debug)]
pub struct Layer {
    /// Built whole: one segment.
    pub index: Index,
    /// What loading its files had to skip, as told to the user.
    pub notice: Option<String>,
    /// What every file depends on: canned's version and the manifest.
    pub settings: u64,
    /// For a delta, the [`Layer::id`] of the base it goes on; 0 for a base.
    pub base: u64,
    pub files: Vec<Indexed>,
    /// A delta's files' documents, in order: the number of one of its own,
    /// or [`REUSED`] and the number of the base's document for a response
    /// that indexes as it did there. Empty for a base, whose files'
    /// documents are its own, in order.
    pub sources: Vec<u32>,
    /// [`Index::fingerprint`] of each of the layer's own documents, as
    /// little-endian `u64`s: read only when a file changes.
    pub fingerprints: Shared,
}

/// Marks a delta's source that is a document of the base.
pub const REUSED: u32 = 1 << 31;

impl Layer {
    /// What this layer was built from, so a delta can name its base.
    pub fn id(&self) -> u64 {
        let mut h = super::hash::Hash::new();
        h.u64(self.settings);
        h.u64(self.base);
        for f in &self.files {
            h.bytes(f.path.as_bytes());
            h.u64(f.stamp);
            h.u64(u64::from(f.docs));
        }
        h.finish()
    }

    /// The fingerprint of the layer's own document `d`.
    fn fingerprint(&self, d: usize) -> Option<u64> {
        let at = d.checked_mul(8)?;
        let bytes = self.fingerprints.as_slice().get(at..at + 8)?;
        Some(u64::from_le_bytes(bytes.try_into().ok()?))
    }

    /// Which layer's document (this one's, `own`, or the base's: 0) is the
    /// `n`th of this layer's files.
    fn source(&self, own: usize, n: u32) -> (usize, u32) {
        match self.sources.get(n as usize) {
            None => (own, n),
            Some(&s) if s & REUSED != 0 => (0, s & !REUSED),
            Some(&s) => (own, s),
        }
    }

    /// Where each file's documents are among the layer's files' documents.
    fn ranges(&self) -> HashMap<&str, std::ops::Range<u32>> {
        let mut start = 0;
        self.files
            .iter()
            .map(|f| {
                let range = start..start + f.docs;
                start += f.docs;
                (f.path.as_str(), range)
            })
            .collect()
    }
}

/// What to do with the layers in the cache, given the library now.
#[derive(Debug, PartialEq, Eq)]
pub enum Plan {
    /// They are the library as it is: search the base, and the delta if
    /// it is `true`.
    Use { delta: bool },
    /// These files of `now` are new or changed since the base: index them
    /// into a new delta.
    Update(Vec<usize>),
    /// Build the whole index again.
    Rebuild,
}

/// How the library `now` (with `settings`) relates to the cached layers.
pub fn plan(now: &[OnDisk], settings: u64, base: &Layer, delta: Option<&Layer>) -> Plan {
    if base.settings != settings {
        return Plan::Rebuild;
    }
    let known: HashMap<&str, u64> = base
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.stamp))
        .collect();
    let changed: Vec<usize> = (0..now.len())
        .filter(|&i| known.get(now[i].path.as_str()) != Some(&now[i].stamp))
        .collect();
    if changed.is_empty() {
        // A file gone since the base leaves its docs out as it is; but the
        // notice of a base that skipped it would outlive it.
        let gone = base.files.len() > now.len();
        if gone && base.notice.is_some() {
            return Plan::Rebuild;
        }
        return Plan::Use { delta: false };
    }
    let covers = |d: &Layer| {
        d.base == base.id()
            && d.settings == settings
            && d.files.len() == changed.len()
            && d.files
                .iter()
                .zip(&changed)
                .all(|(f, &i)| f.path == now[i].path && f.stamp == now[i].stamp)
    };
    if delta.is_some_and(covers) {
        return Plan::Use { delta: true };
    }
    // A library with problems is rebuilt whole, so what it skips and why
    // is decided over every file at once, as `check` decides it.
    if base.notice.is_some() {
        return Plan::Rebuild;
    }
    let size = |i: &usize| now[*i].size;
    let total: u64 = now.iter().map(|f| f.size).sum();
    if changed.iter().map(size).sum::<u64>().saturating_mul(4) > total {
        return Plan::Rebuild;
    }
    Plan::Update(changed)
}

/// Whether `delta` (indexed from the `changed` files of `now`) cannot go on
/// `base` as it is: it names a language the base does not number, or one of
/// its ids or shortcuts is also one of a response the base keeps. A rebuild
/// decides which of two clashing responses is skipped, as loading the whole
/// library does.
pub fn clashes(
    now: &[OnDisk],
    changed: &[usize],
    base: &Layer,
    delta: &Index,
    responses: &[&Response],
) -> bool {
    if delta.langs.len() > base.index.langs.len() {
        return true;
    }
    let changed: HashSet<&str> = changed.iter().map(|&i| now[i].path.as_str()).collect();
    let present: HashSet<&str> = now.iter().map(|f| f.path.as_str()).collect();
    // Where each base file's documents start, and whether the base keeps
    // them (the file is still there, unchanged).
    let mut starts = Vec::with_capacity(base.files.len());
    let mut start = 0;
    for f in &base.files {
        let kept = present.contains(f.path.as_str()) && !changed.contains(f.path.as_str());
        starts.push((start, kept));
        start += f.docs as usize;
    }
    let kept = |d: usize| {
        let file = starts.partition_point(|&(s, _)| s <= d);
        file > 0 && starts[file - 1].1
    };
    // Ids and shortcuts are `[a-z0-9-]`, which folding leaves as they are,
    // and a base with no problems has each name once: an exact look-up
    // through the index's postings finds the one response that could clash.
    responses
        .iter()
        .flat_map(|r| std::iter::once(r.id.as_str()).chain(r.shortcut.as_deref()))
        .any(|name| base.index.exact(name).is_some_and(kept))
}

/// The `changed` files of `now`, whose `responses` were just read, as a
/// delta on `base`; `None` when it cannot go on it (see [`clashes`]).
///
/// A response that indexes as it did in the base (the same id in the same
/// file, the same [`Index::fingerprint`]) keeps the base's document: an
/// edit to one response of a file re-indexes that response, not the file.
pub fn delta(
    now: &[OnDisk],
    changed: &[usize],
    settings: u64,
    base: &Layer,
    responses: &[Response],
    file_name: impl Fn(&Path) -> String,
) -> Option<Layer> {
    let ranges = base.ranges();
    let mut was: HashMap<(&str, &[u8]), u32> = HashMap::new();
    for f in changed.iter().map(|&i| now[i].path.as_str()) {
        for d in ranges.get(f).cloned().unwrap_or_default() {
            was.insert((f, base.index.docs.names(d as usize).0), d);
        }
    }
    let mut sources = Vec::with_capacity(responses.len());
    let mut fresh = Vec::new();
    let mut fingerprints = Vec::new();
    let mut docs: HashMap<String, u32> = HashMap::new();
    for r in responses {
        let file = file_name(&r.location.path);
        let print = Index::fingerprint(r, &file);
        let same = was
            .get(&(file.as_str(), r.id.as_str().as_bytes()))
            .filter(|&&d| base.fingerprint(d as usize) == Some(print));
        if let Some(&d) = same {
            sources.push(REUSED | d);
        } else {
            sources.push(fresh.len() as u32);
            fresh.push(r);
            fingerprints.extend_from_slice(&print.to_le_bytes());
        }
        *docs.entry(file).or_default() += 1;
    }
    let index = Index::build_onto(base.index.langs.clone(), fresh.iter().copied(), file_name);
    if clashes(now, changed, base, &index, &fresh) {
        return None;
    }
    let files = changed
        .iter()
        .map(|&i| Indexed {
            path: now[i].path.clone(),
            stamp: now[i].stamp,
            docs: docs.get(&now[i].path).copied().unwrap_or(0),
        })
        .collect();
    Some(Layer {
        index,
        notice: None,
        settings,
        base: base.id(),
        files,
        sources,
        fingerprints: Shared::from(fingerprints),
    })
}

/// [`Index::fingerprint`] of each of `responses`, as a layer keeps them.
pub fn fingerprints(responses: &[Response], file_name: impl Fn(&Path) -> String) -> Shared {
    let prints = responses
        .iter()
        .flat_map(|r| Index::fingerprint(r, &file_name(&r.location.path)).to_le_bytes());
    Shared::from(prints.collect::<Vec<u8>>())
}

/// The index of the library `now`, from `base` and the `delta` that
/// [`plan`] said to use: every file's documents from the delta when it
/// has them, else from the base, in the library's order.
pub fn compose(now: &[OnDisk], base: Layer, delta: Option<Layer>) -> Index {
    let same_files =
        base.files.len() == now.len() && base.files.iter().zip(now).all(|(b, n)| b.path == n.path);
    if delta.is_none() && same_files {
        return base.index;
    }
    let layers: Vec<Layer> = std::iter::once(base).chain(delta).collect();
    let ranges: Vec<HashMap<&str, std::ops::Range<u32>>> =
        layers.iter().map(Layer::ranges).collect();
    let mut global: Vec<Vec<u32>> = layers
        .iter()
        .map(|l| vec![GONE; l.index.docs.len()])
        .collect();
    let mut at = Vec::new();
    for f in now {
        // The delta, when it has the file, has it as it is now.
        let found = (0..layers.len())
            .rev()
            .find_map(|l| Some((l, ranges[l].get(f.path.as_str())?.clone())));
        let Some((l, range)) = found else { continue };
        for n in range {
            let (l, d) = layers[l].source(l, n);
            // A document is placed once, even by a damaged delta.
            if let Some(g) = global[l].get_mut(d as usize).filter(|g| **g == GONE) {
                *g = at.len() as u32;
                at.push((l as u32, d));
            }
        }
    }
    drop(ranges);
    let langs = layers
        .last()
        .map(|l| l.index.langs.clone())
        .unwrap_or_default();
    let mut docs = Vec::new();
    let mut segments = Vec::new();
    for (layer, mut global) in layers.into_iter().zip(global) {
        docs.push(layer.index.docs);
        // A layer is built whole: it has one segment.
        segments.extend(layer.index.segments.into_iter().map(|s| Segment {
            global: std::mem::take(&mut global),
            ..s
        }));
    }
    Index {
        langs,
        docs: Docs::join(docs, at),
        segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::library::{Library, Source};
    use crate::domain::search::hash::Hash;
    use crate::domain::search::{Context, Query, search};
    use std::path::Path;

    /// A response file with `n` responses whose ids start with `name`.
    fn file(name: &str, n: usize, title: &str) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "[[response]]\nid = \"{name}-{i}\"\ntitle = \"{title} {i}\"\ntopic = \"t\"\nbody = \"Parcel {name} body\"\n\n[response.translations.fr]\ntitle = \"Colis {i}\"\nbody = \"Colis {name}\"\n\n"
                )
            })
            .collect()
    }

    fn on_disk(files: &[(&str, String)]) -> Vec<OnDisk> {
        files
            .iter()
            .map(|(path, text)| {
                let mut h = Hash::new();
                h.bytes(text.as_bytes());
                OnDisk {
                    path: path.to_string(),
                    stamp: h.finish(),
                    size: text.len() as u64,
                }
            })
            .collect()
    }

    fn library(files: &[(&str, String)]) -> Library {
        let sources = files
            .iter()
            .map(|(path, text)| Source {
                path: Path::new("lib").join(path),
                bytes: Ok(text.as_bytes().to_vec()),
            })
            .collect();
        Library::assemble(Path::new("lib"), None, sources, Vec::new())
    }

    /// The layer the cache would keep for `files` (all of `now` for a base).
    fn layer(now: &[OnDisk], files: &[(&str, String)], langs: Vec<String>, base: u64) -> Layer {
        let lib = library(files);
        let index = Index::build_onto(langs, &lib.responses, relative);
        let files = now
            .iter()
            .filter(|f| files.iter().any(|(p, _)| *p == f.path))
            .map(|f| Indexed {
                path: f.path.clone(),
                stamp: f.stamp,
                docs: lib
                    .responses
                    .iter()
                    .filter(|r| r.location.path == Path::new("lib").join(&f.path))
                    .count() as u32,
            })
            .collect();
        Layer {
            index,
            notice: lib.skipped_notice(),
            settings: 1,
            base,
            files,
            sources: Vec::new(),
            fingerprints: fingerprints(&lib.responses, relative),
        }
    }

    fn relative(p: &Path) -> String {
        p.strip_prefix("lib")
            .unwrap()
            .to_string_lossy()
            .into_owned()
    }

    fn library_v1() -> Vec<(&'static str, String)> {
        vec![
            ("a.toml", file("a", 3, "Refund")),
            ("b.toml", file("b", 4, "Parcel")),
            ("c.toml", file("c", 3, "Refund late")),
            ("d.toml", file("d", 5, "Parcel lost")),
            ("e.toml", file("e", 4, "Password")),
            ("f.toml", file("f", 4, "Password reset")),
            ("g.toml", file("g", 3, "Delivery")),
            ("h.toml", file("h", 4, "Delivery late")),
            ("i.toml", file("i", 3, "Invoice")),
            ("j.toml", file("j", 4, "Invoice copy")),
        ]
    }

    /// Every query's results, with ids and languages, best first.
    fn results(index: &Index) -> Vec<Vec<(String, String, bool)>> {
        let ctx = Context {
            today: "2026-12-04".parse().unwrap(),
            usage: &|_| 0.0,
        };
        [
            "refund",
            "parcel",
            "colis",
            "parcl lost",
            "b-2",
            "late refund",
            "pass",
        ]
        .iter()
        .map(|q| {
            let query = Query::parse(&[q], Default::default()).unwrap();
            search(index, &query, &ctx, 100)
                .into_iter()
                .map(|h| {
                    let d = &index.docs[h.doc];
                    (
                        d.id.clone(),
                        index.langs[usize::from(h.lang)].clone(),
                        h.partial,
                    )
                })
                .collect()
        })
        .collect()
    }

    /// The same documents in the same order, ranked in id order.
    fn assert_same_docs(composed: &Index, whole: &Index) {
        let docs = |i: &Index| i.docs.iter().cloned().collect::<Vec<_>>();
        assert_eq!(docs(composed), docs(whole));
        let mut by_rank: Vec<usize> = (0..composed.docs.len()).collect();
        by_rank.sort_by_key(|&d| composed.docs.rank(d));
        let ids: Vec<&str> = by_rank
            .iter()
            .map(|&d| composed.docs[d].id.as_str())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
    }

    /// The base of `before`, with a delta for `after` as `plan` asks,
    /// composed; and `after` built whole.
    /// How many responses the delta indexed anew.
    fn incremental(
        before: &[(&'static str, String)],
        after: &[(&'static str, String)],
    ) -> (Index, Index, usize) {
        let base = layer(&on_disk(before), before, Vec::new(), 0);
        let now = on_disk(after);
        let Plan::Update(changed) = plan(&now, 1, &base, None) else {
            panic!("no update for {now:?}");
        };
        let changed_files: Vec<(&str, String)> =
            changed.iter().map(|&i| after[i].clone()).collect();
        let responses = library(&changed_files).responses;
        let delta = delta(&now, &changed, 1, &base, &responses, relative).expect("no clash");
        assert_eq!(
            plan(&now, 1, &base, Some(&delta)),
            Plan::Use { delta: true }
        );
        let fresh = delta.index.docs.len();
        let whole = layer(&now, after, Vec::new(), 0).index;
        (compose(&now, base, Some(delta)), whole, fresh)
    }

    #[test]
    fn an_edited_added_and_removed_file_search_as_if_rebuilt() {
        let before = library_v1();
        let mut after = before.clone();
        // Ids that sort after every other, in the second file.
        after[1].1 = file("zz", 6, "Refund parcel");
        after.remove(3);
        after.insert(2, ("bb.toml", file("bb", 2, "Late parcel")));
        let (composed, whole, _) = incremental(&before, &after);
        assert_same_docs(&composed, &whole);
        assert_eq!(results(&composed), results(&whole));
        assert!(results(&whole).iter().all(|r| !r.is_empty()));
    }

    #[test]
    fn an_edit_to_one_response_reindexes_that_response_alone() {
        let before = library_v1();
        let mut after = before.clone();
        after[3].1 = after[3]
            .1
            .replace("title = \"Parcel lost 2\"", "title = \"Refund lost\"");
        // A comment at the end moves nothing.
        after[3].1.push_str("# reviewed\n");
        searched_as_rebuilt_indexing(&before, &after, 1);
    }

    #[test]
    fn responses_that_moved_down_their_file_are_reindexed_at_their_new_line() {
        let before = library_v1();
        let mut after = before.clone();
        after[1].1 = format!("# Parcels\n\n{}", after[1].1);
        searched_as_rebuilt_indexing(&before, &after, 4);
    }

    #[test]
    fn a_response_renamed_in_place_is_reindexed() {
        let before = library_v1();
        let mut after = before.clone();
        after[0].1 = after[0].1.replace("id = \"a-1\"", "id = \"a-one\"");
        searched_as_rebuilt_indexing(&before, &after, 1);
    }

    /// `after`, reached from `before` through a delta that indexed `fresh`
    /// responses anew, has the documents and results of a rebuild.
    fn searched_as_rebuilt_indexing(
        before: &[(&'static str, String)],
        after: &[(&'static str, String)],
        fresh: usize,
    ) {
        let (composed, whole, indexed) = incremental(before, after);
        assert_eq!(indexed, fresh);
        assert_same_docs(&composed, &whole);
        assert_eq!(results(&composed), results(&whole));
    }

    /// The broken file a base skipped, removed: rebuilt, or its warning
    /// would outlive it.
    #[test]
    fn a_removed_file_of_a_base_with_a_notice_rebuilds() {
        let before = library_v1();
        let mut after = before.clone();
        after.remove(0);
        let mut base = layer(&on_disk(&before), &before, Vec::new(), 0);
        base.notice = Some("skipped 1 unreadable file".into());
        assert_eq!(plan(&on_disk(&after), 1, &base, None), Plan::Rebuild);
        assert_eq!(
            plan(&on_disk(&before), 1, &base, None),
            Plan::Use { delta: false }
        );
    }

    #[test]
    fn a_removed_file_alone_needs_no_delta() {
        let before = library_v1();
        let mut after = before.clone();
        after.remove(0);
        let base = layer(&on_disk(&before), &before, Vec::new(), 0);
        let now = on_disk(&after);
        assert_eq!(plan(&now, 1, &base, None), Plan::Use { delta: false });
        let whole = layer(&now, &after, Vec::new(), 0).index;
        let composed = compose(&now, base, None);
        assert_same_docs(&composed, &whole);
        assert_eq!(results(&composed), results(&whole));
    }

    #[test]
    fn the_plan_rebuilds_when_a_delta_would_not_be_small_or_exact() {
        let before = library_v1();
        let now = on_disk(&before);
        let base = layer(&now, &before, Vec::new(), 0);
        assert_eq!(plan(&now, 1, &base, None), Plan::Use { delta: false });
        // canned or the manifest changed.
        assert_eq!(plan(&now, 2, &base, None), Plan::Rebuild);
        // One file of ten: a delta. Four of ten: a rebuild.
        let mut after = before.clone();
        after[0].1 = file("a", 3, "Changed");
        assert_eq!(
            plan(&on_disk(&after), 1, &base, None),
            Plan::Update(vec![0])
        );
        for (i, f) in after.iter_mut().enumerate().take(4).skip(1) {
            f.1 = file(&i.to_string(), 4, "Changed");
        }
        assert_eq!(plan(&on_disk(&after), 1, &base, None), Plan::Rebuild);
        // A base that skipped something is rebuilt whole on any change.
        let mut after = before.clone();
        after[0].1 = file("a", 3, "Changed");
        let broken = Layer {
            notice: Some("skipped".into()),
            ..layer(&now, &before, Vec::new(), 0)
        };
        assert_eq!(plan(&on_disk(&after), 1, &broken, None), Plan::Rebuild);
    }

    #[test]
    fn a_delta_for_another_state_of_the_library_is_not_used() {
        let before = library_v1();
        let base = layer(&on_disk(&before), &before, Vec::new(), 0);
        let mut after = before.clone();
        after[0].1 = file("a", 3, "Changed");
        let now = on_disk(&after);
        let changed = vec![after[0].clone()];
        let delta = layer(&now, &changed, Vec::new(), base.id());
        assert_eq!(
            plan(&now, 1, &base, Some(&delta)),
            Plan::Use { delta: true }
        );
        // The same file changed again.
        after[0].1 = file("a", 3, "Changed again");
        let later = on_disk(&after);
        assert_eq!(plan(&later, 1, &base, Some(&delta)), Plan::Update(vec![0]));
        // A delta made on another base.
        let other = Layer {
            base: 7,
            ..layer(&now, &changed, Vec::new(), 0)
        };
        assert_eq!(plan(&now, 1, &base, Some(&other)), Plan::Update(vec![0]));
    }

    #[test]
    fn a_delta_that_clashes_with_the_base_is_refused() {
        let before = library_v1();
        let base = layer(&on_disk(&before), &before, Vec::new(), 0);
        let mut after = before.clone();
        // `b-1` is already an id in b.toml, which is unchanged.
        after[0].1 = file("b", 2, "Refund");
        let now = on_disk(&after);
        let changed_files = vec![after[0].clone()];
        let responses = library(&changed_files).responses;
        let delta = layer(&now, &changed_files, base.index.langs.clone(), base.id());
        let responses: Vec<&Response> = responses.iter().collect();
        assert!(clashes(&now, &[0], &base, &delta.index, &responses));
        // Moving b.toml's responses into a.toml while b.toml changes too is fine.
        after[1].1 = file("z", 1, "Other");
        let now = on_disk(&after);
        let changed_files = vec![after[0].clone(), after[1].clone()];
        let responses = library(&changed_files).responses;
        let delta = layer(&now, &changed_files, base.index.langs.clone(), base.id());
        let responses: Vec<&Response> = responses.iter().collect();
        assert!(!clashes(&now, &[0, 1], &base, &delta.index, &responses));
        // A language the base does not have.
        let mut after = before.clone();
        after[0].1 = file("a", 1, "Refund").replace("translations.fr", "translations.de");
        let now = on_disk(&after);
        let changed_files = vec![after[0].clone()];
        let responses = library(&changed_files).responses;
        let delta = layer(&now, &changed_files, base.index.langs.clone(), base.id());
        let responses: Vec<&Response> = responses.iter().collect();
        assert!(clashes(&now, &[0], &base, &delta.index, &responses));
    }
}
