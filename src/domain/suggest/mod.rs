//! From a customer's message to the replies that answer it, with the values
//! the message states for each reply's variables. Local and deterministic:
//! no network, no model to download; a stemmer, stop-words, the ways
//! customers ask that the library's `examples` record, and a table of what
//! English words mean.

pub mod bayes;
pub mod check;
pub mod codec;
pub mod concepts;
pub mod extract;
pub mod language;
pub mod meaning;
pub mod model;
pub mod offer;
mod parallel;
pub mod rank;
pub mod thread;

pub use model::Model;
pub use offer::{Offer, offer};
pub use rank::{Context, Ranked, rank};
