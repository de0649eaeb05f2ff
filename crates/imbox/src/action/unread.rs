//! Unread, everywhere: the key that jumps to the next conversation with something unread, and
//! the SMS/RCS conversations' last-opened times kept in the data directory.

use std::collections::BTreeMap;

/// When this agent last opened each SMS/RCS conversation: a conversation with activity after
/// that (or, never opened, after `since`) has something unread.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct OpenedTimes {
    /// When imbox first kept these times for the account (Unix seconds): older activity of a
    /// conversation never opened is not called unread.
    pub since: Option<i64>,
    /// Conversation id → when it was last opened or left, whichever is later (Unix seconds).
    pub opened: BTreeMap<String, i64>,
}

/// Unread actions.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum UnreadAction {
    /// Open the next conversation (below the selection, wrapping) with something unread.
    Next,
    /// The last-opened times were read from the data directory (None: no file yet).
    OpenedLoaded(Result<Option<Box<OpenedTimes>>, String>),
    /// The last-opened times were written (or not).
    OpenedSaved(Result<(), String>),
}
