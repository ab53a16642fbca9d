//! `canned check` and the bad input it must locate.

use crate::support::{Env, MANIFEST, Test, response};

/// `canned check` on a library of [`MANIFEST`], a valid `good.toml`, and
/// `name` holding `text`.
fn check(name: &str, text: impl AsRef<[u8]>) -> Test<'static> {
    Test::new()
        .manifest(MANIFEST)
        .library(&[("good.toml", &response("good"))])
        .file(&format!("lib/{name}"), text)
        .arg("check")
}

/// A response `x` whose fields after its id are `rest`.
fn x(rest: &str) -> String {
    format!("[[response]]\nid = \"x\"\n{rest}")
}

#[test]
fn the_sample_library_passes() {
    Test::new()
        .sample()
        .arg("check")
        .stdout("✓ 60 responses in 8 files: no errors\n")
        .run();
}

#[test]
fn a_valid_library_passes_with_exit_0() {
    check("other.toml", response("other"))
        .stdout("✓ 2 responses in 2 files: no errors\n")
        .run();
}

#[test]
fn malformed_toml_is_located() {
    check("bad.toml", "[[response]\nid = \"x\"\n")
        .status(1)
        .stdout(
            "
            lib/bad.toml:1:12: error: invalid TOML: unclosed array table, expected `]`
                hint: the whole file is skipped until this is fixed

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

/// `[variables."customer.email"]` and `[variables.customer.email]` are one
/// variable: two branches each adding one merge without a conflict, and
/// one replaced the other in silence, its pattern lost.
#[test]
fn a_variable_declared_both_quoted_and_dotted_fails_check() {
    let manifest = "[variables.customer.email]\ndescription = \"E-mail\"\nexample = \"a@b.c\"\npattern = \"@\"\n\n[variables.\"customer.email\"]\ndescription = \"E-mail (helpdesk)\"\nexample = \"x@y.z\"\n";
    let reply = "[[response]]\nid = \"wrote\"\ntitle = \"T\"\ntopic = \"general\"\nbody = \"We wrote to {{ customer.email }}.\"\n";
    let env = Env::with_library(&[("canned.toml", manifest), ("r.toml", reply)]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:6:12: error: variable `customer.email` is declared twice, first on line 1: a quoted name and a dotted one are the same variable
                expected: one declaration: merge the two

            ✗ 1 error in a library of 1 file; 1 response valid
            ",
        )
        .run();
    // The first is kept whole: its pattern still refuses a wrong value.
    let refused = |env: &Env| {
        env.test()
            .library(&[])
            .args(["use", "wrote", "--print", "--var", "customer.email=nope"])
            .status(2)
            .stderr(
                "warning: 1 problem in the library; run `canned check` for details\nerror: value \"nope\" for `customer.email` does not match its pattern @\nhint: fix the value and try again; nothing was copied\n",
            )
            .run();
    };
    refused(&env);
    // Quoted first, dotted second: the same.
    let swapped = "[variables.\"customer.email\"]\ndescription = \"E-mail\"\nexample = \"a@b.c\"\npattern = \"@\"\n\n[variables.customer.email]\ndescription = \"E-mail (helpdesk)\"\nexample = \"x@y.z\"\n";
    env.write("lib/canned.toml", swapped);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:6:21: error: variable `customer.email` is declared twice, first on line 1: a quoted name and a dotted one are the same variable
                expected: one declaration: merge the two

            ✗ 1 error in a library of 1 file; 1 response valid
            ",
        )
        .run();
    refused(&env);
}

/// `[response]` typed for `[[response]]` after a first response: told
/// so, with the line the array opens on, not the first key of the reply
/// above as where the table was "first given".
#[test]
fn a_single_bracketed_response_after_the_first_is_told_to_be_doubled() {
    let file = format!(
        "{}\n{}",
        response("a"),
        response("c").replacen("[[response]]", "[response]", 1)
    );
    check("twice.toml", file)
        .status(1)
        .stdout(
            "
            lib/twice.toml:9:2: error: invalid TOML: `[response]` where `[[response]]` is meant: the table above opens with `[[response]]` (line 1), one of an array of tables, and so does each after it
                hint: the whole file is skipped until this is fixed

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
    // Typed for the first response: told there, not as a `[[response]]`
    // below given twice.
    let file = format!(
        "{}\n{}",
        response("a").replacen("[[response]]", "[response]", 1),
        response("c")
    );
    check("first.toml", file)
        .status(1)
        .stdout(
            "
            lib/first.toml:1:1: error: invalid TOML: `[response]` where `[[response]]` is meant: a response opens with `[[response]]`, one of an array of tables, as on line 9 below
                hint: the whole file is skipped until this is fixed

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
    // However it is spelt: quoted, `["response"]` is `[response]`.
    for spelt in ["[\"response\"]", "[ 'response' ]"] {
        let file = format!(
            "{}\n{}",
            response("a"),
            response("c").replacen("[[response]]", spelt, 1)
        );
        check("quoted.toml", file)
            .status(1)
            .stdout(&format!(
                "
                lib/quoted.toml:9:{}: error: invalid TOML: `{spelt}` where `[[response]]` is meant: the table above opens with `[[response]]` (line 1), one of an array of tables, and so does each after it
                    hint: the whole file is skipped until this is fixed

                ✗ 1 error in a library of 2 files; 1 response valid
                ",
                spelt.find('r').unwrap()
            ))
            .run();
    }
}

/// A table given twice, spelt two ways (`fr`, `"fr"`, `"f\u0072"`), is
/// told first given at the first header, not at a key of the table.
#[test]
fn a_table_given_twice_spelt_two_ways_is_first_given_at_its_header() {
    for spelt in ["\"fr\"", "\"f\\u0072\""] {
        let file = format!(
            "{}\n[response.translations.fr]\ntitle = \"A fr\"\nbody = \"Salut\"\n\n[response.translations.{spelt}]\ntitle = \"B\"\nbody = \"C\"\n",
            response("a")
        );
        check("twice.toml", file)
            .status(1)
            .stdout_contains(&format!(
                "duplicate table `[response.translations.{spelt}]` (first given on line 9)"
            ))
            .run();
    }
}

/// An `{% endif` whose `%}` is lost at the end of a body closes its block:
/// told at that tag, where "add `{% endif %}`" would have made it worse.
#[test]
fn an_end_tag_cut_short_at_the_end_of_a_body_is_told_at_it() {
    let file = "[[response]]\nid = \"cut\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = \"Hi{% if name %} {{ name }}{% endif\"\n";
    check("cut.toml", file)
        .status(1)
        .stdout(
            "
            lib/cut.toml:5:35: error: template error: this `{% endif` has no `%}` to close it (response `cut`)
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

/// A translation under a tag refused has its template checked in the
/// same run: told only once the tag was fixed, CI failed twice.
#[test]
fn a_translation_under_a_wrong_tag_has_its_template_checked_all_the_same() {
    let file = "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nbody = \"Hi\"\n\n[response.translations.FR]\ntitle = \"A fr\"\nbody = \"Salut {% if name %}oui\"\n";
    check("tag.toml", file)
        .status(1)
        .stdout(
            "
            lib/tag.toml:7:24: error: `FR` is not a language tag (response `a`)
                expected: [response.translations.fr] and the like
                hint: did you mean `fr`?
            lib/tag.toml:9:18: error: template error: this `{% if %}` is never closed: add `{% endif %}` where its text ends (response `a`)
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}

            ✗ 2 errors in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

/// A translation written as a list of tables is told with the header a
/// response's translation is written with: `[translations.fr]`, as it
/// was advised, is itself an error.
#[test]
fn a_translation_written_as_a_list_is_told_its_whole_header() {
    // One level up too: a translation is under its language's tag.
    for table in ["translations.fr", "translations"] {
        let file = format!(
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nbody = \"Hi\"\n\n[[response.{table}]]\ntitle = \"A fr\"\nbody = \"Salut\"\n"
        );
        check("list.toml", file)
            .status(1)
            .stdout(&format!(
                "
                lib/list.toml:7:1: error: `{table}` must be a table, found a list (response `a`)
                    expected: [response.translations.fr]

                ✗ 1 error in a library of 2 files; 1 response valid
                "
            ))
            .run();
    }
}

/// The fix offered for an invalid id is told taken when another response
/// holds it, by `check` and by `new`: offered, it led to the next error.
#[test]
fn a_fix_offered_for_an_invalid_id_is_told_taken() {
    check("bad.toml", response("Good"))
        .status(1)
        .stdout(
            "
            lib/bad.toml:2:6: error: invalid id \"Good\"
                expected: lowercase letters, digits and dashes, starting with a letter or digit
                hint: \"good\" is taken: it is the id of `good` (lib/good.toml:1:1); choose another

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
    // Its own response's id is no other's: a shortcut may be it.
    let own = response("greeting").replacen("title", "shortcut = \"Greeting\"\ntitle", 1);
    check("own.toml", own)
        .status(1)
        .stdout_contains("    hint: try \"greeting\"\n")
        .run();
    Test::new()
        .manifest(MANIFEST)
        .library(&[("good.toml", &response("good"))])
        .args(["new", "--id", "GOOD", "--title", "T", "--topic", "billing", "--no-edit"])
        .status(2)
        .stderr("error: invalid id \"GOOD\"; expected lowercase letters, digits and dashes, starting with a letter or digit (\"good\" is taken: it is the id of `good` (lib/good.toml:1:1); choose another)\nhint: nothing was written\n")
        .run();
}

/// A variable's name with a Cyrillic letter that looks Latin is told by
/// that letter, in a template ("Unexpected character" was all) and in a
/// `--var`, with the name meant.
#[test]
fn a_variable_name_with_a_look_alike_letter_names_it() {
    let file = "[[response]]\nid = \"t1\"\ntitle = \"T1\"\ntopic = \"billing\"\nbody = \"Hi {{ n\u{430}me }}\"\n";
    check("look.toml", file)
        .status(1)
        .stdout(
            "
            lib/look.toml:5:16: error: template error: `\u{430}` (U+0430) is not the Latin `a` it looks like: names in a template are written in Latin letters (response `t1`)
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
    Test::new()
        .manifest(MANIFEST)
        .library(&[("good.toml", &response("good"))])
        .args(["use", "good", "--print", "--var", "n\u{430}me=Zoë"])
        .status(2)
        .stderr("error: --var `n\u{430}me` is not a variable name (lowercase letters, digits and `_`, dot-separated); `\u{430}` (U+0430) is not the Latin `a` it looks like: did you mean `name`?\n")
        .run();
}

/// An id with a Cyrillic letter that looks Latin reads as valid: the
/// letter is named by its code, and the fix is the Latin letter, not a
/// dash in its place (`r-fund`).
#[test]
fn an_id_with_a_look_alike_letter_names_it_and_offers_the_latin_one() {
    check("look.toml", response("r\u{435}fund"))
        .status(1)
        .stdout(
            "
            lib/look.toml:2:6: error: invalid id \"r\u{435}fund\": `\u{435}` (U+0435) is not the Latin `e` it looks like
                expected: lowercase letters, digits and dashes, starting with a letter or digit
                hint: try \"refund\"

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

/// A value nested a thousand deep (a hostile or generated file) neither
/// hangs nor overflows the stack: told at its first bracket, in words.
#[test]
fn a_value_nested_past_the_parsers_limit_is_told_at_its_start() {
    let nested = format!(
        "[[response]]\nid = \"x\"\ntags = {}{}\n",
        "[".repeat(1000),
        "]".repeat(1000)
    );
    check("deep.toml", &nested)
        .status(1)
        .stdout(
            "
            lib/deep.toml:3:8: error: invalid TOML: this value nests arrays or inline tables more than 80 deep, past what `canned` reads: a reply needs a few levels at most
                hint: the whole file is skipped until this is fixed

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
    // A dotted key so deep: the parser names no place.
    let dotted = format!("[[response]]\nid = \"x\"\n{} = 1\n", ["k"; 100].join("."));
    check("dotted.toml", &dotted)
        .status(1)
        .stdout(
            "
            lib/dotted.toml:3:1: error: invalid TOML: this key names tables 100 deep, past what `canned` reads: a reply needs a few levels at most
                hint: the whole file is skipped until this is fixed

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

/// One missing `]` or closing `"""` made an error of every line after it,
/// none at the place to fix: the first is told, at the bracket or the
/// quotes left open, with how many follow.
#[test]
fn a_bracket_or_a_string_left_open_is_told_where_it_opens() {
    let second = "[[response]]\nid = \"y\"\ntitle = \"Y\"\ntopic = \"billing\"\nbody = \"\"\"\nHello\"\"\"\n";
    check(
        "bad.toml",
        format!("{}\n{second}", x("tags = [\"late\", \"parcel\"\ntitle = \"X\"\ntopic = \"billing\"\nbody = \"Hi\"\n")),
    )
    .status(1)
    .stdout(
        "
        lib/bad.toml:3:8: error: invalid TOML: this `[` is never closed, so what follows is read as its items: missing comma between array elements, expected `,`
            hint: the whole file is skipped until this is fixed; 30 more errors after it may follow from it

        ✗ 1 error in a library of 2 files; 1 response valid
        ",
    )
    .run();
    check(
        "bad.toml",
        format!("{}\n{second}", x("title = \"X\"\ntopic = \"billing\"\nbody = \"\"\"\nHi\n")),
    )
    .status(1)
    .stdout(
        r#"
        lib/bad.toml:5:8: error: invalid TOML: this `"""` string runs on over `[[response]]`: are its closing `"""` missing? What follows is read as TOML: invalid unquoted key, expected letters, numbers, `-`, `_`
            hint: the whole file is skipped until this is fixed; 1 more error after it may follow from it

        ✗ 1 error in a library of 2 files; 1 response valid
        "#,
    )
    .run();
}

/// A key given twice in an inline table is named, with the column it was
/// first given at on its line: the parser said the line's own key.
#[test]
fn a_key_twice_in_an_inline_table_is_the_one_named() {
    check(
        "bad.toml",
        x("title = \"X\"\ntopic = \"billing\"\nbody = \"Hi\"\ntranslations.fr = { title = \"F\", body = \"Salut\", title = \"G\" }\n"),
    )
    .status(1)
    .stdout(
        "
        lib/bad.toml:6:50: error: invalid TOML: duplicate key `title` (first given at column 21)
            hint: the whole file is skipped until this is fixed

        ✗ 1 error in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

#[test]
fn a_file_that_is_not_utf8_is_located() {
    Test::new()
        .manifest(MANIFEST)
        .file("lib/latin1.toml", b"# ok\ntitle = \"caf\xe9\"\n")
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/latin1.toml:2:13: error: not valid UTF-8 (byte 17)
                expected: UTF-8 text
                hint: save the file as UTF-8, or remove it from the library; it is skipped

            ✗ 1 error in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

#[test]
fn an_empty_file_is_reported() {
    check("empty.toml", "")
        .status(1)
        .stdout(
            "
            lib/empty.toml:1:1: error: empty file: no responses in it
                expected: at least one [[response]] table

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

#[test]
fn a_binary_file_is_reported() {
    Test::new()
        .manifest(MANIFEST)
        .file(
            "lib/blob.toml",
            [0x7f, b'E', b'L', b'F', 0, 0, 0xff, 0xfe, 1, 2],
        )
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/blob.toml:1:5: error: binary file, not text
                expected: UTF-8 text
                hint: save the file as UTF-8, or remove it from the library; it is skipped

            ✗ 1 error in a library of 1 file; 0 responses valid
            ",
        )
        .run();
    // NULs in bytes that happen to be valid UTF-8 are no text either.
    Test::new()
        .manifest(MANIFEST)
        .file("lib/blob.toml", b"\x00\x01binary")
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/blob.toml:1:1: error: binary file, not text
                expected: UTF-8 text
                hint: save the file as UTF-8, or remove it from the library; it is skipped

            ✗ 1 error in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

#[test]
fn a_utf16_or_utf32_file_is_called_so_not_binary() {
    let text = "title = \"T\"\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    // Notepad's "Unicode" and PowerShell 5's `>` write a byte-order mark;
    // other tools do not.
    let with_mark = [vec![0xFF, 0xFE], le.clone()].concat();
    let utf32: Vec<u8> = [0xFEFF_u32]
        .into_iter()
        .chain(text.chars().map(u32::from))
        .flat_map(u32::to_le_bytes)
        .collect();
    for (bytes, encoding) in [
        (with_mark, "UTF-16 (little-endian)"),
        (le, "UTF-16 (little-endian)"),
        (be, "UTF-16 (big-endian)"),
        (utf32, "UTF-32 (little-endian)"),
    ] {
        Test::new()
            .manifest(MANIFEST)
            .file("lib/win.toml", bytes)
            .arg("check")
            .status(1)
            .stdout(&format!(
                "
                lib/win.toml:1:1: error: {encoding} text, not UTF-8
                    expected: UTF-8 text
                    hint: save the file as UTF-8, or remove it from the library; it is skipped

                ✗ 1 error in a library of 1 file; 0 responses valid
                "
            ))
            .run();
    }
}

#[test]
fn an_unknown_field_gets_a_did_you_mean() {
    check("f.toml", x("titel = \"T\"\ntopic = \"billing\"\nbody = \"b\"\n"))
        .status(1)
        .stdout(
            r#"
            lib/f.toml:1:1: error: response has no `title` (response `x`)
                expected: title = "…", one line
            lib/f.toml:3:1: error: unknown field `titel` in a response (response `x`)
                expected: one of: id, title, shortcut, urgency, topic, customer, tags, owner, reviewed, expires, notes, examples, lang, body, translations
                hint: did you mean `title`?

            ✗ 2 errors in a library of 2 files; 1 response valid
            "#,
        )
        .run();
}

#[test]
fn a_missing_title_is_located_at_its_response() {
    check(
        "f.toml",
        "\n[[response]]\nid = \"x\"\ntopic = \"billing\"\nbody = \"b\"\n",
    )
    .status(1)
    .stdout(
        r#"
        lib/f.toml:2:1: error: response has no `title` (response `x`)
            expected: title = "…", one line

        ✗ 1 error in a library of 2 files; 1 response valid
        "#,
    )
    .run();
}

/// A translation left without its title still has its body's template
/// checked, in the same run: the typo was told only once the title was
/// written.
#[test]
fn a_translation_without_a_title_has_its_template_checked_in_the_same_run() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"Hi {{ name }}\"\n\n\
           [response.translations.fr]\nbody = \"Bonjour {{ nmae }}\"\n"),
    )
    .status(1)
    .stdout(
        r#"
        lib/f.toml:7:1: error: translation `fr` has no `title` (response `x`)
            expected: both `title` and `body`
        lib/f.toml:8:20: error: variable `nmae` is not declared (response `x`)
            expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
            hint: did you mean `name`?

        ✗ 2 errors in a library of 2 files; 1 response valid
        "#,
    )
    .run();
}

#[test]
fn an_invalid_urgency_lists_the_valid_ones() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nurgency = \"urgent\"\nbody = \"b\"\n"),
    )
    .status(1)
    .stdout(
        r#"
        lib/f.toml:5:11: error: invalid urgency "urgent" (response `x`)
            expected: one of: low, normal, high, critical
            hint: did you mean `critical`?

        ✗ 1 error in a library of 2 files; 1 response valid
        "#,
    )
    .run();
}

#[test]
fn duplicate_ids_across_files_name_both_places() {
    // The first file in name order keeps the id, and is valid.
    check("dup.toml", response("good"))
        .status(1)
        .stdout(
            "
            lib/good.toml:1:1: error: duplicate id `good` (response `good`)
                expected: an id used by no other response
                hint: first defined at lib/dup.toml:1:1; this response is skipped, and `good` names neither until one of them is renamed

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

#[test]
fn a_duplicate_shortcut_is_told_even_when_its_first_holder_has_errors_of_its_own() {
    let first = x(
        "title = \"X\"\ntitel = \"oops\"\ntopic = \"billing\"\nshortcut = \"good\"\nbody = \"b\"\n",
    );
    check("a.toml", first)
        .status(1)
        .stdout(
            "
            lib/a.toml:4:1: error: unknown field `titel` in a response (response `x`)
                expected: one of: id, title, shortcut, urgency, topic, customer, tags, owner, reviewed, expires, notes, examples, lang, body, translations
                hint: did you mean `title`?
            lib/good.toml:1:1: error: id `good` is already the shortcut of `x` (response `good`)
                expected: an id used by no other response
                hint: first defined at lib/a.toml:1:1, skipped for its own errors; once they are fixed, this response is skipped

            ✗ 2 errors in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

#[test]
fn a_duplicate_id_is_told_even_when_its_first_definition_has_errors_of_its_own() {
    // Every problem in one run: fixing `titel` must not reveal a new one.
    check("dup.toml", response("good").replace("title", "titel"))
        .status(1)
        .stdout(
            "
            lib/dup.toml:1:1: error: response has no `title` (response `good`)
                expected: title = \"…\", one line
            lib/dup.toml:3:1: error: unknown field `titel` in a response (response `good`)
                expected: one of: id, title, shortcut, urgency, topic, customer, tags, owner, reviewed, expires, notes, examples, lang, body, translations
                hint: did you mean `title`?
            lib/good.toml:1:1: error: duplicate id `good` (response `good`)
                expected: an id used by no other response
                hint: first defined at lib/dup.toml:1:1, skipped for its own errors; once they are fixed, this response is skipped

            ✗ 3 errors in a library of 2 files; 1 response valid
            ",
        )
        .run();
    // The later one, with errors of its own, is told of the valid one.
    check("zz.toml", response("good").replace("title", "titel"))
        .status(1)
        .stdout(
            "
            lib/zz.toml:1:1: error: response has no `title` (response `good`)
                expected: title = \"…\", one line
            lib/zz.toml:1:1: error: duplicate id `good` (response `good`)
                expected: an id used by no other response
                hint: first defined at lib/good.toml:1:1
            lib/zz.toml:3:1: error: unknown field `titel` in a response (response `good`)
                expected: one of: id, title, shortcut, urgency, topic, customer, tags, owner, reviewed, expires, notes, examples, lang, body, translations
                hint: did you mean `title`?

            ✗ 3 errors in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

/// A shortcut two responses claim names neither: which one the agent
/// means cannot be told, and the file that sorts first would win (a
/// teammate's new `a-new.toml` took `refund` from the reply agents had
/// used for months). Both stay under their ids; the shortcut is refused.
#[test]
fn a_shortcut_two_responses_claim_names_neither_and_both_stay() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "a-new.toml",
            &response("quick").replace("title =", "shortcut = \"refund\"\ntitle ="),
        ),
        (
            "billing.toml",
            &response("standard").replace("title =", "shortcut = \"refund\"\ntitle ="),
        ),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/billing.toml:1:1: error: duplicate shortcut `refund` (response `standard`)
                expected: a shortcut used by no other response
                hint: first defined at lib/a-new.toml:1:1; `refund` names neither until one of them is renamed

            ✗ 1 error in a library of 2 files; 2 responses valid
            ",
        )
        .run();
    let refused = "
        warning: 1 problem in the library; run `canned check` for details
        error: `refund` is claimed by two responses, `quick` (lib/a-new.toml:1:1) and `standard` (lib/billing.toml:1:1): it names neither until one of them is renamed
        hint: `canned check` says what to fix
        ";
    for command in ["use refund --print --var name=Sam", "show refund"] {
        env.test()
            .library(&[])
            .args(command.split(' '))
            .status(1)
            .stderr(refused)
            .run();
    }
    env.test()
        .library(&[])
        .args(["use", "standard", "--print", "--var", "name=Sam"])
        .stdout("Hi Sam\n— the team")
        .stderr("warning: 1 problem in the library; run `canned check` for details\n")
        .run();
}

/// An id two responses claim names neither either: the first stays (in
/// lists and searches), but `use` and `show` refuse the id, even though
/// only the first's file would be read for it.
#[test]
fn an_id_two_responses_claim_is_refused_by_use_and_show() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("a.toml", &response("refund")),
        ("b.toml", &response("refund").replace("Hi", "Hello")),
    ]);
    let refused = "
        warning: skipped 1 invalid response in the library; run `canned check` for details
        error: `refund` is claimed by two responses, `refund` (lib/a.toml:1:1) and `refund` (lib/b.toml:1:1): it names neither until one of them is renamed
        hint: `canned check` says what to fix
        ";
    for command in ["use refund --print --var name=Sam", "show refund"] {
        env.test()
            .library(&[])
            .args(command.split(' '))
            .status(1)
            .stderr(refused)
            .run();
    }
}

#[test]
fn ids_with_spaces_or_capitals_are_refused_with_a_fix() {
    check("f.toml", response("Order Late"))
        .status(1)
        .stdout(
            r#"
            lib/f.toml:2:6: error: invalid id "Order Late"
                expected: lowercase letters, digits and dashes, starting with a letter or digit
                hint: try "order-late"

            ✗ 1 error in a library of 2 files; 1 response valid
            "#,
        )
        .run();
}

/// The `expected:` line of every template error.
const TERA: &str =
    r#"a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include "partial" %}"#;

#[test]
fn an_unclosed_placeholder_is_located_in_the_file() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"\"\"\nline one\nHi {{ name\n\"\"\"\n"),
    )
    .status(1)
    .stdout(&format!(
        "
        lib/f.toml:7:11: error: template error: Unexpected end of input (response `x`)
            expected: {TERA}

        ✗ 1 error in a library of 2 files; 1 response valid
        "
    ))
    .run();
}

#[test]
fn a_block_left_open_is_located_where_it_opens_not_at_the_end() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"\"\"\nHi,\n{% if vip %}\nThanks.\n\nBye\n\"\"\"\n"),
    )
    .status(1)
    .stdout(&format!(
        "
        lib/f.toml:7:4: error: template error: this `{{% if %}}` is never closed: add `{{% endif %}}` where its text ends (response `x`)
            expected: {TERA}

        ✗ 1 error in a library of 2 files; 1 response valid
        "
    ))
    .run();
}

#[test]
fn a_block_closed_out_of_turn_names_the_block_still_open() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"\"\"\n{% for i in [1, 2] %}{% if i %}{{ i }}{% endfor %}\n\"\"\"\n"),
    )
    .status(1)
    .stdout(&format!(
        "
        lib/f.toml:6:42: error: template error: `{{% endfor %}}` met while `{{% if i %}}` before it is still open: close that one first, with `{{% endif %}}` (response `x`)
            expected: {TERA}

        ✗ 1 error in a library of 2 files; 1 response valid
        "
    ))
    .run();
}

/// Every value is one text: a loop over it would send the customer its
/// letters, one per line.
#[test]
fn a_loop_over_a_value_is_refused_with_how_to_split_it() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"\"\"\nYour items:\n{% for item in name %}\n- {{ item }}{% endfor %}\n\"\"\"\n"),
    )
    .status(1)
    .stdout(&format!(
        "
        lib/f.toml:7:16: error: template error: a loop over `name` prints it letter by letter: a value is one text, never a list (to list its parts, split it: `name | split(pat=\", \")`) (response `x`)
            expected: {TERA}

        ✗ 1 error in a library of 2 files; 1 response valid
        "
    ))
    .run();
}

