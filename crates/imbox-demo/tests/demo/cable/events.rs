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
