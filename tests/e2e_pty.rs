//! End to end: the real binary, in a pseudo-terminal, against its embedded demo server.

mod common;

use common::pty::PtyApp;

#[test]
fn a_new_user_browses_to_the_quick_reply_thread_and_quits_cleanly() {
    let mut app = PtyApp::spawn(&["--demo"], 140, 40, &[]);
    let screen = app.wait_for(&["DEMO", "Contacts", "UNK#DO1695"]);
    assert!(screen.contains("unread"), "{screen}");
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
    let screen = app.wait_for(&[
        "Jane test MC from Postman",
        "[ Red ] [ Blue ] [ White ]",
        "chose [ Red ]",
        "304 messages",
    ]);
    assert!(screen.contains("DEMO"), "{screen}");
    // Ctrl-C quits too.
    app.send(b"\x03");
    assert!(app.wait_exit());
    assert_eq!(app.modes(), (false, false));
}
