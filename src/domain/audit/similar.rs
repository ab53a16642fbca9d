//! Near-duplicate bodies: word triples (shingles) compared by Jaccard
//! similarity, found without comparing every pair.

use std::collections::HashMap;

use crate::domain::audit::DUPLICATE_PERCENT;
use crate::domain::library::Library;
use crate::domain::model::Lang;
use crate::domain::search::fold::fold;

/// Word triples of a body, hashed, sorted, without repeats. A body of one or
/// two words is its own single "triple".
pub fn shingles(body: &str) -> Vec<u64> {
    // FNV-1a per word, then the three words mixed in order: fast, and
    // collisions are too rare to move a percentage.
    let fnv = |h: u64, c: char| (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3);
    let word = |w: &str| {
        let start = 0xcbf2_9ce4_8422_2325_u64;
        // The same hash, without folding tables for ASCII words. Accents
        // fold away: "Cafe ... rembourse" is "Café ... remboursé" typed on
        // a keyboard without them, a copy to merge all the same.
        if w.is_ascii() {
            w.bytes()
                .fold(start, |h, b| fnv(h, char::from(b.to_ascii_lowercase())))
        } else {
            fold(w).chars().fold(start, fnv)
        }
    };
    let words: Vec<u64> = body
        // An accent written as a mark after its letter (macOS's `e` then
        // U+0301) stays in its word, for `fold` to drop.
        .split(|c: char| !c.is_alphanumeric() && !('\u{0300}'..='\u{036F}').contains(&c))
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

/// One response's near-duplicate: its body in `lang` is `percent`% similar
/// to the body of `earlier`, a response before it; `group` bodies are
/// linked by such likenesses, these two among them.
#[derive(Debug, PartialEq, Eq)]
pub struct Duplicate<'a> {
    pub later: usize,
    pub earlier: usize,
    pub lang: &'a Lang,
    pub percent: usize,
    pub group: usize,
}

/// Each response whose body in a language is at least
/// [`DUPLICATE_PERCENT`] similar to an earlier response's, once, against
/// the first such response: 2,000 identical bodies are 1,999 findings, not
/// the 1,999,000 pairs they make (630 MB of them).
///
/// Candidates come from an index of each body's rarest shingles, so
/// common boilerplate never makes the pair count quadratic, and no similar
/// pair is missed (see [`for_each_similar_pair`]).
pub fn duplicates(lib: &Library) -> Vec<Duplicate<'_>> {
    let mut by_lang: HashMap<&Lang, Vec<(usize, &str)>> = HashMap::new();
    for (i, r) in lib.responses.iter().enumerate() {
        for (lang, text) in r.texts() {
            by_lang.entry(lang).or_default().push((i, &text.body));
        }
    }
    // Languages are independent: one thread each.
    let mut out: Vec<Duplicate> = std::thread::scope(|s| {
        let workers: Vec<_> = by_lang
            .into_iter()
            .map(|(lang, bodies)| s.spawn(move || same_language(lang, &bodies)))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    out.sort_by(|a, b| (a.later, a.earlier, a.lang).cmp(&(b.later, b.earlier, b.lang)));
    out
}

/// The near-duplicates among `bodies` (response index, body, in library
/// order), all in `lang`.
fn same_language<'a>(lang: &'a Lang, bodies: &[(usize, &str)]) -> Vec<Duplicate<'a>> {
    let mut docs: Vec<(usize, Vec<u64>)> = bodies
        .iter()
        .map(|&(i, body)| (i, shingles(body)))
        .filter(|(_, s)| !s.is_empty())
        .collect();
    // Bodies of the same shingles go to the join as one set: n of them
    // would be n(n-1)/2 pairs, all 100%. `members[k]`: the responses of
    // set k, in library order.
    let mut by_set: Vec<usize> = (0..docs.len()).collect();
    by_set.sort_by(|&a, &b| docs[a].1.cmp(&docs[b].1).then(docs[a].0.cmp(&docs[b].0)));
    let mut sets: Vec<(usize, Vec<u64>)> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for &d in &by_set {
        let (i, shingles) = std::mem::take(&mut docs[d]);
        match (sets.last(), members.last_mut()) {
            (Some((_, last)), Some(m)) if *last == shingles => m.push(i),
            _ => {
                sets.push((sets.len(), shingles));
                members.push(vec![i]);
            }
        }
    }
    let first: Vec<usize> = members.iter().map(|m| m[0]).collect();
    // Per set: its parent in a union-find forest of the sets linked by
    // likeness, and the earliest first response of the sets similar to
    // it, with that similarity. Linear in the bodies, whatever the number
    // of similar pairs.
    let mut parent: Vec<usize> = (0..sets.len()).collect();
    let mut nearest: Vec<Option<(usize, usize)>> = vec![None; sets.len()];
    for_each_similar_pair(&sets, DUPLICATE_PERCENT, |x, y, percent| {
        let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
        parent[rx] = ry;
        for (a, b) in [(x, y), (y, x)] {
            if nearest[a].is_none_or(|(r, _)| first[b] < r) {
                nearest[a] = Some((first[b], percent));
            }
        }
    });
    let roots: Vec<usize> = (0..sets.len()).map(|k| root(&mut parent, k)).collect();
    let mut size = vec![0; sets.len()];
    for (&r, m) in roots.iter().zip(&members) {
        size[r] += m.len();
    }
    let mut out = Vec::new();
    for (k, m) in members.iter().enumerate() {
        let group = size[roots[k]];
        for &i in m {
            let same = (first[k] < i).then_some((first[k], 100));
            let near = nearest[k].filter(|&(r, _)| r < i);
            if let Some((earlier, percent)) = [same, near].into_iter().flatten().min() {
                out.push(Duplicate {
                    later: i,
                    earlier,
                    lang,
                    percent,
                    group,
                });
            }
        }
    }
    out
}

