//! What the usage log says: one line per response used
//! (`UNIX-SECONDS<TAB>ID<TAB>LANG`), and, once the log is compacted, one
//! line per response for its older uses
//! (`folded<TAB>ID<TAB>COUNT<TAB>FIRST<TAB>LAST<TAB>AT<TAB>WEIGHT`). Search
//! breaks ties with it; audit reports it. The file itself is the
//! platform's (`platform::usage`).

use std::collections::HashMap;
use std::fmt::Write;

use crate::domain::rules::is_identifier;

/// Uses older than this are folded when the log is compacted. Audit asks
/// about the last 30 days at most, so a folded use is never one it must
/// count by its date (the day of margin covers a slow clock).
pub const KEEP_SECONDS: u64 = 31 * 86_400;

/// How many foldable lines make compacting worth a rewrite: below this a
/// read costs well under a millisecond.
pub const COMPACT_AFTER: usize = 4096;

const WEEK: f64 = 7.0 * 86_400.0;

/// The older uses of one response, folded into one line.
#[derive(Clone, Debug, Default, PartialEq)]
struct Folded {
    count: usize,
    first: u64,
    last: u64,
    /// When it was folded: `weight` is its frecency then.
    at: u64,
    weight: f64,
}

impl Folded {
    fn parse<'a>(fields: &[&'a str]) -> Option<(&'a str, Folded)> {
        let [id, count, first, last, at, weight] = fields else {
            return None;
        };
        let f = Folded {
            count: count.parse().ok()?,
            first: first.parse().ok()?,
            last: last.parse().ok()?,
            at: at.parse().ok()?,
            weight: weight
                .parse()
                .ok()
                .filter(|w: &f64| w.is_finite() && *w >= 0.0)?,
        };
        (is_identifier(id) && f.first <= f.last).then_some((*id, f))
    }

    /// Its frecency at `now`: every use in it has aged by the same time.
    fn frecency(&self, now: u64) -> f64 {
        self.weight * 0.5f64.powf(now.saturating_sub(self.at) as f64 / WEEK)
    }

    /// Adds `other`, both seen from `now`.
    fn merge(&mut self, other: &Folded, now: u64) {
        self.first = if self.count == 0 {
            other.first
        } else {
            self.first.min(other.first)
        };
        self.last = self.last.max(other.last);
        self.count += other.count;
        self.weight = self.frecency(now) + other.frecency(now);
        self.at = now;
    }
}

/// What the log says, damaged lines left out.
#[derive(Debug, Default)]
pub struct Usage {
    uses: HashMap<String, Vec<u64>>,
    folded: HashMap<String, Folded>,
    /// The first time in the log: "never used" only means something after it.
    pub since: Option<u64>,
    pub damaged_lines: usize,
}

/// One line of the log, read.
enum Line<'a> {
    Use(u64, &'a str),
    Folded(&'a str, Folded),
    Damaged,
}

/// A use dated more than this after now is a damaged line, not a use to
/// come: a partial line (a full disk's short append) glued to the next one
/// reads as a date in a distant year, and counted it would stay the most
/// recent use for ever.
const AHEAD: u64 = 86_400;

fn read_line(line: &str, now: u64) -> Line<'_> {
    // Split without allocating: a log not compacted yet may be long.
    let mut fields = [""; 7];
    let mut n = 0;
    for field in line.split('\t') {
        let Some(slot) = fields.get_mut(n) else {
            return Line::Damaged;
        };
        *slot = field;
        n += 1;
    }
    match &fields[..n] {
        ["folded", rest @ ..] => {
            Folded::parse(rest).map_or(Line::Damaged, |(id, f)| Line::Folded(id, f))
        }
        [t, id, lang] if is_identifier(id) && !lang.is_empty() => match t.parse() {
            Ok(t) if t <= now.saturating_add(AHEAD) => Line::Use(t, id),
            _ => Line::Damaged,
        },
        _ => Line::Damaged,
    }
}

