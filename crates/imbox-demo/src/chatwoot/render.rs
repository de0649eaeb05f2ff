//! The JSON shapes, key for key as upstream renders them: MessageView (`_message`),
//! MessageEvent (`push_event_data`), the Conversation partial, the ConversationEvent of
//! notifications, contact cards and pushes. Absent keys stay absent; times are unix, ISO or
//! float exactly where §1–§5 of the spec say.

use super::catalog::{self, ACCOUNT_ID, AGENTS, INBOXES, TEAMS};
use super::people::{self, Extra};
use super::state::State;
use super::world::{Assignee, Att, Conv, Msg, Sender, World};
use crate::data::person::Person;
use crate::data::rng::{DAY, iso, mix};
use crate::data::store::Store;
use serde_json::{Map, Value, json};

/// Everything a rendering needs: the generated account, its changes and the people.
pub struct Ctx<'a> {
    /// The generated account.
    pub w: &'a World,
    /// Its changes.
    pub st: &'a State,
    /// The demo's people (with edits).
    pub store: &'a Store,
}

fn secs(ms: i64) -> i64 {
    ms.div_euclid(1000)
}

fn unix(ms: Option<i64>) -> i64 {
    ms.map_or(0, secs)
}

fn iso_or_null(ms: Option<i64>) -> Value {
    ms.map_or(Value::Null, |t| json!(iso(t)))
}

fn insert(v: &mut Value, key: &str, value: Value) {
    if let Some(m) = v.as_object_mut() {
        m.insert(key.into(), value);
    }
}

/// `assignee_id` of a conversation: agents only (a bot-held conversation has none).
pub(super) fn assignee_id(c: &Conv) -> Value {
    match c.assignee {
        Assignee::Agent(i) => json!(AGENTS[i].id),
        _ => Value::Null,
    }
}

/// One attachment (`Attachment#push_event_data`).
pub fn attachment(message_id: u64, id: u64, att: &Att) -> Value {
    let token = format!("eyJfcmFpbHMiOnsiZGF0YSI6{id}LCJwdXIiOiJibG9iX2lkIn19--{:010x}", mix(id) >> 24);
    let blob = |name: &str| {
        format!(
            "https://chat.acme.io/rails/active_storage/blobs/redirect/{token}/{}",
            name.replace(' ', "%20")
        )
    };
    let (file_type, extra) = match att {
        Att::Image(name, size, w, h) => (
            "image",
            json!({
                "extension": null, "data_url": blob(name),
                "thumb_url": format!("https://chat.acme.io/rails/active_storage/representations/redirect/{token}/eyJfcmFpbHMiOnsiZGF0YSI6eyJmb3JtYXQiOiJqcGcifX19--9a8b7c/{}", name.replace(' ', "%20")),
                "file_size": size, "width": w, "height": h,
            }),
        ),
        Att::File(name, size) => (
            "file",
            json!({"extension": null, "data_url": blob(name), "thumb_url": "", "file_size": size, "width": null, "height": null}),
        ),
        Att::Audio(name, size) => (
            "audio",
            json!({"extension": null, "data_url": blob(name), "thumb_url": "", "file_size": size, "width": null, "height": null, "transcribed_text": ""}),
        ),
        Att::Upload(name, size, file_type) => (
            *file_type,
            json!({"extension": null, "data_url": blob(name), "thumb_url": "", "file_size": size, "width": null, "height": null}),
        ),
        Att::Location(lat, lon, title) => (
            "location",
            json!({
                "coordinates_lat": lat, "coordinates_long": lon, "fallback_title": title,
                "data_url": format!("https://maps.google.com/?q={lat},{lon}"),
            }),
        ),
    };
    let mut v = json!({"id": id, "message_id": message_id, "file_type": file_type, "account_id": ACCOUNT_ID});
    if let (Some(m), Value::Object(e)) = (v.as_object_mut(), extra) {
        m.extend(e);
    }
    v
}

