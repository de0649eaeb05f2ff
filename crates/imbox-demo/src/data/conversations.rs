//! Conversations: which ones a contact has, their records, and how their ids map back.
//!
//! A generated conversation is identified by `(contact position, index)`; its `conv_…` and
//! `tcu_…` ids encode `position * 4 + index` reversibly, so a lookup needs no table.

use super::generator::{Dataset, tag};
use super::names::{AGENTS, TEAMS};
use super::person::{BU, ORG, Person};
use super::rng::{DAY, HOUR, MINUTE, decode_id, encode_id, h, iso, random_id};
use imbox_model::CHANNEL_TYPES;
use serde_json::{Value, json};

/// Messages per "session" (a burst of messages on one day) in generated threads.
pub const SESSION: u32 = 6;

/// Everything needed to render a conversation and generate its thread.
#[derive(Debug, Clone)]
pub struct Conv {
    /// `conv_…` id.
    pub id: String,
    /// `tcu_…` id.
    pub tcu: String,
    /// `con_…` id of the owning contact.
    pub contact: String,
    /// Channel type.
    pub channel: String,
    /// Display name (`<contact>@<date>`).
    pub name: String,
    /// Creation time, ms.
    pub created_at: i64,
    /// Time of the newest generated message, ms (the newest verbatim one when `head` is set).
    pub start: i64,
    /// Time of the newest message, ms.
    pub latest: i64,
    /// Spacing of sessions, ms.
    pub day: i64,
    /// Messages in the thread.
    pub count: u32,
    /// Hash key of the thread.
    pub key: u64,
    /// Verbatim newest messages.
    pub head: Vec<Value>,
    /// Verbatim record, if any.
    pub record: Option<Value>,
    /// The agent answering this conversation.
    pub agent: usize,
}

/// Offset (ms before `start`) of generated message `g` (0 = newest generated).
pub fn offset(g: u32, day: i64, key: u64) -> i64 {
    let (j, w) = (g / SESSION, g % SESSION);
    let gap = (4 * MINUTE).min(day / (3 * i64::from(SESSION))).max(1);
    let jit_j = if j > 0 { (h(key, 31, u64::from(j), 0) % (day / 3).max(1) as u64) as i64 } else { 0 };
    let jit_w = if w > 0 { (h(key, 32, u64::from(g), 0) % (gap / 2).max(1) as u64) as i64 } else { 0 };
    i64::from(j) * day + jit_j + i64::from(w) * gap + jit_w
}

fn sessions(generated: u32) -> i64 {
    i64::from(generated.div_ceil(SESSION).max(1))
}

impl Dataset {
    /// The conversations of the contact at `pos`, newest activity first.
    pub fn conversations(&self, pos: u32, person: &Person) -> Vec<Conv> {
        let count = match self.special_at(pos) {
            Some(s) => s.spec.convs.len(),
            None => self.generated_conv_count(pos) as usize,
        };
        let mut v: Vec<Conv> = (0..count).filter_map(|i| self.conv(pos, i, person)).collect();
        v.sort_by_key(|c| std::cmp::Reverse(c.latest));
        v
    }

    /// Finds a conversation by its `conv_…` id: (contact position, index).
    pub fn find_conv(&self, id: &str) -> Option<(u32, usize)> {
        self.special_conv(id).or_else(|| self.split(decode_id(id, "conv_", self.seed, tag::CONV)?))
    }

    /// Finds a conversation by its `tcu_…` id: (contact position, index).
    #[cfg(test)]
    pub fn find_tcu(&self, id: &str) -> Option<(u32, usize)> {
        self.special_tcu(id).or_else(|| self.split(decode_id(id, "tcu_", self.seed, tag::TCU)?))
    }

    fn split(&self, key: u32) -> Option<(u32, usize)> {
        let (pos, i) = (key / 4, (key % 4) as usize);
        let generated = pos < self.n && self.special_at(pos).is_none();
        (generated && i < self.generated_conv_count(pos) as usize).then_some((pos, i))
    }

