//! Acting on conversations: status (with snoozing), assignment to an agent or a team, labels,
//! priority, and the bulk endpoint that does several of these to many conversations. Each
//! change is written into the live account, so lists, counts (`conversations?status=`,
//! `conversations/meta`, Mine/Unassigned) and the conversation itself show it at once; each
//! also adds the activity line upstream's callbacks write ("Dana Levi resolved …").

use super::answer::could_not;
use super::catalog::{AGENTS, BOT_ID, ME, TEAMS, bot_slim, team_json};
use super::events::{self, Before};
use super::http::{self, RailsParams, to_i};
use super::notify::{self, Secondary};
use super::render::Ctx;
use super::state::{State, now_ms};
use super::world::{Assignee, Conv, Msg, Sender, World};
use super::{Actor, By, Cw, Cwx, labels_of};
use crate::data::rng::iso;
use crate::data::store::Store;
use axum::Extension;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// The statuses, as the enum casts them.
const STATUSES: [&str; 4] = ["open", "resolved", "pending", "snoozed"];
/// The priorities.
const PRIORITIES: [&str; 4] = ["low", "medium", "high", "urgent"];

/// After a change of a conversation by agent `by`: the assignment notification when someone
/// else gave it to the current user, then every event the change makes.
pub fn after_change(
    cw: &Cw,
    (w, st, store): (&World, &mut State, &Store),
    before: &Before,
    by: usize,
    now: i64,
) {
    let Some(c) = w.conv(before.id()) else { return };
    let notif = (by != ME && before.assigned_to_me(c)).then(|| {
        let last = c.msgs.iter().rev().find(|m| m.kind != 2).map(|m| m.id);
        notify::push(
            st,
            w,
            &store.data,
            ("conversation_assignment", c.display_id, Secondary::User(by)),
            last,
            now,
        )
    });
    let cx = Ctx { w, st, store };
    events::changes(&cw.bus, &cx, before);
    if let Some(id) = notif.flatten() {
        events::notification(&cw.bus, &cx, "notification.created", id);
    }
}

/// Appends an activity message (no sender) at `now`.
fn activity(c: &mut Conv, text: String, now: i64) {
    let at = now.max(c.last_activity() + 1);
    c.msgs.push(Msg {
        id: 0,
        at,
        kind: 2,
        content: Some(text),
        content_type: "text",
        attrs: json!({}),
        private: false,
        status: "sent",
        source_id: None,
        sender: Sender::None,
        atts: Vec::new(),
    });
}

/// Gives the messages appended without an id (activities) the next free ids; every handler
/// that notes an activity calls it before answering.
pub fn number_new_messages(w: &mut World, d: u64) {
    let (mut next, _) = w.next_ids();
    if let Some(c) = w.conv_mut(d) {
        for m in c.msgs.iter_mut().filter(|m| m.id == 0) {
            m.id = next;
            next += 1;
        }
    }
}

/// The name of the agent who made a change (by index in [`AGENTS`]).
fn name(by: usize) -> &'static str {
    AGENTS[by].name
}

/// Sets the status (and the snooze end, which upstream clears for any other status).
pub fn set_status(c: &mut Conv, status: &'static str, until: Option<Option<i64>>, now: i64, by: usize) {
    if let Some(until) = until {
        c.snoozed_until = until;
    }
    if status != "snoozed" {
        c.snoozed_until = None;
    }
    if c.status == status {
        return;
    }
    c.status = status;
    let text = match status {
        "resolved" => format!("Conversation was marked resolved by {}", name(by)),
        "open" => format!("Conversation was reopened by {}", name(by)),
        "pending" => format!("Conversation was marked as pending by {}", name(by)),
        _ => match c.snoozed_until {
            Some(t) => format!("Conversation was snoozed by {} until {}", name(by), iso(t)),
            None => format!("Conversation was snoozed by {} until the next reply", name(by)),
        },
    };
    activity(c, text, now);
}

/// Sets the assignee and notes it.
pub fn set_assignee(c: &mut Conv, to: Assignee, now: i64, by: usize) {
    if c.assignee == to {
        return;
    }
    c.assignee = to;
    let text = match to {
        Assignee::Agent(i) if i == by => format!("{} self-assigned this conversation", name(by)),
        Assignee::Agent(i) => format!("Assigned to {} by {}", AGENTS[i].name, name(by)),
        Assignee::Bot => format!("Assigned to {} by {}", super::BOT_NAME, name(by)),
        Assignee::Nobody => format!("Conversation unassigned by {}", name(by)),
    };
    activity(c, text, now);
}

/// Sets the team and notes it.
fn set_team(c: &mut Conv, team: Option<usize>, now: i64, by: usize) {
    if c.team == team {
        return;
    }
    let text = match (team, c.team) {
        (Some(t), _) => format!("Assigned to {} team by {}", TEAMS[t].1, name(by)),
        (None, Some(old)) => format!("Unassigned from {} by {}", TEAMS[old].1, name(by)),
        (None, None) => return,
    };
    c.team = team;
    activity(c, text, now);
}

