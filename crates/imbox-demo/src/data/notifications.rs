//! Notifications: index 0 is the newest; 0 and 1 are the seeds' example verbatim, 2 points at
//! the 10,000-message conversation, the rest at the first conversation of a generated contact.

use super::generator::{Dataset, tag};
use super::names::TEAMS;
use super::rng::{HOUR, decode_id, encode_id, h, iso, parse_iso};
use super::seeds;
use serde_json::{Value, json};

/// The recipient of every demo notification (the agent the seeds' example was fetched as).
pub(crate) const RECIPIENT: &str = "u_ed1ffffc-73ca-4dc3-85fc-2c7da6c87b7a";

impl Dataset {
    fn seed_notifications(&self) -> Vec<Value> {
        seeds::array(&seeds::parse(seeds::NOTIFICATIONS), "data")
    }

    /// Whether notification `i` is read before anyone marks it (about 4 % are).
    pub fn notification_read_at_start(&self, i: u32) -> bool {
        i >= 2 && h(self.seed, tag::NOTIF, u64::from(i), 1) % 100 < 4
    }

    /// The id of notification `i`.
    pub fn notification_id(&self, i: u32) -> String {
        match self.seed_notifications().get(i as usize).and_then(|n| n.get("id")?.as_str()) {
            Some(id) if i < 2 => id.to_string(),
            _ => encode_id("not_", self.seed, tag::NOTIF, i),
        }
    }

    /// The index of a notification id, if it exists.
    pub fn notification_index(&self, id: &str) -> Option<u32> {
        let seeded = self.seed_notifications();
        if let Some(i) = seeded.iter().position(|n| n.get("id").and_then(Value::as_str) == Some(id)) {
            return Some(i as u32).filter(|i| *i < self.n_notifications);
        }
        decode_id(id, "not_", self.seed, tag::NOTIF).filter(|i| *i >= 2 && *i < self.n_notifications)
    }

    /// Notification `i` as generated (`is_read` as at start; the store overlays changes).
    pub fn notification(&self, i: u32) -> Value {
        let seeded = self.seed_notifications();
        if let Some(n) = seeded.get(i as usize) {
            return n.clone();
        }
        let last =
            seeded.last().and_then(|n| n.get("created_at")?.as_str()).and_then(parse_iso).unwrap_or(self.now);
        let x = h(self.seed, tag::NOTIF, u64::from(i), 0);
        let at = last - i64::from(i - 1) * 4 * HOUR + (x % (3 * HOUR as u64)) as i64 - HOUR;
        let target = if i == 2 {
            self.find_conv(seeds::SCALE_CONV)
        } else {
            let mut pos = (x % u64::from(self.n)) as u32;
            while self.special_at(pos).is_some() {
                pos = (pos + 1) % self.n;
            }
            Some((pos, 0))
        };
        let conv = target.and_then(|(pos, index)| self.conv(pos, index, &self.person(pos)));
        let (title, tcu, channel, team) = match &conv {
            Some(c) => (
                c.name.clone(),
                c.tcu.clone(),
                c.channel.clone(),
                TEAMS[(c.key >> 20) as usize % TEAMS.len()],
            ),
            None => (String::new(), String::new(), "web".to_string(), TEAMS[0]),
        };
        json!({
            "object_name": "notifications",
            "id": self.notification_id(i),
            "title": title,
            "content": "",
            "from": team,
            "type": 201,
            "action_to": {"team_conversation_user_id": tcu},
            "recipient": RECIPIENT,
            "is_read": self.notification_read_at_start(i),
            "created_at": iso(at),
            "action_disable": false,
            "channel_type": channel,
        })
    }
}
