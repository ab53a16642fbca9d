//! The template half of `canned check`: includes, syntax, undeclared
//! variables, and a trial render of every response in every language.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::domain::date::Date;
use crate::domain::diagnostic::{
    Diagnostic, Location, Severity, TextAt, did_you_mean, suggestion_hint,
};
use crate::domain::fill::Emptied;
use crate::domain::library::{Library, MANIFEST};
use crate::domain::model::{CustomerType, Lang, Response, Text};
use crate::domain::template::{
    BUILT_INS, FILTERS, Reads, TemplateError, Templates, blank_for_marks, blank_syntax,
    compared_with, find_in_any_case, first_use, includes, printed_strings, raw_sections,
    without_includes,
};
use crate::domain::text::{MarkKind, is_conflict_marker, marks};

/// Every problem of the library, loading and templates, in file order.
pub fn all_problems(lib: &Library, today: Date) -> Vec<Diagnostic> {
    let mut problems = lib.problems.clone();
    if lib.manifest_lost {
        // Every variable and partial is declared in the manifest: without
        // it, each reply would be told its own (hundreds of errors, the one
        // cause among them). The replies are checked once it is fixed.
        let manifest = problems
            .iter_mut()
            .find(|p| p.severity == Severity::Error && p.location.path.ends_with(MANIFEST));
        if let Some(p) = manifest {
            let later = "the replies' templates are checked once it is fixed";
            p.hint = Some(match p.hint.take() {
                Some(hint) => format!("{hint}; {later}"),
                None => later.to_string(),
            });
        }
        problems.extend(unfilled_text(lib));
        problems.sort_by(|a, b| a.location.cmp(&b.location));
        return problems;
    }
    let mut found = check_templates(lib, today);
    found.extend(future_reviews(lib, today));
    found.extend(unfilled_text(lib));
    found.extend(values_never_taken(lib));
    // With the manifest's last good version standing in, what is said of
    // that version (a variable with no description at its line 9) is not
    // of the file there now: its error is told alone.
    if lib.manifest_fallback {
        found.retain(|p| !p.location.path.ends_with(MANIFEST));
    }
    problems.extend(found);
    // Only examples can have problems there, and without any the model it
    // builds (900 MB at 100,000 responses) would be for nothing.
    let examples = lib
        .responses
        .iter()
        .any(|r| r.texts().any(|(_, t)| !t.examples.is_empty()));
    if examples {
        problems.extend(crate::domain::suggest::check::example_problems(lib, today));
    }
    problems.sort_by(|a, b| a.location.cmp(&b.location));
    problems.dedup_by(|a, b| a.location == b.location && a.message == b.message);
    problems
}

/// The responses `check` fails for their own text or template: one that
/// does not render, writes a placeholder, tests a type or a language the
/// library does not have, or holds text `use` refuses. What a helpdesk fed
/// by `export` must not get; loading keeps them (a render is too dear for
/// every search), and `use` refuses them when it renders.
pub fn failing_responses(lib: &Library, today: Date) -> BTreeSet<String> {
    let templates = if lib.manifest_lost {
        Vec::new()
    } else {
        check_templates(lib, today)
    };
    templates
        .into_iter()
        .chain(unfilled_text(lib))
        .chain(values_never_taken(lib))
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| d.response)
        .collect()
}

