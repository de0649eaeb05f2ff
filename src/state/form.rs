//! The contact edit form: one text area per field, validation, diff, save, drafts, upload.

use super::State;
use crate::command::Command;

/// What the edit form can be told.
#[derive(Debug, Clone, PartialEq)]
pub enum FormAction {
    /// Open the form for the selected contact (`e`).
    Open,
}

/// State of the edit form (present while it is shown).
#[derive(Debug, Clone, Default)]
pub struct FormState {}

impl State {
    /// Handles a form action.
    pub(super) fn update_form(&mut self, action: FormAction) -> Vec<Command> {
        match action {
            FormAction::Open => Vec::new(),
        }
    }
}
