//! Filling a response in, shared by `use` and the picker: the language to
//! answer in, the templates the reply needs (its body and the partials it
//! includes, nothing more), the values known and missing, and the finished
//! text, refused while the reply's own text looks unfilled.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::domain::library::Library;
use crate::domain::model::{CustomerType, Lang, Response};
use crate::domain::template::{
    MAX_INCLUDE_DEPTH, OUTPUT_CAP, Templates, blank_for_marks, includes,
};
use crate::domain::text::{MarkKind, marks};
use crate::domain::values::{Values, same_path_or_nested};

/// Why a response could not be filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FillError {
    /// The body or a partial it includes does not compile.
    Template { id: String, message: String },
    /// Rendering failed (a limit was passed, a filter failed); `values`
    /// names the variables whose given values did it, when the reply
    /// renders with their examples instead.
    Render {
        id: String,
        message: String,
        values: Vec<String>,
    },
    /// The reply's own text still holds a placeholder.
    /// Every placeholder found, each once, in the order of the text.
    Unfilled { id: String, found: Vec<String> },
    /// Values that fail their variable's pattern: each name, and what is
    /// said of it.
    Patterns(Vec<(String, String)>),
    /// The reply prints `name` as one value, but it is a group of values.
    Group { name: String, members: Vec<String> },
    /// A value the reply prints is longer than a whole reply may be.
    TooLong { name: String, bytes: usize },
}

impl std::fmt::Display for FillError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FillError::Template { id, message } => {
                write!(f, "`{id}` cannot be used: template error: {message}")
            }
            FillError::Render {
                id,
                message,
                values,
            } if values.is_empty() => write!(f, "`{id}` does not render: {message}"),
            FillError::Render {
                id,
                message,
                values,
            } => {
                let names: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                let s = if values.len() == 1 { "" } else { "s" };
                write!(
                    f,
                    "`{id}` does not render with the value{s} given for {}: {message}",
                    names.join(", ")
                )
            }
            FillError::Unfilled { id, found } => {
                write!(
                    f,
                    "the text of `{id}` still contains `{}`: not copied",
                    found.join("`, `")
                )
            }
            FillError::Patterns(refused) => {
                let lines: Vec<&str> = refused.iter().map(|(_, line)| line.as_str()).collect();
                f.write_str(&lines.join("\n"))
            }
            FillError::Group { name, members } => write!(
                f,
                "`{name}` is a group of values ({}), but the reply prints it as one value",
                members.join(", ")
            ),
            FillError::TooLong { name, bytes } => write!(
                f,
                "the value for `{name}` is {bytes} bytes: with the reply around it, more than a whole reply may be ({OUTPUT_CAP})"
            ),
        }
    }
}

/// The language to answer in: the first of `preferred` the response has,
/// else the same language of another region (`fr` for `fr-CA`, or the
/// other way round: a region is no other language, as `suggest` reads
/// it), else its own language. The second value is the language wanted
/// first when the response lacks it, for a notice.
pub fn pick_language(r: &Response, preferred: &[Option<Lang>]) -> (Lang, Option<Lang>) {
    let wanted = preferred.iter().flatten().next();
    match wanted {
        Some(l) if r.text_in(l).is_some() => (l.clone(), None),
        Some(l) => {
            let same = r
                .languages()
                .find(|have| Lang::same_language(have.as_str(), l.as_str()));
            match same {
                Some(have) => (have.clone(), None),
                None => (r.lang.clone(), Some(l.clone())),
            }
        }
        None => (r.lang.clone(), None),
    }
}

/// A response about to be filled in: its compiled template, what it needs,
/// and the values known so far.
pub struct Draft<'a> {
    pub response: &'a Response,
    pub lang: Lang,
    templates: Templates,
    name: String,
    /// The variables the reply needs, in the order they first appear.
    pub needed: Vec<String>,
    pub values: Values,
    /// Variables whose value is the manifest's default: library text, which
    /// the unfilled check reads like the body.
    defaults: Vec<(String, String)>,
    /// The body and its partials with template syntax blanked: the reply's
    /// own text, where a placeholder left in blocks the copy.
    literal: Vec<String>,
    /// Each variable's example, else its default: what `check` renders
    /// with, so a render that fails with the agent's value but not with
    /// these tells whose fault it is.
    examples: BTreeMap<String, String>,
}