/// The root of `x`'s tree in a union-find forest, halving the path.
fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// How many of their rarest shingles two bodies must share before they are
/// compared in full. More means fewer full comparisons but longer prefixes
/// to read; 4 is the fastest on the generated 100,000-response library.
/// Any value finds the same pairs (see [`for_each_similar_pair`]).
const PREFIX_MATCHES: usize = 4;

/// Overlap two sets of `nx` and `ny` shingles need for a Jaccard similarity
/// of at least `percent`%: |x∩y| ≥ t/(1+t)·(|x|+|y|).
fn overlap_needed(percent: usize, nx: usize, ny: usize) -> usize {
    (percent * (nx + ny)).div_ceil(100 + percent)
}

/// Calls `found(x, y, similarity)` for each pair of indices into `docs`
/// whose shingle sets are at least `percent`% similar (`percent` ≥ 1):
/// exactly the pairs a comparison of every pair finds. A call rather than
/// a list: a library of many alike bodies has many pairs.
///
/// An exact set-similarity join (prefix filtering, as in AllPairs and
/// PPJoin, with AdaptJoin's ℓ-prefixes). Shingles are ranked rarest first
/// and each set sorted by rank; sets are visited smallest first. For a pair
/// with |y| ≤ |x| and Jaccard ≥ t, whose overlap must be at least
/// α = ⌈t/(1+t)·(|x|+|y|)⌉: |y| ≥ ⌈t·|x|⌉ (length filter), and the m-th
/// smallest shingle they share has at least α − m shared shingles after it,
/// so for m ≤ ℓ it lies among the first |x| − α + ℓ shingles of x and the
/// first |y| − α + ℓ of y. Since α ≥ 2t/(1+t)·|y|, indexing each set's
/// first |y| − ⌈2t/(1+t)·|y|⌉ + ℓ shingles and probing with the first
/// |x| − α + ℓ of x counts at least ℓ shared shingles for every similar
/// pair (ℓ is capped at the smallest α a set can meet, so that many exist).
/// Pairs counting fewer cannot be similar; the others are compared in full,
/// so the percentages are exact.
pub fn for_each_similar_pair(
    docs: &[(usize, Vec<u64>)],
    percent: usize,
    mut found: impl FnMut(usize, usize, usize),
) {
    // Rank of each shingle: rarest first (then by value, for a fixed order).
    let mut rank: ShingleMap<u32> = ShingleMap::default();
    for (_, s) in docs {
        for h in s {
            *rank.entry(*h).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(u32, u64)> = rank.iter().map(|(h, f)| (*f, *h)).collect();
    by_freq.sort_unstable();
    for (r, (_, h)) in (0u32..).zip(&by_freq) {
        rank.insert(*h, r);
    }
    // Sets in visiting order (smallest first), as sorted ranks, end to end.
    let mut order: Vec<usize> = (0..docs.len()).filter(|&x| !docs[x].1.is_empty()).collect();
    order.sort_by_key(|&x| docs[x].1.len());
    let mut flat: Vec<u32> = Vec::with_capacity(docs.iter().map(|d| d.1.len()).sum());
    let mut ends: Vec<usize> = vec![0];
    for &x in &order {
        let start = flat.len();
        flat.extend(docs[x].1.iter().map(|h| rank[h]));
        flat[start..].sort_unstable();
        ends.push(flat.len());
    }
    let set = |k: usize| &flat[ends[k]..ends[k + 1]];
    let longest = order.last().map_or(0, |&x| docs[x].1.len());
    // first_of_len[n]: the first set (in visiting order) of n shingles or more.
    let mut first_of_len = Vec::with_capacity(longest + 2);
    for n in 0..longest + 2 {
        let from = first_of_len.last().copied().unwrap_or(0);
        first_of_len.push(
            from + (from..order.len())
                .take_while(|&k| set(k).len() < n)
                .count(),
        );
    }
    let ell = |n: usize| PREFIX_MATCHES.min((2 * percent * n).div_ceil(100 + percent));
    // ℓ of each set, worked out once: a division per candidate was a fifth
    // of this function's time.
    let need: Vec<u8> = (0..order.len())
        .map(|k| u8::try_from(ell(set(k).len())).unwrap_or(u8::MAX))
        .collect();
    // Shingles of one body only (the lowest ranks) can be shared by no
    // pair: they get no list, which in a library of varied bodies is most.
    let shared_from = by_freq.partition_point(|(f, _)| *f < 2);
    // Shingle rank − shared_from → the sets (visiting order) that have it
    // in their prefix.
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); by_freq.len() - shared_from];
    // Per shingle, where the sets long enough for the current one start.
    let mut live: Vec<usize> = vec![0; postings.len()];
    // Shared prefix shingles with the set being probed, and which sets have some.
    let mut shared: Vec<u8> = vec![0; order.len()];
    let mut touched: Vec<u32> = vec![0; order.len()];
    // The probed set's shingles, as bits, for the full comparisons.
    let mut bits: Vec<u64> = vec![0; by_freq.len().div_ceil(64)];
    for k in 0..order.len() {
        let xs = set(k);
        let nx = xs.len();
        let min_len = (percent * nx).div_ceil(100);
        let lx = PREFIX_MATCHES.min(min_len);
        let shortest = u32::try_from(first_of_len[min_len]).unwrap_or(u32::MAX);
        let mut n_touched = 0;
        let mut ny_max = nx;
        for (i, &h) in xs.iter().enumerate() {
            // Sets of more than ny_max shingles share their first ℓ
            // shingles with x before x's position i.
            while ny_max >= min_len && overlap_needed(percent, nx, ny_max) + i >= nx + lx {
                ny_max -= 1;
            }
            if ny_max < min_len {
                break;
            }
            let Some(slot) = (h as usize).checked_sub(shared_from) else {
                continue;
            };
            let list = &postings[slot];
            let from = &mut live[slot];
            // Sets only grow from here on: the too short ones stay behind.
            *from += list[*from..].partition_point(|&y| y < shortest);
            let beyond = u32::try_from(first_of_len[ny_max + 1]).unwrap_or(u32::MAX);
            let to = *from + list[*from..].partition_point(|&y| y < beyond);
            for &y in &list[*from..to] {
                let c = shared[y as usize];
                touched[n_touched] = y;
                n_touched += usize::from(c == 0);
                shared[y as usize] = c.saturating_add(1);
            }
        }
        for &h in xs {
            bits[h as usize / 64] |= 1 << (h % 64);
        }
        for &y in &touched[..n_touched] {
            let y = y as usize;
            let count = std::mem::take(&mut shared[y]);
            if usize::from(count) < lx.min(usize::from(need[y])) {
                continue;
            }
            // Only now: most candidates stop above, and where a set lies is
            // seldom in the cache.
            let ys = set(y);
            let ny = ys.len();
            // Compare in full, stopping once too many of y's shingles miss.
            let allowed = ny.saturating_sub(overlap_needed(percent, nx, ny));
            let mut missing = 0;
            for chunk in ys.chunks(16) {
                for &h in chunk {
                    missing += usize::from(bits[h as usize / 64] >> (h % 64) & 1 == 0);
                }
                if missing > allowed {
                    break;
                }
            }
            let common = ny - missing;
            let p = common * 100 / (nx + ny - common);
            let (a, b) = (order[k], order[y]);
            if missing <= allowed && p >= percent && docs[a].0 != docs[b].0 {
                found(a, b, p);
            }
        }
        for &h in xs {
            bits[h as usize / 64] = 0;
        }
        let indexed = nx - (2 * percent * nx).div_ceil(100 + percent) + ell(nx);
        for &h in &xs[..indexed.min(nx)] {
            if let Some(slot) = (h as usize).checked_sub(shared_from) {
                postings[slot].push(u32::try_from(k).unwrap_or(u32::MAX));
            }
        }
    }
}

