//! The composer's jobs through `effects::compose::execute` with a real `JobContext`: sending to
//! the Chatwoot demo over HTTP and reading the thread back, canned responses, path completion
//! and inspection on a real directory, and reply drafts on disk (per account, 0600, ordered).

use imbox::action::Action;
use imbox::action::compose::{ComposeAction, DraftText, ReplyDraft, SendRequest};
use imbox::command::ComposeCommand;
use imbox::effects::JobContext;
use imbox::effects::compose::{complete, execute};
use imbox::effects::drafts;
use imbox_api::BackendKind;
use imbox_demo::{DemoConfig, DemoServer, Fault};

async fn chatwoot(data_dir: Option<std::path::PathBuf>) -> (DemoServer, JobContext) {
    let server = imbox_demo::spawn(DemoConfig::default()).await.expect("demo server starts");
    let endpoint = imbox::accounts::demo_endpoint(&server.base_url(), server.token(), BackendKind::Chatwoot);
    let backend = imbox::accounts::build_backend(&endpoint).expect("client");
    (server, JobContext::new(backend, data_dir).for_account("cw"))
}

fn request(content: &str) -> SendRequest {
    SendRequest {
        conversation_id: "42".into(),
        echo_id: format!("e2e-{content}"),
        content: content.into(),
        ..SendRequest::default()
    }
}

async fn run(ctx: &JobContext, cmd: ComposeCommand) -> ComposeAction {
    match execute(ctx, cmd).await {
        Some(Action::Compose(a)) => a,
        other => panic!("expected a composer answer, got {other:?}"),
    }
}

#[tokio::test]
async fn a_send_comes_back_with_its_echo_id_and_the_read_back_finds_it() {
    let (_server, ctx) = chatwoot(None).await;
    let req = request("Sent from the effects test");
    match run(&ctx, ComposeCommand::Send(Box::new(req.clone()))).await {
        ComposeAction::Sent { conversation_id, echo_id, result: Ok(m) } => {
            assert_eq!((conversation_id.as_str(), echo_id.as_str()), ("42", req.echo_id.as_str()));
            assert_eq!(m.echo_id, req.echo_id, "the server echoes it");
            assert!(!m.id.is_empty());
        }
        other => panic!("{other:?}"),
    }
    match run(&ctx, ComposeCommand::CheckSent(Box::new(req.clone()))).await {
        ComposeAction::Checked { result: Ok(Some(m)), .. } => {
            assert_eq!(m.body.preview(), "Sent from the effects test");
        }
        other => panic!("the read-back finds the message: {other:?}"),
    }
    let never = request("never sent");
    assert!(matches!(
        run(&ctx, ComposeCommand::CheckSent(Box::new(never))).await,
        ComposeAction::Checked { result: Ok(None), .. }
    ));
}

