//! `canned use ID|SHORTCUT|QUERY`: fill a response in and copy it. The
//! pieces (`Draft`, `deliver`) are shared with the interactive picker.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Read, Write};

use crate::Outcome;
use crate::app::App;
use crate::cli::UseArgs;
use crate::cmd::chat::chat_id;
use crate::cmd::find::ranked;
use crate::domain::library::Library;
use crate::domain::model::{Lang, Response};
use crate::domain::search::Query;
use crate::domain::template::Templates;
use crate::domain::values::{Values, parse_assignment, pattern_errors, unfilled};
use crate::error::{Error, Result};
use crate::platform::chat::ChatStore;
use crate::platform::clipboard::{self, Preference};
use crate::platform::clock::unix_seconds;
use crate::platform::library;
use crate::platform::usage::UsageLog;
use crate::ui::prompt;

pub fn run(app: &App, args: &UseArgs) -> Result<Outcome> {
    // Read every input before anything else, so a bad flag costs nothing.
    let mut given = Values::default();
    if let Some(path) = &args.vars_file {
        given
            .extend_json(&read_json(path)?)
            .map_err(|e| Error::Usage(format!("--vars {}: {e}", path.display())))?;
    }
    let flags = parse_vars(&args.vars)?;
    given.extend(&flags);
    let chat = args.chat.as_deref().map(chat_id).transpose()?;

    let (lib, id, matched_lang) = resolve(app, &args.target)?;
    let response = lib.lookup(&id)?;
    let lang = pick_language(app, &lib, response, args.lang.as_deref(), matched_lang);
    let mut draft = Draft::new(app, &lib, response, lang, &given, chat)?;
    draft.check_patterns(&lib)?;

    let missing = draft.missing();
    let mut typed = Values::default();
    if !missing.is_empty() {
        let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if !interactive {
            return Err(missing_error(&lib, response, &missing, chat));
        }
        app.note(&format!(
            "{} — {}",
            app.err.bold(response.id.as_str()),
            draft.title()
        ));
        for v in &missing {
            let answer = prompt::ask(v, lib.manifest.variables.get(v), app.err)
                .ok_or_else(|| missing_error(&lib, response, &missing, chat))?;
            typed.set(v.clone(), &answer);
        }
        draft.values.extend(&typed);
    }
    if let Some(id) = chat {
        // What the agent gave for this chat is remembered, so it is asked once.
        let mut remember = flags.clone();
        remember.extend(&typed);
        remember_in_chat(app, id, &remember)?;
    }
    let text = draft.render()?;
    deliver(app, response, &draft.lang, &text, args.print)?;
    Ok(Outcome::Success)
}

/// `--var NAME=VALUE` flags.
pub fn parse_vars(vars: &[String]) -> Result<Values> {
    let mut values = Values::default();
    for a in vars {
        let (k, v) = parse_assignment(a).map_err(|e| Error::Usage(format!("--var {e}")))?;
        values.set(k, &v);
    }
    Ok(values)
}

/// A response about to be filled in: its compiled template, what it needs,
/// and the values known so far.
pub struct Draft<'a> {
    pub response: &'a Response,
    pub lang: Lang,
    templates: Templates,
    name: String,
    pub needed: BTreeSet<String>,
    pub values: Values,
}

