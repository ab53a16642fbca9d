//! Wayland: `wl-copy` forks a process that serves the text after we exit.
//! Its type is given (without `--type`, wl-copy sniffs the text with
//! `xdg-mime`, 170–285 ms a copy instead of 4–10 ms), its own error message
//! is passed on, and the copy is read back with `wl-paste` before it counts.

use std::io::{Read, Seek, Write};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{ANSWER_WITHIN, Group, display_silent};

const TYPE: &str = "text/plain;charset=utf-8";

/// What a copy runs: `wl-copy`, then `wl-paste` to confirm it.
pub const COPY_TOOLS: &[&str] = &["wl-copy", "wl-paste"];

/// Copies `text`, confirmed within [`ANSWER_WITHIN`]. A copy not confirmed
/// is undone: wl-copy, and the server it forks, are killed with their
/// process group, so that a compositor frozen now cannot take the text
/// later, after `canned` said nothing was copied.
pub fn copy(text: &str) -> Result<(), String> {
    // Asked before the copy: a copy made that cannot be confirmed would be
    // reported as none, with the text on the clipboard all the same.
    if let Some(tool) = COPY_TOOLS.iter().find(|tool| !super::on_path(tool)) {
        return Err(format!(
            "{tool} is not installed (the wl-clipboard package)"
        ));
    }
    let deadline = Instant::now() + ANSWER_WITHIN;
    // The server wl-copy leaves behind inherits stderr: a pipe would stay
    // open until it exits, so its messages go to an anonymous file.
    let mut errors = tempfile::tempfile().map_err(|e| e.to_string())?;
    let mut cmd = Command::new("wl-copy");
    cmd.args(["--type", TYPE])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(errors.try_clone().map_err(|e| e.to_string())?);
    let mut child = Group::spawn(&mut cmd).map_err(|e| format!("cannot run wl-copy: {e}"))?;
    let group = Group::of(&child);
    // Handed over and waited for on a thread: wl-copy stops reading while
    // it waits for a frozen compositor, and a long text would block us.
    let stdin = child.stdin.take();
    let (text_owned, (tx, rx)) = (text.to_string(), std::sync::mpsc::channel());
    std::thread::spawn(move || {
        // wl-copy may exit before reading (no compositor): its own
        // message, not our broken pipe, says why.
        let written = match stdin {
            Some(mut stdin) => stdin.write_all(text_owned.as_bytes()),
            None => Ok(()),
        };
        let _ = tx.send((written, child.wait()));
    });
    let Ok((written, status)) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
    else {
        group.kill();
        return Err(display_silent());
    };
    let status = status.map_err(|e| e.to_string())?;
    if !status.success() {
        let mut message = String::new();
        let _ = errors.rewind();
        let _ = errors.read_to_string(&mut message);
        let message = one_line(&message);
        return Err(if message.is_empty() {
            format!("wl-copy failed ({status})")
        } else {
            format!("wl-copy: {message}")
        });
    }
    if let Err(e) = written {
        group.kill();
        return Err(format!("cannot hand the text to wl-copy: {e}"));
    }
    // The server may take a moment to take the selection.
    let confirm_by = (Instant::now() + Duration::from_secs(3)).min(deadline);
    loop {
        let mut paste = Command::new("wl-paste");
        paste
            .args(["--no-newline", "--type", TYPE])
            .stdin(Stdio::null())
            .stderr(Stdio::null());
        let back = match output_by(&mut paste, deadline) {
            Ok(back) => back,
            Err(e) => {
                group.kill();
                return Err(e);
            }
        };
        if back.status.success() && back.stdout == text.as_bytes() {
            return Ok(());
        }
        if Instant::now() > confirm_by {
            group.kill();
            return Err(
                "the compositor never confirmed the copy (wl-paste read other text)".into(),
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// `cmd`'s output, killed with what it started when it is not done by
/// `deadline` (a frozen compositor), which is said as a display that does
/// not answer.
fn output_by(cmd: &mut Command, deadline: Instant) -> Result<Output, String> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let child = Group::spawn(cmd.stdout(Stdio::piped()).stderr(Stdio::piped()))
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    let group = Group::of(&child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(out) => out.map_err(|e| format!("cannot run {program}: {e}")),
        Err(_) => {
            group.kill();
            Err(display_silent())
        }
    }
}

/// The clipboard's text, else the primary selection's (text selected but
/// not copied), and whether it is the primary selection's. wl-paste's own
/// message says why there is none (no compositor to reach, nothing copied).
///
/// The compositor is asked first what is offered (it answers for itself),
/// then the text, which the program that copied it sends: one stopped
/// with Ctrl-Z never does, and is said so within 4 s, as on X11, rather
/// than taken for a frozen compositor after 10 s.
pub fn read() -> Result<(String, bool), String> {
    let deadline = Instant::now() + ANSWER_WITHIN;
    let mut why = String::new();
    for primary in [false, true] {
        let paste = |args: &[&str]| {
            let mut cmd = Command::new("wl-paste");
            cmd.args(args).stdin(Stdio::null());
            if primary {
                cmd.arg("--primary");
            }
            cmd
        };
        let offered = output_by(&mut paste(&["--list-types"]), deadline)?;
        if offered.status.success() {
            let owner_by = (Instant::now() + OWNER_WITHIN).min(deadline);
            let out = output_by(&mut paste(&["--no-newline", "--type", "text"]), owner_by)
                .map_err(|e| match Instant::now() < deadline {
                    true => format!(
                        "the program that owns the {} {}",
                        if primary {
                            "primary selection"
                        } else {
                            "clipboard"
                        },
                        super::OWNER_SILENT
                    ),
                    false => e,
                })?;
            // A clipboard of spaces or a line break is none: the primary
            // selection is read then.
            if out.status.success() && !out.stdout.trim_ascii().is_empty() {
                return Ok((
                    crate::domain::text::from_message_bytes(&out.stdout),
                    primary,
                ));
            }
            if why.is_empty() {
                why = String::from_utf8_lossy(&out.stderr).trim().to_string();
            }
        } else if why.is_empty() {
            why = String::from_utf8_lossy(&offered.stderr).trim().to_string();
        }
    }
    Err(if why.is_empty() {
        "the clipboard holds no text".into()
    } else {
        format!("wl-paste: {}", one_line(&why))
    })
}

/// A tool's message on one line, its lines joined (wl-copy and wl-paste
/// write two when `XDG_RUNTIME_DIR` is not set), without what would drive
/// a terminal.
fn one_line(message: &str) -> String {
    crate::domain::text::sanitize(message)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// How long the program that copied a text may take to send it, once the
/// compositor has said it is there: as for X11.
const OWNER_WITHIN: Duration = Duration::from_secs(4);
