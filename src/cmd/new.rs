//! `canned new`: validates a response as `check` would, appends it to the file
//! of its topic without touching a byte of what is there, and opens the editor
//! at it.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::Outcome;
use crate::app::App;
use crate::cli::NewArgs;
use crate::domain::append::{self, NewResponse};
use crate::domain::diagnostic::LineIndex;
use crate::domain::library::{Library, MANIFEST};
use crate::domain::model::Topic;
use crate::domain::rules;
use crate::error::{Error, Result};
use crate::platform::{fs, library};
use crate::ui::prompt;

/// The values the user gave or typed.
struct Wanted {
    id: String,
    title: String,
    topic: String,
}

pub fn run(app: &App, args: &NewArgs) -> Result<Outcome> {
    let root = app.library_root()?;
    // Asked with no lock held: a lead at the prompts blocks no other
    // writer. The answers are then checked again against the library as
    // it is once locked (a teammate's pull may have taken the id).
    let prompts = args.id.is_none() || args.title.is_none() || args.topic.is_none();
    let asked = if prompts {
        let lib = app.load_library()?;
        App::manifest_known(&lib)?;
        Some(required(app, args, &lib)?)
    } else {
        None
    };
    // Held from the read checked against to the rename: a concurrent
    // writer waits, and "Added" is only said of a response in the file.
    let lock = app.lock_library(&root)?;
    let lib = app.load_library()?;
    App::manifest_known(&lib)?;
    // Refused while a broken manifest's last good version stands in, that
    // is told first: a topic the lead had just added was "unknown", with
    // no word of the manifest.
    let told = |e: Error| {
        if lib.manifest_fallback
            && let Some(notice) = lib.skipped_notice()
        {
            app.warn(&notice);
        }
        e
    };
    let wanted = match asked {
        Some(wanted) => wanted,
        None => required(app, args, &lib).map_err(told)?,
    };
    validate(&lib, args, &wanted).map_err(told)?;
    let (path, defaults) = target_file(&root, &lib, args, &wanted.topic).map_err(told)?;
    App::names_known(&lib)?;
    let draft = draft(&lib, args, &wanted, &defaults);

    let line = if path.exists() {
        let original = library::read_source(&path)?;
        if append::responses_inline(&original) {
            return Err(Error::failed(
                format!(
                    "{} writes its responses as an inline list (`response = [{{ … }}]`), \
                     where no [[response]] table can be added",
                    path.display()
                ),
                Some("pass --file OTHER.toml; nothing was written".into()),
            ));
        }
        let (text, line) = append::append(&original, std::slice::from_ref(&draft));
        ensure_reads_back(&path, &text)?;
        fs::replace_if_unchanged(&path, &original, &text)?;
        line
    } else {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let comment = format!(
            "Responses about {}. Run `canned check` after editing.",
            wanted.topic
        );
        let text = append::new_file(&comment, Some(&wanted.topic), std::slice::from_ref(&draft));
        ensure_reads_back(&path, &text)?;
        fs::create_new(&path, text.as_bytes()).map_err(|e| Error::io(&path, e))?;
        text.lines()
            .position(|l| l == "[[response]]")
            .map_or(1, |i| i + 1)
    };
    if !app.quiet {
        let mut out = std::io::stdout().lock();
        writeln!(out, "Added `{}` to {}:{line}", wanted.id, path.display())?;
    }

    // The response must load as written; say so at once if it does not.
    let after = app.load_library()?;
    if after.get(&wanted.id).is_none() {
        return app.report_problems_in(&path);
    }
    let open = !args.no_edit && (app.editor.is_chosen() || std::io::stdin().is_terminal());
    if open {
        // Still held: the editor saves the file as it read it, over what
        // another writer would add meanwhile.
        app.editor.open(&path, line)?;
        drop(lock);
        return app.report_problems_in(&path);
    }
    drop(lock);
    // Written, while the rest of the library may not be whole: said as
    // every command but `check` says it.
    if let Some(notice) = after.skipped_notice() {
        app.warn(&notice);
    }
    Ok(Outcome::Success)
}

