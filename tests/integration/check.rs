//! `canned check` and the bad input it must locate.

use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{Env, MANIFEST, response, sample_library};

/// A library with the manifest, one good file, and `name` holding `text`.
fn broken(name: &str, text: &str) -> Env {
    Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("good.toml", &response("good")),
        (name, text),
    ])
}

#[test]
fn the_sample_library_passes() {
    let env = Env::new();
    env.canned()
        .arg("--library")
        .arg(sample_library())
        .arg("check")
        .assert()
        .success()
        .stdout(contains("no errors"));
}

#[test]
fn a_valid_library_passes_with_exit_0() {
    broken("other.toml", &response("other"))
        .canned_lib()
        .arg("check")
        .assert()
        .success();
}

#[test]
fn malformed_toml_is_located() {
    broken("bad.toml", "[[response]\nid = \"x\"\n")
        .canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("bad.toml:1:12: error: invalid TOML"));
}

#[test]
fn a_file_that_is_not_utf8_is_located() {
    let env = Env::with_library(&[("canned.toml", MANIFEST)]);
    env.write("lib/latin1.toml", b"# ok\ntitle = \"caf\xe9\"\n");
    env.canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("latin1.toml:2:13: error: not valid UTF-8"));
}

#[test]
fn an_empty_file_is_reported() {
    broken("empty.toml", "")
        .canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("empty.toml:1:1: error: empty file"));
}

#[test]
fn a_binary_file_is_reported() {
    let env = Env::with_library(&[("canned.toml", MANIFEST)]);
    env.write(
        "lib/blob.toml",
        [0x7f, b'E', b'L', b'F', 0, 0, 0xff, 0xfe, 1, 2],
    );
    env.canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("blob.toml:1:7: error: binary file"));
}

#[test]
fn an_unknown_field_gets_a_did_you_mean() {
    broken(
        "f.toml",
        "[[response]]\nid = \"x\"\ntitel = \"T\"\ntopic = \"billing\"\nbody = \"b\"\n",
    )
    .canned_lib()
    .arg("check")
    .assert()
    .code(1)
    .stdout(contains("f.toml:3:1: error: unknown field `titel`"))
    .stdout(contains("hint: did you mean `title`?"));
}

#[test]
fn a_missing_title_is_located_at_its_response() {
    broken(
        "f.toml",
        "\n[[response]]\nid = \"x\"\ntopic = \"billing\"\nbody = \"b\"\n",
    )
    .canned_lib()
    .arg("check")
    .assert()
    .code(1)
    .stdout(contains("f.toml:2:1: error: response has no `title`"));
}

#[test]
fn an_invalid_urgency_lists_the_valid_ones() {
    broken("f.toml", "[[response]]\nid = \"x\"\ntitle = \"T\"\ntopic = \"billing\"\nurgency = \"urgent\"\nbody = \"b\"\n")
        .canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("f.toml:5:11: error: invalid urgency \"urgent\""))
        .stdout(contains("expected: one of: low, normal, high, critical"))
        .stdout(contains("did you mean `critical`?"));
}

#[test]
fn duplicate_ids_across_files_name_both_places() {
    broken("dup.toml", &response("good"))
        .canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("good.toml:1:1: error: duplicate id `good`"))
        .stdout(contains("first defined at").and(contains("dup.toml:1:1")));
}

#[test]
fn duplicate_shortcuts_are_errors() {
    let a = response("a").replace("title =", "shortcut = \"same\"\ntitle =");
    let b = response("b").replace("title =", "shortcut = \"same\"\ntitle =");
    broken("f.toml", &format!("{a}\n{b}"))
        .canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("f.toml:10:1: error: duplicate shortcut `same`"));
}

#[test]
fn ids_with_spaces_or_capitals_are_refused_with_a_fix() {
    broken("f.toml", &response("Order Late"))
        .canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("f.toml:2:6: error: invalid id \"Order Late\""))
        .stdout(contains("try \"order-late\""));
}

#[test]
fn an_unclosed_placeholder_is_located_in_the_file() {
    broken("f.toml", "[[response]]\nid = \"x\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = \"\"\"\nline one\nHi {{ name\n\"\"\"\n")
        .canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("f.toml:7:11: error: template error: Unexpected end of input"));
}

#[test]
fn an_undeclared_variable_gets_a_did_you_mean() {
    broken("f.toml", "[[response]]\nid = \"x\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = \"\"\"\nHi {{ nmae }}\"\"\"\n")
        .canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("f.toml:6:7: error: variable `nmae` is not declared"))
        .stdout(contains("did you mean `name`?"));
}

