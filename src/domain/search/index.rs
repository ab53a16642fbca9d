//! The search index: every word of every response's shortcut, id, title,
//! tags and body, folded, with where it occurs. Built from a library, or
//! read back from the cache.

use std::collections::HashMap;

use super::docs::Docs;
use super::fold::{each_word, fold, words};
use super::hash::Hash;
use super::shared::Shared;
use crate::domain::date::Date;
use crate::domain::model::{Response, Text, Urgency};
use crate::domain::template::blank_syntax;

/// Where a word occurs, most important first; `WEIGHTS` gives each its weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Field {
    Shortcut = 0,
    Id = 1,
    Title = 2,
    Tag = 3,
    Body = 4,
    Examples = 5,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Shortcut,
        Field::Id,
        Field::Title,
        Field::Tag,
        Field::Body,
        Field::Examples,
    ];
}

/// The contract's order: shortcut, id, title, tags, body; then the
/// customers' phrasings (`examples`), which order replies the rest found
/// alike for a sentence typed ("où est ma commande").
pub const WEIGHTS: [f32; 6] = [5.0, 4.0, 3.0, 2.0, 1.0, 0.5];

/// The language slot of fields that belong to every language (shortcut, id, tags).
pub const NEUTRAL: u8 = 15;

/// What search needs to know about one response, without the library.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub id: String,
    pub shortcut: Option<String>,
    pub urgency: Urgency,
    pub topic: String,
    pub customers: Vec<String>,
    pub tags: Vec<String>,
    pub expires: Option<Date>,
    /// Indexes into `Index::langs`, the response's own language first.
    pub langs: Vec<u8>,
    /// The title in each of `langs`.
    pub titles: Vec<String>,
    /// The file the response is in (relative to the library in the cache).
    pub file: String,
    /// The line of its `[[response]]` header.
    pub line: usize,
    pub owner: Option<String>,
    pub reviewed: Option<Date>,
}

/// The documents, and the words they contain in one segment or more.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    pub langs: Vec<String>,
    pub docs: Docs,
    /// One when the index was built whole; two when the files changed since
    /// were indexed apart (see `layers`).
    pub(crate) segments: Vec<Segment>,
}

/// Words with their postings, sorted so prefixes are contiguous.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Segment {
    pub(crate) vocab: Vocab,
    /// `postings[offsets[w]..offsets[w + 1]]` are the postings of `vocab[w]`.
    pub(crate) offsets: Vec<u32>,
    /// Postings (`doc << 8 | field << 4 | lang`), sorted per word and stored
    /// as LEB128 deltas: a third of the size, so the cache reads faster.
    pub(crate) postings: Shared,
    /// The index's number of each of this segment's documents, [`GONE`]
    /// for one whose file has changed or gone since; empty when they are
    /// the segment's own numbers.
    pub(crate) global: Vec<u32>,
}

/// In [`Segment::global`], a document that is no longer in the library.
pub(crate) const GONE: u32 = u32::MAX;

/// The vocabulary: every word in one string, in order, so reading it back
/// is one copy rather than one allocation per word.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Vocab {
    pub(crate) text: String,
    /// Where each word ends in `text`.
    pub(crate) ends: Vec<u32>,
}

