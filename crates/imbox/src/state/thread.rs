//! The message thread: oldest at the top, newest at the bottom, opened at the newest.
//!
//! The view is anchored at its bottom edge: `anchor` counts messages from the newest, and
//! `anchor_skip` is how many lines of that message are hidden below the edge. Loading older
//! messages adds them above, so the anchor — and what the user sees — does not move. Scrolling
//! and drawing lay out only the messages on screen.
//!
//! Two ways of paging exist. Offset backends (iMBRACE) ask `skip` messages from the newest and
//! report a total. Cursor backends (`capabilities.cursor_history`, Chatwoot) ask the page
//! `before` the oldest id held to scroll back and `after` the newest id held to catch up; their
//! total is unknown, so it stays 0 and nothing shows a count (see `thread/cursor.rs`).

mod cursor;
mod merge;

pub use cursor::AFTER_PAGE;
pub use merge::UnseenOnOpen;

use crate::action::RequestId;
use crate::layout::thread::{LayoutContext, message_lines};
use imbox_model::{Message, Page};
use std::collections::{HashSet, VecDeque};

/// Messages asked for per request.
pub const PAGE_SIZE: u32 = 30;

/// Which messages one request asks for, as the command carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageFetch {
    /// Messages to skip from the newest (offset paging; informational for cursor requests).
    pub skip: u64,
    /// Page size asked for.
    pub limit: u32,
    /// Only messages older than this id (cursor paging: scrolling back).
    pub before: Option<String>,
    /// Only messages newer than this id (cursor paging: catching up).
    pub after: Option<String>,
}

impl MessageFetch {
    /// The page `skip` messages from the newest (offset paging; `skip` 0 is also the newest page
    /// of a cursor backend).
    pub fn offset(skip: u64) -> Self {
        MessageFetch { skip, limit: PAGE_SIZE, before: None, after: None }
    }

    /// Whether this asks for newer messages (appended below) rather than older ones.
    pub fn is_newer(&self) -> bool {
        self.after.is_some()
    }
}

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
    /// Sends from here held under the id their send answered with (an SMS ticket), which the
    /// server's listing may not use: its copy replaces them (`merge.rs`).
    unlisted: HashSet<String>,
    /// Messages in the whole conversation, as the server reports (0: unknown, always so for
    /// cursor paging).
    pub total: u64,
    /// Whether older messages remain to be loaded.
    pub has_more: bool,
    /// Whether this conversation pages by message id (`before`/`after`) instead of offset.
    pub cursor: bool,
    /// The request in flight: its id, offset, and whether it asks for newer messages.
    pending: Option<(RequestId, u64, bool)>,
    /// A catch-up page came back full: more newer messages wait on the server.
    more_newer: bool,
    /// The last load error, in plain words.
    pub error: Option<String>,
    /// Message (counted from the newest, 0 = newest) at the bottom edge of the view.
    pub anchor: usize,
    /// Lines of the anchor message hidden below the bottom edge.
    pub anchor_skip: usize,
    /// The pending request is a reload: its success replaces everything loaded.
    replace_on_success: bool,
    /// Messages sent from here that the server has not confirmed (sending, failed), oldest
    /// first: shown below the newest message, never used for paging.
    outbox: Vec<Message>,
    /// Messages added below while the view was scrolled up ("↓ 3 new"); 0 once the view is at
    /// the newest again.
    pub new_below: usize,
    /// The first message the agent had not seen: "── new ──" is drawn above it.
    pub divider: Option<String>,
    /// The agent has since seen everything below the divider: the next unseen arrival moves it.
    divider_settled: bool,
    /// What was unseen when the thread opened, until its first page places the divider.
    unseen_on_open: Option<UnseenOnOpen>,
    /// Text being found in it (`/`; see `state/find.rs`); gone with the conversation.
    pub find: Option<super::find::ThreadFind>,
}

impl ThreadState {
    /// Opens a conversation: forgets the old one and asks for the newest page. `cursor`: the
    /// backend pages by message id (see the module doc).
    pub fn open(
        &mut self,
        id: String,
        title: String,
        contact_name: String,
        req: RequestId,
        cursor: bool,
    ) -> MessageFetch {
        *self = ThreadState {
            conversation_id: Some(id),
            title,
            contact_name,
            pending: Some((req, 0, false)),
            has_more: true,
            cursor,
            ..ThreadState::default()
        };
        MessageFetch::offset(0)
    }

