//! What an agent sends and does to conversations: outgoing messages, conversation actions, canned
//! responses and agents. The app builds these; each backend turns them into its own requests.

use jiff::Timestamp;

/// A file attached to an outgoing message (read from disk by the worker, never by the UI).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutgoingAttachment {
    /// The file's name as the server will show it.
    pub file_name: String,
    /// Its media type (`image/png`, `application/pdf`, …).
    pub mime: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// A reply or private note an agent sends into a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutgoingMessage {
    /// The text.
    pub content: String,
    /// A private note: agents only, never delivered to the contact.
    pub private: bool,
    /// The client's id for this send: Chatwoot's `echo_id`, Octopush's `request_id`. A retry of
    /// the same message carries the same id, so a server that knows it refuses the duplicate and
    /// the client can match the server's copy with its pending one.
    pub echo_id: String,
    /// The id of the message this one answers (Chatwoot `content_attributes.in_reply_to`).
    pub in_reply_to: Option<String>,
    /// Files to send with it (multipart `attachments[]`).
    pub attachments: Vec<OutgoingAttachment>,
}

/// A conversation's status as the agent sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConversationStatus {
    /// Open: waiting for an agent.
    Open,
    /// Resolved: done.
    Resolved,
    /// Pending: waiting on a bot or not yet picked up.
    Pending,
    /// Snoozed until a time, or until the customer replies.
    Snoozed,
}

impl ConversationStatus {
    /// The value the API uses, also the label.
    pub fn as_str(self) -> &'static str {
        match self {
            ConversationStatus::Open => "open",
            ConversationStatus::Resolved => "resolved",
            ConversationStatus::Pending => "pending",
            ConversationStatus::Snoozed => "snoozed",
        }
    }

    /// Parses the API value (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "open" => Some(ConversationStatus::Open),
            "resolved" => Some(ConversationStatus::Resolved),
            "pending" => Some(ConversationStatus::Pending),
            "snoozed" => Some(ConversationStatus::Snoozed),
            _ => None,
        }
    }
}

/// A conversation's priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Urgent.
    Urgent,
}

impl Priority {
    /// Every priority, lowest first (the picker's order after "none").
    pub const ALL: [Priority; 4] = [Priority::Low, Priority::Medium, Priority::High, Priority::Urgent];

    /// The value the API uses, also the label.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Medium => "medium",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    /// Parses the API value (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        Priority::ALL.into_iter().find(|p| p.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// One thing an agent does to a conversation (or, through a bulk request, to several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConversationAction {
    /// Resolve, reopen, mark pending or snooze. `snoozed_until` only with
    /// [`ConversationStatus::Snoozed`]; a snooze without it lasts until the customer replies.
    Status {
        /// The new status.
        status: ConversationStatus,
        /// When a snooze ends.
        snoozed_until: Option<Timestamp>,
    },
    /// Assign to an agent by id; `None` unassigns.
    AssignAgent(Option<u64>),
    /// Assign to a team by id; `None` removes the team.
    AssignTeam(Option<u64>),
    /// Replace the labels with exactly this set (one conversation).
    SetLabels(Vec<String>),
    /// Add and remove labels, keeping the others (bulk; on one conversation the backend reads
    /// the set, changes it and writes it back).
    EditLabels {
        /// Labels to add.
        add: Vec<String>,
        /// Labels to remove.
        remove: Vec<String>,
    },
    /// Set the priority; `None` clears it.
    Priority(Option<Priority>),
    /// Mark the conversation unread again.
    MarkUnread,
}

/// An agent (or the user the token belongs to).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Agent {
    /// The agent's id (what an assignment sends).
    pub id: u64,
    /// Display name.
    pub name: String,
    /// E-mail, may be empty.
    pub email: String,
    /// Role (agent, administrator), may be empty.
    pub role: String,
    /// Availability (online, busy, offline), may be empty.
    pub availability: String,
}

/// A canned response: a saved answer an agent inserts by its short code.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct CannedResponse {
    /// The server's id.
    pub id: u64,
    /// The short code agents type after `/`.
    pub short_code: String,
    /// The text, possibly with variables such as `{{contact.name}}`.
    pub content: String,
}
