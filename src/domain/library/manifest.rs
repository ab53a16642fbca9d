//! The optional manifest, `canned.toml`: vocabulary, variables and partials.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::domain::rules;

use toml::de::{DeTable, DeValue};

use super::fields::{Reader, Source};
use crate::domain::diagnostic::{Diagnostic, LineIndex, Location, TextAt};
use crate::domain::model::{CustomerType, Lang, Topic};
use crate::domain::text::{MarkKind, marks, one_line};

/// The manifest's file name, at the library's root.
pub const MANIFEST: &str = "canned.toml";

const TOP: &[&str] = &["library", "variables", "partials"];
const LIBRARY: &[&str] = &[
    "name",
    "default_lang",
    "languages",
    "topics",
    "customer_types",
    "stale_after_days",
    "jargon",
    "max_body_words",
];
const VARIABLE: &[&str] = &["description", "example", "default", "pattern"];

/// Library-wide settings. Every field has a sensible value without a manifest.
#[derive(Clone, Debug)]
pub struct Manifest {
    pub name: Option<String>,
    pub default_lang: Lang,
    /// Languages every response should exist in (audit reports the missing ones).
    pub languages: Vec<Lang>,
    /// When set, the only topics allowed.
    pub topics: Option<Vec<Topic>>,
    /// When set, the only customer types allowed (besides `any`).
    pub customer_types: Option<Vec<CustomerType>>,
    pub stale_after_days: i64,
    pub jargon: Vec<String>,
    /// Bodies longer than this many words are reported by audit.
    pub max_body_words: usize,
    pub variables: BTreeMap<String, VariableSpec>,
    pub partials: BTreeMap<String, Partial>,
    /// Partials declared but refused (a hidden character, a bad name): their
    /// problem is told at their place, and an include of one is no unknown
    /// partial.
    pub refused_partials: BTreeSet<String>,
}

impl Default for Manifest {
    fn default() -> Manifest {
        Manifest {
            name: None,
            default_lang: Lang::new("en"),
            languages: Vec::new(),
            topics: None,
            customer_types: None,
            stale_after_days: 180,
            jargon: Vec::new(),
            max_body_words: 200,
            variables: BTreeMap::new(),
            partials: BTreeMap::new(),
            refused_partials: BTreeSet::new(),
        }
    }
}

/// A declared placeholder: what it means, an example, a default, a pattern.
#[derive(Clone, Debug)]
pub struct VariableSpec {
    pub name: String,
    pub description: Option<String>,
    pub example: Option<String>,
    pub default: Option<String>,
    pub pattern: Option<Pattern>,
    pub location: Location,
    /// Fields written but refused (a hidden character): an error says
    /// so where they are written, and no warning calls them missing.
    pub refused: Vec<&'static str>,
}

/// A regular expression a variable's value must match.
#[derive(Clone, Debug)]
pub struct Pattern {
    pub source: String,
    pub regex: regex_lite::Regex,
}

impl Pattern {
    pub fn matches(&self, value: &str) -> bool {
        self.regex.is_match(value)
    }
}

/// A named piece of template text that bodies include (`{% include "signature" %}`).
#[derive(Clone, Debug)]
pub struct Partial {
    pub name: String,
    pub body: String,
    pub body_at: TextAt,
}

/// `[a-z_][a-z0-9_]*`, dot-separated for nested values (`customer.name`).
pub fn is_valid_variable_name(name: &str) -> bool {
    name.split('.').all(|part| {
        let mut b = part.bytes();
        b.next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == b'_')
            && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
    })
}

/// Whether `text` is a TOML document at all. When it is not, nothing of the
/// manifest can be read, and the last good one stands in for it.
pub fn is_readable(text: &str) -> bool {
    DeTable::parse(text).is_ok()
}

