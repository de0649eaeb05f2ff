//! Every change of the Chatwoot world reaches the subscribed sockets as an event, whoever made
//! it over HTTP.

use super::subscribed;
use crate::chatwoot::cw;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_message_posted_over_http_arrives_as_message_created() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    let before = t.server.cable_events_sent();
    let (status, _) = t
        .send_json(
            Method::POST,
            "/conversations/61/messages",
            json!({"content": "On my way", "echo_id": "e-77"}),
        )
        .await;
    assert_eq!(status, 200);
    let data = s.until("message.created").await;
    assert_eq!(data["content"], "On my way");
    assert_eq!(data["echo_id"], "e-77");
    assert_eq!(data["conversation_id"], 61);
    assert_eq!(data["account_id"], 1);
    assert_eq!(data["message_type"], 1);
    assert_eq!(data["sender"]["id"], 7);
    let conv = &data["conversation"];
    assert!(conv["status"].is_string() && conv["last_activity_at"].is_i64(), "{conv}");
    assert!(conv["contact_inbox"]["source_id"].is_string(), "{conv}");
    assert!(t.server.cable_events_sent() > before);
    // The message the event carries is the one the messages index shows.
    let index = t.ok("/conversations/61/messages").await;
    let last = index["payload"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["id"], data["id"]);
    assert_eq!(last["content"], data["content"]);
}

#[tokio::test]
async fn a_multipart_note_arrives_as_message_created() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    let form = reqwest::multipart::Form::new()
        .text("content", "see attached")
        .text("private", "true")
        .text("echo_id", "e-9")
        .part(
            "attachments[]",
            reqwest::multipart::Part::bytes(vec![1u8; 10]).file_name("a.png").mime_str("image/png").unwrap(),
        );
    let (status, _) =
        crate::chatwoot::send(t.req(Method::POST, "/conversations/42/messages").multipart(form)).await;
    assert_eq!(status, 200);
    let data = s.until("message.created").await;
    assert_eq!((data["echo_id"].as_str(), data["private"].as_bool()), (Some("e-9"), Some(true)));
    assert_eq!(data["attachments"][0]["file_type"], "image");
}

/// The first conversation of a list query (`assignee_type=me`, `unassigned`, …).
async fn first_of(t: &crate::chatwoot::Cw, query: &str) -> u64 {
    let body = t.ok(&format!("/conversations?{query}")).await;
    body["data"]["payload"][0]["id"].as_u64().expect("a conversation")
}

#[tokio::test]
async fn another_agents_message_arrives_with_its_author() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    let other = t.server.other_agent_token();
    assert_ne!(other, t.server.token());
    let url = t.url("/conversations/61/messages");
    let rb = t
        .http
        .post(url)
        .header("api_access_token", &other)
        .json(&json!({"content": "I take this one", "echo_id": "harris-1"}));
    let (status, body) = crate::chatwoot::send(rb).await;
    assert_eq!(status, 200, "{body}");
    let data = s.until("message.created").await;
    assert_eq!(data["echo_id"], "harris-1");
    assert_eq!(data["sender"]["id"], 8, "the other agent wrote it");
    assert_eq!((data["conversation_id"].as_u64(), data["account_id"].as_u64()), (Some(61), Some(1)));
    // A wrong token is still refused.
    let rb = t.http.get(t.url("/conversations")).header("api_access_token", "nope");
    assert_eq!(crate::chatwoot::send(rb).await.0, 401);
}

#[tokio::test]
async fn toggle_status_arrives_as_status_changed_then_its_activity_line() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    let (status, _) =
        t.send_json(Method::POST, "/conversations/61/toggle_status", json!({"status": "resolved"})).await;
    assert_eq!(status, 200);
    let (name, data) = s.event().await;
    assert_eq!(name, "conversation.status_changed");
    assert_eq!(
        (data["id"].as_u64(), data["status"].as_str(), data["account_id"].as_u64()),
        (Some(61), Some("resolved"), Some(1))
    );
    let (name, data) = s.event().await;
    assert_eq!(name, "message.created");
    assert_eq!(data["message_type"], 2);
    assert!(data["content"].as_str().unwrap().contains("resolved by Dana Levi"), "{data}");
}

