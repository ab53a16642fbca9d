//! Format-preserving edits of TOML files (`review`): parse a document, find
//! a `[[response]]` by id, set a key keeping its comments and layout, and
//! render the text to save. Reading and the atomic, compare-before-rename
//! write are the platform's (`platform::fs`).
//!
//! The file is refused up front when `toml_edit` could not write it back
//! byte for byte, so an edit never reformats what it did not mean to change.

use std::path::{Path, PathBuf};

use toml_edit::{Decor, DocumentMut, Item, Key, Table, Value};

use crate::domain::date::Date;
use crate::domain::diagnostic::{LineIndex, Location};

/// Why a file could not be edited.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{at}: not valid TOML: {message}")]
    Invalid { at: Location, message: String },
    #[error("{} cannot be edited without reformatting it", path.display())]
    NotRoundTrip {
        path: PathBuf,
        /// Lines end both ways, which cannot be written back.
        mixed: bool,
        /// The first line that would change: its number, as it is, and as
        /// it would be written.
        first: Option<(usize, String, String)>,
    },
    #[error("no response with id `{id}` in {}", path.display())]
    NoSuchResponse { path: PathBuf, id: String },
    #[error("`{id}` is written as an inline table in {} (`response = [{{ … }}]`); review writes only in [[response]] tables", path.display())]
    InlineResponse { path: PathBuf, id: String },
    #[error("{count} responses of {} have the id `{id}`: which one to change cannot be told", path.display())]
    SharedId {
        path: PathBuf,
        id: String,
        count: usize,
    },
}

/// A TOML file loaded for editing, with the exact text it was read from.
pub struct TomlFile {
    path: PathBuf,
    original: String,
    doc: DocumentMut,
    convention: Convention,
}

const BOM: &str = "\u{feff}";

/// How a file's text is written, beyond what `toml_edit` keeps: an edit
/// writes it back the same way, or git shows every line changed.
#[derive(Clone, Copy, Debug)]
pub struct Convention {
    /// The file ends its lines with `\r\n`, which `toml_edit` would drop.
    crlf: bool,
    /// The file starts with a byte order mark (Windows editors write one),
    /// which `toml_edit` does not read.
    bom: bool,
    /// The file's last line has no line end (Notepad saves so), which
    /// `toml_edit` would add after a key.
    open_end: bool,
}

impl Convention {
    /// How `text` is written, and its text as `toml_edit` reads it.
    pub fn of(text: &str) -> (Convention, String) {
        let convention = Convention {
            crlf: text.contains("\r\n"),
            bom: text.starts_with(BOM),
            open_end: !text.is_empty() && !text.ends_with('\n'),
        };
        let body = text.strip_prefix(BOM).unwrap_or(text);
        let normalized = if convention.crlf {
            body.replace("\r\n", "\n")
        } else {
            body.to_string()
        };
        (convention, normalized)
    }

    /// `text`, as `toml_edit` writes it, written this way.
    pub fn apply(&self, mut text: String) -> String {
        if self.open_end && text.ends_with('\n') {
            text.pop();
        }
        let text = if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        if self.bom {
            format!("{BOM}{text}")
        } else {
            text
        }
    }
}

