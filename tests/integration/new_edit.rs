//! `canned new` and `canned edit`: format-preserving appends, validation as
//! `check` does it, and the editor opened at the right line.

use std::path::PathBuf;

use crate::support::{Env, MANIFEST, Pty, Test, canned_bin, response, unindent};

/// `canned ARGS` in `env`, the library given through the environment,
/// `args` split at spaces (add an argument with spaces with `.arg`).
fn canned<'a>(env: &'a Env, args: &str) -> Test<'a> {
    env.test()
        .env("CANNED_LIBRARY", "lib")
        .args(args.split_whitespace())
}

/// `canned check` in `env`, which passes with `responses` in `files`.
/// `check` passes but for the starter body of the draft `id`, whose
/// `TODO` line is there to be written: `use` refuses to copy it until then.
fn check_passes_but_for_the_draft(env: &Env, id: &str, responses: usize, files: usize) {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let out = canned(env, "check").status(1).any_stdout().run().stdout;
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "{out}");
    assert!(
        errors[0].ends_with(&format!(
            ": error: `TODO` is left in the text: `use` refuses to copy a reply holding it (response `{id}`)"
        )),
        "{out}"
    );
    assert!(
        out.ends_with(&format!(
            "\n✗ 1 error in a library of {files} file{}; {} response{} valid\n",
            s(files),
            responses - 1,
            s(responses - 1)
        )),
        "{out}"
    );
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

fn new_late(env: &Env) -> Test<'_> {
    canned(env, "new --id late --topic shipping --no-edit")
        .args(["--title", "Order is late"])
        .stdout("Added `late` to lib/shipping.toml:12\n")
}

#[test]
fn new_appends_after_one_blank_line_and_keeps_every_old_byte() {
    let env = library();
    new_late(&env).run();
    // The file's [defaults] already give the topic.
    assert_eq!(
        env.read("lib/shipping.toml"),
        format!(
            "{SHIPPING}\n\n[[response]]\nid = \"late\"\ntitle = \"Order is late\"\nbody = \"\"\"\n\
             Hi {{{{ name }}}},\n\nTODO: write the reply here.\n{{% include \"signature\" %}}\"\"\"\n"
        )
    );
    check_passes_but_for_the_draft(&env, "late", 3, 2);
}

/// The starter greets in the reply's language: a French reply opening
/// "Hi" would go out so if its writer kept the greeting.
#[test]
fn new_greets_in_the_replys_language() {
    let env = library();
    canned(&env, "new --id tard --topic shipping --lang fr --no-edit")
        .args(["--title", "Commande en retard"])
        .any_stdout()
        .run();
    let file = env.read("lib/shipping.toml");
    assert!(
        file.contains(
            "lang = \"fr\"\nbody = \"\"\"\nBonjour {{ name }},\n\nTODO: write the reply here."
        ),
        "{file}"
    );
}

#[test]
fn new_uses_the_name_variable_and_the_signature_partial_in_its_starter_body() {
    let env = library();
    new_late(&env).run();
    canned(&env, "show late")
        .stdout(
            "
            late  Order is late
              shortcut   —
              urgency    • normal
              topic      shipping
              customer   any
              tags       —
              languages  en (showing en)
              owner      —
              reviewed   —
              expires    —
              file       lib/shipping.toml:12

            variables
              agent  Your first name  default: the team
              name   Customer's first name  e.g. Sarah

            body (with example values)
            Hi Sarah,

            TODO: write the reply here.
            — the team
            ",
        )
        .run();
}

#[test]
fn new_creates_the_topic_file_when_no_file_has_that_topic() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("shipping.toml", SHIPPING)]);
    canned(&env, "new --id invoice-copy --topic billing --no-edit")
        .args(["--title", "Copy of an invoice"])
        .stdout("Added `invoice-copy` to lib/billing.toml:5\n")
        .run();
    assert_eq!(
        env.read("lib/billing.toml"),
        unindent(
            r#"
            # Responses about billing. Run `canned check` after editing.
            [defaults]
            topic = "billing"

            [[response]]
            id = "invoice-copy"
            title = "Copy of an invoice"
            body = """
            Hi {{ name }},

            TODO: write the reply here.
            {% include "signature" %}"""
            "#
        )
    );
    check_passes_but_for_the_draft(&env, "invoice-copy", 2, 2);
}

#[test]
fn new_escapes_quotes_backslashes_and_line_ends_in_values() {
    let env = library();
    let title = r#"Say "hi" \ back 'now'"#;
    canned(
        &env,
        "new --id odd --topic billing --no-edit -u high -c vip,new",
    )
    .args(["--title", title, "--tags", "a\"b,c"])
    .stdout("Added `odd` to lib/billing.toml:9\n")
    .run();
    check_passes_but_for_the_draft(&env, "odd", 3, 2);
    let v = canned(&env, "show odd --json").any_stdout().run().json();
    assert_eq!(v["title"], title);
    assert_eq!(v["tags"], serde_json::json!(["a\"b", "c"]));
    assert_eq!(v["urgency"], "high");
    assert_eq!(v["customer"], serde_json::json!(["vip", "new"]));
}

#[test]
fn new_refuses_a_duplicate_id_and_writes_nothing() {
    let env = library();
    canned(
        &env,
        "new --id transit --title Again --topic shipping --no-edit",
    )
    .status(2)
    .stderr(
        "
            error: id `transit` is already the id of `transit` (lib/shipping.toml:5:1)
            hint: nothing was written
            ",
    )
    .run();
    assert_eq!(env.read("lib/shipping.toml"), SHIPPING);
}

