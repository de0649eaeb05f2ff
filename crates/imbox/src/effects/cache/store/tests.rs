//! The store's tests: reopen and read back, scan bounds, corrupt and foreign files discarded,
//! eviction under the cap, permissions, clear, a second open.
use super::*;
use std::os::unix::fs::PermissionsExt;

const ID: &str = "chatwoot https://chat.example.com";
const MB: u64 = 1 << 20;

fn at(ns: i128) -> jiff::Timestamp {
    jiff::Timestamp::from_nanosecond(ns).unwrap()
}

/// Bytes that do not compress or repeat, so sizes on disk are honest.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as u8
        })
        .collect()
}

fn put(store: &mut Store, key: &str, bytes: &[u8]) {
    store.put_many(vec![(key.to_owned(), bytes.to_vec())], at(1)).unwrap();
}

fn keys(store: &Store, prefix: &str) -> Vec<String> {
    store.scan(prefix).into_iter().map(|(k, _)| k).collect()
}

/// Whether `key` is stored, without marking it used as `get` would.
fn has(store: &Store, key: &str) -> bool {
    store.scan(key).iter().any(|(k, _)| k == key)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A closed store at `path` holding `n` entries `k/0..n` of `len` bytes.
fn filled(path: &Path, n: usize, len: usize) {
    let mut store = Store::open(path, ID, 100 * MB).unwrap();
    let items = (0..n).map(|i| (format!("k/{i}"), noise(i as u64, len))).collect();
    store.put_many(items, at(5)).unwrap();
}

#[test]
fn what_is_put_is_read_back_after_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    let stamp = at(1_700_000_000_123_456_789);
    {
        let mut store = Store::open(&path, ID, 10 * MB).unwrap();
        store
            .put_many(
                vec![
                    ("a/1".into(), b"one".to_vec()),
                    ("b/2".into(), noise(2, 30_000)),
                    ("c".into(), Vec::new()),
                ],
                stamp,
            )
            .unwrap();
        store.put_many(vec![("a/1".into(), b"uno".to_vec())], at(1_800_000_000_000_000_001)).unwrap();
    }
    let store = Store::open(&path, ID, 10 * MB).unwrap();
    assert_eq!(
        store.get("a/1"),
        Some(Entry { bytes: b"uno".to_vec(), stored_at: at(1_800_000_000_000_000_001) })
    );
    assert_eq!(store.get("b/2"), Some(Entry { bytes: noise(2, 30_000), stored_at: stamp }));
    assert_eq!(store.get("c"), Some(Entry { bytes: Vec::new(), stored_at: stamp }));
    assert_eq!(store.get("a/2"), None);
    assert_eq!(store.get("a"), None);
}

#[test]
fn scan_gives_the_prefix_in_key_order_and_remove_prefix_only_that() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    {
        let mut store = Store::open(&path, ID, 10 * MB).unwrap();
        let keys =
            ["contacts/2", "contacts/10", "contact/1", "contacts/1", "contactsX/1", "conv/1", "contacts/"];
        store.put_many(keys.iter().map(|k| (k.to_string(), k.as_bytes().to_vec())).collect(), at(7)).unwrap();
        let scanned = store.scan("contacts/");
        assert_eq!(
            scanned.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
            ["contacts/", "contacts/1", "contacts/10", "contacts/2"]
        );
        assert!(scanned.iter().all(|(k, e)| e.bytes == k.as_bytes() && e.stored_at == at(7)));
        assert_eq!(keys_of(&store, "").len(), 7);
        assert!(store.scan("contacts/3").is_empty());
        assert!(store.scan("zzz").is_empty());
        assert_eq!(keys_of(&store, "contactsX"), ["contactsX/1"]);
        // In batches: at most `max`, each after the last key of the one before, never past the prefix.
        let batch = |after: Option<&str>| -> Vec<String> {
            store.scan_after("contacts/", after, 2).into_iter().map(|(k, _)| k).collect()
        };
        assert_eq!(batch(None), ["contacts/", "contacts/1"]);
        assert_eq!(batch(Some("contacts/1")), ["contacts/10", "contacts/2"]);
        assert!(batch(Some("contacts/2")).is_empty(), "contactsX/1 is not under the prefix");

        store.remove_prefix("contacts/").unwrap();
        assert_eq!(keys_of(&store, ""), ["contact/1", "contactsX/1", "conv/1"]);
    }
    let store = Store::open(&path, ID, 10 * MB).unwrap();
    assert_eq!(keys_of(&store, ""), ["contact/1", "contactsX/1", "conv/1"], "the removal was committed");
    assert_eq!(store.get("contacts/1"), None);
}

