//! The picker on a customer's message: `canned --clipboard`, or Ctrl-V in
//! the picker, lists the replies suggested for the message on the
//! clipboard, and the form starts with the values the message states.

use super::{Tmux, exit_status, first_row, form_of, query_line, said, status_line};
use crate::clipboard::{StoppedOwner, Xvfb, xclip_out};
use crate::support::{Env, MANIFEST};

const REPLIES: &str = r#"
[[response]]
id = "parcel-late"
title = "Parcel is late"
topic = "shipping"
examples = ["my parcel has not arrived", "where is my order"]
body = """
Hi {{ name }}, order {{ order }} is on its way.
{% include "signature" %}"""

[[response]]
id = "refund"
title = "Refund issued"
topic = "billing"
examples = ["can I get my money back", "please refund my order"]
body = "Hi {{ name }}, your refund is on its way."
"#;

const MESSAGE: &str =
    "Hello, my parcel from order #48213 has not arrived yet. Where is it?\nThanks, Tom";

fn env() -> Env {
    Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)])
}

/// Puts `text` on the X clipboard. (Once, in a CI run of the whole suite,
/// xclip failed here: what it said is shown if it does again.)
fn xclip_in(env: &Env, display: &str, text: &str) {
    // A file, not a pipe: the xclip that stays to serve the text would
    // hold a pipe open.
    let said = env.path().join("xclip-said");
    let mut child = env
        .command("xclip")
        .args(["-selection", "clipboard"])
        .env("DISPLAY", display)
        .stdin(std::process::Stdio::piped())
        .stderr(std::fs::File::create(&said).expect("a file for xclip's stderr"))
        .spawn()
        .expect("xclip is installed (scripts/test installs it)");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), text.as_bytes())
        .expect("text written");
    let status = child.wait().expect("xclip forks and exits");
    assert!(
        status.success(),
        "xclip: {status}: {}",
        std::fs::read_to_string(&said).unwrap_or_default()
    );
}

