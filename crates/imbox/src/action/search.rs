//! What the search line of the contacts pane can be told, and the results it waits for.

use super::RequestId;
use imbox_api::ApiError;
use imbox_model::{Contact, Page, PhoneLinks};

/// What the search line can be told.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum SearchAction {
    /// Open the search line (`/`), or edit the kept query again.
    Open,
    /// A character typed into the query.
    Insert(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete the word before the cursor (Ctrl-W).
    DeleteWord,
    /// Delete everything before the cursor (Ctrl-U).
    ClearLine,
    /// Delete everything from the cursor to the end (Ctrl-K).
    KillToEnd,
    /// Cursor one character left.
    Left,
    /// Cursor one character right.
    Right,
    /// Cursor to the start.
    Home,
    /// Cursor to the end.
    End,
    /// Keep the results and close the line (Enter).
    Submit,
    /// Back to the full list and the previous selection (Esc).
    Cancel,
    /// The debounce pause for query `generation` is over.
    Debounced(u64),
    /// A page of server search results arrived (or failed).
    Loaded {
        /// The request this answers.
        req: RequestId,
        /// The query it was asked for.
        query: String,
        /// Offset the page was asked for.
        skip: u64,
        /// The page or the error.
        result: Result<Page<Contact>, ApiError>,
    },
    /// The conversation links of the phone numbers arrived (or failed).
    LinksLoaded {
        /// The request this answers.
        req: RequestId,
        /// One entry per number, or the error.
        result: Result<Vec<PhoneLinks>, ApiError>,
    },
}
