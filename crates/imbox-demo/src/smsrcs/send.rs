//! `POST /smsrcs/sms-campaign/send` and `POST /smsrcs/multi-channel/send`: replies to customers.
//!
//! Bodies are validated like Octopush does and refused with `400` and `{"code", "message"}`
//! (codes from Octopush's return-code table: 103 no recipients, 107 no text, 112 no valid type,
//! 117 no correct number, 120 `request_id` already used; 130 and 131 are the demo's own, for a
//! text over 1224 characters and an unknown channel or purpose). A used `request_id` is refused
//! for 24 hours. With `simulation_mode` the body is validated and a fake result answered; nothing
//! is stored (not even the `request_id`).
//!
//! A sent message is stored and shows up in later message reads (and the conversations list) as
//! outbound, `delivery_status` `sending` for [`DELIVERY_DELAY`], then `delivered` — or `failed`
//! when the number ends in `0000` ([`FAILING_SUFFIX`]).

use super::SmsThread;
use super::route::{authorised, has_number};
use crate::data::rng::{encode_id, h};
use crate::shared::Shared;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long a sent message stays `sending` before it is `delivered` (or `failed`).
pub const DELIVERY_DELAY: Duration = Duration::from_millis(1500);
/// A number ending in these digits fails delivery.
pub const FAILING_SUFFIX: &str = "0000";
/// Longest text (characters).
pub const MAX_TEXT: usize = 1224;
/// How long a `request_id` is remembered.
const REQUEST_ID_TTL: Duration = Duration::from_secs(24 * 3600);
/// The channels the multichannel send takes.
const MULTI_CHANNELS: [&str; 5] = ["sms", "voice_sms", "rcs", "email", "live_chat"];
/// Hash tag of sent-message ids.
const TAG: u64 = 0x5353_0002;

/// One message an agent sent, or (`inbound`) one a contact sent while the demo ran.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The conversation it went into (`cid_…`): the contact's thread on that channel, or a new
    /// conversation for a number no contact has.
    pub cid: String,
    /// The contact, when the number is one of the data set's.
    pub pos: Option<u32>,
    /// The number's digits.
    pub digits: String,
    /// The number as sent.
    pub phone: String,
    /// `sms`, `rcs`, …
    pub channel: String,
    /// The text.
    pub text: String,
    /// The message id.
    pub message_id: String,
    /// When it was accepted (for the delivery status).
    pub at: Instant,
    /// Wall-clock time, epoch ms (for ordering and the conversations list).
    pub at_ms: i64,
    /// The contact wrote it (it has no delivery status).
    pub inbound: bool,
}

impl Sent {
    /// `sending`, then `delivered` or `failed`.
    pub fn status(&self) -> &'static str {
        if self.at.elapsed() < DELIVERY_DELAY {
            "sending"
        } else if self.digits.ends_with(FAILING_SUFFIX) {
            "failed"
        } else {
            "delivered"
        }
    }
}

#[derive(Default)]
struct Inner {
    sent: Vec<Sent>,
    request_ids: HashMap<String, Instant>,
}

/// What the SMS/RCS demo keeps between requests: the messages sent, the `request_id`s seen,
/// and the order of every generated conversation (computed once).
#[derive(Default)]
pub(crate) struct Outbox {
    inner: Mutex<Inner>,
    /// Every generated (sms, rcs) conversation, newest activity first: (end ms, pos, channel).
    pub(crate) order: OnceLock<Vec<(i64, u32, usize)>>,
}

impl Outbox {
    /// Every sent message, oldest first.
    pub fn sent(&self) -> Vec<Sent> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).sent.clone()
    }

    /// Records a message `make` builds from its index among them all.
    pub(crate) fn record(&self, make: impl FnOnce(u32) -> Sent) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let index = inner.sent.len() as u32;
        inner.sent.push(make(index));
    }
}

