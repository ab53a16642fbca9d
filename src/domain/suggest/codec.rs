//! The suggest model as bytes, for the on-disk cache, in the search index's
//! framing: a damaged, truncated or stale buffer decodes to `None`.

use super::meaning::{DIMS, Meanings};
use super::model::{Doc, Entry, LangModel, Lists, Model, Variable};
use crate::domain::model::Urgency;
use crate::domain::search::codec::{Hash, Reader, Trust, Writer, frame, unframe};
use crate::domain::search::shared::Shared;

const MAGIC: &[u8; 8] = b"CANNEDSG";
/// Bumped whenever the layout or the model's weights change, and when
/// what a customer's text asks changes (`language::asks`: thanks count as
/// words only in a text that asks nothing, examples included); edits to
/// the word lists change [`format`] by themselves, and when a text's words
/// do (`hasn't` gives `not`, as `has not` does); 12: what a reply says of
/// its amounts (`extract::worked_out`); 13: the library's language; 14:
/// the codes a reply gives (`extract::given`); 15: a verb whose noun means
/// another thing is no word (`language::is_verb_of_another_noun`); 16: the
/// values a change a reply tells lands on (`extract::changed_to`); 17: the
/// library's own name.
const LAYOUT: u32 = 17;

/// The layout, the word lists and the meaning table the model was built
/// with: a model built with other stop-words, concepts or vectors is
/// rebuilt, not trusted.
fn format() -> u32 {
    let mut h = Hash::new();
    h.u64(u64::from(LAYOUT));
    h.bytes(env!("CANNED_MEANINGS").as_bytes());
    for list in super::language::WORD_LISTS {
        h.bytes(list.as_bytes());
    }
    h.finish() as u32
}

fn opt(w: &mut Writer, s: Option<&str>) {
    w.u8(u8::from(s.is_some()));
    w.str(s.unwrap_or(""));
}

fn read_opt(r: &mut Reader<'_>) -> Option<Option<String>> {
    let some = r.u8()? == 1;
    let s = r.str()?;
    Some(some.then_some(s))
}

/// A count, then that many (u32, f32) pairs, read in one slice: the
/// postings are most of the cache, and item by item they were most of the
/// time spent reading it. Non-finite weights are refused as `Reader::f32`
/// refuses them.
fn pairs(r: &mut Reader<'_>) -> Option<Vec<(u32, f32)>> {
    let n = r.len()?;
    let bytes = r.take(n.checked_mul(8)?)?;
    bytes
        .chunks_exact(8)
        .map(|c| {
            let d = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            let f = f32::from_le_bytes([c[4], c[5], c[6], c[7]]);
            f.is_finite().then_some((d, f))
        })
        .collect()
}

fn meanings(w: &mut Writer, m: &Meanings) {
    w.u32(m.bytes().len() as u32);
    w.0.extend_from_slice(m.bytes());
}

/// Meanings, left where they are in `bytes` (read by `r`).
fn read_meanings(r: &mut Reader<'_>, bytes: &Shared) -> Option<Meanings> {
    let n = r.len()?;
    let start = r.pos;
    r.take(n)?;
    bytes.slice(start..start + n).map(Meanings::new)
}

/// The model and the load notice that came with it, as bytes for `key`.
pub fn encode(model: &Model, notice: Option<&str>, key: u64) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.str(notice.unwrap_or(""));
    w.str(&model.default_lang);
    opt(&mut w, model.name.as_deref());
    w.u32(model.entries.len() as u32);
    for e in &model.entries {
        w.str(&e.id);
        w.u8(e.urgency as u8);
        w.strs(&e.customers);
        w.date(e.expires);
    }
    w.u32(model.variables.len() as u32);
    for v in &model.variables {
        w.str(&v.name);
        opt(&mut w, v.description.as_deref());
        opt(&mut w, v.pattern.as_deref());
        opt(&mut w, v.example.as_deref());
    }
    w.u32(model.langs.len() as u32);
    for lm in &model.langs {
        w.str(&lm.lang);
        w.u32(lm.docs.len() as u32);
        for d in &lm.docs {
            w.u32(d.entry);
            w.str(&d.title);
            w.strs(&d.variables);
            w.strs(&d.worked_out);
            w.strs(&d.given);
            w.strs(&d.changed_to);
            w.u8(u8::from(d.has_examples));
        }
        w.strs(&lm.terms);
        w.u32(lm.idf.len() as u32);
        lm.idf.iter().for_each(|&v| w.f32(v));
        w.u32s(&lm.postings.ends);
        w.u32(lm.postings.items.len() as u32);
        for &(d, f) in &lm.postings.items {
            w.u32(d);
            w.f32(f);
        }
        w.u32s(&lm.example_postings.ends);
        w.u32s(&lm.example_postings.items);
        w.u32(lm.examples.len() as u32);
        for &(d, norm) in &lm.examples {
            w.u32(d);
            w.f32(norm);
        }
        w.u32s(&lm.tagged.ends);
        w.u32s(&lm.tagged.items);
        w.u32s(&lm.asked_len);
        w.u32(lm.asked_terms);
        meanings(&mut w, &lm.asked_meanings);
        meanings(&mut w, &lm.body_meanings);
    }
    frame(MAGIC, format(), key, &w.0)
}

