//! The polls as requests and answers: on each tick, each resource on screen whose time has come
//! (see `poll.rs`) becomes its request; its answer is recognised by the request id before the
//! feature's own handling and fed back — new messages through the one merge
//! (`State::merge_newer`), the notifications page into the badge, the unread markers and the
//! open centre; a list's page goes where a reload's would.

use super::State;
use super::connection::Link;
use super::poll::Resource;
use crate::action::{Action, InboxAction, NotificationAction, RequestId};
use crate::command::{Command, InboxCommand, NotificationCommand};
use imbox_api::{ApiError, BackendKind};
use imbox_model::{Message, NotificationPage, Page};
use jiff::Timestamp;

/// Notifications asked per poll: one server page on Chatwoot (15), enough on iMBRACE to name
/// the conversations with unread notifications.
pub const NOTIFICATIONS_POLLED: u32 = 15;

impl State {
    /// A key (or a click) from the keymap at `at`: handled as [`State::update`] does, and
    /// remembered for the idle slowdown of the polls.
    pub fn input(&mut self, action: Action, at: Timestamp) -> Vec<Command> {
        self.poll.key(at);
        let before = self.status_before_key();
        let cmds = self.update(action);
        self.status_after_key(before);
        cmds
    }

    /// On every tick: the request of each resource whose time has come.
    pub(super) fn poll_tick(&mut self, now: Timestamp) -> Vec<Command> {
        if !self.started {
            return Vec::new();
        }
        let live = self.socket_live();
        let mut cmds = Vec::new();
        for r in Resource::ALL {
            let shown = self.poll_shown(r);
            if !self.poll.due(r, now, shown, live) {
                continue;
            }
            let (asked, about) = self.poll_request(r);
            let reqs = asked.iter().filter_map(request_of).collect();
            self.poll.sent(r, now, reqs, about, live);
            cmds.extend(asked);
        }
        if !cmds.is_empty() {
            self.dirty = true;
        }
        cmds
    }

    /// Whether `r` is on screen and may be asked now (nothing else of it loading, no write
    /// settling, the server reachable — while offline the connection's probe asks).
    fn poll_shown(&self, r: Resource) -> bool {
        if matches!(self.connection.link, Link::Offline { .. } | Link::Rejected) {
            return false;
        }
        let panes = !self.help && !self.notifications.open;
        match r {
            Resource::Thread => {
                let t = &self.thread;
                t.conversation_id.is_some() && self.thread_on_screen() && !(t.loaded() == 0 && t.is_loading())
            }
            Resource::List if self.inbox_shown() => {
                let list = self.inbox.active();
                panes
                    && self.layout().contacts.is_some()
                    && self.inbox.picker.is_none()
                    && list.is_known()
                    && !list.is_loading()
            }
            Resource::List => {
                panes
                    && self.layout().conversations.is_some()
                    && self.conversations.contact_id.is_some()
                    && self.conversations.loaded
                    && !self.conversations.is_loading()
            }
            Resource::Notifications => {
                self.account.capabilities.notifications
                    && !self.notifications.writes_pending()
                    && self.badge_pending().is_none()
            }
        }
    }

    /// The requests of one poll of `r`, and what it is about (the thread's conversation).
    fn poll_request(&mut self, r: Resource) -> (Vec<Command>, Option<String>) {
        match r {
            Resource::Thread => {
                let Some(id) = self.thread.conversation_id.clone() else { return (Vec::new(), None) };
                let fetch = self.thread.poll_fetch();
                let req = self.req();
                (vec![super::open::load_messages(req, id.clone(), fetch)], Some(id))
            }
            Resource::List if self.inbox_shown() => {
                // The page in view again, with the view's counts (a failed page is asked again
                // too: the poll's backoff paces it).
                self.inbox.active_mut().reload();
                (self.inbox_fill(), None)
            }
            Resource::List => {
                let Some(contact_id) = self.conversations.contact_id.clone() else {
                    return (Vec::new(), None);
                };
                let req = self.req();
                // The list stays on screen until the answer replaces it.
                self.conversations.refresh(req);
                let channel_types = self.conversations.channel_types();
                (vec![Command::LoadConversations { req, contact_id, channel_types }], None)
            }
            Resource::Notifications => {
                let mut cmds = Vec::new();
                // The page names the conversations with unread notifications (iMBRACE's markers)
                // and feeds the open centre; its count is the badge, except on Chatwoot, whose
                // badge leaves snoozed notifications out (its own count request).
                let page = self.account.kind != BackendKind::Chatwoot || self.notifications.open;
                if self.account.kind == BackendKind::Chatwoot || !page {
                    cmds.extend(self.refresh_badge());
                }
                if page {
                    let req = self.req();
                    let skip = 0;
                    let limit = NOTIFICATIONS_POLLED;
                    cmds.push(Command::Notify(NotificationCommand::Load { req, skip, limit }));
                }
                (cmds, None)
            }
        }
    }

