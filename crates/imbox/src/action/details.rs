//! What the contact details overlay can be told, and the results it waits for.

use super::RequestId;
use imbox_api::ApiError;
use imbox_model::{Comment, ContactFile};

/// What the details overlay can be told.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum DetailsAction {
    /// Show the selected contact's details (`i`).
    Open,
    /// Close the copy box, or the overlay (Esc).
    Close,
    /// Scroll by this many lines (negative: up).
    #[strum(to_string = "scroll.{0}")]
    Scroll(isize),
    /// Scroll by this many screens (negative: up).
    #[strum(to_string = "page.{0}")]
    Page(isize),
    /// To the first line.
    Top,
    /// To the last line.
    Bottom,
    /// Select the next URL (Tab).
    NextUrl,
    /// Select the previous URL (Shift-Tab).
    PrevUrl,
    /// Open the selected URL (`o`).
    OpenUrl,
    /// The contact's files arrived (or failed).
    FilesLoaded {
        /// The request this answers.
        req: RequestId,
        /// The files or the error.
        result: Result<Vec<ContactFile>, ApiError>,
    },
    /// The contact's comments arrived (or failed).
    CommentsLoaded {
        /// The request this answers.
        req: RequestId,
        /// The comments or the error.
        result: Result<Vec<Comment>, ApiError>,
    },
    /// The job looked for a system opener for `url`.
    OpenerChecked {
        /// The URL to open.
        url: String,
        /// Whether `xdg-open`/`open` is on `PATH`.
        found: bool,
    },
}

/// The system opener's name on this platform (`OpenerChecked` says whether it was found).
pub fn opener_name() -> &'static str {
    if cfg!(target_os = "macos") { "open" } else { "xdg-open" }
}
