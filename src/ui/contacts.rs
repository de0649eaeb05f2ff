//! The contacts pane: one row per contact (name, channel, last seen), position and total below.

use crate::state::{Pane, State};
use crate::ui::{pane_block, placeholder, text, theme};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the contacts pane into `area`.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let list = &state.contacts;
    let footer = if list.is_known() && !list.is_empty() {
        format!(" {} / {} ", text::thousands(list.selected as u64 + 1), text::thousands(list.len() as u64))
    } else {
        String::new()
    };
    let block = pane_block(state, Pane::Contacts, " Contacts ".into(), footer);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if !list.is_known() {
        let msg = match &list.error {
            Some(e) => vec![
                Line::styled("Could not load contacts", theme::error()),
                Line::raw(e.clone()),
                Line::styled("R to retry", theme::dim()),
            ],
            None => vec![Line::styled("Loading contacts…", theme::dim())],
        };
        placeholder(frame, inner, msg);
        return;
    }
    if list.is_empty() {
        placeholder(frame, inner, vec![Line::styled("No contacts", theme::dim())]);
        return;
    }
    let width = inner.width as usize;
    // The channel column is dropped first when the pane is narrow: the name matters most.
    let seen_w = 6;
    let channel_w = if width >= 36 { 9 } else { 0 };
    let name_w = width.saturating_sub(channel_w + seen_w + 3);
    let focused = state.focus == Pane::Contacts;
    let rows: Vec<Line> = (list.offset..list.offset + inner.height as usize)
        .take_while(|i| *i < list.len())
        .map(|i| {
            let selected = i == list.selected;
            let style = match (selected, focused) {
                (true, true) => theme::selected(),
                (true, false) => theme::selected_unfocused(),
                _ => ratatui::style::Style::new(),
            };
            match list.get(i) {
                Some(c) => {
                    let name = if c.display_name.is_empty() { &c.id } else { &c.display_name };
                    let seen = text::age(c.last_seen.or(c.created_at), state.now, &state.tz);
                    Line::from(vec![
                        Span::raw(" "),
                        Span::raw(text::fit(name, name_w)),
                        Span::raw(" "),
                        Span::styled(
                            text::fit(&c.channel_type, channel_w),
                            if selected { style } else { theme::dim() },
                        ),
                        Span::styled(
                            format!("{seen:>seen_w$} ", seen = text::truncate(&seen, seen_w)),
                            if selected { style } else { theme::dim() },
                        ),
                    ])
                    .style(style)
                }
                None => Line::from(Span::styled(text::fit(" …", width), theme::dim())).style(style),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}
