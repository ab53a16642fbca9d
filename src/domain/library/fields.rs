//! Reading typed fields out of a parsed TOML table, recording every problem
//! with its location instead of stopping at the first.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::domain::date::Date;
use crate::domain::diagnostic::{
    Diagnostic, LineIndex, Location, TextAt, did_you_mean, suggestion_hint,
};
use crate::domain::rules::{self, Refusal};

/// How many hidden characters of one text `check` locates, each on its
/// own line; the rest are counted.
const HIDDEN_SHOWN: usize = 10;

/// One file's text, for turning byte spans into locations.
pub struct Source<'a> {
    pub text: &'a str,
    pub index: LineIndex,
}

impl Source<'_> {
    pub fn locate(&self, offset: usize) -> Location {
        self.index.locate(self.text, offset)
    }

    /// Where the string value at `span`, whose value is `value`, is: its
    /// content starts after its opening quotes and, for a multi-line
    /// string, after the newline TOML trims there; what is written there
    /// is kept when escapes make it differ from the value.
    pub fn string_at(&self, span: &Range<usize>, value: &str) -> TextAt {
        let raw = self.text.get(span.clone()).unwrap_or("");
        let quotes = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            3
        } else {
            usize::from(raw.starts_with(['"', '\'']))
        };
        let mut skip = quotes;
        if quotes == 3 {
            let rest = &raw[3..];
            if rest.starts_with("\r\n") {
                skip += 2;
            } else if rest.starts_with('\n') {
                skip += 1;
            }
        }
        // Only a basic string ("…") has escapes.
        let content = raw
            .get(skip..raw.len().saturating_sub(quotes))
            .unwrap_or("");
        let written = (raw.starts_with('"') && content != value).then(|| content.into());
        TextAt {
            start: self.locate(span.start + skip),
            written,
        }
    }
}

/// Collects problems for one file, tagged with the response being read.
pub struct Reader<'s, 'a> {
    pub src: &'s Source<'a>,
    pub problems: Vec<Diagnostic>,
    pub response: Option<String>,
    /// The shortcut of the response being read, once read.
    pub shortcut: Option<String>,
}

pub type Value<'i> = Spanned<DeValue<'i>>;

impl<'s, 'a> Reader<'s, 'a> {
    pub fn new(src: &'s Source<'a>) -> Reader<'s, 'a> {
        Reader {
            src,
            problems: Vec::new(),
            response: None,
            shortcut: None,
        }
    }

    pub fn error(&mut self, span: &Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(self.src.locate(span.start), message)
            .in_response(self.response.as_deref());
        self.problems.push(d);
        self.problems.last_mut().expect("just pushed")
    }

    /// A string field checked by one of the `rules`, refused at its place.
    pub fn checked<T>(
        &mut self,
        v: Value<'_>,
        field: &str,
        rule: impl FnOnce(&str) -> Result<T, Refusal>,
    ) -> Option<T> {
        let s = self.string(v, field)?;
        let span = s.span();
        rule(&s.into_inner())
            .map_err(|e| self.refuse(&span, e))
            .ok()
    }

    /// Records a value a rule refused, at `span`.
    pub fn refuse(&mut self, span: &Range<usize>, refusal: Refusal) {
        let d = self.error(span, refusal.message);
        d.expected = Some(refusal.expected);
        d.hint = refusal.hint;
    }

