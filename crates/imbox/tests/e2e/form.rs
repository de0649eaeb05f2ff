//! End to end: a failed save keeps every typed value on screen and in the draft file, which
//! survives quitting and is offered back on the next start. The real binary in a pty, against a
//! demo server that this test makes fail on demand.

use crate::pty::PtyApp;
use imbox_demo::{DemoConfig, Fault, spawn};

#[test]
fn a_failed_save_keeps_the_typed_value_and_the_draft_survives_quitting() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(spawn(DemoConfig::default())).unwrap();
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_string();
    let base = server.base_url();
    let env = [("IMBOX_DATA_DIR", data_dir.as_str()), ("IMBOX_TOKEN", server.token())];
    let args = ["--base-url", base.as_str()];

    let mut app = PtyApp::spawn(&args, 140, 40, &env);
    app.wait_for(&["Contacts", "UNK#DO1695", "1 / 300"]);
    app.send(b"e");
    app.wait_for(&["Edit · UNK#DO1695", "First name"]);
    app.send(b"Quinn");
    app.wait_for(&["Quinn", "1 changed"]);
    // Every request from now on fails (more faults than the client's retries).
    server.inject(Fault::Status(500), 1000);
    app.send(b"\x13"); // Ctrl-S
    app.wait_for(&["Save these changes?", "First name", "→ Quinn"]);
    app.send(b"\r");
    let screen = app.wait_for(&["save failed", "500"]);
    assert!(screen.contains("Quinn"), "the typed value is still there:\n{screen}");
    assert!(screen.contains("Edit · UNK#DO1695"), "the form stays open:\n{screen}");
    app.send(b"\x03"); // Ctrl-C quits from the form
    assert!(app.wait_exit());

    let drafts: Vec<_> = std::fs::read_dir(data.path().join("drafts")).unwrap().flatten().collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let body = std::fs::read_to_string(drafts[0].path()).unwrap();
    assert!(body.contains("\"first_name\": \"Quinn\""), "{body}");

    // A working server; the next start offers the draft back.
    let rt_server = rt.block_on(spawn(DemoConfig::default())).unwrap();
    let base2 = rt_server.base_url();
    let env2 = [("IMBOX_DATA_DIR", data_dir.as_str()), ("IMBOX_TOKEN", rt_server.token())];
    let mut app = PtyApp::spawn(&["--base-url", base2.as_str()], 140, 40, &env2);
    app.wait_for(&["UNK#DO1695", "1 / 300"]);
    app.send(b"e");
    app.wait_for(&["Unsaved draft", "Restore the draft from"]);
    app.send(b"y");
    app.wait_for(&["Quinn", "draft restored"]);
    app.send(b"\x03");
    assert!(app.wait_exit());
}