#[test]
fn a_misspelt_tag_gets_a_did_you_mean() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"\"\"\n{% if vip %}VIP{% endiff %}\n\"\"\"\n"),
    )
    .status(1)
    .stdout(&format!(
        "
        lib/f.toml:6:19: error: template error: unknown tag `endiff`: did you mean `endif`? (response `x`)
            expected: {TERA}

        ✗ 1 error in a library of 2 files; 1 response valid
        "
    ))
    .run();
}

#[test]
fn an_undeclared_variable_gets_a_did_you_mean() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"\"\"\nHi {{ nmae }}\"\"\"\n"),
    )
    .status(1)
    .stdout(
        "
        lib/f.toml:6:7: error: variable `nmae` is not declared (response `x`)
            expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
            hint: did you mean `name`?

        ✗ 1 error in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

/// A reply that reads `order` as one value and as a group (`order.id`)
/// can be filled by nothing `use` takes (one value leaves the field
/// missing; a group is refused where one value is printed): it passed.
#[test]
fn a_variable_read_as_one_value_and_as_a_group_fails() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"Order {{ order }} ({{ order.id }})\"\n"),
    )
    .status(1)
    .stdout(
        "
        lib/f.toml:5:18: error: `order` is read as one value and as a group (`order.id`): no values fill both (response `x`)
            hint: print `{{ order }}` alone, or the group's fields alone (`{{ order.id }}`)

        ✗ 1 error in a library of 2 files; 1 response valid
        ",
    )
    .run();
    // Tested, not printed, it is the group's own test: fine.
    for guard in ["order is defined", "order"] {
        check(
            "f.toml",
            x(&format!(
                "title = \"T\"\ntopic = \"billing\"\nbody = \"{{% if {guard} %}}Order {{{{ order.id }}}}{{% endif %}}.\"\n"
            )),
        )
        .stdout("✓ 2 responses in 2 files: no errors\n")
        .run();
    }
    // Told in the same run as the names being undeclared: it appeared only
    // once both were declared, as the hints said.
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"{{ foo }} {{ foo.id }}\"\n"),
    )
    .status(1)
    .stdout_contains(
        "lib/f.toml:5:12: error: `foo` is read as one value and as a group (`foo.id`): no values fill both (response `x`)",
    )
    .run();
}

