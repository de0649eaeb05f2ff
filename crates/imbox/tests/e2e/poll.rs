//! Polling end to end: the real binary against the demo server, where a customer writes while
//! the agent watches — no key pressed, the message appears in the open thread through polling,
//! once (a later message comes too, and the first is still there once); scrolled up, the view
//! stays and "↓ 1 new" says what came; on SMS/RCS the same, and another conversation's new
//! message marks its row.

use crate::rig::Rig;

/// The iMBRACE seed conversation with 304 messages and reply buttons at its end.
const IMBRACE_CONV: &str = "conv_f262dad4-dcb1-44b9-8d7e-407b022dc4b7";

/// Fast polls so the journeys take seconds (the cadence itself is checked in the state tests).
const FAST: &str = "thread_secs = 2\nlist_secs = 5\nnotifications_secs = 5";

#[test]
fn an_imbrace_customer_message_appears_in_the_open_thread_without_a_key() {
    let rig = Rig::new(&["im"]);
    rig.poll(FAST);
    let mut app = rig.spawn_args(&["--open", IMBRACE_CONV], 140, 40, &[]);
    app.wait_for(&["[ Red ] [ Blue ] [ White ]", "304 messages"]);
    let first = "Is my parcel still on its way? ref 8812";
    rig.server.imbrace_customer_writes(IMBRACE_CONV, first).expect("the conversation exists");
    let screen = app.wait_for(&[first, "305 messages"]);
    assert_eq!(screen.matches(first).count(), 1, "{screen}");
    // A later message comes by the same way; the first is still there once.
    let second = "Never mind, it just arrived. Thanks!";
    rig.server.imbrace_customer_writes(IMBRACE_CONV, second).expect("the conversation exists");
    let screen = app.wait_for(&[second, "306 messages"]);
    assert_eq!((screen.matches(first).count(), screen.matches(second).count()), (1, 1), "{screen}");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn scrolled_up_the_view_stays_and_says_what_came_below() {
    let rig = Rig::new(&["im"]);
    rig.poll(FAST);
    let mut app = rig.spawn_args(&["--open", IMBRACE_CONV], 140, 40, &[]);
    app.wait_for(&["chose [ Red ]", "304 messages"]);
    // To the oldest loaded message: the newest (the customer's choice) leaves the view.
    app.send(b"g");
    let before = app.wait_until("the view to scroll up", |s| !s.contains("chose [ Red ]"));
    let text = "Hello? Anyone there? ref 5521";
    rig.server.imbrace_customer_writes(IMBRACE_CONV, text).expect("the conversation exists");
    let screen = app.wait_for(&["↓ 1 new", "305 messages"]);
    assert!(!screen.contains(text), "the view did not move to it:\n{screen}");
    let rows = |s: &str| s.lines().skip(2).take(30).map(str::to_string).collect::<Vec<_>>();
    let thread_col = |l: &String| l.chars().skip(80).collect::<String>();
    assert_eq!(
        rows(&before).iter().map(thread_col).collect::<Vec<_>>()[..20],
        rows(&screen).iter().map(thread_col).collect::<Vec<_>>()[..20],
        "the same lines stay on screen"
    );
    // G jumps down: the message, the "new" divider above it, and the note is gone.
    app.send(b"G");
    let screen = app.wait_for(&[text, "── new ──"]);
    assert!(!screen.contains("↓ 1 new"), "{screen}");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn on_sms_the_open_thread_and_the_list_follow_what_customers_write() {
    let rig = Rig::new(&["sms"]);
    rig.poll(FAST);
    let list = rig.smsrcs("/conversations/list?page=1&per_page=25");
    let rows = list.as_array().unwrap_or_else(|| panic!("a bare array: {list}"));
    let cid = |i: usize| rows[i]["conversation_id"].as_str().expect("an id").to_string();
    let name = |i: usize| rows[i]["recipient_details"]["name"].as_str().expect("a name").to_string();
    let (open_cid, open_name) = (cid(0), name(0));
    let (other_cid, other_name) = (cid(3), name(3));
    let mut app = rig.spawn(140, 40);
    app.wait_for(&["conversations · newest first", &open_name]);
    app.send(b"\r");
    app.wait_for(&[&format!("┏ {open_name}")]);
    let text = "Can I move the delivery to Friday? 3319";
    rig.server.sms_customer_writes(&open_cid, text).expect("the thread exists");
    let screen = app.wait_for(&[text]);
    assert_eq!(screen.matches(text).count(), 1, "{screen}");
    // Another conversation hears from its customer: its row comes to the top, marked.
    rig.server.sms_customer_writes(&other_cid, "Still waiting for the invoice").expect("the thread exists");
    let screen = app.wait_for(&[&format!("●{other_name}")]);
    assert!(!screen.contains(&format!("●{open_name}")), "the open one is not unread:\n{screen}");
    // u opens it; its mark goes.
    app.send(b"u");
    app.wait_for(&[&format!("┏ {other_name}"), "Still waiting for the invoice"]);
    app.wait_until("the mark to go", |s| !s.contains(&format!("●{other_name}")));
    app.send(b"q");
    assert!(app.wait_exit());
}
