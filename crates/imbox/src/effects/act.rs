//! Jobs that act on conversations: one, in bulk, and the profile, agents and labels the menus
//! need.

use super::JobContext;
use crate::action::{ActAction, Action};
use crate::command::ActCommand;
use imbox_api::AgentActions;

/// Runs one command acting on conversations.
pub async fn execute(ctx: &JobContext, cmd: ActCommand) -> Action {
    let client = &ctx.client();
    Action::Act(match cmd {
        ActCommand::One { req, conversation_id, action } => {
            ActAction::Done { req, result: client.act_on_conversation(&conversation_id, &action).await }
        }
        ActCommand::Bulk { req, ids, action } => {
            ActAction::Done { req, result: client.bulk_action(&ids, &action).await }
        }
        ActCommand::LoadProfile { req } => ActAction::ProfileLoaded { req, result: client.profile().await },
        ActCommand::LoadAgents { req } => ActAction::AgentsLoaded { req, result: client.agents().await },
        ActCommand::LoadLabels { req, conversation_id } => {
            ActAction::LabelsLoaded { req, result: client.conversation_labels(&conversation_id).await }
        }
    })
}