/// A teammate's unclosed quote leaves a file out whole: its ids are
/// unknown, and the new one could be one of them.
#[test]
fn new_refuses_while_a_file_is_left_out_whole_and_writes_nothing() {
    let env = library();
    env.write("lib/shipping.toml", format!("{SHIPPING}\nbroken = \"\n"));
    canned(
        &env,
        "new --id transit --title Again --topic billing --no-edit",
    )
    .status(1)
    .stderr(&format!(
        "
            error: lib/shipping.toml:{}:11: invalid TOML: invalid basic string, expected `\"`: the ids and shortcuts it holds are unknown, so no new one can be checked against them
            hint: fix it first (`canned check` shows where); nothing was written
            ",
        SHIPPING.lines().count() + 1
    ))
    .run();
    assert_eq!(env.read("lib/billing.toml"), response("refund"));
}

/// A response file that is a link out of the library is not read, and its
/// ids are unknown as a broken file's are: the teammate who puts the file
/// itself in its place would bring back an id `new` had given again.
#[cfg(unix)]
#[test]
fn new_refuses_while_a_file_is_a_link_out_of_the_library() {
    let env = library();
    env.write("outside/shipping.toml", SHIPPING);
    std::fs::remove_file(env.path().join("lib/shipping.toml")).unwrap();
    std::os::unix::fs::symlink(
        "../outside/shipping.toml",
        env.path().join("lib/shipping.toml"),
    )
    .unwrap();
    canned(
        &env,
        "new --id transit --title Again --topic billing --no-edit",
    )
    .status(1)
    .stderr(
        "
            error: lib/shipping.toml:1:1: symbolic link to outside the library; not followed: the ids and shortcuts it holds are unknown, so no new one can be checked against them
            hint: fix it first (`canned check` shows where); nothing was written
            ",
    )
    .run();
    assert_eq!(env.read("lib/billing.toml"), response("refund"));
}

