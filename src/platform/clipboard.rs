//! Putting text on the clipboard so that it stays there after `canned` exits.
//!
//! On X11 the owner of a selection must keep running to serve it, so the
//! text goes to a detached copy of `canned` (`__hold-clipboard`) through a
//! pipe, never argv, where `ps` would show customer data. The holder exits
//! when another program takes the clipboard, when the display goes away, or
//! after a day. On Wayland `wl-copy` does the same job. With no display but a
//! terminal, the terminal is asked to copy (OSC 52). A copy is only reported
//! once it is confirmed.

use std::fmt;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How the text was copied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    X11,
    Wayland,
    Osc52,
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::X11 => "x11",
            Method::Wayland => "wayland",
            Method::Osc52 => "osc52",
        })
    }
}

/// The `clipboard` setting of the config file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preference {
    Auto,
    Only(Method),
}

impl std::str::FromStr for Preference {
    type Err = String;

    fn from_str(s: &str) -> Result<Preference, String> {
        Ok(match s {
            "auto" => Preference::Auto,
            "x11" => Preference::Only(Method::X11),
            "wayland" => Preference::Only(Method::Wayland),
            "osc52" => Preference::Only(Method::Osc52),
            other => {
                return Err(format!(
                    "`{other}` is not a clipboard method: expected auto, x11, wayland or osc52"
                ));
            }
        })
    }
}

/// What the environment offers.
#[derive(Clone, Debug, Default)]
pub struct Environment {
    pub display: Option<String>,
    pub wayland_display: Option<String>,
    pub in_tmux: bool,
}

impl Environment {
    pub fn from_env() -> Environment {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Environment {
            display: var("DISPLAY"),
            wayland_display: var("WAYLAND_DISPLAY"),
            in_tmux: var("TMUX").is_some(),
        }
    }
}

/// Why nothing was copied.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CopyError(pub String);

/// Copies `text` with the preferred method, or the first that works.
/// Returns the method used and, when one failed first, why.
pub fn copy(
    text: &str,
    pref: Preference,
    env: &Environment,
) -> Result<(Method, Option<String>), CopyError> {
    let candidates: Vec<Method> = match pref {
        Preference::Only(m) => vec![m],
        Preference::Auto => {
            let mut c = Vec::new();
            if env.wayland_display.is_some() && on_path("wl-copy") {
                c.push(Method::Wayland);
            }
            if env.display.is_some() {
                c.push(Method::X11);
            }
            c.push(Method::Osc52);
            c
        }
    };
    let mut failures = Vec::new();
    for m in candidates {
        let result = match m {
            Method::X11 => copy_x11(text, env),
            Method::Wayland => copy_wayland(text),
            Method::Osc52 => copy_osc52(text, env.in_tmux),
        };
        match result {
            Ok(()) => {
                let note = (!failures.is_empty()).then(|| failures.join("; "));
                return Ok((m, note));
            }
            Err(e) => failures.push(format!("{m}: {e}")),
        }
    }
    if pref == Preference::Auto && env.display.is_none() && env.wayland_display.is_none() {
        failures.insert(
            0,
            "no display: DISPLAY and WAYLAND_DISPLAY are unset".into(),
        );
    }
    Err(CopyError(format!(
        "nothing was copied ({})",
        failures.join("; ")
    )))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

fn copy_wayland(text: &str) -> Result<(), String> {
    let mut child = Command::new("wl-copy")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run wl-copy: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("wl-copy failed ({status})"))
    }
}

/// Hands the text to a detached holder, then reads the clipboard back until
/// it holds exactly that text.
fn copy_x11(text: &str, env: &Environment) -> Result<(), String> {
    if env.display.is_none() {
        return Err("DISPLAY is not set".into());
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot find canned itself: {e}"))?;
    let mut cmd = Command::new(exe);
    cmd.arg("__hold-clipboard")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // A session of its own: closing the terminal must not take the
        // clipboard with it.
        // SAFETY: setsid is async-signal-safe and touches no memory of ours.
        unsafe {
            cmd.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start the clipboard holder: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string())?;
    }
    let mut reader = None;
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            if let Some(mut s) = child.stderr.take() {
                let _ = s.read_to_string(&mut err);
            }
            return Err(format!(
                "the clipboard holder exited ({status}): {}",
                err.trim()
            ));
        }
        if reader.is_none() {
            reader = arboard::Clipboard::new().ok();
        }
        if let Some(r) = reader.as_mut()
            && r.get_text().is_ok_and(|got| got == text)
        {
            return Ok(());
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return Err("the X server never confirmed the copy".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Asks the terminal to copy: OSC 52, wrapped for tmux when inside it.
fn copy_osc52(text: &str, in_tmux: bool) -> Result<(), String> {
    let mut tty = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/tty")
        .map_err(|_| "no terminal is attached".to_string())?;
    tty.write_all(osc52_sequence(text, in_tmux).as_bytes())
        .and_then(|()| tty.flush())
        .map_err(|e| format!("cannot write to the terminal: {e}"))
}

/// The escape sequence that asks a terminal to put `text` on its clipboard.
/// Inside tmux it is passed through to the outer terminal.
pub fn osc52_sequence(text: &str, in_tmux: bool) -> String {
    let osc = format!("\x1b]52;c;{}\x07", base64(text.as_bytes()));
    if in_tmux {
        format!("\x1bPtmux;{}\x1b\\", osc.replace('\x1b', "\x1b\x1b"))
    } else {
        osc
    }
}

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The holder's side: owns the X selection until another program takes it,
/// the display goes away, or a day has passed.
pub fn hold(text: String) -> Result<(), String> {
    let display = std::env::var("DISPLAY").unwrap_or_default();
    let started = Instant::now();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(2));
            if !display_alive(&display) || started.elapsed() > Duration::from_secs(24 * 3600) {
                std::process::exit(0);
            }
        }
    });
    let mut clipboard = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        use arboard::SetExtLinux;
        clipboard.set().wait().text(text).map_err(|e| e.to_string())
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        // Elsewhere the system keeps the clipboard: no need to wait.
        clipboard.set_text(text).map_err(|e| e.to_string())
    }
}

/// Whether the X server of `display` (`:99`, `host:10.0`) still accepts connections.
fn display_alive(display: &str) -> bool {
    let Some((host, rest)) = display.rsplit_once(':') else {
        return true;
    };
    let Ok(n) = rest.split('.').next().unwrap_or("").parse::<u16>() else {
        return true;
    };
    #[cfg(unix)]
    if host.is_empty() || host == "unix" {
        let path = format!("/tmp/.X11-unix/X{n}");
        return std::os::unix::net::UnixStream::connect(path).is_ok();
    }
    let Some(port) = 6000u16.checked_add(n) else {
        return true;
    };
    use std::net::ToSocketAddrs;
    match (host, port).to_socket_addrs() {
        Ok(mut addrs) => {
            addrs.any(|a| std::net::TcpStream::connect_timeout(&a, Duration::from_secs(2)).is_ok())
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("é".as_bytes()), "w6k=");
    }

    #[test]
    fn osc52_is_wrapped_for_tmux() {
        assert_eq!(osc52_sequence("hi", false), "\x1b]52;c;aGk=\x07");
        assert_eq!(
            osc52_sequence("hi", true),
            "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
    }

    #[test]
    fn a_display_with_no_server_is_dead() {
        assert!(!display_alive(":64999"));
        assert!(display_alive("garbage"));
    }
}
