//! SMS/RCS wire types: the message shape of seed 001, tolerant of missing, null, mistyped and
//! extra fields, and its conversion into a sanitized [`Record`].
//!
//! The seed shows a bare JSON array; a `{"data": […]}` envelope (and `null`) are accepted too.
//! Scalar fields take a string, a number or a boolean (ids and phone numbers are easily sent as
//! numbers). The seed has no time field; a `timestamp` (or `created_at`), ISO-8601 or epoch
//! seconds/milliseconds, is used when present and never required.

use crate::sanitize;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Reads any JSON scalar as a string; `null`, objects and arrays become `None`.
pub(crate) fn loose<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    })
}

/// `user_identifiers`: the account's own side of the conversation.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct UserIdentifiers {
    /// The business number messages go out from.
    #[serde(default, deserialize_with = "loose")]
    pub phone_number: Option<String>,
    /// The account's e-mail.
    #[serde(default, deserialize_with = "loose")]
    pub email: Option<String>,
    /// The Facebook page, for Facebook conversations.
    #[serde(default, deserialize_with = "loose")]
    pub facebook_page_id: Option<String>,
}

/// `contact_identifiers`: who the contact is.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct ContactIdentifiers {
    /// The contact's phone number.
    #[serde(default, deserialize_with = "loose")]
    pub phone_number: Option<String>,
    /// The contact's e-mail.
    #[serde(default, deserialize_with = "loose")]
    pub email: Option<String>,
    /// The contact's Facebook id.
    #[serde(default, deserialize_with = "loose")]
    pub facebook_id: Option<String>,
}

/// One message as the endpoint sends it.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct WireMessage {
    /// Message id.
    #[serde(default, deserialize_with = "loose")]
    pub message_id: Option<String>,
    /// The text.
    #[serde(default, deserialize_with = "loose")]
    pub text: Option<String>,
    /// `inbound` (from the contact) or `outbound` (from the account).
    #[serde(default, deserialize_with = "loose")]
    pub direction: Option<String>,
    /// `null` for inbound; `sending`, `sent`, `delivered`, `read`, `failed`, … for outbound.
    #[serde(default, deserialize_with = "loose")]
    pub delivery_status: Option<String>,
    /// `sms`, `rcs`, `facebook`, …
    #[serde(default, deserialize_with = "loose")]
    pub channel: Option<String>,
    /// The account-side identifier the message went through.
    #[serde(default, deserialize_with = "loose")]
    pub user_identifier: Option<String>,
    /// The account-side identifiers.
    #[serde(default)]
    pub user_identifiers: Option<UserIdentifiers>,
    /// The agent the conversation is assigned to, if any.
    #[serde(default, deserialize_with = "loose")]
    pub agent_assigned_to: Option<String>,
    /// The contact's name.
    #[serde(default, deserialize_with = "loose")]
    pub contact_name: Option<String>,
    /// The contact's identifiers.
    #[serde(default)]
    pub contact_identifiers: Option<ContactIdentifiers>,
    /// When it was sent, if the server says (not in the seed).
    #[serde(default, alias = "created_at")]
    pub timestamp: Option<Value>,
}

/// A reply of the messages endpoint: a bare array, `{"data": […]}`, or `null`.
#[derive(Debug, Default)]
pub struct MessageList {
    /// The messages, in server order.
    pub items: Vec<WireMessage>,
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    data: Option<Vec<WireMessage>>,
}

impl<'de> Deserialize<'de> for MessageList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};

        // Dispatching on the JSON type by hand (not `untagged`) keeps the path of a bad field.
        struct ShapeVisitor;
        impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
            type Value = MessageList;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of messages or an object with `data`")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(|items| MessageList { items })
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Envelope::deserialize(MapAccessDeserializer::new(map))
                    .map(|e| MessageList { items: e.data.unwrap_or_default() })
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(MessageList::default())
            }
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}

/// Which way a message went.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Direction {
    /// From the contact.
    Inbound,
    /// From the account (an agent or an automation).
    Outbound,
    /// Missing or something else (kept, sanitized, for the details).
    #[default]
    Unknown,
}

