//! What the usage log says: one line per response used
//! (`UNIX-SECONDS<TAB>ID<TAB>LANG`). Search breaks ties with it; audit
//! reports it. The file itself is the platform's (`platform::usage`).

use std::collections::HashMap;

use crate::domain::rules::is_identifier;

/// What the log says, damaged lines left out.
#[derive(Debug, Default)]
pub struct Usage {
    uses: HashMap<String, Vec<u64>>,
    /// The first time in the log: "never used" only means something after it.
    pub since: Option<u64>,
    pub damaged_lines: usize,
}

impl Usage {
    pub fn parse(text: &str) -> Usage {
        let mut usage = Usage::default();
        for line in text.lines().filter(|l| !l.is_empty()) {
            let mut parts = line.split('\t');
            let parsed = match (parts.next(), parts.next(), parts.next(), parts.next()) {
                (Some(t), Some(id), Some(lang), None) if is_identifier(id) && !lang.is_empty() => {
                    t.parse::<u64>().ok().map(|t| (t, id))
                }
                _ => None,
            };
            match parsed {
                Some((t, id)) => {
                    usage.uses.entry(id.to_string()).or_default().push(t);
                    usage.since = Some(usage.since.map_or(t, |s| s.min(t)));
                }
                None => usage.damaged_lines += 1,
            }
        }
        usage
    }

    /// Frequency and recency in one number: each use counts for less as it
    /// ages, halving every week.
    pub fn frecency(&self, id: &str, now: u64) -> f64 {
        self.uses.get(id).map_or(0.0, |times| {
            times
                .iter()
                .map(|&t| 0.5f64.powf(now.saturating_sub(t) as f64 / (7.0 * 86_400.0)))
                .sum()
        })
    }

    /// How many times `id` was used at or after `since`.
    pub fn uses_since(&self, id: &str, since: u64) -> usize {
        self.uses
            .get(id)
            .map_or(0, |t| t.iter().filter(|&&t| t >= since).count())
    }

    pub fn total(&self) -> usize {
        self.uses.values().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_lines_are_skipped_not_fatal() {
        let u = Usage::parse("100\ta\ten\ngarbage\n\u{0}\u{1}\n200\tb\tfr\n300\tBAD ID\ten\n");
        assert_eq!(u.total(), 2);
        assert_eq!(u.damaged_lines, 3);
        assert_eq!(u.since, Some(100));
    }

    #[test]
    fn recent_uses_weigh_more_than_old_ones() {
        let week = 7 * 86_400;
        let u = Usage::parse(&format!(
            "{}\told\ten\n{}\told\ten\n{}\tnew\ten\n",
            0,
            1,
            10 * week
        ));
        let now = 10 * week;
        assert!(u.frecency("new", now) > u.frecency("old", now));
        assert_eq!(u.frecency("never", now), 0.0);
    }
}
