//! Ranking replies for a customer's message.
//!
//! Each response is scored in each of its languages by two measures, both
//! between 0 and 1:
//!
//! - **examples**: the cosine similarity (tf-idf) between the message and
//!   the closest two of the ways customers ask for it (its examples, and its
//!   title), so that a message worded like an example is recognised whatever
//!   the reply's own wording;
//! - **text**: BM25F over examples, title, tags and body, normalised by the
//!   best score the message's words could reach.
//!
//! A response with examples is scored `0.25 × examples + 0.75 × text`, one
//! without on its text alone. Those measures score each reply on its own;
//! then 0.2 of the score goes by naive Bayes's posterior (see [`bayes`]),
//! which weighs a word against the other replies that use it, so that of
//! two replies sharing their vocabulary, the one whose examples hold the
//! message's distinctive words wins. In English and French, half of the score then
//! goes by meaning (see [`meaning`]): how close the message is to the
//! closest way of asking for the reply, and to its body, so that a customer
//! who describes the situation in words no reply uses still meets the one
//! that answers it. Meaning only re-orders the replies the words found:
//! alone it cannot tell a question about pets from a neighbour's dog.
//! Words are stems, and the concepts they name
//! (`@refund` for refund, money back, remboursement), so that a message
//! meets replies worded otherwise, or in the other language. Each word of the message meets the library's
//! stems exactly, by a shared stem prefix (`deliv` ~ `deliveri`), or with one
//! typo; only words that meet something count, so the rest of a long
//! message neither helps nor hurts.

use super::bayes;
use super::concepts::negates;
use super::language::Language;
use super::meaning::{self, Meanings};
use super::model::{LangModel, Model};
use crate::domain::date::Date;
use crate::domain::diagnostic::edit_distance;
use crate::domain::model::{CustomerType, Lang};

/// Share of the examples measure in a response that has examples. A
/// quarter, not a half: meaning (below) weighs the closest way of asking
/// too, and at a half the words a message happened to share with another
/// reply's example counted twice ("récupérer mon argent" took a cancelled
/// flight to the refund for a cancelled booking). Measured in the README.
const EXAMPLE_SHARE: f32 = 0.25;
/// Share of naive Bayes's posterior, which tells close replies apart; the
/// measures above keep the rest.
const BAYES_SHARE: f32 = 0.2;
/// The second-closest example counts this much beside the closest: two
/// ways of asking that fit are surer than one.
const SECOND_EXAMPLE: f32 = 0.5;
/// A message word that no response uses still counts in the message's
/// length, as half of the rarest word: a reply that explains few of the
/// message's words is less sure (and a French message does not look
/// explained by the one English word it happens to share).
const UNSEEN: f32 = 0.5;
/// A stem that only shares a prefix, or is one typo away, counts less.
const PREFIX_MATCH: f32 = 0.8;
const TYPO_MATCH: f32 = 0.7;
/// Shorter stems than this meet only exactly.
const MIN_LOOSE: usize = 5;
/// The customer's language is preferred: a reply's other languages count
/// this much.
const OTHER_LANGUAGE: f32 = 0.8;

/// Share of meaning in a reply's score, the words keeping the
/// rest; the closest way of asking and the body count alike.
const MEANING_SHARE: f32 = 0.5;

/// Below this score a reply is not offered: a message that matches nothing
/// well is told so, rather than answered with noise. Low, because a long
/// message in the customer's own words scores low even against the reply
/// that answers it (each of its words no reply uses counts in its length),
/// and a score does not tell an off-topic message sharing a word with a
/// reply from one that asks for it: measured in the README.
pub const CONFIDENT: f32 = 0.06;

/// What ranking needs besides the message.
pub struct Context<'a> {
    pub today: Date,
    /// The language to answer in, when known (`--lang`, the chat's).
    pub lang: Option<&'a str>,
    /// The language the message is known to be written in (an example of
    /// a translation); otherwise it is detected.
    pub written_in: Option<&'a str>,
    /// The customer's type, when known (the chat's).
    pub customer: Option<&'a str>,
    /// How much this agent used each response, from 0 (never) up.
    pub usage: &'a dyn Fn(&str) -> f64,
}

