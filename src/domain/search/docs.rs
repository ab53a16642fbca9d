//! The index's documents, kept as the cache stores them: one byte record
//! per response, read in place. Search reads the few fields it ranks and
//! filters by through a [`DocView`] (no copy, no allocation); a [`Doc`] with
//! owned strings is made only for a response someone looks at, the first
//! time it is asked for.

use std::sync::OnceLock;

use super::codec::{NO_DATE, Reader, Writer};
use super::index::Doc;
use super::shared::Shared;
use crate::domain::date::Date;
use crate::domain::model::Urgency;

/// Every document of an index.
#[derive(Clone, Default)]
pub struct Docs {
    /// The records, in the buffers they were read from: one, or one per
    /// segment of the index.
    parts: Vec<Records>,
    /// Where document `d` is: `(part, record)`; empty when there is one
    /// part, whose records are the documents in order.
    at: Vec<(u32, u32)>,
    /// In a joined index, where each record of the second part goes in
    /// id order among the first part's (see [`Docs::rank`]).
    placed: Vec<u64>,
    made: Vec<OnceLock<Box<Doc>>>,
}

/// Records of documents, one after the other.
#[derive(Clone, Default)]
struct Records {
    bytes: Shared,
    /// Where each record ends in `bytes`.
    ends: Vec<u32>,
    /// The records in id order (`u32`s), to place another part's among
    /// them without reading every one.
    by_id: Shared,
}

impl Records {
    fn get(&self, r: usize) -> &[u8] {
        let from = if r == 0 { 0 } else { self.ends[r - 1] as usize };
        let to = self.ends[r] as usize;
        self.bytes.as_slice().get(from..to).unwrap_or_default()
    }

