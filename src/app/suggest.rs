//! Replies for a customer's message, as `suggest` and the picker show them:
//! ranked with this agent's usage and the chat's customer, each with the
//! values the message states for its variables.

use std::path::Path;

use crate::app::App;
use crate::domain::library::Library;
use crate::domain::suggest::extract::{Found, Slot, extract};
use crate::domain::suggest::{self, Model};
use crate::error::Result;
use crate::platform::chat::Chat;
use crate::platform::clock::unix_seconds;
use crate::platform::library;

/// Built-ins are never read from a message.
const BUILT_IN: &[&str] = &["agent", "today", "lang", "ticket", "customer_type"];

/// Past this, the rest of a pasted message is not read: a reply is chosen
/// from what a customer writes first, and no paste can slow `canned` down.
pub const MESSAGE_LIMIT: usize = 20_000;

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
    /// The library at `root` and what `suggest` knows of it.
    pub fn suggest_model(&self, root: &Path) -> Result<(Library, Model)> {
        let lib = library::load(root)?;
        if let Some(notice) = lib.skipped_notice() {
            self.warn(&notice);
        }
        let model = Model::build(&lib);
        Ok((lib, model))
    }

    /// The best `limit` replies for `message`.
    pub fn suggest(
        &self,
        lib: &Library,
        model: &Model,
        message: &str,
        chat: Option<&Chat>,
        lang: Option<&str>,
        limit: usize,
    ) -> Vec<Suggestion> {
        let message = match message.char_indices().nth(MESSAGE_LIMIT) {
            Some((end, _)) => &message[..end],
            None => message,
        };
        let usage = self.usage();
        let now = unix_seconds(self.now);
        let frecency = |id: &str| usage.frecency(id, now);
        let ctx = suggest::Context {
            today: self.today,
            lang: lang.or_else(|| chat.and_then(|c| c.lang.as_deref())),
            customer: chat.and_then(|c| c.customer.as_deref()),
            usage: &frecency,
        };
        suggest::rank(model, message, &ctx, limit)
            .into_iter()
            .map(|r| {
                let lm = &model.langs[r.lang];
                let doc = &lm.docs[r.doc];
                let slots: Vec<Slot<'_>> = doc
                    .variables
                    .iter()
                    .filter(|v| !BUILT_IN.contains(&v.as_str()))
                    .filter(|v| chat.is_none_or(|c| !c.values.contains_key(v.as_str())))
                    .filter_map(|v| lib.manifest.variables.get(v))
                    .map(|spec| Slot {
                        name: &spec.name,
                        description: spec.description.as_deref(),
                        pattern: spec.pattern.as_ref().map(|p| &p.regex),
                        example: spec.example.as_deref(),
                    })
                    .collect();
                Suggestion {
                    id: model.entries[r.entry].id.clone(),
                    title: doc.title.clone(),
                    lang: lm.lang.clone(),
                    score: r.score,
                    matched: r.matched,
                    values: extract(message, &slots),
                }
            })
            .collect()
    }
}
