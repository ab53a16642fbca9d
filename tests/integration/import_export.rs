//! `canned import` (Zendesk macros, CSV) and `canned export`.

use serde_json::Value;

use crate::support::{Env, MANIFEST, TODAY, Test, response, unindent, utf16};

/// `canned ARGS` in `env`, the library given through the environment,
/// `args` split at spaces.
fn canned<'a>(env: &'a Env, args: &str) -> Test<'a> {
    env.test()
        .env("CANNED_LIBRARY", "lib")
        .args(args.split_whitespace())
}

/// `canned import --from zendesk zendesk-macros.json` in `env`, the
/// fixture copied into the temp dir.
fn import_zendesk<'a>(env: &'a Env, flags: &str) -> Test<'a> {
    env.write(
        "zendesk-macros.json",
        include_str!("../fixtures/zendesk-macros.json"),
    );
    canned(env, "import --from zendesk zendesk-macros.json").args(flags.split_whitespace())
}

/// What importing the Zendesk fixture says it could not carry over.
const ZENDESK_REPORT: &str = r#"
    Not representable (kept in each response's notes):
      macro 360001001 "Shipping::Delayed order" → delayed-order: sets the status to pending
      macro 360001001 "Shipping::Delayed order" → delayed-order: adds the tags delay carrier to the ticket
      macro 360001002 "Shipping::Where is my order?" → where-is-my-order: sets the ticket's tags to tracking wismo, removing the others
      macro 360001003 "Billing::Refund issued" → refund-issued: sets the status to solved
      macro 360001003 "Billing::Refund issued" → refund-issued: sets the ticket priority to normal
      macro 360001003 "Billing::Refund issued" → refund-issued: sets custom field 360012345 to refund_done
      macro 360001004 "Billing::Card declined" → card-declined: assigns the ticket to group 2001
      macro 360001004 "Billing::Card declined" → card-declined: sets the ticket type to problem
      macro 360001004 "Billing::Card declined" → card-declined: is restricted to some agents or groups
      macro 360001005 "Account::Password reset" → password-reset: adds the tags password login to the ticket
      macro 360001006 "Account::Close account" → close-account: sets the status to solved
      macro 360001006 "Account::Close account" → close-account: assigns the ticket to current_user
      macro 360001007 "Urgent::Outage acknowledgement" → outage-acknowledgement: sets the ticket priority to urgent
      macro 360001010 "Sales::Enterprise::Pricing question" → pricing-question: sets the subject to "Enterprise pricing"
      macro 360001010 "Sales::Enterprise::Pricing question" → pricing-question: formats {{ticket.requester.first_name | capitalize}} with a Liquid filter (dropped)
      macro 360001011 "Shipping::Delayed order" → delayed-order-2: adds the tags delay spanish to the ticket
    Left in the body as plain text, to rewrite before `check` passes (placeholders, dynamic content, Liquid code):
      macro 360001003 "Billing::Refund issued" → refund-issued: dc.refund_timeline
      macro 360001007 "Urgent::Outage acknowledgement" → outage-acknowledgement: dc.status_page_link
      macro 360001010 "Sales::Enterprise::Pricing question" → pricing-question: if ticket.organization.name
      macro 360001010 "Sales::Enterprise::Pricing question" → pricing-question: endif
    Not imported:
      macro 360001008 "Escalate to tier 2": posts its comment as an internal note, not a reply to the customer
      macro 360001009 "Close and tag spam": no comment text: nothing to reply with
    New variables, to describe in canned.toml (description and example):
      organization_name, ticket_field_360012345
    "#;

const NOTHING_WRITTEN: &str = "hint: nothing was written\n";

/// What an import of a body using `{{ voucher_code }}` leaves to write.
const VOUCHER_TO_DESCRIBE: &str =
    "New variables, to describe in canned.toml (description and example):\n  voucher_code\n";

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
fn zendesk_macros_import_into_a_library_that_passes_check_but_for_what_is_left_to_rewrite() {
    let env = library();
    import_zendesk(&env, "")
        .stdout(
            "
            Imported 10 responses from zendesk-macros.json into lib/imported-zendesk-2026-11-24.toml
            Added to lib/canned.toml: topics account, urgent, sales, general; variables organization_name, ticket, ticket_field_360012345
            ",
        )
        .stderr(ZENDESK_REPORT)
        .run();
    // What the import left as text is what `use` refuses to copy.
    let left = |at: &str, what: &str, id: &str| {
        format!(
            "lib/imported-zendesk-2026-11-24.toml:{at}: error: `{what}` is left in the text: `use` refuses to copy a reply holding it (response `{id}`)\n    hint: write what the customer should read, or a variable (`{{{{ name }}}}`)\n"
        )
    };
    // And the variables it declared, for a lead to describe.
    let to_write = |at: &str, name: &str| {
        format!(
            "lib/canned.toml:{at}: warning: variable `{name}` is still to write: its description and example hold `TODO`\n    hint: agents see the description when they are asked for a value; `show` and `check` render with the example\n"
        )
    };
    canned(&env, "check")
        .status(1)
        .stdout(&format!(
            "{}{}{}{}{}{}\n✗ 4 errors, 2 warnings in a library of 2 files; 8 responses valid\n",
            to_write("19:12", "organization_name"),
            to_write("27:12", "ticket_field_360012345"),
            left("47:88", "[dc.refund_timeline]", "refund-issued"),
            left("99:56", "[dc.status_page_link]", "outage-acknowledgement"),
            left(
                "115:50",
                "[if ticket.organization.name]",
                "pricing-question"
            ),
            left("115:134", "[endif]", "pricing-question"),
        ))
        .run();
}

#[test]
fn zendesk_titles_give_topic_and_title_and_placeholders_become_variables() {
    let env = library();
    import_zendesk(&env, "")
        .any_stdout()
        .stderr(ZENDESK_REPORT)
        .run();
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
    // Dynamic content stays visible, bracketed so `use` refuses it, and is noted.
    let refund = block("refund-issued");
    assert!(
        refund.contains("payment method. [dc.refund_timeline]"),
        "{refund}"
    );
    assert!(
        refund.contains("`dc.refund_timeline` was Zendesk dynamic content"),
        "{refund}"
    );
    assert!(refund.contains("sets the status to solved"), "{refund}");
    // A macro that posts an internal note is no reply to a customer.
    assert!(!text.contains("tier 2"), "{text}");

    let manifest = env.read("lib/canned.toml");
    let topics =
        "topics = [\"billing\", \"shipping\", \"account\", \"urgent\", \"sales\", \"general\"]";
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

/// Into a library with no manifest, an import writes one that says what
/// it is on its first line (the comment went below the last table).
#[test]
fn a_manifest_an_import_creates_says_what_it_is_first() {
    let env = Env::with_library(&[("a.toml", &response("a"))]);
    env.write(
        "new.csv",
        "id,title,topic,body\nv-1,V,billing,Hi {{ voucher_code }}\n",
    );
    canned(&env, "import --from csv new.csv")
        .any_stdout()
        .stderr(VOUCHER_TO_DESCRIBE)
        .run();
    assert_eq!(
        env.read("lib/canned.toml"),
        "# The library manifest: vocabulary, variables and partials.\n\n\
         [variables.voucher_code]\n\
         description = \"TODO: describe (imported from CSV)\"\n\
         example = \"TODO: an example\"\n"
    );
}

/// A CSV exported from another library carries no manifest: a variable
/// its bodies use is declared, for a lead to describe; one a typo away
/// from a declared variable is refused with the name meant.
#[test]
fn csv_import_declares_new_variables_and_refuses_misspelt_ones() {
    let env = library();
    env.write(
        "new.csv",
        "id,title,topic,body\nv-1,V,billing,Hi {{ voucher_code }}\n",
    );
    canned(&env, "import --from csv new.csv")
        .stdout(
            "
            Imported 1 response from new.csv into lib/imported-csv-2026-11-24.toml
            Added to lib/canned.toml: variables voucher_code
            ",
        )
        .stderr(VOUCHER_TO_DESCRIBE)
        .run();
    let manifest = env.read("lib/canned.toml");
    assert!(
        manifest.contains(
            "[variables.voucher_code]\ndescription = \"TODO: describe (imported from CSV)\"\nexample = \"TODO: an example\"\n"
        ),
        "{manifest}"
    );
    env.write(
        "typo.csv",
        "id,title,topic,body\nv-2,V,billing,Hi {{ nmae }}\n",
    );
    canned(&env, "import --from csv typo.csv --file typo.toml")
        .status(1)
        .stderr(
            "
            error: cannot import typo.csv:
              line 2, column 15: the body uses `nmae`, which canned.toml does not declare (did you mean `name`? if not, declare [variables.nmae] first)
            hint: nothing was written
            ",
        )
        .run();
}

/// Names numbered apart are two names, not a typo of one: `address2`
/// after an import that declared `address1` is declared too, as one
/// import of both would.
#[test]
fn a_variable_numbered_apart_from_one_declared_is_no_typo() {
    let env = library();
    env.write(
        "one.csv",
        "id,title,topic,body\na-1,A,billing,Hi {{ name }} {{ address1 }}\n",
    );
    env.write(
        "two.csv",
        "id,title,topic,body\na-2,B,billing,Hi {{ name }} {{ address2 }}\n",
    );
    canned(&env, "import --from csv one.csv --file one.toml")
        .any_stdout()
        .any_stderr()
        .run();
    canned(&env, "import --from csv two.csv --file two.toml")
        .stdout("Imported 1 response from two.csv into lib/two.toml\nAdded to lib/canned.toml: variables address2\n")
        .stderr("New variables, to describe in canned.toml (description and example):\n  address2\n")
        .run();
    assert!(env.read("lib/canned.toml").contains("[variables.address2]"));
}

/// Every likely typo of a body is named in one run.
#[test]
fn csv_import_names_every_misspelt_variable_of_a_body_at_once() {
    let env = library();
    env.write(
        "typo.csv",
        "id,title,topic,body\nv-2,V,billing,Hi {{ nmae }} {{ ordr }}\n",
    );
    canned(&env, "import --from csv typo.csv")
        .status(1)
        .stderr(
            "
            error: cannot import typo.csv:
              line 2, column 15: the body uses `nmae`, `ordr`, which canned.toml does not declare (`nmae`: did you mean `name`?; `ordr`: did you mean `order`?; if not, declare them first)
            hint: nothing was written
            ",
        )
        .run();
}

#[test]
fn zendesk_accepts_a_single_macro_and_a_bare_list() {
    let one = r#"{"macro": {"id": 7, "title": "Hello", "actions": [{"field": "comment_value", "value": "Hi there"}]}}"#;
    let list = r#"[{"id": 8, "title": "Bye", "actions": [{"field": "comment_value", "value": "Bye now"}]}]"#;
    for (json, id, title, body) in [
        (one, "hello", "Hello", "Hi there"),
        (list, "bye", "Bye", "Bye now"),
    ] {
        let env = library();
        env.write("in.json", json);
        canned(&env, "import --from zendesk in.json")
            .stdout(
                "
                Imported 1 response from in.json into lib/imported-zendesk-2026-11-24.toml
                Added to lib/canned.toml: topics general
                ",
            )
            .run();
        let macro_id = if id == "hello" { 7 } else { 8 };
        assert_eq!(
            env.read(&imported_zendesk()),
            format!(
                "# Imported from in.json (zendesk) by `canned import` on 2026-11-24.\n\
                 # Review each response, then run `canned check`.\n\
                 [[response]]\nid = \"{id}\"\ntitle = \"{title}\"\ntopic = \"general\"\n\
                 notes = \"Imported from Zendesk macro {macro_id}.\"\nbody = \"{body}\"\n"
            )
        );
    }
}

#[test]
fn zendesk_invalid_json_is_located_and_nothing_is_written() {
    let env = library();
    env.write("in.json", "{\"macros\": [\n  {\"title\": \"x\",}\n]}");
    canned(&env, "import --from zendesk in.json")
        .status(1)
        .stderr(
            "
            error: cannot import in.json:
              not valid JSON at line 2, column 17: trailing comma
            hint: nothing was written
            ",
        )
        .run();
    assert!(!env.path().join(imported_zendesk()).exists());
}

#[test]
fn zendesk_json_of_another_shape_says_what_was_expected() {
    let env = library();
    env.write("in.json", "{\"tickets\": []}");
    canned(&env, "import --from zendesk in.json")
        .status(1)
        .stderr(
            r#"
            error: cannot import in.json:
              expected Zendesk macros: {"macros": [...]}, {"macro": {...}} or a list of macros
            hint: nothing was written
            "#,
        )
        .run();
}

#[test]
fn import_refuses_to_overwrite_an_existing_file() {
    let env = library();
    env.write(&imported_zendesk(), "# mine\n");
    // Being in the library, the file is also an empty one `check` reports.
    import_zendesk(&env, "")
        .status(1)
        .stderr(
            "
            warning: 1 problem in the library; run `canned check` for details
            error: lib/imported-zendesk-2026-11-24.toml already exists; import never overwrites
            hint: pass --file NEW-NAME.toml; nothing was written
            ",
        )
        .run();
    assert_eq!(env.read(&imported_zendesk()), "# mine\n");
    assert_eq!(env.read("lib/canned.toml"), MANIFEST);
}

/// A file left out whole holds ids nobody knows: one of them could be
/// imported again, and the library would fail `check` once it is fixed.
#[test]
fn import_refuses_while_a_file_is_left_out_whole() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "a.toml",
            &format!("{}\nbroken = \"\n", response("delayed-order")),
        ),
    ]);
    import_zendesk(&env, "")
        .status(1)
        .stderr(
            "
            warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details
            error: lib/a.toml:9:11: invalid TOML: invalid basic string, expected `\"`: the ids and shortcuts it holds are unknown, so no new one can be checked against them
            hint: fix it first (`canned check` shows where); nothing was written
            ",
        )
        .run();
    assert!(!env.path().join(imported_zendesk()).exists());
}

