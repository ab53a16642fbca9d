//! Writing new responses into a library without touching what is there:
//! TOML built with `toml_edit` (so every value is escaped correctly), text
//! appended after the existing bytes, manifests extended in place, paths kept
//! inside the library. Pure.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use crate::domain::edit::Convention;

use crate::domain::date::Date;
use crate::domain::model::Urgency;

/// A response about to be written. `None` and empty fields are left out of
/// the TOML, so the file's `[defaults]` apply to them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewResponse {
    pub id: String,
    pub title: String,
    pub shortcut: Option<String>,
    pub urgency: Option<Urgency>,
    pub topic: Option<String>,
    pub customers: Vec<String>,
    pub tags: Vec<String>,
    pub owner: Option<String>,
    pub reviewed: Option<Date>,
    pub expires: Option<Date>,
    pub notes: Option<String>,
    pub examples: Vec<String>,
    pub lang: Option<String>,
    pub body: String,
    pub translations: BTreeMap<String, DraftText>,
}

/// A translation of a [`NewResponse`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftText {
    pub title: String,
    pub body: String,
    pub notes: Option<String>,
    pub examples: Vec<String>,
}

/// A variable to declare in the manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewVariable {
    pub name: String,
    pub description: String,
    pub example: String,
}

fn date(d: Date) -> Item {
    match d.to_string().parse::<toml_edit::Datetime>() {
        Ok(dt) => value(dt),
        Err(_) => value(d.to_string()),
    }
}

fn words(list: &[String]) -> Item {
    if list.len() == 1 {
        value(list[0].as_str())
    } else {
        value(Array::from_iter(list.iter().map(String::as_str)))
    }
}

fn list(items: &[String]) -> Item {
    value(Array::from_iter(items.iter().map(String::as_str)))
}

/// The `[[response]]` table of a draft, fields in the documented order.
pub fn response_table(d: &NewResponse) -> Table {
    let mut t = Table::new();
    t.insert("id", value(d.id.as_str()));
    t.insert("title", value(d.title.as_str()));
    if let Some(s) = &d.shortcut {
        t.insert("shortcut", value(s.as_str()));
    }
    if let Some(u) = d.urgency {
        t.insert("urgency", value(u.as_str()));
    }
    if let Some(topic) = &d.topic {
        t.insert("topic", value(topic.as_str()));
    }
    if !d.customers.is_empty() {
        t.insert("customer", words(&d.customers));
    }
    if !d.tags.is_empty() {
        t.insert(
            "tags",
            value(Array::from_iter(d.tags.iter().map(String::as_str))),
        );
    }
    if let Some(o) = &d.owner {
        t.insert("owner", value(o.as_str()));
    }
    if let Some(r) = d.reviewed {
        t.insert("reviewed", date(r));
    }
    if let Some(e) = d.expires {
        t.insert("expires", date(e));
    }
    if let Some(n) = &d.notes {
        t.insert("notes", value(n.as_str()));
    }
    if !d.examples.is_empty() {
        t.insert("examples", list(&d.examples));
    }
    if let Some(l) = &d.lang {
        t.insert("lang", value(l.as_str()));
    }
    t.insert("body", value(d.body.as_str()));
    if !d.translations.is_empty() {
        let mut all = Table::new();
        all.set_implicit(true);
        for (lang, text) in &d.translations {
            let mut tr = Table::new();
            tr.insert("title", value(text.title.as_str()));
            if let Some(n) = &text.notes {
                tr.insert("notes", value(n.as_str()));
            }
            if !text.examples.is_empty() {
                tr.insert("examples", list(&text.examples));
            }
            tr.insert("body", value(text.body.as_str()));
            all.insert(lang, Item::Table(tr));
        }
        t.insert("translations", Item::Table(all));
    }
    t
}

/// The TOML of some drafts, each `[[response]]` block after a blank line.
pub fn render(drafts: &[NewResponse]) -> String {
    let mut out = String::new();
    for d in drafts {
        let mut aot = ArrayOfTables::new();
        aot.push(response_table(d));
        let mut doc = DocumentMut::new();
        doc.insert("response", Item::ArrayOfTables(aot));
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(doc.to_string().trim_end());
        out.push('\n');
    }
    out
}