/// A file an old DOS tool ended with Ctrl-Z is told so, where it is: the
/// TOML parser's "invalid unquoted key" named no character.
#[test]
fn an_end_of_file_mark_is_named() {
    check(
        "f.toml",
        format!("{}\r\n\u{1a}", response("x").replace('\n', "\r\n")),
    )
    .status(1)
    .stdout(
        "
            lib/f.toml:9:1: error: an end-of-file mark (Ctrl-Z, U+001A), as old DOS tools add
                hint: remove it; the file is skipped until then

            ✗ 1 error in a library of 2 files; 1 response valid
            ",
    )
    .run();
}

/// `Canned.toml` is the manifest on a Windows disk and a response file
/// elsewhere: it was read as one, with an error for every key. It is
/// named as the manifest misnamed, and skipped, on every system.
#[test]
fn a_manifest_named_in_another_case_is_told_so() {
    Test::new()
        .library(&[("good.toml", &response("good"))])
        .file("lib/Canned.toml", MANIFEST)
        .arg("check")
        .status(1)
        .stdout_contains(
            "lib/Canned.toml:1:1: error: the manifest is named `canned.toml`, in lower case; this file is skipped\n",
        )
        .run();
}

/// `Sales.TOML`, as Windows users name files, is a response file: it was
/// left out without a word, its responses gone from the library.
#[test]
fn a_toml_extension_in_capitals_is_read() {
    check("Sales.TOML", response("sale"))
        .stdout("✓ 2 responses in 2 files: no errors\n")
        .run();
}

/// A variable's name of 3,000 letters is quoted in a few words: each line
/// naming it was 3,000 characters long.
#[test]
fn a_long_undeclared_name_is_quoted_cut() {
    let long = "a".repeat(3000);
    let cut = format!("{}…", "a".repeat(200));
    check(
        "f.toml",
        x(&format!("title = \"T\"\ntopic = \"billing\"\nbody = \"Hi {{{{ {long} }}}}\"\n")),
    )
    .status(1)
    .stdout(&format!(
        "
        lib/f.toml:5:15: error: variable `{cut}` is not declared (response `x`)
            expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
            hint: declare it: [variables.{cut}] with a description and an example

        ✗ 1 error in a library of 2 files; 1 response valid
        "
    ))
    .run();
}

#[test]
fn a_problem_after_escapes_is_located_where_it_is_written() {
    // `\t`, `\n`, `\"` and `\u00e9` are one character of the body each.
    check(
        "f.toml",
        x(r#"title = "T"
topic = "billing"
body = "Tab\there\nnext {{ nmae }}"

[[response]]
id = "y"
title = "Y"
topic = "billing"
body = "caf\u00e9 \"q\" {{ nmae }}"
"#),
    )
    .status(1)
    .stdout(
        "
        lib/f.toml:5:28: error: variable `nmae` is not declared (response `x`)
            expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
            hint: did you mean `name`?
        lib/f.toml:11:28: error: variable `nmae` is not declared (response `y`)
            expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
            hint: did you mean `name`?

        ✗ 2 errors in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

#[test]
fn an_include_of_a_missing_partial_is_located() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"Hi {% include \\\"signatur\\\" %}\"\n"),
    )
    .status(1)
    .stdout(
        "
        lib/f.toml:5:25: error: include of unknown partial `signatur` (response `x`)
            expected: one of: signature
            hint: did you mean `signature`?

        ✗ 1 error in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

/// The cycle is reported once, at the include that starts it; a reply
/// that includes the partial is told it cannot be used, where it includes
/// it.
#[test]
fn a_partial_that_includes_itself_is_reported_where_it_is() {
    Test::new()
        .manifest(&format!(
            "{MANIFEST}looping = \"x {{% include \\\"looping\\\" %}}\"\n"
        ))
        .library(&[(
            "f.toml",
            &response("x").replace("\"signature\"", "\"looping\""),
        )])
        .arg("check")
        .status(1)
        .stdout(&format!(
            "
            lib/canned.toml:21:27: error: partial error: `looping` includes itself: looping → looping
                expected: {TERA}
            lib/f.toml:7:13: error: template error: includes partial `looping`, which has errors (response `x`)

            ✗ 2 errors in a library of 1 file; 0 responses valid
            "
        ))
        .run();
}

#[test]
fn a_template_that_fails_at_render_time_is_caught() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"{{ name | no_such_filter }}\"\n"),
    )
    .status(1)
    .stdout(&format!(
        "
        lib/f.toml:5:19: error: template error: Unknown filter `no_such_filter` (response `x`)
            expected: {TERA}

        ✗ 1 error in a library of 2 files; 1 response valid
        "
    ))
    .run();
}

#[test]
fn topics_and_customers_outside_the_vocabulary_are_errors() {
    check(
        "f.toml",
        response("x").replace(
            "topic = \"billing\"",
            "topic = \"biling\"\ncustomer = [\"vpi\"]",
        ),
    )
    .status(1)
    .stdout(
        r#"
        lib/f.toml:4:9: error: unknown topic "biling" (response `x`)
            expected: one of the manifest's topics: billing, shipping
            hint: did you mean `billing`?
        lib/f.toml:5:13: error: unknown customer type "vpi" (response `x`)
            expected: one of: any, new, vip
            hint: did you mean `vip`?

        ✗ 2 errors in a library of 2 files; 1 response valid
        "#,
    )
    .run();
}

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    Test::new()
        .manifest(MANIFEST)
        .library(&[
            ("a.toml", "[[response]\n"),
            (
                "b.toml",
                "[[response]]\nid = \"b\"\ntitel = \"T\"\ntopic = \"billing\"\nbody = \"b\"\n",
            ),
            ("c.toml", ""),
        ])
        .arg("check")
        .status(1)
        .stdout(
            r#"
            lib/a.toml:1:12: error: invalid TOML: unclosed array table, expected `]`
                hint: the whole file is skipped until this is fixed
            lib/b.toml:1:1: error: response has no `title` (response `b`)
                expected: title = "…", one line
            lib/b.toml:3:1: error: unknown field `titel` in a response (response `b`)
                expected: one of: id, title, shortcut, urgency, topic, customer, tags, owner, reviewed, expires, notes, examples, lang, body, translations
                hint: did you mean `title`?
            lib/c.toml:1:1: error: empty file: no responses in it
                expected: at least one [[response]] table

            ✗ 4 errors in a library of 3 files; 0 responses valid
            "#,
        )
        .run();
}

#[test]
fn json_output_lists_problems_with_locations() {
    check("f.toml", x("titel = \"T\"\ntopic = \"billing\"\nbody = \"b\"\n"))
        .arg("--json")
        .status(1)
        .stdout(
            r#"
            {
              "ok": false,
              "errors": 2,
              "warnings": 0,
              "responses": 1,
              "files": 2,
              "problems": [
                {
                  "severity": "error",
                  "path": "lib/f.toml",
                  "line": 1,
                  "column": 1,
                  "response": "x",
                  "message": "response has no `title`",
                  "expected": "title = \"…\", one line"
                },
                {
                  "severity": "error",
                  "path": "lib/f.toml",
                  "line": 3,
                  "column": 1,
                  "response": "x",
                  "message": "unknown field `titel` in a response",
                  "expected": "one of: id, title, shortcut, urgency, topic, customer, tags, owner, reviewed, expires, notes, examples, lang, body, translations",
                  "hint": "did you mean `title`?"
                }
              ]
            }
            "#,
        )
        .run();
}

#[test]
fn a_library_directory_that_does_not_exist_is_named() {
    Test::new()
        .args(["--library", "nowhere", "check"])
        .status(1)
        .stderr(
            "
            error: library directory `nowhere` (from --library) does not exist
            hint: check --library, or create the library with `canned init DIR`
            ",
        )
        .run();
}

#[test]
fn no_library_found_says_how_to_point_at_one() {
    Test::new()
        .arg("check")
        .status(1)
        .stderr(
            "
            error: no library found in [TMP] or any parent directory
            hint: pass --library DIR, set CANNED_LIBRARY, set `library` in the config file, or create one with `canned init`
            ",
        )
        .run();
}

#[test]
fn the_library_is_found_from_the_environment_then_the_nearest_responses() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", &response("a"))]);
    let passes = "✓ 1 response in 1 file: no errors\n";
    env.test()
        .env("CANNED_LIBRARY", env.library())
        .arg("check")
        .stdout(passes)
        .run();
    std::fs::rename(env.library(), env.path().join("responses")).unwrap();
    std::fs::create_dir_all(env.path().join("deep/er")).unwrap();
    env.test()
        .current_dir("deep/er")
        .arg("check")
        .stdout(passes)
        .run();
    // From inside the library itself, as a team lead editing it works.
    env.test()
        .current_dir("responses")
        .arg("check")
        .stdout(passes)
        .run();
    env.test()
        .current_dir("responses")
        .args(["find", "title"])
        .stdout("a    • normal    billing  any  en  Title of a\n")
        .run();
}