impl<'a> Draft<'a> {
    /// Compiles the response in `lang` with the partials it includes and
    /// gathers values, later winning: declared defaults, the built-in `lang`,
    /// then `known` (the caller's built-ins, the chat's memory, `--vars`,
    /// `--var`, in that order).
    pub fn new(
        lib: &Library,
        response: &'a Response,
        lang: Lang,
        known: &Values,
    ) -> Result<Draft<'a>, FillError> {
        let text = response.text_in(&lang).unwrap_or(&response.text);
        let name = response.template_name(&lang);
        let failed = |message: String| FillError::Template {
            id: response.id.to_string(),
            message,
        };
        let partials = needed_partials(lib, &text.body).map_err(failed)?;
        let mut literal = vec![blank_for_marks(&text.body)];
        literal.extend(partials.iter().map(|(_, body)| blank_for_marks(body)));
        let (templates, errors) = Templates::compile(
            partials
                .into_iter()
                .chain(std::iter::once((name.clone(), text.body.clone()))),
        );
        // The cause first: a partial's own error, not "includes a partial
        // that has errors" said of each template above it.
        let cause = (errors.iter())
            .find(|e| !e.is_through_a_partial())
            .or(errors.first());
        if let Some(e) = cause {
            let message = if e.template == name {
                e.to_string()
            } else {
                format!("in partial `{}`: {e}", e.template)
            };
            return Err(failed(message));
        }
        let needed = templates.variables(&name);
        let mut values = Values::default();
        let mut defaults = Vec::new();
        let mut examples = BTreeMap::new();
        for v in &needed {
            let Some(spec) = lib.manifest.variables.get(v) else {
                continue;
            };
            if let Some(d) = spec.default.as_deref() {
                values.set(v.clone(), d);
                defaults.push((v.clone(), d.to_string()));
            }
            if let Some(e) = spec.example.as_deref().or(spec.default.as_deref()) {
                examples.insert(v.clone(), e.to_string());
            }
        }
        // The customer type is a built-in: unknown, it is `any`, unless the
        // library declares a default of its own.
        if !values.has("customer_type") {
            values.set("customer_type", CustomerType::ANY);
        }
        values.extend(known);
        // The language is the one the reply is written in: no value says
        // otherwise (`--var lang=fr` chooses the French text instead).
        values.set("lang", lang.as_str());
        Ok(Draft {
            response,
            lang,
            templates,
            name,
            needed,
            values,
            defaults,
            literal,
            examples,
        })
    }

    pub fn title(&self) -> &str {
        &self
            .response
            .text_in(&self.lang)
            .unwrap_or(&self.response.text)
            .title
    }

    /// The response's notes for the agent in this language (the main
    /// text's when the translation has none of its own): shown before
    /// anything is copied, never sent.
    pub fn notes(&self) -> Option<&str> {
        self.response.notes_in(&self.lang)
    }

    /// Needed variables without a value, in the order they first appear,
    /// that this rendering reads: one a condition names (`{% if order %}`
    /// reads a missing value as false, and would take the other branch
    /// silently), one without which the text cannot be made, and one this
    /// text prints (tried absent and given). Not one that only a branch
    /// these values do not take prints (`return_label_url` in the VIP
    /// paragraph, for a standard customer), nor one the template gives a
    /// fallback itself (`| default(…)`, `is defined`).
    ///
    /// A value asked can make another read (`carrier` set to `DHL` reads
    /// `flag`): those are asked too, found with each asked value set to
    /// its declared example, so every one is named at once.
    pub fn missing(&self) -> Vec<String> {
        let mut values = self.values.clone();
        let mut all: Vec<String> = Vec::new();
        for _ in 0..4 {
            let round = self.missing_with(&values);
            if round.is_empty() {
                break;
            }
            for v in round {
                let example = self.examples.get(&v).map_or("x", String::as_str);
                values.set(v.clone(), example);
                all.push(v);
            }
        }
        // In the order the text uses them.
        self.needed
            .iter()
            .filter(|v| all.contains(v))
            .cloned()
            .collect()
    }

    /// Of `open`, the values still to be given, those only a branch the
    /// other values do not take prints (`return_label_url` in the VIP
    /// paragraph, for a business customer): the text is the same
    /// whatever they hold. None while a value a condition names is open
    /// itself: any branch may still be taken.
    pub fn untaken(&self, open: &[&String]) -> Vec<String> {
        let reading = self.templates.reading(&self.name);
        let tested = |v: &str| reading.tested.iter().any(|p| same_path_or_nested(p, v));
        if open.iter().any(|v| tested(v)) {
            return Vec::new();
        }
        let render = |v: &String, value: &str| {
            let mut values = self.values.clone();
            for other in open.iter().filter(|o| *o != &v) {
                values.set((*other).clone(), "x");
            }
            values.set(v.clone(), value);
            self.templates.render(&self.name, values.as_map()).ok()
        };
        open.iter()
            .filter(|v| render(v, "x").is_some_and(|x| render(v, "y") == Some(x)))
            .map(|v| (*v).clone())
            .collect()
    }

    /// The values [`Draft::missing`] names first: those these values read.
    /// (The prompt asks them, then asks again for what the answers read.)
    pub fn missing_now(&self) -> Vec<String> {
        self.missing_with(&self.values)
    }

    fn missing_with(&self, known: &Values) -> Vec<String> {
        // A declared `default = ""` is the library saying nothing is fine
        // (an optional postscript): never asked, though empty is otherwise
        // no value.
        let defaulted = |v: &String| self.defaults.iter().any(|(d, _)| d == v);
        // A group given (`order.id`) is there for a test of it (`{% if
        // order %}`); printed whole, `check_patterns` refuses it.
        let absent: Vec<&String> = (self.needed.iter())
            .filter(|v| !known.has(v) && known.group(v).is_empty() && !defaulted(v))
            .collect();
        if absent.is_empty() {
            return Vec::new();
        }
        let reading = self.templates.reading(&self.name);
        let among = |set: &BTreeSet<String>, v: &str| set.iter().any(|p| same_path_or_nested(p, v));
        let asked: Vec<&String> = (absent.iter().copied())
            .filter(|v| !among(&reading.optional, v))
            .collect();
        // The text with `v` absent or given, the other values asked given.
        let render = |v: &String, given: bool| {
            let mut values = known.clone();
            for other in asked.iter().filter(|o| *o != &v) {
                values.set((*other).clone(), "x");
            }
            if given {
                values.set(v.clone(), "x");
            }
            self.templates.render(&self.name, values.as_map()).ok()
        };
        // A value a condition names is asked wherever the condition is: two
        // missing values compared together (`carrier == "DHL" and plan ==
        // "Pro"`) turn it only together, which no trial of one alone sees.
        // A value only printed is asked when this text prints it.
        let needed: Vec<String> = asked
            .iter()
            .filter(|v| {
                among(&reading.tested, v)
                    || render(v, false).is_none_or(|without| render(v, true) != Some(without))
            })
            .map(|v| (*v).clone())
            .collect();
        // What is left out must let the text be made (`default(value=x)`
        // with `x` missing too): else every value is asked, as before.
        let mut values = known.clone();
        for v in asked.iter().filter(|v| needed.contains(v)) {
            values.set((*v).clone(), "x");
        }
        if self.templates.render(&self.name, values.as_map()).is_err() {
            return asked.into_iter().cloned().collect();
        }
        needed
    }

    /// Whether the reply reads `name` in any way (asked for, under a
    /// fallback, in a condition), a value of its group, or the group it is
    /// in: what a value given for it would change.
    pub fn reads(&self, name: &str) -> bool {
        let reading = self.templates.reading(&self.name);
        let related = |v: &String| {
            v == name || v.starts_with(&format!("{name}.")) || name.starts_with(&format!("{v}."))
        };
        (self.needed.iter())
            .chain(&reading.printed)
            .chain(&reading.optional)
            .chain(&reading.tested)
            .any(related)
    }

    /// Refuses values that fail their declared pattern, showing both, and a
    /// group of values where the reply prints one (it would print them all,
    /// internal notes included).
    pub fn check_patterns(&self, lib: &Library) -> Result<(), FillError> {
        // Only where it is printed: `{% if order %}` or `order is defined`
        // over `{{ order.id }}` tests the group, and is what it is for.
        // Printed under a fallback too (`order | default(value="…")`),
        // which is not asked for: given a group, it prints it whole.
        let printed = self.templates.reading(&self.name).printed;
        if let Some((name, members)) = printed
            .iter()
            .filter(|v| !self.values.has(v))
            .map(|v| (v, self.values.group(v)))
            .find(|(_, members)| !members.is_empty())
        {
            return Err(FillError::Group {
                name: name.clone(),
                members: members.into_iter().map(str::to_string).collect(),
            });
        }
        let refused: Vec<(String, String)> = self
            .needed
            .iter()
            .filter_map(|name| {
                let value = self.values.get(name)?;
                // The built-in `customer_type` is one of the library's types,
                // as for a chat: a typo would pick another branch silently.
                if name == "customer_type" {
                    let known = lib.manifest.customer_types.as_deref();
                    return crate::domain::rules::chat_customer(value, known)
                        .err()
                        .map(|r| (name.clone(), format!("customer_type={value}: {r}")));
                }
                let pattern = lib.manifest.variables.get(name)?.pattern.as_ref()?;
                (!pattern.matches(value)).then(|| {
                    let line = format!(
                        "value \"{}\" for `{name}` does not match its pattern {}",
                        crate::domain::text::one_line(value),
                        pattern.source
                    );
                    (name.clone(), line)
                })
            })
            .collect();
        if refused.is_empty() {
            Ok(())
        } else {
            Err(FillError::Patterns(refused))
        }
    }

    /// The text with what is known so far, each missing value shown as `mark(name)`.
    pub fn preview(&self, mark: impl Fn(&str) -> String) -> Result<String, String> {
        let mut values = self.values.clone();
        for v in self.missing() {
            let m = mark(&v);
            values.set(v, &m);
        }
        self.templates
            .render(&self.name, values.as_map())
            .map_err(|e| e.to_string())
    }

    /// The finished text. Refused when the reply's own text (body, partials,
    /// and defaults still in effect) holds a placeholder: what customers and
    /// agents typed is never scanned, so a value cannot hide one, nor be
    /// refused for looking like one.
    pub fn render(&self) -> Result<String, FillError> {
        let library_text = self.literal.iter().map(String::as_str).chain(
            self.defaults
                .iter()
                .filter(|(name, d)| self.values.get(name) == Some(d.as_str()))
                .map(|(_, d)| d.as_str()),
        );
        let found = unfilled(library_text, |_| true);
        if !found.is_empty() {
            return Err(FillError::Unfilled {
                id: self.response.id.to_string(),
                found,
            });
        }
        // A whole file passed as a value would pass the reply's cap anyway;
        // said of the template, the error would send the agent to `check`,
        // which finds nothing wrong.
        if let Some((name, value)) = self
            .values
            .as_map()
            .iter()
            .find(|(name, value)| value.len() > OUTPUT_CAP && self.needed.contains(name))
        {
            return Err(FillError::TooLong {
                name: name.clone(),
                bytes: value.len(),
            });
        }
        let text = self
            .templates
            .render(&self.name, self.values.as_map())
            .map_err(|e| {
                // A value of half a reply's cap or more (a file's contents)
                // is what broke the render, not the template: said so.
                let longest = self
                    .values
                    .as_map()
                    .iter()
                    .filter(|(name, _)| self.needed.contains(name))
                    .max_by_key(|(_, value)| value.len())
                    .filter(|(_, value)| value.len() >= OUTPUT_CAP / 2);
                match longest {
                    Some((name, value)) => FillError::TooLong {
                        name: name.clone(),
                        bytes: value.len(),
                    },
                    // A group given where the reply reads one value
                    // (`items | split(…)` in a loop): said as a group,
                    // as where it prints one.
                    None if let Some((name, members)) = self.group_read_as_one() => {
                        FillError::Group {
                            name,
                            members: members.into_iter().map(str::to_string).collect(),
                        }
                    }
                    None => FillError::Render {
                        id: self.response.id.to_string(),
                        message: e.to_string(),
                        values: self.failing_values(),
                    },
                }
            })?;
        // What the template itself writes, not only its text, is the
        // library's: `{% raw %}{{ name }}{% endraw %}`, `{{ "[Name]" }}`. A
        // placeholder in the finished text that no value holds came from it.
        let found = written_placeholders(&text, self.values.as_map(), |m| {
            self.templates
                .strings_written()
                .iter()
                .any(|s| s.contains(m))
        });
        // Brackets a value that printed nothing left empty: `ref [{{
        // order | default(value="") }}]` is `ref []` for the customer.
        let mut found = found;
        for hole in emptied_brackets(&self.templates, &self.name, self.values.as_map(), &text) {
            if !found.contains(&hole.debris) {
                found.push(hole.debris);
            }
        }
        if !found.is_empty() {
            return Err(FillError::Unfilled {
                id: self.response.id.to_string(),
                found,
            });
        }
        Ok(text)
    }
}

