//! Messages newer than what the thread holds, from wherever they come — a polled newest page, a
//! catch-up `after` page, a realtime `message.created` — go through one merge, so the rules are
//! the same for each: a message already held (by id, or by the echo id of a send from here) is
//! not shown twice, and the view never jumps. At the newest the view follows the new messages;
//! scrolled up it stays on the same lines and `new_below` counts what arrived ("↓ 3 new").
//!
//! The "── new ──" divider marks the first message the agent had not seen: set when the thread
//! opens (from what the backend knows was unread) and when messages arrive while the agent is
//! away from the thread or reading higher up. Once the agent has seen the newest message, the
//! divider stays where it is until the next unseen arrival moves it.

use super::ThreadState;
use super::cursor::oldest_first;
use crate::action::compose::is_agent_text;
use imbox_model::{Message, MessageBody};
use jiff::Timestamp;

/// Held messages scanned for an echo id (the sends from here are among the newest).
const ECHO_SCAN: usize = 100;

/// What the agent had not seen when the thread opened, applied when its first page arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnseenOnOpen {
    /// The newest `n` messages (Chatwoot's unread count, iMBRACE's unread notifications).
    Newest(usize),
    /// The customer's messages written after this time (SMS/RCS: when this agent last opened it).
    After(Timestamp),
}

impl ThreadState {
    /// Adds `messages` below the newest message held, skipping those already held (by id, or a
    /// send from here the thread has by its echo id), and returns how many were added. A page
    /// may come newest first or oldest first; one message is `merge_newer([m])`. A view at the
    /// newest follows them; a view scrolled up keeps its lines and counts them in `new_below`.
    /// The total is the caller's to update (a polled page carries the server's).
    pub fn merge_newer(&mut self, messages: impl IntoIterator<Item = Message>) -> usize {
        let mut added = 0;
        for m in oldest_first(messages.into_iter().collect()) {
            if self.ids.contains(&m.id) {
                // A polled page brings held messages again: their delivery status may have
                // moved on (an SMS goes sending → delivered after the send was confirmed).
                self.refresh_status(&m);
                continue;
            }
            if self.holds_echo(&m.echo_id) || self.takes_server_copy(&m) {
                continue;
            }
            self.ids.insert(m.id.clone());
            self.messages.push_back(m);
            added += 1;
        }
        if added > 0 && !self.at_newest() {
            self.anchor += added;
            self.new_below += added;
        }
        added
    }

    /// A send from here held under its send's id (an SMS ticket) whose server copy arrives with
    /// another id and no echo id: the copy with the same text replaces it (its id, status and
    /// time), so it is not shown twice. True when it did.
    fn takes_server_copy(&mut self, m: &Message) -> bool {
        if self.unlisted.is_empty() || !m.echo_id.is_empty() {
            return false;
        }
        let unlisted = &self.unlisted;
        // The oldest such send first: the server lists two identical sends in the order sent.
        let from = self.messages.len().saturating_sub(ECHO_SCAN);
        let held = self.messages.iter_mut().skip(from).find(|h| {
            let MessageBody::Text { text, .. } = &h.body else { return false };
            unlisted.contains(&h.id) && is_agent_text(m, text, h.private)
        });
        let Some(held) = held else { return false };
        let old = std::mem::replace(&mut held.id, m.id.clone());
        if !m.status.is_empty() {
            held.status = m.status.clone();
        }
        if m.created_at.is_some() {
            held.created_at = m.created_at;
        }
        self.unlisted.remove(&old);
        self.ids.remove(&old);
        self.ids.insert(m.id.clone());
        true
    }

    /// Takes a newer delivery status of a held message (among the newest [`ECHO_SCAN`]).
    fn refresh_status(&mut self, m: &Message) {
        let held = self.messages.iter_mut().rev().take(ECHO_SCAN).find(|h| h.id == m.id);
        if let Some(h) = held.filter(|h| !m.status.is_empty() && h.status != m.status) {
            h.status = m.status.clone();
        }
    }

    /// Whether a held message carries `echo_id` (never true for an empty one).
    fn holds_echo(&self, echo_id: &str) -> bool {
        !echo_id.is_empty() && self.messages.iter().rev().take(ECHO_SCAN).any(|m| m.echo_id == echo_id)
    }

