//! The notification centre, drawn over the body (between header and status line): one row per
//! notification (mark, unread dot, title, from, channel, age), a message line for prompts, the
//! undo countdown, errors and key hints, and a details box for notifications that cannot be
//! opened as a conversation.

use crate::layout::{text, theme};
use crate::state::State;
use crate::state::notifications::NotificationsState;
use crate::ui::placeholder;
use imbox_model::Notification;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

/// Draws the notification centre into `area`.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let nc = &state.notifications;
    let mut title = vec![Span::styled(" Notifications ", theme::focused_border())];
    if let Some(n) = state.badge.unread {
        title.push(Span::styled(format!("· {} unread ", text::thousands(n)), theme::focused_border()));
    }
    if nc.unread_only {
        title.push(Span::styled("· unread only ", theme::focused_border()));
    }
    if !nc.marked.is_empty() {
        title.push(Span::styled(format!(" {} marked ", nc.marked.len()), theme::chip_chosen()));
    }
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(theme::focused_border())
        .title(Line::from(title));
    if nc.is_known() && !nc.view.is_empty() {
        let of = if nc.unread_only {
            state.badge.unread.unwrap_or(nc.view.len() as u64)
        } else {
            nc.total.unwrap_or(0)
        };
        let footer = format!(" {} / {} ", text::thousands(nc.selected as u64 + 1), text::thousands(of));
        block = block.title_bottom(Line::styled(footer, theme::focused_border()).right_aligned());
    }
    if let Some(mark) = state.notifications_cache_label() {
        block = block.title_bottom(Line::styled(format!(" {mark} "), theme::cached()).left_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let list = Rect { height: inner.height.saturating_sub(1), ..inner };
    let message = Rect { y: inner.y + list.height, height: inner.height.min(1), ..inner };
    draw_list(state, frame, list);
    frame.render_widget(Paragraph::new(message_line(state, message.width as usize)), message);
    if let Some(n) = &nc.details {
        draw_details(state, n, frame, area);
    }
}

fn draw_list(state: &State, frame: &mut Frame, area: Rect) {
    let nc = &state.notifications;
    if !nc.is_known() {
        let msg = match &nc.error {
            Some(e) => vec![
                Line::styled("Could not load notifications", theme::error()),
                Line::raw(e.clone()),
                Line::styled("R to retry", theme::dim()),
            ],
            None => vec![Line::styled("Loading notifications…", theme::dim())],
        };
        placeholder(frame, area, msg);
        return;
    }
    if nc.view.is_empty() {
        let msg = if nc.unread_only && nc.has_more() && nc.is_loading() {
            vec![Line::styled("Looking for unread notifications…", theme::dim())]
        } else if nc.unread_only {
            vec![
                Line::styled("No unread notifications", theme::dim()),
                Line::styled("u shows all", theme::dim()),
            ]
        } else {
            vec![Line::styled("No notifications", theme::dim())]
        };
        placeholder(frame, area, msg);
        return;
    }
    let width = area.width as usize;
    let (channel_w, age_w) = (9, 11);
    let from_w = if width >= 110 { 24 } else { 14 };
    let title_w = width.saturating_sub(4 + from_w + 1 + channel_w + 1 + age_w + 2);
    let mut rows: Vec<Line> = (nc.offset..nc.offset + area.height as usize)
        .take_while(|i| *i < nc.view.len())
        .filter_map(|i| Some((i, nc.row(i)?)))
        .map(|(i, n)| row(state, nc, i, n, title_w, from_w, channel_w, age_w))
        .collect();
    if nc.offset + area.height as usize > nc.view.len() && nc.is_loading() {
        rows.push(Line::styled(" loading more…", theme::dim()));
    }
    frame.render_widget(Paragraph::new(rows), area);
}

#[allow(clippy::too_many_arguments)]
fn row<'a>(
    state: &State,
    nc: &NotificationsState,
    i: usize,
    n: &'a Notification,
    title_w: usize,
    from_w: usize,
    channel_w: usize,
    age_w: usize,
) -> Line<'a> {
    let cursor = i == nc.selected;
    let marked = nc.marked.contains(&n.id);
    let base = if n.is_read { theme::dim() } else { Style::new().add_modifier(Modifier::BOLD) };
    let style = if cursor { theme::selected() } else { base };
    let title = if n.title.is_empty() { "(no title)" } else { &n.title };
    let age = text::relative_time(n.created_at, state.now, &state.tz);
    Line::from(vec![
        Span::styled(if marked { "✓" } else { " " }, if cursor { style } else { theme::key() }),
        Span::styled(if n.is_read { "  " } else { "● " }, if cursor { style } else { theme::key() }),
        Span::raw(" "),
        Span::raw(text::fit(title, title_w)),
        Span::raw(" "),
        Span::raw(text::fit(&n.from, from_w)),
        Span::raw(" "),
        Span::raw(text::fit(&n.channel_type, channel_w)),
        Span::raw(format!(" {:>age_w$} ", text::truncate(&age, age_w))),
    ])
    .style(style)
}

