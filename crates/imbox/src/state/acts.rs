//! Acting on conversations: status (resolve, reopen, pending, snooze), assignment, labels,
//! priority and mark unread — on the *current conversation* (the selected inbox row while the
//! inbox is focused, the selected row of the conversations pane, the open thread's conversation
//! while the thread is focused) or, in bulk, on the rows marked in the inbox.
//!
//! Every change is optimistic: the rows and the thread header show it at once, and the fields it
//! touched are kept under its request id, so a refusal puts them back and says why in the status
//! line. A success confirms in a notice ("✔ resolved #42") and reloads the inbox page in view
//! with its counts (a bulk change, which the server applies a moment later, once more after two
//! seconds). Several conversations are asked about first ("resolve 3 conversations? y/n").
//!
//! The menus (status, snooze, assign, agents, teams, labels, priority) are one [`Menu`] whose
//! items are computed from the state when drawn and chosen (`acts/menu.rs`); the `:` command line
//! is `acts/cmdline.rs`; the snooze times `acts/when.rs`.

pub mod cmdline;
pub mod menu;
pub mod when;

use super::State;
use crate::action::act::verb;
use crate::action::{ActAction as A, Action, RequestId};
use crate::command::{ActCommand, Command};
use crate::layout::Pane;
use imbox_model::{Agent, Conversation, ConversationAction, ConversationStatus};
use menu::{Menu, MenuKind};
use std::collections::HashMap;
use std::time::Duration;
use when::SnoozeUntil;

/// The snooze presets when the config file names none: one hour, tomorrow 09:00, next Monday
/// 09:00, until the customer replies.
pub const DEFAULT_SNOOZE_PRESETS: [&str; 4] = ["1h", "tomorrow 9:00", "mon 9:00", "reply"];

/// After a bulk change, the inbox is asked again once more this much later (the server applies
/// bulk actions in the background).
pub const BULK_SETTLE: Duration = Duration::from_secs(2);

/// The fields an action can change, as they were before it (for the rollback).
#[derive(Debug, Clone, PartialEq, Default)]
struct Fields {
    status: String,
    snoozed_until: Option<jiff::Timestamp>,
    assignee: String,
    assignee_id: Option<u64>,
    teams: Vec<String>,
    labels: Vec<String>,
    priority: String,
    unread_count: u64,
}

impl Fields {
    fn of(c: &Conversation) -> Self {
        Fields {
            status: c.status.clone(),
            snoozed_until: c.snoozed_until,
            assignee: c.assignee.clone(),
            assignee_id: c.assignee_id,
            teams: c.teams.clone(),
            labels: c.labels.clone(),
            priority: c.priority.clone(),
            unread_count: c.unread_count,
        }
    }

    /// Writes these fields into `c`.
    fn write(&self, c: &mut Conversation) {
        c.status = self.status.clone();
        c.snoozed_until = self.snoozed_until;
        c.assignee = self.assignee.clone();
        c.assignee_id = self.assignee_id;
        c.teams = self.teams.clone();
        c.labels = self.labels.clone();
        c.priority = self.priority.clone();
        c.unread_count = self.unread_count;
    }

    /// Takes back a failed action that turned `before` into `after`: each field that still
    /// holds the action's own value gets its value from before. A field something else changed
    /// since — a second action on the same conversation, a live event — keeps that newer value:
    /// rolling it back would hide a change the server may well have made. Applied to what is
    /// shown, and to the `before` of every action still in flight on the conversation (one made
    /// on top of the failed one must not later roll back to a value that never was).
    fn undo(&mut self, before: &Fields, after: &Fields) {
        fn back<T: PartialEq + Clone>(field: &mut T, before: &T, after: &T) {
            if field == after {
                *field = before.clone();
            }
        }
        // Status and snooze go together (a snooze is a status with a time), as do the
        // assignee's name and id.
        if (&self.status, self.snoozed_until) == (&after.status, after.snoozed_until) {
            self.status = before.status.clone();
            self.snoozed_until = before.snoozed_until;
        }
        if (&self.assignee, self.assignee_id) == (&after.assignee, after.assignee_id) {
            self.assignee = before.assignee.clone();
            self.assignee_id = before.assignee_id;
        }
        back(&mut self.teams, &before.teams, &after.teams);
        back(&mut self.labels, &before.labels, &after.labels);
        back(&mut self.priority, &before.priority, &after.priority);
        back(&mut self.unread_count, &before.unread_count, &after.unread_count);
    }
}

