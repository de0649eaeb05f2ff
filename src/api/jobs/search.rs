//! Jobs of the search line: server search and phone-number lookups.

use super::JobContext;
use crate::action::{Action, RequestId};
use crate::api::Backend;
use crate::state::search::SearchAction;

/// Requests of the search feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchCommand {
    /// One page of the server's contact search.
    Contacts {
        /// Tag for the result.
        req: RequestId,
        /// The query text, as typed (trimmed).
        query: String,
        /// Offset.
        skip: u64,
        /// Page size.
        limit: u32,
    },
    /// The conversations linked to phone numbers.
    Links {
        /// Tag for the result.
        req: RequestId,
        /// The numbers, digits only.
        phones: Vec<String>,
        /// The organisation whose conversations to look in.
        organization_id: String,
    },
}

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