#[test]
fn a_config_file_named_but_missing_or_with_a_bad_lang_is_an_error() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", &response("a"))]);
    env.test()
        .env("CANNED_CONFIG", env.path().join("typo.toml"))
        .arg("check")
        .status(1)
        .stderr(
            "error: invalid config file [TMP]/typo.toml: no such file (named by CANNED_CONFIG)\n",
        )
        .run();
    env.write("config/canned/config.toml", "lang = \"FR\\u001b[31m\"\n");
    env.test()
        .arg("check")
        .status(1)
        .stderr(
            "error: invalid config file [TMP]/config/canned/config.toml: line 1, column 8: `lang`: `FR\\u{1b}[31m` is not a language tag; expected a tag such as \"en\" or \"fr\"\n",
        )
        .run();
    // A Windows path in double quotes is an escape: said how to write it.
    env.write("config/canned/config.toml", "library = \"C:\\lib\"\n");
    env.test()
        .arg("check")
        .status(1)
        .stderr(
            "error: invalid config file [TMP]/config/canned/config.toml: line 1, column 15: missing escaped value, expected `b`, `e`, `f`, `n`, `r`, `\\`, `\"`, `x`, `u`, `U` (a `\\` in double quotes starts an escape: write a Windows path in single quotes, 'C:\\lib', or with `/`)\n",
        )
        .run();
    // Every user's profile path (`\U` starts a long escape), and a path
    // whose escapes make a line break and a tab, read in silence.
    env.write(
        "config/canned/config.toml",
        "library = \"C:\\Users\\sam\"\n",
    );
    env.test()
        .arg("check")
        .status(1)
        .stderr(
            "error: invalid config file [TMP]/config/canned/config.toml: line 1, column 16: too few unicode value digits, expected unicode hexadecimal value (a `\\` in double quotes starts an escape: write a Windows path in single quotes, 'C:\\lib', or with `/`)\n",
        )
        .run();
    env.write("config/canned/config.toml", "library = \"D:\\new\\team\"\n");
    env.test()
        .arg("check")
        .status(1)
        .stderr(
            "error: invalid config file [TMP]/config/canned/config.toml: line 1, column 11: `library`: in double quotes a `\\` starts an escape, so \"D:\\new\\team\" names another folder: write it in single quotes, 'D:\\new\\team', or with `/`\n",
        )
        .run();
    // One whose escape makes a letter (`\xfe`, TOML 1.1) as much.
    env.write("config/canned/config.toml", "library = \"C:\\xfer\"\n");
    env.test()
        .arg("check")
        .status(1)
        .stderr(
            "error: invalid config file [TMP]/config/canned/config.toml: line 1, column 11: `library`: in double quotes a `\\` starts an escape, so \"C:\\xfer\" names another folder: write it in single quotes, 'C:\\xfer', or with `/`\n",
        )
        .run();
    // Refused when the file is read, located, not at the first copy.
    env.write(
        "config/canned/config.toml",
        "# mine\nagent = \"Sam\"\nclipboard   =  \"X11\"\n",
    );
    env.test()
        .arg("check")
        .status(1)
        .stderr(
            "error: invalid config file [TMP]/config/canned/config.toml: line 3, column 16: `clipboard`: `X11` is not a clipboard method: expected auto, system, x11, wayland, tmux or osc52\n",
        )
        .run();
    // A misspelt key, and a file that is not TOML, are told on one line,
    // located, the first with a did-you-mean.
    env.write("config/canned/config.toml", "# mine\nagnet = \"Sam\"\n");
    env.test()
        .arg("check")
        .status(1)
        .stderr(
            "error: invalid config file [TMP]/config/canned/config.toml: line 2, column 1: unknown key `agnet` (did you mean `agent`?)\n",
        )
        .run();
    // What needs no configuration does not read it: a shell's
    // completions keep working.
    let completions = env
        .test()
        .args(["completions", "bash"])
        .any_stdout()
        .run()
        .stdout;
    assert!(completions.contains("_canned()"), "{completions}");
    env.write("config/canned/config.toml", "agent = \"Sam\n");
    env.test()
        .arg("check")
        .status(1)
        .stderr(
            "error: invalid config file [TMP]/config/canned/config.toml: line 1, column 13: invalid basic string, expected `\"`\n",
        )
        .run();
}

#[test]
fn the_config_file_can_name_the_library() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", &response("a"))]);
    env.write(
        "config/canned/config.toml",
        format!("library = {:?}\n", env.library()),
    );
    env.test()
        .args(["--verbose", "check"])
        .stdout("✓ 1 response in 1 file: no errors\n")
        .stderr("library [TMP]/lib (from `library` in [TMP]/config/canned/config.toml)\n")
        .run();
}

/// Wherever canned is run from, the config file's library is the same:
/// a relative path is read from the file's folder, `~/` from the home.
#[test]
fn the_config_files_library_is_read_beside_it_or_from_home_not_from_where_canned_runs() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("a.toml", &response("a"))]);
    env.write("config/canned/config.toml", "library = \"../../lib\"\n");
    env.write("elsewhere/x", "");
    env.test()
        .current_dir("elsewhere")
        .args(["--verbose", "check"])
        .stdout("✓ 1 response in 1 file: no errors\n")
        .stderr("library [TMP]/config/canned/../../lib (from `library` in [TMP]/config/canned/config.toml)\n")
        .run();
    env.write("home/mine/canned.toml", MANIFEST);
    env.write("home/mine/b.toml", response("b"));
    env.write("config/canned/config.toml", "library = \"~/mine\"\n");
    env.test()
        .current_dir("elsewhere")
        .args(["--verbose", "check"])
        .stdout("✓ 1 response in 1 file: no errors\n")
        .stderr("library [TMP]/home/mine (from `library` in [TMP]/config/canned/config.toml)\n")
        .run();
    // An empty one names none: it was the config's own folder.
    env.write("config/canned/config.toml", "library = \"\"\n");
    env.test()
        .current_dir("elsewhere")
        .arg("check")
        .status(1)
        .stderr("error: no library found in [TMP]/elsewhere or any parent directory\nhint: pass --library DIR, set CANNED_LIBRARY, set `library` in the config file, or create one with `canned init`\n")
        .run();
}

/// `agent = ""` is a name not yet written: the library's default stands,
/// as it does for an empty or blank CANNED_AGENT, rather than every reply
/// asking.
#[test]
fn an_empty_agent_in_the_config_file_leaves_the_librarys_default() {
    let env = Env::with_library(&[
        (
            "canned.toml",
            "[variables.agent]\ndescription = \"Your first name\"\ndefault = \"the team\"\n",
        ),
        (
            "a.toml",
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"billing\"\nbody = \"Bye, {{ agent }}\"\n",
        ),
    ]);
    env.write("config/canned/config.toml", "agent = \"  \"\n");
    env.test()
        .library(&[])
        .args(["use", "a", "--print"])
        .stdout("Bye, the team")
        .run();
    // So is a blank CANNED_AGENT, which blocked every reply as missing.
    env.write("config/canned/config.toml", "agent = \"Sam\"\n");
    env.test()
        .library(&[])
        .env("CANNED_AGENT", "  ")
        .args(["use", "a", "--print"])
        .stdout("Bye, Sam")
        .run();
    env.write(
        "config/canned/config.toml",
        b"agent = \"S\xe9bastien\"\n".as_slice(),
    );
    env.test()
        .args(["use", "a", "--print"])
        .status(1)
        .stderr("error: invalid config file [TMP]/config/canned/config.toml: not UTF-8 text: save it as UTF-8\n")
        .run();
}

#[test]
fn the_sample_library_renders_far_from_the_work_limit_even_with_64_kib_values() {
    // Every value read costs a step more per KiB of the longest value: with
    // 64 KiB examples, a reply passes only if it takes under 1/65 of the
    // budget (a reply of ordinary values, under 2% of it).
    let env = Env::new();
    let sample = crate::support::sample_library();
    let mut dirs = vec![sample.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let rel = path.strip_prefix(&sample).unwrap().to_string_lossy();
            let mut text = std::fs::read_to_string(&path).unwrap();
            if rel == "canned.toml" {
                let long = long_examples(&text);
                // Most of the examples are long now.
                assert!(long.len() > text.len() + 10 * 64 * 1024, "{}", long.len());
                text = long;
            }
            env.write(&format!("lib/{rel}"), text);
        }
    }
    env.test()
        .library(&[])
        .arg("check")
        .stdout("✓ 60 responses in 8 files: no errors\n")
        .run();
}

/// `manifest` with the example of each variable that has no pattern
/// repeated to 64 KiB (a pattern would refuse it).
fn long_examples(manifest: &str) -> String {
    let mut out = String::new();
    for block in manifest.split_inclusive("\n[") {
        if block.contains("pattern") {
            out.push_str(block);
            continue;
        }
        let lines: Vec<String> = block
            .split_inclusive('\n')
            .map(|line| match line.strip_prefix("example = \"") {
                Some(rest) => {
                    let value = rest.trim_end().trim_end_matches('"');
                    let long = value.repeat(64 * 1024 / value.len().max(1) + 1);
                    format!("example = \"{long}\"\n")
                }
                None => line.to_string(),
            })
            .collect();
        out.push_str(&lines.concat());
    }
    out
}

/// A reply is pasted in front of customers and reviewed in a diff: an
/// escape, a bidirectional override or a zero-width space in a teammate's
/// file would show one thing and send another, or drive the agent's
/// terminal. Each is located where it is written, escaped or not, and the
/// response is skipped; a Windows line end is not one.
#[test]
fn hidden_characters_in_library_text_are_located_and_the_response_skipped() {
    let file = "[[response]]\nid = \"x\"\n\
        title = \"Refund \\u001b[2J sent\"\n\
        topic = \"billing\"\n\
        tags = [\"refund\", \"vip\u{200b}\", \"late\\u0007\"]\n\
        examples = [\"where is it\\rnow\"]\n\
        body = \"\"\"\r\nHi {{ name }},\r\nyour refund is \u{202e}tnes\u{202c}.\r\n\"\"\"\n\
        [response.translations.fr]\n\
        title = \"Remboursement\"\n\
        body = \"Bonjour\"\n\
        notes = \"\u{e0041}\"\n";
    check("x.toml", file)
        .status(1)
        .stdout(
            "
            lib/x.toml:3:17: error: `title` holds U+001B, a control character (response `x`)
                expected: visible text: line breaks and tabs are the only control characters text may hold
                hint: delete it: text pasted from a web page, a document or a terminal often carries one
            lib/x.toml:5:23: error: `tags` holds U+200B, an invisible formatting character (response `x`)
                expected: visible text: line breaks and tabs are the only control characters text may hold
                hint: delete it: text pasted from a web page, a document or a terminal often carries one
            lib/x.toml:5:32: error: `tags` holds U+0007, a control character (response `x`)
                expected: visible text: line breaks and tabs are the only control characters text may hold
                hint: delete it: text pasted from a web page, a document or a terminal often carries one
            lib/x.toml:6:25: error: `examples` holds U+000D, a control character (response `x`)
                expected: visible text: line breaks and tabs are the only control characters text may hold
                hint: delete it: text pasted from a web page, a document or a terminal often carries one
            lib/x.toml:9:16: error: `body` holds U+202E, an invisible formatting character (response `x`)
                expected: visible text: line breaks and tabs are the only control characters text may hold
                hint: delete it: text pasted from a web page, a document or a terminal often carries one
            lib/x.toml:9:21: error: `body` holds U+202C, an invisible formatting character (response `x`)
            lib/x.toml:14:10: error: `notes` holds U+E0041, an invisible formatting character (response `x`)
                expected: visible text: line breaks and tabs are the only control characters text may hold
                hint: delete it: text pasted from a web page, a document or a terminal often carries one

            ✗ 7 errors in a library of 2 files; 1 response valid
            ",
        )
        .run();
}

/// Every hidden character of a text is located, so that one run finds
/// all a lead must delete; a page pasted whole can carry hundreds, so
/// past ten they are counted from where the eleventh is.
#[test]
fn every_hidden_character_of_a_text_is_located_up_to_ten() {
    let body = "a\u{200b}".repeat(13);
    let file = format!(
        "[[response]]\nid = \"x\"\ntitle = \"X\"\ntopic = \"billing\"\nbody = \"\"\"\n{body}\n\"\"\"\n"
    );
    let mut expected = String::from(
        "lib/x.toml:6:2: error: `body` holds U+200B, an invisible formatting character (response `x`)\n    \
         expected: visible text: line breaks and tabs are the only control characters text may hold\n    \
         hint: delete it: text pasted from a web page, a document or a terminal often carries one\n",
    );
    for column in (4..=20).step_by(2) {
        expected.push_str(&format!(
            "lib/x.toml:6:{column}: error: `body` holds U+200B, an invisible formatting character (response `x`)\n"
        ));
    }
    expected.push_str(
        "lib/x.toml:6:22: error: `body` holds 3 more hidden characters from here on (response `x`)\n\n\
         ✗ 11 errors in a library of 2 files; 1 response valid\n",
    );
    check("x.toml", &file).status(1).stdout(&expected).run();
}