impl Vocab {
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Word `w`; its bounds were checked when the vocabulary was read.
    pub(crate) fn get(&self, w: usize) -> &str {
        let from = if w == 0 { 0 } else { self.ends[w - 1] as usize };
        self.text
            .get(from..self.ends[w] as usize)
            .unwrap_or_default()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|w| self.get(w))
    }

    /// Whether every word ends within `text`, in order, on a character boundary.
    pub(crate) fn is_sound(&self) -> bool {
        let mut from = 0;
        self.ends.iter().all(|&e| {
            let ok = self.text.get(from..e as usize).is_some();
            from = e as usize;
            ok
        }) && from == self.text.len()
    }

    /// The first word in `range` for which `before` is false (`before`
    /// holds for a leading run of words, as for `slice::partition_point`).
    fn partition_point(
        &self,
        range: std::ops::Range<usize>,
        before: impl Fn(&str) -> bool,
    ) -> usize {
        let (mut lo, mut hi) = (range.start, range.end);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if before(self.get(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

impl Doc {
    /// The title in language `lang` (an index into `Index::langs`), or in
    /// the response's own language when it has no such translation.
    pub fn title_in(&self, lang: u8) -> &str {
        let slot = self.langs.iter().position(|&l| l == lang).unwrap_or(0);
        // Never out of range for an index canned wrote; no panic if it were.
        self.titles
            .get(slot)
            .or(self.titles.first())
            .map_or("", String::as_str)
    }
}

pub fn posting(doc: usize, field: Field, lang: u8) -> u32 {
    ((doc as u32) << 8) | ((field as u32) << 4) | u32::from(lang)
}

pub fn unpack(p: u32) -> (usize, usize, u8) {
    (
        (p >> 8) as usize,
        ((p >> 4) & 0xf) as usize,
        (p & 0xf) as u8,
    )
}

impl Index {
    /// Indexes `responses`. Template syntax in bodies (`{{ name }}`,
    /// `{% include … %}`) is not text the customer reads, so it is blanked out.
    pub fn build<'a>(responses: impl IntoIterator<Item = &'a Response>) -> Index {
        Index::build_with(responses, |p| p.to_string_lossy().into_owned())
    }

    /// [`Index::build`], with each response's file named by `file_name`.
    pub fn build_with<'a>(
        responses: impl IntoIterator<Item = &'a Response>,
        file_name: impl Fn(&std::path::Path) -> String,
    ) -> Index {
        Index::build_onto(Vec::new(), responses, file_name)
    }

    /// [`Index::build_with`], numbering languages from `langs` on, so that
    /// this index can be searched together with the one they came from.
    pub fn build_onto<'a>(
        langs: Vec<String>,
        responses: impl IntoIterator<Item = &'a Response>,
        file_name: impl Fn(&std::path::Path) -> String,
    ) -> Index {
        let mut index = Index {
            langs,
            ..Index::default()
        };
        let mut segment = Segment::default();
        let mut docs = Vec::new();
        // foldhash (seeded per process, as std's hasher is) rather than
        // SipHash: hashing each word is a good part of indexing.
        let mut words_of: HashMap<String, Vec<u32>, foldhash::fast::RandomState> =
            HashMap::default();
        for (d, r) in responses.into_iter().enumerate() {
            let mut add = |text: &str, field: Field, lang: u8| {
                each_word(text, |w| {
                    let p = posting(d, field, lang);
                    // A word seen before is looked up, not copied.
                    let Some(list) = words_of.get_mut(w) else {
                        words_of.insert(w.to_string(), vec![p]);
                        return;
                    };
                    // Postings arrive doc by doc: a duplicate can only be
                    // among this doc's own, at the end of the list.
                    let this_doc = (d as u32) << 8;
                    if !list
                        .iter()
                        .rev()
                        .take_while(|&&q| q & !0xff == this_doc)
                        .any(|&q| q == p)
                    {
                        list.push(p);
                    }
                });
            };
            if let Some(s) = &r.shortcut {
                add(s, Field::Shortcut, NEUTRAL);
            }
            add(r.id.as_str(), Field::Id, NEUTRAL);
            for t in &r.tags {
                add(t, Field::Tag, NEUTRAL);
            }
            let mut langs = Vec::new();
            let mut titles = Vec::new();
            for (lang, text) in r.texts() {
                let l = match index.langs.iter().position(|x| x == lang.as_str()) {
                    Some(i) => i,
                    None if index.langs.len() < usize::from(NEUTRAL) => {
                        index.langs.push(lang.to_string());
                        index.langs.len() - 1
                    }
                    // Past 15 languages, the rest are searched as the last one.
                    None => usize::from(NEUTRAL) - 1,
                } as u8;
                add(&text.title, Field::Title, l);
                add(&blank_syntax(&text.body), Field::Body, l);
                for example in &text.examples {
                    add(example, Field::Examples, l);
                }
                langs.push(l);
                titles.push(text.title.clone());
            }
            docs.push(Doc {
                id: r.id.to_string(),
                shortcut: r.shortcut.clone(),
                urgency: r.urgency,
                topic: r.topic.to_string(),
                customers: r.customers.iter().map(|c| c.to_string()).collect(),
                tags: r.tags.clone(),
                expires: r.expires,
                langs,
                titles,
                file: file_name(&r.location.path),
                line: r.location.line,
                owner: r.owner.clone(),
                reviewed: r.reviewed,
            });
        }
        let mut vocab: Vec<(String, Vec<u32>)> = words_of.into_iter().collect();
        vocab.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        segment.offsets.push(0);
        let mut postings = Vec::new();
        for (word, mut list) in vocab {
            list.sort_unstable();
            let mut prev = 0;
            for p in list {
                write_varint(&mut postings, p - prev);
                prev = p;
            }
            segment.offsets.push(postings.len() as u32);
            segment.vocab.text.push_str(&word);
            segment.vocab.ends.push(segment.vocab.text.len() as u32);
        }
        segment.postings = Shared::from(postings);
        index.docs = Docs::from_docs(docs);
        index.segments = vec![segment];
        index
    }

    /// What indexing `r` (in `file`) reads, hashed: two responses with the
    /// same fingerprint give the same document and the same words, so a
    /// changed file's unchanged responses keep theirs (see `layers`).
    pub fn fingerprint(r: &Response, file: &str) -> u64 {
        // Every field is named, so that a new one has to be placed here:
        // hashed if indexing reads it, passed over if not.
        let Response {
            id,
            shortcut,
            urgency,
            topic,
            customers,
            tags,
            owner,
            reviewed,
            reviewed_at: _,
            expires,
            lang: _,
            text: _,
            translations: _,
            location,
            end_line: _,
        } = r;
        let mut h = Hash::new();
        let strs = |h: &mut Hash, v: &mut dyn Iterator<Item = &str>| {
            v.for_each(|s| h.bytes(s.as_bytes()));
            // Where the list ends, so no word moves between two lists.
            h.u64(u64::MAX);
        };
        strs(&mut h, &mut [file, id.as_str(), topic.as_str()].into_iter());
        strs(&mut h, &mut shortcut.as_deref().into_iter());
        strs(&mut h, &mut owner.as_deref().into_iter());
        strs(&mut h, &mut customers.iter().map(|c| c.as_str()));
        strs(&mut h, &mut tags.iter().map(String::as_str));
        for (lang, t) in r.texts() {
            let Text {
                title,
                body,
                notes: _,
                examples,
                examples_at: _,
                body_at: _,
            } = t;
            strs(&mut h, &mut [lang.as_str(), title, body].into_iter());
            strs(&mut h, &mut examples.iter().map(String::as_str));
        }
        let day = |d: &Option<Date>| d.map_or(i64::MIN, |d| d.days_since(Date::from_days(0)));
        for n in [
            location.line as i64,
            *urgency as i64,
            day(reviewed),
            day(expires),
        ] {
            h.u64(n as u64);
        }
        h.finish()
    }

    /// The index of a language, whatever the case of its tag (`pt-BR` is
    /// `pt-br`, as language tags are).
    pub fn lang_index(&self, lang: &str) -> Option<u8> {
        let exact = self.langs.iter().position(|l| l.eq_ignore_ascii_case(lang));
        exact
            .or_else(|| {
                (self.langs.iter()).position(|l| crate::domain::model::Lang::same_language(l, lang))
            })
            .map(|i| i as u8)
    }

    /// The customer types the responses are written for, `any` aside.
    pub fn customer_types(&self) -> Vec<String> {
        let mut types: Vec<String> = self
            .docs
            .iter()
            .flat_map(|d| d.customers.iter().cloned())
            .filter(|c| c != "any")
            .collect();
        types.sort();
        types.dedup();
        types
    }

    /// The topics the responses are filed under.
    pub fn topics(&self) -> Vec<String> {
        let mut topics: Vec<String> = self.docs.iter().map(|d| d.topic.clone()).collect();
        topics.sort();
        topics.dedup();
        topics
    }

    /// The doc whose id or shortcut is exactly `name` (folded). Only the
    /// documents with the name's rarest word in their id or shortcut are
    /// compared: reading every name would be most of a search at 100,000.
    pub fn exact(&self, name: &str) -> Option<usize> {
        let name = fold(name);
        let is = |d: usize| {
            let (id, shortcut) = self.docs.names(d);
            id == name.as_bytes() || (!shortcut.is_empty() && shortcut == name.as_bytes())
        };
        let words: Vec<String> = words(&name).collect();
        if words.is_empty() {
            return (0..self.docs.len()).find(|&d| is(d));
        }
        self.segments
            .iter()
            .flat_map(|s| {
                // Every word of a name is in the vocabulary of a segment
                // that has it.
                let found: Option<Vec<usize>> = words.iter().map(|w| s.word(w)).collect();
                let rarest = found.and_then(|ws| ws.into_iter().min_by_key(|&w| s.postings_len(w)));
                rarest
                    .map(|w| s.word_postings(w))
                    .into_iter()
                    .flatten()
                    .map(unpack)
                    .filter(|&(_, field, _)| {
                        field == Field::Id as usize || field == Field::Shortcut as usize
                    })
                    .filter_map(|(doc, _, _)| s.global(doc))
            })
            .filter(|&d| d < self.docs.len() && is(d))
            .min()
    }
}

