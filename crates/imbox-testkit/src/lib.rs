//! What the tests of every imbox crate share: the example bodies of the API documents, copied
//! into `tests/fixtures/` at the workspace root (see its README for where each one came from).
//!
//! A fixture is named by its path under `tests/fixtures/`, e.g. `"imbrace/002_contacts.json"`,
//! and read as [`text`], [`json`] or [`bytes`]. A missing or malformed fixture is a broken test
//! setup, so these panic with the path instead of returning an error. [`http_client`] is a raw
//! HTTP client for tests that talk to a server directly.
#![allow(clippy::panic)]

use std::path::PathBuf;

/// The workspace's `tests/fixtures` directory.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The path of fixture `name` (relative to `tests/fixtures`).
pub fn path(name: &str) -> PathBuf {
    dir().join(name)
}

/// Fixture `name` as bytes.
pub fn bytes(name: &str) -> Vec<u8> {
    let path = path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// Fixture `name` as text.
pub fn text(name: &str) -> String {
    let path = path(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// Fixture `name` parsed as JSON.
pub fn json(name: &str) -> serde_json::Value {
    serde_json::from_str(&text(name)).unwrap_or_else(|e| panic!("fixture {name} is not JSON: {e}"))
}

/// A plain HTTP client for talking to a test server directly, with the TLS provider the
/// workspace's reqwest needs installed first (it is built without one; see the root manifest).
pub fn http_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}
