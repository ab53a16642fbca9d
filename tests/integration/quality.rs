//! Search quality: the first result for each query of `quality.tsv`, the
//! kinds of query a hurried agent types, must be right 95% of the time.

use std::collections::BTreeMap;

use crate::support::{Env, sample_library};

#[test]
fn top_1_is_right_for_at_least_95_percent_of_the_quality_set() {
    let env = Env::new();
    let set = include_str!("quality.tsv");
    let mut per_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for line in set
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let mut cols = line.split('\t');
        let (Some(kind), Some(query), Some(expected)) = (cols.next(), cols.next(), cols.next())
        else {
            panic!("malformed line: {line}");
        };
        let out = env
            .canned_process()
            .arg("--library")
            .arg(sample_library())
            .arg("find")
            .args(query.split_whitespace())
            .args(["--json", "--limit", "3"])
            .output()
            .unwrap();
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let first = hits[0]["id"].as_str().unwrap_or("(nothing)").to_string();
        let entry = per_kind.entry(kind).or_default();
        entry.1 += 1;
        if first == expected {
            entry.0 += 1;
        } else {
            misses.push(format!(
                "{kind:<12} {query:<30} expected {expected}, got {first}"
            ));
        }
    }
    let (right, total) = per_kind
        .values()
        .fold((0, 0), |(r, t), (a, b)| (r + a, t + b));
    let report: Vec<String> = per_kind
        .iter()
        .map(|(k, (r, t))| format!("{k:<12} {r}/{t}"))
        .collect();
    eprintln!("{}\nmisses:\n{}", report.join("\n"), misses.join("\n"));
    assert!(total >= 80, "only {total} queries");
    assert!(
        right * 100 >= total * 95,
        "top-1 {right}/{total}\n{}\nmisses:\n{}",
        report.join("\n"),
        misses.join("\n")
    );
}