    /// Reloads (R): offset paging starts again from the newest message; cursor paging asks for
    /// what came `after` the newest message held and adds it below.
    pub fn reload(&mut self, req: RequestId) -> Option<(String, MessageFetch)> {
        let id = self.conversation_id.clone()?;
        self.error = None;
        if let Some(fetch) = self.catch_up() {
            self.pending = Some((req, fetch.skip, true));
            return Some((id, fetch));
        }
        // Keep the messages on screen until the newest page arrives; only then start over, so a
        // failed reload leaves the last good thread in place.
        self.pending = Some((req, 0, false));
        self.replace_on_success = true;
        Some((id, MessageFetch::offset(0)))
    }

    /// Number of loaded messages.
    pub fn loaded(&self) -> usize {
        self.messages.len()
    }

    /// Whether a request is in flight.
    pub fn is_loading(&self) -> bool {
        self.pending.is_some()
    }

    /// The message `from_newest` places from the newest (0 = newest), unconfirmed sends
    /// counted as the newest.
    pub fn nth_newest(&self, from_newest: usize) -> Option<&Message> {
        let out = self.outbox.len();
        if from_newest < out {
            return self.outbox.get(out - 1 - from_newest);
        }
        let from_newest = from_newest - out;
        let len = self.messages.len();
        if from_newest >= len { None } else { self.messages.get(len - 1 - from_newest) }
    }

    /// The newest `n` loaded messages (unconfirmed sends not counted), oldest first: what a
    /// merge just added below.
    pub fn newest_loaded(&self, n: usize) -> impl Iterator<Item = &Message> {
        self.messages.iter().skip(self.messages.len().saturating_sub(n))
    }

    /// Messages shown: loaded ones and unconfirmed sends.
    fn shown(&self) -> usize {
        self.messages.len() + self.outbox.len()
    }

    /// Messages shown, as [`ThreadState::nth_newest`] counts them.
    pub fn shown_count(&self) -> usize {
        self.shown()
    }

    /// Scrolls so message `from_newest` is on screen with its line `line` (0: its first) about
    /// the middle of the view when the message is taller than the view, else the whole message
    /// at the bottom edge — as far as the oldest loaded line allows.
    pub fn show(&mut self, from_newest: usize, line: usize, viewport: usize, ctx: &LayoutContext) {
        if from_newest >= self.shown() {
            return;
        }
        let last = self.height(from_newest, ctx).saturating_sub(1);
        self.anchor = from_newest;
        self.anchor_skip = last - last.min(line + viewport / 2);
        self.clamp_top(viewport, ctx);
        if self.at_newest() {
            self.new_below = 0;
        }
    }

    /// Replaces the unconfirmed sends shown below the newest message. A view at the newest
    /// follows them; a view scrolled up keeps its lines.
    pub fn set_outbox(&mut self, outbox: Vec<Message>) {
        if self.anchor != 0 || self.anchor_skip != 0 {
            self.anchor = (self.anchor + outbox.len()).saturating_sub(self.outbox.len());
        }
        self.outbox = outbox;
    }

    /// Adds the server's copy of a message sent from here below the newest (once).
    pub fn add_sent(&mut self, m: Message) {
        if self.ids.insert(m.id.clone()) {
            if !m.echo_id.is_empty() {
                self.unlisted.insert(m.id.clone());
            }
            self.messages.push_back(m);
            // The server's count grew too: a poll's total then shows no gap.
            if !self.cursor {
                self.total += 1;
            }
            if !self.at_newest() {
                self.anchor += 1;
            }
        }
    }

    /// Replaces a held message by the server's newer copy (a realtime `message.updated`: a
    /// status, an edit, an attachment); false when the thread does not hold it.
    pub fn update_message(&mut self, m: Message) -> bool {
        match self.messages.iter_mut().find(|held| held.id == m.id) {
            Some(held) => {
                *held = m;
                true
            }
            None => false,
        }
    }

    /// Whether the view shows the newest message's last line.
    pub fn at_newest(&self) -> bool {
        self.anchor == 0 && self.anchor_skip == 0
    }

