//! The mutable part of the demo: contact edits, read and dismissed notifications, uploads.
//!
//! Only changes are kept; everything else is regenerated from the [`Dataset`]. The lock is
//! held for short, synchronous sections only (never across an `.await`), and long scans work on
//! a snapshot of the edits taken under the lock.

use super::generator::Dataset;
use super::person::Person;
use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

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
}

/// Generated data plus changes.
pub struct Store {
    /// The generated data.
    pub data: Dataset,
    changes: Mutex<Changes>,
}

/// Counts and the page of a notifications list.
pub struct NotificationSlice {
    /// Indices on the page with their current read state.
    pub page: Vec<(u32, bool)>,
    /// Notifications not dismissed.
    pub count: u64,
    /// Of those, unread.
    pub unread: u64,
}

impl Store {
    /// Wraps a data set with no changes.
    pub fn new(data: Dataset) -> Store {
        Store { data, changes: Mutex::new(Changes::default()) }
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
    pub fn notifications(&self, skip: u64, limit: u64) -> NotificationSlice {
        let c = self.lock();
        let mut out = NotificationSlice { page: Vec::new(), count: 0, unread: 0 };
        if c.all_dismissed {
            return out;
        }
        for i in 0..self.data.n_notifications {
            if c.dismissed.contains(&i) {
                continue;
            }
            let read = c.read.contains(&i) || self.data.notification_read_at_start(i);
            if out.count >= skip && out.count < skip.saturating_add(limit) {
                out.page.push((i, read));
            }
            out.count += 1;
            out.unread += u64::from(!read);
        }
        out
    }

    /// Marks notifications read.
    pub fn mark_read(&self, ids: &[u32]) {
        self.lock().read.extend(ids);
    }

    /// Dismisses notifications.
    pub fn dismiss(&self, ids: &[u32]) {
        self.lock().dismissed.extend(ids);
    }

    /// Dismisses every notification (all demo notifications are conversation notifications).
    pub fn dismiss_all(&self) {
        self.lock().all_dismissed = true;
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
