//! The one sanitizer every server string passes before it can reach the terminal.
//!
//! Text from servers is written by strangers: a contact name can carry an escape sequence that
//! retitles the window, rewrites the clipboard (OSC 52) or hides text with bidi overrides. Every
//! wire-to-domain conversion calls [`line`] or [`text`], so nothing later has to think about it.
//!
//! What it does:
//! - C0 controls and DEL become the visible Control Pictures (`␛`, `␇`, `␡`, …); C1 controls
//!   (U+0080–U+009F, which include the 8-bit CSI) become `�`. With ESC and C1 gone, no escape
//!   sequence (CSI, OSC, DCS, APC, …) can start, and its remaining bytes show as plain text.
//! - Bidi embedding, override and isolate controls, and invisible format characters are removed.
//!   ZWJ and ZWNJ stay (emoji sequences, Persian and Indic scripts need them); emoji tag
//!   sequences stay after a black flag.
//! - A grapheme that stacks more combining marks than any script needs is cut down.
//! - Values are capped in length, with `…` marking the cut.

use unicode_segmentation::UnicodeSegmentation;

/// Longest single-line value kept (names, titles, ids, URLs), in characters.
pub const MAX_LINE_CHARS: usize = 512;
/// Longest multi-line value kept (message texts, remarks), in characters.
pub const MAX_TEXT_CHARS: usize = 16_384;
/// Most code points kept in one ordinary grapheme (base plus combining marks).
const MAX_GRAPHEME_CHARS: usize = 4;
/// Most code points kept in one emoji ZWJ or tag sequence.
const MAX_EMOJI_GRAPHEME_CHARS: usize = 16;

/// Sanitizes a single-line value: line breaks and tabs become spaces, then as [`text`].
pub fn line(s: &str) -> String {
    clean(s, false, MAX_LINE_CHARS)
}

/// Sanitizes a multi-line value: keeps `\n` as a line break, turns tabs into spaces, drops `\r`.
pub fn text(s: &str) -> String {
    clean(s, true, MAX_TEXT_CHARS)
}

/// Whether a string needs no change to be safe (cheap check used to skip allocation).
fn is_plain(s: &str, multiline: bool, max: usize) -> bool {
    s.len() <= max
        && s.chars().all(|c| {
            (c == '\n' && multiline)
                || (' '..'\u{7f}').contains(&c)
                || (c >= '\u{a0}' && c != '\u{ad}' && (c as u32) < 0x0300)
        })
}

fn clean(s: &str, multiline: bool, max_chars: usize) -> String {
    if is_plain(s, multiline, max_chars) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len().min(max_chars * 4));
    let mut prev_flag = false;
    for (kept, grapheme) in s.graphemes(true).enumerate() {
        if kept >= max_chars {
            out.push('…');
            break;
        }
        let is_emoji_seq = grapheme.contains('\u{200d}') || grapheme.contains('\u{1f3f4}');
        let limit = if is_emoji_seq { MAX_EMOJI_GRAPHEME_CHARS } else { MAX_GRAPHEME_CHARS };
        let mut in_grapheme = 0usize;
        for c in grapheme.chars() {
            if in_grapheme >= limit {
                break;
            }
            if let Some(mapped) = map_char(c, multiline, prev_flag) {
                out.push(mapped);
                in_grapheme += 1;
            }
            prev_flag = c == '\u{1f3f4}' || (prev_flag && is_tag(c));
        }
    }
    out
}

fn is_tag(c: char) -> bool {
    ('\u{e0020}'..='\u{e007f}').contains(&c)
}

/// What one character becomes: itself, a visible stand-in, or nothing.
fn map_char(c: char, multiline: bool, after_flag: bool) -> Option<char> {
    match c {
        '\n' if multiline => Some('\n'),
        '\n' | '\t' => Some(' '),
        '\r' => None,
        // C0 controls -> Control Pictures (U+2400 + code), DEL -> ␡.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        // C1 controls, including the 8-bit CSI (U+009B) and OSC (U+009D).
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        // Bidi embeddings, overrides, isolates and marks.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' => None,
        // Invisible format characters (ZWJ U+200D and ZWNJ U+200C are kept).
        '\u{200b}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{00ad}'
        | '\u{180e}'
        | '\u{034f}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{3164}'
        | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0001}' => None,
        // Line and paragraph separators would break rows.
        '\u{2028}' | '\u{2029}' => Some(if multiline { '\n' } else { ' ' }),
        c if is_tag(c) => after_flag.then_some(c),
        c => Some(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(line("Jane test MC from Postman"), "Jane test MC from Postman");
        assert_eq!(text("a\nb"), "a\nb");
    }

    #[test]
    fn escape_sequences_lose_their_escape() {
        let s = line("\u{1b}]0;owned\u{7}name\u{1b}[2J\u{9b}31m");
        assert!(!s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\u{9b}'));
        assert_eq!(s, "␛]0;owned␇name␛[2J\u{fffd}31m");
    }

    #[test]
    fn bidi_and_invisible_characters_are_removed_but_scripts_kept() {
        assert_eq!(line("a\u{202e}b\u{2066}c\u{200b}d\u{feff}"), "abcd");
        assert_eq!(line("مرحبا 你好 สวัสดี"), "مرحبا 你好 สวัสดี");
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        assert_eq!(line(family), family);
        let england = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}";
        assert_eq!(line(england), england);
        assert_eq!(line("x\u{e0067}y"), "xy");
    }

    #[test]
    fn line_breaks_follow_the_mode() {
        assert_eq!(line("a\r\nb\tc"), "a b c");
        assert_eq!(text("a\r\nb\tc"), "a\nb c");
    }

    #[test]
    fn stacked_marks_and_length_are_capped() {
        let zalgo = format!("e{}", "\u{301}".repeat(50));
        assert_eq!(line(&zalgo).chars().count(), MAX_GRAPHEME_CHARS);
        let long = "x".repeat(MAX_LINE_CHARS + 10);
        let capped = line(&long);
        assert_eq!(capped.chars().count(), MAX_LINE_CHARS + 1);
        assert!(capped.ends_with('…'));
    }
}
