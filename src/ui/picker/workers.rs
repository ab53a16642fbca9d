//! The picker's helpers off the UI thread, all reporting into one channel
//! the event loop sleeps on, so it wakes and draws the moment a key, a
//! ranking or a preview arrives: the terminal reader, the ranker, the
//! previewer (a hostile body can take long to render; the keys stay live),
//! and the library's arrival.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

use crate::platform::clipboard::Clip;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::domain::date::Date;
use crate::domain::fill::{Draft, FillError};
use crate::domain::library::Library;
use crate::domain::model::Lang;
use crate::domain::search::{self, Hit, Index, Query};
use crate::domain::values::Values;

use super::MISSING;
use super::text::drawable;

/// The marks around the value being typed, in the form's live preview.
/// Private-use characters: no reply contains them (typed ones are removed).
pub const FOCUS: (char, char) = ('\u{E000}', '\u{E001}');

/// A preview longer than this is cut: nobody reads further in a pane, and
/// drawing stays instant whatever a body renders to.
pub const PREVIEW_CAP: usize = 64 * 1024;

pub enum Msg {
    Key(KeyEvent),
    /// Text pasted (the terminal's bracketed paste).
    Paste(String),
    Resize,
    /// The terminal cannot be read any more: it is gone.
    InputClosed,
    Ranked(Ranked),
    Preview(Rendered),
    /// The clipboard's text (Ctrl-V), or why it could not be read: read
    /// off the UI thread, as a clipboard's owner that does not answer (a
    /// stopped program) must not freeze the keys.
    Clipboard(std::result::Result<Clip, String>),
}

/// Reads the customer's message off the clipboard, on a thread of its own.
pub type ClipboardReader = Arc<dyn Fn() -> crate::error::Result<Clip> + Send + Sync>;

/// Reads the clipboard with `read` on a thread of its own, and reports
/// what it holds on `tx`, or why it could not be read and its hint, on
/// lines of their own, as `canned` says them on stderr.
pub fn spawn_clipboard_read(read: &ClipboardReader, tx: &Sender<Msg>) {
    let (read, tx) = (Arc::clone(read), tx.clone());
    std::thread::spawn(move || {
        let read = read().map_err(|e| match e.hint() {
            Some(hint) => format!("{e}\nhint: {hint}"),
            None => e.to_string(),
        });
        let _ = tx.send(Msg::Clipboard(read));
    });
}

/// One ranking, for the query of `generation`.
pub struct Ranked {
    pub generation: u64,
    /// The best [`LISTED`] matches, best first.
    pub hits: Vec<Hit>,
    /// How many responses matched in all.
    pub matched: usize,
    pub terms: Vec<String>,
}

/// The most matches the list holds: nobody scrolls further, and ranking
/// them all would cost every keystroke at 100,000 responses. The status
/// line says how many matched in all.
pub const LISTED: usize = 500;

/// What to preview: a response in a language with the values known so far.
#[derive(Clone)]
pub struct PreviewJob {
    pub generation: u64,
    /// A library that holds the response (the one its form was opened
    /// from); without one the previewer reads the manifest and `file`.
    pub lib: Option<Arc<Library>>,
    /// The response's file, relative to the library (as the index has it).
    pub file: String,
    pub id: String,
    pub lang: Lang,
    pub values: Values,
    /// The variable being typed, shown between [`FOCUS`] marks.
    pub focus: Option<String>,
    /// Whether the notes go with the text (the form shows them apart).
    pub notes: bool,
}

/// A rendered preview, sanitised and capped.
#[derive(Clone)]
pub struct Rendered {
    pub generation: u64,
    /// `id (lang)`: what the preview shows.
    pub title: String,
    /// The response's notes for the agent, if any.
    pub notes: Option<String>,
    pub text: String,
    /// The text was longer than the preview keeps.
    pub cut: bool,
}

