//! `canned find`: output, filters, ties, and the index cache.

use predicates::str::contains;

use crate::support::{Env, MANIFEST, sample_library};

fn sample(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.canned();
    cmd.arg("--library").arg(sample_library());
    cmd
}

fn ids(out: &std::process::Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|h| h["id"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn json_results_carry_the_fields_tools_need() {
    let env = Env::new();
    let out = sample(&env)
        .args(["find", "remboursment", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v[0];
    for key in [
        "id", "title", "lang", "urgency", "topic", "customer", "shortcut", "score",
    ] {
        assert!(first.get(key).is_some(), "{key} missing from {first}");
    }
    assert_eq!(first["lang"], "fr");
}

#[test]
fn no_match_exits_1_with_a_short_message() {
    let env = Env::new();
    sample(&env)
        .args(["find", "zzzzqqq"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("no match for `zzzzqqq`"));
    sample(&env)
        .args(["find", "zzzzqqq", "--json"])
        .assert()
        .code(1)
        .stdout("[]\n");
}

#[test]
fn expired_responses_are_hidden_unless_all() {
    let env = Env::new();
    let out = sample(&env)
        .args(["find", "holiday", "deadlines", "--json"])
        .output()
        .unwrap();
    assert!(!ids(&out).contains(&"holiday-deadlines-2025".to_string()));
    let out = sample(&env)
        .args(["find", "holiday", "deadlines", "--all", "--json"])
        .output()
        .unwrap();
    assert_eq!(ids(&out)[0], "holiday-deadlines-2025");
}

#[test]
fn flags_and_qualifiers_filter_alike() {
    let env = Env::new();
    let a = sample(&env)
        .args(["find", "outage", "u:low", "--json"])
        .output()
        .unwrap();
    let b = sample(&env)
        .args(["find", "outage", "--urgency", "low", "--json"])
        .output()
        .unwrap();
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(ids(&a)[0], "outage-degraded");
}

#[test]
fn the_terminal_output_highlights_matched_characters() {
    let env = Env::new();
    sample(&env)
        .args(["--color", "always", "find", "chargeb"])
        .assert()
        .success()
        .stdout(contains("\x1b[1;4;33m"));
}

fn twins() -> Env {
    let body = |id: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"Parcel lost\"\ntopic = \"shipping\"\nbody = \"Sorry {{{{ name }}}}\"\n\n"
        )
    };
    Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("a.toml", &(body("lost-a") + &body("lost-b"))),
    ])
}

#[test]
fn equal_matches_are_ordered_by_this_agents_usage() {
    let env = twins();
    let out = env
        .canned_lib()
        .args(["find", "parcel", "--json"])
        .output()
        .unwrap();
    assert_eq!(ids(&out)[0], "lost-a");
    env.canned_lib()
        .args(["use", "lost-b", "--var", "name=S", "--print"])
        .assert()
        .success();
    let out = env
        .canned_lib()
        .args(["find", "parcel", "--json"])
        .output()
        .unwrap();
    assert_eq!(ids(&out)[0], "lost-b");
}

#[test]
fn a_damaged_usage_log_is_skipped_not_fatal() {
    let env = twins();
    // An hour before the fixed test clock (2026-11-24, noon UTC).
    env.write(
        "data/canned/usage.log",
        "garbage\n\u{0}\u{1}\n1795518000\tlost-b\ten\n",
    );
    let out = env
        .canned_lib()
        .args(["find", "parcel", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(ids(&out)[0], "lost-b");
}

#[test]
fn an_edited_library_is_never_answered_from_a_stale_cache() {
    let env = twins();
    env.canned_lib().args(["find", "parcel"]).assert().success();
    env.write(
        "lib/a.toml",
        env.read("lib/a.toml")
            .replace("Parcel lost", "Package missing"),
    );
    env.canned_lib().args(["find", "parcel"]).assert().code(1);
    env.canned_lib()
        .args(["find", "package"])
        .assert()
        .success()
        .stdout(contains("lost-a"));
}

#[test]
fn a_damaged_or_truncated_cache_is_rebuilt_not_trusted() {
    let env = twins();
    env.canned_lib().args(["find", "parcel"]).assert().success();
    let dir = env.path().join("cache/canned");
    let cache = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let good = std::fs::read(&cache).unwrap();
    for damaged in [good[..good.len() / 2].to_vec(), vec![0xff; good.len()], {
        let mut d = good.clone();
        let i = d.len() - 20;
        d[i] ^= 0x20;
        d
    }] {
        std::fs::write(&cache, &damaged).unwrap();
        let out = env
            .canned_lib()
            .args(["find", "parcel", "--json"])
            .output()
            .unwrap();
        assert_eq!(ids(&out), ["lost-a", "lost-b"]);
    }
}

#[test]
fn a_broken_file_is_reported_even_when_the_index_comes_from_the_cache() {
    let env = twins();
    env.write("lib/broken.toml", "[[response\n");
    for _ in 0..2 {
        env.canned_lib()
            .args(["find", "parcel"])
            .assert()
            .success()
            .stderr(contains("skipped 1 unreadable file"));
    }
}

#[test]
fn when_no_response_has_every_word_the_closest_are_shown_marked_partial() {
    let env = Env::new();
    let out = sample(&env)
        .args(["find", "mot", "de", "passe", "oublie", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["id"], "password-reset");
    assert_eq!(v[0]["partial"], true);
    sample(&env)
        .args(["find", "mot", "de", "passe", "oublie"])
        .assert()
        .stderr(contains("no response has every word"));
    // Full matches are never mixed with partial ones.
    let out = sample(&env)
        .args(["find", "mot", "de", "passe", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().all(|h| h["partial"] == false));
}
