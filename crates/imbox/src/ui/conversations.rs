//! The conversations pane: three rows per conversation — name and time; channel, status and
//! teams; the latest message.

use crate::layout::Pane;
use crate::layout::{text, theme};
use crate::state::{CONVERSATION_ROW_HEIGHT, State};
use crate::ui::{pane_block, placeholder};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the conversations pane into `area`.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let conv = &state.conversations;
    let mut title = " Conversations ".to_string();
    if conv.contact_id.is_some() {
        title = format!(" {} ", text::truncate(&conv.contact_name, (area.width as usize).saturating_sub(4)));
    }
    let footer = if state.account.capabilities.channel_filter {
        format!(" channel: {} ", conv.filter_label())
    } else {
        String::new()
    };
    let block = pane_block(state, Pane::Conversations, title, footer, state.conversations_cache_label());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if conv.contact_id.is_none() {
        placeholder(frame, inner, vec![Line::styled("Select a contact and press Enter", theme::dim())]);
        return;
    }
    if conv.items.is_empty()
        && !conv.loaded
        && let Some(offline) = crate::ui::offline::lines(state)
    {
        placeholder(frame, inner, offline);
        return;
    }
    if let Some(e) = conv.error.as_ref().filter(|_| conv.items.is_empty()) {
        placeholder(
            frame,
            inner,
            vec![
                Line::styled("Could not load conversations", theme::error()),
                Line::raw(e.clone()),
                Line::styled("R to retry", theme::dim()),
            ],
        );
        return;
    }
    if !conv.loaded {
        placeholder(frame, inner, vec![Line::styled("Loading conversations…", theme::dim())]);
        return;
    }
    if conv.items.is_empty() {
        let what = if conv.filter == 0 {
            "No conversations".to_string()
        } else {
            format!("No {} conversations (c: next channel)", conv.filter_label())
        };
        placeholder(frame, inner, vec![Line::styled(what, theme::dim())]);
        return;
    }
    let width = inner.width as usize;
    let visible = (inner.height as usize) / CONVERSATION_ROW_HEIGHT;
    let focused = state.focus == Pane::Conversations;
    let mut lines: Vec<Line> = Vec::new();
    for (i, c) in conv.items.iter().enumerate().skip(conv.offset).take(visible) {
        let selected = i == conv.selected;
        let style = match (selected, focused) {
            (true, true) => theme::selected(),
            (true, false) => theme::selected_unfocused(),
            _ => Style::new(),
        };
        let when = text::relative_time(c.timestamp, state.now, &state.tz);
        let name_w = width.saturating_sub(text::width(&when) + 3);
        // Something unread: its notifications (iMBRACE), its count, or activity since it was
        // last opened here (SMS/RCS).
        let mark = if state.conversation_unread(c) { "●" } else { " " };
        lines.push(
            Line::from(vec![
                Span::styled(mark, theme::unseen()),
                Span::styled(text::fit(&c.name, name_w), theme::bold()),
                Span::raw(" "),
                Span::raw(when),
                Span::raw(" "),
            ])
            .style(style),
        );
        let mut meta = format!("{} · {}", c.channel_type, c.status);
        if !c.teams.is_empty() {
            meta.push_str(" · ");
            meta.push_str(&c.teams.join(", "));
        }
        lines.push(
            Line::from(Span::styled(
                text::fit(&format!("  {meta}"), width),
                if selected { style } else { theme::dim() },
            ))
            .style(style),
        );
        let preview = c.latest_message.as_deref().unwrap_or("");
        lines.push(Line::from(Span::raw(text::fit(&format!("  {preview}"), width))).style(style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
