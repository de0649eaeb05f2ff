//! The cache thread of one account: owns its two stores, answers reads at once, writes puts in
//! batches.
//!
//! It opens the start store itself (small: a millisecond) and the big one on a thread of its
//! own beside it, which hands it over as `Job::Opened`. Until then a read the start store can
//! answer is answered, and everything else waits, in order, for the big store.

use super::store::Store;
use super::{BATCH_WINDOW, Entry, Job, REWRITE_AFTER, start_path};
use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

/// A batch this large is written at once, whatever the window says.
const BATCH_MAX: usize = 64;
/// The start store's cap: it holds a few pages per account.
const START_CAP: u64 = 20_000_000;

/// What the thread holds.
struct Stores {
    /// Everything (None: not open yet, or it could not be opened).
    main: Option<Store>,
    /// What a start asks for first.
    start: Option<Store>,
    /// Whether the big store's opening has finished (either way).
    opened: bool,
    /// Jobs that wait for it.
    waiting: VecDeque<Job>,
    /// Answers not written yet: key, value, whether the start store keeps it too.
    batch: Vec<(String, Vec<u8>, bool)>,
    /// What this session last wrote under each key, as a hash, and when: a poll that brings the
    /// same answer every few seconds (the open thread, the badge) is not written again until
    /// [`REWRITE_AFTER`] has passed, so a store's times stay at most that much behind.
    written: HashMap<String, (u64, Instant)>,
    /// Whose the stores are (see [`super::identity`]).
    identity: String,
    /// A re-key that came before the big store was open: applied to it when it is.
    rekey_main: Option<String>,
}

/// Serves `jobs` until every handle is gone. `opener` goes to the thread that opens the big
/// store, and with it away the channel closes when the last handle does.
pub(super) fn serve(jobs: Receiver<Job>, opener: Sender<Job>, path: &Path, identity: &str, cap: u64) {
    let start = open(&start_path(path), identity, START_CAP.min(cap));
    let (file, id) = (path.to_path_buf(), identity.to_string());
    let mut stores = Stores {
        main: None,
        start,
        opened: false,
        waiting: VecDeque::new(),
        batch: Vec::new(),
        written: HashMap::new(),
        identity: identity.to_string(),
        rekey_main: None,
    };
    let beside = std::thread::Builder::new().name("imbox-cache-open".into()).spawn(move || {
        let _ = opener.send(Job::Opened(open(&file, &id, cap)));
    });
    if beside.is_err() {
        // No thread to open it beside: here, then.
        stores.handle(Job::Opened(open(path, identity, cap)));
    }
    loop {
        let job = if stores.batch.is_empty() || !stores.opened {
            match jobs.recv() {
                Ok(j) => j,
                Err(_) => break,
            }
        } else {
            match jobs.recv_timeout(BATCH_WINDOW) {
                Ok(j) => j,
                Err(RecvTimeoutError::Timeout) => {
                    stores.write();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        };
        stores.handle(job);
    }
    // Every handle is gone (the app is leaving): what is waiting still goes to disk.
    stores.write();
}

/// Opens a store, or says in the log why this session goes without it.
fn open(path: &Path, identity: &str, cap: u64) -> Option<Store> {
    match Store::open(path, identity, cap) {
        Ok(s) => Some(s),
        Err(e) => {
            tracing::warn!("cache {}: {e}; this session reads from the server only", path.display());
            None
        }
    }
}

impl Stores {
    fn handle(&mut self, job: Job) {
        match job {
            Job::Opened(main) => {
                self.main = main;
                if let Some(identity) = self.rekey_main.take() {
                    reset(&mut self.main, &identity);
                }
                self.opened = true;
                while let Some(job) = self.waiting.pop_front() {
                    self.handle(job);
                }
            }
            Job::Put { key, bytes, start } => {
                let hash = fingerprint(&bytes);
                if self.written.get(&key).is_some_and(|(h, at)| *h == hash && at.elapsed() < REWRITE_AFTER) {
                    return;
                }
                self.written.insert(key.clone(), (hash, Instant::now()));
                self.batch.retain(|(k, _, _)| *k != key);
                self.batch.push((key, bytes, start));
                if self.batch.len() >= BATCH_MAX && self.opened {
                    self.write();
                }
            }
            Job::Get { key, reply } => {
                // A put not written yet is the newest answer there is.
                if let Some((_, bytes, _)) = self.batch.iter().rev().find(|(k, _, _)| *k == key) {
                    let _ =
                        reply.send(Some(Entry { bytes: bytes.clone(), stored_at: jiff::Timestamp::now() }));
                } else if self.opened {
                    let _ = reply.send(self.main.as_ref().and_then(|s| s.get(&key)));
                } else if let Some(hit) = self.start.as_ref().and_then(|s| s.get(&key)) {
                    let _ = reply.send(Some(hit));
                } else {
                    self.waiting.push_back(Job::Get { key, reply });
                }
            }
            Job::Rekey { identity } => {
                if identity == self.identity {
                    return;
                }
                // What is waiting was fetched with the old token: it goes too.
                self.batch.clear();
                self.written.clear();
                reset(&mut self.start, &identity);
                if self.opened {
                    reset(&mut self.main, &identity);
                } else {
                    self.rekey_main = Some(identity.clone());
                }
                self.identity = identity;
            }
            job if !self.opened => self.waiting.push_back(job),
            Job::Scan { prefix, after, max, reply } => {
                self.write();
                let found = self.main.as_ref().map(|s| s.scan_after(&prefix, after.as_deref(), max));
                let _ = reply.send(found.unwrap_or_default());
            }
            Job::Flush { reply } => {
                self.write();
                let _ = reply.send(());
            }
            Job::Close { reply } => {
                self.write();
                self.main = None;
                self.start = None;
                let _ = reply.send(());
            }
        }
    }

    /// Writes the batch, one transaction per store; a failure is logged and the batch dropped
    /// (the answers were shown; the cache only misses them next time).
    fn write(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let items = std::mem::take(&mut self.batch);
        let now = jiff::Timestamp::now();
        let first: Vec<(String, Vec<u8>)> =
            items.iter().filter(|(_, _, start)| *start).map(|(k, b, _)| (k.clone(), b.clone())).collect();
        if let Some(s) = self.start.as_mut()
            && !first.is_empty()
            && let Err(e) = s.put_many(first, now)
        {
            tracing::warn!("cache: could not write the start store ({e})");
        }
        let all = items.into_iter().map(|(k, b, _)| (k, b)).collect();
        if let Some(s) = self.main.as_mut()
            && let Err(e) = s.put_many(all, now)
        {
            tracing::warn!("cache: could not write ({e})");
        }
    }
}

/// Empties `store` for `identity`; one that cannot be emptied is closed rather than kept with
/// another token's rows (this session goes on without it).
fn reset(store: &mut Option<Store>, identity: &str) {
    if let Some(s) = store.as_mut()
        && let Err(e) = s.reset(identity)
    {
        tracing::warn!("cache: could not empty the store for the new token ({e}); closing it");
        *store = None;
    }
}

/// A hash of a stored answer, to tell an unchanged one (not cryptographic: a collision only
/// skips one write of a cache).
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}
