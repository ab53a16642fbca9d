//! A chat remembers its customer: the language replies go out in and the
//! customer type, in fields of their own beside the values, set with
//! `canned chat ID lang=… customer=…`, checked, shown, and used by `use`.

use crate::support::{Env, MANIFEST, Test};

/// A reply in English and French with a VIP paragraph, and a partial that
/// also asks for the customer type.
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
urgency = "high"
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

fn canned<'a>(env: &'a Env, args: &str) -> Test<'a> {
    env.test().library(&[]).args(args.split_whitespace())
}

#[test]
fn a_chat_prints_its_values_quoted_so_that_a_shell_sets_them_again() {
    let env = env();
    env.test()
        .library(&[])
        .args(["chat", "1", "name=Mary Ann", "note=it's fine", "order=1245"])
        .args(["line=a\nb=c"])
        .any_stderr()
        .run();
    let printed = "line=$'a\\nb=c'\nname='Mary Ann'\nnote='it'\\''s fine'\norder=1245\n";
    canned(&env, "chat 1").stdout(printed).run();
    // What it prints, given back through a shell, is the same chat.
    let bin = crate::support::canned_bin();
    let again = format!(
        "eval \"'{}'\" --library lib chat 2 $('{}' --library lib chat 1)",
        bin.display(),
        bin.display()
    );
    let status = env.command("bash").args(["-c", &again]).status().unwrap();
    assert!(status.success());
    canned(&env, "chat 2").stdout(printed).run();
}

