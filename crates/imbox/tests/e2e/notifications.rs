//! End to end: the notification centre in the real binary, in a pseudo-terminal, against the
//! embedded demo server.

use crate::pty::PtyApp;

fn unread(screen: &str) -> Option<u64> {
    let line = screen.lines().next()?;
    let before = line.split(" unread").next()?;
    before.rsplit("✉ ").next()?.trim().replace(',', "").parse().ok()
}

#[test]
fn marking_the_first_notification_read_drops_the_badge_by_one() {
    let mut app = PtyApp::spawn(&["--demo"], 140, 40, &[]);
    let screen = app.wait_until("the badge count", |s| unread(s).is_some());
    let before = unread(&screen).expect("badge");
    app.send(b"n");
    app.wait_for(&["Notifications ·", "r read", " / "]);
    app.send(b"r");
    let after = app.wait_until("the badge to drop", |s| unread(s) == Some(before - 1));
    assert!(after.contains(&format!("{} unread", before - 1)), "{after}");
    app.send(b"n");
    app.wait_for(&["Contacts"]);
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn dismiss_all_can_be_undone_and_otherwise_empties_the_badge() {
    let mut app = PtyApp::spawn(&["--demo", "--backend", "imbrace"], 140, 40, &[]);
    let screen = app.wait_until("the badge count", |s| unread(s).is_some_and(|n| n > 0));
    let before = unread(&screen).expect("badge");
    app.send(b"n");
    app.wait_for(&["Notifications ·", "D dismiss all"]);
    app.send(b"D");
    app.wait_for(&["Dismiss ALL conversation notifications on the server?"]);
    app.send(b"y");
    // The rows go at once and a countdown offers the undo; the badge follows.
    app.wait_for(&["All conversation notifications dismissed · sending in", "z undo"]);
    app.wait_until("the badge at zero during the undo window", |s| unread(s) == Some(0));
    app.send(b"z");
    let back = app.wait_until("the badge restored", |s| unread(s) == Some(before));
    assert!(!back.contains("sending in"), "the countdown is gone: {back}");
    // This time let the window run out: the server dismisses them for good.
    app.send(b"D");
    app.wait_for(&["Dismiss ALL conversation notifications on the server?"]);
    app.send(b"y");
    app.wait_for(&["sending in"]);
    app.wait_until("the countdown to end", |s| !s.contains("sending in"));
    // Reloading asks the server: the conversation notifications are gone there too.
    app.send(b"R");
    app.wait_until("the server's badge at zero", |s| unread(s) == Some(0));
    app.send(b"q");
    assert!(app.wait_exit());
}