/// Parses the manifest text; problems are returned beside the best manifest
/// that could be read, so one typo there never stops an agent.
pub fn parse(path: &Path, text: &str) -> (Manifest, Vec<Diagnostic>) {
    let src = Source {
        text,
        index: LineIndex::new(path, text),
    };
    let mut r = Reader::new(&src);
    let mut manifest = Manifest::default();
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let (span, message) =
                super::syntax::first_error(text, e.span().unwrap_or(0..0), e.message().trim());
            r.error(&span, format!("invalid TOML: {message}")).expected =
                Some("a valid TOML document".into());
            return (manifest, r.problems);
        }
    };
    let mut top = r.fields(root.into_inner(), "the manifest", TOP);
    if let Some(v) = top.take("library")
        && let Some((t, _)) = r.table(v, "library")
    {
        read_library(&mut r, t, &mut manifest);
    }
    if let Some(v) = top.take("variables")
        && let Some((t, _)) = r.table(v, "variables")
    {
        read_variables(&mut r, t, "", &mut manifest.variables, &mut BTreeMap::new());
    }
    if let Some(v) = top.take("partials")
        && let Some((t, _)) = r.table(v, "partials")
    {
        for (name, v) in t {
            let key_span = name.span();
            let name = name.into_inner().into_owned();
            let value_span = v.span();
            let Some(body) = r.string(v, &name).map(toml::Spanned::into_inner) else {
                manifest.refused_partials.insert(name);
                continue;
            };
            if name.starts_with('@') || name.trim().is_empty() {
                r.error(&key_span, format!("invalid partial name `{name}`"))
                    .expected = Some("a name such as `signature`".into());
                manifest.refused_partials.insert(name);
                continue;
            }
            let body_at = src.string_at(&value_span, &body);
            manifest.partials.insert(
                name.clone(),
                Partial {
                    name,
                    body,
                    body_at,
                },
            );
        }
    }
    top.finish(&mut r);
    (manifest, r.problems)
}

fn read_library(r: &mut Reader<'_, '_>, t: DeTable<'_>, m: &mut Manifest) {
    let mut f = r.fields(t, "[library]", LIBRARY);
    if let Some(v) = f.take("name") {
        m.name = r.line(v, "name").map(|s| s.into_inner());
    }
    if let Some(v) = f.take("default_lang")
        && let Some(l) = lang(r, v, "default_lang")
    {
        m.default_lang = l;
    }
    if let Some(v) = f.take("languages")
        && let Some(items) = r.list(v, "languages")
    {
        m.languages = items
            .into_iter()
            .filter_map(|s| {
                let span = s.span();
                let s = s.into_inner();
                rules::lang(&s).map_err(|e| r.refuse(&span, e)).ok()
            })
            .collect();
    }
    if let Some(v) = f.take("topics") {
        m.topics = r
            .list(v, "topics")
            .map(|l| l.into_iter().map(|s| Topic::new(s.into_inner())).collect());
    }
    if let Some(v) = f.take("customer_types") {
        m.customer_types = r.list(v, "customer_types").map(|l| {
            l.into_iter()
                .map(|s| CustomerType::new(s.into_inner()))
                .collect()
        });
    }
    if let Some(v) = f.take("stale_after_days") {
        let span = v.span();
        match r.integer(v, "stale_after_days") {
            Some(n) if n > 0 => m.stale_after_days = n,
            Some(_) => {
                r.error(&span, "`stale_after_days` must be positive")
                    .expected = Some("a number of days such as 180".into());
            }
            None => {}
        }
    }
    if let Some(v) = f.take("jargon") {
        m.jargon = r
            .list(v, "jargon")
            .map(|l| l.into_iter().map(|s| s.into_inner()).collect())
            .unwrap_or_default();
    }
    if let Some(v) = f.take("max_body_words") {
        let span = v.span();
        match r.integer(v, "max_body_words").map(usize::try_from) {
            Some(Ok(n)) if n > 0 => m.max_body_words = n,
            Some(_) => {
                r.error(&span, "`max_body_words` must be positive").expected =
                    Some("a number of words such as 200".into());
            }
            None => {}
        }
    }
    f.finish(r);
}

fn lang(r: &mut Reader<'_, '_>, v: super::fields::Value<'_>, field: &str) -> Option<Lang> {
    let s = r.string(v, field)?;
    let span = s.span();
    let s = s.into_inner();
    rules::lang(&s).map_err(|e| r.refuse(&span, e)).ok()
}