    /// Applies a page of messages (newest first); false when the result is stale.
    pub fn apply(&mut self, req: RequestId, skip: u64, result: Result<Page<Message>, String>) -> bool {
        let newer = match self.pending {
            Some((r, s, newer)) if r == req && s == skip => newer,
            _ => return false,
        };
        self.pending = None;
        let replacing = std::mem::take(&mut self.replace_on_success);
        match result {
            Ok(page) if newer => self.append_newer(page),
            Ok(page) if self.cursor => {
                if replacing {
                    self.forget_messages();
                }
                self.prepend_older(page);
            }
            Ok(page) => {
                if replacing {
                    self.forget_messages();
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
        self.place_open_divider_when_loaded();
        true
    }

    fn place_open_divider_when_loaded(&mut self) {
        if !self.messages.is_empty() {
            self.place_open_divider();
        }
    }

    /// Drops every loaded message and returns to the newest (a successful reload).
    /// Applies a cached newest page (`state/cached.rs`) while nothing is shown and `req` asks
    /// for that page, leaving it pending; the server's answer then replaces the cached messages
    /// instead of merging with them. False when nothing changed.
    pub fn apply_cached(&mut self, req: RequestId, page: Page<Message>) -> bool {
        if !self.messages.is_empty() || self.pending != Some((req, 0, false)) {
            return false;
        }
        self.apply(req, 0, Ok(page));
        self.pending = Some((req, 0, false));
        self.replace_on_success = true;
        true
    }

    fn forget_messages(&mut self) {
        self.messages.clear();
        self.ids.clear();
        self.unlisted.clear();
        self.anchor = 0;
        self.anchor_skip = 0;
    }

    /// Lines of the message `from_newest` places from the newest, as it is drawn.
    pub fn lines_of(&self, from_newest: usize, ctx: &LayoutContext) -> Vec<ratatui::text::Line<'static>> {
        match self.nth_newest(from_newest) {
            Some(m) if self.divider.as_ref() == Some(&m.id) => {
                let mut lines = vec![crate::layout::thread::new_divider(ctx.width.max(1))];
                lines.extend(message_lines(m, self.nth_newest(from_newest + 1), ctx));
                lines
            }
            Some(m) => message_lines(m, self.nth_newest(from_newest + 1), ctx),
            None => Vec::new(),
        }
    }

    fn height(&self, from_newest: usize, ctx: &LayoutContext) -> usize {
        self.lines_of(from_newest, ctx).len()
    }

    /// Scrolls towards older messages by `n` lines, stopping at the oldest loaded line.
    pub fn scroll_up(&mut self, n: usize, viewport: usize, ctx: &LayoutContext) {
        if self.shown() == 0 {
            return;
        }
        self.anchor_skip += n;
        loop {
            let h = self.height(self.anchor, ctx);
            if self.anchor_skip >= h && self.anchor + 1 < self.shown() {
                self.anchor_skip -= h;
                self.anchor += 1;
            } else {
                break;
            }
        }
        self.clamp_top(viewport, ctx);
    }

    /// Scrolls towards newer messages by `n` lines, stopping at the newest.
    pub fn scroll_down(&mut self, n: usize, ctx: &LayoutContext) {
        self.scroll_down_lines(n, ctx);
        // Reaching the newest, the agent has seen what "↓ N new" counted.
        if self.at_newest() {
            self.new_below = 0;
        }
    }

    fn scroll_down_lines(&mut self, mut n: usize, ctx: &LayoutContext) {
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

    /// Jumps to the newest message (and so has seen what was new below).
    pub fn jump_to_newest(&mut self) {
        self.anchor = 0;
        self.anchor_skip = 0;
        self.new_below = 0;
    }

    /// Jumps to the oldest loaded message (its top at the top of the view).
    pub fn jump_to_oldest(&mut self, viewport: usize, ctx: &LayoutContext) {
        if self.shown() == 0 {
            return;
        }
        self.anchor = self.shown() - 1;
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
            if i >= self.shown() {
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

    /// The next page to request: newer messages while a catch-up is unfinished, else the next
    /// older page when the view (plus a screen of margin) reaches the oldest loaded message and
    /// more exist.
    pub fn wants_fetch(&self, viewport: usize, ctx: &LayoutContext) -> Option<MessageFetch> {
        if self.pending.is_some() || self.error.is_some() || self.conversation_id.is_none() {
            return None;
        }
        if self.more_newer {
            return self.catch_up();
        }
        if !self.has_more {
            return None;
        }
        if self.messages.is_empty() {
            return Some(MessageFetch::offset(0));
        }
        let (_, reached) = self.lines_above(viewport * 2, ctx);
        reached.then(|| self.older_fetch())
    }

    /// Records that `fetch` was requested under `req`.
    pub fn mark_pending(&mut self, req: RequestId, fetch: &MessageFetch) {
        self.pending = Some((req, fetch.skip, fetch.is_newer()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imbox_model::{MessageBody, Sender};
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
        let first = t.open("c".into(), "t".into(), "x".into(), 1, false);
        assert!(t.apply(1, first.skip, Ok(page(0, 30, 100))));
        assert_eq!(t.nth_newest(0).unwrap().id, "m0", "newest at the bottom");
        assert_eq!(t.total, 100);
        t.scroll_up(20, 10, &ctx);
        let (anchor, skip_lines) = (t.anchor, t.anchor_skip);
        let bottom_id = t.nth_newest(anchor).unwrap().id.clone();
        let older = t.wants_fetch(10, &ctx);
        assert_eq!(older, None, "30 messages are more than two screens above");
        t.scroll_up(200, 10, &ctx);
        assert_eq!(t.wants_fetch(10, &ctx), Some(MessageFetch::offset(30)));
        t.mark_pending(2, &MessageFetch::offset(30));
        t.jump_to_newest();
        t.scroll_up(20, 10, &ctx);
        assert!(t.apply(2, 30, Ok(page(30, 30, 100))));
        assert_eq!((t.anchor, t.anchor_skip), (anchor, skip_lines));
        assert_eq!(t.nth_newest(t.anchor).unwrap().id, bottom_id, "the view did not jump");
        assert_eq!(t.loaded(), 60);
        assert_eq!(t.nth_newest(59).unwrap().id, "m59", "oldest at the top");
    }

    #[test]
    fn a_failed_reload_keeps_the_thread_and_a_good_one_starts_over() {
        let mut t = ThreadState::default();
        t.open("c".into(), String::new(), String::new(), 1, false);
        assert!(t.apply(1, 0, Ok(page(0, 5, 5))));
        let (_, fetch) = t.reload(2).expect("a conversation is open");
        assert!(t.apply(2, fetch.skip, Err("offline".into())));
        assert_eq!(t.loaded(), 5, "the last good messages stay");
        assert_eq!(t.error.as_deref(), Some("offline"));
        t.reload(3);
        assert!(t.apply(3, 0, Ok(page(0, 2, 2))));
        assert_eq!((t.loaded(), t.total), (2, 2), "a successful reload replaces the thread");
    }

    #[test]
    fn stale_pages_and_duplicates_are_ignored() {
        let mut t = ThreadState::default();
        t.open("c".into(), String::new(), String::new(), 1, false);
        assert!(!t.apply(9, 0, Ok(page(0, 5, 5))));
        assert!(t.apply(1, 0, Ok(page(0, 5, 5))));
        t.mark_pending(2, &MessageFetch::offset(3));
        assert!(t.apply(2, 3, Ok(page(3, 2, 5))));
        assert_eq!(t.loaded(), 5, "overlapping messages are not shown twice");
    }

    #[test]
    fn scrolling_stops_at_both_ends() {
        let tz = TimeZone::UTC;
        let ctx = LayoutContext { width: 40, tz: &tz, contact_name: "x" };
        let mut t = ThreadState::default();
        t.open("c".into(), String::new(), String::new(), 1, false);
        assert!(t.apply(1, 0, Ok(page(0, 3, 3))));
        t.scroll_down(5, &ctx);
        assert_eq!((t.anchor, t.anchor_skip), (0, 0));
        t.scroll_up(1000, 5, &ctx);
        assert!(t.anchor <= 2);
        let (lines, reached) = t.lines_above(5, &ctx);
        assert!(reached || lines >= 5);
    }
}
