//! Each of the 13 endpoints sends the request the seeds describe (method, path, query, body)
//! and turns the seed's example reply into the domain model.

use crate::scripted::{Recorded, Reply, TestServer};
use imbox_api::Secret;
use imbox_api::imbrace::{ClientConfig, ImbraceClient};
use imbox_api::retry::RetryPolicy;
use imbox_model::{ContactUpdate, MessageBody};
use serde_json::{Value, json};
use std::time::Duration;

async fn serve(reply: Reply) -> (TestServer, ImbraceClient) {
    let server = TestServer::start(vec![reply]).await;
    let mut config = ClientConfig::new(format!("{}/", server.base_url()), Secret::new("acc_t"));
    config.retry = RetryPolicy {
        max_retries: 0,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
    };
    let client = ImbraceClient::new(config).unwrap();
    (server, client)
}

fn assert_request(r: &Recorded, method: &str, path: &str, query: &[(&str, &str)]) {
    assert_eq!(r.method, method);
    assert_eq!(r.path, path);
    for (name, value) in query {
        assert_eq!(r.query_values(name), vec![value.to_string()], "query {name}");
    }
    let expected: usize = query.len();
    let sent = r.query.as_deref().map(|q| q.split('&').filter(|p| !p.is_empty()).count()).unwrap_or(0);
    assert_eq!(sent, expected, "unexpected query parameters: {:?}", r.query);
}

fn json_body(r: &Recorded) -> Value {
    assert_eq!(r.header("content-type").as_deref(), Some("application/json"));
    serde_json::from_slice(&r.body).unwrap()
}

#[tokio::test]
async fn conversation_messages() {
    let (server, client) = serve(Reply::fixture("000_messages.json")).await;
    let page = client.conversation_messages("conv_f262dad4", 10, 20).await.unwrap();
    assert_request(
        &server.single(),
        "GET",
        "/3rd/conversations/conv_f262dad4/messages",
        &[("limit", "10"), ("skip", "20")],
    );
    assert_eq!(page.items.len(), 3);
    assert_eq!(page.total, 304);
    assert!(matches!(page.items[0].body, MessageBody::QuickReply { .. }));
}

#[tokio::test]
async fn conversation_links() {
    let (server, client) = serve(Reply::fixture("000_links.json")).await;
    let phones = vec!["886911425977".to_string()];
    let links = client.conversation_links(&phones, "org_imbrace").await.unwrap();
    let r = server.single();
    assert_request(
        &r,
        "GET",
        "/3rd/conversations/links",
        &[("phone_numbers", "886911425977"), ("organization_id", "org_imbrace")],
    );
    assert_eq!(links[0].links.len(), 3);
}

#[tokio::test]
async fn contacts() {
    let (server, client) = serve(Reply::fixture("002_contacts.json")).await;
    let page = client.contacts(10, 0, "-created_at").await.unwrap();
    assert_request(
        &server.single(),
        "GET",
        "/v1/backend/contacts",
        &[("limit", "10"), ("skip", "0"), ("sort", "-created_at")],
    );
    assert_eq!(page.total, 65681);
    assert_eq!(page.items[0].display_name, "UNK#DO1695");
}

#[tokio::test]
async fn contact_conversations() {
    let (server, client) = serve(Reply::fixture("002_conversations_by_channel_web.json")).await;
    let convs = client.contact_conversations("con_32a507dd", &["web".to_string()]).await.unwrap();
    assert_request(
        &server.single(),
        "GET",
        "/v1/backend/contacts/con_32a507dd/conversations",
        &[("channel_types", "web")],
    );
    assert_eq!(convs.len(), 1);
    assert_eq!(convs[0].channel_type, "web");
}

#[tokio::test]
async fn search_contacts() {
    let (server, client) = serve(Reply::fixture("002_search_empty.json")).await;
    let page = client.search_contacts("jane & co", "text", 10, 0).await.unwrap();
    assert_request(
        &server.single(),
        "GET",
        "/v1/backend/contacts/_search",
        &[("limit", "10"), ("skip", "0"), ("q", "jane & co"), ("type", "text")],
    );
    assert!(page.items.is_empty());
    assert!(!page.has_more);
}

