//! Polling end to end: the real binary against the demo server, where a customer writes while
//! the agent watches — no key pressed, the message appears in the open thread through polling,
//! once (a later message comes too, and the first is still there once); scrolled up, the view
//! stays and "↓ 1 new" says what came; on SMS/RCS the same, and another conversation's new
//! message marks its row.

use crate::rig::Rig;

/// The iMBRACE seed conversation with 304 messages and reply buttons at its end.
const IMBRACE_CONV: &str = "conv_f262dad4-dcb1-44b9-8d7e-407b022dc4b7";

/// The thread pane's rows (right of column 80, below the header) once they stop changing: a
/// frame may arrive in several reads, and a poll may draw.
fn settled_thread(app: &crate::pty::PtyApp) -> Vec<String> {
    let thread = |s: String| -> Vec<String> {
        s.lines().skip(2).take(30).map(|l| l.chars().skip(80).collect()).collect()
    };
    let start = std::time::Instant::now();
    let mut last = thread(app.screen());
    loop {
        std::thread::sleep(std::time::Duration::from_millis(300));
        let now = thread(app.screen());
        if now == last {
            return now;
        }
        assert!(start.elapsed() < crate::pty::PATIENCE, "the thread never settled: {now:?}");
        last = now;
    }
}

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
    app.wait_until("the view to scroll up", |s| !s.contains("chose [ Red ]"));
    let before = settled_thread(&app);
    let text = "Hello? Anyone there? ref 5521";
    rig.server.imbrace_customer_writes(IMBRACE_CONV, text).expect("the conversation exists");
    app.wait_for(&["↓ 1 new", "305 messages"]);
    let after = settled_thread(&app);
    assert!(!after.iter().any(|l| l.contains(text)), "the view did not move to it:\n{after:#?}");
    // The last rows carry the "↓ 1 new" note; the others are the same lines as before.
    assert_eq!(before[..25], after[..25], "the same lines stay on screen");
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
