//! The event loop: it sleeps on the channel the workers and the terminal
//! reader report into, handles everything that arrived, then draws once.
//! Between reports it wakes every [`TICK`] to look for a termination signal
//! and for a terminal that hung up.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use super::workers::{LoadFile, Msg, PreviewJob, Ranked, Rendered};
use super::{Exit, HOLD, Hooks, PATIENCE, Screen, State, display_lang, ui};
use crate::domain::library::Library;
use crate::domain::model::{CustomerType, Lang, Topic};
use crate::domain::rules;
use crate::domain::search::Query;
use crate::domain::search::filter::{Op, UrgencyRange};
use crate::domain::values::Values;
use crate::error::{Error, Result};
use crate::platform::signals::Termination;
use crate::platform::tty;

/// How often the loop looks for a signal or a closed terminal when nothing
/// else wakes it.
const TICK: Duration = Duration::from_millis(50);

/// How long a keystroke's frame waits for the ranking it asked for: a
/// ranking that comes sooner (under a millisecond at 10,000 responses) is
/// drawn in the same frame as the key, one frame instead of two, and a slow
/// one leaves the key echoed at once all the same.
const ECHO_WAIT: Duration = Duration::from_millis(4);

/// How many rendered previews are kept, for moving back and forth.
const PREVIEWS_KEPT: usize = 64;

/// How long a preview may render before the next one gets a previewer of
/// its own.
const STUCK: Duration = Duration::from_millis(500);

/// What a preview job was for.
#[derive(Clone, PartialEq)]
enum Target {
    Browse(usize, Lang),
    Form,
}

/// The event loop and what it keeps between turns.
pub struct Loop<'a> {
    pub(super) state: &'a mut State,
    /// Values known before anything is typed; `customer_type` follows the
    /// chat's type as the agent sets it.
    pub(super) known: Values,
    /// What the picker asks of `canned` (none in unit tests).
    pub(super) hooks: Option<Hooks<'a>>,
    /// Reads a response's own file (and the manifest) when a form opens:
    /// the whole library is never loaded (none in unit tests, whose state
    /// holds a library already).
    pub(super) load_file: Option<LoadFile>,
    query_tx: &'a Sender<(u64, Query)>,
    preview_tx: Sender<PreviewJob>,
    /// Starts a previewer, for when the one there is stuck on a slow body.
    previewer: &'a dyn Fn() -> Sender<PreviewJob>,
    /// The generation of the newest query sent to the ranker.
    generation: u64,
    pub(super) sent_query: Option<String>,
    pub(super) jobs: u64,
    /// The preview jobs not answered yet, and when each was sent.
    targets: HashMap<u64, (Target, Instant)>,
    pub(super) previews: HashMap<(usize, Lang), Rendered>,
    /// The keys that wait, in the order typed: a key on the list read
    /// before the ranking of the query typed before it (it comes first),
    /// or the keys after a Ctrl-V while the clipboard is read
    /// (`reading_clipboard`), with every key read after them. Replayed
    /// once what they wait for is there: what the agent did is done in
    /// the order they did it, whatever the timing (Down then Enter after
    /// a query chooses the new list's second row; Ctrl-V then Enter
    /// chooses among the replies for the message).
    pub(super) pending: Option<Vec<Msg>>,
    pub(super) reading_clipboard: bool,
    /// Values typed in a form, offered again when a form asks for them.
    pub(super) memory: BTreeMap<String, String>,
    /// What the form's live preview was last asked for.
    pub(super) form_job: Option<String>,
    /// A hook ran: whatever it warned about on stderr is on the screen,
    /// so the next frame is drawn whole.
    pub(super) repaint: bool,
    /// Where a clipboard read (Ctrl-V) reports (none in unit tests that
    /// do not read it).
    pub(super) clipboard_tx: Option<Sender<Msg>>,
    /// Ctrl-Z was pressed: give the terminal back and stop, as SIGTSTP.
    pub(super) suspend: bool,
    /// Where the timings go (`CANNED_TRACE`), and since when the process
    /// has run: the first frame with a ranked list, and each keystroke to
    /// the first frame that shows its ranking.
    pub(super) trace: Option<(Box<dyn std::io::Write>, Instant)>,
}