fn keys_of(store: &Store, prefix: &str) -> Vec<String> {
    keys(store, prefix)
}

/// Opens a store over an unusable file and checks it starts empty, works, and persists.
fn replaced_and_working(path: &Path) {
    {
        let mut store = Store::open(path, ID, 10 * MB).unwrap();
        assert!(store.scan("").is_empty(), "nothing of the unusable file is read");
        assert_eq!(store.get("k/1"), None);
        put(&mut store, "fresh", b"new");
        assert_eq!(store.get("fresh").map(|e| e.bytes), Some(b"new".to_vec()));
    }
    let store = Store::open(path, ID, 10 * MB).unwrap();
    assert_eq!(keys(&store, ""), ["fresh"], "the new store is a real one");
    assert_eq!(mode(path), 0o600);
}

/// The log lines `f` writes (warn and up), as text.
fn logged(f: impl FnOnce()) -> String {
    #[derive(Clone, Default)]
    struct Buf(std::sync::Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buf = Buf::default();
    let out = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || buf.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::WARN)
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        // Another test's thread may have met these log lines first, with no subscriber, and
        // cached them as not wanted: have every callsite asked again, this one included.
        tracing::callsite::rebuild_interest_cache();
        f()
    });
    String::from_utf8(out.0.lock().unwrap().clone()).unwrap()
}

#[test]
fn a_discarded_file_is_one_warn_line_with_the_reason_and_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    std::fs::write(&path, noise(9, 10_000)).unwrap();
    // Private already, so the only line is the discard's.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let log = logged(|| drop(Store::open(&path, ID, MB).unwrap()));
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(
        log.contains("WARN") && log.contains("cannot be read") && log.contains(&path.display().to_string()),
        "{log}"
    );

    let log = logged(|| drop(Store::open(&path, "chatwoot https://other.example.com", MB).unwrap()));
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("another account") && !log.contains("other.example.com"), "{log}");

    let log = logged(|| drop(Store::open_version(&path, ID, MB, SCHEMA_VERSION + 1).unwrap()));
    assert!(log.contains(&format!("schema {SCHEMA_VERSION}, this is {}", SCHEMA_VERSION + 1)), "{log}");

    let log = logged(|| drop(Store::open_version(&path, ID, MB, SCHEMA_VERSION + 1).unwrap()));
    assert_eq!(log, "", "a usable store is opened silently");
}

#[test]
fn a_store_can_move_to_the_worker() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Store>();
}

#[test]
fn a_file_of_random_bytes_is_replaced_by_an_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    std::fs::write(&path, noise(9, 100_000)).unwrap();
    replaced_and_working(&path);
}

#[test]
fn a_truncated_store_is_replaced_by_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    filled(&path, 50, 20_000);
    let len = std::fs::metadata(&path).unwrap().len();
    std::fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(len / 2).unwrap();
    replaced_and_working(&path);
}

#[test]
fn a_store_damaged_inside_is_replaced_by_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    filled(&path, 50, 20_000);
    let mut bytes = std::fs::read(&path).unwrap();
    let half = bytes.len() / 2;
    for b in &mut bytes[4096..half] {
        *b ^= 0x5a;
    }
    std::fs::write(&path, bytes).unwrap();
    replaced_and_working(&path);
}

#[test]
fn a_store_of_another_schema_version_is_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    {
        let mut old = Store::open_version(&path, ID, 10 * MB, SCHEMA_VERSION - 1).unwrap();
        put(&mut old, "k/1", b"old encoding");
    }
    {
        // Control: the same version reads it.
        let same = Store::open_version(&path, ID, 10 * MB, SCHEMA_VERSION - 1).unwrap();
        assert_eq!(keys(&same, ""), ["k/1"]);
    }
    replaced_and_working(&path);
}

#[test]
fn a_store_of_another_account_is_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    filled(&path, 3, 100);
    {
        let same = Store::open(&path, ID, 10 * MB).unwrap();
        assert_eq!(keys(&same, "").len(), 3, "the same account keeps its cache");
    }
    let other = Store::open(&path, "chatwoot https://other.example.com", 10 * MB).unwrap();
    assert!(other.scan("").is_empty(), "no other account's data is shown");
    drop(other);
    let back = Store::open(&path, ID, 10 * MB).unwrap();
    assert!(back.scan("").is_empty(), "the file now belongs to the other account");
}