/// A merge conflict committed between keys is named as one, where `check`
/// names it (it was "key with no value", at another column).
#[test]
fn new_names_a_merge_conflict_as_check_does() {
    let env = library();
    env.write(
        "lib/billing.toml",
        response("refund").replace(
            "title = \"Title of refund\"",
            "<<<<<<< HEAD\ntitle = \"Title of refund\"\n=======\ntitle = \"Refund\"\n>>>>>>> other",
        ),
    );
    let out = canned(&env, "new --id late --title Late --topic billing --no-edit")
        .status(1)
        .any_stderr()
        .run();
    assert!(
        out.stderr.starts_with(
            "error: lib/billing.toml:3:1: not valid TOML: `<<<<<<<` is a merge conflict's marker"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn new_refuses_a_shortcut_that_is_another_response_s_id() {
    let env = library();
    canned(
        &env,
        "new --id x --title X --topic billing --shortcut refund --no-edit",
    )
    .status(2)
    .stderr(
        "
            error: shortcut `refund` is already the id of `refund` (lib/billing.toml:1:1)
            hint: nothing was written
            ",
    )
    .run();
}

#[test]
fn new_reports_every_invalid_value_at_once_with_suggestions() {
    let env = library();
    canned(&env, "new --title T --topic shiping -u hihg -c vp --lang french --no-edit")
        .args(["--id", "Bad Id"])
        .status(2)
        .stderr(
            r#"
            error: 5 problems:
              invalid id "Bad Id"; expected lowercase letters, digits and dashes, starting with a letter or digit (try "bad-id")
              unknown topic "shiping"; expected one of the manifest's topics: billing, shipping (did you mean `shipping`?)
              invalid urgency "hihg"; expected one of: low, normal, high, critical (did you mean `high`?)
              unknown customer type "vp"; expected one of: any, new, vip (did you mean `vip`?)
              `french` is not a language tag; expected a tag such as "en" or "fr"
            hint: nothing was written
            "#,
        )
        .run();
}

/// A customer type typed in any case is written as the manifest spells
/// it, once, as an urgency typed `High` is written `high`.
#[test]
fn new_writes_a_customer_type_and_an_urgency_as_the_library_spells_them() {
    let env = library();
    canned(
        &env,
        "new --id late --topic shipping -c VIP -c vip -u High --no-edit",
    )
    .args(["--title", "Order is late"])
    .stdout("Added `late` to lib/shipping.toml:12\n")
    .run();
    let written = env.read("lib/shipping.toml");
    assert!(
        written.contains("urgency = \"high\"\ncustomer = \"vip\"\n"),
        "{written}"
    );
}

#[test]
fn new_without_a_terminal_names_every_missing_flag_and_exits_2() {
    let env = library();
    canned(&env, "new --title")
        .arg("Only a title")
        .status(2)
        .stderr(
            r#"
            error: missing --id, --topic
            hint: canned new --id order-late --title "Order is late" --topic shipping (or run it on a terminal to be asked)
            "#,
        )
        .run();
}

#[test]
fn new_refuses_ids_topics_and_files_that_lead_outside_the_library() {
    let env = library();
    let refused = |flags: &str, error: &str| {
        canned(&env, "new --title T --no-edit")
            .args(flags.split_whitespace())
            .status(2)
            .stderr(&format!("error: {error}\nhint: nothing was written\n"))
            .run();
    };
    refused(
        "--id ../../x --topic billing",
        r#"invalid id "../../x"; expected lowercase letters, digits and dashes, starting with a letter or digit (try "x")"#,
    );
    refused(
        "--id x --topic ../../x",
        r#"invalid topic "../../x"; expected a word such as `shipping`, not a path"#,
    );
    refused(
        "--id x --topic billing --file ../outside.toml",
        "`../outside.toml` leads outside the library (`..` is not allowed)",
    );
    let outside = env.path().join("outside.toml");
    refused(
        &format!("--id x --topic billing --file {}", outside.display()),
        "`[TMP]/outside.toml` is outside the library",
    );
    assert!(!outside.exists());
    assert!(!env.path().join("x.toml").exists());
    assert_eq!(env.read("lib/billing.toml"), response("refund"));
}

/// A topic named as a Windows device (`nul`) names no file `new` may
/// write: it was "leads outside the library through a symlink".
#[test]
fn new_refuses_a_file_named_after_a_device_topic() {
    let manifest = MANIFEST.replace("topics = [", "topics = [\"nul\", ");
    let env = Env::with_library(&[("canned.toml", &manifest)]);
    canned(&env, "new --id t1 --title T --topic nul --no-edit")
        .status(2)
        .stderr(
            "error: `nul.toml` is a device's name on Windows: no file can have it; pass --file NAME.toml\n\
             hint: nothing was written\n",
        )
        .run();
}

#[test]
fn new_refuses_files_the_library_would_never_load() {
    let env = library();
    let refused = |file: &str, error: &str| {
        canned(
            &env,
            "new --id x --title T --topic billing --no-edit --file",
        )
        .arg(file)
        .status(2)
        .stderr(&format!("error: {error}\nhint: nothing was written\n"))
        .run();
    };
    refused(
        ".hidden.toml",
        "`.hidden.toml` is hidden: canned never loads hidden files or folders",
    );
    refused(
        "drafts/.old/x.toml",
        "`drafts/.old/x.toml` is hidden: canned never loads hidden files or folders",
    );
    refused(
        "notes.txt",
        "`notes.txt` is not a `.toml` file: canned loads only those",
    );
    refused(
        "canned.toml",
        "`canned.toml` is the manifest, which holds no responses",
    );
    refused(
        "new\nline.toml",
        "`new⏎line.toml` holds U+000A, a control character, which Windows file names cannot hold",
    );
    // Whatever `check` refuses of a name, `new` refuses: a device's name
    // with spaces before its extension, the consoles, the manifest's name
    // in another case (every command skips that file).
    refused(
        "con .toml",
        "`con .toml` is a device's name on Windows: no file can have it",
    );
    refused(
        "conout$.toml",
        "`conout$.toml` is a device's name on Windows: no file can have it",
    );
    refused(
        "Canned.toml",
        "`Canned.toml` is the manifest's name in another case: every command skips it",
    );
    // Nor what a teammate on Windows could not check out (it was written,
    // and under wine `con.toml` was "Bad device type").
    refused(
        "con.toml",
        "`con.toml` is a device's name on Windows: no file can have it",
    );
    refused(
        "ship:ads.toml",
        "`ship:ads.toml` holds `:`, which Windows file names cannot hold",
    );
    // Nor a name only the case of one there tells apart: on Windows and
    // macOS the two are one, and a checkout would keep one of them.
    refused(
        "Billing.toml",
        "`Billing.toml` differs from `billing.toml` only in case: on Windows and macOS they are one, and a teammate's checkout would lose one of them",
    );
    // Nor one only how an accent is written tells apart (macOS).
    env.write("lib/r\u{e9}ponses.toml", "");
    refused(
        "re\u{301}ponses.toml",
        "`re\u{301}ponses.toml` is there already, its accents written two ways (as one character, and as a letter and a mark): on macOS they are one, and a teammate's checkout would lose one of them",
    );
    // One differing in case as well names the file there.
    refused(
        "RE\u{301}PONSES.toml",
        "`RE\u{301}PONSES.toml` differs from `r\u{e9}ponses.toml` in case and in how its accents are written: on macOS they are one, and a teammate's checkout would lose one of them",
    );
    std::fs::remove_file(env.library().join("r\u{e9}ponses.toml")).unwrap();
    std::fs::create_dir(env.library().join("drafts")).unwrap();
    // A folder's files join the other's there: the name to write is said.
    refused(
        "Drafts/x.toml",
        "`Drafts` differs from the folder `drafts` only in case: on Windows and macOS they are one folder; write `drafts/x.toml`",
    );
    // And the file there, when one is named so in another case.
    env.write("lib/drafts/x.toml", "");
    refused(
        "Drafts/X.toml",
        "`Drafts` differs from the folder `drafts` only in case: on Windows and macOS they are one folder; write `drafts/x.toml`",
    );
    std::fs::remove_file(env.library().join("drafts/x.toml")).unwrap();
    assert!(!env.library().join("Billing.toml").exists());
    // A topic's own file is held to the same rule, and said so (it was
    // "through a symlink").
    std::fs::remove_file(env.library().join("shipping.toml")).unwrap();
    env.write("lib/Shipping.toml", "");
    canned(&env, "new --id p --title P --topic shipping --no-edit")
        .status(2)
        .stderr(
            "
            error: `shipping.toml` differs from `Shipping.toml` only in case: on Windows and macOS they are one, and a teammate's checkout would lose one of them; pass --file NAME.toml
            hint: nothing was written
            ",
        )
        .run();
    assert!(!env.library().join("ship:ads.toml").exists());
    assert!(!env.library().join(".hidden.toml").exists());
    // Nor a tag on two lines, which `check` refuses.
    canned(
        &env,
        "new --id x --title T --topic billing --no-edit --tags",
    )
    .arg("a\nb")
    .status(2)
    .stderr("error: a tag must be one line\nhint: nothing was written\n")
    .run();
}

/// A file that is not UTF-8 or not TOML is refused where it goes wrong,
/// as `check` says it, and left as it is.
#[test]
fn new_refuses_a_broken_file_where_it_is_broken() {
    let env = library();
    let mut bytes = SHIPPING.as_bytes().to_vec();
    bytes.extend(b"\n# caf\xe9\n");
    env.write("lib/shipping.toml", &bytes);
    canned(&env, "new --id late --topic shipping --no-edit")
        .args(["--title", "Order is late"])
        .status(1)
        .stderr(
            "
            error: lib/shipping.toml:11:6: not valid UTF-8 (byte 207)
            hint: fix it first (`canned check` shows where); nothing was written
            ",
        )
        .run();
    env.write(
        "lib/shipping.toml",
        SHIPPING.replace("\"On its way\"", "\"On its way"),
    );
    canned(&env, "new --id late --topic shipping --no-edit")
        .args(["--title", "Order is late"])
        .status(1)
        .stderr(
            "
            error: lib/shipping.toml:7:46: not valid TOML: invalid basic string, expected `\"`
            hint: fix it first (`canned check` shows where); nothing was written
            ",
        )
        .run();
}

/// Without a manifest it can read (and none read before), topics and
/// customer types cannot be checked: nothing is added.
#[test]
fn new_refuses_to_add_while_the_manifest_is_broken_and_unknown() {
    let env = library();
    env.write("lib/canned.toml", "[library\nname = \"x\"\n");
    canned(&env, "new --id late --topic nonsense --no-edit")
        .args(["--title", "Order is late"])
        .status(1)
        .stderr(
            "
            error: lib/canned.toml:1:9: invalid TOML: unclosed table, expected `]`; no earlier version of it is known
            hint: fix it first (`canned check` shows where); nothing was written
            ",
        )
        .run();
    assert!(!env.path().join("lib/nonsense.toml").exists());
}

#[test]
fn new_appends_to_the_file_given_with_file() {
    let env = library();
    canned(
        &env,
        "new --id vip-late --topic shipping --file vip/shipping.toml --no-edit",
    )
    .args(["--title", "VIP order late"])
    .stdout("Added `vip-late` to lib/vip/shipping.toml:5\n")
    .run();
    check_passes_but_for_the_draft(&env, "vip-late", 3, 3);
}

#[test]
fn new_opens_the_editor_at_the_new_response_s_line() {
    let env = library();
    // The agent writes the reply in place of the starter's TODO line.
    let editor = fake_editor(
        &env,
        "sed -i.bak 's/TODO: write the reply here./It is on its way./' \"$3\" && rm \"$3.bak\"",
    );
    canned(&env, "new --id late --title Late --topic shipping")
        .env("VISUAL", format!("{} --wait", editor.display()))
        .env("EDITOR", "false")
        .stdout("Added `late` to lib/shipping.toml:12\n")
        .stderr("✓ lib/shipping.toml checks clean\n")
        .run();
    assert_eq!(env.read("editor-args"), "--wait\n+12\nlib/shipping.toml\n");
}

#[test]
fn a_draft_left_unwritten_in_the_editor_is_said_so() {
    let env = library();
    let editor = fake_editor(&env, "");
    canned(&env, "new --id late --title Late --topic shipping")
        .env("EDITOR", &editor)
        .status(1)
        .stdout(
            "
            Added `late` to lib/shipping.toml:12
            lib/shipping.toml:18:1: error: `TODO` is left in the text: `use` refuses to copy a reply holding it (response `late`)
                hint: write what the customer should read, or a variable (`{{ name }}`)

            ✗ 1 error in lib/shipping.toml; open it again to fix it
            ",
        )
        .run();
}

#[test]
fn edit_opens_the_editor_at_the_response_s_line() {
    let env = library();
    let editor = fake_editor(&env, "");
    canned(&env, "edit transit")
        .env("EDITOR", &editor)
        .stderr("✓ lib/shipping.toml checks clean\n")
        .run();
    assert_eq!(env.read("editor-args"), "+5\nlib/shipping.toml\n");
}

/// `new` and `edit` check one file; the rest of the library is told of as
/// every command but `check` tells of it: a teammate's manifest that is no
/// longer TOML (its last good version used), a response left out. Before
/// a refusal too, which the manifest's last good version may explain.
#[test]
fn new_and_edit_say_what_the_rest_of_the_library_had_to_skip() {
    let env = library();
    canned(&env, "list").any_stdout().run();
    let manifest = env.read("lib/canned.toml");
    env.write("lib/canned.toml", format!("{manifest}\n[library\n"));
    let fallback = "warning: 1 problem in the library (canned.toml is not valid TOML: its last good version is used); run `canned check` for details\n";
    new_late(&env).stderr(fallback).run();
    // Refused, what was skipped is told first: the topic may be one the
    // broken manifest adds.
    canned(&env, "new --id promo --topic promo --title Promo --no-edit")
        .status(2)
        .stderr(&format!(
            "{fallback}error: unknown topic \"promo\"; expected one of the manifest's topics: billing, shipping (add \"promo\" to `topics` in canned.toml if it is a new topic)\nhint: nothing was written\n"
        ))
        .run();
    let editor = fake_editor(&env, "");
    canned(&env, "edit refund")
        .env("EDITOR", &editor)
        .stderr(&format!("{fallback}✓ lib/billing.toml checks clean\n"))
        .run();
}

#[test]
fn edit_reports_the_problems_of_the_file_after_the_editor_exits() {
    let env = library();
    let editor = fake_editor(
        &env,
        "sed -i.bak 's/{{ name }}/{{ nmae }}/' \"$2\" && rm \"$2.bak\"",
    );
    // Only the edited file is checked: nothing about billing.toml.
    canned(&env, "edit transit")
        .env("EDITOR", &editor)
        .status(1)
        .stdout(
            "
            lib/shipping.toml:9:7: error: variable `nmae` is not declared (response `transit`)
                expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
                hint: did you mean `name`?

            ✗ 1 error in lib/shipping.toml; open it again to fix it
            ",
        )
        .run();
}

/// An id typed over another file's leaves that file's response out (it
/// comes later): told as this edit's error, not "checks clean".
#[test]
fn edit_reports_an_id_it_took_from_a_response_in_another_file() {
    let env = library();
    let editor = fake_editor(
        &env,
        "sed -i.bak 's/^id = \"refund\"/id = \"transit\"/' \"$2\" && rm \"$2.bak\"",
    );
    canned(&env, "edit refund")
        .env("EDITOR", &editor)
        .status(1)
        .stdout(
            "
            lib/shipping.toml:5:1: error: duplicate id `transit` (response `transit`)
                expected: an id used by no other response
                hint: first defined at lib/billing.toml:1:1; this response is skipped, and `transit` names neither until one of them is renamed

            ✗ 1 error in lib/billing.toml; open it again to fix it
            ",
        )
        .run();
}

#[test]
fn edit_says_when_the_editor_deleted_the_file() {
    let env = library();
    let editor = fake_editor(&env, "rm \"$2\"");
    canned(&env, "edit refund")
        .env("EDITOR", &editor)
        .status(1)
        .stderr(
            "
            error: lib/billing.toml is gone: its responses are no longer in the library
            hint: was it deleted or renamed in the editor? `git checkout` brings it back
            ",
        )
        .run();
}

#[test]
fn edit_checks_the_file_the_editor_saved_the_response_to() {
    let env = library();
    let editor = fake_editor(&env, "mv \"$2\" \"${2%.toml}-2.toml\"");
    canned(&env, "edit refund")
        .env("EDITOR", &editor)
        .stderr(
            "
            lib/billing.toml is gone; `refund` is now in lib/billing-2.toml
            ✓ lib/billing-2.toml checks clean
            ",
        )
        .run();
}

#[test]
fn edit_of_an_unknown_id_suggests_the_closest() {
    let env = library();
    canned(&env, "edit trnsit")
        .env("EDITOR", "true")
        .status(1)
        .stderr(
            "
            error: no response with id or shortcut `trnsit`
            hint: did you mean `transit`?
            ",
        )
        .run();
}

/// A quote lost in the first edit leaves the file no TOML at all: the
/// response is still found by its id or shortcut line, and opened at the
/// file's error, to fix it.
#[test]
fn edit_finds_a_response_in_a_file_that_is_no_longer_toml() {
    let env = library();
    env.write(
        "lib/shipping.toml",
        SHIPPING.replace("\"On its way\"", "\"On its way"),
    );
    let editor = fake_editor(&env, "");
    canned(&env, "edit transit")
        .env("EDITOR", &editor)
        .status(1)
        .any_stdout()
        .run();
    assert_eq!(env.read("editor-args"), "+7\nlib/shipping.toml\n");
}

#[test]
fn edit_finds_a_response_that_is_skipped_because_it_is_broken() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "bad.toml",
            "[[response]]\nid = \"broken\"\ntitle = \"B\"\ntopic = \"billing\"\nurgency = \"urgent\"\nbody = \"x\"\nshortcut = \"brk\"\n",
        ),
    ]);
    let editor = fake_editor(&env, "");
    // By its shortcut as by its id.
    canned(&env, "edit brk")
        .env("EDITOR", &editor)
        .status(1)
        .any_stdout()
        .run();
    assert_eq!(env.read("editor-args"), "+5\nlib/bad.toml\n");
    canned(&env, "edit broken")
        .env("EDITOR", &editor)
        .status(1)
        .stdout(
            r#"
            lib/bad.toml:5:11: error: invalid urgency "urgent" (response `broken`)
                expected: one of: low, normal, high, critical
                hint: did you mean `critical`?

            ✗ 1 error in lib/bad.toml; open it again to fix it
            "#,
        )
        .run();
    assert_eq!(env.read("editor-args"), "+5\nlib/bad.toml\n");
}

