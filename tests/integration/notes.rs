//! `use` shows a response's notes for the agent on stderr before anything
//! is printed or copied, and before the values are asked for.

use crate::support::{Env, MANIFEST, Pty, Test, canned_bin};

const NOTED: &str = r#"
[[response]]
id = "hacked"
title = "Account compromised"
topic = "billing"
notes = """
Lock the account BEFORE sending.
Then tell security."""
body = "Hi {{ name }}"

[response.translations.fr]
title = "Compte piraté"
body = "Bonjour {{ name }}"

[[response]]
id = "legal"
title = "Legal threat"
topic = "billing"
notes = "Do not admit liability."
body = "Hi {{ name }}"

[response.translations.fr]
title = "Menace juridique"
notes = "Ne reconnaissez aucune responsabilité."
body = "Bonjour {{ name }}"
"#;

fn env() -> Env {
    Env::with_library(&[("canned.toml", MANIFEST), ("noted.toml", NOTED)])
}

fn use_in<'a>(env: &'a Env, args: &str) -> Test<'a> {
    env.test()
        .library(&[])
        .arg("use")
        .args(args.split_whitespace())
}

#[test]
fn use_shows_the_notes_on_stderr_before_printing() {
    let env = env();
    use_in(&env, "legal --var name=S --print")
        .stdout("Hi S")
        .stderr("notes: Do not admit liability.\n")
        .run();
    // In the reply's language when it has notes of its own.
    use_in(&env, "legal --lang fr --var name=S --print")
        .stdout("Bonjour S")
        .stderr("notes: Ne reconnaissez aucune responsabilité.\n")
        .run();
    // A translation without notes keeps the response's; lines are indented.
    use_in(&env, "hacked --lang fr --var name=S --print")
        .stdout("Bonjour S")
        .stderr("notes: Lock the account BEFORE sending.\n  Then tell security.\n")
        .run();
    // Even with --quiet: they may say not to send the reply as it is.
    use_in(&env, "legal --var name=S --print --quiet")
        .stdout("Hi S")
        .stderr("notes: Do not admit liability.\n")
        .run();
}

#[test]
fn nothing_delivered_means_no_notes_without_a_terminal() {
    use_in(&env(), "legal --print")
        .status(2)
        .stderr(
            "
            error: missing values for `legal`:
              name — Customer's first name (e.g. Sarah)
            hint: pass them: --var name=…
            ",
        )
        .run();
}

#[test]
fn on_a_terminal_the_notes_come_before_the_questions() {
    let env = env();
    let command = format!(
        "'{}' --library lib use legal --print",
        canned_bin().display()
    );
    let mut pty = Pty::start(&env, &command, &[("NO_COLOR", "1")]);
    let name = "name — Customer's first name (e.g. Sarah): ";
    pty.expect(name);
    pty.send("Sarah\n");
    let (status, screen) = pty.finish();
    assert!(status.success(), "{screen}");
    assert_eq!(
        screen,
        format!("legal — Legal threat\nnotes: Do not admit liability.\n{name}Sarah\nHi Sarah\n")
    );
}
