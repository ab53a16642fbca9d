//! Text measured in terminal cells, and previews turned into screen rows:
//! the notes set apart at the top, values not known yet and the value being
//! typed marked, long lines wrapped.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::ui::paint;
use super::workers::{FOCUS, Rendered};
use super::{MISSING, State};

/// The cells `s` takes on a terminal.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `s` cut to `w` cells, with `…` where it was cut.
pub fn fit(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// `s` padded with spaces to `w` cells.
pub fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// A count of cells as a terminal coordinate, clamped: a pasted paragraph
/// longer than 65,535 characters must not wrap the cursor around.
pub fn column(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The preview as rows of at most `w` cells: the notes first, set apart
/// so they are read before anything is copied, then the text.
pub fn preview_rows(state: &State, r: &Rendered, w: usize) -> Vec<Line<'static>> {
    let mut rows = Vec::new();
    if let Some(notes) = &r.notes {
        let style = paint(state, Color::Yellow).add_modifier(Modifier::BOLD | Modifier::REVERSED);
        for (i, line) in notes.lines().enumerate() {
            let lead = if i == 0 { "⚠ note: " } else { "        " };
            let segments = vec![(format!("{lead}{line}"), style)];
            wrap(&segments, w, &mut rows);
        }
        rows.push(Line::default());
    }
    let missing = paint(state, Color::Magenta).add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let current = paint(state, Color::Cyan).add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut focused = false;
    for line in r.text.split('\n') {
        let segments = styled(line, missing, current, &mut focused);
        wrap(&segments, w, &mut rows);
    }
    rows
}

/// Splits a preview line into styled pieces: `⟨name⟩` is a value not known
/// yet, [`FOCUS`] marks (dropped) enclose the value being typed.
fn styled(line: &str, missing: Style, current: Style, focused: &mut bool) -> Vec<(String, Style)> {
    let mut out: Vec<(String, Style)> = Vec::new();
    let mut in_missing = false;
    for c in line.chars() {
        if c == FOCUS.0 || c == FOCUS.1 {
            *focused = c == FOCUS.0;
            continue;
        }
        if c == MISSING.0 {
            in_missing = true;
        }
        let style = match (in_missing, *focused) {
            (true, true) => missing.patch(current),
            (false, true) => current,
            (true, false) => missing,
            (false, false) => Style::new(),
        };
        match out.last_mut() {
            Some((piece, s)) if *s == style => piece.push(c),
            _ => out.push((c.to_string(), style)),
        }
        if c == MISSING.1 {
            in_missing = false;
        }
    }
    out
}

/// Wraps styled pieces into rows of `w` cells.
fn wrap(segments: &[(String, Style)], w: usize, rows: &mut Vec<Line<'static>>) {
    let mut row: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (text, style) in segments {
        let mut piece = String::new();
        for c in text.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > w && used > 0 {
                row.push(Span::styled(std::mem::take(&mut piece), *style));
                rows.push(Line::from(std::mem::take(&mut row)));
                used = 0;
            }
            piece.push(c);
            used += cw;
        }
        if !piece.is_empty() {
            row.push(Span::styled(piece, *style));
        }
    }
    rows.push(Line::from(row));
}
