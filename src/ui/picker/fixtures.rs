//! What the picker's unit tests start from: a two-response library, and
//! the state of a picker showing both.

use std::sync::Arc;

use super::State;
use super::workers::Rendered;
use crate::domain::library::{Library, Source};
use crate::domain::search::filter::Filter;
use crate::domain::search::{Hit, Index};

fn library() -> Library {
    let text = "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"a\"\n\n\
                [[response]]\nid = \"b\"\ntitle = \"B\"\ntopic = \"t\"\nbody = \"b\"\n";
    Library::assemble(
        std::path::Path::new("lib"),
        None,
        vec![Source {
            path: "lib/a.toml".into(),
            bytes: Ok(text.as_bytes().to_vec()),
        }],
        Vec::new(),
    )
}

/// A picker listing responses `a` and `b`, the library loaded.
pub fn state() -> State {
    let lib = library();
    let index = Arc::new(Index::build(&lib.responses));
    let mut state = State::new(index, "", Filter::default(), None);
    state.ranking = false;
    state.hits = (0..2)
        .map(|doc| Hit {
            doc,
            score: 1.0,
            lang: 0,
            partial: false,
        })
        .collect();
    state.library = Some(Arc::new(lib));
    state
}

pub fn rendered(generation: u64) -> Rendered {
    Rendered {
        generation,
        title: String::new(),
        notes: None,
        text: String::new(),
        cut: false,
    }
}
