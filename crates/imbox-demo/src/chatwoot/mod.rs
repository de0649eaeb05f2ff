//! The demo speaks Chatwoot: the Application API under `/api/v1/accounts/1/…`, faithful to
//! what upstream really renders (`shared/reference/chatwoot-api.md`), over the same generated
//! people as the iMBRACE API.
//!
//! The routes live in the demo's one router, so its latency, fault and hostile modes apply to
//! them as well; they authenticate on their own (`api_access_token` or `api-access-token`, the
//! demo token) with Chatwoot's error bodies. The account (about 200 conversations over four
//! inboxes, their histories and 60 notifications) is built on the first Chatwoot request and kept;
//! contact name, e-mail and phone edits go to the shared demo store.
//!
//! Agents answer through it too (`answer.rs`, `actions.rs`): `GET /api/v1/profile` (the current
//! user, [`AGENT_ID`]), agents, canned responses (`canned.rs`), messages sent as replies or
//! private notes, status, assignment, labels, priority and bulk actions. They change a live copy
//! of the account, so every later read shows them.
//!
//! Well-known records for tests and newcomers: [`WELL_KNOWN_CONV`] (#61: bot buttons with a
//! submitted choice, a form, cards, a private note among the newest messages), [`WHATSAPP_CONV`]
//! (#42), [`EMAIL_CONV`] (#57) and [`LONG_CONV`] (a history of about [`LONG_TARGET`] messages).

mod actions;
mod answer;
mod cable;
mod canned;
mod catalog;
mod contacts;
mod content;
mod controls;
mod conversations;
mod events;
mod finder;
pub(crate) mod happen;
mod http;
mod notifications;
mod notify;
mod people;
mod render;
mod script;
mod specials;
mod state;
mod world;

pub use catalog::{ACCOUNT_ID, BOT_ID, BOT_NAME};
pub use finder::PAGE as CONVERSATIONS_PAGE;
pub use notify::{FIRST_NOTIFICATION_ID, NOTIFICATIONS};
pub use specials::{EMAIL_CONV, WELL_KNOWN_CONV, WHATSAPP_CONV};
pub use world::{CONVERSATIONS, DB_OFFSET, LONG_CONV, LONG_TARGET};

use crate::hostile::KeepKeys;
use crate::shared::Shared;
use axum::extract::{Request, State as AxState};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};
use render::Ctx;
use state::State;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use world::World;

pub use cable::PATH as CABLE_PATH;

/// The current user's realtime token (`pubsub_token` of `GET /api/v1/profile`), which a
/// `/cable` subscription must carry.
pub const PUBSUB_TOKEN: &str = "t5Vh8KqZ2mXc9RbN4wLs7JdF";

/// The second account the current user belongs to: the demo serves none of its API, but its
/// events reach her socket (upstream's user stream carries every account's), so clients must
/// filter by `account_id`.
pub const OTHER_ACCOUNT_ID: u64 = 2;

/// The current user's id (the token belongs to Dana Levi, an agent).
pub const AGENT_ID: u64 = 7;
/// The current user's name.
pub const AGENT_NAME: &str = "Dana Levi";
/// Inbox ids: web widget, WhatsApp, e-mail, SMS.
pub const INBOX_IDS: [u64; 4] = [1, 3, 5, 6];
/// Team ids (`general`, `billing`, `vip care`).
pub const TEAM_IDS: [u64; 3] = [1, 2, 3];
/// Label titles.
pub const LABELS: [&str; 6] = ["billing", "vip", "login", "bug", "shipping", "feedback"];
/// Contacts per page (index and search).
pub const CONTACTS_PAGE: usize = 15;
/// Notifications per page.
pub const NOTIFICATIONS_PAGE: usize = 15;

/// Fields the hostile mode keeps valid in Chatwoot bodies: enums the client branches on, times,
/// `current_page`, the uuid and the realtime token (which the socket must be able to subscribe
/// with; the attack is still in every shown string).
const KEEP: [&str; 19] = [
    "echo_id",
    "status",
    "content_type",
    "channel",
    "channel_type",
    "file_type",
    "notification_type",
    "assignee_type",
    "sender_type",
    "primary_actor_type",
    "availability_status",
    "role",
    "provider",
    "bot_type",
    "priority",
    "snoozed_until",
    "current_page",
    "uuid",
    "pubsub_token",
];

