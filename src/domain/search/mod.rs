//! Finding the right response from a few hurried keystrokes.
//!
//! Short fields and body text are matched word by word against the index's
//! vocabulary: exactly, by prefix, with one typo (words of five letters or
//! more), or inside a word. Scattered-letter fuzzy matching is deliberately
//! not used: on long bodies it matches most of a library and costs the most.

pub mod codec;
pub mod docs;
pub mod filter;
pub mod fold;
mod hash;
mod highlight;
pub mod index;
pub mod layers;
pub mod query;
pub mod shared;

pub use highlight::highlights;
pub use index::{Doc, Index};
pub use query::Query;

use crate::domain::date::Date;
use crate::domain::diagnostic::within_one_edit;
use crate::domain::model::{CustomerType, Lang, Urgency};
use crate::domain::search::filter::{Filter, Segments};
use docs::{DocView, Strs};
use index::{NEUTRAL, Segment, WEIGHTS, unpack};

/// One ranked result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub doc: usize,
    pub score: f32,
    /// The language whose text matched (the response's own when only
    /// language-neutral fields did).
    pub lang: u8,
    /// Some words did not match: no response matched them all, and this is
    /// among the closest.
    pub partial: bool,
}

/// What a function word matched whole is worth, against a word (see
/// [`Query::optional`]).
const OPTIONAL: f32 = 0.1;

/// How well a typed word matches a word of the library, from 0 to 1.
pub fn word_quality(term: &str, word: &str) -> f32 {
    if term == word {
        return 1.0;
    }
    let (tl, wl) = (term.chars().count(), word.chars().count());
    if tl >= 2 && word.starts_with(term) {
        return 0.6 + 0.3 * tl as f32 / wl as f32;
    }
    if tl >= 5 {
        if tl.abs_diff(wl) <= 1 && within_one_edit(term, word) {
            return 0.6;
        }
        // A typo in a prefix: `rembours` for `remboursement` with a slip.
        // Borrowed slices, not copies: this runs over the whole vocabulary.
        if wl > tl + 1 {
            let head = |n: usize| word.char_indices().nth(n).map_or(word, |(i, _)| &word[..i]);
            if (tl - 1..=tl + 1).any(|n| within_one_edit(term, head(n))) {
                return 0.45;
            }
        }
    }
    if tl >= 3 && word.contains(term) {
        return 0.3;
    }
    0.0
}

/// Words of a segment's vocabulary a term matches, with their quality.
fn matching_words(segment: &Segment, term: &str) -> Vec<(usize, f32)> {
    let tl = term.chars().count();
    if tl < 3 {
        // Too short for typos or infixes: exact words and prefixes only.
        return segment
            .prefix_range(term)
            .filter(|&w| tl >= 2 || segment.vocab.get(w) == term)
            .map(|w| (w, word_quality(term, segment.vocab.get(w))))
            .collect();
    }
    let first = term.chars().next().unwrap_or(' ');
    // Made once for the whole vocabulary: `str::contains` sets a searcher
    // up for each word, most of a keystroke at 100,000 responses.
    let infix = memchr::memmem::Finder::new(term.as_bytes());
    segment
        .vocab
        .iter()
        .enumerate()
        .filter(|(_, w)| {
            // Cheap rejections before any edit distance.
            let wl = w.len();
            (wl >= term.len() && infix.find(w.as_bytes()).is_some())
                || (tl >= 5
                    && wl + 1 >= term.len()
                    && (w.starts_with(first) || wl.abs_diff(term.len()) <= 1))
        })
        .filter_map(|(i, w)| {
            let q = word_quality(term, w);
            (q > 0.0).then_some((i, q))
        })
        .collect()
}

/// Into `best` (one slot per document and language), the best score of
/// one typed word: of the library's `words` it matched, each in its
/// segment and with its quality, weighted by the field it is in.
fn best_per_slot<'a>(
    index: &Index,
    words: impl Iterator<Item = (&'a Segment, usize, f32)>,
    best: &mut [f32],
) {
    let (nl, ndocs) = (index.langs.len().max(1), index.docs.len());
    best.iter_mut().for_each(|b| *b = 0.0);
    for (segment, w, quality) in words {
        for p in segment.word_postings(w) {
            let (doc, field, lang) = unpack(p);
            // A document of a file changed since its segment was built.
            let Some(doc) = segment.global(doc) else {
                continue;
            };
            // Bounds are checked here rather than when the cache is read:
            // a cache passes its checksum or is rebuilt, so this never fires.
            if doc >= ndocs || field >= WEIGHTS.len() {
                continue;
            }
            let lang = if usize::from(lang) < nl {
                lang
            } else {
                NEUTRAL
            };
            // Shortcut, id and tags belong to every language: a match in
            // one language's own text decides which language matched.
            let neutral = if lang == NEUTRAL { 0.999 } else { 1.0 };
            let score = WEIGHTS[field] * quality * neutral;
            let slots = if lang == NEUTRAL {
                0..nl
            } else {
                usize::from(lang)..usize::from(lang) + 1
            };
            for l in slots {
                let b = &mut best[doc * nl + l];
                if score > *b {
                    *b = score;
                }
            }
        }
    }
}

