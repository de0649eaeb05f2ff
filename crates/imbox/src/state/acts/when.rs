//! When a snooze ends, typed the way an agent says it: `2h`, `30m`, `3d`, `1w`, `tomorrow`,
//! `tomorrow 14:00`, `fri 9:00`, `next mon`, `14:30`, `2026-12-24`, `2026-12-24 10:30`, or
//! `reply` (until the customer replies). Pure: `now` and the zone are passed in.
//!
//! Days are calendar days in the zone (`3d` at 10:00 is 10:00 three days later, across a DST
//! change too); a day without a time means 09:00; a wall time that does not exist (a DST gap)
//! moves forward, one that exists twice takes the earlier. The result must be in the future.

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp, ToSpan, Zoned};

/// When a snooze ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnoozeUntil {
    /// Until the customer's next message.
    Reply,
    /// Until this instant.
    At(Timestamp),
}

/// The time of day a day without a time means.
pub const DEFAULT_TIME: Time = Time::constant(9, 0, 0, 0);

/// Parses `input` at `now` in `tz`.
pub fn parse(input: &str, now: Timestamp, tz: &TimeZone) -> Result<SnoozeUntil, String> {
    let text = input.trim().to_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Err("snooze until when? e.g. 2h, tomorrow, fri 9:00, 2026-12-24 10:30, reply".into());
    }
    if matches!(words.as_slice(), ["reply"] | ["until", "reply"] | ["next", "reply"]) {
        return Ok(SnoozeUntil::Reply);
    }
    let here = now.to_zoned(tz.clone());
    let at = if let Some(d) = relative(&text) { relative_to(&here, d)? } else { absolute(&words, &here)? };
    if at <= now {
        return Err(format!("“{}” has already passed", input.trim()));
    }
    Ok(SnoozeUntil::At(at))
}

/// An amount of time: `90m`, `2h`, `2h30m`, `3d`, `1w`, `1 hour`, `2 days`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Relative {
    minutes: i64,
    days: i64,
}

fn relative(text: &str) -> Option<Relative> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest = compact.as_str();
    let mut out = Relative::default();
    let mut any = false;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let n: i64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit()).unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        match unit {
            "m" | "min" | "mins" | "minute" | "minutes" => out.minutes = out.minutes.checked_add(n)?,
            "h" | "hr" | "hrs" | "hour" | "hours" => {
                out.minutes = out.minutes.checked_add(n.checked_mul(60)?)?
            }
            "d" | "day" | "days" => out.days = out.days.checked_add(n)?,
            "w" | "week" | "weeks" => out.days = out.days.checked_add(n.checked_mul(7)?)?,
            _ => return None,
        }
        any = true;
    }
    (any && (out.minutes > 0 || out.days > 0)).then_some(out)
}

fn relative_to(here: &Zoned, d: Relative) -> Result<Timestamp, String> {
    if d.days > 3660 || d.minutes > 3660 * 24 * 60 {
        return Err("snoozes end within ten years".into());
    }
    let later = here.checked_add(d.days.days()).map_err(|e| e.to_string())?;
    Ok(later.timestamp() + SignedDuration::from_mins(d.minutes))
}

/// A day (`today`, `tomorrow`, a weekday, `next <weekday>`, a date) and/or a time (`9:00`,
/// `14`, `9am`, `2:30pm`).
fn absolute(words: &[&str], here: &Zoned) -> Result<Timestamp, String> {
    let today = here.date();
    let mut day: Option<Date> = None;
    let mut time: Option<Time> = None;
    for w in words {
        let w = *w;
        // "next mon" and "mon" both mean the coming Monday; "at" and "on" are filler.
        if matches!(w, "next" | "at" | "on") {
            continue;
        }
        if w == "today" {
            day = Some(today);
        } else if w == "tomorrow" || w == "tmr" {
            day = Some(today.tomorrow().map_err(|e| e.to_string())?);
        } else if let Some(wd) = weekday(w) {
            day = Some(next_weekday(today, wd)?);
        } else if let Ok(d) = w.parse::<Date>() {
            day = Some(d);
        } else if let Some(t) = time_of_day(w) {
            time = Some(t);
        } else {
            return Err(format!(
                "cannot read “{w}” as a time: try 2h, 30m, 3d, tomorrow 14:00, fri 9:00, 2026-12-24 10:30 or reply"
            ));
        }
    }
    let (day, time) = match (day, time) {
        (Some(d), t) => (d, t.unwrap_or(DEFAULT_TIME)),
        // A time alone: today if it is still ahead, else tomorrow.
        (None, Some(t)) => {
            let d = if t > here.time() { today } else { today.tomorrow().map_err(|e| e.to_string())? };
            (d, t)
        }
        (None, None) => return Err("snooze until when? e.g. next mon".into()),
    };
    let zoned = day.to_datetime(time).to_zoned(here.time_zone().clone()).map_err(|e| e.to_string())?;
    Ok(zoned.timestamp())
}

