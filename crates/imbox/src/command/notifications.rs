//! Requests of the notification centre: a page, mark read, dismiss, and both for everything.

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
}
