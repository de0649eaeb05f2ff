//! Jobs of the search line: server search and phone-number lookups.

use super::JobContext;
use crate::action::Action;
use crate::action::SearchAction;
use crate::command::SearchCommand;
use imbox_api::Backend;

/// Runs one search command.
pub async fn execute(ctx: &JobContext, cmd: SearchCommand) -> Option<Action> {
    let action = match cmd {
        SearchCommand::Contacts { req, query, skip, limit } => {
            let result = ctx.client().search_contacts(&query, limit, skip).await;
            SearchAction::Loaded { req, query, skip, result }
        }
        SearchCommand::Links { req, phones, organization_id } => {
            let result = ctx.client().phone_links(&phones, &organization_id).await;
            SearchAction::LinksLoaded { req, result }
        }
    };
    Some(Action::Search(action))
}
