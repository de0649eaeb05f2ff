//! The SMS/RCS client: the seed's body through the wire types, the requests it sends (scripted
//! server), and lookups, the inbox and replies against the demo.

mod answer;
mod demo;
mod requests;
mod wire;
