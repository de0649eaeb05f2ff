//! The notification centre: the list, selection, mark read, dismiss, dismiss all with undo.

use super::State;
use crate::command::Command;

/// What the notification centre can be told.
#[derive(Debug, Clone, PartialEq)]
pub enum NotificationAction {
    /// Open or close the notification centre (`n`).
    Toggle,
}

/// State of the notification centre.
#[derive(Debug, Clone, Default)]
pub struct NotificationsState {
    /// Whether the centre is shown instead of the panes.
    pub open: bool,
}

impl State {
    /// Handles a notification action.
    pub(super) fn update_notifications(&mut self, action: NotificationAction) -> Vec<Command> {
        match action {
            NotificationAction::Toggle => Vec::new(),
        }
    }
}
