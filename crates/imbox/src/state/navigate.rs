//! Moving around: focus, selection, scrolling, opening, refreshing, and the mouse.

use super::{CONVERSATION_ROW_HEIGHT, Pane, State};
use crate::action::Action;
use crate::command::Command;
use crate::layout::thread::LayoutContext;

/// Lines or rows the mouse wheel moves per notch.
const WHEEL_STEP: usize = 3;

impl State {
    /// Handles the navigation actions for the focused pane (or the pane under the mouse).
    pub(super) fn navigate(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::FocusLeft if self.focus != Pane::Contacts => self.focus = self.focus.prev(),
            Action::FocusRight if self.focus != Pane::Thread => self.focus = self.focus.next(),
            Action::Up => self.move_in(self.focus, -1),
            Action::Down => self.move_in(self.focus, 1),
            Action::PageUp => {
                let page = self.page_of(self.focus);
                self.move_in(self.focus, -(page as isize));
            }
            Action::PageDown => {
                let page = self.page_of(self.focus);
                self.move_in(self.focus, page as isize);
            }
            Action::Top => self.jump(self.focus, true),
            Action::Bottom => self.jump(self.focus, false),
            Action::Open => return self.open_selected(),
            Action::Refresh => return self.refresh(self.focus),
            Action::CycleChannelFilter => {
                self.conversations.cycle_filter();
                return self.reload_conversations();
            }
            Action::Click(col, row) => return self.click(col, row),
            Action::ScrollUp(col, row) => {
                if let Some(p) = self.layout().pane_at(col, row) {
                    self.move_in(p, -(WHEEL_STEP as isize));
                }
            }
            Action::ScrollDown(col, row) => {
                if let Some(p) = self.layout().pane_at(col, row) {
                    self.move_in(p, WHEEL_STEP as isize);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn page_of(&self, pane: Pane) -> usize {
        match pane {
            Pane::Contacts => self.contacts_viewport().max(1),
            Pane::Conversations => self.conversations_viewport().max(1),
            Pane::Thread => self.thread_viewport().saturating_sub(2).max(1),
        }
    }

    /// Moves the selection (lists) or scrolls (thread; negative = older) by `delta`.
    fn move_in(&mut self, pane: Pane, delta: isize) {
        match pane {
            Pane::Contacts => {
                let v = self.contacts_viewport();
                self.contacts.move_by(delta, v);
            }
            Pane::Conversations => {
                let v = self.conversations_viewport();
                let target = self.conversations.selected.saturating_add_signed(delta);
                self.conversations.select(target, v);
            }
            Pane::Thread => {
                let (width, viewport) = (self.thread_width(), self.thread_viewport());
                let tz = self.tz.clone();
                let name = self.thread.contact_name.clone();
                let ctx = LayoutContext { width, tz: &tz, contact_name: &name };
                if delta < 0 {
                    self.thread.scroll_up(delta.unsigned_abs(), viewport, &ctx);
                } else {
                    self.thread.scroll_down(delta.unsigned_abs(), &ctx);
                }
            }
        }
    }

    fn jump(&mut self, pane: Pane, top: bool) {
        match pane {
            Pane::Contacts => {
                let v = self.contacts_viewport();
                let target = if top { 0 } else { self.contacts.len().saturating_sub(1) };
                self.contacts.select(target, v);
            }
            Pane::Conversations => {
                let v = self.conversations_viewport();
                let target = if top { 0 } else { self.conversations.items.len().saturating_sub(1) };
                self.conversations.select(target, v);
            }
            Pane::Thread => {
                if top {
                    let (width, viewport) = (self.thread_width(), self.thread_viewport());
                    let tz = self.tz.clone();
                    let name = self.thread.contact_name.clone();
                    let ctx = LayoutContext { width, tz: &tz, contact_name: &name };
                    self.thread.jump_to_oldest(viewport, &ctx);
                } else {
                    self.thread.jump_to_newest();
                }
            }
        }
    }

    /// Enter: a contact opens its conversations, a conversation opens its thread.
    fn open_selected(&mut self) -> Vec<Command> {
        match self.focus {
            Pane::Contacts => {
                let Some(c) = self.contacts.selected_item() else {
                    return Vec::new();
                };
                let (id, name) = (c.id.clone(), super::people::contact_label(c).into_owned());
                self.open_contact(id, name)
            }
            Pane::Conversations => {
                let Some(conv) = self.conversations.selected_item() else {
                    return Vec::new();
                };
                let (id, title) = (conv.id.clone(), conv.name.clone());
                let name = self.conversations.contact_name.clone();
                self.open_thread(id, title, name)
            }
            Pane::Thread => Vec::new(),
        }
    }

    /// Opens a contact's conversations in the middle pane and focuses it.
    pub(super) fn open_contact(&mut self, id: String, name: String) -> Vec<Command> {
        let req = self.req();
        self.conversations.open(id.clone(), name, req);
        self.focus = Pane::Conversations;
        vec![Command::LoadConversations {
            req,
            contact_id: id,
            channel_types: self.conversations.channel_types(),
        }]
    }

    pub(super) fn reload_conversations(&mut self) -> Vec<Command> {
        let Some(id) = self.conversations.contact_id.clone() else {
            return Vec::new();
        };
        let req = self.req();
        let name = self.conversations.contact_name.clone();
        self.conversations.open(id.clone(), name, req);
        vec![Command::LoadConversations {
            req,
            contact_id: id,
            channel_types: self.conversations.channel_types(),
        }]
    }

    /// R: reload the pane's data (and the badge).
    fn refresh(&mut self, pane: Pane) -> Vec<Command> {
        let mut cmds = self.refresh_badge();
        self.last_error = None;
        match pane {
            // Pressed again while the list's refresh is out: nothing more to ask (a reload made
            // by a write, elsewhere, still drops the page in flight and asks again).
            Pane::Contacts if self.contacts.refreshing() => {}
            Pane::Contacts => self.contacts.reload(),
            Pane::Conversations => {
                if let Some(id) = self.conversations.contact_id.clone() {
                    let req = self.req();
                    self.conversations.refresh(req);
                    let channel_types = self.conversations.channel_types();
                    cmds.push(Command::LoadConversations { req, contact_id: id, channel_types });
                }
            }
            Pane::Thread => cmds.extend(self.reload_thread()),
        }
        cmds
    }

    /// A click focuses the pane under the mouse and selects the row there.
    fn click(&mut self, col: u16, row: u16) -> Vec<Command> {
        let layout = self.layout();
        let Some(pane) = layout.pane_at(col, row) else {
            return Vec::new();
        };
        self.focus = pane;
        let Some(rect) = layout.pane(pane) else {
            return Vec::new();
        };
        // Row inside the border; the border rows themselves select nothing.
        let Some(inner_row) = row.checked_sub(rect.y + 1).map(usize::from) else {
            return Vec::new();
        };
        if inner_row + 2 > rect.height as usize {
            return Vec::new();
        }
        match pane {
            Pane::Contacts => {
                let v = self.contacts_viewport();
                let target = self.contacts.offset + inner_row;
                if target < self.contacts.len() {
                    self.contacts.select(target, v);
                }
            }
            Pane::Conversations => {
                let v = self.conversations_viewport();
                let target = self.conversations.offset + inner_row / CONVERSATION_ROW_HEIGHT;
                if target < self.conversations.items.len() {
                    self.conversations.select(target, v);
                }
            }
            Pane::Thread => {}
        }
        Vec::new()
    }
}
