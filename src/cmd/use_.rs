//! `canned use ID|SHORTCUT|QUERY`: fill a response in and copy it.

use std::io::{IsTerminal, Write};

use crate::Outcome;
use crate::app::{App, Delivery, fields_given, kept_in_a_chat};
use crate::cli::UseArgs;
use crate::domain::diagnostic::name_meant;
use crate::domain::fill::{Draft, FillError};
use crate::domain::library::{Library, UnknownResponse};
use crate::domain::model::{Lang, Response};
use crate::domain::search::Query;
use crate::domain::text::{NotUtf16, from_utf16, one_line, sanitize, without_eof_mark};
use crate::domain::values::{Values, one_customer_type, same_path_or_nested};
use crate::error::{Error, Result};
use crate::platform::chat::Chat;
use crate::ui::prompt;

pub fn run(app: &App, args: &UseArgs) -> Result<Outcome> {
    // Read every input before anything else, so a bad flag costs nothing.
    // `customer=` is kept apart from the values, from a file as from a
    // flag (see `fields_given`).
    let mut given = Values::default();
    let mut customer_given = None;
    // `customer` and `customer_type` disagreeing in one source, said once
    // the library tells whether `customer` is a value of its own.
    let mut types_disagree = None;
    if let Some(path) = &args.vars_file {
        customer_given = given
            .extend_json_apart(&read_json(path)?, "customer")
            .map_err(|e| Error::Usage(format!("--vars {}: {e}", path.display())))?;
        types_disagree = one_customer_type(customer_given.as_deref(), given.get("customer_type"))
            .err()
            .map(|e| format!("--vars {}: {e}", path.display()));
    }
    let (flags, customer_flag) = Values::from_assignments_apart(&args.vars, "customer")
        .map_err(|e| Error::Usage(format!("--var {}", library_name_meant(app, e))))?;
    types_disagree = types_disagree.or_else(|| {
        one_customer_type(customer_flag.as_deref(), flags.get("customer_type"))
            .err()
            .map(|e| format!("--var {e}"))
    });
    given.extend(&flags);
    // Only what the flags give is remembered in a chat, as for any value.
    let customer_was_given = customer_flag.is_some();
    let customer_given = customer_flag.or(customer_given);
    let chat = args.chat.as_deref();
    let memory = chat.map(|id| app.readable_chat(id));
    // A chat whose file cannot be read is not offered to remember values in.
    let remember_in = chat.filter(|_| memory.as_ref().is_some_and(Option::is_some));
    let memory = memory.flatten();

    let customer = memory.as_ref().and_then(|c| c.customer.as_deref());
    let (lib, id, matched_lang) = resolve(app, &args.target, customer)?;
    if let Some(e) = types_disagree.filter(|_| !lib.manifest.variables.contains_key("customer")) {
        return Err(Error::Usage(e));
    }
    let response = lib.lookup(&id)?;
    app.warn_if_expired(response);
    let customer_given = match (customer_given, &args.vars_file) {
        (Some(c), Some(file)) if !customer_was_given => {
            app.exported_customer(c, file, &lib.manifest)
        }
        (given, _) => given,
    };
    let customer_typed = customer_given.is_some();
    // The chat's language is the customer's: only `--lang` (or a value
    // `lang=`, as `canned chat` takes it) overrides it.
    let given_lang = fields_given(&mut given, customer_given, &lib.manifest)?;
    let chat_lang = memory.as_ref().and_then(|c| c.lang.as_deref());
    let lang = app.pick_language(
        &lib,
        response,
        args.lang
            .as_deref()
            .or(given_lang.as_ref().map(Lang::as_str))
            .or(chat_lang),
        matched_lang,
    );
    let known = app.known_values_of(memory.as_ref(), &given);
    let mut draft = Draft::new(&lib, response, lang, &known)?;
    // A number the export writes with an exponent is no value; refused
    // only where this reply reads it, as an export holds many fields.
    if let (Some(path), Some(name)) = (
        &args.vars_file,
        given.unreadable().find(|name| draft.reads(name)),
    ) {
        return Err(Error::Usage(format!(
            "--vars {}: `{name}` is a number written with an exponent: write it in digits, or as text in quotes",
            path.display()
        )));
    }
    draft
        .check_patterns(&lib)
        .map_err(|e| from_the_chat(e, memory.as_ref(), &given))?;

    let missing = draft.missing();
    let unread: Vec<String> = flags
        .as_map()
        .keys()
        .filter(|k| !draft.needed.contains(k))
        .cloned()
        .collect();
    let exported: Vec<String> = given
        .as_map()
        .keys()
        .filter(|k| !draft.needed.contains(k) && !flags.has(k))
        .cloned()
        .collect();
    // A value typed for a name the reply does not read, next to one it
    // reads that the flags do not give and something else does, is the
    // agent's slip (one with no value at all is named among the missing): sent as it
    // is, the reply would carry the default or the chat's older value,
    // not the one typed. (Chats and `--vars` files give many names no
    // reply reads: only what the agent typed is held to this.)
    // So is one for `customer=` or `lang=`, which choose the reply's
    // paragraph and its language: the slip would send the other ones.
    let reads_type = draft.needed.iter().any(|v| v == "customer_type");
    let fields = [
        ("customer", reads_type && !customer_typed),
        ("lang", args.lang.is_none() && given_lang.is_none()),
    ];
    let open_fields = fields.into_iter().filter(|&(_, open)| open).map(|(f, _)| f);
    let open_fields: Vec<&str> = open_fields.collect();
    // A name the library declares is a value of its own (`orders` beside
    // `order`), for another reply: no slip.
    let undeclared = unread
        .iter()
        .filter(|name| !lib.manifest.variables.contains_key(name.as_str()));
    for slip in undeclared {
        // A group and its own values are no slip of each other.
        let others = draft.needed.iter().filter(|v| {
            flags.get(v).is_none() && !missing.contains(v) && !same_path_or_nested(v, slip)
        });
        let others: Vec<&str> = others
            .map(String::as_str)
            .chain(open_fields.iter().copied())
            .filter(|o| o != slip)
            .collect();
        if let Some(meant) = name_meant(slip, &others) {
            return Err(Error::Values {
                message: format!("`{}` does not read `{slip}`", response.id),
                hint: Some(format!(
                    "did you mean `{meant}`? (--var {meant}=…); nothing was copied"
                )),
            });
        }
    }
    // What the flags give is remembered in the chat: held to what `canned
    // chat` keeps, or every later reply of the chat would carry the slip
    // this reply does not read.
    if remember_in.is_some() {
        kept_in_a_chat(&flags, &lib.manifest, "--var ", "nothing was copied", true)?;
    }
    let mut typed = Values::default();
    if !missing.is_empty() {
        let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if !interactive {
            return Err(missing_error(
                &lib,
                response,
                &missing,
                (&unread, &exported),
                remember_in,
            ));
        }
        app.note(&format!(
            "{} — {}",
            app.err.bold(response.id.as_str()),
            draft.title()
        ));
        // Read before the values are typed, not only after.
        show_notes(app, response, &draft.lang);
        // What these values read, then what the answers make read (a
        // carrier typed `DHL` reads its express flag); never one twice.
        let mut asked: Vec<String> = Vec::new();
        loop {
            let now: Vec<String> = (draft.missing_now().into_iter())
                .filter(|v| !asked.contains(v))
                .collect();
            if now.is_empty() {
                break;
            }
            for v in now {
                // Given up (Ctrl-D): what is still missing, not what was
                // typed before it.
                let still = |draft: &Draft| {
                    let left = draft.missing_now();
                    missing_error(&lib, response, &left, (&unread, &exported), remember_in)
                };
                let answer = prompt::ask(&v, lib.manifest.variables.get(&v), app.err)
                    .ok_or_else(|| still(&draft))?;
                typed.set(v.clone(), &answer);
                draft.values.set(v.clone(), &answer);
                asked.push(v);
            }
        }
    }
    // Rendered before anything is remembered: a value the reply cannot
    // take (a file's contents) is not kept for every later reply.
    let text = draft.render()?;
    if let Some(id) = chat {
        // What the agent gave for this chat is remembered, so it is asked once.
        let mut remember = flags.clone();
        remember.extend(&typed);
        // `customer=` was kept apart from the values: remembered as what
        // it was taken for, a value where the library declares one.
        let key = if lib.manifest.variables.contains_key("customer") {
            "customer"
        } else {
            "customer_type"
        };
        if let Some(value) = given.get(key).filter(|_| customer_was_given) {
            remember.set(key, value);
        }
        app.remember_in_chat(id, &remember, &lib.manifest)?;
    }
    if missing.is_empty() {
        show_notes(app, response, &draft.lang);
    }
    let how = if args.print {
        Delivery::Print
    } else {
        Delivery::Copy
    };
    app.deliver(response, &draft.lang, &text, how)?;
    Ok(Outcome::Success)
}

