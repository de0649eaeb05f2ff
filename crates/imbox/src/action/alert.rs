//! What the alerts are told: the terminal's focus, the end of a coalescing window, and a
//! desktop notification that could not be shown.

/// An alert's text, already made inert (`state/alerts/inert.rs`): what a desktop notification
/// or a terminal notification shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AlertNote {
    /// The headline ("imbox · support · New message from Dana").
    pub title: String,
    /// The text under it (the message, or the latest of several).
    pub body: String,
}

/// The alerts' inputs besides the triggers themselves.
#[derive(Debug, Clone, PartialEq, Eq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum AlertAction {
    /// The terminal gained (`true`) or lost (`false`) the focus (focus reporting).
    TerminalFocus(bool),
    /// A coalescing window ended: deliver what arrived during it, as one alert.
    Flush,
    /// The desktop notification could not be shown: deliver it the next way.
    DesktopFailed {
        /// The alert.
        note: AlertNote,
        /// Why (for the log).
        error: String,
    },
}
