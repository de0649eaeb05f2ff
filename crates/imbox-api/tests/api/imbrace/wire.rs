//! Every example body of the iMBRACE seeds decodes through the wire types into the domain model
//! with the content the seeds show; and the wire types tolerate what real servers send instead.

use imbox_api::imbrace::wire::{
    CommentList, ContactList, ConversationList, LinksResponse, MessageList, NotificationList, UploadResponse,
    WireContact, WireFile, WireMessage, message_body,
};
use imbox_model::{Contact, ContactFile, ContactUpdate, Message, MessageBody, ReplyButton, Sender};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Decodes like the client does, so a failure names the JSON path.
fn decode<T: DeserializeOwned>(name: &str) -> T {
    let body = imbox_testkit::bytes(&format!("imbrace/{name}"));
    let mut de = serde_json::Deserializer::from_slice(&body);
    serde_path_to_error::deserialize(&mut de).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn from_value<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

/// Every fixture a test below reads; `every_fixture_is_covered` keeps this list honest.
const COVERED: &[&str] = &[
    "000_error_conversation_id_required.json",
    "000_error_conversation_not_found.json",
    "000_error_no_links.json",
    "000_error_organization_id_required.json",
    "000_error_phone_numbers_required.json",
    "000_error_unauthorized.json",
    "000_links.json",
    "000_messages.json",
    "002_comments.json",
    "002_contact_conversations.json",
    "002_contact_files.json",
    "002_contacts.json",
    "002_conversations_by_channel_web.json",
    "002_error_not_found.json",
    "002_notifications.json",
    "002_notifications_dismiss_request.json",
    "002_notifications_read_request.json",
    "002_search_empty.json",
    "002_update_contact_request.json",
    "002_update_contact_response.json",
    "002_upload.json",
];

#[test]
fn every_fixture_is_covered() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(imbox_testkit::path("imbrace"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    let covered: BTreeSet<String> = COVERED.iter().map(|s| s.to_string()).collect();
    assert_eq!(on_disk, covered, "a fixture was added or removed without a test");
}

#[test]
fn messages_fixture() {
    let page = decode::<MessageList>("000_messages.json").into_page(0);
    assert_eq!(page.items.len(), 3);
    assert_eq!(page.total, 304);
    assert!(page.has_more);

    let first = &page.items[0];
    assert_eq!(first.id, "msg_c41ae57d-a851-4556-b79b-e9b3cce8e2d9");
    assert_eq!(first.conversation_id, "conv_f262dad4-dcb1-44b9-8d7e-407b022dc4b7");
    assert_eq!(first.sender, Sender::Contact);
    assert_eq!(first.created_at.map(|t| t.to_string()).as_deref(), Some("2024-12-10T09:53:17.127Z"));
    assert_eq!(
        first.body,
        MessageBody::QuickReply {
            title: "Red".into(),
            payload: "0_iMBrace x DEV - Imbrace TW".into(),
            description: String::new(),
        }
    );

    let second = &page.items[1];
    assert_eq!(second.sender, Sender::Agent);
    let button = |id: i64, title: &str| ReplyButton {
        id,
        title: title.into(),
        payload: format!("{id}_iMBrace x DEV - Imbrace TW"),
    };
    assert_eq!(
        second.body,
        MessageBody::Response {
            title: String::new(),
            text: "Jane test MC from Postman".into(),
            buttons: vec![button(0, "Red"), button(1, "Blue"), button(2, "White")],
            chosen: Vec::new(),
        }
    );

    assert_eq!(page.items[2].body, MessageBody::Text { text: "okokokokokok".into(), is_mail: false });
}

#[test]
fn message_page_uses_skip_when_has_more_is_missing() {
    let list: MessageList = from_value(json!({"items": [{"type": "text"}], "count": 12}));
    let page = list.into_page(10);
    assert_eq!((page.total, page.has_more), (12, true));
    let list: MessageList = from_value(json!({"items": [{"type": "text"}], "count": 11}));
    assert!(!list.into_page(10).has_more);
}

#[test]
fn contacts_fixture() {
    let page = decode::<ContactList>("002_contacts.json").into_page(0);
    assert_eq!(page.items.len(), 10);
    assert_eq!(page.total, 65681);
    assert!(page.has_more);
    let first = &page.items[0];
    assert_eq!(first.id, "con_66d67483-8982-43d6-acbe-139568688add");
    assert_eq!(first.display_name, "UNK#DO1695");
    assert_eq!(first.time_zone, "Asia/Saigon");
    assert_eq!(first.language, "en");
    assert_eq!(first.organization_id, "org_imbrace");
    assert_eq!(first.updated_at, None);
    assert!(first.last_seen.is_some());
    assert!(first.created_at.is_some());
    // Non-empty unknown fields are kept for the details view; empty ones and noise are not.
    assert!(first.extra.contains(&("business_unit_id".into(), "bu_imbrace_testing".into())));
    assert!(first.extra.iter().all(|(k, _)| k != "object_name" && k != "title"));
    assert_eq!(page.items[9].display_name, "UNK#TL3680");
}

#[test]
fn search_empty_fixture() {
    let page = decode::<ContactList>("002_search_empty.json").into_page(0);
    assert!(page.items.is_empty());
    assert_eq!(page.total, 0);
    assert!(!page.has_more);
}

#[test]
fn update_contact_fixtures() {
    let contact = Contact::from(decode::<WireContact>("002_update_contact_response.json"));
    assert_eq!(contact.id, "con_32a507dd-dc57-49a9-8456-7fb9c48d2a41");
    assert_eq!(contact.gender, "Male");
    assert_eq!(contact.display_name, "Hi Bye Bye");
    assert_eq!(contact.area_code, "852");
    assert_eq!(contact.phone_number, "88888888");
    assert_eq!(contact.last_seen, None, "last_seen is \"\" in the seed");
    assert!(contact.updated_at.is_some());
    assert!(contact.extra.iter().all(|(k, _)| k != "action"));

    // The request body the seed shows is exactly what ContactUpdate serializes to.
    let update = ContactUpdate {
        email: Some("abc@imbrace.co".into()),
        avatar_url: Some("https://imbrace-uat.s3.ap-east-1.amazonaws.com/contact/org_imbrace/file_wYDqtXuHdyuhwDVTPRi9LKTMQB.png".into()),
        gender: Some("m".into()),
        first_name: Some("Hi".into()),
        last_name: Some("Bye Bye".into()),
        language: Some("en".into()),
        area_code: Some("852".into()),
        phone_number: Some("88888888".into()),
        remark: Some(String::new()),
    };
    let expected: Value = decode("002_update_contact_request.json");
    assert_eq!(serde_json::to_value(&update).unwrap(), expected);
    assert_eq!(serde_json::to_value(ContactUpdate::default()).unwrap(), json!({}));
}

#[test]
fn notification_request_fixtures_are_arrays_of_ids() {
    for name in ["002_notifications_read_request.json", "002_notifications_dismiss_request.json"] {
        let ids: Vec<String> = decode(name);
        assert_eq!(ids.len(), 2, "{name}");
        assert!(ids.iter().all(|id| id.starts_with("not_")), "{name}");
        // What the client sends for these ids is the same JSON.
        let expected: Value = decode(name);
        assert_eq!(serde_json::to_value(&ids).unwrap(), expected);
    }
}

#[test]
fn links_fixture() {
    let links = decode::<LinksResponse>("000_links.json").into_links();
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].phone_number, "886911425977");
    let ids: Vec<Option<&str>> = links[0].links.iter().map(|l| l.conversation_id.as_deref()).collect();
    assert_eq!(
        ids,
        vec![
            Some("conv_85130be2-db16-435e-910e-8c21b5cb2044"),
            Some("conv_e2db3e49-a82a-43ef-912c-345e123d2b19"),
            Some("conv_205e3bc5-774a-45fc-b604-2a762a86262f"),
        ]
    );
    assert!(links[0].links[0].link.starts_with("https://webapp.dev.imbrace.co/"));
    assert!(links[0].links.iter().all(|l| l.created_at.is_some()));
    assert_eq!(links[1].phone_number, "12345678");
    assert!(links[1].links.is_empty());
}