/// The id of the message at `index` among those sent and received.
pub(crate) fn message_id(seed: u64, index: u32) -> String {
    encode_id("msg_", seed, TAG, index)
}

/// A `{"code", "message"}` refusal.
fn refuse(status: StatusCode, code: u32, message: &str) -> Response {
    (status, Json(json!({ "code": code, "message": message }))).into_response()
}

fn bad(code: u32, message: &str) -> Response {
    refuse(StatusCode::BAD_REQUEST, code, message)
}

/// A validation failure: Octopush's code and message.
type Refusal = (u32, &'static str);

fn refused((code, message): Refusal) -> Response {
    bad(code, message)
}

/// A string field, if it is one.
fn text_of<'a>(body: &'a Value, name: &str) -> Option<&'a str> {
    body.get(name).and_then(Value::as_str)
}

/// A boolean field the way the service reads one: `true`, `"true"`, `1`.
fn flag(body: &Value, name: &str) -> bool {
    match body.get(name) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true") || s == "1",
        Some(Value::Number(n)) => n.as_u64() == Some(1),
        _ => false,
    }
}

/// The one recipient's phone number (digits with a leading `+`), or the refusal.
fn recipient(body: &Value) -> Result<String, Refusal> {
    let list = match body.get("recipients") {
        Some(Value::Array(list)) if !list.is_empty() => list,
        _ => return Err((103, "Your message has no recipients.")),
    };
    let phone = list[0].get("phone_number").and_then(Value::as_str).unwrap_or_default();
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 6 || phone.chars().any(|c| c.is_alphabetic()) {
        return Err((
            117,
            "Your recipient list contains no correct numbers. Have you formatted your numbers by \
             including the international dialling code?",
        ));
    }
    Ok(format!("+{digits}"))
}

/// The text, or the refusal.
fn text(body: &Value) -> Result<String, Refusal> {
    let t = text_of(body, "text").unwrap_or_default();
    if t.trim().is_empty() {
        return Err((107, "The text of your message is missing."));
    }
    if t.chars().count() > MAX_TEXT {
        return Err((130, "The text of your message is longer than 1224 characters."));
    }
    Ok(t.to_string())
}

fn purpose(body: &Value) -> Result<(), Refusal> {
    match text_of(body, "purpose") {
        None | Some("alert" | "wholesale") => Ok(()),
        Some(_) => Err((131, "purpose must be one of: alert, wholesale.")),
    }
}

/// SMS segments the text needs (GSM 7-bit when ASCII, else UCS-2), for the fake cost.
fn segments(text: &str) -> u64 {
    let n = text.chars().count() as u64;
    let (one, many) = if text.is_ascii() { (160, 153) } else { (70, 67) };
    if n <= one { 1 } else { n.div_ceil(many) }
}

pub(crate) fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or_default()
}

/// The thread of the contact with this number on `channel` (0 sms, 1 rcs), if there is one.
pub(crate) fn thread_of(app: &Shared, digits: &str, channel: usize) -> Option<(u32, SmsThread)> {
    let d = &app.store.data;
    let edits = app.store.edits();
    (0..d.n).find_map(|pos| {
        let current = edits.get(&pos).cloned().unwrap_or_else(|| d.person(pos));
        if !has_number(&current, digits) {
            return None;
        }
        d.sms_threads(pos, &d.person(pos)).into_iter().find(|t| t.channel == channel).map(|t| (pos, t))
    })
}

