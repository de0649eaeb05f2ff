//! Answering customers against the demo over real HTTP: the conversations list as the inbox,
//! opening a row, sending a reply and reading it back as it is delivered (or fails), a repeated
//! `request_id`, simulation mode, the real messages path, and faults on the new routes.

use imbox_api::backend::{AgentActions, MessagesQuery};
use imbox_api::smsrcs::SmsrcsClient;
use imbox_api::{ApiError, Backend};
use imbox_demo::smsrcs::{
    CONVERSATIONS_PATH, DELIVERY_DELAY, DEMO_LOGIN, FAILING_SUFFIX, SMS_CONTACT_NAME, SMS_PHONE,
    SMS_SEND_PATH,
};
use imbox_demo::{self as demo, DemoConfig, DemoServer, Fault};
use imbox_model::{Conversation, InboxQuery, Message, OutgoingMessage, Sender};
use std::time::Duration;

fn client(server: &DemoServer, simulation_mode: bool) -> SmsrcsClient {
    super::client_at(format!("{}/smsrcs", server.base_url()), server.token(), DEMO_LOGIN, simulation_mode)
}

async fn start(cfg: DemoConfig) -> (DemoServer, SmsrcsClient) {
    let server = demo::spawn(cfg).await.expect("demo starts");
    let c = client(&server, false);
    (server, c)
}

async fn first_page(c: &SmsrcsClient) -> Vec<Conversation> {
    c.inbox(&InboxQuery { page: 1, ..InboxQuery::default() }).await.expect("inbox").page.items
}

async fn thread(c: &SmsrcsClient, id: &str) -> Vec<Message> {
    c.messages(id, &MessagesQuery { skip: 0, limit: 500, ..Default::default() }).await.expect("thread").items
}

fn reply(text: &str, echo: &str) -> OutgoingMessage {
    OutgoingMessage { content: text.into(), echo_id: echo.into(), ..OutgoingMessage::default() }
}

/// The inbox row of the well-known contact's SMS thread (it is somewhere in the list).
async fn well_known_sms(c: &SmsrcsClient) -> Conversation {
    for page in 1..=40 {
        let p = c.inbox(&InboxQuery { page, ..InboxQuery::default() }).await.expect("inbox");
        if let Some(row) =
            p.page.items.iter().find(|r| r.contact_name == SMS_CONTACT_NAME && r.channel_type == "sms")
        {
            return row.clone();
        }
        assert!(p.page.has_more, "the well-known contact's SMS thread is in the list");
    }
    panic!("not found in 40 pages")
}

#[tokio::test]
async fn the_inbox_lists_conversations_newest_first_with_real_names_and_rows_open() {
    let (_server, c) = start(DemoConfig::default()).await;
    let page = c.inbox(&InboxQuery { page: 1, ..InboxQuery::default() }).await.expect("inbox");
    let rows = &page.page.items;
    assert_eq!(rows.len(), 25);
    assert!(page.page.has_more);
    assert_eq!(page.counts.all, 26);
    let times: Vec<_> = rows.iter().map(|r| r.timestamp.expect("a last_message_at")).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest activity first: {times:?}");
    for r in rows {
        assert!(!r.contact_name.is_empty() && r.name.contains(" · +"), "{r:?}");
        assert!(matches!(r.channel_type.as_str(), "sms" | "rcs"), "{r:?}");
        assert!(r.message_count.is_some_and(|n| n >= 1) && r.first_message_at <= r.timestamp, "{r:?}");
        assert!(r.latest_message.as_deref().is_some_and(|m| !m.is_empty()));
    }
    let second = c.inbox(&InboxQuery { page: 2, ..InboxQuery::default() }).await.expect("page 2").page.items;
    assert!(second[0].timestamp <= rows[24].timestamp, "page 2 continues page 1");
    assert!(second.iter().all(|r| rows.iter().all(|a| a.id != r.id)), "no overlap");

    // Opening a row reads its thread through the real path, with as many messages as it says.
    let row = &rows[0];
    let msgs = thread(&c, &row.id).await;
    assert_eq!(Some(msgs.len() as u64), row.message_count, "{}", row.id);
    assert!(msgs.iter().all(|m| m.channel == row.channel_type));
    assert_eq!(c.uses_seed_path(), Some(false), "the demo has the real path");
    // Its contact's conversations include the row's thread.
    let convs = c.contact_conversations(&row.contact_id, &[]).await.expect("contact conversations");
    assert!(convs.iter().any(|t| t.id == row.id), "the row's thread, same id: {convs:?}");
    assert!(convs.iter().all(|t| t.channel_type != "facebook"), "the number's threads: {convs:?}");
}

