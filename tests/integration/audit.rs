//! `canned audit` on a real git repository with back-dated commits.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::support::{Env, Test, isolate};

/// Runs git in `dir`, isolated like every process here, with no global or
/// system configuration, committing as of `date` (an ISO date) when one is
/// given.
pub fn git(dir: &Path, args: &[&str], date: Option<&str>) -> String {
    let mut cmd = Command::new("git");
    isolate(&mut cmd, dir);
    cmd.args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
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

/// The `old` response of [`responses`], as written there.
fn old_entry() -> String {
    entry(
        "old",
        "owner = \"billing-team\"\n",
        "Hello {{ name }}, we have updated the billing address on your account.",
        Some("Bonjour {{ name }}, nous avons mis à jour votre adresse de facturation."),
    )
}

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
        old_entry(),
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

/// `canned --library lib audit ARGS`, the library named relative to the
/// temp dir as a team would, `args` split at spaces.
fn audit<'a>(env: &'a Env, args: &str) -> Test<'a> {
    env.test()
        .library(&[])
        .arg("audit")
        .args(args.split_whitespace())
}

/// The report of `audit --format json ARGS`.
fn audit_json(env: &Env, args: &str) -> serde_json::Value {
    audit(env, "--format json")
        .args(args.split_whitespace())
        .any_stdout()
        .run()
        .json()
}

/// The table of [`repo`]'s audit.
const TABLE: &str = "
     LINE  RESPONSE                CHANGED  REVIEWED   EXPIRES  OWNER           30D
    lib/billing.toml
        1  fresh                       54d     never         —  —                 —
       13  old                        692d     never         —  billing-team      —
       26  old-but-reviewed           692d       84d         —  —                 —
       39  gone                       692d       23d   23d ago  —                 —
       53  english-only               692d       23d         —  —                 —
       61  copycat                    692d       23d         —  —                 —

    lib/billing.toml:13:1: warning: stale: not changed or reviewed for 692 days (limit 180): last changed 2025-01-01, never reviewed (old)
    lib/billing.toml:39:1: warning: expired: expired on 2026-11-01, 23 days ago: agents no longer see it (gone)
    lib/billing.toml:53:1: warning: untranslated: no `fr` translation (english-only)
    lib/billing.toml:67:1: warning: duplicate: body 93% similar to `fresh` (lib/billing.toml:1) (copycat)

    6 responses: 4 warnings; stale after 180 days
    ";

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
    let json = audit_json(&env, "");
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

/// A translation that repeats another response's is named as that
/// translation, where its text is: the response's line sent the lead to
/// the other language.
#[test]
fn a_duplicate_translation_is_named_with_its_language_and_line() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "a.toml",
            &[
                entry("one", "", REFUND, Some("Bonjour {{ name }}, votre colis a quitté notre entrepôt et arrivera bientôt.")),
                entry("two", "", "Hello {{ name }}, a different reply entirely, about something else.", Some("Bonjour {{ name }}, votre colis a quitté notre entrepôt et arrivera bientôt.")),
            ]
            .concat(),
        ),
    ]);
    init_repo(&env, "2026-11-01");
    let json = audit_json(&env, "");
    let dup = &response(&json, "two")["findings"][0];
    assert_eq!(dup["kind"], "duplicate");
    assert_eq!(
        dup["message"],
        "body identical to `one`'s fr text (lib/a.toml:11)"
    );
}

