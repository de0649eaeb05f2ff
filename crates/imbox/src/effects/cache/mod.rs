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
}

impl Cache {
    /// Starts the thread that opens the store at `path` for the account `identity` (backend and
    /// server, never the token) and serves the handle's requests. Opening happens on that thread,
    /// so a slow disk never delays the first frame; a store that cannot be opened (another imbox
    /// has it) leaves the session without a cache, said once in the log.
    pub fn open(path: PathBuf, identity: String, cap_bytes: u64) -> Cache {
        let (jobs, rx) = mpsc::channel();
        let (file, opener) = (path.clone(), jobs.clone());
        let spawned = std::thread::Builder::new()
            .name("imbox-cache".into())
            .spawn(move || thread::serve(rx, opener, &file, &identity, cap_bytes));
        if let Err(e) = spawned {
            tracing::warn!("cache: could not start its thread ({e}); running without it");
        }
        Cache { jobs, path }
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

    #[tokio::test]
    async fn an_answer_that_comes_back_unchanged_is_not_written_again_and_a_changed_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path().join("c").join("a.redb"), "test".into(), 10_000_000);
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
        let again = Cache::open(dir.path().join("c").join("a.redb"), "test".into(), 10_000_000);
        assert_eq!(again.get("badge".into()).await.map(|e| e.bytes), Some(vec![4]));
    }

    #[tokio::test]
    async fn what_a_start_asks_for_first_is_kept_in_the_small_start_store_too_and_cleared_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("acc.redb");
        let cache = Cache::open(path.clone(), "test".into(), 10_000_000);
        cache.put("contacts/00050/000000000000".into(), vec![1], true);
        cache.put("messages/conv_1/30".into(), vec![2], false);
        cache.close().await;
        let start = Store::open(&start_path(&path), "test", 10_000_000).unwrap();
        assert_eq!(start.get("contacts/00050/000000000000").map(|e| e.bytes), Some(vec![1]));
        assert_eq!(start.get("messages/conv_1/30"), None, "a thread is not asked for at start");
        drop(start);
        let main = Store::open(&path, "test", 10_000_000).unwrap();
        assert_eq!(main.get("messages/conv_1/30").map(|e| e.bytes), Some(vec![2]));
        assert_eq!(main.get("contacts/00050/000000000000").map(|e| e.bytes), Some(vec![1]));
        drop(main);
        // Both are answered through the handle, the start store's before the big one is open.
        let cache = Cache::open(path.clone(), "test".into(), 10_000_000);
        assert_eq!(cache.get("contacts/00050/000000000000".into()).await.map(|e| e.bytes), Some(vec![1]));
        assert_eq!(cache.get("messages/conv_1/30".into()).await.map(|e| e.bytes), Some(vec![2]));
        cache.close().await;
        let mut deleted = clear(dir.path(), Some("acc.redb")).unwrap();
        deleted.sort();
        assert_eq!(deleted, vec![dir.path().join("acc.redb"), dir.path().join("acc.start.redb")]);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
