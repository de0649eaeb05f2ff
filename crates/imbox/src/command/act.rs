//! Requests that act on conversations, and what the menus need loaded (who I am, the agents, a
//! conversation's labels).

use crate::action::RequestId;
use imbox_model::ConversationAction;

/// Requests that act on conversations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActCommand {
    /// Apply `action` to one conversation.
    One {
        /// Tag for the result.
        req: RequestId,
        /// The conversation.
        conversation_id: String,
        /// What to do.
        action: ConversationAction,
    },
    /// Apply `action` to several conversations in one request.
    Bulk {
        /// Tag for the result.
        req: RequestId,
        /// The conversations.
        ids: Vec<String>,
        /// What to do.
        action: ConversationAction,
    },
    /// Who the token belongs to.
    LoadProfile {
        /// Tag for the result.
        req: RequestId,
    },
    /// The account's agents.
    LoadAgents {
        /// Tag for the result.
        req: RequestId,
    },
    /// A conversation's labels.
    LoadLabels {
        /// Tag for the result.
        req: RequestId,
        /// The conversation.
        conversation_id: String,
    },
}
