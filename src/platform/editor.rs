//! The agent's text editor: `$VISUAL`, then `$EDITOR`, then the system's
//! own (`vi`; Notepad on Windows), opened at a line when it knows how.

use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};
use crate::platform::signals::Termination;

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
    ///
    /// A signal to leave (Ctrl-C, which the editor also gets and handles;
    /// a CI timeout's SIGTERM; SIGHUP) is obeyed once the editor is done:
    /// left at once, canned would free the library's lock while the editor
    /// still holds the file it saves as it read it, and a writer's change
    /// meanwhile would be lost. Git ignores Ctrl-C around its editor too.
    pub fn open(&self, path: &Path, line: usize) -> Result<()> {
        let editor = &self.command;
        let mut cmd = shell_command(editor);
        cmd.args(at_line(program_name(editor), path, line));
        let leave = Termination::deferred().map_err(|e| Error::io("signals", e))?;
        let status = cmd.status();
        if leave.requested() {
            return Err(Error::failed(
                format!(
                    "stopped by a signal, once the editor had closed {}",
                    path.display()
                ),
                Some("`canned check` checks what it saved".into()),
            ));
        }
        drop(leave);
        let status = status.map_err(|e| {
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

/// No shell splits the command on Windows: its words are read as cmd.exe
/// reads them (`"C:\\Program Files\\Ed\\ed.exe" -n`), and a path with
/// spaces left unquoted is the program when it names one. A program named
/// without its extension is looked for as Windows looks (`code` is
/// `code.cmd`, which Rust would not find).
#[cfg(not(unix))]
fn shell_command(editor: &str) -> Command {
    let whole = editor.trim();
    let (program, args) = if Path::new(whole).is_file() {
        (whole.to_string(), Vec::new())
    } else {
        let mut words = words(editor);
        let program = if words.is_empty() {
            "notepad".to_string()
        } else {
            words.remove(0)
        };
        (program, words)
    };
    let mut c = Command::new(on_path(&program));
    c.args(args);
    c
}

/// `program` with the first of `PATHEXT`'s extensions that names a file
/// in a folder of `PATH`, when it is a bare name without one.
#[cfg(not(unix))]
fn on_path(program: &str) -> std::path::PathBuf {
    let bare = Path::new(program);
    if bare.extension().is_some() || bare.components().count() != 1 {
        return bare.to_path_buf();
    }
    let exts = std::env::var("PATHEXT").unwrap_or_else(|_| ".COM;.EXE;.BAT;.CMD".into());
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| {
            (exts.split(';'))
                .filter(|e| !e.is_empty())
                .map(move |e| dir.join(format!("{program}{e}")))
        })
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| bare.to_path_buf())
}

/// The words of a command line: split at spaces outside double or single
/// quotes, the quotes dropped; a backslash is a path's, never an escape.
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote = None;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (_, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// The editor's program name without directory or extension, lowercased.
fn program_name(command: &str) -> String {
    let first = words(command).into_iter().next().unwrap_or_default();
    let base = first.rsplit(['/', '\\']).next().unwrap_or(&first);
    let lower = base.to_lowercase();
    [".exe", ".cmd", ".bat", ".com"]
        .iter()
        .find_map(|ext| lower.strip_suffix(ext))
        .unwrap_or(&lower)
        .to_string()
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

    /// Quotes group a path with spaces, as cmd.exe and sh read them, and
    /// a Windows path keeps its backslashes.
    #[test]
    fn an_editors_words_are_read_with_their_quotes() {
        assert_eq!(
            words(r#""C:\Program Files\My Editor\ed it.exe" -multiInst  -nosession"#),
            [
                r"C:\Program Files\My Editor\ed it.exe",
                "-multiInst",
                "-nosession"
            ]
        );
        assert_eq!(words("code --wait"), ["code", "--wait"]);
        assert_eq!(
            words("'/opt/My Ed/ed' -a \"\""),
            ["/opt/My Ed/ed", "-a", ""]
        );
        assert_eq!(
            program_name(r#""C:\Program Files\Microsoft VS Code\bin\code.cmd" --wait"#),
            "code"
        );
    }

    #[test]
    fn an_empty_choice_falls_back_to_the_systems_editor() {
        assert!(!Editor::new(Some(" ".into()), None).is_chosen());
        assert!(Editor::new(None, Some("nano".into())).is_chosen());
    }
}