#[test]
fn audit_json_gives_every_response_its_facts() {
    let env = repo();
    let json = audit_json(&env, "");
    let fresh = response(&json, "fresh");
    assert_eq!(fresh["last_changed"], "2026-10-01");
    assert_eq!(fresh["change"], "committed");
    // Relative to the library, as every JSON output names a file.
    assert_eq!(fresh["file"], "billing.toml");
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

/// A change of white space alone changes no reply's words: the final
/// newline `canned new` adds after a file's last reply, or line endings
/// converted to CRLF, re-dated the replies they touched, hiding stale ones.
#[test]
fn white_space_alone_dates_no_reply() {
    let env = repo();
    let text = env.read("lib/billing.toml");
    env.write("lib/billing.toml", text.trim_end());
    commit_all(&env, "2026-10-02", "no final newline");
    env.write("lib/billing.toml", &text);
    commit_all(&env, "2026-11-20", "a final newline again");
    let changed = |json: &serde_json::Value| {
        ["fresh", "old", "copycat"].map(|id| response(json, id)["last_changed"].clone())
    };
    assert_eq!(
        changed(&audit_json(&env, "")),
        ["2026-10-01", "2025-01-01", "2025-01-01"]
    );
    env.write("lib/billing.toml", text.replace('\n', "\r\n"));
    commit_all(&env, "2026-11-21", "CRLF");
    assert_eq!(
        changed(&audit_json(&env, "")),
        ["2026-10-01", "2025-01-01", "2025-01-01"]
    );
}

#[test]
fn audit_table_lists_every_response_and_locates_each_finding() {
    let env = repo();
    let table = audit(&env, "").stdout(TABLE).run().stdout;
    let widest = table
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .max()
        .unwrap();
    assert!(widest <= 80, "the table is {widest} columns wide:\n{table}");
}

#[test]
fn audit_markdown_has_a_summary_line_then_a_table_of_findings() {
    audit(&repo(), "--format markdown")
        .stdout(
            "
            ### canned audit of Acme: 6 responses, 4 warnings

            Stale after 180 days · as of 2026-11-24 · no usage log

            | Level | Finding | Response | Where | Details |
            | --- | --- | --- | --- | --- |
            | ⚠️ warning | stale | `old` | `lib/billing.toml:13` | not changed or reviewed for 692 days (limit 180): last changed 2025-01-01, never reviewed |
            | ⚠️ warning | expired | `gone` | `lib/billing.toml:39` | expired on 2026-11-01, 23 days ago: agents no longer see it |
            | ⚠️ warning | untranslated | `english-only` | `lib/billing.toml:53` | no `fr` translation |
            | ⚠️ warning | duplicate | `copycat` | `lib/billing.toml:67` | body 93% similar to `fresh` (lib/billing.toml:1) |

            <details><summary>All 6 responses</summary>

            | Response | Where | Last changed | Reviewed | Expires | Owner | Uses (30 days) |
            | --- | --- | --- | --- | --- | --- | --- |
            | `fresh` | `lib/billing.toml:1` | 2026-10-01 | — | — | — | — |
            | `old` | `lib/billing.toml:13` | 2025-01-01 | — | — | billing-team | — |
            | `old-but-reviewed` | `lib/billing.toml:26` | 2025-01-01 | 2026-09-01 | — | — | — |
            | `gone` | `lib/billing.toml:39` | 2025-01-01 | 2026-11-01 | 2026-11-01 | — | — |
            | `english-only` | `lib/billing.toml:53` | 2025-01-01 | 2026-11-01 | — | — | — |
            | `copycat` | `lib/billing.toml:61` | 2025-01-01 | 2026-11-01 | — | — | — |

            </details>
            ",
        )
        .run();
}

/// A `GIT_DIR` or `GIT_WORK_TREE` a hook or a wrapper exported is not the
/// audit's: the repository is the one the library is in (they made every
/// response "uncommitted", and hid every stale one).
#[test]
fn a_git_dir_in_the_environment_leaves_the_dates_as_they_are() {
    let env = repo();
    let git_dir = env.path().join(".git");
    for (var, value) in [
        ("GIT_DIR", git_dir.as_os_str()),
        ("GIT_DIR", std::ffi::OsStr::new(".git")),
        ("GIT_WORK_TREE", std::ffi::OsStr::new("/tmp")),
        ("GIT_ICASE_PATHSPECS", std::ffi::OsStr::new("1")),
        ("GIT_GLOB_PATHSPECS", std::ffi::OsStr::new("1")),
    ] {
        audit(&env, "").env(var, value).stdout(TABLE).run();
    }
}

#[test]
fn audit_counts_uncommitted_edits_as_changed_today() {
    let env = repo();
    let text = responses().replace(
        "we have updated the billing address",
        "we have just updated the billing address",
    );
    env.write("lib/billing.toml", text);
    let json = audit_json(&env, "");
    let old = response(&json, "old");
    assert_eq!(old["change"], "uncommitted");
    assert_eq!(old["last_changed"], "2026-11-24");
    assert_eq!(old["findings"], serde_json::json!([]));
}

/// Blame dates the lines that are there; a line taken out of a response
/// is a change of it all the same, uncommitted or committed. A whole
/// response taken out changes none of its neighbours.
#[test]
fn audit_counts_deleted_lines_as_a_change_of_their_response() {
    let env = repo();
    let without_owner = responses().replace("owner = \"billing-team\"\n", "");
    env.write("lib/billing.toml", &without_owner);
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "old")["change"], "uncommitted");
    assert_eq!(response(&json, "old")["last_changed"], "2026-11-24");
    commit_all(&env, "2026-11-20", "no owner for old");
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "old")["last_changed"], "2026-11-20");
    assert_eq!(
        response(&json, "old-but-reviewed")["last_changed"],
        "2025-01-01"
    );
    // `english-only` goes, with the blank line before it.
    let start = without_owner
        .find("[[response]]\nid = \"english-only\"")
        .unwrap();
    let end = without_owner
        .find("[[response]]\nid = \"copycat\"")
        .unwrap();
    let mut text = without_owner.clone();
    text.replace_range(start - 1..end - 1, "");
    env.write("lib/billing.toml", &text);
    commit_all(&env, "2026-11-22", "english-only is gone");
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "gone")["last_changed"], "2025-01-01");
    assert_eq!(response(&json, "copycat")["last_changed"], "2025-01-01");
}

/// The first field after a `[[response]]` line, deleted, dates that
/// response: audit does not date the header line itself (git may pair it
/// with a neighbour's), and the deletion used to be credited to it alone.
#[test]
fn a_deleted_first_field_dates_its_response() {
    let env = repo();
    let shortcut_first = responses().replace(
        "[[response]]\nid = \"old\"",
        "[[response]]\nshortcut = \"addr\"\nid = \"old\"",
    );
    env.write("lib/billing.toml", &shortcut_first);
    commit_all(&env, "2025-02-01", "a shortcut for old");
    assert_eq!(
        response(&audit_json(&env, ""), "old")["last_changed"],
        "2025-02-01"
    );
    env.write("lib/billing.toml", responses());
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "old")["change"], "uncommitted");
    assert_eq!(response(&json, "fresh")["last_changed"], "2026-10-01");
    commit_all(&env, "2026-11-20", "no shortcut for old");
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "old")["last_changed"], "2026-11-20");
    assert_eq!(response(&json, "fresh")["last_changed"], "2026-10-01");
}

/// A line deleted before the file was renamed (`git mv`) still dates its
/// response: the history follows the file, as blame does.
#[test]
fn a_deletion_before_a_rename_still_dates_its_response() {
    let env = repo();
    let shorter = responses().replace("owner = \"billing-team\"\n", "");
    env.write("lib/billing.toml", &shorter);
    commit_all(&env, "2026-06-01", "no owner for old");
    git(
        env.path(),
        &["mv", "lib/billing.toml", "lib/money.toml"],
        None,
    );
    commit_all(&env, "2026-07-01", "renamed");
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "old")["last_changed"], "2026-06-01");
    assert_eq!(
        response(&json, "old-but-reviewed")["last_changed"],
        "2025-01-01"
    );
    // Renamed again, staged and not committed yet (a pre-commit hook's
    // moment): the same dates.
    git(env.path(), &["mv", "lib/money.toml", "lib/cash.toml"], None);
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "old")["last_changed"], "2026-06-01");
    assert_eq!(
        response(&json, "old-but-reviewed")["last_changed"],
        "2025-01-01"
    );
}

/// A comment just above a `[[response]]` line heads what follows (often a
/// group of responses): editing it changes no response, not the one
/// before it either.
#[test]
fn a_comment_above_a_response_is_its_own_not_the_one_befores() {
    let env = repo();
    let headed = responses().replace(
        "[[response]]\nid = \"gone\"",
        "# Replies that expire\n[[response]]\nid = \"gone\"",
    );
    env.write("lib/billing.toml", &headed);
    commit_all(&env, "2026-11-01", "a heading");
    env.write(
        "lib/billing.toml",
        headed.replace("# Replies that expire", "# Replies that expire, edited"),
    );
    commit_all(&env, "2026-11-20", "the heading edited");
    let json = audit_json(&env, "");
    assert_eq!(
        response(&json, "old-but-reviewed")["last_changed"],
        "2025-01-01"
    );
    assert_eq!(response(&json, "gone")["last_changed"], "2025-01-01");
}

