//! Tera templates: compiling bodies and partials, finding the variables a
//! body needs, and rendering it with values inserted as plain text.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::sync::LazyLock;

use tera::{Context, ErrorKind, Tera};

use crate::domain::diagnostic;

mod blocks;
mod bytes;
mod graph;
mod limits;
mod work;

pub use limits::MAX_INCLUDE_DEPTH;
pub use work::WORK_BUDGET;

/// Rendering stops with an error past this many bytes of output: a reply is a
/// few paragraphs, and a runaway loop must not eat the machine.
pub const OUTPUT_CAP: usize = 1 << 20;

/// Variables every template may use without declaring them.
/// `customer_type` is the chat's customer type, else `any`.
pub const BUILT_INS: [&str; 4] = ["agent", "today", "lang", "customer_type"];

/// The filters a template may use: Tera's own (canned replaces a few of
/// them with bounded versions, under the same names). For a did-you-mean
/// on an unknown one (`uper`).
pub const FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
];

/// A problem with one template, located inside the template's own text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// The template the error is in (a response's or a partial's name).
    pub template: String,
    pub message: String,
    /// 1-based line and 0-based column in that template, when known.
    pub position: Option<(usize, usize)>,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A set of compiled templates, partials included.
pub struct Templates {
    tera: Tera,
    /// The templates as written.
    sources: BTreeMap<String, String>,
    /// As given to Tera, with the work filter on each loop (see `work`).
    instrumented: Instrumented,
    /// Each template's steps outside its loops, partials included.
    steps: BTreeMap<String, u64>,
    meter: work::Meter,
}

type Instrumented = BTreeMap<String, (String, work::Insertions)>;

/// `e` located in the text as written rather than as given to Tera.
fn relocate(
    mut e: TemplateError,
    sources: &BTreeMap<String, String>,
    instrumented: &Instrumented,
) -> TemplateError {
    if let (Some(pos), Some(written), Some((given, insertions))) = (
        e.position,
        sources.get(&e.template),
        instrumented.get(&e.template),
    ) {
        e.position = Some(work::original_position(written, given, insertions, pos));
    }
    e
}

impl Templates {
    /// Compiles all templates in one batch (Tera resolves includes once per
    /// batch, so adding templates one by one is quadratic). A template that
    /// fails is reported and left out, and the batch is compiled again.
    pub fn compile<I, N, S>(templates: I) -> (Templates, Vec<TemplateError>)
    where
        I: IntoIterator<Item = (N, S)>,
        N: Into<String>,
        S: Into<String>,
    {
        Templates::compile_without(templates, &BTreeSet::new())
    }

    /// [`Templates::compile`], leaving out the templates named in `broken`
    /// (whose errors the caller tells): those that include one are told so.
    pub fn compile_without<I, N, S>(
        templates: I,
        broken: &BTreeSet<String>,
    ) -> (Templates, Vec<TemplateError>)
    where
        I: IntoIterator<Item = (N, S)>,
        N: Into<String>,
        S: Into<String>,
    {
        let mut sources: BTreeMap<String, String> = templates
            .into_iter()
            .map(|(n, s)| (n.into(), s.into()))
            .collect();
        // A template past a limit is refused before Tera sees it: Tera
        // would overflow the stack on a deep include chain.
        let (left_out, mut errors) = limits::violations(&sources);
        let mut left_out: BTreeSet<String> = left_out.into_iter().collect();
        left_out.extend(broken.iter().cloned());
        for name in &left_out {
            sources.remove(name);
        }
        let (unusable, include_errors) = graph::unusable(&sources, &left_out);
        // Templates left out for including one that failed, with their
        // source and the includes told: one that includes another broken
        // partial, found at a later round, is told of it too.
        let mut includers: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
        let told: BTreeSet<String> = left_out.union(&unusable).cloned().collect();
        for name in &unusable {
            if let Some(source) = sources.remove(name) {
                includers.insert(name.clone(), (source, told.clone()));
            }
        }
        errors.extend(include_errors);
        let (steps, over) = {
            let steps = work::static_steps(&sources);
            let over = work::over_budget(&sources, &steps);
            let steps: BTreeMap<String, u64> =
                steps.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            (steps, over)
        };
        // The template past the budget on its own is told so; one that is
        // past it only through what it includes is told which include, as
        // for any broken partial: left unsaid, `check` passed a reply that
        // `use` could not render.
        let over_names: BTreeSet<String> = over.iter().map(|(n, _)| n.clone()).collect();
        for (name, reported) in over {
            if reported {
                errors.push(work::too_much(
                    &name,
                    steps.get(&name).copied().unwrap_or(0),
                ));
            } else if let Some(source) = sources.get(&name) {
                errors.extend(graph::through_unusable(&name, source, |inc| {
                    over_names.contains(inc)
                }));
            }
            sources.remove(&name);
        }
        let mut instrumented: Instrumented = sources
            .iter()
            .map(|(name, source)| (name.clone(), work::instrument(source, &steps)))
            .collect();
        let meter = work::Meter::default();
        let mut failed: BTreeSet<String> = BTreeSet::new();
        loop {
            let mut tera = Tera::default();
            // Replies are plain text: `'` must stay `'`.
            tera.autoescape_on(Vec::<&str>::new());
            limits::register_capped_filters(&mut tera);
            meter.register(&mut tera);
            let given = instrumented.iter().map(|(n, (s, _))| (n, s));
            match tera.add_raw_templates(given) {
                Ok(()) => {
                    for (name, (source, told)) in &includers {
                        let more = |inc: &str| failed.contains(inc) && !told.contains(inc);
                        if includes(source).iter().any(|(inc, _)| more(inc)) {
                            errors.extend(graph::through_unusable(name, source, more));
                        }
                    }
                    let templates = Templates {
                        tera,
                        sources,
                        instrumented,
                        steps,
                        meter,
                    };
                    return (templates, errors);
                }
                Err(e) => {
                    let err = template_error(e.kind(), &e.to_string());
                    let err = relocate(err, &sources, &instrumented);
                    let err = explain_tag(err, &sources);
                    instrumented.remove(&err.template);
                    if sources.remove(&err.template).is_none() {
                        // Cannot tell which template is at fault: none is usable.
                        instrumented.clear();
                        let all = std::mem::take(&mut sources);
                        errors.extend(all.into_keys().map(|template| TemplateError {
                            template,
                            ..err.clone()
                        }));
                    } else {
                        // What includes it is told so, at its include, rather
                        // than as an unknown template at the next compile.
                        let gone = BTreeSet::from([err.template.clone()]);
                        failed.insert(err.template.clone());
                        errors.push(err);
                        let (unusable, include_errors) = graph::unusable(&sources, &gone);
                        let told: BTreeSet<String> = gone.union(&unusable).cloned().collect();
                        for name in &unusable {
                            if let Some(source) = sources.remove(name) {
                                includers.insert(name.clone(), (source, told.clone()));
                            }
                            instrumented.remove(name);
                        }
                        errors.extend(include_errors);
                    }
                }
            }
        }
    }