/// A partial is part of every reply that includes it. Refused where it is
/// declared, it is told there once: it is no unknown partial of the
/// replies that include it.
#[test]
fn a_hidden_character_in_a_partial_is_located_in_the_manifest() {
    // And the reply that includes it, which `use` refuses, is told so.
    Test::new()
        .manifest(&MANIFEST.replace("— {{ agent }}", "— {{ agent }}\\u001b]52;c;eA==\\u0007"))
        .library(&[("good.toml", &response("good"))])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:20:27: error: `signature` holds U+001B, a control character
                expected: visible text: line breaks and tabs are the only control characters text may hold
                hint: delete it: text pasted from a web page, a document or a terminal often carries one
            lib/canned.toml:20:43: error: `signature` holds U+0007, a control character
            lib/good.toml:7:13: error: template error: includes partial `signature`, which has errors (response `good`)

            ✗ 3 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// `--quiet` says only errors, as its help promises: the warnings are
/// counted, not told.
#[test]
fn quiet_tells_only_the_errors() {
    check(
        "x.toml",
        x("title = \"X\"\ntopic = \"billing\"\nreviewed = 2062-11-24\nexpires = \"soon\"\nbody = \"b\"\n"),
    )
    .arg("--quiet")
    .status(1)
    .stdout(
        "
        lib/x.toml:6:11: error: `expires` must be a date (response `x`)
            expected: a TOML date such as expires = 2026-10-02

        ✗ 1 error, 1 warning in a library of 2 files; 1 response valid
        ",
    )
    .run();
    // Warnings alone: the summary alone.
    check(
        "x.toml",
        x("title = \"X\"\ntopic = \"billing\"\nreviewed = 2062-11-24\nbody = \"b\"\n"),
    )
    .arg("--quiet")
    .stdout("✓ 2 responses in 2 files: no errors, 1 warning\n")
    .run();
}

/// A group declared to describe its fields (`[variables.customer]` over
/// `[variables.customer.email]`) needs no example: a body prints its
/// fields, never it. It was warned of.
#[test]
fn a_group_declared_with_its_fields_needs_no_example() {
    let manifest = format!(
        "{MANIFEST}\n[variables.customer]\ndescription = \"From the helpdesk\"\n\
         [variables.customer.email]\ndescription = \"e\"\nexample = \"a@b.c\"\n"
    );
    Test::new()
        .manifest(&manifest)
        .library(&[(
            "x.toml",
            "[[response]]\nid = \"x\"\ntitle = \"X\"\ntopic = \"billing\"\nbody = \"Mail {{ customer.email }}\"\n",
        )])
        .arg("check")
        .stdout("✓ 1 response in 1 file: no errors\n")
        .run();
}

/// A review dated ahead keeps a response from being stale until then.
#[test]
fn a_review_dated_after_today_is_a_warning() {
    check("x.toml", x("title = \"X\"\ntopic = \"billing\"\nreviewed = 2062-11-24\nbody = \"b\"\n"))
        .stdout(
            "
            lib/x.toml:5:12: warning: `reviewed = 2062-11-24` is after today (2026-11-24) (response `x`)
                hint: a review is dated the day it was done: `canned review x` writes today's date

            ✓ 2 responses in 2 files: no errors, 1 warning
            ",
        )
        .run();
    // Told of a response left out for another error too; a quoted date is
    // told to lose its quotes, a word in quotes is not.
    check(
        "x.toml",
        x("title = \"X\"\ntopic = \"billing\"\nreviewed = 2062-11-24\nexpires = \"soon\"\nowner = 7\nbody = \"b\"\n"),
    )
    .status(1)
    .stdout(
        "
        lib/x.toml:5:12: warning: `reviewed = 2062-11-24` is after today (2026-11-24) (response `x`)
            hint: a review is dated the day it was done: `canned review x` writes today's date
        lib/x.toml:6:11: error: `expires` must be a date (response `x`)
            expected: a TOML date such as expires = 2026-10-02
        lib/x.toml:7:9: error: `owner` must be a string, found an integer (response `x`)
            expected: a quoted string

        ✗ 2 errors, 1 warning in a library of 2 files; 1 response valid
        ",
    )
    .run();
    check(
        "x.toml",
        x("title = \"X\"\ntopic = \"billing\"\nexpires = \"2027-01-31\"\nbody = \"b\"\n"),
    )
    .status(1)
    .stdout(
        "
        lib/x.toml:5:11: error: `expires` must be a date (response `x`)
            expected: a TOML date such as expires = 2026-10-02
            hint: remove the quotes: TOML dates are written bare

        ✗ 1 error in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

/// A name above declared ones only prints a group as one value, which
/// `use` refuses: `check` says so first.
#[test]
fn a_variable_declared_only_as_a_group_is_not_declared_as_one_value() {
    let manifest = format!(
        "{MANIFEST}\n[variables.customer.email]\ndescription = \"e\"\nexample = \"a@b.c\"\n"
    );
    Test::new()
        .manifest(&manifest)
        .library(&[(
            "x.toml",
            "[[response]]\nid = \"x\"\ntitle = \"X\"\ntopic = \"billing\"\nbody = \"Hi {{ customer }}, {{ customer.email }}\"\n",
        )])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/x.toml:5:15: error: variable `customer` is not declared (response `x`)
                expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
                hint: declare it: [variables.customer] with a description and an example
            lib/x.toml:5:15: error: `customer` is read as one value and as a group (`customer.email`): no values fill both (response `x`)
                hint: print `{{ customer }}` alone, or the group's fields alone (`{{ customer.email }}`)

            ✗ 2 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// A placeholder the template writes itself, not its text, is caught by
/// `check` and refused by `use` alike; one in its text (a `{% raw %}`
/// section is text) is `audit`'s, and `use` refuses it all the same.
#[test]
fn a_placeholder_left_in_the_text_is_an_error_where_it_is_written() {
    // `use` refuses to copy such a reply: CI meets the refusal first, not
    // an agent mid-chat. A partial's is told once, at the partial. Each
    // is told where it is, so that one run names all there are to fix.
    let env = Env::with_library(&[
        (
            "canned.toml",
            &MANIFEST.replace("— {{ agent }}", "— {{ agent }}, TODO: phone number"),
        ),
        (
            "x.toml",
            "[[response]]\nid = \"x\"\ntitle = \"X\"\ntopic = \"billing\"\nbody = '''\nHi [Name],\nsee XXX and <b>this</b>, XXX.\n'''\n\n\
             [[response]]\nid = \"y\"\ntitle = \"Y\"\ntopic = \"billing\"\nbody = '''Hi {{ name }}\n{% include \"signature\" %}'''\n",
        ),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:20:29: error: `TODO` is left in the text: `use` refuses to copy a reply holding it
                hint: write what the customer should read, or a variable (`{{ name }}`)
            lib/x.toml:6:4: error: `[Name]` is left in the text: `use` refuses to copy a reply holding it (response `x`)
                hint: write what the customer should read, or a variable (`{{ name }}`)
            lib/x.toml:7:5: error: `XXX` is left in the text: `use` refuses to copy a reply holding it (response `x`)
                hint: write what the customer should read, or a variable (`{{ name }}`)
            lib/x.toml:7:13: error: `<b>` is left in the text: `use` refuses to copy a reply holding it (response `x`)
                hint: write what the customer should read, or a variable (`{{ name }}`)
            lib/x.toml:7:26: error: `XXX` is left in the text: `use` refuses to copy a reply holding it (response `x`)
                hint: write what the customer should read, or a variable (`{{ name }}`)

            ✗ 5 errors in a library of 1 file; 1 response valid
            ",
        )
        .run();
}

/// A placeholder whose accents are marks after their letters (a body
/// saved on a Mac), `[Pre\u{301}nom]`, is one as `[Prénom]` is: it passed
/// `check` and was copied.
#[test]
fn a_placeholder_with_decomposed_accents_is_one() {
    let body = "[[response]]\nid = \"x\"\ntitle = \"X\"\ntopic = \"billing\"\nlang = \"fr\"\nbody = '''Bonjour [Pre\u{301}nom].'''\n";
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("x.toml", body)]);
    let out = env
        .test()
        .library(&[])
        .arg("check")
        .status(1)
        .any_stdout()
        .run();
    assert!(
        out.stdout
            .contains("error: `[Pre\u{301}nom]` is left in the text"),
        "{}",
        out.stdout
    );
    env.test()
        .library(&[])
        .args(["use", "x", "--print"])
        .status(1)
        .any_stderr()
        .run();
}

/// A library checked in CI on Linux is checked out by teammates on Windows
/// and macOS: a file name Windows cannot hold, or two that differ only in
/// case, fail `check` there first. A device's name (`aux.toml`, the
/// console or a port on Windows) is never read.
#[test]
fn file_names_windows_or_macos_cannot_hold_fail_check() {
    let reply = |id: &str| response(id);
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("billing.toml", &reply("a")),
        ("Billing.toml", &reply("b")),
        ("aux.toml", &reply("c")),
        ("sub./x.toml", &reply("d")),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/aux.toml:1:1: error: `aux.toml` is a device's name on Windows: no file can have it; skipped
                hint: rename it: a teammate on Windows could not check the library out
            lib/billing.toml:1:1: error: `Billing.toml` and `billing.toml` differ only in case: one file on Windows and macOS
                hint: rename one, or merge them: a teammate there would get only one of them
            lib/sub./x.toml:1:1: error: `sub./x.toml`: `sub.` ends in a dot or a space, which Windows drops from a name
                hint: rename it: a teammate on Windows could not check the library out

            ✗ 3 errors in a library of 3 files; 3 responses valid
            ",
        )
        .run();
}

/// On macOS `é` written as one character and as `e` and a mark are one
/// name: two files so named are one there, as two in other cases are on
/// Windows too.
#[test]
fn file_names_differing_in_how_an_accent_is_written_fail_check() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("r\u{e9}ponses.toml", &response("a")),
        ("re\u{301}ponses.toml", &response("b")),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/r\u{e9}ponses.toml:1:1: error: `r\u{e9}ponses.toml` is here twice, its accents written two ways (as one character, and as a letter and a mark): one file on macOS
                hint: rename one, or merge them: a teammate there would get only one of them

            ✗ 1 error in a library of 2 files; 2 responses valid
            ",
        )
        .run();
}

/// An example or a description may show a mask or a format: only a
/// writer's note to self (`TODO`, `FIXME`) is warned of.
#[test]
fn a_masked_example_or_a_format_in_a_description_is_no_note_to_self() {
    let manifest = format!(
        "{MANIFEST}\n[variables.card]\ndescription = \"Card number on the customer's TODO list, as INV-XXXX-XXXX\"\nexample = \"XXXX XXXX XXXX 4242\"\n\
         [variables.case]\ndescription = \"FIXME\"\nexample = \"[CASE-1234]\"\n"
    );
    let env = Env::with_library(&[
        ("canned.toml", &manifest),
        (
            "x.toml",
            "[[response]]\nid = \"c\"\ntitle = \"C\"\ntopic = \"billing\"\nbody = '''Card {{ card }}, case {{ case }}'''\n",
        ),
    ]);
    let out = env.test().library(&[]).arg("check").any_stdout().run();
    assert!(
        out.stdout
            .contains("warning: variable `case` is still to write: its description holds `FIXME`"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("`card` is still to write"),
        "{}",
        out.stdout
    );
}

/// Folders that differ only in case are one folder on Windows and macOS:
/// their files join there, so it is said, not failed (`new` names the
/// folder to write in).
#[test]
fn folders_that_differ_only_in_case_are_said() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        ("Team/a.toml", &response("a")),
        ("team/b.toml", &response("b")),
        ("team/c.toml", &response("c")),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .stdout(
            "
            lib/team/b.toml:1:1: warning: the folders `Team` and `team` differ only in case: one folder on Windows and macOS
                hint: move the files into one of them

            ✓ 3 responses in 3 files: no errors, 1 warning
            ",
        )
        .run();
}

/// "Your reference: [{{ order }}]" is a house style: brackets around a
/// value are filled, for `check` and `use`, whatever the value.
#[test]
fn brackets_around_a_value_are_no_placeholder() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "x.toml",
            "[[response]]\nid = \"ref\"\ntitle = \"R\"\ntopic = \"billing\"\nbody = '''[{{ name }}] Re: [ref {{ order }}]'''\n",
        ),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .stdout("✓ 1 response in 1 file: no errors\n")
        .run();
    env.test()
        .library(&[])
        .args([
            "use",
            "ref",
            "--print",
            "--var",
            "name=Bob Smith",
            "--var",
            "order=55",
        ])
        .stdout("[Bob Smith] Re: [ref 55]")
        .run();
}

/// A fallback the examples never reach (`default(value="[Name]")`) is
/// what `use` prints when no name is known, and refuses: told where it is
/// written. A string a test compares with is never printed.
#[test]
fn a_placeholder_in_a_fallback_the_template_prints_is_an_error() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "x.toml",
            "[[response]]\nid = \"fb\"\ntitle = \"F\"\ntopic = \"billing\"\nbody = '''Hi {{ name | default(value=\"[Name]\") }}{% if order == \"TODO\" %}!{% endif %}'''\n",
        ),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/x.toml:5:39: error: `[Name]` is in a string the template prints: `use` refuses to copy a reply holding it (response `fb`)
                hint: write what the customer should read there

            ✗ 1 error in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// Without a value `use` does not ask for (read under `default`), the
/// fallback is what the customer reads: a placeholder the template makes
/// of it with its brackets or a filter fails `check`. A string searched
/// for (`replace(from=…)`) or compared with is never printed.
#[test]
fn a_fallback_that_makes_a_placeholder_fails_check_and_a_searched_string_does_not() {
    let reply = |id: &str, body: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = '''{body}'''\n\n"
        )
    };
    let file = [
        reply(
            "bracketed",
            "Dear [{{ name | default(value=\"Name\") }}], thanks.",
        ),
        reply("upper", "Hi {{ name | default(value=\"todo\") | upper }},"),
        reply("searched", "Hi {{ name | replace(from=\"XXX\", to=\"\") }}"),
        reply("compared", "Flag: {{ name == \"TODO\" }}"),
    ]
    .concat();
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("x.toml", &file)]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/x.toml:5:11: error: without `name`, which `use` does not ask for, the finished text holds `[Name]` (response `bracketed`)
                hint: `use` refuses to copy it then: make the fallback text the customer should read
            lib/x.toml:11:11: error: without `name`, which `use` does not ask for, the finished text holds `TODO` (response `upper`)
                hint: `use` refuses to copy it then: make the fallback text the customer should read

            ✗ 2 errors in a library of 1 file; 2 responses valid
            ",
        )
        .run();
}