#[test]
fn an_include_of_a_missing_partial_is_located() {
    broken("f.toml", "[[response]]\nid = \"x\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = \"Hi {% include \\\"signatur\\\" %}\"\n")
        .canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("f.toml:5:24: error: include of unknown partial `signatur`"))
        .stdout(contains("did you mean `signature`?"));
}

#[test]
fn a_partial_that_includes_itself_is_reported_once_where_it_is() {
    let manifest = format!("{MANIFEST}looping = \"x {{% include \\\"looping\\\" %}}\"\n");
    let env = Env::with_library(&[
        ("canned.toml", &manifest),
        (
            "f.toml",
            &response("x").replace("\"signature\"", "\"looping\""),
        ),
    ]);
    env.canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains(
            "canned.toml:21:12: error: partial error: `looping` includes itself",
        ))
        .stdout(contains(
            "includes partial `looping`, which has an error of its own",
        ));
}

#[test]
fn a_template_that_fails_at_render_time_is_caught() {
    broken("f.toml", "[[response]]\nid = \"x\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = \"{{ name | no_such_filter }}\"\n")
        .canned_lib()
        .arg("check")
        .assert()
        .code(1)
        .stdout(contains("f.toml:5:"))
        .stdout(contains("no_such_filter"));
}

#[test]
fn topics_and_customers_outside_the_vocabulary_are_errors() {
    broken(
        "f.toml",
        &response("x").replace(
            "topic = \"billing\"",
            "topic = \"biling\"\ncustomer = [\"vpi\"]",
        ),
    )
    .canned_lib()
    .arg("check")
    .assert()
    .code(1)
    .stdout(contains("unknown topic \"biling\"").and(contains("did you mean `billing`?")))
    .stdout(contains("unknown customer type \"vpi\"").and(contains("did you mean `vip`?")));
}

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("a.toml", "[[response]\n"),
        (
            "b.toml",
            "[[response]]\nid = \"b\"\ntitel = \"T\"\ntopic = \"billing\"\nbody = \"b\"\n",
        ),
        ("c.toml", ""),
    ]);
    env.canned_lib().arg("check").assert().code(1).stdout(
        contains("a.toml:")
            .and(contains("b.toml:"))
            .and(contains("c.toml:")),
    );
}

#[test]
fn json_output_lists_problems_with_locations() {
    let out = broken(
        "f.toml",
        "[[response]]\nid = \"x\"\ntitel = \"T\"\ntopic = \"billing\"\nbody = \"b\"\n",
    )
    .canned_lib()
    .args(["check", "--json"])
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    let problems = v["problems"].as_array().unwrap();
    let typo = problems
        .iter()
        .find(|p| p["hint"] == "did you mean `title`?")
        .unwrap();
    assert!(typo["path"].as_str().unwrap().ends_with("f.toml"));
    assert_eq!(typo["line"], 3);
    assert_eq!(typo["column"], 1);
    assert_eq!(typo["severity"], "error");
    assert_eq!(typo["response"], "x");
}

#[test]
fn a_library_directory_that_does_not_exist_is_named() {
    Env::new()
        .canned()
        .args(["--library", "nowhere", "check"])
        .assert()
        .code(1)
        .stderr(contains(
            "error: library directory `nowhere` (from --library) does not exist",
        ));
}

#[test]
fn no_library_found_says_how_to_point_at_one() {
    Env::new()
        .canned()
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains("error: no library found"))
        .stderr(contains("--library DIR").and(contains("CANNED_LIBRARY")));
}

#[test]
fn the_library_is_found_from_the_environment_then_the_nearest_responses() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", &response("a"))]);
    env.canned()
        .env("CANNED_LIBRARY", env.library())
        .arg("check")
        .assert()
        .success();
    std::fs::rename(env.library(), env.path().join("responses")).unwrap();
    std::fs::create_dir_all(env.path().join("deep/er")).unwrap();
    env.canned()
        .current_dir(env.path().join("deep/er"))
        .arg("check")
        .assert()
        .success();
}

#[test]
fn the_config_file_can_name_the_library() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", &response("a"))]);
    env.write(
        "config/canned/config.toml",
        format!("library = {:?}\n", env.library()),
    );
    env.canned()
        .args(["list", "--json"])
        .assert()
        .success()
        .stdout(contains("\"a\""));
}
