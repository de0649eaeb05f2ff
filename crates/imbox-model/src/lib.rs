//! Backend-neutral domain types: what every pane renders, whichever server the data came from.
//!
//! Every string here has already passed the sanitizer in `imbox_api::sanitize`; wire types
//! convert into these at the API boundary and nothing else in the program sees a wire type.
//!
//! # Module map
//!
//! - this file: contacts, conversations, messages and their bodies, notifications, pages, the
//!   phone-link lookup, and the small parsers the clients share;
//! - `inbox.rs`: the conversation inbox's views, status filter, counts and query
//!   ([`InboxView`], [`InboxQuery`], …);
//! - `answer.rs`: what an agent sends and does: outgoing messages, conversation actions, canned
//!   responses, agents ([`OutgoingMessage`], [`ConversationAction`], …);
//! - [`sms`]: what a text costs as SMS (encoding and segments);
//! - [`live`]: what a realtime channel pushes ([`live::LiveEvent`]) and its state for the header;
//! - [`compact_time`]: how a contact's times serialize when it is packed.

mod answer;
pub mod compact_time;
mod inbox;
pub mod live;
pub mod sms;

pub use answer::{
    Agent, CannedResponse, ConversationAction, ConversationStatus, OutgoingAttachment, OutgoingMessage,
    Priority,
};
pub use inbox::{FilterOptions, InboxPage, InboxQuery, InboxView, StatusFilter, ViewCounts};
use jiff::Timestamp;

/// A customer (or other party) known to the platform.
///
/// Serializable (fields by name, times as seconds and nanoseconds: see [`compact_time`]) so a
/// store keeping contacts packs and unpacks them through one derived definition.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Contact {
    /// Stable id (`con_…` on iMBRACE).
    pub id: String,
    /// The name the platform shows for this contact.
    pub display_name: String,
    /// Given name, may be empty.
    pub first_name: String,
    /// Family name, may be empty.
    pub last_name: String,
    /// E-mail address, may be empty.
    pub email: String,
    /// Telephone country/area code without `+`, may be empty.
    pub area_code: String,
    /// Telephone number without the area code, may be empty.
    pub phone_number: String,
    /// Gender as the server normalises it ("Male", "Female", …), may be empty.
    pub gender: String,
    /// Preferred language code, may be empty.
    pub language: String,
    /// Avatar image URL, may be empty.
    pub avatar_url: String,
    /// Free-text remark written by agents.
    pub remark: String,
    /// IANA time zone of the contact, may be empty.
    pub time_zone: String,
    /// Channel the contact came from (web, whatsapp, …).
    pub channel_type: String,
    /// Organisation the contact belongs to (needed by the phone-links lookup).
    pub organization_id: String,
    /// When the contact was last active, if known.
    #[serde(with = "compact_time")]
    pub last_seen: Option<Timestamp>,
    /// When the contact was created, if known.
    #[serde(with = "compact_time")]
    pub created_at: Option<Timestamp>,
    /// When the contact was last changed, if ever.
    #[serde(with = "compact_time")]
    pub updated_at: Option<Timestamp>,
    /// Every other non-empty field the server sent, as (name, value), for the details view.
    pub extra: Vec<(String, String)>,
}

/// The fields of a contact that the edit form can change; `None` leaves a field untouched.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct ContactUpdate {
    /// New given name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// New family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// New e-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// New area code (digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
    /// New phone number (digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// New gender as sent on the wire ("m", "f", …); the server normalises it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// New language code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// New avatar URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// New remark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// The channel types iMBRACE knows, in the order the conversation filter cycles through them.
pub const CHANNEL_TYPES: [&str; 7] = ["web", "whatsapp", "facebook", "email", "wechat", "instagram", "line"];