fn message_line(state: &State, width: usize) -> Line<'static> {
    let nc = &state.notifications;
    if nc.confirm {
        return Line::from(vec![
            Span::styled(
                text::truncate(
                    " Dismiss ALL conversation notifications on the server? ",
                    width.saturating_sub(18),
                ),
                theme::error().add_modifier(Modifier::BOLD),
            ),
            Span::styled("y", theme::key()),
            Span::raw(" yes  "),
            Span::styled("n", theme::key()),
            Span::raw(" no"),
        ]);
    }
    if let Some(secs) = nc.undo_seconds_left(state.now) {
        return Line::from(vec![
            Span::styled(
                format!(" All conversation notifications dismissed · sending in {secs}s · "),
                theme::chip_chosen(),
            ),
            Span::styled("z", theme::key()),
            Span::raw(" undo"),
        ]);
    }
    if let Some(f) = &nc.finding {
        let text = format!(" {} Finding the conversation of {}… ", crate::ui::spinner(state.spinner), f.name);
        return Line::from(vec![
            Span::styled(text::truncate(&text, width.saturating_sub(9)), theme::key()),
            Span::styled("Esc", theme::key()),
            Span::styled(" stop", theme::dim()),
        ]);
    }
    if let Some(e) = nc.error_write.as_ref().or(nc.error.as_ref().filter(|_| nc.is_known())) {
        return Line::styled(format!(" ✖ {}", text::truncate(e, width.saturating_sub(3))), theme::error());
    }
    let mut hints: Vec<(&str, &str)> = vec![
        ("r", "read"),
        ("d", "dismiss"),
        ("Space", "mark"),
        ("V", "range"),
        ("a", "all"),
        ("D", "dismiss all"),
        ("u", "unread only"),
        ("Enter", "open"),
    ];
    if state.account.capabilities.mark_all_notifications_read {
        hints.insert(2, ("A", "all read"));
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (k, what) in &hints {
        let w = text::width(k) + text::width(what) + 3;
        if used + w > width {
            break;
        }
        used += w;
        spans.push(Span::styled(*k, theme::key()));
        spans.push(Span::styled(format!(" {what}  "), theme::dim()));
    }
    Line::from(spans)
}

fn draw_details(state: &State, n: &Notification, frame: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(72);
    let when = match n.created_at {
        Some(t) => format!(
            "{} ({} {})",
            text::relative_time(Some(t), state.now, &state.tz),
            text::short_date(t, &state.tz),
            text::clock(t, &state.tz)
        ),
        None => "unknown".into(),
    };
    let field =
        |k: &str, v: String| Line::from(vec![Span::styled(format!("{k:>12} "), theme::dim()), Span::raw(v)]);
    let mut lines = vec![
        field("title", n.title.clone()),
        field("from", n.from.clone()),
        field("channel", n.channel_type.clone()),
        field("when", when),
        field("read", if n.is_read { "yes".into() } else { "no".into() }),
        field("kind", n.kind.to_string()),
        field("conversation", n.handle_id.clone().unwrap_or_else(|| "none".into())),
        field("id", n.id.clone()),
        field("content", if n.content.is_empty() { "(empty)".into() } else { n.content.clone() }),
        Line::raw(""),
        Line::styled(state.notifications.details_note.clone(), theme::dim()),
        Line::from(vec![Span::styled("Esc", theme::key()), Span::styled(" close", theme::dim())]),
    ];
    // The note wraps: count the rows it takes so the box holds it whole.
    let note_rows =
        text::width(&state.notifications.details_note).div_ceil(w.saturating_sub(2).max(1) as usize);
    lines.truncate(area.height.saturating_sub(2) as usize);
    let h = (lines.len() as u16 + 2 + note_rows.saturating_sub(1) as u16).min(area.height);
    let rect = crate::ui::centred(area, w, h);
    frame.render_widget(Clear, rect);
    let block = crate::ui::modal_frame().title(" Notification ");
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), rect);
}