    /// How many of these records have an id before `id`.
    fn ids_before(&self, id: &[u8]) -> usize {
        let by_id = self.by_id.as_slice();
        let nth = |i: usize| {
            by_id
                .get(4 * i..4 * i + 4)
                .and_then(|b| b.try_into().ok())
                .map_or(0, |b| u32::from_le_bytes(b) as usize)
        };
        let (mut lo, mut hi) = (0, by_id.len() / 4);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let record = nth(mid);
            let before = record < self.ends.len()
                && DocView {
                    record: self.get(record),
                }
                .id_bytes()
                    < id;
            if before {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

impl Docs {
    /// Records for `docs`, which are kept as they are.
    pub(crate) fn from_docs(docs: Vec<Doc>) -> Docs {
        let mut by_id: Vec<usize> = (0..docs.len()).collect();
        by_id.sort_by(|&a, &b| docs[a].id.cmp(&docs[b].id).then(a.cmp(&b)));
        let mut ranks = vec![0u32; docs.len()];
        for (rank, &d) in by_id.iter().enumerate() {
            ranks[d] = rank as u32;
        }
        let by_id: Vec<u8> = by_id
            .iter()
            .flat_map(|&d| (d as u32).to_le_bytes())
            .collect();
        let mut w = Writer(Vec::new());
        let mut ends = Vec::with_capacity(docs.len());
        for (d, rank) in docs.iter().zip(ranks) {
            write(&mut w, d, rank);
            ends.push(w.0.len() as u32);
        }
        Docs {
            parts: vec![Records {
                bytes: Shared::from(w.0),
                ends,
                by_id: Shared::from(by_id),
            }],
            at: Vec::new(),
            placed: Vec::new(),
            made: docs
                .into_iter()
                .map(|d| OnceLock::from(Box::new(d)))
                .collect(),
        }
    }

    /// The records in `bytes` ending at `ends`, in id order as `by_id`
    /// says, if the ends are in order, the last is the end of `bytes`, and
    /// `by_id` has one number per record. The records themselves are read
    /// only when asked for (the cache's checksum vouches for them), and a
    /// record that does not read whole reads as an empty document, never a
    /// panic.
    pub(crate) fn from_records(bytes: Shared, ends: Vec<u32>, by_id: Shared) -> Option<Docs> {
        let sound = ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().map_or(0, |&e| e as usize) == bytes.as_slice().len()
            && by_id.as_slice().len() == 4 * ends.len();
        if !sound {
            return None;
        }
        let made = ends.iter().map(|_| OnceLock::new()).collect();
        Some(Docs {
            parts: vec![Records { bytes, ends, by_id }],
            at: Vec::new(),
            placed: Vec::new(),
            made,
        })
    }

    /// The documents of `parts` (one or two, each of one part) that `at`
    /// names, in its order: `(part, document)`, each within its part.
    pub(crate) fn join(parts: Vec<Docs>, at: Vec<(u32, u32)>) -> Docs {
        let parts: Vec<Records> = parts.into_iter().flat_map(|d| d.parts).collect();
        let made = at.iter().map(|_| OnceLock::new()).collect();
        // The second part's few records, each placed among the first's by
        // a binary search over its id order.
        let placed = match (parts.first(), parts.get(1)) {
            (Some(first), Some(second)) => (0..second.ends.len())
                .map(|r| {
                    let v = DocView {
                        record: second.get(r),
                    };
                    ((first.ids_before(v.id_bytes()) as u64) << 32) | u64::from(v.own_rank())
                })
                .collect(),
            _ => Vec::new(),
        };
        Docs {
            parts,
            at,
            placed,
            made,
        }
    }

    /// A key that orders the documents by id. In a joined index, a record
    /// of the first part has its own rank, and one of the second the
    /// number of the first part's ids before its own: ties between the two
    /// cannot happen, since a joined index never has an id twice among the
    /// documents it shows.
    pub fn rank(&self, d: usize) -> u64 {
        let own = u64::from(self.view(d).own_rank());
        match self.at.get(d) {
            None | Some((0, _)) => (own << 32) | 1 << 31,
            Some(&(_, r)) => self.placed.get(r as usize).copied().unwrap_or(u64::MAX),
        }
    }

    pub fn len(&self) -> usize {
        self.made.len()
    }

    pub fn is_empty(&self) -> bool {
        self.made.is_empty()
    }

    fn record(&self, d: usize) -> &[u8] {
        let (part, r) = match self.at.get(d) {
            Some(&(part, r)) => (part as usize, r as usize),
            None => (0, d),
        };
        self.parts.get(part).map_or(&[], |p| p.get(r))
    }

    /// The id and shortcut (empty when none) of document `d`, read alone:
    /// looking for an exact name reads them for every document.
    pub fn names(&self, d: usize) -> (&[u8], &[u8]) {
        let v = self.view(d);
        (v.part(Part::Id), v.part(Part::Shortcut))
    }

    /// Document `d` read in place: each field is read when asked for.
    pub fn view(&self, d: usize) -> DocView<'_> {
        DocView {
            record: self.record(d),
        }
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Doc> {
        (0..self.len()).map(|d| &self[d])
    }

    /// The records as bytes, and their id order, for the cache: those of
    /// an index built whole (a joined one is never written).
    pub(crate) fn records(&self) -> (&[u32], &[u8], &[u8]) {
        self.parts.first().map_or((&[], &[], &[]), |p| {
            (&p.ends, p.bytes.as_slice(), p.by_id.as_slice())
        })
    }
}

impl std::ops::Index<usize> for Docs {
    type Output = Doc;

    fn index(&self, d: usize) -> &Doc {
        self.made[d].get_or_init(|| Box::new(self.view(d).to_doc()))
    }
}

impl PartialEq for Docs {
    fn eq(&self, other: &Docs) -> bool {
        self.len() == other.len() && (0..self.len()).all(|d| self.record(d) == other.record(d))
    }
}

impl std::fmt::Debug for Docs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A record's variable-length fields, in order; its head says where each
/// ends, so that any one is read without reading those before it.
#[derive(Clone, Copy)]
enum Part {
    Id,
    Shortcut,
    Topic,
    Customers,
    Tags,
    Langs,
    Titles,
    File,
    Owner,
}

const PARTS: usize = 9;
/// Where the head's fields are: the urgency (1 byte), the expiry, review
/// date and line (8 bytes each), the rank by id (4 bytes), then the end of
/// each part (4 bytes each, counted from the end of the head).
const EXPIRES: usize = 1;
const REVIEWED: usize = 9;
const LINE: usize = 17;
/// The document's place in its own part's id order (4 bytes).
const RANK: usize = 25;
const ENDS: usize = 29;
const HEAD: usize = ENDS + 4 * PARTS;

/// One document read in place: a search reads the few fields it filters
/// and ranks by, each with a bounds-checked look at the record's head.
/// Strings stay bytes until asked for; a record that does not read whole
/// reads as empty fields, never a panic.
#[derive(Clone, Copy, Default)]
pub struct DocView<'a> {
    record: &'a [u8],
}

fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

impl<'a> DocView<'a> {
    fn bytes<const N: usize>(&self, at: usize) -> Option<[u8; N]> {
        self.record.get(at..at + N)?.try_into().ok()
    }

    fn part(&self, part: Part) -> &'a [u8] {
        let end = |i: usize| {
            self.bytes::<4>(ENDS + 4 * i)
                .map(|b| u32::from_le_bytes(b) as usize)
        };
        let i = part as usize;
        let from = if i == 0 { Some(0) } else { end(i - 1) };
        from.zip(end(i))
            .and_then(|(from, to)| self.record.get(HEAD..)?.get(from..to))
            .unwrap_or_default()
    }

    fn date(&self, at: usize) -> Option<Date> {
        self.bytes::<8>(at)
            .map(i64::from_le_bytes)
            .filter(|&n| n != NO_DATE)
            .map(Date::from_days)
    }

    /// The id as bytes, for comparing without a UTF-8 check.
    pub fn id_bytes(&self) -> &'a [u8] {
        self.part(Part::Id)
    }