impl TomlFile {
    /// Parses `text` as the contents of `path`; refuses a document that
    /// would not be written back exactly as it was.
    pub fn parse(path: &Path, text: String) -> Result<TomlFile, EditError> {
        let (convention, normalized) = Convention::of(&text);
        let doc: DocumentMut = normalized.parse().map_err(|e: toml_edit::TomlError| {
            let (span, message) = crate::domain::library::first_error(
                &normalized,
                e.span().unwrap_or(0..0),
                e.message().trim(),
            );
            EditError::Invalid {
                at: LineIndex::new(path, &normalized).locate(&normalized, span.start),
                message,
            }
        })?;
        let file = TomlFile {
            path: path.to_path_buf(),
            original: text,
            doc,
            convention,
        };
        let rendered = file.render();
        if rendered != file.original {
            let mixed = convention.crlf && file.original.replace("\r\n", "").contains('\n');
            let first = (file.original.lines().zip(rendered.lines()).enumerate())
                .find(|(_, (was, would_be))| was != would_be)
                .map(|(i, (was, would_be))| (i + 1, was.to_string(), would_be.to_string()));
            return Err(EditError::NotRoundTrip {
                path: path.to_path_buf(),
                mixed,
                first,
            });
        }
        Ok(file)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn document(&self) -> &DocumentMut {
        &self.doc
    }

    pub fn document_mut(&mut self) -> &mut DocumentMut {
        &mut self.doc
    }

    /// The `[[response]]` table whose `id` is `id`.
    pub fn response_mut(&mut self, id: &str) -> Result<&mut Table, EditError> {
        let path = self.path.clone();
        let inline = self
            .doc
            .get("response")
            .and_then(Item::as_array)
            .is_some_and(|a| {
                a.iter()
                    .filter_map(Value::as_inline_table)
                    .any(|t| t.get("id").and_then(Value::as_str) == Some(id))
            });
        if inline {
            return Err(EditError::InlineResponse {
                path,
                id: id.to_string(),
            });
        }
        // Two tables with one id (one of them skipped for its errors, as
        // `check` says): the one loaded may be either, so neither is
        // changed rather than the wrong one.
        let mut found = self
            .doc
            .get_mut("response")
            .and_then(Item::as_array_of_tables_mut)
            .into_iter()
            .flat_map(|a| a.iter_mut())
            .filter(|t| t.get("id").and_then(Item::as_str) == Some(id));
        let first = found.next();
        let more = found.count();
        match first {
            Some(_) if more > 0 => Err(EditError::SharedId {
                path,
                id: id.to_string(),
                count: more + 1,
            }),
            Some(table) => Ok(table),
            None => Err(EditError::NoSuchResponse {
                path,
                id: id.to_string(),
            }),
        }
    }

    /// The text the document would be saved as.
    pub fn render(&self) -> String {
        self.convention.apply(self.doc.to_string())
    }

    /// Whether the document differs from the file as read.
    pub fn is_changed(&self) -> bool {
        self.render() != self.original
    }

    /// The text the file held when it was read.
    pub fn original(&self) -> &str {
        &self.original
    }
}

/// The 1-based line of `text` that names `name` as an id or a shortcut
/// (`id = "late"`, `shortcut = 'late'`), read as lines: a file too broken
/// to parse still has the line its author wants to fix.
pub fn line_naming(text: &str, name: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let Some((key, value)) = line.split_once('=') else {
                return false;
            };
            let value = value.split('#').next().unwrap_or("").trim();
            matches!(key.trim(), "id" | "shortcut")
                && value.len() >= 2
                && (value.starts_with('"') && value.ends_with('"')
                    || value.starts_with('\'') && value.ends_with('\''))
                && &value[1..value.len() - 1] == name
        })
        .map(|i| i + 1)
}

/// Where a key that is not in a table yet goes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Placement<'a> {
    /// After the first of these keys the table has…
    pub after: &'a [&'a str],
    /// …else before the first of these…
    pub before: &'a [&'a str],
    // …else after the table's last key.
}

/// Sets `key` to `value` in `table`, returning the old value. An existing
/// value keeps its surroundings (the spaces around it, the comment after
/// it); a new key is placed per `placement` and laid out like its neighbour:
/// same indentation, `=` aligned when the neighbour's is.
pub fn set_value(
    table: &mut Table,
    key: &str,
    value: Value,
    placement: Placement,
) -> Option<Value> {
    if let Some(item) = table.get_mut(key) {
        let mut value = value;
        let old = std::mem::take(item);
        if let Some(old) = old.as_value() {
            *value.decor_mut() = old.decor().clone();
        }
        *item = Item::Value(value);
        return old.into_value().ok();
    }
    // The lines of the table's own body: values, and dotted keys
    // (`translations.fr.title = …`), which are tables written among them.
    let keys: Vec<String> = table
        .iter()
        .filter(|(_, item)| {
            item.is_value() || item.as_table().is_some_and(toml_edit::Table::is_dotted)
        })
        .map(|(k, _)| k.to_string())
        .collect();
    let after = placement
        .after
        .iter()
        .find_map(|a| keys.iter().position(|k| k == a))
        .map(|i| i + 1);
    let before = placement
        .before
        .iter()
        .find_map(|b| keys.iter().position(|k| k == b));
    let index = after.or(before).unwrap_or(keys.len());
    // The neighbour whose layout the new line copies.
    let neighbour = keys
        .get(index.saturating_sub(1))
        .filter(|_| index > 0)
        .or_else(|| keys.get(index))
        .cloned();
    let (key_decor, value_decor) = match &neighbour {
        Some(n) => layout_like(table, n, key),
        None => (Decor::new("", " "), Decor::new(" ", "")),
    };
    let mut value = value;
    *value.decor_mut() = value_decor;
    let new_key = Key::new(key).with_leaf_decor(key_decor);
    // Keys after the insertion point come out and go back in, formatting
    // intact, so the new key lands where it belongs.
    let moved: Vec<(Key, Item)> = keys[index..]
        .iter()
        .filter_map(|k| table.remove_entry(k))
        .collect();
    table.insert_formatted(&new_key, Item::Value(value));
    for (k, item) in moved {
        table.insert_formatted(&k, item);
    }
    None
}