/// A value refused for its pattern that the chat gave, not the agent: the
/// hint says so, and how to change it there, or every reply of the chat
/// would meet it again.
fn from_the_chat(e: FillError, chat: Option<&Chat>, given: &Values) -> Error {
    let refused: Vec<&String> = match (&e, chat) {
        (FillError::Patterns(refused), Some(_)) => refused
            .iter()
            .filter(|(name, _)| given.get(name).is_none())
            .map(|(name, _)| name)
            .collect(),
        _ => Vec::new(),
    };
    let Some(chat) = chat.filter(|_| !refused.is_empty()) else {
        return e.into();
    };
    let id = &chat.id;
    // A chat is opened on its ticket: unless it remembers another, its id
    // is the ticket, which no `canned chat` changes.
    let hint = if refused
        .iter()
        .all(|n| *n == "ticket" && !chat.values.contains_key("ticket"))
    {
        format!(
            "chat {id}'s id is its ticket: give the ticket with --var ticket=…; nothing was copied"
        )
    } else {
        let pairs: Vec<String> = refused.iter().map(|n| format!("{n}=…")).collect();
        format!(
            "chat {id} remembers it: give it with --var, or change it with `canned chat {id} {}`; nothing was copied",
            pairs.join(" ")
        )
    };
    Error::Values {
        message: e.to_string(),
        hint: Some(hint),
    }
}

