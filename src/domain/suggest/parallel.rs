//! Work on a library's responses shared out between the cores, its
//! results put back in the library's order.

/// `work` on consecutive runs of `items`, one run per core, each told the
/// index of its first item; the results of every run, in order.
pub fn in_order<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&[T], usize) -> Vec<R> + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let size = items.len().div_ceil(cores).max(1);
    std::thread::scope(|s| {
        let work = &work;
        let runs: Vec<_> = items
            .chunks(size)
            .enumerate()
            .map(|(i, run)| s.spawn(move || work(run, i * size)))
            .collect();
        runs.into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
