//! Shared by the Chatwoot client tests: a client for a scripted loopback server, and the
//! fixtures of tests/fixtures/chatwoot/.
#![allow(dead_code)] // Each test binary uses a different subset.

use crate::support::{Reply, TestServer};
use imbox::api::Secret;
use imbox::api::chatwoot::{ChatwootClient, ChatwootConfig};
use imbox::api::retry::RetryPolicy;
use std::time::Duration;

/// The token every test client sends.
pub const TOKEN: &str = "cw_tok_5f0c2b9e7a1d";

/// A fixture body from tests/fixtures/chatwoot/.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/chatwoot/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

/// A client for account 1 of `server`, without retries.
pub fn client_for(server: &TestServer, hyphenated: bool) -> ChatwootClient {
    let mut config = ChatwootConfig::new(format!("{}/", server.base_url()), 1, Secret::new(TOKEN));
    config.hyphenated_header = hyphenated;
    config.retry = RetryPolicy {
        max_retries: 0,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
    };
    ChatwootClient::new(config).unwrap()
}

/// A server answering with `script` and a client for it.
pub async fn serve(script: Vec<Reply>) -> (TestServer, ChatwootClient) {
    let server = TestServer::start(script).await;
    let client = client_for(&server, false);
    (server, client)
}

/// A server answering every request with a fixture.
pub async fn serve_fixture(name: &str) -> (TestServer, ChatwootClient) {
    serve(vec![Reply::ok(fixture(name))]).await
}
