//! The command line, as clap sees it. Nothing past `lib::run` uses these types.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::domain::diagnostic::{did_you_mean, suggestion_hint};
use crate::domain::rules;
use crate::domain::search::filter::Filter;
use crate::domain::text::one_line;
use crate::error::{Error, Result};

/// Find, personalise and copy canned responses for customer support.
///
/// Run `canned` on a terminal for the interactive picker, or use a subcommand.
#[derive(Debug, Parser)]
#[command(
    name = "canned",
    bin_name = "canned",
    version,
    about,
    max_term_width = 100
)]
// In the picker `--lang` is the language to answer in, not a filter.
#[command(mut_arg("lang", |a| a.help("Picker: the language to answer in (the list still shows every reply)")))]
pub struct Cli {
    /// The library directory [default: $CANNED_LIBRARY, then the config file, then the nearest ./responses]
    #[arg(long, global = true, value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// When to colour output (NO_COLOR also turns it off)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Say less: only errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say more about what is going on
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(flatten)]
    pub picker: PickerArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// How the picker (`canned` with no command) starts.
#[derive(Debug, Args)]
pub struct PickerArgs {
    /// Picker: fill values from, and remember them in, this chat
    #[arg(long, value_name = "ID", value_parser = chat_id)]
    pub chat: Option<String>,
    /// Picker: start from the customer's message on the clipboard
    #[arg(long)]
    pub clipboard: bool,
    /// Picker: a value for a placeholder, NAME=VALUE (repeatable)
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,
    /// Picker: start with these filters (`--lang` picks the language to answer in)
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Picker: start with this query
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ranked matches for a few words, best first
    Find(FindArgs),
    /// The best replies for a customer's message, with the values it states
    Suggest(SuggestArgs),
    /// Fill in a response and copy it to the clipboard (or print it)
    Use(UseArgs),
    /// Remember values per chat: set, list or forget them
    Chat(ChatArgs),
    /// List the library, grouped by urgency, topic and customer type
    List(ListArgs),
    /// Show one response: metadata, notes, variables and the rendered body
    Show(ShowArgs),
    /// Validate the whole library; exit 1 if anything is wrong (for CI)
    Check(CheckArgs),
    /// Report stale, expired, duplicated, untranslated and unused responses (for team leads)
    Audit(AuditArgs),
    /// Mark responses as reviewed: set `reviewed` in their file, nothing else
    Review(ReviewArgs),
    /// Add a response to the file of its topic, then open it in your editor
    New(NewArgs),
    /// Open a response in $VISUAL/$EDITOR at its line, then check its file
    Edit(EditArgs),
    /// Bring responses in from Zendesk macros or CSV, into a new file
    Import(ImportArgs),
    /// Print the whole library as JSON, CSV or a Markdown catalogue
    Export(ExportArgs),
    /// Write a starter library
    Init(InitArgs),
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    Man,
    /// Keep text on the X clipboard until another program takes it (internal)
    #[command(name = "__hold-clipboard", hide = true)]
    HoldClipboard,
}

impl PickerArgs {
    /// Whether any picker option was given.
    pub fn is_set(&self) -> bool {
        let f = &self.filters;
        self.chat.is_some()
            || self.clipboard
            || !self.vars.is_empty()
            || !self.query.is_empty()
            || f.urgency.is_some()
            || f.topic.is_some()
            || f.customer.is_some()
            || f.lang.is_some()
            || f.tag.is_some()
            || f.all
    }
}

/// Narrowing by segment, shared by the commands that list responses.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Only this urgency, or a range such as `>=high`
    #[arg(long, short = 'u', value_name = "URGENCY")]
    pub urgency: Option<String>,
    /// Only this topic
    #[arg(long, short = 't', value_name = "TOPIC")]
    pub topic: Option<String>,
    /// Only responses that fit this customer type
    #[arg(long, short = 'c', value_name = "TYPE")]
    pub customer: Option<String>,
    /// Only responses written in this language
    #[arg(long, short = 'l', value_name = "LANG", value_parser = lang)]
    pub lang: Option<String>,
    /// Only responses with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Include expired responses
    #[arg(long)]
    pub all: bool,
}

