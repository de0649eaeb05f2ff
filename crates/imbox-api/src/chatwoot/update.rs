//! A [`ContactUpdate`] as the body of `PUT contacts/{id}`.
//!
//! Chatwoot keeps one `name` where the form has first and last name, one E.164 `phone_number`
//! where iMBRACE has area code and number, and has no gender, language or remark. The body is
//! checked before it is sent, so a bad phone number or an unsupported field is refused here with
//! a message the user can act on, instead of a round trip.

use crate::error::ApiError;
use imbox_model::ContactUpdate;
use serde_json::{Map, Value};

/// Whether `s` is an E.164 number the way Chatwoot validates it: `+`, a digit 1–9, then 1 to 14
/// more digits (`\+[1-9]\d{1,14}`).
pub fn is_e164(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else {
        return false;
    };
    (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.as_bytes().first().is_some_and(|b| *b != b'0')
}

/// A typed phone number without the separators people type (spaces, `-`, `.`, parentheses).
pub fn normalize_phone(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}')).collect()
}

/// Whether the update changes exactly one half of the name: then the other half must come from
/// the contact as the server has it, or it would be lost.
pub fn needs_current_name(update: &ContactUpdate) -> bool {
    update.first_name.is_some() != update.last_name.is_some()
}

/// The fields of `update` Chatwoot cannot store, when set to something.
fn unsupported_fields(update: &ContactUpdate) -> Vec<&'static str> {
    let set = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
    [
        ("area code", &update.area_code),
        ("gender", &update.gender),
        ("language", &update.language),
        ("remark", &update.remark),
    ]
    .into_iter()
    .filter(|(_, v)| set(v))
    .map(|(name, _)| name)
    .collect()
}

/// The JSON body for `update`; `current` is the contact's current (first, last) name, needed
/// when only one half changes ([`needs_current_name`]).
pub fn update_body(
    update: &ContactUpdate,
    current: Option<(&str, &str)>,
) -> Result<Map<String, Value>, ApiError> {
    let unsupported = unsupported_fields(update);
    if !unsupported.is_empty() {
        return Err(ApiError::Invalid(format!("Chatwoot contacts have no {}", unsupported.join(", "))));
    }
    let mut body = Map::new();
    if update.first_name.is_some() || update.last_name.is_some() {
        let (cur_first, cur_last) = current.unwrap_or_default();
        let first = update.first_name.as_deref().unwrap_or(cur_first).trim();
        let last = update.last_name.as_deref().unwrap_or(cur_last).trim();
        let name = format!("{first} {last}").trim().to_string();
        if name.is_empty() {
            return Err(ApiError::Invalid("a Chatwoot contact needs a name".into()));
        }
        body.insert("name".into(), Value::String(name));
    }
    if let Some(email) = &update.email {
        body.insert("email".into(), Value::String(email.trim().to_string()));
    }
    if let Some(phone) = &update.phone_number {
        let phone = normalize_phone(phone.trim());
        // Blank clears the number (Chatwoot allows blank); anything else must be E.164.
        if !phone.is_empty() && !is_e164(&phone) {
            return Err(ApiError::Invalid(format!(
                "phone number {:?} is not in E.164 form: + then country code and number, up to 15 digits (e.g. +972501234567)",
                crate::sanitize::line(&phone)
            )));
        }
        body.insert("phone_number".into(), Value::String(phone));
    }
    if let Some(url) = &update.avatar_url {
        body.insert("avatar_url".into(), Value::String(url.trim().to_string()));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn e164_is_checked_like_chatwoot() {
        for good in ["+972501234567", "+12", "+123456789012345"] {
            assert!(is_e164(good), "{good}");
        }
        for bad in ["972501234567", "+0972501234567", "+1", "+1234567890123456", "+97250abc", "", "+"] {
            assert!(!is_e164(bad), "{bad}");
        }
        assert_eq!(normalize_phone("+972 (50) 123-45.67"), "+972501234567");
    }

    #[test]
    fn names_join_and_the_missing_half_comes_from_the_server() {
        let u = ContactUpdate {
            first_name: Some("Noa".into()),
            last_name: Some("Levi".into()),
            ..Default::default()
        };
        assert!(!needs_current_name(&u));
        assert_eq!(Value::Object(update_body(&u, None).unwrap()), json!({"name":"Noa Levi"}));
        let u = ContactUpdate { last_name: Some("Levi".into()), ..Default::default() };
        assert!(needs_current_name(&u));
        assert_eq!(
            Value::Object(update_body(&u, Some(("Noa", "Cohen"))).unwrap()),
            json!({"name":"Noa Levi"})
        );
        let u = ContactUpdate {
            first_name: Some(" ".into()),
            last_name: Some(String::new()),
            ..Default::default()
        };
        assert!(matches!(update_body(&u, None), Err(ApiError::Invalid(_))));
    }

    #[test]
    fn phone_email_avatar_and_refusals() {
        let u = ContactUpdate {
            email: Some("noa@example.com".into()),
            phone_number: Some("+972 50 123 4567".into()),
            avatar_url: Some("https://x/a.png".into()),
            area_code: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(
            Value::Object(update_body(&u, None).unwrap()),
            json!({"email":"noa@example.com","phone_number":"+972501234567","avatar_url":"https://x/a.png"})
        );
        let bad = ContactUpdate { phone_number: Some("0501234567".into()), ..Default::default() };
        let err = update_body(&bad, None).unwrap_err().to_string();
        assert!(err.contains("E.164") && err.contains("0501234567"), "{err}");
        let cleared = ContactUpdate { phone_number: Some(String::new()), ..Default::default() };
        assert_eq!(Value::Object(update_body(&cleared, None).unwrap()), json!({"phone_number":""}));
        let gender =
            ContactUpdate { gender: Some("m".into()), remark: Some("x".into()), ..Default::default() };
        assert_eq!(
            update_body(&gender, None).unwrap_err().to_string(),
            "Chatwoot contacts have no gender, remark"
        );
    }
}
