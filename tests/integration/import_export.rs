//! `canned import` (Zendesk macros, CSV) and `canned export`.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

use crate::support::{Env, MANIFEST, TODAY, response, sample_library, stdout};

fn canned(env: &Env) -> Command {
    let mut cmd = env.canned();
    cmd.env("CANNED_LIBRARY", env.library());
    cmd
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn imported_zendesk() -> String {
    format!("lib/imported-zendesk-{TODAY}.toml")
}

fn library() -> Env {
    Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("billing.toml", &response("refund")),
    ])
}

// ---------------------------------------------------------------- Zendesk

#[test]
fn zendesk_macros_import_into_a_library_that_passes_check() {
    let env = library();
    canned(&env)
        .args(["import", "--from", "zendesk"])
        .arg(fixture("zendesk-macros.json"))
        .assert()
        .success()
        .stdout(contains("Imported 11 responses"))
        .stderr(contains("Not representable"))
        .stderr(contains("delayed-order: sets the status to pending"))
        .stderr(contains(
            "card-declined: is restricted to some agents or groups",
        ))
        .stderr(contains(
            "escalate-to-tier-2: makes the comment an internal note",
        ))
        .stderr(contains("refund-issued: dc.refund_timeline"))
        .stderr(contains("\"Close and tag spam\": no comment text"));
    canned(&env)
        .arg("check")
        .assert()
        .success()
        .stdout(contains("no errors"));
}

#[test]
fn zendesk_titles_give_topic_and_title_and_placeholders_become_variables() {
    let env = library();
    canned(&env)
        .args(["import", "--from", "zendesk"])
        .arg(fixture("zendesk-macros.json"))
        .assert()
        .success();
    let text = env.read(&imported_zendesk());
    let block = |id: &str| {
        let start = text
            .find(&format!("id = \"{id}\""))
            .unwrap_or_else(|| panic!("{id} missing:\n{text}"));
        let end = text[start..]
            .find("[[response]]")
            .map_or(text.len(), |e| start + e);
        text[start..end].to_string()
    };
    let delayed = block("delayed-order");
    assert!(
        delayed.contains("title = \"Delayed order\"\ntopic = \"shipping\""),
        "{delayed}"
    );
    assert!(delayed.contains("Hi {{ name }},"), "{delayed}");
    assert!(delayed.contains("{{ agent }}\"\"\""), "{delayed}");
    assert!(
        delayed.contains("tags = [\"delay\", \"carrier\"]"),
        "{delayed}"
    );
    // The second macro with the same title gets a unique id.
    assert!(block("delayed-order-2").contains("Hola {{ name }}"));
    assert!(block("where-is-my-order").contains("#{{ ticket }}"));
    // No `::` → general; inactive → expired yesterday; urgent priority → critical.
    assert!(block("general-thanks").contains("topic = \"general\""));
    assert!(block("close-account").contains("expires = 2026-11-23"));
    assert!(block("outage-acknowledgement").contains("urgency = \"critical\""));
    // HTML becomes text, entities decoded.
    let html = block("general-thanks");
    assert!(
        html.contains(
            "Thank you for contacting us, {{ name }}!\n\n\"Happy to help\" – that's our motto."
        ),
        "{html}"
    );
    // Dynamic content stays visible, without braces, and is noted.
    let refund = block("refund-issued");
    assert!(
        refund.contains("payment method. dc.refund_timeline"),
        "{refund}"
    );
    assert!(
        refund.contains("`dc.refund_timeline` was Zendesk dynamic content"),
        "{refund}"
    );
    assert!(refund.contains("sets the status to solved"), "{refund}");

    let manifest = env.read("lib/canned.toml");
    let topics =
        "topics = [\"billing\", \"shipping\", \"account\", \"urgent\", \"general\", \"sales\"]";
    assert!(manifest.contains(topics), "{manifest}");
    // Apart from the new topics, the old text is kept as it was.
    let restored = manifest.replace(topics, "topics = [\"billing\", \"shipping\"]");
    let (head, tail) = MANIFEST.split_at(MANIFEST.find("[partials]").unwrap());
    assert!(
        restored.starts_with(head) && restored.ends_with(tail),
        "{manifest}"
    );
    assert!(manifest.contains("[variables.organization_name]\ndescription = \"TODO: describe (imported from Zendesk {{ticket.organization.name}})\"\nexample = "), "{manifest}");
    assert!(
        manifest.contains("[variables.ticket]\ndescription = \"Ticket number\""),
        "{manifest}"
    );
}

