//! [`Scalar`]: one JSON value of any scalar type, read without ever failing.
//!
//! Chatwoot and its forks disagree on types field by field: ids and counts come as numbers or
//! strings (`current_page` is `1` or `"2"`), `message_type` as `0` or `"incoming"`, times as
//! unix integers, ISO strings or float seconds (§0 of the reference), and older servers send
//! `null` or `0` where newer ones send a value. Every scalar field of the wire types is a
//! `Scalar`, and the accessors below decide what it means, so a surprising type degrades to
//! "unknown" instead of failing the whole page.

use crate::sanitize;
use jiff::Timestamp;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Unix times at or above this are taken as milliseconds (year 5138 in seconds).
const MILLIS_THRESHOLD: i64 = 100_000_000_000;

/// A scalar JSON value, or the fact that there was none.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Scalar {
    /// Missing or `null`.
    #[default]
    Absent,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string (an integer beyond `i64` is kept as its digits here too).
    Text(String),
    /// An object or array where a scalar was expected; ignored.
    Other,
}

impl Scalar {
    /// The value as raw (unsanitized) text: strings as they are, numbers and booleans printed;
    /// `None` when absent, an object or an array.
    pub fn raw(&self) -> Option<String> {
        match self {
            Scalar::Text(s) => Some(s.clone()),
            Scalar::Int(i) => Some(i.to_string()),
            Scalar::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(format!("{}", *f as i64)),
            Scalar::Float(f) => Some(f.to_string()),
            Scalar::Bool(b) => Some(b.to_string()),
            Scalar::Absent | Scalar::Other => None,
        }
    }

    /// The value as one sanitized line, empty when there is none.
    pub fn line(&self) -> String {
        self.raw().map(|s| sanitize::line(s.trim())).unwrap_or_default()
    }

    /// The value as sanitized multi-line text, empty when there is none.
    pub fn text(&self) -> String {
        self.raw().map(|s| sanitize::text(&s)).unwrap_or_default()
    }

    /// Whether a non-blank value is present.
    pub fn is_set(&self) -> bool {
        self.raw().is_some_and(|s| !s.trim().is_empty())
    }

    /// A non-negative integer: a number, or a string of digits. Negative and fractional
    /// values are not counts and give `None`.
    pub fn count(&self) -> Option<u64> {
        match self {
            Scalar::Int(i) => u64::try_from(*i).ok(),
            Scalar::Float(f) if f.is_finite() && *f >= 0.0 && f.fract() == 0.0 => Some(*f as u64),
            Scalar::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A boolean: `true`/`false`, `1`/`0`, or those words as strings.
    pub fn flag(&self) -> Option<bool> {
        match self {
            Scalar::Bool(b) => Some(*b),
            Scalar::Int(i) => Some(*i != 0),
            Scalar::Text(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "t" | "yes" => Some(true),
                "false" | "0" | "f" | "no" | "" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// A point in time from any of Chatwoot's encodings: unix seconds (`0` means none), float
    /// seconds, an ISO-8601 string, or digits in a string. Milliseconds are recognised by size.
    pub fn time(&self) -> Option<Timestamp> {
        match self {
            Scalar::Int(i) => unix(*i, 0),
            Scalar::Float(f) if f.is_finite() => {
                let whole = f.trunc();
                if whole.abs() >= 1e15 {
                    return None;
                }
                let nanos = ((f - whole) * 1e9).round() as i32;
                unix(whole as i64, nanos.clamp(0, 999_999_999))
            }
            Scalar::Text(s) => {
                let s = s.trim();
                if s.is_empty() {
                    return None;
                }
                if let Ok(i) = s.parse::<i64>() {
                    return unix(i, 0);
                }
                s.parse::<Timestamp>().ok().or_else(|| {
                    // "2025-12-01T12:05:03.000+02:00" parses above; a zoneless local time does
                    // not, and is read as UTC rather than dropped.
                    s.parse::<jiff::civil::DateTime>()
                        .ok()
                        .and_then(|dt| dt.to_zoned(jiff::tz::TimeZone::UTC).ok())
                        .map(|z| z.timestamp())
                })
            }
            _ => None,
        }
    }
}

/// `seconds` (or milliseconds, when that large) since the epoch; 0 means "never" in Chatwoot.
fn unix(seconds: i64, nanos: i32) -> Option<Timestamp> {
    if seconds == 0 && nanos == 0 {
        return None;
    }
    if seconds.abs() >= MILLIS_THRESHOLD {
        return Timestamp::from_millisecond(seconds).ok();
    }
    Timestamp::new(seconds, nanos).ok()
}

impl<'de> de::Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(i64::try_from(v).map(Scalar::Int).unwrap_or_else(|_| Scalar::Text(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Absent)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Absent)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(json: &str) -> Scalar {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn every_json_type_is_accepted() {
        assert_eq!(s("null"), Scalar::Absent);
        assert_eq!(s("42"), Scalar::Int(42));
        assert_eq!(s("\"42\""), Scalar::Text("42".into()));
        assert_eq!(s("18446744073709551615"), Scalar::Text("18446744073709551615".into()));
        assert_eq!(s("{\"a\":[1,{}]}"), Scalar::Other);
        assert_eq!(s("[1,2]"), Scalar::Other);
    }

    #[test]
    fn counts_and_ids_read_numbers_and_strings() {
        assert_eq!(s("\"2\"").count(), Some(2));
        assert_eq!(s("1").count(), Some(1));
        assert_eq!(s("-1").count(), None);
        assert_eq!(s("null").count(), None);
        assert_eq!(s("42").line(), "42");
        assert_eq!(s("42.0").line(), "42");
        assert_eq!(s("\" a\\u001b \"").line(), "a␛");
    }

    #[test]
    fn times_in_all_three_encodings() {
        let t = |j: &str| s(j).time().map(|t| t.to_string());
        assert_eq!(t("1764582620").as_deref(), Some("2025-12-01T09:50:20Z"));
        assert_eq!(t("0"), None);
        assert_eq!(t("\"\""), None);
        assert_eq!(t("\"2025-12-01T09:50:20.923Z\"").as_deref(), Some("2025-12-01T09:50:20.923Z"));
        assert_eq!(t("\"2025-12-01T12:05:03.000+02:00\"").as_deref(), Some("2025-12-01T10:05:03Z"));
        assert_eq!(t("1764582620.5").as_deref(), Some("2025-12-01T09:50:20.5Z"));
        assert_eq!(t("1764582620000").as_deref(), Some("2025-12-01T09:50:20Z"));
        assert_eq!(t("\"1764582620\"").as_deref(), Some("2025-12-01T09:50:20Z"));
        assert_eq!(t("\"yesterday\""), None);
        assert_eq!(t("1e300"), None);
        assert_eq!(t("true"), None);
    }

    #[test]
    fn flags() {
        assert_eq!(s("true").flag(), Some(true));
        assert_eq!(s("0").flag(), Some(false));
        assert_eq!(s("\"true\"").flag(), Some(true));
        assert_eq!(s("null").flag(), None);
    }
}
