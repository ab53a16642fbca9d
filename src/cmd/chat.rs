//! `canned chat [ID [NAME=VALUE…]] [--close ID]`: per-chat memory of values,
//! and of the customer's language (`lang=`) and type (`customer=`).

use std::io::Write;

use crate::Outcome;
use crate::app::{App, ChatChange, kept_in_a_chat, refused};
use crate::cli::ChatArgs;
use crate::domain::library::{Library, Manifest};
use crate::domain::rules;
use crate::domain::text::sanitize;
use crate::domain::values::{Values, given_once, parse_assignment};
use crate::error::{Error, Result};
use crate::platform::chat::{Chat, ChatStore, TTL_SECONDS};
use crate::platform::clock::unix_seconds;
use crate::platform::library;
use crate::platform::shell;

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
    // A library that declares a variable `customer` means its own value by
    // `customer=`: the chat's type then goes by the template's name for it.
    // Read once: `change` checks values against it too.
    let loaded = app
        .library_root()
        .and_then(|root| library::load_manifest(&root, app.cache_dir()));
    let declares_customer = loaded
        .as_ref()
        .is_ok_and(|l| l.manifest.variables.contains_key("customer"));
    let type_name = if declares_customer {
        "customer_type"
    } else {
        "customer"
    };
    let mut out = std::io::stdout().lock();
    let Some(id) = &args.id else {
        let (chats, unreadable) = store.list(now);
        for line in &unreadable {
            app.warn(line);
        }
        if chats.is_empty() && unreadable.is_empty() {
            app.note("no open chats");
        }
        for chat in chats {
            let left = (chat.updated + TTL_SECONDS).saturating_sub(now) / 60;
            writeln!(
                out,
                "{}  {}  {}",
                app.out.bold(&chat.id),
                app.out
                    .dim(&format!("forgotten in {}h{:02}", left / 60, left % 60)),
                remembered(&chat, type_name).join("  ")
            )?;
        }
        return Ok(Outcome::Success);
    };
    if args.values.is_empty() {
        let chat = store.load(id, now).map_err(|e| Error::failed(e, None))?;
        let lines = remembered(&chat, type_name);
        // Said as `--close` says it: silence read as "it worked".
        if lines.is_empty() {
            if let Some(said) = store.unreadable() {
                app.warn(&said);
            }
            app.note(&format!("no open chat {id}"));
        }
        for line in lines {
            writeln!(out, "{line}")?;
        }
        return Ok(Outcome::Success);
    }
    let change = change(app, &args.values, loaded)?;
    // What there was to forget, to say only that.
    let before = store.load(id, now).unwrap_or_default();
    let held = |name: &str| {
        before
            .values
            .keys()
            .any(|k| k == name || k.starts_with(&format!("{name}.")))
    };
    let mut names: Vec<&str> = Vec::new();
    names.extend(change.lang.as_ref().map(|_| "lang"));
    names.extend(change.customer.as_ref().map(|_| type_name));
    names.extend(change.values.keys().map(String::as_str));
    app.change_chat(id, &change)?;
    let mut said = Vec::new();
    if !names.is_empty() {
        said.push(format!("remembered {}", names.join(", ")));
    }
    let mut forgetting: Vec<(&str, bool)> = Vec::new();
    if change.forget_lang {
        forgetting.push(("lang", before.lang.is_some()));
    }
    if change.forget_customer {
        forgetting.push((type_name, before.customer.is_some()));
    }
    forgetting.extend(change.forget.iter().map(|n| (n.as_str(), held(n))));
    let (mut forgot, mut unknown): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for (name, had) in forgetting {
        if had {
            forgot.push(name);
        } else {
            unknown.push(name);
        }
    }
    if !forgot.is_empty() {
        said.push(format!("forgot {}", forgot.join(", ")));
    }
    if !unknown.is_empty() {
        said.push(format!("had no {} to forget", unknown.join(", ")));
    }
    app.note(&format!("chat {id}: {}", said.join("; ")));
    Ok(Outcome::Success)
}