/// The library holding the response an id, a shortcut or a query names,
/// the response's id, and the language a query matched in. The search index
/// (cached) says which file the response is in, so only that file and the
/// manifest are parsed. A query picks toward the chat's customer type.
fn resolve(
    app: &App,
    target: &[String],
    customer: Option<&str>,
) -> Result<(Library, String, Option<Lang>)> {
    let joined = target.join(" ");
    // What the agent typed, as every message shows it: without a terminal's
    // escape sequences nor characters that turn or hide text.
    let shown = one_line(&joined);
    // `use ''` or `use '???'` names nothing: refused, never "the best match".
    if !joined.chars().any(char::is_alphanumeric) {
        return Err(Error::Usage(format!(
            "`{shown}` names no response: give an id, a shortcut or words to search"
        )));
    }
    let root = app.library_root()?;
    let (index, damaged) = app.index_telling(&root)?;
    let (doc, matched) = match app.exact(&root, &index, damaged, &joined)? {
        Some(d) => (d, None),
        None => {
            // The name of a response left out for its errors means that
            // response: refused, never a search's guess at another. Only
            // the whole library knows those names.
            if damaged && !joined.contains(char::is_whitespace) {
                let lib = app.library_for(&root, &index, None)?;
                if let Err(
                    e @ UnknownResponse {
                        skipped: Some(_), ..
                    },
                ) = lib.lookup(&joined)
                {
                    return Err(e.into());
                }
                // So is one written in a file too broken to load.
                if let Some(e) = App::in_a_broken_file(&lib, &joined, "nothing was copied") {
                    return Err(e);
                }
            }
            let mut query = Query::parse(target, Default::default()).map_err(Error::Usage)?;
            app.check_filter(&index, &query.filter)?;
            query.known_customer = customer.map(str::to_string);
            let hits = app.rank(&index, &query, 5);
            // A response or file left out may hold the reply meant: a
            // search says what it was made among.
            let among = if damaged {
                " among the responses that could be read"
            } else {
                ""
            };
            let hit = hits.first().cloned().ok_or_else(|| {
                Error::failed(
                    format!("no response matches `{shown}`{among}"),
                    Some(if damaged {
                        "`canned check` says what was left out, and why".into()
                    } else {
                        "`canned find WORDS` lists what matches; `canned list` shows everything"
                            .into()
                    }),
                )
            })?;
            let d = &index.docs[hit.doc];
            if hit.partial {
                // Not every word matched: a guess. Without a terminal no one
                // can be told before the text goes out, so nothing does.
                let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
                if !interactive {
                    let closest: Vec<&str> =
                        hits.iter().map(|h| index.docs[h.doc].id.as_str()).collect();
                    return Err(Error::failed(
                        format!(
                            "no response has every word of `{shown}`; the closest{among}: {}",
                            closest.join(", ")
                        ),
                        Some(format!("name the one you mean: canned use {}", closest[0])),
                    ));
                }
            }
            app.note(&format!(
                "using {} — {} ({} for `{shown}`{among})",
                app.err.bold(&d.id),
                d.title_in(hit.lang),
                if hit.partial {
                    "closest match, not every word matched,"
                } else {
                    "best match"
                }
            ));
            (
                hit.doc,
                Some(Lang::new(index.langs[usize::from(hit.lang)].clone())),
            )
        }
    };
    let lib = app.library_for(&root, &index, Some(doc))?;
    Ok((lib, index.docs[doc].id.clone(), matched))
}

