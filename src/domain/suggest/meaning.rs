//! What a text is about, as a vector: the mean of its word pieces'
//! vectors, so that "the box was soaked and the glass inside is in pieces"
//! lands near "item arrived damaged" though they share no word.
//!
//! The vectors were fitted offline (`tools/meaning/build.py`) so that the
//! mean of a sentence's pieces reproduces what a small sentence-embedding
//! model (all-MiniLM-L6-v2) makes of the whole sentence, and the mean of a
//! French sentence's what the model makes of the English it translates.
//! The model's vocabulary cuts words into pieces, so a typo or an unseen
//! word still means something (`refunded` is `ref`, `##und`, `##ed`: the
//! fit learnt what such pieces say together). A lookup table, not a model:
//! nothing runs but sums, and nothing is downloaded.

use crate::domain::model::Lang;
use crate::domain::search::fold::fold_char;
use crate::domain::search::shared::Shared;

/// Numbers per vector.
pub const DIMS: usize = 256;

/// Word pieces in byte order, end to end.
struct Pieces {
    text: &'static str,
    /// Where each piece ends in `text`.
    ends: &'static [u32],
}

impl Pieces {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &'static str {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        self.text
            .get(start..self.ends[i] as usize)
            .unwrap_or_default()
    }

    fn find(&self, piece: &str) -> Option<usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = (low + high) / 2;
            match self.get(mid).cmp(piece) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// Pieces and their vectors in the same order: per piece, its scale (f32,
/// little-endian), then [`DIMS`] signed bytes.
struct Table {
    pieces: &'static Pieces,
    vectors: &'static [u8],
}

// `PIECES` and `FR_PIECES`: the pieces of `meaning/pieces.txt` and
// `meaning/fr-pieces.txt`, by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/pieces.rs"));

/// Every piece, with its English vector.
static SHARED: Table = Table {
    pieces: &PIECES,
    vectors: include_bytes!("meaning/pieces.bin"),
};
/// The pieces French uses, with their French vectors.
static FRENCH: Table = Table {
    pieces: &FR_PIECES,
    vectors: include_bytes!("meaning/fr-pieces.bin"),
};
const RECORD: usize = 4 + DIMS;
/// Longer words are one unknown piece, as the model cut them.
const LONGEST_WORD: usize = 100;

impl Table {
    fn find(&self, piece: &str) -> Option<usize> {
        self.pieces.find(piece)
    }

    /// Adds the vector of the `i`th piece to `sum` (nothing if the table
    /// is damaged).
    fn add(&self, i: usize, sum: &mut [f32]) {
        if let Some(r) = self.vectors.get(i * RECORD..(i + 1) * RECORD) {
            let scale = f32::from_le_bytes([r[0], r[1], r[2], r[3]]);
            for (s, &b) in sum.iter_mut().zip(&r[4..]) {
                *s += scale * f32::from(b as i8);
            }
        }
    }
}

/// Whether texts in `lang` get a meaning: the table was fitted on English
/// and French.
pub fn speaks(lang: &str) -> bool {
    ["en", "fr"].iter().any(|l| Lang::same_language(lang, l))
}

/// The meaning of `text`, written in `lang`, of unit length.
pub fn of(text: &str, lang: &str) -> Vec<f32> {
    let french = Lang::same_language(lang, "fr");
    let mut sum = vec![0f32; DIMS];
    let mut add = |piece: usize| {
        let name = SHARED.pieces.get(piece);
        match FRENCH.find(name).filter(|_| french) {
            Some(i) => FRENCH.add(i, &mut sum),
            None => SHARED.add(piece, &mut sum),
        }
    };
    // The model read a sentence between these two marks, and they stay in
    // its mean: they carry what every sentence shares.
    let marks = ["[CLS]", "[SEP]"].map(|m| SHARED.find(m));
    marks[0].into_iter().for_each(&mut add);
    for word in words(text) {
        word_pieces(&word).into_iter().for_each(&mut add);
    }
    marks[1].into_iter().for_each(&mut add);
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        sum.iter_mut().for_each(|x| *x /= norm);
    }
    sum
}

/// `v` (of unit length) a byte a number, for the model's cache.
pub fn packed(v: &[f32]) -> impl Iterator<Item = u8> + '_ {
    v.iter()
        .map(|x| (x * 127.0).round().clamp(-127.0, 127.0) as i8 as u8)
}

/// The cosine of two packed meanings: whole numbers multiplied, which the
/// processor does many at a time (`check` compares every example with
/// the replies it meets).
pub fn similarity(a: &[u8], b: &[u8]) -> f32 {
    let dot: i32 = a
        .iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(x as i8) * i32::from(y as i8))
        .sum();
    dot as f32 / (127.0 * 127.0)
}

