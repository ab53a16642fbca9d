//! Which reply the message's words point to *against the others*: a
//! multinomial naive Bayes over the ways customers ask for each reply.
//!
//! The other measures score each reply on its own, so two replies that
//! share their vocabulary (a late parcel, a parcel on its way) score alike.
//! Here each reply is a class whose words are its examples', its title's
//! and its tags' (each counting as one more way of asking), and a word that
//! only one reply's examples use counts against every other reply.
//! A reply's length is its examples' alone (see `Model::build`).

use super::model::LangModel;

/// Lidstone smoothing: a word none of a reply's examples holds costs it
/// this much of a count. Small, so that such a word weighs (examples are
/// few), but not zero, so that one word cannot rule a reply out.
const ALPHA: f32 = 0.05;

/// The probability of each doc of `lm` given the message, from the terms
/// each of its words meets (with how well: 1 exactly, less by prefix or
/// typo); words that meet none are left out. All zero when no word meets.
pub fn posterior(lm: &LangModel, words: &[Vec<(usize, f32)>]) -> Vec<f32> {
    let ndocs = lm.docs.len();
    let mut out = vec![0f32; ndocs];
    if lm.asked_len.len() != ndocs || words.iter().all(Vec::is_empty) {
        return out;
    }
    let vocab = lm.asked_terms.max(1) as f32;
    let denom: Vec<f32> = lm
        .asked_len
        .iter()
        .map(|&n| (n as f32 + ALPHA * vocab).ln())
        .collect();
    // Per doc, log P(message | doc) less what is the same for every doc (a
    // word's ln ALPHA where the doc has no count for it): only the docs a
    // word meets are touched.
    let mut log_likelihood = vec![0f32; ndocs];
    // Per doc: the word's best count, and the count of the term at hand.
    let mut count = vec![0f32; ndocs];
    let mut of_term = vec![0u32; ndocs];
    let (mut met, mut touched) = (Vec::new(), Vec::new());
    let met_words = words.iter().filter(|t| !t.is_empty());
    let mut nwords = 0f32;
    for terms in met_words {
        nwords += 1.0;
        // A word's best meeting with each doc, as for the other measures.
        for &(t, q) in terms {
            let holders = lm
                .example_postings
                .get(t)
                .iter()
                .map(|&e| lm.examples[e as usize].0);
            for d in holders.chain(lm.tagged.get(t).iter().copied()) {
                let d = d as usize;
                if of_term[d] == 0 {
                    touched.push(d);
                }
                of_term[d] += 1;
            }
            for d in touched.drain(..) {
                if count[d] == 0.0 {
                    met.push(d);
                }
                count[d] = count[d].max(q * of_term[d] as f32);
                of_term[d] = 0;
            }
        }
        for d in met.drain(..) {
            log_likelihood[d] += (count[d] / ALPHA).ln_1p();
            count[d] = 0.0;
        }
    }
    for (ll, denom) in log_likelihood.iter_mut().zip(&denom) {
        *ll -= nwords * denom;
    }
    // Uniform prior: normalise in log space for the exponentials to stay finite.
    let top = log_likelihood.iter().copied().fold(f32::MIN, f32::max);
    let mut sum = 0f32;
    for (p, ll) in out.iter_mut().zip(&log_likelihood) {
        *p = (ll - top).exp();
        sum += *p;
    }
    out.iter_mut().for_each(|p| *p /= sum);
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::domain::library::{Library, Manifest, file};
    use crate::domain::suggest::Model;
    use crate::domain::suggest::language::Language;

    /// Two replies about a parcel that share most of their words.
    const PARCELS: &str = r#"
[defaults]
topic = "shipping"

[[response]]
id = "late"
title = "Parcel later than promised"
examples = ["my parcel is late", "the parcel was due on Monday", "parcel overdue"]
body = "Sorry, your parcel is late."

[[response]]
id = "transit"
title = "Parcel on its way"
examples = ["where is my parcel", "has my parcel shipped", "tracking for my parcel"]
body = "Your parcel is on its way."
"#;

    fn model() -> Model {
        let manifest = Manifest::default();
        let out = file::parse(Path::new("t.toml"), PARCELS, &manifest);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        Model::build(&Library {
            root: PathBuf::new(),
            manifest,
            responses: out.responses,
            files: Vec::new(),
            problems: Vec::new(),
            skipped: 0,
            skipped_files: 0,
            unread: Vec::new(),
            rejected: Vec::new(),
            taken: Vec::new(),
            manifest_fallback: false,
            manifest_lost: false,
            manifest_unreadable: false,
            contested: Vec::new(),
        })
    }

    /// The message's words as `rank` hands them over: exact meetings only.
    fn posterior_of(model: &Model, message: &str) -> Vec<f32> {
        let lm = &model.langs[0];
        let words: Vec<Vec<(usize, f32)>> = Language::new(&lm.lang)
            .terms(message)
            .into_iter()
            .map(|(stem, _)| lm.term(&stem).map(|t| (t, 1.0)).into_iter().collect())
            .collect();
        posterior(lm, &words)
    }

    #[test]
    fn a_word_only_one_reply_is_asked_with_decides_between_close_replies() {
        let model = model();
        let p = posterior_of(&model, "parcel shipped?");
        assert!(p[1] > 0.9, "{p:?}");
        let p = posterior_of(&model, "is the parcel overdue?");
        assert!(p[0] > 0.9, "{p:?}");
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    }

    #[test]
    fn a_word_both_are_asked_with_decides_little() {
        // Only by how many words each reply is asked with.
        let p = posterior_of(&model(), "parcel");
        assert!(p[0] > 0.25 && p[1] > 0.25, "{p:?}");
    }

    #[test]
    fn a_message_that_meets_no_word_gives_no_probability() {
        let p = posterior_of(&model(), "bonjour");
        assert_eq!(p, [0.0, 0.0]);
    }
}
