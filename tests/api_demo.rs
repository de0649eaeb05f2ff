//! The iMBRACE client against the real embedded demo server over loopback: the read endpoints.
//! Writes are in `api_demo_writes.rs`, faults in `api_demo_faults.rs`.

mod api_demo_common;

use api_demo_common::{fixture, ids, start};
use imbox::api::ApiError;
use imbox::demo::seeds::{F262_CONV, PHONE_CONTACT, SCALE_CONV, SCALE_MESSAGES, TWN_CONTACT};
use imbox::model::{MessageBody, ReplyButton};
use std::collections::HashSet;

const TWN_CONV: &str = "conv_31b75006-beac-49af-b3b3-b8591d3438e6";

#[tokio::test]
async fn contacts_first_page_is_the_seed_and_paging_reaches_the_last_page() {
    let d = start().await;
    let first = d.client.contacts(10, 0, "-created_at").await.unwrap();
    let got: Vec<String> = first.items.iter().map(|c| c.id.clone()).collect();
    assert_eq!(got, ids(&fixture("002_contacts.json")["data"]));
    assert_eq!(first.items[0].display_name, "UNK#DO1695");
    assert_eq!(first.items[0].updated_at, None, "seed has updated_at: null");
    assert_eq!((first.total, first.has_more), (300, true));

    // Walk every page: 300 distinct contacts, newest first across page boundaries.
    let mut all = Vec::new();
    let mut skip = 0;
    loop {
        let page = d.client.contacts(70, skip, "-created_at").await.unwrap();
        assert_eq!(page.total, 300);
        skip += page.items.len() as u64;
        all.extend(page.items);
        if !page.has_more {
            break;
        }
    }
    assert_eq!(all.len(), 300);
    let distinct: HashSet<&str> = all.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(distinct.len(), 300);
    assert!(
        all.windows(2)
            .all(|w| w[0].created_at.unwrap() >= w[1].created_at.unwrap()),
        "contacts are not newest first"
    );
    // The last page: short, nothing after it, and its items are the tail of the walk.
    let last = d.client.contacts(10, 295, "-created_at").await.unwrap();
    assert_eq!((last.items.len(), last.has_more), (5, false));
    assert_eq!(last.items, all[295..].to_vec());
    let past = d.client.contacts(10, 300, "-created_at").await.unwrap();
    assert!(past.items.is_empty() && !past.has_more);
}

#[tokio::test]
async fn contact_conversations_of_twn_and_the_channel_filter() {
    let d = start().await;
    // An empty slice asks for all seven channel types.
    let all = d
        .client
        .contact_conversations(TWN_CONTACT, &[])
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    let c = &all[0];
    assert_eq!(c.id, TWN_CONV);
    assert_eq!(c.handle_id, "tcu_f0a533ff-4813-4b74-bc70-8c68725e83db");
    assert_eq!(c.contact_id, TWN_CONTACT);
    assert_eq!(
        (c.channel_type.as_str(), c.status.as_str()),
        ("web", "pending")
    );
    assert_eq!(c.name, "TWN#NJ9585@14 Nov 2024");
    assert_eq!(c.latest_message.as_deref(), Some("as"));
    assert_eq!(c.teams, ["Harris Grab mode long long long long", "General"]);

    let web = d
        .client
        .contact_conversations(TWN_CONTACT, &["web".to_string()])
        .await
        .unwrap();
    assert_eq!(web, all);
    let none = d
        .client
        .contact_conversations(TWN_CONTACT, &["whatsapp".to_string(), "line".to_string()])
        .await
        .unwrap();
    assert!(none.is_empty(), "{none:?}");

    let err = d
        .client
        .contact_conversations("con_does_not_exist", &[])
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::NotFound { ref message, .. } if message == "Not Found"),
        "{err:?}"
    );
}