impl Draft<'_> {
    /// The variables whose given values make the render fail: the first
    /// whose example, put in its place, lets the reply render, else all of
    /// them when their examples together do. None when the template fails
    /// whatever the values (a fault `check` finds), and never a declared
    /// default left as it is: that is the library's.
    /// The group of values (`items.0.name`, …) whose example, put in its
    /// place, lets the reply render: the reply reads it as one value.
    fn group_read_as_one(&self) -> Option<(String, Vec<&str>)> {
        self.needed.iter().find_map(|name| {
            let members = self.values.group(name);
            let example = self.examples.get(name)?;
            if members.is_empty() || self.values.get(name).is_some() {
                return None;
            }
            let mut values = self.values.as_map().clone();
            values.retain(|k, _| !members.contains(&k.as_str()));
            values.insert(name.clone(), example.clone());
            self.templates
                .render(&self.name, &values)
                .is_ok()
                .then(|| (name.clone(), members))
        })
    }

    fn failing_values(&self) -> Vec<String> {
        let given: Vec<(&String, &String)> = self
            .needed
            .iter()
            .filter_map(|name| {
                let example = self.examples.get(name)?;
                let value = self.values.get(name)?;
                let default = self.defaults.iter().any(|(d, v)| d == name && v == value);
                (value != example && !default).then_some((name, example))
            })
            .collect();
        let renders = |swap: &[(&String, &String)]| {
            let mut values = self.values.as_map().clone();
            for (name, example) in swap {
                values.insert((*name).clone(), (*example).clone());
            }
            self.templates.render(&self.name, &values).is_ok()
        };
        if let Some(&(name, _)) = given.iter().find(|one| renders(std::slice::from_ref(one))) {
            return vec![name.clone()];
        }
        if given.len() > 1 && renders(&given) {
            return given.iter().map(|(name, _)| (*name).clone()).collect();
        }
        Vec::new()
    }
}

