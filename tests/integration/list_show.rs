//! `list` and `show`, and the resilience of every command to broken files.

use std::process::Stdio;

use crate::support::{Env, MANIFEST, Test, response};

/// `canned --library <the sample library> ARGS`, `args` split at spaces.
fn sample(args: &str) -> Test<'static> {
    Test::new().sample().args(args.split_whitespace())
}

#[test]
fn list_groups_by_urgency_most_urgent_first_then_by_topic() {
    sample("list --topic billing").stdout(r#"
            ‼ critical
              billing
                chargeback-dispute        chargeback  any        en,fr  Customer opened a chargeback with their bank

            ▲ high
              billing
                double-charge             double      any        en,fr  Charged twice for the same order
                invoice-overdue-business  overdue     business   en,fr  Overdue business invoice reminder
                refund-vip                refund-vip  vip        en,fr  Priority refund for a VIP customer

            • normal
              billing
                refund-standard           refund      any        en,fr  Refund issued to the original payment method
                facture-tva-intracom      tva         business   fr,en  Facture avec numéro de TVA intracommunautaire
                invoice-b2b-terms         net30       business   en,fr  Business invoice with 30-day payment terms
                payment-declined          declined    new,loyal  en,fr  Payment declined at checkout

            · low
              billing
                invoice-copy              invoice     any        en,fr  Copy of an invoice
                price-drop-refund         price-drop  loyal,vip  en,fr  Price dropped after purchase
            "#).run();
}

#[test]
fn list_json_is_an_array_of_responses_with_their_segments() {
    let rows = sample("list --json").any_stdout().run().json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 59);
    let r = rows.iter().find(|r| r["id"] == "refund-vip").unwrap();
    assert_eq!(
        r,
        &serde_json::json!({
            "id": "refund-vip",
            "title": "Priority refund for a VIP customer",
            "shortcut": "refund-vip",
            "urgency": "high",
            "topic": "billing",
            "customer": ["vip"],
            "tags": ["refund", "vip", "priority"],
            "lang": "en",
            "languages": ["en", "fr"],
            "owner": "billing-team",
            "reviewed": "2026-10-20",
            "expires": null,
            "file": "billing.toml",
            "line": 51
        })
    );
}

