//! The on-disk cache: what the agent has seen, per account, so a start shows the last known rows
//! at once and an offline start can still be read and searched (issue 16).
//!
//! - `store.rs`: the file itself (redb): privacy (0600 in 0700), schema and identity checks that
//!   discard a foreign or corrupt file, the size cap with least-recently-used eviction, `clear`.
//! - `kinds.rs`: which requests are cached, under which key, and how their answers are encoded.
//! - `thread.rs`: the thread that owns an account's stores and answers the handle.
//! - here: [`Cache`], the handle jobs use. One thread per account owns the store; jobs talk to it
//!   over a channel, so neither the UI loop nor a tokio worker thread ever waits on the disk.
//!   Writes are batched (one transaction per burst of answers, at most [`BATCH_WINDOW`] late).
//!
//! Two files per account: the store of everything (`<account>.redb`) and a small one of what a
//! start asks for first (`<account>.start.redb`: the first contact pages, the badge, the first
//! inbox and notification pages, the pickers). Opening redb's file takes time in proportion to
//! its size (20 ms for every contact of the API documents, 33 MB): the small one opens in about
//! a millisecond and answers the first frame while the big one opens beside it.
//!
//! How answers flow: for a cached kind the worker first asks the cache; a hit goes to the state
//! as `Action::Cached` (shown where the pane is empty, marked with its age, the request left
//! pending), then the request goes to the server as always, and its successful answer is written
//! back. The token is never handed to the cache: keys are built from requests, values from the
//! answers' model types.
//!
//! Whose rows they are: a store belongs to an account *and* the token that fetched them (see
//! [`identity`]). Another token on the same profile — `imbox login` as another agent, an
//! in-app re-login — starts from an empty store, never from what the previous token could see
//! (a Chatwoot agent sees only the inboxes they are a member of).

pub mod kinds;
pub mod store;

mod thread;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Sender};
use std::time::Duration;
pub use store::Entry;
use store::{Store, StoreError};
use tokio::sync::oneshot;

/// How long the writer waits for more answers before it commits a batch: paging through the
/// contacts answers a page every few milliseconds, and one transaction (one fsync) per page
/// would cost more than the pages.
pub const BATCH_WINDOW: Duration = Duration::from_millis(200);
/// How long an answer that keeps coming back unchanged goes without being written again.
pub const REWRITE_AFTER: Duration = Duration::from_secs(300);

/// What a job asks of the cache thread.
enum Job {
    Get {
        key: String,
        reply: oneshot::Sender<Option<Entry>>,
    },
    Scan {
        prefix: String,
        after: Option<String>,
        max: usize,
        reply: oneshot::Sender<Vec<(String, Entry)>>,
    },
    /// `start`: also kept in the start store (see the module doc).
    Put {
        key: String,
        bytes: Vec<u8>,
        start: bool,
    },
    Flush {
        reply: oneshot::Sender<()>,
    },
    Close {
        reply: oneshot::Sender<()>,
    },
    /// The big store, opened beside the thread (None: it could not be).
    Opened(Option<Store>),
    /// A new token was accepted: empty both stores and hand them to `identity`.
    Rekey {
        identity: String,
    },
}

/// The identity a store is kept under: `account` (backend kind, server, profile) and a tag of
/// `token` — an HMAC-SHA256 keyed by the account, 128 bits of it in hex. The tag tells one token
/// from another and cannot be turned back into the token, which is never written; a store made
/// with another token (another agent, or a rotated token) is discarded at open.
pub fn identity(account: &str, token: &imbox_api::Secret) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, account.as_bytes());
    let tag = ring::hmac::sign(&key, token.expose().as_bytes());
    let hex: String = tag.as_ref().iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{account} token:{hex}")
}

/// The start store's file beside the store at `path` (`iMBRACE.redb` → `iMBRACE.start.redb`).
pub fn start_path(path: &Path) -> PathBuf {
    path.with_extension(format!("start.{}", store::EXTENSION))
}

/// Deletes the stores in `dir`: every account's, or the one of the store file named `file_name`
/// (its start store with it). Refused, deleting nothing, while a running imbox has one open.
pub fn clear(dir: &Path, file_name: Option<&str>) -> Result<Vec<PathBuf>, StoreError> {
    let Some(name) = file_name else { return store::clear(dir, None) };
    let start = start_path(Path::new(name));
    let start = start.to_string_lossy();
    // The start store first: a refusal of the big one then leaves at worst a slower start.
    let mut deleted = store::clear(dir, Some(&start))?;
    deleted.extend(store::clear(dir, Some(name))?);
    Ok(deleted)
}

