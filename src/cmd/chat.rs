//! `canned chat [ID [NAME=VALUE…]] [--close ID]`: per-chat memory of values.

use std::collections::BTreeMap;
use std::io::Write;

use crate::Outcome;
use crate::app::App;
use crate::cli::ChatArgs;
use crate::domain::text::sanitize;
use crate::domain::values::{Values, parse_assignment};
use crate::error::{Error, Result};
use crate::platform::chat::{ChatStore, TTL_SECONDS, is_valid_chat_id};
use crate::platform::clock::unix_seconds;

pub fn run(app: &App, args: &ChatArgs) -> Result<Outcome> {
    let store = ChatStore::new(&app.dirs.state);
    let now = unix_seconds(app.now);
    let io = |e| Error::io(app.dirs.state.join("chats"), e);
    if let Some(id) = &args.close {
        let id = chat_id(id)?;
        if store.close(id).map_err(io)? {
            app.note(&format!("forgot chat {id}"));
        } else {
            app.note(&format!("no open chat {id}"));
        }
        return Ok(Outcome::Success);
    }
    let mut out = std::io::stdout().lock();
    let Some(id) = &args.id else {
        let chats = store.list(now).map_err(io)?;
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
    let id = chat_id(id)?;
    if args.values.is_empty() {
        let chat = store.load(id, now);
        for (k, v) in &chat.values {
            writeln!(out, "{k}={}", sanitize(v))?;
        }
        return Ok(Outcome::Success);
    }
    let mut values = Values::default();
    for a in &args.values {
        let (k, v) = parse_assignment(a).map_err(Error::Usage)?;
        values.set(k, &v);
    }
    let saved: BTreeMap<String, String> = values.as_map().clone();
    store.save(id, &saved, now).map_err(io)?;
    app.note(&format!(
        "chat {id}: remembered {}",
        saved.keys().cloned().collect::<Vec<_>>().join(", ")
    ));
    Ok(Outcome::Success)
}

pub fn chat_id(id: &str) -> Result<&str> {
    if is_valid_chat_id(id) {
        Ok(id)
    } else {
        Err(Error::Usage(format!(
            "`{id}` is not a chat id: use letters, digits, `.`, `_` and `-` (at most 64)"
        )))
    }
}