#[test]
fn import_refuses_ids_that_collide_and_lists_them() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("a.toml", &response("delayed-order")),
        ("b.toml", &response("password-reset")),
    ]);
    import_zendesk(&env, "")
        .status(1)
        .stderr(
            r#"
            error: cannot import zendesk-macros.json:
              macro 360001001 "Shipping::Delayed order": id `delayed-order` is already the id of `delayed-order` (lib/a.toml:1:1)
              macro 360001005 "Account::Password reset": id `password-reset` is already the id of `password-reset` (lib/b.toml:1:1)
            hint: nothing was written; rename what is taken in the file you import, or remove the responses already in the library (was it imported before?)
            "#,
        )
        .run();
    assert!(!env.path().join(imported_zendesk()).exists());
    assert_eq!(env.read("lib/canned.toml"), MANIFEST);
}

#[test]
fn import_refuses_a_target_outside_the_library() {
    let env = library();
    import_zendesk(&env, "--file ../../escape.toml")
        .status(2)
        .stderr(&format!(
            "error: `../../escape.toml` leads outside the library (`..` is not allowed)\n{NOTHING_WRITTEN}"
        ))
        .run();
    assert!(!env.path().join("escape.toml").exists());
    assert_eq!(env.read("lib/canned.toml"), MANIFEST);
    // Not a response file: wrong usage too, as for `new --file`.
    import_zendesk(&env, "--file notes.txt")
        .status(2)
        .stderr(&format!(
            "error: `notes.txt` is not a `.toml` file: canned loads only those\n{NOTHING_WRITTEN}"
        ))
        .run();
}

