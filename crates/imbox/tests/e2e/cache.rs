//! The on-disk cache through the real binary: a session against the demo browses and quits; the
//! next start, with the server gone, shows the same rows marked as cached, opens the cached
//! conversations and thread, and finds by filter a contact seen last time but not on screen.
//! Also: two imbox processes on one account at once, and `imbox cache clear`.

use crate::pty::{PtyApp, imbox_path};
use imbox_api::Backend;
use imbox_api::Secret;
use imbox_api::imbrace::{ClientConfig, ImbraceClient};
use imbox_demo::{DemoConfig, spawn};
use std::path::Path;

/// The environment of a session on the account of `base` with the cache in `cache_dir`.
fn env<'a>(token: &'a str, cache_dir: &'a Path) -> Vec<(&'a str, &'a str)> {
    vec![
        ("IMBOX_TOKEN", token),
        ("IMBOX_CACHE", "on"),
        ("IMBOX_CACHE_DIR", cache_dir.to_str().expect("utf-8 path")),
    ]
}

fn count(screen: &str, needle: &str) -> usize {
    screen.matches(needle).count()
}

/// The display name of the contact at row `row` of the demo's list, asked over HTTP.
fn contact_at(rt: &tokio::runtime::Runtime, base: &str, token: &str, row: u64) -> String {
    let client = ImbraceClient::new(ClientConfig::new(base, Secret::new(token))).expect("client");
    let page = rt.block_on(Backend::contacts(&client, 1, row)).expect("contact row");
    page.items[0].display_name.clone()
}

/// Browses: the list paged down past the first page, then back up, then the first contact's
/// conversations and its first thread.
fn browse(app: &mut PtyApp) {
    app.wait_for(&["UNK#DO1695", "1 / 300"]);
    // Two pages down: the second page of contacts is loaded (and cached) for sure.
    app.send(b"\x1b[6~");
    app.send(b"\x1b[6~");
    app.wait_until("the selection past row 50", |s| {
        s.lines().any(|l| {
            l.contains(" / 300")
                && l.split(" / 300")
                    .next()
                    .and_then(|a| a.rsplit(' ').next())
                    .and_then(|n| n.parse::<u32>().ok())
                    .is_some_and(|n| n > 50)
        })
    });
    app.send(b"g");
    app.wait_for(&["1 / 300"]);
    app.send(b"\r");
    app.wait_for(&["UNK#DO1695@"]);
    app.send(b"\r");
    app.wait_until("the thread's messages", |s| s.contains(" messages ") || s.contains(" message "));
}

