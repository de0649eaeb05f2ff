//! Effects as data: what `State::update` asks the worker to do. Nothing here does I/O itself.

use crate::action::RequestId;

/// One request for the API worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Fetch a page of contacts, newest first.
    LoadContacts {
        /// Tag for the result.
        req: RequestId,
        /// Offset.
        skip: u64,
        /// Page size.
        limit: u32,
    },
    /// Fetch a contact's conversations, optionally filtered by channel type.
    LoadConversations {
        /// Tag for the result.
        req: RequestId,
        /// The contact.
        contact_id: String,
        /// Channel types to include; empty means all.
        channel_types: Vec<String>,
    },
    /// Fetch a page of a conversation's messages (newest first).
    LoadMessages {
        /// Tag for the result.
        req: RequestId,
        /// The conversation.
        conversation_id: String,
        /// Offset from the newest message.
        skip: u64,
        /// Page size.
        limit: u32,
    },
    /// Fetch the notification badge count.
    LoadUnreadCount {
        /// Tag for the result.
        req: RequestId,
    },
}