#[test]
fn import_dry_run_prints_and_writes_nothing() {
    let env = library();
    let printed = import_zendesk(&env, "--dry-run")
        .any_stdout()
        .stderr(ZENDESK_REPORT)
        .run()
        .stdout;
    assert!(
        printed.starts_with(
            "# would write lib/imported-zendesk-2026-11-24.toml\n\
             # Imported from zendesk-macros.json (zendesk) by `canned import` on 2026-11-24.\n"
        ),
        "{printed}"
    );
    assert!(
        printed.contains("\n# would update lib/canned.toml\n"),
        "{printed}"
    );
    assert!(!env.path().join(imported_zendesk()).exists());
    assert_eq!(env.read("lib/canned.toml"), MANIFEST);
}

// ---------------------------------------------------------------- CSV

const CSV: &str = "id,title,shortcut,urgency,topic,customer,tags,lang,body\r\n\
late,\"Late, very late\",late,high,shipping,new;vip,delay carrier,,\"Hi {{ name }}, your order #{{ order }} is \"\"late\"\".\n\nSorry!\"\r\n\
late,\"En retard\",,,,,,fr,\"Bonjour {{ name }},\ndésolé.\"\r\n\
,Refund sent,,,billing,,,en,Refunded {% include \"signature\" %}\r\n";

/// `canned import --from csv in.csv` in `env`, as it succeeds on [`CSV`].
fn import_csv(env: &Env) -> Test<'_> {
    canned(env, "import --from csv in.csv")
        .stdout("Imported 2 responses from in.csv into lib/imported-csv-2026-11-24.toml\n")
}

/// An import into a library whose manifest is no longer TOML is refused:
/// with no earlier version known, as `new` is (any topic would pass);
/// with one, when a topic must be added, at the manifest's error, located
/// as `check` locates it.
#[test]
fn an_import_refused_for_a_broken_manifest_says_where_it_is_broken() {
    let env = library();
    canned(&env, "list").any_stdout().run();
    env.write(
        "in.csv",
        "id,title,topic,body\ngift-wrap,Gift,newtopic,Hi\n",
    );
    let broken = format!("{MANIFEST}\n[library\n");
    let line = MANIFEST.lines().count() + 2;
    env.write("lib/canned.toml", &broken);
    canned(&env, "import --from csv in.csv")
        .status(1)
        .stderr(&format!(
            "warning: 1 problem in the library (canned.toml is not valid TOML: its last good version is used); run `canned check` for details\n\
             error: cannot update lib/canned.toml:{line}:9: invalid TOML: unclosed table, expected `]`\n\
             hint: fix it first (`canned check` shows where); nothing was written\n"
        ))
        .run();
    let env = library();
    env.write("in.csv", "id,title,topic,body\ngift-wrap,Gift,billing,Hi\n");
    env.write("lib/canned.toml", &broken);
    canned(&env, "import --from csv in.csv")
        .status(1)
        .stderr(&format!(
            "warning: 1 problem in the library (canned.toml is not valid TOML, and no earlier version of it is known: its variables and partials are missing); run `canned check` for details\n\
             error: lib/canned.toml:{line}:9: invalid TOML: unclosed table, expected `]`; no earlier version of it is known\n\
             hint: fix it first (`canned check` shows where); nothing was written\n"
        ))
        .run();
    assert!(!env.path().join("lib/imported-csv-2026-11-24.toml").exists());
}

#[test]
fn csv_import_keeps_quotes_commas_and_line_breaks_in_bodies() {
    let env = library();
    env.write("in.csv", CSV);
    import_csv(&env).run();
    canned(&env, "check")
        .stdout("✓ 3 responses in 2 files: no errors\n")
        .run();
    let v = canned(&env, "show late --raw --json")
        .any_stdout()
        .run()
        .json();
    assert_eq!(v["title"], "Late, very late");
    assert_eq!(
        v["body"],
        "Hi {{ name }}, your order #{{ order }} is \"late\".\n\nSorry!"
    );
    assert_eq!(v["urgency"], "high");
    assert_eq!(v["customer"], serde_json::json!(["new", "vip"]));
}

/// Every kind of line break in a body is one (a lone CR, a form feed,
/// Unicode's line separator), as in a Zendesk macro; refused, they made
/// an import fail where the other kind of import went through.
#[test]
fn csv_bodies_take_every_kind_of_line_break() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,topic,body\nlate,Late,billing,\"Hello\rThanks\u{2028}Bye\u{c}End\"\n",
    );
    canned(&env, "import --from csv in.csv --file breaks.toml")
        .stdout("Imported 1 response from in.csv into lib/breaks.toml\n")
        .run();
    let v = canned(&env, "show late --raw --json")
        .any_stdout()
        .run()
        .json();
    assert_eq!(v["body"], "Hello\nThanks\nBye\nEnd");
}

#[test]
fn csv_rows_with_the_same_id_and_another_lang_become_translations() {
    let env = library();
    env.write("in.csv", CSV);
    import_csv(&env).run();
    let v = canned(&env, "export").any_stdout().run().json();
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
    import_csv(&env)
        .status(1)
        .stdout("")
        .stderr(
            "
            error: cannot import in.csv:
              line 2: a quoted field is never closed (a `\"` is missing)
            hint: nothing was written
            ",
        )
        .run();
}

/// A translation row takes its response's urgency, topic, customers and
/// tags: another value there would be dropped without a word.
#[test]
fn csv_translation_rows_may_not_give_the_responses_fields_another_value() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,urgency,topic,customer,tags,lang,body\n\
         h1,H one,normal,billing,new,a,en,Hello\n\
         h1,H un,normal,billing,,,fr,Bonjour\n\
         h2,H two,normal,billing,new,a,en,Hello\n\
         h2,H deux,critical,billing,vip,a,fr,Bonjour\n",
    );
    import_csv(&env)
        .status(1)
        .stdout("")
        .stderr(
            "
            error: cannot import in.csv:
              line 5: a translation of `h2` (line 4) gives its own `urgency`, `customer`: a translation takes its response's
            hint: nothing was written
            ",
        )
        .run();
}

#[test]
fn csv_with_an_unknown_column_suggests_the_right_one() {
    let env = library();
    env.write("in.csv", "id,titel,topic,body\nx,T,billing,b\n");
    import_csv(&env)
        .status(1)
        .stdout("")
        .stderr(
            "
            error: cannot import in.csv:
              line 1, column 4: unknown column `titel` (did you mean `title`?); expected some of: id,title,shortcut,urgency,topic,customer,tags,lang,body,notes,examples,owner,reviewed,expires
              line 1: the header has no `title` column
            hint: nothing was written
            ",
        )
        .run();
}

