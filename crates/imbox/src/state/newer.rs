//! New messages reaching a conversation, however they were learned (the thread's poll, a
//! catch-up after a reconnect, a realtime `message.created`): one entry point, so an
//! unconfirmed send is matched the same way everywhere and nothing shows twice.

use super::State;
use crate::command::Command;
use imbox_model::Message;

impl State {
    /// Merges `messages` (newer than what the thread holds; newest first or oldest first; one
    /// message is `vec![m]`) into conversation `conversation_id`. A send from here that the
    /// server now has (same echo id, or an agent's text identical to an unconfirmed send) is
    /// confirmed — its pending copy replaced, never shown twice. When the conversation is open,
    /// the rest go below its newest message without moving the view; those the agent cannot see
    /// (the thread is off screen or scrolled up) get the "new" divider and "↓ N new". Returns
    /// the commands to run (the draft file forgetting a confirmed send) and how many messages
    /// the thread gained.
    pub fn merge_newer(&mut self, conversation_id: &str, messages: Vec<Message>) -> (Vec<Command>, usize) {
        let mut cmds = Vec::new();
        let mut rest = Vec::with_capacity(messages.len());
        for m in messages {
            let sent = self
                .compose
                .outbox
                .iter()
                .position(|o| o.req.conversation_id == conversation_id && o.req.is_echoed_by(&m));
            match sent {
                Some(i) => self.delivered(i, m, &mut cmds),
                None => rest.push(m),
            }
        }
        if self.thread.conversation_id.as_deref() != Some(conversation_id) {
            return (cmds, 0);
        }
        let unseen = !self.thread_on_screen() || !self.thread.at_newest();
        let added = self.thread.merge_newer(rest);
        if added > 0 {
            self.dirty = true;
            if unseen {
                self.thread.mark_unseen(added);
            }
        }
        (cmds, added)
    }

    /// Whether the agent can see the thread pane: it is laid out (wide, or focused when narrow)
    /// and no overlay covers it.
    pub fn thread_on_screen(&self) -> bool {
        self.layout().thread.is_some()
            && !self.help
            && !self.notifications.open
            && self.details.is_none()
            && self.form.is_none()
            && self.relogin.is_none()
    }

    /// After every update: a thread the agent sees at its newest message has nothing unseen.
    pub(super) fn note_thread_seen(&mut self) {
        if self.thread.conversation_id.is_some() && self.thread.at_newest() && self.thread_on_screen() {
            self.thread.seen_newest();
        }
    }
}
