//! What a lookup is, how the user's text becomes one, and the ids that encode lookups.
//!
//! The seed's four search parameters each take one kind of value; the search line takes any
//! text, so [`Lookup::parse`] classifies it: `fid_…` is a Facebook id, `cid_…` a conversation id,
//! anything with an `@` an e-mail address, digits with `+`, spaces, dashes, dots or parentheses a
//! phone number (normalised to digits with an optional leading `+`). Anything else is refused
//! with a message naming the four forms, instead of sending a request that cannot find anything.

use crate::ApiError;
use crate::sanitize;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

/// Which of the seed's search parameters a lookup uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LookupKind {
    /// `phone_number`: every sms, rcs and multi-channel conversation of the number.
    PhoneNumber,
    /// `email`: the contact with this e-mail, then its phone number's conversations.
    Email,
    /// `facebook_id` (`fid_…`): only Facebook conversations.
    FacebookId,
    /// `conversation_id` (`cid_…`): one conversation.
    ConversationId,
}

impl LookupKind {
    /// The query parameter name the seed gives it.
    pub fn param(self) -> &'static str {
        match self {
            LookupKind::PhoneNumber => "phone_number",
            LookupKind::Email => "email",
            LookupKind::FacebookId => "facebook_id",
            LookupKind::ConversationId => "conversation_id",
        }
    }

    /// The kind whose parameter is `name`.
    pub fn from_param(name: &str) -> Option<Self> {
        [LookupKind::PhoneNumber, LookupKind::Email, LookupKind::FacebookId, LookupKind::ConversationId]
            .into_iter()
            .find(|k| k.param() == name)
    }
}

/// One search of the messages endpoint: a parameter and its value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lookup {
    /// Which parameter.
    pub kind: LookupKind,
    /// Its value, normalised (`+447911123456`, `fid_…`, `cid_…`, an e-mail).
    pub value: String,
}

/// What the user is told when their text is none of the four forms.
pub const LOOKUP_FORMS: &str = "look up a phone number (+44 7911 123456), an e-mail address, \
     a Facebook id (fid_…) or a conversation id (cid_…)";

/// Fewest digits a phone number lookup needs (shorter ones match nothing useful).
const MIN_PHONE_DIGITS: usize = 3;

impl Lookup {
    /// Classifies what the user typed (see the module docs).
    pub fn parse(text: &str) -> Result<Lookup, ApiError> {
        let t = text.trim();
        let refuse =
            |why: &str| Err(ApiError::Invalid(format!("{why} {:?}: {LOOKUP_FORMS}", sanitize::line(t))));
        if t.is_empty() {
            return Err(ApiError::Invalid(format!("nothing to look up: {LOOKUP_FORMS}")));
        }
        let lower = t.to_ascii_lowercase();
        for (prefix, kind) in [("fid_", LookupKind::FacebookId), ("cid_", LookupKind::ConversationId)] {
            if lower.starts_with(prefix) {
                let rest = &t[prefix.len()..];
                if rest.is_empty() || rest.contains(char::is_whitespace) {
                    return refuse("incomplete id");
                }
                return Ok(Lookup { kind, value: format!("{prefix}{rest}") });
            }
        }
        if t.contains('@') {
            if !imbox_model::is_valid_email(t) {
                return refuse("not an e-mail address:");
            }
            return Ok(Lookup { kind: LookupKind::Email, value: t.to_string() });
        }
        if let Some(phone) = normalise_phone(t) {
            return Ok(Lookup { kind: LookupKind::PhoneNumber, value: phone });
        }
        refuse("cannot look up")
    }

    /// `param=value`, with `%`, `&` and `=` in the value escaped so keys can be joined.
    pub fn key(&self) -> String {
        format!("{}={}", self.kind.param(), utf8_percent_encode(&self.value, KEY_VALUE))
    }

    /// Reverses [`Lookup::key`].
    pub fn from_key(key: &str) -> Option<Lookup> {
        let (name, value) = key.split_once('=')?;
        let kind = LookupKind::from_param(name)?;
        let value = percent_decode_str(value).decode_utf8().ok()?.into_owned();
        (!value.is_empty()).then_some(Lookup { kind, value })
    }

