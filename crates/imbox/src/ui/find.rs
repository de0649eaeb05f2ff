//! The thread's find in the status line: the line being typed (`/refund▏`), then where the
//! find is and its keys (`/refund · 3 of 7 (newest first) · n older · N newer · Esc done`).

use crate::layout::Pane;
use crate::layout::{text, theme};
use crate::state::State;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the find into the status line's `area`; false when there is none to show.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) -> bool {
    if state.focus != Pane::Thread || state.notifications.open {
        return false;
    }
    let Some(find) = &state.thread.find else { return false };
    let width = area.width as usize;
    if find.editing {
        let room = width.saturating_sub(2).max(1);
        let before = find.line.before_cursor();
        let shown = if text::width(before) > room {
            text::tail(find.line.text(), room)
        } else {
            text::truncate(find.line.text(), room)
        };
        let cursor_x = text::width(before).min(room);
        let spans = vec![Span::styled("/", theme::key()), Span::raw(shown)];
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme::status()), area);
        let x = area.x.saturating_add(1).saturating_add(cursor_x as u16);
        frame.set_cursor_position(Position { x: x.min(area.right().saturating_sub(1)), y: area.y });
        return true;
    }
    if !state.find_active() {
        return false;
    }
    // A short line drops the note before the keys: they are what the agent needs next.
    let keys = " · n older · N newer · Esc done";
    let query = text::truncate(&find.query, (width / 3).max(4));
    let query_w = text::width(&query);
    let note_room = width.saturating_sub(1 + query_w + 3 + text::width(keys));
    let mut spans = vec![Span::styled(" /", theme::key()), Span::styled(query, theme::bold())];
    if note_room >= 6 {
        let style = if find.hit { theme::dim() } else { theme::key() };
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(text::truncate(&find.note, note_room), style));
    }
    spans.push(Span::styled(text::truncate(keys, width.saturating_sub(query_w + 2)), theme::dim()));
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme::status()), area);
    true
}
