//! Moving through search results: the pane keys and the mouse act on the results while they
//! are shown, and Enter opens a contact's conversations or a phone link's thread.

use super::Row;
use crate::action::Action;
use crate::command::Command;
use crate::state::{Pane, State};

impl State {
    /// Handles `action` on the search results when they are shown and the action is about
    /// the contacts pane; otherwise hands the action back for the usual navigation.
    pub(crate) fn search_navigate(&mut self, action: Action) -> Result<Vec<Command>, Action> {
        if !self.search.active {
            return Err(action);
        }
        let in_contacts =
            |s: &State, col: u16, row: u16| s.layout().pane_at(col, row) == Some(Pane::Contacts);
        let page = self.search_viewport() as isize;
        match action {
            Action::Up if self.focus == Pane::Contacts => self.search_move(-1),
            Action::Down if self.focus == Pane::Contacts => self.search_move(1),
            Action::PageUp if self.focus == Pane::Contacts => self.search_move(-page),
            Action::PageDown if self.focus == Pane::Contacts => self.search_move(page),
            Action::Top if self.focus == Pane::Contacts => self.search_select(0),
            Action::Bottom if self.focus == Pane::Contacts => {
                self.search_select(self.search.len().saturating_sub(1))
            }
            Action::Open if self.focus == Pane::Contacts => return Ok(self.open_search_row()),
            Action::Refresh if self.focus == Pane::Contacts => return Ok(self.ask_server(true)),
            Action::ScrollUp(col, row) if in_contacts(self, col, row) => self.search_move(-3),
            Action::ScrollDown(col, row) if in_contacts(self, col, row) => self.search_move(3),
            Action::Click(col, row) if in_contacts(self, col, row) => {
                self.focus = Pane::Contacts;
                let top = self.layout().contacts.map_or(0, |r| r.y);
                // Border, then the search line, then the rows.
                if let Some(r) = row.checked_sub(top + 2).map(usize::from)
                    && r < self.search_viewport()
                    && self.search.offset + r < self.search.len()
                {
                    self.search_select(self.search.offset + r);
                }
            }
            other => {
                if let Action::Click(col, row) = other
                    && self.layout().pane_at(col, row).is_some()
                {
                    // Clicking another pane leaves the search line (its results stay).
                    self.search.editing = false;
                }
                return Err(other);
            }
        }
        Ok(self.fill_search())
    }

    fn search_move(&mut self, delta: isize) {
        self.search_select(self.search.selected.saturating_add_signed(delta));
    }

    fn search_select(&mut self, index: usize) {
        let viewport = self.search_viewport();
        let s = &mut self.search;
        s.selected = index.min(s.len().saturating_sub(1));
        s.offset = crate::state::paged::keep_visible(s.selected, s.offset, viewport, s.len());
    }

    /// Enter on a result: a contact opens its conversations, a link its thread.
    fn open_search_row(&mut self) -> Vec<Command> {
        match self.search.row(self.search.selected) {
            Some(Row::Link(link)) => {
                let Some(id) = link.conversation_id.clone() else { return Vec::new() };
                match link.person.clone() {
                    // The person is known: open as from the inbox, with their conversations
                    // beside the thread (which then takes the conversation's own name).
                    Some((contact_id, name)) => {
                        let c = imbox_model::Conversation {
                            id,
                            contact_id,
                            contact_name: name.clone(),
                            name: format!("{name} · +{}", link.phone),
                            ..Default::default()
                        };
                        self.open_inbox_conversation(c)
                    }
                    // Else its messages tell (`open.rs`).
                    None => {
                        self.naming = Some(id.clone());
                        let title = format!("+{} · {id}", link.phone);
                        self.open_thread(id, title, String::new())
                    }
                }
            }
            Some(Row::Contact(Some(hit))) => {
                let (id, name) =
                    (hit.contact.id.clone(), crate::state::people::contact_label(&hit.contact).into_owned());
                self.open_contact(id, name)
            }
            _ => Vec::new(),
        }
    }
}