impl FilterArgs {
    /// The flags as a `Filter`, checked.
    pub fn to_filter(&self) -> Result<Filter> {
        let mut f = Filter {
            include_expired: self.all,
            ..Filter::default()
        };
        for (key, value) in [
            ("urgency", &self.urgency),
            ("topic", &self.topic),
            ("customer", &self.customer),
            ("lang", &self.lang),
            ("tag", &self.tag),
        ] {
            if let Some(v) = value {
                f.apply_qualifier(key, v)
                    .map_err(|e| Error::Usage(format!("--{key}: {e}")))?;
            }
        }
        Ok(f)
    }
}

#[derive(Debug, Args)]
pub struct FindArgs {
    /// Words to look for, and qualifiers such as `u:>=high`, `t:billing`, `c:vip`, `l:fr`, `tag:refund`
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// How many matches to show
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N", value_parser = limit)]
    pub limit: usize,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The customer's message; `-` or nothing reads it from stdin
    #[arg(value_name = "MESSAGE")]
    pub message: Vec<String>,
    /// Read the message from the clipboard (else the text selected, on X11 and Wayland)
    #[arg(long, conflicts_with = "message")]
    pub clipboard: bool,
    /// Use this chat's customer type and language, and leave out values it already has
    #[arg(long, value_name = "ID", value_parser = chat_id)]
    pub chat: Option<String>,
    /// The language to answer in [default: the chat's, else the config's, else the message's]
    #[arg(long, value_name = "LANG", value_parser = lang)]
    pub lang: Option<String>,
    /// How many replies to show
    #[arg(long, short = 'n', default_value_t = 3, value_name = "N", value_parser = limit)]
    pub limit: usize,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct UseArgs {
    /// An id, a shortcut, or words to search for (the best match is used)
    #[arg(required = true, value_name = "ID|SHORTCUT|QUERY")]
    pub target: Vec<String>,
    /// A value for a placeholder, NAME=VALUE (repeatable; `customer.name=Sarah` sets a nested one)
    #[arg(long = "var", value_name = "NAME=VALUE")]
    pub vars: Vec<String>,
    /// Values from a JSON object in FILE, or `-` for stdin (nested objects become dotted names)
    #[arg(long = "vars", value_name = "FILE")]
    pub vars_file: Option<PathBuf>,
    /// Fill values from, and remember them in, this chat (usually the ticket id)
    #[arg(long, value_name = "ID", value_parser = chat_id)]
    pub chat: Option<String>,
    /// Answer in this language
    #[arg(long, value_name = "LANG", value_parser = lang)]
    pub lang: Option<String>,
    /// Write the text to stdout instead of the clipboard
    #[arg(long)]
    pub print: bool,
}

#[derive(Debug, Args)]
pub struct ChatArgs {
    /// The chat (usually the ticket id); without one, list the open chats
    #[arg(value_name = "ID", value_parser = chat_id)]
    pub id: Option<String>,
    /// Values to remember, NAME=VALUE; lang=fr and customer=vip set the customer's language and type
    #[arg(value_name = "NAME=VALUE", requires = "id")]
    pub values: Vec<String>,
    /// Forget this chat
    #[arg(long, value_name = "ID", conflicts_with_all = ["id", "values"], value_parser = chat_id)]
    pub close: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Id or shortcut of the response
    pub id: String,
    /// Show this translation
    #[arg(long, value_name = "LANG", value_parser = lang)]
    pub lang: Option<String>,
    /// Show the body as written, placeholders unfilled
    #[arg(long)]
    pub raw: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Days without a change or a review before a response is stale [default: the manifest's stale_after_days, or 180]
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..))]
    pub stale_after: Option<u32>,
    /// How to print the report: a table for the terminal, JSON for tools, Markdown for a pull request
    #[arg(long, value_enum, default_value_t = AuditFormat::Table, value_name = "FORMAT")]
    pub format: AuditFormat,
    /// Exit 1 when a finding is at this level or worse (info < warning < error)
    #[arg(long, value_enum, default_value_t = FailOn::Never, value_name = "LEVEL")]
    pub fail_on: FailOn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Ids or shortcuts of the responses reviewed
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// The day of the review, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<crate::domain::date::Date>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Print the problems as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the library [default: --library, else ./responses]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Unique id: lowercase letters, digits and dashes
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// One-line title
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Topic; the response goes into the file of this topic
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// low, normal, high or critical [default: the file's, else normal]
    #[arg(long, short = 'u', value_name = "URGENCY")]
    pub urgency: Option<String>,
    /// Customer types it fits (repeatable, or comma-separated)
    #[arg(long, short = 'c', value_name = "TYPE", value_delimiter = ',')]
    pub customer: Vec<String>,
    /// Tags (repeatable, or comma-separated)
    #[arg(long, value_name = "TAG", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Shortcut: typing it exactly picks this response
    #[arg(long, value_name = "WORD")]
    pub shortcut: Option<String>,
    /// Language of the text [default: the file's, else the library's]
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Append to this file (inside the library) instead of the topic's file
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Do not open the editor afterwards
    #[arg(long)]
    pub no_edit: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Id or shortcut of the response
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Zendesk macros JSON ({"macros": [...]}, {"macro": {...}} or a list)
    Zendesk,
    /// CSV with a header row: id,title,shortcut,urgency,topic,customer,tags,lang,body
    Csv,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Where the file comes from
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: ImportFormat,
    /// The export to read, or `-` for stdin
    pub input: PathBuf,
    /// The new file to write, inside the library [default: imported-FORMAT-DATE.toml]
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Print what would be written, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Every field and translation, with the manifest's vocabulary
    Json,
    /// One row per response and language, as `import --from csv` reads it
    Csv,
    /// A readable catalogue by topic and urgency
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ExportFormat::Json, value_name = "FORMAT")]
    pub format: ExportFormat,
}

