//! Rendering bounded in work, so no template can keep `check` or `use`
//! busy: the other limits bound what a template may say, this bounds how
//! long saying it takes (a 100,000-item loop over a body of thousands of
//! tags prints nothing and runs for minutes).
//!
//! Work is counted, not timed, so a template passes or fails the same way
//! on every machine: each `{{ … }}` or `{% … %}` tag is one step (one more
//! per KiB of the tag), an `{% include %}` costs the partial's steps, and a
//! loop costs, when it starts, the steps of its body times its number of
//! items. Values of many KiB make every step of a loop cost as many steps.
//! A render may take [`WORK_BUDGET`] steps.
//!
//! The part of a template outside its loops is counted from the text when
//! it is compiled (a partial included a hundred times, that includes one a
//! hundred times…, is refused then). A loop's items are known only when it
//! runs, so each `{% for x in ITEMS %}` is given to Tera as
//! `{% for x in (ITEMS) | __work(steps=BODY) %}`: the filter charges
//! items × BODY to the render's count and stops the render past the budget,
//! before the first item. Errors are located in the text as written.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tera::{Error, Kwargs, State, Tera, Value};

use super::{TemplateError, bytes};

/// How many steps one render may take. A real reply takes tens to a few
/// thousand (a loop over a list of order lines); a million is a fraction of
/// a second, and far from the minutes a hostile body asks for.
pub const WORK_BUDGET: u64 = 1_000_000;

/// The bytes a step reads: a longer tag, or a render whose values are
/// longer, counts a step for each this many bytes.
const CHUNK: u64 = 1024;

/// The filter the loops are given; a name no library can use by accident.
const FILTER: &str = "__work";

/// One tag of a template: its byte span (delimiters included), whether it
/// is a statement (`{% … %}`), and its first word.
pub(super) struct Tag<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) statement: bool,
    pub(super) word: &'a str,
}

/// The tags of `source` Tera sees: comments and `{% raw %}` blocks left
/// out, quoted strings inside a tag skipped (`{{ "%}" }}` is one tag).
pub(super) fn tags(source: &str) -> Vec<Tag<'_>> {
    let b = source.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    let mut raw = false;
    while let Some(open) = source.get(pos..).and_then(|s| s.find('{')).map(|p| p + pos) {
        let (close, statement) = match b.get(open + 1) {
            Some(b'{') => (b'}', false),
            Some(b'%') => (b'%', true),
            Some(b'#') => {
                pos = source[open + 2..]
                    .find("#}")
                    .map_or(source.len(), |p| open + 2 + p + 2);
                continue;
            }
            _ => {
                pos = open + 1;
                continue;
            }
        };
        let mut i = open + 2;
        let mut quote = None;
        let end = loop {
            match (b.get(i), quote) {
                (None, _) => break None,
                (Some(&c), Some(q)) if c == q => quote = None,
                (Some(_), Some(_)) => {}
                (Some(&c), None) if matches!(c, b'"' | b'\'' | b'`') => quote = Some(c),
                (Some(&c), None) if c == close && b.get(i + 1) == Some(&b'}') => break Some(i + 2),
                _ => {}
            }
            i += 1;
        };
        let Some(end) = end else { break };
        let inner = source[open + 2..end - 2]
            .trim_matches(['-', '+', '~'])
            .trim();
        let word = inner
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap_or_default();
        pos = end;
        if raw {
            raw = !(statement && word == "endraw");
            continue;
        }
        if statement && word == "raw" {
            raw = true;
            continue;
        }
        out.push(Tag {
            start: open,
            end,
            statement,
            word,
        });
    }
    out
}

/// The partial a `{% include "name" %}` tag names.
fn included<'a>(source: &'a str, tag: &Tag<'_>) -> Option<&'a str> {
    let inner = &source[tag.start + 2..tag.end - 2];
    let rest = inner.split_once("include")?.1.trim_start();
    let quote = rest.chars().next().filter(|q| matches!(q, '"' | '\''))?;
    let name = &rest[1..];
    Some(&name[..name.find(quote)?])
}

