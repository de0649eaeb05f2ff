//! The Chatwoot client: the requests it sends, the reference's bodies through the wire types,
//! and decoder properties. Shared here: a client for a scripted loopback server that serves the
//! fixtures of tests/fixtures/chatwoot/.

mod answer_requests;
mod demo_answer;
mod props;
mod requests;
mod wire;

use crate::scripted::{Reply, TestServer};
use imbox_api::Secret;
use imbox_api::chatwoot::{ChatwootClient, ChatwootConfig};
use imbox_api::retry::RetryPolicy;
use std::time::Duration;

/// The token every test client sends.
pub const TOKEN: &str = "cw_tok_5f0c2b9e7a1d";

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
    serve(vec![Reply::ok(imbox_testkit::bytes(&format!("chatwoot/{}", name)))]).await
}
