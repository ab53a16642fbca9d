//! `canned review`: one line changes in the file, nothing else.

use crate::audit::{commit_all, git, init_repo};
use crate::support::{Env, Test};

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

/// `canned --library lib review ARGS` in `env`, `args` split at spaces.
fn review<'a>(env: &'a Env, args: &str) -> Test<'a> {
    env.test()
        .library(&[])
        .arg("review")
        .args(args.split_whitespace())
}

fn numstat(env: &Env) -> String {
    git(env.path(), &["diff", "--numstat"], None)
}

#[test]
fn review_changes_exactly_one_line_and_keeps_its_trailing_comment() {
    let env = repo();
    review(&env, "refund")
        .stdout("✓ refund reviewed 2026-11-24 (was 2025-01-01)  lib/billing.toml:5\n")
        .run();
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
    review(&env, "invoice")
        .stdout("✓ invoice reviewed 2026-11-24 (first review)  lib/billing.toml:14\n")
        .run();
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
    review(&env, "a")
        .stdout("✓ a reviewed 2026-11-24 (first review)  lib/a.toml:1\n")
        .run();
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
    // `rf` is `refund`'s shortcut: reviewed once.
    review(&env, "rf invoice refund --date 2026-11-20")
        .stdout(
            "
            ✓ refund reviewed 2026-11-20 (was 2025-01-01)  lib/billing.toml:5
            ✓ invoice reviewed 2026-11-20 (first review)  lib/billing.toml:14
            ",
        )
        .run();
    assert_eq!(numstat(&env), "2\t1\tlib/billing.toml\n");
    let text = env.read("lib/billing.toml");
    assert!(
        text.contains("reviewed = 2026-11-20       # by Sam"),
        "{text}"
    );
    assert_eq!(text.matches("reviewed = 2026-11-20").count(), 2, "{text}");
}

#[test]
fn review_quiet_says_nothing_but_writes() {
    let env = repo();
    env.test()
        .library(&[])
        .args(["-q", "review", "refund", "--date", "2026-11-20"])
        .run();
    assert_eq!(numstat(&env), "1\t1\tlib/billing.toml\n");
}

#[test]
fn review_clears_the_stale_finding_in_the_audit() {
    let env = repo();
    let stale = |env: &Env| {
        let json = env
            .test()
            .library(&[])
            .args(["audit", "--format", "json"])
            .any_stdout()
            .run()
            .json();
        json["responses"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "stale")
    };
    assert!(stale(&env));
    review(&env, "refund")
        .stdout("✓ refund reviewed 2026-11-24 (was 2025-01-01)  lib/billing.toml:5\n")
        .run();
    commit_all(&env, "2025-01-02", "reviewed");
    assert!(!stale(&env));
}

#[test]
fn review_refuses_an_unknown_id_with_a_suggestion_and_writes_nothing() {
    let env = repo();
    review(&env, "invoice refnud")
        .status(1)
        .stderr(
            "
            error: no response with id or shortcut `refnud`
            hint: did you mean `refund`?
            ",
        )
        .run();
    assert_eq!(numstat(&env), "");
}

/// A file that cannot be written refuses the whole review, whichever file
/// comes first: no file is reviewed and another not.
#[cfg(unix)]
#[test]
fn one_read_only_file_refuses_the_review_before_any_file_is_written() {
    use std::os::unix::fs::PermissionsExt;
    let env = repo();
    env.write(
        "lib/shipping.toml",
        "[[response]]\nid = \"late\"\ntitle = \"Late\"\ntopic = \"shipping\"\nbody = \"Sorry\"\n",
    );
    commit_all(&env, "2025-01-02", "shipping");
    let shipping = env.path().join("lib/shipping.toml");
    std::fs::set_permissions(&shipping, std::fs::Permissions::from_mode(0o444)).unwrap();
    review(&env, "refund late --date 2026-11-20")
        .status(1)
        .stderr(
            "
            error: lib/shipping.toml is read-only
            hint: make it writable first if it is yours to change; nothing was written
            ",
        )
        .run();
    assert_eq!(numstat(&env), "");
}

