//! Jobs of the search line: server search and phone-number lookups.
//!
//! The search line asks the server on the first key of a query and again after a short pause
//! (`state/search.rs`), so a request can still be on its way when the user has typed on. The
//! state drops an answer to a query no longer on the line; here a request for an older query
//! is abandoned as soon as a newer query is asked ([`Newest`]), so it holds no connection and
//! answers nothing.

use super::JobContext;
use crate::action::SearchAction;
use crate::action::{Action, RequestId};
use crate::command::SearchCommand;
use imbox_api::Backend;
use std::sync::Arc;
use tokio::sync::watch;

/// The newest contact search request of an account: its request id and query. Shared by the
/// jobs of one account (clones share it).
#[derive(Debug, Clone)]
pub struct Newest(Arc<watch::Sender<(RequestId, String)>>);

impl Default for Newest {
    fn default() -> Self {
        Newest(Arc::new(watch::Sender::new((0, String::new()))))
    }
}

impl Newest {
    /// Records request `req` for `query`; false when a newer request for another query was
    /// already recorded (this one is superseded before it starts). Pages of one query do not
    /// supersede each other.
    fn start(&self, req: RequestId, query: &str) -> bool {
        let mut current = true;
        self.0.send_if_modified(|(newest, q)| {
            if req <= *newest {
                current = q == query;
                return false;
            }
            let other = q != query;
            *newest = req;
            query.clone_into(q);
            // Only another query wakes the requests in flight (see `superseded`).
            other
        });
        current
    }

    /// Resolves when a request newer than `req` asks for another query than `query`.
    async fn superseded(&self, req: RequestId, query: &str) {
        let mut rx = self.0.subscribe();
        if rx.wait_for(|(newest, q)| *newest > req && q != query).await.is_err() {
            // The sender lives as long as the context: never superseded then.
            std::future::pending::<()>().await;
        }
    }
}

/// Runs one search command. A contact search superseded by a newer query answers nothing.
pub async fn execute(ctx: &JobContext, cmd: SearchCommand) -> Option<Action> {
    let action = match cmd {
        SearchCommand::Contacts { req, query, skip, limit } => {
            if !ctx.searches.start(req, &query) {
                tracing::debug!("search request {req} superseded before it started");
                return None;
            }
            let client = ctx.client();
            tokio::select! {
                // A newer query first: its answer could never be shown.
                biased;
                () = ctx.searches.superseded(req, &query) => {
                    tracing::debug!("search request {req} superseded by a newer query; abandoned");
                    return None;
                }
                result = client.search_contacts(&query, limit, skip) => SearchAction::Loaded { req, query, skip, result },
            }
        }
        SearchCommand::Links { req, phones, organization_id } => {
            let result = ctx.client().phone_links(&phones, &organization_id).await;
            SearchAction::LinksLoaded { req, result }
        }
    };
    Some(Action::Search(action))
}
