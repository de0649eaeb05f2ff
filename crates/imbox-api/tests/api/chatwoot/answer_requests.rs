//! What the answering calls send (method, path, header, body, multipart parts), that a send or an
//! action is never retried, and the answers of the reference's shapes (fixtures
//! `constructed-profile.json`, `-agents`, `-canned-responses`, `-conversation-labels`,
//! `-message-create`) through the client into the domain model.

use crate::chatwoot::{TOKEN, client_for, serve, serve_fixture};
use crate::scripted::{Recorded, Reply, TestServer};
use imbox_api::chatwoot::{ChatwootClient, ChatwootConfig};
use imbox_api::retry::RetryPolicy;
use imbox_api::{AgentActions, AnyBackend, ApiError, Backend, Secret};
use imbox_model::{
    Agent, Attachment, CannedResponse, ConversationAction, ConversationStatus, MessageBody,
    OutgoingAttachment, OutgoingMessage, Priority, Sender,
};
use serde_json::{Value, json};
use std::time::Duration;

fn body(r: &Recorded) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

fn note() -> OutgoingMessage {
    OutgoingMessage {
        content: "Checked the payment logs: the refund left on Monday.".into(),
        private: true,
        echo_id: "b2c4e6a8-0001".into(),
        in_reply_to: Some("9070".into()),
        attachments: Vec::new(),
    }
}

/// A client that retries (fast), to show which calls it does not retry.
fn retrying_client(server: &TestServer) -> ChatwootClient {
    let mut config = ChatwootConfig::new(server.base_url(), 1, Secret::new(TOKEN));
    config.retry = RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
    };
    ChatwootClient::new(config).unwrap()
}

#[tokio::test]
async fn profile_is_not_under_the_account_and_takes_this_accounts_role() {
    let (server, client) = serve_fixture("constructed-profile.json").await;
    let me = AgentActions::profile(&AnyBackend::from(client)).await.unwrap();
    let r = server.single();
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/api/v1/profile"));
    assert_eq!(r.header("api_access_token").as_deref(), Some(TOKEN));
    assert_eq!(
        me,
        Agent {
            id: 7,
            name: "Dana Levi".into(),
            email: "dana@acme.io".into(),
            role: "agent".into(),
            availability: "online".into()
        }
    );
}

#[tokio::test]
async fn agents_canned_responses_and_labels_decode() {
    let (server, client) = serve_fixture("constructed-agents.json").await;
    let agents = client.agents().await.unwrap();
    assert_eq!(server.single().path, "/api/v1/accounts/1/agents");
    let summary: Vec<(u64, &str, &str, &str)> =
        agents.iter().map(|a| (a.id, a.name.as_str(), a.role.as_str(), a.availability.as_str())).collect();
    assert_eq!(
        summary,
        [
            (7, "Dana Levi", "agent", "online"),
            (8, "Harris", "administrator", "busy"),
            (9, "Jane Wong", "agent", "offline")
        ]
    );
    assert_eq!(agents[2].email, "", "a null e-mail is empty");

    let (server, client) = serve_fixture("constructed-canned-responses.json").await;
    let canned = client.canned_responses("  shal ").await.unwrap();
    let all = client.canned_responses(" ").await.unwrap();
    let sent = server.requests();
    assert_eq!(sent[0].path, "/api/v1/accounts/1/canned_responses");
    assert_eq!(sent[0].query_values("search"), ["shal"]);
    assert_eq!(sent[1].query, None, "a blank search sends no parameter");
    assert_eq!(all.len(), 2);
    assert_eq!(
        canned[0],
        CannedResponse {
            id: 1,
            short_code: "hello".into(),
            content: "Hi {{contact.first_name}}, thanks for reaching out! My name is {{agent.name}}.\nHow can I help?"
                .into()
        }
    );
    assert_eq!(canned[1].content, "שלום {{contact.first_name}}, תודה שפנית אלינו!");

    let (server, client) = serve_fixture("constructed-conversation-labels.json").await;
    assert_eq!(client.conversation_labels("42").await.unwrap(), ["billing", "vip"]);
    assert_eq!(server.single().path, "/api/v1/accounts/1/conversations/42/labels");
}

