//! `canned new` and `canned edit`: format-preserving appends, validation as
//! `check` does it, and the editor opened at the right line.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{Env, MANIFEST, response};

/// `canned` with the test library, given through the environment.
fn canned(env: &Env) -> Command {
    let mut cmd = env.canned();
    cmd.env("CANNED_LIBRARY", env.library());
    cmd
}

const SHIPPING: &str = "# Shipping replies — keep this comment.\n[defaults]\ntopic = \"shipping\"\n\n[[response]]\nid = \"transit\"\ntitle   =   \"On its way\"   # odd spacing stays\nbody = \"\"\"\nHi {{ name }}\n{% include \"signature\" %}\"\"\"";

fn library() -> Env {
    Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("billing.toml", &response("refund")),
        ("shipping.toml", SHIPPING),
    ])
}

/// A fake editor named `vi` (so it is given `+LINE`, as vi understands it)
/// that records its arguments in `editor-args`, then runs `then`
/// (shell code where `$2` is the file).
fn fake_editor(env: &Env, then: &str) -> PathBuf {
    let script = env.path().join("editor/vi");
    std::fs::create_dir_all(env.path().join("editor")).unwrap();
    let args = env.path().join("editor-args");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n{then}\n",
            args.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    script
}

fn new_late(env: &Env) -> Command {
    let mut cmd = canned(env);
    cmd.args([
        "new",
        "--id",
        "late",
        "--title",
        "Order is late",
        "--topic",
        "shipping",
        "--no-edit",
    ]);
    cmd
}

#[test]
fn new_appends_after_one_blank_line_and_keeps_every_old_byte() {
    let env = library();
    new_late(&env)
        .assert()
        .success()
        .stdout(contains("Added `late` to"))
        .stdout(contains("shipping.toml:12"));
    let text = env.read("lib/shipping.toml");
    assert!(
        text.starts_with(SHIPPING),
        "old bytes are not a prefix:\n{text}"
    );
    assert!(
        text[SHIPPING.len()..].starts_with("\n\n[[response]]\nid = \"late\"\n"),
        "{text}"
    );
    // The file's [defaults] already give the topic.
    assert!(!text[SHIPPING.len()..].contains("topic ="), "{text}");
    canned(&env).arg("check").assert().success();
}

#[test]
fn new_uses_the_name_variable_and_the_signature_partial_in_its_starter_body() {
    let env = library();
    new_late(&env).assert().success();
    let text = env.read("lib/shipping.toml");
    assert!(text.contains("Hi {{ name }},"), "{text}");
    assert!(
        text.ends_with("{% include \"signature\" %}\"\"\"\n"),
        "{text}"
    );
}

#[test]
fn new_creates_the_topic_file_when_no_file_has_that_topic() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("shipping.toml", SHIPPING)]);
    canned(&env)
        .args([
            "new",
            "--id",
            "invoice-copy",
            "--title",
            "Copy of an invoice",
        ])
        .args(["--topic", "billing", "--no-edit"])
        .assert()
        .success();
    let text = env.read("lib/billing.toml");
    assert!(text.contains("[defaults]\ntopic = \"billing\"\n"), "{text}");
    canned(&env).arg("check").assert().success();
}

#[test]
fn new_escapes_quotes_backslashes_and_line_ends_in_values() {
    let env = library();
    let title = r#"Say "hi" \ back 'now'"#;
    canned(&env)
        .args(["new", "--id", "odd", "--topic", "billing", "--no-edit"])
        .args([
            "--title", title, "--tags", "a\"b,c", "-u", "high", "-c", "vip,new",
        ])
        .assert()
        .success();
    canned(&env).arg("check").assert().success();
    let out = canned(&env)
        .args(["show", "odd", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], title);
    assert_eq!(v["urgency"], "high");
}

#[test]
fn new_refuses_a_duplicate_id_and_writes_nothing() {
    let env = library();
    canned(&env)
        .args([
            "new", "--id", "transit", "--title", "Again", "--topic", "shipping",
        ])
        .arg("--no-edit")
        .assert()
        .code(2)
        .stderr(contains("id `transit` is already the id of `transit`"))
        .stderr(contains("nothing was written"));
    assert_eq!(env.read("lib/shipping.toml"), SHIPPING);
}

#[test]
fn new_refuses_a_shortcut_that_is_another_response_s_id() {
    let env = library();
    canned(&env)
        .args(["new", "--id", "x", "--title", "X", "--topic", "billing"])
        .args(["--shortcut", "refund", "--no-edit"])
        .assert()
        .code(2)
        .stderr(contains("shortcut `refund` is already the id of `refund`"));
}