/// The placeholders (`[Name]`, `{{`, `TODO`) of `texts` that `keep`
/// keeps, each once, in the order of the texts: all of them, so that one
/// run names every one to fix. A `}}` or `%}` whose `{{` or `{%` is there
/// too is the same placeholder, named once.
fn unfilled<'t>(
    texts: impl IntoIterator<Item = &'t str>,
    keep: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for text in texts {
        for m in marks(text) {
            if m.kind == MarkKind::Unfilled && !found.contains(&m.text) && keep(&m.text) {
                found.push(m.text);
            }
        }
    }
    let has = |mark: &str| found.iter().any(|f| f == mark);
    let (opened, stated) = (has("{{"), has("{%"));
    found.retain(|f| !(opened && f == "}}" || stated && f == "%}"));
    found
}

/// The placeholders in a template's finished `text` that the template
/// wrote itself (see [`unfilled`]). One its own strings hold (`written`:
/// `{{ "[Name]" }}`, `{{ "TODO" }}`, see
/// [`crate::domain::template::strings_written`]) is the template's whatever
/// the values say; any other is a value's when a value holds it, in any
/// case: a filter changes case (`{{ name | upper }}` with the customer's
/// name `Todo` writes `TODO`, `[name]` writes `[NAME]`).
pub fn written_placeholders(
    text: &str,
    values: &BTreeMap<String, String>,
    written: impl Fn(&str) -> bool,
) -> Vec<String> {
    let from_a_value = |m: &str| {
        // `${{ amount }}` with the value `{price}` shows `${price}`: the
        // value's, though the template wrote the `$`.
        let own = m.strip_prefix('$').unwrap_or(m);
        let folded = own.to_lowercase();
        // `[{{ name }}]`, `[ref {{ order }}]` or `<{{ size }}>` with Sarah,
        // 55 and M shows `[Sarah]`, `[ref 55]` and `<M>`: brackets the
        // template put around a value, filled. A value of one letter
        // counts as a whole word only (`a` is in every `[Name]`).
        let mut inside = own.chars();
        inside.next();
        inside.next_back();
        let inside = inside.as_str().to_lowercase();
        let filled = |v: &str| {
            let v = v.trim().to_lowercase();
            !v.is_empty()
                && ((v.chars().count() >= 2 && inside.contains(&v))
                    || inside.split(|c: char| !c.is_alphanumeric()).any(|w| w == v))
        };
        !written(own)
            && values
                .values()
                .any(|v| v.contains(own) || v.to_lowercase().contains(&folded) || filled(v))
    };
    unfilled([text], |m| !from_a_value(m))
}

