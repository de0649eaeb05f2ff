//! What the inbox's actions do: views, status, filters, the `q` line, the contact-list toggle,
//! results, the background refresh, and marking a conversation read.

use super::picker::Picker;
use super::{HEADER_ROWS, ROW_HEIGHT};
use crate::action::InboxAction as I;
use crate::action::SearchAction;
use crate::command::Command;
use crate::command::InboxCommand;
use crate::layout;
use crate::state::search::LineEditor;
use crate::state::{Pane, State};
use imbox_model::InboxView;

impl State {
    /// Whether the left pane shows the conversation inbox (rather than contacts).
    pub fn inbox_shown(&self) -> bool {
        self.account.capabilities.conversation_views && !self.inbox.show_contacts
    }

    /// Whether the inbox is one list without views, status or filters (SMS/RCS).
    pub fn inbox_is_one_list(&self) -> bool {
        !self.account.capabilities.inbox_views
    }

    /// Rows above the inbox list: the view tabs and the filter line, or (one list) one line.
    pub fn inbox_header_rows(&self) -> usize {
        if self.inbox_is_one_list() { 1 } else { HEADER_ROWS }
    }

    /// Conversations that fit in the inbox pane.
    pub fn inbox_viewport(&self) -> usize {
        let rows = layout::inner_height(self.layout_for(Pane::Contacts).contacts);
        rows.saturating_sub(self.inbox_header_rows()) / ROW_HEIGHT
    }

    /// Handles an inbox action.
    pub(crate) fn update_inbox(&mut self, action: I) -> Vec<Command> {
        let result =
            matches!(action, I::Loaded { .. } | I::OptionsLoaded { .. } | I::MarkedRead { .. } | I::Reload);
        if !result && !self.account.capabilities.conversation_views {
            // A key for a feature this backend lacks says so instead of doing nothing.
            self.info(format!("{} has no conversation inbox", self.account.kind.name()));
            return Vec::new();
        }
        if self.inbox_is_one_list() {
            // The keys are gated already (keymap/features.rs); this is the backstop.
            let missing = match action {
                I::SetView(_) | I::NextView | I::PrevView => Some("inbox views (Mine, Unassigned, All)"),
                I::CycleStatus => Some("the status filter"),
                I::OpenFilters => Some("inbox filters"),
                _ => None,
            };
            if let Some(feature) = missing {
                return self.update(crate::action::Action::Unavailable(feature));
            }
        }
        let mut cmds = Vec::new();
        let question = self.inbox.query_for(0);
        match action {
            I::SetView(v) => self.switch_view(v),
            I::NextView | I::PrevView => {
                let all = InboxView::ALL;
                let i = all.iter().position(|v| *v == self.inbox.view).unwrap_or(0);
                let step = if action == I::NextView { 1 } else { all.len() - 1 };
                self.switch_view(all[(i + step) % all.len()]);
            }
            I::CycleStatus => {
                self.inbox.status = self.inbox.status.next();
                self.inbox.filters_changed();
            }
            I::OpenFilters => {
                self.inbox.picker = Some(Picker::default());
                let o = &self.inbox.options;
                if o.options.is_none() && o.pending.is_none() {
                    let req = self.req();
                    self.inbox.options.pending = Some(req);
                    self.inbox.options.error = None;
                    cmds.push(Command::Inbox(InboxCommand::LoadFilterOptions { req }));
                }
            }
            I::PickerMove(d) => {
                let n = self.inbox.picker_items().len();
                if let Some(p) = self.inbox.picker.as_mut() {
                    p.selected = p.selected.saturating_add_signed(d).min(n.saturating_sub(1));
                }
            }
            I::PickerApply => {
                let items = self.inbox.picker_items();
                if let Some(item) = self.inbox.picker.take().and_then(|p| items.get(p.selected).cloned()) {
                    self.inbox.toggle(item);
                    self.inbox.filters_changed();
                }
            }
            I::PickerClear => {
                self.inbox.picker = None;
                if self.inbox.has_filters() {
                    self.inbox.inbox = None;
                    self.inbox.team = None;
                    self.inbox.labels.clear();
                    self.inbox.filters_changed();
                }
            }
            I::PickerClose => self.inbox.picker = None,
            // One list (SMS/RCS): `/` is the lookup, on the lookup pane.
            I::OpenQuery if self.inbox_is_one_list() => {
                self.inbox.show_contacts = true;
                return self.update_search(SearchAction::Open);
            }
            I::OpenQuery => {
                let mut line = LineEditor::default();
                for c in self.inbox.q.chars() {
                    line.insert(c);
                }
                self.inbox.query = Some(line);
            }
            I::QuerySubmit => {
                if let Some(line) = self.inbox.query.take() {
                    let q = line.text().trim().to_string();
                    if q != self.inbox.q {
                        self.inbox.q = q;
                        self.inbox.filters_changed();
                    }
                }
            }
            // Esc with rows marked (and no search line open) drops the marks first.
            I::QueryCancel if self.inbox.query.is_none() && !self.acts.marked.is_empty() => {
                self.acts.clear_marks();
            }
            I::QueryCancel => {
                self.inbox.query = None;
                if !self.inbox.q.is_empty() {
                    self.inbox.q.clear();
                    self.inbox.filters_changed();
                }
            }
            I::SetQuery(q) => {
                self.inbox.query = None;
                let q = q.trim().to_string();
                if q != self.inbox.q {
                    self.inbox.q = q;
                    self.inbox.filters_changed();
                }
            }
            I::SetStatus(status) => {
                if status != self.inbox.status {
                    self.inbox.status = status;
                    self.inbox.filters_changed();
                }
            }
            I::Reload => cmds.extend(self.reload_inbox()),
            I::ToggleContacts => self.toggle_contacts(),
            I::Loaded { req, view, skip, result } => {
                let counts = result.as_ref().ok().map(|p| p.counts);
                let result = result.map(|p| p.page).map_err(|e| self.note_error(&e));
                let v = self.inbox_viewport();
                let list = self.inbox.list_mut(view);
                // A reload may re-sort the rows (a reply, a label or an assignment moves a
                // conversation to the top): the selection follows the conversation, not the
                // row number, so the next key acts on the one the user chose.
                let chosen = list.selected_item().map(|c| c.id.clone());
                if list.apply(req, skip, result) {
                    let moved = chosen.and_then(|id| list.loaded().find(|(_, c)| c.id == id).map(|(i, _)| i));
                    match moved {
                        Some(i) if i != list.selected => list.select(i, v),
                        _ => list.scroll_to_selection(v),
                    }
                    if let Some(c) = counts {
                        self.inbox.counts = Some(c);
                    }
                }
            }
            I::OptionsLoaded { req, result } => {
                if self.inbox.options.pending == Some(req) {
                    self.inbox.options.pending = None;
                    match result {
                        Ok(o) => {
                            self.inbox.name_inboxes(&o);
                            self.inbox.options.options = Some(o);
                        }
                        Err(e) => self.inbox.options.error = Some(self.note_error(&e)),
                    }
                }
            }
            I::MarkedRead { req, conversation_id, result } => {
                if self.inbox.mark_read.remove(&req).is_some() {
                    match result {
                        Ok(()) => self.clear_unread(&conversation_id),
                        Err(e) => {
                            self.note_failure(format!("could not mark #{conversation_id} read: {e}"), &e);
                        }
                    }
                }
            }
            edit => self.edit_query(edit),
        }
        // Marks for a bulk action belong to the rows of the view and filters they were made in.
        if self.inbox.query_for(0) != question {
            self.acts.clear_marks();
        }
        cmds
    }

