//! Whether the server can be reached and accepts the token, and what the client is retrying.
//!
//! Every API result passes through [`State::observe`]: a network error or timeout marks the
//! account offline, a 401 marks the token rejected, any success marks it online again. While
//! offline, a cheap probe (the badge request) is repeated with growing pauses; the first success
//! brings the app back and re-asks for whatever failed, so nobody has to press `R`.
//!
//! A server-side failure (5xx, 429, a reply that could not be read, a rejected token) schedules
//! the same probe: its first success re-asks for what failed. If that fails again soon after,
//! the next probe waits twice as long (up to [`MAX_PROBE_PAUSE`]), so an endpoint that stays
//! broken is asked about ever more rarely, never in a storm.

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

/// A check scheduled after a server-side failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recheck {
    /// When the probe goes out.
    pub at: Timestamp,
    /// The pause it was scheduled with, in seconds (the next one after a relapse doubles it).
    pub pause: i64,
    /// The probe is out: its success (or any success after it) brings the panes back.
    pub probing: bool,
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
    /// The check after a server-side failure, while one is scheduled or out.
    pub recheck: Option<Recheck>,
    /// When the panes last came back after a failure, and the pause that preceded it: a new
    /// failure soon after doubles the next pause.
    last_recovery: Option<(Timestamp, i64)>,
}