#[test]
fn links_prose_shape_is_accepted_and_merged_per_phone() {
    let body = json!({
        "data": [
            {"phone_number": "1", "conversation_id": "conv_a", "created_at": "2024-01-01T00:00:00Z"},
            {"phone_number": "1", "conversation_id": "conv_b", "contact_id": "con_x"},
            {"phone_number": "2", "conversation_id": ""}
        ],
        "count": 2, "found": 1, "not_found": ["3"]
    });
    let links = from_value::<LinksResponse>(body).into_links();
    assert_eq!(links.len(), 2);
    let ids: Vec<_> = links[0].links.iter().map(|l| l.conversation_id.clone().unwrap()).collect();
    assert_eq!(ids, vec!["conv_a", "conv_b"]);
    assert!(links[1].links.is_empty());
    assert!(from_value::<LinksResponse>(json!({})).into_links().is_empty());
    assert!(serde_json::from_value::<LinksResponse>(json!("nope")).is_err());
}

#[test]
fn notifications_fixture() {
    let page = decode::<NotificationList>("002_notifications.json").into_page(0);
    assert_eq!(page.unread_count, Some(595));
    assert_eq!(page.page.total, 618);
    assert!(page.page.has_more);
    assert_eq!(page.page.items.len(), 2);
    let handles: Vec<_> = page.page.items.iter().map(|n| n.handle_id.as_deref()).collect();
    assert_eq!(
        handles,
        vec![
            Some("tcu_96e47d5a-913e-4cd0-b3ae-4eadfb7d8f9b"),
            Some("tcu_812ca05d-6a38-46bb-b08e-973417228338"),
        ]
    );
    let first = &page.page.items[0];
    assert_eq!(first.id, "not_0b5ea835-177d-456c-b2b3-e7e9a838efe6");
    assert_eq!(first.title, "UNK#FR3184@16 Sep 2025");
    assert_eq!(first.from, "General");
    assert_eq!(first.kind, 201);
    assert!(!first.is_read);
    assert_eq!(first.channel_type, "web");
}

