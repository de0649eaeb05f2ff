//! Terminal sequences built from text: OSC 52 (set the clipboard) and OSC 8 (a hyperlink).
//!
//! Both carry text a server wrote, so both refuse what could end the sequence early or start
//! another: a control byte (C0, DEL, C1) never reaches the output. OSC 52 carries base64
//! only; OSC 8 takes http(s) URLs made of printable ASCII only, and a label without controls.

use imbox_model::{Message, MessageBody};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

static HYPERLINKS: AtomicBool = AtomicBool::new(false);

thread_local! {
    static THREAD_HYPERLINKS: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Sets whether URLs on screen are drawn as OSC 8 hyperlinks (once, at start).
pub fn set_hyperlinks(on: bool) {
    HYPERLINKS.store(on, Ordering::Relaxed);
}

/// Sets (or with `None` clears) this thread's hyperlink choice, which wins over the process's
/// (tests draw side by side in one process).
pub fn set_hyperlinks_for_thread(on: Option<bool>) {
    THREAD_HYPERLINKS.with(|t| t.set(on));
}

/// Whether URLs on screen are drawn as OSC 8 hyperlinks.
pub fn hyperlinks() -> bool {
    THREAD_HYPERLINKS.with(Cell::get).unwrap_or_else(|| HYPERLINKS.load(Ordering::Relaxed))
}

/// Whether the terminal described by these environment values is likely to draw OSC 8 links
/// (and not print them): terminals known to, and never inside tmux or screen, which drop or
/// garble the sequence in the versions still common. `var` reads one variable.
pub fn terminal_has_hyperlinks(var: &dyn Fn(&str) -> Option<String>) -> bool {
    if var("TMUX").is_some() || var("STY").is_some() {
        return false;
    }
    let term = var("TERM").unwrap_or_default();
    if term.starts_with("screen") || term.starts_with("tmux") || term == "linux" || term == "dumb" {
        return false;
    }
    let program = var("TERM_PROGRAM").unwrap_or_default();
    let vte = var("VTE_VERSION").and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    ["iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "rio"].contains(&program.as_str())
        || vte >= 5000
        || var("KITTY_WINDOW_ID").is_some()
        || var("WT_SESSION").is_some()
        || ["xterm-kitty", "foot", "foot-extra", "alacritty", "xterm-ghostty", "wezterm"]
            .contains(&term.as_str())
}

/// Most bytes of text one copy carries: base64 makes 4 of every 3, so the sequence stays under
/// 100,000 bytes, a limit common to terminals and tmux.
pub const MAX_COPY_BYTES: usize = 74_000;

/// The sequence that puts `text` on the system clipboard (`ESC ] 52 ; c ; <base64> ESC \`).
/// The caller cuts `text` to [`MAX_COPY_BYTES`] first (see [`cut`]).
pub fn osc52(text: &str) -> Vec<u8> {
    let mut out = b"\x1b]52;c;".to_vec();
    out.extend(base64(text.as_bytes()).into_bytes());
    out.extend_from_slice(b"\x1b\\");
    out
}

/// `text` cut at a character boundary to at most `max` bytes, and whether it was cut.
pub fn cut(text: &str, max: usize) -> (&str, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

/// Whether `url` may go inside a hyperlink or to the system opener: `http://` or `https://`
/// (any case), printable ASCII only (no space, no control byte, nothing a terminal or a shell
/// could read as more than a URL), and a host after the scheme.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty() && url.len() <= 2048 && url.bytes().all(|b| b.is_ascii_graphic())
}

/// `label` as the hyperlink to `url` (`ESC ] 8 ; ; <url> ESC \ label ESC ] 8 ; ; ESC \`), or
/// `None` when `url` is not a web URL (see [`is_web_url`]) or `label` holds a control character.
pub fn osc8(url: &str, label: &str) -> Option<String> {
    if !is_web_url(url) || label.chars().any(|c| c.is_control()) {
        return None;
    }
    Some(format!("\x1b]8;;{url}\x1b\\{label}\x1b]8;;\x1b\\"))
}

/// The web URLs in `text`, in order: each runs from `http://` or `https://` to the first
/// character a URL cannot hold unencoded (a space, a quote, anything beyond printable ASCII);
/// closing punctuation at its end belongs to the sentence, not to the URL.
pub fn urls_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = find_scheme(rest) {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| !c.is_ascii_graphic() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
            .unwrap_or(tail.len());
        let mut url = &tail[..end];
        while let Some(stripped) = url.strip_suffix(['.', ',', ';', ':', '!', '?', ')', ']', '}']) {
            url = stripped;
        }
        if is_web_url(url) {
            out.push(url.to_string());
        }
        rest = &tail[end.max(1)..];
    }
    out
}

/// The web URLs of one message: its picture or file, its attachments, its cards' pictures and
/// buttons, and the links written in its text. A URL field is read like text, so a value with
/// junk after the URL (a space, an escape the sanitizer made visible) still yields the URL.
pub fn message_links(m: &Message) -> Vec<String> {
    let mut out = Vec::new();
    match &m.body {
        MessageBody::Image { url, caption, .. } | MessageBody::File { url, caption, .. } => {
            out.extend(urls_in(url));
            out.extend(urls_in(caption));
        }
        MessageBody::Text { text, .. } | MessageBody::Activity { text } => out.extend(urls_in(text)),
        MessageBody::Response { title, text, .. } => {
            out.extend(urls_in(title));
            out.extend(urls_in(text));
        }
        MessageBody::Cards { cards } => {
            for c in cards {
                out.extend(urls_in(&c.media_url));
                out.extend(urls_in(&c.description));
                out.extend(c.actions.iter().flat_map(|(_, link)| urls_in(link)));
            }
        }
        _ => {}
    }
    out.extend(m.attachments.iter().flat_map(|a| urls_in(&a.url)));
    out
}

fn find_scheme(s: &str) -> Option<usize> {
    let a = s.find("http://");
    let b = s.find("https://");
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Standard base64 with padding (RFC 4648), as OSC 52 wants it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(osc52("hi"), b"\x1b]52;c;aGk=\x1b\\".to_vec());
    }

    #[test]
    fn osc8_is_exactly_the_sequence_and_refuses_controls() {
        assert_eq!(
            osc8("https://example.com/a?b=1", "label").as_deref(),
            Some("\x1b]8;;https://example.com/a?b=1\x1b\\label\x1b]8;;\x1b\\")
        );
        for hostile in [
            "https://e.com/\x1b]0;pwned\x07",
            "https://e.com/\x07",
            "https://e.com/\u{9b}31m",
            "https://e.com/ a",
            "https://e.com/\u{202e}",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
        ] {
            assert_eq!(osc8(hostile, "x"), None, "{hostile:?}");
        }
        assert_eq!(osc8("https://e.com", "a\x1bb"), None);
    }

    #[test]
    fn every_url_osc8_accepts_is_free_of_control_bytes() {
        // Every byte value in every position: what passes is printable ASCII between the
        // sequence's own bytes.
        for b in 0u8..=255 {
            let url = format!("https://e.com/{}x", char::from(b));
            if let Some(s) = osc8(&url, "l") {
                let inner = &s["\x1b]8;;".len()..s.len() - "\x1b\\l\x1b]8;;\x1b\\".len()];
                assert!(inner.bytes().all(|c| c.is_ascii_graphic()), "{b}: {inner:?}");
            }
        }
    }

    #[test]
    fn hyperlinks_are_on_only_where_the_terminal_is_known_to_draw_them() {
        let with = |vars: &'static [(&'static str, &'static str)]| {
            terminal_has_hyperlinks(&move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
        };
        assert!(with(&[("TERM_PROGRAM", "WezTerm"), ("TERM", "xterm-256color")]));
        assert!(with(&[("TERM", "xterm-kitty")]));
        assert!(with(&[("VTE_VERSION", "7600"), ("TERM", "xterm-256color")]));
        assert!(!with(&[("TERM", "xterm-256color")]), "plain xterm: unknown");
        assert!(!with(&[("VTE_VERSION", "4200")]), "VTE before 0.50");
        assert!(!with(&[("TERM_PROGRAM", "WezTerm"), ("TMUX", "/tmp/tmux-0/default,1,0")]), "inside tmux");
        assert!(!with(&[("TERM", "screen-256color"), ("KITTY_WINDOW_ID", "1")]), "screen inside kitty");
    }

    #[test]
    fn urls_are_found_in_text_without_the_sentence_around_them() {
        let t = "see https://a.example/x?y=1, and (http://b.example/p). Not ftp://c or https:// alone.";
        assert_eq!(urls_in(t), vec!["https://a.example/x?y=1", "http://b.example/p"]);
        // What the sanitizer left of an escape ends the URL: it is not part of it.
        assert_eq!(urls_in("https://evil.example/␛\\click"), vec!["https://evil.example/"]);
        assert_eq!(cut("héllo", 2), ("h", true));
        assert_eq!(cut("abc", 5), ("abc", false));
    }
}