#[test]
fn zendesk_accepts_a_single_macro_and_a_bare_list() {
    let one = r#"{"macro": {"id": 7, "title": "Hello", "actions": [{"field": "comment_value", "value": "Hi there"}]}}"#;
    let list = r#"[{"id": 8, "title": "Bye", "actions": [{"field": "comment_value", "value": "Bye now"}]}]"#;
    for (json, id) in [(one, "hello"), (list, "bye")] {
        let env = library();
        env.write("in.json", json);
        canned(&env)
            .args(["import", "--from", "zendesk", "in.json"])
            .assert()
            .success();
        assert!(
            env.read(&imported_zendesk())
                .contains(&format!("id = \"{id}\""))
        );
    }
}

#[test]
fn zendesk_invalid_json_is_located_and_nothing_is_written() {
    let env = library();
    env.write("in.json", "{\"macros\": [\n  {\"title\": \"x\",}\n]}");
    canned(&env)
        .args(["import", "--from", "zendesk", "in.json"])
        .assert()
        .code(1)
        .stderr(contains("not valid JSON at line 2"))
        .stderr(contains("nothing was written"));
    assert!(!env.path().join(imported_zendesk()).exists());
}

#[test]
fn zendesk_json_of_another_shape_says_what_was_expected() {
    let env = library();
    env.write("in.json", "{\"tickets\": []}");
    canned(&env)
        .args(["import", "--from", "zendesk", "in.json"])
        .assert()
        .code(1)
        .stderr(contains("expected Zendesk macros"));
}

#[test]
fn import_refuses_to_overwrite_an_existing_file() {
    let env = library();
    env.write(&imported_zendesk(), "# mine\n");
    canned(&env)
        .args(["import", "--from", "zendesk"])
        .arg(fixture("zendesk-macros.json"))
        .assert()
        .code(1)
        .stderr(contains("already exists; import never overwrites"));
    assert_eq!(env.read(&imported_zendesk()), "# mine\n");
    assert_eq!(env.read("lib/canned.toml"), MANIFEST);
}

#[test]
fn import_refuses_ids_that_collide_and_lists_them() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("a.toml", &response("delayed-order")),
        ("b.toml", &response("password-reset")),
    ]);
    canned(&env)
        .args(["import", "--from", "zendesk"])
        .arg(fixture("zendesk-macros.json"))
        .assert()
        .code(1)
        .stderr(contains(
            "2 ids are already in the library: delayed-order, password-reset",
        ))
        .stderr(contains("nothing was written"));
    assert!(!env.path().join(imported_zendesk()).exists());
    assert_eq!(env.read("lib/canned.toml"), MANIFEST);
}

#[test]
fn import_refuses_a_target_outside_the_library() {
    let env = library();
    canned(&env)
        .args(["import", "--from", "zendesk", "--file", "../../escape.toml"])
        .arg(fixture("zendesk-macros.json"))
        .assert()
        .code(1)
        .stderr(contains("outside the library"));
    assert!(!env.path().join("escape.toml").exists());
    assert_eq!(env.read("lib/canned.toml"), MANIFEST);
}

#[test]
fn import_dry_run_prints_and_writes_nothing() {
    let env = library();
    canned(&env)
        .args(["import", "--from", "zendesk", "--dry-run"])
        .arg(fixture("zendesk-macros.json"))
        .assert()
        .success()
        .stdout(contains("id = \"delayed-order\""));
    assert!(!env.path().join(imported_zendesk()).exists());
    assert_eq!(env.read("lib/canned.toml"), MANIFEST);
}

