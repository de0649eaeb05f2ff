//! The realtime channel as the app sees it: its state for the header (LIVE, CONNECTING…,
//! POLLING), and every event it pushes applied to what is on screen without a key.
//!
//! The socket task (`effects/live.rs`) reports [`LiveAction`]s on the account's result channel.
//! A message lands in the open thread and moves its conversation's row to the top
//! (`live/rows.rs`); a conversation change updates its rows and moves them between the inbox
//! views (`live/views.rs`); typing shows under the thread (`live/typing.rs`); notifications move
//! the badge and the open notification centre (`live/notify.rs`). After the channel was lost,
//! the next `Live` fetches what may have been missed meanwhile: nothing is replayed by the
//! server.

mod notify;
mod rows;
mod typing;
mod views;

use super::State;
use crate::action::LiveAction;
use crate::command::Command;
use imbox_model::live::{LiveEvent, LiveStatus};
use jiff::{SignedDuration, Timestamp};
pub use typing::Typist;

/// How long after a burst of conversation events the inbox page in view and its counts are
/// asked again, so the server corrects what was adjusted locally (one request per burst).
const SETTLE: SignedDuration = SignedDuration::from_secs(2);

/// The realtime channel of the account.
#[derive(Debug, Clone, Default)]
pub struct LiveState {
    /// Where the channel stands (Polling for a backend without one).
    pub status: LiveStatus,
    /// The channel was lost or refused since it was last live: the next `Live` catches up.
    missed: bool,
    /// The fallback to polling was announced in the status line (once).
    said_fallback: bool,
    /// Who types where, until when.
    typing: Vec<Typist>,
    /// When the inbox is asked again after conversation events.
    inbox_due: Option<Timestamp>,
    /// Events applied (for the log and the benchmarks).
    pub events: u64,
    /// The channel's user id, until the profile is loaded (who "me" is for the alerts).
    pub user: Option<u64>,
}

impl State {
    /// Whether the realtime channel is live: changes arrive as they happen, so the polls it
    /// covers may pause.
    pub fn socket_live(&self) -> bool {
        self.live.status == LiveStatus::Live
    }

    /// Marks the account as one with a realtime channel: the header says CONNECTING… until the
    /// socket task reports.
    pub fn expect_realtime(&mut self) {
        if self.live.status == LiveStatus::Polling {
            self.live.status = LiveStatus::Connecting;
        }
    }

    /// Handles an update of the realtime channel.
    pub(crate) fn update_live(&mut self, action: LiveAction) -> Vec<Command> {
        let mut cmds = Vec::new();
        match action {
            LiveAction::User(id) => self.live.user = Some(id),
            LiveAction::Connecting => {
                // A refused channel keeps saying why while it tries again in the background.
                if !matches!(self.live.status, LiveStatus::Fallback(_)) {
                    self.live.status = LiveStatus::Connecting;
                }
            }
            LiveAction::Live => {
                self.live.status = LiveStatus::Live;
                tracing::debug!(catch_up = self.live.missed, "realtime channel live");
                if std::mem::take(&mut self.live.missed) {
                    cmds.extend(self.catch_up());
                }
            }
            LiveAction::Lost(why) => {
                tracing::debug!("realtime channel lost: {why}");
                self.live.status = LiveStatus::Connecting;
                self.live.missed = true;
                // Nobody renews typing while the channel is down.
                self.live.typing.clear();
            }
            LiveAction::Unavailable(why) => {
                self.live.missed = true;
                self.live.typing.clear();
                if !std::mem::replace(&mut self.live.said_fallback, true) {
                    self.show_info(format!("POLLING · realtime unavailable: {why}"), &mut cmds);
                }
                self.live.status = LiveStatus::Fallback(why);
            }
            LiveAction::Event(event) => {
                self.live.events += 1;
                cmds.extend(self.apply_event(*event));
            }
        }
        cmds
    }

    /// Applies one event to everything that shows what it changed, then raises the alert it
    /// deserves (the rules, quiet hours and focus decide in `raise_alert`).
    fn apply_event(&mut self, event: LiveEvent) -> Vec<Command> {
        let me = self.acts.profile.as_ref().map(|p| p.id).or(self.live.user);
        // Decided from the event as it came (applying it moves it into the state).
        let alert = super::alerts::alert_for_event(&event, me);
        let mut cmds = Vec::new();
        match event {
            LiveEvent::MessageCreated { message, conversation } => {
                self.message_arrived(message, conversation.as_ref(), &mut cmds);
            }
            LiveEvent::MessageUpdated { message, conversation } => {
                self.message_changed(message, conversation.as_ref());
            }
            LiveEvent::ConversationCreated(c) => {
                self.conversation_changed(c, true);
                self.settle_inbox();
            }
            LiveEvent::ConversationUpdated { conversation, .. } | LiveEvent::Mentioned(conversation) => {
                self.conversation_changed(conversation, false);
                self.settle_inbox();
            }
            LiveEvent::Typing { conversation_id, who, agent, on } => {
                self.typing_changed(conversation_id, who, agent, on);
            }
            LiveEvent::Notification { change, notification, unread_count, .. } => {
                self.notification_changed(change, notification, unread_count);
            }
            LiveEvent::ContactUpdated(contact) => self.replace_contact(&contact),
        }
        if let Some(trigger) = alert {
            cmds.extend(self.raise_alert(trigger));
        }
        cmds
    }

    /// Time passed: typing that was not renewed ends, and the inbox is asked again once a burst
    /// of conversation events has settled.
    pub(crate) fn live_tick(&mut self, now: Timestamp) -> Vec<Command> {
        if self.expire_typing(now) {
            self.dirty = true;
        }
        match self.live.inbox_due {
            Some(due) if due <= now => {
                self.live.inbox_due = None;
                self.reload_inbox_quietly()
            }
            _ => Vec::new(),
        }
    }

    /// Asks for the inbox page in view (and so its counts) again after `SETTLE`.
    fn settle_inbox(&mut self) {
        if self.live.inbox_due.is_none() {
            self.live.inbox_due = Some(self.now + SETTLE);
        }
    }

    /// The page in view and its counts again, keeping the rows on screen until the answer (not
    /// while a page is in flight: its answer is as new).
    fn reload_inbox_quietly(&mut self) -> Vec<Command> {
        if !self.inbox_shown() {
            return Vec::new();
        }
        let list = self.inbox.active_mut();
        if !list.is_known() || list.is_loading() {
            return Vec::new();
        }
        list.reload();
        self.inbox_fill()
    }

    /// After the channel was down: what may have changed meanwhile, fetched once — the open
    /// thread's messages after its newest one, the inbox page in view with its counts, the
    /// contact's conversations and the badge. A message already held is never added again.
    fn catch_up(&mut self) -> Vec<Command> {
        let mut cmds = Vec::new();
        if self.thread.conversation_id.is_some() && self.thread.loaded() > 0 {
            cmds.extend(self.reload_thread());
        }
        if self.inbox_shown() {
            let list = self.inbox.active_mut();
            if list.is_known() {
                list.reload();
            }
        }
        if let Some(contact_id) = self.conversations.contact_id.clone() {
            let req = self.req();
            self.conversations.refresh(req);
            cmds.push(Command::LoadConversations {
                req,
                contact_id,
                channel_types: self.conversations.channel_types(),
            });
        }
        cmds.extend(self.refresh_badge());
        cmds
    }
}