    /// Takes the keys of `table` into a bag; `finish` then reports the unknown ones.
    pub fn fields<'i>(
        &mut self,
        table: DeTable<'i>,
        what: impl Into<std::borrow::Cow<'static, str>>,
        known: &'static [&'static str],
    ) -> Fields<'i> {
        Fields {
            entries: table.into_iter().map(|(k, v)| (k, Some(v))).collect(),
            what: what.into(),
            known,
        }
    }

    pub fn string(&mut self, v: Value<'_>, field: &str) -> Option<Spanned<String>> {
        self.string_or_kept(v, field, false)
    }

    /// A response's body: refused for a hidden character as any text, but
    /// still returned, so that `check` checks its template in the same run
    /// (the error leaves the response out of every other command).
    pub fn body(&mut self, v: Value<'_>) -> Option<Spanned<String>> {
        self.string_or_kept(v, "body", true)
    }

    fn string_or_kept(&mut self, v: Value<'_>, field: &str, keep: bool) -> Option<Spanned<String>> {
        let span = v.span();
        match v.into_inner() {
            DeValue::String(s) => {
                // A decoded string keeps the room it grew into; the library
                // keeps every string, so without it.
                let mut s = s.into_owned();
                s.shrink_to_fit();
                // Every text of a library passes here, so this is where
                // hidden characters are refused, each located in the file
                // (the first few: a pasted page can carry hundreds), what
                // is expected said once.
                if rules::visible(field, &s).is_ok() {
                    return Some(Spanned::new(span, s));
                }
                {
                    let string = self.src.string_at(&span, &s);
                    let mut refused = rules::invisible(field, &s);
                    for (n, (offset, refusal)) in refused.by_ref().take(HIDDEN_SHOWN).enumerate() {
                        let d = Diagnostic::error(string.locate(&s, offset), refusal.message)
                            .in_response(self.response.as_deref());
                        self.problems.push(if n == 0 {
                            Diagnostic {
                                expected: Some(refusal.expected),
                                hint: refusal.hint,
                                ..d
                            }
                        } else {
                            d
                        });
                    }
                    if let Some((offset, _)) = refused.next() {
                        let more = 1 + refused.count();
                        let d = Diagnostic::error(
                            string.locate(&s, offset),
                            format!("`{field}` holds {more} more hidden characters from here on"),
                        )
                        .in_response(self.response.as_deref());
                        self.problems.push(d);
                    }
                }
                keep.then(|| Spanned::new(span, s))
            }
            other => {
                self.error(
                    &span,
                    format!("`{field}` must be a string, found {}", kind(&other)),
                )
                .expected = Some("a quoted string".into());
                None
            }
        }
    }

    /// A one-line, non-empty string.
    pub fn line(&mut self, v: Value<'_>, field: &str) -> Option<Spanned<String>> {
        self.line_as(v, field, &format!("`{field}`"))
    }

    /// [`Self::line`], the string called `what` in its errors ("an item
    /// of `tags`": `tags = ["x", ""]` is not empty, one of its items is).
    fn line_as(&mut self, v: Value<'_>, field: &str, what: &str) -> Option<Spanned<String>> {
        let s = self.string(v, field)?;
        let span = s.span();
        if s.get_ref().trim().is_empty() {
            self.error(&span, format!("{what} is empty")).expected = Some("some text".into());
            return None;
        }
        if s.get_ref().contains('\n') {
            self.error(&span, format!("{what} spans several lines"))
                .expected = Some("a single line".into());
            return None;
        }
        Some(s)
    }

    /// A string or a list of strings, each one line.
    pub fn words(&mut self, v: Value<'_>, field: &str) -> Option<Vec<Spanned<String>>> {
        if let DeValue::String(_) = v.get_ref() {
            return self.line(v, field).map(|s| vec![s]);
        }
        let span = v.span();
        match v.into_inner() {
            DeValue::Array(items) => {
                // Every item is read, so every bad one is reported at once.
                let read: Vec<_> = items
                    .into_iter()
                    .map(|item| {
                        if let DeValue::String(_) = item.get_ref() {
                            return self.line_as(item, field, &format!("an item of `{field}`"));
                        }
                        let found = kind(item.get_ref());
                        self.error(
                            &item.span(),
                            format!("`{field}` must hold only strings, found {found}"),
                        )
                        .expected = Some("a quoted string".into());
                        None
                    })
                    .collect();
                read.into_iter().collect()
            }
            other => {
                self.error(
                    &span,
                    format!(
                        "`{field}` must be a string or a list of strings, found {}",
                        kind(&other)
                    ),
                )
                .expected = Some(format!("{field} = \"word\" or {field} = [\"a\", \"b\"]"));
                None
            }
        }
    }

    pub fn list(&mut self, v: Value<'_>, field: &str) -> Option<Vec<Spanned<String>>> {
        let span = v.span();
        match v.get_ref() {
            DeValue::Array(_) => self.words(v, field),
            other => {
                let found = kind(other);
                self.error(
                    &span,
                    format!("`{field}` must be a list of strings, found {found}"),
                )
                .expected = Some(format!("{field} = [\"a\", \"b\"]"));
                None
            }
        }
    }

    pub fn date(&mut self, v: Value<'_>, field: &str) -> Option<Date> {
        self.date_at(v, field).map(|(date, _)| date)
    }

    /// [`Reader::date`], with where it is written.
    pub fn date_at(&mut self, v: Value<'_>, field: &str) -> Option<(Date, Location)> {
        let span = v.span();
        if let DeValue::Datetime(dt) = v.get_ref()
            && let (Some(d), None) = (dt.date, dt.time)
            && let Some(date) =
                Date::from_ymd(i64::from(d.year), u32::from(d.month), u32::from(d.day))
        {
            return Some((date, self.src.locate(span.start)));
        }
        // A date in quotes is a string: said so only of one (`"soon"` is
        // no date with its quotes off either).
        let quoted_date = match v.get_ref() {
            DeValue::String(s) => s.trim().parse::<Date>().is_ok(),
            _ => false,
        };
        let d = self.error(&span, format!("`{field}` must be a date"));
        d.expected = Some(format!("a TOML date such as {field} = 2026-10-02"));
        if quoted_date {
            d.hint = Some("remove the quotes: TOML dates are written bare".into());
        }
        None
    }

    pub fn integer(&mut self, v: Value<'_>, field: &str) -> Option<i64> {
        let span = v.span();
        if let DeValue::Integer(i) = v.get_ref()
            && let Ok(n) = i64::from_str_radix(i.as_str(), i.radix())
        {
            return Some(n);
        }
        self.error(&span, format!("`{field}` must be a whole number"))
            .expected = Some(format!("{field} = 180"));
        None
    }

    pub fn table<'i>(&mut self, v: Value<'i>, field: &str) -> Option<(DeTable<'i>, Range<usize>)> {
        self.table_under(v, field, field)
    }

    /// [`Reader::table`] for a `field` of a response, whose header is
    /// written whole: `[response.translations.fr]`, never `[translations.fr]`.
    pub fn table_under<'i>(
        &mut self,
        v: Value<'i>,
        field: &str,
        header: &str,
    ) -> Option<(DeTable<'i>, Range<usize>)> {
        let span = v.span();
        match v.into_inner() {
            DeValue::Table(t) => Some((t, span)),
            other => {
                self.error(
                    &span,
                    format!("`{field}` must be a table, found {}", kind(&other)),
                )
                .expected = Some(format!("[{header}]"));
                None
            }
        }
    }
}

/// The keys of one table, taken one by one; what is left is unknown.
pub struct Fields<'i> {
    entries: Vec<(Spanned<std::borrow::Cow<'i, str>>, Option<Value<'i>>)>,
    /// What the table is, for a message: "a response", "[variables.ticket]".
    what: std::borrow::Cow<'static, str>,
    known: &'static [&'static str],
}

impl<'i> Fields<'i> {
    pub fn take(&mut self, key: &str) -> Option<Value<'i>> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k.get_ref() == key)
            .and_then(|(_, v)| v.take())
    }

    /// Reports every key nobody took, with the closest known name.
    pub fn finish(self, reader: &mut Reader<'_, '_>) {
        for (key, value) in self.entries {
            if value.is_none() {
                continue;
            }
            let name = key.get_ref();
            let suggestion = did_you_mean(name, self.known.iter().copied());
            let d = reader.error(
                &key.span(),
                format!("unknown field `{name}` in {}", self.what),
            );
            d.expected = Some(format!("one of: {}", self.known.join(", ")));
            if let Some(s) = suggestion {
                d.hint = Some(suggestion_hint(s));
            }
        }
    }
}

pub fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}