/// A branch for a customer type or a language the library does not have
/// (`customer_type == "vpi"`, `lang == "fre"`) never renders: the VIP or
/// French wording is silently never sent. Checked where the manifest lists
/// its customer types, and against every language the library has.
fn values_never_taken(lib: &Library) -> Vec<Diagnostic> {
    let manifest = &lib.manifest;
    let customers: Option<Vec<&str>> = manifest.customer_types.as_ref().map(|types| {
        types
            .iter()
            .map(CustomerType::as_str)
            .chain([CustomerType::ANY])
            .collect()
    });
    // Compared as Tera compares: exactly, with the values a reply is
    // rendered with (the library's spelling of a type, a reply's language).
    let langs: BTreeSet<&str> = std::iter::once(&manifest.default_lang)
        .chain(&manifest.languages)
        .chain(
            lib.responses
                .iter()
                .chain(&lib.rejected)
                .flat_map(Response::languages),
        )
        .map(Lang::as_str)
        .collect();
    let texts = manifest
        .partials
        .values()
        .map(|p| (&p.body, &p.body_at, None))
        .chain(lib.responses.iter().chain(&lib.rejected).flat_map(|r| {
            r.texts()
                .map(move |(_, t)| (&t.body, &t.body_at, Some(r.id.as_str())))
        }));
    let langs: Vec<&str> = langs.into_iter().collect();
    let mut out = Vec::new();
    for (body, at, response) in texts {
        let mut never = |value: &str, offset: usize, message: String, known: &[&str]| {
            out.push(
                Diagnostic::error(at.locate(body, offset), message)
                    .in_response(response)
                    .expected(format!("one of: {}", known.join(", ")))
                    .suggest(did_you_mean(value, known.iter().copied())),
            );
        };
        if let Some(customers) = &customers {
            for (value, offset) in compared_with(body, "customer_type") {
                if !customers.contains(&value.as_str()) {
                    let message = format!(
                        "`customer_type` is never \"{value}\": comparing with it gives the same answer for every customer"
                    );
                    never(&value, offset, message, customers);
                }
            }
        }
        for (value, offset) in compared_with(body, "lang") {
            if !langs.contains(&value.as_str()) {
                let message = format!(
                    "no reply of the library is in \"{value}\": comparing with it gives the same answer for every reply"
                );
                never(&value, offset, message, &langs);
            }
        }
    }
    out
}

/// A review dated after today (2062 for 2026) would keep a response from
/// being stale for decades: a warning, at the response.
fn future_reviews(lib: &Library, today: Date) -> Vec<Diagnostic> {
    // Those left out for other errors too: every problem in one run.
    lib.responses
        .iter()
        .chain(&lib.rejected)
        .filter_map(|r| {
            let day = r.reviewed.filter(|d| *d > today)?;
            Some(
                Diagnostic::warning(
                    r.reviewed_at.clone().unwrap_or_else(|| r.location.clone()),
                    format!("`reviewed = {day}` is after today ({today})"),
                )
                .in_response(Some(r.id.as_str()))
                .hint(format!(
                    "a review is dated the day it was done: `canned review {}` writes today's date",
                    r.id
                )),
            )
        })
        .collect()
}

/// Responses whose templates are compiled and tried together. Tera resolves
/// includes once per batch (one template at a time would be quadratic),
/// and each batch is dropped before the next: compiling every body at once
/// held 1 GB at 100,000 responses.
const BATCH: usize = 1000;

/// Every template problem in the library. Loading problems are already in
/// `library.problems`; these come on top.
pub fn check_templates(lib: &Library, today: Date) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut batches = lib.responses.chunks(BATCH);
    // Partials are compiled with every batch: their own problems are told
    // with the first.
    check_batch(
        lib,
        batches.next().unwrap_or_default(),
        true,
        today,
        &mut problems,
    );
    for batch in batches {
        check_batch(lib, batch, false, today, &mut problems);
    }
    // A response left out for a wrong topic or a missing title has its
    // template checked all the same: every problem in one run. One at a
    // time, as two may share an id.
    for r in &lib.rejected {
        check_batch(lib, std::slice::from_ref(r), false, today, &mut problems);
    }
    problems.extend(manifest_warnings(lib));
    problems
}

