//! `canned use` without a display: values, safety, chat memory, usage log.

use crate::support::{Env, MANIFEST, Pty, Test, response, shell_command, utf16};

const REPLIES: &str = r#"
[[response]]
id = "greet"
title = "Greeting"
shortcut = "hi"
topic = "billing"
body = """
Hi {{ name }},

your order #{{ order }} is on its way.


{% include "signature" %}"""

[response.translations.fr]
title = "Bonjour"
body = "Bonjour {{ name }}, commande {{ order }}."

[[response]]
id = "nested"
title = "Nested customer"
topic = "billing"
body = "Dear {{ customer.name }} ({{ ticket }})"

[[response]]
id = "sloppy"
title = "Template with a placeholder left in"
topic = "billing"
body = "Hi [Name], thanks {{ name }}"

[[response]]
id = "refund-late"
title = "Refund is late"
topic = "billing"
tags = ["refund"]
body = "Sorry {{ name }}"
"#;

/// `greet` for `name=S`, `order=1`, as `--print` writes it: no final line
/// break, so what is pasted is exactly the reply.
const GREET: &str = "Hi S,\n\nyour order #1 is on its way.\n\n\n— the team";

/// The usage log line of one use on the test day (noon UTC).
const USED_GREET: &str = "1795521600\tgreet\ten\n";

/// A temp dir whose library is [`REPLIES`].
fn env() -> Env {
    let manifest = format!(
        "{MANIFEST}\n[variables.customer.name]\ndescription = \"Name from the ticket\"\nexample = \"Sam\"\n\
         [variables.ticket]\ndescription = \"Ticket\"\nexample = \"1\"\n"
    );
    Env::with_library(&[("canned.toml", &manifest), ("replies.toml", REPLIES)])
}

/// `canned --library lib ARGS` in `env`, `args` split at spaces (add an
/// argument with spaces with `.arg`).
fn canned<'a>(env: &'a Env, args: &str) -> Test<'a> {
    env.test().library(&[]).args(args.split_whitespace())
}

/// `canned use ARGS` on a library of [`REPLIES`] of its own.
fn use_(args: &str) -> Test<'static> {
    Test::with_env(env())
        .library(&[])
        .arg("use")
        .args(args.split_whitespace())
}

/// `canned use ARGS` in `env`.
fn use_in<'a>(env: &'a Env, args: &str) -> Test<'a> {
    canned(env, "use").args(args.split_whitespace())
}

#[test]
fn print_writes_exactly_the_rendered_text() {
    use_("greet --var name=Sarah --var order=1245 --print")
        .env("CANNED_AGENT", "Alex")
        .stdout(
            "
            Hi Sarah,

            your order #1245 is on its way.


            — Alex",
        )
        .run();
}

#[test]
fn a_shortcut_selects_exactly_and_silently() {
    use_("hi --var name=S --var order=1 --print")
        .stdout(GREET)
        .run();
}

#[test]
fn a_query_uses_the_best_match_and_says_which() {
    use_("refund --var name=S --print")
        .stdout("Sorry S")
        .stderr("using refund-late — Refund is late (best match for `refund`)\n")
        .run();
}

/// A response left out for its errors is still the one its id or
/// shortcut means: refused, never swapped for the search's best guess.
#[test]
fn the_name_of_a_response_with_errors_is_refused_not_searched() {
    let env = env();
    env.write(
        "lib/broken.toml",
        "[[response]]\nid = \"refund-vip\"\nshortcut = \"rv\"\ntitle = \"Refund for VIPs\"\ntopic = \"billing\"\nurgency = \"hihg\"\nbody = \"Sorry {{ name }}\"\n",
    );
    let warning =
        "warning: skipped 1 invalid response in the library; run `canned check` for details\n";
    for (name, error) in [
        (
            "refund-vip",
            "error: response `refund-vip` has errors (lib/broken.toml:1:1): it is left out until they are fixed\n",
        ),
        (
            "rv",
            "error: `rv` is the shortcut of `refund-vip`, which has errors (lib/broken.toml:1:1): it is left out until they are fixed\n",
        ),
        // In capitals, as `use` reads a valid response's name: not a search.
        (
            "RV",
            "error: `rv` is the shortcut of `refund-vip`, which has errors (lib/broken.toml:1:1): it is left out until they are fixed\n",
        ),
        (
            "Refund-VIP",
            "error: response `refund-vip` has errors (lib/broken.toml:1:1): it is left out until they are fixed\n",
        ),
    ] {
        let hint = "hint: `canned check` says what to fix\n";
        use_in(&env, &format!("{name} --var name=S --print"))
            .status(1)
            .stderr(&format!("{warning}{error}{hint}"))
            .run();
        canned(&env, &format!("show {name}"))
            .status(1)
            .stderr(&format!("{warning}{error}{hint}"))
            .run();
    }
    // Words are still searched, among the responses that could be read: the
    // agent is told the guess was made without the broken ones.
    use_in(&env, "refund late --var name=S --print")
        .stdout("Sorry S")
        .stderr(&format!(
            "{warning}using refund-late — Refund is late (best match for `refund late` among the responses that could be read)\n"
        ))
        .run();
}

/// So is the id or shortcut of a response in a file too broken to load
/// (a teammate's lost quote): "late" sent "the return window has passed"
/// as the best match for the word.
#[test]
fn a_name_in_a_file_that_cannot_be_read_is_refused_not_searched() {
    let env = env();
    env.write(
        "lib/broken.toml",
        "[[response]]\nid = \"late-parcel\"\nshortcut = \"late\"\ntitle = \"Late\ntopic = \"billing\"\nbody = \"Sorry\"\n",
    );
    let warning = "warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details\n";
    let why = "lib/broken.toml:4:14: not valid TOML: invalid basic string, expected `\"`";
    for (name, line) in [("late", 3), ("late-parcel", 2)] {
        let error = format!(
            "error: `{name}` is in lib/broken.toml:{line}, a file that cannot be read as a library file\n"
        );
        use_in(&env, &format!("{name} --var name=S --print"))
            .status(1)
            .stderr(&format!(
                "{warning}{error}hint: fix it first ({why}); nothing was copied\n"
            ))
            .run();
        canned(&env, &format!("show {name}"))
            .status(1)
            .stderr(&format!("{warning}{error}hint: fix it first ({why})\n"))
            .run();
    }
    // Words are still searched, among the responses that could be read: the
    // agent is told the guess was made without the broken ones.
    use_in(&env, "refund late --var name=S --print")
        .stdout("Sorry S")
        .stderr(&format!(
            "{warning}using refund-late — Refund is late (best match for `refund late` among the responses that could be read)\n"
        ))
        .run();
}

/// A file Notepad saved as "Unicode" (UTF-16) is refused too, and still
/// names its responses: `use late` copied the return-window reply, the
/// best match for the word among the others.
#[test]
fn a_name_in_a_utf16_file_is_refused_not_searched() {
    let env = env();
    let text = "[[response]]\r\nid = \"late-parcel\"\r\nshortcut = \"late\"\r\ntitle = \"Late\"\r\ntopic = \"billing\"\r\nbody = \"Sorry\"\r\n";
    let bytes = utf16(text);
    env.write("lib/notepad.toml", &bytes);
    use_in(&env, "late --var name=S --print")
        .status(1)
        .stderr(
            "warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details\n\
             error: `late` is in lib/notepad.toml:3, a file that cannot be read as a library file\n\
             hint: fix it first (lib/notepad.toml:1:1: UTF-16 (little-endian) text, not UTF-8); nothing was copied\n",
        )
        .run();
    // Without its byte order mark, a dash in a comment among its first
    // characters: it was "binary", and `late` searched again.
    let unmarked: Vec<u8> = format!("# Late — parcels\r\n{text}")
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    env.write("lib/notepad.toml", &unmarked);
    use_in(&env, "late --var name=S --print")
        .status(1)
        .stderr(
            "warning: skipped 1 broken or unreadable file or folder in the library; run `canned check` for details\n\
             error: `late` is in lib/notepad.toml:4, a file that cannot be read as a library file\n\
             hint: fix it first (lib/notepad.toml:1:1: UTF-16 (big-endian) text, not UTF-8); nothing was copied\n",
        )
        .run();
}

#[test]
fn missing_values_exit_2_and_name_each_with_its_flag() {
    use_("greet")
        .status(2)
        .stderr(
            "
            error: missing values for `greet`:
              name — Customer's first name (e.g. Sarah)
              order — Order number (e.g. 1245)
            hint: pass them: --var name=… --var order=…
            ",
        )
        .run();
}

