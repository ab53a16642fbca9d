//! What each key does in the list and in the form.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::event_loop::Loop;
use super::form::{Form, FormKey};
use super::workers::{Msg, Rendered, render};
use super::{Exit, display_lang};
use crate::domain::fill::Draft;
use crate::domain::library::Library;
use crate::domain::model::{Lang, Urgency};
use crate::domain::values::Values;
use crate::error::Result;
use crate::platform::clipboard::{Clip, Elsewhere};
use crate::platform::signals;

impl Loop<'_> {
    /// A key or a paste: deferred behind a key that waits, else handled.
    pub(super) fn typed(&mut self, msg: Msg) -> Result<Option<Exit>> {
        if let Some(deferred) = self.pending.as_mut() {
            if matches!(&msg, Msg::Key(key) if leaves(*key)) {
                return Ok(Some(Exit::Cancelled));
            }
            deferred.push(msg);
            return Ok(None);
        }
        // A key on the list read before the ranking of the query typed
        // before it waits for that ranking: it was meant for the list the
        // agent typed toward, not the one on screen (`t:general u:low`
        // then Down and Enter, in one read, copied the old first row).
        // Query edits and filters act at once: they only ask for a new
        // ranking.
        if self.state.ranking
            && self.state.form.is_none()
            && matches!(&msg, Msg::Key(key) if list_key(*key).is_some())
        {
            self.pending = Some(vec![msg]);
            return Ok(None);
        }
        // Told the terminal is too small, the agent sees no list nor form:
        // an Enter would copy a reply unseen.
        if self.state.too_small && matches!(&msg, Msg::Key(_) | Msg::Paste(_)) {
            return Ok(matches!(&msg, Msg::Key(key) if leaves(*key)).then_some(Exit::Cancelled));
        }
        match msg {
            Msg::Key(key)
                if signals::CAN_SUSPEND
                    && key.code == KeyCode::Char('z')
                    && key.modifiers.contains(KeyModifiers::CONTROL) =>
            {
                self.suspend = true;
                Ok(None)
            }
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
                // The query is one line, of what the screen can show: an
                // escape sequence pasted in would be searched for unseen.
                // A line break pasted (a CR, as terminals paste one) or a
                // tab parts words: a space, before the CR is taken out.
                let text = crate::domain::text::sanitize(&text.replace(['\r', '\n', '\t'], " "));
                let words: Vec<&str> = text.split_whitespace().collect();
                let mut pasted = words.join(" ");
                // A paste that ends a word ("refund\n") leaves the next
                // one apart, one that starts after a space the word before:
                // two pastes never run together.
                if !pasted.is_empty() && text.ends_with(char::is_whitespace) {
                    pasted.push(' ');
                }
                if !pasted.is_empty() && text.starts_with(char::is_whitespace) {
                    pasted.insert(0, ' ');
                }
                s.query.insert(&pasted);
                self.searching();
            }
        }
    }

    /// Replays the keys that wait (a key on the list read before its
    /// ranking, and those after it; or those after a Ctrl-V), in the order
    /// typed, once what they wait for is there. A key replayed may wait
    /// again (a query edit among them asks for a new ranking): the rest
    /// then wait behind it.
    pub(super) fn retry_pending(&mut self) -> Result<Option<Exit>> {
        if self.state.ranking || self.reading_clipboard {
            return Ok(None);
        }
        let Some(keys) = self.pending.take() else {
            return Ok(None);
        };
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
        if leaves(key) {
            return Ok(Some(Exit::Cancelled));
        }
        if let Some(on_list) = list_key(key) {
            match on_list {
                ListKey::Enter => return self.enter(),
                ListKey::ScrollUp => s.scroll = s.scroll.saturating_sub(1),
                ListKey::ScrollDown => s.scroll += 1,
                ListKey::Up => up(s, 1),
                ListKey::Down => down(s, 1),
                ListKey::PageUp => up(s, s.page.max(1)),
                ListKey::PageDown => down(s, s.page.max(1)),
                ListKey::Preview => s.show_preview = !s.show_preview,
            }
            return Ok(None);
        }
        match key.code {
            KeyCode::Char('u' | 'U') if alt => {
                let order = [
                    Urgency::Critical,
                    Urgency::High,
                    Urgency::Normal,
                    Urgency::Low,
                ];
                s.urgency = cycle(&s.urgency, &order);
                self.searching();
            }
            KeyCode::Char('t' | 'T') if alt => {
                let mut topics: Vec<String> =
                    s.index.docs.iter().map(|d| d.topic.clone()).collect();
                topics.sort();
                topics.dedup();
                s.topic = cycle(&s.topic, &topics);
                self.searching();
            }
            KeyCode::Char('v') if ctrl => self.take_message(),
            KeyCode::Char('c' | 'C') if alt && s.chat.is_some() => self.cycle_chat_customer(),
            KeyCode::Char('l' | 'L') if alt && s.chat.is_some() => self.cycle_chat_lang(),
            KeyCode::Char('c' | 'C') if alt => {
                s.customer = cycle(&s.customer, &s.index.customer_types());
                self.searching();
            }
            KeyCode::Char('l' | 'L') if alt => s.lang = cycle(&s.lang, &languages(s)),
            _ => {
                let before = s.query.text().to_string();
                if s.query.key(key) && s.query.text() != before {
                    self.searching();
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
        let Some(hit) = s.hits.get(s.selected) else {
            return Ok(None);
        };
        let doc = hit.doc;
        let lang = display_lang(s, doc);
        let id = s.index.docs[doc].id.clone();
        // The form needs the response and the manifest: the response's own
        // file is read (as `canned use` reads it), never the whole library;
        // read again at each Enter, for what is copied is the file as it is
        // now (a library kept from an earlier Enter copied a text edited
        // twice since as it was after the first edit).
        let lib = match &self.load_file {
            Some(load) => {
                let file = &s.index.docs[doc].file;
                let Some(lib) = load(file) else {
                    s.query_error = Some(format!("`{file}` could not be read"));
                    return Ok(None);
                };
                let lib = Arc::new(lib);
                s.library = Some(Arc::clone(&lib));
                lib
            }
            None => match s.library.clone() {
                Some(lib) => lib,
                None => return Ok(None),
            },
        };
        // The file changed since the list was made (the response moved to
        // another file, or was renamed): said so, and the list stays.
        if lib.get(&id).is_none() {
            let file = &s.index.docs[doc].file;
            // A file that no longer loads still holds it, maybe: said so.
            let broken = lib.errors().next().is_some();
            s.query_error = Some(if broken {
                format!("`{file}` has errors now, and `{id}` cannot be used: run `canned check`")
            } else {
                format!(
                    "`{id}` is no longer in `{file}`: the library changed since the picker opened"
                )
            });
            return Ok(None);
        }
        let found = s.found.get(&doc).map_or(&[][..], Vec::as_slice);
        match Form::open(
            &lib,
            doc,
            &id,
            lang.clone(),
            &self.known,
            &self.memory,
            found,
        ) {
            Ok(None) => {
                // What is copied is what the preview showed: the file may
                // have been edited since it was rendered. Then the new text
                // is shown, and a second Enter copies it.
                let job = self.browse_job(doc, lang.clone(), Some(Arc::clone(&lib)));
                let now = render(&job, Some(&lib));
                let key = (doc, lang.clone());
                let changed = self
                    .previews
                    .get(&key)
                    .is_some_and(|shown| (&shown.text, &shown.notes) != (&now.text, &now.notes));
                if changed {
                    self.jobs += 1;
                    let now = Rendered {
                        generation: self.jobs,
                        ..now
                    };
                    self.previews.insert(key, now);
                    self.state.query_error = Some(format!(
                        "`{id}` changed since it was shown: read it again, then Enter copies it"
                    ));
                    return Ok(None);
                }
                Ok(Some(Exit::Chosen {
                    doc,
                    lang,
                    typed: Default::default(),
                }))
            }
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

    /// The query or a filter changed: the list is its ranking again, from
    /// the top. Leaving a message, the query is ranked again even if it is
    /// the one last ranked: that ranking was not shown.
    fn searching(&mut self) {
        let s = &mut *self.state;
        s.selected = 0;
        s.offset = 0;
        if s.message.take().is_some() {
            s.found.clear();
            s.ranking = true;
            self.sent_query = None;
        }
        // Asked at once, not at the next frame: an Enter that came with
        // this key (`Alt-U` and Enter in one read) waits for the new list
        // rather than choosing from the old one.
        self.send_query();
    }

    /// Ctrl-V, in the list or in a form: the clipboard holds the
    /// customer's message. It is read off the UI thread (see
    /// [`Loop::clipboard_read`] for what comes of it), so Esc leaves while
    /// a clipboard's owner takes its time to answer; the other keys wait
    /// for the message, whose replies they were typed for.
    pub(super) fn take_message(&mut self) {
        let (Some(hooks), Some(tx)) = (&self.hooks, &self.clipboard_tx) else {
            return;
        };
        super::workers::spawn_clipboard_read(&hooks.read_clipboard, tx);
        self.say("reading the clipboard…".into());
        // The keys after it wait for the message (Esc still leaves).
        self.reading_clipboard = true;
        self.pending.get_or_insert_with(Vec::new);
    }

    /// The clipboard's text has come: the list shows the replies suggested
    /// for it, a form open stepping back to them (what was typed kept). If
    /// the clipboard could not be read, or no reply fits the message, what
    /// is on screen stays and says why, and the keys typed since Ctrl-V
    /// are dropped: they were meant for the replies for the message, and
    /// played on the list on screen an Enter copied the reply selected
    /// before, and hid why.
    pub(super) fn clipboard_read(&mut self, read: std::result::Result<Clip, String>) {
        self.reading_clipboard = false;
        let Some(hooks) = &self.hooks else {
            return;
        };
        self.repaint = true;
        let from = read.as_ref().ok().and_then(|clip| clip.from);
        let message = read.and_then(|clip| (hooks.suggest)(&clip.text).map_err(|e| e.to_string()));
        let listed = match message {
            Ok(message) => {
                if let Some(form) = self.state.form.take() {
                    form.remember(&mut self.memory);
                }
                let listed = self.state.suggested(message);
                if listed {
                    // Another message than the one copied, maybe: said.
                    self.state.message_from = from.map(Elsewhere::label);
                }
                listed
            }
            Err(e) => {
                self.say(e);
                false
            }
        };
        if !listed {
            self.pending = None;
        }
    }

    /// Says `text` where the agent is looking: under the focused field of
    /// a form, which hides what the list says above its status line (a
    /// Ctrl-V in a form that failed said nothing, and the keys typed after
    /// it vanished unexplained), else there. A field's error is one line,
    /// wrapped: an error's hint follows it after `; `.
    fn say(&mut self, text: String) {
        match self.state.form.as_mut() {
            Some(form) => {
                let text = text.lines().collect::<Vec<_>>().join("; ");
                form.error = Some((form.focus, text));
            }
            None => self.state.query_error = Some(text),
        }
    }

    /// Alt-L in a chat: the next language, saved as the chat's.
    fn cycle_chat_lang(&mut self) {
        let langs = languages(self.state);
        let next = cycle(&self.state.lang, &langs).or_else(|| langs.first().cloned());
        let (Some(lang), Some(hooks)) = (next, &self.hooks) else {
            return;
        };
        self.repaint = true;
        match (hooks.set_lang)(lang.as_str()) {
            Ok(()) => {
                self.state.lang = Some(lang);
                self.suggest_again();
            }
            Err(e) => self.state.query_error = Some(e.to_string()),
        }
    }

    /// The chat's language or customer type changed while the list is the
    /// message's: it is ranked again as `canned suggest` would rank it now
    /// (a VIP's reply first for a VIP), not left as it was ranked before.
    fn suggest_again(&mut self) {
        let (Some(text), Some(hooks)) = (&self.state.message, &self.hooks) else {
            return;
        };
        match (hooks.suggest)(text) {
            // Nothing fits it any more: the list stays, and says so.
            Ok(message) => {
                self.state.suggested(message);
            }
            Err(e) => self.state.query_error = Some(e.to_string()),
        }
    }

    /// Alt-C in a chat: the next customer type, `any` last, saved as the
    /// chat's.
    fn cycle_chat_customer(&mut self) {
        let mut types = self.state.index.customer_types();
        types.push("any".into());
        let next = cycle(&self.state.chat_customer, &types).or_else(|| types.first().cloned());
        let (Some(customer), Some(hooks)) = (next, &self.hooks) else {
            return;
        };
        self.repaint = true;
        match (hooks.set_customer)(&customer) {
            Ok(()) => {
                self.state.chat_customer = Some(customer);
                self.customer_changed();
                self.suggest_again();
            }
            Err(e) => self.state.query_error = Some(e.to_string()),
        }
    }

    /// The chat's customer type changed: templates see it, so every
    /// preview rendered with the old one is stale.
    pub(super) fn customer_changed(&mut self) {
        if let Some(c) = &self.state.chat_customer {
            self.known.set("customer_type", c);
        }
        self.previews.clear();
        self.state.preview = None;
    }

    /// Whether the form's reply was edited since the form opened: its file
    /// is read again, and when the reply it makes with `values` differs,
    /// the form opens again on the new text (what was typed kept) and says
    /// so; a second Enter copies it. What is copied is what was shown.
    fn edited_under_the_form(&mut self, values: &Values) -> bool {
        let (Some(form), Some(old_lib), Some(load)) =
            (&self.state.form, &self.state.library, &self.load_file)
        else {
            return false;
        };
        let (doc, id, lang) = (form.doc, form.id.clone(), form.lang.clone());
        let file = &self.state.index.docs[doc].file;
        let reply = |lib: &Library| {
            let r = lib.get(&id)?;
            let text = Draft::new(lib, r, lang.clone(), values)
                .and_then(|d| d.render())
                .map_err(|e| e.to_string());
            Some((text, r.notes_in(&lang).map(str::to_string)))
        };
        let Some(fresh) = load(file) else {
            return false;
        };
        if reply(&fresh) == reply(old_lib) {
            return false;
        }
        let fresh = Arc::new(fresh);
        let message =
            format!("`{id}` changed since it was shown: read it again, then Enter copies it");
        if let Some(form) = self.state.form.take() {
            form.remember(&mut self.memory);
        }
        self.state.library = Some(Arc::clone(&fresh));
        self.form_job = None;
        self.previews.clear();
        let found = self.state.found.get(&doc).map_or(&[][..], Vec::as_slice);
        match Form::open(&fresh, doc, &id, lang, &self.known, &self.memory, found) {
            Ok(Some(mut form)) => {
                // "Then Enter copies it": on the last field Enter copies,
                // on another it moves on; the first one still empty, when
                // one is, is where the agent has something to do.
                let empty = form.fields.iter().position(|f| f.input.text().is_empty());
                form.focus = empty.unwrap_or(form.fields.len().saturating_sub(1));
                form.error = Some((form.focus, message));
                self.state.form = Some(form);
            }
            // Nothing to ask any more, or no longer usable: back to the
            // list, which says why.
            Ok(None) if fresh.get(&id).is_some() => self.state.query_error = Some(message),
            Ok(None) => {
                self.state.query_error = Some(format!(
                    "`{id}` is no longer in `{file}`: the library changed since the picker opened"
                ));
            }
            Err(e) => self.state.query_error = Some(e.to_string()),
        }
        true
    }

    fn form_key(&mut self, key: KeyEvent) -> Option<Exit> {
        let form = self.state.form.as_mut()?;
        // Ctrl-V takes a new message at any time, as the README says.
        if key.code == KeyCode::Char('v') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.take_message();
            return None;
        }
        match form.key(key) {
            FormKey::Stay => None,
            FormKey::Back => {
                form.remember(&mut self.memory);
                self.state.form = None;
                None
            }
            FormKey::Cancel => Some(Exit::Cancelled),
            FormKey::Done(typed) => {
                let mut values = self.known.clone();
                values.extend(&typed);
                if self.edited_under_the_form(&values) {
                    return None;
                }
                let form = self.state.form.as_mut()?;
                // Rendered here first: a reply the values make fail (a
                // `range` too long, a value past the size cap) is said
                // under the field, with what was typed kept, instead of
                // ending the picker.
                if let Some(lib) = &self.state.library
                    && let Some(response) = lib.get(&form.id)
                {
                    let draft = Draft::new(lib, response, form.lang.clone(), &values);
                    if let Ok(draft) = &draft
                        && form.needs(&draft.missing())
                    {
                        return None;
                    }
                    let rendered = draft.and_then(|draft| draft.render());
                    match rendered {
                        Err(e) => {
                            form.error = Some((form.focus, e.to_string()));
                            return None;
                        }
                        // Nothing to copy: said here, with the values kept
                        // (another customer type may give the text).
                        Ok(text) if text.trim().is_empty() => {
                            form.error = Some((
                                form.focus,
                                "the text is empty with these values: its conditions leave nothing for this customer".into(),
                            ));
                            return None;
                        }
                        Ok(_) => {}
                    }
                }
                Some(Exit::Chosen {
                    doc: form.doc,
                    lang: form.lang.clone(),
                    typed,
                })
            }
        }
    }
}

/// What a key does on the list: move in it, choose from it, show, hide or
/// scroll its preview. Such a key waits for the ranking of the query
/// typed before it (see [`Loop::typed`]).
enum ListKey {
    Up,
    Down,
    PageUp,
    PageDown,
    ScrollUp,
    ScrollDown,
    Enter,
    Preview,
}

/// What `key` does on the list, if it acts on the list rather than on the
/// query or a filter.
fn list_key(key: KeyEvent) -> Option<ListKey> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    Some(match key.code {
        KeyCode::Enter => ListKey::Enter,
        KeyCode::Up if shift => ListKey::ScrollUp,
        KeyCode::Down if shift => ListKey::ScrollDown,
        KeyCode::Up => ListKey::Up,
        KeyCode::Char('k' | 'p') if ctrl => ListKey::Up,
        KeyCode::Down => ListKey::Down,
        KeyCode::Char('j' | 'n') if ctrl => ListKey::Down,
        KeyCode::PageUp => ListKey::PageUp,
        KeyCode::PageDown => ListKey::PageDown,
        KeyCode::Tab => ListKey::Preview,
        _ => return None,
    })
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

/// The languages the library is written in.
fn languages(s: &super::State) -> Vec<Lang> {
    s.index
        .langs
        .iter()
        .map(|l| Lang::new(l.as_str()))
        .collect()
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

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::sync::{Mutex, mpsc};
    use std::time::Duration;

    use super::*;

    fn clip(text: &str) -> Clip {
        Clip {
            text: text.into(),
            from: None,
            because: None,
        }
    }
    use crate::domain::search::Query;
    use crate::error::Error;
    use crate::ui::picker::Hooks;
    use crate::ui::picker::fixtures::{self, recording_loader, rendered, state};

    fn alt(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT)
    }

    #[test]
    fn a_reply_the_values_make_fail_is_said_in_the_form_with_the_values_kept() {
        let mut state = crate::ui::picker::fixtures::library_of(
            "[variables.n]\ndescription = \"How many\"\n",
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\n\
             body = \"{% for i in range(end=n | int) %}y{% endfor %}\"\n",
        );
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        assert!(looper.browse_key(KeyCode::Enter.into()).unwrap().is_none());
        let typed = |looper: &mut Loop<'_>, text: &str| {
            for c in text.chars() {
                looper.form_key(KeyCode::Char(c).into());
            }
            looper.form_key(KeyCode::Enter.into())
        };
        assert!(typed(&mut looper, "200000").is_none());
        let form = looper.state.form.as_ref().expect("the form stays");
        let (field, error) = form.error.as_ref().expect("the error is shown");
        assert_eq!(*field, 0);
        assert!(error.contains("range"), "{error}");
        assert_eq!(form.fields[0].input.text(), "200000");
        for _ in 0..6 {
            looper.form_key(KeyCode::Backspace.into());
        }
        let exit = typed(&mut looper, "3");
        assert!(matches!(exit, Some(Exit::Chosen { doc: 0, .. })));
    }

    /// A reply its conditions leave empty for the values typed is said in
    /// the form, the values kept: Enter ended the picker with the error.
    #[test]
    fn a_reply_left_empty_by_the_values_is_said_in_the_form() {
        let mut state = crate::ui::picker::fixtures::library_of(
            "[library]\ncustomer_types = [\"vip\", \"new\"]\n[variables.name]\ndescription = \"Name\"\n",
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\n\
             body = \"{% if customer_type == 'vip' %}Dear {{ name }}.{% endif %}\"\n",
        );
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        assert!(looper.browse_key(KeyCode::Enter.into()).unwrap().is_none());
        let form = looper.state.form.as_mut().expect("a form");
        let field = |name: &str| form.fields.iter().position(|f| f.name == name);
        let (Some(name), Some(customer)) = (field("name"), field("customer_type")) else {
            panic!("the name and the type are asked");
        };
        form.fields[name].input = crate::ui::picker::LineEdit::new("Ann");
        form.fields[customer].input = crate::ui::picker::LineEdit::new("new");
        // Enter goes from field to field, and submits from the last.
        for _ in 0..2 {
            assert!(looper.form_key(KeyCode::Enter.into()).is_none());
        }
        let form = looper.state.form.as_ref().expect("the form stays");
        let (_, error) = form.error.as_ref().expect("the error is shown");
        assert!(
            error.starts_with("the text is empty with these values"),
            "{error}"
        );
        assert_eq!(form.fields[name].input.text(), "Ann");
    }

    /// A VIP paragraph's link is asked for, never demanded of a standard
    /// customer's reply, which does not print it; typed `vip`, it is.
    #[test]
    fn a_value_only_a_branch_not_taken_reads_may_stay_empty() {
        // Enter on the reply, then `customer_type` typed over (`None`: left as
        // it is), then Enter on each field: what the last Enter did.
        let submit = |customer_type: Option<&str>| {
            let mut state = crate::ui::picker::fixtures::library_of(
                "[variables.link]\ndescription = \"Label\"\n",
                "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\n\
                 body = \"{% if customer_type == 'vip' %}{{ link }}{% endif %}ok\"\n",
            );
            let (query_tx, _query_rx) = mpsc::channel();
            let (preview_tx, _preview_rx) = mpsc::channel();
            let previewer = || preview_tx.clone();
            let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
            assert!(looper.browse_key(KeyCode::Enter.into()).unwrap().is_none());
            let form = looper.state.form.as_ref().expect("a form");
            let names: Vec<&str> = form.fields.iter().map(|f| f.name.as_str()).collect();
            assert_eq!(names, ["customer_type", "link"]);
            if let Some(typed) = customer_type {
                looper.form_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
                for c in typed.chars() {
                    looper.form_key(KeyCode::Char(c).into());
                }
            }
            looper.form_key(KeyCode::Enter.into());
            let exit = looper.form_key(KeyCode::Enter.into());
            (
                exit,
                looper.state.form.as_ref().and_then(|f| f.error.clone()),
            )
        };
        let (exit, _) = submit(None);
        assert!(matches!(exit, Some(Exit::Chosen { doc: 0, .. })), "copied");
        let (exit, error) = submit(Some("vip"));
        assert!(exit.is_none(), "not copied");
        assert_eq!(error, Some((1, "`link` needs a value".to_string())));
    }

    #[test]
    fn a_line_break_or_tab_pasted_into_the_query_parts_words() {
        let mut state = state();
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        // Terminals paste a line break as CR.
        looper.paste("refund\rvip\r\nlate\tparcel");
        assert_eq!(looper.state.query.text(), "refund vip late parcel");
        // A paste ending on a line break leaves the next paste apart.
        looper.paste(" tracking\r");
        looper.paste("number");
        assert_eq!(
            looper.state.query.text(),
            "refund vip late parcel tracking number"
        );
    }

    #[test]
    fn told_the_terminal_is_too_small_only_leaving_acts() {
        let mut state = state();
        state.too_small = true;
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        // Enter would copy a reply the agent cannot see.
        assert!(
            looper
                .typed(Msg::Key(KeyCode::Enter.into()))
                .unwrap()
                .is_none()
        );
        assert!(
            looper
                .typed(Msg::Key(KeyCode::Char('x').into()))
                .unwrap()
                .is_none()
        );
        assert!(looper.pending.is_none() && looper.state.query.text().is_empty());
        let exit = looper.typed(Msg::Key(KeyCode::Esc.into())).unwrap();
        assert!(matches!(exit, Some(Exit::Cancelled)));
    }

    #[test]
    fn an_enter_read_with_a_filter_key_waits_for_the_new_list() {
        let mut state = state();
        let (query_tx, query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        // Alt-U and Enter in one read: the Enter is not for the old list.
        assert!(looper.typed(Msg::Key(alt('u'))).unwrap().is_none());
        assert!(query_rx.try_recv().is_ok());
        let exit = looper.typed(Msg::Key(KeyCode::Enter.into())).unwrap();
        assert!(exit.is_none() && looper.pending.is_some());
    }

    /// The ranking of `docs`, in that order, for the query last sent.
    fn ranking_of(sent: &mpsc::Receiver<(u64, Query)>, docs: &[usize]) -> Msg {
        let (generation, _) = sent.try_iter().last().expect("a query was sent");
        Msg::Ranked(fixtures::ranked(generation, docs))
    }

    /// Down and Enter read with a query edit, before its ranking: they
    /// act on the new list, in the order typed. A query edit after a key
    /// that waits waits too, and the Enter after it waits for its own
    /// ranking.
    #[test]
    fn keys_on_the_list_typed_before_their_ranking_wait_for_it_in_order() {
        let mut state = state();
        let (query_tx, query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        let key = |code: KeyCode| Msg::Key(code.into());
        let ctrl_n = Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
        for msg in [key(KeyCode::Char('x')), ctrl_n, key(KeyCode::Enter)] {
            assert!(looper.handle(msg).unwrap().is_none());
        }
        assert_eq!(looper.state.selected, 0, "Ctrl-N waits for the list");
        match looper.handle(ranking_of(&query_rx, &[1, 0])).unwrap() {
            Some(Exit::Chosen { doc, .. }) => assert_eq!(doc, 0, "the new list's second row"),
            _ => panic!("Enter chose nothing"),
        }

        // `y`, Down, `z`, Enter: `z` waits behind Down, then asks for a
        // ranking of its own, which Enter waits for.
        let mut state = crate::ui::picker::fixtures::state();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        for msg in [
            key(KeyCode::Char('y')),
            key(KeyCode::Down),
            key(KeyCode::Char('z')),
            key(KeyCode::Enter),
        ] {
            assert!(looper.handle(msg).unwrap().is_none());
        }
        assert_eq!(looper.state.query.text(), "y", "`z` waits behind Down");
        let first = ranking_of(&query_rx, &[0, 1]);
        assert!(
            looper.handle(first).unwrap().is_none(),
            "Enter waits for `yz`"
        );
        assert_eq!(looper.state.query.text(), "yz");
        match looper.handle(ranking_of(&query_rx, &[1, 0])).unwrap() {
            Some(Exit::Chosen { doc, .. }) => assert_eq!(doc, 1, "the first row of `yz`"),
            _ => panic!("Enter chose nothing"),
        }
    }

    /// Before the first list (the query given on the command line is
    /// being ranked), moves are kept for it as an Enter is.
    #[test]
    fn moves_typed_before_the_first_list_act_on_it() {
        let mut state = state();
        state.hits.clear();
        state.ranking = true;
        let (query_tx, query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        looper.send_query();
        for code in [KeyCode::Down, KeyCode::Tab, KeyCode::Enter] {
            assert!(looper.handle(Msg::Key(code.into())).unwrap().is_none());
        }
        match looper.handle(ranking_of(&query_rx, &[0, 1])).unwrap() {
            Some(Exit::Chosen { doc, .. }) => assert_eq!(doc, 1),
            _ => panic!("Enter chose nothing"),
        }
        assert!(!looper.state.show_preview, "Tab was kept too");
    }

    #[test]
    fn enter_copies_nothing_the_preview_did_not_show() {
        let mut state = state();
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        // The preview was rendered before `a.toml` was edited.
        let shown = Rendered {
            text: "the text before the edit".into(),
            ..rendered(7)
        };
        looper.previews.insert((0, Lang::new("en")), shown);
        let exit = looper.browse_key(KeyCode::Enter.into()).unwrap();
        assert!(exit.is_none());
        assert_eq!(
            looper.state.query_error.as_deref(),
            Some("`a` changed since it was shown: read it again, then Enter copies it")
        );
        assert_eq!(looper.previews[&(0, Lang::new("en"))].text, "a");
        // Now shown as it is: the next Enter copies it.
        let exit = looper.browse_key(KeyCode::Enter.into()).unwrap();
        assert!(matches!(exit, Some(Exit::Chosen { doc: 0, .. })));
    }

    /// Each Enter reads the file as it is then: a reply edited again after
    /// it was shown again is shown once more, never copied as it was.
    #[test]
    fn a_reply_edited_twice_is_shown_again_each_time_before_it_is_copied() {
        let mut state = state();
        state.library = None;
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        let body = Arc::new(Mutex::new("first edit".to_string()));
        let now = Arc::clone(&body);
        looper.load_file = Some(Arc::new(move |_: &str| {
            let text = format!(
                "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"{}\"\n",
                now.lock().unwrap()
            );
            Some(crate::domain::library::Library::of_texts(None, &text))
        }));
        let shown = Rendered {
            text: "the text before the edits".into(),
            ..rendered(7)
        };
        looper.previews.insert((0, Lang::new("en")), shown);
        let changed = Some("`a` changed since it was shown: read it again, then Enter copies it");
        assert!(looper.browse_key(KeyCode::Enter.into()).unwrap().is_none());
        assert_eq!(looper.state.query_error.as_deref(), changed);
        *body.lock().unwrap() = "second edit".to_string();
        assert!(looper.browse_key(KeyCode::Enter.into()).unwrap().is_none());
        assert_eq!(looper.state.query_error.as_deref(), changed);
        assert_eq!(looper.previews[&(0, Lang::new("en"))].text, "second edit");
        let exit = looper.browse_key(KeyCode::Enter.into()).unwrap();
        assert!(matches!(exit, Some(Exit::Chosen { doc: 0, .. })));
        let lib = looper.state.library.clone().expect("loaded");
        assert_eq!(lib.get("a").unwrap().text.body, "second edit");
    }

    /// A lead's correction saved while the agent fills the form is shown
    /// before anything is copied: the form opens again on the new text,
    /// what was typed kept, and the next Enter copies it.
    #[test]
    fn a_reply_edited_while_its_form_is_open_is_shown_again_before_it_is_copied() {
        let mut state = fixtures::with_pattern();
        state.form = Some(fixtures::form_of_a(&state));
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        let edited = crate::domain::library::Library::of_texts(
            Some("[variables.order]\ndescription = \"Order number\"\n"),
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"Order #{{ order }}, corrected\"\n",
        );
        let (load, _) = fixtures::recording_loader(&edited);
        looper.load_file = Some(load);
        looper.paste("12");
        assert!(looper.form_key(KeyCode::Enter.into()).is_none());
        let form = looper.state.form.as_ref().expect("the form again");
        assert_eq!(form.fields[0].input.text(), "12");
        assert_eq!(
            form.error.as_ref().map(|(_, e)| e.as_str()),
            Some("`a` changed since it was shown: read it again, then Enter copies it")
        );
        let lib = looper.state.library.clone().expect("loaded");
        assert_eq!(
            lib.get("a").unwrap().text.body,
            "Order #{{ order }}, corrected"
        );
        // Now shown as it is: the next Enter copies it.
        let exit = looper.form_key(KeyCode::Enter.into());
        assert!(matches!(exit, Some(Exit::Chosen { doc: 0, .. })));
    }

    /// With several fields, "then Enter copies it" holds too: the form
    /// opens again on its last field, where Enter copies.
    #[test]
    fn a_reply_edited_under_a_form_of_several_fields_is_copied_by_the_next_enter() {
        let text = |body: &str| {
            format!("[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"{body}\"\n")
        };
        let mut state = fixtures::library_of("", &text("{{ one }} {{ two }}"));
        state.form = Some(fixtures::form_of_a(&state));
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        let edited = crate::domain::library::Library::of_texts(
            None,
            &text("{{ one }}, {{ two }}, corrected"),
        );
        let (load, _) = fixtures::recording_loader(&edited);
        looper.load_file = Some(load);
        looper.paste("1");
        assert!(looper.form_key(KeyCode::Enter.into()).is_none());
        looper.paste("2");
        assert!(looper.form_key(KeyCode::Enter.into()).is_none());
        let form = looper.state.form.as_ref().expect("the form again");
        assert_eq!(form.focus, 1);
        let exit = looper.form_key(KeyCode::Enter.into());
        assert!(matches!(exit, Some(Exit::Chosen { doc: 0, .. })));
    }

    #[test]
    fn enter_reads_the_chosen_responses_own_file_never_the_whole_library() {
        let mut state = state();
        let lib = state.library.take().expect("loaded");
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        let (load, reads) = recording_loader(&lib);
        looper.load_file = Some(load);
        let exit = looper.browse_key(KeyEvent::from(KeyCode::Enter)).unwrap();
        assert!(matches!(exit, Some(Exit::Chosen { doc: 0, .. })));
        assert_eq!(*reads.lock().unwrap(), ["lib/a.toml"]);
        // A file that no longer holds the response is said so, and the list
        // stays.
        looper.state.library = None;
        looper.load_file = Some(Arc::new(|_: &str| {
            Some(crate::domain::library::Library::assemble(
                std::path::Path::new("lib"),
                None,
                Vec::new(),
                Vec::new(),
            ))
        }));
        let exit = looper.browse_key(KeyEvent::from(KeyCode::Enter)).unwrap();
        assert!(exit.is_none());
        assert_eq!(
            looper.state.query_error.as_deref(),
            Some("`a` is no longer in `lib/a.toml`: the library changed since the picker opened")
        );
        // A file that no longer loads is said to have errors, not to have
        // lost the response.
        looper.state.library = None;
        looper.load_file = Some(Arc::new(|_: &str| {
            Some(crate::domain::library::Library::of_texts(
                None,
                "[[response]\n",
            ))
        }));
        let exit = looper.browse_key(KeyEvent::from(KeyCode::Enter)).unwrap();
        assert!(exit.is_none());
        assert_eq!(
            looper.state.query_error.as_deref(),
            Some("`lib/a.toml` has errors now, and `a` cannot be used: run `canned check`")
        );
        // A file that cannot be read is said so, and the list stays.
        looper.state.library = None;
        looper.load_file = Some(Arc::new(|_: &str| None));
        let exit = looper.browse_key(KeyEvent::from(KeyCode::Enter)).unwrap();
        assert!(exit.is_none());
        assert_eq!(
            looper.state.query_error.as_deref(),
            Some("`lib/a.toml` could not be read")
        );
    }

    #[test]
    fn ctrl_v_in_a_form_reads_the_clipboard_and_keeps_the_form_when_it_cannot() {
        let mut state = crate::ui::picker::fixtures::library_of(
            "[variables.n]\ndescription = \"A name\"\n",
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"{{ n }}\"\n",
        );
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        looper.hooks = Some(Hooks {
            read_clipboard: Arc::new(|| Err(Error::failed("empty", Some("copy it".into())))),
            ..crate::ui::picker::fixtures::quiet_hooks()
        });
        let (clipboard_tx, clipboard_rx) = mpsc::channel();
        looper.clipboard_tx = Some(clipboard_tx);
        assert!(looper.browse_key(KeyCode::Enter.into()).unwrap().is_none());
        assert!(looper.state.form.is_some());
        let ctrl_v = KeyEvent::new(KeyCode::Char('v'), KeyModifiers::CONTROL);
        assert!(looper.form_key(ctrl_v).is_none());
        // Said under the field: the form hides what the list says.
        let said = |looper: &Loop<'_>| {
            let form = looper.state.form.as_ref().expect("the form stays");
            form.error.as_ref().map(|(_, e)| e.clone())
        };
        assert_eq!(said(&looper).as_deref(), Some("reading the clipboard…"));
        // Typed meanwhile, for the message's replies: dropped with it.
        assert!(
            looper
                .typed(Msg::Key(KeyCode::Char('x').into()))
                .unwrap()
                .is_none()
        );
        let read = clipboard_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(looper.handle(read).unwrap().is_none());
        assert_eq!(said(&looper).as_deref(), Some("empty; hint: copy it"));
        let form = looper.state.form.as_ref().expect("the form stays");
        assert_eq!(form.fields[0].input.text(), "");
    }

    /// Ctrl-V then Enter, in one read or before the clipboard answers:
    /// Enter chooses among the replies for the message, never the list
    /// from before it; keys typed meanwhile come after the message, in the
    /// order they were typed.
    #[test]
    fn keys_after_ctrl_v_wait_for_the_message() {
        use crate::ui::picker::{Message, Suggested};
        let mut state = state();
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        looper.hooks = Some(Hooks {
            read_clipboard: Arc::new(|| Ok(clip("I want a refund"))),
            suggest: Box::new(|text| {
                Ok(Message {
                    text: text.to_string(),
                    suggestions: vec![Suggested {
                        id: "b".into(),
                        lang: "en".into(),
                        score: 0.9,
                        values: Vec::new(),
                    }],
                })
            }),
            ..crate::ui::picker::fixtures::quiet_hooks()
        });
        let (clipboard_tx, clipboard_rx) = mpsc::channel();
        looper.clipboard_tx = Some(clipboard_tx);
        let ctrl_v = KeyEvent::new(KeyCode::Char('v'), KeyModifiers::CONTROL);
        assert!(looper.typed(Msg::Key(ctrl_v)).unwrap().is_none());
        assert!(
            looper
                .typed(Msg::Key(KeyCode::Enter.into()))
                .unwrap()
                .is_none()
        );
        assert!(looper.state.form.is_none(), "Enter waits for the message");
        let read = clipboard_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        let b = looper.state.index.docs.iter().position(|d| d.id == "b");
        match looper.handle(read).unwrap() {
            Some(Exit::Chosen { doc, .. }) => assert_eq!(Some(doc), b),
            _ => panic!("Enter chose nothing"),
        }
    }

    /// Ctrl-V then Down and Enter, when the message gives no list (the
    /// clipboard could not be read, or no reply fits it): the keys meant
    /// for its replies are dropped, not played on the list from before,
    /// and what was said stays on screen.
    #[test]
    fn keys_after_ctrl_v_are_dropped_when_the_message_gives_no_list() {
        let cases: [(crate::ui::picker::Suggester<'_>, &str); 2] = [
            (
                Box::new(|_| Err(Error::failed("cannot read the clipboard", None))),
                "cannot read the clipboard",
            ),
            (
                Box::new(|text| {
                    Ok(crate::ui::picker::Message {
                        text: text.to_string(),
                        suggestions: Vec::new(),
                    })
                }),
                "no reply fits the message well; type a few of its words",
            ),
        ];
        for (suggest, said) in cases {
            let mut state = state();
            let (query_tx, _query_rx) = mpsc::channel();
            let (preview_tx, _preview_rx) = mpsc::channel();
            let previewer = || preview_tx.clone();
            let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
            looper.hooks = Some(Hooks {
                read_clipboard: Arc::new(|| Ok(clip("asdf qwerty zxcv"))),
                suggest,
                ..crate::ui::picker::fixtures::quiet_hooks()
            });
            let (clipboard_tx, clipboard_rx) = mpsc::channel();
            looper.clipboard_tx = Some(clipboard_tx);
            let ctrl_v = KeyEvent::new(KeyCode::Char('v'), KeyModifiers::CONTROL);
            for key in [ctrl_v, KeyCode::Down.into(), KeyCode::Enter.into()] {
                assert!(looper.typed(Msg::Key(key)).unwrap().is_none());
            }
            let read = clipboard_rx.recv_timeout(Duration::from_secs(10)).unwrap();
            assert!(
                looper.handle(read).unwrap().is_none(),
                "{said}: nothing chosen"
            );
            assert!(looper.state.form.is_none(), "{said}");
            assert_eq!(looper.state.query_error.as_deref(), Some(said));
            assert_eq!(looper.state.selected, 0, "{said}: Down dropped too");
            // What is typed next acts at once, on the list on screen.
            assert!(
                looper
                    .typed(Msg::Key(KeyCode::Down.into()))
                    .unwrap()
                    .is_none()
            );
            assert_eq!(looper.state.selected, 1, "{said}");
        }
    }

    /// `--clipboard` reads the message as Ctrl-V does, the picker open:
    /// the warnings said on opening stay beside what the read says (why it
    /// failed, and what to do in the picker), until the query changes.
    #[test]
    fn a_clipboard_read_on_opening_keeps_the_warnings_and_says_its_hint() {
        let mut state = state();
        state.warnings = vec!["warning: damaged chat file".into()];
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        looper.hooks = Some(Hooks {
            read_clipboard: Arc::new(|| {
                Err(Error::failed(
                    "cannot read the clipboard",
                    Some("copy the customer's message and press Ctrl-V".into()),
                ))
            }),
            ..crate::ui::picker::fixtures::quiet_hooks()
        });
        let (clipboard_tx, clipboard_rx) = mpsc::channel();
        looper.clipboard_tx = Some(clipboard_tx);
        looper.send_query();
        looper.take_message();
        let read = clipboard_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(looper.handle(read).unwrap().is_none());
        assert_eq!(
            looper.state.query_error.as_deref(),
            Some("cannot read the clipboard\nhint: copy the customer's message and press Ctrl-V")
        );
        assert_eq!(looper.state.warnings, ["warning: damaged chat file"]);
        looper.typed(Msg::Key(KeyCode::Char('x').into())).unwrap();
        assert!(looper.state.query_error.is_none() && looper.state.warnings.is_empty());
    }

    /// A clipboard's owner that never answers (a program stopped with
    /// Ctrl-Z still owns it) never holds up Esc: it leaves at once.
    #[test]
    fn esc_leaves_while_the_clipboard_is_being_read() {
        let mut state = state();
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        looper.hooks = Some(Hooks {
            read_clipboard: Arc::new(|| {
                std::thread::sleep(Duration::from_secs(3600));
                Ok(clip(""))
            }),
            ..crate::ui::picker::fixtures::quiet_hooks()
        });
        let (clipboard_tx, _clipboard_rx) = mpsc::channel();
        looper.clipboard_tx = Some(clipboard_tx);
        let ctrl_v = KeyEvent::new(KeyCode::Char('v'), KeyModifiers::CONTROL);
        assert!(looper.browse_key(ctrl_v).unwrap().is_none());
        let exit = looper.browse_key(KeyCode::Esc.into()).unwrap();
        assert!(matches!(exit, Some(Exit::Cancelled)));
    }

    #[test]
    fn in_a_chat_alt_l_and_alt_c_set_the_chats_language_and_customer() {
        let mut state = state();
        state.chat = Some("4821".into());
        let saved = RefCell::new(Vec::new());
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        looper.hooks = Some(Hooks {
            set_lang: Box::new(|l| {
                saved.borrow_mut().push(format!("lang={l}"));
                Ok(())
            }),
            set_customer: Box::new(|c| match c {
                "any" => Err(Error::failed("no any here", None)),
                _ => {
                    saved.borrow_mut().push(format!("customer={c}"));
                    Ok(())
                }
            }),
            ..crate::ui::picker::fixtures::quiet_hooks()
        });
        looper.previews.insert((0, Lang::new("en")), rendered(1));
        looper.browse_key(alt('l')).unwrap();
        assert_eq!(looper.state.lang, Some(Lang::new("en")));
        // The responses are for anyone: `any` is the only type, and a
        // refused one changes nothing.
        looper.browse_key(alt('c')).unwrap();
        assert_eq!(looper.state.chat_customer, None);
        assert_eq!(looper.state.query_error.as_deref(), Some("no any here"));
        looper.state.chat_customer = Some("vip".into());
        looper.state.query_error = None;
        looper.customer_changed();
        assert_eq!(looper.known.get("customer_type"), Some("vip"));
        assert!(looper.previews.is_empty(), "rendered for another customer");
        // In no chat, they filter and save nothing.
        looper.state.chat = None;
        looper.browse_key(alt('l')).unwrap();
        looper.browse_key(alt('c')).unwrap();
        assert_eq!(looper.state.customer, None);
        drop(looper);
        assert_eq!(saved.into_inner(), ["lang=en"]);
    }

    #[test]
    fn in_a_chat_a_new_customer_or_language_ranks_the_message_again() {
        let suggestion = |id: &str, score: f32| crate::ui::picker::Suggested {
            id: id.into(),
            lang: "en".into(),
            score,
            values: Vec::new(),
        };
        let mut state = state();
        state.chat = Some("4821".into());
        state.suggested(crate::ui::picker::Message {
            text: "refund please".into(),
            suggestions: vec![suggestion("a", 0.6), suggestion("b", 0.5)],
        });
        let customer = RefCell::new(String::new());
        let asked = RefCell::new(Vec::new());
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
        looper.hooks = Some(Hooks {
            set_customer: Box::new(|c| {
                *customer.borrow_mut() = c.to_string();
                Ok(())
            }),
            // As `canned suggest` ranks it in the chat as it is now: `b`
            // first once the chat has a customer type.
            suggest: Box::new(|text| {
                asked.borrow_mut().push(text.to_string());
                let suggestions = match customer.borrow().is_empty() {
                    true => vec![suggestion("a", 0.6), suggestion("b", 0.5)],
                    false => vec![suggestion("b", 0.7), suggestion("a", 0.5)],
                };
                Ok(crate::ui::picker::Message {
                    text: text.to_string(),
                    suggestions,
                })
            }),
            ..crate::ui::picker::fixtures::quiet_hooks()
        });
        looper.browse_key(alt('c')).unwrap();
        assert_eq!(*customer.borrow(), "any");
        assert_eq!(*asked.borrow(), ["refund please"]);
        let order: Vec<&str> = looper
            .state
            .hits
            .iter()
            .map(|h| looper.state.index.docs[h.doc].id.as_str())
            .collect();
        assert_eq!(order, ["b", "a"]);
        looper.browse_key(alt('l')).unwrap();
        assert_eq!(asked.borrow().len(), 2, "asked again for the new language");
        // A list that is a query's, not the message's, is left to the query.
        looper.state.message = None;
        looper.browse_key(alt('l')).unwrap();
        assert_eq!(asked.borrow().len(), 2);
    }

    #[test]
    fn a_filter_or_a_query_leaves_the_message_for_a_new_ranking() {
        for key in [alt('u'), KeyEvent::from(KeyCode::Char('x'))] {
            let mut state = state();
            state.suggested(crate::ui::picker::Message {
                text: "hello".into(),
                suggestions: vec![crate::ui::picker::Suggested {
                    id: "b".into(),
                    lang: "en".into(),
                    score: 0.9,
                    values: Vec::new(),
                }],
            });
            let (query_tx, query_rx) = mpsc::channel();
            let (preview_tx, _preview_rx) = mpsc::channel();
            let previewer = || preview_tx.clone();
            let mut looper = Loop::new(&mut state, Default::default(), &query_tx, &previewer);
            looper.sent_query = Some("what the message hid".into());
            looper.browse_key(key).unwrap();
            assert!(looper.state.message.is_none() && looper.state.found.is_empty());
            // Ranked again, whatever was ranked last, and asked at once (an
            // Enter read with the key waits for it); the message's replies
            // stay until then.
            assert!(looper.state.ranking);
            assert!(query_rx.try_recv().is_ok());
            assert_eq!(looper.state.hits.len(), 1);
        }
    }
}
