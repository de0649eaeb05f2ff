//! The status line: spinner, key hints for the focused pane, and the last error in plain words.

use crate::state::{Pane, State};
use crate::ui::{spinner, text, theme};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn hints(pane: Pane) -> &'static [(&'static str, &'static str)] {
    match pane {
        Pane::Contacts => &[
            ("j/k", "move"),
            ("Enter", "open"),
            ("R", "reload"),
            ("Tab", "pane"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Pane::Conversations => &[
            ("j/k", "move"),
            ("Enter", "open"),
            ("c", "channel"),
            ("R", "reload"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Pane::Thread => &[
            ("j/k", "scroll"),
            ("g/G", "oldest/newest"),
            ("R", "reload"),
            ("h", "back"),
            ("?", "help"),
            ("q", "quit"),
        ],
    }
}

/// Hints while typing a search.
const SEARCH_EDITING: &[(&str, &str)] =
    &[("Enter", "keep results"), ("Esc", "cancel"), ("↑/↓", "move"), ("C-w/C-u", "delete word/line")];
/// Hints on kept search results.
const SEARCH_KEPT: &[(&str, &str)] =
    &[("j/k", "move"), ("Enter", "open"), ("/", "edit search"), ("Esc", "all contacts"), ("?", "help")];
/// Hints while the notification centre is shown (its own keys are on its message line).
const CENTRE_HINTS: &[(&str, &str)] =
    &[("j/k", "move"), ("g/G", "top/bottom"), ("n Esc", "close"), ("?", "help"), ("q", "quit")];

/// Draws the status line.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let mut spans = vec![];
    if state.is_loading() {
        spans.push(Span::styled(format!(" {} ", spinner(state.spinner)), theme::key()));
    } else {
        spans.push(Span::raw(" "));
    }
    if let Some(r) = &state.connection.retrying {
        let secs = (r.at.as_second() - state.now.as_second()).max(0);
        let msg = format!("⟳ {} failed ({}), retry {} in {secs}s", r.endpoint, r.reason, r.attempt);
        spans.push(Span::styled(text::truncate(&msg, (area.width as usize).saturating_sub(4)), theme::key()));
    } else if let Some(err) = &state.last_error {
        let room = (area.width as usize).saturating_sub(12);
        spans.push(Span::styled(format!("✖ {}", text::truncate(err, room)), theme::error()));
        spans.push(Span::styled("  R retry", theme::dim()));
    } else {
        if let Some(notice) = &state.notice {
            spans.push(Span::styled(format!("✔ {}  ", text::truncate(notice, 60)), theme::key()));
        }
        let hints = match (state.search.editing, state.search.active && state.focus == Pane::Contacts) {
            _ if state.notifications.open => CENTRE_HINTS,
            (true, _) => SEARCH_EDITING,
            (false, true) => SEARCH_KEPT,
            _ => hints(state.focus),
        };
        for (key, what) in hints {
            spans.push(Span::styled(*key, theme::key()));
            spans.push(Span::raw(format!(" {what}  ")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme::status()), area);
}
