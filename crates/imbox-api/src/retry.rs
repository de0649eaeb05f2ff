//! When to try a failed call again, and how long to wait first.
//!
//! Waits use "full jitter" exponential backoff: the n-th retry waits a random time between zero
//! and `min(max_delay, base_delay * 2^n)`. Spreading retries uniformly keeps many clients that
//! failed together (a gateway restart) from hammering the server again in lock-step. When the
//! server says how long to wait (`Retry-After`), its word wins over the random wait, capped so a
//! misbehaving server cannot freeze the inbox for hours.
//!
//! Everything here except [`RetryPolicy::delay`] (which draws a random number) is a pure
//! function, so the arithmetic is unit-tested without sleeping.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// How often and how patiently a failed call is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so at most `1 + max_retries` requests per call).
    pub max_retries: u32,
    /// Ceiling of the first retry's random wait; doubles with each further retry.
    pub base_delay: Duration,
    /// No wait, random or server-requested, is ever longer than this.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries (useful for calls that must not be repeated).
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }

    /// The longest random wait before retry number `attempt` (0 for the first retry):
    /// `min(max_delay, base_delay * 2^attempt)`, saturating instead of overflowing.
    pub fn backoff_ceiling(&self, attempt: u32) -> Duration {
        let factor = 2u32.checked_pow(attempt).unwrap_or(u32::MAX);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }

    /// The full-jitter wait before retry number `attempt`, given a random number `random`:
    /// uniform in `0 ..= backoff_ceiling(attempt)` when `random` is uniform over `u64`.
    pub fn jittered_delay(&self, attempt: u32, random: u64) -> Duration {
        let ceiling = self.backoff_ceiling(attempt).as_nanos();
        // `ceiling + 1` makes the range inclusive; u128 keeps the modulo exact for any ceiling.
        let nanos = u128::from(random) % (ceiling + 1);
        // nanos <= ceiling, which came from a Duration, so it fits back into one.
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }

    /// The wait before retry number `attempt`: the server's `Retry-After` (capped at
    /// `max_delay`) when it gave one, a fresh full-jitter random wait otherwise.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        match retry_after {
            Some(wait) => wait.min(self.max_delay),
            None => self.jittered_delay(attempt, next_random()),
        }
    }
}

/// Reads a `Retry-After` header value: delta-seconds (`"120"`) or an HTTP-date
/// (`"Wed, 21 Oct 2015 07:28:00 GMT"`), measured from `now`. A date in the past means "now" (zero);
/// anything unreadable gives `None`, so the caller falls back to its own backoff.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // All digits but too long for u64 is still "a very long time": saturate.
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A fresh pseudo-random number for jitter. Jitter only needs to differ between clients and
/// calls, not to be unpredictable, so a splitmix64 of the clock and a process-wide counter does
/// (and spares a dependency on `rand`).
fn next_random() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let clock =
        SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0);
    splitmix64(clock ^ count.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The splitmix64 finaliser: spreads every input bit over the whole output.
fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }

    #[test]
    fn defaults_are_three_retries_half_a_second_thirty_seconds() {
        let p = RetryPolicy::default();
        assert_eq!(p.max_retries, 3);
        assert_eq!(p.base_delay, Duration::from_millis(500));
        assert_eq!(p.max_delay, Duration::from_secs(30));
        assert_eq!(RetryPolicy::none().max_retries, 0);
    }

    #[test]
    fn ceiling_doubles_then_caps_without_overflow() {
        let p = policy();
        assert_eq!(p.backoff_ceiling(0), Duration::from_millis(500));
        assert_eq!(p.backoff_ceiling(1), Duration::from_secs(1));
        assert_eq!(p.backoff_ceiling(2), Duration::from_secs(2));
        assert_eq!(p.backoff_ceiling(5), Duration::from_secs(16));
        assert_eq!(p.backoff_ceiling(6), Duration::from_secs(30));
        assert_eq!(p.backoff_ceiling(40), Duration::from_secs(30));
        assert_eq!(p.backoff_ceiling(u32::MAX), Duration::from_secs(30));
    }

    #[test]
    fn jitter_spans_zero_to_the_ceiling_inclusive() {
        let p = policy();
        let ceiling = p.backoff_ceiling(2);
        assert_eq!(p.jittered_delay(2, 0), Duration::ZERO);
        // The largest remainder lands exactly on the ceiling.
        let top = ceiling.as_nanos() as u64;
        assert_eq!(p.jittered_delay(2, top), ceiling);
        assert_eq!(p.jittered_delay(2, top + 1), Duration::ZERO);
        for r in [1u64, 12_345, u64::MAX / 3, u64::MAX] {
            assert!(p.jittered_delay(2, r) <= ceiling);
        }
    }

    #[test]
    fn random_delays_stay_in_bounds_and_vary() {
        let p = policy();
        let delays: Vec<Duration> = (0..200).map(|_| p.delay(1, None)).collect();
        assert!(delays.iter().all(|d| *d <= Duration::from_secs(1)));
        let first = delays[0];
        assert!(delays.iter().any(|d| *d != first), "jitter never changed: {first:?}");
    }

    #[test]
    fn server_wait_replaces_jitter_and_is_capped() {
        let p = policy();
        assert_eq!(p.delay(0, Some(Duration::from_secs(7))), Duration::from_secs(7));
        assert_eq!(p.delay(0, Some(Duration::from_secs(3600))), Duration::from_secs(30));
        assert_eq!(p.delay(3, Some(Duration::ZERO)), Duration::ZERO);
    }

    #[test]
    fn retry_after_reads_delta_seconds() {
        let now = SystemTime::now();
        assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(parse_retry_after(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("99999999999999999999999", now), Some(Duration::from_secs(u64::MAX)));
        assert_eq!(parse_retry_after("", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_retry_after("1.5", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn retry_after_reads_http_dates_and_past_dates_mean_now() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:45 GMT", now), Some(Duration::from_secs(45)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT", now), Some(Duration::ZERO));
        // A far-future date is parsed as is; the cap applies in `delay`.
        let far = parse_retry_after("Fri, 21 Oct 2016 07:28:00 GMT", now).unwrap();
        assert_eq!(policy().delay(0, Some(far)), Duration::from_secs(30));
    }
}
