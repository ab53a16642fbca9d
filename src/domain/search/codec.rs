//! The search index as bytes, for the on-disk cache: a checksummed,
//! length-checked layout. A damaged or truncated buffer decodes to `None`,
//! never to a wrong index, and no length in it can ask for more memory than
//! the buffer holds.

use crate::domain::date::Date;
pub use crate::domain::search::hash::Hash;
use crate::domain::search::hash::checksum;

use crate::domain::search::docs::Docs;
use crate::domain::search::index::{Index, Segment, Vocab};
use crate::domain::search::layers::{Indexed, Layer, REUSED};
use crate::domain::search::shared::Shared;

const MAGIC: &[u8; 8] = b"CANNEDIX";
/// Bumped whenever the layout or the index's meaning changes.
const FORMAT: u32 = 11;
/// The day number that stands for "no date".
pub(crate) const NO_DATE: i64 = i64::MIN;

/// Bytes being written, little-endian, lengths as `u32`.
pub(crate) struct Writer(pub(crate) Vec<u8>);

impl Writer {
    pub(crate) fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn strs(&mut self, v: &[String]) {
        self.u32(v.len() as u32);
        v.iter().for_each(|s| self.str(s));
    }
    /// A day as its signed day number, [`NO_DATE`] for none.
    pub(crate) fn date(&mut self, d: Option<Date>) {
        let n = d.map_or(NO_DATE, |d| d.days_since(Date::from_days(0)));
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    pub(crate) fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        v.iter().for_each(|&x| self.u32(x));
    }
}

/// A layer of the index (its index, load notice and files) as cache bytes.
///
/// After the header ([`frame`]), all little-endian, lengths as `u32`:
/// the notice; the settings and the base's id (`u64`); the file count,
/// then each file's path, stamp (`u64`) and document count; the sources
/// (a delta's, see `Layer::sources`); the language names; the document count N, then N record ends, then the records' byte
/// length and the records (one per response, the layout of `docs::write`,
/// read in place), then the byte length of the records' numbers in id order
/// and those numbers, then the byte length of the fingerprints (a `u64`
/// per record) and those; the word count W, then W word ends, then the
/// vocabulary's byte length and all its words concatenated in order (read
/// with one copy); the W + 1 postings offsets; the postings' byte length
/// and the postings (LEB128 deltas).
pub fn encode(layer: &Layer) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.str(layer.notice.as_deref().unwrap_or(""));
    w.u64(layer.settings);
    w.u64(layer.base);
    w.u32(layer.files.len() as u32);
    for f in &layer.files {
        w.str(&f.path);
        w.u64(f.stamp);
        w.u32(f.docs);
    }
    w.u32s(&layer.sources);
    let index = &layer.index;
    w.strs(&index.langs);
    let (ends, records, by_id) = index.docs.records();
    w.u32s(ends);
    w.u32(records.len() as u32);
    w.0.extend_from_slice(records);
    w.u32(by_id.len() as u32);
    w.0.extend_from_slice(by_id);
    w.u32(layer.fingerprints.as_slice().len() as u32);
    w.0.extend_from_slice(layer.fingerprints.as_slice());
    let empty = Segment::default();
    // A layer is built whole: it has one segment.
    let segment = index.segments.first().unwrap_or(&empty);
    w.u32s(&segment.vocab.ends);
    w.str(&segment.vocab.text);
    w.u32s(&segment.offsets);
    w.u32(segment.postings.as_slice().len() as u32);
    w.0.extend_from_slice(segment.postings.as_slice());
    frame(MAGIC, FORMAT, 0, &w.0)
}

/// `payload` behind a header: what it is, its layout's version, the
/// library state it was made from, and its checksum.
pub(crate) fn frame(magic: &[u8; 8], format: u32, key: u64, payload: &[u8]) -> Vec<u8> {
    let sum = checksum(payload);
    let mut out = Vec::with_capacity(payload.len() + 28);
    out.extend_from_slice(magic);
    out.extend_from_slice(&format.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&sum.to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Whether a cache's checksum is verified before it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trust {
    Verify,
    /// The platform knows the bytes are the ones canned wrote or verified
    /// (see its cache's seals): they are still read with every length and
    /// offset checked, so nothing can panic or read out of bounds.
    Sealed,
}

/// A reader of the payload [`frame`] wrote, if the header matches and the
/// checksum holds (unless the bytes are [`Trust::Sealed`]).
pub(crate) fn unframe<'a>(
    bytes: &'a [u8],
    magic: &[u8; 8],
    format: u32,
    key: u64,
    trust: Trust,
) -> Option<Reader<'a>> {
    let mut r = Reader { buf: bytes, pos: 0 };
    if r.take(8)? != magic || r.u32()? != format || r.u64()? != key {
        return None;
    }
    let sum = r.u64()?;
    (trust == Trust::Sealed || checksum(&bytes[r.pos..]) == sum).then_some(r)
}

