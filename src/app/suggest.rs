//! Replies for a customer's message, as `suggest` and the picker show them:
//! ranked with this agent's usage and the chat's customer, each with the
//! values the message states for its variables.

use std::path::Path;

use crate::app::App;

use crate::domain::search::fold;
use crate::domain::suggest::extract::Found;
use crate::domain::suggest::{self, Model};
use crate::domain::values;
use crate::error::{Error, Result};
use crate::platform::cache::cached_suggest_model;
use crate::platform::chat::Chat;
use crate::platform::clipboard::{self, Environment};
use crate::platform::clock::unix_seconds;
use crate::platform::last_copy;

pub use crate::domain::suggest::MESSAGE_LIMIT;

/// What `suggest`, and the picker's plain listing, say of a message no
/// reply fits well.
pub const NOTHING_FITS: &str =
    "no reply fits this message well; try `canned find` with a few of its words";

/// One reply for the message.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub id: String,
    pub title: String,
    pub lang: String,
    /// How sure, from 0 to 1.
    pub score: f32,
    /// The message's words that matched, folded.
    pub matched: Vec<String>,
    /// Values the message states for the reply's variables, in the order
    /// the reply uses them; none the chat already knows.
    pub values: Vec<(String, Found)>,
}

impl App {
    /// The customer's message, read from the clipboard; `hint` says what
    /// else the command the agent ran can do when it cannot be read.
    pub fn clipboard_message(&self, hint: &str) -> Result<clipboard::Clip> {
        message_on_clipboard(self.clipboard_preference()?, self.state_dir(), hint)
    }

    /// Where the reply copied last is remembered, when there is a home.
    pub fn state_dir(&self) -> Option<std::path::PathBuf> {
        self.dirs().ok().map(|d| d.state.clone())
    }

    /// What `suggest` knows of the library at `root`, from the cache when
    /// it is fresh, telling on stderr what had to be skipped.
    pub fn suggest_model(&self, root: &Path) -> Result<Model> {
        let (model, notice) = cached_suggest_model(root, self.cache_dir())?;
        if let Some(notice) = notice {
            self.warn(&notice);
        }
        Ok(model)
    }

    /// The best `limit` replies for `message`.
    pub fn suggest(
        &self,
        model: &Model,
        message: &str,
        chat: Option<&Chat>,
        lang: Option<&str>,
        limit: usize,
    ) -> Vec<Suggestion> {
        let message = crate::domain::text::cut_between_words(message, MESSAGE_LIMIT);
        // Control and invisible characters are no part of what the customer
        // wrote, and would cut a value in two ("€49\u{7}.90"); but a line
        // break of another system (a lone CR, a vertical tab, a form feed)
        // or a NUL still parts words.
        let message = &crate::domain::text::sanitize(&crate::domain::text::unify_breaks(message));
        // Composed (NFC): "Zoë" written as `e` and a mark (macOS) is the
        // name it shows, not "Zoe" and a stray accent.
        let message = &crate::domain::text::composed(message);
        // What the message quotes of earlier e-mails is not what it asks;
        // a message all quote is read for lack of better, but its values
        // are our old reply's, never the customer's.
        let (message, all_quote) = suggest::thread::own(message);
        let message = &*message;
        let usage = self.usage();
        let now = unix_seconds(self.now);
        let frecency = |id: &str| usage.frecency(id, now);
        let ctx = suggest::Context {
            today: self.today,
            // As `use` and the picker: `--lang`, the chat's, the config's.
            lang: lang
                .or_else(|| chat.and_then(|c| c.lang.as_deref()))
                .or(self.config.lang.as_deref()),
            written_in: None,
            customer: chat.and_then(|c| c.customer.as_deref()),
            usage: &frecency,
        };
        // The agent's own name, thanked or greeted, is never a value the
        // customer states: "Can you check? Thanks Sam" to agent Sam Lee.
        let agent: Vec<String> = self
            .agent()
            .map(fold::words)
            .into_iter()
            .flatten()
            .collect();
        let is_agent = |found: &Found| {
            let words: Vec<String> = fold::words(&found.value).collect();
            !words.is_empty() && words.iter().all(|w| agent.contains(w))
        };
        suggest::offer(model, message, &ctx, limit, &|found| {
            !all_quote && !is_agent(found)
        })
        .into_iter()
        .map(|o| {
            let r = o.ranked;
            let lm = &model.langs[r.lang];
            // What the chat already knows is not proposed again (the
            // ticket its id gives included). A value the message states
            // otherwise is (another order, a corrected amount, another
            // case number): dropped, the chat's older one would go out
            // unseen.
            let known = |name: &str, found: &Found| {
                chat.and_then(|c| chat_gives(model, c, name))
                    .is_some_and(|v| values::same(v, &found.value))
            };
            Suggestion {
                id: model.entries[r.entry].id.clone(),
                title: lm.docs[r.doc].title.clone(),
                lang: lm.lang.clone(),
                score: r.score,
                matched: r.matched,
                values: o
                    .values
                    .into_iter()
                    .filter(|(name, found)| !known(name, found))
                    .collect(),
            }
        })
        .collect()
    }
}