/// A placeholder the template writes of its own, from a list a loop
/// prints or from pieces it joins, fails `check`: told at the string that
/// holds it whole, in any case (`| upper`), or else at the body; once.
#[test]
fn a_placeholder_a_loop_prints_is_told_at_its_string() {
    let reply = |id: &str, body: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = '''{body}'''\n\n"
        )
    };
    let file = [
        reply(
            "looped",
            "Hi,\n{% for x in [\"soon\", \"[Name]\"] %}{{ x }} {% endfor %}",
        ),
        reply("joined", "Hi {{ \"[\" ~ \"Name\" ~ \"]\" }}"),
        // Through a filter that changes its case, once.
        reply(
            "upper",
            "Hi,\n{% for x in [\"soon\", \"[name]\"] %}{{ x | upper }} {% endfor %}",
        ),
        reply("printed", "Hi {{ \"[Name]\" | upper }}"),
    ]
    .concat();
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("x.toml", &file)]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/x.toml:6:23: error: the finished text still holds `[Name]`, written by the template itself (response `looped`)
                hint: `use` refuses to copy it: write the text the customer should read
            lib/x.toml:12:11: error: the finished text still holds `[Name]`, written by the template itself (response `joined`)
                hint: `use` refuses to copy it: write the text the customer should read
            lib/x.toml:19:23: error: the finished text still holds `[NAME]`, written by the template itself (response `upper`)
                hint: `use` refuses to copy it: write the text the customer should read
            lib/x.toml:25:18: error: `[Name]` is in a string the template prints: `use` refuses to copy a reply holding it (response `printed`)
                hint: write what the customer should read there

            ✗ 4 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// Brackets a missing value leaves empty (`ref [{{ order |
/// default(value="") }}]` is `ref []`, `(order #{{ … }})` is `(order #)`)
/// are debris in front of a customer: `check` fails them where the value
/// is read, and `use` refuses them, as `[ref ]`. Those the reply writes
/// itself (a JSON `[]`, `f()` in a loop, a partial included twice) are
/// meant, and a value glued to a word (`FAQ{{ … }}`) is a suffix.
#[test]
fn brackets_an_optional_value_leaves_empty_fail_check_and_are_never_copied() {
    let reply = |id: &str, body: &str| {
        format!(
            "[[response]]\nid = \"{id}\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = '''{body}'''\n\n"
        )
    };
    let file = [
        reply(
            "emptied",
            "Send [] to f() [ref {{ order | default(value=\"\") }}] ({{ order | default(value=\"\") }})",
        ),
        reply("hash", "Your order (order #{{ order | default(value=\"\") }}) is noted."),
        reply(
            "meant",
            "{% for x in [1, 2] %}Call f() on {{ x }}. {% endfor %}{% include \"json\" %} {% include \"json\" %} {{ name }}",
        ),
        reply("suffix", "See the FAQ (part B{{ order | default(value=\"\") }})."),
    ]
    .concat();
    let manifest = MANIFEST.replace("[partials]\n", "[partials]\njson = \"Send []\"\n");
    assert_ne!(manifest, MANIFEST);
    let env = Env::with_library(&[("canned.toml", &manifest), ("x.toml", &file)]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/x.toml:5:34: error: without `order`, which `use` does not ask for, the finished text holds `[ref ]`: brackets left empty (response `emptied`)
                hint: `use` refuses to copy it then: put the brackets inside `{% if … %}`, or make the fallback text the customer should read
            lib/x.toml:5:68: error: without `order`, which `use` does not ask for, the finished text holds `()`: brackets left empty (response `emptied`)
                hint: `use` refuses to copy it then: put the brackets inside `{% if … %}`, or make the fallback text the customer should read
            lib/x.toml:11:33: error: without `order`, which `use` does not ask for, the finished text holds `(order #)`: brackets left empty (response `hash`)
                hint: `use` refuses to copy it then: put the brackets inside `{% if … %}`, or make the fallback text the customer should read

            ✗ 3 errors in a library of 1 file; 2 responses valid
            ",
        )
        .run();
    env.test()
        .library(&[])
        .args(["use", "emptied", "--print"])
        .status(1)
        .stderr(
            "
            error: the text of `emptied` still contains `[ref ]`, `()`: not copied
            hint: the reply's template, or a default in canned.toml, holds it: `canned check` shows where (`canned show emptied --raw` shows the template)
            ",
        )
        .run();
    env.test()
        .library(&[])
        .args(["use", "meant", "--var", "name=Al", "--print"])
        .stdout("Call f() on 1. Call f() on 2. Send [] Send [] Al")
        .run();
    env.test()
        .library(&[])
        .args(["use", "suffix", "--print"])
        .stdout("See the FAQ (part B).")
        .run();
}

#[test]
fn a_placeholder_the_template_writes_is_an_error_and_never_copied() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "x.toml",
            "[[response]]\nid = \"raw\"\ntitle = \"R\"\ntopic = \"billing\"\nbody = '''{% raw %}{{ name }}{% endraw %} hi'''\n\n\
             [[response]]\nid = \"lit\"\ntitle = \"L\"\ntopic = \"billing\"\nbody = '''Hi {{ name }} {{ \"[Name]\" }}'''\n",
        ),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/x.toml:5:20: error: `{{` is left in the text: `use` refuses to copy a reply holding it (response `raw`)
                hint: write what the customer should read, or a variable (`{{ name }}`)
            lib/x.toml:11:29: error: `[Name]` is in a string the template prints: `use` refuses to copy a reply holding it (response `lit`)
                hint: write what the customer should read there

            ✗ 2 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
    env.test()
        .library(&[])
        .args(["use", "raw", "--print", "--var", "name=Bob"])
        .status(1)
        .stderr(
            "
            error: the text of `raw` still contains `{{`: not copied
            hint: the reply's template, or a default in canned.toml, holds it: `canned check` shows where (`canned show raw --raw` shows the template)
            ",
        )
        .run();
    env.test()
        .library(&[])
        .args(["use", "lit", "--print", "--var", "name=Bob"])
        .status(1)
        .stderr(
            "
            error: the text of `lit` still contains `[Name]`: not copied
            hint: the reply's template, or a default in canned.toml, holds it: `canned check` shows where (`canned show lit --raw` shows the template)
            ",
        )
        .run();
}

/// A topic the manifest renamed, in a file's `[defaults]`: that one error,
/// not a "has no topic" more for each response that takes it from there.
#[test]
fn a_refused_topic_in_defaults_is_told_once_for_the_responses_that_take_it() {
    let file = "[defaults]\ntopic = \"shiping\"\n\n\
                [[response]]\nid = \"a\"\ntitle = \"A\"\nbody = \"x\"\n\n\
                [[response]]\nid = \"b\"\ntitle = \"B\"\nbody = \"y\"\n\n\
                [[response]]\nid = \"c\"\ntitle = \"C\"\ntopic = \"billing\"\nbody = \"z\"\n";
    check("f.toml", file)
        .status(1)
        .stdout(
            "
            lib/f.toml:2:9: error: unknown topic \"shiping\"
                expected: one of the manifest's topics: billing, shipping
                hint: did you mean `shipping`?

            ✗ 1 error in a library of 2 files; 2 responses valid
            ",
        )
        .run();
}

/// A CI job that reads `check --json` gets JSON when there is no library
/// to check, not an empty stdout its parser fails on.
#[test]
fn check_json_without_a_library_says_so_in_json() {
    let env = Env::new();
    let json = env
        .test()
        .args(["--library", "nowhere", "check", "--json"])
        .status(1)
        .stderr(
            "
            error: library directory `nowhere` (from --library) does not exist
            hint: check --library, or create the library with `canned init DIR`
            ",
        )
        .any_stdout()
        .run()
        .json();
    assert_eq!(json["ok"], false);
    assert_eq!(json["errors"], 1);
    assert_eq!(
        json["problems"][0]["message"],
        "library directory `nowhere` (from --library) does not exist"
    );
}

#[test]
fn an_unknown_filter_gets_a_did_you_mean() {
    check("f.toml", x("title = \"X\"\ntopic = \"billing\"\nbody = \"Hi {{ name | uper }}\"\n"))
        .status(1)
        .stdout(
            r#"
            lib/f.toml:5:22: error: template error: Unknown filter `uper` (response `x`)
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include "partial" %}
                hint: did you mean `upper`?

            ✗ 1 error in a library of 2 files; 1 response valid
            "#,
        )
        .run();
}

/// A merge conflict committed as it is, inside a body, is still TOML: both
/// sides would go to the customer between git's markers. `check` fails on
/// it where it is, and `use` refuses to copy it.
#[test]
fn a_merge_conflict_left_in_a_body_fails_check_and_is_never_copied() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "x.toml",
            "[[response]]\nid = \"refund\"\ntitle = \"R\"\ntopic = \"billing\"\nbody = \"\"\"\nHi {{ name }},\n\
             <<<<<<< HEAD\nallow 5 days.\n=======\nthe refund takes 5 days.\n>>>>>>> alice\n\"\"\"\n",
        ),
    ]);
    let hint =
        "hint: a merge conflict is left here: keep what each side meant, and remove git's markers";
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(&format!(
            "
            lib/x.toml:7:1: error: `<<<<<<<` is left in the text: `use` refuses to copy a reply holding it (response `refund`)
                {hint}
            lib/x.toml:11:1: error: `>>>>>>>` is left in the text: `use` refuses to copy a reply holding it (response `refund`)
                {hint}

            ✗ 2 errors in a library of 1 file; 0 responses valid
            "
        ))
        .run();
    env.test()
        .library(&[])
        .args(["use", "refund", "--print", "--var", "name=Bob"])
        .status(1)
        .stderr(
            "
            error: the text of `refund` still contains `<<<<<<<`, `>>>>>>>`: not copied
            hint: the reply's template, or a default in canned.toml, holds it: `canned check` shows where (`canned show refund --raw` shows the template)
            ",
        )
        .run();
}

/// One marker alone is no conflict: a quote seven levels deep or an
/// ASCII banner passes `check` and is copied as written.
#[test]
fn a_markers_text_alone_is_no_merge_conflict() {
    let body =
        ">>>>>>> Hello, where is my order?\n<<<<<<< Original message >>>>>>>\nIt ships today.\n";
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "x.toml",
            &format!(
                "[[response]]\nid = \"quote\"\ntitle = \"Q\"\ntopic = \"billing\"\nbody = \"\"\"\n{body}\"\"\"\n"
            ),
        ),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .stdout("✓ 1 response in 1 file: no errors\n")
        .run();
    env.test()
        .library(&[])
        .args(["use", "quote", "--print"])
        .stdout(body)
        .run();
}

