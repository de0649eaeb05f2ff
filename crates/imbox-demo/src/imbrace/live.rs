//! The iMBRACE demo over time: a contact writes into a conversation (a new message on top of
//! its thread, the conversation's latest message in the contact's conversations, and a new
//! notification for the agent). iMBRACE publishes no realtime channel for agents, so clients
//! find these by polling.

use crate::data::names::TEAMS;
use crate::data::rng::{h, iso, random_id};
use crate::shared::App;
use serde_json::{Value, json};

/// Hash tag of live message and notification ids (far from the generator's tags).
const TAG: u64 = 0x1B_0001;

/// The contact of conversation `conv_id` writes `text`: the message and a notification.
/// Answers the message id, or `None` when there is no such conversation.
pub(crate) fn customer_writes(app: &App, conv_id: &str, text: &str) -> Option<String> {
    let d = &app.store.data;
    let (pos, i) = d.find_conv(conv_id)?;
    let conv = d.conv(pos, i, &d.person(pos))?;
    // Every live message is newer than every generated one and than the one before it.
    let n = app.store.added_count() as i64;
    let at = jiff::Timestamp::now().as_millisecond().max(d.now + 1_000 * (n + 1));
    let id = random_id("msg_", h(d.seed, TAG, n as u64, 1));
    let message = json!({
        "_id": id, "doc_name": "message", "public_id": id,
        "organization_id": crate::data::person::ORG, "business_unit_id": crate::data::person::BU,
        "conversation_id": conv.id, "from": conv.contact, "type": "text",
        "content": {"text": text, "is_mail": conv.channel == "email"},
        "created_at": iso(at), "updated_at": iso(at),
    });
    app.store.add_message(&conv.id, message);
    let k = app.store.live_notifications() as u64;
    app.store.add_notification(json!({
        "object_name": "notifications",
        "id": random_id("not_live_", h(d.seed, TAG, k, 2)),
        "title": conv.name,
        "content": text,
        "from": TEAMS[(conv.key >> 20) as usize % TEAMS.len()],
        "type": 201,
        "action_to": {"team_conversation_user_id": conv.tcu},
        "recipient": crate::data::notifications::RECIPIENT,
        "is_read": false,
        "created_at": iso(at),
        "action_disable": false,
        "channel_type": conv.channel,
    }));
    Some(id)
}

/// Page `skip..skip+limit` (newest first) of a thread whose generated part is `generated`
/// messages, with the live ones on top; and the thread's size.
pub(crate) fn page(
    app: &App,
    conv_id: &str,
    generated: u32,
    (skip, limit): (u64, u64),
    message: impl Fn(u32) -> Value,
) -> (Vec<Value>, u64) {
    let added = app.store.added_messages(conv_id);
    let k = added.len() as u64;
    let count = u64::from(generated) + k;
    let end = skip.saturating_add(limit).min(count);
    let items = (skip..end)
        .map(|r| match r.checked_sub(k) {
            None => added[(k - 1 - r) as usize].clone(),
            Some(g) => message(g as u32),
        })
        .collect();
    (items, count)
}

/// A team-conversation-user record with the conversation's live messages: the newest becomes
/// its latest message (and the contact's), and its time the conversation's. Answers whether
/// the conversation had any.
pub(crate) fn overlay_record(app: &App, record: &mut Value) -> bool {
    let Some(conv_id) = record["conversation"]["_id"].as_str() else { return false };
    let Some(last) = app.store.added_messages(conv_id).pop() else { return false };
    let short = json!({
        "_id": last["_id"], "type": last["type"], "content": last["content"], "created_at": last["created_at"],
    });
    record["latest_message"] = short.clone();
    record["contacts_latest_message"] = short;
    record["conversation"]["timestamp"] = last["created_at"].clone();
    record["conversation"]["updated_at"] = last["created_at"].clone();
    true
}
