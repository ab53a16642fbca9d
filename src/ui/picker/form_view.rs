//! Drawing the fill-in form: the notes, the fields (scrolled so the focused
//! one and its error are always on screen), and the finished text as it
//! will be copied, the value being typed highlighted in it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::State;
use super::text::{self, column, width};
use super::ui::{self, Scroll, paint, preview};
use crate::domain::text::one_line;

pub const LEGEND: [(&str, &str); 5] = [
    ("Tab/⇧Tab", "field"),
    ("⏎", "next/copy"),
    ("^W", "delete word"),
    ("Esc", "back"),
    ("^C", "quit"),
];

pub fn draw(f: &mut Frame, state: &State, area: Rect) {
    let Some(form) = &state.form else { return };
    let side_by_side = area.width >= 100;
    let fields_w = if side_by_side {
        area.width / 2
    } else {
        area.width
    };
    let inner_w = usize::from(fields_w.saturating_sub(2)).max(1);
    // The notes stay on top, whatever the scroll: they are why the form
    // shows even when nothing is missing.
    let mut top = match &form.notes {
        Some(notes) => text::note_rows(state, &one_line_breaks(notes), inner_w),
        None => Vec::new(),
    };
    if !top.is_empty() && !form.fields.is_empty() {
        top.push(Line::default());
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_rows = (0, 0);
    // The first row of each field.
    let mut starts = Vec::new();
    let mut cursor_row = 0;
    let mut cursor_col = 0;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        starts.push(lines.len());
        if focused {
            focus_rows.0 = lines.len();
        }
        let label = Style::new().add_modifier(if focused {
            Modifier::BOLD
        } else {
            Modifier::DIM
        });
        let mark = if field.is_found() {
            " (from the message)"
        } else if field.is_default() {
            " (default)"
        } else {
            ""
        };
        let head = text::fit(
            &format!("{}{}", field.name, one_line(&field.about)),
            inner_w.saturating_sub(width(mark)),
        );
        lines.push(Line::from(vec![
            Span::styled(head, label),
            Span::styled(mark, paint(state, Color::Cyan)),
        ]));
        if focused {
            cursor_row = lines.len();
        }
        let prefix = if focused { "> " } else { "  " };
        let room = inner_w.saturating_sub(2);
        let value = if focused {
            let (shown, at) = text::window(&field.input, room);
            cursor_col = 2 + at;
            shown
        } else {
            text::fit(&one_line(field.input.text()), room)
        };
        lines.push(Line::from(vec![
            Span::styled(prefix, paint(state, Color::Cyan)),
            Span::raw(value),
        ]));
        // Where in the message the value was read, for the agent to check;
        // or, when the field holds another value, what the message says.
        if let Some(found) = &field.found {
            let said = if field.is_found() {
                format!("  read from “{}”", one_line(&found.context))
            } else {
                format!(
                    "  the message says {} (“{}”)",
                    one_line(&found.value),
                    one_line(&found.context)
                )
            };
            lines.extend(text::wrapped(
                &said,
                paint(state, Color::Cyan).add_modifier(Modifier::DIM),
                inner_w,
            ));
        }
        // The error, or what tidying changed, in full: wrapped, never cut.
        match &form.error {
            Some((at, e)) if *at == i => lines.extend(text::wrapped(
                &format!("  ✗ {}", one_line(e)),
                paint(state, Color::Red).add_modifier(Modifier::BOLD),
                inner_w,
            )),
            _ => {
                let tidied = field.tidied();
                if focused && !tidied.changes.is_empty() {
                    lines.extend(text::wrapped(
                        &format!(
                            "  ✓ {}: {}",
                            tidied.changes.join(", "),
                            one_line(&tidied.value)
                        ),
                        paint(state, Color::Green),
                        inner_w,
                    ));
                }
            }
        }
        if focused {
            focus_rows.1 = lines.len();
        }
    }
    if form.fields.is_empty() {
        lines.push(Line::from("Nothing to fill in: ⏎ copy, Esc back"));
    }
    let (fields_area, preview_area) = if side_by_side {
        let [l, r] =
            Layout::horizontal([Constraint::Length(fields_w), Constraint::Min(10)]).areas(area);
        (l, r)
    } else {
        // The fields take what they need, the finished text at least six rows.
        let need = column(top.len() + lines.len() + 2);
        let most = area.height.saturating_sub(6).max(5);
        let [t, b] =
            Layout::vertical([Constraint::Length(need.min(most)), Constraint::Min(3)]).areas(area);
        (t, b)
    };
    let scroll = form.scroll.map_or(Scroll::Focus, Scroll::At);
    let drawn_at = preview(
        f,
        state,
        preview_area,
        "finished text",
        form.preview.as_ref(),
        scroll,
        "rendering…",
    );
    form.drawn_at.set(drawn_at);
    form.drawn_for.set(form.scroll);
    let inner_h = usize::from(fields_area.height.saturating_sub(2));
    // The focused field and its error come before the notes on a short
    // terminal: what is typed must be seen. The notes keep a row at least,
    // ending in `…` where they are cut.
    let field_rows = (focus_rows.1 - focus_rows.0).max(2);
    let notes_room = inner_h
        .saturating_sub(field_rows)
        .max(usize::from(!top.is_empty()));
    if top.len() > notes_room {
        top.truncate(notes_room);
        if let Some(last) = top.last_mut() {
            let cut = text::fit(&format!("{}…", line_text(last)), inner_w);
            *last = Line::from(Span::styled(cut, paint(state, Color::Yellow)));
        }
    }
    let height = inner_h.saturating_sub(top.len());
    // Scroll so the focused field and its error show, from a field's label;
    // a field taller than the box (a long error) loses its label first,
    // never the value typed.
    let offset = if focus_rows.1 > height {
        let from = starts
            .iter()
            .copied()
            .find(|&s| s + height >= focus_rows.1)
            .unwrap_or(focus_rows.0)
            .min(focus_rows.0);
        if focus_rows.1 - from > height {
            (focus_rows.1 - height).min(focus_rows.0 + 1)
        } else {
            from
        }
    } else {
        0
    };
    let below = lines.len().saturating_sub(offset + height);
    let title = format!("fill in {} ({})", one_line(&form.id), form.lang);
    let above = (offset > 0).then(|| format!("↑ {offset} more"));
    let mut block = ui::framed(fields_area.width, &title, above);
    if below > 0 {
        block = block.title_bottom(Line::from(format!(" ↓ {below} more ")));
    }
    let inner = block.inner(fields_area);
    let shown_top = top.len();
    let visible: Vec<Line> = top
        .into_iter()
        .chain(lines.into_iter().skip(offset).take(height))
        .collect();
    f.render_widget(Paragraph::new(visible).block(block), fields_area);
    if !form.fields.is_empty() {
        let x = inner.x.saturating_add(column(cursor_col));
        let y = inner
            .y
            .saturating_add(column(shown_top + cursor_row.saturating_sub(offset)));
        if y < inner.bottom() {
            f.set_cursor_position((x.min(inner.right().saturating_sub(1)), y));
        }
    }
}

/// The text a drawn line shows.
fn line_text(line: &Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// Notes as lines, each sanitised (their breaks kept).
fn one_line_breaks(notes: &str) -> String {
    notes.lines().map(one_line).collect::<Vec<_>>().join("\n")
}
