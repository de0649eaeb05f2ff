//! The `:` command line (aerc and vim habit): `:resolve`, `:snooze 2h`, `:assign Dana Levi`,
//! `:label +vip -billing`, `:view mine`, `:quit`… Each command builds the very [`Action`] its
//! key sends, so a key and a command can never disagree; the table [`COMMANDS`] is the one
//! place a command is added (one line: name, arguments, help, how to build the action).
//!
//! Tab completes the command name, then its argument (agent, team and label names, snooze
//! presets, priorities, views, statuses); again, the next candidate. ↑/↓ walk the history. A
//! line that does not parse stays open with the reason beside it.

use super::when;
use crate::action::{
    ActAction as A, Action, CmdLineAction as C, ComposeAction, InboxAction, LineEdit, NotificationAction,
};
use crate::command::Command;
use crate::state::State;
use crate::state::search::LineEditor;
use imbox_model::{InboxView, Priority, StatusFilter};

/// Lines kept in the history.
pub const HISTORY: usize = 100;

/// What a command's argument is, for completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Args {
    /// No argument.
    None,
    /// Free text.
    Text,
    /// A snooze time or preset.
    Snooze,
    /// `me`, an agent's name, or `team <name>`.
    Assign,
    /// `+label`, `-label`, `label`.
    Labels,
    /// A priority or `none`.
    Priority,
    /// A view.
    View,
    /// A status filter.
    Status,
}

/// How to build a command's action from its argument (trimmed; may be empty).
pub type Build = fn(&State, &str) -> Result<Action, String>;

/// One command of the command line.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    /// Its name.
    pub name: &'static str,
    /// Its argument.
    pub args: Args,
    /// What it does, for the help and the completion list.
    pub help: &'static str,
    /// How the argument becomes the action.
    pub build: Build,
}

const fn cmd(name: &'static str, args: Args, help: &'static str, build: Build) -> CommandSpec {
    CommandSpec { name, args, help, build }
}

fn no_arg(action: Action) -> impl Fn(&str) -> Result<Action, String> {
    move |arg: &str| {
        if arg.is_empty() { Ok(action.clone()) } else { Err(format!("takes no argument (got “{arg}”)")) }
    }
}

/// Every command.
pub static COMMANDS: &[CommandSpec] = &[
    cmd("resolve", Args::None, "resolve", |_, a| no_arg(Action::Act(A::Resolve))(a)),
    cmd("reopen", Args::None, "reopen", |_, a| no_arg(Action::Act(A::Reopen))(a)),
    cmd("pending", Args::None, "mark pending", |_, a| no_arg(Action::Act(A::Pending))(a)),
    cmd("snooze", Args::Snooze, "snooze: 2h, tomorrow, fri 9:00, 2026-12-24 10:30, reply", snooze),
    cmd("assign", Args::Assign, "assign: me, an agent's name, team <name>", assign),
    cmd("unassign", Args::None, "remove the assignee", |_, a| no_arg(Action::Act(A::Unassign))(a)),
    cmd("label", Args::Labels, "labels: +add -remove", label),
    cmd("priority", Args::Priority, "priority: none low medium high urgent", priority),
    cmd("unread", Args::None, "mark unread", |_, a| no_arg(Action::Act(A::MarkUnread))(a)),
    cmd("reply", Args::None, "reply to the customer (the composer)", |_, a| {
        no_arg(Action::Compose(ComposeAction::Reply))(a)
    }),
    cmd("note", Args::None, "write a private note (the composer)", |_, a| {
        no_arg(Action::Compose(ComposeAction::Note))(a)
    }),
    cmd("quote", Args::None, "reply quoting the message at the bottom of the thread", |_, a| {
        no_arg(Action::Compose(ComposeAction::ReplyToMessage))(a)
    }),
    cmd("retry", Args::None, "send the failed message of the thread again", |_, a| {
        no_arg(Action::Compose(ComposeAction::Retry))(a)
    }),
    cmd("status", Args::Status, "status filter: open pending snoozed resolved all", status),
    cmd("view", Args::View, "view: mine unassigned all", view),
    cmd("search", Args::Text, "search messages (empty: no search)", |_, a| {
        Ok(Action::Inbox(InboxAction::SetQuery(a.to_string())))
    }),
    cmd("filter", Args::None, "the filter picker", |_, a| no_arg(Action::Inbox(InboxAction::OpenFilters))(a)),
    cmd("contacts", Args::None, "the contact list / the inbox", |_, a| {
        no_arg(Action::Inbox(InboxAction::ToggleContacts))(a)
    }),
    cmd("refresh", Args::None, "reload the pane", |_, a| no_arg(Action::Refresh)(a)),
    cmd("next-unread", Args::None, "open the next conversation with something unread", |_, a| {
        no_arg(Action::Unread(crate::action::UnreadAction::Next))(a)
    }),
    cmd("notifications", Args::None, "the notification centre", |_, a| {
        no_arg(Action::Notify(NotificationAction::Toggle))(a)
    }),
    cmd("account", Args::None, "switch to the next account", |_, a| no_arg(Action::NextAccount)(a)),
    cmd("help", Args::None, "the help overlay", |_, a| no_arg(Action::ToggleHelp)(a)),
    cmd("quit", Args::None, "leave imbox", |_, a| no_arg(Action::Quit)(a)),
];

