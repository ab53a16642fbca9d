//! `canned completions SHELL` and `canned man`.

use clap::CommandFactory;

use crate::Outcome;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::{Error, Result};

pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "canned", &mut std::io::stdout());
    Ok(Outcome::Success)
}

pub fn man() -> Result<Outcome> {
    let man = clap_mangen::Man::new(Cli::command());
    man.render(&mut std::io::stdout())
        .map_err(|e| Error::io("stdout", e))?;
    Ok(Outcome::Success)
}
