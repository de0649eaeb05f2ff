//! Answering on the demo's Chatwoot API, raw: the profile, agents, canned responses, creating
//! messages (JSON and multipart), the actions and the bulk endpoint, each checked by the state
//! later reads show, with Rails' error bodies, faults and the hostile mode.

use super::{Cw, cw, send, start};
use imbox_demo::chatwoot::{AGENT_ID, WHATSAPP_CONV};
use imbox_demo::{DemoConfig, Fault};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

fn payload(body: &Value) -> Vec<Value> {
    body["payload"].as_array().expect("payload").clone()
}

async fn post(t: &Cw, path: &str, body: Value) -> (u16, Value) {
    t.send_json(Method::POST, path, body).await
}

/// The counts of `conversations/meta` for all open conversations: (mine, unassigned, all).
async fn counts(t: &Cw) -> (u64, u64, u64) {
    let m = t.ok("/conversations/meta?status=open").await["meta"].clone();
    (
        m["mine_count"].as_u64().unwrap(),
        m["unassigned_count"].as_u64().unwrap(),
        m["all_count"].as_u64().unwrap(),
    )
}

#[tokio::test]
async fn the_profile_is_the_token_owner_outside_the_account() {
    let t = cw().await;
    let url = format!("{}/api/v1/profile", t.server.base_url());
    let (status, me) = send(t.http.get(&url).header("api_access_token", t.server.token())).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!((me["id"].as_u64(), me["name"].as_str()), (Some(AGENT_ID), Some("Dana Levi")));
    assert!(me["pubsub_token"].as_str().is_some_and(|p| p.len() >= 16));
    assert_eq!(me["accounts"][0]["id"], 1);
    assert_eq!(me["accounts"][0]["role"], "agent");
    assert!(me.get("access_token").is_none(), "the token is never echoed");
    let (status, body) = send(t.http.get(&url)).await;
    assert_eq!((status, body["errors"][0].as_str().is_some()), (401, true));
    let (status, body) = send(t.http.get(&url).header("api_access_token", "nope")).await;
    assert_eq!((status, body["error"].as_str()), (401, Some("Invalid Access Token")));

    let agents = t.ok("/agents").await;
    let agents = agents.as_array().expect("a bare array");
    assert_eq!(agents.len(), 5);
    assert!(agents.iter().any(|a| a["id"] == AGENT_ID && a["availability_status"] == "online"));
}

#[tokio::test]
async fn canned_responses_search_code_or_content() {
    let t = cw().await;
    let all = t.ok("/canned_responses").await;
    let all = all.as_array().expect("a bare array");
    assert_eq!(all.len(), 20);
    for k in ["id", "account_id", "short_code", "content", "created_at", "updated_at"] {
        assert!(all[0].get(k).is_some(), "{k}");
    }
    let with_vars = all.iter().filter(|c| c["content"].as_str().is_some_and(|s| s.contains("{{"))).count();
    assert!(with_vars >= 8, "{with_vars} with variables");
    let hits = t.ok("/canned_responses?search=Danke").await;
    assert_eq!(
        hits.as_array().unwrap().iter().map(|c| c["short_code"].clone()).collect::<Vec<_>>(),
        ["hallo"]
    );
    let hits = t.ok("/canned_responses?search=xin").await;
    assert_eq!(hits[0]["short_code"], "xin-chao");
}

