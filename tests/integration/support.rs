//! The tests' view of the world: a temp directory with its own HOME and XDG
//! directories, an optional library, and every process a test starts
//! isolated in it; [`Test`], a builder that runs the real `canned` there and
//! compares stdout, stderr and the exit status exactly.

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The day every test runs on, so expiry and staleness do not drift.
pub const TODAY: &str = "2026-11-24";

/// The signal `CANNED_TEST_FAIL_AT` ends a process with: SIGABRT.
pub const SIGABRT: i32 = 6;

/// How long any one process may run before the test fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(300);

pub struct Env {
    dir: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// An environment whose `lib/` holds these files.
    pub fn with_library(files: &[(&str, &str)]) -> Env {
        let env = Env::new();
        env.add_library(files);
        env
    }

    fn add_library(&self, files: &[(&str, &str)]) {
        std::fs::create_dir_all(self.library()).expect("library dir");
        for (name, text) in files {
            self.write(&format!("lib/{name}"), text);
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn library(&self) -> PathBuf {
        self.path().join("lib")
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, contents).expect("write");
    }

    /// The cache file of this `kind` (`index`, `delta`), relative to the
    /// environment: `cache/canned/KIND-…`.
    pub fn cache_file(&self, kind: &str) -> String {
        let name = std::fs::read_dir(self.path().join("cache/canned"))
            .expect("a cache directory")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .find(|n| n.starts_with(&format!("{kind}-")))
            .unwrap_or_else(|| panic!("no {kind} cache file"));
        format!("cache/canned/{name}")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).expect("read")
    }

    /// A [`Test`] run in this environment, which outlives it.
    pub fn test(&self) -> Test<'_> {
        Test::in_env(Dir::Borrowed(self))
    }

    /// `program` run in the temp dir with nothing from the outer environment
    /// leaking in: see [`isolate`].
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        isolate(&mut cmd, self.path());
        cmd
    }

    /// The real `canned`, isolated (see [`isolate`]), for tests that need
    /// what [`Test`] does not give: a child to signal, threads of them.
    pub fn canned_process(&self) -> Command {
        self.command(canned_bin())
    }
}

/// The `canned` binary under test.
pub fn canned_bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("canned")
}

/// The environment of every process a test starts, in full: the outer
/// environment is cleared, so no DISPLAY, WAYLAND_DISPLAY, TMUX, CANNED_*,
/// config or locale of the machine running the tests leaks in. HOME and the
/// XDG directories are inside `root`, the clock is fixed at [`TODAY`] in UTC,
/// help is wrapped at 100 columns, and the program runs in `root`.
pub fn isolated_vars(root: &Path) -> Vec<(&'static str, OsString)> {
    let under = |dir: &str| root.join(dir).into_os_string();
    vec![
        ("PATH", std::env::var_os("PATH").unwrap_or_default()),
        ("HOME", under("home")),
        ("XDG_CONFIG_HOME", under("config")),
        ("XDG_STATE_HOME", under("state")),
        ("XDG_DATA_HOME", under("data")),
        ("XDG_CACHE_HOME", under("cache")),
        ("XDG_RUNTIME_DIR", under("runtime")),
        ("CANNED_NOW", TODAY.into()),
        ("TZ", "UTC".into()),
        ("LANG", "C.UTF-8".into()),
        ("COLUMNS", "100".into()),
    ]
}

/// Gives `cmd` exactly [`isolated_vars`] and `root` as its directory.
pub fn isolate(cmd: &mut Command, root: &Path) {
    cmd.current_dir(root).env_clear().envs(isolated_vars(root));
}

/// The shipped sample library.
pub fn sample_library() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("responses")
}

/// What `canned init team` says, in a temp dir.
pub const INIT_TEAM: &str = "
    Created a starter library in team:
      team/canned.toml
      team/general.toml
      team/shipping.toml

    Next: `canned --library team list`, then edit the files and run `canned check`.
    ";

/// A minimal valid manifest declaring `name`, `order` and `agent`, and a signature.
pub const MANIFEST: &str = r#"
[library]
topics = ["billing", "shipping"]
customer_types = ["new", "vip"]

[variables.name]
description = "Customer's first name"
example = "Sarah"

[variables.order]
description = "Order number"
example = "1245"
pattern = "^[0-9]+$"

[variables.agent]
description = "Your first name"
default = "the team"

[partials]
signature = "— {{ agent }}"
"#;

