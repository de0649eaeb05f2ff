//! Messages: both shapes, MessageView (messages index) and MessageEvent (a conversation's
//! `messages[]`, `last_non_activity_message`, a notification's `secondary_actor`), read by one
//! tolerant type; the keys one has and the other lacks are simply optional.

use super::content::{content_type_name, message_body};
use super::scalar::Scalar;
use crate::sanitize;
use imbox_model::{Attachment, Message, MessageBody, Sender};
use serde::Deserialize;
use serde_json::Value;

/// One message on the wire.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireMessage {
    /// Database id.
    pub id: Scalar,
    /// The text, or null.
    pub content: Scalar,
    /// The conversation's display id.
    pub conversation_id: Scalar,
    /// `0`..`3`, or `incoming`/`outgoing`/`activity`/`template` (webhooks, the 99digital doc).
    pub message_type: Scalar,
    /// `text`, `input_select`, `cards`, … (or its enum integer).
    pub content_type: Scalar,
    /// Type-specific attributes (§6); sometimes a JSON string.
    pub content_attributes: Option<Value>,
    /// Creation, unix.
    pub created_at: Scalar,
    /// Creation, ISO (99digital only).
    pub created_at_exact: Scalar,
    /// A private note.
    pub private: Scalar,
    /// `sent`, `delivered`, `read`, `failed` (or 0..3).
    pub status: Scalar,
    /// `Contact`, `User`, `AgentBot`, `Captain::Assistant` (MessageEvent only).
    pub sender_type: Scalar,
    /// The sender's id (MessageEvent only).
    pub sender_id: Scalar,
    /// The author; absent on activity messages.
    pub sender: Option<WireSender>,
    /// Files; absent when there are none.
    pub attachments: Option<Vec<WireAttachment>>,
    /// The sender's id for this message, echoed by the create answer (and MessageEvents).
    pub echo_id: Scalar,
}

/// The author of a message: a contact, a user (agent), an agent bot or a Captain assistant.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireSender {
    /// Id.
    pub id: Scalar,
    /// Name.
    pub name: Scalar,
    /// The agent's display name (users only).
    pub available_name: Scalar,
    /// `contact`, `user`, `agent_bot`, `captain_assistant`.
    #[serde(rename = "type")]
    pub kind: Scalar,
}

impl WireSender {
    /// `available_name`, else `name`, sanitized.
    pub fn shown_name(&self) -> String {
        let available = self.available_name.line();
        if available.is_empty() { self.name.line() } else { available }
    }
}

/// One attachment (§3): common fields plus those of its `file_type`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireAttachment {
    /// `image`, `audio`, `video`, `file`, `location`, … (or its enum integer).
    pub file_type: Scalar,
    /// Where it lives (an ActiveStorage redirect).
    pub data_url: Scalar,
    /// A thumbnail (images), `""` otherwise.
    pub thumb_url: Scalar,
    /// A title (location, fallback, contact).
    pub fallback_title: Scalar,
    /// File extension, or null.
    pub extension: Scalar,
    /// Latitude (location).
    pub coordinates_lat: Scalar,
    /// Longitude (location).
    pub coordinates_long: Scalar,
}

/// The four message types of §6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageType {
    /// From the contact.
    Incoming,
    /// From an agent or bot (private notes too).
    Outgoing,
    /// A system line.
    Activity,
    /// An automatic message (greeting, CSAT, …).
    Template,
    /// Anything else.
    Unknown,
}

impl WireMessage {
    /// The message type, from an integer or a name.
    pub fn message_type(&self) -> MessageType {
        match self.message_type.line().to_ascii_lowercase().as_str() {
            "0" | "incoming" => MessageType::Incoming,
            "1" | "outgoing" => MessageType::Outgoing,
            "2" | "activity" => MessageType::Activity,
            "3" | "template" => MessageType::Template,
            _ => MessageType::Unknown,
        }
    }

    /// Whether this holds anything at all (seed 004 shows `last_non_activity_message: {}`).
    pub fn is_empty(&self) -> bool {
        !self.id.is_set() && !self.content.is_set() && self.attachments.as_ref().is_none_or(Vec::is_empty)
    }
}

