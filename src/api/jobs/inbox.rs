//! Jobs of the conversation inbox: a page of a view with the counts, the filter options, and
//! marking a conversation read when it is opened.

use super::JobContext;
use crate::action::{Action, RequestId};
use crate::api::{ApiError, Backend};
use crate::model::{InboxQuery, InboxView};
use crate::state::inbox::InboxAction;

/// Requests of the conversation inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InboxCommand {
    /// Fetch one page of a view (the query's `page`), with the counts of every view.
    Load {
        /// Tag for the result.
        req: RequestId,
        /// The view the page belongs to (its list in the state).
        view: InboxView,
        /// Offset of the page's first row, for the paged list.
        skip: u64,
        /// What to ask the server.
        query: InboxQuery,
    },
    /// Fetch the inboxes, teams and labels the filter picker offers.
    LoadFilterOptions {
        /// Tag for the result.
        req: RequestId,
    },
    /// Mark a conversation read (its unread count becomes 0).
    MarkRead {
        /// Tag for the result.
        req: RequestId,
        /// The conversation.
        conversation_id: String,
    },
}

/// Runs one inbox command.
pub async fn execute(ctx: &JobContext, cmd: InboxCommand) -> Action {
    let client = &ctx.client();
    Action::Inbox(match cmd {
        InboxCommand::Load { req, view, skip, query } => {
            InboxAction::Loaded { req, view, skip, result: client.inbox(&query).await }
        }
        InboxCommand::LoadFilterOptions { req } => {
            InboxAction::OptionsLoaded { req, result: client.filter_options().await }
        }
        InboxCommand::MarkRead { req, conversation_id } => {
            let result = client.mark_conversation_read(&conversation_id).await;
            InboxAction::MarkedRead { req, conversation_id, result }
        }
    })
}

/// The action that reports `cmd` as failed with `error` (a job that panicked).
pub fn failure(cmd: &InboxCommand, error: ApiError) -> Action {
    Action::Inbox(match cmd {
        InboxCommand::Load { req, view, skip, .. } => {
            InboxAction::Loaded { req: *req, view: *view, skip: *skip, result: Err(error) }
        }
        InboxCommand::LoadFilterOptions { req } => {
            InboxAction::OptionsLoaded { req: *req, result: Err(error) }
        }
        InboxCommand::MarkRead { req, conversation_id } => InboxAction::MarkedRead {
            req: *req,
            conversation_id: conversation_id.clone(),
            result: Err(error),
        },
    })
}
