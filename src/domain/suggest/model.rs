//! What `suggest` knows of a library: for each language, the stems of every
//! response's examples, title, tags and body, weighted BM25F-style, and each
//! example on its own so that a message can be compared with the way
//! customers ask for that reply.
//!
//! Plain vectors and strings, so the model is cheap to cache.

use std::collections::{BTreeMap, HashMap};

use super::extract::{changed_to, given, worked_out};
use super::language::Language;
use super::meaning::{self, Meanings};
use crate::domain::date::Date;
use crate::domain::library::Library;
use crate::domain::model::{Response, Urgency};
use crate::domain::template::{blank_syntax, includes, placeholders};

/// BM25's term-frequency saturation.
const K1: f32 = 1.2;

/// A field of a response's text and its weight: a word of the title says
/// more about what the reply answers than a word of the body.
#[derive(Clone, Copy)]
struct Field {
    weight: f32,
    /// BM25's length normalisation for the field.
    b: f32,
}

const TITLE: Field = Field {
    weight: 3.0,
    b: 0.3,
};
const TAGS: Field = Field {
    weight: 2.0,
    b: 0.3,
};
const EXAMPLES: Field = Field {
    weight: 2.0,
    b: 0.5,
};
const BODY: Field = Field {
    weight: 1.0,
    b: 0.75,
};

/// One response, whatever its language.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub urgency: Urgency,
    pub customers: Vec<String>,
    pub expires: Option<Date>,
}

/// A response's text in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// Index into [`Model::entries`].
    pub entry: u32,
    pub title: String,
    /// The variables its body and partials print, in order of first use.
    pub variables: Vec<String>,
    /// Those it says are sums its agent works out (`extract::worked_out`).
    pub worked_out: Vec<String>,
    /// Those it hands the customer, as a code it gives (`extract::given`).
    pub given: Vec<String>,
    /// Those a change it tells lands on (`extract::changed_to`).
    pub changed_to: Vec<String>,
    pub has_examples: bool,
}

/// Everything in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct LangModel {
    pub lang: String,
    pub docs: Vec<Doc>,
    /// Stems, sorted, so that lookups and prefixes are binary searches.
    pub terms: Vec<String>,
    pub idf: Vec<f32>,
    /// Per term: (doc, saturated field-weighted frequency in 0..1).
    pub postings: Lists<(u32, f32)>,
    /// Per term: the ways of asking that hold it.
    pub example_postings: Lists<u32>,
    /// Per way of asking (each doc's examples, then its title): (doc, its
    /// length as a tf-idf vector).
    pub examples: Vec<(u32, f32)>,
    /// Per term: the docs whose tags hold it. With `example_postings`, how
    /// many of a doc's ways of asking hold the term, for naive Bayes.
    pub tagged: Lists<u32>,
    /// Per doc: how many words its examples hold (each example's distinct
    /// words, summed), its length for naive Bayes.
    pub asked_len: Vec<u32>,
    /// How many terms some example, title or tags hold.
    pub asked_terms: u32,
    /// Per way of asking, in the order of `examples`: its meaning, packed
    /// ([`meaning::DIMS`] a way). Empty in a language with no meanings.
    pub asked_meanings: Meanings,
    /// Per doc: the meaning of its body, packed; empty likewise.
    pub body_meanings: Meanings,
}

/// A declared variable, as value extraction needs it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Variable {
    pub name: String,
    pub description: Option<String>,
    /// The `pattern`'s source; compiled when a reply that uses it is shown.
    pub pattern: Option<String>,
    pub example: Option<String>,
}

/// A list per term, stored end to end: one allocation to read back from
/// the cache instead of one per term.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lists<T> {
    pub items: Vec<T>,
    /// Where each list ends in `items`.
    pub ends: Vec<u32>,
}

impl<T> Lists<T> {
    /// The `i`th list (empty past the end).
    pub fn get(&self, i: usize) -> &[T] {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        self.items.get(start..end).unwrap_or_default()
    }

    /// Whether every end is in order and within `items`.
    pub fn is_sound(&self) -> bool {
        self.ends.windows(2).all(|w| w[0] <= w[1])
            && self
                .ends
                .last()
                .is_none_or(|&e| e as usize == self.items.len())
    }
}

