//! The cache's file: a redb database of byte values under string keys, private to its user,
//! written in whole transactions, bounded in size by evicting the least recently used entries.
//!
//! What is cached and how it is encoded is the caller's business; this module only promises that
//! what it hands back is what was put, that a file it cannot trust (corrupt, of another schema,
//! of another account) is replaced by an empty one instead of failing the start, and that the
//! file stays under its cap.
//!
//! Three tables, all written in the same transactions so they never disagree:
//! - `meta`: the schema version and the identity (backend kind, base URL, a tag of the token)
//!   the data belongs to;
//! - `data`: key -> the time it was stored (i128 nanoseconds, little-endian) then the value;
//! - `lru`: key -> (last used, in ms, strictly increasing; bytes it takes): the eviction order.
//!   The same numbers live in memory (`Store::index`), so eviction needs no scan of the file.

use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use std::collections::BTreeMap;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The schema version written in the store; bump it whenever an encoded type changes.
pub const SCHEMA_VERSION: u32 = 1;

/// The file names [`clear`] treats as stores when it is asked to delete all of them.
pub const EXTENSION: &str = "redb";

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const DATA: TableDefinition<&str, &[u8]> = TableDefinition::new("data");
const LRU: TableDefinition<&str, (u64, u64)> = TableDefinition::new("lru");

const META_SCHEMA: &str = "schema";
const META_IDENTITY: &str = "identity";

/// Bytes of a `data` value before the cached bytes: the stored-at timestamp.
const STAMP_LEN: usize = 16;

/// redb's page cache (memory, not disk). Its default is 1 GiB; the store is a few tens of MB,
/// read mostly once at start (a scan of 1,300 entries: ~28 ms in a debug build) and then a page
/// at a time, so a small cache keeps imbox's memory down for no measurable cost (termbench: 8 MiB
/// of it showed in RSS once every contact of a big store was read).
const PAGE_CACHE_BYTES: usize = 2 << 20;

/// Eviction starts when the payload (keys + values + stamps) passes this share of the cap and
/// goes down to [`LOW_WATER`]. redb stores a value in a power-of-two run of 4 KiB pages, so a
/// 20 KB value takes 32 KiB, and freed runs do not always fit the next value: measured, a store
/// of 20 KB pages rewritten at random takes 1.9x its payload on disk (94% of the cap at these
/// marks, never over it); 33 KB values (64 KiB runs) take more than 2x. The check after every
/// write (`Store::fit`) compacts when the file is over the cap anyway, and each time it has
/// to, the marks of this store are lowered by [`WATER_STEP`], so values of an unlucky size
/// cost a few compactions, not one every few writes.
const HIGH_WATER: f64 = 0.5;
/// See [`HIGH_WATER`]: the gap between the two makes eviction a batch every few writes rather
/// than a few entries on every write.
const LOW_WATER: f64 = 0.4;
/// What a compaction forced by the cap multiplies the marks by (see [`HIGH_WATER`]).
const WATER_STEP: f64 = 0.85;
/// The marks go no lower than this share of [`HIGH_WATER`]: a cache a tenth of its cap is
/// already a sign of something other than page rounding, which `fit`'s eviction handles.
const WATER_FLOOR: f64 = 0.2;

/// One cached value and when it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The value as it was put.
    pub bytes: Vec<u8>,
    /// The `now` of the `put_many` that wrote it.
    pub stored_at: jiff::Timestamp,
}

/// Why a store could not be opened (corruption and version mismatch are NOT errors: they are
/// handled inside open by discarding the file, with a tracing::warn! line, and starting empty).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process (or another Store in this process) has the file open.
    #[error("the cache is in use by another imbox")]
    InUse,
    /// The directory or file could not be made private or written (message says what, no data).
    #[error("{0}")]
    Io(String),
}

/// What the eviction order knows of one entry.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Use {
    /// When it was last put or read (ms since the epoch, made strictly increasing).
    last_used: u64,
    /// The bytes it takes in `data` (key + stamp + value).
    size: u64,
}

