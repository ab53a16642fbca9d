//! Putting text on the clipboard so that it stays there after `canned`
//! exits, and saying only what really happened.
//!
//! - macOS and Windows: the system clipboard, in process (the OS keeps the
//!   text after exit), read back before it is reported.
//! - Wayland: `wl-copy`, which stays behind to serve the text; read back
//!   with `wl-paste`.
//! - X11: a detached copy of `canned` (`__hold-clipboard`) owns the
//!   selection, fed through a pipe (never argv, where `ps` shows customer
//!   data); read back before it is reported.
//! - Inside tmux with no display: tmux's own buffer (`load-buffer -w`, which
//!   with `set-clipboard` also reaches the outer terminal), read back.
//! - Otherwise, with a terminal: OSC 52. The terminal cannot confirm it, so
//!   it is reported as sent, never as copied.

mod osc52;
mod system;
mod tmux;
mod wayland;
mod x11;

use std::fmt;

pub use osc52::osc52_sequence;
pub use x11::{hold, settle_display};

/// How the text was copied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// The macOS or Windows clipboard.
    System,
    X11,
    Wayland,
    Tmux,
    Osc52,
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::System => "system",
            Method::X11 => "x11",
            Method::Wayland => "wayland",
            Method::Tmux => "tmux",
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
            "system" => Preference::Only(Method::System),
            "x11" => Preference::Only(Method::X11),
            "wayland" => Preference::Only(Method::Wayland),
            "tmux" => Preference::Only(Method::Tmux),
            "osc52" => Preference::Only(Method::Osc52),
            other => {
                return Err(format!(
                    "`{other}` is not a clipboard method: expected auto, system, x11, wayland, tmux or osc52"
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
            display: x11::display_as_set().filter(|v| !v.is_empty()),
            wayland_display: var("WAYLAND_DISPLAY"),
            in_tmux: var("TMUX").is_some(),
        }
    }
}

/// What happened to the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    pub method: Method,
    /// Read back from the clipboard (false: sent, but nothing can tell).
    pub confirmed: bool,
    /// Why the methods tried first did not work, when one did not.
    pub note: Option<String>,
}

/// Why nothing was copied.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct CopyError(pub String);

/// Copies `text` with the preferred method, or the first that works.
pub fn copy(text: &str, pref: Preference, env: &Environment) -> Result<Copied, CopyError> {
    let (methods, skipped) = candidates(pref, env, wayland::COPY_TOOLS);
    let mut failures = Vec::new();
    for method in methods {
        let result = match method {
            Method::System => system::copy(text).map(|()| true),
            Method::X11 => {
                let (text, env) = (text.to_string(), env.clone());
                within(move || x11::copy(&text, &env)).map(|()| true)
            }
            // Given its time by itself: a copy not confirmed is undone.
            Method::Wayland => wayland_set(env)
                .and_then(|()| wayland::copy(text))
                .map(|()| true),
            Method::Tmux => inside_tmux(env)
                .and_then(|()| tmux::copy(text))
                .map(|()| true),
            Method::Osc52 => osc52::send(text).map(|()| false),
        };
        match result {
            Ok(confirmed) => {
                let note = (!failures.is_empty()).then(|| failures.join("; "));
                return Ok(Copied {
                    method,
                    confirmed,
                    note,
                });
            }
            Err(e) => failures.push(format!("{method}: {e}")),
        }
    }
    // What was left out is said only when nothing worked: a missing
    // wl-copy is no news to an agent whose copy went through X11.
    failures.splice(0..0, skipped);
    if pref == Preference::Auto
        && !system::AVAILABLE
        && env.display.is_none()
        && env.wayland_display.is_none()
    {
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

/// A message read from the clipboard, and where from when that was not
/// the clipboard the agent copies to: said, since it may be another
/// message than the one just copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clip {
    pub text: String,
    pub from: Option<Elsewhere>,
    /// Why the methods asked first gave nothing, when one was.
    pub because: Option<String>,
}

impl Clip {
    /// Said on stderr before the replies, when the message is not the
    /// clipboard's: where it came from, and why.
    pub fn note(&self) -> Option<String> {
        let from = self.from?;
        Some(match (from, &self.because) {
            (Elsewhere::Selection, _) => {
                "the clipboard holds no text: the message is the text selected (PRIMARY)".into()
            }
            (Elsewhere::TmuxBuffer, Some(why)) => {
                format!("the message is tmux's paste buffer ({why})")
            }
            (Elsewhere::TmuxBuffer, None) => "the message is tmux's paste buffer".into(),
        })
    }
}

/// Where a message came from when the clipboard held no text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Elsewhere {
    /// The text selected, not copied (X11's or Wayland's PRIMARY).
    Selection,
    /// tmux's paste buffer, with a display whose clipboard held no text.
    TmuxBuffer,
}

