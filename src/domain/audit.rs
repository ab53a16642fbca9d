//! The team lead's audit: facts about every response (where it is, when it
//! last changed, review, expiry, owner, use) and findings, each with a level.
//!
//! Pure: the caller passes the library, the change dates it got from git,
//! the usage log and today's date; nothing here prints or runs anything.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use serde::{Serialize, Serializer};

use crate::domain::check::locate_in_body;
use crate::domain::date::Date;
use crate::domain::diagnostic::Location;
use crate::domain::library::Library;
use crate::domain::model::{Lang, Response};
use crate::domain::template::blank_syntax;
use crate::domain::template::{Templates, first_use};
use crate::platform::git::LineChange;
use crate::platform::usage::Usage;

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
}

impl Kind {
    /// The level of every finding of this kind:
    /// - error: text `canned use` refuses to copy (`[Name]`, `XXX`, `TODO`);
    /// - warning: what a customer could notice or an agent trip on;
    /// - info: housekeeping.
    pub fn level(self) -> Level {
        match self {
            Kind::Placeholder => Level::Error,
            Kind::HardCodedNumber
            | Kind::Expired
            | Kind::Stale
            | Kind::Duplicate
            | Kind::Untranslated
            | Kind::Jargon => Level::Warning,
            Kind::Expiring | Kind::TooLong | Kind::UnusedVariable | Kind::NeverUsed => Level::Info,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
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

/// When a response's lines last changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LastChange {
    /// In a commit of that day.
    On(Date),
    /// Some lines are not committed yet: changed today.
    Uncommitted,
    /// Nobody can tell: no git, or lines from the commit a shallow clone was
    /// cut at, which changed on `not_after` or before.
    Unknown { not_after: Option<Date> },
}

impl LastChange {
    /// The latest day the change can have happened, when anything is known.
    fn latest(self, today: Date) -> Option<Date> {
        match self {
            LastChange::On(d) => Some(d),
            LastChange::Uncommitted => Some(today),
            LastChange::Unknown { not_after } => not_after,
        }
    }

    /// The day to show, when it is known for sure.
    pub fn date(self, today: Date) -> Option<Date> {
        match self {
            LastChange::On(d) => Some(d),
            LastChange::Uncommitted => Some(today),
            LastChange::Unknown { .. } => None,
        }
    }
}

/// The last change among lines `first..=last` (1-based) of a blamed file;
/// `to_date` turns a commit's Unix time into a day.
pub fn last_change(
    lines: &[LineChange],
    first: usize,
    last: usize,
    to_date: impl Fn(i64) -> Date,
) -> LastChange {
    let range = lines
        .get(first.saturating_sub(1)..last.min(lines.len()))
        .unwrap_or(&[]);
    if range.is_empty() || range.contains(&LineChange::Uncommitted) {
        return LastChange::Uncommitted;
    }
    let known = range
        .iter()
        .filter_map(|l| match l {
            LineChange::Committed(t) => Some(*t),
            _ => None,
        })
        .max();
    let bound = range
        .iter()
        .filter_map(|l| match l {
            LineChange::Boundary(t) => Some(*t),
            _ => None,
        })
        .max();
    match (known, bound) {
        (Some(k), b) if b.is_none_or(|b| b <= k) => LastChange::On(to_date(k)),
        (_, b) => LastChange::Unknown {
            not_after: b.map(to_date),
        },
    }
}

/// What the audit knows about one response, and what it found.
#[derive(Debug, Serialize)]
pub struct ResponseAudit {
    pub id: String,
    pub title: String,
    pub file: std::path::PathBuf,
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
    let change_of = |r: &Response| {
        input
            .changes
            .get(r.id.as_str())
            .copied()
            .unwrap_or(LastChange::Unknown { not_after: None })
    };
    // "Never used" means something only once the log covers a while.
    let log_days = input
        .usage
        .and_then(|u| u.since)
        .map(|since| input.now.saturating_sub(since) / 86_400)
        .filter(|&days| days >= USAGE_SPAN_DAYS);
    for (i, r) in lib.responses.iter().enumerate() {
        let out = &mut per_response[i];
        out.extend(dates(r, change_of(r), input));
        out.extend(untranslated(r, &lib.manifest.languages));
        for (lang, text) in r.texts() {
            let lang = (lang != &r.lang).then_some(lang);
            out.extend(
                text_findings(&text.body, &text.body_start, lib, &jargon)
                    .into_iter()
                    .map(|f| f.about(r, lang)),
            );
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
    for (later, earlier, lang, percent) in duplicates(lib) {
        let (a, b) = (&lib.responses[earlier], &lib.responses[later]);
        let how = if percent == 100 {
            "identical to".to_string()
        } else {
            format!("{percent}% similar to")
        };
        let l = (lang != &b.lang).then_some(lang);
        per_response[later].push(
            Finding::new(
                Kind::Duplicate,
                b.text_in(lang)
                    .map_or(b.location.clone(), |t| t.body_start.clone()),
                format!(
                    "body {how} `{}` ({}:{})",
                    a.id,
                    a.location.path.display(),
                    a.location.line
                ),
            )
            .about(b, l),
        );
    }
    let responses = lib
        .responses
        .iter()
        .zip(per_response)
        .map(|(r, findings)| facts(r, change_of(r), findings, input))
        .collect();
    Report {
        responses,
        library_findings: unused_variables(lib),
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
        file: r.location.path.clone(),
        line: r.location.line,
        last_changed: change.date(input.today),
        change: match change {
            LastChange::On(_) => "committed",
            LastChange::Uncommitted => "uncommitted",
            LastChange::Unknown { .. } => "unknown",
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

/// Stale, expired and expiring.
fn dates(r: &Response, change: LastChange, input: &Input) -> Vec<Finding> {
    let today = input.today;
    let mut out = Vec::new();
    let freshest = change.latest(today).max(r.reviewed);
    let age = freshest.map(|d| today.days_since(d));
    if age.is_none_or(|a| a > input.stale_after_days) {
        let changed = match change {
            LastChange::On(d) => format!("last changed {d}"),
            LastChange::Uncommitted => "changed today".into(),
            LastChange::Unknown { not_after: Some(d) } => format!("last changed {d} or before"),
            LastChange::Unknown { not_after: None } => "no change date".into(),
        };
        let reviewed = r
            .reviewed
            .map_or("never reviewed".into(), |d| format!("reviewed {d}"));
        let message = match age {
            Some(a) => format!(
                "not changed or reviewed for {a} days (limit {}): {changed}, {reviewed}",
                input.stale_after_days
            ),
            None => format!("{reviewed}, and {changed} from git"),
        };
        out.push(Finding::new(Kind::Stale, r.location.clone(), message).about(r, None));
    }
    if let Some(e) = r.expires {
        let days = e.days_since(today);
        if days < 0 {
            out.push(
                Finding::new(
                    Kind::Expired,
                    r.location.clone(),
                    format!(
                        "expired on {e}, {} ago: agents no longer see it",
                        ago(-days)
                    ),
                )
                .about(r, None),
            );
        } else if days <= EXPIRING_DAYS {
            let when = match days {
                0 => "today (last day shown)".to_string(),
                1 => "tomorrow".to_string(),
                n => format!("in {n} days"),
            };
            out.push(
                Finding::new(
                    Kind::Expiring,
                    r.location.clone(),
                    format!("expires on {e}, {when}"),
                )
                .about(r, None),
            );
        }
    }
    out
}

fn ago(days: i64) -> String {
    if days == 1 {
        "1 day".into()
    } else {
        format!("{days} days")
    }
}

fn untranslated(r: &Response, languages: &[Lang]) -> Option<Finding> {
    let missing: Vec<&str> = languages
        .iter()
        .filter(|l| r.text_in(l).is_none())
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

/// Text that looks like a placeholder someone forgot to fill in: the
/// matched text, its byte offset, and whether it is only a hard-coded number.
pub fn placeholders(blanked: &str) -> Vec<(String, usize, Kind)> {
    static UNFILLED: LazyLock<regex_lite::Regex> = LazyLock::new(|| {
        regex_lite::Regex::new(
            r"\[[A-Za-z][A-Za-z0-9 _.'-]{0,30}\]|\bX{3,}\b|\bTODO\b|\bTBD\b|\bFIXME\b|<[a-z_]+>",
        )
        .expect("valid regex")
    });
    static NUMBER: LazyLock<regex_lite::Regex> =
        LazyLock::new(|| regex_lite::Regex::new(r"#[0-9]{2,}\b").expect("valid regex"));
    // regex-lite has no literal prefilter of its own: skip what cannot match.
    let maybe_unfilled = ["[", "<", "XXX", "TODO", "TBD", "FIXME"]
        .iter()
        .any(|n| blanked.contains(n));
    let unfilled = maybe_unfilled.then(|| UNFILLED.find_iter(blanked));
    let numbers = blanked.contains('#').then(|| NUMBER.find_iter(blanked));
    let mut seen = BTreeSet::new();
    let mut out: Vec<(String, usize, Kind)> = unfilled
        .into_iter()
        .flatten()
        .map(|m| (m, Kind::Placeholder))
        .chain(
            numbers
                .into_iter()
                .flatten()
                .map(|m| (m, Kind::HardCodedNumber)),
        )
        .filter(|(m, _)| seen.insert(m.as_str().to_string()))
        .map(|(m, k)| (m.as_str().to_string(), m.start(), k))
        .collect();
    out.sort_by_key(|p| p.1);
    out
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
fn text_findings(body: &str, start: &Location, lib: &Library, jargon: &Jargon) -> Vec<Finding> {
    let blanked = blank_syntax(body);
    let mut out = Vec::new();
    for (text, offset, kind) in placeholders(&blanked) {
        let message = match kind {
            Kind::Placeholder => {
                format!(
                    "`{text}` looks like a placeholder left in; `canned use` refuses to copy it"
                )
            }
            _ => format!(
                "`{text}` looks like a hard-coded number; use a variable such as `#{{{{ order }}}}`"
            ),
        };
        out.push(Finding::new(
            kind,
            locate_in_body(start, body, offset),
            message,
        ));
    }
    for (term, offset) in jargon.find(&blanked) {
        out.push(Finding::new(
            Kind::Jargon,
            locate_in_body(start, body, offset),
            format!("jargon `{term}`: say it the way a customer would"),
        ));
    }
    let words = blanked.split_whitespace().count();
    if words > lib.manifest.max_body_words {
        out.push(Finding::new(
            Kind::TooLong,
            start.clone(),
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
fn unused_variables(lib: &Library) -> Vec<Finding> {
    let partials: Vec<(String, &str)> = lib
        .manifest
        .partials
        .iter()
        .map(|(n, p)| (n.clone(), p.body.as_str()))
        .collect();
    let bodies = lib.responses.iter().flat_map(|r| {
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

/// Word triples of a body, hashed, sorted, without repeats. A body of one or
/// two words is its own single "triple".
pub fn shingles(body: &str) -> Vec<u64> {
    // FNV-1a per word, then the three words mixed in order: fast, and
    // collisions are too rare to move a percentage.
    let word = |w: &str| {
        w.chars()
            .flat_map(char::to_lowercase)
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, c| {
                (h ^ u64::from(c)).wrapping_mul(0x0100_0000_01b3)
            })
    };
    let words: Vec<u64> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word)
        .collect();
    let mix = |ws: &[u64]| {
        let h = ws.iter().fold(0u64, |h, w| {
            (h.rotate_left(23) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        });
        h ^ (h >> 29)
    };
    let mut out: Vec<u64> = match words.len() {
        0 => Vec::new(),
        1 | 2 => vec![mix(&words)],
        _ => words.windows(3).map(mix).collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Shingles are hashes already: a map keyed by them need not hash again.
#[derive(Default)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type ShingleMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<Prehashed>>;

/// Jaccard similarity of two sorted sets, in whole percent (rounded down).
pub fn similarity(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    (common * 100).checked_div(union).unwrap_or(0)
}

/// Pairs of bodies in the same language at least [`DUPLICATE_PERCENT`]
/// similar: (later response, earlier response, language, percent).
///
/// Candidates come from a prefix-filtered shingle index: two sets with
/// Jaccard ≥ t share at least ⌈t·|x|⌉ shingles, so under one global order
/// (rarest first) their first |x| − ⌈t·|x|⌉ + 1 shingles must meet. Only
/// those prefixes are indexed, so common boilerplate never makes the pair
/// count quadratic, and no true pair is missed.
fn duplicates(lib: &Library) -> Vec<(usize, usize, &Lang, usize)> {
    let mut by_lang: HashMap<&Lang, Vec<(usize, Vec<u64>)>> = HashMap::new();
    for (i, r) in lib.responses.iter().enumerate() {
        for (lang, text) in r.texts() {
            let s = shingles(&text.body);
            if !s.is_empty() {
                by_lang.entry(lang).or_default().push((i, s));
            }
        }
    }
    let mut out = Vec::new();
    for (lang, docs) in by_lang {
        for (x, y, percent) in similar_pairs(&docs, DUPLICATE_PERCENT) {
            out.push((
                docs[x].0.max(docs[y].0),
                docs[x].0.min(docs[y].0),
                lang,
                percent,
            ));
        }
    }
    out.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    out
}

/// Index pairs `(x, y)` of `docs` whose shingle sets are at least
/// `percent`% similar, with their similarity.
///
/// All-pairs with prefix and positional filtering (PPJoin): sets are taken
/// smallest first, each probes the index with its prefix, and a candidate is
/// dropped as soon as the shingles left on either side cannot make up the
/// overlap the threshold needs. The survivors are compared in full.
pub fn similar_pairs(docs: &[(usize, Vec<u64>)], percent: usize) -> Vec<(usize, usize, usize)> {
    let mut freq: ShingleMap<u32> = ShingleMap::default();
    for (_, s) in docs {
        for h in s {
            *freq.entry(*h).or_default() += 1;
        }
    }
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&x| docs[x].1.len());
    // Shingle → (set, position in that set's rarest-first order).
    let mut index: ShingleMap<Vec<(u32, u32)>> = ShingleMap::default();
    // Overlap seen so far with each candidate, for the set being probed.
    let mut overlap: Vec<i64> = vec![0; docs.len()];
    let mut stamp: Vec<usize> = vec![usize::MAX; docs.len()];
    let mut out = Vec::new();
    for &x in &order {
        let set = &docs[x].1;
        let nx = set.len();
        if nx == 0 {
            continue;
        }
        let mut ranked: Vec<(u32, u64)> = set.iter().map(|h| (freq[h], *h)).collect();
        ranked.sort_unstable();
        let ordered: Vec<u64> = ranked.into_iter().map(|(_, h)| h).collect();
        let prefix = nx - (percent * nx).div_ceil(100) + 1;
        let mut candidates = Vec::new();
        for (i, h) in ordered.iter().take(prefix).enumerate() {
            for &(y, j) in index.get(h).map_or(&[][..], Vec::as_slice) {
                let (y, j) = (y as usize, j as usize);
                let ny = docs[y].1.len();
                // Smaller sets come first: too small to reach the threshold.
                if ny * 100 < percent * nx {
                    continue;
                }
                if stamp[y] != x {
                    stamp[y] = x;
                    overlap[y] = 0;
                }
                if overlap[y] < 0 {
                    continue;
                }
                // Overlap needed for Jaccard ≥ t: t/(1+t)·(|x|+|y|).
                let needed = (percent * (nx + ny)).div_ceil(100 + percent) as i64;
                let reachable = overlap[y] + (nx - i).min(ny - j) as i64;
                if reachable >= needed {
                    if overlap[y] == 0 {
                        candidates.push(y);
                    }
                    overlap[y] += 1;
                } else {
                    overlap[y] = i64::MIN / 2;
                }
            }
        }
        for (i, h) in ordered.iter().take(prefix).enumerate() {
            index.entry(*h).or_default().push((x as u32, i as u32));
        }
        for y in candidates {
            if overlap[y] <= 0 || docs[x].0 == docs[y].0 {
                continue;
            }
            let p = similarity(set, &docs[y].1);
            if p >= percent {
                out.push((x, y, p));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_syntax_is_never_a_placeholder() {
        let body = "Hi {{ name }}, order #{{ order }} {% if vip %}[VIP]{% endif %}{# TODO #}";
        let found = placeholders(&blank_syntax(body));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "[VIP]");
    }

    #[test]
    fn bracketed_names_xxx_and_todo_are_placeholders() {
        let found = placeholders("Hi [Name], see XXX and TODO: fix, TBD <name>");
        let texts: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(texts, ["[Name]", "XXX", "TODO", "TBD", "<name>"]);
        assert!(found.iter().all(|f| f.2 == Kind::Placeholder));
    }

    #[test]
    fn a_number_after_a_hash_is_a_hard_coded_number_but_words_are_not() {
        let found = placeholders("Your order #1245 is late; we're #1 at it; todo list; #tag");
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].0.as_str(), found[0].2),
            ("#1245", Kind::HardCodedNumber)
        );
        assert_eq!(found[0].1, "Your order ".len());
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

    #[test]
    fn similarity_is_the_share_of_word_triples_in_common() {
        let a = shingles("one two three four five");
        let b = shingles("One, two three four five!");
        assert_eq!(similarity(&a, &b), 100);
        let c = shingles("one two three four six");
        // {123, 234, 345} vs {123, 234, 346}: 2 of 4.
        assert_eq!(similarity(&a, &c), 50);
        assert_eq!(similarity(&a, &shingles("nothing alike here at all")), 0);
    }

    #[test]
    fn near_duplicates_are_found_through_the_index_and_others_are_not() {
        let base = "thanks for your patience we have refunded your order and the money \
                    will be back on your card within five working days";
        let docs: Vec<(usize, Vec<u64>)> = [
            base.to_string(),
            format!("{base} today"),
            "something else entirely about passwords and how to reset them safely".into(),
            format!("{base} today"),
        ]
        .iter()
        .enumerate()
        .map(|(i, b)| (i, shingles(b)))
        .collect();
        let mut pairs: Vec<(usize, usize)> = similar_pairs(&docs, 80)
            .into_iter()
            .map(|(x, y, _)| (x.min(y), x.max(y)))
            .collect();
        pairs.sort();
        assert_eq!(pairs, [(0, 1), (0, 3), (1, 3)]);
    }

    #[test]
    fn the_prefix_filter_misses_no_pair_a_full_comparison_finds() {
        // Bodies built from a small vocabulary, so many pairs are close.
        let words = ["a", "b", "c", "d", "e"];
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let docs: Vec<(usize, Vec<u64>)> = (0..60)
            .map(|i| {
                let n = 4 + next() % 5;
                let body: Vec<&str> = (0..n).map(|_| words[next() % 2]).collect();
                (i, shingles(&body.join(" ")))
            })
            .collect();
        for percent in [50, 80, 100] {
            let mut fast: Vec<(usize, usize)> = similar_pairs(&docs, percent)
                .into_iter()
                .map(|(x, y, _)| (x.min(y), x.max(y)))
                .collect();
            fast.sort();
            let mut slow = Vec::new();
            for x in 0..docs.len() {
                for y in x + 1..docs.len() {
                    if similarity(&docs[x].1, &docs[y].1) >= percent {
                        slow.push((x, y));
                    }
                }
            }
            assert_eq!(fast, slow, "at {percent}%");
        }
    }

    #[test]
    fn the_last_change_is_the_newest_line_and_uncommitted_means_today() {
        let day = |t: i64| Date::from_days(t);
        let lines = [
            LineChange::Committed(3),
            LineChange::Committed(9),
            LineChange::Committed(5),
            LineChange::Uncommitted,
        ];
        assert_eq!(last_change(&lines, 1, 3, day), LastChange::On(day(9)));
        assert_eq!(last_change(&lines, 3, 4, day), LastChange::Uncommitted);
    }

    #[test]
    fn lines_from_a_shallow_boundary_make_the_last_change_unknown() {
        let day = |t: i64| Date::from_days(t);
        let lines = [LineChange::Committed(3), LineChange::Boundary(7)];
        assert_eq!(
            last_change(&lines, 1, 2, day),
            LastChange::Unknown {
                not_after: Some(day(7))
            }
        );
        let lines = [LineChange::Committed(9), LineChange::Boundary(7)];
        assert_eq!(last_change(&lines, 1, 2, day), LastChange::On(day(9)));
    }
}