/// The in-memory mirror of the `lru` table, plus the reads not yet written to it.
#[derive(Debug, Default)]
struct Index {
    entries: BTreeMap<String, Use>,
    /// Keys read since the last write: their new `last_used` goes to disk with the next write
    /// transaction (a read does not pay for a commit).
    touched: std::collections::HashSet<String>,
    /// The last `last_used` handed out: ticks never repeat or go back, so two uses in the same
    /// millisecond (or across a clock step back) still have an order.
    clock: u64,
    /// Sum of the entries' sizes.
    payload: u64,
}

impl Index {
    fn tick(&mut self, now_ms: u64) -> u64 {
        self.clock = now_ms.max(self.clock.saturating_add(1));
        self.clock
    }

    fn insert(&mut self, key: String, usage: Use) {
        self.payload = self.payload.saturating_add(usage.size);
        if let Some(old) = self.entries.insert(key, usage) {
            self.payload = self.payload.saturating_sub(old.size);
        }
    }

    fn remove(&mut self, key: &str) {
        if let Some(old) = self.entries.remove(key) {
            self.payload = self.payload.saturating_sub(old.size);
        }
    }

    /// The least recently used keys, not in `keep`, whose removal brings the payload to `target`.
    fn victims(&self, target: u64, keep: &dyn Fn(&str) -> bool) -> Vec<String> {
        let mut by_age: Vec<(&String, &Use)> = self.entries.iter().filter(|(k, _)| !keep(k)).collect();
        by_age.sort_by_key(|(_, u)| u.last_used);
        let mut payload = self.payload;
        let mut out = Vec::new();
        for (key, usage) in by_age {
            if payload <= target {
                break;
            }
            payload = payload.saturating_sub(usage.size);
            out.push(key.clone());
        }
        out
    }
}

/// An open cache file, locked against any other opener until dropped.
pub struct Store {
    db: Database,
    path: PathBuf,
    cap: u64,
    index: Mutex<Index>,
    /// How many times the file was compacted since open: the marks are meant to make it rare,
    /// and the tests check they do.
    compactions: u64,
    /// The share of [`HIGH_WATER`] and [`LOW_WATER`] in force: 1 at open, lowered when the
    /// file outgrew the cap nevertheless.
    water: f64,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("cap", &self.cap).finish_non_exhaustive()
    }
}

/// Why an existing file is not used: said in the warn line, never an error.
enum Discard {
    Unreadable(String),
    /// The version found, the version this build writes.
    Schema(u32, u32),
    Identity,
}

impl std::fmt::Display for Discard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Discard::Unreadable(why) => write!(f, "it cannot be read ({why})"),
            Discard::Schema(found, ours) => {
                write!(f, "it was written by another version of imbox (schema {found}, this is {ours})")
            }
            // The identity is the account's URL and a tag of its token: nothing the log needs.
            Discard::Identity => write!(f, "it belongs to another account or another token"),
        }
    }
}

/// How opening an existing file went, short of an error for the caller.
enum Opened {
    Usable(Database, Index),
    Discard(Discard),
}

fn io(what: &str, path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(format!("{what} {}: {e}", path.display()))
}

/// The first path segment of a key: what a log line may say about it (the rest may be a
/// contact's or conversation's id, or a search).
fn key_kind(key: &str) -> &str {
    key.split('/').next().unwrap_or("")
}

fn now_ms() -> u64 {
    u64::try_from(jiff::Timestamp::now().as_millisecond()).unwrap_or(0)
}

fn encode(stored_at: jiff::Timestamp, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(STAMP_LEN + bytes.len());
    out.extend_from_slice(&stored_at.as_nanosecond().to_le_bytes());
    out.extend_from_slice(bytes);
    out
}

fn decode(raw: &[u8]) -> Option<Entry> {
    let stamp: [u8; STAMP_LEN] = raw.get(..STAMP_LEN)?.try_into().ok()?;
    let stored_at = jiff::Timestamp::from_nanosecond(i128::from_le_bytes(stamp)).ok()?;
    Some(Entry { bytes: raw.get(STAMP_LEN..)?.to_vec(), stored_at })
}

/// The bytes `path` takes on disk (allocated blocks, what `du` shows: redb grows its file in
/// regions it has not written yet, which a file system keeps sparse).
fn disk_usage(path: &Path) -> u64 {
    match std::fs::metadata(path) {
        #[cfg(unix)]
        Ok(meta) => {
            use std::os::unix::fs::MetadataExt;
            meta.blocks().saturating_mul(512)
        }
        #[cfg(not(unix))]
        Ok(meta) => meta.len(),
        Err(_) => 0,
    }
}