/// A library saved on Windows (or checked out with `core.autocrlf`)
/// exports what the same library with `\n` line ends exports: its bodies
/// and notes held `\r\n`. And a spreadsheet's `\r\n` in a cell is imported
/// as a line break, not as a `\r` at the end of each line of the body.
#[test]
fn line_ends_are_the_texts_not_the_files() {
    let file = "[[response]]\nid = \"late\"\ntitle = \"Late\"\ntopic = \"billing\"\n\
                notes = \"\"\"\nCheck first.\nThen reply.\"\"\"\n\
                body = \"\"\"\nHi {{ name }},\n\nsorry.\"\"\"\n";
    let unix = Env::with_library(&[("canned.toml", MANIFEST), ("late.toml", file)]);
    let windows = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("late.toml", &file.replace('\n', "\r\n")),
    ]);
    for format in ["json", "csv", "markdown"] {
        let export = |env: &Env| {
            canned(env, &format!("export --format {format}"))
                .any_stdout()
                .run()
                .stdout
        };
        assert_eq!(export(&windows), export(&unix), "{format}");
    }
    // So does `show`, raw or not, and `audit` finds the two bodies
    // identical, not "identical but for spaces and line breaks".
    for args in [
        "show late --raw --json",
        "show late --raw",
        "show late --json",
    ] {
        let show = |env: &Env| canned(env, args).any_stdout().run().stdout;
        assert_eq!(show(&windows), show(&unix), "{args}");
    }
    let both = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("late.toml", file),
        (
            "copy.toml",
            &file.replace("\"late\"", "\"copy\"").replace('\n', "\r\n"),
        ),
    ]);
    canned(&both, "audit --format json")
        .any_stderr()
        .stdout_contains("\"body identical to `copy` (lib/copy.toml:1)\"")
        .run();
    let env = library();
    env.write(
        "in.csv",
        "id,title,topic,body\r\nhello,Hello,billing,\"Hi {{ name }},\r\n\r\nthanks.\"\r\n",
    );
    canned(&env, "import --from csv in.csv").any_stdout().run();
    let written = env.read("lib/imported-csv-2026-11-24.toml");
    assert!(written.contains("Hi {{ name }},\n\nthanks."), "{written:?}");
    assert!(!written.contains('\r'), "{written:?}");
}

/// An export saved as UTF-16 with its byte order mark (PowerShell 5's
/// `Export-Csv` without `-Encoding`, Notepad's "Unicode") is imported as
/// its text; it was "not UTF-8 text (byte 0)".
#[test]
fn a_utf16_export_is_imported() {
    let env = library();
    let csv = "id,title,topic,body\nthanks-zoe,Merci,billing,Merci Zoë !\n";
    let bytes = utf16(csv);
    env.write("in.csv", &bytes);
    canned(&env, "import --from csv in.csv")
        .stdout("Imported 1 response from in.csv into lib/imported-csv-2026-11-24.toml\n")
        .run();
    canned(&env, "use thanks-zoe --print")
        .stdout("Merci Zoë !")
        .run();
    env.write("in.csv", &bytes[..bytes.len() - 1]);
    canned(&env, "import --from csv in.csv")
        .status(1)
        .stderr(
            "
            error: in.csv: not UTF-16 text, though it opens with UTF-16's byte order mark
            hint: export it as UTF-8; nothing was written
            ",
        )
        .run();
    // Excel's "Unicode Text" is tab-separated; PowerShell 5's `Export-Csv`
    // opens with a `#TYPE` line. Both were "unknown column".
    env.write(
        "excel.txt",
        utf16("id\ttitle\ttopic\tbody\r\ntab-one\tTab\tbilling\t\"Hi, tab\"\r\n"),
    );
    canned(&env, "import --from csv excel.txt --file excel.toml")
        .stdout("Imported 1 response from excel.txt into lib/excel.toml\n")
        .run();
    env.write(
        "ps.csv",
        "#TYPE System.Management.Automation.PSCustomObject\r\n\"id\",\"title\",\"topic\",\"body\"\r\n\"ps-one\",\"PS\",\"billing\",\"Hi\"\r\n",
    );
    canned(&env, "import --from csv ps.csv --file ps.toml")
        .stdout("Imported 1 response from ps.csv into lib/ps.toml\n")
        .run();
    canned(&env, "use tab-one --print").stdout("Hi, tab").run();
}

/// A byte that is not UTF-8 and a date that is none are located at their
/// line and column, as `check` locates them.
#[test]
fn csv_encoding_and_dates_are_located() {
    let env = library();
    env.write(
        "in.csv",
        b"id,title,topic,body\na-1,A,billing,h\xe9llo\n".as_slice(),
    );
    canned(&env, "import --from csv in.csv")
        .status(1)
        .stderr(
            "
            error: in.csv:2:16: not UTF-8 text (byte 35)
            hint: export it as UTF-8; nothing was written
            ",
        )
        .run();
    env.write(
        "in.csv",
        "id,title,topic,reviewed,body\nm-3,B,billing,2026-02-30,hi\n",
    );
    canned(&env, "import --from csv in.csv")
        .status(1)
        .stderr(
            "
            error: cannot import in.csv:
              line 2, column 15: `reviewed`: `2026-02-30` is not a date: expected YYYY-MM-DD
            hint: nothing was written
            ",
        )
        .run();
}

/// Every error of every row in one run, in the order of the file: a row
/// whose id is refused still has its other cells checked, so a lead does
/// not fix them one run at a time.
#[test]
fn csv_rows_with_bad_values_are_all_reported_and_nothing_is_written() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,topic,customer,urgency,body\nOops,T,billing,vp,urgnet,Hi {{ nmae }}\nok,T,biling,,,b\n",
    );
    import_csv(&env)
        .status(1)
        .stdout("")
        .stderr(
            r#"
            error: cannot import in.csv:
              line 2, column 1: invalid id "Oops"; expected lowercase letters, digits and dashes, starting with a letter or digit (try "oops")
              line 2, column 16: unknown customer type "vp"; expected one of: any, new, vip (did you mean `vip`?)
              line 2, column 19: invalid urgency "urgnet"; expected one of: low, normal, high, critical
              line 2, column 26: the body uses `nmae`, which canned.toml does not declare (did you mean `name`? if not, declare [variables.nmae] first)
              line 3, column 6: unknown topic "biling"; expected one of the manifest's topics: billing, shipping (did you mean `billing`?)
            hint: nothing was written
            "#,
        )
        .run();
    env.write(
        "in.csv",
        "id,title,topic,customer,urgency,body\nok,T,billing,vp,urgnet,Hi {{ nmae }}\n",
    );
    import_csv(&env)
        .status(1)
        .stdout("")
        .stderr(
            r#"
            error: cannot import in.csv:
              line 2, column 14: unknown customer type "vp"; expected one of: any, new, vip (did you mean `vip`?)
              line 2, column 17: invalid urgency "urgnet"; expected one of: low, normal, high, critical
              line 2, column 24: the body uses `nmae`, which canned.toml does not declare (did you mean `name`? if not, declare [variables.nmae] first)
            hint: nothing was written
            "#,
        )
        .run();
    assert_eq!(std::fs::read_dir(env.library()).unwrap().count(), 2);
}

/// The result must pass `check`: what would not is refused before
/// anything is written, located at the row it comes from, and `--dry-run`
/// says so too.
#[test]
fn an_import_that_would_not_pass_check_writes_nothing() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,shortcut,topic,body\nfirst,T,one,billing,a\nsecond,T,first,billing,b\n",
    );
    let refused = "
        error: cannot import in.csv:
          line 3: shortcut `first` is already the id of another response
        hint: nothing was written
        ";
    import_csv(&env).status(1).stdout("").stderr(refused).run();
    assert_eq!(std::fs::read_dir(env.library()).unwrap().count(), 2);
    canned(&env, "import --from csv in.csv --dry-run")
        .status(1)
        .stdout("")
        .stderr(refused)
        .run();
    assert_eq!(std::fs::read_dir(env.library()).unwrap().count(), 2);
}

