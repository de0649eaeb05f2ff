//! The contacts pane while a search is shown: the search line on the pane's first row, then
//! the results — phone links first, then contacts with their matched characters highlighted.
//! The title says which list is shown (loaded matches or server results); only visible rows
//! are built.

use crate::layout::Pane;
use crate::layout::{text, theme};
use crate::state::State;
use crate::state::search::{LinkRow, Row, SearchState};
use crate::ui::contacts::{contact_row, row_style};
use crate::ui::{pane_block, placeholder};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the search line and results into the contacts pane's `area`.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let search = &state.search;
    let title = text::truncate(
        &format!(" Search · {} ", search.source_label()),
        (area.width as usize).saturating_sub(4),
    );
    let footer = if search.is_empty() {
        String::new()
    } else {
        format!(
            " {} / {} ",
            text::thousands(search.selected as u64 + 1),
            text::thousands(search.len() as u64)
        )
    };
    let block = pane_block(state, Pane::Contacts, title, footer, None);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    draw_line(state, frame, Rect { height: 1, ..inner });
    let rows_area = Rect { y: inner.y + 1, height: inner.height - 1, ..inner };
    if search.is_empty() {
        placeholder(frame, rows_area, vec![Line::styled(search.empty_text(), theme::dim())]);
        return;
    }
    let height = rows_area.height as usize;
    // Keep the selection visible even if the pane shrank since the last move.
    let offset = if search.selected >= search.offset + height {
        search.selected + 1 - height
    } else {
        search.offset.min(search.selected)
    };
    let width = rows_area.width as usize;
    let focused = state.focus == Pane::Contacts;
    let visible: Vec<(usize, Option<Row>)> =
        (offset..(offset + height).min(search.len())).map(|i| (i, search.row(i))).collect();
    // Names repeated on screen get what tells them apart (only the visible rows are compared).
    let contacts: Vec<_> = visible
        .iter()
        .map(|(_, r)| match r {
            Some(Row::Contact(Some(hit))) => Some(&hit.contact),
            _ => None,
        })
        .collect();
    let tails = crate::state::people::tails(&contacts);
    let lines: Vec<Line> = visible
        .iter()
        .zip(&tails)
        .map(|((i, row), tail)| {
            let style = row_style(*i == search.selected, focused);
            match row {
                Some(Row::Link(link)) => link_row(state, link, style, width),
                Some(Row::Contact(Some(hit))) => {
                    contact_row(state, &hit.contact, &hit.indices, tail.as_deref(), style, width)
                }
                _ => Line::from(Span::styled(text::fit(" …", width), theme::dim())).style(style),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows_area);
}

/// The search line: `/`, the query (its tail when long), the cursor while editing, and a hint
/// when the results are kept.
fn draw_line(state: &State, frame: &mut Frame, area: Rect) {
    let search: &SearchState = &state.search;
    let width = area.width as usize;
    let room = width.saturating_sub(3);
    let before = search.line.before_cursor();
    // Show the end of a long query so the cursor stays on screen.
    let (shown, cursor_x) = if text::width(before) > room {
        let tail = text::tail(before, room.saturating_sub(1));
        let after = &search.line.text()[before.len()..];
        (format!("…{tail}{after}"), 1 + text::width(&tail))
    } else {
        (search.line.text().to_string(), text::width(before))
    };
    let query_style = if search.editing { Style::new() } else { theme::dim() };
    let mut spans = vec![
        Span::styled("/", theme::key()),
        Span::raw(" "),
        Span::styled(text::truncate(&shown, room), query_style),
    ];
    if !search.editing {
        let hint = "  / edit · Esc all";
        if text::width(&shown) + 2 + text::width(hint) <= width {
            spans.push(Span::styled(hint, theme::dim()));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if search.editing && state.focus == Pane::Contacts && state.details.is_none() && state.form.is_none() {
        let x = area.x.saturating_add(2).saturating_add(cursor_x.min(room) as u16);
        frame.set_cursor_position(Position { x, y: area.y });
    }
}

/// A phone-link row: a number's heading (number and how many links, or a note), or one of
/// its links, indented: conversation id (cut to fit) and creation date.
fn link_row(state: &State, link: &LinkRow, style: Style, width: usize) -> Line<'static> {
    let plain = style == Style::new();
    let secondary = if plain { theme::dim() } else { style };
    let spans = match &link.conversation_id {
        Some(id) => {
            let date = link.created_at.map(|t| text::short_date(t, &state.tz)).unwrap_or_default();
            let date_w = text::width(&date).min(width.saturating_sub(5));
            let id_w = width.saturating_sub(date_w + 5);
            // The person first when the search found who has the number; the id after, dim.
            // Links of one number share the person: the id's start (without `conv_` when room
            // is short), at least, tells them apart.
            let (first, rest) = match link.person_name() {
                Some(name) => {
                    let name = text::truncate(name, id_w.saturating_sub(12).max(id_w / 2));
                    let left = id_w.saturating_sub(text::width(&name));
                    let rest = if 3 + text::width(id) <= left || left >= 24 {
                        text::fit(&format!(" · {id}"), left)
                    } else if left > 5 {
                        text::fit(&format!(" · {}", id.trim_start_matches("conv_")), left)
                    } else {
                        " ".repeat(left)
                    };
                    (name, rest)
                }
                None => (text::fit(id, id_w), String::new()),
            };
            vec![
                Span::raw("   "),
                Span::raw(first),
                Span::styled(rest, secondary),
                Span::raw(" "),
                Span::styled(format!("{} ", text::fit(&date, date_w)), secondary),
            ]
        }
        None => {
            let phone = if link.phone.is_empty() { String::new() } else { format!("☎ {} ", link.phone) };
            let rest = width.saturating_sub(1 + text::width(&phone));
            vec![
                Span::raw(" "),
                Span::styled(
                    phone,
                    if plain { theme::contact_side().add_modifier(Modifier::BOLD) } else { style },
                ),
                Span::styled(text::fit(link.note.as_deref().unwrap_or(""), rest), secondary),
            ]
        }
    };
    Line::from(spans).style(style)
}
