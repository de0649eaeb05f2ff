//! What an agent needs to answer: who am I (`GET /api/v1/profile`), the agents, canned
//! responses, a conversation's labels, and creating a message (a reply or private note, JSON or
//! multipart with files). A sent message joins the conversation's history, so every later read
//! (messages, the conversation's latest message, its activity time) shows it.

use super::catalog::{self, ACCOUNT_ID, AGENTS, ME};
use super::http::{self, Params, RailsParams, to_i};
use super::notify::{self, Secondary};
use super::render::Ctx;
use super::state::State;
use super::state::now_ms;
use super::world::{Assignee, World};
use super::world::{Att, Msg, Sender};
use super::{Actor, By, Cwx, canned, labels_of};
use crate::data::generator::Dataset;
use axum::Extension;
use axum::extract::multipart::Multipart;
use axum::extract::{FromRequest, Path, Query as Q, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// 422 `{"error": …}`: what upstream's `render_could_not_create_error` answers.
pub fn could_not(message: &str) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(json!({ "error": message }))).into_response()
}

/// `GET /api/v1/profile`: the `_user` partial of the token's owner (Dana Levi, or the other
/// agent for the other token), with the realtime `pubsub_token` and the accounts: Dana belongs
/// to a second account ([`super::OTHER_ACCOUNT_ID`]) too, whose events share her socket. The
/// access token itself is left out (upstream echoes it; the demo never puts the token into a
/// body).
pub async fn profile(cw: Cwx, Extension(Actor(by)): By) -> Response {
    let me = &AGENTS[by];
    let now = cw.with(|w, _, _| w.now);
    let account = |id: u64, name: &str| {
        json!({
            "id": id, "name": name, "status": "active",
            "active_at": crate::data::rng::iso(now), "role": me.role, "permissions": [me.role],
            "availability": me.availability, "availability_status": me.availability,
            "auto_offline": true, "custom_role_id": null, "custom_role": null,
        })
    };
    let mut accounts = vec![account(ACCOUNT_ID, "Acme Support")];
    if by == ME {
        accounts.push(account(super::OTHER_ACCOUNT_ID, "Acme Labs"));
    }
    // The other agent's socket is not served: its token only has to differ.
    let pubsub = if by == ME { super::PUBSUB_TOKEN.to_string() } else { format!("other-{}", me.id) };
    http::ok(json!({
        "id": me.id, "account_id": ACCOUNT_ID, "available_name": me.name, "avatar_url": "",
        "confirmed": true, "display_name": null, "message_signature": null, "email": me.email,
        "hmac_identifier": "", "inviter_id": null, "name": me.name, "provider": "email",
        "pubsub_token": pubsub, "custom_attributes": {}, "role": me.role,
        "ui_settings": {}, "uid": me.email, "type": "User", "availability_status": me.availability,
        "accounts": accounts,
    }))
}

/// `GET agents`: a bare array of the agent partial, the current user among them.
pub async fn agents() -> Response {
    http::ok(Value::Array(AGENTS.iter().map(catalog::agent_partial).collect()))
}

/// `GET canned_responses?search=`.
pub async fn canned_responses(cw: Cwx, Q(q): Q<Params>) -> Response {
    let now = cw.with(|w, _, _| w.now);
    http::ok(canned::list(http::param(&q, "search").map(str::trim), now))
}

/// `GET conversations/{id}/labels`: `{"payload": [titles]}`.
pub async fn labels(cw: Cwx, Path((_, id)): Path<(String, String)>) -> Response {
    cw.render(|cx| match super::conversations::find(cx, &id) {
        Some(c) => http::ok(json!({ "payload": c.labels })),
        None => http::not_found(),
    })
}

/// `POST conversations/{id}/labels {labels: [...]}`: replaces the set (upstream
/// `update_labels`; acts-as-taggable keeps any title, so unknown ones are kept too) and answers
/// the new set. No `labels` clears them.
pub async fn set_labels(
    cw: Cwx,
    Extension(Actor(by)): By,
    Path((_, id)): Path<(String, String)>,
    RailsParams(params): RailsParams,
) -> Response {
    let wanted = labels_of(params.get("labels"));
    cw.with_mut(|w, st, store| {
        let now = now_ms(w);
        let Some(c) = super::conversations::find_mut(w, &id) else { return http::not_found() };
        let d = c.display_id;
        let before = super::events::Before::of(c);
        super::actions::replace_labels(c, wanted, now, by);
        super::actions::number_new_messages(w, d);
        super::actions::after_change(&cw, (w, st, store), &before, by, now);
        http::ok(json!({ "payload": w.conv(d).map(|c| c.labels.clone()).unwrap_or_default() }))
    })
}

/// Rails' boolean cast of a form or JSON value (`"false"`, `"0"`, `""` are false).
fn truthy(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_i64() != Some(0),
        Some(Value::String(s)) => {
            !matches!(s.trim().to_ascii_lowercase().as_str(), "" | "false" | "0" | "f" | "off")
        }
        _ => false,
    }
}

/// What the agent sent, read from a JSON body or a form.
struct Outgoing {
    params: Map<String, Value>,
    files: Vec<Att>,
}

/// Upstream's `file_type` from a content type (`FileTypeHelper`).
fn file_type(mime: &str) -> &'static str {
    match mime.split('/').next().unwrap_or("") {
        "image" => "image",
        "audio" => "audio",
        "video" => "video",
        _ => "file",
    }
}

