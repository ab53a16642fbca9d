//! Times the picker's re-ranking after each keystroke: every prefix of a
//! few typed queries, on a library's cached index. Part of `bench/run.py`.
//!
//! Usage: cargo run --release --example keystrokes -- LIBRARY_DIR

use std::path::PathBuf;
use std::time::Instant;

use canned::domain::date::Date;
use canned::domain::search::{self, Query};
use canned::platform::cache::cached_index;

const TYPED: [&str; 6] = [
    "remboursement retard",
    "password reset",
    "deliverey late",
    "refund vip",
    "facture professionnelle",
    "outage u:critical",
];

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: keystrokes LIBRARY_DIR");
        std::process::exit(2);
    };
    let cache = std::env::temp_dir().join("canned-keystrokes-cache");
    let (index, _) = match cached_index(&dir, Some(&cache)) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let today: Date = "2026-11-24".parse().unwrap_or(Date::from_days(0));
    let no_usage = |_: usize| 0.0;
    let ctx = search::Context {
        today,
        usage: &no_usage,
    };
    let mut times = Vec::new();
    for _ in 0..5 {
        for q in TYPED {
            for end in q.char_indices().map(|(i, c)| i + c.len_utf8()) {
                let Ok(query) = Query::parse(&[&q[..end]], Default::default()) else {
                    continue;
                };
                let start = Instant::now();
                let hits = search::search(&index, &query, &ctx, 500);
                times.push(start.elapsed().as_secs_f64() * 1000.0);
                std::hint::black_box(hits);
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "{} responses, {} keystrokes: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        index.docs.len(),
        times.len(),
        pct(0.5),
        pct(0.95),
        pct(1.0)
    );
}
