//! Unread, in every list that can know, and the key that jumps to the next unread conversation.
//!
//! What each backend can know:
//! - Chatwoot: each conversation's `unread_count` (the server's; the row shows `●N`).
//! - iMBRACE: unread notifications name their conversation (by its handle, the
//!   team-conversation-user id); the newest notifications page (polled with the badge) says which
//!   conversations have some, and every conversation seen this session says which contact it
//!   belongs to, so the contact's row is marked too. Opening the conversation marks those
//!   notifications read (as opening the notification does), when `mark_read_on_open` is set.
//! - SMS/RCS: the server keeps no read state for an agent; imbox remembers when this agent last
//!   opened (or left) each conversation, in the data directory (`effects/opened.rs`), and a
//!   conversation with activity after that is unread. One never opened is unread when its
//!   activity is newer than the first time imbox kept these times for the account.
//!
//! The same knowledge places the thread's "── new ──" divider when a conversation opens
//! (`UnseenOnOpen`).

use super::State;
use super::thread::UnseenOnOpen;
use crate::action::unread::{OpenedTimes, UnreadAction};
use crate::command::{Command, NotificationCommand, UnreadCommand};
use imbox_api::BackendKind;
use imbox_model::{Conversation, Notification};
use jiff::Timestamp;
use std::collections::{HashMap, HashSet};

/// The unread notifications of one conversation (iMBRACE).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnreadNotes {
    /// Their ids (to mark them read when the conversation is opened).
    pub ids: Vec<String>,
    /// When the oldest of them was raised (the divider goes above what came after).
    pub oldest: Option<Timestamp>,
}

/// What is known to be unread.
#[derive(Debug, Clone, Default)]
pub struct UnreadState {
    /// iMBRACE: unread notifications per conversation handle, from the newest page polled.
    pub by_handle: HashMap<String, UnreadNotes>,
    /// Conversation handle → contact id, for every conversation seen this session.
    handle_contact: HashMap<String, String>,
    /// Contacts with a conversation in `by_handle` (kept with it, so drawing is a lookup).
    contacts: HashSet<String>,
    /// SMS/RCS: when this agent last opened each conversation (None until read from disk).
    pub opened: Option<OpenedTimes>,
    /// Opened or left before the file was read: merged in when it arrives.
    opened_early: Vec<(String, i64)>,
    save_seq: u64,
}

impl State {
    /// Whether conversation `c` has something this agent has not seen (see the module doc).
    pub fn conversation_unread(&self, c: &Conversation) -> bool {
        if c.unread_count > 0 {
            return true;
        }
        if !c.handle_id.is_empty() && self.unread.by_handle.contains_key(&c.handle_id) {
            return true;
        }
        if self.account.kind != BackendKind::Smsrcs || self.thread.conversation_id.as_deref() == Some(&c.id) {
            return false;
        }
        let (Some(opened), Some(activity)) = (&self.unread.opened, c.timestamp) else { return false };
        match opened.opened.get(&c.id) {
            Some(at) => activity.as_second() > *at,
            // Times are whole seconds: a message in the very second the times started is news.
            None => opened.since.is_some_and(|since| activity.as_second() >= since),
        }
    }

    /// Whether contact `id` has a conversation with unread notifications (iMBRACE).
    pub fn contact_unread(&self, id: &str) -> bool {
        self.unread.contacts.contains(id)
    }

    /// The start-up request of the unread state: SMS/RCS reads its last-opened times.
    pub(super) fn start_unread(&self) -> Option<Command> {
        (self.account.kind == BackendKind::Smsrcs).then_some(Command::Unread(UnreadCommand::LoadOpened))
    }

    /// Handles an unread action.
    pub(super) fn update_unread(&mut self, action: UnreadAction) -> Vec<Command> {
        match action {
            UnreadAction::Next => self.next_unread(),
            UnreadAction::OpenedLoaded(result) => {
                let mut times = match result {
                    Ok(Some(t)) => *t,
                    Ok(None) => OpenedTimes::default(),
                    Err(e) => {
                        // Unread markers of SMS/RCS are then only this session's.
                        self.last_error = Some(format!("could not read the last-opened times: {e}"));
                        OpenedTimes::default()
                    }
                };
                let fresh = times.since.is_none();
                times.since.get_or_insert(self.now.as_second());
                for (id, at) in self.unread.opened_early.drain(..) {
                    times.opened.insert(id, at);
                }
                self.unread.opened = Some(times);
                if fresh { vec![self.save_opened()] } else { Vec::new() }
            }
            UnreadAction::OpenedSaved(result) => {
                if let Err(e) = result {
                    self.last_error = Some(format!("could not keep the last-opened times: {e}"));
                }
                Vec::new()
            }
        }
    }