/// One conversation of a contact.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Conversation {
    /// Conversation id (`conv_…`), the key for its messages.
    pub id: String,
    /// The agent-side handle (`tcu_…` team-conversation-user id) that notifications point at.
    pub handle_id: String,
    /// The contact this conversation is with.
    pub contact_id: String,
    /// Channel type (web, whatsapp, …).
    pub channel_type: String,
    /// Status as the server reports it (pending, open, closed, …).
    pub status: String,
    /// Display name of the conversation.
    pub name: String,
    /// Time of the latest activity.
    #[serde(with = "crate::compact_time")]
    pub timestamp: Option<Timestamp>,
    /// A short preview of the latest message, if the server sent one.
    pub latest_message: Option<String>,
    /// Names of the teams the conversation is available to.
    pub teams: Vec<String>,
    /// Unread incoming messages (Chatwoot caps it at 10); 0 when unknown.
    pub unread_count: u64,
    /// Name of the assigned agent or bot, empty when unassigned or unknown.
    pub assignee: String,
    /// Name of the contact, for lists that show conversations without a contact pane.
    pub contact_name: String,
    /// Inbox (Chatwoot) the conversation came in through, empty when unknown.
    pub inbox: String,
    /// Labels on the conversation.
    pub labels: Vec<String>,
    /// Priority (low, medium, high, urgent), empty when none.
    pub priority: String,
    /// Id of the assigned agent, when the server says (Chatwoot `meta.assignee.id`).
    pub assignee_id: Option<u64>,
    /// When a snoozed conversation wakes, if it was snoozed until a time.
    #[serde(with = "crate::compact_time")]
    pub snoozed_until: Option<Timestamp>,
    /// Messages in the conversation, when the server counts them (SMS/RCS conversation list).
    pub message_count: Option<u64>,
    /// Time of the first message, when the server says (SMS/RCS conversation list).
    #[serde(with = "crate::compact_time")]
    pub first_message_at: Option<Timestamp>,
}

/// Who wrote a message, as far as the client can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Sender {
    /// The customer (sender id starts with `con_`).
    Contact,
    /// An agent or bot of the organisation (sender id starts with `u_`).
    Agent,
    /// Anything else: system messages, unknown senders.
    #[default]
    Other,
}

impl Sender {
    /// Classifies an iMBRACE sender id by its prefix.
    pub fn from_id(id: &str) -> Self {
        if id.starts_with("con_") {
            Sender::Contact
        } else if id.starts_with("u_") {
            Sender::Agent
        } else {
            Sender::Other
        }
    }
}

/// One reply button offered by a `response` message.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ReplyButton {
    /// Button id as the server numbers it.
    pub id: i64,
    /// Text on the button.
    pub title: String,
    /// Payload sent back when the button is pressed.
    pub payload: String,
}

/// The content of a message, one variant per message type.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum MessageBody {
    /// Plain text; `is_mail` marks text that came in by e-mail.
    Text {
        /// The text.
        text: String,
        /// Whether the message is marked as mail.
        is_mail: bool,
    },
    /// The customer pressed a reply button.
    QuickReply {
        /// Title of the chosen button.
        title: String,
        /// Payload of the chosen button.
        payload: String,
        /// Optional description.
        description: String,
    },
    /// A message offering reply buttons.
    Response {
        /// Optional heading.
        title: String,
        /// The message text.
        text: String,
        /// The buttons offered, in order.
        buttons: Vec<ReplyButton>,
        /// Titles or values the contact already submitted (Chatwoot `submitted_values`).
        chosen: Vec<String>,
    },
    /// A system line ("Dana self-assigned this conversation"); no sender.
    Activity {
        /// The text.
        text: String,
    },
    /// Rich cards, each with a title, description, picture and actions.
    Cards {
        /// The cards, in order.
        cards: Vec<Card>,
    },
    /// A form offered to the contact, with the submitted values once filled in.
    Form {
        /// Text shown above the fields, may be empty.
        text: String,
        /// The fields, in order.
        fields: Vec<FormItem>,
    },
    /// An image.
    Image {
        /// Caption, may be empty.
        caption: String,
        /// Where the image lives.
        url: String,
        /// File extension or media type, may be empty.
        extension: String,
    },
    /// Any other file.
    File {
        /// Caption or file name, may be empty.
        caption: String,
        /// Where the file lives.
        url: String,
        /// File extension or media type, may be empty.
        extension: String,
    },
    /// A shared location.
    Location {
        /// Latitude in degrees, if sent.
        latitude: Option<f64>,
        /// Longitude in degrees, if sent.
        longitude: Option<f64>,
        /// Place name or address, may be empty.
        address: String,
    },
    /// A shared contact card.
    ContactCard {
        /// Name on the card.
        name: String,
        /// Phone number on the card, may be empty.
        phone: String,
        /// E-mail on the card, may be empty.
        email: String,
    },
    /// A type this client does not know; shown as "unsupported: <type>", never dropped.
    Unsupported {
        /// The type name the server sent.
        kind: String,
        /// The raw content, as compact JSON (sanitized, capped).
        raw: String,
    },
}

