//! Live end to end: the real binary on a Chatwoot demo with its realtime channel — a message
//! posted over HTTP by another agent appears in the open thread without a key and the header
//! says LIVE; an event of another account changes nothing; after the socket is cut (and refused
//! for a while) the messages posted meanwhile all appear, each exactly once.

use crate::pty::PtyApp;
use crate::rig::Rig;

const ENTER: &[u8] = b"\r";

/// A Chatwoot rig whose realtime channel retries within a second (a refused socket waits
/// 60 s by default), so a journey does not wait a minute for the reconnect.
fn live_rig() -> Rig {
    let rig = Rig::new(&["cw"]);
    let path = rig.dir.path().join("config.toml");
    let mut config = std::fs::read_to_string(&path).expect("config");
    config.push_str("[realtime]\nretry_secs = 1\nreconnect_max_secs = 1\n");
    std::fs::write(&path, config).expect("write config");
    rig
}

/// Posts `text` into conversation `id` as another agent, over real HTTP.
fn post_as_colleague(rig: &Rig, id: u64, text: &str) {
    let url = format!("{}/api/v1/accounts/1/conversations/{id}/messages", rig.server.base_url());
    let token = rig.server.other_agent_token();
    let body = serde_json::json!({ "content": text, "message_type": "outgoing" });
    let status = rig.rt.block_on(async move {
        imbox_testkit::http_client()
            .post(url)
            .header("api_access_token", token)
            .json(&body)
            .send()
            .await
            .expect("request")
            .status()
    });
    assert!(status.is_success(), "POST as another agent: {status}");
}

/// The first conversation of Mine opened in the thread, the channel live.
fn open_first(rig: &Rig) -> (PtyApp, u64) {
    let (id, _) = rig.first_mine();
    let mut app = rig.spawn(140, 40);
    app.wait_for(&["[Mine", &format!("#{id} ")]);
    app.send(ENTER);
    app.wait_for(&[" LIVE ", "loaded"]);
    (app, id)
}

/// How many times `needle` shows on `screen`.
fn shown(screen: &str, needle: &str) -> usize {
    screen.matches(needle).count()
}

#[test]
fn a_colleagues_message_appears_in_the_open_thread_without_a_key() {
    let rig = live_rig();
    let (mut app, id) = open_first(&rig);
    // The rows' previews are cut at their width: the last word shows only in the thread (a
    // word is never split by the thread's wrapping).
    post_as_colleague(&rig, id, "Colleague here: I checked the warehouse, the parcel left today PCL55813");
    let screen = app.wait_for(&["PCL55813"]);
    assert!(screen.contains(" LIVE "), "{screen}");
    assert_eq!(shown(&screen, "PCL55813"), 1, "{screen}");
    // The customer answers: it arrives the same way, and the row keeps its place at the top.
    rig.server
        .customer_writes(id, "Thank you so much, I will wait for it at home HOME4242")
        .expect("written");
    let screen = app.wait_for(&["HOME4242", "PCL55813"]);
    assert_eq!(shown(&screen, "HOME4242"), 1, "{screen}");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn an_event_of_another_account_changes_nothing_on_screen() {
    let rig = live_rig();
    let (mut app, id) = open_first(&rig);
    let before = rig.messages(id).len();
    assert!(rig.server.other_account_event(id, "account two speaking: ignore me please"));
    // Events reach the socket in order: once this one shows, the other account's was handled.
    rig.server.customer_writes(id, "a marker after the other account's event MARK77").expect("written");
    let screen = app.wait_for(&["MARK77"]);
    assert!(!screen.contains("ignore me please"), "{screen}");
    assert!(!screen.contains("account two"), "{screen}");
    assert_eq!(rig.messages(id).len(), before + 1, "account 1's conversation holds only the marker");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn after_the_socket_is_cut_what_was_posted_meanwhile_appears_once() {
    let rig = live_rig();
    let (mut app, id) = open_first(&rig);
    rig.server.refuse_sockets(true);
    rig.server.cut_sockets();
    // Lost, then refused on the next attempt: polling, and the status line says why (once).
    let screen = app.wait_for(&[" POLLING ", "realtime unavailable"]);
    assert!(!screen.contains(" LIVE "), "{screen}");
    let texts = [
        "While you were away 1: the courier called about the address AWAY1",
        "While you were away 2: the customer prefers a morning slot AWAY2",
        "While you were away 3: a refund of 12.50 was approved AWAY3",
    ];
    for t in texts {
        post_as_colleague(&rig, id, t);
    }
    rig.server.refuse_sockets(false);
    // (The last word of each shows only in the thread, see above.)
    let tails = ["AWAY1", "AWAY2", "AWAY3"];
    let mut needles = tails.to_vec();
    needles.push(" LIVE ");
    let screen = app.wait_for(&needles);
    for (t, tail) in texts.iter().zip(tails) {
        assert_eq!(shown(&screen, tail), 1, "{tail} once on screen:\n{screen}");
        assert_eq!(rig.count_with(id, t), 1, "and once on the server");
    }
    // Still once a moment later (a late catch-up answer or poll adds nothing).
    app.send(b"G");
    let screen = app.wait_for(&tails);
    for tail in tails {
        assert_eq!(shown(&screen, tail), 1, "{screen}");
    }
    app.send(b"q");
    assert!(app.wait_exit());
}
