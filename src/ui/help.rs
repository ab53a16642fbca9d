//! `canned` with no command: short help.

use clap::CommandFactory;

pub fn run() {
    let mut cmd = crate::cli::Cli::command();
    let _ = cmd.print_help();
}
