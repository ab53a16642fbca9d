//! Any bytes as a response file: loading never panics, and whatever it
//! accepts has the fields the rest of canned relies on.
#![no_main]

use std::path::Path;

use canned::domain::library::{Manifest, file};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let out = file::parse(Path::new("fuzz.toml"), text, &Manifest::default());
    for r in &out.responses {
        assert!(canned::domain::rules::is_identifier(r.id.as_str()));
        assert!(!r.text.title.contains('\n'));
    }
    for p in &out.problems {
        assert!(p.location.line >= 1 && p.location.column >= 1);
    }
});