#[tokio::test]
async fn messages_of_the_seed_thread_newest_first_and_paged_deep() {
    let d = start().await;
    let page = d
        .client
        .conversation_messages(F262_CONV, 10, 0)
        .await
        .unwrap();
    assert_eq!(
        (page.items.len(), page.total, page.has_more),
        (10, 304, true)
    );
    let seed_ids = ids(&fixture("000_messages.json")["items"]);
    let got: Vec<String> = page.items[..3].iter().map(|m| m.id.clone()).collect();
    assert_eq!(got, seed_ids);
    let payload = |i: usize| format!("{i}_iMBrace x DEV - Imbrace TW");
    assert_eq!(
        page.items[0].body,
        MessageBody::QuickReply {
            title: "Red".into(),
            payload: payload(0),
            description: String::new(),
        }
    );
    assert_eq!(
        page.items[1].body,
        MessageBody::Response {
            title: String::new(),
            text: "Jane test MC from Postman".into(),
            buttons: ["Red", "Blue", "White"]
                .iter()
                .enumerate()
                .map(|(i, t)| ReplyButton {
                    id: i as i64,
                    title: (*t).into(),
                    payload: payload(i),
                })
                .collect(),
        }
    );
    assert_eq!(
        page.items[2].body,
        MessageBody::Text {
            text: "okokokokokok".into(),
            is_mail: false,
        }
    );
    assert!(page.items.iter().all(|m| m.conversation_id == F262_CONV));

    // Pages are contiguous: 10 + 10 = the first 20.
    let twenty = d
        .client
        .conversation_messages(F262_CONV, 20, 0)
        .await
        .unwrap();
    let next = d
        .client
        .conversation_messages(F262_CONV, 10, 10)
        .await
        .unwrap();
    let joined: Vec<_> = page.items.iter().chain(&next.items).cloned().collect();
    assert_eq!(twenty.items, joined);

    // Deep in the thread: older than everything before it, and the end is reached.
    let deep = d
        .client
        .conversation_messages(F262_CONV, 10, 250)
        .await
        .unwrap();
    assert_eq!((deep.items.len(), deep.has_more), (10, true));
    let newest_deep = deep.items[0].created_at.unwrap();
    assert!(
        twenty
            .items
            .iter()
            .all(|m| m.created_at.unwrap() >= newest_deep)
    );
    let tail = d
        .client
        .conversation_messages(F262_CONV, 10, 300)
        .await
        .unwrap();
    assert_eq!(
        (tail.items.len(), tail.total, tail.has_more),
        (4, 304, false)
    );
    let seen: HashSet<&str> = twenty
        .items
        .iter()
        .chain(&deep.items)
        .chain(&tail.items)
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(seen.len(), 34, "pages overlap");

    let scale = d
        .client
        .conversation_messages(SCALE_CONV, 5, 0)
        .await
        .unwrap();
    assert_eq!(
        (scale.items.len(), scale.total, scale.has_more),
        (5, u64::from(SCALE_MESSAGES), true)
    );
    let end = d
        .client
        .conversation_messages(SCALE_CONV, 5, u64::from(SCALE_MESSAGES) - 2)
        .await
        .unwrap();
    assert_eq!((end.items.len(), end.has_more), (2, false));

    let err = d
        .client
        .conversation_messages("conv_nope", 10, 0)
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::NotFound { ref message, .. } if message == "Conversation not found"),
        "{err:?}"
    );
}

#[tokio::test]
async fn links_by_phone_number_carry_parsed_conversation_ids() {
    let d = start().await;
    let numbers = ["886911425977".to_string(), "12345678".to_string()];
    let links = d
        .client
        .conversation_links(&numbers, "org_imbrace")
        .await
        .unwrap();
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].phone_number, "886911425977");
    let convs: Vec<Option<String>> = links[0]
        .links
        .iter()
        .map(|l| l.conversation_id.clone())
        .collect();
    assert_eq!(
        convs,
        [
            "conv_85130be2-db16-435e-910e-8c21b5cb2044",
            "conv_e2db3e49-a82a-43ef-912c-345e123d2b19",
            "conv_205e3bc5-774a-45fc-b604-2a762a86262f",
        ]
        .map(|c| Some(c.to_string()))
    );
    assert!(
        links[0]
            .links
            .iter()
            .all(|l| l.created_at.is_some() && l.link.contains("conv_id=conv_"))
    );
    assert_eq!(links[1].phone_number, "12345678");
    assert!(links[1].links.is_empty());

    // A linked conversation is a real thread of the demo.
    let id = convs[0].as_deref().unwrap();
    let thread = d.client.conversation_messages(id, 1, 0).await.unwrap();
    assert_eq!(thread.items[0].conversation_id, id);

    // Asked alone, a number without conversations is the documented 404.
    let err = d
        .client
        .conversation_links(&["12345678".to_string()], "org_imbrace")
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::NotFound { ref message, .. } if message == "No conversations found for the provided phone numbers"),
        "{err:?}"
    );
    let err = d
        .client
        .conversation_links(&[], "org_imbrace")
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::BadRequest { status: 400, ref message, .. } if message == "phone_numbers is required"),
        "{err:?}"
    );
}