/// Short names that are not prefixes of one command alone.
const ALIASES: [(&str, &str); 2] = [("q", "quit"), ("s", "snooze")];

/// The command `name` stands for: its exact name, an alias, or the one command it begins.
pub fn find(name: &str) -> Result<&'static CommandSpec, String> {
    let name = ALIASES.iter().find(|(a, _)| *a == name).map_or(name, |(_, full)| *full);
    if let Some(c) = COMMANDS.iter().find(|c| c.name == name) {
        return Ok(c);
    }
    let starts: Vec<&CommandSpec> = COMMANDS.iter().filter(|c| c.name.starts_with(name)).collect();
    match starts.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("unknown command :{name} (Tab lists them)")),
        many => {
            let names: Vec<&str> = many.iter().map(|c| c.name).collect();
            Err(format!(":{name} is ambiguous: {}", names.join(", ")))
        }
    }
}

/// The action `line` stands for in `state` (without the `:`).
pub fn parse(state: &State, line: &str) -> Result<Action, String> {
    let line = line.trim().trim_start_matches(':').trim_start();
    let (name, arg) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let spec = find(name)?;
    (spec.build)(state, arg.trim()).map_err(|e| format!(":{} {e}", spec.name))
}

fn snooze(s: &State, arg: &str) -> Result<Action, String> {
    if arg.is_empty() {
        return Ok(Action::Act(A::SnoozeMenu));
    }
    when::parse(arg, s.now, &s.tz)?;
    Ok(Action::Act(A::Snooze(arg.to_string())))
}

/// `name` among `names`: equal ignoring case, else the one that begins with it or contains it.
fn pick<'a, T>(
    what: &str,
    name: &str,
    items: impl Iterator<Item = (&'a str, T)> + Clone,
) -> Result<T, String> {
    let low = name.to_lowercase();
    let by =
        |f: &dyn Fn(&str) -> bool| items.clone().filter(|(n, _)| f(&n.to_lowercase())).collect::<Vec<_>>();
    for mut found in [by(&|n| n == low), by(&|n| n.starts_with(&low)), by(&|n| n.contains(&low))] {
        match found.len() {
            0 => continue,
            1 => return Ok(found.remove(0).1),
            _ => {
                let names: Vec<&str> = found.iter().map(|(n, _)| *n).collect();
                return Err(format!("“{name}” could be {}", names.join(", ")));
            }
        }
    }
    Err(format!("no {what} called “{name}”"))
}

