//! The iMBRACE client against the real embedded demo server over loopback: the conversation
//! endpoints of seed 000 (messages, links by phone number).

use super::demo::{ids, start};
use imbox_api::ApiError;
use imbox_demo::seeds::{F262_CONV, SCALE_CONV, SCALE_MESSAGES};
use imbox_model::{MessageBody, ReplyButton};
use std::collections::HashSet;

#[tokio::test]
async fn messages_of_the_seed_thread_newest_first_and_paged_deep() {
    let d = start().await;
    let page = d.client.conversation_messages(F262_CONV, 10, 0).await.unwrap();
    assert_eq!((page.items.len(), page.total, page.has_more), (10, 304, true));
    let seed_ids = ids(&imbox_testkit::json("imbrace/000_messages.json")["items"]);
    let got: Vec<String> = page.items[..3].iter().map(|m| m.id.clone()).collect();
    assert_eq!(got, seed_ids);
    let payload = |i: usize| format!("{i}_iMBrace x DEV - Imbrace TW");
    assert_eq!(
        page.items[0].body,
        MessageBody::QuickReply { title: "Red".into(), payload: payload(0), description: String::new() }
    );
    assert_eq!(
        page.items[1].body,
        MessageBody::Response {
            title: String::new(),
            text: "Jane test MC from Postman".into(),
            buttons: ["Red", "Blue", "White"]
                .iter()
                .enumerate()
                .map(|(i, t)| ReplyButton { id: i as i64, title: (*t).into(), payload: payload(i) })
                .collect(),
            chosen: Vec::new(),
        }
    );
    assert_eq!(page.items[2].body, MessageBody::Text { text: "okokokokokok".into(), is_mail: false });
    assert!(page.items.iter().all(|m| m.conversation_id == F262_CONV));

    // Pages are contiguous: 10 + 10 = the first 20.
    let twenty = d.client.conversation_messages(F262_CONV, 20, 0).await.unwrap();
    let next = d.client.conversation_messages(F262_CONV, 10, 10).await.unwrap();
    let joined: Vec<_> = page.items.iter().chain(&next.items).cloned().collect();
    assert_eq!(twenty.items, joined);

    // Deep in the thread: older than everything before it, and the end is reached.
    let deep = d.client.conversation_messages(F262_CONV, 10, 250).await.unwrap();
    assert_eq!((deep.items.len(), deep.has_more), (10, true));
    let newest_deep = deep.items[0].created_at.unwrap();
    assert!(twenty.items.iter().all(|m| m.created_at.unwrap() >= newest_deep));
    let tail = d.client.conversation_messages(F262_CONV, 10, 300).await.unwrap();
    assert_eq!((tail.items.len(), tail.total, tail.has_more), (4, 304, false));
    let seen: HashSet<&str> =
        twenty.items.iter().chain(&deep.items).chain(&tail.items).map(|m| m.id.as_str()).collect();
    assert_eq!(seen.len(), 34, "pages overlap");

    let scale = d.client.conversation_messages(SCALE_CONV, 5, 0).await.unwrap();
    assert_eq!((scale.items.len(), scale.total, scale.has_more), (5, u64::from(SCALE_MESSAGES), true));
    let end = d.client.conversation_messages(SCALE_CONV, 5, u64::from(SCALE_MESSAGES) - 2).await.unwrap();
    assert_eq!((end.items.len(), end.has_more), (2, false));

    let err = d.client.conversation_messages("conv_nope", 10, 0).await.unwrap_err();
    assert!(
        matches!(err, ApiError::NotFound { ref message, .. } if message == "Conversation not found"),
        "{err:?}"
    );
}

#[tokio::test]
async fn links_by_phone_number_carry_parsed_conversation_ids() {
    let d = start().await;
    let numbers = ["886911425977".to_string(), "12345678".to_string()];
    let links = d.client.conversation_links(&numbers, "org_imbrace").await.unwrap();
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].phone_number, "886911425977");
    let convs: Vec<Option<String>> = links[0].links.iter().map(|l| l.conversation_id.clone()).collect();
    assert_eq!(
        convs,
        [
            "conv_85130be2-db16-435e-910e-8c21b5cb2044",
            "conv_e2db3e49-a82a-43ef-912c-345e123d2b19",
            "conv_205e3bc5-774a-45fc-b604-2a762a86262f",
        ]
        .map(|c| Some(c.to_string()))
    );
    assert!(links[0].links.iter().all(|l| l.created_at.is_some() && l.link.contains("conv_id=conv_")));
    assert_eq!(links[1].phone_number, "12345678");
    assert!(links[1].links.is_empty());

    // A linked conversation is a real thread of the demo.
    let id = convs[0].as_deref().unwrap();
    let thread = d.client.conversation_messages(id, 1, 0).await.unwrap();
    assert_eq!(thread.items[0].conversation_id, id);

    // Asked alone, a number without conversations is the documented 404.
    let err = d.client.conversation_links(&["12345678".to_string()], "org_imbrace").await.unwrap_err();
    assert!(
        matches!(err, ApiError::NotFound { ref message, .. } if message == "No conversations found for the provided phone numbers"),
        "{err:?}"
    );
    let err = d.client.conversation_links(&[], "org_imbrace").await.unwrap_err();
    assert!(
        matches!(err, ApiError::BadRequest { status: 400, ref message, .. } if message == "phone_numbers is required"),
        "{err:?}"
    );
}

#[tokio::test]
async fn generated_message_types_decode_to_populated_bodies() {
    let d = start().await;
    let mut seen = HashSet::new();
    let mut skip = 0;
    while skip < 2000 && seen.len() < 8 {
        let page = d.client.conversation_messages(SCALE_CONV, 200, skip).await.unwrap();
        skip += page.items.len() as u64;
        for m in page.items {
            let kind = match &m.body {
                MessageBody::Text { text, .. } => {
                    assert!(!text.is_empty(), "{m:?}");
                    "text"
                }
                MessageBody::QuickReply { title, .. } => {
                    assert!(!title.is_empty(), "{m:?}");
                    "quick_reply"
                }
                MessageBody::Response { buttons, .. } => {
                    assert!(!buttons.is_empty(), "{m:?}");
                    "response"
                }
                MessageBody::Image { url, extension, .. } => {
                    assert!(url.starts_with("https://") && !extension.is_empty(), "{m:?}");
                    "image"
                }
                MessageBody::File { caption, url, .. } => {
                    assert!(url.starts_with("https://") && !caption.is_empty(), "{m:?}");
                    "file"
                }
                MessageBody::Location { latitude, longitude, address } => {
                    assert!(latitude.is_some() && longitude.is_some() && !address.is_empty(), "{m:?}");
                    "location"
                }
                MessageBody::ContactCard { name, phone, .. } => {
                    assert!(!name.is_empty() && !phone.is_empty(), "{m:?}");
                    "contact"
                }
                MessageBody::Activity { .. } | MessageBody::Cards { .. } | MessageBody::Form { .. } => {
                    panic!("the iMBRACE demo sends no Chatwoot-only message kinds: {m:?}")
                }
                MessageBody::Unsupported { kind, .. } => {
                    assert_eq!(kind, "sticker", "{m:?}");
                    "sticker"
                }
            };
            seen.insert(kind);
        }
    }
    let mut seen: Vec<&str> = seen.into_iter().collect();
    seen.sort_unstable();
    assert_eq!(seen, ["contact", "file", "image", "location", "quick_reply", "response", "sticker", "text"]);
}
