//! The interactive picker: `canned` on a terminal. Type to filter, move,
//! preview, fill in and copy, all from the keyboard.
//!
//! The UI thread never waits: reading the terminal, ranking, rendering
//! previews and loading the library happen on threads of their own
//! (`workers`), all reporting into one channel, so a key or a result is
//! drawn the moment it arrives and Esc always leaves, whatever a body does.

mod event_loop;
#[cfg(test)]
mod fixtures;
mod form;
mod form_view;
mod keys;
mod line;
mod message;
#[cfg(test)]
mod screen_tests;
mod text;
mod ui;
mod workers;

use std::collections::HashMap;
use std::io::{BufWriter, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

use crate::domain::date::Date;
use crate::domain::library::Library;
use crate::domain::model::{CustomerType, Lang, Topic, Urgency};
use crate::domain::search::filter::Filter;
use crate::domain::search::{Hit, Index};
use crate::domain::suggest::extract::Found;
use crate::domain::values::Values;
use crate::error::{Error, Result};
use crate::platform::signals::{self, Termination};
use crate::platform::tty;

use form::Form;
use line::LineEdit;
pub use message::{Message, Suggested};
pub use workers::{ClipboardReader, LoadFile};
use workers::{Ranked, Rendered};

/// Saves one of the chat's settings; an error is shown in the status line.
pub type Setter<'a> = Box<dyn Fn(&str) -> Result<()> + 'a>;

/// Suggests replies for a message.
pub type Suggester<'a> = Box<dyn Fn(&str) -> Result<Message> + 'a>;

/// What the picker asks of `canned` while it runs (each answers at once, a
/// small file write or a ranking of milliseconds; but the clipboard, read
/// off the UI thread).
pub struct Hooks<'a> {
    /// Saves the chat's language.
    pub set_lang: Setter<'a>,
    /// Saves the chat's customer type.
    pub set_customer: Setter<'a>,
    /// Reads the customer's message from the clipboard (the replies for
    /// it are then asked of `suggest`).
    pub read_clipboard: workers::ClipboardReader,
    /// Suggests replies for a message again, in the chat's context as it
    /// is now (its customer type or language just changed).
    pub suggest: Suggester<'a>,
    /// The customer types the library knows (the manifest's): read only
    /// when a query types one, not on start-up.
    pub customer_types: Box<dyn Fn() -> Vec<CustomerType> + 'a>,
    /// The topics the library knows, read when a query first types one.
    pub topics: Box<dyn Fn() -> Vec<Topic> + 'a>,
}

/// What the picker starts with, gathered by `canned` (cmd/pick).
pub struct Start<'a> {
    pub query: String,
    pub filter: Filter,
    /// The language to answer in, when chosen.
    pub lang: Option<Lang>,
    pub chat: Option<String>,
    /// The chat's customer type, when it is known.
    pub customer: Option<String>,
    /// Start on the customer's message on the clipboard (`--clipboard`),
    /// read as Ctrl-V reads it.
    pub clipboard: bool,
    /// The warnings said before the picker opened (a damaged chat file set
    /// aside, files skipped), which its screen would hide.
    pub warnings: Vec<String>,
    pub hooks: Hooks<'a>,
    /// Values known before anything is typed (built-ins, the chat's memory,
    /// `--var`).
    pub known: Values,
    pub index: Arc<Index>,
    /// The usage score of each response used, by its document number (the
    /// rest score 0), for ranking.
    pub frecency: HashMap<usize, f64>,
    pub today: Date,
    pub color: bool,
    /// Reads one response file and the manifest: for previews, and for the
    /// form of the response chosen.
    pub load_file: LoadFile,
    /// Where to write the picker's timings, measured from `started`.
    pub trace: Option<(Box<dyn std::io::Write>, Instant)>,
}

/// How the picker ended.
pub enum Choice {
    Cancelled,
    /// The agent chose `id` in `lang`, typing `typed` into the form, over
    /// `known`: the values the picker showed it with (a chat changed by
    /// another window meanwhile does not change what was shown).
    Chosen {
        id: String,
        lang: Lang,
        typed: Values,
        known: Values,
        library: Arc<Library>,
    },
}

