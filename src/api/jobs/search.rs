//! Jobs of the search line: server search and phone-number lookups.

use super::JobContext;
use crate::action::Action;

/// Requests of the search feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchCommand {}

/// Runs one search command.
pub async fn execute(_ctx: &JobContext, cmd: SearchCommand) -> Option<Action> {
    match cmd {}
}