    /// The typing keys of the `q` line.
    fn edit_query(&mut self, edit: I) {
        let Some(line) = self.inbox.query.as_mut() else { return };
        match edit {
            I::QueryInsert(c) => {
                let _ = line.insert(c);
            }
            I::QueryBackspace => {
                let _ = line.backspace();
            }
            I::QueryDelete => {
                let _ = line.delete();
            }
            I::QueryDeleteWord => {
                let _ = line.delete_word();
            }
            I::QueryClearLine => {
                let _ = line.clear_before();
            }
            I::QueryKillToEnd => {
                let _ = line.kill_to_end();
            }
            I::QueryLeft => line.left(),
            I::QueryRight => line.right(),
            I::QueryHome => line.home(),
            I::QueryEnd => line.end(),
            _ => {}
        }
    }

    /// Shows `view`: its cached rows at once, the page in view asked again in the background.
    fn switch_view(&mut self, view: InboxView) {
        self.inbox.view = view;
        let list = self.inbox.active_mut();
        if !list.is_loading() {
            list.reload();
        }
        let v = self.inbox_viewport();
        self.inbox.active_mut().scroll_to_selection(v);
    }

    /// `C`: the contact list (SMS/RCS: the lookup pane) instead of the inbox, and back.
    fn toggle_contacts(&mut self) {
        if self.inbox.show_contacts {
            self.inbox.show_contacts = false;
        } else if self.account.capabilities.lookup && !self.account.capabilities.contact_list {
            // The lookup pane keeps its last lookup, to come back to.
            self.inbox.show_contacts = true;
        } else if self.account.capabilities.contact_list {
            self.inbox.show_contacts = true;
            // Kept search results belong to the contact list; start from the full list.
            self.search.editing = false;
        } else {
            self.info(format!("{} has no contact list", self.account.kind.name()));
            return;
        }
        self.focus = Pane::Contacts;
    }

    /// A conversation was marked read: its unread badge clears wherever it is shown.
    fn clear_unread(&mut self, id: &str) {
        for c in self.inbox.conversations_mut().chain(self.conversations.items.iter_mut()) {
            if c.id == id {
                c.unread_count = 0;
            }
        }
    }

    /// Requests for the inbox pages in view that are not loaded yet (the view shown only).
    pub(crate) fn inbox_fill(&mut self) -> Vec<Command> {
        if !self.inbox_shown() {
            return Vec::new();
        }
        let viewport = self.inbox_viewport().max(1);
        let view = self.inbox.view;
        let mut cmds = Vec::new();
        for page in self.inbox.active().wanted_pages(viewport) {
            let req = self.req();
            let list = self.inbox.active_mut();
            list.mark_pending(page, req);
            let skip = list.skip_of(page);
            let query = self.inbox.query_for(page);
            cmds.push(Command::Inbox(InboxCommand::Load { req, view, skip, query }));
        }
        cmds
    }

    /// Asks the backend to mark `id` read when the account can and the setting says so.
    pub(crate) fn mark_read_on_open(&mut self, id: &str) -> Vec<Command> {
        if !(self.mark_read_on_open && self.account.capabilities.mark_conversation_read) || self.is_offline()
        {
            return Vec::new();
        }
        let req = self.req();
        self.inbox.mark_read.insert(req, id.to_string());
        vec![Command::Inbox(InboxCommand::MarkRead { req, conversation_id: id.to_string() })]
    }
}