/// A request acting on conversations, in flight.
#[derive(Debug, Clone)]
struct Flight {
    /// What the notice says on success ("resolved #42").
    done: String,
    /// What the error says on failure ("could not resolve #42").
    failed: String,
    /// The fields before and right after the change shown, per conversation, to put back on
    /// failure what this action changed (see [`Fields::undo`]).
    before: Vec<(String, Fields, Fields)>,
    /// Whether it was a bulk request.
    bulk: bool,
}

/// A question waiting for y/n in the status line.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// The question ("resolve 3 conversations?").
    pub question: String,
    /// What yes does.
    action: ConversationAction,
    /// To which conversations.
    ids: Vec<String>,
}

/// What acting on conversations keeps.
#[derive(Debug, Clone, Default)]
pub struct ActsState {
    /// Who the token belongs to, once known.
    pub profile: Option<Agent>,
    pub(crate) profile_req: Option<RequestId>,
    /// The account's agents, once known.
    pub agents: Option<Vec<Agent>>,
    pub(crate) agents_req: Option<RequestId>,
    /// Why the agents could not be loaded.
    pub agents_error: Option<String>,
    /// The open menu or picker.
    pub menu: Option<Menu>,
    /// The question in the status line.
    pub confirm: Option<Confirm>,
    /// The `:` command line, while open.
    pub cmdline: Option<cmdline::CmdLine>,
    /// Lines run on the command line, oldest first.
    pub history: Vec<String>,
    /// Conversations marked in the inbox for a bulk action, in the order marked.
    pub marked: Vec<String>,
    /// The row the next range (`V`) starts from.
    anchor: Option<String>,
    /// Snooze presets, in the parser's words ("1h", "tomorrow 9:00", "reply").
    pub snooze_presets: Vec<String>,
    /// "Assign to me" waits for the profile: these conversations.
    assign_me_waiting: Option<Vec<String>>,
    /// The labels picker waits for a conversation's labels.
    labels_req: Option<RequestId>,
    /// The latest copy of each conversation acted on this session (the thread header reads it
    /// when the conversation is in no list).
    pub touched: HashMap<String, Conversation>,
    in_flight: HashMap<RequestId, Flight>,
    /// An action for the event loop (`:account` switches accounts there).
    pub forward: Option<Action>,
}

impl ActsState {
    /// A fresh state with the default snooze presets.
    pub fn new() -> Self {
        ActsState {
            snooze_presets: DEFAULT_SNOOZE_PRESETS.iter().map(|s| s.to_string()).collect(),
            ..ActsState::default()
        }
    }

    /// Whether a request is in flight.
    pub fn is_loading(&self) -> bool {
        !self.in_flight.is_empty() || self.profile_req.is_some() || self.agents_req.is_some()
    }

    /// Forgets the marks.
    pub fn clear_marks(&mut self) {
        self.marked.clear();
        self.anchor = None;
    }

    /// Whether `id` is marked.
    pub fn is_marked(&self, id: &str) -> bool {
        self.marked.iter().any(|m| m == id)
    }
}

impl State {
    /// The start-up requests of an account that can act on conversations: who I am and the
    /// agents (for "assign to me", the agent picker and `:assign <name>`).
    pub(crate) fn start_acts(&mut self) -> Vec<Command> {
        if !self.account.capabilities.conversation_actions {
            return Vec::new();
        }
        let (p, a) = (self.req(), self.req());
        self.acts.profile_req = Some(p);
        self.acts.agents_req = Some(a);
        vec![
            Command::Act(ActCommand::LoadProfile { req: p }),
            Command::Act(ActCommand::LoadAgents { req: a }),
        ]
    }

    /// The conversations an action applies to: the marked inbox rows while the inbox is focused
    /// and has marks, else the current conversation.
    pub fn act_targets(&self) -> Vec<String> {
        match self.focus {
            Pane::Contacts if self.inbox_shown() => {
                if self.acts.marked.is_empty() {
                    self.inbox.active().selected_item().map(|c| vec![c.id.clone()]).unwrap_or_default()
                } else {
                    self.acts.marked.clone()
                }
            }
            Pane::Contacts => Vec::new(),
            Pane::Conversations => {
                self.conversations.selected_item().map(|c| vec![c.id.clone()]).unwrap_or_default()
            }
            Pane::Thread => self.thread.conversation_id.iter().cloned().collect(),
        }
    }

