//! What the notification centre's actions do: moving, marking, the optimistic writes and their
//! rollback, "dismiss all" with its prompt and undo window, opening a notification, and the
//! badge timer. Every write changes the state at once; what is needed to undo it is kept under
//! the request id until the server answers.

use super::State;
use super::notifications::{KIND_CONVERSATION, PAGE_SIZE, PendingDismissAll, Rollback, UNDO_WINDOW};
use crate::action::Action;
use crate::action::NotificationAction as N;
use crate::command::Command;
use crate::command::NotificationCommand;
use jiff::SignedDuration;

impl State {
    /// Rows of the notification list on screen.
    pub fn notifications_viewport(&self) -> usize {
        crate::layout::notification_rows(self.size.1)
    }

    /// Handles a notification action.
    pub(super) fn update_notifications(&mut self, action: N) -> Vec<Command> {
        let v = self.notifications_viewport();
        let mut cmds = Vec::new();
        let nc = &mut self.notifications;
        // A write error stays up until the user's next key in the centre.
        if !matches!(action, N::Loaded { .. } | N::Written { .. } | N::DismissAllDue { .. } | N::Found { .. })
        {
            nc.error_write = None;
        }
        match action {
            N::Toggle => {
                nc.open = !nc.open;
                nc.confirm = false;
                nc.details = None;
                nc.finding = None;
                // Opening shows the server's current list, unless a write is still settling.
                if nc.open && !nc.writes_pending() {
                    nc.clear();
                }
            }
            N::Escape => {
                if nc.finding.is_some() {
                    // Stop waiting for the conversation's search; its answer is ignored.
                    nc.finding = None;
                } else if nc.confirm {
                    nc.confirm = false;
                } else if nc.details.is_some() {
                    nc.details = None;
                } else {
                    nc.open = false;
                }
            }
            N::Move(d) => nc.select(nc.selected.saturating_add_signed(d), v),
            N::Page(d) => nc.select(nc.selected.saturating_add_signed(d * v.max(1) as isize), v),
            N::Top => nc.select(0, v),
            N::Bottom => nc.select(nc.view.len().saturating_sub(1), v),
            N::ToggleMark => {
                if let Some(id) = nc.selected_item().map(|n| n.id.clone()) {
                    if !nc.marked.remove(&id) {
                        nc.marked.insert(id.clone());
                    }
                    nc.anchor = Some(id);
                    nc.select(nc.selected + 1, v);
                }
            }
            N::MarkRange => {
                let anchor = nc
                    .anchor
                    .as_ref()
                    .and_then(|a| (0..nc.view.len()).find(|i| nc.row(*i).is_some_and(|n| &n.id == a)));
                let (lo, hi) = match anchor {
                    Some(a) => (a.min(nc.selected), a.max(nc.selected)),
                    None => (nc.selected, nc.selected),
                };
                let ids: Vec<String> = (lo..=hi).filter_map(|i| nc.row(i).map(|n| n.id.clone())).collect();
                nc.anchor = nc.selected_item().map(|n| n.id.clone());
                nc.marked.extend(ids);
            }
            N::MarkAll => {
                let ids: Vec<String> =
                    (0..nc.view.len()).filter_map(|i| nc.row(i).map(|n| n.id.clone())).collect();
                if !ids.is_empty() && ids.iter().all(|id| nc.marked.contains(id)) {
                    nc.marked.clear();
                } else {
                    nc.marked.extend(ids);
                }
            }
            N::ToggleUnreadOnly => {
                nc.unread_only = !nc.unread_only;
                nc.rebuild_view(v);
            }
            N::Reload => {
                if !nc.writes_pending() {
                    nc.clear();
                }
                cmds.extend(self.refresh_badge());
            }
            N::MarkRead => {
                let ids = self.notifications.targets();
                cmds.extend(self.mark_read(ids));
                self.notifications.marked.clear();
            }
            N::Dismiss => cmds.extend(self.dismiss()),
            N::MarkAllRead => cmds.extend(self.mark_all_read()),
            N::AskDismissAll => {
                if nc.undo.is_some() {
                    self.info("a dismiss all is already waiting: z to undo it");
                } else {
                    nc.confirm = true;
                }
            }
            N::Confirm(false) => nc.confirm = false,
            N::Confirm(true) => cmds.extend(self.start_dismiss_all()),
            N::Undo => {
                if let Some(u) = nc.undo.take() {
                    nc.items = u.snapshot.items;
                    nc.total = u.snapshot.total;
                    nc.next_skip = u.snapshot.next_skip;
                    self.badge.unread = u.snapshot.unread;
                    self.notifications.rebuild_view(v);
                }
            }
            N::DismissAllDue { generation } => {
                if nc.undo.as_ref().is_some_and(|u| u.generation == generation)
                    && let Some(u) = nc.undo.take()
                {
                    let req = self.req();
                    self.notifications.writes.insert(req, Rollback::All(u.snapshot));
                    cmds.push(Command::Notify(NotificationCommand::DismissAll {
                        req,
                        kind: "conversations".into(),
                    }));
                }
            }
            N::Open => cmds.extend(self.open_notification()),
            N::Loaded { req, skip, result } => {
                // Some(None): the server answered without a count — the badge becomes unknown.
                let unread = result.as_ref().ok().map(|p| p.unread_count);
                let result = result.map_err(|e| self.note_error(&e));
                if self.notifications.apply_page(req, skip, result) {
                    if let (Some(u), false) = (unread, self.notifications.writes_pending()) {
                        self.badge.unread = u;
                    }
                    self.notifications.rebuild_view(v);
                }
            }
            N::Written { req, result } => cmds.extend(self.written(req, result)),
            N::Found { req, result } => cmds.extend(self.found_notification_conversation(req, result)),
        }
        cmds.extend(self.notifications_fill());
        cmds
    }