#[tokio::test]
async fn reading_a_notification_arrives_with_the_new_unread_count() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    let (_, before) = t.get("/notifications/unread_count").await;
    let list = t.ok("/notifications").await;
    let id = list["data"]["payload"][0]["id"].as_u64().unwrap();
    let (status, _) = t.send_json(Method::PATCH, &format!("/notifications/{id}"), json!({})).await;
    assert_eq!(status, 200);
    let data = s.until("notification.updated").await;
    assert_eq!(data["notification"]["id"], id);
    assert!(data["notification"]["read_at"].is_string(), "{data}");
    assert_eq!(data["unread_count"].as_u64(), Some(before.as_u64().unwrap() - 1));
    assert_eq!(data["account_id"], 1);
    t.send_json(Method::DELETE, &format!("/notifications/{id}"), json!({})).await;
    let data = s.until("notification.deleted").await;
    assert_eq!(data["notification"], json!({"id": id}));
}

#[tokio::test]
async fn an_event_of_the_other_account_carries_its_account_id() {
    let t = cw().await;
    let url = format!("{}/api/v1/profile", t.server.base_url());
    let (_, profile) =
        crate::chatwoot::send(t.http.get(url).header("api_access_token", t.server.token())).await;
    let accounts: Vec<u64> =
        profile["accounts"].as_array().unwrap().iter().map(|a| a["id"].as_u64().unwrap()).collect();
    assert_eq!(accounts, [1, 2], "the profile belongs to two accounts");
    let mut s = subscribed(&t).await;
    let before = t.ok("/conversations/61/messages").await;
    assert!(t.server.other_account_event(61, "not for account 1"));
    let data = s.until("message.created").await;
    assert_eq!((data["account_id"].as_u64(), data["conversation_id"].as_u64()), (Some(2), Some(61)));
    assert_eq!(data["content"], "not for account 1");
    assert_eq!(t.ok("/conversations/61/messages").await, before, "account 1 did not change");
}

#[tokio::test]
async fn a_customer_writing_in_my_conversation_makes_a_message_and_a_notification() {
    let t = cw().await;
    let mine = first_of(&t, "assignee_type=me").await;
    let mut s = subscribed(&t).await;
    let id = t.server.customer_writes(mine, "Hello? Anyone there?").expect("the conversation exists");
    let (name, data) = s.event().await;
    assert_eq!(name, "message.created");
    assert_eq!((data["id"].as_u64(), data["message_type"].as_u64()), (Some(id), Some(0)));
    assert_eq!(data["sender"]["type"], "contact");
    assert!(data["conversation"]["unread_count"].as_u64() > Some(0));
    let n = s.until("notification.created").await;
    assert_eq!(n["notification"]["notification_type"], "assigned_conversation_new_message");
    assert_eq!(n["notification"]["primary_actor"]["id"], mine);
    let shown = t.ok(&format!("/conversations/{mine}/messages")).await;
    assert_eq!(shown["payload"].as_array().unwrap().last().unwrap()["id"], id);
    assert_eq!(t.server.customer_writes(100_000, "nobody"), None);
}

#[tokio::test]
async fn an_assignment_by_another_agent_changes_the_assignee_and_notifies() {
    let t = cw().await;
    let free = first_of(&t, "assignee_type=unassigned&status=open").await;
    let mut s = subscribed(&t).await;
    let rb = t
        .http
        .post(t.url(&format!("/conversations/{free}/assignments")))
        .header("api_access_token", t.server.other_agent_token())
        .json(&json!({"assignee_id": 7}));
    assert_eq!(crate::chatwoot::send(rb).await.0, 200);
    let data = s.until("assignee.changed").await;
    assert_eq!((data["id"].as_u64(), data["meta"]["assignee"]["id"].as_u64()), (Some(free), Some(7)));
    let line = s.until("message.created").await;
    assert_eq!(line["content"], "Assigned to Dana Levi by Harris Lam");
    let n = s.until("notification.created").await;
    assert_eq!(n["notification"]["notification_type"], "conversation_assignment");
}

