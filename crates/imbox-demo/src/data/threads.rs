//! Message threads: message `r` (0 = newest) of a conversation, generated on demand.
//!
//! Each message depends only on `(conversation key, r)` and the base kind of message `r + 1`
//! (a customer answers a button message with a quick reply), so any page of even the
//! 10,000-message thread costs only the messages on it.

use super::conversations::{Conv, offset};
use super::generator::{Dataset, tag};
use super::names::{AGENTS, CHOICES, CONTACT_TEXTS, CULTURES, FILES, LONG_TEXTS, PLACES};
use super::person::{BU, ORG};
use super::rng::{Rng, h, iso, random_id};
use serde_json::{Value, json};

/// The kinds a generated message can have before the quick-reply rule is applied.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Long,
    Response,
    Image,
    File,
    Location,
    Contact,
    Sticker,
}

fn base(c: &Conv, g: u32) -> (bool, Kind, Rng) {
    let mut r = Rng::new(h(c.key, tag::MSG, u64::from(g), 0));
    // The oldest message is always the customer's: conversations start with the customer.
    let from_contact = g + 1 == c.count.saturating_sub(c.head.len() as u32) || r.chance(52);
    let x = r.below(100);
    let kind = if from_contact {
        match x {
            0..=2 => Kind::Long,
            3..=10 => Kind::Image,
            11..=14 => Kind::File,
            15..=18 => Kind::Location,
            19..=22 => Kind::Contact,
            23 => Kind::Sticker,
            _ => Kind::Text,
        }
    } else {
        match x {
            0..=3 => Kind::Long,
            4..=18 => Kind::Response,
            19..=25 => Kind::Image,
            26..=33 => Kind::File,
            34..=35 => Kind::Location,
            36..=37 => Kind::Contact,
            _ => Kind::Text,
        }
    };
    (from_contact, kind, r)
}

fn file_url(r: &mut Rng, ext: &str) -> String {
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let name: String = (0..26).map(|_| char::from(ALNUM[r.below(ALNUM.len() as u64) as usize])).collect();
    format!("https://imbrace-data.s3.ap-east-1.amazonaws.com/chat/org_imbrace/file_{name}.{ext}")
}

impl Dataset {
    /// Message `r` (0 = newest) of a conversation in the seeds' message shape.
    pub fn message(&self, c: &Conv, r: u32) -> Value {
        if let Some(m) = c.head.get(r as usize) {
            return m.clone();
        }
        let g = r - c.head.len() as u32;
        let (from_contact, kind, mut rng) = base(c, g);
        let older_asks = g + 1 < c.count - c.head.len() as u32 && {
            let (older_contact, older_kind, _) = base(c, g + 1);
            !older_contact && older_kind == Kind::Response
        };
        let from = if from_contact { c.contact.clone() } else { AGENTS[c.agent].0.to_string() };
        let (ty, content) = if from_contact && older_asks {
            let mut older_rng = base(c, g + 1).2;
            let (_, buttons) = older_rng.pick(&CHOICES);
            let i = rng.below(buttons.len() as u64) as usize;
            (
                "quick_reply",
                json!({"title": buttons[i], "payload": format!("{i}_{}", c.name), "description": ""}),
            )
        } else {
            match kind {
                Kind::Text => {
                    let text = if from_contact {
                        *rng.pick(&CONTACT_TEXTS)
                    } else {
                        *rng.pick(&super::names::AGENT_TEXTS)
                    };
                    ("text", json!({"text": text, "is_mail": c.channel == "email"}))
                }
                Kind::Long => {
                    ("text", json!({"text": rng.pick(&LONG_TEXTS), "is_mail": c.channel == "email"}))
                }
                Kind::Response => {
                    let (question, buttons) = rng.pick(&CHOICES);
                    let replies: Vec<Value> = buttons
                        .iter()
                        .enumerate()
                        .map(|(i, b)| json!({"id": i, "content_type": "text", "title": b, "payload": format!("{i}_{}", c.name)}))
                        .collect();
                    ("response", json!({"title": "", "text": question, "quick_replies": replies}))
                }
                Kind::Image | Kind::File => {
                    let pool: Vec<&(&str, &str, bool)> =
                        FILES.iter().filter(|f| f.2 == (kind == Kind::Image)).collect();
                    let (caption, ext, _) = **rng.pick(&pool);
                    let url = file_url(&mut rng, ext);
                    (
                        if kind == Kind::Image { "image" } else { "file" },
                        json!({"caption": caption, "url": url, "extension": ext}),
                    )
                }
                Kind::Location => {
                    let (lat, lon, address) = rng.pick(&PLACES);
                    ("location", json!({"latitude": lat, "longitude": lon, "address": address}))
                }
                Kind::Contact => {
                    let culture = rng.pick(&CULTURES);
                    let name = format!("{} {}", rng.pick(culture.given), rng.pick(culture.family));
                    let phone = format!("+{} {}", culture.phone.0, 10_000_000 + rng.below(89_999_999));
                    (
                        "contact",
                        json!({"name": name, "phone_number": phone, "email": format!("friend{}@example.com", rng.below(100))}),
                    )
                }
                Kind::Sticker => (
                    "sticker",
                    json!({"sticker_id": format!("stk_{}", rng.below(9999)), "url": file_url(&mut rng, "webp")}),
                ),
            }
        };
        let at = iso(c.start - offset(g, c.day, c.key));
        let id = random_id("msg_", h(c.key, tag::MSG, u64::from(g), 1));
        json!({
            "_id": id, "doc_name": "message", "public_id": id,
            "organization_id": ORG, "business_unit_id": BU, "conversation_id": c.id,
            "from": from, "type": ty, "content": content, "created_at": at, "updated_at": at,
        })
    }

    /// The image and file messages of a contact's conversations (newest 200 of each thread),
    /// newest first, in the contact-files shape.
    pub fn files_of(&self, convs: &[Conv]) -> Vec<Value> {
        let mut out: Vec<Value> = Vec::new();
        for c in convs {
            for r in 0..c.count.min(200) {
                let m = self.message(c, r);
                if m["type"] == "image" || m["type"] == "file" {
                    out.push(json!({
                        "_id": m["_id"], "content": m["content"], "created_at": m["created_at"],
                        "from": m["from"], "type": m["type"], "updated_at": m["updated_at"],
                    }));
                }
            }
        }
        out.sort_by(|a, b| b["created_at"].as_str().cmp(&a["created_at"].as_str()));
        out
    }
}
