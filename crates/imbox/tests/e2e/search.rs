//! End to end: searching in the real binary against its embedded demo server.

use crate::pty::PtyApp;

#[test]
fn searching_finds_a_contact_and_a_phone_lists_its_links_which_open() {
    let mut app = PtyApp::spawn(&["--demo"], 140, 40, &[]);
    app.wait_until("the contact total", |s| s.contains("1 / 300"));
    app.send(b"/NJ9585");
    app.wait_for(&["/ NJ9585", "TWN#NJ9585", "server results"]);
    // Ctrl-U clears the line; a phone number lists its links above the contacts.
    app.send(b"\x15886911425977");
    // Each link names the person with that number, and its id's start tells the links apart.
    app.wait_for(&["886911425977 3 links", "陳威廷 We… · 85130be", "· e2db3e4", "· 205e3bc"]);
    // Enter keeps the results, Enter again opens the selected (first) link's thread.
    app.send(b"\r");
    app.wait_for(&["/ edit"]);
    app.send(b"\r");
    app.wait_for(&["陳威廷 Wei-Ting Chen · +886911425977", "messages"]);
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

/// The "n / total" position in the contacts pane's frame.
fn position(screen: &str) -> Option<usize> {
    let at = screen.find(" / ")?;
    let digits: String = screen[..at].chars().rev().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    digits.chars().rev().filter(char::is_ascii_digit).collect::<String>().parse().ok()
}

#[test]
fn after_paging_through_2500_contacts_the_filter_covers_all_of_them() {
    let mut app = PtyApp::spawn(&["--demo", "--backend", "imbrace", "--demo-contacts", "2500"], 140, 60, &[]);
    app.wait_until("the contact total", |s| s.contains("1 / 2,500"));
    // Page down to the end, each key waiting until the rows on screen are loaded (a row not
    // loaded yet is " …" and blanks). 50 pages: more than the list keeps, so the first pages
    // are dropped on the way.
    let placeholder = format!(" …{}", " ".repeat(20));
    loop {
        let from = position(&app.screen()).unwrap_or(0);
        if from >= 2_500 {
            break;
        }
        app.send(b"\x1b[6~");
        app.wait_until("the next screen, loaded", |s| {
            position(s).is_some_and(|p| p > from) && !s.contains(&placeholder)
        });
    }
    // The first contact of the list (UNK#DO1695), typed without its '#': the server's
    // substring search finds nothing, the local fuzzy filter finds it among all 2,500 seen.
    app.send(b"/unkdo1695");
    // (At 140 columns the pane's title is cut after "none on".)
    app.wait_for(&["/2,500 loaded", "none on", "UNK#DO1695"]);
    app.send(b"\r");
    app.send(b"\r");
    app.wait_for(&["┏ UNK#DO1695"]);
    app.send(b"q");
    assert!(app.wait_exit());
}
