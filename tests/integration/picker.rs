//! The picker, driven for real in tmux (80×24) under a private Xvfb.
//! Run by `scripts/test`.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::clipboard::{Xvfb, xclip_out};
use crate::support::{Env, sample_library};

/// A tmux server of our own with one 80×24 window running bash.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(env: &Env, display: &str) -> Tmux {
        let socket = format!(
            "canned-test-{}-{}",
            std::process::id(),
            env.path().file_name().unwrap().to_string_lossy()
        );
        let mut cmd = Command::new("tmux");
        cmd.args([
            "-L",
            &socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "80",
            "-y",
            "24",
        ]);
        for (k, v) in [
            ("HOME", env.path().join("home")),
            ("XDG_CONFIG_HOME", env.path().join("config")),
            ("XDG_STATE_HOME", env.path().join("state")),
            ("XDG_DATA_HOME", env.path().join("data")),
            ("XDG_CACHE_HOME", env.path().join("cache")),
        ] {
            cmd.arg("-e").arg(format!("{k}={}", v.display()));
        }
        cmd.args([
            "-e",
            &format!("DISPLAY={display}"),
            "-e",
            "CANNED_NOW=2026-11-24",
            "-e",
            "NO_COLOR=1",
        ]);
        cmd.args(["-e", "PS1=$ ", "bash", "--norc", "--noprofile"]);
        assert!(
            cmd.status()
                .expect("tmux is installed (scripts/test installs it)")
                .success()
        );
        Tmux { socket }
    }

    fn keys(&self, keys: &[&str]) {
        let ok = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys"])
            .args(keys)
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        let ok = Command::new("tmux")
            .args(["-L", &self.socket, "send-keys", "-l", text])
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }

    fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Starts the picker on the sample library from the shell.
    fn canned(&self, args: &str) {
        let bin = assert_cmd::cargo::cargo_bin("canned");
        self.type_text(&format!(
            "'{}' --library '{}' {args}; echo EXIT=$?",
            bin.display(),
            sample_library().display()
        ));
        self.keys(&["Enter"]);
        self.wait_for("the picker", |s| s.contains("Esc quit"));
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
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

fn first_row(screen: &str) -> &str {
    screen.lines().nth(1).unwrap_or("")
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn a_misspelt_french_query_without_accents_shows_the_right_response_first() {
    let x = Xvfb::start();
    let env = Env::new();
    let t = Tmux::start(&env, &x.display);
    t.canned("");
    t.type_text("remboursment prioritaire");
    let screen = t.wait_for("results", |s| first_row(s).contains("refund-vip"));
    assert!(first_row(&screen).starts_with('▶'), "{screen}");
    assert!(screen.contains("┌ refund-vip (fr)"), "{screen}");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn tab_hides_the_preview_and_the_legend_stays() {
    let x = Xvfb::start();
    let env = Env::new();
    let t = Tmux::start(&env, &x.display);
    t.canned("transit");
    t.wait_for("the preview", |s| s.contains("┌ order-in-transit"));
    t.keys(&["Tab"]);
    let screen = t.wait_for("no preview", |s| !s.contains('┌'));
    assert!(screen.contains("Esc quit"), "{screen}");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn alt_u_narrows_the_list_to_one_urgency() {
    let x = Xvfb::start();
    let env = Env::new();
    let t = Tmux::start(&env, &x.display);
    t.canned("");
    t.keys(&["Tab"]);
    t.keys(&["M-u"]);
    let rows = |s: &str| -> Vec<String> {
        s.lines()
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    // The status changes at once; the list when the ranking thread answers.
    t.wait_for("only critical rows", |s| {
        s.contains("urgency:critical")
            && !rows(s).is_empty()
            && rows(s).iter().all(|r| r.contains('‼'))
    });
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn enter_asks_for_exactly_the_missing_values_then_the_clipboard_holds_the_text() {
    let x = Xvfb::start();
    let env = Env::new();
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
    assert!(after.contains("copied refund-standard (en,"), "{after}");
    assert_eq!(exit_status(&after), Some(0), "{after}");
    let expected = env
        .canned()
        .arg("--library")
        .arg(sample_library())
        .args([
            "use",
            "refund-standard",
            "--var",
            "amount=€20",
            "--var",
            "name=Sarah",
            "--var",
            "order=1245",
            "--print",
        ])
        .output()
        .unwrap();
    assert_eq!(
        xclip_out(&x.display),
        String::from_utf8_lossy(&expected.stdout)
    );
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn esc_copies_nothing_and_leaves_the_terminal_clean() {
    let x = Xvfb::start();
    let env = Env::new();
    let t = Tmux::start(&env, &x.display);
    t.canned("");
    t.type_text("refund");
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert!(
        after.contains("nothing copied") && exit_status(&after) == Some(1),
        "{after}"
    );
    assert!(
        !after.contains("Esc quit") && !after.contains('┌'),
        "picker left on screen:\n{after}"
    );
    assert_eq!(xclip_out(&x.display), "");
    // The terminal is back to cooked mode: the shell echoes what is typed.
    t.type_text("echo still-here");
    t.keys(&["Enter"]);
    t.wait_for("the shell", |s| s.contains("\nstill-here"));
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn sigterm_restores_the_terminal() {
    let x = Xvfb::start();
    let env = Env::new();
    let t = Tmux::start(&env, &x.display);
    // A query of its own marks this picker, so only it gets the signal
    // while other tests run theirs.
    let marker = format!(
        "sigterm{}x{}",
        std::process::id(),
        env.path().file_name().unwrap().to_string_lossy()
    );
    t.canned(&marker);
    let kill = Command::new("pkill")
        .args(["-TERM", "-f", &marker])
        .status()
        .unwrap();
    assert!(kill.success());
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert!(
        !after.contains("Esc quit"),
        "picker left on screen:\n{after}"
    );
    t.type_text("echo still-here");
    t.keys(&["Enter"]);
    t.wait_for("the shell", |s| s.contains("\nstill-here"));
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn the_picker_follows_a_resize() {
    let x = Xvfb::start();
    let env = Env::new();
    let t = Tmux::start(&env, &x.display);
    t.canned("transit");
    t.wait_for("the preview below the list", |s| {
        s.lines().any(|l| l.starts_with("┌ order-in-transit"))
    });
    let ok = Command::new("tmux")
        .args(["-L", &t.socket, "resize-window", "-x", "120", "-y", "30"])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    // From 100 columns the preview moves to the right of the list.
    t.wait_for("the preview beside the list", |s| {
        s.lines().any(|l| match l.find("┌ order-in-transit") {
            Some(at) => l[..at].chars().count() > 40,
            None => false,
        })
    });
}
