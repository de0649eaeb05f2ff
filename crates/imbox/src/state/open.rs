//! Opening a conversation's thread, from wherever it is opened (a conversation, the inbox, a
//! notification, a phone link, `--open`): one place that asks for the first page the way the
//! backend pages, focuses the thread, and marks the conversation read when that is wanted.

use super::thread::MessageFetch;
use super::{Pane, State};
use crate::action::RequestId;
use crate::command::Command;

/// The command that fetches `fetch` of conversation `conversation_id`.
pub fn load_messages(req: RequestId, conversation_id: String, fetch: MessageFetch) -> Command {
    let MessageFetch { skip, limit, before, after } = fetch;
    Command::LoadMessages { req, conversation_id, skip, limit, before, after }
}

impl State {
    /// Opens conversation `id` in the thread pane (titled `title`, the customer called
    /// `contact_name`), focuses it, and returns the requests: its newest page, and marking it
    /// read when the backend can and [`State::mark_read_on_open`] is set.
    pub(crate) fn open_thread(&mut self, id: String, title: String, contact_name: String) -> Vec<Command> {
        let req = self.req();
        let cursor = self.account.capabilities.cursor_history;
        let mut cmds = Vec::new();
        if self.compose.composer.as_ref().is_some_and(|c| c.conversation_id != id) {
            // Another conversation: its composer closes, its text kept for when it is back.
            cmds.extend(self.update_compose(crate::action::compose::ComposeAction::Close));
        }
        let (unread, unseen) = self.opening_unread(&id);
        let fetch = self.thread.open(id.clone(), title, contact_name, req, cursor);
        if let Some(u) = unseen {
            self.thread.set_unseen_on_open(u);
        }
        // A new thread's poll starts from its first page.
        self.poll.reset(super::poll::Resource::Thread);
        self.sync_thread_outbox();
        self.focus = Pane::Thread;
        cmds.insert(0, load_messages(req, id.clone(), fetch));
        cmds.extend(self.mark_read_on_open(&id));
        cmds.extend(self.load_reply_draft(&id));
        cmds.extend(unread);
        cmds
    }

    /// R in the thread: offset backends reload from the newest; cursor backends catch up.
    pub(crate) fn reload_thread(&mut self) -> Vec<Command> {
        let req = self.req();
        match self.thread.reload(req) {
            Some((id, fetch)) => vec![load_messages(req, id, fetch)],
            None => Vec::new(),
        }
    }
}