#[test]
fn audit_dates_files_only_the_first_commit_touched_as_blame_does_renamed_ones_included() {
    // `shipping.toml` is touched by the root commit only: dated without a
    // blame. `returns.toml` is renamed later, and blame follows the rename
    // back to the root commit: so must the audit.
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("billing.toml", &responses()),
        (
            "shipping.toml",
            &entry(
                "parcel",
                "",
                "Hi {{ name }}, your parcel left.",
                Some("Colis parti."),
            ),
        ),
        (
            "returns.toml",
            &entry(
                "label",
                "",
                "Hi {{ name }}, here is your label.",
                Some("Étiquette."),
            ),
        ),
    ]);
    init_repo(&env, "2025-01-01");
    git(
        env.path(),
        &["mv", "lib/returns.toml", "lib/moved.toml"],
        None,
    );
    env.write(
        "lib/billing.toml",
        responses().replace("ten percent", "twenty percent"),
    );
    commit_all(&env, "2026-10-01", "move the returns, a bigger sale");
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "parcel")["last_changed"], "2025-01-01");
    assert_eq!(response(&json, "parcel")["change"], "committed");
    assert_eq!(response(&json, "label")["last_changed"], "2025-01-01");
    assert_eq!(response(&json, "gone")["last_changed"], "2026-10-01");
    assert_eq!(response(&json, "old")["last_changed"], "2025-01-01");
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
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "brand-new")["change"], "uncommitted");
    assert_eq!(
        response(&json, "brand-new")["findings"],
        serde_json::json!([])
    );
}

/// An ignored file is never committed: dated today, its responses would
/// never be stale. It goes by `reviewed`, and the audit says why.
#[test]
fn audit_says_a_file_git_ignores_goes_by_reviewed_alone() {
    let env = repo();
    env.write(".gitignore", "lib/local.toml\n");
    env.write(
        "lib/local.toml",
        entry(
            "kept-local",
            "reviewed = 2025-01-01\n",
            "Hi {{ name }}, this reply lives on one machine only.",
            Some("Bonjour {{ name }}, cette réponse reste sur une machine."),
        ),
    );
    let json = audit(&env, "--format json")
        .stderr(
            "warning: cannot tell when lib/local.toml changed: ignored by git (.gitignore); staleness goes by `reviewed` alone\n",
        )
        .any_stdout()
        .run()
        .json();
    let kinds = kinds(&json);
    assert_eq!(kinds["kept-local"], ["stale"]);
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
    let shallow = "warning: shallow clone: lines from its oldest commits have no known change date (`git fetch --unshallow` gets the full history)\n";
    let clone = |format: &str| {
        env.test()
            .args(["--library", "clone/lib", "audit", "--format", format])
            .stderr(shallow)
    };
    let json = clone("json").any_stdout().run().json();
    assert_eq!(json["git"]["shallow"], true);
    let old = response(&json, "old");
    assert_eq!(old["change"], "unknown");
    assert_eq!(old["last_changed"], serde_json::Value::Null);
    // Its lines are no newer than the clone's only commit, 54 days old: not
    // provably stale.
    assert!(kinds(&json)["old"].is_empty());

    clone("markdown")
        .stdout(
            "
            ### canned audit of Acme: 6 responses, 3 warnings

            Stale after 180 days · as of 2026-11-24 · no usage log

            > **git:** shallow clone: lines from its oldest commits have no known change date (`git fetch --unshallow` gets the full history)

            | Level | Finding | Response | Where | Details |
            | --- | --- | --- | --- | --- |
            | ⚠️ warning | expired | `gone` | `clone/lib/billing.toml:39` | expired on 2026-11-01, 23 days ago: agents no longer see it |
            | ⚠️ warning | untranslated | `english-only` | `clone/lib/billing.toml:53` | no `fr` translation |
            | ⚠️ warning | duplicate | `copycat` | `clone/lib/billing.toml:67` | body 93% similar to `fresh` (clone/lib/billing.toml:1) |

            <details><summary>All 6 responses</summary>

            | Response | Where | Last changed | Reviewed | Expires | Owner | Uses (30 days) |
            | --- | --- | --- | --- | --- | --- | --- |
            | `fresh` | `clone/lib/billing.toml:1` | unknown | — | — | — | — |
            | `old` | `clone/lib/billing.toml:13` | unknown | — | — | billing-team | — |
            | `old-but-reviewed` | `clone/lib/billing.toml:26` | unknown | 2026-09-01 | — | — | — |
            | `gone` | `clone/lib/billing.toml:39` | unknown | 2026-11-01 | 2026-11-01 | — | — |
            | `english-only` | `clone/lib/billing.toml:53` | unknown | 2026-11-01 | — | — | — |
            | `copycat` | `clone/lib/billing.toml:61` | unknown | 2026-11-01 | — | — | — |

            </details>
            ",
        )
        .run();
}

#[test]
fn audit_outside_git_says_so_once_and_goes_by_reviewed() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", &responses())]);
    let outside = "warning: not in a git repository: when responses last changed is unknown, so staleness goes by `reviewed` alone\n";
    let json = audit(&env, "--format json")
        .stderr(outside)
        .any_stdout()
        .run()
        .json();
    assert_eq!(json["git"]["available"], false);
    let k = kinds(&json);
    // Never reviewed and no history: nothing shows they are fresh.
    assert_eq!(k["fresh"], ["stale"]);
    assert_eq!(k["old"], ["stale"]);
    assert!(k["old-but-reviewed"].is_empty());
    assert_eq!(k["gone"], ["expired"]);
    audit(&env, "")
        .stderr(outside)
        .stdout(
            "
             LINE  RESPONSE                CHANGED  REVIEWED   EXPIRES  OWNER           30D
            lib/billing.toml
                1  fresh                         ?     never         —  —                 —
               13  old                           ?     never         —  billing-team      —
               26  old-but-reviewed              ?       84d         —  —                 —
               39  gone                          ?       23d   23d ago  —                 —
               53  english-only                  ?       23d         —  —                 —
               61  copycat                       ?       23d         —  —                 —

            lib/billing.toml:1:1: warning: stale: never reviewed, and no change date from git (fresh)
            lib/billing.toml:13:1: warning: stale: never reviewed, and no change date from git (old)
            lib/billing.toml:39:1: warning: expired: expired on 2026-11-01, 23 days ago: agents no longer see it (gone)
            lib/billing.toml:53:1: warning: untranslated: no `fr` translation (english-only)
            lib/billing.toml:67:1: warning: duplicate: body 93% similar to `fresh` (lib/billing.toml:1) (copycat)

            6 responses: 5 warnings; stale after 180 days
            ",
        )
        .run();
}

