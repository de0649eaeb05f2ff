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

/// Runs imbox with `args` in the sandbox `home` (config, data and state there, no keyring, no
/// IMBOX_TOKEN), `stdin` written to its standard input; what it printed once it has exited.
fn run_in(home: &std::path::Path, args: &[&str], stdin: &str, env: &[(&str, &std::ffi::OsStr)]) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_imbox"));
    cmd.args(args)
        .env("IMBOX_CONFIG", home.join("config.toml"))
        .env("IMBOX_DATA_DIR", home.join("data"))
        .env("IMBOX_STATE_DIR", home.join("state"))
        .env("IMBOX_NO_ACTIVITY", "1")
        .env_remove("IMBOX_TOKEN")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("XDG_RUNTIME_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("imbox starts");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin");
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().expect("wait").is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    child.wait_with_output().expect("output")
}

/// The words of the first command in back quotes that starts with `imbox`.
fn quoted_command(text: &str) -> Vec<String> {
    let command = text
        .split('`')
        .skip(1)
        .step_by(2)
        .find(|c| c.starts_with("imbox "))
        .unwrap_or_else(|| panic!("no `imbox …` command in: {text}"));
    command.split_whitespace().skip(1).map(str::to_string).collect()
}

#[test]
fn every_command_imbox_suggests_works_as_printed() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(imbox_demo::spawn(imbox_demo::DemoConfig::default())).expect("demo");
    let base = server.base_url();
    let token = server.token().to_string();
    let home = tempfile::tempdir().expect("home");

    // No token for a server given by --base-url: the advice names that server, not a profile.
    let out = run_in(home.path(), &["--base-url", &base], "", &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(!err.contains("--profile"), "no profile was named, so none may be advised: {err}");
    let login = quoted_command(&err);
    assert_eq!(login[0], "login", "{err}");

    // The advised login, typed as printed, with the token on its input.
    let args: Vec<&str> = login.iter().map(String::as_str).collect();
    let out = run_in(home.path(), &args, &format!("{token}\n"), &[]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("Token accepted"), "{said}");
    let start = quoted_command(&said);
    assert!(!start.contains(&"--profile".to_string()), "{said}");

    // The start command it prints finds the stored token: the contacts of the server appear.
    let args: Vec<&str> = start.iter().map(String::as_str).collect();
    let data = home.path().join("data");
    let state = home.path().join("state");
    let app = crate::pty::PtyApp::spawn(
        &args,
        120,
        36,
        &[
            ("IMBOX_DATA_DIR", data.to_str().expect("utf-8")),
            ("IMBOX_STATE_DIR", state.to_str().expect("utf-8")),
        ],
    );
    app.wait_for(&["1 / 300"]);

    // A profile of the config: the advice names the profile, and that command works too.
    std::fs::write(
        home.path().join("config.toml"),
        format!("[[profile]]\nname = \"work\"\nbase_url = \"{base}\"\n"),
    )
    .expect("config");
    let out = run_in(home.path(), &["--profile", "work"], "", &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    let login = quoted_command(&err);
    assert_eq!(login, ["login", "--profile", "work"], "{err}");
    let args: Vec<&str> = login.iter().map(String::as_str).collect();
    let out = run_in(home.path(), &args, &format!("{token}\n"), &[]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(quoted_command(&said), ["--profile", "work"], "{said}");
}

#[cfg(unix)]
#[test]
fn a_token_that_is_not_utf8_is_named_as_such() {
    use std::os::unix::ffi::OsStrExt;
    let home = tempfile::tempdir().expect("home");
    let bad = std::ffi::OsStr::from_bytes(b"acc_\xff\xfe");
    let out = run_in(home.path(), &["--base-url", "http://127.0.0.1:9"], "", &[("IMBOX_TOKEN", bad)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("IMBOX_TOKEN") && err.contains("not valid UTF-8"), "{err}");
    assert!(!err.contains("no access token"), "{err}");
}

#[test]
fn a_config_error_names_the_line_and_key_but_never_the_value() {
    let home = tempfile::tempdir().expect("home");
    std::fs::write(
        home.path().join("config.toml"),
        "[[profile]]\nname = \"x\"\ntoken = \"acc_SECRET_42\u{1b}]0;pwned\u{7}\"\n",
    )
    .expect("config");
    let out = run_in(home.path(), &["--base-url", "http://127.0.0.1:9"], "", &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("line 3") && err.contains("\"token\""), "{err}");
    assert!(!err.contains("SECRET"), "the value is echoed: {err}");
    assert!(
        !out.stderr.iter().any(|b| *b == 0x1b || *b == 0x07),
        "control bytes reached the terminal: {err}"
    );
}

#[test]
fn a_demo_too_large_to_generate_is_refused() {
    let out = run(&["--demo-contacts", "900000000", "--print-paths"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("at most 500000 contacts"), "{err}");
    let out = run(&["demo-server", "--contacts", "lots"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("a number of contacts"));
}
