//! Scores `suggest` on a set of customer messages: top-1 and top-3 per
//! language and kind, and for each half of the set (even and odd lines, to
//! pick settings on one and check them on the other), with the library's
//! examples and without them. With `--loeo` instead of the messages: each
//! example of the library asked as a message, against the library without it.
//!
//! Usage: cargo run --release --example suggest_quality -- LIBRARY_DIR (MESSAGES.tsv [-v] | --loeo)

use std::collections::BTreeMap;
use std::path::PathBuf;

use canned::domain::date::Date;
use canned::domain::suggest::{self, Model};
use canned::platform::library;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(tsv)) = (args.first(), args.get(1)) else {
        eprintln!("usage: suggest_quality LIBRARY_DIR (MESSAGES.tsv [-v] | --loeo)");
        std::process::exit(2);
    };
    let verbose = args.iter().any(|a| a == "-v");
    let mut lib = match library::load(&PathBuf::from(dir), None) {
        Ok(lib) => lib,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    if let Some(m) = args.iter().find_map(|a| a.strip_prefix("--msg=")) {
        let model = Model::build(&lib);
        let no_usage = |_: &str| 0.0;
        let today: Date = "2026-12-04".parse().unwrap_or(Date::from_days(0));
        let ctx = suggest::Context {
            today,
            lang: None,
            written_in: None,
            customer: None,
            usage: &no_usage,
        };
        for o in suggest::offer(&model, m, &ctx, 5, &|_| true) {
            println!("{:.3} {}", o.ranked.score, model.entries[o.ranked.entry].id);
        }
        return;
    }
    if args.iter().any(|a| a == "--loeo") {
        leave_one_example_out(&mut lib, verbose);
        return;
    }
    let text = std::fs::read_to_string(tsv).unwrap_or_default();
    let rows: Vec<Vec<String>> = text
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(|f| f.replace("\\n", "\n")).collect())
        .collect();
    let today: Date = "2026-12-04".parse().unwrap_or(Date::from_days(0));
    for with_examples in [true, false] {
        if !with_examples {
            for r in &mut lib.responses {
                r.text.examples.clear();
                r.translations.values_mut().for_each(|t| t.examples.clear());
            }
        }
        let model = Model::build(&lib);
        let no_usage = |_: &str| 0.0;
        let ctx = suggest::Context {
            today,
            lang: None,
            written_in: None,
            customer: None,
            usage: &no_usage,
        };
        let mut by: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
        for (i, row) in rows.iter().enumerate() {
            let (lang, expected, acceptable, message, kinds) =
                (&row[0], &row[1], &row[2], &row[4], &row[5]);
            let hits = suggest::offer(&model, message, &ctx, 3, &|_| true);
            let ids: Vec<&str> = hits
                .iter()
                .map(|h| model.entries[h.ranked.entry].id.as_str())
                .collect();
            let ok = |id: &str| id == expected || acceptable.split(',').any(|a| a == id);
            let top1 = ids.first().is_some_and(|id| ok(id));
            let top3 = ids.iter().any(|id| ok(id));
            if verbose && !top1 {
                println!(
                    "{} {lang} want {expected} got {:?}: {}",
                    if top3 { "3" } else { "X" },
                    ids,
                    message.replace('\n', " ")
                );
            }
            let half = if i % 2 == 0 {
                "A (even lines)"
            } else {
                "B (odd lines)"
            };
            let mut keys = vec![
                "all".to_string(),
                format!("lang {lang}"),
                format!("half {half}"),
            ];
            keys.extend(
                kinds
                    .split(',')
                    .filter(|k| !k.is_empty())
                    .map(|k| format!("kind {k}")),
            );
            for k in keys {
                let e = by.entry(k).or_default();
                e.0 += 1;
                e.1 += usize::from(top1);
                e.2 += usize::from(top3);
            }
        }
        println!(
            "{} examples",
            if with_examples { "with" } else { "without" }
        );
        for (k, (n, t1, t3)) in by {
            println!(
                "  {k:20} {n:4}  top-1 {:5.1}%  top-3 {:5.1}%",
                100.0 * t1 as f64 / n as f64,
                100.0 * t3 as f64 / n as f64
            );
        }
    }
}

/// Each example of the library as a message, against the library without it.
fn leave_one_example_out(lib: &mut canned::domain::library::Library, verbose: bool) {
    let today: Date = "2026-12-04".parse().unwrap_or(Date::from_days(0));
    let no_usage = |_: &str| 0.0;
    let (mut n, mut t1, mut t3) = (0, 0, 0);
    for r in 0..lib.responses.len() {
        let langs: Vec<_> = lib.responses[r]
            .texts()
            .map(|(l, t)| (l.clone(), t.examples.len()))
            .collect();
        for (lang, count) in langs {
            for i in 0..count {
                let resp = &mut lib.responses[r];
                let text = if resp.lang == lang {
                    &mut resp.text
                } else {
                    resp.translations.get_mut(&lang).expect("lang")
                };
                let example = text.examples.remove(i);
                let model = Model::build(lib);
                let resp = &mut lib.responses[r];
                let text = if resp.lang == lang {
                    &mut resp.text
                } else {
                    resp.translations.get_mut(&lang).expect("lang")
                };
                text.examples.insert(i, example.clone());
                let ctx = suggest::Context {
                    today,
                    lang: None,
                    written_in: None,
                    customer: None,
                    usage: &no_usage,
                };
                let hits = suggest::offer(&model, &example, &ctx, 3, &|_| true);
                let ids: Vec<&str> = hits
                    .iter()
                    .map(|h| model.entries[h.ranked.entry].id.as_str())
                    .collect();
                let want = lib.responses[r].id.to_string();
                n += 1;
                if verbose && ids.first() != Some(&want.as_str()) {
                    println!("{lang} want {want} got {ids:?}: {example}");
                }
                t1 += usize::from(ids.first() == Some(&want.as_str()));
                t3 += usize::from(ids.contains(&want.as_str()));
            }
        }
    }
    println!(
        "loeo {n} top-1 {:.1}% top-3 {:.1}%",
        100.0 * t1 as f64 / n as f64,
        100.0 * t3 as f64 / n as f64
    );
}