/// `text` as Windows tools write "Unicode": UTF-16, little-endian, with
/// its byte order mark.
pub fn utf16(text: &str) -> Vec<u8> {
    [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

/// A valid response file with one response, `id`.
pub fn response(id: &str) -> String {
    format!(
        "[[response]]\nid = \"{id}\"\ntitle = \"Title of {id}\"\ntopic = \"billing\"\nbody = \"\"\"\nHi {{{{ name }}}}\n{{% include \"signature\" %}}\"\"\"\n"
    )
}

/// Removes the indentation a block of expected text has in the test's
/// source, as `just`'s tests do. A block starts with a line break, which
/// goes; the margin common to its lines goes; a last line of spaces goes
/// (the line break before it stays); spaces past the margin on a blank line
/// stay, as clap prints some. So
///
/// ```text
/// .stdout(
///     "
///     a
///       b
///     ",
/// )
/// ```
///
/// expects `"a\n  b\n"`, and ending the block on `    b",` expects no final
/// line break. Text that does not start with a line break is taken as it is.
pub fn unindent(text: &str) -> String {
    let Some(block) = text.strip_prefix('\n') else {
        return text.to_string();
    };
    let mut lines: Vec<&str> = block.split_inclusive('\n').collect();
    if lines.last().is_some_and(|l| l.trim_matches(' ').is_empty()) {
        lines.pop();
    }
    let blank = |l: &str| l.trim().is_empty();
    let margin = lines
        .iter()
        .filter(|l| !blank(l))
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| {
            let indent = l.len() - l.trim_start_matches(' ').len();
            &l[indent.min(margin)..]
        })
        .collect()
}

#[test]
fn unindent_strips_the_margin_of_a_block_and_nothing_else() {
    assert_eq!(unindent("\n    a\n\n      b\n    "), "a\n\n  b\n");
    assert_eq!(unindent("\n    a\n    b"), "a\nb");
    assert_eq!(unindent("\n    a\n\n      \n    b\n"), "a\n\n  \nb\n");
    assert_eq!(unindent("\n    "), "");
    assert_eq!(unindent("  as it is\n  "), "  as it is\n  ");
    assert_eq!(unindent(""), "");
}

/// What a stream must hold.
enum Expect {
    Exact(String),
    Contains(Vec<String>),
    Anything,
}

impl Expect {
    fn check(&self, name: &str, got: &str) -> Option<String> {
        match self {
            Expect::Exact(want) if want != got => Some(format!(
                "--- {name}: expected\n{}--- {name}: got\n{}{}",
                visible(want),
                visible(got),
                first_difference(want, got)
            )),
            Expect::Contains(parts) => {
                let missing: Vec<&String> = parts.iter().filter(|p| !got.contains(*p)).collect();
                (!missing.is_empty()).then(|| {
                    format!(
                        "--- {name}: expected to contain {missing:?}\n--- {name}: got\n{}",
                        visible(got)
                    )
                })
            }
            _ => None,
        }
    }
}

/// `text` with escapes and the end of each line shown, for a failure report.
fn visible(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "⏎\n"),
            None => (line, "␄\n"),
        };
        let body: String = body
            .chars()
            .map(|c| {
                if c.is_control() && c != '\t' {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
        out.push_str(&format!("  |{body}{end}"));
    }
    if text.is_empty() {
        out.push_str("  (empty)\n");
    }
    out
}

fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    (0..w.len().max(g.len()))
        .find(|&i| w.get(i) != g.get(i))
        .map(|i| {
            format!(
                "first difference at line {}:\n  expected {:?}\n  got      {:?}\n",
                i + 1,
                w.get(i).copied().unwrap_or("(no line)"),
                g.get(i).copied().unwrap_or("(no line)")
            )
        })
        .unwrap_or_else(|| "(only the final line break differs)\n".into())
}

enum Dir<'a> {
    Owned(Env),
    Borrowed(&'a Env),
}

impl Dir<'_> {
    fn env(&self) -> &Env {
        match self {
            Dir::Owned(env) => env,
            Dir::Borrowed(env) => env,
        }
    }
}

/// How the process must end.
#[derive(Clone, Copy, Debug, PartialEq)]
enum End {
    Code(i32),
    Signal(i32),
}

fn end_of(status: ExitStatus) -> Option<End> {
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return Some(End::Signal(signal));
    }
    status.code().map(End::Code)
}