#[test]
fn a_restart_without_the_server_shows_the_cached_rows_marked_and_the_filter_finds_a_seen_contact() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(spawn(DemoConfig::default())).expect("demo");
    let base = server.base_url();
    let token = server.token().to_string();
    let cache = tempfile::tempdir().expect("cache dir");
    // Row 60: on the second page, never on screen in either session (30 rows).
    let far = contact_at(&rt, &base, &token, 60);
    let mut app = PtyApp::spawn(&["--base-url", &base], 120, 30, &env(&token, cache.path()));
    browse(&mut app);
    let thread_title = app.screen();
    app.send(b"q");
    assert!(app.wait_exit());
    assert!(!thread_title.contains("cached"), "the first session saw fresh rows only:\n{thread_title}");
    rt.block_on(server.shutdown());

    // The server is gone: every pane reads from the cache.
    let mut app = PtyApp::spawn(&["--base-url", &base], 120, 30, &env(&token, cache.path()));
    let screen = app.wait_for(&["UNK#DO1695", "cached just now", "1 / 300"]);
    assert!(!screen.contains(&far), "row 60 is not on screen:\n{screen}");
    app.wait_for(&["OFFLINE"]);
    app.send(b"\r");
    app.wait_until("the cached conversations", |s| {
        count(s, "cached just now") == 2 && s.contains("UNK#DO1695@")
    });
    app.send(b"\r");
    let screen = app.wait_until("the cached thread", |s| count(s, "cached just now") == 3);
    assert!(screen.contains(" messages ") || screen.contains(" message "), "{screen}");
    // Back to the list, and the filter over every contact seen last time.
    app.send(b"hh");
    app.wait_for(&["┏ Contacts"]);
    app.send(b"/");
    let word = far.split_whitespace().next().unwrap_or(&far).to_string();
    app.send(word.as_bytes());
    app.wait_for(&[far.as_str()]);
    // Esc alone (with a key in the same read it would be Alt-<key>), then quit.
    app.send(b"\x1b");
    app.wait_until("the filter to close", |s| !s.contains(far.as_str()));
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn two_processes_on_one_account_share_the_store_safely() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(spawn(DemoConfig::default())).expect("demo");
    let base = server.base_url();
    let token = server.token().to_string();
    let cache = tempfile::tempdir().expect("cache dir");
    let mut first = PtyApp::spawn(&["--base-url", &base], 120, 30, &env(&token, cache.path()));
    first.wait_for(&["UNK#DO1695", "1 / 300"]);
    // A second window on the same account while the first holds the store.
    let mut second = PtyApp::spawn(&["--base-url", &base], 120, 30, &env(&token, cache.path()));
    second.wait_for(&["UNK#DO1695", "1 / 300"]);
    second.send(b"jjj\r");
    second.wait_until("the conversations", |s| s.contains("channel:"));
    first.send(b"\r");
    first.wait_until("the conversations", |s| s.contains("channel:"));
    second.send(b"q");
    assert!(second.wait_exit());
    first.send(b"q");
    assert!(first.wait_exit());
    rt.block_on(server.shutdown());
    // The store is whole: an offline start reads it.
    let mut app = PtyApp::spawn(&["--base-url", &base], 120, 30, &env(&token, cache.path()));
    app.wait_for(&["UNK#DO1695", "cached just now", "1 / 300"]);
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn cache_clear_deletes_the_accounts_store_and_says_so() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(spawn(DemoConfig::default())).expect("demo");
    let base = server.base_url();
    let token = server.token().to_string();
    let cache = tempfile::tempdir().expect("cache dir");
    let mut app = PtyApp::spawn(&["--base-url", &base], 120, 30, &env(&token, cache.path()));
    app.wait_for(&["UNK#DO1695", "1 / 300"]);
    app.send(b"q");
    assert!(app.wait_exit());
    let stores: Vec<_> = std::fs::read_dir(cache.path()).expect("cache dir").flatten().collect();
    assert_eq!(stores.len(), 1, "one store for the account");
    let out = std::process::Command::new(imbox_path())
        .args(["cache", "clear", "--base-url", &base])
        .env("IMBOX_CACHE_DIR", cache.path())
        .env("IMBOX_STATE_DIR", cache.path().join("state"))
        .output()
        .expect("imbox cache clear");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said} {}", String::from_utf8_lossy(&out.stderr));
    assert!(said.starts_with("deleted ") && said.contains(".redb"), "{said} {stores:?}");
    let left: Vec<_> = std::fs::read_dir(cache.path())
        .expect("cache dir")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "redb"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn by_default_an_account_keeps_a_cache_and_the_demo_does_not() {
    let cache = tempfile::tempdir().expect("cache dir");
    let dir = cache.path().to_str().expect("utf-8 path");
    // IMBOX_CACHE empty: neither on nor off, so the defaults decide.
    let mut demo = PtyApp::spawn(
        &["--demo", "--backend", "imbrace"],
        120,
        30,
        &[("IMBOX_CACHE", ""), ("IMBOX_CACHE_DIR", dir)],
    );
    demo.wait_for(&["UNK#DO1695", "1 / 300"]);
    demo.send(b"q");
    assert!(demo.wait_exit());
    let files = |p: &Path| std::fs::read_dir(p).map(|d| d.flatten().count()).unwrap_or(0);
    assert_eq!(files(cache.path()), 0, "the demo is always fresh: no store");

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(spawn(DemoConfig::default())).expect("demo");
    let base = server.base_url();
    let mut app = PtyApp::spawn(
        &["--base-url", &base],
        120,
        30,
        &[("IMBOX_TOKEN", server.token()), ("IMBOX_CACHE", ""), ("IMBOX_CACHE_DIR", dir)],
    );
    app.wait_for(&["UNK#DO1695", "1 / 300"]);
    app.send(b"q");
    assert!(app.wait_exit());
    assert_eq!(files(cache.path()), 1, "an account keeps one store");
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(cache.path()), 0o700, "the directory is private");
    let store = std::fs::read_dir(cache.path()).expect("dir").flatten().next().expect("the store").path();
    assert_eq!(mode(&store), 0o600, "and so is the store");
}
