//! When a response last changed, from what git blamed on its lines, and the
//! findings about time: stale, expired, expiring.

use crate::domain::audit::{EXPIRING_DAYS, Finding, Input, Kind};
use crate::domain::date::Date;
use crate::domain::model::Response;

/// When one line of a file last changed, as `git blame` sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineChange {
    /// In a commit whose author time is this many Unix seconds.
    Committed(i64),
    /// Changed in the work tree and not committed yet (or an untracked file).
    Uncommitted,
    /// Blamed on the commit a shallow clone was cut at, authored at this
    /// time: the real change is that old or older.
    Boundary(i64),
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
    /// In a commit dated after today, as no true clock dates one: when it
    /// really changed is unknown.
    Ahead(Date),
}

impl LastChange {
    /// The change as of `today`: a commit dated after it counts for
    /// nothing, as a review dated ahead does, or the response would not go
    /// stale for years (and the table would say it changed "in 1121d").
    pub fn as_of(self, today: Date) -> LastChange {
        match self {
            LastChange::On(d) if d > today => LastChange::Ahead(d),
            LastChange::Unknown { not_after: Some(d) } if d > today => {
                LastChange::Unknown { not_after: None }
            }
            other => other,
        }
    }

    /// The latest day the change can have happened, when anything is known.
    fn latest(self, today: Date) -> Option<Date> {
        match self {
            LastChange::On(d) => Some(d),
            LastChange::Uncommitted => Some(today),
            LastChange::Unknown { not_after } => not_after,
            LastChange::Ahead(_) => None,
        }
    }

    /// The day to show, when it is known for sure.
    pub fn date(self, today: Date) -> Option<Date> {
        match self {
            LastChange::On(d) => Some(d),
            LastChange::Uncommitted => Some(today),
            LastChange::Unknown { .. } | LastChange::Ahead(_) => None,
        }
    }
}

/// The last change among lines `first..=last` (1-based) of a blamed file;
/// `to_date` turns a commit's Unix time into a day.
///
/// A line committed on a day after `today` counts for nothing while
/// another line was committed since the past: one commit with a clock set
/// ahead (2030) must not hide the response's true last change. Only when
/// every dated line is ahead is the response's change [`LastChange::Ahead`].
pub fn last_change(
    lines: &[LineChange],
    first: usize,
    last: usize,
    today: Date,
    to_date: impl Fn(i64) -> Date,
) -> LastChange {
    let range = lines
        .get(first.saturating_sub(1)..last.min(lines.len()))
        .unwrap_or(&[]);
    if range.is_empty() || range.contains(&LineChange::Uncommitted) {
        return LastChange::Uncommitted;
    }
    let committed = range.iter().filter_map(|l| match l {
        LineChange::Committed(t) => Some(*t),
        _ => None,
    });
    let (past, ahead): (Vec<i64>, Vec<i64>) = committed.partition(|&t| to_date(t) <= today);
    if past.is_empty()
        && let Some(&t) = ahead.iter().max()
    {
        return LastChange::Ahead(to_date(t));
    }
    let known = past.into_iter().max();
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

/// Stale, expired and expiring.
pub fn findings(r: &Response, change: LastChange, input: &Input) -> Vec<Finding> {
    let today = input.today;
    let mut out = Vec::new();
    // A review dated after today is a typo (`check` warns of it): it
    // counts for nothing, or the response would never go stale.
    let reviewed = r.reviewed.filter(|&d| d <= today);
    let freshest = change.latest(today).max(reviewed);
    let age = freshest.map(|d| today.days_since(d));
    if age.is_none_or(|a| a > input.stale_after_days) {
        let changed = match change {
            LastChange::On(d) => format!("last changed {d}"),
            LastChange::Uncommitted => "changed today".into(),
            LastChange::Unknown { not_after: Some(d) } => format!("last changed {d} or before"),
            LastChange::Unknown { not_after: None } => "no change date".into(),
            LastChange::Ahead(d) => {
                format!("its last commit dated {d}, a day still to come (not counted)")
            }
        };
        let reviewed = match r.reviewed {
            None => "never reviewed".into(),
            Some(d) if d > today => format!("reviewed {d}, a day still to come (not counted)"),
            Some(d) => format!("reviewed {d}"),
        };
        let message = match age {
            Some(a) => format!(
                "not changed or reviewed for {a} days (limit {}): {changed}, {reviewed}",
                input.stale_after_days
            ),
            None if matches!(change, LastChange::Ahead(_)) => format!("{reviewed}, and {changed}"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_change_is_the_newest_line_and_uncommitted_means_today() {
        let day = |t: i64| Date::from_days(t);
        let lines = [
            LineChange::Committed(3),
            LineChange::Committed(9),
            LineChange::Committed(5),
            LineChange::Uncommitted,
        ];
        assert_eq!(
            last_change(&lines, 1, 3, day(30), day),
            LastChange::On(day(9))
        );
        assert_eq!(
            last_change(&lines, 3, 4, day(30), day),
            LastChange::Uncommitted
        );
        // A line committed with a clock set ahead hides no other's date;
        // alone, it is a change ahead.
        assert_eq!(
            last_change(&lines, 1, 3, day(6), day),
            LastChange::On(day(5))
        );
        assert_eq!(
            last_change(&lines, 2, 2, day(6), day),
            LastChange::Ahead(day(9))
        );
    }

    #[test]
    fn a_change_dated_after_today_counts_for_nothing() {
        let today = Date::from_ymd(2026, 12, 7).unwrap();
        let ahead = Date::from_ymd(2030, 1, 1).unwrap();
        let change = LastChange::On(ahead).as_of(today);
        assert_eq!(change, LastChange::Ahead(ahead));
        assert_eq!((change.latest(today), change.date(today)), (None, None));
        assert_eq!(
            LastChange::Unknown {
                not_after: Some(ahead)
            }
            .as_of(today),
            LastChange::Unknown { not_after: None }
        );
        assert_eq!(LastChange::On(today).as_of(today), LastChange::On(today));
    }

    #[test]
    fn lines_from_a_shallow_boundary_make_the_last_change_unknown() {
        let day = |t: i64| Date::from_days(t);
        let lines = [LineChange::Committed(3), LineChange::Boundary(7)];
        assert_eq!(
            last_change(&lines, 1, 2, day(30), day),
            LastChange::Unknown {
                not_after: Some(day(7))
            }
        );
        let lines = [LineChange::Committed(9), LineChange::Boundary(7)];
        assert_eq!(
            last_change(&lines, 1, 2, day(30), day),
            LastChange::On(day(9))
        );
    }
}