    /// The best copy of conversation `id` the state holds: the latest acted on, else any list's.
    pub fn conversation(&self, id: &str) -> Option<&Conversation> {
        self.acts
            .touched
            .get(id)
            .or_else(|| self.inbox.find(id))
            .or_else(|| self.conversations.items.iter().find(|c| c.id == id))
    }

    /// Handles an action on conversations.
    pub(crate) fn update_act(&mut self, action: A) -> Vec<Command> {
        let mut cmds = Vec::new();
        // The link picker (`o`) is drawn as a menu on every backend: its keys need no action.
        let link_picker = self.acts.menu.as_ref().is_some_and(|m| m.kind == menu::MenuKind::Links);
        if !action.is_result() && !link_picker && !self.account.capabilities.conversation_actions {
            let text = format!("conversation actions: not available on {}", self.account.kind.name());
            self.show_info(text, &mut cmds);
            return cmds;
        }
        let status = |status| ConversationAction::Status { status, snoozed_until: None };
        match action {
            A::ToggleResolved => {
                let ids = self.act_targets();
                // One conversation already resolved: reopen it; otherwise resolve.
                let resolved = ids.len() == 1
                    && self
                        .conversation(&ids[0])
                        .is_some_and(|c| c.status == ConversationStatus::Resolved.as_str());
                let to = if resolved { ConversationStatus::Open } else { ConversationStatus::Resolved };
                cmds.extend(self.act(status(to), ids));
            }
            A::Resolve => cmds.extend(self.act_current(status(ConversationStatus::Resolved))),
            A::Reopen => cmds.extend(self.act_current(status(ConversationStatus::Open))),
            A::Pending => cmds.extend(self.act_current(status(ConversationStatus::Pending))),
            A::Snooze(text) => match when::parse(&text, self.now, &self.tz) {
                Ok(until) => {
                    let snoozed_until = match until {
                        SnoozeUntil::Reply => None,
                        SnoozeUntil::At(t) => Some(t),
                    };
                    let action =
                        ConversationAction::Status { status: ConversationStatus::Snoozed, snoozed_until };
                    cmds.extend(self.act_current(action));
                }
                Err(e) => self.last_error = Some(format!("snooze: {e}")),
            },
            A::AssignMe => {
                let ids = self.act_targets();
                match self.acts.profile.as_ref().map(|p| p.id) {
                    Some(me) => cmds.extend(self.act(ConversationAction::AssignAgent(Some(me)), ids)),
                    None if ids.is_empty() => {
                        cmds.extend(self.act(ConversationAction::AssignAgent(None), ids))
                    }
                    None => {
                        // Not known yet (still loading, or failed at start): ask now, act after.
                        self.acts.assign_me_waiting = Some(ids);
                        if self.acts.profile_req.is_none() {
                            let req = self.req();
                            self.acts.profile_req = Some(req);
                            cmds.push(Command::Act(ActCommand::LoadProfile { req }));
                        }
                        self.notice = Some("finding out who you are…".into());
                    }
                }
            }
            A::AssignAgent(id) => cmds.extend(self.act_current(ConversationAction::AssignAgent(Some(id)))),
            A::AssignTeam(id) => cmds.extend(self.act_current(ConversationAction::AssignTeam(Some(id)))),
            A::Unassign => cmds.extend(self.act_current(ConversationAction::AssignAgent(None))),
            A::EditLabels { add, remove } => {
                let ids = self.act_targets();
                let action = match ids.as_slice() {
                    // One conversation whose labels are known: the whole set, as the picker sends.
                    [one] if self.conversation(one).is_some() => {
                        let mut set = self.conversation(one).map(|c| c.labels.clone()).unwrap_or_default();
                        set.retain(|l| !remove.contains(l));
                        for l in add {
                            if !set.contains(&l) {
                                set.push(l);
                            }
                        }
                        ConversationAction::SetLabels(set)
                    }
                    _ => ConversationAction::EditLabels { add, remove },
                };
                cmds.extend(self.act(action, ids));
            }
            A::SetPriority(p) => cmds.extend(self.act_current(ConversationAction::Priority(p))),
            A::MarkUnread => cmds.extend(self.act_current(ConversationAction::MarkUnread)),
            A::StatusMenu => cmds.extend(self.open_menu(MenuKind::Status)),
            A::SnoozeMenu => cmds.extend(self.open_menu(MenuKind::Snooze)),
            A::AssignMenu => cmds.extend(self.open_menu(MenuKind::Assign)),
            A::AgentPicker => cmds.extend(self.open_menu(MenuKind::Agents)),
            A::TeamPicker => cmds.extend(self.open_menu(MenuKind::Teams)),
            A::LabelsPicker => cmds.extend(self.open_menu(MenuKind::Labels)),
            A::PriorityPicker => cmds.extend(self.open_menu(MenuKind::Priority)),
            A::MenuMove(_) | A::MenuToggle | A::MenuApply | A::MenuClose | A::MenuPick(_) => {
                cmds.extend(self.update_menu(action))
            }
            A::ToggleMark | A::MarkRange | A::MarkAll => self.update_marks(action),
            A::ConfirmYes => {
                if let Some(c) = self.acts.confirm.take() {
                    cmds.extend(self.send(c.action, c.ids));
                }
            }
            A::ConfirmNo => {
                if self.acts.confirm.take().is_some() {
                    self.notice = Some("cancelled".into());
                }
            }
            A::Done { req, result } => cmds.extend(self.acted(req, result)),
            A::ProfileLoaded { req, result } => {
                if self.acts.profile_req == Some(req) {
                    self.acts.profile_req = None;
                    let waiting = self.acts.assign_me_waiting.take();
                    match result {
                        Ok(me) => {
                            let id = me.id;
                            self.acts.profile = Some(me);
                            if let Some(ids) = waiting {
                                self.notice = None;
                                cmds.extend(self.act(ConversationAction::AssignAgent(Some(id)), ids));
                            }
                        }
                        // At start nobody asked; a waiting "assign to me" says why it cannot.
                        Err(e) if waiting.is_some() => {
                            self.notice = None;
                            self.last_error = Some(format!("could not find out who you are: {e}"));
                        }
                        Err(_) => {}
                    }
                }
            }
            A::AgentsLoaded { req, result } => {
                if self.acts.agents_req == Some(req) {
                    self.acts.agents_req = None;
                    match result {
                        Ok(agents) => {
                            self.acts.agents = Some(agents);
                            self.acts.agents_error = None;
                        }
                        Err(e) => self.acts.agents_error = Some(e.to_string()),
                    }
                }
            }
            A::LabelsLoaded { req, result } => {
                if self.acts.labels_req == Some(req) {
                    self.acts.labels_req = None;
                    match result {
                        Ok(labels) => {
                            if let Some(m) = self.acts.menu.as_mut().filter(|m| m.kind == MenuKind::Labels) {
                                m.checked = labels;
                                m.loading = false;
                            }
                        }
                        Err(e) => {
                            self.acts.menu = None;
                            self.last_error = Some(format!("could not read the conversation's labels: {e}"));
                        }
                    }
                }
            }
        }
        cmds
    }