// ---------------------------------------------------------------- CSV

const CSV: &str = "id,title,shortcut,urgency,topic,customer,tags,lang,body\r\n\
late,\"Late, very late\",late,high,shipping,new;vip,delay carrier,,\"Hi {{ name }}, your order #{{ order }} is \"\"late\"\".\n\nSorry!\"\r\n\
late,\"En retard\",,,,,,fr,\"Bonjour {{ name }},\ndésolé.\"\r\n\
,Refund sent,,,billing,,,en,Refunded {% include \"signature\" %}\r\n";

#[test]
fn csv_import_keeps_quotes_commas_and_line_breaks_in_bodies() {
    let env = library();
    env.write("in.csv", CSV);
    canned(&env)
        .args(["import", "--from", "csv", "in.csv"])
        .assert()
        .success()
        .stdout(contains("Imported 2 responses"));
    canned(&env).arg("check").assert().success();
    let out = canned(&env)
        .args(["show", "late", "--raw", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Late, very late");
    assert_eq!(
        v["body"],
        "Hi {{ name }}, your order #{{ order }} is \"late\".\n\nSorry!"
    );
    assert_eq!(v["urgency"], "high");
    assert_eq!(v["customer"], serde_json::json!(["new", "vip"]));
}

#[test]
fn csv_rows_with_the_same_id_and_another_lang_become_translations() {
    let env = library();
    env.write("in.csv", CSV);
    canned(&env)
        .args(["import", "--from", "csv", "in.csv"])
        .assert()
        .success();
    let out = canned(&env).args(["export"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let late = v["responses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "late")
        .unwrap();
    assert_eq!(late["translations"]["fr"]["title"], "En retard");
    assert_eq!(
        late["translations"]["fr"]["body"],
        "Bonjour {{ name }},\ndésolé."
    );
    // A row without an id gets one from its title.
    assert!(
        v["responses"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "refund-sent")
    );
}

#[test]
fn csv_with_an_unclosed_quote_is_located() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,topic,body\nx,T,billing,\"never closed\n",
    );
    canned(&env)
        .args(["import", "--from", "csv", "in.csv"])
        .assert()
        .code(1)
        .stderr(contains("line 2: a quoted field is never closed"));
}

#[test]
fn csv_with_an_unknown_column_suggests_the_right_one() {
    let env = library();
    env.write("in.csv", "id,titel,topic,body\nx,T,billing,b\n");
    canned(&env)
        .args(["import", "--from", "csv", "in.csv"])
        .assert()
        .code(1)
        .stderr(contains("unknown column `titel` (did you mean `title`?)"));
}

#[test]
fn csv_rows_with_bad_values_are_all_reported_and_nothing_is_written() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,topic,customer,urgency,body\nOops,T,billing,vp,urgnet,Hi {{ nmae }}\nok,T,biling,,,b\n",
    );
    canned(&env)
        .args(["import", "--from", "csv", "in.csv"])
        .assert()
        .code(1)
        .stderr(contains("line 2: invalid id \"Oops\""))
        .stderr(contains(
            "line 3: unknown topic \"biling\"; expected one of the manifest's topics: \
             billing, shipping (did you mean `billing`?)",
        ));
    env.write(
        "in.csv",
        "id,title,topic,customer,urgency,body\nok,T,billing,vp,urgnet,Hi {{ nmae }}\n",
    );
    canned(&env)
        .args(["import", "--from", "csv", "in.csv"])
        .assert()
        .code(1)
        .stderr(contains("uses `nmae`").and(contains("did you mean `name`?")))
        .stderr(contains("unknown customer type \"vp\""))
        .stderr(contains("invalid urgency \"urgnet\""));
    assert_eq!(std::fs::read_dir(env.library()).unwrap().count(), 2);
}

#[test]
fn csv_ids_that_collide_with_the_library_are_refused() {
    let env = library();
    env.write("in.csv", "id,title,topic,body\nrefund,T,billing,b\n");
    canned(&env)
        .args(["import", "--from", "csv", "in.csv"])
        .assert()
        .code(1)
        .stderr(contains("1 id is already in the library: refund"));
}

// ---------------------------------------------------------------- export

/// The fields CSV carries, per response, from `export --format json`.
fn csv_fields(json: &[u8]) -> Vec<Value> {
    let v: Value = serde_json::from_slice(json).unwrap();
    let mut rows: Vec<Value> = v["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let o = r.as_object_mut().unwrap();
            o.remove("file");
            o.remove("line");
            r
        })
        .collect();
    rows.sort_by_key(|r| r["id"].as_str().unwrap().to_string());
    rows
}

