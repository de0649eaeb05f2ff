//! `ConversationFinder`: which conversations a list shows, in which order, and the view counts.
//!
//! The counts are taken after every filter except `assignee_type`, which only narrows the
//! payload; a `q` search skips the status filter; an unknown `team_id` is a 404. The current
//! user is a member of every inbox, so every conversation is visible.

use super::catalog::{INBOXES, ME, TEAMS};
use super::http::{Params, param, to_i};
use super::world::{Assignee, Conv, World};
use serde_json::{Value, json};

/// Conversations per page.
pub const PAGE: usize = 25;

/// A parsed conversation query.
pub struct Query {
    status: Option<String>,
    inbox: Option<i64>,
    team: Option<u64>,
    labels: Vec<String>,
    q: Option<String>,
    source_id: Option<String>,
    /// `assignee_type` (`me`, `unassigned`, `assigned`, anything else = all).
    pub assignee_type: String,
    sort: String,
}

/// Every value of `labels[]`, or a comma-separated `labels`.
pub fn labels(q: &Params) -> Vec<String> {
    let mut out: Vec<String> =
        q.iter().filter(|(k, _)| k == "labels[]").map(|(_, v)| v.trim().to_string()).collect();
    if let Some(v) = param(q, "labels") {
        out.extend(v.split(',').map(|s| s.trim().to_string()));
    }
    out.retain(|s| !s.is_empty());
    out
}

impl Query {
    /// Reads the query string; `None` when `team_id` names no team (the caller answers 404).
    pub fn parse(q: &Params) -> Option<Query> {
        let present = |name: &str| param(q, name).filter(|v| !v.trim().is_empty()).map(str::to_string);
        let team = match param(q, "team_id") {
            Some(v) => Some(TEAMS.iter().find(|t| t.0 as i64 == to_i(v))?.0),
            None => None,
        };
        let status = match param(q, "status") {
            Some("all") => None,
            Some(s) => Some(s.to_string()),
            None => Some("open".into()),
        };
        Some(Query {
            status,
            inbox: param(q, "inbox_id").map(to_i),
            team,
            labels: labels(q),
            q: present("q").map(|s| s.to_lowercase()),
            source_id: present("source_id"),
            assignee_type: param(q, "assignee_type").unwrap_or("").to_string(),
            sort: param(q, "sort_by").unwrap_or("").to_string(),
        })
    }

    fn keeps(&self, c: &Conv) -> bool {
        // A search looks through every status.
        if self.q.is_none() && self.status.as_deref().is_some_and(|s| s != c.status) {
            return false;
        }
        if self.inbox.is_some_and(|i| INBOXES[c.inbox].id as i64 != i) {
            return false;
        }
        if self.team.is_some_and(|t| c.team.map(|i| TEAMS[i].0) != Some(t)) {
            return false;
        }
        if !self.labels.is_empty() && !c.labels.iter().any(|l| self.labels.iter().any(|x| x == l)) {
            return false;
        }
        if self.source_id.as_ref().is_some_and(|s| *s != c.contact_inbox.1) {
            return false;
        }
        match &self.q {
            None => true,
            Some(q) => c.msgs.iter().any(|m| {
                m.kind <= 1 && m.content.as_deref().is_some_and(|t| t.to_lowercase().contains(q.as_str()))
            }),
        }
    }

    /// Matching conversations in list order (before the assignee filter).
    pub fn run<'w>(&self, w: &'w World) -> Vec<&'w Conv> {
        let mut list: Vec<&Conv> = w.convs.iter().filter(|c| self.keeps(c)).collect();
        let prio = |c: &Conv| match c.priority {
            Some("urgent") => 4,
            Some("high") => 3,
            Some("medium") => 2,
            Some("low") => 1,
            _ => 0,
        };
        let waiting = |c: &Conv| c.msgs.iter().rev().find(|m| m.kind == 0).map_or(i64::MAX, |m| m.at);
        let key = |c: &Conv| -> (i64, i64) {
            match self.sort.as_str() {
                "created_at_asc" | "sort_on_created_at" => (c.created_at, 0),
                "created_at_desc" => (-c.created_at, 0),
                "last_activity_at_asc" => (c.last_activity(), 0),
                "priority_asc" => (if prio(c) == 0 { 5 } else { prio(c) }, -c.last_activity()),
                "priority_desc" | "sort_on_priority" => (-prio(c), -c.last_activity()),
                "waiting_since_asc" | "sort_on_waiting_since" => (waiting(c), 0),
                "waiting_since_desc" => (-waiting(c).min(i64::MAX - 1), 0),
                _ => (-c.last_activity(), 0),
            }
        };
        list.sort_by_key(|c| (key(c), std::cmp::Reverse(c.display_id)));
        list
    }

    /// Narrows a list by `assignee_type`.
    pub fn by_assignee<'w>(&self, list: Vec<&'w Conv>) -> Vec<&'w Conv> {
        let keep = |c: &&Conv| match self.assignee_type.as_str() {
            "me" => c.assignee == Assignee::Agent(ME),
            "unassigned" => !matches!(c.assignee, Assignee::Agent(_)),
            "assigned" => matches!(c.assignee, Assignee::Agent(_)),
            _ => true,
        };
        list.into_iter().filter(keep).collect()
    }
}

/// The view counts in upstream's key order: mine, assigned, unassigned, all. A bot-held
/// conversation has no `assignee_id`, so it counts as unassigned.
pub fn counts(list: &[&Conv]) -> Value {
    let mine = list.iter().filter(|c| c.assignee == Assignee::Agent(ME)).count();
    let unassigned = list.iter().filter(|c| !matches!(c.assignee, Assignee::Agent(_))).count();
    let all = list.len();
    json!({"mine_count": mine, "assigned_count": all - unassigned, "unassigned_count": unassigned, "all_count": all})
}
