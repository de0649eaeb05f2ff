//! When to ask the server again for what is on screen: one scheduler for every backend, driven
//! by the ticks' time (never a clock of its own).
//!
//! Three resources are polled, each only while it is on screen: the open thread's newest
//! messages, the conversation list in view (the open contact's conversations, the SMS/RCS list
//! or the Chatwoot inbox page) and the notifications (the header badge, and the open centre's
//! first page). Each has its interval; at most one request per resource is in flight. With no
//! key for [`PollConfig::idle_after`], every interval is multiplied by
//! [`PollConfig::idle_factor`]; while a resource's requests fail its interval doubles per
//! failure (up to [`PollConfig::max_backoff`]) and the first success brings it back. While a
//! realtime socket brings the changes (Chatwoot), the thread is not polled and the others only
//! every [`PollConfig::socket_safety`], as a safety net.
//!
//! This file is the arithmetic; `poll_ops.rs` turns a due resource into its request and its
//! answer back into the state.

use crate::action::RequestId;
use jiff::{SignedDuration, Timestamp};
use std::time::Duration;

/// The intervals, from the `[poll]` table of the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollConfig {
    /// The open thread's newest messages, while the thread is on screen.
    pub thread: Duration,
    /// The conversation list in view.
    pub list: Duration,
    /// The notifications: badge, and the open centre's first page.
    pub notifications: Duration,
    /// No key for this long: the agent is idle.
    pub idle_after: Duration,
    /// Intervals are multiplied by this while idle.
    pub idle_factor: u32,
    /// The longest interval a failing resource backs off to.
    pub max_backoff: Duration,
    /// While the realtime socket is live: the list and the notifications are still asked this
    /// often (the thread not at all).
    pub socket_safety: Duration,
}

impl Default for PollConfig {
    fn default() -> Self {
        PollConfig {
            thread: Duration::from_secs(5),
            list: Duration::from_secs(30),
            notifications: Duration::from_secs(15),
            idle_after: Duration::from_secs(600),
            idle_factor: 4,
            max_backoff: Duration::from_secs(300),
            socket_safety: Duration::from_secs(300),
        }
    }
}

/// What is polled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// The open thread's newest messages.
    Thread,
    /// The conversation list in view.
    List,
    /// The notifications.
    Notifications,
}

impl Resource {
    /// Every resource, in the order they are considered on a tick.
    pub const ALL: [Resource; 3] = [Resource::Thread, Resource::List, Resource::Notifications];

    fn index(self) -> usize {
        match self {
            Resource::Thread => 0,
            Resource::List => 1,
            Resource::Notifications => 2,
        }
    }
}

/// One resource's schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slot {
    /// When it is asked next (None: not scheduled yet — set from the first tick it is on screen).
    pub next_at: Option<Timestamp>,
    /// The requests in flight for it (empty: none).
    pub in_flight: Vec<RequestId>,
    /// Failures in a row (the backoff's exponent).
    pub failures: u32,
    /// What the request in flight was about (the thread's conversation id).
    pub about: Option<String>,
}

/// The scheduler's state.
#[derive(Debug, Clone, Default)]
pub struct Poller {
    /// The intervals.
    pub config: PollConfig,
    slots: [Slot; 3],
    /// When the agent last pressed a key (None: not since start; start counts as active).
    pub last_key: Option<Timestamp>,
    /// When the first tick came (the idle clock starts there).
    started_at: Option<Timestamp>,
    /// This account is not the one on screen (several accounts): only its badge is polled.
    pub background: bool,
}

impl Poller {
    /// The schedule of `r`.
    pub fn slot(&self, r: Resource) -> &Slot {
        &self.slots[r.index()]
    }

    fn slot_mut(&mut self, r: Resource) -> &mut Slot {
        &mut self.slots[r.index()]
    }

    /// Whether the agent pressed no key for [`PollConfig::idle_after`] at `now`.
    pub fn idle(&self, now: Timestamp) -> bool {
        let since = self.last_key.or(self.started_at).unwrap_or(now);
        now.duration_since(since)
            >= SignedDuration::try_from(self.config.idle_after).unwrap_or(SignedDuration::MAX)
    }

    /// `r`'s interval at `now`: its base (or the socket's safety net), times the idle factor,
    /// doubled per failure up to the backoff's cap. None: not polled at all (the thread while
    /// the socket is live).
    pub fn interval(&self, r: Resource, now: Timestamp, socket_live: bool) -> Option<Duration> {
        let c = &self.config;
        let base = match (r, socket_live) {
            (Resource::Thread, true) => return None,
            (_, true) => c.socket_safety,
            (Resource::Thread, false) => c.thread,
            (Resource::List, false) => c.list,
            (Resource::Notifications, false) => c.notifications,
        };
        let base = if self.idle(now) { base.saturating_mul(c.idle_factor.max(1)) } else { base };
        let failures = self.slot(r).failures;
        if failures == 0 {
            return Some(base);
        }
        let backed = base.saturating_mul(1u32 << failures.min(16));
        // Backing off never shortens an interval that is already longer than the cap.
        Some(backed.min(c.max_backoff.max(base)))
    }

