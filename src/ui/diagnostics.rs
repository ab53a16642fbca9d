//! A library problem as `check` prints it: `file:line:column: level:
//! message`, then what was expected and a hint. Every part came from a
//! library file, so each is kept to one inert line.

use crate::domain::diagnostic::{Diagnostic, Severity};
use crate::domain::text::one_line;
use crate::ui::style::Style;

/// `path:line:col: error: message`, then `expected:` and `hint:` lines.
pub fn render(p: &Diagnostic, style: Style) -> String {
    let level = match p.severity {
        Severity::Error => style.red("error"),
        Severity::Warning => style.yellow("warning"),
    };
    let mut s = format!(
        "{}: {level}: {}",
        style.bold(&p.location.to_string()),
        one_line(&p.message)
    );
    if let Some(id) = &p.response {
        s.push_str(&style.dim(&format!(" (response `{}`)", one_line(id))));
    }
    if let Some(e) = &p.expected {
        s.push_str(&format!("\n    expected: {}", one_line(e)));
    }
    if let Some(h) = &p.hint {
        s.push_str(&format!("\n    {} {}", style.cyan("hint:"), one_line(h)));
    }
    s
}
