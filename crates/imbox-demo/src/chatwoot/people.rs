//! Contacts: the demo's generated people seen through Chatwoot — database ids, E.164 phones,
//! the card and push shapes, and what an update may change.
//!
//! Contact `id` = number of people − position, so the newest person has the highest id, as a
//! database would hand them out. Name, e-mail and phone are the shared [`Person`]'s fields (an
//! edit here shows in the iMBRACE API and the other way round); identifier, blocked and the
//! attribute maps are Chatwoot's own ([`Extra`]).

use super::world::tag;
use crate::data::names::CULTURES;
use crate::data::person::Person;
use crate::data::rng::{Rng, h, parse_iso};
use serde_json::{Map, Value, json};

/// Chatwoot-only contact fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// External identifier.
    pub identifier: Option<String>,
    /// Blocked (its conversations are `muted`).
    pub blocked: bool,
    /// `additional_attributes` (company, city, country).
    pub additional: Map<String, Value>,
    /// `custom_attributes`.
    pub custom: Map<String, Value>,
}

const COMPANIES: [&str; 6] =
    ["Globex", "Initech", "Umbrella Trading", "Hooli HK", "Wayne Logistics", "星輝貿易"];
const PLACES: [(&str, &str, &str, &str); 14] = [
    ("Asia/Hong_Kong", "Hong Kong", "Hong Kong", "HK"),
    ("Asia/Shanghai", "Shanghai", "China", "CN"),
    ("Asia/Taipei", "Taipei", "Taiwan", "TW"),
    ("Asia/Tokyo", "Tokyo", "Japan", "JP"),
    ("Asia/Seoul", "Seoul", "South Korea", "KR"),
    ("Asia/Bangkok", "Bangkok", "Thailand", "TH"),
    ("Asia/Dubai", "Dubai", "United Arab Emirates", "AE"),
    ("Asia/Riyadh", "Riyadh", "Saudi Arabia", "SA"),
    ("Africa/Cairo", "Cairo", "Egypt", "EG"),
    ("Asia/Saigon", "Ho Chi Minh City", "Vietnam", "VN"),
    ("Europe/London", "London", "United Kingdom", "GB"),
    ("America/New_York", "New York", "United States", "US"),
    ("Australia/Sydney", "Sydney", "Australia", "AU"),
    ("Europe/Berlin", "Berlin", "Germany", "DE"),
];

/// The generated Chatwoot-only fields of the person at `pos`.
pub fn generated(seed: u64, pos: u32, p: &Person) -> Extra {
    let mut r = Rng::new(h(seed, tag::CONTACT, u64::from(pos), 0));
    let mut additional = Map::new();
    let tz = if p.time_zone == "Asia/Ho_Chi_Minh" { "Asia/Saigon" } else { p.time_zone.as_str() };
    if let Some((_, city, country, code)) = PLACES.iter().find(|x| x.0 == tz).filter(|_| r.chance(55)) {
        additional.insert("city".into(), json!(city));
        additional.insert("country".into(), json!(country));
        additional.insert("country_code".into(), json!(code));
    }
    if !p.email.is_empty() && r.chance(30) {
        additional.insert("company_name".into(), json!(r.pick(&COMPANIES)));
    }
    let mut custom = Map::new();
    if r.chance(20) {
        custom.insert("plan".into(), json!(r.pick(&["free", "pro", "business"])));
    }
    Extra { identifier: None, blocked: r.chance(2), additional, custom }
}

/// Contact id of a position.
pub fn contact_id(n: u32, pos: u32) -> u64 {
    u64::from(n.saturating_sub(pos))
}

/// Position of a contact id (a path segment), if it exists.
pub fn position(n: u32, id: &str) -> Option<u32> {
    let id: u64 = id.trim().parse().ok()?;
    (1..=u64::from(n)).contains(&id).then(|| n - id as u32)
}

/// The E.164 phone, if any.
pub fn phone(p: &Person) -> Option<String> {
    super::world::e164(p)
}

/// Whether Chatwoot lists the contact (it has an e-mail, a phone number or an identifier).
pub fn resolved(p: &Person, ex: &Extra) -> bool {
    !p.email.is_empty() || !p.phone_number.is_empty() || ex.identifier.is_some()
}

fn opt(s: &str) -> Value {
    if s.is_empty() { Value::Null } else { json!(s) }
}