/// The steps of every template outside its loops, partials included (a
/// loop's own tag counts one; its body is charged when it runs). Memoised
/// over the include graph, with an explicit stack: a chain of partials
/// must not overflow ours. An include cycle counts nothing here; Tera
/// reports it.
pub fn static_steps(sources: &BTreeMap<String, String>) -> BTreeMap<&str, u64> {
    let mut done: BTreeMap<&str, u64> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for root in sources.keys() {
        let mut stack = vec![(root.as_str(), false)];
        while let Some((name, expanded)) = stack.pop() {
            let Some((key, source)) = sources.get_key_value(name) else {
                continue;
            };
            if expanded {
                let steps = steps_of(source, &|p| done.get(p).copied()).0;
                done.insert(key.as_str(), steps);
                continue;
            }
            if !seen.insert(key.as_str()) {
                continue;
            }
            stack.push((key.as_str(), true));
            for tag in tags(source) {
                if let Some(partial) = included(source, &tag)
                    && let Some((k, _)) = sources.get_key_value(partial)
                    && !seen.contains(k.as_str())
                {
                    stack.push((k.as_str(), false));
                }
            }
        }
    }
    done
}

/// The steps of `source` outside its loops, and each loop's `for` tag with
/// the steps of one pass through its body (nested loops included in the
/// outer body, and charged again by their own filter).
fn steps_of(source: &str, partials: &dyn Fn(&str) -> Option<u64>) -> (u64, Vec<(usize, u64)>) {
    let tags = tags(source);
    let cost = |tag: &Tag<'_>| {
        let partial = if tag.statement && tag.word == "include" {
            included(source, tag).and_then(partials)
        } else {
            None
        };
        // A long tag (a literal of a megabyte) costs as many steps as a
        // run of short ones: `| length` or `in` read it whole.
        let len = (tag.end - tag.start) as u64;
        let own = 1 + len / CHUNK;
        // Each `~` copies every operand before it: values (a step per KiB
        // with the scale, so CHUNK / BYTES_PER_STEP steps here) and
        // literals; what filters make is charged when they make it.
        let (calls, concats) = bytes::scan(source, tag.start, tag.end);
        let per_value = CHUNK / bytes::BYTES_PER_STEP;
        let copies = concats.saturating_mul(
            (concats + 1)
                .saturating_mul(per_value)
                .saturating_add(len / bytes::BYTES_PER_STEP),
        );
        // A filter or `range` call costs steps of its own.
        own.saturating_add((calls.len() as u64).saturating_mul(bytes::STEPS_PER_CALL))
            .saturating_add(copies)
            .saturating_add(partial.unwrap_or(0))
    };
    let mut outside = 0u64;
    let mut loops = Vec::new();
    // Open loops: index in `loops`, and the steps of the body so far.
    let mut open: Vec<(usize, u64)> = Vec::new();
    for tag in &tags {
        let c = cost(tag);
        for (_, body) in &mut open {
            *body = body.saturating_add(c);
        }
        if open.is_empty() {
            outside = outside.saturating_add(c);
        }
        if !tag.statement {
            continue;
        }
        match tag.word {
            "for" => {
                open.push((loops.len(), 0));
                loops.push((tag.end, 1));
            }
            "endfor" => {
                if let Some((i, body)) = open.pop() {
                    // A pass costs at least one step, even an empty one.
                    loops[i].1 = body.max(1);
                }
            }
            _ => {}
        }
    }
    (outside, loops)
}

/// Where text was added to a template for Tera: (byte offset in the text
/// as written, bytes added there, and the offset of the `{% for` tag an
/// error in the added text is blamed on).
pub type Insertions = Vec<(usize, usize, usize)>;

