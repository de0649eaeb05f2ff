//! End to end: alerts from the real binary in a pseudo-terminal. Focus reporting is asked for
//! and turned off again; a customer's message in a conversation assigned to me reaches the
//! terminal as one inert OSC 777 when the terminal has no focus, and nothing when it has; on the
//! hostile demo, that one OSC carries only inert text and everything else imbox wrote passes the
//! byte-level checks of `hostile.rs`; a new unassigned conversation alerts only where a
//! profile's `[profile.alerts]` turns it on; a burst is one alert, then one that counts the
//! rest; an iMBRACE message found by polling alerts like a pushed one.

use crate::hostile::assert_clean_output;
use crate::pty::{PATIENCE, PtyApp};
use crate::rig::Rig;
use imbox_demo::hostile::LEGIT;
use std::time::{Duration, Instant};

/// What a terminal sends when focus reporting is on and it gains or loses the focus.
const FOCUS_IN: &[u8] = b"\x1b[I";
const FOCUS_OUT: &[u8] = b"\x1b[O";

/// The rig's config with every alert going out as OSC 777, whatever the terminal.
fn osc777_rig(hostile: bool) -> Rig {
    let rig =
        Rig::with_demo(&["cw"], imbox_demo::DemoConfig { hostile, ..imbox_demo::DemoConfig::default() });
    let config = rig.dir.path().join("config.toml");
    let mut text = std::fs::read_to_string(&config).expect("config");
    text.push_str("[alerts]\nmethod = \"osc777\"\n");
    std::fs::write(&config, text).expect("config");
    rig
}

/// imbox on the rig outside tmux and screen (whose detection would change the bytes).
fn spawn(rig: &Rig) -> PtyApp {
    rig.spawn_with(120, 36, &[("TMUX", ""), ("STY", "")])
}

/// Tells imbox the terminal gained or lost the focus, and waits until it has read that: keys
/// are read in order, so once the help that `?` opens is on screen (and closed again), the
/// focus report before it was handled — before any event the server sends next.
fn focus(app: &mut PtyApp, report: &[u8]) {
    app.send(report);
    app.send(b"?");
    app.wait_for(&["Help"]);
    app.send(b"\x1b");
    app.wait_until("the help to close", |s| !s.contains("╭ Help ·"));
}

/// How many OSC introducers imbox wrote so far.
fn oscs(app: &PtyApp) -> usize {
    String::from_utf8_lossy(&app.raw()).matches("\u{1b}]").count()
}