    /// Marks `ids` read at once (those not read yet) and asks the server to.
    fn mark_read(&mut self, ids: Vec<String>) -> Vec<Command> {
        if self.refuse_offline("nothing changed") {
            return Vec::new();
        }
        let v = self.notifications_viewport();
        let nc = &mut self.notifications;
        let mut flipped = Vec::new();
        for n in nc.items.iter_mut().filter(|n| !n.is_read && ids.contains(&n.id)) {
            n.is_read = true;
            flipped.push(n.id.clone());
        }
        if flipped.is_empty() {
            return Vec::new();
        }
        self.badge.unread = self.badge.unread.map(|u| u.saturating_sub(flipped.len() as u64));
        nc.rebuild_view(v);
        let req = self.req();
        self.notifications.writes.insert(req, Rollback::Read(flipped.clone()));
        vec![Command::Notify(NotificationCommand::MarkRead { req, ids: flipped })]
    }

    /// `A`: every notification read, on the server too (loaded rows flip at once, the badge
    /// goes to 0); put back if the server refuses.
    fn mark_all_read(&mut self) -> Vec<Command> {
        if self.refuse_offline("nothing changed") {
            return Vec::new();
        }
        if !self.account.capabilities.mark_all_notifications_read {
            // Say so rather than doing nothing (the keymap's feature table normally says it
            // first): a notice that fades, since asking again cannot help.
            let mut cmds = Vec::new();
            self.say_unavailable("marking all notifications read", &mut cmds);
            return cmds;
        }
        let v = self.notifications_viewport();
        let nc = &mut self.notifications;
        let mut flipped = Vec::new();
        for n in nc.items.iter_mut().filter(|n| !n.is_read) {
            n.is_read = true;
            flipped.push(n.id.clone());
        }
        nc.marked.clear();
        nc.rebuild_view(v);
        let unread = self.badge.unread.replace(0);
        let req = self.req();
        self.notifications.writes.insert(req, Rollback::ReadAll { ids: flipped, unread });
        vec![Command::Notify(NotificationCommand::MarkAllRead { req })]
    }

