//! `canned suggest`: from a customer's message to the replies that answer
//! it, on a small library written here, so that each rule shows.

use crate::support::{Env, Test, sample_library};

const MANIFEST: &str = r#"
[library]
customer_types = ["vip"]

[variables.name]
description = "Customer's first name"

[variables.order]
description = "Order number, digits only"
pattern = "^[0-9]+$"
"#;

const REPLIES: &str = r#"
[defaults]
topic = "billing"

[[response]]
id = "refund-standard"
title = "Refund issued"
tags = ["refund"]
examples = ["can I get my money back", "please refund my order"]
body = "Hi {{ name }}, order {{ order }} is refunded."

[response.translations.fr]
title = "Remboursement effectué"
examples = ["je veux être remboursé", "remboursez ma commande"]
body = "Bonjour {{ name }}, la commande {{ order }} est remboursée."

[[response]]
id = "refund-vip"
title = "Priority refund for a VIP"
customer = "vip"
tags = ["refund", "vip"]
examples = ["can I get my money back", "please refund my order"]
body = "Dear {{ name }}, your refund is on its way."

[[response]]
id = "parcel-late"
title = "Parcel is late"
tags = ["delivery"]
examples = ["my parcel has not arrived", "where is my order"]
body = "Hi {{ name }}, your parcel is delayed."

[[response]]
id = "summer-sale"
title = "Summer sale refund rules"
expires = 2026-09-01
examples = ["refund of a sale item"]
body = "Sale items are refunded as vouchers."
"#;

fn suggest() -> Test<'static> {
    Test::new()
        .library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)])
        .arg("suggest")
}

#[test]
fn ranks_the_replies_that_answer_the_message_with_how_sure_and_why() {
    suggest()
        .args(["Hi, can I get a refund please? Thanks"])
        .stdout(
            "
            1. refund-standard   80%  en  Refund issued
               matched: refund
            2. refund-vip   76%  en  Priority refund for a VIP
               matched: refund
            ",
        )
        .run();
}

/// The words that matched are shown as the customer wrote them, accents
/// kept, in the message's order, whatever form they were matched in.
#[test]
fn shows_the_words_that_matched_as_written() {
    suggest()
        .args(["My PARCEL hasn't arrived: the délivery is late"])
        .stdout(
            "
            1. parcel-late   77%  en  Parcel is late
               matched: parcel, hasn't, arrived, délivery, late
            ",
        )
        .run();
    // Not a phrase read from them ("has not" of "hasn't"), nor a bracket
    // left open in what a value was read from.
    let json = suggest()
        .args(["--json", "my parcel still hasn't arrived (order 12345)"])
        .any_stdout()
        .run()
        .json();
    assert!(
        json[0]["matched"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| !w.as_str().unwrap().contains(' ')),
        "{json}"
    );
}

/// "Merci d'avance" or "Thanks" after a problem told (and no question)
/// signs the message off: its words made an overdue invoice or a thank-you
/// reply first for an order never received.
#[test]
fn thanks_in_advance_after_a_problem_are_no_words_of_it() {
    // The first reply offered for `message`, and the words it matched.
    let first = |message: &str| {
        let hits = Test::new()
            .sample()
            .args(["suggest", message, "--json"])
            .any_stdout()
            .run()
            .json();
        (hits[0]["id"].clone(), hits[0]["matched"].clone())
    };
    for message in [
        "Bonjour, commande 12345 pas reçue. Merci d'avance, Hugo",
        "Salut, commande 12345 pas reçue !! merci d'avance, Jean-Pierre",
        "Bonjour, commande 12345 pas reçue. Merci, Hugo",
    ] {
        assert_eq!(
            first(message),
            (
                serde_json::json!("parcel-not-received"),
                serde_json::json!(["commande", "reçue"])
            ),
            "{message}"
        );
    }
    // However the thanks are put.
    for closing in [
        "Merci par avance",
        "D'avance merci",
        "Merci beaucoup par avance, Hugo",
    ] {
        let message = format!("Je n'ai pas reçu mon colis. {closing}");
        assert_eq!(
            first(&message),
            (
                serde_json::json!("parcel-not-received"),
                serde_json::json!(["reçu", "colis"])
            ),
            "{message}"
        );
    }
    // Followed by another closing, or as French letters close.
    for message in [
        "Bonjour,\nma commande 12345 n'est pas reçue.\nMerci d'avance.\nCordialement,\nJean Dupont",
        "Bonjour, commande 12345 pas reçue. Dans l'attente de votre retour.",
    ] {
        assert_eq!(
            first(message).1,
            serde_json::json!(["commande", "reçue"]),
            "{message}"
        );
    }
    // However the order is said not to have come: "didn't come" was no
    // problem told, and "Thanks" made the thank-you reply first.
    for message in [
        "Order 50001 didn't come. Thanks, Jo",
        "Order 50001 hasn't shown up. Thanks",
        "Order 50001 didn't arrive. Thanks, Jo",
        "Order 50001 did not turn up. Thanks",
        // Typed without the apostrophe, as in a chat.
        "Order 50001 didnt come. Thanks, Jo",
        "Order 50001 hasnt shown up. Thanks, Jo",
    ] {
        let (id, matched) = first(message);
        assert!(
            ["parcel-not-received", "delivery-delayed"].contains(&id.as_str().unwrap()),
            "{message}: {id}"
        );
        assert!(
            !matched.to_string().contains("hanks"),
            "{message}: {matched}"
        );
    }
    // Overcharged is something gone wrong too.
    let (id, _) = first("I was overcharged on order 12345. Thanks, Jo");
    assert_eq!(id, "double-charge");
}

#[test]
fn reads_the_message_from_stdin_with_a_dash_or_with_no_argument() {
    for args in [&["-"][..], &[]] {
        suggest()
            .args(args)
            .stdin("my parcel still has not arrived")
            .stdout_contains("1. parcel-late")
            .run();
    }
}

/// A message in Latin-1 or Windows-1252 (an old program's, or one passed
/// on by a tool that took it for UTF-8) keeps its letters: dropped, they
/// offered "Zo" as the customer's name.
#[test]
fn a_message_not_utf8_keeps_its_accented_letters() {
    suggest()
        .args(["-", "--json"])
        .stdin(b"my parcel still has not arrived. Thanks, Zo\xeb".as_slice())
        .stdout_contains("\"name\": \"Zoë\"")
        .run();
}

