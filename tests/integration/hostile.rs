//! Hostile and broken libraries, concurrency and crash safety: none may
//! panic or hang; each gives a located, readable error, and the other
//! commands keep working.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{Env, MANIFEST, response};

/// A library with one good response plus `files`.
fn library(files: &[(&str, &str)]) -> Env {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("good.toml", &response("good"))]);
    for (name, text) in files {
        env.write(&format!("lib/{name}"), text);
    }
    env
}

/// Every command an agent relies on still works and finds `good`.
fn agents_still_work(env: &Env) {
    env.canned_lib()
        .args(["find", "title"])
        .assert()
        .success()
        .stdout(contains("good"));
    env.canned_lib()
        .args(["use", "good", "--var", "name=S", "--print"])
        .assert()
        .success()
        .stdout(contains("Hi S"));
    env.canned_lib()
        .args(["list", "--json"])
        .assert()
        .success()
        .stdout(contains("\"good\""));
}

#[test]
fn a_50_mb_response_body_is_reported_not_rendered() {
    let body = "All work and no play makes a reply far too long.\n".repeat(1_050_000);
    let huge = format!(
        "[[response]]\nid = \"huge\"\ntitle = \"Huge\"\ntopic = \"billing\"\nbody = \"\"\"\n{body}\"\"\"\n"
    );
    assert!(huge.len() > 50_000_000);
    let env = library(&[("huge.toml", &huge)]);
    env.canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("huge.toml:6:1:").and(contains("rendering stopped")));
    agents_still_work(&env);
    env.canned_lib()
        .args(["use", "huge", "--var", "name=S", "--print"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("rendering stopped"));
}

#[test]
fn a_library_of_100_000_responses_loads_and_searches() {
    let env = Env::with_library(&[("canned.toml", MANIFEST)]);
    for f in 0..100 {
        let mut text = String::new();
        for r in 0..1000 {
            text.push_str(&format!(
                "[[response]]\nid = \"r{f}-{r}\"\ntitle = \"Reply {r} of file {f}\"\ntopic = \"billing\"\nbody = \"Hello {{{{ name }}}}, number {r}.\"\n\n"
            ));
        }
        env.write(&format!("lib/f{f:03}.toml"), text);
    }
    env.canned_lib()
        .args([
            "find", "reply", "999", "file", "42", "--json", "--limit", "1",
        ])
        .assert()
        .success()
        .stdout(contains("\"r42-999\""));
    env.canned_lib()
        .args(["use", "r7-7", "--var", "name=S", "--print"])
        .assert()
        .stdout("Hello S, number 7.");
}

#[cfg(unix)]
#[test]
fn a_directory_symlink_loop_is_walked_once() {
    let env = library(&[]);
    std::os::unix::fs::symlink(env.library(), env.library().join("loop")).unwrap();
    std::os::unix::fs::symlink("..", env.library().join("up")).unwrap();
    env.canned_lib()
        .arg("check")
        .timeout(Duration::from_secs(30))
        .assert()
        .success();
    agents_still_work(&env);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_skipped_not_waited_on() {
    let env = library(&[]);
    let fifo = env.library().join("pipe.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    env.canned_lib()
        .arg("check")
        .timeout(Duration::from_secs(30))
        .assert()
        .code(1)
        .stdout(contains("pipe.toml:1:1: error: not a regular file"));
    agents_still_work(&env);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let env = library(&[("secret.toml", &response("secret"))]);
    let set = |p: &std::path::Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    set(&env.library().join("secret.toml"), 0o000);
    for dir in [env.path(), &env.library()] {
        set(dir, 0o755);
    }
    // Root reads everything: run as nobody then, so the permission bites.
    let as_user = |args: &[&str]| {
        let bin = assert_cmd::cargo::cargo_bin("canned");
        let mut cmd = if running_as_root() {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(bin);
            c
        } else {
            Command::new(bin)
        };
        cmd.arg("--library")
            .arg(env.library())
            .args(args)
            .env("HOME", "/nonexistent")
            .env("XDG_CACHE_HOME", "/nonexistent")
            .env("XDG_DATA_HOME", "/nonexistent")
            .env("CANNED_NOW", "2026-11-24")
            .output()
            .unwrap()
    };
    let out = as_user(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("secret.toml:1:1: error: cannot read file: Permission denied"),
        "{text}"
    );
    let out = as_user(&["find", "title", "--json"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"good\""));
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped 1 unreadable file"));
}

#[cfg(unix)]
fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false)
}

