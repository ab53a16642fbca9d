//! The picker, driven for real in tmux (80×24) under a private Xvfb.
//! Run by `scripts/test`.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::clipboard::{Xvfb, xclip_out};
use crate::support::{Env, Test, canned_bin, isolate, sample_library};

/// A tmux server of our own, on a socket in the temp dir, with one 80×24
/// window running bash in the isolated environment.
struct Tmux {
    root: PathBuf,
    socket: PathBuf,
}

impl Tmux {
    fn start(env: &Env, display: &str) -> Tmux {
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
                "80",
                "-y",
                "24",
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

    /// Starts the picker on the sample library from the shell.
    fn canned(&self, args: &str) {
        self.type_text(&format!(
            "'{}' --library '{}' {args}; echo EXIT=$?",
            canned_bin().display(),
            sample_library().display()
        ));
        self.keys(&["Enter"]);
        self.wait_for("the picker", |s| s.contains("Esc quit"));
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
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}

/// The status `echo EXIT=$?` printed once canned has exited. The typed
/// command line holds `EXIT=$?` long before that, so only a line that starts
/// with `EXIT=` and a digit counts.
fn exit_status(screen: &str) -> Option<i32> {
    screen
        .lines()
        .find_map(|l| l.trim_end().strip_prefix("EXIT="))
        .and_then(|code| code.parse().ok())
}

/// The line canned printed last, just above `EXIT=…`.
fn last_words(screen: &str) -> &str {
    let lines: Vec<&str> = screen.lines().collect();
    let exit = lines
        .iter()
        .position(|l| l.starts_with("EXIT="))
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
        query_line(s) == "❯ remboursment prioritaire" && status_line(s) == "1/60  lang:auto"
    });
    assert_eq!(
        first_row(&screen),
        "▶▲ refund-vip refund-vip billing vip fr Remboursement prioritaire pour un client",
        "{screen}"
    );
    assert!(
        screen.contains("\n┌ refund-vip (fr) ──"),
        "no French preview:\n{screen}"
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
            "↑↓ move  ⏎ copy  Tab preview  Alt-U/T/C filter  Alt-L lang  ^U clear  Esc quit\n"
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
        status_line(s) == "6/60  urgency:critical  lang:auto"
    });
    let ids: Vec<&str> = rows(&screen)
        .iter()
        .map(|r| r.split_whitespace().nth(1).unwrap_or(""))
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
    let form = t.wait_for("the form", |s| s.contains("fill in refund-standard"));
    assert!(form.contains("name — Customer's first name"), "{form}");
    assert!(form.contains("order — Order number"), "{form}");
    assert!(!form.contains("amount —"), "amount was given: {form}");
    t.type_text("Sarah");
    t.keys(&["Tab"]);
    t.type_text("1245");
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

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn esc_copies_nothing_and_leaves_the_terminal_clean() {
    let env = Env::new();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned("");
    t.type_text("refund");
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
    assert_eq!(last_words(&after), "nothing copied", "{after}");
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
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
    assert_eq!(last_words(&after), "nothing copied", "{after}");
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