/// A message whose accents are marks of their own after the letter (the
/// decomposed text macOS writes) is read as the same text composed: the
/// name keeps its accent and the French words match. It proposed "Zoe".
#[test]
fn a_decomposed_message_is_read_as_the_composed_one() {
    let json = |message: &str| {
        suggest()
            .args(["-", "--json"])
            .stdin(message)
            .any_stdout()
            .run()
            .json()
    };
    let composed = "Bonjour, je n'ai pas reçu mon remboursement. Merci, Zoé";
    let decomposed = "Bonjour, je n'ai pas rec\u{327}u mon remboursement. Merci, Zoe\u{301}";
    assert_eq!(json(decomposed), json(composed));
    assert_eq!(json(composed)[0]["values"]["name"], "Zoé");
}

/// A library whose languages carry a region (`en-GB`, `fr-FR`) is ranked
/// as one without: a message detected as French is written in `fr-FR`.
#[test]
fn a_language_with_a_region_is_ranked_as_that_language() {
    let regional_manifest = MANIFEST.replace(
        "[library]",
        "[library]\ndefault_lang = \"en-GB\"\nlanguages = [\"en-GB\", \"fr-FR\"]",
    );
    let regional_replies = REPLIES
        .replace("[defaults]", "[defaults]\nlang = \"en-GB\"")
        .replace("translations.fr]", "translations.fr-FR]");
    for message in [
        "Bonjour, je voudrais être remboursée svp",
        "Hi, can I get a refund please? Thanks",
    ] {
        let ranked = |files: &[(&str, &str)]| {
            let out = Test::new()
                .library(files)
                .args(["suggest", message, "--json"])
                .any_stdout()
                .run();
            let json = out.json();
            let rows = json.as_array().cloned().unwrap_or_default();
            rows.iter()
                .map(|r| {
                    (
                        r["id"].to_string(),
                        r["score"].to_string(),
                        r["lang"].to_string(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let plain = ranked(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
        let regional = ranked(&[
            ("canned.toml", &regional_manifest),
            ("replies.toml", &regional_replies),
        ]);
        let with_regions: Vec<_> = plain
            .iter()
            .map(|(id, score, lang)| {
                let lang = lang
                    .replace("\"en\"", "\"en-GB\"")
                    .replace("\"fr\"", "\"fr-FR\"");
                (id.clone(), score.clone(), lang)
            })
            .collect();
        assert!(!plain.is_empty(), "{message}");
        assert_eq!(regional, with_regions, "{message}");
    }
}

/// An e-mail's quote of our last reply says what was asked then: the
/// reply and its values come from the customer's own words above it.
#[test]
fn what_an_email_quotes_below_the_customers_words_is_left_out() {
    let out = suggest()
        .args(["--json"])
        .stdin(
            "my parcel has not arrived\n\n\
             On Mon, 3 May 2027, Shop <help@shop.example> wrote:\n\
             > Hi Sam, can I get my money back? We refund order 1245 today.\n",
        )
        .any_stdout()
        .run();
    let json = out.json();
    assert_eq!(json[0]["id"], "parcel-late", "{json}");
    let rows = json.as_array().cloned().unwrap_or_default();
    assert!(
        rows.iter()
            .all(|r| r["values"].as_object().is_none_or(|v| v.is_empty())),
        "{json}"
    );
}

/// A message that is all quote (the agent copied only what the e-mail
/// quotes: our own last reply) is ranked all the same, but its names,
/// amounts and order numbers are ours, never proposed as the customer's.
#[test]
fn a_message_all_quote_is_ranked_but_gives_no_values() {
    for quoted in [
        "On 3 May 2027, Acme Support wrote:\n> Hi Sarah, I have refunded €10 for order 99999.\n> Thanks, Julie\n",
        "Le 3 mai 2027, Acme a écrit :\n> Bonjour Léa, commande 99999\n",
    ] {
        let json = Test::new()
            .sample()
            .args(["suggest", "-", "--json"])
            .stdin(quoted)
            .any_stdout()
            .run()
            .json();
        let rows = json.as_array().cloned().unwrap_or_default();
        assert!(!rows.is_empty(), "{quoted}");
        assert!(
            rows.iter()
                .all(|r| r["values"].as_object().is_none_or(|v| v.is_empty())),
            "{json}"
        );
    }
}

#[test]
fn the_agents_own_name_is_never_taken_for_the_customers() {
    let name_of = |agent: Option<&str>| {
        let mut test = suggest().args(["where is my order 1245? Thanks Sam", "--json"]);
        if let Some(agent) = agent {
            test = test.env("CANNED_AGENT", agent);
        }
        let json = test.any_stdout().run().json();
        assert_eq!(json[0]["id"], "parcel-late", "{json}");
        json[0]["values"]["name"].clone()
    };
    // Signing off a question, "Thanks Sam" is the customer's name…
    assert_eq!(name_of(None), "Sam");
    // …unless Sam is the agent, thanked by name.
    assert_eq!(name_of(Some("Sam Lee")), serde_json::Value::Null);
    assert_eq!(name_of(Some("Alex")), "Sam");
}

#[test]
fn a_value_is_read_whole_past_control_characters_and_never_cut_at_the_limit() {
    let order_of = |message: &str| {
        let json = suggest()
            .args(["--json"])
            .stdin(message)
            .any_stdout()
            .run()
            .json();
        json[0]["values"]["order"].clone()
    };
    assert_eq!(order_of("please refund my order 12\u{7}45"), "1245");
    // Past 20,000 characters the rest is not read: a number there is cut
    // out whole, not in two.
    let long = format!("{} please refund my order 12345", ".".repeat(19_973));
    assert_eq!(order_of(&long), serde_json::Value::Null);
    // Ending on the 20,000th character, it is read whole.
    let long = format!("{} please refund my order 12345\n", ".".repeat(19_971));
    assert_eq!(order_of(&long), "12345");
}

#[test]
fn lang_sets_the_language_to_answer_in_not_the_one_the_message_is_read_in() {
    let out = suggest()
        .args(["please refund my order 1245", "--lang", "fr", "--json"])
        .any_stdout()
        .run();
    let json = out.json();
    assert_eq!(json[0]["id"], "refund-standard", "{json}");
    assert_eq!(json[0]["lang"], "fr");
    assert_eq!(json[0]["title"], "Remboursement effectué");
    // Read in English, as without --lang.
    let english = suggest()
        .args(["please refund my order 1245", "--json"])
        .any_stdout()
        .run()
        .json();
    assert_eq!(json[0]["score"], english[0]["score"]);
    assert_eq!(json[0]["values"], english[0]["values"]);
}

#[test]
fn a_french_message_gets_the_french_reply() {
    let out = suggest()
        .args(["Bonjour, je voudrais être remboursée svp", "--json"])
        .any_stdout()
        .run();
    let json = out.json();
    assert_eq!(json[0]["id"], "refund-standard");
    assert_eq!(json[0]["lang"], "fr");
    assert_eq!(json[0]["title"], "Remboursement effectué");
}

#[test]
fn a_message_that_matches_nothing_well_says_so_and_exits_1() {
    suggest()
        .args(["what colour is the sky on mars"])
        .status(1)
        .stderr("no reply fits this message well; try `canned find` with a few of its words\n")
        .run();
    suggest()
        .args(["what colour is the sky on mars", "--json"])
        .status(1)
        .stdout("[]\n")
        .stderr("no reply fits this message well; try `canned find` with a few of its words\n")
        .run();
}

/// "I don't recall" and "rappelez-moi" are the verbs of memory and of a
/// call back, which the stemmer joins with the recall of a product: they
/// never suggest it, while "the recall" and "rappelé" still do.
#[test]
fn a_verb_is_not_the_noun_it_shares_a_stem_with() {
    const RECALL: &str = r#"
[[response]]
id = "product-recall"
title = "Safety recall of a product"
topic = "safety"
examples = ["is my kettle part of the recall"]
body = "Your kettle is part of the recall."

[response.translations.fr]
title = "Rappel de sécurité d'un produit"
examples = ["ma bouilloire fait-elle partie du rappel"]
body = "Votre bouilloire fait partie du rappel."

[[response]]
id = "call-back"
title = "We will call you"
topic = "contact"
examples = ["can someone phone me"]
body = "We will phone you today."

[response.translations.fr]
title = "Nous vous appelons"
examples = ["pouvez-vous m'appeler"]
body = "Nous vous appelons aujourd'hui."
"#;
    let suggest = |message: &str| {
        Test::new()
            .library(&[("replies.toml", RECALL)])
            .args(["suggest", "--json", message])
    };
    let top = |message: &str| suggest(message).any_stdout().run().json()[0]["id"].clone();
    suggest("I don't recall ordering this")
        .status(1)
        .stdout("[]\n")
        .stderr("no reply fits this message well; try `canned find` with a few of its words\n")
        .run();
    assert_eq!(top("Pouvez-vous me rappeler ?"), "call-back");
    assert_eq!(top("Rappelez-moi demain svp"), "call-back");
    assert_eq!(top("Is my kettle in the recall?"), "product-recall");
    assert_eq!(top("Ma bouilloire est-elle rappelée ?"), "product-recall");
}

#[test]
fn an_empty_message_is_a_usage_error() {
    for message in ["", "  \n\t "] {
        suggest()
            .args([message])
            .status(2)
            .stderr(
                "error: the message is empty: give it as arguments, on stdin with `-`, or with --clipboard\n",
            )
            .run();
    }
    // Punctuation or emoji alone are a message, that no reply fits.
    for message in ["  ?! ", "😡😡😡📦❌"] {
        suggest()
            .args([message])
            .status(1)
            .stderr("no reply fits this message well; try `canned find` with a few of its words\n")
            .run();
    }
}

#[test]
fn expired_replies_are_never_suggested() {
    let out = suggest()
        .args(["refund of a sale item", "--json", "--limit", "10"])
        .any_stdout()
        .run();
    let ids: Vec<String> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].to_string())
        .collect();
    assert!(!ids.iter().any(|id| id.contains("summer-sale")), "{ids:?}");
}

/// Replies are listed in the order of the scores shown: the values' gain
/// and the score were rounded apart, and a reply shown at 19% came above
/// one at 20% (which carried the amount the message states).
#[test]
fn replies_are_listed_in_the_order_of_their_scores() {
    for message in [
        "I overpaid 15 EUR for order 12345",
        "Hi, just checking in on ticket 61244, haven't heard anything since Monday. Thanks, Ravi",
        "Bonjour, ma commande 50003 n'est toujours pas arrivée. Merci",
    ] {
        let hits = Test::new()
            .sample()
            .args(["suggest", message, "--json", "--limit", "5"])
            .any_stdout()
            .run()
            .json();
        let shown: Vec<i64> = (hits.as_array().unwrap().iter())
            .map(|h| (h["score"].as_f64().unwrap() * 100.0).round() as i64)
            .collect();
        assert!(
            shown.windows(2).all(|w| w[0] >= w[1]),
            "{message}: {shown:?}"
        );
    }
    let first = Test::new()
        .sample()
        .args(["suggest", "I overpaid 15 EUR for order 12345", "--json"])
        .any_stdout()
        .run()
        .json();
    assert_eq!(first[0]["id"], "double-charge");
}

/// With the customer's type unknown, a generic reply wins a near tie
/// with a segment's, as the README says: urgency broke the tie first, and
/// the business reply (high) came above the generic one that scored more.
#[test]
fn an_unknown_customer_gets_the_generic_reply_of_a_near_tie() {
    let out = Test::new()
        .sample()
        .args([
            "suggest",
            "Bonjour Julie, ma commande 50003 n'est toujours pas arrivée. Merci",
            "--json",
            "--limit",
            "2",
        ])
        .any_stdout()
        .run()
        .json();
    let ids: Vec<&str> = (out.as_array().unwrap().iter())
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["delivery-delayed", "delivery-delayed-business"]);
}

#[test]
fn a_chat_of_a_vip_puts_the_vip_reply_first() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
    env.test()
        .args(["--library", "lib", "chat", "4821", "customer=vip"])
        .any_stderr()
        .run();
    let out = env
        .test()
        .args([
            "--library",
            "lib",
            "suggest",
            "can I get a refund",
            "--chat",
            "4821",
            "--json",
        ])
        .any_stdout()
        .run();
    assert_eq!(out.json()[0]["id"], "refund-vip");
}

/// What the chat holds is not proposed again; a value the message states
/// otherwise is, beside the chat's, for the agent to choose.
#[test]
fn a_chat_value_the_message_states_otherwise_is_proposed_beside_it() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
    env.test()
        .args([
            "--library",
            "lib",
            "chat",
            "4821",
            "order=48213",
            "name=Sam",
        ])
        .any_stderr()
        .run();
    let suggest = || {
        env.test()
            .args([
                "--library",
                "lib",
                "suggest",
                "--chat",
                "4821",
                "--limit",
                "1",
            ])
            .arg("can I get my money back for order 99999? Thanks, Sam")
            .any_stdout()
    };
    let out = suggest().run();
    let values: Vec<&str> = out.stdout.lines().filter(|l| l.contains(" = ")).collect();
    assert_eq!(
        values,
        ["   order = 99999  from “order 99999” (the chat has 48213)"]
    );
    // The JSON says so too: a tool applying `values` sees the chat's.
    let json = suggest().arg("--json").run().json();
    assert_eq!(json[0]["values"], serde_json::json!({"order": "99999"}));
    assert_eq!(json[0]["chat_has"], serde_json::json!({"order": "48213"}));
}

/// A chat is opened on its ticket: the message's case number is not
/// proposed when it is that one, and is, beside it, when it is another
/// (dropped, the chat's would have gone out unseen); beside nothing when
/// the chat's id is no ticket.
#[test]
fn a_case_number_other_than_the_chats_ticket_is_proposed_beside_it() {
    let manifest =
        "[variables.ticket]\ndescription = \"Case number, digits only\"\npattern = \"^[0-9]+$\"\n";
    let reply = "[[response]]\nid = \"complaint\"\ntitle = \"Formal complaint handed over\"\ntopic = \"general\"\n\
                 body = \"Your case {{ ticket }} is with a team lead.\"\n";
    let env = Env::with_library(&[("canned.toml", manifest), ("c.toml", reply)]);
    let ticket = |chat: &str| {
        let out = env
            .test()
            .args(["--library", "lib", "suggest", "--chat", chat, "--json"])
            .arg("I want to make a formal complaint, my case number is 77777.")
            .any_stdout()
            .run()
            .json();
        (out[0]["values"].clone(), out[0]["chat_has"].clone())
    };
    assert_eq!(
        ticket("5555"),
        (
            serde_json::json!({"ticket": "77777"}),
            serde_json::json!({"ticket": "5555"})
        )
    );
    assert_eq!(
        ticket("77777"),
        (serde_json::json!({}), serde_json::json!({}))
    );
    // A chat id the ticket's pattern refuses is no ticket (`use --chat
    // T-99` refuses it): the chat was said to have it.
    assert_eq!(
        ticket("T-99"),
        (
            serde_json::json!({"ticket": "77777"}),
            serde_json::json!({})
        )
    );
}

/// The figures of an amount are no words: "£404" is a sum paid, not the
/// error page a site-down concept counts among its words.
#[test]
fn an_amount_is_no_error_code() {
    let out = Test::new()
        .arg("--library")
        .arg(sample_library())
        .args(["suggest", "--limit", "4", "--json"])
        .arg("I paid £404 for my order 48213")
        .any_stdout()
        .run()
        .json();
    let offered = out.as_array().expect("a list");
    assert!(
        offered.iter().all(|s| s["id"] != "outage-major"
            && !s["matched"]
                .as_array()
                .expect("matched")
                .contains(&"404".into())),
        "{out}"
    );
}

#[test]
fn the_clipboard_without_a_display_is_a_clear_error() {
    suggest()
        .args(["--clipboard"])
        .status(1)
        .stderr(
            "
            error: cannot read the clipboard (no display: DISPLAY and WAYLAND_DISPLAY are unset)
            hint: `canned suggest` also reads the message as arguments, or on stdin with `-`
            ",
        )
        .run();
}

/// Why the clipboard could not be read is said as it is: a Wayland
/// session without wl-clipboard, a compositor that cannot be reached (in
/// wl-paste's words), a terminal's clipboard, which cannot be read, and
/// X11 asked for without a display; never "DISPLAY is unset" when it is
/// set.
#[test]
fn why_the_clipboard_cannot_be_read_is_said_as_it_is() {
    let hint = "hint: `canned suggest` also reads the message as arguments, or on stdin with `-`\n";
    suggest()
        .args(["--clipboard"])
        .env("WAYLAND_DISPLAY", "wayland-1")
        .env("PATH", "/nonexistent")
        .status(1)
        .stderr(&format!(
            "error: cannot read the clipboard (wayland: wl-paste is not installed (the wl-clipboard package))\n{hint}"
        ))
        .run();
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
    env.write("config/canned/config.toml", "clipboard = \"osc52\"\n");
    env.test()
        .library(&[])
        .args(["suggest", "--clipboard"])
        .env("DISPLAY", ":57")
        .status(1)
        .stderr(&format!(
            "error: cannot read the clipboard (osc52: a terminal's clipboard cannot be read: set `clipboard` to another method, or pipe the message in)\n{hint}"
        ))
        .run();
    env.write("config/canned/config.toml", "clipboard = \"x11\"\n");
    env.test()
        .library(&[])
        .args(["suggest", "--clipboard"])
        .status(1)
        .stderr(&format!(
            "error: cannot read the clipboard (x11: DISPLAY is not set)\n{hint}"
        ))
        .run();
    // Outside tmux, tmux's buffer is some other session's, if any.
    env.write("config/canned/config.toml", "clipboard = \"tmux\"\n");
    env.test()
        .library(&[])
        .args(["suggest", "--clipboard"])
        .status(1)
        .stderr(&format!(
            "error: cannot read the clipboard (tmux: not inside tmux (TMUX is unset): no tmux buffer is this terminal's)\n{hint}"
        ))
        .run();
}

/// The config file's `lang` is the language to answer in, for `suggest`
/// as for `use`: below `--lang` and the chat's.
#[test]
fn the_configs_language_is_the_one_to_answer_in() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
    let langs = |env: &Env, args: &[&str]| -> Vec<String> {
        let out = env
            .test()
            .library(&[])
            .args(["suggest", "--json"])
            .args(args)
            .arg("can I get my money back for my order please")
            .any_stdout()
            .run()
            .json();
        out.as_array()
            .into_iter()
            .flatten()
            .map(|s| s["lang"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let plain = langs(&env, &[]);
    env.write("config/canned/config.toml", "lang = \"fr\"\n");
    let configured = langs(&env, &[]);
    assert_ne!(plain, configured, "{plain:?}");
    assert_eq!(langs(&env, &["--lang", "en"]), plain);
}

/// `-` reads stdin, alone: words after it would be taken for the message
/// and stdin left unread without a word.
#[test]
fn a_dash_for_stdin_comes_alone() {
    for args in [&["-", "-"][..], &["-", "refund", "please"][..]] {
        suggest()
            .args(args)
            .stdin("my refund please")
            .status(2)
            .stderr("error: `-` reads the message from stdin: give it alone, or the message as arguments\n")
            .run();
    }
}

/// Control characters alone (an escape sequence, NULs) are no message:
/// a usage error (exit 2), as an empty one is, not "nothing fits".
#[test]
fn a_message_of_control_characters_alone_is_empty() {
    for message in ["\u{1b}[0m", "\0\0"] {
        suggest()
            .args(["-"])
            .stdin(message)
            .status(2)
            .stderr("error: the message is empty: give it as arguments, on stdin with `-`, or with --clipboard\n")
            .run();
    }
}

#[test]
fn terminal_escapes_in_a_message_never_reach_the_terminal() {
    let out = suggest()
        .args(["refund \u{1b}]52;c;aGk=\u{7} please \u{1b}[2J"])
        .any_stdout()
        .run();
    assert!(!out.stdout.contains('\u{1b}'), "{:?}", out.stdout);
}

#[test]
fn an_escape_sequence_goes_whole_never_leaving_its_parameters_in_a_value() {
    // Removing only the ESC left `4821[1m3`, and `4821` was offered as the
    // customer's order (`evil[2J@x.com` gave `2J@x.com` the same way).
    let out = suggest()
        .args(["--json", "-"])
        .stdin("please refund my order 4821\u{1b}[1m3, thanks")
        .any_stdout()
        .run();
    assert_eq!(out.json()[0]["values"]["order"], "48213");
}

/// Puts `text` on an X selection of `display` with `xclip`, which serves it
/// until the test's X server stops.
fn xclip_in(env: &Env, display: &str, selection: &str, text: &str) {
    xclip_typed(env, display, selection, "UTF8_STRING", text.as_bytes());
}

/// [`xclip_in`], the text offered as the one target `target`.
fn xclip_typed(env: &Env, display: &str, selection: &str, target: &str, text: &[u8]) {
    let mut child = env
        .command("xclip")
        .args(["-selection", selection, "-t", target])
        .env("DISPLAY", display)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("xclip is installed (scripts/test installs it)");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), text).expect("text written");
    assert!(child.wait().expect("xclip forks and exits").success());
}

/// `canned suggest --clipboard --json` on the X server `x`.
fn from_the_x_clipboard<'a>(env: &'a Env, x: &crate::clipboard::Xvfb) -> Test<'a> {
    env.test()
        .library(&[])
        .args(["suggest", "--clipboard", "--json"])
        .env("DISPLAY", &x.display)
        .any_stdout()
}