impl Default for MessageBody {
    fn default() -> Self {
        MessageBody::Text { text: String::new(), is_mail: false }
    }
}

/// One card of a `cards` message.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Card {
    /// Heading.
    pub title: String,
    /// Body text, may be empty.
    pub description: String,
    /// Picture URL, may be empty.
    pub media_url: String,
    /// Buttons: (text, link or postback payload).
    pub actions: Vec<(String, String)>,
}

/// One field of a `form` message.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct FormItem {
    /// Label (or name when there is no label).
    pub label: String,
    /// Field type (text, email, text_area, select).
    pub kind: String,
    /// The value the contact submitted, empty while unanswered.
    pub value: String,
}

/// A file, picture or other attachment carried by a message.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    /// What it is (image, audio, video, file, location, …).
    pub kind: String,
    /// Where it lives, may be empty.
    pub url: String,
    /// A name or title, may be empty.
    pub title: String,
}

impl MessageBody {
    /// A one-line summary for previews and notifications.
    pub fn preview(&self) -> String {
        match self {
            MessageBody::Text { text, .. } => text.clone(),
            MessageBody::QuickReply { title, .. } => format!("[ {title} ]"),
            MessageBody::Response { title, text, .. } => {
                if text.is_empty() {
                    title.clone()
                } else {
                    text.clone()
                }
            }
            MessageBody::Image { caption, .. } => format!("image: {caption}"),
            MessageBody::File { caption, .. } => format!("file: {caption}"),
            MessageBody::Location { address, .. } => format!("location: {address}"),
            MessageBody::ContactCard { name, .. } => format!("contact: {name}"),
            MessageBody::Unsupported { kind, .. } => format!("unsupported: {kind}"),
            MessageBody::Activity { text } => text.clone(),
            MessageBody::Cards { cards } => {
                format!("cards: {}", cards.first().map(|c| c.title.as_str()).unwrap_or_default())
            }
            MessageBody::Form { text, .. } => format!("form: {text}"),
        }
    }
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Message {
    /// Message id (`msg_…`).
    pub id: String,
    /// Conversation the message belongs to.
    pub conversation_id: String,
    /// Raw sender id (`con_…`, `u_…`).
    pub from: String,
    /// Who wrote it, derived from `from`.
    pub sender: Sender,
    /// When it was written.
    #[serde(with = "crate::compact_time")]
    pub created_at: Option<Timestamp>,
    /// What it says.
    pub body: MessageBody,
    /// A private note: agents only, never delivered to the contact (Chatwoot).
    pub private: bool,
    /// Delivery status (sent, delivered, read, failed, sending …), empty when unknown.
    pub status: String,
    /// Channel it went through (sms, rcs, …), empty when the conversation has one channel.
    pub channel: String,
    /// Name of the author as the server gave it, empty when only `from` is known.
    pub sender_name: String,
    /// Files and other attachments, in order.
    pub attachments: Vec<Attachment>,
    /// The sending client's id for this message ([`OutgoingMessage::echo_id`]) when the server
    /// echoes it; empty otherwise.
    pub echo_id: String,
    /// The id of the message this one answers, when it is a reply to one.
    pub in_reply_to: Option<String>,
}

/// An item of the notification centre.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Notification {
    /// Notification id (`not_…`).
    pub id: String,
    /// Title, usually the conversation name.
    pub title: String,
    /// Body text, may be empty.
    pub content: String,
    /// Who or what raised it (a team name on iMBRACE).
    pub from: String,
    /// Numeric kind as the server sends it (201 = conversation).
    pub kind: i64,
    /// The team-conversation-user id it points at, if any (iMBRACE).
    pub handle_id: Option<String>,
    /// The conversation it is about, when the server names it directly (Chatwoot display id).
    pub conversation_id: Option<String>,
    /// Whether it has been read.
    pub is_read: bool,
    /// Channel type of the conversation it is about.
    pub channel_type: String,
    /// When it was raised.
    #[serde(with = "crate::compact_time")]
    pub created_at: Option<Timestamp>,
}

