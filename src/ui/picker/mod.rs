//! The interactive picker: `canned` on a terminal. Type to filter, move,
//! preview, fill in and copy, all from the keyboard.
//!
//! Ranking runs on its own thread, so drawing never waits for it; the full
//! library (for previews and filling in) loads on another while the index
//! comes from the cache, so the list is there at once.

mod ui;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::domain::date::Date;
use crate::domain::fill::Draft;
use crate::domain::library::{Library, VariableSpec};
use crate::domain::model::{Lang, Urgency};
use crate::domain::search::filter::{Filter, Op, UrgencyRange};
use crate::domain::search::{self, Hit, Index, Query};
use crate::domain::values::Values;
use crate::error::{Error, Result};
use crate::platform::signals::Termination;

/// What the picker starts with, gathered by `canned` (cmd/pick).
pub struct Start {
    pub query: String,
    pub filter: Filter,
    /// The language to answer in, when chosen.
    pub lang: Option<Lang>,
    pub chat: Option<String>,
    /// Values known before anything is typed (built-ins, the chat's memory,
    /// `--var`).
    pub known: Values,
    pub index: Arc<Index>,
    /// Each response's usage score, for ranking.
    pub frecency: HashMap<String, f64>,
    pub today: Date,
    pub color: bool,
    /// The whole library, loading on another thread while the list shows.
    pub library: Receiver<Result<Library>>,
}

/// How the picker ended.
pub enum Choice {
    Cancelled,
    /// The agent chose `id` in `lang`, typing `typed` into the form.
    Chosen {
        id: String,
        lang: Lang,
        typed: Values,
        library: Box<Library>,
    },
}

/// The form that asks for missing values inside the picker.
pub struct Form {
    pub names: Vec<String>,
    pub inputs: Vec<String>,
    pub focus: usize,
    pub error: Option<String>,
}

/// Everything the screen shows.
pub struct State {
    pub index: Arc<Index>,
    pub query: String,
    pub base: Filter,
    pub urgency: Option<Urgency>,
    pub topic: Option<String>,
    pub customer: Option<String>,
    pub lang: Option<Lang>,
    pub hits: Vec<Hit>,
    pub terms: Vec<String>,
    pub selected: usize,
    pub offset: usize,
    pub show_preview: bool,
    pub preview: Option<String>,
    pub form: Option<Form>,
    pub library_ready: bool,
    pub color: bool,
    pub chat: Option<String>,
    pub query_error: Option<String>,
    /// The declared variables, for the form's descriptions.
    pub specs: BTreeMap<String, VariableSpec>,
}

/// The marks around a value not known yet, in previews.
pub const MISSING: (&str, &str) = ("⟨", "⟩");

enum Exit {
    Cancelled,
    Chosen { doc: usize, typed: Values },
}

/// Runs the picker until the agent chooses a response or leaves; the
/// terminal is restored in every case, a signal included.
pub fn run(start: Start) -> Result<Choice> {
    let (query_tx, hits_rx) = spawn_ranker(Arc::clone(&start.index), start.frecency, start.today);
    let termination = Termination::watch().map_err(|e| Error::io("signals", e))?;
    let mut state = State {
        index: start.index,
        query: start.query,
        base: start.filter,
        urgency: None,
        topic: None,
        customer: None,
        lang: start.lang,
        hits: Vec::new(),
        terms: Vec::new(),
        selected: 0,
        offset: 0,
        show_preview: true,
        preview: None,
        form: None,
        library_ready: false,
        color: start.color,
        chat: start.chat,
        query_error: None,
        specs: BTreeMap::new(),
    };
    let mut library: Option<Library> = None;
    let mut terminal = ratatui::try_init().map_err(|e| Error::io("terminal", e))?;
    let outcome = event_loop(
        &mut terminal,
        &mut state,
        &mut library,
        &start.library,
        &query_tx,
        &hits_rx,
        &start.known,
        &termination,
    );
    ratatui::restore();
    drop(termination);
    let Exit::Chosen { doc, typed } = outcome? else {
        return Ok(Choice::Cancelled);
    };
    let library = match library {
        Some(l) => l,
        None => wait_library(&start.library)?,
    };
    Ok(Choice::Chosen {
        id: state.index.docs[doc].id.clone(),
        lang: display_lang(&state, doc),
        typed,
        library: Box::new(library),
    })
}