#[tokio::test]
async fn a_reply_is_json_with_only_what_it_has_and_the_answer_is_the_message() {
    let (server, client) = serve_fixture("constructed-message-create.json").await;
    let m = client.send_message("42", &note()).await.unwrap();
    let r = server.single();
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", "/api/v1/accounts/1/conversations/42/messages")
    );
    assert_eq!(r.header("content-type").as_deref(), Some("application/json"));
    assert_eq!(
        body(&r),
        json!({
            "content": "Checked the payment logs: the refund left on Monday.",
            "private": true,
            "echo_id": "b2c4e6a8-0001",
            "content_attributes": {"in_reply_to": 9070}
        })
    );
    assert_eq!((m.id.as_str(), m.conversation_id.as_str()), ("9081", "42"));
    assert_eq!((m.echo_id.as_str(), m.in_reply_to.as_deref()), ("b2c4e6a8-0001", Some("9070")));
    assert!(m.private);
    assert_eq!((m.sender, m.sender_name.as_str(), m.from.as_str()), (Sender::Agent, "Dana Levi", "user:7"));
    assert_eq!(
        m.body,
        MessageBody::Text {
            text: "Checked the payment logs: the refund left on Monday.".into(),
            is_mail: false
        }
    );
    assert_eq!(
        m.attachments,
        [Attachment {
            kind: "file".into(),
            url:
                "https://chat.acme.io/rails/active_storage/blobs/redirect/eyJfcmFpbHMi--1f/refund-receipt.pdf"
                    .into(),
            title: "refund-receipt.pdf".into()
        }]
    );

    // A plain reply: no echo id, no quote, public — those keys are left out.
    let (server, client) = serve(vec![Reply::ok(r#"{"id":1,"message_type":1,"content":"Hi"}"#)]).await;
    let plain = OutgoingMessage { content: "Hi".into(), ..OutgoingMessage::default() };
    let m = client.send_message("42", &plain).await.unwrap();
    assert_eq!(body(&server.single()), json!({"content": "Hi", "private": false}));
    assert_eq!(m.echo_id, "");
    // Nothing to send is refused before any request.
    let (server, client) = serve(vec![Reply::ok("{}")]).await;
    let err = client.send_message("42", &OutgoingMessage::default()).await.unwrap_err();
    assert!(matches!(err, ApiError::Invalid(_)), "{err:?}");
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn files_go_as_multipart_one_part_each_with_attributes_as_json_text() {
    let (server, client) = serve(vec![Reply::ok(r#"{"id":5,"message_type":1,"private":false}"#)]).await;
    let files = vec![
        OutgoingAttachment {
            file_name: "receipt.png".into(),
            mime: "image/png".into(),
            bytes: b"\x89PNG-1".to_vec(),
        },
        OutgoingAttachment {
            file_name: "terms.pdf".into(),
            mime: "application/pdf".into(),
            bytes: b"%PDF-2".to_vec(),
        },
    ];
    let m = OutgoingMessage { private: false, attachments: files, ..note() };
    let answer = client.send_message("42", &m).await.unwrap();
    assert_eq!(answer.echo_id, "b2c4e6a8-0001", "filled in when the server does not echo it");
    let r = server.single();
    let content_type = r.header("content-type").unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect(&content_type);
    let text = String::from_utf8_lossy(&r.body).to_string();
    let parts: Vec<&str> =
        text.split(&format!("--{boundary}")).filter(|p| p.contains("Content-Disposition")).collect();
    let field = |name: &str| {
        let part = parts
            .iter()
            .find(|p| p.contains(&format!("name=\"{name}\"\r\n")))
            .unwrap_or_else(|| panic!("{name}: {text}"));
        part.split("\r\n\r\n").nth(1).unwrap().trim_end_matches("\r\n").to_string()
    };
    assert_eq!(field("content"), "Checked the payment logs: the refund left on Monday.");
    assert_eq!(field("private"), "false");
    assert_eq!(field("echo_id"), "b2c4e6a8-0001");
    assert_eq!(field("content_attributes"), r#"{"in_reply_to":9070}"#);
    let files: Vec<&&str> = parts.iter().filter(|p| p.contains("name=\"attachments[]\"")).collect();
    assert_eq!(files.len(), 2, "{text}");
    assert!(files[0].contains("filename=\"receipt.png\"") && files[0].contains("Content-Type: image/png"));
    assert!(files[0].contains("\x0d\n\x0d\n\u{fffd}PNG-1"), "the bytes follow: {}", files[0]);
    assert!(files[1].contains("filename=\"terms.pdf\"") && files[1].contains("%PDF-2"));
}

#[tokio::test]
async fn sends_and_actions_are_attempted_once_while_reads_retry() {
    let failing = || vec![Reply::new(503, r#"{"error":"down"}"#), Reply::ok(r#"{"payload":[]}"#)];
    let server = TestServer::start(failing()).await;
    let client = retrying_client(&server);
    let err = client.send_message("42", &note()).await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 503, .. }), "{err:?}");
    assert_eq!(server.count(), 1, "a send is never repeated");

    let with_file = OutgoingMessage {
        attachments: vec![OutgoingAttachment {
            file_name: "a.txt".into(),
            mime: "text/plain".into(),
            bytes: vec![b'a'],
        }],
        ..note()
    };
    let server = TestServer::start(failing()).await;
    assert!(retrying_client(&server).send_message("42", &with_file).await.is_err());
    assert_eq!(server.count(), 1, "nor a multipart send");

    let resolve = ConversationAction::Status { status: ConversationStatus::Resolved, snoozed_until: None };
    let server = TestServer::start(failing()).await;
    assert!(retrying_client(&server).act_on_conversation("42", &resolve).await.is_err());
    assert_eq!(server.count(), 1, "nor an action");
    let server = TestServer::start(failing()).await;
    assert!(retrying_client(&server).bulk_action(&["1".into()], &resolve).await.is_err());
    assert_eq!(server.count(), 1, "nor a bulk action");

    // A read is retried as always: 503, then the answer.
    let server = TestServer::start(failing()).await;
    assert_eq!(retrying_client(&server).conversation_labels("42").await.unwrap(), Vec::<String>::new());
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn each_action_posts_its_body_to_its_route() {
    let until = jiff::Timestamp::from_second(1_764_662_400).unwrap();
    let cases: Vec<(ConversationAction, &str, Value)> = vec![
        (
            ConversationAction::Status { status: ConversationStatus::Resolved, snoozed_until: None },
            "/toggle_status",
            json!({"status": "resolved"}),
        ),
        (
            ConversationAction::Status { status: ConversationStatus::Snoozed, snoozed_until: Some(until) },
            "/toggle_status",
            json!({"status": "snoozed", "snoozed_until": 1_764_662_400}),
        ),
        (
            ConversationAction::Status { status: ConversationStatus::Snoozed, snoozed_until: None },
            "/toggle_status",
            json!({"status": "snoozed"}),
        ),
        (ConversationAction::AssignAgent(Some(8)), "/assignments", json!({"assignee_id": 8})),
        (ConversationAction::AssignAgent(None), "/assignments", json!({"assignee_id": null})),
        (ConversationAction::AssignTeam(Some(2)), "/assignments", json!({"team_id": 2})),
        (ConversationAction::AssignTeam(None), "/assignments", json!({"team_id": null})),
        (
            ConversationAction::SetLabels(vec!["vip".into(), " ".into(), "billing".into(), "vip".into()]),
            "/labels",
            json!({"labels": ["vip", "billing"]}),
        ),
        (
            ConversationAction::Priority(Some(Priority::Urgent)),
            "/toggle_priority",
            json!({"priority": "urgent"}),
        ),
        (ConversationAction::Priority(None), "/toggle_priority", json!({"priority": null})),
        (ConversationAction::MarkUnread, "/unread", json!({})),
    ];
    for (action, tail, expected) in cases {
        let (server, client) = serve(vec![Reply::ok("")]).await;
        client.act_on_conversation("42", &action).await.unwrap();
        let r = server.single();
        assert_eq!(r.method, "POST", "{action:?}");
        assert_eq!(r.path, format!("/api/v1/accounts/1/conversations/42{tail}"), "{action:?}");
        assert_eq!(body(&r), expected, "{action:?}");
    }
}

#[tokio::test]
async fn editing_labels_reads_the_set_then_writes_it_whole() {
    let (server, client) = serve(vec![
        Reply::ok(r#"{"payload":["billing","vip"]}"#),
        Reply::ok(r#"{"payload":["vip","login"]}"#),
    ])
    .await;
    let edit = ConversationAction::EditLabels { add: vec!["login".into()], remove: vec!["billing".into()] };
    client.act_on_conversation("61", &edit).await.unwrap();
    let sent = server.requests();
    assert_eq!(
        sent.iter().map(|r| (r.method.as_str(), r.path.as_str())).collect::<Vec<_>>(),
        [
            ("GET", "/api/v1/accounts/1/conversations/61/labels"),
            ("POST", "/api/v1/accounts/1/conversations/61/labels")
        ]
    );
    assert_eq!(body(&sent[1]), json!({"labels": ["vip", "login"]}));
}

#[tokio::test]
async fn bulk_requests_follow_the_controller_and_refuse_what_it_cannot_do() {
    let (server, client) = serve(vec![Reply::ok("")]).await;
    let ids: Vec<String> = vec!["3".into(), "5".into(), "8".into()];
    let resolve = ConversationAction::Status { status: ConversationStatus::Resolved, snoozed_until: None };
    client.bulk_action(&ids, &resolve).await.unwrap();
    let edit = ConversationAction::EditLabels { add: vec!["vip".into()], remove: vec![] };
    client.bulk_action(&ids, &edit).await.unwrap();
    client.bulk_action(&ids, &ConversationAction::AssignAgent(Some(7))).await.unwrap();
    client.bulk_action(&[], &resolve).await.unwrap();
    let sent = server.requests();
    assert_eq!(sent.len(), 3, "no ids, no request");
    assert!(sent.iter().all(|r| r.method == "POST" && r.path == "/api/v1/accounts/1/bulk_actions"));
    assert_eq!(
        body(&sent[0]),
        json!({"type": "Conversation", "ids": [3, 5, 8], "fields": {"status": "resolved"}})
    );
    assert_eq!(body(&sent[1]), json!({"type": "Conversation", "ids": [3, 5, 8], "labels": {"add": ["vip"]}}));
    assert_eq!(body(&sent[2])["fields"], json!({"assignee_id": 7}));

    for refused in [ConversationAction::MarkUnread, ConversationAction::AssignAgent(None)] {
        let err = client.bulk_action(&ids, &refused).await.unwrap_err();
        assert!(matches!(err, ApiError::Unsupported { backend: "Chatwoot", .. }), "{err:?}");
        assert!(err.to_string().contains("bulk action"), "{err}");
    }
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn refusals_read_as_the_server_wrote_them() {
    let cases = [
        (
            Reply::new(422, r#"{"error":"Validation failed: Content can't be blank"}"#),
            422,
            "Validation failed: Content can't be blank",
        ),
        (
            Reply::new(
                422,
                r#"{"message":"Priority is not included in the list","attributes":["priority"]}"#,
            ),
            422,
            "Priority is not included in the list",
        ),
    ];
    for (reply, status, message) in cases {
        let (_, client) = serve(vec![reply]).await;
        let err = client.send_message("42", &note()).await.unwrap_err();
        assert_eq!(
            err,
            ApiError::BadRequest {
                endpoint: "POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages",
                status,
                message: message.into()
            }
        );
    }
    let (_, client) = serve(vec![Reply::new(404, r#"{"error":"Resource could not be found"}"#)]).await;
    let err = client.act_on_conversation("999", &ConversationAction::MarkUnread).await.unwrap_err();
    assert!(matches!(err, ApiError::NotFound { .. }), "{err:?}");
    // The capabilities say all of this is there, and nothing about SMS segments.
    let caps = Backend::capabilities(&client_for(&TestServer::start(vec![Reply::ok("")]).await, false));
    assert!(caps.reply && caps.private_notes && caps.reply_to && caps.reply_attachments);
    assert!(caps.canned_responses && caps.conversation_actions && caps.bulk_actions && !caps.sms_segments);
}
