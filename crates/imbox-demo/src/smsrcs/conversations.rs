//! `GET /smsrcs/conversations/list?page&per_page`: every SMS and RCS conversation of the data
//! set (the same threads the messages call reads) plus the conversations replies started,
//! newest activity first, in the reference's shape: a bare array of `{conversation_id,
//! last_user_channel, recipient_details: {phone_number, name}, agent_assigned_to?, from,
//! first_message_at, last_message_at, last_message, purpose, color, number_of_messages}`, times
//! ISO-8601 with an offset (+02:00, as the reference's example). `page` defaults to 1 and
//! `per_page` to 100 (at most 500), interpreted like the messages call.

use super::route::{authorised, number};
use super::send::Sent;
use super::{BUSINESS_PHONE, SmsThread, e164};
use crate::http::{Params, blocking, param};
use crate::shared::Shared;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

const PER_PAGE: u64 = 100;
const MAX_PER_PAGE: u64 = 500;

/// Epoch ms as `2024-06-07T05:22:43+02:00`.
pub fn iso_offset(ms: i64) -> String {
    let offset = jiff::tz::TimeZone::fixed(jiff::tz::offset(2));
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(offset).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
        .unwrap_or_default()
}

/// One row of a generated thread, with the replies sent into it.
fn row(app: &Shared, pos: u32, t: &SmsThread, sent: &[&Sent]) -> Value {
    let d = &app.store.data;
    let current = app.store.person(pos);
    let last = d.sms_message(t, t.count - 1, &current, None);
    let (last_at, last_text) = match sent.last() {
        Some(s) => (s.at_ms, json!(s.text)),
        None => (t.time(t.count - 1), last["text"].clone()),
    };
    let mut v = json!({
        "conversation_id": t.cid,
        "last_user_channel": t.channel_name(),
        "recipient_details": { "phone_number": e164(&current), "name": current.display_name },
        "from": if t.channel == 1 { "imbox-demo@rcs.goog".to_string() } else { BUSINESS_PHONE.to_string() },
        "first_message_at": iso_offset(t.time(0)),
        "last_message_at": iso_offset(last_at),
        "last_message": last_text,
        "purpose": "alert",
        "color": t.count % 4,
        "number_of_messages": t.count as usize + sent.len(),
    });
    if let Some(agent) = last["agent_assigned_to"].as_str() {
        v["agent_assigned_to"] = json!(agent);
    }
    v
}

/// A conversation only replies made (a number no contact has).
fn sent_row(sent: &[&Sent]) -> Value {
    let (first, last) = (sent[0], sent[sent.len() - 1]);
    json!({
        "conversation_id": first.cid,
        "last_user_channel": first.channel,
        "recipient_details": { "phone_number": first.phone, "name": null },
        "from": BUSINESS_PHONE,
        "first_message_at": iso_offset(first.at_ms),
        "last_message_at": iso_offset(last.at_ms),
        "last_message": last.text,
        "purpose": "alert",
        "color": 0,
        "number_of_messages": sent.len(),
    })
}

/// `GET /smsrcs/conversations/list`.
pub(crate) async fn list(State(app): State<Shared>, headers: HeaderMap, Query(q): Query<Params>) -> Response {
    if let Some(r) = authorised(&app, &headers) {
        return r;
    }
    let page = number(param(&q, "page"), 1);
    let per_page = number(param(&q, "per_page"), PER_PAGE).min(MAX_PER_PAGE);
    let scan = app.clone();
    let rows = blocking(move || {
        let d = &scan.store.data;
        let order = scan.sms.order.get_or_init(|| {
            let mut all: Vec<(i64, u32, usize)> = (0..d.n)
                .flat_map(|pos| {
                    let threads = d.sms_threads(pos, &d.person(pos));
                    threads
                        .into_iter()
                        .filter(|t| t.channel < 2)
                        .map(move |t| (t.time(t.count - 1), pos, t.channel))
                })
                .collect();
            all.sort_unstable_by(|a, b| b.cmp(a));
            all
        });
        // Conversations with replies first (their latest activity is now), newest reply first.
        let sent = scan.sms.sent();
        let mut touched: Vec<(String, Vec<&Sent>)> = Vec::new();
        for s in sent.iter().rev() {
            match touched.iter_mut().find(|(cid, _)| *cid == s.cid) {
                Some((_, v)) => v.insert(0, s),
                None => touched.push((s.cid.clone(), vec![s])),
            }
        }
        let skip = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
        // The generated rows of replied conversations moved to the top.
        let moved: Vec<(u32, usize)> = touched
            .iter()
            .filter_map(|(_, s)| Some((s[0].pos?, usize::from(s[0].channel == "rcs"))))
            .collect();
        // Which rows the page holds (cheap), then those rows rendered.
        let picked: Vec<Result<usize, (u32, usize)>> = (0..touched.len())
            .map(Ok)
            .chain(
                order
                    .iter()
                    .filter(|&&(_, pos, ch)| !moved.contains(&(pos, ch)))
                    .map(|&(_, pos, ch)| Err((pos, ch))),
            )
            .skip(skip)
            .take(per_page as usize)
            .collect();
        let thread =
            |pos: u32, ch: usize| d.sms_threads(pos, &d.person(pos)).into_iter().find(|t| t.channel == ch);
        picked
            .into_iter()
            .filter_map(|item| match item {
                Ok(i) => {
                    let (cid, s) = &touched[i];
                    Some(match s[0].pos.and_then(|p| d.find_sms_thread(cid).map(|(_, t)| (p, t))) {
                        Some((p, t)) => row(&scan, p, &t, s),
                        None => sent_row(s),
                    })
                }
                Err((pos, ch)) => thread(pos, ch).map(|t| row(&scan, pos, &t, &[])),
            })
            .collect::<Vec<Value>>()
    })
    .await;
    match rows {
        Ok(rows) => Json(Value::Array(rows)).into_response(),
        Err(r) => r,
    }
}
