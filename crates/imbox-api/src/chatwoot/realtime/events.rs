//! A channel message (`{"event": "<name>", "data": {…}}`) into a [`LiveEvent`]: the account
//! checked first, then the data read by the same tolerant wire types the REST calls use, so
//! every string an event carries has passed the sanitizer.

use crate::chatwoot::wire::{
    Scalar, WireContact, WireConversation, WireMessage, WireNotification, WireSender,
};
use imbox_model::live::{ConversationChange, ConversationPulse, LiveEvent, NotificationChange};
use imbox_model::{Contact, Message, Notification};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashMap;

/// Why a channel message became no event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// Its `data.account_id` is another account's (or missing): not for this inbox.
    OtherAccount(Option<u64>),
    /// An event imbox does not use (`presence.update`, a newer server's own).
    Unknown(String),
    /// A known event whose data could not be read.
    Undecodable {
        /// The event's name.
        event: String,
        /// What was wrong.
        error: String,
    },
}

/// Decodes one channel message for the account `account_id`.
///
/// Events of another account are refused before their data is read; unknown events and data
/// that cannot be read are [`Skipped`], for the caller to log and forget.
pub fn decode_event(message: &Value, account_id: u64) -> Result<LiveEvent, Skipped> {
    let event = message.get("event").and_then(Value::as_str).unwrap_or_default();
    let data = message.get("data").unwrap_or(&Value::Null);
    let account = data.get("account_id").cloned().map(serde_json::from_value::<Scalar>);
    let account = account.and_then(Result::ok).and_then(|a| a.count());
    if account != Some(account_id) {
        return Err(Skipped::OtherAccount(account));
    }
    let undecodable = |error: String| Skipped::Undecodable { event: event.to_string(), error };
    let conversation_change = match event {
        "message.created" | "message.updated" => {
            let (message, conversation) = message_event(data).map_err(undecodable)?;
            return Ok(if event == "message.created" {
                LiveEvent::MessageCreated { message, conversation }
            } else {
                LiveEvent::MessageUpdated { message, conversation }
            });
        }
        "conversation.created" => {
            return conversation(data).map(LiveEvent::ConversationCreated).map_err(undecodable);
        }
        "conversation.mentioned" => {
            return conversation(data).map(LiveEvent::Mentioned).map_err(undecodable);
        }
        "conversation.typing_on" | "conversation.typing_off" => {
            return typing(data, event == "conversation.typing_on").map_err(undecodable);
        }
        "notification.created" => NotificationChange::Created,
        "notification.updated" => NotificationChange::Updated,
        "notification.deleted" => NotificationChange::Deleted,
        "contact.updated" => {
            let contact: Contact = read::<WireContact>(data).map_err(undecodable)?.into();
            return if contact.id.is_empty() {
                Err(undecodable("a contact without an id".into()))
            } else {
                Ok(LiveEvent::ContactUpdated(contact))
            };
        }
        "conversation.updated" => return updated(data, ConversationChange::Updated).map_err(undecodable),
        "conversation.status_changed" => {
            return updated(data, ConversationChange::StatusChanged).map_err(undecodable);
        }
        "conversation.read" => return updated(data, ConversationChange::Read).map_err(undecodable),
        "assignee.changed" => return updated(data, ConversationChange::AssigneeChanged).map_err(undecodable),
        "team.changed" => return updated(data, ConversationChange::TeamChanged).map_err(undecodable),
        "conversation.unread_count_changed" => {
            return updated(data, ConversationChange::UnreadChanged).map_err(undecodable);
        }
        other => return Err(Skipped::Unknown(other.to_string())),
    };
    notification(data, conversation_change).map_err(undecodable)
}

/// Reads `data` as a wire type (tolerant: only a wrong shape, such as a string where an object
/// belongs, fails).
fn read<T: DeserializeOwned>(data: &Value) -> Result<T, String> {
    T::deserialize(data).map_err(|e| e.to_string())
}

/// The `conversation` block of a message's push data.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WirePulse {
    assignee_id: Scalar,
    unread_count: Scalar,
    last_activity_at: Scalar,
    status: Scalar,
}

/// `message.*`: a message as in the messages index, plus `conversation_id` and a
/// `conversation` block.
fn message_event(data: &Value) -> Result<(Message, Option<ConversationPulse>), String> {
    let message = Message::from(read::<WireMessage>(data)?);
    if message.id.is_empty() || message.conversation_id.is_empty() {
        return Err("a message without its id or conversation id".into());
    }
    let pulse = match data.get("conversation") {
        Some(block @ Value::Object(_)) => {
            let w: WirePulse = read(block)?;
            Some(ConversationPulse {
                assignee_id: w.assignee_id.count(),
                unread_count: w.unread_count.count(),
                last_activity_at: w.last_activity_at.time(),
                status: w.status.line(),
            })
        }
        _ => None,
    };
    Ok((message, pulse))
}

/// `conversation.*`: a conversation as in the list. Inbox names are not known here: a
/// conversation shows its inbox as `inbox <id>` (the receiver keeps the name it had).
fn conversation(data: &Value) -> Result<imbox_model::Conversation, String> {
    let c = read::<WireConversation>(data)?.into_conversation(&HashMap::new());
    if c.id.is_empty() { Err("a conversation without an id".into()) } else { Ok(c) }
}

/// A conversation event that changes a row.
fn updated(data: &Value, change: ConversationChange) -> Result<LiveEvent, String> {
    conversation(data).map(|conversation| LiveEvent::ConversationUpdated { change, conversation })
}

/// `conversation.typing_*`: `{conversation, user, is_private}`; `user` is an agent's or the
/// contact's push data, told apart by its `type`.
fn typing(data: &Value, on: bool) -> Result<LiveEvent, String> {
    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct WireTyping {
        conversation: Option<WireConversation>,
        user: Option<WireSender>,
        is_private: Scalar,
    }
    let w: WireTyping = read(data)?;
    let conversation_id = w.conversation.map(|c| c.display_id()).unwrap_or_default();
    if conversation_id.is_empty() {
        return Err("typing without a conversation id".into());
    }
    let kind = w.user.as_ref().map(|u| u.kind.line().to_ascii_lowercase()).unwrap_or_default();
    let agent = w.is_private.flag().unwrap_or(false) || !(kind.is_empty() || kind == "contact");
    let who = w.user.as_ref().map(WireSender::shown_name).unwrap_or_default();
    Ok(LiveEvent::Typing { conversation_id, who, agent, on })
}

/// `notification.*`: `{notification, unread_count, count}`.
fn notification(data: &Value, change: NotificationChange) -> Result<LiveEvent, String> {
    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct WireNotificationEvent {
        notification: Option<WireNotification>,
        unread_count: Scalar,
        count: Scalar,
    }
    let w: WireNotificationEvent = read(data)?;
    // The badge is set from this count: without it the event would zero the badge.
    let unread_count = w.unread_count.count().ok_or("a notification event without its unread count")?;
    let notification = w.notification.map(Notification::from).filter(|n| !n.id.is_empty());
    Ok(LiveEvent::Notification { change, notification, unread_count, count: w.count.count().unwrap_or(0) })
}