/// One reply for the message: the best replies when the words of the best
/// fit well ([`CONFIDENT`]), with the runners-up that fit at least half as
/// well as alternatives; none otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// Index into `Model::entries`.
    pub entry: usize,
    /// Index into `Model::langs`, and into its docs.
    pub lang: usize,
    pub doc: usize,
    /// How sure, from 0 to 1.
    pub score: f32,
    /// The message's words that matched, as written but in lower case, in
    /// message order.
    pub matched: Vec<String>,
}

/// One word of the message, as each language sees it.
struct Word {
    stem: String,
    folded: String,
}

/// The replies for `message`, best first.
pub fn rank(model: &Model, message: &str, ctx: &Context<'_>, limit: usize) -> Vec<Ranked> {
    let message = &super::language::without_phone_numbers(message);
    // Its closing is no words of what it asks. Meaning reads it still:
    // left out there too, names cost top-1 over the fresh sets (measured),
    // as a name moves a meaning little and alike.
    let whole = message;
    let message = super::language::without_closing(message);
    // Its words without the figures of its amounts (a concept counts
    // `404` among its words); its meaning reads them as written.
    let worded = super::language::without_amounts(message);
    // The message is read in its own language; the reply is written in the
    // one to answer in, when one is asked for (`--lang`, the chat's).
    let detected = ctx
        .written_in
        .or_else(|| super::language::detect(message))
        .or(ctx.lang)
        .or(Some(model.default_lang.as_str()).filter(|l| !l.is_empty()));
    let answer = ctx.lang.and_then(|a| {
        model
            .langs
            .iter()
            .position(|lm| Lang::same_language(a, &lm.lang))
    });
    // Per entry, whether it can be answered in that language.
    let answerable = answer.map(|a| {
        let mut has = vec![false; model.entries.len()];
        for d in &model.langs[a].docs {
            has[d.entry as usize] = true;
        }
        has
    });
    // Per entry, its best (language, doc, score), and what its words alone
    // scored in its best language: the words that matched are copied out
    // for the replies shown only.
    let mut best: Vec<Option<(usize, usize, f32)>> = vec![None; model.entries.len()];
    let mut evidence = vec![0f32; model.entries.len()];
    // The docs meaning may raise, weighed once the words have scored every
    // doc.
    let mut pending: Vec<Pending> = Vec::new();
    let mut words_by_lang = Vec::with_capacity(model.langs.len());
    let mut matches_by_lang = Vec::with_capacity(model.langs.len());
    for (l, lm) in model.langs.iter().enumerate() {
        let words = words_of(&lm.lang, &worded);
        // A region is no other language: a message detected as French is
        // written in a library's `fr-FR`.
        let own_language = detected.is_none_or(|d| Lang::same_language(d, &lm.lang));
        let (scores, matches) = score_lang(lm, &words);
        // Meaning is weighed in the message's own language only: a reply in
        // another is a fallback, not a closer answer.
        let meant = own_language && !lm.body_meanings.is_empty();
        for (doc, words_score) in scores {
            let entry = lm.docs[doc].entry as usize;
            let e = &model.entries[entry];
            if e.expires.is_some_and(|x| x < ctx.today) {
                continue;
            }
            // A reply is preferred in the message's language, or, with one
            // to answer in, when it has that language whatever it matched in.
            let preferred = answerable.as_ref().map_or(own_language, |has| has[entry]);
            let prior = if preferred { 1.0 } else { OTHER_LANGUAGE };
            let factor = prior * segment_factor(&e.customers, ctx.customer);
            evidence[entry] = evidence[entry].max(words_score * factor);
            // Only a reply that may be offered is weighed by meaning; until
            // it is, it has what meaning cannot take away.
            let score = if meant && words_score * factor >= CONFIDENT / 2.0 {
                pending.push(Pending {
                    entry,
                    lang: l,
                    doc,
                    words: words_score,
                    factor,
                });
                (1.0 - MEANING_SHARE) * words_score * factor
            } else {
                words_score * factor
            };
            if best[entry].is_none_or(|b| score > b.2) {
                best[entry] = Some((l, doc, score));
            }
        }
        words_by_lang.push(words);
        matches_by_lang.push(matches);
    }
    // Whether anything fits, and which replies are offered, is the words'
    // to say (see `MEANING_SHARE`).
    if !evidence.iter().any(|&e| e >= CONFIDENT) {
        return Vec::new();
    }
    for (b, &e) in best.iter_mut().zip(&evidence) {
        if e < CONFIDENT / 2.0 {
            *b = None;
        }
    }
    weigh_meaning(model, whole, pending, &mut best, limit);
    // Meaning may lower a runner-up's score below what is worth showing.
    let top = best.iter().flatten().map(|b| b.2).fold(0.0, f32::max);
    let hits: Vec<(usize, (usize, usize, f32))> = best
        .into_iter()
        .enumerate()
        .filter_map(|(entry, b)| Some((entry, b?)))
        .filter(|(_, b)| b.2 >= CONFIDENT / 2.0 || b.2 == top)
        .collect();
    if limit == 0 {
        return Vec::new();
    }
    // Scores within 1% are a tie, broken by how surely the reply suits the
    // customer (a reply for anyone before a segment's when the type is
    // unknown: urgency had put the business reply above a generic one that
    // scored more), then usage, then urgency, then the library's order: a
    // total order, so keeping the best `limit` and sorting only those gives
    // what sorting every hit would. What decides is read once per hit, not
    // per comparison.
    let keys: Vec<(i64, f32, f64)> = hits
        .iter()
        .map(|(entry, b)| {
            let e = &model.entries[*entry];
            let usage = (ctx.usage)(&e.id);
            let fit = segment_factor(&e.customers, ctx.customer);
            ((b.2 * 100.0).round() as i64, fit, usage)
        })
        .collect();
    let better = |&a: &usize, &b: &usize| {
        let (ea, eb) = (hits[a].0, hits[b].0);
        keys[b]
            .0
            .cmp(&keys[a].0)
            .then(keys[b].1.total_cmp(&keys[a].1))
            .then(keys[b].2.total_cmp(&keys[a].2))
            .then(model.entries[eb].urgency.cmp(&model.entries[ea].urgency))
            .then(ea.cmp(&eb))
    };
    let mut order: Vec<usize> = (0..hits.len()).collect();
    if order.len() > limit {
        order.select_nth_unstable_by(limit - 1, better);
        order.truncate(limit);
    }
    order.sort_unstable_by(better);
    let written: Vec<(String, &str)> =
        crate::domain::search::fold::words_as_written(message).collect();
    order
        .into_iter()
        .map(|i| {
            let (entry, (lang, doc, score)) = hits[i];
            let words = &words_by_lang[lang];
            let mut matched: Vec<(usize, String)> = Vec::new();
            let folded = matches_by_lang[lang]
                .iter()
                .filter(|&&(d, _)| d as usize == doc)
                .filter_map(|&(_, w)| words.get(usize::from(w)));
            for w in folded {
                // Shown as the customer wrote it (`remboursée`, not the
                // folded `remboursee`), in the message's order. A phrase of
                // a concept ("still has not", read from "still hasn't") is
                // not what was written: its words that matched are listed.
                let found = written.iter().position(|(f, _)| *f == w.folded);
                if found.is_none() && w.folded.contains(' ') {
                    continue;
                }
                // The `not` of a contraction is shown as written: `hasn't`.
                let contraction = || {
                    (w.folded == "not")
                        .then(|| {
                            written
                                .windows(2)
                                .position(|p| negates(&p[0].0) && p[1].0 == "t")
                        })
                        .flatten()
                        .map(|i| (i, format!("{}'t", written[i].1.to_lowercase())))
                };
                let (at, word) = match found {
                    Some(i) => (i, written[i].1.to_lowercase()),
                    None => contraction().unwrap_or((usize::MAX, w.folded.clone())),
                };
                if !matched.iter().any(|(_, m)| *m == word) {
                    matched.push((at, word));
                }
            }
            matched.sort_by_key(|&(at, _)| at);
            // Shown in the language to answer in, when the reply has it.
            let (lang, doc) = answer
                .and_then(|a| {
                    let d = model.langs[a]
                        .docs
                        .iter()
                        .position(|d| d.entry as usize == entry)?;
                    Some((a, d))
                })
                .unwrap_or((lang, doc));
            Ranked {
                entry,
                lang,
                doc,
                score,
                matched: matched.into_iter().map(|(_, w)| w).collect(),
            }
        })
        .collect()
}

