//! The picker in a chat: Alt-L and Alt-C set the chat's language and
//! customer type, remembered for the next reply in that chat.

use super::{Tmux, exit_status, first_row, form_of, query_line, said, status_line};
use crate::clipboard::{Xvfb, xclip_out};
use crate::support::{Env, MANIFEST};

/// A reply in English and French with a VIP paragraph, and the same
/// refund for a VIP and for anyone.
const REPLIES: &str = r#"
[[response]]
id = "late"
title = "Parcel late"
topic = "shipping"
body = """
Hi {{ name }},
{% if customer_type == "vip" %}a voucher is on its way.{% else %}sorry.{% endif %}
{% include "signature" %}"""

[response.translations.fr]
title = "Colis en retard"
body = """
Bonjour {{ name }},
{% if customer_type == "vip" %}un bon d'achat arrive.{% else %}désolé.{% endif %}"""

[[response]]
id = "refund-vip"
title = "Refund"
topic = "billing"
customer = "vip"
body = "VIP refund"

[[response]]
id = "refund-any"
title = "Refund"
topic = "billing"
body = "Refund"
"#;

fn env() -> Env {
    Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)])
}

/// What `canned chat ID` prints.
fn chat(env: &Env, id: &str) -> String {
    env.test()
        .library(&[])
        .args(["chat", id])
        .any_stdout()
        .any_stderr()
        .run()
        .stdout
}

/// Leaves the picker with Esc; it exits 1, copying nothing.
fn leave(t: &Tmux) {
    t.keys(&["Escape"]);
    let screen = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&screen), Some(1), "{screen}");
    t.keys(&["C-l"]);
    t.keys_cmd(&["clear-history"]);
    t.wait_for("a clear screen", |s| exit_status(s).is_none());
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn a_french_chat_stays_french() {
    let env = env();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned_in(&env.library(), "--chat 4821 late");
    t.wait_for("the chat in the status", |s| {
        status_line(s) == "1/3  chat:4821 lang=auto customer=unknown"
    });
    // The library's languages in turn, each saved at once.
    t.keys(&["M-l"]);
    t.wait_for("English", |s| status_line(s).contains("lang=en "));
    t.keys(&["M-l"]);
    t.wait_for("French, and its preview", |s| {
        status_line(s) == "1/3  chat:4821 lang=fr customer=unknown"
            && s.contains("┌ late (fr)")
            && s.contains("│Bonjour ⟨name⟩")
    });
    leave(&t);
    assert_eq!(chat(&env, "4821"), "lang=fr\n");
    // Opened again, the chat is French from the start.
    t.canned_in(&env.library(), "--chat 4821 late");
    t.wait_for("the French preview", |s| {
        status_line(s) == "1/3  chat:4821 lang=fr customer=unknown"
            && s.contains("┌ late (fr)")
            && s.contains("│Bonjour ⟨name⟩")
    });
    leave(&t);
    // `--lang` answers this one reply in English.
    t.canned_in(&env.library(), "--chat 4821 --lang en late");
    t.wait_for("the English preview", |s| {
        status_line(s) == "1/3  chat:4821 lang=en customer=unknown" && s.contains("┌ late (en)")
    });
    leave(&t);
    assert_eq!(chat(&env, "4821"), "lang=fr\n");
    // The picker without a chat is not French.
    t.canned_in(&env.library(), "late");
    t.wait_for("English", |s| {
        status_line(s) == "1/3  answer in auto" && s.contains("┌ late (en)")
    });
    leave(&t);
}

#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn a_vip_chat_ranks_and_renders_the_vip_reply() {
    let env = env();
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    // Nobody in particular: the reply for anyone first.
    t.canned_in(&env.library(), "--chat 9 refund");
    t.wait_for("the generic refund first", |s| {
        first_row(s).contains("refund-any") && status_line(s).starts_with("2/3 ")
    });
    t.keys(&["M-c"]);
    t.wait_for("the VIP refund first", |s| {
        status_line(s) == "2/3  chat:9 lang=auto customer=vip"
            && first_row(s).contains("refund-vip")
    });
    leave(&t);
    assert_eq!(chat(&env, "9"), "customer=vip\n");
    // The VIP branch of another reply, in the preview and in the copy.
    t.canned_in(&env.library(), "--chat 9 late");
    t.wait_for("the VIP paragraph", |s| {
        status_line(s).ends_with("customer=vip") && s.contains("│a voucher is on its way.")
    });
    t.keys(&["Enter"]);
    t.wait_for("the form", |s| form_of(s, "late"));
    t.type_text("Sarah");
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    let after = t.wait_for("canned to exit", |s| exit_status(s).is_some());
    assert_eq!(exit_status(&after), Some(0), "{after}");
    assert_eq!(
        xclip_out(&env, &x.display),
        "Hi Sarah,\na voucher is on its way.\n— the team"
    );
    // `any` is the last type; it says the customer is nobody in particular.
    t.keys(&["C-l"]);
    t.canned_in(&env.library(), "--chat 9 late");
    t.keys(&["M-c"]);
    t.wait_for("any", |s| {
        status_line(s).ends_with("customer=any") && s.contains("│sorry.")
    });
    leave(&t);
    assert_eq!(chat(&env, "9"), "customer=any\nname=Sarah\n");
}

/// A warning said before the picker opens (here a damaged chat file set
/// aside) is on its screen, which hides what was written before it.
#[test]
#[ignore = "needs tmux and Xvfb: run scripts/test"]
fn a_damaged_chat_is_said_on_the_pickers_screen() {
    let env = env();
    env.write("state/canned/chats/88.json", "{garbage");
    let x = Xvfb::start(&env);
    let t = Tmux::start(&env, &x.display);
    t.canned_in(&env.library(), "--chat 88 late");
    t.wait_for("the warning", |s| {
        said(s).contains("warning: damaged chat file ") && said(s).contains("the chat starts empty")
    });
    // It stays until the query changes.
    t.keys(&["x"]);
    t.wait_for("the status", |s| {
        query_line(s) == "❯ latex"
            && status_line(s).contains("chat:88 lang=auto")
            && !status_line(s).starts_with("warning")
    });
    leave(&t);
}
