//! What a reply's template may do, so that no body from a pull request can
//! hang `check`, exhaust memory or overflow the stack:
//!
//! - no `set`, `set_global`, `extends`, `block`, `macro`, `import` or
//!   `component`: a reply needs variables, filters, conditions, loops and
//!   includes, and accumulating state is how a 60-byte body grows without end;
//! - no `{% filter %}` section (its body is captured whole, out of reach of
//!   the output cap) and no list comprehension (`[x for x in y]`, a loop
//!   inside an expression that the work limit would not see);
//! - loops nest one level, counting loops in included partials, so a loop's
//!   work is bounded by its one collection (`range` gives at most 100,000);
//! - includes nest at most [`MAX_INCLUDE_DEPTH`] levels;
//! - the filters that can make text longer than they were given (`replace`,
//!   `indent`, `join`, the escapes) refuse to produce more than
//!   [`OUTPUT_CAP`] bytes, and so does the rendered text as a whole.

use std::collections::BTreeMap;

use tera::{Error, Kwargs, State, Tera, TeraResult, Value};

use super::{OUTPUT_CAP, TemplateError, includes, tags};

/// How deep partials may include partials. Real libraries nest two or
/// three levels; a chain of hundreds is an attack on the stack.
pub const MAX_INCLUDE_DEPTH: usize = 16;

/// How many `{% elif %}` one `{% if %}` may have. Tera parses and renders
/// each as an `if` inside the one before, a stack frame each: a few
/// thousand overflow the stack. Real replies branch a handful of times.
pub const MAX_ELIF: usize = 100;

const FORBIDDEN: [&str; 8] = [
    "set",
    "filter",
    "set_global",
    "extends",
    "block",
    "macro",
    "import",
    "component",
];

/// The templates of `sources` that break a limit, to leave out, and the
/// errors to report: a chain of partials too deep is reported once, where
/// it starts, not at each of its links.
pub fn violations(sources: &BTreeMap<String, String>) -> (Vec<String>, Vec<TemplateError>) {
    let shapes = shapes(sources);
    let shape = |name: &str| shapes.get(name).copied().unwrap_or_default();
    let too_deep: Vec<&String> = sources
        .keys()
        .filter(|name| shape(name).includes > MAX_INCLUDE_DEPTH)
        .collect();
    // Read once: asked of each of a chain of thousands. A partial is a
    // template something includes; a reply's body is included by none.
    let included: std::collections::BTreeSet<String> = sources
        .values()
        .flat_map(|source| includes(source))
        .map(|(inc, _)| inc)
        .collect();
    let too_deep_partials: std::collections::BTreeSet<&str> = too_deep
        .iter()
        .filter(|name| included.contains(name.as_str()))
        .map(|name| name.as_str())
        .collect();
    let in_too_deep: std::collections::BTreeSet<String> = too_deep_partials
        .iter()
        .flat_map(|outer| includes(&sources[*outer]))
        .map(|(inc, _)| inc)
        .collect();
    let inside_a_deeper_one = |name: &str| in_too_deep.contains(name);
    let mut out = Vec::new();
    let mut left_out = Vec::new();
    for (name, source) in sources {
        if let Some(e) = forbidden_tag(name, source) {
            out.push(e);
            left_out.push(name.clone());
            continue;
        }
        let shape = shape(name);
        if shape.includes > MAX_INCLUDE_DEPTH {
            left_out.push(name.clone());
            if inside_a_deeper_one(name) {
                continue;
            }
            // A reply that includes the chain is told which include, as
            // for any broken partial; the chain once, where it starts.
            if !included.contains(name.as_str())
                && includes(source)
                    .iter()
                    .any(|(inc, _)| too_deep_partials.contains(inc.as_str()))
            {
                out.extend(super::graph::through_unusable(name, source, |inc| {
                    too_deep_partials.contains(inc)
                }));
                continue;
            }
            out.push(TemplateError {
                template: name.clone(),
                message: format!(
                    "partials include each other more than {MAX_INCLUDE_DEPTH} levels deep"
                ),
                position: shape.includes_at.map(|at| position(source, at)),
            });
        } else if shape.loops > 1 {
            left_out.push(name.clone());
            out.push(TemplateError {
                template: name.clone(),
                message: "a loop inside a loop (counting loops in included partials): \
                          replies may loop one level deep"
                    .into(),
                position: shape.nested_loop_at.map(|at| position(source, at)),
            });
        }
    }
    (left_out, out)
}