#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn the_message_comes_from_the_x_clipboard_or_else_the_text_selected() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
    let x = crate::clipboard::Xvfb::start(&env);
    let suggest = || from_the_x_clipboard(&env, &x);
    // Nothing copied yet, but text selected: PRIMARY is read, and said to
    // be, since it may be another message than the one just copied.
    xclip_in(
        &env,
        &x.display,
        "primary",
        "where is my order? it has not arrived",
    );
    let selected = suggest()
        .stderr("note: the clipboard holds no text: the message is the text selected (PRIMARY)\n")
        .run();
    assert_eq!(selected.json()[0]["id"], "parcel-late");
    // An image (`xclip -t image/png` answers every request with it) is no
    // text either, however its bytes read.
    xclip_typed(
        &env,
        &x.display,
        "clipboard",
        "image/png",
        b"Can I get my money back please",
    );
    let selected = suggest()
        .stderr("note: the clipboard holds no text: the message is the text selected (PRIMARY)\n")
        .run();
    assert_eq!(selected.json()[0]["id"], "parcel-late");
    // Copied: CLIPBOARD wins.
    xclip_in(
        &env,
        &x.display,
        "clipboard",
        "Can I get my money back please",
    );
    assert_eq!(suggest().run().json()[0]["id"], "refund-standard");
}

