//! The replies offered for a customer's message, each with the values the
//! message states for its variables; the values also weigh in the order
//! of the first few.
//!
//! A customer who asks to move a booking writes the day booked and the
//! day wanted; one who asks where a refund is writes the amount and the
//! order. A reply whose variables the message fills is likelier the one
//! it asks for than a reply sharing as many of its words, most of all
//! when few other replies use those variables (a new move-in date, a
//! new rent), and not at all when every reply does (the customer's name).

use regex_lite::Regex;

use super::extract::{Found, Known, Slot, extract};
use super::model::{Doc, Model, Variable};
use super::rank::{Context, Ranked, rank};
use crate::domain::template::BUILT_INS;

/// How many of the best replies the values may re-order: those `suggest`
/// shows by default. Fixed, so that the first reply does not depend on
/// how many are asked for.
const VALUE_POOL: usize = 3;
/// What the values the message states for a reply's variables may add to
/// its score, as a share of the best reply's score. Measured in the
/// README: 0.15 to 0.25 gave the same figures, the middle is taken.
const VALUE_SHARE: f32 = 0.2;

/// One reply offered for a message.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub ranked: Ranked,
    /// The values the message states for the reply's variables (built-ins
    /// aside), in the order the reply uses them.
    pub values: Vec<(String, Found)>,
}

/// The best `limit` replies for `message` (see [`rank`]), each with the
/// values the message states for its variables; `keep` says which values
/// found may be offered at all (not the agent's own name). Of the best
/// [`VALUE_POOL`], a reply whose telling variables the message fills comes
/// first among near equals.
pub fn offer(
    model: &Model,
    message: &str,
    ctx: &Context<'_>,
    limit: usize,
    keep: &dyn Fn(&Found) -> bool,
) -> Vec<Offer> {
    // The places, branches and plans the library's variables list: a
    // message's last word that is one signs nothing ("… my rabbit. Kendal");
    // nor does the business's own name ("Cheers Acme").
    let known = Known::new(
        model
            .variables
            .iter()
            .filter_map(|v| v.description.as_deref()),
        model.name.as_deref(),
    );
    let mut offers: Vec<Offer> = rank(model, message, ctx, limit.max(VALUE_POOL))
        .into_iter()
        .map(|ranked| {
            let doc = &model.langs[ranked.lang].docs[ranked.doc];
            let values = values(model, doc, message, &known, keep);
            Offer { ranked, values }
        })
        .collect();
    let top = offers.first().map_or(0.0, |o| o.ranked.score);
    let pool = offers.len().min(VALUE_POOL);
    // `rank` counts scores in whole percents, a tie broken by usage, then
    // urgency: the score with its values' gain is counted so too, and the
    // sort is stable, so a tie keeps that order. Each rounded apart, a
    // reply shown at 19% came above one shown at 20%.
    let percents = |score: f32| (score * 100.0).round() as i64;
    let mut keyed: Vec<(i64, Offer)> = offers
        .drain(..pool)
        .map(|mut o| {
            let telling: f32 = o
                .values
                .iter()
                .filter(|(_, found)| !found.from_reply)
                .map(|(name, _)| telling(model, name))
                .sum();
            let gain = VALUE_SHARE * top * telling.min(1.0);
            o.ranked.score = (o.ranked.score + gain).min(1.0);
            (percents(o.ranked.score), o)
        })
        .collect();
    keyed.sort_by_key(|(key, _)| std::cmp::Reverse(*key));
    offers.splice(0..0, keyed.into_iter().map(|(_, o)| o));
    offers.truncate(limit);
    offers
}

/// The values `message` states for `doc`'s variables (`known`: see
/// [`extract`]).
fn values(
    model: &Model,
    doc: &Doc,
    message: &str,
    known: &Known,
    keep: &dyn Fn(&Found) -> bool,
) -> Vec<(String, Found)> {
    let vars: Vec<Variable> = doc
        .variables
        .iter()
        .filter(|v| !BUILT_INS.contains(&v.as_str()))
        .map(|v| {
            model.variable(v).cloned().unwrap_or_else(|| Variable {
                name: v.clone(),
                ..Variable::default()
            })
        })
        .collect();
    // A pattern that does not compile was reported by `check`; its
    // variable gets no value rather than an unchecked one.
    let patterns: Vec<Option<Regex>> = vars
        .iter()
        .map(|v| v.pattern.as_deref().and_then(|p| Regex::new(p).ok()))
        .collect();
    let slots: Vec<Slot<'_>> = vars
        .iter()
        .zip(&patterns)
        .filter(|(v, p)| v.pattern.is_none() || p.is_some())
        .map(|(v, p)| Slot {
            name: &v.name,
            description: v.description.as_deref(),
            pattern: p.as_ref(),
            example: v.example.as_deref(),
            worked_out: doc.worked_out.contains(&v.name),
            given: doc.given.contains(&v.name),
            changed_to: doc.changed_to.contains(&v.name),
        })
        .collect();
    extract(message, &slots, known)
        .into_iter()
        .filter(|(_, found)| keep(found))
        .collect()
}

