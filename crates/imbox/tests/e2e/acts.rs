//! End to end: acting on Chatwoot conversations with the real binary against the demo server —
//! resolve from the inbox, a snooze preset, assign to me, labels, a bulk resolve — each checked
//! on the screen after the reload and by reading the server directly.

use crate::pty::PtyApp;
use crate::rig::Rig;
use reqwest::Method;
use serde_json::Value;
use std::time::{Duration, Instant};

/// The `#id` of the selected (first) conversation row: the first `#digits` in the inbox pane.
fn first_row_id(screen: &str) -> String {
    let pane: String = screen.lines().skip(4).map(|l| l.chars().take(38).collect::<String>()).collect();
    row_id(&pane).expect("a row with an id")
}

/// The first ` #digits` in `line` (a contact's name may hold a `#` too).
fn row_id(line: &str) -> Option<String> {
    line.match_indices(" #").find_map(|(at, _)| {
        let digits: String = line[at + 2..].chars().take_while(char::is_ascii_digit).collect();
        (!digits.is_empty()).then_some(digits)
    })
}

/// The counts the server reports: (mine, unassigned, all) of open conversations.
fn counts(rig: &Rig) -> (u64, u64, u64) {
    let meta = rig.chatwoot(Method::GET, "conversations/meta?status=open");
    let count = |k: &str| meta["meta"][k].as_u64().unwrap_or_else(|| panic!("{k} in {meta}"));
    (count("mine_count"), count("unassigned_count"), count("all_count"))
}

fn conversation(rig: &Rig, id: &str) -> Value {
    rig.chatwoot(Method::GET, &format!("conversations/{id}"))
}

