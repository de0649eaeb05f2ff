//! What a hostile or failing server can make the client do, against the real demo server (and
//! a scripted one, and ports where nothing listens): a reply over the size cap is refused naming
//! the endpoint, a page is cut to what was asked, a PUT that timed out is not sent again, a
//! server's pause holds for every endpoint, and network failures read as words.

use super::demo::{Demo, start};
use crate::scripted::{Reply, TestServer};
use imbox_api::imbrace::{ClientConfig, ImbraceClient, RetryNotice};
use imbox_api::retry::RetryPolicy;
use imbox_api::{AnyBackend, ApiError, Backend, Secret};
use imbox_demo::seeds::TWN_CONTACT;
use imbox_demo::{DemoConfig, Fault, spawn};
use imbox_model::ContactUpdate;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CONTACTS: &str = "GET /v1/backend/contacts";

fn config(base: &str, token: &str) -> ClientConfig {
    let mut c = ClientConfig::new(base, Secret::new(token));
    c.retry = RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(2),
        max_delay: Duration::from_secs(5),
    };
    c.connect_timeout = Duration::from_secs(2);
    c
}

#[tokio::test]
async fn a_20_mib_reply_is_refused_naming_the_endpoint() {
    let d = start().await;
    d.server.inject(Fault::Huge(20), 1);
    let err = d.client.contacts(10, 0, "-created_at").await.unwrap_err();
    assert_eq!(err, ApiError::TooLarge { endpoint: CONTACTS, limit_mib: 16 });
    assert_eq!(err.to_string(), "the server's reply to GET /v1/backend/contacts was over 16 MiB");
    assert!(d.retries().is_empty(), "a reply too large is not asked for again");
    // The next reply is normal again.
    assert_eq!(d.client.contacts(10, 0, "-created_at").await.unwrap().items.len(), 10);
}

#[tokio::test]
async fn a_content_length_over_the_cap_is_refused_before_reading() {
    let server = TestServer::start(vec![Reply::ok(vec![b' '; 3 * 1024 * 1024])]).await;
    let mut cfg = config(&server.base_url(), "acc_x");
    cfg.max_reply_bytes = 2 * 1024 * 1024;
    let client = ImbraceClient::new(cfg).unwrap();
    let err = client.contacts(10, 0, "-created_at").await.unwrap_err();
    assert_eq!(err.to_string(), "the server's reply to GET /v1/backend/contacts was over 2 MiB");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn fifty_thousand_rows_for_limit_50_are_refused_and_a_smaller_flood_is_cut_to_50() {
    let server =
        spawn(DemoConfig { contacts: 50_000, notifications: 10, ..DemoConfig::default() }).await.unwrap();
    let client = AnyBackend::from(ImbraceClient::new(config(&server.base_url(), server.token())).unwrap());
    server.inject(Fault::Flood(50_000), 1);
    let err = client.contacts(50, 0).await.unwrap_err();
    assert!(matches!(err, ApiError::TooLarge { endpoint: CONTACTS, .. }), "{err:?}");

    server.inject(Fault::Flood(500), 1);
    let page = client.contacts(50, 0).await.unwrap();
    assert_eq!(page.items.len(), 50, "at most what was asked for");
    assert!(page.has_more, "the dropped rows are still to come");
    server.inject(Fault::Flood(500), 1);
    let query = imbox_api::backend::MessagesQuery { skip: 0, limit: 5, before: None, after: None };
    let page = client.messages(imbox_demo::seeds::F262_CONV, &query).await.unwrap();
    assert_eq!(page.items.len(), 5);
}

#[tokio::test]
async fn a_put_that_timed_out_reached_the_server_once_and_is_not_sent_again() {
    let server = spawn(DemoConfig::default()).await.unwrap();
    let mut cfg = config(&server.base_url(), server.token());
    cfg.write_timeout = Duration::from_millis(800);
    let client = ImbraceClient::new(cfg).unwrap();
    server.inject_on("PUT", &format!("/contacts/{TWN_CONTACT}"), Fault::ApplyThenStall, 1);
    let update = ContactUpdate { remark: Some("written once".into()), ..ContactUpdate::default() };
    let err = client.update_contact(TWN_CONTACT, &update).await.unwrap_err();
    assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
    assert_eq!(server.requests_seen("PUT", &format!("/contacts/{TWN_CONTACT}")), 1, "exactly one PUT");
    let found = client.search_contacts("TWN#NJ9585", "text", 10, 0).await.unwrap();
    assert_eq!(found.items[0].remark, "written once", "the server applied it");
}

#[tokio::test]
async fn a_put_answered_500_is_not_sent_again_but_a_read_is() {
    let d: Demo = start().await;
    d.server.inject_on("PUT", &format!("/contacts/{TWN_CONTACT}"), Fault::Status(500), 4);
    let update = ContactUpdate { remark: Some("x".into()), ..ContactUpdate::default() };
    let err = d.client.update_contact(TWN_CONTACT, &update).await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 500, .. }), "{err:?}");
    assert_eq!(d.server.requests_seen("PUT", &format!("/contacts/{TWN_CONTACT}")), 1);
    assert!(d.retries().is_empty());
    d.server.inject(Fault::Status(500), 1);
    assert!(d.client.contacts(10, 0, "-created_at").await.is_ok(), "a read is retried");
}

