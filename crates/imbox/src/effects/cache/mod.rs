//! The on-disk cache (issue 16): `store.rs` is its file.

pub mod store;