/// `source` with each loop's items passed through the work filter and each
/// call's result through the byte filter, and where text was added.
pub fn instrument(source: &str, partials: &BTreeMap<String, u64>) -> (String, Insertions) {
    let (_, loops) = steps_of(source, &|p| partials.get(p).copied());
    // (offset, order at one offset, text, blamed offset): a call's charge
    // goes before the `)` closing a loop's items at the same offset.
    let mut added: Vec<(usize, u8, String, usize)> = Vec::new();
    for tag in tags(source) {
        let (calls, concats) = bytes::scan(source, tag.start, tag.end);
        for call in calls {
            added.push((
                call.end,
                0,
                bytes::charge_text(&call, 1 + concats),
                call.start,
            ));
        }
    }
    for (end, body) in loops {
        let tag = &source[..end];
        // `{% for x in ITEMS -%}`: ITEMS runs from after ` in ` to the
        // whitespace control, if any, before `%}`.
        let open = tag.rfind("{%").unwrap_or(0);
        let Some(items) = find_in(tag, open) else {
            continue;
        };
        let close = tag[..end - 2].trim_end_matches(['-', '+', '~']).len();
        added.push((items, 0, "(".into(), open));
        added.push((close, 1, format!(") | {FILTER}(steps={body}) "), open));
    }
    added.sort_by_key(|&(at, order, _, _)| (at, order));
    let extra: usize = added.iter().map(|(_, _, text, _)| text.len()).sum();
    let mut out = String::with_capacity(source.len() + extra);
    let mut insertions = Vec::with_capacity(added.len());
    let mut copied = 0;
    for (at, _, text, blamed) in added {
        out.push_str(&source[copied..at]);
        out.push_str(&text);
        insertions.push((at, text.len(), blamed));
        copied = at;
    }
    out.push_str(&source[copied..]);
    (out, insertions)
}

/// The offset just after the ` in ` of the `for` tag starting at `open`.
pub(super) fn find_in(tag: &str, open: usize) -> Option<usize> {
    let b = tag.as_bytes();
    let mut from = open;
    while let Some(p) = tag[from..].find("in").map(|p| p + from) {
        let before = p.checked_sub(1).map(|i| b[i]);
        let after = b.get(p + 2).copied();
        if before.is_some_and(|c| c.is_ascii_whitespace())
            && after.is_some_and(|c| c.is_ascii_whitespace())
        {
            let items = tag[p + 2..].trim_start();
            return Some(tag.len() - items.len());
        }
        from = p + 2;
    }
    None
}

/// A position Tera gives in `instrumented` (1-based line, 0-based column
/// in characters), moved back to `written`, the text as written. A
/// position inside added text is the loop's `{% for` tag.
pub fn original_position(
    written: &str,
    instrumented: &str,
    insertions: &Insertions,
    (line, column): (usize, usize),
) -> (usize, usize) {
    let line_start: usize = instrumented
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = instrumented.get(line_start..).unwrap_or_default();
    let offset = rest
        .char_indices()
        .nth(column)
        .map_or(instrumented.len(), |(i, _)| line_start + i);
    let mut shift = 0;
    let mut original = None;
    for &(at, len, blamed) in insertions {
        if offset < at + shift {
            break;
        }
        if offset < at + shift + len {
            original = Some(blamed);
            break;
        }
        shift += len;
    }
    let original = original.unwrap_or(offset - shift).min(written.len());
    let before = written.get(..original).unwrap_or(written);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count();
    (line, column)
}

/// A render's count of steps, shared with the work filter, and its scale:
/// a step over values of many kilobytes (`{{ note | length }}`) reads
/// them whole, so each costs one step per [`CHUNK`] of the longest value.
#[derive(Clone, Default)]
pub struct Meter(Arc<(AtomicU64, AtomicU64)>);

impl Meter {
    /// Starts a render that has already taken `steps` (its part outside
    /// loops), with values of at most `value_bytes` bytes.
    pub fn start(&self, steps: u64, value_bytes: usize) {
        let scale = 1 + value_bytes as u64 / CHUNK;
        self.0.1.store(scale, Ordering::Relaxed);
        self.0
            .0
            .store(steps.saturating_mul(scale), Ordering::Relaxed);
    }

