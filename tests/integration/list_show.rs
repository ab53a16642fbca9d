//! `list` and `show`, and the resilience of every command to broken files.

use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{Env, MANIFEST, response, sample_library, stdout};

fn sample(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.canned();
    cmd.arg("--library").arg(sample_library());
    cmd
}

#[test]
fn list_groups_by_urgency_most_urgent_first() {
    let env = Env::new();
    let out = sample(&env).arg("list").output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    let pos = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s} missing from:\n{text}"))
    };
    assert!(pos("‼ critical") < pos("▲ high"));
    assert!(pos("▲ high") < pos("• normal"));
    assert!(pos("• normal") < pos("· low"));
}

#[test]
fn list_json_is_an_array_of_responses_with_their_segments() {
    let env = Env::new();
    let out = sample(&env).args(["list", "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert!(rows.len() >= 40);
    let r = rows.iter().find(|r| r["id"] == "refund-vip").unwrap();
    assert_eq!(r["urgency"], "high");
    assert_eq!(r["topic"], "billing");
    assert_eq!(r["customer"], serde_json::json!(["vip"]));
}

#[test]
fn list_filters_by_flags() {
    let env = Env::new();
    let out = sample(&env)
        .args(["list", "--json", "--urgency", ">=high", "--customer", "vip"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for r in v.as_array().unwrap() {
        assert!(r["urgency"] == "high" || r["urgency"] == "critical", "{r}");
        let c = r["customer"].as_array().unwrap();
        assert!(c.iter().any(|c| c == "vip" || c == "any"), "{r}");
    }
}

#[test]
fn list_hides_expired_responses_unless_all() {
    let env = Env::new();
    sample(&env)
        .args(["list"])
        .assert()
        .stdout(contains("holiday-deadlines-2025").not());
    sample(&env)
        .args(["list", "--all"])
        .assert()
        .stdout(contains("holiday-deadlines-2025"));
}

#[test]
fn a_bad_filter_value_is_a_usage_error() {
    let env = Env::new();
    sample(&env)
        .args(["list", "--urgency", "hgih"])
        .assert()
        .code(2)
        .stderr(contains("did you mean `high`?"));
}

#[test]
fn show_renders_the_body_with_example_values() {
    let env = Env::new();
    sample(&env)
        .args(["show", "refund-vip"])
        .assert()
        .success()
        .stdout(contains("Sarah").and(contains("{{").not()))
        .stdout(contains("variables"));
}

#[test]
fn show_raw_keeps_the_placeholders() {
    let env = Env::new();
    sample(&env)
        .args(["show", "refund-vip", "--raw"])
        .assert()
        .stdout(contains("{{ name }}"));
}

#[test]
fn show_accepts_a_shortcut_and_a_language() {
    let env = Env::new();
    sample(&env)
        .args(["show", "transit", "--lang", "fr", "--json"])
        .assert()
        .success()
        .stdout(contains("\"lang\": \"fr\""))
        .stdout(contains("\"title\": \"Commande en cours d'acheminement\""));
}

#[test]
fn show_an_unknown_id_suggests_the_nearest() {
    let env = Env::new();
    sample(&env)
        .args(["show", "refund-vpi"])
        .assert()
        .code(1)
        .stderr(contains("no response with id or shortcut `refund-vpi`"))
        .stderr(contains("did you mean `refund-vip`?"));
}

#[test]
fn every_shipped_response_renders_in_every_language() {
    let env = Env::new();
    let out = sample(&env)
        .args(["list", "--json", "--all"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut rendered = 0;
    for r in rows.as_array().unwrap() {
        for lang in r["languages"].as_array().unwrap() {
            let id = r["id"].as_str().unwrap();
            let lang = lang.as_str().unwrap();
            let out = sample(&env)
                .args(["show", id, "--lang", lang, "--json"])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{id}/{lang}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let body = v["body"].as_str().unwrap();
            assert!(
                !body.contains("{{") && !body.contains("{%"),
                "{id}/{lang}: {body}"
            );
            assert!(
                !body.contains('<'),
                "{id}/{lang} lacks an example value: {body}"
            );
            rendered += 1;
        }
    }
    assert!(rendered >= 64, "only {rendered} texts rendered");
}

#[test]
fn a_broken_file_never_stops_listing_and_says_how_many_were_skipped() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("good.toml", &response("good")),
        (
            "bad.toml",
            "[[response]]\nid = \"bad\"\ntitel = \"x\"\ntopic = \"billing\"\nbody = \"b\"\n",
        ),
        ("worse.toml", "[[response"),
    ]);
    env.canned_lib()
        .arg("list")
        .assert()
        .success()
        .stdout(contains("good"))
        .stderr(contains("skipped 1 invalid response and 1 unreadable file"))
        .stderr(contains("run `canned check`"));
}

#[test]
fn a_broken_manifest_never_stops_listing() {
    let env = Env::with_library(&[
        ("canned.toml", "[library\n"),
        (
            "good.toml",
            &response("good").replace("\n{% include \"signature\" %}", ""),
        ),
    ]);
    env.canned_lib()
        .arg("list")
        .assert()
        .success()
        .stdout(contains("good"));
}

#[test]
fn list_into_a_closed_pipe_exits_quietly() {
    let env = Env::new();
    // The reader closes the pipe at once, so every write fails with EPIPE.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "'{}' --library '{}' list | (exec 0<&-; sleep 1); exit ${{PIPESTATUS[0]}}",
            assert_cmd::cargo::cargo_bin("canned").display(),
            sample_library().display()
        ))
        .current_dir(env.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_and_man_page_are_generated() {
    let env = Env::new();
    env.canned()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(contains("canned"));
    env.canned()
        .arg("man")
        .assert()
        .success()
        .stdout(contains(".TH canned"));
}

#[test]
fn without_a_terminal_bare_canned_prints_short_help() {
    Env::new()
        .canned()
        .assert()
        .success()
        .stdout(contains("Usage: canned"));
}
