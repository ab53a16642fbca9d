//! `check`'s view of `examples`: an example is how customers ask for its
//! reply, so `suggest` given that very example must offer that reply first.
//! When it offers another, the two replies are told apart by nothing the
//! customer would write, and one of them is never suggested.

use super::model::Model;
use super::rank::{Context, rank};
use crate::domain::date::Date;
use crate::domain::diagnostic::Diagnostic;
use crate::domain::library::Library;
use crate::domain::model::Response;
use crate::domain::text::one_line;

/// A warning for each example of a live response that suggests another
/// reply first, naming it. Each example is ranked against the whole
/// library, so the responses are shared out between the cores.
pub fn example_problems(lib: &Library, today: Date) -> Vec<Diagnostic> {
    let model = Model::build(lib);
    let live: Vec<&Response> = lib
        .responses
        .iter()
        .filter(|r| !r.is_expired(today))
        .collect();
    super::parallel::in_order(&live, |run, _| run_problems(&model, run, today))
}

/// How many examples of one text are tried. Each is ranked against the
/// whole library, and ranking reads every example of a reply it meets:
/// one reply with 16,000 examples took `check` minutes. A reply needs a
/// handful.
const TRIED: usize = 100;

/// [`example_problems`] of `responses`, in order.
fn run_problems(model: &Model, responses: &[&Response], today: Date) -> Vec<Diagnostic> {
    let no_usage = |_: &str| 0.0;
    let mut problems = Vec::new();
    for r in responses {
        for (lang, text) in r.texts() {
            let ctx = Context {
                today,
                lang: None,
                written_in: Some(lang.as_str()),
                customer: None,
                usage: &no_usage,
            };
            if let Some(at) = text.examples_at.get(TRIED) {
                problems.push(
                    Diagnostic::warning(
                        at.clone(),
                        format!(
                            "{} examples: only the first {TRIED} are tried against the library",
                            text.examples.len()
                        ),
                    )
                    .in_response(Some(r.id.as_str()))
                    .hint("a reply needs a handful: how customers ask, in their words"),
                );
            }
            for (example, at) in text.examples.iter().zip(&text.examples_at).take(TRIED) {
                let first = rank(model, example, &ctx, 1)
                    .first()
                    .map(|h| model.entries[h.entry].id.as_str());
                let Some(other) = first.filter(|id| *id != r.id.as_str()) else {
                    continue;
                };
                problems.push(
                    Diagnostic::warning(
                        at.clone(),
                        format!("example \"{}\" suggests `{other}` first", one_line(example)),
                    )
                    .in_response(Some(r.id.as_str()))
                    .expected(format!("an example that suggests `{}` itself", r.id))
                    .hint(format!(
                        "say what only this reply answers, or add examples to `{other}`"
                    )),
                );
            }
        }
    }
    problems
}