/// The template problems of `responses`, and of the partials when
/// `with_partials`.
fn check_batch(
    lib: &Library,
    responses: &[Response],
    with_partials: bool,
    today: Date,
    problems: &mut Vec<Diagnostic>,
) {
    let partials = &lib.manifest.partials;
    let starts = template_starts(lib, responses);

    let mut sources: Vec<(String, &str)> = Vec::new();
    for (name, p) in partials {
        sources.push((name.clone(), p.body.as_str()));
    }
    for r in responses {
        for (lang, text) in r.texts() {
            sources.push((r.template_name(lang), text.body.as_str()));
        }
    }
    // Unknown partials are found here, with a did-you-mean, rather than by
    // Tera, whose message cannot point into the file. The include is then
    // left out and the rest of the body checked: every problem in one run.
    // One of a partial refused where it is declared (a hidden character)
    // is told there.
    let refused = &lib.manifest.refused_partials;
    // A partial that includes an unknown one cannot be used: what includes
    // it is told so, at its include.
    // So does one refused where it is declared (a hidden character).
    let mut broken: BTreeSet<String> = partials
        .iter()
        .filter(|(_, p)| {
            includes(&p.body)
                .iter()
                .any(|(inc, _)| !partials.contains_key(inc))
        })
        .map(|(name, _)| name.clone())
        .collect();
    broken.extend(refused.iter().cloned());
    for (name, body) in &sources {
        if !with_partials && partials.contains_key(name) {
            continue;
        }
        let missing = includes(body)
            .into_iter()
            .filter(|(inc, _)| !partials.contains_key(inc) && !refused.contains(inc));
        for (inc, offset) in missing {
            let at = starts[name].0.locate(body, offset);
            problems.push(
                Diagnostic::error(at, format!("include of unknown partial `{inc}`"))
                    .in_response(starts[name].2.as_deref())
                    .expected(if partials.is_empty() {
                        "a partial declared under [partials] in canned.toml".to_string()
                    } else {
                        format!(
                            "one of: {}",
                            partials.keys().cloned().collect::<Vec<_>>().join(", ")
                        )
                    })
                    .suggest(did_you_mean(&inc, partials.keys().map(String::as_str))),
            );
        }
    }
    let sources: Vec<(String, Cow<str>)> = sources
        .into_iter()
        .map(|(name, body)| {
            (
                name,
                without_includes(body, |inc| {
                    !partials.contains_key(inc) && !refused.contains(inc)
                }),
            )
        })
        .collect();

    let (templates, errors) =
        Templates::compile_without(sources.iter().map(|(n, s)| (n.clone(), &**s)), &broken);
    // A body that includes a broken partial is told so at its include: it
    // cannot be used until the partial, reported at its own place, is fixed.
    for e in &errors {
        if !with_partials && partials.contains_key(&e.template) {
            continue;
        }
        problems.push(template_problem(e, &starts, lib));
    }

    // A name below a declared one is a field of its group (`ticket.id`
    // from a helpdesk export). A name above declared ones only (`customer`
    // of `customer.email`) would print a group as one value, which `use`
    // refuses: undeclared.
    let declared = |name: &str| {
        let vars = &lib.manifest.variables;
        BUILT_INS.contains(&name)
            || vars.contains_key(name)
            || name
                .match_indices('.')
                .any(|(dot, _)| vars.contains_key(&name[..dot]))
    };
    let mut candidates: Vec<&str> = lib.manifest.variables.keys().map(String::as_str).collect();
    candidates.extend(BUILT_INS);
    let undeclared_at = |at: Location, v: &str| {
        // Quoted cut: a name of 3,000 letters made lines as long. Not at
        // sixty, as a value is: a helpdesk's dotted names run longer
        // (`ticket.requester.organization.custom_fields.…_email`), and two
        // cut there read as one.
        let cut = |name: &str| match name.char_indices().nth(NAME_SHOWN) {
            Some((at, _)) => format!("{}…", &name[..at]),
            None => name.to_string(),
        };
        let shown = cut(v);
        Diagnostic::error(at, format!("variable `{shown}` is not declared"))
            .expected("a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)")
            .hint(match did_you_mean(v, candidates.iter().copied()) {
                Some(s) => suggestion_hint(s),
                // `{{ Name }}` cannot be declared as it is written.
                None if !crate::domain::library::manifest::is_valid_variable_name(v) => {
                    let lower = cut(&v.to_lowercase());
                    format!(
                        "variable names are lowercase: write `{lower}` and declare [variables.{lower}]"
                    )
                }
                None => format!("declare it: [variables.{shown}] with a description and an example"),
            })
    };
    // A partial's own undeclared variable is told once, at the partial,
    // not at every body that includes it.
    let mut in_partials: BTreeSet<String> = BTreeSet::new();
    for (name, p) in partials {
        if !templates.contains(name) {
            continue;
        }
        let undeclared: Vec<String> = templates
            .variables(name)
            .into_iter()
            .filter(|v| !declared(v))
            .collect();
        // Read only when needed: most partials declare all they use.
        let reads = (!undeclared.is_empty()).then(|| Reads::of(&p.body));
        for v in &undeclared {
            if let Some(offset) = reads.as_ref().and_then(|r| r.first_use(v)) {
                in_partials.insert(v.clone());
                if with_partials {
                    problems.push(undeclared_at(p.body_at.locate(&p.body, offset), v));
                }
            }
        }
    }

    for r in responses {
        for (lang, text) in r.texts() {
            let name = r.template_name(lang);
            if !templates.contains(&name) {
                continue;
            }
            let vars = templates.variables(&name);
            let undeclared: Vec<&String> = vars.iter().filter(|v| !declared(v)).collect();
            let reads = (!undeclared.is_empty()).then(|| Reads::of(&text.body));
            for v in &undeclared {
                let at = match reads.as_ref().and_then(|r| r.first_use(v)) {
                    Some(offset) => text.body_at.locate(&text.body, offset),
                    None if in_partials.contains(v.as_str()) => continue,
                    None => text.body_at.start.clone(),
                };
                problems.push(undeclared_at(at, v).in_response(Some(r.id.as_str())));
            }
            // `{{ ticket }}` beside `{{ ticket.id }}`: one value leaves the
            // field missing, a group is refused where one value is printed,
            // so `use` can fill it with nothing.
            let printed = templates.reading(&name).printed;
            if let Some((one, field)) = vars.iter().filter(|v| printed.contains(*v)).find_map(|v| {
                let field = vars.iter().find(|w| w.starts_with(&format!("{v}.")))?;
                Some((v, field))
            }) {
                let at = Reads::of(&text.body)
                    .first_use(one)
                    .map_or(text.body_at.start.clone(), |o| {
                        text.body_at.locate(&text.body, o)
                    });
                problems.push(
                    Diagnostic::error(
                        at,
                        format!("`{one}` is read as one value and as a group (`{field}`): no values fill both"),
                    )
                    .hint(format!("print `{{{{ {one} }}}}` alone, or the group's fields alone (`{{{{ {field} }}}}`)"))
                    .in_response(Some(r.id.as_str())),
                );
                continue;
            }
            if !undeclared.is_empty() {
                continue;
            }
            let values = example_values(lib, lang, today, vars.iter().map(String::as_str));
            match templates.render(&name, &values) {
                Err(e) => {
                    let mut d = template_problem(&e, &starts, lib);
                    d.message = format!("fails to render with the example values: {}", d.message);
                    d.expected = None;
                    // A translation's failure is shown in its language.
                    let shown = if *lang == r.lang {
                        format!("canned show {}", r.id)
                    } else {
                        format!("canned show {} --lang {lang}", r.id)
                    };
                    d.hint = Some(format!("`{shown}` renders it the same way"));
                    problems.push(d);
                }
                Ok(finished) => {
                    // One written in the library's text, `{% raw %}`
                    // sections included, is told where it is written
                    // (`unfilled_text`); one the template writes
                    // (`{{ "[Name]" }}`) is seen here only.
                    let literal = |m: &str| {
                        let written = |t: &str| {
                            blank_syntax(t).contains(m)
                                || raw_sections(t).any(|(_, r)| r.contains(m))
                                // Printed through a filter that changes its
                                // case (`"[Name]" | upper`): told at the
                                // string, if the string's is a placeholder
                                // too (`"todo" | upper` writes one only
                                // in the finished text).
                                || printed_strings(t).iter().any(|(_, s)| {
                                    find_in_any_case(s, m)
                                        .and_then(|at| s.get(at..at + m.len()))
                                        .is_some_and(|written| !marks(written).is_empty())
                                })
                        };
                        written(&text.body)
                            || lib.manifest.partials.values().any(|p| written(&p.body))
                    };
                    // Read only for a placeholder found: most replies have none.
                    let in_strings = |m: &str| {
                        std::iter::once(text.body.as_str())
                            .chain(lib.manifest.partials.values().map(|p| p.body.as_str()))
                            .flat_map(crate::domain::template::strings_written)
                            .any(|s| s.contains(m))
                    };
                    // What the template wrote in `text`, rendered with `values`,
                    // and that is told nowhere else.
                    let written = |text: &str, values: &BTreeMap<String, String>| -> Vec<String> {
                        crate::domain::fill::written_placeholders(text, values, in_strings)
                            .into_iter()
                            .filter(|m| !literal(m))
                            .collect()
                    };
                    let found = written(&finished, &values);
                    if !found.is_empty() {
                        // At the string the body writes it from, when it
                        // is written whole in one (a loop's list, a
                        // default); else at the body.
                        let at = crate::domain::template::written_at(&text.body, &found[0])
                            .map_or(text.body_at.start.clone(), |o| {
                                text.body_at.locate(&text.body, o)
                            });
                        problems.push(
                            Diagnostic::error(
                                at,
                                format!(
                                    "the finished text still holds `{}`, written by the template itself",
                                    found.join("`, `")
                                ),
                            )
                            .in_response(Some(r.id.as_str()))
                            .hint("`use` refuses to copy it: write the text the customer should read"),
                        );
                        continue;
                    }
                    // A value a filter makes nothing of (`[{{ ref |
                    // replace(from="R1", to="") }}]`) leaves its brackets
                    // empty, as `use` would refuse with that value.
                    let emptied = crate::domain::fill::emptied_brackets(
                        &templates, &name, &values, &finished,
                    );
                    // Each value told once, by the first of the three ways
                    // below that leaves its brackets empty.
                    let mut told: BTreeSet<String> = BTreeSet::new();
                    // A declared `default = ""` stands in for a missing
                    // example: said as the default.
                    let blank =
                        |e: &&Emptied| values.get(&e.variable).is_some_and(|v| v.trim().is_empty());
                    problems.extend(tell_emptied(
                        lib,
                        text,
                        r.id.as_str(),
                        emptied.iter().filter(blank).collect(),
                        &mut told,
                        |v, held| {
                            format!(
                                "with `{v}`'s declared default \"\", the finished text holds `{held}`: brackets left empty"
                            )
                        },
                        DEFAULT_LEAVES_EMPTY,
                    ));
                    problems.extend(tell_emptied(
                        lib,
                        text,
                        r.id.as_str(),
                        emptied.iter().filter(|e| !blank(e)).collect(),
                        &mut told,
                        |v, held| {
                            format!(
                                "with the example values, `{v}` prints nothing here and the finished text holds `{held}`: brackets left empty"
                            )
                        },
                        "`use` refuses to copy it with such a value: put the brackets inside `{% if … %}`",
                    ));
                    // A value read under a fallback (`default(…)`, `is
                    // defined`) is never asked: `use` renders without it
                    // when no one gives it, and the examples never reach
                    // what the template writes then (`[{{ name |
                    // default(value="Name") }}]` is `[Name]`).
                    let optional: Vec<String> = (templates.reading(&name).optional.into_iter())
                        .filter(|v| values.contains_key(v))
                        .collect();
                    if !optional.is_empty() {
                        let mut without = values.clone();
                        without.retain(|k, _| {
                            !optional
                                .iter()
                                .any(|o| k == o || k.starts_with(&format!("{o}.")))
                        });
                        if let Ok(bare) = templates.render(&name, &without) {
                            // Brackets left empty, each value told where
                            // it is read; not again below for a declared
                            // default that leaves them so too.
                            let emptied = crate::domain::fill::emptied_brackets(
                                &templates, &name, &without, &bare,
                            );
                            let before = told.len();
                            problems.extend(tell_emptied(
                                lib,
                                text,
                                r.id.as_str(),
                                emptied.iter().collect(),
                                &mut told,
                                |v, held| {
                                    format!(
                                        "without `{v}`, which `use` does not ask for, the finished text holds `{held}`: brackets left empty"
                                    )
                                },
                                "`use` refuses to copy it then: put the brackets inside `{% if … %}`, or make the fallback text the customer should read",
                            ));
                            let found = if told.len() > before {
                                Vec::new()
                            } else {
                                written(&bare, &without)
                            };
                            if !found.is_empty() {
                                let names: Vec<String> =
                                    optional.iter().map(|v| format!("`{v}`")).collect();
                                problems.push(
                                    Diagnostic::error(
                                        text.body_at.start.clone(),
                                        format!(
                                            "without {}, which `use` does not ask for, the finished text holds `{}`",
                                            names.join(", "),
                                            found.join("`, `")
                                        ),
                                    )
                                    .in_response(Some(r.id.as_str()))
                                    .hint("`use` refuses to copy it then: make the fallback text the customer should read"),
                                );
                                continue;
                            }
                        }
                    }
                    // A declared default is what `use` renders with until
                    // an agent types another: it must render too.
                    let mut defaults = values.clone();
                    for v in &vars {
                        if let Some(d) = lib
                            .manifest
                            .variables
                            .get(v)
                            .and_then(|s| s.default.clone())
                        {
                            defaults.insert(v.clone(), d);
                        }
                    }
                    if defaults == values {
                        continue;
                    }
                    match templates.render(&name, &defaults) {
                        Err(e) => {
                            let mut d = template_problem(&e, &starts, lib);
                            d.message = format!(
                                "fails to render with the declared defaults: {}",
                                d.message
                            );
                            d.expected = None;
                            d.hint = Some("a default is used until an agent types another value: make it one the reply renders with".into());
                            problems.push(d);
                        }
                        // `default = ""` leaves `(order #{{ order }})` as
                        // `(order #)`, which `use` refuses to copy.
                        Ok(finished) => {
                            let emptied = crate::domain::fill::emptied_brackets(
                                &templates, &name, &defaults, &finished,
                            );
                            let declared_blank = |v: &str| {
                                lib.manifest.variables.get(v).is_some_and(|s| {
                                    s.default.as_deref().is_some_and(|d| d.trim().is_empty())
                                })
                            };
                            let emptied: Vec<&Emptied> = emptied
                                .iter()
                                .filter(|e| declared_blank(&e.variable))
                                .collect();
                            problems.extend(tell_emptied(
                                lib,
                                text,
                                r.id.as_str(),
                                emptied,
                                &mut told,
                                |v, held| {
                                    format!(
                                        "with `{v}`'s declared default \"\", the finished text holds `{held}`: brackets left empty"
                                    )
                                },
                                DEFAULT_LEAVES_EMPTY,
                            ));
                        }
                    }
                }
            }
        }
    }
}

