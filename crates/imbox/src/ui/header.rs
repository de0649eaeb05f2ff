//! The header line (product, account, DEMO marker, unread badge) and the narrow-mode breadcrumb.

use crate::layout::Pane;
use crate::layout::{text, theme};
use crate::state::connection::Link;
use crate::state::{AccountTab, State};
use imbox_model::live::LiveStatus;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// How a newcomer on the demo connects a real account, in one line.
pub const CONNECT_HINT: &str = "demo data · connect a real account: IMBOX_TOKEN=… imbox --env prod";
/// The same hint for narrow terminals.
pub const CONNECT_HINT_SHORT: &str = "real account: imbox --help";

/// Draws the header.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let badge = match state.badge.unread {
        _ if !state.account.capabilities.notifications => String::new(),
        Some(n) => format!(" ✉ {} unread ", text::thousands(n)),
        None => " ✉ … ".to_string(),
    };
    let mut left =
        vec![Span::styled(" imbox ", theme::header().add_modifier(ratatui::style::Modifier::BOLD))];
    if state.accounts.is_empty() {
        // The gateway layout only where it leaves room for what follows: the widest link marker
        // (" OFFLINE · reconnecting "), the badge and, on the demo, " DEMO " and the whole
        // connect hint (a newcomer's way out matters more there than the demo's layout).
        let full = state.account.header_label();
        let demo = if state.account.demo { 6 + 1 + text::width(CONNECT_HINT) } else { 0 };
        let reserve = 7 + 2 + text::width(&badge) + 25 + demo;
        let label = if text::width(&full) + reserve <= area.width as usize {
            full
        } else {
            state.account.label.clone()
        };
        // Narrower still, the label itself gives way, so the markers and the badge are never
        // cut at the edge.
        let markers = if state.account.demo { 6 } else { 0 } + status_width(state, area.width);
        let room = (area.width as usize).saturating_sub(7 + 3 + markers + text::width(&badge));
        left.push(Span::styled(format!("│ {} ", text::truncate(&label, room)), theme::header()));
    } else {
        let room = (area.width as usize).saturating_sub(7 + text::width(&badge) + 8);
        left.extend(account_tabs(&state.accounts, room));
    }
    if state.account.demo {
        left.push(Span::styled(" DEMO ", theme::demo_marker()));
    }
    left.push(status_marker(state, area.width));
    let used: usize = left.iter().map(|s| s.width()).sum::<usize>() + text::width(&badge);
    let room = (area.width as usize).saturating_sub(used);
    // The hint whole or not at all: the long one, else the short one, else nothing (a cut
    // "real a…" says nothing and looks broken). One cell before it, one before the badge.
    if state.account.demo && state.connection.link == Link::Online {
        let hint = [CONNECT_HINT, CONNECT_HINT_SHORT].into_iter().find(|h| text::width(h) + 2 <= room);
        if let Some(hint) = hint {
            left.push(Span::styled(format!(" {hint}"), theme::header()));
        }
    }
    let used: usize = left.iter().map(|s| s.width()).sum::<usize>() + text::width(&badge);
    left.push(Span::styled(" ".repeat((area.width as usize).saturating_sub(used)), theme::header()));
    let badge_style = if state.badge.unread.unwrap_or(0) > 0 { theme::badge() } else { theme::header() };
    left.push(Span::styled(badge, badge_style));
    frame.render_widget(Paragraph::new(Line::from(left)).style(theme::header()), area);
}

/// The connection's marker: how the picture is kept current, or what is wrong with the link.
fn status_marker(state: &State, width: u16) -> Span<'static> {
    match state.connection.link {
        Link::Online => live_marker(&state.live.status),
        Link::Offline { .. } => Span::styled(" OFFLINE · reconnecting ", theme::badge()),
        Link::Rejected if width >= 100 => {
            Span::styled(" TOKEN REJECTED · press L to log in again ", theme::badge())
        }
        Link::Rejected => Span::styled(" TOKEN REJECTED · L log in ", theme::badge()),
    }
}

/// Cells of [`status_marker`].
fn status_width(state: &State, width: u16) -> usize {
    status_marker(state, width).width()
}

/// How the picture is kept current: LIVE (the realtime channel is open), CONNECTING… (opening
/// it), POLLING (no channel, or it was refused: why was said once in the status line).
fn live_marker(status: &LiveStatus) -> Span<'static> {
    match status {
        LiveStatus::Live => Span::styled(" LIVE ", theme::live()),
        LiveStatus::Connecting => Span::styled(" CONNECTING… ", theme::header()),
        LiveStatus::Polling | LiveStatus::Fallback(_) => Span::styled(" POLLING ", theme::header()),
        // The connection state says OFFLINE itself (with what it does about it).
        LiveStatus::Offline => Span::styled(" OFFLINE ", theme::badge()),
    }
}

/// The account tabs: every open account with its unread badge, the one on screen highlighted.
/// When they do not fit in `room` cells only the active one is named, with its position.
fn account_tabs(tabs: &[AccountTab], room: usize) -> Vec<Span<'static>> {
    let label = |t: &AccountTab| match t.unread {
        Some(n) => format!(" {} ✉ {} ", t.name, text::thousands(n)),
        None => format!(" {} ", t.name),
    };
    let full: usize = tabs.iter().map(|t| text::width(&label(t)) + 1).sum::<usize>() + 4;
    if full <= room {
        let mut spans = vec![Span::styled("│", theme::header())];
        for t in tabs {
            let style = if t.active { theme::tab_active() } else { theme::header() };
            spans.push(Span::styled(label(t), style));
            spans.push(Span::styled("│", theme::header()));
        }
        spans.push(Span::styled(" ", theme::header()));
        return spans;
    }
    let Some((i, active)) = tabs.iter().enumerate().find(|(_, t)| t.active) else {
        return Vec::new();
    };
    let others: u64 = tabs.iter().filter(|t| !t.active).filter_map(|t| t.unread).sum();
    let more = if others > 0 { format!(" +✉{} ", text::thousands(others)) } else { String::new() };
    let name = text::truncate(&active.name, room.saturating_sub(12 + more.len()).max(3));
    vec![
        Span::styled("│", theme::header()),
        Span::styled(format!(" {name} {}/{} ", i + 1, tabs.len()), theme::tab_active()),
        Span::styled(more, theme::header()),
    ]
}

/// Draws "Contacts › name › conversation" with the focused step highlighted.
pub fn draw_breadcrumb(state: &State, frame: &mut Frame, area: Rect) {
    let first = if state.inbox_shown() { "Inbox" } else { "Contacts" };
    let mut steps: Vec<(Pane, String)> = vec![(Pane::Contacts, first.into())];
    if state.focus != Pane::Contacts || state.conversations.contact_id.is_some() {
        let name = state.conversations.contact_name.clone();
        steps.push((Pane::Conversations, if name.is_empty() { "Conversations".into() } else { name }));
    }
    if state.focus == Pane::Thread || state.thread.conversation_id.is_some() {
        steps.push((
            Pane::Thread,
            if state.thread.title.is_empty() { "Thread".into() } else { state.thread.title.clone() },
        ));
    }
    let max_step = (area.width as usize / steps.len()).saturating_sub(3).max(4);
    let mut spans = vec![Span::raw(" ")];
    for (i, (pane, label)) in steps.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme::dim()));
        }
        let style = if *pane == state.focus { theme::focused_border() } else { theme::dim() };
        spans.push(Span::styled(text::truncate(label, max_step), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
