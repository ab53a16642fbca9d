//! X11: the owner of a selection must keep running to serve it, so the text
//! goes to a detached copy of `canned` (`__hold-clipboard`) through a pipe.
//! The holder owns CLIPBOARD itself and serves exactly the targets it
//! offers: `UTF8_STRING`, `text/plain;charset=utf-8`, `text/plain`, `TEXT`
//! and `STRING` (Latin-1). It leaves when another program takes the
//! clipboard, when its X server goes away (its connection breaks, even if a
//! new server starts on the same display), or after a day.

#[cfg(all(unix, not(target_os = "macos")))]
pub const AVAILABLE: bool = true;
#[cfg(not(all(unix, not(target_os = "macos"))))]
pub const AVAILABLE: bool = false;

#[cfg(all(unix, not(target_os = "macos")))]
pub use holder::{copy, hold, read};

/// `DISPLAY` as the X library reads it, rewritten where x11rb (and arboard
/// through it) reads it otherwise: Xlib takes `unix:N[.S]` for the local
/// display N, as xclip and every X program do; x11rb takes what follows
/// `unix:` for a socket's path, and copied nothing on a working display.
/// Called first thing in `main`, while `canned` is one thread, so that the
/// holder and every library read one name.
pub fn settle_display() {
    #[cfg(all(unix, not(target_os = "macos")))]
    if let Ok(set) = std::env::var("DISPLAY")
        && let Some(local) = local_display(&set)
    {
        // SAFETY: no other thread exists yet to read the environment.
        unsafe { std::env::set_var("DISPLAY", local) };
        // An error names the display as the user set it (`unix:79`).
        let _ = DISPLAY_AS_SET.set(set);
    }
}

/// `DISPLAY` before [`settle_display`] rewrote it, if it did.
static DISPLAY_AS_SET: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// `DISPLAY` as the user set it, for messages.
pub fn display_as_set() -> Option<String> {
    DISPLAY_AS_SET
        .get()
        .cloned()
        .or_else(|| std::env::var("DISPLAY").ok())
}

