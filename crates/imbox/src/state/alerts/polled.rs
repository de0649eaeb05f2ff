//! Alerts for what polling finds (iMBRACE and SMS/RCS, which push nothing; Chatwoot while its
//! socket is down): the poll hands over what it got, and only what is new since the last poll
//! raises an alert. What was there before imbox looked the first time never rings.

use super::{AlertTrigger, AlertsState};
use crate::command::Command;
use crate::state::State;
use imbox_model::{Conversation, Message, Notification, Sender};
use std::collections::BTreeSet;

/// What the last notifications poll held, to tell the new ones apart.
#[derive(Debug, Clone, Default)]
pub struct SeenNotifications {
    /// The ids of the last page polled; `None` before the first (which only sets them).
    ids: Option<BTreeSet<String>>,
}

impl State {
    /// A notifications poll answered with `items` (its first page, newest first): each unread
    /// one the previous poll did not hold raises an alert ([`AlertTrigger::notification`]; the
    /// `any_notification` rule decides). The first poll only learns what is there.
    pub fn alert_new_notifications(&mut self, items: &[Notification]) -> Vec<Command> {
        let ids: BTreeSet<String> = items.iter().map(|n| n.id.clone()).collect();
        let AlertsState { seen_notifications, .. } = &mut self.alerts;
        let Some(before) = seen_notifications.ids.replace(ids) else { return Vec::new() };
        let fresh: Vec<AlertTrigger> = items
            .iter()
            .rev()
            .filter(|n| !n.is_read && !before.contains(&n.id))
            .map(AlertTrigger::notification)
            .collect();
        fresh.into_iter().flat_map(|t| self.raise_alert(t)).collect()
    }

    /// A poll of a thread found `messages` new (not shown before; oldest first): each one the
    /// customer wrote raises an alert ([`AlertTrigger::new_message`], named `who` when the
    /// message names nobody; the `new_message_mine` rule decides — the thread the agent keeps
    /// open is hers).
    pub fn alert_new_messages(&mut self, messages: &[Message], who: &str) -> Vec<Command> {
        let named = Conversation { contact_name: who.to_string(), ..Conversation::default() };
        let fresh: Vec<AlertTrigger> = messages
            .iter()
            .filter(|m| m.sender == Sender::Contact && !m.private)
            .map(|m| AlertTrigger::new_message(m, Some(&named)))
            .collect();
        fresh.into_iter().flat_map(|t| self.raise_alert(t)).collect()
    }
}
