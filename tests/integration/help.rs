//! Every command's `--help`, exactly as a user sees it. clap wraps help to
//! the terminal, at most 100 columns; the tests set `COLUMNS=100` and have
//! no terminal, so the wrapping is the same everywhere. A changed flag or
//! wording shows up here first.

use crate::support::Test;

/// The subcommands `canned --help` lists, `help` aside.
const COMMANDS: [&str; 16] = [
    "find",
    "suggest",
    "use",
    "chat",
    "list",
    "show",
    "check",
    "audit",
    "review",
    "new",
    "edit",
    "import",
    "export",
    "init",
    "completions",
    "man",
];

#[test]
fn canned_help() {
    Test::new()
        .args(["--help"])
        .stdout(
            r#"
            Find, personalise and copy canned responses for customer support.

            Run `canned` on a terminal for the interactive picker, or use a subcommand.

            Usage: canned [OPTIONS] [QUERY]... [COMMAND]

            Commands:
              find         Ranked matches for a few words, best first
              suggest      The best replies for a customer's message, with the values it states
              use          Fill in a response and copy it to the clipboard (or print it)
              chat         Remember values per chat: set, list or forget them
              list         List the library, grouped by urgency, topic and customer type
              show         Show one response: metadata, notes, variables and the rendered body
              check        Validate the whole library; exit 1 if anything is wrong (for CI)
              audit        Report stale, expired, duplicated, untranslated and unused responses (for team leads)
              review       Mark responses as reviewed: set `reviewed` in their file, nothing else
              new          Add a response to the file of its topic, then open it in your editor
              edit         Open a response in $VISUAL/$EDITOR at its line, then check its file
              import       Bring responses in from Zendesk macros or CSV, into a new file
              export       Print the whole library as JSON, CSV or a Markdown catalogue
              init         Write a starter library
              completions  Print shell completions
              man          Print the man page (roff)
              help         Print this message or the help of the given subcommand(s)

            Arguments:
              [QUERY]...
                      Picker: start with this query

            Options:
                  --library <DIR>
                      The library directory [default: $CANNED_LIBRARY, then the config file, then the nearest
                      ./responses]

                  --color <WHEN>
                      When to colour output (NO_COLOR also turns it off)
                      
                      [default: auto]
                      [possible values: auto, always, never]

              -q, --quiet
                      Say less: only errors

              -v, --verbose
                      Say more about what is going on

                  --chat <ID>
                      Picker: fill values from, and remember them in, this chat

                  --clipboard
                      Picker: start from the customer's message on the clipboard

                  --var <NAME=VALUE>
                      Picker: a value for a placeholder, NAME=VALUE (repeatable)

              -u, --urgency <URGENCY>
                      Only this urgency, or a range such as `>=high`

              -t, --topic <TOPIC>
                      Only this topic

              -c, --customer <TYPE>
                      Only responses that fit this customer type

              -l, --lang <LANG>
                      Picker: the language to answer in (the list still shows every reply)

                  --tag <TAG>
                      Only responses with this tag

                  --all
                      Include expired responses

              -h, --help
                      Print help (see a summary with '-h')

              -V, --version
                      Print version
            "#,
        )
        .run();
}

#[test]
fn find_help() {
    Test::new()
        .args(["find", "--help"])
        .stdout(
            r#"
            Ranked matches for a few words, best first

            Usage: canned find [OPTIONS] <QUERY>...

            Arguments:
              <QUERY>...  Words to look for, and qualifiers such as `u:>=high`, `t:billing`, `c:vip`, `l:fr`,
                          `tag:refund`

            Options:
                  --library <DIR>      The library directory [default: $CANNED_LIBRARY, then the config file,
                                       then the nearest ./responses]
              -u, --urgency <URGENCY>  Only this urgency, or a range such as `>=high`
                  --color <WHEN>       When to colour output (NO_COLOR also turns it off) [default: auto]
                                       [possible values: auto, always, never]
              -t, --topic <TOPIC>      Only this topic
              -c, --customer <TYPE>    Only responses that fit this customer type
              -q, --quiet              Say less: only errors
              -l, --lang <LANG>        Only responses written in this language
              -v, --verbose            Say more about what is going on
                  --tag <TAG>          Only responses with this tag
                  --all                Include expired responses
              -n, --limit <N>          How many matches to show [default: 10]
                  --json               Print JSON
              -h, --help               Print help
            "#,
        )
        .run();
}