/// The value of a field in the form: the row under its label.
fn field_value<'a>(screen: &'a str, name: &str) -> Option<&'a str> {
    let mut lines = screen.lines();
    lines.find(|l| l.trim_start_matches('│').starts_with(name))?;
    let value = lines.next()?.trim_start_matches('│');
    Some(
        value
            .trim_start_matches(['>', ' '])
            .split('│')
            .next()?
            .trim_end(),
    )
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn the_picker_on_a_message_fills_the_form_with_its_values_marked() {
    let env = env();
    let x = Xvfb::start(&env);
    xclip_in(&env, &x.display, MESSAGE);
    let t = Tmux::start(&env, &x.display);
    t.canned_in(&env.library(), "--clipboard --chat 77");
    // The list is drawn before the message is read: its rank waits for it.
    let screen = t.wait_for("the suggested reply", |s| {
        status_line(s).contains("message: ")
            && first_row(s).contains("parcel-late")
            && s.contains("┌ parcel-late (en)")
    });
    // How sure, and which message.
    assert!(first_row(&screen).contains('%'), "{screen}");
    assert!(
        status_line(&screen).contains("message: Hello, my parcel from order"),
        "{screen}"
    );
    t.keys(&["Enter"]);
    let form = t.wait_for("the form, its values read from the message", |s| {
        form_of(s, "parcel-late") && s.contains("read from “order #48213”")
    });
    assert_eq!(field_value(&form, "name"), Some("Tom"), "{form}");
    assert_eq!(field_value(&form, "order"), Some("48213"), "{form}");
    assert_eq!(form.matches("(from the message)").count(), 2, "{form}");
    assert!(form.contains("read from “Tom”"), "{form}");
    // Stepping back saves nothing to the chat: nothing was confirmed.
    t.keys(&["Escape"]);
    t.wait_for("the list", |s| s.contains("Esc quit"));
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
    let chat = || {
        env.test()
            .library(&[])
            .args(["chat", "77"])
            .any_stdout()
            .any_stderr()
            .run()
            .stdout
    };
    assert_eq!(chat(), "");
    // Confirmed with Enter: copied with them, and remembered.
    t.keys(&["C-l"]);
    t.canned_in(&env.library(), "--clipboard --chat 77");
    t.wait_for("the suggested reply", |s| {
        status_line(s).contains("message: ") && first_row(s).contains("parcel-late")
    });
    t.keys(&["Enter"]);
    t.wait_for("the form", |s| form_of(s, "parcel-late"));
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(0), "{after}");
    assert_eq!(
        xclip_out(&env, &x.display),
        "Hi Tom, order 48213 is on its way.\n— the team"
    );
    assert_eq!(chat(), "name=Tom\norder=48213\n");
    // Opened on the clipboard again before the customer's next message is
    // copied: the reply just copied is said to be ours, not answered.
    t.keys(&["C-l"]);
    t.canned_in(&env.library(), "--clipboard --chat 77");
    t.wait_for("why not", |s| {
        said(s).contains("the clipboard holds `parcel-late`, the reply canned copied last")
    });
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn ctrl_v_takes_the_message_and_a_query_goes_back_to_searching() {
    let env = env();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned_in(&env.library(), "refund");
    t.wait_for("the query's ranking", |s| first_row(s).contains("refund"));
    // Nothing on the clipboard yet: said so once read (not while it is
    // being read), the list stays.
    t.keys(&["C-v"]);
    t.wait_for("why not", |s| {
        said(s).contains("holds no text") && first_row(s).contains("refund")
    });
    xclip_in(&env, &x.display, MESSAGE);
    t.keys(&["C-v"]);
    let screen = t.wait_for("the message's replies", |s| {
        first_row(s).contains("parcel-late") && first_row(s).contains('%')
    });
    assert_eq!(query_line(&screen), "❯", "the query emptied: {screen}");
    // Typing is searching again.
    t.type_text("refund");
    t.wait_for("the query's ranking", |s| {
        first_row(s).contains("refund")
            && !first_row(s).contains('%')
            && !status_line(s).contains("message:")
    });
    t.keys(&["Escape"]);
    t.wait_for("canned to exit", |s| exit_status(s).is_some());
}

/// Keys sent with Ctrl-V were meant for the replies for the message:
/// when it gives none (nothing fits it, or the clipboard's owner does not
/// answer), they are dropped, and what was said stays on screen.
#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn keys_after_ctrl_v_are_dropped_when_the_message_gives_no_list() {
    let env = env();
    let x = Xvfb::start(&env);
    xclip_in(&env, &x.display, "asdf qwerty zxcv");
    let t = Tmux::start(&env, &x.display);
    t.canned_in(&env.library(), "refund");
    t.wait_for("the query's ranking", |s| first_row(s).contains("refund"));
    t.keys(&["C-v", "Down", "Enter"]);
    let screen = t.wait_for("the note", |s| {
        said(s).contains("no reply fits the message well")
    });
    assert!(first_row(&screen).contains("▶"), "nothing moved: {screen}");
    assert!(!screen.contains("fill in "), "nothing opened: {screen}");
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");

    // The read gives up on a stopped owner after 4 s; Enter typed
    // meanwhile is dropped with it.
    let _owner = StoppedOwner::start(&env, &x.display, MESSAGE);
    t.keys(&["C-l"]);
    t.canned_in(&env.library(), "refund");
    t.wait_for("the query's ranking", |s| first_row(s).contains("refund"));
    t.keys(&["C-v", "Enter"]);
    let screen = t.wait_for("why not", |s| said(s).contains("does not answer"));
    assert!(!screen.contains("fill in "), "nothing opened: {screen}");
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn a_message_nothing_fits_is_said_on_opening_and_the_list_stays() {
    let env = env();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    xclip_in(&env, &x.display, "are you a robot?");
    t.launch(&env.library(), "--clipboard");
    t.wait_for("the note, above the whole list", |s| {
        said(s).contains("no reply fits the message well") && first_row(s).contains("parcel-late")
    });
    // Typing is searching, and the note goes.
    t.type_text("refund");
    t.wait_for("the query's ranking", |s| {
        first_row(s).contains("refund") && !said(s).contains("no reply fits")
    });
    t.keys(&["Escape"]);
    t.wait_for("canned to exit", |s| exit_status(s).is_some());
}

