//! Which templates cannot compile for what they include: those in an
//! include cycle, and those that include, at any depth, one in a cycle or
//! one left out for an error of its own.
//!
//! Found here at once, from the include graph, rather than by Tera: Tera
//! reports one such template per batch, and the batch is compiled again
//! without it, so five thousand partials including a cycle took minutes.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::limits::position;
use super::{TemplateError, includes};

/// The templates of `sources` to leave out, with their errors: a cycle is
/// reported once, at its first template in name order; a template that
/// includes one left out (here or in `left_out`) is told which, where it
/// includes it.
pub fn unusable(
    sources: &BTreeMap<String, String>,
    left_out: &BTreeSet<String>,
) -> (BTreeSet<String>, Vec<TemplateError>) {
    let names: Vec<&str> = sources.keys().map(String::as_str).collect();
    let index: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    // Each template's includes: (the included one, the include's offset).
    let edges: Vec<Vec<(String, usize)>> = sources.values().map(|s| includes(s)).collect();
    let target = |inc: &str| index.get(inc).copied();

    let mut errors = Vec::new();
    let mut cut: BTreeSet<usize> = BTreeSet::new();
    // Depth first, with an explicit stack (a chain of thousands must not
    // overflow ours): 1 while on the path, 2 once done.
    let mut state = vec![0u8; names.len()];
    for root in 0..names.len() {
        if state[root] != 0 {
            continue;
        }
        // (template, the next of its includes to follow)
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&(at, next)) = path.last() {
            let Some((inc, _)) = edges[at].get(next) else {
                state[at] = 2;
                path.pop();
                continue;
            };
            if let Some(top) = path.last_mut() {
                top.1 += 1;
            }
            let Some(to) = target(inc) else { continue };
            match state[to] {
                0 => {
                    state[to] = 1;
                    path.push((to, 0));
                }
                1 => {
                    let from = path.iter().position(|&(t, _)| t == to).unwrap_or(0);
                    let cycle: Vec<usize> = path[from..].iter().map(|&(t, _)| t).collect();
                    if cycle.iter().all(|t| !cut.contains(t)) {
                        errors.push(cycle_error(&names, &edges, sources, &cycle));
                    }
                    cut.extend(cycle);
                }
                _ => {}
            }
        }
    }

    // What includes a template cut or left out cannot compile either.
    let mut included_by: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for (from, incs) in edges.iter().enumerate() {
        for (inc, _) in incs {
            if let Some(to) = target(inc) {
                included_by[to].push(from);
            }
        }
    }
    let mut queue: VecDeque<usize> = cut.iter().copied().collect();
    for (from, incs) in edges.iter().enumerate() {
        if !cut.contains(&from) && incs.iter().any(|(inc, _)| left_out.contains(inc)) {
            cut.insert(from);
            queue.push_back(from);
            errors.extend(includes_unusable(&names, &edges, sources, from, |inc| {
                left_out.contains(inc)
            }));
        }
    }
    let mut bad: BTreeSet<usize> = cut.clone();
    while let Some(t) = queue.pop_front() {
        for &from in &included_by[t] {
            if bad.insert(from) {
                queue.push_back(from);
                errors.extend(includes_unusable(&names, &edges, sources, from, |inc| {
                    target(inc).is_some_and(|i| bad.contains(&i) && i != from)
                }));
            }
        }
    }
    let left: BTreeSet<String> = bad.into_iter().map(|i| names[i].to_string()).collect();
    (left, errors)
}

/// "`a` includes itself: a → b → a", at the include that starts the cycle
/// from its first template in name order.
fn cycle_error(
    names: &[&str],
    edges: &[Vec<(String, usize)>],
    sources: &BTreeMap<String, String>,
    cycle: &[usize],
) -> TemplateError {
    let first = (0..cycle.len())
        .min_by_key(|&k| names[cycle[k]])
        .unwrap_or(0);
    let order: Vec<usize> = cycle[first..]
        .iter()
        .chain(&cycle[..first])
        .copied()
        .collect();
    let start = order[0];
    let next = names[order.get(1).copied().unwrap_or(start)];
    let at = edges[start]
        .iter()
        .find(|(inc, _)| inc == next)
        .map(|&(_, at)| at);
    let mut chain: Vec<&str> = order.iter().map(|&t| names[t]).collect();
    chain.push(names[start]);
    TemplateError {
        template: names[start].to_string(),
        message: format!("`{}` includes itself: {}", names[start], chain.join(" → ")),
        position: at.map(|at| position(&sources[names[start]], at)),
    }
}

