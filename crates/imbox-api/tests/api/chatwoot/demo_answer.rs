//! The Chatwoot client against the embedded demo server over real HTTP: every answering call,
//! checked by what later reads return (the message appears once in the history, an action moves
//! the conversation between lists and counts).

use crate::imbrace::demo::fast_retry;
use imbox_api::backend::MessagesQuery;
use imbox_api::chatwoot::{ChatwootClient, ChatwootConfig};
use imbox_api::{AgentActions, ApiError, Secret};
use imbox_demo::chatwoot::{AGENT_ID, WHATSAPP_CONV};
use imbox_demo::{self as demo, DemoConfig, DemoServer, Fault};
use imbox_model::{
    ConversationAction, ConversationStatus, InboxQuery, InboxView, OutgoingAttachment, OutgoingMessage,
    Priority, Sender, StatusFilter,
};

/// A demo and a Chatwoot client for its account 1 (retrying fast, as the app would).
async fn start() -> (DemoServer, ChatwootClient) {
    let server = demo::spawn(DemoConfig::default()).await.unwrap();
    let mut config = ChatwootConfig::new(server.base_url(), 1, Secret::new(server.token()));
    config.retry = fast_retry();
    (server, ChatwootClient::new(config).unwrap())
}

fn query(view: InboxView, status: StatusFilter) -> InboxQuery {
    InboxQuery { view, status, page: 1, ..InboxQuery::default() }
}

/// The ids of every conversation in a view and status.
async fn listed(c: &ChatwootClient, view: InboxView, status: StatusFilter) -> Vec<String> {
    let mut out = Vec::new();
    for page in 1.. {
        let p = c.conversations(&InboxQuery { page, ..query(view, status) }).await.unwrap();
        out.extend(p.page.items.iter().map(|c| c.id.clone()));
        if !p.page.has_more {
            return out;
        }
    }
    out
}

#[tokio::test]
async fn a_sent_note_with_a_quote_and_a_file_reads_back_once() {
    let (_server, c) = start().await;
    let conv = WHATSAPP_CONV.to_string();
    let before = c.conversation_messages(&conv, &MessagesQuery::default()).await.unwrap();
    let quoted = before.items[1].id.clone();
    let note = OutgoingMessage {
        content: "Refund went out on Monday, see the receipt.".into(),
        private: true,
        echo_id: "echo-7f3a".into(),
        in_reply_to: Some(quoted.clone()),
        attachments: vec![OutgoingAttachment {
            file_name: "refund receipt.pdf".into(),
            mime: "application/pdf".into(),
            bytes: b"%PDF-1.7 demo".to_vec(),
        }],
    };
    let sent = AgentActions::send_message(&c, &conv, &note).await.unwrap();
    assert_eq!(sent.echo_id, "echo-7f3a");
    assert_eq!(
        (sent.sender, sent.sender_name.as_str(), sent.from.as_str()),
        (Sender::Agent, "Dana Levi", "user:7")
    );

    let after = c.conversation_messages(&conv, &MessagesQuery::default()).await.unwrap();
    let copies: Vec<_> = after.items.iter().filter(|m| m.id == sent.id).collect();
    assert_eq!(copies.len(), 1, "appears once");
    let m = copies[0];
    assert_eq!(after.items[0].id, sent.id, "the newest");
    assert!(m.private);
    assert_eq!(m.in_reply_to.as_deref(), Some(quoted.as_str()));
    assert_eq!(m.body.preview(), "Refund went out on Monday, see the receipt.");
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(
        (m.attachments[0].kind.as_str(), m.attachments[0].title.as_str()),
        ("file", "refund%20receipt.pdf")
    );
    assert_eq!(m.echo_id, "", "only the create answer echoes it");

    // The conversation's preview and time follow the new message.
    let shown = c.conversation(&conv).await.unwrap();
    assert_eq!(
        shown.latest_message.as_deref(),
        Some("(private note) Refund went out on Monday, see the receipt.")
    );
    assert_eq!(shown.timestamp.map(|t| t.as_second()), m.created_at.map(|t| t.as_second()));

    // A public reply without a file, then catching up with `after` finds exactly it.
    let reply = OutgoingMessage {
        content: "Anything else?".into(),
        echo_id: "echo-2".into(),
        ..OutgoingMessage::default()
    };
    let r = c.send_message(&conv, &reply).await.unwrap();
    let newer = c
        .conversation_messages(
            &conv,
            &MessagesQuery { after: Some(sent.id.clone()), ..MessagesQuery::default() },
        )
        .await
        .unwrap();
    assert_eq!(newer.items.iter().map(|m| (m.id.clone(), m.private)).collect::<Vec<_>>(), [(r.id, false)]);
}