    /// The text the templates write themselves beyond their plain text:
    /// their quoted strings (`{{ "[Name]" }}`) and `{% raw %}` sections.
    pub fn strings_written(&self) -> Vec<&str> {
        self.sources
            .values()
            .flat_map(|s| strings_written(s))
            .collect()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The variables `name` needs, with their full dotted path when the
    /// template reads a field (`customer.name`), partials included, in the
    /// order they first appear in the text (a partial's at its include): the
    /// order an agent reads them in, and so the order a form asks for them.
    pub fn variables(&self, name: &str) -> Vec<String> {
        let Ok(top) = self.tera.get_template_variables(name) else {
            return Vec::new();
        };
        // Sets beside the list: a body may read thousands of names.
        let mut paths: Vec<String> = Vec::new();
        let mut listed: BTreeSet<String> = BTreeSet::new();
        let mut seen = BTreeSet::new();
        self.paths_in_order(name, &mut seen, &mut |path| {
            let first = path.split('.').next().unwrap_or_default();
            if top.contains(first) && listed.insert(path.to_string()) {
                paths.push(path.to_string());
            }
        });
        // A variable Tera saw that the scan did not (unusual syntax) still counts.
        let firsts: BTreeSet<&str> = paths
            .iter()
            .map(|p| p.split('.').next().unwrap_or_default())
            .collect();
        let mut unseen: Vec<&str> = top
            .iter()
            .copied()
            .filter(|t| !firsts.contains(t))
            .collect();
        unseen.sort();
        paths.extend(unseen.into_iter().map(String::from));
        paths
    }

    /// Calls `found` with every expression path of template `name` in text
    /// order, descending into each partial where it is included (once).
    fn paths_in_order(&self, name: &str, seen: &mut BTreeSet<String>, found: &mut dyn FnMut(&str)) {
        if !seen.insert(name.to_string()) {
            return;
        }
        let Some(src) = self.sources.get(name) else {
            return;
        };
        for (inner, _) in tags(src) {
            match include_name(inner) {
                Some(partial) => self.paths_in_order(&partial, seen, found),
                None => tag_paths(inner).iter().for_each(|(p, _)| found(p)),
            }
        }
    }

    /// How template `name` (its partials included) reads its paths beyond
    /// printing them: those a condition tests (`{% if order %}`, `{% for p
    /// in products %}`, the condition of `{{ a if b else c }}`), which Tera
    /// reads as false when they have no value, and those the template
    /// gives a fallback itself (`order is defined`, `name | default(…)`).
    pub fn reading(&self, name: &str) -> Reading {
        let mut reads = Reading::default();
        let mut seen = BTreeSet::new();
        self.reads_in(name, &mut seen, &mut reads);
        reads
    }

    fn reads_in(&self, name: &str, seen: &mut BTreeSet<String>, reads: &mut Reading) {
        if !seen.insert(name.to_string()) {
            return;
        }
        let Some(src) = self.sources.get(name) else {
            return;
        };
        for (inner, at) in tags(src) {
            if let Some(partial) = include_name(inner) {
                self.reads_in(&partial, seen, reads);
                continue;
            }
            let statement = at >= 1 && src.as_bytes()[at - 1] == b'%';
            let words = inner.trim_start_matches(['-', '+']).trim_start();
            let keyword = words.split_whitespace().next().unwrap_or("");
            // The condition's bytes: a statement's whole tag; an
            // expression's part between ` if ` and ` else `.
            let condition = if statement {
                matches!(keyword, "if" | "elif" | "for").then_some(0..inner.len())
            } else {
                word_at(inner, "if")
                    .map(|start| start..word_at(inner, "else").unwrap_or(inner.len()))
            };
            for (path, offset) in tag_paths(inner) {
                let after = inner[offset + path.len()..].trim_start();
                let defined = after
                    .strip_prefix("is")
                    .map(|r| r.trim_start().trim_start_matches("not").trim_start())
                    .is_some_and(|r| r.starts_with("defined") || r.starts_with("undefined"));
                let defaulted = after
                    .strip_prefix('|')
                    .is_some_and(|r| r.trim_start().starts_with("default"));
                let tested = condition.as_ref().is_some_and(|c| c.contains(&offset));
                if defined || defaulted {
                    // Not asked for; printed all the same when given
                    // (`{{ order | default(value="…") }}`).
                    if defaulted && !tested {
                        reads.printed.insert(path.clone());
                    }
                    reads.optional.insert(path);
                } else if tested {
                    reads.tested.insert(path);
                } else {
                    reads.printed.insert(path);
                }
            }
        }
    }

    /// Renders `name` with `values` (dotted names become nested objects).
    /// Values are data, never template code.
    pub fn render(
        &self,
        name: &str,
        values: &BTreeMap<String, String>,
    ) -> Result<String, TemplateError> {
        let mut root = nest(values);
        // A field read under a fallback (`customer.email | default(…)`, `is
        // defined`) of a group given not at all: Tera stops at the missing
        // group before the fallback, so the group is there, empty.
        for path in self.reading(name).optional {
            let mut map = &mut root;
            let parts: Vec<&str> = path.split('.').collect();
            for part in &parts[..parts.len() - 1] {
                let entry = map
                    .entry(part.to_string())
                    .or_insert_with(|| serde_json::Value::Object(Default::default()));
                let serde_json::Value::Object(next) = entry else {
                    break;
                };
                map = next;
            }
        }
        let mut context = Context::new();
        for (key, value) in root {
            context.insert(key, &value);
        }
        let mut out = CappedWriter::default();
        // Not shared between threads rendering at once: each `use`, `check`
        // and preview compiles its own.
        let longest = values.values().map(String::len).max().unwrap_or(0);
        self.meter
            .start(self.steps.get(name).copied().unwrap_or_default(), longest);
        match self.tera.render_to(name, &context, &mut out) {
            // A file saved on Windows keeps `\r\n` in its bodies (TOML
            // allows either); a reply's lines end in `\n` whoever wrote it,
            // as `show` prints them.
            Ok(()) => Ok(String::from_utf8_lossy(&out.buf).replace("\r\n", "\n")),
            Err(_) if out.overflowed => Err(TemplateError {
                template: name.to_string(),
                message: format!(
                    "the rendered text passes {} bytes; rendering stopped",
                    OUTPUT_CAP
                ),
                position: None,
            }),
            Err(e) => Err(relocate(
                template_error(e.kind(), &e.to_string()),
                &self.sources,
                &self.instrumented,
            )),
        }
    }
}

#[derive(Default)]
struct CappedWriter {
    buf: Vec<u8>,
    overflowed: bool,
}

impl Write for CappedWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + data.len() > OUTPUT_CAP {
            self.overflowed = true;
            return Err(std::io::Error::other("output cap reached"));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Turns `{"customer.name": "Sarah"}` into `{"customer": {"name": "Sarah"}}`.
/// `Values` never holds a name both as a value and as a parent; in a map
/// that does (`check`'s examples), the nested object wins, and `fill`
/// refuses to print a group as one value.
fn nest(values: &BTreeMap<String, String>) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let mut root = serde_json::Map::new();
    for (key, value) in values {
        let mut parts = key.split('.').peekable();
        let mut map = &mut root;
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                if !matches!(map.get(part), Some(Value::Object(_))) {
                    map.insert(part.to_string(), Value::String(value.clone()));
                }
                break;
            }
            let entry = map
                .entry(part.to_string())
                .or_insert_with(|| Value::Object(Default::default()));
            if !entry.is_object() {
                *entry = Value::Object(Default::default());
            }
            let Value::Object(next) = entry else {
                unreachable!("made an object above")
            };
            map = next;
        }
    }
    root
}

