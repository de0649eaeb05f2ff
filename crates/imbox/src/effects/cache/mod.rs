//! The on-disk cache: what the agent has seen, per account, so a start shows the last known rows
//! at once and an offline start can still be read and searched (issue 16).
//!
//! - `store.rs`: the file itself (redb): privacy (0600 in 0700), schema and identity checks that
//!   discard a foreign or corrupt file, the size cap with least-recently-used eviction, `clear`.
//! - `kinds.rs`: which requests are cached, under which key, and how their answers are encoded.
//! - here: [`Cache`], the handle jobs use. One thread per account owns the store; jobs talk to it
//!   over a channel, so neither the UI loop nor a tokio worker thread ever waits on the disk.
//!   Writes are batched (one transaction per burst of answers, at most [`BATCH_WINDOW`] late).
//!
//! How answers flow: for a cached kind the worker first asks the cache; a hit goes to the state
//! as `Action::Cached` (shown where the pane is empty, marked with its age, the request left
//! pending), then the request goes to the server as always, and its successful answer is written
//! back. The token is never handed to the cache: keys are built from requests, values from the
//! answers' model types.

pub mod kinds;
pub mod store;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};
pub use store::Entry;
use store::Store;
use tokio::sync::oneshot;

/// How long the writer waits for more answers before it commits a batch: paging through the
/// contacts answers a page every few milliseconds, and one transaction (one fsync) per page
/// would cost more than the pages.
pub const BATCH_WINDOW: Duration = Duration::from_millis(200);
/// How long an answer that keeps coming back unchanged goes without being written again.
pub const REWRITE_AFTER: Duration = Duration::from_secs(300);
/// A batch this large is written at once, whatever the window says.
const BATCH_MAX: usize = 64;

/// What a job asks of the cache thread.
enum Job {
    Get { key: String, reply: oneshot::Sender<Option<Entry>> },
    Scan { prefix: String, after: Option<String>, max: usize, reply: oneshot::Sender<Vec<(String, Entry)>> },
    Put { key: String, bytes: Vec<u8> },
    Flush { reply: oneshot::Sender<()> },
    Close { reply: oneshot::Sender<()> },
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
        let file = path.clone();
        let spawned = std::thread::Builder::new()
            .name("imbox-cache".into())
            .spawn(move || serve(rx, &file, &identity, cap_bytes));
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

    /// Stores `bytes` under `key` (in the next batch; returns at once).
    pub fn put(&self, key: String, bytes: Vec<u8>) {
        // Without the thread there is nothing to keep it in; the answer was shown anyway.
        let _ = self.jobs.send(Job::Put { key, bytes });
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

/// The cache thread: owns the store, answers reads at once, writes puts in batches.
fn serve(jobs: Receiver<Job>, path: &Path, identity: &str, cap_bytes: u64) {
    let mut store = match Store::open(path, identity, cap_bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            tracing::warn!("cache {}: {e}; this session reads from the server only", path.display());
            None
        }
    };
    let mut batch: Vec<(String, Vec<u8>)> = Vec::new();
    // What this session last wrote under each key, as a hash, and when: a poll that brings the
    // same answer every few seconds (the open thread, the badge) is not written again until
    // [`REWRITE_AFTER`] has passed, so a store's times stay at most that much behind.
    let mut written: HashMap<String, (u64, Instant)> = HashMap::new();
    loop {
        let job = if batch.is_empty() {
            match jobs.recv() {
                Ok(j) => j,
                Err(_) => break,
            }
        } else {
            match jobs.recv_timeout(BATCH_WINDOW) {
                Ok(j) => j,
                Err(RecvTimeoutError::Timeout) => {
                    write(&mut store, &mut batch);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        };
        match job {
            Job::Put { key, bytes } => {
                let hash = fingerprint(&bytes);
                if written.get(&key).is_some_and(|(h, at)| *h == hash && at.elapsed() < REWRITE_AFTER) {
                    continue;
                }
                written.insert(key.clone(), (hash, Instant::now()));
                batch.retain(|(k, _)| *k != key);
                batch.push((key, bytes));
                if batch.len() >= BATCH_MAX {
                    write(&mut store, &mut batch);
                }
            }
            Job::Get { key, reply } => {
                // A put not written yet is the newest answer there is.
                let waiting = batch.iter().rev().find(|(k, _)| *k == key);
                let hit = match waiting {
                    Some((_, bytes)) => {
                        Some(Entry { bytes: bytes.clone(), stored_at: jiff::Timestamp::now() })
                    }
                    None => store.as_ref().and_then(|s| s.get(&key)),
                };
                let _ = reply.send(hit);
            }
            Job::Scan { prefix, after, max, reply } => {
                write(&mut store, &mut batch);
                let found = store.as_ref().map(|s| s.scan_after(&prefix, after.as_deref(), max));
                let _ = reply.send(found.unwrap_or_default());
            }
            Job::Flush { reply } => {
                write(&mut store, &mut batch);
                let _ = reply.send(());
            }
            Job::Close { reply } => {
                write(&mut store, &mut batch);
                store = None;
                let _ = reply.send(());
            }
        }
    }
    // Every handle is gone (the app is leaving): what is waiting still goes to disk.
    write(&mut store, &mut batch);
}

/// A hash of a stored answer, to tell an unchanged one (not cryptographic: a collision only
/// skips one write of a cache).
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Writes the batch in one transaction; a failure is logged and the batch dropped (the answers
/// were shown; the cache only misses them next time).
fn write(store: &mut Option<Store>, batch: &mut Vec<(String, Vec<u8>)>) {
    if batch.is_empty() {
        return;
    }
    let items = std::mem::take(batch);
    if let Some(s) = store.as_mut()
        && let Err(e) = s.put_many(items, jiff::Timestamp::now())
    {
        tracing::warn!("cache: could not write ({e})");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_answer_that_comes_back_unchanged_is_not_written_again_and_a_changed_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path().join("c").join("a.redb"), "test".into(), 10_000_000);
        cache.put("badge".into(), vec![1, 2, 3]);
        cache.flush().await;
        let first = cache.get("badge".into()).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        cache.put("badge".into(), vec![1, 2, 3]);
        cache.flush().await;
        assert_eq!(cache.get("badge".into()).await.unwrap().stored_at, first.stored_at, "not rewritten");
        cache.put("badge".into(), vec![4]);
        cache.flush().await;
        let changed = cache.get("badge".into()).await.unwrap();
        assert_eq!(changed.bytes, vec![4]);
        assert!(changed.stored_at > first.stored_at);
        // Closed: the file is free for another store at once, and still holds the answer.
        cache.close().await;
        let again = Cache::open(dir.path().join("c").join("a.redb"), "test".into(), 10_000_000);
        assert_eq!(again.get("badge".into()).await.map(|e| e.bytes), Some(vec![4]));
    }
}