#[test]
fn a_redb_file_that_is_not_a_cache_is_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    {
        let db = Database::create(&path).unwrap();
        let txn = db.begin_write().unwrap();
        txn.open_table(TableDefinition::<u64, u64>::new("data")).unwrap().insert(1, 2).unwrap();
        txn.commit().unwrap();
    }
    replaced_and_working(&path);
}

#[test]
fn eviction_keeps_the_recently_used_and_the_file_under_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    let cap = 2 * MB;
    let mut store = Store::open(&path, ID, cap).unwrap();
    // More than one eviction's batch (a tenth of the cap, ~10 of these), so old/0 is not
    // taken along with the ones older than it by use.
    for i in 0..30 {
        put(&mut store, &format!("old/{i}"), &noise(i, 20_000));
    }
    // Read after all of them were written: the oldest by use is now old/1.
    assert!(store.get("old/0").is_some());
    let mut n = 0;
    while has(&store, "old/1") {
        put(&mut store, &format!("new/{n}"), &noise(100 + n, 20_000));
        assert!(store.size_on_disk() <= cap, "{} over the cap {cap} after {n} puts", store.size_on_disk());
        n += 1;
        assert!(n < 200, "nothing was ever evicted");
    }
    assert!(has(&store, "old/0"), "the entry read survives the ones only written");
    assert_eq!(store.get("old/29").map(|e| e.bytes), Some(noise(29, 20_000)));
    assert_eq!(store.get(&format!("new/{}", n - 1)).map(|e| e.bytes), Some(noise(100 + n - 1, 20_000)));
    let payload: u64 = store.scan("").iter().map(|(k, e)| (k.len() + STAMP_LEN + e.bytes.len()) as u64).sum();
    assert!(payload <= (cap as f64 * HIGH_WATER * store.water) as u64, "payload {payload}");
    assert_eq!(store.lock().payload, payload, "the index counts what the file holds");
}

#[test]
fn a_read_marks_use_across_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    let cap = 2 * MB;
    {
        let mut store = Store::open(&path, ID, cap).unwrap();
        put(&mut store, "a", &noise(1, 20_000));
        // More than one eviction's batch (see above).
        for i in 0..30 {
            put(&mut store, &format!("b/{i}"), &noise(i, 20_000));
        }
        // Only in memory until the drop writes it.
        assert!(store.get("a").is_some());
    }
    let mut store = Store::open(&path, ID, cap).unwrap();
    let mut n = 0;
    while has(&store, "b/0") {
        put(&mut store, &format!("new/{n}"), &noise(100 + n, 20_000));
        n += 1;
        assert!(n < 200, "nothing was ever evicted");
    }
    assert!(has(&store, "a"), "a was read after b/* were written, in the previous run");
}

/// The eviction order on disk, as a reopen reads it.
fn order_on_disk(path: &Path) -> BTreeMap<String, u64> {
    let store = Store::open(path, ID, 100 * MB).unwrap();
    let index = store.take_index();
    index.entries.into_iter().map(|(k, u)| (k, u.size)).collect()
}

#[test]
fn the_eviction_order_on_disk_follows_what_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    {
        let mut store = Store::open(&path, ID, 100 * MB).unwrap();
        put(&mut store, "x/1", b"12345");
        put(&mut store, "y/1", b"1");
        // Read, then rewritten at another size or removed in the same write as the read's mark.
        assert!(store.get("x/1").is_some() && store.get("y/1").is_some());
        put(&mut store, "x/1", b"123");
        assert!(store.get("y/1").is_some());
        store.remove_prefix("y/").unwrap();
    }
    let want = BTreeMap::from([("x/1".to_owned(), (3 + 3 + STAMP_LEN) as u64)]);
    assert_eq!(order_on_disk(&path), want);
}