impl Elsewhere {
    /// Said in the picker's status line: `message (selected): …`.
    pub fn label(self) -> &'static str {
        match self {
            Elsewhere::Selection => "selected",
            Elsewhere::TmuxBuffer => "tmux buffer",
        }
    }
}

/// The text on the clipboard (a customer's message, for `suggest`): the
/// first method of the environment that holds some.
pub fn read(pref: Preference, env: &Environment) -> Result<Clip, CopyError> {
    let (methods, skipped) = candidates(pref, env, &["wl-paste"]);
    let mut failures = Vec::new();
    let clip = |(text, selected): (String, bool)| Clip {
        text,
        from: selected.then_some(Elsewhere::Selection),
        because: None,
    };
    for method in methods {
        let result = match method {
            Method::System => system::read().map(|text| Clip {
                text,
                from: None,
                because: None,
            }),
            Method::X11 => {
                let env = env.clone();
                within(move || x11::read(&env)).map(clip)
            }
            Method::Wayland => wayland_set(env).and_then(|()| wayland::read()).map(clip),
            // Said when a display's clipboard was asked first.
            Method::Tmux => inside_tmux(env).and_then(|()| tmux::read()).map(|text| Clip {
                text,
                from: (!failures.is_empty()).then_some(Elsewhere::TmuxBuffer),
                because: (!failures.is_empty()).then(|| failures.join("; ")),
            }),
            // A terminal's clipboard cannot be read back.
            Method::Osc52 if pref == Preference::Only(Method::Osc52) => {
                Err("a terminal's clipboard cannot be read: set `clipboard` to another method, or pipe the message in".into())
            }
            Method::Osc52 => continue,
        };
        match result {
            Ok(clip) if !clip.text.trim().is_empty() => return Ok(clip),
            Ok(_) => failures.push(format!("{method}: the clipboard holds no text")),
            // Something is on the display's clipboard, which did not come:
            // another method (tmux's buffer) may hold an older message, and
            // is not read instead.
            Err(e) if silent(&e) => {
                failures.splice(0..0, skipped);
                failures.push(format!("{method}: {e}"));
                return Err(CopyError(format!(
                    "cannot read the clipboard ({})",
                    failures.join("; ")
                )));
            }
            Err(e) => failures.push(format!("{method}: {e}")),
        }
    }
    failures.splice(0..0, skipped);
    if failures.is_empty() {
        failures.push(if env.display.is_none() && env.wayland_display.is_none() {
            "no display: DISPLAY and WAYLAND_DISPLAY are unset".into()
        } else {
            "no clipboard could be reached".into()
        });
    }
    Err(CopyError(format!(
        "cannot read the clipboard ({})",
        failures.join("; ")
    )))
}

/// Whether a read failed because what holds the clipboard did not answer
/// (a stopped owner, a frozen display), rather than found nothing.
fn silent(error: &str) -> bool {
    error.contains(OWNER_SILENT) || error.starts_with(DISPLAY_SILENT)
}

/// How an owner that does not answer is said (see `x11::read`).
pub(super) const OWNER_SILENT: &str = "does not answer (stopped, or busy)";
/// How a display that does not answer is said (see [`within`]).
const DISPLAY_SILENT: &str = "no answer from the display server";

/// How long a display server may take to answer: an X server that
/// accepts the connection and never replies (a stale `ssh -X` forward),
/// or a frozen compositor, must not hang an agent.
const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(10);