#[test]
fn audit_stale_after_overrides_the_manifest() {
    let env = repo();
    let json = audit_json(&env, "--stale-after 30");
    let k = kinds(&json);
    assert_eq!(k["fresh"], ["stale"]);
    assert_eq!(k["old-but-reviewed"], ["stale"]);
    assert_eq!(json["stale_after_days"], 30);
}

#[test]
fn audit_fail_on_warning_exits_1_and_fail_on_error_does_not() {
    let env = repo();
    audit(&env, "--fail-on warning")
        .status(1)
        .stdout(TABLE)
        .run();
    audit(&env, "--fail-on error").stdout(TABLE).run();
    audit(&env, "").stdout(TABLE).run();
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
    let json = audit_json(&env, "");
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
    audit(&env, "--fail-on error").status(1).any_stdout().run();
}

/// A variable read only by a response left out for its errors, or by a
/// file too broken to read, is no unused one: told so, a lead would
/// delete what that reply needs.
#[test]
fn audit_calls_no_variable_unused_that_a_skipped_reply_may_read() {
    let manifest = "[variables.name]\ndescription = \"Name\"\nexample = \"Sarah\"\n\n\
                    [variables.invoice]\ndescription = \"Invoice\"\nexample = \"INV-1\"\n";
    let left_out = "[[response]]\nid = \"bill\"\ntitle = \"Bill\"\ntopic = \"general\"\n\
                    urgency = \"hihg\"\nbody = \"Invoice {{ invoice }}\"\n";
    let env = Env::with_library(&[
        ("canned.toml", manifest),
        ("a.toml", &entry("hi", "", "Hi {{ name }}", None)),
        ("b.toml", left_out),
    ]);
    init_repo(&env, "2026-11-01");
    let findings = |warning: &str| {
        audit(&env, "--format json")
            .stderr(warning)
            .any_stdout()
            .run()
            .json()["library_findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "unused-variable")
            .count()
    };
    let skipped =
        "warning: skipped 1 invalid response in the library; run `canned check` for details\n";
    assert_eq!(findings(skipped), 0);
    // A file no longer TOML may read anything: nothing is called unused.
    env.write("lib/b.toml", "[[response]\nid = \"bill\"\n");
    env.write(
        "lib/canned.toml",
        format!("{manifest}\n[variables.spare]\ndescription = \"S\"\nexample = \"s\"\n"),
    );
    let unreadable = "warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details\n";
    assert_eq!(findings(unreadable), 0);
}

/// A partial's text goes into every reply that includes it: a placeholder
/// or jargon there is found as in a body, where the partial is written.
#[test]
fn audit_reads_partials_as_it_reads_bodies() {
    let manifest = "[library]\njargon = [\"SLA\"]\n\n[partials]\nsig = \"Thanks, [Agent Name], see our SLA\"\n";
    let env = Env::with_library(&[
        ("canned.toml", manifest),
        (
            "a.toml",
            &entry(
                "x",
                "reviewed = 2026-11-01\n",
                "Hi. {% include \"sig\" %}",
                None,
            ),
        ),
    ]);
    init_repo(&env, "2026-11-01");
    let json = audit_json(&env, "");
    let got: Vec<(String, String, u64, u64)> = json["library_findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["path"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("placeholder".into(), "canned.toml".into(), 5, 16),
            ("jargon".into(), "canned.toml".into(), 5, 38)
        ],
        "{json:#}"
    );
    audit(&env, "--fail-on error").status(1).any_stdout().run();
}

#[test]
fn audit_reports_uses_in_the_last_30_days_and_responses_never_used() {
    let env = repo();
    // 2026-11-20 and 2026-09-01 (older than 30 days), as Unix seconds.
    env.write(
        "data/canned/usage.log",
        "1795132800\tfresh\ten\n1788220800\tfresh\ten\n1795132800\told\tfr\n",
    );
    let json = audit_json(&env, "");
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
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "old")["uses_last_30_days"], 0);
    assert_eq!(kinds(&json)["gone"], ["expired"]);
}

#[test]
fn audit_refuses_a_stale_after_of_zero() {
    audit(&repo(), "--stale-after 0")
        .status(2)
        .stderr(
            "
            error: invalid value '0' for '--stale-after <DAYS>': 0 is not in 1..=4294967295

            For more information, try '--help'.
            ",
        )
        .run();
}

#[test]
fn audit_refuses_an_unknown_format_and_level() {
    let env = repo();
    audit(&env, "--format xml")
        .status(2)
        .stderr(
            "
            error: invalid value 'xml' for '--format <FORMAT>'
              [possible values: table, json, markdown]

            For more information, try '--help'.
            ",
        )
        .run();
    audit(&env, "--fail-on fatal")
        .status(2)
        .stderr(
            "
            error: invalid value 'fatal' for '--fail-on <LEVEL>'
              [possible values: info, warning, error, never]

            For more information, try '--help'.
            ",
        )
        .run();
}

#[test]
fn audit_of_the_sample_library_runs_in_every_format() {
    // The sample's dates come from the git history of this checkout (a
    // shallow clone, uncommitted edits): its report differs from machine to
    // machine, so only a report is expected, and stderr is not checked.
    let env = Env::new();
    for format in ["table", "json", "markdown"] {
        env.test()
            .sample()
            .args(["audit", "--format", format])
            .stdout_contains("refund-vip")
            .any_stderr()
            .run();
    }
}

