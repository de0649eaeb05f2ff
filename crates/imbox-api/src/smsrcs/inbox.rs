//! The conversations list (`GET /conversations/list`), tolerant wire types and their mapping to
//! inbox rows.
//!
//! The reference ("Retrieve the conversations list", octopush-api.readme.io) shows a bare array of
//! `{conversation_id, last_user_channel, recipient_details: {phone_number, name},
//! agent_assigned_to?, from, first_message_at, last_message_at, last_message, purpose, color,
//! number_of_messages}`. Every field may be missing, `null` or mistyped here; strings are
//! sanitized; a `{"data": […]}` envelope and `null` are accepted like on the messages call.

use super::group::channel_label;
use super::lookup::{Lookup, LookupKind, Ref, normalise_phone};
use super::wire::{line, loose, parse_timestamp};
use crate::sanitize;
use imbox_model::Conversation;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// `recipient_details`: who the conversation is with.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct RecipientDetails {
    /// The contact's phone number.
    #[serde(default, deserialize_with = "loose")]
    pub phone_number: Option<String>,
    /// The contact's name.
    #[serde(default, deserialize_with = "loose")]
    pub name: Option<String>,
}

/// One conversation as the list sends it.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct WireConversation {
    /// `cid_…` (or a bare uuid).
    #[serde(default, deserialize_with = "loose")]
    pub conversation_id: Option<String>,
    /// The channel the contact last wrote on (`sms`, `rcs`, …).
    #[serde(default, deserialize_with = "loose")]
    pub last_user_channel: Option<String>,
    /// The contact.
    #[serde(default)]
    pub recipient_details: Option<RecipientDetails>,
    /// The assigned agent, when there is one.
    #[serde(default, deserialize_with = "loose")]
    pub agent_assigned_to: Option<String>,
    /// The account-side sender (a short code, a number, an RCS agent).
    #[serde(default, deserialize_with = "loose")]
    pub from: Option<String>,
    /// ISO-8601 with offset.
    #[serde(default)]
    pub first_message_at: Option<Value>,
    /// ISO-8601 with offset: the latest activity.
    #[serde(default)]
    pub last_message_at: Option<Value>,
    /// The latest message's text.
    #[serde(default, deserialize_with = "loose")]
    pub last_message: Option<String>,
    /// `alert` or `wholesale`.
    #[serde(default, deserialize_with = "loose")]
    pub purpose: Option<String>,
    /// The number of messages.
    #[serde(default)]
    pub number_of_messages: Option<Value>,
}

/// A reply of the conversations list: a bare array, `{"data": […]}`, or `null`.
#[derive(Debug, Default)]
pub struct ConversationList {
    /// The conversations, in server order.
    pub items: Vec<WireConversation>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ListShape {
    Bare(Vec<WireConversation>),
    Wrapped {
        #[serde(default)]
        data: Option<Vec<WireConversation>>,
    },
    Null(()),
}

impl<'de> Deserialize<'de> for ConversationList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(ConversationList {
            items: match ListShape::deserialize(d)? {
                ListShape::Bare(items) => items,
                ListShape::Wrapped { data } => data.unwrap_or_default(),
                ListShape::Null(()) => Vec::new(),
            },
        })
    }
}

/// One conversation with every string sanitized.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConversationRecord {
    /// `cid_…`, empty when missing.
    pub conversation_id: String,
    /// Lower-case channel, empty when missing.
    pub channel: String,
    /// The contact's phone number as sent.
    pub phone: String,
    /// The contact's name.
    pub name: String,
    /// The assigned agent, empty when none.
    pub agent: String,
    /// The account-side sender.
    pub from: String,
    /// When the first message was sent.
    pub first_message_at: Option<Timestamp>,
    /// When the latest message was sent.
    pub last_message_at: Option<Timestamp>,
    /// The latest message, on one line.
    pub last_message: String,
    /// `alert` / `wholesale`.
    pub purpose: String,
    /// The number of messages, when given.
    pub message_count: Option<u64>,
}