/// Every pair [`for_each_similar_pair`] finds, for the tests to compare.
#[cfg(test)]
fn collect_pairs(docs: &[(usize, Vec<u64>)], percent: usize) -> Vec<(usize, usize, usize)> {
    let mut pairs = Vec::new();
    for_each_similar_pair(docs, percent, |x, y, p| pairs.push((x, y, p)));
    pairs
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
    fn case_and_accents_are_ignored_however_the_accents_are_written() {
        assert_eq!(
            shingles("Votre COMMANDE été expédiée Déjà"),
            shingles("votre commande ÉTÉ EXPÉDIÉE déjà")
        );
        // Typed without accents, and with each accent a mark of its own.
        assert_eq!(shingles("ete expediee deja"), shingles("été expédiée déjà"));
        assert_eq!(
            shingles("e\u{301}te\u{301} expe\u{301}die\u{301}e de\u{301}ja\u{300}"),
            shingles("été expédiée déjà")
        );
        assert_ne!(shingles("ete expediee deja"), shingles("ete expedie deja"));
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
        let mut pairs: Vec<(usize, usize)> = collect_pairs(&docs, 80)
            .into_iter()
            .map(|(x, y, _)| (x.min(y), x.max(y)))
            .collect();
        pairs.sort();
        assert_eq!(pairs, [(0, 1), (0, 3), (1, 3)]);
    }

    /// (later, earlier, percent, group) of each duplicate, for short asserts.
    fn found(bodies: &[String]) -> Vec<(usize, usize, usize, usize)> {
        let en = Lang::new("en");
        let bodies: Vec<(usize, &str)> = bodies.iter().map(String::as_str).enumerate().collect();
        let mut out: Vec<_> = same_language(&en, &bodies)
            .into_iter()
            .map(|d| (d.later, d.earlier, d.percent, d.group))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn identical_bodies_are_each_said_once_against_the_first_with_their_number() {
        let body = "Thanks for writing in, we will get back to you within a day.";
        let mut bodies = vec![body.to_string(); 2_000];
        bodies.push("Something else entirely about passwords and resets.".into());
        let found = found(&bodies);
        assert_eq!(found.len(), 1_999);
        assert_eq!(found[0], (1, 0, 100, 2_000));
        assert_eq!(found[1_998], (1_999, 0, 100, 2_000));
    }

    #[test]
    fn a_chain_of_likenesses_is_one_group_each_against_the_first_it_is_like() {
        let words = |n: usize| {
            (1..=n)
                .map(|w| format!("w{w}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        // a → b 85%, b → c 87%, but a → c 75%: c is told against b.
        let (a, b, c) = (words(20), words(23), words(26));
        assert_eq!(
            found(&[a.clone(), b.clone(), c]),
            [(1, 0, 85, 3), (2, 1, 87, 3)]
        );
        // A pair is a group of two; an identical body and a similar one
        // are told against the earliest.
        assert_eq!(found(&[a.clone(), b.clone()]), [(1, 0, 85, 2)]);
        assert_eq!(
            found(&[b.clone(), a.clone(), b]),
            [(1, 0, 85, 3), (2, 0, 100, 3)]
        );
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
            let mut fast: Vec<(usize, usize)> = collect_pairs(&docs, percent)
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

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Every pair at least `percent`% similar, by comparing every pair.
    fn brute_force(docs: &[(usize, Vec<u64>)], percent: usize) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for x in 0..docs.len() {
            for y in x + 1..docs.len() {
                let p = similarity(&docs[x].1, &docs[y].1);
                if p >= percent && !docs[x].1.is_empty() && !docs[y].1.is_empty() {
                    out.push((x, y, p));
                }
            }
        }
        out
    }

    proptest! {
        // Sets drawn from a small vocabulary of shingles, so that many pairs
        // are close to any threshold, of sizes on both sides of the ℓ cap.
        #[test]
        fn the_prefix_join_finds_exactly_the_pairs_a_full_comparison_finds(
            sets in prop::collection::vec(prop::collection::btree_set(0u64..24, 0..14), 0..40),
            percent in 1usize..=100,
        ) {
            let docs: Vec<(usize, Vec<u64>)> =
                sets.into_iter().map(|s| s.into_iter().collect()).enumerate().collect();
            let mut fast: Vec<(usize, usize, usize)> = collect_pairs(&docs, percent)
                .into_iter()
                .map(|(x, y, p)| (x.min(y), x.max(y), p))
                .collect();
            fast.sort_unstable();
            prop_assert_eq!(fast, brute_force(&docs, percent));
        }
    }
}
