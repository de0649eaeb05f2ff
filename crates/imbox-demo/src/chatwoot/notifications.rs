//! Notification endpoints: the index (unread and not snoozed by default; `includes[]=read`,
//! `includes[]=snoozed` widen it), the bare unread count, mark read / unread / snooze (raw model
//! answers), read all, delete and delete all (empty answers).

use super::http::{self, Params, param, to_i};
use super::notify::{self, Notif};
use super::render::Ctx;
use super::state::{State, now_ms};
use super::{Cwx, NOTIFICATIONS_PAGE, events};
use axum::body::Bytes;
use axum::extract::{Path, Query as Q};
use axum::response::Response;
use serde_json::{Value, json};

/// Whether the index includes read (`read`) or snoozed (`snoozed`) notifications: an exact
/// element of `includes[]`, or (as Rails' `include?` on a string does) a substring of `includes`.
fn includes(q: &Params, what: &str) -> bool {
    q.iter().any(|(k, v)| (k == "includes[]" && v == what) || (k == "includes" && v.contains(what)))
}

/// Live notifications passing the index filters, in `sort_order` of last activity.
fn filtered<'s>(st: &'s State, q: &Params) -> Vec<&'s Notif> {
    let (read, snoozed) = (includes(q, "read"), includes(q, "snoozed"));
    let mut list: Vec<&Notif> = st
        .notifs
        .iter()
        .filter(|n| !n.deleted && (read || n.read_at.is_none()) && (snoozed || n.snoozed_until.is_none()))
        .collect();
    list.sort_by_key(|n| (n.last_activity, n.id));
    if param(q, "sort_order") != Some("asc") {
        list.reverse();
    }
    list
}

/// `GET …/notifications`: `{data: {meta: {unread_count, count, current_page}, payload}}`.
pub async fn index(cw: Cwx, Q(q): Q<Params>) -> Response {
    let page = http::page(&q);
    cw.render(|cx| {
        let list = filtered(cx.st, &q);
        let unread = list.iter().filter(|n| n.read_at.is_none()).count();
        let payload: Vec<Value> = list
            .iter()
            .skip((page - 1) * NOTIFICATIONS_PAGE)
            .take(NOTIFICATIONS_PAGE)
            .map(|n| cx.notification(n))
            .collect();
        let meta =
            json!({"unread_count": unread, "count": list.len(), "current_page": http::current_page(&q)});
        http::ok(json!({"data": {"meta": meta, "payload": payload}}))
    })
}

/// `GET …/notifications/unread_count`: a bare integer (unread and not snoozed).
pub async fn unread_count(cw: Cwx) -> Response {
    cw.render(|cx| {
        let n =
            cx.st.notifs.iter().filter(|n| !n.deleted && n.read_at.is_none() && n.snoozed_until.is_none());
        http::ok(json!(n.count()))
    })
}

/// Applies `f` to one notification and answers with its raw model, or 404.
fn change(cw: &Cwx, id: &str, f: impl FnOnce(&mut Notif, i64)) -> Response {
    let id = u64::try_from(to_i(id)).unwrap_or(0);
    cw.with(|w, st, store| {
        let now = now_ms(w);
        let Some(n) = st.notif_mut(id) else { return http::not_found() };
        f(n, now);
        n.updated_at = now;
        let answer = notify::raw(n, w);
        events::notification(&cw.bus, &Ctx { w, st, store }, "notification.updated", id);
        http::ok(answer)
    })
}

/// `PATCH`/`PUT …/notifications/{id}`: marks it read (the body is ignored).
pub async fn update(cw: Cwx, Path((_, id)): Path<(String, String)>) -> Response {
    change(&cw, &id, |n, now| n.read_at = Some(now))
}

/// `POST …/notifications/{id}/unread`.
pub async fn unread(cw: Cwx, Path((_, id)): Path<(String, String)>) -> Response {
    change(&cw, &id, |n, _| n.read_at = None)
}

/// `POST …/notifications/{id}/snooze` with `snoozed_until` in unix seconds.
pub async fn snooze(
    cw: Cwx,
    Path((_, id)): Path<(String, String)>,
    http::RailsParams(params): http::RailsParams,
) -> Response {
    let until = params.get("snoozed_until").map(|v| match v {
        Value::String(s) => to_i(s),
        other => other.as_i64().unwrap_or(0),
    });
    change(&cw, &id, |n, _| n.snoozed_until = until.filter(|t| *t > 0).map(|t| t * 1000))
}

/// `DELETE …/notifications/{id}`: 200 with an empty body.
pub async fn destroy(cw: Cwx, Path((_, id)): Path<(String, String)>) -> Response {
    let id = u64::try_from(to_i(&id)).unwrap_or(0);
    cw.with(|w, st, store| match st.notif_mut(id) {
        Some(n) => {
            n.deleted = true;
            let cx = Ctx { w, st, store };
            cw.bus.emit("notification.deleted", || cx.notification_deleted(id));
            http::empty()
        }
        None => http::not_found(),
    })
}

/// `POST …/notifications/read_all`: every unread one, or only those of the conversation whose
/// database id is `primary_actor_id` (with `primary_actor_type: "Conversation"`).
pub async fn read_all(cw: Cwx, Q(q): Q<Params>, body: Bytes) -> Response {
    let params = match http::params_with_body(&q, &body) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let actor =
        |k: &str| params.get(k).map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()));
    let conv = match (actor("primary_actor_type"), actor("primary_actor_id")) {
        (Some(t), Some(id)) if !t.is_empty() && !id.is_empty() => Some(to_i(&id)),
        _ => None,
    };
    cw.with(|w, st, store| {
        let now = now_ms(w);
        let ids: Vec<u64> = st
            .notifs
            .iter()
            .filter(|n| !n.deleted && n.read_at.is_none())
            .filter(|n| conv.is_none() || w.conv(n.conv).map(|c| c.db_id as i64) == conv)
            .map(|n| n.id)
            .collect();
        // One by one, as upstream's per-record callbacks would: each event's counts are those
        // after its own change.
        for id in ids {
            if let Some(n) = st.notif_mut(id) {
                n.read_at = Some(now);
                n.updated_at = now;
            }
            events::notification(&cw.bus, &Ctx { w, st, store }, "notification.updated", id);
        }
        http::empty()
    })
}

/// `POST …/notifications/destroy_all`: `{type: "read"}` deletes the read ones, anything else all.
pub async fn destroy_all(cw: Cwx, Q(q): Q<Params>, body: Bytes) -> Response {
    let params = match http::params_with_body(&q, &body) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let only_read = params.get("type").and_then(Value::as_str) == Some("read");
    cw.with(|w, st, store| {
        let ids: Vec<u64> = st
            .notifs
            .iter()
            .filter(|n| !n.deleted && (!only_read || n.read_at.is_some()))
            .map(|n| n.id)
            .collect();
        for id in ids {
            if let Some(n) = st.notif_mut(id) {
                n.deleted = true;
            }
            let cx = Ctx { w, st, store };
            cw.bus.emit("notification.deleted", || cx.notification_deleted(id));
        }
        http::empty()
    })
}
