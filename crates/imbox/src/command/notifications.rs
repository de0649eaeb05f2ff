//! Requests of the notification centre: a page, mark read, dismiss, both for everything, and
//! finding the conversation an iMBRACE notification points at.

use crate::action::RequestId;

/// Requests of the notification centre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotificationCommand {
    /// Fetch a page of notifications (newest first).
    Load {
        /// Tag for the result.
        req: RequestId,
        /// Offset.
        skip: u64,
        /// Page size.
        limit: u32,
    },
    /// Mark these notifications read.
    MarkRead {
        /// Tag for the result.
        req: RequestId,
        /// Notification ids.
        ids: Vec<String>,
    },
    /// Mark every notification read.
    MarkAllRead {
        /// Tag for the result.
        req: RequestId,
    },
    /// Dismiss these notifications.
    Dismiss {
        /// Tag for the result.
        req: RequestId,
        /// Notification ids.
        ids: Vec<String>,
    },
    /// Dismiss every notification of a kind (`"conversations"`).
    DismissAll {
        /// Tag for the result.
        req: RequestId,
        /// The kind, as the endpoint's `type` parameter.
        kind: String,
    },
    /// Find the conversation whose handle (`tcu_…`) is `handle_id`: search the contacts named
    /// `name`, then check each one's conversations (iMBRACE has no lookup by handle).
    Find {
        /// Tag for the result.
        req: RequestId,
        /// The notification's `team_conversation_user_id`.
        handle_id: String,
        /// The contact's name, from the notification's title (`<name>@<date>`).
        name: String,
    },
    /// Stop the lookup `req` (a `Find`) if it still runs: nobody waits for its answer.
    StopFind {
        /// The `Find`'s request.
        req: RequestId,
    },
}
