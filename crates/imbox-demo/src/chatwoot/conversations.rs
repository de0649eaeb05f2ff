//! Conversation endpoints: the list (the only body wrapped in `data`), the bare `meta`, show,
//! the messages index with `before`/`after` paging, and marking read or unread.

use super::finder::{self, PAGE, Query};
use super::http::{self, Params, param, to_i};
use super::render::Ctx;
use super::state::now_ms;
use super::world::{Assignee, Conv, Msg, World};
use super::{Cwx, catalog::ME};
use axum::extract::{Path, Query as Q};
use axum::response::Response;
use serde_json::{Value, json};

/// `GET …/conversations`: `{data: {meta, payload}}`, 25 per page.
pub async fn index(cw: Cwx, Q(q): Q<Params>) -> Response {
    let Some(query) = Query::parse(&q) else { return http::not_found() };
    let page = http::page(&q);
    cw.render(|cx| {
        let list = query.run(cx.w);
        let meta = finder::counts(&list);
        let shown = query.by_assignee(list);
        let payload: Vec<Value> =
            shown.iter().skip((page - 1) * PAGE).take(PAGE).map(|c| cx.conversation(c)).collect();
        http::ok(json!({"data": {"meta": meta, "payload": payload}}))
    })
}

/// `GET …/conversations/meta`: the same counts, no `data` wrapper.
pub async fn meta(cw: Cwx, Q(q): Q<Params>) -> Response {
    let Some(query) = Query::parse(&q) else { return http::not_found() };
    cw.render(|cx| http::ok(json!({"meta": finder::counts(&query.run(cx.w))})))
}

/// A conversation by the display id in the path (Rails casts it with `to_i`).
pub(super) fn find<'w>(cx: &Ctx<'w>, id: &str) -> Option<&'w Conv> {
    u64::try_from(to_i(id)).ok().and_then(|d| cx.w.conv(d))
}

/// [`find`], to change it.
pub(super) fn find_mut<'w>(w: &'w mut World, id: &str) -> Option<&'w mut Conv> {
    u64::try_from(to_i(id)).ok().and_then(|d| w.conv_mut(d))
}

/// `GET …/conversations/{display_id}`: the Conversation object at the top level.
pub async fn show(cw: Cwx, Path((_, id)): Path<(String, String)>) -> Response {
    cw.render(|cx| find(cx, &id).map_or_else(http::not_found, |c| http::ok(cx.conversation(c))))
}

/// `MessageFinder`: latest 20; `before` the 20 older; `after` up to 100 newer; both up to 1000
/// with `after <= id < before`; always ascending. Any non-blank `filter_internal_messages` hides
/// private notes and activity.
fn page_of<'c>(c: &'c Conv, q: &Params) -> Vec<&'c Msg> {
    let present = |name: &str| param(q, name).filter(|v| !v.trim().is_empty()).map(to_i);
    let internal = param(q, "filter_internal_messages").is_some_and(|v| !v.trim().is_empty());
    let all: Vec<&Msg> = c.msgs.iter().filter(|m| !internal || (!m.private && m.kind != 2)).collect();
    let id = |m: &&Msg| m.id as i64;
    let last = |v: Vec<&'c Msg>, n: usize| v[v.len().saturating_sub(n)..].to_vec();
    match (present("after"), present("before")) {
        (Some(a), Some(b)) => all.into_iter().filter(|m| id(m) >= a && id(m) < b).take(1000).collect(),
        (Some(a), None) => all.into_iter().filter(|m| id(m) > a).take(100).collect(),
        (None, Some(b)) => last(all.into_iter().filter(|m| id(m) < b).collect(), 20),
        (None, None) => last(all, 20),
    }
}

/// `GET …/conversations/{display_id}/messages`: `{meta, payload: [MessageView]}`.
pub async fn messages(cw: Cwx, Path((_, id)): Path<(String, String)>, Q(q): Q<Params>) -> Response {
    cw.render(|cx| {
        let Some(c) = find(cx, &id) else { return http::not_found() };
        let payload: Vec<Value> = page_of(c, &q).into_iter().map(|m| cx.message_view(c, m)).collect();
        http::ok(json!({"meta": cx.messages_meta(c), "payload": payload}))
    })
}

/// `POST …/update_last_seen`: the agent (and, if it is the current user, the assignee) saw it
/// now, so `unread_count` becomes 0.
pub async fn update_last_seen(cw: Cwx, Path((_, id)): Path<(String, String)>) -> Response {
    cw.with(|w, st, store| {
        let Some(c) = u64::try_from(to_i(&id)).ok().and_then(|d| w.conv(d)) else { return http::not_found() };
        let now = now_ms(w);
        let (_, assignee) = st.seen(c);
        let mine = c.assignee == Assignee::Agent(ME);
        st.seen.insert(c.display_id, (Some(now), if mine { Some(now) } else { assignee }));
        let cx = Ctx { w, st, store };
        cw.bus.emit("conversation.read", || cx.conversation(c));
        http::ok(cx.conversation(c))
    })
}

/// `POST …/unread`: last seen moves to 1 s before the newest incoming message.
pub async fn unread(cw: Cwx, Path((_, id)): Path<(String, String)>) -> Response {
    cw.with(|w, st, store| {
        let Some(c) = u64::try_from(to_i(&id)).ok().and_then(|d| w.conv(d)) else { return http::not_found() };
        if let Some(m) = c.msgs.iter().rev().find(|m| m.kind == 0) {
            let (_, assignee) = st.seen(c);
            let mine = c.assignee == Assignee::Agent(ME);
            let t = m.at - 1_000;
            st.seen.insert(c.display_id, (Some(t), if mine { Some(t) } else { assignee }));
        }
        let cx = Ctx { w, st, store };
        cw.bus.emit("conversation.updated", || cx.conversation(c));
        http::ok(cx.conversation(c))
    })
}

/// `POST …/toggle_typing_status {typing_status: "on"|"off"|"recording", is_private}`: `head
/// :ok`. Upstream tells every other agent (`conversation.typing_on`/`off` with the agent as
/// `user`), never the typist's own socket: the demo's sockets are the current user's, so only
/// the other agent's typing reaches them.
pub async fn typing(
    cw: Cwx,
    axum::Extension(super::Actor(by)): super::By,
    Path((_, id)): Path<(String, String)>,
    http::RailsParams(params): http::RailsParams,
) -> Response {
    let on = matches!(params.get("typing_status").and_then(Value::as_str), Some("on" | "recording"));
    let private = params.get("is_private").is_some_and(|v| v == &json!(true) || v == &json!("true"));
    cw.with(|w, st, store| {
        let Some(c) = u64::try_from(to_i(&id)).ok().and_then(|d| w.conv(d)) else { return http::not_found() };
        if by != ME {
            let cx = Ctx { w, st, store };
            let name = if on { "conversation.typing_on" } else { "conversation.typing_off" };
            cw.bus.emit(name, || {
                json!({
                    "conversation": cx.conversation(c),
                    "user": super::catalog::user_push(&super::catalog::AGENTS[by]),
                    "is_private": private,
                })
            });
        }
        http::empty()
    })
}