/// A response in a file that is no longer TOML, or not UTF-8, is said to
/// be there, located, rather than unknown.
#[test]
fn review_says_where_a_response_in_a_broken_file_is() {
    let env = repo();
    let text = FILE.replace("title = \"Invoice attached\"", "title = \"Invoice attached");
    env.write("lib/billing.toml", &text);
    let warning = "warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details\n";
    review(&env, "invoice")
        .status(1)
        .stderr(&format!(
            "{warning}error: `invoice` is in lib/billing.toml:15, a file that cannot be read as a library file\n\
             hint: fix it first (lib/billing.toml:16:26: not valid TOML: invalid basic string, expected `\"`); nothing was written\n"
        ))
        .run();
    let mut bytes = FILE.as_bytes().to_vec();
    bytes.extend(b"# caf\xe9\n");
    env.write("lib/billing.toml", &bytes);
    review(&env, "invoice")
        .status(1)
        .stderr(&format!(
            "{warning}error: `invoice` is in lib/billing.toml:15, a file that cannot be read as a library file\n\
             hint: fix it first (lib/billing.toml:20:6: not valid UTF-8 (byte 425)); nothing was written\n"
        ))
        .run();
}

#[test]
fn review_refuses_a_date_that_is_not_a_date() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", FILE)]);
    review(&env, "refund --date 2026-02-30")
        .status(2)
        .stderr(
            "
            error: invalid value '2026-02-30' for '--date <YYYY-MM-DD>': `2026-02-30` is not a date: expected YYYY-MM-DD

            For more information, try '--help'.
            ",
        )
        .run();
}

#[test]
fn review_refuses_a_date_in_the_future() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", FILE)]);
    review(&env, "refund --date 2027-01-01")
        .status(2)
        .stderr("error: --date 2027-01-01 is in the future (today is 2026-11-24)\n")
        .run();
    // Nor one before any library was written: a slip.
    review(&env, "refund --date 0000-01-01")
        .status(2)
        .stderr("error: --date 0000-01-01 is before 1990: is it a slip? (today is 2026-11-24)\n")
        .run();
    assert_eq!(env.read("lib/billing.toml"), FILE);
}

#[test]
fn review_needs_at_least_one_id() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("billing.toml", FILE)]);
    review(&env, "")
        .status(2)
        .stderr(
            "
            error: the following required arguments were not provided:
              <ID>...

            Usage: canned review <ID>...

            For more information, try '--help'.
            ",
        )
        .run();
}

#[test]
fn review_keeps_the_file_when_toml_edit_would_reformat_it() {
    // Mixed line endings cannot be written back exactly.
    let text = "[[response]]\r\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nbody = \"Hi\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", text)]);
    review(&env, "a")
        .status(1)
        .stderr(
            "
            error: lib/a.toml cannot be edited without reformatting it
            hint: its lines end both ways: save it with one kind of line ending, or edit it by hand
            ",
        )
        .run();
    assert_eq!(env.read("lib/a.toml"), text);
}

#[test]
fn files_with_a_byte_order_mark_or_crlf_lines_are_reviewed_in_their_own_convention() {
    let windows = FILE.replace('\n', "\r\n");
    let marked = format!("\u{feff}{FILE}");
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("billing.toml", &windows),
        (
            "marked.toml",
            &marked
                .replace("\"refund\"", "\"refund-2\"")
                .replace("\"invoice\"", "\"invoice-2\"")
                .replace("\"rf\"", "\"rf2\""),
        ),
    ]);
    review(&env, "invoice invoice-2")
        .stdout(
            "
            ✓ invoice reviewed 2026-11-24 (first review)  lib/billing.toml:14
            ✓ invoice-2 reviewed 2026-11-24 (first review)  lib/marked.toml:14
            ",
        )
        .run();
    let crlf = env.read("lib/billing.toml");
    assert!(
        crlf.contains(
            "id = \"invoice\"\r\ntitle = \"Invoice attached\"\r\nreviewed = 2026-11-24\r\n"
        ),
        "{crlf:?}"
    );
    assert!(!crlf.replace("\r\n", "").contains('\n'), "{crlf:?}");
    let bom = env.read("lib/marked.toml");
    assert!(bom.starts_with("\u{feff}# Billing replies.\n"), "{bom:?}");
    assert!(
        bom.contains("title = \"Invoice attached\"\nreviewed = 2026-11-24\n"),
        "{bom:?}"
    );
}