impl Usage {
    /// The log's `text`, read at `now` (Unix seconds).
    pub fn parse(text: &str, now: u64) -> Usage {
        let mut usage = Usage::default();
        for line in text.lines().filter(|l| !l.is_empty()) {
            let first = match read_line(line, now) {
                Line::Use(t, id) => {
                    usage.uses.entry(id.to_string()).or_default().push(t);
                    t
                }
                Line::Folded(id, f) => {
                    let first = f.first;
                    let at = f.at;
                    usage
                        .folded
                        .entry(id.to_string())
                        .or_default()
                        .merge(&f, at);
                    first
                }
                Line::Damaged => {
                    usage.damaged_lines += 1;
                    continue;
                }
            };
            usage.since = Some(usage.since.map_or(first, |s| s.min(first)));
        }
        usage
    }

    /// The ids used at least once (some maybe twice).
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.uses
            .keys()
            .chain(self.folded.keys())
            .map(String::as_str)
    }

    /// Frequency and recency in one number: each use counts for less as it
    /// ages, halving every week.
    pub fn frecency(&self, id: &str, now: u64) -> f64 {
        let recent = self.uses.get(id).map_or(0.0, |times| {
            times
                .iter()
                .map(|&t| 0.5f64.powf(now.saturating_sub(t) as f64 / WEEK))
                .sum()
        });
        recent + self.folded.get(id).map_or(0.0, |f| f.frecency(now))
    }

    /// How many times `id` was used at or after `since`. Folded uses count
    /// all together, when `since` is at or before the last of them (`since`
    /// is 0 or 30 days ago, before or after every folded use).
    pub fn uses_since(&self, id: &str, since: u64) -> usize {
        let recent = self
            .uses
            .get(id)
            .map_or(0, |t| t.iter().filter(|&&t| t >= since).count());
        let folded = self
            .folded
            .get(id)
            .filter(|f| since <= f.last)
            .map_or(0, |f| f.count);
        recent + folded
    }

    pub fn total(&self) -> usize {
        self.uses.values().map(Vec::len).sum::<usize>()
            + self.folded.values().map(|f| f.count).sum::<usize>()
    }

    /// How many lines compacting at `now` would fold.
    pub fn foldable(&self, now: u64) -> usize {
        let before = now.saturating_sub(KEEP_SECONDS);
        self.uses
            .values()
            .map(|t| t.iter().filter(|&&t| t < before).count())
            .sum()
    }
}

