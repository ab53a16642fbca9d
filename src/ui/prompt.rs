//! Asking the agent for missing values on the terminal.

use std::io::{BufRead, Write};

use crate::domain::library::VariableSpec;
use crate::domain::text::one_line;
use crate::domain::values::clean;
use crate::platform::tty;
use crate::ui::style::Style;

/// Asks for `name` until the answer is non-empty and matches its pattern.
/// Returns `None` when input ends.
pub fn ask(name: &str, spec: Option<&VariableSpec>, style: Style) -> Option<String> {
    let mut err = std::io::stderr();
    let description = spec.and_then(|s| s.description.as_deref());
    let example = spec.and_then(|s| s.example.as_deref());
    let default = spec.and_then(|s| s.default.as_deref());
    loop {
        let mut line = style.bold(name);
        if let Some(d) = description {
            line.push_str(&format!(" — {d}"));
        }
        if let Some(e) = example {
            line.push_str(&style.dim(&format!(" (e.g. {e})")));
        }
        if let Some(d) = default {
            line.push_str(&format!(" [{d}]"));
        }
        let _ = write!(err, "{line}: ");
        let _ = err.flush();
        let answer = match line_typed(style) {
            Answer::Line(answer) => answer,
            Answer::Pasted => continue,
            Answer::End => {
                let _ = writeln!(err);
                return None;
            }
        };
        // Cleaned as a value given any other way is, before its pattern
        // is asked: a stray escape typed is no part of it.
        let answer = clean(&answer).trim().to_string();
        let answer = if answer.is_empty() {
            default.unwrap_or("").to_string()
        } else {
            answer
        };
        if answer.is_empty() {
            continue;
        }
        if let Some(p) = spec.and_then(|s| s.pattern.as_ref())
            && !p.matches(&answer)
        {
            let _ = writeln!(
                err,
                "{} \"{}\" does not match {}",
                style.yellow("refused:"),
                one_line(&answer),
                p.source
            );
            continue;
        }
        return Some(answer);
    }
}

/// What the agent typed at a question.
pub enum Answer {
    /// One line, without its line end.
    Line(String),
    /// A paste that held a line break: no answer (said on stderr).
    Pasted,
    /// Input ended (Ctrl-D), or could not be read.
    End,
}

/// The line typed at a question, as soon as Enter is read. A paste that
/// held a line break answered the question with its first line, and
/// would answer the next with the rest ("Mary\nAnn": "Ann" typed before
/// the amount): neither is what the agent meant, so it is refused, said.
/// Line ends alone after the line (a copied cell's "€5\r\n") are one
/// Enter.
pub fn line_typed(style: Style) -> Answer {
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => return Answer::End,
        Ok(_) => {}
    }
    let rest = tty::take_pasted_rest();
    if !rest.iter().all(u8::is_ascii_whitespace) {
        let pasted = format!("{line}{}", String::from_utf8_lossy(&rest));
        // The terminal echoed the rest: the message starts a line.
        let echoed_break = rest.ends_with(b"\n") || rest.ends_with(b"\r");
        let _ = writeln!(
            std::io::stderr(),
            "{}{} a paste that holds a line break (\"{}\"): paste or type one line",
            if echoed_break { "" } else { "\n" },
            style.yellow("refused:"),
            one_line(clean(pasted.trim_end_matches(['\n', '\r'])).trim())
        );
        return Answer::Pasted;
    }
    Answer::Line(line.trim_end_matches(['\n', '\r']).to_string())
}