#[tokio::test]
async fn a_created_message_joins_the_history_once() {
    let t = cw().await;
    let base = format!("/conversations/{WHATSAPP_CONV}");
    let quoted = payload(&t.ok(&format!("{base}/messages")).await)[0]["id"].as_u64().unwrap();
    let (status, m) = post(
        &t,
        &format!("{base}/messages"),
        json!({"content": "On it", "private": true, "echo_id": "e-1", "content_attributes": {"in_reply_to": quoted}}),
    )
    .await;
    assert_eq!(status, 200, "{m}");
    assert_eq!(
        (m["echo_id"].as_str(), m["message_type"].as_u64(), m["private"].as_bool()),
        (Some("e-1"), Some(1), Some(true))
    );
    assert_eq!((m["sender"]["type"].as_str(), m["sender"]["id"].as_u64()), (Some("user"), Some(AGENT_ID)));
    assert_eq!(m["content_attributes"]["in_reply_to"], quoted);
    assert_eq!(m["conversation_id"], WHATSAPP_CONV);
    assert!(m.get("attachments").is_none(), "absent when none");

    let list = payload(&t.ok(&format!("{base}/messages")).await);
    let copies: Vec<&Value> = list.iter().filter(|x| x["id"] == m["id"]).collect();
    assert_eq!(copies.len(), 1);
    assert!(copies[0].get("echo_id").is_none(), "only the create answer echoes it");
    assert_eq!(list.last().unwrap()["id"], m["id"]);
    let conv = t.ok(&base).await;
    assert_eq!(conv["last_non_activity_message"]["id"], m["id"]);
    assert_eq!(conv["last_activity_at"], m["created_at"]);

    // Multipart: text fields as strings, attributes as a JSON string, one part per file.
    let form = Form::new()
        .text("content", "Here is the label")
        .text("private", "false")
        .text("echo_id", "e-2")
        .text("content_attributes", format!("{{\"in_reply_to\":{quoted}}}"))
        .part(
            "attachments[]",
            Part::bytes(vec![7u8; 1234]).file_name("label.png").mime_str("image/png").unwrap(),
        )
        .part(
            "attachments[]",
            Part::bytes(b"%PDF".to_vec()).file_name("terms.pdf").mime_str("application/pdf").unwrap(),
        );
    let (status, m2) = send(t.req(Method::POST, &format!("{base}/messages")).multipart(form)).await;
    assert_eq!(status, 200, "{m2}");
    assert_eq!((m2["echo_id"].as_str(), m2["private"].as_bool()), (Some("e-2"), Some(false)));
    assert_eq!(m2["content_attributes"]["in_reply_to"], quoted);
    let atts = m2["attachments"].as_array().expect("attachments");
    assert_eq!(atts.len(), 2);
    assert_eq!((atts[0]["file_type"].as_str(), atts[0]["file_size"].as_u64()), (Some("image"), Some(1234)));
    assert!(atts[0]["data_url"].as_str().unwrap().ends_with("/label.png"));
    assert_eq!(
        (atts[1]["file_type"].as_str(), atts[1]["message_id"].clone()),
        (Some("file"), m2["id"].clone())
    );
    // An attachment alone is a message.
    let form = Form::new()
        .part("attachments[]", Part::bytes(vec![1]).file_name("a.txt").mime_str("text/plain").unwrap());
    assert_eq!(send(t.req(Method::POST, &format!("{base}/messages")).multipart(form)).await.0, 200);
}

#[tokio::test]
async fn refused_input_answers_like_rails() {
    let t = cw().await;
    let base = format!("/conversations/{WHATSAPP_CONV}");
    let (status, body) = post(&t, &format!("{base}/messages"), json!({"content": "  "})).await;
    assert_eq!((status, body), (422, json!({"error": "Validation failed: Content can't be blank"})));
    let (status, body) =
        post(&t, &format!("{base}/messages"), json!({"content": "x", "message_type": "incoming"})).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (422, Some("Incoming messages are only allowed in Api inboxes"))
    );
    let (status, body) = post(&t, "/conversations/9999/messages", json!({"content": "x"})).await;
    assert_eq!((status, body), (404, json!({"error": "Resource could not be found"})));
    let (status, body) = post(&t, &format!("{base}/toggle_status"), json!({"status": "closed"})).await;
    assert_eq!((status, body), (422, json!({"error": "'closed' is not a valid status"})));
    let (status, body) = post(&t, &format!("{base}/toggle_priority"), json!({"priority": "asap"})).await;
    assert_eq!((status, body), (422, json!({"error": "'asap' is not a valid priority"})));
    let (status, _) = t.with_body(Method::POST, &format!("{base}/labels"), "not json").await;
    assert_eq!(status, 400);
    let (status, body) = post(&t, "/bulk_actions", json!({"ids": [1]})).await;
    assert_eq!((status, body), (422, json!({"success": false})));
    let (status, body) =
        post(&t, "/bulk_actions", json!({"type": "Conversation", "ids": [1], "fields": {"team_id": 77}}))
            .await;
    assert_eq!((status, body), (422, json!({"error": "Invalid team_id"})));
    // Nothing of it changed the conversation.
    assert_eq!(t.ok(&base).await["status"], "open");
}

