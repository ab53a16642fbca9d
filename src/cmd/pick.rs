//! `canned` with no command: the picker on a terminal, short help otherwise.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, mpsc};

use crate::Outcome;
use crate::app::App;
use crate::cli::PickerArgs;
use crate::domain::fill::Draft;
use crate::domain::model::Lang;
use crate::domain::search::{Index, Query};
use crate::domain::values::Values;
use crate::error::{Error, Result};
use crate::platform::clock::unix_seconds;
use crate::platform::library;
use crate::ui::{found, help, picker};

pub fn run(app: &App, args: &PickerArgs) -> Result<Outcome> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        // Without a terminal a word is a command that does not exist
        // (`canned chek` in CI must fail, not print help and pass).
        if let Some(word) = args.query.first() {
            return Err(help::unknown_command(word));
        }
        help::run();
        return Ok(Outcome::Success);
    }
    // In the picker `--lang` chooses the language to answer in, not a filter.
    let mut flags = args.filters.clone();
    let lang = flags
        .lang
        .take()
        .or_else(|| app.config.lang.clone())
        .map(Lang::new);
    let given =
        Values::from_assignments(&args.vars).map_err(|e| Error::Usage(format!("--var {e}")))?;
    let chat = args.chat.clone();
    let known = app.known_values(chat.as_deref(), &given);

    let root = app.library_root()?;
    let index = Arc::new(app.index_in(&root)?);
    if let Some(why) = picker::cannot_draw(app.dumb_terminal) {
        return plain_matches(app, &index, args, &why);
    }
    let (lib_tx, lib_rx) = mpsc::channel();
    let keep = app.cache_dir().map(std::path::Path::to_path_buf);
    std::thread::spawn(move || {
        let _ = lib_tx.send(library::load(&root, keep.as_deref()));
    });
    let usage = app.usage();
    let now = unix_seconds(app.now);
    let frecency: HashMap<String, f64> = index
        .docs
        .iter()
        .map(|d| (d.id.clone(), usage.frecency(&d.id, now)))
        .collect();

    let choice = picker::run(picker::Start {
        query: args.query.join(" "),
        filter: flags.to_filter()?,
        lang,
        chat: chat.clone(),
        known: known.clone(),
        index,
        frecency,
        today: app.today,
        color: app.out.enabled,
        library: lib_rx,
    })?;
    let picker::Choice::Chosen {
        id,
        lang,
        typed,
        library,
    } = choice
    else {
        app.note("nothing copied");
        return Ok(Outcome::Failure);
    };
    let response = library
        .get(&id)
        .ok_or_else(|| Error::failed(format!("`{id}` is no longer in the library"), None))?;
    let mut draft = Draft::new(&library, response, lang, &known)?;
    draft.values.extend(&typed);
    draft.check_patterns(&library)?;
    if let Some(chat) = &chat {
        let mut remember = given;
        remember.extend(&typed);
        app.remember_in_chat(chat, &remember)?;
    }
    let text = draft.render()?;
    app.deliver(response, &draft.lang, &text, false)?;
    Ok(Outcome::Success)
}

/// Where the picker cannot be drawn: says why on stderr, and prints what
/// `canned find` would for the query.
fn plain_matches(app: &App, index: &Index, args: &PickerArgs, why: &str) -> Result<Outcome> {
    app.warn(&format!("{why}; the matches, as `canned find` lists them:"));
    let query = Query::parse(&args.query, args.filters.to_filter()?).map_err(Error::Usage)?;
    let hits = app.rank(index, &query, 20);
    found::print(
        &mut std::io::stdout().lock(),
        index,
        &hits,
        &query.terms,
        app.out,
    )?;
    if hits.is_empty() {
        app.note("no match");
        return Ok(Outcome::Failure);
    }
    Ok(Outcome::Success)
}