/// A lead fixing a CSV sees every error in one run, in the order of the
/// file, each at its row: a row refused, a name the library has taken, and
/// what another row would leave wrong once written.
#[test]
fn a_refused_csv_import_lists_every_error_of_every_row_at_once() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,shortcut,topic,body\n\
         a-1,A,refund,billing,Hi\n\
         a-2,B,a-1,billing,Hi\n\
         a-3,,,billing,Hi\n\
         refund,,,billing,Hi\n",
    );
    import_csv(&env)
        .status(1)
        .stdout("")
        .stderr(
            "
            error: cannot import in.csv:
              line 2, column 7: shortcut `refund` is already the id of `refund` (lib/billing.toml:1:1)
              line 3: shortcut `a-1` is already the id of another response
              line 4, column 5: `title` is empty
              line 5, column 1: id `refund` is already the id of `refund` (lib/billing.toml:1:1)
              line 5, column 8: `title` is empty
            hint: nothing was written; rename what is taken in the file you import, or remove the responses already in the library (was it imported before?)
            ",
        )
        .run();
    assert_eq!(std::fs::read_dir(env.library()).unwrap().count(), 2);
}

/// A translation row whose `lang` is refused is told once: not also as a
/// second row of its response's own language.
#[test]
fn a_translation_with_a_refused_language_is_told_once() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,topic,lang,body\ngood-one,T,billing,en,Hi\ngood-one,T,billing,xx_YY,Salut\n",
    );
    import_csv(&env)
        .status(1)
        .stdout("")
        .stderr(
            "
            error: cannot import in.csv:
              line 3, column 20: `xx_YY` is not a language tag; expected a tag such as \"en\" or \"fr\" (did you mean `xx-YY`?)
            hint: nothing was written
            ",
        )
        .run();
}

#[test]
fn csv_ids_that_collide_with_the_library_are_refused() {
    let env = library();
    env.write("in.csv", "id,title,topic,body\nrefund,T,billing,b\n");
    import_csv(&env)
        .status(1)
        .stdout("")
        .stderr(
            "
            error: cannot import in.csv:
              line 2, column 1: id `refund` is already the id of `refund` (lib/billing.toml:1:1)
            hint: nothing was written; rename what is taken in the file you import, or remove the responses already in the library (was it imported before?)
            ",
        )
        .run();
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

/// `canned --library <the sample library> export ARGS`.
fn export_sample(args: &str) -> Test<'static> {
    Test::new()
        .sample()
        .arg("export")
        .args(args.split_whitespace())
        .any_stdout()
}

#[test]
fn export_csv_then_import_round_trips_every_field_csv_carries() {
    let env = Env::new();
    let csv = export_sample("--format csv").run().stdout;
    env.write("out.csv", csv);
    env.write(
        "lib/canned.toml",
        std::fs::read(crate::support::sample_library().join("canned.toml")).unwrap(),
    );
    canned(&env, "import --from csv out.csv")
        .stdout("Imported 60 responses from out.csv into lib/imported-csv-2026-11-24.toml\n")
        .run();
    canned(&env, "check")
        .stdout("✓ 60 responses in 1 file: no errors\n")
        .run();
    let before = export_sample("").run().stdout;
    let after = canned(&env, "export --format json")
        .any_stdout()
        .run()
        .stdout;
    let (before, after) = (csv_fields(before.as_bytes()), csv_fields(after.as_bytes()));
    assert_eq!(before.len(), 60);
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a);
    }
}

/// An import from standard input reads it before it takes the library's
/// lock: someone pasting a CSV, or a slow pipe, holds up no other writer.
#[test]
fn an_import_waiting_for_its_input_holds_up_no_other_writer() {
    use std::io::Write;
    let env = library();
    let mut import = env
        .canned_process()
        .args([
            "--library",
            "lib",
            "import",
            "--from",
            "csv",
            "-",
            "--file",
            "pasted.toml",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once it sleeps, the import is waiting for its input (and, were it
    // to lock first, would hold the lock): `review` writes meanwhile.
    let stat = format!("/proc/{}/stat", import.id());
    let sleeping = || {
        std::fs::read_to_string(&stat).is_ok_and(|s| {
            s.rsplit_once(") ")
                .is_some_and(|(_, rest)| rest.starts_with('S'))
        })
    };
    let mut polls = 0;
    while !sleeping() && polls < 500 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        polls += 1;
    }
    canned(&env, "review refund --date 2026-11-01")
        .stdout("✓ refund reviewed 2026-11-01 (first review)  lib/billing.toml:1\n")
        .run();
    let mut stdin = import.stdin.take().unwrap();
    stdin
        .write_all(b"id,title,topic,body\npasted,Pasted,billing,Hello\n")
        .unwrap();
    drop(stdin);
    let out = import.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Imported 1 response from standard input into lib/pasted.toml\n"
    );
    assert!(
        env.read("lib/pasted.toml")
            .starts_with("# Imported from standard input (csv) by `canned import`"),
        "{}",
        env.read("lib/pasted.toml")
    );
}

/// `any` beside other customer types goes out and comes back: the reply
/// still fits every customer (it came back for VIPs only).
#[test]
fn a_customer_list_with_any_keeps_it_through_csv() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "billing.toml",
            &response("refund").replace("body =", "customer = [\"vip\", \"any\"]\nbody ="),
        ),
    ]);
    canned(&env, "list --customer new")
        .stdout_contains("refund")
        .run();
    let csv = canned(&env, "export --format csv")
        .any_stdout()
        .run()
        .stdout;
    env.write("out.csv", csv);
    std::fs::remove_file(env.path().join("lib/billing.toml")).unwrap();
    canned(&env, "import --from csv out.csv --file again.toml")
        .stdout("Imported 1 response from out.csv into lib/again.toml\n")
        .run();
    assert!(
        env.read("lib/again.toml")
            .contains("customer = [\"vip\", \"any\"]\n"),
        "{}",
        env.read("lib/again.toml")
    );
    canned(&env, "list --customer new")
        .stdout_contains("refund")
        .run();
}

/// A reply whose text `use` refuses to copy (a merge conflict left in
/// it, `XXX`), or that `check` fails otherwise, is left out of every
/// export, and said: a helpdesk fed by the export would publish it.
#[test]
fn an_export_leaves_out_what_use_refuses_to_copy_and_says_so() {
    let conflict = response("late").replace(
        "Hi {{ name }}",
        "<<<<<<< HEAD\nHi {{ name }}\n=======\nHello {{ name }}\n>>>>>>> other",
    );
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "billing.toml",
            &format!("{}\n{conflict}", response("refund")),
        ),
    ]);
    for format in ["json", "csv", "markdown"] {
        let out = canned(&env, "export --format")
            .arg(format)
            .any_stdout()
            .stderr("warning: left out 1 response that `check` fails (late); run `canned check` for details\n")
            .run();
        assert!(out.stdout.contains("refund"), "{format}: {}", out.stdout);
        assert!(!out.stdout.contains("<<<<<<<"), "{format}: {}", out.stdout);
    }
    // Nor one that includes a partial holding such text.
    let manifest = MANIFEST.replace("— {{ agent }}", "Regards, XXX");
    assert_ne!(manifest, MANIFEST);
    env.write("lib/canned.toml", manifest);
    canned(&env, "export --format csv")
        .stdout("id,title,shortcut,urgency,topic,customer,tags,lang,body,notes,examples,owner,reviewed,expires\r\n")
        .stderr("warning: left out 2 responses that `check` fails (refund, late); run `canned check` for details\n")
        .run();
    // Nor one that reads, through that partial, a declared default `use`
    // refuses: it goes into every reply sent without the value.
    let manifest = MANIFEST.replace("default = \"the team\"", "default = \"[Rep name]\"");
    assert_ne!(manifest, MANIFEST);
    env.write("lib/canned.toml", manifest);
    canned(&env, "export --format csv")
        .stdout("id,title,shortcut,urgency,topic,customer,tags,lang,body,notes,examples,owner,reviewed,expires\r\n")
        .stderr("warning: 1 problem in the library; run `canned check` for details\nwarning: left out 2 responses that `check` fails (refund, late); run `canned check` for details\n")
        .run();
    // A template that writes a placeholder itself, one that does not
    // render, a branch for a customer type the library does not have.
    env.write("lib/canned.toml", MANIFEST);
    let broken = [
        ("written", "Hi {{ \"[Name]\" }}"),
        ("unclosed", "{% if name %}Hi {{ name }}"),
        (
            "never",
            "{% if customer_type == \"vpi\" %}Hi VIP{% endif %}Hi {{ name }}",
        ),
    ];
    let mut file = response("refund");
    for (id, body) in broken {
        file.push_str(&response(id).replace("Hi {{ name }}", body));
    }
    env.write("lib/billing.toml", file);
    let out = canned(&env, "export --format csv")
        .any_stdout()
        .stderr("warning: left out 3 responses that `check` fails (written, unclosed, never); run `canned check` for details\n")
        .run();
    assert!(out.stdout.contains("\nrefund,"), "{}", out.stdout);
}