    /// `action` on the current conversation(s).
    fn act_current(&mut self, action: ConversationAction) -> Vec<Command> {
        let ids = self.act_targets();
        self.act(action, ids)
    }

    /// `action` on `ids`: several are asked about first; one is sent at once.
    pub(crate) fn act(&mut self, action: ConversationAction, ids: Vec<String>) -> Vec<Command> {
        match ids.len() {
            0 => {
                self.info("no conversation selected");
                Vec::new()
            }
            1 => self.send(action, ids),
            n => {
                if let Some(why) = self.bulk_refusal(&action) {
                    // Not a failure to retry: a note on what to do instead.
                    let mut cmds = Vec::new();
                    self.show_info(why, &mut cmds);
                    return cmds;
                }
                let question = format!("{} {n} conversations?", self.describe(&action, None));
                self.acts.confirm = Some(Confirm { question, action, ids });
                Vec::new()
            }
        }
    }

    /// Why `action` cannot go to several conversations in one request, if it cannot.
    fn bulk_refusal(&self, action: &ConversationAction) -> Option<String> {
        if !self.account.capabilities.bulk_actions {
            return Some(format!("bulk actions: not available on {}", self.account.kind.name()));
        }
        match action {
            ConversationAction::Priority(_) | ConversationAction::MarkUnread => {
                Some(format!("{}: one conversation at a time (Esc unmarks the others)", verb(action)))
            }
            _ => None,
        }
    }