fn assign(s: &State, arg: &str) -> Result<Action, String> {
    if arg.is_empty() {
        return Ok(Action::Act(A::AssignMenu));
    }
    if arg.eq_ignore_ascii_case("me") {
        return Ok(Action::Act(A::AssignMe));
    }
    if let Some(team) = arg.strip_prefix("team ").map(str::trim) {
        let teams = s.inbox.options.options.as_ref().ok_or("the teams are not loaded yet")?;
        let id = pick("team", team, teams.teams.iter().map(|(id, n)| (n.as_str(), *id)))?;
        return Ok(Action::Act(A::AssignTeam(id)));
    }
    let agents = match &s.acts.agents {
        Some(a) => a,
        None => {
            return Err(s.acts.agents_error.clone().unwrap_or_else(|| "the agents are still loading".into()));
        }
    };
    let id = pick("agent", arg, agents.iter().map(|a| (a.name.as_str(), a.id)))?;
    Ok(Action::Act(A::AssignAgent(id)))
}

fn label(s: &State, arg: &str) -> Result<Action, String> {
    if arg.is_empty() {
        return Ok(Action::Act(A::LabelsPicker));
    }
    let known: Vec<&String> = s.inbox.options.options.iter().flat_map(|o| o.labels.iter()).collect();
    let (mut add, mut remove) = (Vec::new(), Vec::new());
    for word in arg.split_whitespace() {
        let (list, name) = match word.strip_prefix('-') {
            Some(n) => (&mut remove, n),
            None => (&mut add, word.strip_prefix('+').unwrap_or(word)),
        };
        if name.is_empty() {
            return Err("a label after + or -".into());
        }
        // The server drops unknown labels silently: say so here instead.
        if !known.is_empty() && !known.iter().any(|k| k.as_str() == name) {
            return Err(format!("no label called “{name}” in this account"));
        }
        list.push(name.to_string());
    }
    Ok(Action::Act(A::EditLabels { add, remove }))
}

fn priority(_: &State, arg: &str) -> Result<Action, String> {
    match arg {
        "" => Ok(Action::Act(A::PriorityPicker)),
        "none" => Ok(Action::Act(A::SetPriority(None))),
        p => Priority::parse(p)
            .map(|p| Action::Act(A::SetPriority(Some(p))))
            .ok_or_else(|| format!("“{p}” is not a priority: none low medium high urgent")),
    }
}

/// The one of `all` named `arg` (ignoring case), as an action; else which names there are.
fn one_of<T: Copy>(
    what: &str,
    arg: &str,
    all: &[T],
    name: fn(T) -> String,
    build: fn(T) -> Action,
) -> Result<Action, String> {
    let arg = arg.to_lowercase();
    match all.iter().find(|v| name(**v) == arg) {
        Some(v) => Ok(build(*v)),
        None => {
            let names: Vec<String> = all.iter().map(|v| name(*v)).collect();
            Err(format!("“{arg}” is not a {what}: {}", names.join(" ")))
        }
    }
}

fn view(_: &State, arg: &str) -> Result<Action, String> {
    one_of("view", arg, &InboxView::ALL, |v| v.to_string(), |v| Action::Inbox(InboxAction::SetView(v)))
}

fn status(_: &State, arg: &str) -> Result<Action, String> {
    let name = |s: StatusFilter| s.as_str().to_string();
    one_of("status", arg, &StatusFilter::CYCLE, name, |s| Action::Inbox(InboxAction::SetStatus(s)))
}

