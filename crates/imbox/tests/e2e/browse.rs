//! End to end: the real binary, in a pseudo-terminal, against its embedded demo server.

use crate::pty::PtyApp;

#[test]
fn a_new_user_browses_to_the_quick_reply_thread_and_quits_cleanly() {
    let mut app = PtyApp::spawn(&["--demo"], 140, 40, &[]);
    // The badge has its own request, which may answer after the first page of contacts: wait
    // for both rather than asserting on whichever frame shows the contacts first.
    app.wait_for(&["DEMO", "Contacts", "UNK#DO1695", "unread"]);
    assert_eq!(app.modes(), (true, true), "alternate screen, cursor hidden");
    // The total is shown as soon as the first page arrives.
    app.wait_until("the contact total", |s| s.contains("1 / 300"));
    app.send(b"j");
    app.wait_for(&["2 / 300"]);
    app.send(b"\r");
    app.wait_for(&["channel: all", " · "]);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits successfully on q");
    assert_eq!(app.modes(), (false, false), "terminal restored: main screen, cursor shown");
}

#[test]
fn open_goes_straight_to_the_reply_buttons_at_80x24() {
    let mut app = PtyApp::spawn(&["--open", "conv_f262dad4-dcb1-44b9-8d7e-407b022dc4b7"], 80, 24, &[]);
    app.wait_for(&[
        "DEMO",
        "Jane test MC from Postman",
        "[ Red ] [ Blue ] [ White ]",
        "chose [ Red ]",
        "304 messages",
    ]);
    // Ctrl-C quits too.
    app.send(b"\x03");
    assert!(app.wait_exit());
    assert_eq!(app.modes(), (false, false));
}

#[test]
fn keys_work_while_requests_are_slow() {
    // A demo server that takes 8 s per request (long enough that a loaded machine still opens
    // help first), in this test process; imbox connects to it.
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt
        .block_on(imbox_demo::spawn(imbox_demo::DemoConfig {
            latency: std::time::Duration::from_secs(8),
            ..imbox_demo::DemoConfig::default()
        }))
        .expect("demo server");
    let base = server.base_url();
    let mut app = PtyApp::spawn(&["--base-url", &base], 120, 30, &[("IMBOX_TOKEN", imbox_demo::DEMO_TOKEN)]);
    app.wait_for(&["Loading contacts"]);
    // The UI answers keys at once even though every request is still in flight.
    app.send(b"?");
    let screen = app.wait_for(&["Help"]);
    assert!(screen.contains("Loading contacts"), "help opened before the slow contacts arrived:\n{screen}");
    // Esc alone (a following key in the same read would make it Alt-<key>).
    app.send(b"\x1b");
    app.wait_until("the help to close", |s| !s.contains("╭ Help ·"));
    app.send(b"\t");
    app.wait_for(&["Select a contact and press Enter"]);
    app.wait_for(&["UNK#DO1695"]);
    app.send(b"q");
    assert!(app.wait_exit());
    drop(server);
}

#[test]
fn resizing_to_narrow_and_back_keeps_the_place() {
    let mut app = PtyApp::spawn(&["--demo", "--backend", "imbrace"], 140, 40, &[]);
    app.wait_for(&["Contacts", "Conversations", "Thread", "1 / 300"]);
    app.send(b"jjj");
    app.wait_for(&["4 / 300"]);
    app.send(b"\r");
    app.wait_for(&["channel: all", " · "]);
    // Narrow: one pane and a breadcrumb; the conversations pane keeps the focus.
    app.resize(80, 24);
    let narrow = app.wait_until("the narrow layout", |s| s.lines().nth(1).is_some_and(|l| l.contains(" › ")));
    assert!(!narrow.contains("┌ Thread") && !narrow.contains("┏ Thread"), "one pane only: {narrow}");
    // Back to wide: all three panes, the same contact selected.
    app.resize(140, 40);
    app.wait_for(&["Contacts", "Thread", "4 / 300", "channel: all"]);
    app.send(b"q");
    assert!(app.wait_exit());
    assert_eq!(app.modes(), (false, false), "terminal restored");
}

#[test]
fn an_absurd_window_size_is_clamped_not_allocated() {
    let mut app = PtyApp::spawn(&["--demo", "--backend", "imbrace"], 120, 36, &[]);
    app.wait_for(&["Contacts", "1 / 300"]);
    // 65535x65535 aborted with a failed allocation and left the terminal raw. Clamped, imbox
    // redraws everything at its top-left 2000x1000 (the pane titles are written again) and
    // goes on.
    let titles = |app: &PtyApp| String::from_utf8_lossy(&app.raw()).matches("Contacts").count();
    let before = titles(&app);
    app.resize_pty_only(65535, 65535);
    let deadline = std::time::Instant::now() + crate::pty::PATIENCE;
    while titles(&app) <= before {
        assert!(std::time::Instant::now() < deadline, "no frame after the giant resize");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    app.send(b"j");
    app.resize(120, 36);
    app.send(b"j");
    app.wait_for(&["Contacts", "3 / 300"]);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");
    assert_eq!(app.modes(), (false, false), "terminal restored");
}

#[test]
fn keys_typed_while_the_window_resizes_are_not_lost_and_the_screen_is_whole() {
    let mut app = PtyApp::spawn(&["--demo", "--backend", "imbrace"], 120, 36, &[]);
    app.wait_for(&["Contacts", "1 / 300"]);
    for n in 2..=6 {
        // A shrink and a grow as a window manager sends them, and a key among the signals:
        // crossterm's default input source returned early on SIGWINCH and left the key unread
        // until the next one; and a terminal that cut its lines on the shrink kept blanks where
        // the final size looked unchanged to ratatui's diff.
        app.resize(100, 30);
        app.resize(120, 36);
        app.send(b"j");
        let counter = format!("{n} / 300");
        let screen = app.wait_for(&["Contacts", counter.as_str()]);
        let last_row = screen.lines().nth(34).unwrap_or("");
        assert!(last_row.contains(&counter) && last_row.contains("channel: all"), "{screen}");
    }
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn slash_in_the_thread_finds_text_loading_older_pages_and_n_walks_on() {
    let mut app = PtyApp::spawn(&["--open", "conv_f262dad4-dcb1-44b9-8d7e-407b022dc4b7"], 140, 40, &[]);
    app.wait_for(&["Jane test MC from Postman", "304 messages"]);
    // Only in older messages than the first page: the find loads pages until it is on one.
    app.send(b"/address\r");
    let screen = app.wait_until("the first match", |s| s.contains("/address · 1 of"));
    assert!(screen.contains("address"), "the match is on screen:\n{screen}");
    app.send(b"n");
    app.wait_until("the second match", |s| s.contains("/address · 2 of"));
    app.send(b"N");
    app.wait_until("back to the first", |s| s.contains("/address · 1 of"));
    // Esc ends the find; n is the notification centre again.
    app.send(b"\x1b");
    app.wait_until("the thread's hints", |s| !s.contains("/address ·") && s.contains("j/k scroll"));
    app.send(b"n");
    app.wait_for(&["Notifications ·"]);
    app.send(b"q");
    assert!(app.wait_exit());
}