/// The next `wd` after `today` (a week ahead when today is `wd`).
fn next_weekday(today: Date, wd: Weekday) -> Result<Date, String> {
    let ahead = i64::from((wd.to_monday_zero_offset() - today.weekday().to_monday_zero_offset() + 7) % 7);
    let ahead = if ahead == 0 { 7 } else { ahead };
    today.checked_add(ahead.days()).map_err(|e| e.to_string())
}

fn weekday(w: &str) -> Option<Weekday> {
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Monday),
        ("tuesday", Weekday::Tuesday),
        ("wednesday", Weekday::Wednesday),
        ("thursday", Weekday::Thursday),
        ("friday", Weekday::Friday),
        ("saturday", Weekday::Saturday),
        ("sunday", Weekday::Sunday),
    ];
    let w = w.trim_end_matches(',');
    NAMES.iter().find(|(name, _)| w.len() >= 3 && name.starts_with(w)).map(|(_, d)| *d)
}

/// `9:00`, `09:30`, `14`, `9am`, `2:30pm`, `12am`.
fn time_of_day(w: &str) -> Option<Time> {
    let (body, pm) = if let Some(b) = w.strip_suffix("pm") {
        (b, Some(true))
    } else if let Some(b) = w.strip_suffix("am") {
        (b, Some(false))
    } else {
        (w, None)
    };
    let (h, m) = match body.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<i8>().ok()?, m.parse::<i8>().ok()?),
        Some(_) => return None,
        None if pm.is_some() || body.len() <= 2 => (body.parse::<i8>().ok()?, 0),
        None => return None,
    };
    let h = match pm {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(true) => h % 12 + 12,
        Some(false) => h % 12,
        None => h,
    };
    Time::new(h, m, 0, 0).ok()
}

