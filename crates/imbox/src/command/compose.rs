//! Requests of the composer: sending, reading a thread back after an uncertain send, canned
//! responses, the attach prompt's file checks and completions, and reply drafts on disk.

use crate::action::RequestId;
use crate::action::compose::{ReplyDraft, SendRequest};

/// Requests of the composer.
#[derive(Debug, Clone, PartialEq)]
pub enum ComposeCommand {
    /// Send a message (never retried automatically).
    Send(Box<SendRequest>),
    /// Read the newest messages of a conversation and look for one that was sent when the
    /// answer got lost (by echo id, else by text and kind among the agent's newest messages).
    CheckSent(Box<SendRequest>),
    /// Fetch the account's canned responses.
    LoadCanned {
        /// Tag for the result.
        req: RequestId,
    },
    /// List the paths that complete `typed` (the attach prompt's Tab).
    Complete {
        /// Tag for the result.
        req: RequestId,
        /// The path typed so far (`~/` is the home directory).
        typed: String,
    },
    /// Look at a file before attaching it: it must exist, be a file, and be readable.
    Inspect {
        /// The path as typed.
        path: String,
    },
    /// Look for a conversation's reply draft.
    LoadDraft {
        /// The conversation.
        conversation_id: String,
    },
    /// Write a reply draft (skipped if a later draft command for it already ran).
    SaveDraft {
        /// Order of draft commands: an older one never overwrites a newer one.
        seq: u64,
        /// The draft (its `saved_at` is stamped here).
        draft: Box<ReplyDraft>,
    },
    /// Delete a conversation's reply draft (skipped if a later draft command already ran).
    DeleteDraft {
        /// Order of draft commands.
        seq: u64,
        /// The conversation.
        conversation_id: String,
    },
}