    /// Removes the targets at once and asks the server to dismiss them.
    fn dismiss(&mut self) -> Vec<Command> {
        if self.refuse_offline("nothing changed") {
            return Vec::new();
        }
        let v = self.notifications_viewport();
        let ids = self.notifications.targets();
        let nc = &mut self.notifications;
        let mut removed = Vec::new();
        let mut i = 0;
        while i < nc.items.len() {
            if ids.contains(&nc.items[i].id) {
                // Indices as they were before any removal, so rollback can put each one back.
                removed.push((i + removed.len(), nc.items.remove(i)));
            } else {
                i += 1;
            }
        }
        if removed.is_empty() {
            return Vec::new();
        }
        let unread = removed.iter().filter(|(_, n)| !n.is_read).count() as u64;
        self.badge.unread = self.badge.unread.map(|u| u.saturating_sub(unread));
        nc.total = nc.total.map(|t| t.saturating_sub(removed.len() as u64));
        nc.marked.clear();
        nc.rebuild_view(v);
        let req = self.req();
        let ids: Vec<String> = removed.iter().map(|(_, n)| n.id.clone()).collect();
        self.notifications.writes.insert(req, Rollback::Dismissed(removed));
        vec![Command::Notify(NotificationCommand::Dismiss { req, ids })]
    }

    /// "Dismiss all", confirmed: conversation notifications vanish at once, and the request is
    /// scheduled after the undo window.
    fn start_dismiss_all(&mut self) -> Vec<Command> {
        if self.refuse_offline("nothing dismissed") {
            self.notifications.confirm = false;
            return Vec::new();
        }
        let v = self.notifications_viewport();
        let snapshot = self.notifications.snapshot(self.badge.unread);
        let nc = &mut self.notifications;
        nc.confirm = false;
        // iMBRACE marks conversation notifications with kind 201; Chatwoot's are all about a
        // conversation and name it.
        nc.items.retain(|n| n.kind != KIND_CONVERSATION && n.conversation_id.is_none());
        nc.total = Some(nc.items.len() as u64);
        nc.marked.clear();
        self.badge.unread = Some(nc.items.iter().filter(|n| !n.is_read).count() as u64);
        nc.generation += 1;
        let generation = nc.generation;
        let deadline = self.now + SignedDuration::try_from(UNDO_WINDOW).unwrap_or(SignedDuration::ZERO);
        nc.undo = Some(PendingDismissAll { generation, deadline, snapshot });
        nc.rebuild_view(v);
        vec![Command::Schedule {
            after: UNDO_WINDOW,
            action: Box::new(Action::Notify(N::DismissAllDue { generation })),
        }]
    }

