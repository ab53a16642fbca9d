//! Hostile and broken libraries, concurrency and crash safety: none may
//! panic or hang; each gives a located, readable error, and the other
//! commands keep working. A timeout here guards against a hang, generously
//! (a debug build on a loaded machine); how fast is the benchmarks' to say.

use std::time::Duration;

use crate::support::{Env, INIT_TEAM, MANIFEST, SIGABRT, Test, response};

/// A library with one good response plus `files`.
fn library(files: &[(&str, &str)]) -> Env {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("good.toml", &response("good"))]);
    for (name, text) in files {
        env.write(&format!("lib/{name}"), text);
    }
    env
}

/// `canned --library lib ARGS` in `env`, `args` split at spaces.
fn canned<'a>(env: &'a Env, args: &str) -> Test<'a> {
    env.test().library(&[]).args(args.split_whitespace())
}

const SHOW_GOOD: &str = "
    good  Title of good
      shortcut   —
      urgency    • normal
      topic      billing
      customer   any
      tags       —
      languages  en (showing en)
      owner      —
      reviewed   —
      expires    —
      file       lib/good.toml:1

    variables
      agent  Your first name  default: the team
      name   Customer's first name  e.g. Sarah

    body (with example values)
    Hi Sarah
    — the team
    ";

/// Every command an agent relies on still finds, shows and fills `good`,
/// each saying `notice` on stderr about the rest of the library.
fn agents_still_work(env: &Env, notice: &str) {
    canned(env, "find good")
        .stdout("good    • normal    billing  any  en  Title of good\n")
        .stderr(notice)
        .run();
    canned(env, "use good --var name=S --print")
        .stdout("Hi S\n— the team")
        .stderr(notice)
        .run();
    canned(env, "show good")
        .stdout(SHOW_GOOD)
        .stderr(notice)
        .run();
}

/// What `find`, `use` and `show` say when `check` has something to report.
#[cfg(unix)]
const ONE_SKIPPED: &str = "warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details\n";