/// How much a value for `variable` tells which reply the message asks for,
/// from 0 (every reply uses it) to 1 (one reply does): its inverse
/// document frequency over the library's replies, in whatever language
/// (so that the language a reply is shown in changes nothing), on a scale
/// of the most it could be.
fn telling(model: &Model, variable: &str) -> f32 {
    let replies = model.entries.len() as f32;
    let mut using = vec![false; model.entries.len()];
    for doc in model.langs.iter().flat_map(|lm| &lm.docs) {
        if doc.variables.iter().any(|v| v == variable) {
            using[doc.entry as usize] = true;
        }
    }
    let using = using.iter().filter(|&&u| u).count() as f32;
    if replies < 2.0 || using == 0.0 {
        return 0.0;
    }
    ((replies / using).ln() / replies.ln()).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::library::Library;

    /// The reply for booking a unit, beside `other`, a reply that shares
    /// its words and reads the variable `manifest` declares.
    fn units(manifest: &str, other: &str) -> Library {
        let responses = format!(
            r#"
[[response]]
id = "booking"
title = "Booking a unit"
topic = "units"
examples = ["I'd like to book a unit", "can I book a unit for next week"]
body = "Hi {{{{ name }}}}, your unit is booked."
{other}"#
        );
        Library::of_texts(Some(manifest), &responses)
    }

    /// Two replies that share their words; only one reads a new day.
    fn library() -> Library {
        units(
            r#"
[variables.new_day]
description = "Day the customer would like instead of the one booked"
example = "Friday 20 March"
"#,
            r#"
[[response]]
id = "rebook"
title = "Changing the day of a booking"
topic = "units"
examples = ["I'd like to change my booking", "can I book another day"]
body = "Hi {{ name }}, we have moved your booking to {{ new_day }}."
"#,
        )
    }

    fn ids(offers: &[Offer], model: &Model) -> Vec<String> {
        offers
            .iter()
            .map(|o| model.entries[o.ranked.entry].id.clone())
            .collect()
    }

    fn ctx() -> Context<'static> {
        Context {
            today: Date::from_days(20_000),
            lang: None,
            written_in: None,
            customer: None,
            usage: &|_| 0.0,
        }
    }

    #[test]
    fn a_reply_whose_telling_variables_the_message_fills_comes_first_among_near_equals() {
        let model = Model::build(&library());
        let message =
            "I booked for Friday 13 March, could I have Friday 20 March instead? Thanks, Rachel";
        let plain = rank(&model, message, &ctx(), 2);
        let offers = offer(&model, message, &ctx(), 2, &|_| true);
        assert_eq!(model.entries[plain[0].entry].id, "booking");
        assert_eq!(ids(&offers, &model), ["rebook", "booking"]);
        assert_eq!(offers[0].values[1].1.value, "Friday 20 March");
    }

    #[test]
    fn a_value_every_reply_reads_tells_nothing() {
        let model = Model::build(&library());
        let message = "can I book a unit? Thanks, Rachel";
        let offers = offer(&model, message, &ctx(), 2, &|_| true);
        let plain = rank(&model, message, &ctx(), 2);
        assert_eq!(offers[0].ranked.entry, plain[0].entry);
        assert_eq!(offers[0].ranked.score, plain[0].score);
    }

    #[test]
    fn values_not_kept_are_neither_offered_nor_counted() {
        let model = Model::build(&library());
        let message =
            "I booked for Friday 13 March, could I have Friday 20 March instead? Thanks, Rachel";
        let offers = offer(&model, message, &ctx(), 2, &|f| {
            f.value != "Friday 20 March"
        });
        assert_eq!(ids(&offers, &model), ["booking", "rebook"]);
        assert!(
            offers
                .iter()
                .all(|o| o.values.iter().all(|(n, _)| n == "name"))
        );
    }

    #[test]
    fn a_value_read_because_the_reply_reads_no_other_is_no_sign_of_the_reply() {
        // The message proposes a day without saying what for: the reply
        // that reads one day takes it, but would take any.
        let library = units(
            r#"
[variables.visit_day]
description = "Day of the visit"
example = "Tuesday 3 March"
"#,
            r#"
[[response]]
id = "visit"
title = "Visiting a unit before booking"
topic = "units"
examples = ["can I see a unit before I book", "I'd like to visit a unit"]
body = "Hi {{ name }}, see you on {{ visit_day }}."
"#,
        );
        let model = Model::build(&library);
        let message = "can I see a unit for next week? is Friday 20 March free? Thanks, Rachel";
        let plain = rank(&model, message, &ctx(), 2);
        let offers = offer(&model, message, &ctx(), 2, &|_| true);
        for (o, p) in offers.iter().zip(&plain) {
            assert_eq!((o.ranked.entry, o.ranked.score), (p.entry, p.score));
        }
        let visit = offers
            .iter()
            .find(|o| model.entries[o.ranked.entry].id == "visit")
            .expect("offered");
        let day = visit.values.iter().find(|(n, _)| n == "visit_day");
        assert!(day.is_some_and(|(_, f)| f.value == "Friday 20 March" && f.from_reply));
    }

    #[test]
    fn only_as_many_as_asked_for_are_offered() {
        let model = Model::build(&library());
        let offers = offer(&model, "can I book a unit?", &ctx(), 1, &|_| true);
        assert_eq!(offers.len(), 1);
    }
}
