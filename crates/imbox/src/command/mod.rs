//! Effects as data: what `State::update` asks the worker to do. Nothing here does I/O itself;
//! `effects` runs these. Each feature's requests are one variant carrying that feature's enum,
//! defined in a file of its own here; a new request type goes there, its job in `effects/`.

mod act;
pub mod alert;
pub mod compose;
mod contact;
mod inbox;
mod notifications;
mod search;
mod unread;

pub use act::ActCommand;
pub use alert::{AlertChannel, AlertCommand};
pub use compose::ComposeCommand;
pub use contact::ContactCommand;
pub use inbox::InboxCommand;
pub use notifications::NotificationCommand;
pub use search::SearchCommand;
pub use unread::UnreadCommand;

use crate::action::{Action, RequestId};
use std::time::Duration;

/// One request for the API worker.
#[derive(Debug, Clone, PartialEq)]
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
        /// Only messages older than this id (cursor paging, `capabilities.cursor_history`).
        before: Option<String>,
        /// Only messages newer than this id (cursor paging: catching up).
        after: Option<String>,
    },
    /// Fetch the notification badge count.
    LoadUnreadCount {
        /// Tag for the result.
        req: RequestId,
    },
    /// One cheap request that tells whether the server is back (offline probes on backends
    /// without a notification badge, which is the probe elsewhere).
    Probe,
    /// Read every contact page of the on-disk cache for filter-as-you-type (once, at start;
    /// nothing to do without a cache).
    LoadCachedContacts,
    /// Send `action` back after `after` (debounces, undo windows, timers), keeping update pure.
    Schedule {
        /// How long to wait.
        after: Duration,
        /// What to send back then.
        action: Box<Action>,
    },
    /// Open a URL with the system opener (never blocks the UI).
    OpenUrl(String),
    /// Search and phone lookup requests.
    Search(SearchCommand),
    /// Notification requests.
    Notify(NotificationCommand),
    /// Conversation inbox requests (backends with `capabilities.conversation_views`).
    Inbox(InboxCommand),
    /// Contact details, update, upload and draft storage.
    Contact(ContactCommand),
    /// Sending replies and notes, canned responses, attachments and reply drafts.
    Compose(ComposeCommand),
    /// Acting on conversations (`capabilities.conversation_actions`, `bulk_actions`).
    Act(ActCommand),
    /// The SMS/RCS conversations' last-opened times on disk.
    Unread(UnreadCommand),
    /// Deliver an alert outside the terminal (a desktop notification).
    Alert(AlertCommand),
    /// Check a new token with one request; on success use it for every later job and store it.
    Relogin {
        /// Tag for the result.
        req: RequestId,
        /// The new token (Debug prints it redacted).
        token: imbox_api::Secret,
    },
}

impl Command {
    /// What the command does, for a message about it ("loading contacts").
    pub fn describe(&self) -> String {
        match self {
            Command::LoadContacts { .. } => "loading contacts",
            Command::LoadConversations { .. } => "loading conversations",
            Command::LoadMessages { .. } => "loading messages",
            Command::LoadUnreadCount { .. } => "loading the badge",
            Command::Probe => "checking the connection",
            Command::LoadCachedContacts => "reading the cache",
            Command::Schedule { .. } => "waiting for a timer",
            Command::OpenUrl(_) => "opening a URL",
            Command::Search(_) => "searching",
            Command::Notify(_) => "working on notifications",
            Command::Inbox(_) => "loading the inbox",
            Command::Contact(_) => "working on the contact",
            Command::Compose(ComposeCommand::Send(_) | ComposeCommand::CheckSent(_)) => "sending",
            Command::Compose(_) => "working on the reply",
            Command::Act(_) => "acting on conversations",
            Command::Relogin { .. } => "checking the token",
            Command::Unread(_) => "keeping the last-opened times",
            Command::Alert(_) => "showing a desktop notification",
        }
        .to_string()
    }
}
