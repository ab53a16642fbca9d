//! `canned find`: output, filters, ties, and the index cache.

use crate::support::{Env, MANIFEST, SIGABRT, Test, response};

/// `canned --library <the sample library> find ARGS`, `args` split at spaces.
fn find(args: &str) -> Test<'static> {
    Test::new()
        .sample()
        .arg("find")
        .args(args.split_whitespace())
}

#[test]
fn json_results_carry_the_fields_tools_need() {
    find("remboursment --json --limit 1")
        .stdout(
            r#"
            [
              {
                "id": "refund-standard",
                "title": "Remboursement effectué sur le moyen de paiement d'origine",
                "lang": "fr",
                "languages": [
                  "en",
                  "fr"
                ],
                "shortcut": "refund",
                "urgency": "normal",
                "topic": "billing",
                "customer": [
                  "any"
                ],
                "tags": [
                  "refund",
                  "payment",
                  "confirmation"
                ],
                "owner": "billing-team",
                "reviewed": "2026-09-14",
                "expires": null,
                "file": "billing.toml",
                "line": 7,
                "score": 1.8,
                "partial": false
              }
            ]
            "#,
        )
        .run();
}

#[test]
fn no_match_exits_1_with_a_short_message() {
    find("zzzzqqq")
        .status(1)
        .stderr("no match for `zzzzqqq`\n")
        .run();
    find("zzzzqqq --json").status(1).stdout("[]\n").run();
    // Nor do words with nothing to search by: not the whole library.
    for query in ["?", "!!!", "🎉"] {
        find(query)
            .status(1)
            .stderr(&format!("no match for `{query}`\n"))
            .run();
    }
    // What was typed is shown inert.
    find("")
        .arg("zz\u{1b}]0;title\u{7}\u{1b}[31mred")
        .status(1)
        .stderr("no match for `zzred`\n")
        .run();
}

/// A query is read as it is shown: a terminal's escape sequence goes whole
/// and a character that turns or hides text goes, so `\e[1mrefund` finds
/// what `refund` finds, where it matched nothing ("no match for
/// `refund`"), and `use` names it so in its note.
#[test]
fn a_query_with_an_escape_or_a_hidden_character_is_searched_as_shown() {
    let plain = find("refund --json").any_stdout().run().json();
    for typed in ["\u{1b}[1mrefund", "re\u{202e}fund", "ref\u{200b}und"] {
        let found = find("--json").arg(typed).any_stdout().run().json();
        assert_eq!(found, plain, "{typed:?}");
    }
    Test::new()
        .sample()
        .args(["use", "re\u{202e}fund\u{1b}[0m", "--print", "--var", "name=Sarah"])
        .args(["--var", "order=1245", "--var", "amount=€5"])
        .any_stdout()
        .stderr("using refund-standard — Refund issued to the original payment method (best match for `refund`)\n")
        .run();
}

/// An accent written as a mark after its letter (macOS) is the accented
/// letter, in a query as in a library's text: `e\u{301}change` finds the
/// exchange reply, where it was two words and found the e-mail change.
#[test]
fn a_decomposed_accent_is_searched_as_the_composed_letter() {
    let composed = find("échange --json").any_stdout().run().json();
    let decomposed = find("--json")
        .arg("e\u{301}change")
        .any_stdout()
        .run()
        .json();
    assert_eq!(decomposed, composed);
    let env = Env::with_library(&[(
        "a.toml",
        "[[response]]\nid = \"nfd\"\ntitle = \"Retour rec\u{327}u a\u{300} l'entrepo\u{302}t\"\ntopic = \"general\"\nlang = \"fr\"\nbody = \"Bonjour\"\n",
    )]);
    for query in ["reçu", "recu", "entrepot"] {
        env.test()
            .library(&[])
            .args(["find", query, "--json"])
            .stdout_contains("\"id\": \"nfd\"")
            .run();
    }
}

/// Vietnamese stacks two accents on a letter (`ễ`): folded to its Latin
/// letter like any other accent, typed plain or as written.
#[test]
fn a_letter_under_two_accents_is_found_plain() {
    let env = Env::with_library(&[(
        "a.toml",
        "[[response]]\nid = \"vn\"\ntitle = \"Đơn hàng của Nguyễn\"\ntopic = \"general\"\nlang = \"vi\"\nbody = \"Xin chào\"\n",
    )]);
    for query in ["nguyen", "NGUYỄN", "don hang"] {
        env.test()
            .library(&[])
            .args(["find", query, "--json"])
            .stdout_contains("\"id\": \"vn\"")
            .run();
    }
}

