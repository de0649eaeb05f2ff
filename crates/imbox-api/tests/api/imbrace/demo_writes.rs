//! The iMBRACE client's writes against the real demo server: each change is checked through a
//! later read, and a refused write is checked to have changed nothing.

use super::demo::start;
use imbox_api::ApiError;
use imbox_demo::seeds::TWN_CONTACT;
use imbox_model::{Contact, ContactUpdate, Notification};
use std::collections::HashSet;

/// TWN#NJ9585 as the contacts list shows it (it sits among the first hundred).
async fn twn_listed(d: &super::demo::Demo) -> Contact {
    let page = d.client.contacts(100, 0, "-created_at").await.unwrap();
    page.items.into_iter().find(|c| c.id == TWN_CONTACT).expect("TWN#NJ9585 is among the newest hundred")
}

#[tokio::test]
async fn update_contact_is_visible_in_later_reads_and_gender_m_becomes_male() {
    let d = start().await;
    let update = ContactUpdate {
        first_name: Some("Imboxtest".into()),
        gender: Some("m".into()),
        ..ContactUpdate::default()
    };
    let back = d
        .client
        .update_contact(TWN_CONTACT, &update)
        .await
        .unwrap()
        .expect("the demo answers with the contact");
    assert_eq!(back.id, TWN_CONTACT);
    assert_eq!((back.first_name.as_str(), back.gender.as_str()), ("Imboxtest", "Male"));
    assert_eq!(back.display_name, "Imboxtest");
    assert!(back.updated_at.is_some(), "updated_at is stamped");

    let listed = twn_listed(&d).await;
    assert_eq!((listed.first_name.as_str(), listed.gender.as_str()), ("Imboxtest", "Male"));
    assert_eq!(listed.display_name, "Imboxtest");
    let found = d.client.search_contacts("imboxtest", "text", 10, 0).await.unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].id, TWN_CONTACT);
    assert_eq!(found.items[0].gender, "Male");
    // The old display name no longer matches.
    let old = d.client.search_contacts("NJ9585", "text", 10, 0).await.unwrap();
    assert!(old.items.iter().all(|c| c.id != TWN_CONTACT), "{old:?}");
}

#[tokio::test]
async fn a_refused_update_is_a_bad_request_and_changes_nothing() {
    let d = start().await;
    let before = twn_listed(&d).await;
    let update = ContactUpdate {
        first_name: Some("ShouldNotStick".into()),
        email: Some("not an email".into()),
        ..ContactUpdate::default()
    };
    let err = d.client.update_contact(TWN_CONTACT, &update).await.unwrap_err();
    match &err {
        ApiError::BadRequest { endpoint, status, message } => {
            assert_eq!(*endpoint, "PUT /v1/backend/contacts/{contact_id}");
            assert_eq!(*status, 400);
            assert_eq!(message, "email is not a valid e-mail address: \"not an email\"");
        }
        other => panic!("expected BadRequest, got {other:?}"),
    }
    assert!(d.retries().is_empty(), "a 400 is not retried");
    let after = twn_listed(&d).await;
    assert_eq!(after, before);
    let search = d.client.search_contacts("ShouldNotStick", "text", 10, 0).await.unwrap();
    assert_eq!(search.total, 0);
}

/// Every notification still listed.
async fn all_notifications(d: &super::demo::Demo) -> (Vec<Notification>, u64, u64) {
    let n = d.client.notifications(1000, 0).await.unwrap();
    assert!(!n.page.has_more);
    (n.page.items, n.page.total, n.unread_count.expect("the demo says how many are unread"))
}

#[tokio::test]
async fn mark_read_lowers_unread_by_exactly_the_unread_ids_given() {
    let d = start().await;
    let first = d.client.notifications(10, 0).await.unwrap();
    assert_eq!((first.page.items.len(), first.page.total), (10, 640));
    assert_eq!(first.page.items[0].id, "not_0b5ea835-177d-456c-b2b3-e7e9a838efe6");
    let (all, total, unread) = all_notifications(&d).await;
    assert_eq!((all.len() as u64, total, unread), (640, 640, first.unread_count.unwrap_or(u64::MAX)));
    assert_eq!(unread, all.iter().filter(|n| !n.is_read).count() as u64);

    let unread_ids: Vec<String> = all.iter().filter(|n| !n.is_read).take(3).map(|n| n.id.clone()).collect();
    let read_id = all.iter().find(|n| n.is_read).expect("some are read already").id.clone();
    let mut given = unread_ids.clone();
    given.push(read_id);
    given.push("not_00000000-0000-4000-8000-000000000000".into());
    d.client.mark_notifications_read(&given).await.unwrap();

    let (after, total_after, unread_after) = all_notifications(&d).await;
    assert_eq!(unread_after, unread - 3);
    assert_eq!(total_after, 640, "reading removes nothing");
    for id in &unread_ids {
        let n = after.iter().find(|n| &n.id == id).expect("still listed");
        assert!(n.is_read, "{id} not read");
    }
    // Nothing else changed.
    let changed: Vec<&str> =
        all.iter().zip(&after).filter(|(a, b)| a.is_read != b.is_read).map(|(a, _)| a.id.as_str()).collect();
    assert_eq!(changed.len(), 3, "{changed:?}");
}

#[tokio::test]
async fn dismiss_removes_from_listings_and_total_and_dismiss_all_empties() {
    let d = start().await;
    let (all, total, unread) = all_notifications(&d).await;
    let gone: Vec<String> = all[1..4].iter().map(|n| n.id.clone()).collect();
    let unread_gone = all[1..4].iter().filter(|n| !n.is_read).count() as u64;
    d.client.dismiss_notifications(&gone).await.unwrap();

    let (after, total_after, unread_after) = all_notifications(&d).await;
    assert_eq!(total_after, total - 3);
    assert_eq!(unread_after, unread - unread_gone);
    let left: HashSet<&str> = after.iter().map(|n| n.id.as_str()).collect();
    assert!(gone.iter().all(|id| !left.contains(id.as_str())));
    assert_eq!(after.len() as u64, total_after);
    let first = d.client.notifications(2, 0).await.unwrap();
    assert_eq!(first.page.items[0].id, all[0].id);
    assert_eq!(first.page.items[1].id, all[4].id, "the next one moves up");

    d.client.dismiss_all_notifications("conversations").await.unwrap();
    let empty = d.client.notifications(10, 0).await.unwrap();
    assert!(empty.page.items.is_empty());
    assert_eq!((empty.page.total, empty.page.has_more, empty.unread_count), (0, false, Some(0)));

    let err = d.client.dismiss_all_notifications("bogus").await.unwrap_err();
    assert!(matches!(err, ApiError::BadRequest { status: 400, .. }), "{err:?}");
}

#[tokio::test]
async fn uploaded_file_comes_back_byte_for_byte() {
    let d = start().await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let url = d.client.upload_contact_file("photo.png", bytes.clone(), "image/png").await.unwrap();
    assert!(url.starts_with(&format!("{}/files/file_", d.server.base_url())), "{url}");
    assert!(url.ends_with(".png"), "{url}");
    let reply = reqwest::get(&url).await.unwrap();
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.headers()["content-type"], "image/png");
    assert_eq!(reply.bytes().await.unwrap().to_vec(), bytes);

    let second = d.client.upload_contact_file("notes.txt", b"hello".to_vec(), "text/plain").await.unwrap();
    assert_ne!(second, url);
    assert_eq!(reqwest::get(&second).await.unwrap().bytes().await.unwrap().as_ref(), b"hello");
}
