//! Chatwoot wire types: the JSON the server really emits (docs/api-coverage.md, "Chatwoot";
//! shapes from the reference, not swagger), and their conversion into the domain model.
//!
//! Tolerance rules: every struct is `#[serde(default)]` and ignores unknown keys (the 99digital
//! extras `new_count`, `label_list`, `created_at_exact` are accepted this way, and used where
//! they help); every scalar is a [`Scalar`], so ints-or-strings, the three time encodings and
//! `null`s never fail a page; keys that older servers omit are simply absent. Every string goes
//! through the sanitizer on its way into the model.

mod agent;
mod contact;
mod content;
mod conversation;
mod message;
mod meta;
mod notification;
mod scalar;

pub use agent::{WireAccountRole, WireAgent, WireCanned, label_titles, list_items};
pub use contact::{WireContact, WireContactInbox, WireInboxSlim, split_name};
pub use content::message_body;
pub use conversation::{ConversationMeta, WireAssignee, WireConversation};
pub use message::{WireAttachment, WireMessage, WireSender};
pub use meta::{
    ContactList, ContactShow, ConversationList, ConversationListBody, ConversationsMeta, ListMeta,
    MessageList, Named, NamedList, ViewCountsWire,
};
pub use notification::{NotificationList, WireNotification};
pub use scalar::Scalar;

use crate::sanitize;
use serde_json::Value;

/// A channel class name as a short channel type: `Channel::Whatsapp` → `whatsapp`. The names
/// iMBRACE also uses are kept the same (`web`, `facebook`), the rest lowercased.
pub fn channel_name(class: &str) -> String {
    let bare = class.trim().strip_prefix("Channel::").unwrap_or(class.trim());
    match bare {
        "WebWidget" => "web".into(),
        "FacebookPage" => "facebook".into(),
        "TwitterProfile" => "twitter".into(),
        "TwilioSms" => "sms".into(),
        other => sanitize::line(&other.to_ascii_lowercase()),
    }
}

/// The first non-empty string (or number) under any of `keys` of an optional JSON object,
/// sanitized as one line.
pub fn object_text(object: Option<&Value>, keys: &[&str]) -> String {
    let Some(object) = object else {
        return String::new();
    };
    keys.iter()
        .find_map(|k| match object.get(*k) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
        .map(|s| sanitize::line(s.trim()))
        .unwrap_or_default()
}

/// A list of scalars (labels) as sanitized non-empty lines.
pub fn lines(list: Option<&Vec<Scalar>>) -> Vec<String> {
    list.into_iter().flatten().map(Scalar::line).filter(|l| !l.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_classes_become_short_names() {
        assert_eq!(channel_name("Channel::Whatsapp"), "whatsapp");
        assert_eq!(channel_name("Channel::WebWidget"), "web");
        assert_eq!(channel_name("Channel::FacebookPage"), "facebook");
        assert_eq!(channel_name("Channel::TwilioSms"), "sms");
        assert_eq!(channel_name("Channel::Email"), "email");
        assert_eq!(channel_name("Telegram"), "telegram");
        assert_eq!(channel_name(""), "");
    }
}
