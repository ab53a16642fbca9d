//! What a teammate's file, a customer's value or a second writer must never
//! do: drive the terminal, make git run commands, lose a change, or pass a
//! mistyped command as a success.

use std::process::Stdio;

use crate::support::{Env, MANIFEST, Test, response};

const EVIL: &str = r#"[[response]]
id = "evil"
title = "Evil \u001b]52;c;ZXZpbA==\u0007 title \u202e"
topic = "billing"
tags = ["tag\u001b[31m"]
owner = "owner\u001b[5m"
notes = "notes\u001b]0;pwned\u0007"
body = "Hi {{ name }}\u001b[2J"
"#;

/// No byte of `out` is an escape, a BEL or a bidirectional override.
fn inert(text: &str) {
    assert!(
        !text.contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "escape reached the terminal: {text:?}"
    );
}

/// A response holding escapes is refused (`check` locates each one), and
/// nothing any command prints about it carries one.
#[test]
fn library_text_with_escapes_never_reaches_the_terminal_or_a_reply() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("evil.toml", EVIL)]);
    for (args, status) in [
        ("find evil", 1),
        ("list", 1),
        ("show evil", 1),
        ("check", 1),
        ("audit --format table", 0),
        ("use evil --print --var name=Sam", 1),
    ] {
        let out = env
            .test()
            .library(&[])
            .args(args.split_whitespace())
            .status(status)
            .any_stdout()
            .any_stderr()
            .run();
        inert(&out.stdout);
        inert(&out.stderr);
    }
}

#[test]
fn a_mistyped_command_without_a_terminal_fails_with_a_did_you_mean() {
    Test::new()
        .args(["chek"])
        .status(2)
        .stderr("error: `chek` is not a command\nhint: did you mean `check`?\n")
        .run();
    // Words that are no command are a search the picker would have run:
    // all of them.
    Test::new()
        .args(["refund", "now"])
        .status(2)
        .stderr(
            "error: `refund` is not a command\n\
             hint: the picker needs a terminal; to search, run `canned find refund now` (`canned --help` lists the commands)\n",
        )
        .run();
    // Quoted as a shell reads them back, unexpanded.
    Test::new()
        .args(["refund", "$(id)", "don't"])
        .status(2)
        .stderr(
            "error: `refund` is not a command\n\
             hint: the picker needs a terminal; to search, run `canned find refund '$(id)' 'don'\\''t'` (`canned --help` lists the commands)\n",
        )
        .run();
    // After `--`, a command's name is a query: said so, not "did you mean"
    // the very word.
    Test::new()
        .args(["--", "find", "refund"])
        .status(2)
        .stderr(
            "error: `find` after `--` is the picker's query, not a command\n\
             hint: the picker needs a terminal; for the command, write `canned find …` without the `--`\n",
        )
        .run();
}

/// A flag only the picker reads, without a terminal (a hotkey's `canned
/// --clipboard` started with none), fails rather than pass having done
/// nothing.
#[test]
fn a_pickers_flag_without_a_terminal_fails_saying_why() {
    Test::new()
        .args(["--clipboard"])
        .status(2)
        .stderr(
            "error: `--clipboard` is the picker's, and the picker needs a terminal\n\
             hint: `canned suggest --clipboard` prints the replies for the message\n",
        )
        .run();
    Test::new()
        .args(["--chat", "4821", "-t", "billing"])
        .status(2)
        .stderr(
            "error: `--chat` is the picker's, and the picker needs a terminal\n\
             hint: `canned find WORDS` searches, and `canned use ID` fills a reply\n",
        )
        .run();
}

#[test]
fn completions_and_man_into_a_closed_pipe_are_not_errors() {
    let env = Env::new();
    for args in [&["completions", "bash"][..], &["man"][..]] {
        let mut child = env
            .canned_process()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before a byte is read.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

#[test]
fn concurrent_reviews_and_news_keep_every_change() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("billing.toml", &response("good")),
    ]);
    let children: Vec<_> = (1..=8)
        .flat_map(|i| {
            let review = env
                .canned_process()
                .args(["--library", "lib", "review", "good"])
                .args(["--date", &format!("2026-01-{i:02}")])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            let new = env
                .canned_process()
                .args(["--library", "lib", "new", "--id", &format!("n{i}")])
                .args(["--title", "T", "--topic", "billing", "--no-edit"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            [review, new]
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let text = env.read("lib/billing.toml");
    for i in 1..=8 {
        assert!(
            text.contains(&format!("id = \"n{i}\"")),
            "n{i} lost:\n{text}"
        );
    }
    assert_eq!(text.matches("reviewed = 2026-01-").count(), 1, "{text}");
    // Every response loads, nothing skipped.
    let listed = env
        .test()
        .library(&[])
        .args(["list", "--json"])
        .any_stdout()
        .run();
    assert_eq!(
        listed.json().as_array().map(Vec::len),
        Some(9),
        "{}",
        listed.stdout
    );
}

#[test]
fn the_audit_never_runs_commands_from_the_librarys_git_config() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("billing.toml", &response("good")),
    ]);
    let git = |args: &[&str]| {
        let ok = env
            .command("git")
            .args(["-C", "lib"])
            .args(args)
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&[
        "-c",
        "user.name=a",
        "-c",
        "user.email=a@b",
        "commit",
        "-qm",
        "x",
    ]);
    let marker = env.path().join("pwned");
    let touch = format!("touch {}; cat", marker.display());
    git(&["config", "core.fsmonitor", &touch]);
    git(&["config", "diff.toml.textconv", &touch]);
    env.write("lib/.gitattributes", "*.toml diff=toml\n");
    env.test()
        .library(&[])
        .args(["audit", "--format", "json"])
        .any_stdout()
        .any_stderr()
        .run();
    assert!(!marker.exists(), "the library's git config ran a command");
}