    /// The lookup for a Facebook id as the server sends it in `contact_identifiers` (with or
    /// without the `fid_` prefix the lookup needs).
    pub fn facebook(id: &str) -> Option<Lookup> {
        let id = id.trim();
        if id.is_empty() {
            return None;
        }
        let value = if id.starts_with("fid_") { id.to_string() } else { format!("fid_{id}") };
        Some(Lookup { kind: LookupKind::FacebookId, value })
    }
}

/// Characters escaped inside a key's value.
const KEY_VALUE: &AsciiSet = &CONTROLS.add(b'%').add(b'&').add(b'=').add(b' ');

/// Digits with an optional leading `+`, if `t` is made only of phone-number characters.
pub fn normalise_phone(t: &str) -> Option<String> {
    let t = t.trim();
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '.');
    let (plus, rest) = match t.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    if rest.is_empty() || !rest.chars().all(allowed) {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < MIN_PHONE_DIGITS {
        return None;
    }
    Some(if plus { format!("+{digits}") } else { digits })
}

/// What an id handed out by this backend stands for: one or more lookups and, for a
/// conversation, the channel of its thread.
///
/// Contact ids are `phone_number=+447911123456` (joined with `&` when a contact has several,
/// e.g. `…&facebook_id=fid_…`); conversation ids add `&channel=sms`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// The lookups, in the order they are made.
    pub lookups: Vec<Lookup>,
    /// The thread's channel, for conversation ids.
    pub channel: Option<String>,
}

impl Ref {
    /// The id string.
    pub fn encode(&self) -> String {
        let mut parts: Vec<String> = self.lookups.iter().map(Lookup::key).collect();
        if let Some(ch) = &self.channel {
            parts.push(format!("channel={}", utf8_percent_encode(ch, KEY_VALUE)));
        }
        parts.join("&")
    }

    /// Reads an id; `what` names it in the error ("contact id", "conversation id").
    pub fn decode(id: &str, what: &str) -> Result<Ref, ApiError> {
        let bad = || ApiError::Invalid(format!("not an SMS/RCS {what}: {:?}", sanitize::line(id)));
        let mut r = Ref { lookups: Vec::new(), channel: None };
        for part in id.split('&').filter(|p| !p.is_empty()) {
            if let Some(ch) = part.strip_prefix("channel=") {
                let ch = percent_decode_str(ch).decode_utf8().map_err(|_| bad())?;
                r.channel = Some(ch.into_owned());
            } else {
                r.lookups.push(Lookup::from_key(part).ok_or_else(bad)?);
            }
        }
        if r.lookups.is_empty() {
            return Err(bad());
        }
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(t: &str) -> Option<(LookupKind, String)> {
        Lookup::parse(t).ok().map(|l| (l.kind, l.value))
    }

    #[test]
    fn text_is_classified_into_the_four_forms() {
        assert_eq!(kind(" +44 (7911) 123-456 "), Some((LookupKind::PhoneNumber, "+447911123456".into())));
        assert_eq!(kind("07911.123456"), Some((LookupKind::PhoneNumber, "07911123456".into())));
        assert_eq!(kind("FID_123"), Some((LookupKind::FacebookId, "fid_123".into())));
        assert_eq!(kind("cid_ab-12"), Some((LookupKind::ConversationId, "cid_ab-12".into())));
        assert_eq!(kind("a.b@example.com"), Some((LookupKind::Email, "a.b@example.com".into())));
        for bad in ["", "hello", "12", "+", "4+4", "a@b", "fid_", "cid_ x", "phone 123"] {
            let e = Lookup::parse(bad).unwrap_err().to_string();
            assert!(e.contains("fid_") && e.contains("cid_"), "{bad}: {e}");
        }
    }

    #[test]
    fn refs_round_trip_with_awkward_values() {
        let r = Ref {
            lookups: vec![
                Lookup { kind: LookupKind::Email, value: "a&b=c%d@x.io".into() },
                Lookup::facebook("998877").unwrap_or_else(|| panic!("facebook id")),
            ],
            channel: Some("sms".into()),
        };
        let id = r.encode();
        assert_eq!(Ref::decode(&id, "id"), Ok(r));
        assert_eq!(
            Ref::decode("phone_number=+447911123456", "id").map(|r| r.lookups[0].value.clone()),
            Ok("+447911123456".into())
        );
        assert!(Ref::decode("con_123", "contact id").is_err());
        assert!(Ref::decode("channel=sms", "conversation id").is_err());
    }
}
