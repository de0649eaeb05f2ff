//! Moving through the inbox and opening a conversation: the pane keys and the mouse act on the
//! view shown, and Enter opens the thread and the contact's conversations beside it.

use super::{ROW_HEIGHT, conversation_title};
use crate::action::Action;
use crate::command::Command;
use crate::state::{Pane, State};
use imbox_model::Conversation;

/// Rows the mouse wheel moves per notch.
const WHEEL_STEP: isize = 3;

impl State {
    /// Handles `action` on the inbox when it is shown and the action is about the left pane;
    /// otherwise hands the action back for the usual navigation.
    pub(crate) fn inbox_navigate(&mut self, action: Action) -> Result<Vec<Command>, Action> {
        if !self.inbox_shown() {
            return Err(action);
        }
        let left = self.focus == Pane::Contacts;
        let in_left = |s: &State, col: u16, row: u16| s.layout().pane_at(col, row) == Some(Pane::Contacts);
        let page = self.inbox_viewport().max(1) as isize;
        match action {
            Action::Up if left => self.inbox_move(-1),
            Action::Down if left => self.inbox_move(1),
            Action::PageUp if left => self.inbox_move(-page),
            Action::PageDown if left => self.inbox_move(page),
            Action::Top if left => self.inbox_select(0),
            Action::Bottom if left => {
                let last = self.inbox.active().len().saturating_sub(1);
                self.inbox_select(last);
            }
            Action::Open if left => return Ok(self.open_inbox_selected()),
            Action::Refresh if left => {
                self.last_error = None;
                self.inbox.active_mut().reload();
                return Ok(self.refresh_badge());
            }
            Action::ScrollUp(col, row) if in_left(self, col, row) => self.inbox_move(-WHEEL_STEP),
            Action::ScrollDown(col, row) if in_left(self, col, row) => self.inbox_move(WHEEL_STEP),
            Action::Click(col, row) if in_left(self, col, row) => {
                self.focus = Pane::Contacts;
                let top = self.layout().contacts.map_or(0, |r| r.y);
                // Border, then the tab and filter lines, then three rows per conversation.
                let header = self.inbox_header_rows() as u16;
                if let Some(r) = row.checked_sub(top + 1 + header).map(usize::from) {
                    let (i, list) = (r / ROW_HEIGHT, self.inbox.active());
                    if i < self.inbox_viewport() && list.offset + i < list.len() {
                        self.inbox_select(list.offset + i);
                    }
                }
            }
            other => return Err(other),
        }
        Ok(Vec::new())
    }

    fn inbox_move(&mut self, delta: isize) {
        let target = self.inbox.active().selected.saturating_add_signed(delta);
        self.inbox_select(target);
    }

    fn inbox_select(&mut self, index: usize) {
        let v = self.inbox_viewport();
        self.inbox.active_mut().select(index, v);
    }

    /// Enter on the inbox: open the selected conversation.
    fn open_inbox_selected(&mut self) -> Vec<Command> {
        match self.inbox.active().selected_item().cloned() {
            Some(c) => self.open_inbox_conversation(c),
            None => Vec::new(),
        }
    }

    /// Opens a conversation of the inbox: its thread (focused), and the contact's conversations
    /// in the middle pane with this one selected once they arrive.
    pub(crate) fn open_inbox_conversation(&mut self, c: Conversation) -> Vec<Command> {
        let mut cmds = Vec::new();
        if self.account.capabilities.contact_conversations && !c.contact_id.is_empty() {
            let req = self.req();
            self.conversations.open(c.contact_id.clone(), c.contact_name.clone(), req);
            self.inbox.select_in_conversations = Some(c.id.clone());
            cmds.push(Command::LoadConversations {
                req,
                contact_id: c.contact_id.clone(),
                channel_types: self.conversations.channel_types(),
            });
        }
        let title = conversation_title(&c);
        cmds.extend(self.open_thread(c.id, title, c.contact_name));
        cmds
    }

    /// The contact's conversations arrived: select the one opened from the inbox (or by its
    /// id alone, whose thread then learns its person from the conversation's name).
    pub(crate) fn select_opened_conversation(&mut self) {
        let Some(id) = self.inbox.select_in_conversations.take() else { return };
        if let Some(i) = self.conversations.items.iter().position(|c| c.id == id) {
            let v = self.conversations_viewport();
            self.conversations.select(i, v);
            let c = &self.conversations.items[i];
            let person = match (&self.conversations.contact_name, c.contact_name.as_str()) {
                (known, _) if !known.is_empty() => known.clone(),
                (_, name) if !name.is_empty() => name.to_string(),
                _ => crate::state::notification_find::name_in_title(&c.name).to_string(),
            };
            let name = c.name.clone();
            if self.conversations.contact_name.is_empty() {
                self.conversations.contact_name = person.clone();
            }
            // Only a thread opened without its person is renamed (by id, or by a phone link).
            if !person.is_empty() && self.thread.contact_name.is_empty() {
                self.name_thread(&id, &person, Some(&name));
            }
        }
    }
}
