//! What the re-login prompt can be told, and the check it waits for. Typed characters travel
//! in [`HiddenChar`]s, whose Debug never shows them.

use super::RequestId;
use imbox_api::ApiError;
use std::fmt;

/// One typed character of a token; Debug never shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct HiddenChar(pub char);

impl fmt::Debug for HiddenChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HiddenChar([redacted])")
    }
}

/// What the worker reports after a successful check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloginOk {
    /// Where the token was stored (`Ok(place)`), why it was not (`Err(reason)`), or `None` when
    /// this account's tokens are not stored (the embedded demo).
    pub stored: Option<Result<String, String>>,
}

/// The re-login prompt's intents and results.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum ReloginAction {
    /// Open the prompt (only while the token is rejected).
    Open,
    /// A character typed into the prompt.
    Type(HiddenChar),
    /// Delete the last character.
    Backspace,
    /// Delete everything typed (Ctrl-U, as in every text field; the cursor is always at the end).
    ClearLine,
    /// Check the typed token.
    Submit,
    /// Close the prompt without changing anything.
    Cancel,
    /// The worker checked a token.
    Checked {
        /// The request this answers.
        req: RequestId,
        /// Accepted (and where it was stored) or why not.
        result: Result<ReloginOk, ApiError>,
    },
}