    /// The newest notifications page arrived: which conversations (and so contacts) have
    /// unread notifications. Only conversations named by a handle count (iMBRACE); Chatwoot's
    /// rows carry their own count.
    pub(super) fn notes_polled(&mut self, items: &[Notification]) {
        let mut by_handle: HashMap<String, UnreadNotes> = HashMap::new();
        for n in items.iter().filter(|n| !n.is_read) {
            let Some(h) = n.handle_id.as_ref().filter(|h| !h.is_empty()) else { continue };
            let e = by_handle.entry(h.clone()).or_default();
            e.ids.push(n.id.clone());
            e.oldest = match (e.oldest, n.created_at) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        self.unread.by_handle = by_handle;
        self.index_unread_contacts();
    }

    /// Conversations arrived: remember whose they are, so their contact can be marked.
    pub(super) fn note_conversations(&mut self, items: &[Conversation]) {
        // The contact whose conversations these are, as the contact list knows it.
        let pane = self.conversations.contact_id.clone().unwrap_or_default();
        for c in items.iter().filter(|c| !c.handle_id.is_empty()) {
            let contact = if pane.is_empty() { c.contact_id.clone() } else { pane.clone() };
            if !contact.is_empty() {
                self.unread.handle_contact.insert(c.handle_id.clone(), contact);
            }
        }
        self.index_unread_contacts();
    }

    fn index_unread_contacts(&mut self) {
        let u = &mut self.unread;
        u.contacts = u.by_handle.keys().filter_map(|h| u.handle_contact.get(h).cloned()).collect();
    }

    /// Conversation `id` is being opened (the thread still shows the one it leaves): what was
    /// unread, for the divider, and the requests — its unread notifications marked read
    /// (iMBRACE, when opening marks read), the times kept for SMS/RCS (the one left too).
    pub(super) fn opening_unread(&mut self, id: &str) -> (Vec<Command>, Option<UnseenOnOpen>) {
        let mut cmds = Vec::new();
        let conv = self.conversation(id).cloned();
        let notes = conv
            .as_ref()
            .filter(|c| !c.handle_id.is_empty())
            .and_then(|c| self.unread.by_handle.get(&c.handle_id).cloned());
        let unseen = match (&conv, &notes) {
            (Some(c), _) if c.unread_count > 0 => Some(UnseenOnOpen::Newest(c.unread_count as usize)),
            // The divider goes above the customer's first message after the oldest unread
            // notification (a notification is raised for the message, a moment after it).
            (_, Some(n)) => n.oldest.map(|t| UnseenOnOpen::After(t - jiff::SignedDuration::from_secs(60))),
            (Some(c), None) if self.account.kind == BackendKind::Smsrcs && self.conversation_unread(c) => {
                let opened = self.unread.opened.as_ref();
                let at = opened.and_then(|o| o.opened.get(id).copied().or(o.since));
                at.and_then(|s| Timestamp::from_second(s).ok()).map(UnseenOnOpen::After)
            }
            _ => None,
        };
        if let (Some(c), Some(n)) = (&conv, notes)
            && self.mark_read_on_open
        {
            self.unread.by_handle.remove(&c.handle_id);
            self.index_unread_contacts();
            cmds.extend(self.mark_notes_read(n.ids));
        }
        if self.account.kind == BackendKind::Smsrcs {
            let left = self.thread.conversation_id.clone().filter(|l| l != id);
            for c in left.into_iter().chain([id.to_string()]) {
                self.remember_opened(c);
            }
            if self.unread.opened.is_some() {
                cmds.push(self.save_opened());
            }
        }
        (cmds, unseen)
    }

    /// The agent watches the open thread at its newest message: notifications about it are
    /// read as they come (iMBRACE, when opening marks read), so its row is not marked unread
    /// while it is on screen.
    pub(super) fn read_notes_of_the_thread_in_view(&mut self) -> Vec<Command> {
        if !self.mark_read_on_open || !self.thread_on_screen() || !self.thread.at_newest() {
            return Vec::new();
        }
        let Some(id) = self.thread.conversation_id.clone() else { return Vec::new() };
        let Some(handle) = self.conversation(&id).map(|c| c.handle_id.clone()).filter(|h| !h.is_empty())
        else {
            return Vec::new();
        };
        match self.unread.by_handle.remove(&handle) {
            Some(notes) => {
                self.index_unread_contacts();
                self.mark_notes_read(notes.ids)
            }
            None => Vec::new(),
        }
    }

    /// Marks these notifications read on the server (opening their conversation read them).
    fn mark_notes_read(&mut self, ids: Vec<String>) -> Vec<Command> {
        // Offline this would only fail: they stay unread, to be read again once back.
        if ids.is_empty() || self.is_offline() {
            return Vec::new();
        }
        for n in self.notifications.items.iter_mut().filter(|n| ids.contains(&n.id)) {
            n.is_read = true;
        }
        let v = self.notifications_viewport();
        self.notifications.rebuild_view(v);
        self.badge.unread = self.badge.unread.map(|u| u.saturating_sub(ids.len() as u64));
        let req = self.req();
        self.notifications.writes.insert(req, super::notifications::Rollback::Read(ids.clone()));
        vec![Command::Notify(NotificationCommand::MarkRead { req, ids })]
    }

    fn remember_opened(&mut self, id: String) {
        match self.unread.opened.as_mut() {
            Some(o) => {
                o.opened.insert(id, self.now.as_second());
            }
            None => self.unread.opened_early.push((id, self.now.as_second())),
        }
    }

    fn save_opened(&mut self) -> Command {
        self.unread.save_seq += 1;
        let opened = Box::new(self.unread.opened.clone().unwrap_or_default());
        Command::Unread(UnreadCommand::SaveOpened { seq: self.unread.save_seq, opened })
    }

    /// The key: the next conversation below the selection (wrapping) with something unread, in
    /// the list on screen (the inbox, or the contact's conversations); on the contact list, the
    /// next contact with unread notifications. It is opened as Enter would.
    fn next_unread(&mut self) -> Vec<Command> {
        let open = self.thread.conversation_id.clone();
        let skip_open = |c: &Conversation| Some(&c.id) != open.as_ref();
        if self.inbox_shown() {
            let list = self.inbox.active();
            let rows: Vec<(usize, &Conversation)> = list.loaded().collect();
            let from = list.selected;
            let next = pick_after(&rows, from, |c| skip_open(c) && self.conversation_unread(c));
            if let Some((i, c)) = next.map(|(i, c)| (i, c.clone())) {
                let v = self.inbox_viewport();
                self.inbox.active_mut().select(i, v);
                return self.open_inbox_conversation(c);
            }
        } else if self.focus == super::Pane::Contacts && self.account.capabilities.contact_list {
            let rows: Vec<(usize, &imbox_model::Contact)> = self.contacts.loaded().collect();
            let next = pick_after(&rows, self.contacts.selected, |c| self.contact_unread(&c.id));
            if let Some((i, c)) = next.map(|(i, c)| (i, c.clone())) {
                let v = self.contacts_viewport();
                self.contacts.select(i, v);
                let name = super::people::contact_label(&c).into_owned();
                return self.open_contact(c.id, name);
            }
        } else {
            let rows: Vec<(usize, &Conversation)> = self.conversations.items.iter().enumerate().collect();
            let next = pick_after(&rows, self.conversations.selected, |c| {
                skip_open(c) && self.conversation_unread(c)
            });
            if let Some((i, c)) = next.map(|(i, c)| (i, c.clone())) {
                let v = self.conversations_viewport();
                self.conversations.select(i, v);
                let name = self.conversations.contact_name.clone();
                return self.open_thread(c.id, c.name, name);
            }
        }
        let mut cmds = Vec::new();
        self.show_info("nothing unread here".into(), &mut cmds);
        cmds
    }
}

/// The first row after index `from` (wrapping round to it) that passes `unread`.
fn pick_after<'a, T>(
    rows: &[(usize, &'a T)],
    from: usize,
    unread: impl Fn(&T) -> bool,
) -> Option<(usize, &'a T)> {
    let after = rows.iter().filter(|(i, _)| *i > from);
    let before = rows.iter().filter(|(i, _)| *i <= from);
    after.chain(before).find(|(_, t)| unread(t)).copied()
}
