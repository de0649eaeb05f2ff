//! A demo server of a test's own, its runtime, and a config file with profiles on it; calls
//! straight to the demo to check what the server itself reports.

use crate::pty::PtyApp;
use serde_json::Value;

/// The demo server of a test, its runtime, and a config file with profiles on it.
pub struct Rig {
    rt: tokio::runtime::Runtime,
    server: imbox_demo::DemoServer,
    dir: tempfile::TempDir,
}

impl Rig {
    /// A demo server and a config with the named profiles on it (`im`: iMBRACE, `cw`:
    /// Chatwoot), the first the default.
    pub fn new(profiles: &[&str]) -> Rig {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let server = rt.block_on(imbox_demo::spawn(imbox_demo::DemoConfig::default())).expect("demo server");
        let dir = tempfile::tempdir().expect("temp dir");
        let base = server.base_url();
        let token = server.token();
        let mut config =
            format!("default_profile = \"{}\"\n[ui]\nnotification_refresh_secs = 5\n", profiles[0]);
        for p in profiles {
            let backend = if *p == "cw" { "backend = \"chatwoot\"\naccount_id = 1\n" } else { "" };
            config.push_str(&format!(
                "[[profile]]\nname = \"{p}\"\n{backend}base_url = \"{base}\"\ntoken_command = \"echo {token}\"\ntoken_store = \"file\"\n"
            ));
        }
        std::fs::write(dir.path().join("config.toml"), config).expect("write config");
        Rig { rt, server, dir }
    }

    /// A Chatwoot call straight to the demo (what the server itself reports).
    pub fn chatwoot(&self, method: reqwest::Method, path: &str) -> Value {
        let url = format!("{}/api/v1/accounts/1/{path}", self.server.base_url());
        let token = self.server.token().to_string();
        self.rt.block_on(async move {
            let reply = imbox_testkit::http_client()
                .request(method, url)
                .header("api_access_token", token)
                .send()
                .await
                .expect("request");
            let body = reply.text().await.expect("body");
            serde_json::from_str(&body).unwrap_or(Value::Null)
        })
    }

    /// imbox on this config in a `cols` x `rows` terminal.
    pub fn spawn(&self, cols: u16, rows: u16) -> PtyApp {
        let config = self.dir.path().join("config.toml");
        PtyApp::spawn(&[], cols, rows, &[("IMBOX_CONFIG", config.to_str().expect("utf-8 path"))])
    }

    /// The id of the agent the token belongs to (`GET /api/v1/profile`).
    pub fn chatwoot_profile_id(&self) -> u64 {
        let url = format!("{}/api/v1/profile", self.server.base_url());
        let token = self.server.token().to_string();
        let body = self.rt.block_on(async move {
            let reply = imbox_testkit::http_client()
                .get(url)
                .header("api_access_token", token)
                .send()
                .await
                .expect("request");
            reply.text().await.expect("body")
        });
        let v: Value = serde_json::from_str(&body).expect("JSON");
        v["id"].as_u64().expect("an id")
    }
}