/// `CANNED_NOW=YYYY-MM-DD` is that day where the agent sits, in every time
/// zone: noon UTC is already the next day in New Zealand's summer, and
/// would make a response expiring that day expired.
#[test]
fn canned_now_as_a_date_is_that_day_in_every_time_zone() {
    let env = Env::with_library(&[(
        "a.toml",
        "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"x\"\n",
    )]);
    for tz in [
        "Pacific/Kiritimati",
        "Pacific/Auckland",
        "UTC",
        "Pacific/Pago_Pago",
    ] {
        let json = audit(&env, "--format json")
            .env("TZ", tz)
            .env("CANNED_NOW", "2026-02-10")
            .any_stdout()
            .any_stderr()
            .run()
            .json();
        assert_eq!(json["today"], "2026-02-10", "{tz}");
    }
}

/// The table keeps its columns: ids too long for 22 columns widen it
/// rather than being cut alike, a far expiry widens its column, and an
/// owner's name is padded by the columns it takes (`東` takes two).
#[test]
fn the_table_keeps_its_columns_for_long_ids_far_expiries_and_wide_names() {
    let response = |id: &str, extra: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"x {id}\"\n{extra}"
        )
    };
    let file = [
        response(
            "a-very-long-identifier-for-refunds-one",
            "owner = \"サポート東京\"\n",
        ),
        response(
            "a-very-long-identifier-for-refunds-two",
            "expires = 2099-01-01\n",
        ),
        response("short", "owner = \"équipe café\"\n"),
    ]
    .concat();
    let env = Env::with_library(&[("a.toml", &file)]);
    let table = audit(&env, "")
        .env("CANNED_NOW", "2026-11-24")
        .any_stdout()
        .any_stderr()
        .run()
        .stdout;
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| {
            l.starts_with(' ')
                && (l.contains("LINE") || l.trim_start().starts_with(char::is_numeric))
        })
        .collect();
    assert_eq!(rows.len(), 4, "{table}");
    let widths: Vec<usize> = rows
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(*l))
        .collect();
    assert!(widths.iter().all(|w| *w == widths[0]), "{table}");
    assert!(
        table.contains("a-very-long-identifier-for-refunds-one"),
        "{table}"
    );
    assert!(
        table.contains("a-very-long-identifier-for-refunds-two"),
        "{table}"
    );
}

/// A review dated after today is a typo: it counts for nothing, or the
/// response would never go stale.
#[test]
fn a_review_dated_in_the_future_does_not_keep_a_response_fresh() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "billing.toml",
            &entry(
                "typo",
                "reviewed = 2062-10-01\n",
                "Hi {{ name }}, thanks.",
                None,
            ),
        ),
    ]);
    init_repo(&env, "2025-01-01");
    audit(&env, "--fail-on warning")
        .status(1)
        .stdout(
            "
             LINE  RESPONSE                CHANGED  REVIEWED   EXPIRES  OWNER           30D
            lib/billing.toml
                1  typo                       692d  in 13095d         —  —                 —

            lib/billing.toml:1:1: warning: stale: not changed or reviewed for 692 days (limit 180): last changed 2025-01-01, reviewed 2062-10-01, a day still to come (not counted) (typo)
            lib/billing.toml:1:1: warning: untranslated: no `fr` translation (typo)

            1 response: 2 warnings; stale after 180 days
            ",
        )
        .run();
}

/// What loading left out (a response `check` refuses, a broken file, a
/// manifest value it cannot take) is an error of the audit: a lead's CI
/// must not pass a library whose replies agents cannot use.
#[test]
fn what_the_library_leaves_out_fails_the_audit() {
    let broken = format!(
        "{}[[response]]\nid = \"typo\"\ntitel = \"Oops\"\nbody = \"Hi\"\n",
        entry(
            "fine",
            "",
            "Hi {{ name }}, thanks.",
            Some("Bonjour {{ name }}.")
        )
    );
    let env = Env::with_library(&[
        (
            "canned.toml",
            &MANIFEST.replace("stale_after_days = 180", "stale_after_days = \"90\""),
        ),
        ("billing.toml", &broken),
    ]);
    init_repo(&env, "2026-11-20");
    let json = audit(&env, "--format json --fail-on error")
        .status(1)
        .any_stdout()
        .any_stderr()
        .run()
        .json();
    let invalid: Vec<(&str, &str)> = json["library_findings"]
        .as_array()
        .expect("library findings")
        .iter()
        .filter(|f| f["kind"] == "invalid")
        .map(|f| (f["level"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(invalid.len(), 4, "{invalid:?}");
    assert!(invalid.iter().all(|(level, _)| *level == "error"));
    assert!(
        invalid.iter().any(|(_, m)| m.contains("stale_after_days")),
        "{invalid:?}"
    );
    assert!(
        invalid.iter().any(|(_, m)| m.contains("titel")),
        "{invalid:?}"
    );
}

/// Moving a response changes none of its text: moved up its file, or to
/// another file in the same commit, it keeps its lines' dates, as `git
/// blame -M -C` gives them.
#[test]
fn a_response_moved_keeps_the_dates_of_its_lines() {
    let env = repo();
    let old = old_entry();
    let without = responses().replace(&old, "");
    env.write("lib/billing.toml", format!("{old}{without}"));
    commit_all(&env, "2026-11-10", "old reply to the top");
    assert_eq!(
        response(&audit_json(&env, ""), "old")["last_changed"],
        "2025-01-01"
    );
    env.write("lib/billing.toml", &without);
    env.write("lib/moved.toml", &old);
    commit_all(&env, "2026-11-20", "old reply to a file of its own");
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "old")["last_changed"], "2025-01-01");
    assert_eq!(kinds(&json)["old"], ["stale"]);
}

/// A line deleted from a response dates it, and still does once the
/// response has moved down its file: the deletion moves with it, and the
/// response that now stands where it was is not dated by it.
#[test]
fn a_response_edited_then_moved_keeps_the_date_of_its_edit() {
    let env = repo();
    let old = old_entry();
    let edited = old.replace("owner = \"billing-team\"\n", "");
    env.write("lib/billing.toml", responses().replace(&old, &edited));
    commit_all(&env, "2026-11-10", "no owner for the old reply");
    let without = responses().replace(&old, "");
    env.write("lib/billing.toml", format!("{without}{edited}"));
    commit_all(&env, "2026-11-20", "the old reply to the end");
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "old")["last_changed"], "2026-11-10");
    assert_eq!(kinds(&json)["old"], Vec::<String>::new());
    assert_eq!(
        response(&json, "old-but-reviewed")["last_changed"],
        "2025-01-01",
        "now where the old reply was"
    );
}

