//! Where everything goes on screen, and how text is laid out: pure functions of sizes, counts
//! and the data, shared by the state and the drawing.
//!
//! The state uses them to know how many rows a pane shows (paging, scrolling), which pane a
//! click hit and how tall a message is; `ui` draws with the very same functions, so drawing and
//! behaviour never disagree. A leaf: nothing here imports the state, the drawing or the effects.
//!
//! - this file: the panes' rectangles for a terminal size and focus, and the overlays' areas;
//! - [`text`]: cell widths, truncation, wrapping, times and numbers as shown;
//! - [`theme`]: the styles every laid-out line carries (colour or mono);
//! - [`find`]: finding a query in messages and highlighting it in their lines;
//! - [`osc`]: the clipboard (OSC 52) and hyperlink (OSC 8) sequences, safe for any text;
//! - [`thread`]: one message as the lines of the thread pane.

pub mod find;
pub mod osc;
pub(crate) mod text;
pub mod theme;
pub(crate) mod thread;

use ratatui::layout::Rect;

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The contact list.
    #[default]
    Contacts,
    /// The selected contact's conversations.
    Conversations,
    /// The open conversation's messages.
    Thread,
}

impl Pane {
    /// The pane to the right (Tab order), wrapping.
    pub fn next(self) -> Pane {
        match self {
            Pane::Contacts => Pane::Conversations,
            Pane::Conversations => Pane::Thread,
            Pane::Thread => Pane::Contacts,
        }
    }

    /// The pane to the left (Shift-Tab order), wrapping.
    pub fn prev(self) -> Pane {
        match self {
            Pane::Contacts => Pane::Thread,
            Pane::Conversations => Pane::Contacts,
            Pane::Thread => Pane::Conversations,
        }
    }

    /// Name shown in titles and hints.
    pub fn name(self) -> &'static str {
        match self {
            Pane::Contacts => "Contacts",
            Pane::Conversations => "Conversations",
            Pane::Thread => "Thread",
        }
    }
}

/// Below this width one pane is shown at a time, with a breadcrumb.
pub const NARROW_BELOW: u16 = 100;
/// Smallest usable terminal; anything smaller gets the "too small" screen.
pub const MIN_WIDTH: u16 = 40;
/// Smallest usable terminal height.
pub const MIN_HEIGHT: u16 = 8;

/// The rectangles of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    /// The top line: product, account, badge.
    pub header: Rect,
    /// The breadcrumb line in narrow mode.
    pub breadcrumb: Option<Rect>,
    /// The contacts pane, if shown.
    pub contacts: Option<Rect>,
    /// The conversations pane, if shown.
    pub conversations: Option<Rect>,
    /// The thread pane, if shown.
    pub thread: Option<Rect>,
    /// The bottom status line.
    pub status: Rect,
    /// Whether the terminal is too small to use.
    pub too_small: bool,
    /// Whether one pane is shown at a time.
    pub narrow: bool,
}

impl Layout {
    /// The rectangle of a pane, if it is shown.
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Contacts => self.contacts,
            Pane::Conversations => self.conversations,
            Pane::Thread => self.thread,
        }
    }

    /// Which pane contains the cell (column, row), if any.
    pub fn pane_at(&self, col: u16, row: u16) -> Option<Pane> {
        [Pane::Contacts, Pane::Conversations, Pane::Thread].into_iter().find(|p| {
            self.pane(*p).is_some_and(|r| {
                col >= r.x
                    && col < r.x.saturating_add(r.width)
                    && row >= r.y
                    && row < r.y.saturating_add(r.height)
            })
        })
    }
}

/// Rows inside a bordered pane (0 when it is not shown).
pub fn inner_height(r: Option<Rect>) -> usize {
    r.map(|r| r.height.saturating_sub(2) as usize).unwrap_or(0)
}

