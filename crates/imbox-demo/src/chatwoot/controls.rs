//! What tests and the activity simulator do to the Chatwoot side from outside HTTP: the
//! sockets (cut, refuse, pings) and the world (a customer writes, an event of another account).

use super::Cw;
use std::sync::atomic::Ordering;

impl Cw {
    /// Drops every open `/cable` socket at once, without a close frame.
    pub(crate) fn cut_sockets(&self) {
        self.cable.cut.send_modify(|n| *n += 1);
    }

    /// While `refuse`, upgrades to `/cable` answer 503.
    pub(crate) fn refuse_sockets(&self, refuse: bool) {
        self.cable.refuse.store(refuse, Ordering::Relaxed);
    }

    /// While `paused`, open sockets get no pings.
    pub(crate) fn pause_pings(&self, paused: bool) {
        self.cable.pings_paused.store(paused, Ordering::Relaxed);
    }

    /// Events sent to the sockets so far.
    pub(crate) fn events_sent(&self) -> u64 {
        self.bus.sent()
    }
}