/// A response added between two others, with no blank line between them,
/// changes neither: the `[[response]]` line git may pair with the new one
/// belongs to no reply's text.
#[test]
fn a_response_added_between_two_changes_neither() {
    let one = |id: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"Title of {id}\"\ntopic = \"billing\"\nbody = \"Reply {id} text.\"\n"
        )
    };
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("billing.toml", &format!("{}{}", one("a1"), one("a2"))),
    ]);
    init_repo(&env, "2025-01-01");
    env.write(
        "lib/billing.toml",
        format!("{}{}{}", one("a1"), one("new"), one("a2")),
    );
    commit_all(&env, "2026-11-01", "a reply in between");
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "a1")["last_changed"], "2025-01-01");
    assert_eq!(response(&json, "new")["last_changed"], "2026-11-01");
    assert_eq!(response(&json, "a2")["last_changed"], "2025-01-01");
}

/// A user's git config that names files this repository lacks (GitHub's
/// advice of a `blame.ignoreRevsFile`, a `diff.orderFile`) changes no date.
#[test]
fn the_users_own_git_config_changes_no_date() {
    let env = repo();
    env.write(
        "home/.gitconfig",
        "[blame]\n\tignoreRevsFile = .git-blame-ignore-revs\n[diff]\n\torderFile = /nonexistent\n",
    );
    audit(&env, "").stdout(TABLE).run();
}

/// Where git cannot say which lines were deleted, the file's dates are
/// unknown, and the audit says why, rather than blame's older dates alone.
#[test]
fn a_history_git_cannot_read_is_said_not_guessed() {
    let env = repo();
    env.write("home/.gitconfig", "[log]\n\tdate = nonsense\n");
    audit(&env, "")
        .any_stdout()
        .stderr("warning: cannot tell when lib/billing.toml changed: git log: unknown date format nonsense\n")
        .run();
}

/// One of anything is said in the singular.
#[test]
fn one_day_and_one_response_are_singular() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "billing.toml",
            &entry(
                "only",
                "",
                "Hi {{ name }}, thanks.",
                Some("Bonjour {{ name }}."),
            ),
        ),
    ]);
    init_repo(&env, "2026-11-20");
    let table = audit(&env, "--stale-after 1").any_stdout().run().stdout;
    assert!(
        table.ends_with("1 response: 1 warning; stale after 1 day\n"),
        "{table}"
    );
    let markdown = audit(&env, "--stale-after 1 --format markdown")
        .any_stdout()
        .run()
        .stdout;
    assert!(markdown.contains("Stale after 1 day ·"), "{markdown}");
    assert!(
        markdown.contains("<details><summary>The response</summary>"),
        "{markdown}"
    );
}

/// A library of no response file fails the audit as it fails `check`: a
/// CI job pointed at the wrong directory must not pass.
#[test]
fn a_library_without_responses_fails_the_audit() {
    let env = Env::with_library(&[("canned.toml", MANIFEST)]);
    init_repo(&env, "2026-11-20");
    audit(&env, "--fail-on error")
        .status(1)
        .stdout(
            "
             LINE  RESPONSE                CHANGED  REVIEWED   EXPIRES  OWNER           30D

            lib:1:1: error: invalid: no response files in the library: nothing to audit
            lib/canned.toml:6:12: info: unused-variable: variable `name` is declared but no body or partial uses it

            0 responses: 1 error, 1 info; stale after 180 days
            ",
        )
        .run();
}

/// A partial clone lacks the older versions blame needs, and the audit
/// never fetches them: it says so, rather than git's "transport not allowed".
#[test]
fn a_partial_clone_is_said_to_lack_the_history() {
    let env = repo();
    git(
        env.path(),
        &["config", "uploadpack.allowFilter", "true"],
        None,
    );
    let origin = format!("file://{}", env.path().display());
    git(
        env.path(),
        &["clone", "-q", "--filter=blob:none", &origin, "partial"],
        None,
    );
    env.test()
        .args(["--library", "partial/lib", "audit"])
        .any_stdout()
        .stderr(
            "warning: cannot tell when partial/lib/billing.toml changed: this partial clone \
             (`--filter=blob:none`) lacks the file's older versions, and audit does not fetch \
             them: a clone without `--filter` has them\n",
        )
        .run();
}

/// A sentence taken from one response to another is no move of a
/// response: the one it left is changed, when the sentence goes.
#[test]
fn a_sentence_moved_to_another_response_dates_the_one_it_left() {
    let one = |id: &str, body: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"Title of {id}\"\ntopic = \"billing\"\nbody = \"\"\"\n{body}\n\"\"\"\n\n"
        )
    };
    let sentence = "A very special sentence about warranties and returns.";
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "billing.toml",
            &format!(
                "{}{}",
                one(
                    "aaa",
                    &format!("Hello from aaa.\n{sentence}\nBye from aaa.")
                ),
                one("ccc", "Hello from ccc.\nBye from ccc.")
            ),
        ),
    ]);
    init_repo(&env, "2025-01-01");
    env.write(
        "lib/billing.toml",
        format!(
            "{}{}",
            one("aaa", "Hello from aaa.\nBye from aaa."),
            one(
                "ccc",
                &format!("Hello from ccc.\n{sentence}\nBye from ccc.")
            )
        ),
    );
    commit_all(&env, "2026-11-10", "the sentence goes to ccc");
    assert_eq!(
        response(&audit_json(&env, ""), "aaa")["last_changed"],
        "2026-11-10"
    );
}