/// Validates, refuses a used `request_id`, stores the message (unless simulated) and answers
/// like the service.
async fn accept(app: Shared, headers: HeaderMap, body: Value, channel: String) -> Response {
    if let Some(r) = authorised(&app, &headers) {
        return r;
    }
    let (phone, text) = match (recipient(&body), text(&body), purpose(&body)) {
        (Ok(p), Ok(t), Ok(())) => (p, t),
        (Err(r), _, _) | (_, Err(r), _) | (_, _, Err(r)) => return refused(r),
    };
    let simulated = flag(&body, "simulation_mode");
    let request_id =
        text_of(&body, "request_id").map(str::trim).filter(|r| !r.is_empty()).map(str::to_string);
    let n = segments(&text);
    let seq = h(app.store.data.seed, TAG, now_ms() as u64, phone.len() as u64);
    if simulated {
        return Json(json!({
            "ticket_number": format!("sim_{seq:012x}"),
            "number_of_contacts": 1,
            "number_of_sms_needed": n,
            "total_cost": 0.0,
            "simulation_mode": true,
        }))
        .into_response();
    }
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let ch = match channel.as_str() {
        "rcs" => 1,
        _ => 0,
    };
    let scan = app.clone();
    let found = {
        let digits = digits.clone();
        crate::http::blocking(move || thread_of(&scan, &digits, ch)).await
    };
    let found = match found {
        Ok(f) => f,
        Err(r) => return r,
    };
    let mut inner = app.sms.inner.lock().unwrap_or_else(|e| e.into_inner());
    inner.request_ids.retain(|_, at| at.elapsed() < REQUEST_ID_TTL);
    if let Some(id) = &request_id {
        if inner.request_ids.contains_key(id) {
            return bad(120, "A SMS with the same request_id has already been sent.");
        }
        inner.request_ids.insert(id.clone(), Instant::now());
    }
    let index = inner.sent.len() as u32;
    let cid = match &found {
        Some((_, t)) => t.cid.clone(),
        None => format!("cid_sent-{digits}-{channel}"),
    };
    let at_ms = now_ms().max(app.store.data.now + 1000 * (i64::from(index) + 1));
    let ticket = format!("sms_{:012x}", h(app.store.data.seed, TAG, u64::from(index), 1) >> 16);
    inner.sent.push(Sent {
        cid,
        pos: found.map(|(p, _)| p),
        digits,
        phone,
        channel,
        text,
        message_id: message_id(app.store.data.seed, index),
        at: Instant::now(),
        at_ms,
        inbound: false,
    });
    Json(json!({
        "ticket_number": ticket,
        "number_of_contacts": 1,
        "number_of_sms_needed": n,
        "total_cost": 0.055 * n as f64,
        "residual_credit": 100.0,
    }))
    .into_response()
}

/// Reads the body as JSON, or refuses it.
fn json_body(bytes: &[u8]) -> Result<Value, Refusal> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err((100, "The body must be a JSON object.")),
    }
}

/// `POST /smsrcs/sms-campaign/send`.
pub(crate) async fn sms(State(app): State<Shared>, headers: HeaderMap, bytes: axum::body::Bytes) -> Response {
    let body = match json_body(&bytes) {
        Ok(b) => b,
        Err(r) => return refused(r),
    };
    match text_of(&body, "type") {
        None | Some("sms_premium" | "sms_low_cost") => {}
        Some(_) => {
            return bad(112, "You have not defined the quality of your message (sms_premium, sms_low_cost).");
        }
    }
    accept(app, headers, body, "sms".into()).await
}

/// `POST /smsrcs/multi-channel/send`.
pub(crate) async fn multichannel(
    State(app): State<Shared>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Response {
    let body = match json_body(&bytes) {
        Ok(b) => b,
        Err(r) => return refused(r),
    };
    let channel = text_of(&body, "channel").unwrap_or_default().to_ascii_lowercase();
    if !MULTI_CHANNELS.contains(&channel.as_str()) {
        return bad(131, "channel must be one of: sms, voice_sms, rcs, email, live_chat.");
    }
    accept(app, headers, body, channel).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_flags() {
        assert_eq!((segments("hi"), segments(&"a".repeat(161)), segments("é")), (1, 2, 1));
        assert_eq!(segments(&"é".repeat(71)), 2);
        assert!(flag(&json!({"s": "true"}), "s") && !flag(&json!({"s": "no"}), "s"));
    }
}