#[tokio::test]
async fn refused_sends_reach_the_caller_as_text_and_a_failed_send_is_not_repeated() {
    let (server, c) = start().await;
    let reply = OutgoingMessage { content: "hello".into(), ..OutgoingMessage::default() };
    let err = c.send_message("9999", &reply).await.unwrap_err();
    assert!(matches!(err, ApiError::NotFound { .. }), "{err:?}");
    // A 422 from the server: the message it wrote is what the caller gets.
    let err = c.bulk_action(&["1".into()], &ConversationAction::AssignAgent(Some(4242))).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::BadRequest {
            endpoint: "POST /api/v1/accounts/{account_id}/bulk_actions",
            status: 422,
            message: "Invalid assignee_id".into()
        }
    );
    // One injected 503 fails the send: it is not sent again, so the history has no copy.
    let conv = WHATSAPP_CONV.to_string();
    server.inject(Fault::Status(503), 1);
    let err = c.send_message(&conv, &reply).await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 503, .. }), "{err:?}");
    let page = c.conversation_messages(&conv, &MessagesQuery::default()).await.unwrap();
    assert!(page.items.iter().all(|m| m.body.preview() != "hello"), "the failed send left no message");
}

#[tokio::test]
async fn status_actions_move_conversations_between_lists() {
    let (_server, c) = start().await;
    let open = listed(&c, InboxView::All, StatusFilter::Open).await;
    let (first, second, third) = (&open[0], &open[1], &open[2]);

    let resolve = ConversationAction::Status { status: ConversationStatus::Resolved, snoozed_until: None };
    c.act_on_conversation(first, &resolve).await.unwrap();
    let now_open = listed(&c, InboxView::All, StatusFilter::Open).await;
    assert!(!now_open.contains(first));
    assert_eq!(now_open.len(), open.len() - 1);
    assert!(listed(&c, InboxView::All, StatusFilter::Resolved).await.contains(first));
    assert_eq!(c.conversation(first).await.unwrap().status, "resolved");

    let until = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + 86_400).unwrap();
    let snooze =
        ConversationAction::Status { status: ConversationStatus::Snoozed, snoozed_until: Some(until) };
    c.act_on_conversation(second, &snooze).await.unwrap();
    let s = c.conversation(second).await.unwrap();
    assert_eq!(
        (s.status.as_str(), s.snoozed_until.map(|t| t.as_second())),
        ("snoozed", Some(until.as_second()))
    );
    assert!(listed(&c, InboxView::All, StatusFilter::Snoozed).await.contains(second));

    let until_reply = ConversationAction::Status { status: ConversationStatus::Snoozed, snoozed_until: None };
    c.act_on_conversation(third, &until_reply).await.unwrap();
    let t = c.conversation(third).await.unwrap();
    assert_eq!((t.status.as_str(), t.snoozed_until), ("snoozed", None));

    // Reopening clears the snooze time.
    let reopen = ConversationAction::Status { status: ConversationStatus::Open, snoozed_until: None };
    c.act_on_conversation(second, &reopen).await.unwrap();
    let s = c.conversation(second).await.unwrap();
    assert_eq!((s.status.as_str(), s.snoozed_until), ("open", None));
}

#[tokio::test]
async fn assigning_to_me_raises_the_mine_count() {
    let (_server, c) = start().await;
    let me = c.profile().await.unwrap();
    assert_eq!((me.id, me.name.as_str(), me.role.as_str()), (AGENT_ID, "Dana Levi", "agent"));
    let all_open = query(InboxView::All, StatusFilter::Open);
    let counts = c.conversation_counts(&all_open).await.unwrap();
    let unassigned = listed(&c, InboxView::Unassigned, StatusFilter::Open).await;
    let id = &unassigned[0];

    c.act_on_conversation(id, &ConversationAction::AssignAgent(Some(me.id))).await.unwrap();
    let after = c.conversation_counts(&all_open).await.unwrap();
    assert_eq!((after.mine, after.unassigned), (counts.mine + 1, counts.unassigned - 1));
    assert!(listed(&c, InboxView::Mine, StatusFilter::Open).await.contains(id));
    let conv = c.conversation(id).await.unwrap();
    assert_eq!((conv.assignee_id, conv.assignee.as_str()), (Some(me.id), "Dana Levi"));

    c.act_on_conversation(id, &ConversationAction::AssignAgent(None)).await.unwrap();
    assert_eq!(c.conversation_counts(&all_open).await.unwrap(), counts);
    assert_eq!(c.conversation(id).await.unwrap().assignee_id, None);

    c.act_on_conversation(id, &ConversationAction::AssignTeam(Some(2))).await.unwrap();
    assert_eq!(c.conversation(id).await.unwrap().teams, ["billing"]);
    c.act_on_conversation(id, &ConversationAction::AssignTeam(None)).await.unwrap();
    assert!(c.conversation(id).await.unwrap().teams.is_empty());
}