/// What a chat remembers, as the `NAME=VALUE` assignments that would set
/// it again: its language and customer type first, then its values.
fn remembered(chat: &Chat, type_name: &str) -> Vec<String> {
    let fields = [("lang", &chat.lang), (type_name, &chat.customer)];
    let fields = fields
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), v)));
    fields
        .chain(chat.values.iter().map(|(k, v)| (k.clone(), v)))
        .map(|(k, v)| format!("{k}={}", shell::word(&sanitize(v))))
        .collect()
}

/// The assignments given: `lang=` and `customer=` (or `customer_type=`,
/// the template's name for it) set the chat's language and customer
/// type, checked before anything is saved; the rest are values.
fn change(app: &App, assignments: &[String], loaded: Result<Library>) -> Result<ChatChange> {
    // The chat's own fields first: `customer` is the customer's type here,
    // not the group of `customer.name` and the like among the values.
    // A library that declares a variable `customer` means its own value.
    let customer_is_a_value = loaded
        .as_ref()
        .is_ok_and(|l| l.manifest.variables.contains_key("customer"));
    let (mut lang, mut customer): (Option<String>, Option<String>) = (None, None);
    let mut rest = Vec::new();
    for a in assignments {
        match parse_assignment(a).map_err(Error::Usage)? {
            // Trimmed as any value is: " fr " is fr.
            // Each field once, as any value: `lang=fr lang=en` would keep
            // the later in silence; an empty one after a value is none.
            (k, v) if k == "lang" => match &lang {
                Some(before) if v.trim().is_empty() && !before.is_empty() => {}
                Some(before) => given_once("lang", before, &v).map_err(Error::Usage)?,
                None => lang = Some(v.trim().to_string()),
            },
            (k, v) if k == "customer" && !customer_is_a_value || k == "customer_type" => {
                match &customer {
                    Some(before) if v.trim().is_empty() && !before.is_empty() => {}
                    Some(before) => given_once("customer", before, &v).map_err(Error::Usage)?,
                    None => customer = Some(v.trim().to_string()),
                }
            }
            _ => rest.push(a.clone()),
        }
    }
    let values = Values::from_assignments(&rest).map_err(Error::Usage)?;
    let mut change = ChatChange::default();
    // `lang=` and `customer=` forget, as `name=` does.
    let forgets = |v: &Option<String>| v.as_deref().is_some_and(|v| v.trim().is_empty());
    change.forget_lang = forgets(&lang);
    change.forget_customer = forgets(&customer);
    let lang = lang.filter(|_| !change.forget_lang);
    let customer = customer.filter(|_| !change.forget_customer);
    if let Some(lang) = &lang {
        change.lang = Some(rules::typed_lang(lang).map_err(|r| refused("lang", lang, r))?);
    }
    // A broken manifest is said, as every command says it: the values are
    // then checked against its last good version, or against nothing.
    let manifest = if values.as_map().is_empty() && customer.is_none() {
        Manifest::default()
    } else {
        let lib = loaded?;
        if let Some(notice) = lib.skipped_notice() {
            app.warn(&notice);
        }
        lib.manifest
    };
    kept_in_a_chat(&values, &manifest, "", "nothing was saved", false)?;
    if let Some(lang) = &change.lang {
        app.warn_if_no_reply_in(lang);
    }
    if let Some(customer) = customer {
        let known = manifest.customer_types.as_deref();
        change.customer = Some(
            rules::chat_customer(&customer, known)
                .map_err(|r| refused("customer", &customer, r))?,
        );
    }
    // `name=` forgets a value: kept empty, it would hide the variable's
    // default and the value `suggest` reads, and `use` refuses it anyway.
    change.values = values.as_map().clone();
    change.forget = change
        .values
        .iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(k, _)| k.clone())
        .collect();
    change.values.retain(|_, v| !v.trim().is_empty());
    Ok(change)
}
