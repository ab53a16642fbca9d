//! The form that asks for the values a reply still needs, inside the
//! picker: one field per variable in the order the text uses them, declared
//! defaults pre-filled and marked, values kept when the agent steps back,
//! an error shown until the value is fixed, and the response's notes above.

use std::cell::Cell;
use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::line::LineEdit;
use super::workers::{FOCUS, Rendered};
use crate::domain::fill::{Draft, FillError};
use crate::domain::library::Library;
use crate::domain::library::manifest::Pattern;
use crate::domain::model::{CustomerType, Lang};
use crate::domain::rules;
use crate::domain::suggest::extract::Found;
use crate::domain::values::{Tidied, Values, clean, same, tidy};

pub struct Field {
    pub name: String,
    pub input: LineEdit,
    /// ` — description (e.g. example)`, as far as the manifest says.
    pub about: String,
    pub default: Option<String>,
    /// The value read from the customer's message, for the agent to
    /// confirm or change.
    pub found: Option<Found>,
    pattern: Option<Pattern>,
    /// The library's customer types, for the `customer_type` field: `VIP`
    /// typed is the library's `vip`, as with `--var`, or `{% if
    /// customer_type == "vip" %}` is false.
    customer_types: Option<Vec<CustomerType>>,
    /// What tidying changed in a value pasted whole, tidied as it was
    /// pasted (see [`Form::paste`]), until the field is edited.
    pasted: Vec<&'static str>,
}

impl Field {
    /// Whether the field still holds its declared default.
    pub fn is_default(&self) -> bool {
        self.default.as_deref() == Some(self.input.text())
    }

    /// Whether the field still holds the value read from the message.
    pub fn is_found(&self) -> bool {
        self.found
            .as_ref()
            .is_some_and(|f| f.value == self.input.text())
    }

    /// The value as it will be used, and what tidying changed in it.
    pub fn tidied(&self) -> Tidied {
        let typed: String = self
            .input
            .text()
            .chars()
            .filter(|c| *c != FOCUS.0 && *c != FOCUS.1)
            .collect();
        let mut tidied = tidy(&typed, self.pattern.as_ref());
        for (i, change) in self.pasted.iter().enumerate() {
            if !tidied.changes.contains(change) {
                tidied.changes.insert(i, change);
            }
        }
        if let Some(types) = &self.customer_types
            && let Ok(spelt) = rules::customer(&tidied.value, Some(types))
            && spelt.as_str() != tidied.value
        {
            tidied.value = spelt.as_str().to_string();
            tidied.changes.push("spelt it as the library does");
        }
        tidied
    }

    /// Why the value cannot be used, if it cannot.
    pub fn problem(&self) -> Option<String> {
        let value = self.tidied().value;
        if value.is_empty() {
            return Some(format!("`{}` needs a value", self.name));
        }
        match &self.pattern {
            Some(p) if !p.matches(&value) => Some(format!(
                "\"{value}\" does not match {} for `{}`",
                p.source, self.name
            )),
            _ => None,
        }
    }
}

pub struct Form {
    pub doc: usize,
    pub id: String,
    pub lang: Lang,
    pub notes: Option<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The field whose value was refused, and why.
    pub error: Option<(usize, String)>,
    /// The live preview of the finished text, and the job it came from.
    pub preview: Option<Rendered>,
    pub sent: u64,
    /// Where the agent scrolled the finished text to with ⇧↑/⇧↓; `None`
    /// follows the value being typed.
    pub scroll: Option<usize>,
    /// Where the finished text was last drawn from (set by drawing), for
    /// ⇧↓ to go on from.
    pub drawn_at: Cell<usize>,
    /// The scroll asked for when it was last drawn.
    pub drawn_for: Cell<Option<usize>>,
}

/// What a key did to the form.
pub enum FormKey {
    Stay,
    /// Back to the list, values remembered.
    Back,
    Cancel,
    /// Every value is valid: copy with these.
    Done(Values),
}