/// How a snooze end reads in a notice: "until the customer replies", "until Fri 09:00",
/// "until 2026-12-24 10:30" (more than a week away).
pub fn describe(until: SnoozeUntil, now: Timestamp, tz: &TimeZone) -> String {
    match until {
        SnoozeUntil::Reply => "until the customer replies".into(),
        SnoozeUntil::At(t) => {
            let z = t.to_zoned(tz.clone());
            let here = now.to_zoned(tz.clone());
            let days = (z.date() - here.date()).get_days();
            if z.date() == here.date() {
                format!("until {}", z.strftime("%H:%M"))
            } else if days == 1 {
                format!("until tomorrow {}", z.strftime("%H:%M"))
            } else if days < 7 {
                format!("until {}", z.strftime("%a %H:%M"))
            } else {
                format!("until {}", z.strftime("%Y-%m-%d %H:%M"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wednesday 2026-12-02 10:15 in UTC.
    fn now() -> Timestamp {
        "2026-12-02T10:15:00Z".parse().unwrap()
    }

    fn at(s: &str) -> SnoozeUntil {
        SnoozeUntil::At(s.parse().unwrap())
    }

    fn p(s: &str) -> Result<SnoozeUntil, String> {
        parse(s, now(), &TimeZone::UTC)
    }

    #[test]
    fn amounts_of_time() {
        assert_eq!(p("2h"), Ok(at("2026-12-02T12:15:00Z")));
        assert_eq!(p("30m"), Ok(at("2026-12-02T10:45:00Z")));
        assert_eq!(p("90 min"), Ok(at("2026-12-02T11:45:00Z")));
        assert_eq!(p("2h30m"), Ok(at("2026-12-02T12:45:00Z")));
        assert_eq!(p("3d"), Ok(at("2026-12-05T10:15:00Z")));
        assert_eq!(p("1w"), Ok(at("2026-12-09T10:15:00Z")));
        assert_eq!(p("1 hour"), Ok(at("2026-12-02T11:15:00Z")));
        assert_eq!(p("2 days"), Ok(at("2026-12-04T10:15:00Z")));
        assert_eq!(p(" 2H "), Ok(at("2026-12-02T12:15:00Z")), "case and spaces do not matter");
        assert!(p("0m").is_err(), "nothing is not a snooze");
        assert!(p("2x").is_err());
        assert!(p("99999999999999999999h").is_err(), "overflow is an error, not a panic");
        assert!(p("100000d").is_err());
    }

    #[test]
    fn days_and_times() {
        assert_eq!(p("tomorrow"), Ok(at("2026-12-03T09:00:00Z")));
        assert_eq!(p("tomorrow 14:00"), Ok(at("2026-12-03T14:00:00Z")));
        assert_eq!(p("tomorrow at 2pm"), Ok(at("2026-12-03T14:00:00Z")));
        assert_eq!(p("fri 9:00"), Ok(at("2026-12-04T09:00:00Z")));
        assert_eq!(p("Friday"), Ok(at("2026-12-04T09:00:00Z")));
        assert_eq!(p("mon"), Ok(at("2026-12-07T09:00:00Z")));
        assert_eq!(p("next mon 09:00"), Ok(at("2026-12-07T09:00:00Z")));
        assert_eq!(p("wed"), Ok(at("2026-12-09T09:00:00Z")), "today's weekday means next week");
        assert_eq!(p("14:30"), Ok(at("2026-12-02T14:30:00Z")), "a time still ahead is today");
        assert_eq!(p("8:00"), Ok(at("2026-12-03T08:00:00Z")), "a time gone by is tomorrow");
        assert_eq!(p("today 17"), Ok(at("2026-12-02T17:00:00Z")));
        assert_eq!(p("12am"), Ok(at("2026-12-03T00:00:00Z")));
        assert_eq!(p("2026-12-24"), Ok(at("2026-12-24T09:00:00Z")));
        assert_eq!(p("2026-12-24 10:30"), Ok(at("2026-12-24T10:30:00Z")));
        assert_eq!(p("reply"), Ok(SnoozeUntil::Reply));
        assert_eq!(p("until reply"), Ok(SnoozeUntil::Reply));
    }

    #[test]
    fn bad_and_past_times_are_errors_with_a_reason() {
        assert!(p("").unwrap_err().contains("until when"));
        assert!(p("2026-12-01").unwrap_err().contains("already passed"));
        assert!(p("today 8:00").unwrap_err().contains("already passed"));
        assert!(p("25:00").unwrap_err().contains("cannot read"));
        assert!(p("13pm").is_err());
        assert!(p("2026-02-30").is_err());
        assert!(p("someday").unwrap_err().contains("“someday”"));
        assert!(p("mo").is_err(), "two letters are too few for a weekday");
    }

    #[test]
    fn local_time_is_the_zone_s_and_dst_safe() {
        // Central European time, with the EU's DST rule, without the system's tz database.
        let cet = TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        // Saturday 2026-03-28 10:00 CET (09:00 UTC); DST starts Sunday 02:00 → 03:00.
        let sat: Timestamp = "2026-03-28T09:00:00Z".parse().unwrap();
        // "1d" is the same wall time the next day: 10:00 CEST = 08:00 UTC (23 hours later).
        assert_eq!(parse("1d", sat, &cet), Ok(at("2026-03-29T08:00:00Z")));
        // "24h" is 24 hours, whatever the wall clock says.
        assert_eq!(parse("24h", sat, &cet), Ok(at("2026-03-29T09:00:00Z")));
        // Monday 09:00 local is 07:00 UTC after the change.
        assert_eq!(parse("mon", sat, &cet), Ok(at("2026-03-30T07:00:00Z")));
        // 02:30 on Sunday does not exist: it moves forward to 03:30 CEST (01:30 UTC).
        assert_eq!(parse("sun 2:30", sat, &cet), Ok(at("2026-03-29T01:30:00Z")));
        // Saturday 2026-10-24; DST ends Sunday 03:00 → 02:00; 02:30 happens twice: the earlier.
        let oct: Timestamp = "2026-10-24T12:00:00Z".parse().unwrap();
        assert_eq!(parse("sun 2:30", oct, &cet), Ok(at("2026-10-25T00:30:00Z")));
        assert_eq!(parse("tomorrow", oct, &cet), Ok(at("2026-10-25T08:00:00Z")), "09:00 CET");
    }

    #[test]
    fn described_for_the_notice() {
        let d = |s: &str| describe(p(s).unwrap(), now(), &TimeZone::UTC);
        assert_eq!(d("2h"), "until 12:15");
        assert_eq!(d("tomorrow"), "until tomorrow 09:00");
        assert_eq!(d("fri"), "until Fri 09:00");
        assert_eq!(d("2026-12-24 10:30"), "until 2026-12-24 10:30");
        assert_eq!(d("reply"), "until the customer replies");
    }
}
