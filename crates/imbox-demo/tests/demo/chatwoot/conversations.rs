//! Conversation list, meta and show (spec §1, §2, §9).

use super::{cw, ids, is_iso, is_unix, keys};
use imbox_demo::chatwoot::{AGENT_ID, EMAIL_CONV, WELL_KNOWN_CONV, WHATSAPP_CONV};
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn assignee_id(c: &Value) -> Option<u64> {
    (c["meta"]["assignee_type"] == "User").then(|| c["meta"]["assignee"]["id"].as_u64()).flatten()
}

#[tokio::test]
async fn only_the_index_is_wrapped_and_counts_ignore_the_assignee_filter() {
    let t = cw().await;
    let body = t.ok("/conversations").await;
    assert_eq!(keys(&body), ["data"]);
    assert_eq!(keys(&body["data"]), ["meta", "payload"]);
    let meta = body["data"]["meta"].clone();
    assert_eq!(keys(&meta), ["all_count", "assigned_count", "mine_count", "unassigned_count"]);
    let all = t.all_conversations("assignee_type=all").await;
    assert!(all.iter().all(|c| c["status"] == "open"), "status defaults to open");
    let n = |k: &str| meta[k].as_u64().unwrap_or(u64::MAX) as usize;
    assert_eq!(all.len(), n("all_count"));
    let mine = all.iter().filter(|c| assignee_id(c) == Some(AGENT_ID)).count();
    let unassigned = all.iter().filter(|c| assignee_id(c).is_none()).count();
    assert_eq!((mine, unassigned), (n("mine_count"), n("unassigned_count")));
    assert_eq!(n("assigned_count"), n("all_count") - n("unassigned_count"));
    assert!(mine > 0 && unassigned > 0 && n("assigned_count") > mine, "{meta}");
    let bot = all.iter().find(|c| c["meta"]["assignee_type"] == "AgentBot").expect("a bot holds one");
    assert_eq!(bot["meta"]["assignee"]["bot_type"], "webhook");
    assert_eq!(bot["messages"][0]["conversation"]["assignee_id"], Value::Null, "a bot has no assignee_id");
    for (view, count) in
        [("me", "mine_count"), ("unassigned", "unassigned_count"), ("assigned", "assigned_count")]
    {
        let page = t.ok(&format!("/conversations?assignee_type={view}")).await;
        assert_eq!(page["data"]["meta"], meta, "counts ignore assignee_type={view}");
        let list = t.all_conversations(&format!("assignee_type={view}")).await;
        assert_eq!(list.len(), n(count), "{view}");
        let holders: BTreeSet<Option<u64>> = list.iter().map(assignee_id).collect();
        match view {
            "me" => assert_eq!(holders, BTreeSet::from([Some(AGENT_ID)])),
            "unassigned" => assert_eq!(holders, BTreeSet::from([None])),
            _ => assert!(!holders.contains(&None)),
        }
    }
    assert!(
        ids(&t.all_conversations("assignee_type=unassigned").await)
            .contains(&bot["id"].as_u64().unwrap_or(0))
    );
    let bare = t.ok("/conversations/meta").await;
    assert_eq!(bare, json!({ "meta": meta }), "meta has no data wrapper");
}

#[tokio::test]
async fn pages_hold_25_in_last_activity_order_and_the_last_page_the_rest() {
    let t = cw().await;
    let all = t.all_conversations("status=all").await;
    assert_eq!(all.len(), 200);
    let times: Vec<i64> = all.iter().map(|c| c["last_activity_at"].as_i64().unwrap_or(0)).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "last_activity_at desc");
    let unique: BTreeSet<u64> = ids(&all).into_iter().collect();
    assert_eq!(unique.len(), 200);
    let last = t.ok("/conversations?status=all&page=8").await;
    assert_eq!(last["data"]["payload"].as_array().map(Vec::len), Some(25));
    let past = t.ok("/conversations?status=all&page=9").await;
    assert_eq!(past["data"]["payload"], json!([]));
    assert_eq!(past["data"]["meta"]["all_count"], 200);
    let oldest = t.ok("/conversations?status=all&sort_by=last_activity_at_asc").await;
    assert_eq!(oldest["data"]["payload"][0]["id"], all[199]["id"]);
}