/// A whole new response file: a comment, an optional `[defaults] topic`,
/// and the drafts.
pub fn new_file(comment: &str, defaults_topic: Option<&str>, drafts: &[NewResponse]) -> String {
    let mut out = String::new();
    for line in comment.lines() {
        out.push_str(&format!("# {line}\n").replace("# \n", "#\n"));
    }
    if let Some(topic) = defaults_topic {
        let mut doc = DocumentMut::new();
        let mut t = Table::new();
        t.insert("topic", value(topic));
        doc.insert("defaults", Item::Table(t));
        out.push_str(&doc.to_string());
        out.push('\n');
    }
    out.push_str(&render(drafts));
    out
}

/// `original` with the drafts appended after one blank line, and the 1-based
/// line of the first appended `[[response]]` header. `original` is always a
/// byte-for-byte prefix of the result.
pub fn append(original: &str, drafts: &[NewResponse]) -> (String, usize) {
    // A file written on Windows keeps its line ends: mixed ones would show
    // in every diff, and some editors rewrite them all.
    let eol = if original.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = original.to_string();
    if !out.is_empty() {
        if !out.ends_with('\n') {
            out.push_str(eol);
        }
        if !out.ends_with(&eol.repeat(2)) {
            out.push_str(eol);
        }
    }
    let line = out.matches('\n').count() + 1;
    let mut added = render(drafts);
    // A file that writes its headers `[[ response ]]` gets its new ones so:
    // `toml_edit` writes every header of one array as the first, so `review`
    // would refuse a file that mixes the two.
    if let Some(header) = response_header(original).filter(|h| *h != "[[response]]") {
        added = added
            .lines()
            .map(|l| if l == "[[response]]" { header } else { l })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
    }
    out.push_str(&added.replace('\n', eol));
    (out, line)
}

/// How `text` writes its first `[[response]]` header (`[[ response ]]`,
/// `[["response"]]`), without what follows it on its line.
fn response_header(text: &str) -> Option<&str> {
    text.lines().find_map(|l| {
        let l = l.trim();
        let end = l.find("]]")? + 2;
        let header = &l[..end];
        let key: String = header
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '\''))
            .collect();
        (key == "[[response]]").then_some(header)
    })
}

/// Whether `text` writes its responses as an inline list (`response =
/// [{ … }]`), where a `[[response]]` table cannot be added: TOML allows
/// one form of a key or the other.
pub fn responses_inline(text: &str) -> bool {
    let (_, text) = Convention::of(text);
    text.parse::<DocumentMut>()
        .is_ok_and(|doc| doc.get("response").is_some_and(Item::is_value))
}

/// The manifest text with `topics` added to `[library] topics` (only when the
/// manifest restricts topics) and `variables` declared, everything else kept.
pub fn extend_manifest(
    text: &str,
    topics: &[String],
    variables: &[NewVariable],
) -> Result<String, String> {
    let (convention, text) = Convention::of(text);
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    if !topics.is_empty()
        && let Some(list) = doc
            .get_mut("library")
            .and_then(|l| l.get_mut("topics"))
            .and_then(Item::as_array_mut)
    {
        for t in topics {
            if !list.iter().any(|v| v.as_str() == Some(t)) {
                push_in_layout(list, t);
            }
        }
    }
    if !variables.is_empty() {
        if doc.get("variables").is_none() {
            let mut t = Table::new();
            t.set_implicit(true);
            doc.insert("variables", Item::Table(t));
        }
        let Some(vars) = doc.get_mut("variables").and_then(Item::as_table_like_mut) else {
            return Err("`variables` is not a table".into());
        };
        for v in variables {
            if vars.contains_key(&v.name) {
                continue;
            }
            let mut t = Table::new();
            t.insert("description", value(v.description.as_str()));
            t.insert("example", value(v.example.as_str()));
            vars.insert(&v.name, Item::Table(t));
        }
    }
    Ok(convention.apply(doc.to_string()))
}