/// A chat id, checked where it is typed: it names a file of customer data.
fn chat_id(s: &str) -> std::result::Result<String, String> {
    rules::chat_id(s).map_err(|e| e.to_string())
}

/// A language tag, checked where it is typed (`--lang ''` is a mistake,
/// `--lang FR` is French).
fn lang(s: &str) -> std::result::Result<String, String> {
    rules::typed_lang(s)
        .map(|l| l.to_string())
        .map_err(|e| e.to_string())
}

/// How many results to show: at least one.
fn limit(s: &str) -> std::result::Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{s}` is not a number")),
    }
}

/// `canned` with no command: short help.
pub fn print_help() -> std::io::Result<()> {
    let mut cmd = Cli::command();
    let help = cmd.render_help().to_string();
    let mut out = std::io::stdout().lock();
    std::io::Write::write_all(&mut out, help.as_bytes())?;
    std::io::Write::flush(&mut out)
}

/// `word` as a shell reads it back whole and unexpanded: as it is when
/// plain, else in single quotes (`'$(id)'`, `'don'\''t'`).
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_alphanumeric() || "-_.,:/@%+=".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The error for words given where a command was expected (the first is
/// the would-be command), with the nearest command as a did-you-mean, or
/// the search the words would have been in the picker.
pub fn unknown_command(words: &[String]) -> Error {
    let word = words.first().map_or("", String::as_str);
    let cmd = Cli::command();
    let names: Vec<&str> = cmd
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name())
        .collect();
    // Only a word after `--` is a command's very name and yet a query.
    if names.contains(&word) {
        return Error::UsageWithHint {
            message: format!("`{word}` after `--` is the picker's query, not a command"),
            hint: format!(
                "the picker needs a terminal; for the command, write `canned {word} …` without the `--`"
            ),
        };
    }
    let hint = match did_you_mean(word, names.iter().copied()) {
        Some(s) => suggestion_hint(s),
        None => format!(
            "the picker needs a terminal; to search, run `canned find {}` (`canned --help` lists the commands)",
            one_line(
                &words
                    .iter()
                    .map(|w| shell_word(w))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        ),
    };
    Error::UsageWithHint {
        message: format!("`{}` is not a command", one_line(word)),
        hint,
    }
}
