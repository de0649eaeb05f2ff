//! Acting on Chatwoot conversations through the real jobs against the demo server over HTTP: the
//! state drives the flow (keys, the command line), every command runs through the worker's
//! `execute`, and the server is then asked what it holds. A refusal from the server (an unknown
//! conversation) comes back as the rollback with the server's reason.

use crate::common::inbox::{key, press, type_text};
use crossterm::event::KeyCode;
use imbox::action::{Action, FormAction};
use imbox::command::Command;
use imbox::effects::JobContext;
use imbox::effects::worker;
use imbox::state::State;
use imbox_api::{AgentActions, BackendKind};
use imbox_demo::{self as demo, DemoConfig, DemoServer};

async fn setup() -> (DemoServer, JobContext, State) {
    let server = demo::spawn(DemoConfig::default()).await.expect("demo server starts");
    let endpoint = imbox::accounts::demo_endpoint(&server.base_url(), server.token(), BackendKind::Chatwoot);
    let backend = imbox::accounts::build_backend(&endpoint).expect("client");
    let account = imbox::accounts::account_for(&backend, "", true);
    assert!(account.capabilities.conversation_actions && account.capabilities.bulk_actions);
    let mut s = State::new(account, crate::common::now(), jiff::tz::TimeZone::UTC);
    s.update(Action::Resize(140, 40));
    let ctx = JobContext::new(backend, None);
    let cmds = s.start();
    run(&ctx, &mut s, cmds).await;
    (server, ctx, s)
}

/// Runs every command through the worker and feeds the results back until nothing is left
/// (scheduled actions at once, but notices stay: their clearing is dropped).
async fn run(ctx: &JobContext, s: &mut State, cmds: Vec<Command>) {
    let mut queue = cmds;
    while let Some(cmd) = queue.pop() {
        let action = match cmd {
            Command::Schedule { action, .. }
                if matches!(*action, Action::Form(FormAction::ClearNotice(_))) =>
            {
                None
            }
            Command::Schedule { action, .. } => Some(*action),
            other => worker::execute(ctx, other).await,
        };
        if let Some(a) = action {
            queue.extend(s.update(a));
        }
    }
}

#[tokio::test]
async fn resolve_assign_and_label_land_on_the_server_and_the_view_follows() {
    let (_server, ctx, mut s) = setup().await;
    let me = s.acts.profile.clone().expect("the profile loaded at start");
    assert!(s.acts.agents.as_ref().is_some_and(|a| a.len() > 1), "the agents loaded at start");
    let mine = s.inbox.counts.expect("counts").mine;
    let first = s.inbox.active().selected_item().cloned().expect("a first row");
    // Resolve: it leaves the open view, Mine counts one less, the server says resolved.
    let cmds = key(&mut s, 'x');
    run(&ctx, &mut s, cmds).await;
    assert_eq!(s.notice.as_deref(), Some(format!("✔ resolved #{}", first.id).as_str()));
    assert_eq!(s.inbox.counts.map(|c| c.mine), Some(mine - 1));
    assert_ne!(s.inbox.active().selected_item().map(|c| c.id.clone()), Some(first.id.clone()));
    let client = ctx.client();
    // Labels by the command line, read back from the server.
    let second = s.inbox.active().selected_item().cloned().expect("a row");
    let options = s.inbox.options.options.clone().expect("labels of the account");
    let label =
        options.labels.iter().find(|l| !second.labels.contains(l)).cloned().expect("a label it lacks");
    key(&mut s, ':');
    type_text(&mut s, &format!("label +{label}"));
    let cmds = press(&mut s, KeyCode::Enter);
    run(&ctx, &mut s, cmds).await;
    let now = client.conversation_labels(&second.id).await.expect("labels");
    assert!(now.contains(&label), "{label} in {now:?}");
    assert!(second.labels.iter().all(|l| now.contains(l)), "the others kept: {now:?}");
    // Unassigned → assign to me: Mine counts one more.
    let cmds = key(&mut s, '2');
    run(&ctx, &mut s, cmds).await;
    let mine = s.inbox.counts.expect("counts").mine;
    let row = s.inbox.active().selected_item().cloned().expect("an unassigned row");
    let cmds = key(&mut s, 'm');
    run(&ctx, &mut s, cmds).await;
    assert_eq!(s.notice.as_deref(), Some(format!("✔ assigned #{} to {}", row.id, me.name).as_str()));
    assert_eq!(s.inbox.counts.map(|c| c.mine), Some(mine + 1));
}

#[tokio::test]
async fn a_refusal_from_the_server_rolls_back_with_its_reason() {
    let (_server, ctx, mut s) = setup().await;
    // The thread of a conversation the server does not have.
    let cmds = s.update(Action::OpenConversation("999999".into()));
    run(&ctx, &mut s, cmds).await;
    s.last_error = None;
    let cmds = key(&mut s, 'x');
    assert!(cmds.iter().any(|c| matches!(c, Command::Act(_))), "{cmds:?}");
    run(&ctx, &mut s, cmds).await;
    let err = s.last_error.clone().unwrap_or_default();
    assert!(err.starts_with("could not resolve #999999: "), "{err}");
    assert!(s.notice.as_deref().is_none_or(|n| !n.starts_with('✔')), "{:?}", s.notice);
}