#[test]
fn new_reports_every_invalid_value_at_once_with_suggestions() {
    let env = library();
    canned(&env)
        .args([
            "new", "--id", "Bad Id", "--title", "T", "--topic", "shiping",
        ])
        .args(["-u", "hihg", "-c", "vp", "--lang", "french", "--no-edit"])
        .assert()
        .code(2)
        .stderr(contains("5 problems"))
        .stderr(contains("invalid id \"Bad Id\"").and(contains("try \"bad-id\"")))
        .stderr(contains("unknown topic \"shiping\"").and(contains("did you mean `shipping`?")))
        .stderr(contains("invalid urgency \"hihg\"").and(contains("did you mean `high`?")))
        .stderr(contains("unknown customer type \"vp\"").and(contains("did you mean `vip`?")))
        .stderr(contains("`french` is not a language tag"));
}

#[test]
fn new_without_a_terminal_names_every_missing_flag_and_exits_2() {
    let env = library();
    canned(&env)
        .args(["new", "--title", "Only a title"])
        .assert()
        .code(2)
        .stderr(contains("missing --id, --topic"));
}

#[test]
fn new_refuses_ids_topics_and_files_that_lead_outside_the_library() {
    let env = library();
    canned(&env)
        .args([
            "new",
            "--id",
            "../../x",
            "--title",
            "T",
            "--topic",
            "billing",
            "--no-edit",
        ])
        .assert()
        .code(2)
        .stderr(contains("invalid id"));
    canned(&env)
        .args([
            "new",
            "--id",
            "x",
            "--title",
            "T",
            "--topic",
            "../../x",
            "--no-edit",
        ])
        .assert()
        .code(2)
        .stderr(contains("not a path"));
    canned(&env)
        .args(["new", "--id", "x", "--title", "T", "--topic", "billing"])
        .args(["--file", "../outside.toml", "--no-edit"])
        .assert()
        .code(2)
        .stderr(contains("outside the library"));
    let abs = env.path().join("outside.toml");
    canned(&env)
        .args([
            "new",
            "--id",
            "x",
            "--title",
            "T",
            "--topic",
            "billing",
            "--no-edit",
        ])
        .arg("--file")
        .arg(&abs)
        .assert()
        .code(2)
        .stderr(contains("outside the library"));
    assert!(!env.path().join("outside.toml").exists());
    assert!(!env.path().join("x.toml").exists());
}

#[test]
fn new_appends_to_the_file_given_with_file() {
    let env = library();
    canned(&env)
        .args([
            "new",
            "--id",
            "vip-late",
            "--title",
            "VIP order late",
            "--topic",
            "shipping",
        ])
        .args(["--file", "vip/shipping.toml", "--no-edit"])
        .assert()
        .success();
    assert!(
        env.read("lib/vip/shipping.toml")
            .contains("id = \"vip-late\"")
    );
    canned(&env).arg("check").assert().success();
}

#[test]
fn new_opens_the_editor_at_the_new_response_s_line() {
    let env = library();
    let editor = fake_editor(&env, "");
    canned(&env)
        .env("VISUAL", format!("{} --wait", editor.display()))
        .env("EDITOR", "false")
        .args([
            "new", "--id", "late", "--title", "Late", "--topic", "shipping",
        ])
        .assert()
        .success();
    let args = env.read("editor-args");
    let path = env.library().join("shipping.toml");
    assert_eq!(args, format!("--wait\n+12\n{}\n", path.display()));
}

#[test]
fn edit_opens_the_editor_at_the_response_s_line() {
    let env = library();
    let editor = fake_editor(&env, "");
    canned(&env)
        .env("EDITOR", &editor)
        .args(["edit", "transit"])
        .assert()
        .success();
    let path = env.library().join("shipping.toml");
    assert_eq!(env.read("editor-args"), format!("+5\n{}\n", path.display()));
}

#[test]
fn edit_reports_the_problems_of_the_file_after_the_editor_exits() {
    let env = library();
    let editor = fake_editor(
        &env,
        "sed -i.bak 's/{{ name }}/{{ nmae }}/' \"$2\" && rm \"$2.bak\"",
    );
    canned(&env)
        .env("EDITOR", &editor)
        .args(["edit", "transit"])
        .assert()
        .code(1)
        .stdout(contains(
            "shipping.toml:9:7: error: variable `nmae` is not declared",
        ))
        .stdout(contains("did you mean `name`?"))
        .stdout(contains("billing.toml").not());
}

#[test]
fn edit_of_an_unknown_id_suggests_the_closest() {
    let env = library();
    canned(&env)
        .env("EDITOR", "true")
        .args(["edit", "trnsit"])
        .assert()
        .code(1)
        .stderr(contains("did you mean `transit`?"));
}

#[test]
fn edit_finds_a_response_that_is_skipped_because_it_is_broken() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "bad.toml",
            "[[response]]\nid = \"broken\"\ntitle = \"B\"\ntopic = \"billing\"\nurgency = \"urgent\"\nbody = \"x\"\n",
        ),
    ]);
    let editor = fake_editor(&env, "");
    canned(&env)
        .env("EDITOR", &editor)
        .args(["edit", "broken"])
        .assert()
        .code(1)
        .stdout(contains("invalid urgency"));
    assert!(env.read("editor-args").starts_with("+5\n"));
}