/// Everything the screen shows.
pub struct State {
    pub index: Arc<Index>,
    pub query: LineEdit,
    pub base: Filter,
    pub urgency: Option<Urgency>,
    pub topic: Option<String>,
    pub customer: Option<String>,
    pub lang: Option<Lang>,
    pub hits: Vec<Hit>,
    /// How many responses matched in all (`hits` holds the best of them).
    pub matched: usize,
    pub terms: Vec<String>,
    /// No ranking has arrived yet: nothing is known to match or not.
    pub ranking: bool,
    /// The newest query ranks to nothing; its predecessor's hits stay on
    /// screen a moment (typing on), dimmed, rather than flash "no match".
    pub held: Option<(Instant, Ranked)>,
    pub selected: usize,
    pub offset: usize,
    /// Rows of the list on screen, for PgUp/PgDn.
    pub page: usize,
    pub show_preview: bool,
    pub preview: Option<Rendered>,
    /// Since when the selected response's preview is awaited.
    pub preview_wait: Option<Instant>,
    /// The first preview line shown.
    pub scroll: usize,
    pub form: Option<Form>,
    pub library: Option<Arc<Library>>,
    pub color: bool,
    pub chat: Option<String>,
    /// In a chat, its customer type: ranking leans toward it, and
    /// templates see it as `customer_type`.
    pub chat_customer: Option<String>,
    /// The customer's message the list is suggested for, until a query is
    /// typed.
    pub message: Option<String>,
    /// Where the message came from when the clipboard held no text (the
    /// text selected, tmux's buffer): shown beside it.
    pub message_from: Option<&'static str>,
    /// The values the message states, per doc of the suggested list.
    pub found: HashMap<usize, Vec<(String, Found)>>,
    pub query_error: Option<String>,
    /// The warnings said before the picker opened, shown under what it
    /// says until the query or a filter changes: apart from `query_error`,
    /// which the message read at start (`--clipboard`) replaces.
    pub warnings: Vec<String>,
    /// The customer types the library knows, once a typed one asked.
    pub customer_types: Option<Vec<CustomerType>>,
    pub topics: Option<Vec<Topic>>,
    /// The last frame said the terminal is too small, and showed nothing
    /// else: no key but leaving acts on what the agent cannot see.
    pub too_small: bool,
}

impl State {
    fn new(index: Arc<Index>, query: &str, base: Filter, lang: Option<Lang>) -> State {
        State {
            index,
            query: LineEdit::new(query),
            base,
            urgency: None,
            topic: None,
            customer: None,
            lang,
            hits: Vec::new(),
            matched: 0,
            terms: Vec::new(),
            ranking: true,
            held: None,
            selected: 0,
            offset: 0,
            page: 10,
            show_preview: true,
            preview: None,
            preview_wait: None,
            scroll: 0,
            form: None,
            library: None,
            color: false,
            chat: None,
            chat_customer: None,
            message: None,
            message_from: None,
            found: HashMap::new(),
            query_error: None,
            warnings: Vec::new(),
            too_small: false,
            customer_types: None,
            topics: None,
        }
    }

    /// A ranking of the current query arrived. An empty one while results
    /// are on screen is held back (see [`HOLD`]): typing goes through
    /// queries that match nothing (`refn` on the way to `refund`).
    fn take(&mut self, ranked: Ranked) {
        self.ranking = false;
        // The list is the message's until a query is typed.
        if self.message.is_some() {
            return;
        }
        let typing = !self.hits.is_empty() && ranked.hits.is_empty();
        if typing && !self.query.text().trim().is_empty() {
            self.held = Some((Instant::now(), ranked));
            return;
        }
        self.held = None;
        self.hits = ranked.hits;
        self.matched = ranked.matched;
        self.terms = ranked.terms;
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
    }

