//! Which requests the cache keeps, under which key, and how their answers are written.
//!
//! A kind is a read the agent would want back at the next start or offline: the contact pages,
//! a contact's conversations, a thread's newest page, the badge, the notification pages, the
//! inbox pages (with their counts) and its filter options (inboxes, teams, labels), the profile,
//! the agents and the canned responses. A write is never a kind. Searches are not kept: offline,
//! filter-as-you-type runs over the cached contacts instead.
//!
//! Answers are postcard (compact, not self-describing): a change to a cached model type must
//! bump [`super::store::SCHEMA_VERSION`], which discards the old file; `tests/app/effects/cache.rs`
//! pins the encoding of a sample of every kind, so such a change cannot go unnoticed. A value
//! that still fails to decode is skipped (logged), never shown half-read.

use crate::action::{ActAction, Action, ComposeAction, InboxAction, NotificationAction};
use crate::command::{ActCommand, Command, ComposeCommand, InboxCommand, NotificationCommand};
use imbox_model::{
    Agent, CannedResponse, Contact, Conversation, FilterOptions, InboxPage, Message, NotificationPage, Page,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The key prefix of the contact pages (scanned at start for filter-as-you-type).
pub const CONTACTS: &str = "contacts/";

/// One cached kind of request, with what names its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A page of the contact list.
    Contacts {
        /// Offset.
        skip: u64,
        /// Page size.
        limit: u32,
    },
    /// A contact's conversations under a channel filter.
    Conversations {
        /// The contact.
        contact_id: String,
        /// The filter (empty: all).
        channel_types: Vec<String>,
    },
    /// The newest page of a thread.
    Messages {
        /// The conversation.
        conversation_id: String,
        /// Page size.
        limit: u32,
    },
    /// The notification badge.
    Badge,
    /// A page of the notification centre.
    Notifications {
        /// Offset.
        skip: u64,
        /// Page size.
        limit: u32,
    },
    /// A page of an inbox view under a query, with the views' counts.
    Inbox {
        /// The query, the view and page number included (its `Debug` text names it).
        query: String,
        /// Offset.
        skip: u64,
    },
    /// The inbox filters' values: inboxes, teams, labels.
    FilterOptions,
    /// Who the token belongs to.
    Profile,
    /// The agents (the assign picker).
    Agents,
    /// The canned responses.
    Canned,
}

impl Kind {
    /// The kind `cmd` is, if its answer is kept.
    pub fn of(cmd: &Command) -> Option<Kind> {
        Some(match cmd {
            Command::LoadContacts { skip, limit, .. } => Kind::Contacts { skip: *skip, limit: *limit },
            Command::LoadConversations { contact_id, channel_types, .. } => {
                Kind::Conversations { contact_id: contact_id.clone(), channel_types: channel_types.clone() }
            }
            // Only the newest page: older pages and catch-ups are asked while the thread is open.
            Command::LoadMessages { conversation_id, skip: 0, limit, before: None, after: None, .. } => {
                Kind::Messages { conversation_id: conversation_id.clone(), limit: *limit }
            }
            Command::LoadUnreadCount { .. } => Kind::Badge,
            Command::Notify(NotificationCommand::Load { skip, limit, .. }) => {
                Kind::Notifications { skip: *skip, limit: *limit }
            }
            Command::Inbox(InboxCommand::Load { view, skip, query, .. }) => {
                Kind::Inbox { query: format!("{view:?}/{query:?}"), skip: *skip }
            }
            Command::Inbox(InboxCommand::LoadFilterOptions { .. }) => Kind::FilterOptions,
            Command::Act(ActCommand::LoadProfile { .. }) => Kind::Profile,
            Command::Act(ActCommand::LoadAgents { .. }) => Kind::Agents,
            Command::Compose(ComposeCommand::LoadCanned { .. }) => Kind::Canned,
            _ => return None,
        })
    }

    /// Whether a start asks for this first (kept in the start store too: see `cache/mod.rs`):
    /// the first two contact pages (a tall terminal's first screen), the badge, the first page
    /// of the notifications and of an inbox view, the pickers and the profile.
    pub fn at_start(&self) -> bool {
        match self {
            Kind::Contacts { skip, limit } => *skip < 2 * u64::from(*limit),
            Kind::Notifications { skip, .. } | Kind::Inbox { skip, .. } => *skip == 0,
            Kind::Badge | Kind::FilterOptions | Kind::Profile | Kind::Agents | Kind::Canned => true,
            Kind::Conversations { .. } | Kind::Messages { .. } => false,
        }
    }

    /// The store's key. Contact pages sort by offset under [`CONTACTS`], so a scan reads them in
    /// list order.
    pub fn key(&self) -> String {
        match self {
            Kind::Contacts { skip, limit } => format!("{CONTACTS}{limit:05}/{skip:012}"),
            Kind::Conversations { contact_id, channel_types } => {
                format!("conversations/{contact_id}/{}", channel_types.join(","))
            }
            Kind::Messages { conversation_id, limit } => format!("messages/{conversation_id}/{limit}"),
            Kind::Badge => "badge".into(),
            Kind::Notifications { skip, limit } => format!("notifications/{limit:05}/{skip:012}"),
            Kind::Inbox { query, skip } => format!("inbox/{query}/{skip}"),
            Kind::FilterOptions => "filter_options".into(),
            Kind::Profile => "profile".into(),
            Kind::Agents => "agents".into(),
            Kind::Canned => "canned".into(),
        }
    }

