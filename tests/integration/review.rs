//! `canned review`: one line changes in the file, nothing else.

use predicates::str::contains;

use crate::audit::{commit_all, git, init_repo};
use crate::support::Env;

const FILE: &str = r#"# Billing replies.
[defaults]
topic = "billing"

[[response]]
id = "refund"
title = "Refund sent"
shortcut = "rf"
owner    = "billing-team"   # Sam's team
reviewed = 2025-01-01       # by Sam, after the policy change
body = """
Hi {{ name }}, your refund is on its way."""

[[response]]
id = "invoice"
title = "Invoice attached"
# The wording was checked by legal.
body = """
Hi {{ name }}, your invoice is attached."""
"#;

const MANIFEST: &str =
    "[variables.name]\ndescription = \"Customer's first name\"\nexample = \"Sarah\"\n";

/// A repository whose `lib/billing.toml` is [`FILE`], committed.
fn repo() -> Env {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", FILE)]);
    init_repo(&env, "2025-01-01");
    env
}

fn lib(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.canned();
    cmd.args(["--library", "lib"]);
    cmd
}

fn numstat(env: &Env) -> String {
    git(env.path(), &["diff", "--numstat"], None)
}

#[test]
fn review_changes_exactly_one_line_and_keeps_its_trailing_comment() {
    let env = repo();
    lib(&env)
        .args(["review", "refund"])
        .assert()
        .success()
        .stdout(contains("refund reviewed 2026-11-24 (was 2025-01-01)"));
    assert_eq!(numstat(&env), "1\t1\tlib/billing.toml\n");
    assert_eq!(
        env.read("lib/billing.toml"),
        FILE.replace(
            "reviewed = 2025-01-01       # by Sam",
            "reviewed = 2026-11-24       # by Sam"
        )
    );
}

#[test]
fn review_of_a_response_without_reviewed_adds_one_line_before_its_body() {
    let env = repo();
    lib(&env)
        .args(["review", "invoice"])
        .assert()
        .success()
        .stdout(contains("invoice reviewed 2026-11-24 (first review)"));
    assert_eq!(numstat(&env), "1\t0\tlib/billing.toml\n");
    assert_eq!(
        env.read("lib/billing.toml"),
        FILE.replace(
            "title = \"Invoice attached\"\n",
            "title = \"Invoice attached\"\nreviewed = 2026-11-24\n"
        )
    );
}

#[test]
fn review_adds_reviewed_after_owner_aligned_like_it() {
    let text = "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nowner    = \"me\"\nbody = \"\"\"\nHi {{ name }}\"\"\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", text)]);
    lib(&env).args(["review", "a"]).assert().success();
    assert_eq!(
        env.read("lib/a.toml"),
        text.replace(
            "owner    = \"me\"\n",
            "owner    = \"me\"\nreviewed = 2026-11-24\n"
        )
    );
}

#[test]
fn review_takes_several_ids_and_shortcuts_and_a_date() {
    let env = repo();
    lib(&env)
        .args(["review", "rf", "invoice", "refund", "--date", "2026-11-20"])
        .assert()
        .success();
    assert_eq!(numstat(&env), "2\t1\tlib/billing.toml\n");
    let text = env.read("lib/billing.toml");
    assert!(
        text.contains("reviewed = 2026-11-20       # by Sam"),
        "{text}"
    );
    assert_eq!(text.matches("reviewed = 2026-11-20").count(), 2, "{text}");
}

#[test]
fn review_clears_the_stale_finding_in_the_audit() {
    let env = repo();
    let stale = |env: &Env| {
        let out = lib(env)
            .args(["audit", "--format", "json"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["responses"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "stale")
    };
    assert!(stale(&env));
    lib(&env).args(["review", "refund"]).assert().success();
    commit_all(&env, "2025-01-02", "reviewed");
    assert!(!stale(&env));
}

#[test]
fn review_refuses_an_unknown_id_with_a_suggestion_and_writes_nothing() {
    let env = repo();
    lib(&env)
        .args(["review", "invoice", "refnud"])
        .assert()
        .code(1)
        .stderr(contains("error: no response with id or shortcut `refnud`"))
        .stderr(contains("hint: did you mean `refund`?"));
    assert_eq!(numstat(&env), "");
}

#[test]
fn review_refuses_a_date_that_is_not_a_date() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", FILE)]);
    lib(&env)
        .args(["review", "refund", "--date", "2026-02-30"])
        .assert()
        .code(2)
        .stderr(contains("`2026-02-30` is not a date"));
}

#[test]
fn review_refuses_a_date_in_the_future() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", FILE)]);
    lib(&env)
        .args(["review", "refund", "--date", "2027-01-01"])
        .assert()
        .code(2)
        .stderr(contains(
            "--date 2027-01-01 is in the future (today is 2026-11-24)",
        ));
}

#[test]
fn review_needs_at_least_one_id() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", FILE)]);
    lib(&env).arg("review").assert().code(2);
}

#[test]
fn review_keeps_the_file_when_toml_edit_would_reformat_it() {
    // Mixed line endings cannot be written back exactly.
    let text = "[[response]]\r\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nbody = \"Hi\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", text)]);
    lib(&env)
        .args(["review", "a"])
        .assert()
        .code(1)
        .stderr(contains("cannot be edited without reformatting it"));
    assert_eq!(env.read("lib/a.toml"), text);
}
