//! Jobs of the contact details and edit form: files, comments, update, upload, drafts.

use super::JobContext;
use crate::action::Action;

/// Requests of the details overlay and the edit form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactCommand {}

/// Runs one contact command.
pub async fn execute(_ctx: &JobContext, cmd: ContactCommand) -> Option<Action> {
    match cmd {}
}