/// The hint for brackets a declared `default = ""` leaves empty.
const DEFAULT_LEAVES_EMPTY: &str = "`use` refuses to copy it until an agent types a value: put the brackets inside `{% if … %}`, or declare a default the customer should read";

/// Tells brackets values left empty: an error at each read inside them,
/// with what the customer would read there (`said` words it from the
/// value's name and that), for the values not `told` yet, which then are.
fn tell_emptied(
    lib: &Library,
    text: &Text,
    id: &str,
    emptied: Vec<&Emptied>,
    told: &mut BTreeSet<String>,
    said: impl Fn(&str, &str) -> String,
    hint: &str,
) -> Vec<Diagnostic> {
    // (value, where) → what is read there, in the order found.
    let mut at: Vec<((&str, Location), Vec<&str>)> = Vec::new();
    for e in emptied.iter().filter(|e| !told.contains(&e.variable)) {
        let key = (e.variable.as_str(), emptied_at(lib, text, e));
        match at.iter_mut().find(|(k, _)| *k == key) {
            Some((_, held)) if held.contains(&e.debris.as_str()) => {}
            Some((_, held)) => held.push(&e.debris),
            None => at.push((key, vec![&e.debris])),
        }
    }
    let mut out = Vec::new();
    for ((v, location), held) in at {
        told.insert(v.to_string());
        out.push(
            Diagnostic::error(location, said(v, &held.join("`, `")))
                .in_response(Some(id))
                .hint(hint),
        );
    }
    out
}