/// A file or folder name is anyone's bytes: its escapes (a clipboard
/// write, a screen clear) and line breaks reach no terminal, whether in
/// the table's file rows, a finding that names it, the Markdown or a
/// warning, as `check` prints names.
#[test]
fn escapes_in_file_and_folder_names_reach_no_terminal() {
    // (Such names fail `check` too: Windows gives no file a control
    // character. Told inert, as every name is.)
    let body = "Hello there, your parcel left our warehouse today.";
    let one = |id: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"Title\"\ntopic = \"billing\"\n\
             reviewed = 2026-11-01\nbody = \"{body}\"\n"
        )
    };
    let folder = "a\u{1b}[2J\nb";
    let file = "c\u{1b}]52;c;aGk=\u{7}\u{1b}[2J.toml";
    let env = Env::with_library(&[
        (&format!("{folder}/one.toml"), &one("first")),
        (file, &one("second")),
    ]);
    // The folder ignored: the warning names it.
    env.write("lib/.gitignore", "a*\n");
    init_repo(&env, "2026-11-01");
    audit(&env, "")
        .stdout(
            "
             LINE  RESPONSE                CHANGED  REVIEWED   EXPIRES  OWNER           30D
            lib/a⏎b/one.toml
                1  first                         ?       23d         —  —                 —
            lib/c.toml
                1  second                      23d       23d         —  —                 —

            lib/a⏎b/one.toml:1:1: error: invalid: `a⏎b/one.toml` holds U+001B, a control character, which Windows file names cannot hold (`canned check` says more)
            lib/c.toml:1:1: error: invalid: `c.toml` holds U+001B, a control character, which Windows file names cannot hold (`canned check` says more)
            lib/c.toml:6:9: warning: duplicate: body identical to `first` (lib/a⏎b/one.toml:1) (second)

            2 responses: 2 errors, 1 warning; stale after 180 days
            ",
        )
        .stderr(
            "warning: 2 problems in the library; run `canned check` for details\n\
             warning: cannot tell when lib/a⏎b/one.toml changed: ignored by git (.gitignore); \
             staleness goes by `reviewed` alone\n",
        )
        .run();
    audit(&env, "--format markdown")
        .stdout(
            "
            ### canned audit: 2 responses, 2 errors, 1 warning

            Stale after 180 days · as of 2026-11-24 · no usage log

            | Level | Finding | Response | Where | Details |
            | --- | --- | --- | --- | --- |
            | ❌ error | invalid | — | `lib/a⏎b/one.toml:1` | `a⏎b/one.toml` holds U+001B, a control character, which Windows file names cannot hold (`canned check` says more) |
            | ❌ error | invalid | — | `lib/c.toml:1` | `c.toml` holds U+001B, a control character, which Windows file names cannot hold (`canned check` says more) |
            | ⚠️ warning | duplicate | `second` | `lib/c.toml:6` | body identical to `first` (lib/a b/one.toml:1) |

            <details><summary>All 2 responses</summary>

            | Response | Where | Last changed | Reviewed | Expires | Owner | Uses (30 days) |
            | --- | --- | --- | --- | --- | --- | --- |
            | `first` | `lib/a⏎b/one.toml:1` | unknown | 2026-11-01 | — | — | — |
            | `second` | `lib/c.toml:1` | 2026-11-01 | 2026-11-01 | — | — | — |

            </details>
            ",
        )
        .any_stderr()
        .run();
}

/// A `.gitattributes` that marks response files `binary` or `-diff` (to
/// keep them out of a review's diffs) leaves their deletions dated, made
/// or committed: git showed each patch as "Binary files differ", with no
/// line in it, and a response whose sentence was deleted went stale.
#[test]
fn response_files_git_treats_as_binary_keep_their_deletions_dated() {
    for attribute in ["-diff", "binary"] {
        let env = repo();
        env.write(".gitattributes", format!("*.toml {attribute}\n"));
        commit_all(&env, "2025-06-01", "no diffs of replies");
        env.write(
            "lib/billing.toml",
            responses().replace("owner = \"billing-team\"\n", ""),
        );
        let old = |json: &serde_json::Value| response(json, "old")["last_changed"].clone();
        assert_eq!(old(&audit_json(&env, "")), "2026-11-24", "{attribute}");
        commit_all(&env, "2026-11-20", "no owner for old");
        assert_eq!(old(&audit_json(&env, "")), "2026-11-20", "{attribute}");
    }
}

/// A user's `diff.interHunkContext` joins nearby hunks with the lines
/// between them: two deletions a few lines apart made a hunk audit could
/// not read, and the file's dates were lost.
#[test]
fn a_users_inter_hunk_context_changes_no_date() {
    let env = repo();
    env.write("home/.gitconfig", "[diff]\n\tinterHunkContext = 20\n");
    env.write(
        "lib/billing.toml",
        responses()
            .replace("owner = \"billing-team\"\n", "")
            .replace("reviewed = 2026-09-01\n", ""),
    );
    commit_all(&env, "2026-11-20", "two lines go");
    let json = audit_json(&env, "");
    for id in ["old", "old-but-reviewed"] {
        assert_eq!(response(&json, id)["last_changed"], "2026-11-20", "{id}");
    }
    assert_eq!(response(&json, "fresh")["last_changed"], "2026-10-01");
}

/// A line deleted on a branch is dated at the merge that brought it in,
/// whatever format the user's `log.diffMerges` gives merges (`combined`
/// showed none of it).
#[test]
fn a_deletion_merged_from_a_branch_is_dated_at_the_merge() {
    for config in ["", "[log]\n\tdiffMerges = combined\n"] {
        let env = repo();
        env.write("home/.gitconfig", config);
        git(env.path(), &["checkout", "-q", "-b", "tidy"], None);
        env.write(
            "lib/billing.toml",
            responses().replace("owner = \"billing-team\"\n", ""),
        );
        commit_all(&env, "2026-10-10", "no owner for old");
        git(env.path(), &["checkout", "-q", "main"], None);
        env.write("notes.txt", "elsewhere\n");
        commit_all(&env, "2026-10-20", "a note");
        git(
            env.path(),
            &["merge", "-q", "--no-ff", "-m", "tidy", "tidy"],
            Some("2026-11-20"),
        );
        let json = audit_json(&env, "");
        assert_eq!(
            response(&json, "old")["last_changed"],
            "2026-11-20",
            "{config}"
        );
    }
}

