//! Notifications (spec §5): unread-only by default, `includes[]`, the bare unread count, the
//! raw model of updates, empty answers of read_all / delete / destroy_all.

use super::{cw, ids, is_iso, is_unix, keys};
use imbox_demo::chatwoot::{DB_OFFSET, NOTIFICATIONS};
use reqwest::Method;
use serde_json::{Value, json};

async fn every(t: &super::Cw, query: &str) -> (Vec<Value>, Value) {
    let mut out = Vec::new();
    let mut meta = Value::Null;
    for page in 1.. {
        let body = t.ok(&format!("/notifications?{query}&page={page}")).await;
        meta = body["data"]["meta"].clone();
        let items = body["data"]["payload"].as_array().expect("payload").clone();
        let n = items.len();
        assert!(n <= 15);
        out.extend(items);
        if n < 15 {
            break;
        }
    }
    (out, meta)
}

async fn unread_count(t: &super::Cw) -> u64 {
    let (status, body) = t.get("/notifications/unread_count").await;
    assert_eq!(status, 200);
    body.as_u64().expect("a bare integer")
}

#[tokio::test]
async fn by_default_only_unread_and_not_snoozed_and_includes_widen_it() {
    let t = cw().await;
    let first = t.ok("/notifications").await;
    assert_eq!(keys(&first), ["data"]);
    assert_eq!(keys(&first["data"]["meta"]), ["count", "current_page", "unread_count"]);
    assert_eq!(first["data"]["meta"]["current_page"], 1);
    let (default, meta) = every(&t, "").await;
    assert!(meta["current_page"].is_string(), "page sent: a string");
    assert!(default.iter().all(|n| n["read_at"].is_null() && n["snoozed_until"].is_null()));
    assert_eq!(default.len() as u64, meta["count"].as_u64().unwrap_or(0));
    assert_eq!(meta["unread_count"], meta["count"]);
    assert_eq!(unread_count(&t).await, default.len() as u64);
    let (with_read, _) = every(&t, "includes[]=read").await;
    assert!(
        with_read.iter().any(|n| is_iso(&n["read_at"]))
            && with_read.iter().all(|n| n["snoozed_until"].is_null())
    );
    let (with_snoozed, m) = every(&t, "includes[]=snoozed").await;
    assert!(with_snoozed.iter().any(|n| is_iso(&n["snoozed_until"])));
    assert_eq!(m["unread_count"], m["count"], "all unread, some snoozed");
    let (everything, m) = every(&t, "includes[]=read&includes[]=snoozed").await;
    assert_eq!(everything.len(), NOTIFICATIONS);
    assert!(m["unread_count"].as_u64() < m["count"].as_u64());
    let (plain, _) = every(&t, "includes=read,snoozed").await;
    assert_eq!(ids(&plain), ids(&everything), "a plain string works too");
    let times: Vec<i64> = everything.iter().map(|n| n["last_activity_at"].as_i64().unwrap_or(0)).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let (asc, _) = every(&t, "includes[]=read&includes[]=snoozed&sort_order=asc").await;
    assert_eq!(ids(&asc).first(), ids(&everything).last());
    let types: std::collections::BTreeSet<&str> =
        everything.iter().filter_map(|n| n["notification_type"].as_str()).collect();
    assert!(types.len() >= 4, "{types:?}");
    for n in &everything {
        let actor = &n["primary_actor"];
        assert_eq!(
            n["primary_actor_id"].as_u64(),
            actor["id"].as_u64().map(|d| d + DB_OFFSET),
            "DB id vs display id"
        );
        assert_eq!(n["primary_actor_type"], "Conversation");
        assert!(is_unix(&n["created_at"]) && is_unix(&n["last_activity_at"]));
        assert!(actor["updated_at"].is_f64() && is_unix(&actor["timestamp"]));
        assert!(
            actor["meta"].get("assignee").is_some() && actor["meta"].get("team").is_some(),
            "present, maybe null"
        );
        assert!(actor["first_reply_created_at"].is_null() || is_iso(&actor["first_reply_created_at"]));
        assert_eq!(n["user"]["id"], 7);
        match n["notification_type"].as_str() {
            Some("conversation_creation") => assert!(n["secondary_actor"].is_null()),
            Some("conversation_assignment") => assert_eq!(n["secondary_actor"]["type"], "user"),
            _ => assert!(
                n["secondary_actor"]["conversation_id"] == actor["id"],
                "a message of the conversation"
            ),
        }
        assert!(n["push_message_title"].as_str().is_some_and(|s| s.contains(&format!("(#{})", actor["id"]))));
    }
}

#[tokio::test]
async fn marking_read_deleting_and_clearing() {
    let t = cw().await;
    let (unread, _) = every(&t, "").await;
    let before = unread_count(&t).await;
    let id = unread[0]["id"].as_u64().expect("id");
    let (status, raw) = t.send_json(Method::PATCH, &format!("/notifications/{id}"), json!({})).await;
    assert_eq!(status, 200);
    for k in ["read_at", "created_at", "updated_at", "last_activity_at"] {
        assert!(is_iso(&raw[k]), "raw model times are ISO: {k} = {}", raw[k]);
    }
    assert_eq!(
        (raw["id"].as_u64(), raw["user_id"].as_u64(), raw["primary_actor_type"].as_str()),
        (Some(id), Some(7), Some("Conversation"))
    );
    assert_eq!(unread_count(&t).await, before - 1);
    let (status, raw) = t.post(&format!("/notifications/{id}/unread")).await;
    assert_eq!((status, raw["read_at"].clone()), (200, Value::Null));
    assert_eq!(unread_count(&t).await, before);
    let conv_db = unread[1]["primary_actor_id"].as_u64().expect("db id");
    let same_conv = unread.iter().filter(|n| n["primary_actor_id"] == conv_db).count() as u64;
    let body = json!({"primary_actor_type": "Conversation", "primary_actor_id": conv_db});
    assert_eq!(t.send_json(Method::POST, "/notifications/read_all", body).await, (200, Value::Null));
    assert_eq!(unread_count(&t).await, before - same_conv, "only that conversation's");
    let gone = unread[2]["id"].as_u64().expect("id");
    assert_eq!(send_delete(&t, gone).await, (200, Value::Null));
    assert_eq!(send_delete(&t, gone).await, (404, json!({"error": "Resource could not be found"})));
    let (_, meta) = every(&t, "includes[]=read&includes[]=snoozed").await;
    assert_eq!(meta["count"].as_u64(), Some(NOTIFICATIONS as u64 - 1));
    let unread_or_snoozed = every(&t, "includes[]=snoozed").await.0.len() as u64;
    assert_eq!(
        t.send_json(Method::POST, "/notifications/destroy_all", json!({"type": "read"})).await,
        (200, Value::Null)
    );
    let (_, meta) = every(&t, "includes[]=read&includes[]=snoozed").await;
    assert_eq!(meta["count"].as_u64(), Some(unread_or_snoozed), "only the read ones went");
    assert_eq!(t.post("/notifications/read_all").await, (200, Value::Null));
    assert_eq!(unread_count(&t).await, 0);
    assert_eq!(t.post("/notifications/destroy_all").await, (200, Value::Null));
    assert_eq!(every(&t, "includes[]=read&includes[]=snoozed").await.1["count"], 0);
    assert_eq!(t.send_json(Method::PATCH, "/notifications/1", json!({})).await.0, 404);
}

async fn send_delete(t: &super::Cw, id: u64) -> (u16, Value) {
    super::send(t.req(Method::DELETE, &format!("/notifications/{id}"))).await
}
