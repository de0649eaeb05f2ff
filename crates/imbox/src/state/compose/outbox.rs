//! Sends in flight and sends that failed, for every conversation: what the thread shows below
//! its newest message (sending…, ✗ not sent), what the draft file keeps until the server
//! confirms, and the one retry path.
//!
//! A send is never repeated blindly. A failure that may have reached the server (a timeout, a
//! 5xx, a lost answer) first reads the thread back; a retry of such a send checks again before
//! it sends; every retry carries the same echo id, which a server that knows it (SMS/RCS's
//! `request_id`) refuses to act on twice.

use crate::action::compose::{SendFailure, SendRequest};
use imbox_model::{Attachment, Message, MessageBody, Sender};
use jiff::Timestamp;

/// Where one send stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendState {
    /// Waiting for the server's answer.
    Sending,
    /// Reading the thread back to learn whether an uncertain send arrived; `then_send`: the
    /// user asked to retry, so send when it did not.
    Checking {
        /// Send it when the check does not find it.
        then_send: bool,
    },
    /// Not sent, or not known to be sent.
    Failed {
        /// Why, in plain words.
        reason: String,
        /// It may have reached the server: a retry checks before it sends.
        uncertain: bool,
    },
}

/// One send the server has not confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// What is sent (kept whole for a retry).
    pub req: SendRequest,
    /// Where it stands.
    pub state: SendState,
    /// When it was first sent (for the thread's clock).
    pub at: Timestamp,
}

impl Outgoing {
    /// A send that starts now.
    pub fn new(req: SendRequest, at: Timestamp) -> Self {
        Outgoing { req, state: SendState::Sending, at }
    }

    /// A send found unconfirmed in a draft file: it may or may not have arrived.
    pub fn unconfirmed(req: SendRequest, at: Timestamp) -> Self {
        let reason = "not confirmed before imbox closed".to_string();
        Outgoing { req, state: SendState::Failed { reason, uncertain: true }, at }
    }

    /// The state after `failure`: an uncertain one is checked first.
    pub fn failed(&mut self, failure: SendFailure) -> bool {
        if failure.uncertain {
            self.state = SendState::Checking { then_send: false };
            true
        } else {
            self.state = SendState::Failed { reason: failure.message, uncertain: false };
            false
        }
    }

    /// The status the thread shows in the message's header.
    pub fn status(&self) -> String {
        match &self.state {
            SendState::Sending => "sending…".into(),
            SendState::Checking { .. } => "checking…".into(),
            SendState::Failed { uncertain: true, .. } => "✗ not confirmed · C-r check and retry".into(),
            SendState::Failed { .. } => "✗ not sent · C-r retry".into(),
        }
    }

    /// The message as the thread shows it until the server's copy replaces it.
    pub fn display(&self, author: &str) -> Message {
        let attachments = self
            .req
            .attachments
            .iter()
            .map(|p| Attachment {
                kind: "file".into(),
                url: String::new(),
                title: p.rsplit('/').next().unwrap_or(p).to_string(),
            })
            .collect();
        Message {
            id: format!("local:{}", self.req.echo_id),
            conversation_id: self.req.conversation_id.clone(),
            from: String::new(),
            sender: Sender::Agent,
            created_at: Some(self.at),
            body: MessageBody::Text { text: self.req.content.clone(), is_mail: false },
            private: self.req.private,
            status: self.status(),
            channel: String::new(),
            sender_name: author.to_string(),
            attachments,
            echo_id: self.req.echo_id.clone(),
            in_reply_to: self.req.in_reply_to.clone(),
        }
    }
}
