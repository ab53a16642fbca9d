//! The agent's text editor: `$VISUAL`, then `$EDITOR`, then the system's
//! own (`vi`; Notepad on Windows), opened at a line when it knows how.

use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};

pub struct Editor {
    command: String,
    /// Named by `$VISUAL` or `$EDITOR`, not the fallback.
    chosen: bool,
}

impl Editor {
    /// From the values of `$VISUAL` and `$EDITOR`.
    pub fn new(visual: Option<String>, editor: Option<String>) -> Editor {
        match visual.or(editor).filter(|v| !v.trim().is_empty()) {
            Some(command) => Editor {
                command,
                chosen: true,
            },
            None => Editor {
                command: fallback().into(),
                chosen: false,
            },
        }
    }

    /// Whether the user chose an editor (rather than getting the fallback).
    pub fn is_chosen(&self) -> bool {
        self.chosen
    }

    /// Runs the editor on `path` at `line` and waits for it. The command is
    /// split into words by the shell, as git does, so `code --wait` and
    /// quoted paths work.
    pub fn open(&self, path: &Path, line: usize) -> Result<()> {
        let editor = &self.command;
        let mut cmd = shell_command(editor);
        cmd.args(at_line(program_name(editor), path, line));
        let status = cmd.status().map_err(|e| {
            Error::failed(
                format!("cannot run the editor `{editor}`: {e}"),
                Some("set $VISUAL or $EDITOR to your editor's command".into()),
            )
        })?;
        if !status.success() {
            return Err(Error::failed(
                format!("the editor `{editor}` failed ({status})"),
                Some(format!("the file is {}", path.display())),
            ));
        }
        Ok(())
    }
}

#[cfg(windows)]
fn fallback() -> &'static str {
    "notepad"
}

#[cfg(not(windows))]
fn fallback() -> &'static str {
    "vi"
}

#[cfg(unix)]
fn shell_command(editor: &str) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c").arg(format!("{editor} \"$@\"")).arg(editor);
    c
}

#[cfg(not(unix))]
fn shell_command(editor: &str) -> Command {
    let mut words = editor.split_whitespace();
    let mut c = Command::new(words.next().unwrap_or("notepad"));
    c.args(words);
    c
}

/// The editor's program name without directory or `.exe`, lowercased.
fn program_name(command: &str) -> String {
    let first = command.split_whitespace().next().unwrap_or("");
    let base = first.rsplit(['/', '\\']).next().unwrap_or(first);
    base.trim_end_matches(".exe").to_lowercase()
}

/// The arguments that open `path` at `line` in `program`: `+LINE` for the
/// editors that read it, `-g path:line` or `path:line` for those that read
/// that, and the bare path for any other (Notepad would open a file named
/// `+12`).
fn at_line(program: String, path: &Path, line: usize) -> Vec<String> {
    let file = path.to_string_lossy().into_owned();
    match program.as_str() {
        "vi" | "vim" | "nvim" | "gvim" | "view" | "vis" | "emacs" | "emacsclient" | "nano"
        | "pico" | "micro" | "kak" | "joe" | "jed" | "mg" | "ne" | "mcedit" => {
            vec![format!("+{line}"), file]
        }
        "code" | "code-insiders" | "codium" | "cursor" => {
            vec!["-g".into(), format!("{file}:{line}")]
        }
        "subl" | "hx" | "helix" | "zed" => vec![format!("{file}:{line}")],
        _ => vec![file],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_go_only_to_editors_that_read_them() {
        let p = Path::new("lib/a.toml");
        assert_eq!(
            at_line(program_name("/usr/bin/vim"), p, 7),
            ["+7", "lib/a.toml"]
        );
        assert_eq!(
            at_line(program_name("code --wait"), p, 7),
            ["-g", "lib/a.toml:7"]
        );
        assert_eq!(
            at_line(program_name("C:\\Windows\\notepad.exe"), p, 7),
            ["lib/a.toml"]
        );
    }

    #[test]
    fn an_empty_choice_falls_back_to_the_systems_editor() {
        assert!(!Editor::new(Some(" ".into()), None).is_chosen());
        assert!(Editor::new(None, Some("nano".into())).is_chosen());
    }
}
