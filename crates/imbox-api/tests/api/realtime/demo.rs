//! The whole client against the demo server's `/cable`: the parameters from the profile, the
//! subscription, an HTTP change arriving as an event, and every way the demo can take the socket
//! away (a wrong token, pings paused, sockets cut, sockets refused) and give it back.

use super::Updates;
use crate::imbrace::demo::fast_retry;
use imbox_api::chatwoot::{ChatwootClient, ChatwootConfig};
use imbox_api::http::ClientConfig;
use imbox_api::imbrace::ImbraceClient;
use imbox_api::realtime::{RealtimeParams, RealtimeTimings, SocketUpdate};
use imbox_api::{AnyBackend, Backend, Secret};
use imbox_demo::chatwoot::WHATSAPP_CONV;
use imbox_demo::{self as demo, DemoConfig, DemoServer};
use imbox_model::live::LiveEvent;
use imbox_model::{ContactUpdate, ConversationAction, ConversationStatus, OutgoingMessage, Priority};
use std::time::Duration;

/// The demo pings every 3 s: a watchdog of 5 s hears every ping of a healthy socket and gives
/// up on a silent one soon.
fn demo_timings() -> RealtimeTimings {
    RealtimeTimings {
        ping_timeout: Duration::from_secs(5),
        presence_every: Duration::from_secs(1),
        backoff_min: Duration::from_millis(50),
        backoff_max: Duration::from_millis(400),
        unavailable_retry: Duration::from_millis(300),
    }
}

async fn start() -> (DemoServer, ChatwootClient, RealtimeParams) {
    let server = demo::spawn(DemoConfig::default()).await.unwrap();
    let mut config = ChatwootConfig::new(server.base_url(), 1, Secret::new(server.token()));
    config.retry = fast_retry();
    let client = ChatwootClient::new(config).unwrap();
    let params =
        AnyBackend::from(client.clone()).realtime_params().await.unwrap().expect("Chatwoot has realtime");
    (server, client, params)
}

fn is_live(u: &SocketUpdate) -> bool {
    *u == SocketUpdate::Live
}

fn is_lost(u: &SocketUpdate) -> bool {
    matches!(u, SocketUpdate::Lost(_))
}

#[tokio::test]
async fn the_params_come_from_the_profile_and_only_chatwoot_has_them() {
    let (server, client, params) = start().await;
    assert_eq!(
        (params.base_url.as_str(), params.account_id, params.user_id),
        (server.base_url().as_str(), 1, 7)
    );
    assert!(!params.pubsub_token.is_empty());
    assert!(!format!("{params:?}").contains(&params.pubsub_token), "the token never prints");
    assert!(AnyBackend::from(client).capabilities().realtime);

    let imbrace =
        ImbraceClient::new(ClientConfig::new(server.base_url(), Secret::new(server.token()))).unwrap();
    let imbrace = AnyBackend::from(imbrace);
    assert_eq!(imbrace.realtime_params().await.unwrap(), None);
    assert!(!imbrace.capabilities().realtime);
}

#[tokio::test]
async fn a_message_posted_over_http_arrives_as_message_created_with_its_echo_id() {
    let (_server, client, params) = start().await;
    let mut u = Updates::start(params, demo_timings());
    assert_eq!(u.next().await, SocketUpdate::Connecting);
    assert_eq!(u.next().await, SocketUpdate::Live);
    let out = OutgoingMessage {
        content: "Sent from another agent's screen".into(),
        echo_id: "live-echo-1".into(),
        ..OutgoingMessage::default()
    };
    let sent = client.send_message(&WHATSAPP_CONV.to_string(), &out).await.unwrap();
    let event = u.until(|x| matches!(x, SocketUpdate::Event(LiveEvent::MessageCreated { .. }))).await;
    let SocketUpdate::Event(LiveEvent::MessageCreated { message, conversation }) = event else {
        unreachable!()
    };
    assert_eq!((message.id.as_str(), message.echo_id.as_str()), (sent.id.as_str(), "live-echo-1"));
    assert_eq!(message.conversation_id, WHATSAPP_CONV.to_string());
    assert_eq!(message.body.preview(), "Sent from another agent's screen");
    assert!(conversation.is_some_and(|c| c.last_activity_at.is_some()));
}

