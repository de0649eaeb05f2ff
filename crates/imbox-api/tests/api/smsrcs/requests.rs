//! The SMS/RCS client against a scripted server: the paths, headers and bodies it sends, the
//! fallback between the real messages path and the seed's, and that a send is never retried.

use crate::scripted::{Recorded, Reply, TestServer};
use imbox_api::backend::AgentActions;
use imbox_api::smsrcs::{Lookup, SmsrcsClient};
use imbox_api::{ApiError, Backend};
use imbox_model::{InboxQuery, OutgoingMessage, Sender};
use serde_json::Value;

const SEED_BODY: &str = r#"[{"message_id": "m1", "text": "hi", "direction": "inbound", "channel": "sms",
    "contact_identifiers": {"phone_number": "+33612345678"}}]"#;
const SMS_CONVERSATION: &str = "conversation_id=cid_1&phone_number=+33612345678&channel=sms";

fn client(server: &TestServer, simulation_mode: bool) -> SmsrcsClient {
    super::client_at(server.base_url(), "key-123", "agent@example.com", simulation_mode)
}

fn paths(server: &TestServer) -> Vec<String> {
    server.requests().into_iter().map(|r| r.path).collect()
}

fn body(r: &Recorded) -> Value {
    serde_json::from_slice(&r.body).expect("a JSON body")
}

fn reply(text: &str, echo: &str) -> OutgoingMessage {
    OutgoingMessage { content: text.into(), echo_id: echo.into(), ..OutgoingMessage::default() }
}

#[tokio::test]
async fn the_real_messages_path_is_used_when_it_answers() {
    let server = TestServer::start(vec![Reply::ok(SEED_BODY)]).await;
    let c = client(&server, false);
    let phone = Lookup::parse("+33612345678").expect("lookup");
    assert_eq!(c.uses_seed_path(), None);
    assert_eq!(c.messages_page(Some(&phone), 1, 50).await.expect("page").len(), 1);
    assert_eq!(c.uses_seed_path(), Some(false));
    c.clone().messages_page(Some(&phone), 2, 50).await.expect("page 2");
    assert_eq!(paths(&server), ["/conversations/messages/list", "/conversations/messages/list"]);
    let r = &server.requests()[0];
    assert_eq!(r.header("api-key").as_deref(), Some("key-123"));
    assert_eq!(r.header("api-login").as_deref(), Some("agent@example.com"));
    assert_eq!(r.query_values("phone_number"), ["+33612345678"]);
    assert_eq!((r.query_values("page"), r.query_values("per_page")), (vec!["1".into()], vec!["50".into()]));
}