/// The response's notes for the agent ("lock the account BEFORE
/// sending"), on stderr before anything is printed or copied: the
/// language's own, else those of the response's language. Shown even with
/// `--quiet`, since they may say not to send the reply as it is.
fn show_notes(app: &App, r: &Response, lang: &Lang) {
    if let Some(notes) = r.notes_in(lang).map(str::trim) {
        let _ = writeln!(
            std::io::stderr(),
            "{} {}",
            app.err.yellow(&app.err.bold("notes:")),
            sanitize(notes).replace('\n', "\n  ")
        );
    }
}

/// Which values are missing and how to give them; a name given with
/// `--var` that the reply does not read, close to a missing one
/// (`nmae`), is named beside it: the likely slip. (Only here: a value the
/// reply does not read is no error, as a chat and a helpdesk export give
/// many.)
fn missing_error(
    lib: &Library,
    r: &Response,
    missing: &[String],
    (typed, exported): (&[String], &[String]),
    chat: Option<&str>,
) -> Error {
    let mut lines = vec![format!("missing values for `{}`:", r.id)];
    for v in missing {
        let spec = lib.manifest.variables.get(v);
        let mut line = format!("  {v}");
        if let Some(d) = spec.and_then(|s| s.description.as_deref()) {
            line.push_str(&format!(" — {d}"));
        }
        if let Some(e) = spec.and_then(|s| s.example.as_deref()) {
            line.push_str(&format!(" (e.g. {e})"));
        }
        // A typed name a typo away; a helpdesk's key (`--vars`) written in
        // another case only (`Name`), as its many others are no slips.
        let slip = typed
            .iter()
            .find(|g| name_meant(g, &[v.as_str()]).is_some())
            .or_else(|| exported.iter().find(|g| g.eq_ignore_ascii_case(v)));
        if let Some(slip) = slip {
            line.push_str(&format!(" — `{slip}` was given: a typo?"));
        }
        lines.push(one_line(&line));
    }
    let flags: Vec<String> = missing.iter().map(|v| format!("--var {v}=…")).collect();
    let mut hint = format!("pass them: {}", flags.join(" "));
    if let Some(id) = chat {
        let pairs: Vec<String> = missing.iter().map(|v| format!("{v}=…")).collect();
        hint.push_str(&format!(
            ", or remember them for the chat: canned chat {id} {}",
            pairs.join(" ")
        ));
    }
    Error::Values {
        message: lines.join("\n"),
        hint: Some(hint),
    }
}

/// A refused `--var` name's did-you-mean, as the library names the
/// variable: `order-id` is written `order_id`, which the library may not
/// have, while it has `order` (it took two refusals to get there).
fn library_name_meant(app: &App, refused: String) -> String {
    let Some((written, meant)) = refused
        .split_once(": did you mean `")
        .and_then(|(_, rest)| rest.strip_suffix("`?"))
        .map(|meant| (format!("did you mean `{meant}`?"), meant.to_string()))
    else {
        return refused;
    };
    let Ok(lib) = app.load_library() else {
        return refused;
    };
    let names: Vec<&str> = lib.manifest.variables.keys().map(String::as_str).collect();
    match names.contains(&meant.as_str()) {
        true => refused,
        false => match name_meant(&meant, &names) {
            Some(known) => refused.replace(&written, &format!("did you mean `{known}`?")),
            None => refused,
        },
    }
}

/// A ticket's JSON is kilobytes; each value is at most a mebibyte.
const VARS_CAP: u64 = 16 << 20;

fn read_json(path: &std::path::Path) -> Result<serde_json::Value> {
    let bytes = crate::platform::fs::read_input(path, VARS_CAP, "--vars")?;
    // PowerShell 5 writes UTF-16 (`ConvertTo-Json > vars.json`).
    let wide = match from_utf16(&bytes) {
        None => None,
        Some(Ok(text)) => Some(text.into_bytes()),
        Some(Err(NotUtf16)) => {
            return Err(Error::Usage(format!(
                "--vars {}: not UTF-16 text, though it opens with UTF-16's byte order mark",
                path.display()
            )));
        }
    };
    let bytes = wide.unwrap_or(bytes);
    // A file saved by a Windows editor may open with a byte order mark,
    // which JSON does not allow and which says nothing.
    let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let json = without_eof_mark(json);
    crate::domain::json::parse_unique(json).map_err(|e| {
        Error::Usage(format!(
            "--vars {}: {}",
            path.display(),
            crate::domain::json::json_error(&e, json)
        ))
    })
}
