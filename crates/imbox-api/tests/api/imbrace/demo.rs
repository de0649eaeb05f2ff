//! Shared helpers of the client-against-demo tests: a demo server on loopback and an
//! `ImbraceClient` pointed at it, with a fast retry policy so retried calls stay quick.

use imbox_api::Secret;
use imbox_api::imbrace::{ClientConfig, ImbraceClient, RetryNotice};
use imbox_api::retry::RetryPolicy;
use imbox_demo::{self as demo, DemoConfig, DemoServer};
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Three retries, waiting at most a few milliseconds each (a server's `Retry-After` is honoured
/// up to two seconds, so the 1 s rate-limit fault is waited out as announced).
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(2), max_delay: Duration::from_secs(2) }
}

/// A running demo server, a client for it and the retries that client announced.
pub struct Demo {
    pub server: DemoServer,
    pub client: ImbraceClient,
    pub retries: Arc<Mutex<Vec<RetryNotice>>>,
}

impl Demo {
    /// The retry notices seen so far.
    pub fn retries(&self) -> Vec<RetryNotice> {
        self.retries.lock().unwrap().clone()
    }
}

/// A client for `server` sending `token`, recording its retry notices.
pub fn client_for(server: &DemoServer, token: &str) -> (ImbraceClient, Arc<Mutex<Vec<RetryNotice>>>) {
    let mut cfg = ClientConfig::new(server.base_url(), Secret::new(token));
    cfg.retry = fast_retry();
    let seen: Arc<Mutex<Vec<RetryNotice>>> = Arc::default();
    let log = seen.clone();
    let client = ImbraceClient::new(cfg)
        .expect("client builds")
        .with_retry_observer(Arc::new(move |n: &RetryNotice| log.lock().unwrap().push(n.clone())));
    (client, seen)
}

/// The default demo (300 contacts, 640 notifications) and a client with the demo token.
pub async fn start() -> Demo {
    let server = demo::spawn(DemoConfig::default()).await.expect("demo server starts");
    let (client, retries) = client_for(&server, server.token());
    Demo { server, client, retries }
}

/// The `id` (or `_id`) of every object in a JSON array.
pub fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|v| v["id"].as_str().or(v["_id"].as_str()).expect("object has an id").to_string())
        .collect()
}