/// Reads the body: JSON (and the query string, as Rails merges them), or multipart with its
/// text fields as strings and each `attachments[]` part as a file (name, size, type only).
async fn read_outgoing(q: &Params, req: Request) -> Result<Outgoing, Box<Response>> {
    let multipart = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !multipart {
        let body = axum::body::to_bytes(req.into_body(), 2 << 20)
            .await
            .map_err(|_| Box::new(could_not("the request body could not be read")))?;
        let params = http::params_with_body(q, &body)?;
        return Ok(Outgoing { params, files: Vec::new() });
    }
    let mut form =
        Multipart::from_request(req, &()).await.map_err(|e| Box::new(could_not(&e.body_text())))?;
    let mut params: Map<String, Value> = q.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    let mut files = Vec::new();
    while let Some(field) = form.next_field().await.map_err(|e| Box::new(could_not(&e.body_text())))? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "attachments[]" || name == "attachments" {
            let file_name = field.file_name().unwrap_or("file").to_string();
            let kind = file_type(field.content_type().unwrap_or("application/octet-stream"));
            let bytes = field.bytes().await.map_err(|e| Box::new(could_not(&e.body_text())))?;
            files.push(Att::Upload(file_name, bytes.len() as u64, kind));
        } else {
            let text = field.text().await.map_err(|e| Box::new(could_not(&e.body_text())))?;
            params.insert(name, json!(text));
        }
    }
    Ok(Outgoing { params, files })
}

/// `content_attributes` as an object, whether sent as one or as a JSON string (multipart).
fn attributes(v: Option<&Value>) -> Map<String, Value> {
    match v {
        Some(Value::Object(m)) => m.clone(),
        Some(Value::String(s)) => serde_json::from_str::<Map<String, Value>>(s).unwrap_or_default(),
        _ => Map::new(),
    }
}

/// The notification upstream gives the current user for a message another agent wrote: a
/// mention in a private note (`mention://user/7/…`), or a public message in a conversation
/// assigned to her. Answers its id and whether it is a mention.
pub(super) fn notify_message(
    st: &mut State,
    w: &World,
    data: &Dataset,
    (d, msg_id): (u64, u64),
    by: usize,
    now: i64,
) -> Option<(u64, bool)> {
    let c = w.conv(d)?;
    let m = c.msgs.iter().rev().find(|m| m.id == msg_id)?;
    if by == ME {
        return None;
    }
    let me = format!("mention://user/{}/", AGENTS[ME].id);
    let mention = m.private && m.content.as_deref().is_some_and(|t| t.contains(&me));
    let ntype = match (mention, m.private, c.assignee) {
        (true, _, _) => "conversation_mention",
        (false, false, Assignee::Agent(ME)) => "assigned_conversation_new_message",
        _ => return None,
    };
    let id = notify::push(st, w, data, (ntype, d, Secondary::Message(msg_id)), Some(msg_id), now)?;
    Some((id, mention))
}

/// `POST conversations/{id}/messages`: creates an outgoing message from the current user (a
/// private note with `private`), answers the MessageView with `echo_id` when one was sent.
pub async fn create_message(
    cw: Cwx,
    Extension(Actor(by)): By,
    Path((_, id)): Path<(String, String)>,
    Q(q): Q<Params>,
    req: Request,
) -> Response {
    let Outgoing { params, files } = match read_outgoing(&q, req).await {
        Ok(o) => o,
        Err(r) => return *r,
    };
    match params.get("message_type").and_then(Value::as_str).unwrap_or("outgoing") {
        "outgoing" => {}
        // Every demo inbox is a real channel; upstream allows incoming only in API inboxes.
        "incoming" => return could_not("Incoming messages are only allowed in Api inboxes"),
        other => return could_not(&format!("'{other}' is not a valid message_type")),
    }
    let content = match params.get("content") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    if content.as_deref().is_none_or(|c| c.trim().is_empty()) && files.is_empty() {
        return could_not("Validation failed: Content can't be blank");
    }
    let private = truthy(params.get("private"));
    let echo_id = match params.get("echo_id") {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut attrs = Map::new();
    let in_reply_to = match attributes(params.get("content_attributes")).get("in_reply_to") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) if !s.trim().is_empty() => Some(to_i(s)),
        _ => None,
    };
    if let Some(r) = in_reply_to {
        attrs.insert("in_reply_to".into(), json!(r));
    }
    cw.with_mut(|w, st, store| {
        let Some(d) = super::conversations::find_mut(w, &id).map(|c| c.display_id) else {
            return http::not_found();
        };
        let (msg_id, mut att_id) = w.next_ids();
        let now = now_ms(w);
        let Some(c) = w.conv_mut(d) else { return http::not_found() };
        let atts = files
            .into_iter()
            .map(|a| {
                att_id += 1;
                (att_id - 1, a)
            })
            .collect();
        c.msgs.push(Msg {
            id: msg_id,
            at: now.max(c.last_activity() + 1),
            kind: 1,
            content,
            content_type: "text",
            attrs: Value::Object(attrs),
            private,
            status: "sent",
            source_id: None,
            sender: Sender::Agent(by),
            atts,
        });
        let notif = notify_message(st, w, &store.data, (d, msg_id), by, now);
        let w = &*w;
        let Some(c) = w.conv(d) else { return http::not_found() };
        let Some(m) = c.msgs.last() else { return http::not_found() };
        let cx = Ctx { w, st, store };
        super::events::messages_since(&cw.bus, &cx, d, c.msgs.len() - 1, echo_id.as_deref());
        if let Some((id, mention)) = notif {
            if mention {
                super::events::conversation(&cw.bus, &cx, "conversation.mentioned", d);
            }
            super::events::notification(&cw.bus, &cx, "notification.created", id);
        }
        if !m.private {
            cw.replied(d);
        }
        let mut v = cx.message_view(c, m);
        if let (Some(e), Some(o)) = (echo_id, v.as_object_mut()) {
            o.insert("echo_id".into(), json!(e));
        }
        http::ok(v)
    })
}