    /// Whether `r` is due at `now`: on screen (`shown`), nothing in flight, its time come. The
    /// first tick it is on screen only schedules it (what is shown was just loaded).
    pub fn due(&mut self, r: Resource, now: Timestamp, shown: bool, socket_live: bool) -> bool {
        self.started_at.get_or_insert(now);
        let Some(every) = self.interval(r, now, socket_live) else { return false };
        if !shown || (self.background && r != Resource::Notifications) {
            return false;
        }
        let every = SignedDuration::try_from(every).unwrap_or(SignedDuration::MAX);
        let slot = self.slot_mut(r);
        if !slot.in_flight.is_empty() {
            return false;
        }
        match slot.next_at {
            None => {
                slot.next_at = now.checked_add(every).ok();
                false
            }
            Some(at) => at <= now,
        }
    }

    /// Records the requests just sent for `r` at `now` (about `about`); its next time is one
    /// interval later. With no request (nothing to ask after all) it is tried again next time.
    pub fn sent(
        &mut self,
        r: Resource,
        now: Timestamp,
        reqs: Vec<RequestId>,
        about: Option<String>,
        socket_live: bool,
    ) {
        let every = self.interval(r, now, socket_live).unwrap_or(Duration::MAX);
        let every = SignedDuration::try_from(every).unwrap_or(SignedDuration::MAX);
        let slot = self.slot_mut(r);
        slot.next_at = now.checked_add(every).ok();
        slot.in_flight = reqs;
        slot.about = about;
    }

    /// Which resource `req` was a poll of, if any.
    pub fn owner(&self, req: RequestId) -> Option<Resource> {
        Resource::ALL.into_iter().find(|r| self.slot(*r).in_flight.contains(&req))
    }

    /// `req` of `r` was answered (`ok`: successfully), at `now`. Returns what the request was
    /// about. A failure doubles the interval from now; a success resets it.
    pub fn answered(
        &mut self,
        r: Resource,
        req: RequestId,
        ok: bool,
        now: Timestamp,
        socket_live: bool,
    ) -> Option<String> {
        let slot = self.slot_mut(r);
        slot.in_flight.retain(|x| *x != req);
        let about = slot.about.clone();
        if ok {
            if std::mem::take(&mut slot.failures) > 0 {
                // Back to the normal pace at once, not after the backed-off wait.
                let every = self.interval(r, now, socket_live).unwrap_or(Duration::MAX);
                let at = now.checked_add(SignedDuration::try_from(every).unwrap_or(SignedDuration::MAX)).ok();
                let slot = self.slot_mut(r);
                slot.next_at = slot.next_at.min(at).or(at);
            }
            return about;
        }
        slot.failures = slot.failures.saturating_add(1);
        let every = self.interval(r, now, socket_live).unwrap_or(Duration::MAX);
        let every = SignedDuration::try_from(every).unwrap_or(SignedDuration::MAX);
        let slot = self.slot_mut(r);
        slot.next_at = now.checked_add(every).ok();
        about
    }

    /// Asks `r` again at the next tick (a full catch-up page means more wait).
    pub fn soon(&mut self, r: Resource, now: Timestamp) {
        self.slot_mut(r).next_at = Some(now);
    }

    /// `r` went off screen or changed (another thread opened): forget its schedule and its
    /// requests in flight (their answers are then not polls any more), keep its failures.
    pub fn reset(&mut self, r: Resource) {
        let slot = self.slot_mut(r);
        slot.next_at = None;
        slot.in_flight.clear();
        slot.about = None;
    }

    /// A key was pressed at `now`. The first key after an idle spell asks at once for what is
    /// on screen (it may be minutes old by then).
    pub fn key(&mut self, now: Timestamp) {
        if self.idle(now) {
            for slot in &mut self.slots {
                slot.next_at = slot.next_at.map(|at| at.min(now));
            }
        }
        self.last_key = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).unwrap_or_default()
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_never_shortens_a_long_interval() {
        let mut p = Poller::default();
        for (failures, want) in [(0, 30), (1, 60), (2, 120), (3, 240), (4, 300), (9, 300)] {
            p.slot_mut(Resource::List).failures = failures;
            assert_eq!(p.interval(Resource::List, at(0), false), Some(Duration::from_secs(want)));
        }
        p.config.max_backoff = Duration::from_secs(10);
        assert_eq!(p.interval(Resource::List, at(0), false), Some(Duration::from_secs(30)));
        assert_eq!(p.interval(Resource::Thread, at(0), true), None, "socket live: no thread poll");
        p.slot_mut(Resource::Notifications).failures = 0;
        assert_eq!(p.interval(Resource::Notifications, at(0), true), Some(Duration::from_secs(300)));
    }

    #[test]
    fn idle_counts_from_the_last_key_or_the_start() {
        let mut p = Poller::default();
        assert!(!p.due(Resource::Thread, at(0), true, false));
        assert!(!p.idle(at(599)));
        assert!(p.idle(at(600)));
        p.key(at(590));
        assert!(!p.idle(at(1189)));
        assert_eq!(p.interval(Resource::Thread, at(1190), false), Some(Duration::from_secs(20)));
    }

    #[test]
    fn the_background_account_polls_only_its_badge() {
        let mut p = Poller { background: true, ..Poller::default() };
        for r in Resource::ALL {
            p.due(r, at(0), true, false);
        }
        assert!(!p.due(Resource::Thread, at(100), true, false));
        assert!(!p.due(Resource::List, at(100), true, false));
        assert!(p.due(Resource::Notifications, at(100), true, false));
    }
}