impl<T> FromIterator<Vec<T>> for Lists<T> {
    fn from_iter<I: IntoIterator<Item = Vec<T>>>(lists: I) -> Lists<T> {
        let mut out = Lists {
            items: Vec::new(),
            ends: Vec::new(),
        };
        for list in lists {
            out.items.extend(list);
            out.ends.push(out.items.len() as u32);
        }
        out
    }
}

/// The whole library, as `suggest` sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Model {
    pub entries: Vec<Entry>,
    pub langs: Vec<LangModel>,
    /// The manifest's variables, by name.
    pub variables: Vec<Variable>,
    /// The library's language: the customer's, when their message does not
    /// tell which it is written in.
    pub default_lang: String,
    /// The library's own name (`[library] name`): the business's, which
    /// names no customer.
    pub name: Option<String>,
}

/// Something per word while a model is built.
type Words<'a, T> = std::collections::HashMap<&'a str, T, foldhash::fast::RandomState>;

/// A doc's terms while the model is built: per field, its stems.
struct Pending {
    doc: Doc,
    fields: Vec<(Field, Vec<String>)>,
    examples: Vec<Vec<String>>,
    /// Its ways of asking's meanings (examples, then title) and its body's,
    /// packed; empty in a language with no meanings.
    asked_meanings: Vec<u8>,
    body_meaning: Vec<u8>,
}

impl Model {
    /// Builds the model of `lib`'s live and expired responses (expired ones
    /// are left out at query time, when the day is known).
    pub fn build(lib: &Library) -> Model {
        let mut model = Model {
            default_lang: lib.manifest.default_lang.to_string(),
            name: lib.manifest.name.clone(),
            ..Model::default()
        };
        for r in &lib.responses {
            model.entries.push(Entry {
                id: r.id.to_string(),
                urgency: r.urgency,
                customers: r.customers.iter().map(|c| c.to_string()).collect(),
                expires: r.expires,
            });
        }
        // Reading every text's words (stems, concepts) is most of the
        // build: the responses are shared out between the cores, and their
        // texts put back in the library's order.
        let texts =
            super::parallel::in_order(&lib.responses, |run, first| pending(lib, run, first));
        let mut pending: BTreeMap<String, Vec<Pending>> = BTreeMap::new();
        for (lang, p) in texts {
            pending.entry(lang).or_default().push(p);
        }
        model.variables = lib
            .manifest
            .variables
            .values()
            .map(|v| Variable {
                name: v.name.clone(),
                description: v.description.clone(),
                pattern: v.pattern.as_ref().map(|p| p.source.clone()),
                example: v.example.clone(),
            })
            .collect();
        model.variables.sort_by(|a, b| a.name.cmp(&b.name));
        model.langs = pending
            .into_iter()
            .map(|(lang, docs)| LangModel::build(lang, docs))
            .collect();
        model
    }
}

/// The texts of `responses` (the first being entry `first`) as they wait
/// for their language's model, each with its language, in order.
/// The stems of [`Language::terms`], without the words they came from.
fn only_stems(terms: Vec<(String, String)>) -> Vec<String> {
    terms.into_iter().map(|(stem, _)| stem).collect()
}

fn pending(lib: &Library, responses: &[Response], first: usize) -> Vec<(String, Pending)> {
    let mut out = Vec::new();
    let mut languages: HashMap<String, Language> = HashMap::new();
    for (i, r) in responses.iter().enumerate() {
        for (lang, text) in r.texts() {
            let language = languages
                .entry(lang.to_string())
                .or_insert_with(|| Language::new(lang.as_str()));
            let stems = |s: &str| only_stems(language.terms(s));
            let body = blank_syntax(&text.body);
            let examples: Vec<Vec<String>> = text.examples.iter().map(|e| stems(e)).collect();
            let fields = vec![
                (TITLE, stems(&text.title)),
                (TAGS, stems(&r.tags.join(" "))),
                (EXAMPLES, examples.concat()),
                (BODY, only_stems(language.agent_terms(&body))),
            ];
            let meant = |t: &str| meaning::packed(&meaning::of(t, lang.as_str())).collect();
            let (asked_meanings, body_meaning) = if meaning::speaks(lang.as_str()) {
                let asked = text.examples.iter().chain([&text.title]);
                (asked.flat_map(|t| meant(t)).collect(), meant(&body))
            } else {
                (Vec::new(), Vec::new())
            };
            let sources = sources(lib, &text.body);
            let variables = variables(&sources);
            let worked_out = variables
                .iter()
                .filter(|v| sources.iter().any(|s| worked_out(s, v)))
                .cloned()
                .collect();
            let given = variables
                .iter()
                .filter(|v| sources.iter().any(|s| given(s, v)))
                .cloned()
                .collect();
            let changed_to = variables
                .iter()
                .filter(|v| sources.iter().any(|s| changed_to(s, v)))
                .cloned()
                .collect();
            let doc = Doc {
                entry: (first + i) as u32,
                title: text.title.clone(),
                variables,
                worked_out,
                given,
                changed_to,
                has_examples: !text.examples.is_empty(),
            };
            out.push((
                lang.to_string(),
                Pending {
                    doc,
                    fields,
                    examples,
                    asked_meanings,
                    body_meaning,
                },
            ));
        }
    }
    out
}

