//! The socket itself: the handshake, its refusals, subscriptions, pings and being cut.

use super::{answer, cable_url, command, next, open_with, refused_status, room, subscribed};
use crate::chatwoot::cw;
use imbox_demo::chatwoot::{AGENT_ID, PUBSUB_TOKEN};
use serde_json::json;

#[tokio::test]
async fn the_server_welcomes_a_socket_from_its_own_origin() {
    let t = cw().await;
    let mut ws = open_with(&t, Some(&t.server.base_url())).await.expect("socket opens");
    assert_eq!(next(&mut ws).await, Some(json!({"type": "welcome"})));
}

#[tokio::test]
async fn an_upgrade_without_or_with_a_foreign_origin_is_refused() {
    let t = cw().await;
    let e = open_with(&t, None).await.expect_err("refused without Origin");
    assert_eq!(refused_status(e), 403);
    let e = open_with(&t, Some("https://evil.example")).await.expect_err("refused from elsewhere");
    assert_eq!(refused_status(e), 403);
    // Plain HTTP on the path is not an upgrade either.
    let plain = t.http.get(cable_url(&t).replacen("ws://", "http://", 1)).send().await.unwrap();
    assert!(plain.status().is_client_error(), "{}", plain.status());
}

#[tokio::test]
async fn the_profiles_room_is_confirmed() {
    let t = cw().await;
    let url = format!("{}/api/v1/profile", t.server.base_url());
    let (_, profile) =
        crate::chatwoot::send(t.http.get(url).header("api_access_token", t.server.token())).await;
    assert_eq!(profile["pubsub_token"], PUBSUB_TOKEN);
    assert_eq!(profile["id"], AGENT_ID);
    subscribed(&t).await;
}

#[tokio::test]
async fn a_wrong_token_or_user_is_rejected() {
    let t = cw().await;
    let mut ws = open_with(&t, Some(&t.server.base_url())).await.unwrap();
    assert_eq!(next(&mut ws).await.unwrap()["type"], "welcome");
    for identifier in [room("not-the-token", AGENT_ID), room(PUBSUB_TOKEN, AGENT_ID + 1)] {
        command(&mut ws, json!({"command": "subscribe", "identifier": identifier})).await;
        let got = answer(&mut ws).await.unwrap();
        assert_eq!(got, json!({"type": "reject_subscription", "identifier": identifier}));
    }
}

#[tokio::test]
async fn a_ping_arrives_with_the_time() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    let ping = next(&mut s.ws).await.unwrap();
    assert_eq!(ping["type"], "ping", "{ping}");
    let now = jiff::Timestamp::now().as_second();
    let at = ping["message"].as_i64().expect("unix seconds");
    assert!((now - 60..=now).contains(&at), "{at} vs {now}");
}

#[tokio::test]
async fn cut_sockets_ends_the_socket_without_a_close_frame() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    assert_eq!(t.server.open_sockets(), 1);
    t.server.cut_sockets();
    loop {
        let end =
            tokio::time::timeout(super::DEADLINE, futures_util::StreamExt::next(&mut s.ws)).await.unwrap();
        match end {
            None | Some(Err(_)) => break,
            // A ping sent before the cut may still be on its way.
            Some(Ok(m)) if m.to_text().is_ok_and(|t| t.contains("\"ping\"")) => {}
            Some(Ok(m)) => panic!("expected the socket to end abruptly, got {m:?}"),
        }
    }
    assert_eq!(t.server.open_sockets(), 0, "the cut socket is gone");
    // A new socket is welcome again.
    subscribed(&t).await;
    assert_eq!(t.server.open_sockets(), 1);
}

#[tokio::test]
async fn refused_sockets_answer_503_until_allowed_again() {
    let t = cw().await;
    t.server.refuse_sockets(true);
    let e = open_with(&t, Some(&t.server.base_url())).await.expect_err("refused");
    assert_eq!(refused_status(e), 503);
    t.server.refuse_sockets(false);
    subscribed(&t).await;
}

#[tokio::test]
async fn a_hostile_profiles_token_still_subscribes() {
    let t =
        crate::chatwoot::start(imbox_demo::DemoConfig { hostile: true, ..imbox_demo::DemoConfig::default() })
            .await;
    let url = format!("{}/api/v1/profile", t.server.base_url());
    let (_, profile) =
        crate::chatwoot::send(t.http.get(url).header("api_access_token", t.server.token())).await;
    assert_eq!(profile["pubsub_token"], PUBSUB_TOKEN);
    assert_eq!(profile["id"], AGENT_ID);
    subscribed(&t).await;
}

#[tokio::test]
async fn a_socket_that_falls_behind_is_closed_and_never_holds_up_the_world() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    // The test runs on one thread and this loop never yields, so the server's socket task
    // cannot send a thing meanwhile: 1,100 changes leave it more than the 1,024 events a socket
    // may fall behind. Every change still completes at once.
    let changes = 1_100;
    for i in 0..changes {
        assert!(t.server.customer_writes(61, &format!("message {i}")).is_some());
    }
    // The socket then ends (close frame) instead of delivering the rest.
    let received = tokio::time::timeout(super::DEADLINE, async {
        let mut received = 0;
        while let Some(f) = next(&mut s.ws).await {
            received += usize::from(f["message"]["event"] == "message.created");
        }
        received
    })
    .await
    .expect("the lagging socket is closed");
    assert!(received < changes, "{received}");
    // The world answers as ever, and a new socket is served.
    assert_eq!(t.ok("/conversations/61").await["id"], 61);
    subscribed(&t).await;
}

#[tokio::test]
async fn paused_pings_stop_until_resumed() {
    let t = cw().await;
    let mut s = subscribed(&t).await;
    t.server.pause_pings(true);
    // More than one beat (3 s) without a ping.
    let quiet = tokio::time::timeout(std::time::Duration::from_millis(4_000), next(&mut s.ws)).await;
    assert!(quiet.is_err(), "nothing arrives while pings are paused: {quiet:?}");
    t.server.pause_pings(false);
    assert_eq!(next(&mut s.ws).await.unwrap()["type"], "ping");
}

#[tokio::test]
async fn every_socket_gets_each_event_which_is_rendered_once() {
    let t = cw().await;
    let (mut a, mut b) = (subscribed(&t).await, subscribed(&t).await);
    let before = t.server.cable_events_sent();
    t.send_json(
        reqwest::Method::POST,
        "/conversations/61/messages",
        json!({"content": "to both", "echo_id": "b-1"}),
    )
    .await;
    assert_eq!(t.server.cable_events_sent(), before + 1, "one event, however many sockets");
    for s in [&mut a, &mut b] {
        assert_eq!(s.until("message.created").await["echo_id"], "b-1");
    }
    // An unsubscribed socket hears nothing more (its next frame is a ping).
    command(&mut a.ws, json!({"command": "unsubscribe", "identifier": a.identifier})).await;
    // Commands are handled in order: once a rejection is back, the unsubscribe was handled.
    let wrong = room("wrong", AGENT_ID);
    command(&mut a.ws, json!({"command": "subscribe", "identifier": wrong})).await;
    assert_eq!(answer(&mut a.ws).await.unwrap()["type"], "reject_subscription");
    t.send_json(reqwest::Method::POST, "/conversations/61/messages", json!({"content": "only b"})).await;
    assert_eq!(b.until("message.created").await["content"], "only b");
    assert_eq!(next(&mut a.ws).await.unwrap()["type"], "ping");
}