/// `s` as `find` highlights a match on a terminal, letter by letter.
fn lit(s: &str) -> String {
    s.chars()
        .map(|c| format!("\x1b[1;4;33m{c}\x1b[0m"))
        .collect()
}

/// A word typed with hyphens finds the library's word written joined, as
/// well as apart: `e-mail address` asked for `e` and `mail` only, and
/// `use` copied the delivery address reply.
#[test]
fn a_word_typed_with_hyphens_finds_it_written_joined() {
    let env = Env::with_library(&[(
        "a.toml",
        "[[response]]\nid = \"email-change\"\ntitle = \"Change the account email address\"\ntopic = \"general\"\nbody = \"Hi\"\n\n\
         [[response]]\nid = \"delivery\"\ntitle = \"Change the delivery address\"\ntopic = \"general\"\nbody = \"Hi\"\n\n\
         [[response]]\nid = \"mail-order\"\ntitle = \"An e-mail order\"\ntopic = \"general\"\nbody = \"Hi\"\n",
    )]);
    env.test()
        .library(&[])
        .args(["find", "e-mail", "address", "--color", "always"])
        .stdout(&format!(
            "\x1b[1memail-change\x1b[0m  \x1b[2m\x1b[0m  • normal    \x1b[36mgeneral\x1b[0m  any  \x1b[2men\x1b[0m  Change the account {} {}\n",
            lit("email"),
            lit("address")
        ))
        .run();
    // Written apart, it is found as before; typed joined, too.
    for query in ["e-mail", "email"] {
        let json = env
            .test()
            .library(&[])
            .args(["find", query, "--json"])
            .any_stdout()
            .run()
            .json();
        let ids: Vec<&str> = (json.as_array().unwrap().iter())
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["email-change", "mail-order"], "{query}");
    }
    env.test()
        .library(&[])
        .args(["use", "e-mail address", "--print"])
        .stdout("Hi")
        .stderr("using email-change — Change the account email address (best match for `e-mail address`)\n")
        .run();
}

/// A match is highlighted in whole letters: a mark after its letter goes
/// with it, and `œ` is one letter though it folds into two.
#[test]
fn a_highlight_covers_whole_letters() {
    let env = Env::with_library(&[(
        "a.toml",
        "[[response]]\nid = \"h\"\ntitle = \"Œuvre re\u{301}pare\u{301}e\"\ntopic = \"general\"\nlang = \"fr\"\nbody = \"Bonjour\"\n",
    )]);
    env.test()
        .library(&[])
        .args(["find", "oeu", "repare", "--color", "always"])
        .stdout(&format!(
            "\x1b[1mh\x1b[0m  \x1b[2m\x1b[0m  • normal    \x1b[36mgeneral\x1b[0m  any  \x1b[2mfr\x1b[0m  {}vre {}e\n",
            lit("Œu"),
            lit("re\u{301}pare\u{301}")
        ))
        .run();
}

#[test]
fn expired_responses_are_hidden_unless_all() {
    find("holiday deadlines")
        .stdout(
            "christmas-cutoff-2026  xmas  ▲ high      seasonal  any  en  Last order dates for Christmas delivery 2026\n",
        )
        .run();
    find("holiday deadlines --all")
        .stdout(
            "
            holiday-deadlines-2025  xmas-2025  • normal    seasonal  any  en  Holiday shipping deadlines 2025
            christmas-cutoff-2026   xmas       ▲ high      seasonal  any  en  Last order dates for Christmas delivery 2026
            ",
        )
        .run();
}

#[test]
fn flags_and_qualifiers_filter_alike() {
    let low = "outage-degraded  slow  · low       technical  any  en  Slow pages or partial service disruption\n";
    find("outage u:low").stdout(low).run();
    find("outage --urgency low").stdout(low).run();
    // Asked for a kind of customer, flag or qualifier, its replies come
    // first, before one for anyone whose shortcut was typed (`refund`):
    // `refund c:vip` asks for the VIP refund.
    let refunds = "
        refund-vip         refund-vip  ▲ high      billing  vip        en  Priority refund for a VIP customer
        price-drop-refund  price-drop  · low       billing  loyal,vip  en  Price dropped after purchase
        return-pickup-vip  return-vip  • normal    returns  vip        en  Free home pickup for a VIP return
        ";
    find("refund c:vip --limit 3").stdout(refunds).run();
    find("refund --customer vip --limit 3")
        .stdout(refunds)
        .run();
}