/// `e` told in the lead's terms where Tera's words would leave them
/// guessing: the block left open or closed out of turn (Tera says only
/// "Unexpected end of input" at the last line, or "Unknown tag" at an
/// `{% endfor %}` inside an `{% if %}`), or the tag a misspelt one meant.
fn explain_tag(mut e: TemplateError, sources: &BTreeMap<String, String>) -> TemplateError {
    let Some(source) = sources.get(&e.template) else {
        return e;
    };
    if let Some(found) = blocks::unbalanced(source) {
        let at = limits::position(source, found.at);
        let fits = if found.at_end {
            e.message == "Unexpected end of input"
        } else {
            e.message == "Unknown tag" && e.position == Some(at)
        };
        if fits {
            e.message = found.message;
            e.position = Some(at);
            return e;
        }
    }
    if e.message == "Unknown tag"
        && let Some(word) = e
            .position
            .and_then(|(line, column)| word_at_position(source, line, column))
    {
        e.message = unknown_tag(word);
    }
    // `{{ nаme }}`, its `а` Cyrillic: a name that reads as valid.
    if e.message == "Unexpected character"
        && let Some(told) = e
            .position
            .and_then(|(line, column)| word_at_position(source, line, column))
            .and_then(crate::domain::text::look_alike_told)
    {
        e.message = format!("{told}: names in a template are written in Latin letters");
    }
    e
}

/// What to say of a tag Tera does not take: one it knows, met where it
/// cannot be, or one misspelt.
fn unknown_tag(word: &str) -> String {
    match word {
        "elif" => "`{% elif %}` out of place: it goes inside an `{% if %}`, before its `{% else %}`".into(),
        "else" => "`{% else %}` out of place: one to an `{% if %}` or a `{% for %}`, inside it, after any `{% elif %}`".into(),
        "endraw" => "`{% endraw %}` closes no `{% raw %}`".into(),
        known if TAGS.contains(&known) => format!("`{{% {known} %}}` out of place here"),
        _ => match diagnostic::did_you_mean(word, TAGS) {
            Some(meant) => format!("unknown tag `{word}`: {}", diagnostic::suggestion_hint(meant)),
            None => format!(
                "unknown tag `{word}`: a reply may use {}",
                TAGS.map(|t| format!("`{t}`")).join(", ")
            ),
        },
    }
}

/// The tags a reply may use (see `limits` for those it may not).
const TAGS: [&str; 11] = [
    "if", "elif", "else", "endif", "for", "endfor", "include", "break", "continue", "raw", "endraw",
];