/// Id, title and topic: from the flags, else asked for on a terminal, else
/// an error naming every missing flag (exit 2).
fn required(app: &App, args: &NewArgs, lib: &Library) -> Result<Wanted> {
    let mut missing = Vec::new();
    for (flag, v) in [
        ("--id", &args.id),
        ("--title", &args.title),
        ("--topic", &args.topic),
    ] {
        if v.as_deref().is_none_or(|s| s.trim().is_empty()) {
            missing.push(flag);
        }
    }
    if missing.is_empty() {
        return Ok(Wanted {
            id: args.id.clone().unwrap_or_default().trim().to_string(),
            title: args.title.clone().unwrap_or_default().trim().to_string(),
            topic: args.topic.clone().unwrap_or_default().trim().to_string(),
        });
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::Values {
            message: format!("missing {}", missing.join(", ")),
            hint: Some(
                "canned new --id order-late --title \"Order is late\" --topic shipping \
                 (or run it on a terminal to be asked)"
                    .into(),
            ),
        });
    }
    let given = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    // Each answer is checked as it is given, and asked again when refused:
    // one typo must not lose what was typed before it.
    let title = match given(&args.title) {
        Some(t) => t,
        None => ask(
            app,
            "title",
            "one line, what the reply is about",
            None,
            |t| {
                rules::visible("title", t)
                    .map(drop)
                    .map_err(|(_, e)| e.to_string())
            },
        )?,
    };
    let holders = lib.holders();
    let id = match given(&args.id) {
        Some(i) => i,
        None => {
            let suggestion = rules::slug(&title);
            ask(
                app,
                "id",
                "lowercase letters, digits and dashes",
                Some(suggestion.as_str()).filter(|s| !s.is_empty()),
                |i| match rules::identifier("id", i) {
                    Err(e) => Err(e.to_string()),
                    Ok(id) => match holders.of(&id) {
                        Some(owner) => Err(format!("id `{id}` is already {owner}")),
                        None => Ok(()),
                    },
                },
            )?
        }
    };
    let topic = match given(&args.topic) {
        Some(t) => t,
        None => {
            let known = lib
                .manifest
                .topics
                .as_ref()
                .map(|t| t.iter().map(Topic::as_str).collect::<Vec<_>>().join(", "));
            ask(
                app,
                "topic",
                known.as_deref().unwrap_or("e.g. shipping"),
                None,
                |t| {
                    rules::topic(t, lib.manifest.topics.as_deref())
                        .or_else(|refused| {
                            // Added to the manifest meanwhile, as the
                            // refusal advises: read it again.
                            let now = app.load_library().map_err(|_| refused.clone())?;
                            rules::topic(t, now.manifest.topics.as_deref()).map_err(|_| refused)
                        })
                        .map(drop)
                        .map_err(|e| e.to_string())
                },
            )?
        }
    };
    Ok(Wanted { id, title, topic })
}

/// Asks for `name` on the terminal until an answer passes `check`; a
/// refused one is told why (with its did-you-mean) and asked again.
fn ask(
    app: &App,
    name: &str,
    help: &str,
    default: Option<&str>,
    check: impl Fn(&str) -> std::result::Result<(), String>,
) -> Result<String> {
    let mut err = std::io::stderr();
    loop {
        let mut prompt = format!(
            "{} {}",
            app.err.bold(name),
            app.err.dim(&format!("({help})"))
        );
        if let Some(d) = default {
            prompt.push_str(&format!(" [{d}]"));
        }
        let _ = write!(err, "{prompt}: ");
        let _ = err.flush();
        let line = match prompt::line_typed(app.err) {
            prompt::Answer::Line(line) => line,
            prompt::Answer::Pasted => continue,
            prompt::Answer::End => {
                return Err(Error::Values {
                    message: format!("no value for `{name}`: input ended"),
                    hint: Some(format!("pass --{name}")),
                });
            }
        };
        let answer = match (line.trim(), default) {
            ("", Some(d)) => d,
            ("", None) => continue,
            (answer, _) => answer,
        };
        match check(answer) {
            Ok(()) => return Ok(answer.to_string()),
            Err(why) => {
                let _ = writeln!(err, "{}", app.err.red(&format!("  ✗ {why}")));
            }
        }
    }
}

