//! `GET /smsrcs/conversations/messages/list` (the real path) and `GET /smsrcs/conversations/messages`
//! (seed 001's): authentication, the lookup parameters and paging. Replies sent through the
//! demo ([`super::send`]) are part of the threads they went into, after the generated messages.
//!
//! Like the seed says, parameters are interpreted rather than refused: a `page` or `per_page`
//! that is not a number falls back to its default (1 and 50), a number with junk after it keeps
//! its leading digits, a phone number loses its spaces and punctuation, a `fid_`/`cid_` value
//! without its prefix is read as if it had one. Of several lookups the most specific wins
//! (conversation, Facebook, e-mail, phone); `contact` takes any of the four forms. No lookup
//! finds nothing: `[]`.

use super::SmsThread;
use crate::data::person::Person;
use crate::faults::error;
use crate::http::{Params, blocking, param};
use crate::shared::Shared;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::collections::HashMap;

/// Sent messages are marked in the sort tuples by an index from here on.
const SENT_BASE: u32 = u32::MAX / 2;

/// Default and largest page sizes.
const PER_PAGE: u64 = 50;
const MAX_PER_PAGE: u64 = 200;

/// What a request looks for.
enum Find {
    Phone(String),
    Email(String),
    Facebook(String),
    Conversation(String),
    Nothing,
}

/// The leading digits of a parameter, or `default` when there are none (or they are 0).
pub(super) fn number(v: Option<&str>, default: u64) -> u64 {
    let digits: String = v.unwrap_or_default().trim().chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u64>().ok().filter(|n| *n > 0).unwrap_or(default)
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn classify(value: &str) -> Find {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    if lower.starts_with("cid_") {
        Find::Conversation(v.to_string())
    } else if lower.starts_with("fid_") {
        Find::Facebook(v[4..].to_string())
    } else if v.contains('@') {
        Find::Email(v.to_lowercase())
    } else if !digits(v).is_empty() {
        Find::Phone(digits(v))
    } else {
        Find::Nothing
    }
}

fn find(q: &Params) -> Find {
    let given = |name: &str| param(q, name).map(str::trim).filter(|v| !v.is_empty());
    if let Some(v) = given("conversation_id") {
        return Find::Conversation(v.to_string());
    }
    if let Some(v) = given("facebook_id") {
        return Find::Facebook(v.strip_prefix("fid_").unwrap_or(v).to_string());
    }
    if let Some(v) = given("email") {
        return Find::Email(v.to_lowercase());
    }
    if let Some(v) = given("phone_number").map(digits).filter(|d| !d.is_empty()) {
        return Find::Phone(v);
    }
    given("contact").map_or(Find::Nothing, classify)
}

/// Whether `digits` is the person's number: in full with the country code, local, or national
/// with a leading 0.
pub(super) fn has_number(p: &Person, digits: &str) -> bool {
    !p.phone_number.is_empty()
        && (digits == format!("{}{}", p.area_code, p.phone_number)
            || digits == p.phone_number
            || digits == format!("0{}", p.phone_number))
}

/// The refusal of a request without the demo `api-key` or without an `api-login`, if it is one.
pub(super) fn authorised(app: &Shared, headers: &HeaderMap) -> Option<Response> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if header("api-key") != Some(app.token.as_str()) {
        return Some(error(StatusCode::UNAUTHORIZED, "Invalid api-key"));
    }
    if header("api-login").is_none_or(str::is_empty) {
        return Some(error(StatusCode::UNAUTHORIZED, "Missing api-login"));
    }
    None
}

/// `GET /smsrcs/conversations/messages[/list]?page&per_page&phone_number|email|facebook_id|conversation_id|contact`.
pub(crate) async fn messages(
    State(app): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<Params>,
) -> Response {
    if let Some(r) = authorised(&app, &headers) {
        return r;
    }
    let page = number(param(&q, "page"), 1);
    let per_page = number(param(&q, "per_page"), PER_PAGE).min(MAX_PER_PAGE);
    let what = find(&q);
    let edits = app.store.edits();
    let scan = app.clone();
    let items = blocking(move || {
        let d = &scan.store.data;
        let current = |pos: u32| edits.get(&pos).cloned().unwrap_or_else(|| d.person(pos));
        // A phone number (or e-mail) finds the sms and rcs threads, a Facebook id the Facebook one.
        let channels = |pos: u32, facebook: bool| -> Vec<(u32, SmsThread)> {
            let threads = d.sms_threads(pos, &d.person(pos)).into_iter();
            threads.filter(|t| (t.channel == 2) == facebook).map(|t| (pos, t)).collect()
        };
        let threads: Vec<(u32, SmsThread)> = match &what {
            Find::Nothing => Vec::new(),
            Find::Conversation(cid) => d.find_sms_thread(cid).into_iter().collect(),
            Find::Phone(number) => (0..d.n)
                .filter(|&p| has_number(&current(p), number))
                .flat_map(|p| channels(p, false))
                .collect(),
            // The seed: "find a contact by email and then use their phone number".
            Find::Email(email) => (0..d.n)
                .filter(|&p| current(p).email.to_lowercase() == *email)
                .flat_map(|p| channels(p, false))
                .collect(),
            Find::Facebook(id) => (0..d.n)
                .filter(|&p| d.facebook_id(p, &d.person(p)).as_deref() == Some(id.as_str()))
                .flat_map(|p| channels(p, true))
                .collect(),
        };
        // Replies: those in the threads found, and for a number or cid no contact has, those
        // sent to it. Their index in `sent` is marked by `r >= SENT_BASE`.
        let sent = scan.sms.sent();
        let in_found = |s: &super::send::Sent| match &what {
            Find::Conversation(cid) => s.cid == *cid,
            Find::Phone(number) => threads.iter().any(|(_, t)| t.cid == s.cid) || s.digits == *number,
            _ => threads.iter().any(|(_, t)| t.cid == s.cid),
        };
        // Every message of the threads found, oldest first, then the page of them.
        let mut all: Vec<(i64, usize, u32, usize)> = Vec::new();
        for (i, (_, t)) in threads.iter().enumerate() {
            all.extend((0..t.count).map(|r| (t.time(r), t.channel, r, i)));
        }
        for (k, s) in sent.iter().enumerate().filter(|(_, s)| in_found(s)) {
            all.push((s.at_ms, 0, SENT_BASE + k as u32, usize::MAX));
        }
        all.sort_unstable();
        let skip = (page - 1).saturating_mul(per_page);
        let mut people: HashMap<u32, (Person, Option<String>)> = HashMap::new();
        all.into_iter()
            .skip(usize::try_from(skip).unwrap_or(usize::MAX))
            .take(per_page as usize)
            .map(|(_, _, r, i)| {
                if i == usize::MAX {
                    let s = &sent[(r - SENT_BASE) as usize];
                    let person = s.pos.map(current);
                    return super::sent_message(s, person.as_ref());
                }
                let (pos, t) = &threads[i];
                let (person, fb) = people
                    .entry(*pos)
                    .or_insert_with(|| (current(*pos), d.facebook_id(*pos, &d.person(*pos))))
                    .clone();
                d.sms_message(t, r, &person, fb.as_deref())
            })
            .collect::<Vec<Value>>()
    })
    .await;
    match items {
        Ok(items) => Json(Value::Array(items)).into_response(),
        Err(r) => r,
    }
}