    pub fn id(&self) -> &'a str {
        text(self.id_bytes())
    }

    /// The place of the document in its own part's id order.
    fn own_rank(&self) -> u32 {
        self.bytes::<4>(RANK).map_or(0, u32::from_le_bytes)
    }

    pub fn urgency(&self) -> Urgency {
        self.record
            .first()
            .and_then(|&u| Urgency::ALL.get(usize::from(u)))
            .copied()
            .unwrap_or_default()
    }

    pub fn topic(&self) -> &'a str {
        text(self.part(Part::Topic))
    }

    pub fn customers(&self) -> Strs<'a> {
        Strs(self.part(Part::Customers))
    }

    pub fn tags(&self) -> Strs<'a> {
        Strs(self.part(Part::Tags))
    }

    pub fn expires(&self) -> Option<Date> {
        self.date(EXPIRES)
    }

    /// Indexes into `Index::langs`, the response's own language first.
    pub fn langs(&self) -> &'a [u8] {
        self.part(Part::Langs)
    }

    fn to_doc(self) -> Doc {
        let some = |b: &[u8]| Some(text(b).to_string()).filter(|s| !s.is_empty());
        let strings = |s: Strs<'_>| s.iter().map(str::to_string).collect();
        Doc {
            id: self.id().to_string(),
            shortcut: some(self.part(Part::Shortcut)),
            urgency: self.urgency(),
            topic: self.topic().to_string(),
            customers: strings(self.customers()),
            tags: strings(self.tags()),
            expires: self.expires(),
            langs: self.langs().to_vec(),
            titles: strings(Strs(self.part(Part::Titles))),
            file: text(self.part(Part::File)).to_string(),
            line: self
                .bytes::<8>(LINE)
                .and_then(|b| usize::try_from(u64::from_le_bytes(b)).ok())
                .unwrap_or(0),
            owner: some(self.part(Part::Owner)),
            reviewed: self.date(REVIEWED),
        }
    }
}

/// A list of strings read in place: a count, then each string's length and
/// bytes.
#[derive(Clone, Copy, Default)]
pub struct Strs<'a>(&'a [u8]);

impl<'a> Strs<'a> {
    pub fn iter(self) -> impl Iterator<Item = &'a str> {
        let mut r = Reader {
            buf: self.0,
            pos: 0,
        };
        let n = r.len().unwrap_or(0);
        (0..n)
            .map_while(move |_| {
                let n = r.len()?;
                r.take(n)
            })
            .map(text)
    }
}

/// One record: the head (see [`HEAD`]), then the parts in order.
fn write(w: &mut Writer, d: &Doc, rank: u32) {
    w.u8(d.urgency as u8);
    w.date(d.expires);
    w.date(d.reviewed);
    w.u64(u64::try_from(d.line).unwrap_or(u64::MAX));
    w.u32(rank);
    let mut parts = Writer(Vec::new());
    let mut ends = Vec::with_capacity(PARTS);
    let mut end = |parts: &Writer| ends.push(parts.0.len() as u32);
    parts.0.extend_from_slice(d.id.as_bytes());
    end(&parts);
    parts
        .0
        .extend_from_slice(d.shortcut.as_deref().unwrap_or("").as_bytes());
    end(&parts);
    parts.0.extend_from_slice(d.topic.as_bytes());
    end(&parts);
    parts.strs(&d.customers);
    end(&parts);
    parts.strs(&d.tags);
    end(&parts);
    parts.0.extend_from_slice(&d.langs);
    end(&parts);
    parts.strs(&d.titles);
    end(&parts);
    parts.0.extend_from_slice(d.file.as_bytes());
    end(&parts);
    parts
        .0
        .extend_from_slice(d.owner.as_deref().unwrap_or("").as_bytes());
    end(&parts);
    ends.iter().for_each(|&e| w.u32(e));
    w.0.extend_from_slice(&parts.0);
}