    /// Registers the work filter, charging to this meter.
    pub fn register(&self, tera: &mut Tera) {
        self.register_unique(tera);
        let meter = self.clone();
        tera.register_filter(FILTER, move |items: Value, kwargs: Kwargs, _: &State| {
            // Every value is one text, and Tera walks a text by its letters:
            // `(items)`, `items | upper` or `"abc"` would send the customer
            // "- m - u - g". The bare name is refused before rendering
            // (`limits`); whatever makes a text is refused here.
            if items.is_string() {
                return Err(Error::message(
                    "a loop over a text prints it letter by letter: a value is one text, \
                     never a list (to list its parts, split it: `| split(pat=\", \")`)",
                ));
            }
            let steps = kwargs.get::<u64>("steps")?.unwrap_or(1);
            let scale = meter.0.1.load(Ordering::Relaxed).max(1);
            let n = items.len().unwrap_or(1) as u64;
            let charge = n.saturating_mul(steps).saturating_mul(scale);
            let total = meter.add(charge);
            if total > WORK_BUDGET {
                let long = if scale > 1 {
                    format!(" × {scale} for values of {} KiB", scale - 1)
                } else {
                    String::new()
                };
                return Err(Error::message(format!(
                    "this loop would take {total} steps ({n} items × {steps} steps each{long}), \
                     past the limit of {WORK_BUDGET} steps for a reply; rendering stopped"
                )));
            }
            Ok(items)
        });
        let meter = self.clone();
        tera.register_filter(
            bytes::FILTER,
            move |made: Value, kwargs: Kwargs, _: &State| {
                let k = kwargs.get::<u64>("k")?.unwrap_or(1).max(1);
                let name = kwargs.get::<&str>("f")?.unwrap_or("a filter");
                let size = bytes::size(&made);
                let charge = size.saturating_mul(k) / bytes::BYTES_PER_STEP;
                let total = meter.add(charge);
                if total > WORK_BUDGET {
                    let copies = if k > 1 {
                        format!(" (× {k} for the `~` in its tag)")
                    } else {
                        String::new()
                    };
                    return Err(Error::message(format!(
                        "`{name}` made {size} bytes{copies}, taking the reply to {total} steps \
                         (a step per {} bytes made), past the limit of {WORK_BUDGET} steps \
                         for a reply; rendering stopped",
                        bytes::BYTES_PER_STEP
                    )));
                }
                Ok(made)
            },
        );
    }

    /// Registers `unique` in place of Tera's, charging before it runs:
    /// Tera's compares each item with every one kept, so its time grows
    /// with the square of the list, which no charge on what it makes sees
    /// (`range(end=100000) | unique` ran for 30 s). It is charged as its
    /// items times their bytes, a step per [`bytes::BYTES_PER_STEP`].
    fn register_unique(&self, tera: &mut Tera) {
        let meter = self.clone();
        tera.register_filter("unique", move |items: Value, _: Kwargs, _: &State| {
            let Some(list) = items.as_array() else {
                return Err(Error::message(format!(
                    "`unique` needs a list, not {}",
                    items.name()
                )));
            };
            let n = list.len() as u64;
            let charge = n.saturating_mul(bytes::size(&items)) / bytes::BYTES_PER_STEP;
            let total = meter.add(charge);
            if total > WORK_BUDGET {
                return Err(Error::message(format!(
                    "`unique` over {n} items would take the reply to {total} steps (it compares \
                     each item with every other), past the limit of {WORK_BUDGET} steps for a \
                     reply; rendering stopped"
                )));
            }
            let mut kept: Vec<Value> = Vec::new();
            for item in list {
                if !kept.contains(item) {
                    kept.push(item.clone());
                }
            }
            Ok(Value::from(kept))
        });
    }

    /// Adds `steps` to the render's count; the new count.
    fn add(&self, steps: u64) -> u64 {
        self.0
            .0
            .fetch_add(steps, Ordering::Relaxed)
            .saturating_add(steps)
    }
}

