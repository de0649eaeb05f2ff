//! Whether the server can be reached and accepts the token, and what the client is retrying.
//!
//! Every API result passes through [`State::observe`]: a network error or timeout marks the
//! account offline, a 401 marks the token rejected, any success marks it online again. While
//! offline, a cheap probe (the badge request) is repeated with growing pauses; the first success
//! brings the app back and re-asks for whatever failed, so nobody has to press `R`.

use super::State;
use crate::action::Action;
use crate::action::DetailsAction;
use crate::action::FormAction;
use crate::action::InboxAction;
use crate::action::NotificationAction;
use crate::action::ReloginAction;
use crate::action::SearchAction;
use crate::command::Command;
use imbox_api::ApiError;
use jiff::{SignedDuration, Timestamp};

/// First pause between offline probes; doubled after each failure up to [`MAX_PROBE_PAUSE`].
const FIRST_PROBE_PAUSE: i64 = 3;
/// Longest pause between offline probes, in seconds.
const MAX_PROBE_PAUSE: i64 = 30;

/// How the account's server looks from here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Link {
    /// Requests succeed (or nothing failed yet).
    #[default]
    Online,
    /// The server cannot be reached; probing again at `next_probe`.
    Offline {
        /// When the next probe goes out.
        next_probe: Timestamp,
        /// Seconds to wait after the next failed probe.
        pause: i64,
    },
    /// The server rejected the token (401/403).
    Rejected,
}

/// A retry the client announced, for the status-bar countdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retrying {
    /// Route template being retried.
    pub endpoint: &'static str,
    /// Which retry (1-based).
    pub attempt: u32,
    /// Why the last try failed.
    pub reason: String,
    /// When the retry goes out.
    pub at: Timestamp,
}

/// Connection state for the header and status bar.
#[derive(Debug, Clone, Default)]
pub struct ConnectionState {
    /// Reachability and token state.
    pub link: Link,
    /// The latest announced retry, while its countdown runs.
    pub retrying: Option<Retrying>,
    /// Why the server could not be reached, in plain words, while offline: the panes with
    /// nothing to show say it (`ui/offline.rs`).
    pub offline_reason: Option<String>,
}

/// What an action says about the server, if it carries an API result: `Ok(())` for a success,
/// the error otherwise. Every result-carrying action is listed, so the connection state sees
/// every answer, whichever feature asked.
pub fn api_outcome(action: &Action) -> Option<Result<(), &ApiError>> {
    fn of<T>(r: &Result<T, ApiError>) -> Option<Result<(), &ApiError>> {
        Some(r.as_ref().map(|_| ()))
    }
    match action {
        Action::ContactsLoaded { result, .. } => of(result),
        Action::ConversationsLoaded { result, .. } => of(result),
        Action::MessagesLoaded { result, .. } => of(result),
        Action::UnreadLoaded { result, .. } => of(result),
        Action::Probed(result) => of(result),
        Action::Search(SearchAction::Loaded { result, .. }) => of(result),
        Action::Search(SearchAction::LinksLoaded { result, .. }) => match result {
            // "No conversations found" is an answer, not a fault.
            Err(ApiError::NotFound { .. }) => Some(Ok(())),
            r => of(r),
        },
        Action::Notify(NotificationAction::Loaded { result, .. }) => of(result),
        Action::Notify(NotificationAction::Written { result, .. }) => of(result),
        Action::Details(DetailsAction::FilesLoaded { result, .. }) => of(result),
        Action::Details(DetailsAction::CommentsLoaded { result, .. }) => of(result),
        Action::Form(FormAction::Saved { result, .. }) => of(result),
        Action::Relogin(ReloginAction::Checked { result, .. }) => of(result),
        Action::Inbox(InboxAction::Loaded { result, .. }) => of(result),
        Action::Inbox(InboxAction::OptionsLoaded { result, .. }) => of(result),
        Action::Inbox(InboxAction::MarkedRead { result, .. }) => of(result),
        _ => None,
    }
}

impl State {
    /// Notes what a result says about the connection.
    pub fn observe<T>(&mut self, result: &Result<T, &ApiError>) {
        match result {
            Ok(_) => {
                if self.connection.link != Link::Online {
                    self.connection.link = Link::Online;
                    self.connection.offline_reason = None;
                    self.recover();
                }
            }
            Err(e) if e.is_auth() => self.connection.link = Link::Rejected,
            Err(e) if e.is_offline() => {
                self.connection.offline_reason = Some(e.to_string());
                if !matches!(self.connection.link, Link::Offline { .. } | Link::Rejected) {
                    self.connection.link = Link::Offline {
                        next_probe: self.now + SignedDuration::from_secs(FIRST_PROBE_PAUSE),
                        pause: FIRST_PROBE_PAUSE,
                    };
                }
            }
            Err(_) => {}
        }
    }

