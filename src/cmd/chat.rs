//! `canned chat [ID [NAME=VALUE…]] [--close ID]`: per-chat memory of values.

use std::collections::BTreeMap;
use std::io::Write;

use crate::Outcome;
use crate::app::App;
use crate::cli::ChatArgs;
use crate::domain::text::sanitize;
use crate::domain::values::Values;
use crate::error::{Error, Result};
use crate::platform::chat::{ChatStore, TTL_SECONDS};
use crate::platform::clock::unix_seconds;

pub fn run(app: &App, args: &ChatArgs) -> Result<Outcome> {
    let state = &app.dirs()?.state;
    let store = ChatStore::new(state);
    let now = unix_seconds(app.now);
    let io = |e| Error::io(store.dir(), e);
    // Every run that touches the chats tidies them first: expired ones
    // deleted, damaged ones set aside, modes tightened.
    for notice in store.tidy(now) {
        app.warn(&notice.to_string());
    }
    if let Some(id) = &args.close {
        if store.close(id).map_err(io)? {
            app.note(&format!("forgot chat {id}"));
        } else {
            app.note(&format!("no open chat {id}"));
        }
        return Ok(Outcome::Success);
    }
    let mut out = std::io::stdout().lock();
    let Some(id) = &args.id else {
        let chats = store.list(now);
        if chats.is_empty() {
            app.note("no open chats");
        }
        for chat in chats {
            let left = (chat.updated + TTL_SECONDS).saturating_sub(now) / 60;
            let values: Vec<String> = chat
                .values
                .iter()
                .map(|(k, v)| format!("{k}={}", sanitize(v)))
                .collect();
            writeln!(
                out,
                "{}  {}  {}",
                app.out.bold(&chat.id),
                app.out
                    .dim(&format!("forgotten in {}h{:02}", left / 60, left % 60)),
                values.join("  ")
            )?;
        }
        return Ok(Outcome::Success);
    };
    if args.values.is_empty() {
        let chat = store.load(id, now);
        for (k, v) in &chat.values {
            writeln!(out, "{k}={}", sanitize(v))?;
        }
        return Ok(Outcome::Success);
    }
    let values = Values::from_assignments(&args.values).map_err(Error::Usage)?;
    let saved: BTreeMap<String, String> = values.as_map().clone();
    let (_, notices) = store.save(id, &saved, now).map_err(io)?;
    for notice in notices {
        app.warn(&notice.to_string());
    }
    app.note(&format!(
        "chat {id}: remembered {}",
        saved.keys().cloned().collect::<Vec<_>>().join(", ")
    ));
    Ok(Outcome::Success)
}
