//! The team lead's audit: facts about every response (where it is, when it
//! last changed, review, expiry, owner, use) and findings, each with a level.
//!
//! Pure: the caller passes the library, the change dates it got from git,
//! the usage log and today's date; nothing here prints or runs anything.

mod dates;
mod deletions;
mod similar;
mod text;

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use crate::domain::date::Date;
use crate::domain::diagnostic::{Location, Severity};
use crate::domain::library::Library;
use crate::domain::model::{Lang, Response};
use crate::domain::usage::Usage;

/// How much a finding matters. `--fail-on LEVEL` fails on this level or worse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        ["info", "warning", "error"][self as usize]
    }
}

/// What a finding is about. Each kind has one level (see [`Kind::level`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Invalid,
    Placeholder,
    HardCodedNumber,
    Expired,
    Stale,
    Duplicate,
    Untranslated,
    Jargon,
    Expiring,
    TooLong,
    UnusedVariable,
    NeverUsed,
    NoExamples,
}

impl Kind {
    /// The level of every finding of this kind:
    /// - error: a response or a file `canned check` refuses, left out of
    ///   the library (and so of every other finding), and text `canned
    ///   use` refuses to copy (`[Name]`, `XXX`, `TODO`);
    /// - warning: what a customer could notice or an agent trip on;
    /// - info: housekeeping.
    pub fn level(self) -> Level {
        match self {
            Kind::Invalid | Kind::Placeholder => Level::Error,
            Kind::HardCodedNumber
            | Kind::Expired
            | Kind::Stale
            | Kind::Duplicate
            | Kind::Untranslated
            | Kind::Jargon => Level::Warning,
            Kind::Expiring
            | Kind::TooLong
            | Kind::UnusedVariable
            | Kind::NeverUsed
            | Kind::NoExamples => Level::Info,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Invalid => "invalid",
            Kind::Placeholder => "placeholder",
            Kind::HardCodedNumber => "hard-coded-number",
            Kind::Expired => "expired",
            Kind::Stale => "stale",
            Kind::Duplicate => "duplicate",
            Kind::Untranslated => "untranslated",
            Kind::Jargon => "jargon",
            Kind::Expiring => "expiring",
            Kind::TooLong => "too-long",
            Kind::UnusedVariable => "unused-variable",
            Kind::NeverUsed => "never-used",
            Kind::NoExamples => "no-examples",
        }
    }
}

/// One thing worth a look, located in a file.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub level: Level,
    pub kind: Kind,
    #[serde(flatten)]
    pub location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    pub message: String,
}

impl Finding {
    fn new(kind: Kind, location: Location, message: String) -> Finding {
        Finding {
            level: kind.level(),
            kind,
            location,
            response: None,
            lang: None,
            message,
        }
    }

    fn about(mut self, r: &Response, lang: Option<&Lang>) -> Finding {
        self.response = Some(r.id.to_string());
        self.lang = lang.cloned();
        self
    }
}

pub use dates::{LastChange, LineChange, last_change};
pub use deletions::{BodyLines, Patch, deletions, parse_patches};
pub use similar::{Duplicate, for_each_similar_pair, shingles, similarity};
pub use text::Jargon;

/// What the audit knows about one response, and what it found.
#[derive(Debug, Serialize)]
pub struct ResponseAudit {
    pub id: String,
    pub title: String,
    /// Where the response is, as the terminal shows it (`lib/billing.toml`).
    #[serde(skip)]
    pub path: std::path::PathBuf,
    /// The same, relative to the library, as every JSON output names it.
    pub file: String,
    pub line: usize,
    #[serde(serialize_with = "date_opt")]
    pub last_changed: Option<Date>,
    /// `committed`, `uncommitted` or `unknown`.
    pub change: &'static str,
    #[serde(serialize_with = "date_opt")]
    pub reviewed: Option<Date>,
    #[serde(serialize_with = "date_opt")]
    pub expires: Option<Date>,
    pub owner: Option<String>,
    pub languages: Vec<Lang>,
    /// Uses in the last 30 days; `None` without a usage log.
    pub uses_last_30_days: Option<usize>,
    pub findings: Vec<Finding>,
}

fn date_opt<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// The whole audit.
#[derive(Debug)]
pub struct Report {
    pub responses: Vec<ResponseAudit>,
    /// Findings about the library rather than one response (unused variables).
    pub library_findings: Vec<Finding>,
}

