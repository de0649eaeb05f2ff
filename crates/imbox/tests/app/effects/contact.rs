//! The contact jobs against the real demo server, through `jobs::contact::execute` with a real
//! `JobContext`: saves (accepted and refused), files, comments, upload, and drafts on disk.

use imbox::action::Action;
use imbox::action::DetailsAction;
use imbox::action::FormAction;
use imbox::action::form::{Draft, FormValues};
use imbox::command::ContactCommand;
use imbox::effects::JobContext;
use imbox::effects::contact::execute;
use imbox::effects::drafts;
use imbox_api::Backend;
use imbox_api::Secret;
use imbox_api::imbrace::{ClientConfig, ImbraceClient};
use imbox_api::retry::RetryPolicy;
use imbox_demo::{DemoConfig, DemoServer, Fault, spawn};
use imbox_model::{Contact, ContactUpdate};
use std::time::Duration;

async fn setup(data_dir: Option<std::path::PathBuf>) -> (DemoServer, JobContext) {
    let server =
        spawn(DemoConfig { contacts: 40, notifications: 20, ..DemoConfig::default() }).await.unwrap();
    let mut config = ClientConfig::new(server.base_url(), Secret::new(server.token()));
    // No retries: an injected fault is answered once and reaches the caller.
    config.retry = RetryPolicy {
        max_retries: 0,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
    };
    let client = ImbraceClient::new(config).unwrap();
    (server, JobContext::new(client, data_dir))
}

async fn first_contact(ctx: &JobContext) -> Contact {
    ctx.client().contacts(1, 0).await.unwrap().items.remove(0)
}

async fn save(ctx: &JobContext, id: &str, update: ContactUpdate) -> Action {
    save_found_by(ctx, id, update, Vec::new()).await
}

/// A save whose read-back (after a lost answer) searches for `lookup`.
async fn save_found_by(ctx: &JobContext, id: &str, update: ContactUpdate, lookup: Vec<String>) -> Action {
    let cmd = ContactCommand::Update { req: 7, contact_id: id.into(), update: Box::new(update), lookup };
    execute(ctx, cmd).await.expect("an answer")
}

/// A demo and a context whose writes time out after 800 ms (the retry policy is the default's).
async fn setup_short_writes() -> (DemoServer, JobContext) {
    let server =
        spawn(DemoConfig { contacts: 40, notifications: 20, ..DemoConfig::default() }).await.unwrap();
    let mut config = ClientConfig::new(server.base_url(), Secret::new(server.token()));
    config.write_timeout = Duration::from_millis(800);
    config.retry.base_delay = Duration::from_millis(1);
    (server, JobContext::new(ImbraceClient::new(config).unwrap(), None))
}

