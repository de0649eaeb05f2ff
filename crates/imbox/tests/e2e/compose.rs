//! Answering end to end: the real binary against a Chatwoot demo server — a reply shown as
//! sending then sent and held by the server once, a private note, a failed send kept across a
//! restart and sent once by C-r, a lost answer that is read back instead of resent, `$EDITOR`,
//! and a canned response with a filled variable.

use crate::rig::Rig;
use imbox_demo::Fault;
use std::time::Duration;

const ENTER: &[u8] = b"\r";
const CTRL_G: &[u8] = b"\x07";
const CTRL_R: &[u8] = b"\x12";

/// Waits for the inbox's first row (conversation `id`), then opens the composer on it with
/// `key`.
fn composing(app: &mut crate::pty::PtyApp, id: u64, key: &[u8], title: &str) {
    app.wait_for(&["[Mine", &format!("#{id} ")]);
    app.send(key);
    app.wait_for(&[title]);
}

#[test]
fn a_reply_shows_sending_then_sent_and_the_server_holds_it_once() {
    let rig = Rig::new(&["cw"]);
    let (id, name) = rig.first_mine();
    let mut app = rig.spawn(140, 40);
    composing(&mut app, id, b"r", &format!("Reply to {name}"));
    // A slow server makes the pending state visible.
    rig.server.inject_on(
        "POST",
        &format!("/conversations/{id}/messages"),
        Fault::Latency(Duration::from_millis(1500)),
        1,
    );
    let text = "Thanks! Your refund is on its way.";
    app.send(text.as_bytes());
    app.wait_for(&[text]);
    app.send(ENTER);
    app.wait_for(&["sending…", text]);
    app.wait_for(&["✔ sent", text]);
    assert_eq!(rig.count_with(id, text), 1, "the server holds it once");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn a_private_note_is_saved_private() {
    let rig = Rig::new(&["cw"]);
    let (id, _) = rig.first_mine();
    let mut app = rig.spawn(140, 40);
    composing(&mut app, id, b"N", "Private note");
    let text = "Double charge confirmed, refund ticket 4471";
    app.send(text.as_bytes());
    app.send(ENTER);
    app.wait_for(&["✔ note saved", "🔒 private note", text]);
    let held: Vec<_> = rig.messages(id).into_iter().filter(|m| m["content"].as_str() == Some(text)).collect();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0]["private"].as_bool(), Some(true), "{}", held[0]);
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn a_failed_send_keeps_the_text_across_a_restart_and_c_r_sends_it_once() {
    let rig = Rig::new(&["cw"]);
    let (id, name) = rig.first_mine();
    let mut app = rig.spawn(140, 40);
    composing(&mut app, id, b"r", &format!("Reply to {name}"));
    rig.server.inject_on("POST", &format!("/conversations/{id}/messages"), Fault::Status(500), 1);
    let text = "Could you send the order number?";
    app.send(text.as_bytes());
    app.send(ENTER);
    // A 500 may have stored it: imbox looks, does not find it, and says it was not sent.
    app.wait_for(&["✗ not sent", text]);
    assert_eq!(rig.count_with(id, text), 0);
    app.send(b"q");
    assert!(app.wait_exit());

    // Back again: the conversation brings the unconfirmed message back.
    let mut app = rig.spawn(140, 40);
    app.wait_for(&["[Mine", &format!("#{id} ")]);
    app.send(ENTER);
    app.wait_for(&["✗ not confirmed", text]);
    app.send(CTRL_R);
    app.wait_for(&["✔ sent", text]);
    assert_eq!(rig.count_with(id, text), 1, "sent exactly once");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn a_lost_answer_is_read_back_instead_of_sent_again() {
    let rig = Rig::new(&["cw"]);
    let (id, name) = rig.first_mine();
    let mut app = rig.spawn(140, 40);
    composing(&mut app, id, b"r", &format!("Reply to {name}"));
    // The server stores the message, then the connection drops halfway through its answer.
    rig.server.inject_on("POST", &format!("/conversations/{id}/messages"), Fault::Reset, 1);
    let text = "Your parcel left the depot this morning";
    app.send(text.as_bytes());
    app.send(ENTER);
    app.wait_for(&["✔ sent", text]);
    assert_eq!(rig.count_with(id, text), 1, "found by reading the thread, not sent twice");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn composing_in_the_editor_brings_the_text_back_for_a_last_look() {
    let rig = Rig::new(&["cw"]);
    let (id, name) = rig.first_mine();
    let editor = rig.dir.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nprintf 'Written in the editor\\nwith a second line\\n' > \"$1\"\n")
        .expect("script");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    let editor = editor.to_str().expect("utf-8").to_string();
    let mut app = rig.spawn_with(140, 40, &[("VISUAL", ""), ("EDITOR", &editor)]);
    composing(&mut app, id, b"r", &format!("Reply to {name}"));
    app.send(CTRL_G);
    app.wait_for(&["Written in the editor", "with a second line", "edited in the editor"]);
    app.send(ENTER);
    app.wait_for(&["✔ sent"]);
    assert_eq!(rig.count_with(id, "Written in the editor\nwith a second line"), 1);
    let leftovers: Vec<_> = std::fs::read_dir(rig.dir.path().join("data"))
        .expect("data dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("imbox-reply-"))
        .collect();
    assert!(leftovers.is_empty(), "the editor's file is removed");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn a_canned_response_goes_in_with_the_contacts_first_name() {
    let rig = Rig::new(&["cw"]);
    let (id, name) = rig.first_mine();
    let first = name.split_whitespace().next().expect("a name").to_string();
    let canned = rig.get("canned_responses?search=hello");
    let content = canned[0]["content"].as_str().unwrap_or_else(|| panic!("a canned response in {canned}"));
    assert!(content.contains("{{contact.first_name}}"), "{content}");
    let me = rig.profile_name();
    let filled = content.replace("{{contact.first_name}}", &first).replace("{{agent.name}}", &me);
    let mut app = rig.spawn(140, 40);
    composing(&mut app, id, b"r", &format!("Reply to {name}"));
    app.send(b"/");
    app.wait_for(&["type to filter"]);
    app.send(b"hello");
    app.send(ENTER);
    app.wait_for(&[&format!("Hi {first},")]);
    app.send(ENTER);
    app.wait_for(&["✔ sent"]);
    assert_eq!(rig.count_with(id, &filled), 1, "{filled}");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn an_sms_reply_of_two_parts_asks_first_and_reaches_the_server_once_after_a_forced_retry() {
    let rig = Rig::new(&["sms"]);
    // The newest SMS conversation of the list, and where it sits in it.
    let list = rig.smsrcs("/conversations/list?page=1&per_page=25");
    let rows = list.as_array().unwrap_or_else(|| panic!("a bare array: {list}"));
    let row = rows.iter().position(|r| r["last_user_channel"] == "sms").expect("an SMS conversation");
    let cid = rows[row]["conversation_id"].as_str().expect("an id").to_string();
    let name = rows[row]["recipient_details"]["name"].as_str().expect("a name").to_string();
    let mut app = rig.spawn(140, 40);
    app.wait_for(&["conversations · newest first", &name]);
    for _ in 0..row {
        app.send(b"j");
    }
    app.send(b"r");
    app.wait_for(&[&format!("Reply to {name}"), "GSM-7"]);
    let text = "Your order 4417 has left our warehouse and will reach the depot tomorrow morning. \
                A courier will call you before delivery; reply here to change the delivery time.";
    assert!(text.len() > 160 && text.len() < 306);
    app.send(text.as_bytes());
    app.wait_for(&["2 SMS"]);
    app.send(ENTER);
    app.wait_for(&["send 2 SMS (GSM-7"]);
    // The server takes the message but the answer is lost, and the read-back fails too: the
    // message cannot be confirmed either way.
    rig.server.inject_on("POST", "/sms-campaign/send", Fault::Reset, 1);
    rig.server.inject_on("GET", "/conversations/messages/list", Fault::Status(400), 1);
    app.send(b"y");
    app.wait_for(&["✗ not confirmed"]);
    // The retry looks first, finds it, and sends nothing again.
    app.send(CTRL_R);
    app.wait_for(&["✔ sent"]);
    let held = rig.smsrcs(&format!("/conversations/messages/list?conversation_id={cid}&page=1&per_page=100"));
    let copies =
        held.as_array().expect("a bare array").iter().filter(|m| m["text"].as_str() == Some(text)).count();
    assert_eq!(copies, 1, "{held}");
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn an_attachment_is_chosen_with_tab_shown_with_its_size_and_sent_with_the_reply() {
    let rig = Rig::new(&["cw"]);
    let (id, name) = rig.first_mine();
    let file = rig.dir.path().join("invoice-2291.pdf");
    std::fs::write(&file, vec![b'%'; 48_213]).expect("write the file");
    let dir = rig.dir.path().to_str().expect("utf-8").to_string();
    let mut app = rig.spawn(140, 40);
    composing(&mut app, id, b"r", &format!("Reply to {name}"));
    app.send(b"\x0f"); // C-o
    app.wait_for(&["attach file:"]);
    app.send(format!("{dir}/inv").as_bytes());
    app.send(b"\t");
    app.wait_for(&["invoice-2291.pdf▏"]);
    app.send(ENTER);
    app.wait_for(&["📎 invoice-2291.pdf (47 KB)"]);
    let text = "Here is your invoice";
    app.send(text.as_bytes());
    app.send(ENTER);
    app.wait_for(&["✔ sent", "[file] invoice-2291.pdf"]);
    let held: Vec<_> = rig.messages(id).into_iter().filter(|m| m["content"].as_str() == Some(text)).collect();
    assert_eq!(held.len(), 1);
    let files = held[0]["attachments"].as_array().cloned().unwrap_or_default();
    assert_eq!(files.len(), 1, "{}", held[0]);
    assert!(files[0].to_string().contains("invoice-2291.pdf"), "{}", files[0]);
    app.send(b"q");
    assert!(app.wait_exit());
}

#[test]
fn sigterm_while_typing_keeps_the_reply_draft_on_disk() {
    let rig = Rig::new(&["cw"]);
    let (id, name) = rig.first_mine();
    let mut app = rig.spawn(140, 40);
    composing(&mut app, id, b"r", &format!("Reply to {name}"));
    let text = "Half a reply, interrupted";
    app.send(text.as_bytes());
    app.wait_for(&[text]);
    // At once: the exit path writes the draft, not the typing pause.
    app.signal(libc::SIGTERM);
    assert!(app.wait_exit());
    assert_eq!(app.modes(), (false, false), "terminal restored");
    let file = rig.dir.path().join("data").join("replies").join("cw").join(format!("{id}.json"));
    let body = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let draft: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(draft["draft"]["text"].as_str(), Some(text), "{body}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
