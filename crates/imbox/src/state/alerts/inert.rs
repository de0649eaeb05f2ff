//! An alert's text made inert, and the bytes of the terminal notifications that carry it.
//!
//! The title and body come from strangers (a contact's name, a customer's message). Inside an
//! OSC sequence a single ESC, BEL or 8-bit ST would end the sequence early and let the rest run
//! as the attacker's own escape sequence; a `;` in OSC 777's title would start another field.
//! So every text first goes through the API's sanitizer (controls become visible pictures, bidi
//! and invisible characters go) and then through [`inert`], which removes anything a terminal
//! could still read as a control, turns `;` into `,`, folds whitespace and caps the length. The
//! sequence builders apply it themselves, so no caller can forget.

use crate::action::alert::AlertNote;
use crate::command::AlertChannel;

/// Longest title kept, in characters.
pub const MAX_TITLE_CHARS: usize = 80;
/// Longest body kept, in characters.
pub const MAX_BODY_CHARS: usize = 200;

/// Whether `c` changes direction or is invisible: removed rather than shown.
fn bidi_or_invisible(c: char) -> bool {
    matches!(c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        | '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{00ad}'
        | '\u{180e}' | '\u{034f}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

/// `s` as one line of plain text no terminal can read as a control: no C0 or C1 control, no
/// DEL, no bidi or invisible character, no `;`, no line or paragraph separator; runs of
/// whitespace become one space; at most `max` characters (`…` marks a cut).
pub fn inert(s: &str, max: usize) -> String {
    let clean = imbox_api::sanitize::line(s);
    let mut out = String::with_capacity(clean.len().min(max * 4));
    let mut kept = 0;
    let mut space = false;
    for c in clean.chars() {
        if c.is_control() || bidi_or_invisible(c) {
            continue;
        }
        let c = if c == ';' { ',' } else { c };
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if kept + usize::from(space) >= max {
            out.push('…');
            return out;
        }
        if space {
            out.push(' ');
            kept += 1;
            space = false;
        }
        out.push(c);
        kept += 1;
    }
    out
}

/// The note with both texts made inert and capped.
pub fn inert_note(title: &str, body: &str) -> AlertNote {
    AlertNote { title: inert(title, MAX_TITLE_CHARS), body: inert(body, MAX_BODY_CHARS) }
}

/// The bytes that deliver `note` through a terminal channel (nothing for `Desktop`). Inside
/// tmux (`tmux`) an OSC is wrapped in tmux's passthrough (which needs `allow-passthrough on`).
pub fn sequence(channel: AlertChannel, note: &AlertNote, tmux: bool) -> Vec<u8> {
    let title = inert(&note.title, MAX_TITLE_CHARS);
    let body = inert(&note.body, MAX_BODY_CHARS);
    let osc = match channel {
        AlertChannel::Desktop => return Vec::new(),
        AlertChannel::Bell => return vec![0x07],
        AlertChannel::Osc777 => format!("\u{1b}]777;notify;{title};{body}\u{1b}\\"),
        AlertChannel::Osc9 if body.is_empty() => format!("\u{1b}]9;{title}\u{1b}\\"),
        AlertChannel::Osc9 => format!("\u{1b}]9;{title}: {body}\u{1b}\\"),
    };
    if tmux {
        // tmux's passthrough: DCS tmux; the sequence with every ESC doubled, then ST.
        format!("\u{1b}Ptmux;{}\u{1b}\\", osc.replace('\u{1b}', "\u{1b}\u{1b}")).into_bytes()
    } else {
        osc.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imbox_demo::hostile::{ATTACKS, LEGIT, long_attack, zalgo};

    /// What a terminal would interpret in `text` besides printing it.
    fn interpretable(c: char) -> bool {
        c.is_control() || bidi_or_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}')
    }

    /// Splits `bytes` into (the OSC's payload, its terminator), asserting it is exactly one
    /// `ESC ] … ESC \` with nothing before or after and nothing interpretable inside.
    fn one_osc(bytes: &[u8]) -> String {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let inner = text
            .strip_prefix("\u{1b}]")
            .and_then(|t| t.strip_suffix("\u{1b}\\"))
            .unwrap_or_else(|| panic!("not one OSC … ST: {text:?}"));
        assert!(!inner.chars().any(interpretable), "a control inside the OSC: {inner:?}");
        inner.to_string()
    }

    fn hostile_strings() -> Vec<String> {
        let mut all: Vec<String> = ATTACKS.iter().map(|a| a.to_string()).collect();
        all.push(zalgo());
        all.push(long_attack());
        all.push(ATTACKS.concat());
        for (l, a) in LEGIT.iter().zip(ATTACKS.iter().rev()) {
            all.push(format!("{l} {a} {l}"));
        }
        all
    }

    #[test]
    fn hostile_text_makes_exactly_one_inert_osc_777_with_three_fields() {
        for attack in hostile_strings() {
            let note = AlertNote { title: format!("Dana {attack}"), body: format!("{attack} hi; there") };
            let bytes = sequence(AlertChannel::Osc777, &note, false);
            let inner = one_osc(&bytes);
            let fields: Vec<&str> = inner.split(';').collect();
            assert_eq!(fields.len(), 4, "777, notify, title, body: {inner:?}");
            assert_eq!(&fields[..2], ["777", "notify"]);
            assert!(fields[2].chars().count() <= MAX_TITLE_CHARS + 1, "{:?}", fields[2]);
            assert!(fields[3].chars().count() <= MAX_BODY_CHARS + 1, "{:?}", fields[3]);
            assert!(fields[2].starts_with("Dana"), "{inner:?}");
        }
    }

    #[test]
    fn hostile_text_makes_exactly_one_inert_osc_9_with_no_field_separator() {
        for attack in hostile_strings() {
            let note = AlertNote { title: attack.clone(), body: attack.clone() };
            let inner = one_osc(&sequence(AlertChannel::Osc9, &note, false));
            let text = inner.strip_prefix("9;").expect("OSC 9");
            // ConEmu and Windows Terminal read `9;N;…` as sub-commands: no `;` may follow.
            assert!(!text.contains(';'), "{text:?}");
        }
    }

    #[test]
    fn legitimate_text_survives_and_attacks_stay_visible() {
        for legit in LEGIT {
            let bytes =
                sequence(AlertChannel::Osc777, &AlertNote { title: legit.into(), body: legit.into() }, false);
            assert_eq!(one_osc(&bytes), format!("777;notify;{legit};{legit}"));
        }
        let note = AlertNote { title: "\u{1b}]0;pwned-title\u{7}".into(), body: "a\n\n b\tc".into() };
        let inner = one_osc(&sequence(AlertChannel::Osc777, &note, false));
        assert_eq!(inner, "777;notify;␛]0,pwned-title␇;a b c");
    }

    #[test]
    fn the_bell_is_one_byte_and_tmux_gets_its_passthrough() {
        assert_eq!(sequence(AlertChannel::Bell, &inert_note("\u{1b}[2J", "x"), false), b"\x07");
        assert!(sequence(AlertChannel::Desktop, &inert_note("t", "b"), false).is_empty());
        let wrapped = sequence(AlertChannel::Osc9, &inert_note("hi", ""), true);
        assert_eq!(wrapped, b"\x1bPtmux;\x1b\x1b]9;hi\x1b\x1b\\\x1b\\");
    }

    /// Any characters at all, control and format characters over-represented.
    fn any_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let nasty = prop::sample::select(vec![
            '\u{1b}',
            '\u{7}',
            '\u{9c}',
            '\u{9b}',
            '\u{9d}',
            ';',
            '\\',
            ']',
            '\n',
            '\r',
            '\u{0}',
            '\u{7f}',
            '\u{202e}',
            '\u{2066}',
            '\u{200b}',
            '\u{feff}',
            '\u{2028}',
            '\u{e0041}',
            '\u{301}',
        ]);
        prop::collection::vec(prop_oneof![nasty, any::<char>()], 0..300).prop_map(|v| v.into_iter().collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

        #[test]
        fn any_text_makes_one_inert_sequence(title in any_text(), body in any_text()) {
            let note = AlertNote { title, body };
            let inner = one_osc(&sequence(AlertChannel::Osc777, &note, false));
            proptest::prop_assert_eq!(inner.split(';').count(), 4, "{:?}", inner);
            let inner = one_osc(&sequence(AlertChannel::Osc9, &note, false));
            proptest::prop_assert!(!inner["9;".len()..].contains(';'), "{:?}", inner);
        }
    }

    #[test]
    fn long_text_is_cut_with_a_mark() {
        assert_eq!(inert(&"word ".repeat(100), 20), "word word word word…");
        assert_eq!(inert(&"x".repeat(100), 5), "xxxxx…");
        assert_eq!(inert("xxxxx", 5), "xxxxx", "no mark when nothing was cut");
        assert_eq!(inert("  padded   out  ", 50), "padded out");
    }
}