/// The real `canned`, run in an isolated temp dir, its stdout, stderr and
/// exit status compared exactly with what the test expects: by default an
/// empty stdout, an empty stderr and exit 0, so a stray warning fails the
/// test. Expected text is unindented (see [`unindent`]).
///
/// ```text
/// Test::new()
///     .manifest(MANIFEST)
///     .library(&[("a.toml", &response("a"))])
///     .args(["use", "a", "--var", "name=Sam", "--print"])
///     .stdout("Hi Sam\n— the team")
///     .run();
/// ```
///
/// The temp dir's path, which differs from run to run, reads `[TMP]` in
/// the output, and the sample library's, which differs from checkout to
/// checkout, `[SAMPLE]`.
///
/// Opt-outs, for output that is not the point of a test or not
/// deterministic: `stdout_contains`, `any_stdout`, `any_stderr`;
/// [`Test::run`] returns the output for checks of its own.
#[must_use = "a Test does nothing until .run()"]
pub struct Test<'a> {
    dir: Dir<'a>,
    library: Option<OsString>,
    args: Vec<OsString>,
    envs: Vec<(OsString, OsString)>,
    current_dir: Option<PathBuf>,
    stdin: Vec<u8>,
    stdout: Expect,
    stderr: Expect,
    end: End,
    timeout: Duration,
}

/// What a [`Test`] run printed (it ended as expected).
pub struct Output {
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// stdout parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

impl Test<'static> {
    /// A test in a fresh temp dir of its own.
    pub fn new() -> Test<'static> {
        Test::with_env(Env::new())
    }

    /// A test in `env`, which it owns from now on.
    pub fn with_env(env: Env) -> Test<'static> {
        Test::in_env(Dir::Owned(env))
    }
}