#[tokio::test]
async fn a_save_whose_put_hangs_after_it_was_applied_is_read_back_as_saved_after_one_put() {
    let (server, ctx) = setup_short_writes().await;
    let c = first_contact(&ctx).await;
    server.inject_on("PUT", &format!("/contacts/{}", c.id), Fault::ApplyThenStall, 1);
    let update =
        ContactUpdate { remark: Some("held once".into()), gender: Some("f".into()), ..Default::default() };
    let lookup = vec![c.display_name.clone()];
    match save_found_by(&ctx, &c.id, update, lookup).await {
        Action::Form(FormAction::Saved { req: 7, result: Ok(Some(saved)) }) => {
            assert_eq!(saved.id, c.id);
            assert_eq!((saved.remark.as_str(), saved.gender.as_str()), ("held once", "Female"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(server.requests_seen("PUT", &format!("/contacts/{}", c.id)), 1, "exactly one PUT");
}

#[tokio::test]
async fn a_save_that_failed_unseen_says_what_the_server_holds() {
    let (server, ctx) = setup_short_writes().await;
    let c = first_contact(&ctx).await;
    // The gateway answers 502 and the change never reached the contact.
    server.inject_on("PUT", &format!("/contacts/{}", c.id), Fault::Status(502), 1);
    let update = ContactUpdate { first_name: Some("Typed".into()), ..Default::default() };
    let lookup = vec!["Typed".to_string(), c.display_name.clone()];
    match save_found_by(&ctx, &c.id, update, lookup).await {
        Action::Form(FormAction::Saved { result: Err(e), .. }) => {
            let text = e.to_string();
            let was =
                if c.first_name.is_empty() { "(empty)".to_string() } else { format!("{:?}", c.first_name) };
            let held = format!("not saved: the server holds first name {was}");
            assert!(text.contains(&held), "{text}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(server.requests_seen("PUT", &format!("/contacts/{}", c.id)), 1, "not sent again");
}

#[tokio::test]
async fn a_first_name_change_is_visible_through_the_contacts_endpoint() {
    let (_server, ctx) = setup(None).await;
    let c = first_contact(&ctx).await;
    let update =
        ContactUpdate { first_name: Some("Renamed".into()), gender: Some("f".into()), ..Default::default() };
    match save(&ctx, &c.id, update).await {
        Action::Form(FormAction::Saved { req: 7, result: Ok(Some(saved)) }) => {
            assert_eq!(saved.first_name, "Renamed");
            assert_eq!(saved.gender, "Female", "the wire letter comes back as the server's name");
        }
        other => panic!("unexpected {other:?}"),
    }
    let again = first_contact(&ctx).await;
    assert_eq!(again.id, c.id);
    assert_eq!(again.first_name, "Renamed");
    assert!(again.display_name.starts_with("Renamed"));
}

#[tokio::test]
async fn refused_saves_leave_the_server_unchanged() {
    let (server, ctx) = setup(None).await;
    let c = first_contact(&ctx).await;
    let bad = ContactUpdate {
        email: Some("no-at-sign".into()),
        first_name: Some("X".into()),
        ..Default::default()
    };
    match save(&ctx, &c.id, bad).await {
        Action::Form(FormAction::Saved { result: Err(e), .. }) => {
            assert!(e.to_string().contains("not a valid e-mail"), "{e}");
        }
        other => panic!("unexpected {other:?}"),
    }
    server.inject(Fault::Status(500), 1);
    let update = ContactUpdate { first_name: Some("Y".into()), ..Default::default() };
    match save(&ctx, &c.id, update).await {
        Action::Form(FormAction::Saved { result: Err(e), .. }) => {
            assert!(e.to_string().contains("500"), "{e}")
        }
        other => panic!("unexpected {other:?}"),
    }
    let again = first_contact(&ctx).await;
    assert_eq!(again.first_name, c.first_name);
    assert_eq!(again.email, c.email);
}

#[tokio::test]
async fn files_and_comments_load_and_an_upload_returns_a_url() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, ctx) = setup(None).await;
    let c = first_contact(&ctx).await;
    let files = execute(&ctx, ContactCommand::LoadFiles { req: 1, contact_id: c.id.clone() }).await;
    assert!(
        matches!(files, Some(Action::Details(DetailsAction::FilesLoaded { req: 1, result: Ok(_) }))),
        "{files:?}"
    );
    let cmd = ContactCommand::LoadComments { req: 2, contact_id: c.id.clone(), comment_id: c.id.clone() };
    let comments = execute(&ctx, cmd).await;
    assert!(
        matches!(comments, Some(Action::Details(DetailsAction::CommentsLoaded { req: 2, result: Ok(_) }))),
        "{comments:?}"
    );
    let path = dir.path().join("me.png");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\nfake").unwrap();
    let up = execute(&ctx, ContactCommand::Upload { req: 3, path: path.display().to_string() }).await;
    match up {
        Some(Action::Form(FormAction::Uploaded { req: 3, result: Ok(url) })) => {
            assert!(url.starts_with("http") && url.ends_with(".png"), "{url}");
            let body = reqwest::get(&url).await.unwrap().bytes().await.unwrap();
            assert_eq!(&body[..], b"\x89PNG\r\n\x1a\nfake", "the uploaded file is served back");
        }
        other => panic!("unexpected {other:?}"),
    }
    let missing = execute(&ctx, ContactCommand::Upload { req: 4, path: "/no/such/file.png".into() }).await;
    assert!(matches!(missing, Some(Action::Form(FormAction::Uploaded { result: Err(_), .. }))));
}

#[tokio::test]
async fn drafts_are_written_private_read_back_ordered_and_deleted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (_server, ctx) = setup(Some(data.clone())).await;
    let id = "con_a/../../b";
    let values = FormValues { first_name: "Draft".into(), ..Default::default() };
    let draft = Draft { contact_id: id.into(), saved_at: String::new(), values: values.clone() };
    assert_eq!(
        execute(&ctx, ContactCommand::SaveDraft { seq: 10, draft: Box::new(draft.clone()) }).await,
        None
    );
    let file = drafts::path(&data, id);
    assert_eq!(file.parent().unwrap(), data.join("drafts"), "the id cannot leave the drafts directory");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&data.join("drafts")), 0o700);
    // An older write arriving late does not overwrite the newer one.
    let stale =
        Draft { values: FormValues { first_name: "Old".into(), ..Default::default() }, ..draft.clone() };
    execute(&ctx, ContactCommand::SaveDraft { seq: 5, draft: Box::new(stale) }).await;
    match execute(&ctx, ContactCommand::LoadDraft { contact_id: id.into() }).await {
        Some(Action::Form(FormAction::DraftLoaded { result: Ok(Some(d)), .. })) => {
            assert_eq!(d.values, values);
            assert!(d.saved_at.parse::<jiff::Timestamp>().is_ok(), "{}", d.saved_at);
        }
        other => panic!("unexpected {other:?}"),
    }
    execute(&ctx, ContactCommand::DeleteDraft { seq: 11, contact_id: id.into() }).await;
    assert!(!file.exists());
    let none = execute(&ctx, ContactCommand::LoadDraft { contact_id: id.into() }).await;
    assert!(matches!(none, Some(Action::Form(FormAction::DraftLoaded { result: Ok(None), .. }))));
    // No temp files are left behind.
    assert_eq!(std::fs::read_dir(data.join("drafts")).unwrap().count(), 0);
}
