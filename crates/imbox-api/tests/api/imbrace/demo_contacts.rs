//! The iMBRACE client against the real embedded demo server over loopback: the contact reads
//! (seed 002). Conversation reads (seed 000) are in `api_demo_conversations.rs`, writes in
//! `api_demo_writes.rs`, faults in `api_demo_faults.rs`.

use super::demo::{ids, start};
use imbox_api::ApiError;
use imbox_demo::seeds::{PHONE_CONTACT, TWN_CONTACT};
use std::collections::HashSet;

const TWN_CONV: &str = "conv_31b75006-beac-49af-b3b3-b8591d3438e6";

#[tokio::test]
async fn contacts_first_page_is_the_seed_and_paging_reaches_the_last_page() {
    let d = start().await;
    let first = d.client.contacts(10, 0, "-created_at").await.unwrap();
    let got: Vec<String> = first.items.iter().map(|c| c.id.clone()).collect();
    assert_eq!(got, ids(&imbox_testkit::json("imbrace/002_contacts.json")["data"]));
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
        all.windows(2).all(|w| w[0].created_at.unwrap() >= w[1].created_at.unwrap()),
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
    let all = d.client.contact_conversations(TWN_CONTACT, &[]).await.unwrap();
    assert_eq!(all.len(), 1);
    let c = &all[0];
    assert_eq!(c.id, TWN_CONV);
    assert_eq!(c.handle_id, "tcu_f0a533ff-4813-4b74-bc70-8c68725e83db");
    assert_eq!(c.contact_id, TWN_CONTACT);
    assert_eq!((c.channel_type.as_str(), c.status.as_str()), ("web", "pending"));
    assert_eq!(c.name, "TWN#NJ9585@14 Nov 2024");
    assert_eq!(c.latest_message.as_deref(), Some("as"));
    assert_eq!(c.teams, ["Harris Grab mode long long long long", "General"]);

    let web = d.client.contact_conversations(TWN_CONTACT, &["web".to_string()]).await.unwrap();
    assert_eq!(web, all);
    let none = d
        .client
        .contact_conversations(TWN_CONTACT, &["whatsapp".to_string(), "line".to_string()])
        .await
        .unwrap();
    assert!(none.is_empty(), "{none:?}");

    let err = d.client.contact_conversations("con_does_not_exist", &[]).await.unwrap_err();
    assert!(matches!(err, ApiError::NotFound { ref message, .. } if message == "Not Found"), "{err:?}");
}

#[tokio::test]
async fn search_by_display_name_email_and_phone_and_paging() {
    let d = start().await;
    let by_name = d.client.search_contacts("NJ9585", "text", 10, 0).await.unwrap();
    assert_eq!(by_name.total, 1);
    assert_eq!(by_name.items[0].id, TWN_CONTACT);
    assert_eq!(by_name.items[0].display_name, "TWN#NJ9585");

    let has =
        |page: &imbox_model::Page<imbox_model::Contact>, id: &str| page.items.iter().any(|c| c.id == id);
    let by_email = d.client.search_contacts("weiting.chen@gmail.com", "text", 10, 0).await.unwrap();
    assert!(has(&by_email, PHONE_CONTACT), "{by_email:?}");
    let by_phone = d.client.search_contacts("886911425977", "text", 10, 0).await.unwrap();
    assert!(has(&by_phone, PHONE_CONTACT), "{by_phone:?}");
    let local = d.client.search_contacts("911425977", "text", 10, 0).await.unwrap();
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
        let page = d.client.search_contacts("a", "text", 25, skip).await.unwrap();
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
    let seed =
        d.client.contact_comments(TWN_CONTACT, "cmc_a430220f-c132-4ea6-bf69-6a13b91d327b").await.unwrap();
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
        assert!(!c.text.is_empty() && !c.author.is_empty() && c.created_at.is_some(), "{c:?}");
    }
}

#[tokio::test]
async fn contact_files_of_twn_are_the_seed_list() {
    let d = start().await;
    let files = d.client.contact_files(TWN_CONTACT).await.unwrap();
    let seed = imbox_testkit::json("imbrace/002_contact_files.json");
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

/// Every list the demo serves decodes through the client's wire types, read raw.
#[tokio::test]
async fn bodies_decode_through_the_client_wire_types() {
    use imbox_api::imbrace::wire::{
        ContactList, ConversationList, LinksResponse, MessageList, NotificationList,
    };
    use imbox_model::MessageBody;
    // The demo's raw bodies, as any HTTP client would get them.
    let t = start().await;
    let get = |path: String| {
        let req = imbox_testkit::http_client()
            .get(format!("{}{path}", t.server.base_url()))
            .header("x-access-token", t.server.token());
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let contacts: ContactList =
        serde_json::from_str(&get("/v1/backend/contacts?limit=50&skip=20".to_string()).await).unwrap();
    let page = contacts.into_page(20);
    assert_eq!((page.items.len(), page.total, page.has_more), (50, 300, true));
    assert!(page.items.iter().all(|c| c.id.starts_with("con_") && c.created_at.is_some()));
    let some = &page.items[3].id;
    let convs: ConversationList =
        serde_json::from_str(&get(format!("/v1/backend/contacts/{some}/conversations")).await).unwrap();
    let convs = convs.into_conversations();
    assert!(
        !convs.is_empty()
            && convs.iter().all(|c| c.handle_id.starts_with("tcu_") && c.latest_message.is_some())
    );
    let msgs: MessageList =
        serde_json::from_str(&get(format!("/3rd/conversations/{}/messages?limit=100", convs[0].id)).await)
            .unwrap();
    let msgs = msgs.into_page(0);
    assert!(msgs.items.iter().all(|m| m.created_at.is_some() && m.conversation_id == convs[0].id));
    assert!(msgs.items.iter().all(|m| match &m.body {
        MessageBody::Unsupported { kind, .. } => kind == "sticker",
        _ => true,
    }));
    let notifs: NotificationList =
        serde_json::from_str(&get("/v1/backend/notifications?limit=5".to_string()).await).unwrap();
    assert_eq!(notifs.into_page(0).page.items.len(), 5);
    let links: LinksResponse =
        serde_json::from_slice(&imbox_testkit::bytes("imbrace/000_links.json")).unwrap();
    assert_eq!(links.into_links()[0].links.len(), 3);
}
