//! An optional time serialized as `(seconds, nanoseconds)` since the Unix epoch instead of an
//! RFC 3339 string: a few bytes in a compact binary format where the string takes 25. Used with
//! `#[serde(with = "compact_time")]`; a time out of range reads back as `None`, never an error.

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes `t` as `Option<(i64, i32)>`.
pub fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
    t.map(|t| (t.as_second(), t.subsec_nanosecond())).serialize(s)
}

/// Reads what [`serialize`] wrote.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    let parts: Option<(i64, i32)> = Option::deserialize(d)?;
    Ok(parts.and_then(|(secs, nanos)| Timestamp::new(secs, nanos).ok()))
}