/// The word starting at 1-based `line`, 0-based `column` of `source`.
fn word_at_position(source: &str, line: usize, column: usize) -> Option<&str> {
    let text = source.split('\n').nth(line.checked_sub(1)?)?;
    let start = text.char_indices().nth(column)?.0;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

fn template_error(kind: &ErrorKind, display: &str) -> TemplateError {
    let mut e = tera_error(kind, display);
    e.message = shortened(&e.message);
    e
}

/// `message` with what it quotes cut to a few words: Tera quotes the value
/// a filter refused whole, and an example of 300 KB made one line of
/// 300,000 characters.
fn shortened(message: &str) -> String {
    const QUOTE: usize = 60;
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| match part.char_indices().nth(QUOTE) {
            Some((cut, _)) if i % 2 == 1 => format!("{}…", &part[..cut]),
            _ => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("`")
}

fn tera_error(kind: &ErrorKind, display: &str) -> TemplateError {
    match kind {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => TemplateError {
            template: report.filename().to_string(),
            message: report.message().to_string(),
            position: Some((report.span().start_line, report.span().start_col)),
        },
        ErrorKind::CircularInclude { tpl, include_chain } => {
            let cycle: Vec<&str> = include_chain
                .iter()
                .skip_while(|n| *n != tpl)
                .map(String::as_str)
                .collect();
            TemplateError {
                template: tpl.clone(),
                message: format!("`{tpl}` includes itself: {}", cycle.join(" → ")),
                position: None,
            }
        }
        _ => {
            // Tera formats some errors (unknown included template) as text
            // only: `error: MESSAGE\n --> NAME:LINE:COL`.
            static ARROW: LazyLock<regex_lite::Regex> = LazyLock::new(|| {
                regex_lite::Regex::new(r"(?m)^\s*--> (.+):(\d+):(\d+)\s*$").expect("valid regex")
            });
            let message = display
                .lines()
                .next()
                .unwrap_or(display)
                .trim_start_matches("error: ")
                .to_string();
            match ARROW.captures(display) {
                Some(c) => TemplateError {
                    template: c[1].to_string(),
                    message,
                    position: Some((
                        c[2].parse().unwrap_or(1),
                        c[3].parse::<usize>().unwrap_or(1).saturating_sub(1),
                    )),
                },
                None => TemplateError {
                    template: String::new(),
                    message,
                    position: None,
                },
            }
        }
    }
}

/// `{{ … }}`, `{% … %}` and `{# … #}` blanked out (same byte length, so
/// offsets still point into the body): the template's own syntax is never a
/// placeholder, a jargon word or part of the length.
pub fn blank_syntax(body: &str) -> String {
    blank(body, b' ')
}

/// [`blank_syntax`], for finding placeholders: what a `{{ … }}` prints is
/// a value, never a placeholder's name, so its span is filled with a
/// character no name holds (`[{{ name }}]` and `[ref {{ order }}]` are
/// filled brackets, where blanks would leave `[ref ]` to look like one).
pub fn blank_for_marks(body: &str) -> String {
    blank(body, PRINTED)
}

/// What stands for a `{{ … }}` in [`blank_for_marks`]: a control
/// character, which no text a reply shows holds.
const PRINTED: u8 = 0x1A;

/// `body` with its template syntax blanked by spaces, and what `{{ … }}`
/// prints by `printed`.
fn blank(body: &str, printed: u8) -> String {
    // Each blanked span starts and ends on an ASCII brace, so it holds whole
    // characters and the text stays valid UTF-8.
    let mut bytes = body.as_bytes().to_vec();
    let mut i = 0;
    while let Some(at) = body[i..].find('{').map(|p| p + i) {
        let close = match body.as_bytes().get(at + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                i = at + 1;
                continue;
            }
        };
        let Some(end) = body[at + 2..].find(close).map(|p| p + at + 2 + 2) else {
            break;
        };
        bytes[at..end].fill(if close == "}}" { printed } else { b' ' });
        i = end;
    }
    String::from_utf8(bytes).unwrap_or_else(|_| body.to_string())
}

/// The inside of every `{{ … }}` and `{% … %}` tag, with its byte offset.
/// Hand-written rather than a regex: `check` runs it over every body.
fn tags(source: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        loop {
            let open = pos + source.get(pos..)?.find('{')?;
            let close = match source.as_bytes().get(open + 1) {
                Some(b'{') => "}}",
                Some(b'%') => "%}",
                _ => {
                    pos = open + 1;
                    continue;
                }
            };
            let start = open + 2;
            let len = source[start..].find(close)?;
            pos = start + len + 2;
            return Some((&source[start..start + len], start));
        }
    })
}

/// The quoted strings inside the tags of `source` (`{{ "[Name]" }}`,
/// `{% if x == "TODO" %}`) and its `{% raw %}` sections: text the template
/// may write that is not its plain text.
pub fn strings_written(source: &str) -> Vec<&str> {
    let mut out: Vec<&str> = raw_sections(source).map(|(_, r)| r).collect();
    for (inner, _) in tags(source) {
        let mut rest = inner;
        while let Some(open) = rest.find(['"', '\'', '`']) {
            let quote = rest[open..].chars().next().unwrap_or('"');
            let after = &rest[open + 1..];
            let Some(close) = after.find(quote) else {
                break;
            };
            out.push(&after[..close]);
            rest = &after[close + 1..];
        }
    }
    out
}

/// The byte offset in `source` of the first string it writes (see
/// [`strings_written`]) that holds `text`: where a placeholder the template
/// prints of its own is written, a loop's list included.
pub fn written_at(source: &str, text: &str) -> Option<usize> {
    strings_written(source)
        .into_iter()
        .find_map(|s| Some((s, find_in_any_case(s, text)?)))
        // Each string is a slice of `source`: its offset is how far in it
        // starts.
        .map(|(s, at)| s.as_ptr() as usize - source.as_ptr() as usize + at)
}

/// Where `needle` is in `hay`, in any ASCII case: a placeholder written
/// `"[name]"` comes out `[NAME]` through `| upper`.
pub fn find_in_any_case(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    (0..=hay.len().checked_sub(needle.len())?).find(|&i| {
        hay.is_char_boundary(i)
            && hay.as_bytes()[i..i + needle.len()].eq_ignore_ascii_case(needle.as_bytes())
    })
}

