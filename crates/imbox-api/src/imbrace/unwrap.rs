//! Replies that may come wrapped in `{"data": …}`.
//!
//! The SDK says the channel-service gateway's single-object and list replies *may* be wrapped in
//! `{"data": …}`. The seeds' own list envelope already has a `data` (an array), so whether a body
//! is wrapped is decided by what `data` holds, per shape the caller expects ([`Shape`]). Decoding
//! goes through [`decode`], so an error still names the endpoint and the JSON path (`data.…` for a
//! wrapped body). Both layouts accept both forms: a seed gateway that starts wrapping, or a
//! channel-service one that stops, is read the same.

use crate::error::ApiError;
use crate::http::decode;
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// What the caller expects once any wrapper is removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// An object whose own `data` is an array (the seeds' list envelope, `{data: [...], count}`):
    /// wrapped when `data` is an object.
    Envelope,
    /// One object without a `data` field of its own (a contact, the upload reply): wrapped when
    /// `data` is an object.
    Object,
    /// A bare JSON array (a contact's files): wrapped when the body is an object with `data`.
    Array,
}

/// Decodes `body` as `T`, removing a `{"data": …}` wrapper first when the body has one.
pub(crate) fn decode_data<T: DeserializeOwned>(
    endpoint: &'static str,
    body: &[u8],
    shape: Shape,
) -> Result<T, ApiError> {
    // A body that cannot be peeked at is decoded as it is, so the error names what is wrong.
    let data = serde_json::from_slice::<Peek>(body).map(|p| p.data).unwrap_or(Kind::Absent);
    let wrapped = match shape {
        Shape::Envelope | Shape::Object => data == Kind::Object,
        Shape::Array => data != Kind::Absent,
    };
    if !wrapped {
        return decode::<T>(endpoint, body);
    }
    if shape == Shape::Array && data == Kind::Object {
        // `{"data": {"data": [...]}}`: the array inside a wrapped list envelope.
        return decode::<Wrapped<Wrapped<T>>>(endpoint, body).map(|w| w.data.data);
    }
    decode::<Wrapped<T>>(endpoint, body).map(|w| w.data)
}

/// `{"data": T}`, other fields (`success`, `message`, counters) ignored.
#[derive(Deserialize)]
struct Wrapped<T> {
    data: T,
}

/// The JSON kind of a top-level object's `data` field; `Absent` also when the body is not an
/// object at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Kind {
    #[default]
    Absent,
    Object,
    Array,
    Other,
}

/// Only the kind of the top-level `data` is kept; everything is skipped, nothing is stored.
struct Peek {
    data: Kind,
}

impl<'de> Deserialize<'de> for Peek {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TopVisitor;
        impl<'de> Visitor<'de> for TopVisitor {
            type Value = Peek;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Peek, A::Error> {
                let mut data = Kind::Absent;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "data" {
                        data = map.next_value::<KindOf>()?.0;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Peek { data })
            }
        }
        d.deserialize_map(TopVisitor)
    }
}

/// The kind of one JSON value, its content skipped.
struct KindOf(Kind);

impl<'de> Deserialize<'de> for KindOf {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl<'de> Visitor<'de> for KindVisitor {
            type Value = KindOf;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KindOf, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(KindOf(Kind::Object))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<KindOf, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(KindOf(Kind::Array))
            }
            fn visit_unit<E>(self) -> Result<KindOf, E> {
                Ok(KindOf(Kind::Other))
            }
            fn visit_bool<E>(self, _: bool) -> Result<KindOf, E> {
                Ok(KindOf(Kind::Other))
            }
            fn visit_i64<E>(self, _: i64) -> Result<KindOf, E> {
                Ok(KindOf(Kind::Other))
            }
            fn visit_u64<E>(self, _: u64) -> Result<KindOf, E> {
                Ok(KindOf(Kind::Other))
            }
            fn visit_f64<E>(self, _: f64) -> Result<KindOf, E> {
                Ok(KindOf(Kind::Other))
            }
            fn visit_str<E>(self, _: &str) -> Result<KindOf, E> {
                Ok(KindOf(Kind::Other))
            }
        }
        d.deserialize_any(KindVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn kind(body: &str) -> Kind {
        serde_json::from_str::<Peek>(body).map(|p| p.data).unwrap_or(Kind::Absent)
    }

    #[test]
    fn peeks_at_the_kind_of_data_only() {
        assert_eq!(kind(r#"{"data": [1, 2], "count": 2}"#), Kind::Array);
        assert_eq!(kind(r#"{"count": 2, "data": {"id": "con_1"}}"#), Kind::Object);
        assert_eq!(kind(r#"{"data": null}"#), Kind::Other);
        assert_eq!(kind(r#"{"id": "con_1"}"#), Kind::Absent);
        assert_eq!(kind(r#"[{"data": {}}]"#), Kind::Absent);
    }

    #[test]
    fn each_shape_unwraps_only_a_wrapper() {
        let envelope = r#"{"data": [1], "count": 1}"#;
        let got: Value = decode_data("GET /x", envelope.as_bytes(), Shape::Envelope).unwrap();
        assert_eq!(got["count"], 1);
        let wrapped = format!(r#"{{"data": {envelope}}}"#);
        let got: Value = decode_data("GET /x", wrapped.as_bytes(), Shape::Envelope).unwrap();
        assert_eq!(got["count"], 1);
        let got: Vec<u8> = decode_data("GET /x", b"[1, 2]", Shape::Array).unwrap();
        assert_eq!(got, [1, 2]);
        let got: Vec<u8> = decode_data("GET /x", br#"{"data": [1, 2]}"#, Shape::Array).unwrap();
        assert_eq!(got, [1, 2]);
        let got: Vec<u8> = decode_data("GET /x", br#"{"data": {"data": [3]}}"#, Shape::Array).unwrap();
        assert_eq!(got, [3]);
    }

    #[test]
    fn an_error_inside_a_wrapper_names_its_path() {
        #[derive(Debug, Deserialize)]
        struct Thing {
            #[allow(dead_code)]
            n: u8,
        }
        let err = decode_data::<Thing>("GET /x", br#"{"data": {"n": "no"}}"#, Shape::Object).unwrap_err();
        match err {
            ApiError::Decode { path, .. } => assert_eq!(path, "data.n"),
            other => panic!("{other:?}"),
        }
    }
}