#[test]
fn suggest_help() {
    Test::new()
        .args(["suggest", "--help"])
        .stdout(
            r#"
            The best replies for a customer's message, with the values it states

            Usage: canned suggest [OPTIONS] [MESSAGE]...

            Arguments:
              [MESSAGE]...  The customer's message; `-` or nothing reads it from stdin

            Options:
                  --clipboard      Read the message from the clipboard (else the text selected, on X11 and
                                   Wayland)
                  --library <DIR>  The library directory [default: $CANNED_LIBRARY, then the config file, then
                                   the nearest ./responses]
                  --chat <ID>      Use this chat's customer type and language, and leave out values it already
                                   has
                  --color <WHEN>   When to colour output (NO_COLOR also turns it off) [default: auto] [possible
                                   values: auto, always, never]
                  --lang <LANG>    The language to answer in [default: the chat's, else the config's, else the
                                   message's]
              -q, --quiet          Say less: only errors
              -n, --limit <N>      How many replies to show [default: 3]
              -v, --verbose        Say more about what is going on
                  --json           Print JSON
              -h, --help           Print help
            "#,
        )
        .run();
}

#[test]
fn use_help() {
    Test::new()
        .args(["use", "--help"])
        .stdout(
            r#"
            Fill in a response and copy it to the clipboard (or print it)

            Usage: canned use [OPTIONS] <ID|SHORTCUT|QUERY>...

            Arguments:
              <ID|SHORTCUT|QUERY>...  An id, a shortcut, or words to search for (the best match is used)

            Options:
                  --library <DIR>     The library directory [default: $CANNED_LIBRARY, then the config file,
                                      then the nearest ./responses]
                  --var <NAME=VALUE>  A value for a placeholder, NAME=VALUE (repeatable; `customer.name=Sarah`
                                      sets a nested one)
                  --color <WHEN>      When to colour output (NO_COLOR also turns it off) [default: auto]
                                      [possible values: auto, always, never]
                  --vars <FILE>       Values from a JSON object in FILE, or `-` for stdin (nested objects become
                                      dotted names)
                  --chat <ID>         Fill values from, and remember them in, this chat (usually the ticket id)
              -q, --quiet             Say less: only errors
                  --lang <LANG>       Answer in this language
              -v, --verbose           Say more about what is going on
                  --print             Write the text to stdout instead of the clipboard
              -h, --help              Print help
            "#,
        )
        .run();
}

#[test]
fn chat_help() {
    Test::new()
        .args(["chat", "--help"])
        .stdout(
            r#"
            Remember values per chat: set, list or forget them

            Usage: canned chat [OPTIONS] [ID] [NAME=VALUE]...

            Arguments:
              [ID]             The chat (usually the ticket id); without one, list the open chats
              [NAME=VALUE]...  Values to remember, NAME=VALUE; lang=fr and customer=vip set the customer's
                               language and type

            Options:
                  --close <ID>     Forget this chat
                  --library <DIR>  The library directory [default: $CANNED_LIBRARY, then the config file, then
                                   the nearest ./responses]
                  --color <WHEN>   When to colour output (NO_COLOR also turns it off) [default: auto] [possible
                                   values: auto, always, never]
              -q, --quiet          Say less: only errors
              -v, --verbose        Say more about what is going on
              -h, --help           Print help
            "#,
        )
        .run();
}

#[test]
fn list_help() {
    Test::new()
        .args(["list", "--help"])
        .stdout(
            r#"
            List the library, grouped by urgency, topic and customer type

            Usage: canned list [OPTIONS]

            Options:
                  --library <DIR>      The library directory [default: $CANNED_LIBRARY, then the config file,
                                       then the nearest ./responses]
              -u, --urgency <URGENCY>  Only this urgency, or a range such as `>=high`
                  --color <WHEN>       When to colour output (NO_COLOR also turns it off) [default: auto]
                                       [possible values: auto, always, never]
              -t, --topic <TOPIC>      Only this topic
              -c, --customer <TYPE>    Only responses that fit this customer type
              -q, --quiet              Say less: only errors
              -l, --lang <LANG>        Only responses written in this language
              -v, --verbose            Say more about what is going on
                  --tag <TAG>          Only responses with this tag
                  --all                Include expired responses
                  --json               Print JSON instead of a table
              -h, --help               Print help
            "#,
        )
        .run();
}

#[test]
fn show_help() {
    Test::new()
        .args(["show", "--help"])
        .stdout(
            r#"
            Show one response: metadata, notes, variables and the rendered body

            Usage: canned show [OPTIONS] <ID>

            Arguments:
              <ID>  Id or shortcut of the response

            Options:
                  --lang <LANG>    Show this translation
                  --library <DIR>  The library directory [default: $CANNED_LIBRARY, then the config file, then
                                   the nearest ./responses]
                  --color <WHEN>   When to colour output (NO_COLOR also turns it off) [default: auto] [possible
                                   values: auto, always, never]
                  --raw            Show the body as written, placeholders unfilled
                  --json           Print JSON
              -q, --quiet          Say less: only errors
              -v, --verbose        Say more about what is going on
              -h, --help           Print help
            "#,
        )
        .run();
}

#[test]
fn check_help() {
    Test::new()
        .args(["check", "--help"])
        .stdout(
            r#"
            Validate the whole library; exit 1 if anything is wrong (for CI)

            Usage: canned check [OPTIONS]

            Options:
                  --json           Print the problems as JSON
                  --library <DIR>  The library directory [default: $CANNED_LIBRARY, then the config file, then
                                   the nearest ./responses]
                  --color <WHEN>   When to colour output (NO_COLOR also turns it off) [default: auto] [possible
                                   values: auto, always, never]
              -q, --quiet          Say less: only errors
              -v, --verbose        Say more about what is going on
              -h, --help           Print help
            "#,
        )
        .run();
}

#[test]
fn audit_help() {
    Test::new()
        .args(["audit", "--help"])
        .stdout(
            r#"
            Report stale, expired, duplicated, untranslated and unused responses (for team leads)

            Usage: canned audit [OPTIONS]

            Options:
                  --library <DIR>       The library directory [default: $CANNED_LIBRARY, then the config file,
                                        then the nearest ./responses]
                  --stale-after <DAYS>  Days without a change or a review before a response is stale [default:
                                        the manifest's stale_after_days, or 180]
                  --color <WHEN>        When to colour output (NO_COLOR also turns it off) [default: auto]
                                        [possible values: auto, always, never]
                  --format <FORMAT>     How to print the report: a table for the terminal, JSON for tools,
                                        Markdown for a pull request [default: table] [possible values: table,
                                        json, markdown]
                  --fail-on <LEVEL>     Exit 1 when a finding is at this level or worse (info < warning < error)
                                        [default: never] [possible values: info, warning, error, never]
              -q, --quiet               Say less: only errors
              -v, --verbose             Say more about what is going on
              -h, --help                Print help
            "#,
        )
        .run();
}

#[test]
fn review_help() {
    Test::new()
        .args(["review", "--help"])
        .stdout(
            r#"
            Mark responses as reviewed: set `reviewed` in their file, nothing else

            Usage: canned review [OPTIONS] <ID>...

            Arguments:
              <ID>...  Ids or shortcuts of the responses reviewed

            Options:
                  --date <YYYY-MM-DD>  The day of the review, YYYY-MM-DD [default: today]
                  --library <DIR>      The library directory [default: $CANNED_LIBRARY, then the config file,
                                       then the nearest ./responses]
                  --color <WHEN>       When to colour output (NO_COLOR also turns it off) [default: auto]
                                       [possible values: auto, always, never]
              -q, --quiet              Say less: only errors
              -v, --verbose            Say more about what is going on
              -h, --help               Print help
            "#,
        )
        .run();
}

#[test]
fn new_help() {
    Test::new()
        .args(["new", "--help"])
        .stdout(
            r#"
            Add a response to the file of its topic, then open it in your editor

            Usage: canned new [OPTIONS]

            Options:
                  --id <ID>            Unique id: lowercase letters, digits and dashes
                  --library <DIR>      The library directory [default: $CANNED_LIBRARY, then the config file,
                                       then the nearest ./responses]
                  --color <WHEN>       When to colour output (NO_COLOR also turns it off) [default: auto]
                                       [possible values: auto, always, never]
                  --title <TEXT>       One-line title
              -q, --quiet              Say less: only errors
                  --topic <TOPIC>      Topic; the response goes into the file of this topic
              -u, --urgency <URGENCY>  low, normal, high or critical [default: the file's, else normal]
              -v, --verbose            Say more about what is going on
              -c, --customer <TYPE>    Customer types it fits (repeatable, or comma-separated)
                  --tags <TAG>         Tags (repeatable, or comma-separated)
                  --shortcut <WORD>    Shortcut: typing it exactly picks this response
                  --lang <LANG>        Language of the text [default: the file's, else the library's]
                  --file <FILE>        Append to this file (inside the library) instead of the topic's file
                  --no-edit            Do not open the editor afterwards
              -h, --help               Print help
            "#,
        )
        .run();
}

#[test]
fn edit_help() {
    Test::new()
        .args(["edit", "--help"])
        .stdout(
            r#"
            Open a response in $VISUAL/$EDITOR at its line, then check its file

            Usage: canned edit [OPTIONS] <ID>

            Arguments:
              <ID>  Id or shortcut of the response

            Options:
                  --library <DIR>  The library directory [default: $CANNED_LIBRARY, then the config file, then
                                   the nearest ./responses]
                  --color <WHEN>   When to colour output (NO_COLOR also turns it off) [default: auto] [possible
                                   values: auto, always, never]
              -q, --quiet          Say less: only errors
              -v, --verbose        Say more about what is going on
              -h, --help           Print help
            "#,
        )
        .run();
}

#[test]
fn import_help() {
    Test::new()
        .args(["import", "--help"])
        .stdout(
            r#"
            Bring responses in from Zendesk macros or CSV, into a new file

            Usage: canned import [OPTIONS] --from <FORMAT> <INPUT>

            Arguments:
              <INPUT>
                      The export to read, or `-` for stdin

            Options:
                  --from <FORMAT>
                      Where the file comes from

                      Possible values:
                      - zendesk: Zendesk macros JSON ({"macros": [...]}, {"macro": {...}} or a list)
                      - csv:     CSV with a header row: id,title,shortcut,urgency,topic,customer,tags,lang,body

                  --library <DIR>
                      The library directory [default: $CANNED_LIBRARY, then the config file, then the nearest
                      ./responses]

                  --color <WHEN>
                      When to colour output (NO_COLOR also turns it off)
                      
                      [default: auto]
                      [possible values: auto, always, never]

                  --file <FILE>
                      The new file to write, inside the library [default: imported-FORMAT-DATE.toml]

                  --dry-run
                      Print what would be written, and write nothing

              -q, --quiet
                      Say less: only errors

              -v, --verbose
                      Say more about what is going on

              -h, --help
                      Print help (see a summary with '-h')
            "#,
        )
        .run();
}

#[test]
fn export_help() {
    Test::new()
        .args(["export", "--help"])
        .stdout(
            r#"
            Print the whole library as JSON, CSV or a Markdown catalogue

            Usage: canned export [OPTIONS]

            Options:
                  --format <FORMAT>
                      Output format

                      Possible values:
                      - json:     Every field and translation, with the manifest's vocabulary
                      - csv:      One row per response and language, as `import --from csv` reads it
                      - markdown: A readable catalogue by topic and urgency
                      
                      [default: json]

                  --library <DIR>
                      The library directory [default: $CANNED_LIBRARY, then the config file, then the nearest
                      ./responses]

                  --color <WHEN>
                      When to colour output (NO_COLOR also turns it off)
                      
                      [default: auto]
                      [possible values: auto, always, never]

              -q, --quiet
                      Say less: only errors

              -v, --verbose
                      Say more about what is going on

              -h, --help
                      Print help (see a summary with '-h')
            "#,
        )
        .run();
}

#[test]
fn init_help() {
    Test::new()
        .args(["init", "--help"])
        .stdout(
            r#"
            Write a starter library

            Usage: canned init [OPTIONS] [DIR]

            Arguments:
              [DIR]  Where to create the library [default: --library, else ./responses]

            Options:
                  --library <DIR>  The library directory [default: $CANNED_LIBRARY, then the config file, then
                                   the nearest ./responses]
                  --color <WHEN>   When to colour output (NO_COLOR also turns it off) [default: auto] [possible
                                   values: auto, always, never]
              -q, --quiet          Say less: only errors
              -v, --verbose        Say more about what is going on
              -h, --help           Print help
            "#,
        )
        .run();
}

#[test]
fn completions_help() {
    Test::new()
        .args(["completions", "--help"])
        .stdout(
            r#"
            Print shell completions

            Usage: canned completions [OPTIONS] <SHELL>

            Arguments:
              <SHELL>  The shell to complete for [possible values: bash, elvish, fish, powershell, zsh]

            Options:
                  --library <DIR>  The library directory [default: $CANNED_LIBRARY, then the config file, then
                                   the nearest ./responses]
                  --color <WHEN>   When to colour output (NO_COLOR also turns it off) [default: auto] [possible
                                   values: auto, always, never]
              -q, --quiet          Say less: only errors
              -v, --verbose        Say more about what is going on
              -h, --help           Print help
            "#,
        )
        .run();
}

#[test]
fn man_help() {
    Test::new()
        .args(["man", "--help"])
        .stdout(
            r#"
            Print the man page (roff)

            Usage: canned man [OPTIONS]

            Options:
                  --library <DIR>  The library directory [default: $CANNED_LIBRARY, then the config file, then
                                   the nearest ./responses]
                  --color <WHEN>   When to colour output (NO_COLOR also turns it off) [default: auto] [possible
                                   values: auto, always, never]
              -q, --quiet          Say less: only errors
              -v, --verbose        Say more about what is going on
              -h, --help           Print help
            "#,
        )
        .run();
}

#[test]
fn every_listed_command_has_its_help_snapshotted_here() {
    let help = Test::new().arg("--help").any_stdout().run().stdout;
    let listed: Vec<&str> = help
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert_eq!(listed, COMMANDS);
}

#[test]
fn help_of_a_command_is_its_help_flag() {
    let root = Test::new().arg("--help").any_stdout().run().stdout;
    Test::new().arg("help").stdout(&root).run();
    for command in COMMANDS {
        let flag = Test::new()
            .args([command, "--help"])
            .any_stdout()
            .run()
            .stdout;
        Test::new().args(["help", command]).stdout(&flag).run();
    }
}

#[test]
fn the_help_command_takes_no_help_flag() {
    Test::new()
        .args(["help", "--help"])
        .status(2)
        .stderr(
            "
            error: unrecognized subcommand '--help'

            Usage: canned [OPTIONS] [QUERY]... [COMMAND]

            For more information, try '--help'.
            ",
        )
        .run();
}

#[test]
fn without_a_terminal_bare_canned_prints_the_short_help() {
    Test::new()
        .stdout(
            "
            Find, personalise and copy canned responses for customer support

            Usage: canned [OPTIONS] [QUERY]... [COMMAND]

            Commands:
              find         Ranked matches for a few words, best first
              suggest      The best replies for a customer's message, with the values it states
              use          Fill in a response and copy it to the clipboard (or print it)
              chat         Remember values per chat: set, list or forget them
              list         List the library, grouped by urgency, topic and customer type
              show         Show one response: metadata, notes, variables and the rendered body
              check        Validate the whole library; exit 1 if anything is wrong (for CI)
              audit        Report stale, expired, duplicated, untranslated and unused responses (for team leads)
              review       Mark responses as reviewed: set `reviewed` in their file, nothing else
              new          Add a response to the file of its topic, then open it in your editor
              edit         Open a response in $VISUAL/$EDITOR at its line, then check its file
              import       Bring responses in from Zendesk macros or CSV, into a new file
              export       Print the whole library as JSON, CSV or a Markdown catalogue
              init         Write a starter library
              completions  Print shell completions
              man          Print the man page (roff)
              help         Print this message or the help of the given subcommand(s)

            Arguments:
              [QUERY]...  Picker: start with this query

            Options:
                  --library <DIR>      The library directory [default: $CANNED_LIBRARY, then the config file,
                                       then the nearest ./responses]
                  --color <WHEN>       When to colour output (NO_COLOR also turns it off) [default: auto]
                                       [possible values: auto, always, never]
              -q, --quiet              Say less: only errors
              -v, --verbose            Say more about what is going on
                  --chat <ID>          Picker: fill values from, and remember them in, this chat
                  --clipboard          Picker: start from the customer's message on the clipboard
                  --var <NAME=VALUE>   Picker: a value for a placeholder, NAME=VALUE (repeatable)
              -u, --urgency <URGENCY>  Only this urgency, or a range such as `>=high`
              -t, --topic <TOPIC>      Only this topic
              -c, --customer <TYPE>    Only responses that fit this customer type
              -l, --lang <LANG>        Picker: the language to answer in (the list still shows every reply)
                  --tag <TAG>          Only responses with this tag
                  --all                Include expired responses
              -h, --help               Print help (see more with '--help')
              -V, --version            Print version
            ",
        )
        .run();
}

/// Help that cannot be written (a full disk) is an error, as any other
/// output that cannot be written is.
#[cfg(target_os = "linux")]
#[test]
fn help_that_cannot_be_written_is_an_error() {
    let env = crate::support::Env::new();
    // No command and no terminal prints the short help: the same.
    for args in [&["--help"][..], &["find", "--help"], &["--version"], &[]] {
        let mut canned = env.canned_process();
        canned.args(args);
        fails_into_a_full_disk(canned, &format!("{args:?}"));
    }
}

/// `canned` with its output into a full disk (`/dev/full`) exits 1 with
/// the one error every command gives for output it cannot write.
#[cfg(target_os = "linux")]
fn fails_into_a_full_disk(mut canned: std::process::Command, what: &str) {
    let out = canned
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{what}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot write output: No space left on device (os error 28)\n",
        "{what}"
    );
}

/// Reports are written through a buffer: what cannot be written at its
/// last flush is an error all the same, never a silent success.
#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_is_an_error() {
    let env = crate::support::Env::new();
    let library = crate::support::sample_library();
    for args in [
        &["audit"][..],
        &["audit", "--format", "json"],
        &["check"],
        &["list"],
        &["list", "--json"],
        &["export"],
    ] {
        let mut canned = env.canned_process();
        canned.arg("--library").arg(&library).args(args);
        fails_into_a_full_disk(canned, &format!("{args:?}"));
    }
}
