//! iMBRACE wire types: the exact JSON shapes of seeds 000 and 002, tolerant of missing, null
//! and extra fields, and their conversion into the domain model.
//!
//! Every field is optional on the wire (a `null` and a missing field both become `None`), so a
//! server that omits or nulls a field never fails a page. Conversions run every string through
//! the sanitizer: after this module, no server text is trusted raw.

use crate::sanitize;
use imbox_model::{
    Comment, Contact, ContactFile, Conversation, ConversationLink, Message, MessageBody, Notification,
    NotificationPage, Page, PhoneLinks, ReplyButton, Sender,
};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Map, Value};

/// Parses an ISO-8601 timestamp; empty or malformed values (the seeds send `""`) become `None`.
pub fn parse_time(s: Option<&str>) -> Option<Timestamp> {
    s.filter(|s| !s.is_empty()).and_then(|s| s.parse().ok())
}

fn line(s: &Option<String>) -> String {
    s.as_deref().map(sanitize::line).unwrap_or_default()
}

/// `{ "object_name": "list", "data": [...], "has_more", "count", "total" }` — contacts and search.
#[derive(Debug, Deserialize)]
pub struct ContactList {
    /// The contacts of this page.
    #[serde(default)]
    pub data: Option<Vec<WireContact>>,
    /// How many contacts exist in all (the seeds' `count`).
    #[serde(default)]
    pub count: Option<u64>,
    /// How many were returned (the seeds' `total`, a page count).
    #[serde(default)]
    pub total: Option<u64>,
    /// Whether more pages follow.
    #[serde(default)]
    pub has_more: Option<bool>,
}

/// Builds a page from the seeds' `count` (all items) and `has_more`; when `has_more` is missing
/// it is derived from the count, so a server that omits it still pages correctly.
fn page<T>(items: Vec<T>, count: Option<u64>, has_more: Option<bool>, skip: u64) -> Page<T> {
    let seen = skip + items.len() as u64;
    let total = count.unwrap_or(seen).max(seen);
    let has_more = has_more.unwrap_or(total > seen);
    Page { items, total, has_more }
}

impl ContactList {
    /// Converts to a domain page; `skip` is the offset this page was asked for.
    pub fn into_page(self, skip: u64) -> Page<Contact> {
        let items: Vec<Contact> = self.data.unwrap_or_default().into_iter().map(Contact::from).collect();
        page(items, self.count, self.has_more, skip)
    }
}

/// A contact as the contacts, search, update and conversations endpoints send it.
#[derive(Debug, Deserialize, Default)]
pub struct WireContact {
    /// `con_…` id (contacts list, update).
    #[serde(default)]
    pub id: Option<String>,
    /// `_id` (inside a team-conversation-user record).
    #[serde(default, rename = "_id")]
    pub underscore_id: Option<String>,
    /// `public_id` (inside a team-conversation-user record).
    #[serde(default)]
    pub public_id: Option<String>,
    /// Name shown for the contact.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Given name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// E-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Area code.
    #[serde(default)]
    pub area_code: Option<String>,
    /// Phone number.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Gender, normalised by the server ("Male").
    #[serde(default)]
    pub gender: Option<String>,
    /// Language code.
    #[serde(default)]
    pub language: Option<String>,
    /// Avatar URL.
    #[serde(default)]
    pub avatar_url: Option<String>,
    /// Agent remark.
    #[serde(default)]
    pub remark: Option<String>,
    /// IANA time zone.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Channel type.
    #[serde(default)]
    pub channel_type: Option<String>,
    /// Organisation id.
    #[serde(default)]
    pub organization_id: Option<String>,
    /// Last activity (may be `""`).
    #[serde(default)]
    pub last_seen: Option<String>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Last change (may be `null`).
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Every other field, kept for the details view.
    #[serde(flatten)]
    pub rest: Map<String, Value>,
}

/// Fields of `rest` that carry no information for a person reading the details.
const HIDDEN_EXTRA_FIELDS: [&str; 3] = ["object_name", "doc_name", "action"];