/// An invalid id's error cannot name its response: the editor opens at
/// it all the same, the first error below the response's header, and
/// not at the header above it; `edit bad-id`, as the error's hint
/// spells the id, finds it too.
#[test]
fn edit_opens_a_response_with_an_invalid_id_at_that_id() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "bad.toml",
            "# Billing\n\n[[response]]\nid = \"Bad Id\"\ntitle = \"B\"\ntopic = \"billing\"\nbody = \"x\"\n",
        ),
    ]);
    let editor = fake_editor(&env, "");
    // As written, or as the error's hint spells it.
    for id in ["Bad Id", "bad-id"] {
        canned(&env, "edit")
            .arg(id)
            .env("EDITOR", &editor)
            .status(1)
            .stdout(
                r#"
                lib/bad.toml:4:6: error: invalid id "Bad Id"
                    expected: lowercase letters, digits and dashes, starting with a letter or digit
                    hint: try "bad-id"

                ✗ 1 error in lib/bad.toml; open it again to fix it
                "#,
            )
            .run();
        assert_eq!(env.read("editor-args"), "+4\nlib/bad.toml\n");
    }
}

/// An id with a letter that looks Latin and is not (`rеfund`, its `е`
/// Cyrillic) is opened by the id its error offers: the hint said `try
/// "refund"`, and `edit refund` found no response.
#[test]
fn edit_opens_a_response_whose_id_has_a_look_alike_letter_by_the_id_offered() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "bad.toml",
            "[[response]]\nid = \"r\u{435}fund\"\ntitle = \"B\"\ntopic = \"billing\"\nbody = \"x\"\n",
        ),
    ]);
    let editor = fake_editor(&env, "");
    for id in ["r\u{435}fund", "refund"] {
        canned(&env, "edit")
            .arg(id)
            .env("EDITOR", &editor)
            .status(1)
            .stdout(
                "
                lib/bad.toml:2:6: error: invalid id \"r\u{435}fund\": `\u{435}` (U+0435) is not the Latin `e` it looks like
                    expected: lowercase letters, digits and dashes, starting with a letter or digit
                    hint: try \"refund\"

                ✗ 1 error in lib/bad.toml; open it again to fix it
                ",
            )
            .run();
        assert_eq!(env.read("editor-args"), "+2\nlib/bad.toml\n", "{id}");
    }
    // A capital looks like a capital.
    env.write("lib/bad.toml", "[[response]]\nid = \"ok\"\nshortcut = \"\u{415}X\"\ntitle = \"B\"\ntopic = \"billing\"\nbody = \"x\"\n");
    canned(&env, "check")
        .status(1)
        .stdout_contains("`\u{415}` (U+0415) is not the Latin `E` it looks like")
        .run();
}

