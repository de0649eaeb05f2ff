//! Property tests for the Chatwoot wire types: random text and mutated fixtures never panic a
//! decoder, and whatever decodes reaches the domain model sanitized (no escape or bidi control
//! survives into any field).

use imbox_api::chatwoot::wire;
use imbox_model::{CannedResponse, Contact, Message, Notification};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::HashMap;

const FIXTURES: [&str; 12] = [
    "answer-agents.json",
    "answer-canned-responses.json",
    "answer-conversation-labels.json",
    "answer-message-create.json",
    "answer-profile.json",
    "constructed-contacts-search.json",
    "constructed-conversation-show.json",
    "constructed-conversations-list.json",
    "constructed-messages-index.json",
    "constructed-notifications-index.json",
    "seed003-conversation-show.json",
    "seed004-conversations-list.json",
];

/// Fails when a control the sanitizer removes shows up in a decoded value's Debug form.
fn assert_clean(what: &impl std::fmt::Debug) {
    let shown = format!("{what:?}");
    for bad in ["\\u{1b}", "\\u{7}", "\\u{202e}", "\\u{9b}"] {
        assert!(!shown.contains(bad), "{bad} survived: {shown}");
    }
}

/// Every decoder the Chatwoot client uses, through to the domain model.
fn decode_all(text: &str) {
    let names = HashMap::new();
    if let Ok(v) = serde_json::from_str::<wire::ConversationList>(text) {
        let (counts, items) = v.into_parts();
        let items: Vec<_> = items.into_iter().map(|c| c.into_conversation(&names)).collect();
        assert_clean(&(counts, items));
    }
    if let Ok(v) = serde_json::from_str::<wire::WireConversation>(text) {
        assert_clean(&v.into_conversation(&names));
    }
    if let Ok(v) = serde_json::from_str::<wire::MessageList>(text) {
        let items: Vec<Message> = v.payload.unwrap_or_default().into_iter().map(Message::from).collect();
        assert_clean(&items);
    }
    if let Ok(v) = serde_json::from_str::<wire::ContactList>(text) {
        let items: Vec<Contact> = v.payload.unwrap_or_default().into_iter().map(Contact::from).collect();
        assert_clean(&items);
    }
    if let Ok(v) = serde_json::from_str::<wire::NotificationList>(text) {
        let items: Vec<Notification> = v.into_parts().1.into_iter().map(Notification::from).collect();
        assert_clean(&items);
    }
    if let Ok(v) = serde_json::from_str::<wire::WireMessage>(text) {
        assert_clean(&Message::from(v));
    }
    if let Ok(v) = serde_json::from_str::<wire::WireAgent>(text) {
        assert_clean(&v.into_agent(Some(1)));
    }
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        assert_clean(&wire::NamedList::from_value(v.clone()).pairs());
        let agents: Vec<_> =
            wire::list_items::<wire::WireAgent>(v.clone()).into_iter().map(|a| a.into_agent(None)).collect();
        assert_clean(&agents);
        let canned: Vec<CannedResponse> =
            wire::list_items::<wire::WireCanned>(v.clone()).into_iter().map(CannedResponse::from).collect();
        assert_clean(&canned);
        assert_clean(&wire::label_titles(v));
    }
}

/// Every leaf replaced according to `seed`: hostile strings, wrong types, nulls, lost keys.
fn mutate(v: &Value, seed: &mut u64) -> Value {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let roll = (*seed >> 33) % 10;
    match v {
        Value::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, v) in m {
                *seed = seed.rotate_left(7) ^ 0x9e37;
                if !seed.is_multiple_of(11) {
                    out.insert(k.clone(), mutate(v, seed));
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(|v| mutate(v, seed)).collect()),
        _ if roll == 0 => Value::Null,
        _ if roll == 1 => Value::String("\u{1b}]0;x\u{7}\u{202e}\u{9b}".into()),
        _ if roll == 2 => serde_json::json!(-1),
        _ if roll == 3 => serde_json::json!({"nested": [1, "two", null]}),
        _ if roll == 4 => serde_json::json!(u64::MAX),
        _ if roll == 5 => serde_json::json!(1e300),
        other => other.clone(),
    }
}

#[test]
fn scalar_leaves_of_the_wrong_type_never_fail_a_page() {
    // Turn every scalar leaf into a string and back into a number where it can: the pages
    // still decode, because scalars are read leniently.
    fn stringify(v: &Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), stringify(v))).collect()),
            Value::Array(a) => Value::Array(a.iter().map(stringify).collect()),
            Value::Number(n) => Value::String(n.to_string()),
            Value::Bool(b) => Value::String(b.to_string()),
            other => other.clone(),
        }
    }
    // The answering fixtures are not pages (bare arrays, one object): read by their own decoders.
    let agents = stringify(&imbox_testkit::json("chatwoot/answer-agents.json"));
    let ids: Vec<u64> =
        wire::list_items::<wire::WireAgent>(agents).into_iter().map(|a| a.into_agent(None).id).collect();
    assert_eq!(ids, [7, 8, 9]);
    let sent = stringify(&imbox_testkit::json("chatwoot/answer-message-create.json")).to_string();
    let m = Message::from(serde_json::from_str::<wire::WireMessage>(&sent).unwrap());
    assert_eq!((m.private, m.in_reply_to.as_deref(), m.attachments.len()), (true, Some("9070"), 1));
    for name in FIXTURES.iter().filter(|n| !n.starts_with("answer-")) {
        let text = stringify(&imbox_testkit::json(&format!("chatwoot/{}", name))).to_string();
        let list: wire::ConversationList =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let _ = list.into_parts();
        let messages: wire::MessageList =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let _ = messages.payload;
        let notes: wire::NotificationList =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let _ = notes.into_parts();
    }
    let list: wire::ConversationList = serde_json::from_str(
        &stringify(&imbox_testkit::json("chatwoot/constructed-conversations-list.json")).to_string(),
    )
    .unwrap();
    let (counts, items) = list.into_parts();
    assert_eq!(counts.all, 2, "\"2\" is a count too");
    assert_eq!(items[0].display_id(), "42");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_a_decoder(text in ".{0,400}") {
        decode_all(&text);
    }

    #[test]
    fn mutated_fixtures_never_panic_and_stay_sanitized(which in 0usize..FIXTURES.len(), seed in any::<u64>(), cut in any::<usize>()) {
        let mut s = seed;
        let mutated = mutate(&imbox_testkit::json(&format!("chatwoot/{}", FIXTURES[which])), &mut s).to_string();
        decode_all(&mutated);
        let mut at = cut % (mutated.len() + 1);
        while !mutated.is_char_boundary(at) {
            at -= 1;
        }
        decode_all(&mutated[..at]);
    }
}
