//! How a response is shown as JSON and in table rows, shared by commands.

use serde::Serialize;

use crate::cli::FilterArgs;
use crate::domain::model::{CustomerType, Lang, Response, Urgency};
use crate::domain::search::filter::Filter;
use crate::error::{Error, Result};

/// A response's metadata, for `--json` output.
#[derive(Serialize)]
pub struct Summary<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub shortcut: Option<&'a str>,
    pub urgency: Urgency,
    pub topic: &'a str,
    pub customer: &'a [CustomerType],
    pub tags: &'a [String],
    pub lang: &'a Lang,
    pub languages: Vec<&'a Lang>,
    pub owner: Option<&'a str>,
    pub reviewed: Option<String>,
    pub expires: Option<String>,
    pub file: String,
    pub line: usize,
}

impl<'a> Summary<'a> {
    pub fn new(r: &'a Response) -> Summary<'a> {
        Summary {
            id: r.id.as_str(),
            title: &r.text.title,
            shortcut: r.shortcut.as_deref(),
            urgency: r.urgency,
            topic: r.topic.as_str(),
            customer: &r.customers,
            tags: &r.tags,
            lang: &r.lang,
            languages: r.languages().collect(),
            owner: r.owner.as_deref(),
            reviewed: r.reviewed.map(|d| d.to_string()),
            expires: r.expires.map(|d| d.to_string()),
            file: r.location.path.display().to_string(),
            line: r.location.line,
        }
    }
}

/// The customer types of a response, comma-separated.
pub fn customers(r: &Response) -> String {
    r.customers
        .iter()
        .map(CustomerType::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

/// Turns the filter flags into a `Filter`.
pub fn filter(args: &FilterArgs) -> Result<Filter> {
    let mut f = Filter {
        include_expired: args.all,
        ..Filter::default()
    };
    for (key, value) in [
        ("urgency", &args.urgency),
        ("topic", &args.topic),
        ("customer", &args.customer),
        ("lang", &args.lang),
        ("tag", &args.tag),
    ] {
        if let Some(v) = value {
            f.apply_qualifier(key, v)
                .map_err(|e| Error::Usage(format!("--{key}: {e}")))?;
        }
    }
    Ok(f)
}

/// Pads `s` to `width` characters (not bytes: titles are French too).
pub fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}
