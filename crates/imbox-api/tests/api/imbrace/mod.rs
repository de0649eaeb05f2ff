//! The iMBRACE client: errors and retries, the requests it sends, the seeds' bodies through the
//! wire types, decoder properties, and every call against the demo server.

mod decode_props;
pub mod demo;
mod demo_contacts;
mod demo_conversations;
mod demo_faults;
mod demo_hostile_server;
mod demo_writes;
mod errors;
mod layouts;
mod requests;
mod wire;