/// A shortcut a rule refuses still names its response: the agent types
/// it as written, or as the error's hint spells it, and the editor opens
/// at the error.
#[test]
fn edit_opens_a_response_by_its_invalid_shortcut() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "bad.toml",
            "[[response]]\nid = \"refund\"\nshortcut = \"Re Fund\"\ntitle = \"B\"\ntopic = \"billing\"\nbody = \"x\"\n",
        ),
    ]);
    let editor = fake_editor(&env, "");
    for name in ["Re Fund", "re fund", "re-fund"] {
        canned(&env, "edit")
            .arg(name)
            .env("EDITOR", &editor)
            .status(1)
            .stdout(
                r#"
                lib/bad.toml:3:12: error: invalid shortcut "Re Fund" (response `refund`)
                    expected: lowercase letters, digits and dashes, starting with a letter or digit
                    hint: try "re-fund"

                ✗ 1 error in lib/bad.toml; open it again to fix it
                "#,
            )
            .run();
        assert_eq!(env.read("editor-args"), "+3\nlib/bad.toml\n", "{name}");
    }
}

/// A shortcut refused for its accent is found however the accent is
/// typed: as one character, or as a letter and a mark.
#[test]
fn edit_opens_a_response_by_a_shortcut_whose_accent_is_typed_either_way() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "bad.toml",
            "[[response]]\nid = \"r3\"\nshortcut = \"re\u{301}glement\"\ntitle = \"B\"\ntopic = \"billing\"\nbody = \"x\"\n",
        ),
    ]);
    let editor = fake_editor(&env, "");
    for name in [
        "r\u{e9}glement",
        "re\u{301}glement",
        "reglement",
        "r\u{200b}\u{e9}glement",
    ] {
        canned(&env, "edit")
            .arg(name)
            .env("EDITOR", &editor)
            .status(1)
            .stdout_contains("invalid shortcut")
            .run();
        assert_eq!(env.read("editor-args"), "+3\nlib/bad.toml\n", "{name:?}");
    }
}