#[tokio::test]
async fn status_changes_what_lists_and_counts_return() {
    let t = cw().await;
    let open = t.all_conversations("status=open&assignee_type=all").await;
    let id = open[0]["id"].as_u64().unwrap();
    let (_, _, all) = counts(&t).await;
    let (status, body) =
        post(&t, &format!("/conversations/{id}/toggle_status"), json!({"status": "resolved"})).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"meta": {}, "payload": {"success": true, "conversation_id": id, "current_status": "resolved", "snoozed_until": null}})
    );
    assert_eq!(counts(&t).await.2, all - 1);
    let resolved = t.all_conversations("status=resolved&assignee_type=all").await;
    assert!(resolved.iter().any(|c| c["id"] == id));
    // The activity line is the conversation's newest message, not its last real one.
    let conv = t.ok(&format!("/conversations/{id}")).await;
    assert_eq!(conv["messages"][0]["message_type"], 2);
    assert_eq!(conv["messages"][0]["content"], "Conversation was marked resolved by Dana Levi");

    // No status toggles: resolved → open. Snoozed with a time keeps it, ISO.
    let (_, body) = post(&t, &format!("/conversations/{id}/toggle_status"), json!({})).await;
    assert_eq!(body["payload"]["current_status"], "open");
    let (_, body) = post(
        &t,
        &format!("/conversations/{id}/toggle_status"),
        json!({"status": "snoozed", "snoozed_until": 1_900_000_000}),
    )
    .await;
    assert_eq!(body["payload"]["snoozed_until"], "2030-03-17T17:46:40.000Z");
    assert_eq!(t.ok(&format!("/conversations/{id}")).await["snoozed_until"], "2030-03-17T17:46:40.000Z");
    let (_, body) =
        post(&t, &format!("/conversations/{id}/toggle_status"), json!({"status": "pending"})).await;
    assert_eq!(body["payload"]["snoozed_until"], Value::Null, "cleared for any other status");
}

