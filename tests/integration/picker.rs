//! The picker, driven for real in tmux (80×24) under a private Xvfb.
//! Run by `scripts/test`.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::clipboard::{Xvfb, xclip_out};
use crate::support::{
    Env, MANIFEST, Pty, Test, canned_bin, isolate, sample_library, shell_command,
};

mod chat;
mod message;

/// A tmux server of our own, on a socket in the temp dir, with one 80×24
/// window running bash in the isolated environment.
struct Tmux {
    root: PathBuf,
    socket: PathBuf,
}

impl Tmux {
    fn start(env: &Env, display: &str) -> Tmux {
        Tmux::sized(env, display, 80, 24)
    }

    fn sized(env: &Env, display: &str, columns: u16, rows: u16) -> Tmux {
        let t = Tmux {
            root: env.path().to_path_buf(),
            socket: env.path().join("tmux.sock"),
        };
        let started = t
            .tmux()
            // The shell's terminal is 80 columns; the help width has no say.
            .env_remove("COLUMNS")
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                &columns.to_string(),
                "-y",
                &rows.to_string(),
            ])
            .args(["-e", &format!("DISPLAY={display}"), "-e", "NO_COLOR=1"])
            .args(["-e", "PS1=$ ", "bash", "--norc", "--noprofile"])
            .status()
            .expect("tmux is installed (scripts/test installs it)");
        assert!(started.success());
        t
    }

    /// `tmux` talking to this server.
    fn tmux(&self) -> Command {
        let mut cmd = Command::new("tmux");
        isolate(&mut cmd, &self.root);
        cmd.arg("-S").arg(&self.socket);
        cmd
    }

    fn keys(&self, keys: &[&str]) {
        let ok = self
            .tmux()
            .arg("send-keys")
            .args(keys)
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    /// Pastes text as a terminal does: bracketed, when the program asks.
    fn paste(&self, text: &str) {
        let set = self
            .tmux()
            .args(["set-buffer", "--", text])
            .status()
            .unwrap();
        assert!(set.success());
        self.keys_cmd(&["paste-buffer", "-p"]);
    }

    fn keys_cmd(&self, args: &[&str]) {
        let ok = self.tmux().args(args).status().unwrap().success();
        assert!(ok, "tmux {args:?}");
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        self.keys(&["-l", text]);
    }

    fn screen(&self) -> String {
        let out = self.tmux().args(["capture-pane", "-p"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for canned to exit, and asserts it left with nothing copied
    /// (exit 1, "nothing copied"); the screen after.
    fn left_with_nothing_copied(&self) -> String {
        let after = self.wait_for("canned to exit", |s| exit_status(s).is_some());
        assert_eq!(exit_status(&after), Some(1), "{after}");
        assert_eq!(last_words(&after), "nothing copied", "{after}");
        after
    }

    /// Starts the picker on the sample library from the shell.
    fn canned(&self, args: &str) {
        self.canned_in(&sample_library(), args);
    }

    /// Starts the picker on `library` from the shell.
    fn canned_in(&self, library: &std::path::Path, args: &str) {
        self.launch(library, args);
        self.wait_for("the picker", |s| s.contains("Esc quit"));
    }

    /// Types the command line that runs canned, and Enter.
    fn launch(&self, library: &std::path::Path, args: &str) {
        self.type_text(&format!(
            "'{}' --library '{}' {args}; echo EXIT=$?",
            canned_bin().display(),
            library.display()
        ));
        self.keys(&["Enter"]);
    }

    fn resize(&self, columns: u16, rows: u16) {
        let ok = self
            .tmux()
            .args(["resize-window", "-x", &columns.to_string()])
            .args(["-y", &rows.to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
}

impl Drop for Tmux {
    /// Kills the server, then waits (bounded) for what ran in its shell to
    /// be gone: a picker whose terminal closes must leave, and no test may
    /// leave one behind.
    fn drop(&mut self) {
        let children = self.shell_children();
        let _ = self.tmux().arg("kill-server").status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while children.iter().any(|pid| alive(*pid)) {
            if Instant::now() > deadline {
                if !std::thread::panicking() {
                    panic!("processes {children:?} outlived their terminal");
                }
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Tmux {
    /// The processes the pane's shell is running.
    fn shell_children(&self) -> Vec<u32> {
        let Ok(out) = self
            .tmux()
            .args(["list-panes", "-F", "#{pane_pid}"])
            .output()
        else {
            return Vec::new();
        };
        let shell = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let Ok(out) = Command::new("pgrep").args(["-P", &shell]).output() else {
            return Vec::new();
        };
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect()
    }
}

/// Whether a process is still running (a zombie has finished).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with('Z'))
    })
}

/// The status `echo EXIT=$?` printed once canned has exited. The typed
/// command line holds `EXIT=$?` long before that, so only a line that starts
/// with `EXIT=` and a digit counts.
fn exit_status(screen: &str) -> Option<i32> {
    // The typed command line (`…; echo EXIT=$?`) may wrap so that a line
    // starts with `EXIT=$?`: only a line that is `EXIT=` and a number counts.
    screen
        .lines()
        .find_map(|l| l.trim_end().strip_prefix("EXIT=")?.parse().ok())
}

/// Whether the screen is the fill-in form for `id`, drawn to its last row
/// (a frame is written top to bottom; the form's legend is its last row).
fn form_of(screen: &str, id: &str) -> bool {
    screen.contains(&format!("fill in {id} ")) && screen.trim_end().ends_with("^C quit")
}

/// The line canned printed last, just above `EXIT=…`.
fn last_words(screen: &str) -> &str {
    let lines: Vec<&str> = screen.lines().collect();
    let exit = lines
        .iter()
        .position(|l| exit_status(l).is_some())
        .expect("EXIT= line");
    lines[exit - 1]
}

fn query_line(screen: &str) -> &str {
    screen.lines().next().unwrap_or("")
}

fn first_row(screen: &str) -> &str {
    screen.lines().nth(1).unwrap_or("")
}

/// The status line, above the legend.
fn status_line(screen: &str) -> &str {
    let lines: Vec<&str> = screen.lines().collect();
    let legend = lines
        .iter()
        .position(|l| l.contains("Esc quit"))
        .unwrap_or(0);
    lines.get(legend.wrapping_sub(1)).copied().unwrap_or("")
}

/// What the picker says above its status line (an error, a warning),
/// wrapped over up to four rows: the rows joined by spaces.
fn said(screen: &str) -> String {
    let lines: Vec<&str> = screen.lines().collect();
    let legend = lines
        .iter()
        .position(|l| l.contains("Esc quit"))
        .unwrap_or(0);
    let rows = &lines[legend.saturating_sub(5)..legend.saturating_sub(1)];
    rows.iter().map(|r| r.trim()).collect::<Vec<_>>().join(" ")
}

/// The rows of the list when the preview is hidden.
fn rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect()
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn a_misspelt_french_query_without_accents_shows_the_right_response_first() {
    let env = Env::new();
    // The ranking of the whole query: one response.
    env.test()
        .sample()
        .args(["find", "remboursment", "prioritaire"])
        .stdout("refund-vip  refund-vip  ▲ high      billing  vip  fr  Remboursement prioritaire pour un client VIP\n")
        .run();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("");
    t.type_text("remboursment prioritaire");
    // Rankings of the words typed so far arrive on the way; only the whole
    // query ranks exactly one response.
    let screen = t.wait_for("the ranking of the whole query", |s| {
        query_line(s) == "❯ remboursment prioritaire" && status_line(s) == "1/60  answer in auto"
    });
    assert_eq!(
        first_row(&screen),
        "▶▲ Remboursement prioritaire pour un client VIP  refund-vip  refund-vip  billing",
        "{screen}"
    );
    // The preview renders on its own thread: it follows.
    t.wait_for("the French preview", |s| {
        s.contains("\n┌ refund-vip (fr) ──") && s.contains("│Bonjour ⟨name⟩")
    });
}

/// A library with no valid response (the wrong directory, or every file
/// broken) is said so, as `list` says it, not a picker saying "no match".
#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn a_library_with_no_response_is_said_before_the_picker_opens() {
    let env = Env::new();
    env.write("empty/canned.toml", "");
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.launch(&env.path().join("empty"), "");
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
    assert!(
        after.contains("error: the library holds no valid response\nhint: is the library right?"),
        "{after}"
    );
}

/// A `--var` one typo from a name the library reads would leave whichever
/// reply is picked with the chat's older value (`order=777` where 2 was
/// typed): refused before the picker opens, as `use` and `canned chat`
/// refuse it.
#[test]
fn a_misspelt_var_is_refused_before_the_picker_opens() {
    let env = Env::with_library(&[("canned.toml", MANIFEST)]);
    let command = shell_command("--chat 4821 --var ordr=2 refund");
    let (status, screen) = Pty::start(&env, &command, &[("NO_COLOR", "1")]).finish();
    assert_eq!(status.code(), Some(2), "{screen}");
    assert_eq!(
        screen,
        "error: `ordr` is no value the library reads, and the chat would keep it\n\
         hint: did you mean `order`? (--var order=…); nothing was copied\n"
    );
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn tab_hides_the_preview_and_the_legend_stays() {
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("transit");
    t.wait_for("the preview", |s| s.contains("\n┌ order-in-transit"));
    t.keys(&["Tab"]);
    let screen = t.wait_for("no preview", |s| !s.contains('┌'));
    assert!(
        screen.ends_with(
            "↑↓ move  ⏎ copy  Tab preview  ⇧↑↓ scroll  Alt-U/T/C/L filter  ^V msg  Esc quit\n"
        ),
        "{screen}"
    );
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn alt_u_narrows_the_list_to_one_urgency() {
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("");
    t.keys(&["Tab"]);
    t.keys(&["M-u"]);
    // The status names the filter at once; the count follows when the
    // ranking thread answers.
    let screen = t.wait_for("the critical responses alone", |s| {
        status_line(s) == "6/60  urgency:critical  answer in auto"
    });
    let ids: Vec<&str> = rows(&screen)
        .iter()
        .map(|r| r.split("  ").find(|c| c.contains('-')).unwrap_or("").trim())
        .collect();
    assert_eq!(
        ids,
        [
            "account-compromised",
            "chargeback-dispute",
            "complaint-handover",
            "legal-threat",
            "outage-major",
            "product-safety-recall"
        ],
        "{screen}"
    );
    assert!(rows(&screen).iter().all(|r| r.contains('‼')), "{screen}");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn enter_asks_for_exactly_the_missing_values_then_the_clipboard_holds_the_text() {
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("--var amount=€20 refund");
    t.wait_for("refund-standard first", |s| {
        first_row(s).contains("refund-standard")
    });
    t.keys(&["Enter"]);
    let form = t.wait_for("the form", |s| form_of(s, "refund-standard"));
    // In the order the text uses them; defaults pre-filled and marked.
    let labels: Vec<&str> = form
        .lines()
        .filter_map(|l| l.strip_prefix('│')?.split(" — ").next())
        .filter(|l| !l.contains(' '))
        .collect();
    assert_eq!(labels, ["name", "order", "refund_days", "agent"], "{form}");
    assert!(form.contains("refund_days — Business days"), "{form}");
    assert!(form.contains("(default)"), "{form}");
    assert!(!form.contains("amount —"), "amount was given: {form}");
    t.type_text("Sarah");
    t.keys(&["Tab"]);
    // Pasted with its `#`, spaces and line break: tidied, and said so; the
    // line break is part of the paste, not an Enter.
    t.paste(" #1245 \n");
    t.wait_for("the tidied value", |s| {
        s.contains("✓ removed the spaces around it, removed the # before it: 1245")
            && focused_field(s) == Some("order")
    });
    // Enter goes through the (default) fields, then copies.
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(0), "{after}");
    assert_eq!(
        last_words(&after),
        "copied refund-standard (en, 366 characters) via x11",
        "{after}"
    );
    let printed = Test::new()
        .sample()
        .args(["use", "refund-standard", "--var", "amount=€20"])
        .args(["--var", "name=Sarah", "--var", "order=1245", "--print"])
        .any_stdout()
        .run()
        .stdout;
    assert!(printed.starts_with("Hi Sarah,"), "{printed}");
    assert_eq!(xclip_out(&env, &x.display), printed);
}

/// A declared `default = ""` (the agent's name under the signature) is
/// never asked by `use`, and holds no copy back here either: with every
/// other value known, Enter copies at once, where a form asked for it alone.
#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn an_optional_value_alone_does_not_hold_the_copy_back() {
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("--var name=Tom --var order=1245 --var amount=€5 --var refund_days=5 refund");
    t.wait_for("refund-standard first", |s| {
        first_row(s).contains("refund-standard")
    });
    t.keys(&["Enter"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(0), "{after}");
    let printed = Test::new()
        .sample()
        .args([
            "use",
            "refund-standard",
            "--var",
            "amount=€5",
            "--var",
            "refund_days=5",
        ])
        .args(["--var", "name=Tom", "--var", "order=1245", "--print"])
        .any_stdout()
        .run()
        .stdout;
    assert!(printed.starts_with("Hi Tom,"), "{printed}");
    assert_eq!(xclip_out(&env, &x.display), printed);
}

/// With `--all` an expired reply can be picked, as `use` can name it: it
/// is said, as `use` says it, for its text may no longer hold.
#[test]
#[ignore = "needs tmux: run scripts/test"]
fn an_expired_reply_picked_with_all_is_said_to_have_expired() {
    let env = Env::new();
    env.write("config/canned/config.toml", "clipboard = \"osc52\"\n");
    let t = Tmux::start(&env, ":97");
    t.canned("--all --var name=A --var order=5 --var agent=Sam xmas-2025");
    t.wait_for("the expired reply first", |s| {
        first_row(s).contains("holiday-deadlines-2025")
    });
    t.keys(&["Enter"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(0), "{after}");
    // The terminal wraps it at 80 columns.
    let joined = after.replace('\n', "");
    assert!(
        joined.contains(
            "warning: `holiday-deadlines-2025` expired on 2025-12-31: agents no longer see it; check it still holds before sending"
        ),
        "{after}"
    );
}

/// The form is gone once the picker has left: a copy that fails prints the
/// finished text, for the agent to copy by hand, rather than lose it.
#[test]
#[ignore = "needs tmux: run scripts/test"]
fn a_copy_that_fails_prints_the_text_it_could_not_copy() {
    let env = Env::new();
    env.write("config/canned/config.toml", "clipboard = \"x11\"\n");
    // No X server answers on :97.
    let t = Tmux::start(&env, ":97");
    t.canned("--var amount=€20 --var order=1245 --var name=Sarah refund");
    t.wait_for("refund-standard first", |s| {
        first_row(s).contains("refund-standard")
    });
    t.keys(&["Enter"]);
    t.wait_for("the form", |s| form_of(s, "refund-standard"));
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
    assert!(after.contains("Hi Sarah,"), "{after}");
    assert!(
        after.contains("error: nothing was copied (x11: "),
        "{after}"
    );
    assert!(
        after.contains("hint: the text is printed above: copy it by hand"),
        "{after}"
    );
}

/// While a copy waits on a display that does not answer (10 s), the
/// picker has left the screen, but what the agent types is still not the
/// shell's: not echoed, and dropped, never run once canned exits.
#[cfg(unix)]
#[test]
#[ignore = "needs tmux: run scripts/test"]
fn what_is_typed_while_a_copy_waits_never_reaches_the_shell() {
    let (_env, _silent, t) = copying_to_a_silent_display();
    t.canned("--var amount=€20 --var order=1245 --var name=Sarah refund");
    t.wait_for("refund-standard first", |s| {
        first_row(s).contains("refund-standard")
    });
    t.keys(&["Enter"]);
    t.wait_for("the form", |s| form_of(s, "refund-standard"));
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    // The shell's screen is back, with the command line that ran canned.
    t.wait_for("the picker to leave", |s| s.contains("; echo EXIT=$?"));
    typed_while_copying_is_dropped(&t);
}

/// The same for `use` on a terminal: what is typed while its copy waits
/// is dropped, never run by the shell once canned exits.
#[cfg(unix)]
#[test]
#[ignore = "needs tmux: run scripts/test"]
fn what_is_typed_while_a_use_copy_waits_never_reaches_the_shell() {
    let (_env, _silent, t) = copying_to_a_silent_display();
    t.launch(
        &sample_library(),
        "use refund --var amount=€20 --var order=1245 --var name=Sarah",
    );
    typed_while_copying_is_dropped(&t);
}

/// A shell in tmux whose copies go to an X display that accepts
/// connections and never answers (as a stale `ssh -X` forward does).
#[cfg(unix)]
fn copying_to_a_silent_display() -> (Env, crate::clipboard::SilentX, Tmux) {
    let env = Env::new();
    env.write("config/canned/config.toml", "clipboard = \"x11\"\n");
    let silent = crate::clipboard::SilentX::start();
    let t = Tmux::start(&env, &silent.display);
    (env, silent, t)
}

/// Types a command while canned waits on a display that does not answer,
/// then, once it has given up, another: only the second runs (the first
/// was typed for canned, and is neither echoed nor run).
#[cfg(unix)]
fn typed_while_copying_is_dropped(t: &Tmux) {
    t.type_text("echo LEAKED");
    t.keys(&["Enter"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert!(
        after.contains(
            "error: nothing was copied (x11: no answer from the display server within 10 s)"
        ),
        "{after}"
    );
    t.type_text("echo still-here");
    t.keys(&["Enter"]);
    let after = t.wait_for("the shell", |s| s.contains("\nstill-here\n"));
    assert!(!after.lines().any(|l| l.trim() == "LEAKED"), "{after}");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn esc_copies_nothing_and_leaves_the_terminal_clean() {
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("");
    t.type_text("refund");
    t.keys(&["Escape"]);
    let after = t.left_with_nothing_copied();
    assert!(
        !after.contains("Esc quit") && !after.contains('┌'),
        "picker left on screen:\n{after}"
    );
    assert_eq!(xclip_out(&env, &x.display), "");
    // The terminal is back to cooked mode: the shell echoes what is typed.
    t.type_text("echo still-here");
    t.keys(&["Enter"]);
    t.wait_for("the shell", |s| s.contains("\nstill-here\n"));
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn esc_and_enter_read_at_once_are_esc_then_enter_not_a_copy() {
    // In one read they are the sequence Alt-Enter sends, which was taken
    // for Enter: the Esc pressed to cancel copied the reply.
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("--var name=Ann thanks-for-feedback");
    t.keys(&["Escape", "Enter"]);
    t.left_with_nothing_copied();
    assert_eq!(xclip_out(&env, &x.display), "");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn a_key_after_a_burst_of_held_down_keys_acts_at_once() {
    // Past 1 KiB of input at once, the rest used to wait for the next key:
    // an Enter typed after a held-down arrow acted only when Esc came, and
    // Esc copied the reply.
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("thanks-for-feedback");
    t.keys(&["-N", "700", "Up"]);
    t.keys(&["Down"]);
    t.wait_for("the second row chosen", |s| {
        s.lines().nth(2).is_some_and(|l| l.starts_with('▶'))
    });
    t.keys(&["Escape"]);
    t.left_with_nothing_copied();
    assert_eq!(xclip_out(&env, &x.display), "");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn sigterm_restores_the_terminal() {
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    // A query of its own marks this picker, so only it gets the signal
    // while other tests run theirs.
    let marker = format!(
        "sigterm{}x{}",
        std::process::id(),
        env.path().file_name().unwrap().to_string_lossy()
    );
    t.canned(&marker);
    let kill = env
        .command("pkill")
        .args(["-TERM", "-f", &marker])
        .status()
        .unwrap();
    assert!(kill.success());
    let after = t.left_with_nothing_copied();
    assert!(
        !after.contains("Esc quit"),
        "picker left on screen:\n{after}"
    );
    t.type_text("echo still-here");
    t.keys(&["Enter"]);
    t.wait_for("the shell", |s| s.contains("\nstill-here\n"));
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn the_picker_follows_a_resize() {
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("transit");
    t.wait_for("the preview below the list", |s| {
        s.lines().any(|l| l.starts_with("┌ order-in-transit"))
    });
    t.resize(120, 30);
    // From 100 columns the preview moves to the right of the list.
    t.wait_for("the preview beside the list", |s| {
        s.lines().any(|l| match l.find("┌ order-in-transit") {
            Some(at) => l[..at].chars().count() > 40,
            None => false,
        })
    });
}

/// Shrunk below its minimum while open, the picker says the terminal is
/// too small, as at startup, rather than cut an id at the edge of the
/// screen (`delivery-delayed-business` read as `delivery-delayed`); grown
/// again, it draws the list again.
#[test]
#[ignore = "needs tmux: run scripts/test"]
fn a_terminal_shrunk_below_the_minimum_is_said_too_small() {
    let env = Env::new();
    let t = Tmux::start(&env, "");
    t.canned("late");
    t.wait_for("both delays", |s| s.contains("delivery-delayed-busine…"));
    t.resize(29, 8);
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let screen = t.wait_for("the terminal said too small", |s| {
        words(s).contains("the terminal is 29×8; the picker needs at least 40×10; Esc leaves")
    });
    assert!(!screen.contains("delivery"), "{screen}");
    t.resize(80, 24);
    t.wait_for("the list again", |s| {
        s.contains("delivery-delayed-busine…") && s.contains("Esc quit")
    });
    t.keys(&["Escape"]);
    t.left_with_nothing_copied();
}

/// A library whose one reply needs seven values, in an order that is not
/// alphabetical, one with a default and one with a pattern.
const SEVEN: &str = r#"[[response]]
id = "seven-values"
title = "Seven values"
topic = "general"
notes = "Check the account first."
body = """
{{ zulu }} {{ alpha }} {{ mike }} {{ bravo }}
{{ yankee }} {{ charlie }} #{{ order }}"""
"#;

const SEVEN_MANIFEST: &str = r#"[variables.zulu]
description = "Z"
[variables.alpha]
description = "A"
[variables.mike]
description = "M"
[variables.bravo]
description = "B"
[variables.yankee]
description = "Y"
default = "why"
[variables.charlie]
description = "C"
[variables.order]
description = "Order number"
pattern = "^[0-9]+$"
"#;

fn seven_env() -> Env {
    Env::with_library(&[("canned.toml", SEVEN_MANIFEST), ("general.toml", SEVEN)])
}

/// The label of the focused field: the line above the `> ` input.
fn focused_field(screen: &str) -> Option<&str> {
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("│> "))?;
    lines[at.checked_sub(1)?]
        .strip_prefix('│')?
        .split(" — ")
        .next()
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn a_reply_with_seven_values_is_filled_in_at_80x24_in_the_order_of_its_text() {
    let env = seven_env();
    let t = Tmux::start(&env, "");
    t.canned_in(&env.library(), "seven");
    t.wait_for("the reply", |s| first_row(s).contains("Seven values"));
    t.keys(&["Enter"]);
    let form = t.wait_for("the form", |s| form_of(s, "seven-values"));
    assert!(form.contains("⚠ note: Check the account first."), "{form}");
    assert_eq!(focused_field(&form), Some("zulu"), "{form}");
    for (name, value) in [
        ("zulu", "Z1"),
        ("alpha", "A1"),
        ("mike", "M1"),
        ("bravo", "B1"),
    ] {
        t.wait_for(name, |s| focused_field(s) == Some(name));
        t.type_text(value);
        t.keys(&["Tab"]);
    }
    // The default is there, marked, and editable.
    let screen = t.wait_for("yankee", |s| focused_field(s) == Some("yankee"));
    assert!(screen.contains("│> why"), "{screen}");
    assert!(screen.contains("(default)"), "{screen}");
    t.keys(&["BSpace", "BSpace", "BSpace"]);
    t.type_text("Y1");
    t.keys(&["Tab"]);
    t.wait_for("charlie", |s| focused_field(s) == Some("charlie"));
    t.type_text("C1");
    t.keys(&["Tab"]);
    t.wait_for("order, the last field", |s| {
        focused_field(s) == Some("order")
    });
    t.type_text("12x");
    t.keys(&["Enter"]);
    // The focused field and its error are on screen, and the finished
    // text, with what is typed, below them.
    let screen = t.wait_for("the error", |s| {
        s.contains("✗ \"12x\" does not match") && s.contains("│Y1 C1 #12x ")
    });
    assert_eq!(focused_field(&screen), Some("order"), "{screen}");
    assert!(screen.contains("│> 12x"), "{screen}");
    assert!(screen.contains("┌ finished text"), "{screen}");
    t.keys(&["BSpace"]);
    t.wait_for("the error to go and the text to follow", |s| {
        !s.contains('✗') && s.contains("│Z1 A1 M1 B1") && s.contains("│Y1 C1 #12 ")
    });
    // Shift-Tab wraps from the first field to the last.
    t.keys(&["Tab"]);
    t.wait_for("zulu again", |s| focused_field(s) == Some("zulu"));
    t.keys(&["BTab"]);
    t.wait_for("order again", |s| focused_field(s) == Some("order"));
    // Esc steps back to the list; the values wait for the next Enter.
    t.keys(&["Escape"]);
    t.wait_for("the list", |s| s.contains("Esc quit"));
    t.keys(&["Enter"]);
    let screen = t.wait_for("the form again", |s| form_of(s, "seven-values"));
    assert!(screen.contains("│> Z1"), "{screen}");
    t.keys(&["C-c"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn notes_are_shown_before_a_copy_even_when_every_value_is_known() {
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("--var name=Sam --var order=1245 --var ticket=4821 --var agent=Jo legal");
    // At the top of the preview, set apart.
    let screen = t.wait_for("the note in the preview", |s| {
        s.contains("│⚠ note: Do not admit liability")
    });
    assert!(screen.contains("┌ legal-threat (en)"), "{screen}");
    // Enter shows the note once more instead of copying at once.
    t.keys(&["Enter"]);
    let form = t.wait_for("the form", |s| form_of(s, "legal-threat"));
    assert!(form.contains("│⚠ note: Do not admit liability"), "{form}");
    assert!(form.contains("Nothing to fill in"), "{form}");
    assert_eq!(xclip_out(&env, &x.display), "");
    t.keys(&["Enter"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(0), "{after}");
    assert!(xclip_out(&env, &x.display).starts_with("Hello Sam,"));
}

/// Whether a canned process whose command line holds `marker` is running.
fn running(env: &Env, marker: &str) -> bool {
    let out = env.command("pgrep").args(["-f", marker]).output().unwrap();
    !out.stdout.is_empty()
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn a_closed_terminal_ends_the_picker() {
    let env = Env::new();
    let t = Tmux::start(&env, "");
    let marker = format!("hangup{}x{}", std::process::id(), unique(&env));
    t.canned(&marker);
    assert!(running(&env, &marker));
    let killed = t.tmux().arg("kill-server").status().unwrap();
    assert!(killed.success());
    crate::support::wait_until("the picker to leave", Duration::from_secs(10), || {
        !running(&env, &marker)
    });
}

/// Stopped by Ctrl-Z or by SIGTSTP from elsewhere, the picker gives the
/// shell its screen and its cooked terminal back; `fg` brings the picker
/// back whole, taking keys again.
#[test]
#[ignore = "needs tmux: run scripts/test"]
fn a_stopped_picker_gives_the_terminal_back_and_fg_brings_it_back() {
    let env = Env::new();
    let t = Tmux::start(&env, "");
    let marker = format!("stop{}x{}", std::process::id(), unique(&env));
    for stop in ["key", "signal"] {
        t.keys(&["C-l"]);
        t.canned(&marker);
        if stop == "key" {
            t.keys(&["C-z"]);
        } else {
            let sent = env
                .command("pkill")
                .args(["-TSTP", "-f", &marker])
                .status()
                .unwrap();
            assert!(sent.success());
        }
        let stopped = t.wait_for("the shell", |s| s.contains("Stopped"));
        assert!(!stopped.contains("Esc quit"), "{stopped}");
        // Cooked mode: the shell echoes a command and runs it.
        t.type_text("echo still-here");
        t.keys(&["Enter"]);
        t.wait_for("the shell", |s| s.contains("\nstill-here\n"));
        t.type_text("fg");
        t.keys(&["Enter"]);
        t.wait_for("the picker again", |s| s.contains("Esc quit"));
        t.keys(&["C-u"]);
        t.type_text("refund");
        t.wait_for("the query typed", |s| query_line(s).starts_with("❯ refund"));
        t.keys(&["Escape"]);
        t.wait_for("canned to leave", |s| s.contains("nothing copied"));
    }
}

fn unique(env: &Env) -> String {
    env.path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(|c: char| !c.is_ascii_alphanumeric(), "")
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn a_hostile_body_s_preview_stops_at_the_work_limit_and_esc_leaves() {
    // Minutes to render before the work limit counted what filters make:
    // one loop, each turn doubling a string fourteen times.
    let chain: String = (0..14)
        .map(|i| match i % 2 {
            0 => " | replace(from=\"a\", to=\"bb\")",
            _ => " | replace(from=\"b\", to=\"aa\")",
        })
        .collect();
    let body = format!(
        "{{% for i in range(end=100000) %}}{{% if \"aaaaaaaaaaaaaaaaaaaa\"{chain} | length == 0 %}}x{{% endif %}}{{% endfor %}}done"
    );
    let env = Env::with_library(&[(
        "a.toml",
        &format!(
            "[[response]]\nid = \"slow\"\ntitle = \"Slow one\"\ntopic = \"t\"\nbody = '''{body}'''\n\n\
             [[response]]\nid = \"quick\"\ntitle = \"Quick one\"\ntopic = \"t\"\nbody = \"Quick text\"\n"
        ),
    )]);
    let t = Tmux::start(&env, "");
    t.canned_in(&env.library(), "slow");
    t.wait_for("the slow reply", |s| first_row(s).contains("Slow one"));
    // The preview says at once why the reply cannot be rendered.
    t.wait_for("the work limit in the preview", |s| {
        s.contains("┌ slow (en)") && s.contains("this loop would take")
    });
    t.type_text("x");
    t.wait_for("the key", |s| query_line(s) == "❯ slowx");
    t.keys(&["C-u"]);
    t.wait_for("the quick reply first", |s| {
        first_row(s).contains("Quick one")
    });
    t.wait_for("the quick preview", |s| s.contains("│Quick text"));
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn an_enter_typed_with_the_command_is_never_lost() {
    let env = Env::new();
    let t = Tmux::start(&env, "");
    for round in 0..3 {
        t.type_text("clear");
        t.keys(&["Enter"]);
        t.wait_for("a clear screen", |s| exit_status(s).is_none());
        // Enter and the first letters arrive before the picker has drawn.
        t.launch(&sample_library(), "transit");
        t.keys(&["Enter"]);
        t.type_text("Sam");
        let form = t.wait_for("the form", |s| form_of(s, "order-in-transit"));
        t.wait_for("the letters in the form", |s| s.contains("│> Sam"));
        assert!(!form.contains("EXIT="), "round {round}: {form}");
        t.keys(&["C-c"]);
        t.wait_for("canned to exit", |s| exit_status(s) == Some(1));
    }
}

/// Whether the screen is a form, whichever reply it is for.
fn any_form(screen: &str) -> bool {
    screen.contains("fill in ") && screen.trim_end().ends_with("^C quit")
}

/// Moves sent with the query in one write, or before the first frame,
/// act on the list of that query: `t:general u:low` lists
/// closing-conversation, out-of-hours, thanks-for-feedback.
#[test]
#[ignore = "needs tmux: run scripts/test"]
fn moves_typed_before_their_list_is_ranked_act_on_it() {
    let env = Env::new();
    let t = Tmux::start(&env, "");
    t.canned("");
    t.keys(&["t:general u:low", "Down", "Enter"]);
    let form = t.wait_for("a form", any_form);
    assert!(form_of(&form, "out-of-hours"), "the second row: {form}");
    t.keys(&["C-c"]);
    t.wait_for("canned to exit", |s| exit_status(s) == Some(1));
    t.type_text("clear");
    t.keys(&["Enter"]);
    t.wait_for("a clear screen", |s| exit_status(s).is_none());
    // Before the first frame, with the query given on the command line.
    t.launch(&sample_library(), "t:general u:low");
    t.keys(&["Down", "Down", "Enter"]);
    let form = t.wait_for("a form", any_form);
    assert!(
        form_of(&form, "thanks-for-feedback"),
        "the third row: {form}"
    );
    t.keys(&["C-c"]);
    t.wait_for("canned to exit", |s| exit_status(s) == Some(1));
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn partial_matches_are_marked_in_the_status_and_the_rows() {
    let env = Env::new();
    let t = Tmux::start(&env, "");
    t.canned("refund zzzzqx");
    let screen = t.wait_for("the partial matches", |s| {
        status_line(s).contains("≈ partial: no reply has every word")
    });
    // With the customer unknown, the reply for anyone comes first.
    assert!(
        first_row(&screen).starts_with("▶•≈Refund issued"),
        "{screen}"
    );
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn the_query_edits_like_readline() {
    let env = Env::new();
    let t = Tmux::start(&env, "");
    t.canned("");
    t.type_text("refnd");
    t.keys(&["Left", "Left"]);
    t.type_text("u");
    t.wait_for("the inserted letter", |s| query_line(s) == "❯ refund");
    t.keys(&["C-a"]);
    t.type_text("vip ");
    t.wait_for("the word in front", |s| query_line(s) == "❯ vip refund");
    t.keys(&["End", "C-w"]);
    t.wait_for("a word deleted", |s| query_line(s) == "❯ vip");
    t.keys(&["M-BSpace"]);
    t.wait_for("the other word deleted", |s| query_line(s) == "❯");
    // Ctrl-N / Ctrl-P move; PgDn moves a page.
    t.wait_for("the whole list", |s| {
        first_row(s).contains("account-compromised")
    });
    t.keys(&["C-n"]);
    t.wait_for("the second row", |s| {
        s.lines().nth(2).is_some_and(|l| l.starts_with('▶'))
    });
    t.keys(&["C-p", "PPage", "NPage"]);
    t.wait_for("a page down", |s| {
        !first_row(s).starts_with('▶') && s.lines().any(|l| l.starts_with('▶'))
    });
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn titles_stay_visible_and_aligned_at_80_and_100_columns() {
    let env = Env::new();
    let t = Tmux::start(&env, "");
    t.canned("refund");
    let screen = t.wait_for("the list", |s| {
        first_row(s).contains("refund-standard") && status_line(s).starts_with("12/")
    });
    let check = |screen: &str| {
        let rows: Vec<&str> = screen.lines().skip(1).take(3).collect();
        assert!(rows[0].starts_with("▶• Refund issued to the"), "{screen}");
        assert!(
            rows[1].starts_with(" ▲ Priority refund for a VIP"),
            "{screen}"
        );
        // No shortcut is not shown as the low-urgency dot.
        let at = |r: &str, id: &str| r.find(id).map(|b| r[..b].chars().count());
        assert_eq!(
            at(rows[0], "refund-standard"),
            at(rows[1], "refund-vip"),
            "{screen}"
        );
    };
    check(&screen);
    t.resize(100, 30);
    let screen = t.wait_for("the preview beside", |s| {
        first_row(s).contains('┌') && status_line(s).starts_with("12/")
    });
    check(&screen);
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn the_preview_scrolls_and_says_what_is_below() {
    let env = Env::new();
    let t = Tmux::start(&env, "");
    t.canned("refund");
    t.wait_for("more below", |s| s.contains("↓ 1 more line (⇧↓)"));
    t.keys(&["S-Down"]);
    t.wait_for("scrolled to the end", |s| {
        s.contains("↑ 1 more") && !s.contains("↓ 1 more") && s.contains("│Is there anything")
    });
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn a_dumb_or_tiny_terminal_gets_the_plain_matches() {
    let env = Env::new();
    let t = Tmux::sized(&env, "", 80, 24);
    t.type_text("export TERM=dumb");
    t.keys(&["Enter"]);
    t.launch(&sample_library(), "remboursment prioritaire");
    let screen = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert!(
        screen.contains("\nwarning: the picker cannot be drawn on TERM=dumb; the matches"),
        "{screen}"
    );
    assert!(
        screen.contains("\nrefund-vip  refund-vip  ▲ high"),
        "{screen}"
    );
    assert_eq!(exit_status(&screen), Some(0), "{screen}");

    drop(t);
    let env = Env::new();
    let t = Tmux::sized(&env, "", 36, 8);
    t.launch(&sample_library(), "transit");
    let screen = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert!(screen.contains("the terminal is 36×8"), "{screen}");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn sighup_restores_the_terminal() {
    let env = Env::new();
    let t = Tmux::start(&env, "");
    let marker = format!("sighup{}x{}", std::process::id(), unique(&env));
    t.canned(&marker);
    let kill = env
        .command("pkill")
        .args(["-HUP", "-f", &marker])
        .status()
        .unwrap();
    assert!(kill.success());
    t.left_with_nothing_copied();
    t.type_text("echo still-here");
    t.keys(&["Enter"]);
    t.wait_for("the shell", |s| s.contains("\nstill-here\n"));
}

const TWO_REFUNDS: &str = r#"[[response]]
id = "plain-one"
title = "Refund without shortcut"
topic = "billing"
body = "Hi {{ name }}, refund {{ order }}"

[[response]]
id = "low-one"
title = "Refund low urgency"
shortcut = "lowone"
urgency = "low"
topic = "billing"
body = "Hi"
"#;

/// The screen with its colours and attributes, as escape sequences.
fn styled_screen(t: &Tmux) -> String {
    let out = t
        .tmux()
        .args(["capture-pane", "-p", "-e"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The escape sequences right before `word` on `line`.
fn style_before<'a>(line: &'a str, word: &str) -> &'a str {
    let at = line.find(word).unwrap_or(0);
    let mut start = at;
    while let Some(esc) = line[..start].rfind('\u{1b}') {
        if !line[esc..start].ends_with('m') || line[esc..start].contains(' ') {
            break;
        }
        start = esc;
    }
    &line[start..at]
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn matches_and_the_value_typed_are_highlighted_in_no_urgency_colour() {
    let env = Env::with_library(&[("a.toml", TWO_REFUNDS)]);
    let t = Tmux::start(&env, "");
    // The terminal has NO_COLOR: no colour, but the selection and the
    // matches still stand out.
    t.canned_in(&env.library(), "refund");
    t.wait_for("the list", |s| {
        first_row(s).contains("plain-one") && status_line(s).starts_with("2/2")
    });
    let screen = styled_screen(&t);
    let row = screen.lines().nth(1).unwrap_or("");
    let style = style_before(row, "Refund");
    assert!(style.contains("1;4"), "{style:?} in {row:?}");
    assert!(!style.contains("38;"), "{style:?} in {row:?}");
    assert!(style_before(row, " without").contains('7'), "{row:?}");
    // No shortcut is a blank, not the low-urgency `·`.
    assert!(!first_row(&t.screen()).contains('·'), "{screen}");
    t.keys(&["C-c"]);
    t.wait_for("canned to exit", |s| exit_status(s).is_some());
    t.type_text("clear");
    t.keys(&["Enter"]);
    t.wait_for("a clear screen", |s| exit_status(s).is_none());

    t.canned_in(&env.library(), "--color always refund");
    t.wait_for("the list", |s| {
        first_row(s).contains("plain-one") && status_line(s).starts_with("2/2")
    });
    let screen = styled_screen(&t);
    for row in screen.lines().skip(1).take(2) {
        // Underlined, bold, cyan: not yellow (high) nor red (critical).
        let style = style_before(row, "Refund");
        assert!(style.contains("38;5;6m"), "{style:?} in {row:?}");
    }
    t.keys(&["Enter"]);
    t.wait_for("the form", |s| form_of(s, "plain-one"));
    t.type_text("Sam");
    t.wait_for("the value in the text", |s| {
        s.contains("│Hi Sam, refund ⟨order⟩")
    });
    let screen = styled_screen(&t);
    let line = screen.lines().find(|l| l.contains("Hi ")).unwrap_or("");
    assert!(style_before(line, "Sam").contains("4m"), "{line:?}");
    t.keys(&["C-c"]);
    t.wait_for("canned to exit", |s| exit_status(s).is_some());
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn a_huge_body_is_cut_in_the_preview_and_the_keys_stay_live() {
    let body = "All work and no play makes a long reply. ".repeat(20_000);
    let env = Env::with_library(&[(
        "a.toml",
        &format!(
            "[[response]]\nid = \"huge\"\ntitle = \"Huge one\"\ntopic = \"t\"\nbody = '''{body}'''\n"
        ),
    )]);
    let t = Tmux::start(&env, "");
    t.canned_in(&env.library(), "huge");
    t.wait_for("the preview, said to be cut", |s| {
        s.contains("more lines (⇧↓) · cut at 64 KiB")
    });
    for c in ["x", "y", "z"] {
        t.type_text(c);
    }
    t.wait_for("the keys", |s| query_line(s) == "❯ hugexyz");
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn with_canned_trace_the_picker_writes_when_its_lists_reached_the_screen() {
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    let trace = env.path().join("trace");
    t.type_text(&format!(
        "CANNED_TRACE='{}' '{}' --library '{}'; echo EXIT=$?",
        trace.display(),
        canned_bin().display(),
        sample_library().display()
    ));
    t.keys(&["Enter"]);
    t.wait_for("the picker", |s| s.contains("Esc quit"));
    let read = || std::fs::read_to_string(&trace).unwrap_or_default();
    let wait_for_line = |kind: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !read().lines().any(|l| l.starts_with(kind)) {
            assert!(Instant::now() < deadline, "no {kind} in {:?}", read());
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for_line("first-list ");
    t.type_text("r");
    wait_for_line("key-to-list ");
    t.keys(&["Escape"]);
    t.wait_for("the shell", |s| exit_status(s).is_some());
    // One line per measure: its name, then milliseconds.
    for line in read().lines() {
        let (kind, ms) = line.split_once(' ').unwrap();
        assert!(["first-list", "key-to-list"].contains(&kind), "{line}");
        assert!(ms.parse::<f64>().unwrap() >= 0.0, "{line}");
    }
}

#[test]
#[ignore = "needs tmux: run scripts/test"]
fn equal_matches_are_ordered_by_this_agents_usage() {
    let twin = |id: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"Parcel lost\"\ntopic = \"shipping\"\nbody = \"Sorry\"\n\n"
        )
    };
    let env = Env::with_library(&[("a.toml", &(twin("lost-a") + &twin("lost-b")))]);
    env.test()
        .library(&[])
        .args(["use", "lost-b", "--print"])
        .stdout("Sorry")
        .run();
    let t = Tmux::start(&env, "");
    t.canned_in(&env.library(), "parcel");
    let screen = t.wait_for("the list", |s| status_line(s).starts_with("2/2"));
    assert!(first_row(&screen).contains("lost-b"), "{screen}");
}

/// `canned new` on a terminal asks what no flag gave, and an answer it
/// refuses (an id taken, a topic misspelt) is asked again, with why and
/// the did-you-mean, rather than ending the command and losing what was
/// typed before it.
#[test]
#[ignore = "needs tmux: run scripts/test"]
fn new_on_a_terminal_asks_a_refused_answer_again() {
    let env = Env::with_library(&[
        ("canned.toml", crate::support::MANIFEST),
        (
            "shipping.toml",
            "[[response]]\nid = \"parcel-lost\"\ntitle = \"Lost\"\ntopic = \"shipping\"\nbody = \"Hi\"\n",
        ),
    ]);
    let t = Tmux::sized(&env, "", 160, 24);
    t.launch(&env.library(), "new --no-edit");
    t.wait_for("the title asked", |s| s.contains("title (one line"));
    t.type_text("Parcel lost");
    t.keys(&["Enter"]);
    t.wait_for("the id asked", |s| s.contains("[parcel-lost]:"));
    t.keys(&["Enter"]);
    t.wait_for("the id refused, and asked again", |s| {
        s.contains("✗ id `parcel-lost` is already") && s.matches("id (lowercase").count() == 2
    });
    t.type_text("parcel-lost-again");
    t.keys(&["Enter"]);
    t.wait_for("the topic asked", |s| s.contains("topic ("));
    t.type_text("shiping");
    t.keys(&["Enter"]);
    t.wait_for("the topic refused, with a did-you-mean", |s| {
        s.contains("✗ unknown topic \"shiping\"")
            && s.contains("(did you mean `shipping`?)")
            && s.matches("topic (").count() == 2
    });
    t.type_text("shipping");
    t.keys(&["Enter"]);
    let screen = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&screen), Some(0), "{screen}");
    assert!(screen.contains("Added `parcel-lost-again` to "), "{screen}");
}
