//! Conversations: a thread's messages, links by phone number, a contact's conversations.

use super::paging;
use crate::data::person::ORG;
use crate::data::rng::iso;
use crate::faults::error;
use crate::http::{Params, blocking, param, params};
use crate::shared::Shared;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// `GET /3rd/conversations/{id}/messages?limit&skip`: newest first; `count` is the whole
/// thread, `total` the number returned.
pub async fn messages(
    State(app): State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Response {
    let (limit, skip) = match paging(&q, 10) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    if id.trim().is_empty() {
        return error(StatusCode::BAD_REQUEST, "conversation_id is required");
    }
    let d = &app.store.data;
    let conv = d.find_conv(&id).and_then(|(pos, i)| d.conv(pos, i, &d.person(pos)));
    let Some(conv) = conv else {
        return error(StatusCode::NOT_FOUND, "Conversation not found");
    };
    let (items, count) =
        super::live::page(&app, &conv.id, conv.count, (skip, limit), |r| d.message(&conv, r));
    let total = items.len() as u64;
    Json(json!({
        "items": items,
        "count": count,
        "total": total,
        "has_more": skip.saturating_add(total) < count,
    }))
    .into_response()
}

/// The web-app link iMBRACE returns for a conversation (host as in the seed).
fn link(conv_id: &str) -> String {
    format!("https://webapp.dev.imbrace.co/chatroom-routing?conv_id={conv_id}")
}

/// `GET /3rd/conversations/links?phone_numbers=…&organization_id=…`: one entry per number asked
/// for (the seed's array shape), links newest first; 404 when no number has any.
pub async fn links(State(app): State<Shared>, Query(q): Query<Params>) -> Response {
    let numbers: Vec<String> = params(&q, "phone_numbers").into_iter().map(str::to_string).collect();
    if numbers.is_empty() {
        return error(StatusCode::BAD_REQUEST, "phone_numbers is required");
    }
    let org = param(&q, "organization_id").unwrap_or_default().trim().to_string();
    if org.is_empty() {
        return error(StatusCode::BAD_REQUEST, "organization_id is required");
    }
    let edits = app.store.edits();
    let scan = app.clone();
    let found = blocking(move || {
        let d = &scan.store.data;
        let mut out: Vec<Vec<(i64, String)>> = vec![Vec::new(); numbers.len()];
        if org != ORG {
            return (numbers, out);
        }
        for pos in 0..d.n {
            let current = edits.get(&pos).cloned().unwrap_or_else(|| d.person(pos));
            for (i, number) in numbers.iter().enumerate() {
                if current.has_phone(number) {
                    let original = d.person(pos);
                    out[i].extend(d.conversations(pos, &original).into_iter().map(|c| (c.created_at, c.id)));
                }
            }
        }
        (numbers, out)
    })
    .await;
    let (numbers, mut found) = match found {
        Ok(f) => f,
        Err(r) => return r,
    };
    if found.iter().all(Vec::is_empty) {
        return error(StatusCode::NOT_FOUND, "No conversations found for the provided phone numbers");
    }
    let body: Vec<Value> = numbers
        .iter()
        .zip(found.iter_mut())
        .map(|(number, convs)| {
            convs.sort_by_key(|c| std::cmp::Reverse(c.0));
            let links: Vec<Value> =
                convs.iter().map(|(at, id)| json!({"link": link(id), "created_at": iso(*at)})).collect();
            json!({"phone_number": number, "conversation_links": links})
        })
        .collect();
    Json(body).into_response()
}

/// `GET /v1/backend/contacts/{id}/conversations?channel_types=…`: the contact's
/// team-conversation-user records, newest activity first, filtered by channel when
/// `channel_types` is given. An unknown contact is 404 `{"message":"Not Found"}`: the seed
/// writes "400 Not Found", and the status that matches the message is the one chosen.
pub async fn of_contact(
    State(app): State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Response {
    let d = &app.store.data;
    let Some(pos) = d.position(&id) else {
        return error(StatusCode::NOT_FOUND, "Not Found");
    };
    let channels = params(&q, "channel_types");
    let current = app.store.person(pos);
    let scan = app.clone();
    let channels: Vec<String> = channels.into_iter().map(str::to_string).collect();
    let records = blocking(move || {
        let d = &scan.store.data;
        let mut live = false;
        let mut records = d
            .conversations(pos, &d.person(pos))
            .iter()
            .filter(|c| channels.is_empty() || channels.contains(&c.channel))
            .map(|c| {
                let mut record = d.conv_record(c, &current);
                live |= super::live::overlay_record(&scan, &mut record);
                record
            })
            .collect::<Vec<Value>>();
        if live {
            // A conversation a contact just wrote in is the newest activity (ISO times of one
            // format sort as text; the sort is stable, so the rest keep their order).
            records.sort_by(|a, b| {
                b["conversation"]["timestamp"].as_str().cmp(&a["conversation"]["timestamp"].as_str())
            });
        }
        records
    })
    .await;
    match records {
        Ok(data) => Json(json!({ "data": data })).into_response(),
        Err(r) => r,
    }
}