impl Report {
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.responses
            .iter()
            .flat_map(|r| &r.findings)
            .chain(&self.library_findings)
    }

    pub fn count(&self, level: Level) -> usize {
        self.findings().filter(|f| f.level == level).count()
    }

    pub fn worst(&self) -> Option<Level> {
        self.findings().map(|f| f.level).max()
    }
}

/// What git could tell, for the report.
#[derive(Serialize)]
pub struct GitView {
    pub available: bool,
    pub shallow: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Everything the audit looks at.
pub struct Input<'a> {
    pub lib: &'a Library,
    /// When each response (by id) last changed; a missing id is unknown.
    pub changes: &'a HashMap<String, LastChange>,
    /// The usage log, when there is one.
    pub usage: Option<&'a Usage>,
    pub today: Date,
    /// Now, in Unix seconds, for "uses in the last 30 days".
    pub now: u64,
    pub stale_after_days: i64,
}

/// Days ahead within which an expiry date is reported.
pub const EXPIRING_DAYS: i64 = 30;
/// How long the usage log must cover before "never used" is reported.
pub const USAGE_SPAN_DAYS: u64 = 30;
/// Share of word triples two bodies must have in common to be near-duplicates, in %.
pub const DUPLICATE_PERCENT: usize = 80;

pub fn audit(input: &Input) -> Report {
    let lib = input.lib;
    let mut per_response: Vec<Vec<Finding>> = vec![Vec::new(); lib.responses.len()];
    let jargon = Jargon::new(&lib.manifest.jargon);
    // "Never used" means something only once the log covers a while.
    let log_days = input
        .usage
        .and_then(|u| u.since)
        .map(|since| input.now.saturating_sub(since) / 86_400)
        .filter(|&days| days >= USAGE_SPAN_DAYS);
    let uses_examples = lib
        .responses
        .iter()
        .any(|r| r.texts().any(|(_, t)| !t.examples.is_empty()));
    // The near-duplicate pass reads the library only, like the checks of
    // each response: it runs beside them, on a second core when there is
    // one (about half of a 100,000-response audit each).
    let duplicates = std::thread::scope(|s| {
        let duplicates = s.spawn(|| similar::duplicates(lib));
        for (i, r) in lib.responses.iter().enumerate() {
            each_response(
                r,
                &mut per_response[i],
                input,
                &jargon,
                log_days,
                uses_examples,
            );
        }
        duplicates
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    });
    for d in duplicates {
        let (a, b, lang) = (&lib.responses[d.earlier], &lib.responses[d.later], d.lang);
        // Alike by words alone, "identical" would have a lead delete one
        // unread: "refunded. It will NOT be charged" and "refunded? It
        // will not be charged!" are not.
        // Read as `show` gives it: a file saved on Windows ends its lines
        // in CRLF, the same text all the same.
        let body = |r: &Response| {
            r.text_in(lang)
                .map(|t| crate::domain::text::with_lf(&t.body).into_owned())
        };
        let unspaced = |body: Option<String>| {
            body.map(|b| b.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        };
        let how = if d.percent == 100 && body(a) == body(b) {
            "identical to".to_string()
        } else if d.percent == 100 && unspaced(body(a)) == unspaced(body(b)) {
            "identical but for spaces and line breaks to".to_string()
        } else if d.percent == 100 {
            "the same word for word (not in case, accents or punctuation) as".to_string()
        } else {
            format!("{}% similar to", d.percent)
        };
        let l = (lang != &b.lang).then_some(lang);
        // A translation is named as one, where its text is: the response's
        // line would send the lead to the other language.
        let (whose, at) = match a.text_in(lang).filter(|_| lang != &a.lang) {
            Some(t) => (format!("`{}`'s {lang} text", a.id), &t.body_at.start),
            None => (format!("`{}`", a.id), &a.location),
        };
        // Beyond a pair, the lead learns how many there are to merge,
        // in one finding per response rather than one per pair.
        let group = match d.group {
            0..=2 => String::new(),
            n => format!(", one of {n} alike"),
        };
        per_response[d.later].push(
            Finding::new(
                Kind::Duplicate,
                b.text_in(lang)
                    .map_or(b.location.clone(), |t| t.body_at.start.clone()),
                format!(
                    "body {how} {whose} ({}:{}){group}",
                    at.path.display(),
                    at.line
                ),
            )
            .about(b, l),
        );
    }
    let responses = lib
        .responses
        .iter()
        .zip(per_response)
        .map(|(r, findings)| facts(r, change_of(r, input), findings, input))
        .collect();
    // A partial's text goes into every reply that includes it: read as a
    // body is (too long is a reply's measure, not a partial's).
    let mut library_findings: Vec<Finding> = lib
        .manifest
        .partials
        .values()
        .flat_map(|p| text::text_findings(&p.body, &p.body_at, lib, &jargon))
        .filter(|f| f.kind != Kind::TooLong)
        .collect();
    library_findings.extend(text::unused_variables(lib));
    // A CI job pointed at the wrong, empty directory must not go green
    // either (as `check` says it).
    if lib.files.is_empty() {
        let root = Location {
            path: lib.root.clone(),
            line: 1,
            column: 1,
        };
        library_findings.push(Finding::new(
            Kind::Invalid,
            root,
            "no response files in the library: nothing to audit".to_string(),
        ));
    }
    // What loading left out is audited nowhere else: a lead's CI must not
    // go green on a library whose replies agents cannot use.
    library_findings.extend(
        lib.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| Finding {
                response: p.response.clone(),
                ..Finding::new(
                    Kind::Invalid,
                    p.location.clone(),
                    format!("{} (`canned check` says more)", p.message),
                )
            }),
    );
    Report {
        responses,
        library_findings,
    }
}

