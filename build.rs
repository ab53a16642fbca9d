//! Splits and sorts the concept table of `suggest` once, at build time:
//! every `suggest` reads it, and doing so at run time was a third of a run
//! (see `src/domain/suggest/concepts.rs`, whose tests check the tables
//! against the file).

use std::fmt::Write;
use std::{env, fs, path::Path};

const CONCEPTS: &str = "src/domain/suggest/concepts.txt";

/// An entry's words to match, each exact or a prefix (`*`); the `t` of a
/// contraction (`don't` is `don`, `t`) is written `not`, as `suggest`
/// writes the message's.
fn parts(entry: &str) -> Vec<(&str, bool)> {
    let words: Vec<&str> = entry
        .split(|c: char| !(c.is_alphanumeric() || c == '*'))
        .filter(|p| !p.is_empty())
        .collect();
    let mut out = Vec::with_capacity(words.len());
    for (i, &word) in words.iter().enumerate() {
        let word = if word == "t" && i > 0 && words[i - 1].ends_with('n') {
            "not"
        } else {
            word
        };
        out.push(match word.strip_suffix('*') {
            Some(prefix) => (prefix, true),
            None => (word, false),
        });
    }
    out
}

fn main() {
    println!("cargo:rerun-if-changed={CONCEPTS}");
    let text = fs::read_to_string(CONCEPTS).expect("the concept table is readable");
    let (mut exact, mut prefixes) = (Vec::new(), Vec::new());
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((concept, list)) = line.split_once(':') else {
            continue;
        };
        for entry in list.split(',') {
            let parts = parts(entry);
            match parts.first() {
                Some((_, true)) => prefixes.push((concept, parts)),
                Some(_) => exact.push((concept, parts)),
                None => {}
            }
        }
    }
    let mut out = String::new();
    for (name, mut entries) in [("EXACT", exact), ("PREFIXES", prefixes)] {
        // Stable: entries of one first word keep the file's order.
        entries.sort_by(|a, b| a.1[0].0.cmp(b.1[0].0));
        writeln!(out, "static {name}: &[Entry] = &[").expect("writing to a string");
        for (concept, parts) in entries {
            writeln!(out, "Entry {{ concept: {concept:?}, parts: &{parts:?} }},")
                .expect("writing to a string");
        }
        out.push_str("];\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("concepts.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