fn forbidden_tag(name: &str, source: &str) -> Option<TemplateError> {
    let error = |message: String, at| TemplateError {
        template: name.to_string(),
        message,
        position: Some(position(source, at)),
    };
    let statement = statements(source).find_map(|(inner, at)| {
        let word = first_word(inner);
        FORBIDDEN
            .contains(&word)
            .then(|| error(format!("`{{% {word} %}}` is not allowed in a reply"), at))
    });
    let statement = statement.or_else(|| {
        reserved_name(source).map(|(at, word)| {
            error(
                format!(
                    "`{word}` is not allowed in a reply: it is Tera's own, and \
                     `__tera_context` prints every value given, internal notes included"
                ),
                at,
            )
        })
    });
    let statement = statement.or_else(|| {
        too_many_elifs(source).map(|at| {
            error(
                format!(
                    "an `{{% if %}}` with more than {MAX_ELIF} `{{% elif %}}`: each is one \
                     level deeper for Tera, and so many overflow its stack; split the choice \
                     in two"
                ),
                at,
            )
        })
    });
    let statement = statement.or_else(|| {
        loop_over_value(source).map(|(at, path)| {
            error(
                format!(
                    "a loop over `{path}` prints it letter by letter: a value is one \
                     text, never a list (to list its parts, split it: \
                     `{path} | split(pat=\", \")`)"
                ),
                at,
            )
        })
    });
    statement.or_else(|| {
        comprehension(source).map(|at| {
            error(
                "a list comprehension (`[… for … in …]`) is not allowed in a reply: \
                 it is a loop the work limit cannot see; use `{% for %}`"
                    .into(),
                at,
            )
        })
    })
}

/// The offset of the `{% elif %}` past [`MAX_ELIF`] in one `{% if %}`.
fn too_many_elifs(source: &str) -> Option<usize> {
    // The `elif`s of each `if` still open, innermost last.
    let mut open: Vec<usize> = Vec::new();
    statements(source).find_map(|(inner, at)| {
        match first_word(inner) {
            "if" => open.push(0),
            "endif" => {
                open.pop();
            }
            "elif" => {
                let elifs = open.last_mut()?;
                *elifs += 1;
                return (*elifs > MAX_ELIF).then_some(at);
            }
            _ => {}
        }
        None
    })
}

/// The first `{% for %}` over a bare value or group (`for x in items`),
/// with the offset and path of what it loops over. Every value a reply is
/// given is text (`set` is refused, so no name is anything else), and
/// Tera walks a text by its letters: "- m - u - g" went to the customer.
fn loop_over_value(source: &str) -> Option<(usize, &str)> {
    // Tags as Tera reads them: a `{% raw %}` block or a comment shows a
    // loop, it runs none. A loop inside a loop is refused for its depth,
    // with its own words: its items may be the outer loop's (`loop`).
    let mut depth = 0usize;
    super::work::tags(source).into_iter().find_map(|tag| {
        if tag.statement && tag.word == "endfor" {
            depth = depth.saturating_sub(1);
        }
        if !(tag.statement && tag.word == "for") {
            return None;
        }
        depth += 1;
        if depth > 1 {
            return None;
        }
        let items = super::work::find_in(&source[..tag.end], tag.start)?;
        let iterable = source[items..tag.end - 2]
            .trim_end_matches(['-', '+', '~'])
            .trim_end();
        let path = iterable.split('.').all(|part| {
            part.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && part.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        });
        path.then_some((items, iterable))
    })
}