/// A handle on one account's store; clones share the one thread.
#[derive(Clone, Debug)]
pub struct Cache {
    jobs: Sender<Job>,
    path: PathBuf,
    /// The identity without its token tag, for [`Cache::rekey`].
    account: String,
}

impl Cache {
    /// Starts the thread that opens the store at `path` for `account` (backend, server,
    /// profile) as fetched with `token` (see [`identity`]; the token itself goes no further)
    /// and serves the handle's requests. Opening happens on that thread, so a slow disk never
    /// delays the first frame; a store that cannot be opened (another imbox has it) leaves the
    /// session without a cache, said once in the log.
    pub fn open(path: PathBuf, account: &str, token: &imbox_api::Secret, cap_bytes: u64) -> Cache {
        let identity = identity(account, token);
        let (jobs, rx) = mpsc::channel();
        let (file, opener) = (path.clone(), jobs.clone());
        let spawned = std::thread::Builder::new()
            .name("imbox-cache".into())
            .spawn(move || thread::serve(rx, opener, &file, &identity, cap_bytes));
        if let Err(e) = spawned {
            tracing::warn!("cache: could not start its thread ({e}); running without it");
        }
        Cache { jobs, path, account: account.to_string() }
    }

    /// A new token was accepted for this account: unless it is the same token, both stores are
    /// emptied and kept from now on under its identity (answers not yet written are dropped:
    /// the old token fetched them).
    pub fn rekey(&self, token: &imbox_api::Secret) {
        let _ = self.jobs.send(Job::Rekey { identity: identity(&self.account, token) });
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The entry under `key`, if the store has one.
    pub async fn get(&self, key: String) -> Option<Entry> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job::Get { key, reply }).ok()?;
        answer.await.ok().flatten()
    }

    /// At most `max` entries whose key starts with `prefix` and comes after `after`, in key
    /// order (a scan in batches: see [`Store::scan_after`]).
    pub async fn scan(&self, prefix: String, after: Option<String>, max: usize) -> Vec<(String, Entry)> {
        let (reply, answer) = oneshot::channel();
        if self.jobs.send(Job::Scan { prefix, after, max, reply }).is_err() {
            return Vec::new();
        }
        answer.await.unwrap_or_default()
    }

    /// Stores `bytes` under `key` (in the next batch; returns at once); `start`: an answer a
    /// start asks for first, kept in the start store too.
    pub fn put(&self, key: String, bytes: Vec<u8>, start: bool) {
        // Without the thread there is nothing to keep it in; the answer was shown anyway.
        let _ = self.jobs.send(Job::Put { key, bytes, start });
    }

    /// Returns once everything put before is written (at exit, and in tests).
    pub async fn flush(&self) {
        let (reply, answer) = oneshot::channel();
        if self.jobs.send(Job::Flush { reply }).is_ok() {
            let _ = answer.await;
        }
    }
}

