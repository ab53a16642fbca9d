//! `canned suggest [MESSAGE…|-] [--clipboard]`: the best replies for a
//! customer's message, with the values it states.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};

use serde::Serialize;

use crate::Outcome;
use crate::app::{App, MESSAGE_LIMIT, NOTHING_FITS, Suggestion, chat_gives, not_our_last_copy};
use crate::cli::SuggestArgs;
use crate::domain::json::ResponseJson;
use crate::domain::suggest::Model;
use crate::domain::text::one_line;
use crate::error::{Error, Result};
use crate::platform::chat::Chat;
use crate::ui::json;

#[derive(Serialize)]
struct SuggestionView<'a> {
    #[serde(flatten)]
    response: ResponseJson<'a>,
    /// How sure, from 0 to 1.
    score: f32,
    /// The message's words that matched, as written (lower case).
    matched: &'a [String],
    /// Variable → value the message states.
    values: BTreeMap<&'a str, &'a str>,
    /// Variable → the words of the message it was read from.
    found_in: BTreeMap<&'a str, &'a str>,
    /// Variable → the value the chat (`--chat`) holds, where the message
    /// states another: a tool applying `values` must not overwrite it
    /// unseen.
    chat_has: BTreeMap<&'a str, &'a str>,
}

pub fn run(app: &App, args: &SuggestArgs) -> Result<Outcome> {
    let message = read_message(app, args)?;
    // Emoji or punctuation alone are a message all the same, which no
    // reply fits (exit 1); only nothing at all is a usage error, control
    // characters alone (an escape sequence) included.
    let seen = crate::domain::text::sanitize(&crate::domain::text::unify_breaks(&message));
    if seen.trim().is_empty() {
        return Err(Error::Usage(
            "the message is empty: give it as arguments, on stdin with `-`, or with --clipboard"
                .into(),
        ));
    }
    let root = app.library_root()?;
    let model = app.suggest_model(&root)?;
    let chat = args.chat.as_deref().map(|id| app.chat(id));
    // A language no reply is written in changes nothing: said, as `use`
    // says it, rather than silently answered in another.
    if let Some(lang) = args.lang.as_deref()
        && !model
            .langs
            .iter()
            .any(|lm| crate::domain::model::Lang::same_language(lang, &lm.lang))
    {
        app.note(&format!(
            "no reply is written in `{lang}`; each is offered in its own language"
        ));
    }
    let found = app.suggest(
        &model,
        &message,
        chat.as_ref(),
        args.lang.as_deref(),
        args.limit,
    );
    if args.json {
        // The one JSON shape of a response comes from the search index.
        let index = app.index_in(&root)?;
        let rows: Vec<SuggestionView> = found
            .iter()
            .filter_map(|s| {
                let doc = index.docs.iter().position(|d| d.id == s.id)?;
                let lang = index.lang_index(&s.lang)?;
                Some(SuggestionView {
                    response: ResponseJson::of_doc(&index, doc, lang),
                    score: (s.score * 1000.0).round() / 1000.0,
                    matched: &s.matched,
                    values: s
                        .values
                        .iter()
                        .map(|(k, f)| (k.as_str(), f.value.as_str()))
                        .collect(),
                    found_in: s
                        .values
                        .iter()
                        .map(|(k, f)| (k.as_str(), f.context.as_str()))
                        .collect(),
                    chat_has: s
                        .values
                        .iter()
                        .filter_map(|(k, _)| {
                            let held = chat_gives(&model, chat.as_ref()?, k)?;
                            Some((k.as_str(), held))
                        })
                        .collect(),
                })
            })
            .collect();
        json::print(&rows)?;
    } else {
        print_human(app, &found, chat.as_ref(), &model)?;
    }
    if found.is_empty() {
        app.note(NOTHING_FITS);
        return Ok(Outcome::Failure);
    }
    Ok(Outcome::Success)
}

/// The message from the clipboard, the arguments, or stdin.
fn read_message(app: &App, args: &SuggestArgs) -> Result<String> {
    if args.clipboard {
        let clip = app.clipboard_message(
            "`canned suggest` also reads the message as arguments, or on stdin with `-`",
        )?;
        // Another message than the one copied, maybe: said.
        if let Some(note) = clip.note() {
            app.note(&format!("note: {note}"));
        }
        return Ok(clip.text);
    }
    // `-` first reads stdin: words after it would be the message instead,
    // and stdin left unread without a word.
    if args.message.len() > 1 && args.message[0] == "-" {
        return Err(Error::Usage(
            "`-` reads the message from stdin: give it alone, or the message as arguments".into(),
        ));
    }
    // Words typed are the message the agent means; a paste on stdin
    // (`pbpaste | canned suggest -`) may be our own last reply, refused as
    // it is on the clipboard.
    if !args.message.is_empty() && args.message != ["-"] {
        return Ok(args.message.join(" "));
    }
    let state_dir = app.state_dir();
    let stdin = std::io::stdin();
    if args.message.is_empty() && stdin.is_terminal() {
        return Err(Error::Usage(
            "give the customer's message as arguments, on stdin with `-`, or with --clipboard"
                .into(),
        ));
    }
    // At most four bytes a character: enough for MESSAGE_LIMIT characters.
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(4 * MESSAGE_LIMIT as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("stdin", e))?;
    let message = crate::domain::text::from_message_bytes(&bytes);
    not_our_last_copy(state_dir.as_deref(), &message, "stdin holds")?;
    Ok(message)
}

fn print_human(app: &App, found: &[Suggestion], chat: Option<&Chat>, model: &Model) -> Result<()> {
    let s = app.out;
    let mut out = std::io::stdout().lock();
    for (i, f) in found.iter().enumerate() {
        writeln!(
            out,
            "{}. {}  {}  {}  {}",
            i + 1,
            s.bold(&one_line(&f.id)),
            s.dim(&format!("{:>3.0}%", f.score * 100.0)),
            s.dim(&one_line(&f.lang)),
            one_line(&f.title),
        )?;
        if !f.matched.is_empty() {
            writeln!(
                out,
                "   {} {}",
                s.dim("matched:"),
                one_line(&f.matched.join(", "))
            )?;
        }
        for (name, found) in &f.values {
            // Proposed beside the chat's own value only when they differ.
            let chat_has = chat
                .and_then(|c| chat_gives(model, c, name))
                .map(|v| format!(" (the chat has {})", one_line(v)))
                .unwrap_or_default();
            writeln!(
                out,
                "   {} = {}  {}",
                s.cyan(&one_line(name)),
                one_line(&found.value),
                s.dim(&format!("from “{}”{chat_has}", one_line(&found.context))),
            )?;
        }
    }
    Ok(())
}
