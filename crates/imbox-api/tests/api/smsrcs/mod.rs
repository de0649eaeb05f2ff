//! The SMS/RCS client: the seed's body through the wire types, and lookups against the demo.

mod demo;
mod wire;
