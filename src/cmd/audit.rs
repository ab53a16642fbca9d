//! `canned audit`: the team lead's report.

use std::io::Write;
use std::time::{Duration, UNIX_EPOCH};

use crate::Outcome;
use crate::app::App;
use crate::cli::{AuditArgs, AuditFormat, FailOn};
use crate::domain::audit::{Input, Level, audit};
use crate::domain::date::Date;
use crate::domain::text::one_line;
use crate::error::Result;
use crate::platform::clock::unix_seconds;
use crate::platform::git;
use crate::ui::audit::{self as render, View};

pub fn run(app: &App, args: &AuditArgs) -> Result<Outcome> {
    let lib = app.library()?;
    let stale_after_days = args
        .stale_after
        .map_or(lib.manifest.stale_after_days, i64::from);
    let history = git::history(&lib, app.today, day_of);
    // A warning names a file, and a file's name is anyone's bytes: one
    // line, without escapes, as every path audit prints.
    for w in &history.warnings {
        app.warn(&one_line(w));
    }
    let log = app.usage();
    let usage = log.since.is_some().then_some(&log);
    let report = audit(&Input {
        lib: &lib,
        changes: &history.changes,
        usage,
        today: app.today,
        now: unix_seconds(app.now),
        stale_after_days,
    });
    let view = View {
        lib: &lib,
        report: &report,
        git: &history.git,
        today: app.today,
        stale_after_days,
        usage_since: log.since.map(day_of),
    };
    let mut out = crate::ui::stdout();
    match args.format {
        AuditFormat::Table => render::table(&mut out, &view, app.out)?,
        AuditFormat::Json => render::json(&mut out, &view)?,
        AuditFormat::Markdown => render::markdown(&mut out, &view)?,
    }
    out.flush()?;
    let fail_on = match args.fail_on {
        FailOn::Info => Some(Level::Info),
        FailOn::Warning => Some(Level::Warning),
        FailOn::Error => Some(Level::Error),
        FailOn::Never => None,
    };
    Ok(match (fail_on, report.worst()) {
        (Some(limit), Some(worst)) if worst >= limit => Outcome::Failure,
        _ => Outcome::Success,
    })
}

fn day_of(unix: u64) -> Date {
    crate::platform::clock::local_date(UNIX_EPOCH + Duration::from_secs(unix))
}