    /// The newest `added` messages arrived unseen (the agent is away from the thread or reads
    /// higher up): the divider goes above the first of them, unless it already marks something
    /// the agent has not seen.
    pub fn mark_unseen(&mut self, added: usize) {
        if added == 0 || (self.divider.is_some() && !self.divider_settled) {
            return;
        }
        let len = self.messages.len();
        if let Some(m) = self.messages.get(len.saturating_sub(added)) {
            self.divider = Some(m.id.clone());
            self.divider_settled = false;
        }
    }

    /// The agent sees the newest message: nothing below is new any more, and the next unseen
    /// arrival may move the divider.
    pub fn seen_newest(&mut self) {
        self.new_below = 0;
        if self.divider.is_some() {
            self.divider_settled = true;
        }
    }

    /// Remembers what was unseen when the thread opened; the divider is placed when the first
    /// page arrives (now, if it already has).
    pub fn set_unseen_on_open(&mut self, unseen: UnseenOnOpen) {
        self.unseen_on_open = Some(unseen);
        if !self.messages.is_empty() {
            self.place_open_divider();
        }
    }

    /// Places the divider for [`UnseenOnOpen`] (once).
    pub(super) fn place_open_divider(&mut self) {
        let Some(unseen) = self.unseen_on_open.take() else { return };
        let first = match unseen {
            UnseenOnOpen::Newest(0) => None,
            // More unread than loaded: above the oldest loaded.
            UnseenOnOpen::Newest(n) => self.messages.get(self.messages.len().saturating_sub(n)),
            UnseenOnOpen::After(since) => self.messages.iter().find(|m| {
                m.sender == imbox_model::Sender::Contact && m.created_at.is_some_and(|t| t > since)
            }),
        };
        if let Some(m) = first {
            self.divider = Some(m.id.clone());
            self.divider_settled = false;
        }
    }
}

#[cfg(test)]
mod status_tests {
    use super::*;
    use imbox_model::Sender;

    #[test]
    fn a_polled_page_moves_a_held_message_s_delivery_status_on() {
        let mut t = ThreadState::default();
        let sent = Message {
            id: "m1".into(),
            sender: Sender::Agent,
            status: "sending".into(),
            ..Default::default()
        };
        assert_eq!(t.merge_newer([sent.clone()]), 1);
        let delivered = Message { status: "delivered".into(), ..sent.clone() };
        assert_eq!(t.merge_newer([delivered]), 0, "held: not added again");
        assert_eq!(t.messages.back().map(|m| m.status.as_str()), Some("delivered"));
        // A copy without a status does not blank the one held.
        assert_eq!(t.merge_newer([Message { status: String::new(), ..sent }]), 0);
        assert_eq!(t.messages.back().map(|m| m.status.as_str()), Some("delivered"));
    }

