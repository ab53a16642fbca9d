//! `canned`: find, personalise and copy canned responses for customer support.
//!
//! The binary is a thin shell over [`run`]. The layers, each importing only
//! those below it:
//!
//! - `cmd/`: one file of glue per subcommand (none imports another);
//! - `app`: settings resolved once from the command line and environment;
//! - `ui/`: the terminal (styles, prompts, the picker);
//! - `platform/`: the machine (files, directories, clock, clipboard, git);
//! - `domain/`: the product's rules, pure.

pub mod app;
pub mod cli;
mod cmd;
pub mod domain;
pub mod error;
pub mod platform;
pub mod ui;

pub use error::{Error, Result};

use cli::{Cli, Command};

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1 with nothing more to say (`check` found problems, `find` found nothing).
    Failure,
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    if cli.command.is_some() && cli.picker.is_set() {
        // `canned --chat 4821 use …` would otherwise drop the chat silently.
        return Err(Error::Usage(
            "--chat, --var, filters and a query before a command only apply to the picker; \
             put them after the command"
                .into(),
        ));
    }
    // What needs no configuration does not read it: a typo in the config
    // file must not break a shell's `source <(canned completions bash)`,
    // nor the clipboard holder of a copy already made.
    match &cli.command {
        Some(Command::Completions(args)) => return cmd::completions::run(args),
        Some(Command::Man) => return cmd::completions::man(),
        Some(Command::HoldClipboard) => return cmd::hold::run(),
        _ => {}
    }
    let app = app::App::from_env(&cli)?;
    match &cli.command {
        None => cmd::pick::run(&app, &cli.picker),
        Some(Command::Find(args)) => cmd::find::run(&app, args),
        Some(Command::Suggest(args)) => cmd::suggest::run(&app, args),
        Some(Command::Use(args)) => cmd::use_::run(&app, args),
        Some(Command::Chat(args)) => cmd::chat::run(&app, args),
        Some(Command::List(args)) => cmd::list::run(&app, args),
        Some(Command::Show(args)) => cmd::show::run(&app, args),
        Some(Command::Check(args)) => cmd::check::run(&app, args),
        Some(Command::Audit(args)) => cmd::audit::run(&app, args),
        Some(Command::Review(args)) => cmd::review::run(&app, args),
        Some(Command::New(args)) => cmd::new::run(&app, args),
        Some(Command::Edit(args)) => cmd::edit::run(&app, args),
        Some(Command::Import(args)) => cmd::import::run(&app, args),
        Some(Command::Export(args)) => cmd::export::run(&app, args),
        Some(Command::Init(args)) => cmd::init::run(&app, args),
        Some(Command::Completions(_) | Command::Man | Command::HoldClipboard) => {
            unreachable!("run above, without the configuration")
        }
    }
}
