//! Alerts that reach the agent outside imbox: which events deserve one (the triggers), whether
//! this account wants it now (its rules, quiet hours, the terminal's focus), how a burst
//! becomes one alert ("3 new messages"), and which way it goes out.
//!
//! Pure like the rest of the state: the time is the state's `now` (ticks carry it), and the
//! delivery is data — a desktop notification is a [`Command`] for `effects/alert.rs`; a terminal
//! notification (OSC 777, OSC 9, the bell) is bytes the state keeps until the loop writes them
//! between frames ([`State::take_terminal_alert`]), so nothing ever writes into a frame being
//! drawn.
//!
//! Where triggers come from: the realtime events ([`alert_for_event`], called by
//! `state/live.rs` for each event it applies) and polling, which builds an [`AlertTrigger`]
//! from what it found ([`AlertTrigger::new_message`], [`AlertTrigger::notification`], …) and
//! calls [`State::raise_alert`] — or hands the poll's answer to
//! [`State::alert_new_notifications`] / [`State::alert_new_messages`] (`alerts/polled.rs`),
//! which pick what is new.

pub mod inert;
pub mod polled;
pub mod terminals;

use super::State;
use crate::action::alert::AlertNote;
use crate::action::{Action, AlertAction};
pub use crate::command::AlertChannel;
use crate::command::{AlertCommand, Command};
use imbox_model::live::{LiveEvent, NotificationChange};
use imbox_model::{Conversation, Message, Notification, Sender};
use jiff::{SignedDuration, Timestamp};
use std::time::Duration;

/// At most one alert per this much time; what arrives meanwhile goes out as one alert when it
/// ends.
pub const COALESCE: Duration = Duration::from_secs(5);
/// In a terminal that never reports its focus, an agent who pressed a key this recently is
/// taken to be looking at imbox (the simulator of the embedded demo, or a busy account, would
/// otherwise ring at an agent typing a reply).
pub const ATTENTION: Duration = Duration::from_secs(30);

/// Triggers held during one window beyond which only the count grows.
const HELD_MAX: usize = 64;

/// What an alert is about: each kind has a rule that turns it on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertKind {
    /// A customer wrote in a conversation assigned to me.
    NewMessageMine,
    /// A colleague mentioned me.
    Mention,
    /// A new conversation nobody is assigned to.
    NewUnassigned,
    /// A new notification of the notification centre.
    Notification,
}