/// Attachment `file_type` integers (§3), for servers that send the number.
const FILE_TYPES: [&str; 13] = [
    "image",
    "audio",
    "video",
    "file",
    "location",
    "fallback",
    "share",
    "story_mention",
    "contact",
    "ig_reel",
    "ig_post",
    "ig_story",
    "embed",
];

impl From<&WireAttachment> for Attachment {
    fn from(a: &WireAttachment) -> Self {
        let kind = match a.file_type {
            Scalar::Int(i) => {
                usize::try_from(i).ok().and_then(|i| FILE_TYPES.get(i)).map(|k| (*k).to_string())
            }
            _ => None,
        }
        .unwrap_or_else(|| a.file_type.line());
        let url =
            [a.data_url.line(), a.thumb_url.line()].into_iter().find(|u| !u.is_empty()).unwrap_or_default();
        let coordinates = match (a.coordinates_lat.raw(), a.coordinates_long.raw()) {
            (Some(lat), Some(long)) => sanitize::line(&format!("{lat}, {long}")),
            _ => String::new(),
        };
        // The file name is the last path segment of the URL (`…/redirect/<key>/receipt.jpg`).
        let file_name =
            url.split(['?', '#']).next().unwrap_or_default().rsplit('/').next().unwrap_or_default();
        let title = [a.fallback_title.line(), a.extension.line(), coordinates, file_name.to_string()]
            .into_iter()
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        Attachment { kind, url, title }
    }
}

/// The sender kind as a lowercase word: `sender.type`, else `sender_type` (`AgentBot` → `agent_bot`).
fn sender_kind(w: &WireMessage) -> String {
    let from_sender = w.sender.as_ref().map(|s| s.kind.line()).unwrap_or_default();
    if !from_sender.is_empty() {
        return from_sender.to_ascii_lowercase();
    }
    match w.sender_type.line().as_str() {
        "" => String::new(),
        "AgentBot" => "agent_bot".into(),
        "Captain::Assistant" => "captain_assistant".into(),
        other => other.to_ascii_lowercase(),
    }
}

impl From<WireMessage> for Message {
    fn from(w: WireMessage) -> Self {
        let kind = w.message_type();
        let sender_kind = sender_kind(&w);
        let sender_id =
            w.sender.as_ref().map(|s| s.id.line()).filter(|i| !i.is_empty()).unwrap_or(w.sender_id.line());
        let name = w.sender.as_ref().map(WireSender::shown_name).unwrap_or_default();
        let attrs = match w.content_attributes {
            // Some writers store the attributes as a JSON string.
            Some(Value::String(s)) => serde_json::from_str(&s).unwrap_or(Value::Null),
            Some(v) => v,
            None => Value::Null,
        };
        let text = super::content::plain_mentions(w.content.text());
        // `in_reply_to` is a message id, an integer upstream; a string is read the same.
        let in_reply_to = attrs
            .get("in_reply_to")
            .and_then(|v| match v {
                Value::Number(n) => Some(n.to_string()),
                Value::String(s) => Some(sanitize::line(s.trim())),
                _ => None,
            })
            .filter(|s| !s.is_empty());
        let (sender, body, sender_name) = match kind {
            MessageType::Activity => (Sender::Other, MessageBody::Activity { text }, String::new()),
            _ => {
                let body = message_body(&content_type_name(&w.content_type), text, &attrs);
                let sender = match kind {
                    MessageType::Incoming => Sender::Contact,
                    MessageType::Outgoing | MessageType::Template => Sender::Agent,
                    _ => match sender_kind.as_str() {
                        "contact" => Sender::Contact,
                        "" => Sender::Other,
                        _ => Sender::Agent,
                    },
                };
                let sender_name = match (kind, name.is_empty()) {
                    (MessageType::Template, true) => "automated".to_string(),
                    (MessageType::Template, false) => format!("{name} (automated)"),
                    _ => name,
                };
                (sender, body, sender_name)
            }
        };
        let status = match &w.status {
            Scalar::Int(i) => ["sent", "delivered", "read", "failed"]
                .get(usize::try_from(*i).unwrap_or(usize::MAX))
                .map_or_else(|| i.to_string(), |s| (*s).to_string()),
            other => other.line(),
        };
        Message {
            id: w.id.line(),
            conversation_id: w.conversation_id.line(),
            from: if sender_kind.is_empty() || sender_id.is_empty() {
                String::new()
            } else {
                format!("{sender_kind}:{sender_id}")
            },
            sender,
            created_at: w.created_at.time().or(w.created_at_exact.time()),
            body,
            private: w.private.flag().unwrap_or(false),
            status,
            channel: String::new(),
            sender_name,
            attachments: w.attachments.iter().flatten().map(Attachment::from).collect(),
            echo_id: w.echo_id.line(),
            in_reply_to,
        }
    }
}