/// A `--var` the reply does not read, close to a value it misses, is named
/// beside it: the likely typo. (A value the reply does not read is no
/// error on its own: chats and helpdesk exports give many.)
#[test]
fn a_missing_value_names_the_misspelt_var_given_for_it() {
    use_("greet --var nmae=Sarah --var order=1245 --var colour=red")
        .status(2)
        .stderr(
            "
            error: missing values for `greet`:
              name — Customer's first name (e.g. Sarah) — `nmae` was given: a typo?
            hint: pass them: --var name=…
            ",
        )
        .run();
}

/// A chat's value that the pattern refuses (saved before the pattern was
/// written) is said to be the chat's, with how to change it there.
#[test]
fn a_chats_value_its_pattern_refuses_is_said_to_be_the_chats() {
    let env = env();
    let manifest = env.read("lib/canned.toml");
    env.write(
        "lib/canned.toml",
        manifest.replace("pattern = \"^[0-9]+$\"\n", ""),
    );
    canned(&env, "chat 5 order=12a").any_stderr().run();
    env.write("lib/canned.toml", &manifest);
    use_in(&env, "greet --chat 5 --var name=S --print")
        .status(2)
        .stderr(
            "
            error: value \"12a\" for `order` does not match its pattern ^[0-9]+$
            hint: chat 5 remembers it: give it with --var, or change it with `canned chat 5 order=…`; nothing was copied
            ",
        )
        .run();
    // Given by the agent, it is the agent's to fix.
    use_in(&env, "greet --chat 5 --var name=S --var order=7b --print")
        .status(2)
        .stderr(
            "
            error: value \"7b\" for `order` does not match its pattern ^[0-9]+$
            hint: fix the value and try again; nothing was copied
            ",
        )
        .run();
}

/// A chat's id is its ticket: one the ticket's pattern refuses is said to
/// be the id, which no `canned chat` changes (the hint said the chat
/// remembered it).
#[test]
fn a_chat_id_the_tickets_pattern_refuses_is_said_to_be_the_id() {
    let manifest = format!(
        "{MANIFEST}\n[variables.ticket]\ndescription = \"Ticket number\"\npattern = \"^[0-9]+$\"\n"
    );
    let reply = "[[response]]\nid = \"case\"\ntitle = \"Case\"\ntopic = \"billing\"\nbody = \"Case {{ ticket }}.\"\n";
    let env = Env::with_library(&[("canned.toml", &manifest), ("case.toml", reply)]);
    use_in(&env, "case --chat T-99 --print")
        .status(2)
        .stderr(
            "
            error: value \"T-99\" for `ticket` does not match its pattern ^[0-9]+$
            hint: chat T-99's id is its ticket: give the ticket with --var ticket=…; nothing was copied
            ",
        )
        .run();
    use_in(&env, "case --chat T-99 --var ticket=4821 --print")
        .stdout("Case 4821.")
        .run();
}

/// `customer=` and `lang=` choose the reply's paragraph and language: a
/// slip of either (`custmer=vip`) sent the other ones, exit 0. Refused by
/// `use`, and by `canned chat`, which would remember it as a value no reply
/// reads.
#[test]
fn a_misspelt_customer_or_lang_is_refused_rather_than_the_other_paragraph_sent() {
    let reply = "[[response]]\nid = \"late\"\ntitle = \"Late\"\ntopic = \"billing\"\n\
                 body = \"Hi {{ name }}, {% if customer_type == 'vip' %}priority{% else %}standard{% endif %}.\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("late.toml", reply)]);
    for (slip, meant) in [("custmer", "customer"), ("lnag", "lang")] {
        use_in(&env, &format!("late --var name=S --var {slip}=vip --print"))
            .status(2)
            .stderr(&format!(
                "error: `late` does not read `{slip}`\n\
                 hint: did you mean `{meant}`? (--var {meant}=…); nothing was copied\n"
            ))
            .run();
        canned(&env, &format!("chat 7 {slip}=vip name=S"))
            .status(2)
            .stderr(&format!(
                "error: `{slip}` is no value the library reads\n\
                 hint: did you mean `{meant}`? ({meant}=…); nothing was saved\n"
            ))
            .run();
    }
    use_in(&env, "late --var name=S --var customer=vip --print")
        .stdout("Hi S, priority.")
        .run();
    // With the type given, a name close to it is the agent's own business.
    use_in(
        &env,
        "late --var name=S --var customer=vip --var customers=2 --print",
    )
    .stdout("Hi S, priority.")
    .run();
}

/// What `use --chat` remembers of its flags is held to what `canned chat`
/// keeps: a reply that reads no type nor order took `custmer=vip` and
/// `order=12x` into the chat, where every later reply of the chat met
/// them (the other paragraph sent, or the order refused far from where
/// it was typed).
#[test]
fn use_remembers_in_a_chat_only_what_canned_chat_would_keep() {
    let reply = "[[response]]\nid = \"hello\"\ntitle = \"Hello\"\ntopic = \"billing\"\n\
                 body = \"Hi {{ name }}.\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("hello.toml", reply)]);
    use_in(
        &env,
        "hello --chat 8 --var name=S --var custmer=vip --print",
    )
    .status(2)
    .stderr(
        "error: `custmer` is no value the library reads, and the chat would keep it\n\
             hint: did you mean `customer`? (--var customer=…); nothing was copied\n",
    )
    .run();
    use_in(&env, "hello --chat 8 --var name=S --var order=12x --print")
        .status(2)
        .stderr(
            "error: value \"12x\" for `order` does not match its pattern ^[0-9]+$, and the chat would keep it\n\
             hint: nothing was copied\n",
        )
        .run();
    canned(&env, "chat 8").stderr("no open chat 8\n").run();
    // Without a chat nothing is kept: a value the reply does not read is
    // the script's own business.
    use_in(&env, "hello --var name=S --var order=12x --print")
        .stdout("Hi S.")
        .run();
}

