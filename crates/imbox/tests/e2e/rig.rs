//! A demo server of a test's own, its runtime, a config file with profiles on it and a data
//! directory that outlives one run of imbox; calls straight to the demo to check what the
//! server itself holds.

use crate::pty::PtyApp;
use serde_json::Value;

/// The demo server of a test, its runtime, and a config file with profiles on it.
pub struct Rig {
    /// The runtime the demo server runs on.
    pub rt: tokio::runtime::Runtime,
    /// The demo server (faults can be injected on it).
    pub server: imbox_demo::DemoServer,
    /// Config file and data directory.
    pub dir: tempfile::TempDir,
}

impl Rig {
    /// A demo server and a config with the named profiles on it (`im`: iMBRACE, `cw`:
    /// Chatwoot, `sms`: SMS/RCS), the first the default.
    pub fn new(profiles: &[&str]) -> Rig {
        Rig::with_demo(profiles, imbox_demo::DemoConfig::default())
    }

    /// As [`Rig::new`], on a demo server configured as `demo` says (hostile, say).
    pub fn with_demo(profiles: &[&str], demo: imbox_demo::DemoConfig) -> Rig {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let server = rt.block_on(imbox_demo::spawn(demo)).expect("demo server");
        let dir = tempfile::tempdir().expect("temp dir");
        let base = server.base_url();
        let token = server.token();
        let mut config =
            format!("default_profile = \"{}\"\n[ui]\nnotification_refresh_secs = 5\n", profiles[0]);
        for p in profiles {
            let (backend, base) = match *p {
                "cw" => ("backend = \"chatwoot\"\naccount_id = 1\n".to_string(), base.clone()),
                "sms" => (
                    format!("backend = \"smsrcs\"\napi_login = \"{}\"\n", imbox_demo::smsrcs::DEMO_LOGIN),
                    format!("{base}/smsrcs"),
                ),
                _ => (String::new(), base.clone()),
            };
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

    /// A Chatwoot GET under the account.
    pub fn get(&self, path: &str) -> Value {
        self.chatwoot(reqwest::Method::GET, path)
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

    /// An SMS/RCS call straight to the demo: `path` under `/smsrcs` with its query.
    pub fn smsrcs(&self, path_and_query: &str) -> Value {
        let url = format!("{}/smsrcs{path_and_query}", self.server.base_url());
        let token = self.server.token().to_string();
        self.rt.block_on(async move {
            let reply = imbox_testkit::http_client()
                .get(url)
                .header("api-key", token)
                .header("api-login", imbox_demo::smsrcs::DEMO_LOGIN)
                .send()
                .await
                .expect("request");
            let body = reply.text().await.expect("body");
            serde_json::from_str(&body).unwrap_or(Value::Null)
        })
    }

    /// imbox on this config in a `cols` x `rows` terminal.
    pub fn spawn(&self, cols: u16, rows: u16) -> PtyApp {
        self.spawn_with(cols, rows, &[])
    }

    /// Adds a `[poll]` table to the config (its keys as written, e.g. `thread_secs = 2`).
    pub fn poll(&self, keys: &str) {
        let path = self.dir.path().join("config.toml");
        let mut config = std::fs::read_to_string(&path).expect("read config");
        config.push_str(&format!("[poll]\n{keys}\n"));
        std::fs::write(path, config).expect("write config");
    }

    /// imbox on this config and this rig's data directory (the same on every run, so drafts
    /// survive a restart), with extra environment variables.
    pub fn spawn_with(&self, cols: u16, rows: u16, env: &[(&str, &str)]) -> PtyApp {
        self.spawn_args(&[], cols, rows, env)
    }

    /// As [`Rig::spawn_with`], with command-line arguments.
    pub fn spawn_args(&self, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> PtyApp {
        let config = self.dir.path().join("config.toml");
        let data = self.dir.path().join("data");
        let mut all = vec![
            ("IMBOX_CONFIG", config.to_str().expect("utf-8 path").to_string()),
            ("IMBOX_DATA_DIR", data.to_str().expect("utf-8 path").to_string()),
        ];
        all.extend(env.iter().map(|(k, v)| (*k, v.to_string())));
        let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
        PtyApp::spawn(args, cols, rows, &refs)
    }

    /// The id of the agent the token belongs to (`GET /api/v1/profile`).
    pub fn chatwoot_profile_id(&self) -> u64 {
        self.profile()["id"].as_u64().expect("an id")
    }

    /// The name of the agent the token belongs to.
    pub fn profile_name(&self) -> String {
        self.profile()["name"].as_str().expect("a name").to_string()
    }

    /// `GET /api/v1/profile`: the agent the token belongs to.
    fn profile(&self) -> Value {
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
        serde_json::from_str(&body).expect("JSON")
    }
}