#[test]
fn a_chat_remembers_its_customers_language_and_type_beside_its_values() {
    let env = env();
    canned(
        &env,
        "chat 4821 lang=fr customer=vip customer.name=Sarah name=Sarah",
    )
    .stderr("chat 4821: remembered lang, customer, customer.name, name\n")
    .run();
    canned(&env, "chat 4821")
        .stdout("lang=fr\ncustomer=vip\ncustomer.name=Sarah\nname=Sarah\n")
        .run();
    canned(&env, "chat")
        .stdout(
            "4821  forgotten in 24h00  lang=fr  customer=vip  customer.name=Sarah  name=Sarah\n",
        )
        .run();
    // Fields of their own: `customer` never collides with `customer.name`.
    let file = env.read("state/canned/chats/4821.json");
    let json: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(json["lang"], "fr");
    assert_eq!(json["customer"], "vip");
    assert_eq!(
        json["values"],
        serde_json::json!({"customer.name": "Sarah", "name": "Sarah"})
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = env.path().join("state/canned/chats/4821.json");
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Set again, a field is replaced and the rest kept.
    canned(&env, "chat 4821 customer=any")
        .stderr("chat 4821: remembered customer\n")
        .run();
    canned(&env, "chat 4821")
        .stdout("lang=fr\ncustomer=any\ncustomer.name=Sarah\nname=Sarah\n")
        .run();
}

#[test]
fn a_chats_language_and_type_are_checked_and_nothing_is_saved_when_one_is_wrong() {
    let env = env();
    canned(&env, "chat 4821 name=Sarah customer=vpi")
        .status(2)
        .stderr(
            "
            error: customer=vpi: unknown customer type \"vpi\"; expected one of: any, new, vip
            hint: did you mean `vip`?
            ",
        )
        .run();
    // A value its pattern refuses would be refused at every use of the
    // chat, far from where it was given.
    canned(&env, "chat 4821 name=Sarah order=abc")
        .status(2)
        .stderr(
            "
            error: value \"abc\" for `order` does not match its pattern ^[0-9]+$
            hint: nothing was saved
            ",
        )
        .run();
    canned(&env, "chat 4821 lang=french name=Sarah")
        .status(2)
        .stderr(
            "
            error: lang=french: `french` is not a language tag; expected a tag such as \"en\" or \"fr\"
            ",
        )
        .run();
    canned(&env, "chat 4821 customer=a/b")
        .status(2)
        .stderr(
            "
            error: customer=a/b: `a/b` is not a customer type; expected a word such as \"vip\", or \"any\"
            ",
        )
        .run();
    canned(&env, "chat").stderr("no open chats\n").run();
    // The template's name for it works too.
    canned(&env, "chat 4821 customer_type=new")
        .stderr("chat 4821: remembered customer\n")
        .run();
    canned(&env, "chat 4821").stdout("customer=new\n").run();
}

/// A language no reply is written in is kept (a translation may come),
/// but said when it is set: every reply of the chat would fall back.
#[test]
fn a_chat_language_no_reply_is_written_in_is_said_when_set() {
    let env = env();
    canned(&env, "chat 4821 lang=de")
        .stderr(
            "
            warning: no reply is written in `de` (the library's languages: en, fr): the chat's replies fall back to their own
            chat 4821: remembered lang
            ",
        )
        .run();
    // A region of a language the library has is that language.
    canned(&env, "chat 4821 lang=fr-CA")
        .stderr("chat 4821: remembered lang\n")
        .run();
}

#[test]
fn use_answers_in_the_chats_language_unless_lang_is_given() {
    let env = env();
    canned(&env, "chat 4821 lang=fr name=Sarah")
        .any_stderr()
        .run();
    canned(&env, "use late --chat 4821 --print")
        .stdout("Bonjour Sarah,\ndésolé.")
        .run();
    canned(&env, "use late --chat 4821 --lang en --print")
        .stdout("Hi Sarah,\nsorry.\n— the team")
        .run();
    // Without the chat, the library's default language.
    canned(&env, "use late --var name=Sarah --print")
        .stdout("Hi Sarah,\nsorry.\n— the team")
        .run();
}

/// `lang=` and `customer=` given to `use` are what `canned chat` takes
/// them for: the language the reply is written in and the chat's customer
/// type, remembered as such, never as values standing for the built-ins
/// in every later reply.
#[test]
fn a_language_and_type_given_to_use_are_the_chats_own() {
    let env = env();
    canned(
        &env,
        "use late --chat 9003 --var name=Zoe --var lang=fr --var customer=vip --print",
    )
    .stdout("Bonjour Zoe,\nun bon d'achat arrive.")
    .run();
    canned(&env, "chat 9003")
        .stdout("lang=fr\ncustomer=vip\nname=Zoe\n")
        .run();
    canned(&env, "use late --chat 9003 --lang en --print")
        .stdout("Hi Zoe,\na voucher is on its way.\n— the team")
        .run();
}

/// A customer type typed in another case is the library's own spelling,
/// which the reply's branches compare with, from a flag as from a chat.
#[test]
fn a_customer_type_in_capitals_picks_the_branch_its_spelling_names() {
    let env = env();
    for given in ["customer_type=VIP", "customer=Vip"] {
        canned(
            &env,
            &format!("use late --var name=Zoe --var {given} --print"),
        )
        .stdout("Hi Zoe,\na voucher is on its way.\n— the team")
        .run();
    }
}

/// A library declaring `variable`, and the reply `vip-hello`, which says
/// "Dear" to a VIP and "Hi" to anyone else, then prints `variable`.
fn vip_hello(variable: &str, description: &str) -> Env {
    let manifest = format!("{MANIFEST}\n[variables.{variable}]\ndescription = \"{description}\"\n");
    let reply = format!(
        "[[response]]\nid = \"vip-hello\"\ntitle = \"Hello\"\ntopic = \"billing\"\n\
         body = \"{{% if customer_type == \\\"vip\\\" %}}Dear{{% else %}}Hi{{% endif %}} {{{{ {variable} }}}}\"\n"
    );
    Env::with_library(&[("canned.toml", &manifest), ("replies.toml", &reply)])
}

/// `customer=` is the customer type beside a `customer.*` group of values,
/// given before it or after it: neither drops the other.
#[test]
fn the_customer_type_and_a_customer_group_are_given_together() {
    let env = vip_hello("customer.name", "The customer's name");
    env.write("type.json", r#"{"customer": "VIP"}"#);
    env.write(
        "both.json",
        r#"{"customer": "vip", "customer.name": "Sam"}"#,
    );
    env.write("group.json", r#"{"customer": {"name": "Sam"}}"#);
    for vars in [
        "--var customer=vip --var customer.name=Sam",
        "--var customer.name=Sam --var customer=vip",
        "--vars type.json --var customer.name=Sam",
        "--vars both.json",
        "--vars group.json --var customer=vip",
    ] {
        canned(&env, &format!("use vip-hello {vars} --print"))
            .stdout("Dear Sam")
            .run();
    }
}

/// A library that declares a variable `customer` keeps `customer=` as its
/// value, and a chat remembers it as such beside the type.
#[test]
fn a_declared_customer_variable_is_remembered_as_a_value() {
    let env = vip_hello("customer", "The customer's company");
    canned(
        &env,
        "use vip-hello --var customer=Acme --var customer_type=VIP --chat 5 --print",
    )
    .stdout("Dear Acme")
    .run();
    canned(&env, "use vip-hello --chat 5 --print")
        .stdout("Dear Acme")
        .run();
    // Listed so that it sets the same chat again: the type by its own name.
    canned(&env, "chat 5")
        .stdout("customer_type=vip\ncustomer=Acme\n")
        .run();
    canned(&env, "chat 6 customer_type=vip customer=Beta")
        .stderr("chat 6: remembered customer_type, customer\n")
        .run();
    canned(&env, "use vip-hello --chat 6 --print")
        .stdout("Dear Beta")
        .run();
    // A type alone goes by that name too: fed back, it is the type again.
    canned(&env, "chat 7 customer_type=vip")
        .stderr("chat 7: remembered customer_type\n")
        .run();
    canned(&env, "chat 7").stdout("customer_type=vip\n").run();
}

/// `name=` forgets one value (kept empty, it would hide the variable's
/// default, and `use` refuses it), and the later of a value and the group
/// of fields below it decides, as for values given to `use`.
#[test]
fn a_chat_forgets_a_value_given_empty_and_the_later_of_a_value_and_its_group_wins() {
    let env = env();
    canned(&env, "chat 78 name=S order=1 customer.name.first=Sa")
        .stderr("chat 78: remembered customer.name.first, name, order\n")
        .run();
    canned(&env, "chat 78 customer.name=Sarah order=")
        .stderr("chat 78: remembered customer.name; forgot order\n")
        .run();
    canned(&env, "chat 78")
        .stdout("customer.name=Sarah\nname=S\n")
        .run();
    // A value the chat does not hold is said so, not "forgotten".
    canned(&env, "chat 78 nothere= name=")
        .stderr("chat 78: forgot name; had no nothere to forget\n")
        .run();
}

/// `lang=` and `customer=` forget the chat's language and type, as
/// `name=` forgets a value.
#[test]
fn a_chat_forgets_its_language_and_type_given_empty() {
    let env = env();
    canned(&env, "chat 79 lang=fr customer=vip name=S")
        .stderr("chat 79: remembered lang, customer, name\n")
        .run();
    canned(&env, "chat 79 lang=")
        .stderr("chat 79: forgot lang\n")
        .run();
    canned(&env, "chat 79")
        .stdout("customer=vip\nname=S\n")
        .run();
    canned(&env, "chat 79 customer= lang=")
        .stderr("chat 79: forgot customer; had no lang to forget\n")
        .run();
    canned(&env, "chat 79").stdout("name=S\n").run();
    // A chat that remembers nothing is no open chat, however it came to be.
    canned(&env, "chat 79 name=")
        .stderr("chat 79: forgot name\n")
        .run();
    canned(&env, "chat 79").stderr("no open chat 79\n").run();
    canned(&env, "chat").stderr("no open chats\n").run();
    canned(&env, "chat --close 79")
        .stderr("no open chat 79\n")
        .run();
}

/// `customer=` and `lang=` given to `use` are checked as `canned chat`
/// checks them: a typo is refused (exit 2, with a did-you-mean), never a
/// reply sent from the wrong branch or in the wrong language.
#[test]
fn a_language_or_type_given_to_use_is_checked() {
    let env = env();
    canned(&env, "use late --var name=Zoe --var customer=vpi --print")
        .status(2)
        .stderr(
            "
            error: customer=vpi: unknown customer type \"vpi\"; expected one of: any, new, vip
            hint: did you mean `vip`?
            ",
        )
        .run();
    canned(&env, "use late --var name=Zoe --var lang=12 --print")
        .status(2)
        .stderr(
            "error: lang=12: `12` is not a language tag; expected a tag such as \"en\" or \"fr\"\n",
        )
        .run();
}

/// A language the agent types is taken in any case, as a customer type
/// is: `FR`, `lang=Fr` and `l:FR` are French (BCP 47 tags are the same in
/// any case), and a chat remembers the tag as tags are written.
#[test]
fn a_language_typed_in_capitals_is_french() {
    let env = env();
    let french = "Bonjour Zoe,\ndésolé.";
    canned(&env, "use late --var name=Zoe --lang FR --print")
        .stdout(french)
        .run();
    canned(
        &env,
        "use late --var name=Zoe --var customer=VIP --var lang=Fr --print",
    )
    .stdout("Bonjour Zoe,\nun bon d'achat arrive.")
    .run();
    canned(&env, "chat 7 lang=FR").any_stderr().run();
    canned(&env, "chat 7").stdout("lang=fr\n").run();
}

/// A language no reply is written in, given to `use --chat` as `canned
/// chat` takes it, is said when the chat keeps it, as there: every later
/// reply of the chat falls back.
#[test]
fn a_language_no_reply_is_written_in_is_said_when_use_keeps_it() {
    let env = env();
    canned(&env, "use late --chat 8 --var name=Zoe --var lang=de --print")
        .stdout("Hi Zoe,\nsorry.\n— the team")
        .stderr(
            "
            `late` has no `de` translation; using `en`
            warning: no reply is written in `de` (the library's languages: en, fr): the chat's replies fall back to their own
            ",
        )
        .run();
    canned(&env, "chat 8").stdout("lang=de\nname=Zoe\n").run();
}

/// `customer` and `customer_type` are one field, the customer's type, and
/// `lang` one: two values for either from one source are refused, naming
/// both (one was dropped in silence, and a VIP lost the VIP paragraph);
/// one language or type in two cases is one.
#[test]
fn a_customer_type_or_language_given_twice_in_one_source_is_refused() {
    let env = env();
    canned(&env, "use late --var name=Zoe --var customer_type=new --var customer=vip --print")
        .status(2)
        .stderr("error: --var `customer` and `customer_type` both give the customer's type, `vip` and `new`: give the one meant\n")
        .run();
    env.write(
        "ct.json",
        r#"{"name": "Zoe", "customer_type": "vip", "customer": "new"}"#,
    );
    canned(&env, "use late --vars ct.json --print")
        .status(2)
        .stderr("error: --vars ct.json: `customer` and `customer_type` both give the customer's type, `new` and `vip`: give the one meant\n")
        .run();
    canned(&env, "use late --var name=Zoe --var customer=VIP --var customer_type=vip --var lang=fr --var lang=FR --print")
        .stdout("Bonjour Zoe,\nun bon d'achat arrive.")
        .run();
    canned(&env, "chat 3 customer=vip customer_type=new")
        .status(2)
        .stderr("error: `customer` is given twice, `vip` and `new`: give the one meant\n")
        .run();
    canned(&env, "chat 3 lang=fr lang=en")
        .status(2)
        .stderr("error: `lang` is given twice, `fr` and `en`: give the one meant\n")
        .run();
    canned(&env, "chat 3").stderr("no open chat 3\n").run();
}

/// Nothing given with a reply that cannot be made is remembered: the
/// reply is rendered before the chat is saved.
#[test]
fn nothing_is_remembered_from_a_reply_that_fails() {
    let env = env();
    let name = "x".repeat(1 << 20);
    canned(
        &env,
        "use late --chat 55 --vars big.json --var order=1 --print",
    )
    .file("big.json", format!(r#"{{"name": "{name}"}}"#))
    .status(2)
    .any_stderr()
    .run();
    canned(&env, "chat 55").stderr("no open chat 55\n").run();
}

/// With a manifest broken and no earlier version of it known, values and
/// types cannot be checked: said, as every command says it.
#[test]
fn a_chat_saved_with_a_broken_manifest_says_it_is_broken() {
    let env = Env::with_library(&[
        ("canned.toml", &format!("{MANIFEST}\n[library")),
        ("replies.toml", REPLIES),
    ]);
    canned(&env, "chat 1301 order=abc")
        .stderr(
            "
            warning: 1 problem in the library (canned.toml is not valid TOML, and no earlier version of it is known: its variables and partials are missing); run `canned check` for details
            chat 1301: remembered order
            ",
        )
        .run();
}

#[test]
fn templates_see_the_chats_customer_type_and_any_when_it_is_unknown() {
    let env = env();
    canned(&env, "chat 4821 customer=vip name=Sarah")
        .any_stderr()
        .run();
    canned(&env, "use late --chat 4821 --print")
        .stdout("Hi Sarah,\na voucher is on its way.\n— the team")
        .run();
    // `--var` still wins, and with the chat it becomes the chat's type.
    canned(&env, "use late --chat 4821 --var customer_type=new --print")
        .stdout("Hi Sarah,\nsorry.\n— the team")
        .run();
    canned(&env, "chat 4821")
        .stdout("customer=new\nname=Sarah\n")
        .run();
    canned(&env, "use late --var name=Sam --print")
        .stdout("Hi Sam,\nsorry.\n— the team")
        .run();
    // A built-in: `check` needs no declaration of it.
    canned(&env, "check").any_stdout().run();
}

/// A mistyped type would pick the other branch of the reply without a
/// word, and, remembered, every later reply of the chat.
#[test]
fn a_customer_type_the_library_does_not_know_is_refused_as_a_value_and_never_remembered() {
    let env = env();
    canned(&env, "use late --chat 4821 --var customer_type=vpi --var name=Sarah --print")
        .status(2)
        .stderr(
            "
            error: customer_type=vpi: unknown customer type \"vpi\"; expected one of: any, new, vip (did you mean `vip`?)
            hint: fix the value and try again; nothing was copied
            ",
        )
        .run();
    // A reply that does not print it is made; the type is not remembered.
    canned(
        &env,
        "use refund-any --chat 4821 --var customer_type=vpi --print",
    )
    .stdout("Refund")
    .stderr(
        "warning: chat 4821: customer type not remembered: unknown customer type \"vpi\"; \
             expected one of: any, new, vip (did you mean `vip`?)\n",
    )
    .run();
    canned(&env, "chat 4821")
        .stderr("no open chat 4821\n")
        .run();
}

#[test]
fn a_chat_file_written_before_languages_and_types_still_loads() {
    let env = env();
    env.write(
        "state/canned/chats/4821.json",
        r#"{"id": "4821", "updated": 1795521600, "values": {"name": "Sarah"}}"#,
    );
    canned(&env, "chat 4821").stdout("name=Sarah\n").run();
    canned(&env, "use late --chat 4821 --print")
        .stdout("Hi Sarah,\nsorry.\n— the team")
        .run();
}

#[test]
fn a_hand_edited_language_or_type_that_could_not_have_been_saved_is_set_aside() {
    let env = env();
    env.write(
        "state/canned/chats/4821.json",
        r#"{"id": "4821", "updated": 1795521600, "lang": "../x", "values": {}}"#,
    );
    env.write(
        "state/canned/chats/77.json",
        "{\"id\": \"77\", \"updated\": 1795521600, \"customer\": \"\\u001b]52;c;x\\u0007\", \"values\": {}}",
    );
    canned(&env, "chat")
        .stderr(
            "
            warning: damaged chat file [TMP]/state/canned/chats/4821.json: not the shape of a chat; kept aside as [TMP]/state/canned/chats/4821.json.damaged-1795521600 for 24 hours, and the chat starts empty
            warning: damaged chat file [TMP]/state/canned/chats/77.json: not the shape of a chat; kept aside as [TMP]/state/canned/chats/77.json.damaged-1795521600 for 24 hours, and the chat starts empty
            no open chats
            ",
        )
        .run();
}

#[test]
fn use_by_query_picks_the_reply_for_anyone_unless_the_chat_knows_the_customer() {
    let env = env();
    canned(&env, "use refund --print")
        .stdout("Refund")
        .stderr("using refund-any — Refund (best match for `refund`)\n")
        .run();
    canned(&env, "chat 4821 customer=vip").any_stderr().run();
    canned(&env, "use refund --chat 4821 --print")
        .stdout("VIP refund")
        .stderr("using refund-vip — Refund (best match for `refund`)\n")
        .run();
    canned(&env, "chat 4821 customer=new").any_stderr().run();
    canned(&env, "use refund --chat 4821 --print")
        .stdout("Refund")
        .stderr("using refund-any — Refund (best match for `refund`)\n")
        .run();
}