#[tokio::test]
async fn a_reply_is_read_back_as_sending_then_delivered_and_moves_its_row_to_the_top() {
    let (_server, c) = start(DemoConfig::default()).await;
    let row = well_known_sms(&c).await;
    let before = thread(&c, &row.id).await.len();
    let sent =
        c.send_message(&row.id, &reply("We have shipped your order.", "req-ship-1")).await.expect("sent");
    assert_eq!(
        (sent.status.as_str(), sent.echo_id.as_str(), sent.sender),
        ("sending", "req-ship-1", Sender::Agent)
    );
    assert!(sent.id.starts_with("sms_"), "the ticket: {}", sent.id);

    let msgs = thread(&c, &row.id).await;
    assert_eq!(msgs.len(), before + 1);
    let newest = &msgs[0];
    assert_eq!(newest.sender, Sender::Agent);
    assert_eq!(newest.status, "sending");
    assert!(
        matches!(&newest.body, imbox_model::MessageBody::Text { text, .. } if text == "We have shipped your order.")
    );

    let top = &first_page(&c).await[0];
    assert_eq!(
        (top.id.as_str(), top.latest_message.as_deref()),
        (row.id.as_str(), Some("We have shipped your order."))
    );
    assert_eq!(top.message_count, row.message_count.map(|n| n + 1));

    tokio::time::sleep(DELIVERY_DELAY + Duration::from_millis(300)).await;
    assert_eq!(thread(&c, &row.id).await[0].status, "delivered");
}

