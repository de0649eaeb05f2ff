//! End to end against a hostile server: the real binary in a pseudo-terminal on
//! `--demo-hostile`, whose every string (names, messages, buttons, notifications, URLs, error
//! bodies, even field names) is an attack on the terminal. Every pane is visited and every raw
//! byte imbox wrote is checked: only the CSI sequences crossterm itself writes, no OSC, DCS,
//! APC, PM or SOS, no 8-bit C1, no BEL, no bidi or invisible character, and the window title is
//! never set, while the legitimate RTL, CJK and emoji text of the corpus reaches the screen.

use crate::pty::PtyApp;
use imbox_demo::hostile::LEGIT;
use imbox_demo::{DemoConfig, Fault, spawn};

/// Records every attempt to set the window or icon title.
#[derive(Default)]
struct TitleWatch(Vec<Vec<u8>>);

impl vt100::Callbacks for TitleWatch {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.0.push(name.to_vec());
    }
}

/// A few characters around byte `i`, for failure messages.
fn context(text: &str, i: usize) -> String {
    let mut start = i.saturating_sub(60);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..].chars().take(80).collect()
}

/// One CSI sequence: parameter bytes and final byte.
#[derive(Debug, Clone, PartialEq)]
struct Csi {
    params: String,
    last: char,
}

/// Splits the output into CSI sequences, panicking on any escape that is not a CSI.
fn csi_sequences(text: &str) -> Vec<Csi> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\u{1b}' {
            continue;
        }
        let context = context(text, i);
        match chars.next() {
            Some((_, '[')) => {}
            other => panic!("a non-CSI escape {other:?} at byte {i}: {context:?}"),
        }
        let mut params = String::new();
        loop {
            match chars.next() {
                Some((_, p)) if ('\u{20}'..='\u{3f}').contains(&p) => params.push(p),
                Some((_, f)) if ('\u{40}'..='\u{7e}').contains(&f) => {
                    out.push(Csi { params, last: f });
                    break;
                }
                other => panic!("an unterminated CSI {other:?} at byte {i}: {context:?}"),
            }
        }
    }
    out
}

/// The CSI sequences crossterm writes for ratatui: cursor moves, SGR, erase, and the private
/// modes imbox sets (alternate screen, cursor, mouse, bracketed paste, focus).
fn allowed(csi: &Csi) -> bool {
    let private_modes = ["?1049", "?25", "?1000", "?1002", "?1003", "?1006", "?1015", "?2004", "?1004"];
    match csi.last {
        'H' | 'f' | 'A' | 'B' | 'C' | 'D' | 'G' | 'm' | 'K' => true,
        // The kitty keyboard protocol's push and pop (Shift-Enter in the composer).
        'u' => csi.params == ">1" || csi.params == "<1",
        'J' => csi.params == "2" || csi.params.is_empty(),
        'h' | 'l' => csi.params.split(';').all(|p| private_modes.contains(&p)),
        _ => false,
    }
}

fn is_bidi_or_invisible(c: char) -> bool {
    matches!(c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        | '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{00ad}'
        | '\u{180e}' | '\u{034f}' | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}'
        | '\u{2028}' | '\u{2029}')
}

