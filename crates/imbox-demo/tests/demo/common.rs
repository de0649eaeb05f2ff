//! Shared helpers of the demo-server tests: a raw reqwest client against a spawned server.

use imbox_demo::{self as demo, DemoConfig, DemoServer};
use serde_json::Value;

/// A spawned server and a client that sends the demo token.
pub struct T {
    pub server: DemoServer,
    pub http: reqwest::Client,
}

pub async fn start(cfg: DemoConfig) -> T {
    let server = demo::spawn(cfg).await.expect("demo server starts");
    T { server, http: imbox_testkit::http_client() }
}

pub async fn default() -> T {
    start(DemoConfig::default()).await
}

impl T {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base_url())
    }

    pub fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, self.url(path)).header("x-access-token", self.server.token())
    }

    /// GET with the token; returns status and JSON body.
    pub async fn get(&self, path: &str) -> (u16, Value) {
        send(self.req(reqwest::Method::GET, path)).await
    }

    /// A request with a JSON (or raw) body.
    pub async fn with_body(&self, method: reqwest::Method, path: &str, body: &str) -> (u16, Value) {
        send(self.req(method, path).header("content-type", "application/json").body(body.to_string())).await
    }
}

pub async fn send(rb: reqwest::RequestBuilder) -> (u16, Value) {
    let resp = rb.send().await.expect("request is answered");
    let status = resp.status().as_u16();
    let text = resp.text().await.expect("body is read");
    let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).expect("body is JSON") };
    (status, body)
}

pub fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|c| c["id"].as_str().or(c["_id"].as_str()).expect("id").to_string())
        .collect()
}
