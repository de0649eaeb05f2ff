//! Notifications (§5 of the reference; not in swagger at all).

use super::channel_name;
use super::conversation::WireConversation;
use super::message::WireSender;
use super::meta::ListMeta;
use super::scalar::Scalar;
use imbox_model::Notification;
use serde::Deserialize;

/// `GET notifications`: `{data: {meta: {unread_count, count, current_page}, payload}}`; an
/// unwrapped `{meta, payload}` is read too.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NotificationList {
    /// The wrapper.
    pub data: Option<NotificationListBody>,
    /// Counts, when not wrapped.
    pub meta: Option<ListMeta>,
    /// Notifications, when not wrapped.
    pub payload: Option<Vec<WireNotification>>,
}

/// The inside of `data`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NotificationListBody {
    /// Counts.
    pub meta: Option<ListMeta>,
    /// The notifications of this page.
    pub payload: Option<Vec<WireNotification>>,
}

impl NotificationList {
    /// The counts and the notifications, wherever the server put them.
    pub fn into_parts(self) -> (ListMeta, Vec<WireNotification>) {
        let (meta, payload) = match self.data {
            Some(d) => (d.meta.or(self.meta), d.payload.or(self.payload)),
            None => (self.meta, self.payload),
        };
        (meta.unwrap_or_default(), payload.unwrap_or_default())
    }
}

/// One notification.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireNotification {
    /// Id.
    pub id: Scalar,
    /// `conversation_creation`, `conversation_assignment`, … (or its integer, 1..8).
    pub notification_type: Scalar,
    /// "A conversation (#42) has been assigned to you".
    pub push_message_title: Scalar,
    /// "<sender>: <first words>…".
    pub push_message_body: Scalar,
    /// The conversation's **database** id; not used (the display id is `primary_actor.id`).
    pub primary_actor_id: Scalar,
    /// The conversation (ConversationEvent); its `id` is the display id.
    pub primary_actor: Option<WireConversation>,
    /// When it was read, ISO; null while unread.
    pub read_at: Scalar,
    /// The message (new message, mention), the assigning user, or null.
    pub secondary_actor: Option<WireActor>,
    /// Creation, unix.
    pub created_at: Scalar,
    /// Latest activity, unix (since 2024-02).
    pub last_activity_at: Scalar,
}

/// A `secondary_actor`: a MessageEvent (then `sender` names the author) or a UserPush.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireActor {
    /// A message's author.
    pub sender: Option<WireSender>,
    /// A user's name.
    pub name: Scalar,
    /// A user's display name.
    pub available_name: Scalar,
}

/// `notification_type` names in their enum order (1..8).
const TYPES: [&str; 8] = [
    "conversation_creation",
    "conversation_assignment",
    "assigned_conversation_new_message",
    "conversation_mention",
    "participating_conversation_new_message",
    "sla_missed_first_response",
    "sla_missed_next_response",
    "sla_missed_resolution",
];

impl From<WireNotification> for Notification {
    fn from(w: WireNotification) -> Self {
        let kind = match &w.notification_type {
            Scalar::Int(i) => *i,
            other => {
                let name = other.line();
                TYPES.iter().position(|t| *t == name).map_or(0, |i| i as i64 + 1)
            }
        };
        let actor = w.primary_actor.unwrap_or_default();
        let contact = actor.meta.as_ref().and_then(|m| m.sender.as_ref()).map(|s| s.display_name());
        let channel = match actor.meta.as_ref().map(|m| m.channel.line()).filter(|c| !c.is_empty()) {
            Some(c) => c,
            None => actor.channel.line(),
        };
        // Who it is from: a message's author, else the user who acted, else the contact.
        let from = w
            .secondary_actor
            .map(|a| {
                let author = a.sender.map(|s| s.shown_name()).unwrap_or_default();
                let user = if a.available_name.is_set() { a.available_name.line() } else { a.name.line() };
                if author.is_empty() { user } else { author }
            })
            .filter(|f| !f.is_empty())
            .or(contact)
            .unwrap_or_default();
        let conversation_id = Some(actor.display_id()).filter(|id| !id.is_empty());
        Notification {
            id: w.id.line(),
            title: w.push_message_title.line(),
            content: w.push_message_body.text(),
            from,
            kind,
            handle_id: None,
            conversation_id,
            is_read: w.read_at.is_set(),
            channel_type: channel_name(&channel),
            created_at: w.last_activity_at.time().or(w.created_at.time()),
        }
    }
}