/// The quoted strings inside the `{{ … }}` tags of `source` that may be
/// printed, each with the byte offset of its text: what the template may
/// write of its own (`{{ name | default(value="[Name]") }}`, `{{ "TODO" }}`,
/// `replace(…, to="XXX")`). Not a string compared with (`x == "TODO"`,
/// `"a" in x`), searched for (`replace(from="XXX")`, `split(pat="XXX")`)
/// or read as a format, nor any in a `{% … %}` test: never printed.
pub fn printed_strings(source: &str) -> Vec<(usize, &str)> {
    const NOT_PRINTED: &[&str] = &["from", "pat", "format", "timezone", "locale", "sep_re"];
    let mut out = Vec::new();
    for (inner, at) in tags(source) {
        if source.as_bytes().get(at.wrapping_sub(1)) != Some(&b'{') {
            continue;
        }
        let mut from = 0;
        while let Some(open) = inner[from..].find(['"', '\'', '`']).map(|o| o + from) {
            let quote = inner[open..].chars().next().unwrap_or('"');
            let Some(close) = inner[open + 1..].find(quote).map(|c| c + open + 1) else {
                break;
            };
            let before = inner[..open].trim_end();
            let after = inner[close + 1..].trim_start();
            let argument = before
                .strip_suffix('=')
                .map(|b| b.trim_end())
                .and_then(|b| {
                    b.rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                });
            let compared = ["==", "!=", "<", ">", " in", "(in"]
                .iter()
                .any(|op| before.ends_with(op))
                || before == "in"
                || ["==", "!=", "<", ">", "in "]
                    .iter()
                    .any(|op| after.starts_with(op));
            if !compared && !argument.is_some_and(|a| NOT_PRINTED.contains(&a)) {
                out.push((at + open + 1, &inner[open + 1..close]));
            }
            from = close + 1;
        }
    }
    out
}

/// How a template reads its paths beyond printing them: see
/// [`Templates::reading`].
#[derive(Debug, Default)]
pub struct Reading {
    pub tested: BTreeSet<String>,
    pub optional: BTreeSet<String>,
    /// Paths read as a value (printed, passed to a filter), not only
    /// tested: a group there would print whole.
    pub printed: BTreeSet<String>,
}

/// The byte offset of `word` standing alone in `inner` (outside quotes
/// is not checked: `"if"` in a string counts, which only asks for more).
fn word_at(inner: &str, word: &str) -> Option<usize> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    inner.match_indices(word).map(|(i, _)| i).find(|&i| {
        !inner[..i].chars().next_back().is_some_and(ident)
            && !inner[i + word.len()..].chars().next().is_some_and(ident)
    })
}

/// `{% include "name" %}` calls in a template: the name and its byte offset.
pub fn includes(source: &str) -> Vec<(String, usize)> {
    tags(source)
        .filter_map(|(inner, at)| {
            let (name, offset) = include_at(inner)?;
            Some((name, at + offset))
        })
        .collect()
}

/// The string literals the template compares the variable `name` with
/// (`name == "vip"`, `"vip" != name`, `name in ["vip", "new"]`), each with
/// its byte offset (inside the quotes): a branch for a value the variable
/// never takes never renders.
pub fn compared_with(source: &str, name: &str) -> Vec<(String, usize)> {
    static LITERAL: LazyLock<regex_lite::Regex> =
        LazyLock::new(|| regex_lite::Regex::new(r#""([^"]*)"|'([^']*)'"#).expect("valid regex"));
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    let mut found = Vec::new();
    for (inner, at) in tags(source) {
        for (i, _) in inner.match_indices(name) {
            let before = inner[..i].chars().next_back();
            let after_name = &inner[i + name.len()..];
            if before.is_some_and(ident) || after_name.chars().next().is_some_and(ident) {
                continue;
            }
            // `name == "x"`, `name != "x"`, `name in [...]` / `not in`.
            let rest = after_name.trim_start();
            let operand = rest
                .strip_prefix("==")
                .or_else(|| rest.strip_prefix("!="))
                .map(|r| (r, false))
                .or_else(|| {
                    let r = rest.strip_prefix("not").map_or(rest, str::trim_start);
                    r.strip_prefix("in")
                        .filter(|r| r.starts_with([' ', '[']))
                        .map(|r| (r, true))
                });
            if let Some((operand, list)) = operand {
                let start = inner.len() - operand.len();
                let operand_text = operand.trim_start();
                let skip = operand.len() - operand_text.len();
                let span = if list {
                    operand_text
                        .strip_prefix('[')
                        .and_then(|l| l.find(']'))
                        .map_or(0, |end| end + 2)
                } else {
                    LITERAL
                        .find(operand_text)
                        .filter(|m| m.start() == 0)
                        .map_or(0, |m| m.end())
                };
                for m in LITERAL.captures_iter(&operand_text[..span]) {
                    let Some(lit) = m.get(1).or_else(|| m.get(2)) else {
                        continue;
                    };
                    found.push((lit.as_str().to_string(), at + start + skip + lit.start()));
                }
            }
            // `"x" == name`, `"x" != name`.
            let head = inner[..i].trim_end();
            if let Some(head) = head.strip_suffix("==").or_else(|| head.strip_suffix("!=")) {
                let head = head.trim_end();
                if let Some(m) = LITERAL
                    .find_iter(head)
                    .last()
                    .filter(|m| m.end() == head.len())
                {
                    let lit = &head[m.start() + 1..m.end() - 1];
                    found.push((lit.to_string(), at + m.start() + 1));
                }
            }
        }
    }
    found
}

/// `source` with each `{% include %}` of a partial `drop` names blanked
/// (same byte length, so offsets still point into the source): `check`
/// compiles a body without the includes it has already reported, so that
/// the rest of it is still checked.
pub fn without_includes(source: &str, drop: impl Fn(&str) -> bool) -> Cow<'_, str> {
    let spans: Vec<std::ops::Range<usize>> = tags(source)
        .filter(|(inner, _)| include_name(inner).is_some_and(|name| drop(&name)))
        .map(|(inner, at)| at - 2..at + inner.len() + 2)
        .collect();
    if spans.is_empty() {
        return Cow::Borrowed(source);
    }
    // Each span starts and ends on an ASCII brace: whole characters.
    let mut bytes = source.as_bytes().to_vec();
    for span in spans {
        bytes[span].fill(b' ');
    }
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| source.to_string()))
}

