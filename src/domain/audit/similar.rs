//! Near-duplicate bodies: word triples (shingles) compared by Jaccard
//! similarity, found without comparing every pair.

use std::collections::HashMap;

use crate::domain::audit::DUPLICATE_PERCENT;
use crate::domain::library::Library;
use crate::domain::model::Lang;

/// Word triples of a body, hashed, sorted, without repeats. A body of one or
/// two words is its own single "triple".
pub fn shingles(body: &str) -> Vec<u64> {
    // FNV-1a per word, then the three words mixed in order: fast, and
    // collisions are too rare to move a percentage.
    let word = |w: &str| {
        w.chars()
            .flat_map(char::to_lowercase)
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, c| {
                (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
            })
    };
    let words: Vec<u64> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word)
        .collect();
    let mix = |ws: &[u64]| {
        let h = ws.iter().fold(0u64, |h, w| {
            (h.rotate_left(23) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        });
        h ^ (h >> 29)
    };
    let mut out: Vec<u64> = match words.len() {
        0 => Vec::new(),
        1 | 2 => vec![mix(&words)],
        _ => words.windows(3).map(mix).collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Shingles are hashes already: a map keyed by them need not hash again.
#[derive(Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type ShingleMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<Prehashed>>;

/// Jaccard similarity of two sorted sets, in whole percent (rounded down).
pub fn similarity(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    (common * 100).checked_div(union).unwrap_or(0)
}

/// Pairs of bodies in the same language at least [`DUPLICATE_PERCENT`]
/// similar: (later response, earlier response, language, percent).
///
/// Candidates come from a prefix-filtered shingle index: two sets with
/// Jaccard ≥ t share at least ⌈t·|x|⌉ shingles, so under one global order
/// (rarest first) their first |x| − ⌈t·|x|⌉ + 1 shingles must meet. Only
/// those prefixes are indexed, so common boilerplate never makes the pair
/// count quadratic, and no true pair is missed.
pub fn duplicates(lib: &Library) -> Vec<(usize, usize, &Lang, usize)> {
    let mut by_lang: HashMap<&Lang, Vec<(usize, Vec<u64>)>> = HashMap::new();
    for (i, r) in lib.responses.iter().enumerate() {
        for (lang, text) in r.texts() {
            let s = shingles(&text.body);
            if !s.is_empty() {
                by_lang.entry(lang).or_default().push((i, s));
            }
        }
    }
    let mut out = Vec::new();
    for (lang, docs) in by_lang {
        for (x, y, percent) in similar_pairs(&docs, DUPLICATE_PERCENT) {
            out.push((
                docs[x].0.max(docs[y].0),
                docs[x].0.min(docs[y].0),
                lang,
                percent,
            ));
        }
    }
    out.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    out
}

/// Index pairs `(x, y)` of `docs` whose shingle sets are at least
/// `percent`% similar, with their similarity.
///
/// All-pairs with prefix and positional filtering (PPJoin): sets are taken
/// smallest first, each probes the index with its prefix, and a candidate is
/// dropped as soon as the shingles left on either side cannot make up the
/// overlap the threshold needs. The survivors are compared in full.
pub fn similar_pairs(docs: &[(usize, Vec<u64>)], percent: usize) -> Vec<(usize, usize, usize)> {
    let mut freq: ShingleMap<u32> = ShingleMap::default();
    for (_, s) in docs {
        for h in s {
            *freq.entry(*h).or_default() += 1;
        }
    }
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&x| docs[x].1.len());
    // Shingle → (set, position in that set's rarest-first order).
    let mut index: ShingleMap<Vec<(u32, u32)>> = ShingleMap::default();
    // Overlap seen so far with each candidate, for the set being probed.
    let mut overlap: Vec<i64> = vec![0; docs.len()];
    let mut stamp: Vec<usize> = vec![usize::MAX; docs.len()];
    let mut out = Vec::new();
    for &x in &order {
        let set = &docs[x].1;
        let nx = set.len();
        if nx == 0 {
            continue;
        }
        let mut ranked: Vec<(u32, u64)> = set.iter().map(|h| (freq[h], *h)).collect();
        ranked.sort_unstable();
        let ordered: Vec<u64> = ranked.into_iter().map(|(_, h)| h).collect();
        let prefix = nx - (percent * nx).div_ceil(100) + 1;
        let mut candidates = Vec::new();
        for (i, h) in ordered.iter().take(prefix).enumerate() {
            for &(y, j) in index.get(h).map_or(&[][..], Vec::as_slice) {
                let (y, j) = (y as usize, j as usize);
                let ny = docs[y].1.len();
                // Smaller sets come first: too small to reach the threshold.
                if ny * 100 < percent * nx {
                    continue;
                }
                if stamp[y] != x {
                    stamp[y] = x;
                    overlap[y] = 0;
                }
                if overlap[y] < 0 {
                    continue;
                }
                // Overlap needed for Jaccard ≥ t: t/(1+t)·(|x|+|y|).
                let needed = (percent * (nx + ny)).div_ceil(100 + percent) as i64;
                let reachable = overlap[y] + (nx - i).min(ny - j) as i64;
                if reachable >= needed {
                    if overlap[y] == 0 {
                        candidates.push(y);
                    }
                    overlap[y] += 1;
                } else {
                    overlap[y] = i64::MIN / 2;
                }
            }
        }
        for (i, h) in ordered.iter().take(prefix).enumerate() {
            index.entry(*h).or_default().push((x as u32, i as u32));
        }
        for y in candidates {
            if overlap[y] <= 0 || docs[x].0 == docs[y].0 {
                continue;
            }
            let p = similarity(set, &docs[y].1);
            if p >= percent {
                out.push((x, y, p));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_is_the_share_of_word_triples_in_common() {
        let a = shingles("one two three four five");
        let b = shingles("One, two three four five!");
        assert_eq!(similarity(&a, &b), 100);
        let c = shingles("one two three four six");
        // {123, 234, 345} vs {123, 234, 346}: 2 of 4.
        assert_eq!(similarity(&a, &c), 50);
        assert_eq!(similarity(&a, &shingles("nothing alike here at all")), 0);
    }

    #[test]
    fn near_duplicates_are_found_through_the_index_and_others_are_not() {
        let base = "thanks for your patience we have refunded your order and the money \
                    will be back on your card within five working days";
        let docs: Vec<(usize, Vec<u64>)> = [
            base.to_string(),
            format!("{base} today"),
            "something else entirely about passwords and how to reset them safely".into(),
            format!("{base} today"),
        ]
        .iter()
        .enumerate()
        .map(|(i, b)| (i, shingles(b)))
        .collect();
        let mut pairs: Vec<(usize, usize)> = similar_pairs(&docs, 80)
            .into_iter()
            .map(|(x, y, _)| (x.min(y), x.max(y)))
            .collect();
        pairs.sort();
        assert_eq!(pairs, [(0, 1), (0, 3), (1, 3)]);
    }

    #[test]
    fn the_prefix_filter_misses_no_pair_a_full_comparison_finds() {
        // Bodies built from a small vocabulary, so many pairs are close.
        let words = ["a", "b", "c", "d", "e"];
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let docs: Vec<(usize, Vec<u64>)> = (0..60)
            .map(|i| {
                let n = 4 + next() % 5;
                let body: Vec<&str> = (0..n).map(|_| words[next() % 2]).collect();
                (i, shingles(&body.join(" ")))
            })
            .collect();
        for percent in [50, 80, 100] {
            let mut fast: Vec<(usize, usize)> = similar_pairs(&docs, percent)
                .into_iter()
                .map(|(x, y, _)| (x.min(y), x.max(y)))
                .collect();
            fast.sort();
            let mut slow = Vec::new();
            for x in 0..docs.len() {
                for y in x + 1..docs.len() {
                    if similarity(&docs[x].1, &docs[y].1) >= percent {
                        slow.push((x, y));
                    }
                }
            }
            assert_eq!(fast, slow, "at {percent}%");
        }
    }
}
