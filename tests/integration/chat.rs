//! Chat memory holds customer data: expired chats are deleted by every run
//! that touches them, damaged files are kept aside with a warning, a clock
//! set ahead cannot keep a chat alive, modes made before are tightened, a
//! chat that cannot be saved never withholds a reply, and file names keep
//! ids apart on case-insensitive and Windows file systems.
//!
//! Each run is built here (not with the support module's runners) so the
//! clock can be set per run: `CANNED_NOW` in Unix seconds.

use std::path::PathBuf;
use std::process::Command;

use crate::support::{Env, MANIFEST, response};

/// The clock of these tests: 2026-11-18 11:06:40 UTC.
const NOW: u64 = 1_795_000_000;
const DAY: u64 = 24 * 3600;

fn env() -> Env {
    Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("greet.toml", &response("greet")),
    ])
}

/// `canned --library lib ARGS` at `now`, isolated in `env`.
fn canned(env: &Env, now: u64, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("canned"));
    let under = |dir: &str| env.path().join(dir);
    cmd.current_dir(env.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", under("home"))
        .env("XDG_CONFIG_HOME", under("config"))
        .env("XDG_STATE_HOME", under("state"))
        .env("XDG_DATA_HOME", under("data"))
        .env("XDG_CACHE_HOME", under("cache"))
        .env("CANNED_NOW", now.to_string())
        .env("TZ", "UTC")
        .env("LANG", "C.UTF-8")
        .arg("--library")
        .arg(env.library())
        .args(args);
    cmd
}

/// Exit code, stdout and stderr of a run.
fn run(mut cmd: Command) -> (i32, String, String) {
    let out = cmd.output().expect("run canned");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn chats(env: &Env) -> PathBuf {
    env.path().join("state/canned/chats")
}

/// The files of the chats directory, the lock left out, sorted.
fn files(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(chats(env))
        .expect("chats dir")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != ".lock")
        .collect();
    names.sort();
    names
}

fn remember(env: &Env, now: u64, id: &str, value: &str) {
    let (code, _, stderr) = run(canned(env, now, &["chat", id, value]));
    assert_eq!(code, 0, "{stderr}");
}

