//! `canned show ID`: everything about one response, body rendered with the
//! declared example values.

use std::io::Write;

use serde::Serialize;

use crate::Outcome;
use crate::app::App;
use crate::cli::ShowArgs;
use crate::domain::check::example_values;
use crate::domain::fill::{needed_partials, pick_language};
use crate::domain::json::{ResponseJson, VariableJson};
use crate::domain::model::Lang;
use crate::domain::template::Templates;
use crate::domain::text::{one_line, sanitize};
use crate::error::{Error, Result};
use crate::ui::json;
use crate::ui::style::pad;

#[derive(Serialize)]
struct VariableView<'a> {
    name: &'a str,
    #[serde(flatten)]
    spec: VariableJson<'a>,
}

#[derive(Serialize)]
struct ShowView<'a> {
    #[serde(flatten)]
    response: ResponseJson<'a>,
    notes: Option<&'a str>,
    variables: Vec<VariableView<'a>>,
    body: String,
    raw: bool,
}

pub fn run(app: &App, args: &ShowArgs) -> Result<Outcome> {
    let root = app.library_root()?;
    let (index, damaged) = app.index_telling(&root)?;
    // Found through the index, only the response's own file is parsed;
    // a name it does not know gets the whole library's did-you-mean.
    let doc = app.exact(&root, &index, damaged, &args.id)?;
    // Its texts as `use` and `export` give them, whatever saved the file.
    let lib = crate::domain::export::with_unix_line_ends(app.library_for(&root, &index, doc)?);
    let r = lib
        .lookup(&args.id)
        .map_err(|unknown| App::not_found(&lib, &args.id, unknown, ""))?;
    // The same language of another region counts (`fr` for `fr-CA`), as
    // for `use`; none is an error here, where `use` would fall back.
    let lang = match &args.lang {
        Some(l) => match pick_language(r, &[Some(Lang::new(l.as_str()))]) {
            (found, None) => found,
            (_, Some(wanted)) => wanted,
        },
        None => r.lang.clone(),
    };
    let Some(text) = r.text_in(&lang) else {
        let have: Vec<&str> = r.languages().map(Lang::as_str).collect();
        return Err(Error::failed(
            format!("response `{}` has no `{lang}` translation", r.id),
            Some(format!("it is written in: {}", have.join(", "))),
        ));
    };
    let name = r.template_name(&lang);
    let failed = |message: String| {
        Error::failed(
            format!("the body of `{}` has a template error: {message}", r.id),
            Some("run `canned check` to see where".into()),
        )
    };
    // Only the partials it includes, as `use` compiles it: another's error
    // is not this reply's.
    let partials = needed_partials(&lib, &text.body).map_err(failed)?;
    let (templates, errors) = Templates::compile(
        partials
            .into_iter()
            .chain(std::iter::once((name.clone(), text.body.clone()))),
    );
    // `show` is a reference card: its variables are listed by name.
    let mut vars = templates.variables(&name);
    vars.sort();
    let body = if args.raw {
        text.body.clone()
    } else if let Some(e) = errors.first() {
        // A partial's own error, not "includes partial `x`, which has errors".
        return Err(failed(if e.template == name {
            e.to_string()
        } else {
            format!("in partial `{}`: {e}", e.template)
        }));
    } else {
        let values = example_values(&lib, &lang, app.today, vars.iter().map(String::as_str));
        templates.render(&name, &values).map_err(|e| {
            Error::failed(
                format!("`{}` does not render: {e}", r.id),
                Some("run `canned check` to see where".into()),
            )
        })?
    };
    // The language and the date are canned's to fill, never the agent's:
    // listed only where the library describes them.
    let variables: Vec<VariableView> = vars
        .iter()
        .filter(|v| {
            !matches!(v.as_str(), "lang" | "today") || lib.manifest.variables.contains_key(*v)
        })
        .map(|v| VariableView {
            name: v,
            spec: VariableJson::of(lib.manifest.variables.get(v)),
        })
        .collect();

    if args.json {
        let view = ShowView {
            response: ResponseJson::of_response(r, &lang, &lib.root),
            notes: r.notes_in(&lang),
            variables,
            body,
            raw: args.raw,
        };
        json::print(&view)?;
        return Ok(Outcome::Success);
    }

    let s = app.out;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}  {}",
        s.bold(r.id.as_str()),
        s.bold(&one_line(&text.title))
    )?;
    let langs: Vec<&str> = r.languages().map(Lang::as_str).collect();
    // Every value came from a library file: one inert line each.
    let mut field = |k: &str, v: String| writeln!(out, "  {}  {}", s.dim(&pad(k, 9)), one_line(&v));
    field("shortcut", r.shortcut.clone().unwrap_or_else(|| "—".into()))?;
    field("urgency", s.urgency(r.urgency).trim_end().to_string())?;
    field("topic", r.topic.to_string())?;
    field("customer", r.customer_list())?;
    field(
        "tags",
        if r.tags.is_empty() {
            "—".into()
        } else {
            r.tags.join(", ")
        },
    )?;
    field(
        "languages",
        format!("{} (showing {lang})", langs.join(", ")),
    )?;
    field("owner", r.owner.clone().unwrap_or_else(|| "—".into()))?;
    field("reviewed", r.reviewed.map_or("—".into(), |d| d.to_string()))?;
    let expires = match r.expires {
        Some(d) if r.is_expired(app.today) => s.red(&format!("{d} (expired)")),
        Some(d) => d.to_string(),
        None => "—".into(),
    };
    field("expires", expires)?;
    field(
        "file",
        format!("{}:{}", r.location.path.display(), r.location.line),
    )?;
    if let Some(notes) = r.notes_in(&lang) {
        writeln!(
            out,
            "\n{}\n  {}",
            s.bold("notes"),
            sanitize(notes.trim()).replace('\n', "\n  ")
        )?;
    }
    if !variables.is_empty() {
        writeln!(out, "\n{}", s.bold("variables"))?;
        let w = variables
            .iter()
            .map(|v| v.name.chars().count())
            .max()
            .unwrap_or(0);
        for v in &variables {
            let mut line = format!(
                "  {}  {}",
                s.cyan(&pad(v.name, w)),
                one_line(v.spec.description.unwrap_or("(no description)"))
            );
            if let Some(e) = v.spec.example {
                line.push_str(&s.dim(&format!("  e.g. {}", one_line(e))));
            }
            if let Some(d) = v.spec.default {
                // An empty default is a value too: nothing is asked.
                let d = if d.is_empty() {
                    "\"\" (none)".into()
                } else {
                    one_line(d)
                };
                line.push_str(&s.dim(&format!("  default: {d}")));
            }
            if let Some(p) = v.spec.pattern {
                line.push_str(&s.dim(&format!("  pattern: {}", one_line(p))));
            }
            writeln!(out, "{line}")?;
        }
    }
    let heading = if args.raw {
        "body (raw)"
    } else {
        "body (with example values)"
    };
    writeln!(out, "\n{}\n{}", s.bold(heading), sanitize(&body))?;
    Ok(Outcome::Success)
}
