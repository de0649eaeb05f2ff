//! The seeds' example bodies, embedded verbatim, and the hand-placed records built around them.
//!
//! The example objects are parsed once at start-up; they are compile-time constants, so a parse
//! failure is a build-time fixture mistake that the unit test below catches, and at run time it
//! degrades to an empty record instead of a panic.

use super::person::Person;
use super::rng::parse_iso;
use serde_json::{Value, json};

/// `GET /v1/backend/contacts` example: its ten contacts are the demo's ten newest.
pub const CONTACTS: &str = include_str!("../../../../tests/fixtures/imbrace/002_contacts.json");
/// `GET /v1/backend/contacts/{id}/conversations` example (TWN#NJ9585).
pub const CONVERSATIONS: &str =
    include_str!("../../../../tests/fixtures/imbrace/002_contact_conversations.json");
/// `GET /3rd/conversations/conv_f262…/messages` example: the thread's three newest messages.
pub const MESSAGES: &str = include_str!("../../../../tests/fixtures/imbrace/000_messages.json");
/// `GET /v1/backend/notifications` example: the two newest notifications.
pub const NOTIFICATIONS: &str = include_str!("../../../../tests/fixtures/imbrace/002_notifications.json");
/// `GET /v1/backend/contact/{id}/files` example: TWN#NJ9585's files.
pub const FILES: &str = include_str!("../../../../tests/fixtures/imbrace/002_contact_files.json");
/// `GET /3rd/conversations/links` example.
pub const LINKS: &str = include_str!("../../../../tests/fixtures/imbrace/000_links.json");

/// Parses an embedded fixture (see the module comment for why failure is not fatal).
pub fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// The array under `key` of a parsed fixture, or an empty list.
pub fn array(v: &Value, key: &str) -> Vec<Value> {
    v.get(key).and_then(Value::as_array).cloned().unwrap_or_default()
}

/// TWN#NJ9585, the contact of the conversations, update, comments and files examples.
pub const TWN_CONTACT: &str = "con_32a507dd-dc57-49a9-8456-7fb9c48d2a41";
/// The id the update example's curl PUTs to; its documented reply is TWN#NJ9585's record, so the
/// demo treats it as another name for [`TWN_CONTACT`].
pub const TEST_CONTACT_ALIAS: &str = "con_test_contact";
/// Owner of `conv_f262…` (the messages example's `from`).
pub const F262_CONTACT: &str = "con_1b1a92ca-af43-48c2-80bf-663a5458263f";
/// The messages example's conversation (304 messages).
pub const F262_CONV: &str = "conv_f262dad4-dcb1-44b9-8d7e-407b022dc4b7";
/// The contact whose phone is the links example's `886911425977`.
pub const PHONE_CONTACT: &str = "con_886e1a2b-4c3d-4e5f-8a6b-911425977000";
/// Owner of the 10,000-message conversation.
pub const SCALE_CONTACT: &str = "con_5ca1e000-0000-4000-8000-000000000001";
/// The 10,000-message conversation, for scale tests.
pub const SCALE_CONV: &str = "conv_5ca1e000-0000-4000-8000-000000010000";
/// How many messages [`SCALE_CONV`] holds.
pub const SCALE_MESSAGES: u32 = 10_000;
/// The fixed "now" of the demo data: every generated time lies before it (just after the
/// newest seed time, the update example's `updated_at` 2025-10-16T03:31:43Z).
pub const DEMO_NOW: &str = "2025-10-16T04:00:00.000Z";

/// A conversation placed by hand.
pub struct ConvSpec {
    /// `conv_…` id.
    pub id: String,
    /// `tcu_…` id.
    pub tcu: String,
    /// Channel type.
    pub channel: &'static str,
    /// Creation time (ms), when fixed.
    pub created: Option<i64>,
    /// Time of the newest message (ms), when fixed.
    pub latest: Option<i64>,
    /// Messages in the thread.
    pub count: u32,
    /// The verbatim team-conversation-user record, if the seeds give one.
    pub record: Option<Value>,
    /// Verbatim newest messages, newest first.
    pub head: Vec<Value>,
}

/// A contact placed by hand, with its conversations.
pub struct SpecialSpec {
    /// Where in the newest-first order it sits, as a fraction (per mille) of the list.
    pub permille: u32,
    /// The contact.
    pub person: Person,
    /// Verbatim embedded-contact record, if the seeds give one.
    pub embedded: Option<Value>,
    /// Its conversations.
    pub convs: Vec<ConvSpec>,
    /// Verbatim files list, if the seeds give one.
    pub files: Option<Value>,
}

