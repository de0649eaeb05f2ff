//! The iMBRACE client against the demo server's injected faults: transparent retries of 5xx and
//! 429, no retries of undecodable bodies, uploads or rejected tokens.

use super::demo::{client_for, start};
use imbox_api::ApiError;
use imbox_demo::Fault;
use imbox_demo::seeds::F262_CONV;
use std::time::Duration;

const CONTACTS: &str = "GET /v1/backend/contacts";

#[tokio::test]
async fn one_server_error_is_retried_transparently() {
    let d = start().await;
    d.server.inject(Fault::Status(500), 1);
    let page = d.client.contacts(10, 0, "-created_at").await.unwrap();
    assert_eq!(page.items[0].display_name, "UNK#DO1695");
    let retries = d.retries();
    assert_eq!(retries.len(), 1, "{retries:?}");
    assert_eq!((retries[0].endpoint, retries[0].attempt), (CONTACTS, 1));
    assert_eq!(retries[0].reason, "HTTP 500");
}

#[tokio::test]
async fn server_errors_outlasting_the_retries_are_reported() {
    let d = start().await;
    // One first attempt plus three retries.
    d.server.inject(Fault::Status(503), 4);
    let err = d.client.conversation_messages(F262_CONV, 10, 0).await.unwrap_err();
    assert!(
        matches!(err, ApiError::Server { status: 503, endpoint, .. } if endpoint == "GET /3rd/conversations/{conversation_id}/messages"),
        "{err:?}"
    );
    assert_eq!(d.retries().len(), 3);
    // The injection is used up: the next call goes through.
    assert_eq!(d.client.conversation_messages(F262_CONV, 1, 0).await.unwrap().total, 304);
}

#[tokio::test]
async fn rate_limit_waits_as_told_then_succeeds() {
    let d = start().await;
    d.server.inject(Fault::RateLimited { retry_after_secs: 1 }, 1);
    let n = d.client.notifications(10, 0).await.unwrap();
    assert_eq!(n.page.total, 640);
    let retries = d.retries();
    assert_eq!(retries.len(), 1, "{retries:?}");
    assert_eq!(retries[0].wait, Duration::from_secs(1), "Retry-After is honoured");
    assert_eq!(retries[0].reason, "rate limited (HTTP 429)");
}

#[tokio::test]
async fn a_malformed_body_is_a_decode_error_naming_the_endpoint_and_not_retried() {
    let d = start().await;
    d.server.inject(Fault::Malformed, 1);
    let err = d.client.contacts(10, 0, "-created_at").await.unwrap_err();
    match &err {
        ApiError::Decode { endpoint, path, .. } => {
            assert_eq!(*endpoint, CONTACTS);
            assert_eq!(path, ".");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert!(err.to_string().contains(CONTACTS), "{err}");
    assert!(d.retries().is_empty(), "Decode is not retried");
    // Only one request took the fault: a retry would have eaten it and succeeded.
    assert_eq!(d.client.contacts(10, 0, "-created_at").await.unwrap().total, 300);

    // Enough malformed replies to outlast any retries: still one Decode, no retry.
    d.server.inject(Fault::Malformed, 4);
    let err = d.client.contact_files("con_32a507dd-dc57-49a9-8456-7fb9c48d2a41").await.unwrap_err();
    assert!(
        matches!(err, ApiError::Decode { endpoint, .. } if endpoint == "GET /v1/backend/contact/{contact_id}/files"),
        "{err:?}"
    );
    assert!(d.retries().is_empty());
}

#[tokio::test]
async fn an_upload_failing_with_500_is_not_retried() {
    let d = start().await;
    d.server.inject(Fault::Status(500), 1);
    let err = d.client.upload_contact_file("a.txt", b"x".to_vec(), "text/plain").await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 500, .. }), "{err:?}");
    assert!(d.retries().is_empty());
    assert!(d.client.upload_contact_file("a.txt", b"x".to_vec(), "text/plain").await.is_ok());
}

#[tokio::test]
async fn a_wrong_token_is_unauthorized_and_not_retried() {
    let d = start().await;
    let (client, retries) = client_for(&d.server, "acc_wrong_token");
    let err = client.contacts(10, 0, "-created_at").await.unwrap_err();
    assert_eq!(err, ApiError::Unauthorized { endpoint: CONTACTS, message: "Unauthorized".into() });
    assert!(err.is_auth());
    assert!(!err.to_string().contains("acc_wrong_token"));
    assert!(retries.lock().unwrap().is_empty());
    let err = client.mark_notifications_read(&["not_x".into()]).await.unwrap_err();
    assert!(err.is_auth(), "{err:?}");
}