/// The candidates Tab offers for the text before the cursor: (where the completed part starts,
/// in chars; the candidates).
pub fn candidates(state: &State, before: &str) -> (usize, Vec<String>) {
    let Some((name, arg)) = before.split_once(' ') else {
        let names = COMMANDS.iter().map(|c| c.name.to_string()).filter(|n| n.starts_with(before)).collect();
        return (0, names);
    };
    let Ok(spec) = find(name) else { return (0, Vec::new()) };
    let arg_start = name.chars().count() + 1;
    let words = |list: Vec<String>, typed: &str, start: usize| {
        let low = typed.to_lowercase();
        (start, list.into_iter().filter(|w| w.to_lowercase().starts_with(&low)).collect())
    };
    let arg = arg.trim_start();
    let arg_start = arg_start + (before.chars().count() - arg_start - arg.chars().count());
    match spec.args {
        Args::None | Args::Text => (arg_start, Vec::new()),
        Args::Snooze => {
            let mut list = state.acts.snooze_presets.clone();
            for w in ["tomorrow", "reply", "mon", "fri", "1h", "2h", "30m"] {
                if !list.iter().any(|p| p == w) {
                    list.push(w.to_string());
                }
            }
            words(list, arg, arg_start)
        }
        Args::Assign => {
            if let Some(team) = arg.strip_prefix("team ") {
                let teams =
                    state.inbox.options.options.iter().flat_map(|o| o.teams.iter().map(|(_, n)| n.clone()));
                let (s, c) = words(teams.collect(), team, arg_start + 5);
                return (s, c);
            }
            let mut list = vec!["me".to_string(), "team ".to_string()];
            list.extend(state.acts.agents.iter().flatten().map(|a| a.name.clone()));
            words(list, arg, arg_start)
        }
        Args::Labels => {
            let word = arg.rsplit(' ').next().unwrap_or("");
            let start = before.chars().count() - word.chars().count();
            let (sign, typed) = match word.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &word[1..]),
                _ => (String::new(), word),
            };
            let labels = state.inbox.options.options.iter().flat_map(|o| o.labels.iter());
            let list = labels.map(|l| format!("{sign}{l}")).collect();
            words(list, &format!("{sign}{typed}"), start)
        }
        Args::Priority => {
            let list = std::iter::once("none").chain(Priority::ALL.iter().map(|p| p.as_str()));
            words(list.map(String::from).collect(), arg, arg_start)
        }
        Args::View => words(InboxView::ALL.iter().map(|v| v.to_string()).collect(), arg, arg_start),
        Args::Status => {
            words(StatusFilter::CYCLE.iter().map(|s| s.as_str().to_string()).collect(), arg, arg_start)
        }
    }
}

/// The command line while open.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CmdLine {
    /// The text after the `:`.
    pub line: LineEditor,
    /// Tab's candidates, while cycling.
    pub completion: Option<Completion>,
    /// Why the line could not run, shown beside it until the next key.
    pub error: Option<String>,
    /// The history entry shown (index into the history), while walking it.
    history_pos: Option<usize>,
    /// What was typed before walking the history.
    stash: String,
}

/// Tab's candidates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Completion {
    /// The candidates.
    pub candidates: Vec<String>,
    /// The one inserted.
    pub index: usize,
    /// The text before the completed part.
    prefix: String,
    /// The line as the last Tab left it (another key ends the cycling).
    produced: String,
}

/// A line editor holding `text`, the cursor at its end.
fn line_with(text: &str) -> LineEditor {
    let mut l = LineEditor::default();
    for c in text.chars() {
        let _ = l.insert(c);
    }
    l
}

