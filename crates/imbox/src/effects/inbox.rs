//! Jobs of the conversation inbox: a page of a view with the counts, the filter options, and
//! marking a conversation read when it is opened.

use super::JobContext;
use crate::action::Action;
use crate::action::InboxAction;
use crate::command::InboxCommand;
use imbox_api::Backend;

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
