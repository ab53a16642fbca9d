//! `canned audit` on a real git repository with back-dated commits.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use predicates::prelude::*;
use predicates::str::contains;

use crate::support::{Env, stdout};

/// Runs git in `dir` with no global or system configuration, committing as
/// of `date` (an ISO date) when one is given.
pub fn git(dir: &Path, args: &[&str], date: Option<&str>) -> String {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env("TZ", "UTC");
    if let Some(d) = date {
        let stamp = format!("{d}T12:00:00Z");
        cmd.env("GIT_AUTHOR_DATE", &stamp)
            .env("GIT_COMMITTER_DATE", &stamp);
    }
    let out = cmd.output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Turns the temp dir into a repository and commits everything as of `date`.
pub fn init_repo(env: &Env, date: &str) {
    git(env.path(), &["init", "-q", "-b", "main"], None);
    git(env.path(), &["config", "user.name", "Lead"], None);
    git(
        env.path(),
        &["config", "user.email", "lead@example.com"],
        None,
    );
    commit_all(env, date, "library");
}

pub fn commit_all(env: &Env, date: &str, message: &str) {
    git(env.path(), &["add", "-A"], None);
    git(env.path(), &["commit", "-q", "-m", message], Some(date));
}

const MANIFEST: &str = r#"[library]
name = "Acme"
languages = ["en", "fr"]
stale_after_days = 180

[variables.name]
description = "Customer's first name"
example = "Sarah"
"#;

fn entry(id: &str, extra: &str, body: &str, fr: Option<&str>) -> String {
    let mut s = format!(
        "[[response]]\nid = \"{id}\"\ntitle = \"Title of {id}\"\ntopic = \"billing\"\n{extra}body = \"\"\"\n{body}\"\"\"\n"
    );
    if let Some(fr) = fr {
        s.push_str(&format!(
            "\n[response.translations.fr]\ntitle = \"Titre\"\nbody = \"\"\"\n{fr}\"\"\"\n"
        ));
    }
    s.push('\n');
    s
}

const REFUND: &str =
    "Hi {{ name }}, your refund for the blue jacket is on its way back to your card.";

/// One response per finding, and two that are fine:
/// - `fresh`: changed in git 54 days ago;
/// - `old`: last changed 2025-01-01 and never reviewed: stale;
/// - `old-but-reviewed`: old lines, reviewed 2026-09-01: fine;
/// - `gone`: expired on 2026-11-01;
/// - `english-only`: no `fr` translation;
/// - `copycat`: `fresh`'s body plus one word.
fn responses() -> String {
    let recent = "reviewed = 2026-11-01\n";
    [
        entry(
            "fresh",
            "",
            "Hi {{ name }}, your refund for the blue jacket is on its way back to your card.",
            Some("Bonjour {{ name }}, le remboursement de la veste est en route."),
        ),
        entry(
            "old",
            "owner = \"billing-team\"\n",
            "Hello {{ name }}, we have updated the billing address on your account.",
            Some("Bonjour {{ name }}, nous avons mis à jour votre adresse de facturation."),
        ),
        entry(
            "old-but-reviewed",
            "reviewed = 2026-09-01\n",
            "Dear {{ name }}, your invoice is attached as a PDF to this message.",
            Some("Bonjour {{ name }}, votre facture est jointe en PDF à ce message."),
        ),
        entry(
            "gone",
            &format!("{recent}expires = 2026-11-01\n"),
            "Hi {{ name }}, our autumn sale gives you ten percent off every coat.",
            Some("Bonjour {{ name }}, nos soldes d'automne : dix pour cent sur les manteaux."),
        ),
        entry(
            "english-only",
            recent,
            "Hi {{ name }}, the payment failed because the card has expired already.",
            None,
        ),
        entry(
            "copycat",
            recent,
            &format!("{} today", REFUND.trim_end_matches('.')),
            Some("Bonjour {{ name }}, un tout autre texte en français ici."),
        ),
    ]
    .concat()
}

/// The library committed on 2025-01-01, then `fresh` rewritten on 2026-10-01.
fn repo() -> Env {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", &responses())]);
    let first = responses().replace(REFUND, "Hi {{ name }}, refunds take a while.");
    env.write("lib/billing.toml", &first);
    init_repo(&env, "2025-01-01");
    env.write("lib/billing.toml", responses());
    commit_all(&env, "2026-10-01", "rewrite the refund reply");
    env
}

/// Finding kinds per response id, from `--format json`.
fn kinds(json: &serde_json::Value) -> BTreeMap<String, Vec<String>> {
    json["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .map(|r| {
            let kinds = r["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(|f| f["kind"].as_str().expect("kind").to_string())
                .collect();
            (r["id"].as_str().expect("id").to_string(), kinds)
        })
        .collect()
}

/// `canned --library lib`, named relative to the temp dir as a team would.
fn lib(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.canned();
    cmd.args(["--library", "lib"]);
    cmd
}

fn audit_json(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    audit_json_with(cmd, &[])
}

fn audit_json_with(cmd: &mut assert_cmd::Command, args: &[&str]) -> serde_json::Value {
    let out = cmd
        .args(["audit", "--format", "json"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn response<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn audit_json_flags_exactly_the_stale_expired_untranslated_and_duplicated_responses() {
    let env = repo();
    let json = audit_json(&mut lib(&env));
    let expected: BTreeMap<String, Vec<String>> = [
        ("fresh", vec![]),
        ("old", vec!["stale"]),
        ("old-but-reviewed", vec![]),
        ("gone", vec!["expired"]),
        ("english-only", vec!["untranslated"]),
        ("copycat", vec!["duplicate"]),
    ]
    .into_iter()
    .map(|(id, k)| (id.to_string(), k.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(kinds(&json), expected);
    assert_eq!(json["library_findings"], serde_json::json!([]));
    assert_eq!(json["summary"]["warnings"], 4);
    assert_eq!(json["git"]["shallow"], false);
}

#[test]
fn audit_json_gives_every_response_its_facts() {
    let env = repo();
    let json = audit_json(&mut lib(&env));
    let fresh = response(&json, "fresh");
    assert_eq!(fresh["last_changed"], "2026-10-01");
    assert_eq!(fresh["change"], "committed");
    assert_eq!(fresh["line"], 1);
    assert_eq!(fresh["uses_last_30_days"], serde_json::Value::Null);
    let old = response(&json, "old");
    assert_eq!(old["last_changed"], "2025-01-01");
    assert_eq!(old["owner"], "billing-team");
    assert_eq!(old["reviewed"], serde_json::Value::Null);
    let stale = &old["findings"][0];
    assert_eq!(stale["level"], "warning");
    assert!(
        stale["message"]
            .as_str()
            .unwrap()
            .starts_with("not changed or reviewed for 692 days (limit 180)"),
        "{stale}"
    );
    let dup = &response(&json, "copycat")["findings"][0];
    assert!(
        dup["message"]
            .as_str()
            .unwrap()
            .starts_with("body 93% similar to `fresh`"),
        "{dup}"
    );
    assert_eq!(response(&json, "gone")["expires"], "2026-11-01");
}

#[test]
fn audit_table_lists_every_response_and_locates_each_finding() {
    let env = repo();
    let out = lib(&env).arg("audit").output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with(" LINE  RESPONSE"),
        "header missing:\n{text}"
    );
    assert!(text.contains("lib/billing.toml\n"), "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("fresh") && l.contains("54d") && l.contains("never")),
        "{text}"
    );
    for kind in ["stale", "expired", "untranslated", "duplicate"] {
        assert!(
            text.contains(&format!(": warning: {kind}: ")),
            "no {kind} in:\n{text}"
        );
    }
    assert!(text.contains("lib/billing.toml:13:1: warning: stale: not changed or reviewed"));
    assert!(
        text.contains("6 responses: 4 warnings; stale after 180 days"),
        "{text}"
    );
    let widest = text
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .max()
        .unwrap();
    assert!(widest <= 80, "the table is {widest} columns wide:\n{text}");
}

#[test]
fn audit_markdown_has_a_summary_line_then_a_table_of_findings() {
    let env = repo();
    let out = lib(&env)
        .args(["audit", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.starts_with("### canned audit of Acme: 4 warnings in 6 responses\n"),
        "{text}"
    );
    assert!(text.contains("| Level | Finding | Response | Where | Details |\n| --- |"));
    for (kind, id) in [
        ("stale", "old"),
        ("expired", "gone"),
        ("untranslated", "english-only"),
        ("duplicate", "copycat"),
    ] {
        assert!(
            text.contains(&format!(
                "| ⚠️ warning | {kind} | `{id}` | `lib/billing.toml:"
            )),
            "no {kind} row for {id} in:\n{text}"
        );
    }
    assert!(text.contains("<details><summary>All 6 responses</summary>"));
    assert!(text.contains("| `fresh` | `lib/billing.toml:1` | 2026-10-01 | — | — | — | — |"));
}

#[test]
fn audit_counts_uncommitted_edits_as_changed_today() {
    let env = repo();
    let text = responses().replace(
        "we have updated the billing address",
        "we have just updated the billing address",
    );
    env.write("lib/billing.toml", text);
    let json = audit_json(&mut lib(&env));
    let old = response(&json, "old");
    assert_eq!(old["change"], "uncommitted");
    assert_eq!(old["last_changed"], "2026-11-24");
    assert_eq!(old["findings"], serde_json::json!([]));
}

#[test]
fn audit_counts_an_untracked_file_as_changed_today() {
    let env = repo();
    env.write(
        "lib/new.toml",
        entry(
            "brand-new",
            "",
            "Hi {{ name }}, welcome aboard our shop.",
            Some("Bienvenue {{ name }}."),
        ),
    );
    let json = audit_json(&mut lib(&env));
    assert_eq!(response(&json, "brand-new")["change"], "uncommitted");
    assert_eq!(
        response(&json, "brand-new")["findings"],
        serde_json::json!([])
    );
}

#[test]
fn audit_reports_a_shallow_clone_and_leaves_boundary_dates_unknown() {
    let env = repo();
    let url = format!("file://{}", env.path().display());
    git(
        env.path(),
        &["clone", "-q", "--depth", "1", &url, "clone"],
        None,
    );
    let clone = env.path().join("clone/lib");
    let mut cmd = env.canned();
    cmd.arg("--library").arg(&clone);
    let out = cmd.args(["audit", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("warning: shallow clone"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["git"]["shallow"], true);
    let old = response(&json, "old");
    assert_eq!(old["change"], "unknown");
    assert_eq!(old["last_changed"], serde_json::Value::Null);
    // Its lines are no newer than the clone's only commit, 54 days old: not
    // provably stale.
    assert!(kinds(&json)["old"].is_empty());

    let mut cmd = env.canned();
    cmd.arg("--library").arg(&clone);
    cmd.args(["audit", "--format", "markdown"])
        .assert()
        .success()
        .stdout(contains("> **git:** shallow clone"));
}

#[test]
fn audit_outside_git_says_so_once_and_goes_by_reviewed() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", &responses())]);
    let out = lib(&env)
        .args(["audit", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("not in a git repository").count(),
        1,
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["git"]["available"], false);
    let k = kinds(&json);
    // Never reviewed and no history: nothing shows they are fresh.
    assert_eq!(k["fresh"], ["stale"]);
    assert_eq!(k["old"], ["stale"]);
    assert!(k["old-but-reviewed"].is_empty());
    assert_eq!(k["gone"], ["expired"]);
}

#[test]
fn audit_stale_after_overrides_the_manifest() {
    let env = repo();
    let json = audit_json_with(&mut lib(&env), &["--stale-after", "30"]);
    let k = kinds(&json);
    assert_eq!(k["fresh"], ["stale"]);
    assert_eq!(k["old-but-reviewed"], ["stale"]);
    assert_eq!(json["stale_after_days"], 30);
}

#[test]
fn audit_fail_on_warning_exits_1_and_fail_on_error_does_not() {
    let env = repo();
    lib(&env)
        .args(["audit", "--fail-on", "warning"])
        .assert()
        .code(1)
        .stdout(contains("4 warnings"));
    lib(&env)
        .args(["audit", "--fail-on", "error"])
        .assert()
        .success();
    lib(&env).arg("audit").assert().success();
}

#[test]
fn audit_finds_placeholders_jargon_long_bodies_and_unused_variables() {
    let manifest = "[library]\njargon = [\"SLA\", \"escalation matrix\"]\nmax_body_words = 12\n\n\
                    [variables.name]\ndescription = \"Name\"\nexample = \"Sarah\"\n\n\
                    [variables.order]\ndescription = \"Order\"\nexample = \"1245\"\n";
    let body = "Hi [Name], order #1245 ships soon per our SLA and the\nEscalation Matrix. TODO {{ name }} {# XXX #}";
    let env = Env::with_library(&[
        ("canned.toml", manifest),
        (
            "a.toml",
            &entry("rough", "reviewed = 2026-11-01\n", body, None),
        ),
    ]);
    init_repo(&env, "2026-11-01");
    let json = audit_json(&mut lib(&env));
    let findings = response(&json, "rough")["findings"]
        .as_array()
        .unwrap()
        .clone();
    let got: Vec<(String, String, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["level"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("info", "too-long", 7),
        ("error", "placeholder", 7),
        ("warning", "hard-coded-number", 7),
        ("warning", "jargon", 7),
        ("warning", "jargon", 8),
        ("error", "placeholder", 8),
    ];
    let want: Vec<(String, String, u64)> = want
        .iter()
        .map(|(l, k, n)| (l.to_string(), k.to_string(), *n))
        .collect();
    assert_eq!(got, want, "{findings:#?}");
    let unused = &json["library_findings"][0];
    assert_eq!(unused["kind"], "unused-variable");
    assert_eq!(unused["file"], serde_json::Value::Null);
    assert!(unused["path"].as_str().unwrap().ends_with("canned.toml"));
    lib(&env)
        .args(["audit", "--fail-on", "error"])
        .assert()
        .code(1);
}

#[test]
fn audit_reports_uses_in_the_last_30_days_and_responses_never_used() {
    let env = repo();
    // 2026-11-20 and 2026-09-01 (older than 30 days), as Unix seconds.
    env.write(
        "data/canned/usage.log",
        "1795132800\tfresh\ten\n1788220800\tfresh\ten\n1795132800\told\tfr\n",
    );
    let json = audit_json(&mut lib(&env));
    assert_eq!(response(&json, "fresh")["uses_last_30_days"], 1);
    assert_eq!(response(&json, "old")["uses_last_30_days"], 1);
    assert_eq!(json["usage_log"]["since"], "2026-09-01");
    let k = kinds(&json);
    assert_eq!(k["fresh"], Vec::<String>::new());
    assert_eq!(k["gone"], ["expired", "never-used"]);
}

#[test]
fn audit_says_nothing_of_unused_responses_while_the_usage_log_is_young() {
    let env = repo();
    // 2026-11-20: four days of log say nothing about what is never used.
    env.write("data/canned/usage.log", "1795132800\tfresh\ten\n");
    let json = audit_json(&mut lib(&env));
    assert_eq!(response(&json, "old")["uses_last_30_days"], 0);
    assert_eq!(kinds(&json)["gone"], ["expired"]);
}

#[test]
fn audit_refuses_a_stale_after_of_zero() {
    lib(&repo())
        .args(["audit", "--stale-after", "0"])
        .assert()
        .code(2)
        .stderr(contains("--stale-after"));
}

#[test]
fn audit_refuses_an_unknown_format_and_level() {
    let env = repo();
    lib(&env)
        .args(["audit", "--format", "xml"])
        .assert()
        .code(2)
        .stderr(contains("possible values: table, json, markdown"));
    lib(&env)
        .args(["audit", "--fail-on", "fatal"])
        .assert()
        .code(2)
        .stderr(contains("possible values: info, warning, error, never"));
}

#[test]
fn audit_of_the_sample_library_runs_in_every_format() {
    let env = Env::new();
    for format in ["table", "json", "markdown"] {
        env.canned()
            .arg("--library")
            .arg(crate::support::sample_library())
            .args(["audit", "--format", format])
            .assert()
            .success()
            .stdout(predicate::str::is_empty().not());
    }
}