fn t(s: &str) -> i64 {
    parse_iso(s).unwrap_or(0)
}

#[allow(clippy::too_many_arguments)]
fn person(
    id: &str,
    name: (&str, &str, &str),
    phone: (&str, &str),
    email: &str,
    channel: (&str, &str),
    lang_tz: (&str, &str),
    last_seen: &str,
    created: &str,
) -> Person {
    Person {
        id: id.into(),
        display_name: name.0.into(),
        first_name: name.1.into(),
        last_name: name.2.into(),
        gender: String::new(),
        area_code: phone.0.into(),
        phone_number: phone.1.into(),
        language: lang_tz.0.into(),
        email: email.into(),
        remark: String::new(),
        avatar_url: String::new(),
        time_zone: lang_tz.1.into(),
        channel_type: channel.0.into(),
        channel_id: channel.1.into(),
        last_seen: last_seen.into(),
        created_at: t(created),
        updated_at: None,
    }
}

fn conv(id: &str, tcu: &str, channel: &'static str, created: Option<&str>, count: u32) -> ConvSpec {
    ConvSpec {
        id: id.into(),
        tcu: tcu.into(),
        channel,
        created: created.map(t),
        latest: None,
        count,
        record: None,
        head: Vec::new(),
    }
}

const WEB: (&str, &str) = ("web", "ch_2592e13f-c43f-48a2-a416-a7bb12a5caec");
const WHATSAPP: (&str, &str) = ("whatsapp", "ch_5d0b8e4a-7f36-4c1e-9a2d-wa0000000001");