impl<'a> Draft<'a> {
    /// Compiles the response and gathers values, later winning: declared
    /// defaults, built-ins, the chat's memory, then `given` (`--vars`, `--var`).
    pub fn new(
        app: &App,
        lib: &Library,
        response: &'a Response,
        lang: Lang,
        given: &Values,
        chat: Option<&str>,
    ) -> Result<Draft<'a>> {
        let text = response.text_in(&lang).unwrap_or(&response.text);
        let name = response.template_name(&lang);
        let (templates, errors) = Templates::compile(
            lib.manifest
                .partials
                .iter()
                .map(|(n, p)| (n.clone(), p.body.as_str()))
                .chain(std::iter::once((name.clone(), text.body.as_str()))),
        );
        if let Some(e) = errors.iter().find(|e| e.template == name) {
            return Err(Error::failed(
                format!("`{}` cannot be used: template error: {e}", response.id),
                Some("run `canned check` to see where".into()),
            ));
        }
        let needed = templates.variables(&name);
        let mut values = Values::default();
        for v in &needed {
            if let Some(d) = lib
                .manifest
                .variables
                .get(v)
                .and_then(|s| s.default.as_deref())
            {
                values.set(v.clone(), d);
            }
        }
        if let Some(agent) = app.agent() {
            values.set("agent", agent);
        }
        values.set("today", &app.today.to_string());
        values.set("lang", lang.as_str());
        if let Some(id) = chat {
            values.set("ticket", id);
            let store = ChatStore::new(&app.dirs.state);
            for (k, v) in store.load(id, unix_seconds(app.now)).values {
                values.set(k, &v);
            }
        }
        values.extend(given);
        Ok(Draft {
            response,
            lang,
            templates,
            name,
            needed,
            values,
        })
    }

    pub fn title(&self) -> &str {
        &self
            .response
            .text_in(&self.lang)
            .unwrap_or(&self.response.text)
            .title
    }

    /// Needed variables without a value, in name order.
    pub fn missing(&self) -> Vec<String> {
        self.needed
            .iter()
            .filter(|v| !self.values.has(v))
            .cloned()
            .collect()
    }

    /// Refuses values that fail their declared pattern, showing both.
    pub fn check_patterns(&self, lib: &Library) -> Result<()> {
        let refused = pattern_errors(&lib.manifest, &self.values, &self.needed);
        if refused.is_empty() {
            return Ok(());
        }
        Err(Error::Values {
            message: refused.join("\n"),
            hint: Some("fix the value and try again; nothing was copied".into()),
        })
    }

    /// The text with what is known so far, each missing value shown as `mark(name)`.
    pub fn preview(&self, mark: impl Fn(&str) -> String) -> std::result::Result<String, String> {
        let mut values = self.values.clone();
        for v in self.missing() {
            let m = mark(&v);
            values.set(v, &m);
        }
        self.templates
            .render(&self.name, values.as_map())
            .map_err(|e| e.to_string())
    }

    /// The finished text, refused when a placeholder still looks unfilled.
    pub fn render(&self) -> Result<String> {
        let rendered = self
            .templates
            .render(&self.name, self.values.as_map())
            .map_err(|e| {
                Error::failed(
                    format!("`{}` does not render: {e}", self.response.id),
                    Some("run `canned check` to see where".into()),
                )
            })?;
        if let Some(found) = unfilled(&rendered, &self.values) {
            return Err(Error::failed(
                format!(
                    "the text of `{}` still contains `{found}`: not copied",
                    self.response.id
                ),
                Some(
                    "the template itself holds a placeholder to fix; `canned show --raw` shows it"
                        .into(),
                ),
            ));
        }
        Ok(rendered)
    }
}

/// Saves values to a chat's memory.
pub fn remember_in_chat(app: &App, chat: &str, values: &Values) -> Result<()> {
    if values.as_map().is_empty() {
        return Ok(());
    }
    let map: BTreeMap<String, String> = values.as_map().clone();
    ChatStore::new(&app.dirs.state)
        .save(chat, &map, unix_seconds(app.now))
        .map(|_| ())
        .map_err(|e| Error::io(app.dirs.state.join("chats"), e))
}

/// Prints or copies the finished text, confirms on stderr, and logs the use.
pub fn deliver(app: &App, response: &Response, lang: &Lang, text: &str, print: bool) -> Result<()> {
    if print {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())?;
        if std::io::stdout().is_terminal() && !text.ends_with('\n') {
            writeln!(out)?;
        }
        out.flush()?;
    } else {
        let pref: Preference = app
            .config
            .clipboard
            .as_deref()
            .unwrap_or("auto")
            .parse()
            .map_err(|e: String| Error::Config {
                path: app.dirs.config.join("config.toml"),
                message: e,
            })?;
        let (method, note) = clipboard::copy(text, pref, &clipboard::Environment::from_env())
            .map_err(|e| {
                Error::failed(
                    e.to_string(),
                    Some("use --print to write the text to stdout".into()),
                )
            })?;
        if let Some(n) = note {
            app.note(&format!("({n})"));
        }
        app.note(&format!(
            "{} {} ({lang}, {} characters) via {method}",
            app.err.green("copied"),
            response.id,
            text.chars().count()
        ));
    }
    if let Err(e) =
        UsageLog::new(&app.dirs.data).record(app.now, response.id.as_str(), lang.as_str())
    {
        app.warn(&format!("could not write the usage log: {e}"));
    }
    Ok(())
}

