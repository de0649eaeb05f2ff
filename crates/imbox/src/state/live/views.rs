//! A conversation event (created, updated, status, assignee, team, read, mention): its rows take
//! the new copy, and it moves between the inbox views where the change moves it — a resolved
//! conversation leaves "open", one assigned to me joins "Mine". The view counts move with it;
//! the next counts answer (asked once the burst has settled) corrects them.

use super::rows::{keep_selection, position};
use crate::state::State;
use imbox_model::{Conversation, InboxView, StatusFilter, ViewCounts};

impl State {
    /// Puts the new copy of a conversation everywhere it belongs.
    pub(super) fn conversation_changed(&mut self, mut c: Conversation, created: bool) {
        if let Some(options) = &self.inbox.options.options {
            // The event names the inbox by id, as the list did before the names arrived.
            if let Some((_, name)) = options.inboxes.iter().find(|(id, _)| c.inbox == format!("inbox {id}")) {
                c.inbox = name.clone();
            }
        }
        let before = if created { None } else { self.conversation(&c.id).cloned() };
        self.count_move(before.as_ref(), &c, created);
        let v = self.inbox_viewport();
        for view in InboxView::ALL {
            let belongs = self.belongs(view, &c);
            let list = self.inbox.list_mut(view);
            if !list.is_known() {
                continue;
            }
            let chosen = list.selected_item().map(|r| r.id.clone());
            let at = position(list, &c.id);
            match (at, belongs) {
                (Some(i), Some(false)) => {
                    list.remove_at(i);
                }
                (Some(i), _) => list.replace_at(i, c.clone()),
                (None, Some(true)) => {
                    // Sorted by activity: above the first loaded row that is older.
                    let at = list
                        .loaded()
                        .find(|(_, r)| r.timestamp < c.timestamp)
                        .map(|(i, _)| i)
                        .or_else(|| (list.loaded().count() == list.len()).then_some(list.len()));
                    if let Some(at) = at {
                        list.insert_at(at, c.clone());
                    }
                }
                (None, _) => continue,
            }
            keep_selection(list, chosen, v);
        }
        // The contact's conversations: a new one of the open contact joins at the top.
        let list = &mut self.conversations;
        match list.items.iter_mut().find(|r| r.id == c.id) {
            Some(row) => *row = c.clone(),
            None if created && list.loaded && list.contact_id.as_deref() == Some(c.contact_id.as_str()) => {
                list.items.insert(0, c.clone());
                if list.items.len() > 1 {
                    // The row the agent had selected moved down one: the selection follows it.
                    list.selected += 1;
                }
            }
            None => {}
        }
        if let Some(t) = self.acts.touched.get_mut(&c.id) {
            *t = c;
        }
    }

    /// Whether `c` belongs in `view` under the inbox's filters; None when that cannot be told
    /// here (a message search, or "Mine" before the profile is known).
    pub(super) fn belongs(&self, view: InboxView, c: &Conversation) -> Option<bool> {
        let filters = self.passes_filters(c)?;
        let in_view = match view {
            InboxView::All => true,
            InboxView::Unassigned => c.assignee_id.is_none(),
            InboxView::Mine => c.assignee_id == Some(self.acts.profile.as_ref()?.id),
        };
        Some(filters && in_view)
    }

    /// Whether `c` passes the status, inbox, team and label filters (None while a message
    /// search is applied: only the server knows the matches).
    fn passes_filters(&self, c: &Conversation) -> Option<bool> {
        let f = &self.inbox;
        if !f.q.is_empty() {
            return None;
        }
        let status = f.status == StatusFilter::All || c.status == f.status.as_str();
        let inbox = f.inbox.as_ref().is_none_or(|(_, name)| &c.inbox == name);
        let team = f.team.as_ref().is_none_or(|(_, name)| c.teams.contains(name));
        let labels = f.labels.is_empty() || f.labels.iter().any(|l| c.labels.contains(l));
        Some(status && inbox && team && labels)
    }

    /// Moves the view counts from where the conversation was counted to where it is now.
    fn count_move(&mut self, before: Option<&Conversation>, now: &Conversation, created: bool) {
        let me = self.acts.profile.as_ref().map(|p| p.id);
        let was = match before {
            Some(b) => self.passes_filters(b),
            None if created => Some(false),
            // Not known before: where it was counted is unknown; the next answer tells.
            None => None,
        };
        let (Some(was), Some(is)) = (was, self.passes_filters(now)) else { return };
        let Some(counts) = self.inbox.counts.as_mut() else { return };
        if was && let Some(b) = before {
            count(counts, b.assignee_id, me, false);
        }
        if is {
            count(counts, now.assignee_id, me, true);
        }
    }
}

/// Counts a conversation assigned to `assignee` in (or out of) the views.
fn count(counts: &mut ViewCounts, assignee: Option<u64>, me: Option<u64>, add: bool) {
    let step = |n: &mut u64| *n = if add { *n + 1 } else { n.saturating_sub(1) };
    step(&mut counts.all);
    match assignee {
        None => step(&mut counts.unassigned),
        Some(a) => {
            step(&mut counts.assigned);
            if Some(a) == me {
                step(&mut counts.mine);
            }
        }
    }
}