#[tokio::test]
async fn search_by_display_name_email_and_phone_and_paging() {
    let d = start().await;
    let by_name = d
        .client
        .search_contacts("NJ9585", "text", 10, 0)
        .await
        .unwrap();
    assert_eq!(by_name.total, 1);
    assert_eq!(by_name.items[0].id, TWN_CONTACT);
    assert_eq!(by_name.items[0].display_name, "TWN#NJ9585");

    let has = |page: &imbox::model::Page<imbox::model::Contact>, id: &str| {
        page.items.iter().any(|c| c.id == id)
    };
    let by_email = d
        .client
        .search_contacts("weiting.chen@gmail.com", "text", 10, 0)
        .await
        .unwrap();
    assert!(has(&by_email, PHONE_CONTACT), "{by_email:?}");
    let by_phone = d
        .client
        .search_contacts("886911425977", "text", 10, 0)
        .await
        .unwrap();
    assert!(has(&by_phone, PHONE_CONTACT), "{by_phone:?}");
    let local = d
        .client
        .search_contacts("911425977", "text", 10, 0)
        .await
        .unwrap();
    assert!(has(&local, PHONE_CONTACT), "{local:?}");

    // The seed's empty search: an empty q finds nothing.
    let empty = d.client.search_contacts("", "text", 10, 0).await.unwrap();
    assert!(empty.items.is_empty() && empty.total == 0 && !empty.has_more);

    // Paging a broad search: disjoint pages that add up to the total.
    let first = d.client.search_contacts("a", "text", 10, 0).await.unwrap();
    assert!(first.total > 20 && first.has_more, "{}", first.total);
    let mut seen = HashSet::new();
    let mut skip = 0;
    loop {
        let page = d
            .client
            .search_contacts("a", "text", 25, skip)
            .await
            .unwrap();
        assert_eq!(page.total, first.total);
        for c in &page.items {
            assert!(seen.insert(c.id.clone()), "{} twice", c.id);
        }
        skip += page.items.len() as u64;
        if !page.has_more {
            break;
        }
    }
    assert_eq!(seen.len() as u64, first.total);
}

#[tokio::test]
async fn comments_of_a_generated_contact_and_none_for_the_seed_pair() {
    let d = start().await;
    let seed = d
        .client
        .contact_comments(TWN_CONTACT, "cmc_a430220f-c132-4ea6-bf69-6a13b91d327b")
        .await
        .unwrap();
    assert!(seed.is_empty(), "{seed:?}");

    // One in five generated contacts has comments: find one in the first pages.
    let page = d.client.contacts(60, 0, "-created_at").await.unwrap();
    let mut found = None;
    for c in &page.items {
        let comments = d.client.contact_comments(&c.id, "cmc_any").await.unwrap();
        if !comments.is_empty() {
            found = Some(comments);
            break;
        }
    }
    let comments = found.expect("a contact with comments among the first 60");
    assert!((1..=3).contains(&comments.len()));
    for c in &comments {
        assert!(c.id.starts_with("cmc_"), "{c:?}");
        assert!(
            !c.text.is_empty() && !c.author.is_empty() && c.created_at.is_some(),
            "{c:?}"
        );
    }
}

#[tokio::test]
async fn contact_files_of_twn_are_the_seed_list() {
    let d = start().await;
    let files = d.client.contact_files(TWN_CONTACT).await.unwrap();
    let seed = fixture("002_contact_files.json");
    assert_eq!(files.len(), 21);
    let got: Vec<String> = files.iter().map(|f| f.id.clone()).collect();
    assert_eq!(got, ids(&seed));
    assert_eq!(files[0].caption, "test aiaiai");
    assert_eq!(files[0].extension, "mpeg");
    assert_eq!(files[0].kind, "image");
    assert_eq!(files[0].url, seed[0]["content"]["url"].as_str().unwrap());
    assert_eq!(files[20].caption, "file20");
    assert!(files.iter().all(|f| f.created_at.is_some()));
}

#[tokio::test]
async fn generated_message_types_decode_to_populated_bodies() {
    let d = start().await;
    let mut seen = HashSet::new();
    let mut skip = 0;
    while skip < 2000 && seen.len() < 8 {
        let page = d
            .client
            .conversation_messages(SCALE_CONV, 200, skip)
            .await
            .unwrap();
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
                    assert!(
                        url.starts_with("https://") && !extension.is_empty(),
                        "{m:?}"
                    );
                    "image"
                }
                MessageBody::File { caption, url, .. } => {
                    assert!(url.starts_with("https://") && !caption.is_empty(), "{m:?}");
                    "file"
                }
                MessageBody::Location {
                    latitude,
                    longitude,
                    address,
                } => {
                    assert!(
                        latitude.is_some() && longitude.is_some() && !address.is_empty(),
                        "{m:?}"
                    );
                    "location"
                }
                MessageBody::ContactCard { name, phone, .. } => {
                    assert!(!name.is_empty() && !phone.is_empty(), "{m:?}");
                    "contact"
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
    assert_eq!(
        seen,
        [
            "contact",
            "file",
            "image",
            "location",
            "quick_reply",
            "response",
            "sticker",
            "text"
        ]
    );
}