#[tokio::test]
async fn a_repeated_request_id_is_refused_by_the_demo_and_counts_as_sent() {
    let (server, c) = start(DemoConfig::default()).await;
    let row = well_known_sms(&c).await;
    let before = thread(&c, &row.id).await.len();
    c.send_message(&row.id, &reply("Once only", "req-dup")).await.expect("first");
    let again =
        c.send_message(&row.id, &reply("Once only", "req-dup")).await.expect("the retry is a success");
    assert_eq!(again.echo_id, "req-dup");
    assert_eq!(thread(&c, &row.id).await.len(), before + 1, "sent once");

    // Raw: the demo's refusal is a 400 with Octopush's code.
    let r = imbox_testkit::http_client()
        .post(format!("{}{SMS_SEND_PATH}", server.base_url()))
        .header("api-key", server.token())
        .header("api-login", DEMO_LOGIN)
        .json(&serde_json::json!({"recipients": [{"phone_number": SMS_PHONE}], "text": "x", "request_id": "req-dup"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 400);
    let body: serde_json::Value = r.json().await.expect("JSON");
    assert_eq!(body["code"], 120, "{body}");
}

#[tokio::test]
async fn simulation_mode_stores_nothing_and_bad_bodies_are_refused() {
    let (server, c) = start(DemoConfig::default()).await;
    let row = well_known_sms(&c).await;
    let before = thread(&c, &row.id).await.len();
    let sim = client(&server, true);
    let sent = sim.send_message(&row.id, &reply("Just a test", "req-sim")).await.expect("simulated");
    assert_eq!(sent.status, "simulated");
    assert_eq!(thread(&c, &row.id).await.len(), before, "nothing stored");
    // Not even the request_id: the real send with the same id goes through.
    c.send_message(&row.id, &reply("Now for real", "req-sim")).await.expect("real");
    assert_eq!(thread(&c, &row.id).await.len(), before + 1);

    let post = |body: serde_json::Value| {
        imbox_testkit::http_client()
            .post(format!("{}{SMS_SEND_PATH}", server.base_url()))
            .header("api-key", server.token())
            .header("api-login", DEMO_LOGIN)
            .json(&body)
            .send()
    };
    for (body, code) in [
        (serde_json::json!({"recipients": [], "text": "x"}), 103),
        (serde_json::json!({"recipients": [{"phone_number": SMS_PHONE}], "text": " "}), 107),
        (serde_json::json!({"recipients": [{"phone_number": "abc"}], "text": "x"}), 117),
        (serde_json::json!({"recipients": [{"phone_number": SMS_PHONE}], "text": "x", "type": "fax"}), 112),
        (serde_json::json!({"recipients": [{"phone_number": SMS_PHONE}], "text": "x".repeat(1225)}), 130),
    ] {
        let r = post(body.clone()).await.expect("sent");
        assert_eq!(r.status(), 400, "{body}");
        let got: serde_json::Value = r.json().await.expect("JSON");
        assert_eq!(got["code"], code, "{body} → {got}");
        assert!(got["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn the_failing_test_number_ends_failed_and_starts_a_conversation() {
    let (_server, c) = start(DemoConfig::default()).await;
    let number = format!("+3361234{FAILING_SUFFIX}");
    let id = format!("phone_number={number}&channel=sms");
    c.send_message(&id, &reply("Can you hear me?", "req-fail")).await.expect("accepted");
    let msgs = thread(&c, &id).await;
    assert_eq!((msgs.len(), msgs[0].status.as_str()), (1, "sending"));
    let top = &first_page(&c).await[0];
    assert!(top.name.contains(&number), "{top:?}");
    tokio::time::sleep(DELIVERY_DELAY + Duration::from_millis(300)).await;
    assert_eq!(thread(&c, &id).await[0].status, "failed");
}

#[tokio::test]
async fn rcs_replies_go_through_the_multichannel_send() {
    let (_server, c) = start(DemoConfig::default()).await;
    let rows = first_page(&c).await;
    let rcs = rows.iter().find(|r| r.channel_type == "rcs").expect("an RCS conversation on page 1");
    let before = thread(&c, &rcs.id).await.len();
    c.send_message(&rcs.id, &reply("Rich hello", "req-rcs")).await.expect("sent");
    let msgs = thread(&c, &rcs.id).await;
    assert_eq!(msgs.len(), before + 1);
    assert_eq!((msgs[0].channel.as_str(), msgs[0].sender), ("rcs", Sender::Agent));
}

#[tokio::test]
async fn faults_and_the_hostile_mode_reach_the_new_routes_and_sends_are_not_retried() {
    let (server, c) = start(DemoConfig::default()).await;
    server.inject(Fault::Status(503), 1);
    assert_eq!(first_page(&c).await.len(), 25, "a GET is retried");
    let row = well_known_sms(&c).await;
    let before = thread(&c, &row.id).await.len();
    server.inject(Fault::Status(503), 1);
    let err = c.send_message(&row.id, &reply("Hello?", "req-503")).await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 503, .. }), "{err:?}");
    assert_eq!(thread(&c, &row.id).await.len(), before, "the send was tried once and the fault ate it");
    // Sending again with the same id is safe: it goes through once.
    c.send_message(&row.id, &reply("Hello?", "req-503")).await.expect("sent");
    assert_eq!(thread(&c, &row.id).await.len(), before + 1);
    server.inject(Fault::Malformed, 1);
    assert!(matches!(
        c.inbox(&InboxQuery { page: 1, ..InboxQuery::default() }).await,
        Err(ApiError::Decode { .. })
    ));

    let (hostile, c) = start(DemoConfig { hostile: true, ..DemoConfig::default() }).await;
    let rows = first_page(&c).await;
    assert!(!rows.is_empty());
    for r in &rows {
        for s in [&r.name, &r.contact_name, &r.assignee, &r.channel_type] {
            assert!(!s.chars().any(|ch| ch.is_control() || ch == '\u{202e}'), "{s:?}");
        }
    }
    let raw = imbox_testkit::http_client()
        .get(format!("{}{CONVERSATIONS_PATH}", hostile.base_url()))
        .header("api-key", hostile.token())
        .header("api-login", DEMO_LOGIN)
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("body");
    assert!(raw.contains("\\u001b") || raw.contains('\u{1b}'), "the hostile demo poisons the list");
}
