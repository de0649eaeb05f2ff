//! Enter on an iMBRACE notification whose conversation is not loaded.
//!
//! An iMBRACE notification names only its `team_conversation_user_id` (`tcu_…`) and a title
//! `<contact display name>@<date>`; the API has no lookup by that id. So the worker runs a
//! chain (`NotificationCommand::Find`, `effects/notifications.rs`): a contact search for the
//! title's name, then each found contact's conversations until one has that handle. Meanwhile
//! the centre says "Finding the conversation of <name>…"; Esc, closing the centre or Enter on
//! the same row stops it (the worker drops its requests; a late answer is ignored), Enter on
//! another row looks for that one instead. Found: the thread opens with the contact's
//! conversations beside it, as from the inbox. Not found: the details box says what was tried.

use super::State;
use crate::action::FoundConversation;
use crate::action::NotificationAction;
use crate::action::RequestId;
use crate::command::{Command, NotificationCommand};
use imbox_api::ApiError;
use imbox_model::Notification;

/// A search for a notification's conversation in flight.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The request it waits for.
    pub req: RequestId,
    /// The notification it is for.
    pub notification: Notification,
    /// The contact name searched for.
    pub name: String,
}

/// The contact's name in a notification title `<contact display name>@<date>` (everything
/// before the last `@`, as a display name may hold one itself); the whole title without one.
pub fn name_in_title(title: &str) -> &str {
    title.rsplit_once('@').map_or(title, |(name, _)| name).trim()
}

impl State {
    /// Starts looking for the conversation of `n` (which has a handle but is not loaded), or,
    /// when the backend cannot search or the title names no one, shows its details saying so.
    pub(super) fn find_notification_conversation(&mut self, n: Notification) -> Vec<Command> {
        let caps = &self.account.capabilities;
        let name = name_in_title(&n.title).to_string();
        let handle_id = n.handle_id.clone().unwrap_or_default();
        if let Some(f) = self.notifications.finding.take()
            && f.notification.id == n.id
        {
            // Enter again on the row being looked for: stop.
            return Vec::new();
        }
        if !(caps.contact_search && caps.contact_conversations) || name.is_empty() || handle_id.is_empty() {
            let why = if name.is_empty() {
                "Its title names no contact to search for, and its conversation is not among the loaded ones."
            } else {
                "This server cannot search contacts, and its conversation is not among the loaded ones."
            };
            self.show_notification_details(n, why.to_string());
            return Vec::new();
        }
        let req = self.req();
        self.notifications.finding = Some(Finding { req, notification: n, name: name.clone() });
        vec![Command::Notify(NotificationCommand::Find { req, handle_id, name })]
    }

    /// Handles a notification action; a lookup it leaves nobody waiting for (`Esc`, the centre
    /// closed, `Enter` again or on another row) is stopped in the worker, not left to run its
    /// requests out on the server. Its own answer ends it without a stop.
    pub(super) fn update_notify(&mut self, action: NotificationAction) -> Vec<Command> {
        let answered = |r: &RequestId| matches!(&action, NotificationAction::Found { req, .. } if req == r);
        let before = self.notifications.finding.as_ref().map(|f| f.req).filter(|r| !answered(r));
        let mut cmds = self.update_notifications(action);
        if let Some(req) = before
            && self.notifications.finding.as_ref().map(|f| f.req) != Some(req)
        {
            cmds.push(Command::Notify(NotificationCommand::StopFind { req }));
        }
        cmds
    }

    /// The chain ended: open the conversation found, or say what was tried.
    pub(super) fn found_notification_conversation(
        &mut self,
        req: RequestId,
        result: Result<FoundConversation, ApiError>,
    ) -> Vec<Command> {
        if self.notifications.finding.as_ref().is_none_or(|f| f.req != req) {
            return Vec::new();
        }
        let Some(Finding { notification, name, .. }) = self.notifications.finding.take() else {
            return Vec::new();
        };
        match result {
            Ok(FoundConversation { conversation: Some(c), .. }) => {
                self.notifications.open = false;
                self.notifications.details = None;
                self.open_inbox_conversation(*c)
            }
            Ok(FoundConversation { conversation: None, candidates, checked }) => {
                let tried = match (candidates, checked as u64) {
                    (0, _) => format!("No contact is named “{name}”."),
                    (1, _) => format!("The one contact named “{name}” has no such conversation."),
                    (all, c) if c >= all => {
                        format!("None of the {all} contacts found for “{name}” has this conversation.")
                    }
                    (all, c) => format!(
                        "None of the first {c} of {all} contacts found for “{name}” has this conversation."
                    ),
                };
                self.show_notification_details(notification, format!("{tried} Open the contact to look."));
                Vec::new()
            }
            // Said in the details box, where it is read; not also in the status line.
            Err(e) => {
                let text = e.to_string();
                self.show_notification_details(
                    notification,
                    format!("Could not look for the conversation of “{name}”: {text}."),
                );
                Vec::new()
            }
        }
    }

    /// Shows the details box of `n` (read, as Enter marks it) with `note` under its fields.
    pub(super) fn show_notification_details(&mut self, mut n: Notification, note: String) {
        n.is_read = true;
        self.notifications.details = Some(n);
        self.notifications.details_note = note;
    }
}
