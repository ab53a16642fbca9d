//! `canned` with no command: the picker on a terminal, short help otherwise.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::Arc;

use crate::Outcome;
use crate::app::{App, Delivery, NOTHING_FITS, fields_given, kept_in_a_chat, message_on_clipboard};
use crate::cli::PickerArgs;
use crate::domain::fill::Draft;
use crate::domain::model::Lang;
use crate::domain::search::{Hit, Index, Query};
use crate::domain::values::Values;
use crate::error::{Error, Result};
use crate::platform::clock::unix_seconds;
use crate::platform::{fs, library};
use crate::ui::{found, picker};

pub fn run(app: &App, args: &PickerArgs) -> Result<Outcome> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        // Without a terminal a word is a command that does not exist
        // (`canned chek` in CI must fail, not print help and pass).
        if !args.query.is_empty() {
            return Err(crate::cli::unknown_command(&args.query));
        }
        // A flag only the picker reads (a hotkey's `canned --clipboard`
        // started without a terminal) would otherwise pass having done
        // nothing.
        if let Some(flag) = picker_flag(args) {
            return Err(Error::UsageWithHint {
                message: format!("`{flag}` is the picker's, and the picker needs a terminal"),
                hint: if flag == "--clipboard" {
                    "`canned suggest --clipboard` prints the replies for the message".into()
                } else {
                    "`canned find WORDS` searches, and `canned use ID` fills a reply".into()
                },
            });
        }
        crate::cli::print_help()?;
        return Ok(Outcome::Success);
    }
    // In the picker `--lang` chooses the language to answer in, not a
    // filter; else the chat's language, else the config's.
    let mut flags = args.filters.clone();
    let chat = args.chat.clone();
    let memory = chat.as_deref().map(|id| app.chat(id));
    let root = app.library_root()?;
    let (mut given, customer) = Values::from_assignments_apart(&args.vars, "customer")
        .map_err(|e| Error::Usage(format!("--var {e}")))?;
    // `--var lang=` and `--var customer=` are what `canned chat` takes them
    // for, as with `use`.
    let manifest = library::load_manifest(&root, app.cache_dir())?.manifest;
    // A slip (`--var ordr=2`) would leave whichever reply is picked with
    // the chat's older value, and a chat would keep it: refused before the
    // picker opens, as `canned chat` refuses it.
    kept_in_a_chat(
        &given,
        &manifest,
        "--var ",
        "nothing was copied",
        chat.is_some(),
    )?;
    let given_lang = fields_given(&mut given, customer, &manifest)?;
    let lang = flags
        .lang
        .take()
        .or_else(|| given_lang.map(|l| l.as_str().to_string()))
        .or_else(|| memory.as_ref().and_then(|m| m.lang.clone()))
        .or_else(|| app.config.lang.clone())
        .map(Lang::new);
    let known = app.known_values_of(memory.as_ref(), &given);

    let index = Arc::new(app.index_of_responses(&root)?);
    // The model is built (or read from the cache) once a message asks.
    let model = OnceCell::new();
    let suggest_for = |text: String| -> Result<picker::Message> {
        if model.get().is_none() {
            let _ = model.set(app.suggest_model(&root)?);
        }
        let Some(model) = model.get() else {
            return Err(Error::failed("the suggestions could not be read", None));
        };
        // Read again: the agent may have set its customer since.
        let memory = chat.as_deref().map(|id| app.chat(id));
        let found = app.suggest(model, &text, memory.as_ref(), None, 10);
        Ok(picker::Message {
            text,
            suggestions: found
                .into_iter()
                .map(|s| picker::Suggested {
                    id: s.id.clone(),
                    lang: s.lang.clone(),
                    score: s.score,
                    values: s.values.clone(),
                })
                .collect(),
        })
    };
    if let Some(why) = picker::cannot_draw(app.dumb_terminal) {
        // Nothing is drawn, and nothing typed is read: the message is
        // read here, before the matches are printed.
        let message = match args.clipboard {
            true => {
                let clip = app.clipboard_message(
                    "copy the customer's message and run `canned --clipboard` again, \
                     or search with `canned find WORDS`",
                )?;
                if let Some(note) = clip.note() {
                    app.note(&format!("note: {note}"));
                }
                Some(suggest_for(clip.text)?)
            }
            false => None,
        };
        return plain_matches(app, &index, args, &why, message.as_ref());
    }
    // Read off the picker's UI thread, for `--clipboard` as for Ctrl-V:
    // the picker owns the terminal meanwhile, so what the agent types
    // while a slow owner is waited for is the picker's, never the shell's
    // after an error. With the preference as it is now, or what is wrong
    // with it.
    let read_clipboard: picker::ClipboardReader = match app.clipboard_preference() {
        Ok(pref) => {
            let state_dir = app.state_dir();
            Arc::new(move || {
                message_on_clipboard(
                    pref,
                    state_dir.clone(),
                    "copy the customer's message and press Ctrl-V, or type a few of its words",
                )
            })
        }
        Err(e) => {
            let said = e.to_string();
            Arc::new(move || Err(Error::failed(said.clone(), None)))
        }
    };
    let chat_id = chat.clone().unwrap_or_default();
    let hooks = picker::Hooks {
        set_lang: Box::new(|lang| app.set_chat_lang(&chat_id, lang).map(drop)),
        // The types offered are the ones the library's responses are
        // written for, which `check` holds to the manifest's.
        set_customer: Box::new(|customer| {
            app.set_chat_customer(&chat_id, None, customer).map(drop)
        }),
        read_clipboard,
        suggest: Box::new(|text| suggest_for(text.to_string())),
        customer_types: Box::new({
            let index = Arc::clone(&index);
            move || app.customer_types(&index).unwrap_or_default()
        }),
        topics: Box::new({
            let index = Arc::clone(&index);
            move || app.topics(&index).unwrap_or_default()
        }),
    };
    let usage = app.usage();
    let now = unix_seconds(app.now);
    // Only the responses this agent used: reading every response's id
    // would be most of the picker's start at 100,000 responses.
    let frecency: HashMap<usize, f64> = usage
        .ids()
        .filter_map(|id| Some((index.exact(id)?, usage.frecency(id, now))))
        .collect();

    let file_root = root.clone();
    let file_keep = app.cache_dir().map(std::path::Path::to_path_buf);
    let load_file: picker::LoadFile = Arc::new(move |file: &str| {
        library::load_one(&file_root, &file_root.join(file), file_keep.as_deref()).ok()
    });
    let filter = flags.to_filter()?;
    app.check_filter(&index, &filter)?;
    let choice = picker::run(picker::Start {
        query: args.query.join(" "),
        filter,
        lang,
        chat: chat.clone(),
        customer: memory.and_then(|m| m.customer),
        clipboard: args.clipboard,
        warnings: app.warnings(),
        hooks,
        known,
        index,
        frecency,
        today: app.today,
        color: app.out.enabled,
        load_file,
        trace: app.trace.as_deref().and_then(|path| {
            let file = fs::append_to(path).ok()?;
            Some((Box::new(file) as Box<dyn std::io::Write>, app.started))
        }),
    })?;
    let picker::Choice::Chosen {
        id,
        lang,
        typed,
        known,
        library,
    } = choice
    else {
        app.note("nothing copied");
        return Ok(Outcome::Failure);
    };
    // The picker has left the screen; what the agent types until the copy
    // is done (a display that does not answer gets 10 s) is still no
    // command for the shell (the copy itself is guarded by `deliver`).
    let _typing = crate::platform::tty::swallow_typing();
    // The values the picker showed the reply with (the customer type the
    // agent set there included): what is copied is what was shown.
    let response = library
        .get(&id)
        .ok_or_else(|| Error::failed(format!("`{id}` is no longer in the library"), None))?;
    app.warn_if_expired(response);
    let mut draft = Draft::new(&library, response, lang, &known)?;
    draft.values.extend(&typed);
    draft.check_patterns(&library)?;
    // Rendered before anything is remembered, as for `use`.
    let text = draft.render()?;
    if let Some(chat) = &chat {
        let mut remember = given;
        remember.extend(&typed);
        app.remember_in_chat(chat, &remember, &library.manifest)?;
    }
    app.deliver(response, &draft.lang, &text, Delivery::CopyElsePrint)?;
    Ok(Outcome::Success)
}

