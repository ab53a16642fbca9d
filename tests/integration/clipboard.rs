//! The clipboard for real: a private Xvfb, `canned use`, then `xclip` reads
//! the clipboard back after `canned` has exited. Run by `scripts/test`.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use crate::support::{Env, MANIFEST, Test, isolate, response, wait_until};

/// An X server of our own, stopped when the test ends.
pub struct Xvfb {
    child: Child,
    /// Xvfb writes the display number here once it accepts connections;
    /// kept open so it never writes to a closed pipe.
    _ready: BufReader<ChildStdout>,
    pub display: String,
    root: PathBuf,
}

impl Xvfb {
    /// Starts Xvfb on a display number no other test of this run has used:
    /// a clipboard holder notices that its server is gone by probing the
    /// display's socket every 2 s, so a new server on the same number would
    /// keep it alive. Numbers taken by other programs are skipped (Xvfb
    /// refuses a display that is in use).
    pub fn start(env: &Env) -> Xvfb {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let base = 1000 + std::process::id() % 500 * 40;
        for _ in 0..100 {
            let n = base + NEXT.fetch_add(1, Ordering::Relaxed);
            let mut child = env
                .command("Xvfb")
                .arg(format!(":{n}"))
                .args(["-displayfd", "1", "-nolisten", "tcp"])
                // A desktop's server never resets: its session holds a
                // connection. Xvfb resets when its last client leaves and
                // kills any client that connected meanwhile, such as an
                // owner started while a read made by the test ends.
                .arg("-noreset")
                .args(["-screen", "0", "640x480x24"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb is installed (scripts/test installs it)");
            // The number comes once the server accepts connections; nothing
            // comes when it gives up.
            let mut ready = BufReader::new(child.stdout.take().expect("stdout"));
            let mut line = String::new();
            let _ = ready.read_line(&mut line);
            if line.trim() == n.to_string() {
                return Xvfb {
                    child,
                    _ready: ready,
                    display: format!(":{n}"),
                    root: env.path().to_path_buf(),
                };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("Xvfb did not start on any of 100 display numbers");
    }

    /// Stops the server with SIGTERM, so it removes its socket and lock
    /// file, and waits until it has exited.
    pub fn stop(&mut self) {
        if !self.terminate() {
            panic!("Xvfb {} did not exit on SIGTERM", self.display);
        }
    }

    /// SIGTERM, then SIGKILL if the server is still there after 10 s.
    /// Whether it left on SIGTERM.
    fn terminate(&mut self) -> bool {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return true;
        }
        let mut kill = Command::new("kill");
        isolate(&mut kill, &self.root);
        let _ = kill.arg(self.child.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        false
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        self.terminate();
    }
}

/// An "X server" that accepts connections and never answers, as a stale
/// `ssh -X` forward does: its socket is removed when the test ends, and
/// the connections it holds are dropped with the process.
#[cfg(unix)]
pub struct SilentX {
    pub display: String,
    socket: PathBuf,
}

#[cfg(unix)]
impl SilentX {
    pub fn start() -> SilentX {
        let dir = std::path::Path::new("/tmp/.X11-unix");
        std::fs::create_dir_all(dir).expect("/tmp/.X11-unix");
        for n in 0..100 {
            let number = 1500 + std::process::id() % 400 * 100 + n;
            let socket = dir.join(format!("X{number}"));
            let Ok(listener) = std::os::unix::net::UnixListener::bind(&socket) else {
                continue;
            };
            std::thread::spawn(move || {
                let mut held = Vec::new();
                for connection in listener.incoming() {
                    held.push(connection);
                }
            });
            return SilentX {
                display: format!(":{number}"),
                socket,
            };
        }
        panic!("no free display number for a silent X server");
    }
}

#[cfg(unix)]
impl Drop for SilentX {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// An `xclip` that owns the clipboard of `display`, holding `text`, then
/// stopped (as a program stopped with Ctrl-Z still owns it): a read asks
/// it and is never answered. Killed when the test ends.
pub struct StoppedOwner(Child);

impl StoppedOwner {
    pub fn start(env: &Env, display: &str, text: &str) -> StoppedOwner {
        let said = env.path().join("owner-said");
        let mut owner = env
            .command("xclip")
            .args(["-quiet", "-selection", "clipboard"])
            .env("DISPLAY", display)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&said).expect("a file for xclip's stderr"))
            .spawn()
            .expect("xclip is installed (scripts/test installs it)");
        let mut stdin = owner.stdin.take().expect("stdin");
        std::io::Write::write_all(&mut stdin, text.as_bytes()).expect("text");
        drop(stdin);
        let mut owner = StoppedOwner(owner);
        // Once it serves the text, it is stopped.
        wait_until("xclip owns the clipboard", Duration::from_secs(30), || {
            if let Ok(Some(status)) = owner.0.try_wait() {
                panic!(
                    "the owning xclip exited ({status}): {}",
                    std::fs::read_to_string(&said).unwrap_or_default()
                );
            }
            xclip_out(env, display) == text
        });
        let stop = env
            .command("kill")
            .args(["-STOP", &owner.0.id().to_string()])
            .status();
        assert!(stop.expect("kill").success());
        owner
    }
}

impl Drop for StoppedOwner {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Pids of the clipboard holders `canned` started in `env` to serve
/// `display`. Display numbers are reused as soon as a test's X server
/// stops, so a holder is known by its HOME too, which is the test's own.
fn holders(env: &Env, display: &str) -> Vec<u32> {
    let has = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    let display = format!("\0DISPLAY={display}\0");
    let home = format!("\0HOME={}\0", env.path().join("home").display());
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().filter_map(Result::ok) {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmdline = std::fs::read(e.path().join("cmdline")).unwrap_or_default();
        // Framed by NULs on both sides, so that the first variable matches too.
        let mut environ = vec![0];
        environ.extend(std::fs::read(e.path().join("environ")).unwrap_or_default());
        if has(&cmdline, b"__hold-clipboard")
            && has(&environ, display.as_bytes())
            && has(&environ, home.as_bytes())
        {
            out.push(pid);
        }
    }
    out
}

/// What the clipboard of `display` holds, read by `xclip`.
pub fn xclip_out(env: &Env, display: &str) -> String {
    let out = env
        .command("xclip")
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

/// `canned use greet` for Zoë Sarah in `env`.
fn use_greet(env: &Env) -> Test<'_> {
    env.test().library(&[]).args([
        "use",
        "greet",
        "--var",
        "name=Zoë Sarah",
        "--var",
        "order=1245",
    ])
}

const GREETING: &str = "Hi Zoë Sarah,\n\nyour order #1245 is ready.\n\n— the team";

#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn the_x_clipboard_holds_exactly_the_printed_text_after_canned_exits() {
    let env = library();
    let x = Xvfb::start(&env);
    use_greet(&env)
        .env("DISPLAY", &x.display)
        .stderr("copied greet (en, 53 characters) via x11\n")
        .run();
    use_greet(&env).arg("--print").stdout(GREETING).run();
    assert_eq!(xclip_out(&env, &x.display), GREETING);

    // The text is served by one holder, and the customer's name never
    // appears in its argv.
    let serving = holders(&env, &x.display);
    assert_eq!(serving.len(), 1, "holders: {serving:?}");
    let cmdline = std::fs::read(format!("/proc/{}/cmdline", serving[0])).unwrap();
    assert!(
        !String::from_utf8_lossy(&cmdline).contains("Sarah"),
        "{cmdline:?}"
    );
}

/// `DISPLAY=unix:N` is Xlib's name for the local display N: the copy is
/// made there and read back, as xclip reads it, and `suggest` reads the
/// clipboard there (it holds the reply just copied, which is no message).
#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn a_display_named_the_xlib_way_is_copied_to() {
    let env = library();
    let x = Xvfb::start(&env);
    let named = format!("unix{}", x.display);
    use_greet(&env)
        .env("DISPLAY", &named)
        .stderr("copied greet (en, 53 characters) via x11\n")
        .run();
    assert_eq!(xclip_out(&env, &named), GREETING);
    env.test()
        .library(&[])
        .args(["suggest", "--clipboard"])
        .env("DISPLAY", format!("{named}.0"))
        .status(2)
        .stderr(
            "error: the clipboard holds `greet`, the reply canned copied last: copy the customer's message first\n",
        )
        .run();
}

/// A method that fails before another copies is said as a note, on one
/// line, before the copy: a bare `(wayland: …)` line read like debris.
#[test]
#[ignore = "needs Xvfb, xclip and wl-clipboard: run scripts/test"]
fn a_method_that_failed_before_the_copy_is_said_as_a_note() {
    let env = library();
    let x = Xvfb::start(&env);
    let out = use_greet(&env)
        .env("DISPLAY", &x.display)
        .env("WAYLAND_DISPLAY", "wayland-99")
        .env("XDG_RUNTIME_DIR", env.path())
        .any_stderr()
        .run();
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stderr);
    assert!(
        lines[0].starts_with("note: not copied by the first methods tried (wayland: wl-copy: "),
        "{}",
        out.stderr
    );
    assert_eq!(lines[1], "copied greet (en, 53 characters) via x11");
    assert_eq!(xclip_out(&env, &x.display), GREETING);
}

#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn the_holder_leaves_when_another_program_takes_the_clipboard() {
    let env = library();
    let x = Xvfb::start(&env);
    use_greet(&env)
        .env("DISPLAY", &x.display)
        .stderr("copied greet (en, 53 characters) via x11\n")
        .run();
    assert_eq!(holders(&env, &x.display).len(), 1);
    let taken = env
        .command("xclip")
        .args(["-selection", "clipboard"])
        .env("DISPLAY", &x.display)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(taken.success());
    wait_until("the holder exits", Duration::from_secs(30), || {
        holders(&env, &x.display).is_empty()
    });
    assert_eq!(xclip_out(&env, &x.display), "");
}

#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn the_holder_does_not_outlive_the_display() {
    let env = library();
    let mut x = Xvfb::start(&env);
    use_greet(&env)
        .env("DISPLAY", &x.display)
        .stderr("copied greet (en, 53 characters) via x11\n")
        .run();
    assert_eq!(holders(&env, &x.display).len(), 1);
    x.stop();
    wait_until("the holder exits", Duration::from_secs(30), || {
        holders(&env, &x.display).is_empty()
    });
}