#[test]
fn asked_for_a_kind_of_customer_its_replies_come_before_better_matches_for_anyone() {
    // `return-pickup-vip` matches less well than `refund-standard`, and
    // `price-drop-refund` only by its examples ("remboursement de
    // l'ecart").
    find("remboursement c:vip --limit 3")
        .stdout(
            "
            refund-vip         refund-vip  ▲ high      billing  vip        fr  Remboursement prioritaire pour un client VIP
            return-pickup-vip  return-vip  • normal    returns  vip        fr  Enlèvement à domicile offert pour un retour VIP
            price-drop-refund  price-drop  · low       billing  loyal,vip  fr  Baisse de prix après l'achat
            ",
        )
        .run();
}

#[test]
fn a_topic_the_library_does_not_know_is_refused_with_a_did_you_mean() {
    // Filtering by a typo showed nothing, with exit 0 for `list`.
    let topics = "billing, shipping, returns, account, technical, sales, general, seasonal";
    let refused =
        |hint: &str| format!("error: unknown topic \"shiping\"; expected one of: {topics}\n{hint}");
    let hint = "hint: did you mean `shipping`?\n";
    find("order t:shiping")
        .status(2)
        .stderr(&refused(hint))
        .run();
    find("order --topic shiping")
        .status(2)
        .stderr(&refused(hint))
        .run();
    Test::new()
        .sample()
        .args(["list", "--topic", "shiping"])
        .status(2)
        .stderr(&refused(hint))
        .run();
    // As typed, accents and case kept: `récx` was quoted as "recx".
    find("x --topic Récx")
        .status(2)
        .stderr(&format!(
            "error: unknown topic \"Récx\"; expected one of: {topics}\n"
        ))
        .run();
    // What cannot be seen is shown by its code: "general" was refused
    // as "general".
    find("x")
        .args(["--topic", "gen\u{200b}eral"])
        .status(2)
        .stderr(&format!(
            "error: unknown topic \"gen\\u{{200b}}eral\"; expected one of: {topics}\nhint: did you mean `general`?\n"
        ))
        .run();
    // Without a list in the manifest, the topics replies are filed under.
    Test::new()
        .library(&[(
            "a.toml",
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nbody = \"x\"\n",
        )])
        .args(["list", "--topic", "biling"])
        .status(2)
        .stderr(
            "
            error: unknown topic \"biling\"; expected one of: billing
            hint: did you mean `billing`?
            ",
        )
        .run();
}

/// A topic matches by prefix, as the README promises (`bill` for
/// `billing`), and spaces around a filter's value are no part of it; only
/// a value no topic starts with is refused.
#[test]
fn a_topic_matches_by_prefix_and_a_value_is_trimmed() {
    let billing = "
        refund-standard    refund      • normal    billing  any        en  Refund issued to the original payment method
        refund-vip         refund-vip  ▲ high      billing  vip        en  Priority refund for a VIP customer
        price-drop-refund  price-drop  · low       billing  loyal,vip  en  Price dropped after purchase
        ";
    for args in [
        "refund -t bill --limit 3",
        "refund t:bill --limit 3",
        "refund t:BILL --limit 3",
    ] {
        find(args).stdout(billing).run();
    }
    find("refund --limit 3")
        .args(["--topic", " billing "])
        .stdout(billing)
        .run();
    let vip = |args: &[&str]| {
        Test::new()
            .sample()
            .args(["list", "--json"])
            .args(args)
            .any_stdout()
            .run()
            .json()
            .as_array()
            .map(Vec::len)
    };
    assert_eq!(vip(&["-c", " vip"]), vip(&["-c", "vip"]));
}

/// `l:` is checked as `--lang` is: a value that is no language tag is
/// refused (exit 2), not searched for.
#[test]
fn a_language_qualifier_is_checked_as_the_flag_is() {
    find("refund l:12")
        .status(2)
        .stderr("error: `12` is not a language tag; expected a tag such as \"en\" or \"fr\"\n")
        .run();
}

#[test]
fn a_customer_type_the_library_does_not_know_is_refused_with_a_did_you_mean() {
    // Filtering by a typo would show only the replies for anyone.
    let refused = "
        error: unknown customer type \"vpi\"; expected one of: any, new, loyal, vip, business
        hint: did you mean `vip`?
        ";
    for args in ["refund c:vpi", "refund --customer vpi"] {
        find(args).status(2).stderr(refused).run();
    }
    Test::new()
        .sample()
        .args(["list", "--customer", "vpi"])
        .status(2)
        .stderr(refused)
        .run();
}