/// Reads `[variables.NAME]` tables; a table without any spec key is a
/// namespace (`[variables.customer.name]` declares `customer.name`).
fn read_variables(
    r: &mut Reader<'_, '_>,
    t: DeTable<'_>,
    prefix: &str,
    out: &mut BTreeMap<String, VariableSpec>,
    spans: &mut BTreeMap<String, std::ops::Range<usize>>,
) {
    for (key, v) in t {
        let key_span = key.span();
        let name = format!("{prefix}{}", key.get_ref());
        if !is_valid_variable_name(&name) {
            r.error(&key_span, format!("invalid variable name `{name}`"))
                .expected =
                Some("lowercase letters, digits and `_`, dot-separated for nested values".into());
            continue;
        }
        let Some((table, _)) = r.table(v, &format!("variables.{name}")) else {
            continue;
        };
        // Tables under it that are no field of its own declare its fields
        // (`[variables.customer.email]`), whether or not it is declared
        // itself (`[variables.customer]`, the group, with a description).
        let (nested, table): (DeTable<'_>, DeTable<'_>) = table.into_iter().partition(|(k, v)| {
            !VARIABLE.contains(&k.get_ref().as_ref()) && matches!(v.get_ref(), DeValue::Table(_))
        });
        if !nested.is_empty() {
            read_variables(r, nested, &format!("{name}."), out, spans);
            if table.is_empty() {
                continue;
            }
        }
        let location = r.src.locate(key_span.start);
        let mut f = r.fields(table, format!("[variables.{name}]"), VARIABLE);
        // Each value with where it is written, for a refusal to point at.
        let mut refused = Vec::new();
        let mut text = |r: &mut Reader<'_, '_>, field: &'static str| {
            f.take(field).and_then(|v| {
                let at = v.span();
                let value = scalar(r, v, field).map(|s| (s, at));
                if value.is_none() {
                    refused.push(field);
                }
                value
            })
        };
        let description = text(r, "description").map(|(s, _)| s);
        let example = text(r, "example");
        let default = text(r, "default");
        let pattern_value = f.take("pattern");
        let pattern = pattern_value.and_then(|v| {
            let pspan = v.span();
            let source = r.string(v, "pattern")?.into_inner();
            match regex_lite::Regex::new(&source) {
                Ok(regex) => Some(Pattern { source, regex }),
                Err(e) => {
                    r.error(&pspan, format!("invalid pattern for `{name}`: {e}"))
                        .expected = Some("a regular expression such as \"^[0-9]+$\"".into());
                    None
                }
            }
        });
        f.finish(r);
        if let Some(p) = &pattern {
            for (field, value) in [("example", &example), ("default", &default)] {
                if let Some((value, at)) = value
                    && !p.matches(value)
                {
                    r.error(
                        at,
                        format!("the {field} of `{name}`, \"{value}\", does not match its pattern"),
                    )
                    .expected = Some(format!("a value matching {}", p.source));
                }
            }
        }
        // A default goes into every reply sent without the value: one
        // `use` refuses to copy (`TODO`, `[Name]`) would block them all.
        if let Some((value, at)) = &default
            && let Some(m) = marks(value)
                .into_iter()
                .find(|m| m.kind == MarkKind::Unfilled)
        {
            r.error(
                at,
                format!(
                    "the default of `{name}`, \"{}\", holds `{}`: `use` refuses to copy a reply holding it",
                    one_line(value),
                    m.text
                ),
            )
            .expected = Some("the text a customer should read, or no default".into());
        }
        let spec = VariableSpec {
            name: name.clone(),
            description,
            example: example.map(|(s, _)| s),
            default: default.map(|(s, _)| s),
            pattern,
            location,
            refused,
        };
        // `[variables."customer.email"]` and `[variables.customer.email]`
        // are one name: two branches may each add one and merge without a
        // conflict, and one would replace the other, its pattern lost. The
        // one written first is kept, whichever the parser hands over first.
        if let Some(first) = spans.get(&name).cloned() {
            let (kept, told) = if key_span.start < first.start {
                let line = spec.location.line;
                out.insert(name.clone(), spec);
                spans.insert(name.clone(), key_span);
                (line, first)
            } else {
                (out.get(&name).map_or(0, |v| v.location.line), key_span)
            };
            r.error(
                &told,
                format!(
                    "variable `{name}` is declared twice, first on line {kept}: a quoted name and a dotted one are the same variable"
                ),
            )
            .expected = Some("one declaration: merge the two".into());
            continue;
        }
        spans.insert(name.clone(), key_span);
        out.insert(name, spec);
    }
}