/// A shortcut refused for a character no one sees is found as typed with
/// it, and as it looks without it.
#[test]
fn edit_opens_a_response_by_a_shortcut_holding_a_hidden_character() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "bad.toml",
            "[[response]]\nid = \"r2\"\nshortcut = \"re\u{200b}fund\"\ntitle = \"B\"\ntopic = \"billing\"\nbody = \"x\"\n",
        ),
    ]);
    let editor = fake_editor(&env, "");
    for name in ["re\u{200b}fund", "refund"] {
        canned(&env, "edit")
            .arg(name)
            .env("EDITOR", &editor)
            .status(1)
            .stdout(
                "
                lib/bad.toml:3:15: error: `shortcut` holds U+200B, an invisible formatting character (response `r2`)
                    expected: visible text: line breaks and tabs are the only control characters text may hold
                    hint: delete it: text pasted from a web page, a document or a terminal often carries one

                ✗ 1 error in lib/bad.toml; open it again to fix it
                ",
            )
            .run();
        assert_eq!(env.read("editor-args"), "+3\nlib/bad.toml\n", "{name:?}");
    }
}

/// A response in a file too broken to be read as TOML is found by its
/// id or shortcut line, and opened at the file's error, not at that line.
#[test]
fn edit_opens_a_file_too_broken_to_read_at_its_error() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "bad.toml",
            "[[response]]\nid = \"late\"\nshortcut = \"lt\"\ntitle = \"L\"\ntopic = \"billing\"\ntags = [\"a\"\nbody = \"x\"\n",
        ),
    ]);
    let editor = fake_editor(&env, "");
    for name in ["late", "lt"] {
        canned(&env, "edit")
            .arg(name)
            .env("EDITOR", &editor)
            .status(1)
            .any_stdout()
            .run();
        assert_eq!(env.read("editor-args"), "+6\nlib/bad.toml\n", "{name}");
    }
}

#[test]
fn new_refuses_a_title_or_tag_with_hidden_characters() {
    let env = library();
    canned(&env, "new --id late --topic shipping --no-edit")
        .args(["--title", "Order \u{1b}]52;c;eA==\u{7}late", "--tags", "delay\u{202e}"])
        .status(2)
        .stderr(
            "
            error: 2 problems:
              `title` holds U+001B, a control character; expected visible text: line breaks and tabs are the only control characters text may hold (delete it: text pasted from a web page, a document or a terminal often carries one)
              `tags` holds U+202E, an invisible formatting character; expected visible text: line breaks and tabs are the only control characters text may hold (delete it: text pasted from a web page, a document or a terminal often carries one)
            hint: nothing was written
            ",
        )
        .run();
}

#[cfg(unix)]
#[test]
fn new_refuses_a_file_that_is_a_link_to_nothing() {
    let env = library();
    std::os::unix::fs::symlink("/nonexistent", env.library().join("dangling.toml")).unwrap();
    canned(
        &env,
        "new --id late --topic shipping --no-edit --file dangling.toml",
    )
    .args(["--title", "Order is late"])
    .status(2)
    .stderr(
        "
            error: `dangling.toml` is a link to a file that does not exist
            hint: nothing was written
            ",
    )
    .run();
    // So is the file a new topic is given, `<topic>.toml`.
    env.write(
        "lib/canned.toml",
        MANIFEST.replace("\"shipping\"]", "\"shipping\", \"promo\"]"),
    );
    std::os::unix::fs::symlink("/nonexistent", env.library().join("promo.toml")).unwrap();
    canned(&env, "new --id deal --topic promo --no-edit")
        .args(["--title", "Deal"])
        .status(2)
        .stderr(
            "
            error: `promo.toml` is a link to a file that does not exist
            hint: nothing was written
            ",
        )
        .run();
}