/// Where brackets a value left empty are told: at the value's read inside
/// them (`[{{ ref }}]`, not an earlier bare `{{ ref }}`), in the reply or
/// in a partial it includes; else where the reply first reads the value.
fn emptied_at(lib: &Library, text: &Text, hole: &Emptied) -> Location {
    let partials = || {
        (crate::domain::fill::needed_partials(lib, &text.body).unwrap_or_default())
            .into_iter()
            .filter_map(|(name, _)| lib.manifest.partials.get(&name))
    };
    let sources = || {
        std::iter::once((&text.body, &text.body_at))
            .chain(partials().map(|p| (&p.body, &p.body_at)))
    };
    let bracketed = |body: &str| {
        body.match_indices(hole.opening.as_str())
            .find_map(|(i, _)| {
                let start = i + hole.opening.len();
                let rest = &body[start..];
                let tag = &rest[..rest.starts_with("{{").then(|| rest.find("}}"))?? + 2];
                Some(start + first_use(tag, &hole.variable)?)
            })
    };
    (sources().find_map(|(body, at)| bracketed(body).map(|o| at.locate(body, o))))
        .or_else(|| {
            sources()
                .find_map(|(body, at)| first_use(body, &hole.variable).map(|o| at.locate(body, o)))
        })
        .unwrap_or_else(|| text.body_at.start.clone())
}

