//! The `[alerts]` table (global) and `[profile.alerts]` (one account): which events alert the
//! agent, when not (quiet hours), and how an alert is delivered.
//!
//! Every key is optional, so a profile's table changes only what it names and the rest comes
//! from the global table, then from the defaults ([`AlertsConfig::resolve`]). Values are
//! checked while the file is read: a wrong time or method stops imbox with the file, line and
//! key, like every other config error.

use serde::Deserialize;

/// Which alerts an account raises and how (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlertsConfig {
    /// A customer wrote in a conversation assigned to me (default on).
    pub new_message_mine: Option<bool>,
    /// A colleague mentioned me (default on).
    pub mention: Option<bool>,
    /// A new conversation nobody is assigned to (default off).
    pub new_unassigned: Option<bool>,
    /// Any new notification of the notification centre (default off).
    pub any_notification: Option<bool>,
    /// Local times during which no alert is delivered (`"22:00-07:00"`; `"off"` or `""`: none).
    pub quiet_hours: Option<QuietHours>,
    /// How alerts are delivered (default `auto`).
    pub method: Option<AlertMethod>,
}

/// The alert settings of one account after the profile's table, the global one and the
/// defaults are laid over each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedAlerts {
    /// See [`AlertsConfig::new_message_mine`].
    pub new_message_mine: bool,
    /// See [`AlertsConfig::mention`].
    pub mention: bool,
    /// See [`AlertsConfig::new_unassigned`].
    pub new_unassigned: bool,
    /// See [`AlertsConfig::any_notification`].
    pub any_notification: bool,
    /// The quiet window as minutes after midnight (start, end), if any.
    pub quiet_hours: Option<(u16, u16)>,
    /// See [`AlertsConfig::method`].
    pub method: AlertMethod,
}

impl AlertsConfig {
    /// This table over `global` over the defaults.
    pub fn resolve(profile: Option<&AlertsConfig>, global: &AlertsConfig) -> ResolvedAlerts {
        let empty = AlertsConfig::default();
        let p = profile.unwrap_or(&empty);
        let pick =
            |f: fn(&AlertsConfig) -> Option<bool>, default: bool| f(p).or(f(global)).unwrap_or(default);
        ResolvedAlerts {
            new_message_mine: pick(|c| c.new_message_mine, true),
            mention: pick(|c| c.mention, true),
            new_unassigned: pick(|c| c.new_unassigned, false),
            any_notification: pick(|c| c.any_notification, false),
            quiet_hours: p.quiet_hours.or(global.quiet_hours).and_then(|q| q.window),
            method: p.method.or(global.method).unwrap_or_default(),
        }
    }
}

/// How an alert reaches the agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AlertMethod {
    /// A desktop notification where a session bus exists (or on macOS), else the terminal's
    /// own notification where the terminal is known to have one, else the bell.
    #[default]
    Auto,
    /// A desktop notification; when it fails, as `auto` goes on.
    Desktop,
    /// The terminal notification `OSC 777;notify;title;body` (foot, urxvt, WezTerm, Ghostty,
    /// Konsole…), whatever the terminal.
    Osc777,
    /// The terminal notification `OSC 9;text` (iTerm2, kitty, WezTerm, Ghostty…).
    Osc9,
    /// The terminal bell only.
    Bell,
    /// No alerts at all.
    Off,
}

/// A daily quiet window in local time, read from `"HH:MM-HH:MM"`; it may cross midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct QuietHours {
    /// Minutes after midnight (start, end); `None` for `"off"`, which clears a global window
    /// in a profile's table.
    pub window: Option<(u16, u16)>,
}

impl TryFrom<String> for QuietHours {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        QuietHours::parse(&text)
    }
}

impl QuietHours {
    /// Reads `"22:00-07:00"` (or `"off"`, `""`), saying in plain words what is wrong.
    pub fn parse(text: &str) -> Result<QuietHours, String> {
        let t = text.trim();
        if t.is_empty() || t.eq_ignore_ascii_case("off") {
            return Ok(QuietHours { window: None });
        }
        let form = "write it as \"HH:MM-HH:MM\" in local time, e.g. \"22:00-07:00\", or \"off\"";
        let Some((a, b)) = t.split_once('-') else {
            return Err(format!("quiet hours: no \"-\" between start and end; {form}"));
        };
        // The messages repeat no part of the value: config errors never echo what is written.
        let start = minute_of_day(a.trim()).map_err(|e| format!("quiet hours: the start {e}; {form}"))?;
        let end = minute_of_day(b.trim()).map_err(|e| format!("quiet hours: the end {e}; {form}"))?;
        if start == end {
            return Err(format!("quiet hours: start and end are the same time; {form}"));
        }
        Ok(QuietHours { window: Some((start, end)) })
    }
}

/// `"7:30"` → 450.
fn minute_of_day(s: &str) -> Result<u16, String> {
    let bad = || "is not a time of day (00:00 to 23:59)".to_string();
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let digits =
        |p: &str, max: usize| !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(h, 2) || m.len() != 2 || !digits(m, 2) {
        return Err(bad());
    }
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiet_hours_read_clock_times_and_cross_midnight() {
        assert_eq!(QuietHours::parse("22:00-07:00"), Ok(QuietHours { window: Some((1320, 420)) }));
        assert_eq!(QuietHours::parse(" 9:15 - 17:45 "), Ok(QuietHours { window: Some((555, 1065)) }));
        assert_eq!(QuietHours::parse("off"), Ok(QuietHours { window: None }));
        assert_eq!(QuietHours::parse(""), Ok(QuietHours { window: None }));
        for (bad, says) in [
            ("25:00-07:00", "the start is not a time of day"),
            ("22:00", "no \"-\""),
            ("22:60-07:00", "the start is not a time of day"),
            ("22:00-7h", "the end is not a time of day"),
            ("22:00-22:00", "the same time"),
            ("-1:00-07:00", "is not a time of day"),
        ] {
            let e = QuietHours::parse(bad).expect_err(bad);
            assert!(e.contains(says) && e.contains("HH:MM-HH:MM"), "{bad}: {e}");
            let own_words = e.replace("\"22:00-07:00\"", "");
            assert!(!own_words.contains(bad), "config errors never repeat the value: {e}");
        }
    }

    #[test]
    fn a_profile_overrides_only_what_it_names() {
        let global = AlertsConfig {
            new_unassigned: Some(true),
            quiet_hours: Some(QuietHours { window: Some((1320, 420)) }),
            method: Some(AlertMethod::Bell),
            ..AlertsConfig::default()
        };
        let profile = AlertsConfig {
            mention: Some(false),
            quiet_hours: Some(QuietHours { window: None }),
            ..AlertsConfig::default()
        };
        let r = AlertsConfig::resolve(Some(&profile), &global);
        assert_eq!(
            r,
            ResolvedAlerts {
                new_message_mine: true,
                mention: false,
                new_unassigned: true,
                any_notification: false,
                quiet_hours: None,
                method: AlertMethod::Bell,
            }
        );
        let d = AlertsConfig::resolve(None, &AlertsConfig::default());
        assert!(d.new_message_mine && d.mention && !d.new_unassigned && !d.any_notification);
        assert_eq!((d.quiet_hours, d.method), (None, AlertMethod::Auto));
        assert_eq!(AlertsConfig::resolve(None, &global).quiet_hours, Some((1320, 420)));
    }
}