impl Cache {
    /// Writes what is waiting and closes the file (later reads find nothing, later writes are
    /// dropped), so another process — or a test — can open it at once. Used at exit.
    pub async fn close(&self) {
        let (reply, answer) = oneshot::channel();
        if self.jobs.send(Job::Close { reply }).is_ok() {
            let _ = answer.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imbox_api::Secret;

    fn token() -> Secret {
        Secret::new("acc_first-agents-token")
    }

    #[tokio::test]
    async fn an_answer_that_comes_back_unchanged_is_not_written_again_and_a_changed_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path().join("c").join("a.redb"), "test", &token(), 10_000_000);
        cache.put("badge".into(), vec![1, 2, 3], true);
        cache.flush().await;
        let first = cache.get("badge".into()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        cache.put("badge".into(), vec![1, 2, 3], true);
        cache.flush().await;
        assert_eq!(cache.get("badge".into()).await.unwrap().stored_at, first.stored_at, "not rewritten");
        cache.put("badge".into(), vec![4], true);
        cache.flush().await;
        let changed = cache.get("badge".into()).await.unwrap();
        assert_eq!(changed.bytes, vec![4]);
        assert!(changed.stored_at > first.stored_at);
        // Closed: the file is free for another store at once, and still holds the answer.
        cache.close().await;
        let again = Cache::open(dir.path().join("c").join("a.redb"), "test", &token(), 10_000_000);
        assert_eq!(again.get("badge".into()).await.map(|e| e.bytes), Some(vec![4]));
    }

    #[tokio::test]
    async fn what_a_start_asks_for_first_is_kept_in_the_small_start_store_too_and_cleared_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acc.redb");
        let cache = Cache::open(path.clone(), "test", &token(), 10_000_000);
        cache.put("contacts/00050/000000000000".into(), vec![1], true);
        cache.put("messages/conv_1/30".into(), vec![2], false);
        cache.close().await;
        let start = Store::open(&start_path(&path), &identity("test", &token()), 10_000_000).unwrap();
        assert_eq!(start.get("contacts/00050/000000000000").map(|e| e.bytes), Some(vec![1]));
        assert_eq!(start.get("messages/conv_1/30"), None, "a thread is not asked for at start");
        drop(start);
        let main = Store::open(&path, &identity("test", &token()), 10_000_000).unwrap();
        assert_eq!(main.get("messages/conv_1/30").map(|e| e.bytes), Some(vec![2]));
        assert_eq!(main.get("contacts/00050/000000000000").map(|e| e.bytes), Some(vec![1]));
        drop(main);
        // Both are answered through the handle, the start store's before the big one is open.
        let cache = Cache::open(path.clone(), "test", &token(), 10_000_000);
        assert_eq!(cache.get("contacts/00050/000000000000".into()).await.map(|e| e.bytes), Some(vec![1]));
        assert_eq!(cache.get("messages/conv_1/30".into()).await.map(|e| e.bytes), Some(vec![2]));
        cache.close().await;
        let mut deleted = clear(dir.path(), Some("acc.redb")).unwrap();
        deleted.sort();
        assert_eq!(deleted, vec![dir.path().join("acc.redb"), dir.path().join("acc.start.redb")]);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn the_identity_tells_tokens_and_accounts_apart_and_holds_neither_token() {
        let (a, b) = (Secret::new("acc_first-agents-token"), Secret::new("acc_second-agents-token"));
        let id = identity("chatwoot https://cw.example.com work", &a);
        assert_eq!(id, identity("chatwoot https://cw.example.com work", &a), "stable across starts");
        assert_ne!(id, identity("chatwoot https://cw.example.com work", &b));
        assert_ne!(id, identity("chatwoot https://cw.example.com home", &a));
        assert!(id.starts_with("chatwoot https://cw.example.com work token:"), "{id}");
        assert_eq!(id.rsplit_once("token:").map(|(_, tag)| tag.len()), Some(32));
        assert!(!id.contains("agents-token"), "{id}");
    }

    #[tokio::test]
    async fn another_token_empties_both_stores_and_the_same_token_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acc.redb");
        let cache = Cache::open(path.clone(), "test", &token(), 10_000_000);
        cache.put("badge".into(), vec![7], true);
        cache.put("messages/conv_1/30".into(), vec![8], false);
        cache.flush().await;
        cache.rekey(&token());
        assert_eq!(cache.get("badge".into()).await.map(|e| e.bytes), Some(vec![7]), "same token: kept");
        // Put but not written yet when the new token comes: fetched with the old one, dropped.
        cache.put("profile".into(), vec![9], true);
        let other = Secret::new("acc_second-agents-token");
        cache.rekey(&other);
        assert_eq!(cache.get("badge".into()).await, None);
        assert_eq!(cache.get("messages/conv_1/30".into()).await, None);
        assert_eq!(cache.get("profile".into()).await, None);
        cache.put("badge".into(), vec![1], true);
        cache.close().await;
        // On disk: the new token's identity, its answer only; the old token's start is discarded.
        let start = Store::open(&start_path(&path), &identity("test", &other), 10_000_000).unwrap();
        assert_eq!(start.get("badge").map(|e| e.bytes), Some(vec![1]));
        drop(start);
        let main = Store::open(&path, &identity("test", &other), 10_000_000).unwrap();
        assert_eq!(main.get("messages/conv_1/30"), None);
        assert_eq!(main.get("badge").map(|e| e.bytes), Some(vec![1]));
        drop(main);
        let old = Cache::open(path, "test", &token(), 10_000_000);
        assert_eq!(old.get("badge".into()).await, None, "the old token finds nothing of the new one's");
        old.close().await;
    }

    #[tokio::test]
    async fn a_new_token_before_the_big_store_is_open_still_empties_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acc.redb");
        let cache = Cache::open(path.clone(), "test", &token(), 10_000_000);
        cache.put("messages/conv_1/30".into(), vec![8], false);
        cache.close().await;
        // Re-keyed at once, racing the big store's open beside the thread.
        let cache = Cache::open(path.clone(), "test", &token(), 10_000_000);
        cache.rekey(&Secret::new("acc_second-agents-token"));
        assert_eq!(cache.get("messages/conv_1/30".into()).await, None);
        cache.close().await;
    }
}
