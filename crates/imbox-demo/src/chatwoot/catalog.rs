//! The fixed part of the Chatwoot account: agents, the agent bot, inboxes, teams and labels,
//! and the small JSON shapes that describe them (agent partial, user and bot push data).
//!
//! Names follow the constructed examples (account 1, agent Dana Levi id 7, bot "Acme Helper"
//! id 2, inboxes 1 web widget, 3 WhatsApp Cloud, 5 e-mail); the other agents are the iMBRACE
//! demo's agents, so both APIs answer with the same people.

use serde_json::{Value, json};

/// The one account of the demo.
pub const ACCOUNT_ID: u64 = 1;

/// One agent (a Chatwoot `User` in the account).
pub struct Agent {
    /// User id.
    pub id: u64,
    /// Full name (also `available_name`).
    pub name: &'static str,
    /// Login e-mail.
    pub email: &'static str,
    /// `online`, `busy` or `offline`.
    pub availability: &'static str,
    /// `agent` or `administrator`.
    pub role: &'static str,
}

/// The agents; the first is the token's owner (the "current user" of every request).
pub const AGENTS: [Agent; 5] = [
    Agent { id: 7, name: "Dana Levi", email: "dana@acme.io", availability: "online", role: "agent" },
    Agent { id: 8, name: "Harris Lam", email: "harris@acme.io", availability: "busy", role: "administrator" },
    Agent { id: 9, name: "Jane Wong", email: "jane@acme.io", availability: "online", role: "agent" },
    Agent { id: 10, name: "Priya Nair", email: "priya@acme.io", availability: "offline", role: "agent" },
    Agent { id: 11, name: "Kenji Sato", email: "kenji@acme.io", availability: "offline", role: "agent" },
];

/// Index of the current user in [`AGENTS`].
pub const ME: usize = 0;

/// The agent bot's id.
pub const BOT_ID: u64 = 2;
/// The agent bot's name.
pub const BOT_NAME: &str = "Acme Helper";

/// Which kind of channel an inbox is; decides message shapes and reply windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Website live chat.
    Web,
    /// WhatsApp Cloud.
    WhatsApp,
    /// E-mail.
    Email,
    /// SMS.
    Sms,
}

/// One inbox.
pub struct Inbox {
    /// Inbox id.
    pub id: u64,
    /// Name shown to agents.
    pub name: &'static str,
    /// `Channel::…` type.
    pub channel: &'static str,
    /// Id of the channel record.
    pub channel_id: u64,
    /// Provider (`whatsapp_cloud`, …) or none.
    pub provider: Option<&'static str>,
    /// The kind of channel.
    pub kind: Kind,
}

/// The inboxes.
pub const INBOXES: [Inbox; 4] = [
    Inbox {
        id: 1,
        name: "Acme Website",
        channel: "Channel::WebWidget",
        channel_id: 1,
        provider: None,
        kind: Kind::Web,
    },
    Inbox {
        id: 3,
        name: "Support WhatsApp",
        channel: "Channel::Whatsapp",
        channel_id: 2,
        provider: Some("whatsapp_cloud"),
        kind: Kind::WhatsApp,
    },
    Inbox {
        id: 5,
        name: "Support Email",
        channel: "Channel::Email",
        channel_id: 1,
        provider: None,
        kind: Kind::Email,
    },
    Inbox {
        id: 6,
        name: "Acme SMS",
        channel: "Channel::Sms",
        channel_id: 1,
        provider: Some("default"),
        kind: Kind::Sms,
    },
];

/// Teams: (id, name (Chatwoot lowercases it), description, allow_auto_assign, current user is a member).
pub const TEAMS: [(u64, &str, &str, bool, bool); 3] = [
    (1, "general", "Everything that is not billing", true, true),
    (2, "billing", "Billing & refunds", true, true),
    (3, "vip care", "Priority customers, answered within 5 minutes", false, false),
];

/// Labels: (id, title, description, color, show_on_sidebar).
pub const LABELS: [(u64, &str, &str, &str, bool); 6] = [
    (1, "billing", "Payments, invoices and refunds", "#1F93FF", true),
    (2, "vip", "Priority customers", "#FF6B6B", true),
    (3, "login", "Sign-in and account access", "#7E57C2", true),
    (4, "bug", "Something is broken", "#E53935", true),
    (5, "shipping", "Delivery questions", "#FB8C00", true),
    (6, "feedback", "Ideas and compliments", "#43A047", false),
];