/// The reply `canned` copied last is the agent's own text, not the
/// customer's next message: suggesting replies for it would offer our own
/// reply back. It is said, until the customer's message is copied.
#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn the_reply_just_copied_is_no_message() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
    let x = crate::clipboard::Xvfb::start(&env);
    env.test()
        .library(&[])
        .args([
            "use",
            "refund-standard",
            "--var",
            "name=Kim",
            "--var",
            "order=4821",
        ])
        .env("DISPLAY", &x.display)
        .any_stderr()
        .run();
    from_the_x_clipboard(&env, &x)
        .status(2)
        .stdout("")
        .stderr(
            "error: the clipboard holds `refund-standard`, the reply canned copied last: copy the customer's message first\n",
        )
        .run();
    // Pasted on stdin, it is refused the same, with a byte order mark
    // (a file Notepad saved) as without; words typed are the message the
    // agent means.
    let ours = crate::clipboard::xclip_out(&env, &x.display);
    for marked in [String::new(), "\u{feff}".to_string()] {
        env.test()
            .library(&[])
            .args(["suggest", "-"])
            .stdin(format!("{marked}{ours}"))
            .status(2)
            .stderr(
                "error: stdin holds `refund-standard`, the reply canned copied last: copy the customer's message first\n",
            )
            .run();
    }
    env.test()
        .library(&[])
        .arg("suggest")
        .args(ours.split_whitespace())
        .any_stdout()
        .run();
    xclip_in(
        &env,
        &x.display,
        "clipboard",
        "Can I get my money back please",
    );
    assert_eq!(
        from_the_x_clipboard(&env, &x).run().json()[0]["id"],
        "refund-standard"
    );
}