    /// A write finished: forget its rollback, or apply it with a visible error; then ask the
    /// server for the badge again.
    fn written(
        &mut self,
        req: crate::action::RequestId,
        result: Result<(), imbox_api::ApiError>,
    ) -> Vec<Command> {
        let v = self.notifications_viewport();
        let Some(rollback) = self.notifications.writes.remove(&req) else {
            return Vec::new();
        };
        match result {
            Ok(()) => match rollback {
                Rollback::Read(_) | Rollback::ReadAll { .. } => {}
                Rollback::Dismissed(removed) => {
                    let nc = &mut self.notifications;
                    nc.next_skip = nc.next_skip.saturating_sub(removed.len() as u64);
                }
                // The server's list is now something else entirely: start again from the top.
                Rollback::All(_) => self.notifications.clear(),
            },
            Err(e) => {
                let nc = &mut self.notifications;
                let what = match rollback {
                    Rollback::Read(ids) => {
                        let mut back = 0;
                        for n in nc.items.iter_mut().filter(|n| ids.contains(&n.id)) {
                            n.is_read = false;
                            back += 1;
                        }
                        self.badge.unread = self.badge.unread.map(|u| u + back);
                        format!("could not mark {} read", plural(ids.len()))
                    }
                    Rollback::ReadAll { ids, unread } => {
                        for n in nc.items.iter_mut().filter(|n| ids.contains(&n.id)) {
                            n.is_read = false;
                        }
                        self.badge.unread = unread;
                        "could not mark all notifications read".to_string()
                    }
                    Rollback::Dismissed(removed) => {
                        let count = removed.len();
                        let unread = removed.iter().filter(|(_, n)| !n.is_read).count() as u64;
                        for (i, n) in removed {
                            if !nc.items.iter().any(|m| m.id == n.id) {
                                let at = i.min(nc.items.len());
                                nc.items.insert(at, n);
                            }
                        }
                        nc.total = nc.total.map(|t| t + count as u64);
                        self.badge.unread = self.badge.unread.map(|u| u + unread);
                        format!("could not dismiss {}", plural(count))
                    }
                    Rollback::All(s) => {
                        nc.items = s.items;
                        nc.total = s.total;
                        nc.next_skip = s.next_skip;
                        self.badge.unread = s.unread;
                        "could not dismiss all conversation notifications".to_string()
                    }
                };
                let text = format!("{what}: {e}; restored");
                self.notifications.error_write = Some(text.clone());
                self.note_failure(text, &e);
            }
        }
        self.notifications.rebuild_view(v);
        self.refresh_badge()
    }

    /// Enter: open the conversation the notification points at when it is among the loaded
    /// conversations or the server names it, else look for it (`notification_find.rs`); either
    /// way it is marked read, as the web app does.
    fn open_notification(&mut self) -> Vec<Command> {
        let Some(n) = self.notifications.selected_item().cloned() else {
            return Vec::new();
        };
        let mut cmds = self.mark_read(vec![n.id.clone()]);
        let conv = n
            .handle_id
            .as_ref()
            .and_then(|h| self.conversations.items.iter().find(|c| &c.handle_id == h))
            .cloned();
        if conv.is_some() || n.conversation_id.is_some() {
            self.notifications.finding = None;
        }
        match (conv, n.conversation_id.clone()) {
            (Some(c), _) => {
                self.notifications.open = false;
                let name = self.conversations.contact_name.clone();
                cmds.extend(self.open_thread(c.id, c.name, name));
            }
            // The server names the conversation (Chatwoot): open it as the inbox does, with the
            // contact's conversations beside it when the inbox has loaded it.
            (None, Some(id)) => {
                self.notifications.open = false;
                match self.inbox.find(&id).cloned() {
                    Some(c) => cmds.extend(self.open_inbox_conversation(c)),
                    None => {
                        let title = if n.title.is_empty() { format!("#{id}") } else { n.title.clone() };
                        cmds.extend(self.open_thread(id, title, String::new()));
                    }
                }
            }
            (None, None) if n.handle_id.is_some() => cmds.extend(self.find_notification_conversation(n)),
            (None, None) => {
                self.notifications.finding = None;
                self.show_notification_details(n, "It points at no conversation.".into());
            }
        }
        cmds
    }

    /// The next page of notifications, when the centre is open and its cursor nears the end.
    fn notifications_fill(&mut self) -> Vec<Command> {
        if !self.started || !self.notifications.open {
            return Vec::new();
        }
        let Some(skip) = self.notifications.wanted_page(self.notifications_viewport()) else {
            return Vec::new();
        };
        let req = self.req();
        self.notifications.pending_page = Some((req, skip));
        vec![Command::Notify(NotificationCommand::Load { req, skip, limit: PAGE_SIZE })]
    }

    /// On every tick: the undo countdown is redrawn (the badge is polled by `poll.rs`).
    pub(super) fn notifications_tick(&mut self) {
        if self.notifications.undo.is_some() {
            self.dirty = true;
        }
    }
}

/// "1 notification", "3 notifications".
fn plural(n: usize) -> String {
    if n == 1 { "1 notification".into() } else { format!("{n} notifications") }
}