/// Columns inside a bordered pane (0 when it is not shown).
pub fn inner_width(r: Option<Rect>) -> usize {
    r.map(|r| r.width.saturating_sub(2) as usize).unwrap_or(0)
}

/// Widest the contact details overlay gets.
const DETAILS_MAX_WIDTH: u16 = 100;

/// The contact details overlay's frame for a terminal of `size`: between header and status line.
pub fn details_frame(size: (u16, u16)) -> Rect {
    let (w, h) = size;
    let width = w.saturating_sub(4).min(DETAILS_MAX_WIDTH);
    Rect { x: (w - width.min(w)) / 2, y: 1, width, height: h.saturating_sub(2) }
}

/// Where the details overlay's text goes for a terminal of `size` (the state scrolls by it).
pub fn details_text_area(size: (u16, u16)) -> Rect {
    let r = details_frame(size);
    Rect { x: r.x + 2, y: r.y + 1, width: r.width.saturating_sub(4), height: r.height.saturating_sub(2) }
}

/// Rows of the notification centre's list for a terminal `rows` high: minus header, status,
/// two borders and the message line.
pub fn notification_rows(rows: u16) -> usize {
    usize::from(rows).saturating_sub(5)
}

/// Computes the layout for a terminal of `width` x `height` with `focus` focused.
pub fn compute(width: u16, height: u16, focus: Pane) -> Layout {
    let full = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Layout { header: full, status: full, too_small: true, ..Layout::default() };
    }
    let header = Rect::new(0, 0, width, 1);
    let status = Rect::new(0, height - 1, width, 1);
    let narrow = width < NARROW_BELOW;
    if narrow {
        let breadcrumb = Rect::new(0, 1, width, 1);
        let body = Rect::new(0, 2, width, height - 3);
        let mut l = Layout { header, status, breadcrumb: Some(breadcrumb), narrow, ..Layout::default() };
        match focus {
            Pane::Contacts => l.contacts = Some(body),
            Pane::Conversations => l.conversations = Some(body),
            Pane::Thread => l.thread = Some(body),
        }
        return l;
    }
    let body_h = height - 2;
    // Contacts ~28%, conversations ~30%, thread the rest; the lists keep a usable minimum.
    let contacts_w = (width * 28 / 100).clamp(28, 48);
    let conversations_w = (width * 30 / 100).clamp(30, 52);
    let thread_w = width - contacts_w - conversations_w;
    Layout {
        header,
        status,
        contacts: Some(Rect::new(0, 1, contacts_w, body_h)),
        conversations: Some(Rect::new(contacts_w, 1, conversations_w, body_h)),
        thread: Some(Rect::new(contacts_w + conversations_w, 1, thread_w, body_h)),
        breadcrumb: None,
        too_small: false,
        narrow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_shows_three_panes_that_tile_the_width() {
        let l = compute(140, 40, Pane::Contacts);
        let (a, b, c) = (l.contacts.unwrap(), l.conversations.unwrap(), l.thread.unwrap());
        assert_eq!(a.width + b.width + c.width, 140);
        assert_eq!(l.pane_at(a.x + 1, 5), Some(Pane::Contacts));
        assert_eq!(l.pane_at(c.x + 1, 5), Some(Pane::Thread));
        assert_eq!(l.pane_at(1, 0), None, "the header is no pane");
    }

    #[test]
    fn narrow_shows_the_focused_pane_only() {
        let l = compute(80, 24, Pane::Thread);
        assert!(l.narrow && l.contacts.is_none() && l.conversations.is_none());
        assert_eq!(l.thread.unwrap().width, 80);
    }

    #[test]
    fn tiny_terminals_are_too_small_and_never_underflow() {
        for (w, h) in [(0, 0), (1, 1), (39, 30), (120, 7)] {
            assert!(compute(w, h, Pane::Contacts).too_small);
        }
        assert!(!compute(MIN_WIDTH, MIN_HEIGHT, Pane::Contacts).too_small);
    }
}