#[tokio::test]
async fn status_filters_partition_the_account_and_q_ignores_status() {
    let t = cw().await;
    let mut total = 0;
    for status in ["open", "pending", "snoozed", "resolved"] {
        let list = t.all_conversations(&format!("status={status}")).await;
        assert!(!list.is_empty(), "{status}");
        assert!(list.iter().all(|c| c["status"] == status));
        total += list.len();
    }
    assert_eq!(total, 200);
    // #61 is snoozed; its agent wrote "password reset link".
    for status in ["resolved", "open", "all"] {
        let hits = t.all_conversations(&format!("status={status}&q=PASSWORD%20RESET%20link")).await;
        assert!(ids(&hits).contains(&WELL_KNOWN_CONV), "q ignores status={status}");
        assert!(hits.iter().any(|c| c["status"] != "open") || hits.len() == 1);
    }
    let none = t.ok("/conversations?q=zzzz-no-such-text").await;
    assert_eq!(none["data"]["meta"]["all_count"], 0);
}

#[tokio::test]
async fn labels_are_any_of_and_inbox_and_team_filter() {
    let t = cw().await;
    let with = async |l: &str| -> BTreeSet<u64> {
        ids(&t.all_conversations(&format!("status=all&labels[]={l}")).await).into_iter().collect()
    };
    let (login, vip) = (with("login").await, with("vip").await);
    assert!(!login.is_empty() && !vip.is_empty());
    let both = ids(&t.all_conversations("status=all&labels[]=login&labels[]=vip").await);
    let union: BTreeSet<u64> = login.union(&vip).copied().collect();
    assert_eq!(both.into_iter().collect::<BTreeSet<u64>>(), union);
    let inbox = t.all_conversations("status=all&inbox_id=3").await;
    assert!(
        !inbox.is_empty()
            && inbox.iter().all(|c| c["inbox_id"] == 3 && c["meta"]["channel"] == "Channel::Whatsapp")
    );
    let nowhere = t.ok("/conversations?inbox_id=99").await;
    assert_eq!(nowhere["data"]["meta"]["all_count"], 0);
    let team = t.all_conversations("status=all&team_id=2").await;
    assert!(!team.is_empty() && team.iter().all(|c| c["meta"]["team"]["id"] == 2));
    for path in ["/conversations?team_id=99", "/conversations/meta?team_id=99"] {
        assert_eq!(t.get(path).await, (404, json!({"error": "Resource could not be found"})));
    }
}

