//! Every frame of `tests/fixtures/chatwoot/cable-events.json` (built from upstream's push data,
//! see the fixtures README) through [`decode_event`]: the event it becomes and what it carries;
//! other accounts, unknown events and unreadable data skipped; hostile text made inert.

use imbox_api::realtime::{Skipped, decode_event};
use imbox_model::live::{ConversationChange, ConversationPulse, LiveEvent, NotificationChange};
use imbox_model::{MessageBody, Sender};
use serde_json::Value;

/// The channel message (`{"event", "data"}`) of fixture frame `name`, decoded for account 1.
fn decoded(name: &str) -> Result<LiveEvent, Skipped> {
    let frames = imbox_testkit::json("chatwoot/cable-events.json");
    let frame = frames.get(name).unwrap_or_else(|| panic!("no frame {name}"));
    decode_event(&frame["message"], 1)
}

fn event(name: &str) -> LiveEvent {
    decoded(name).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn unix(s: i64) -> Option<jiff::Timestamp> {
    Some(jiff::Timestamp::from_second(s).unwrap())
}

#[test]
fn a_customer_message_arrives_with_its_conversation_pulse() {
    let LiveEvent::MessageCreated { message, conversation } = event("message_created_incoming") else {
        panic!("not a created message")
    };
    assert_eq!((message.id.as_str(), message.conversation_id.as_str()), ("9052", "42"));
    assert_eq!(message.body, MessageBody::Text { text: "Is the refund done?".into(), is_mail: false });
    assert_eq!((message.sender, message.sender_name.as_str()), (Sender::Contact, "Noa Cohen"));
    assert_eq!(message.created_at, unix(1_764_585_000));
    assert_eq!(message.echo_id, "");
    assert_eq!(
        conversation,
        Some(ConversationPulse {
            assignee_id: Some(7),
            unread_count: Some(3),
            last_activity_at: unix(1_764_585_000),
            status: String::new()
        })
    );
}

#[test]
fn the_agents_own_reply_carries_its_echo_id_and_updates_follow() {
    let LiveEvent::MessageCreated { message, .. } = event("message_created_own_reply") else { panic!() };
    assert_eq!((message.id.as_str(), message.echo_id.as_str()), ("9053", "imbox-5f1e2d"));
    assert_eq!((message.sender, message.from.as_str()), (Sender::Agent, "user:7"));
    let LiveEvent::MessageUpdated { message, conversation } = event("message_updated_read") else { panic!() };
    assert_eq!((message.id.as_str(), message.status.as_str()), ("9053", "read"));
    assert_eq!(conversation.and_then(|c| c.unread_count), Some(0));
}

#[test]
fn conversation_events_carry_the_row_as_it_is_now() {
    let LiveEvent::ConversationCreated(c) = event("conversation_created") else { panic!() };
    assert_eq!((c.id.as_str(), c.name.as_str(), c.status.as_str()), ("77", "Eli Katz", "pending"));
    assert_eq!((c.assignee_id, c.unread_count, c.channel_type.as_str()), (None, 1, "whatsapp"));
    assert_eq!(c.inbox, "inbox 3", "inbox names are the receiver's to keep");

    let cases = [
        ("conversation_status_changed", ConversationChange::StatusChanged),
        ("conversation_read", ConversationChange::Read),
        ("assignee_changed", ConversationChange::AssigneeChanged),
        ("team_changed", ConversationChange::TeamChanged),
        ("conversation_updated", ConversationChange::Updated),
        ("unread_count_changed", ConversationChange::UnreadChanged),
    ];
    let mut rows = Vec::new();
    for (name, expected) in cases {
        let LiveEvent::ConversationUpdated { change, conversation } = event(name) else { panic!("{name}") };
        assert_eq!((change, conversation.id.as_str()), (expected, "42"), "{name}");
        rows.push(conversation);
    }
    let [status, read, assignee, team, updated, unread] = &rows[..] else { panic!() };
    assert_eq!(status.status, "resolved");
    assert_eq!(read.unread_count, 0);
    assert_eq!((assignee.assignee_id, assignee.assignee.as_str()), (None, ""));
    assert_eq!(team.teams, ["vip care"]);
    assert_eq!(
        (updated.labels.as_slice(), updated.priority.as_str()),
        (&["billing".to_string()][..], "urgent")
    );
    assert_eq!(unread.unread_count, 5);
    assert_eq!(updated.latest_message.as_deref(), Some("Is the refund done?"));

    let LiveEvent::Mentioned(c) = event("conversation_mentioned") else { panic!() };
    assert_eq!((c.id.as_str(), c.name.as_str()), ("42", "Noa Cohen"));
}

#[test]
fn typing_says_who_and_whether_an_agent() {
    assert_eq!(
        event("typing_on_contact"),
        LiveEvent::Typing { conversation_id: "42".into(), who: "Noa Cohen".into(), agent: false, on: true }
    );
    assert_eq!(
        event("typing_off_agent_note"),
        LiveEvent::Typing { conversation_id: "42".into(), who: "Dana Levi".into(), agent: true, on: false }
    );
}

#[test]
fn notification_events_move_the_badge() {
    let LiveEvent::Notification { change, notification, unread_count, count } = event("notification_created")
    else {
        panic!()
    };
    assert_eq!((change, unread_count, count), (NotificationChange::Created, 2, 3));
    let n = notification.unwrap();
    assert_eq!((n.id.as_str(), n.conversation_id.as_deref(), n.is_read), ("5013", Some("42"), false));
    assert_eq!(
        (n.title.as_str(), n.from.as_str()),
        ("A new message is created in conversation (#42)", "Noa Cohen")
    );
    assert_eq!(n.kind, 3, "assigned_conversation_new_message");

    let LiveEvent::Notification { change, notification, unread_count, count } = event("notification_deleted")
    else {
        panic!()
    };
    assert_eq!((change, unread_count, count), (NotificationChange::Deleted, 1, 2));
    assert_eq!(notification.map(|n| n.id), Some("5012".into()));
}

#[test]
fn a_contact_update_carries_the_contact() {
    let LiveEvent::ContactUpdated(c) = event("contact_updated") else { panic!() };
    assert_eq!((c.id.as_str(), c.email.as_str()), ("118", "noa@example.net"));
}

#[test]
fn other_accounts_unknown_events_and_bad_data_are_skipped() {
    assert_eq!(decoded("other_account_message"), Err(Skipped::OtherAccount(Some(2))));
    assert_eq!(decoded("no_account"), Err(Skipped::OtherAccount(None)));
    assert!(decoded("account_as_string").is_ok(), "\"1\" is account 1");
    assert_eq!(decoded("presence_update"), Err(Skipped::Unknown("presence.update".into())));
    assert!(
        matches!(decoded("undecodable_message"), Err(Skipped::Undecodable { ref event, .. }) if event == "message.created")
    );
    // The same frames for account 2: its message passes, account 1's are dropped.
    let frames = imbox_testkit::json("chatwoot/cable-events.json");
    assert!(decode_event(&frames["other_account_message"]["message"], 2).is_ok());
    assert_eq!(
        decode_event(&frames["message_created_incoming"]["message"], 2),
        Err(Skipped::OtherAccount(Some(1)))
    );
    // Shapes no server sends are skipped, not fatal.
    for junk in [
        Value::Null,
        serde_json::json!("text"),
        serde_json::json!({"event": 5}),
        serde_json::json!({"data": []}),
    ] {
        assert!(decode_event(&junk, 1).is_err(), "{junk}");
    }
}

#[test]
fn hostile_text_arrives_inert() {
    for name in ["hostile_message", "hostile_typing"] {
        let shown = format!("{:?}", event(name));
        for c in shown.chars() {
            assert!(!c.is_control() || c == '\n', "{name}: control character {c:?} in {shown}");
        }
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{9b}') && !shown.contains('\u{202e}'),
            "{shown}"
        );
    }
    let LiveEvent::MessageCreated { message, .. } = event("hostile_message") else { panic!() };
    assert!(
        message.sender_name.starts_with("Noa") && !message.sender_name.contains('\n'),
        "{}",
        message.sender_name
    );
    let LiveEvent::Typing { who, .. } = event("hostile_typing") else { panic!() };
    assert!(who.ends_with("Eve"), "{who}");
}