#[test]
fn a_store_hammered_with_new_entries_never_exceeds_its_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    let cap = 4 * MB;
    let mut store = Store::open(&path, ID, cap).unwrap();
    let mut most = 0;
    for round in 0..400u64 {
        // Mostly single pages of varied size, with a batch now and then, and some rewrites.
        let len = 1_000 + (round * 7919 % 40_000) as usize;
        let items: Vec<(String, Vec<u8>)> = if round % 25 == 0 {
            (0..30).map(|i| (format!("batch/{round}/{i}"), noise(round * 100 + i, 17_000))).collect()
        } else {
            vec![(format!("page/{}", round % 300), noise(round, len))]
        };
        let expect = items.clone();
        store.put_many(items, at(i128::from(round))).unwrap();
        let size = store.size_on_disk();
        most = most.max(size);
        assert!(size <= cap, "round {round}: {size} on disk over the cap {cap}");
        for (key, bytes) in expect {
            assert_eq!(
                store.get(&key).map(|e| e.bytes),
                Some(bytes),
                "round {round}: the newest write is kept"
            );
        }
    }
    assert!(most > cap / 2, "the test filled the store ({most} of {cap})");
    // The marks are there so a steady store does not compact on every write.
    assert!(store.compactions <= 40, "{} compactions in 400 writes", store.compactions);
    eprintln!("hammer: {} compactions in 400 writes, at most {most} of {cap} on disk", store.compactions);
}

#[test]
fn values_just_over_a_page_run_do_not_compact_on_every_few_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    let cap = 4 * MB;
    let mut store = Store::open(&path, ID, cap).unwrap();
    // 33 KB takes a 64 KiB run: at the first marks the file outgrows the cap every ~17
    // writes (measured before the marks adapted: 118 compactions in 2,000 writes).
    for r in 0..600 {
        store.put_many(vec![(format!("p/{r}"), noise(r, 33_000))], at(1)).unwrap();
        assert!(store.size_on_disk() <= cap);
    }
    assert!(store.compactions <= 5, "{} compactions in 600 writes", store.compactions);
    assert!(store.water < 1.0, "the marks were lowered");
}

#[test]
fn an_item_bigger_than_the_cap_is_not_kept_and_the_file_fits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    let cap = MB;
    let mut store = Store::open(&path, ID, cap).unwrap();
    put(&mut store, "small", b"x");
    put(&mut store, "huge", &noise(1, 2 * MB as usize));
    assert!(store.size_on_disk() <= cap, "{}", store.size_on_disk());
    assert_eq!(store.get("huge"), None);
}

#[test]
fn a_lowered_cap_applies_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    filled(&path, 100, 20_000);
    assert!(disk_usage(&path) > MB);
    let store = Store::open(&path, ID, MB).unwrap();
    assert!(store.size_on_disk() <= MB, "{}", store.size_on_disk());
    assert!(!store.scan("").is_empty(), "evicts down to the cap, not everything");
}

#[test]
fn the_directory_and_file_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache/deeper/acct.redb");
    let store = Store::open(&path, ID, MB).unwrap();
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    assert_eq!(mode(&path), 0o600);
    drop(store);

    let open_dir = dir.path().join("open");
    std::fs::create_dir(&open_dir).unwrap();
    std::fs::set_permissions(&open_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let loose = open_dir.join("acct.redb");
    filled(&loose, 2, 10);
    std::fs::set_permissions(&open_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o644)).unwrap();
    let store = Store::open(&loose, ID, MB).unwrap();
    assert_eq!(mode(&open_dir), 0o700, "a 0755 directory is tightened");
    assert_eq!(mode(&loose), 0o600, "a 0644 file is tightened");
    assert_eq!(keys(&store, "").len(), 2, "and kept");
}

#[test]
fn a_second_open_is_refused_and_the_first_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    let mut first = Store::open(&path, ID, 10 * MB).unwrap();
    put(&mut first, "a", b"1");
    assert!(matches!(Store::open(&path, ID, 10 * MB), Err(StoreError::InUse)));
    assert!(
        matches!(Store::open(&path, "another", 10 * MB), Err(StoreError::InUse)),
        "and does not discard it"
    );
    put(&mut first, "b", b"2");
    assert_eq!(first.get("a").map(|e| e.bytes), Some(b"1".to_vec()));
    drop(first);
    let again = Store::open(&path, ID, 10 * MB).unwrap();
    assert_eq!(keys(&again, ""), ["a", "b"]);
}