#[test]
fn a_50_mb_response_body_is_reported_not_rendered() {
    let body = "All work and no play makes a reply far too long.\n".repeat(1_050_000);
    let huge = format!(
        "[[response]]\nid = \"huge\"\ntitle = \"Huge\"\ntopic = \"billing\"\nbody = \"\"\"\n{body}\"\"\"\n"
    );
    assert!(huge.len() > 50_000_000);
    let env = library(&[("huge.toml", &huge)]);
    canned(&env, "check")
        .status(1)
        .stdout(
            "
            lib/huge.toml:6:1: error: fails to render with the example values: template error: the rendered text passes 1048576 bytes; rendering stopped (response `huge`)
                hint: `canned show huge` renders it the same way

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
    agents_still_work(&env, "");
    canned(&env, "use huge --var name=S --print")
        .status(1)
        .stderr(
            "
            error: `huge` does not render: the rendered text passes 1048576 bytes; rendering stopped
            hint: run `canned check` to see where
            ",
        )
        .run();
}

#[test]
fn a_library_of_100_000_responses_loads_and_searches() {
    let env = Env::with_library(&[("canned.toml", MANIFEST)]);
    for f in 0..100 {
        let mut text = String::new();
        for r in 0..1000 {
            text.push_str(&format!(
                "[[response]]\nid = \"r{f}-{r}\"\ntitle = \"Reply {r} of file {f}\"\ntopic = \"billing\"\nbody = \"Hello {{{{ name }}}}, number {r}.\"\n\n"
            ));
        }
        env.write(&format!("lib/f{f:03}.toml"), text);
    }
    canned(&env, "find reply 999 file 42 --limit 1")
        .stdout("r42-999    • normal    billing  any  en  Reply 999 of file 42\n")
        .run();
    canned(&env, "use r7-7 --var name=S --print")
        .stdout("Hello S, number 7.")
        .run();
}

#[cfg(unix)]
#[test]
fn a_directory_symlink_loop_is_walked_once() {
    let env = library(&[]);
    std::os::unix::fs::symlink(env.library(), env.library().join("loop")).unwrap();
    std::os::unix::fs::symlink(".", env.library().join("here")).unwrap();
    canned(&env, "check")
        .timeout(Duration::from_secs(30))
        .stdout("✓ 1 response in 1 file: no errors\n")
        .run();
    agents_still_work(&env, "");
}

#[cfg(unix)]
#[test]
fn symlinks_that_lead_out_of_the_library_are_reported_not_followed() {
    let env = library(&[]);
    env.write("elsewhere/secret.toml", response("secret"));
    std::os::unix::fs::symlink("..", env.library().join("up")).unwrap();
    std::os::unix::fs::symlink("../elsewhere/secret.toml", env.library().join("b.toml")).unwrap();
    canned(&env, "check")
        .timeout(Duration::from_secs(30))
        .status(1)
        .stdout(
            "
            lib/b.toml:1:1: error: symbolic link to outside the library; not followed
            lib/up:1:1: error: symbolic link to outside the library; not followed

            ✗ 2 errors in a library of 1 file; 1 response valid
            ",
        )
        .run();
    canned(&env, "find secret").status(1).any_stderr().run();
    // Asked for by its id, what it may hold is said, never read.
    let skipped = "warning: skipped 2 broken or unreadable files or folders in the library; run `canned check` for details\n";
    canned(&env, "show secret")
        .status(1)
        .stderr(&format!(
            "{skipped}error: no response with id or shortcut `secret` in the files read; lib/b.toml:1:1: symbolic link to outside the library; not followed: it may be there\nhint: `canned check` says what to fix\n"
        ))
        .run();
    canned(&env, "use secret --print")
        .status(1)
        .stderr(&format!(
            "{skipped}error: no response matches `secret` among the responses that could be read\nhint: `canned check` says what was left out, and why\n"
        ))
        .run();
}

/// An id that names nothing read, while a file is a link out of the
/// library, may be there: `edit` says so, as `show` does. `use` searches
/// its words among the replies read, every part of a name typed asked
/// for, and copies none of them without a terminal: `return-how-to` had
/// copied `holiday-gift-returns`, `how` and `to` taken for a sentence's
/// function words.
#[cfg(unix)]
#[test]
fn an_id_that_may_be_in_a_link_out_is_not_taken_for_another() {
    let env = library(&[("other.toml", &response("refund"))]);
    env.write("elsewhere/late.toml", response("refund-late"));
    std::os::unix::fs::symlink("../elsewhere/late.toml", env.library().join("late.toml")).unwrap();
    let may = "error: no response with id or shortcut `refund-late` in the files read; lib/late.toml:1:1: symbolic link to outside the library; not followed: it may be there\n";
    canned(&env, "use refund-late --var name=Ann --print")
        .status(1)
        .stderr(
            "warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details\n\
             error: no response has every word of `refund-late`; the closest among the responses that could be read: refund\n\
             hint: name the one you mean: canned use refund\n",
        )
        .run();
    canned(&env, "edit refund-late")
        .status(1)
        .stderr(&format!("{may}hint: `canned check` says what to fix\n"))
        .run();
}

#[cfg(unix)]
#[test]
fn a_manifest_that_links_out_or_is_no_file_is_reported_not_read() {
    // Told alone: each reply's variables would follow from it.
    let later = "    hint: the replies' templates are checked once it is fixed\n";
    let env = library(&[]);
    env.write("elsewhere/canned.toml", MANIFEST);
    std::fs::remove_file(env.library().join("canned.toml")).unwrap();
    std::os::unix::fs::symlink(
        "../elsewhere/canned.toml",
        env.library().join("canned.toml"),
    )
    .unwrap();
    canned(&env, "check")
        .status(1)
        .stdout(&format!(
            "lib/canned.toml:1:1: error: symbolic link to outside the library; not followed\n\
             {later}\n✗ 1 error in a library of 1 file; 1 response valid\n"
        ))
        .run();
    // Nor is it written through.
    env.write("macros.csv", "id,title,topic,body\nnew,New,shipping,Hi\n");
    canned(&env, "import macros.csv --from csv")
        .status(1)
        .stderr(
            "
            warning: 1 problem in the library (canned.toml cannot be read, and no earlier version of it is known: its variables and partials are missing); run `canned check` for details
            error: lib/canned.toml:1:1: symbolic link to outside the library; not followed; no earlier version of it is known
            hint: fix it first (`canned check` shows where); nothing was written
            ",
        )
        .run();
    assert_eq!(env.read("elsewhere/canned.toml"), MANIFEST);

    // A named pipe is not waited on, a directory not taken for no manifest.
    std::fs::remove_file(env.library().join("canned.toml")).unwrap();
    mkfifo(&env, "lib/canned.toml");
    canned(&env, "check")
        .timeout(Duration::from_secs(30))
        .status(1)
        .stdout(&format!(
            "lib/canned.toml:1:1: error: not a regular file; skipped\n\
             {later}\n✗ 1 error in a library of 1 file; 1 response valid\n"
        ))
        .run();
    std::fs::remove_file(env.library().join("canned.toml")).unwrap();
    std::fs::create_dir(env.library().join("canned.toml")).unwrap();
    canned(&env, "find good")
        .stdout("good    • normal    billing  any  en  Title of good\n")
        .stderr(LOST_UNREAD)
        .run();
}

#[cfg(unix)]
const LOST_UNREAD: &str = "warning: 1 problem in the library (canned.toml cannot be read, and no \
    earlier version of it is known: its variables and partials are missing); run `canned check` \
    for details\n";

/// A manifest that became a folder, a pipe or a link out after it was last
/// read stands in for its last good version, as one that is no longer TOML
/// does: its variables and partials are not lost to every reply, and
/// `check` reports the one error, as a machine that never read it would.
#[cfg(unix)]
#[test]
fn a_manifest_that_can_no_longer_be_read_leaves_its_last_good_version() {
    let env = library(&[]);
    canned(&env, "list").any_stdout().run();
    let fallback = "warning: 1 problem in the library (canned.toml cannot be read: its last good \
        version is used); run `canned check` for details\n";
    let manifest = env.library().join("canned.toml");
    std::fs::remove_file(&manifest).unwrap();
    std::fs::create_dir(&manifest).unwrap();
    canned(&env, "use good --var name=Ann --print")
        .stdout("Hi Ann\n— the team")
        .stderr(fallback)
        .run();
    canned(&env, "check")
        .status(1)
        .stdout(
            "lib/canned.toml:1:1: error: not a regular file; skipped\n    hint: the replies' templates are checked once it is fixed\n\n✗ 1 error in a library of 1 file; 1 response valid\n",
        )
        .run();
    std::fs::remove_dir(&manifest).unwrap();
    mkfifo(&env, "lib/canned.toml");
    canned(&env, "use good --var name=Ann --print")
        .timeout(Duration::from_secs(30))
        .stdout("Hi Ann\n— the team")
        .stderr(fallback)
        .run();
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_skipped_not_waited_on() {
    let env = library(&[]);
    mkfifo(&env, "lib/pipe.toml");
    canned(&env, "check")
        .timeout(Duration::from_secs(30))
        .status(1)
        .stdout(
            "
            lib/pipe.toml:1:1: error: not a regular file; skipped

            ✗ 1 error in a library of 1 file; 1 response valid
            ",
        )
        .run();
    agents_still_work(&env, ONE_SKIPPED);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_and_skipped() {
    use std::os::unix::fs::PermissionsExt;
    let env = library(&[("secret.toml", &response("secret"))]);
    let set = |p: &std::path::Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    set(&env.library().join("secret.toml"), 0o000);
    for dir in [env.path(), &env.library()] {
        set(dir, 0o755);
    }
    // Nobody cannot write the cache in the temp dir; that only costs speed.
    let as_user = |args: &[&str]| as_user(&env, args);
    assert_eq!(
        as_user(&["check"]),
        (
            Some(1),
            "lib/secret.toml:1:1: error: cannot read file: Permission denied (os error 13)\n\
             \n\
             ✗ 1 error in a library of 2 files; 1 response valid\n"
                .into(),
            String::new()
        )
    );
    assert_eq!(
        as_user(&["find", "title"]),
        (
            Some(0),
            "good    • normal    billing  any  en  Title of good\n".into(),
            "warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details\n"
                .into()
        )
    );
}

/// `canned --library lib ARGS` as a user whom permissions bind: nobody
/// when the tests run as root, who reads everything. Its status, stdout
/// and stderr.
#[cfg(unix)]
fn as_user(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let mut cmd = if running_as_root(env) {
        let mut c = env.command("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(crate::support::canned_bin());
        c
    } else {
        env.canned_process()
    };
    let out = cmd.args(["--library", "lib"]).args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A chat file the agent cannot read is said so: neither `canned chat`
/// nor `use --chat` may take it for a chat with nothing in it.
#[cfg(unix)]
#[test]
fn an_unreadable_chat_file_is_said_never_taken_for_an_empty_chat() {
    use std::os::unix::fs::PermissionsExt;
    let env = library(&[]);
    canned(&env, "chat 4821 name=Sarah")
        .stderr("chat 4821: remembered name\n")
        .run();
    let state = env.path().join("state");
    if running_as_root(&env) {
        let owned = env
            .command("chown")
            .args(["-R", "65534:65534"])
            .arg(&state)
            .status()
            .unwrap();
        assert!(owned.success());
        std::fs::set_permissions(env.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(env.library(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let file = state.join("canned/chats/4821.json");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let denied = format!(
        "cannot read chat file {}: Permission denied (os error 13)",
        file.display()
    );
    assert_eq!(
        as_user(&env, &["chat"]),
        (Some(0), String::new(), format!("warning: {denied}\n"))
    );
    assert_eq!(
        as_user(&env, &["chat", "4821"]),
        (Some(1), String::new(), format!("error: {denied}\n"))
    );
    // Nor offered to remember the missing values in: that would fail too.
    assert_eq!(
        as_user(&env, &["use", "good", "--chat", "4821", "--print"]),
        (
            Some(2),
            String::new(),
            format!(
                "warning: {denied}; the chat's values are not used\n\
                 error: missing values for `good`:\n  \
                 name — Customer's first name (e.g. Sarah)\n\
                 hint: pass them: --var name=…\n"
            )
        )
    );
    // Nor written over: the file is named, not the folder it is in.
    assert_eq!(
        as_user(&env, &["chat", "4821", "name=Tom"]),
        (
            Some(1),
            String::new(),
            format!(
                "error: {}: Permission denied (os error 13)\n",
                file.display()
            )
        )
    );
}

#[cfg(unix)]
fn running_as_root(env: &Env) -> bool {
    env.command("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false)
}

#[cfg(unix)]
#[test]
fn a_file_deleted_between_listing_and_reading_is_reported() {
    // A dangling link is what a file deleted after the directory was
    // listed looks like to the reader: listed, then gone.
    let env = library(&[]);
    std::os::unix::fs::symlink(
        env.library().join("gone-now.toml"),
        env.library().join("deleted.toml"),
    )
    .unwrap();
    canned(&env, "check")
        .status(1)
        .stdout(
            "
            lib/deleted.toml:1:1: error: cannot read file: No such file or directory (os error 2)

            ✗ 1 error in a library of 1 file; 1 response valid
            ",
        )
        .run();
    agents_still_work(&env, ONE_SKIPPED);
}

#[test]
fn partials_that_include_each_other_are_reported() {
    let manifest = format!(
        "{MANIFEST}ping = \"{{% include \\\"pong\\\" %}}\"\npong = \"{{% include \\\"ping\\\" %}}\"\n"
    );
    let env = Env::with_library(&[
        ("canned.toml", &manifest),
        ("good.toml", &response("good")),
        (
            "loop.toml",
            &response("loop").replace("\"signature\"", "\"ping\""),
        ),
    ]);
    canned(&env, "check")
        .timeout(Duration::from_secs(30))
        .status(1)
        .stdout(
            "
            lib/canned.toml:21:22: error: partial error: `ping` includes itself: ping → pong → ping
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}
            lib/loop.toml:7:13: error: template error: includes partial `ping`, which has errors (response `loop`)

            ✗ 2 errors in a library of 2 files; 1 response valid
            ",
        )
        .run();
    agents_still_work(&env, "");
    // `loop` is found, and `use` says what is wrong with its partial.
    canned(&env, "use loop --var name=S --print")
        .status(1)
        .stderr(
            "
            error: `loop` cannot be used: template error: in partial `ping`: `ping` includes itself: ping → pong → ping
            hint: run `canned check` to see where
            ",
        )
        .run();
    // `show` says the same, not that `ping` is unknown.
    canned(&env, "show loop")
        .status(1)
        .stderr(
            "
            error: the body of `loop` has a template error: in partial `ping`: `ping` includes itself: ping → pong → ping
            hint: run `canned check` to see where
            ",
        )
        .run();
}

#[test]
fn a_template_with_a_huge_loop_stops_at_the_output_cap() {
    let body = "{% for i in range(end=100000) %}{{ name }} and {{ name }}, {% endfor %}";
    let env = library(&[(
        "loop.toml",
        &format!(
            "[[response]]\nid = \"loop\"\ntitle = \"t\"\ntopic = \"billing\"\nbody = '{body}'\n"
        ),
    )]);
    // Two megabytes of names: rendering stops at the cap.
    canned(&env, "use loop --var name=a-long-customer-name --print")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stderr(
            "
            error: `loop` does not render: the rendered text passes 1048576 bytes; rendering stopped
            hint: run `canned check` to see where
            ",
        )
        .run();
    canned(&env, "check")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stdout(
            "
            lib/loop.toml:5:9: error: fails to render with the example values: template error: the rendered text passes 1048576 bytes; rendering stopped (response `loop`)
                hint: `canned show loop` renders it the same way

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

#[test]
fn a_loop_inside_a_loop_is_refused_before_it_can_run_for_hours() {
    let body =
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
    let env = library(&[(
        "loop.toml",
        &format!(
            "[[response]]\nid = \"loop\"\ntitle = \"t\"\ntopic = \"billing\"\nbody = '{body}'\n"
        ),
    )]);
    canned(&env, "use loop --print")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stderr(
            "
            error: `loop` cannot be used: template error: a loop inside a loop (counting loops in included partials): replies may loop one level deep
            hint: run `canned check` to see where
            ",
        )
        .run();
    canned(&env, "check")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stdout(
            "
            lib/loop.toml:5:43: error: template error: a loop inside a loop (counting loops in included partials): replies may loop one level deep (response `loop`)
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

/// Tera reads each `{% elif %}` as an `if` inside the one before: five
/// thousand of them overflowed its stack, and `check` aborted on the whole
/// library.
#[test]
fn a_chain_of_5000_elif_is_refused_not_a_stack_overflow() {
    let chain = format!(
        "{{% if name == \"a\" %}}a{}{{% endif %}}",
        "{% elif name == \"b\" %}b".repeat(5_000)
    );
    let env = one_body("elif", &chain);
    // The 101st `elif`, where its words start (columns count from 1).
    let at =
        1 + "body = '''{% if name == \"a\" %}a{%".len() + 100 * "{% elif name == \"b\" %}b".len();
    canned(&env, "check")
        .status(1)
        .stdout(&format!(
            "
            lib/elif.toml:5:{at}: error: template error: an `{{% if %}}` with more than 100 `{{% elif %}}`: each is one level deeper for Tera, and so many overflow its stack; split the choice in two (response `elif`)
                expected: a valid Tera template: {{{{ variable }}}}, {{% if … %}}…{{% endif %}}, {{% include \"partial\" %}}

            ✗ 1 error in a library of 2 files; 1 response valid
            "
        ))
        .run();
    agents_still_work(&env, "");
}

#[test]
fn a_long_loop_that_prints_nothing_is_stopped_by_the_work_limit() {
    // 100,000 items over a body of 2,000 tags printing nothing: minutes of
    // work that the output cap never sees.
    let body = format!(
        "Hi {{{{ name }}}}\n{{% for i in range(end=100000) %}}{}{{% endfor %}}",
        "{% if name == \"x\" %}{% endif %}".repeat(1000)
    );
    let env = library(&[(
        "loop.toml",
        &format!(
            "[[response]]\nid = \"loop\"\ntitle = \"t\"\ntopic = \"billing\"\nbody = '''\n{body}'''\n"
        ),
    )]);
    canned(&env, "check")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stdout(
            "
            lib/loop.toml:7:1: error: fails to render with the example values: template error: this loop would take 200156256 steps (100000 items × 2001 steps each), past the limit of 1000000 steps for a reply; rendering stopped (response `loop`)
                hint: `canned show loop` renders it the same way

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
    canned(&env, "use loop --var name=S --print")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stderr(
            "
            error: `loop` does not render: this loop would take 200156256 steps (100000 items × 2001 steps each), past the limit of 1000000 steps for a reply; rendering stopped
            hint: run `canned check` to see where
            ",
        )
        .run();
    agents_still_work(&env, "");
}

#[test]
fn partials_included_many_times_over_are_refused_once_where_it_starts() {
    // 1,000 × 1,000 includes of an empty partial: a million steps that
    // print nothing, before any loop. The reply that includes it cannot be
    // used, and is told so at its include.
    let manifest = format!(
        "{MANIFEST}leaf = \"\"\nwide = '{}'\nwider = '{}'\n",
        "{% include \"leaf\" %}".repeat(1000),
        "{% include \"wide\" %}".repeat(1000)
    );
    let env = Env::with_library(&[
        ("canned.toml", &manifest),
        ("good.toml", &response("good")),
        (
            "bomb.toml",
            &response("bomb").replace("\"signature\"", "\"wider\""),
        ),
    ]);
    canned(&env, "check")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stdout(
            "
            lib/bomb.toml:7:13: error: template error: includes partial `wider`, which has errors (response `bomb`)
            lib/canned.toml:23:10: error: partial error: takes 1001000 steps to render before any loop, past the limit of 1000000 (partials included many times over, or long chains of `~`?)
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}

            ✗ 2 errors in a library of 2 files; 1 response valid
            ",
        )
        .run();
    canned(&env, "use bomb --var name=S --print")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stderr(
            "
            error: `bomb` cannot be used: template error: in partial `wider`: takes 1001000 steps to render before any loop, past the limit of 1000000 (partials included many times over, or long chains of `~`?)
            hint: run `canned check` to see where
            ",
        )
        .run();
    agents_still_work(&env, "");
}

/// A chain of partials too deep is told once, at the partial that starts
/// it; each reply that includes it, at its include.
#[test]
fn a_chain_of_partials_too_deep_is_told_once_where_it_starts() {
    let chain: String = (0..20)
        .map(|i| format!("p{i} = '{{% include \"p{}\" %}}'\n", i + 1))
        .collect();
    let manifest = format!("{MANIFEST}{chain}p20 = \"end\"\n");
    let env = Env::with_library(&[
        ("canned.toml", &manifest),
        ("good.toml", &response("good")),
        ("a.toml", &response("a").replace("\"signature\"", "\"p0\"")),
        ("b.toml", &response("b").replace("\"signature\"", "\"p3\"")),
    ]);
    canned(&env, "check")
        .status(1)
        .stdout(
            "
            lib/a.toml:7:13: error: template error: includes partial `p0`, which has errors (response `a`)
            lib/b.toml:7:13: error: template error: includes partial `p3`, which has errors (response `b`)
            lib/canned.toml:21:19: error: partial error: partials include each other more than 16 levels deep
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}

            ✗ 3 errors in a library of 3 files; 1 response valid
            ",
        )
        .run();
    agents_still_work(&env, "");
}

#[test]
fn a_template_cannot_read_the_environment_or_files() {
    let env = library(&[(
        "spy.toml",
        "[[response]]\nid = \"spy\"\ntitle = \"t\"\ntopic = \"billing\"\nbody = '{{ get_env(name=\"HOME\") }} {% include \"/etc/passwd\" %}'\n",
    )]);
    canned(&env, "check")
        .status(1)
        .stdout(
            "
            lib/spy.toml:5:12: error: template error: Unknown function `get_env` (response `spy`)
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}
            lib/spy.toml:5:48: error: include of unknown partial `/etc/passwd` (response `spy`)
                expected: one of: signature

            ✗ 2 errors in a library of 2 files; 1 response valid
            ",
        )
        .run();
    canned(&env, "use spy --print")
        .status(1)
        .stderr(
            "
            error: `spy` cannot be used: template error: Unknown function `get_env`
            hint: run `canned check` to see where
            ",
        )
        .run();
    agents_still_work(&env, "");
}

#[test]
fn eight_processes_times_100_uses_lose_no_log_line_and_no_chat_value() {
    let env = library(&[]);
    std::thread::scope(|threads| {
        for p in 0..8 {
            let env = &env;
            threads.spawn(move || {
                for i in 0..100 {
                    canned(env, "use good --chat 4821 --var name=S --print")
                        .args(["--var", &format!("k{p}_{i}=v{p}.{i}")])
                        .stdout("Hi S\n— the team")
                        .run();
                }
            });
        }
    });
    assert_eq!(
        env.read("data/canned/usage.log"),
        "1795521600\tgood\ten\n".repeat(800),
        "lost usage lines"
    );
    let chat: serde_json::Value =
        serde_json::from_str(&env.read("state/canned/chats/4821.json")).unwrap();
    let mut expected = serde_json::Map::new();
    expected.insert("name".into(), "S".into());
    for p in 0..8 {
        for i in 0..100 {
            expected.insert(format!("k{p}_{i}"), format!("v{p}.{i}").into());
        }
    }
    assert_eq!(chat["values"], serde_json::Value::Object(expected));
}

#[test]
fn processes_rebuilding_the_index_cache_at_once_all_answer_right() {
    let env = library(&[(
        "b.toml",
        &response("parcel-lost").replace("Title of parcel-lost", "Parcel lost"),
    )]);
    for round in 0..5 {
        // A changed file invalidates the cache: every process rebuilds it.
        env.write("lib/c.toml", response(&format!("round-{round}")));
        std::thread::scope(|threads| {
            for _ in 0..8 {
                threads.spawn(|| {
                    canned(&env, "find parcel")
                        .stdout("parcel-lost    • normal    billing  any  en  Parcel lost\n")
                        .run();
                });
            }
        });
    }
}

#[test]
fn a_customer_name_with_terminal_escapes_is_shown_inert() {
    let env = library(&[]);
    let evil = "Sarah\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[31m";
    canned(&env, "chat 9")
        .arg(format!("name={evil}"))
        .stderr("chat 9: remembered name\n")
        .run();
    canned(&env, "chat")
        .stdout("9  forgotten in 24h00  name=Sarah\n")
        .run();
    canned(&env, "use good --chat 9 --print")
        .stdout("Hi Sarah\n— the team")
        .run();
}

/// Where `CANNED_TEST_FAIL_AT` crashes an atomic write, as kill -9 would:
/// with half the new text in the temporary file, with all of it, and just
/// after the temporary file took the old one's place.
const CRASH_POINTS: [&str; 3] = ["mid-write", "before-rename", "after-rename"];

/// The temporary files atomic writes of `target` (relative to the temp
/// dir) left beside it, with their contents.
fn temporary_files(env: &Env, target: &str) -> Vec<Vec<u8>> {
    let target = env.path().join(target);
    let prefix = format!(".{}.", target.file_name().unwrap().to_string_lossy());
    let Ok(dir) = std::fs::read_dir(target.parent().unwrap()) else {
        return Vec::new();
    };
    dir.filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(&prefix) && name.ends_with(".tmp")
        })
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect()
}

/// Crashes `writer`, a command that writes `target` (relative to the temp
/// dir), at each of [`CRASH_POINTS`], each time from the same start, and
/// checks that `target` is then the old file or the new one, whole, and
/// that running `writer` again sweeps up what the dead writer left. `new`
/// is what `writer` writes when nothing stops it; `writer` must expect a
/// successful run. `after_each_crash` checks the rest of the state.
fn crash_at_every_point<'a>(
    env: &'a Env,
    target: &str,
    writer: impl Fn() -> Test<'a>,
    after_each_crash: impl Fn(&str),
) {
    let path = env.path().join(target);
    let old = std::fs::read(&path).ok();
    let restore = || match &old {
        Some(bytes) => std::fs::write(&path, bytes).unwrap(),
        None => {
            let _ = std::fs::remove_file(&path);
        }
    };
    writer().run();
    let new = std::fs::read(&path).unwrap();
    assert_ne!(Some(&new), old.as_ref(), "{target} did not change");
    assert_eq!(temporary_files(env, target), Vec::<Vec<u8>>::new());
    for point in CRASH_POINTS {
        restore();
        writer()
            .env("CANNED_TEST_FAIL_AT", point)
            .signal(SIGABRT)
            .stdout("")
            .stderr("")
            .run();
        let now = std::fs::read(&path).ok();
        let left = temporary_files(env, target);
        let half = new[..new.len() / 2].to_vec();
        let whole = std::slice::from_ref(&new);
        match point {
            "mid-write" => {
                assert_eq!(now, old, "{point}: {target} is not the old file");
                assert_eq!(left, [half], "{point}: the dead writer's half file");
            }
            "before-rename" => {
                assert_eq!(now, old, "{point}: {target} is not the old file");
                assert_eq!(left, whole, "{point}: the dead writer's file");
            }
            _ => {
                assert_eq!(
                    now.as_ref(),
                    Some(&new),
                    "{point}: {target} is not the new file"
                );
                // A file created with a hard link keeps its temporary name
                // too until the next write; a renamed one has none.
                assert!(
                    left.is_empty() || left == whole,
                    "{point}: {} temporary files",
                    left.len()
                );
            }
        }
        after_each_crash(point);
        if point != "after-rename" {
            writer().run();
            assert_eq!(std::fs::read(&path).unwrap(), new);
            assert_eq!(
                temporary_files(env, target),
                Vec::<Vec<u8>>::new(),
                "{point}: the next write left the dead writer's file"
            );
        }
    }
}

#[test]
fn a_chat_write_crashed_at_any_point_leaves_the_old_file_or_the_new() {
    let env = library(&[]);
    canned(&env, "chat 4821 old=1")
        .stderr("chat 4821: remembered old\n")
        .run();
    crash_at_every_point(
        &env,
        "state/canned/chats/4821.json",
        || canned(&env, "chat 4821 new=2").stderr("chat 4821: remembered new\n"),
        |point| {
            let values = match point {
                "after-rename" => "new=2\nold=1\n",
                _ => "old=1\n",
            };
            canned(&env, "chat 4821").stdout(values).run();
        },
    );
}

#[test]
fn a_cache_write_crashed_at_any_point_leaves_the_old_cache_or_the_new() {
    let env = library(&[]);
    let found = "good    • normal    billing  any  en  Title of good\n";
    canned(&env, "find title").stdout(found).run();
    let cache = env.cache_file("index");
    // A new file makes the cache stale: the next `find` rebuilds it.
    env.write("lib/new.toml", response("new-one"));
    crash_at_every_point(
        &env,
        &cache,
        || {
            canned(&env, "find title").stdout(
                "
                good       • normal    billing  any  en  Title of good
                new-one    • normal    billing  any  en  Title of new-one
                ",
            )
        },
        |_| {},
    );
}

#[test]
fn a_delta_write_crashed_at_any_point_leaves_the_old_delta_or_the_new() {
    let names = ["a", "b", "c", "d", "e", "f"];
    let env = library(&[]);
    for n in names {
        env.write(&format!("lib/{n}.toml"), response(n));
    }
    canned(&env, "find title --limit 1").any_stdout().run();
    // One file of seven changed: only it is indexed again, into a delta.
    env.write("lib/c.toml", response("c2"));
    canned(&env, "find c2").any_stdout().run();
    let delta = env.cache_file("delta");
    env.write("lib/c.toml", response("c3"));
    crash_at_every_point(
        &env,
        &delta,
        || canned(&env, "find c3").stdout("c3    • normal    billing  any  en  Title of c3\n"),
        |_| {},
    );
}

#[test]
fn review_and_new_crashed_at_any_point_leave_a_valid_library() {
    let env = library(&[]);
    // Every file still loads: nothing skipped (a draft's TODO line is
    // `check`'s to report, not a broken file).
    let library_is_valid = |_: &str| {
        canned(&env, "list").any_stdout().run();
    };
    crash_at_every_point(
        &env,
        "lib/good.toml",
        || {
            canned(&env, "review good --date 2026-01-02")
                .stdout("✓ good reviewed 2026-01-02 (first review)  lib/good.toml:1\n")
        },
        library_is_valid,
    );
    // Appended to the file of its topic.
    crash_at_every_point(
        &env,
        "lib/good.toml",
        || {
            canned(&env, "new --id late --title Late --topic billing --no-edit")
                .stdout("Added `late` to lib/good.toml:10\n")
        },
        library_is_valid,
    );
    // The first response of a topic: a new file.
    crash_at_every_point(
        &env,
        "lib/shipping.toml",
        || {
            canned(
                &env,
                "new --id lost --title Lost --topic shipping --no-edit",
            )
            .stdout("Added `lost` to lib/shipping.toml:5\n")
        },
        library_is_valid,
    );
    // The file created by a hard link kept its temporary name too; the next
    // write of the file sweeps it up.
    canned(
        &env,
        "new --id found --title Found --topic shipping --no-edit",
    )
    .stdout("Added `found` to lib/shipping.toml:14\n")
    .run();
    assert_eq!(
        temporary_files(&env, "lib/shipping.toml"),
        Vec::<Vec<u8>>::new()
    );
}

#[test]
fn an_import_crashed_at_any_point_leaves_no_part_of_its_file() {
    let env = library(&[]);
    // Nothing to add to the manifest: the import is this one file.
    env.write(
        "in.csv",
        "id,title,topic,body\nlate,Late,billing,Hi {{ name }}\n",
    );
    crash_at_every_point(
        &env,
        "lib/imported-csv-2026-11-24.toml",
        || {
            canned(&env, "import --from csv in.csv")
                .stdout("Imported 1 response from in.csv into lib/imported-csv-2026-11-24.toml\n")
        },
        |point| {
            let responses = if point == "after-rename" { 2 } else { 1 };
            let files = if point == "after-rename" { 2 } else { 1 };
            let s = |n| if n == 1 { "" } else { "s" };
            canned(&env, "check")
                .stdout(&format!(
                    "✓ {responses} response{} in {files} file{}: no errors\n",
                    s(responses),
                    s(files)
                ))
                .run();
        },
    );
}

#[test]
fn an_init_crashed_before_its_first_rename_leaves_no_library() {
    // Crashed after the rename of its first file, init leaves a library of
    // a manifest alone, which the next init refuses to complete (reported):
    // only the points before it are specified here.
    for point in ["mid-write", "before-rename"] {
        let env = Env::new();
        env.test()
            .args(["init", "team"])
            .env("CANNED_TEST_FAIL_AT", point)
            .signal(SIGABRT)
            .run();
        assert_eq!(
            temporary_files(&env, "team/canned.toml").len(),
            1,
            "{point}"
        );
        env.test().args(["init", "team"]).stdout(INIT_TEAM).run();
        assert_eq!(
            temporary_files(&env, "team/canned.toml"),
            Vec::<Vec<u8>>::new(),
            "{point}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_config_file_that_is_a_named_pipe_is_refused_not_waited_on() {
    let env = library(&[]);
    mkfifo(&env, "config.fifo");
    canned(&env, "list")
        .env("CANNED_CONFIG", env.path().join("config.fifo"))
        .timeout(Duration::from_secs(30))
        .status(1)
        .stderr("error: invalid config file [TMP]/config.fifo: not a regular file\n")
        .run();
}

#[cfg(unix)]
#[test]
fn a_library_that_is_a_named_pipe_is_refused_for_what_it_is() {
    let env = library(&[]);
    mkfifo(&env, "lib.fifo");
    canned(&env, "list")
        .args(["--library", "lib.fifo"])
        .timeout(Duration::from_secs(30))
        .status(2)
        .stderr(
            "
            error: `lib.fifo` (from --library) is neither a file nor a directory; a library is a directory
            hint: name the directory that holds the response files, such as `.`
            ",
        )
        .run();
}

/// canned's own files (the caches, the usage log) replaced by named pipes
/// or by links to `/dev/zero`: never waited on nor read without end, and
/// rebuilt or done without.
#[cfg(unix)]
#[test]
fn caches_and_the_usage_log_that_are_not_files_are_done_without() {
    let env = library(&[]);
    let found = "good    • normal    billing  any  en  Title of good\n";
    canned(&env, "find title").stdout(found).run();
    canned(&env, "suggest title of good").any_stdout().run();
    let mut kept: Vec<String> = ["index", "manifest", "suggest"]
        .iter()
        .map(|kind| env.cache_file(kind))
        .collect();
    kept.push("data/canned/usage.log".into());
    std::fs::create_dir_all(env.path().join("data/canned")).unwrap();
    for (i, rel) in kept.iter().enumerate() {
        let _ = std::fs::remove_file(env.path().join(rel));
        if i % 2 == 0 {
            mkfifo(&env, rel);
        } else {
            std::os::unix::fs::symlink("/dev/zero", env.path().join(rel)).unwrap();
        }
    }
    for _ in 0..2 {
        canned(&env, "find title")
            .timeout(Duration::from_secs(30))
            .stdout(found)
            .run();
        canned(&env, "suggest title of good")
            .timeout(Duration::from_secs(30))
            .any_stdout()
            .run();
        canned(&env, "show good")
            .timeout(Duration::from_secs(30))
            .any_stdout()
            .run();
    }
    let usage_log = env.path().join("data/canned/usage.log");
    let _ = std::fs::remove_file(&usage_log);
    mkfifo(&env, "data/canned/usage.log");
    canned(&env, "use good --var name=S --print")
        .timeout(Duration::from_secs(30))
        .stdout("Hi S\n— the team")
        .stderr("warning: could not write the usage log: [TMP]/data/canned/usage.log: not a regular file\n")
        .run();
}

/// The chat store's lock file replaced by a named pipe or a directory: not
/// waited on. `use --print` still prints, with a warning; a command that
/// must save the chat says why it cannot.
#[cfg(unix)]
#[test]
fn a_chat_lock_that_is_not_a_file_is_never_waited_on() {
    let env = library(&[]);
    canned(&env, "chat 300 name=A")
        .stderr("chat 300: remembered name\n")
        .run();
    let lock = "state/canned/chats/.lock";
    for pipe in [true, false] {
        let _ = std::fs::remove_file(env.path().join(lock));
        if pipe {
            mkfifo(&env, lock);
        } else {
            std::fs::create_dir(env.path().join(lock)).unwrap();
        }
        canned(&env, "use good --chat 300 --var name=B --print")
            .timeout(Duration::from_secs(30))
            .stdout("Hi B\n— the team")
            .stderr("warning: could not save chat 300: [TMP]/state/canned/chats: its lock file, .lock, is not a regular file\n")
            .run();
        canned(&env, "chat --close 300")
            .timeout(Duration::from_secs(30))
            .status(1)
            .stderr(
                "error: [TMP]/state/canned/chats: its lock file, .lock, is not a regular file\n",
            )
            .run();
        if !pipe {
            std::fs::remove_dir(env.path().join(lock)).unwrap();
        }
    }
}

/// Makes a named pipe at `rel` in the test's directory.
#[cfg(unix)]
fn mkfifo(env: &Env, rel: &str) {
    let made = env.command("mkfifo").arg(rel).status().unwrap();
    assert!(made.success());
}

/// A library with one good response plus a response `id` whose body is
/// `body` (a TOML literal string: no escapes).
fn one_body(id: &str, body: &str) -> Env {
    library(&[(
        &format!("{id}.toml"),
        &format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"t\"\ntopic = \"billing\"\nbody = '''{body}'''\n"
        ),
    )])
}

#[test]
fn a_chain_of_filters_in_a_long_loop_stops_before_its_first_item() {
    // Ten `replace` doubling the value at each of 100,000 items: seconds of
    // work (minutes for a longer value) that prints one character.
    let body = format!(
        "{{% for i in range(end=100000) %}}{{% if name {}== \"x\" %}}y{{% endif %}}{{% endfor %}}",
        "| replace(from=\"a\", to=\"aa\") ".repeat(10)
    );
    let env = one_body("slow", &body);
    canned(&env, "check")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stdout(
            "
            lib/slow.toml:5:11: error: fails to render with the example values: template error: this loop would take 4356255 steps (100000 items × 43 steps each), past the limit of 1000000 steps for a reply; rendering stopped (response `slow`)
                hint: `canned show slow` renders it the same way

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
    canned(&env, "use slow --var name=aaaa --print")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stderr(
            "
            error: `slow` does not render: this loop would take 4356255 steps (100000 items × 43 steps each), past the limit of 1000000 steps for a reply; rendering stopped
            hint: run `canned check` to see where
            ",
        )
        .run();
    agents_still_work(&env, "");
}

#[test]
fn what_filters_make_from_a_long_value_is_charged_as_it_is_made() {
    // 1,000 items pass with the example value (`Sarah` grows to 2 KiB);
    // a 64-byte value grows to 64 KiB at each item.
    let body = format!(
        "{{% for i in range(end=1000) %}}{{% if name {}== \"x\" %}}y{{% endif %}}{{% endfor %}}",
        "| replace(from=\"a\", to=\"aa\") ".repeat(10)
    );
    let env = one_body("grow", &body);
    canned(&env, "check")
        .timeout(Duration::from_secs(60))
        .stdout("✓ 2 responses in 2 files: no errors\n")
        .run();
    canned(&env, &format!("use grow --var name={} --print", "a".repeat(64)))
        .timeout(Duration::from_secs(60))
        .status(2)
        .stderr(
            "
            error: `grow` does not render with the value given for `name`: `replace` made 65536 bytes, taking the reply to 1001095 steps (a step per 16 bytes made), past the limit of 1000000 steps for a reply; rendering stopped
            hint: it renders with the example values: give others; nothing was copied
            ",
        )
        .run();
}

#[test]
fn a_chain_of_concatenations_costs_what_it_copies() {
    let env = one_body(
        "cat",
        "{% for i in range(end=1000) %}{% if name ~ name ~ name == \"x\" %}y{% endif %}{% endfor %}",
    );
    canned(&env, "check")
        .timeout(Duration::from_secs(60))
        .stdout("✓ 2 responses in 2 files: no errors\n")
        .run();
    canned(&env, &format!("use cat --var name={} --print", "a".repeat(2048)))
        .timeout(Duration::from_secs(60))
        .status(2)
        .stderr(
            "
            error: `cat` does not render with the value given for `name`: this loop would take 1173577 steps (1000 items × 391 steps each × 3 for values of 2 KiB), past the limit of 1000000 steps for a reply; rendering stopped
            hint: it renders with the example values: give others; nothing was copied
            ",
        )
        .run();
    // A chain of 400 `~` copies its growing text 400 times over.
    let env = one_body("chain", &format!("{{{{ name{} }}}}", " ~ name".repeat(400)));
    canned(&env, "check")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stdout(
            "
            lib/chain.toml:5:11: error: template error: takes 10335603 steps to render before any loop, past the limit of 1000000 (partials included many times over, or long chains of `~`?) (response `chain`)
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
    canned(&env, "use chain --var name=S --print")
        .timeout(Duration::from_secs(60))
        .status(1)
        .stderr(
            "
            error: `chain` cannot be used: template error: takes 10335603 steps to render before any loop, past the limit of 1000000 (partials included many times over, or long chains of `~`?)
            hint: run `canned check` to see where
            ",
        )
        .run();
}

/// `/dev/zero` as an import or as values was read until memory ran out
/// (12 GB in five seconds).
#[test]
fn an_endless_input_is_refused_past_its_cap() {
    let env = library(&[]);
    canned(&env, "use good --print --vars /dev/zero")
        .status(1)
        .stderr(
            "
            error: /dev/zero is larger than 16 MiB, too large for --vars
            hint: is it the right file?
            ",
        )
        .run();
    canned(&env, "import --from zendesk /dev/zero --dry-run")
        .status(1)
        .stderr(
            "
            error: /dev/zero is larger than 256 MiB, too large for an import
            hint: is it the right file?
            ",
        )
        .run();
}

/// A file the agent may write, in a folder it may not: the new text is
/// written beside the old file, then put in its place, so the folder is
/// named, with what that needs, and nothing is written.
#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_written_is_named_with_why() {
    use std::os::unix::fs::PermissionsExt;
    let env = library(&[]);
    let lib = env.path().join("lib");
    let file = lib.join("good.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    if running_as_root(&env) {
        let owned = env
            .command("chown")
            .args(["65534:65534"])
            .arg(&file)
            .status()
            .unwrap();
        assert!(owned.success());
    }
    std::fs::set_permissions(&lib, std::fs::Permissions::from_mode(0o555)).unwrap();
    let (code, out, err) = as_user(&env, &["review", "good", "--date", "2026-11-01"]);
    std::fs::set_permissions(&lib, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!((code, out.as_str()), (Some(1), ""), "{err}");
    assert!(
        err.ends_with(
            "error: lib: cannot write the new good.toml in it: Permission denied (os error 13)\n\
             hint: nothing was written: a file is written whole beside the old one, then put in its place, which needs the folder to be writable\n"
        ),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

/// An import into a folder the agent cannot write names the file it could
/// not write, and says nothing was written (the manifest put back).
#[cfg(unix)]
#[test]
fn an_import_into_a_folder_that_cannot_be_written_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let env = library(&[]);
    let lib = env.path().join("lib");
    env.write("in.csv", "id,title,topic,body\nnew-one,New,billing,Hi\n");
    let manifest = std::fs::read_to_string(lib.join("canned.toml")).unwrap();
    std::fs::create_dir(lib.join("locked")).unwrap();
    std::fs::set_permissions(lib.join("locked"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let csv = env.path().join("in.csv");
    let (code, out, err) = as_user(
        &env,
        &[
            "import",
            "--from",
            "csv",
            csv.to_str().unwrap(),
            "--file",
            "locked/new.toml",
        ],
    );
    std::fs::set_permissions(lib.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!((code, out.as_str()), (Some(1), ""), "{err}");
    assert!(
        err.ends_with(
            "error: lib/locked/new.toml: cannot write it: Permission denied (os error 13)\n\
             hint: nothing was written\n"
        ),
        "{err}"
    );
    assert!(!lib.join("locked/new.toml").exists());
    assert_eq!(
        std::fs::read_to_string(lib.join("canned.toml")).unwrap(),
        manifest
    );
}