/// Checks every byte imbox wrote (see the module documentation); also used by `alerts.rs` on
/// the output with its one alert cut out.
pub(crate) fn assert_clean_output(raw: &[u8], cols: u16, rows: u16) {
    let text = std::str::from_utf8(raw).expect("imbox writes valid UTF-8");
    for (i, c) in text.char_indices() {
        // crossterm moves the cursor with CSI; no other C0 control has a reason to appear.
        let c0 = c.is_ascii_control() && !matches!(c, '\u{1b}' | '\r' | '\n');
        if ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_or_invisible(c) || c0 {
            panic!("{c:?} at byte {i}: {:?}", context(text, i));
        }
    }
    let csis = csi_sequences(text);
    if std::env::var_os("SHOW_CSI").is_some() {
        let mut kinds: Vec<String> = csis.iter().map(|c| format!("{}{}", c.params, c.last)).collect();
        kinds.sort();
        kinds.dedup();
        eprintln!("{} CSI sequences, {} kinds: {kinds:?}", csis.len(), kinds.len());
    }
    let bad: Vec<&Csi> = csis.iter().filter(|c| !allowed(c)).collect();
    assert!(bad.is_empty(), "CSI sequences crossterm does not write: {bad:?}");
    let count =
        |params: &str, last: char| csis.iter().filter(|c| c.params == params && c.last == last).count();
    assert_eq!(count("?1049", 'h'), 1, "the alternate screen is entered once");
    assert_eq!(count("?1049", 'l'), 1, "and left once, at the end");

    let mut parser = vt100::Parser::new_with_callbacks(rows, cols, 0, TitleWatch::default());
    parser.process(raw);
    assert!(parser.callbacks().0.is_empty(), "the window title was set: {:?}", parser.callbacks().0);
}

#[test]
fn a_hostile_server_leaves_no_control_sequence_in_any_pane() {
    let (cols, rows) = (140, 40);
    // The same hostile demo `--demo-hostile` embeds, run here so the test can make it fail.
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(spawn(DemoConfig { hostile: true, ..DemoConfig::default() })).expect("demo");
    let base = server.base_url();
    let mut app = PtyApp::spawn(&["--base-url", &base], cols, rows, &[("IMBOX_TOKEN", server.token())]);
    let mut seen = String::new();
    let mut step = |screen: String| seen.push_str(&screen);
    // The hostile server leaves `unread_count` out: the badge is unknown, never "0 unread".
    step(app.wait_for(&["1 / 300", "✉ …"]));
    // A contact's conversations, then a thread.
    app.send(b"\r");
    step(app.wait_for(&["UNK#DO1695@"]));
    app.send(b"\r");
    step(app.wait_until("the thread", |s| s.contains(" messages ") && s.contains("Agent")));
    app.send(b"hh");
    app.wait_for(&["Tab pane"]);
    // The notification centre: no count beside the unread rows, as the server gave none.
    app.send(b"n");
    let centre = app.wait_for(&["Notifications", "1 / 640", "●"]);
    assert!(!centre.contains("0 unread"), "{centre}");
    step(centre);
    // Enter while every request fails: the details say what could not be done (the error
    // body is an attack too).
    server.inject(Fault::Status(500), 1000);
    app.send(b"\r");
    step(app.wait_for(&["╭ Notification", "Could not look for the conversation of"]));
    server.inject(Fault::Status(500), 0);
    app.send(b"\x1b");
    app.wait_until("the details to close", |s| !s.contains("╭ Notification"));
    // Enter again: the contact search finds its conversation, whose thread opens.
    app.send(b"\r");
    step(app.wait_until("the notification's thread", |s| !s.contains("1 / 640") && s.contains(" message")));
    app.send(b"hh");
    // (Not the hints: the first Enter's mark-read may have met the fault, and says so there.)
    app.wait_for(&["┏ Contacts"]);
    // Contact details, the edit form.
    app.send(b"i");
    step(app.wait_for(&["Contact · UNK#DO1695", "First name"]));
    app.send(b"\x1b");
    app.wait_until("the details to close", |s| !s.contains("Contact · "));
    app.send(b"e");
    step(app.wait_for(&["Edit · UNK#DO1695", "First name"]));
    app.send(b"\x1b");
    app.wait_until("the form to close", |s| !s.contains("Edit · "));
    // Search, kept with Enter; the details of a result, with its files.
    app.send(b"/NJ9585");
    step(app.wait_for(&["/ NJ9585", "server results", "TWN#NJ9585"]));
    app.send(b"\r");
    app.wait_for(&["/ edit"]);
    app.send(b"i");
    step(app.wait_for(&["Contact · TWN#NJ9585", "Files ("]));
    app.send(b"\x1b");
    app.wait_until("the details to close", |s| !s.contains("Contact · "));
    // A phone number lists its conversation links (poisoned links).
    app.send(b"/\x15886911425977");
    step(app.wait_for(&["886911425977", "3 links"]));
    app.send(b"\x1b");
    app.wait_for(&["1 / 300"]);
    // An error body is an attack too: every try of a reload fails.
    server.inject(Fault::Status(500), 1000);
    app.send(b"R");
    // The demo serves both gateway layouts; `auto` uses channel-service.
    step(app.wait_for(&["✖ server error 500 on GET", "/channel-service/v1/contacts:", "1 / 300"]));
    server.inject(Fault::Status(500), 0);
    // Help.
    app.send(b"?");
    step(app.wait_for(&["Help"]));
    app.send(b"\x1b");
    app.wait_until("the help to close", |s| !s.contains("╭ Help ·"));
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");

    for legit in LEGIT.iter().take(5) {
        assert!(seen.contains(legit), "{legit:?} never reached the screen");
    }
    assert!(seen.contains("␛]0;pwned-title␇"), "attacks show as visible text");
    assert_clean_output(&app.raw(), cols, rows);
}