/// Bodies alike are told once per response, against the first before it,
/// with how many are alike: n identical bodies were n(n-1)/2 findings
/// (2,000 of them, 1,999,000 warnings and 630 MB). One alike in words but
/// not in case, accents or punctuation is not called identical: a lead
/// would delete it unread.
#[test]
fn many_alike_bodies_are_one_finding_each_not_one_per_pair() {
    let one = |id: &str, body: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"Title\"\ntopic = \"billing\"\nbody = \"{body}\"\n\n"
        )
    };
    let same = "Thanks for writing in, we will get back to you within a day. Café.";
    let env = Env::with_library(&[(
        "a.toml",
        &[
            one("first", same),
            one("second", same),
            one("third", &same.to_uppercase()),
            one("fourth", same),
            one("fifth", &same.replace(", ", ",  ")),
            one("sixth", &format!("{same}  ")),
            one("seventh", &same.replace("Café", "Cafe")),
        ]
        .concat(),
    )]);
    init_repo(&env, "2026-11-01");
    audit(&env, "")
        .stdout(
            "
             LINE  RESPONSE                CHANGED  REVIEWED   EXPIRES  OWNER           30D
            lib/a.toml
                1  first                       23d     never         —  —                 —
                7  second                      23d     never         —  —                 —
               13  third                       23d     never         —  —                 —
               19  fourth                      23d     never         —  —                 —
               25  fifth                       23d     never         —  —                 —
               31  sixth                       23d     never         —  —                 —
               37  seventh                     23d     never         —  —                 —

            lib/a.toml:11:9: warning: duplicate: body identical to `first` (lib/a.toml:1), one of 7 alike (second)
            lib/a.toml:17:9: warning: duplicate: body the same word for word (not in case, accents or punctuation) as `first` (lib/a.toml:1), one of 7 alike (third)
            lib/a.toml:23:9: warning: duplicate: body identical to `first` (lib/a.toml:1), one of 7 alike (fourth)
            lib/a.toml:29:9: warning: duplicate: body identical but for spaces and line breaks to `first` (lib/a.toml:1), one of 7 alike (fifth)
            lib/a.toml:35:9: warning: duplicate: body identical but for spaces and line breaks to `first` (lib/a.toml:1), one of 7 alike (sixth)
            lib/a.toml:41:9: warning: duplicate: body the same word for word (not in case, accents or punctuation) as `first` (lib/a.toml:1), one of 7 alike (seventh)

            7 responses: 6 warnings; stale after 180 days
            ",
        )
        .run();
}

/// A blank line inside a body parts two paragraphs the customer reads:
/// removed, it changes the reply as it does when added, committed or not.
/// Between two fields, or two responses, it is layout, and changes none.
#[test]
fn a_blank_line_removed_inside_a_body_is_a_change_and_elsewhere_none() {
    let text = |spaced: bool, paragraphs: bool| {
        let gap = if paragraphs { "\n\n" } else { "\n" };
        [
            entry(
                "one",
                if spaced { "\n" } else { "" },
                &format!("Hello {{{{ name }}}}.{gap}Your refund is on its way.\n"),
                None,
            ),
            entry("two", "", "Hi {{ name }}, thanks for waiting.\n", None),
        ]
        .concat()
    };
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", &text(true, true))]);
    init_repo(&env, "2025-01-01");
    let changed = |env: &Env| {
        let json = audit_json(env, "");
        ["one", "two"].map(|id| response(&json, id)["last_changed"].clone())
    };
    env.write("lib/a.toml", text(false, true));
    commit_all(&env, "2026-11-01", "no blank line between fields");
    assert_eq!(changed(&env), ["2025-01-01", "2025-01-01"]);
    env.write("lib/a.toml", text(false, false));
    assert_eq!(changed(&env), ["2026-11-24", "2025-01-01"]);
    commit_all(&env, "2026-11-20", "one paragraph");
    assert_eq!(changed(&env), ["2026-11-20", "2025-01-01"]);
}

/// A commit dated after today (a clock set wrong) counts for nothing, as a
/// review dated ahead: the change is unknown and staleness goes by
/// `reviewed`. It showed as changed "in 1134d", and never went stale.
#[test]
fn a_commit_dated_in_the_future_counts_for_nothing() {
    let one = |id: &str, reviewed: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"Title of {id}\"\ntopic = \"billing\"\n\
             {reviewed}body = \"The reply called {id}, for the customer.\"\n\n"
        )
    };
    let env = Env::with_library(&[(
        "a.toml",
        &[
            one("never", ""),
            one("long-ago", "reviewed = 2026-05-01\n"),
            one("recently", "reviewed = 2026-11-01\n"),
        ]
        .concat(),
    )]);
    init_repo(&env, "2030-01-01");
    audit(&env, "")
        .stdout(
            "
             LINE  RESPONSE                CHANGED  REVIEWED   EXPIRES  OWNER           30D
            lib/a.toml
                1  never                         ?     never         —  —                 —
                7  long-ago                      ?      207d         —  —                 —
               14  recently                      ?       23d         —  —                 —

            lib/a.toml:1:1: warning: stale: never reviewed, and its last commit dated 2030-01-01, a day still to come (not counted) (never)
            lib/a.toml:7:1: warning: stale: not changed or reviewed for 207 days (limit 180): its last commit dated 2030-01-01, a day still to come (not counted), reviewed 2026-05-01 (long-ago)

            3 responses: 2 warnings; stale after 180 days
            ",
        )
        .run();
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "recently")["change"], "unknown");
    assert_eq!(
        response(&json, "recently")["last_changed"],
        serde_json::Value::Null
    );
}

/// A commit dated ahead hides no later, truly dated change of the same
/// response: the reply changed two days ago, not "?" and stale.
#[test]
fn a_commit_dated_ahead_hides_no_change_made_since() {
    let body = "[[response]]\nid = \"r1\"\ntitle = \"One\"\ntopic = \"billing\"\n\
                body = \"\"\"\nLine A.\nLine B.\n\"\"\"\n";
    let env = Env::with_library(&[("a.toml", body)]);
    init_repo(&env, "2025-01-01");
    env.write("lib/a.toml", body.replace("Line A.", "Line A edited."));
    commit_all(&env, "2030-01-01", "a clock set ahead");
    env.write(
        "lib/a.toml",
        body.replace("Line A.", "Line A edited.")
            .replace("Line B.", "Line B edited."),
    );
    commit_all(&env, "2026-11-20", "edited");
    let json = audit_json(&env, "");
    assert_eq!(response(&json, "r1")["last_changed"], "2026-11-20");
}