impl From<WireContact> for Contact {
    fn from(w: WireContact) -> Self {
        let id = w.id.as_ref().or(w.public_id.as_ref()).or(w.underscore_id.as_ref()).cloned();
        let mut extra: Vec<(String, String)> = w
            .rest
            .iter()
            .filter(|(k, _)| !HIDDEN_EXTRA_FIELDS.contains(&k.as_str()))
            .filter_map(|(k, v)| {
                let value = match v {
                    Value::String(s) if !s.is_empty() => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Object(o) if !o.is_empty() => v.to_string(),
                    Value::Array(a) if !a.is_empty() => v.to_string(),
                    _ => return None,
                };
                Some((sanitize::line(k), sanitize::line(&value)))
            })
            .collect();
        extra.sort();
        Contact {
            id: line(&id),
            display_name: line(&w.display_name),
            first_name: line(&w.first_name),
            last_name: line(&w.last_name),
            email: line(&w.email),
            area_code: line(&w.area_code),
            phone_number: line(&w.phone_number),
            gender: line(&w.gender),
            language: line(&w.language),
            avatar_url: line(&w.avatar_url),
            remark: w.remark.as_deref().map(sanitize::text).unwrap_or_default(),
            time_zone: line(&w.time_zone),
            channel_type: line(&w.channel_type),
            organization_id: line(&w.organization_id),
            last_seen: parse_time(w.last_seen.as_deref()),
            created_at: parse_time(w.created_at.as_deref()),
            updated_at: parse_time(w.updated_at.as_deref()),
            extra,
        }
    }
}

/// `{ "data": [team_conversation_user, …] }` — a contact's conversations.
#[derive(Debug, Deserialize)]
pub struct ConversationList {
    /// The records.
    #[serde(default)]
    pub data: Option<Vec<TeamConversationUser>>,
}

impl ConversationList {
    /// Converts to domain conversations, newest activity first as the server sent them.
    pub fn into_conversations(self) -> Vec<Conversation> {
        self.data.unwrap_or_default().into_iter().map(Conversation::from).collect()
    }
}

/// An agent's view of a conversation (`doc_name: "team_conversation_user"`).
#[derive(Debug, Deserialize, Default)]
pub struct TeamConversationUser {
    /// Oddly the conversation id in the seeds.
    #[serde(default, rename = "_id")]
    pub underscore_id: Option<String>,
    /// The `tcu_…` id that notifications point at.
    #[serde(default)]
    pub public_id: Option<String>,
    /// The conversation itself.
    #[serde(default)]
    pub conversation: Option<WireConversation>,
    /// The newest message, for the preview.
    #[serde(default)]
    pub latest_message: Option<WireMessage>,
    /// Teams the conversation is available to.
    #[serde(default)]
    pub teams: Option<Vec<WireTeam>>,
    /// Creation time of the record.
    #[serde(default)]
    pub created_at: Option<String>,
}

