//! The clipboard for real: a private Xvfb, `canned use`, then `xclip` reads
//! the clipboard back after `canned` has exited. Run by `scripts/test`.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Env, MANIFEST, response, stdout};

/// An X server of our own, killed when the test ends.
pub struct Xvfb {
    child: Child,
    pub display: String,
}

impl Xvfb {
    pub fn start() -> Xvfb {
        let n = (std::process::id() % 5000 + 100 + rand_offset()) as u16;
        let (n, _) = (n..n + 200)
            .map(|n| (n, format!("/tmp/.X11-unix/X{n}")))
            .find(|(n, p)| {
                !Path::new(p).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .expect("a free display number");
        let child = Command::new("Xvfb")
            .arg(format!(":{n}"))
            .args(["-nolisten", "tcp", "-screen", "0", "640x480x24"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is installed (scripts/test installs it)");
        let socket = format!("/tmp/.X11-unix/X{n}");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !Path::new(&socket).exists() {
            assert!(Instant::now() < deadline, "Xvfb did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Xvfb {
            child,
            display: format!(":{n}"),
        }
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        self.stop();
    }
}

fn rand_offset() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() % 1000)
}

/// Pids of clipboard holders serving `display`.
fn holders(display: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().filter_map(Result::ok) {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        let environ = std::fs::read(e.path().join("environ")).unwrap_or_default();
        let has = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
        if has(&cmdline, b"__hold-clipboard")
            && has(&environ, format!("DISPLAY={display}\0").as_bytes())
        {
            out.push(pid);
        }
    }
    out
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub fn xclip_out(display: &str) -> String {
    let out = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", display)
        .output()
        .expect("xclip is installed (scripts/test installs it)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn library() -> Env {
    let body = response("greet").replace(
        "Hi {{ name }}",
        "Hi {{ name }},\n\nyour order #{{ order }} is ready.\n",
    );
    Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", &body)])
}

const ARGS: [&str; 6] = [
    "use",
    "greet",
    "--var",
    "name=Zoë Sarah",
    "--var",
    "order=1245",
];

#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn the_x_clipboard_holds_exactly_the_printed_text_after_canned_exits() {
    let x = Xvfb::start();
    let env = library();
    let out = env
        .canned_lib()
        .args(ARGS)
        .env("DISPLAY", &x.display)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("copied greet (en,") && stderr.contains("via x11"),
        "{stderr}"
    );

    let printed = stdout(&env.canned_lib().args(ARGS).arg("--print").output().unwrap());
    assert!(printed.contains("Zoë Sarah"));
    assert_eq!(xclip_out(&x.display), printed);

    // The customer's name never appears in a process's argv.
    for pid in holders(&x.display) {
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&cmdline).contains("Sarah"));
    }
}

#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn the_holder_leaves_when_another_program_takes_the_clipboard() {
    let x = Xvfb::start();
    let env = library();
    env.canned_lib()
        .args(ARGS)
        .env("DISPLAY", &x.display)
        .assert()
        .success();
    assert_eq!(holders(&x.display).len(), 1);
    let mut xclip = Command::new("xclip")
        .args(["-selection", "clipboard"])
        .env("DISPLAY", &x.display)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    drop(xclip.stdin.take());
    wait_until("the holder exits", || holders(&x.display).is_empty());
    assert_eq!(xclip_out(&x.display), "");
    let _ = xclip.wait();
}

#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn the_holder_does_not_outlive_the_display() {
    let mut x = Xvfb::start();
    let env = library();
    env.canned_lib()
        .args(ARGS)
        .env("DISPLAY", &x.display)
        .assert()
        .success();
    assert_eq!(holders(&x.display).len(), 1);
    x.stop();
    wait_until("the holder exits", || holders(&x.display).is_empty());
}