impl Segment {
    /// The postings of vocabulary word `w`.
    pub(crate) fn word_postings(&self, w: usize) -> Postings<'_> {
        let range = self.offsets[w] as usize..self.offsets[w + 1] as usize;
        Postings {
            bytes: self.postings.as_slice().get(range).unwrap_or_default(),
            prev: 0,
        }
    }

    /// The range of vocabulary words starting with `prefix`.
    pub(crate) fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let n = self.vocab.len();
        let start = self.vocab.partition_point(0..n, |w| w < prefix);
        let end = self
            .vocab
            .partition_point(start..n, |w| w.starts_with(prefix));
        start..end
    }

    /// The vocabulary's number of `word`, if it has it.
    fn word(&self, word: &str) -> Option<usize> {
        let w = self.prefix_range(word).start;
        (w < self.vocab.len() && self.vocab.get(w) == word).then_some(w)
    }

    /// How long word `w`'s postings are, in bytes.
    fn postings_len(&self, w: usize) -> u32 {
        self.offsets[w + 1] - self.offsets[w]
    }

    /// The index's number of this segment's document `doc`, unless it is gone.
    pub(crate) fn global(&self, doc: usize) -> Option<usize> {
        if self.global.is_empty() {
            return Some(doc);
        }
        self.global
            .get(doc)
            .filter(|&&g| g != GONE)
            .map(|&g| g as usize)
    }
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Decodes one word's postings.
pub struct Postings<'a> {
    bytes: &'a [u8],
    prev: u32,
}

