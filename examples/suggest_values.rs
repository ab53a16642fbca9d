//! Scores value extraction on a set of customer messages: precision and
//! recall overall and per variable, the slots being the declared variables
//! the expected reply's body reads in the message's language.
//!
//! Usage: cargo run --release --example suggest_values -- LIBRARY_DIR MESSAGES.tsv [-v] [--slots]
//!
//! `-v` prints each wrong and each missed value with its message; with
//! `--slots` as well, each message's slots.

use std::collections::BTreeMap;
use std::path::PathBuf;

use canned::domain::model::Lang;
use canned::domain::suggest::extract::{Known, Slot, changed_to, extract, given, worked_out};
use canned::domain::template::placeholders;
use canned::platform::library;

/// Per variable: values extracted, extracted and right, expected.
#[derive(Default)]
struct Score {
    extracted: usize,
    right: usize,
    expected: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let (Some(dir), Some(tsv)) = (paths.first(), paths.get(1)) else {
        eprintln!("usage: suggest_values LIBRARY_DIR MESSAGES.tsv [-v]");
        std::process::exit(2);
    };
    let lib = match library::load(&PathBuf::from(dir), None) {
        Ok(lib) => lib,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let text = match std::fs::read_to_string(tsv) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {tsv}: {e}");
            std::process::exit(1);
        }
    };
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let known = Known::new(
        lib.manifest
            .variables
            .values()
            .filter_map(|spec| spec.description.as_deref()),
        lib.manifest.name.as_deref(),
    );
    for (n, line) in text.lines().enumerate().skip(1) {
        let row: Vec<String> = line.split('\t').map(|f| f.replace("\\n", "\n")).collect();
        let [lang, expected_id, _, values, message, ..] = row.as_slice() else {
            eprintln!("{tsv}:{}: too few columns", n + 1);
            continue;
        };
        let Some(response) = lib.responses.iter().find(|r| r.id.as_str() == expected_id) else {
            eprintln!("{tsv}:{}: no response {expected_id}", n + 1);
            continue;
        };
        let body = &response
            .text_in(&Lang::new(lang.as_str()))
            .unwrap_or(&response.text)
            .body;
        let slots: Vec<Slot> = placeholders(body)
            .iter()
            .filter_map(|name| lib.manifest.variables.get_key_value(name))
            .map(|(name, spec)| Slot {
                name,
                description: spec.description.as_deref(),
                pattern: spec.pattern.as_ref().map(|p| &p.regex),
                example: spec.example.as_deref(),
                worked_out: worked_out(body, name),
                given: given(body, name),
                changed_to: changed_to(body, name),
            })
            .collect();
        let want: BTreeMap<&str, &str> = values
            .split(';')
            .filter_map(|kv| kv.split_once('='))
            .collect();
        let got = extract(message, &slots, &known);
        if verbose && args.iter().any(|a| a == "--slots") {
            let names: Vec<&str> = slots.iter().map(|s| s.name).collect();
            println!("{expected_id}: {names:?} <- {}", message.replace('\n', "⏎"));
        }
        for slot in &slots {
            let score = scores.entry(slot.name.to_string()).or_default();
            let expected = want.get(slot.name);
            let found = got
                .iter()
                .find(|(name, _)| name == slot.name)
                .map(|(_, f)| f);
            score.expected += usize::from(expected.is_some());
            if let Some(f) = found {
                score.extracted += 1;
                let right = expected.is_some_and(|v| v.split('|').any(|v| v == f.value));
                score.right += usize::from(right);
                if verbose && !right {
                    println!(
                        "WRONG {} = {:?} (want {:?}) from {:?}: {}",
                        slot.name,
                        f.value,
                        expected,
                        f.context,
                        message.replace('\n', "⏎")
                    );
                }
            } else if let (true, Some(v)) = (verbose, expected) {
                println!(
                    "MISSED {} = {v:?}: {}",
                    slot.name,
                    message.replace('\n', "⏎")
                );
            }
        }
    }
    let total = scores.values().fold(Score::default(), |t, s| Score {
        extracted: t.extracted + s.extracted,
        right: t.right + s.right,
        expected: t.expected + s.expected,
    });
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!(
        "{:18} {:>9} {:>9} {:>9} {:>10} {:>8}",
        "variable", "expected", "extracted", "right", "precision", "recall"
    );
    for (name, s) in scores
        .iter()
        .chain(std::iter::once((&"all".to_string(), &total)))
    {
        println!(
            "{name:18} {:9} {:9} {:9} {:9.1}% {:7.1}%",
            s.expected,
            s.extracted,
            s.right,
            pct(s.right, s.extracted),
            pct(s.right, s.expected)
        );
    }
}