/// A translation `check` fails goes alone: `use` copies the response in
/// its other languages, so an export leaving it out whole would drop
/// replies agents send. A response whose own text fails goes whole.
#[test]
fn an_export_leaves_out_a_failing_translation_alone_and_keeps_its_response() {
    let translated = |id: &str, french: &str| {
        format!(
            "{}\n[response.translations.fr]\ntitle = \"Titre de {id}\"\nbody = \"{french}\"\n",
            response(id)
        )
    };
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "billing.toml",
            &[
                translated("refund", "Bonjour {{ name }}"),
                translated("late", "Bonjour {{ name , merci"),
                translated("lost", "Bonjour XXX"),
                translated("gone", "Bonjour {{ name }}")
                    .replace("Hi {{ name }}", "Hi {% if name %}{{ name }}"),
            ]
            .concat(),
        ),
    ]);
    for format in ["json", "csv", "markdown"] {
        let out = canned(&env, "export --format")
            .arg(format)
            .any_stdout()
            .stderr(&unindent(
                "
                warning: left out 1 response that `check` fails (gone); run `canned check` for details
                warning: left out 2 translations that `check` fails (late in fr, lost in fr), keeping the other languages; run `canned check` for details
                ",
            ))
            .run();
        for kept in [
            "Title of refund",
            "Titre de refund",
            "Title of late",
            "Title of lost",
        ] {
            assert!(
                out.stdout.contains(kept),
                "{format}: {kept}: {}",
                out.stdout
            );
        }
        for gone in ["Titre de late", "Titre de lost", "gone"] {
            assert!(
                !out.stdout.contains(gone),
                "{format}: {gone}: {}",
                out.stdout
            );
        }
    }
    // What the export keeps, `use` copies; what it leaves out, `use` refuses.
    canned(&env, "use late --print --var name=Ann")
        .stdout("Hi Ann\n— the team")
        .run();
    canned(&env, "use late --lang fr --print --var name=Ann")
        .status(1)
        .stderr("error: `late` cannot be used: template error: Found `,` but expected }}.\nhint: run `canned check` to see where\n")
        .run();
}

#[test]
fn export_json_has_every_field_translations_and_the_vocabulary() {
    canned(&library(), "export")
        .stdout(
            r#"
            {
              "name": null,
              "default_lang": "en",
              "languages": [],
              "topics": [
                "billing",
                "shipping"
              ],
              "customer_types": [
                "new",
                "vip"
              ],
              "stale_after_days": 180,
              "max_body_words": 200,
              "jargon": [],
              "variables": {
                "agent": {
                  "description": "Your first name",
                  "example": null,
                  "default": "the team",
                  "pattern": null
                },
                "name": {
                  "description": "Customer's first name",
                  "example": "Sarah",
                  "default": null,
                  "pattern": null
                },
                "order": {
                  "description": "Order number",
                  "example": "1245",
                  "default": null,
                  "pattern": "^[0-9]+$"
                }
              },
              "partials": {
                "signature": "— {{ agent }}"
              },
              "responses": [
                {
                  "id": "refund",
                  "title": "Title of refund",
                  "lang": "en",
                  "languages": [
                    "en"
                  ],
                  "shortcut": null,
                  "urgency": "normal",
                  "topic": "billing",
                  "customer": [
                    "any"
                  ],
                  "tags": [],
                  "owner": null,
                  "reviewed": null,
                  "expires": null,
                  "file": "billing.toml",
                  "line": 1,
                  "notes": null,
                  "examples": [],
                  "body": "Hi {{ name }}\n{% include \"signature\" %}",
                  "translations": {}
                }
              ]
            }
            "#,
        )
        .run();
    let v = export_sample("").run().json();
    assert_eq!(v["name"], "Acme Support");
    let r = v["responses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "refund-vip")
        .unwrap();
    assert_eq!(
        r["translations"]["fr"]["title"],
        "Remboursement prioritaire pour un client VIP"
    );
    assert_eq!(
        (&r["file"], &r["line"]),
        (&"billing.toml".into(), &51.into())
    );
}

#[test]
fn export_markdown_is_a_catalogue_by_topic_then_urgency() {
    // "1 responses" (reported).
    canned(&library(), "export --format markdown")
        .stdout(
            "
            # Canned responses

            1 response. Placeholders such as `{{ name }}` are filled in by `canned use`.

            ## Billing

            ### Normal

            #### Title of refund (`refund`)

            customer: any · languages: en

            ```text
            Hi {{ name }}
            {% include \"signature\" %}
            ```
            ",
        )
        .run();
    let md = export_sample("--format markdown").run().stdout;
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
    assert!(pos("### Normal") < pos("### Low"), "{section}");
    assert!(section.contains("(`refund-vip`)"));
}

#[test]
fn export_csv_quotes_cells_with_commas_quotes_and_line_breaks() {
    canned(&library(), "export --format csv")
        .stdout(
            "id,title,shortcut,urgency,topic,customer,tags,lang,body,notes,examples,owner,reviewed,expires\r\n\
             refund,Title of refund,,normal,billing,any,,en,\"Hi {{ name }}\n\
             {% include \"\"signature\"\" %}\",,,,,\r\n",
        )
        .run();
}

// ---------------------------------------------------------------- trust

/// A library whose cells a spreadsheet would run as formulas, with tags
/// holding `;` and spaces, and text with spaces in front.
const TRICKY: &str = r#"[[response]]
id = "tricky"
title = '=HYPERLINK("http://evil.example","click")'
topic = "billing"
customer = ["new", "vip"]
tags = ["-risky", "late delivery", "a;b", "@at", "say \"hi\""]
owner = "@support-leads"
notes = "+33 1 23 45 67 89"
examples = ["=1+1 where is it", "'quoted already"]
body = """
-5% on your next order, {{ name }}.
{% include "signature" %}"""

[response.translations.fr]
title = "   Titre avec espaces"
body = "\tTabulation {{ name }}"

[[response]]
id = "quote"
title = "'Tis the season"
topic = "shipping"
owner = "  spaced owner"
tags = ["gift"]
body = "@{{ name }}: hello"
"#;

#[test]
fn csv_export_neutralises_formula_cells_and_import_restores_them_exactly() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("tricky.toml", TRICKY)]);
    let csv = canned(&env, "export --format csv")
        .stdout(
            "id,title,shortcut,urgency,topic,customer,tags,lang,body,notes,examples,owner,reviewed,expires\r\n\
             tricky,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",,normal,billing,new;vip,\
             \"'-risky;\"\"late delivery\"\";\"\"a;b\"\";@at;\"\"say \"\"\"\"hi\"\"\"\"\"\"\",en,\
             \"'-5% on your next order, {{ name }}.\n{% include \"\"signature\"\" %}\",'+33 1 23 45 67 89,\
             \"'=1+1 where is it\n'quoted already\",'@support-leads,,\r\n\
             tricky,\"   Titre avec espaces\",,normal,billing,new;vip,\
             \"'-risky;\"\"late delivery\"\";\"\"a;b\"\";@at;\"\"say \"\"\"\"hi\"\"\"\"\"\"\",fr,\
             '\tTabulation {{ name }},,,'@support-leads,,\r\n\
             quote,''Tis the season,,normal,shipping,any,gift,en,'@{{ name }}: hello,,,\"  spaced owner\",,\r\n",
        )
        .run()
        .stdout;
    // No cell starts with what a spreadsheet runs.
    for line in csv.lines().skip(1) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {line:?}"
            );
        }
    }
    let copy = Env::with_library(&[("canned.toml", MANIFEST)]);
    copy.write("out.csv", &csv);
    canned(&copy, "import --from csv out.csv")
        .stdout("Imported 2 responses from out.csv into lib/imported-csv-2026-11-24.toml\n")
        .run();
    canned(&copy, "check")
        .stdout("✓ 2 responses in 1 file: no errors\n")
        .run();
    let before = canned(&env, "export").any_stdout().run().stdout;
    let after = canned(&copy, "export").any_stdout().run().stdout;
    let (before, after) = (csv_fields(before.as_bytes()), csv_fields(after.as_bytes()));
    assert_eq!(before.len(), 2);
    assert_eq!(before, after);
    let tricky = &after[1];
    assert_eq!(
        tricky["tags"],
        serde_json::json!(["-risky", "late delivery", "a;b", "@at", "say \"hi\""])
    );
    assert_eq!(
        tricky["translations"]["fr"]["title"],
        "   Titre avec espaces"
    );
    assert_eq!(after[0]["title"], "'Tis the season");
    assert_eq!(after[0]["owner"], "  spaced owner");
    // And once more: the CSV of the copy is the CSV of the original.
    canned(&copy, "export --format csv").stdout(&csv).run();
}