#[test]
fn clear_deletes_all_stores_or_one_and_refuses_one_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.redb"), dir.path().join("b.redb"));
    let other = dir.path().join("notes.txt");
    std::fs::write(&other, "keep").unwrap();

    filled(&a, 1, 10);
    filled(&b, 1, 10);
    assert_eq!(clear(dir.path(), Some("a.redb")).unwrap(), vec![a.clone()]);
    assert!(!a.exists() && b.exists());
    assert_eq!(clear(dir.path(), Some("a.redb")).unwrap(), Vec::<PathBuf>::new(), "already gone");

    filled(&a, 1, 10);
    let open = Store::open(&a, ID, MB).unwrap();
    assert!(matches!(clear(dir.path(), None), Err(StoreError::InUse)));
    assert!(matches!(clear(dir.path(), Some("a.redb")), Err(StoreError::InUse)));
    assert!(a.exists() && b.exists(), "a refusal deletes nothing");
    assert_eq!(keys(&open, ""), ["k/0"], "and leaves the open store intact");
    drop(open);

    std::fs::write(dir.path().join("c.redb"), b"not a database").unwrap();
    let mut deleted = clear(dir.path(), None).unwrap();
    deleted.sort();
    assert_eq!(deleted, [a.clone(), b.clone(), dir.path().join("c.redb")]);
    assert!(!a.exists() && !b.exists() && other.exists());
    assert!(clear(dir.path(), Some("../notes.txt")).is_err(), "a name, not a path");
    assert!(clear(&dir.path().join("missing"), None).unwrap().is_empty());
}

/// The figures of the report (not a test: `cargo test -p imbox --lib cache::store::tests::measure
/// -- --ignored --nocapture`). A store the size of a 65,681-contact account: ~1,300 pages of
/// ~20 KB.
#[test]
#[ignore]
fn measure() {
    use std::time::Instant;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acct.redb");
    {
        let mut store = Store::open(&path, ID, 200 * MB).unwrap();
        for chunk in 0..13u64 {
            let items = (0..100)
                .map(|i| (format!("contacts/{:05}", chunk * 100 + i), noise(chunk * 100 + i, 20_000)))
                .collect();
            store.put_many(items, at(1)).unwrap();
        }
    }
    let file = std::fs::metadata(&path).unwrap().len();
    let t = Instant::now();
    let mut store = Store::open(&path, ID, 200 * MB).unwrap();
    let open = t.elapsed();
    let du = store.size_on_disk();
    let t = Instant::now();
    let got = store.get("contacts/00650");
    let get = t.elapsed();
    assert!(got.is_some());
    let t = Instant::now();
    let mut gets = 0;
    for i in 0..1300 {
        gets += usize::from(store.get(&format!("contacts/{i:05}")).is_some());
    }
    let get_all = t.elapsed();
    let t = Instant::now();
    store.put_many(vec![("contacts/99999".into(), noise(7, 20_000))], at(2)).unwrap();
    let put = t.elapsed();
    let t = Instant::now();
    let scanned = store.scan("contacts/");
    let scan = t.elapsed();
    let t = Instant::now();
    store.compact().unwrap();
    let compact = t.elapsed();
    eprintln!(
        "file {file} B (du {du}); open {open:?}; get {get:?} (1300 gets {get_all:?}, {gets} hits); put_many(1 x 20 KB) {put:?}; scan {} entries {scan:?}; compact {compact:?}",
        scanned.len()
    );
}

#[test]
fn a_reset_empties_the_store_for_the_new_identity_and_leaves_no_old_row_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.redb");
    let mut store = Store::open(&path, ID, 50 * MB).unwrap();
    let secret_row = b"Previous agent's customer: Nguyen Van A, +84 90 123 4567";
    for i in 0..200 {
        put(&mut store, &format!("contacts/{i:05}"), &[&noise(i, 3000)[..], &secret_row[..]].concat());
    }
    store.reset("chatwoot https://chat.example.com token:other").unwrap();
    assert!(keys(&store, "").is_empty());
    put(&mut store, "badge", b"mine");
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.windows(secret_row.len()).any(|w| w == secret_row), "an old row is still in the file");
    // The new identity opens it with its own row; the old one finds it foreign and starts empty.
    let store = Store::open(&path, "chatwoot https://chat.example.com token:other", 50 * MB).unwrap();
    assert_eq!(store.get("badge").map(|e| e.bytes), Some(b"mine".to_vec()));
    drop(store);
    let store = Store::open(&path, ID, 50 * MB).unwrap();
    assert!(keys(&store, "").is_empty());
}
