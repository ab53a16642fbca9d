//! `canned use ID|SHORTCUT|QUERY`: fill a response in and copy it.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};

use crate::app::App;
use crate::chat::ChatStore;
use crate::cli::UseArgs;
use crate::clipboard::{self, Preference};
use crate::cmd::chat::chat_id;
use crate::cmd::find::ranked;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::{Lang, Response};
use crate::search::Query;
use crate::template::Templates;
use crate::usage::{UsageLog, unix_seconds};
use crate::values::{Values, parse_assignment, pattern_errors, unfilled};
use crate::{Outcome, prompt};

pub fn run(app: &App, args: &UseArgs) -> Result<Outcome> {
    // Read every input before anything else, so a bad flag costs nothing.
    let mut given = Values::default();
    if let Some(path) = &args.vars_file {
        given
            .extend_json(&read_json(path)?)
            .map_err(|e| Error::Usage(format!("--vars {}: {e}", path.display())))?;
    }
    let mut flags = Values::default();
    for a in &args.vars {
        let (k, v) = parse_assignment(a).map_err(|e| Error::Usage(format!("--var {e}")))?;
        flags.set(k, &v);
    }
    given.extend(&flags);
    let chat = args.chat.as_deref().map(chat_id).transpose()?;

    let lib = app.library()?;
    let (response, matched_lang) = resolve(app, &lib, &args.target)?;
    let lang = pick_language(app, &lib, response, args.lang.as_deref(), matched_lang);
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

    // Later sources win: declared defaults, built-ins, the chat, --vars, --var.
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
    let store = ChatStore::new(&app.dirs.state);
    let now = unix_seconds(app.now);
    if let Some(id) = chat {
        values.set("ticket", id);
        for (k, v) in store.load(id, now).values {
            values.set(k, &v);
        }
    }
    values.extend(&given);

    let refused = pattern_errors(&lib.manifest, &values, &needed);
    if !refused.is_empty() {
        return Err(Error::Values {
            message: refused.join("\n"),
            hint: Some("fix the value and try again; nothing was copied".into()),
        });
    }

    let missing: Vec<&String> = needed.iter().filter(|v| !values.has(v)).collect();
    let mut typed = BTreeMap::new();
    if !missing.is_empty() {
        let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if !interactive {
            return Err(missing_error(&lib, response, &missing, chat));
        }
        app.note(&format!(
            "{} — {}",
            app.err.bold(response.id.as_str()),
            text.title
        ));
        for v in &missing {
            let answer = prompt::ask(v, lib.manifest.variables.get(*v), app.err)
                .ok_or_else(|| missing_error(&lib, response, &missing, chat))?;
            values.set((*v).clone(), &answer);
            typed.insert((*v).clone(), answer);
        }
    }
    if let Some(id) = chat {
        // Remember what the agent gave for this chat, so it is asked once.
        let mut remember: BTreeMap<String, String> = flags.as_map().clone();
        remember.extend(typed);
        if !remember.is_empty() {
            store
                .save(id, &remember, now)
                .map_err(|e| Error::io(app.dirs.state.join("chats"), e))?;
        }
    }

    let rendered = templates.render(&name, values.as_map()).map_err(|e| {
        Error::failed(
            format!("`{}` does not render: {e}", response.id),
            Some("run `canned check` to see where".into()),
        )
    })?;
    if let Some(found) = unfilled(&rendered, &values) {
        return Err(Error::failed(
            format!(
                "the text of `{}` still contains `{found}`: not copied",
                response.id
            ),
            Some(
                "the template itself holds a placeholder to fix; `canned show --raw` shows it"
                    .into(),
            ),
        ));
    }

    if args.print {
        let mut out = std::io::stdout().lock();
        out.write_all(rendered.as_bytes())?;
        if std::io::stdout().is_terminal() && !rendered.ends_with('\n') {
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
        let (method, note) = clipboard::copy(&rendered, pref, &clipboard::Environment::from_env())
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
            rendered.chars().count()
        ));
    }
    if let Err(e) =
        UsageLog::new(&app.dirs.data).record(app.now, response.id.as_str(), lang.as_str())
    {
        app.warn(&format!("could not write the usage log: {e}"));
    }
    Ok(Outcome::Success)
}

/// The response an id, a shortcut or a query names, and the language a
/// query matched in.
fn resolve<'a>(
    app: &App,
    lib: &'a Library,
    target: &[String],
) -> Result<(&'a Response, Option<Lang>)> {
    let joined = target.join(" ");
    if let Some(r) = lib.get(&joined) {
        return Ok((r, None));
    }
    let query = Query::parse(target, Default::default()).map_err(Error::Usage)?;
    let index = app.index()?;
    let hit = ranked(app, &index, &query, 1)
        .into_iter()
        .next()
        .ok_or_else(|| {
            Error::failed(
                format!("no response matches `{joined}`"),
                Some(
                    "`canned find WORDS` lists what matches; `canned list` shows everything".into(),
                ),
            )
        })?;
    let doc = &index.docs[hit.doc];
    let r = lib
        .get(&doc.id)
        .ok_or_else(|| Error::failed("the index is out of date", None))?;
    app.note(&format!(
        "using {} — {} (best match for `{joined}`)",
        app.err.bold(r.id.as_str()),
        r.text.title
    ));
    Ok((
        r,
        Some(Lang::new(index.langs[usize::from(hit.lang)].clone())),
    ))
}

/// `--lang`, then the config's `lang`, then the language a query matched
/// in, then the library's default; a missing translation falls back to the
/// response's own language, and says so.
fn pick_language(
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

fn missing_error(lib: &Library, r: &Response, missing: &[&String], chat: Option<&str>) -> Error {
    let mut lines = vec![format!("missing values for `{}`:", r.id)];
    for v in missing {
        let spec = lib.manifest.variables.get(*v);
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
