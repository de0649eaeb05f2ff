//! End to end with several accounts: the real binary in a pseudo-terminal, an iMBRACE and a
//! Chatwoot profile against one demo server, `P` switching between them, and the SMS/RCS demo.

use crate::pty::PtyApp;
use crate::rig::Rig;

#[test]
fn p_switches_between_an_imbrace_and_a_chatwoot_account_keeping_places_and_both_badges_live() {
    let rig = Rig::new(&["im", "cw"]);
    let meta = rig.chatwoot(reqwest::Method::GET, "conversations/meta");
    let count = |k: &str| meta["meta"][k].as_u64().unwrap_or_else(|| panic!("{k} in {meta}"));
    let (mine, unassigned, all) = (count("mine_count"), count("unassigned_count"), count("all_count"));
    let unread = rig.chatwoot(reqwest::Method::GET, "notifications/unread_count");
    let unread = unread.as_u64().expect("a bare integer");
    assert!(unread > 0, "the demo has unread Chatwoot notifications");

    let mut app = rig.spawn(140, 40);
    // Both accounts load at once; each tab shows its own badge.
    app.wait_for(&["im ✉ 624", &format!("cw ✉ {unread}"), "1 / 300"]);
    app.send(b"jj");
    app.wait_for(&["3 / 300"]);

    // To Chatwoot: the inbox with the counts the server reports.
    app.send(b"P");
    // The status filter ("open") is shown beside the views.
    app.wait_for(&[
        &format!("[Mine {mine}]"),
        &format!("Unassigned {unassigned}"),
        &format!("All {all}"),
        "open",
    ]);
    app.send(b"3");
    app.wait_for(&[&format!("[All {all}]")]);
    app.send(b"1");
    app.wait_for(&[&format!("[Mine {mine}]")]);

    // Back to iMBRACE: the selection is where it was.
    app.send(b"P");
    app.wait_for(&["3 / 300", "im ✉ 624"]);

    // The Chatwoot badge stays live while iMBRACE is on screen: mark everything read on the
    // server, and the background account's tab follows at its next refresh.
    rig.chatwoot(reqwest::Method::POST, "notifications/read_all");
    app.wait_for(&["cw ✉ 0", "im ✉ 624", "3 / 300"]);

    app.send(b"q");
    assert!(app.wait_exit());
    assert_eq!(app.modes(), (false, false), "terminal restored");
}

#[test]
fn a_chatwoot_thread_shows_reply_chips_with_the_choice_and_a_private_note() {
    let mut app = PtyApp::spawn(&["--demo", "--backend", "chatwoot"], 140, 40, &[]);
    app.wait_for(&["[Mine", "Unassigned", "All"]);
    // The well-known conversation #61 is snoozed: switch the status filter to it and search.
    app.send(b"ss");
    app.wait_for(&["snoozed", "#61"]);
    app.send(b"/Auth logs\r");
    app.wait_for(&["q “Auth logs”", "All 1", "#61"]);
    app.send(b"\r");
    app.wait_for(&["🔒 private note", "Auth logs: 5 failed", "Dana Levi"]);
    // Scroll up to the bot's question: its options are chips, the submitted one marked.
    app.send(&[b'k'; 30]);
    app.wait_for(&["✔ [ Login problem ]", "[ Billing ]", "[ Something else ]"]);
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn an_sms_lookup_by_phone_shows_inbound_and_outbound_messages_with_delivery_status() {
    let mut app = PtyApp::spawn(&["--demo", "--backend", "smsrcs"], 140, 40, &[]);
    app.wait_for(&["No contact list on SMS/RCS"]);
    app.send(b"/");
    app.send(imbox_demo::smsrcs::SMS_PHONE.as_bytes());
    app.send(b"\r");
    app.wait_for(&["Wei-Ting"]);
    app.send(b"\r");
    let screen = app.wait_for(&["sms · 40 messages", "rcs · 24 messages"]);
    // Open the SMS thread (rows are listed newest activity first; find it by moving).
    let position = ["Facebook ·", "RCS ·", "SMS ·"]
        .iter()
        .filter_map(|t| screen.find(t).map(|at| (at, *t)))
        .collect::<std::collections::BTreeMap<_, _>>();
    let sms_row = position.values().position(|t| *t == "SMS ·").expect("an SMS thread");
    for _ in 0..sms_row {
        app.send(b"j");
    }
    app.send(b"\r");
    let screen = app.wait_until("outbound with delivery status and inbound", |s| {
        s.contains("Agent  SMS · ") && s.contains("陳威廷 Wei-Ting Chen  SMS")
    });
    assert!(
        ["delivered", "sent", "read", "failed", "sending"]
            .iter()
            .any(|st| screen.contains(&format!("SMS · {st}"))),
        "{screen}"
    );
    app.send(b"q");
    assert!(app.wait_exit());
}
