//! The contact details overlay: every field, the contact's files and comments.

use super::State;
use crate::command::Command;

/// What the details overlay can be told.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailsAction {
    /// Show the selected contact's details (`i`).
    Open,
}

/// State of the details overlay (present while it is shown).
#[derive(Debug, Clone, Default)]
pub struct DetailsState {}

impl State {
    /// Handles a details action.
    pub(super) fn update_details(&mut self, action: DetailsAction) -> Vec<Command> {
        match action {
            DetailsAction::Open => Vec::new(),
        }
    }
}