/// Makes an existing file 0600 (a cache holds customers' messages), warning when it was not.
#[cfg(unix)]
fn secure_file(path: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::PermissionsExt;
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io("cannot read the cache file", path, e)),
    };
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| io("cannot make the cache file private", path, e))?;
        tracing::warn!(path = %path.display(), mode = format!("{mode:o}"), "cache file was open to others; set to 0600");
    }
    Ok(())
}

#[cfg(not(unix))]
fn secure_file(_path: &Path) -> Result<(), StoreError> {
    Ok(())
}

/// Opens `path` for redb, creating it 0600 (never created looser and tightened afterwards).
fn open_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

fn builder() -> redb::Builder {
    let mut builder = Database::builder();
    // A plain open trusts the file and may panic on one changed behind redb's back (a disk
    // error, a copy cut short); the check reads every page once (8–15 ms on the 33 MB store of
    // every contact, release) and turns that into an error, which is a discarded cache instead
    // of a crash. The start store answers the first frame meanwhile (`cache/thread.rs`).
    builder.set_check_integrity_on_open(true).set_cache_size(PAGE_CACHE_BYTES);
    builder
}

/// Opens (or creates) the database in `path`. `Ok(Err(why))`: the file is there but not usable.
fn open_db(path: &Path) -> Result<Result<Database, Discard>, StoreError> {
    let file = open_file(path).map_err(|e| io("cannot open the cache file", path, e))?;
    // Debug builds of redb panic on some corruptions (its `unreachable` checks), release builds
    // return Corrupted: either way the file is discarded, not the program.
    let opened = std::panic::catch_unwind(move || {
        redb::backends::FileBackend::new(file).and_then(|backend| builder().create_with_backend(backend))
    });
    match opened {
        Ok(Ok(db)) => Ok(Ok(db)),
        Ok(Err(redb::DatabaseError::DatabaseAlreadyOpen | redb::DatabaseError::LockProtocolMismatch)) => {
            Err(StoreError::InUse)
        }
        Ok(Err(redb::DatabaseError::Storage(redb::StorageError::Io(e))))
            if !matches!(e.kind(), std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof) =>
        {
            Err(io("cannot read the cache file", path, e))
        }
        Ok(Err(e)) => Ok(Err(Discard::Unreadable(e.to_string()))),
        Err(_) => Ok(Err(Discard::Unreadable("redb panicked reading it".into()))),
    }
}

/// Reads the meta and the eviction order of an open database, deciding whether it is usable.
fn check(db: &Database, identity: &str, version: u32) -> Result<Option<Index>, Discard> {
    let unreadable = |e: redb::Error| Discard::Unreadable(e.to_string());
    let txn = db.begin_read().map_err(|e| unreadable(e.into()))?;
    let meta = match txn.open_table(META) {
        Ok(meta) => meta,
        Err(redb::TableError::TableDoesNotExist(_)) => {
            // A new, empty database: the caller writes the meta. One with tables but no meta was
            // written by something else.
            let tables = txn.list_tables().map_err(|e| unreadable(e.into()))?;
            return match tables.count() {
                0 => Ok(None),
                _ => Err(Discard::Unreadable("not an imbox cache".into())),
            };
        }
        Err(e) => return Err(unreadable(e.into())),
    };
    let schema = meta
        .get(META_SCHEMA)
        .map_err(|e| unreadable(e.into()))?
        .and_then(|v| <[u8; 4]>::try_from(v.value()).ok())
        .map(u32::from_le_bytes)
        .unwrap_or(0);
    if schema != version {
        return Err(Discard::Schema(schema, version));
    }
    let theirs = meta.get(META_IDENTITY).map_err(|e| unreadable(e.into()))?;
    if theirs.as_ref().map(|v| v.value()) != Some(identity.as_bytes()) {
        return Err(Discard::Identity);
    }
    let mut index = Index::default();
    let lru = txn.open_table(LRU).map_err(|e| unreadable(e.into()))?;
    for row in lru.iter().map_err(|e| unreadable(e.into()))? {
        let (key, (last_used, size)) =
            row.map(|(k, v)| (k.value().to_owned(), v.value())).map_err(|e| unreadable(e.into()))?;
        index.clock = index.clock.max(last_used);
        index.insert(key, Use { last_used, size });
    }
    Ok(Some(index))
}

