//! End to end: the notification centre in the real binary, in a pseudo-terminal, against the
//! embedded demo server.

mod common;

use common::pty::PtyApp;

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
