//! `canned use` without a display: values, safety, chat memory, usage log.

use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{Env, MANIFEST, stdout};

const REPLIES: &str = r#"
[[response]]
id = "greet"
title = "Greeting"
shortcut = "hi"
topic = "billing"
body = """
Hi {{ name }},

your order #{{ order }} is on its way.


{% include "signature" %}"""

[response.translations.fr]
title = "Bonjour"
body = "Bonjour {{ name }}, commande {{ order }}."

[[response]]
id = "nested"
title = "Nested customer"
topic = "billing"
body = "Dear {{ customer.name }} ({{ ticket }})"

[[response]]
id = "sloppy"
title = "Template with a placeholder left in"
topic = "billing"
body = "Hi [Name], thanks {{ name }}"

[[response]]
id = "refund-late"
title = "Refund is late"
topic = "billing"
tags = ["refund"]
body = "Sorry {{ name }}"
"#;

fn env() -> Env {
    let manifest = format!(
        "{MANIFEST}\n[variables.customer.name]\ndescription = \"Name from the ticket\"\nexample = \"Sam\"\n\
         [variables.ticket]\ndescription = \"Ticket\"\nexample = \"1\"\n"
    );
    Env::with_library(&[("canned.toml", &manifest), ("replies.toml", REPLIES)])
}

#[test]
fn print_writes_exactly_the_rendered_text() {
    let out = env()
        .canned_lib()
        .args([
            "use",
            "greet",
            "--var",
            "name=Sarah",
            "--var",
            "order=1245",
            "--print",
        ])
        .env("CANNED_AGENT", "Alex")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "Hi Sarah,\n\nyour order #1245 is on its way.\n\n\n— Alex"
    );
}

#[test]
fn a_shortcut_selects_exactly() {
    env()
        .canned_lib()
        .args([
            "use", "hi", "--var", "name=S", "--var", "order=1", "--print",
        ])
        .assert()
        .success()
        .stdout(contains("Hi S,"))
        .stderr(contains("best match").not());
}

#[test]
fn a_query_uses_the_best_match_and_says_which() {
    env()
        .canned_lib()
        .args(["use", "refund", "--var", "name=S", "--print"])
        .assert()
        .success()
        .stdout("Sorry S")
        .stderr(contains("using refund-late"));
}

