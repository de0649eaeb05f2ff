//! How the iMBRACE client fails: status codes, retries, broken bodies, timeouts, dead servers,
//! and that the token never leaks. Every server here is a scripted one on 127.0.0.1.

use crate::scripted::{Reply, TestServer};
use imbox_api::imbrace::{ClientConfig, ImbraceClient, RetryNotice};
use imbox_api::retry::RetryPolicy;
use imbox_api::{ApiError, Secret};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const TOKEN: &str = "acc_f7124766-e633-429c-b24a-ab0421a202e3";
const MESSAGES: &str = "GET /3rd/conversations/{conversation_id}/messages";
const CONTACTS: &str = "GET /v1/backend/contacts";
const NOTIFICATIONS: &str = "GET /v1/backend/notifications";

/// Test configuration: real retry counts, tiny backoff so the suite stays fast.
fn config(base_url: &str) -> ClientConfig {
    let mut config = ClientConfig::new(base_url, Secret::new(TOKEN));
    config.connect_timeout = Duration::from_secs(2);
    config.request_timeout = Duration::from_secs(5);
    config.retry = RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(2),
        max_delay: Duration::from_secs(2),
    };
    config
}

fn client(server: &TestServer) -> ImbraceClient {
    ImbraceClient::new(config(&server.base_url())).unwrap()
}

/// A client whose retry notices are collected.
fn observed(server: &TestServer) -> (ImbraceClient, Arc<Mutex<Vec<RetryNotice>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let client = client(server).with_retry_observer(Arc::new(move |n: &RetryNotice| {
        sink.lock().unwrap().push(n.clone());
    }));
    (client, seen)
}

fn assert_no_token(text: &str) {
    assert!(!text.contains(TOKEN), "token leaked: {text}");
    assert!(!text.contains("f7124766"), "token leaked: {text}");
}

#[tokio::test]
async fn unauthorized_is_not_retried_and_keeps_the_server_message() {
    for status in [401, 403] {
        let server = TestServer::start(vec![Reply::new(
            status,
            imbox_testkit::bytes("imbrace/000_error_unauthorized.json"),
        )])
        .await;
        let err = client(&server).conversation_messages("conv_1", 10, 0).await.unwrap_err();
        assert_eq!(err, ApiError::Unauthorized { endpoint: MESSAGES, message: "Unauthorized".into() });
        assert!(err.is_auth());
        assert_eq!(server.count(), 1, "{status} must not be retried");
    }
}

