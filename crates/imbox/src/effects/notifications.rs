//! Jobs of the notification centre: listing, mark read, mark all read, dismiss, dismiss all.

use super::JobContext;
use crate::action::Action;
use crate::action::NotificationAction;
use crate::command::NotificationCommand;
use imbox_api::Backend;

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
