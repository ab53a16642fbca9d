//! Drawing the picker: query line, ranked list, preview or form, status
//! line and the legend of keys, which is always visible.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{MISSING, State, display_lang};
use crate::domain::model::Urgency;
use crate::domain::search::highlights;
use crate::domain::text::sanitize;

/// Fits 80 columns: the legend is always visible.
const LEGEND: [(&str, &str); 7] = [
    ("↑↓", "move"),
    ("⏎", "copy"),
    ("Tab", "preview"),
    ("Alt-U/T/C", "filter"),
    ("Alt-L", "lang"),
    ("^U", "clear"),
    ("Esc", "quit"),
];

pub fn draw(f: &mut Frame, state: &mut State) {
    let [query_area, main, status_area, legend_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(f.area());

    let show_side = state.show_preview || state.form.is_some();
    let (list_area, side_area) = if !show_side {
        (main, None)
    } else if main.width >= 100 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(main);
        (l, Some(r))
    } else {
        let [l, r] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(main);
        (l, Some(r))
    };

    draw_query(f, state, query_area);
    draw_list(f, state, list_area);
    if let Some(area) = side_area {
        if state.form.is_some() {
            draw_form(f, state, area);
        } else {
            draw_preview(f, state, area);
        }
    }
    draw_status(f, state, status_area);
    let mut legend = Vec::new();
    for (i, (key, what)) in LEGEND.iter().enumerate() {
        if i > 0 {
            legend.push(Span::raw("  "));
        }
        legend.push(Span::styled(
            *key,
            Style::new().add_modifier(Modifier::BOLD),
        ));
        legend.push(Span::styled(
            format!(" {what}"),
            Style::new().add_modifier(Modifier::DIM),
        ));
    }
    f.render_widget(Paragraph::new(Line::from(legend)), legend_area);
}

fn paint(state: &State, color: Color) -> Style {
    if state.color {
        Style::new().fg(color)
    } else {
        Style::new()
    }
}

fn urgency_style(state: &State, u: Urgency) -> Style {
    match u {
        Urgency::Low => Style::new().add_modifier(Modifier::DIM),
        Urgency::Normal => Style::new(),
        Urgency::High => paint(state, Color::Yellow),
        Urgency::Critical => paint(state, Color::Red).add_modifier(Modifier::BOLD),
    }
}