/// Whether an error is the server's and may pass by itself (a 5xx, a 429, a reply that could
/// not be read, a rejected token): worth a later check, not a storm of retries.
fn passes_by_itself(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Server { .. }
            | ApiError::RateLimited { .. }
            | ApiError::Decode { .. }
            | ApiError::Unauthorized { .. }
    )
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
        // An answer came after the announced retry went out: nothing waits on the countdown.
        if self.connection.retrying.as_ref().is_some_and(|r| self.now >= r.at) {
            self.connection.retrying = None;
        }
        if let Err(e) = result
            && passes_by_itself(e)
        {
            self.schedule_recheck();
        }
        match result {
            Ok(_) => {
                let probed = self.connection.recheck.is_some_and(|r| r.probing);
                if self.connection.link != Link::Online || probed {
                    if let Some(r) = self.connection.recheck.take() {
                        self.connection.last_recovery = Some((self.now, r.pause));
                    }
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

    /// Schedules a check after a server-side failure, unless one is scheduled already: after
    /// [`FIRST_PROBE_PAUSE`], or twice the last pause when the panes came back only recently.
    fn schedule_recheck(&mut self) {
        if self.connection.recheck.is_some_and(|r| !r.probing) {
            return;
        }
        let relapse = self.connection.last_recovery.filter(|(at, pause)| {
            self.now.duration_since(*at) < SignedDuration::from_secs((pause * 2).max(60))
        });
        let pause = match (self.connection.recheck, relapse) {
            (Some(r), _) => (r.pause * 2).min(MAX_PROBE_PAUSE),
            (None, Some((_, p))) => (p * 2).min(MAX_PROBE_PAUSE),
            (None, None) => FIRST_PROBE_PAUSE,
        };
        let at = self.now + SignedDuration::from_secs(pause);
        self.connection.recheck = Some(Recheck { at, pause, probing: false });
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
        if let Some(r) = self.connection.recheck
            && !r.probing
            && now >= r.at
            && !matches!(self.connection.link, Link::Offline { .. })
        {
            self.connection.recheck = Some(Recheck { probing: true, ..r });
            return if self.account.capabilities.notifications && self.connection.link == Link::Online {
                self.refresh_badge()
            } else {
                // A rejected token is checked by the token check itself.
                vec![Command::Probe]
            };
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

    fn contacts_req(cmds: &[Command]) -> Option<u64> {
        cmds.iter().find_map(|c| match c {
            Command::LoadContacts { req, .. } => Some(*req),
            _ => None,
        })
    }

    fn server_error() -> ApiError {
        ApiError::Server { endpoint: "GET /v1/backend/contacts", status: 503, message: String::new() }
    }

    #[test]
    fn after_a_server_error_the_pane_reloads_by_itself_on_the_next_probe_with_backoff() {
        let t0: Timestamp = "2026-11-22T12:00:00Z".parse().expect("time");
        let account = Account { capabilities: imbox_api::imbrace::CAPABILITIES, ..Account::default() };
        let mut s = State::new(account, t0, TimeZone::UTC);
        s.size = (120, 40);
        let cmds = s.start();
        let badge = badge_req(&cmds);
        s.update(Action::UnreadLoaded { req: badge, result: Ok(Default::default()) });
        let req = contacts_req(&cmds).expect("the contacts page is asked for");
        s.update(Action::ContactsLoaded { req, skip: 0, result: Err(server_error()) });
        assert!(s.contacts.error.is_some());
        assert_eq!(s.connection.link, Link::Online, "a 5xx is not offline");
        assert!(
            s.update(Action::Tick(t0 + SignedDuration::from_secs(1)))
                .iter()
                .all(|c| contacts_req(std::slice::from_ref(c)).is_none())
        );
        // The probe goes out after 3 s; its success brings the pane back without a key.
        let probe = s.update(Action::Tick(t0 + SignedDuration::from_secs(3)));
        let badge = badge_req(&probe);
        let reload = s.update(Action::UnreadLoaded { req: badge, result: Ok(Default::default()) });
        let req = contacts_req(&reload).expect("the contacts page is asked for again");
        assert!(s.contacts.error.is_none());
        // Failing again soon after: the next probe waits twice as long.
        let t1 = t0 + SignedDuration::from_secs(4);
        s.update(Action::Tick(t1));
        s.update(Action::ContactsLoaded { req, skip: 0, result: Err(server_error()) });
        assert_eq!(s.connection.recheck.map(|r| r.pause), Some(6));
        assert!(s.update(Action::Tick(t1 + SignedDuration::from_secs(5))).is_empty(), "not yet");
        let probe = s.update(Action::Tick(t1 + SignedDuration::from_secs(6)));
        badge_req(&probe);
    }

    #[test]
    fn the_retry_countdown_ends_when_an_answer_comes_after_it() {
        let t0: Timestamp = "2026-11-22T12:00:00Z".parse().expect("time");
        let mut s = State::new(Account::default(), t0, TimeZone::UTC);
        s.update(Action::Retrying {
            endpoint: "GET /x",
            attempt: 1,
            reason: "HTTP 429".into(),
            wait_ms: 3000,
        });
        assert!(s.connection.retrying.is_some());
        s.update(Action::Tick(t0 + SignedDuration::from_secs(1)));
        s.update(Action::Probed(Ok(())));
        assert!(s.connection.retrying.is_some(), "still waiting: the retry has not gone out");
        s.update(Action::Tick(t0 + SignedDuration::from_secs(3)));
        s.update(Action::Probed(Ok(())));
        assert!(s.connection.retrying.is_none(), "nothing waits any more");
    }

    #[test]
    fn one_badge_request_at_a_time_and_one_more_after_it_when_asked_meanwhile() {
        let t0: Timestamp = "2026-11-22T12:00:00Z".parse().expect("time");
        let account = Account { capabilities: imbox_api::imbrace::CAPABILITIES, ..Account::default() };
        let mut s = State::new(account, t0, TimeZone::UTC);
        let first = badge_req(&s.start());
        assert!(s.refresh_badge().is_empty(), "a second request while one is out");
        assert!(s.refresh_badge().is_empty());
        let page = imbox_model::NotificationPage { unread_count: Some(7), ..Default::default() };
        let next = s.update(Action::UnreadLoaded { req: first, result: Ok(page) });
        let second = badge_req(&next);
        assert_ne!(first, second);
        let page = imbox_model::NotificationPage { unread_count: Some(5), ..Default::default() };
        s.update(Action::UnreadLoaded { req: second, result: Ok(page) });
        assert_eq!(s.badge.unread, Some(5));
        assert_eq!(s.badge_pending(), None);
    }

    #[test]
    fn after_a_401_passes_the_token_check_brings_the_panes_back() {
        let t0: Timestamp = "2026-11-22T12:00:00Z".parse().expect("time");
        let account = Account { capabilities: imbox_api::imbrace::CAPABILITIES, ..Account::default() };
        let mut s = State::new(account, t0, TimeZone::UTC);
        s.size = (120, 40);
        let cmds = s.start();
        let req = contacts_req(&cmds).expect("the contacts page is asked for");
        let rejected =
            ApiError::Unauthorized { endpoint: "GET /v1/backend/contacts", message: "Unauthorized".into() };
        s.update(Action::ContactsLoaded { req, skip: 0, result: Err(rejected) });
        assert_eq!(s.connection.link, Link::Rejected);
        // The check of a rejected token is the token check itself.
        assert_eq!(s.update(Action::Tick(t0 + SignedDuration::from_secs(3))), vec![Command::Probe]);
        let back = s.update(Action::Probed(Ok(())));
        assert_eq!(s.connection.link, Link::Online);
        assert!(contacts_req(&back).is_some(), "the contacts page is asked for again");
    }
}
