//! Findings in the text of a body: placeholders left in, jargon, length,
//! a missing translation, and declared variables nothing uses.

use crate::domain::audit::{Finding, Kind};
use crate::domain::diagnostic::TextAt;
use crate::domain::library::Library;
use crate::domain::model::{Lang, Response};
use crate::domain::template::{Templates, blank_for_marks, blank_syntax, first_use};
use crate::domain::text::{Mark, MarkKind, marks};

pub fn untranslated(r: &Response, languages: &[Lang]) -> Option<Finding> {
    // Tags are the same whatever their case (`pt-BR`, `pt-br`), as
    // `check` takes them.
    let missing: Vec<&str> = languages
        .iter()
        .filter(|l| {
            !r.languages()
                .any(|have| have.as_str().eq_ignore_ascii_case(l.as_str()))
        })
        .map(Lang::as_str)
        .collect();
    (!missing.is_empty()).then(|| {
        let what = if missing.len() == 1 {
            format!("no `{}` translation", missing[0])
        } else {
            format!("no translation in {}", missing.join(", "))
        };
        Finding::new(Kind::Untranslated, r.location.clone(), what).about(r, None)
    })
}

/// The manifest's jargon terms, compiled once: whole words only, case
/// ignored, any whitespace between the words of a phrase.
pub struct Jargon(Vec<(String, String, regex_lite::Regex)>);

impl Jargon {
    pub fn new(terms: &[String]) -> Jargon {
        Jargon(
            terms
                .iter()
                .filter_map(|term| {
                    let words: Vec<String> =
                        term.split_whitespace().map(regex_lite::escape).collect();
                    if words.is_empty() {
                        return None;
                    }
                    let re = regex_lite::Regex::new(&format!("(?i){}", words.join(r"\s+"))).ok()?;
                    let first = term.split_whitespace().next()?.to_lowercase();
                    Some((term.clone(), first, re))
                })
                .collect(),
        )
    }

    /// Where each term first appears: the term as the manifest spells it,
    /// and the byte offset.
    pub fn find(&self, blanked: &str) -> Vec<(String, usize)> {
        let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if self.0.is_empty() {
            return Vec::new();
        }
        // A cheap test first: regex-lite scans every byte slowly.
        let lower = blanked.to_lowercase();
        let mut out: Vec<(String, usize)> = self
            .0
            .iter()
            .filter(|(_, first, _)| lower.contains(first.as_str()))
            .filter_map(|(term, _, re)| {
                re.find_iter(blanked)
                    .find(|m| {
                        !word_char(blanked[..m.start()].chars().next_back())
                            && !word_char(blanked[m.end()..].chars().next())
                    })
                    .map(|m| (term.clone(), m.start()))
            })
            .collect();
        out.sort_by_key(|j| j.1);
        out
    }
}

/// Placeholders, jargon and length of one body.
pub fn text_findings(body: &str, at: &TextAt, lib: &Library, jargon: &Jargon) -> Vec<Finding> {
    let blanked = blank_syntax(body);
    let mut out = Vec::new();
    for Mark { text, offset, kind } in marks(&blank_for_marks(body)) {
        let (kind, message) = match kind {
            MarkKind::Unfilled => (
                Kind::Placeholder,
                format!(
                    "`{text}` looks like a placeholder left in; `canned use` refuses to copy it"
                ),
            ),
            MarkKind::HardCodedNumber => (
                Kind::HardCodedNumber,
                format!(
                    "`{text}` looks like a hard-coded number; use a variable such as `#{{{{ order }}}}`"
                ),
            ),
        };
        out.push(Finding::new(kind, at.locate(body, offset), message));
    }
    for (term, offset) in jargon.find(&blanked) {
        out.push(Finding::new(
            Kind::Jargon,
            at.locate(body, offset),
            format!("jargon `{term}`: say it the way a customer would"),
        ));
    }
    let words = blanked.split_whitespace().count();
    if words > lib.manifest.max_body_words {
        out.push(Finding::new(
            Kind::TooLong,
            at.start.clone(),
            format!(
                "body has {words} words (max_body_words = {})",
                lib.manifest.max_body_words
            ),
        ));
    }
    out
}

/// Variables declared in the manifest that no body or partial uses.
///
/// A cheap scan finds the templates that mention a variable not seen yet;
/// only those are compiled, to ask Tera what they really use (`{% for name
/// in … %}` mentions `name` without using the declared one).
pub fn unused_variables(lib: &Library) -> Vec<Finding> {
    // A file too broken to read may use any of them: none can be called
    // unused until it is fixed (the skipped file is warned of already).
    if !lib.unread.is_empty() {
        return Vec::new();
    }
    let partials: Vec<(String, &str)> = lib
        .manifest
        .partials
        .iter()
        .map(|(n, p)| (n.clone(), p.body.as_str()))
        .collect();
    // A response left out for its errors still uses what its body reads.
    let bodies = lib.responses.iter().chain(&lib.rejected).flat_map(|r| {
        r.texts()
            .map(|(l, t)| (r.template_name(l), t.body.as_str()))
    });
    let mut unseen: Vec<&str> = lib.manifest.variables.keys().map(String::as_str).collect();
    for (name, source) in partials.iter().cloned().chain(bodies) {
        if unseen.is_empty() {
            break;
        }
        if !unseen.iter().any(|d| first_use(source, d).is_some()) {
            continue;
        }
        let (templates, _) = Templates::compile(
            partials
                .iter()
                .cloned()
                .chain(std::iter::once((name.clone(), source))),
        );
        if templates.contains(&name) {
            let used = templates.variables(&name);
            unseen.retain(|d| {
                !used.iter().any(|u| {
                    u == d || u.starts_with(&format!("{d}.")) || d.starts_with(&format!("{u}."))
                })
            });
        } else {
            // A template with an error: the scan is all there is to go by.
            unseen.retain(|d| first_use(source, d).is_none());
        }
    }
    unseen
        .into_iter()
        .filter_map(|name| lib.manifest.variables.get(name))
        .map(|v| {
            Finding::new(
                Kind::UnusedVariable,
                v.location.clone(),
                format!(
                    "variable `{}` is declared but no body or partial uses it",
                    v.name
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_counts_whatever_the_case_of_its_tag() {
        let manifest = crate::domain::library::Manifest::default();
        let out = crate::domain::library::file::parse(
            std::path::Path::new("t.toml"),
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"x\"\n\
             [response.translations.pt-br]\ntitle = \"B\"\nbody = \"y\"\n",
            &manifest,
        );
        let r = &out.responses[0];
        assert!(untranslated(r, &[Lang::new("pt-BR")]).is_none());
        assert!(untranslated(r, &[Lang::new("fr")]).is_some());
    }

    #[test]
    fn jargon_matches_whole_words_and_phrases_case_blind() {
        let terms = vec![
            "API".to_string(),
            "escalation matrix".to_string(),
            "SLA".to_string(),
        ];
        let text = "Our api is fine; per the Escalation\n  Matrix, SLAs and ISLAND do not count.";
        let found = Jargon::new(&terms).find(text);
        let names: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, ["API", "escalation matrix"]);
    }
}