impl Iterator for Postings<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        let mut shift = 0;
        loop {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        self.prev = self.prev.wrapping_add(v);
        Some(self.prev)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::CustomerType;

    #[test]
    fn every_id_and_shortcut_names_its_own_document_exactly() {
        let lib = crate::platform::library::sample();
        let index = Index::build(&lib.responses);
        for (d, r) in lib.responses.iter().enumerate() {
            assert_eq!(index.exact(r.id.as_str()), Some(d), "{}", r.id);
            assert_eq!(
                index.exact(&r.id.as_str().to_uppercase()),
                Some(d),
                "{}",
                r.id
            );
            if let Some(s) = &r.shortcut {
                assert_eq!(index.exact(s), Some(d), "{s}");
            }
        }
        for not_a_name in ["refund-stand", "refund standard", "", "--", "remboursement"] {
            assert_eq!(index.exact(not_a_name), None, "{not_a_name}");
        }
    }

    #[test]
    fn a_fingerprint_changes_with_what_is_indexed_and_only_with_it() {
        let lib = crate::platform::library::sample();
        let r = lib
            .responses
            .iter()
            .find(|r| r.translations.iter().next().is_some() && !r.tags.is_empty())
            .unwrap();
        let print = |r: &Response| Index::fingerprint(r, "a.toml");
        let same = |edit: &dyn Fn(&mut Response)| {
            let mut changed = r.clone();
            edit(&mut changed);
            print(&changed) == print(r)
        };
        assert_ne!(Index::fingerprint(r, "b.toml"), print(r));
        assert!(!same(&|r| r.text.title.push('!')));
        assert!(!same(&|r| r.text.body.push('!')));
        assert!(!same(&|r| r
            .translations
            .values_mut()
            .for_each(|t| t.body.push('!'))));
        assert!(!same(&|r| r.tags[0].push('s')));
        // A tag moved into the customers' list is not the same response.
        assert!(!same(&|r| r
            .customers
            .push(CustomerType::new(r.tags.remove(0)))));
        assert!(!same(&|r| r.location.line += 1));
        assert!(!same(&|r| r.shortcut = Some("zz".into())));
        assert!(!same(&|r| r.urgency = Urgency::Critical));
        assert!(!same(&|r| r.expires = Some(Date::from_days(20_000))));
        assert!(!same(&|r| r.text.examples.push("where is it".into())));
        // What the index does not keep.
        assert!(same(&|r| r.text.notes = Some("internal".into())));
        assert!(same(&|r| r.end_line += 3));
    }

    #[test]
    fn postings_round_trip_through_their_compact_form() {
        let mut bytes = Vec::new();
        let list = [3u32, 200, 201, 70_000, u32::MAX];
        let mut prev = 0;
        for &p in &list {
            write_varint(&mut bytes, p - prev);
            prev = p;
        }
        let back: Vec<u32> = Postings {
            bytes: &bytes,
            prev: 0,
        }
        .collect();
        assert_eq!(back, list);
    }
}