/// Waits until imbox wrote `n` OSC sequences; panics if it never does.
fn wait_for_oscs(app: &PtyApp, n: usize) {
    let start = Instant::now();
    while oscs(app) < n {
        assert!(start.elapsed() <= PATIENCE, "no alert reached the terminal; screen:\n{}", app.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every `ESC ] … ESC \` in `raw`, and `raw` without them.
fn split_oscs(raw: &[u8]) -> (Vec<String>, Vec<u8>) {
    let text = std::str::from_utf8(raw).expect("imbox writes valid UTF-8");
    let (mut found, mut rest) = (Vec::new(), String::new());
    let mut tail = text;
    while let Some(at) = tail.find("\u{1b}]") {
        rest.push_str(&tail[..at]);
        let after = &tail[at + 2..];
        let end = after
            .find("\u{1b}\\")
            .unwrap_or_else(|| panic!("an OSC without ST: {:?}", &after[..after.len().min(200)]));
        found.push(after[..end].to_string());
        tail = &after[end + 2..];
    }
    rest.push_str(tail);
    (found, rest.into_bytes())
}

/// `inner` (an OSC's payload) is `777;notify;title;body` with nothing a terminal interprets.
fn assert_inert_osc777(inner: &str) {
    let bad = |c: char| {
        c.is_control()
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}'
                | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{00ad}' | '\u{061c}')
    };
    assert!(!inner.chars().any(bad), "something interpretable inside the OSC: {inner:?}");
    let fields: Vec<&str> = inner.split(';').collect();
    assert_eq!(fields.len(), 4, "777, notify, title, body: {inner:?}");
    assert_eq!(&fields[..2], ["777", "notify"], "{inner:?}");
    assert!(fields[2].starts_with("imbox · cw · New message from "), "{inner:?}");
}

#[test]
fn focus_reports_are_asked_for_and_turned_off_at_exit() {
    let rig = Rig::new(&["cw"]);
    let mut app = spawn(&rig);
    app.wait_for(&["Mine"]);
    let raw = String::from_utf8_lossy(&app.raw()).to_string();
    assert!(raw.contains("\u{1b}[?1004h"), "focus reporting asked for");
    app.send(FOCUS_IN);
    app.send(FOCUS_OUT);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");
    let raw = String::from_utf8_lossy(&app.raw()).to_string();
    let (on, off) = (raw.rfind("\u{1b}[?1004h"), raw.rfind("\u{1b}[?1004l"));
    assert!(off > on, "focus reporting turned off after it was last turned on");
    assert_eq!(oscs(&app), 0, "no alert without a reason");
}

#[test]
fn a_message_in_my_conversation_alerts_only_while_the_terminal_has_no_focus() {
    let rig = osc777_rig(false);
    let (id, _) = rig.first_mine();
    let mut app = spawn(&rig);
    app.wait_for(&["Mine", "LIVE"]);
    // Looking at imbox: the message shows, nothing else happens.
    focus(&mut app, FOCUS_IN);
    rig.server.customer_writes(id, "focused-one").expect("a conversation");
    app.wait_for(&["focused-one"]);
    assert_eq!(oscs(&app), 0, "no alert while the terminal has the focus");
    assert!(!app.raw().contains(&0x07), "no bell either");
    // Away from it: one alert, with the customer's text.
    focus(&mut app, FOCUS_OUT);
    rig.server.customer_writes(id, "away-two").expect("a conversation");
    app.wait_for(&["away-two"]);
    wait_for_oscs(&app, 1);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");
    let (found, _) = split_oscs(&app.raw());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_inert_osc777(&found[0]);
    assert!(found[0].ends_with(";away-two"), "{found:?}");
}

#[test]
fn a_hostile_message_reaches_the_terminal_as_one_inert_osc() {
    let (cols, rows) = (120, 36);
    let rig = osc777_rig(true);
    let (id, _) = rig.first_mine();
    let mut app = spawn(&rig);
    app.wait_for(&["Mine", "LIVE"]);
    rig.server.customer_writes(id, "hostile-alert").expect("a conversation");
    wait_for_oscs(&app, 1);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");
    let (found, rest) = split_oscs(&app.raw());
    assert_eq!(found.len(), 1, "exactly one OSC: {found:?}");
    assert_inert_osc777(&found[0]);
    assert!(found[0].contains("hostile-alert"), "the message's own text is there: {:?}", found[0]);
    // The hostile demo poisoned it (a legitimate string and an attack appended): the legitimate
    // part survives, the attack shows as inert text.
    assert!(LEGIT.iter().any(|l| found[0].contains(l)), "the hostile text went through: {:?}", found[0]);
    // Everything else is what e2e hostile allows, and the window title was never set.
    assert_clean_output(&rest, cols, rows);
}

#[test]
fn a_new_unassigned_conversation_alerts_only_where_the_profile_turns_it_on() {
    let rig = osc777_rig(false);
    // The default: off. The conversation shows up, nothing else happens.
    let mut app = spawn(&rig);
    app.wait_for(&["Unasg 30", "LIVE"]);
    rig.server.conversation_opens("first-new").expect("a conversation");
    app.wait_for(&["Unasg 31"]);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");
    assert_eq!(oscs(&app), 0, "no alert for a new conversation by default");
    // This profile asks for it (its table over the global one).
    let config = rig.dir.path().join("config.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    let text = text.replace("[alerts]\n", "[profile.alerts]\nnew_unassigned = true\n[alerts]\n");
    std::fs::write(&config, text).expect("config");
    let mut app = spawn(&rig);
    app.wait_for(&["Unasg 31", "LIVE"]);
    rig.server.conversation_opens("second-new").expect("a conversation");
    wait_for_oscs(&app, 1);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");
    let (found, _) = split_oscs(&app.raw());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("777;notify;imbox · cw · New conversation · "), "{found:?}");
    assert!(found[0].ends_with(";second-new"), "its first message under the headline: {found:?}");
}

#[test]
fn a_burst_of_messages_is_one_alert_then_one_that_counts_the_rest() {
    let rig = osc777_rig(false);
    let (id, _) = rig.first_mine();
    let mut app = spawn(&rig);
    app.wait_for(&["Mine", "LIVE"]);
    for text in ["burst-1", "burst-2", "burst-3"] {
        rig.server.customer_writes(id, text).expect("a conversation");
    }
    // The first at once; the two that came within the next 5 s when those 5 s end.
    wait_for_oscs(&app, 2);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");
    let (found, _) = split_oscs(&app.raw());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with(";burst-1"), "{found:?}");
    assert!(
        found[1].starts_with("777;notify;imbox · cw · 2 new messages;latest: New message from "),
        "{found:?}"
    );
    assert!(found[1].ends_with(" · burst-3"), "{found:?}");
}

#[test]
fn an_imbrace_message_found_by_polling_alerts_too() {
    // The iMBRACE seed conversation with 304 messages (see poll.rs).
    let conv = "conv_f262dad4-dcb1-44b9-8d7e-407b022dc4b7";
    let rig = Rig::new(&["im"]);
    rig.poll("thread_secs = 2");
    let config = rig.dir.path().join("config.toml");
    let mut text = std::fs::read_to_string(&config).expect("config");
    text.push_str("[alerts]\nmethod = \"osc777\"\n");
    std::fs::write(&config, text).expect("config");
    let mut app = rig.spawn_args(&["--open", conv], 120, 36, &[("TMUX", ""), ("STY", "")]);
    app.wait_for(&["304 messages"]);
    rig.server.imbrace_customer_writes(conv, "polled-one").expect("the conversation exists");
    app.wait_for(&["polled-one", "305 messages"]);
    wait_for_oscs(&app, 1);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");
    let (found, _) = split_oscs(&app.raw());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("777;notify;imbox · im · New message from "), "{found:?}");
    assert!(found[0].ends_with(";polled-one"), "{found:?}");
}
