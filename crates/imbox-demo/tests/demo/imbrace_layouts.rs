//! The demo's two iMBRACE gateway layouts, checked with raw HTTP: `seed` serves only
//! `/v1/backend/...`, `channel-service` only `/channel-service/v1/...` (with some replies wrapped
//! in `{"data": …}`), `both` both; `/3rd/conversations/...` is served by every layout.

use crate::common::start;
use imbox_demo::seeds::TWN_CONTACT;
use imbox_demo::{DemoConfig, ImbraceLayout};

fn cfg(layout: ImbraceLayout) -> DemoConfig {
    DemoConfig { imbrace_layout: layout, ..DemoConfig::default() }
}

#[tokio::test]
async fn each_layout_serves_its_own_paths_only() {
    for (layout, seed, cs) in [
        (ImbraceLayout::Seed, 200, 404),
        (ImbraceLayout::ChannelService, 404, 200),
        (ImbraceLayout::Both, 200, 200),
    ] {
        let t = start(cfg(layout)).await;
        assert_eq!(t.get("/v1/backend/contacts?limit=1").await.0, seed, "{layout:?}");
        assert_eq!(t.get("/v1/backend/notifications?limit=1").await.0, seed, "{layout:?}");
        assert_eq!(t.get("/channel-service/v1/contacts?limit=1").await.0, cs, "{layout:?}");
        assert_eq!(t.get("/channel-service/v1/notifications?limit=1").await.0, cs, "{layout:?}");
        let (status, _) =
            t.get("/3rd/conversations/conv_f262dad4-dcb1-44b9-8d7e-407b022dc4b7/messages").await;
        assert_eq!(status, 200, "{layout:?}: /3rd/ has no counterpart and stays");
    }
}

#[tokio::test]
async fn channel_service_wraps_some_replies_in_data_and_has_the_sdk_extras() {
    let t = start(cfg(ImbraceLayout::Both)).await;
    let (_, seed) = t.get("/v1/backend/contacts?limit=3&skip=0").await;
    let (_, cs) = t.get("/channel-service/v1/contacts?limit=3&skip=0").await;
    assert_eq!(cs, serde_json::json!({ "data": seed }), "the list envelope, wrapped");
    let (_, files) = t.get(&format!("/channel-service/v1/contact/{TWN_CONTACT}/files")).await;
    assert_eq!(files["data"].as_array().map(Vec::len), Some(21));
    // The contact by id, wrapped, as the list shows it.
    let (status, one) = t.get(&format!("/channel-service/v1/contacts/{TWN_CONTACT}")).await;
    assert_eq!(status, 200);
    assert_eq!(one["data"]["id"], TWN_CONTACT);
    assert_eq!(t.get("/channel-service/v1/contacts/con_nobody").await.0, 404);
    // Conversations and comments come bare; comments need no comment id and page.
    let (_, convs) = t.get(&format!("/channel-service/v1/contacts/{TWN_CONTACT}/conversations")).await;
    assert!(convs["data"].is_array(), "{convs}");
    // The same comments as the seed's call, for every contact of a page.
    let (_, seed_list) = t.get("/v1/backend/contacts?limit=50&skip=0").await;
    let mut some = 0;
    for c in seed_list["data"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let (_, by_seed) = t.get(&format!("/v1/backend/contacts/{id}/comment/{id}")).await;
        let (_, by_cs) = t.get(&format!("/channel-service/v1/contacts/{id}/comments?skip=0&limit=100")).await;
        assert_eq!(by_cs["data"], by_seed["data"], "{id}");
        some += by_cs["data"].as_array().unwrap().len();
    }
    assert!(some > 0, "some contacts of the page have comments");
    let (status, comments) =
        t.get(&format!("/channel-service/v1/contacts/{TWN_CONTACT}/comments?skip=0&limit=5")).await;
    assert_eq!(status, 200);
    assert_eq!(comments["data"], serde_json::json!([]));
    assert_eq!(comments["count"], 0);
}