fn specs(lib: &Library) -> BTreeMap<String, VariableSpec> {
    lib.manifest.variables.clone()
}

fn wait_library(rx: &Receiver<Result<Library>>) -> Result<Library> {
    rx.recv()
        .map_err(|_| Error::failed("the library could not be loaded", None))?
}

/// One ranking, for the query of `generation`.
struct Ranked {
    generation: u64,
    hits: Vec<Hit>,
    terms: Vec<String>,
}

/// The ranking thread: always works on the newest query, drops stale ones.
fn spawn_ranker(
    index: Arc<Index>,
    frecency: HashMap<String, f64>,
    today: Date,
) -> (Sender<(u64, Query)>, Receiver<Ranked>) {
    let (qtx, qrx) = mpsc::channel::<(u64, Query)>();
    let (htx, hrx) = mpsc::channel();
    std::thread::spawn(move || {
        let usage = |id: &str| frecency.get(id).copied().unwrap_or(0.0);
        let ctx = search::Context {
            today,
            usage: &usage,
        };
        while let Ok(mut job) = qrx.recv() {
            while let Ok(newer) = qrx.try_recv() {
                job = newer;
            }
            let (generation, query) = job;
            let hits = search::search(&index, &query, &ctx, 500);
            let ranked = Ranked {
                generation,
                hits,
                terms: query.terms,
            };
            if htx.send(ranked).is_err() {
                break;
            }
        }
    });
    (qtx, hrx)
}

/// The query as typed plus the cycled filters.
fn current_query(state: &State) -> std::result::Result<Query, String> {
    let mut filter = state.base.clone();
    if let Some(u) = state.urgency {
        filter.urgency = Some(UrgencyRange {
            op: Op::Eq,
            urgency: u,
        });
    }
    if let Some(t) = &state.topic {
        filter.topic = Some(t.clone());
    }
    if let Some(c) = &state.customer {
        filter.customer = Some(c.clone());
    }
    Query::parse(&[state.query.as_str()], filter)
}

/// The language to show and copy a doc in: the chosen one when the doc has
/// it, else the one its match was in.
pub fn display_lang(state: &State, doc: usize) -> Lang {
    let d = &state.index.docs[doc];
    let langs = &state.index.langs;
    if let Some(l) = &state.lang
        && let Some(i) = state.index.lang_index(l.as_str())
        && d.langs.contains(&i)
    {
        return l.clone();
    }
    let hit_lang = state.hits.iter().find(|h| h.doc == doc).map(|h| h.lang);
    let i = hit_lang.or_else(|| d.langs.first().copied()).unwrap_or(0);
    Lang::new(
        langs
            .get(usize::from(i))
            .cloned()
            .unwrap_or_else(|| "en".into()),
    )
}

