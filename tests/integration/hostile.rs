//! Hostile and broken libraries, concurrency and crash safety: none may
//! panic or hang; each gives a located, readable error, and the other
//! commands keep working.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{Env, MANIFEST, SIGABRT, Test, response};

/// A library with one good response plus `files`.
fn library(files: &[(&str, &str)]) -> Env {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("good.toml", &response("good"))]);
    for (name, text) in files {
        env.write(&format!("lib/{name}"), text);
    }
    env
}

/// `canned --library lib ARGS` in `env`, `args` split at spaces.
fn canned<'a>(env: &'a Env, args: &str) -> Test<'a> {
    env.test().library(&[]).args(args.split_whitespace())
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

/// Where `CANNED_TEST_FAIL_AT` crashes an atomic write, as kill -9 would:
/// with half the new text in the temporary file, with all of it, and just
/// after the temporary file took the old one's place.
const CRASH_POINTS: [&str; 3] = ["mid-write", "before-rename", "after-rename"];

/// The temporary files atomic writes of `target` (relative to the temp
/// dir) left beside it, with their contents.
fn temporary_files(env: &Env, target: &str) -> Vec<Vec<u8>> {
    let target = env.path().join(target);
    let prefix = format!(".{}.", target.file_name().unwrap().to_string_lossy());
    let Ok(dir) = std::fs::read_dir(target.parent().unwrap()) else {
        return Vec::new();
    };
    dir.filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".tmp")
        })
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect()
}

/// Crashes `writer`, a command that writes `target` (relative to the temp
/// dir), at each of [`CRASH_POINTS`], each time from the same start, and
/// checks that `target` is then the old file or the new one, whole, and
/// that running `writer` again sweeps up what the dead writer left. `new`
/// is what `writer` writes when nothing stops it; `writer` must expect a
/// successful run. `after_each_crash` checks the rest of the state.
fn crash_at_every_point<'a>(
    env: &'a Env,
    target: &str,
    writer: impl Fn() -> Test<'a>,
    after_each_crash: impl Fn(&str),
) {
    let path = env.path().join(target);
    let old = std::fs::read(&path).ok();
    let restore = || match &old {
        Some(bytes) => std::fs::write(&path, bytes).unwrap(),
        None => {
            let _ = std::fs::remove_file(&path);
        }
    };
    writer().run();
    let new = std::fs::read(&path).unwrap();
    assert_ne!(Some(&new), old.as_ref(), "{target} did not change");
    assert_eq!(temporary_files(env, target), Vec::<Vec<u8>>::new());
    for point in CRASH_POINTS {
        restore();
        writer()
            .env("CANNED_TEST_FAIL_AT", point)
            .signal(SIGABRT)
            .stdout("")
            .stderr("")
            .run();
        let now = std::fs::read(&path).ok();
        let left = temporary_files(env, target);
        let half = new[..new.len() / 2].to_vec();
        match point {
            "mid-write" => {
                assert_eq!(now, old, "{point}: {target} is not the old file");
                assert_eq!(left, [half], "{point}: the dead writer's half file");
            }
            "before-rename" => {
                assert_eq!(now, old, "{point}: {target} is not the old file");
                assert_eq!(left, [new.clone()], "{point}: the dead writer's file");
            }
            _ => {
                assert_eq!(
                    now,
                    Some(new.clone()),
                    "{point}: {target} is not the new file"
                );
                // A file created with a hard link keeps its temporary name
                // too until the next write; a renamed one has none.
                assert!(
                    left.is_empty() || left == [new.clone()],
                    "{point}: {} temporary files",
                    left.len()
                );
            }
        }
        after_each_crash(point);
        if point != "after-rename" {
            writer().run();
            assert_eq!(std::fs::read(&path).unwrap(), new);
            assert_eq!(
                temporary_files(env, target),
                Vec::<Vec<u8>>::new(),
                "{point}: the next write left the dead writer's file"
            );
        }
    }
}

#[test]
fn a_chat_write_crashed_at_any_point_leaves_the_old_file_or_the_new() {
    let env = library(&[]);
    canned(&env, "chat 4821 old=1")
        .stderr("chat 4821: remembered old\n")
        .run();
    crash_at_every_point(
        &env,
        "state/canned/chats/4821.json",
        || canned(&env, "chat 4821 new=2").stderr("chat 4821: remembered new\n"),
        |point| {
            let values = match point {
                "after-rename" => "new=2\nold=1\n",
                _ => "old=1\n",
            };
            canned(&env, "chat 4821").stdout(values).run();
        },
    );
}

#[test]
fn a_cache_write_crashed_at_any_point_leaves_the_old_cache_or_the_new() {
    let env = library(&[]);
    let found = "good    • normal    billing  any  en  Title of good\n";
    canned(&env, "find title").stdout(found).run();
    let cache = std::fs::read_dir(env.path().join("cache/canned"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("index-"))
        .expect("a cache file");
    // A new file makes the cache stale: the next `find` rebuilds it.
    env.write("lib/new.toml", response("new-one"));
    crash_at_every_point(
        &env,
        &format!("cache/canned/{cache}"),
        || {
            canned(&env, "find title").stdout(
                "
                good       • normal    billing  any  en  Title of good
                new-one    • normal    billing  any  en  Title of new-one
                ",
            )
        },
        |_| {},
    );
}

#[test]
fn review_and_new_crashed_at_any_point_leave_a_valid_library() {
    let env = library(&[]);
    let library_is_valid = |_: &str| {
        canned(&env, "check").any_stdout().run();
    };
    crash_at_every_point(
        &env,
        "lib/good.toml",
        || {
            canned(&env, "review good --date 2026-01-02")
                .stdout("✓ good reviewed 2026-01-02 (first review)  lib/good.toml:1\n")
        },
        library_is_valid,
    );
    // Appended to the file of its topic.
    crash_at_every_point(
        &env,
        "lib/good.toml",
        || {
            canned(&env, "new --id late --title Late --topic billing --no-edit")
                .stdout("Added `late` to lib/good.toml:10\n")
        },
        library_is_valid,
    );
    // The first response of a topic: a new file.
    crash_at_every_point(
        &env,
        "lib/shipping.toml",
        || {
            canned(
                &env,
                "new --id lost --title Lost --topic shipping --no-edit",
            )
            .stdout("Added `lost` to lib/shipping.toml:5\n")
        },
        library_is_valid,
    );
    // The file created by a hard link kept its temporary name too; the next
    // write of the file sweeps it up.
    canned(
        &env,
        "new --id found --title Found --topic shipping --no-edit",
    )
    .stdout("Added `found` to lib/shipping.toml:14\n")
    .run();
    assert_eq!(
        temporary_files(&env, "lib/shipping.toml"),
        Vec::<Vec<u8>>::new()
    );
}
