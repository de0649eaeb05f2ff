//! The pause a server asked for, kept for every request to that server.
//!
//! A `429` (or a `503` with `Retry-After`) on one endpoint says "this server, not now": the
//! server counts requests per client, not per route. So the pause is kept in the client (one per
//! server and token; clones and re-logins share it), and every request to that server waits it
//! out before it is sent, whichever endpoint it is for. Without this, the badge poll, the list
//! and the thread kept hitting the server inside the window it asked for.

use std::sync::{Arc, Mutex};
use tokio::time::{Duration, Instant};

/// The shared "not before" instant of one server.
#[derive(Debug, Clone, Default)]
pub(crate) struct Gate {
    until: Arc<Mutex<Option<Instant>>>,
}

impl Gate {
    /// Closes the gate for `wait` from now (a later close wins; an earlier one never shortens
    /// a pause already announced).
    pub fn close_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut slot = self.until.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_none_or(|t| t < until) {
            *slot = Some(until);
        }
    }

    /// How long a request must wait before it may be sent (zero when the gate is open).
    pub fn remaining(&self) -> Duration {
        let mut slot = self.until.lock().unwrap_or_else(|e| e.into_inner());
        match *slot {
            Some(t) if t > Instant::now() => t - Instant::now(),
            Some(_) => {
                *slot = None;
                Duration::ZERO
            }
            None => Duration::ZERO,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pause_is_shared_by_clones_and_ends() {
        let gate = Gate::default();
        let other = gate.clone();
        assert_eq!(gate.remaining(), Duration::ZERO);
        gate.close_for(Duration::from_secs(3));
        assert!(other.remaining() > Duration::from_secs(2), "{:?}", other.remaining());
        // A shorter pause announced later does not shorten the one in force.
        other.close_for(Duration::from_secs(1));
        assert!(gate.remaining() > Duration::from_secs(2));
        let short = Gate::default();
        short.close_for(Duration::from_millis(5));
        std::thread::sleep(std::time::Duration::from_millis(10));
        assert_eq!(short.remaining(), Duration::ZERO);
    }
}
