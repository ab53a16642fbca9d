//! The clock and the calendar day it is where the agent sits.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::domain::date::Date;

/// The calendar day at `at` in the operating system's time zone (the TZ
/// variable, /etc/localtime, or Windows' own setting), as jiff reads it on
/// every OS. An instant jiff cannot place is refused by [`instant`] first,
/// so the fallback (UTC) is only for a clock set wildly wrong.
pub fn local_date(at: SystemTime) -> Date {
    let civil = Timestamp::try_from(at)
        .map(|t| local_zone().to_datetime(t).date())
        .unwrap_or_default();
    Date::from_ymd(
        i64::from(civil.year()),
        u32::try_from(civil.month()).unwrap_or(1),
        u32::try_from(civil.day()).unwrap_or(1),
    )
    .unwrap_or_else(|| Date::from_days(0))
}

/// The operating system's time zone. Without `TZ` on unix, read from
/// /etc/localtime itself: jiff would first name the zone by looking the
/// link's target up in the system's zoneinfo database, which it lists whole
/// (a third of a warm `find` at 1,000 responses), and a day needs only the
/// rules the file holds.
///
/// Read once per process: `audit` asks for the day of every commit.
fn local_zone() -> &'static TimeZone {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    ZONE.get_or_init(|| {
        #[cfg(unix)]
        if std::env::var_os("TZ").is_none()
            && let Ok(bytes) = std::fs::read("/etc/localtime")
            && let Ok(zone) = TimeZone::tzif("localtime", &bytes)
        {
            return zone;
        }
        TimeZone::system()
    })
}

/// Unix seconds as an instant, if it is one the calendar can place
/// (years 1970 to 9999).
pub fn instant(unix_seconds: u64) -> Option<SystemTime> {
    let at = UNIX_EPOCH.checked_add(Duration::from_secs(unix_seconds))?;
    Timestamp::try_from(at).ok().map(|_| at)
}

/// Noon of `day` where the agent sits (`CANNED_NOW=2026-02-10`): the day
/// it is then is `day`, whatever the zone (noon UTC is already the next
/// day in New Zealand's summer).
pub fn local_noon(day: Date) -> Option<SystemTime> {
    let (y, m, d) = day.ymd();
    let civil = jiff::civil::date(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    );
    let noon = local_zone().to_timestamp(civil.at(12, 0, 0, 0)).ok()?;
    Some(SystemTime::from(noon))
}

/// Seconds since the Unix epoch; 0 for a clock set before it.
pub fn unix_seconds(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_past_the_calendar_is_refused_not_a_panic() {
        assert!(instant(u64::MAX).is_none());
        assert!(instant(1_795_564_800).is_some());
    }

    #[test]
    fn the_zone_read_from_etc_localtime_gives_the_days_jiff_gives() {
        for days in [0, 1_000, 20_000, 20_426, 2_900_000] {
            let at = UNIX_EPOCH + Duration::from_secs(days * 86_400 + 43_210);
            let t = Timestamp::try_from(at).unwrap();
            assert_eq!(
                t.to_zoned(local_zone().clone()).date(),
                t.to_zoned(TimeZone::system()).date(),
                "{days}"
            );
        }
    }
}