impl AlertKind {
    /// How `n` alerts of this kind are counted ("3 new messages").
    fn count(self, n: usize) -> String {
        let (one, many) = match self {
            AlertKind::NewMessageMine => ("new message", "new messages"),
            AlertKind::Mention => ("mention", "mentions"),
            AlertKind::NewUnassigned => ("new conversation", "new conversations"),
            AlertKind::Notification => ("new notification", "new notifications"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// Something that may deserve an alert, with the (still raw) text to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertTrigger {
    /// Which rule decides.
    pub kind: AlertKind,
    /// The headline ("New message from Dana").
    pub headline: String,
    /// The text under it (the message's preview, the notification's content).
    pub text: String,
    /// The conversation it is about, when known.
    pub conversation_id: Option<String>,
}

/// `s`, or `fallback` when it is blank.
fn or(s: &str, fallback: &str) -> String {
    if s.trim().is_empty() { fallback.to_string() } else { s.to_string() }
}

impl AlertTrigger {
    /// A customer's message in a conversation assigned to me (`conversation`, when known,
    /// names the customer if the message does not).
    pub fn new_message(message: &Message, conversation: Option<&Conversation>) -> Self {
        let who = match conversation {
            Some(c) if message.sender_name.trim().is_empty() => or(&c.contact_name, &c.name),
            _ => message.sender_name.clone(),
        };
        let mut text = message.body.preview();
        if text.trim().is_empty() && !message.attachments.is_empty() {
            text = format!("{} attachment(s)", message.attachments.len());
        }
        AlertTrigger {
            kind: AlertKind::NewMessageMine,
            headline: format!("New message from {}", or(&who, "a customer")),
            text,
            conversation_id: Some(message.conversation_id.clone()),
        }
    }

    /// I was mentioned in `conversation`.
    pub fn mention(conversation: &Conversation) -> Self {
        AlertTrigger {
            kind: AlertKind::Mention,
            headline: format!("You were mentioned · {}", conversation_label(conversation)),
            text: conversation.latest_message.clone().unwrap_or_default(),
            conversation_id: Some(conversation.id.clone()),
        }
    }

    /// A new conversation nobody is assigned to.
    pub fn new_conversation(conversation: &Conversation) -> Self {
        AlertTrigger {
            kind: AlertKind::NewUnassigned,
            headline: format!("New conversation · {}", conversation_label(conversation)),
            text: conversation.latest_message.clone().unwrap_or_default(),
            conversation_id: Some(conversation.id.clone()),
        }
    }

    /// A new notification of the notification centre.
    pub fn notification(n: &Notification) -> Self {
        AlertTrigger {
            kind: AlertKind::Notification,
            headline: or(&n.title, "New notification"),
            text: n.content.clone(),
            conversation_id: n.conversation_id.clone(),
        }
    }
}

/// A conversation as a headline names it: its contact, else its name, else its id.
fn conversation_label(c: &Conversation) -> String {
    or(&or(&c.contact_name, &c.name), &format!("#{}", c.id))
}

/// The alert a realtime event deserves, before any rule: a customer's message in a conversation
/// assigned to `me` (the agent's own id, when known), a mention, a new unassigned conversation,
/// a new notification. Call it for events of this account, after applying them.
pub fn alert_for_event(event: &LiveEvent, me: Option<u64>) -> Option<AlertTrigger> {
    match event {
        LiveEvent::MessageCreated { message, conversation } => {
            let incoming = message.sender == Sender::Contact && !message.private;
            let mine = me.is_some() && conversation.as_ref().and_then(|c| c.assignee_id) == me;
            (incoming && mine).then(|| AlertTrigger::new_message(message, None))
        }
        LiveEvent::Mentioned(c) => Some(AlertTrigger::mention(c)),
        LiveEvent::ConversationCreated(c) if c.assignee_id.is_none() && c.assignee.is_empty() => {
            Some(AlertTrigger::new_conversation(c))
        }
        LiveEvent::Notification { change: NotificationChange::Created, notification, .. } => {
            Some(match notification {
                Some(n) => AlertTrigger::notification(n),
                None => AlertTrigger::notification(&Notification::default()),
            })
        }
        _ => None,
    }
}

/// One account's alert rules and ways of delivery (from the config file; see
/// docs/configuration.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRules {
    /// Alert on [`AlertKind::NewMessageMine`].
    pub new_message_mine: bool,
    /// Alert on [`AlertKind::Mention`].
    pub mention: bool,
    /// Alert on [`AlertKind::NewUnassigned`].
    pub new_unassigned: bool,
    /// Alert on [`AlertKind::Notification`].
    pub any_notification: bool,
    /// No alert between these local times (minutes after midnight; start may be after end:
    /// the window crosses midnight).
    pub quiet_hours: Option<(u16, u16)>,
    /// The ways to try, in order (empty: alerts are off).
    pub channels: Vec<AlertChannel>,
    /// Inside tmux: terminal sequences go through tmux's passthrough.
    pub tmux: bool,
}

impl Default for AlertRules {
    /// The config file's defaults, delivered by the bell (the real ways are found at start).
    fn default() -> Self {
        AlertRules {
            new_message_mine: true,
            mention: true,
            new_unassigned: false,
            any_notification: false,
            quiet_hours: None,
            channels: vec![AlertChannel::Bell],
            tmux: false,
        }
    }
}

impl AlertRules {
    /// Whether this kind of alert is on.
    pub fn wants(&self, kind: AlertKind) -> bool {
        match kind {
            AlertKind::NewMessageMine => self.new_message_mine,
            AlertKind::Mention => self.mention,
            AlertKind::NewUnassigned => self.new_unassigned,
            AlertKind::Notification => self.any_notification,
        }
    }

    /// Whether `minute` (after local midnight) is in the quiet hours.
    pub fn quiet_at(&self, minute: u16) -> bool {
        match self.quiet_hours {
            Some((start, end)) if start <= end => (start..end).contains(&minute),
            Some((start, end)) => minute >= start || minute < end,
            None => false,
        }
    }
}

/// The alerts of one account: its rules, the window in progress, what waits to be written.
#[derive(Debug, Clone, Default)]
pub struct AlertsState {
    /// The account's rules.
    pub rules: AlertRules,
    /// When the last alert went out (the coalescing window runs from there).
    last_sent: Option<Timestamp>,
    /// Triggers that arrived during the window, oldest first (at most [`HELD_MAX`]).
    held: Vec<AlertTrigger>,
    /// How many triggers arrived during the window (may exceed `held`'s length).
    held_count: usize,
    /// A flush is scheduled for the end of the window.
    flush_scheduled: bool,
    /// The conversations this window alerted or holds an alert about: a notification about
    /// one of them is the same news told twice (Chatwoot sends both for a customer's message).
    window_conversations: Vec<String>,
    /// Terminal bytes for the loop to write after the next frame.
    terminal: Vec<u8>,
    /// A desktop notification failed once: the next ways are used from then on (a missing
    /// notification daemon does not come back by itself).
    desktop_failed: bool,
    /// What the last notifications poll held (`polled.rs`).
    seen_notifications: polled::SeenNotifications,
    /// Alerts delivered so far (tests; the log).
    pub delivered: u64,
    /// The terminal has reported its focus at least once: from then on its reports decide.
    pub focus_reported: bool,
}

impl State {
    /// Decides whether `trigger` alerts the agent now, and how: off by the account's rules, in
    /// quiet hours, or while the imbox terminal has the focus, nothing; within
    /// [`COALESCE`] of the last alert, held and delivered with the others of the burst when the
    /// window ends; otherwise delivered now. Returns the commands that deliver it (a desktop
    /// notification) — a terminal notification is kept for the loop instead.
    pub fn raise_alert(&mut self, trigger: AlertTrigger) -> Vec<Command> {
        let (kind, focused, quiet) = (trigger.kind, self.agent_is_looking(), self.in_quiet_hours());
        if !self.alerts.rules.wants(kind) || self.alerts.rules.channels.is_empty() || focused || quiet {
            tracing::debug!(
                ?kind,
                focused,
                quiet,
                "no alert: off, the terminal has the focus, or quiet hours"
            );
            return Vec::new();
        }
        let a = &mut self.alerts;
        let window_end = a.last_sent.map(|t| t + SignedDuration::try_from(COALESCE).unwrap_or_default());
        let in_window = window_end.is_some_and(|end| self.now < end);
        if !in_window {
            a.window_conversations.clear();
        }
        if let Some(id) = &trigger.conversation_id {
            let told = a.window_conversations.contains(id);
            if told && trigger.kind == AlertKind::Notification {
                return Vec::new();
            }
            if !told && a.window_conversations.len() < HELD_MAX {
                a.window_conversations.push(id.clone());
            }
        }
        match window_end {
            Some(end) if in_window => {
                if a.held.len() < HELD_MAX {
                    a.held.push(trigger);
                }
                a.held_count += 1;
                if std::mem::replace(&mut a.flush_scheduled, true) {
                    return Vec::new();
                }
                let after = Duration::try_from(end - self.now).unwrap_or(COALESCE);
                vec![Command::Schedule { after, action: Box::new(Action::Alert(AlertAction::Flush)) }]
            }
            _ => self.deliver(&[trigger], 1),
        }
    }

    /// Handles the alerts' own actions.
    pub(crate) fn update_alerts(&mut self, action: AlertAction) -> Vec<Command> {
        match action {
            AlertAction::TerminalFocus(focused) => {
                self.terminal_focused = focused;
                self.alerts.focus_reported = true;
                if focused {
                    // The agent is looking: what the window held is seen now.
                    self.alerts.held.clear();
                    self.alerts.held_count = 0;
                }
                Vec::new()
            }
            AlertAction::Flush => {
                self.alerts.flush_scheduled = false;
                let held = std::mem::take(&mut self.alerts.held);
                let count = std::mem::take(&mut self.alerts.held_count);
                if held.is_empty() || self.agent_is_looking() || self.in_quiet_hours() {
                    return Vec::new();
                }
                self.deliver(&held, count)
            }
            AlertAction::DesktopFailed { note, error: _ } => {
                self.alerts.desktop_failed = true;
                self.send_note(note)
            }
        }
    }

    /// Whether the agent is looking at imbox: the terminal has the focus, or — in a terminal
    /// that has never reported its focus — a key was pressed within [`ATTENTION`].
    fn agent_is_looking(&self) -> bool {
        if self.alerts.focus_reported {
            return self.terminal_focused;
        }
        let attention = SignedDuration::try_from(ATTENTION).unwrap_or_default();
        self.poll.last_key.is_some_and(|at| self.now < at + attention)
    }

    /// The terminal bytes of alerts not yet written, for the loop to write between frames.
    pub fn take_terminal_alert(&mut self) -> Option<Vec<u8>> {
        (!self.alerts.terminal.is_empty()).then(|| std::mem::take(&mut self.alerts.terminal))
    }

    /// Whether the state's `now` is in this account's quiet hours (local time).
    fn in_quiet_hours(&self) -> bool {
        let local = self.now.to_zoned(self.tz.clone());
        let minute = u16::try_from(i32::from(local.hour()) * 60 + i32::from(local.minute())).unwrap_or(0);
        self.alerts.rules.quiet_at(minute)
    }

    /// One alert for `triggers` (`count` of them arrived; the last is the newest).
    fn deliver(&mut self, triggers: &[AlertTrigger], count: usize) -> Vec<Command> {
        let Some(last) = triggers.last() else { return Vec::new() };
        let (headline, body) = if count <= 1 {
            (last.headline.clone(), last.text.clone())
        } else {
            let kind = last.kind;
            let summary = if triggers.iter().all(|t| t.kind == kind) {
                kind.count(count)
            } else {
                format!("{count} new alerts")
            };
            (summary, format!("latest: {} · {}", last.headline, last.text))
        };
        let title = match self.account.name.as_str() {
            "" => format!("imbox · {headline}"),
            account => format!("imbox · {account} · {headline}"),
        };
        self.alerts.last_sent = Some(self.now);
        self.alerts.delivered += 1;
        self.send_note(inert::inert_note(&title, &body))
    }

    /// Sends `note` the first way that is left: a desktop notification is a command; a
    /// terminal one is kept for the loop.
    fn send_note(&mut self, note: AlertNote) -> Vec<Command> {
        let a = &mut self.alerts;
        let channel = a.rules.channels.iter().find(|c| **c != AlertChannel::Desktop || !a.desktop_failed);
        match channel {
            Some(AlertChannel::Desktop) => vec![Command::Alert(AlertCommand::Desktop(note))],
            Some(&c) => {
                a.terminal.extend(inert::sequence(c, &note, a.rules.tmux));
                Vec::new()
            }
            None => Vec::new(),
        }
    }
}