#[test]
fn arguments_that_name_nothing_are_usage_errors() {
    Test::new()
        .sample()
        .args(["find", "refund", "--limit", "0"])
        .status(2)
        .stderr(
            "error: invalid value '0' for '--limit <N>': must be at least 1\n\
             \n\
             For more information, try '--help'.\n",
        )
        .run();
    Test::new()
        .sample()
        .args(["find", "refund", "--lang", ""])
        .status(2)
        .stderr(
            "error: invalid value '' for '--lang <LANG>': `` is not a language tag; \
             expected a tag such as \"en\" or \"fr\"\n\
             \n\
             For more information, try '--help'.\n",
        )
        .run();
    for target in ["", "???"] {
        Test::new()
            .sample()
            .args(["use", target])
            .status(2)
            .stderr(&format!(
                "error: `{target}` names no response: give an id, a shortcut or words to search\n"
            ))
            .run();
    }
}

/// `canned use greet --var name=Sam --print` on `env`'s library.
fn use_greet(env: &Env) -> Test<'_> {
    env.test()
        .library(&[])
        .args(["use", "greet", "--var", "name=Sam", "--print"])
}

/// `use greet` where the manifest broke since it was last read whole: the
/// reply, by the last good manifest, and a warning that says so.
fn greets_with_the_last_good_manifest(env: &Env) {
    use_greet(env)
        .stdout("Hi Sam\n— the team")
        .stderr(
            "warning: 1 problem in the library (canned.toml is not valid TOML: its last good \
             version is used); run `canned check` for details\n",
        )
        .run();
}

#[test]
fn a_manifest_broken_by_a_typo_gives_way_to_its_last_good_version() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", &response("greet"))]);
    use_greet(&env).stdout("Hi Sam\n— the team").run();
    // A teammate's pull request loses a bracket: the manifest is not TOML.
    env.write(
        "lib/canned.toml",
        MANIFEST.replace("[variables.order]", "[variables.order"),
    );
    greets_with_the_last_good_manifest(&env);
    // `check` still fails on it, with that one error, as a CI runner that
    // never read the last good version tells it: a reply reading a
    // variable the pull request declares is not told to declare it.
    env.write(
        "lib/a.toml",
        response("greet").replace("Hi {{ name }}", "Hi {{ name }}, {{ promo }}"),
    );
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:10:17: error: invalid TOML: unclosed table, expected `]`
                expected: a valid TOML document
                hint: the replies' templates are checked once it is fixed

            ✗ 1 error in a library of 1 file; 1 response valid
            ",
        )
        .run();
}

/// What the last good manifest would be told (a variable without a
/// description, at its line there) is not told of the broken file now
/// there: its error alone.
#[test]
fn check_tells_a_broken_manifest_alone_not_its_last_good_versions_warnings() {
    let good = format!("{MANIFEST}\n[variables.zz]\nexample = \"e\"\n");
    let env = Env::with_library(&[("canned.toml", &good), ("a.toml", &response("greet"))]);
    env.test()
        .library(&[])
        .arg("check")
        .stdout_contains("warning: variable `zz` has no description")
        .run();
    env.write("lib/canned.toml", "[variables\n");
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:1:11: error: invalid TOML: unclosed table, expected `]`
                expected: a valid TOML document
                hint: the replies' templates are checked once it is fixed

            ✗ 1 error in a library of 1 file; 1 response valid
            ",
        )
        .run();
}

/// A byte that is not UTF-8 breaks the manifest as a typo does: the last
/// good version is used.
#[test]
fn a_manifest_that_is_no_longer_utf8_gives_way_to_its_last_good_version() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", &response("greet"))]);
    use_greet(&env).stdout("Hi Sam\n— the team").run();
    let mut bytes = b"# caf\xe9\n".to_vec();
    bytes.extend(MANIFEST.as_bytes());
    env.write("lib/canned.toml", bytes);
    greets_with_the_last_good_manifest(&env);
}

#[test]
fn a_broken_manifest_never_seen_whole_has_nothing_to_give_way_to() {
    let broken = MANIFEST.replace("[variables.order]", "[variables.order");
    Test::new()
        .library(&[("canned.toml", &broken), ("a.toml", &response("greet"))])
        .args(["use", "greet", "--var", "name=Sam", "--print"])
        .status(1)
        .stderr(
            "
            warning: 1 problem in the library (canned.toml is not valid TOML, and no earlier version of it is known: its variables and partials are missing); run `canned check` for details
            error: `greet` cannot be used: template error: Unknown template `signature`
            hint: run `canned check` to see where
            ",
        )
        .run();
}

/// `check` in CI has no cache, so no last good manifest: each reply's
/// variables and partials would be told undeclared (476 errors on the
/// sample, the cause among them). The manifest's error is told alone.
#[test]
fn check_tells_a_lost_manifest_alone_not_every_reply_it_leaves_undeclared() {
    let broken = MANIFEST.replace("[variables.order]", "[variables.order");
    Test::new()
        .library(&[("canned.toml", &broken), ("a.toml", &response("greet"))])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:10:17: error: invalid TOML: unclosed table, expected `]`
                expected: a valid TOML document
                hint: the replies' templates are checked once it is fixed

            ✗ 1 error in a library of 1 file; 1 response valid
            ",
        )
        .run();
}