/// What `use` would refuse to copy in `body`'s own text (`[Name]`, `XXX`,
/// `TODO`, `<p>`, a stray `}}`), each where it is, with its byte offset.
pub fn unfilled_in(body: &str) -> Vec<(usize, String)> {
    // Outside `{% raw %}`, an opening `{{` or `{%` left unblanked is a tag
    // never closed: the template's syntax error says so.
    let outside = marks(&blank_for_marks(body))
        .into_iter()
        .filter(|m| m.text != "{{" && m.text != "{%")
        .map(|m| (m.offset, m));
    let raw = raw_sections(body)
        .flat_map(|(start, text)| marks(text).into_iter().map(move |m| (start + m.offset, m)));
    let mut found: Vec<(usize, String)> = outside
        .chain(raw)
        .filter(|(_, m)| m.kind == MarkKind::Unfilled)
        .map(|(offset, m)| (offset, m.text))
        .collect();
    found.sort();
    found.dedup();
    // `{{ name }}` written as text is one thing left, not two.
    let opened = |o: &str| found.iter().any(|(_, f)| f == o);
    let (braces, percents) = (opened("{{"), opened("{%"));
    found.retain(|(_, f)| !(f == "}}" && braces || f == "%}" && percents));
    found
}

/// Every reply and partial whose own text holds something `use` refuses to
/// copy: an agent would meet the refusal mid-chat, so CI meets it first.
/// Located where written; a partial's once, at the partial. An import
/// writes a helpdesk's dynamic content so (`[dc.welcome_text]`), for a lead
/// to rewrite before the library passes.
fn unfilled_text(lib: &Library) -> Vec<Diagnostic> {
    let problem = |at: Location, found: &str| {
        Diagnostic::error(
            at,
            format!("`{found}` is left in the text: `use` refuses to copy a reply holding it"),
        )
        .hint(if is_conflict_marker(found) {
            "a merge conflict is left here: keep what each side meant, and remove git's markers"
        } else {
            "write what the customer should read, or a variable (`{{ name }}`)"
        })
    };
    // One the template prints from a string of its own (a fallback,
    // `default(value="[Name]")`, which the examples never reach), where
    // it is written.
    let printed = |at: Location, found: &str| {
        Diagnostic::error(
            at,
            format!("`{found}` is in a string the template prints: `use` refuses to copy a reply holding it"),
        )
        .hint("write what the customer should read there")
    };
    fn in_strings(body: &str) -> Vec<(usize, String)> {
        printed_strings(body)
            .into_iter()
            .flat_map(|(offset, s)| {
                marks(s)
                    .into_iter()
                    .filter(|m| m.kind == MarkKind::Unfilled)
                    .map(move |m| (offset + m.offset, m.text))
            })
            .collect()
    }
    let mut problems = Vec::new();
    for p in lib.manifest.partials.values() {
        for (offset, found) in unfilled_in(&p.body) {
            problems.push(problem(p.body_at.locate(&p.body, offset), &found));
        }
        for (offset, found) in in_strings(&p.body) {
            problems.push(printed(p.body_at.locate(&p.body, offset), &found));
        }
    }
    for r in lib.responses.iter().chain(&lib.rejected) {
        for (_, text) in r.texts() {
            for (offset, found) in unfilled_in(&text.body) {
                problems.push(
                    problem(text.body_at.locate(&text.body, offset), &found)
                        .in_response(Some(r.id.as_str())),
                );
            }
            for (offset, found) in in_strings(&text.body) {
                problems.push(
                    printed(text.body_at.locate(&text.body, offset), &found)
                        .in_response(Some(r.id.as_str())),
                );
            }
        }
    }
    problems
}

