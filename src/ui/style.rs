//! Terminal output: colour, and text made safe to show.

use crate::domain::model::Urgency;

/// ANSI styling that can be switched off as a whole.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub enabled: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, t: &str) -> String {
        self.paint("1", t)
    }
    pub fn dim(self, t: &str) -> String {
        self.paint("2", t)
    }
    pub fn red(self, t: &str) -> String {
        self.paint("1;31", t)
    }
    pub fn yellow(self, t: &str) -> String {
        self.paint("33", t)
    }
    pub fn green(self, t: &str) -> String {
        self.paint("32", t)
    }
    pub fn cyan(self, t: &str) -> String {
        self.paint("36", t)
    }
    /// Matched characters in search results.
    pub fn highlight(self, t: &str) -> String {
        self.paint("1;4;33", t)
    }

    /// The urgency's symbol and name, coloured by how urgent it is.
    pub fn urgency(self, u: Urgency) -> String {
        let text = format!("{} {}", u.symbol(), u.as_str());
        match u {
            Urgency::Low => self.dim(&text),
            Urgency::Normal => text,
            Urgency::High => self.yellow(&text),
            Urgency::Critical => self.red(&text),
        }
    }
}

/// Pads `s` to `width` columns of a terminal (not bytes, not characters:
/// titles are French, owners Japanese, and `東` takes two columns).
pub fn pad(s: &str, width: usize) -> String {
    let n = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// `s` cut to `width` columns, with `…` where it was cut.
pub fn cut(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    // Counted a character at a time, as the loop below cuts (and as the
    // picker measures what it draws).
    if s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}
