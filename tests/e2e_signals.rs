//! Every exit path restores the terminal: SIGTERM, SIGHUP and SIGINT sent to the real binary in
//! a pseudo-terminal leave the alternate screen and show the cursor again.

mod common;

use common::pty::PtyApp;

fn restored_after(sig: i32) {
    let mut app = PtyApp::spawn(&["--demo"], 100, 30, &[]);
    app.wait_for(&["UNK#DO1695", "1 / 300"]);
    assert_eq!(app.modes(), (true, true), "in the alternate screen with the cursor hidden");
    app.signal(sig);
    app.wait_exit();
    assert_eq!(app.modes(), (false, false), "signal {sig}: main screen back, cursor shown");
    let raw = String::from_utf8_lossy(&app.raw()).to_string();
    assert!(raw.contains("\u{1b}[?1049l"), "signal {sig}: the alternate screen was left explicitly");
}

#[test]
fn sigterm_restores_the_terminal() {
    restored_after(libc::SIGTERM);
}

#[test]
fn sighup_restores_the_terminal() {
    restored_after(libc::SIGHUP);
}

#[test]
fn sigint_restores_the_terminal() {
    restored_after(libc::SIGINT);
}