/// How the error of a template that includes a broken partial starts.
const THROUGH: &str = "includes partial `";

impl TemplateError {
    /// Whether the template is fine itself, and only includes a partial
    /// that is not.
    pub fn is_through_a_partial(&self) -> bool {
        self.message.starts_with(THROUGH)
    }
}

/// "includes partial `p`, which has errors", at its first include of
/// each partial `unusable` says: every one, so that one run names all
/// there are to fix.
fn includes_unusable(
    names: &[&str],
    edges: &[Vec<(String, usize)>],
    sources: &BTreeMap<String, String>,
    from: usize,
    unusable: impl Fn(&str) -> bool,
) -> Vec<TemplateError> {
    let name = names[from];
    through(name, &sources[name], &edges[from], unusable)
}

/// [`includes_unusable`] for one template on its own.
pub fn through_unusable(
    name: &str,
    source: &str,
    unusable: impl Fn(&str) -> bool,
) -> Vec<TemplateError> {
    through(name, source, &super::includes(source), unusable)
}

fn through(
    name: &str,
    source: &str,
    includes: &[(String, usize)],
    unusable: impl Fn(&str) -> bool,
) -> Vec<TemplateError> {
    let mut told = BTreeSet::new();
    let errors: Vec<TemplateError> = includes
        .iter()
        .filter(|(inc, _)| unusable(inc) && told.insert(inc.as_str()))
        .map(|(inc, at)| TemplateError {
            template: name.to_string(),
            message: format!("{THROUGH}{inc}`, which has errors"),
            position: Some(position(source, *at)),
        })
        .collect();
    match errors.is_empty() {
        true => vec![TemplateError {
            template: name.to_string(),
            message: "includes a partial that has errors".to_string(),
            position: None,
        }],
        false => errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect()
    }

    fn said(errors: &[TemplateError]) -> Vec<String> {
        errors
            .iter()
            .map(|e| format!("{} {:?}: {}", e.template, e.position, e.message))
            .collect()
    }

    #[test]
    fn a_cycle_is_told_once_and_what_includes_it_where_it_does() {
        let inc = |n: &str| format!("x {{% include \"{n}\" %}}");
        let (left, errors) = unusable(
            &sources(&[
                ("b", &inc("c")),
                ("c", &inc("a")),
                ("a", &inc("b")),
                ("body", &format!("Hi\n{}", inc("c"))),
                ("fine", &inc("leaf")),
                ("leaf", "ok"),
            ]),
            &BTreeSet::new(),
        );
        assert_eq!(left, ["a", "b", "body", "c"].map(String::from).into());
        assert_eq!(
            said(&errors),
            [
                "a Some((1, 14)): `a` includes itself: a → b → c → a",
                "body Some((2, 14)): includes partial `c`, which has errors",
            ]
        );
        assert!(errors[1].is_through_a_partial() && !errors[0].is_through_a_partial());
    }

    #[test]
    fn what_includes_a_template_left_out_is_left_out_at_any_depth() {
        let left_out = BTreeSet::from(["bad".to_string()]);
        let (left, errors) = unusable(
            &sources(&[
                ("mid", "{% include \"bad\" %}"),
                ("top", "{% include \"mid\" %}"),
                ("other", "{% include \"nowhere\" %}"),
            ]),
            &left_out,
        );
        assert_eq!(left, ["mid", "top"].map(String::from).into());
        assert_eq!(
            said(&errors),
            [
                "mid Some((1, 12)): includes partial `bad`, which has errors",
                "top Some((1, 12)): includes partial `mid`, which has errors",
            ]
        );
    }

    #[test]
    fn a_chain_of_thousands_is_walked_without_recursion() {
        let n = 50_000;
        let mut pairs: Vec<(String, String)> = (0..n)
            .map(|i| (format!("p{i}"), format!("{{% include \"p{}\" %}}", i + 1)))
            .collect();
        pairs.push((format!("p{n}"), "{% include \"p0\" %}".into()));
        let (left, errors) = unusable(&pairs.into_iter().collect(), &BTreeSet::new());
        assert_eq!(left.len(), n + 1);
        assert_eq!(errors.len(), 1);
    }
}