/// `body`, then the text of each partial it includes, directly or not.
fn sources(lib: &Library, body: &str) -> Vec<String> {
    let mut out = vec![body.to_string()];
    let mut seen_partials = Vec::new();
    let mut i = 0;
    while let Some(src) = out.get(i) {
        let mut more = Vec::new();
        for (name, _) in includes(src) {
            if !seen_partials.contains(&name)
                && let Some(p) = lib.manifest.partials.get(&name)
            {
                more.push(p.body.clone());
                seen_partials.push(name);
            }
        }
        out.extend(more);
        i += 1;
    }
    out
}

/// The variables `sources` read, in order of first use.
fn variables(sources: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for src in sources {
        // Declared or not (`check` reports the undeclared): a variable's
        // name alone can say what value it wants.
        for path in placeholders(src) {
            if !out.contains(&path) {
                out.push(path);
            }
        }
    }
    out
}

impl Model {
    /// The declared variable `name`.
    pub fn variable(&self, name: &str) -> Option<&Variable> {
        self.variables
            .binary_search_by(|v| v.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.variables[i])
    }

    /// Whether `value` fits the pattern the library declares for `name`
    /// (any value does without one; a pattern that does not compile was
    /// reported by `check`, and takes nothing).
    pub fn fits(&self, name: &str, value: &str) -> bool {
        match self.variable(name).and_then(|v| v.pattern.as_deref()) {
            None => true,
            Some(p) => regex_lite::Regex::new(p).is_ok_and(|r| r.is_match(value)),
        }
    }
}