/// What ranking needs besides the query: the day, and how much this agent
/// has used each response (frecency, higher first), by its document's
/// number in the index: a caller that knows the few responses used can
/// answer without reading any id.
pub struct Context<'a> {
    pub today: Date,
    pub usage: &'a dyn Fn(usize) -> f64,
}

/// Ranks the index for `query`, best first.
pub fn search(index: &Index, query: &Query, ctx: &Context<'_>, limit: usize) -> Vec<Hit> {
    search_counted(index, query, ctx, limit).0
}

/// [`search`], and how many responses matched in all, of which the best
/// `limit` are returned.
pub fn search_counted(
    index: &Index,
    query: &Query,
    ctx: &Context<'_>,
    limit: usize,
) -> (Vec<Hit>, usize) {
    let nl = index.langs.len().max(1);
    // The languages asked for: every region of it (`fr` is `fr-FR` and
    // `fr-CA` too), as `use` picks a reply's.
    let want_langs: Option<Vec<u8>> = query.filter.lang.as_ref().map(|l| {
        (0..index.langs.len())
            .filter(|&i| Lang::same_language(&index.langs[i], l.as_str()))
            .filter_map(|i| u8::try_from(i).ok())
            .collect()
    });
    if want_langs.as_ref().is_some_and(Vec::is_empty) {
        return (Vec::new(), 0);
    }
    // total[doc * nl + lang]: sum of each term's best match; matched: how
    // many terms matched at all.
    // Filters are applied to the documents that matched, once scored: a
    // document's score depends on nothing else, and most match nothing.
    let ndocs = index.docs.len();
    let mut total = vec![0f32; index.docs.len() * nl];
    let mut matched = vec![0u16; index.docs.len() * nl];
    let mut best = vec![0f32; index.docs.len() * nl];
    let term_best = |term: &str, best: &mut [f32]| {
        let words = (index.segments.iter()).flat_map(|s| {
            matching_words(s, term)
                .into_iter()
                .map(move |(w, q)| (s, w, q))
        });
        best_per_slot(index, words, best);
    };
    let add = |total: &mut [f32], matched: &mut [u16], best: &[f32]| {
        for ((t, m), b) in total.iter_mut().zip(matched.iter_mut()).zip(best) {
            if *b > 0.0 {
                *t += b;
                *m = m.saturating_add(1);
            }
        }
    };
    let in_joined = |term: &str| {
        query
            .joined
            .iter()
            .any(|j| j.parts.iter().any(|p| p == term))
    };
    for term in query.terms.iter().filter(|t| !in_joined(t)) {
        term_best(term, &mut best);
        add(&mut total, &mut matched, &best);
    }
    // A word typed with hyphens matches its parts, or the library's word
    // written joined (`e-mail`, `email`) as every one of them: whichever
    // scores more in each reply.
    for joined in &query.joined {
        let mut apart = vec![0f32; total.len()];
        let mut apart_matched = vec![0u16; total.len()];
        for part in &joined.parts {
            term_best(part, &mut best);
            add(&mut apart, &mut apart_matched, &best);
        }
        term_best(&joined.word, &mut best);
        let parts = u16::try_from(joined.parts.len()).unwrap_or(u16::MAX);
        for (slot, b) in best.iter().enumerate() {
            let as_one = *b * f32::from(parts);
            let (t, m) = if *b > 0.0 && (apart_matched[slot] < parts || as_one > apart[slot]) {
                (as_one, parts)
            } else {
                (apart[slot], apart_matched[slot])
            };
            total[slot] += t;
            matched[slot] = matched[slot].saturating_add(m);
        }
    }
    // Function words among other words: whole, optional, and worth a
    // tenth of a word, so they only order replies the words found alike.
    for term in &query.optional {
        let words = index.segments.iter().flat_map(|s| {
            (s.prefix_range(term))
                .filter(move |&w| s.vocab.get(w) == term.as_str())
                .map(move |w| (s, w, OPTIONAL))
        });
        best_per_slot(index, words, &mut best);
        for (t, b) in total.iter_mut().zip(&best) {
            *t += b;
        }
    }

    // The words typed exactly as a shortcut or id, whether the filters
    // came as flags or as qualifiers among them (`refund c:vip`).
    let exact = index.exact(&query.text);
    // Asked for a kind of customer (`c:vip`), a response written for that
    // kind comes before one written for anyone.
    let specific = query.filter.customer.as_deref().filter(|c| *c != "any");
    // Whoever the customer is known to be, asked for or remembered.
    let customer = specific.or(query.known_customer.as_deref().filter(|c| *c != "any"));
    // A pasted essay has more words than a counter needs: past 65,535 every
    // further word counts as already matched.
    let n = u16::try_from(query.terms.len()).unwrap_or(u16::MAX);
    let collect = |need: u16| {
        let mut hits: Vec<Hit> = Vec::new();
        for d in 0..ndocs {
            if matched[d * nl..(d + 1) * nl].iter().all(|&m| m < need) {
                continue;
            }
            let doc = index.docs.view(d);
            if !query.filter.matches(&Seen(doc, index), ctx.today) {
                continue;
            }
            let mut best_hit: Option<Hit> = None;
            for &l in doc.langs() {
                let slot = d * nl + usize::from(l);
                if usize::from(l) >= nl
                    || want_langs.as_ref().is_some_and(|w| !w.contains(&l))
                    || matched[slot] < need
                {
                    continue;
                }
                // Each word missed costs more than any one word can earn, so
                // closer matches always rank first.
                let score = total[slot] - 10.0 * f32::from(n - matched[slot]);
                // The own language wins ties: it comes first in `langs`.
                if best_hit.as_ref().is_none_or(|h| score > h.score) {
                    best_hit = Some(Hit {
                        doc: d,
                        score,
                        lang: l,
                        partial: matched[slot] < n,
                    });
                }
            }
            if let Some(mut h) = best_hit {
                if exact == Some(d) {
                    h.score += 1000.0;
                }
                hits.push(h);
            }
        }
        hits
    };
    // Every word must match, like fzf. When no response has them all, the
    // closest (at least half of the words) are better than nothing to an
    // agent mid-chat; they are marked partial.
    let mut hits = collect(n);
    if hits.is_empty() && n >= 2 {
        hits = collect(n.div_ceil(2));
    }
    if limit == 0 {
        return (Vec::new(), hits.len());
    }
    // Scores within 0.5% are a tie, broken by how surely the reply suits
    // the customer, then usage, then urgency, then id. What decides is read
    // once per hit rather than per comparison.
    let ranked: Vec<Ranked> = hits
        .iter()
        .map(|h| {
            let v = index.docs.view(h.doc);
            Ranked {
                asked: specific
                    .is_some_and(|c| v.customers().iter().any(|x| CustomerType::same(x, c))),
                key: (h.score * 200.0).round() as i64,
                fit: fit(v.customers(), customer),
                usage: (ctx.usage)(h.doc),
                urgency: v.urgency(),
                // Ids are compared by their rank: comparing their bytes was
                // a fifth of a keystroke at 100,000 responses.
                id: index.docs.rank(h.doc),
            }
        })
        .collect();
    // A total order (the hit's position last), so keeping the best `limit`
    // and sorting only those gives exactly what sorting every hit would.
    // Positions are moved around rather than the hits' whole `Ranked`.
    let better = |&a: &usize, &b: &usize| {
        let (ra, rb) = (&ranked[a], &ranked[b]);
        rb.asked
            .cmp(&ra.asked)
            .then(rb.key.cmp(&ra.key))
            .then(rb.fit.cmp(&ra.fit))
            .then(rb.usage.total_cmp(&ra.usage))
            .then(rb.urgency.cmp(&ra.urgency))
            .then(ra.id.cmp(&rb.id))
            .then(a.cmp(&b))
    };
    let mut order: Vec<usize> = (0..hits.len()).collect();
    if order.len() > limit {
        order.select_nth_unstable_by(limit - 1, better);
        order.truncate(limit);
    }
    order.sort_unstable_by(better);
    let best = order.into_iter().map(|i| hits[i].clone()).collect();
    (best, hits.len())
}