    /// The action in words, with its object ("assign #42 to Dana Levi", "snooze until 10:00").
    fn describe(&self, action: &ConversationAction, object: Option<&str>) -> String {
        let object = object.map(|o| format!(" {o}")).unwrap_or_default();
        match action {
            ConversationAction::Status { status: ConversationStatus::Snoozed, snoozed_until } => {
                let until = snoozed_until.map_or(SnoozeUntil::Reply, SnoozeUntil::At);
                format!("snooze{object} {}", when::describe(until, self.now, &self.tz))
            }
            ConversationAction::AssignAgent(Some(id)) => {
                format!("assign{object} to {}", self.agent_name(*id))
            }
            ConversationAction::AssignTeam(Some(id)) => {
                format!("assign{object} to team {}", self.team_name(*id))
            }
            ConversationAction::Priority(p) => {
                format!("set the priority of{object} to {}", p.map_or("none", |p| p.as_str()))
            }
            ConversationAction::EditLabels { add, remove } => {
                let mut parts: Vec<String> = add.iter().map(|l| format!("+{l}")).collect();
                parts.extend(remove.iter().map(|l| format!("-{l}")));
                format!("label{object} {}", parts.join(" "))
            }
            ConversationAction::SetLabels(set) if set.is_empty() => format!("remove the labels of{object}"),
            ConversationAction::SetLabels(set) => format!("label{object} {}", set.join(", ")),
            other => format!("{}{object}", verb(other)),
        }
    }

    fn agent_name(&self, id: u64) -> String {
        let me = self.acts.profile.iter().find(|a| a.id == id);
        let agent = me.or_else(|| self.acts.agents.iter().flatten().find(|a| a.id == id));
        agent.map_or_else(|| format!("agent {id}"), |a| a.name.clone())
    }

    fn team_name(&self, id: u64) -> String {
        let teams = self.inbox.options.options.iter().flat_map(|o| o.teams.iter());
        teams.clone().find(|(t, _)| *t == id).map_or_else(|| format!("{id}"), |(_, n)| n.clone())
    }

    /// Sends `action` for `ids` (one request, bulk for several) and shows it at once.
    fn send(&mut self, action: ConversationAction, ids: Vec<String>) -> Vec<Command> {
        if self.refuse_offline("nothing changed") {
            return Vec::new();
        }
        let object = match ids.as_slice() {
            [one] => format!("#{one}"),
            many => format!("{} conversations", many.len()),
        };
        let text = self.describe(&action, Some(&object));
        let done = past_tense(&text);
        let failed = format!("could not {text}");
        let mut before = Vec::new();
        for id in &ids {
            let was = self.conversation(id).map(Fields::of);
            self.change(id, &action);
            if let (Some(was), Some(now)) = (was, self.conversation(id).map(Fields::of)) {
                before.push((id.clone(), was, now));
            }
        }
        let req = self.req();
        let bulk = ids.len() > 1;
        self.acts.in_flight.insert(req, Flight { done, failed, before, bulk });
        if bulk {
            self.acts.clear_marks();
        }
        let cmd = match ids.as_slice() {
            [one] => ActCommand::One { req, conversation_id: one.clone(), action },
            _ => ActCommand::Bulk { req, ids, action },
        };
        vec![Command::Act(cmd)]
    }

    /// The optimistic change of conversation `id` wherever it is shown.
    fn change(&mut self, id: &str, action: &ConversationAction) {
        let agent = match action {
            ConversationAction::AssignAgent(Some(a)) => self.agent_name(*a),
            _ => String::new(),
        };
        let team = match action {
            ConversationAction::AssignTeam(Some(t)) => self.team_name(*t),
            _ => String::new(),
        };
        let apply = |c: &mut Conversation| match action {
            ConversationAction::Status { status, snoozed_until } => {
                c.status = status.as_str().to_string();
                c.snoozed_until = *snoozed_until;
            }
            ConversationAction::AssignAgent(a) => {
                c.assignee_id = *a;
                c.assignee = agent.clone();
            }
            ConversationAction::AssignTeam(t) => c.teams = t.map(|_| vec![team.clone()]).unwrap_or_default(),
            ConversationAction::SetLabels(set) => c.labels = set.clone(),
            ConversationAction::EditLabels { add, remove } => {
                c.labels.retain(|l| !remove.contains(l));
                for l in add {
                    if !c.labels.contains(l) {
                        c.labels.push(l.clone());
                    }
                }
            }
            ConversationAction::Priority(p) => {
                c.priority = p.map(|p| p.as_str().to_string()).unwrap_or_default()
            }
            ConversationAction::MarkUnread => c.unread_count = c.unread_count.max(1),
        };
        self.each_copy(id, apply);
    }

    /// Runs `f` on every copy of conversation `id`: the inbox lists, the conversations pane and
    /// the latest copy acted on (made from the first copy found, the first time).
    fn each_copy(&mut self, id: &str, f: impl Fn(&mut Conversation)) {
        if !self.acts.touched.contains_key(id)
            && let Some(c) = self.conversation(id).cloned()
        {
            self.acts.touched.insert(id.to_string(), c);
        }
        let lists = self.inbox.conversations_mut().chain(self.conversations.items.iter_mut());
        for c in lists.chain(self.acts.touched.get_mut(id)).filter(|c| c.id == id) {
            f(c);
        }
    }