/// `--clipboard` reads the clipboard as Ctrl-V does, in the picker: what
/// keeps it from being the message is said there, with what to do there,
/// and the list stays.
#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn an_empty_clipboard_is_said_in_the_picker_and_the_list_stays() {
    let env = env();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.launch(&env.library(), "--clipboard");
    let screen = t.wait_for("why not, above the list", |s| {
        said(s).contains("cannot read the clipboard (x11: the clipboard holds no text")
            && first_row(s).contains("parcel-late")
    });
    assert!(
        said(&screen).contains(
            "hint: copy the customer's message and press Ctrl-V, or type a few of its words"
        ),
        "{screen}"
    );
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
    // Words, not punctuation, make a message.
    xclip_in(&env, &x.display, " ?! ");
    t.keys(&["C-l"]);
    t.keys_cmd(&["clear-history"]);
    t.wait_for("a clear screen", |s| exit_status(s).is_none());
    t.launch(&env.library(), "--clipboard");
    t.wait_for("why not", |s| {
        said(s).contains("the clipboard holds no message: copy the customer's message first")
    });
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
}

/// `--clipboard` with an owner that does not answer: the picker is open
/// while it is waited for, so a query and Enter typed meanwhile are the
/// picker's (dropped with the message that never came), never a command
/// the shell runs once canned has left.
#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn keys_typed_while_the_clipboard_is_waited_for_are_never_the_shells() {
    let env = env();
    let x = Xvfb::start(&env);
    let _owner = StoppedOwner::start(&env, &x.display, MESSAGE);
    let t = Tmux::start(&env, &x.display);
    t.launch(&env.library(), "--clipboard");
    t.wait_for("the read", |s| said(s).contains("reading the clipboard…"));
    t.type_text("refund");
    t.keys(&["Enter"]);
    let screen = t.wait_for("why not", |s| {
        said(s).contains("does not answer") && said(s).contains("hint: copy the customer's")
    });
    assert_eq!(query_line(&screen), "❯", "the keys were dropped: {screen}");
    assert!(!screen.contains("fill in "), "nothing opened: {screen}");
    t.keys(&["Escape"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(1), "{after}");
    // Whatever the shell was left to read, it reads before this.
    t.type_text("echo DONE");
    t.keys(&["Enter"]);
    let shell = t.wait_for("the shell", |s| s.lines().any(|l| l == "DONE"));
    assert!(!shell.contains("command not found"), "{shell}");
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn a_dumb_terminal_gets_the_replies_suggested_for_the_message() {
    let env = env();
    let x = Xvfb::start(&env);
    xclip_in(&env, &x.display, MESSAGE);
    let t = Tmux::start(&env, &x.display);
    t.type_text("export TERM=dumb");
    t.keys(&["Enter"]);
    t.launch(&env.library(), "--clipboard");
    let screen = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&screen), Some(0), "{screen}");
    assert!(
        screen.contains(
            "\nwarning: the picker cannot be drawn on TERM=dumb; the replies suggested for the"
        ),
        "{screen}"
    );
    assert!(screen.contains("\nparcel-late  "), "{screen}");

    // A message nothing fits is told so, as `suggest` tells it, not as a
    // search with "no match".
    drop(t);
    xclip_in(&env, &x.display, "are you a robot?");
    let t = Tmux::start(&env, &x.display);
    t.type_text("export TERM=dumb");
    t.keys(&["Enter"]);
    t.launch(&env.library(), "--clipboard");
    let screen = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&screen), Some(1), "{screen}");
    assert!(
        screen.contains("\nwarning: the picker cannot be drawn on TERM=dumb\n"),
        "{screen}"
    );
    assert!(
        screen.contains("\nno reply fits this message well; try `canned find`"),
        "{screen}"
    );
    assert!(!screen.contains("no match"), "{screen}");
}
