//! The demo's bodies have the constructed examples' shapes (`tests/fixtures/chatwoot/`, built
//! from upstream's views): the same key paths, object by object, so a client that decodes the
//! examples decodes the demo. Free-form maps (attributes, sentiment) are not compared inside.

use super::{Cw, cw};
use imbox_demo::chatwoot::{EMAIL_CONV, WELL_KNOWN_CONV, WHATSAPP_CONV};
use serde_json::Value;
use std::collections::BTreeSet;

/// Maps whose keys are data, not shape.
const FREE: [&str; 6] = [
    "additional_attributes",
    "custom_attributes",
    "sentiment",
    "external_source_ids",
    "browser",
    "initiated_at",
];

fn walk(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{prefix}.{k}");
                out.insert(p.clone());
                if !FREE.contains(&k.as_str()) {
                    walk(x, &p, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| walk(x, &format!("{prefix}[]"), out)),
        _ => {}
    }
}

/// Every key path of a value.
fn shape(v: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    walk(v, "", &mut out);
    out
}

#[track_caller]
fn same(what: &str, example: &Value, demo: &Value) {
    let (e, d) = (shape(example), shape(demo));
    let missing: Vec<&String> = e.difference(&d).collect();
    let extra: Vec<&String> = d.difference(&e).collect();
    assert!(missing.is_empty() && extra.is_empty(), "{what}: missing {missing:?}, extra {extra:?}");
}

/// The example shape must be contained in the demo's (the demo's version carries more options).
#[track_caller]
fn covers(what: &str, example: &Value, demo: &Value) {
    let missing: Vec<String> = shape(example).difference(&shape(demo)).cloned().collect();
    assert!(missing.is_empty(), "{what}: missing {missing:?}");
}

async fn message(t: &Cw, conv: u64, pick: impl Fn(&Value) -> bool) -> Value {
    let body = t.ok(&format!("/conversations/{conv}/messages")).await;
    body["payload"].as_array().and_then(|l| l.iter().find(|m| pick(m)).cloned()).expect("message found")
}

#[tokio::test]
async fn conversations_match_the_examples_key_for_key() {
    let t = cw().await;
    let show = imbox_testkit::json("chatwoot/constructed-conversation-show.json");
    same("show #61", &show, &t.ok(&format!("/conversations/{WELL_KNOWN_CONV}")).await);
    let list = imbox_testkit::json("chatwoot/constructed-conversations-list.json");
    let ours = t.all_conversations("status=all").await;
    let find = |id: u64| ours.iter().find(|c| c["id"] == id).cloned().expect("in the list");
    same("list item #42 (assigned, team, image)", &list["data"]["payload"][0], &find(WHATSAPP_CONV));
    same("list item #57 (unassigned, e-mail)", &list["data"]["payload"][1], &find(EMAIL_CONV));
    let email = &find(EMAIL_CONV)["messages"][0]["content_attributes"];
    let example = &list["data"]["payload"][1]["messages"][0]["content_attributes"];
    same("incoming_email content_attributes", example, email);
    same("list meta", &list["data"]["meta"], &t.ok("/conversations").await["data"]["meta"]);
}

#[tokio::test]
async fn messages_match_the_example_kind_by_kind() {
    let t = cw().await;
    let example = imbox_testkit::json("chatwoot/constructed-messages-index.json");
    let body = t.ok(&format!("/conversations/{WELL_KNOWN_CONV}/messages")).await;
    same("messages meta", &example["meta"], &body["meta"]);
    let items = example["payload"].as_array().expect("payload");
    for e in items {
        let ct = e["content_type"].clone();
        let (kind, private, atts) =
            (e["message_type"].clone(), e["private"].clone(), e.get("attachments").is_some());
        let ours = message(&t, WELL_KNOWN_CONV, |m| {
            m["content_type"] == ct
                && m["message_type"] == kind
                && m["private"] == private
                && m.get("attachments").is_some() == atts
        })
        .await;
        if ct == "form" || ct == "cards" {
            covers(&format!("{ct} message"), e, &ours);
        } else {
            same(&format!("{ct} message (type {kind}, private {private}, attachments {atts})"), e, &ours);
        }
    }
}

#[tokio::test]
async fn contacts_and_notifications_match_the_examples() {
    let t = cw().await;
    let example = imbox_testkit::json("chatwoot/constructed-contacts-search.json");
    let page = t.ok("/contacts/search?q=a&page=1").await;
    same("contacts search meta", &example["meta"], &page["meta"]);
    let with_phone = page["payload"]
        .as_array()
        .and_then(|l| {
            l.iter().find(|c| {
                c.get("last_activity_at").is_some()
                    && c["contact_inboxes"].as_array().is_some_and(|i| !i.is_empty())
            })
        })
        .expect("a contact with inboxes")
        .clone();
    same("contact card", &example["payload"][0], &with_phone);
    let example = imbox_testkit::json("chatwoot/constructed-notifications-index.json");
    let mut ours = Vec::new();
    for page in 1..=4 {
        let body = t.ok(&format!("/notifications?includes[]=read&includes[]=snoozed&page={page}")).await;
        if page == 1 {
            same("notifications meta", &example["data"]["meta"], &body["data"]["meta"]);
        }
        ours.extend(body["data"]["payload"].as_array().expect("payload").clone());
    }
    // The examples are a new message in #42 and the creation of #57; the demo has both.
    for e in example["data"]["payload"].as_array().expect("payload") {
        let (ntype, conv) = (&e["notification_type"], &e["primary_actor"]["id"]);
        let n = ours.iter().find(|n| n["notification_type"] == *ntype && n["primary_actor"]["id"] == *conv);
        same(&format!("{ntype} notification of #{conv}"), e, n.expect("the same notification"));
    }
}