/// Replaces the labels and notes what was added and removed.
pub fn replace_labels(c: &mut Conv, wanted: Vec<String>, now: i64, by: usize) {
    let added: Vec<&String> = wanted.iter().filter(|l| !c.labels.contains(l)).collect();
    let removed: Vec<&String> = c.labels.iter().filter(|l| !wanted.contains(l)).collect();
    let mut notes = Vec::new();
    if !added.is_empty() {
        notes.push(format!(
            "{} added {}",
            name(by),
            added.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    if !removed.is_empty() {
        notes.push(format!(
            "{} removed {}",
            name(by),
            removed.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    c.labels = wanted;
    for n in notes {
        activity(c, n, now);
    }
}

/// Sets the priority and notes it.
fn set_priority(c: &mut Conv, p: Option<&'static str>, now: i64, by: usize) {
    if c.priority == p {
        return;
    }
    c.priority = p;
    let text = match p {
        Some(p) => format!("{} set the priority to {p}", name(by)),
        None => format!("{} removed the priority", name(by)),
    };
    activity(c, text, now);
}

/// An integer parameter as Rails reads it: a number, or digits in a string; null or blank is
/// none.
fn int(v: Option<&Value>) -> Option<i64> {
    match v {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) if !s.trim().is_empty() => Some(to_i(s)),
        _ => None,
    }
}

/// A status value, or the message of the error the enum cast raises.
fn status_of(v: &Value) -> Result<&'static str, String> {
    let s = v.as_str().unwrap_or_default();
    STATUSES.iter().find(|x| **x == s).copied().ok_or_else(|| format!("'{s}' is not a valid status"))
}

/// `POST conversations/{id}/toggle_status {status, snoozed_until}`: sets the status; without one
/// toggles open ↔ resolved (anything else becomes open). `snoozed_until` is unix seconds.
pub async fn toggle_status(
    cw: Cwx,
    Extension(Actor(by)): By,
    Path((_, id)): Path<(String, String)>,
    RailsParams(params): RailsParams,
) -> Response {
    let wanted = match params.get("status").filter(|v| v.as_str().is_some_and(|s| !s.is_empty())) {
        Some(v) => match status_of(v) {
            Ok(s) => Some(s),
            Err(e) => return could_not(&e),
        },
        None => None,
    };
    let until = params
        .contains_key("snoozed_until")
        .then(|| int(params.get("snoozed_until")).filter(|t| *t > 0).map(|t| t * 1000));
    cw.with_mut(|w, st, store| {
        let now = now_ms(w);
        let Some(c) = super::conversations::find_mut(w, &id) else { return http::not_found() };
        let before = Before::of(c);
        let status = wanted.unwrap_or(if c.status == "open" { "resolved" } else { "open" });
        set_status(c, status, if wanted.is_some() { until } else { None }, now, by);
        let (d, current, snoozed) = (c.display_id, c.status, c.snoozed_until);
        number_new_messages(w, d);
        events::changes(&cw.bus, &Ctx { w, st, store }, &before);
        http::ok(json!({"meta": {}, "payload": {
            "success": true, "conversation_id": d, "current_status": current,
            "snoozed_until": snoozed.map_or(Value::Null, |t| json!(iso(t))),
        }}))
    })
}

/// `POST conversations/{id}/toggle_priority {priority}`: empty 200; null clears it.
pub async fn toggle_priority(
    cw: Cwx,
    Extension(Actor(by)): By,
    Path((_, id)): Path<(String, String)>,
    RailsParams(params): RailsParams,
) -> Response {
    let p = match params.get("priority") {
        None | Some(Value::Null) => None,
        Some(v) => match PRIORITIES.iter().find(|p| v.as_str() == Some(**p)) {
            Some(p) => Some(*p),
            None if v.as_str() == Some("") => None,
            None => return could_not(&format!("'{}' is not a valid priority", v.as_str().unwrap_or("?"))),
        },
    };
    cw.with_mut(|w, st, store| {
        let now = now_ms(w);
        let Some(c) = super::conversations::find_mut(w, &id) else { return http::not_found() };
        let before = Before::of(c);
        set_priority(c, p, now, by);
        let d = c.display_id;
        number_new_messages(w, d);
        events::changes(&cw.bus, &Ctx { w, st, store }, &before);
        http::empty()
    })
}

/// `POST conversations/{id}/assignments`: `{assignee_id}` assigns that agent — an id that is
/// no agent's (or null) unassigns, answering `null`; with `assignee_type: "AgentBot"` the bot;
/// `{team_id}` sets the team (unknown or null removes it); neither answers `null`.
pub async fn assignments(
    cw: Cwx,
    Extension(Actor(by)): By,
    Path((_, id)): Path<(String, String)>,
    RailsParams(params): RailsParams,
) -> Response {
    cw.with_mut(|w, st, store| {
        let now = now_ms(w);
        let Some(c) = super::conversations::find_mut(w, &id) else { return http::not_found() };
        let d = c.display_id;
        let before = Before::of(c);
        let answer = if params.contains_key("assignee_id") {
            let wanted = int(params.get("assignee_id"));
            let bot = params.get("assignee_type").and_then(Value::as_str) == Some("AgentBot");
            let (to, answer) = match (bot, wanted) {
                (true, Some(i)) if i == BOT_ID as i64 => (Assignee::Bot, bot_slim()),
                (false, Some(i)) => match AGENTS.iter().position(|a| a.id as i64 == i) {
                    Some(a) => (Assignee::Agent(a), super::catalog::agent_partial(&AGENTS[a])),
                    None => (Assignee::Nobody, Value::Null),
                },
                _ => (Assignee::Nobody, Value::Null),
            };
            set_assignee(c, to, now, by);
            answer
        } else if params.contains_key("team_id") {
            let team = int(params.get("team_id")).and_then(|t| TEAMS.iter().position(|x| x.0 as i64 == t));
            set_team(c, team, now, by);
            team.map_or(Value::Null, team_json)
        } else {
            Value::Null
        };
        number_new_messages(w, d);
        after_change(&cw, (w, st, store), &before, by, now);
        http::ok(answer)
    })
}

/// `POST bulk_actions {type, ids, fields: {status, assignee_id, team_id}, snoozed_until, labels:
/// {add, remove}}`: 200 with an empty body. Upstream applies it in a background job; the demo
/// applies it before answering. Unknown ids are skipped; an `assignee_id` or `team_id` that is
/// no agent's or team's is refused (422 `Invalid assignee_id`), `team_id` 0 removes the team.
pub async fn bulk_actions(cw: Cwx, Extension(Actor(by)): By, RailsParams(params): RailsParams) -> Response {
    let kind = params.get("type").and_then(Value::as_str).unwrap_or_default();
    if kind != "Conversation" && kind != "conversation" {
        return (axum::http::StatusCode::UNPROCESSABLE_ENTITY, axum::Json(json!({"success": false})))
            .into_response();
    }
    let empty = Map::new();
    let fields = params.get("fields").and_then(Value::as_object).unwrap_or(&empty);
    let agent = match int(fields.get("assignee_id")) {
        None => None,
        Some(i) => match AGENTS.iter().position(|a| a.id as i64 == i) {
            Some(a) => Some(a),
            None => return could_not("Invalid assignee_id"),
        },
    };
    let team = match int(fields.get("team_id")) {
        None => None,
        Some(0) => Some(None),
        Some(t) => match TEAMS.iter().position(|x| x.0 as i64 == t) {
            Some(i) => Some(Some(i)),
            None => return could_not("Invalid team_id"),
        },
    };
    // An unknown status fails each update in the job, after the 200: nothing changes.
    let status = fields.get("status").and_then(|v| status_of(v).ok());
    let until = int(params.get("snoozed_until")).filter(|t| *t > 0).map(|t| t * 1000);
    let labels = params.get("labels").and_then(Value::as_object);
    let add = labels_of(labels.and_then(|l| l.get("add")));
    let remove = labels_of(labels.and_then(|l| l.get("remove")));
    let ids: Vec<u64> = match params.get("ids") {
        Some(Value::Array(a)) => {
            a.iter().filter_map(|v| int(Some(v))).filter_map(|i| u64::try_from(i).ok()).collect()
        }
        _ => Vec::new(),
    };
    cw.with_mut(|w, st, store| {
        let now = now_ms(w);
        for d in ids {
            let Some(c) = w.conv_mut(d) else { continue };
            let before = Before::of(c);
            // The job removes first, then adds.
            let mut wanted: Vec<String> = c.labels.iter().filter(|l| !remove.contains(l)).cloned().collect();
            for l in &add {
                if !wanted.contains(l) {
                    wanted.push(l.clone());
                }
            }
            replace_labels(c, wanted, now, by);
            if let Some(s) = status {
                set_status(c, s, Some(until).filter(|_| s == "snoozed"), now, by);
            }
            if let Some(a) = agent {
                set_assignee(c, Assignee::Agent(a), now, by);
            }
            if let Some(t) = team {
                set_team(c, t, now, by);
            }
            number_new_messages(w, d);
            after_change(&cw, (w, st, store), &before, by, now);
        }
        http::empty()
    })
}

/// `POST conversations/{id}/custom_attributes {custom_attributes: {…}}`: replaces the map
/// (upstream assigns the permitted hash) and answers `{custom_attributes}`; no map clears it.
pub async fn custom_attributes(
    cw: Cwx,
    Extension(Actor(by)): By,
    Path((_, id)): Path<(String, String)>,
    RailsParams(params): RailsParams,
) -> Response {
    let wanted = match params.get("custom_attributes") {
        Some(Value::Object(m)) => Value::Object(m.clone()),
        _ => json!({}),
    };
    cw.with_mut(|w, st, store| {
        let now = now_ms(w);
        let Some(c) = super::conversations::find_mut(w, &id) else { return http::not_found() };
        let before = Before::of(c);
        c.custom = wanted;
        let answer = json!({"custom_attributes": c.custom});
        after_change(&cw, (w, st, store), &before, by, now);
        http::ok(answer)
    })
}