#[test]
fn csv_typed_by_hand_keeps_its_lists_and_apostrophes() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,topic,customer,tags,body\n\
         typed,'Tis typed, billing ,new vip,\"late delivery;refund, fast\",'=not a formula\n\
         ",
    );
    canned(&env, "import --from csv in.csv")
        .stdout("Imported 1 response from in.csv into lib/imported-csv-2026-11-24.toml\n")
        .run();
    let v = canned(&env, "show typed --raw --json")
        .any_stdout()
        .run()
        .json();
    assert_eq!(v["title"], "'Tis typed");
    assert_eq!(v["topic"], "billing");
    assert_eq!(v["customer"], serde_json::json!(["new", "vip"]));
    assert_eq!(
        v["tags"],
        serde_json::json!(["late delivery", "refund, fast"])
    );
    assert_eq!(v["body"], "=not a formula");
}

#[test]
fn a_csv_topic_that_is_a_path_is_refused_as_new_refuses_it() {
    let refusal = "invalid topic \"../../x\"; expected a word such as `shipping`, not a path";
    let env = library();
    canned(&env, "new --id x --title T --topic ../../x --no-edit")
        .status(2)
        .stderr(&format!("error: {refusal}\n{NOTHING_WRITTEN}"))
        .run();
    env.write("in.csv", "id,title,topic,body\nx,T,../../x,b\n");
    canned(&env, "import --from csv in.csv")
        .status(1)
        .stderr(&format!(
            "error: cannot import in.csv:\n  line 2, column 5: {refusal}\n{NOTHING_WRITTEN}"
        ))
        .run();
    // A translation's row takes its response's topic, and is refused too.
    env.write(
        "in.csv",
        "id,title,topic,lang,body\nx,T,billing,en,b\nx,T fr,../../x,fr,b fr\n",
    );
    canned(&env, "import --from csv in.csv")
        .status(1)
        .stderr(&format!(
            "error: cannot import in.csv:\n  line 3, column 8: {refusal}\n{NOTHING_WRITTEN}"
        ))
        .run();
    assert_eq!(std::fs::read_dir(env.library()).unwrap().count(), 2);
    assert_eq!(env.read("lib/canned.toml"), MANIFEST);
    assert!(!env.path().join("x.toml").exists());
}

/// A Zendesk macro with an internal note in an HTML comment, dynamic
/// content, and entities that stand for an escape and a bidi override.
const HOSTILE_MACRO: &str = r#"{"macros": [{"id": 42, "title": "Welcome", "actions": [
  {"field": "comment_value_html", "value": "<p>Hi {{ticket.requester.first_name}},</p><!-- Internal: threatened a chargeback, do not refund -->\n<p>{{dc.welcome_text}}</p><p>Bye&#27;]52;c;ZXZpbA==&#7; &#x202E;now&#x1b;[2J</p>"}
]}]}"#;

#[test]
fn zendesk_notes_dynamic_content_and_entities_never_reach_a_customer() {
    let env = library();
    env.write("in.json", HOSTILE_MACRO);
    canned(&env, "import --from zendesk in.json")
        .stdout(
            "
            Imported 1 response from in.json into lib/imported-zendesk-2026-11-24.toml
            Added to lib/canned.toml: topics general
            ",
        )
        .stderr(
            r#"
            Not representable (kept in each response's notes):
              macro 42 "Welcome" → welcome: has an HTML comment in its comment (moved to the notes, out of the reply)
            Left in the body as plain text, to rewrite before `check` passes (placeholders, dynamic content, Liquid code):
              macro 42 "Welcome" → welcome: dc.welcome_text
            "#,
        )
        .run();
    assert_eq!(
        env.read(&imported_zendesk()),
        "# Imported from in.json (zendesk) by `canned import` on 2026-11-24.\n\
         # Review each response, then run `canned check`.\n\
         [[response]]\n\
         id = \"welcome\"\n\
         title = \"Welcome\"\n\
         topic = \"general\"\n\
         notes = \"\"\"\n\
         Imported from Zendesk macro 42.\n\
         Internal note (an HTML comment in Zendesk): Internal: threatened a chargeback, do not refund\n\
         In Zendesk this macro also: has an HTML comment in its comment (moved to the notes, out of the reply).\n\
         `dc.welcome_text` was Zendesk dynamic content: rewrite `[dc.welcome_text]` in the body (`canned use` refuses to copy it until then).\"\"\"\n\
         body = \"\"\"\n\
         Hi {{ name }},\n\
         \n\
         [dc.welcome_text]\n\
         \n\
         Bye]52;c;ZXZpbA== now[2J\"\"\"\n"
    );
    canned(&env, "check")
        .status(1)
        .stdout(
            "
            lib/imported-zendesk-2026-11-24.toml:15:1: error: `[dc.welcome_text]` is left in the text: `use` refuses to copy a reply holding it (response `welcome`)
                hint: write what the customer should read, or a variable (`{{ name }}`)

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
    canned(&env, "use welcome --var name=Sarah --print")
        .status(1)
        .stderr(
            "
            error: the text of `welcome` still contains `[dc.welcome_text]`: not copied
            hint: the reply's template, or a default in canned.toml, holds it: `canned check` shows where (`canned show welcome --raw` shows the template)
            ",
        )
        .run();
}

/// A Liquid tag written across lines is one item of the list, its break
/// shown as `⏎`: a line of its own would read as another item.
#[test]
fn a_liquid_tag_across_lines_is_listed_on_one_line() {
    let env = library();
    env.write(
        "in.json",
        r#"{"macros": [{"id": 7, "title": "Open", "actions": [
  {"field": "comment_value", "value": "Hi {% if ticket.status ==\n 'open' %}yes{% endif %}"}
]}]}"#,
    );
    canned(&env, "import --from zendesk in.json")
        .stdout(
            "
            Imported 1 response from in.json into lib/imported-zendesk-2026-11-24.toml
            Added to lib/canned.toml: topics general
            ",
        )
        .stderr(
            r#"
            Left in the body as plain text, to rewrite before `check` passes (placeholders, dynamic content, Liquid code):
              macro 7 "Open" → open: if ticket.status ==⏎ 'open'
              macro 7 "Open" → open: endif
            "#,
        )
        .run();
}

