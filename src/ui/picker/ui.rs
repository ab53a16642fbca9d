//! Drawing the picker: query line, ranked list, preview or form, status
//! line and the legend of keys, which is always visible.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::workers::{self, Rendered};
use super::{PATIENCE, State, display_lang, form_view, text};
use crate::domain::model::Urgency;
use crate::domain::search::highlights;
use crate::domain::text::one_line;

/// Fits 80 columns: the legend is always visible.
const LEGEND: [(&str, &str); 7] = [
    ("↑↓", "move"),
    ("⏎", "copy"),
    ("Tab", "preview"),
    ("⇧↑↓", "scroll"),
    ("Alt-U/T/C/L", "filter"),
    ("^V", "msg"),
    ("Esc", "quit"),
];

/// The least width a title keeps before other columns give way.
const TITLE_MIN: usize = 40;

pub fn draw(f: &mut Frame, state: &mut State) {
    // Shrunk below its minimum while open, the picker says so, as it does
    // at startup, until the terminal grows: its columns no longer fit, and
    // an id cut by the edge of the screen read as whole
    // (`delivery-delayed-business` showed as `delivery-delayed`, another
    // reply's id).
    let area = f.area();
    state.too_small = super::too_small(area.width, area.height).is_some();
    if let Some(why) = super::too_small(area.width, area.height) {
        let said = Paragraph::new(format!("{why}; Esc leaves")).wrap(Wrap { trim: true });
        f.render_widget(said, area);
        return;
    }
    // An error or warning gets rows of its own above the status line,
    // wrapped, never cut: it says why Enter did not copy, or that a chat's
    // values are gone, and 80 columns cut it mid-sentence.
    // Each line of it wrapped; on a short terminal the list keeps its
    // rows and `…` says more was cut. Not over a form, which shows its own.
    let width = usize::from(f.area().width);
    let mut said: Vec<Line> = match &state.form {
        None => (state.query_error.iter())
            .flat_map(|e| e.lines())
            .chain(state.warnings.iter().map(String::as_str))
            .flat_map(|l| text::wrapped(&one_line(l), paint(state, Color::Red), width))
            .collect(),
        Some(_) => Vec::new(),
    };
    let room = usize::from(f.area().height.saturating_sub(8)).clamp(1, 4);
    if said.len() > room {
        said.truncate(room);
        if let Some(last) = said.last_mut() {
            let shown: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let cut = text::fit(&format!("{shown} …"), width);
            *last = Line::from(Span::styled(cut, paint(state, Color::Red)));
        }
    }
    let said_rows = u16::try_from(said.len()).unwrap_or(4);
    let [query_area, main, said_area, status_area, legend_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(said_rows),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(f.area());
    draw_query(f, state, query_area);
    f.render_widget(Paragraph::new(said), said_area);
    draw_status(f, state, status_area);
    if state.form.is_some() {
        form_view::draw(f, state, main);
        legend(f, state, legend_area, &form_view::LEGEND);
        return;
    }
    let (list_area, side_area) = if !state.show_preview {
        (main, None)
    } else if main.width >= 100 {
        let [l, _, r] = Layout::horizontal([
            Constraint::Percentage(55),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(main);
        (l, Some(r))
    } else {
        let [l, r] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(main);
        (l, Some(r))
    };
    draw_list(f, state, list_area);
    if let Some(area) = side_area {
        let wanted = state.hits.get(state.selected).map(|h| {
            format!(
                "{} ({})",
                state.index.docs[h.doc].id,
                display_lang(state, h.doc)
            )
        });
        let current = state
            .preview
            .as_ref()
            .filter(|p| Some(&p.title) == wanted.as_ref());
        // The previous preview, under its own title, while the next one
        // renders for a moment: no blank pane at each keystroke.
        let patient = state.preview_wait.is_some_and(|t| t.elapsed() < PATIENCE);
        let previous = state.preview.as_ref().filter(|_| patient);
        let (title, shown) = match (&wanted, current.or(previous)) {
            (Some(_), Some(p)) => (p.title.clone(), Some(p)),
            // Rendered from the response's own file, on the previewer's
            // thread.
            (Some(w), None) => (format!("{w} — rendering…"), None),
            (None, _) => ("preview".into(), None),
        };
        state.scroll = preview(f, state, area, &title, shown, Scroll::At(state.scroll), "");
    }
    legend(f, state, legend_area, &LEGEND);
}

/// The legend, on one line: on a narrow terminal the keys before the last
/// give way, the first two and the last (how to leave) always stay.
pub fn legend(f: &mut Frame, _state: &State, area: Rect, keys: &[(&str, &str)]) {
    let mut keys = keys.to_vec();
    let size = |keys: &[(&str, &str)]| -> usize {
        keys.iter()
            .map(|(k, w)| text::width(k) + 1 + text::width(w) + 2)
            .sum::<usize>()
            .saturating_sub(2)
    };
    while size(&keys) > usize::from(area.width) && keys.len() > 3 {
        keys.remove(keys.len() - 2);
    }
    let mut spans = Vec::new();
    for (i, (key, what)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(
            *key,
            Style::new().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::styled(
            format!(" {what}"),
            Style::new().add_modifier(Modifier::DIM),
        ));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn paint(state: &State, color: Color) -> Style {
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
    let room = usize::from(area.width).saturating_sub(text::width(prompt));
    let (shown, at) = text::window(&state.query, room);
    let line = Line::from(vec![
        Span::styled(
            prompt,
            paint(state, Color::Cyan).add_modifier(Modifier::BOLD),
        ),
        Span::raw(shown),
    ]);
    f.render_widget(Paragraph::new(line), area);
    if state.form.is_none() {
        let x = area
            .x
            .saturating_add(text::column(text::width(prompt) + at));
        f.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
    }
}

fn draw_list(f: &mut Frame, state: &mut State, area: Rect) {
    let rows = usize::from(area.height);
    state.page = rows.max(1);
    if state.selected >= state.offset + rows {
        state.offset = state.selected + 1 - rows;
    }
    if state.selected < state.offset {
        state.offset = state.selected;
    }
    let shown: Vec<_> = state
        .hits
        .iter()
        .enumerate()
        .skip(state.offset)
        .take(rows)
        .collect();
    let docs: Vec<_> = shown
        .iter()
        .map(|(_, h)| &state.index.docs[h.doc])
        .collect();
    let titles: Vec<String> = shown
        .iter()
        .map(|(_, h)| {
            let lang = display_lang(state, h.doc);
            let d = &state.index.docs[h.doc];
            let title = text::drawable(&one_line(
                d.title_in(state.index.lang_index(lang.as_str()).unwrap_or(h.lang)),
            ));
            // Suggested for a message: how sure, first.
            if state.message.is_some() {
                format!("{:>3.0}% {title}", h.score * 100.0)
            } else {
                title
            }
        })
        .collect();
    let widest =
        |cells: &mut dyn Iterator<Item = String>| cells.map(|c| text::width(&c)).max().unwrap_or(0);
    let metas: Vec<[String; 5]> = shown
        .iter()
        .zip(&docs)
        .map(|((_, h), d)| {
            [
                one_line(&d.id),
                one_line(d.shortcut.as_deref().unwrap_or("")),
                one_line(&d.topic),
                one_line(&d.customers.join(",")),
                display_lang(state, h.doc).to_string(),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = (0..5)
        .map(|i| widest(&mut metas.iter().map(|m| m[i].clone())))
        .collect();
    widths[0] = widths[0].min(24);
    let available = usize::from(area.width).saturating_sub(3);
    let title_need = widest(&mut titles.iter().cloned()).min(TITLE_MIN);
    // Columns give way from the right until the title has room.
    let mut keep = widths.len();
    let used = |keep: usize| widths[..keep].iter().map(|w| w + 2).sum::<usize>();
    while keep > 1 && available.saturating_sub(used(keep)) < title_need {
        keep -= 1;
    }
    let title_w = available.saturating_sub(used(keep)).max(8);
    let stale = state.held.is_some();
    let mut lines = Vec::new();
    for (((i, hit), title), meta) in shown.iter().zip(&titles).zip(&metas) {
        let d = &state.index.docs[hit.doc];
        let selected = *i == state.selected;
        let mut base = if selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        if stale {
            base = base.add_modifier(Modifier::DIM);
        }
        let mut spans = vec![
            Span::styled(if selected { "▶" } else { " " }, base),
            Span::styled(
                d.urgency.symbol().to_string(),
                urgency_style(state, d.urgency).patch(base),
            ),
            // Not every word matched this one.
            Span::styled(if hit.partial { "≈" } else { " " }, base),
        ];
        let cut = text::fit(title, title_w);
        let marks = highlights(&cut, &state.terms);
        let hl = paint(state, Color::Cyan).add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        for (j, c) in cut.chars().enumerate() {
            let style = if marks.iter().any(|r| r.contains(&j)) {
                hl.patch(base)
            } else {
                base
            };
            // Letters of one style are one span, and a combining accent
            // (`e` + U+0301) stays with its letter: alone at the start of
            // a span it would be dropped.
            match spans.last_mut() {
                Some(last)
                    if j > 0 && (last.style == style || text::width(&c.to_string()) == 0) =>
                {
                    last.content.to_mut().push(c);
                }
                _ => spans.push(Span::styled(c.to_string(), style)),
            }
        }
        let mut rest = " ".repeat(title_w.saturating_sub(text::width(&cut)));
        for (k, cell) in meta.iter().enumerate().take(keep) {
            rest.push_str("  ");
            rest.push_str(&text::pad(&text::fit(cell, widths[k]), widths[k]));
        }
        spans.push(Span::styled(rest.trim_end().to_string(), base));
        lines.push(Line::from(spans));
    }
    if state.hits.is_empty() {
        let what = if state.ranking {
            "  ranking…"
        } else {
            "  no match"
        };
        lines.push(Line::from(Span::styled(
            what,
            Style::new().add_modifier(Modifier::DIM),
        )));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// Where a preview starts.
pub enum Scroll {
    At(usize),
    /// Wherever the value being typed is.
    Focus,
}

/// Draws a preview in a box; returns the scroll kept in range.
pub fn preview(
    f: &mut Frame,
    state: &State,
    area: Rect,
    title: &str,
    rendered: Option<&Rendered>,
    scroll: Scroll,
    placeholder: &str,
) -> usize {
    let inner_w = usize::from(area.width.saturating_sub(2)).max(1);
    let height = usize::from(area.height.saturating_sub(2));
    let rows = match rendered {
        Some(r) => text::preview_rows(state, r, inner_w),
        None => vec![Line::from(Span::styled(
            placeholder.to_string(),
            Style::new().add_modifier(Modifier::DIM),
        ))],
    };
    let scroll = match scroll {
        Scroll::At(n) => n,
        Scroll::Focus => rows
            .iter()
            .position(|row| {
                row.spans
                    .iter()
                    .any(|s| s.style.add_modifier.contains(Modifier::UNDERLINED))
            })
            .map_or(0, |at| at.saturating_sub(height / 3)),
    };
    let scroll = scroll.min(rows.len().saturating_sub(height));
    let below = rows.len().saturating_sub(scroll + height);
    let above = (scroll > 0).then(|| format!("↑ {scroll} more"));
    let mut block = framed(area.width, &one_line(title), above);
    let cut = rendered.is_some_and(|r| r.cut);
    let mut bottom = Vec::new();
    if below > 0 {
        let lines = if below == 1 { "line" } else { "lines" };
        bottom.push(format!("↓ {below} more {lines} (⇧↓)"));
    }
    if cut {
        bottom.push(format!("cut at {} KiB", workers::PREVIEW_CAP / 1024));
    }
    if !bottom.is_empty() {
        block = block.title_bottom(Line::from(format!(" {} ", bottom.join(" · "))));
    }
    let visible: Vec<Line> = rows.into_iter().skip(scroll).take(height).collect();
    f.render_widget(Paragraph::new(visible).block(block), area);
    scroll
}

/// A frame titled `title` on its left and `right` on its right, `width`
/// cells wide: the title is cut, with `…`, where both would not fit, for
/// ratatui draws the second over the first.
pub(super) fn framed(width: u16, title: &str, right: Option<String>) -> Block<'static> {
    let right = right.map(|r| format!(" {r} "));
    let room = usize::from(width.saturating_sub(2))
        .saturating_sub(right.as_deref().map_or(0, text::width))
        .saturating_sub(2);
    let block = Block::bordered().title(format!(" {} ", text::fit(title, room)));
    match right {
        Some(r) => block.title_top(Line::from(r).right_aligned()),
        None => block,
    }
}

fn draw_status(f: &mut Frame, state: &State, area: Rect) {
    let total = state.index.docs.len();
    let mut parts = vec![if state.matched > state.hits.len() {
        format!(
            "{}/{total} (the best {} listed)",
            state.matched,
            state.hits.len()
        )
    } else {
        format!("{}/{total}", state.hits.len())
    }];
    // The filters in effect: a qualifier typed in the query replaces the
    // flag's or the cycled one, in the list and so here.
    if let Ok(query) = super::event_loop::current_query(state) {
        parts.extend(query.filter.describe());
    }
    let lang = state.lang.as_ref().map_or("auto", |l| l.as_str());
    match &state.chat {
        // What the chat remembers of its customer, as `canned chat` says it.
        Some(chat) => parts.push(format!(
            "chat:{} lang={lang} customer={}",
            one_line(chat),
            one_line(state.chat_customer.as_deref().unwrap_or("unknown"))
        )),
        // Not `lang:`, which is the filter a typed `l:fr` shows: the two
        // read alike and meant different things.
        None => parts.push(format!("answer in {lang}")),
    }
    if let Some(message) = &state.message {
        let from = state
            .message_from
            .map_or(String::new(), |from| format!(" ({from})"));
        parts.push(format!(
            "message{from}: {}",
            text::fit(&one_line(message.trim()), 32)
        ));
    }
    let note = if state.held.is_some() {
        Some(Span::styled(
            "  (no match yet…)",
            Style::new().add_modifier(Modifier::DIM),
        ))
    } else if state.hits.first().is_some_and(|h| h.partial) {
        Some(Span::styled(
            "  ≈ partial: no reply has every word",
            paint(state, Color::Magenta).add_modifier(Modifier::BOLD),
        ))
    } else {
        None
    };
    // Cut with `…` where the row ends, so nothing reads as said in full
    // that is not.
    let width = usize::from(area.width);
    let status = text::fit(&parts.join("  "), width);
    let room = width.saturating_sub(text::width(&status));
    let mut spans = vec![Span::styled(status, paint(state, Color::Green))];
    if let Some(note) = note.filter(|_| room > 0) {
        let cut = text::fit(&note.content, room);
        spans.push(Span::styled(cut, note.style));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
