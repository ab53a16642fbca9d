//! Inside tmux: tmux's own paste buffer. `load-buffer -w` also hands the
//! text to the outer terminal when tmux's `set-clipboard` allows it, which
//! an OSC 52 escape from inside tmux does not do by default.

use std::io::Write;
use std::process::{Command, Stdio};

pub fn copy(text: &str) -> Result<(), String> {
    let mut child = Command::new("tmux")
        .args(["load-buffer", "-w", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tmux: {e}"))?;
    // A tmux that left at once (no server running) broke the pipe: what
    // it said is the reason, not the broken pipe.
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if let Some(Err(e)) = written
        && out.status.success()
    {
        return Err(e.to_string());
    }
    if !out.status.success() {
        return Err(format!(
            "tmux load-buffer failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let back = Command::new("tmux")
        .args(["save-buffer", "-"])
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run tmux: {e}"))?;
    if back.stdout == text.as_bytes() {
        Ok(())
    } else {
        Err("tmux's buffer holds other text after the copy".into())
    }
}

/// tmux's most recent paste buffer.
pub fn read() -> Result<String, String> {
    let out = Command::new("tmux")
        .args(["save-buffer", "-"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run tmux: {e}"))?;
    if !out.status.success() {
        return Err("tmux has no paste buffer".into());
    }
    Ok(crate::domain::text::from_message_bytes(&out.stdout))
}
