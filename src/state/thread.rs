//! The message thread: oldest at the top, newest at the bottom, opened at the newest.
//!
//! The view is anchored at its bottom edge: `anchor` counts messages from the newest, and
//! `anchor_skip` is how many lines of that message are hidden below the edge. Loading older
//! messages adds them above, so the anchor — and what the user sees — does not move. Scrolling
//! and drawing lay out only the messages on screen.

use crate::action::RequestId;
use crate::model::{Message, Page};
use crate::ui::thread_layout::{LayoutContext, message_lines};
use std::collections::{HashSet, VecDeque};

/// Messages asked for per request.
pub const PAGE_SIZE: u32 = 30;

/// State of the thread pane.
#[derive(Debug, Clone, Default)]
pub struct ThreadState {
    /// The open conversation, if any.
    pub conversation_id: Option<String>,
    /// Title of the open conversation.
    pub title: String,
    /// Name shown for the customer's messages.
    pub contact_name: String,
    /// Loaded messages, oldest first.
    messages: VecDeque<Message>,
    ids: HashSet<String>,
    /// Messages in the whole conversation, as the server reports.
    pub total: u64,
    /// Whether older messages remain to be loaded.
    pub has_more: bool,
    pending: Option<(RequestId, u64)>,
    /// The last load error, in plain words.
    pub error: Option<String>,
    /// Message (counted from the newest, 0 = newest) at the bottom edge of the view.
    pub anchor: usize,
    /// Lines of the anchor message hidden below the bottom edge.
    pub anchor_skip: usize,
    /// The pending request is a reload: its success replaces everything loaded.
    replace_on_success: bool,
}

impl ThreadState {
    /// Opens a conversation: forgets the old one and asks for the newest page.
    pub fn open(&mut self, id: String, title: String, contact_name: String, req: RequestId) -> (u64, u32) {
        *self = ThreadState {
            conversation_id: Some(id),
            title,
            contact_name,
            pending: Some((req, 0)),
            has_more: true,
            ..ThreadState::default()
        };
        (0, PAGE_SIZE)
    }

    /// Reloads from the newest message, keeping the conversation.
    pub fn reload(&mut self, req: RequestId) -> Option<(String, u64, u32)> {
        let id = self.conversation_id.clone()?;
        // Keep the messages on screen until the newest page arrives; only then start over, so a
        // failed reload leaves the last good thread in place.
        self.pending = Some((req, 0));
        self.replace_on_success = true;
        self.error = None;
        Some((id, 0, PAGE_SIZE))
    }

    /// Number of loaded messages.
    pub fn loaded(&self) -> usize {
        self.messages.len()
    }

    /// Whether a request is in flight.
    pub fn is_loading(&self) -> bool {
        self.pending.is_some()
    }

    /// The message `from_newest` places from the newest (0 = newest).
    pub fn from_newest(&self, from_newest: usize) -> Option<&Message> {
        let len = self.messages.len();
        if from_newest >= len { None } else { self.messages.get(len - 1 - from_newest) }
    }