/// Every problem with the values, all at once, as `check` would find them.
fn validate(lib: &Library, args: &NewArgs, w: &Wanted) -> Result<()> {
    let mut problems: Vec<String> = Vec::new();
    let holders = lib.holders();
    let taken = |name: &str| holders.of(name);
    // A fix offered that another response holds is told taken.
    let offered = |mut e: rules::Refusal, name: &str| {
        let meant = rules::identifier_meant(name);
        if e.hint.is_some()
            && let Some(owner) = taken(&meant)
        {
            e.hint = Some(rules::fix_taken(&meant, &owner));
        }
        e.to_string()
    };
    match rules::identifier("id", &w.id) {
        Err(e) => problems.push(offered(e, &w.id)),
        Ok(id) => {
            if let Some(owner) = taken(&id) {
                problems.push(format!("id `{id}` is already {owner}"));
            }
        }
    }
    if let Some(s) = &args.shortcut {
        match rules::identifier("shortcut", s) {
            Err(e) => problems.push(offered(e, s)),
            Ok(s) => {
                if let Some(owner) = taken(&s) {
                    problems.push(format!("shortcut `{s}` is already {owner}"));
                }
            }
        }
    }
    if w.title.contains('\n') {
        problems.push("the title must be one line".into());
    }
    if args.tags.iter().any(|t| t.contains('\n')) {
        problems.push("a tag must be one line".into());
    }
    let texts = std::iter::once(("title", &w.title)).chain(args.tags.iter().map(|t| ("tags", t)));
    for (field, text) in texts {
        if let Err((_, e)) = rules::visible(field, text) {
            problems.push(e.to_string());
        }
    }
    if let Err(e) = rules::topic(&w.topic, lib.manifest.topics.as_deref()) {
        problems.push(e.to_string());
    }
    if let Some(Err(e)) = args.urgency.as_deref().map(rules::urgency) {
        problems.push(e.to_string());
    }
    for c in &args.customer {
        if let Err(e) = rules::customer(c, lib.manifest.customer_types.as_deref()) {
            problems.push(e.to_string());
        }
    }
    if let Some(Err(e)) = args.lang.as_deref().map(rules::lang) {
        problems.push(e.to_string());
    }
    match problems.len() {
        0 => Ok(()),
        1 => Err(Error::Values {
            message: problems.remove(0),
            hint: Some("nothing was written".into()),
        }),
        n => Err(Error::Values {
            message: format!("{n} problems:\n  {}", problems.join("\n  ")),
            hint: Some("nothing was written".into()),
        }),
    }
}

/// What a file's `[defaults]` already say.
#[derive(Default)]
struct FileDefaults {
    topic: Option<String>,
    lang: Option<String>,
}

/// The file to append to: `--file`, else the file whose `[defaults] topic`
/// is the topic, else the file of a response with that topic, else
/// `<topic>.toml` at the root.
fn target_file(
    root: &Path,
    lib: &Library,
    args: &NewArgs,
    topic: &str,
) -> Result<(PathBuf, FileDefaults)> {
    let refuse = |m: String| Error::Values {
        message: m,
        hint: Some("nothing was written".into()),
    };
    let inside =
        |f: &Path| library::inside_library(root, f.strip_prefix(root).unwrap_or(f)).is_ok();
    let path = if let Some(file) = &args.file {
        // `inside_library` refuses what is not a `.toml` file too.
        let path = library::inside_library(root, file).map_err(refuse)?;
        if path.parent() == Some(root) && path.file_name() == Some(MANIFEST.as_ref()) {
            return Err(refuse(format!(
                "{MANIFEST} is the manifest; responses go in other files"
            )));
        }
        path
    } else {
        // A file that is a link out of the library is neither read nor
        // written (`check` reports it): a library received in a pull
        // request must not make `new` append to a file elsewhere.
        let by_defaults = lib
            .files
            .iter()
            .find(|f| inside(f) && defaults_of(f).is_ok_and(|d| d.topic.as_deref() == Some(topic)));
        let by_response = || {
            lib.responses
                .iter()
                .find(|r| r.topic == *topic)
                .map(|r| r.location.path.clone())
        };
        match by_defaults.cloned().or_else(by_response) {
            Some(p) => p,
            None => {
                let name = rules::slug(topic);
                if name.is_empty() {
                    return Err(refuse(format!(
                        "cannot name a file after topic \"{topic}\"; pass --file NAME.toml"
                    )));
                }
                // The one rule for a response file's name: `nul.toml` is
                // a device on Windows (it was "through a symlink").
                let file = format!("{name}.toml");
                crate::domain::append::response_file(std::path::Path::new(&file))
                    .map_err(|why| refuse(format!("{why}; pass --file NAME.toml")))?;
                root.join(file)
            }
        }
    };
    // A link to nothing is there, and is no file to append to, whether
    // named by --file or by the topic.
    if !path.exists() && std::fs::symlink_metadata(&path).is_ok() {
        return Err(refuse(format!(
            "`{}` is a link to a file that does not exist",
            path.strip_prefix(root).unwrap_or(&path).display()
        )));
    }
    // Why not, as the rules of a `--file` say it: a link out of the
    // library, a name only the case of one there tells apart.
    if let Err(why) = library::inside_library(root, path.strip_prefix(root).unwrap_or(&path)) {
        return Err(refuse(format!("{why}; pass --file NAME.toml")));
    }
    let defaults = if path.exists() {
        defaults_of(&path)?
    } else {
        // A new file gets `[defaults] topic`.
        FileDefaults {
            topic: Some(topic.to_string()),
            lang: None,
        }
    };
    Ok((path, defaults))
}

