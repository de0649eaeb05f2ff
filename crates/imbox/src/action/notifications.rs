//! What the notification centre can be told, and the results it waits for.

use super::RequestId;
use imbox_api::ApiError;
use imbox_model::{Conversation, NotificationPage};

/// What the notification centre can be told.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum NotificationAction {
    /// Open or close the notification centre (`n`).
    Toggle,
    /// Esc: close the details box or prompt, else the centre.
    Escape,
    /// Move the cursor by rows (negative: up).
    #[strum(to_string = "move.{0}")]
    Move(isize),
    /// Move the cursor by screens (negative: up).
    #[strum(to_string = "page.{0}")]
    Page(isize),
    /// To the first row.
    Top,
    /// To the last loaded row.
    Bottom,
    /// Enter: open the notification's conversation, or show its details.
    Open,
    /// `r`: mark the marked rows (or the cursor's) read.
    MarkRead,
    /// `A`: mark every notification read (backends with
    /// `capabilities.mark_all_notifications_read`).
    MarkAllRead,
    /// `d`: dismiss the marked rows (or the cursor's).
    Dismiss,
    /// Space: mark or unmark the cursor's row (and remember it as the range anchor).
    ToggleMark,
    /// `V`: mark every row from the anchor to the cursor (or start a range at the cursor).
    MarkRange,
    /// `a`: mark every loaded row in view (again: unmark all).
    MarkAll,
    /// `D`: ask before dismissing every conversation notification.
    AskDismissAll,
    /// The answer to the prompt (y: true).
    Confirm(bool),
    /// `z`: cancel a pending "dismiss all" during its undo window.
    Undo,
    /// `u`: show only unread notifications, or all.
    ToggleUnreadOnly,
    /// `R`: reload the list from the top.
    Reload,
    /// The undo window of "dismiss all" number `generation` is over: send it, unless undone.
    DismissAllDue {
        /// Which dismiss-all this is (an undone one has a stale generation).
        generation: u64,
    },
    /// A page of notifications arrived (or failed).
    Loaded {
        /// The request this answers.
        req: RequestId,
        /// Offset the page was asked for.
        skip: u64,
        /// The page or the error.
        result: Result<NotificationPage, ApiError>,
    },
    /// A write (mark read, dismiss, dismiss all) finished.
    Written {
        /// The request this answers.
        req: RequestId,
        /// Success, or why the server refused.
        result: Result<(), ApiError>,
    },
    /// The search for a notification's conversation ended (see
    /// `NotificationCommand::Find`).
    Found {
        /// The request this answers.
        req: RequestId,
        /// What the search found, or why it could not finish.
        result: Result<FoundConversation, ApiError>,
    },
}

/// What the search for a notification's conversation found, and what it tried.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FoundConversation {
    /// The conversation, its `contact_name` set to its contact's name; None: no candidate had it.
    pub conversation: Option<Box<Conversation>>,
    /// How many contacts the search for the name found.
    pub candidates: u64,
    /// How many of them had their conversations checked.
    pub checked: usize,
}