/// Waits until the server's copy of conversation `id` satisfies `cond` (bulk actions land a
/// moment after the answer).
fn wait_server(rig: &Rig, id: &str, what: &str, cond: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let c = conversation(rig, id);
        if cond(&c) {
            return c;
        }
        assert!(start.elapsed() < crate::pty::PATIENCE, "#{id} never {what}: {c}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// imbox on the rig's Chatwoot profile, the inbox loaded.
fn open(rig: &Rig) -> (PtyApp, String) {
    let app = rig.spawn(140, 40);
    let (mine, _, _) = counts(rig);
    let screen = app.wait_for(&[&format!("[Mine {mine}]"), "open", "x resolve"]);
    (app, screen)
}

#[test]
fn resolve_from_the_inbox_moves_the_row_out_and_the_count_down() {
    let rig = Rig::new(&["cw"]);
    let (mine, _, _) = counts(&rig);
    let (mut app, screen) = open(&rig);
    let id = first_row_id(&screen);
    app.send(b"x");
    app.wait_for(&[&format!("✔ resolved #{id}"), &format!("[Mine {}]", mine - 1)]);
    let screen = app.wait_until("the row to leave", |s| first_row_id(s) != id);
    let pane: Vec<String> = screen.lines().skip(2).take(36).map(|l| l.chars().take(38).collect()).collect();
    assert!(!pane.iter().any(|l| l.contains(&format!("#{id} "))), "#{id} left the open view:\n{screen}");
    assert_eq!(conversation(&rig, &id)["status"], "resolved");
    assert_eq!(counts(&rig).0, mine - 1);
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn a_snooze_preset_snoozes_for_an_hour() {
    let rig = Rig::new(&["cw"]);
    let (mut app, screen) = open(&rig);
    let id = first_row_id(&screen);
    app.send(b"z");
    app.wait_for(&["Snooze", "1h", "until the customer replies"]);
    let before = jiff::Timestamp::now();
    app.send(b"\r");
    app.wait_for(&[&format!("✔ snoozed #{id} until")]);
    app.wait_until("the row to leave", |s| first_row_id(s) != id);
    let c = conversation(&rig, &id);
    assert_eq!(c["status"], "snoozed");
    let until: jiff::Timestamp = c["snoozed_until"].as_str().expect("a time").parse().expect("ISO time");
    let hour = before + jiff::SignedDuration::from_hours(1);
    assert!(until.duration_since(hour).abs() < jiff::SignedDuration::from_secs(60), "{until} ≈ {hour}");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn assign_to_me_raises_the_mine_count() {
    let rig = Rig::new(&["cw"]);
    let (mine, unassigned, _) = counts(&rig);
    let me = rig.chatwoot_profile_id();
    let (mut app, _) = open(&rig);
    app.send(b"2");
    // Its rows say so on their second line.
    let screen = app.wait_for(&[&format!("[Unassigned {unassigned}]"), "   unassigned · "]);
    let id = first_row_id(&screen);
    app.send(b"m");
    app.wait_for(&[&format!("✔ assigned #{id} to")]);
    app.wait_for(&[&format!("Mine {}", mine + 1), &format!("[Unassigned {}]", unassigned - 1)]);
    assert_eq!(conversation(&rig, &id)["meta"]["assignee"]["id"].as_u64(), Some(me));
    app.send(b"1");
    app.wait_for(&[&format!("[Mine {}]", mine + 1), &format!("#{id}")]);
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn labels_are_saved_as_the_checked_set() {
    let rig = Rig::new(&["cw"]);
    let (mut app, screen) = open(&rig);
    let id = first_row_id(&screen);
    let labels = |rig: &Rig| -> Vec<String> {
        let v = rig.chatwoot(Method::GET, &format!("conversations/{id}/labels"));
        let list = v["payload"].as_array().or(v.as_array()).cloned().unwrap_or_default();
        list.iter().filter_map(|l| l.as_str().map(String::from)).collect()
    };
    let had = labels(&rig);
    app.send(b"t");
    let screen = app.wait_for(&[&format!("Labels · #{id}"), "Space check"]);
    // The first label of the account, toggled.
    let first = screen
        .lines()
        .find_map(|l| l.split("▸").nth(1))
        .map(|rest| rest.trim_start_matches(['✔', ' ']).split(['│', ' ']).next().unwrap_or("").to_string())
        .expect("the cursor row");
    app.send(b" \r");
    app.wait_for(&["✔ ", &format!("#{id}")]);
    let want_present = !had.contains(&first);
    let start = Instant::now();
    loop {
        let now = labels(&rig);
        if now.contains(&first) == want_present {
            break;
        }
        assert!(start.elapsed() < crate::pty::PATIENCE, "{first} toggled in {now:?} (had {had:?})");
        std::thread::sleep(Duration::from_millis(100));
    }
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn a_bulk_resolve_asks_then_resolves_each() {
    let rig = Rig::new(&["cw"]);
    let (mine, _, _) = counts(&rig);
    let (mut app, _) = open(&rig);
    let screen = app.wait_for(&[&format!("1 / {mine}")]);
    app.send(b"   ");
    let screen = app.wait_until("three marks", |s| s.contains("✓ 3 marked") && s != screen);
    let ids: Vec<String> = screen.lines().filter(|l| l.starts_with("┃✓")).filter_map(row_id).collect();
    assert_eq!(ids.len(), 3, "{screen}");
    app.send(b"x");
    app.wait_for(&["resolve 3 conversations? y/n"]);
    app.send(b"y");
    app.wait_for(&["✔ resolved 3 conversations"]);
    for id in &ids {
        wait_server(&rig, id, "resolved", |c| c["status"] == "resolved");
    }
    app.wait_for(&[&format!("[Mine {}]", mine - 3)]);
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn priority_and_mark_unread_from_the_command_line_reach_the_server() {
    let rig = Rig::new(&["cw"]);
    let (mut app, screen) = open(&rig);
    let id = first_row_id(&screen);
    assert_ne!(conversation(&rig, &id)["priority"].as_str(), Some("urgent"));
    // Opening it marks it read on the server; the commands then act on the open thread.
    app.send(b"\r");
    wait_server(&rig, &id, "was read", |c| c["unread_count"].as_u64() == Some(0));
    app.send(b":priority urgent\r");
    app.wait_for(&["! urgent"]);
    wait_server(&rig, &id, "became urgent", |c| c["priority"].as_str() == Some("urgent"));
    app.send(b":unread\r");
    let after =
        wait_server(&rig, &id, "became unread", |c| c["unread_count"].as_u64().is_some_and(|n| n > 0));
    // The row shows the unread badge the server now reports, after the reload.
    let n = after["unread_count"].as_u64().unwrap_or_default();
    app.wait_for(&[&format!("#{id} ●{n}")]);
    app.send(b"q");
    assert!(app.wait_exit());
}
