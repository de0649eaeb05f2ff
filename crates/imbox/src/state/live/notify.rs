//! A notification event: the badge takes the server's unread count, and an open notification
//! centre gains, updates or loses the row.

use crate::state::State;
use imbox_model::Notification;
use imbox_model::live::NotificationChange;

impl State {
    /// `notification.created`, `.updated`, `.deleted`.
    pub(super) fn notification_changed(
        &mut self,
        change: NotificationChange,
        notification: Option<Notification>,
        unread_count: u64,
    ) {
        // While a write of ours settles the server's count is behind what is shown (as for a
        // badge answer); the refresh after the write brings the true count.
        if !self.notifications.writes_pending() {
            self.badge.unread = Some(unread_count);
        }
        let Some(n) = notification else { return };
        let list = &mut self.notifications;
        if !list.is_known() {
            // Not loaded yet: its first page brings the row.
            return;
        }
        let held = list.items.iter().position(|m| m.id == n.id);
        match (change, held) {
            (NotificationChange::Deleted, Some(i)) => {
                list.items.remove(i);
                list.total = list.total.map(|t| t.saturating_sub(1));
                // The server's offsets moved up one for the pages not loaded yet.
                list.next_skip = list.next_skip.saturating_sub(1);
            }
            (_, Some(i)) => list.items[i] = n,
            // One not loaded changed: the page that holds it brings the new copy.
            (NotificationChange::Deleted | NotificationChange::Updated, None) => {}
            (NotificationChange::Created, None) => {
                list.items.insert(0, n);
                list.total = list.total.map(|t| t + 1);
                list.next_skip += 1;
            }
        }
        let v = self.notifications_viewport();
        self.notifications.rebuild_view(v);
    }
}