/// Values to try a template with: each variable's example, else its default,
/// else its own name in angle brackets.
pub fn example_values<'a>(
    lib: &Library,
    lang: &Lang,
    today: Date,
    vars: impl IntoIterator<Item = &'a str>,
) -> BTreeMap<String, String> {
    let mut values = BTreeMap::new();
    for v in vars {
        let spec = lib.manifest.variables.get(v);
        let value = spec
            .and_then(|s| s.example.clone().or_else(|| s.default.clone()))
            .unwrap_or_else(|| match v {
                "today" => today.to_string(),
                "lang" => lang.to_string(),
                "agent" => "Alex".to_string(),
                "customer_type" => CustomerType::ANY.to_string(),
                _ => format!("<{v}>"),
            });
        values.insert(v.to_string(), value);
    }
    values
}

/// How much of a variable's name an error quotes.
const NAME_SHOWN: usize = 200;

fn manifest_warnings(lib: &Library) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for spec in lib.manifest.variables.values() {
        if spec.description.is_none() && !spec.refused.contains(&"description") {
            out.push(
                Diagnostic::warning(
                    spec.location.clone(),
                    format!("variable `{}` has no description", spec.name),
                )
                .hint("agents see the description when they are asked for a value"),
            );
        }
        // An import declares the variables it meets as `TODO: describe`,
        // `TODO: an example`, for a lead to write.
        // Only a writer's note to self, as its first word: an example may
        // be masked (`XXXX XXXX XXXX 4242`), a description show a format
        // (`INV-XXXX`) or name "the customer's TODO list".
        let unfilled = |text: &Option<String>| {
            let first = text
                .as_deref()?
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())?;
            matches!(first, "TODO" | "FIXME").then(|| first.to_string())
        };
        let fields = match (unfilled(&spec.description), unfilled(&spec.example)) {
            (Some(a), Some(b)) if a == b => Some(format!("its description and example hold `{a}`")),
            (Some(a), Some(b)) => Some(format!("its description holds `{a}`, its example `{b}`")),
            (Some(a), None) => Some(format!("its description holds `{a}`")),
            (None, Some(b)) => Some(format!("its example holds `{b}`")),
            (None, None) => None,
        };
        if let Some(fields) = fields {
            out.push(
                Diagnostic::warning(
                    spec.location.clone(),
                    format!("variable `{}` is still to write: {fields}", spec.name),
                )
                .hint("agents see the description when they are asked for a value; `show` and `check` render with the example"),
            );
        }
        let refused = |f| spec.refused.contains(&f);
        // A group's fields are what a body prints (`{{ customer.email }}`),
        // each with its own example; the group itself never is.
        let group = (lib.manifest.variables.keys()).any(|k| {
            k.strip_prefix(&spec.name)
                .is_some_and(|rest| rest.starts_with('.'))
        });
        if spec.example.is_none()
            && !group
            && spec.default.is_none()
            && !refused("example")
            && !refused("default")
        {
            out.push(
                Diagnostic::warning(
                    spec.location.clone(),
                    format!("variable `{}` has no example", spec.name),
                )
                .hint("`show` and `check` render bodies with the examples"),
            );
        }
    }
    out
}

