//! The wait before the next attempt: exponential from the minimum to the maximum, jittered so
//! that many clients cut off by one server restart do not all come back in the same second.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Successive waits between reconnection attempts.
#[derive(Debug, Clone)]
pub(super) struct Backoff {
    min: Duration,
    max: Duration,
    /// Attempts since the last reset.
    attempt: u32,
    /// xorshift64 state: a jitter needs no better randomness than this.
    seed: u64,
}

impl Backoff {
    /// Waits from `min` to `max` (a `max` below `min` counts as `min`).
    pub(super) fn new(min: Duration, max: Duration) -> Self {
        // Any non-zero seed works; the clock's nanoseconds differ between clients.
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
        Backoff { min, max: max.max(min), attempt: 0, seed: u64::from(nanos) | 1 }
    }

    /// Back to the shortest wait.
    pub(super) fn reset(&mut self) {
        self.attempt = 0;
    }

    /// The next wait.
    pub(super) fn next_delay(&mut self) -> Duration {
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        // The top 53 bits as a fraction in [0, 1).
        let unit = (self.seed >> 11) as f64 / (1u64 << 53) as f64;
        let delay = jittered(self.attempt, self.min, self.max, unit);
        self.attempt = self.attempt.saturating_add(1);
        delay
    }
}

/// The wait of attempt `attempt` (0-based): a ceiling of `min · 2^(attempt+1)` capped at `max`,
/// then a random point in its upper half (`unit` in [0, 1)), never below `min` — so even the
/// first retry is spread over [min, 2·min) rather than every client coming back at `min`.
fn jittered(attempt: u32, min: Duration, max: Duration, unit: f64) -> Duration {
    let ceiling = min.saturating_mul(2u32.saturating_pow(attempt.saturating_add(1).min(31))).min(max);
    let unit = unit.clamp(0.0, 1.0);
    ceiling.mul_f64(0.5 + unit / 2.0).max(min)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn waits_double_up_to_the_cap_and_stay_in_range() {
        let max = Duration::from_secs(30);
        assert_eq!(jittered(0, S, max, 0.0), S, "the first retry: from the minimum…");
        assert_eq!(jittered(0, S, max, 0.999_999).as_secs(), 1, "…to just under twice it");
        assert!(jittered(0, S, max, 0.5) > S, "spread, not all at the minimum");
        assert_eq!(jittered(2, S, max, 0.999_999).as_secs(), 7, "8 s ceiling, upper half");
        assert_eq!(jittered(2, S, max, 0.0), Duration::from_secs(4));
        assert_eq!(jittered(40, S, max, 0.999_999).as_secs(), 29, "capped at 30 s");
        assert_eq!(jittered(40, S, max, 0.0), Duration::from_secs(15));
        let tiny = Duration::from_millis(1);
        assert_eq!(jittered(5, S, tiny, 0.5), S, "a maximum below the minimum counts as the minimum");
    }

    #[test]
    fn a_reset_starts_again_from_the_minimum() {
        let mut b = Backoff::new(S, Duration::from_secs(30));
        let waits: Vec<Duration> = (0..8).map(|_| b.next_delay()).collect();
        assert!(waits.iter().all(|w| *w >= S && *w <= Duration::from_secs(30)), "{waits:?}");
        assert!(waits[7] >= Duration::from_secs(15), "late attempts wait long: {waits:?}");
        b.reset();
        let first = b.next_delay();
        assert!(first >= S && first < 2 * S, "the first wait after a reset: {first:?}");
    }
}
