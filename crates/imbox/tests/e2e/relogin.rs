//! End to end in a pseudo-terminal: a wrong IMBOX_TOKEN gives TOKEN REJECTED; L, the right
//! token and Enter bring the contacts; the typed token never reaches the terminal.

use crate::pty::PtyApp;

#[test]
fn a_rejected_token_is_replaced_in_the_app_without_echo() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(imbox_demo::spawn(imbox_demo::DemoConfig::default())).expect("demo");
    let base = server.base_url();
    // No keyring here (and never the developer's): no session bus, an empty runtime dir.
    let runtime_dir = tempfile::tempdir().expect("tempdir");
    let runtime = runtime_dir.path().to_string_lossy().to_string();
    let env =
        [("IMBOX_TOKEN", "wrong"), ("DBUS_SESSION_BUS_ADDRESS", ""), ("XDG_RUNTIME_DIR", runtime.as_str())];
    let mut app = PtyApp::spawn(&["--base-url", &base], 120, 30, &env);
    app.wait_for(&["TOKEN REJECTED"]);
    app.send(b"L");
    app.wait_for(&["Log in again"]);
    let token = imbox_demo::DEMO_TOKEN;
    app.send(token.as_bytes());
    app.wait_for(&[&"•".repeat(token.len())]);
    app.send(b"\r");
    let screen = app.wait_until("contacts after the re-login", |s| {
        !s.contains("TOKEN REJECTED") && !s.contains("Loading contacts") && s.contains("token accepted")
    });
    assert!(!screen.contains("Could not load contacts"), "{screen}");
    let stored = app.home.path().join("data/tokens/default.token");
    assert!(stored.exists(), "stored in the token file (no keyring reachable)");
    app.send(b"q");
    assert!(app.wait_exit());
    let raw = String::from_utf8_lossy(&app.raw()).to_string();
    assert!(!raw.contains(token), "the typed token never reached the terminal");
    drop(server);
}
