//! Shared helpers of the demo-server tests: a spawned server and a raw reqwest client that
//! speaks to one of its APIs (its path prefix and its token header).

use imbox_demo::{self as demo, DemoConfig, DemoServer};
use serde_json::Value;

/// Which of the demo's APIs a client talks to.
#[derive(Clone, Copy)]
pub struct Api {
    /// Prefix of every path (`""` for iMBRACE, `/api/v1/accounts/1` for Chatwoot).
    pub prefix: &'static str,
    /// The header that carries the token.
    pub token_header: &'static str,
}

/// The iMBRACE API: paths as the seeds write them, the token in `x-access-token`.
pub const IMBRACE: Api = Api { prefix: "", token_header: "x-access-token" };

/// A spawned server and a client that sends the demo token the way its API wants it.
pub struct T {
    pub server: DemoServer,
    pub http: reqwest::Client,
    pub api: Api,
}

/// A demo server with `cfg`, and a client for `api`.
pub async fn start_api(cfg: DemoConfig, api: Api) -> T {
    let server = demo::spawn(cfg).await.expect("demo server starts");
    T { server, http: imbox_testkit::http_client(), api }
}

pub async fn start(cfg: DemoConfig) -> T {
    start_api(cfg, IMBRACE).await
}

pub async fn default() -> T {
    start(DemoConfig::default()).await
}

impl T {
    /// The server's URL of `path` (after the API's prefix).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}{path}", self.server.base_url(), self.api.prefix)
    }

    pub fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http.request(method, self.url(path)).header(self.api.token_header, self.server.token())
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

/// Status and body (`Null` for an empty body).
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
