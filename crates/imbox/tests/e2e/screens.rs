//! End to end: one meaning for Ctrl-U in the edit form's fields (no upload prompt), and panes
//! that say the server cannot be reached when imbox starts offline. The real binary in a pty.

use crate::pty::PtyApp;
use imbox_demo::{DemoConfig, Fault, spawn};

#[test]
fn ctrl_u_in_a_form_field_deletes_the_typed_text_and_ctrl_o_uploads() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(spawn(DemoConfig::default())).unwrap();
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_string();
    let base = server.base_url();
    let env = [("IMBOX_DATA_DIR", data_dir.as_str()), ("IMBOX_TOKEN", server.token())];
    let mut app = PtyApp::spawn(&["--base-url", base.as_str()], 140, 40, &env);
    app.wait_for(&["Contacts", "UNK#DO1695", "1 / 300"]);
    app.send(b"e");
    app.wait_for(&["Edit · UNK#DO1695", "First name", "C-o upload avatar"]);
    app.send(b"Quinn");
    app.wait_for(&["Quinn", "1 changed"]);
    app.send(b"\x15"); // Ctrl-U
    let screen = app.wait_until("the typed name deleted", |s| !s.contains("Quinn"));
    assert!(!screen.contains("Upload avatar"), "no upload prompt:\n{screen}");
    assert!(screen.contains("Edit · UNK#DO1695"), "the form stays:\n{screen}");
    app.send(b"\x0f"); // Ctrl-O
    app.wait_for(&["Upload avatar", "File to upload"]);
    app.send(b"\x1b");
    app.wait_until("the prompt closed", |s| !s.contains("Upload avatar"));
    app.send(b"\x03");
    assert!(app.wait_exit());
}

/// A port nothing listens on: bound, then let go.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn offline_at_start_the_panes_say_who_cannot_be_reached_and_what_to_do() {
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_string();
    let base = format!("http://127.0.0.1:{}", closed_port());
    let env = [("IMBOX_DATA_DIR", data_dir.as_str()), ("IMBOX_TOKEN", "t0k3n")];
    let mut app = PtyApp::spawn(&["--base-url", base.as_str()], 140, 40, &env);
    let screen = app.wait_for(&["Cannot reach", "refused", "R to retry now", "q to quit", "OFFLINE"]);
    assert!(screen.contains("Retrying in") || screen.contains("Retrying now"), "{screen}");
    assert!(!screen.contains("Loading contacts…"), "{screen}");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn a_demo_that_drops_every_connection_at_start_is_said_in_the_panes() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(spawn(DemoConfig::default())).unwrap();
    // More faults than the client's retries: every request of the start fails.
    server.inject(Fault::Reset, 1000);
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_string();
    let base = server.base_url();
    let env = [("IMBOX_DATA_DIR", data_dir.as_str()), ("IMBOX_TOKEN", server.token())];
    let mut app = PtyApp::spawn(&["--base-url", base.as_str()], 80, 24, &env);
    app.wait_for(&["Cannot reach", "R to retry now"]);
    // The server comes back: the probe finds it and the contacts load by themselves.
    server.inject(Fault::Reset, 0);
    app.wait_for(&["UNK#DO1695"]);
    app.send(b"q");
    assert!(app.wait_exit());
}