/// The templates whose steps outside loops pass the budget, each with
/// whether to report it: only where the excess starts, not every template
/// that includes it (those are left out too, and say nothing).
pub fn over_budget(
    sources: &BTreeMap<String, String>,
    steps: &BTreeMap<&str, u64>,
) -> Vec<(String, bool)> {
    let over = |name: &str| steps.get(name).is_some_and(|&s| s > WORK_BUDGET);
    sources
        .iter()
        .filter(|(name, _)| over(name))
        .map(|(name, source)| {
            let inherited = tags(source)
                .iter()
                .filter_map(|t| included(source, t))
                .any(over);
            (name.clone(), !inherited)
        })
        .collect()
}

/// The error for a template whose part outside loops is already too much.
pub fn too_much(template: &str, steps: u64) -> TemplateError {
    TemplateError {
        template: template.to_string(),
        message: format!(
            "takes {steps} steps to render before any loop, past the limit of {WORK_BUDGET} \
             (partials included many times over, or long chains of `~`?)"
        ),
        position: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::Templates;

    fn compile(sources: &[(&str, &str)]) -> (Templates, Vec<TemplateError>) {
        Templates::compile(sources.iter().map(|(n, s)| (n.to_string(), s.to_string())))
    }

    fn render(t: &Templates, name: &str) -> Result<String, TemplateError> {
        let mut values = BTreeMap::new();
        values.insert("name".to_string(), "Sam".to_string());
        t.render(name, &values)
    }

    /// What the bare name's refusal cannot see, rendering refuses: any
    /// loop whose items turn out to be a text.
    #[test]
    fn a_loop_over_whatever_makes_a_text_is_refused_as_it_renders() {
        for items in [
            "(name)",
            "name | upper",
            "name ~ \"\"",
            "\"abc\"",
            "name | split(pat=\",\") | join(sep=\",\")",
        ] {
            let body = format!("{{% for c in {items} %}}- {{{{ c }}}}{{% endfor %}}");
            let (t, errors) = compile(&[("body", &body)]);
            assert!(errors.is_empty(), "{items}: {errors:?}");
            let e = render(&t, "body").expect_err(&body);
            assert!(
                e.message
                    .contains("a loop over a text prints it letter by letter"),
                "{e:?}"
            );
        }
        let (t, _) = compile(&[(
            "body",
            "{% for w in name | split(pat=\" \") %}{{ w }}.{% endfor %}",
        )]);
        assert_eq!(render(&t, "body").unwrap(), "Sam.");
    }

    #[test]
    fn a_long_loop_over_a_long_body_stops_before_its_first_item() {
        let body = format!(
            "Hi\n{{% for i in range(end=100000) %}}{}{{% endfor %}}",
            "{% if name == 'x' %}{% endif %}".repeat(200)
        );
        let (t, errors) = compile(&[("body", &body)]);
        assert!(errors.is_empty(), "{errors:?}");
        let e = render(&t, "body").unwrap_err();
        assert_eq!(
            e.message,
            "this loop would take 40156255 steps (100000 items × 401 steps each), past the \
             limit of 1000000 steps for a reply; rendering stopped"
        );
        // Blamed on the loop's tag, as written.
        assert_eq!(e.position, Some((2, 0)));
    }

    #[test]
    fn unique_is_charged_before_it_compares_every_item_with_every_other() {
        let (t, errors) = compile(&[
            ("one", "{{ range(end=100000) | unique | length }}"),
            (
                "many",
                "{% for i in range(end=2000) %}{{ range(end=1000) | unique | length }}{% endfor %}",
            ),
            (
                "maps",
                "{{ [{'a': 1}, {'a': 1}, {'a': 2}, 3, 3] | unique | length }}",
            ),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        // Refused by the charge, before the work (30 s with Tera's own).
        let e = render(&t, "one").unwrap_err();
        assert!(
            e.message
                .starts_with("`unique` over 100000 items would take the reply to"),
            "{e:?}"
        );
        assert!(render(&t, "many").is_err());
        // What it keeps is what Tera's kept: maps told apart by their entries.
        assert_eq!(render(&t, "maps").unwrap(), "3");
    }

    #[test]
    fn loops_within_the_budget_keep_their_meaning() {
        let (t, errors) = compile(&[(
            "body",
            "{%- for i in range(end=3) -%}{{ i }}{%- endfor %}|{% for w in name | split(pat=\" \") %}{{ w }}.{% endfor %}\
             |{% for k, v in {'a': 1} %}{{ k }}={{ v }}{% endfor %}|{% for x in [] %}{% else %}none{% endfor %}\
             |{% raw %}{% for x in y %}{% endraw %}",
        )]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            render(&t, "body").unwrap(),
            "012|Sam.|a=1|none|{% for x in y %}"
        );
    }

    #[test]
    fn the_loops_of_one_render_add_up_and_the_next_render_starts_afresh() {
        let body =
            "{% for i in range(end=60000) %}{% if i < 0 %}{% endif %}{% endfor %}".repeat(10);
        let (t, _) = compile(&[("body", &body), ("small", "{{ name }}")]);
        let e = render(&t, "body").expect_err("ten loops of 60,000");
        assert!(
            e.message
                .starts_with("this loop would take 1068800 steps (60000 items × 3 steps each)"),
            "{e:?}"
        );
        assert_eq!(render(&t, "small").unwrap(), "Sam");
    }

    #[test]
    fn partials_included_many_times_over_are_refused_where_it_starts() {
        let p2 = "{% include 'leaf' %}".repeat(1000);
        let p1 = "{% include 'p2' %}".repeat(1000);
        let (t, errors) = compile(&[
            ("leaf", "x"),
            ("p2", &p2),
            ("p1", &p1),
            ("body", "{% include 'p1' %}"),
            ("fine", "{% include 'p2' %}"),
        ]);
        let got: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.template.as_str(), e.message.as_str()))
            .collect();
        // What includes it is told which include, as for any broken partial.
        assert_eq!(
            got,
            [
                ("body", "includes partial `p1`, which has errors"),
                (
                    "p1",
                    "takes 1001000 steps to render before any loop, past the limit of 1000000 \
                     (partials included many times over, or long chains of `~`?)"
                )
            ]
        );
        assert!(!t.contains("body"));
        assert_eq!(render(&t, "fine").unwrap().len(), 1000);
    }

    #[test]
    fn a_long_literal_or_a_long_value_read_at_every_item_costs_its_length() {
        let literal = "a".repeat(100 * 1024);
        let body = format!(
            "{{% for i in range(end=10000) %}}{{% if '{literal}' | length < 0 %}}{{% endif %}}{{% endfor %}}"
        );
        let (t, errors) = compile(&[("body", &body)]);
        assert!(errors.is_empty(), "{errors:?}");
        let e = render(&t, "body").unwrap_err();
        assert!(e.message.contains("10000 items × 107 steps each)"), "{e:?}");
        let each =
            "{% for i in range(end=10000) %}{% if note | length < 0 %}{% endif %}{% endfor %}";
        let (t, _) = compile(&[("body", each)]);
        let mut values = BTreeMap::new();
        values.insert("note".to_string(), "a".repeat(50 * 1024));
        let e = t.render("body", &values).unwrap_err();
        assert!(
            e.message
                .contains("10000 items × 7 steps each × 51 for values of 50 KiB)"),
            "{e:?}"
        );
        values.insert("note".to_string(), "short".into());
        assert_eq!(t.render("body", &values).unwrap(), "");
    }

    fn render_with(t: &Templates, name: &str) -> Result<String, TemplateError> {
        let mut values = BTreeMap::new();
        values.insert("name".to_string(), name.to_string());
        t.render("body", &values)
    }

    #[test]
    fn what_filters_make_is_charged_as_it_is_made_whatever_the_cap_on_each() {
        // Each `replace` stays far under its 1 MiB cap; their sum at every
        // item does not.
        let body = format!(
            "{{% for i in range(end=1000) %}}{{% if name {}== 'x' %}}{{% endif %}}{{% endfor %}}",
            "| replace(from='a', to='aa') ".repeat(10)
        );
        let (t, errors) = compile(&[("body", &body)]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(render_with(&t, "a").unwrap(), "");
        let e = render_with(&t, &"a".repeat(64)).unwrap_err();
        assert_eq!(
            e.message,
            "`replace` made 65536 bytes, taking the reply to 1001095 steps (a step per 16 bytes \
             made), past the limit of 1000000 steps for a reply; rendering stopped"
        );
        // Located at the tenth `replace`, the one that passed the limit.
        assert_eq!(e.position, Some((1, 41 + 28 * 9 + "| replace".len())));
    }

    #[test]
    fn a_filter_in_a_chain_of_concatenations_is_charged_once_per_copy() {
        let operand = "name | replace(from='a', to='aaaaaaaaaa')";
        let body = format!(
            "{{% if {} ~ 'x' == 'y' %}}{{% endif %}}",
            [operand; 4].join(" ~ ")
        );
        let (t, errors) = compile(&[("body", &body)]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(render_with(&t, "abc").unwrap(), "");
        let e = render_with(&t, &"a".repeat(100_000)).unwrap_err();
        assert!(
            e.message
                .starts_with("`replace` made 1000000 bytes (× 5 for the `~` in its tag), taking"),
            "{e:?}"
        );
    }

    #[test]
    fn each_concatenation_costs_the_values_and_literals_it_copies() {
        let steps = |body: &str| {
            let sources = BTreeMap::from([("b".to_string(), body.to_string())]);
            static_steps(&sources)["b"]
        };
        // One step for the tag, and 2 × 64 for copying two values of up to
        // a KiB (the scale charges longer values) 16 bytes a step.
        assert_eq!(steps("{{ name }}"), 1);
        assert_eq!(steps("{{ name ~ name }}"), 1 + 2 * 64 + 1);
        assert_eq!(steps("{{ a ~ b ~ c }}"), 1 + 2 * (3 * 64));
        // A filter or `range` call is four steps; the bytes it makes are
        // charged when it runs.
        assert_eq!(steps("{{ name | upper | lower }}"), 1 + 2 * 4);
        let literal = "x".repeat(1600);
        assert_eq!(
            steps(&format!("{{{{ name ~ '{literal}' }}}}")),
            2 + 2 * 64 + 100
        );
    }

    #[test]
    fn a_partial_in_a_loop_costs_its_steps_at_every_item() {
        let partial = "{{ name }}".repeat(20);
        let (t, _) = compile(&[
            ("p", &partial),
            (
                "body",
                "{% for i in range(end=50000) %}{% include 'p' %}{% endfor %}",
            ),
        ]);
        let e = render(&t, "body").unwrap_err();
        assert!(e.message.contains("50000 items × 22 steps each"), "{e:?}");
    }

    #[test]
    fn errors_after_a_loop_on_its_line_keep_their_column() {
        let (t, _) = compile(&[(
            "body",
            "{% for i in range(end=2) %}{{ i }}{% endfor %} {{ nope }}",
        )]);
        let e = render(&t, "body").unwrap_err();
        assert_eq!(e.position, Some((1, 50)), "{e:?}");
        let (_, errors) = compile(&[(
            "bad",
            "{% for i in range(end=2) %}{{ i }}{% endfor %} {{ 1 + }}",
        )]);
        assert_eq!(errors[0].position.map(|p| p.0), Some(1), "{errors:?}");
        assert!(errors[0].position.is_some_and(|p| p.1 >= 47), "{errors:?}");
    }

    #[test]
    fn positions_move_back_past_what_was_added() {
        let written = "ab\n{% for x in y %}z{{ q }}{% endfor %}";
        let (given, ins) = instrument(written, &BTreeMap::new());
        assert_eq!(
            given,
            "ab\n{% for x in (y ) | __work(steps=2) %}z{{ q }}{% endfor %}"
        );
        let col = |s: &str, pat: &str| s.lines().nth(1).unwrap().find(pat).unwrap();
        let q = (2, col(&given, "q"));
        assert_eq!(
            original_position(written, &given, &ins, q),
            (2, col(written, "q"))
        );
        let w = (2, col(&given, "__work"));
        assert_eq!(original_position(written, &given, &ins, w), (2, 0));
        assert_eq!(original_position(written, &given, &ins, (1, 1)), (1, 1));
    }
}
