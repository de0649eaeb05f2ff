//! Seed 001's example body through the real SMS/RCS wire types and grouping.

use imbox_api::http::decode;
use imbox_api::smsrcs::group;
use imbox_api::smsrcs::wire::{Direction, MessageList, Record};
use imbox_api::smsrcs::{Lookup, LookupKind, Ref};
use imbox_model::{MessageBody, Sender};

fn seed_records() -> Vec<Record> {
    let body = imbox_testkit::text("smsrcs/seed001-messages.json");
    let list: MessageList = decode("GET /conversations/messages", body.as_bytes()).expect("seed 001 decodes");
    list.items.into_iter().map(Record::from).collect()
}

#[test]
fn the_seed_example_decodes_with_directions_statuses_and_channels() {
    let r = seed_records();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].direction, Direction::Inbound);
    assert_eq!(r[0].delivery_status, "", "null delivery status of an inbound message");
    assert_eq!(r[0].channel, "rcs");
    assert_eq!(r[0].text, "Example inbound RCS message");
    assert_eq!(r[1].direction, Direction::Outbound);
    assert_eq!(r[1].delivery_status, "sending");
    assert_eq!(r[1].channel, "sms");
    for m in &r {
        assert_eq!(m.contact_name, "Example name");
        assert_eq!((m.contact_phone.as_str(), m.contact_email.as_str()), ("***", ""));
        assert_eq!(
            (m.user_phone.as_str(), m.user_email.as_str(), m.facebook_page_id.as_str()),
            ("***", "***", "")
        );
        assert_eq!((m.agent.as_str(), m.timestamp), ("", None));
    }
}

#[test]
fn the_seed_example_becomes_one_contact_two_threads_and_messages() {
    let records = seed_records();
    let lookup = Lookup::parse("+44 7911 123456").expect("a phone lookup");
    assert_eq!(lookup.kind, LookupKind::PhoneNumber);
    let contacts = group::contacts(&records, &lookup, false);
    assert_eq!(contacts.len(), 1);
    let c = &contacts[0];
    assert_eq!(c.display_name, "Example name");
    // The masked phone has no digits, so the contact is found again the way it was found.
    assert_eq!(Ref::decode(&c.id, "contact id").map(|r| r.lookups), Ok(vec![lookup.clone()]));
    assert!(c.extra.iter().any(|(k, v)| k == "channels" && v == "RCS, SMS"), "{:?}", c.extra);

    let found = vec![(lookup, records.clone(), false)];
    let threads = group::threads(&found);
    let channels: Vec<&str> = threads.iter().map(|t| t.channel.as_str()).collect();
    assert_eq!(channels, ["sms", "rcs"], "the thread with the newest message first");
    let sms = threads[0].conversation(&c.id);
    assert_eq!((sms.channel_type.as_str(), sms.name.as_str()), ("sms", "SMS · Example name"));
    assert_eq!(sms.status, "1 message · 0 in · 1 out");
    assert_eq!(sms.latest_message.as_deref(), Some("Agent: Example outbound SMS message"));

    let inbound = group::message(&records[0], "x", 0);
    assert_eq!(
        (inbound.sender, inbound.status.as_str(), inbound.channel.as_str()),
        (Sender::Contact, "", "rcs")
    );
    assert_eq!(inbound.sender_name, "Example name");
    let outbound = group::message(&records[1], "x", 1);
    assert_eq!(
        (outbound.sender, outbound.status.as_str(), outbound.channel.as_str()),
        (Sender::Agent, "sending", "sms")
    );
    assert_eq!(
        outbound.body,
        MessageBody::Text { text: "Example outbound SMS message".into(), is_mail: false }
    );
    assert_eq!(outbound.id, "***");
}

