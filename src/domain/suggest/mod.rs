//! From a customer's message to the replies that answer it, with the values
//! the message states for each reply's variables. Local and deterministic:
//! no network, no model to download; a stemmer, stop-words, the ways
//! customers ask that the library's `examples` record, and a table of what
//! English words mean.

pub mod bayes;
pub mod check;
pub mod codec;
pub mod concepts;
pub mod currency;
pub mod extract;
pub mod language;
pub mod meaning;
pub mod model;
pub mod offer;
mod parallel;
pub mod rank;
pub mod thread;

pub use model::Model;

/// Past this, the rest of a pasted message is not read: a reply is chosen
/// from what a customer writes first, and no paste can slow `canned` down.
pub const MESSAGE_LIMIT: usize = 20_000;

pub use offer::{Offer, offer};
pub use rank::{Context, Ranked, rank};
