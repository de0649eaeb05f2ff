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

    /// Announces an agent's public reply in conversation `d` (the simulator's customer answers).
    pub(crate) fn replied(&self, d: u64) {
        if let Some(tx) = self.replies.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            let _ = tx.send(d);
        }
    }

    /// From now on, every agent's public reply is announced on the answered channel.
    pub(crate) fn watch_replies(&self) -> tokio::sync::mpsc::UnboundedReceiver<u64> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        *self.replies.lock().unwrap_or_else(|e| e.into_inner()) = Some(tx);
        rx
    }

    /// Resolves when a socket subscribes (at once if one did since the last call).
    pub(crate) async fn listening(&self) {
        self.bus.listening.notified().await;
    }

    /// `/cable` sockets open now.
    pub(crate) fn open_sockets(&self) -> usize {
        self.cable.open.load(Ordering::Relaxed)
    }

    /// Events sent to the sockets so far.
    pub(crate) fn events_sent(&self) -> u64 {
        self.bus.sent()
    }
}
