//! Paging a thread by message id (`capabilities.cursor_history`, Chatwoot): the page `before`
//! the oldest id held when scrolling back, the messages `after` the newest id held to catch up.
//!
//! The server's total is unknown here, so `total` stays 0 and the pane shows how many messages
//! are loaded instead of a count that would be wrong. Older pages go in front (the anchor keeps
//! the view still, as for offset paging); newer ones go below: a view sitting at the newest
//! message follows them, a view scrolled up stays where it is.

use super::{MessageFetch, PAGE_SIZE, ThreadState};
use imbox_model::{Message, Page};

/// Messages a catch-up (`after`) page holds at most (Chatwoot's fixed size); a fuller page means
/// more may wait, so another catch-up follows.
pub const AFTER_PAGE: usize = 100;

impl ThreadState {
    /// The catch-up request: what came after the newest message held (cursor paging with
    /// messages loaded only).
    pub(super) fn catch_up(&self) -> Option<MessageFetch> {
        if !self.cursor {
            return None;
        }
        let newest = self.messages.back()?;
        Some(MessageFetch { skip: 0, limit: PAGE_SIZE, before: None, after: Some(newest.id.clone()) })
    }

    /// What a poll of the thread asks: the messages after the newest held (cursor paging), or
    /// the newest page (offset paging, or nothing held yet).
    pub fn poll_fetch(&self) -> MessageFetch {
        self.catch_up().unwrap_or_else(|| MessageFetch::offset(0))
    }

    /// The next older page: by offset, or `before` the oldest message held.
    pub(super) fn older_fetch(&self) -> MessageFetch {
        let skip = self.messages.len() as u64;
        match self.messages.front().filter(|_| self.cursor) {
            Some(oldest) => {
                MessageFetch { skip, limit: PAGE_SIZE, before: Some(oldest.id.clone()), after: None }
            }
            None => MessageFetch::offset(skip),
        }
    }

    /// A `before` (or first) page: older messages go in front, the view does not move.
    pub(super) fn prepend_older(&mut self, page: Page<Message>) {
        // The total of a cursor backend is unknown: never show one.
        self.total = 0;
        self.has_more = page.has_more;
        for m in oldest_first(page.items).into_iter().rev() {
            if self.ids.insert(m.id.clone()) {
                self.messages.push_front(m);
            }
        }
        self.error = None;
    }

    /// An `after` page: newer messages go below (see [`ThreadState::merge_newer`]); a full one
    /// asks for more.
    pub(super) fn append_newer(&mut self, page: Page<Message>) {
        let got = page.items.len();
        let added = self.merge_newer(oldest_first(page.items));
        self.more_newer = got >= AFTER_PAGE && added > 0;
        self.error = None;
    }
}

/// The page's messages oldest first. The Backend trait promises newest first; a page that
/// arrives in the server's ascending order (first older than last) is accepted as well.
pub(super) fn oldest_first(mut items: Vec<Message>) -> Vec<Message> {
    let first = items.first().and_then(|m| m.created_at);
    let last = items.last().and_then(|m| m.created_at);
    let ascending = matches!((first, last), (Some(a), Some(b)) if a < b);
    if !ascending {
        items.reverse();
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use imbox_model::{MessageBody, Sender};

    fn msgs(ids: std::ops::Range<u64>) -> Vec<Message> {
        ids.map(|i| Message {
            id: i.to_string(),
            sender: Sender::Contact,
            created_at: jiff::Timestamp::from_second(1_700_000_000 + i as i64).ok(),
            body: MessageBody::Text { text: format!("m{i}"), is_mail: false },
            ..Default::default()
        })
        .collect()
    }

    fn newest_first(ids: std::ops::Range<u64>, has_more: bool) -> Page<Message> {
        let mut items = msgs(ids);
        items.reverse();
        Page { items, total: 0, has_more }
    }

    fn order(t: &ThreadState) -> Vec<String> {
        (0..t.loaded()).rev().filter_map(|i| t.nth_newest(i)).map(|m| m.id.clone()).collect()
    }

    #[test]
    fn before_goes_in_front_and_after_goes_below_in_order() {
        let mut t = ThreadState::default();
        let first = t.open("7".into(), String::new(), String::new(), 1, true);
        assert_eq!(first, MessageFetch::offset(0));
        assert!(t.apply(1, 0, Ok(newest_first(40..60, true))));
        assert_eq!(t.total, 0, "a cursor backend's total is unknown");
        let older = t.older_fetch();
        assert_eq!(older.before.as_deref(), Some("40"));
        t.mark_pending(2, &older);
        assert!(t.apply(2, older.skip, Ok(newest_first(20..40, true))));
        let (_, up) = t.reload(3).expect("open");
        assert_eq!(up.after.as_deref(), Some("59"));
        // The server's ascending order is accepted too.
        assert!(t.apply(3, 0, Ok(Page { items: msgs(60..63), total: 0, has_more: false })));
        let want: Vec<String> = (20..63).map(|i| i.to_string()).collect();
        assert_eq!(order(&t), want);
        assert!(t.has_more, "a catch-up says nothing about older messages");
    }

    #[test]
    fn a_full_catch_up_asks_again_and_a_scrolled_view_stays() {
        let mut t = ThreadState::default();
        t.open("7".into(), String::new(), String::new(), 1, true);
        assert!(t.apply(1, 0, Ok(newest_first(0..20, false))));
        t.anchor = 3;
        let (_, up) = t.reload(2).expect("open");
        assert!(t.apply(2, up.skip, Ok(newest_first(20..20 + AFTER_PAGE as u64, false))));
        assert_eq!(t.anchor, 3 + AFTER_PAGE, "the same message stays at the bottom edge");
        assert_eq!(t.nth_newest(t.anchor).map(|m| m.id.as_str()), Some("16"));
        let next = t.catch_up().expect("more newer");
        assert!(t.more_newer);
        assert_eq!(next.after.as_deref(), Some("119"));
    }
}
