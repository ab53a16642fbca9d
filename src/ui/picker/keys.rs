//! What each key does in the list and in the form.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::event_loop::Loop;
use super::form::{Form, FormKey};
use super::workers::Msg;
use super::{Exit, display_lang};
use crate::domain::model::{Lang, Urgency};
use crate::error::Result;

impl Loop<'_> {
    /// A key or a paste: deferred while an Enter waits, else handled.
    pub(super) fn typed(&mut self, msg: Msg) -> Result<Option<Exit>> {
        if let Some(deferred) = self.pending.as_mut() {
            if matches!(&msg, Msg::Key(key) if leaves(*key)) {
                return Ok(Some(Exit::Cancelled));
            }
            deferred.push(msg);
            return Ok(None);
        }
        match msg {
            Msg::Key(key) if self.state.form.is_some() => Ok(self.form_key(key)),
            Msg::Key(key) => self.browse_key(key),
            Msg::Paste(text) => {
                self.paste(&text);
                Ok(None)
            }
            other => self.handle(other),
        }
    }

    fn paste(&mut self, text: &str) {
        let s = &mut *self.state;
        match s.form.as_mut() {
            Some(form) => form.paste(text),
            None => {
                // The query is one line.
                let words: Vec<&str> = text.split_whitespace().collect();
                s.query.insert(&words.join(" "));
                s.selected = 0;
                s.offset = 0;
            }
        }
    }

    /// Handles an Enter pressed before its ranking or the library had
    /// arrived, then the keys typed after it, once both are there.
    pub(super) fn retry_pending(&mut self) -> Result<Option<Exit>> {
        if self.state.ranking || self.state.library.is_none() {
            return Ok(None);
        }
        let Some(keys) = self.pending.take() else {
            return Ok(None);
        };
        if let Some(exit) = self.enter()? {
            return Ok(Some(exit));
        }
        for msg in keys {
            if let Some(exit) = self.typed(msg)? {
                return Ok(Some(exit));
            }
        }
        Ok(None)
    }

    fn browse_key(&mut self, key: KeyEvent) -> Result<Option<Exit>> {
        let s = &mut *self.state;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match key.code {
            _ if leaves(key) => return Ok(Some(Exit::Cancelled)),
            KeyCode::Enter => {
                if s.ranking || s.library.is_none() {
                    self.pending = Some(Vec::new());
                    return Ok(None);
                }
                return self.enter();
            }
            KeyCode::Up if shift => s.scroll = s.scroll.saturating_sub(1),
            KeyCode::Down if shift => s.scroll += 1,
            KeyCode::Up => up(s, 1),
            KeyCode::Char('k' | 'p') if ctrl => up(s, 1),
            KeyCode::Down => down(s, 1),
            KeyCode::Char('j' | 'n') if ctrl => down(s, 1),
            KeyCode::PageUp => up(s, s.page.max(1)),
            KeyCode::PageDown => down(s, s.page.max(1)),
            KeyCode::Tab => s.show_preview = !s.show_preview,
            KeyCode::Char('u' | 'U') if alt => {
                let order = [
                    Urgency::Critical,
                    Urgency::High,
                    Urgency::Normal,
                    Urgency::Low,
                ];
                s.urgency = cycle(&s.urgency, &order);
            }
            KeyCode::Char('t' | 'T') if alt => {
                let mut topics: Vec<String> =
                    s.index.docs.iter().map(|d| d.topic.clone()).collect();
                topics.sort();
                topics.dedup();
                s.topic = cycle(&s.topic, &topics);
            }
            KeyCode::Char('c' | 'C') if alt => {
                let mut types: Vec<String> = s
                    .index
                    .docs
                    .iter()
                    .flat_map(|d| d.customers.iter().cloned())
                    .filter(|c| c != "any")
                    .collect();
                types.sort();
                types.dedup();
                s.customer = cycle(&s.customer, &types);
            }
            KeyCode::Char('l' | 'L') if alt => {
                let langs: Vec<Lang> = s
                    .index
                    .langs
                    .iter()
                    .map(|l| Lang::new(l.as_str()))
                    .collect();
                s.lang = cycle(&s.lang, &langs);
            }
            _ => {
                let before = s.query.text().to_string();
                if s.query.key(key) && s.query.text() != before {
                    s.selected = 0;
                    s.offset = 0;
                }
            }
        }
        Ok(None)
    }

    /// Enter on the list: the form when something must be asked or a note
    /// read first, else the reply is chosen at once.
    fn enter(&mut self) -> Result<Option<Exit>> {
        self.release_held();
        let s = &mut *self.state;
        let (Some(hit), Some(lib)) = (s.hits.get(s.selected), s.library.clone()) else {
            return Ok(None);
        };
        let doc = hit.doc;
        let lang = display_lang(s, doc);
        let id = s.index.docs[doc].id.clone();
        match Form::open(&lib, doc, &id, lang.clone(), self.known, &self.memory) {
            Ok(None) => Ok(Some(Exit::Chosen {
                doc,
                lang,
                typed: Default::default(),
            })),
            Ok(Some(form)) => {
                s.form = Some(form);
                self.form_job = None;
                Ok(None)
            }
            // A reply that cannot be filled in is said so; the list stays.
            Err(e) => {
                s.query_error = Some(e.to_string());
                Ok(None)
            }
        }
    }

    fn form_key(&mut self, key: KeyEvent) -> Option<Exit> {
        let form = self.state.form.as_mut()?;
        match form.key(key) {
            FormKey::Stay => None,
            FormKey::Back => {
                form.remember(&mut self.memory);
                self.state.form = None;
                None
            }
            FormKey::Cancel => Some(Exit::Cancelled),
            FormKey::Done(typed) => Some(Exit::Chosen {
                doc: form.doc,
                lang: form.lang.clone(),
                typed,
            }),
        }
    }
}

/// Esc and Ctrl-C leave from the list, whatever is pending.
fn leaves(key: KeyEvent) -> bool {
    key.code == KeyCode::Esc
        || (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL))
}

fn up(s: &mut super::State, n: usize) {
    s.selected = s.selected.saturating_sub(n);
}

fn down(s: &mut super::State, n: usize) {
    s.selected = (s.selected + n).min(s.hits.len().saturating_sub(1));
}

/// Cycles `current` through `options` and back to none.
fn cycle<T: Clone + PartialEq>(current: &Option<T>, options: &[T]) -> Option<T> {
    match current {
        None => options.first().cloned(),
        Some(c) => options
            .iter()
            .position(|o| o == c)
            .and_then(|i| options.get(i + 1))
            .cloned(),
    }
}
