//! What the picker's unit tests start from: a two-response library, and
//! the state of a picker showing both.

use std::sync::{Arc, Mutex};

use super::form::Form;
use super::workers::{LoadFile, Ranked, Rendered};
use super::{Hooks, State};
use crate::domain::library::Library;
use crate::domain::model::Lang;
use crate::domain::search::filter::Filter;
use crate::domain::search::{Hit, Index};

fn library() -> Library {
    Library::of_texts(None, TWO)
}

const TWO: &str = "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"a\"\n\n\
                [[response]]\nid = \"b\"\ntitle = \"B\"\ntopic = \"t\"\nbody = \"b\"\n";

/// Hooks that save nothing, whose clipboard is empty, and that know no
/// customer type nor topic: a test overrides the one it is about.
pub fn quiet_hooks<'a>() -> Hooks<'a> {
    Hooks {
        set_lang: Box::new(|_| Ok(())),
        set_customer: Box::new(|_| Ok(())),
        read_clipboard: Arc::new(|| Err(crate::error::Error::failed("empty", None))),
        suggest: Box::new(|_| Err(crate::error::Error::failed("no model", None))),
        customer_types: Box::new(Vec::new),
        topics: Box::new(Vec::new),
    }
}

/// A picker listing responses `a` and `b`, the library loaded.
pub fn state() -> State {
    picker_on(library())
}

/// A picker on one response `a` whose `order` must be digits, and whose
/// pattern error is longer than a row.
pub fn with_pattern() -> State {
    let manifest = "[variables.order]\ndescription = \"Order number\"\n\
                    pattern = \"^[0-9]+$|^(a-very-long-alternative-that-makes-the-error-wrap)$\"\n";
    let text = "[[response]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"t\"\nbody = \"#{{ order }}\"\n";
    picker_on(Library::of_texts(Some(manifest), text))
}

/// A picker on the responses of `text`, with `manifest`.
pub fn library_of(manifest: &str, text: &str) -> State {
    picker_on(Library::of_texts(Some(manifest), text))
}

fn picker_on(lib: Library) -> State {
    let index = Arc::new(Index::build(&lib.responses));
    let mut state = State::new(index, "", Filter::default(), None);
    state.ranking = false;
    state.hits = (0..state.index.docs.len())
        .map(|doc| Hit {
            doc,
            score: 1.0,
            lang: 0,
            partial: false,
        })
        .collect();
    state.matched = state.hits.len();
    state.library = Some(Arc::new(lib));
    state
}

/// A loader of response files that answers every file with `lib`'s
/// responses, and the files it was asked for.
pub fn recording_loader(lib: &Library) -> (LoadFile, Arc<Mutex<Vec<String>>>) {
    let responses = lib.responses.clone();
    let reads = Arc::new(Mutex::new(Vec::new()));
    let read = Arc::clone(&reads);
    let load: LoadFile = Arc::new(move |file: &str| {
        read.lock().unwrap().push(file.to_string());
        Some(Library {
            responses: responses.clone(),
            ..Library::assemble(std::path::Path::new("lib"), None, Vec::new(), Vec::new())
        })
    });
    (load, reads)
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

/// The form of response `a` of the picker `s` shows, nothing known yet.
pub fn form_of_a(s: &State) -> Form {
    form_of(s, "a")
}

/// The form of the first response, `id`, of the picker `s` shows, nothing
/// known yet.
pub fn form_of(s: &State, id: &str) -> Form {
    let lib = s.library.clone().expect("loaded");
    let form = Form::open(
        &lib,
        0,
        id,
        Lang::new("en"),
        &Default::default(),
        &Default::default(),
        &[],
    );
    form.expect("fills").expect("a form")
}

/// The ranking of query `generation`: `docs`, in that order.
pub fn ranked(generation: u64, docs: &[usize]) -> Ranked {
    Ranked {
        generation,
        hits: docs
            .iter()
            .map(|&doc| Hit {
                doc,
                score: 1.0,
                lang: 0,
                partial: false,
            })
            .collect(),
        matched: docs.len(),
        terms: Vec::new(),
    }
}