fn count(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl From<WireConversation> for ConversationRecord {
    fn from(w: WireConversation) -> Self {
        let who = w.recipient_details.unwrap_or_default();
        let cid = line(&w.conversation_id);
        ConversationRecord {
            conversation_id: if cid.is_empty() || cid.to_ascii_lowercase().starts_with("cid_") {
                cid
            } else {
                format!("cid_{cid}")
            },
            channel: line(&w.last_user_channel).to_lowercase(),
            phone: line(&who.phone_number),
            name: line(&who.name),
            agent: line(&w.agent_assigned_to),
            from: line(&w.from),
            first_message_at: w.first_message_at.as_ref().and_then(parse_timestamp),
            last_message_at: w.last_message_at.as_ref().and_then(parse_timestamp),
            last_message: w.last_message.as_deref().map(sanitize::line).unwrap_or_default(),
            purpose: line(&w.purpose),
            message_count: w.number_of_messages.as_ref().and_then(count),
        }
    }
}

impl ConversationRecord {
    /// The lookups that find this conversation again: its `cid_…`, then the contact's phone
    /// number (the recipient of a reply). `None` when the row names neither.
    fn lookups(&self) -> Vec<Lookup> {
        let mut out = Vec::new();
        if self.conversation_id.len() > "cid_".len() && !self.conversation_id.contains(char::is_whitespace) {
            out.push(Lookup { kind: LookupKind::ConversationId, value: self.conversation_id.clone() });
        }
        if let Some(phone) = normalise_phone(&self.phone) {
            out.push(Lookup { kind: LookupKind::PhoneNumber, value: phone });
        }
        out
    }

    /// The row as an inbox conversation, or `None` when it names no conversation and no number
    /// (nothing could open it).
    ///
    /// Its id is `conversation_id=cid_…&phone_number=+…&channel=<last_user_channel>`: the thread
    /// loads with the `cid_…` lookup ([`crate::Backend::messages`] uses the first lookup), a
    /// reply goes to the phone number on that channel. The contact id is the same lookups without
    /// the channel: the contact's conversations are this conversation's thread (with this very
    /// id) and the number's other threads.
    pub fn conversation(&self) -> Option<Conversation> {
        let lookups = self.lookups();
        lookups.first()?;
        let channel = if self.channel.is_empty() { "sms".to_string() } else { self.channel.clone() };
        let id = Ref { lookups: lookups.clone(), channel: Some(channel.clone()) }.encode();
        let contact_id = Ref { lookups, channel: None }.encode();
        let contact_name = if self.name.is_empty() { self.phone.clone() } else { self.name.clone() };
        let name = match (self.name.is_empty(), self.phone.is_empty()) {
            (false, false) => format!("{} · {}", self.name, self.phone),
            (true, false) => self.phone.clone(),
            (false, true) => self.name.clone(),
            (true, true) => format!("{} · {}", channel_label(&channel), self.conversation_id),
        };
        Some(Conversation {
            id,
            contact_id,
            channel_type: channel,
            name,
            contact_name,
            timestamp: self.last_message_at,
            first_message_at: self.first_message_at,
            latest_message: (!self.last_message.is_empty()).then(|| self.last_message.clone()),
            assignee: self.agent.clone(),
            message_count: self.message_count,
            ..Conversation::default()
        })
    }
}

/// Inbox rows from one page of the list: newest activity first (rows without a time last, in
/// server order), rows that name nothing to open left out.
pub fn rows(records: &[ConversationRecord]) -> Vec<Conversation> {
    let mut rows: Vec<Conversation> = records.iter().filter_map(ConversationRecord::conversation).collect();
    // A stable sort keeps the server's order among equal times.
    rows.sort_by_key(|c| std::cmp::Reverse(c.timestamp));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> ConversationRecord {
        let list: ConversationList = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        ConversationRecord::from(list.items[0].clone())
    }

    #[test]
    fn fields_are_tolerated_and_sanitized() {
        let r = record(
            r#"[{"conversation_id": "abc", "last_user_channel": "RCS", "recipient_details": null,
                "number_of_messages": "7", "last_message": "hi\u001b[2J\nthere", "color": "x"}]"#,
        );
        assert_eq!((r.conversation_id.as_str(), r.channel.as_str()), ("cid_abc", "rcs"));
        assert_eq!(r.message_count, Some(7));
        assert!(!r.last_message.contains('\u{1b}') && !r.last_message.contains('\n'), "{:?}", r.last_message);
        let wrapped: ConversationList =
            serde_json::from_str(r#"{"data": null}"#).unwrap_or_else(|e| panic!("{e}"));
        assert!(wrapped.items.is_empty());
    }

    #[test]
    fn rows_encode_the_cid_the_phone_and_the_channel() {
        let r = record(
            r#"[{"conversation_id": "cid_1", "last_user_channel": "sms",
                "recipient_details": {"phone_number": "+33 6 12 34 56 78", "name": "Ana"},
                "last_message_at": "2024-06-07T05:22:43+02:00", "number_of_messages": 4}]"#,
        );
        let c = r.conversation().unwrap_or_else(|| panic!("a row"));
        assert_eq!(c.id, "conversation_id=cid_1&phone_number=+33612345678&channel=sms");
        assert_eq!(c.contact_id, "conversation_id=cid_1&phone_number=+33612345678");
        assert_eq!((c.name.as_str(), c.contact_name.as_str()), ("Ana · +33 6 12 34 56 78", "Ana"));
        assert_eq!(c.timestamp.map(|t| t.as_second()), Some(1_717_730_563));
        assert!(ConversationRecord::default().conversation().is_none());
    }
}
