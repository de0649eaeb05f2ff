//! The notification centre: the list, selection, mark read, dismiss, dismiss all with undo.
//!
//! The list is an append list (newest first, fetched page by page as the cursor nears its end),
//! not a [`super::paged::PagedList`]: dismissing makes items vanish, which shifts every later
//! server offset, and a fixed index → page mapping cannot represent that. Here the next page is
//! asked at `next_skip` (what the server has handed out so far, minus confirmed dismissals), and
//! no page is asked while a dismissal is in flight, so pages never overlap or leave a gap.
//! What the user sees is `view`: indices of the loaded items that pass the unread-only filter,
//! kept up to date by `update`, so drawing stays O(visible rows).
//!
//! The actions are handled in `notification_ops.rs`.

use crate::action::RequestId;
use imbox_model::{Notification, NotificationPage};
use jiff::Timestamp;
use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

/// Notifications asked for per request.
pub const PAGE_SIZE: u32 = 50;
/// How long a "dismiss all" can be undone before its request is sent.
pub const UNDO_WINDOW: Duration = Duration::from_secs(5);
/// The notification kind of conversation notifications (what "dismiss all" removes).
pub const KIND_CONVERSATION: i64 = 201;

/// What a write in flight changed optimistically, to put back if the server refuses.
#[derive(Debug, Clone, PartialEq)]
pub enum Rollback {
    /// These ids were flipped to read.
    Read(Vec<String>),
    /// "Mark all read": these loaded ids were flipped, and the badge showed `unread`.
    ReadAll {
        /// The loaded notifications that were unread.
        ids: Vec<String>,
        /// The badge before.
        unread: Option<u64>,
    },
    /// These notifications were removed, with their index in the list at the time.
    Dismissed(Vec<(usize, Notification)>),
    /// Everything as it was before "dismiss all".
    All(Snapshot),
}

/// The list and badge as they were before "dismiss all".
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The loaded items.
    pub items: Vec<Notification>,
    /// The server total.
    pub total: Option<u64>,
    /// The badge count.
    pub unread: Option<u64>,
    /// The next page offset.
    pub next_skip: u64,
}

/// A "dismiss all" waiting out its undo window.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingDismissAll {
    /// Its generation (the scheduled action must match it).
    pub generation: u64,
    /// When the request will be sent.
    pub deadline: Timestamp,
    /// What to restore on undo.
    pub snapshot: Snapshot,
}

/// State of the notification centre.
#[derive(Debug, Clone, Default)]
pub struct NotificationsState {
    /// Whether the centre is shown instead of the panes.
    pub open: bool,
    /// Loaded notifications, newest first, dismissed ones removed.
    pub items: Vec<Notification>,
    /// Notifications the server holds (not dismissed), adjusted for optimistic dismissals.
    pub total: Option<u64>,
    /// Rows shown: indices into `items` (all, or only the unread).
    pub view: Vec<usize>,
    /// Cursor: index into `view`.
    pub selected: usize,
    /// First visible row: index into `view`.
    pub offset: usize,
    /// Ids of the marked (multi-selected) notifications.
    pub marked: BTreeSet<String>,
    /// Id of the row last toggled with Space or V: where a `V` range starts.
    pub anchor: Option<String>,
    /// Whether only unread notifications are shown.
    pub unread_only: bool,
    /// Whether the "dismiss all?" prompt is up.
    pub confirm: bool,
    /// A "dismiss all" in its undo window.
    pub undo: Option<PendingDismissAll>,
    /// The notification whose details box is shown (it could not be opened as a conversation).
    pub details: Option<Notification>,
    /// Why the details box is shown instead of the conversation (what was tried).
    pub details_note: String,
    /// The search for a notification's conversation in flight (`notification_find.rs`).
    pub finding: Option<super::notification_find::Finding>,
    /// The last load or write error of the centre, in plain words.
    pub error: Option<String>,
    /// The last refused write, in plain words, shown until the next key.
    pub error_write: Option<String>,
    pub(super) next_skip: u64,
    pub(super) pending_page: Option<(RequestId, u64)>,
    pub(super) writes: HashMap<RequestId, Rollback>,
    pub(super) generation: u64,
}

impl NotificationsState {
    /// The notification under the cursor.
    pub fn selected_item(&self) -> Option<&Notification> {
        self.row(self.selected)
    }

    /// The notification of view row `i`.
    pub fn row(&self, i: usize) -> Option<&Notification> {
        self.items.get(*self.view.get(i)?)
    }

    /// Whether the first answer arrived.
    pub fn is_known(&self) -> bool {
        self.total.is_some()
    }

    /// Whether a page is being fetched or a notification's conversation looked for.
    pub fn is_loading(&self) -> bool {
        self.pending_page.is_some() || self.finding.is_some()
    }

    /// Whether the server may hold more than is loaded.
    pub fn has_more(&self) -> bool {
        match self.total {
            // `total` drops with each dismissal at once, `next_skip` only once the server
            // confirmed it; no page is asked in between (see `wanted_page`).
            Some(t) => self.next_skip < t,
            None => true,
        }
    }

    /// Whether a write (or a "dismiss all" in its undo window) has not been settled yet: the
    /// server's unread count is then behind what is shown, so badge answers are not applied.
    pub fn writes_pending(&self) -> bool {
        !self.writes.is_empty() || self.undo.is_some()
    }