#[tokio::test]
async fn a_wrong_pubsub_token_is_unavailable() {
    let (_server, _client, params) = start().await;
    let params = RealtimeParams { pubsub_token: "not-the-token".into(), ..params };
    let mut u = Updates::start(params, demo_timings());
    let why = u.until(|x| !matches!(x, SocketUpdate::Connecting)).await;
    assert!(matches!(&why, SocketUpdate::Unavailable(w) if w.contains("rejected")), "{why:?}");
}

#[tokio::test]
async fn paused_pings_lose_the_socket_and_a_reconnect_is_live_again() {
    let (server, _client, params) = start().await;
    let mut u = Updates::start(params, demo_timings());
    u.until(is_live).await;
    server.pause_pings(true);
    let lost = u.until(is_lost).await;
    assert!(format!("{lost:?}").contains("no ping"), "{lost:?}");
    server.pause_pings(false);
    u.until(is_live).await;
}

#[tokio::test]
async fn cut_sockets_are_lost_then_live_again() {
    let (server, _client, params) = start().await;
    let mut u = Updates::start(params, demo_timings());
    u.until(is_live).await;
    server.cut_sockets();
    u.until(is_lost).await;
    assert_eq!(u.next().await, SocketUpdate::Connecting, "a Connecting before the next attempt");
    u.until(is_live).await;
}

#[tokio::test]
async fn refused_sockets_are_unavailable_until_they_are_served_again() {
    let (server, _client, params) = start().await;
    let mut u = Updates::start(params, demo_timings());
    u.until(is_live).await;
    server.refuse_sockets(true);
    server.cut_sockets();
    u.until(is_lost).await;
    let why = u.until(|x| matches!(x, SocketUpdate::Unavailable(_))).await;
    assert!(format!("{why:?}").contains("HTTP 503"), "{why:?}");
    server.refuse_sockets(false);
    u.until(is_live).await;
}

/// A short name for an event's kind, to compare what arrived with what was caused.
fn kind(e: &LiveEvent) -> String {
    match e {
        LiveEvent::MessageCreated { .. } => "message.created".into(),
        LiveEvent::MessageUpdated { .. } => "message.updated".into(),
        LiveEvent::ConversationCreated(_) => "conversation.created".into(),
        LiveEvent::ConversationUpdated { change, .. } => format!("{change:?}"),
        LiveEvent::Typing { .. } => "typing".into(),
        LiveEvent::Mentioned(_) => "mentioned".into(),
        LiveEvent::Notification { change, .. } => format!("notification {change:?}"),
        LiveEvent::ContactUpdated(_) => "contact.updated".into(),
    }
}

#[tokio::test]
async fn an_event_of_another_account_is_dropped() {
    let (server, _client, params) = start().await;
    let mut u = Updates::start(params, demo_timings());
    u.until(is_live).await;
    let before = server.cable_events_sent();
    assert!(server.other_account_event(WHATSAPP_CONV, "for account two"));
    assert!(server.customer_writes(WHATSAPP_CONV, "for account one").is_some());
    // Account 2's message went out first: had it passed, it would be the first event here.
    let SocketUpdate::Event(first) = u.until(|x| matches!(x, SocketUpdate::Event(_))).await else {
        unreachable!()
    };
    let LiveEvent::MessageCreated { message, .. } = &first else { panic!("{first:?}") };
    assert_eq!(message.body.preview(), "for account one");
    assert!(server.cable_events_sent() >= before + 2, "the other account's event was sent");
}