#[test]
fn list_filters_by_flags() {
    sample("list --urgency >=high --customer vip")
        .stdout(r#"
            ‼ critical
              account
                account-compromised            hacked        any  en,fr  Suspicious activity on the account
              billing
                chargeback-dispute             chargeback    any  en,fr  Customer opened a chargeback with their bank
              general
                complaint-handover             complaint     any  en,fr  Formal complaint handed over to a team lead
                legal-threat                   legal         any  en,fr  Customer mentions legal action
              returns
                product-safety-recall          recall        any  en,fr  Safety recall of a product
              technical
                outage-major                   outage        any  en,fr  Major outage: website or checkout down

            ▲ high
              billing
                double-charge                  double        any  en,fr  Charged twice for the same order
                refund-vip                     refund-vip    vip  en,fr  Priority refund for a VIP customer
              general
                complaint-vip-goodwill         sorry-vip     vip  en,fr  Apology and goodwill gesture for a VIP complaint
              returns
                wrong-item-sent                wrong-item    any  en,fr  Wrong item sent
              sales
                cancel-subscription-retention  cancel        any  en,fr  Customer wants to cancel their membership
              seasonal
                christmas-cutoff-2026          xmas          any  en,fr  Last order dates for Christmas delivery 2026
              shipping
                item-arrived-damaged           damaged       any  en,fr  Item arrived damaged
                parcel-not-received            not-received  any  en,fr  Parcel marked as delivered but not received
              technical
                checkout-error                 checkout-bug  any  en,fr  Error message at checkout
            "#)
        .run();
}

/// `-l fr` lists the French text, as `find -l fr` shows it: the same
/// response has the same shape, in the language asked for.
#[test]
fn list_in_a_language_shows_that_languages_titles() {
    let listed = sample("list -l fr -t billing --json")
        .any_stdout()
        .run()
        .json();
    let first = &listed[0];
    assert_eq!(first["id"], "chargeback-dispute");
    assert_eq!(first["lang"], "fr");
    assert_eq!(
        first["title"],
        "Le client a contesté le paiement auprès de sa banque"
    );
}

#[test]
fn list_hides_expired_responses_unless_all() {
    sample("list --topic seasonal").stdout(r#"
            ▲ high
              seasonal
                christmas-cutoff-2026  xmas         any            en,fr  Last order dates for Christmas delivery 2026

            • normal
              seasonal
                black-friday-volumes   bf-delay     new,loyal,vip  en,fr  Black Friday order volumes and dispatch delays

            · low
              seasonal
                holiday-gift-returns   gift-return  any            en,fr  Extended returns for holiday gifts
            "#).run();
    sample("list --topic seasonal --all")
        .stdout(r#"
            ▲ high
              seasonal
                christmas-cutoff-2026   xmas         any            en,fr  Last order dates for Christmas delivery 2026

            • normal
              seasonal
                holiday-deadlines-2025  xmas-2025    any            en,fr  Holiday shipping deadlines 2025
                black-friday-volumes    bf-delay     new,loyal,vip  en,fr  Black Friday order volumes and dispatch delays

            · low
              seasonal
                holiday-gift-returns    gift-return  any            en,fr  Extended returns for holiday gifts
            "#)
        .run();
}

#[test]
fn a_bad_filter_value_is_a_usage_error() {
    sample("list --urgency hgih")
        .status(2)
        .stderr(
            "
            error: --urgency: invalid urgency `hgih`: expected low, normal, high or critical (did you mean `high`?)
            ",
        )
        .run();
}

#[test]
fn show_renders_the_body_with_example_values() {
    sample("show refund-vip").stdout(r#"
            refund-vip  Priority refund for a VIP customer
              shortcut   refund-vip
              urgency    ▲ high
              topic      billing
              customer   vip
              tags       refund, vip, priority
              languages  en, fr (showing en)
              owner      billing-team
              reviewed   2026-10-20
              expires    —
              file       [SAMPLE]/billing.toml:51

            notes
              VIP refunds are approved without waiting for the returned parcel. Check the VIP flag on the profile first.

            variables
              agent        Your first name, as the customer should see it  e.g. Julie  default: "" (none)
              amount       Amount with its currency  e.g. €49.90
              name         Customer's first name  e.g. Sarah
              order        Order number, digits only  e.g. 1245  pattern: ^[0-9]+$
              refund_days  Business days before a refund shows on the customer's statement  e.g. 5  default: 5-10  pattern: ^[0-9]+(-[0-9]+)?$

            body (with example values)
            Dear Sarah,

            Thank you for your patience, and I'm sorry this order didn't meet your expectations. As one of our most valued customers, I haven't waited for the parcel to reach our warehouse: your refund of €49.90 for order #1245 was approved and sent today.

            You should see it within 5 business days. If it hasn't arrived by then, reply to this message and I'll chase it with our payments partner personally.

            — Julie, Acme Support
            "#).run();
}

#[test]
fn show_raw_keeps_the_placeholders() {
    sample("show refund-vip --raw").stdout(r#"
            refund-vip  Priority refund for a VIP customer
              shortcut   refund-vip
              urgency    ▲ high
              topic      billing
              customer   vip
              tags       refund, vip, priority
              languages  en, fr (showing en)
              owner      billing-team
              reviewed   2026-10-20
              expires    —
              file       [SAMPLE]/billing.toml:51

            notes
              VIP refunds are approved without waiting for the returned parcel. Check the VIP flag on the profile first.

            variables
              agent        Your first name, as the customer should see it  e.g. Julie  default: "" (none)
              amount       Amount with its currency  e.g. €49.90
              name         Customer's first name  e.g. Sarah
              order        Order number, digits only  e.g. 1245  pattern: ^[0-9]+$
              refund_days  Business days before a refund shows on the customer's statement  e.g. 5  default: 5-10  pattern: ^[0-9]+(-[0-9]+)?$

            body (raw)
            Dear {{ name }},

            Thank you for your patience, and I'm sorry this order didn't meet your expectations. As one of our most valued customers, I haven't waited for the parcel to reach our warehouse: your refund of {{ amount }} for order #{{ order }} was approved and sent today.

            You should see it within {{ refund_days }} business days. If it hasn't arrived by then, reply to this message and I'll chase it with our payments partner personally.

            {% include "signature" %}
            "#).run();
}

#[test]
fn show_accepts_a_shortcut_and_a_language() {
    sample("show transit --lang fr --json")
        .stdout(r#"
            {
              "id": "order-in-transit",
              "title": "Commande en cours d'acheminement",
              "lang": "fr",
              "languages": [
                "en",
                "fr"
              ],
              "shortcut": "transit",
              "urgency": "normal",
              "topic": "shipping",
              "customer": [
                "new",
                "loyal"
              ],
              "tags": [
                "tracking",
                "delivery"
              ],
              "owner": "logistics-team",
              "reviewed": "2026-10-02",
              "expires": null,
              "file": "shipping.toml",
              "line": 7,
              "notes": "Check the carrier page before sending.",
              "variables": [
                {
                  "name": "agent",
                  "description": "Your first name, as the customer should see it",
                  "example": "Julie",
                  "default": "",
                  "pattern": null
                },
                {
                  "name": "carrier",
                  "description": "Name of the delivery company",
                  "example": "DHL",
                  "default": null,
                  "pattern": null
                },
                {
                  "name": "delivery_date",
                  "description": "Promised delivery date, in plain words",
                  "example": "Friday 28 November",
                  "default": null,
                  "pattern": null
                },
                {
                  "name": "name",
                  "description": "Customer's first name",
                  "example": "Sarah",
                  "default": null,
                  "pattern": null
                },
                {
                  "name": "order",
                  "description": "Order number, digits only",
                  "example": "1245",
                  "default": null,
                  "pattern": "^[0-9]+$"
                },
                {
                  "name": "tracking_url",
                  "description": "Carrier tracking link for the parcel",
                  "example": "https://track.acme.example/1Z999AA10123456784",
                  "default": null,
                  "pattern": "^https://"
                }
              ],
              "body": "Bonjour Sarah,\n\nJe vois que votre commande #1245 a quitté notre entrepôt et qu'elle est en cours d'acheminement avec DHL. Vous pouvez la suivre étape par étape ici : https://track.acme.example/1Z999AA10123456784\n\nLa page de suivi peut mettre jusqu'à 24 heures à afficher le premier scan, ne vous inquiétez donc pas si elle est encore vide. La livraison est actuellement prévue le Friday 28 November.\n\n— Julie, Acme Support",
              "raw": false
            }
            "#)
        .run();
}

/// An agent previewing the French text reads the notes `use --lang fr`
/// shows: the translation's, else the response's own.
#[test]
fn show_in_another_language_keeps_the_responses_notes() {
    let notes = "VIP refunds are approved without waiting for the returned parcel. Check the VIP flag on the profile first.";
    let shown = sample("show refund-vip --lang fr --json")
        .any_stdout()
        .run()
        .json();
    assert_eq!(shown["notes"], notes);
    let text = sample("show refund-vip --lang fr")
        .any_stdout()
        .run()
        .stdout;
    assert!(text.contains(&format!("\nnotes\n  {notes}\n")), "{text}");
}

/// `--color` holds for errors too: `always` colours them into a pipe,
/// and (on a terminal, not tested here) `never` keeps them plain.
#[test]
fn an_error_is_coloured_as_color_says() {
    sample("show zzz --color always")
        .status(1)
        .stderr("\x1b[1;31merror:\x1b[0m no response with id or shortcut `zzz`\n\x1b[1mhint:\x1b[0m `canned find WORDS` searches by title, tags and text\n")
        .run();
    sample("show zzz --color never")
        .status(1)
        .stderr("error: no response with id or shortcut `zzz`\nhint: `canned find WORDS` searches by title, tags and text\n")
        .run();
}

#[test]
fn show_an_unknown_id_suggests_the_nearest() {
    sample("show refund-vpi")
        .status(1)
        .stderr(
            "
            error: no response with id or shortcut `refund-vpi`
            hint: did you mean `refund-vip`?
            ",
        )
        .run();
}

#[test]
fn every_shipped_response_renders_in_every_language() {
    let env = Env::new();
    let rows = env
        .test()
        .sample()
        .args(["list", "--json", "--all"])
        .any_stdout()
        .run()
        .json();
    let mut rendered = 0;
    for r in rows.as_array().unwrap() {
        for lang in r["languages"].as_array().unwrap() {
            let id = r["id"].as_str().unwrap();
            let lang = lang.as_str().unwrap();
            let v = env
                .test()
                .sample()
                .args(["show", id, "--lang", lang, "--json"])
                .any_stdout()
                .run()
                .json();
            let body = v["body"].as_str().unwrap();
            assert!(
                !body.contains("{{") && !body.contains("{%"),
                "{id}/{lang}: {body}"
            );
            assert!(
                !body.contains('<'),
                "{id}/{lang} lacks an example value: {body}"
            );
            rendered += 1;
        }
    }
    assert_eq!(rendered, 117, "texts rendered");
}

#[test]
fn a_broken_file_never_stops_listing_and_says_how_many_were_skipped() {
    Test::new()
        .manifest(MANIFEST)
        .library(&[
            ("good.toml", &response("good")),
            (
                "bad.toml",
                "[[response]]\nid = \"bad\"\ntitel = \"x\"\ntopic = \"billing\"\nbody = \"b\"\n",
            ),
            ("worse.toml", "[[response"),
        ])
        .arg("list")
        .stdout(
            "
            • normal
              billing
                good    any  en     Title of good
            ",
        )
        .stderr(
            "
            warning: skipped 1 invalid response and 1 broken or unreadable file or folder in the library; run `canned check` for details
            ",
        )
        .run();
}

#[test]
fn a_broken_manifest_never_stops_listing() {
    Test::new()
        .manifest("[library\n")
        .library(&[(
            "good.toml",
            &response("good").replace("\n{% include \"signature\" %}", ""),
        )])
        .arg("list")
        .stdout(
            "
            • normal
              billing
                good    any  en     Title of good
            ",
        )
        .stderr(
            "warning: 1 problem in the library (canned.toml is not valid TOML, and no earlier \
             version of it is known: its variables and partials are missing); run `canned check` \
             for details\n",
        )
        .run();
}

/// `canned ARGS` with its stdout a pipe whose reader is gone before it
/// starts: every write fails with EPIPE.
fn into_a_closed_pipe(args: &[&str]) -> std::process::Output {
    let env = Env::new();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    env.canned_process()
        .args(["--library"])
        .arg(crate::support::sample_library())
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn list_and_export_into_a_closed_pipe_exit_quietly() {
    for args in [&["list"][..], &["export", "--format", "markdown"]] {
        let out = into_a_closed_pipe(args);
        assert_eq!(
            (out.status.code(), String::from_utf8_lossy(&out.stderr)),
            (Some(0), "".into()),
            "{args:?}"
        );
    }
}

#[test]
fn completions_and_man_page_are_generated() {
    Test::new()
        .args(["completions", "bash"])
        .stdout_contains("_canned() {\n")
        .stdout_contains("canned__subcmd__audit)")
        .run();
    Test::new()
        .arg("man")
        .stdout_contains(".TH canned 1  \"canned 0.1.0\" \n.SH NAME\ncanned \\- Find, personalise")
        .run();
    // No shell offers the internal command, and the one page points to no
    // other: each command's options are in it.
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = Test::new()
            .args(["completions", shell])
            .any_stdout()
            .run()
            .stdout;
        assert!(!script.contains("hold-clipboard"), "{shell}");
    }
    let page = Test::new().arg("man").any_stdout().run().stdout;
    assert!(!page.contains("(1)"), "{page}");
    assert!(page.contains(".SS \"canned audit\"\n"), "{page}");
    assert!(page.contains("fail\\-on"), "{page}");
}

/// A library with no valid response lists nothing, which looked like
/// success (exit 0, no output) to a script pointed at the wrong directory.
#[test]
fn list_of_a_library_with_no_response_says_so() {
    Test::new()
        .manifest(MANIFEST)
        .arg("list")
        .status(1)
        .stderr(
            "
            error: the library holds no valid response
            hint: is the library right? `canned check` says what it found
            ",
        )
        .run();
}

/// On a terminal, `list` ends with how many it shows and how many expired
/// ones it hides: only those the filters would show but for their date.
/// The languages' column is as wide as its longest entry.
#[test]
fn the_footer_counts_only_the_expired_responses_the_filters_would_show() {
    let old = "[[response]]\nid = \"old\"\ntitle = \"Old\"\ntopic = \"billing\"\nexpires = 2020-01-01\nbody = \"o\"\n";
    let now = "[[response]]\nid = \"now\"\ntitle = \"Now\"\ntopic = \"shipping\"\nbody = \"n\"\n\n\
               [response.translations.de]\ntitle = \"Jetzt\"\nbody = \"j\"\n\n\
               [response.translations.fr]\ntitle = \"Maintenant\"\nbody = \"m\"\n";
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("a.toml", &format!("{old}\n{now}")),
    ]);
    let on_a_terminal = |args: &str| {
        let command = format!(
            "'{}' --library lib {args}",
            crate::support::canned_bin().display()
        );
        let (status, screen) =
            crate::support::Pty::start(&env, &command, &[("NO_COLOR", "1")]).finish();
        assert!(status.success(), "{screen}");
        screen
    };
    assert_eq!(
        on_a_terminal("list"),
        "• normal\n  shipping\n    now    any  en,de,fr  Now\n1 response (1 expired hidden; --all shows them)\n"
    );
    assert_eq!(
        on_a_terminal("list -t shipping"),
        "• normal\n  shipping\n    now    any  en,de,fr  Now\n1 response\n"
    );
}