/// Writes the meta and creates the tables of a new store.
fn initialize(db: &Database, identity: &str, version: u32) -> Result<(), redb::Error> {
    let txn = db.begin_write()?;
    {
        let mut meta = txn.open_table(META)?;
        meta.insert(META_SCHEMA, version.to_le_bytes().as_slice())?;
        meta.insert(META_IDENTITY, identity.as_bytes())?;
        txn.open_table(DATA)?;
        txn.open_table(LRU)?;
    }
    txn.commit()?;
    Ok(())
}

fn open_existing(path: &Path, identity: &str, version: u32) -> Result<Opened, StoreError> {
    let db = match open_db(path)? {
        Ok(db) => db,
        Err(why) => return Ok(Opened::Discard(why)),
    };
    // The integrity check on open should have caught any damage; this is the same guard as in
    // open_db, for the first reads of a file that came from disk.
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&db, identity, version)))
        .unwrap_or_else(|_| Err(Discard::Unreadable("redb panicked reading it".into())));
    match checked {
        Ok(Some(index)) => Ok(Opened::Usable(db, index)),
        Ok(None) => match initialize(&db, identity, version) {
            Ok(()) => Ok(Opened::Usable(db, Index::default())),
            Err(e) => Err(io("cannot write the cache file", path, e)),
        },
        Err(why) => Ok(Opened::Discard(why)),
    }
}

impl Store {
    /// Opens (creating) the store at `path` (a file; its parent directory is created 0700, an
    /// existing looser one tightened to 0700 with a warn line, one owned by another user
    /// refused). The file is 0600 (created so, and tightened if found looser). `identity` names
    /// the account the data belongs to (see [`super::identity`]); a store written under another
    /// identity, another [`SCHEMA_VERSION`], or a file redb cannot open (corrupt, truncated,
    /// random bytes, not redb) is deleted and recreated empty, with one `tracing::warn!` line
    /// saying which and the path — never a panic, never an error to the caller. `cap_bytes`: the
    /// size cap on disk.
    pub fn open(path: &Path, identity: &str, cap_bytes: u64) -> Result<Store, StoreError> {
        Self::open_version(path, identity, cap_bytes, SCHEMA_VERSION)
    }

    fn open_version(path: &Path, identity: &str, cap_bytes: u64, version: u32) -> Result<Store, StoreError> {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        crate::auth::create_private_dir(dir)
            .map_err(|e| io("cannot make the cache directory private", dir, e))?;
        secure_file(path)?;
        let (db, index) = match open_existing(path, identity, version)? {
            Opened::Usable(db, index) => (db, index),
            Opened::Discard(why) => {
                tracing::warn!(path = %path.display(), "discarding the cache: {why}");
                std::fs::remove_file(path)
                    .map_err(|e| io("cannot delete the unusable cache file", path, e))?;
                match open_existing(path, identity, version)? {
                    Opened::Usable(db, index) => (db, index),
                    // A file this process just created: only another process racing us could
                    // make it unusable again.
                    Opened::Discard(why) => return Err(io("cannot create the cache file", path, why)),
                }
            }
        };
        let mut store = Store {
            db,
            path: path.to_owned(),
            cap: cap_bytes,
            index: Mutex::new(index),
            compactions: 0,
            water: 1.0,
        };
        // A cap lowered since the last run applies now, not at the first write.
        store.fit(&|_| false)?;
        Ok(store)
    }

