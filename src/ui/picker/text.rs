//! Text measured in terminal cells, and previews turned into screen rows:
//! the notes set apart at the top, values not known yet and the value being
//! typed marked, long lines wrapped.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::line::LineEdit;
use super::ui::paint;
use super::workers::{FOCUS, Rendered};
use super::{MISSING, State};
use crate::domain::text::{one_line, sanitize};

/// The cells `s` takes on a terminal.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `s` as the picker draws it: without zero-width joiners, and tabs as
/// four spaces. Each emoji of a joined sequence (👨‍👩‍👧) then takes the two
/// cells it is measured at; joined, terminals disagree on its width, and
/// a row drawn at the wrong one leaves debris on the screen. The text
/// copied keeps them.
pub fn drawable(s: &str) -> String {
    sanitize(s).replace('\u{200D}', "").replace('\t', "    ")
}

/// `s` cut to `w` cells, with `…` where it was cut.
pub fn fit(s: &str, w: usize) -> String {
    crate::ui::style::cut(s, w)
}

/// What a one-line input shows in `w` cells, and the cell of its cursor:
/// all of it when it fits; else a window that keeps the cursor on screen,
/// with `…` where text is hidden (a pasted URL, a query of a whole
/// sentence), so what is typed is always seen where it goes.
pub fn window(input: &LineEdit, w: usize) -> (String, usize) {
    let (before, after) = input.split();
    let (before, after) = (one_line(before), one_line(after));
    let w = w.max(3);
    let at = width(&before);
    if at + width(&after) < w {
        return (before + &after, at);
    }
    // The cursor stays on the last cell at most.
    let (left, at) = if at < w {
        (before, at)
    } else {
        let mut kept: Vec<char> = Vec::new();
        let mut used = 0;
        for c in before.chars().rev() {
            let cw = c.width().unwrap_or(0);
            if used + cw > w - 2 {
                break;
            }
            kept.push(c);
            used += cw;
        }
        let left: String = std::iter::once('…').chain(kept.into_iter().rev()).collect();
        (left, used + 1)
    };
    let room = w - at;
    let right = if width(&after) <= room {
        after
    } else {
        fit(&after, room)
    };
    (left + &right, at)
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
        rows = note_rows(state, notes, w);
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

/// The response's notes as rows of at most `w` cells, set apart: a
/// highlighted block that starts with `⚠ note:`.
pub fn note_rows(state: &State, notes: &str, w: usize) -> Vec<Line<'static>> {
    let style = paint(state, Color::Yellow).add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let mut rows = Vec::new();
    for (i, line) in notes.lines().enumerate() {
        let lead = if i == 0 { "⚠ note: " } else { "        " };
        rows.extend(wrapped(&format!("{lead}{line}"), style, w));
    }
    rows
}

/// `text` in one style, as rows of at most `w` cells.
pub fn wrapped(text: &str, style: Style, w: usize) -> Vec<Line<'static>> {
    let mut rows = Vec::new();
    wrap(&[(text.to_string(), style)], w, &mut rows);
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

/// Wraps styled pieces into rows of `w` cells, at spaces where a row
/// has one, mid-word where a word is longer than a row.
fn wrap(segments: &[(String, Style)], w: usize, rows: &mut Vec<Line<'static>>) {
    let cells: Vec<(char, Style)> = segments
        .iter()
        .flat_map(|(text, style)| text.chars().map(move |c| (c, *style)))
        .collect();
    let mut start = 0;
    while start < cells.len() || start == 0 {
        let mut used = 0;
        let mut end = start;
        let mut last_space = None;
        while end < cells.len() {
            let cw = cells[end].0.width().unwrap_or(0);
            if used + cw > w && end > start {
                break;
            }
            if cells[end].0 == ' ' {
                last_space = Some(end);
            }
            used += cw;
            end += 1;
        }
        if end < cells.len()
            && let Some(space) = last_space
            && space > start
        {
            end = space + 1;
        }
        rows.push(spans(&cells[start..end]));
        if end >= cells.len() {
            break;
        }
        start = end;
    }
}

/// One row of styled cells, neighbours of one style in one span.
fn spans(cells: &[(char, Style)]) -> Line<'static> {
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut piece = String::new();
    let mut current = None;
    for (c, style) in cells {
        if current.is_some_and(|s| s != *style) {
            out.push(Span::styled(
                std::mem::take(&mut piece),
                current.unwrap_or_default(),
            ));
        }
        current = Some(*style);
        piece.push(*c);
    }
    if !piece.is_empty() {
        out.push(Span::styled(piece, current.unwrap_or_default()));
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, w: usize) -> Vec<String> {
        let mut rows = Vec::new();
        wrap(&[(text.to_string(), Style::new())], w, &mut rows);
        rows.iter().map(|r| r.to_string()).collect()
    }

    fn input(text: &str, cursor: usize) -> LineEdit {
        let mut line = LineEdit::default();
        line.insert(text);
        for _ in cursor..text.chars().count() {
            line.key(ratatui::crossterm::event::KeyCode::Left.into());
        }
        line
    }

    #[test]
    fn a_long_input_shows_a_window_around_its_cursor() {
        // It fits: all of it, the cursor where it is.
        assert_eq!(window(&input("refund", 6), 10), ("refund".into(), 6));
        // Typing at the end: the end shows, the start is hidden.
        let url = "https://track.acme.example/1Z999AA10123456784";
        assert_eq!(window(&input(url, 46), 12), ("…0123456784".into(), 11));
        // Editing at the start: the start shows, the end is hidden.
        assert_eq!(window(&input(url, 0), 12), ("https://tra…".into(), 0));
        // In the middle: both ends hidden, the cursor on screen.
        let (shown, at) = window(&input(url, 20), 12);
        assert_eq!((shown.as_str(), at), ("…ack.acme.e…", 11));
        // Wide characters count their two cells.
        assert_eq!(
            window(&input("日本語の問い合わせ", 9), 8),
            ("…合わせ".into(), 7)
        );
    }

    #[test]
    fn a_joined_emoji_is_drawn_as_the_cells_it_is_measured_at() {
        let family = "👨\u{200D}👩\u{200D}👧";
        let drawn = drawable(&format!("{family}\tok\u{1b}"));
        assert_eq!(drawn, "👨👩👧    ok");
        // As ratatui measures each grapheme, and as the rows are wrapped.
        let graphemes = ratatui::text::Line::raw(drawn.clone()).width();
        assert_eq!(graphemes, width(&drawn));
        assert_eq!(wrapped(&drawn, 4), ["👨👩", "👧  ", "  ok"]);
    }

    #[test]
    fn wraps_at_spaces_and_cuts_only_words_longer_than_a_row() {
        assert_eq!(
            wrapped("to show on your statement", 12),
            ["to show on ", "your ", "statement"]
        );
        assert_eq!(wrapped("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrapped("", 4), [""]);
        // Wide characters take two cells.
        assert_eq!(wrapped("日本語です", 4), ["日本", "語で", "す"]);
    }

    #[test]
    fn fits_and_pads_by_cells() {
        assert_eq!(fit("Remboursement", 6), "Rembo…");
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(pad("é", 3), "é  ");
    }
}