#[tokio::test]
async fn show_is_the_conversation_object_with_only_the_latest_message() {
    let t = cw().await;
    let c = t.ok(&format!("/conversations/{WELL_KNOWN_CONV}")).await;
    assert!(c.get("data").is_none() && c.get("payload").is_none());
    for k in [
        "meta",
        "id",
        "messages",
        "account_id",
        "uuid",
        "additional_attributes",
        "agent_last_seen_at",
        "assignee_last_seen_at",
        "can_reply",
        "contact_last_seen_at",
        "custom_attributes",
        "inbox_id",
        "labels",
        "muted",
        "snoozed_until",
        "status",
        "created_at",
        "updated_at",
        "timestamp",
        "first_reply_created_at",
        "unread_count",
        "last_non_activity_message",
        "last_activity_at",
        "priority",
        "waiting_since",
        "sla_policy_id",
    ] {
        assert!(c.get(k).is_some(), "key {k}");
    }
    assert!(c.get("applied_sla").is_none() && c.get("sla_events").is_none(), "no sla feature");
    assert_eq!(
        (c["id"].as_u64(), c["status"].as_str(), c["labels"].clone()),
        (Some(WELL_KNOWN_CONV), Some("snoozed"), json!(["login"]))
    );
    assert!(is_iso(&c["snoozed_until"]), "snoozed_until is ISO: {}", c["snoozed_until"]);
    assert!(c["updated_at"].is_f64(), "updated_at is a float");
    for k in ["created_at", "timestamp", "last_activity_at", "agent_last_seen_at", "first_reply_created_at"] {
        assert!(is_unix(&c[k]), "{k} is unix: {}", c[k]);
    }
    assert_eq!(c["timestamp"], c["last_activity_at"]);
    let messages = c["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 1, "only the latest message");
    assert_eq!(messages[0]["message_type"], 2, "the latest is the snooze activity");
    assert!(messages[0].get("sender").is_none() && messages[0]["sender_type"].is_null());
    assert!(is_iso(&messages[0]["updated_at"]) && is_unix(&messages[0]["created_at"]));
    let note = &c["last_non_activity_message"];
    assert_eq!((note["message_type"].as_u64(), note["private"].as_bool()), (Some(1), Some(true)));
    assert_eq!(note["sender"]["type"], "user");
    let meta = &c["meta"];
    assert_eq!(
        (meta["assignee"]["id"].as_u64(), meta["assignee_type"].as_str()),
        (Some(AGENT_ID), Some("User"))
    );
    assert!(meta.get("team").is_none(), "no team: key absent");
    assert!(meta["sender"].get("contact_inboxes").is_none() && meta["sender"].get("type").is_none());
    assert_eq!(c["meta"]["channel"], "Channel::WebWidget");
    assert!(c["additional_attributes"]["browser"]["browser_name"].is_string());
    assert_eq!(t.get("/conversations/9999").await, (404, json!({"error": "Resource could not be found"})));
}

#[tokio::test]
async fn unassigned_email_and_whatsapp_examples_and_unread_cap() {
    let t = cw().await;
    let e = t.ok(&format!("/conversations/{EMAIL_CONV}")).await;
    for k in ["assignee", "assignee_type", "team"] {
        assert!(e["meta"].get(k).is_none(), "{k} absent when unassigned");
    }
    assert_eq!((e["agent_last_seen_at"].as_i64(), e["first_reply_created_at"].as_i64()), (Some(0), Some(0)));
    assert_eq!(e["unread_count"], 1);
    assert_eq!(e["messages"][0]["content_type"], "incoming_email");
    assert!(e["messages"][0]["content_attributes"]["email"]["subject"].is_string());
    assert_eq!(e["additional_attributes"]["source"], "email");
    let w = t.ok(&format!("/conversations/{WHATSAPP_CONV}")).await;
    assert_eq!((w["unread_count"].as_u64(), w["priority"].as_str()), (Some(2), Some("high")));
    assert_eq!(w["messages"][0]["attachments"][0]["file_type"], "image");
    assert_eq!(w["meta"]["team"]["name"], "billing");
    assert!(w["meta"]["sender"]["phone_number"].as_str().is_some_and(|p| p.starts_with('+')));
    let all = t.all_conversations("status=all").await;
    let unread: Vec<u64> = all.iter().map(|c| c["unread_count"].as_u64().unwrap_or(99)).collect();
    assert!(unread.iter().all(|u| *u <= 10) && unread.contains(&10), "capped at 10 and reached");
    assert!(all.iter().all(|c| c["id"].as_u64().is_some_and(|d| d <= 200)));
}

#[tokio::test]
async fn update_last_seen_marks_read_and_unread_brings_it_back() {
    let t = cw().await;
    let path = format!("/conversations/{WHATSAPP_CONV}");
    let before = t.ok(&path).await;
    assert_eq!(before["unread_count"], 2);
    let (status, seen) = t.post(&format!("{path}/update_last_seen")).await;
    assert_eq!(status, 200);
    assert_eq!((seen["id"].as_u64(), seen["unread_count"].as_u64()), (Some(WHATSAPP_CONV), Some(0)));
    assert!(seen["agent_last_seen_at"].as_i64() > before["agent_last_seen_at"].as_i64());
    assert_eq!(seen["assignee_last_seen_at"], seen["agent_last_seen_at"], "Dana is the assignee");
    assert_eq!(t.ok(&path).await["unread_count"], 0);
    let list = t.all_conversations("assignee_type=me").await;
    let row = list.iter().find(|c| c["id"] == WHATSAPP_CONV).expect("in Mine");
    assert_eq!(
        (row["unread_count"].as_u64(), row["messages"][0]["conversation"]["unread_count"].as_u64()),
        (Some(0), Some(0))
    );
    let (status, again) = t.post(&format!("{path}/unread")).await;
    assert_eq!((status, again["unread_count"].as_u64()), (200, Some(1)));
    assert_eq!(t.post("/conversations/9999/update_last_seen").await.0, 404);
}