#[tokio::test]
async fn labels_priority_and_unread_change_what_is_read() {
    let (_server, c) = start().await;
    let conv = WHATSAPP_CONV.to_string();
    assert_eq!(c.conversation_labels(&conv).await.unwrap(), ["billing", "vip"]);
    c.act_on_conversation(&conv, &ConversationAction::SetLabels(vec!["bug".into(), "login".into()]))
        .await
        .unwrap();
    assert_eq!(c.conversation_labels(&conv).await.unwrap(), ["bug", "login"]);
    let edit = ConversationAction::EditLabels { add: vec!["vip".into()], remove: vec!["bug".into()] };
    c.act_on_conversation(&conv, &edit).await.unwrap();
    assert_eq!(c.conversation(&conv).await.unwrap().labels, ["login", "vip"]);
    let tagged = InboxQuery { labels: vec!["login".into()], ..query(InboxView::All, StatusFilter::All) };
    assert!(c.conversations(&tagged).await.unwrap().page.items.iter().any(|x| x.id == conv));

    c.act_on_conversation(&conv, &ConversationAction::Priority(Some(Priority::Urgent))).await.unwrap();
    assert_eq!(c.conversation(&conv).await.unwrap().priority, "urgent");
    c.act_on_conversation(&conv, &ConversationAction::Priority(None)).await.unwrap();
    assert_eq!(c.conversation(&conv).await.unwrap().priority, "");

    assert_eq!(c.update_last_seen(&conv).await.unwrap().map(|x| x.unread_count), Some(0));
    c.act_on_conversation(&conv, &ConversationAction::MarkUnread).await.unwrap();
    assert!(c.conversation(&conv).await.unwrap().unread_count > 0, "unread again");
}

#[tokio::test]
async fn bulk_resolve_of_three() {
    let (_server, c) = start().await;
    let open = listed(&c, InboxView::All, StatusFilter::Open).await;
    let three: Vec<String> = open[3..6].to_vec();
    let resolve = ConversationAction::Status { status: ConversationStatus::Resolved, snoozed_until: None };
    c.bulk_action(&three, &resolve).await.unwrap();
    let now_open = listed(&c, InboxView::All, StatusFilter::Open).await;
    assert_eq!(now_open.len(), open.len() - 3);
    for id in &three {
        assert!(!now_open.contains(id));
        assert_eq!(c.conversation(id).await.unwrap().status, "resolved");
    }
    let tag = ConversationAction::EditLabels { add: vec!["feedback".into()], remove: vec![] };
    c.bulk_action(&three, &tag).await.unwrap();
    for id in &three {
        assert!(c.conversation_labels(id).await.unwrap().contains(&"feedback".to_string()));
    }
}

#[tokio::test]
async fn agents_and_canned_responses() {
    let (_server, c) = start().await;
    let agents = c.agents().await.unwrap();
    assert_eq!(agents.len(), 5);
    assert!(agents.iter().any(|a| a.id == AGENT_ID && a.name == "Dana Levi" && a.email == "dana@acme.io"));

    let all = c.canned_responses("").await.unwrap();
    assert_eq!(all.len(), 20);
    assert!(all.iter().any(|r| r.content.contains("{{contact.first_name}}")));
    let hola = c.canned_responses("hola").await.unwrap();
    assert_eq!(hola[0].short_code, "hola");
    assert!(hola[0].content.starts_with("¡Hola {{contact.first_name}}!"));
    // By content, case-insensitively: "REFUND" is in one short code only, "tracking" in one text.
    assert_eq!(
        c.canned_responses("REFUND").await.unwrap().iter().map(|r| r.short_code.as_str()).collect::<Vec<_>>(),
        ["refund"]
    );
    assert_eq!(c.canned_responses("tracking").await.unwrap()[0].short_code, "shipping");
    assert!(c.canned_responses("no such text").await.unwrap().is_empty());
}