/// Packed meanings end to end, [`DIMS`] bytes each: read in place from the
/// model's cache, where they are most of its size, as a run compares the
/// message with a few replies only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meanings(Shared);

impl Meanings {
    pub fn new(bytes: Shared) -> Meanings {
        Meanings(bytes)
    }

    pub fn bytes(&self) -> &[u8] {
        self.0.as_slice()
    }

    /// How many meanings.
    pub fn len(&self) -> usize {
        self.bytes().len() / DIMS
    }

    pub fn is_empty(&self) -> bool {
        self.bytes().is_empty()
    }

    /// The `i`th meaning.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        self.bytes().get(i * DIMS..(i + 1) * DIMS)
    }
}

impl From<Vec<u8>> for Meanings {
    fn from(bytes: Vec<u8>) -> Meanings {
        Meanings(Shared::from(bytes))
    }
}

/// The words of `text` as the model split them: folded, cut at spaces,
/// each punctuation mark a word of its own.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            out.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
        } else if c.is_alphanumeric() {
            fold_char(c, &mut word);
        } else {
            out.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
            out.push(c.to_string());
        }
    }
    out.extend((!word.is_empty()).then_some(word));
    out
}

/// The pieces of `word`, longest first from its start (`##` marks a piece
/// that continues a word), or the unknown piece when they do not cover it.
fn word_pieces(word: &str) -> Vec<usize> {
    let unknown = || SHARED.find("[UNK]").into_iter().collect();
    if word.chars().count() > LONGEST_WORD {
        return unknown();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut candidate = String::new();
    while start < word.len() {
        let ends = word[start..]
            .char_indices()
            .map(|(i, c)| start + i + c.len_utf8());
        let longest = ends.rev().find_map(|end| {
            candidate.clear();
            if start > 0 {
                candidate.push_str("##");
            }
            candidate.push_str(&word[start..end]);
            SHARED.find(&candidate).map(|id| (id, end))
        });
        match longest {
            Some((id, end)) => {
                out.push(id);
                start = end;
            }
            None => return unknown(),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(word: &str) -> Vec<&'static str> {
        word_pieces(word)
            .into_iter()
            .map(|i| PIECES.get(i))
            .collect()
    }

    #[test]
    fn each_table_holds_a_vector_for_each_piece_in_byte_order() {
        for table in [&SHARED, &FRENCH] {
            let pieces = table.pieces;
            assert_eq!(table.vectors.len(), pieces.len() * RECORD);
            assert!((1..pieces.len()).all(|i| pieces.get(i - 1) < pieces.get(i)));
        }
        for p in ["[CLS]", "[SEP]", "[UNK]", "parcel", "##ed"] {
            assert!(SHARED.find(p).is_some(), "{p}");
        }
        // French pieces are pieces; `colis` is `coli`, `##s`.
        assert!((0..FR_PIECES.len()).all(|i| SHARED.find(FR_PIECES.get(i)).is_some()));
        assert_eq!(names("colis"), ["coli", "##s"]);
        assert!(FRENCH.find("coli").is_some() && FRENCH.find("##s").is_some());
    }

    #[test]
    fn words_are_cut_into_the_models_pieces() {
        assert_eq!(
            words("Où est MON colis?!"),
            ["ou", "est", "mon", "colis", "?", "!"]
        );
        assert_eq!(names("refunded"), ["ref", "##und", "##ed"]);
        assert_eq!(names("parcel"), ["parcel"]);
        assert_eq!(names("🙂"), ["[UNK]"]);
        assert_eq!(names(&"a".repeat(101)), ["[UNK]"]);
    }

    #[test]
    fn texts_that_mean_the_same_are_closer_than_texts_that_do_not() {
        let close = |a: &str, b: &str, lang: &str| {
            let [a, b] = [a, b].map(|t| packed(&of(t, lang)).collect::<Vec<u8>>());
            similarity(&a, &b)
        };
        let late = "my parcel still hasn't turned up";
        assert!(
            close(late, "where is my delivery", "en")
                > close(late, "I forgot my password", "en") + 0.2
        );
        let late = "mon colis n'est toujours pas arrivé";
        assert!(
            close(late, "où est ma livraison", "fr")
                > close(late, "j'ai oublié mon mot de passe", "fr") + 0.2
        );
        let unit: f32 = of(late, "fr").iter().map(|x| x * x).sum();
        assert!((unit - 1.0).abs() < 1e-4);
    }

    #[test]
    fn english_and_french_have_meanings() {
        assert!(speaks("en") && speaks("en-GB") && speaks("fr") && speaks("fr-CA"));
        assert!(!speaks("de") && !speaks("eng") && !speaks("french"));
    }
}