/// The file `new` picks for a topic by itself is held to the rules of
/// `--file`: a library received in a pull request, whose topic file is a
/// link out of it, must not make `new` read or append to a file elsewhere.
#[cfg(unix)]
#[test]
fn new_never_appends_through_a_link_out_of_the_library() {
    let env = library();
    let outside = "[package]\nname = \"victim\"\n";
    env.write("elsewhere/Cargo.toml", outside);
    std::fs::remove_file(env.library().join("billing.toml")).unwrap();
    std::os::unix::fs::symlink(
        "../elsewhere/Cargo.toml",
        env.library().join("billing.toml"),
    )
    .unwrap();
    canned(&env, "new --id late --topic billing --no-edit")
        .args(["--title", "Order is late"])
        .status(2)
        .stderr(
            "
            error: `billing.toml` leads outside the library through a symlink; pass --file NAME.toml
            hint: nothing was written
            ",
        )
        .run();
    assert_eq!(env.read("elsewhere/Cargo.toml"), outside);

    // Nor is a link out read for its `[defaults] topic`, nor its ids: no
    // new name can be checked against them, so none is added.
    std::fs::remove_file(env.library().join("billing.toml")).unwrap();
    let defaults = "[defaults]\ntopic = \"billing\"\n";
    env.write("elsewhere/other.toml", defaults);
    std::os::unix::fs::symlink("../elsewhere/other.toml", env.library().join("other.toml"))
        .unwrap();
    canned(&env, "new --id late --topic billing --no-edit")
        .args(["--title", "Order is late"])
        .status(1)
        .stderr(
            "
            error: lib/other.toml:1:1: symbolic link to outside the library; not followed: the ids and shortcuts it holds are unknown, so no new one can be checked against them
            hint: fix it first (`canned check` shows where); nothing was written
            ",
        )
        .run();
    assert_eq!(env.read("elsewhere/other.toml"), defaults);
    assert!(!env.library().join("billing.toml").exists());
}

/// A file that writes its responses as an inline list can take no
/// `[[response]]` table (TOML allows one form of a key): said so, rather
/// than as the parser's "duplicate key".
#[test]
fn new_says_why_it_cannot_add_to_responses_written_inline() {
    let inline =
        "response = [\n  { id = \"a\", title = \"A\", topic = \"billing\", body = \"x\" },\n]\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", inline)]);
    canned(&env, "new --id late --topic billing --no-edit")
        .args(["--title", "Order is late"])
        .status(1)
        .stderr(
            "
            error: lib/billing.toml writes its responses as an inline list (`response = [{ … }]`), where no [[response]] table can be added
            hint: pass --file OTHER.toml; nothing was written
            ",
        )
        .run();
    assert_eq!(env.read("lib/billing.toml"), inline);
}

/// A name a response with errors holds (its shortcut too) is taken: a new
/// response taking it would fail `check`.
#[test]
fn new_refuses_the_shortcut_of_a_response_with_errors() {
    let broken = "[[response]]\nid = \"bad-one\"\ntitle = \"T\"\ntopic = \"nowhere\"\nshortcut = \"bsc\"\nbody = \"x\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", broken)]);
    canned(&env, "new --id bsc --topic billing --no-edit")
        .args(["--title", "T"])
        .status(2)
        .stderr(
            "
            error: id `bsc` is already the shortcut of `bad-one`, a response with errors (lib/billing.toml:1:1)
            hint: nothing was written
            ",
        )
        .run();
    assert_eq!(env.read("lib/billing.toml"), broken);
}

/// The prompts hold no lock: a teammate's `review` goes through while a
/// lead answers them. The answers are then checked against the library as
/// it is once they are given: a pull meanwhile took the id, and `new`
/// writes nothing rather than a second response of that id (which would
/// have made `use dup-y` refuse the teammate's reply too).
#[test]
fn new_at_its_prompts_blocks_no_writer_and_checks_the_library_as_it_is_then() {
    let env = library();
    let command = format!(
        "'{}' --library lib new --id dup-y --title 'Dup Y' --no-edit",
        canned_bin().display()
    );
    let mut pty = Pty::start(&env, &command, &[("NO_COLOR", "1")]);
    pty.expect("topic (");
    canned(&env, "review refund --date 2026-11-01")
        .any_stdout()
        .run();
    env.write(
        "lib/billing.toml",
        format!("{}\n{}", response("refund"), response("dup-y")),
    );
    pty.send("shipping\n");
    let (status, screen) = pty.finish();
    assert_eq!(status.code(), Some(2), "{screen}");
    assert!(
        screen.contains("error: id `dup-y` is already the id of `dup-y` (lib/billing.toml:9:1)"),
        "{screen}"
    );
    let shipping = std::fs::read_to_string(env.path().join("lib/shipping.toml")).unwrap();
    assert_eq!(shipping, SHIPPING);
}