/// A file attached to a contact (from the contact files endpoint).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ContactFile {
    /// Id of the message that carried the file.
    pub id: String,
    /// Caption, may be empty.
    pub caption: String,
    /// Where the file lives.
    pub url: String,
    /// File extension, may be empty.
    pub extension: String,
    /// Message type that carried it (image, file, …).
    pub kind: String,
    /// When it was sent.
    #[serde(with = "crate::compact_time")]
    pub created_at: Option<Timestamp>,
}

/// A comment an agent left on a contact.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Comment {
    /// Comment id, may be empty when the server sends none.
    pub id: String,
    /// The comment text.
    pub text: String,
    /// Who wrote it, may be empty.
    pub author: String,
    /// When it was written.
    #[serde(with = "crate::compact_time")]
    pub created_at: Option<Timestamp>,
}

/// A link to a conversation found by phone number.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConversationLink {
    /// The web-app link as the server sent it.
    pub link: String,
    /// The `conv_…` id taken from the link's `conv_id=` parameter, if present.
    pub conversation_id: Option<String>,
    /// When the link was created.
    pub created_at: Option<Timestamp>,
}

/// The conversations linked to one phone number.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PhoneLinks {
    /// The phone number as the server echoed it.
    pub phone_number: String,
    /// Its conversation links, possibly none.
    pub links: Vec<ConversationLink>,
}

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Page<T> {
    /// The items of this page, in server order.
    pub items: Vec<T>,
    /// How many items the whole list holds.
    pub total: u64,
    /// Whether more items exist after this page.
    pub has_more: bool,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page { items: Vec::new(), total: 0, has_more: false }
    }
}

/// A page of notifications together with the unread badge count.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct NotificationPage {
    /// The notifications of this page.
    pub page: Page<Notification>,
    /// How many notifications are unread in total; None when the reply did not say (shown as
    /// unknown, never as 0 beside unread rows).
    pub unread_count: Option<u64>,
}

/// Whether `e` looks like an e-mail address the way iMBRACE checks it: one `@` with something
/// before it, a dot inside the domain (not first or last), no whitespace. Shared by the edit
/// form (to mark the field before saving) and the demo server (to refuse like the real one).
pub fn is_valid_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.contains(char::is_whitespace)
}

/// Extracts the `conv_id` query parameter from a web-app conversation link, or accepts a bare id.
pub fn conversation_id_from_link(link_or_id: &str) -> Option<String> {
    let s = link_or_id.trim();
    if s.starts_with("conv_") && !s.contains(['/', '?', '&', ' ']) {
        return Some(s.to_string());
    }
    let query = s.split_once('?')?.1;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "conv_id")
        .map(|(_, v)| v.split('#').next().unwrap_or(v).to_string())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversation_id_from_link_reads_query_and_bare_ids() {
        assert_eq!(
            conversation_id_from_link(
                "https://webapp.dev.imbrace.co/chatroom-routing?conv_id=conv_85130be2-db16-435e-910e-8c21b5cb2044"
            )
            .as_deref(),
            Some("conv_85130be2-db16-435e-910e-8c21b5cb2044")
        );
        assert_eq!(conversation_id_from_link(" conv_abc ").as_deref(), Some("conv_abc"));
        assert_eq!(conversation_id_from_link("https://x/?a=1"), None);
        assert_eq!(conversation_id_from_link("hello"), None);
    }

    #[test]
    fn emails_are_checked_like_the_server_does() {
        assert!(is_valid_email("abc@imbrace.co"));
        for bad in ["abc", "@imbrace.co", "a@b", "a@.co", "a@co.", "a b@c.co", "a@b@c.co"] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }

    #[test]
    fn sender_is_classified_by_prefix() {
        assert_eq!(Sender::from_id("con_1"), Sender::Contact);
        assert_eq!(Sender::from_id("u_1"), Sender::Agent);
        assert_eq!(Sender::from_id("system"), Sender::Other);
    }
}
