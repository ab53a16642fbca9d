use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::{ContextKind, ContextValue};

fn main() -> ExitCode {
    canned::platform::clipboard::settle_display();
    let cli = match canned::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // `--help` and `--version` are output too: one that cannot be
        // written (`> /dev/full`) is an error, as for every other command.
        Err(e) if !e.use_stderr() => {
            return match e.print() {
                Ok(()) => ExitCode::SUCCESS,
                Err(io) if canned::platform::fs::is_closed_pipe(&io) => ExitCode::SUCCESS,
                Err(io) => {
                    let _ = writeln!(std::io::stderr(), "error: cannot write output: {io}");
                    ExitCode::FAILURE
                }
            };
        }
        // A value clap quotes back (`invalid value '48⏎21'`) is shown as
        // every message shows what was typed: on one line, inert.
        Err(e) => {
            if let Some(ContextValue::String(raw)) = e.get(ContextKind::InvalidValue) {
                let shown = canned::domain::text::shown_as_typed(raw);
                if shown != *raw {
                    let text = e.render().to_string().replace(raw.as_str(), &shown);
                    let _ = write!(std::io::stderr(), "{text}");
                    return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
                }
            }
            e.exit()
        }
    };
    let color = cli.color;
    match canned::run(cli) {
        Ok(canned::Outcome::Success) => ExitCode::SUCCESS,
        Ok(canned::Outcome::Failure) => ExitCode::FAILURE,
        // The reader of our output went away (`canned list | head -1`): not a failure.
        Err(err)
            if err
                .output_error()
                .is_some_and(canned::platform::fs::is_closed_pipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
            let (red, bold, reset) = if canned::app::colour(color, tty) {
                ("\x1b[1;31m", "\x1b[1m", "\x1b[0m")
            } else {
                ("", "", "")
            };
            // Errors quote what they were given (ids, file names, values):
            // shown inert, so nothing typed or read can drive the terminal.
            let message = canned::domain::text::sanitize(&err.to_string());
            let _ = writeln!(std::io::stderr(), "{red}error:{reset} {message}");
            if let Some(hint) = err.hint() {
                let hint = canned::domain::text::sanitize(&hint);
                let _ = writeln!(std::io::stderr(), "{bold}hint:{reset} {hint}");
            }
            ExitCode::from(err.exit_code())
        }
    }
}