#[test]
fn an_import_killed_between_its_two_files_leaves_a_library_that_checks_and_completes_on_rerun() {
    let csv = "id,title,topic,body\nlate,Late,returns,Hi {{ name }}\n";
    for point in ["mid-write", "before-rename", "after-rename"] {
        let env = library();
        env.write("in.csv", csv);
        // The first file written is the manifest, gaining topic `returns`:
        // the process dies at `point` of that write, as under kill -9.
        canned(&env, "import --from csv in.csv")
            .env("CANNED_TEST_FAIL_AT", point)
            .signal(crate::support::SIGABRT)
            .run();
        assert!(
            !env.path().join("lib/imported-csv-2026-11-24.toml").exists(),
            "{point}"
        );
        let manifest = env.read("lib/canned.toml");
        let extended = manifest.contains("topics = [\"billing\", \"shipping\", \"returns\"]");
        assert_eq!(extended, point == "after-rename", "{point}: {manifest}");
        canned(&env, "check")
            .stdout("✓ 1 response in 1 file: no errors\n")
            .run();
        // The same import, run again, completes.
        canned(&env, "import --from csv in.csv")
            .stdout(if extended {
                "Imported 1 response from in.csv into lib/imported-csv-2026-11-24.toml\n"
            } else {
                "
                Imported 1 response from in.csv into lib/imported-csv-2026-11-24.toml
                Added to lib/canned.toml: topics returns
                "
            })
            .run();
        canned(&env, "check")
            .stdout("✓ 2 responses in 2 files: no errors\n")
            .run();
        let hidden: Vec<_> = std::fs::read_dir(env.library())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert_eq!(
            hidden,
            Vec::<String>::new(),
            "{point}: temporary files left"
        );
    }
}

#[test]
fn csv_cells_with_hidden_characters_are_refused_and_nothing_is_written() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,topic,body\nok,Refund\u{200b},billing,\"Hi \u{1b}[2J{{ name }}\"\n",
    );
    import_csv(&env)
        .status(1)
        .stdout("")
        .stderr(
            "
            error: cannot import in.csv:
              line 2, column 10: `title` holds U+200B, an invisible formatting character; expected visible text: line breaks and tabs are the only control characters text may hold (delete it: text pasted from a web page, a document or a terminal often carries one)
              line 2, column 24: `body` holds U+001B, a control character; expected visible text: line breaks and tabs are the only control characters text may hold (delete it: text pasted from a web page, a document or a terminal often carries one)
            hint: nothing was written
            ",
        )
        .run();
    assert_eq!(std::fs::read_dir(env.library()).unwrap().count(), 2);
}

/// The manifest an import adds topics to keeps how it is written: a
/// Windows file's line ends and byte order mark, and a list of topics one
/// a line, its comments where they were. Otherwise git shows every line
/// of it changed.
#[test]
fn an_import_extends_the_manifest_as_it_is_written() {
    let manifest = "\u{feff}# Team library\r\n[library]\r\ntopics = [\r\n  \"shipping\",  # parcels\r\n]\r\n\r\n[variables.name]\r\ndescription = \"Customer's first name\"\r\nexample = \"Sam\"\r\n";
    let env = Env::with_library(&[("canned.toml", manifest)]);
    env.write(
        "in.csv",
        "id,title,topic,body\nhello,Hello,billing,Hi {{ name }}\n",
    );
    canned(&env, "import --from csv in.csv")
        .stdout(
            "
            Imported 1 response from in.csv into lib/imported-csv-2026-11-24.toml
            Added to lib/canned.toml: topics billing
            ",
        )
        .run();
    assert_eq!(
        env.read("lib/canned.toml"),
        manifest.replace(
            "  \"shipping\",  # parcels\r\n",
            "  \"shipping\",  # parcels\r\n  \"billing\",\r\n"
        )
    );
}

/// The folders of `--file` are made only by an import that writes: a dry
/// run, or an import refused for its problems, leaves the library as it
/// was.
#[test]
fn only_an_import_that_writes_makes_the_folders_of_its_file() {
    let env = library();
    env.write(
        "in.csv",
        "id,title,topic,body\nhello,Hello,billing,Hi {{ name }}\n",
    );
    canned(
        &env,
        "import --from csv in.csv --dry-run --file new/deeper/x.toml",
    )
    .any_stdout()
    .run();
    assert!(!env.path().join("lib/new").exists());

    env.write(
        "bad.csv",
        "id,title,topic,body\nhello,Hello,billing,Hi {% if %}\n",
    );
    canned(&env, "import --from csv bad.csv --file refused/x.toml")
        .status(1)
        .any_stderr()
        .run();
    assert!(!env.path().join("lib/refused").exists());

    canned(&env, "import --from csv in.csv --file new/deeper/x.toml")
        .stdout("Imported 1 response from in.csv into lib/new/deeper/x.toml\n")
        .run();
    assert!(env.path().join("lib/new/deeper/x.toml").is_file());
}

/// Placeholders a macro's or a row's text already held fail `check` as the
/// helpdesk's own code does: the import lists them, so it never looks
/// clean when it is not.
#[test]
fn an_import_lists_the_placeholders_its_text_already_held() {
    let env = library();
    env.write(
        "in.json",
        r#"[{"id": 7, "title": "Billing::Hello", "actions": [
            {"field": "comment_value", "value": "Hi <Customer Name>, order XXX. TODO {{dc.hi}}"}]}]"#,
    );
    canned(&env, "import --from zendesk in.json")
        .any_stdout()
        .stderr(
            r#"
            Left in the body as plain text, to rewrite before `check` passes (placeholders, dynamic content, Liquid code):
              macro 7 "Billing::Hello" → hello: dc.hi
              macro 7 "Billing::Hello" → hello: <Customer Name>
              macro 7 "Billing::Hello" → hello: XXX
              macro 7 "Billing::Hello" → hello: TODO
            "#,
        )
        .run();
    // Each row where it is: a translation's own line, the same name again.
    env.write(
        "in.csv",
        "id,title,topic,lang,body\n\
         hello-x,Hello,billing,en,\"Hi [Name], <p>\"\n\
         hello-x,Bonjour,billing,fr,\"Bonjour [Name]\"\n",
    );
    canned(&env, "import --from csv in.csv")
        .any_stdout()
        .stderr(
            "
            Left in the body as plain text, to rewrite before `check` passes (placeholders, dynamic content, Liquid code):
              line 2 → hello-x: [Name]
              line 2 → hello-x: <p>
              line 3 → hello-x: [Name]
            ",
        )
        .run();
}