#[tokio::test]
async fn labels_read_typing_and_contacts_have_their_events() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    t.send_json(Method::POST, "/conversations/42/labels", json!({"labels": ["vip"]})).await;
    let data = s.until("conversation.updated").await;
    assert_eq!((data["id"].as_u64(), data["labels"].clone()), (Some(42), json!(["vip"])));
    let (status, body) = t
        .send_json(
            Method::POST,
            "/conversations/42/custom_attributes",
            json!({"custom_attributes": {"order_id": "HK-1"}}),
        )
        .await;
    assert_eq!((status, body), (200, json!({"custom_attributes": {"order_id": "HK-1"}})));
    let data = s.until("conversation.updated").await;
    assert_eq!(data["custom_attributes"], json!({"order_id": "HK-1"}));
    assert_eq!(t.ok("/conversations/42").await["custom_attributes"], json!({"order_id": "HK-1"}));
    t.post("/conversations/42/update_last_seen").await;
    let data = s.until("conversation.read").await;
    assert_eq!((data["id"].as_u64(), data["unread_count"].as_u64()), (Some(42), Some(0)));
    // The current user's own typing is not sent back to her; the other agent's is.
    t.send_json(Method::POST, "/conversations/42/toggle_typing_status", json!({"typing_status": "on"})).await;
    let rb = t
        .http
        .post(t.url("/conversations/42/toggle_typing_status"))
        .header("api_access_token", t.server.other_agent_token())
        .json(&json!({"typing_status": "on"}));
    assert_eq!(crate::chatwoot::send(rb).await.0, 200);
    let (name, data) = s.event().await;
    assert_eq!(name, "conversation.typing_on");
    assert_eq!((data["conversation"]["id"].as_u64(), data["user"]["id"].as_u64()), (Some(42), Some(8)));
    let contact = t.ok("/conversations/42").await["meta"]["sender"]["id"].as_u64().unwrap();
    let (status, _) =
        t.send_json(Method::PUT, &format!("/contacts/{contact}"), json!({"name": "Renamed Person"})).await;
    assert_eq!(status, 200);
    let data = s.until("contact.updated").await;
    assert_eq!((data["id"].as_u64(), data["name"].as_str()), (Some(contact), Some("Renamed Person")));
}

#[tokio::test]
async fn a_mention_by_another_agent_arrives_as_mentioned_and_a_notification() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    let rb = t
        .http
        .post(t.url("/conversations/57/messages"))
        .header("api_access_token", t.server.other_agent_token())
        .json(
            &json!({"content": "[@Dana Levi](mention://user/7/Dana%20Levi) please check", "private": true}),
        );
    assert_eq!(crate::chatwoot::send(rb).await.0, 200);
    assert_eq!(s.until("message.created").await["private"], true);
    assert_eq!(s.until("conversation.mentioned").await["id"], 57);
    let n = s.until("notification.created").await;
    assert_eq!(n["notification"]["notification_type"], "conversation_mention");
}

#[tokio::test]
async fn a_bulk_action_sends_each_conversations_events() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    let body = json!({"type": "Conversation", "ids": [42, 57], "fields": {"status": "resolved"}});
    assert_eq!(t.send_json(Method::POST, "/bulk_actions", body).await.0, 200);
    let mut resolved = Vec::new();
    while resolved.len() < 2 {
        let data = s.until("conversation.status_changed").await;
        assert_eq!(data["status"], "resolved");
        resolved.push(data["id"].as_u64().unwrap());
    }
    assert_eq!(resolved, [42, 57]);
}