/// The log `text` compacted at `now`: one `folded` line per response for
/// its uses older than [`KEEP_SECONDS`] (and what earlier compactions
/// folded), then the recent lines as they were. Every response keeps its
/// count, first use and frecency; damaged lines, already skipped by every
/// reader, are dropped.
pub fn compact(text: &str, now: u64) -> String {
    let before = now.saturating_sub(KEEP_SECONDS);
    let mut folded: HashMap<&str, Folded> = HashMap::new();
    let mut recent = String::new();
    for line in text.lines() {
        match read_line(line, now) {
            Line::Use(t, id) if t < before => {
                let one = Folded {
                    count: 1,
                    first: t,
                    last: t,
                    at: t,
                    weight: 1.0,
                };
                folded.entry(id).or_default().merge(&one, now);
            }
            Line::Use(..) => {
                recent.push_str(line);
                recent.push('\n');
            }
            Line::Folded(id, f) => folded.entry(id).or_default().merge(&f, now),
            Line::Damaged => {}
        }
    }
    let mut ids: Vec<&&str> = folded.keys().collect();
    ids.sort();
    let mut out = String::new();
    for id in ids {
        let f = &folded[*id];
        let _ = writeln!(
            out,
            "folded\t{id}\t{}\t{}\t{}\t{}\t{}",
            f.count, f.first, f.last, f.at, f.weight
        );
    }
    out + &recent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_lines_are_skipped_not_fatal() {
        let u = Usage::parse(
            "100\ta\ten\ngarbage\n\u{0}\u{1}\n200\tb\tfr\n300\tBAD ID\ten\n",
            NOW,
        );
        assert_eq!(u.total(), 2);
        assert_eq!(u.damaged_lines, 3);
        assert_eq!(u.since, Some(100));
    }

    #[test]
    fn a_use_dated_after_tomorrow_is_a_damaged_line() {
        // "179653" left without its line end, then a whole line appended.
        let glued = format!("179653{}\ta\ten\n{}\tb\ten\n", NOW - 10, NOW + 600);
        let u = Usage::parse(&glued, NOW);
        assert_eq!((u.uses_since("a", 0), u.uses_since("b", 0)), (0, 1));
        assert_eq!(u.damaged_lines, 1);
        assert_eq!(compact(&glued, NOW), format!("{}\tb\ten\n", NOW + 600));
    }

    #[test]
    fn recent_uses_weigh_more_than_old_ones() {
        let week = 7 * 86_400;
        let u = Usage::parse(
            &format!("{}\told\ten\n{}\told\ten\n{}\tnew\ten\n", 0, 1, 10 * week),
            10 * week,
        );
        let now = 10 * week;
        assert!(u.frecency("new", now) > u.frecency("old", now));
        assert_eq!(u.frecency("never", now), 0.0);
    }

    const DAY: u64 = 86_400;
    const NOW: u64 = 1_000 * DAY;

    /// A log of 3,000 old uses of `a`, 2,000 of `b`, a few recent ones and damage.
    fn long_log() -> String {
        let mut log = String::new();
        for i in 0..5_000u64 {
            let id = if i % 5 < 3 { "a" } else { "b" };
            log += &format!("{}\t{id}\ten\n", 100 * DAY + i * 600);
        }
        log += "garbage\n";
        log += &format!("{}\ta\tfr\n{}\tc\ten\n", NOW - 2 * DAY, NOW - DAY);
        log
    }

    #[test]
    fn compacting_keeps_every_responses_counts_first_use_and_frecency() {
        let log = long_log();
        let before = Usage::parse(&log, NOW);
        let after_text = compact(&log, NOW);
        let after = Usage::parse(&after_text, NOW);
        assert_eq!(after_text.lines().count(), 4, "{after_text}");
        assert_eq!(after.since, before.since);
        assert_eq!(after.total(), 5_002);
        assert_eq!(after.damaged_lines, 0);
        for id in ["a", "b", "c", "never"] {
            for since in [0, NOW - 30 * DAY] {
                assert_eq!(
                    after.uses_since(id, since),
                    before.uses_since(id, since),
                    "{id}"
                );
            }
            for now in [NOW, NOW + 3 * DAY, NOW + 90 * DAY] {
                let (x, y) = (before.frecency(id, now), after.frecency(id, now));
                assert!((x - y).abs() <= 1e-9 * x.max(1e-300), "{id}: {x} vs {y}");
            }
        }
        assert_eq!(after.foldable(NOW), 0);
        assert_eq!(before.foldable(NOW), 5_000);
    }

    #[test]
    fn compacting_again_later_folds_into_what_was_folded() {
        let once = compact(&long_log(), NOW);
        let later = NOW + 60 * DAY;
        let twice = Usage::parse(&compact(&once, later), later);
        let direct = Usage::parse(&long_log(), later);
        assert_eq!(twice.total(), direct.total());
        assert_eq!(twice.uses_since("a", 0), 3_001);
        let (x, y) = (direct.frecency("a", later), twice.frecency("a", later));
        assert!((x - y).abs() <= 1e-9 * x, "{x} vs {y}");
    }

    #[test]
    fn damaged_folded_lines_are_skipped_not_fatal() {
        let u = Usage::parse(
            concat!(
                "folded\ta\t3\t10\t20\t30\t0.5\n",
                "folded\ta\tx\t10\t20\t30\t0.5\n",
                "folded\tb\t3\t20\t10\t30\t0.5\n",
                "folded\tc\t3\t10\t20\t30\tNaN\n",
                "folded\tBAD ID\t3\t10\t20\t30\t0.5\n",
                "folded\ta\t3\t10\t20\t30\n",
            ),
            NOW,
        );
        assert_eq!(u.total(), 3);
        assert_eq!(u.damaged_lines, 5);
        assert_eq!(u.since, Some(10));
        assert_eq!(compact("folded\tb\t3\t20\t10\t30\t0.5\ngarbage\n", NOW), "");
    }
}
