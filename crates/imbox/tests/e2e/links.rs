//! End to end: the monochrome theme, copying and hyperlinks, in the real binary.
//! - `NO_COLOR=1`: no colour is written, and `j` moves the reverse-video row with the counter.
//! - Against the hostile demo with hyperlinks on: every OSC 8 link imbox writes is exactly
//!   `ESC ] 8 ; ; <printable ASCII http(s) URL> ESC \ glyph ESC ] 8 ; ; ESC \`, every OSC 52
//!   copy carries base64 only, and with those taken out the output passes the hostile check.

use crate::pty::PtyApp;
use imbox_demo::{DemoConfig, spawn};

/// The first row in reverse video among the panes (the header's tabs and markers excluded).
fn selected_row(app: &PtyApp) -> Option<u16> {
    app.reversed().into_iter().map(|(r, _)| r).find(|r| *r > 1)
}

#[test]
fn no_color_draws_no_colour_and_j_moves_the_reverse_video_row() {
    let mut app = PtyApp::spawn(&["--demo"], 80, 24, &[("NO_COLOR", "1")]);
    app.wait_for(&["1 / 300", "UNK#DO1695"]);
    let start = std::time::Instant::now();
    let first = loop {
        if let Some(r) = selected_row(&app) {
            break r;
        }
        assert!(start.elapsed() < crate::pty::PATIENCE, "no reverse-video row:\n{}", app.screen());
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    app.send(b"j");
    app.wait_for(&["2 / 300"]);
    app.wait_until("the reverse-video row to move down", |_| selected_row(&app) == Some(first + 1));
    app.send(b"jj");
    app.wait_for(&["4 / 300"]);
    app.wait_until("the reverse-video row to follow", |_| selected_row(&app) == Some(first + 3));
    app.send(b"q");
    assert!(app.wait_exit());
    let raw = String::from_utf8_lossy(&app.raw()).into_owned();
    for colour in ["\u{1b}[38;", "\u{1b}[48;"] {
        assert!(!raw.contains(colour), "a colour was written: {colour:?}");
    }
}

/// Takes every OSC 8 link and OSC 52 copy out of `raw` after checking each; returns the rest,
/// the number of links and the copies' texts.
fn take_links_and_copies(raw: &str) -> (String, usize, Vec<String>) {
    let (mut rest, mut links, mut copies) = (String::new(), 0, Vec::new());
    let mut s = raw;
    loop {
        let next = [s.find("\u{1b}]8;;"), s.find("\u{1b}]52;")].into_iter().flatten().min();
        let Some(at) = next else { break };
        rest.push_str(&s[..at]);
        s = &s[at..];
        if let Some(body) = s.strip_prefix("\u{1b}]52;c;") {
            let end = body.find("\u{1b}\\").expect("a terminated OSC 52");
            let b64 = &body[..end];
            assert!(b64.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)), "{b64:?}");
            copies.push(b64.to_string());
            s = &body[end + 2..];
            continue;
        }
        let body = &s["\u{1b}]8;;".len()..];
        let end = body.find("\u{1b}\\").expect("a terminated OSC 8 open");
        let url = &body[..end];
        assert!(url.starts_with("https://") || url.starts_with("http://"), "{url:?}");
        assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{url:?}");
        let after = &body[end + 2..];
        let close = after.find("\u{1b}]8;;\u{1b}\\").expect("a closed link");
        let glyph = &after[..close];
        assert!(!glyph.contains('\u{1b}') && glyph.chars().count() <= 2, "{glyph:?}");
        rest.push_str(glyph);
        links += 1;
        s = &after[close + "\u{1b}]8;;\u{1b}\\".len()..];
    }
    rest.push_str(s);
    (rest, links, copies)
}

#[test]
fn a_hostile_server_cannot_inject_through_links_or_copies() {
    let (cols, rows) = (140, 40);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(spawn(DemoConfig { hostile: true, ..DemoConfig::default() })).expect("demo");
    let base = server.base_url();
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[ui]\nhyperlinks = true\n").expect("config");
    let config = config.to_string_lossy().into_owned();
    let mut app = PtyApp::spawn(
        &["--base-url", &base],
        cols,
        rows,
        // No system opener on PATH: `o` copies the link instead of starting a browser.
        &[("IMBOX_TOKEN", server.token()), ("IMBOX_CONFIG", &config), ("PATH", "/nonexistent")],
    );
    // The hostile server leaves out the unread count: the badge is "✉ …" (unknown).
    app.wait_for(&["1 / 300", "✉ …"]);
    app.send(b"\r");
    app.wait_for(&["UNK#DO1695@"]);
    app.send(b"\r");
    app.wait_until("the thread", |s| s.contains(" messages ") && s.contains("Agent"));
    // Copy the message at the bottom, then scroll and copy again; open links (picker or not).
    app.send(b"y");
    app.wait_for(&["✔ copied"]);
    app.send(b"kkkkky");
    app.send(b"o");
    // One link is copied at once (no opener on PATH); several open the picker, where `1` does.
    let screen = app.wait_until("the link", |s| s.contains("no xdg-open") || s.contains("Open a link"));
    if !screen.contains("no xdg-open") {
        app.send(b"1");
        app.wait_for(&["no xdg-open"]);
    }
    // Page up and down through the thread, so more messages, and their links, are drawn.
    for key in [b"\x1b[5~", b"\x1b[6~"] {
        for _ in 0..30 {
            app.send(key);
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");
    let raw = String::from_utf8(app.raw()).expect("UTF-8");
    let (rest, links, copies) = take_links_and_copies(&raw);
    assert!(!copies.is_empty(), "y wrote an OSC 52 copy");
    // The hostile thread's attachments keep a clean URL before their attack: those are links.
    assert!(links > 0, "no hyperlink was drawn");
    crate::hostile::assert_clean_output(rest.as_bytes(), cols, rows);
}
