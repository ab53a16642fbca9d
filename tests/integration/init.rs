//! `canned init`.

use crate::support::{Env, INIT_TEAM, Test};

#[test]
fn init_writes_a_starter_library_that_passes_check() {
    let env = Env::new();
    env.test().args(["init", "team"]).stdout(INIT_TEAM).run();
    env.test()
        .args(["--library", "team", "check"])
        .stdout("✓ 3 responses in 2 files: no errors\n")
        .run();
}

/// Inits run at once take turns: one writes the whole library, the others
/// find it there, and what the one that succeeded wrote stays. They wrote
/// a file or two each and removed their own, leaving no manifest.
#[test]
fn inits_run_at_once_leave_one_whole_library() {
    let env = Env::new();
    for round in 0..5 {
        let dir = format!("team{round}");
        let runs: Vec<_> = (0..4)
            .map(|_| {
                env.canned_process()
                    .args(["init", &dir])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outs: Vec<_> = runs
            .into_iter()
            .map(|r| r.wait_with_output().unwrap())
            .collect();
        let won = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(won, 1, "{outs:?}");
        env.test()
            .args(["--library", &dir, "check"])
            .stdout("✓ 3 responses in 2 files: no errors\n")
            .run();
    }
}

#[test]
fn init_refuses_to_overwrite_an_existing_library() {
    let env = Env::new();
    env.write("team/canned.toml", "# ours\n");
    env.test()
        .args(["init", "team"])
        .status(1)
        .stderr(
            "
            error: team already holds a library (canned.toml)
            hint: choose another directory: `canned init DIR`; nothing was written
            ",
        )
        .run();
    assert_eq!(env.read("team/canned.toml"), "# ours\n");
    assert!(!env.path().join("team/general.toml").exists());
}

/// An init stopped half-way (killed between two files) left starter files
/// as it writes them, and nothing else: the next init finishes it, where
/// it was refused as a library; a starter file a lead has changed is a
/// library.
#[test]
fn an_init_stopped_half_way_is_finished_by_the_next() {
    let env = Env::new();
    let manifest = include_str!("../../src/cmd/starter/canned.toml");
    env.write("team/canned.toml", manifest);
    env.test()
        .args(["init", "team"])
        .stdout(
            &INIT_TEAM
                .replace("Created", "Finished")
                .replace("      team/canned.toml\n", ""),
        )
        .run();
    env.test()
        .args(["--library", "team", "check"])
        .stdout("✓ 3 responses in 2 files: no errors\n")
        .run();
    env.write("half/canned.toml", format!("{manifest}# ours\n"));
    // A whole starter, untouched, is a library: not written again.
    env.test()
        .args(["init", "team"])
        .status(1)
        .stderr(
            "
            error: team already holds a library (canned.toml, general.toml, shipping.toml)
            hint: choose another directory: `canned init DIR`; nothing was written
            ",
        )
        .run();
    env.test()
        .args(["init", "half"])
        .status(1)
        .stderr(
            "
            error: half already holds a library (canned.toml)
            hint: choose another directory: `canned init DIR`; nothing was written
            ",
        )
        .run();
}

#[test]
fn init_refuses_a_directory_whose_subdirectories_hold_responses() {
    // A library is every `.toml` file below its directory.
    let env = Env::new();
    env.write("team/billing/refunds.toml", "# ours\n");
    env.test()
        .args(["init", "team"])
        .status(1)
        .stderr(
            "
            error: team already holds a library (billing/refunds.toml)
            hint: choose another directory: `canned init DIR`; nothing was written
            ",
        )
        .run();
    assert!(!env.path().join("team/canned.toml").exists());
}

/// The next command is one that can be pasted back: a path with a space
/// was shown bare, and the shell read two words.
#[test]
fn init_shows_a_path_with_a_space_as_one_word() {
    Test::new()
        .args(["init", "team lib"])
        .stdout(
            "
            Created a starter library in team lib:
              team lib/canned.toml
              team lib/general.toml
              team lib/shipping.toml

            Next: `canned --library \"team lib\" list`, then edit the files and run `canned check`.
            ",
        )
        .run();
}

#[test]
fn init_defaults_to_responses_in_the_current_directory() {
    let env = Env::new();
    env.test()
        .arg("init")
        .stdout(
            "
            Created a starter library in responses:
              responses/canned.toml
              responses/general.toml
              responses/shipping.toml

            Next: `canned --library responses list`, then edit the files and run `canned check`.
            ",
        )
        .run();
    // Found as the nearest ./responses.
    Test::with_env(env)
        .arg("check")
        .stdout("✓ 3 responses in 2 files: no errors\n")
        .run();
}

/// Whatever stands where a starter file goes is said before anything is
/// written: a starter half written is no library.
#[cfg(unix)]
#[test]
fn init_writes_nothing_when_something_is_in_the_way() {
    let env = Env::new();
    std::fs::create_dir_all(env.path().join("s1")).unwrap();
    std::os::unix::fs::symlink("/nonexistent", env.path().join("s1/shipping.toml")).unwrap();
    env.test()
        .args(["init", "s1"])
        .status(1)
        .stderr(
            "
            error: s1 already holds shipping.toml
            hint: choose another directory: `canned init DIR`; nothing was written
            ",
        )
        .run();
    let left: Vec<_> = std::fs::read_dir(env.path().join("s1")).unwrap().collect();
    assert_eq!(left.len(), 1);
    env.write("f", "");
    env.test()
        .args(["init", "f"])
        .status(1)
        .stderr(
            "
            error: f is a file; a library is a directory
            hint: choose another directory: `canned init DIR`; nothing was written
            ",
        )
        .run();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("nowhere", env.path().join("dangling")).unwrap();
        env.test()
            .args(["init", "dangling"])
            .status(1)
            .stderr(
                "
                error: dangling is a link to nothing; a library is a directory
                hint: choose another directory: `canned init DIR`; nothing was written
                ",
            )
            .run();
    }
}

/// `--library DIR` names the directory to write, as it names the library
/// for every other command; two different directories are refused.
#[test]
fn init_writes_where_library_says() {
    let env = Env::new();
    env.test()
        .args(["--library", "team", "init"])
        .stdout(INIT_TEAM)
        .run();
    assert!(!env.path().join("responses").exists());
    env.test()
        .args(["--library", "team", "init", "other"])
        .status(2)
        .stderr("error: two directories: `other` and --library `team`; give one\n")
        .run();
    assert!(!env.path().join("other").exists());
    // One directory, however it is spelled, is no two.
    env.test()
        .args(["--library", "./crew/", "init", "crew"])
        .any_stdout()
        .run();
    assert!(env.path().join("crew/canned.toml").is_file());
}

/// Without a directory or `--library`, `init` writes where every other
/// command will look: `CANNED_LIBRARY`, else the config's `library`.
#[test]
fn init_writes_where_canned_library_or_the_config_points() {
    let env = Env::new();
    let team = env.path().join("team");
    env.test()
        .arg("init")
        .env("CANNED_LIBRARY", &team)
        .stdout_contains("Created a starter library in [TMP]/team:")
        .run();
    env.test()
        .arg("check")
        .env("CANNED_LIBRARY", &team)
        .stdout("✓ 3 responses in 2 files: no errors\n")
        .run();
    env.write("config/canned/config.toml", "library = \"../../desk\"\n");
    env.test().arg("init").stdout_contains("canned.toml").run();
    env.test()
        .arg("check")
        .stdout("✓ 3 responses in 2 files: no errors\n")
        .run();
    assert!(env.path().join("desk/canned.toml").is_file());
}