impl<'a> Test<'a> {
    fn in_env(dir: Dir<'a>) -> Test<'a> {
        Test {
            dir,
            library: None,
            args: Vec::new(),
            envs: Vec::new(),
            current_dir: None,
            stdin: Vec::new(),
            stdout: Expect::Exact(String::new()),
            stderr: Expect::Exact(String::new()),
            end: End::Code(0),
            timeout: TIMEOUT,
        }
    }

    /// Writes these files into `lib/` and runs `canned --library lib …`
    /// (relative, so messages name `lib/…`). `&[]` just passes the flag.
    pub fn library(mut self, files: &[(&str, &str)]) -> Self {
        self.dir.env().add_library(files);
        self.library = Some("lib".into());
        self
    }

    /// Writes `lib/canned.toml` and runs `canned --library lib …`.
    pub fn manifest(self, text: &str) -> Self {
        self.library(&[("canned.toml", text)])
    }

    /// Runs `canned --library <the shipped sample library> …`.
    pub fn sample(mut self) -> Self {
        self.library = Some(sample_library().into_os_string());
        self
    }

    /// Writes a file relative to the temp dir.
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        self.dir.env().write(rel, contents);
        self
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Self {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Sets an environment variable on top of the isolated ones.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.envs
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Runs in this directory, relative to the temp dir.
    pub fn current_dir(mut self, rel: impl AsRef<Path>) -> Self {
        self.current_dir = Some(rel.as_ref().to_owned());
        self
    }

    pub fn stdin(mut self, input: impl AsRef<[u8]>) -> Self {
        self.stdin = input.as_ref().to_vec();
        self
    }

    /// Exactly this on stdout (unindented).
    pub fn stdout(mut self, text: &str) -> Self {
        self.stdout = Expect::Exact(unindent(text));
        self
    }

    /// Exactly this on stderr (unindented).
    pub fn stderr(mut self, text: &str) -> Self {
        self.stderr = Expect::Exact(unindent(text));
        self
    }

    /// stdout holds `part`, among whatever else (repeatable).
    pub fn stdout_contains(mut self, part: &str) -> Self {
        self.stdout = contains(self.stdout, part);
        self
    }

    /// stdout is not checked (the test checks the returned output itself).
    pub fn any_stdout(mut self) -> Self {
        self.stdout = Expect::Anything;
        self
    }

    /// stderr is not checked (the test checks the returned output itself).
    pub fn any_stderr(mut self) -> Self {
        self.stderr = Expect::Anything;
        self
    }

    /// The exit code (0 unless told).
    pub fn status(mut self, code: i32) -> Self {
        self.end = End::Code(code);
        self
    }

    /// The process must die of this signal instead of exiting.
    pub fn signal(mut self, signal: i32) -> Self {
        self.end = End::Signal(signal);
        self
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Runs `canned` and panics with a report of every difference from what
    /// was expected.
    pub fn run(self) -> Output {
        let env = self.dir.env();
        let mut cmd = env.canned_process();
        if let Some(dir) = &self.current_dir {
            cmd.current_dir(env.path().join(dir));
        }
        if let Some(lib) = &self.library {
            cmd.arg("--library").arg(lib);
        }
        cmd.args(&self.args).envs(self.envs.iter().cloned());
        let shown = format!(
            "canned{}",
            self.library
                .iter()
                .map(|l| format!(" --library {}", l.to_string_lossy()))
                .chain(self.args.iter().map(|a| format!(" {a:?}")))
                .collect::<String>()
        );
        let started = Instant::now();
        let out = assert_cmd::Command::from_std(cmd)
            .write_stdin(self.stdin.clone())
            .timeout(self.timeout)
            .output()
            .unwrap_or_else(|e| panic!("`{shown}` did not run: {e}"));
        let timed_out = started.elapsed() >= self.timeout;
        let tmp = |bytes: &[u8]| {
            let mut text = String::from_utf8_lossy(bytes).into_owned();
            let canonical = env.path().canonicalize().expect("temp dir");
            for root in [canonical.as_path(), env.path()] {
                text = text.replace(&*root.to_string_lossy(), "[TMP]");
            }
            text.replace(&*sample_library().to_string_lossy(), "[SAMPLE]")
        };
        let output = Output {
            stdout: tmp(&out.stdout),
            stderr: tmp(&out.stderr),
        };
        let mut report = Vec::new();
        let end = end_of(out.status);
        if timed_out {
            report.push(format!(
                "--- status: killed after running {} s (the test's timeout)",
                self.timeout.as_secs()
            ));
        } else if end != Some(self.end) {
            let got = end.map_or("no status".to_string(), |e| format!("{e:?}"));
            report.push(format!("--- status: expected {:?}, got {got}", self.end));
        }
        report.extend(self.stdout.check("stdout", &output.stdout));
        report.extend(self.stderr.check("stderr", &output.stderr));
        if !report.is_empty() {
            let unchecked = |e: &Expect, name: &str, text: &str| match e {
                Expect::Exact(_) => String::new(),
                _ => format!("--- {name} (not checked)\n{}", visible(text)),
            };
            panic!(
                "`{shown}` did not do what was expected:\n{}\n{}{}",
                report.join("\n"),
                unchecked(&self.stdout, "stdout", &output.stdout),
                unchecked(&self.stderr, "stderr", &output.stderr),
            );
        }
        output
    }
}

fn contains(expect: Expect, part: &str) -> Expect {
    match expect {
        Expect::Contains(mut parts) => {
            parts.push(part.to_string());
            Expect::Contains(parts)
        }
        _ => Expect::Contains(vec![part.to_string()]),
    }
}

/// Waits until `done` holds, polling; fails the test after `limit`.
pub fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `canned --library lib ARGS` as a shell command line, for [`Pty`].
pub fn shell_command(args: &str) -> String {
    format!("'{}' --library lib {args}", canned_bin().display())
}

/// A program run on a terminal of its own (`script` gives it a pseudo
/// terminal), isolated like every process here, answered as a user would:
/// only once it has asked.
pub struct Pty {
    child: Child,
    stdin: Option<std::process::ChildStdin>,
    seen: Arc<Mutex<Vec<u8>>>,
    /// How much of the screen `expect` has gone past.
    read: usize,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Pty {
    /// Starts `shell_command` under `script` in `env`, with `vars` on top
    /// of the isolated environment.
    pub fn start(env: &Env, shell_command: &str, vars: &[(&str, &str)]) -> Pty {
        let mut child = env
            .command("script")
            .args(["-qec", shell_command, "/dev/null"])
            .envs(vars.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("script (util-linux) is installed");
        let mut stdout = child.stdout.take().expect("stdout");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let reader = std::thread::spawn(move || {
            let mut buf = [0; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            stdin: child.stdin.take(),
            child,
            seen,
            read: 0,
            reader: Some(reader),
        }
    }

    /// All the terminal showed so far, line ends as `\n`.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().expect("lock")).replace("\r\n", "\n")
    }

    /// Waits until the terminal shows `text` after what the last `expect`
    /// found, so a prompt asked twice is waited for twice.
    pub fn expect(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let screen = self.screen();
            if let Some(at) = screen.get(self.read..).and_then(|s| s.find(text)) {
                self.read += at + text.len();
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; the terminal shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `text`.
    pub fn send(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(text.as_bytes()).expect("type");
        stdin.flush().expect("flush");
    }

    /// Waits for the program to exit, the terminal still open (closing it
    /// first would end the program early), and returns its status and all
    /// the terminal showed.
    pub fn finish(mut self) -> (ExitStatus, String) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("still running; the terminal shows:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        drop(self.stdin.take());
        self.reader.take().expect("reader").join().expect("reader");
        (status, self.screen())
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.reader.is_some() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