/// The customer's message on the clipboard, read with `pref`: from any
/// thread (the picker reads it off its UI thread, as an owner that does
/// not answer must not freeze its keys). `hint` is what else the agent can
/// do where they asked for it: `suggest` reads arguments, the picker a
/// query. The reply `canned` copied last (remembered in `state_dir`) is
/// no message: the agent has not copied the customer's next one yet, and
/// replies fitting our own reply would be offered.
pub fn message_on_clipboard(
    pref: clipboard::Preference,
    state_dir: Option<std::path::PathBuf>,
    hint: &str,
) -> Result<clipboard::Clip> {
    let message = clipboard::read(pref, &Environment::from_env())
        .map_err(|e| Error::failed(e.to_string(), Some(hint.to_string())))?;
    if !message.text.chars().any(char::is_alphanumeric) {
        return Err(Error::Usage(
            "the clipboard holds no message: copy the customer's message first".into(),
        ));
    }
    let holder = match message.from {
        Some(clipboard::Elsewhere::Selection) => "the text selected is",
        Some(clipboard::Elsewhere::TmuxBuffer) => "tmux's buffer holds",
        None => "the clipboard holds",
    };
    not_our_last_copy(state_dir.as_deref(), &message.text, holder)?;
    Ok(message)
}

/// Words a message must have to be taken for our own last reply.
const SHORTEST_OWN_REPLY: usize = 6;

/// Refuses `text` when it is the reply `canned` copied last (remembered in
/// `state_dir`): the agent's own words, not the customer's next message.
/// `holder` says where it was read: "the clipboard holds", "stdin holds".
pub fn not_our_last_copy(state_dir: Option<&Path>, text: &str, holder: &str) -> Result<()> {
    // A reply of a few words ("Thank you!") may be the customer's own.
    if text.split_whitespace().count() < SHORTEST_OWN_REPLY {
        return Ok(());
    }
    let fingerprint = crate::domain::text::fingerprint(text);
    match state_dir
        .and_then(last_copy::read)
        .filter(|c| c.fingerprint == fingerprint)
    {
        Some(copied) => Err(Error::Usage(format!(
            "{holder} `{}`, the reply canned copied last: copy the customer's message first",
            copied.id
        ))),
        None => Ok(()),
    }
}

/// The value `chat` gives `name` in this library's replies: one it
/// remembers, or its id for the ticket, when the variable's pattern takes
/// it. `use` refuses a chat `T-99`'s id for a ticket of digits, so such a
/// chat gives no ticket to compare a message's with.
pub fn chat_gives<'c>(model: &Model, chat: &'c Chat, name: &str) -> Option<&'c str> {
    chat.holds(name).filter(|v| model.fits(name, v))
}