/// A message of megabytes comes in pieces (INCR): its start is read, and
/// the owner served to the end, so it still serves the next program (it
/// was left mid-transfer, and the read said the display did not answer).
/// Bytes labelled UTF-8 that are Latin-1 keep their letters.
#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn a_message_of_megabytes_on_the_x_clipboard_is_read_and_left_whole() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
    let x = crate::clipboard::Xvfb::start(&env);
    let message = "Can I get my money back please, thanks Kim. ".repeat(50_000);
    xclip_in(&env, &x.display, "clipboard", &message);
    let out = from_the_x_clipboard(&env, &x).run();
    assert_eq!(out.json()[0]["id"], "refund-standard");
    assert!(crate::clipboard::xclip_out(&env, &x.display) == message);
    xclip_typed(
        &env,
        &x.display,
        "clipboard",
        "UTF8_STRING",
        b"my parcel still has not arrived. Thanks, Zo\xeb",
    );
    assert_eq!(
        from_the_x_clipboard(&env, &x).run().json()[0]["values"]["name"],
        "Zoë"
    );
}

/// Text offered only as `STRING` (Latin-1) or `text/plain`, as older
/// programs and `xclip -t` offer it, is read.
#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn the_x_clipboard_is_read_whatever_text_type_it_is_offered_as() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
    let x = crate::clipboard::Xvfb::start(&env);
    let suggest = || from_the_x_clipboard(&env, &x);
    // An accented word, in Latin-1 as STRING carries it.
    let latin1: Vec<u8> = "where is my order? it has not arrived, café"
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    xclip_typed(&env, &x.display, "clipboard", "STRING", &latin1);
    assert_eq!(suggest().run().json()[0]["id"], "parcel-late");
    xclip_typed(
        &env,
        &x.display,
        "clipboard",
        "text/plain",
        "Can I get my money back please".as_bytes(),
    );
    assert_eq!(suggest().run().json()[0]["id"], "refund-standard");
    // A stray byte that is not UTF-8 (a Latin-1 `é` in UTF-8 text) spoils
    // one letter, not the message: read as stdin reads it.
    xclip_typed(
        &env,
        &x.display,
        "clipboard",
        "UTF8_STRING",
        b"my parcel has not arrived, order 48213 caf\xe9",
    );
    assert_eq!(suggest().run().json()[0]["id"], "parcel-late");
}