/// The agent partial (`api/v1/models/_agent`) used as a conversation's `meta.assignee`.
/// `custom_attributes` is left out because it is empty; `custom_role_id` is present because the
/// stock image is an enterprise build.
pub fn agent_partial(a: &Agent) -> Value {
    json!({
        "id": a.id, "account_id": ACCOUNT_ID, "availability_status": a.availability,
        "auto_offline": true, "confirmed": true, "email": a.email, "provider": "email",
        "available_name": a.name, "name": a.name, "role": a.role, "thumbnail": "",
        "custom_role_id": null,
    })
}

/// `User#push_event_data`: message senders, notification users, messages-index assignee.
pub fn user_push(a: &Agent) -> Value {
    json!({
        "id": a.id, "name": a.name, "available_name": a.name, "avatar_url": "",
        "type": "user", "availability_status": a.availability, "thumbnail": "",
    })
}

/// `AgentBot#push_event_data`: the bot as a message sender.
pub fn bot_push() -> Value {
    json!({"id": BOT_ID, "name": BOT_NAME, "avatar_url": "", "type": "agent_bot"})
}

/// The slim bot shape used as a conversation's `meta.assignee` when the bot holds it.
pub fn bot_slim() -> Value {
    json!({
        "id": BOT_ID, "name": BOT_NAME, "description": "Answers the first questions and hands over",
        "thumbnail": "", "outgoing_url": "https://bot.acme.io/chatwoot/webhook", "bot_type": "webhook",
    })
}

/// A team as the conversation partial embeds it (`_team`).
pub fn team_json(i: usize) -> Value {
    let (id, name, description, auto, member) = TEAMS[i % TEAMS.len()];
    json!({
        "id": id, "name": name, "description": description, "allow_auto_assign": auto,
        "account_id": ACCOUNT_ID, "is_member": member,
    })
}

/// `GET …/teams`: a bare array.
pub fn teams_json() -> Value {
    Value::Array((0..TEAMS.len()).map(team_json).collect())
}

/// `GET …/labels`: `{"payload": [...]}`.
pub fn labels_json() -> Value {
    let list: Vec<Value> = LABELS
        .iter()
        .map(|(id, title, description, color, sidebar)| {
            json!({"id": id, "title": title, "description": description, "color": color, "show_on_sidebar": sidebar})
        })
        .collect();
    json!({ "payload": list })
}

/// The `inbox` inside a contact's `contact_inboxes` (`_inbox_slim`).
pub fn inbox_slim(i: &Inbox) -> Value {
    json!({
        "id": i.id, "avatar_url": "", "channel_id": i.channel_id, "name": i.name,
        "channel_type": i.channel, "provider": i.provider,
    })
}

/// One inbox as `GET …/inboxes` lists it (`api/v1/models/_inbox`, the fields an agent sees).
fn inbox_json(i: &Inbox) -> Value {
    let mut v = json!({
        "id": i.id, "avatar_url": "", "channel_id": i.channel_id, "name": i.name,
        "channel_type": i.channel, "greeting_enabled": i.kind == Kind::Web,
        "greeting_message": if i.kind == Kind::Web { json!("Hi there 👋 We usually reply in a few minutes.") } else { Value::Null },
        "working_hours_enabled": false, "enable_email_collect": i.kind == Kind::Web,
        "csat_survey_enabled": i.kind == Kind::Web, "enable_auto_assignment": true,
        "auto_assignment_config": {}, "out_of_office_message": null, "working_hours": [],
        "timezone": "UTC", "callback_webhook_url": null, "allow_messages_after_resolved": true,
        "lock_to_single_conversation": false, "sender_name_type": "friendly", "business_name": null,
        "provider": i.provider,
    });
    let extra = match i.kind {
        Kind::Web => json!({
            "widget_color": "#1F93FF", "website_url": "https://acme.io", "hmac_mandatory": false,
            "welcome_title": "Hi there!", "welcome_tagline": "We make it simple to connect with us.",
            "website_token": "Xq7bN2kTz9LmW4sPd8aVc3Rh", "reply_time": "in_a_few_minutes",
            "selected_feature_flags": ["attachments", "emoji_picker", "end_conversation"],
            "continuity_via_email": true,
        }),
        Kind::WhatsApp => json!({"phone_number": "+85230012345", "message_templates": []}),
        Kind::Email => {
            json!({"email": "support@acme.io", "forward_to_email": "f3a9c2d1e0b7@inbound.acme.io", "imap_enabled": false, "smtp_enabled": false})
        }
        Kind::Sms => json!({"phone_number": "+85230012399", "messaging_service_sid": null}),
    };
    if let (Some(m), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        m.extend(e.clone());
    }
    v
}

/// `GET …/inboxes`: `{"payload": [...]}`.
pub fn inboxes_json() -> Value {
    json!({ "payload": INBOXES.iter().map(inbox_json).collect::<Vec<Value>>() })
}