/// A string, or a number written bare (`example = 1245`), as text.
fn scalar(r: &mut Reader<'_, '_>, v: super::fields::Value<'_>, field: &str) -> Option<String> {
    match v.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n.to_string()),
        DeValue::Float(f) => Some(f.as_str().to_string()),
        _ => r.string(v, field).map(|s| s.into_inner()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Manifest, Vec<Diagnostic>) {
        parse(Path::new("canned.toml"), text)
    }

    /// A key slipped under a variable's table (partials written after
    /// `[variables.ticket]`) is told in that table, by its name.
    #[test]
    fn an_unknown_field_names_the_variables_table() {
        let (_, problems) =
            parse_str("[variables.ticket]\ndescription = \"Ticket\"\np0 = \"— {{ agent }}\"\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].message,
            "unknown field `p0` in [variables.ticket]"
        );
    }

    #[test]
    fn reads_vocabulary_variables_and_partials() {
        let (m, problems) = parse_str(
            "[library]\nname = \"Acme\"\nlanguages = [\"en\", \"fr\"]\ntopics = [\"billing\"]\n\
             [variables.order]\ndescription = \"Order\"\nexample = 1245\npattern = \"^[0-9]+$\"\n\
             [variables.customer.name]\nexample = \"Sarah\"\n\
             [partials]\nsignature = \"— {{ agent }}\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.name.as_deref(), Some("Acme"));
        assert_eq!(m.languages.len(), 2);
        assert_eq!(m.variables["order"].example.as_deref(), Some("1245"));
        assert!(m.variables.contains_key("customer.name"));
        assert!(m.partials.contains_key("signature"));
    }

    #[test]
    fn a_group_declared_with_its_fields_declares_both() {
        let (m, problems) = parse_str(
            "[variables.customer]\ndescription = \"The customer\"\nexample = \"x\"\n\
             [variables.customer.email]\ndescription = \"e\"\nexample = \"a@b.c\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(m.variables["customer"].example.as_deref(), Some("x"));
        assert_eq!(
            m.variables["customer.email"].example.as_deref(),
            Some("a@b.c")
        );
    }

    /// Two branches may each declare one form and merge without a
    /// conflict: the second is told, and the first kept whole, pattern and
    /// all.
    #[test]
    fn a_variable_declared_quoted_and_dotted_is_told_twice_declared() {
        let (m, problems) = parse_str(
            "[variables.customer.email]\ndescription = \"e\"\nexample = \"a@b.c\"\npattern = \"@\"\n\
             [variables.\"customer.email\"]\ndescription = \"f\"\nexample = \"x@y.z\"\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            (problems[0].location.line, problems[0].location.column),
            (5, 12)
        );
        assert_eq!(
            problems[0].message,
            "variable `customer.email` is declared twice, first on line 1: a quoted name and a dotted one are the same variable"
        );
        assert!(m.variables["customer.email"].pattern.is_some());
        // Quoted first, dotted second: the same, the parser's order aside.
        let (m, problems) = parse_str(
            "[variables.\"customer.email\"]\ndescription = \"e\"\nexample = \"a@b.c\"\npattern = \"@\"\n\
             [variables.customer.email]\ndescription = \"f\"\nexample = \"x@y.z\"\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].location.line, 5);
        assert!(
            problems[0].message.contains("first on line 1"),
            "{problems:?}"
        );
        assert!(m.variables["customer.email"].pattern.is_some());
    }

    #[test]
    fn reports_an_unknown_key_with_a_suggestion() {
        let (_, problems) = parse_str("[library]\nlanguage = [\"en\"]\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].location.line, 2);
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean `languages`?")
        );
    }

    #[test]
    fn refuses_an_example_that_fails_its_own_pattern() {
        let (_, problems) =
            parse_str("[variables.order]\nexample = \"A12\"\npattern = \"^[0-9]+$\"\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("does not match"));
        // Where the example is written, not the table's header.
        assert_eq!(
            (problems[0].location.line, problems[0].location.column),
            (2, 11)
        );
    }
}