#[cfg(unix)]
#[test]
fn a_file_deleted_between_listing_and_reading_is_reported() {
    // A dangling link is what a file deleted after the directory was
    // listed looks like to the reader: listed, then gone.
    let env = library(&[]);
    std::os::unix::fs::symlink(
        env.library().join("gone-now.toml"),
        env.library().join("deleted.toml"),
    )
    .unwrap();
    env.canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("deleted.toml:1:1: error: cannot read file"));
    agents_still_work(&env);
}

#[test]
fn partials_that_include_each_other_are_reported() {
    let manifest = format!(
        "{MANIFEST}ping = \"{{% include \\\"pong\\\" %}}\"\npong = \"{{% include \\\"ping\\\" %}}\"\n"
    );
    let env = Env::with_library(&[
        ("canned.toml", &manifest),
        ("good.toml", &response("good")),
        (
            "loop.toml",
            &response("loop").replace("\"signature\"", "\"ping\""),
        ),
    ]);
    env.canned_lib()
        .arg("check")
        .timeout(Duration::from_secs(30))
        .assert()
        .code(1)
        .stdout(contains("includes itself"));
    agents_still_work(&env);
    env.canned_lib()
        .args(["use", "loop", "--var", "name=S", "--print"])
        .assert()
        .code(1);
}

#[test]
fn a_template_with_a_huge_loop_stops_at_the_output_cap() {
    let body = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{{ name }}{% endfor %}{% endfor %}";
    let env = library(&[(
        "loop.toml",
        &format!(
            "[[response]]\nid = \"loop\"\ntitle = \"t\"\ntopic = \"billing\"\nbody = '{body}'\n"
        ),
    )]);
    let start = Instant::now();
    env.canned_lib()
        .args([
            "use",
            "loop",
            "--var",
            "name=a-long-customer-name",
            "--print",
        ])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("passes 1048576 bytes; rendering stopped"));
    assert!(start.elapsed() < Duration::from_secs(60));
    env.canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("loop.toml:5:"));
}

#[test]
fn a_template_cannot_read_the_environment_or_files() {
    let env = library(&[(
        "spy.toml",
        "[[response]]\nid = \"spy\"\ntitle = \"t\"\ntopic = \"billing\"\nbody = '{{ get_env(name=\"HOME\") }} {% include \"/etc/passwd\" %}'\n",
    )]);
    env.canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("spy.toml:5:").and(contains("include of unknown partial `/etc/passwd`")));
    env.canned_lib()
        .args(["use", "spy", "--print"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("get_env").or(contains("/etc/passwd")));
    agents_still_work(&env);
}

