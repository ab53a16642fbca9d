//! Wayland: `wl-copy` forks a process that serves the text after we exit.
//! Its type is given (without `--type`, wl-copy sniffs the text with
//! `xdg-mime`, 170–285 ms a copy instead of 4–10 ms), its own error message
//! is passed on, and the copy is read back with `wl-paste` before it counts.

use std::io::{Read, Seek, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TYPE: &str = "text/plain;charset=utf-8";

/// What a copy runs: `wl-copy`, then `wl-paste` to confirm it.
pub const COPY_TOOLS: &[&str] = &["wl-copy", "wl-paste"];

pub fn copy(text: &str) -> Result<(), String> {
    // Asked before the copy: a copy made that cannot be confirmed would be
    // reported as none, with the text on the clipboard all the same.
    if let Some(tool) = COPY_TOOLS.iter().find(|tool| !super::on_path(tool)) {
        return Err(format!(
            "{tool} is not installed (the wl-clipboard package)"
        ));
    }
    // The server wl-copy leaves behind inherits stderr: a pipe would stay
    // open until it exits, so its messages go to an anonymous file.
    let mut errors = tempfile::tempfile().map_err(|e| e.to_string())?;
    let mut child = Command::new("wl-copy")
        .args(["--type", TYPE])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(errors.try_clone().map_err(|e| e.to_string())?)
        .spawn()
        .map_err(|e| format!("cannot run wl-copy: {e}"))?;
    // wl-copy may exit before reading (no compositor): its own message,
    // not our broken pipe, says why.
    let written = match child.stdin.take() {
        Some(mut stdin) => stdin.write_all(text.as_bytes()),
        None => Ok(()),
    };
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        let mut message = String::new();
        let _ = errors.rewind();
        let _ = errors.read_to_string(&mut message);
        let message = message.trim();
        return Err(if message.is_empty() {
            format!("wl-copy failed ({status})")
        } else {
            format!("wl-copy: {message}")
        });
    }
    written.map_err(|e| format!("cannot hand the text to wl-copy: {e}"))?;
    // The server may take a moment to take the selection.
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let back = Command::new("wl-paste")
            .args(["--no-newline", "--type", TYPE])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run wl-paste to confirm the copy: {e}"))?;
        if back.status.success() && back.stdout == text.as_bytes() {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(
                "the compositor never confirmed the copy (wl-paste read other text)".into(),
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The clipboard's text, else the primary selection's (text selected but
/// not copied). wl-paste's own message says why there is none (no
/// compositor to reach, nothing copied).
pub fn read() -> Result<String, String> {
    let mut why = String::new();
    for primary in [false, true] {
        let mut cmd = Command::new("wl-paste");
        cmd.args(["--no-newline", "--type", "text"]);
        if primary {
            cmd.arg("--primary");
        }
        let out = cmd
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run wl-paste: {e}"))?;
        // A clipboard of spaces or a line break is none: the primary
        // selection is read then.
        if out.status.success() && !out.stdout.trim_ascii().is_empty() {
            return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
        }
        if why.is_empty() {
            why = String::from_utf8_lossy(&out.stderr).trim().to_string();
        }
    }
    Err(if why.is_empty() {
        "the clipboard holds no text".into()
    } else {
        format!("wl-paste: {}", crate::domain::text::one_line(&why))
    })
}
