//! The `:` command line and the y/n question, drawn over the status line: `:snooze tom▏`, the
//! completion candidates after it (the one inserted reversed) or why the line cannot run.

use crate::layout::{text, theme};
use crate::state::State;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the command line or the question into the status line's `area`; false when neither is
/// open.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) -> bool {
    let width = area.width as usize;
    if let Some(confirm) = &state.acts.confirm {
        let spans = vec![
            Span::styled(
                format!(" {} ", text::truncate(&confirm.question, width.saturating_sub(8))),
                theme::key(),
            ),
            Span::styled("y/n", theme::bold()),
        ];
        frame.render_widget(Paragraph::new(Line::from(spans)).style(theme::status()), area);
        return true;
    }
    let Some(cl) = &state.acts.cmdline else { return false };
    // The line takes up to two thirds of the width; candidates or the error the rest.
    let room = (width * 2 / 3).max(width.min(20)).saturating_sub(2).max(1);
    let before = cl.line.before_cursor();
    let shown = if text::width(before) > room {
        text::tail(cl.line.text(), room)
    } else {
        cl.line.text().to_string()
    };
    let shown = text::truncate(&shown, room);
    let cursor_x = text::width(before).min(room);
    let mut spans = vec![Span::styled(":", theme::key()), Span::raw(shown.clone())];
    let rest = width.saturating_sub(1 + text::width(&shown) + 2);
    if let Some(e) = &cl.error {
        spans
            .push(Span::styled(format!("  ✖ {}", text::truncate(e, rest.saturating_sub(2))), theme::error()));
    } else if let Some(c) = cl.completion.as_ref().filter(|c| c.candidates.len() > 1) {
        let mut used = 2;
        spans.push(Span::raw("  "));
        for (i, cand) in c.candidates.iter().enumerate() {
            // Two spaces apart: agent names have spaces of their own.
            let w = text::width(cand) + 2;
            if used + w > rest {
                spans.push(Span::styled("…", theme::dim()));
                break;
            }
            used += w;
            let style =
                if i == c.index { theme::dim().add_modifier(Modifier::REVERSED) } else { theme::dim() };
            spans.push(Span::styled(cand.clone(), style));
            spans.push(Span::raw("  "));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme::status()), area);
    let x = area.x.saturating_add(1).saturating_add(cursor_x as u16);
    frame.set_cursor_position(Position { x: x.min(area.right().saturating_sub(1)), y: area.y });
    true
}