    /// The answer to keep: the encoded success of `action`, which answers a request of this
    /// kind. None for a failure (the last good answer stays) and for an action of another kind.
    pub fn encode(&self, action: &Action) -> Option<Vec<u8>> {
        match (self, action) {
            (Kind::Contacts { .. }, Action::ContactsLoaded { result: Ok(p), .. }) => bytes(p),
            (Kind::Conversations { .. }, Action::ConversationsLoaded { result: Ok(c), .. }) => bytes(c),
            (Kind::Messages { .. }, Action::MessagesLoaded { result: Ok(p), .. }) => bytes(p),
            (Kind::Badge, Action::UnreadLoaded { result: Ok(p), .. }) => bytes(&p.unread_count),
            (
                Kind::Notifications { .. },
                Action::Notify(NotificationAction::Loaded { result: Ok(p), .. }),
            ) => bytes(p),
            (Kind::Inbox { .. }, Action::Inbox(InboxAction::Loaded { result: Ok(p), .. })) => bytes(p),
            (Kind::FilterOptions, Action::Inbox(InboxAction::OptionsLoaded { result: Ok(o), .. })) => {
                bytes(o)
            }
            (Kind::Profile, Action::Act(ActAction::ProfileLoaded { result: Ok(a), .. })) => bytes(a),
            (Kind::Agents, Action::Act(ActAction::AgentsLoaded { result: Ok(a), .. })) => bytes(a),
            (Kind::Canned, Action::Compose(ComposeAction::CannedLoaded { result: Ok(c), .. })) => bytes(c),
            _ => None,
        }
    }

    /// The stored answer as the action that answers `cmd` (a request of this kind), or None
    /// when the bytes do not decode as this kind's answer.
    pub fn decode(&self, cmd: &Command, bytes: &[u8]) -> Option<Action> {
        let action = match (self, cmd) {
            (Kind::Contacts { .. }, Command::LoadContacts { req, skip, .. }) => {
                Action::ContactsLoaded { req: *req, skip: *skip, result: Ok(value::<Page<Contact>>(bytes)?) }
            }
            (Kind::Conversations { .. }, Command::LoadConversations { req, .. }) => {
                Action::ConversationsLoaded { req: *req, result: Ok(value::<Vec<Conversation>>(bytes)?) }
            }
            (Kind::Messages { .. }, Command::LoadMessages { req, skip, .. }) => {
                Action::MessagesLoaded { req: *req, skip: *skip, result: Ok(value::<Page<Message>>(bytes)?) }
            }
            (Kind::Badge, Command::LoadUnreadCount { req }) => {
                let unread_count = value::<Option<u64>>(bytes)?;
                Action::UnreadLoaded {
                    req: *req,
                    result: Ok(NotificationPage { unread_count, ..Default::default() }),
                }
            }
            (Kind::Notifications { .. }, Command::Notify(NotificationCommand::Load { req, skip, .. })) => {
                let result = Ok(value::<NotificationPage>(bytes)?);
                Action::Notify(NotificationAction::Loaded { req: *req, skip: *skip, result })
            }
            (Kind::Inbox { .. }, Command::Inbox(InboxCommand::Load { req, view, skip, .. })) => {
                let result = Ok(value::<InboxPage>(bytes)?);
                Action::Inbox(InboxAction::Loaded { req: *req, view: *view, skip: *skip, result })
            }
            (Kind::FilterOptions, Command::Inbox(InboxCommand::LoadFilterOptions { req })) => {
                Action::Inbox(InboxAction::OptionsLoaded {
                    req: *req,
                    result: Ok(value::<FilterOptions>(bytes)?),
                })
            }
            (Kind::Profile, Command::Act(ActCommand::LoadProfile { req })) => {
                Action::Act(ActAction::ProfileLoaded { req: *req, result: Ok(value::<Agent>(bytes)?) })
            }
            (Kind::Agents, Command::Act(ActCommand::LoadAgents { req })) => {
                Action::Act(ActAction::AgentsLoaded { req: *req, result: Ok(value::<Vec<Agent>>(bytes)?) })
            }
            (Kind::Canned, Command::Compose(ComposeCommand::LoadCanned { req })) => {
                let result = Ok(value::<Vec<CannedResponse>>(bytes)?);
                Action::Compose(ComposeAction::CannedLoaded { req: *req, result })
            }
            _ => return None,
        };
        Some(action)
    }
}

/// Decodes the contact pages of a scan of [`CONTACTS`] into (row, contact) pairs; a page that
/// does not decode is skipped.
pub fn contact_rows(key: &str, bytes: &[u8]) -> Vec<(u64, Contact)> {
    let skip = key.rsplit('/').next().and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
    value::<Page<Contact>>(bytes)
        .map(|p| p.items.into_iter().enumerate().map(|(i, c)| (skip + i as u64, c)).collect())
        .unwrap_or_default()
}

fn bytes<T: Serialize + ?Sized>(value: &T) -> Option<Vec<u8>> {
    postcard::to_allocvec(value).ok()
}

fn value<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    match postcard::from_bytes(bytes) {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!("cache: a stored answer did not decode ({e}); asking the server only");
            None
        }
    }
}
