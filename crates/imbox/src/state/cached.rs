//! Answers from the on-disk cache (`effects/cache`): where they are shown and how their age is
//! told.
//!
//! The worker sends a cached answer (`Action::Cached`) before the request goes to the server.
//! It fills a pane only where the pane has nothing for that request yet — a list never loaded
//! this session, a thread just opened — and never replaces fresh rows, so a poll or a reload
//! that happens to hit the cache changes nothing on screen. The request stays pending: the
//! server's answer lands as usual, replaces the cached rows in place (the selection follows its
//! item, see `State::update`), and clears the pane's mark. A failure (offline) leaves the cached
//! rows, marked, on screen. A cached answer never counts as the server answering, so the header's
//! connection state stays honest.

use super::State;
use crate::action::{ActAction, Action, ComposeAction, InboxAction, NotificationAction};
use crate::command::Command;
use imbox_model::InboxView;
use jiff::Timestamp;

/// Which panes show cached rows, and since when (the oldest cached answer shown), each for the
/// item it was shown for: a mark never outlives a change of contact, thread or view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CacheMarks {
    /// The contact list.
    pub contacts: Option<Timestamp>,
    /// The conversations pane, for this contact.
    pub conversations: Option<(String, Timestamp)>,
    /// The thread, for this conversation.
    pub thread: Option<(String, Timestamp)>,
    /// The inbox, for this view.
    pub inbox: Option<(InboxView, Timestamp)>,
    /// The notification centre.
    pub notifications: Option<Timestamp>,
}

/// The oldest of a mark and a new cached answer's time: the pane is as old as its oldest row.
fn oldest(mark: Option<Timestamp>, at: Timestamp) -> Timestamp {
    mark.map_or(at, |m| m.min(at))
}

/// Fills a picker's `slot` with a cached value while its request (`asked`) is out and nothing
/// is known yet; whether it did.
fn fill<T>(slot: &mut Option<T>, asked: bool, value: T) -> bool {
    let shown = asked && slot.is_none();
    if shown {
        *slot = Some(value);
    }
    shown
}

/// "cached 3 h ago": how a pane's frame tells the age of its rows, in the largest whole unit.
pub fn age_label(stored_at: Timestamp, now: Timestamp) -> String {
    let secs = now.as_second().saturating_sub(stored_at.as_second()).max(0);
    let age = match secs {
        0..60 => return "cached just now".into(),
        60..3_600 => format!("{} min", secs / 60),
        3_600..86_400 => format!("{} h", secs / 3_600),
        _ if secs < 2 * 86_400 => "1 day".into(),
        _ => format!("{} days", secs / 86_400),
    };
    format!("cached {age} ago")
}

/// What a write refused offline says: what did not happen (`not sent`), what is kept (if
/// anything was typed), and when to try again.
pub fn offline_refusal(not_done: &str, kept: &str) -> String {
    let kept = if kept.is_empty() { String::new() } else { format!(" — {kept}") };
    format!("offline: {not_done}{kept} · try again once the header no longer says OFFLINE")
}

impl State {
    /// The frame mark of the contact list, if it shows cached rows.
    pub fn contacts_cache_label(&self) -> Option<String> {
        self.cached.contacts.map(|at| age_label(at, self.now))
    }

    /// The frame mark of the conversations pane, if it shows the contact's cached rows.
    pub fn conversations_cache_label(&self) -> Option<String> {
        let (id, at) = self.cached.conversations.as_ref()?;
        (self.conversations.contact_id.as_ref() == Some(id)).then(|| age_label(*at, self.now))
    }

    /// The frame mark of the thread, if it shows the conversation's cached messages.
    pub fn thread_cache_label(&self) -> Option<String> {
        let (id, at) = self.cached.thread.as_ref()?;
        (self.thread.conversation_id.as_ref() == Some(id)).then(|| age_label(*at, self.now))
    }

    /// The frame mark of the inbox, if the view shown holds cached rows.
    pub fn inbox_cache_label(&self) -> Option<String> {
        let (view, at) = self.cached.inbox?;
        (self.inbox.view == view).then(|| age_label(at, self.now))
    }

    /// The frame mark of the notification centre, if it shows cached rows.
    pub fn notifications_cache_label(&self) -> Option<String> {
        self.cached.notifications.map(|at| age_label(at, self.now))
    }

