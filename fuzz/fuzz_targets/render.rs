//! Any template with any value: compiling, finding variables and rendering
//! never panic, rendering stays under the output cap, and a value is never
//! evaluated as template code.
#![no_main]

use std::collections::BTreeMap;

use canned::domain::template::{OUTPUT_CAP, Templates};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The first line is a value, the rest the template.
    let (value, template) = text.split_once('\n').unwrap_or(("", text));
    let (templates, _) = Templates::compile([("t", template), ("sig", "— {{ agent }}")]);
    if !templates.contains("t") {
        return;
    }
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    for name in templates.variables("t") {
        values.insert(name, value.to_string());
    }
    values.insert("agent".into(), value.to_string());
    if let Ok(out) = templates.render("t", &values) {
        assert!(out.len() <= OUTPUT_CAP);
    }
});