#[tokio::test]
async fn a_429_on_one_endpoint_holds_back_the_others_until_the_pause_is_over() {
    let server = spawn(DemoConfig::default()).await.unwrap();
    let seen: Arc<Mutex<Vec<RetryNotice>>> = Arc::default();
    let log = seen.clone();
    let client = ImbraceClient::new(config(&server.base_url(), server.token()))
        .unwrap()
        .with_retry_observer(Arc::new(move |n: &RetryNotice| log.lock().unwrap().push(n.clone())));
    server.inject_on("GET", "/v1/backend/contacts", Fault::RateLimited { retry_after_secs: 3 }, 1);
    let contacts = tokio::spawn({
        let client = client.clone();
        async move { client.contacts(10, 0, "-created_at").await }
    });
    while seen.lock().unwrap().is_empty() {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let notifications = tokio::spawn({
        let client = client.clone();
        async move { client.notifications(10, 0).await }
    });
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        server.requests_seen("GET", "/v1/backend/notifications"),
        0,
        "another endpoint of the same server is held back inside the window"
    );
    assert!(contacts.await.unwrap().is_ok());
    assert!(notifications.await.unwrap().is_ok());
    assert_eq!(server.requests_seen("GET", "/v1/backend/notifications"), 1);
    let notices = seen.lock().unwrap().clone();
    assert!(
        notices.iter().any(|n| n.endpoint == "GET /v1/backend/notifications" && n.attempt == 0),
        "the held-back request announced its wait: {notices:?}"
    );
}

/// A resolver that fails every lookup here, like a name that does not exist, without asking a
/// DNS server on the network.
struct NoSuchName;

impl reqwest::dns::Resolve for NoSuchName {
    fn resolve(&self, _: reqwest::dns::Name) -> reqwest::dns::Resolving {
        Box::pin(async { Err("failed to lookup address information: Name or service not known".into()) })
    }
}

#[tokio::test]
async fn network_failures_read_as_words() {
    // A loopback port where nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let mut cfg = config(&format!("http://127.0.0.1:{port}"), "acc_x");
    cfg.retry = RetryPolicy::none();
    let err = ImbraceClient::new(cfg).unwrap().contacts(1, 0, "-created_at").await.unwrap_err();
    assert_eq!(err.to_string(), "network error on GET /v1/backend/contacts: connection refused");

    let mut cfg = config("http://imbox-test.invalid", "acc_x");
    cfg.retry = RetryPolicy::none();
    cfg.resolver = Some(Arc::new(NoSuchName));
    let err = ImbraceClient::new(cfg).unwrap().contacts(1, 0, "-created_at").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "network error on GET /v1/backend/contacts: name not found (imbox-test.invalid)"
    );

    // TLS spoken to a plain-HTTP port.
    let d = start().await;
    let https = d.server.base_url().replace("http://", "https://");
    let mut cfg = config(&https, "acc_x");
    cfg.retry = RetryPolicy::none();
    let err = ImbraceClient::new(cfg).unwrap().contacts(1, 0, "-created_at").await.unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("network error on GET /v1/backend/contacts: TLS: "), "{text}");
    assert!(!text.contains("uncategorized"), "{text}");
}
