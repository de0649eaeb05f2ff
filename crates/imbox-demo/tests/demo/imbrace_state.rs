//! The demo server's state (edits, notifications, uploads), determinism, scale and faults.

use crate::common::{default, ids, start};
use imbox_demo::seeds::{SCALE_CONV, TWN_CONTACT};
use imbox_demo::{DemoConfig, Fault};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

#[tokio::test]
async fn update_normalises_persists_and_shows_everywhere() {
    let t = default().await;
    let body = imbox_testkit::text("imbrace/002_update_contact_request.json");
    let (status, got) = t.with_body(Method::PUT, &format!("/v1/backend/contacts/{TWN_CONTACT}"), &body).await;
    assert_eq!(status, 200);
    let seed = imbox_testkit::json("imbrace/002_update_contact_response.json");
    for key in [
        "id",
        "display_name",
        "avatar_url",
        "first_name",
        "last_name",
        "gender",
        "area_code",
        "phone_number",
        "language",
        "email",
        "remark",
        "action",
        "object_name",
    ] {
        assert_eq!(got[key], seed[key], "{key}");
    }
    assert!(got["updated_at"].as_str().is_some_and(|s| s.len() == 24));
    // Persisted: search, list and the conversation's embedded contact.
    let found = t.get("/v1/backend/contacts/_search?q=bye%20bye").await.1;
    assert_eq!(ids(&found["data"]), vec![TWN_CONTACT.to_string()]);
    assert_eq!(found["data"][0]["gender"], "Male");
    let by_phone = t.get("/v1/backend/contacts/_search?q=85288888888").await.1;
    assert_eq!(ids(&by_phone["data"]), vec![TWN_CONTACT.to_string()]);
    let list = t.get("/v1/backend/contacts?limit=300").await.1;
    let listed = list["data"].as_array().unwrap().iter().find(|c| c["id"] == TWN_CONTACT).expect("listed");
    assert_eq!(listed["display_name"], "Hi Bye Bye");
    let convs = t.get(&format!("/v1/backend/contacts/{TWN_CONTACT}/conversations")).await.1;
    assert_eq!(convs["data"][0]["contact"]["email"], "abc@imbrace.co");
    assert_eq!(convs["data"][0]["contact"]["display_name"], "Hi Bye Bye");
    // Full words are accepted and "f" normalises too; an empty first/last keeps the old name.
    let (_, f) =
        t.with_body(Method::PUT, &format!("/v1/backend/contacts/{TWN_CONTACT}"), r#"{"gender":"f"}"#).await;
    assert_eq!((f["gender"].as_str(), f["display_name"].as_str()), (Some("Female"), Some("Hi Bye Bye")));
    let (_, o) = t
        .with_body(Method::PUT, &format!("/v1/backend/contacts/{TWN_CONTACT}"), r#"{"gender":"Other"}"#)
        .await;
    assert_eq!(o["gender"], "Other");
}

#[tokio::test]
async fn update_rejects_bad_input() {
    let t = default().await;
    let path = format!("/v1/backend/contacts/{TWN_CONTACT}");
    for body in [
        r#"{"email":"not-an-email"}"#,
        r#"{"phone_number":"12ab"}"#,
        r#"{"area_code":"+852"}"#,
        r#"{"gender":"x"}"#,
        r#"{"first_name":5}"#,
        "[1]",
        "nope",
    ] {
        let (status, err) = t.with_body(Method::PUT, &path, body).await;
        assert_eq!(status, 400, "{body}");
        assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}: {err}");
    }
    let unchanged = t.get("/v1/backend/contacts/_search?q=twn%23nj9585").await.1;
    assert_eq!(unchanged["data"][0]["email"], "");
    let (status, err) = t.with_body(Method::PUT, "/v1/backend/contacts/con_does_not_exist", "{}").await;
    assert_eq!((status, err), (404, json!({"message": "Not Found"})));
}

async fn notif_ids(t: &crate::common::T, limit: u32) -> (Value, Vec<String>) {
    let body = t.get(&format!("/v1/backend/notifications?limit={limit}")).await.1;
    let ids = ids(&body["data"]);
    (body, ids)
}

#[tokio::test]
async fn read_lowers_unread_by_exactly_the_ids_given() {
    let t = default().await;
    let (before, all) = notif_ids(&t, 640).await;
    let unread: Vec<String> = before["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["is_read"] == false)
        .map(|n| n["id"].as_str().unwrap().to_string())
        .take(3)
        .collect();
    let already = before["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["is_read"] == true)
        .map(|n| n["id"].as_str().unwrap().to_string())
        .expect("some are read");
    let mut body: Vec<String> = unread.clone();
    body.push(already);
    body.push("not_unknown".into());
    let (status, _) = t
        .with_body(Method::PUT, "/v1/backend/notifications/read", &serde_json::to_string(&body).unwrap())
        .await;
    assert_eq!(status, 200);
    let (after, _) = notif_ids(&t, 640).await;
    assert_eq!(after["unread_count"].as_u64().unwrap(), before["unread_count"].as_u64().unwrap() - 3);
    assert_eq!(after["count"], before["count"]);
    for n in after["data"].as_array().unwrap() {
        if unread.contains(&n["id"].as_str().unwrap().to_string()) {
            assert_eq!(n["is_read"], true);
        }
    }
    assert_eq!(all.len(), 640);
    // The seeds' curl alias works too; a bad body is a 400.
    let (status, _) = t
        .with_body(Method::PUT, "/v1/notifications/read", r#"["not_a3bd1037-d190-4195-8071-0673b1ed3f97"]"#)
        .await;
    assert_eq!(status, 200);
    for bad in ["{}", "[1,2]", "not json", ""] {
        assert_eq!(t.with_body(Method::PUT, "/v1/backend/notifications/read", bad).await.0, 400, "{bad:?}");
    }
}

#[tokio::test]
async fn dismiss_removes_from_list_and_counts_and_dismiss_all_clears() {
    let t = default().await;
    let (before, all) = notif_ids(&t, 10).await;
    let gone = vec![all[0].clone(), all[4].clone()];
    let (status, _) = t
        .with_body(
            Method::DELETE,
            "/v1/backend/notifications/dismiss",
            &serde_json::to_string(&gone).unwrap(),
        )
        .await;
    assert_eq!(status, 200);
    let (after, now) = notif_ids(&t, 10).await;
    assert_eq!(after["count"].as_u64().unwrap(), before["count"].as_u64().unwrap() - 2);
    assert_eq!(
        after["unread_count"].as_u64().unwrap(),
        before["unread_count"].as_u64().unwrap() - 2,
        "both were unread"
    );
    assert!(!now.contains(&gone[0]) && !now.contains(&gone[1]));
    assert_eq!(now[..3], [all[1].clone(), all[2].clone(), all[3].clone()]);
    assert_eq!(t.with_body(Method::DELETE, "/v1/notifications/dismiss", "[]").await.0, 200);
    assert_eq!(t.with_body(Method::DELETE, "/v1/backend/notifications/dismiss", "{\"ids\":[]}").await.0, 400);
    let (status, err) = t.with_body(Method::DELETE, "/v1/backend/notifications/dismiss/all", "").await;
    assert_eq!((status, err), (400, json!({"message": "type is required"})));
    assert_eq!(
        t.with_body(Method::DELETE, "/v1/notifications/dismiss/all?type=conversations", "").await.0,
        200
    );
    let empty = t.get("/v1/backend/notifications").await.1;
    assert_eq!(empty, json!({"data": [], "count": 0, "total": 0, "unread_count": 0, "has_more": false}));
}

#[tokio::test]
async fn upload_then_download() {
    let t = default().await;
    let bytes = b"\x89PNG demo bytes".to_vec();
    let part =
        reqwest::multipart::Part::bytes(bytes.clone()).file_name("shot.PNG").mime_str("image/png").unwrap();
    let form = reqwest::multipart::Form::new().part("file", part);
    let (status, body) =
        crate::common::send(t.req(Method::POST, "/v1/backend/contacts/_fileupload").multipart(form)).await;
    assert_eq!(status, 200);
    let url = body["url"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("{}/files/file_", t.server.base_url())) && url.ends_with(".png"),
        "{url}"
    );
    let got = t.http.get(url).send().await.unwrap();
    assert_eq!(got.headers()["content-type"], "image/png");
    assert_eq!(got.bytes().await.unwrap().to_vec(), bytes);
    let other = reqwest::multipart::Form::new().text("note", "no file");
    let (status, _) =
        crate::common::send(t.req(Method::POST, "/v1/backend/contacts/_fileupload").multipart(other)).await;
    assert_eq!(status, 400);
    let big = reqwest::multipart::Part::bytes(vec![7u8; 10 * 1024 * 1024 + 1]).file_name("big.bin");
    let (status, body) = crate::common::send(
        t.req(Method::POST, "/v1/backend/contacts/_fileupload")
            .multipart(reqwest::multipart::Form::new().part("file", big)),
    )
    .await;
    assert_eq!(status, 413);
    assert!(body["message"].as_str().unwrap().contains("10 MB"));
    assert_eq!(t.http.get(t.url("/files/file_missing.png")).send().await.unwrap().status(), 404);
}

async fn snapshot(t: &crate::common::T) -> Vec<Value> {
    let mut out = vec![
        t.get("/v1/backend/contacts?limit=300").await.1,
        t.get("/v1/backend/notifications?limit=50").await.1,
    ];
    for id in ids(&out[0]["data"]).iter().skip(20).step_by(37) {
        let convs = t.get(&format!("/v1/backend/contacts/{id}/conversations")).await.1;
        let conv = convs["data"][0]["conversation"]["_id"].as_str().unwrap().to_string();
        out.push(convs);
        out.push(t.get(&format!("/3rd/conversations/{conv}/messages?limit=60")).await.1);
        out.push(t.get(&format!("/v1/backend/contacts/{id}/comment/cmc_x")).await.1);
    }
    out
}

#[tokio::test]
async fn same_seed_same_data_other_seed_other_data() {
    let a = snapshot(&default().await).await;
    let b = snapshot(&default().await).await;
    assert_eq!(a, b);
    let c = snapshot(&start(DemoConfig { seed: 7, ..DemoConfig::default() }).await).await;
    assert_eq!(
        a[0]["data"].as_array().unwrap()[..10],
        c[0]["data"].as_array().unwrap()[..10],
        "seed contacts are fixed"
    );
    assert_ne!(a[0]["data"], c[0]["data"]);
    assert_ne!(a[1]["data"][5], c[1]["data"][5]);
}

#[tokio::test]
async fn seeds_size_data_set_pages_and_searches() {
    let t = start(DemoConfig { contacts: 65_681, ..DemoConfig::default() }).await;
    let first = t.get("/v1/backend/contacts?limit=10&skip=0&sort=-created_at").await.1;
    assert_eq!(first, imbox_testkit::json("imbrace/002_contacts.json"), "the seed example, count included");
    let last = t.get("/v1/backend/contacts?limit=10&skip=65680").await.1;
    assert_eq!((last["total"].as_u64(), last["has_more"].as_bool()), (Some(1), Some(false)));
    let oldest = t.get("/v1/backend/contacts?limit=1&sort=created_at").await.1;
    assert_eq!(oldest["data"][0], last["data"][0]);
    let hits = t.get("/v1/backend/contacts/_search?q=nguy%E1%BB%85n&limit=5").await.1; // "nguyễn"
    assert!(hits["count"].as_u64().unwrap() > 100, "{}", hits["count"]);
    assert_eq!(hits["total"], 5);
    let twn = t.get("/v1/backend/contacts/_search?q=TWN%23NJ9585").await.1;
    assert_eq!(ids(&twn["data"]), vec![TWN_CONTACT.to_string()]);
}

#[tokio::test]
async fn injected_faults() {
    let t = default().await;
    let path = "/v1/backend/contacts?limit=2";
    t.server.inject(Fault::Status(503), 2);
    assert_eq!(t.get(path).await, (503, json!({"message": "Service Unavailable"})));
    assert_eq!(t.get(path).await.0, 503);
    assert_eq!(t.get(path).await.0, 200, "only the next N requests");

    t.server.inject(Fault::RateLimited { retry_after_secs: 5 }, 1);
    let r = t.req(Method::GET, path).send().await.unwrap();
    assert_eq!((r.status().as_u16(), r.headers()["retry-after"].to_str().unwrap()), (429, "5"));

    t.server.inject(Fault::Malformed, 1);
    let r = t.req(Method::GET, path).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(serde_json::from_str::<Value>(&r.text().await.unwrap()).is_err());

    let full = t.req(Method::GET, path).send().await.unwrap().bytes().await.unwrap();
    t.server.inject(Fault::Truncated, 1);
    let r = t.req(Method::GET, path).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let cut = r.bytes().await.unwrap();
    assert!(serde_json::from_slice::<Value>(&cut).is_err());
    assert!(full.starts_with(&cut) && cut.len() == full.len() / 2);

    t.server.inject(Fault::Reset, 1);
    let outcome = match t.req(Method::GET, path).send().await {
        Ok(r) => r.bytes().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(outcome.is_err(), "the connection is dropped before the body completes");

    t.server.inject(Fault::Latency(Duration::from_millis(50)), 1);
    assert_eq!(t.get(path).await.0, 200);

    t.server.inject(Fault::Stall, 1);
    let stalled = t.req(Method::GET, path).timeout(Duration::from_millis(300)).send().await;
    assert!(stalled.is_err_and(|e| e.is_timeout()));
    assert_eq!(t.get(path).await.0, 200, "the server is fine afterwards");
}

#[tokio::test]
async fn standing_fault_and_rate() {
    let t =
        start(DemoConfig { fault: Some(Fault::Status(500)), fault_rate: 100, ..DemoConfig::default() }).await;
    assert_eq!(t.get("/v1/backend/notifications").await.0, 500);
    let t =
        start(DemoConfig { fault: Some(Fault::Status(500)), fault_rate: 0, ..DemoConfig::default() }).await;
    assert_eq!(t.get("/v1/backend/notifications").await.0, 200);
    let mut cfg = DemoConfig::default();
    cfg.apply_fault_arg("error-rate:30").unwrap();
    assert_eq!((cfg.fault.clone(), cfg.fault_rate), (Some(Fault::Status(500)), 30));
    let t = start(cfg).await;
    let mut failed = 0;
    for _ in 0..40 {
        failed += u32::from(t.get("/v1/backend/contacts?limit=1").await.0 == 500);
    }
    assert!(failed > 0 && failed < 40, "{failed}");
}

#[test]
fn fault_parsing() {
    assert_eq!("latency:2000".parse(), Ok(Fault::Latency(Duration::from_secs(2))));
    assert_eq!("status:500".parse(), Ok(Fault::Status(500)));
    assert_eq!("429:5".parse(), Ok(Fault::RateLimited { retry_after_secs: 5 }));
    assert_eq!("Malformed".parse(), Ok(Fault::Malformed));
    assert_eq!("truncated".parse(), Ok(Fault::Truncated));
    assert_eq!("reset".parse(), Ok(Fault::Reset));
    assert_eq!("stall".parse(), Ok(Fault::Stall));
    for bad in ["status:99", "status:abc", "latency", "explode", "reset:3"] {
        assert!(bad.parse::<Fault>().is_err(), "{bad}");
    }
    for f in [
        Fault::Latency(Duration::from_millis(5)),
        Fault::Status(502),
        Fault::RateLimited { retry_after_secs: 3 },
        Fault::Stall,
    ] {
        assert_eq!(f.to_string().parse(), Ok(f));
    }
}

#[tokio::test]
async fn scale_conversation_pages() {
    let t = default().await;
    let first = t.get(&format!("/3rd/conversations/{SCALE_CONV}/messages?limit=100")).await.1;
    assert_eq!(
        (first["count"].as_u64(), first["total"].as_u64(), first["has_more"].as_bool()),
        (Some(10_000), Some(100), Some(true))
    );
    let deep = t.get(&format!("/3rd/conversations/{SCALE_CONV}/messages?limit=2&skip=5000")).await.1;
    assert!(deep["items"][0]["created_at"].as_str() > deep["items"][1]["created_at"].as_str());
    assert!(first["items"][99]["created_at"].as_str() > deep["items"][0]["created_at"].as_str());
}
