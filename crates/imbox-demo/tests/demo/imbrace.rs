//! The demo server against the seeds' examples, over real loopback HTTP (raw JSON).

use crate::common::{default, ids, send};
use imbox_demo::seeds::{F262_CONTACT, F262_CONV, PHONE_CONTACT, SCALE_CONTACT, SCALE_CONV, TWN_CONTACT};
use serde_json::{Value, json};

const ALL_CHANNELS: &str = "channel_types=web&channel_types=whatsapp&channel_types=facebook&channel_types=email&channel_types=wechat&channel_types=instagram&channel_types=line";

#[tokio::test]
async fn auth_accepts_only_the_demo_token() {
    let t = default().await;
    let path = "/v1/backend/contacts?limit=1";
    assert_eq!(t.get(path).await.0, 200);
    let upper = t.http.get(t.url(path)).header("X-Access-Token", imbox_demo::DEMO_TOKEN);
    assert_eq!(send(upper).await.0, 200, "header names are case-insensitive");
    let (status, body) = send(t.http.get(t.url(path)).header("x-access-token", "acc_wrong")).await;
    assert_eq!((status, body), (401, imbox_testkit::json("imbrace/000_error_unauthorized.json")));
    let (status, body) = send(t.http.get(t.url("/3rd/conversations/links"))).await;
    assert_eq!((status, body), (401, json!({"message": "Unauthorized"})));
}

#[tokio::test]
async fn first_contacts_page_is_the_seed_example() {
    let t = default().await;
    let (status, body) = t.get("/v1/backend/contacts?limit=10&skip=0&sort=-created_at").await;
    assert_eq!(status, 200);
    let seed = imbox_testkit::json("imbrace/002_contacts.json");
    assert_eq!(body["data"], seed["data"]);
    assert_eq!(body["object_name"], "list");
    assert_eq!(body["nested"], json!({}));
    assert_eq!(
        (body["count"].as_u64(), body["total"].as_u64(), body["has_more"].as_bool()),
        (Some(300), Some(10), Some(true))
    );
}