    /// The conversation `index` of the contact at `pos`; `person` is its original record (the
    /// conversation name keeps the name the contact had when the conversation started).
    pub fn conv(&self, pos: u32, index: usize, person: &Person) -> Option<Conv> {
        let contact_seen = super::rng::parse_iso(&person.last_seen).unwrap_or(person.created_at + 5 * MINUTE);
        if let Some(spec) = self.conv_spec(pos, index) {
            let key = h(self.seed, tag::CONV, u64::from(pos), 1000 + index as u64);
            let head_oldest =
                spec.head.last().and_then(|m| m.get("created_at")?.as_str()).and_then(super::rng::parse_iso);
            let generated = spec.count.saturating_sub(spec.head.len() as u32);
            let default_day = DAY + (key % (2 * DAY as u64)) as i64;
            let (created, start, day) =
                match (spec.created, head_oldest.map(|t| t - 7 * MINUTE).or(spec.latest)) {
                    (Some(c), Some(l)) => (c, l, ((l - c) / (sessions(generated) + 1)).max(1)),
                    (Some(c), None) => {
                        let day = default_day.min((self.now - c) / (sessions(generated) + 1)).max(1);
                        (c, c + offset(generated.saturating_sub(1), day, key) + 2 * MINUTE, day)
                    }
                    (None, Some(l)) => {
                        let day = default_day.min((l - person.created_at) / (sessions(generated) + 1)).max(1);
                        (l - offset(generated.saturating_sub(1), day, key) - 2 * MINUTE, l, day)
                    }
                    (None, None) => (person.created_at, contact_seen, HOUR),
                };
            let latest = spec
                .latest
                .or(spec
                    .head
                    .first()
                    .and_then(|m| m.get("created_at")?.as_str())
                    .and_then(super::rng::parse_iso))
                .unwrap_or(start);
            return Some(Conv {
                id: spec.id.clone(),
                tcu: spec.tcu.clone(),
                contact: person.id.clone(),
                channel: spec.channel.into(),
                name: format!("{}@{}", person.display_name, super::rng::day_label(created)),
                created_at: created,
                start,
                latest,
                day,
                count: spec.count,
                key,
                head: spec.head.clone(),
                record: spec.record.clone(),
                agent: (key % AGENTS.len() as u64) as usize,
            });
        }
        let k = pos * 4 + index as u32;
        let key = h(self.seed, tag::CONV, u64::from(k), 0);
        let count = 5 + (key % 56) as u32;
        let channel = if index == 0 {
            person.channel_type.clone()
        } else {
            CHANNEL_TYPES[(key >> 8) as usize % CHANNEL_TYPES.len()].to_string()
        };
        let before = i64::from(index as u32) * (3 * DAY + (key >> 16) as i64 % (20 * DAY));
        let latest = (contact_seen - before).max(person.created_at + 10 * MINUTE).min(self.now);
        let day = (DAY + (key >> 24) as i64 % (2 * DAY))
            .min((latest - person.created_at) / (sessions(count) + 1))
            .max(1);
        let created = latest - offset(count - 1, day, key) - MINUTE;
        Some(Conv {
            id: encode_id("conv_", self.seed, tag::CONV, k),
            tcu: encode_id("tcu_", self.seed, tag::TCU, k),
            contact: person.id.clone(),
            channel,
            name: format!("{}@{}", person.display_name, super::rng::day_label(created)),
            created_at: created,
            start: latest,
            latest,
            day,
            count,
            key,
            head: Vec::new(),
            record: None,
            agent: (key >> 40) as usize % AGENTS.len(),
        })
    }

    /// The team-conversation-user record of a conversation, with the contact as it is now.
    pub fn conv_record(&self, c: &Conv, current: &Person) -> Value {
        if let Some(mut rec) = c.record.clone() {
            let base = rec.get("contact").cloned();
            if let Some(m) = rec.as_object_mut() {
                m.insert("contact".into(), current.to_embedded(base.as_ref()));
            }
            return rec;
        }
        let latest = self.message(c, 0);
        let short = |m: &Value| json!({"_id": m["_id"], "type": m["type"], "content": m["content"], "created_at": m["created_at"]});
        let from_contact = (0..c.count.min(40))
            .map(|r| self.message(c, r))
            .find(|m| m["from"] == json!(current.id))
            .unwrap_or_else(|| latest.clone());
        let status = ["pending", "open", "open", "closed"][(c.key >> 12) as usize % 4];
        let team = (c.key >> 20) as usize % TEAMS.len();
        let (user, _) = AGENTS[c.agent];
        json!({
            "_id": c.id, "doc_name": "team_conversation_user", "public_id": c.tcu,
            "organization_id": ORG, "business_unit_id": BU, "assign_from": "",
            "created_at": iso(c.created_at + 40), "updated_at": iso(c.created_at + 40),
            "conversation": {
                "_id": c.id, "doc_name": "conversation", "public_id": c.id,
                "organization_id": ORG, "business_unit_id": BU,
                "channel_id": random_id("ch_", h(self.seed, tag::CHANNEL, CHANNEL_TYPES.iter().position(|x| *x == c.channel).unwrap_or(0) as u64, 0)),
                "channel_type": c.channel, "contact_id": current.id, "status": status, "name": c.name,
                "timestamp": iso(c.latest), "is_ready": true, "is_agent_joined": status != "pending",
                "created_at": iso(c.created_at), "updated_at": iso(c.latest + 1500),
                "_language": current.language, "mode": "hybrid",
            },
            "contact": current.to_embedded(None),
            "latest_message": short(&latest),
            "contacts_latest_message": short(&from_contact),
            "available_team_conversations": [{"_id": random_id("tcu_", c.key ^ 5), "user_id": user}],
            "teams": [team_json(team)],
        })
    }
}

/// A team record as the seeds embed it.
fn team_json(i: usize) -> Value {
    let (id, mode, default) = match i {
        0 => ("t_imbrace_default_team", "public", true),
        1 => ("t_4ffefd06-ab08-4035-9c21-6ab5e97271cf", "grab", false),
        _ => ("t_9c1d2e3f-4a5b-4c6d-8e7f-a0b1c2d3e4f5", "public", false),
    };
    json!({
        "_id": id, "doc_name": "team", "public_id": id, "organization_id": ORG,
        "business_unit_id": BU, "icon_url": "", "name": TEAMS[i % TEAMS.len()], "mode": mode,
        "description": if default { "Default iMBRACE team, auto create by system for testing purpose" } else { "" },
        "is_default": default, "created_at": "2022-06-22T09:19:58.929Z", "updated_at": "2023-09-22T05:59:18.581Z",
    })
}