/// `Contact#push_event_data` (message senders, `meta.contact`).
pub fn push(id: u64, p: &Person, ex: &Extra) -> Value {
    json!({
        "additional_attributes": ex.additional, "custom_attributes": ex.custom,
        "email": opt(&p.email), "id": id, "identifier": ex.identifier, "name": p.display_name,
        "phone_number": phone(p), "thumbnail": p.avatar_url, "blocked": ex.blocked, "type": "contact",
    })
}

/// The contact card (`api/v1/models/_contact`); `last_activity` is absent when unknown, and
/// `contact_inboxes` only where the contacts endpoints add it.
pub fn card(
    id: u64,
    p: &Person,
    ex: &Extra,
    last_activity: Option<i64>,
    inboxes: Option<Vec<Value>>,
) -> Value {
    let mut v = json!({
        "additional_attributes": ex.additional, "availability_status": "offline",
        "email": opt(&p.email), "id": id, "name": p.display_name, "phone_number": phone(p),
        "blocked": ex.blocked, "identifier": ex.identifier, "thumbnail": p.avatar_url,
        "custom_attributes": ex.custom, "created_at": p.created_at.div_euclid(1000),
    });
    let last = last_activity.or_else(|| parse_iso(&p.last_seen));
    if let Some(m) = v.as_object_mut() {
        if let Some(t) = last {
            m.insert("last_activity_at".into(), json!(t.div_euclid(1000)));
        }
        if let Some(list) = inboxes {
            m.insert("contact_inboxes".into(), Value::Array(list));
        }
    }
    v
}

/// Whether the query (lower-case) matches name, e-mail, phone or company (ILIKE), or the
/// identifier (case-sensitive LIKE, so `raw` is used for it).
pub fn matches(p: &Person, ex: &Extra, q: &str, raw: &str) -> bool {
    let hit = |s: &str| !s.is_empty() && s.to_lowercase().contains(q);
    hit(&p.display_name)
        || hit(&p.email)
        || phone(p).is_some_and(|x| x.contains(q))
        || ex.additional.get("company_name").and_then(Value::as_str).is_some_and(hit)
        || ex.identifier.as_deref().is_some_and(|i| i.contains(raw))
}

/// Rails' phone format: `/\+[1-9]\d{1,14}\z/` — anchored at the end only, as upstream writes it.
pub fn valid_e164(s: &str) -> bool {
    s.char_indices().filter(|(_, c)| *c == '+').any(|(i, _)| {
        let digits = &s[i + 1..];
        (2..=15).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0')
    })
}

/// Devise's e-mail format: `/\A[^@\s]+@[^@\s]+\z/`.
pub fn valid_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((a, b)) => {
            !a.is_empty() && !b.is_empty() && !b.contains('@') && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Splits `+<digits>` into iMBRACE's area code and number: the old area code when it still
/// fits, else a known country code, else no area code (the E.164 form round-trips either way).
pub fn split_phone(e164: &str, old_area: &str) -> (String, String) {
    let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
    if !old_area.is_empty() && digits.len() > old_area.len() && digits.starts_with(old_area) {
        return (old_area.to_string(), digits[old_area.len()..].to_string());
    }
    const MORE: [&str; 12] = ["1", "7", "33", "34", "39", "49", "60", "61", "65", "91", "972", "966"];
    let known = CULTURES.iter().map(|c| c.phone.0).chain(MORE);
    let best =
        known.filter(|code| digits.len() > code.len() && digits.starts_with(code)).max_by_key(|c| c.len());
    match best {
        Some(code) => (code.to_string(), digits[code.len()..].to_string()),
        None => (String::new(), digits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_validate_and_split_like_upstream() {
        assert!(valid_e164("+972501234567"));
        assert!(!valid_e164("0501234567"));
        assert!(!valid_e164("+0501234567"));
        assert!(!valid_e164("+1"));
        assert!(!valid_e164("+1234567890123456"));
        assert_eq!(split_phone("+85261234567", "852"), ("852".into(), "61234567".into()));
        assert_eq!(split_phone("+447700900123", ""), ("44".into(), "7700900123".into()));
        assert_eq!(split_phone("+99912345", ""), (String::new(), "99912345".into()));
        assert!(valid_email("a@b") && !valid_email("a b@c") && !valid_email("nope"));
    }
}