/// Brackets in the finished `text` (rendered from `name` with `values`)
/// that hold a value which printed nothing there, with what the customer
/// reads and the variable's name: `[{{ ref | default(value="") }}]` is
/// `[]`, `(order #{{ ref }})` is `(order #)`. Found by rendering again
/// with each such variable, one at a time, as a mark: brackets the reply
/// writes itself (a JSON `[]`, `f()` in a loop) hold none, and a value
/// glued after a word (`FAQ{{ suffix }}`) is a suffix, not a hole. One that
/// a condition reads, or whose fallback prints words, renders otherwise
/// than the text, and is passed rather than guessed at.
pub fn emptied_brackets(
    templates: &Templates,
    name: &str,
    values: &BTreeMap<String, String>,
    text: &str,
) -> Vec<Emptied> {
    let reading = templates.reading(name);
    // Those with no value, and those whose value the text does not show
    // as given: a filter may have made nothing of it (`{{ ref |
    // replace(from="R1", to="") }}`), or only changed it, which the probe
    // tells apart.
    let silent: BTreeSet<&String> = (reading.printed.iter())
        .chain(&reading.optional)
        .filter(|v| {
            values
                .get(*v)
                .is_none_or(|x| x.trim().is_empty() || !text.contains(x.trim()))
        })
        .collect();
    // A private-use character: no reply holds one.
    const MARK: char = '\u{F0000}';
    let shown = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace() && *c != MARK)
            .collect()
    };
    let plain = shown(text);
    let mut found: Vec<Emptied> = Vec::new();
    // One at a time: a variable whose fallback prints something, or that
    // a condition reads, renders otherwise than the text, and is passed.
    for variable in silent {
        let mut probing = values.clone();
        probing.insert(variable.clone(), MARK.to_string());
        let Ok(probe) = templates.render(name, &probing) else {
            continue;
        };
        if shown(&probe) != plain {
            continue;
        }
        for (debris, opening) in holes_in_brackets(&probe, MARK) {
            if !found
                .iter()
                .any(|e| e.debris == debris && e.variable == *variable)
            {
                found.push(Emptied {
                    debris,
                    variable: variable.clone(),
                    opening,
                });
            }
        }
    }
    found
}

/// Brackets a value left empty.
pub struct Emptied {
    /// What the customer reads: `(order #)`.
    pub debris: String,
    /// The value's name.
    pub variable: String,
    /// The text from the bracket to the value, `(order #`: where the
    /// template reads it inside them is found by it.
    pub opening: String,
}

/// The brackets of `probe` around a `mark` that does not end a word (after
/// it a space, a bracket, a label's sign such as `#`, `:`, `n°`), as the
/// customer reads them without it.
fn holes_in_brackets(probe: &str, mark: char) -> Vec<(String, String)> {
    // Not `'` nor `»«`, `›‹`: an apostrophe, or French quotes closing
    // one quotation and opening the next, would be taken for a pair.
    // Polish and German open low and close high, either way (`„…”`,
    // `„…“`, `‚…‘`).
    const PAIRS: [(char, &[char]); 20] = [
        ('[', &[']']),
        ('(', &[')']),
        ('{', &['}']),
        ('<', &['>']),
        ('［', &['］']),
        ('（', &['）']),
        ('【', &['】']),
        ('«', &['»']),
        ('‹', &['›']),
        ('“', &['”']),
        ('„', &['“', '”']),
        ('‘', &['’']),
        ('‚', &['‘', '’']),
        ('"', &['"']),
        ('「', &['」']),
        ('『', &['』']),
        ('《', &['》']),
        ('〈', &['〉']),
        ('〔', &['〕']),
        ('⟨', &['⟩']),
    ];
    let chars: Vec<char> = probe.chars().collect();
    // An accent written as a mark after its letter is of the word.
    let apart = |c: Option<&char>| {
        c.is_none_or(|c| !c.is_alphanumeric() && !('\u{300}'..='\u{36F}').contains(c))
    };
    let mut out = Vec::new();
    for at in (0..chars.len()).filter(|&i| chars[i] == mark) {
        // Glued after a word, a value is a suffix (`FAQ{{ s }}`), and the
        // word stands without it; glued before one it is a number and its
        // unit (`({{ weight }}kg)`), and the unit alone is debris.
        if !apart(chars[..at].last()) {
            continue;
        }
        // The nearest bracket open around it, within a line or two.
        let inside = |from: usize, to: usize, q: char| {
            !chars[from..to].contains(&q)
                && chars[from..to].iter().filter(|&&x| x == '\n').count() < 2
        };
        let line = |i: usize| {
            let start = chars[..i]
                .iter()
                .rposition(|&c| c == '\n')
                .map_or(0, |n| n + 1);
            &chars[start..i]
        };
        // A `"` opens when an even number precede it on its line; `‘`
        // closes a German `‚…‘`, and `«` a German `»…«` (as `‹` does
        // `›…‹`) when the nearest of the two before it is `»` and it is
        // glued to the word it closes: French opens `« … »` after a space.
        let spaced = |i: usize| i == 0 || chars[i - 1].is_whitespace();
        let last_of =
            |i: usize, a: char, b: char| line(i).iter().rev().find(|&&c| c == a || c == b).copied();
        let opens = |i: usize| match chars[i] {
            '"' => line(i).iter().filter(|&&c| c == '"').count() % 2 == 0,
            '‘' => !line(i).contains(&'‚'),
            '«' => last_of(i, '«', '»') != Some('»') || spaced(i),
            '‹' => last_of(i, '‹', '›') != Some('›') || spaced(i),
            _ => true,
        };
        let opened = (at.saturating_sub(80)..at).rev().find_map(|i| {
            let (_, q) = PAIRS.iter().find(|(p, _)| *p == chars[i])?;
            (opens(i) && q.iter().all(|&q| inside(i + 1, at, q))).then_some((i, *q))
        });
        let Some((open, q)) = opened else { continue };
        let Some(close) = (at + 1..chars.len().min(at + 80)).find(|&i| q.contains(&chars[i]))
        else {
            continue;
        };
        let debris: String = chars[open..=close].iter().filter(|&&c| c != mark).collect();
        let opening: String = chars[open..at].iter().filter(|&&c| c != mark).collect();
        out.push((crate::domain::text::one_line(&debris), opening));
    }
    out
}