#[tokio::test]
async fn a_refused_send_is_certain_and_a_server_error_is_uncertain() {
    let (server, ctx) = chatwoot(None).await;
    server.inject_on("POST", "/conversations/42/messages", Fault::Status(422), 1);
    match run(&ctx, ComposeCommand::Send(Box::new(request("a")))).await {
        ComposeAction::Sent { result: Err(f), .. } => assert!(!f.uncertain, "{f:?}"),
        other => panic!("{other:?}"),
    }
    server.inject_on("POST", "/conversations/42/messages", Fault::Status(503), 1);
    match run(&ctx, ComposeCommand::Send(Box::new(request("b")))).await {
        ComposeAction::Sent { result: Err(f), .. } => assert!(f.uncertain, "{f:?}"),
        other => panic!("{other:?}"),
    }
    // Neither reached the conversation (the fault answered instead of the server).
    for content in ["a", "b"] {
        assert!(matches!(
            run(&ctx, ComposeCommand::CheckSent(Box::new(request(content)))).await,
            ComposeAction::Checked { result: Ok(None), .. }
        ));
    }
    // A missing attachment fails before anything is sent: certain.
    let mut with_file = request("c");
    with_file.attachments = vec!["/nonexistent/file.pdf".into()];
    match run(&ctx, ComposeCommand::Send(Box::new(with_file))).await {
        ComposeAction::Sent { result: Err(f), .. } => {
            assert!(!f.uncertain);
            assert!(f.message.contains("/nonexistent/file.pdf"), "{}", f.message);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn canned_responses_come_from_the_account() {
    let (_server, ctx) = chatwoot(None).await;
    match run(&ctx, ComposeCommand::LoadCanned { req: 5 }).await {
        ComposeAction::CannedLoaded { req: 5, result: Ok(items) } => {
            assert!(items.len() >= 20, "{}", items.len());
            assert!(items.iter().any(|c| c.content.contains("{{contact.first_name}}")));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn paths_complete_in_their_directory_and_files_are_inspected_before_attaching() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().to_str().expect("utf-8").to_string();
    std::fs::write(dir.path().join("invoice-1.pdf"), b"12345").expect("write");
    std::fs::write(dir.path().join("invoice-2.pdf"), b"1").expect("write");
    std::fs::create_dir(dir.path().join("invoices")).expect("mkdir");
    std::fs::write(dir.path().join(".hidden"), b"").expect("write");
    assert_eq!(
        complete(&format!("{base}/inv")).await,
        vec![format!("{base}/invoice-1.pdf"), format!("{base}/invoice-2.pdf"), format!("{base}/invoices/")]
    );
    assert!(complete(&format!("{base}/zzz")).await.is_empty());
    assert!(
        !complete(&format!("{base}/")).await.iter().any(|p| p.ends_with(".hidden")),
        "hidden files only when asked"
    );
    let (_server, ctx) = chatwoot(None).await;
    let inspect = |path: String| ComposeCommand::Inspect { path };
    match run(&ctx, inspect(format!("{base}/invoice-1.pdf"))).await {
        ComposeAction::Inspected { result: Ok((name, size)), .. } => {
            assert_eq!((name.as_str(), size), ("invoice-1.pdf", 5))
        }
        other => panic!("{other:?}"),
    }
    for (path, why) in [(format!("{base}/invoices"), "not a file"), (format!("{base}/nope"), "No such file")]
    {
        match run(&ctx, inspect(path)).await {
            ComposeAction::Inspected { result: Err(e), .. } => assert!(e.contains(why), "{e}"),
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn reply_drafts_live_per_account_private_and_in_order() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let (_server, ctx) = chatwoot(Some(data.clone())).await;
    let draft = |text: &str| ReplyDraft {
        conversation_id: "42".into(),
        saved_at: String::new(),
        draft: DraftText { text: text.into(), ..DraftText::default() },
        unsent: vec![request("unconfirmed")],
    };
    assert_eq!(
        execute(&ctx, ComposeCommand::SaveDraft { seq: 10, draft: Box::new(draft("newer")) }).await,
        None
    );
    // An older write arriving late does not replace the newer one.
    assert_eq!(
        execute(&ctx, ComposeCommand::SaveDraft { seq: 9, draft: Box::new(draft("older")) }).await,
        None
    );
    let file = drafts::reply_path(&data, "cw", "42");
    assert_eq!(file, data.join("replies").join("cw").join("42.json"));
    let mode = |p: &std::path::Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&data.join("replies").join("cw")), 0o700);
    match run(&ctx, ComposeCommand::LoadDraft { conversation_id: "42".into() }).await {
        ComposeAction::DraftLoaded { result: Ok(Some(d)), .. } => {
            assert_eq!(d.draft.text, "newer");
            assert_eq!(d.unsent, vec![request("unconfirmed")]);
            assert!(!d.saved_at.is_empty(), "stamped by the writer");
        }
        other => panic!("{other:?}"),
    }
    // Another account's conversation 42 is another file.
    let other = JobContext::new(ctx.client(), Some(data.clone())).for_account("other");
    assert!(matches!(
        run(&other, ComposeCommand::LoadDraft { conversation_id: "42".into() }).await,
        ComposeAction::DraftLoaded { result: Ok(None), .. }
    ));
    assert_eq!(
        execute(&ctx, ComposeCommand::DeleteDraft { seq: 11, conversation_id: "42".into() }).await,
        None
    );
    assert!(!file.exists());
}