    /// The value under `key`, if any. Marks it used for LRU (recorded in memory and written with
    /// the next write).
    pub fn get(&self, key: &str) -> Option<Entry> {
        let read = || -> Result<Option<Entry>, redb::Error> {
            let txn = self.db.begin_read()?;
            let data = txn.open_table(DATA)?;
            Ok(data.get(key)?.and_then(|raw| decode(raw.value())))
        };
        match read() {
            Ok(Some(entry)) => {
                let mut index = self.lock();
                let tick = index.tick(now_ms());
                if let Some(usage) = index.entries.get_mut(key) {
                    usage.last_used = tick;
                    index.touched.insert(key.to_owned());
                }
                Some(entry)
            }
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(path = %self.path.display(), kind = key_kind(key), "cache read failed, treated as absent: {e}");
                None
            }
        }
    }

    /// Every entry whose key starts with `prefix`, in key order (used to load all cached contact
    /// pages at start). Not a use for LRU: a bulk load says nothing about which entry matters.
    pub fn scan(&self, prefix: &str) -> Vec<(String, Entry)> {
        self.scan_after(prefix, None, usize::MAX)
    }

    /// At most `max` entries whose key starts with `prefix` and comes after `after` (None: from
    /// the first), in key order: a scan in batches, so a big store is never held in memory all
    /// at once and the reads of others are not kept waiting behind it.
    pub fn scan_after(&self, prefix: &str, after: Option<&str>, max: usize) -> Vec<(String, Entry)> {
        let read = || -> Result<Vec<(String, Entry)>, redb::Error> {
            let txn = self.db.begin_read()?;
            let data = txn.open_table(DATA)?;
            let mut out = Vec::new();
            let rows = match after {
                Some(after) => data.range::<&str>((Bound::Excluded(after), Bound::Unbounded))?,
                None => data.range::<&str>(prefix..)?,
            };
            for row in rows {
                let (key, raw) = row?;
                let key = key.value();
                if !key.starts_with(prefix) || out.len() >= max {
                    break;
                }
                if let Some(entry) = decode(raw.value()) {
                    out.push((key.to_owned(), entry));
                }
            }
            Ok(out)
        };
        read().unwrap_or_else(|e| {
            tracing::warn!(path = %self.path.display(), kind = key_kind(prefix), "cache scan failed, treated as empty: {e}");
            Vec::new()
        })
    }

    /// Writes all `items` in ONE transaction stamped `now`, then evicts least-recently-used
    /// entries until the store fits its cap: after it returns, the file is under the cap on
    /// disk, even if that takes every entry (a single item bigger than the cap is not kept).
    pub fn put_many(
        &mut self,
        items: Vec<(String, Vec<u8>)>,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        let incoming: u64 = items.iter().map(|(k, v)| (k.len() + STAMP_LEN + v.len()) as u64).sum();
        let written: Vec<String> = items.iter().map(|(k, _)| k.clone()).collect();
        let mut index = self.take_index();
        // Make room first, in the same transaction, so a steady stream of new entries reuses the
        // pages freed by earlier evictions instead of growing the file.
        let high = (self.cap as f64 * HIGH_WATER * self.water) as u64;
        let mut evict = Vec::new();
        if index.payload.saturating_add(incoming) > high {
            let target = ((self.cap as f64 * LOW_WATER * self.water) as u64).saturating_sub(incoming);
            let fresh: std::collections::HashSet<&str> = written.iter().map(String::as_str).collect();
            evict = index.victims(target, &|k| fresh.contains(k));
        }
        // The clock, not `now`: reads are stamped by it too, and the two must compare.
        let tick = index.tick(now_ms());
        let result = self.write(|txn| {
            let mut data = txn.open_table(DATA)?;
            let mut lru = txn.open_table(LRU)?;
            // First, so an entry read and then evicted or rewritten here ends as this says.
            Self::write_touched(&index, &mut lru)?;
            for key in &evict {
                data.remove(key.as_str())?;
                lru.remove(key.as_str())?;
            }
            for (key, bytes) in &items {
                let size = (key.len() + STAMP_LEN + bytes.len()) as u64;
                data.insert(key.as_str(), encode(now, bytes).as_slice())?;
                lru.insert(key.as_str(), (tick, size))?;
            }
            Ok(())
        });
        if let Err(e) = result {
            // Nothing committed: the index is as it was (the touched keys are kept for later).
            *self.lock() = index;
            return Err(io("cannot write the cache file", &self.path, e));
        }
        index.touched.clear();
        for key in &evict {
            index.remove(key);
        }
        for (key, bytes) in items {
            let size = (key.len() + STAMP_LEN + bytes.len()) as u64;
            index.insert(key, Use { last_used: tick, size });
        }
        *self.lock() = index;
        let newest = |k: &str| written.iter().any(|w| w == k);
        self.fit(&newest)
    }

    /// Empties the store and hands it to `identity` (a new token was accepted in the app): what
    /// the old token fetched must not be shown to whoever holds the new one. One transaction,
    /// then a compaction, so the old rows do not linger in freed pages either.
    pub fn reset(&mut self, identity: &str) -> Result<(), StoreError> {
        let result = self.write(|txn| {
            txn.delete_table(DATA)?;
            txn.delete_table(LRU)?;
            txn.open_table(DATA)?;
            txn.open_table(LRU)?;
            txn.open_table(META)?.insert(META_IDENTITY, identity.as_bytes())?;
            Ok(())
        });
        result.map_err(|e| io("cannot empty the cache file", &self.path, e))?;
        // The clock goes on: ticks never go back, even across a reset.
        let clock = self.take_index().clock;
        *self.lock() = Index { clock, ..Index::default() };
        self.compact()
    }

    /// Removes every entry whose key starts with `prefix`.
    pub fn remove_prefix(&mut self, prefix: &str) -> Result<(), StoreError> {
        let index = self.take_index();
        let doomed: Vec<String> = index
            .entries
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .map(|(k, _)| k)
            .take_while(|k| k.starts_with(prefix))
            .cloned()
            .collect();
        self.remove(index, &doomed, Some(prefix))
    }

    /// Removes `doomed` (and, with a `prefix`, every key of the table under it, indexed or not)
    /// in one transaction that also writes the reads not yet written, then from the index.
    /// The index is put back as it was when the transaction fails.
    fn remove(
        &mut self,
        mut index: Index,
        doomed: &[String],
        prefix: Option<&str>,
    ) -> Result<(), StoreError> {
        let result = self.write(|txn| {
            let mut data = txn.open_table(DATA)?;
            let mut lru = txn.open_table(LRU)?;
            Self::write_touched(&index, &mut lru)?;
            // From the table as well as from the index: a key in `data` the index lacks would
            // otherwise survive a removal asked for (e.g. a customer's data on sign-out).
            let mut keys: Vec<String> = match prefix {
                Some(prefix) => data
                    .range::<&str>(prefix..)?
                    .map(|row| row.map(|(k, _)| k.value().to_owned()))
                    .take_while(|k| k.as_ref().map(|k| k.starts_with(prefix)).unwrap_or(true))
                    .collect::<Result<_, _>>()?,
                None => Vec::new(),
            };
            keys.extend(doomed.iter().cloned());
            for key in &keys {
                data.remove(key.as_str())?;
                lru.remove(key.as_str())?;
            }
            Ok(())
        });
        if let Err(e) = result {
            *self.lock() = index;
            return Err(io("cannot write the cache file", &self.path, e));
        }
        index.touched.clear();
        for key in doomed {
            index.remove(key);
        }
        *self.lock() = index;
        Ok(())
    }

    /// Bytes the file takes on disk now (what `du` shows).
    pub fn size_on_disk(&self) -> u64 {
        disk_usage(&self.path)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Index> {
        // The index holds no invariant a panicking holder could break half-way that matters more
        // than losing the cache's eviction order: keep going with what is there.
        self.index.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn take_index(&self) -> Index {
        std::mem::take(&mut *self.lock())
    }

    fn write_touched(
        index: &Index,
        lru: &mut redb::Table<'_, &'static str, (u64, u64)>,
    ) -> Result<(), redb::Error> {
        for key in &index.touched {
            if let Some(usage) = index.entries.get(key) {
                lru.insert(key.as_str(), (usage.last_used, usage.size))?;
            }
        }
        Ok(())
    }

    fn write(
        &self,
        body: impl FnOnce(&redb::WriteTransaction) -> Result<(), redb::Error>,
    ) -> Result<(), redb::Error> {
        let txn = self.db.begin_write()?;
        match body(&txn) {
            Ok(()) => Ok(txn.commit()?),
            Err(e) => {
                // Dropping aborts too; abort says so and frees the pages now.
                let _ = txn.abort();
                Err(e)
            }
        }
    }

    /// Brings the file under the cap when it is over: compacts (so the file really shrinks),
    /// and while that is not enough, evicts a further quarter of the payload (oldest first,
    /// sparing `keep` until nothing else is left) and compacts again.
    fn fit(&mut self, keep: &dyn Fn(&str) -> bool) -> Result<(), StoreError> {
        let mut compacted = false;
        while self.size_on_disk() > self.cap {
            if !compacted {
                self.compact()?;
                compacted = true;
                self.water = (self.water * WATER_STEP).max(WATER_FLOOR);
                continue;
            }
            let index = self.take_index();
            if index.entries.is_empty() {
                *self.lock() = index;
                // An empty store over the cap: nothing more to give back (a cap below redb's
                // few-page minimum).
                return Ok(());
            }
            let target = index.payload - index.payload / 4;
            let mut evict = index.victims(target, keep);
            if evict.is_empty() {
                evict = index.victims(target, &|_| false);
            }
            if evict.is_empty() {
                // A payload of a few bytes (a quarter of it rounds to nothing): all of it.
                evict = index.entries.keys().cloned().collect();
            }
            self.remove(index, &evict, None)?;
            self.compact()?;
        }
        Ok(())
    }

    fn compact(&mut self) -> Result<(), StoreError> {
        let started = std::time::Instant::now();
        let before = self.size_on_disk();
        loop {
            match self.db.compact() {
                Ok(true) => continue,
                Ok(false) => break,
                Err(e) => return Err(io("cannot compact the cache file", &self.path, e)),
            }
        }
        self.compactions += 1;
        tracing::info!(
            path = %self.path.display(),
            before,
            after = self.size_on_disk(),
            ms = started.elapsed().as_millis() as u64,
            "compacted the cache"
        );
        Ok(())
    }
}

impl Drop for Store {
    /// Writes the reads' LRU marks not yet on disk, so the next run evicts in the order of use.
    fn drop(&mut self) {
        let index = self.take_index();
        if index.touched.is_empty() {
            return;
        }
        if let Err(e) = self.write(|txn| Self::write_touched(&index, &mut txn.open_table(LRU)?)) {
            tracing::warn!(path = %self.path.display(), "cannot record which cache entries were used: {e}");
        }
    }
}

/// Deletes the store files in `dir`: all of them (`None`: every `*.redb` file), or the one named
/// `file_name`. Returns what it deleted. Works while no imbox has them open; if one does, nothing
/// is deleted and the answer is [`StoreError::InUse`] (found by trying to open each file).
pub fn clear(dir: &Path, file_name: Option<&str>) -> Result<Vec<PathBuf>, StoreError> {
    let candidates: Vec<PathBuf> = match file_name {
        Some(name) => {
            if name.is_empty() || Path::new(name).file_name() != Some(std::ffi::OsStr::new(name)) {
                return Err(StoreError::Io(format!("{name:?} is not a cache file name")));
            }
            let path = dir.join(name);
            if path.exists() { vec![path] } else { Vec::new() }
        }
        None => match std::fs::read_dir(dir) {
            Ok(entries) => {
                let mut paths: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == EXTENSION))
                    .collect();
                paths.sort();
                paths
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io("cannot list the cache directory", dir, e)),
        },
    };
    // Hold every file's lock while deleting, so no imbox starts on one between the check and the
    // deletion (it would then keep writing to a file nobody can find); and check them all before
    // deleting any, so a refusal leaves everything as it was.
    let mut held = Vec::new();
    for path in &candidates {
        let file = open_file(path).map_err(|e| io("cannot open the cache file", path, e))?;
        let opened = std::panic::catch_unwind(move || {
            redb::backends::FileBackend::new(file).and_then(|backend| {
                let mut builder = Database::builder();
                builder.set_cache_size(PAGE_CACHE_BYTES);
                builder.create_with_backend(backend)
            })
        });
        match opened {
            Ok(Ok(db)) => held.push(Some(db)),
            Ok(Err(redb::DatabaseError::DatabaseAlreadyOpen | redb::DatabaseError::LockProtocolMismatch)) => {
                return Err(StoreError::InUse);
            }
            // Not a database redb can open (corrupt): nobody else can have it open either.
            Ok(Err(_)) | Err(_) => held.push(None),
        }
    }
    let mut deleted = Vec::new();
    for path in candidates {
        std::fs::remove_file(&path).map_err(|e| io("cannot delete the cache file", &path, e))?;
        deleted.push(path);
    }
    drop(held);
    Ok(deleted)
}

#[cfg(test)]
mod tests;
