//! The one generated data set every demo API serves: the people (names, e-mails, phones in
//! several scripts), their conversations, threads and notifications, computed on demand from
//! `(seed, position)`, and the store that keeps only what clients changed.

pub(crate) mod conversations;
pub(crate) mod generator;
pub(crate) mod names;
pub(crate) mod notifications;
pub(crate) mod person;
pub(crate) mod rng;
pub(crate) mod search_index;
pub mod seeds;
pub(crate) mod store;
pub(crate) mod threads;