#[tokio::test]
async fn update_contact() {
    let (server, client) = serve(Reply::fixture("002_update_contact_response.json")).await;
    let update =
        ContactUpdate { first_name: Some("Hi".into()), gender: Some("m".into()), ..Default::default() };
    let contact = client
        .update_contact("con_32a507dd", &update)
        .await
        .unwrap()
        .expect("the server sent the contact back");
    let r = server.single();
    assert_request(&r, "PUT", "/v1/backend/contacts/con_32a507dd", &[]);
    assert_eq!(json_body(&r), json!({"first_name": "Hi", "gender": "m"}));
    assert_eq!(contact.gender, "Male");
}

#[tokio::test]
async fn notifications() {
    let (server, client) = serve(Reply::fixture("002_notifications.json")).await;
    let page = client.notifications(10, 0).await.unwrap();
    assert_request(&server.single(), "GET", "/v1/backend/notifications", &[("limit", "10"), ("skip", "0")]);
    assert_eq!(page.unread_count, Some(595));
    assert_eq!(page.page.items.len(), 2);
}

#[tokio::test]
async fn mark_notifications_read() {
    let (server, client) = serve(Reply::ok("")).await;
    let ids: Vec<String> =
        serde_json::from_slice(&imbox_testkit::bytes("imbrace/002_notifications_read_request.json")).unwrap();
    client.mark_notifications_read(&ids).await.unwrap();
    client.mark_notifications_read(&[]).await.unwrap();
    let r = server.single();
    assert_request(&r, "PUT", "/v1/backend/notifications/read", &[]);
    assert_eq!(json_body(&r), json!(ids));
}

#[tokio::test]
async fn dismiss_notifications() {
    let (server, client) = serve(Reply::ok("")).await;
    let ids = vec!["not_9fdb4db1".to_string(), "not_c5e3c17b".to_string()];
    client.dismiss_notifications(&ids).await.unwrap();
    let r = server.single();
    assert_request(&r, "DELETE", "/v1/backend/notifications/dismiss", &[]);
    assert_eq!(json_body(&r), json!(["not_9fdb4db1", "not_c5e3c17b"]));
}

#[tokio::test]
async fn dismiss_all_notifications() {
    let (server, client) = serve(Reply::ok("{}")).await;
    client.dismiss_all_notifications("conversations").await.unwrap();
    let r = server.single();
    assert_request(&r, "DELETE", "/v1/backend/notifications/dismiss/all", &[("type", "conversations")]);
    assert!(r.body.is_empty());
}

#[tokio::test]
async fn contact_comments() {
    let (server, client) = serve(Reply::fixture("002_comments.json")).await;
    let comments = client.contact_comments("con_32a507dd", "cmc_a430220f").await.unwrap();
    assert_request(&server.single(), "GET", "/v1/backend/contacts/con_32a507dd/comment/cmc_a430220f", &[]);
    assert!(comments.is_empty());
}

#[tokio::test]
async fn upload_contact_file() {
    let (server, client) = serve(Reply::fixture("002_upload.json")).await;
    let url =
        client.upload_contact_file("login page.png", b"\x89PNG-bytes".to_vec(), "image/png").await.unwrap();
    assert!(url.ends_with("file_5W9XPQ96XguTW4jhh5dca15rQU.png"), "{url}");
    let r = server.single();
    assert_request(&r, "POST", "/v1/backend/contacts/_fileupload", &[]);
    let content_type = r.header("content-type").unwrap();
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    let body = String::from_utf8_lossy(&r.body);
    assert!(body.contains("name=\"file\""), "{body}");
    assert!(body.contains("filename=\"login page.png\""), "{body}");
    assert!(body.contains("Content-Type: image/png"), "{body}");
    assert!(body.contains("\u{fffd}PNG-bytes"), "{body}");
}

#[tokio::test]
async fn contact_files() {
    let (server, client) = serve(Reply::fixture("002_contact_files.json")).await;
    let files = client.contact_files("con_32a507dd").await.unwrap();
    assert_request(&server.single(), "GET", "/v1/backend/contact/con_32a507dd/files", &[]);
    assert_eq!(files.len(), 21);
    assert_eq!(files[1].caption, "file01");
}
