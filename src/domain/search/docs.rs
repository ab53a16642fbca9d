//! The index's documents, kept as the cache stores them: one byte record
//! per response, read in place. Search reads the few fields it ranks and
//! filters by through a [`DocView`] (no copy, no allocation); a [`Doc`] with
//! owned strings is made only for a response someone looks at, the first
//! time it is asked for.

use std::sync::OnceLock;

use super::codec::{Reader, Writer};
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
    made: Vec<OnceLock<Box<Doc>>>,
}

/// Records of documents, one after the other.
#[derive(Clone, Default)]
struct Records {
    bytes: Shared,
    /// Where each record ends in `bytes`.
    ends: Vec<u32>,
}

impl Records {
    fn get(&self, r: usize) -> &[u8] {
        let from = if r == 0 { 0 } else { self.ends[r - 1] as usize };
        let to = self.ends[r] as usize;
        self.bytes.as_slice().get(from..to).unwrap_or_default()
    }
}

impl Docs {
    /// Records for `docs`, which are kept as they are.
    pub(crate) fn from_docs(docs: Vec<Doc>) -> Docs {
        let mut w = Writer(Vec::new());
        let mut ends = Vec::with_capacity(docs.len());
        for d in &docs {
            write(&mut w, d);
            ends.push(w.0.len() as u32);
        }
        Docs {
            parts: vec![Records {
                bytes: Shared::from(w.0),
                ends,
            }],
            at: Vec::new(),
            made: docs
                .into_iter()
                .map(|d| OnceLock::from(Box::new(d)))
                .collect(),
        }
    }

    /// The records in `bytes` ending at `ends`, if the ends are in order
    /// and the last is the end of `bytes`. The records themselves are read
    /// only when asked for (the cache's checksum vouches for them), and a
    /// record that does not read whole reads as an empty document, never a
    /// panic.
    pub(crate) fn from_records(bytes: Shared, ends: Vec<u32>) -> Option<Docs> {
        let sound = ends.windows(2).all(|w| w[0] <= w[1])
            && ends.last().map_or(0, |&e| e as usize) == bytes.as_slice().len();
        if !sound {
            return None;
        }
        let made = ends.iter().map(|_| OnceLock::new()).collect();
        Some(Docs {
            parts: vec![Records { bytes, ends }],
            at: Vec::new(),
            made,
        })
    }

    /// The documents of `parts` (each of one part) that `at` names, in
    /// its order: `(part, document)`, each within its part.
    pub(crate) fn join(parts: Vec<Docs>, at: Vec<(u32, u32)>) -> Docs {
        let parts: Vec<Records> = parts.into_iter().flat_map(|d| d.parts).collect();
        let made = at.iter().map(|_| OnceLock::new()).collect();
        Docs { parts, at, made }
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
        let mut r = Reader {
            buf: self.record(d),
            pos: 0,
        };
        let mut next = || r.len().and_then(|n| r.take(n)).unwrap_or_default();
        (next(), next())
    }

    /// Document `d` read in place.
    pub fn view(&self, d: usize) -> DocView<'_> {
        read(&mut Reader {
            buf: self.record(d),
            pos: 0,
        })
        .unwrap_or_default()
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Doc> {
        (0..self.len()).map(|d| &self[d])
    }

    /// The records as bytes, for the cache: those of an index built whole
    /// (a joined one is never written).
    pub(crate) fn records(&self) -> (&[u32], &[u8]) {
        self.parts
            .first()
            .map_or((&[], &[]), |p| (&p.ends, p.bytes.as_slice()))
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

/// One document read in place. Strings stay bytes until asked for; they
/// were checked to be UTF-8 when the records were.
#[derive(Clone, Copy, Default)]
pub struct DocView<'a> {
    pub id: &'a [u8],
    /// Empty when none.
    pub shortcut: &'a [u8],
    pub urgency: Urgency,
    topic: &'a [u8],
    pub customers: Strs<'a>,
    pub tags: Strs<'a>,
    pub expires: Option<Date>,
    pub langs: &'a [u8],
    titles: Strs<'a>,
    file: &'a [u8],
    line: usize,
    owner: &'a [u8],
    reviewed: Option<Date>,
}

fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap_or_default()
}

impl<'a> DocView<'a> {
    pub fn id(&self) -> &'a str {
        text(self.id)
    }

    pub fn topic(&self) -> &'a str {
        text(self.topic)
    }

    fn to_doc(self) -> Doc {
        let some = |b: &[u8]| Some(text(b).to_string()).filter(|s| !s.is_empty());
        Doc {
            id: self.id().to_string(),
            shortcut: some(self.shortcut),
            urgency: self.urgency,
            topic: self.topic().to_string(),
            customers: self.customers.iter().map(str::to_string).collect(),
            tags: self.tags.iter().map(str::to_string).collect(),
            expires: self.expires,
            langs: self.langs.to_vec(),
            titles: self.titles.iter().map(str::to_string).collect(),
            file: text(self.file).to_string(),
            line: self.line,
            owner: some(self.owner),
            reviewed: self.reviewed,
        }
    }
}

/// A list of strings read in place.
#[derive(Clone, Copy, Default)]
pub struct Strs<'a> {
    bytes: &'a [u8],
    n: usize,
}

impl<'a> Strs<'a> {
    pub fn iter(self) -> impl Iterator<Item = &'a str> {
        let mut r = Reader {
            buf: self.bytes,
            pos: 0,
        };
        (0..self.n)
            .map_while(move |_| {
                let n = r.len()?;
                r.take(n)
            })
            .map(text)
    }
}

/// One record: the layout `codec` documents.
fn write(w: &mut Writer, d: &Doc) {
    w.str(&d.id);
    w.str(d.shortcut.as_deref().unwrap_or(""));
    w.u8(d.urgency as u8);
    w.str(&d.topic);
    w.strs(&d.customers);
    w.strs(&d.tags);
    w.date(d.expires);
    w.u32(d.langs.len() as u32);
    d.langs.iter().for_each(|&l| w.u8(l));
    w.strs(&d.titles);
    w.str(&d.file);
    w.u64(u64::try_from(d.line).unwrap_or(u64::MAX));
    w.str(d.owner.as_deref().unwrap_or(""));
    w.date(d.reviewed);
}

fn read<'a>(r: &mut Reader<'a>) -> Option<DocView<'a>> {
    let bytes = |r: &mut Reader<'a>| {
        let n = r.len()?;
        r.take(n)
    };
    let strs = |r: &mut Reader<'a>| {
        let n = r.len()?;
        let from = r.pos;
        for _ in 0..n {
            let len = r.len()?;
            r.take(len)?;
        }
        Some(Strs {
            bytes: r.buf.get(from..r.pos)?,
            n,
        })
    };
    Some(DocView {
        id: bytes(r)?,
        shortcut: bytes(r)?,
        urgency: *Urgency::ALL.get(usize::from(r.u8()?))?,
        topic: bytes(r)?,
        customers: strs(r)?,
        tags: strs(r)?,
        expires: r.date()?,
        langs: bytes(r)?,
        titles: strs(r)?,
        file: bytes(r)?,
        line: usize::try_from(r.u64()?).ok()?,
        owner: bytes(r)?,
        reviewed: r.date()?,
    })
}
