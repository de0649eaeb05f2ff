//! End to end: searching in the real binary against its embedded demo server.

mod common;

use common::pty::PtyApp;

#[test]
fn searching_finds_a_contact_and_a_phone_lists_its_links_which_open() {
    let mut app = PtyApp::spawn(&["--demo"], 140, 40, &[]);
    app.wait_until("the contact total", |s| s.contains("1 / 300"));
    app.send(b"/NJ9585");
    app.wait_for(&["/ NJ9585", "TWN#NJ9585", "server results"]);
    // Ctrl-U clears the line; a phone number lists its links above the contacts.
    app.send(b"\x15886911425977");
    app.wait_for(&["886911425977 3 links", "conv_85130be2", "conv_e2db3e49", "conv_205e3bc5"]);
    // Enter keeps the results, Enter again opens the selected (first) link's thread.
    app.send(b"\r");
    app.wait_for(&["/ edit"]);
    app.send(b"\r");
    app.wait_for(&["886911425977 · conv_85130be2", "messages"]);
    app.send(b"\x03");
    assert!(app.wait_exit());
}

#[test]
fn esc_returns_to_the_full_list_at_80x24() {
    let mut app = PtyApp::spawn(&["--demo"], 80, 24, &[]);
    app.wait_until("the contact total", |s| s.contains("1 / 300"));
    app.send(b"jj");
    app.wait_for(&["3 / 300"]);
    app.send(b"/886911425977");
    app.wait_for(&["3 links", "conv_205e3bc5"]);
    app.send(b"\x1b");
    app.wait_for(&["3 / 300", " Contacts "]);
    app.send(b"q");
    assert!(app.wait_exit());
}
