//! The command line refuses what it cannot honour, with a message naming what it takes, instead
//! of starting with the value silently ignored (a bogus log level turned logging off; a fault rate
//! of 250 % was taken as given).

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs imbox with `args` and no terminal; what it printed, once it has exited (killed after a
/// deadline: a refused value exits at once, an accepted one would start a server or the UI).
fn run(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_imbox"))
        .args(args)
        .env("IMBOX_CONFIG", dir.path().join("none.toml"))
        .env("IMBOX_DATA_DIR", dir.path())
        .env("IMBOX_NO_ACTIVITY", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("imbox starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().expect("wait").is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    child.wait_with_output().expect("output")
}

#[test]
fn an_unknown_log_level_is_refused_with_the_levels_it_takes() {
    let out = run(&["--log-level", "bogus", "--print-paths"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("'bogus'") && err.contains("trace"), "{err}");
    // A known one is taken.
    let out = run(&["--log-level", "debug", "--print-paths"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_fault_rate_over_100_percent_is_refused() {
    let out = run(&["demo-server", "--fault-rate", "250"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("250") && err.contains("0..=100"), "{err}");
}
