//! `canned` with no command: the picker on a terminal, short help otherwise.

use std::io::IsTerminal;

use crate::Outcome;
use crate::app::App;
use crate::cli::PickerArgs;
use crate::cmd::chat::chat_id;
use crate::cmd::use_::parse_vars;
use crate::cmd::view::filter;
use crate::domain::model::Lang;
use crate::error::Result;
use crate::ui::picker::{self, Start};

pub fn run(app: &App, args: &PickerArgs) -> Result<Outcome> {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        crate::ui::help::run();
        return Ok(Outcome::Success);
    }
    // In the picker `--lang` chooses the language to answer in, not a filter.
    let mut flags = args.filters.clone();
    let lang = flags
        .lang
        .take()
        .or_else(|| app.config.lang.clone())
        .map(Lang::new);
    let start = Start {
        query: args.query.join(" "),
        filter: filter(&flags)?,
        lang,
        chat: args
            .chat
            .as_deref()
            .map(chat_id)
            .transpose()?
            .map(str::to_string),
        given: parse_vars(&args.vars)?,
    };
    picker::run(app, start)
}