/// Bytes being read back: every read is bounds-checked, and no length can
/// ask for more than what is left.
pub(crate) struct Reader<'a> {
    pub(crate) buf: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn f32(&mut self) -> Option<f32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(f32::from_le_bytes)
            .filter(|v| v.is_finite())
    }
    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    }
    pub(crate) fn date(&mut self) -> Option<Option<Date>> {
        let n = self
            .take(8)
            .and_then(|b| b.try_into().ok())
            .map(i64::from_le_bytes)?;
        Some((n != NO_DATE).then(|| Date::from_days(n)))
    }
    pub(crate) fn len(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        // No count can exceed what is left: a damaged length fails here
        // instead of asking for gigabytes.
        (n <= self.buf.len() - self.pos).then_some(n)
    }
    pub(crate) fn str(&mut self) -> Option<String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).ok().map(str::to_string)
    }
    pub(crate) fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
    pub(crate) fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len()?;
        let bytes = self.take(n.checked_mul(4)?)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

/// The layer in `bytes`, if they are a complete, undamaged cache. Its
/// documents and postings stay in `bytes`, which the index keeps.
pub fn decode(bytes: Shared, trust: Trust) -> Option<Layer> {
    let mut r = unframe(bytes.as_slice(), MAGIC, FORMAT, 0, trust)?;
    let notice = r.str()?;
    let settings = r.u64()?;
    let base = r.u64()?;
    let n = r.len()?;
    let files = (0..n)
        .map(|_| {
            Some(Indexed {
                path: r.str()?,
                stamp: r.u64()?,
                docs: r.u32()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let sources = r.u32s()?;
    let langs = r.strs()?;
    let doc_ends = r.u32s()?;
    let n = r.len()?;
    let records = bytes.slice(r.pos..r.pos + n)?;
    r.take(n)?;
    let n = r.len()?;
    let by_id = bytes.slice(r.pos..r.pos + n)?;
    r.take(n)?;
    let n = r.len()?;
    let fingerprints = bytes.slice(r.pos..r.pos + n)?;
    r.take(n)?;
    let vocab = Vocab {
        ends: r.u32s()?,
        text: r.str()?,
    };
    let offsets = r.u32s()?;
    let n = r.len()?;
    let postings = bytes.slice(r.pos..r.pos + n)?;
    r.take(n)?;
    let documents: u64 = files.iter().map(|f| u64::from(f.docs)).sum();
    // A base's files give its documents in order; a delta's, its sources.
    let own = doc_ends.len() as u64;
    let sourced = if base == 0 {
        sources.is_empty() && documents == own
    } else {
        sources.len() as u64 == documents
            && sources
                .iter()
                .all(|&s| s & REUSED != 0 || u64::from(s) < own)
    };
    let sound = r.pos == bytes.as_slice().len()
        && sourced
        && fingerprints.as_slice().len() as u64 == own * 8
        && vocab.is_sound()
        && offsets.len() == vocab.len() + 1
        && offsets.first() == Some(&0)
        && offsets.windows(2).all(|w| w[0] <= w[1])
        && offsets.last().is_some_and(|&l| l as usize == n);
    if !sound {
        return None;
    }
    let docs = Docs::from_records(records, doc_ends, by_id)?;
    let index = Index {
        langs,
        docs,
        segments: vec![Segment {
            vocab,
            offsets,
            postings,
            global: Vec::new(),
        }],
    };
    Some(Layer {
        index,
        notice: Some(notice).filter(|n| !n.is_empty()),
        settings,
        base,
        files,
        sources,
        fingerprints,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_index() -> Index {
        let lib = crate::platform::library::sample();
        Index::build(&lib.responses)
    }

    /// `index` as a base layer of one file.
    fn layer(index: Index, notice: Option<&str>) -> Layer {
        Layer {
            fingerprints: vec![7; index.docs.len() * 8].into(),
            sources: Vec::new(),
            files: vec![Indexed {
                path: "all.toml".into(),
                stamp: 9,
                docs: index.docs.len() as u32,
            }],
            index,
            notice: notice.map(str::to_string),
            settings: 5,
            base: 0,
        }
    }

    #[test]
    fn an_index_round_trips_through_the_cache_format() {
        let index = sample_index();
        let bytes = encode(&layer(index.clone(), Some("note")));
        let back = decode(bytes.into(), Trust::Verify).unwrap();
        assert_eq!(back.index, index);
        assert_eq!(back.notice.as_deref(), Some("note"));
        assert_eq!((back.settings, back.base), (5, 0));
        assert_eq!(back.files, layer(index, None).files);
    }

    #[test]
    fn files_that_do_not_account_for_every_document_are_refused() {
        let mut wrong = layer(sample_index(), None);
        wrong.files[0].docs -= 1;
        assert!(decode(encode(&wrong).into(), Trust::Verify).is_none());
    }

    #[test]
    fn a_delta_round_trips_and_one_whose_sources_are_not_its_documents_is_refused() {
        let index = sample_index();
        let own = index.docs.len() as u32;
        let delta = |sources: Vec<u32>| {
            let mut delta = layer(index.clone(), None);
            delta.base = 3;
            delta.files[0].docs = sources.len() as u32;
            delta.sources = sources;
            decode(encode(&delta).into(), Trust::Verify)
        };
        let sources: Vec<u32> = (0..own).chain([REUSED | 5, REUSED]).collect();
        let back = delta(sources.clone()).unwrap();
        assert_eq!((back.sources, back.base), (sources, 3));
        assert!(delta(vec![0, own]).is_none(), "a document it does not have");
        let mut base = layer(index.clone(), None);
        base.sources = vec![0];
        assert!(
            decode(encode(&base).into(), Trust::Verify).is_none(),
            "a base with sources"
        );
        let mut base = layer(index.clone(), None);
        base.fingerprints = vec![7; 8].into();
        assert!(
            decode(encode(&base).into(), Trust::Verify).is_none(),
            "fingerprints short"
        );
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_refused() {
        let bytes = encode(&layer(Index::build(&[]), Some("x")));
        for n in 0..bytes.len() {
            assert!(
                decode(bytes[..n].to_vec().into(), Trust::Verify).is_none(),
                "truncated at {n}"
            );
        }
        let bytes = encode(&layer(sample_index(), None));
        for i in (0..bytes.len()).step_by(97) {
            let mut damaged = bytes.clone();
            damaged[i] ^= 0x55;
            assert!(
                decode(damaged.into(), Trust::Verify).is_none(),
                "flipped byte {i}"
            );
        }
    }

    #[test]
    fn a_payload_with_a_sound_checksum_but_bad_records_is_refused_or_read_empty() {
        let index = sample_index();
        let payload = encode(&layer(index.clone(), None))[28..].to_vec();
        // The first record's end (past the notice, the settings, the base,
        // the file, the sources, the languages and the count), made past
        // the next one's.
        let file = 4 + 4 + "all.toml".len() + 8 + 4;
        let ends_at =
            4 + 16 + file + 4 + 4 + index.langs.iter().map(|l| 4 + l.len()).sum::<usize>();
        let mut bad = payload.clone();
        bad[ends_at + 4..ends_at + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(
            decode(frame(MAGIC, FORMAT, 0, &bad).into(), Trust::Verify).is_none(),
            "record ends"
        );
        // Bad UTF-8 in an id (only a writer's bug could do it): that
        // document reads without it, nothing panics.
        let id = index.docs[0].id.as_bytes();
        let at = payload.windows(id.len()).position(|w| w == id).unwrap();
        let mut bad = payload.clone();
        bad[at] = 0xff;
        let back = decode(frame(MAGIC, FORMAT, 0, &bad).into(), Trust::Verify)
            .unwrap()
            .index;
        assert_eq!(back.docs[0].id, "");
        assert_eq!(back.docs[1], index.docs[1]);
    }

    #[test]
    fn documents_read_in_place_are_the_ones_indexed() {
        let index = sample_index();
        let back = decode(encode(&layer(index.clone(), None)).into(), Trust::Verify)
            .unwrap()
            .index;
        assert_eq!(back.docs.len(), index.docs.len());
        for d in 0..index.docs.len() {
            assert_eq!(back.docs[d], index.docs[d]);
            assert_eq!(back.docs.view(d).id(), index.docs[d].id);
        }
    }
}
