//! Opening a conversation's thread, from wherever it is opened (a conversation, the inbox, a
//! notification, a phone link, `--open`): one place that asks for the first page the way the
//! backend pages, focuses the thread, and marks the conversation read when that is wanted.
//!
//! A thread opened by its id alone (`--open`, a phone link) shows the person, not the id, as
//! soon as the data tells who it is ([`State::name_thread_person`]).

use super::thread::MessageFetch;
use super::{Pane, State};
use crate::action::RequestId;
use crate::command::Command;
use imbox_model::Sender;

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

    /// Opens conversation `id` known by its id alone (`--open`): as the inbox or the
    /// conversations pane would when either holds it, else by id, and the person is found
    /// from its messages ([`State::name_thread_person`]). The id passes the sanitizer first:
    /// it came from the command line.
    pub(crate) fn open_by_id(&mut self, id: &str) -> Vec<Command> {
        let id = imbox_api::sanitize::line(id);
        if let Some(c) = self.inbox.find(&id).cloned() {
            return self.open_inbox_conversation(c);
        }
        if let Some(c) = self.conversations.items.iter().find(|c| c.id == id).cloned() {
            let name = self.conversations.contact_name.clone();
            return self.open_thread(c.id, c.name, name);
        }
        self.naming = Some(id.clone());
        self.open_thread(id.clone(), id, String::new())
    }

    /// A thread opened without its person ([`State::naming`]) learns it from its first
    /// messages: a customer's message names its sender, or its sender id is a contact seen
    /// before; with neither, the sender's conversations are loaded beside the thread (a
    /// conversation's name is `<contact>@<date>`, see
    /// [`State::select_opened_conversation`]). Runs once per opened thread, on loaded rows only.
    pub(crate) fn name_thread_person(&mut self) -> Vec<Command> {
        let Some(id) = self.naming.clone() else { return Vec::new() };
        if self.thread.conversation_id.as_deref() != Some(id.as_str()) || !self.thread.contact_name.is_empty()
        {
            self.naming = None;
            return Vec::new();
        }
        let customer = self
            .thread
            .newest_loaded(self.thread.loaded())
            .find(|m| m.sender == Sender::Contact && (!m.sender_name.is_empty() || !m.from.is_empty()))
            .map(|m| (m.sender_name.clone(), m.from.clone()));
        let Some((sender_name, from)) = customer else {
            // No customer message among the first page: nothing tells who it is.
            if self.thread.loaded() > 0 {
                self.naming = None;
            }
            return Vec::new();
        };
        self.naming = None;
        let name = if sender_name.is_empty() {
            self.seen.find(&from).map(|c| super::people::contact_label(&c).into_owned()).unwrap_or_default()
        } else {
            sender_name
        };
        if !name.is_empty() {
            self.name_thread(&id, &name, None);
        }
        let mut cmds = Vec::new();
        if self.account.capabilities.contact_conversations
            && from.starts_with("con_")
            && self.conversations.contact_id.as_deref() != Some(from.as_str())
        {
            let req = self.req();
            self.conversations.open(from.clone(), name, req);
            self.inbox.select_in_conversations = Some(id);
            cmds.push(Command::LoadConversations {
                req,
                contact_id: from,
                channel_types: self.conversations.channel_types(),
            });
        }
        cmds
    }

    /// The thread of conversation `id` belongs to `person`: its customer is called so, and a
    /// title that showed the id becomes `conversation_name` or the person.
    pub(crate) fn name_thread(&mut self, id: &str, person: &str, conversation_name: Option<&str>) {
        if self.thread.conversation_id.as_deref() != Some(id) {
            return;
        }
        if self.thread.contact_name.is_empty() {
            self.thread.contact_name = person.to_string();
        }
        if self.thread.title.is_empty() || self.thread.title.contains(id) {
            self.thread.title = conversation_name.filter(|n| !n.is_empty()).unwrap_or(person).to_string();
        }
        self.dirty = true;
    }
}
