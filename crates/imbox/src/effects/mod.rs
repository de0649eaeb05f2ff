//! Effects: the worker and what it does for each feature's commands — one file per feature,
//! each turning its commands into calls on the client (or the file system, the keyring, the
//! system opener) and the results into actions. With the API clients, the only code that does
//! I/O; `state` never imports it.
//!
//! - `worker.rs`: runs every command in a task of its own and sends the result back;
//! - `failure.rs`: for every command, the action that reports it failed (a job that panicked);
//! - `contact.rs`, `compose.rs`, `inbox.rs`, `notifications.rs`, `search.rs`, `relogin.rs`:
//!   the jobs; `drafts.rs`: the edit form's and the composer's drafts on disk; `opened.rs`: the
//!   SMS/RCS conversations' last-opened times on disk; `opener.rs`: the system opener;
//!   `editor.rs`: `$VISUAL`/`$EDITOR` on a private temporary file; `alert.rs`: the desktop
//!   notification;
//! - `cache/`: the on-disk cache of what the agent has seen (its own thread; see its module);
//! - `live.rs`: the realtime channel's task (not a command: it runs for the account's life).

mod act;
pub mod alert;
pub mod cache;
pub mod compose;
pub mod contact;
pub mod drafts;
pub mod editor;
mod failure;
mod inbox;
pub mod live;
pub mod notifications;
pub mod opened;
mod opener;
mod readback;
mod relogin;
pub mod search;
pub mod worker;

use crate::auth::TokenTarget;
use imbox_api::AnyBackend;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// Everything a job may use: the account's backend and where drafts live.
///
/// The client sits behind a shared lock so a re-login can swap it for every later job; each job
/// takes a clone of it at its start ([`JobContext::client`]) and never holds the lock across an
/// `.await`. Clones of a context share the one client slot.
#[derive(Clone, Debug)]
pub struct JobContext {
    client: Arc<RwLock<AnyBackend>>,
    /// The data directory for drafts (None: drafts are not persisted).
    pub data_dir: Option<PathBuf>,
    /// Where a token accepted by the in-app re-login is stored (None: not stored, e.g. the demo).
    pub token_target: Option<TokenTarget>,
    /// The account's name: reply drafts live in a directory of their own per account, as two
    /// servers may both have a conversation `42`.
    pub account: String,
    /// How patient the realtime channel is; None: no realtime channel (`[realtime] enabled =
    /// false`), polling only.
    pub realtime: Option<imbox_api::realtime::RealtimeTimings>,
    /// The newest contact search asked, so a request a newer query superseded is abandoned.
    pub searches: search::Newest,
    /// The account's on-disk cache (None: caching is off, e.g. the demo).
    pub cache: Option<cache::Cache>,
    /// The notification lookup still wanted, so one nobody waits for stops.
    pub finds: notifications::Finds,
}

impl JobContext {
    /// A context for `client` (any backend), keeping drafts in `data_dir`.
    pub fn new(client: impl Into<AnyBackend>, data_dir: Option<PathBuf>) -> Self {
        JobContext {
            client: Arc::new(RwLock::new(client.into())),
            data_dir,
            token_target: None,
            account: String::new(),
            realtime: Some(imbox_api::realtime::RealtimeTimings::default()),
            searches: search::Newest::default(),
            cache: None,
            finds: notifications::Finds::default(),
        }
    }

    /// The same context for the account named `name` (see [`JobContext::account`]).
    pub fn for_account(mut self, name: &str) -> Self {
        self.account = name.to_string();
        self
    }

    /// The client to use now (a cheap clone sharing the connection pool).
    pub fn client(&self) -> AnyBackend {
        // A poisoned lock still holds a whole client: a writer only ever assigns.
        match self.client.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Makes `client` the one every later job uses.
    pub fn swap_client(&self, client: AnyBackend) {
        match self.client.write() {
            Ok(mut c) => *c = client,
            Err(poisoned) => *poisoned.into_inner() = client,
        }
    }
}