/// A hit's place among the others, best first (see `search`).
struct Ranked {
    /// Written for the kind of customer asked for (`c:vip`): before every
    /// reply for anyone, however well that one matches, even typed as its
    /// shortcut (`refund c:vip` asks for the VIP refund).
    asked: bool,
    key: i64,
    fit: Fit,
    usage: f64,
    urgency: Urgency,
    id: u64,
}

/// How surely a reply suits the customer, worst first. A reply written
/// for some segments said to a customer of another, or of an unknown one,
/// can promise what they are not owed (a VIP refund to a normal customer);
/// a reply for anyone is safe whoever it is; one written for the customer's
/// own known type suits best. Among equally good matches the surer fit
/// comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    /// Written for segments the customer is not known to be in.
    Others,
    /// Written for anyone.
    Anyone,
    /// Written for the customer's own (known) type.
    Own,
}

fn fit(customers: Strs<'_>, customer: Option<&str>) -> Fit {
    if customer.is_some_and(|c| customers.iter().any(|x| CustomerType::same(x, c))) {
        Fit::Own
    } else if customers.iter().next().is_none() || customers.iter().any(|x| x == "any") {
        Fit::Anyone
    } else {
        Fit::Others
    }
}

impl Index {
    /// Whether document `d` is among what `filter` asks for on `today`.
    pub fn passes(&self, d: usize, filter: &Filter, today: Date) -> bool {
        filter.matches(&Seen(self.docs.view(d), self), today)
    }
}