/// An empty value is no value, from a helpdesk export as from a flag: the
/// chat's value and the declared default stand (`"name": ""` asked for a
/// name the chat had, and `"agent": ""` hid the default). The spaces
/// around a value are no part of it, and every kind of line break parts
/// what it stands between.
#[test]
fn an_empty_value_leaves_the_one_below_and_spaces_around_a_value_go() {
    let env = env();
    canned(&env, "chat 7 name=Sarah order=1245")
        .stdout("")
        .stderr("chat 7: remembered name, order\n")
        .run();
    use_in(&env, "greet --chat 7 --vars - --print")
        .stdin(r#"{"name": "", "agent": "", "order": " "}"#)
        .stdout("Hi Sarah,\n\nyour order #1245 is on its way.\n\n\n— the team")
        .run();
    use_in(&env, "greet --chat 7 --var name= --print")
        .stdout("Hi Sarah,\n\nyour order #1245 is on its way.\n\n\n— the team")
        .run();
    // Nothing empty was kept.
    canned(&env, "chat 7")
        .stdout("name=Sarah\norder=1245\n")
        .run();
    canned(&env, "use")
        .args([
            "greet",
            "--print",
            "--var",
            "name= Mary\rAnn ",
            "--var",
            "order=1245 ",
        ])
        .stdout("Hi Mary\nAnn,\n\nyour order #1245 is on its way.\n\n\n— the team")
        .run();
}

/// The customer's type and language are values as any other: trimmed,
/// and empty none (`" vip "` in an export sent the other paragraph, and
/// `"lang": ""` was refused). A list's items are too: `["Tent", "", " Mat "]`
/// is "Tent, Mat".
#[test]
fn the_customers_type_language_and_list_items_are_trimmed_and_empty_is_none() {
    let reply = "[[response]]\nid = \"late\"\ntitle = \"Late\"\ntopic = \"billing\"\n\
                 body = \"Hi {{ name }}, {% if customer_type == 'vip' %}priority{% else %}standard{% endif %}.\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("late.toml", reply)]);
    use_in(&env, "late --vars - --print")
        .stdin(r#"{"name": ["Sam", "", " Al "], "customer": " vip ", "lang": ""}"#)
        .stdout("Hi Sam, Al, priority.")
        .run();
    use_in(&env, "late --var name=S --var customer= --print")
        .stdout("Hi S, standard.")
        .run();
    canned(&env, "chat 8")
        .arg(" lang= fr ".trim_start())
        .stderr(
            "warning: no reply is written in `fr` (the library's languages: en): the chat's replies fall back to their own\nchat 8: remembered lang\n",
        )
        .run();
    canned(&env, "chat 8").stdout("lang=fr\n").run();
}

/// A `--vars` file a Windows editor saved with a byte order mark is read
/// (it was "invalid JSON at line 1, column 1").
#[test]
fn a_vars_file_with_a_byte_order_mark_is_read() {
    let env = env();
    use_in(&env, "greet --vars - --print")
        .stdin("\u{feff}{\"name\": \"Sarah\", \"order\": \"1245\"}")
        .stdout("Hi Sarah,\n\nyour order #1245 is on its way.\n\n\n— the team")
        .run();
    // Nor one an old DOS tool ended with Ctrl-Z ("trailing characters"),
    // or with as many as pad its last record.
    for end in ["\r\n\u{1a}", "\u{1a}\u{1a}\u{1a}"] {
        use_in(&env, "greet --vars - --print")
            .stdin(format!("{{\"name\": \"Sarah\", \"order\": \"1245\"}}{end}"))
            .stdout("Hi Sarah,\n\nyour order #1245 is on its way.\n\n\n— the team")
            .run();
    }
}

/// A `--vars` file that is no JSON says where once, with columns from 1
/// as every location `canned` gives (it said "line 2, column 0" twice).
#[test]
fn a_vars_file_that_is_no_json_says_where_once() {
    let env = env();
    use_in(&env, "greet --vars - --print")
        .stdin("{\"name\": \"Tom\",")
        .status(2)
        .stderr(
            "error: --vars -: not valid JSON: the file ends too soon (EOF while parsing a value)\n",
        )
        .run();
    use_in(&env, "greet --vars - --print")
        .stdin("{\"name\": \"Tom\",}")
        .status(2)
        .stderr("error: --vars -: not valid JSON at line 1, column 16: trailing comma\n")
        .run();
}

/// Two values for one variable from one source are a slip the later
/// would hide: `--var order=1245 --var order=9999`, or a key twice in a
/// `--vars` file, is refused (exit 2), naming both; the same value twice
/// is none. Sources still stack, the later winning (a chat, then
/// `--vars`, then `--var`).
/// A `--vars` file nested deeper than it is read is valid JSON all the
/// same: told so where it goes too deep, not as "not valid JSON".
#[test]
fn a_vars_file_nested_too_deep_is_told_so() {
    let env = env();
    let deep = format!(
        "{{\"name\": \"Tom\",\n \"order\": {}1{}}}",
        "[".repeat(200),
        "]".repeat(200)
    );
    use_in(&env, "greet --vars - --print")
        .stdin(&deep)
        .status(2)
        .stderr("error: --vars -: line 2, column 137: objects and arrays nest 128 deep here, deeper than canned reads\n")
        .run();
}

#[test]
fn a_value_given_twice_in_one_source_is_refused() {
    let env = env();
    use_in(
        &env,
        "greet --var name=S --var order=1245 --var order=9999 --print",
    )
    .status(2)
    .stderr("error: --var `order` is given twice, `1245` and `9999`: give the one meant\n")
    .run();
    use_in(
        &env,
        "greet --var name=S --var order=1245 --var order=1245 --print",
    )
    .stdout("Hi S,\n\nyour order #1245 is on its way.\n\n\n— the team")
    .run();
    use_in(&env, "greet --vars - --print")
        .stdin("{\"name\": \"Tom\",\n \"name\": \"Jerry\", \"order\": 1}")
        .status(2)
        .stderr("error: --vars -: line 2, column 2: `name` is given twice, \"Tom\" and \"Jerry\": give the one meant\n")
        .run();
    // Nested and dotted, one name; the same value twice is none.
    use_in(&env, "nested --vars - --print")
        .stdin("{\"customer\": {\"name\": \"Alice\"}, \"customer.name\": \"Bob\", \"ticket\": 1}")
        .status(2)
        .stderr("error: --vars -: `customer.name` is given twice, `Alice` and `Bob`: give the one meant\n")
        .run();
    use_in(&env, "greet --vars - --print")
        .stdin("{\"name\": \"Tom\", \"name\": \"Tom\", \"order\": 1}")
        .stdout("Hi Tom,\n\nyour order #1 is on its way.\n\n\n— the team")
        .run();
    // An empty value is no value, typed after one as anywhere.
    use_in(
        &env,
        "greet --var name=S --var order=1245 --var order= --print",
    )
    .stdout("Hi S,\n\nyour order #1245 is on its way.\n\n\n— the team")
    .run();
    use_in(&env, "greet --vars - --var order=2 --print")
        .stdin("{\"name\": \"Tom\", \"order\": 1}")
        .stdout("Hi Tom,\n\nyour order #2 is on its way.\n\n\n— the team")
        .run();
}

/// What one value twice is not a slip: `1245` beside `"1245"`, `null` or
/// `""` after a value, a language in two cases, a name with its accent
/// written two ways (composed, or a letter and a mark), an empty type
/// beside a type.
#[test]
fn the_same_value_written_two_ways_is_given_once() {
    let env = env();
    let greeting = "Hi Zoë,\n\nyour order #1245 is on its way.\n\n\n— the team";
    use_in(&env, "greet --vars - --print")
        .stdin(r#"{"name": "Zoë", "order": 1245, "order": "1245", "name": null, "lang": "en", "lang": "EN"}"#)
        .stdout(greeting)
        .run();
    use_in(&env, "greet --var name=Zoë --var order=1245 --print")
        .arg("--var")
        .arg("name=Zoe\u{308}")
        .args(["--var", "customer=vip", "--var", "customer_type="])
        .stdout(greeting)
        .run();
}

/// A field of a group read under a fallback renders its fallback when
/// the group is not given at all: Tera stopped at the missing group
/// ("Variable `customer` is not defined"), though `check` was clean.
#[test]
fn a_groups_field_under_a_fallback_renders_without_the_group() {
    let env = Env::with_library(&[
        (
            "canned.toml",
            "[variables.\"customer.email\"]\ndescription = \"E-mail\"\nexample = \"a@b.example\"\n\
             [variables.\"customer.company\"]\ndescription = \"Company\"\nexample = \"Acme\"\n",
        ),
        (
            "a.toml",
            "[[response]]\nid = \"mail\"\ntitle = \"M\"\ntopic = \"t\"\n\
             body = '''We will write to {{ customer.email | default(value=\"the address on your account\") }}{% if customer.email is defined %} soon{% endif %}.'''\n\n\
             [[response]]\nid = \"co\"\ntitle = \"C\"\ntopic = \"t\"\n\
             body = '''Hi ({{ customer.company | default(value=\"\") }}), “{{ customer.email | default(value=\"\") }}”.'''\n",
        ),
    ]);
    use_in(&env, "mail --print")
        .stdout("We will write to the address on your account.")
        .run();
    // Brackets and quotes a group's missing field leaves empty are debris.
    use_in(&env, "co --print")
        .status(1)
        .stderr(
            "
            error: the text of `co` still contains `()`, `“”`: not copied
            hint: the reply's template, or a default in canned.toml, holds it: `canned check` shows where (`canned show co --raw` shows the template)
            ",
        )
        .run();
}

/// A name written as a person would (`Name`, `order-id`) is refused with
/// the name meant, which was left to guess: the library's (`order-id` is
/// `order`, where it was told `order_id`, then refused again for that).
#[test]
fn a_var_name_in_capitals_is_told_its_name() {
    let env = env();
    use_in(&env, "greet --var Name=Sarah --var order=1245 --print")
        .stderr(
            "error: --var `Name` is not a variable name (lowercase letters, digits and `_`, \
             dot-separated): did you mean `name`?\n",
        )
        .status(2)
        .run();
    use_in(&env, "greet --var name=Sarah --var order-id=1245 --print")
        .stderr(
            "error: --var `order-id` is not a variable name (lowercase letters, digits and `_`, \
             dot-separated): did you mean `order`?\n",
        )
        .status(2)
        .run();
}

/// `--var order_id=999` where the reply reads `order`, which the chat
/// gives, is the agent's slip: taken in silence, the chat's older order
/// went out (and `--var order-id=` is told `order_id`).
#[test]
fn a_name_spelt_out_with_underscores_is_a_slip_of_its_part() {
    let env = env();
    canned(&env, "chat 77 order=1245").any_stderr().run();
    use_in(
        &env,
        "greet --chat 77 --var name=S --var order_id=999 --print",
    )
    .status(2)
    .stderr(
        "error: `greet` does not read `order_id`\n\
             hint: did you mean `order`? (--var order=…); nothing was copied\n",
    )
    .run();
}

/// A group tested before its field is printed (`{% if order %}`, `order
/// is defined`) is what a helpdesk's `order.id` is for: it was refused as
/// a group printed as one value.
#[test]
fn a_group_tested_before_its_field_is_printed_is_filled() {
    for guard in ["order is defined", "order"] {
        let reply = format!(
            "[[response]]\nid = \"late\"\ntitle = \"Late\"\ntopic = \"billing\"\n\
             body = \"{{% if {guard} %}}Order {{{{ order.id }}}}{{% endif %}}.\"\n"
        );
        let env = Env::with_library(&[("canned.toml", MANIFEST), ("late.toml", &reply)]);
        use_in(&env, "late --var order.id=5 --print")
            .stdout("Order 5.")
            .run();
    }
}

/// A helpdesk's key in another case (`"Name"`) is named beside the value
/// it misses: it was left out without a word, where `--var Name=` is told.
#[test]
fn a_vars_key_in_another_case_is_named_beside_the_missing_value() {
    let env = env();
    use_in(&env, "greet --vars - --print")
        .stdin("{\"Name\": \"Zoë\", \"order\": \"1245\", \"Agent_Id\": 7}")
        .status(2)
        .stderr(
            "error: missing values for `greet`:\n  \
             name — Customer's first name (e.g. Sarah) — `Name` was given: a typo?\n\
             hint: pass them: --var name=…\n",
        )
        .run();
}

/// Without a chat, `--var order_id=` is named beside the `order` missing,
/// as `ordr` is.
#[test]
fn a_name_spelt_out_is_named_beside_the_value_missing() {
    use_in(&env(), "greet --var name=S --var order_id=999 --print")
        .status(2)
        .stderr(
            "error: missing values for `greet`:\n  \
             order — Order number (e.g. 1245) — `order_id` was given: a typo?\n\
             hint: pass them: --var order=…\n",
        )
        .run();
}

/// A `--vars` file PowerShell 5 wrote (`ConvertTo-Json > vars.json`) is
/// UTF-16 with its byte order mark, and is read (it was "invalid JSON at
/// line 1, column 1"); one that only opens like UTF-16 is refused as such.
#[test]
fn a_utf16_vars_file_is_read() {
    let env = env();
    let json = "{\"name\": \"Zoë\", \"order\": \"1245\"}";
    let bytes = utf16(json);
    use_in(&env, "greet --vars - --print")
        .stdin(&bytes)
        .stdout("Hi Zoë,\n\nyour order #1245 is on its way.\n\n\n— the team")
        .run();
    use_in(&env, "greet --vars - --print")
        .stdin(&bytes[..bytes.len() - 1])
        .stderr("error: --vars -: not UTF-16 text, though it opens with UTF-16's byte order mark\n")
        .status(2)
        .run();
}

/// A name the library declares for another reply (`orders` beside
/// `order`, `customers`, `slang`) is no slip: a script that gives the same
/// values to every reply is not refused. A name declared nowhere, one typo
/// from `lang`, is told `lang` (not a variable one typo from it too).
#[test]
fn a_name_the_library_declares_is_no_slip_of_another() {
    let manifest = format!(
        "{MANIFEST}\n[variables.orders]\ndescription = \"Orders\"\nexample = \"1, 2\"\n\
         [variables.customers]\ndescription = \"Count\"\nexample = \"2\"\n\
         [variables.slang]\ndescription = \"A word\"\nexample = \"mate\"\n\
         [variables.plan]\ndescription = \"Plan\"\nexample = \"Pro\"\n"
    );
    let reply = "[[response]]\nid = \"one\"\ntitle = \"One\"\ntopic = \"billing\"\n\
                 body = \"Order {{ order }}{% if customer_type == 'vip' %} (VIP){% endif %}.\"\n";
    let env = Env::with_library(&[("canned.toml", &manifest), ("one.toml", reply)]);
    use_in(
        &env,
        "one --var order=1 --var orders=1,2 --var customers=5 --var slang=mate --print",
    )
    .stdout("Order 1.")
    .run();
    canned(&env, "chat 41 lan=fr")
        .status(2)
        .stderr(
            "error: `lan` is no value the library reads\n\
             hint: did you mean `lang`? (lang=…); nothing was saved\n",
        )
        .run();
}

/// A value typed for a name the reply does not read, next to one it reads
/// from elsewhere (a default, the chat), would be lost: the reply would
/// carry the other value, not the one typed.
#[test]
fn a_misspelt_var_is_refused_rather_than_the_default_sent() {
    use_("greet --var name=S --var order=1 --var agnet=Bob --print")
        .status(2)
        .stderr(
            "
            error: `greet` does not read `agnet`
            hint: did you mean `agent`? (--var agent=…); nothing was copied
            ",
        )
        .run();
    let env = env();
    canned(&env, "chat 5 name=S order=1").any_stderr().run();
    canned(&env, "use greet --chat 5 --var ordr=2 --print")
        .status(2)
        .stderr(
            "
            error: `greet` does not read `ordr`
            hint: did you mean `order`? (--var order=…); nothing was copied
            ",
        )
        .run();
    // A name no reply reads, far from any, is no bother.
    canned(&env, "use greet --chat 5 --var colour=red --print")
        .stdout(GREET)
        .run();
    // A group given for a value the reply prints is refused as a group.
    use_("nested --var customer.name=S --var ticket.id=3 --var ticket.note=x --print")
        .status(2)
        .stderr(
            "
            error: `ticket` is a group of values (ticket.id, ticket.note), but the reply prints it as one value
            hint: give it one value with --var ticket=…, or print one of them in the reply, such as {{ ticket.id }}
            ",
        )
        .run();
}

/// What the reply prints decides what it needs: a VIP paragraph's value is
/// not asked of a standard customer's reply, nor one the template gives a
/// fallback of its own.
#[test]
fn a_value_the_reply_does_not_print_is_not_asked_for() {
    let text = r#"
[[response]]
id = "late"
title = "Late"
topic = "billing"
body = """Hi {{ name | default(value="there") }}.{% if customer_type == "vip" %} Order {{ order }} is on us.{% endif %}"""
"#;
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("r.toml", text)]);
    canned(&env, "use late --print").stdout("Hi there.").run();
    canned(&env, "use late --var customer_type=vip --print")
        .status(2)
        .stderr(
            "
            error: missing values for `late`:
              order — Order number (e.g. 1245)
            hint: pass them: --var order=…
            ",
        )
        .run();
    canned(
        &env,
        "use late --var customer_type=vip --var order=7 --var name=Al --print",
    )
    .stdout("Hi Al. Order 7 is on us.")
    .run();
}

/// A value a condition tests is asked for: Tera reads a missing one as
/// false, and the reply would take the other branch silently. So is one a
/// fallback needs (`default(value=agent)`).
#[test]
fn a_value_a_condition_tests_is_asked_for() {
    let text = r#"
[[response]]
id = "tested"
title = "Tested"
topic = "billing"
body = """Hi {{ name }},{% if order %} order #{{ order }}{% endif %} thanks."""

[[response]]
id = "fallback"
title = "Fallback"
topic = "billing"
body = """Hi {{ name | default(value=agent) }}."""
"#;
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("r.toml", text)]);
    canned(&env, "use tested --var name=Ann --print")
        .status(2)
        .stderr(
            "
            error: missing values for `tested`:
              order — Order number (e.g. 1245)
            hint: pass them: --var order=…
            ",
        )
        .run();
    canned(&env, "use fallback --print")
        .stdout("Hi the team.")
        .run();
}