impl State {
    /// Handles a key of the command line.
    pub(crate) fn update_cmdline(&mut self, action: C) -> Vec<Command> {
        match action {
            C::Open => {
                self.acts.menu = None;
                self.acts.cmdline = Some(CmdLine::default());
                return Vec::new();
            }
            C::OpenWith(text) => {
                self.acts.menu = None;
                self.acts.cmdline = Some(CmdLine { line: line_with(&text), ..CmdLine::default() });
                return Vec::new();
            }
            _ => {}
        }
        let history = self.acts.history.clone();
        let Some(cl) = self.acts.cmdline.as_mut() else { return Vec::new() };
        cl.error = None;
        if !matches!(action, C::Complete | C::CompleteBack) {
            cl.completion = None;
        }
        match action {
            // Backspace on an empty line closes it, as in vim.
            C::Edit(LineEdit::Backspace) if cl.line.text().is_empty() => self.acts.cmdline = None,
            C::Edit(edit) => drop(cl.line.apply(edit)),
            C::HistoryPrev | C::HistoryNext => {
                let pos = match (action == C::HistoryPrev, cl.history_pos) {
                    (true, None) if !history.is_empty() => {
                        cl.stash = cl.line.text().to_string();
                        Some(history.len() - 1)
                    }
                    (true, Some(p)) => Some(p.saturating_sub(1)),
                    (false, Some(p)) if p + 1 < history.len() => Some(p + 1),
                    (false, Some(_)) => None,
                    (_, None) => return Vec::new(),
                };
                cl.history_pos = pos;
                let text = pos.and_then(|p| history.get(p)).cloned().unwrap_or_else(|| cl.stash.clone());
                cl.line = line_with(&text);
            }
            C::Complete | C::CompleteBack => {
                let back = action == C::CompleteBack;
                // Tab again after a completion cycles through its candidates; after a completion
                // that had only one, it completes afresh (the command's arguments come next).
                let cycling = cl
                    .completion
                    .as_ref()
                    .filter(|c| c.produced == cl.line.text() && c.candidates.len() > 1)
                    .cloned();
                let completion = match cycling {
                    Some(mut c) => {
                        let n = c.candidates.len();
                        c.index = if back { (c.index + n - 1) % n } else { (c.index + 1) % n };
                        c
                    }
                    None => {
                        let before = cl.line.before_cursor().to_string();
                        let (start, candidates) = candidates(self, &before);
                        let Some(cl) = self.acts.cmdline.as_mut() else { return Vec::new() };
                        if candidates.is_empty() {
                            cl.error = Some("nothing to complete".into());
                            return Vec::new();
                        }
                        let prefix: String = before.chars().take(start).collect();
                        let index = if back { candidates.len() - 1 } else { 0 };
                        Completion { candidates, index, prefix, produced: String::new() }
                    }
                };
                let Some(cl) = self.acts.cmdline.as_mut() else { return Vec::new() };
                let chosen = &completion.candidates[completion.index];
                // A command name, or the only candidate, is followed by a space.
                let space = if completion.candidates.len() == 1 && !chosen.ends_with(' ') { " " } else { "" };
                let text = format!("{}{chosen}{space}", completion.prefix);
                cl.line = line_with(&text);
                cl.completion = Some(Completion { produced: text, ..completion });
            }
            C::Cancel => self.acts.cmdline = None,
            C::Submit => return self.run_cmdline(),
            C::Open | C::OpenWith(_) => {}
        }
        Vec::new()
    }

    /// Enter: runs the line, or keeps it open with the reason it cannot run.
    fn run_cmdline(&mut self) -> Vec<Command> {
        let Some(cl) = self.acts.cmdline.as_ref() else { return Vec::new() };
        let text = cl.line.text().trim().to_string();
        if text.is_empty() {
            self.acts.cmdline = None;
            return Vec::new();
        }
        match parse(self, &text) {
            Ok(action) => {
                self.acts.cmdline = None;
                if self.acts.history.last() != Some(&text) {
                    self.acts.history.push(text);
                    if self.acts.history.len() > HISTORY {
                        self.acts.history.remove(0);
                    }
                }
                // The event loop switches accounts; hand it the action.
                if action == Action::NextAccount {
                    self.acts.forward = Some(action);
                    return Vec::new();
                }
                self.update(action)
            }
            Err(e) => {
                if let Some(cl) = self.acts.cmdline.as_mut() {
                    cl.error = Some(e);
                }
                Vec::new()
            }
        }
    }
}