    /// Back online: forget the failures so the panes ask again for what they are missing.
    fn recover(&mut self) {
        self.last_error = None;
        self.contacts.error = None;
        for view in imbox_model::InboxView::ALL {
            self.inbox.list_mut(view).error = None;
        }
        if self.conversations.error.is_some() {
            self.conversations.error = None;
            self.conversations.loaded = false;
            self.pending_reload_conversations = true;
        }
        if self.thread.error.is_some() {
            self.thread.error = None;
        }
    }

    /// Called on every tick: probes while offline, ends a finished retry countdown.
    pub(super) fn connection_tick(&mut self, now: Timestamp) -> Vec<Command> {
        if let Some(r) = &self.connection.retrying {
            // Keep the countdown moving; drop it a second after it reached zero.
            self.dirty = true;
            if now > r.at + SignedDuration::from_secs(1) {
                self.connection.retrying = None;
            }
        }
        match self.connection.link {
            Link::Offline { next_probe, pause } if now >= next_probe => {
                let pause = (pause * 2).min(MAX_PROBE_PAUSE);
                self.connection.link =
                    Link::Offline { next_probe: now + SignedDuration::from_secs(pause), pause };
                self.dirty = true;
                if self.account.capabilities.notifications {
                    self.refresh_badge()
                } else {
                    vec![Command::Probe]
                }
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Account;
    use jiff::tz::TimeZone;

    fn badge_req(cmds: &[Command]) -> u64 {
        cmds.iter()
            .find_map(|c| match c {
                Command::LoadUnreadCount { req } => Some(*req),
                _ => None,
            })
            .expect("a badge request")
    }

    #[test]
    fn offline_probes_with_growing_pauses_and_recovers_on_success() {
        let t0: Timestamp = "2026-11-22T12:00:00Z".parse().expect("time");
        let account = Account { capabilities: imbox_api::imbrace::CAPABILITIES, ..Account::default() };
        let mut s = State::new(account, t0, TimeZone::UTC);
        let cmds = s.start();
        let req = badge_req(&cmds);
        s.update(Action::UnreadLoaded { req, result: Err(ApiError::Timeout { endpoint: "GET /x" }) });
        assert!(matches!(s.connection.link, Link::Offline { pause: 3, .. }));
        assert!(s.update(Action::Tick(t0 + SignedDuration::from_secs(1))).is_empty(), "not yet");
        let probe = s.update(Action::Tick(t0 + SignedDuration::from_secs(3)));
        let req = badge_req(&probe);
        s.update(Action::UnreadLoaded { req, result: Err(ApiError::Timeout { endpoint: "GET /x" }) });
        assert!(matches!(s.connection.link, Link::Offline { pause: 6, .. }));
        let probe = s.update(Action::Tick(t0 + SignedDuration::from_secs(9)));
        let req = badge_req(&probe);
        s.update(Action::UnreadLoaded { req, result: Ok(Default::default()) });
        assert_eq!(s.connection.link, Link::Online);
    }

    #[test]
    fn without_a_badge_the_probe_is_a_token_check() {
        let t0: Timestamp = "2026-11-22T12:00:00Z".parse().expect("time");
        let account = Account { capabilities: imbox_api::Capabilities::default(), ..Account::default() };
        let mut s = State::new(account, t0, TimeZone::UTC);
        assert!(s.start().iter().all(|c| !matches!(c, Command::LoadUnreadCount { .. })), "no badge to load");
        s.observe::<()>(&Err(&ApiError::Timeout { endpoint: "GET /x" }));
        assert_eq!(s.update(Action::Tick(t0 + SignedDuration::from_secs(3))), vec![Command::Probe]);
        s.update(Action::Probed(Ok(())));
        assert_eq!(s.connection.link, Link::Online);
    }

    #[test]
    fn a_rejected_token_is_its_own_state() {
        let mut s = State::new(Account::default(), Timestamp::UNIX_EPOCH, TimeZone::UTC);
        s.observe::<()>(&Err(&ApiError::Unauthorized { endpoint: "GET /x", message: "Unauthorized".into() }));
        assert_eq!(s.connection.link, Link::Rejected);
        s.observe::<()>(&Err(&ApiError::Timeout { endpoint: "GET /x" }));
        assert_eq!(s.connection.link, Link::Rejected, "a timeout does not hide a rejected token");
    }
}