#[tokio::test]
async fn not_found_carries_the_message() {
    let server = TestServer::start(vec![Reply::new(
        404,
        imbox_testkit::bytes("imbrace/000_error_conversation_not_found.json"),
    )])
    .await;
    let err = client(&server).conversation_messages("conv_missing", 10, 0).await.unwrap_err();
    assert_eq!(err, ApiError::NotFound { endpoint: MESSAGES, message: "Conversation not found".into() });
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn bad_request_uses_message_then_snippet_then_reason() {
    let cases: Vec<(Reply, &str)> = vec![
        (
            Reply::new(400, imbox_testkit::bytes("imbrace/000_error_phone_numbers_required.json")),
            "phone_numbers is required",
        ),
        (Reply::new(422, "<html>\u{1b}[31mnope</html>"), "<html>␛[31mnope</html>"),
        (Reply::new(400, ""), "Bad Request"),
        (Reply::new(409, r#"{"message": null}"#), r#"{"message": null}"#),
    ];
    for (reply, expected) in cases {
        let status = reply.status;
        let server = TestServer::start(vec![reply]).await;
        let err = client(&server).conversation_links(&["1".to_string()], "org_imbrace").await.unwrap_err();
        assert_eq!(
            err,
            ApiError::BadRequest {
                endpoint: "GET /3rd/conversations/links",
                status,
                message: expected.into()
            }
        );
        assert_eq!(server.count(), 1, "4xx must not be retried");
    }
}

#[tokio::test]
async fn rate_limit_waits_for_retry_after_then_succeeds() {
    let server = TestServer::start(vec![
        Reply::new(429, r#"{"message":"slow down"}"#).header("retry-after", "1"),
        Reply::fixture("000_messages.json"),
    ])
    .await;
    let (client, seen) = observed(&server);
    let page = client.conversation_messages("conv_1", 10, 0).await.unwrap();
    assert_eq!(page.items.len(), 3);
    assert_eq!(server.count(), 2);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        vec![RetryNotice {
            endpoint: MESSAGES,
            attempt: 1,
            wait: Duration::from_secs(1),
            reason: "rate limited (HTTP 429)".into()
        }]
    );
}

#[tokio::test]
async fn rate_limit_forever_ends_in_rate_limited_with_the_wait() {
    let server = TestServer::start(vec![Reply::new(429, "").header("retry-after", "0")]).await;
    let err = client(&server).contacts(10, 0, "-created_at").await.unwrap_err();
    assert_eq!(err, ApiError::RateLimited { endpoint: CONTACTS, retry_after: Some(Duration::ZERO) });
    assert_eq!(server.count(), 4);
}

#[tokio::test]
async fn server_error_then_success_is_retried() {
    let server = TestServer::start(vec![
        Reply::new(500, r#"{"message":"boom"}"#),
        Reply::fixture("002_contacts.json"),
    ])
    .await;
    let (client, seen) = observed(&server);
    let page = client.contacts(10, 0, "-created_at").await.unwrap();
    assert_eq!(page.items.len(), 10);
    assert_eq!(server.count(), 2);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].reason, "HTTP 500");
    // Jittered wait of the first retry: within 0..=base_delay.
    assert!(seen[0].wait <= Duration::from_millis(2), "{:?}", seen[0].wait);
}

#[tokio::test]
async fn server_error_forever_gives_up_after_exactly_one_plus_three_requests() {
    let server = TestServer::start(vec![Reply::new(500, r#"{"message":"database down"}"#)]).await;
    let (client, seen) = observed(&server);
    let err = client.notifications(10, 0).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Server { endpoint: NOTIFICATIONS, status: 500, message: "database down".into() }
    );
    assert_eq!(server.count(), 4);
    let attempts: Vec<u32> = seen.lock().unwrap().iter().map(|n| n.attempt).collect();
    assert_eq!(attempts, vec![1, 2, 3]);
}

#[tokio::test]
async fn server_retry_after_is_used_instead_of_jitter() {
    let server = TestServer::start(vec![
        Reply::new(503, "").header("retry-after", "Thu, 01 Jan 1970 00:00:00 GMT"),
        Reply::ok("{}"),
    ])
    .await;
    let (client, seen) = observed(&server);
    let page = client.notifications(10, 0).await.unwrap();
    assert!(page.page.items.is_empty());
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].wait, Duration::ZERO, "a past date means retry now");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_at_the_root() {
    let server = TestServer::start(vec![Reply::ok("{\"data\": [ nope ]}")]).await;
    let err = client(&server).contacts(10, 0, "-created_at").await.unwrap_err();
    match err {
        ApiError::Decode { endpoint, path, detail } => {
            assert_eq!(endpoint, CONTACTS);
            assert_eq!(path, ".");
            assert!(detail.contains("line 1:"), "{detail}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert_eq!(server.count(), 1, "a bad body is not retried");
}

#[tokio::test]
async fn truncated_body_is_a_decode_error() {
    let full = imbox_testkit::bytes("imbrace/002_contacts.json");
    let cut = full[..full.len() / 2].to_vec();
    let server = TestServer::start(vec![Reply::ok(cut)]).await;
    let err = client(&server).contacts(10, 0, "-created_at").await.unwrap_err();
    match &err {
        ApiError::Decode { endpoint, path, detail } => {
            assert_eq!(*endpoint, CONTACTS);
            assert_eq!(path, ".");
            assert!(detail.contains("EOF"), "{detail}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert!(err.to_string().contains(CONTACTS));
}

#[tokio::test]
async fn wrong_type_deep_inside_names_its_path() {
    let mut body: serde_json::Value =
        serde_json::from_slice(&imbox_testkit::bytes("imbrace/002_notifications.json")).unwrap();
    let first = body["data"][0].clone();
    let data = body["data"].as_array_mut().unwrap();
    data.push(first.clone());
    data.push(first);
    data[3]["is_read"] = serde_json::json!({"oops": true});
    let server = TestServer::start(vec![Reply::ok(body.to_string())]).await;
    let err = client(&server).notifications(10, 0).await.unwrap_err();
    match err {
        ApiError::Decode { endpoint, path, detail } => {
            assert_eq!(endpoint, NOTIFICATIONS);
            assert_eq!(path, "data[3].is_read");
            assert!(detail.contains("expected a boolean"), "{detail}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn links_decode_errors_keep_their_path_in_either_shape() {
    let server = TestServer::start(vec![
        Reply::ok(r#"[{"phone_number":"1","conversation_links":[{"link":5}]}]"#),
        Reply::ok(r#"{"data":[{"phone_number":["x"]}]}"#),
    ])
    .await;
    let client = client(&server);
    let phones = ["1".to_string()];
    for expected in ["[0].conversation_links[0].link", "data[0].phone_number"] {
        match client.conversation_links(&phones, "org").await.unwrap_err() {
            ApiError::Decode { path, .. } => assert_eq!(path, expected),
            other => panic!("expected Decode, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn slow_server_times_out_after_retries() {
    let server =
        TestServer::start(vec![Reply::fixture("002_contacts.json").delayed(Duration::from_secs(2))]).await;
    let mut config = config(&server.base_url());
    config.request_timeout = Duration::from_millis(200);
    config.retry.max_retries = 1;
    let err = ImbraceClient::new(config).unwrap().contacts(10, 0, "-created_at").await.unwrap_err();
    assert_eq!(err, ApiError::Timeout { endpoint: CONTACTS });
    assert!(err.is_offline());
    assert_eq!(server.count(), 2, "one try plus one retry");
}

#[tokio::test]
async fn refused_connection_is_a_network_error_without_url_or_token() {
    // Bind, note the port, close: connecting there is then refused.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let base = format!("http://{addr}");
    let client = ImbraceClient::new(config(&base)).unwrap();
    let err = client.conversation_messages("conv_1", 10, 0).await.unwrap_err();
    match &err {
        ApiError::Network { endpoint, detail } => {
            assert_eq!(*endpoint, MESSAGES);
            assert!(detail.contains("connection refused"), "{detail}");
        }
        other => panic!("expected Network, got {other:?}"),
    }
    assert!(err.is_offline());
    let shown = format!("{err} {err:?}");
    assert_no_token(&shown);
    assert!(!shown.contains(&addr.to_string()), "URL leaked: {shown}");
    assert!(!shown.contains("conv_1"), "URL leaked: {shown}");
}

/// An `https` base URL goes through rustls on the ring provider (reqwest is built without one):
/// a server that answers in plain HTTP fails the TLS handshake as a network error, not a panic.
#[tokio::test]
async fn an_https_server_that_does_not_speak_tls_is_a_network_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        // Every connection (the client retries) gets a plain-text answer to its ClientHello.
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut hello = [0u8; 512];
            let _ = socket.read(&mut hello).await;
            let _ = socket.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n").await;
        }
    });
    let client = ImbraceClient::new(config(&format!("https://{addr}"))).unwrap();
    let err = client.conversation_messages("conv_1", 10, 0).await.unwrap_err();
    assert!(matches!(err, ApiError::Network { .. }), "{err:?}");
    assert_no_token(&format!("{err} {err:?}"));
    server.abort();
}

#[tokio::test]
async fn upload_is_never_retried() {
    let server = TestServer::start(vec![Reply::new(500, r#"{"message":"disk full"}"#)]).await;
    let (client, seen) = observed(&server);
    let err = client.upload_contact_file("a.png", b"\x89PNG".to_vec(), "image/png").await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Server {
            endpoint: "POST /v1/backend/contacts/_fileupload",
            status: 500,
            message: "disk full".into()
        }
    );
    assert_eq!(server.count(), 1);
    assert!(seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn upload_reply_without_url_is_a_decode_error() {
    let server = TestServer::start(vec![Reply::ok("{}")]).await;
    let err = client(&server).upload_contact_file("a.txt", b"hi".to_vec(), "text/plain").await.unwrap_err();
    assert!(matches!(&err, ApiError::Decode { path, .. } if path == "url"), "{err:?}");
}

#[tokio::test]
async fn token_is_sent_in_x_access_token() {
    let server = TestServer::start(vec![Reply::fixture("002_contacts.json")]).await;
    client(&server).contacts(10, 0, "-created_at").await.unwrap();
    let request = server.single();
    assert_eq!(request.header("x-access-token").as_deref(), Some(TOKEN));
    assert_eq!(request.header("accept").as_deref(), Some("application/json"));
    assert!(request.header("authorization").is_none());
}

#[tokio::test]
async fn path_ids_are_encoded_as_one_segment() {
    let server = TestServer::start(vec![Reply::fixture("002_contact_files.json")]).await;
    let files = client(&server).contact_files("con/../x?y=1#z").await.unwrap();
    assert_eq!(files.len(), 21, "the seed lists \"test aiaiai\" plus file01..file20");
    let request = server.single();
    assert_eq!(request.path, "/v1/backend/contact/con%2F..%2Fx%3Fy%3D1%23z/files");
    assert_eq!(request.query, None);
}

#[tokio::test]
async fn dot_segment_ids_are_refused_before_sending() {
    let server = TestServer::start(vec![Reply::ok("[]")]).await;
    let client = client(&server);
    for bad in ["", ".", ".."] {
        let err = client.contact_files(bad).await.unwrap_err();
        assert!(matches!(err, ApiError::Invalid(_)), "{bad:?}: {err:?}");
    }
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn repeated_parameters_arrive_repeated() {
    let server = TestServer::start(vec![Reply::fixture("000_links.json")]).await;
    let phones = vec!["886911425977".to_string(), "12345678".to_string()];
    let links = client(&server).conversation_links(&phones, "org_imbrace").await.unwrap();
    assert_eq!(links.len(), 2);
    let request = server.single();
    assert_eq!(request.query_values("phone_numbers"), phones);
    assert_eq!(request.query_values("organization_id"), vec!["org_imbrace"]);

    let server = TestServer::start(vec![Reply::fixture("002_contact_conversations.json")]).await;
    let client = client(&server);
    let channels = vec!["web".to_string(), "whatsapp".to_string()];
    client.contact_conversations("con_1", &channels).await.unwrap();
    client.contact_conversations("con_1", &[]).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].query_values("channel_types"), channels);
    assert_eq!(requests[1].query_values("channel_types"), imbox_model::CHANNEL_TYPES.to_vec());
}

#[tokio::test]
async fn cross_origin_redirects_are_not_followed_so_the_token_stays_home() {
    let elsewhere = TestServer::start(vec![Reply::fixture("002_contacts.json")]).await;
    let server = TestServer::start(vec![
        Reply::new(302, "").header("location", format!("{}/steal", elsewhere.base_url())),
    ])
    .await;
    let err = client(&server).contacts(10, 0, "-created_at").await.unwrap_err();
    assert!(matches!(err, ApiError::BadRequest { status: 302, .. }), "{err:?}");
    assert_eq!(elsewhere.count(), 0, "the token went to another origin");
}

#[tokio::test]
async fn same_origin_redirects_are_followed() {
    let server = TestServer::start(vec![
        Reply::new(307, "").header("location", "/v1/backend/contacts-moved"),
        Reply::fixture("002_contacts.json"),
    ])
    .await;
    let page = client(&server).contacts(10, 0, "-created_at").await.unwrap();
    assert_eq!(page.items.len(), 10);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].path, "/v1/backend/contacts-moved");
    assert_eq!(requests[1].header("x-access-token").as_deref(), Some(TOKEN));
}

#[tokio::test]
async fn token_never_appears_in_debug_or_error_messages() {
    let server = TestServer::start(vec![Reply::ok("[]")]).await;
    let client = client(&server);
    assert_no_token(&format!("{client:?}"));

    // Servers that echo the token back in their messages.
    let echo = format!(r#"{{"message":"bad token {TOKEN}"}}"#);
    for status in [400, 401, 404, 500] {
        let server = TestServer::start(vec![Reply::new(status, echo.clone())]).await;
        let mut cfg = config(&server.base_url());
        cfg.retry.max_retries = 0;
        let err = ImbraceClient::new(cfg).unwrap().contacts(10, 0, "-created_at").await.unwrap_err();
        let shown = format!("{err} {err:?}");
        assert_no_token(&shown);
        assert!(shown.contains("[redacted]"), "{shown}");
    }
    let server = TestServer::start(vec![Reply::new(418, format!("teapot {TOKEN}"))]).await;
    let err = ImbraceClient::new(config(&server.base_url())).unwrap().contacts(1, 0, "").await.unwrap_err();
    assert_no_token(&format!("{err} {err:?}"));
}

#[tokio::test]
async fn writes_answering_200_with_an_empty_body_succeed() {
    let server = TestServer::start(vec![Reply::new(200, "")]).await;
    let client = client(&server);
    let ids = vec!["not_1".to_string()];
    client.mark_notifications_read(&ids).await.unwrap();
    client.dismiss_notifications(&ids).await.unwrap();
    client.dismiss_all_notifications("conversations").await.unwrap();
    let update = imbox_model::ContactUpdate { gender: Some("m".into()), ..Default::default() };
    assert_eq!(client.update_contact("con_1", &update).await.unwrap(), None);
    assert_eq!(server.count(), 4);
}