    /// Before an action is handled: when it answers a poll, the poll's schedule learns how it
    /// went; the thread's and the notifications' answers are handled here (returned as taken,
    /// `None`), a list's goes on to its feature like a reload's.
    pub(super) fn poll_answer(&mut self, action: Action, cmds: &mut Vec<Command>) -> Option<Action> {
        let Some((req, ok)) = answer_of(&action) else { return Some(action) };
        let Some(r) = self.poll.owner(req) else { return Some(action) };
        let live = self.socket_live();
        let about = self.poll.answered(r, req, ok, self.now, live);
        match (r, action) {
            (Resource::Thread, Action::MessagesLoaded { result, .. }) => {
                if let (Ok(page), Some(id)) = (result, about) {
                    self.thread_polled(&id, page, cmds);
                }
                None
            }
            (Resource::Notifications, Action::Notify(NotificationAction::Loaded { result, .. })) => {
                if let Ok(page) = result {
                    self.notifications_polled(page, cmds);
                }
                None
            }
            (_, action) => Some(action),
        }
    }

    /// The thread's poll answered: what is new goes through the one merge. An offset page all
    /// of whose messages are new may have left a gap: the thread is reloaded from the newest.
    /// A full catch-up page means more wait: asked again at the next tick.
    fn thread_polled(&mut self, id: &str, page: Page<Message>, cmds: &mut Vec<Command>) {
        let got = page.items.len();
        let total = page.total;
        let (merged, added) = self.merge_newer(id, page.items);
        cmds.extend(merged);
        if self.thread.conversation_id.as_deref() != Some(id) {
            return;
        }
        // What the customer wrote among them may alert (the rules and the terminal's focus
        // decide: the agent may keep this thread open in a terminal she is not looking at).
        let new: Vec<Message> = self.thread.newest_loaded(added).cloned().collect();
        let who = self.thread.contact_name.clone();
        cmds.extend(self.alert_new_messages(&new, &who));
        if self.thread.cursor {
            if got >= super::thread::AFTER_PAGE {
                self.poll.soon(Resource::Thread, self.now);
            }
        } else if added > 0 && total > self.thread.total + added as u64 {
            // More came than the page showed as new: what lies between is missing.
            cmds.extend(self.reload_thread());
        } else if total > 0 {
            // The server's count (an older page may have brought it already).
            self.thread.total = total;
        }
    }

    /// The notifications' poll answered: the badge (unless a write is settling), the unread
    /// markers, and the open centre's first rows.
    fn notifications_polled(&mut self, p: NotificationPage, cmds: &mut Vec<Command>) {
        if self.notifications.writes_pending() {
            return;
        }
        if self.account.kind != BackendKind::Chatwoot {
            self.badge.unread = p.unread_count;
        }
        self.notes_polled(&p.page.items);
        // The unread ones the previous poll did not hold may alert (`any_notification`).
        cmds.extend(self.alert_new_notifications(&p.page.items));
        cmds.extend(self.read_notes_of_the_thread_in_view());
        if self.notifications.open && self.notifications.is_known() && !self.notifications.is_loading() {
            let v = self.notifications_viewport();
            self.notifications.merge_first_page(p.page.items, v);
        }
        self.dirty = true;
    }
}

/// The request id a command carries, for the commands a poll sends.
fn request_of(cmd: &Command) -> Option<RequestId> {
    match cmd {
        Command::LoadMessages { req, .. }
        | Command::LoadConversations { req, .. }
        | Command::LoadUnreadCount { req }
        | Command::Notify(NotificationCommand::Load { req, .. })
        | Command::Inbox(InboxCommand::Load { req, .. }) => Some(*req),
        _ => None,
    }
}

/// The request an answer carries and whether it succeeded, for the answers a poll gets.
fn answer_of(action: &Action) -> Option<(RequestId, bool)> {
    fn ok<T>(r: &Result<T, ApiError>) -> bool {
        r.is_ok()
    }
    match action {
        Action::MessagesLoaded { req, result, .. } => Some((*req, ok(result))),
        Action::ConversationsLoaded { req, result } => Some((*req, ok(result))),
        Action::UnreadLoaded { req, result } => Some((*req, ok(result))),
        Action::Notify(NotificationAction::Loaded { req, result, .. }) => Some((*req, ok(result))),
        Action::Inbox(InboxAction::Loaded { req, result, .. }) => Some((*req, ok(result))),
        _ => None,
    }
}