/// The Chatwoot side of the demo.
pub(crate) struct Cw {
    app: Shared,
    world: OnceLock<World>,
    live: OnceLock<Mutex<Live>>,
    /// Every change of the account, for the sockets.
    bus: events::Bus,
    /// What tests do to the sockets.
    cable: cable::Controls,
    /// Where an agent's public reply is announced (to the activity simulator, when it runs).
    replies: Mutex<Option<tokio::sync::mpsc::UnboundedSender<u64>>>,
}

/// The account as agents changed it: its conversations (messages sent, status, assignee, team,
/// labels, priority) and the rest of its state, under one lock.
struct Live {
    w: World,
    st: State,
}

impl Cw {
    /// The Chatwoot side of a demo server (the account is built on first use).
    pub(crate) fn new(app: &Shared) -> Arc<Cw> {
        Arc::new(Cw {
            app: app.clone(),
            world: OnceLock::new(),
            live: OnceLock::new(),
            bus: events::Bus::new(app.hostile),
            cable: cable::Controls::default(),
            replies: Mutex::new(None),
        })
    }

    /// The generated account (built on first use), as generated: the contact scan reads its
    /// incoming messages, which no agent action changes.
    fn world(&self) -> &World {
        self.world.get_or_init(|| World::build(&self.app.store.data))
    }

    fn lock(&self) -> MutexGuard<'_, Live> {
        let m = self.live.get_or_init(|| {
            let w = self.world();
            Mutex::new(Live { w: w.clone(), st: State::new(notify::generate(w, &self.app.store.data)) })
        });
        // Every change is made under the lock in one synchronous section, so a poisoned lock
        // (a panic mid-way is not expected) still holds readable data.
        m.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` with the account, its changes (locked) and the people.
    fn with<T>(&self, f: impl FnOnce(&World, &mut State, &crate::data::store::Store) -> T) -> T {
        let mut live = self.lock();
        let Live { w, st } = &mut *live;
        f(w, st, &self.app.store)
    }

    /// Runs `f` with the account open for changes.
    fn with_mut<T>(&self, f: impl FnOnce(&mut World, &mut State, &crate::data::store::Store) -> T) -> T {
        let mut live = self.lock();
        let Live { w, st } = &mut *live;
        f(w, st, &self.app.store)
    }

    /// Runs a read-only rendering.
    fn render<T>(&self, f: impl FnOnce(&Ctx) -> T) -> T {
        self.with(|w, st, store| f(&Ctx { w, st, store }))
    }
}

/// Handler access to the Chatwoot side.
type Cwx = Extension<Arc<Cw>>;

/// Index in [`catalog::AGENTS`] of the other agent whose token tests use (Harris Lam, id 8).
pub(crate) const OTHER: usize = 1;

/// Who sent a request: the agent whose token it carried, by index in [`catalog::AGENTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Actor(pub usize);

/// Handler access to the request's author.
type By = Extension<Actor>;

impl Cw {
    /// The other agent's API token: the demo token with a suffix, so a canary token stays
    /// unique in both.
    pub(crate) fn other_token(&self) -> String {
        format!("{}-harris", self.app.token)
    }
}

/// Whether a path belongs to the Chatwoot API (the iMBRACE token check leaves it alone).
pub(crate) fn owns(path: &str) -> bool {
    path.starts_with("/api/v1/accounts/") || path == PROFILE || path == cable::PATH
}

/// The profile path: under `/api/v1`, not under an account.
const PROFILE: &str = "/api/v1/profile";

/// Label titles from a JSON array (or a comma-separated string, as acts-as-taggable parses
/// one): trimmed, blanks dropped, each once.
fn labels_of(v: Option<&serde_json::Value>) -> Vec<String> {
    let raw: Vec<String> = match v {
        Some(serde_json::Value::Array(a)) => {
            a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()
        }
        Some(serde_json::Value::String(s)) => s.split(',').map(str::to_string).collect(),
        _ => Vec::new(),
    };
    let mut out: Vec<String> = Vec::new();
    for l in raw.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        if !out.iter().any(|o| o == l) {
            out.push(l.to_string());
        }
    }
    out
}