/// Decor for a new `key = …` line copying `neighbour`'s indentation and
/// alignment, never its comments.
fn layout_like(table: &Table, neighbour: &str, key: &str) -> (Decor, Decor) {
    let Some((k, item)) = table.get_key_value(neighbour) else {
        return (Decor::new("", " "), Decor::new(" ", ""));
    };
    let raw =
        |d: Option<&toml_edit::RawString>| d.and_then(|r| r.as_str()).unwrap_or("").to_string();
    let prefix = raw(k.leaf_decor().prefix());
    let indent: String = prefix
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let suffix = raw(k.leaf_decor().suffix());
    let blank = |s: &str| s.chars().all(|c| c == ' ' || c == '\t');
    // A dotted key's first part (`translations` of `translations.fr.title
    // = …`) is followed by its dot, not by ` = `: no layout to copy there.
    let key_suffix = if !item.is_value() {
        " ".into()
    } else if !blank(&suffix) || suffix.len() <= 1 {
        if blank(&suffix) { suffix } else { " ".into() }
    } else {
        // Aligned: put `=` in the same column as the neighbour's.
        let column = k.display_repr().chars().count() + suffix.len();
        " ".repeat(column.saturating_sub(key.chars().count()).max(1))
    };
    let value_prefix = item
        .as_value()
        .map(|v| raw(v.decor().prefix()))
        .filter(|p| blank(p))
        .unwrap_or_else(|| " ".into());
    (Decor::new(indent, key_suffix), Decor::new(value_prefix, ""))
}

