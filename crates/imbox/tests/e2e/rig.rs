//! A Chatwoot account on a demo server of the test's own: the server, a config file with one
//! `chatwoot` profile on it, a data directory that outlives one run of imbox, and direct calls
//! to the server to check what it holds.

use crate::pty::PtyApp;
use serde_json::Value;

/// The demo server of one test, its runtime, and the files imbox runs with.
pub struct Rig {
    /// The runtime the demo server runs on.
    pub rt: tokio::runtime::Runtime,
    /// The demo server.
    pub server: imbox_demo::DemoServer,
    /// Config file and data directory.
    pub dir: tempfile::TempDir,
}

impl Rig {
    /// A fresh demo server and a config with one Chatwoot profile `cw` on it.
    pub fn chatwoot() -> Rig {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let server = rt.block_on(imbox_demo::spawn(imbox_demo::DemoConfig::default())).expect("demo server");
        let dir = tempfile::tempdir().expect("temp dir");
        let config = format!(
            r#"[[profile]]
name = "cw"
backend = "chatwoot"
base_url = "{base}"
account_id = 1
token_command = "echo {token}"
token_store = "file"
"#,
            base = server.base_url(),
            token = server.token()
        );
        std::fs::write(dir.path().join("config.toml"), config).expect("write config");
        Rig { rt, server, dir }
    }

    /// A Chatwoot call straight to the demo under `/api/v1/accounts/1/` (what the server holds).
    pub fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}/api/v1/accounts/1/{path}", self.server.base_url());
        let token = self.server.token().to_string();
        self.rt.block_on(async move {
            let mut req = imbox_testkit::http_client().request(method, url).header("api_access_token", token);
            if let Some(b) = body {
                req = req.json(&b);
            }
            let body = req.send().await.expect("request").text().await.expect("body");
            serde_json::from_str(&body).unwrap_or(Value::Null)
        })
    }

    /// A GET under the account.
    pub fn get(&self, path: &str) -> Value {
        self.call(reqwest::Method::GET, path, None)
    }

    /// The first conversation of the Mine view as imbox lists it (open, assigned to me): its
    /// display id and its contact's name.
    pub fn first_mine(&self) -> (u64, String) {
        let list = self.get("conversations?assignee_type=me&status=open&page=1");
        let first = &list["data"]["payload"][0];
        let id = first["id"].as_u64().unwrap_or_else(|| panic!("a conversation in {list}"));
        let name = first["meta"]["sender"]["name"].as_str().unwrap_or_default().to_string();
        (id, name)
    }

    /// The messages the server holds for conversation `id` (its newest page).
    pub fn messages(&self, id: u64) -> Vec<Value> {
        let v = self.get(&format!("conversations/{id}/messages"));
        v["payload"].as_array().cloned().unwrap_or_default()
    }

    /// How many messages of conversation `id` say exactly `content`.
    pub fn count_with(&self, id: u64, content: &str) -> usize {
        self.messages(id).iter().filter(|m| m["content"].as_str() == Some(content)).count()
    }

    /// Starts imbox on this rig's config and data directory (the same data on every run).
    pub fn spawn(&self, cols: u16, rows: u16, env: &[(&str, &str)]) -> PtyApp {
        let config = self.dir.path().join("config.toml");
        let data = self.dir.path().join("data");
        let mut all = vec![
            ("IMBOX_CONFIG", config.to_str().expect("utf-8 path").to_string()),
            ("IMBOX_DATA_DIR", data.to_str().expect("utf-8 path").to_string()),
        ];
        all.extend(env.iter().map(|(k, v)| (*k, v.to_string())));
        let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
        PtyApp::spawn(&[], cols, rows, &refs)
    }
}
