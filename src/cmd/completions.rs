//! `canned completions SHELL` and `canned man`.

use std::io::Write;

use clap::{Command, CommandFactory};

use crate::Outcome;
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

pub fn run(args: &CompletionsArgs) -> Result<Outcome> {
    // Generated into memory first: clap_complete panics when its writer
    // fails, and a closed pipe is no reason to panic.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut public(), "canned", &mut script);
    write_out(&script)
}

/// The command line as users see it: without the hidden internal command
/// (`__hold-clipboard`), which some shells' completions would offer.
fn public() -> Command {
    let full = Cli::command();
    let mut public = Command::new("canned")
        .version(env!("CARGO_PKG_VERSION"))
        .about(full.get_about().cloned().unwrap_or_default());
    if let Some(long) = full.get_long_about() {
        public = public.long_about(long.clone());
    }
    public
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|c| !c.is_hide_set()).cloned())
}

/// One page: the command, then each command's options (clap_mangen would
/// point to a page per command, `canned-find(1)`, which nobody installs).
pub fn man() -> Result<Outcome> {
    let full = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(public()).render(&mut page)?;
    let mut page = String::from_utf8_lossy(&page).into_owned();
    let mut commands = String::from(".SH \"COMMAND OPTIONS\"\n");
    for sub in full.get_subcommands().filter(|c| !c.is_hide_set()) {
        let name = sub.get_name();
        page = page.replace(
            &format!("canned\\-{}(1)", name.replace('-', "\\-")),
            &format!("\\fBcanned {name}\\fR"),
        );
        let mut options = Vec::new();
        clap_mangen::Man::new(sub.clone().bin_name(format!("canned {name}")))
            .render_options_section(&mut options)?;
        let options = String::from_utf8_lossy(&options).replace(".SH OPTIONS\n", "");
        commands.push_str(&format!(".SS \"canned {name}\"\n{options}"));
    }
    // clap's own `help` command is no page either.
    page = page.replace("canned\\-help(1)", "\\fBcanned help\\fR");
    match page.find(".SH VERSION") {
        Some(at) => page.insert_str(at, &commands),
        None => page.push_str(&commands),
    }
    write_out(page.as_bytes())
}

/// A failed write is an output error, which a closed pipe turns into a
/// quiet exit (see `main`).
fn write_out(bytes: &[u8]) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(Outcome::Success)
}