    /// Shows the empty ranking held back while the agent was typing.
    fn release_held(&mut self) {
        if let Some((_, ranked)) = self.held.take() {
            self.hits = ranked.hits;
            self.matched = ranked.matched;
            self.terms = ranked.terms;
            self.selected = 0;
        }
    }
}

/// The marks around a value not known yet, in previews.
pub const MISSING: (char, char) = ('⟨', '⟩');

/// The terminal the picker draws on: frames buffered, one write each.
pub type Screen = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Room for a whole frame: a 300×100 screen of styled wide characters.
const FRAME_BUFFER: usize = 1 << 20;

/// How long the previous preview stays while the next one renders (a
/// millisecond, usually): moving through the list never blanks the pane.
pub const PATIENCE: Duration = Duration::from_millis(150);

/// How long an empty ranking waits for the next key before it shows.
const HOLD: Duration = Duration::from_millis(300);

enum Exit {
    Cancelled,
    Chosen {
        doc: usize,
        lang: Lang,
        typed: Values,
    },
}

/// The smallest terminal the picker draws on: the legend, the status, the
/// query and a few rows of list and preview.
pub const MIN_SIZE: (u16, u16) = (40, 10);

/// Why the picker cannot be drawn here, if it cannot: `TERM=dumb`, or a
/// terminal smaller than [`MIN_SIZE`].
pub fn cannot_draw(dumb: bool) -> Option<String> {
    if dumb {
        return Some("the picker cannot be drawn on TERM=dumb".into());
    }
    let (w, h) = ratatui::crossterm::terminal::size().ok()?;
    too_small(w, h)
}

/// Why a `w`×`h` terminal is too small for the picker, if it is.
fn too_small(w: u16, h: u16) -> Option<String> {
    (w < MIN_SIZE.0 || h < MIN_SIZE.1).then(|| {
        format!(
            "the terminal is {w}×{h}; the picker needs at least {}×{}",
            MIN_SIZE.0, MIN_SIZE.1
        )
    })
}

/// Gives the terminal back, stops until continued (`fg`), then takes it
/// again, to be drawn whole: on Ctrl-Z or SIGTSTP, as a shell expects of a
/// full-screen program. Stopped without this, the shell's prompt came
/// inside the alternate screen, and keys echoed after `fg`.
fn suspend(terminal: &mut Screen) -> std::io::Result<()> {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    signals::stop_self();
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableBracketedPaste
    )?;
    terminal.clear()
}

/// Runs the picker until the agent chooses a response or leaves; the
/// terminal is restored in every case, a signal or a closed terminal
/// included.
pub fn run(start: Start<'_>) -> Result<Choice> {
    let termination = Termination::watch().map_err(|e| Error::io("signals", e))?;
    let (tx, rx) = mpsc::channel();
    let query_tx = workers::spawn_ranker(
        tx.clone(),
        Arc::clone(&start.index),
        start.frecency,
        start.today,
    );
    let preview_tx = tx.clone();
    let load_file = start.load_file;
    let previewer = {
        let load_file = Arc::clone(&load_file);
        move || workers::spawn_previewer(preview_tx.clone(), Arc::clone(&load_file))
    };
    let mut state = State::new(start.index, &start.query, start.filter, start.lang);
    state.color = start.color;
    state.chat = start.chat;
    state.chat_customer = start.customer;
    state.warnings = (start.warnings.iter())
        .map(|w| format!("warning: {w}"))
        .collect();
    // The picker decides colour itself (`state.color`, from NO_COLOR and
    // --color). Left to crossterm, NO_COLOR turns each colour change into a
    // bare `ESC[m`, which resets every attribute: the selected row lost its
    // reverse video and matches their underline.
    ratatui::crossterm::style::force_color_output(true);
    // try_init enters raw mode and the alternate screen, and restores the
    // terminal on a panic; the frames then go through a buffer of their
    // own, so each reaches the terminal in one write, never half drawn.
    ratatui::try_init().map_err(|e| Error::io("terminal", e))?;
    // A paste arrives whole, so a line break in it is not an Enter.
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let backend = CrosstermBackend::new(BufWriter::with_capacity(FRAME_BUFFER, std::io::stdout()));
    let mut terminal = match Terminal::new(backend) {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(Error::io("terminal", e));
        }
    };
    // What was typed before raw mode is waiting in the terminal: read it
    // as typed (see `spawn_input`).
    let stop = Arc::new(AtomicBool::new(false));
    let clipboard_tx = tx.clone();
    workers::spawn_input(tx, tty::pending_input(), Arc::clone(&stop));
    let mut looper = event_loop::Loop::new(&mut state, start.known, &query_tx, &previewer);
    looper.hooks = Some(start.hooks);
    looper.clipboard_tx = Some(clipboard_tx);
    looper.load_file = Some(load_file);
    looper.trace = start.trace;
    if start.clipboard {
        looper.take_message();
    }
    let outcome = looper.run(&mut terminal, &rx, &termination);
    let known = looper.known.clone();
    // The hooks borrow `canned`'s state as long as the loop lives.
    drop(looper);
    stop.store(true, Ordering::SeqCst);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    drop(termination);
    let Exit::Chosen { doc, lang, typed } = outcome? else {
        return Ok(Choice::Cancelled);
    };
    let library = match state.library.take() {
        Some(l) => l,
        None => return Err(Error::failed("the library could not be loaded", None)),
    };
    Ok(Choice::Chosen {
        id: state.index.docs[doc].id.clone(),
        lang,
        typed,
        known,
        library,
    })
}

