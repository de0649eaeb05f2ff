//! The search line of the contacts pane: filter-as-you-type over loaded contacts, server
//! search after a pause, and phone-number lookups.

use super::State;
use crate::command::Command;

/// What the search line can be told.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchAction {
    /// Open the search line (`/`).
    Open,
}

/// State of the search line.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// Whether the search line is open and taking keys.
    pub editing: bool,
}

impl State {
    /// Handles a search action.
    pub(super) fn update_search(&mut self, action: SearchAction) -> Vec<Command> {
        match action {
            SearchAction::Open => Vec::new(),
        }
    }
}
