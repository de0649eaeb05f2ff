//! A contact as the generator and the store know it, and its two JSON shapes.

use super::rng::{iso, random_id};
use serde_json::{Map, Value, json};

/// The organisation and business unit every demo record belongs to (as in the seeds).
pub const ORG: &str = "org_imbrace";
/// The business unit of every demo record.
pub const BU: &str = "bu_imbrace_testing";

/// The fields of one contact; everything else in its JSON is constant or derived.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// `con_…` id.
    pub id: String,
    /// Name shown for the contact.
    pub display_name: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// "Male", "Female", "Other" or empty.
    pub gender: String,
    /// Country code, digits.
    pub area_code: String,
    /// Local number, digits.
    pub phone_number: String,
    /// Language code.
    pub language: String,
    /// E-mail address.
    pub email: String,
    /// Agent remark.
    pub remark: String,
    /// Avatar URL.
    pub avatar_url: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Channel the contact came from.
    pub channel_type: String,
    /// `ch_…` id of that channel.
    pub channel_id: String,
    /// Last activity, ISO-8601, or `""` when never seen (as the seeds send it).
    pub last_seen: String,
    /// Creation time, epoch milliseconds.
    pub created_at: i64,
    /// Last edit, ISO-8601, `None` until edited (sent as `null`).
    pub updated_at: Option<String>,
}

fn s(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
}

impl Person {
    /// Reads a contact record of the seeds (either shape); missing fields become empty.
    pub fn from_json(v: &Value) -> Person {
        let id = [s(v, "id"), s(v, "public_id"), s(v, "_id")]
            .into_iter()
            .find(|x| !x.is_empty())
            .unwrap_or_default();
        Person {
            id,
            display_name: s(v, "display_name"),
            first_name: s(v, "first_name"),
            last_name: s(v, "last_name"),
            gender: s(v, "gender"),
            area_code: s(v, "area_code"),
            phone_number: s(v, "phone_number"),
            language: s(v, "language"),
            email: s(v, "email"),
            remark: s(v, "remark"),
            avatar_url: s(v, "avatar_url"),
            time_zone: s(v, "time_zone"),
            channel_type: s(v, "channel_type"),
            channel_id: s(v, "channel_id"),
            last_seen: s(v, "last_seen"),
            created_at: super::rng::parse_iso(&s(v, "created_at")).unwrap_or(0),
            updated_at: v.get("updated_at").and_then(Value::as_str).map(str::to_string),
        }
    }

    /// The contacts list / search / update shape (`object_name: "contact"`).
    pub fn to_json(&self) -> Value {
        json!({
            "object_name": "contact",
            "id": self.id,
            "organization_id": ORG,
            "business_unit_id": BU,
            "channel_id": self.channel_id,
            "channel_type": self.channel_type,
            "display_name": self.display_name,
            "avatar_url": self.avatar_url,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "gender": self.gender,
            "area_code": self.area_code,
            "phone_number": self.phone_number,
            "language": self.language,
            "email": self.email,
            "remark": self.remark,
            "time_zone": self.time_zone,
            "last_seen": self.last_seen,
            "created_at": iso(self.created_at),
            "updated_at": self.updated_at,
            "odooContactID": "",
            "title": "",
            "birthday": "",
            "location": "",
            "company_name": "",
            "position": "",
            "whatsapp_id": "",
            "facebook_id": "",
            "messenger_id": "",
            "wechat_id": "",
            "line_id": "",
            "instagram_id": "",
            "additional_params": {},
        })
    }

    /// The shape embedded in a team-conversation-user record (`doc_name: "contact"`).
    ///
    /// `base` is a verbatim seed record: its extra fields (board ids, provider id) are kept and
    /// only the fields a contact update can change are overlaid, so an unedited seed contact is
    /// returned byte-for-byte and an edited one shows its edits everywhere.
    pub fn to_embedded(&self, base: Option<&Value>) -> Value {
        let mut m: Map<String, Value> = match base.and_then(Value::as_object) {
            Some(b) => b.clone(),
            None => {
                let x = super::rng::mix(self.created_at as u64 ^ 0xB0A2D);
                let generated = json!({
                    "_id": self.id, "doc_name": "contact", "public_id": self.id,
                    "business_unit_id": BU, "organization_id": ORG,
                    "channel_id": self.channel_id, "channel_type": self.channel_type,
                    "provider_user_id": random_id("", x),
                    "time_zone": self.time_zone, "last_seen": self.last_seen,
                    "created_at": iso(self.created_at),
                    "title": "", "birthday": "", "location": "", "position": "",
                    "company_name": "", "whatsapp_id": "", "facebook_id": "", "messenger_id": "",
                    "wechat_id": "", "line_id": "", "instagram_id": "",
                    "_language": self.language,
                    "board_id": random_id("brd_", x ^ 1),
                    "board_item_id": random_id("bi_", x ^ 2),
                });
                generated.as_object().cloned().unwrap_or_default()
            }
        };
        for (k, v) in [
            ("display_name", &self.display_name),
            ("avatar_url", &self.avatar_url),
            ("first_name", &self.first_name),
            ("last_name", &self.last_name),
            ("gender", &self.gender),
            ("area_code", &self.area_code),
            ("phone_number", &self.phone_number),
            ("language", &self.language),
            ("email", &self.email),
            ("remark", &self.remark),
        ] {
            m.insert(k.into(), Value::String(v.clone()));
        }
        m.insert("updated_at".into(), json!(self.updated_at));
        Value::Object(m)
    }

    /// Whether a lowercase query matches the name, e-mail or phone (with or without area code).
    pub fn matches(&self, q: &str, q_digits: &str) -> bool {
        let hit = |field: &str| !field.is_empty() && field.to_lowercase().contains(q);
        if hit(&self.display_name) || hit(&self.first_name) || hit(&self.last_name) || hit(&self.email) {
            return true;
        }
        if q_digits.is_empty() || self.phone_number.is_empty() {
            return false;
        }
        self.phone_number.contains(q_digits)
            || format!("{}{}", self.area_code, self.phone_number).contains(q_digits)
    }

    /// Whether a phone number as given to the links lookup is this contact's (with or without
    /// its area code).
    pub fn has_phone(&self, number: &str) -> bool {
        !self.phone_number.is_empty()
            && (self.phone_number == number
                || (number.len() == self.area_code.len() + self.phone_number.len()
                    && number.starts_with(&self.area_code)
                    && number.ends_with(&self.phone_number)))
    }
}
