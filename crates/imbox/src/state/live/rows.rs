//! A message event: into the open thread (the agent's own send replaces its pending copy, by
//! echo id), and its conversation's rows — in every inbox view and in the contact's
//! conversations — take the new latest message, time and unread count and move to the top of
//! those lists, which are sorted by activity. The selection stays on the conversation the agent
//! had selected.

use crate::command::Command;
use crate::state::State;
use imbox_model::live::ConversationPulse;
use imbox_model::{Conversation, InboxView, Message, MessageBody, Sender};

impl State {
    /// `message.created`.
    pub(super) fn message_arrived(
        &mut self,
        message: Message,
        pulse: Option<&ConversationPulse>,
        cmds: &mut Vec<Command>,
    ) {
        let id = message.conversation_id.clone();
        // Open and on screen: the agent reads it as it arrives.
        let seen = self.thread.conversation_id.as_deref() == Some(id.as_str()) && self.thread_on_screen();
        self.rows_take_message(&message, pulse, seen);
        if message.sender == Sender::Contact {
            // The customer's message ends their typing, whether or not typing_off follows.
            self.customer_stopped_typing(&id);
        }
        // The one merge: a send of ours is confirmed by it (its pending copy replaced), anything
        // else goes below the open thread's newest message without moving the view.
        let incoming = message.sender == Sender::Contact;
        let (merged, added) = self.merge_newer(&id, vec![message]);
        cmds.extend(merged);
        if seen && incoming && added > 0 {
            // The agent is looking at it: as opening it would, mark it read.
            cmds.extend(self.mark_read_on_open(&id));
        }
    }

    /// `message.updated`: the held copy in the open thread is replaced; the rows take what the
    /// event says about the conversation, without moving.
    pub(super) fn message_changed(&mut self, message: Message, pulse: Option<&ConversationPulse>) {
        if let Some(p) = pulse {
            let id = message.conversation_id.clone();
            self.each_row(&id, |c| take_pulse(c, p));
        }
        if self.thread.conversation_id.as_deref() == Some(message.conversation_id.as_str()) {
            self.thread.update_message(message);
        }
    }

    /// The rows of the message's conversation: new latest message, time and unread count, and
    /// to the top of every list sorted by activity.
    fn rows_take_message(&mut self, m: &Message, pulse: Option<&ConversationPulse>, seen: bool) {
        let id = m.conversation_id.as_str();
        let preview = (!m.private && !matches!(m.body, MessageBody::Activity { .. }))
            .then(|| m.body.preview().split_whitespace().collect::<Vec<_>>().join(" "));
        let update = |c: &mut Conversation| {
            if let Some(p) = &preview {
                c.latest_message = Some(p.clone());
            }
            if let Some(p) = pulse {
                take_pulse(c, p);
            }
            if let Some(at) = pulse.and_then(|p| p.last_activity_at).or(m.created_at) {
                c.timestamp = Some(at);
            }
            if seen {
                c.unread_count = 0;
            } else if m.sender == Sender::Contact && pulse.and_then(|p| p.unread_count).is_none() {
                c.unread_count += 1;
            }
        };
        self.each_row(id, update);
        // A copy from another list (or one acted on) joins a view it belongs to but had not
        // loaded, at the top.
        let copy = self.conversation(id).cloned();
        let v = self.inbox_viewport();
        for view in InboxView::ALL {
            let belongs = copy.as_ref().and_then(|c| self.belongs(view, c));
            let list = self.inbox.list_mut(view);
            let chosen = list.selected_item().map(|c| c.id.clone());
            let at = position(list, id);
            match at {
                Some(i) => list.move_to_front(i),
                None if belongs == Some(true) && list.is_known() => {
                    if let Some(c) = copy.clone() {
                        list.insert_at(0, c);
                    }
                }
                None => continue,
            }
            keep_selection(list, chosen, v);
        }
        let list = &mut self.conversations;
        if let Some(i) = list.items.iter().position(|c| c.id == id) {
            let chosen = list.selected_item().map(|c| c.id.clone());
            let row = list.items.remove(i);
            list.items.insert(0, row);
            if let Some(j) = chosen.and_then(|s| list.items.iter().position(|c| c.id == s)) {
                let v = self.conversations_viewport();
                self.conversations.select(j, v);
            }
        }
    }

    /// Applies `f` to every copy of conversation `id`: the inbox views, the contact's
    /// conversations, the copy kept for the thread header.
    pub(super) fn each_row(&mut self, id: &str, mut f: impl FnMut(&mut Conversation)) {
        for c in self.inbox.conversations_mut().chain(self.conversations.items.iter_mut()) {
            if c.id == id {
                f(c);
            }
        }
        if let Some(c) = self.acts.touched.get_mut(id) {
            f(c);
        }
    }
}

/// What a message event says about its conversation.
fn take_pulse(c: &mut Conversation, p: &ConversationPulse) {
    if let Some(n) = p.unread_count {
        c.unread_count = n;
    }
    if !p.status.is_empty() {
        c.status = p.status.clone();
    }
}

/// Puts the selection back on the conversation `chosen` after the rows moved.
pub(super) fn keep_selection(
    list: &mut crate::state::paged::PagedList<Conversation>,
    chosen: Option<String>,
    viewport: usize,
) {
    let Some(id) = chosen else { return };
    if let Some(i) = position(list, &id) {
        list.selected = i;
        list.scroll_to_selection(viewport);
    }
}

/// Where conversation `id` is in a loaded page of `list`.
pub(super) fn position(list: &crate::state::paged::PagedList<Conversation>, id: &str) -> Option<usize> {
    list.loaded().find(|(_, c)| c.id == id).map(|(i, _)| i)
}
