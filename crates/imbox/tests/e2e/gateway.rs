//! iMBRACE's two gateway layouts in the terminal: against a demo serving only the seed paths or
//! only the channel-service ones (with replies wrapped in `{"data": …}`), a profile left on
//! `auto` finds the layout, says which in the header, browses contacts and opens a thread.

use crate::pty::PtyApp;
use imbox_demo::{DemoConfig, ImbraceLayout, spawn};

fn browse_on(layout: ImbraceLayout, shown: &str) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server =
        rt.block_on(spawn(DemoConfig { imbrace_layout: layout, ..DemoConfig::default() })).expect("demo");
    let base = server.base_url();
    let mut app = PtyApp::spawn(&["--base-url", &base], 140, 40, &[("IMBOX_TOKEN", server.token())]);
    app.wait_for(&["1 / 300", "UNK#DO1695", "unread", shown]);
    app.send(b"j");
    app.wait_for(&["2 / 300"]);
    app.send(b"k");
    app.wait_for(&["1 / 300"]);
    // The contact's conversations, then a thread.
    app.send(b"\r");
    app.wait_for(&["UNK#DO1695@", "channel: all"]);
    app.send(b"\r");
    app.wait_until("the thread", |s| s.contains(" messages ") && s.contains("Agent"));
    // A search goes through the layout too.
    app.send(b"hh/NJ9585");
    app.wait_for(&["/ NJ9585", "server results", "TWN#NJ9585"]);
    app.send(b"\x1b");
    app.wait_for(&["1 / 300"]);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits successfully on q");
    assert_eq!(app.modes(), (false, false), "terminal restored");
    drop(server);
}

#[test]
fn auto_finds_the_seed_layout_and_browses_to_a_thread() {
    browse_on(ImbraceLayout::Seed, "· seed (auto)");
}

#[test]
fn auto_finds_the_channel_service_layout_and_browses_to_a_thread() {
    browse_on(ImbraceLayout::ChannelService, "· channel-service (auto)");
}

/// `imbox --print-paths` with `config` as the config file; its standard output and success.
fn print_paths(config: &str) -> (String, String, bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("config.toml");
    std::fs::write(&file, config).expect("config written");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_imbox"))
        .arg("--print-paths")
        .env("IMBOX_CONFIG", &file)
        .env("IMBOX_DATA_DIR", dir.path().join("data"))
        .env("IMBOX_STATE_DIR", dir.path().join("state"))
        .output()
        .expect("imbox runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&out.stdout), text(&out.stderr), out.status.success())
}

#[test]
fn print_paths_says_each_imbrace_profiles_layout_and_a_bad_layout_is_refused() {
    let (out, err, ok) = print_paths(
        "[[profile]]\nname = \"work\"\nenvironment = \"prod\"\nlayout = \"channel-service\"\n\n\
         [[profile]]\nname = \"old\"\nbase_url = \"http://127.0.0.1:9\"\n\n\
         [[profile]]\nname = \"cw\"\nbackend = \"chatwoot\"\nbase_url = \"http://127.0.0.1:9\"\naccount_id = 1\n",
    );
    assert!(ok, "{err}");
    assert!(out.contains("profile work: iMBRACE gateway layout channel-service\n"), "{out}");
    assert!(out.contains("profile old: iMBRACE gateway layout auto (asked once at start"), "{out}");
    assert!(!out.contains("profile cw"), "only iMBRACE profiles have a layout: {out}");

    // A layout imbox does not know stops it at start, naming the key.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "[[profile]]\nname = \"work\"\nlayout = \"v3\"\n").expect("config written");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_imbox"))
        .env("IMBOX_CONFIG", &file)
        .env("IMBOX_DATA_DIR", dir.path().join("data"))
        .env("IMBOX_STATE_DIR", dir.path().join("state"))
        .env("IMBOX_TOKEN", "t")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("imbox runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("layout"), "{err}");
}