/// Between keys, a conflict is no TOML: the error says what the line is.
#[test]
fn a_merge_conflict_between_keys_is_named_as_one() {
    let env = Env::with_library(&[
        ("canned.toml", MANIFEST),
        (
            "x.toml",
            "[[response]]\nid = \"a\"\n<<<<<<< HEAD\ntitle = \"A\"\n=======\ntitle = \"B\"\n>>>>>>> alice\ntopic = \"billing\"\nbody = \"hi\"\n",
        ),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/x.toml:3:1: error: invalid TOML: `<<<<<<<` is a merge conflict's marker: keep what each side meant, and remove git's markers: invalid unquoted key, expected letters, numbers, `-`, `_`
                hint: the whole file is skipped until this is fixed; 8 more errors after it may follow from it

            ✗ 1 error in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// A default goes into every reply sent without its value: one holding a
/// placeholder would have every such reply refused, so `check` fails on it
/// at the default.
#[test]
fn a_default_holding_a_placeholder_fails_check_where_it_is_written() {
    let env = Env::with_library(&[
        (
            "canned.toml",
            &MANIFEST.replace("default = \"the team\"", "default = \"[Agent name]\""),
        ),
        ("x.toml", &response("x")),
    ]);
    env.test()
        .library(&[])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:17:11: error: the default of `agent`, \"[Agent name]\", holds `[Agent name]`: `use` refuses to copy a reply holding it
                expected: the text a customer should read, or no default

            ✗ 1 error in a library of 1 file; 1 response valid
            ",
        )
        .run();
}

/// A partial that includes an unknown one is told where it is; a body that
/// includes it cannot be used (`use` refuses it) and is told so, as for any
/// broken partial, not as including an unknown one.
#[test]
fn a_partial_including_an_unknown_one_is_told_at_the_partial_and_its_includes() {
    let manifest = MANIFEST.replace(
        "signature = \"— {{ agent }}\"",
        "signature = \"— {{ agent }} {% include \\\"footer\\\" %}\"",
    );
    Test::new()
        .manifest(&manifest)
        .library(&[("good.toml", &response("good"))])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:20:41: error: include of unknown partial `footer`
                expected: one of: signature
            lib/good.toml:7:13: error: template error: includes partial `signature`, which has errors (response `good`)

            ✗ 2 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// A branch for a customer type or a language the library does not have
/// never renders: told where the value is written, with a did-you-mean.
/// Compared as Tera compares, exactly.
#[test]
fn a_branch_for_a_value_the_library_never_gives_is_an_error() {
    Test::new()
        .manifest(MANIFEST)
        .library(&[(
            "x.toml",
            "[[response]]\nid = \"x\"\ntitle = \"X\"\ntopic = \"billing\"\nbody = \"\"\"\n\
             {% if customer_type == \"vpi\" %}a{% elif customer_type in [\"new\", \"VIP\"] %}b\
             {% elif lang == \"fre\" %}c{% elif lang == \"en\" or customer_type == \"any\" %}d{% endif %}\"\"\"\n",
        )])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/x.toml:6:25: error: `customer_type` is never \"vpi\": comparing with it gives the same answer for every customer (response `x`)
                expected: one of: new, vip, any
                hint: did you mean `vip`?
            lib/x.toml:6:67: error: `customer_type` is never \"VIP\": comparing with it gives the same answer for every customer (response `x`)
                expected: one of: new, vip, any
                hint: did you mean `vip`?
            lib/x.toml:6:93: error: no reply of the library is in \"fre\": comparing with it gives the same answer for every reply (response `x`)
                expected: one of: en

            ✗ 3 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// A declared default is what `use` renders with until an agent types
/// another value: `check` renders with it too.
#[test]
fn a_default_the_reply_does_not_render_with_is_an_error() {
    Test::new()
        .manifest("[variables.d]\ndescription = \"d\"\nexample = \"3\"\ndefault = \"x\"\n")
        .library(&[(
            "r.toml",
            "[[response]]\nid = \"dd\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"{{ d | int }}\"\n",
        )])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/r.toml:5:16: error: fails to render with the declared defaults: template error: The string `x` cannot be converted to an int in base 10 (response `dd`)
                hint: a default is used until an agent types another value: make it one the reply renders with

            ✗ 1 error in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// A declared `default = ""` is what `use` renders with too: brackets it
/// leaves empty are refused there, so `check` fails them where the value
/// is read. A default with words passes.
#[test]
fn brackets_a_declared_empty_default_leaves_empty_are_an_error() {
    Test::new()
        .manifest(
            "[variables.order]\ndescription = \"o\"\nexample = \"1245\"\ndefault = \"\"\n\n[variables.ref]\ndescription = \"r\"\nexample = \"R1\"\ndefault = \"none\"\n",
        )
        .library(&[(
            "r.toml",
            "[[response]]\nid = \"dd\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"Hi. Your order (#{{ order }}) ships [ref {{ ref }}].\"\n",
        )])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/r.toml:5:29: error: with `order`'s declared default \"\", the finished text holds `(#)`: brackets left empty (response `dd`)
                hint: `use` refuses to copy it until an agent types a value: put the brackets inside `{% if … %}`, or declare a default the customer should read

            ✗ 1 error in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// Brackets left empty are told at the value's read inside them, not at
/// an earlier read outside; in a partial, in canned.toml where it is read.
#[test]
fn brackets_left_empty_are_told_where_the_bracketed_value_is_read() {
    Test::new()
        .manifest(
            "[variables.ref]\ndescription = \"r\"\nexample = \"R1\"\n\n[variables.name]\ndescription = \"n\"\nexample = \"Sam\"\n\n[partials]\nps = \"P.S. [{{ ref | default(value='') }}]\"\n",
        )
        .library(&[(
            "r.toml",
            "[[response]]\nid = \"bare\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"\"\"\nYour reference {{ ref | default(value='') }} is noted.\nQuote [{{ ref | default(value='') }}] when you write.\"\"\"\n\n[[response]]\nid = \"partial\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"Hello {{ name }}. {% include 'ps' %}\"\n",
        )])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:10:16: error: without `ref`, which `use` does not ask for, the finished text holds `[]`: brackets left empty (response `partial`)
                hint: `use` refuses to copy it then: put the brackets inside `{% if … %}`, or make the fallback text the customer should read
            lib/r.toml:7:11: error: without `ref`, which `use` does not ask for, the finished text holds `[]`: brackets left empty (response `bare`)
                hint: `use` refuses to copy it then: put the brackets inside `{% if … %}`, or make the fallback text the customer should read

            ✗ 2 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// Each value leaving brackets empty is told at its own read, in one run:
/// one was named for all, and a declared default's was told only once the
/// fallback's was fixed.
#[test]
fn each_value_leaving_brackets_empty_is_told_at_its_read() {
    Test::new()
        .manifest("[variables.w]\ndescription = \"w\"\nexample = \"3\"\ndefault = \"\"\n\n[variables.ref]\ndescription = \"r\"\nexample = \"R1\"\n")
        .library(&[(
            "r.toml",
            "[[response]]\nid = \"two\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"C ({{ w }}kg) and [{{ ref | default(value='') }}]\"\n",
        )])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/r.toml:5:15: error: with `w`'s declared default \"\", the finished text holds `(kg)`: brackets left empty (response `two`)
                hint: `use` refuses to copy it until an agent types a value: put the brackets inside `{% if … %}`, or declare a default the customer should read
            lib/r.toml:5:31: error: without `ref`, which `use` does not ask for, the finished text holds `[]`: brackets left empty (response `two`)
                hint: `use` refuses to copy it then: put the brackets inside `{% if … %}`, or make the fallback text the customer should read

            ✗ 2 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// A declared default's empty brackets hide neither a fallback's nor its
/// own second pair: each is told where it is read.
#[test]
fn every_pair_of_brackets_left_empty_is_told_at_its_read() {
    Test::new()
        .manifest("[variables.order]\ndescription = \"o\"\ndefault = \"\"\n\n[variables.c]\ndescription = \"c\"\nexample = \"C1\"\n")
        .library(&[(
            "r.toml",
            "[[response]]\nid = \"r\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"\"\"\nOrder (#{{ order }})\nCode [{{ c | default(value='') }}]\nAgain [{{ order }}]\"\"\"\n",
        )])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/r.toml:6:12: error: with `order`'s declared default \"\", the finished text holds `(#)`: brackets left empty (response `r`)
                hint: `use` refuses to copy it until an agent types a value: put the brackets inside `{% if … %}`, or declare a default the customer should read
            lib/r.toml:7:10: error: without `c`, which `use` does not ask for, the finished text holds `[]`: brackets left empty (response `r`)
                hint: `use` refuses to copy it then: put the brackets inside `{% if … %}`, or make the fallback text the customer should read
            lib/r.toml:8:11: error: with `order`'s declared default \"\", the finished text holds `[]`: brackets left empty (response `r`)
                hint: `use` refuses to copy it until an agent types a value: put the brackets inside `{% if … %}`, or declare a default the customer should read

            ✗ 3 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// A value a filter makes nothing of leaves its brackets empty: with the
/// example value, `check` fails them as `use` refuses them.
#[test]
fn brackets_a_filter_leaves_empty_are_an_error() {
    Test::new()
        .manifest("[variables.ref]\ndescription = \"r\"\nexample = \"R1\"\n")
        .library(&[(
            "r.toml",
            "[[response]]\nid = \"f\"\ntitle = \"T\"\ntopic = \"t\"\nbody = \"Ref [{{ ref | replace(from='R1', to='') }}] ok.\"\n",
        )])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/r.toml:5:17: error: with the example values, `ref` prints nothing here and the finished text holds `[]`: brackets left empty (response `f`)
                hint: `use` refuses to copy it with such a value: put the brackets inside `{% if … %}`

            ✗ 1 error in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// A response whose id and shortcut both clash is told of both at once.
#[test]
fn a_response_clashing_by_id_and_by_shortcut_is_told_both() {
    Test::new()
        .manifest("")
        .library(&[
            (
                "a.toml",
                "[[response]]\nid = \"a-one\"\ntitle = \"A\"\ntopic = \"general\"\nbody = \"A\"\n\n\
                 [[response]]\nid = \"b-one\"\ntitle = \"B\"\nshortcut = \"go\"\ntopic = \"general\"\nbody = \"B\"\n",
            ),
            (
                "b.toml",
                "[[response]]\nid = \"a-one\"\ntitle = \"C\"\nshortcut = \"go\"\ntopic = \"general\"\nbody = \"C\"\n",
            ),
        ])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/b.toml:1:1: error: duplicate id `a-one` (response `a-one`)
                expected: an id used by no other response
                hint: first defined at lib/a.toml:1:1; this response is skipped, and `a-one` names neither until one of them is renamed
            lib/b.toml:1:1: error: duplicate shortcut `go` (response `a-one`)
                expected: a shortcut used by no other response
                hint: first defined at lib/a.toml:7:1; this response is skipped, and `go` names neither until one of them is renamed

            ✗ 2 errors in a library of 2 files; 2 responses valid
            ",
        )
        .run();
}

/// A partial Tera refuses (an unknown filter) is told where it is, and a
/// body that includes it as including a broken partial, not an unknown one.
#[test]
fn a_body_including_a_partial_tera_refuses_is_told_so_at_its_include() {
    let manifest = MANIFEST.replace(
        "signature = \"— {{ agent }}\"",
        "signature = \"— {{ agent | nofilter }}\"",
    );
    Test::new()
        .manifest(&manifest)
        .library(&[("good.toml", &response("good"))])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:20:27: error: partial error: Unknown filter `nofilter`
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}
            lib/good.toml:7:13: error: template error: includes partial `signature`, which has errors (response `good`)

            ✗ 2 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// A reply that includes two broken partials is told of each, at its
/// include, in one run: CI failed again on the second once the first was
/// fixed.
#[test]
fn a_body_including_two_broken_partials_is_told_of_both() {
    let manifest = "[partials]\nd = \"{{ 1 | uper }}\"\nc = \"{% if %}\"\n";
    let body = "[[response]]\nid = \"two\"\ntitle = \"Two\"\ntopic = \"t\"\nbody = '''{% include \"d\" %} {% include \"c\" %}'''\n";
    Test::new()
        .manifest(manifest)
        .library(&[("x.toml", body)])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:2:13: error: partial error: Unknown filter `uper`
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}
                hint: did you mean `upper`?
            lib/canned.toml:3:12: error: partial error: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`
                expected: a valid Tera template: {{ variable }}, {% if … %}…{% endif %}, {% include \"partial\" %}
            lib/x.toml:5:23: error: template error: includes partial `d`, which has errors (response `two`)
            lib/x.toml:5:41: error: template error: includes partial `c`, which has errors (response `two`)

            ✗ 4 errors in a library of 1 file; 0 responses valid
            ",
        )
        .run();
}

/// A partial that includes itself beside broken ones: each include told.
#[test]
fn a_body_including_a_looping_partial_and_broken_ones_is_told_of_each() {
    let manifest = "[partials]\nbad = \"{% if %}\"\nloop = \"{% include 'loop' %}\"\n";
    let body = "[[response]]\nid = \"m\"\ntitle = \"M\"\ntopic = \"t\"\nbody = '''{% include \"bad\" %} {% include \"loop\" %}'''\n";
    let out = Test::new()
        .manifest(manifest)
        .library(&[("x.toml", body)])
        .arg("check")
        .status(1)
        .any_stdout()
        .run();
    for told in [
        "lib/x.toml:5:23: error: template error: includes partial `bad`, which has errors (response `m`)",
        "lib/x.toml:5:43: error: template error: includes partial `loop`, which has errors (response `m`)",
    ] {
        assert!(out.stdout.contains(told), "{}", out.stdout);
    }
}

#[test]
fn a_partials_undeclared_variable_is_told_once_at_the_partial() {
    // Not at every body that includes it, where nothing can be fixed.
    Test::new()
        .manifest(&MANIFEST.replace("— {{ agent }}", "— {{ agnt }}"))
        .library(&[("a.toml", &response("a")), ("b.toml", &response("b"))])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:20:19: error: variable `agnt` is not declared
                expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
                hint: did you mean `agent`?

            ✗ 1 error in a library of 2 files; 2 responses valid
            ",
        )
        .run();
}

#[test]
fn an_empty_translation_is_an_error() {
    check(
        "t.toml",
        "[[response]]\nid = \"t\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = \"Hi\"\n\n[response.translations.es]\n",
    )
    .status(1)
    .stdout(
        "
        lib/t.toml:7:1: error: translation `es` has no `title` nor `body` (response `t`)
            expected: both `title` and `body`

        ✗ 1 error in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

#[test]
fn a_response_left_out_for_its_fields_has_its_template_checked_in_the_same_run() {
    check(
        "t.toml",
        "[[response]]\nid = \"t\"\ntitle = \"T\"\ntopic = \"biling\"\nbody = \"x {{ nme }}\"\n",
    )
    .status(1)
    .stdout(
        "
        lib/t.toml:4:9: error: unknown topic \"biling\" (response `t`)
            expected: one of the manifest's topics: billing, shipping
            hint: did you mean `billing`?
        lib/t.toml:5:14: error: variable `nme` is not declared (response `t`)
            expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
            hint: did you mean `name`?

        ✗ 2 errors in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

/// A misspelt include is told with a did-you-mean, and the rest of the
/// body is still checked: one CI run shows every problem of it.
#[test]
fn an_unknown_include_hides_nothing_else_of_the_body() {
    check(
        "x.toml",
        x("title = \"X\"\ntopic = \"billing\"\nbody = \"\"\"\nHi {{ nmae }}, TODO\n{% include \"sigature\" %}\"\"\"\n"),
    )
    .status(1)
    .stdout(
        "
        lib/x.toml:6:7: error: variable `nmae` is not declared (response `x`)
            expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
            hint: did you mean `name`?
        lib/x.toml:6:16: error: `TODO` is left in the text: `use` refuses to copy a reply holding it (response `x`)
            hint: write what the customer should read, or a variable (`{{ name }}`)
        lib/x.toml:7:13: error: include of unknown partial `sigature` (response `x`)
            expected: one of: signature
            hint: did you mean `signature`?

        ✗ 3 errors in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

/// Two responses skipped for their own errors still clash, so that the
/// duplicate is not found only once both are fixed.
#[test]
fn two_responses_with_errors_and_the_same_id_are_told_apart() {
    Test::new()
        .manifest(MANIFEST)
        .file(
            "lib/a.toml",
            "[[response]]\nid = \"dup\"\ntitle = \"A\"\ntopic = \"biling\"\nbody = \"x\"\n",
        )
        .file(
            "lib/b.toml",
            "[[response]]\nid = \"dup\"\ntopic = \"billing\"\nbody = \"y\"\n",
        )
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/a.toml:4:9: error: unknown topic \"biling\" (response `dup`)
                expected: one of the manifest's topics: billing, shipping
                hint: did you mean `billing`?
            lib/b.toml:1:1: error: response has no `title` (response `dup`)
                expected: title = \"…\", one line
            lib/b.toml:1:1: error: duplicate id `dup` (response `dup`)
                expected: an id used by no other response
                hint: first defined at lib/a.toml:1:1, skipped for its own errors too

            ✗ 3 errors in a library of 2 files; 0 responses valid
            ",
        )
        .run();
}

/// An id the rules refuse still names the response, whose template is
/// checked all the same.
#[test]
fn a_response_with_an_invalid_id_has_its_template_checked() {
    check(
        "x.toml",
        "[[response]]\nid = \"Refund_VIP\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = \"Hi {{ nmae }}\"\n",
    )
    .status(1)
    .stdout(
        "
        lib/x.toml:2:6: error: invalid id \"Refund_VIP\"
            expected: lowercase letters, digits and dashes, starting with a letter or digit
            hint: try \"refund-vip\"
        lib/x.toml:5:15: error: variable `nmae` is not declared (response `Refund_VIP`)
            expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
            hint: did you mean `name`?

        ✗ 2 errors in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

/// An undeclared variable is located where a tag reads it: not in a
/// comment, a string, a `{% raw %}` section, nor at another field of its
/// group.
#[test]
fn an_undeclared_variable_is_located_where_it_is_read() {
    check(
        "x.toml",
        x("title = \"X\"\ntopic = \"billing\"\nbody = \"\"\"\nDear nmae, {# nmae #} {{ \"nmae\" }} {% raw %}{{ nmae }}{% endraw %} {{ nmae }}\n{{ name.first }} {{ order.ref }}\"\"\"\n"),
    )
    .status(1)
    .stdout(
        "
        lib/x.toml:6:45: error: `{{` is left in the text: `use` refuses to copy a reply holding it (response `x`)
            hint: write what the customer should read, or a variable (`{{ name }}`)
        lib/x.toml:6:71: error: variable `nmae` is not declared (response `x`)
            expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
            hint: did you mean `name`?

        ✗ 2 errors in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

/// A language tag in capitals is the one slip a did-you-mean fixes.
#[test]
fn a_language_tag_in_capitals_gets_a_did_you_mean() {
    check(
        "x.toml",
        x("title = \"X\"\ntopic = \"billing\"\nlang = \"EN\"\nbody = \"Hi\"\n[response.translations.FR]\ntitle = \"Y\"\nbody = \"Salut\"\n"),
    )
    .status(1)
    .stdout(
        "
        lib/x.toml:5:8: error: `EN` is not a language tag (response `x`)
            expected: a tag such as \"en\" or \"fr\"
            hint: did you mean `en`?
        lib/x.toml:7:24: error: `FR` is not a language tag (response `x`)
            expected: [response.translations.fr] and the like
            hint: did you mean `fr`?

        ✗ 2 errors in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

/// A CI job pointed at the wrong directory, empty or holding only a
/// manifest, fails rather than passing on nothing.
#[test]
fn a_library_without_response_files_fails() {
    for files in [&[][..], &[("canned.toml", MANIFEST)][..]] {
        Test::new()
            .library(files)
            .arg("check")
            .status(1)
            .stdout(
                "
                lib:1:1: error: no response files in the library: nothing to check
                    hint: is the library right? `canned init DIR` writes a starter library

                ✗ 1 error in a library of 0 files; 0 responses valid
                ",
            )
            .run();
    }
    // The JSON says so too, for a CI job that reads it.
    let json = Test::new()
        .library(&[])
        .args(["check", "--json"])
        .status(1)
        .any_stdout()
        .run()
        .json();
    assert_eq!(json["ok"], false);
    assert_eq!(
        json["problems"][0]["message"],
        "no response files in the library: nothing to check"
    );
}

/// A link inside the library to another of its files is the same file:
/// read once, under its own name, so its responses do not clash with
/// themselves.
#[cfg(unix)]
#[test]
fn a_file_linked_inside_the_library_is_read_once_under_its_own_name() {
    let env = Env::with_library(&[("canned.toml", MANIFEST), ("real.toml", &response("a"))]);
    for alias in ["alias.toml", "zz.toml"] {
        std::os::unix::fs::symlink("real.toml", env.library().join(alias)).unwrap();
    }
    env.test()
        .env("CANNED_LIBRARY", "lib")
        .arg("check")
        .stdout("✓ 1 response in 1 file: no errors\n")
        .run();
    let shown = env
        .test()
        .env("CANNED_LIBRARY", "lib")
        .args(["show", "a", "--json"])
        .any_stdout()
        .run()
        .json();
    assert_eq!(shown["file"], "real.toml", "{shown}");
    // Nor is a directory reached through a link named by the link, even
    // when the link comes first in path order.
    std::fs::create_dir(env.library().join("real")).unwrap();
    std::fs::rename(
        env.library().join("real.toml"),
        env.library().join("real/b.toml"),
    )
    .unwrap();
    for alias in ["alias.toml", "zz.toml"] {
        std::fs::remove_file(env.library().join(alias)).unwrap();
    }
    std::os::unix::fs::symlink("real", env.library().join("linked")).unwrap();
    std::os::unix::fs::symlink("real", env.library().join("a-link")).unwrap();
    let shown = env
        .test()
        .env("CANNED_LIBRARY", "lib")
        .args(["show", "a", "--json"])
        .any_stdout()
        .run()
        .json();
    assert_eq!(shown["file"], "real/b.toml", "{shown}");
}

/// A response whose shortcut is another's id stays under its own id, and
/// its template is checked: every problem in one run. Each clash is told
/// where the shortcut is written, and no response is taken away for it.
#[test]
fn a_response_whose_shortcut_clashes_stays_under_its_id_and_is_checked() {
    let file = "[[response]]\nid = \"one\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = \"x\"\n\
                [[response]]\nid = \"two\"\ntitle = \"T\"\ntopic = \"billing\"\nshortcut = \"one\"\nbody = \"{{ nmae }}\"\n\
                [[response]]\nid = \"three\"\ntitle = \"T\"\ntopic = \"billing\"\nshortcut = \"two\"\nbody = \"y\"\n";
    let out = check("x.toml", file).status(1).any_stdout().run().stdout;
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            "lib/x.toml:6:1: error: shortcut `one` is already the id of another response (response `two`)",
            "lib/x.toml:11:12: error: variable `nmae` is not declared (response `two`)",
            "lib/x.toml:12:1: error: shortcut `two` is already the id of another response (response `three`)",
        ],
        "{out}"
    );
    assert!(out.ends_with("3 responses valid\n"), "{out}");
}

/// A body refused for a hidden character has its template checked all the
/// same (every problem in one run), and no other command uses it.
#[test]
fn a_body_with_a_hidden_character_is_still_template_checked_and_never_used() {
    let file = "[[response]]\nid = \"h\"\ntitle = \"T\"\ntopic = \"billing\"\nbody = \"ok\\u200b {{ nom }}\"\n";
    let out = check("x.toml", file).status(1).any_stdout().run().stdout;
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(
        errors,
        [
            "lib/x.toml:5:11: error: `body` holds U+200B, an invisible formatting character (response `h`)",
            "lib/x.toml:5:21: error: variable `nom` is not declared (response `h`)",
        ],
        "{out}"
    );
    Test::new()
        .manifest(MANIFEST)
        .file("lib/x.toml", file)
        .args(["use", "h", "--print"])
        .status(1)
        .any_stderr()
        .run();
}

/// Each example is ranked against the whole library: one reply with
/// thousands of them took `check` minutes. Past a hundred, the rest are
/// not tried, and `check` says so.
#[test]
fn only_the_first_100_examples_of_a_text_are_tried() {
    let examples: Vec<String> = (0..101).map(|i| format!("\"refund number {i}\"")).collect();
    check(
        "f.toml",
        x(&format!(
            "title = \"Refund\"\ntopic = \"billing\"\nexamples = [\n{}\n]\nbody = \"Refunded.\"\n",
            examples.join(",\n")
        )),
    )
    .stdout(
        "
        lib/f.toml:106:1: warning: 101 examples: only the first 100 are tried against the library (response `x`)
            hint: a reply needs a handful: how customers ask, in their words

        ✓ 2 responses in 2 files: no errors, 1 warning
        ",
    )
    .run();
}

/// A response with errors clashes with each response holding its name,
/// also one already left out for another clash: every problem in one run.
#[test]
fn a_name_held_by_a_response_with_errors_clashes_with_every_other_holder() {
    Test::new()
        .library(&[
            ("a.toml", "[[response]]\nid = \"x\"\ntitle = \"\"\ntopic = \"t\"\nbody = \"one\"\n"),
            ("b.toml", "[[response]]\nid = \"y\"\ntitle = \"y\"\nshortcut = \"x\"\ntopic = \"t\"\nbody = \"two\"\n"),
            ("c.toml", "[[response]]\nid = \"x\"\ntitle = \"second x\"\ntopic = \"t\"\nbody = \"three\"\n"),
        ])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/a.toml:3:9: error: `title` is empty (response `x`)
                expected: some text
            lib/b.toml:1:1: error: shortcut `x` is already the id of another response (response `y`)
                expected: a shortcut used by no other response
                hint: first defined at lib/a.toml:1:1, skipped for its own errors; once they are fixed, this response is skipped
            lib/c.toml:1:1: error: id `x` is already the shortcut of `y` (response `x`)
                expected: an id used by no other response
                hint: first defined at lib/b.toml:1:1; this response is skipped, and `x` names neither until one of them is renamed
            lib/c.toml:1:1: error: duplicate id `x` (response `x`)
                expected: an id used by no other response
                hint: first defined at lib/a.toml:1:1, skipped for its own errors; once they are fixed, this response is skipped

            ✗ 4 errors in a library of 3 files; 1 response valid
            ",
        )
        .run();
}

/// The README's response file and manifest, together, are a library that
/// passes `check`: an example is a claim.
#[test]
fn the_readmes_example_library_passes() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```toml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    Test::new()
        .library(&[("shipping.toml", blocks[0]), ("canned.toml", blocks[1])])
        .arg("check")
        .stdout("✓ 1 response in 1 file: no errors\n")
        .run();
}

/// `{{ Customer }}` cannot be declared as written: the hint says how.
#[test]
fn an_undeclared_name_in_capitals_is_told_to_be_lowercase() {
    check(
        "f.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"Hi {{ Customer }}\"\n"),
    )
    .status(1)
    .stdout(
        "
        lib/f.toml:5:15: error: variable `Customer` is not declared (response `x`)
            expected: a variable declared under [variables] in canned.toml, or a built-in (agent, today, lang, customer_type)
            hint: variable names are lowercase: write `customer` and declare [variables.customer]

        ✗ 1 error in a library of 2 files; 1 response valid
        ",
    )
    .run();
}

/// A variable's description or example refused for a hidden character is
/// said once, where it is written: not called missing as well.
#[test]
fn a_refused_description_is_not_also_called_missing() {
    Test::new()
        .manifest(&format!(
            "{MANIFEST}\n[variables.amount]\ndescription = \"Amo\u{202e}unt\"\nexample = \"\u{200b}5\"\n"
        ))
        .library(&[("good.toml", &response("good"))])
        .arg("check")
        .status(1)
        .stdout(
            "
            lib/canned.toml:23:19: error: `description` holds U+202E, an invisible formatting character
                expected: visible text: line breaks and tabs are the only control characters text may hold
                hint: delete it: text pasted from a web page, a document or a terminal often carries one
            lib/canned.toml:24:12: error: `example` holds U+200B, an invisible formatting character
                expected: visible text: line breaks and tabs are the only control characters text may hold
                hint: delete it: text pasted from a web page, a document or a terminal often carries one

            ✗ 2 errors in a library of 1 file; 1 response valid
            ",
        )
        .run();
}

/// A translation that fails to render is shown in its own language.
#[test]
fn a_translation_that_fails_to_render_is_shown_in_its_language() {
    check(
        "t.toml",
        x("title = \"T\"\ntopic = \"billing\"\nbody = \"ok\"\n\n[response.translations.fr]\ntitle = \"T\"\nbody = \"{% for i in range(end=200000) %}{% endfor %}\"\n"),
    )
    .status(1)
    .stdout(
        "
        lib/t.toml:9:21: error: fails to render with the example values: template error: Function `range` would produce 200000 elements, which exceeds the limit of 100000 (response `x`)
            hint: `canned show x --lang fr` renders it the same way

        ✗ 1 error in a library of 2 files; 1 response valid
        ",
    )
    .run();
}
