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
