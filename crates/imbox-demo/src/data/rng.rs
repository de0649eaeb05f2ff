//! Small deterministic building blocks: a splitmix64 hash, id encoding and time formatting.
//!
//! Everything the generator produces is a pure function of `(seed, what, index)`, so any single
//! contact, conversation, message or notification can be rebuilt on demand without keeping the
//! data set in memory. Times are milliseconds since the Unix epoch (UTC) and are formatted by hand
//! because the generator formats hundreds of thousands of them and the format is fixed.

/// One splitmix64 step: a fast, well-mixed 64-bit hash of `x`.
pub fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hashes a seed with a domain tag and up to two indices; different tags give unrelated streams.
pub fn h(seed: u64, tag: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(seed ^ tag.wrapping_mul(0xD6E8_FEB8_6659_FD93)) ^ a) ^ b.wrapping_mul(0x9E37_79B9))
}

/// A tiny sequential generator for places that draw several values from one hash.
pub struct Rng(u64);

impl Rng {
    /// Starts a stream from a hash value.
    pub fn new(state: u64) -> Self {
        Rng(state)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A value in `0..n` (`n` > 0; 0 yields 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice (the first one for an empty slice is impossible: the
    /// callers only pass constant, non-empty tables).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const KEY_MUL: u32 = 0x9E37_79B1;

/// Multiplicative inverse of an odd number modulo 2^32 (Newton iteration; five steps suffice).
const fn inverse(a: u32) -> u32 {
    let mut x = a;
    let mut i = 0;
    while i < 5 {
        x = x.wrapping_mul(2u32.wrapping_sub(a.wrapping_mul(x)));
        i += 1;
    }
    x
}

const KEY_INV: u32 = inverse(KEY_MUL);

/// Builds a UUID-looking id (`prefix` + 8-4-4-4-12 hex, version 4 layout) that encodes `index`
/// reversibly in its last 8 hex digits, so ids can be mapped back to an index without a table.
pub fn encode_id(prefix: &str, seed: u64, tag: u64, index: u32) -> String {
    let r = h(seed, tag, u64::from(index), 7);
    let mask = h(seed, tag, 0xFFFF_FFFF, 11) as u32;
    let key = index.wrapping_mul(KEY_MUL) ^ mask;
    format!(
        "{prefix}{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:04x}{:08x}",
        (r >> 32) as u32,
        (r >> 16) & 0xFFFF,
        (r >> 4) & 0xFFF,
        8 + ((r >> 2) & 3),
        (r >> 20) & 0xFFF,
        (r >> 40) & 0xFFFF,
        key
    )
}

/// Reverses [`encode_id`]: the index, if `id` is exactly what `encode_id` makes for it.
pub fn decode_id(id: &str, prefix: &str, seed: u64, tag: u64) -> Option<u32> {
    let rest = id.strip_prefix(prefix)?;
    if rest.len() != 36 {
        return None;
    }
    let key = u32::from_str_radix(rest.get(28..)?, 16).ok()?;
    let mask = h(seed, tag, 0xFFFF_FFFF, 11) as u32;
    let index = (key ^ mask).wrapping_mul(KEY_INV);
    (encode_id(prefix, seed, tag, index) == id).then_some(index)
}

/// A plain random UUID-looking id (not reversible), for ids nothing looks up.
pub fn random_id(prefix: &str, x: u64) -> String {
    let a = mix(x);
    let b = mix(a);
    format!(
        "{prefix}{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
        (a >> 32) as u32,
        (a >> 16) & 0xFFFF,
        a & 0xFFF,
        8 + (b >> 62),
        (b >> 40) & 0xFFF,
        b & 0xFFFF_FFFF_FFFF
    )
}

/// Milliseconds per minute, hour and day.
pub const MINUTE: i64 = 60_000;
/// Milliseconds per hour.
pub const HOUR: i64 = 60 * MINUTE;
/// Milliseconds per day.
pub const DAY: i64 = 24 * HOUR;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Formats epoch milliseconds as the seeds do: `2024-12-10T09:53:17.127Z`.
pub fn iso(ms: i64) -> String {
    let (y, mo, d) = civil_from_days(ms.div_euclid(DAY));
    let t = ms.rem_euclid(DAY);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        t / HOUR,
        t % HOUR / MINUTE,
        t % MINUTE / 1000,
        t % 1000
    )
}

/// Parses the seeds' `YYYY-MM-DDTHH:MM:SS.mmmZ`; anything else gives `None`.
pub fn parse_iso(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 24 || b[4] != b'-' || b[10] != b'T' || b[19] != b'.' || b[23] != b'Z' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let days = days_from_civil(n(0..4)?, n(5..7)?, n(8..10)?);
    Some(days * DAY + n(11..13)? * HOUR + n(14..16)? * MINUTE + n(17..19)? * 1000 + n(20..23)?)
}

/// Formats epoch milliseconds as iMBRACE's conversation-name date: `14 Nov 2024`.
pub fn day_label(ms: i64) -> String {
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (y, m, d) = civil_from_days(ms.div_euclid(DAY));
    format!("{d:02} {} {y}", MONTHS[(m - 1) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip() {
        for s in ["2024-12-10T09:53:17.127Z", "1999-02-28T23:59:59.999Z", "2000-03-01T00:00:00.000Z"] {
            assert_eq!(iso(parse_iso(s).unwrap()), s);
        }
        assert_eq!(day_label(parse_iso("2024-11-14T14:12:16.016Z").unwrap()), "14 Nov 2024");
        assert_eq!(parse_iso("2024-11-14"), None);
    }

    #[test]
    fn ids_decode_only_their_own_index() {
        for i in [0u32, 1, 9, 65_680, 1_000_000] {
            let id = encode_id("con_", 42, 1, i);
            assert_eq!(id.len(), 40);
            assert_eq!(decode_id(&id, "con_", 42, 1), Some(i));
            assert_eq!(decode_id(&id, "con_", 43, 1), None);
            assert_eq!(decode_id(&id, "con_", 42, 2), None);
        }
        assert_eq!(decode_id("con_nope", "con_", 42, 1), None);
    }
}
