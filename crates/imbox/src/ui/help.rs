//! The help overlay: every binding of the focused layer, then the global ones. The lines and
//! the geometry come from `keymap::help` (the keys that scroll it need them too); this styles
//! and draws them, with "↑ more" / "↓ more" on the frame when lines are above or below.

use crate::keymap::help::{self, HelpKind};
use crate::layout::{text, theme};
use crate::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Cells of the key column's label, after its two-cell indent.
const KEY_LABEL: usize = 10;

/// Draws the help overlay centred in `area`.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let page = help::page(state);
    let rect = crate::ui::centred(area, page.width, page.height);
    frame.render_widget(Clear, rect);
    let shown = page.shown();
    let scroll = state.help_scroll.min(page.max_scroll());
    let inner = rect.width.saturating_sub(2) as usize;
    let more_below = scroll + shown < page.lines.len();
    let title = if page.lines.len() > shown {
        // The short form first where the long one does not fit.
        let long = format!(" Help · j/k scroll {}/{} · Esc ", scroll + shown, page.lines.len());
        if text::width(&long) <= inner { long } else { " Help · j/k · Esc ".to_string() }
    } else {
        " Help · Esc or ? to close ".to_string()
    };
    let mut block = crate::ui::modal_frame().title(text::truncate(&title, inner));
    if scroll > 0 {
        block = block.title(Line::from(" ↑ more ").right_aligned());
    }
    if more_below {
        block = block.title_bottom(Line::from(" ↓ more ").right_aligned());
    }
    let lines: Vec<Line> = page
        .lines
        .into_iter()
        .skip(scroll)
        .take(shown)
        .map(|l| match l.kind {
            HelpKind::Heading => Line::styled(format!(" {} ", l.text), theme::bold()),
            HelpKind::Blank => Line::default(),
            HelpKind::Note => Line::styled(format!("  {}", l.text), theme::dim()),
            HelpKind::Entry => Line::from(vec![
                Span::styled(format!("  {:<KEY_LABEL$} ", l.key), theme::key()),
                Span::raw(l.text),
            ]),
            HelpKind::More => Line::from(vec![Span::raw(" ".repeat(KEY_LABEL + 3)), Span::raw(l.text)]),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