#[tokio::test]
async fn assignments_labels_priority_and_unread() {
    let t = cw().await;
    let unassigned = t.all_conversations("status=open&assignee_type=unassigned").await;
    let id = unassigned[0]["id"].as_u64().unwrap();
    let before = counts(&t).await;
    let (status, agent) =
        post(&t, &format!("/conversations/{id}/assignments"), json!({"assignee_id": AGENT_ID})).await;
    assert_eq!(
        (status, agent["id"].as_u64(), agent["available_name"].as_str()),
        (200, Some(AGENT_ID), Some("Dana Levi"))
    );
    assert_eq!(counts(&t).await, (before.0 + 1, before.1 - 1, before.2));
    let (_, none) = post(&t, &format!("/conversations/{id}/assignments"), json!({"assignee_id": 4242})).await;
    assert_eq!(none, Value::Null, "an unknown id unassigns");
    assert_eq!(counts(&t).await, before);
    let (_, team) = post(&t, &format!("/conversations/{id}/assignments"), json!({"team_id": 3})).await;
    assert_eq!(team["name"], "vip care");
    assert_eq!(t.ok(&format!("/conversations/{id}")).await["meta"]["team"]["id"], 3);

    let (status, labels) = post(
        &t,
        &format!("/conversations/{id}/labels"),
        json!({"labels": ["vip", "shipping", "vip", "brand-new"]}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        labels,
        json!({"payload": ["vip", "shipping", "brand-new"]}),
        "replaced; a new title is kept as upstream's tags are"
    );
    assert_eq!(t.ok(&format!("/conversations/{id}/labels")).await, labels);
    let tagged = t.all_conversations("status=all&labels[]=brand-new").await;
    assert_eq!(tagged.iter().map(|c| c["id"].clone()).collect::<Vec<_>>(), [json!(id)]);

    let (status, body) =
        post(&t, &format!("/conversations/{id}/toggle_priority"), json!({"priority": "high"})).await;
    assert_eq!((status, body), (200, Value::Null));
    assert_eq!(t.ok(&format!("/conversations/{id}")).await["priority"], "high");
    post(&t, &format!("/conversations/{id}/toggle_priority"), json!({"priority": null})).await;
    assert_eq!(t.ok(&format!("/conversations/{id}")).await["priority"], Value::Null);

    // #42 has incoming messages: read, then unread again.
    assert_eq!(
        t.post(&format!("/conversations/{WHATSAPP_CONV}/update_last_seen")).await.1["unread_count"],
        0
    );
    let (_, conv) = t.post(&format!("/conversations/{WHATSAPP_CONV}/unread")).await;
    assert!(conv["unread_count"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn bulk_actions_apply_to_every_id() {
    let t = cw().await;
    let open = t.all_conversations("status=open&assignee_type=all").await;
    let ids: Vec<u64> = open[..3].iter().map(|c| c["id"].as_u64().unwrap()).collect();
    let (status, body) = post(
        &t,
        "/bulk_actions",
        json!({"type": "Conversation", "ids": ids, "fields": {"status": "resolved", "assignee_id": AGENT_ID}, "labels": {"add": ["vip"], "remove": ["shipping"]}}),
    )
    .await;
    assert_eq!((status, body), (200, Value::Null));
    for id in &ids {
        let c = t.ok(&format!("/conversations/{id}")).await;
        assert_eq!(
            (c["status"].as_str(), c["meta"]["assignee"]["id"].as_u64()),
            (Some("resolved"), Some(AGENT_ID))
        );
        let labels: Vec<&str> = c["labels"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert!(labels.contains(&"vip") && !labels.contains(&"shipping"), "{labels:?}");
    }
    let (_, body) =
        post(&t, "/bulk_actions", json!({"type": "Conversation", "ids": ids, "fields": {"team_id": 0}}))
            .await;
    assert_eq!(body, Value::Null);
    assert!(
        t.ok(&format!("/conversations/{}", ids[0])).await["meta"].get("team").is_none(),
        "0 removes the team"
    );
}

#[tokio::test]
async fn faults_and_hostile_mode_reach_the_new_routes() {
    let t = cw().await;
    let base = format!("/conversations/{WHATSAPP_CONV}");
    t.server.inject(Fault::Status(503), 1);
    assert_eq!(post(&t, &format!("{base}/toggle_status"), json!({"status": "resolved"})).await.0, 503);
    assert_eq!(t.ok(&base).await["status"], "open", "the fault answered before the handler");

    let h = start(DemoConfig { hostile: true, ..DemoConfig::default() }).await;
    let (status, m) = post(&h, &format!("{base}/messages"), json!({"content": "hi", "echo_id": "e-9"})).await;
    assert_eq!(status, 200);
    assert_eq!(m["echo_id"], "e-9", "kept: the client matches its pending copy by it");
    let name = m["sender"]["name"].as_str().unwrap_or_default();
    assert!(name != "Dana Levi" && name.starts_with("Dana Levi"), "poisoned: {name:?}");
    let canned = h.ok("/canned_responses?search=hello").await;
    let text = canned[0]["content"].as_str().unwrap_or_default();
    assert!(
        text.starts_with("Hi {{contact.first_name}}") && text.len() > 120,
        "poisoned after the text: {text:?}"
    );
}
