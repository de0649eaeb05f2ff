//! Requests of the conversation inbox: a page of a view, the filter options, mark read.

use crate::action::RequestId;
use imbox_model::{InboxQuery, InboxView};

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