impl Form {
    /// The form for `id` in `lang`: a field for every value the reply needs
    /// that is not already known, pre-filled with what the agent typed
    /// before (`memory`), else the value read from the customer's message
    /// (`found`), else the declared default. `None` when there is
    /// nothing to ask and no note to show: the reply is copied at once.
    pub fn open(
        lib: &Library,
        doc: usize,
        id: &str,
        lang: Lang,
        known: &Values,
        memory: &BTreeMap<String, String>,
        found: &[(String, Found)],
    ) -> Result<Option<Form>, FillError> {
        let Some(response) = lib.get(id) else {
            return Ok(None);
        };
        let draft = Draft::new(lib, response, lang.clone(), known)?;
        // A value given that its pattern refuses (`--var order=abc`) is
        // asked again, shown as given, rather than ending the picker.
        let refused = |name: &str| {
            let pattern = lib
                .manifest
                .variables
                .get(name)
                .and_then(|s| s.pattern.as_ref());
            known
                .get(name)
                .zip(pattern)
                .is_some_and(|(value, pattern)| !pattern.matches(value))
        };
        // A value the message states otherwise than the chat or a `--var`
        // (another order, a corrected amount) is asked again, the known
        // one first and the message's told under it: it would go out
        // unseen.
        let differs = |name: &str| {
            let found = found.iter().find(|(n, _)| n == name);
            known
                .get(name)
                .zip(found)
                .is_some_and(|(value, (_, f))| !same(value, &f.value))
        };
        // Nor is one only a branch these values do not take prints: typed,
        // it would change nothing, and a pattern could refuse the copy.
        let open: Vec<&String> = (draft.needed.iter())
            .filter(|v| v.as_str() != "lang" && !known.has(v))
            .collect();
        let untaken = draft.untaken(&open);
        let asked = |v: &String| !known.has(v) && !untaken.contains(v);
        let fields: Vec<Field> = draft
            .needed
            .iter()
            .filter(|v| v.as_str() != "lang" && (asked(v) || refused(v) || differs(v)))
            .map(|name| {
                let spec = lib.manifest.variables.get(name);
                let given = known
                    .get(name)
                    .filter(|_| refused(name) || differs(name))
                    .map(str::to_string);
                let default = spec.and_then(|s| s.default.clone());
                let mut about = String::new();
                if let Some(d) = spec.and_then(|s| s.description.as_deref()) {
                    about.push_str(&format!(" — {d}"));
                }
                if let Some(e) = spec.and_then(|s| s.example.as_deref()) {
                    about.push_str(&format!(" (e.g. {e})"));
                }
                let found = found
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, f)| f.clone());
                let start = given
                    .as_ref()
                    .or(memory.get(name))
                    .or(found.as_ref().map(|f| &f.value))
                    .or(default.as_ref());
                Field {
                    name: name.clone(),
                    input: LineEdit::new(start.map_or("", String::as_str)),
                    about,
                    default,
                    found,
                    pattern: spec.and_then(|s| s.pattern.clone()),
                    customer_types: (name == "customer_type")
                        .then(|| lib.manifest.customer_types.clone())
                        .flatten(),
                    pasted: Vec::new(),
                }
            })
            .collect();
        let notes = draft.notes().map(str::to_string);
        // A declared `default = ""` (a signature's name, an optional
        // postscript) is the library saying nothing is fine there: `use`
        // never asks it, so alone it does not hold the copy back. Beside a
        // value asked, it is shown, for the agent to fill or leave.
        let optional = |f: &Field| {
            f.default.as_deref() == Some("") && f.input.text().is_empty() && f.found.is_none()
        };
        if fields.iter().all(optional) && notes.is_none() {
            return Ok(None);
        }
        Ok(Some(Form {
            doc,
            id: id.to_string(),
            lang,
            notes,
            fields,
            focus: 0,
            error: None,
            preview: None,
            sent: 0,
            scroll: None,
            drawn_at: Cell::new(0),
            drawn_for: Cell::new(None),
        }))
    }

    /// The values typed so far, for the live preview (empty ones left out,
    /// so they show as missing).
    pub fn values(&self) -> Values {
        let mut values = Values::default();
        for f in &self.fields {
            let v = f.tidied().value;
            if !v.is_empty() {
                values.set(f.name.clone(), &v);
            }
        }
        values
    }

    /// What the agent typed, to offer again if the form is opened again (a
    /// default or a value from the message left as it was is not typed, nor
    /// is a field left empty: it would hide the message's value in every
    /// form opened after).
    pub fn remember(&self, memory: &mut BTreeMap<String, String>) {
        for f in &self.fields {
            if f.is_default() || f.is_found() || f.input.text().trim().is_empty() {
                memory.remove(&f.name);
            } else {
                memory.insert(f.name.clone(), f.input.text().to_string());
            }
        }
    }

    pub fn focused(&self) -> Option<&str> {
        self.fields.get(self.focus).map(|f| f.name.as_str())
    }

    pub fn key(&mut self, key: KeyEvent) -> FormKey {
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        // From the scroll asked for when no frame has shown it yet: several
        // ⇧↓ read before the next frame (key repeat, a slow link) each
        // count. Else from where the frame drew it (kept within the text).
        let at = match self.scroll {
            Some(asked) if Some(asked) != self.drawn_for.get() => asked,
            _ => self.drawn_at.get(),
        };
        match key.code {
            KeyCode::Down if shift => self.scroll = Some(at + 1),
            KeyCode::Up if shift => self.scroll = Some(at.saturating_sub(1)),
            _ => self.scroll = None,
        }
        let was = self.focus;
        let key = self.field_key(key);
        // A notice under the field left (the reply changed, a render that
        // failed) goes with it; a value to fix stays until it is fixed.
        if self.focus != was
            && let Some((at, said)) = &self.error
            && self.fields.get(*at).and_then(Field::problem).as_ref() != Some(said)
        {
            self.error = None;
        }
        key
    }

    fn field_key(&mut self, key: KeyEvent) -> FormKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        let n = self.fields.len().max(1);
        match key.code {
            KeyCode::Up | KeyCode::Down if shift => {}
            KeyCode::Esc => return FormKey::Back,
            KeyCode::Char('c') if ctrl => return FormKey::Cancel,
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % n,
            KeyCode::Char('n' | 'j') if ctrl => self.focus = (self.focus + 1) % n,
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + n - 1) % n,
            KeyCode::Char('p' | 'k') if ctrl => self.focus = (self.focus + n - 1) % n,
            KeyCode::Enter if self.focus + 1 < self.fields.len() => self.focus += 1,
            KeyCode::Enter => return self.submit(),
            _ => {
                if let Some(field) = self.fields.get_mut(self.focus) {
                    let before = field.input.text().to_string();
                    field.input.key(key);
                    if field.input.text() != before {
                        field.pasted.clear();
                    }
                }
                self.edited();
            }
        }
        FormKey::Stay
    }

    /// A paste into the focused field, on one line: a line break (a
    /// terminal pastes it as a carriage return) is a space, never two words
    /// joined ("Mary Ann"). What would be taken out when used (characters
    /// that print nothing, control characters) goes at once, so the field
    /// shows what will be used. A paste into an empty field is the whole
    /// value, tidied at once (spaces around it, a `#` the pattern refuses):
    /// left in, the hidden space of "Tom " made "Tom my" of the letters
    /// typed after it. Either way, what tidying changed is told under the
    /// field.
    pub fn paste(&mut self, text: &str) {
        let text = clean(&text.replace("\r\n", " ").replace(['\r', '\n'], " "));
        self.scroll = None;
        if let Some(field) = self.fields.get_mut(self.focus) {
            if field.input.text().is_empty() {
                let tidied = tidy(&text, field.pattern.as_ref());
                field.input.insert(&tidied.value);
                field.pasted = tidied.changes;
            } else {
                field.input.insert(&text);
                field.pasted.clear();
            }
        }
        self.edited();
    }

    /// Marks the first of `missing`, values the reply reads that no field
    /// gives, as needing one; false when there is none.
    pub fn needs(&mut self, missing: &[String]) -> bool {
        let Some(i) = missing
            .iter()
            .find_map(|m| self.fields.iter().position(|f| &f.name == m))
        else {
            return false;
        };
        self.focus = i;
        self.error = self.fields[i].problem().map(|p| (i, p));
        true
    }

    /// An error goes away as soon as the value is fixed.
    fn edited(&mut self) {
        let fixed = self
            .fields
            .get(self.focus)
            .is_some_and(|f| f.problem().is_none());
        if fixed && self.error.as_ref().is_some_and(|(i, _)| *i == self.focus) {
            self.error = None;
        }
    }

    /// The values typed, when none is refused. A field left empty is left
    /// out: whether the reply needs it depends on the others (a VIP
    /// paragraph's link, for a standard customer, is never read), which
    /// the caller asks the reply ([`Form::needs`]).
    fn submit(&mut self) -> FormKey {
        let mut typed = Values::default();
        for (i, f) in self.fields.iter().enumerate() {
            if f.tidied().value.is_empty() {
                continue;
            }
            if let Some(problem) = f.problem() {
                self.focus = i;
                self.error = Some((i, problem));
                return FormKey::Stay;
            }
            // A default left as it is stays the library's: it is not
            // typed, nor saved to the chat.
            if !f.is_default() {
                typed.set(f.name.clone(), &f.tidied().value);
            }
        }
        FormKey::Done(typed)
    }
}
