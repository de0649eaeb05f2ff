//! The SMS/RCS last-opened times on disk through `effects::opened::execute`: none at first,
//! written 0600 under the data directory (an account name cannot leave it), read back as saved.

use imbox::action::Action;
use imbox::action::unread::{OpenedTimes, UnreadAction};
use imbox::command::UnreadCommand;
use imbox::effects::JobContext;
use imbox::effects::opened::{execute, path};
use imbox_api::BackendKind;
use std::os::unix::fs::PermissionsExt;

#[tokio::test]
async fn the_times_are_written_private_and_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    // No request is made: any address does.
    let endpoint = imbox::accounts::demo_endpoint("http://127.0.0.1:9", "t", BackendKind::Smsrcs);
    let backend = imbox::accounts::build_backend(&endpoint).expect("client");
    let ctx = JobContext::new(backend, Some(dir.path().to_path_buf())).for_account("../sms");
    let missing = execute(&ctx, UnreadCommand::LoadOpened).await;
    assert_eq!(missing, Some(Action::Unread(UnreadAction::OpenedLoaded(Ok(None)))));
    let mut opened = OpenedTimes { since: Some(0), ..Default::default() };
    opened.opened.insert("336".into(), 1_800_000_000);
    let saved = execute(&ctx, UnreadCommand::SaveOpened { seq: 1, opened: Box::new(opened.clone()) }).await;
    assert_eq!(saved, Some(Action::Unread(UnreadAction::OpenedSaved(Ok(())))));
    let file = path(dir.path(), "../sms");
    assert!(file.starts_with(dir.path().join("opened")), "the account name cannot leave the directory");
    assert_eq!(std::fs::metadata(&file).expect("written").permissions().mode() & 0o777, 0o600);
    let back = execute(&ctx, UnreadCommand::LoadOpened).await;
    assert_eq!(back, Some(Action::Unread(UnreadAction::OpenedLoaded(Ok(Some(Box::new(opened)))))));
    // Without a data directory nothing is kept and nothing is said.
    let none = JobContext::new(ctx.client(), None);
    assert_eq!(execute(&none, UnreadCommand::LoadOpened).await, None);
}
