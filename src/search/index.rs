//! The search index: every word of every response's shortcut, id, title,
//! tags and body, folded, with where it occurs. Built from a library, or
//! read back from the cache.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::fold::{fold, words};
use crate::date::Date;
use crate::model::{Response, Urgency};

/// Where a word occurs, most important first; `WEIGHTS` gives each its weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Field {
    Shortcut = 0,
    Id = 1,
    Title = 2,
    Tag = 3,
    Body = 4,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Shortcut,
        Field::Id,
        Field::Title,
        Field::Tag,
        Field::Body,
    ];
}

/// The contract's order: shortcut, id, title, tags, body.
pub const WEIGHTS: [f32; 5] = [5.0, 4.0, 3.0, 2.0, 1.0];

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
}

/// Words with their postings, sorted so prefixes are contiguous.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    pub langs: Vec<String>,
    pub docs: Vec<Doc>,
    pub(super) vocab: Vec<String>,
    /// `postings[offsets[w]..offsets[w + 1]]` are the postings of `vocab[w]`.
    pub(super) offsets: Vec<u32>,
    /// `doc << 8 | field << 4 | lang`.
    pub(super) postings: Vec<u32>,
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
    /// `{% include … %}`) is not text the customer reads, so it is left out.
    pub fn build<'a>(responses: impl IntoIterator<Item = &'a Response>) -> Index {
        let mut index = Index::default();
        let mut words_of: HashMap<String, Vec<u32>> = HashMap::new();
        for (d, r) in responses.into_iter().enumerate() {
            let mut add = |text: &str, field: Field, lang: u8| {
                for w in words(text) {
                    let list = words_of.entry(w).or_default();
                    let p = posting(d, field, lang);
                    if list.last() != Some(&p) && !list.contains(&p) {
                        list.push(p);
                    }
                }
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
                add(&strip_template_syntax(&text.body), Field::Body, l);
                langs.push(l);
                titles.push(text.title.clone());
            }
            index.docs.push(Doc {
                id: r.id.to_string(),
                shortcut: r.shortcut.clone(),
                urgency: r.urgency,
                topic: r.topic.to_string(),
                customers: r.customers.iter().map(|c| c.to_string()).collect(),
                tags: r.tags.clone(),
                expires: r.expires,
                langs,
                titles,
            });
        }
        let mut vocab: Vec<(String, Vec<u32>)> = words_of.into_iter().collect();
        vocab.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        index.offsets.push(0);
        for (word, mut list) in vocab {
            list.sort_unstable();
            index.postings.extend(list);
            index.offsets.push(index.postings.len() as u32);
            index.vocab.push(word);
        }
        index
    }

    pub fn word_postings(&self, w: usize) -> &[u32] {
        &self.postings[self.offsets[w] as usize..self.offsets[w + 1] as usize]
    }

    /// The range of vocabulary words starting with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.vocab.partition_point(|w| w.as_str() < prefix);
        let end = start + self.vocab[start..].partition_point(|w| w.starts_with(prefix));
        start..end
    }

    pub fn lang_index(&self, lang: &str) -> Option<u8> {
        self.langs.iter().position(|l| l == lang).map(|i| i as u8)
    }

    /// The doc whose id or shortcut is exactly `name` (folded).
    pub fn exact(&self, name: &str) -> Option<usize> {
        let name = fold(name);
        self.docs
            .iter()
            .position(|d| d.id == name || d.shortcut.as_deref() == Some(name.as_str()))
    }
}

/// The body without `{{ … }}`, `{% … %}` and `{# … #}`.
fn strip_template_syntax(body: &str) -> std::borrow::Cow<'_, str> {
    static TAGS: LazyLock<regex_lite::Regex> = LazyLock::new(|| {
        regex_lite::Regex::new(r"(?s)\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}").expect("valid regex")
    });
    TAGS.replace_all(body, " ")
}