#[test]
fn eight_processes_times_100_uses_lose_no_log_line_and_no_chat_value() {
    let env = library(&[]);
    let bin = assert_cmd::cargo::cargo_bin("canned");
    let workers: Vec<_> = (0..8)
        .map(|p| {
            let (bin, lib, root) = (bin.clone(), env.library(), env.path().to_path_buf());
            std::thread::spawn(move || {
                for i in 0..100 {
                    let out = Command::new(&bin)
                        .arg("--library")
                        .arg(&lib)
                        .args(["use", "good", "--chat", "4821", "--var", "name=S"])
                        .arg("--var")
                        .arg(format!("k{p}_{i}=v{p}.{i}"))
                        .arg("--print")
                        .env("XDG_DATA_HOME", root.join("data"))
                        .env("XDG_STATE_HOME", root.join("state"))
                        .env("XDG_CACHE_HOME", root.join("cache"))
                        .stdout(Stdio::null())
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let log = env.read("data/canned/usage.log");
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 800, "lost usage lines");
    assert!(
        lines
            .iter()
            .all(|l| l.split('\t').count() == 3 && l.ends_with("\tgood\ten"))
    );
    let chat: serde_json::Value =
        serde_json::from_str(&env.read("state/canned/chats/4821.json")).unwrap();
    for p in 0..8 {
        for i in 0..100 {
            assert_eq!(
                chat["values"][format!("k{p}_{i}")],
                format!("v{p}.{i}"),
                "lost k{p}_{i}"
            );
        }
    }
}

#[test]
fn processes_rebuilding_the_index_cache_at_once_all_answer_right() {
    let env = library(&[(
        "b.toml",
        &response("parcel-lost").replace("Title of parcel-lost", "Parcel lost"),
    )]);
    let bin = assert_cmd::cargo::cargo_bin("canned");
    for round in 0..5 {
        // A changed file invalidates the cache: every process rebuilds it.
        env.write("lib/c.toml", response(&format!("round-{round}")));
        let workers: Vec<_> = (0..8)
            .map(|_| {
                let (bin, lib, root) = (bin.clone(), env.library(), env.path().to_path_buf());
                std::thread::spawn(move || {
                    Command::new(&bin)
                        .arg("--library")
                        .arg(&lib)
                        .args(["find", "parcel", "--json"])
                        .env("XDG_CACHE_HOME", root.join("cache"))
                        .env("XDG_DATA_HOME", root.join("data"))
                        .output()
                        .unwrap()
                })
            })
            .collect();
        for w in workers {
            let out = w.join().unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(v[0]["id"], "parcel-lost");
            assert_eq!(v.as_array().unwrap().len(), 1);
        }
    }
}

/// Starts `args` and kills it with SIGKILL after `delay`.
fn kill_after(env: &Env, args: &[&str], delay: Duration) {
    let bin = assert_cmd::cargo::cargo_bin("canned");
    let mut child = Command::new(bin)
        .arg("--library")
        .arg(env.library())
        .args(args)
        .env("XDG_STATE_HOME", env.path().join("state"))
        .env("XDG_DATA_HOME", env.path().join("data"))
        .env("XDG_CACHE_HOME", env.path().join("cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn writers_killed_at_any_moment_leave_the_old_file_or_the_new_never_a_mix() {
    let env = library(&[]);
    let mut killed = 0;
    for i in 0..150u64 {
        let delay = Duration::from_micros((i * 7919) % 12_000);
        let value = format!("k{i}=v{i}");
        kill_after(&env, &["chat", "4821", &value], delay);
        env.write("lib/touch.toml", response(&format!("t{}", i % 3)));
        kill_after(&env, &["find", "title"], delay);
        killed += 2;
        // After every kill the chat file is whole JSON (or not there yet).
        if let Ok(text) = std::fs::read_to_string(env.path().join("state/canned/chats/4821.json")) {
            let v: serde_json::Value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("torn chat file: {e}\n{text}"));
            assert!(v["values"].is_object());
        }
    }
    assert_eq!(killed, 300);
    // Later runs are not tripped up, find the right answer, and sweep up
    // what the killed writers left.
    env.canned_lib()
        .args(["chat", "4821", "last=1"])
        .assert()
        .success();
    env.canned_lib()
        .args(["find", "title", "--json"])
        .assert()
        .success()
        .stdout(contains("\"good\""));
    let strays = |dir: &str| {
        std::fs::read_dir(env.path().join(dir))
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                    .count()
            })
            .unwrap_or(0)
    };
    assert_eq!(strays("state/canned/chats"), 0);
    assert_eq!(strays("cache/canned"), 0);
}

#[test]
fn a_customer_name_with_terminal_escapes_is_shown_inert() {
    let env = library(&[]);
    let evil = "Sarah\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[31m";
    env.canned_lib()
        .args(["chat", "9", &format!("name={evil}")])
        .assert()
        .success();
    let out = env.canned_lib().args(["chat"]).output().unwrap();
    assert!(
        !out.stdout.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = env
        .canned_lib()
        .args(["use", "good", "--chat", "9", "--print"])
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
}

#[test]
fn review_and_new_killed_at_any_moment_leave_a_valid_library() {
    let env = library(&[]);
    for i in 0..60u64 {
        let delay = Duration::from_micros((i * 7919) % 15_000);
        let date = format!("2026-01-{:02}", i % 28 + 1);
        kill_after(&env, &["review", "good", "--date", &date], delay);
        let id = format!("new-{i}");
        kill_after(
            &env,
            &[
                "new",
                "--id",
                &id,
                "--title",
                "T",
                "--topic",
                "billing",
                "--no-edit",
            ],
            delay,
        );
        // Whatever moment the writer died at, the file is whole.
        env.canned_lib().arg("check").assert().success();
    }
    // Some writers got through before their kill, so writes really happened.
    let text = env.read("lib/good.toml");
    assert!(
        text.contains("reviewed = 2026-01-") && text.contains("id = \"new-"),
        "{text}"
    );
    // The next write sweeps up what the killed writers left.
    env.canned_lib().args(["review", "good"]).assert().success();
    let strays: Vec<String> = std::fs::read_dir(env.library())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}