/// A clipboard whose owner does not answer (a program stopped with
/// Ctrl-Z still owns it) is said so within seconds, not blamed on its
/// contents after half a minute; and the text selected (PRIMARY), which
/// may be another message, is not read instead.
#[test]
#[ignore = "needs Xvfb and xclip: run scripts/test"]
fn a_clipboard_whose_owner_does_not_answer_is_said_so() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
    let x = crate::clipboard::Xvfb::start(&env);
    xclip_in(&env, &x.display, "primary", "where is my order?");
    let _owner =
        crate::clipboard::StoppedOwner::start(&env, &x.display, "Can I get my money back please");
    env.test()
        .library(&[])
        .args(["suggest", "--clipboard"])
        .env("DISPLAY", &x.display)
        .status(1)
        .stderr(
            "
            error: cannot read the clipboard (x11: the program that owns the CLIPBOARD selection does not answer (stopped, or busy))
            hint: `canned suggest` also reads the message as arguments, or on stdin with `-`
            ",
        )
        .run();
}

/// Inside tmux, tmux's buffer is not read instead either: it may hold an
/// older message, whose reply went out unseen (the picker's Ctrl-V and
/// Enter copied the opening-hours reply to a refund request).
#[test]
#[ignore = "needs Xvfb, xclip and tmux: run scripts/test"]
fn a_silent_owner_is_said_and_tmuxs_older_buffer_not_read() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("replies.toml", REPLIES)]);
    let x = crate::clipboard::Xvfb::start(&env);
    let _owner =
        crate::clipboard::StoppedOwner::start(&env, &x.display, "Can I get my money back please");
    let socket = env.path().join("tmux.sock");
    let tmux = |args: &[&str]| {
        let status = std::process::Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(args)
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux {args:?}");
    };
    tmux(&["new-session", "-d", "-x", "80", "-y", "24"]);
    tmux(&["set-buffer", "what are your opening hours on Saturday?"]);
    let inside = format!("{},0,0", socket.display());
    env.test()
        .library(&[])
        .args(["suggest", "--clipboard"])
        .env("DISPLAY", &x.display)
        .env("TMUX", &inside)
        .status(1)
        .stderr(
            "
            error: cannot read the clipboard (x11: the program that owns the CLIPBOARD selection does not answer (stopped, or busy))
            hint: `canned suggest` also reads the message as arguments, or on stdin with `-`
            ",
        )
        .run();
    tmux(&["kill-server"]);
}

#[test]
fn each_reply_comes_with_the_values_the_message_states_for_it() {
    let out = suggest()
        .args([
            "Please refund order #48213, I called twice.\nThanks, Tom",
            "--json",
            "--limit",
            "1",
        ])
        .any_stdout()
        .run();
    let json = out.json();
    assert_eq!(json[0]["id"], "refund-standard");
    assert_eq!(
        json[0]["values"],
        serde_json::json!({"name": "Tom", "order": "48213"})
    );
    assert_eq!(json[0]["found_in"]["order"], "order #48213");
}

#[test]
fn a_variable_the_manifest_does_not_declare_is_still_read_by_its_name() {
    let out = Test::new()
        .library(&[(
            "a.toml",
            "[[response]]\nid = \"late\"\ntitle = \"Parcel is late\"\ntopic = \"shipping\"\n\
             examples = [\"my parcel is late\"]\nbody = \"Order {{ order }} is on its way.\"\n",
        )])
        .args(["suggest", "my parcel for order 55102 is late", "--json"])
        .any_stdout()
        .run();
    assert_eq!(out.json()[0]["values"]["order"], "55102");
}

