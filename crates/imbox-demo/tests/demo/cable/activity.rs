//! The activity simulator, watched through `/cable`: deterministic from its seed, and a
//! customer answers an agent's reply.

use super::{DEADLINE, Socket, subscribed};
use crate::chatwoot::start;
use imbox_demo::{Activity, DemoConfig};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

fn live(seed: u64) -> DemoConfig {
    DemoConfig { activity: Some(Activity { seed, pace: Duration::from_millis(40) }), ..DemoConfig::default() }
}

/// What identifies an event whatever the clock says: its name and the ids and texts it carries.
fn gist(name: &str, d: &Value) -> Value {
    json!([
        name,
        d["id"],
        d["content"],
        d["conversation_id"],
        d["message_type"],
        d["status"],
        d["conversation"]["id"],
        d["notification"]["id"],
        d["notification"]["notification_type"],
        d["notification"]["primary_actor"]["id"],
    ])
}

async fn first_events(s: &mut Socket, n: usize) -> Vec<Value> {
    let mut out = Vec::new();
    while out.len() < n {
        let (name, data) = s.event().await;
        out.push(gist(&name, &data));
    }
    out
}

#[tokio::test]
async fn the_simulator_does_the_same_things_from_the_same_seed() {
    let (a, b, c) = (start(live(7)).await, start(live(7)).await, start(live(8)).await);
    let (mut sa, mut sb, mut sc) = (subscribed(&a).await, subscribed(&b).await, subscribed(&c).await);
    let (ea, eb, ec) =
        (first_events(&mut sa, 16).await, first_events(&mut sb, 16).await, first_events(&mut sc, 16).await);
    assert_eq!(ea, eb);
    assert_ne!(ea, ec, "another seed, another story");
    let names: Vec<&str> = ea.iter().map(|e| e[0].as_str().unwrap()).collect();
    assert!(names.contains(&"message.created"), "{names:?}");
}

#[tokio::test]
async fn a_customer_answers_an_agents_reply() {
    let t = start(live(11)).await;
    let mut s = subscribed(&t).await;
    let (status, _) = t
        .send_json(Method::POST, "/conversations/61/messages", json!({"content": "Can you send a photo?"}))
        .await;
    assert_eq!(status, 200);
    let answer = tokio::time::timeout(DEADLINE, async {
        loop {
            let (name, data) = s.event().await;
            if name == "message.created" && data["conversation_id"] == 61 && data["message_type"] == 0 {
                return data;
            }
        }
    })
    .await
    .expect("the customer answers");
    assert!(Activity::ANSWERS.contains(&answer["content"].as_str().unwrap()), "{answer}");
}

#[tokio::test]
async fn without_activity_only_changes_make_events() {
    let t = crate::chatwoot::cw().await;
    let _s = subscribed(&t).await;
    // Changes made over HTTP are the only events: one reply, exactly one event.
    t.send_json(Method::POST, "/conversations/61/messages", json!({"content": "x"})).await;
    let before = t.server.cable_events_sent();
    assert_eq!(before, 1);
}