/// The partials `body` includes, directly or through other partials, with
/// their text; an include chain deeper than [`MAX_INCLUDE_DEPTH`] is an
/// error. Unknown names are left to the compiler, which locates them.
pub fn needed_partials(lib: &Library, body: &str) -> Result<Vec<(String, String)>, String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut queue: VecDeque<(String, usize)> =
        includes(body).into_iter().map(|(n, _)| (n, 1)).collect();
    while let Some((name, depth)) = queue.pop_front() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if depth > MAX_INCLUDE_DEPTH {
            return Err(format!(
                "partials include each other more than {MAX_INCLUDE_DEPTH} levels deep (at `{name}`)"
            ));
        }
        if let Some(p) = lib.manifest.partials.get(&name) {
            queue.extend(includes(&p.body).into_iter().map(|(n, _)| (n, depth + 1)));
            out.push((name, p.body.clone()));
        } else if lib.manifest.refused_partials.contains(&name) {
            // Declared, but refused (a hidden character): not unknown.
            return Err(format!("includes partial `{name}`, which has errors"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library(manifest: &str, responses: &str) -> Library {
        Library::of_texts(Some(manifest), responses)
    }

    const MANIFEST: &str = "[variables.name]\ndescription = \"n\"\n[partials]\nsig = \"— {{ agent }}\"\nunused = \"{% include 'nope' %}\"\n";

    fn response(body: &str) -> String {
        format!("[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = '''{body}'''\n")
    }

    fn render(lib: &Library, known: &[(&str, &str)]) -> Result<String, FillError> {
        let r = lib.get("a").expect("response a");
        let mut values = Values::default();
        for (k, v) in known {
            values.set(*k, v);
        }
        Draft::new(lib, r, r.lang.clone(), &values)?.render()
    }

    #[test]
    fn a_value_only_an_untaken_branch_prints_is_untaken_once_the_branch_is_decided() {
        let lib = library(
            "[library]\ncustomer_types = [\"vip\", \"business\"]\n",
            &response(
                "Hi {{ name }}. {% if customer_type == 'vip' %}Label: {{ label }}{% else %}Sorry.{% endif %}",
            ),
        );
        let r = lib.get("a").expect("response a");
        let untaken = |known: &[(&str, &str)], open: &[&str]| {
            let mut values = Values::default();
            for (k, v) in known {
                values.set(*k, v);
            }
            let open: Vec<String> = open.iter().map(|s| s.to_string()).collect();
            let open: Vec<&String> = open.iter().collect();
            Draft::new(&lib, r, r.lang.clone(), &values)
                .expect("draft")
                .untaken(&open)
        };
        assert_eq!(
            untaken(&[("customer_type", "business")], &["name", "label"]),
            ["label"]
        );
        assert!(untaken(&[("customer_type", "vip")], &["name", "label"]).is_empty());
        // The type still to be given: either paragraph may go out.
        assert!(untaken(&[], &["customer_type", "name", "label"]).is_empty());
    }

    #[test]
    fn an_empty_default_is_the_library_saying_nothing_is_fine() {
        let lib = library(
            "[variables.ps]\ndescription = \"Optional postscript\"\ndefault = \"\"\n",
            &response("Thanks.{{ ps }}"),
        );
        let r = lib.get("a").expect("response a");
        let draft = Draft::new(&lib, r, r.lang.clone(), &Values::default()).expect("draft");
        assert!(draft.missing().is_empty());
        assert_eq!(render(&lib, &[]).unwrap(), "Thanks.");
        assert_eq!(render(&lib, &[("ps", " P.S. ")]).unwrap(), "Thanks.P.S.");
    }

    #[test]
    fn a_placeholder_a_value_brings_is_the_values_even_after_a_dollar() {
        let values: BTreeMap<String, String> =
            [("amount".to_string(), "{price}".to_string())].into();
        let none = |_: &str| false;
        assert!(written_placeholders("we refunded ${price}", &values, none).is_empty());
        assert_eq!(
            written_placeholders("we refunded ${price}", &BTreeMap::new(), none),
            ["${price}"]
        );
    }

    /// Brackets a template puts around a value are a reference's style
    /// ("Your reference: [{{ ref }}]"), filled: no placeholder, in the
    /// template nor in the finished text. A name of its own in them is.
    #[test]
    fn brackets_around_a_value_are_filled_not_a_placeholder() {
        let lib = library(
            MANIFEST,
            &response("Hi [{{ name }}], [ref {{ name }}] [Ticket #{{ name }}]"),
        );
        assert_eq!(
            render(&lib, &[("name", "Bob Smith")]).unwrap(),
            "Hi [Bob Smith], [ref Bob Smith] [Ticket #Bob Smith]"
        );
        assert_eq!(
            render(&lib, &[("name", "5")]).unwrap(),
            "Hi [5], [ref 5] [Ticket #5]"
        );
        // A letter: a seat, a size.
        assert_eq!(
            render(&lib, &[("name", "C")]).unwrap(),
            "Hi [C], [ref C] [Ticket #C]"
        );
        let lib = library(
            MANIFEST,
            &response("Size <{{ name }}>, row [{{ name }} {{ name }}]"),
        );
        assert_eq!(
            render(&lib, &[("name", "M")]).unwrap(),
            "Size <M>, row [M M]"
        );
        let lib = library(
            MANIFEST,
            &response("Hi {{ \"[Name]\" }}, [Name {{ name }}]"),
        );
        assert!(matches!(
            render(&lib, &[("name", "Al")]),
            Err(FillError::Unfilled { found, .. }) if found == ["[Name]"]
        ));
    }

    /// Brackets a value left empty are debris in front of a customer, as
    /// `[ref ]` is; brackets the reply writes itself (a JSON `[]`, a
    /// function's `()`) or a value holds are meant, as often as written.
    #[test]
    fn brackets_a_value_left_empty_are_refused_not_those_the_text_writes() {
        let optional = "Call f() ({{ name | default(value=\"\") }}), send [] [{{ name | default(value=\" \") }}]";
        let lib = library(MANIFEST, &response(optional));
        assert_eq!(
            render(&lib, &[("name", "Al")]).unwrap(),
            "Call f() (Al), send [] [Al]"
        );
        assert!(matches!(
            render(&lib, &[]),
            Err(FillError::Unfilled { found, .. }) if found == ["()", "[]"]
        ));
        let quotes = "Say ‘{{ name | default(value=\"\") }}’, \"{{ name | default(value=\"\") }}\" or 「{{ name | default(value=\"\") }}」";
        assert!(matches!(
            render(&library(MANIFEST, &response(quotes)), &[]),
            Err(FillError::Unfilled { found, .. }) if found == ["‘’", "\"\"", "「」"]
        ));
        let low =
            "wpisz „{{ name | default(value=\"\") }}”, Feld ‚{{ name | default(value=\"\") }}‘";
        assert!(matches!(
            render(&library(MANIFEST, &response(low)), &[]),
            Err(FillError::Unfilled { found, .. }) if found == ["„”", "‚‘"]
        ));
        // Quotes written around other words, an apostrophe, are the text's.
        let written = "\"Yes\" {{ name | default(value=\"\") }} \"No\", ‚Ja‘ {{ name | default(value=\"\") }} don’t";
        assert_eq!(
            render(&library(MANIFEST, &response(written)), &[]).unwrap(),
            "\"Yes\"  \"No\", ‚Ja‘  don’t"
        );
        // German quotes read `»…«`: the `«` closes one, the `»` opens the next.
        let german = "Klicken Sie auf »Verfolgen« {{ name | default(value=\"\") }} »Details«, ›a‹{{ name | default(value=\"\") }}›b‹";
        assert_eq!(
            render(&library(MANIFEST, &response(german)), &[]).unwrap(),
            "Klicken Sie auf »Verfolgen«  »Details«, ›a‹›b‹"
        );
        let french = "« Oui » ou « {{ name | default(value=\"\") }} »";
        assert!(matches!(
            render(&library(MANIFEST, &response(french)), &[]),
            Err(FillError::Unfilled { found, .. }) if found == ["«  »"]
        ));
        // A value a filter made nothing of leaves them empty too; one it
        // only changed fills them.
        let filtered = "Ref [{{ name | replace(from=\"R1\", to=\"\") }}]";
        let lib = library(MANIFEST, &response(filtered));
        assert!(matches!(
            render(&lib, &[("name", "R1")]),
            Err(FillError::Unfilled { found, .. }) if found == ["[]"]
        ));
        assert_eq!(render(&lib, &[("name", "R2")]).unwrap(), "Ref [R2]");
        let lib = library(MANIFEST, &response("Ref ({{ name | upper }})"));
        assert_eq!(render(&lib, &[("name", "r2")]).unwrap(), "Ref (R2)");
        let unit =
            "Weight: ({{ name | default(value=\"\") }}kg) (FAQ{{ name | default(value=\"\") }})";
        assert!(matches!(
            render(&library(MANIFEST, &response(unit)), &[]),
            Err(FillError::Unfilled { found, .. }) if found == ["(kg)"]
        ));
        let lib = library(MANIFEST, &response("Call f() or {{ name }}, send []"));
        assert_eq!(
            render(&lib, &[("name", "g()")]).unwrap(),
            "Call f() or g(), send []"
        );
    }

    #[test]
    fn a_placeholder_the_template_writes_is_its_own_whatever_the_values_hold() {
        let lib = library(
            MANIFEST,
            &response("Hi {{ name }}, {{ \"TODO\" }}: check it"),
        );
        for name in ["todo", "TODO", "Mr Todo"] {
            assert!(
                matches!(
                    render(&lib, &[("name", name)]),
                    Err(FillError::Unfilled { .. })
                ),
                "{name}"
            );
        }
        let lib = library(MANIFEST, &response("Hi {{ name | upper }}"));
        assert_eq!(render(&lib, &[("name", "[name]")]).unwrap(), "Hi [NAME]");
    }

    #[test]
    fn every_placeholder_the_template_writes_is_named_in_one_run() {
        let lib = library(
            MANIFEST,
            &response("Hi {{ name }} {{ \"TO\" ~ \"DO\" }} {{ \"X\" ~ \"XX\" }} {{ \"TODO\" }}"),
        );
        assert_eq!(
            render(&lib, &[("name", "Sam")]),
            Err(FillError::Unfilled {
                id: "a".into(),
                found: vec!["TODO".into(), "XXX".into()]
            })
        );
    }

    #[test]
    fn a_region_is_no_other_language() {
        let lib = library(
            "",
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"x\"\n\
             [response.translations.fr]\ntitle = \"F\"\nbody = \"y\"\n[response.translations.pt-BR]\ntitle = \"P\"\nbody = \"z\"\n",
        );
        let r = lib.get("a").expect("a");
        let pick = |l: &str| pick_language(r, &[Some(Lang::new(l))]);
        assert_eq!(pick("fr-CA"), (Lang::new("fr"), None));
        assert_eq!(pick("pt"), (Lang::new("pt-BR"), None));
        assert_eq!(pick("de"), (Lang::new("en"), Some(Lang::new("de"))));
    }

    #[test]
    fn only_the_partials_a_reply_includes_are_compiled() {
        // `unused` includes a partial that does not exist: no concern of `a`.
        let lib = library(MANIFEST, &response("Hi {{ name }}\n{% include \"sig\" %}"));
        assert_eq!(
            render(&lib, &[("name", "Sam"), ("agent", "Jo")]).unwrap(),
            "Hi Sam\n— Jo"
        );
    }

    #[test]
    fn a_value_cannot_hide_a_placeholder_left_in_the_text() {
        let lib = library(MANIFEST, &response("Order XXX for {{ name }}"));
        assert_eq!(
            render(&lib, &[("name", "XXX")]),
            Err(FillError::Unfilled {
                id: "a".into(),
                found: vec!["XXX".into()]
            })
        );
    }

    #[test]
    fn a_value_that_looks_like_a_placeholder_is_the_customers_business() {
        let lib = library(MANIFEST, &response("Hi {{ name }}"));
        assert_eq!(
            render(&lib, &[("name", "{{ 7*7 }} [Name]")]).unwrap(),
            "Hi {{ 7*7 }} [Name]"
        );
    }

    #[test]
    fn a_value_through_a_filter_is_still_the_customers() {
        let lib = library(MANIFEST, &response("Dear {{ name | upper }}"));
        assert_eq!(render(&lib, &[("name", "Todo")]).unwrap(), "Dear TODO");
        // A longer word holding it is not it.
        let lib = library(MANIFEST, &response("{{ \"TODO\" }} {{ name | upper }}"));
        assert!(matches!(
            render(&lib, &[("name", "Todor")]),
            Err(FillError::Unfilled { .. })
        ));
    }

    #[test]
    fn fixme_blocks_the_copy_as_audit_says_it_does() {
        let lib = library(MANIFEST, &response("FIXME: say sorry, {{ name }}"));
        assert!(matches!(
            render(&lib, &[("name", "Sam")]),
            Err(FillError::Unfilled { .. })
        ));
    }

    #[test]
    fn missing_values_come_in_the_order_the_text_uses_them() {
        let lib = library(
            MANIFEST,
            &response("{{ zeta }} then {% include \"sig\" %} {{ alpha }} {{ zeta }} {{ mid }}"),
        );
        let r = lib.get("a").expect("response a");
        let draft = Draft::new(&lib, r, r.lang.clone(), &Values::default()).unwrap();
        assert_eq!(draft.missing(), ["zeta", "agent", "alpha", "mid"]);
    }

    #[test]
    fn notes_are_the_translations_own_or_else_the_responses() {
        let text = "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nnotes = \"Lock first.\"\nbody = \"x\"\n\
                    [response.translations.fr]\ntitle = \"A\"\nbody = \"x\"\n\
                    [response.translations.de]\ntitle = \"A\"\nnotes = \"Zuerst sperren.\"\nbody = \"x\"\n";
        let lib = library("", text);
        let r = lib.get("a").expect("response a");
        let notes = |lang: &str| {
            let draft = Draft::new(&lib, r, Lang::new(lang), &Values::default()).unwrap();
            draft.notes().map(str::to_string)
        };
        assert_eq!(notes("en").as_deref(), Some("Lock first."));
        assert_eq!(notes("fr").as_deref(), Some("Lock first."));
        assert_eq!(notes("de").as_deref(), Some("Zuerst sperren."));
    }

    #[test]
    fn a_chain_of_partials_deeper_than_the_limit_is_refused() {
        let mut manifest = String::from("[partials]\n");
        for i in 0..40 {
            manifest.push_str(&format!("p{i} = \"{{% include 'p{}' %}}\"\n", i + 1));
        }
        manifest.push_str("p40 = \"end\"\n");
        let lib = library(&manifest, &response("{% include \"p0\" %}"));
        let err = render(&lib, &[]).unwrap_err();
        assert!(
            matches!(&err, FillError::Template { message, .. } if message.contains("more than 16 levels")),
            "{err:?}"
        );
    }
}