/// The partial a tag's inside includes, if it is an include.
fn include_name(inner: &str) -> Option<String> {
    include_at(inner).map(|(name, _)| name)
}

/// The partial a tag's inside includes, with the name's offset in `inner`.
fn include_at(inner: &str) -> Option<(String, usize)> {
    let body = inner.strip_prefix('-').unwrap_or(inner);
    let trimmed = body.trim_start();
    let rest = trimmed.strip_prefix("include")?;
    let name_part = rest.trim_start();
    if name_part.len() == rest.len() {
        return None; // `includes`, not `include "…"`
    }
    let quote = name_part
        .chars()
        .next()
        .filter(|q| *q == '"' || *q == '\'')?;
    let name = &name_part[1..];
    let end = name.find(quote)?;
    Some((name[..end].to_string(), inner.len() - name_part.len() + 1))
}

/// The dotted names a template reads (`name`, `customer.email`), each once,
/// in order of first appearance; keywords and filters are not names.
pub fn placeholders(source: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in expression_paths(source) {
        if !KEYWORDS.contains(&p.as_str()) && !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// Words of Tera's own syntax that `expression_paths` can meet.
const KEYWORDS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "in",
    "include",
    "and",
    "or",
    "not",
    "true",
    "false",
    "True",
    "False",
    "raw",
    "endraw",
    "filter",
    "endfilter",
    "loop",
    "is",
];

/// Dotted identifier paths used inside `{{ }}` and `{% %}`, string literals
/// skipped. A superset of the variables: callers keep those Tera confirms.
fn expression_paths(source: &str) -> Vec<String> {
    tags(source)
        .flat_map(|(inner, _)| tag_paths(inner))
        .map(|(path, _)| path)
        .collect()
}

/// The dotted identifier paths inside one tag, in order, each with its
/// byte offset in `inner`.
fn tag_paths(inner: &str) -> Vec<(String, usize)> {
    let is_start = |c: u8| c.is_ascii_alphabetic() || c == b'_';
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    let b = inner.as_bytes();
    let mut i = 0;
    // The last significant byte before the current token.
    let mut prev = b' ';
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'"' | b'\'' | b'`') {
            let end = inner[i + 1..]
                .find(c as char)
                .map_or(b.len(), |e| i + 1 + e + 1);
            i = end;
            prev = b'"';
            continue;
        }
        if is_start(c) && !(i > 0 && is_ident(b[i - 1])) {
            let start = i;
            while i < b.len()
                && (is_ident(b[i]) || (b[i] == b'.' && b.get(i + 1).is_some_and(|&n| is_start(n))))
            {
                i += 1;
            }
            let next = inner[i..].trim_start().as_bytes().first().copied();
            // `| upper` and `x.y()` are filters and calls, not data.
            if prev != b'|' && prev != b'.' && next != Some(b'(') {
                out.push((inner[start..i].to_string(), start));
            }
            prev = b'a';
            continue;
        }
        if !c.is_ascii_whitespace() {
            prev = c;
        }
        i += 1;
    }
    out
}

/// Where a template first reads a variable (`customer.phone`, or a field
/// of the group `customer`), as a byte offset: in a tag, never in a string
/// literal, a comment or a `{% raw %}` section, which only look like one.
pub fn first_use(source: &str, name: &str) -> Option<usize> {
    // Most bodies never spell the name: `audit` asks of every body.
    if !source.contains(name.split('.').next().unwrap_or(name)) {
        return None;
    }
    Reads::of(source).first_use(name)
}

/// Every path a template reads, with where it first reads it: read once,
/// for a body that reads thousands of names.
pub struct Reads(BTreeMap<String, usize>);

impl Reads {
    pub fn of(source: &str) -> Reads {
        let mut first: BTreeMap<String, usize> = BTreeMap::new();
        let raw: Vec<std::ops::Range<usize>> = raw_sections(source)
            .map(|(start, text)| start..start + text.len())
            .collect();
        // Tags and raw sections both come in text order: one pass over
        // each (an import's text may hold a million raw sections).
        let mut next_raw = 0;
        let mut in_raw = |at: usize| {
            while raw.get(next_raw).is_some_and(|r| r.end <= at) {
                next_raw += 1;
            }
            raw.get(next_raw).is_some_and(|r| r.contains(&at))
        };
        // Names a `for` binds are no reads inside its block (`loop` neither),
        // nor is the name a tag binds (`for x in`, `set x =`).
        let mut bound: Vec<Vec<String>> = Vec::new();
        for (inner, at) in tags(source).filter(|&(_, at)| !in_raw(at)) {
            let body = inner.trim_start_matches('-').trim_start();
            let keyword = body.split_whitespace().next().unwrap_or("");
            let binds_until = match keyword {
                "for" => inner.find(" in ").unwrap_or(0),
                "set" | "set_global" => inner.find('=').unwrap_or(0),
                "endfor" => {
                    bound.pop();
                    0
                }
                _ => 0,
            };
            let paths = tag_paths(inner);
            let reads = paths.iter().filter(|(_, offset)| *offset >= binds_until);
            for (path, offset) in reads {
                let group = path.split('.').next().unwrap_or(path);
                if !bound.iter().flatten().any(|b| b == group) {
                    first.entry(path.clone()).or_insert(at + offset);
                }
            }
            if keyword == "for" {
                let mut names: Vec<String> = paths
                    .iter()
                    .filter(|(_, offset)| *offset < binds_until)
                    .map(|(p, _)| p.clone())
                    .collect();
                names.push("loop".into());
                bound.push(names);
            }
        }
        Reads(first)
    }