#[allow(clippy::too_many_arguments)]
fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    state: &mut State,
    library: &mut Option<Library>,
    lib_rx: &Receiver<Result<Library>>,
    query_tx: &Sender<(u64, Query)>,
    hits_rx: &Receiver<Ranked>,
    given: &Values,
    termination: &Termination,
) -> Result<Exit> {
    let mut generation = 0u64;
    let mut sent_query = None::<String>;
    let mut previews: HashMap<(usize, String), String> = HashMap::new();
    let io = |e| Error::io("terminal", e);
    loop {
        if termination.requested() {
            return Ok(Exit::Cancelled);
        }
        // Ask for a new ranking whenever the query or a filter changed.
        let key = format!(
            "{}\u{0}{:?}{:?}{:?}",
            state.query, state.urgency, state.topic, state.customer
        );
        if sent_query.as_deref() != Some(key.as_str()) {
            match current_query(state) {
                Ok(q) => {
                    generation += 1;
                    state.query_error = None;
                    let _ = query_tx.send((generation, q));
                }
                Err(e) => state.query_error = Some(e),
            }
            sent_query = Some(key);
        }
        while let Ok(ranked) = hits_rx.try_recv() {
            if ranked.generation == generation {
                state.hits = ranked.hits;
                state.terms = ranked.terms;
                state.selected = state.selected.min(state.hits.len().saturating_sub(1));
            }
        }
        if library.is_none()
            && let Ok(loaded) = lib_rx.try_recv()
        {
            let lib = loaded?;
            state.specs = specs(&lib);
            *library = Some(lib);
            state.library_ready = true;
        }
        // The preview of the selected response, with what is known so far.
        state.preview = match (library.as_ref(), state.hits.get(state.selected)) {
            (Some(lib), Some(hit)) => {
                let lang = display_lang(state, hit.doc);
                let cached = previews
                    .entry((hit.doc, lang.to_string()))
                    .or_insert_with(|| {
                        preview_text(lib, &state.index.docs[hit.doc].id, lang, given)
                    });
                Some(cached.clone())
            }
            _ => None,
        };
        terminal.draw(|f| ui::draw(f, state)).map_err(io)?;

        if !event::poll(Duration::from_millis(16)).map_err(io)? {
            continue;
        }
        let Event::Key(key) = event::read().map_err(io)? else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        if state.form.is_some() {
            if let Some(exit) = form_key(state, key, library.as_ref())? {
                return Ok(exit);
            }
            continue;
        }
        if let Some(exit) = browse_key(state, key, library, lib_rx, given)? {
            return Ok(exit);
        }
    }
}

fn preview_text(lib: &Library, id: &str, lang: Lang, known: &Values) -> String {
    let Some(response) = lib.get(id) else {
        return String::new();
    };
    match Draft::new(lib, response, lang, known) {
        Ok(draft) => draft
            .preview(|name| format!("{}{name}{}", MISSING.0, MISSING.1))
            .unwrap_or_else(|e| format!("(template error: {e})")),
        Err(e) => format!("({e})"),
    }
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

fn browse_key(
    state: &mut State,
    key: KeyEvent,
    library: &mut Option<Library>,
    lib_rx: &Receiver<Result<Library>>,
    given: &Values,
) -> Result<Option<Exit>> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let page = 10;
    match key.code {
        KeyCode::Esc => return Ok(Some(Exit::Cancelled)),
        KeyCode::Char('c') if ctrl => return Ok(Some(Exit::Cancelled)),
        KeyCode::Char('u') if ctrl => state.query.clear(),
        KeyCode::Char('k') | KeyCode::Char('p') if ctrl => {
            state.selected = state.selected.saturating_sub(1)
        }
        KeyCode::Char('j') | KeyCode::Char('n') if ctrl => move_down(state, 1),
        KeyCode::Up => state.selected = state.selected.saturating_sub(1),
        KeyCode::Down => move_down(state, 1),
        KeyCode::PageUp => state.selected = state.selected.saturating_sub(page),
        KeyCode::PageDown => move_down(state, page),
        KeyCode::Tab => state.show_preview = !state.show_preview,
        KeyCode::Char('u') | KeyCode::Char('U') if alt => {
            let order = [
                Urgency::Critical,
                Urgency::High,
                Urgency::Normal,
                Urgency::Low,
            ];
            state.urgency = cycle(&state.urgency, &order);
        }
        KeyCode::Char('t') | KeyCode::Char('T') if alt => {
            let mut topics: Vec<String> =
                state.index.docs.iter().map(|d| d.topic.clone()).collect();
            topics.sort();
            topics.dedup();
            state.topic = cycle(&state.topic, &topics);
        }
        KeyCode::Char('c') | KeyCode::Char('C') if alt => {
            let mut types: Vec<String> = state
                .index
                .docs
                .iter()
                .flat_map(|d| d.customers.iter().cloned())
                .filter(|c| c != "any")
                .collect();
            types.sort();
            types.dedup();
            state.customer = cycle(&state.customer, &types);
        }
        KeyCode::Char('l') | KeyCode::Char('L') if alt => {
            let langs: Vec<Lang> = state
                .index
                .langs
                .iter()
                .map(|l| Lang::new(l.as_str()))
                .collect();
            state.lang = cycle(&state.lang, &langs);
        }
        KeyCode::Backspace => {
            state.query.pop();
        }
        KeyCode::Enter => {
            let Some(hit) = state.hits.get(state.selected).cloned() else {
                return Ok(None);
            };
            if library.is_none() {
                let lib = wait_library(lib_rx)?;
                state.specs = specs(&lib);
                *library = Some(lib);
                state.library_ready = true;
            }
            let lib = library.as_ref().expect("loaded just above");
            let id = &state.index.docs[hit.doc].id;
            let Some(response) = lib.get(id) else {
                return Ok(None);
            };
            let lang = display_lang(state, hit.doc);
            let draft = Draft::new(lib, response, lang, given)?;
            let missing = draft.missing();
            if missing.is_empty() {
                return Ok(Some(Exit::Chosen {
                    doc: hit.doc,
                    typed: Values::default(),
                }));
            }
            let inputs = missing.iter().map(|_| String::new()).collect();
            state.form = Some(Form {
                names: missing,
                inputs,
                focus: 0,
                error: None,
            });
        }
        KeyCode::Char(c) if !ctrl && !alt => state.query.push(c),
        _ => {}
    }
    if state.selected < state.offset {
        state.offset = state.selected;
    }
    Ok(None)
}