fn draw_query(f: &mut Frame, state: &State, area: Rect) {
    let prompt = "❯ ";
    let line = Line::from(vec![
        Span::styled(
            prompt,
            paint(state, Color::Cyan).add_modifier(Modifier::BOLD),
        ),
        Span::raw(state.query.as_str()),
    ]);
    f.render_widget(Paragraph::new(line), area);
    if state.form.is_none() {
        let x = area
            .x
            .saturating_add(column(prompt.chars().count() + state.query.chars().count()));
        f.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}

fn draw_list(f: &mut Frame, state: &mut State, area: Rect) {
    let rows = usize::from(area.height);
    if state.selected >= state.offset + rows {
        state.offset = state.selected + 1 - rows;
    }
    if state.selected < state.offset {
        state.offset = state.selected;
    }
    let mut lines = Vec::new();
    let id_width = state
        .hits
        .iter()
        .skip(state.offset)
        .take(rows)
        .map(|h| state.index.docs[h.doc].id.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    for (i, hit) in state.hits.iter().enumerate().skip(state.offset).take(rows) {
        let d = &state.index.docs[hit.doc];
        let selected = i == state.selected;
        let lang = display_lang(state, hit.doc);
        let title = d.title_in(state.index.lang_index(lang.as_str()).unwrap_or(hit.lang));
        let base = if selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::styled(if selected { "▶" } else { " " }, base),
            Span::styled(
                format!("{} ", d.urgency.symbol()),
                urgency_style(state, d.urgency).patch(base),
            ),
            Span::styled(
                format!("{:<w$} ", truncate(&d.id, id_width), w = id_width),
                base.add_modifier(Modifier::BOLD),
            ),
            Span::styled(
                format!(
                    "{} {} {} {} ",
                    d.shortcut.as_deref().unwrap_or("·"),
                    d.topic,
                    d.customers.join(","),
                    lang
                ),
                paint(state, Color::Cyan).patch(base),
            ),
        ];
        let marks = highlights(title, &state.terms);
        for (j, c) in title.chars().enumerate() {
            let style = if marks.iter().any(|r| r.contains(&j)) {
                paint(state, Color::Yellow)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                    .patch(base)
            } else {
                base
            };
            spans.push(Span::styled(c.to_string(), style));
        }
        lines.push(Line::from(spans));
    }
    if state.hits.is_empty() {
        lines.push(Line::from(Span::styled(
            "  no match",
            Style::new().add_modifier(Modifier::DIM),
        )));
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn draw_preview(f: &mut Frame, state: &State, area: Rect) {
    let title = match state.hits.get(state.selected) {
        Some(h) => format!(
            " {} ({}) ",
            state.index.docs[h.doc].id,
            display_lang(state, h.doc)
        ),
        None => " preview ".into(),
    };
    let block = Block::bordered().title(title);
    let text = match (&state.preview, state.library_ready) {
        (Some(p), _) => p.clone(),
        (None, false) => "loading…".into(),
        (None, true) => String::new(),
    };
    let missing_style =
        paint(state, Color::Magenta).add_modifier(Modifier::BOLD | Modifier::REVERSED);
    let lines: Vec<Line> = sanitize(&text)
        .split('\n')
        .map(|line| {
            // Values not known yet stand out: ⟨name⟩.
            let mut spans = Vec::new();
            let mut rest = line;
            while let Some(start) = rest.find(MISSING.0) {
                let Some(len) = rest[start..].find(MISSING.1) else {
                    break;
                };
                let end = start + len + MISSING.1.len();
                spans.push(Span::raw(rest[..start].to_string()));
                spans.push(Span::styled(rest[start..end].to_string(), missing_style));
                rest = &rest[end..];
            }
            spans.push(Span::raw(rest.to_string()));
            Line::from(spans)
        })
        .collect();
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn draw_form(f: &mut Frame, state: &State, area: Rect) {
    let Some(form) = &state.form else { return };
    let id = state
        .hits
        .get(state.selected)
        .map(|h| state.index.docs[h.doc].id.as_str())
        .unwrap_or("");
    let block = Block::bordered().title(format!(
        " fill in {id} — Tab next field, Enter copy, Esc back "
    ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, name) in form.names.iter().enumerate() {
        let focused = i == form.focus;
        let label = Style::new().add_modifier(if focused {
            Modifier::BOLD
        } else {
            Modifier::DIM
        });
        lines.push(Line::from(Span::styled(
            format!("{name}{}", describe(state, name)),
            label,
        )));
        let prefix = if focused { "> " } else { "  " };
        if focused {
            cursor = Some((
                inner.x.saturating_add(column(
                    prefix.chars().count() + form.inputs[i].chars().count(),
                )),
                inner.y.saturating_add(column(lines.len())),
            ));
        }
        lines.push(Line::from(vec![
            Span::styled(prefix, paint(state, Color::Cyan)),
            Span::raw(sanitize(&form.inputs[i])),
        ]));
    }
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(
            e.clone(),
            paint(state, Color::Red).add_modifier(Modifier::BOLD),
        )));
    }
    f.render_widget(Paragraph::new(lines), inner);
    if let Some((x, y)) = cursor
        && y < inner.bottom()
    {
        f.set_cursor_position((x.min(inner.right().saturating_sub(1)), y));
    }
}

/// ` — description (e.g. example) [default]` as far as the manifest says.
fn describe(state: &State, name: &str) -> String {
    let Some(spec) = state.specs.get(name) else {
        return String::new();
    };
    let mut s = String::new();
    if let Some(d) = &spec.description {
        s.push_str(&format!(" — {d}"));
    }
    if let Some(e) = &spec.example {
        s.push_str(&format!(" (e.g. {e})"));
    }
    if let Some(d) = &spec.default {
        s.push_str(&format!(" [{d}]"));
    }
    s
}

fn draw_status(f: &mut Frame, state: &State, area: Rect) {
    let mut parts = vec![format!("{}/{}", state.hits.len(), state.index.docs.len())];
    if let Some(u) = state.urgency {
        parts.push(format!("urgency:{u}"));
    }
    if let Some(t) = &state.topic {
        parts.push(format!("topic:{t}"));
    }
    if let Some(c) = &state.customer {
        parts.push(format!("customer:{c}"));
    }
    parts.extend(state.base.describe());
    parts.push(format!(
        "lang:{}",
        state.lang.as_ref().map_or("auto", |l| l.as_str())
    ));
    if let Some(chat) = &state.chat {
        parts.push(format!("chat:{chat}"));
    }
    let mut spans = vec![Span::styled(parts.join("  "), paint(state, Color::Green))];
    if let Some(e) = &state.query_error {
        spans.push(Span::styled(format!("  {e}"), paint(state, Color::Red)));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A count of cells as a terminal coordinate, clamped: a pasted paragraph
/// longer than 65,535 characters must not wrap the cursor around.
fn column(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