/// The conversation object inside a team-conversation-user record.
#[derive(Debug, Deserialize, Default)]
pub struct WireConversation {
    /// `conv_…` id.
    #[serde(default, rename = "_id")]
    pub underscore_id: Option<String>,
    /// `conv_…` id again.
    #[serde(default)]
    pub public_id: Option<String>,
    /// Channel type.
    #[serde(default)]
    pub channel_type: Option<String>,
    /// Owning contact.
    #[serde(default)]
    pub contact_id: Option<String>,
    /// Status (pending, …).
    #[serde(default)]
    pub status: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Latest activity.
    #[serde(default)]
    pub timestamp: Option<String>,
    /// Last change.
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// A team as embedded in a conversation record.
#[derive(Debug, Deserialize, Default)]
pub struct WireTeam {
    /// Team name.
    #[serde(default)]
    pub name: Option<String>,
}

impl From<TeamConversationUser> for Conversation {
    fn from(w: TeamConversationUser) -> Self {
        let conv = w.conversation.unwrap_or_default();
        let id = conv.public_id.clone().or(conv.underscore_id.clone()).or(w.underscore_id.clone());
        let preview = w.latest_message.map(|m| Message::from(m).body.preview());
        Conversation {
            id: line(&id),
            handle_id: line(&w.public_id),
            contact_id: line(&conv.contact_id),
            channel_type: line(&conv.channel_type),
            status: line(&conv.status),
            name: line(&conv.name),
            timestamp: parse_time(conv.timestamp.as_deref())
                .or(parse_time(conv.updated_at.as_deref()))
                .or(parse_time(w.created_at.as_deref())),
            latest_message: preview.map(|p| sanitize::line(&p)),
            teams: w.teams.unwrap_or_default().iter().map(|t| line(&t.name)).collect(),
            ..Default::default()
        }
    }
}

/// `{ "items": [...], "count", "total", "has_more" }` — a conversation's messages.
#[derive(Debug, Deserialize)]
pub struct MessageList {
    /// The messages, newest first.
    #[serde(default)]
    pub items: Option<Vec<WireMessage>>,
    /// Messages in the whole conversation.
    #[serde(default)]
    pub count: Option<u64>,
    /// Messages in this response.
    #[serde(default)]
    pub total: Option<u64>,
    /// Whether older messages exist.
    #[serde(default)]
    pub has_more: Option<bool>,
}

impl MessageList {
    /// Converts to a domain page (newest first, as sent); `skip` is the offset asked for.
    pub fn into_page(self, skip: u64) -> Page<Message> {
        let items: Vec<Message> = self.items.unwrap_or_default().into_iter().map(Message::from).collect();
        page(items, self.count, self.has_more, skip)
    }
}

/// One message on the wire; `content` varies with `type`.
#[derive(Debug, Deserialize, Default)]
pub struct WireMessage {
    /// Internal id.
    #[serde(default, rename = "_id")]
    pub underscore_id: Option<String>,
    /// `msg_…` id.
    #[serde(default)]
    pub public_id: Option<String>,
    /// Conversation id.
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// Sender id.
    #[serde(default)]
    pub from: Option<String>,
    /// Message type name.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Type-specific content.
    #[serde(default)]
    pub content: Option<Value>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
}

/// The first string (or number, as text) found under any of `keys`.
fn field(content: &Value, keys: &[&str]) -> String {
    keys.iter()
        .find_map(|k| match content.get(*k) {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        })
        .unwrap_or_default()
}

fn number(content: &Value, keys: &[&str]) -> Option<f64> {
    keys.iter().find_map(|k| match content.get(*k) {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Decodes a message body by type; an unknown type becomes [`MessageBody::Unsupported`].
pub fn message_body(kind: &str, content: &Value) -> MessageBody {
    let l = |keys: &[&str]| sanitize::line(&field(content, keys));
    match kind {
        "text" => MessageBody::Text {
            text: sanitize::text(&field(content, &["text"])),
            is_mail: content.get("is_mail").and_then(Value::as_bool).unwrap_or(false),
        },
        "quick_reply" => MessageBody::QuickReply {
            title: l(&["title"]),
            payload: l(&["payload"]),
            description: l(&["description"]),
        },
        "response" => MessageBody::Response {
            title: l(&["title"]),
            text: sanitize::text(&field(content, &["text"])),
            buttons: content
                .get("quick_replies")
                .and_then(Value::as_array)
                .map(|buttons| {
                    buttons
                        .iter()
                        .enumerate()
                        .map(|(i, b)| ReplyButton {
                            id: b.get("id").and_then(Value::as_i64).unwrap_or(i as i64),
                            title: sanitize::line(&field(b, &["title"])),
                            payload: sanitize::line(&field(b, &["payload"])),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            chosen: Vec::new(),
        },
        "image" => MessageBody::Image {
            caption: l(&["caption", "name"]),
            url: l(&["url", "image_url", "link"]),
            extension: l(&["extension", "mime_type"]),
        },
        "file" => MessageBody::File {
            caption: l(&["caption", "name", "file_name"]),
            url: l(&["url", "file_url", "link"]),
            extension: l(&["extension", "mime_type"]),
        },
        "location" => MessageBody::Location {
            latitude: number(content, &["latitude", "lat"]),
            longitude: number(content, &["longitude", "lng", "long"]),
            address: l(&["address", "name", "title"]),
        },
        "contact" => {
            let mut name = field(content, &["name", "display_name"]);
            if name.is_empty() {
                let first = field(content, &["first_name"]);
                let last = field(content, &["last_name"]);
                name = format!("{first} {last}").trim().to_string();
            }
            MessageBody::ContactCard {
                name: sanitize::line(&name),
                phone: l(&["phone_number", "phone"]),
                email: l(&["email"]),
            }
        }
        other => MessageBody::Unsupported {
            kind: sanitize::line(if other.is_empty() { "(none)" } else { other }),
            raw: sanitize::line(&content.to_string()),
        },
    }
}

impl From<WireMessage> for Message {
    fn from(w: WireMessage) -> Self {
        let content = w.content.unwrap_or(Value::Null);
        let kind = w.kind.unwrap_or_default();
        let from = line(&w.from);
        Message {
            id: line(&w.public_id.or(w.underscore_id)),
            conversation_id: line(&w.conversation_id),
            sender: Sender::from_id(&from),
            from,
            created_at: parse_time(w.created_at.as_deref()),
            body: message_body(&kind, &content),
            ..Default::default()
        }
    }
}

/// `{ "data": [...], "count", "total", "unread_count", "has_more" }` — notifications.
#[derive(Debug, Deserialize)]
pub struct NotificationList {
    /// The notifications of this page.
    #[serde(default)]
    pub data: Option<Vec<WireNotification>>,
    /// How many notifications exist.
    #[serde(default)]
    pub count: Option<u64>,
    /// How many were returned.
    #[serde(default)]
    pub total: Option<u64>,
    /// How many are unread.
    #[serde(default)]
    pub unread_count: Option<u64>,
    /// Whether more pages follow.
    #[serde(default)]
    pub has_more: Option<bool>,
}

impl NotificationList {
    /// Converts to a domain page; `skip` is the offset asked for.
    pub fn into_page(self, skip: u64) -> NotificationPage {
        let items: Vec<Notification> =
            self.data.unwrap_or_default().into_iter().map(Notification::from).collect();
        NotificationPage {
            page: page(items, self.count, self.has_more, skip),
            // Absent is unknown, not 0: a reply without it says nothing about the badge.
            unread_count: self.unread_count,
        }
    }
}

/// One notification on the wire.
#[derive(Debug, Deserialize, Default)]
pub struct WireNotification {
    /// `not_…` id.
    #[serde(default)]
    pub id: Option<String>,
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Body.
    #[serde(default)]
    pub content: Option<String>,
    /// Raised by.
    #[serde(default)]
    pub from: Option<String>,
    /// Numeric kind (201).
    #[serde(default, rename = "type")]
    pub kind: Option<Value>,
    /// What it points at.
    #[serde(default)]
    pub action_to: Option<ActionTo>,
    /// Read yet?
    #[serde(default)]
    pub is_read: Option<bool>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Channel type.
    #[serde(default)]
    pub channel_type: Option<String>,
}

/// The target of a notification.
#[derive(Debug, Deserialize, Default)]
pub struct ActionTo {
    /// The team-conversation-user id.
    #[serde(default)]
    pub team_conversation_user_id: Option<String>,
}

impl From<WireNotification> for Notification {
    fn from(w: WireNotification) -> Self {
        let kind = match &w.kind {
            Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
            Some(Value::String(s)) => s.parse().unwrap_or(0),
            _ => 0,
        };
        Notification {
            id: line(&w.id),
            title: line(&w.title),
            content: w.content.as_deref().map(sanitize::text).unwrap_or_default(),
            from: line(&w.from),
            kind,
            handle_id: w
                .action_to
                .and_then(|a| a.team_conversation_user_id)
                .filter(|s| !s.is_empty())
                .map(|s| sanitize::line(&s)),
            is_read: w.is_read.unwrap_or(false),
            channel_type: line(&w.channel_type),
            created_at: parse_time(w.created_at.as_deref()),
            conversation_id: None,
        }
    }
}

/// One file of a contact (a message carrying a file).
#[derive(Debug, Deserialize, Default)]
pub struct WireFile {
    /// Message id.
    #[serde(default, rename = "_id")]
    pub underscore_id: Option<String>,
    /// Caption, URL and extension.
    #[serde(default)]
    pub content: Option<Value>,
    /// Message type.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
}

impl From<WireFile> for ContactFile {
    fn from(w: WireFile) -> Self {
        let content = w.content.unwrap_or(Value::Null);
        let l = |keys: &[&str]| sanitize::line(&field(&content, keys));
        ContactFile {
            id: line(&w.underscore_id),
            caption: l(&["caption", "name"]),
            url: l(&["url", "link"]),
            extension: l(&["extension", "mime_type"]),
            kind: line(&w.kind),
            created_at: parse_time(w.created_at.as_deref()),
        }
    }
}

/// `{ "data": [...] }` — a contact's comments; the seeds show only an empty list, so each
/// comment is read leniently from whichever common field names it uses.
#[derive(Debug, Deserialize)]
pub struct CommentList {
    /// The comments.
    #[serde(default)]
    pub data: Option<Vec<Value>>,
}

impl CommentList {
    /// Converts to domain comments.
    pub fn into_comments(self) -> Vec<Comment> {
        self.data
            .unwrap_or_default()
            .iter()
            .map(|c| Comment {
                id: sanitize::line(&field(c, &["public_id", "id", "_id"])),
                text: sanitize::text(&field(c, &["content", "text", "comment", "message"])),
                author: sanitize::line(&field(c, &["created_by", "from", "user_name", "author"])),
                created_at: parse_time(Some(&field(c, &["created_at"]))),
            })
            .collect()
    }
}

/// The links response: the seeds' example is a bare array of `{phone_number, conversation_links}`;
/// the prose describes `{data: [{phone_number, conversation_id, …}], count, found, not_found}`.
/// Both are accepted.
///
/// Deserialized by hand rather than `#[serde(untagged)]`: untagged enums buffer the body and
/// report "data did not match any variant", losing the JSON path of a bad field; dispatching on
/// array-or-object keeps the path (`[0].conversation_links[2].link`) for the error message.
#[derive(Debug)]
pub enum LinksResponse {
    /// The example body's shape.
    Array(Vec<WirePhoneLinks>),
    /// The prose's shape.
    Object {
        /// The link records.
        data: Option<Vec<WirePhoneLinks>>,
    },
}

/// The prose shape's object, minus the optional counters the client does not use.
#[derive(Debug, Deserialize)]
struct LinksObject {
    #[serde(default)]
    data: Option<Vec<WirePhoneLinks>>,
}

impl<'de> Deserialize<'de> for LinksResponse {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};

        struct ShapeVisitor;
        impl<'de> serde::de::Visitor<'de> for ShapeVisitor {
            type Value = LinksResponse;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of phone links or an object with `data`")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(LinksResponse::Array)
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                LinksObject::deserialize(MapAccessDeserializer::new(map))
                    .map(|o| LinksResponse::Object { data: o.data })
            }
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}

/// Links of one phone number (either shape).
#[derive(Debug, Deserialize, Default)]
pub struct WirePhoneLinks {
    /// The phone number.
    #[serde(default)]
    pub phone_number: Option<String>,
    /// Its links (example shape).
    #[serde(default)]
    pub conversation_links: Option<Vec<WireLink>>,
    /// A single conversation id (prose shape).
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// Creation time (prose shape).
    #[serde(default)]
    pub created_at: Option<String>,
}

/// One conversation link.
#[derive(Debug, Deserialize, Default)]
pub struct WireLink {
    /// Web-app URL containing `conv_id=`.
    #[serde(default)]
    pub link: Option<String>,
    /// Creation time.
    #[serde(default)]
    pub created_at: Option<String>,
}

impl LinksResponse {
    /// Converts to one entry per phone number, merging repeated numbers of the prose shape.
    pub fn into_links(self) -> Vec<PhoneLinks> {
        let records = match self {
            LinksResponse::Array(v) => v,
            LinksResponse::Object { data } => data.unwrap_or_default(),
        };
        let mut out: Vec<PhoneLinks> = Vec::new();
        for r in records {
            let phone = line(&r.phone_number);
            let mut links: Vec<ConversationLink> = r
                .conversation_links
                .unwrap_or_default()
                .into_iter()
                .map(|l| {
                    let link = line(&l.link);
                    ConversationLink {
                        conversation_id: imbox_model::conversation_id_from_link(&link),
                        link,
                        created_at: parse_time(l.created_at.as_deref()),
                    }
                })
                .collect();
            if let Some(id) = r.conversation_id.filter(|s| !s.is_empty()) {
                let id = sanitize::line(&id);
                links.push(ConversationLink {
                    link: id.clone(),
                    conversation_id: Some(id),
                    created_at: parse_time(r.created_at.as_deref()),
                });
            }
            match out.iter_mut().find(|p| p.phone_number == phone) {
                Some(existing) => existing.links.extend(links),
                None => out.push(PhoneLinks { phone_number: phone, links }),
            }
        }
        out
    }
}

/// `{ "url": "…" }` — the upload response.
#[derive(Debug, Deserialize)]
pub struct UploadResponse {
    /// Where the uploaded file now lives.
    #[serde(default)]
    pub url: Option<String>,
}
