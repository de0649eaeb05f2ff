//! The action menus and pickers: status, snooze, assign, agents, teams, labels, priority. One
//! [`Menu`] (which one, the cursor, the checked labels); its items are computed from the state
//! when drawn and when chosen, so an agent list arriving while the picker is open shows at once.
//! The filter picker of the inbox is drawn by the same list box (`ui/menu.rs`).

use super::when;
use crate::action::{ActAction as A, Action, CmdLineAction};
use crate::command::{ActCommand, Command};
use crate::state::State;
use imbox_model::Priority;

/// Which menu is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuKind {
    /// Open, pending, resolved, snooze….
    Status,
    /// The snooze presets and a typed time.
    Snooze,
    /// Me, an agent, a team, unassign.
    Assign,
    /// The account's agents.
    Agents,
    /// The account's teams.
    Teams,
    /// The account's labels, checked as the conversation has them.
    Labels,
    /// None, low, medium, high, urgent.
    Priority,
    /// The links and attachments of the thread (`o`), numbered.
    Links,
}

impl MenuKind {
    /// The box's title.
    pub fn title(self) -> &'static str {
        match self {
            MenuKind::Status => "Status",
            MenuKind::Snooze => "Snooze",
            MenuKind::Assign => "Assign",
            MenuKind::Agents => "Assign to agent",
            MenuKind::Teams => "Assign to team",
            MenuKind::Labels => "Labels",
            MenuKind::Priority => "Priority",
            MenuKind::Links => "Open a link",
        }
    }
}

/// The open menu.
#[derive(Debug, Clone, PartialEq)]
pub struct Menu {
    /// Which one.
    pub kind: MenuKind,
    /// The item under the cursor.
    pub selected: usize,
    /// The labels checked (labels picker).
    pub checked: Vec<String>,
    /// Whether the conversation's labels are still loading.
    pub loading: bool,
    /// How many conversations it acts on.
    pub targets: usize,
    /// The conversation it acts on, when there is one (named in the title).
    pub target: Option<String>,
    /// The links offered (link picker), gathered once when it opened: drawing never walks the
    /// thread.
    pub links: Vec<String>,
}

/// One line of a menu.
#[derive(Debug, Clone, PartialEq)]
pub struct MenuItem {
    /// The text.
    pub label: String,
    /// Dim text after it ("until tomorrow 09:00", "online").
    pub detail: String,
    /// Checked (labels), or the current value (priority, status).
    pub checked: bool,
    /// What choosing it does (labels: none, Enter saves the set).
    pub action: Option<Action>,
}

fn item(
    label: impl Into<String>,
    detail: impl Into<String>,
    checked: bool,
    action: Option<Action>,
) -> MenuItem {
    MenuItem { label: label.into(), detail: detail.into(), checked, action }
}

impl State {
    /// Opens menu `kind` for the current conversation(s), asking for what it lists when unknown.
    pub(crate) fn open_menu(&mut self, kind: MenuKind) -> Vec<Command> {
        let ids = self.act_targets();
        if ids.is_empty() {
            self.info("no conversation selected");
            return Vec::new();
        }
        let mut cmds = Vec::new();
        if kind == MenuKind::Priority && ids.len() > 1 {
            // Chatwoot's bulk request has no priority: say so before a choice is made.
            let why = "set the priority: one conversation at a time (Esc unmarks the others)";
            self.show_info(why.into(), &mut cmds);
            return cmds;
        }
        let target = (ids.len() == 1).then(|| ids[0].clone());
        let mut menu = Menu {
            kind,
            selected: 0,
            checked: Vec::new(),
            loading: false,
            targets: ids.len(),
            target,
            links: Vec::new(),
        };
        match kind {
            MenuKind::Agents if self.acts.agents.is_none() && self.acts.agents_req.is_none() => {
                let req = self.req();
                self.acts.agents_req = Some(req);
                cmds.push(Command::Act(ActCommand::LoadAgents { req }));
            }
            // One conversation: its labels pre-checked (asked for when it is in no list).
            MenuKind::Labels if ids.len() == 1 => match self.conversation(&ids[0]) {
                Some(c) => menu.checked = c.labels.clone(),
                None => {
                    let req = self.req();
                    self.acts.labels_req = Some(req);
                    menu.loading = true;
                    cmds.push(Command::Act(ActCommand::LoadLabels { req, conversation_id: ids[0].clone() }));
                }
            },
            _ => {}
        }
        // The cursor starts on the current value where there is one.
        let items = self.menu_items_for(&menu);
        menu.selected = items.iter().position(|i| i.checked && kind != MenuKind::Labels).unwrap_or(0);
        self.acts.menu = Some(menu);
        cmds
    }

    /// The items of the open menu.
    pub fn menu_items(&self) -> Vec<MenuItem> {
        self.acts.menu.as_ref().map(|m| self.menu_items_for(m)).unwrap_or_default()
    }

