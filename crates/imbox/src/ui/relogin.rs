//! The re-login prompt: a small box over everything that shows one `•` per typed character,
//! never the token itself.

use crate::layout::{text, theme};
use crate::state::State;
use crate::state::relogin::ReloginPrompt;
use crate::ui::spinner;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Widest the box gets.
const MAX_WIDTH: u16 = 64;
/// Rows the box takes (borders included).
const HEIGHT: u16 = 8;

/// Draws the prompt centred in `area`.
pub fn draw(state: &State, prompt: &ReloginPrompt, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let height = HEIGHT.min(area.height);
    let rect = crate::ui::centred(area, width, height);
    frame.render_widget(Clear, rect);
    let inner_w = width.saturating_sub(4) as usize;
    // One dot per character, the tail only when it would not fit; never the token.
    let n = prompt.token.char_count();
    let dots = if n + 1 > inner_w {
        format!("…{}", "•".repeat(inner_w.saturating_sub(2)))
    } else {
        "•".repeat(n)
    };
    let status = match (&prompt.checking, &prompt.error) {
        (Some(_), _) => Line::styled(format!("{} checking the token…", spinner(state.spinner)), theme::key()),
        (None, Some(e)) => Line::styled(text::truncate(e, inner_w), theme::error()),
        (None, None) => Line::styled("the token is not shown while you type", theme::dim()),
    };
    let lines = vec![
        Line::raw(text::truncate(
            &format!("The server rejected the token for {}.", state.account.label),
            inner_w,
        )),
        Line::raw("Paste or type a new access token:"),
        Line::from(vec![Span::styled("> ", theme::key()), Span::raw(dots), Span::styled("▏", theme::key())]),
        Line::raw(""),
        status,
    ];
    let block = crate::ui::modal_frame().title(" Log in again ").title_bottom(" Enter check · Esc cancel ");
    let inner = Rect {
        x: rect.x + 2,
        y: rect.y + 1,
        width: rect.width.saturating_sub(4),
        height: rect.height.saturating_sub(2),
    };
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(lines), inner);
}