/// The README's `suggest` examples are claims: each prints what the README
/// shows, up to its `…`.
#[test]
fn the_readmes_suggest_examples_print_what_it_shows() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(message) = line
            .strip_prefix("$ canned suggest \"")
            .and_then(|m| m.strip_suffix('"'))
        else {
            continue;
        };
        let shown: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| !l.trim_start().starts_with('…') && !l.starts_with('$'))
            .copied()
            .collect();
        let out = Test::new()
            .sample()
            .args(["suggest", message])
            .any_stdout()
            .run();
        let printed: Vec<&str> = out.stdout.lines().take(shown.len()).collect();
        assert_eq!(printed, shown, "README line {}", i + 1);
        checked += 1;
    }
    assert_eq!(checked, 2);
}

/// A language no reply is written in is said, as `use` says it, rather
/// than silently answered in another.
#[test]
fn a_language_no_reply_has_is_said() {
    suggest()
        .args([
            "Hi, can I get a refund please? Thanks",
            "--lang",
            "de",
            "--limit",
            "1",
        ])
        .stdout(
            "
            1. refund-standard   80%  en  Refund issued
               matched: refund
            ",
        )
        .stderr("no reply is written in `de`; each is offered in its own language\n")
        .run();
}

/// A reply that changes the plan ("I've upgraded your membership to {{
/// plan }}") takes only the plan the customer names as the target: the one
/// they are a member of is the one the upgrade leaves.
#[test]
fn an_upgrade_takes_the_plan_named_as_its_target_not_the_one_had() {
    let upgrade = |message: &str, shown: &str| {
        Test::new()
            .sample()
            .args(["suggest", message, "--limit", "1"])
            .stdout(shown)
            .run();
    };
    upgrade(
        "Hi, I'm an Acme Plus member and would like to upgrade. Thanks, Kim",
        "
        1. plan-upgrade   51%  en  Upgrading to a higher membership plan
           matched: member, upgrade, thanks
           name = Kim  from “Kim”
        ",
    );
    upgrade(
        "Hi, I'm an Acme Plus member and want to upgrade to Acme Premium. Thanks, Kim",
        "
        1. plan-upgrade   61%  en  Upgrading to a higher membership plan
           matched: member, upgrade, premium, thanks
           name = Kim  from “Kim”
           plan = Acme Premium  from “Acme Premium”
        ",
    );
}

/// An amount the message says is something else than the order's charge
/// or refund (a bank balance, a cost borne elsewhere) is not proposed: an
/// agent would paste it.
#[test]
fn a_balance_or_a_cost_borne_elsewhere_is_no_amount_of_the_order() {
    let shows = |message: &str, shown: &str| {
        Test::new()
            .sample()
            .args(["suggest", message, "--limit", "1"])
            .stdout(shown)
            .run();
    };
    shows(
        "Hi, I was charged twice for order 45127 and my bank balance is now -£230. Jo",
        "
        1. double-charge   59%  en  Charged twice for the same order
           matched: charged, twice, order, bank
           name = Jo  from “Jo”
           order = 45127  from “order 45127”
        ",
    );
    shows(
        "Hi, please refund order 45127, I returned it and had to pay £4.50 postage. Thanks, Jo",
        "
        1. return-received   58%  en  Return received, refund on its way
           matched: refund, order, returned, pay, postage
           name = Jo  from “Jo”
           order = 45127  from “order 45127”
        ",
    );
}

/// A bike shop's variables and replies (from a tester's library): days
/// booked and wanted, amounts of a rental and a lease, a date of birth.
const BIKE_MANIFEST: &str = r#"
[variables.name]
description = "First name of the customer writing to us"
example = "Sarah"

[variables.child]
description = "Child's first name, when a parent writes about their child's bike"
example = "Leo"

[variables.mechanic]
description = "First name of the mechanic who did the repair"
example = "Gary"

[variables.booking_day]
description = "Day the service appointment is booked for"
example = "Tuesday 12 May"

[variables.new_day]
description = "Day the customer would like instead of the one booked"
example = "Friday 15 May"

[variables.rental_start]
description = "Day the rental starts (pick-up day)"
example = "3 June"

[variables.rental_end]
description = "Day the rental ends (return day)"
example = "7 June"

[variables.deposit]
description = "Deposit the customer paid for the rental"
example = "£50"

[variables.monthly_fee]
description = "Monthly lease fee"
example = "£39.90"

[variables.branch]
description = "The shop: Camden, Hackney, Brixton or Lyon"
example = "Camden"

[variables.bike_model]
description = "Bike model (Roadster, Ridgeback, Voyager, Comet...)"
example = "Voyager"

[variables.frame_number]
description = "Frame number stamped under the bottom bracket"
example = "WTU123X4567B"
pattern = "^WTU[0-9]{3}[A-Z][0-9]{4}[A-Z]$"

[variables.employer]
description = "Company the customer works for (cycle-to-work scheme)"
example = "Northwind Ltd"

[variables.purchase_date]
description = "Date the bike was bought"
example = "14 March 2026"

[variables.dob]
description = "Rider's date of birth"
example = "12/04/1990"
"#;

const BIKE_REPLIES: &str = r#"
[[response]]
id = "service-reschedule"
title = "Moving a workshop service appointment"
topic = "workshop"
examples = ["can I move my service to another day", "I can't make my bike service appointment, can we change it", "need to reschedule my tune-up"]
body = """Hi {{ name }}, no problem: I've moved your service from {{ booking_day }} to {{ new_day }} at our {{ branch }} shop."""

[[response]]
id = "service-booking-confirm"
title = "Booking a bike service"
topic = "workshop"
examples = ["I'd like to book my bike in for a service", "can you fit in a tune-up for my bike", "do you have a slot for a service"]
body = """Hi {{ name }}, your {{ bike_model }} is booked in for a service on {{ booking_day }} at {{ branch }}."""

[[response]]
id = "rental-change-dates"
title = "Changing rental dates"
topic = "rental"
examples = ["can I change the dates of my bike hire", "I need to move my rental to later", "can I pick up the rental bike a day later"]
body = """Hi {{ name }}, your rental now runs from {{ rental_start }} to {{ rental_end }}. Your deposit of {{ deposit }} carries over."""