/// The language to show and copy a doc in: the chosen one when the doc has
/// it, else the one its match was in.
pub fn display_lang(state: &State, doc: usize) -> Lang {
    let d = &state.index.docs[doc];
    let langs = &state.index.langs;
    // The language asked for, in the reply's own region of it (`fr-FR` for
    // `fr`), as `use` picks it.
    if let Some(l) = &state.lang {
        let tag = |i: &u8| langs.get(usize::from(*i)).map_or("", String::as_str);
        let own = (d
            .langs
            .iter()
            .find(|i| tag(i).eq_ignore_ascii_case(l.as_str())))
        .or_else(|| {
            d.langs
                .iter()
                .find(|i| Lang::same_language(tag(i), l.as_str()))
        });
        if let Some(i) = own {
            return Lang::new(tag(i));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Asked for French, a reply written in `fr-FR` answers in it, as
    /// `use --lang fr` does; one with no French answers in its own.
    #[test]
    fn the_language_asked_for_is_found_in_any_region() {
        let mut state = fixtures::library_of(
            "",
            "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"Hello\"\n\n\
             [response.translations.fr-FR]\ntitle = \"Un\"\nbody = \"Bonjour\"\n\n\
             [[response]]\nid = \"b\"\ntitle = \"B\"\ntopic = \"t\"\nbody = \"Hi\"\n",
        );
        state.lang = Some(Lang::new("fr"));
        let doc = |id: &str| state.index.docs.iter().position(|d| d.id == id).unwrap();
        assert_eq!(display_lang(&state, doc("a")).as_str(), "fr-FR");
        assert_eq!(display_lang(&state, doc("b")).as_str(), "en");
    }

    #[test]
    fn results_stay_until_a_ranking_replaces_them_and_no_match_waits() {
        let index = Arc::new(Index::build(std::iter::empty()));
        let mut s = State::new(index, "ref", Filter::default(), None);
        assert!(s.ranking);
        s.take(fixtures::ranked(1, &[0, 1]));
        assert_eq!((s.hits.len(), s.ranking), (2, false));
        s.query = LineEdit::new("refn");
        s.take(fixtures::ranked(2, &[]));
        // Still the results of `ref`, marked held.
        assert_eq!(s.hits.len(), 2);
        assert!(s.held.is_some());
        s.query = LineEdit::new("refun");
        s.take(fixtures::ranked(3, &[1]));
        assert_eq!(s.hits.len(), 1);
        assert!(s.held.is_none());
        // A pause shows the empty ranking for what it is.
        s.take(fixtures::ranked(4, &[]));
        s.release_held();
        assert!(s.hits.is_empty());
    }
}
