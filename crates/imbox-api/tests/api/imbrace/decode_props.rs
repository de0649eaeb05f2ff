//! Property tests: random and mutated JSON through every decoder never panics (it may fail,
//! with an error, but never crash the app).

use imbox_api::imbrace::wire;
use proptest::prelude::*;
use serde_json::Value;

const FIXTURES: [&str; 8] = [
    "imbrace/000_messages.json",
    "imbrace/000_links.json",
    "imbrace/002_contacts.json",
    "imbrace/002_contact_conversations.json",
    "imbrace/002_notifications.json",
    "imbrace/002_contact_files.json",
    "imbrace/002_update_contact_response.json",
    "imbrace/002_comments.json",
];

/// Every decoder the client uses, through to the domain model.
fn decode_all(text: &str) {
    if let Ok(v) = serde_json::from_str::<wire::ContactList>(text) {
        let _ = v.into_page(0);
    }
    if let Ok(v) = serde_json::from_str::<wire::ConversationList>(text) {
        let _ = v.into_conversations();
    }
    if let Ok(v) = serde_json::from_str::<wire::MessageList>(text) {
        let _ = v.into_page(0);
    }
    if let Ok(v) = serde_json::from_str::<wire::NotificationList>(text) {
        let _ = v.into_page(0);
    }
    if let Ok(v) = serde_json::from_str::<wire::LinksResponse>(text) {
        let _ = v.into_links();
    }
    if let Ok(v) = serde_json::from_str::<wire::CommentList>(text) {
        let _ = v.into_comments();
    }
    if let Ok(v) = serde_json::from_str::<Vec<wire::WireFile>>(text) {
        let _: Vec<imbox_model::ContactFile> = v.into_iter().map(Into::into).collect();
    }
    if let Ok(v) = serde_json::from_str::<wire::WireContact>(text) {
        let _: imbox_model::Contact = v.into();
    }
}

/// A JSON value with every leaf replaced according to `seed`: strings become hostile or
/// empty, numbers flip sign or become strings, objects lose keys, nulls appear.
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
        _ if roll == 1 => Value::String("\u{1b}]0;x\u{7}\u{202e}".into()),
        _ if roll == 2 => serde_json::json!(-1),
        _ if roll == 3 => serde_json::json!({"nested": [1, "two", null]}),
        _ if roll == 4 => serde_json::json!(u64::MAX),
        _ if roll == 5 => Value::Bool(true),
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_a_decoder(text in ".{0,400}") {
        decode_all(&text);
    }

    #[test]
    fn mutated_fixtures_never_panic_a_decoder(which in 0usize..FIXTURES.len(), seed in any::<u64>(), cut in any::<usize>()) {
        let original: Value = serde_json::from_str(&imbox_testkit::text(FIXTURES[which])).expect("fixture is JSON");
        let mut s = seed;
        let mutated = mutate(&original, &mut s).to_string();
        decode_all(&mutated);
        // And the same body truncated anywhere (on a char boundary).
        let mut at = cut % (mutated.len() + 1);
        while !mutated.is_char_boundary(at) {
            at -= 1;
        }
        decode_all(&mutated[..at]);
    }
}
