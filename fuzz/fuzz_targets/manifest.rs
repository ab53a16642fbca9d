//! Any bytes as a manifest: parsing never panics, and every problem is located.
#![no_main]

use std::path::Path;

use canned::domain::library::manifest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (_, problems) = manifest::parse(Path::new("canned.toml"), text);
    for p in &problems {
        assert!(p.location.line >= 1 && p.location.column >= 1);
    }
});