/// Reads the terminal until `stop` is set (the picker has left: what is
/// typed next is the shell's). The first `early` keys were typed before the
/// picker had the terminal in raw mode, where the terminal turned Enter into
/// a line feed (read as Ctrl-J): those are given back as the Enter they were.
pub fn spawn_input(tx: Sender<Msg>, early: usize, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut early = early;
        while !stop.load(Ordering::SeqCst) {
            match event::poll(Duration::from_millis(50)) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(_) => {
                    let _ = tx.send(Msg::InputClosed);
                    return;
                }
            }
            let msg = match event::read() {
                // Esc and Enter read at once arrive as one sequence, the
                // one Alt-Enter sends: it was taken for Enter, and an Esc
                // pressed to cancel copied the reply. No key is bound to
                // Alt-Enter, so it is what was typed: Esc, then Enter.
                Ok(Event::Key(key))
                    if key.kind != KeyEventKind::Release
                        && key.code == KeyCode::Enter
                        && key.modifiers.contains(KeyModifiers::ALT) =>
                {
                    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
                    if tx.send(Msg::Key(esc)).is_err() {
                        return;
                    }
                    Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
                }
                Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                    let typed_early = early > 0;
                    early = early.saturating_sub(1);
                    if typed_early
                        && key.code == KeyCode::Char('j')
                        && key.modifiers == KeyModifiers::CONTROL
                    {
                        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
                    } else {
                        Msg::Key(key)
                    }
                }
                Ok(Event::Resize(..)) => Msg::Resize,
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(_) => continue,
                Err(_) => Msg::InputClosed,
            };
            let closed = matches!(msg, Msg::InputClosed);
            if tx.send(msg).is_err() || closed {
                return;
            }
        }
    });
}

/// The ranking thread: always works on the newest query, drops stale ones.
pub fn spawn_ranker(
    tx: Sender<Msg>,
    index: Arc<Index>,
    frecency: HashMap<usize, f64>,
    today: Date,
) -> Sender<(u64, Query)> {
    let (qtx, qrx) = mpsc::channel::<(u64, Query)>();
    std::thread::spawn(move || {
        let usage = |doc: usize| frecency.get(&doc).copied().unwrap_or(0.0);
        let ctx = search::Context {
            today,
            usage: &usage,
        };
        while let Ok(mut job) = qrx.recv() {
            while let Ok(newer) = qrx.try_recv() {
                job = newer;
            }
            let (generation, query) = job;
            let (hits, matched) = search::search_counted(&index, &query, &ctx, LISTED);
            let ranked = Ranked {
                generation,
                hits,
                matched,
                terms: query.highlighted(),
            };
            if tx.send(Msg::Ranked(ranked)).is_err() {
                break;
            }
        }
    });
    qtx
}

/// Reads the manifest and one response file of the library (named as the
/// index names it): the picker never loads the whole library.
pub type LoadFile = Arc<dyn Fn(&str) -> Option<Library> + Send + Sync>;

/// The preview thread: renders the newest job only.
pub fn spawn_previewer(tx: Sender<Msg>, load_file: LoadFile) -> Sender<PreviewJob> {
    let (jtx, jrx) = mpsc::channel::<PreviewJob>();
    std::thread::spawn(move || {
        // The files read so far.
        let mut files: HashMap<String, Arc<Library>> = HashMap::new();
        while let Ok(mut job) = jrx.recv() {
            while let Ok(newer) = jrx.try_recv() {
                job = newer;
            }
            let lib = match &job.lib {
                Some(lib) => Some(Arc::clone(lib)),
                None => {
                    if files.len() >= 16 {
                        files.clear();
                    }
                    match files.get(&job.file) {
                        Some(lib) => Some(Arc::clone(lib)),
                        None => load_file(&job.file).map(|lib| {
                            let lib = Arc::new(lib);
                            files.insert(job.file.clone(), Arc::clone(&lib));
                            lib
                        }),
                    }
                }
            };
            if tx.send(Msg::Preview(render(&job, lib.as_deref()))).is_err() {
                break;
            }
        }
    });
    jtx
}