#[test]
fn contact_files_fixture() {
    let files: Vec<ContactFile> =
        decode::<Vec<WireFile>>("002_contact_files.json").into_iter().map(ContactFile::from).collect();
    // The seed lists "test aiaiai" and then file01..file20.
    assert_eq!(files.len(), 21);
    assert_eq!(files[0].id, "msg_ba947f15-3396-4530-9138-477af72804ec");
    assert_eq!(files[0].caption, "test aiaiai");
    assert_eq!(files[0].extension, "mpeg");
    assert_eq!(files[0].kind, "image");
    assert!(files[0].url.ends_with(".mpeg"));
    assert_eq!(files[20].caption, "file20");
    assert!(files.iter().all(|f| f.created_at.is_some()));
}

#[test]
fn contact_conversations_fixture() {
    let convs = decode::<ConversationList>("002_contact_conversations.json").into_conversations();
    assert_eq!(convs.len(), 1);
    let c = &convs[0];
    assert_eq!(c.id, "conv_31b75006-beac-49af-b3b3-b8591d3438e6");
    assert_eq!(c.handle_id, "tcu_f0a533ff-4813-4b74-bc70-8c68725e83db");
    assert_eq!(c.contact_id, "con_32a507dd-dc57-49a9-8456-7fb9c48d2a41");
    assert_eq!(c.channel_type, "web");
    assert_eq!(c.status, "pending");
    assert_eq!(c.name, "TWN#NJ9585@14 Nov 2024");
    assert_eq!(c.latest_message.as_deref(), Some("as"));
    assert_eq!(c.teams, vec!["Harris Grab mode long long long long", "General"]);
    assert_eq!(c.timestamp.map(|t| t.to_string()).as_deref(), Some("2024-12-07T07:54:40.91Z"));
}

#[test]
fn conversations_by_channel_fixture() {
    let convs = decode::<ConversationList>("002_conversations_by_channel_web.json").into_conversations();
    assert_eq!(convs.len(), 1);
    assert_eq!(convs[0].id, "conv_31b75006-beac-49af-b3b3-b8591d3438e6");
    assert_eq!(convs[0].latest_message, None);
    assert!(convs[0].teams.is_empty());
}

