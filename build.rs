//! Splits and sorts the concept table of `suggest` once, at build time:
//! every `suggest` reads it, and doing so at run time was a third of a run
//! (see `src/domain/suggest/concepts.rs`, whose tests check the tables
//! against the file). And fingerprints the meaning table, so that a model
//! cached with other vectors is rebuilt without hashing megabytes a run.

use std::fmt::Write;
use std::{env, fs, path::Path};

const CONCEPTS: &str = "src/domain/suggest/concepts.txt";
const MEANINGS: [&str; 4] = [
    "src/domain/suggest/meaning/pieces.txt",
    "src/domain/suggest/meaning/pieces.bin",
    "src/domain/suggest/meaning/fr-pieces.txt",
    "src/domain/suggest/meaning/fr-pieces.bin",
];

/// FNV-1a of `files`, whole.
fn fingerprint(files: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        println!("cargo:rerun-if-changed={file}");
        for b in fs::read(file).expect("the meaning table is readable") {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

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
    concepts();
    meanings();
}

/// The word pieces as static tables, so that no run splits the files:
/// each list one string and where each piece ends in it (offsets, not a
/// slice a piece, which the loader would relocate at every start); and the
/// tables' fingerprint.
fn meanings() {
    println!("cargo:rustc-env=CANNED_MEANINGS={}", fingerprint(&MEANINGS));
    let mut out = String::new();
    for (name, file) in [("PIECES", MEANINGS[0]), ("FR_PIECES", MEANINGS[2])] {
        let pieces = fs::read_to_string(file).expect("the word pieces are readable");
        let (mut text, mut ends) = (String::new(), Vec::new());
        for piece in pieces.lines() {
            text.push_str(piece);
            ends.push(text.len());
        }
        writeln!(
            out,
            "static {name}: Pieces = Pieces {{ text: {text:?}, ends: &{ends:?} }};"
        )
        .expect("writing to a string");
    }
    write_out("pieces.rs", &out);
}

fn write_out(name: &str, text: &str) {
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
    fs::write(dest, text).expect("OUT_DIR is writable");
}

fn concepts() {
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
    write_out("concepts.rs", &out);
}