#[test]
fn the_byte_checker_catches_what_it_should() {
    let caught =
        |s: &'static str| std::panic::catch_unwind(|| assert_clean_output(s.as_bytes(), 80, 24)).is_err();
    let ok = "\u{1b}[?1049h\u{1b}[1;1H\u{1b}[38;5;1mhi\u{1b}[0m\u{1b}[?1049l";
    assert!(!caught(ok));
    for bad in [
        "\u{1b}[?1049h\u{1b}]0;x\u{7}\u{1b}[?1049l",
        "\u{1b}[?1049h\u{1b}Pq\u{1b}[?1049l",
        "\u{1b}[?1049h\u{9b}2J\u{1b}[?1049l",
        "\u{1b}[?1049h\u{202e}\u{1b}[?1049l",
        "\u{1b}[?1049h\u{200b}\u{1b}[?1049l",
        "\u{1b}[?1049h\u{7}\u{1b}[?1049l",
        "\u{1b}[?1049h\u{1b}[6n\u{1b}[?1049l",
        "\u{1b}[?1049h\u{1b}[?1049l\u{1b}[?1049l",
    ] {
        assert!(caught(bad), "{bad:?} was not caught");
    }
}

#[test]
fn imbox_stays_responsive_while_the_server_stalls() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(spawn(DemoConfig::default())).expect("demo");
    let base = server.base_url();
    let mut app = PtyApp::spawn(&["--base-url", &base], 100, 30, &[("IMBOX_TOKEN", server.token())]);
    app.wait_for(&["UNK#DO1695", "1 / 300"]);
    // From now on the server never answers; a reload hangs in the worker, not in the UI.
    server.inject(Fault::Stall, 1000);
    app.send(b"R");
    app.send(b"j");
    app.wait_for(&["2 / 300"]);
    app.send(b"?");
    app.wait_for(&["Help"]);
    app.send(b"\x1b");
    app.wait_until("the help to close", |s| !s.contains("╭ Help ·"));
    app.send(b"\r");
    app.wait_for(&["Loading"]);
    app.send(b"q");
    assert!(app.wait_exit(), "quits at once, without waiting for the stalled requests");
    assert_eq!(app.modes(), (false, false), "terminal restored");
}

/// imbox against `server` through a profile fixed on the seed layout (`/v1/backend/...`), so the
/// faults injected on those paths meet the requests themselves rather than the layout probe.
/// The returned directory holds the config and must outlive the app.
fn spawn_on_seed_layout(server: &imbox_demo::DemoServer, extra: &[&str]) -> (PtyApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("config dir");
    let config = dir.path().join("config.toml");
    let text =
        format!("[[profile]]\nname = \"seed\"\nbase_url = \"{}\"\nlayout = \"seed\"\n", server.base_url());
    std::fs::write(&config, text).expect("config");
    let mut args = vec!["--profile", "seed"];
    args.extend_from_slice(extra);
    let env = [("IMBOX_TOKEN", server.token()), ("IMBOX_CONFIG", config.to_str().expect("utf-8"))];
    (PtyApp::spawn(&args, 100, 30, &env), dir)
}