/// Pushes `item` onto `list` as its items are laid out: in a list written
/// one item a line, on a line of its own, after any comment that ends the
/// line of the last one (`"returns",  # RMAs`).
fn push_in_layout(list: &mut Array, item: &str) {
    fn raw(d: Option<&toml_edit::RawString>) -> &str {
        d.and_then(|r| r.as_str()).unwrap_or("")
    }
    // Written over several lines: a line break before an item, after the
    // last, or before the `]`. Indented as the last item on a line of its
    // own, else as any.
    let breaks = |v: &toml_edit::Value| raw(v.decor().prefix()).contains('\n');
    let multiline = list.iter().any(breaks)
        || list
            .iter()
            .last()
            .is_some_and(|v| raw(v.decor().suffix()).contains('\n'))
        || list.trailing().as_str().unwrap_or("").contains('\n');
    let indent = list
        .iter()
        .filter(|v| breaks(v))
        .last()
        .map(|v| raw(v.decor().prefix()))
        .map(|p| p[p.rfind('\n').unwrap_or(0)..].to_string());
    let mut value = quoted_as_the_last(list, item);
    let indent = match (multiline, indent) {
        (false, _) => {
            let decor = value.decor_mut();
            decor.set_prefix(if list.is_empty() { "" } else { " " });
            decor.set_suffix("");
            list.push_formatted(value);
            return;
        }
        (true, Some(indent)) => indent,
        (true, None) => "\n".to_string(),
    };
    // What follows the last item up to the `]` (a comment ending its
    // line, the line end itself) is in its suffix when no comma follows
    // it, else in the list's trailing text: it stays after that item, and
    // the last line end before the `]`.
    let mut tail = String::new();
    if let Some(last) = list.iter_mut().last() {
        let suffix = last.decor().suffix().and_then(|s| s.as_str()).unwrap_or("");
        if suffix.contains('\n') {
            tail = suffix.to_string();
            last.decor_mut().set_suffix("");
        }
    }
    tail.push_str(list.trailing().as_str().unwrap_or(""));
    let (comment, before_close) = match tail.rfind('\n') {
        Some(at) => (tail[..at].to_string(), tail[at..].to_string()),
        None => (tail, "\n".to_string()),
    };
    value.decor_mut().set_prefix(format!("{comment}{indent}"));
    list.push_formatted(value);
    list.set_trailing(before_close);
    list.set_trailing_comma(true);
}

/// `item` as a TOML string quoted as the list's last item is: `'billing'`
/// among literal strings, `"billing"` otherwise.
fn quoted_as_the_last(list: &Array, item: &str) -> toml_edit::Value {
    let literal = matches!(
        list.iter().last(),
        Some(toml_edit::Value::String(s)) if s.display_repr().starts_with('\'')
    );
    // A literal string holds no `'` and no control character.
    if literal
        && !item.chars().any(|c| c == '\'' || c.is_control())
        && let Ok(value) = format!("'{item}'").parse::<toml_edit::Value>()
    {
        return value;
    }
    toml_edit::Value::from(item)
}