    fn menu_items_for(&self, menu: &Menu) -> Vec<MenuItem> {
        let act = |a: A| Some(Action::Act(a));
        // The one conversation acted on, for the current values.
        let ids = self.act_targets();
        let one = match ids.as_slice() {
            [id] => self.conversation(id),
            _ => None,
        };
        match menu.kind {
            MenuKind::Status => {
                let is = |s: &str| one.is_some_and(|c| c.status == s);
                vec![
                    item("open", "reopen", is("open"), act(A::Reopen)),
                    item("pending", "", is("pending"), act(A::Pending)),
                    item("resolved", "", is("resolved"), act(A::Resolve)),
                    item("snoozed…", "choose until when", is("snoozed"), act(A::SnoozeMenu)),
                ]
            }
            MenuKind::Snooze => {
                let mut items: Vec<MenuItem> = self
                    .acts
                    .snooze_presets
                    .iter()
                    .map(|p| {
                        let detail = match when::parse(p, self.now, &self.tz) {
                            Ok(until) => when::describe(until, self.now, &self.tz),
                            Err(e) => e,
                        };
                        item(p.clone(), detail, false, act(A::Snooze(p.clone())))
                    })
                    .collect();
                let typed = Action::CmdLine(CmdLineAction::OpenWith("snooze ".into()));
                items.push(item("other…", "type a time: 2h, fri 9:00, 2026-12-24 10:30", false, Some(typed)));
                items
            }
            MenuKind::Assign => {
                let me = self.acts.profile.as_ref().map(|p| p.name.clone()).unwrap_or_default();
                let current = one.map(|c| c.assignee.clone()).unwrap_or_default();
                vec![
                    item("me", me, false, act(A::AssignMe)),
                    item("agent…", current, false, act(A::AgentPicker)),
                    item(
                        "team…",
                        one.map(|c| c.teams.join(", ")).unwrap_or_default(),
                        false,
                        act(A::TeamPicker),
                    ),
                    item("unassign", "", false, act(A::Unassign)),
                ]
            }
            MenuKind::Agents => self
                .acts
                .agents
                .iter()
                .flatten()
                .map(|a| {
                    let here = one.is_some_and(|c| c.assignee_id == Some(a.id));
                    item(a.name.clone(), a.availability.clone(), here, act(A::AssignAgent(a.id)))
                })
                .collect(),
            MenuKind::Teams => self
                .inbox
                .options
                .options
                .iter()
                .flat_map(|o| o.teams.iter())
                .map(|(id, name)| {
                    let here = one.is_some_and(|c| c.teams.contains(name));
                    item(name.clone(), "", here, act(A::AssignTeam(*id)))
                })
                .collect(),
            MenuKind::Labels => {
                let mut labels: Vec<String> =
                    self.inbox.options.options.iter().flat_map(|o| o.labels.iter().cloned()).collect();
                // A label the conversation has but the account no longer lists still shows.
                for l in &menu.checked {
                    if !labels.contains(l) {
                        labels.push(l.clone());
                    }
                }
                labels.into_iter().map(|l| item(l.clone(), "", menu.checked.contains(&l), None)).collect()
            }
            MenuKind::Priority => {
                let current = one.map(|c| c.priority.as_str()).unwrap_or("-");
                let mut items = vec![item("none", "", current.is_empty(), act(A::SetPriority(None)))];
                items.extend(
                    Priority::ALL
                        .into_iter()
                        .map(|p| item(p.as_str(), "", current == p.as_str(), act(A::SetPriority(Some(p))))),
                );
                items
            }
            MenuKind::Links => menu
                .links
                .iter()
                .cloned()
                .enumerate()
                .map(|(i, url)| {
                    let n = if i < 9 { format!("{} ", i + 1) } else { "  ".into() };
                    let open = Some(Action::Clip(crate::action::ClipAction::OpenUrl(url.clone())));
                    item(format!("{n}{}", super::super::clip::link_label(&url)), "", false, open)
                })
                .collect(),
        }
    }

    /// Keys inside a menu.
    pub(super) fn update_menu(&mut self, action: A) -> Vec<Command> {
        let items = self.menu_items();
        let Some(menu) = self.acts.menu.as_mut() else { return Vec::new() };
        match action {
            A::MenuMove(d) => {
                menu.selected = menu.selected.saturating_add_signed(d).min(items.len().saturating_sub(1));
            }
            A::MenuToggle if menu.kind == MenuKind::Labels => {
                if let Some(l) = items.get(menu.selected).map(|i| i.label.clone()) {
                    if !menu.checked.contains(&l) {
                        menu.checked.push(l);
                    } else {
                        menu.checked.retain(|x| *x != l);
                    }
                }
            }
            // Space elsewhere chooses, as Enter does.
            A::MenuToggle | A::MenuApply => {
                let Some(menu) = self.acts.menu.take() else { return Vec::new() };
                if menu.kind == MenuKind::Labels {
                    return self.save_labels(menu);
                }
                if let Some(a) = items.get(menu.selected).and_then(|i| i.action.clone()) {
                    return self.update(a);
                }
            }
            A::MenuClose => self.acts.menu = None,
            A::MenuPick(n) if n >= 1 && n <= items.len() && menu.kind != MenuKind::Labels => {
                menu.selected = n - 1;
                return self.update_menu(A::MenuApply);
            }
            _ => {}
        }
        Vec::new()
    }

    /// Enter in the labels picker: one conversation gets exactly the checked set; several get
    /// the checked labels added (their other labels stay).
    fn save_labels(&mut self, menu: Menu) -> Vec<Command> {
        if menu.loading {
            self.info("the conversation's labels are still loading");
            self.acts.menu = Some(menu);
            return Vec::new();
        }
        let ids = self.act_targets();
        let action = if ids.len() == 1 {
            imbox_model::ConversationAction::SetLabels(menu.checked)
        } else {
            imbox_model::ConversationAction::EditLabels { add: menu.checked, remove: Vec::new() }
        };
        self.act(action, ids)
    }
}