/// `:N[.S]` for Xlib's `unix:N[.S]`; none for any other name.
#[cfg_attr(not(all(unix, not(target_os = "macos"))), allow(dead_code))]
fn local_display(display: &str) -> Option<String> {
    let rest = display.strip_prefix("unix:")?;
    let (number, screen) = rest.split_once('.').unwrap_or((rest, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(number) && digits(screen)).then(|| format!(":{rest}"))
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn copy(_text: &str, _env: &super::Environment) -> Result<(), String> {
    Err("X11 is not supported on this system".into())
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn read(_env: &super::Environment) -> Result<(String, bool), String> {
    Err("X11 is not supported on this system".into())
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
pub fn hold(_text: String) -> Result<(), String> {
    Err("X11 is not supported on this system".into())
}

#[cfg(all(unix, not(target_os = "macos")))]
mod holder {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use x11rb::connection::Connection;
    use x11rb::protocol::Event;
    use x11rb::protocol::xproto::{
        AtomEnum, ChangeWindowAttributesAux, ConnectionExt, CreateWindowAux, EventMask, PropMode,
        Property, SELECTION_NOTIFY_EVENT, SelectionNotifyEvent, SelectionRequestEvent, WindowClass,
    };
    use x11rb::wrapper::ConnectionExt as _;

    use crate::platform::clipboard::Environment;

    /// A holder lives at most this long: a reply copied yesterday is stale.
    const LIFETIME: Duration = Duration::from_secs(24 * 3600);

    /// Hands the text to a detached holder, then reads the clipboard back
    /// until it holds exactly that text.
    pub fn copy(text: &str, env: &Environment) -> Result<(), String> {
        if env.display.is_none() {
            return Err("DISPLAY is not set".into());
        }
        reach(env)?;
        let exe = std::env::current_exe().map_err(|e| format!("cannot find canned itself: {e}"))?;
        let mut cmd = Command::new(exe);
        cmd.arg("__hold-clipboard")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: only async-signal-safe calls (setsid, close), on no
            // memory of ours.
            unsafe {
                cmd.pre_exec(|| {
                    // A session of its own: closing the terminal must not
                    // take the clipboard with it.
                    libc::setsid();
                    // Descriptors the shell gave us (`3>&1 | cat`) would keep
                    // a pipe open until the holder exits.
                    close_from(3);
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
            if reader.is_none() {
                reader = arboard::Clipboard::new().ok();
            }
            let holds_text = |r: &mut Option<arboard::Clipboard>| {
                r.as_mut()
                    .is_some_and(|r| r.get_text().is_ok_and(|got| got == text))
            };
            if holds_text(&mut reader) {
                return Ok(());
            }
            if let Ok(Some(status)) = child.try_wait() {
                // A clipboard manager may have taken the text over at once,
                // so the holder left: the clipboard decides, not the exit.
                if holds_text(&mut reader) {
                    return Ok(());
                }
                let mut err = String::new();
                if let Some(mut s) = child.stderr.take() {
                    let _ = s.read_to_string(&mut err);
                }
                // It left as a holder leaves when the clipboard is taken.
                if status.success() && err.trim().is_empty() {
                    return Err(
                        "another program took the clipboard at once, and it holds other text"
                            .into(),
                    );
                }
                return Err(format!(
                    "the clipboard holder exited ({status}): {}",
                    err.trim()
                ));
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                return Err("the X server never confirmed the copy".into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The CLIPBOARD's text, else the PRIMARY selection's (text selected
    /// but not copied), and whether it is PRIMARY's.
    pub fn read(env: &Environment) -> Result<(String, bool), String> {
        use arboard::{GetExtLinux, LinuxClipboardKind};
        // Said plainly, rather than as the X library's time-out.
        if env.display.is_none() {
            return Err("DISPLAY is not set".into());
        }
        reach(env)?;
        let mut clipboard = None;
        for (kind, name) in [
            (LinuxClipboardKind::Clipboard, "CLIPBOARD"),
            (LinuxClipboardKind::Primary, "PRIMARY"),
        ] {
            // Asked once, as it comes, within four seconds: an owner that
            // does not answer (a program stopped with Ctrl-Z) is told so
            // then, where arboard waits as long for each of six types.
            // Something was copied then: the text selected (PRIMARY) may
            // be another message, and is not read instead.
            let text = match text_as_it_comes(name) {
                Answer::Text(text) => Some(text),
                // An image (a screenshot piped to `xclip -t image/png`
                // answers every request with it) holds no text.
                Answer::Nobody | Answer::NotText => None,
                Answer::Silent => {
                    return Err(format!(
                        "the program that owns the {name} selection {}",
                        super::super::OWNER_SILENT
                    ));
                }
                // Megabytes come in pieces (INCR), which arboard reads.
                Answer::Other => {
                    if clipboard.is_none() {
                        clipboard = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
                    }
                    (clipboard.as_mut()).and_then(|c| c.get().clipboard(kind).text().ok())
                }
            };
            // A clipboard of spaces or a line break is none: the text
            // selected is read then.
            if let Some(text) = text
                && !text.trim().is_empty()
            {
                return Ok((text, name == "PRIMARY"));
            }
        }
        Err("the clipboard holds no text".into())
    }

    /// Whether the X server `DISPLAY` names can be reached, or why not,
    /// naming it: said before the holder starts or a read is tried, whose
    /// errors ("the clipboard holder exited", "timed out") say neither.
    fn reach(env: &Environment) -> Result<(), String> {
        x11rb::connect(None).map(drop).map_err(|e| {
            format!(
                "cannot reach the X display `{}` (DISPLAY): {e}",
                env.display.as_deref().unwrap_or_default()
            )
        })
    }

    /// What a selection's owner answered.
    enum Answer {
        Text(String),
        /// No program owns the selection: nothing is on it.
        Nobody,
        /// What the owner sent is no text (an image).
        NotText,
        /// No owner, no text, or text in pieces.
        Other,
        /// Nothing, within four seconds.
        Silent,
    }

    /// The text of `selection`, asked as `UTF8_STRING` and taken in the
    /// type the owner answers with: `STRING` read as Latin-1, any other as
    /// UTF-8 (a byte that is not, as `�`).
    fn text_as_it_comes(selection: &str) -> Answer {
        let (conn, screen) = match x11rb::connect(None) {
            Ok(connected) => connected,
            Err(_) => return Answer::Other,
        };
        let atom = |name: &str| {
            Some(
                conn.intern_atom(false, name.as_bytes())
                    .ok()?
                    .reply()
                    .ok()?
                    .atom,
            )
        };
        let (Some(selection), Some(utf8), Some(property), Some(incr)) = (
            atom(selection),
            atom("UTF8_STRING"),
            atom("CANNED_READ"),
            atom("INCR"),
        ) else {
            return Answer::Other;
        };
        // No owner, no text: nobody to wait for.
        let owner = conn
            .get_selection_owner(selection)
            .ok()
            .and_then(|cookie| cookie.reply().ok());
        if owner.is_some_and(|o| o.owner == u32::from(AtomEnum::NONE)) {
            return Answer::Nobody;
        }
        let Ok(window) = unseen_window(&conn, screen) else {
            return Answer::Other;
        };
        // Told of each piece of a text sent in pieces (below).
        let watched = conn.change_window_attributes(
            window,
            &ChangeWindowAttributesAux::new().event_mask(EventMask::PROPERTY_CHANGE),
        );
        if watched.is_err() {
            return Answer::Other;
        }
        let asked = conn.convert_selection(window, selection, utf8, property, x11rb::CURRENT_TIME);
        if asked.is_err() || conn.flush().is_err() {
            return Answer::Other;
        }
        // As long as arboard gives an owner for one type: a live owner on
        // a loaded machine answers well within it.
        let deadline = Instant::now() + Duration::from_secs(4);
        let notified = loop {
            match conn.poll_for_event() {
                Ok(Some(Event::SelectionNotify(e))) if e.requestor == window => break e,
                Ok(Some(_)) => {}
                Ok(None) if Instant::now() > deadline => return Answer::Silent,
                Ok(None) => std::thread::sleep(Duration::from_millis(2)),
                Err(_) => return Answer::Other,
            }
        };
        if notified.property == u32::from(AtomEnum::NONE) {
            return Answer::Other;
        }
        let reply = conn
            .get_property(true, window, property, AtomEnum::ANY, 0, u32::MAX / 4)
            .ok()
            .and_then(|cookie| cookie.reply().ok());
        // Only a text type is text: `xclip -t image/png` answers a request
        // for UTF8_STRING with its image, typed `image/png`.
        let text_atom = atom("TEXT");
        let texty = |kind: u32| {
            kind == u32::from(AtomEnum::STRING)
                || kind == utf8
                || Some(kind) == text_atom
                || conn
                    .get_atom_name(kind)
                    .ok()
                    .and_then(|cookie| cookie.reply().ok())
                    .is_some_and(|n| n.name.starts_with(b"text/"))
        };
        // Deleting the property (above) asked for the first piece.
        if reply.as_ref().is_some_and(|r| r.type_ == incr) {
            return match in_pieces(&conn, window, property) {
                Ok((bytes, kind)) if texty(kind) => Answer::Text(decoded(&bytes, kind)),
                Ok(_) => Answer::NotText,
                Err(answer) => answer,
            };
        }
        let Some(reply) = reply.filter(|r| r.format == 8) else {
            return Answer::Other;
        };
        if !texty(reply.type_) {
            return Answer::NotText;
        }
        Answer::Text(decoded(&reply.value, reply.type_))
    }

    /// A selection's bytes as text by their type: `STRING` is Latin-1; any
    /// other is UTF-8, or Windows-1252 where it is not (an owner that labels
    /// Latin-1 as UTF-8, as xclip fed it does): read as stdin, Wayland and
    /// tmux are.
    fn decoded(bytes: &[u8], kind: u32) -> String {
        if kind == u32::from(AtomEnum::STRING) {
            bytes.iter().map(|&b| char::from(b)).collect()
        } else {
            crate::domain::text::from_message_bytes(bytes)
        }
    }

    /// How much of a text sent in pieces is kept: four bytes a character
    /// of all a message is read for.
    const KEPT: usize = 4 * crate::domain::suggest::MESSAGE_LIMIT;

    /// A text over the owner's limit of one piece (some 256 kB to 1 MB,
    /// INCR, ICCCM 2.7.2): each piece is read, and deleted to ask for the
    /// next, to the empty one that ends it, so that the owner is never
    /// left mid-transfer (xclip then served nobody else). The first
    /// [`KEPT`] bytes are kept, the rest read and dropped.
    fn in_pieces(
        conn: &impl Connection,
        window: u32,
        property: u32,
    ) -> Result<(Vec<u8>, u32), Answer> {
        let mut bytes = Vec::new();
        let mut kind = u32::from(AtomEnum::STRING);
        loop {
            let deadline = Instant::now() + Duration::from_secs(4);
            loop {
                match conn.poll_for_event() {
                    Ok(Some(Event::PropertyNotify(e)))
                        if e.window == window
                            && e.atom == property
                            && e.state == Property::NEW_VALUE =>
                    {
                        break;
                    }
                    Ok(Some(_)) => {}
                    Ok(None) if Instant::now() > deadline => return Err(Answer::Silent),
                    Ok(None) => std::thread::sleep(Duration::from_millis(1)),
                    Err(_) => return Err(Answer::Other),
                }
            }
            let Some(piece) = conn
                .get_property(true, window, property, AtomEnum::ANY, 0, u32::MAX / 4)
                .ok()
                .and_then(|cookie| cookie.reply().ok())
            else {
                return Err(Answer::Other);
            };
            if piece.value.is_empty() {
                break;
            }
            kind = piece.type_;
            let room = KEPT.saturating_sub(bytes.len());
            bytes.extend_from_slice(&piece.value[..room.min(piece.value.len())]);
        }
        Ok((bytes, kind))
    }

    /// Closes every descriptor from `first` on.
    fn close_from(first: libc::c_int) {
        // SAFETY: closing descriptors touches no memory.
        #[cfg(target_os = "linux")]
        unsafe {
            if libc::syscall(libc::SYS_close_range, first, libc::c_uint::MAX, 0) == 0 {
                return;
            }
        }
        // SAFETY: as above; sysconf only reads a limit.
        let max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
        let max = libc::c_int::try_from(max)
            .unwrap_or(4096)
            .clamp(first, 65_536);
        for fd in first..max {
            unsafe {
                libc::close(fd);
            }
        }
    }

    /// The holder's side: owns CLIPBOARD until another program takes it,
    /// the X server goes away, or [`LIFETIME`] has passed.
    pub fn hold(text: String) -> Result<(), String> {
        let started = Instant::now();
        std::thread::spawn(move || {
            std::thread::sleep(LIFETIME.saturating_sub(started.elapsed()));
            std::process::exit(0);
        });
        // An X server that accepts the connection and never answers (a
        // stale `ssh -X` forward) would keep the holder waiting for ever:
        // it gives up as `canned` does (see `ANSWER_WITHIN`).
        let owning = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        {
            let owning = std::sync::Arc::clone(&owning);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_secs(10));
                if !owning.load(std::sync::atomic::Ordering::SeqCst) {
                    std::process::exit(1);
                }
            });
        }
        let (conn, screen) = x11rb::connect(None).map_err(|e| e.to_string())?;
        let atom = |name: &str| -> Result<u32, String> {
            Ok(conn
                .intern_atom(false, name.as_bytes())
                .map_err(|e| e.to_string())?
                .reply()
                .map_err(|e| e.to_string())?
                .atom)
        };
        let clipboard = atom("CLIPBOARD")?;
        let targets = atom("TARGETS")?;
        let utf8 = atom("UTF8_STRING")?;
        let text_atom = atom("TEXT")?;
        let mime_utf8 = atom("text/plain;charset=utf-8")?;
        let mime_plain = atom("text/plain")?;
        let string: u32 = AtomEnum::STRING.into();
        let window = unseen_window(&conn, screen)?;
        conn.set_selection_owner(window, clipboard, x11rb::CURRENT_TIME)
            .map_err(|e| e.to_string())?;
        let owner = conn
            .get_selection_owner(clipboard)
            .map_err(|e| e.to_string())?
            .reply()
            .map_err(|e| e.to_string())?
            .owner;
        if owner != window {
            return Err("another program kept the clipboard".into());
        }
        owning.store(true, std::sync::atomic::Ordering::SeqCst);
        let offered = [targets, utf8, mime_utf8, mime_plain, text_atom, string];
        let latin1: Vec<u8> = text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect();
        loop {
            // A broken connection means the X server is gone: leave.
            let Ok(event) = conn.wait_for_event() else {
                return Ok(());
            };
            match event {
                Event::SelectionClear(e) if e.selection == clipboard => return Ok(()),
                Event::SelectionRequest(req) => {
                    let served = if req.selection != clipboard {
                        false
                    } else if req.target == targets {
                        conn.change_property32(
                            PropMode::REPLACE,
                            req.requestor,
                            property_of(&req),
                            AtomEnum::ATOM,
                            &offered,
                        )
                        .is_ok()
                    } else if [utf8, mime_utf8, mime_plain, text_atom].contains(&req.target) {
                        // TEXT is answered in UTF-8, as ICCCM allows.
                        let kind = if req.target == text_atom {
                            utf8
                        } else {
                            req.target
                        };
                        conn.change_property8(
                            PropMode::REPLACE,
                            req.requestor,
                            property_of(&req),
                            kind,
                            text.as_bytes(),
                        )
                        .is_ok()
                    } else if req.target == string {
                        conn.change_property8(
                            PropMode::REPLACE,
                            req.requestor,
                            property_of(&req),
                            string,
                            &latin1,
                        )
                        .is_ok()
                    } else {
                        false
                    };
                    notify(&conn, &req, served);
                }
                _ => {}
            }
        }
    }

    /// A window of `screen` that is never shown: what a selection is asked
    /// for, or owned, by.
    fn unseen_window(conn: &impl Connection, screen: usize) -> Result<u32, String> {
        let root = conn.setup().roots[screen].root;
        let window = conn.generate_id().map_err(|e| e.to_string())?;
        conn.create_window(
            x11rb::COPY_DEPTH_FROM_PARENT,
            window,
            root,
            0,
            0,
            1,
            1,
            0,
            WindowClass::INPUT_ONLY,
            x11rb::COPY_FROM_PARENT,
            &CreateWindowAux::new(),
        )
        .map_err(|e| e.to_string())?;
        Ok(window)
    }

    /// Obsolete clients ask with no property: the target names it (ICCCM).
    fn property_of(req: &SelectionRequestEvent) -> u32 {
        if req.property == u32::from(AtomEnum::NONE) {
            req.target
        } else {
            req.property
        }
    }

    /// Tells the requestor its conversion is done, or refused.
    fn notify(conn: &impl Connection, req: &SelectionRequestEvent, served: bool) {
        let event = SelectionNotifyEvent {
            response_type: SELECTION_NOTIFY_EVENT,
            sequence: 0,
            time: req.time,
            requestor: req.requestor,
            selection: req.selection,
            target: req.target,
            property: if served {
                property_of(req)
            } else {
                AtomEnum::NONE.into()
            },
        };
        let _ = conn.send_event(false, req.requestor, EventMask::NO_EVENT, event);
        let _ = conn.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::local_display;

    #[test]
    fn xlibs_local_form_is_the_display_number() {
        assert_eq!(local_display("unix:87").as_deref(), Some(":87"));
        assert_eq!(local_display("unix:87.1").as_deref(), Some(":87.1"));
    }

    #[test]
    fn other_names_are_left_as_they_are() {
        for name in [
            ":87",
            "localhost:10.0",
            "unix:/tmp/launchd/org.xquartz:0",
            "unix:",
            "unix:8a",
        ] {
            assert_eq!(local_display(name), None, "{name}");
        }
    }
}