/// A known customer type: replies written for it fit a little better, and
/// replies written only for other types a good deal worse. Unknown: replies
/// for anyone come first among near equals; near, as meaning tells apart
/// by a few points replies whose words tie, and a reply for VIPs must not
/// go to an unknown customer for the wording of its body.
fn segment_factor(customers: &[String], known: Option<&str>) -> f32 {
    let for_anyone = customers.iter().any(|c| c == "any");
    match known.filter(|c| *c != "any") {
        Some(c) if customers.iter().any(|x| CustomerType::same(x, c)) => 1.05,
        Some(_) if !for_anyone => 0.85,
        None if !for_anyone => 0.95,
        _ => 1.0,
    }
}

/// A doc the words found, whose score meaning may raise.
struct Pending {
    entry: usize,
    lang: usize,
    doc: usize,
    /// Its words' score, and what its language and segment multiply it by.
    words: f32,
    factor: f32,
}

impl Pending {
    /// The most meaning can make of it: closeness is at most 1.
    fn most(&self) -> f32 {
        ((1.0 - MEANING_SHARE) * self.words + MEANING_SHARE) * self.factor
    }
}

/// Raises the scores in `best` by meaning, most promising doc first, until
/// no doc left can reach the best `limit` replies: `check` ranks every
/// example against the whole library, and most docs the words find cannot.
fn weigh_meaning(
    model: &Model,
    message: &str,
    mut pending: Vec<Pending>,
    best: &mut [Option<(usize, usize, f32)>],
    limit: usize,
) {
    pending.sort_by(|a, b| b.most().total_cmp(&a.most()));
    // The `limit`th best score so far of the replies that may be offered
    // (`best` holds no other): scores only rise, so no final one is lower.
    // A doc that cannot come within a tie (1%) of it changes nothing shown.
    let floor = |best: &[Option<(usize, usize, f32)>]| {
        let mut scores: Vec<f32> = best.iter().flatten().map(|b| b.2).collect();
        if limit == 0 || scores.len() < limit {
            return f32::MIN;
        }
        let (_, kth, _) = scores.select_nth_unstable_by(limit - 1, |a, b| b.total_cmp(a));
        *kth - 0.01
    };
    let mut below = floor(best);
    // The message's meaning in each language, read when first needed.
    let mut meanings: Vec<Option<Vec<u8>>> = vec![None; model.langs.len()];
    for (i, p) in pending.iter().enumerate() {
        if i % 16 == 15 {
            below = floor(best);
        }
        if p.most() < below {
            break;
        }
        let lm = &model.langs[p.lang];
        let meant = meanings[p.lang]
            .get_or_insert_with(|| meaning::packed(&meaning::of(message, &lm.lang)).collect());
        let meant = (1.0 - MEANING_SHARE) * p.words + MEANING_SHARE * closeness(lm, meant, p.doc);
        let score = meant * p.factor;
        if best[p.entry].is_none_or(|b| score > b.2) {
            best[p.entry] = Some((p.lang, p.doc, score));
        }
    }
}