/// A one-line preview of a message for the conversation list: its text, else its first
/// attachment; private notes are marked so a note never reads like a reply to the contact.
pub fn preview(m: &Message) -> String {
    // One line: the newlines of an e-mail or a long reply become single spaces.
    let mut text = sanitize::line(&m.body.preview()).split_whitespace().collect::<Vec<_>>().join(" ");
    if text.trim().is_empty()
        && let Some(a) = m.attachments.first()
    {
        text = if a.title.is_empty() { format!("[{}]", a.kind) } else { format!("[{}] {}", a.kind, a.title) };
    }
    if m.private { format!("(private note) {text}") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(json: &str) -> Message {
        Message::from(serde_json::from_str::<WireMessage>(json).unwrap())
    }

    #[test]
    fn message_type_as_int_or_string() {
        let m = message(
            r#"{"id":1,"message_type":"incoming","content":"hi","sender":{"id":5,"name":"Noa","type":"contact"}}"#,
        );
        assert_eq!(m.sender, Sender::Contact);
        assert_eq!(m.from, "contact:5");
        assert_eq!(m.sender_name, "Noa");
        let m = message(
            r#"{"id":2,"message_type":3,"content":"Rate us","sender":{"id":2,"name":"Bot","type":"agent_bot"}}"#,
        );
        assert_eq!(m.sender, Sender::Agent);
        assert_eq!(m.sender_name, "Bot (automated)");
        let m = message(r#"{"id":3,"message_type":"template","content":"We are away"}"#);
        assert_eq!(m.sender_name, "automated");
    }

    #[test]
    fn numeric_status_and_string_attributes() {
        let m = message(
            r#"{"id":1,"message_type":1,"status":3,"content_type":"input_select","content_attributes":"{\"items\":[{\"title\":\"A\",\"value\":\"a\"}]}"}"#,
        );
        assert_eq!(m.status, "failed");
        assert!(matches!(m.body, MessageBody::Response { ref buttons, .. } if buttons.len() == 1));
    }

    #[test]
    fn echo_id_and_in_reply_to_are_read() {
        let m = message(
            r#"{"id":9,"message_type":1,"content":"ok","echo_id":"e-1","content_attributes":{"in_reply_to":9070}}"#,
        );
        assert_eq!((m.echo_id.as_str(), m.in_reply_to.as_deref()), ("e-1", Some("9070")));
        let m = message(r#"{"id":9,"message_type":1,"content_attributes":"{\"in_reply_to\":\"12\"}"}"#);
        assert_eq!((m.echo_id.as_str(), m.in_reply_to.as_deref()), ("", Some("12")));
        assert_eq!(message(r#"{"id":9,"content_attributes":{"in_reply_to":null}}"#).in_reply_to, None);
    }

    #[test]
    fn attachments_take_a_title_from_what_there_is() {
        let m = message(
            r#"{"id":1,"message_type":0,"attachments":[{"file_type":4,"coordinates_lat":32.1,"coordinates_long":34.8},{"file_type":"file","data_url":"https://h/x/report.pdf?disposition=1"}]}"#,
        );
        assert_eq!(
            m.attachments[0],
            Attachment { kind: "location".into(), url: String::new(), title: "32.1, 34.8".into() }
        );
        assert_eq!(m.attachments[1].title, "report.pdf");
        assert_eq!(preview(&m), "[location] 32.1, 34.8");
    }
}