/// `text`, the preview rendered from the values as they are, with the
/// value being typed (`name`) between [`FOCUS`] marks, when marking it
/// changes nothing else. Rendered again with the marks inside the value:
/// a condition (`{% if customer_type == "vip" %}`), a number or a
/// `truncate` would read the marked value as another one, and the preview
/// must show the text that will be copied.
fn marked<'l>(
    text: &str,
    name: &str,
    values: &Values,
    draft: impl Fn(&Values) -> Result<Draft<'l>, FillError>,
) -> Option<String> {
    let mut values = values.clone();
    match values.get(name) {
        Some(v) if !v.trim().is_empty() => {
            let v = format!("{}{v}{}", FOCUS.0, FOCUS.1);
            values.set(name, &v);
        }
        _ => {}
    }
    let marked = draft(&values)
        .ok()?
        .preview(|missing| {
            let mark = format!("{}{missing}{}", MISSING.0, MISSING.1);
            if missing == name {
                format!("{}{mark}{}", FOCUS.0, FOCUS.1)
            } else {
                mark
            }
        })
        .ok()?;
    (marked.replace([FOCUS.0, FOCUS.1], "") == text).then_some(marked)
}

pub(super) fn render(job: &PreviewJob, lib: Option<&Library>) -> Rendered {
    let mut rendered = Rendered {
        generation: job.generation,
        title: format!("{} ({})", job.id, job.lang),
        notes: None,
        text: String::new(),
        cut: false,
    };
    let Some((lib, response)) = lib.and_then(|lib| Some((lib, lib.get(&job.id)?))) else {
        return rendered;
    };
    let draft = |values: &Values| Draft::new(lib, response, job.lang.clone(), values);
    let text = match draft(&job.values) {
        Ok(plain) => {
            if job.notes {
                rendered.notes = plain.notes().map(drawable);
            }
            let missing = |name: &str| format!("{}{name}{}", MISSING.0, MISSING.1);
            match plain.preview(missing) {
                Ok(text) => job
                    .focus
                    .as_deref()
                    .and_then(|name| marked(&text, name, &job.values, draft))
                    .unwrap_or(text),
                Err(e) => format!("(template error: {e})"),
            }
        }
        Err(e) => format!("({e})"),
    };
    let text = drawable(&text);
    rendered.cut = text.len() > PREVIEW_CAP;
    rendered.text = if rendered.cut {
        let mut end = PREVIEW_CAP;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text[..end].to_string()
    } else {
        text
    };
    rendered
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The preview of `body` with `values`, `focus` being typed.
    fn preview(body: &str, values: &[(&str, &str)], focus: &str) -> String {
        let manifest = "[variables.tier]\ndescription = \"t\"\n\
                        [variables.name]\ndescription = \"n\"\n";
        let text = format!(
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = '''{body}'''\n"
        );
        let lib = Library::of_texts(Some(manifest), &text);
        let mut v = Values::default();
        for (name, value) in values {
            v.set(*name, value);
        }
        let job = PreviewJob {
            generation: 1,
            lib: None,
            file: String::new(),
            id: "a".into(),
            lang: Lang::new("en"),
            values: v,
            focus: Some(focus.into()),
            notes: false,
        };
        render(&job, Some(&lib)).text
    }

    #[test]
    fn the_value_being_typed_is_marked_where_marking_changes_nothing_else() {
        let marked = format!("Hi {}Sam{}", FOCUS.0, FOCUS.1);
        assert_eq!(preview("Hi {{ name }}", &[("name", "Sam")], "name"), marked);
    }

    #[test]
    fn the_preview_is_the_text_that_will_be_copied_while_a_value_is_typed() {
        // A condition, a number and a truncation read the value as it is.
        let body = "{% if tier == \"vip\" %}VIP{% else %}plain{% endif %}";
        assert_eq!(preview(body, &[("tier", "vip")], "tier"), "VIP");
        let body = "{% for i in range(end=tier | int) %}x{% endfor %}";
        assert_eq!(preview(body, &[("tier", "3")], "tier"), "xxx");
        let body = "{{ name | truncate(length=3) }}";
        assert_eq!(preview(body, &[("name", "bobby")], "name"), "bob…");
    }
}
