//! What the conversation inbox can be told, and the results it waits for.

use super::RequestId;
use imbox_api::ApiError;
use imbox_model::{FilterOptions, InboxPage, InboxView};

/// What the inbox can be told.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum InboxAction {
    /// Show a view (`1`, `2`, `3`).
    #[strum(to_string = "set_view.{0}")]
    SetView(InboxView),
    /// The next view, wrapping (`]`).
    NextView,
    /// The previous view, wrapping (`[`).
    PrevView,
    /// The next status filter (`s`).
    CycleStatus,
    /// Open the filter picker (`f`).
    OpenFilters,
    /// Move in the picker (negative: up).
    #[strum(to_string = "picker_move.{0}")]
    PickerMove(isize),
    /// Enter in the picker: apply (or remove) the filter under the cursor.
    PickerApply,
    /// `x` in the picker: clear the inbox, team and label filters.
    PickerClear,
    /// Esc in the picker: close it.
    PickerClose,
    /// `/`: type a `q` search over messages.
    OpenQuery,
    /// A character typed into the query.
    QueryInsert(char),
    /// Delete the character before the cursor.
    QueryBackspace,
    /// Delete the character under the cursor.
    QueryDelete,
    /// Delete the word before the cursor.
    QueryDeleteWord,
    /// Delete everything before the cursor.
    QueryClearLine,
    /// Delete everything from the cursor to the end.
    QueryKillToEnd,
    /// Cursor one character left.
    QueryLeft,
    /// Cursor one character right.
    QueryRight,
    /// Cursor to the start.
    QueryHome,
    /// Cursor to the end.
    QueryEnd,
    /// Enter: search for the typed text (empty: no search).
    QuerySubmit,
    /// Esc: clear the search (while typing, or the one applied).
    QueryCancel,
    /// Search messages for this text; empty: no search (`:search`).
    #[strum(to_string = "set_query")]
    SetQuery(String),
    /// Show this status (`:status resolved`).
    #[strum(to_string = "set_status")]
    SetStatus(imbox_model::StatusFilter),
    /// Ask again for the page in view and the counts (after acting on conversations).
    Reload,
    /// `C`: the plain contact list instead of the inbox, and back.
    ToggleContacts,
    /// A page of a view arrived (or failed).
    Loaded {
        /// The request this answers.
        req: RequestId,
        /// The view it belongs to.
        view: InboxView,
        /// Offset of its first row.
        skip: u64,
        /// The page with the counts, or the error.
        result: Result<InboxPage, ApiError>,
    },
    /// The filter options arrived (or failed).
    OptionsLoaded {
        /// The request this answers.
        req: RequestId,
        /// The options or the error.
        result: Result<FilterOptions, ApiError>,
    },
    /// Marking a conversation read finished.
    MarkedRead {
        /// The request this answers.
        req: RequestId,
        /// The conversation.
        conversation_id: String,
        /// Success, or why not.
        result: Result<(), ApiError>,
    },
}