#[tokio::test]
async fn contacts_paging_and_sorting() {
    let t = default().await;
    let newest = t.get("/v1/backend/contacts?limit=300").await.1;
    let all = ids(&newest["data"]);
    assert_eq!(all.len(), 300);
    assert_eq!(newest["has_more"], false);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 300, "ids are unique");
    let times: Vec<&str> =
        newest["data"].as_array().unwrap().iter().map(|c| c["created_at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] > w[1]), "newest first, strictly");
    let oldest = t.get("/v1/backend/contacts?limit=5&sort=created_at").await.1;
    let expected: Vec<String> = all.iter().rev().take(5).cloned().collect();
    assert_eq!(ids(&oldest["data"]), expected);
    let unknown = t.get("/v1/backend/contacts?limit=5&sort=shoe_size").await.1;
    assert_eq!(ids(&unknown["data"]), all[..5].to_vec());
    let page = t.get("/v1/backend/contacts?limit=7&skip=295").await.1;
    assert_eq!(
        (page["total"].as_u64(), page["has_more"].as_bool(), page["count"].as_u64()),
        (Some(5), Some(false), Some(300))
    );
    assert_eq!(ids(&page["data"]), all[295..].to_vec());
    let exact = t.get("/v1/backend/contacts?limit=10&skip=290").await.1;
    assert_eq!((exact["total"].as_u64(), exact["has_more"].as_bool()), (Some(10), Some(false)));
    let past = t.get("/v1/backend/contacts?limit=10&skip=1000").await.1;
    assert_eq!(
        (past["total"].as_u64(), past["has_more"].as_bool(), past["data"].clone()),
        (Some(0), Some(false), json!([]))
    );
    assert_eq!(t.get("/v1/backend/contacts?limit=ten").await.0, 400);
}

#[tokio::test]
async fn twn_conversation_record_is_the_seeds() {
    let t = default().await;
    let (status, body) =
        t.get(&format!("/v1/backend/contacts/{TWN_CONTACT}/conversations?{ALL_CHANNELS}")).await;
    assert_eq!(status, 200);
    assert_eq!(body, imbox_testkit::json("imbrace/002_contact_conversations.json"));
    let web = t.get(&format!("/v1/backend/contacts/{TWN_CONTACT}/conversations?channel_types=web")).await.1;
    let seed = imbox_testkit::json("imbrace/002_conversations_by_channel_web.json");
    assert_eq!(web["data"][0]["conversation"], seed["data"][0]["conversation"]);
    let none = t.get(&format!("/v1/backend/contacts/{TWN_CONTACT}/conversations?channel_types=line")).await.1;
    assert_eq!(none, json!({"data": []}));
    let (status, body) = t.get("/v1/backend/contacts/con_nope/conversations").await;
    assert_eq!((status, body), (404, imbox_testkit::json("imbrace/002_error_not_found.json")));
    let files = t.get(&format!("/v1/backend/contact/{TWN_CONTACT}/files")).await;
    assert_eq!(files, (200, imbox_testkit::json("imbrace/002_contact_files.json")));
    let comments = t
        .get(&format!("/v1/backend/contacts/{TWN_CONTACT}/comment/cmc_a430220f-c132-4ea6-bf69-6a13b91d327b"))
        .await;
    assert_eq!(comments, (200, imbox_testkit::json("imbrace/002_comments.json")));
    // The TWN conversation's thread ends with the record's latest message.
    let msgs = t.get("/3rd/conversations/conv_31b75006-beac-49af-b3b3-b8591d3438e6/messages?limit=1").await.1;
    assert_eq!(msgs["items"][0]["_id"], body_latest(&t).await);
}

async fn body_latest(t: &crate::common::T) -> Value {
    t.get(&format!("/v1/backend/contacts/{TWN_CONTACT}/conversations"))
        .await
        .1["data"][0]["latest_message"]["_id"]
        .clone()
}

#[tokio::test]
async fn f262_thread_starts_with_the_seed_messages() {
    let t = default().await;
    let (status, body) = t.get(&format!("/3rd/conversations/{F262_CONV}/messages?limit=10&skip=0")).await;
    assert_eq!(status, 200);
    let seed = imbox_testkit::json("imbrace/000_messages.json");
    assert_eq!(body["items"].as_array().unwrap()[..3], seed["items"].as_array().unwrap()[..]);
    assert_eq!(
        (body["count"].as_u64(), body["total"].as_u64(), body["has_more"].as_bool()),
        (Some(304), Some(10), Some(true))
    );
    let times: Vec<&str> =
        body["items"].as_array().unwrap().iter().map(|m| m["created_at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] > w[1]), "newest first: {times:?}");
    let tail = t.get(&format!("/3rd/conversations/{F262_CONV}/messages?limit=10&skip=300")).await.1;
    assert_eq!((tail["total"].as_u64(), tail["has_more"].as_bool()), (Some(4), Some(false)));
    let past = t.get(&format!("/3rd/conversations/{F262_CONV}/messages?skip=304")).await.1;
    assert_eq!((past["items"].clone(), past["has_more"].as_bool()), (json!([]), Some(false)));
    let convs = t.get(&format!("/v1/backend/contacts/{F262_CONTACT}/conversations")).await.1;
    assert_eq!(convs["data"][0]["conversation"]["_id"], F262_CONV);
    assert_eq!(convs["data"][0]["latest_message"]["_id"], seed["items"][0]["_id"]);
    let (status, body) = t.get("/3rd/conversations/conv_00000000-0000-4000-8000-000000000000/messages").await;
    assert_eq!((status, body), (404, imbox_testkit::json("imbrace/000_error_conversation_not_found.json")));
}

#[tokio::test]
async fn every_message_type_appears_and_pages_tile() {
    let t = default().await;
    let mut kinds = std::collections::BTreeSet::new();
    let mut all = Vec::new();
    for skip in (0..304).step_by(50) {
        let page = t.get(&format!("/3rd/conversations/{F262_CONV}/messages?limit=50&skip={skip}")).await.1;
        for m in page["items"].as_array().unwrap() {
            kinds.insert(m["type"].as_str().unwrap().to_string());
            all.push(m["_id"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(all.len(), 304);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 304);
    for k in ["text", "quick_reply", "response", "image", "file", "location", "contact", "sticker"] {
        assert!(kinds.contains(k), "{k} missing from {kinds:?}");
    }
}

#[tokio::test]
async fn links_lookup_matches_the_seed() {
    let t = default().await;
    let path = "/3rd/conversations/links?phone_numbers=886911425977&phone_numbers=12345678&organization_id=org_imbrace";
    assert_eq!(t.get(path).await, (200, imbox_testkit::json("imbrace/000_links.json")));
    // The linked conversations exist and belong to a contact with that phone.
    let links = imbox_testkit::json("imbrace/000_links.json");
    for l in links[0]["conversation_links"].as_array().unwrap() {
        let id = imbox_model::conversation_id_from_link(l["link"].as_str().unwrap()).unwrap();
        let (status, msgs) = t.get(&format!("/3rd/conversations/{id}/messages")).await;
        assert_eq!(status, 200);
        assert!(msgs["count"].as_u64().unwrap() > 0);
    }
    let convs = t.get(&format!("/v1/backend/contacts/{PHONE_CONTACT}/conversations")).await.1;
    let contact = &convs["data"][0]["contact"];
    assert_eq!(
        format!("{}{}", contact["area_code"].as_str().unwrap(), contact["phone_number"].as_str().unwrap()),
        "886911425977"
    );
    let by_local =
        t.get("/3rd/conversations/links?phone_numbers=911425977&organization_id=org_imbrace").await.1;
    assert_eq!(by_local[0]["conversation_links"], links[0]["conversation_links"]);
    assert_eq!(
        t.get("/3rd/conversations/links?phone_numbers=12345678&organization_id=org_imbrace").await,
        (404, imbox_testkit::json("imbrace/000_error_no_links.json"))
    );
    assert_eq!(
        t.get("/3rd/conversations/links?organization_id=org_imbrace").await,
        (400, imbox_testkit::json("imbrace/000_error_phone_numbers_required.json"))
    );
    assert_eq!(
        t.get("/3rd/conversations/links?phone_numbers=886911425977").await,
        (400, imbox_testkit::json("imbrace/000_error_organization_id_required.json"))
    );
    assert_eq!(
        t.get("/3rd/conversations/links?phone_numbers=886911425977&organization_id=org_other").await.0,
        404
    );
}

#[tokio::test]
async fn search_finds_by_name_email_and_phone() {
    let t = default().await;
    assert_eq!(
        t.get("/v1/backend/contacts/_search?limit=10&skip=0&q=&type=text").await,
        (200, imbox_testkit::json("imbrace/002_search_empty.json"))
    );
    let by_name = t.get("/v1/backend/contacts/_search?q=twn%23nj9585&type=text").await.1;
    assert_eq!(ids(&by_name["data"]), vec![TWN_CONTACT.to_string()]);
    let by_email = t.get("/v1/backend/contacts/_search?q=WEITING.CHEN%40GMAIL&type=text").await.1;
    assert_eq!(ids(&by_email["data"]), vec![PHONE_CONTACT.to_string()]);
    let by_phone = t.get("/v1/backend/contacts/_search?q=%2B886%20911425977").await.1;
    assert_eq!(ids(&by_phone["data"]), vec![PHONE_CONTACT.to_string()]);
    let by_cjk = t.get("/v1/backend/contacts/_search?q=%E8%A9%A0%E6%AC%A3%20scale").await.1; // "詠欣 scale"
    assert_eq!(ids(&by_cjk["data"]), vec![SCALE_CONTACT.to_string()]);
    let many = t.get("/v1/backend/contacts/_search?q=unk%23&limit=3").await.1;
    let count = many["count"].as_u64().unwrap();
    assert!(count > 3, "several visitors: {count}");
    assert_eq!((many["total"].as_u64(), many["has_more"].as_bool()), (Some(3), Some(true)));
    let rest = t.get(&format!("/v1/backend/contacts/_search?q=unk%23&limit=100&skip={}", count - 1)).await.1;
    assert_eq!((rest["total"].as_u64(), rest["has_more"].as_bool()), (Some(1), Some(false)));
    let none = t.get("/v1/backend/contacts/_search?q=zzzqqq-nobody").await.1;
    assert_eq!((none["count"].as_u64(), none["data"].clone()), (Some(0), json!([])));
}

#[tokio::test]
async fn notifications_start_with_the_seed_ones_and_point_at_real_conversations() {
    let t = default().await;
    let (status, body) = t.get("/v1/backend/notifications?limit=10&skip=0").await;
    assert_eq!(status, 200);
    let seed = imbox_testkit::json("imbrace/002_notifications.json");
    assert_eq!(body["data"].as_array().unwrap()[..2], seed["data"].as_array().unwrap()[..]);
    assert_eq!(
        (body["count"].as_u64(), body["total"].as_u64(), body["has_more"].as_bool()),
        (Some(640), Some(10), Some(true))
    );
    let unread = body["unread_count"].as_u64().unwrap();
    assert!((590..=635).contains(&unread), "about 96% unread: {unread}");
    let third = &body["data"][2];
    assert_eq!(third["type"], 201);
    let title = third["title"].as_str().unwrap();
    let convs = t.get(&format!("/v1/backend/contacts/{SCALE_CONTACT}/conversations")).await.1;
    let scale = convs["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["conversation"]["_id"] == SCALE_CONV)
        .expect("scale conversation listed");
    assert_eq!(third["action_to"]["team_conversation_user_id"], scale["public_id"]);
    assert_eq!(title, scale["conversation"]["name"].as_str().unwrap());
    let msgs = t.get(&format!("/3rd/conversations/{SCALE_CONV}/messages?limit=5&skip=9998")).await.1;
    assert_eq!(
        (msgs["count"].as_u64(), msgs["total"].as_u64(), msgs["has_more"].as_bool()),
        (Some(10_000), Some(2), Some(false))
    );
}

/// The seed's curl examples for contacts, search and files pass `--data ''`, which makes curl
/// send a POST with an empty form body; the demo answers those like the GETs.
#[tokio::test]
async fn curl_examples_with_empty_data_post_are_answered_like_gets() {
    let t = default().await;
    for path in [
        "/v1/backend/contacts?limit=10&skip=0&sort=-created_at".to_string(),
        "/v1/backend/contacts/_search?limit=10&skip=0&q=a&type=text".to_string(),
        format!("/v1/backend/contact/{TWN_CONTACT}/files"),
    ] {
        let (get_status, get_body) = t.get(&path).await;
        let (status, body) = send(
            t.req(reqwest::Method::POST, &path)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(""),
        )
        .await;
        assert_eq!((status, get_status), (200, 200), "{path}");
        assert_eq!(body, get_body, "{path}");
    }
}

/// The update example PUTs to `con_test_contact` and documents TWN#NJ9585's record as the reply.
#[tokio::test]
async fn the_update_examples_con_test_contact_is_twn() {
    let t = default().await;
    let body = imbox_testkit::text("imbrace/002_update_contact_request.json");
    let (status, got) =
        t.with_body(reqwest::Method::PUT, "/v1/backend/contacts/con_test_contact", &body).await;
    assert_eq!(status, 200);
    let seed = imbox_testkit::json("imbrace/002_update_contact_response.json");
    for key in ["id", "display_name", "gender", "email", "phone_number"] {
        assert_eq!(got[key], seed[key], "{key}");
    }
    let found = t.get("/v1/backend/contacts/_search?q=bye%20bye").await.1;
    assert_eq!(ids(&found["data"]), vec![TWN_CONTACT.to_string()]);
}
