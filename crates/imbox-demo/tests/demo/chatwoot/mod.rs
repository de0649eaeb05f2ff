//! The demo's Chatwoot API over real loopback HTTP, checked against the spec
//! (`shared/reference/chatwoot-api.md` §0–§9): shapes, absent keys, time encodings, paging,
//! filters, counts, writes and error bodies, as raw JSON.

mod answer;
mod auth;
mod contacts;
mod conversations;
mod messages;
mod notifications;
mod shapes;

pub use crate::common::send;
use crate::common::{Api, T, start_api};
use imbox_demo::DemoConfig;
use serde_json::Value;

/// The Chatwoot API: paths under account 1, the token in `api_access_token`.
const CHATWOOT: Api = Api { prefix: "/api/v1/accounts/1", token_header: "api_access_token" };

/// A spawned demo and a client for its Chatwoot API.
pub type Cw = T;

pub async fn start(cfg: DemoConfig) -> Cw {
    start_api(cfg, CHATWOOT).await
}

pub async fn cw() -> Cw {
    start(DemoConfig::default()).await
}

/// What the Chatwoot tests ask of a client beyond the shared ones.
impl T {
    /// GET that must succeed.
    pub async fn ok(&self, path: &str) -> Value {
        let (status, body) = self.get(path).await;
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }

    pub async fn send_json(&self, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
        send(self.req(method, path).json(&body)).await
    }

    pub async fn post(&self, path: &str) -> (u16, Value) {
        send(self.req(reqwest::Method::POST, path)).await
    }

    /// Every conversation of a list query, page by page (`query` without `page`).
    pub async fn all_conversations(&self, query: &str) -> Vec<Value> {
        let mut out = Vec::new();
        for page in 1.. {
            let body = self.ok(&format!("/conversations?{query}&page={page}")).await;
            let items = body["data"]["payload"].as_array().expect("payload").clone();
            let n = items.len();
            assert!(n <= 25, "25 per page");
            out.extend(items);
            if n < 25 {
                break;
            }
        }
        out
    }
}

/// The keys of an object, sorted.
pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

/// The ids of a list.
pub fn ids(list: &[Value]) -> Vec<u64> {
    list.iter().map(|v| v["id"].as_u64().expect("id")).collect()
}

/// Whether a value is an ISO-8601 UTC time with milliseconds (`2025-12-01T09:50:20.923Z`).
pub fn is_iso(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        s.len() == 24 && s.ends_with('Z') && s.as_bytes()[10] == b'T' && s.as_bytes()[19] == b'.'
    })
}

/// Whether a value is unix seconds (an integer in a plausible range).
pub fn is_unix(v: &Value) -> bool {
    v.as_i64().is_some_and(|t| (1_500_000_000..2_500_000_000).contains(&t)) && !v.is_f64()
}