/// A doc seen through its index, so filters can read its language names.
struct Seen<'a>(DocView<'a>, &'a Index);

impl Segments for Seen<'_> {
    fn urgency(&self) -> Urgency {
        self.0.urgency()
    }
    fn topic(&self) -> &str {
        self.0.topic()
    }
    fn fits_customer(&self, customer: &str) -> bool {
        customer == "any"
            || self
                .0
                .customers()
                .iter()
                .any(|c| c == "any" || CustomerType::same(c, customer))
    }
    fn has_lang(&self, lang: &str) -> bool {
        self.0.langs().iter().any(|&i| {
            (self.1.langs.get(usize::from(i))).is_some_and(|l| Lang::same_language(l, lang))
        })
    }
    fn any_tag(&self, pred: &mut dyn FnMut(&str) -> bool) -> bool {
        self.0.tags().iter().any(pred)
    }
    fn expires(&self) -> Option<Date> {
        self.0.expires()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::library::Library;

    /// Three refund replies alike but for whom they are written.
    const REFUNDS: &str = r#"
[[response]]
id = "refund-vip"
title = "Refund"
topic = "billing"
customer = "vip"
urgency = "high"
body = "refund"

[[response]]
id = "refund-loyal"
title = "Refund"
topic = "billing"
customer = ["loyal", "new"]
urgency = "high"
body = "refund"

[[response]]
id = "refund-standard"
title = "Refund"
topic = "billing"
urgency = "low"
body = "refund"
"#;

    fn ranked(known: Option<&str>, filter: &str) -> Vec<String> {
        let lib = Library::of_texts(None, REFUNDS);
        let index = Index::build(&lib.responses);
        let mut query = Query::parse(&["refund", filter], Default::default()).unwrap();
        query.known_customer = known.map(str::to_string);
        let today: Date = "2026-11-24".parse().unwrap();
        let ctx = Context {
            today,
            usage: &|_| 0.0,
        };
        search(&index, &query, &ctx, 10)
            .into_iter()
            .map(|h| index.docs[h.doc].id.clone())
            .collect()
    }

    #[test]
    fn the_best_are_kept_and_every_match_is_counted() {
        let lib = Library::of_texts(None, REFUNDS);
        let index = Index::build(&lib.responses);
        let query = Query::parse(&["refund"], Default::default()).unwrap();
        let ctx = Context {
            today: "2026-11-24".parse().unwrap(),
            usage: &|_| 0.0,
        };
        let (best, matched) = search_counted(&index, &query, &ctx, 1);
        assert_eq!((best.len(), matched), (1, 3));
        assert_eq!(index.docs[best[0].doc].id, "refund-standard");
    }

    #[test]
    fn with_the_customer_unknown_a_reply_for_anyone_comes_before_a_segments() {
        // Urgency would put the segments' replies first.
        assert_eq!(
            ranked(None, ""),
            ["refund-standard", "refund-loyal", "refund-vip"]
        );
        assert_eq!(ranked(Some("any"), ""), ranked(None, ""));
    }

    #[test]
    fn with_the_customer_known_their_types_reply_comes_first_then_anyones() {
        assert_eq!(
            ranked(Some("vip"), ""),
            ["refund-vip", "refund-standard", "refund-loyal"]
        );
        assert_eq!(
            ranked(Some("new"), ""),
            ["refund-loyal", "refund-standard", "refund-vip"]
        );
        // Asked for, the type also filters: other segments are gone.
        assert_eq!(ranked(None, "c:vip"), ["refund-vip", "refund-standard"]);
        // What is asked for wins over what is remembered.
        assert_eq!(
            ranked(Some("new"), "c:vip"),
            ["refund-vip", "refund-standard"]
        );
    }
}