/// The library holding the response an id, a shortcut or a query names,
/// the response's id, and the language a query matched in. The search index
/// (cached) says which file the response is in, so only that file and the
/// manifest are parsed.
fn resolve(app: &App, target: &[String]) -> Result<(Library, String, Option<Lang>)> {
    let joined = target.join(" ");
    let root = app.library_root()?;
    let index = app.index_in(&root)?;
    let (doc, matched) = match index.exact(&joined) {
        Some(d) => (d, None),
        None => {
            let query = Query::parse(target, Default::default()).map_err(Error::Usage)?;
            let hit = ranked(app, &index, &query, 1).into_iter().next().ok_or_else(|| {
                Error::failed(
                    format!("no response matches `{joined}`"),
                    Some("`canned find WORDS` lists what matches; `canned list` shows everything".into()),
                )
            })?;
            let d = &index.docs[hit.doc];
            app.note(&format!(
                "using {} — {} (best match for `{joined}`)",
                app.err.bold(&d.id),
                d.title_in(hit.lang)
            ));
            (
                hit.doc,
                Some(Lang::new(index.langs[usize::from(hit.lang)].clone())),
            )
        }
    };
    let d = &index.docs[doc];
    let lib = library::load_one(&root, &root.join(&d.file))?;
    if lib.get(&d.id).is_some() {
        return Ok((lib, d.id.clone(), matched));
    }
    // The file moved under the index's feet: read everything.
    Ok((library::load(&root)?, d.id.clone(), matched))
}

/// `--lang`, then the config's `lang`, then the language a query matched
/// in, then the library's default; a missing translation falls back to the
/// response's own language, and says so.
pub fn pick_language(
    app: &App,
    lib: &Library,
    r: &Response,
    flag: Option<&str>,
    matched: Option<Lang>,
) -> Lang {
    let wanted = flag
        .map(Lang::new)
        .or_else(|| app.config.lang.as_deref().map(Lang::new))
        .or(matched)
        .unwrap_or_else(|| lib.manifest.default_lang.clone());
    if r.text_in(&wanted).is_some() {
        return wanted;
    }
    app.note(&format!(
        "`{}` has no `{wanted}` translation; using `{}`",
        r.id, r.lang
    ));
    r.lang.clone()
}

fn missing_error(lib: &Library, r: &Response, missing: &[String], chat: Option<&str>) -> Error {
    let mut lines = vec![format!("missing values for `{}`:", r.id)];
    for v in missing {
        let spec = lib.manifest.variables.get(v);
        let mut line = format!("  {v}");
        if let Some(d) = spec.and_then(|s| s.description.as_deref()) {
            line.push_str(&format!(" — {d}"));
        }
        if let Some(e) = spec.and_then(|s| s.example.as_deref()) {
            line.push_str(&format!(" (e.g. {e})"));
        }
        lines.push(line);
    }
    let flags: Vec<String> = missing.iter().map(|v| format!("--var {v}=…")).collect();
    let mut hint = format!("pass them: {}", flags.join(" "));
    if let Some(id) = chat {
        let pairs: Vec<String> = missing.iter().map(|v| format!("{v}=…")).collect();
        hint.push_str(&format!(
            ", or remember them for the chat: canned chat {id} {}",
            pairs.join(" ")
        ));
    }
    Error::Values {
        message: lines.join("\n"),
        hint: Some(hint),
    }
}

fn read_json(path: &std::path::Path) -> Result<serde_json::Value> {
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Error::io("stdin", e))?;
        s
    } else {
        std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?
    };
    serde_json::from_str(&text).map_err(|e| {
        Error::Usage(format!(
            "--vars {}: invalid JSON at line {}, column {}: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })
}
