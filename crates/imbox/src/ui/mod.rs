//! Drawing: a pure function of the state. Nothing here mutates state or starts I/O, and every
//! pane draws only its visible rows, so a frame costs the same with 100 or 100,000 items.

mod cmdline;
mod compose;
mod contacts;
mod conversations;
mod details;
mod find;
mod form;
mod header;
mod help;
mod inbox;
mod links;
pub mod menu;
mod notifications;
mod offline;
mod relogin;
mod search;
mod status;
mod thread;

use crate::layout::Pane;
use crate::layout::{self, text, theme};
use crate::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

/// Draws one frame.
pub fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let layout = layout::compute(area.width, area.height, state.focus);
    if layout.too_small {
        draw_too_small(frame, area);
        return;
    }
    header::draw(state, frame, layout.header);
    if state.notifications.open {
        // The notification centre replaces the panes (and the breadcrumb) between header and status.
        let body = Rect { y: 1, height: area.height.saturating_sub(2), ..area };
        notifications::draw(state, frame, body);
    } else {
        if let Some(r) = layout.breadcrumb {
            header::draw_breadcrumb(state, frame, r);
        }
        if let Some(r) = layout.contacts {
            if state.inbox_shown() {
                inbox::draw(state, frame, r);
            } else {
                contacts::draw(state, frame, r);
            }
        }
        if let Some(r) = layout.conversations {
            conversations::draw(state, frame, r);
        }
        if let Some(r) = layout.thread {
            thread::draw(state, frame, r);
        }
    }
    status::draw(state, frame, layout.status);
    if state.inbox.picker.is_some() {
        inbox::draw_picker(state, frame, area);
    }
    if state.acts.menu.is_some() {
        menu::draw(state, frame, area);
    }
    if let Some(details) = &state.details {
        details::draw(state, details, frame, area);
    }
    if let Some(form) = &state.form {
        form::draw(state, form, frame, area);
    }
    if state.help {
        help::draw(state, frame, area);
    }
    if let Some(prompt) = &state.relogin {
        relogin::draw(state, prompt, frame, area);
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let msg = format!(
        "Terminal too small ({}x{}). imbox needs at least {}x{}.",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
}

/// The bordered block of a pane, highlighted when focused.
///
/// `cached`: the age of the cached rows the pane shows ("cached 3 h ago", `state/cached.rs`),
/// drawn at the left of the bottom border, where nothing else is; it wins over the footer when
/// the pane is too narrow for both, as it says the rows may be out of date.
pub fn pane_block<'a>(
    state: &State,
    pane: Pane,
    title: String,
    footer: String,
    cached: Option<String>,
) -> Block<'a> {
    let focused = state.focus == pane;
    let style = if focused { theme::focused_border() } else { theme::border() };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused { BorderType::Thick } else { BorderType::Plain })
        .border_style(style)
        .title(Line::styled(title, style));
    let room = usize::from(pane_width(state, pane)).saturating_sub(2);
    let mark = cached.map(|c| format!(" {c} "));
    let mark_width = mark.as_deref().map_or(0, text::width);
    if !footer.is_empty() && (mark_width == 0 || mark_width + text::width(&footer) < room) {
        block = block.title_bottom(Line::styled(footer, style).right_aligned());
    }
    if let Some(mark) = mark {
        block = block.title_bottom(Line::styled(mark, theme::cached()).left_aligned());
    }
    block
}

/// The width of `pane` as laid out now.
fn pane_width(state: &State, pane: Pane) -> u16 {
    let l = state.layout_for(pane);
    let area = match pane {
        Pane::Contacts => l.contacts,
        Pane::Conversations => l.conversations,
        Pane::Thread => l.thread,
    };
    area.map_or(0, |r| r.width)
}

/// A centred, dim message inside a pane (empty, loading, error states).
pub fn placeholder(frame: &mut Frame, inner: Rect, lines: Vec<Line<'static>>) {
    let top = inner.height.saturating_sub(lines.len() as u16) / 2;
    let area = Rect { y: inner.y.saturating_add(top), height: inner.height.saturating_sub(top), ..inner };
    frame.render_widget(Paragraph::new(lines).centered().wrap(Wrap { trim: true }), area);
}

/// The frame of every modal box (help, details, form, pickers, prompts): rounded, focused
/// colour; callers add their titles.
pub fn modal_frame() -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme::focused_border())
}

/// A `width` x `height` rectangle centred in `area`, clamped to fit — every modal box uses it.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

/// The spinner glyph for a frame number.
pub fn spinner(frame: usize) -> &'static str {
    const FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    FRAMES[frame % FRAMES.len()]
}