#[test]
fn comments_and_upload_fixtures() {
    assert!(decode::<CommentList>("002_comments.json").into_comments().is_empty());
    let comments: CommentList = from_value(json!({"data": [
        {"public_id": "cmc_1", "content": "call back\nlater", "created_by": "Ann", "created_at": "2024-01-01T00:00:00Z"},
        {"text": "second"},
        "not an object"
    ]}));
    let comments = comments.into_comments();
    assert_eq!(comments.len(), 3);
    assert_eq!(comments[0].id, "cmc_1");
    assert_eq!(comments[0].text, "call back\nlater");
    assert_eq!(comments[0].author, "Ann");
    assert!(comments[0].created_at.is_some());
    assert_eq!(comments[1].text, "second");
    assert_eq!(comments[2].text, "");

    let upload: UploadResponse = decode("002_upload.json");
    assert_eq!(
        upload.url.as_deref(),
        Some(
            "https://imbrace-uat.s3.ap-east-1.amazonaws.com/contact/org_imbrace/file_5W9XPQ96XguTW4jhh5dca15rQU.png"
        )
    );
}

#[test]
fn error_fixtures_carry_their_message() {
    let cases = [
        ("000_error_conversation_id_required.json", "conversation_id is required"),
        ("000_error_conversation_not_found.json", "Conversation not found"),
        ("000_error_no_links.json", "No conversations found for the provided phone numbers"),
        ("000_error_organization_id_required.json", "organization_id is required"),
        ("000_error_phone_numbers_required.json", "phone_numbers is required"),
        ("000_error_unauthorized.json", "Unauthorized"),
        ("002_error_not_found.json", "Not Found"),
    ];
    for (name, message) in cases {
        assert_eq!(
            imbox_api::http::server_message(&imbox_testkit::bytes(&format!("imbrace/{name}"))),
            message,
            "{name}"
        );
    }
}

#[test]
fn missing_and_null_fields_give_empty_values() {
    assert!(from_value::<MessageList>(json!({})).into_page(0).items.is_empty());
    let page = from_value::<ContactList>(json!({"data": null, "count": null, "has_more": null})).into_page(0);
    assert_eq!((page.items.len(), page.total, page.has_more), (0, 0, false));
    let page = from_value::<NotificationList>(json!({})).into_page(0);
    assert_eq!(page.unread_count, None, "absent is unknown, not 0");
    assert!(from_value::<ConversationList>(json!({})).into_conversations().is_empty());
    assert!(from_value::<CommentList>(json!({"data": null})).into_comments().is_empty());

    let contact = Contact::from(from_value::<WireContact>(json!({
        "id": null, "display_name": null, "updated_at": null, "last_seen": "", "created_at": "garbage"
    })));
    assert_eq!(contact, Contact::default());

    let message = Message::from(from_value::<WireMessage>(json!({})));
    assert_eq!(message.id, "");
    assert_eq!(message.sender, Sender::Other);
    assert!(matches!(message.body, MessageBody::Unsupported { ref kind, .. } if kind == "(none)"));

    let convs = from_value::<ConversationList>(json!({"data": [{}]})).into_conversations();
    assert_eq!(convs.len(), 1);
    assert_eq!(convs[0].id, "");
}

#[test]
fn extra_fields_are_ignored_or_kept_as_details() {
    let list: MessageList = from_value(json!({
        "items": [{"public_id": "msg_1", "type": "text", "content": {"text": "hi", "font": "big"}, "reactions": [1]}],
        "count": 1, "cursor": "abc"
    }));
    let page = list.into_page(0);
    assert_eq!(page.items[0].body, MessageBody::Text { text: "hi".into(), is_mail: false });
    let contact = Contact::from(from_value::<WireContact>(json!({
        "id": "con_1", "vip": true, "score": 7, "tags": ["a"], "empty": "", "none": null
    })));
    assert_eq!(
        contact.extra,
        vec![
            ("score".to_string(), "7".to_string()),
            ("tags".to_string(), "[\"a\"]".to_string()),
            ("vip".to_string(), "true".to_string()),
        ]
    );
}