fn defaults_of(path: &Path) -> Result<FileDefaults> {
    let text = library::read_source(path)?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        let (span, message) = crate::domain::library::first_error(
            &text,
            e.span().unwrap_or(0..0),
            e.message().trim(),
        );
        let at = LineIndex::new(path, &text).locate(&text, span.start);
        Error::failed(
            format!("{at}: not valid TOML: {message}"),
            Some("fix it first (`canned check` shows where); nothing was written".into()),
        )
    })?;
    let get = |k: &str| {
        table
            .get("defaults")
            .and_then(|d| d.get(k))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    Ok(FileDefaults {
        topic: get("topic"),
        lang: get("lang"),
    })
}

fn draft(lib: &Library, args: &NewArgs, w: &Wanted, defaults: &FileDefaults) -> NewResponse {
    let file_lang = defaults
        .lang
        .clone()
        .unwrap_or_else(|| lib.manifest.default_lang.to_string());
    // Written in the library's own spelling, as urgency is (`-c VIP` is
    // the manifest's `vip`).
    let known = lib.manifest.customer_types.as_deref();
    let mut customers: Vec<String> = Vec::new();
    for c in args
        .customer
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        let c =
            rules::customer(c, known).map_or_else(|_| c.to_string(), |t| t.as_str().to_string());
        if !customers.contains(&c) {
            customers.push(c);
        }
    }
    let mut tags: Vec<String> = Vec::new();
    for t in args.tags.iter().map(|t| t.trim().to_lowercase()) {
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    NewResponse {
        id: w.id.clone(),
        title: w.title.clone(),
        shortcut: args.shortcut.clone(),
        urgency: args.urgency.as_deref().and_then(|u| u.parse().ok()),
        topic: (defaults.topic.as_deref() != Some(w.topic.as_str())).then(|| w.topic.clone()),
        customers,
        tags,
        lang: args.lang.clone().filter(|l| *l != file_lang),
        body: starter_body(lib, args.lang.as_deref().unwrap_or(&file_lang)),
        ..NewResponse::default()
    }
}

/// A short body to write: the customer's name and the signature when the
/// library has them, around a `TODO` line that `check` reports and `use`
/// refuses to copy until it is replaced, so no draft reaches a customer.
/// In the reply's language: a French reply opening "Hi" would be sent so
/// if its writer kept the greeting.
fn starter_body(lib: &Library, lang: &str) -> String {
    let hello = match lang.split(['-', '_']).next().unwrap_or(lang) {
        "fr" => "Bonjour",
        "de" => "Hallo",
        "es" => "Hola",
        "it" => "Ciao",
        "nl" => "Hallo",
        "pt" => "Olá",
        _ => "Hi",
    };
    let mut body = String::new();
    if lib.manifest.variables.contains_key("name") {
        body.push_str(&format!("{hello} {{{{ name }}}},\n\n"));
    } else {
        body.push_str(&format!("{hello},\n\n"));
    }
    body.push_str("TODO: write the reply here.");
    if lib.manifest.partials.contains_key("signature") {
        body.push_str("\n{% include \"signature\" %}");
    }
    body
}

/// The new text must still be valid TOML.
fn ensure_reads_back(path: &Path, text: &str) -> Result<()> {
    toml::from_str::<toml::Table>(text)
        .map(|_| ())
        .map_err(|e| {
            Error::failed(
                format!(
                    "adding the response would leave {} invalid: {}",
                    path.display(),
                    e.message()
                ),
                Some("fix the file first (`canned check` shows where); nothing was written".into()),
            )
        })
}