#[tokio::test]
async fn every_event_the_demo_sends_for_http_changes_is_decoded() {
    let (server, client, params) = start().await;
    let mut u = Updates::start(params, demo_timings());
    u.until(is_live).await;
    let before = server.cable_events_sent();
    let conv = WHATSAPP_CONV.to_string();
    let act = |a: ConversationAction| {
        let (client, conv) = (client.clone(), conv.clone());
        async move { client.act_on_conversation(&conv, &a).await.unwrap() }
    };
    act(ConversationAction::Status { status: ConversationStatus::Resolved, snoozed_until: None }).await;
    act(ConversationAction::AssignAgent(Some(8))).await;
    let team = client.teams().await.unwrap()[0].0;
    act(ConversationAction::AssignTeam(Some(team))).await;
    act(ConversationAction::Priority(Some(Priority::Urgent))).await;
    // Upstream (and the demo) announce marking unread as `conversation.updated`.
    act(ConversationAction::MarkUnread).await;
    client.update_last_seen(&conv).await.unwrap();
    let contact = client.conversation(&conv).await.unwrap().contact_id;
    let update = ContactUpdate { email: Some("noa.live@example.net".into()), ..ContactUpdate::default() };
    client.update_contact(&contact, &update).await.unwrap();
    server.customer_writes(WHATSAPP_CONV, "Any news?").unwrap();
    // Another agent starts typing a private note (the client has no call for it: raw HTTP).
    let typing = imbox_testkit::http_client()
        .post(format!("{}/api/v1/accounts/1/conversations/{conv}/toggle_typing_status", server.base_url()))
        .header("api_access_token", server.other_agent_token())
        .json(&serde_json::json!({"typing_status": "on", "is_private": true}))
        .send()
        .await
        .unwrap();
    assert!(typing.status().is_success(), "{}", typing.status());
    let note = client.notifications(1, 0).await.unwrap().page.items[0].id.clone();
    client.mark_notification_read(&note).await.unwrap();
    client.delete_notification(&note).await.unwrap();

    // Every event the demo sent arrives decoded: none was skipped as unreadable.
    let mut events = Vec::new();
    while (events.len() as u64) < server.cable_events_sent() - before {
        let SocketUpdate::Event(e) = u.until(|x| matches!(x, SocketUpdate::Event(_))).await else {
            unreachable!()
        };
        events.push(e);
    }
    let kinds: Vec<String> = events.iter().map(kind).collect();
    assert_eq!(kinds.len() as u64, server.cable_events_sent() - before);
    for expected in [
        "StatusChanged",
        "AssigneeChanged",
        "TeamChanged",
        "Updated",
        "Read",
        "contact.updated",
        "message.created",
        "notification Updated",
        "notification Deleted",
        "typing",
    ] {
        assert!(kinds.iter().any(|k| k == expected), "{expected} not in {kinds:?}");
    }
    let typing = events.iter().find(|e| matches!(e, LiveEvent::Typing { .. })).unwrap();
    assert_eq!(
        typing,
        &LiveEvent::Typing { conversation_id: conv.clone(), who: "Harris Lam".into(), agent: true, on: true }
    );
}

#[tokio::test]
async fn a_hostile_demos_events_arrive_inert() {
    let server = demo::spawn(DemoConfig { hostile: true, ..DemoConfig::default() }).await.unwrap();
    let mut config = ChatwootConfig::new(server.base_url(), 1, Secret::new(server.token()));
    config.retry = fast_retry();
    let client = ChatwootClient::new(config).unwrap();
    let params = AnyBackend::from(client).realtime_params().await.unwrap().expect("the token survives");
    let mut u = Updates::start(params, demo_timings());
    u.until(is_live).await;
    server.customer_writes(WHATSAPP_CONV, "hello").unwrap();
    let event = u.until(|x| matches!(x, SocketUpdate::Event(LiveEvent::MessageCreated { .. }))).await;
    let SocketUpdate::Event(LiveEvent::MessageCreated { message, .. }) = &event else { unreachable!() };
    assert!(message.body.preview().starts_with("hello "), "the poison reached the text: {message:?}");
    let shown = format!("{event:?}");
    for c in shown.chars() {
        assert!(!c.is_control() || c == '\n', "control character {c:?} in {shown}");
    }
    assert!(!shown.contains('\u{202e}') && !shown.contains('\u{9b}'), "{shown}");
}