    /// Whether a dismissal is in flight (pages are not asked then, see the module doc).
    pub(super) fn dismissing(&self) -> bool {
        self.undo.is_some()
            || self.writes.values().any(|r| !matches!(r, Rollback::Read(_) | Rollback::ReadAll { .. }))
    }

    /// The ids a command acts on: the marked rows, else the cursor's.
    pub fn targets(&self) -> Vec<String> {
        if self.marked.is_empty() {
            self.selected_item().map(|n| vec![n.id.clone()]).unwrap_or_default()
        } else {
            // Marked rows in list order, so requests and tests are deterministic.
            self.items.iter().filter(|n| self.marked.contains(&n.id)).map(|n| n.id.clone()).collect()
        }
    }

    /// Recomputes `view` after the items or the filter changed, keeping the cursor on the same
    /// notification when it is still shown (else on the row that took its place).
    pub fn rebuild_view(&mut self, viewport: usize) {
        let current = self.selected_item().map(|n| n.id.clone());
        let old_selected = self.selected;
        self.view = (0..self.items.len()).filter(|i| !self.unread_only || !self.items[*i].is_read).collect();
        self.selected = current
            .and_then(|id| self.view.iter().position(|i| self.items[*i].id == id))
            .unwrap_or(old_selected)
            .min(self.view.len().saturating_sub(1));
        self.marked.retain(|id| self.items.iter().any(|n| &n.id == id));
        self.scroll_to_selection(viewport);
    }

    /// Selects view row `index` (clamped), keeping it visible in `viewport` rows.
    pub fn select(&mut self, index: usize, viewport: usize) {
        self.selected = index.min(self.view.len().saturating_sub(1));
        self.scroll_to_selection(viewport);
    }

    /// Keeps the cursor visible.
    pub fn scroll_to_selection(&mut self, viewport: usize) {
        self.offset = super::paged::keep_visible(self.selected, self.offset, viewport, self.view.len());
    }

    /// The offset of the next page to ask for, when the cursor is within a screen of the end of
    /// what is loaded and the server has more.
    pub(super) fn wanted_page(&self, viewport: usize) -> Option<u64> {
        if self.pending_page.is_some() || self.error.is_some() && self.is_known() || self.dismissing() {
            return None;
        }
        if !self.is_known() {
            return (self.error.is_none()).then_some(0);
        }
        let near_end = self.offset + 2 * viewport.max(1) >= self.view.len();
        (near_end && self.has_more()).then_some(self.next_skip)
    }

    /// Applies a cached page (`state/cached.rs`) while nothing is loaded, leaving `req` pending
    /// for the server's answer; false when nothing changed.
    pub(super) fn apply_cached(&mut self, req: RequestId, skip: u64, page: NotificationPage) -> bool {
        if !self.items.is_empty() || !self.apply_page(req, skip, Ok(page)) {
            return false;
        }
        self.pending_page = Some((req, skip));
        true
    }

    /// Applies a page; false when it is stale. Items already loaded are not added twice.
    pub(super) fn apply_page(
        &mut self,
        req: RequestId,
        skip: u64,
        result: Result<NotificationPage, String>,
    ) -> bool {
        if self.pending_page != Some((req, skip)) {
            return false;
        }
        self.pending_page = None;
        match result {
            Ok(p) => {
                let got = p.page.items.len() as u64;
                for n in p.page.items {
                    if !self.items.iter().any(|m| m.id == n.id) {
                        self.items.push(n);
                    }
                }
                self.next_skip = skip + got;
                self.total =
                    Some(if p.page.has_more { p.page.total.max(self.next_skip) } else { self.next_skip });
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        true
    }

    /// The newest notifications, polled while the centre is open: new ones go on top (the
    /// server's later offsets move down by as many), known ones take the server's read state;
    /// the cursor stays on its notification. Nothing is merged while a write settles.
    pub(super) fn merge_first_page(&mut self, newest: Vec<Notification>, viewport: usize) {
        if self.writes_pending() {
            return;
        }
        let mut fresh = Vec::new();
        for n in newest {
            match self.items.iter_mut().find(|m| m.id == n.id) {
                Some(known) => known.is_read = n.is_read,
                None => fresh.push(n),
            }
        }
        let added = fresh.len() as u64;
        if added > 0 {
            self.items.splice(0..0, fresh);
            self.next_skip += added;
            self.total = self.total.map(|t| t + added);
        }
        self.rebuild_view(viewport);
    }

    /// Forgets the loaded list (a reload), keeping filter, cursor row and pending writes.
    pub(super) fn clear(&mut self) {
        self.items.clear();
        self.view.clear();
        self.total = None;
        self.next_skip = 0;
        self.pending_page = None;
        self.error = None;
        self.marked.clear();
        self.anchor = None;
        self.offset = 0;
        self.selected = 0;
    }

    /// The current list and badge, for undo or rollback of "dismiss all".
    pub(super) fn snapshot(&self, unread: Option<u64>) -> Snapshot {
        Snapshot { items: self.items.clone(), total: self.total, unread, next_skip: self.next_skip }
    }

    /// Seconds left in the undo window at `now` (rounded up), if one is running.
    pub fn undo_seconds_left(&self, now: Timestamp) -> Option<u64> {
        let u = self.undo.as_ref()?;
        let ms = (u.deadline.as_millisecond() - now.as_millisecond()).max(0);
        Some((ms as u64).div_ceil(1000))
    }
}