#[tokio::test]
async fn a_missing_list_path_falls_back_to_the_seed_path_and_remembers_it() {
    for missing in [404, 405] {
        let server =
            TestServer::start(vec![Reply::new(missing, r#"{"message": "Not Found"}"#), Reply::ok(SEED_BODY)])
                .await;
        let c = client(&server, false);
        let phone = Lookup::parse("+33612345678").expect("lookup");
        let first = c.messages_page(Some(&phone), 1, 50).await.expect("the seed path answers");
        assert_eq!(first[0].text, "hi");
        assert_eq!(c.uses_seed_path(), Some(true), "{missing}");
        // A clone shares the choice: straight to the seed path.
        c.clone().messages_page(Some(&phone), 1, 50).await.expect("again");
        assert_eq!(
            paths(&server),
            ["/conversations/messages/list", "/conversations/messages", "/conversations/messages"],
            "{missing}"
        );
    }
}

#[tokio::test]
async fn neither_path_is_the_real_paths_error_and_nothing_is_remembered() {
    let server = TestServer::start(vec![Reply::new(404, r#"{"message": "nope"}"#)]).await;
    let c = client(&server, false);
    match c.messages_page(None, 1, 1).await {
        Err(ApiError::NotFound { endpoint, .. }) => assert_eq!(endpoint, "GET /conversations/messages/list"),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.uses_seed_path(), None);
    assert_eq!(paths(&server), ["/conversations/messages/list", "/conversations/messages"]);
}

#[tokio::test]
async fn the_inbox_reads_the_conversations_list_and_a_full_page_has_more() {
    let body = imbox_testkit::text("smsrcs/constructed-conversations-list.json");
    let server = TestServer::start(vec![Reply::ok(body)]).await;
    let c = client(&server, false);
    let page = c.inbox(&InboxQuery { page: 3, ..InboxQuery::default() }).await.expect("inbox");
    assert_eq!(page.page.items.len(), 2);
    assert!(!page.page.has_more, "3 rows are not a full page of 25");
    assert_eq!((page.page.total, page.counts.all), (52, 52), "two pages of 25 before, 2 rows here");
    let r = server.single();
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/conversations/list"));
    assert_eq!((r.query_values("page"), r.query_values("per_page")), (vec!["3".into()], vec!["25".into()]));

    let full: Vec<Value> = (0..25)
        .map(|i| serde_json::json!({"conversation_id": format!("cid_{i}"), "last_user_channel": "sms"}))
        .collect();
    let server = TestServer::start(vec![Reply::ok(serde_json::to_vec(&full).expect("json"))]).await;
    let page =
        client(&server, false).inbox(&InboxQuery { page: 1, ..InboxQuery::default() }).await.expect("inbox");
    assert!(page.page.has_more);
    assert_eq!(page.page.total, 26, "what is known, and one more");
}

#[tokio::test]
async fn an_sms_reply_posts_the_campaign_body_with_request_id_and_simulation_mode() {
    for simulation in [false, true] {
        let server =
            TestServer::start(vec![Reply::ok(r#"{"ticket_number": "sms_42", "number_of_contacts": 1}"#)])
                .await;
        let c = client(&server, simulation);
        let sent = c.send_message(SMS_CONVERSATION, &reply("Bonjour", "req-1")).await.expect("sent");
        assert_eq!(
            (sent.sender, sent.channel.as_str(), sent.echo_id.as_str()),
            (Sender::Agent, "sms", "req-1")
        );
        assert_eq!(sent.status, if simulation { "simulated" } else { "sending" });
        assert_eq!(sent.id, if simulation { "req-1" } else { "sms_42" });
        assert_eq!(sent.conversation_id, SMS_CONVERSATION);
        let r = server.single();
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/sms-campaign/send"));
        assert_eq!(r.header("api-key").as_deref(), Some("key-123"));
        assert_eq!(r.header("api-login").as_deref(), Some("agent@example.com"));
        assert_eq!(r.header("content-type").as_deref(), Some("application/json"));
        assert_eq!(
            body(&r),
            serde_json::json!({
                "recipients": [{"phone_number": "+33612345678"}],
                "text": "Bonjour",
                "type": "sms_premium",
                "purpose": "alert",
                "with_replies": true,
                "request_id": "req-1",
                "simulation_mode": simulation,
            })
        );
    }
}

#[tokio::test]
async fn rcs_and_live_chat_replies_use_the_multichannel_send() {
    let server = TestServer::start(vec![Reply::ok("{}")]).await;
    let c = client(&server, false);
    c.send_message("conversation_id=cid_9&phone_number=+33698765432&channel=rcs", &reply("Salut", "r-2"))
        .await
        .expect("rcs");
    c.send_message("conversation_id=cid_9&phone_number=+33698765432&channel=live_chat", &reply("Yo", "r-3"))
        .await
        .expect("live chat");
    let all = server.requests();
    assert_eq!(paths(&server), ["/multi-channel/send", "/multi-channel/send"]);
    assert_eq!(
        body(&all[0]),
        serde_json::json!({
            "channel": "rcs",
            "text": "Salut",
            "recipients": [{"phone_number": "+33698765432"}],
            "purpose": "alert",
            "request_id": "r-2",
            "simulation_mode": false,
        })
    );
    assert_eq!(
        body(&all[1])["recipients"],
        serde_json::json!([{"phone_number": "+33698765432", "conversation_id": "cid_9"}])
    );
    // Facebook threads cannot be answered; nothing is sent.
    let err = c.send_message("facebook_id=fid_1&channel=facebook", &reply("x", "r-4")).await.unwrap_err();
    assert!(matches!(err, ApiError::Invalid(_)), "{err:?}");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_failed_send_is_tried_once_and_a_used_request_id_means_sent() {
    let server = TestServer::start(vec![Reply::new(503, r#"{"message": "busy"}"#)]).await;
    let c = client(&server, false);
    let err = c.send_message(SMS_CONVERSATION, &reply("once", "r-5")).await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 503, .. }), "{err:?}");
    assert_eq!(server.count(), 1, "a POST that costs money is never retried (the GETs are, up to 3 times)");

    let dup = r#"{"code": 120, "message": "A SMS with the same request_id has already been sent."}"#;
    let server = TestServer::start(vec![Reply::new(400, dup)]).await;
    let sent = client(&server, false)
        .send_message(SMS_CONVERSATION, &reply("again", "r-5"))
        .await
        .expect("sent before");
    assert_eq!((sent.echo_id.as_str(), sent.status.as_str()), ("r-5", "sending"));

    let other = r#"{"code": 107, "message": "The text of your message is missing."}"#;
    let server = TestServer::start(vec![Reply::new(400, other)]).await;
    let err = client(&server, false).send_message(SMS_CONVERSATION, &reply("x", "r-6")).await.unwrap_err();
    assert!(
        matches!(&err, ApiError::BadRequest { status: 400, message, .. } if message.contains("text")),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_recipient_of_a_cid_only_conversation_comes_from_its_messages() {
    let server = TestServer::start(vec![Reply::ok(SEED_BODY), Reply::ok("{}")]).await;
    let c = client(&server, false);
    c.send_message("conversation_id=cid_1&channel=sms", &reply("hello", "r-7")).await.expect("sent");
    let all = server.requests();
    assert_eq!(all[0].query_values("conversation_id"), ["cid_1"]);
    assert_eq!(body(&all[1])["recipients"], serde_json::json!([{"phone_number": "+33612345678"}]));
    // An empty text never leaves the client.
    let before = server.count();
    assert!(matches!(c.send_message(SMS_CONVERSATION, &reply("  ", "r-8")).await, Err(ApiError::Invalid(_))));
    assert_eq!(server.count(), before);
}
