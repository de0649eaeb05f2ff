//! What the composer (replies and private notes) can be told, the results it waits for, and a
//! reply draft as kept on disk.

use super::RequestId;
use crossterm::event::KeyEvent;
use imbox_model::{CannedResponse, Message};

/// What the composer can be told.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum ComposeAction {
    /// Start a reply to the current conversation (`r`), or go back to its draft.
    Reply,
    /// Start a private note on the current conversation (`N`), or go back to its draft.
    Note,
    /// Reply quoting the message at the bottom of the thread view (`Q`).
    ReplyToMessage,
    /// A key typed into the composer (or its open prompt).
    Key(KeyEvent),
    /// Insert a line break (Alt-Enter, Shift-Enter).
    Newline,
    /// Send (Enter): asks first about unfilled variables and SMS of several parts.
    Send,
    /// Close the composer; its draft is kept (Esc).
    Close,
    /// Switch between reply and private note (Alt-N).
    ToggleNote,
    /// Drop the quoted message (Alt-Q).
    DropQuote,
    /// Quote the message before the quoted one (Alt-↑; the newest when none is quoted).
    QuoteOlder,
    /// Quote the message after the quoted one (Alt-↓; past the newest, none).
    QuoteNewer,
    /// Open the canned-response picker (Ctrl-T, or `/` in an empty composer).
    Canned,
    /// Ask for a file to attach (Ctrl-O).
    Attach,
    /// Remove the last attachment (Alt-D).
    DropAttachment,
    /// Edit the draft in `$VISUAL` / `$EDITOR` (Ctrl-G); the app loop runs the editor.
    Editor,
    /// The editor closed: the new text, or why it could not run.
    EditorDone(Result<String, String>),
    /// The answer to the open question: yes (Enter, y) or no (Esc, n).
    Answer(bool),
    /// Send the failed message of the open thread again (Ctrl-R in the thread).
    Retry,
    /// The debounce of a draft write with this sequence number ran out.
    DraftDue(u64),
    /// A conversation's reply draft was looked for on disk.
    DraftLoaded {
        /// The conversation.
        conversation_id: String,
        /// The draft, none, or why it could not be read.
        result: Result<Option<Box<ReplyDraft>>, String>,
    },
    /// Writing or deleting a reply draft failed.
    DraftFailed(String),
    /// The account's canned responses arrived (or failed).
    CannedLoaded {
        /// The request this answers.
        req: RequestId,
        /// The responses, or why they could not be read.
        result: Result<Vec<CannedResponse>, String>,
    },
    /// Path completions for the attach prompt.
    Completed {
        /// The request this answers.
        req: RequestId,
        /// The text the completions are for.
        typed: String,
        /// Paths that complete it (directories end in `/`).
        candidates: Vec<String>,
    },
    /// A file was looked at before attaching it.
    Inspected {
        /// The path as typed.
        path: String,
        /// The file's name and size, or why it cannot be attached.
        result: Result<(String, u64), String>,
    },
    /// The server answered a send.
    Sent {
        /// The conversation.
        conversation_id: String,
        /// The message's echo id.
        echo_id: String,
        /// The server's copy of the message, or why the send failed.
        result: Result<Box<Message>, SendFailure>,
    },
    /// The thread was read back after an uncertain send.
    Checked {
        /// The conversation.
        conversation_id: String,
        /// The message's echo id.
        echo_id: String,
        /// The server's copy when it has the message, None when it has not, or why the read
        /// failed.
        result: Result<Option<Box<Message>>, String>,
    },
}

/// Why a send failed, and whether the message may have reached the server anyway.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    /// The reason, in plain words.
    pub message: String,
    /// The request may have reached the server (a timeout, a dropped connection, a 5xx, a job
    /// that died): the thread is read back before a retry is offered.
    pub uncertain: bool,
}

/// One message to send, as the composer hands it over (and as an unconfirmed send is kept in
/// the draft file).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SendRequest {
    /// The conversation.
    pub conversation_id: String,
    /// The client's id for this message; the same on every retry, so a server that knows it
    /// refuses the duplicate.
    pub echo_id: String,
    /// The text (variables already filled).
    pub content: String,
    /// A private note.
    pub private: bool,
    /// The message it answers.
    pub in_reply_to: Option<String>,
    /// Files to attach, by path (read by the worker).
    pub attachments: Vec<String>,
}

impl SendRequest {
    /// Whether `m` is the server's copy of this send: by echo id when the server echoes one,
    /// else an agent's text message with the same content and privacy.
    pub fn is_echoed_by(&self, m: &imbox_model::Message) -> bool {
        if !m.echo_id.is_empty() {
            return m.echo_id == self.echo_id;
        }
        is_agent_text(m, &self.content, self.private)
    }
}

/// Whether `m` is an agent's text message (or note, per `private`) reading `content`: how a
/// server copy without an echo id is recognised as a send from here (a read-back, a polled
/// page).
pub fn is_agent_text(m: &imbox_model::Message, content: &str, private: bool) -> bool {
    let text = match &m.body {
        imbox_model::MessageBody::Text { text, .. } => text.as_str(),
        _ => return false,
    };
    m.sender == imbox_model::Sender::Agent && m.private == private && text.trim() == content.trim()
}

/// What the composer holds for one conversation: the text being written and what goes with it.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DraftText {
    /// The text.
    pub text: String,
    /// Whether it is a private note.
    pub private: bool,
    /// The message it quotes, if any.
    pub in_reply_to: Option<String>,
    /// Files to attach, by path.
    pub attachments: Vec<String>,
}

impl DraftText {
    /// Whether there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.attachments.is_empty()
    }
}

/// A conversation's reply draft as kept on disk (the body of the file): the composer's text and
/// every send the server has not confirmed, so neither is lost to a crash.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReplyDraft {
    /// The conversation the draft answers.
    pub conversation_id: String,
    /// When it was written (RFC 3339), stamped by the writer.
    pub saved_at: String,
    /// The composer's text.
    pub draft: DraftText,
    /// Sends not confirmed by the server (sending, failed, or unknown).
    pub unsent: Vec<SendRequest>,
}