#[test]
fn after_server_errors_end_the_contacts_pane_fills_without_a_key() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(spawn(DemoConfig::default())).expect("demo");
    // The first load fails through all its retries (one try and three retries).
    server.inject_on("GET", "/v1/backend/contacts", Fault::Status(503), 4);
    let (mut app, _config) = spawn_on_seed_layout(&server, &[]);
    app.wait_for(&["Service Unavailable"]);
    // No key: the next probe finds the server well and the pane asks again by itself.
    app.wait_for(&["UNK#DO1695", "1 / 300"]);
    app.send(b"q");
    assert!(app.wait_exit());
    // Four failed; then the page (and the one after it, prefetched) after the probe.
    assert!(server.requests_seen("GET", "/v1/backend/contacts") >= 5);
}

#[test]
fn a_stalled_badge_request_is_not_joined_by_more() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(spawn(DemoConfig::default())).expect("demo");
    server.inject_on("GET", "/v1/backend/notifications", Fault::Stall, 1000);
    let (mut app, _config) = spawn_on_seed_layout(&server, &[]);
    app.wait_for(&["UNK#DO1695", "1 / 300"]);
    // Each R asks for the badge again; the first request still hangs.
    app.send(b"RRRRR");
    app.send(b"j");
    app.wait_for(&["2 / 300"]);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(server.requests_seen("GET", "/v1/backend/notifications"), 1, "one badge request in flight");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn the_log_records_requests_decode_failures_and_401s_without_token_or_body() {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos());
    let canary = format!("acc_logcanary_{}_{}", std::process::id(), nanos.unwrap_or(0));
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server =
        rt.block_on(spawn(DemoConfig { token: canary.clone(), ..DemoConfig::default() })).expect("demo");
    server.inject_on("GET", "/v1/backend/contacts", Fault::Malformed, 1);
    server.inject_on("GET", "/v1/backend/notifications", Fault::Status(401), 1);
    let (mut app, _config) = spawn_on_seed_layout(&server, &["--log-level", "debug"]);
    // The malformed page is asked again after the probe.
    app.wait_for(&["UNK#DO1695", "1 / 300"]);
    app.send(b"q");
    assert!(app.wait_exit());
    let log = std::fs::read_to_string(app.home.path().join("state").join("imbox.log")).expect("the log");
    for needle in [
        "method=GET path=/v1/backend/contacts status=200",
        "retry=0",
        "ms=",
        "json_path=.",
        "token rejected",
        "path=/v1/backend/notifications status=401",
    ] {
        assert!(log.contains(needle), "{needle:?} is not in the log:\n{log}");
    }
    assert!(!log.contains(&canary), "the token is in the log");
    assert!(!log.contains("oops"), "a body is in the log");
    assert!(!log.contains("UNK#DO1695"), "a body is in the log");
    assert!(!log.contains("skip="), "query values are in the log");
}

#[test]
fn open_with_bidi_and_invisible_characters_reaches_neither_the_screen_nor_the_request() {
    let (cols, rows) = (100, 30);
    // The seed conversation's id with a zero-width space and a right-to-left override inside:
    // sanitized, it is the real id again, and its thread opens.
    let id = "conv_f262dad4-\u{200b}dcb1-44b9-8d7e-407b022dc4b7\u{202e}";
    let mut app =
        PtyApp::spawn(&["--demo", "--backend", "imbrace", "--no-activity", "--open", id], cols, rows, &[]);
    app.wait_for(&["Jane test MC from Postman", "304 messages"]);
    app.send(b"q");
    assert!(app.wait_exit());
    assert_clean_output(&app.raw(), cols, rows);
}