#[tokio::test]
async fn in_hostile_mode_events_carry_the_attacks_and_keep_what_clients_navigate_by() {
    let t =
        crate::chatwoot::start(imbox_demo::DemoConfig { hostile: true, ..imbox_demo::DemoConfig::default() })
            .await;
    let mut s = subscribed(&t).await;
    let id = t.server.customer_writes(61, "plain words").unwrap();
    let data = s.until("message.created").await;
    let content = data["content"].as_str().unwrap();
    assert!(content.starts_with("plain words ") && content.len() > "plain words ".len(), "{content:?}");
    assert!(
        content.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || c == '\u{200b}')
            || content.contains('\u{300}'),
        "an attack rides along: {content:?}"
    );
    assert_eq!(
        (data["id"].as_u64(), data["conversation_id"].as_u64(), data["account_id"].as_u64()),
        (Some(id), Some(61), Some(1))
    );
    assert_eq!(data["message_type"], 0);
    assert!(data["sender"]["name"].as_str().unwrap().len() > 3);
}

#[tokio::test]
async fn a_new_conversation_arrives_and_is_served_like_the_others() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    let d = t.server.conversation_opens("Hello, is this the shop?").unwrap();
    assert_eq!(d, imbox_demo::chatwoot::CONVERSATIONS + 1);
    let (name, conv) = s.event().await;
    assert_eq!(name, "conversation.created");
    assert_eq!((conv["id"].as_u64(), conv["status"].as_str()), (Some(d), Some("open")));
    assert!(conv["meta"]["assignee"].is_null(), "unassigned: {}", conv["meta"]);
    let (name, m) = s.event().await;
    assert_eq!(
        (name.as_str(), m["conversation_id"].as_u64(), m["message_type"].as_u64()),
        ("message.created", Some(d), Some(0))
    );
    let n = s.until("notification.created").await;
    assert_eq!(n["notification"]["notification_type"], "conversation_creation");
    // Over HTTP it is a conversation like the others.
    assert_eq!(t.ok(&format!("/conversations/{d}")).await["id"], d);
    let msgs = t.ok(&format!("/conversations/{d}/messages")).await;
    assert_eq!(msgs["payload"][0]["content"], "Hello, is this the shop?");
    let unassigned = t.ok("/conversations?assignee_type=unassigned").await;
    let ids: Vec<u64> =
        unassigned["data"]["payload"].as_array().unwrap().iter().map(|c| c["id"].as_u64().unwrap()).collect();
    assert!(ids.contains(&d), "{ids:?}");
    assert_eq!(t.server.conversation_opens("and another").unwrap(), d + 1);
}

#[tokio::test]
async fn read_all_and_destroy_all_send_one_event_per_notification() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    let (_, unread) = t.get("/notifications/unread_count").await;
    let list = t.ok("/notifications").await;
    let id = list["data"]["payload"][0]["id"].as_u64().unwrap();
    t.post(&format!("/notifications/{id}/snooze?snoozed_until=4102444800")).await;
    let data = s.until("notification.updated").await;
    assert!(data["notification"]["snoozed_until"].is_string(), "{data}");
    // Every unread one, snoozed ones too, is read: one event each, the badge going down.
    let (_, listed) = t.get("/notifications?includes[]=snoozed").await;
    let to_read = listed["data"]["meta"]["unread_count"].as_u64().unwrap();
    assert!(to_read >= unread.as_u64().unwrap());
    assert_eq!(t.post("/notifications/read_all").await.0, 200);
    let mut badge = Vec::new();
    for _ in 0..to_read {
        badge.push(s.until("notification.updated").await["unread_count"].as_u64().unwrap());
    }
    assert!(badge.windows(2).all(|w| w[0] >= w[1]), "{badge:?}");
    assert_eq!(badge.last(), Some(&0), "after the last one nothing is unread");
    let (_, count) = t.get("/notifications?includes[]=read&includes[]=snoozed").await;
    let count = count["data"]["meta"]["count"].as_u64().unwrap();
    assert_eq!(t.post("/notifications/destroy_all").await.0, 200);
    for i in 1..=count {
        let data = s.until("notification.deleted").await;
        assert_eq!(data["count"].as_u64(), Some(count - i));
    }
}
