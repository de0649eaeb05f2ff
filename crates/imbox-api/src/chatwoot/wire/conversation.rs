//! Conversations: the Conversation object (`conversations/partials/_conversation`, used by the
//! index, show, `update_last_seen` and a contact's conversations) and the ConversationEvent a
//! notification carries as `primary_actor`; one tolerant type reads both.

use super::contact::WireContact;
use super::message::{WireMessage, preview};
use super::meta::Named;
use super::scalar::Scalar;
use super::{channel_name, lines};
use imbox_model::{Conversation, Message};
use serde::Deserialize;
use std::collections::HashMap;

/// A conversation on the wire.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireConversation {
    /// Contact, channel, assignee, team.
    pub meta: Option<ConversationMeta>,
    /// The **display id** (`#42`), also the id in paths.
    pub id: Scalar,
    /// 0 or 1 element: the latest message of any kind (not the history).
    pub messages: Option<Vec<WireMessage>>,
    /// Inbox id.
    pub inbox_id: Scalar,
    /// Labels.
    pub labels: Option<Vec<Scalar>>,
    /// `open`, `resolved`, `pending`, `snoozed`.
    pub status: Scalar,
    /// Unread incoming messages, capped at 10.
    pub unread_count: Scalar,
    /// The latest message that is not an activity (may be a private note); `{}` in seed 004.
    pub last_non_activity_message: Option<WireMessage>,
    /// Latest activity, unix (since 2023-05).
    pub last_activity_at: Scalar,
    /// Latest activity, unix (older servers' only time).
    pub timestamp: Scalar,
    /// Creation, unix.
    pub created_at: Scalar,
    /// `low` … `urgent`, or null.
    pub priority: Scalar,
    /// The channel class at the top level (ConversationEvent only).
    pub channel: Scalar,
    /// When a snooze ends: ISO (the Conversation object) or null.
    pub snoozed_until: Scalar,
}

/// The conversation's `meta`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConversationMeta {
    /// The contact.
    pub sender: Option<WireContact>,
    /// `Channel::Whatsapp` …
    pub channel: Scalar,
    /// An agent (`available_name`) or an agent bot (`name`); absent or null when unassigned.
    pub assignee: Option<WireAssignee>,
    /// `User` / `AgentBot` (since 2025-11).
    pub assignee_type: Scalar,
    /// The team (since 2021-03); absent or null when none.
    pub team: Option<Named>,
}

/// An assignee: the `_agent` partial, an AgentBotSlim, or swagger's `user` shape (seed 003).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireAssignee {
    /// Id.
    pub id: Scalar,
    /// Name.
    pub name: Scalar,
    /// Display name (agents).
    pub available_name: Scalar,
    /// `webhook` on an AgentBotSlim: its id is a bot's, not an agent's.
    pub bot_type: Scalar,
}

impl WireConversation {
    /// The display id as text.
    pub fn display_id(&self) -> String {
        self.id.line()
    }

    /// Converts to the domain model; `inbox_names` resolves `inbox_id` to a name when the
    /// client has listed the inboxes (otherwise the inbox shows as `inbox <id>`).
    pub fn into_conversation(self, inbox_names: &HashMap<u64, String>) -> Conversation {
        let id = self.display_id();
        let meta = self.meta.unwrap_or_default();
        let contact = meta.sender.unwrap_or_default();
        let contact_name = contact.display_name();
        let channel = if meta.channel.is_set() { meta.channel.line() } else { self.channel.line() };
        // Only a user's id is an agent id ("assign to me" compares it with the profile's); a bot
        // is known by `assignee_type` (since 2025-11) or, before that, by its `bot_type`.
        let bot = meta.assignee_type.line() == "AgentBot"
            || meta.assignee.as_ref().is_some_and(|a| a.bot_type.is_set());
        let assignee_id = meta.assignee.as_ref().filter(|_| !bot).and_then(|a| a.id.count());
        let assignee = meta
            .assignee
            .map(|a| {
                let available = a.available_name.line();
                if available.is_empty() { a.name.line() } else { available }
            })
            .unwrap_or_default();
        let teams: Vec<String> =
            meta.team.map(|t| t.name.line()).filter(|n| !n.is_empty()).into_iter().collect();
        let inbox = match self.inbox_id.count() {
            Some(i) => inbox_names.get(&i).cloned().unwrap_or_else(|| format!("inbox {i}")),
            None => String::new(),
        };
        let latest = self
            .last_non_activity_message
            .filter(|m| !m.is_empty())
            .or_else(|| self.messages.and_then(|m| m.into_iter().find(|m| !m.is_empty())))
            .map(|m| preview(&Message::from(m)))
            .filter(|p| !p.is_empty());
        Conversation {
            name: if contact_name.is_empty() { format!("#{id}") } else { contact_name.clone() },
            id,
            handle_id: String::new(),
            contact_id: contact.id.line(),
            channel_type: channel_name(&channel),
            status: self.status.line(),
            timestamp: self.last_activity_at.time().or(self.timestamp.time()).or(self.created_at.time()),
            latest_message: latest,
            teams,
            unread_count: self.unread_count.count().unwrap_or(0),
            assignee,
            contact_name,
            inbox,
            labels: lines(self.labels.as_ref()),
            priority: self.priority.line(),
            assignee_id,
            snoozed_until: self.snoozed_until.time(),
            message_count: None,
            first_message_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_object_is_a_conversation_without_anything() {
        let w: WireConversation = serde_json::from_str("{}").unwrap();
        let c = w.into_conversation(&HashMap::new());
        assert_eq!(c.name, "#");
        assert_eq!(c.latest_message, None);
    }

    #[test]
    fn inbox_names_are_used_when_known() {
        let w: WireConversation =
            serde_json::from_str(r#"{"id":7,"inbox_id":3,"meta":{"assignee":null}}"#).unwrap();
        let names = HashMap::from([(3, "Support WhatsApp".to_string())]);
        let c = w.into_conversation(&names);
        assert_eq!((c.name.as_str(), c.inbox.as_str(), c.assignee.as_str()), ("#7", "Support WhatsApp", ""));
        assert_eq!(c.assignee_id, None);
    }

    #[test]
    fn assignee_id_is_an_agents_and_snooze_is_kept() {
        let agent: WireConversation = serde_json::from_str(
            r#"{"id":61,"status":"snoozed","snoozed_until":"2025-12-02T08:00:00.000Z","meta":{"assignee":{"id":7,"available_name":"Dana Levi"},"assignee_type":"User"}}"#,
        )
        .unwrap();
        let c = agent.into_conversation(&HashMap::new());
        assert_eq!(c.assignee_id, Some(7));
        assert_eq!(c.snoozed_until.map(|t| t.as_second()), Some(1_764_662_400));
        // A bot holds it: no agent id, with or without `assignee_type`.
        for json in [
            r#"{"id":1,"meta":{"assignee":{"id":2,"name":"Acme Helper"},"assignee_type":"AgentBot"}}"#,
            r#"{"id":1,"meta":{"assignee":{"id":2,"name":"Acme Helper","bot_type":"webhook"}}}"#,
        ] {
            let w: WireConversation = serde_json::from_str(json).unwrap();
            let c = w.into_conversation(&HashMap::new());
            assert_eq!((c.assignee_id, c.assignee.as_str()), (None, "Acme Helper"), "{json}");
        }
    }
}