/// A value only printed is asked when this text prints it: not the order
/// an inline `if` prints for another customer type. A value a condition
/// names is asked wherever the condition is: two missing values compared
/// together turn it only together, which no trial of one alone can see.
#[test]
fn a_printed_value_is_asked_where_printed_and_a_tested_one_always() {
    let text = r#"
[[response]]
id = "elif"
title = "Elif"
topic = "billing"
body = """{% if customer_type == "vip" %}VIP{% elif order %}Order {{ order }}{% else %}none{% endif %}"""

[[response]]
id = "inline"
title = "Inline"
topic = "billing"
body = """Hi{{ " " ~ order if customer_type == "vip" else "" }}."""

[[response]]
id = "carrier"
title = "Carrier"
topic = "billing"
body = """{% if customer_type == "vip" %}{% if name == "DHL" %}DHL{% else %}other{% endif %}{% endif %}."""
"#;
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("r.toml", text)]);
    canned(&env, "use elif --var customer_type=vip --print")
        .status(2)
        .stderr(
            "
            error: missing values for `elif`:
              order — Order number (e.g. 1245)
            hint: pass them: --var order=…
            ",
        )
        .run();
    canned(&env, "use inline --print").stdout("Hi.").run();
    canned(&env, "use carrier --print")
        .status(2)
        .stderr(
            "
            error: missing values for `carrier`:
              name — Customer's first name (e.g. Sarah)
            hint: pass them: --var name=…
            ",
        )
        .run();
    canned(&env, "use carrier --var customer_type=vip --print")
        .status(2)
        .stderr(
            "
            error: missing values for `carrier`:
              name — Customer's first name (e.g. Sarah)
            hint: pass them: --var name=…
            ",
        )
        .run();
}