/// How close `message`'s meaning is to the closest of `doc`'s ways of
/// asking and to its body, from 0 (unrelated or opposed) to 1.
fn closeness(lm: &LangModel, message: &[u8], doc: usize) -> f32 {
    let of = |meanings: &Meanings, i: usize| {
        meanings
            .get(i)
            .map_or(0.0, |v| meaning::similarity(message, v).max(0.0))
    };
    // A doc's ways of asking are side by side, in doc order.
    let first = lm.examples.partition_point(|&(d, _)| (d as usize) < doc);
    let count = lm.examples[first..].partition_point(|&(d, _)| d as usize == doc);
    let asked = (first..first + count)
        .map(|e| of(&lm.asked_meanings, e))
        .fold(0f32, f32::max);
    ((asked + of(&lm.body_meanings, doc)) / 2.0).min(1.0)
}

fn words_of(lang: &str, message: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for (stem, folded) in Language::new(lang).terms(message) {
        if !out.iter().any(|w| w.stem == stem) {
            out.push(Word { stem, folded });
        }
    }
    out
}

/// The terms of `lm` a message word meets, with how well.
fn expand(lm: &LangModel, stem: &str) -> Vec<(usize, f32)> {
    let mut out = Vec::new();
    let exact = lm.term(stem);
    if let Some(t) = exact {
        out.push((t, 1.0));
    }
    let len = stem.chars().count();
    if len >= MIN_LOOSE {
        // Longer forms of the stem: `deliv` (delivered) ~ `deliveri` (delivery).
        for t in lm.with_prefix(stem) {
            if Some(t) != exact {
                out.push((t, PREFIX_MATCH));
            }
        }
        // Shorter forms: the stem starts with a known one.
        for (i, _) in stem.char_indices().skip(MIN_LOOSE) {
            if let Some(t) = lm.term(&stem[..i]) {
                out.push((t, PREFIX_MATCH));
            }
        }
        if exact.is_none() {
            let first = stem.chars().next();
            for (t, term) in lm.terms.iter().enumerate() {
                let tl = term.chars().count();
                if tl.abs_diff(len) <= 1
                    && tl >= MIN_LOOSE
                    && (term.chars().next() == first || term.chars().nth(1) == stem.chars().nth(1))
                    && edit_distance(stem, term) <= 1
                {
                    out.push((t, TYPO_MATCH));
                }
            }
        }
    }
    out
}