fn change_of(r: &Response, input: &Input) -> LastChange {
    input
        .changes
        .get(r.id.as_str())
        .map_or(LastChange::Unknown { not_after: None }, |c| {
            c.as_of(input.today)
        })
}

/// The findings about one response on its own (all but near-duplicates).
fn each_response(
    r: &Response,
    out: &mut Vec<Finding>,
    input: &Input,
    jargon: &Jargon,
    log_days: Option<u64>,
    uses_examples: bool,
) {
    let lib = input.lib;
    out.extend(dates::findings(r, change_of(r, input), input));
    out.extend(text::untranslated(r, &lib.manifest.languages));
    for (lang, text) in r.texts() {
        let lang = (lang != &r.lang).then_some(lang);
        out.extend(
            text::text_findings(&text.body, &text.body_at, lib, jargon)
                .into_iter()
                .map(|f| f.about(r, lang)),
        );
        // `suggest` learns how customers ask from examples; without
        // them it goes by the reply's own wording. Said once a library
        // uses examples at all: before that, every reply would be listed.
        if uses_examples && text.examples.is_empty() && !r.is_expired(input.today) {
            out.push(
                Finding::new(
                    Kind::NoExamples,
                    text.body_at.start.clone(),
                    "no `examples`: `suggest` finds this reply by its own wording only".to_string(),
                )
                .about(r, lang),
            );
        }
    }
    if let Some(days) = log_days
        && input
            .usage
            .is_some_and(|u| u.uses_since(r.id.as_str(), 0) == 0)
    {
        out.push(
            Finding::new(
                Kind::NeverUsed,
                r.location.clone(),
                format!("never used in the {days} days this machine's usage log covers"),
            )
            .about(r, None),
        );
    }
}

/// What the report says about one response.
fn facts(
    r: &Response,
    change: LastChange,
    mut findings: Vec<Finding>,
    input: &Input,
) -> ResponseAudit {
    findings.sort_by(|a, b| a.location.cmp(&b.location).then(b.level.cmp(&a.level)));
    ResponseAudit {
        id: r.id.to_string(),
        title: r.text.title.clone(),
        path: r.location.path.clone(),
        file: crate::domain::json::relative(&r.location.path, &input.lib.root),
        line: r.location.line,
        last_changed: change.date(input.today),
        change: match change {
            LastChange::On(_) => "committed",
            LastChange::Uncommitted => "uncommitted",
            LastChange::Unknown { .. } | LastChange::Ahead(_) => "unknown",
        },
        reviewed: r.reviewed,
        expires: r.expires,
        owner: r.owner.clone(),
        languages: r.languages().cloned().collect(),
        uses_last_30_days: input
            .usage
            .filter(|u| u.since.is_some())
            .map(|u| u.uses_since(r.id.as_str(), input.now.saturating_sub(30 * 86_400))),
        findings,
    }
}
