//! Contacts: the ContactCard (`models/_contact`, §4 of the reference) and the ContactPush that
//! messages and notifications embed, which share their fields.

use super::scalar::Scalar;
use super::{channel_name, object_text};
use crate::sanitize;
use imbox_model::Contact;
use serde::Deserialize;
use serde_json::Value;

/// A contact as any Chatwoot endpoint sends it (ContactCard, ContactPush, `meta.sender`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireContact {
    /// Database id.
    pub id: Scalar,
    /// Full name.
    pub name: Scalar,
    /// E-mail, or null.
    pub email: Scalar,
    /// E.164 phone number (`+972501234567`), or null.
    pub phone_number: Scalar,
    /// External system's id, or null.
    pub identifier: Scalar,
    /// Avatar URL, `""` when there is none.
    pub thumbnail: Scalar,
    /// Whether the contact is blocked (since 2025-02).
    pub blocked: Scalar,
    /// `online` / `offline`.
    pub availability_status: Scalar,
    /// Free-form: `city`, `country`, `company_name`, browser details …
    pub additional_attributes: Option<Value>,
    /// Last activity, unix; the key is absent when there was none.
    pub last_activity_at: Scalar,
    /// Creation, unix.
    pub created_at: Scalar,
    /// The inboxes the contact is reachable through (contacts endpoints only).
    pub contact_inboxes: Option<Vec<WireContactInbox>>,
}

/// One `contact_inboxes` entry.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireContactInbox {
    /// The contact's address in that inbox (phone digits, e-mail, widget uuid).
    pub source_id: Scalar,
    /// The inbox.
    pub inbox: Option<WireInboxSlim>,
}

/// The slim inbox inside a contact inbox (also the shape of `GET inboxes` items).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireInboxSlim {
    /// Inbox id.
    pub id: Scalar,
    /// Inbox name.
    pub name: Scalar,
    /// `Channel::Whatsapp` …
    pub channel_type: Scalar,
}

/// Splits a full name at the first run of whitespace: Chatwoot keeps one `name`, the edit form
/// has first and last name.
pub fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.split_once(char::is_whitespace) {
        Some((first, last)) => (first.to_string(), last.trim().to_string()),
        None => (name.to_string(), String::new()),
    }
}

impl WireContact {
    /// The contact's name as one sanitized line.
    pub fn display_name(&self) -> String {
        self.name.line()
    }
}

impl From<WireContact> for Contact {
    fn from(w: WireContact) -> Self {
        let display_name = w.display_name();
        let (first_name, last_name) = split_name(&display_name);
        let attrs = w.additional_attributes.as_ref();
        let inboxes: Vec<String> = w
            .contact_inboxes
            .iter()
            .flatten()
            .filter_map(|ci| ci.inbox.as_ref())
            .map(|i| i.name.line())
            .filter(|n| !n.is_empty())
            .collect();
        let channel_type = w
            .contact_inboxes
            .iter()
            .flatten()
            .filter_map(|ci| ci.inbox.as_ref())
            .map(|i| channel_name(&i.channel_type.line()))
            .find(|c| !c.is_empty())
            .unwrap_or_default();
        let mut extra: Vec<(String, String)> = Vec::new();
        let mut put = |k: &str, v: String| {
            if !v.is_empty() {
                extra.push((k.to_string(), v));
            }
        };
        put("identifier", w.identifier.line());
        put("company", object_text(attrs, &["company_name", "company"]));
        put("city", object_text(attrs, &["city"]));
        put("country", object_text(attrs, &["country"]));
        if w.blocked.flag() == Some(true) {
            put("blocked", "yes".into());
        }
        put("inboxes", inboxes.join(", "));
        Contact {
            id: w.id.line(),
            display_name,
            first_name,
            last_name,
            email: w.email.line(),
            phone_number: w.phone_number.line(),
            avatar_url: w.thumbnail.line(),
            channel_type,
            last_seen: w.last_activity_at.time(),
            created_at: w.created_at.time(),
            extra: extra.into_iter().map(|(k, v)| (k, sanitize::line(&v))).collect(),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_at_the_first_whitespace() {
        assert_eq!(split_name("Noa Cohen"), ("Noa".into(), "Cohen".into()));
        assert_eq!(split_name("  Maya  "), ("Maya".into(), String::new()));
        assert_eq!(split_name("Ana María\tDe la Cruz"), ("Ana".into(), "María\tDe la Cruz".into()));
        assert_eq!(split_name(""), (String::new(), String::new()));
    }

    #[test]
    fn a_card_with_every_field_wrong_typed_or_missing_still_maps() {
        let w: WireContact =
            serde_json::from_str(r#"{"id":"118","name":42,"blocked":"true","contact_inboxes":null}"#)
                .unwrap();
        let c = Contact::from(w);
        assert_eq!(c.id, "118");
        assert_eq!(c.display_name, "42");
        assert!(c.extra.contains(&("blocked".into(), "yes".into())));
    }
}