/// A bare TOML date (`2026-11-24`).
pub fn date_value(date: Date) -> Value {
    let (year, month, day) = date.ymd();
    Value::from(toml_edit::Date {
        year: u16::try_from(year).unwrap_or(0),
        month: u8::try_from(month).unwrap_or(1),
        day: u8::try_from(day).unwrap_or(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REVIEW: Placement = Placement {
        after: &["owner"],
        before: &["expires", "notes", "body"],
    };

    fn edit(text: &str, id: &str, date: &str) -> String {
        let mut file = TomlFile::parse(Path::new("f.toml"), text.to_string()).unwrap();
        let table = file.response_mut(id).unwrap();
        set_value(table, "reviewed", date_value(date.parse().unwrap()), REVIEW);
        file.render()
    }

    #[test]
    fn replacing_a_value_keeps_its_trailing_comment_and_spacing() {
        let text = "[[response]]\nid = \"a\"\nreviewed   =   2025-01-01   # by Sam\nbody = \"x\"\n";
        assert_eq!(
            edit(text, "a", "2026-11-24"),
            "[[response]]\nid = \"a\"\nreviewed   =   2026-11-24   # by Sam\nbody = \"x\"\n"
        );
    }

    #[test]
    fn a_new_key_goes_after_owner_in_the_neighbours_layout() {
        let text = "# top\n[[response]]\n  id    = \"a\"\n  owner = \"me\" # team\n\n  # the text\n  body  = \"x\"\n";
        assert_eq!(
            edit(text, "a", "2026-11-24"),
            "# top\n[[response]]\n  id    = \"a\"\n  owner = \"me\" # team\n  reviewed = 2026-11-24\n\n  # the text\n  body  = \"x\"\n"
        );
    }

    #[test]
    fn a_new_key_without_owner_goes_before_the_body_and_its_comment() {
        let text = "[[response]]\nid = \"a\"\n# greeting\nbody = \"\"\"\nHi\"\"\"\n\n[response.translations.fr]\nbody = \"Salut\"\n\n[[response]]\nid = \"b\"\nbody = \"y\"\n";
        assert_eq!(
            edit(text, "a", "2026-11-24"),
            "[[response]]\nid = \"a\"\nreviewed = 2026-11-24\n# greeting\nbody = \"\"\"\nHi\"\"\"\n\n[response.translations.fr]\nbody = \"Salut\"\n\n[[response]]\nid = \"b\"\nbody = \"y\"\n"
        );
    }

    #[test]
    fn a_response_is_found_by_its_lines_in_a_file_too_broken_to_parse() {
        let text = "[[response]]\nid = \"order-in-transit\"\ntitle = \"Order is on its way\nshortcut = 'transit'  # short\n";
        assert_eq!(line_naming(text, "order-in-transit"), Some(2));
        assert_eq!(line_naming(text, "transit"), Some(4));
        assert_eq!(line_naming(text, "order"), None);
    }

    #[test]
    fn dotted_keys_keep_their_place_among_the_others() {
        let text = "[[response]]\nid = \"a\"\nbody = \"e\"\ntranslations.fr.title = \"x\"\ntranslations.fr.body = \"y\"\n";
        assert_eq!(
            edit(text, "a", "2026-11-24"),
            "[[response]]\nid = \"a\"\nreviewed = 2026-11-24\nbody = \"e\"\ntranslations.fr.title = \"x\"\ntranslations.fr.body = \"y\"\n"
        );
        let text = "[[response]]\nid = \"a\"\n# the body\nbody = \"e\"\ntranslations.fr.title = \"x\"\nowner = \"o\"\n";
        assert_eq!(
            edit(text, "a", "2026-11-24"),
            "[[response]]\nid = \"a\"\n# the body\nbody = \"e\"\ntranslations.fr.title = \"x\"\nowner = \"o\"\nreviewed = 2026-11-24\n"
        );
        // Placed after a dotted key (no body in the table), it copies no
        // layout from its first part.
        let text = "[[response]]\nid = \"a\"\ntranslations.fr.title = \"x\"\n";
        let placed = Placement {
            after: &["translations"],
            before: &[],
        };
        let mut file = TomlFile::parse(Path::new("f.toml"), text.to_string()).unwrap();
        let table = file.response_mut("a").unwrap();
        set_value(
            table,
            "reviewed",
            date_value("2026-11-24".parse().unwrap()),
            placed,
        );
        assert_eq!(
            file.render(),
            "[[response]]\nid = \"a\"\ntranslations.fr.title = \"x\"\nreviewed = 2026-11-24\n"
        );
    }

    #[test]
    fn a_response_written_inline_is_said_so() {
        let text = "response = [ { id = \"b\", title = \"B\", body = \"b\" } ]\n";
        let mut file = TomlFile::parse(Path::new("f.toml"), text.to_string()).unwrap();
        assert!(matches!(
            file.response_mut("b"),
            Err(EditError::InlineResponse { .. })
        ));
        assert!(matches!(
            file.response_mut("c"),
            Err(EditError::NoSuchResponse { .. })
        ));
    }

    #[test]
    fn a_byte_order_mark_is_kept_where_it_was() {
        let text = "\u{feff}[[response]]\nid = \"a\"\nbody = \"x\"\n";
        let mut f = TomlFile::parse(Path::new("a.toml"), text.to_string()).unwrap();
        f.response_mut("a")
            .unwrap()
            .insert("reviewed", toml_edit::value(1));
        assert_eq!(
            f.render(),
            "\u{feff}[[response]]\nid = \"a\"\nbody = \"x\"\nreviewed = 1\n"
        );
    }

    #[test]
    fn crlf_files_keep_their_line_endings() {
        let text = "[[response]]\r\nid = \"a\"\r\nbody = \"x\"\r\n";
        assert_eq!(
            edit(text, "a", "2026-11-24"),
            "[[response]]\r\nid = \"a\"\r\nreviewed = 2026-11-24\r\nbody = \"x\"\r\n"
        );
    }

    #[test]
    fn a_file_that_would_be_reformatted_is_refused() {
        let mixed = "a = 1\r\nb = 2\n".to_string();
        assert!(matches!(
            TomlFile::parse(Path::new("f.toml"), mixed),
            Err(EditError::NotRoundTrip { .. })
        ));
    }

    #[test]
    fn an_unknown_id_is_an_error() {
        let mut file =
            TomlFile::parse(Path::new("f.toml"), "[[response]]\nid = \"a\"\n".into()).unwrap();
        assert!(matches!(
            file.response_mut("b"),
            Err(EditError::NoSuchResponse { .. })
        ));
    }
}