/// A language no reply is written in would say "no match" for every
/// query: refused with the library's languages, and a did-you-mean.
#[test]
fn a_language_no_reply_is_written_in_is_refused_with_a_did_you_mean() {
    let refused = "
        error: no reply is written in `fe`; expected one of the library's languages: en, fr
        hint: did you mean `fr`?
        ";
    for args in ["refund l:fe", "refund --lang fe"] {
        find(args).status(2).stderr(refused).run();
    }
    find("refund l:FR --limit 1")
        .stdout("refund-standard  refund  • normal    billing  any  fr  Remboursement effectué sur le moyen de paiement d'origine\n")
        .run();
}

#[test]
fn the_terminal_output_highlights_matched_characters() {
    // With colour the urgency and topic columns lose their padding, so
    // rows of different urgencies no longer line up (reported).
    find("chargeb --limit 2")
        .args(["--color", "always"])
        .stdout(
            "
            \x1b[1mchargeback-dispute\x1b[0m  \x1b[2mchargeback\x1b[0m  \x1b[1;31m‼ critical\x1b[0m  \x1b[36mbilling\x1b[0m  any  \x1b[2men\x1b[0m  Customer opened a \x1b[1;4;33mc\x1b[0m\x1b[1;4;33mh\x1b[0m\x1b[1;4;33ma\x1b[0m\x1b[1;4;33mr\x1b[0m\x1b[1;4;33mg\x1b[0m\x1b[1;4;33me\x1b[0m\x1b[1;4;33mb\x1b[0mack with their bank
            \x1b[1mdouble-charge     \x1b[0m  \x1b[2mdouble    \x1b[0m  \x1b[33m▲ high\x1b[0m      \x1b[36mbilling\x1b[0m  any  \x1b[2men\x1b[0m  \x1b[1;4;33mC\x1b[0m\x1b[1;4;33mh\x1b[0m\x1b[1;4;33ma\x1b[0m\x1b[1;4;33mr\x1b[0m\x1b[1;4;33mg\x1b[0m\x1b[1;4;33me\x1b[0m\x1b[1;4;33md\x1b[0m twice for the same order
            ",
        )
        .run();
}

/// Two responses that match `parcel` equally well.
fn twins() -> Env {
    let body = |id: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"Parcel lost\"\ntopic = \"shipping\"\nbody = \"Sorry {{{{ name }}}}\"\n\n"
        )
    };
    Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("a.toml", &(body("lost-a") + &body("lost-b"))),
    ])
}

/// `canned --library lib ARGS` in `env`.
fn canned<'a>(env: &'a Env, args: &str) -> Test<'a> {
    env.test().library(&[]).args(args.split_whitespace())
}

const A_THEN_B: &str = "
    lost-a    • normal    shipping  any  en  Parcel lost
    lost-b    • normal    shipping  any  en  Parcel lost
    ";

const B_THEN_A: &str = "
    lost-b    • normal    shipping  any  en  Parcel lost
    lost-a    • normal    shipping  any  en  Parcel lost
    ";

#[test]
fn equal_matches_are_ordered_by_this_agents_usage() {
    let env = twins();
    canned(&env, "find parcel").stdout(A_THEN_B).run();
    canned(&env, "use lost-b --var name=S --print")
        .stdout("Sorry S")
        .run();
    canned(&env, "find parcel").stdout(B_THEN_A).run();
}

#[test]
fn a_damaged_usage_log_is_skipped_not_fatal() {
    let env = twins();
    // An hour before the fixed test clock (2026-11-24, noon UTC).
    env.write(
        "data/canned/usage.log",
        "garbage\n\u{0}\u{1}\n1795518000\tlost-b\ten\n",
    );
    canned(&env, "find parcel").stdout(B_THEN_A).run();
}

#[test]
fn a_long_usage_log_is_compacted_by_a_search_and_ranks_the_same() {
    let env = twins();
    // 5,000 uses of lost-b two years before the test clock, and damage.
    let old = 1_795_521_600 - 730 * 86_400;
    let log = (0..5_000)
        .map(|i| format!("{}\tlost-b\ten\n", old + i))
        .collect::<String>()
        + "garbage\n";
    env.write("data/canned/usage.log", &log);
    // Killed once compacted, before the rename: the log is as it was.
    canned(&env, "find parcel")
        .env("CANNED_TEST_FAIL_AT", "usage-compacted")
        .signal(SIGABRT)
        .stdout("")
        .stderr("")
        .run();
    assert_eq!(env.read("data/canned/usage.log"), log);
    canned(&env, "find parcel").stdout(B_THEN_A).run();
    let compacted = env.read("data/canned/usage.log");
    assert!(
        compacted.starts_with("folded\tlost-b\t5000\t1732449600\t1732454599\t1795521600\t")
            && compacted.lines().count() == 1,
        "{compacted}"
    );
    canned(&env, "find parcel").stdout(B_THEN_A).run();
}

#[test]
fn an_edited_library_is_never_answered_from_a_stale_cache() {
    let env = twins();
    canned(&env, "find parcel").stdout(A_THEN_B).run();
    env.write(
        "lib/a.toml",
        env.read("lib/a.toml")
            .replace("Parcel lost", "Package missing"),
    );
    canned(&env, "find parcel")
        .status(1)
        .stderr("no match for `parcel`\n")
        .run();
    canned(&env, "find package")
        .stdout(&A_THEN_B.replace("Parcel lost", "Package missing"))
        .run();
}

#[test]
fn a_damaged_or_truncated_cache_is_rebuilt_not_trusted() {
    let env = twins();
    canned(&env, "find parcel").stdout(A_THEN_B).run();
    // The search index's cache, not the copy of the last good manifest.
    let cache = env.path().join(env.cache_file("index"));
    let good = std::fs::read(&cache).unwrap();
    for damaged in [
        good[..good.len() / 2].to_vec(),
        vec![0xff; good.len()],
        shouted(&good, "Parcel lost"),
    ] {
        // Read once more: its checksum held, so it is sealed, and runs after
        // this one trust it without reading it whole, until it changes.
        canned(&env, "find parcel").stdout(A_THEN_B).run();
        assert!(sealed(&env, &cache), "not sealed");
        std::fs::write(&cache, &damaged).unwrap();
        canned(&env, "find parcel").stdout(A_THEN_B).run();
        assert_eq!(std::fs::read(&cache).unwrap(), good, "not rebuilt");
    }
}

#[test]
fn a_sealed_cache_changed_in_place_with_its_time_put_back_is_not_trusted() {
    use std::io::{Seek, SeekFrom, Write};
    let env = twins();
    for _ in 0..2 {
        canned(&env, "find parcel").stdout(A_THEN_B).run();
    }
    let cache = env.path().join(env.cache_file("index"));
    assert!(sealed(&env, &cache), "not sealed");
    let good = std::fs::read(&cache).unwrap();
    let modified = std::fs::metadata(&cache).unwrap().modified().unwrap();
    // The same size, the same modification time: only the change time and
    // the checksum tell.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&cache)
        .unwrap();
    let title = good.windows(11).position(|w| w == b"Parcel lost").unwrap();
    file.seek(SeekFrom::Start(title as u64)).unwrap();
    file.write_all(b"Parcel LOST").unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    canned(&env, "find parcel").stdout(A_THEN_B).run();
    assert_eq!(std::fs::read(&cache).unwrap(), good, "not rebuilt");
}

#[test]
fn a_seal_from_another_boot_is_not_believed_the_cache_is_verified_again() {
    if !seals() {
        return;
    }
    let env = twins();
    for _ in 0..2 {
        canned(&env, "find parcel").stdout(A_THEN_B).run();
    }
    let seal = seal_of(&env, &env.path().join(env.cache_file("index")));
    let sealed = std::fs::read(&seal).unwrap();
    // The seal starts with the boot's id.
    let mut other_boot = sealed.clone();
    other_boot[0] ^= 1;
    std::fs::write(&seal, &other_boot).unwrap();
    canned(&env, "find parcel").stdout(A_THEN_B).run();
    assert_eq!(
        std::fs::read(&seal).unwrap(),
        sealed,
        "not verified and sealed anew"
    );
}

/// `bytes` with the first `text` in them upper-cased: damage that still
/// reads as a sound cache, which only the checksum finds.
fn shouted(bytes: &[u8], text: &str) -> Vec<u8> {
    let at = bytes
        .windows(text.len())
        .position(|w| w == text.as_bytes())
        .unwrap();
    let mut damaged = bytes.to_vec();
    damaged[at..at + text.len()].make_ascii_uppercase();
    damaged
}

/// Whether the cache file at `cache` is sealed, where the platform seals.
fn sealed(env: &Env, cache: &std::path::Path) -> bool {
    seal_of(env, cache).exists() || !seals()
}

/// Whether canned seals caches here: only where the kernel tells one boot
/// from another (Linux's boot id).
fn seals() -> bool {
    cfg!(target_os = "linux") && std::path::Path::new("/proc/sys/kernel/random/boot_id").exists()
}

/// The seal of the cache file at `cache` (see `platform::cache`).
fn seal_of(env: &Env, cache: &std::path::Path) -> std::path::PathBuf {
    let name = cache.file_name().unwrap().to_string_lossy();
    env.path().join("cache/canned").join(format!("seal-{name}"))
}

#[test]
fn a_broken_file_is_reported_even_when_the_index_comes_from_the_cache() {
    let env = twins();
    env.write("lib/broken.toml", "[[response\n");
    // The first run builds the cache, the second reads it.
    for _ in 0..2 {
        canned(&env, "find parcel")
            .stdout(A_THEN_B)
            .stderr(
                "warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details\n",
            )
            .run();
    }
}

/// A sentence typed as a query: its function words are matched whole and
/// need not match. `ma` found *majeure*, so "où est ma commande" was the
/// major outage reply, which `use` copied; "where is my order" found no
/// reply with every word.
#[test]
fn the_function_words_of_a_sentence_neither_decide_nor_block() {
    let first = |query: &str| {
        let hits = find(&format!("{query} --json")).any_stdout().run().json();
        hits[0]["id"].as_str().unwrap_or_default().to_string()
    };
    assert_ne!(first("où est ma commande"), "outage-major");
    assert_ne!(first("ma commande"), "outage-major");
    assert_eq!(first("where is my order"), "order-in-transit");
    // Typed alone, a short word is still a prefix: `ma` finds *majeure*.
    assert_eq!(first("ma"), "outage-major");
}

#[test]
fn when_no_response_has_every_word_the_closest_are_shown_marked_partial() {
    find("mot de passe perdu --limit 2")
        .stdout(
            "
            password-reset          reset          • normal    account  any  fr  Lien de réinitialisation du mot de passe
            password-reset-expired  reset-expired  · low       account  any  fr  Le lien de réinitialisation a expiré
            ",
        )
        .stderr("no response has every word; the closest:\n")
        .run();
    let partial = find("mot de passe perdu --json")
        .stderr("no response has every word; the closest:\n")
        .any_stdout()
        .run()
        .json();
    let partial = partial.as_array().unwrap();
    // At least half of the words that say something: `de` is no such word.
    assert_eq!(partial.len(), 4);
    assert_eq!(partial[0]["id"], "password-reset");
    assert!(partial.iter().all(|h| h["partial"] == true), "{partial:?}");
    // Full matches are never mixed with partial ones.
    find("mot de passe")
        .stdout(
            "
            password-reset          reset          • normal    account  any  fr  Lien de réinitialisation du mot de passe
            password-reset-expired  reset-expired  · low       account  any  fr  Le lien de réinitialisation a expiré
            account-compromised     hacked         ‼ critical  account  any  fr  Activité suspecte sur le compte
            out-of-hours            hours          · low       general  any  fr  Réponse en dehors des heures d'ouverture
            ",
        )
        .run();
}

/// Eight files of two responses each: `s1-a` "Parcel 1 lost" and `s1-b`
/// "Refund 1" in `s1.toml`, and so on.
fn shelves() -> Env {
    let env = Env::with_library(&[("canned.toml", MANIFEST)]);
    for i in 1..=8 {
        env.write(&format!("lib/s{i}.toml"), shelf(i, "lost"));
    }
    env
}

fn shelf(i: usize, state: &str) -> String {
    format!(
        "[[response]]\nid = \"s{i}-a\"\ntitle = \"Parcel {i} {state}\"\ntopic = \"shipping\"\nbody = \"Sorry\"\n\n\
         [[response]]\nid = \"s{i}-b\"\ntitle = \"Refund {i}\"\ntopic = \"billing\"\nbody = \"Refunded\"\n"
    )
}

/// The cache files of `kind` (`index`, `delta`) there are.
fn caches(env: &Env, kind: &str) -> usize {
    std::fs::read_dir(env.path().join("cache/canned"))
        .map(|d| {
            d.filter(|e| {
                e.as_ref().is_ok_and(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(&format!("{kind}-"))
                })
            })
            .count()
        })
        .unwrap_or(0)
}

/// `find ARGS` answered from the cache as it is: what a search with no
/// cache at all answers, which is `stdout`, `stderr` and `status`.
fn found_as_if_rebuilt(env: &Env, args: &str, stdout: &str, stderr: &str, status: i32) {
    let fresh = env.path().join("fresh");
    let _ = std::fs::remove_dir_all(&fresh);
    for cache in [env.path().join("cache"), fresh] {
        canned(env, &format!("find {args}"))
            .env("XDG_CACHE_HOME", cache)
            .stdout(stdout)
            .stderr(stderr)
            .status(status)
            .run();
    }
}

#[test]
fn an_edit_to_one_response_of_a_file_is_searched_at_its_new_text_and_line() {
    let env = shelves();
    canned(&env, "find lost --limit 1")
        .stdout("s1-a    • normal    shipping  any  en  Parcel 1 lost\n")
        .run();
    // One title changed, and a comment that moves nothing.
    let edited = shelf(3, "lost").replace("Refund 3", "Refund 3 late") + "# reviewed\n";
    env.write("lib/s3.toml", &edited);
    found_as_if_rebuilt(
        &env,
        "refund late",
        "s3-b    • normal    billing  any  en  Refund 3 late\n",
        "",
        0,
    );
    assert_eq!(caches(&env, "delta"), 1);
    // Two lines above the file's responses: each is found at its new line.
    env.write("lib/s3.toml", format!("# Parcels\n\n{edited}"));
    let lines = |json: &str| -> Vec<u64> {
        let found: serde_json::Value = serde_json::from_str(json).unwrap();
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["line"].as_u64().unwrap())
            .collect()
    };
    let out = canned(&env, "find s3 --json").any_stdout().run();
    assert_eq!(lines(&out.stdout), [3, 9]);
    found_as_if_rebuilt(
        &env,
        "parcel 3 --limit 1",
        "s3-a    • normal    shipping  any  en  Parcel 3 lost\n",
        "",
        0,
    );
}

#[test]
fn after_files_change_the_search_is_the_one_a_rebuild_gives() {
    let env = shelves();
    canned(&env, "find lost --limit 1")
        .stdout("s1-a    • normal    shipping  any  en  Parcel 1 lost\n")
        .run();
    assert_eq!((caches(&env, "index"), caches(&env, "delta")), (1, 0));

    // An edit: only that file is indexed again, into a delta.
    env.write("lib/s3.toml", shelf(3, "found"));
    found_as_if_rebuilt(
        &env,
        "found",
        "s3-a    • normal    shipping  any  en  Parcel 3 found\n",
        "",
        0,
    );
    assert_eq!(caches(&env, "delta"), 1);
    found_as_if_rebuilt(
        &env,
        "parcel --limit 3",
        "
        s1-a    • normal    shipping  any  en  Parcel 1 lost
        s2-a    • normal    shipping  any  en  Parcel 2 lost
        s3-a    • normal    shipping  any  en  Parcel 3 found
        ",
        "",
        0,
    );

    // A new file and a removed one, with the edit still in the delta.
    env.write("lib/s4-extra.toml", response("extra-lost"));
    std::fs::remove_file(env.path().join("lib/s6.toml")).unwrap();
    found_as_if_rebuilt(
        &env,
        "lost --limit 20",
        "
        extra-lost    • normal    billing   any  en  Title of extra-lost
        s1-a          • normal    shipping  any  en  Parcel 1 lost
        s2-a          • normal    shipping  any  en  Parcel 2 lost
        s4-a          • normal    shipping  any  en  Parcel 4 lost
        s5-a          • normal    shipping  any  en  Parcel 5 lost
        s7-a          • normal    shipping  any  en  Parcel 7 lost
        s8-a          • normal    shipping  any  en  Parcel 8 lost
        ",
        "",
        0,
    );
    assert_eq!((caches(&env, "index"), caches(&env, "delta")), (1, 1));

    // An id that another file has: the whole library decides which stays,
    // as `check` does (the first in path order; `use` refuses the id).
    env.write("lib/s2.toml", shelf(7, "twice"));
    found_as_if_rebuilt(
        &env,
        "parcel 7",
        "s7-a    • normal    shipping  any  en  Parcel 7 twice\n",
        "warning: skipped 2 invalid responses in the library; run `canned check` for details\n",
        0,
    );
    // Put right, the notice goes with it.
    env.write("lib/s2.toml", shelf(2, "lost"));
    found_as_if_rebuilt(
        &env,
        "parcel 7",
        "s7-a    • normal    shipping  any  en  Parcel 7 lost\n",
        "",
        0,
    );

    // A file that is not TOML any more; then removed, it is warned of no
    // more: the cache is rebuilt.
    let without_s5 = "
        s1-a    • normal    shipping  any  en  Parcel 1 lost
        s2-a    • normal    shipping  any  en  Parcel 2 lost
        s3-a    • normal    shipping  any  en  Parcel 3 found
        s4-a    • normal    shipping  any  en  Parcel 4 lost
        s7-a    • normal    shipping  any  en  Parcel 7 lost
        s8-a    • normal    shipping  any  en  Parcel 8 lost
        ";
    env.write("lib/s5.toml", "[[response\n");
    found_as_if_rebuilt(
        &env,
        "parcel",
        without_s5,
        "warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details\n",
        0,
    );
    std::fs::remove_file(env.path().join("lib/s5.toml")).unwrap();
    found_as_if_rebuilt(&env, "parcel", without_s5, "", 0);
}

#[test]
fn a_damaged_delta_is_rebuilt_not_trusted() {
    let env = shelves();
    canned(&env, "find lost --limit 1").any_stdout().run();
    env.write("lib/s3.toml", shelf(3, "found"));
    let found = "s3-a    • normal    shipping  any  en  Parcel 3 found\n";
    canned(&env, "find found").stdout(found).run();
    let delta = env.path().join(env.cache_file("delta"));
    let good = std::fs::read(&delta).unwrap();
    for damaged in [
        good[..good.len() / 2].to_vec(),
        shouted(&good, "Parcel 3 found"),
    ] {
        // Read once more, and sealed: the damage must break the seal.
        canned(&env, "find found").stdout(found).run();
        assert!(sealed(&env, &delta), "not sealed");
        std::fs::write(&delta, &damaged).unwrap();
        canned(&env, "find found").stdout(found).run();
        assert_eq!(std::fs::read(&delta).unwrap(), good, "not rebuilt");
    }
}

/// Language tags are case-blind (`pt-BR` is `pt-br`), and a region is no
/// other language (`pt` and `pt-PT` are Portuguese): every command finds
/// a translation however its tag or the one asked for is written, as
/// `use` picks it.
#[test]
fn a_language_is_found_whatever_the_case_or_region_of_its_tag() {
    let env = Env::with_library(&[(
        "a.toml",
        "[[response]]\nid = \"dois\"\ntitle = \"Two\"\ntopic = \"t\"\nbody = \"two\"\n\
         [response.translations.pt-BR]\ntitle = \"Dois\"\nbody = \"dois\"\n",
    )]);
    let run = |args: &[&str]| env.test().library(&[]).args(args).any_stdout().run().stdout;
    for lang in ["pt-BR", "pt-br", "pt", "pt-PT"] {
        assert!(
            run(&["find", "dois", "-l", lang]).contains("Dois"),
            "{lang}"
        );
        assert!(run(&["list", "-l", lang]).contains("Dois"), "{lang}");
        assert_eq!(
            run(&["use", "dois", "--lang", lang, "--print"]),
            "dois",
            "{lang}"
        );
        assert!(
            run(&["show", "dois", "--lang", lang]).contains("dois"),
            "{lang}"
        );
    }
}

/// A language asked for is every region of it: `fr` finds the replies in
/// `fr`, `fr-FR` and `fr-CA` alike, and `fr-CA` the one in `fr` too, as
/// `use` picks a reply's language.
#[test]
fn a_language_asked_for_finds_every_region_of_it() {
    let reply = |id: &str, lang: &str, word: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"Hi\"\ntopic = \"t\"\nbody = \"hi\"\n\n\
             [response.translations.{lang}]\ntitle = \"Allo {word}\"\nbody = \"allo\"\n\n"
        )
    };
    let env = Env::with_library(&[(
        "a.toml",
        &[
            reply("plain", "fr", "un"),
            reply("france", "fr-FR", "deux"),
            reply("quebec", "fr-CA", "trois"),
        ]
        .concat(),
    )]);
    let ids = |args: &[&str]| -> Vec<String> {
        let out = env.test().library(&[]).args(args).any_stdout().run().stdout;
        let mut ids: Vec<String> = out
            .lines()
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .collect();
        ids.sort();
        ids
    };
    for args in [
        &["find", "allo", "--lang", "fr"][..],
        &["find", "allo", "l:fr"],
        &["find", "allo", "l:fr-CA"],
    ] {
        assert_eq!(ids(args), ["france", "plain", "quebec"], "{args:?}");
    }
}

/// A library may write its customer types in capitals; an agent types
/// them in any case, and `check` had passed a type no filter could reach.
#[test]
fn a_customer_type_matches_in_any_case() {
    let manifest = "[library]\ncustomer_types = [\"Gold\"]\n";
    let gold = "[[response]]\nid = \"b\"\ntitle = \"Beta\"\ntopic = \"t\"\ncustomer = \"Gold\"\nbody = \"b\"\n";
    for args in [["find", "beta", "c:gold"], ["find", "beta", "c:GOLD"]] {
        Test::new()
            .manifest(manifest)
            .library(&[("a.toml", gold)])
            .args(args)
            .stdout("b    • normal    t  Gold  en  Beta\n")
            .run();
    }
    // A chat keeps the library's spelling.
    let env = Env::with_library(&[("canned.toml", manifest), ("a.toml", gold)]);
    env.test()
        .library(&[])
        .args(["chat", "5", "customer=gold"])
        .stderr("chat 5: remembered customer\n")
        .run();
    env.test()
        .library(&[])
        .args(["chat", "5"])
        .stdout("customer=Gold\n")
        .run();
}
