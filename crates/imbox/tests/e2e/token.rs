//! The access token appears nowhere it could be read: not on the terminal (raw bytes), not in
//! the log (at trace level, through a 500 and a 401), not in the process's command line. The
//! real binary in a pseudo-terminal, against a demo server that accepts a unique canary token.

use crate::pty::PtyApp;
use imbox_demo::{DemoConfig, Fault, spawn};

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_token_leaks_into_no_output_log_or_process_listing() {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos());
    let canary = format!("acc_canary_{}_{}", std::process::id(), nanos.unwrap_or(0));
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server =
        rt.block_on(spawn(DemoConfig { token: canary.clone(), ..DemoConfig::default() })).expect("demo");
    let base = server.base_url();
    let args = ["--base-url", base.as_str(), "--log-level", "trace"];
    let mut app = PtyApp::spawn(&args, 120, 36, &[("IMBOX_TOKEN", canary.as_str())]);
    app.wait_for(&["UNK#DO1695", "1 / 300"]);

    let cmdline =
        std::fs::read(format!("/proc/{}/cmdline", app.pid())).expect("cmdline of the running imbox");
    assert!(!cmdline.is_empty());
    assert!(!String::from_utf8_lossy(&cmdline).contains(&canary), "the token is in the process listing");

    // Browse: a thread.
    app.send(b"\r");
    app.wait_for(&["UNK#DO1695@"]);
    app.send(b"\r");
    app.wait_until("the thread", |s| s.contains(" messages "));
    app.send(b"hh");
    app.wait_for(&["Tab pane"]);
    // A 500 through all retries, then a 401.
    server.inject(Fault::Status(500), 1000);
    app.send(b"R");
    app.wait_for(&["Internal Server Error"]);
    server.inject(Fault::Status(401), 1000);
    app.send(b"R");
    app.wait_for(&["TOKEN REJECTED"]);
    app.send(b"q");
    assert!(app.wait_exit());

    let raw = app.raw();
    assert!(!String::from_utf8_lossy(&raw).contains(&canary), "the token reached the terminal");
    let logs = files_under(&app.home.path().join("state"));
    assert!(!logs.is_empty(), "imbox wrote a log under the state dir");
    let mut logged = 0;
    for path in logs {
        let body = std::fs::read(&path).expect("log file");
        logged += body.len();
        assert!(!String::from_utf8_lossy(&body).contains(&canary), "the token is in {}", path.display());
    }
    assert!(logged > 0, "the trace log is not empty (so the check above means something)");
}