    /// Shows a cached answer where its pane has nothing yet (see the module doc).
    pub(super) fn apply_cached(&mut self, stored_at: Timestamp, action: Action) -> Vec<Command> {
        let mut cmds = Vec::new();
        // A page fetched ahead that lands off screen, in a list already marked, changes nothing
        // drawn: no frame for it (as for the server's, `State::lands_off_screen`).
        let mut quiet = false;
        let shown = match action {
            Action::ContactsLoaded { req, skip, result: Ok(page) } => {
                for (i, c) in page.items.iter().enumerate() {
                    self.seen.insert(c, Some(skip as usize + i));
                }
                let result: Result<_, std::convert::Infallible> = Ok(page);
                let viewport = self.contacts_viewport();
                quiet = self.cached.contacts.is_some()
                    && !self.search.active
                    && self.contacts.lands_off_screen(req, skip, &result, viewport);
                let Ok(page) = result;
                let shown = self.contacts.apply_cached(req, skip, page);
                if shown {
                    self.cached.contacts = Some(oldest(self.cached.contacts, stored_at));
                    self.contacts.scroll_to_selection(self.contacts_viewport());
                }
                shown
            }
            Action::ConversationsLoaded { req, result: Ok(items) } => {
                let shown = self.conversations.apply_cached(req, items.clone());
                if shown {
                    self.note_conversations(&items);
                    let id = self.conversations.contact_id.clone().unwrap_or_default();
                    self.cached.conversations = Some((id, stored_at));
                    self.select_opened_conversation();
                }
                shown
            }
            Action::MessagesLoaded { req, result: Ok(page), .. } => {
                let shown = self.thread.apply_cached(req, page);
                if shown {
                    let id = self.thread.conversation_id.clone().unwrap_or_default();
                    self.cached.thread = Some((id, stored_at));
                    cmds.extend(self.name_thread_person());
                }
                shown
            }
            Action::UnreadLoaded { req, result: Ok(page) } => {
                let shown = self.badge.pending == Some(req) && self.badge.unread.is_none();
                if shown {
                    self.badge.unread = page.unread_count;
                }
                shown
            }
            Action::Notify(NotificationAction::Loaded { req, skip, result: Ok(page) }) => {
                let unread = page.unread_count;
                let shown = self.notifications.apply_cached(req, skip, page);
                if shown {
                    if self.badge.unread.is_none() {
                        self.badge.unread = unread;
                    }
                    self.cached.notifications = Some(oldest(self.cached.notifications, stored_at));
                    let v = self.notifications_viewport();
                    self.notifications.rebuild_view(v);
                }
                shown
            }
            Action::Inbox(InboxAction::Loaded { req, view, skip, result: Ok(page) }) => {
                let v = self.inbox_viewport();
                let list = self.inbox.list_mut(view);
                let shown = list.apply_cached(req, skip, page.page);
                if shown {
                    list.scroll_to_selection(v);
                    self.inbox.counts.get_or_insert(page.counts);
                    let since = self.cached.inbox.filter(|(v, _)| *v == view).map(|(_, at)| at);
                    self.cached.inbox = Some((view, oldest(since, stored_at)));
                }
                shown
            }
            Action::Inbox(InboxAction::OptionsLoaded { req, result: Ok(options) }) => {
                let shown = self.inbox.options.pending == Some(req) && self.inbox.options.options.is_none();
                if shown {
                    self.inbox.name_inboxes(&options);
                    self.inbox.options.options = Some(options);
                }
                shown
            }
            Action::Act(ActAction::ProfileLoaded { req, result: Ok(me) }) => {
                fill(&mut self.acts.profile, self.acts.profile_req == Some(req), me)
            }
            Action::Act(ActAction::AgentsLoaded { req, result: Ok(agents) }) => {
                fill(&mut self.acts.agents, self.acts.agents_req == Some(req), agents)
            }
            Action::Compose(ComposeAction::CannedLoaded { req, result: Ok(items) }) => {
                fill(&mut self.compose.canned, self.compose.canned_pending == Some(req), items)
            }
            _ => false,
        };
        if shown && !quiet {
            self.dirty = true;
        }
        cmds
    }

    /// Contacts of the cache's every page: they join the contacts seen, so filter-as-you-type
    /// finds them (offline above all); the list itself still asks page by page.
    pub(super) fn add_cached_contacts(&mut self, rows: Vec<(u64, imbox_model::Contact)>) {
        for (row, c) in &rows {
            self.seen.insert(c, usize::try_from(*row).ok());
        }
        if self.search.active && !rows.is_empty() {
            // The filter on the line ranks what it can see now.
            self.dirty = true;
        }
    }

    /// Whether the server is known to be out of reach now (the header says OFFLINE).
    pub fn is_offline(&self) -> bool {
        matches!(self.connection.link, super::connection::Link::Offline { .. })
    }

    /// Refuses a write while offline: what is shown may be cached and the request could not
    /// arrive; the status line says what did not happen (`not_done`). True: refused.
    pub(super) fn refuse_offline(&mut self, not_done: &str) -> bool {
        if !self.is_offline() {
            return false;
        }
        self.last_error = Some(offline_refusal(not_done, ""));
        self.dirty = true;
        true
    }

    /// A fresh answer replaces the cached rows of its pane: the mark goes.
    pub(super) fn clear_cache_mark(&mut self, action: &Action) {
        match action {
            Action::ContactsLoaded { result: Ok(_), .. } => self.cached.contacts = None,
            Action::ConversationsLoaded { result: Ok(_), .. } => self.cached.conversations = None,
            Action::MessagesLoaded { result: Ok(_), skip: 0, .. } => self.cached.thread = None,
            Action::Notify(NotificationAction::Loaded { req, result: Ok(_), skip: 0 })
                if self.cached.notifications.is_some()
                    && self.notifications.pending_page == Some((*req, 0)) =>
            {
                // Its rows are merged by id: the cached ones go first, or a notification
                // dismissed elsewhere since would stay, and the order would be the cache's.
                self.notifications.items.clear();
                self.cached.notifications = None;
            }
            Action::Inbox(InboxAction::Loaded { result: Ok(_), view, .. })
                if self.cached.inbox.is_some_and(|(v, _)| v == *view) =>
            {
                self.cached.inbox = None
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_second(secs).unwrap()
    }

    #[test]
    fn the_age_is_told_in_its_largest_whole_unit() {
        let now = at(1_000_000);
        assert_eq!(age_label(at(1_000_000 - 59), now), "cached just now");
        assert_eq!(age_label(at(1_000_000 - 60), now), "cached 1 min ago");
        assert_eq!(age_label(at(1_000_000 - 3 * 3_600 - 59), now), "cached 3 h ago");
        assert_eq!(age_label(at(1_000_000 - 86_400 - 5), now), "cached 1 day ago");
        assert_eq!(age_label(at(1_000_000 - 9 * 86_400), now), "cached 9 days ago");
        // A clock that went back says "just now", never a negative age.
        assert_eq!(age_label(at(1_000_100), now), "cached just now");
    }
}