#[test]
fn missing_values_exit_2_and_name_each_with_its_flag() {
    env()
        .canned_lib()
        .args(["use", "greet"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("missing values for `greet`"))
        .stderr(contains("name — Customer's first name (e.g. Sarah)"))
        .stderr(contains("--var name=… --var order=…"));
}

#[test]
fn values_come_from_json_on_stdin_with_nested_objects() {
    env()
        .canned_lib()
        .args(["use", "nested", "--vars", "-", "--print"])
        .write_stdin(r#"{"customer": {"name": "Sarah"}, "ticket": 4821}"#)
        .assert()
        .success()
        .stdout("Dear Sarah (4821)");
}

#[test]
fn a_var_flag_sets_a_nested_value_and_wins_over_the_file() {
    let e = env();
    e.write(
        "ticket.json",
        r#"{"customer": {"name": "File"}, "ticket": "1"}"#,
    );
    e.canned_lib()
        .args([
            "use",
            "nested",
            "--vars",
            "ticket.json",
            "--var",
            "customer.name=Flag",
            "--print",
        ])
        .assert()
        .success()
        .stdout("Dear Flag (1)");
}

#[test]
fn values_are_inserted_as_text_never_evaluated() {
    env()
        .canned_lib()
        .args([
            "use",
            "greet",
            "--var",
            "name={{ 7*7 }}",
            "--var",
            "order=1",
            "--print",
        ])
        .assert()
        .success()
        .stdout(contains("Hi {{ 7*7 }},"));
}

#[test]
fn a_value_failing_its_pattern_is_refused_showing_both() {
    env()
        .canned_lib()
        .args([
            "use",
            "greet",
            "--var",
            "name=S",
            "--var",
            "order=12a",
            "--print",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "value \"12a\" for `order` does not match its pattern ^[0-9]+$",
        ));
}

#[test]
fn a_placeholder_left_in_the_template_blocks_the_copy() {
    env()
        .canned_lib()
        .args(["use", "sloppy", "--var", "name=S", "--print"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("still contains `[Name]`"));
}

#[test]
fn control_characters_in_values_never_reach_the_output() {
    env()
        .canned_lib()
        .args([
            "use",
            "greet",
            "--var",
            "name=Sa\x1b]52;c;ZXZpbA==\x07rah",
            "--var",
            "order=1",
            "--print",
        ])
        .assert()
        .success()
        .stdout(contains("Hi Sa]52;c;ZXZpbA==rah,"));
}

#[test]
fn a_missing_translation_falls_back_and_says_so() {
    env()
        .canned_lib()
        .args([
            "use",
            "nested",
            "--lang",
            "fr",
            "--var",
            "customer.name=S",
            "--var",
            "ticket=2",
            "--print",
        ])
        .assert()
        .success()
        .stderr(contains("has no `fr` translation; using `en`"));
}

#[test]
fn the_language_flag_picks_the_translation() {
    env()
        .canned_lib()
        .args([
            "use", "greet", "--lang", "fr", "--var", "name=S", "--var", "order=1", "--print",
        ])
        .assert()
        .success()
        .stdout("Bonjour S, commande 1.");
}

#[test]
fn without_display_or_terminal_nothing_is_copied_and_print_is_suggested() {
    env()
        .canned_lib()
        .args(["use", "greet", "--var", "name=S", "--var", "order=1"])
        .assert()
        .code(1)
        .stderr(contains("nothing was copied"))
        .stderr(contains("--print"))
        .stderr(contains("copied").count(1));
}

#[test]
fn osc52_goes_to_the_terminal_when_there_is_no_display() {
    let e = env();
    let cmd = format!(
        "'{}' --library '{}' use greet --var name=Sarah --var order=1",
        assert_cmd::cargo::cargo_bin("canned").display(),
        e.library().display()
    );
    let out = e
        .canned()
        .env_remove("DISPLAY")
        .arg("--version")
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("TMUX")
        .env("CANNED_AGENT", "Al")
        .env("XDG_DATA_HOME", e.path().join("data"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // base64 of "Hi Sarah,\n\nyour order #1 is on its way.\n\n\n— Al"
    let expected = "\x1b]52;c;SGkgU2FyYWgsCgp5b3VyIG9yZGVyICMxIGlzIG9uIGl0cyB3YXkuCgoK4oCUIEFs\x07";
    assert!(text.contains(expected), "{text:?}");
    assert!(text.contains("via osc52"), "{text:?}");
}

#[test]
fn chat_memory_fills_values_and_the_ticket() {
    let e = env();
    e.canned_lib()
        .args(["chat", "4821", "customer.name=Sarah"])
        .assert()
        .success();
    e.canned_lib()
        .args(["use", "nested", "--chat", "4821", "--print"])
        .assert()
        .success()
        .stdout("Dear Sarah (4821)");
    e.canned_lib()
        .arg("chat")
        .assert()
        .success()
        .stdout(contains("4821").and(contains("customer.name=Sarah")));
    e.canned_lib()
        .args(["chat", "--close", "4821"])
        .assert()
        .success();
    e.canned_lib()
        .args(["use", "nested", "--chat", "4821", "--print"])
        .assert()
        .code(2);
}

#[test]
fn values_given_for_a_chat_are_remembered_for_the_next_reply() {
    let e = env();
    e.canned_lib()
        .args([
            "use",
            "greet",
            "--chat",
            "77",
            "--var",
            "name=Sarah",
            "--var",
            "order=9",
            "--print",
        ])
        .assert()
        .success();
    e.canned_lib()
        .args(["use", "greet", "--chat", "77", "--print"])
        .assert()
        .success()
        .stdout(contains("Hi Sarah,"));
}

#[test]
fn chats_are_forgotten_after_a_day() {
    let e = env();
    e.canned_lib()
        .args(["chat", "5", "name=Sarah"])
        .env("CANNED_NOW", "1000000")
        .assert()
        .success();
    e.canned_lib()
        .args(["chat", "5"])
        .env("CANNED_NOW", (1_000_000 + 24 * 3600).to_string())
        .assert()
        .success()
        .stdout("");
}

#[test]
fn a_chat_id_cannot_escape_the_state_directory() {
    env()
        .canned_lib()
        .args(["chat", "../../x", "name=S"])
        .assert()
        .code(2);
}

#[cfg(unix)]
#[test]
fn chat_files_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let e = env();
    e.canned_lib()
        .args(["chat", "9", "name=S"])
        .assert()
        .success();
    let mode = |p: &str| {
        std::fs::metadata(e.path().join(p))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("state/canned/chats"), 0o700);
    assert_eq!(mode("state/canned/chats/9.json"), 0o600);
}

#[test]
fn a_prompt_asks_for_missing_values_and_the_chat_remembers_them() {
    let e = env();
    let cmd = format!(
        "'{}' --library '{}' use greet --chat 31 --print",
        assert_cmd::cargo::cargo_bin("canned").display(),
        e.library().display()
    );
    let run = |input: &str| {
        let mut child = std::process::Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .env("XDG_STATE_HOME", e.path().join("state"))
            .env("XDG_DATA_HOME", e.path().join("data"))
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(input.as_bytes()).unwrap();
        // Keep the terminal open until canned is done with it.
        std::thread::sleep(std::time::Duration::from_millis(1500));
        drop(stdin);
        String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).into_owned()
    };
    let first = run("Sarah\n12x\n1245\n");
    assert!(first.contains("name — Customer's first name"), "{first}");
    assert!(first.contains("does not match ^[0-9]+$"), "{first}");
    assert!(first.contains("your order #1245"), "{first}");
    let second = run("");
    assert!(!second.contains("Customer's first name"), "{second}");
    assert!(second.contains("Hi Sarah,"), "{second}");
}

#[test]
fn each_use_appends_a_line_to_the_usage_log() {
    let e = env();
    for _ in 0..2 {
        e.canned_lib()
            .args([
                "use", "greet", "--lang", "fr", "--var", "name=S", "--var", "order=1", "--print",
            ])
            .assert()
            .success();
    }
    let log = e.read("data/canned/usage.log");
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].ends_with("\tgreet\tfr"), "{log}");
}

#[test]
fn two_processes_using_at_once_lose_no_usage_line() {
    let e = env();
    let bin = assert_cmd::cargo::cargo_bin("canned");
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let bin = bin.clone();
            let lib = e.library();
            let data = e.path().join("data");
            std::thread::spawn(move || {
                for _ in 0..200 {
                    let ok = std::process::Command::new(&bin)
                        .arg("--library")
                        .arg(&lib)
                        .args([
                            "use", "greet", "--var", "name=S", "--var", "order=1", "--print",
                        ])
                        .env("XDG_DATA_HOME", &data)
                        .env("XDG_STATE_HOME", &data)
                        .stdout(std::process::Stdio::null())
                        .status()
                        .unwrap()
                        .success();
                    assert!(ok);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let log = e.read("data/canned/usage.log");
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 400);
    assert!(lines.iter().all(|l| {
        let p: Vec<&str> = l.split('\t').collect();
        p.len() == 3 && p[0].parse::<u64>().is_ok() && p[1] == "greet" && p[2] == "en"
    }));
}

#[test]
fn picker_options_before_a_command_are_refused_not_dropped() {
    env()
        .canned_lib()
        .args(["--chat", "4821", "use", "greet", "--print"])
        .assert()
        .code(2)
        .stderr(contains("only apply to the picker"));
}

#[test]
fn use_finds_the_response_file_through_the_cache_from_any_directory() {
    let e = env();
    std::fs::rename(e.library(), e.path().join("responses")).unwrap();
    std::fs::create_dir_all(e.path().join("sub")).unwrap();
    e.canned().args(["find", "greeting"]).assert().success();
    e.canned()
        .current_dir(e.path().join("sub"))
        .args([
            "use", "greet", "--var", "name=S", "--var", "order=1", "--print",
        ])
        .assert()
        .success()
        .stdout(contains("Hi S,"));
}