/// The hand-placed contacts, newest first (their `permille` must increase down the list).
pub fn specials() -> Vec<SpecialSpec> {
    let notifs = array(&parse(NOTIFICATIONS), "data");
    let tcu = |i: usize| {
        notifs
            .get(i)
            .and_then(|n| n.pointer("/action_to/team_conversation_user_id"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let record = array(&parse(CONVERSATIONS), "data").into_iter().next().unwrap_or(Value::Null);
    let embedded = record.get("contact").cloned();
    let twn = Person::from_json(embedded.as_ref().unwrap_or(&Value::Null));
    let twn_latest = record.get("latest_message").cloned().unwrap_or(Value::Null);
    let twn_conv = record.pointer("/conversation").cloned().unwrap_or(Value::Null);
    let twn_created = t(twn_conv.get("created_at").and_then(Value::as_str).unwrap_or_default());
    let twn_ts = t(twn_conv.get("timestamp").and_then(Value::as_str).unwrap_or_default());
    let mut twn_head = twn_latest.clone();
    if let Some(m) = twn_head.as_object_mut() {
        let id = m.get("_id").cloned().unwrap_or(Value::Null);
        m.insert("doc_name".into(), json!("message"));
        m.insert("public_id".into(), id);
        m.insert("organization_id".into(), json!(super::person::ORG));
        m.insert("business_unit_id".into(), json!(super::person::BU));
        m.insert("conversation_id".into(), twn_conv.get("_id").cloned().unwrap_or(Value::Null));
        m.insert("from".into(), json!(TWN_CONTACT));
        m.insert("updated_at".into(), m.get("created_at").cloned().unwrap_or(Value::Null));
    }
    let twn_id = twn_conv.get("_id").and_then(Value::as_str).unwrap_or_default().to_string();
    let links = parse(LINKS);
    let link_convs: Vec<(String, i64)> = links
        .pointer("/0/conversation_links")
        .and_then(Value::as_array)
        .map(|ls| {
            ls.iter()
                .filter_map(|l| {
                    let link = l.get("link")?.as_str()?;
                    let id = imbox_model::conversation_id_from_link(link)?;
                    Some((id, t(l.get("created_at")?.as_str()?)))
                })
                .collect()
        })
        .unwrap_or_default();
    let mut phone_convs: Vec<ConvSpec> = Vec::new();
    for (i, (id, created)) in link_convs.into_iter().enumerate() {
        let tcu = format!("tcu_886e1a2b-4c3d-4e5f-8a6b-91142597700{i}");
        let mut c = conv(&id, &tcu, "whatsapp", None, [18, 7, 42][i % 3]);
        c.created = Some(created);
        phone_convs.push(c);
    }
    vec![
        SpecialSpec {
            permille: 30,
            person: person(
                "con_f3184a7e-2b1c-4d9e-8f60-5a4b3c2d1e0f",
                ("UNK#FR3184", "", ""),
                ("", ""),
                "",
                WEB,
                ("en", "Asia/Hong_Kong"),
                "2025-09-16T04:09:12.480Z",
                "2025-09-16T04:02:50.112Z",
            ),
            embedded: None,
            convs: vec![conv(
                "conv_f3184a7e-6c5d-4b3a-9e8f-0a1b2c3d4e5f",
                &tcu(0),
                "web",
                Some("2025-09-16T04:02:58.731Z"),
                6,
            )],
            files: None,
        },
        SpecialSpec {
            permille: 60,
            person: person(
                "con_4364c0de-9a8b-4c7d-a6e5-f4d3c2b1a098",
                ("UNK#UY4364", "", ""),
                ("", ""),
                "",
                WEB,
                ("en", "Asia/Saigon"),
                "2025-09-12T04:31:07.020Z",
                "2025-09-12T04:17:55.904Z",
            ),
            embedded: None,
            convs: vec![conv(
                "conv_4364c0de-1f2e-4d3c-8b4a-596877665544",
                &tcu(1),
                "web",
                Some("2025-09-12T04:18:21.337Z"),
                9,
            )],
            files: None,
        },
        SpecialSpec {
            permille: 200,
            person: twn,
            embedded,
            convs: vec![ConvSpec {
                id: twn_id,
                tcu: record.get("public_id").and_then(Value::as_str).unwrap_or_default().into(),
                channel: "web",
                created: Some(twn_created),
                latest: Some(twn_ts),
                count: 23,
                record: Some(record.clone()),
                head: vec![twn_head],
            }],
            files: Some(parse(FILES)),
        },
        SpecialSpec {
            permille: 250,
            person: person(
                F262_CONTACT,
                ("Kelly Chan 陳嘉欣", "Kelly", "Chan"),
                ("852", "61234567"),
                "kelly.chan@example.com",
                WHATSAPP,
                ("zh-HK", "Asia/Hong_Kong"),
                "2024-12-10T09:53:17.127Z",
                "2024-09-02T03:11:45.218Z",
            ),
            embedded: None,
            convs: vec![ConvSpec {
                head: array(&parse(MESSAGES), "items"),
                ..conv(F262_CONV, "tcu_f262dad4-7a1b-4c2d-9e3f-b4c5d6e7f809", "whatsapp", None, 304)
            }],
            files: None,
        },
        SpecialSpec {
            permille: 450,
            person: person(
                PHONE_CONTACT,
                ("陳威廷 Wei-Ting Chen", "Wei-Ting", "Chen"),
                ("886", "911425977"),
                "weiting.chen@gmail.com",
                WHATSAPP,
                ("zh-TW", "Asia/Taipei"),
                "2024-08-20T12:40:03.551Z",
                "2023-12-02T08:15:30.009Z",
            ),
            embedded: None,
            convs: phone_convs,
            files: None,
        },
        SpecialSpec {
            permille: 600,
            person: person(
                SCALE_CONTACT,
                ("林詠欣 Scale Test", "詠欣", "林"),
                ("852", "98765432"),
                "scale.test@imbrace.co",
                WHATSAPP,
                ("zh-HK", "Asia/Hong_Kong"),
                "2025-10-16T03:12:44.900Z",
                "2023-03-15T02:00:00.000Z",
            ),
            embedded: None,
            convs: vec![
                ConvSpec {
                    latest: Some(t("2025-10-16T03:12:44.900Z")),
                    ..conv(
                        SCALE_CONV,
                        "tcu_5ca1e000-0000-4000-8000-000000010000",
                        "whatsapp",
                        None,
                        SCALE_MESSAGES,
                    )
                },
                conv(
                    "conv_5ca1e000-0000-4000-8000-000000000002",
                    "tcu_5ca1e000-0000-4000-8000-000000000002",
                    "email",
                    Some("2023-03-15T02:05:00.000Z"),
                    12,
                ),
            ],
            files: None,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_parse() {
        for f in [CONTACTS, CONVERSATIONS, MESSAGES, NOTIFICATIONS, FILES, LINKS] {
            assert!(serde_json::from_str::<Value>(f).is_ok());
        }
        let s = specials();
        assert!(s.windows(2).all(|w| w[0].permille < w[1].permille));
        assert!(s.windows(2).all(|w| w[0].person.created_at > w[1].person.created_at));
        assert_eq!(s[2].person.id, TWN_CONTACT);
        assert_eq!(s[4].convs.len(), 3);
    }
}