impl LangModel {
    fn build(lang: String, pending: Vec<Pending>) -> LangModel {
        // Average field lengths, for BM25's normalisation.
        let nfields = pending.first().map_or(0, |p| p.fields.len());
        let mut avg = vec![0f32; nfields];
        for p in &pending {
            for (i, (_, words)) in p.fields.iter().enumerate() {
                avg[i] += words.len() as f32;
            }
        }
        let n = pending.len().max(1) as f32;
        avg.iter_mut().for_each(|a| *a = (*a / n).max(1.0));

        // Hashed, not sorted, while the model is gathered (most of the
        // build compared words otherwise); the terms are sorted once at
        // the end, and each list stays in the order it was gathered in.
        let mut weights: Words<Vec<(u32, f32)>> = Words::default();
        let mut in_examples: Words<Vec<u32>> = Words::default();
        let mut example_docs = Vec::new();
        let mut tagged: Words<Vec<u32>> = Words::default();
        let mut asked_len = vec![0u32; pending.len()];
        for (d, p) in pending.iter().enumerate() {
            // Tags are the second field (see `Model::build`): one more way
            // of asking for the reply, for naive Bayes.
            let mut seen: Vec<&str> = p.fields[1].1.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for w in seen {
                tagged.entry(w).or_default().push(d as u32);
            }
            // Its length is its examples' alone: title and tags add to their
            // own words without making the others rarer, so that a reply
            // with a longer title or more tags is not taken for one about
            // something else.
            asked_len[d] = p
                .examples
                .iter()
                .map(|e| {
                    let mut distinct: Vec<&String> = e.iter().collect();
                    distinct.sort_unstable();
                    distinct.dedup();
                    distinct.len() as u32
                })
                .sum();
            let mut tf: Words<f32> = Words::default();
            for (i, (field, words)) in p.fields.iter().enumerate() {
                let norm = 1.0 - field.b + field.b * words.len() as f32 / avg[i];
                for w in words {
                    *tf.entry(w).or_default() += field.weight / norm;
                }
            }
            for (w, f) in tf {
                weights.entry(w).or_default().push((d as u32, f / (f + K1)));
            }
            // The title, the first field, is one more way of asking: it says
            // in a few words what the reply answers, as an example does, so
            // a message worded like it is recognised even when no example
            // is. Naive Bayes counts it with the examples; the closest
            // examples are only compared for a doc that has examples.
            for e in p.examples.iter().chain([&p.fields[0].1]) {
                let id = example_docs.len() as u32;
                example_docs.push(d as u32);
                let mut seen: Vec<&str> = e.iter().map(String::as_str).collect();
                seen.sort_unstable();
                seen.dedup();
                for w in seen {
                    in_examples.entry(w).or_default().push(id);
                }
            }
        }
        let mut weights: Vec<(&str, Vec<(u32, f32)>)> = weights.into_iter().collect();
        weights.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let terms: Vec<String> = weights.iter().map(|(t, _)| t.to_string()).collect();
        let idf: Vec<f32> = weights
            .iter()
            .map(|(_, docs)| {
                let df = docs.len() as f32;
                (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
            })
            .collect();
        let example_postings: Lists<u32> = terms
            .iter()
            .map(|t| in_examples.get(t.as_str()).cloned().unwrap_or_default())
            .collect();
        let mut norms = vec![0f32; example_docs.len()];
        for (t, idf) in idf.iter().enumerate() {
            for &e in example_postings.get(t) {
                norms[e as usize] += idf * idf;
            }
        }
        let examples = example_docs
            .into_iter()
            .zip(norms)
            .map(|(d, n2)| (d, n2.sqrt()))
            .collect();
        let postings = weights.into_iter().map(|(_, docs)| docs).collect();
        let tagged: Lists<u32> = terms
            .iter()
            .map(|t| tagged.get(t.as_str()).cloned().unwrap_or_default())
            .collect();
        // Each doc's ways of asking in the order of `examples`.
        let asked_meanings: Vec<u8> = pending
            .iter()
            .flat_map(|p| p.asked_meanings.iter().copied())
            .collect();
        let body_meanings: Vec<u8> = pending
            .iter()
            .flat_map(|p| p.body_meaning.iter().copied())
            .collect();
        let asked_terms = (0..terms.len())
            .filter(|&t| !example_postings.get(t).is_empty() || !tagged.get(t).is_empty())
            .count() as u32;
        LangModel {
            lang,
            docs: pending.into_iter().map(|p| p.doc).collect(),
            terms,
            idf,
            postings,
            example_postings,
            examples,
            tagged,
            asked_len,
            asked_terms,
            asked_meanings: Meanings::from(asked_meanings),
            body_meanings: Meanings::from(body_meanings),
        }
    }

    /// The idf a word no response uses would have: the rarest there is.
    pub fn unseen_idf(&self) -> f32 {
        let n = self.docs.len() as f32;
        (1.0 + (n + 0.5) / 0.5).ln()
    }

    /// The term id of `stem`.
    pub fn term(&self, stem: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| t.as_str().cmp(stem)).ok()
    }

    /// The terms that start with `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.terms.partition_point(|t| t.as_str() < prefix);
        let len = self.terms[start..].partition_point(|t| t.starts_with(prefix));
        start..start + len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Lang;

    #[test]
    fn texts_read_on_several_cores_keep_the_librarys_order() {
        let lib = crate::platform::library::sample();
        let model = Model::build(&lib);
        let ids: Vec<&str> = lib.responses.iter().map(|r| r.id.as_str()).collect();
        let entries: Vec<&str> = model.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(entries, ids);
        for lm in &model.langs {
            let order: Vec<u32> = lm.docs.iter().map(|d| d.entry).collect();
            assert!(order.is_sorted(), "{}: {order:?}", lm.lang);
            for d in &lm.docs {
                let r = &lib.responses[d.entry as usize];
                let text = r.text_in(&Lang::new(&lm.lang)).unwrap();
                assert_eq!(d.title, text.title);
            }
        }
        // Split as two cores would split it, the texts come out the same.
        let half = lib.responses.len().div_ceil(2);
        let (a, b) = lib.responses.split_at(half);
        let two: Vec<(String, u32)> = pending(&lib, a, 0)
            .into_iter()
            .chain(pending(&lib, b, half))
            .map(|(lang, p)| (lang, p.doc.entry))
            .collect();
        let one: Vec<(String, u32)> = pending(&lib, &lib.responses, 0)
            .into_iter()
            .map(|(lang, p)| (lang, p.doc.entry))
            .collect();
        assert_eq!(two, one);
    }
}