/// The offset of the first `for` inside an expression (`[x for x in y]`):
/// any `for` word outside quotes but the one opening a `{% for %}` tag.
fn comprehension(source: &str) -> Option<usize> {
    let statement_at: std::collections::BTreeSet<usize> =
        statements(source).map(|(_, at)| at).collect();
    tags(source).find_map(|(inner, at)| {
        let opening = |i: usize| {
            statement_at.contains(&at)
                && inner[..i]
                    .bytes()
                    .all(|c| c.is_ascii_whitespace() || matches!(c, b'-' | b'+' | b'~'))
        };
        names(inner)
            .find(|&(i, word)| word == "for" && !opening(i))
            .map(|(i, _)| at + i)
    })
}

/// The offset of the first name Tera keeps for itself (`__tera_context`,
/// which prints every value given, a helpdesk's internal note included).
fn reserved_name(source: &str) -> Option<(usize, &str)> {
    tags(source).find_map(|(inner, at)| {
        names(inner)
            .find(|(_, word)| word.starts_with("__"))
            .map(|(i, word)| (at + i, word))
    })
}

/// The names in a tag's inside (letters, digits, `_`), outside quoted
/// strings, with their offsets.
fn names(inner: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = inner.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let c = b[i];
            if matches!(c, b'"' | b'\'' | b'`') {
                i = inner[i + 1..]
                    .find(c as char)
                    .map_or(b.len(), |e| i + e + 2);
                continue;
            }
            if c.is_ascii_alphanumeric() || c == b'_' {
                let start = i;
                i = inner[i..]
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                    .map_or(b.len(), |e| i + e);
                return Some((start, &inner[start..i]));
            }
            i += 1;
        }
        None
    })
}

/// The `{% … %}` tags of `source` (not the `{{ … }}` ones), with offsets.
fn statements(source: &str) -> impl Iterator<Item = (&str, usize)> {
    tags(source).filter(|&(_, at)| at >= 1 && source.as_bytes()[at - 1] == b'%')
}

fn first_word(inner: &str) -> &str {
    let inner = inner.trim_start_matches(['-', '+']).trim_start();
    let end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(inner.len());
    &inner[..end]
}