impl Ctx<'_> {
    /// The person at `pos` as it is now.
    pub fn person(&self, pos: u32) -> Person {
        self.store.person(pos)
    }

    /// Chatwoot-only fields of the person at `pos`.
    pub fn extra(&self, pos: u32, p: &Person) -> Extra {
        self.st.extras.get(&pos).cloned().unwrap_or_else(|| people::generated(self.store.data.seed, pos, p))
    }

    /// Contact id of a position.
    pub fn contact_id(&self, pos: u32) -> u64 {
        people::contact_id(self.store.data.n, pos)
    }

    /// `meta.contact` / a contact sender.
    pub fn contact_push(&self, pos: u32) -> Value {
        let p = self.person(pos);
        people::push(self.contact_id(pos), &p, &self.extra(pos, &p))
    }

    /// The contact card; with `inboxes`, its `contact_inboxes` (contacts endpoints).
    pub fn contact_card(&self, pos: u32, p: &Person, inboxes: bool) -> Value {
        let convs = self.w.by_contact.get(&pos).map(Vec::as_slice).unwrap_or_default();
        let last = self.last_incoming(pos);
        let list = inboxes.then(|| {
            let mut seen: Vec<usize> = Vec::new();
            let mut out = Vec::new();
            for c in convs.iter().map(|i| &self.w.convs[*i]) {
                if !seen.contains(&c.inbox) {
                    seen.push(c.inbox);
                    out.push(json!({"source_id": c.contact_inbox.1, "inbox": catalog::inbox_slim(&INBOXES[c.inbox])}));
                }
            }
            out
        });
        people::card(self.contact_id(pos), p, &self.extra(pos, p), last, list)
    }

    /// A message's `sender`, or none (the key is then absent).
    fn sender(&self, c: &Conv, m: &Msg) -> Option<Value> {
        match m.sender {
            Sender::None => None,
            Sender::Contact => Some(self.contact_push(c.pos)),
            Sender::Agent(i) => Some(catalog::user_push(&AGENTS[i])),
            Sender::Bot => Some(catalog::bot_push()),
        }
    }

    fn attachments(m: &Msg) -> Option<Value> {
        (!m.atts.is_empty())
            .then(|| Value::Array(m.atts.iter().map(|(id, a)| attachment(m.id, *id, a)).collect()))
    }

    /// MessageView (`api/v1/models/_message`): the messages index.
    pub fn message_view(&self, c: &Conv, m: &Msg) -> Value {
        let mut v = json!({
            "id": m.id, "content": m.content, "inbox_id": INBOXES[c.inbox].id,
            "conversation_id": c.display_id, "message_type": m.kind, "content_type": m.content_type,
            "status": m.status, "content_attributes": m.attrs, "created_at": secs(m.at),
            "private": m.private, "source_id": m.source_id,
        });
        if let Some(s) = self.sender(c, m) {
            insert(&mut v, "sender", s);
        }
        if let Some(a) = Self::attachments(m) {
            insert(&mut v, "attachments", a);
        }
        v
    }

    /// MessageEvent (`Message#push_event_data`): conversation `messages[]`,
    /// `last_non_activity_message`, notification `secondary_actor`.
    pub fn message_event(&self, c: &Conv, m: &Msg) -> Value {
        let (sender_type, sender_id) = match m.sender {
            Sender::None => (Value::Null, Value::Null),
            Sender::Contact => (json!("Contact"), json!(self.contact_id(c.pos))),
            Sender::Agent(i) => (json!("User"), json!(AGENTS[i].id)),
            Sender::Bot => (json!("AgentBot"), json!(catalog::BOT_ID)),
        };
        let processed = if m.content_type == "incoming_email" {
            m.attrs["email"]["text_content"]["quoted"].as_str().map(str::to_string).or(m.content.clone())
        } else {
            m.content.clone()
        };
        let mut v = json!({
            "id": m.id, "content": m.content, "account_id": ACCOUNT_ID, "inbox_id": INBOXES[c.inbox].id,
            "conversation_id": c.display_id, "message_type": m.kind, "created_at": secs(m.at),
            "updated_at": iso(m.at), "private": m.private, "status": m.status, "source_id": m.source_id,
            "content_type": m.content_type, "content_attributes": m.attrs,
            "sender_type": sender_type, "sender_id": sender_id, "external_source_ids": {},
            "additional_attributes": {}, "processed_message_content": processed, "sentiment": {},
            "conversation": {
                "assignee_id": assignee_id(c), "unread_count": self.st.unread(c),
                "last_activity_at": secs(c.last_activity()),
                "contact_inbox": {"source_id": c.contact_inbox.1},
            },
        });
        if let Some(a) = Self::attachments(m) {
            insert(&mut v, "attachments", a);
        }
        if let Some(s) = self.sender(c, m) {
            insert(&mut v, "sender", s);
        }
        v
    }

    /// `updated_at` of a conversation: float seconds with microseconds.
    fn updated_float(c: &Conv) -> f64 {
        secs(c.last_activity()) as f64 + f64::from(c.micros) / 1e6
    }

    /// Whether an agent may still answer: WhatsApp closes 24 h after the last incoming message.
    fn can_reply(&self, c: &Conv) -> bool {
        c.kind() != catalog::Kind::WhatsApp
            || c.msgs.iter().rev().find(|m| m.kind == 0).is_some_and(|m| self.w.now - m.at < DAY)
    }

    /// Since when the contact waits for a human: set by an incoming message, cleared by an
    /// agent's public reply and by resolving.
    fn waiting_since(c: &Conv) -> Option<i64> {
        let mut since = None;
        for m in &c.msgs {
            match (m.kind, m.sender, m.private) {
                (0, _, _) if since.is_none() => since = Some(m.at),
                (1, Sender::Agent(_), false) => since = None,
                _ => {}
            }
        }
        since.filter(|_| c.status != "resolved")
    }

    fn first_reply(c: &Conv) -> Option<i64> {
        c.msgs
            .iter()
            .find(|m| m.kind == 1 && !m.private && matches!(m.sender, Sender::Agent(_)))
            .map(|m| m.at)
    }

    /// The Conversation object (`conversations/partials/_conversation`).
    pub fn conversation(&self, c: &Conv) -> Value {
        let p = self.person(c.pos);
        let ex = self.extra(c.pos, &p);
        let mut meta = Map::new();
        meta.insert(
            "sender".into(),
            people::card(self.contact_id(c.pos), &p, &ex, self.last_incoming(c.pos), None),
        );
        meta.insert("channel".into(), json!(INBOXES[c.inbox].channel));
        match c.assignee {
            Assignee::Agent(i) => {
                meta.insert("assignee".into(), catalog::agent_partial(&AGENTS[i]));
                meta.insert("assignee_type".into(), json!("User"));
            }
            Assignee::Bot => {
                meta.insert("assignee".into(), catalog::bot_slim());
                meta.insert("assignee_type".into(), json!("AgentBot"));
            }
            Assignee::Nobody => {}
        }
        if let Some(t) = c.team {
            meta.insert("team".into(), catalog::team_json(t));
        }
        meta.insert("hmac_verified".into(), json!(false));
        let (agent_seen, assignee_seen) = self.st.seen(c);
        let latest: Vec<Value> = c.msgs.last().map(|m| self.message_event(c, m)).into_iter().collect();
        let last_non_activity = c.msgs.iter().rev().find(|m| m.kind != 2).map(|m| self.message_event(c, m));
        json!({
            "meta": meta, "id": c.display_id, "messages": latest, "account_id": ACCOUNT_ID,
            "uuid": c.uuid, "additional_attributes": c.additional,
            "agent_last_seen_at": unix(agent_seen), "assignee_last_seen_at": unix(assignee_seen),
            "can_reply": self.can_reply(c), "contact_last_seen_at": unix(c.contact_seen),
            "custom_attributes": c.custom, "inbox_id": INBOXES[c.inbox].id, "labels": c.labels,
            "muted": ex.blocked, "snoozed_until": iso_or_null(c.snoozed_until), "status": c.status,
            "created_at": secs(c.created_at), "updated_at": Self::updated_float(c),
            "timestamp": secs(c.last_activity()), "first_reply_created_at": unix(Self::first_reply(c)),
            "unread_count": self.st.unread(c), "last_non_activity_message": last_non_activity,
            "last_activity_at": secs(c.last_activity()), "priority": c.priority,
            "waiting_since": unix(Self::waiting_since(c)), "sla_policy_id": null,
        })
    }

    /// The newest incoming message of a contact across its conversations (its `last_activity_at`).
    fn last_incoming(&self, pos: u32) -> Option<i64> {
        let convs = self.w.by_contact.get(&pos)?;
        convs.iter().flat_map(|i| self.w.convs[*i].msgs.iter().filter(|m| m.kind == 0)).map(|m| m.at).max()
    }

    /// The ConversationEvent (`Conversations::EventDataPresenter#push_data`): a notification's
    /// `primary_actor`. Its `meta` keys are present with null, and `first_reply_created_at` is ISO.
    pub fn conversation_event(&self, c: &Conv) -> Value {
        let (agent_seen, _) = self.st.seen(c);
        let shown = c.msgs.iter().rev().find(|m| m.kind != 2 && !m.private).map(|m| self.message_event(c, m));
        let (assignee, assignee_type) = match c.assignee {
            Assignee::Agent(i) => (catalog::user_push(&AGENTS[i]), json!("User")),
            Assignee::Bot => (catalog::bot_push(), json!("AgentBot")),
            Assignee::Nobody => (Value::Null, Value::Null),
        };
        let team = c.team.map_or(Value::Null, |t| json!({"id": TEAMS[t].0, "name": TEAMS[t].1}));
        let ci = &c.contact_inbox;
        json!({
            "additional_attributes": c.additional, "can_reply": self.can_reply(c),
            "channel": INBOXES[c.inbox].channel,
            "contact_inbox": {
                "id": ci.0, "contact_id": self.contact_id(c.pos), "inbox_id": INBOXES[c.inbox].id,
                "source_id": ci.1, "created_at": iso(ci.2), "updated_at": iso(ci.2),
                "hmac_verified": false, "pubsub_token": format!("{:016x}{:08x}", mix(ci.0 ^ 0x9b5), mix(ci.0) as u32),
            },
            "id": c.display_id, "inbox_id": INBOXES[c.inbox].id,
            "messages": shown.into_iter().collect::<Vec<Value>>(), "labels": c.labels,
            "meta": {
                "sender": self.contact_push(c.pos), "assignee": assignee, "assignee_type": assignee_type,
                "team": team, "hmac_verified": false,
            },
            "status": c.status, "custom_attributes": c.custom, "snoozed_until": iso_or_null(c.snoozed_until),
            "unread_count": self.st.unread(c), "first_reply_created_at": iso_or_null(Self::first_reply(c)),
            "priority": c.priority, "waiting_since": unix(Self::waiting_since(c)),
            "agent_last_seen_at": unix(agent_seen), "contact_last_seen_at": unix(c.contact_seen),
            "last_activity_at": secs(c.last_activity()), "timestamp": secs(c.last_activity()),
            "created_at": secs(c.created_at), "updated_at": Self::updated_float(c),
        })
    }

    /// The messages index `meta`: labels, attributes, contact push, assignee (users only; absent
    /// otherwise) and the last-seen times as ISO strings.
    pub fn messages_meta(&self, c: &Conv) -> Value {
        let (agent_seen, assignee_seen) = self.st.seen(c);
        let mut meta = json!({
            "labels": c.labels, "additional_attributes": c.additional, "contact": self.contact_push(c.pos),
        });
        if let Assignee::Agent(i) = c.assignee {
            insert(&mut meta, "assignee", catalog::user_push(&AGENTS[i]));
        }
        insert(&mut meta, "agent_last_seen_at", iso_or_null(agent_seen));
        insert(&mut meta, "assignee_last_seen_at", iso_or_null(assignee_seen));
        meta
    }
}