/// Chatwoot's token and account checks, then marks the response for the hostile mode.
async fn auth(AxState(cw): AxState<Arc<Cw>>, req: Request, next: Next) -> Response {
    let h = req.headers();
    let token = ["api_access_token", "api-access-token"]
        .iter()
        .filter_map(|name| h.get(*name)?.to_str().ok())
        .find(|t| !t.trim().is_empty());
    let actor = match token {
        None => return http::sign_in(),
        Some(t) if t == cw.app.token => Actor(catalog::ME),
        Some(t) if t == cw.other_token() => Actor(OTHER),
        Some(_) => return http::unauthorized("Invalid Access Token"),
    };
    let account =
        req.uri().path().strip_prefix("/api/v1/accounts/").map(|p| p.split('/').next().unwrap_or(""));
    // The profile is the user's, not an account's: only the token is checked.
    if account.is_some_and(|a| a != ACCOUNT_ID.to_string()) {
        return http::unauthorized("You are not authorized to access this account");
    }
    let mut req = req;
    req.extensions_mut().insert(actor);
    let mut r = next.run(req).await;
    r.extensions_mut().insert(KeepKeys(&KEEP));
    r
}

/// The Chatwoot routes, to be merged into the demo router before its fault and hostile layers.
pub(crate) fn router(cw: Arc<Cw>) -> Router<Shared> {
    let a = "/api/v1/accounts/{account_id}";
    Router::new()
        .route(&format!("{a}/conversations"), get(conversations::index))
        .route(&format!("{a}/conversations/meta"), get(conversations::meta))
        .route(&format!("{a}/conversations/{{id}}"), get(conversations::show))
        .route(PROFILE, get(answer::profile))
        .route(&format!("{a}/agents"), get(answer::agents))
        .route(&format!("{a}/canned_responses"), get(answer::canned_responses))
        .route(&format!("{a}/bulk_actions"), post(actions::bulk_actions))
        .route(
            &format!("{a}/conversations/{{id}}/messages"),
            get(conversations::messages).post(answer::create_message),
        )
        .route(&format!("{a}/conversations/{{id}}/labels"), get(answer::labels).post(answer::set_labels))
        .route(&format!("{a}/conversations/{{id}}/toggle_status"), post(actions::toggle_status))
        .route(&format!("{a}/conversations/{{id}}/toggle_priority"), post(actions::toggle_priority))
        .route(&format!("{a}/conversations/{{id}}/custom_attributes"), post(actions::custom_attributes))
        .route(&format!("{a}/conversations/{{id}}/assignments"), post(actions::assignments))
        .route(&format!("{a}/conversations/{{id}}/update_last_seen"), post(conversations::update_last_seen))
        .route(&format!("{a}/conversations/{{id}}/unread"), post(conversations::unread))
        .route(&format!("{a}/conversations/{{id}}/toggle_typing_status"), post(conversations::typing))
        .route(&format!("{a}/contacts"), get(contacts::index))
        .route(&format!("{a}/contacts/search"), get(contacts::search))
        .route(
            &format!("{a}/contacts/{{id}}"),
            get(contacts::show).put(contacts::update).patch(contacts::update),
        )
        .route(&format!("{a}/contacts/{{id}}/conversations"), get(contacts::conversations))
        .route(&format!("{a}/notifications"), get(notifications::index))
        .route(&format!("{a}/notifications/unread_count"), get(notifications::unread_count))
        .route(&format!("{a}/notifications/read_all"), post(notifications::read_all))
        .route(&format!("{a}/notifications/destroy_all"), post(notifications::destroy_all))
        .route(
            &format!("{a}/notifications/{{id}}"),
            axum::routing::patch(notifications::update)
                .put(notifications::update)
                .delete(notifications::destroy),
        )
        .route(&format!("{a}/notifications/{{id}}/unread"), post(notifications::unread))
        .route(&format!("{a}/notifications/{{id}}/snooze"), post(notifications::snooze))
        .route(&format!("{a}/inboxes"), get(|| async { http::ok(catalog::inboxes_json()) }))
        .route(&format!("{a}/teams"), get(|| async { http::ok(catalog::teams_json()) }))
        .route(&format!("{a}/labels"), get(|| async { http::ok(catalog::labels_json()) }))
        .route(&format!("{a}/{{*rest}}"), axum::routing::any(|| async { http::not_found() }))
        .route_layer(middleware::from_fn_with_state(cw.clone(), auth))
        // The socket authenticates by its subscription (a browser cannot send the token header).
        .route(cable::PATH, get(cable::upgrade))
        .layer(Extension(cw))
}