    /// Where `name`, or a field of it, is first read.
    pub fn first_use(&self, name: &str) -> Option<usize> {
        self.0
            .range::<str, _>((std::ops::Bound::Included(name), std::ops::Bound::Unbounded))
            .take_while(|(path, _)| path.starts_with(name))
            .filter(|(path, _)| path.len() == name.len() || path[name.len()..].starts_with('.'))
            .map(|(_, &at)| at)
            .min()
    }
}

/// The `{% raw %}` sections of a template, each with the byte offset of
/// what it prints as it is.
pub fn raw_sections(body: &str) -> impl Iterator<Item = (usize, &str)> {
    static RAW: std::sync::LazyLock<regex_lite::Regex> = std::sync::LazyLock::new(|| {
        regex_lite::Regex::new(r"(?s)\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}")
            .expect("valid regex")
    });
    // regex-lite has no literal prefilter: a body with no `endraw` (nearly
    // all) is not searched at all, which was a quarter of `check`.
    let searched = if body.contains("endraw") { body } else { "" };
    RAW.captures_iter(searched)
        .filter_map(|c| c.get(1).map(|m| (m.start(), m.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_quotes_a_long_value_cut_to_a_few_words() {
        let long = "x".repeat(300_000);
        let message = shortened(&format!(
            "The string `{long}` cannot be converted to an int"
        ));
        assert_eq!(
            message,
            format!(
                "The string `{}…` cannot be converted to an int",
                "x".repeat(60)
            )
        );
        assert_eq!(shortened("`name` is `é`"), "`name` is `é`");
    }

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_variable_is_first_used_where_a_tag_reads_it() {
        let body = "Dear nmae, {# nmae #} {{ \"nmae\" }} {% raw %}{{ nmae }}{% endraw %} \
                    {{ name | replace(from=\"nmae\", to=\"x\") }} {{ nmae }}";
        assert_eq!(first_use(body, "nmae"), body.rfind("nmae"));
        let body = "{{ customer.email }} {{ customer.phone }}\n{{ customer.zip }}";
        assert_eq!(
            first_use(body, "customer.phone"),
            body.find("customer.phone")
        );
        assert_eq!(first_use(body, "customer.zip"), body.find("customer.zip"));
        // A group is read where its first field is.
        assert_eq!(first_use(body, "customer"), Some(3));
        assert_eq!(first_use(body, "cust"), None);
        // Between and after raw sections, tags are read.
        let body =
            "{% raw %}{{ a }}{% endraw %}{{ b }}{% raw %}{{ c }}{% endraw %} {{ a }} {{ c }}";
        assert_eq!(first_use(body, "a"), body.rfind("a }}"));
        assert_eq!(first_use(body, "b"), body.find("b }}"));
        assert_eq!(first_use(body, "c"), body.rfind("c }}"));
        // A longer name is no field of a shorter one.
        let body = "{{ names }} {{ name_x }} {{ name.first }}";
        assert_eq!(first_use(body, "name"), body.find("name.first"));
        // A name a `for` binds is read only outside its block.
        let body =
            "{% for x in name %}{{ x }}{{ loop.index }}{% endfor %}\nBye {{ x }} {{ loop.index }}";
        assert_eq!(first_use(body, "x"), body.rfind("{{ x }}").map(|i| i + 3));
        assert_eq!(first_use(body, "loop.index"), body.rfind("loop.index"));
        let body = "{% set y = 1 %}{{ y }}";
        assert_eq!(first_use(body, "y"), body.find("y }}"));
    }

    #[test]
    fn a_reply_written_on_windows_renders_with_plain_line_ends() {
        let (t, _) = Templates::compile([("a", "Line one\r\n\r\nLine {{ x }}\r\n")]);
        let values = BTreeMap::from([("x".to_string(), "two".to_string())]);
        assert_eq!(t.render("a", &values).unwrap(), "Line one\n\nLine two\n");
    }

    #[test]
    fn the_values_a_variable_is_compared_with_are_found_where_written() {
        let body = "{% if customer_type == \"vpi\" %}a{% elif 'new' != customer_type %}b\
                    {% elif customer_type in [\"loyal\", 'gold'] %}c{% endif %}\
                    {% if ticket.customer_type == \"x\" or my_customer_type == \"y\" %}{% endif %}\
                    {{ customer_type == \"z\" }}";
        let found: Vec<(String, &str)> = compared_with(body, "customer_type")
            .into_iter()
            .map(|(lit, at)| {
                let end = at + lit.len();
                (lit, &body[at..end])
            })
            .collect();
        let values: Vec<&str> = found.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(values, ["vpi", "new", "loyal", "gold", "z"]);
        assert!(found.iter().all(|(l, at)| l == at));
        assert!(compared_with("{% if lang == lang %}{% endif %}", "lang").is_empty());
    }

    #[test]
    fn renders_values_as_text_never_as_template_code() {
        let (t, errors) = Templates::compile([("a", "Hi {{ name }}, it's {{ order }}")]);
        assert!(errors.is_empty());
        let out = t
            .render("a", &values(&[("name", "{{ 7*7 }}"), ("order", "<1>")]))
            .unwrap();
        assert_eq!(out, "Hi {{ 7*7 }}, it's <1>");
    }

    #[test]
    fn finds_variables_through_includes_with_their_dotted_path() {
        let (t, _) = Templates::compile([
            (
                "a",
                "{{ customer.name | upper }} {% if tier == \"vip\" %}{{ order }}{% endif %}{% include \"sig\" %}",
            ),
            ("sig", "— {{ agent }}"),
        ]);
        // In the order they appear, the partial's where it is included.
        assert_eq!(
            t.variables("a"),
            ["customer.name", "tier", "order", "agent"]
        );
    }

    #[test]
    fn a_broken_template_is_reported_and_the_others_still_compile() {
        let (t, errors) = Templates::compile([("good", "ok {{ x }}"), ("bad", "line\n{{ x ")]);
        assert!(t.contains("good"));
        assert!(!t.contains("bad"));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].template, "bad");
        assert_eq!(errors[0].position.map(|p| p.0), Some(2));
    }

    #[test]
    fn a_tag_out_of_place_is_said_so_and_a_misspelt_one_gets_a_did_you_mean() {
        let said = |source: &str| Templates::compile([("a", source)]).1[0].message.clone();
        assert_eq!(
            said("{% if a %}x{% else %}y{% else %}z{% endif %}"),
            "`{% else %}` out of place: one to an `{% if %}` or a `{% for %}`, inside it, after any `{% elif %}`"
        );
        assert_eq!(
            said("x {% elif a %} y"),
            "`{% elif %}` out of place: it goes inside an `{% if %}`, before its `{% else %}`"
        );
        assert_eq!(said("{% endraw %}"), "`{% endraw %}` closes no `{% raw %}`");
        assert_eq!(
            said("{% if a %}{% endiff %}"),
            "unknown tag `endiff`: did you mean `endif`?"
        );
    }

    #[test]
    fn reports_an_include_of_an_unknown_partial() {
        let (_, errors) = Templates::compile([("a", "x {% include \"nope\" %}")]);
        assert_eq!(errors[0].template, "a");
        assert!(errors[0].message.contains("nope"), "{}", errors[0].message);
    }

    #[test]
    fn reports_a_partial_that_includes_itself() {
        let (_, errors) = Templates::compile([("sig", "x {% include \"sig\" %}")]);
        assert_eq!(errors[0].template, "sig");
        assert_eq!(errors[0].message, "`sig` includes itself: sig → sig");
    }

    #[test]
    fn stops_rendering_past_the_output_cap() {
        let (t, _) = Templates::compile([(
            "big",
            "{% for i in range(end=90000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}",
        )]);
        let err = t.render("big", &BTreeMap::new()).unwrap_err();
        assert!(err.message.contains("rendering stopped"), "{}", err.message);
    }

    #[test]
    fn nests_dotted_values() {
        let (t, _) = Templates::compile([("a", "{{ customer.name }}/{{ ticket.id }}")]);
        let out = t
            .render(
                "a",
                &values(&[
                    ("customer.name", "Sarah"),
                    ("ticket", "1"),
                    ("ticket.id", "42"),
                ]),
            )
            .unwrap();
        assert_eq!(out, "Sarah/42");
    }

    #[test]
    fn finds_includes_and_paths_without_being_fooled_by_strings() {
        let src = "a {%- include 'sig' %} {% include \"x y\" %} {{ \"{{ nope }}\" }} {{ a.b | upper }} {{ f(x=c.d) }}";
        let inc: Vec<String> = includes(src).into_iter().map(|(n, _)| n).collect();
        assert_eq!(inc, ["sig", "x y"]);
        let (name, at) = &includes(src)[0];
        assert_eq!(&src[*at..*at + name.len()], "sig");
        assert_eq!(
            expression_paths(src),
            ["include", "include", "a.b", "x", "c.d"]
        );
    }

    #[test]
    fn only_strings_a_template_may_print_are_printed_strings() {
        fn printed(src: &str) -> Vec<&str> {
            printed_strings(src).into_iter().map(|(_, s)| s).collect()
        }
        assert_eq!(
            printed(
                r#"{{ name | default(value="[Name]") }} {{ "TODO" }} {% if x == "XXX" %}{% endif %}"#
            ),
            ["[Name]", "TODO"]
        );
        assert_eq!(
            printed(
                r#"{{ name | replace(from="XXX", to="TBD") }} {{ x | split(pat="XXX") | join(sep=", ") }}"#
            ),
            ["TBD", ", "]
        );
        assert_eq!(
            printed(r#"{{ x == "TODO" }} {{ "TODO" in x }} {{ x != 'XXX' }}"#),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn blanks_template_syntax_keeping_offsets() {
        let body = "Hi {{ name }}, {% if x %}yes{% endif %} {# note #}{ok} é";
        let blanked = blank_syntax(body);
        assert_eq!(blanked.len(), body.len());
        assert_eq!(
            blanked.split_whitespace().collect::<Vec<_>>(),
            ["Hi", ",", "yes", "{ok}", "é"]
        );
    }

    #[test]
    fn keeps_blank_lines_exactly() {
        let (t, _) = Templates::compile([("a", "Hi\n\n\nBye\n")]);
        assert_eq!(t.render("a", &BTreeMap::new()).unwrap(), "Hi\n\n\nBye\n");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_template_compiles_or_is_reported_and_renders_under_the_cap(template in "\\PC{0,200}", value in "\\PC{0,30}") {
            let (t, errors) = Templates::compile([("t", template.as_str())]);
            if t.contains("t") {
                let values: BTreeMap<String, String> = t.variables("t").into_iter().map(|v| (v, value.clone())).collect();
                if let Ok(out) = t.render("t", &values) {
                    prop_assert!(out.len() <= OUTPUT_CAP);
                }
            } else {
                prop_assert_eq!(errors.len(), 1);
            }
        }

        #[test]
        fn a_value_is_always_inserted_verbatim(value in "\\PC{0,40}") {
            let (t, _) = Templates::compile([("t", "<{{ name }}>")]);
            let values = BTreeMap::from([("name".to_string(), value.clone())]);
            prop_assert_eq!(t.render("t", &values).unwrap(), format!("<{value}>"));
        }
    }
}
