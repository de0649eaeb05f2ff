//! Width-correct text helpers: display widths for CJK and emoji, truncation, wrapping, and
//! relative times. Everything measures terminal cells, never bytes or chars.

use jiff::{Timestamp, tz::TimeZone};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cells a string occupies in the terminal.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The last graphemes of `s` that fit in `cells` cells (the end of a line being typed).
pub fn tail(s: &str, cells: usize) -> String {
    let mut out: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in s.graphemes(true).rev() {
        let w = width(g);
        if used + w > cells {
            break;
        }
        used += w;
        out.push(g);
    }
    out.into_iter().rev().collect()
}

/// Cuts `s` to at most `max` cells, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}

/// `s` truncated or padded with spaces to exactly `cells` cells.
pub fn fit(s: &str, cells: usize) -> String {
    let mut out = truncate(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Wraps text into lines of at most `max` cells: at spaces where possible, anywhere inside
/// long words and CJK runs. Keeps explicit line breaks; never returns zero lines.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0;
        for word in paragraph.split_word_bounds() {
            let w = width(word);
            if line_w + w <= max {
                line.push_str(word);
                line_w += w;
                continue;
            }
            if word.trim().is_empty() {
                // A space at the break point: end the line, drop the space.
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                line_w = 0;
                continue;
            }
            if w <= max && line_w > 0 {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                line.push_str(word);
                line_w = w;
                continue;
            }
            // A word longer than the line, or a CJK run: break it by graphemes.
            for g in word.graphemes(true) {
                let gw = width(g);
                if line_w + gw > max && line_w > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                line.push_str(g);
                line_w += gw;
            }
        }
        lines.push(line.trim_end().to_string());
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// "now", "5m", "3h", "2d", "3w", or a date for anything older than ~2 months.
pub fn relative_time(t: Option<Timestamp>, now: Timestamp, tz: &TimeZone) -> String {
    let Some(t) = t else { return String::new() };
    let secs = now.as_second() - t.as_second();
    if secs < 0 {
        return short_date(t, tz);
    }
    match secs {
        0..60 => "now".into(),
        60..3_600 => format!("{}m", secs / 60),
        3_600..86_400 => format!("{}h", secs / 3_600),
        86_400..604_800 => format!("{}d", secs / 86_400),
        604_800..5_184_000 => format!("{}w", secs / 604_800),
        _ => short_date(t, tz),
    }
}

/// A compact age for narrow columns (at most 6 cells): "now", "5m", "3h", "2d", "3w", and
/// "Oct 25" (month and year) for anything older than eight weeks.
pub fn age(t: Option<Timestamp>, now: Timestamp, tz: &TimeZone) -> String {
    let Some(t) = t else { return String::new() };
    let secs = (now.as_second() - t.as_second()).max(0);
    match secs {
        0..60 => "now".into(),
        60..3_600 => format!("{}m", secs / 60),
        3_600..86_400 => format!("{}h", secs / 3_600),
        86_400..604_800 => format!("{}d", secs / 86_400),
        604_800..4_838_400 => format!("{}w", secs / 604_800),
        _ => t.to_zoned(tz.clone()).strftime("%b %y").to_string(),
    }
}

/// "14 Nov 2024" in the given zone.
pub fn short_date(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned(tz.clone()).strftime("%-d %b %Y").to_string()
}

/// "09:53" in the given zone.
pub fn clock(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned(tz.clone()).strftime("%H:%M").to_string()
}

/// "Tue 10 Dec 2024" in the given zone, for day separators.
pub fn day_label(t: Timestamp, tz: &TimeZone) -> String {
    t.to_zoned(tz.clone()).strftime("%a %-d %b %Y").to_string()
}

/// The calendar day of a timestamp in the zone, for comparing days.
pub fn day_of(t: Timestamp, tz: &TimeZone) -> jiff::civil::Date {
    t.to_zoned(tz.clone()).date()
}

/// Thousands separators: 65681 -> "65,681".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cells_for_cjk_and_emoji() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("你好"), 4);
        assert_eq!(truncate("你好世界", 5), "你好…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(width(&fit("你好世界", 5)), 5);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_inside_long_words_and_cjk() {
        assert_eq!(wrap("hello big world", 9), vec!["hello big", "world"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        for l in wrap("你好世界你好世界", 5) {
            assert!(width(&l) <= 5, "{l}");
        }
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        assert_eq!(wrap("", 10), vec![""]);
    }

    #[test]
    fn relative_times_and_numbers() {
        let now: Timestamp = "2026-11-22T12:00:00Z".parse().unwrap();
        let tz = TimeZone::UTC;
        let ago = |s: i64| Some(Timestamp::from_second(now.as_second() - s).unwrap());
        assert_eq!(relative_time(ago(5), now, &tz), "now");
        assert_eq!(relative_time(ago(300), now, &tz), "5m");
        assert_eq!(relative_time(ago(7_200), now, &tz), "2h");
        assert_eq!(relative_time(ago(3 * 86_400), now, &tz), "3d");
        assert_eq!(relative_time(ago(400 * 86_400), now, &tz), "18 Oct 2025");
        assert_eq!(relative_time(None, now, &tz), "");
        assert_eq!(age(ago(20 * 86_400), now, &tz), "2w");
        assert_eq!(age(ago(90 * 86_400), now, &tz), "Aug 26");
        assert_eq!(age(ago(800 * 86_400), now, &tz), "Sep 24");
        assert_eq!(thousands(65_681), "65,681");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