impl<'a> Loop<'a> {
    pub fn new(
        state: &'a mut State,
        known: Values,
        query_tx: &'a Sender<(u64, Query)>,
        previewer: &'a dyn Fn() -> Sender<PreviewJob>,
    ) -> Loop<'a> {
        Loop {
            state,
            known,
            hooks: None,
            load_file: None,
            query_tx,
            preview_tx: previewer(),
            previewer,
            generation: 0,
            sent_query: None,
            jobs: 0,
            targets: HashMap::new(),
            previews: HashMap::new(),
            pending: None,
            reading_clipboard: false,
            memory: BTreeMap::new(),
            form_job: None,
            repaint: false,
            clipboard_tx: None,
            suspend: false,
            trace: None,
        }
    }

    pub fn run(
        &mut self,
        terminal: &mut Screen,
        rx: &Receiver<Msg>,
        termination: &Termination,
    ) -> Result<Exit> {
        let io = |e| Error::io("terminal", e);
        let mut dirty = true;
        // Whether the frame after [`PATIENCE`] has been drawn.
        let mut late = false;
        // For the trace: whether a ranked list has been drawn, and the
        // keystroke whose ranking is awaited.
        let mut listed = false;
        let mut typed: Option<Instant> = None;
        // Until when the frame for the keys just typed waits for their ranking.
        let mut echo_by: Option<Instant> = None;
        loop {
            if termination.requested() || tty::hung_up() {
                return Ok(Exit::Cancelled);
            }
            if termination.suspend_requested() || std::mem::take(&mut self.suspend) {
                super::suspend(terminal).map_err(io)?;
                dirty = true;
            }
            self.send_query();
            if let Some((since, _)) = &self.state.held
                && since.elapsed() >= HOLD
            {
                self.release_held();
                dirty = true;
            }
            self.request_preview();
            // The previous preview has waited long enough: say "rendering…".
            match self.state.preview_wait {
                Some(since) if since.elapsed() >= PATIENCE && !late => {
                    late = true;
                    dirty = true;
                }
                None => late = false,
                Some(_) => {}
            }
            if self.repaint {
                self.repaint = false;
                terminal.clear().map_err(io)?;
                dirty = true;
            }
            let wait = echo_by
                .filter(|_| self.state.ranking)
                .and_then(|by| by.checked_duration_since(Instant::now()))
                .filter(|left| !left.is_zero());
            if dirty && wait.is_none() {
                terminal.draw(|f| ui::draw(f, self.state)).map_err(io)?;
                dirty = false;
                echo_by = None;
                if let Some((out, started)) = &mut self.trace
                    && !self.state.ranking
                {
                    if !listed {
                        listed = true;
                        let _ = writeln!(out, "first-list {:.3}", ms(started.elapsed()));
                    }
                    if let Some(at) = typed.take() {
                        let _ = writeln!(out, "key-to-list {:.3}", ms(at.elapsed()));
                    }
                }
            }
            let first = match rx.recv_timeout(wait.unwrap_or(TICK)) {
                Ok(msg) => msg,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Cancelled),
            };
            // Everything that arrived is handled before the next frame.
            for msg in std::iter::once(first).chain(rx.try_iter()) {
                dirty = true;
                if matches!(msg, Msg::Key(_)) {
                    let now = Instant::now();
                    typed.get_or_insert(now);
                    echo_by.get_or_insert(now + ECHO_WAIT);
                }
                if let Some(exit) = self.handle(msg)? {
                    return Ok(exit);
                }
            }
        }
    }

    pub(super) fn handle(&mut self, msg: Msg) -> Result<Option<Exit>> {
        match msg {
            Msg::Key(_) | Msg::Paste(_) => return self.typed(msg),
            Msg::Resize => {}
            Msg::InputClosed => return Ok(Some(Exit::Cancelled)),
            Msg::Clipboard(read) => {
                self.clipboard_read(read);
                return self.retry_pending();
            }
            Msg::Ranked(ranked) => {
                if ranked.generation == self.generation {
                    self.ranked(ranked);
                    return self.retry_pending();
                }
            }
            Msg::Preview(rendered) => match self.answered(rendered.generation) {
                Some(Target::Browse(doc, lang)) => {
                    // A preview is up to 64 KiB: keep the recent ones only.
                    if self.previews.len() >= PREVIEWS_KEPT {
                        self.previews.clear();
                    }
                    self.previews.insert((doc, lang), rendered);
                }
                Some(Target::Form) => {
                    if let Some(form) = self.state.form.as_mut()
                        && form.sent == rendered.generation
                    {
                        form.preview = Some(rendered);
                    }
                }
                None => {}
            },
        }
        Ok(None)
    }

    fn ranked(&mut self, ranked: Ranked) {
        self.state.take(ranked);
    }

    pub(super) fn release_held(&mut self) {
        self.state.release_held();
    }

    /// Asks for a new ranking whenever the query or a filter changed.
    pub(super) fn send_query(&mut self) {
        let s = &mut *self.state;
        let key = format!(
            "{}\u{0}{:?}{:?}{:?}{:?}",
            s.query.text(),
            s.urgency,
            s.topic,
            s.customer,
            s.chat_customer
        );
        if self.sent_query.as_deref() == Some(key.as_str()) {
            return;
        }
        let hooks = &self.hooks;
        let load = || {
            hooks
                .as_ref()
                .map(|h| (h.customer_types)())
                .unwrap_or_default()
        };
        let topics = || hooks.as_ref().map(|h| (h.topics)()).unwrap_or_default();
        match current_query(s).and_then(|q| {
            typed_customer_known(s, &q, load)?;
            typed_topic_known(s, &q, topics)?;
            Ok(q)
        }) {
            Ok(q) => {
                self.generation += 1;
                // What the picker said on opening (a message nothing fits,
                // a warning) stays until the agent changes the query or a
                // filter.
                if self.sent_query.is_some() {
                    s.query_error = None;
                    s.warnings.clear();
                }
                s.ranking = true;
                let _ = self.query_tx.send((self.generation, q));
            }
            Err(e) => {
                // Nothing is listed for a query refused: Enter must not act
                // on the replies of the query before it, nor on those of a
                // query still being ranked (typed in one burst, `t:s` went
                // to the ranker before `t:shiping` was refused).
                self.generation += 1;
                s.query_error = Some(e);
                s.hits.clear();
                // The status says 0 matched, not "the best 0 listed".
                s.matched = 0;
                s.selected = 0;
                s.ranking = false;
            }
        }
        self.sent_query = Some(key);
    }

    /// Asks the previewer for what the screen should show, when that is not
    /// what it shows (or was asked for) already.
    fn request_preview(&mut self) {
        let lib = self.state.library.clone();
        if let Some(form) = &self.state.form {
            // A form opens with the library its response was read from.
            let Some(lib) = lib else {
                return;
            };
            let mut values = self.known.clone();
            values.extend(&form.values());
            let job = PreviewJob {
                generation: 0,
                lib: Some(lib),
                file: String::new(),
                id: form.id.clone(),
                lang: form.lang.clone(),
                values,
                focus: form.focused().map(str::to_string),
                notes: false,
            };
            let fingerprint = format!(
                "{}\u{0}{}\u{0}{:?}\u{0}{:?}",
                job.id, job.lang, job.focus, job.values
            );
            self.unstick(&Target::Form);
            if self.form_job.as_deref() != Some(fingerprint.as_str()) {
                self.form_job = Some(fingerprint);
                self.send_job(job, Target::Form);
            }
            return;
        }
        let Some(hit) = self.state.hits.get(self.state.selected) else {
            self.state.preview_wait = None;
            return;
        };
        let lang = display_lang(self.state, hit.doc);
        let doc = hit.doc;
        if let Some(p) = self.previews.get(&(doc, lang.clone())) {
            if self.state.preview.as_ref().map(|p| p.generation) != Some(p.generation) {
                self.state.preview = Some(p.clone());
                self.state.scroll = 0;
            }
            self.state.preview_wait = None;
            return;
        }
        self.state.preview_wait.get_or_insert_with(Instant::now);
        let target = Target::Browse(doc, lang.clone());
        self.unstick(&target);
        // Asked for last: it is on its way. (An older job for it may be
        // skipped for a newer one, so only the newest counts.)
        let newest = self.targets.iter().max_by_key(|(g, _)| **g);
        if newest.is_some_and(|(_, (t, _))| *t == target) {
            return;
        }
        // The library a form was opened from holds that response's file
        // only.
        let id = &self.state.index.docs[doc].id;
        let job = self.browse_job(doc, lang, lib.filter(|lib| lib.get(id).is_some()));
        self.send_job(job, target);
    }

    /// The list's preview of `doc` in `lang`, with the values known: from
    /// `lib` when it holds the response, else from its file.
    pub(super) fn browse_job(
        &self,
        doc: usize,
        lang: Lang,
        lib: Option<Arc<Library>>,
    ) -> PreviewJob {
        let d = &self.state.index.docs[doc];
        PreviewJob {
            generation: 0,
            lib,
            file: d.file.clone(),
            id: d.id.clone(),
            lang,
            values: self.known.clone(),
            focus: None,
            notes: true,
        }
    }

    /// What job `generation` was for. The previewer renders only the newest
    /// job it has, so every older one still waiting was skipped: forgotten.
    fn answered(&mut self, generation: u64) -> Option<Target> {
        let target = self.targets.remove(&generation).map(|(t, _)| t);
        self.targets.retain(|&g, _| g > generation);
        target
    }

    /// A previewer that has rendered another preview for longer than
    /// [`STUCK`] (a slow body, within the template limits) would hold up
    /// `wanted`: it is left to finish alone, and a new one started.
    fn unstick(&mut self, wanted: &Target) {
        let stuck = self
            .targets
            .values()
            .any(|(t, sent)| t != wanted && sent.elapsed() >= STUCK);
        if stuck {
            self.preview_tx = (self.previewer)();
            self.targets.clear();
            // What the form last asked for is asked again.
            self.form_job = None;
        }
    }

    fn send_job(&mut self, mut job: PreviewJob, target: Target) {
        self.jobs += 1;
        job.generation = self.jobs;
        if target == Target::Form
            && let Some(form) = self.state.form.as_mut()
        {
            form.sent = self.jobs;
        }
        self.targets.insert(self.jobs, (target, Instant::now()));
        let _ = self.preview_tx.send(job);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The query as typed plus the cycled filters.
pub(super) fn current_query(state: &State) -> std::result::Result<Query, String> {
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
    let mut query = Query::parse(&[state.query.text()], filter)?;
    query.known_customer = state.chat_customer.clone();
    Ok(query)
}

/// Refuses a customer type typed in the query (`c:vpi`) that the library
/// does not know: it would show only the replies for anyone. The flag's
/// was checked before the picker opened, and Alt-C cycles through known
/// ones; the known types are read, with `load`, the first time one is typed.
fn typed_customer_known(
    state: &mut State,
    query: &Query,
    load: impl FnOnce() -> Vec<CustomerType>,
) -> std::result::Result<(), String> {
    let typed = query.filter.customer.as_ref().filter(|c| {
        Some(*c) != state.customer.as_ref() && Some(*c) != state.base.customer.as_ref()
    });
    let Some(customer) = typed else {
        return Ok(());
    };
    let known = state.customer_types.get_or_insert_with(load);
    if known.is_empty() {
        return Ok(());
    }
    rules::customer(customer, Some(known))
        .map(drop)
        .map_err(|r| short(&r))
}

/// A refusal as the status line can show it: what is wrong and the
/// did-you-mean first; the list of what is expected only without one (a
/// list of topics would push the did-you-mean out of sight).
fn short(r: &rules::Refusal) -> String {
    match &r.hint {
        Some(hint) => format!("{} ({hint})", r.message),
        None => format!("{}; expected {}", r.message, r.expected),
    }
}

/// Refuses a topic typed in the query (`t:shiping`) that no known topic
/// starts with, as `find` does: it would hide every reply. The topics are
/// read, with `load`, the first time one is typed.
fn typed_topic_known(
    state: &mut State,
    query: &Query,
    load: impl FnOnce() -> Vec<Topic>,
) -> std::result::Result<(), String> {
    let typed = query
        .filter
        .topic
        .as_ref()
        .filter(|t| Some(*t) != state.topic.as_ref() && Some(*t) != state.base.topic.as_ref());
    let Some(topic) = typed else {
        return Ok(());
    };
    let known = state.topics.get_or_insert_with(load);
    if known.is_empty() {
        return Ok(());
    }
    rules::topic_filter(topic, known).map_err(|r| short(&r))
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;
    use crate::domain::model::CustomerType;
    use crate::ui::picker::fixtures::{recording_loader, rendered, state};
    use crate::ui::picker::line::LineEdit;

    #[test]
    fn a_customer_type_typed_that_the_library_does_not_know_is_said_not_searched() {
        let mut s = state();
        let check = |s: &mut State| {
            let query = current_query(s)?;
            typed_customer_known(s, &query, || vec![CustomerType::new("vip")])
        };
        s.query = LineEdit::new("refund c:vpi");
        let error = check(&mut s).err().unwrap_or_default();
        assert!(error.contains("unknown customer type \"vpi\""), "{error}");
        assert!(error.contains("did you mean `vip`?"), "{error}");
        s.query = LineEdit::new("refund c:vip");
        assert!(check(&mut s).is_ok());
    }

    #[test]
    fn a_refused_query_lists_nothing_not_even_a_ranking_still_on_its_way() {
        let mut state = state();
        let (query_tx, query_rx) = mpsc::channel();
        let (preview_tx, _preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, Values::default(), &query_tx, &previewer);
        looper.hooks = Some(crate::ui::picker::Hooks {
            topics: Box::new(|| vec![Topic::new("shipping")]),
            ..crate::ui::picker::fixtures::quiet_hooks()
        });
        // `t:s` goes to the ranker; `t:shiping` is refused before it answers.
        looper.state.query = LineEdit::new("t:s");
        looper.send_query();
        let (sent, _) = query_rx.try_recv().expect("t:s is ranked");
        // What the query before it matched.
        looper.state.matched = 18;
        looper.state.query = LineEdit::new("t:shiping");
        looper.send_query();
        let error = looper.state.query_error.clone().unwrap_or_default();
        assert_eq!(
            error,
            "unknown topic \"shiping\" (did you mean `shipping`?)"
        );
        let late = crate::ui::picker::workers::Ranked {
            generation: sent,
            hits: vec![crate::domain::search::Hit {
                doc: 0,
                score: 1.0,
                lang: 0,
                partial: false,
            }],
            matched: 1,
            terms: Vec::new(),
        };
        assert!(looper.handle(Msg::Ranked(late)).unwrap().is_none());
        assert!(looper.state.hits.is_empty());
        assert_eq!(looper.state.matched, 0);
    }

    #[test]
    fn a_topic_typed_that_no_known_topic_starts_with_is_said_not_searched() {
        let mut s = state();
        let check = |s: &mut State| {
            let query = current_query(s)?;
            typed_topic_known(s, &query, || {
                vec![Topic::new("billing"), Topic::new("shipping")]
            })
        };
        s.query = LineEdit::new("late t:shiping");
        let error = check(&mut s).err().unwrap_or_default();
        assert!(error.contains("unknown topic \"shiping\""), "{error}");
        assert!(error.contains("did you mean `shipping`?"), "{error}");
        for fine in ["late t:ship", "late t:BILLING"] {
            s.query = LineEdit::new(fine);
            assert!(check(&mut s).is_ok(), "{fine}");
        }
    }

    #[test]
    fn a_preview_asked_for_again_after_moving_away_is_rendered() {
        let mut state = state();
        let known = Values::default();
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, known.clone(), &query_tx, &previewer);
        let asked = |rx: &Receiver<PreviewJob>| -> Vec<(u64, String)> {
            rx.try_iter().map(|j| (j.generation, j.id)).collect()
        };
        looper.request_preview();
        looper.state.selected = 1;
        looper.request_preview();
        // Back to `a` before any answer: the job for it may have been
        // skipped for `b`'s, so it is asked for again.
        looper.state.selected = 0;
        looper.request_preview();
        looper.request_preview();
        assert_eq!(
            asked(&preview_rx),
            [(1, "a".into()), (2, "b".into()), (3, "a".into())]
        );
        // `b` answers: job 1 was skipped; 3 is still on its way.
        assert!(looper.handle(Msg::Preview(rendered(2))).unwrap().is_none());
        looper.request_preview();
        assert_eq!(asked(&preview_rx), []);
        looper.handle(Msg::Preview(rendered(3))).unwrap();
        looper.request_preview();
        assert_eq!(looper.state.preview.as_ref().map(|p| p.generation), Some(3));
    }

    #[test]
    fn a_preview_stuck_on_a_slow_body_does_not_hold_up_the_next() {
        let mut state = state();
        let known = Values::default();
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, preview_rx) = mpsc::channel();
        let started = std::cell::Cell::new(0);
        let previewer = || {
            started.set(started.get() + 1);
            preview_tx.clone()
        };
        let mut looper = Loop::new(&mut state, known.clone(), &query_tx, &previewer);
        looper.request_preview();
        // `a` has rendered for a second: on it, one waits for it...
        let long_ago = Instant::now().checked_sub(Duration::from_secs(1)).unwrap();
        looper
            .targets
            .values_mut()
            .for_each(|(_, sent)| *sent = long_ago);
        looper.request_preview();
        assert_eq!(started.get(), 1);
        // ...but `b` gets a previewer of its own.
        looper.state.selected = 1;
        looper.request_preview();
        assert_eq!(started.get(), 2);
        let asked: Vec<(u64, String)> = preview_rx
            .try_iter()
            .map(|j| (j.generation, j.id))
            .collect();
        assert_eq!(asked, [(1, "a".into()), (2, "b".into())]);
    }

    #[test]
    fn the_preview_comes_from_the_responses_own_file() {
        let mut state = state();
        let lib = state.library.take().unwrap();
        let known = Values::default();
        let (query_tx, _query_rx) = mpsc::channel();
        let (preview_tx, preview_rx) = mpsc::channel();
        let previewer = || preview_tx.clone();
        let mut looper = Loop::new(&mut state, known, &query_tx, &previewer);
        looper.request_preview();
        let job = preview_rx.try_recv().expect("a preview asked for at once");
        assert!(job.lib.is_none());
        assert_eq!((job.id.as_str(), job.file.as_str()), ("a", "lib/a.toml"));
        // The previewer reads that file alone, once.
        let (tx, rx) = mpsc::channel();
        let (load, reads) = recording_loader(&lib);
        let jobs = crate::ui::picker::workers::spawn_previewer(tx, load);
        for generation in [1, 2] {
            jobs.send(PreviewJob {
                generation,
                ..job.clone()
            })
            .unwrap();
            match rx.recv_timeout(Duration::from_secs(10)).unwrap() {
                Msg::Preview(p) => assert_eq!((p.title.as_str(), p.text.as_str()), ("a (en)", "a")),
                _ => panic!("not a preview"),
            }
        }
        assert_eq!(*reads.lock().unwrap(), ["lib/a.toml"]);
    }
}