    /// A request acting on conversations finished.
    fn acted(&mut self, req: RequestId, result: Result<(), imbox_api::ApiError>) -> Vec<Command> {
        let Some(flight) = self.acts.in_flight.remove(&req) else { return Vec::new() };
        let mut cmds = Vec::new();
        match result {
            Ok(()) => {
                self.last_error = None;
                self.show_note(format!("✔ {}", flight.done), &mut cmds);
                cmds.extend(self.reload_inbox());
                if flight.bulk {
                    let action = Box::new(Action::Inbox(crate::action::InboxAction::Reload));
                    cmds.push(Command::Schedule { after: BULK_SETTLE, action });
                }
            }
            Err(e) => {
                for (id, was, after) in &flight.before {
                    self.each_copy(id, |c| {
                        let mut shown = Fields::of(c);
                        shown.undo(was, after);
                        shown.write(c);
                    });
                    let later = self.acts.in_flight.values_mut().flat_map(|f| f.before.iter_mut());
                    for (_, their_before, _) in later.filter(|(other, _, _)| other == id) {
                        their_before.undo(was, after);
                    }
                }
                self.note_failure(format!("{}: {e}", flight.failed), &e);
            }
        }
        cmds
    }

    /// The inbox page in view and the counts, asked again (the rows stay until the answer).
    pub(crate) fn reload_inbox(&mut self) -> Vec<Command> {
        if !self.inbox_shown() {
            return Vec::new();
        }
        // A page already in flight may predate the change: it is dropped and asked again.
        self.inbox.active_mut().reload();
        // `fill_requests` at the end of `update` asks for the pages.
        Vec::new()
    }

    /// Space, V and a in the inbox: mark rows for a bulk action.
    fn update_marks(&mut self, action: A) {
        if !self.inbox_shown() || self.focus != Pane::Contacts {
            self.info("mark conversations in the inbox (the left pane)");
            return;
        }
        let v = self.inbox_viewport();
        let list = self.inbox.active();
        let id_at = |i: usize| list.get(i).map(|c| c.id.clone());
        match action {
            A::ToggleMark => {
                let Some(id) = list.selected_item().map(|c| c.id.clone()) else { return };
                let next = list.selected + 1;
                if self.acts.is_marked(&id) {
                    self.acts.marked.retain(|m| *m != id);
                } else {
                    self.acts.marked.push(id.clone());
                }
                self.acts.anchor = Some(id);
                self.inbox.active_mut().select(next, v);
            }
            A::MarkRange => {
                let sel = list.selected;
                let anchor = self
                    .acts
                    .anchor
                    .as_ref()
                    .and_then(|a| list.loaded().find(|(_, c)| &c.id == a))
                    .map(|(i, _)| i);
                let (lo, hi) = anchor.map_or((sel, sel), |a| (a.min(sel), a.max(sel)));
                let ids: Vec<String> = (lo..=hi).filter_map(id_at).collect();
                self.acts.anchor = id_at(sel);
                for id in ids {
                    if !self.acts.is_marked(&id) {
                        self.acts.marked.push(id);
                    }
                }
            }
            A::MarkAll => {
                let ids: Vec<String> = list.loaded().map(|(_, c)| c.id.clone()).collect();
                if !ids.is_empty() && ids.iter().all(|id| self.acts.is_marked(id)) {
                    self.acts.marked.clear();
                } else {
                    for id in ids {
                        if !self.acts.is_marked(&id) {
                            self.acts.marked.push(id);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// "resolve #42" → "resolved #42", for the notice.
fn past_tense(text: &str) -> String {
    const VERBS: [(&str, &str); 10] = [
        ("resolve", "resolved"),
        ("reopen", "reopened"),
        ("mark pending", "marked pending"),
        ("mark unread", "marked unread"),
        ("snooze", "snoozed"),
        ("unassign", "unassigned"),
        ("assign", "assigned"),
        ("label", "labelled"),
        ("set the priority", "set the priority"),
        ("remove", "removed"),
    ];
    VERBS
        .iter()
        .find_map(|(v, done)| text.strip_prefix(v).map(|rest| format!("{done}{rest}")))
        .unwrap_or_else(|| text.to_string())
}