/// The model in `bytes`, if they are a complete, undamaged cache for `key`.
pub fn decode(shared: Shared, key: u64, trust: Trust) -> Option<(Model, Option<String>)> {
    let bytes = shared.as_slice();
    let mut r = unframe(bytes, MAGIC, format(), key, trust)?;
    let notice = r.str()?;
    let default_lang = r.str()?;
    let name = read_opt(&mut r)?;
    let n = r.len()?;
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        entries.push(Entry {
            id: r.str()?,
            urgency: *Urgency::ALL.get(usize::from(r.u8()?))?,
            customers: r.strs()?,
            expires: r.date()?,
        });
    }
    let n = r.len()?;
    let mut variables = Vec::with_capacity(n);
    for _ in 0..n {
        variables.push(Variable {
            name: r.str()?,
            description: read_opt(&mut r)?,
            pattern: read_opt(&mut r)?,
            example: read_opt(&mut r)?,
        });
    }
    let n = r.len()?;
    let mut langs = Vec::with_capacity(n);
    for _ in 0..n {
        let lang = r.str()?;
        let ndocs = r.len()?;
        let mut docs = Vec::with_capacity(ndocs);
        for _ in 0..ndocs {
            let doc = Doc {
                entry: r.u32()?,
                title: r.str()?,
                variables: r.strs()?,
                worked_out: r.strs()?,
                given: r.strs()?,
                changed_to: r.strs()?,
                has_examples: r.u8()? == 1,
            };
            if doc.entry as usize >= entries.len() {
                return None;
            }
            docs.push(doc);
        }
        let terms = r.strs()?;
        let n = r.len()?;
        let idf: Vec<f32> = (0..n).map(|_| r.f32()).collect::<Option<_>>()?;
        let ends = r.u32s()?;
        let postings = Lists {
            items: pairs(&mut r)?,
            ends,
        };
        let example_postings = Lists {
            ends: r.u32s()?,
            items: r.u32s()?,
        };
        let examples = pairs(&mut r)?;
        let tagged = Lists {
            ends: r.u32s()?,
            items: r.u32s()?,
        };
        let asked_len = r.u32s()?;
        let asked_terms = r.u32()?;
        let asked_meanings = read_meanings(&mut r, &shared)?;
        let body_meanings = read_meanings(&mut r, &shared)?;
        let with_meanings = !body_meanings.is_empty();
        let sound = (!with_meanings
            || (body_meanings.bytes().len() == docs.len() * DIMS
                && asked_meanings.bytes().len() == examples.len() * DIMS))
            && (with_meanings || asked_meanings.is_empty())
            && examples.iter().all(|&(d, _)| (d as usize) < docs.len())
            && tagged.items.iter().all(|&d| (d as usize) < docs.len())
            && tagged.is_sound()
            && tagged.ends.len() == terms.len()
            && asked_terms as usize <= terms.len()
            && asked_len.len() == docs.len()
            && postings
                .items
                .iter()
                .all(|&(d, _)| (d as usize) < docs.len())
            && example_postings
                .items
                .iter()
                .all(|&e| (e as usize) < examples.len())
            && postings.is_sound()
            && example_postings.is_sound()
            && idf.len() == terms.len()
            && postings.ends.len() == terms.len()
            && example_postings.ends.len() == terms.len()
            && terms.windows(2).all(|w| w[0] < w[1]);
        if !sound {
            return None;
        }
        langs.push(LangModel {
            lang,
            docs,
            terms,
            idf,
            postings,
            example_postings,
            examples,
            tagged,
            asked_len,
            asked_terms,
            asked_meanings,
            body_meanings,
        });
    }
    if r.pos != bytes.len() {
        return None;
    }
    let model = Model {
        entries,
        langs,
        variables,
        default_lang,
        name,
    };
    Some((model, Some(notice).filter(|n| !n.is_empty())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(bytes: Vec<u8>) -> Shared {
        Shared::new(std::sync::Arc::new(bytes))
    }

    fn sample() -> Model {
        let lib = crate::platform::library::sample();
        Model::build(&lib)
    }

    #[test]
    fn a_model_round_trips_through_the_cache_format() {
        let model = sample();
        let bytes = shared(encode(&model, Some("note"), 9));
        let (back, notice) = decode(bytes, 9, Trust::Verify).unwrap();
        assert_eq!(back, model);
        assert_eq!(notice.as_deref(), Some("note"));
    }

    #[test]
    fn every_truncation_and_flipped_byte_is_refused() {
        let bytes = encode(&sample(), None, 3);
        assert!(
            decode(shared(bytes.clone()), 4, Trust::Verify).is_none(),
            "another library state"
        );
        for n in (0..bytes.len()).step_by(101) {
            assert!(
                decode(shared(bytes[..n].to_vec()), 3, Trust::Verify).is_none(),
                "truncated at {n}"
            );
        }
        for i in (0..bytes.len()).step_by(89) {
            let mut damaged = bytes.clone();
            damaged[i] ^= 0x55;
            assert!(
                decode(shared(damaged), 3, Trust::Verify).is_none(),
                "flipped byte {i}"
            );
        }
    }
}