fn chat_json(id: &str, updated: u64, name: &str) -> String {
    format!("{{\"id\": \"{id}\", \"updated\": {updated}, \"values\": {{\"name\": \"{name}\"}}}}")
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn expired_chats_are_deleted_by_every_run_that_touches_the_chats() {
    let runs: [&[&str]; 6] = [
        &[
            "use",
            "greet",
            "--chat",
            "7",
            "--var",
            "name=Sarah",
            "--print",
        ],
        &[
            "use",
            "greet",
            "--chat",
            "7",
            "--var",
            "name=Sarah",
            "--print",
            "-q",
        ],
        &["chat", "7"],
        &["chat", "7", "name=Sarah"],
        &["chat", "--close", "7"],
        &["chat"],
    ];
    for args in runs {
        let e = env();
        remember(&e, NOW, "old", "name=Ann");
        remember(&e, NOW, "OLD", "name=Ann");
        remember(&e, NOW + 3600, "recent", "name=Bob");
        let (code, _, stderr) = run(canned(&e, NOW + DAY, args));
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert!(!stderr.contains("warning"), "{args:?}: {stderr}");
        let left: Vec<String> = files(&e).into_iter().filter(|f| f != "7.json").collect();
        assert_eq!(left, ["recent.json"], "{args:?}");
    }
}

#[test]
fn a_damaged_chat_file_is_kept_aside_with_a_warning_and_the_chat_starts_empty() {
    let e = env();
    let dir = chats(&e);
    let torn = "{\"id\": \"4821\", \"updated\": 17";
    e.write("state/canned/chats/4821.json", torn);
    #[cfg(unix)]
    set_mode(&dir.join("4821.json"), 0o644);
    let (code, stdout, stderr) = run(canned(
        &e,
        NOW,
        &[
            "use",
            "greet",
            "--chat",
            "4821",
            "--var",
            "name=Sarah",
            "--print",
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "Hi Sarah\n— the team");
    let d = dir.display();
    assert_eq!(
        stderr,
        format!(
            "warning: damaged chat file {d}/4821.json: not valid JSON; kept aside as \
             {d}/4821.json.damaged-{NOW} for 24 hours, and the chat starts empty\n"
        )
    );
    let kept = dir.join(format!("4821.json.damaged-{NOW}"));
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), torn);
    #[cfg(unix)]
    assert_eq!(mode(&kept), 0o600);
    // The chat started empty and holds what this run gave it.
    let saved: serde_json::Value =
        serde_json::from_str(&e.read("state/canned/chats/4821.json")).unwrap();
    assert_eq!(saved["values"], serde_json::json!({"name": "Sarah"}));

    // Valid JSON of the wrong shape, seen by `canned chat ID`.
    e.write(
        "state/canned/chats/77.json",
        "{\"id\": \"77\", \"updated\": \"yesterday\", \"values\": {}}",
    );
    let (code, stdout, stderr) = run(canned(&e, NOW + 60, &["chat", "77"]));
    assert_eq!((code, stdout.as_str()), (0, ""));
    assert_eq!(
        stderr,
        format!(
            "warning: damaged chat file {d}/77.json: not the shape of a chat; kept aside as \
             {d}/77.json.damaged-{} for 24 hours, and the chat starts empty\nno open chat 77\n",
            NOW + 60
        )
    );
    // Told once: the next run has nothing to say.
    let (code, _, stderr) = run(canned(&e, NOW + 120, &["chat", "4821"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(
        files(&e),
        [
            "4821.json".to_string(),
            format!("4821.json.damaged-{NOW}"),
            format!("77.json.damaged-{}", NOW + 60)
        ]
    );
    // The copies are customer data too: gone a day after they were set aside.
    let (code, _, stderr) = run(canned(&e, NOW + 60 + DAY, &["chat"]));
    assert_eq!((code, stderr.as_str()), (0, "no open chats\n"));
    assert_eq!(files(&e), Vec::<String>::new());
}

#[test]
fn a_chat_saved_with_a_clock_set_ahead_still_expires() {
    let e = env();
    // Saved by a machine whose clock was a month ahead.
    remember(&e, NOW + 30 * DAY, "5", "name=Sarah");
    // Saved a minute ahead: ordinary skew between clocks.
    remember(&e, NOW + 60, "6", "name=Ann");
    let (code, _, stderr) = run(canned(&e, NOW, &["use", "greet", "--chat", "5", "--print"]));
    assert_eq!(
        code, 2,
        "the value from the future must not be used: {stderr}"
    );
    assert!(stderr.contains("--var name="), "{stderr}");
    assert_eq!(files(&e), ["6.json"]);
    let (code, stdout, stderr) = run(canned(&e, NOW, &["chat"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        stdout.starts_with("6  forgotten in 24h01  name=Ann"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
}

#[cfg(unix)]
#[test]
fn chat_directories_and_files_made_before_are_made_private() {
    for args in [
        &["use", "greet", "--chat", "9", "--print"][..],
        &["chat", "9"][..],
    ] {
        let e = env();
        let dir = chats(&e);
        e.write("state/canned/chats/9.json", chat_json("9", NOW, "Sarah"));
        e.write("state/canned/chats/.lock", "");
        set_mode(&dir.join("9.json"), 0o644);
        set_mode(&dir.join(".lock"), 0o666);
        set_mode(&dir, 0o777);
        set_mode(&e.path().join("state/canned"), 0o755);
        let (code, stdout, stderr) = run(canned(&e, NOW + 60, args));
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
        assert!(stdout.contains("Sarah"), "{args:?}: {stdout}");
        assert_eq!(mode(&e.path().join("state/canned")), 0o700, "{args:?}");
        assert_eq!(mode(&dir), 0o700, "{args:?}");
        assert_eq!(mode(&dir.join("9.json")), 0o600, "{args:?}");
        assert_eq!(mode(&dir.join(".lock")), 0o600, "{args:?}");
    }
}

#[test]
fn a_chat_that_cannot_be_saved_still_lets_use_print_with_a_warning() {
    let e = env();
    // Something that is not a directory where the state directory should be.
    e.write("state", "not a directory");
    let (code, stdout, stderr) = run(canned(
        &e,
        NOW,
        &[
            "use",
            "greet",
            "--chat",
            "9",
            "--var",
            "name=Sarah",
            "--print",
        ],
    ));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "Hi Sarah\n— the team");
    assert_eq!(
        stderr,
        format!(
            "warning: could not save chat 9: {}: Not a directory (os error 20)\n",
            chats(&e).display()
        )
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_state_directory_still_lets_use_print_with_a_warning() {
    let e = env();
    std::fs::create_dir_all(e.path().join("state/canned")).unwrap();
    // Root writes anywhere: run as nobody then, owning every file of the
    // test, so only the read-only directory bites.
    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    if as_root {
        chown_tree(e.path(), 65534);
    }
    set_mode(&e.path().join("state/canned"), 0o500);
    let mut cmd = canned(
        &e,
        NOW,
        &[
            "use",
            "greet",
            "--chat",
            "9",
            "--var",
            "name=Sarah",
            "--print",
        ],
    );
    if as_root {
        let mut user = Command::new("setpriv");
        user.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(cmd.get_program())
            .args(cmd.get_args())
            .current_dir(e.path())
            .env_clear()
            .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))));
        cmd = user;
    }
    let (code, stdout, stderr) = run(cmd);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "Hi Sarah\n— the team");
    assert_eq!(
        stderr,
        format!(
            "warning: could not save chat 9: {}: Permission denied (os error 13)\n",
            chats(&e).display()
        )
    );
    set_mode(&e.path().join("state/canned"), 0o700);
}

#[cfg(unix)]
fn chown_tree(path: &std::path::Path, id: u32) {
    std::os::unix::fs::chown(path, Some(id), Some(id)).unwrap();
    if std::fs::symlink_metadata(path).unwrap().is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            chown_tree(&entry.unwrap().path(), id);
        }
    }
}

#[test]
fn ids_differing_by_case_or_named_like_devices_get_distinct_safe_files() {
    let e = env();
    let ids = ["ABC", "abc", "con", "CON", "nul.txt", "com1", "4821"];
    for (i, id) in ids.iter().enumerate() {
        remember(&e, NOW + i as u64, id, &format!("name=n{i}"));
    }
    let names = files(&e);
    assert_eq!(
        names,
        [
            "+a+b+c.json",
            "+c+o+n.json",
            "4821.json",
            "@com1.json",
            "@con.json",
            "@nul.txt.json",
            "abc.json"
        ]
    );
    // Safe where case is ignored and on Windows: no two names differ only
    // by case, and no name is a device name with an extension.
    let devices = ["con", "prn", "aux", "nul", "com1", "lpt1"];
    for name in &names {
        assert_eq!(name.to_lowercase(), *name);
        let base = name.split('.').next().unwrap();
        assert!(!devices.contains(&base), "{name}");
    }
    // `canned chat` still shows the ids as they were typed, newest first.
    let (code, stdout, stderr) = run(canned(&e, NOW + 10, &["chat"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
    let listed: Vec<&str> = stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        listed,
        ["4821", "com1", "nul.txt", "CON", "con", "abc", "ABC"]
    );
    assert!(
        stdout.contains("CON  forgotten in 23h59  name=n3\n"),
        "{stdout}"
    );
    for (i, id) in ids.iter().enumerate() {
        let (code, stdout, stderr) = run(canned(
            &e,
            NOW + 20,
            &["use", "greet", "--chat", id, "--print"],
        ));
        assert_eq!(code, 0, "{id}: {stderr}");
        assert_eq!(stdout, format!("Hi n{i}\n— the team"), "{id}");
    }
}

#[test]
fn a_chat_in_a_file_of_the_old_naming_keeps_its_values_under_the_new_name() {
    let e = env();
    // Before names were encoded, chat `Legacy` lived in `Legacy.json`.
    e.write(
        "state/canned/chats/Legacy.json",
        chat_json("Legacy", NOW, "Sarah"),
    );
    let (code, stdout, stderr) = run(canned(&e, NOW + 60, &["chat"]));
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        stdout.starts_with("Legacy  forgotten in 23h59  name=Sarah"),
        "{stdout}"
    );
    assert_eq!(files(&e), ["+legacy.json"]);
    let (code, stdout, _) = run(canned(
        &e,
        NOW + 60,
        &["use", "greet", "--chat", "Legacy", "--print"],
    ));
    assert_eq!((code, stdout.as_str()), (0, "Hi Sarah\n— the team"));
}

/// A file where the chats folder should be is said, never taken for no
/// open chats (writing to it already fails, naming it), when listing and
/// when showing one chat.
#[test]
fn a_chats_folder_that_is_a_file_is_said_when_listing_or_showing() {
    let env = env();
    env.write("state/canned/chats", "");
    let warning = format!(
        "warning: cannot read the chats folder {}: Not a directory (os error 20)\n",
        chats(&env).display()
    );
    let (code, out, err) = run(canned(&env, NOW, &["chat"]));
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "", warning.as_str())
    );
    let (code, out, err) = run(canned(&env, NOW, &["chat", "5"]));
    assert_eq!(
        (code, out.as_str(), err),
        (0, "", format!("{warning}no open chat 5\n"))
    );
}
