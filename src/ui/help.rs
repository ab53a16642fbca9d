//! `canned` with no command: short help.

use clap::CommandFactory;

use crate::domain::diagnostic::{did_you_mean, suggestion_hint};
use crate::domain::text::one_line;
use crate::error::Error;

pub fn run() {
    let mut cmd = crate::cli::Cli::command();
    let _ = cmd.print_help();
}

/// The error for a word given where a command was expected, with the
/// nearest command as a did-you-mean.
pub fn unknown_command(word: &str) -> Error {
    let cmd = crate::cli::Cli::command();
    let names: Vec<&str> = cmd
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name())
        .collect();
    let hint = match did_you_mean(word, names.iter().copied()) {
        Some(s) => suggestion_hint(s),
        None => format!(
            "the picker needs a terminal; to search, run `canned find {word}` (`canned --help` lists the commands)"
        ),
    };
    Error::UsageWithHint {
        message: format!("`{}` is not a command", one_line(word)),
        hint,
    }
}