#[test]
fn unknown_message_type_is_unsupported_with_its_name() {
    let message = Message::from(from_value::<WireMessage>(json!({
        "type": "sticker", "content": {"sticker_id": 42}
    })));
    match message.body {
        MessageBody::Unsupported { kind, raw } => {
            assert_eq!(kind, "sticker");
            assert!(raw.contains("sticker_id"), "{raw}");
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }
    // Type names are server text too: sanitized.
    let body = message_body("evil\u{1b}[2J", &Value::Null);
    assert_eq!(body.preview(), "unsupported: evil␛[2J");
}

#[test]
fn other_message_types_decode() {
    let image =
        message_body("image", &json!({"caption": "cat", "url": "https://x/cat.png", "extension": "png"}));
    assert_eq!(
        image,
        MessageBody::Image {
            caption: "cat".into(),
            url: "https://x/cat.png".into(),
            extension: "png".into()
        }
    );
    let file = message_body("file", &json!({"name": "a.pdf", "file_url": "https://x/a.pdf"}));
    assert_eq!(
        file,
        MessageBody::File {
            caption: "a.pdf".into(),
            url: "https://x/a.pdf".into(),
            extension: String::new()
        }
    );
    let location = message_body("location", &json!({"lat": "22.3", "lng": 114.2, "address": "HK"}));
    assert_eq!(
        location,
        MessageBody::Location { latitude: Some(22.3), longitude: Some(114.2), address: "HK".into() }
    );
    let card =
        message_body("contact", &json!({"first_name": "Jane", "last_name": "Doe", "phone": 85212345678u64}));
    assert_eq!(
        card,
        MessageBody::ContactCard {
            name: "Jane Doe".into(),
            phone: "85212345678".into(),
            email: String::new()
        }
    );
}

#[test]
fn wrong_shape_content_never_panics() {
    let kinds = ["text", "quick_reply", "response", "image", "file", "location", "contact", "sticker", ""];
    let contents = [
        Value::Null,
        json!("just a string"),
        json!(5),
        json!(true),
        json!([1, 2, 3]),
        json!({"text": {"nested": 1}, "is_mail": "yes"}),
        json!({"quick_replies": "not a list"}),
        json!({"quick_replies": [1, null, {"id": "x", "title": ["t"]}, {"title": "ok"}]}),
        json!({"latitude": "north", "longitude": {}}),
        json!({"title": null, "url": 12}),
    ];
    for kind in kinds {
        for content in &contents {
            let body = message_body(kind, content);
            let _ = body.preview();
        }
    }
    // And the oddities give sensible values rather than garbage.
    match message_body("response", &json!({"quick_replies": [1, {"id": "x", "title": "ok"}]})) {
        MessageBody::Response { buttons, .. } => {
            assert_eq!(buttons.len(), 2);
            assert_eq!(buttons[1].id, 1, "a non-numeric id falls back to the position");
            assert_eq!(buttons[1].title, "ok");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        message_body("text", &json!({"text": {"nested": 1}, "is_mail": "yes"})),
        MessageBody::Text { text: String::new(), is_mail: false }
    );
}

#[test]
fn notification_kind_may_be_a_string() {
    let page = from_value::<NotificationList>(json!({
        "data": [{"id": "not_1", "type": "201", "action_to": {"team_conversation_user_id": ""}}]
    }))
    .into_page(0);
    assert_eq!(page.page.items[0].kind, 201);
    assert_eq!(page.page.items[0].handle_id, None);
}

#[test]
fn server_text_is_sanitized_on_the_way_in() {
    let contact = Contact::from(from_value::<WireContact>(json!({
        "display_name": "\u{1b}]52;c;cGF5\u{7}Eve\u{202e}",
        "remark": "line1\r\nline2"
    })));
    assert!(!contact.display_name.contains('\u{1b}'));
    assert!(!contact.display_name.contains('\u{202e}'));
    assert!(contact.display_name.ends_with("Eve"));
    assert_eq!(contact.remark, "line1\nline2");
}