#[test]
fn wrapped_and_mistyped_bodies_decode_and_broken_ones_name_the_path() {
    let wrapped = br#"{"data": [{"message_id": 12, "direction": "outbound", "delivery_status": "failed",
        "channel": "SMS", "timestamp": "2025-01-02T03:04:05Z", "contact_identifiers": null, "new": true}]}"#;
    let list: MessageList = decode("E", wrapped).expect("wrapped decodes");
    let r = Record::from(list.items[0].clone());
    assert_eq!(
        (r.message_id.as_str(), r.channel.as_str(), r.delivery_status.as_str()),
        ("12", "sms", "failed")
    );
    assert!(r.timestamp.is_some());
    let bad = br#"[{"text": "ok"}, {"user_identifiers": "nope"}]"#;
    match decode::<MessageList>("E", bad) {
        Err(imbox_api::ApiError::Decode { path, .. }) => assert_eq!(path, "[1].user_identifiers"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_constructed_conversations_list_becomes_inbox_rows_newest_first() {
    use imbox_api::smsrcs::inbox::{self, ConversationList, ConversationRecord};
    let body = imbox_testkit::text("smsrcs/constructed-conversations-list.json");
    let list: ConversationList = decode("GET /conversations/list", body.as_bytes()).expect("list decodes");
    let records: Vec<ConversationRecord> = list.items.into_iter().map(ConversationRecord::from).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(records[2].message_count, None, "a mistyped count is unknown, not a failure");
    let rows = inbox::rows(&records);
    assert_eq!(rows.len(), 2, "the row naming no conversation and no number is left out");
    // Louis's last message (22 June) is newer than Camille's (21 June), though listed second.
    let louis = &rows[0];
    assert_eq!(louis.name, "Louis Bernard · +33698765432");
    assert_eq!(louis.contact_name, "Louis Bernard");
    assert_eq!((louis.channel_type.as_str(), louis.assignee.as_str()), ("sms", "Jane Wong"));
    assert_eq!(louis.message_count, Some(4));
    assert_eq!(louis.latest_message.as_deref(), Some("sms 1"));
    assert_eq!(louis.timestamp.map(|t| t.to_string()), Some("2024-06-22T03:22:43Z".into()));
    assert_eq!(louis.first_message_at.map(|t| t.to_string()), Some("2024-06-07T03:03:06Z".into()));
    let r = Ref::decode(&louis.id, "conversation id").expect("our id");
    assert_eq!(
        r.lookups,
        [
            Lookup {
                kind: LookupKind::ConversationId,
                value: "cid_0b2d4e6f-8a9b-4c1d-9e2f-3a4b5c6d7e8f".into()
            },
            Lookup { kind: LookupKind::PhoneNumber, value: "+33698765432".into() },
        ]
    );
    assert_eq!(r.channel.as_deref(), Some("sms"));
    let camille = &rows[1];
    assert_eq!((camille.channel_type.as_str(), camille.assignee.as_str()), ("rcs", ""));
    assert_eq!(camille.message_count, Some(1));
}

#[test]
fn a_per_message_time_when_the_api_gives_one_becomes_the_messages_time() {
    // The seed has none; a `timestamp` or `created_at` (ISO-8601 with offset, or epoch) is the
    // message's own time, which the thread shows in its header instead of the list's times.
    let body = br#"[{"message_id": "a", "text": "hi", "direction": "inbound", "channel": "sms",
        "created_at": "2024-06-07T05:03:06+02:00"},
        {"message_id": "b", "text": "yo", "direction": "outbound", "channel": "sms", "timestamp": 1717736586},
        {"message_id": "c", "text": "no time", "direction": "inbound", "channel": "sms"}]"#;
    let list: MessageList = decode("GET /conversations/messages/list", body).expect("decodes");
    let records: Vec<Record> = list.items.into_iter().map(Record::from).collect();
    let times: Vec<Option<String>> = records
        .iter()
        .enumerate()
        .map(|(i, r)| group::message(r, "cid_x", i).created_at.map(|t| t.to_string()))
        .collect();
    assert_eq!(
        times,
        [Some("2024-06-07T03:03:06Z".to_string()), Some("2024-06-07T05:03:06Z".to_string()), None]
    );
}