/// Each (doc, index in the message's words) of a word a doc matched, in
/// message order.
type Matches = Vec<(u32, u16)>;

/// Every doc of `lm` that shares a word with the message, with its score,
/// and the words each matched.
fn score_lang(lm: &LangModel, words: &[Word]) -> (Vec<(usize, f32)>, Matches) {
    let ndocs = lm.docs.len();
    let mut text = vec![0f32; ndocs];
    let mut example = vec![0f32; lm.examples.len()];
    // (doc, word) for each word a doc matched, in message order: one list,
    // not one per doc, which was most of `check`'s allocations.
    let mut hits = Vec::new();
    let mut text_max = 0f32;
    let mut query_norm = 0f32;
    let mut per_doc = vec![0f32; ndocs];
    let mut per_example = vec![0f32; lm.examples.len()];
    let mut met = Vec::with_capacity(words.len());
    for (wi, w) in words.iter().enumerate() {
        let terms = expand(lm, &w.stem);
        met.push(terms);
        let terms = &met[wi];
        if terms.is_empty() {
            let unseen = UNSEEN * lm.unseen_idf();
            text_max += unseen;
            query_norm += unseen * unseen;
            continue;
        }
        let top = terms
            .iter()
            .map(|&(t, q)| q * lm.idf[t])
            .fold(0f32, f32::max);
        text_max += top;
        query_norm += top * top;
        // Each word counts once per doc and example: its best meeting.
        let mut touched_docs = Vec::new();
        let mut touched_examples = Vec::new();
        for &(t, q) in terms {
            let idf = lm.idf[t];
            for &(d, sat) in lm.postings.get(t) {
                let d = d as usize;
                let s = q * idf * sat;
                if per_doc[d] == 0.0 {
                    touched_docs.push(d);
                }
                per_doc[d] = per_doc[d].max(s);
            }
            for &e in lm.example_postings.get(t) {
                let e = e as usize;
                if per_example[e] == 0.0 {
                    touched_examples.push(e);
                }
                per_example[e] = per_example[e].max(q * idf * idf);
            }
        }
        for d in touched_docs {
            text[d] += per_doc[d];
            per_doc[d] = 0.0;
            if let Ok(i) = u16::try_from(wi) {
                hits.push((d as u32, i));
            }
        }
        for e in touched_examples {
            example[e] += per_example[e];
            per_example[e] = 0.0;
        }
    }
    if text_max <= 0.0 {
        return (Vec::new(), Vec::new());
    }
    let query_norm = query_norm.sqrt();
    let mut top2 = vec![(0f32, 0f32); ndocs];
    for (e, &(d, norm)) in lm.examples.iter().enumerate() {
        if example[e] > 0.0 && norm > 0.0 {
            let sim = (example[e] / (norm * query_norm)).min(1.0);
            let c = &mut top2[d as usize];
            if sim > c.0 {
                *c = (sim, c.0);
            } else if sim > c.1 {
                c.1 = sim;
            }
        }
    }
    let closest: Vec<f32> = top2
        .iter()
        .map(|&(a, b)| (a + SECOND_EXAMPLE * b) / (1.0 + SECOND_EXAMPLE))
        .collect();
    let alone: Vec<f32> = (0..ndocs)
        .map(|d| {
            let t = text[d] / text_max;
            if lm.docs[d].has_examples {
                EXAMPLE_SHARE * closest[d] + (1.0 - EXAMPLE_SHARE) * t
            } else {
                t
            }
        })
        .collect();
    // Naive Bayes shares out the best score, by how probable each reply is
    // beside the most probable: the best blend lies between 0.8 of the best
    // match and the best match, so a message that matched well is not told
    // that nothing fits, nor one that matched badly offered a reply.
    let best = alone.iter().copied().fold(0f32, f32::max);
    let posterior = bayes::posterior(lm, &met);
    let top = posterior.iter().copied().fold(0f32, f32::max);
    let scores = (0..ndocs)
        .filter(|&d| text[d] > 0.0)
        .map(|d| {
            let p = if top > 0.0 { posterior[d] / top } else { 0.0 };
            let score = (1.0 - BAYES_SHARE) * alone[d] + BAYES_SHARE * best * p;
            (d, score)
        })
        .collect();
    (scores, hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_usage(_: &str) -> f64 {
        0.0
    }

    /// No chat, no usage.
    fn plain() -> Context<'static> {
        Context {
            today: Date::from_days(20_000),
            lang: None,
            written_in: None,
            customer: None,
            usage: &no_usage,
        }
    }

    fn first(model: &Model, message: &str) -> Option<String> {
        let ranked = rank(model, message, &plain(), 3);
        ranked.first().map(|r| model.entries[r.entry].id.clone())
    }

    /// Who signs is not what is asked: an unknown name counted as a word
    /// no reply explains ("Dr. Singh" made it "nothing fits"), and a known
    /// one met a reply's word ("Tom" and DOM-TOM, "Accounts"). (Meaning
    /// still reads them, a little.)
    #[test]
    fn the_names_under_a_closing_are_no_words_of_what_is_asked() {
        let model = Model::build(&crate::platform::library::sample());
        let asked = "Hi, is my order 45139 on its way?";
        let plain_top = rank(&model, asked, &plain(), 1)[0].score;
        for signed in [
            "Many thanks, Dr. Singh",
            "Regards, Tom & Anna",
            "Many thanks,\nThe Accounts Team",
            "Thanks, Laura\n\nLaura Smith\nCustomer Success Lead",
        ] {
            let message = format!("{asked} {signed}");
            let ranked = rank(&model, &message, &plain(), 1);
            assert_eq!(
                model.entries[ranked[0].entry].id, "order-in-transit",
                "{signed}"
            );
            assert!(
                ranked[0].score > 0.8 * plain_top,
                "{signed}: {}",
                ranked[0].score
            );
        }
    }

    #[test]
    fn a_closing_is_left_out_of_a_request_and_its_names_out_of_thanks() {
        use crate::domain::suggest::language::without_closing;
        let read = without_closing;
        assert_eq!(read("Where is it? Thanks, Dr. Singh"), "Where is it? ");
        assert_eq!(
            read("Where is it?\nBest wishes,\nTom & Anna"),
            "Where is it?\n"
        );
        assert_eq!(read("Where is it? Thank you so much"), "Where is it? ");
        assert_eq!(read("Where is it? Thanks a lot, Priya"), "Where is it? ");
        assert_eq!(
            read("Où est-elle ? Merci beaucoup, Dr Martin"),
            "Où est-elle ? "
        );
        assert_eq!(read("Où est-elle ? Merci d'avance"), "Où est-elle ? ");
        assert_eq!(read("Où est-elle ? Merci par avance"), "Où est-elle ? ");
        assert_eq!(read("Où est-elle ? D'avance merci"), "Où est-elle ? ");
        assert_eq!(
            read("Où est-elle ? Merci d'avance pour votre retour"),
            "Où est-elle ? "
        );
        // Beside a problem told, as beside a request.
        assert_eq!(
            read("Mon colis n'est pas arrivé. Merci d'avance"),
            "Mon colis n'est pas arrivé. "
        );
        assert_eq!(
            read("Bonjour, commande 12345 pas reçue. Merci d'avance, Hugo"),
            "Bonjour, commande 12345 pas reçue. "
        );
        assert_eq!(
            read("Where is it? Looking forward to your reply, Priya"),
            "Where is it? "
        );
        // Closings one after the other, and the French formulae.
        assert_eq!(
            read("Je n'ai pas reçu ma facture.\nMerci d'avance.\nCordialement,\nJean Dupont"),
            "Je n'ai pas reçu ma facture.\n"
        );
        assert_eq!(
            read("Ma commande n'est pas arrivée. Merci d'avance. Bonne journée"),
            "Ma commande n'est pas arrivée. "
        );
        for closing in [
            "Dans l'attente de votre retour.",
            "Je reste dans l'attente de votre retour. Jean",
            "J'attends votre retour. Jean",
            "Dans l'attente d'un retour de votre part, Jean",
            "En vous remerciant par avance.",
            "Merci par avance pour votre retour rapide",
        ] {
            assert_eq!(
                read(&format!("Mon colis n'est pas arrivé. {closing}")),
                "Mon colis n'est pas arrivé. ",
                "{closing}"
            );
        }
        assert_eq!(
            read("My parcel never came. Thanks for your quick reply"),
            "My parcel never came. "
        );
        // A thank-you message keeps its thanks; its names go.
        assert_eq!(
            read("It arrived and works perfectly. Thank you so much! Anna"),
            "It arrived and works perfectly. Thank you so much! "
        );
        // A clause, a reference, a question, what went wrong: what is asked.
        for kept in [
            "Thanks, I'll wait for the refund",
            "Thanks,\nJo\nOrder 45127",
            "Thanks. Where is Order Tracking?",
            "Where is my parcel",
            "Can I speak to a Manager",
            "Thanks, Double Charged",
            "Regards, Hacked Account",
            "Je suis toujours en attente de mon colis",
            "J'attends mon colis depuis deux semaines",
            "Thanks for the quick delivery",
        ] {
            assert_eq!(read(kept), kept);
        }
    }

    #[test]
    fn a_message_whose_language_cannot_be_told_is_read_in_the_librarys() {
        let model = Model::build(&crate::platform::library::sample());
        assert_eq!(model.default_lang, "en");
        let ranked = rank(&model, "call me back", &plain(), 3);
        assert!(!ranked.is_empty());
        assert!(ranked.iter().all(|r| model.langs[r.lang].lang == "en"));
    }

    /// The sample library's model, and the same without meanings.
    fn with_and_without_meaning() -> (Model, Model) {
        let model = Model::build(&crate::platform::library::sample());
        let mut words_only = model.clone();
        for lm in &mut words_only.langs {
            lm.asked_meanings = Meanings::default();
            lm.body_meanings = Meanings::default();
        }
        (model, words_only)
    }

    #[test]
    fn meaning_puts_first_the_reply_for_a_situation_told_in_other_words() {
        let (model, words_only) = with_and_without_meaning();
        let cases = [
            (
                "The courier dropped it and now the screen is cracked",
                "item-arrived-damaged",
                "price-drop-refund",
            ),
            (
                "Le manteau que j'ai payé 189 € il y a une semaine est à 149 € aujourd'hui. Vous faites un geste ?",
                "price-drop-refund",
                "account-compromised",
            ),
        ];
        for (message, meant, words_alone) in cases {
            assert_eq!(first(&model, message).as_deref(), Some(meant), "{message}");
            assert_eq!(
                first(&words_only, message).as_deref(),
                Some(words_alone),
                "{message}"
            );
        }
    }

    #[test]
    fn no_runner_up_is_offered_under_3_percent_when_meaning_lowers_it() {
        let (model, _) = with_and_without_meaning();
        let message = "tree hang tools partial none workspace vague carries";
        let ranked = rank(&model, message, &plain(), 12);
        assert!(ranked.len() > 1, "{ranked:?}");
        assert!(
            ranked[1..].iter().all(|r| r.score >= CONFIDENT / 2.0),
            "{ranked:?}"
        );
    }

    /// Meaning is weighed only where it can change the replies shown, and
    /// that changes nothing: the best three are the first three of all.
    #[test]
    fn the_best_replies_are_the_same_however_many_are_asked_for() {
        let model = Model::build(&crate::platform::library::sample());
        let messages = include_str!("../../../tests/suggest/messages.tsv");
        for line in messages.lines().skip(1) {
            let message = line.split('\t').nth(4).unwrap_or_default();
            let all = rank(&model, message, &plain(), usize::MAX);
            for limit in [1, 3] {
                let best = rank(&model, message, &plain(), limit);
                assert_eq!(best[..], all[..limit.min(all.len())], "{message}");
            }
        }
    }

    /// The words decide whether anything fits, with or without meaning.
    #[test]
    fn meaning_never_makes_a_message_fit() {
        let (model, words_only) = with_and_without_meaning();
        for message in [
            "what colour is the sky on mars",
            "are you a robot?",
            "my neighbour's dog barks all night",
            "quel temps fera-t-il demain à Lyon ?",
        ] {
            let fits = |m: &Model| first(m, message).is_some();
            assert_eq!(fits(&model), fits(&words_only), "{message}");
        }
    }
}