    fn text(id: &str, s: &str, echo: &str) -> Message {
        Message {
            id: id.into(),
            sender: Sender::Agent,
            body: imbox_model::MessageBody::Text { text: s.into(), is_mail: false },
            echo_id: echo.into(),
            status: "sending".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_send_held_under_its_ticket_is_replaced_by_the_server_s_copy_once() {
        let mut t = ThreadState::default();
        // Two identical texts sent from here, held under their tickets.
        t.add_sent(text("ticket-1", "ok", "e-1"));
        t.add_sent(text("ticket-2", "ok", "e-2"));
        let listed = |id: &str| Message { status: "delivered".into(), ..text(id, "ok", "") };
        assert_eq!(t.merge_newer([listed("901")]), 0, "the first send's copy");
        assert_eq!(t.merge_newer([listed("901"), listed("902")]), 0, "then the second's");
        let held: Vec<_> = t.messages.iter().map(|m| (m.id.as_str(), m.status.as_str())).collect();
        assert_eq!(held, [("901", "delivered"), ("902", "delivered")]);
        // A third "ok" from a colleague is news.
        assert_eq!(t.merge_newer([listed("903")]), 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::thread::LayoutContext;
    use imbox_model::{MessageBody, Page, Sender};
    use jiff::tz::TimeZone;

    fn msg(i: u64) -> Message {
        Message {
            id: format!("m{i}"),
            sender: Sender::Contact,
            created_at: Timestamp::from_second(1_700_000_000 + i as i64).ok(),
            body: MessageBody::Text { text: format!("message {i}"), is_mail: false },
            ..Default::default()
        }
    }

    /// A thread holding m0..m{n-1}, newest m{n-1}, at the newest.
    fn thread(n: u64) -> ThreadState {
        let mut t = ThreadState::default();
        t.open("c".into(), String::new(), String::new(), 1, false);
        let items = (0..n).rev().map(msg).collect();
        assert!(t.apply(1, 0, Ok(Page { items, total: n, has_more: false })));
        t
    }

    fn ids(t: &ThreadState) -> Vec<String> {
        (0..t.loaded()).rev().filter_map(|i| t.nth_newest(i)).map(|m| m.id.clone()).collect()
    }

    #[test]
    fn held_messages_and_echoes_are_not_added_twice() {
        let mut t = thread(3);
        let mine = Message { id: "s1".into(), echo_id: "imbox-1".into(), sender: Sender::Agent, ..msg(3) };
        t.add_sent(mine.clone());
        // A polled page holding everything plus one new message, newest first.
        let copy = Message { id: "s1-again".into(), ..mine };
        assert_eq!(t.merge_newer(vec![msg(4), copy, msg(2), msg(1)]), 1);
        assert_eq!(ids(&t), ["m0", "m1", "m2", "s1", "m4"]);
        assert_eq!(t.merge_newer([msg(4)]), 0, "one message, already held");
    }

    #[test]
    fn at_the_newest_the_view_follows_and_scrolled_up_it_stays() {
        let tz = TimeZone::UTC;
        let ctx = LayoutContext { width: 40, tz: &tz, contact_name: "x" };
        let mut t = thread(20);
        assert_eq!(t.merge_newer([msg(20)]), 1);
        assert_eq!((t.anchor, t.anchor_skip, t.new_below), (0, 0, 0), "followed");
        t.scroll_up(12, 10, &ctx);
        let (anchor, skip) = (t.anchor, t.anchor_skip);
        let bottom = t.nth_newest(anchor).map(|m| m.id.clone());
        assert_eq!(t.merge_newer(vec![msg(22), msg(21)]), 2);
        assert_eq!((t.anchor, t.anchor_skip), (anchor + 2, skip));
        assert_eq!(t.nth_newest(t.anchor).map(|m| m.id.clone()), bottom, "same lines on screen");
        assert_eq!(t.new_below, 2);
        t.merge_newer([msg(23)]);
        assert_eq!(t.new_below, 3);
        t.scroll_down(1000, &ctx);
        assert_eq!((t.anchor, t.anchor_skip, t.new_below), (0, 0, 0), "reaching the bottom clears it");
        t.scroll_up(12, 10, &ctx);
        t.merge_newer([msg(24)]);
        t.jump_to_newest();
        assert_eq!(t.new_below, 0, "G clears it too");
    }

    #[test]
    fn the_divider_marks_the_first_unseen_and_moves_only_after_being_seen() {
        let mut t = thread(5);
        t.merge_newer([msg(5), msg(6)]);
        t.mark_unseen(2);
        assert_eq!(t.divider.as_deref(), Some("m5"));
        t.merge_newer([msg(7)]);
        t.mark_unseen(1);
        assert_eq!(t.divider.as_deref(), Some("m5"), "still unseen: the divider stays at the first");
        t.seen_newest();
        t.merge_newer([msg(8)]);
        t.mark_unseen(1);
        assert_eq!(t.divider.as_deref(), Some("m8"), "seen, then new ones: it moves");
        let tz = TimeZone::UTC;
        let ctx = LayoutContext { width: 30, tz: &tz, contact_name: "x" };
        let first: String = t.lines_of(0, &ctx)[0].spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(first.contains("── new ──"), "{first}");
        let plain: String = t.lines_of(1, &ctx)[0].spans.iter().map(|s| s.content.as_ref()).collect();
        assert!(!plain.contains("new"), "{plain}");
    }

    #[test]
    fn the_divider_on_open_from_a_count_or_a_time() {
        let mut t = ThreadState::default();
        t.open("c".into(), String::new(), String::new(), 1, false);
        t.set_unseen_on_open(UnseenOnOpen::Newest(2));
        let items = (0..6).rev().map(msg).collect();
        assert!(t.apply(1, 0, Ok(Page { items, total: 6, has_more: false })));
        assert_eq!(t.divider.as_deref(), Some("m4"));
        let mut t = thread(6);
        let since = msg(3).created_at.unwrap_or_default();
        t.set_unseen_on_open(UnseenOnOpen::After(since));
        assert_eq!(t.divider.as_deref(), Some("m4"), "the first customer message after the time");
        let mut t = thread(3);
        t.set_unseen_on_open(UnseenOnOpen::Newest(0));
        assert_eq!(t.divider, None, "nothing unread: no divider");
    }
}