/// `rel`, a path relative to a library, checked as a place for responses:
/// no `..`, nothing hidden (never loaded), a `.toml` file, not the
/// manifest. `./` parts are dropped. The platform resolves absolute paths
/// and symlinks before and after (`platform::library::inside_library`).
pub fn response_file(rel: &Path) -> Result<PathBuf, String> {
    // `./a.toml` is `a.toml`.
    let rel: PathBuf = rel
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    // What Windows cannot name: a teammate there could not check the
    // library out, and `canned` there could not write it.
    let name = rel.to_string_lossy().into_owned();
    if let Some(why) = crate::domain::rules::unnameable_on_windows(&rel) {
        return Err(why);
    }
    if rel
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "`{}` leads outside the library (`..` is not allowed)",
            rel.display()
        ));
    }
    // A line break in a name forges a line of every message naming it.
    if rel
        .to_string_lossy()
        .chars()
        .any(|c| c.is_control() || crate::domain::text::is_hidden(c))
    {
        return Err(format!(
            "`{}` holds a line break or a control character",
            crate::domain::text::one_line(&rel.to_string_lossy())
        ));
    }
    // What the library would never load is no place for a response.
    if rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    {
        return Err(format!(
            "`{}` is hidden: canned never loads hidden files or folders",
            rel.display()
        ));
    }
    if !crate::domain::library::is_toml_name(&name) {
        return Err(format!(
            "`{}` is not a `.toml` file: canned loads only those",
            rel.display()
        ));
    }
    // `Canned.toml` too: every command skips it (it is no manifest, nor
    // a file of responses), so a reply added there would never be read.
    if rel.components().count() == 1
        && rel.file_name().is_some_and(|n| {
            n != crate::domain::library::MANIFEST
                && n.eq_ignore_ascii_case(crate::domain::library::MANIFEST)
        })
    {
        return Err(format!(
            "`{}` is the manifest's name in another case: every command skips it",
            rel.display()
        ));
    }
    if rel.components().count() == 1
        && rel
            .file_name()
            .is_some_and(|n| n == crate::domain::library::MANIFEST)
    {
        return Err(format!(
            "`{}` is the manifest, which holds no responses",
            rel.display()
        ));
    }
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_file_is_one_windows_can_name() {
        let refused = |p: &str| response_file(Path::new(p)).unwrap_err();
        assert_eq!(
            refused("con.toml"),
            "`con.toml` is a device's name on Windows: no file can have it"
        );
        assert_eq!(
            refused("nul/a.toml"),
            "`nul/a.toml`: `nul` is a device's name on Windows: no file can have it"
        );
        assert_eq!(
            refused("sub./x.toml"),
            "`sub./x.toml`: `sub.` ends in a dot or a space, which Windows drops from a name"
        );
        assert_eq!(
            refused("sub /x.toml"),
            "`sub /x.toml`: `sub ` ends in a dot or a space, which Windows drops from a name"
        );
        assert_eq!(
            refused("tab\tx.toml"),
            "`tab x.toml` holds U+0009, a control character, which Windows file names cannot hold"
        );
        assert_eq!(
            refused("conin$.toml"),
            "`conin$.toml` is a device's name on Windows: no file can have it"
        );
        assert_eq!(
            refused("COM¹.toml"),
            "`COM¹.toml` is a device's name on Windows: no file can have it"
        );
        assert_eq!(
            refused("ship:ads.toml"),
            "`ship:ads.toml` holds `:`, which Windows file names cannot hold"
        );
        assert_eq!(
            refused(r"a\b.toml"),
            r"`a\b.toml` holds `\`, which Windows file names cannot hold"
        );
        assert_eq!(
            response_file(Path::new("Sales.TOML")),
            Ok("Sales.TOML".into())
        );
        assert_eq!(
            response_file(Path::new("console.toml")),
            Ok("console.toml".into())
        );
    }

    fn draft() -> NewResponse {
        NewResponse {
            id: "late".into(),
            title: "Say \"hi\" \\ there".into(),
            topic: Some("shipping".into()),
            customers: vec!["vip".into()],
            body: "Hi {{ name }},\n\"\"\" quotes\n\nbye".into(),
            ..NewResponse::default()
        }
    }

    #[test]
    fn a_new_response_is_headed_as_the_file_heads_its_own() {
        let draft = NewResponse {
            id: "b".into(),
            ..Default::default()
        };
        for header in ["[[ response ]]", "[[\"response\"]]", "[[response]]"] {
            let original = format!("{header} # first\nid = \"a\"\n");
            let (text, _) = append(&original, std::slice::from_ref(&draft));
            assert_eq!(text.matches(header).count(), 2, "{text}");
        }
    }

    #[test]
    fn rendered_drafts_read_back_as_the_same_values() {
        let mut d = draft();
        d.translations.insert(
            "fr".into(),
            DraftText {
                title: "Salut".into(),
                body: "\nBonjour".into(),
                notes: None,
                examples: Vec::new(),
            },
        );
        let text = render(&[d.clone(), draft()]);
        let v: toml::Table = toml::from_str(&text).unwrap();
        let r = &v["response"].as_array().unwrap()[0];
        assert_eq!(r["title"].as_str(), Some(d.title.as_str()));
        assert_eq!(r["body"].as_str(), Some(d.body.as_str()));
        assert_eq!(r["customer"].as_str(), Some("vip"));
        assert_eq!(r["translations"]["fr"]["body"].as_str(), Some("\nBonjour"));
        assert_eq!(v["response"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn append_to_a_windows_file_keeps_its_line_ends() {
        let original = "[[response]]\r\nid = \"a\"\r\n";
        let (text, line) = append(original, &[draft()]);
        assert!(text.starts_with(original));
        assert_eq!(line, 4);
        assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
    }

    #[test]
    fn append_keeps_the_original_as_a_prefix_after_one_blank_line() {
        let (text, line) = append("# a\nx = 1", &[draft()]);
        assert!(text.starts_with("# a\nx = 1\n\n[[response]]\n"));
        assert_eq!(line, 4);
        let (text, _) = append("x = 1\n\n", &[draft()]);
        assert!(text.starts_with("x = 1\n\n[[response]]"));
    }

    #[test]
    fn extend_manifest_keeps_comments_and_adds_what_is_missing() {
        let src = "# mine\n[library]\ntopics = [\"a\"] # keep\n\n[variables.name]\ndescription = \"x\"\n\n[partials]\ns = \"y\"\n";
        let vars = [NewVariable {
            name: "order_id".into(),
            description: "d".into(),
            example: "e".into(),
        }];
        let out = extend_manifest(src, &["b".into(), "a".into()], &vars).unwrap();
        assert!(out.contains("topics = [\"a\", \"b\"] # keep"), "{out}");
        assert!(
            out.contains("[variables.order_id]\ndescription = \"d\""),
            "{out}"
        );
        assert!(out.starts_with("# mine\n"));
        assert!(out.contains("[partials]\ns = \"y\"\n"));
    }

    #[test]
    fn responses_written_inline_are_told_from_tables() {
        assert!(responses_inline("response = [{ id = \"a\" }]\n"));
        assert!(!responses_inline("[[response]]\nid = \"a\"\n"));
        assert!(!responses_inline("not toml ["));
    }

    #[test]
    fn extend_manifest_writes_as_the_manifest_is_written() {
        // One topic a line, a comment after the last: the new one below it.
        for (list, extended) in [
            (
                "[\n  \"a\",\n  \"returns\",   # RMAs\n]",
                "[\n  \"a\",\n  \"returns\",   # RMAs\n  \"billing\",\n]",
            ),
            (
                "[\n  \"a\",\n  \"returns\"   # RMAs\n]",
                "[\n  \"a\",\n  \"returns\",   # RMAs\n  \"billing\",\n]",
            ),
            (
                "[\n  \"a\",\n  \"returns\",\n]",
                "[\n  \"a\",\n  \"returns\",\n  \"billing\",\n]",
            ),
            (
                "[\n  \"a\",\n  \"returns\"\n]",
                "[\n  \"a\",\n  \"returns\",\n  \"billing\",\n]",
            ),
            (
                "[\n  \"a\", \"returns\"\n]",
                "[\n  \"a\", \"returns\",\n  \"billing\",\n]",
            ),
            ("[\"a\"]", "[\"a\", \"billing\"]"),
            // Quoted as the last topic is.
            ("['a']", "['a', 'billing']"),
            (
                "[\n  \"a\",\n  'b',\n]",
                "[\n  \"a\",\n  'b',\n  'billing',\n]",
            ),
            ("['a', \"b\"]", "['a', \"b\", \"billing\"]"),
            ("[]", "[\"billing\"]"),
        ] {
            let src = format!("[library]\ntopics = {list}\n");
            let out = extend_manifest(&src, &["billing".into()], &[]).unwrap();
            assert_eq!(out, format!("[library]\ntopics = {extended}\n"));
        }
        // A Windows file stays one, byte order mark and all.
        let src = "\u{feff}# mine\r\n[library]\r\ntopics = [\"a\"]\r\n";
        let out = extend_manifest(src, &["b".into()], &[]).unwrap();
        assert_eq!(
            out,
            "\u{feff}# mine\r\n[library]\r\ntopics = [\"a\", \"b\"]\r\n"
        );
    }

    #[test]
    fn a_response_file_is_a_visible_toml_file_inside_the_library() {
        assert!(response_file(Path::new("../x.toml")).is_err());
        assert!(response_file(Path::new("a/../../x.toml")).is_err());
        assert!(response_file(Path::new(".x.toml")).is_err());
        assert!(response_file(Path::new("x.txt")).is_err());
        assert!(response_file(Path::new("new\nline.toml")).is_err());
        assert!(response_file(Path::new("canned.toml")).is_err());
        assert_eq!(
            response_file(Path::new("./sub/x.toml")).unwrap(),
            Path::new("sub/x.toml")
        );
    }
}