/// How a display server that did not answer within [`ANSWER_WITHIN`] is said.
fn display_silent() -> String {
    format!("{DISPLAY_SILENT} within {} s", ANSWER_WITHIN.as_secs())
}

/// A helper program (wl-copy, wl-paste) in a process group of its own,
/// killed whole: wl-copy forks the server that holds the text, in its
/// group, and a copy reported as none must not land on the clipboard
/// later, when a frozen compositor wakes.
struct Group(#[cfg_attr(not(unix), allow(dead_code))] u32);

impl Group {
    fn spawn(cmd: &mut std::process::Command) -> std::io::Result<std::process::Child> {
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        cmd.spawn()
    }

    fn of(child: &std::process::Child) -> Group {
        Group(child.id())
    }

    fn kill(&self) {
        // SAFETY: killpg only sends a signal; the group is the child's own
        // (process_group(0) made its id the group's).
        #[cfg(unix)]
        unsafe {
            libc::killpg(self.0 as libc::pid_t, libc::SIGKILL);
        }
    }
}

/// `work`, on a thread of its own, given [`ANSWER_WITHIN`] to finish (the
/// thread is left behind if it does not: the process ends soon, and a
/// holder it started gives up on its own).
fn within<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    rx.recv_timeout(ANSWER_WITHIN)
        .unwrap_or_else(|_| Err(display_silent()))
}

/// The methods to try, in order: the one the config names, or every one
/// the environment offers (`wayland_tools` must be installed for Wayland);
/// and why one the environment names was left out (a Wayland session
/// without the tools), to say if nothing works.
fn candidates(
    pref: Preference,
    env: &Environment,
    wayland_tools: &[&str],
) -> (Vec<Method>, Vec<String>) {
    let mut skipped = Vec::new();
    let methods = match pref {
        Preference::Only(m) => vec![m],
        Preference::Auto => {
            let mut c = Vec::new();
            if system::AVAILABLE {
                c.push(Method::System);
            }
            if env.wayland_display.is_some() {
                match wayland_tools.iter().find(|tool| !on_path(tool)) {
                    None => c.push(Method::Wayland),
                    Some(tool) => skipped.push(format!(
                        "wayland: {tool} is not installed (the wl-clipboard package)"
                    )),
                }
            }
            if env.display.is_some() && x11::AVAILABLE {
                c.push(Method::X11);
            }
            if env.in_tmux {
                if on_path("tmux") {
                    c.push(Method::Tmux);
                } else {
                    skipped.push("tmux: TMUX is set, but tmux is not on PATH".into());
                }
            }
            c.push(Method::Osc52);
            c
        }
    };
    (methods, skipped)
}

/// Said plainly when the config forces Wayland outside a session, rather
/// than as wl-copy's complaint about `XDG_RUNTIME_DIR`.
fn wayland_set(env: &Environment) -> Result<(), String> {
    match env.wayland_display {
        Some(_) => Ok(()),
        None => Err("WAYLAND_DISPLAY is not set".into()),
    }
}

/// tmux's buffer is the agent's only from inside tmux: outside, the text
/// would go to (or come from) whichever tmux server runs as this user.
fn inside_tmux(env: &Environment) -> Result<(), String> {
    if env.in_tmux {
        Ok(())
    } else {
        Err("not inside tmux (TMUX is unset): no tmux buffer is this terminal's".into())
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message from tmux's buffer says why the display gave none: an
    /// unreachable display is not an empty clipboard.
    #[test]
    fn a_message_read_elsewhere_says_where_and_why() {
        let clip = |from, because: Option<&str>| Clip {
            text: "Hi".into(),
            from,
            because: because.map(str::to_string),
        };
        assert_eq!(clip(None, None).note(), None);
        assert_eq!(
            clip(
                Some(Elsewhere::TmuxBuffer),
                Some("x11: cannot reach the X display `:99` (DISPLAY): Connection refused")
            )
            .note()
            .as_deref(),
            Some(
                "the message is tmux's paste buffer (x11: cannot reach the X display `:99` (DISPLAY): Connection refused)"
            )
        );
        assert_eq!(
            clip(Some(Elsewhere::Selection), None).note().as_deref(),
            Some("the clipboard holds no text: the message is the text selected (PRIMARY)")
        );
    }
}
