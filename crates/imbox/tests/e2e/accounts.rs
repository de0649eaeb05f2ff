//! End to end with several accounts: the real binary in a pseudo-terminal, an iMBRACE and a
//! Chatwoot profile against one demo server, `P` switching between them, and the SMS/RCS demo.

use crate::pty::PtyApp;
use crate::rig::Rig;
use serde_json::Value;

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

/// The first `n` contact names of the SMS/RCS demo's conversations list, as the server sends
/// them (the same data set `--demo` serves).
fn demo_conversation_names(n: usize) -> Vec<String> {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(imbox_demo::spawn(imbox_demo::DemoConfig::default())).expect("demo server");
    let url = format!("{}{}?page=1&per_page={n}", server.base_url(), imbox_demo::smsrcs::CONVERSATIONS_PATH);
    let body: Value = rt
        .block_on(async {
            imbox_testkit::http_client()
                .get(url)
                .header("api-key", server.token())
                .header("api-login", imbox_demo::smsrcs::DEMO_LOGIN)
                .send()
                .await?
                .json()
                .await
        })
        .expect("the conversations list");
    let rows = body.as_array().expect("a bare array");
    // The start of each name: the row may cut a long name and its number.
    let start = |name: &str| name.chars().take(8).collect::<String>();
    rows.iter().map(|r| start(r["recipient_details"]["name"].as_str().expect("a name"))).collect()
}

#[test]
fn the_sms_demo_opens_on_its_conversation_list_newest_first_and_enter_opens_a_thread() {
    let names = demo_conversation_names(3);
    let mut app = PtyApp::spawn(&["--demo", "--backend", "smsrcs"], 140, 40, &[]);
    let screen = app.wait_for(&["conversations · newest first", &names[0], &names[1], &names[2]]);
    // In the server's order (newest activity first), with no views, status or filter line.
    let at: Vec<usize> = names.iter().map(|n| screen.find(n.as_str()).expect("listed")).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{names:?} in order\n{screen}");
    for absent in ["Mine", "Unassigned", "any status"] {
        assert!(!screen.contains(absent), "{absent}\n{screen}");
    }
    assert!(screen.contains(" messages · "), "rows show the message count\n{screen}");
    // `s` says the status filter does not exist here.
    app.send(b"s");
    app.wait_for(&["not available on SMS/RCS"]);
    // Enter opens the first conversation's thread: its messages, from its contact.
    app.send(b"\r");
    app.wait_until("the thread of the first conversation", |s| {
        // The row, the thread in the conversations pane, and the contact's first message.
        s.matches(names[0].as_str()).count() >= 3
    });
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn an_sms_lookup_by_phone_shows_inbound_and_outbound_messages_with_delivery_status() {
    let mut app = PtyApp::spawn(&["--demo", "--backend", "smsrcs"], 140, 40, &[]);
    // The SMS/RCS demo opens on its inbox; `/` there is the lookup, on the lookup pane.
    app.wait_for(&["conversations · newest first"]);
    app.send(b"/");
    app.wait_for(&["Search ·", "Type to search"]);
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
