//! Jobs of the notification centre: listing, mark read, mark all read, dismiss, dismiss all.

use super::JobContext;
use crate::action::{Action, RequestId};
use crate::api::Backend;
use crate::state::notifications::NotificationAction;

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

/// Runs one notification command.
pub async fn execute(ctx: &JobContext, cmd: NotificationCommand) -> Option<Action> {
    let client = &ctx.client();
    let action = match cmd {
        NotificationCommand::Load { req, skip, limit } => {
            let result = client.notifications(limit, skip).await;
            NotificationAction::Loaded { req, skip, result }
        }
        NotificationCommand::MarkRead { req, ids } => {
            NotificationAction::Written { req, result: client.mark_notifications_read(&ids).await }
        }
        NotificationCommand::MarkAllRead { req } => {
            NotificationAction::Written { req, result: client.mark_all_notifications_read().await }
        }
        NotificationCommand::Dismiss { req, ids } => {
            NotificationAction::Written { req, result: client.dismiss_notifications(&ids).await }
        }
        NotificationCommand::DismissAll { req, kind } => {
            NotificationAction::Written { req, result: client.dismiss_all_notifications(&kind).await }
        }
    };
    Some(Action::Notify(action))
}