type Starts<'l> = BTreeMap<String, (&'l TextAt, &'l str, Option<String>)>;

/// For each template name of the partials and `responses`: where its text
/// is, the text, and the response it belongs to.
fn template_starts<'l>(lib: &'l Library, responses: &'l [Response]) -> Starts<'l> {
    let mut out = BTreeMap::new();
    for (name, p) in &lib.manifest.partials {
        out.insert(name.clone(), (&p.body_at, p.body.as_str(), None));
    }
    for r in responses {
        for (lang, text) in r.texts() {
            out.insert(
                r.template_name(lang),
                (&text.body_at, text.body.as_str(), Some(r.id.to_string())),
            );
        }
    }
    out
}

fn template_problem(e: &TemplateError, starts: &Starts, lib: &Library) -> Diagnostic {
    let Some((at, body, response)) = starts.get(&e.template) else {
        // The start of the first template by name, in the whole library.
        let partials = lib.manifest.partials.iter().map(|(n, p)| (n.clone(), p));
        let bodies = lib.responses.iter().flat_map(|r| {
            r.texts()
                .map(|(lang, t)| (r.template_name(lang), &t.body_at.start))
        });
        let fallback = partials
            .map(|(n, p)| (n, &p.body_at.start))
            .chain(bodies)
            .min_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, start)| start.clone())
            .unwrap_or(Location {
                path: "canned.toml".into(),
                line: 1,
                column: 1,
            });
        return Diagnostic::error(fallback, format!("template error: {}", e.message));
    };
    let at = match e.position {
        Some((line, col)) => at.position(body, line, col),
        None => at.start.clone(),
    };
    let kind = if response.is_some() {
        "template"
    } else {
        "partial"
    };
    let d = Diagnostic::error(at, format!("{kind} error: {}", e.message))
        .in_response(response.as_deref());
    if e.is_through_a_partial() {
        return d;
    }
    let d = d.expected(
        "a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}",
    );
    let filter = e
        .message
        .strip_prefix("Unknown filter `")
        .and_then(|f| f.strip_suffix('`'));
    match filter.and_then(|f| did_you_mean(f, FILTERS.iter().copied())) {
        Some(meant) => d.hint(suggestion_hint(meant)),
        None => d,
    }
}