[[response]]
id = "rental-deposit-refund"
title = "Rental deposit not returned"
topic = "rental"
examples = ["I haven't got my deposit back for the hire bike", "where is my rental deposit", "you still hold my deposit"]
body = """Hi {{ name }}, your deposit of {{ deposit }} was released today and should reach your card within 5 days."""

[[response]]
id = "warranty-frame"
title = "Frame warranty claim"
topic = "orders"
examples = ["my frame has cracked, is it under warranty", "crack near the bottom bracket", "warranty claim for the frame"]
body = """Hi {{ name }}, I've opened a warranty claim for frame {{ frame_number }}, bought on {{ purchase_date }}."""

[[response]]
id = "lease-fee-change"
title = "Monthly lease fee question"
topic = "leasing"
examples = ["why did my monthly lease payment go up", "my lease fee changed", "cycle to work scheme monthly payment question"]
body = """Hi {{ name }}, your monthly fee is {{ monthly_fee }} under the scheme with {{ employer }}."""

[[response]]
id = "insurance-dob"
title = "Rider's date of birth for insurance"
topic = "general"
examples = ["my date of birth is wrong on the insurance", "you have the wrong birthday for me", "fix my DOB on the policy"]
body = """Hi {{ name }}, I've corrected the rider's date of birth to {{ dob }}."""
"#;

fn bike_shop(message: &str) -> Test<'static> {
    Test::new()
        .library(&[
            ("canned.toml", BIKE_MANIFEST),
            ("replies.toml", BIKE_REPLIES),
        ])
        .args(["suggest", message, "--limit", "1"])
}

/// Of "£30 of the £50", the deposit is the whole; a relative's price
/// "last month" is no monthly fee of the customer's.
#[test]
fn a_part_a_relatives_price_or_last_month_is_no_amount_of_the_customers() {
    bike_shop("Hi, I got my deposit back for the hire bike but only £30 of the £50. Sam")
        .stdout(
            "
            1. rental-deposit-refund   68%  en  Rental deposit not returned
               matched: deposit, back, hire, bike
               name = Sam  from “Sam”
               deposit = £50  from “£50”
            ",
        )
        .run();
    bike_shop(
        "Hi, my monthly lease fee went up. My brother had the same bike last month for £120. Sam",
    )
    .stdout(
        "
            1. lease-fee-change   58%  en  Monthly lease fee question
               matched: monthly, lease, fee
               name = Sam  from “Sam”
            ",
    )
    .run();
}

/// A case number a lawyer opened is theirs, not the ticket the reply keeps.
#[test]
fn a_lawyers_case_number_is_no_ticket_of_ours() {
    Test::new()
        .sample()
        .args([
            "suggest",
            "Hi, I'm taking legal action. My lawyer's case number is 778812. Jo",
            "--limit",
            "1",
        ])
        .stdout(
            "
            1. legal-threat   52%  en  Customer mentions legal action
               matched: taking, legal, action, lawyer, case
               name = Jo  from “Jo”
            ",
        )
        .run();
}

/// A relative's company is not the customer's, whose invoice it would head.
#[test]
fn a_relatives_company_is_not_the_customers() {
    Test::new()
        .sample()
        .args([
            "suggest",
            "Hi, I need an invoice for my business. My husband runs Blue Fern Ltd but this is for my own company. Jo",
            "--limit",
            "1",
        ])
        .stdout(
            "
            1. invoice-b2b-terms   44%  en  Business invoice with 30-day payment terms
               matched: need, invoice, business, company
               name = Jo  from “Jo”
            ",
        )
        .run();
}

/// Beside the address an account is registered with, a new one given for
/// something else leaves two in play, and none is proposed.
#[test]
fn a_registered_address_beside_a_new_one_with_no_change_asked_gives_none() {
    Test::new()
        .sample()
        .args([
            "suggest",
            "Hi, please delete my account, it's registered with ann.k@gmail.com. Send the confirmation to my new email a.k@proton.me. Ann",
            "--limit",
            "1",
        ])
        .stdout(
            "
            1. email-change   46%  en  Change the account email address
               matched: account, gmail, confirmation, new, email
               name = Ann  from “Ann”
            ",
        )
        .run();
}

/// A town typed last in lower case says where the customer is, and is no
/// name to greet them by.
#[test]
fn a_town_typed_last_in_lower_case_is_no_name() {
    Test::new()
        .sample()
        .args([
            "suggest",
            "my order 45127 still not here. manchester",
            "--limit",
            "1",
        ])
        .stdout(
            "
            1. delivery-delayed   52%  en  Delivery is running late
               matched: order, still, not
               order = 45127  from “order 45127”
            ",
        )
        .run();
}

/// A day another event is told on (a service, a renewal) is no purchase
/// date nor a date of birth; nor does a word after its full stop announce it.
#[test]
fn the_day_of_another_event_is_not_the_date_asked_for() {
    bike_shop("Hi, my frame cracked, warranty please. I had it serviced on 3 June. Bought it last year. Hugo")
        .stdout(
            "
            1. warranty-frame   65%  en  Frame warranty claim
               matched: frame, cracked, warranty, bought
               name = Hugo  from “Hugo”
            ",
        )
        .run();
    bike_shop("Hi, fix my DOB please, I renewed the policy on 12/04/2026. Eve")
        .stdout(
            "
            1. insurance-dob   42%  en  Rider's date of birth for insurance
               matched: fix, dob, policy
               name = Eve  from “Eve”
            ",
        )
        .run();
}

/// The day booked, and the day an absence ends, are not the day the
/// customer would like instead.
#[test]
fn the_day_booked_or_back_is_not_the_day_wanted_instead() {
    bike_shop("Hi, I need to reschedule my service, you booked me in for Tuesday 12 May but I'm working that day. Sam")
        .stdout(
            "
            1. service-reschedule   52%  en  Moving a workshop service appointment
               matched: need, reschedule, service, day
               name = Sam  from “Sam”
               booking_day = Tuesday 12 May  from “Tuesday 12 May”
            ",
        )
        .run();
    bike_shop("Hi, please move my bike service to after my holiday, I'm back on 20 May. Sam")
        .stdout(
            "
            1. service-reschedule   43%  en  Moving a workshop service appointment
               matched: move, bike, service
               name = Sam  from “Sam”
            ",
        )
        .run();
}