/// 1-based line, 0-based column of byte `at`.
pub fn position(source: &str, at: usize) -> (usize, usize) {
    let before = &source[..at.min(source.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count();
    (line, column)
}

/// How deep a template nests includes and loops, its partials counted.
#[derive(Clone, Copy, Default)]
struct Shape {
    includes: usize,
    loops: usize,
    /// Where its deepest chain of includes starts (the include's offset).
    includes_at: Option<usize>,
    /// Where a loop first opens inside another (a `for`, or the include
    /// of a partial that loops).
    nested_loop_at: Option<usize>,
}

/// The shape of every template, partials first (an explicit stack, not
/// recursion: a chain of thousands of partials must not overflow ours).
/// An include cycle counts as nothing here; Tera reports it.
fn shapes(sources: &BTreeMap<String, String>) -> BTreeMap<&str, Shape> {
    let mut done: BTreeMap<&str, Shape> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for root in sources.keys() {
        let mut stack = vec![(root.as_str(), false)];
        while let Some((name, expanded)) = stack.pop() {
            let Some(source) = sources.get(name) else {
                continue;
            };
            if expanded {
                done.insert(name, shape_of(source, &done));
                continue;
            }
            if !seen.insert(name) {
                continue;
            }
            stack.push((name, true));
            for (inc, _) in includes(source) {
                if let Some((key, _)) = sources.get_key_value(&inc)
                    && !seen.contains(key.as_str())
                {
                    stack.push((key.as_str(), false));
                }
            }
        }
    }
    done
}

/// The shape of one template, given those of the partials it includes.
fn shape_of(source: &str, partials: &BTreeMap<&str, Shape>) -> Shape {
    let mut result = Shape::default();
    let mut open_loops = 0usize;
    let mut included = includes(source).into_iter().peekable();
    for (inner, at) in statements(source) {
        match first_word(inner) {
            "for" => {
                open_loops += 1;
                result.loops = result.loops.max(open_loops);
                if open_loops > 1 {
                    result.nested_loop_at.get_or_insert(at);
                }
            }
            "endfor" => open_loops = open_loops.saturating_sub(1),
            "include" => {
                while let Some((partial, offset)) =
                    included.next_if(|(_, o)| *o <= at + inner.len())
                {
                    let inner_shape = partials.get(partial.as_str()).copied().unwrap_or_default();
                    if inner_shape.includes + 1 > result.includes {
                        result.includes = inner_shape.includes + 1;
                        result.includes_at = Some(offset);
                    }
                    let loops = open_loops + inner_shape.loops;
                    result.loops = result.loops.max(loops);
                    if loops > 1 {
                        result.nested_loop_at.get_or_insert(offset);
                    }
                }
            }
            _ => {}
        }
    }
    result
}

/// Replaces the filters that can make text longer than they were given
/// with ones that stop at [`OUTPUT_CAP`] bytes, before allocating.
pub fn register_capped_filters(tera: &mut Tera) {
    tera.register_filter("replace", replace);
    tera.register_filter("indent", indent);
    tera.register_filter("join", join);
    for name in ["escape", "escape_html"] {
        tera.register_filter(name, escape_html);
    }
    tera.register_filter("escape_xml", escape_xml);
    tera.register_filter("newlines_to_br", newlines_to_br);
}

fn within_cap(filter: &str, bytes: usize) -> TeraResult<()> {
    if bytes > OUTPUT_CAP {
        Err(Error::message(format!(
            "`{filter}` would make {bytes} bytes of text, past the limit of {OUTPUT_CAP}"
        )))
    } else {
        Ok(())
    }
}

fn replace(val: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let from = kwargs.must_get::<&str>("from")?;
    let to = kwargs.must_get::<&str>("to")?;
    let n = if from.is_empty() {
        val.chars().count() + 1
    } else {
        val.matches(from).count()
    };
    let size = (val.len() - n * from.len()).saturating_add(n.saturating_mul(to.len()));
    within_cap("replace", size)?;
    Ok(val.replace(from, to))
}

fn indent(val: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let width = kwargs.get::<usize>("width")?.unwrap_or(4).min(1000);
    let unit = kwargs.get::<&str>("indentation")?.unwrap_or(" ");
    if unit.chars().count() != 1 {
        return Err(Error::message(
            "The `indentation` argument must contain exactly one character",
        ));
    }
    let first = kwargs.get::<bool>("first")?.unwrap_or(false);
    let blank = kwargs.get::<bool>("blank")?.unwrap_or(false);
    let pad = unit.repeat(width);
    let lines = val.lines().count();
    within_cap(
        "indent",
        val.len()
            .saturating_add(lines.saturating_mul(pad.len() + 1)),
    )?;
    let mut out = String::with_capacity(val.len() + lines * pad.len());
    for (i, line) in val.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if (i > 0 || first) && (blank || !line.trim().is_empty()) {
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    if val.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

fn join(val: Vec<Value>, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let sep = kwargs.get::<&str>("sep")?.unwrap_or("");
    let parts: Vec<String> = val
        .iter()
        .filter(|v| !v.is_undefined())
        .map(ToString::to_string)
        .collect();
    let size = parts
        .iter()
        .map(String::len)
        .sum::<usize>()
        .saturating_add(parts.len().saturating_mul(sep.len()));
    within_cap("join", size)?;
    Ok(parts.join(sep))
}

fn escape_html(val: &str, _: Kwargs, _: &State) -> TeraResult<String> {
    within_cap("escape", val.len().saturating_mul(6))?;
    let mut buf = Vec::with_capacity(val.len());
    tera::escape_html(val, &mut buf).map_err(|e| Error::message(e.to_string()))?;
    String::from_utf8(buf).map_err(|e| Error::message(e.to_string()))
}

fn escape_xml(val: &str, _: Kwargs, _: &State) -> TeraResult<String> {
    within_cap("escape_xml", val.len().saturating_mul(6))?;
    let mut out = String::with_capacity(val.len());
    for c in val.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    Ok(out)
}

fn newlines_to_br(val: &str, _: Kwargs, _: &State) -> TeraResult<String> {
    within_cap("newlines_to_br", val.len().saturating_mul(4))?;
    Ok(val.replace("\r\n", "<br>").replace(['\n', '\r'], "<br>"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::Templates;

    fn compile(sources: &[(&str, &str)]) -> (Templates, Vec<TemplateError>) {
        Templates::compile(sources.iter().map(|(n, s)| (n.to_string(), s.to_string())))
    }

    fn messages(errors: &[TemplateError]) -> Vec<(String, String)> {
        errors
            .iter()
            .map(|e| (e.template.clone(), e.message.clone()))
            .collect()
    }

    #[test]
    fn a_loop_inside_a_loop_is_refused_even_through_a_partial() {
        let (_, errors) = compile(&[
            ("inner", "{% for j in range(end=100000) %}{% endfor %}"),
            (
                "body",
                "{% for i in range(end=100000) %}{% include \"inner\" %}{% endfor %}",
            ),
            ("one", "{% for i in range(end=3) %}{{ i }}{% endfor %}"),
        ]);
        assert_eq!(
            messages(&errors),
            [(
                "body".to_string(),
                "a loop inside a loop (counting loops in included partials): replies may loop one level deep".to_string()
            )]
        );
    }

    #[test]
    fn a_chain_of_elif_that_would_overflow_the_stack_is_refused_where_it_goes_too_far() {
        let chain = |n: usize| {
            format!(
                "{{% if a %}}{{% if b %}}b{{% endif %}}{}{{% endif %}}",
                "{% elif c %}c".repeat(n)
            )
        };
        assert!(compile(&[("body", &chain(MAX_ELIF))]).1.is_empty());
        let (_, errors) = compile(&[("body", &chain(5_000))]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .message
                .starts_with("an `{% if %}` with more than 100 `{% elif %}`")
        );
        // Where the tag's words start, as for every tag refused.
        let at = "{% if a %}{% if b %}b{% endif %}{%".len() + MAX_ELIF * "{% elif c %}c".len();
        assert_eq!(errors[0].position, Some((1, at)));
    }

    #[test]
    fn a_nested_loop_and_a_deep_include_are_located_where_they_start() {
        let (_, errors) = compile(&[
            ("inner", "{% for j in range(end=3) %}{% endfor %}"),
            (
                "body",
                "Hi\n{% for i in range(end=3) %}\n  {% include \"inner\" %}{% endfor %}",
            ),
        ]);
        assert_eq!(errors[0].position, Some((3, 14)));
        let (_, errors) = compile(&[(
            "body",
            "Hi\n{% for i in range(end=3) %}\n  {% for j in range(end=3) %}{% endfor %}{% endfor %}",
        )]);
        assert_eq!(errors[0].position, Some((3, 4)));
    }

    #[test]
    fn accumulating_state_is_refused_where_it_is_written() {
        let (_, errors) = compile(&[("body", "Hi\n  {% set_global x = x ~ x %}")]);
        assert_eq!(
            errors[0].message,
            "`{% set_global %}` is not allowed in a reply"
        );
        assert_eq!(errors[0].position, Some((2, 4)));
        // A variable called `set` is only a variable.
        assert!(compile(&[("body", "{{ set }}")]).1.is_empty());
    }

    #[test]
    fn teras_own_names_are_refused_where_they_are() {
        for body in [
            "{{ __tera_context }}",
            "Hi {% if __tera_context %}x{% endif %}",
            "{{ name | default(value=__tera_context) }}",
        ] {
            let (_, errors) = compile(&[("body", body)]);
            assert_eq!(errors.len(), 1, "{body}");
            assert!(
                errors[0]
                    .message
                    .starts_with("`__tera_context` is not allowed in a reply"),
                "{body}: {}",
                errors[0].message
            );
        }
        let (_, errors) = compile(&[("body", "Hi\n {{ __loop }}")]);
        assert_eq!(errors[0].position, Some((2, 4)));
        // Quoted, it is text.
        assert!(
            compile(&[("body", "{{ \"__tera_context\" }}")])
                .1
                .is_empty()
        );
    }

    #[test]
    fn a_loop_inside_an_expression_or_a_captured_section_is_refused_where_it_is() {
        let (_, errors) = compile(&[(
            "body",
            "Hi\n{% for x in [1] %}{{ [name for i in range(end=100000)] }}{% endfor %}",
        )]);
        assert_eq!(
            errors[0].message,
            "a list comprehension (`[… for … in …]`) is not allowed in a reply: it is a loop \
             the work limit cannot see; use `{% for %}`"
        );
        assert_eq!(errors[0].position, Some((2, 27)));
        let (_, errors) = compile(&[("body", "{% filter upper %}{{ name }}{% endfilter %}")]);
        assert_eq!(
            errors[0].message,
            "`{% filter %}` is not allowed in a reply"
        );
        // `for` in a string, a loop, or a longer word is no comprehension.
        let fine = "{% for x in ['for'] %}{{ x ~ ' for' }}{% endfor %}{{ forward }}{%- for y in z | split(pat=\",\") -%}{% endfor %}";
        assert!(compile(&[("body", fine)]).1.is_empty());
    }

    #[test]
    fn a_loop_over_a_value_is_refused_as_it_would_spell_the_value_out() {
        let (_, errors) = compile(&[(
            "body",
            "Items:\n{% for item in order.items -%}\n- {{ item }}{% endfor %}",
        )]);
        assert_eq!(
            errors[0].message,
            "a loop over `order.items` prints it letter by letter: a value is one text, never \
             a list (to list its parts, split it: `order.items | split(pat=\", \")`)"
        );
        assert_eq!(errors[0].position, Some((2, 15)));
        // A list written in the reply, a range, or a value split is a list.
        let fine = "{% for x in ['a', 'b'] %}{{ x }}{% endfor %}{% for i in range(end=2) %}{% endfor %}\
                    {% for p in items | split(pat=\", \") %}- {{ p }}{% endfor %}";
        assert!(compile(&[("body", fine)]).1.is_empty());
    }

    #[test]
    fn a_chain_of_partials_too_deep_is_reported_once_where_it_starts() {
        let mut sources: Vec<(String, String)> = (0..800)
            .map(|i| (format!("p{i}"), format!("{{% include \"p{}\" %}}", i + 1)))
            .collect();
        sources.push(("p800".into(), "end".into()));
        sources.push(("body".into(), "{% include \"p0\" %}".into()));
        let (templates, errors) = Templates::compile(sources);
        let said: Vec<(&str, &str)> = (errors.iter())
            .map(|e| (e.template.as_str(), e.message.as_str()))
            .collect();
        // The chain at its first partial; a reply that includes it, at its
        // include, as for any broken partial.
        assert_eq!(
            said,
            [
                ("body", "includes partial `p0`, which has errors"),
                ("p0", "partials include each other more than 16 levels deep")
            ]
        );
        assert!(!templates.contains("p0"));
        assert!(templates.contains("p790"));
    }

    #[test]
    fn amplifying_filters_stop_before_allocating_past_the_cap() {
        let body = "{{ 'aaaa' | replace(from='a', to=big) | replace(from='a', to=big) }}";
        let (t, errors) = compile(&[("body", body)]);
        assert!(errors.is_empty(), "{errors:?}");
        let mut values = BTreeMap::new();
        values.insert("big".to_string(), "a".repeat(2000));
        let err = t.render("body", &values).unwrap_err();
        assert!(err.message.contains("`replace` would make"), "{err:?}");
    }

    #[test]
    fn capped_filters_keep_their_meaning() {
        let (t, _) = compile(&[(
            "body",
            "{{ 'a-b' | replace(from='-', to='+') }}|{{ 'x\ny' | indent(width=2) }}|{{ ['a', 'b'] | join(sep=', ') }}|{{ '<&>' | escape }}",
        )]);
        assert_eq!(
            t.render("body", &BTreeMap::new()).unwrap(),
            "a+b|x\n  y|a, b|&lt;&amp;&gt;"
        );
    }
}