/// The first flag given that only the picker reads.
fn picker_flag(args: &PickerArgs) -> Option<&'static str> {
    let f = &args.filters;
    [
        (args.clipboard, "--clipboard"),
        (args.chat.is_some(), "--chat"),
        (!args.vars.is_empty(), "--var"),
        (f.urgency.is_some(), "--urgency"),
        (f.topic.is_some(), "--topic"),
        (f.customer.is_some(), "--customer"),
        (f.lang.is_some(), "--lang"),
        (f.tag.is_some(), "--tag"),
        (f.all, "--all"),
    ]
    .into_iter()
    .find_map(|(given, flag)| given.then_some(flag))
}

/// Where the picker cannot be drawn: says why on stderr, and prints what
/// `canned find` would for the query.
/// With `--clipboard`, the replies suggested for the message instead.
fn plain_matches(
    app: &App,
    index: &Index,
    args: &PickerArgs,
    why: &str,
    message: Option<&picker::Message>,
) -> Result<Outcome> {
    let (hits, terms) = match message {
        Some(m) if m.suggestions.is_empty() => {
            app.warn(why);
            (Vec::new(), Vec::new())
        }
        Some(m) => {
            app.warn(&format!(
                "{why}; the replies suggested for the message, as `canned find` lists them:"
            ));
            let hits: Vec<Hit> = m
                .suggestions
                .iter()
                .filter_map(|s| {
                    Some(Hit {
                        doc: index.docs.iter().position(|d| d.id == s.id)?,
                        score: s.score,
                        lang: index.lang_index(&s.lang)?,
                        partial: false,
                    })
                })
                .collect();
            (hits, Vec::new())
        }
        None => {
            app.warn(&format!("{why}; the matches, as `canned find` lists them:"));
            let query =
                Query::parse(&args.query, args.filters.to_filter()?).map_err(Error::Usage)?;
            app.check_filter(index, &query.filter)?;
            (app.rank(index, &query, 20), query.highlighted())
        }
    };
    found::print(&mut std::io::stdout().lock(), index, &hits, &terms, app.out)?;
    if hits.is_empty() {
        app.note(match message {
            Some(_) => NOTHING_FITS,
            None => "no match",
        });
        return Ok(Outcome::Failure);
    }
    Ok(Outcome::Success)
}
