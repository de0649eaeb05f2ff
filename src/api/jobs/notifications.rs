//! Jobs of the notification centre: listing, mark read, dismiss, dismiss all.

use super::JobContext;
use crate::action::Action;

/// Requests of the notification centre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotificationCommand {}

/// Runs one notification command.
pub async fn execute(_ctx: &JobContext, cmd: NotificationCommand) -> Option<Action> {
    match cmd {}
}
