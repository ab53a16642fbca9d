//! The terminal: styles, tables, prompts, short help and the interactive
//! picker. Text from the library or from customers is made inert here
//! before it reaches the screen.

pub mod audit;
pub mod diagnostics;
pub mod found;
pub mod json;
pub mod picker;
pub mod prompt;
pub mod style;

/// Standard output for a report that may run to many lines, buffered: a
/// write call per line (Rust's standard output flushes at each newline)
/// cost `audit` at 100,000 responses a sixth of its time, and JSON, written
/// a line at a time, far more. The caller flushes, so that a closed pipe or
/// a full disk is its error rather than lost when the buffer is dropped.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}
