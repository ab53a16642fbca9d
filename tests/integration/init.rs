//! `canned init`.

use predicates::str::contains;

use crate::support::Env;

#[test]
fn init_writes_a_starter_library_that_passes_check() {
    let env = Env::new();
    env.canned().args(["init", "team"]).assert().success();
    env.canned()
        .args(["--library", "team", "check"])
        .assert()
        .success();
}

#[test]
fn init_refuses_to_overwrite_an_existing_library() {
    let env = Env::new();
    env.write("team/canned.toml", "# ours\n");
    env.canned()
        .args(["init", "team"])
        .assert()
        .code(1)
        .stderr(contains("already holds a library"));
    assert_eq!(env.read("team/canned.toml"), "# ours\n");
}

#[test]
fn init_defaults_to_responses_in_the_current_directory() {
    let env = Env::new();
    env.canned().arg("init").assert().success();
    env.canned().arg("check").assert().success();
}