fn move_down(state: &mut State, n: usize) {
    state.selected = (state.selected + n).min(state.hits.len().saturating_sub(1));
}

fn form_key(state: &mut State, key: KeyEvent, library: Option<&Library>) -> Result<Option<Exit>> {
    let Some(form) = state.form.as_mut() else {
        return Ok(None);
    };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let last = form.names.len().saturating_sub(1);
    match key.code {
        KeyCode::Esc => state.form = None,
        KeyCode::Char('c') if ctrl => return Ok(Some(Exit::Cancelled)),
        KeyCode::Char('u') if ctrl => form.inputs[form.focus].clear(),
        KeyCode::Tab | KeyCode::Down => form.focus = (form.focus + 1).min(last),
        KeyCode::BackTab | KeyCode::Up => form.focus = form.focus.saturating_sub(1),
        KeyCode::Backspace => {
            form.inputs[form.focus].pop();
        }
        KeyCode::Enter if form.focus < last => form.focus += 1,
        KeyCode::Enter => {
            let spec = |name: &str| library.and_then(|l| l.manifest.variables.get(name));
            let mut typed = Values::default();
            for (i, name) in form.names.iter().enumerate() {
                let value = match form.inputs[i].trim() {
                    "" => spec(name)
                        .and_then(|s| s.default.clone())
                        .unwrap_or_default(),
                    v => v.to_string(),
                };
                if value.is_empty() {
                    form.focus = i;
                    form.error = Some(format!("`{name}` needs a value"));
                    return Ok(None);
                }
                if let Some(p) = spec(name).and_then(|s| s.pattern.as_ref())
                    && !p.matches(&value)
                {
                    form.focus = i;
                    form.error = Some(format!("\"{value}\" does not match {}", p.source));
                    return Ok(None);
                }
                typed.set(name.clone(), &value);
            }
            let Some(hit) = state.hits.get(state.selected) else {
                return Ok(None);
            };
            return Ok(Some(Exit::Chosen {
                doc: hit.doc,
                typed,
            }));
        }
        KeyCode::Char(c) if !ctrl => form.inputs[form.focus].push(c),
        _ => {}
    }
    Ok(None)
}