    /// Applies a page of messages (newest first); false when the result is stale.
    pub fn apply(&mut self, req: RequestId, skip: u64, result: Result<Page<Message>, String>) -> bool {
        if self.pending != Some((req, skip)) {
            return false;
        }
        self.pending = None;
        let replacing = std::mem::take(&mut self.replace_on_success);
        match result {
            Ok(page) => {
                if replacing {
                    self.messages.clear();
                    self.ids.clear();
                    self.anchor = 0;
                    self.anchor_skip = 0;
                }
                self.total = page.total;
                self.has_more = page.has_more;
                // Newest first on the wire: pushing each to the front leaves them oldest first.
                for m in page.items {
                    if self.ids.insert(m.id.clone()) {
                        self.messages.push_front(m);
                    }
                }
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        true
    }

    /// Lines of the message `from_newest` places from the newest, as it is drawn.
    pub fn lines_of(&self, from_newest: usize, ctx: &LayoutContext) -> Vec<ratatui::text::Line<'static>> {
        match self.from_newest(from_newest) {
            Some(m) => message_lines(m, self.from_newest(from_newest + 1), ctx),
            None => Vec::new(),
        }
    }

    fn height(&self, from_newest: usize, ctx: &LayoutContext) -> usize {
        self.lines_of(from_newest, ctx).len()
    }

    /// Scrolls towards older messages by `n` lines, stopping at the oldest loaded line.
    pub fn scroll_up(&mut self, n: usize, viewport: usize, ctx: &LayoutContext) {
        if self.messages.is_empty() {
            return;
        }
        self.anchor_skip += n;
        loop {
            let h = self.height(self.anchor, ctx);
            if self.anchor_skip >= h && self.anchor + 1 < self.messages.len() {
                self.anchor_skip -= h;
                self.anchor += 1;
            } else {
                break;
            }
        }
        self.clamp_top(viewport, ctx);
    }

    /// Scrolls towards newer messages by `n` lines, stopping at the newest.
    pub fn scroll_down(&mut self, mut n: usize, ctx: &LayoutContext) {
        while n > 0 {
            if self.anchor_skip >= n {
                self.anchor_skip -= n;
                return;
            }
            n -= self.anchor_skip;
            self.anchor_skip = 0;
            if self.anchor == 0 {
                return;
            }
            self.anchor -= 1;
            self.anchor_skip = self.height(self.anchor, ctx);
        }
    }

    /// Jumps to the newest message.
    pub fn to_newest(&mut self) {
        self.anchor = 0;
        self.anchor_skip = 0;
    }

    /// Jumps to the oldest loaded message (its top at the top of the view).
    pub fn to_oldest(&mut self, viewport: usize, ctx: &LayoutContext) {
        if self.messages.is_empty() {
            return;
        }
        self.anchor = self.messages.len() - 1;
        self.anchor_skip = 0;
        // Show the oldest message from its first line: move the bottom edge down by what
        // fits below it.
        let h = self.height(self.anchor, ctx);
        if h < viewport {
            self.scroll_down(viewport - h, ctx);
        } else {
            self.anchor_skip = h - viewport;
        }
    }

    /// Lines visible above the bottom edge, counted up to `limit`, and whether the oldest
    /// loaded message was reached within it.
    fn lines_above(&self, limit: usize, ctx: &LayoutContext) -> (usize, bool) {
        let mut lines = self.height(self.anchor, ctx).saturating_sub(self.anchor_skip);
        let mut i = self.anchor + 1;
        while lines < limit {
            if i >= self.messages.len() {
                return (lines, true);
            }
            lines += self.height(i, ctx);
            i += 1;
        }
        (lines, false)
    }

    /// Keeps the view from scrolling past the oldest message when nothing older exists.
    fn clamp_top(&mut self, viewport: usize, ctx: &LayoutContext) {
        let (lines, reached_top) = self.lines_above(viewport, ctx);
        if reached_top && !self.has_more && lines < viewport {
            self.scroll_down(viewport - lines, ctx);
            // scroll_down may not have moved far enough only when everything fits: then sit
            // at the newest.
            let (after, _) = self.lines_above(viewport, ctx);
            if after < viewport && self.anchor == 0 {
                self.anchor_skip = 0;
            }
        }
    }

    /// The offset of the next older page to request, when the view (plus a screen of margin)
    /// reaches the oldest loaded message and more exist.
    pub fn wants_older(&self, viewport: usize, ctx: &LayoutContext) -> Option<u64> {
        if !self.has_more || self.pending.is_some() || self.error.is_some() || self.conversation_id.is_none()
        {
            return None;
        }
        if self.messages.is_empty() {
            return Some(0);
        }
        let (_, reached) = self.lines_above(viewport * 2, ctx);
        reached.then_some(self.messages.len() as u64)
    }

    /// Records that `skip` was requested under `req`.
    pub fn mark_pending(&mut self, req: RequestId, skip: u64) {
        self.pending = Some((req, skip));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MessageBody, Sender};
    use jiff::tz::TimeZone;

    fn page(skip: u64, n: u64, total: u64) -> Page<Message> {
        let items = (skip..(skip + n).min(total))
            .map(|i| Message {
                id: format!("m{i}"),
                conversation_id: "c".into(),
                from: "con_1".into(),
                sender: Sender::Contact,
                created_at: "2024-12-10T09:53:09Z".parse().ok(),
                body: MessageBody::Text { text: format!("message {i}"), is_mail: false },
                ..Default::default()
            })
            .collect::<Vec<_>>();
        let has_more = skip + (items.len() as u64) < total;
        Page { items, total, has_more }
    }

    #[test]
    fn older_pages_go_above_without_moving_the_view() {
        let tz = TimeZone::UTC;
        let ctx = LayoutContext { width: 40, tz: &tz, contact_name: "x" };
        let mut t = ThreadState::default();
        let (skip, _) = t.open("c".into(), "t".into(), "x".into(), 1);
        assert!(t.apply(1, skip, Ok(page(0, 30, 100))));
        assert_eq!(t.from_newest(0).unwrap().id, "m0", "newest at the bottom");
        assert_eq!(t.total, 100);
        t.scroll_up(20, 10, &ctx);
        let (anchor, skip_lines) = (t.anchor, t.anchor_skip);
        let bottom_id = t.from_newest(anchor).unwrap().id.clone();
        let older = t.wants_older(10, &ctx);
        assert_eq!(older, None, "30 messages are more than two screens above");
        t.scroll_up(200, 10, &ctx);
        assert_eq!(t.wants_older(10, &ctx), Some(30));
        t.mark_pending(2, 30);
        t.to_newest();
        t.scroll_up(20, 10, &ctx);
        assert!(t.apply(2, 30, Ok(page(30, 30, 100))));
        assert_eq!((t.anchor, t.anchor_skip), (anchor, skip_lines));
        assert_eq!(t.from_newest(t.anchor).unwrap().id, bottom_id, "the view did not jump");
        assert_eq!(t.loaded(), 60);
        assert_eq!(t.from_newest(59).unwrap().id, "m59", "oldest at the top");
    }

    #[test]
    fn a_failed_reload_keeps_the_thread_and_a_good_one_starts_over() {
        let mut t = ThreadState::default();
        t.open("c".into(), String::new(), String::new(), 1);
        assert!(t.apply(1, 0, Ok(page(0, 5, 5))));
        let (_, skip, _) = t.reload(2).expect("a conversation is open");
        assert!(t.apply(2, skip, Err("offline".into())));
        assert_eq!(t.loaded(), 5, "the last good messages stay");
        assert_eq!(t.error.as_deref(), Some("offline"));
        t.reload(3);
        assert!(t.apply(3, 0, Ok(page(0, 2, 2))));
        assert_eq!((t.loaded(), t.total), (2, 2), "a successful reload replaces the thread");
    }

    #[test]
    fn stale_pages_and_duplicates_are_ignored() {
        let mut t = ThreadState::default();
        t.open("c".into(), String::new(), String::new(), 1);
        assert!(!t.apply(9, 0, Ok(page(0, 5, 5))));
        assert!(t.apply(1, 0, Ok(page(0, 5, 5))));
        t.mark_pending(2, 3);
        assert!(t.apply(2, 3, Ok(page(3, 2, 5))));
        assert_eq!(t.loaded(), 5, "overlapping messages are not shown twice");
    }

    #[test]
    fn scrolling_stops_at_both_ends() {
        let tz = TimeZone::UTC;
        let ctx = LayoutContext { width: 40, tz: &tz, contact_name: "x" };
        let mut t = ThreadState::default();
        t.open("c".into(), String::new(), String::new(), 1);
        assert!(t.apply(1, 0, Ok(page(0, 3, 3))));
        t.scroll_down(5, &ctx);
        assert_eq!((t.anchor, t.anchor_skip), (0, 0));
        t.scroll_up(1000, 5, &ctx);
        assert!(t.anchor <= 2);
        let (lines, reached) = t.lines_above(5, &ctx);
        assert!(reached || lines >= 5);
    }
}
