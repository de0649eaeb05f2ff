//! What changes on the server while the agent watches: the events a realtime channel pushes
//! (Chatwoot's ActionCable `RoomChannel`) in backend-neutral form, and the state of the channel
//! the header shows.
//!
//! The realtime client decodes its wire events into [`LiveEvent`]s and drops those of another
//! account before anything else sees them; the app applies them to what is on screen.

use crate::{Contact, Conversation, Message, Notification};
use jiff::Timestamp;

/// One change pushed by the server.
#[derive(Debug, Clone, PartialEq)]
pub enum LiveEvent {
    /// A message was created: a customer wrote, an agent replied, someone left a note.
    MessageCreated {
        /// The message (its `conversation_id` set, its `echo_id` when the sender gave one).
        message: Message,
        /// What the event says about the conversation, when it says anything.
        conversation: Option<ConversationPulse>,
    },
    /// A message changed (its status, content or attachments).
    MessageUpdated {
        /// The message as it is now.
        message: Message,
        /// What the event says about the conversation, when it says anything.
        conversation: Option<ConversationPulse>,
    },
    /// A conversation was opened (a customer wrote for the first time, or an agent started one).
    ConversationCreated(Conversation),
    /// A conversation changed: status, snooze, assignee, team, labels, priority, read state.
    ConversationUpdated {
        /// Which change the server named.
        change: ConversationChange,
        /// The conversation as it is now.
        conversation: Conversation,
    },
    /// Someone is typing in a conversation (or stopped).
    Typing {
        /// The conversation's id.
        conversation_id: String,
        /// Who types (a display name, may be empty).
        who: String,
        /// Whether an agent types (a private note or a reply) rather than the customer.
        agent: bool,
        /// Typing started (`true`) or stopped.
        on: bool,
    },
    /// The agent was mentioned in a conversation (a colleague's private note).
    Mentioned(Conversation),
    /// The notification centre changed.
    Notification {
        /// Created, read or unread, deleted.
        change: NotificationChange,
        /// The notification, when the event carries it.
        notification: Option<Notification>,
        /// Unread notifications after the change.
        unread_count: u64,
        /// All notifications after the change.
        count: u64,
    },
    /// A contact's details changed.
    ContactUpdated(Contact),
}

/// What a message event says about its conversation (upstream's `conversation` block of a
/// message's push data).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConversationPulse {
    /// The assigned agent's id, if any.
    pub assignee_id: Option<u64>,
    /// Messages the agents have not seen.
    pub unread_count: Option<u64>,
    /// When the conversation last saw activity.
    pub last_activity_at: Option<Timestamp>,
    /// Its status (`open`, `pending`, …), empty when not given.
    pub status: String,
}

/// Which conversation event arrived (each updates the row the same way; the name tells the
/// alerts and the log what happened).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConversationChange {
    /// `conversation.updated`: anything (labels, priority, attributes).
    Updated,
    /// `conversation.status_changed`: open, resolved, pending, snoozed.
    StatusChanged,
    /// `conversation.read`: the agents saw the customer's messages.
    Read,
    /// `assignee.changed`.
    AssigneeChanged,
    /// `team.changed`.
    TeamChanged,
    /// `conversation.unread_count_changed` (and marking unread).
    UnreadChanged,
}

/// Which notification event arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationChange {
    /// A new notification.
    Created,
    /// One was read or marked unread (or snoozed).
    Updated,
    /// One was deleted.
    Deleted,
}

/// How the picture is kept current, for the header.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum LiveStatus {
    /// The backend has no realtime channel: polling what is on screen.
    #[default]
    Polling,
    /// Opening the realtime channel (first time or after losing it).
    Connecting,
    /// Subscribed: changes arrive as they happen.
    Live,
    /// The channel cannot be had (refused, rejected, a proxy in the way): polling instead, and
    /// why.
    Fallback(String),
    /// The server cannot be reached at all.
    Offline,
}