/// A layout `toml_edit` would rewrite is refused for what it is, not blamed
/// on line endings.
#[test]
fn review_names_the_layout_it_cannot_keep() {
    let text = "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nbody = \"Hi\"\n\
                [ response . translations . fr ]\ntitle = \"F\"\nbody = \"Salut\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", text)]);
    review(&env, "a")
        .status(1)
        .stderr(
            "
            error: lib/a.toml cannot be edited without reformatting it
            hint: line 6, `[ response . translations . fr ]`, would be rewritten `[ response. translations . fr ]`: write it as the file's other lines are, or edit it by hand
            ",
        )
        .run();
    assert_eq!(env.read("lib/a.toml"), text);
}

/// `toml_edit` heads every table of an array as the first: a file that
/// writes `[[ response ]]` and `[[response]]` is refused naming the line,
/// and `new` heads what it adds as the file does, so never makes the mix.
#[test]
fn review_names_a_header_written_two_ways_and_new_never_mixes_them() {
    let one = "[[ response ]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nbody = \"Hi\"\n";
    let mixed = format!(
        "{one}\n[[response]]\nid = \"b\"\ntitle = \"B\"\ntopic = \"billing\"\nbody = \"Hi\"\n"
    );
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("a.toml", &mixed),
        ("c.toml", one.replace("\"a\"", "\"c\"").as_str()),
    ]);
    review(&env, "a")
        .status(1)
        .stderr(
            "
            error: lib/a.toml cannot be edited without reformatting it
            hint: line 7, `[[response]]`, would be rewritten `[[ response ]]`: write it as the file's other lines are, or edit it by hand
            ",
        )
        .run();
    env.test()
        .library(&[])
        .args([
            "new",
            "--id",
            "d",
            "--title",
            "D",
            "--topic",
            "billing",
            "--file",
            "c.toml",
            "--no-edit",
        ])
        .any_stdout()
        .run();
    review(&env, "c").any_stdout().run();
    assert_eq!(env.read("lib/c.toml").matches("[[ response ]]").count(), 2);
}

/// Notepad saves a file without a line end after its last line: it is
/// reviewed, and still ends so.
#[test]
fn a_file_without_a_final_line_end_is_reviewed_and_kept_so() {
    for (text, reviewed) in [
        (
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nbody = \"Hi\"",
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nreviewed = 2026-11-24\nbody = \"Hi\"",
        ),
        (
            "[[response]]\r\nid = \"a\"\r\ntitle = \"A\"\r\ntopic = \"billing\"\r\nbody = \"Hi\"",
            "[[response]]\r\nid = \"a\"\r\ntitle = \"A\"\r\ntopic = \"billing\"\r\nreviewed = 2026-11-24\r\nbody = \"Hi\"",
        ),
    ] {
        let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", text)]);
        review(&env, "a")
            .stdout("✓ a reviewed 2026-11-24 (first review)  lib/a.toml:1\n")
            .run();
        assert_eq!(env.read("lib/a.toml"), reviewed);
    }
}

/// Two tables of one file with one id: the one loaded may be either (the
/// other is skipped for its errors), so `review` changes neither rather
/// than the wrong one.
#[test]
fn review_refuses_an_id_two_responses_of_a_file_share() {
    let text = "[[response]]\nid = \"a\"\ntopic = \"billing\"\nbody = \"broken\"\n\n\
                [[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nbody = \"good\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", text)]);
    review(&env, "a")
        .status(1)
        .stderr(
            "
            warning: skipped 1 invalid response in the library; run `canned check` for details
            error: 2 responses of lib/a.toml have the id `a`: which one to change cannot be told
            hint: give each its own id first (`canned check` shows where); nothing was written
            ",
        )
        .run();
    assert_eq!(env.read("lib/a.toml"), text);
}
