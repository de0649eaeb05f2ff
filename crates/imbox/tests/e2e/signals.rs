//! Every exit path restores the terminal: SIGTERM, SIGHUP and SIGINT sent to the real binary in
//! a pseudo-terminal leave the alternate screen and show the cursor again, and a form open when
//! SIGTERM or SIGHUP arrives leaves its typed values in the draft file.

use crate::pty::PtyApp;

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

/// Types a first name into the edit form, sends `sig`, and checks the terminal was restored and
/// the typed value is in the draft file.
fn draft_saved_after(sig: i32) {
    let mut app = PtyApp::spawn(&["--demo"], 120, 36, &[]);
    app.wait_for(&["UNK#DO1695", "1 / 300"]);
    app.send(b"e");
    app.wait_for(&["Edit · UNK#DO1695", "First name"]);
    app.send(b"Quinn");
    app.wait_for(&["Quinn", "1 changed"]);
    app.signal(sig);
    app.wait_exit();
    assert_eq!(app.modes(), (false, false), "signal {sig}: main screen back, cursor shown");
    let drafts = app.home.path().join("data").join("drafts");
    let files: Vec<_> = std::fs::read_dir(&drafts)
        .unwrap_or_else(|e| panic!("signal {sig}: no drafts dir {}: {e}", drafts.display()))
        .flatten()
        .collect();
    assert_eq!(files.len(), 1, "signal {sig}: {files:?}");
    let body = std::fs::read_to_string(files[0].path()).expect("draft file");
    assert!(body.contains("\"first_name\": \"Quinn\""), "signal {sig}: {body}");
}

#[test]
fn sigterm_in_the_form_restores_the_terminal_and_saves_the_draft() {
    draft_saved_after(libc::SIGTERM);
}

#[test]
fn sighup_in_the_form_restores_the_terminal_and_saves_the_draft() {
    draft_saved_after(libc::SIGHUP);
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes_with_a_full_redraw() {
    // Job control needs a real shell: imbox runs as a job of an interactive bash.
    let mut shell = PtyApp::spawn_shell(100, 30);
    shell.wait_for(&["$ "]);
    shell.send(format!("{} --demo\r", crate::pty::imbox_path()).as_bytes());
    shell.wait_for(&["UNK#DO1695", "1 / 300"]);
    assert_eq!(shell.modes(), (true, true));
    shell.send(b"\x1a");
    shell.wait_for(&["Stopped"]);
    assert_eq!(shell.modes(), (false, false), "the shell gets a normal terminal back");
    shell.send(b"fg\r");
    shell.wait_until("imbox to take the terminal back", |_| shell.modes() == (true, true));
    let screen = shell.wait_for(&["UNK#DO1695", "1 / 300"]);
    assert!(!screen.contains("Stopped"), "the whole screen was repainted:\n{screen}");
    shell.send(b"j");
    shell.wait_for(&["2 / 300"]);
    shell.send(b"q");
    shell.wait_until("the shell prompt again", |_| shell.modes() == (false, false));
    shell.send(b"exit\r");
    shell.wait_exit();
}
