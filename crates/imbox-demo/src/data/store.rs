//! The mutable part of the demo: contact edits, read and dismissed notifications, uploads, and
//! what happened live (new messages in iMBRACE conversations, new notifications).
//!
//! Only changes are kept; everything else is regenerated from the [`Dataset`]. The lock is
//! held for short, synchronous sections only (never across an `.await`), and long scans work on
//! a snapshot of the edits taken under the lock.

use super::generator::Dataset;
use super::person::Person;
use super::search_index::SearchIndex;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// An uploaded file kept in memory.
#[derive(Clone)]
pub struct Upload {
    /// Content type sent with the upload.
    pub content_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

#[derive(Default)]
struct Changes {
    edits: HashMap<u32, Person>,
    read: HashSet<u32>,
    dismissed: HashSet<u32>,
    all_dismissed: bool,
    uploads: HashMap<String, Upload>,
    uploads_made: u64,
    /// Messages that arrived live, by conversation id, oldest first.
    added: HashMap<String, Vec<Value>>,
    /// Notifications that arrived live, oldest first.
    live: Vec<LiveNotification>,
}

/// A notification that arrived while the demo ran.
#[derive(Clone)]
struct LiveNotification {
    id: String,
    body: Value,
    read: bool,
    dismissed: bool,
}

/// Generated data plus changes.
pub struct Store {
    /// The generated data.
    pub data: Dataset,
    changes: Mutex<Changes>,
    search: OnceLock<SearchIndex>,
}

/// Counts and the page of a notifications list.
pub struct NotificationSlice {
    /// The notifications on the page, `is_read` as it is now.
    pub page: Vec<Value>,
    /// Notifications not dismissed.
    pub count: u64,
    /// Of those, unread.
    pub unread: u64,
}

impl Store {
    /// Wraps a data set with no changes.
    pub fn new(data: Dataset) -> Store {
        Store { data, changes: Mutex::new(Changes::default()), search: OnceLock::new() }
    }

    /// The contact search's index of the generated contacts, built on first use (the server
    /// builds it in the background as it starts).
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::build(&self.data))
    }

    fn lock(&self) -> MutexGuard<'_, Changes> {
        // A panic while holding this lock cannot leave the maps half-updated (every update is a
        // single insert), so a poisoned lock is still safe to use.
        self.changes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The contact at `pos` as it is now.
    pub fn person(&self, pos: u32) -> Person {
        let edited = self.lock().edits.get(&pos).cloned();
        edited.unwrap_or_else(|| self.data.person(pos))
    }

    /// Records an edit.
    pub fn save(&self, pos: u32, p: Person) {
        self.lock().edits.insert(pos, p);
    }

    /// A copy of all edits, for scans that must not hold the lock.
    pub fn edits(&self) -> HashMap<u32, Person> {
        self.lock().edits.clone()
    }

    /// The notifications page `skip..skip+limit` among those not dismissed, and the counts.
    /// Newest first: the live ones, then the generated ones.
    pub fn notifications(&self, skip: u64, limit: u64) -> NotificationSlice {
        let c = self.lock();
        let mut out = NotificationSlice { page: Vec::new(), count: 0, unread: 0 };
        let on_page = |n: u64| n >= skip && n < skip.saturating_add(limit);
        for n in c.live.iter().rev().filter(|n| !n.dismissed) {
            if on_page(out.count) {
                let mut v = n.body.clone();
                v["is_read"] = Value::Bool(n.read);
                out.page.push(v);
            }
            out.count += 1;
            out.unread += u64::from(!n.read);
        }
        let generated = if c.all_dismissed { 0 } else { self.data.n_notifications };
        for i in 0..generated {
            if c.dismissed.contains(&i) {
                continue;
            }
            let read = c.read.contains(&i) || self.data.notification_read_at_start(i);
            if on_page(out.count) {
                let mut v = self.data.notification(i);
                v["is_read"] = Value::Bool(read);
                out.page.push(v);
            }
            out.count += 1;
            out.unread += u64::from(!read);
        }
        out
    }

    /// Marks notifications read (unknown ids are ignored, as a real server ignores ids that
    /// are not the caller's).
    pub fn mark_read(&self, ids: &[String]) {
        let mut c = self.lock();
        for id in ids {
            match self.data.notification_index(id) {
                Some(i) => _ = c.read.insert(i),
                None => c.live.iter_mut().filter(|n| n.id == *id).for_each(|n| n.read = true),
            }
        }
    }

    /// Dismisses notifications (unknown ids are ignored).
    pub fn dismiss(&self, ids: &[String]) {
        let mut c = self.lock();
        for id in ids {
            match self.data.notification_index(id) {
                Some(i) => _ = c.dismissed.insert(i),
                None => c.live.iter_mut().filter(|n| n.id == *id).for_each(|n| n.dismissed = true),
            }
        }
    }

    /// Dismisses every notification there is (all demo notifications are conversation
    /// notifications); later ones still arrive.
    pub fn dismiss_all(&self) {
        let mut c = self.lock();
        c.all_dismissed = true;
        c.live.iter_mut().for_each(|n| n.dismissed = true);
    }

    /// Adds a notification that arrived live (`body` in the list's shape, with its `id`).
    pub fn add_notification(&self, body: Value) {
        let id = body["id"].as_str().unwrap_or_default().to_string();
        self.lock().live.push(LiveNotification { id, body, read: false, dismissed: false });
    }

    /// How many notifications arrived live (for their ids).
    pub fn live_notifications(&self) -> usize {
        self.lock().live.len()
    }

    /// Adds a message that arrived live in conversation `conv_id`.
    pub fn add_message(&self, conv_id: &str, message: Value) {
        self.lock().added.entry(conv_id.to_string()).or_default().push(message);
    }

    /// The messages that arrived live in conversation `conv_id`, oldest first.
    pub fn added_messages(&self, conv_id: &str) -> Vec<Value> {
        self.lock().added.get(conv_id).cloned().unwrap_or_default()
    }

    /// How many messages arrived live, in every conversation (for their ids).
    pub fn added_count(&self) -> usize {
        self.lock().added.values().map(Vec::len).sum()
    }

    /// Stores an upload under a fresh name with the given extension; returns the name.
    pub fn upload(&self, ext: &str, upload: Upload) -> String {
        let mut c = self.lock();
        c.uploads_made += 1;
        let mut x = super::rng::h(self.data.seed, 77, c.uploads_made, 0);
        const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let mut name = String::from("file_");
        for _ in 0..26 {
            name.push(char::from(ALNUM[(x % 62) as usize]));
            x = super::rng::mix(x);
        }
        name.push('.');
        name.push_str(ext);
        c.uploads.insert(name.clone(), upload);
        name
    }

    /// An uploaded file by name.
    pub fn uploaded(&self, name: &str) -> Option<Upload> {
        self.lock().uploads.get(name).cloned()
    }
}