#[test]
fn export_csv_then_import_round_trips_every_field_csv_carries() {
    let env = Env::new();
    let sample = sample_library();
    let csv = env
        .canned()
        .env("CANNED_LIBRARY", &sample)
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    assert!(csv.status.success());
    env.write("out.csv", &csv.stdout);
    env.write(
        "lib/canned.toml",
        std::fs::read(sample.join("canned.toml")).unwrap(),
    );
    canned(&env)
        .args(["import", "--from", "csv", "out.csv"])
        .assert()
        .success();
    canned(&env).arg("check").assert().success();
    let before = env
        .canned()
        .env("CANNED_LIBRARY", &sample)
        .arg("export")
        .output()
        .unwrap();
    let after = canned(&env)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let (before, after) = (csv_fields(&before.stdout), csv_fields(&after.stdout));
    assert!(before.len() >= 40);
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a);
    }
}

#[test]
fn export_json_has_every_field_translations_and_the_vocabulary() {
    let env = Env::new();
    let out = env
        .canned()
        .env("CANNED_LIBRARY", sample_library())
        .arg("export")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["name"], "Acme Support");
    assert!(v["variables"]["name"]["description"].is_string());
    let r = v["responses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "refund-vip")
        .unwrap();
    for field in [
        "title", "urgency", "topic", "customer", "tags", "lang", "body", "file", "line",
    ] {
        assert!(!r[field].is_null(), "{field} missing in {r}");
    }
    assert!(r["translations"]["fr"]["body"].is_string());
}

#[test]
fn export_markdown_is_a_catalogue_by_topic_then_urgency() {
    let env = Env::new();
    let out = env
        .canned()
        .env("CANNED_LIBRARY", sample_library())
        .args(["export", "--format", "markdown"])
        .output()
        .unwrap();
    let md = stdout(&out);
    assert!(md.starts_with("# Acme Support\n"));
    let billing = md.find("\n## Billing\n").unwrap();
    let shipping = md.find("\n## Shipping\n").unwrap();
    assert!(billing < shipping);
    let section = &md[billing
        ..md[billing + 1..]
            .find("\n## ")
            .map_or(md.len(), |e| billing + 1 + e)];
    let pos = |s: &str| section.find(s).unwrap_or(usize::MAX);
    assert!(pos("### High") < pos("### Normal"), "{section}");
    assert!(section.contains("(`refund-vip`)"));
    assert!(section.contains("```text\n"));
}

#[test]
fn export_csv_quotes_cells_with_commas_quotes_and_line_breaks() {
    let env = library();
    let out = canned(&env)
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.starts_with("id,title,shortcut,urgency,topic,customer,tags,lang,body,"));
    assert!(
        text.contains("\"Hi {{ name }}\n{% include \"\"signature\"\" %}\""),
        "{text}"
    );
}

#[test]
fn export_to_a_closed_pipe_is_not_an_error() {
    let env = Env::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("canned"))
        .env("CANNED_LIBRARY", sample_library())
        .args(["export", "--format", "markdown"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .current_dir(env.path())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