#[test]
fn values_come_from_json_on_stdin_with_nested_objects() {
    use_("nested --vars - --print")
        .stdin(r#"{"customer": {"name": "Sarah"}, "ticket": 4821}"#)
        .stdout("Dear Sarah (4821)")
        .run();
}

/// A helpdesk export may name the customer under `customer`: no type, it
/// is said and not used, rather than stopping the reply, even one typo
/// from a type when written as a name (`Ana`, `Ned`: `any`, `new`). A
/// typo of a type is refused, as typed.
#[test]
fn an_exports_customer_that_names_no_type_is_said_and_not_used() {
    for customer in ["Northwind", "Ana", "Ned"] {
        use_("greet --vars - --print")
            .stdin(format!(
                r#"{{"name": "S", "order": "1", "customer": "{customer}"}}"#
            ))
            .stdout(GREET)
            .stderr(&format!(
                "warning: --vars -: `customer` is \"{customer}\", no customer type: not used as one\n"
            ))
            .run();
    }
    use_("greet --vars - --print")
        .stdin(r#"{"name": "S", "order": "1", "customer": "vpi"}"#)
        .status(2)
        .stderr(
            "
            error: customer=vpi: unknown customer type \"vpi\"; expected one of: any, new, vip
            hint: did you mean `vip`?
            ",
        )
        .run();
}

#[test]
fn a_vars_file_that_cannot_be_read_is_named_with_its_flag() {
    use_("greet --vars nowhere.json --print")
        .status(1)
        .stderr("error: --vars nowhere.json: No such file or directory (os error 2)\n")
        .run();
}

/// A number keeps its digits (`49.90`, a 23-digit order), and one that
/// cannot (`1e3`) is refused; a list of objects is a group, refused as one
/// value: its items' notes are not printed.
#[test]
fn json_numbers_are_inserted_as_written_and_lists_of_objects_are_groups() {
    use_("nested --vars - --print")
        .stdin(r#"{"customer": {"name": "Sam"}, "ticket": 12345678901234567890.10}"#)
        .stdout("Dear Sam (12345678901234567890.10)")
        .run();
    use_("nested --vars - --print")
        .stdin(r#"{"customer": {"name": "Sam"}, "ticket": [{"id": 1, "note": "fraud?"}]}"#)
        .status(2)
        .stderr(
            "
            error: `ticket` is a group of values (ticket.0.id, ticket.0.note), but the reply prints it as one value
            hint: give it one value with --var ticket=…: a list's items cannot be printed in a reply
            ",
        )
        .run();
    // An empty list is no value, as null is.
    use_("nested --vars - --print")
        .stdin(r#"{"customer": {"name": []}, "ticket": 1}"#)
        .status(2)
        .any_stderr()
        .run();
    // A number with an exponent cannot be given back as written: refused
    // where the reply reads it, and only there (an export holds many
    // fields), unless a later value stands for it.
    for ticket in ["1e3", "[1.0E2]"] {
        use_("nested --vars - --print")
            .stdin(format!(r#"{{"customer": {{"name": "Sam"}}, "ticket": {ticket}}}"#))
            .status(2)
            .stderr(
                "error: --vars -: `ticket` is a number written with an exponent: write it in digits, or as text in quotes\n",
            )
            .run();
    }
    use_("nested --vars - --print")
        .stdin(r#"{"customer": {"name": "Sam"}, "ticket": 7, "score": 1.5e-7}"#)
        .stdout("Dear Sam (7)")
        .run();
    use_("nested --vars - --var ticket=8 --print")
        .stdin(r#"{"customer": {"name": "Sam"}, "ticket": 1e3}"#)
        .stdout("Dear Sam (8)")
        .run();
}

#[test]
fn a_var_flag_sets_a_nested_value_and_wins_over_the_file() {
    use_("nested --vars ticket.json --var customer.name=Flag --print")
        .file(
            "ticket.json",
            r#"{"customer": {"name": "File"}, "ticket": "1"}"#,
        )
        .stdout("Dear Flag (1)")
        .run();
}

#[test]
fn values_are_inserted_as_text_never_evaluated() {
    use_("greet --var order=1 --print")
        .args(["--var", "name={{ 7*7 }}"])
        .stdout(&GREET.replace("Hi S,", "Hi {{ 7*7 }},"))
        .run();
}

#[test]
fn a_value_failing_its_pattern_is_refused_showing_both() {
    use_("greet --var name=S --var order=12a --print")
        .status(2)
        .stderr(
            r#"
            error: value "12a" for `order` does not match its pattern ^[0-9]+$
            hint: fix the value and try again; nothing was copied
            "#,
        )
        .run();
}

#[test]
fn a_value_longer_than_a_whole_reply_is_refused_naming_it() {
    // A file's contents passed as the customer's name: said of the value,
    // not of the template, which `check` finds nothing wrong with.
    // Exactly the cap passes alone, but not with the reply around it.
    for bytes in [(1 << 20) + 1, 1 << 20] {
        let name = "x".repeat(bytes);
        use_("greet --var order=1 --vars ticket.json --print")
            .file("ticket.json", format!(r#"{{"name": "{name}"}}"#))
            .status(2)
            .stderr(&format!(
                "error: the value for `name` is {bytes} bytes: with the reply around it, more than a whole reply may be (1048576)\n\
                 hint: give the value itself, not a file's contents; nothing was copied\n"
            ))
            .run();
    }
}

#[test]
fn a_long_value_the_reply_does_not_print_is_no_bother() {
    let notes = "x".repeat((1 << 20) + 1);
    use_("greet --var order=1 --vars ticket.json --print")
        .file(
            "ticket.json",
            format!(r#"{{"name": "S", "notes": "{notes}"}}"#),
        )
        .stdout(GREET)
        .run();
}

#[test]
fn a_placeholder_left_in_the_template_blocks_the_copy() {
    use_("sloppy --var name=S --print")
        .status(1)
        .stderr(
            "
            error: the text of `sloppy` still contains `[Name]`: not copied
            hint: the reply's template, or a default in canned.toml, holds it: `canned check` shows where (`canned show sloppy --raw` shows the template)
            ",
        )
        .run();
}

#[test]
fn control_characters_in_values_never_reach_the_output() {
    use_("greet --var order=1 --print")
        .args(["--var", "name=Sa\x1b]52;c;ZXZpbA==\x07rah"])
        .stdout(&GREET.replace("Hi S,", "Hi Sarah,"))
        .run();
}

#[test]
fn a_missing_translation_falls_back_and_says_so() {
    use_("nested --lang fr --var customer.name=S --var ticket=2")
        .arg("--print")
        .stdout("Dear S (2)")
        .stderr("`nested` has no `fr` translation; using `en`\n")
        .run();
}

#[test]
fn the_language_flag_picks_the_translation() {
    use_("greet --lang fr --var name=S --var order=1 --print")
        .stdout("Bonjour S, commande 1.")
        .run();
}

#[test]
fn without_display_or_terminal_nothing_is_copied_and_print_is_suggested() {
    use_("greet --var name=S --var order=1")
        .status(1)
        .stderr(
            "
            error: nothing was copied (no display: DISPLAY and WAYLAND_DISPLAY are unset; osc52: no terminal is attached)
            hint: use --print to write the text to stdout
            ",
        )
        .run();
}

/// A display that cannot be reached is named, with why, rather than as a
/// helper that exited; a method forced outside its session says what is
/// missing, rather than its tool's complaint.
#[test]
fn a_display_that_cannot_be_reached_is_named() {
    let env = env();
    use_in(&env, "greet --var name=S --var order=1")
        .env("DISPLAY", "garbage")
        .status(1)
        .stderr(
            "
            error: nothing was copied (x11: cannot reach the X display `garbage` (DISPLAY): Failed to parse value 'garbage'; osc52: no terminal is attached)
            hint: use --print to write the text to stdout
            ",
        )
        .run();
    // Named as the user set it, though it is read as `:7919`.
    use_in(&env, "greet --var name=S --var order=1")
        .env("DISPLAY", "unix:7919")
        .status(1)
        .stderr(
            "
            error: nothing was copied (x11: cannot reach the X display `unix:7919` (DISPLAY): Connection refused (os error 111); osc52: no terminal is attached)
            hint: use --print to write the text to stdout
            ",
        )
        .run();
    env.write("config/canned/config.toml", "clipboard = \"wayland\"\n");
    use_in(&env, "greet --var name=S --var order=1")
        .status(1)
        .stderr(
            "
            error: nothing was copied (wayland: WAYLAND_DISPLAY is not set)
            hint: use --print to write the text to stdout
            ",
        )
        .run();
}

/// A Wayland session without wl-clipboard says so, rather than only that
/// no terminal is attached for OSC 52.
#[test]
fn a_wayland_session_without_wl_copy_says_so() {
    use_("greet --var name=S --var order=1")
        .env("WAYLAND_DISPLAY", "wayland-1")
        .env("PATH", "/nonexistent")
        .status(1)
        .stderr(
            "
            error: nothing was copied (wayland: wl-copy is not installed (the wl-clipboard package); osc52: no terminal is attached)
            hint: use --print to write the text to stdout
            ",
        )
        .run();
}

/// A render failure is put on the values the agent gave when the reply
/// renders with their examples: one, or several together; never on a
/// declared default, which is the library's.
#[test]
fn a_render_failure_names_the_given_values_that_cause_it() {
    let manifest = "[variables.a]\ndescription = \"a\"\nexample = \"4\"\n\
                    [variables.b]\ndescription = \"b\"\nexample = \"2\"\n\
                    [variables.d]\ndescription = \"d\"\nexample = \"3\"\ndefault = \"x\"\n";
    let replies = "[[response]]\nid = \"two\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"{{ a | int }} {{ b | int }}\"\n\
                   [[response]]\nid = \"dd\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"{{ d | int }}\"\n";
    let env = Env::with_library(&[("canned.toml", manifest), ("r.toml", replies)]);
    let said =
        |args: &str, status: i32| use_in(&env, args).status(status).any_stderr().run().stderr;
    let one = said("two --var a=x --var b=2 --print", 2);
    assert!(
        one.starts_with("error: `two` does not render with the value given for `a`: "),
        "{one}"
    );
    let both = said("two --var a=x --var b=y --print", 2);
    assert!(
        both.starts_with("error: `two` does not render with the values given for `a`, `b`: "),
        "{both}"
    );
    let default = said("dd --print", 1);
    assert!(
        default.ends_with("hint: run `canned check` to see where\n"),
        "{default}"
    );
}

/// The copy is confirmed with wl-paste: without it, no copy is made that
/// would then be called none.
#[cfg(unix)]
#[test]
fn a_wayland_session_without_wl_paste_makes_no_copy() {
    use std::os::unix::fs::PermissionsExt;
    let env = env();
    let copied = env.path().join("copied");
    env.write(
        "bin/wl-copy",
        format!("#!/bin/sh\ntouch '{}'\n", copied.display()),
    );
    let script = env.path().join("bin/wl-copy");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    use_in(&env, "greet --var name=S --var order=1")
        .env("WAYLAND_DISPLAY", "wayland-1")
        .env("PATH", env.path().join("bin"))
        .status(1)
        .stderr(
            "
            error: nothing was copied (wayland: wl-paste is not installed (the wl-clipboard package); osc52: no terminal is attached)
            hint: use --print to write the text to stdout
            ",
        )
        .run();
    assert!(!copied.exists());
}

#[test]
fn osc52_goes_to_the_terminal_when_there_is_no_display() {
    let env = env();
    let pty = Pty::start(
        &env,
        &shell_command("use greet --var name=Sarah --var order=1"),
        &[("CANNED_AGENT", "Al"), ("NO_COLOR", "1")],
    );
    let (status, screen) = pty.finish();
    assert!(status.success(), "{screen}");
    // base64 of "Hi Sarah,\n\nyour order #1 is on its way.\n\n\n— Al"
    assert_eq!(
        screen,
        "\x1b]52;c;SGkgU2FyYWgsCgp5b3VyIG9yZGVyICMxIGlzIG9uIGl0cyB3YXkuCgoK4oCUIEFs\x07\
         sent greet (en, 46 characters) to the terminal via osc52 (the terminal cannot confirm it copied)\n"
    );
}

/// A reply whose conditions leave nothing for this customer is not
/// copied: it would empty the clipboard of what the agent had on it.
#[test]
fn an_empty_reply_is_neither_copied_nor_printed() {
    let reply = "[[response]]\nid = \"vip-only\"\ntitle = \"V\"\ntopic = \"billing\"\n\
                 body = \"{% if customer_type == 'vip' %}Priority.{% endif %}\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("v.toml", reply)]);
    use_in(&env, "vip-only")
        .status(1)
        .stderr(
            "
            error: the text of `vip-only` (en) is empty with these values: nothing was copied
            hint: its conditions leave nothing for this customer: `canned show vip-only --raw` shows them
            ",
        )
        .run();
    // Printed, a script would send it: refused as well.
    use_in(&env, "vip-only --print")
        .status(1)
        .stderr(
            "
            error: the text of `vip-only` (en) is empty with these values: nothing was printed
            hint: its conditions leave nothing for this customer: `canned show vip-only --raw` shows them
            ",
        )
        .run();
    use_in(&env, "vip-only --print --var customer=vip")
        .stdout("Priority.")
        .run();
}

/// One character is said in the singular.
#[test]
fn a_reply_of_one_character_is_said_so() {
    let reply = "[[response]]\nid = \"ok\"\ntitle = \"OK\"\ntopic = \"billing\"\nbody = \"k\"\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("ok.toml", reply)]);
    let pty = Pty::start(&env, &shell_command("use ok"), &[("NO_COLOR", "1")]);
    let (status, screen) = pty.finish();
    assert!(status.success(), "{screen}");
    assert!(
        screen.ends_with("sent ok (en, 1 character) to the terminal via osc52 (the terminal cannot confirm it copied)\n"),
        "{screen}"
    );
}

/// `clipboard = "tmux"` outside tmux copies nothing: tmux's buffer there
/// is whichever session's runs, never this terminal's.
#[test]
fn tmux_is_no_clipboard_outside_tmux() {
    let env = env();
    env.write("config/canned/config.toml", "clipboard = \"tmux\"\n");
    env.test()
        .library(&[])
        .args(["use", "greet", "--var", "name=Sarah", "--var", "order=1"])
        .status(1)
        .stderr(
            "error: nothing was copied (tmux: not inside tmux (TMUX is unset): no tmux buffer is this terminal's)\n\
             hint: use --print to write the text to stdout\n",
        )
        .run();
}

/// `canned use greet` as if inside a tmux whose server is gone.
fn use_in_a_gone_tmux(env: &Env) -> Test<'_> {
    env.test()
        .library(&[])
        .args(["use", "greet", "--var", "name=Sarah", "--var", "order=1"])
        .env(
            "TMUX",
            env.path().join("no-server").display().to_string() + ",1,0",
        )
        .status(1)
}

/// A `TMUX` with no tmux to run is said, not passed over in silence.
#[test]
fn inside_tmux_without_tmux_is_said() {
    let env = env();
    use_in_a_gone_tmux(&env)
        .env("PATH", env.path())
        .stderr(
            "error: nothing was copied (no display: DISPLAY and WAYLAND_DISPLAY are unset; tmux: TMUX is set, but tmux is not on PATH; osc52: no terminal is attached)\n\
             hint: use --print to write the text to stdout\n",
        )
        .run();
}

/// When tmux cannot take the text, what tmux said is the reason (no
/// server running), not the pipe it broke by leaving.
#[test]
#[ignore = "needs tmux: run scripts/test"]
fn inside_tmux_what_tmux_said_is_the_reason() {
    let env = env();
    use_in_a_gone_tmux(&env)
        .stderr(
            "error: nothing was copied (no display: DISPLAY and WAYLAND_DISPLAY are unset; tmux: tmux load-buffer failed: error connecting to [TMP]/no-server (No such file or directory); osc52: no terminal is attached)\n\
             hint: use --print to write the text to stdout\n",
        )
        .run();
}

#[test]
fn chat_memory_fills_values_and_the_ticket() {
    let env = env();
    canned(&env, "chat 4821 customer.name=Sarah")
        .stderr("chat 4821: remembered customer.name\n")
        .run();
    use_in(&env, "nested --chat 4821 --print")
        .stdout("Dear Sarah (4821)")
        .run();
    canned(&env, "chat")
        .stdout("4821  forgotten in 24h00  customer.name=Sarah\n")
        .run();
    canned(&env, "chat --close 4821")
        .stderr("forgot chat 4821\n")
        .run();
    use_in(&env, "nested --chat 4821 --print")
        .status(2)
        .stderr(
            "
            error: missing values for `nested`:
              customer.name — Name from the ticket (e.g. Sam)
            hint: pass them: --var customer.name=…, or remember them for the chat: canned chat 4821 customer.name=…
            ",
        )
        .run();
    canned(&env, "chat").stderr("no open chats\n").run();
}

#[test]
fn values_given_for_a_chat_are_remembered_for_the_next_reply() {
    let env = env();
    use_in(&env, "greet --chat 77 --var name=S --var order=1 --print")
        .stdout(GREET)
        .run();
    use_in(&env, "greet --chat 77 --print").stdout(GREET).run();
}

#[test]
fn chats_are_forgotten_after_a_day() {
    let env = env();
    canned(&env, "chat 5 name=Sarah")
        .env("CANNED_NOW", "1000000")
        .stderr("chat 5: remembered name\n")
        .run();
    canned(&env, "chat 5")
        .env("CANNED_NOW", (1_000_000 + 24 * 3600 - 1).to_string())
        .stdout("name=Sarah\n")
        .run();
    canned(&env, "chat 5")
        .env("CANNED_NOW", (1_000_000 + 24 * 3600).to_string())
        .stderr("no open chat 5\n")
        .run();
}

#[test]
fn a_chat_id_cannot_escape_the_state_directory() {
    canned(&env(), "chat ../../x name=S")
        .status(2)
        .stderr(
            "
            error: invalid value '../../x' for '[ID]': `../../x` is not a chat id; expected letters, digits, `.`, `_` and `-`, not starting with `.` (at most 64), usually the ticket id

            For more information, try '--help'.
            ",
        )
        .run();
    // Quoted back on one line, what cannot be seen shown by its code
    // (`48\r21` was called "`4821` is not a chat id").
    canned(&env(), "chat")
        .arg("48\r21")
        .status(2)
        .stderr(
            "
            error: invalid value '48\\u{d}21' for '[ID]': `48\\u{d}21` is not a chat id; expected letters, digits, `.`, `_` and `-`, not starting with `.` (at most 64), usually the ticket id

            For more information, try '--help'.
            ",
        )
        .run();
    canned(&env(), "show")
        .arg("greet\nx")
        .status(1)
        .stderr("error: no response with id or shortcut `greet⏎x`\nhint: did you mean `greet`?\n")
        .run();
    canned(&env(), "chat")
        .arg("48\n21")
        .status(2)
        .stderr(
            "
            error: invalid value '48⏎21' for '[ID]': `48⏎21` is not a chat id; expected letters, digits, `.`, `_` and `-`, not starting with `.` (at most 64), usually the ticket id

            For more information, try '--help'.
            ",
        )
        .run();
}

#[cfg(unix)]
#[test]
fn chat_files_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let env = env();
    canned(&env, "chat 9 name=S")
        .stderr("chat 9: remembered name\n")
        .run();
    let mode = |p: &str| {
        std::fs::metadata(env.path().join(p))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("state/canned/chats"), 0o700);
    assert_eq!(mode("state/canned/chats/9.json"), 0o600);
}

/// The questions `use` asks on a terminal for `greet`'s two values.
const NAME_PROMPT: &str = "name — Customer's first name (e.g. Sarah): ";
const ORDER_PROMPT: &str = "order — Order number (e.g. 1245): ";

#[test]
fn a_prompt_asks_for_missing_values_and_the_chat_remembers_them() {
    let env = env();
    let command = shell_command("use greet --chat 31 --print");
    let mut pty = Pty::start(&env, &command, &[("NO_COLOR", "1")]);
    let (name, order) = (NAME_PROMPT, ORDER_PROMPT);
    pty.expect(name);
    pty.send("Sarah\n");
    pty.expect(order);
    pty.send("12x\n");
    pty.expect("refused: \"12x\" does not match ^[0-9]+$\n");
    pty.expect(order);
    pty.send("1245\n");
    let (status, screen) = pty.finish();
    assert!(status.success(), "{screen}");
    assert_eq!(
        screen,
        format!(
            "greet — Greeting\n\
             {name}Sarah\n\
             {order}12x\n\
             refused: \"12x\" does not match ^[0-9]+$\n\
             {order}1245\n\
             Hi Sarah,\n\nyour order #1245 is on its way.\n\n\n— the team\n"
        )
    );
    // On a terminal the text ends with a line break, unlike in a pipe.
    // Asked once, remembered for the chat: no question the second time.
    let (status, screen) = Pty::start(&env, &command, &[("NO_COLOR", "1")]).finish();
    assert!(status.success(), "{screen}");
    assert_eq!(
        screen,
        "Hi Sarah,\n\nyour order #1245 is on its way.\n\n\n— the team\n"
    );
}

/// A paste of two lines answers no question: its first line would be
/// this answer and the rest the start of the next ("Ann€5" for the amount).
#[test]
fn a_pasted_line_break_answers_no_question() {
    let env = env();
    let command = shell_command("use greet --print");
    let mut pty = Pty::start(&env, &command, &[("NO_COLOR", "1")]);
    let (name, order) = (NAME_PROMPT, ORDER_PROMPT);
    let refused =
        "refused: a paste that holds a line break (\"Mary⏎Ann\"): paste or type one line\n";
    pty.expect(name);
    pty.send("Mary\nAnn");
    pty.expect(refused);
    pty.expect(name);
    pty.send("Mary\n");
    pty.expect(order);
    pty.send("1245\n");
    let (status, screen) = pty.finish();
    assert!(status.success(), "{screen}");
    assert_eq!(
        screen,
        format!(
            "greet — Greeting\n\
             {name}Mary\nAnn\n{refused}\
             {name}Mary\n\
             {order}1245\n\
             Hi Mary,\n\nyour order #1245 is on its way.\n\n\n— the team\n"
        )
    );
}

/// Ctrl-D at a prompt gives up: the error names what is still missing, not
/// the values typed before it.
#[test]
fn giving_up_at_a_prompt_names_only_what_is_still_missing() {
    let env = env();
    let command = shell_command("use greet --print");
    let mut pty = Pty::start(&env, &command, &[("NO_COLOR", "1")]);
    let (name, order) = (NAME_PROMPT, ORDER_PROMPT);
    pty.expect(name);
    pty.send("Sarah\n");
    pty.expect(order);
    pty.send("\x04");
    let (status, screen) = pty.finish();
    assert_eq!(status.code(), Some(2), "{screen}");
    assert!(
        screen.ends_with(
            "error: missing values for `greet`:\n  order — Order number (e.g. 1245)\n\
             hint: pass them: --var order=…\n"
        ),
        "{screen}"
    );
}

/// What an answer makes the text read is asked next: `name` typed `DHL`
/// takes the branch that prints the order.
#[test]
fn the_prompt_asks_what_an_answer_makes_the_text_read() {
    let text = r#"
[[response]]
id = "ship"
title = "Ship"
topic = "billing"
body = """Hello.{% if name == "DHL" %} Track {{ order }}.{% endif %}"""
"#;
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("r.toml", text)]);
    let command = shell_command("use ship --print");
    let mut pty = Pty::start(&env, &command, &[("NO_COLOR", "1")]);
    let (name, order) = (NAME_PROMPT, ORDER_PROMPT);
    pty.expect(name);
    pty.send("DHL\n");
    pty.expect(order);
    pty.send("77\n");
    let (status, screen) = pty.finish();
    assert!(status.success(), "{screen}");
    assert_eq!(
        screen,
        format!("ship — Ship\n{name}DHL\n{order}77\nHello. Track 77.\n")
    );
}

/// Without a terminal, every value that may be read is named at once:
/// each asked one set to its example shows what it makes read; a value
/// compared with another value or looped over is read.
#[test]
fn every_value_that_may_be_read_is_named_at_once() {
    let text = r#"
[[response]]
id = "ship"
title = "Ship"
topic = "billing"
body = """Hello.{% if order == "1245" %} Track {{ name }}.{% endif %}"""

[[response]]
id = "same"
title = "Same"
topic = "billing"
body = """Hello.{% for c in ["1245", "7"] %}{% if c == order %} {{ c }}{% endif %}{% endfor %}{% if name == agent %} me{% endif %}"""
"#;
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("r.toml", text)]);
    canned(&env, "use ship --print")
        .status(2)
        .stderr(
            "
            error: missing values for `ship`:
              order — Order number (e.g. 1245)
              name — Customer's first name (e.g. Sarah)
            hint: pass them: --var order=… --var name=…
            ",
        )
        .run();
    canned(&env, "use same --print")
        .status(2)
        .stderr(
            "
            error: missing values for `same`:
              order — Order number (e.g. 1245)
              name — Customer's first name (e.g. Sarah)
            hint: pass them: --var order=… --var name=…
            ",
        )
        .run();
}

#[test]
fn each_use_appends_a_line_to_the_usage_log() {
    let env = env();
    for _ in 0..2 {
        use_in(&env, "greet --lang fr --var name=S --var order=1 --print")
            .stdout("Bonjour S, commande 1.")
            .run();
    }
    assert_eq!(
        env.read("data/canned/usage.log"),
        "1795521600\tgreet\tfr\n".repeat(2)
    );
}

#[test]
fn two_processes_using_at_once_lose_no_usage_line() {
    let env = env();
    std::thread::scope(|threads| {
        for _ in 0..2 {
            threads.spawn(|| {
                for _ in 0..200 {
                    use_in(&env, "greet --var name=S --var order=1 --print")
                        .stdout(GREET)
                        .run();
                }
            });
        }
    });
    assert_eq!(env.read("data/canned/usage.log"), USED_GREET.repeat(400));
}

#[test]
fn picker_options_before_a_command_are_refused_not_dropped() {
    canned(&env(), "--chat 4821 use greet --print")
        .status(2)
        .stderr(
            "
            error: --chat, --var, filters and a query before a command only apply to the picker; put them after the command
            ",
        )
        .run();
}

#[test]
fn use_finds_the_response_file_through_the_cache_from_any_directory() {
    let env = env();
    std::fs::rename(env.library(), env.path().join("responses")).unwrap();
    std::fs::create_dir_all(env.path().join("sub")).unwrap();
    env.test()
        .args(["find", "greeting"])
        .stdout("greet  hi  • normal    billing  any  en  Greeting\n")
        .run();
    env.test()
        .current_dir("sub")
        .args("use greet --var name=S --var order=1 --print".split_whitespace())
        .stdout(GREET)
        .run();
}

#[test]
fn a_group_of_values_is_never_printed_where_the_reply_prints_one() {
    let env = env();
    // The chat's `ticket` is one value; the helpdesk export's `ticket` is a
    // group, internal note included. The later source decides: a group.
    env.write(
        "ticket.json",
        r#"{"customer": {"name": "Sam"}, "ticket": {"id": 4821, "note": "refund refused twice"}}"#,
    );
    use_in(&env, "nested --chat 4821 --vars ticket.json --print")
        .status(2)
        .stderr(
            "
            error: `ticket` is a group of values (ticket.id, ticket.note), but the reply prints it as one value
            hint: give it one value with --var ticket=…, or print one of them in the reply, such as {{ ticket.id }}
            ",
        )
        .run();
    // One value given after the group wins, and only it is printed.
    use_in(
        &env,
        "nested --chat 4821 --vars ticket.json --var ticket=4821 --print",
    )
    .stdout("Dear Sam (4821)")
    .run();
}

/// A fallback prints what it is given: a group read through `default`
/// (`{{ ticket | default(value="on its way") }}`, never asked for) is
/// refused as where it is printed bare, and without it the fallback
/// stands.
#[test]
fn a_group_printed_through_a_fallback_is_refused_too() {
    let env = Env::with_library(&[
        (
            "canned.toml",
            "[variables.ticket]\ndescription = \"Ticket\"\nexample = \"4821\"\n",
        ),
        (
            "a.toml",
            "[[response]]\nid = \"ref\"\ntitle = \"R\"\ntopic = \"t\"\nbody = '''Ref: {{ ticket | default(value=\"on its way\") }}.'''\n",
        ),
    ]);
    env.write(
        "g.json",
        r#"{"ticket": {"id": 4821, "note": "chargeback risk, do not refund"}}"#,
    );
    use_in(&env, "ref --vars g.json --print")
        .status(2)
        .stderr(
            "
            error: `ticket` is a group of values (ticket.id, ticket.note), but the reply prints it as one value
            hint: give it one value with --var ticket=…, or print one of them in the reply, such as {{ ticket.id }}
            ",
        )
        .run();
    use_in(&env, "ref --print").stdout("Ref: on its way.").run();
}

/// A group given where the reply reads one value through a filter (a
/// helpdesk's list of objects for `items | split(…)`) is said as a group,
/// exit 2, not as the template engine's type error sending the agent to
/// `check`, which finds nothing wrong.
#[test]
fn a_group_given_where_the_reply_reads_one_value_is_said_as_a_group() {
    let env = Env::with_library(&[
        (
            "canned.toml",
            "[variables.items]\ndescription = \"Items, comma separated\"\nexample = \"mug, towel\"\n",
        ),
        (
            "a.toml",
            "[[response]]\nid = \"list\"\ntitle = \"L\"\ntopic = \"t\"\nbody = '''{% for i in items | split(pat=\", \") %}- {{ i }}\n{% endfor %}'''\n",
        ),
    ]);
    env.write(
        "g.json",
        r#"{"items": [{"name": "mug", "note": "secret"}]}"#,
    );
    use_in(&env, "list --vars g.json --print")
        .status(2)
        .stderr(
            "
            error: `items` is a group of values (items.0.name, items.0.note), but the reply prints it as one value
            hint: give it one value with --var items=…: a list's items cannot be printed in a reply
            ",
        )
        .run();
}

#[test]
fn a_query_that_only_partly_matches_is_never_used_without_a_terminal() {
    use_("refund zzzq --var name=S --print")
        .status(1)
        .stderr(
            "
            error: no response has every word of `refund zzzq`; the closest: refund-late
            hint: name the one you mean: canned use refund-late
            ",
        )
        .run();
}

#[test]
fn an_expired_response_used_by_its_id_is_sent_with_a_warning() {
    let expired = response("old").replace(
        "topic = \"billing\"\n",
        "topic = \"billing\"\nexpires = 2026-01-31\n",
    );
    Test::new()
        .library(&[("canned.toml", MANIFEST), ("a.toml", &expired)])
        .args(["use", "old", "--var", "name=S", "--print"])
        .stdout("Hi S\n— the team")
        .stderr(
            "warning: `old` expired on 2026-01-31: agents no longer see it; check it still holds before sending\n",
        )
        .run();
}

#[test]
fn a_library_named_as_a_file_is_a_usage_error_that_says_so() {
    Test::new()
        .file("lib/canned.toml", MANIFEST)
        .args(["--library", "lib/canned.toml", "list"])
        .status(2)
        .stderr(
            "
            error: `lib/canned.toml` (from --library) is a file; a library is a directory
            hint: name the directory that holds the response files, such as `lib`
            ",
        )
        .run();
}

#[cfg(unix)]
#[test]
fn a_reply_printed_to_nowhere_is_not_counted_as_used() {
    let env = env();
    // `--print >&-`: the runtime puts /dev/null where stdout was.
    let status = env
        .canned_process()
        .args([
            "--library",
            "lib",
            "use",
            "greet",
            "--var",
            "name=S",
            "--var",
            "order=1",
            "--print",
        ])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert!(!env.path().join("data/canned/usage.log").exists());
    use_in(&env, "greet --var name=S --var order=1 --print")
        .stdout(GREET)
        .run();
    assert_eq!(env.read("data/canned/usage.log"), USED_GREET);
}

/// A typed value is cleaned as a `--var` is, before its pattern is asked:
/// a stray control character typed is no part of it.
#[test]
fn a_typed_value_is_cleaned_before_its_pattern_is_asked() {
    let env = env();
    let command = shell_command("use greet --print --var name=Sam");
    let mut pty = Pty::start(&env, &command, &[("NO_COLOR", "1")]);
    pty.expect(ORDER_PROMPT);
    pty.send("12\u{7}45\n");
    let (status, screen) = pty.finish();
    assert!(status.success(), "{screen}");
    assert!(
        screen.contains("your order #1245 is on its way."),
        "{screen}"
    );
    assert!(!screen.contains("refused"), "{screen}");
}