/// A writer that must wait for another (an import of thousands of macros,
/// here this test holding the library's lock) says so, rather than look
/// hung, and goes on once the lock is free.
#[test]
fn a_writer_waiting_for_another_says_so() {
    use std::io::BufRead;
    let env = library();
    let lib = std::fs::File::open(env.path().join("lib")).unwrap();
    lib.lock().unwrap();
    let mut review = env
        .canned_process()
        .args([
            "--library",
            "lib",
            "review",
            "refund",
            "--date",
            "2026-11-01",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(review.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert_eq!(
        line,
        "waiting for the lock of lib, held by another canned writing there (`edit` and `new` keep it while their editor is open) or by another program (at most 60 s)…\n"
    );
    lib.unlock().unwrap();
    let out = review.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "✓ refund reviewed 2026-11-01 (first review)  lib/billing.toml:1\n"
    );
}

/// An editor that reads the file, says it is open (the first path), waits
/// to be released (the second), then saves what it read with a change: as
/// an editor saves the file as it read it.
fn slow_editor(env: &Env) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let (opened, release) = (env.path().join("opened"), env.path().join("release"));
    let editor = fake_editor(
        env,
        &format!(
            "buf=$(cat \"$2\"; echo x); buf=${{buf%x}}\ntouch '{}'\n\
             i=0; while [ ! -e '{}' ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done\n\
             printf '%s' \"$buf\" | sed 's/On its way/Still on its way/' > \"$2\"",
            opened.display(),
            release.display()
        ),
    );
    (editor, opened, release)
}

/// `new` adding `late` while the library's lock is held: its first line
/// on stderr is read, and it is checked to say it waits.
fn new_that_waits(env: &Env) -> std::process::Child {
    use std::io::BufRead;
    let mut new = env
        .canned_process()
        .args(["--library", "lib", "new", "--id", "late"])
        .args([
            "--topic",
            "shipping",
            "--title",
            "Order is late",
            "--no-edit",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(new.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert_eq!(
        line,
        "waiting for the lock of lib, held by another canned writing there (`edit` and `new` keep it while their editor is open) or by another program (at most 60 s)…\n"
    );
    new
}

/// Both the editor's change and the response `new` added are in the file.
fn both_kept(env: &Env) {
    let shipping = env.read("lib/shipping.toml");
    assert!(shipping.contains("Still on its way"), "{shipping}");
    assert!(shipping.contains("id = \"late\""), "{shipping}");
}

/// An editor saves the file as it read it: `edit` holds the library's
/// lock while it is open, so a teammate's `new` meanwhile waits, says so,
/// and adds its response after the save, where it was lost without a
/// word (told "Added", exit 0).
#[test]
fn a_response_added_while_an_editor_is_open_waits_and_is_kept() {
    let env = library();
    let (editor, opened, release) = slow_editor(&env);
    let edit = env
        .canned_process()
        .args(["--library", "lib", "edit", "transit"])
        .env("EDITOR", &editor)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    while !opened.exists() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let new = new_that_waits(&env);
    std::fs::write(&release, "").unwrap();
    let edited = edit.wait_with_output().unwrap();
    assert!(edited.status.success(), "{edited:?}");
    let added = new.wait_with_output().unwrap();
    assert!(added.status.success(), "{added:?}");
    both_kept(&env);
}

/// Asked to leave while its editor is open (a CI timeout's SIGTERM, Ctrl-C
/// the editor handles), `edit` leaves once the editor is done, holding the
/// library's lock until then: left at once, a `new` meanwhile was told
/// "Added", then lost when the editor saved the file as it had read it.
#[cfg(unix)]
#[test]
fn edit_asked_to_leave_while_its_editor_is_open_waits_for_it() {
    let env = library();
    let (editor, opened, release) = slow_editor(&env);
    let edit = env
        .canned_process()
        .args(["--library", "lib", "edit", "transit"])
        .env("EDITOR", &editor)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    while !opened.exists() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let term = std::process::Command::new("kill")
        .args(["-TERM", &edit.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let new = new_that_waits(&env);
    std::fs::write(&release, "").unwrap();
    let edited = edit.wait_with_output().unwrap();
    assert_eq!(edited.status.code(), Some(1), "{edited:?}");
    assert_eq!(
        String::from_utf8_lossy(&edited.stderr),
        "error: stopped by a signal, once the editor had closed lib/shipping.toml\nhint: `canned check` checks what it saved\n"
    );
    let added = new.wait_with_output().unwrap();
    assert!(added.status.success(), "{added:?}");
    both_kept(&env);
}

/// What an editor starts and leaves running (gvim's fork, a language
/// server, VS Code's window) holds no lock once `edit` is done: every
/// writer would wait for it, then give up.
#[cfg(unix)]
#[test]
fn nothing_the_editor_leaves_running_holds_the_lock() {
    let env = library();
    let editor = fake_editor(
        &env,
        "sleep 30 </dev/null >/dev/null 2>&1 &\necho '# edited' >> \"$2\"",
    );
    let edited = env
        .canned_process()
        .args(["--library", "lib", "edit", "transit"])
        .env("EDITOR", &editor)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(edited.success());
    canned(
        &env,
        "new --id late --topic shipping --title Late --no-edit",
    )
    .any_stdout()
    .run();
}

/// A topic refused at the prompt, then added to the manifest as the
/// refusal advises, is taken when given again: the manifest is read again,
/// not the one read before the questions.
#[test]
fn a_topic_added_to_the_manifest_while_new_asks_is_taken() {
    let env = library();
    let command = format!(
        "'{}' --library lib new --id loyal --title Loyal --no-edit",
        canned_bin().display()
    );
    let mut pty = Pty::start(&env, &command, &[("NO_COLOR", "1")]);
    pty.expect("topic (");
    pty.send("loyalty\n");
    pty.expect("unknown topic");
    pty.expect("topic (");
    env.write(
        "lib/canned.toml",
        MANIFEST.replace(
            "topics = [\"billing\", \"shipping\"]",
            "topics = [\"billing\", \"shipping\", \"loyalty\"]",
        ),
    );
    pty.send("loyalty\n");
    let (status, screen) = pty.finish();
    assert!(status.success(), "{screen}");
    assert!(
        screen.contains("Added `loyal` to lib/loyalty.toml"),
        "{screen}"
    );
}