/// One message with every string sanitized: what the grouping works on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    /// Message id, may be empty.
    pub message_id: String,
    /// The text.
    pub text: String,
    /// Which way it went.
    pub direction: Direction,
    /// Delivery status, empty when `null`.
    pub delivery_status: String,
    /// Channel, lower-case, empty when missing.
    pub channel: String,
    /// Account-side identifier.
    pub user_identifier: String,
    /// Account-side phone number.
    pub user_phone: String,
    /// Account-side e-mail.
    pub user_email: String,
    /// Account-side Facebook page.
    pub facebook_page_id: String,
    /// Assigned agent, empty when none.
    pub agent: String,
    /// Contact name.
    pub contact_name: String,
    /// Contact phone number.
    pub contact_phone: String,
    /// Contact e-mail.
    pub contact_email: String,
    /// Contact Facebook id.
    pub contact_facebook_id: String,
    /// When it was sent, if the server said.
    pub timestamp: Option<Timestamp>,
}

/// A sanitized, trimmed one-line string; empty when missing.
pub(crate) fn line(s: &Option<String>) -> String {
    s.as_deref().map(|s| sanitize::line(s.trim())).unwrap_or_default()
}

/// An ISO-8601 string, or epoch seconds / milliseconds (numbers above 10^11 are milliseconds).
pub(crate) fn parse_timestamp(v: &Value) -> Option<Timestamp> {
    match v {
        Value::String(s) => {
            let s = s.trim();
            s.parse().ok().or_else(|| s.parse::<i64>().ok().and_then(epoch))
        }
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)).and_then(epoch),
        _ => None,
    }
}

fn epoch(n: i64) -> Option<Timestamp> {
    if n.abs() > 100_000_000_000 {
        Timestamp::from_millisecond(n).ok()
    } else {
        Timestamp::from_second(n).ok()
    }
}

impl From<WireMessage> for Record {
    fn from(w: WireMessage) -> Self {
        let user = w.user_identifiers.unwrap_or_default();
        let contact = w.contact_identifiers.unwrap_or_default();
        let direction = match line(&w.direction).to_ascii_lowercase().as_str() {
            "inbound" | "in" | "incoming" => Direction::Inbound,
            "outbound" | "out" | "outgoing" => Direction::Outbound,
            _ => Direction::Unknown,
        };
        Record {
            message_id: line(&w.message_id),
            text: w.text.as_deref().map(sanitize::text).unwrap_or_default(),
            direction,
            delivery_status: line(&w.delivery_status).to_lowercase(),
            channel: line(&w.channel).to_lowercase(),
            user_identifier: line(&w.user_identifier),
            user_phone: line(&user.phone_number),
            user_email: line(&user.email),
            facebook_page_id: line(&user.facebook_page_id),
            agent: line(&w.agent_assigned_to),
            contact_name: line(&w.contact_name),
            contact_phone: line(&contact.phone_number),
            contact_email: line(&contact.email),
            contact_facebook_id: line(&contact.facebook_id),
            timestamp: w.timestamp.as_ref().and_then(parse_timestamp),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_scalars_and_times_are_tolerated() {
        let bare: MessageList = serde_json::from_str(r#"[{"message_id": 7, "direction": "OUTBOUND"}]"#)
            .unwrap_or_else(|e| panic!("{e}"));
        let r = Record::from(bare.items[0].clone());
        assert_eq!((r.message_id.as_str(), &r.direction), ("7", &Direction::Outbound));
        let wrapped: MessageList =
            serde_json::from_str(r#"{"data": [{"timestamp": 1700000000, "extra": {"x": 1}}], "page": 1}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        let r = Record::from(wrapped.items[0].clone());
        assert_eq!(r.timestamp.map(|t| t.as_second()), Some(1_700_000_000));
        assert_eq!(r.direction, Direction::Unknown);
        let null: MessageList = serde_json::from_str("null").unwrap_or_else(|e| panic!("{e}"));
        assert!(null.items.is_empty());
        let ms = parse_timestamp(&Value::from(1_700_000_000_123_i64)).map(|t| t.as_millisecond());
        assert_eq!(ms, Some(1_700_000_000_123));
        let iso = parse_timestamp(&Value::from("2025-10-16T04:00:00Z")).map(|t| t.as_second());
        assert_eq!(iso, Some(1_760_587_200));
    }

    #[test]
    fn strings_are_sanitized() {
        let list: MessageList = serde_json::from_str(
            r#"[{"text": "hi\u001b]0;x\u0007\nthere", "contact_name": "Eve\u202e", "channel": "SMS"}]"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let r = Record::from(list.items[0].clone());
        assert!(!r.text.contains('\u{1b}') && r.text.contains('\n'), "{:?}", r.text);
        assert_eq!(r.contact_name, "Eve");
        assert_eq!(r.channel, "sms");
    }
}
