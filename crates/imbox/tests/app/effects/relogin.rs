//! The in-app re-login: the prompt driven through the keymap and `update` (hidden typing, the
//! command carrying a Secret, success, failure, cancel, the form and its draft untouched),
//! snapshots of the prompt, and the re-login job against the real demo server.

use crate::common::{seed_answer, settle, state};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imbox::action::Action;
use imbox::action::FormAction;
use imbox::action::ReloginAction;
use imbox::action::relogin::ReloginOk;
use imbox::command::Command;
use imbox::effects::JobContext;
use imbox::effects::worker::execute;
use imbox::state::State;
use imbox::state::connection::Link;
use imbox_api::imbrace::{ClientConfig, ImbraceClient};
use imbox_api::{ApiError, Secret};
use imbox_demo::{DemoConfig, spawn};

const TOKEN: &str = "acc_typed_secret_42";

fn key(s: &mut State, code: KeyCode) -> Vec<Command> {
    imbox::keymap::action_for(s, &KeyEvent::new(code, KeyModifiers::NONE))
        .map(|a| s.update(a))
        .unwrap_or_default()
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        key(s, KeyCode::Char(c));
    }
}

fn unauthorized() -> ApiError {
    ApiError::Unauthorized { endpoint: "GET /v1/backend/contacts", message: "Unauthorized".into() }
}

/// A loaded state whose next contacts page was refused with a 401.
fn rejected(w: u16, h: u16) -> State {
    let mut s = state(w, h);
    let cmds = s.start();
    let refuse = |c: &Command| match c {
        Command::LoadContacts { req, skip, .. } => {
            Some(Action::ContactsLoaded { req: *req, skip: *skip, result: Err(unauthorized()) })
        }
        other => seed_answer(other),
    };
    settle(&mut s, cmds, &refuse);
    assert_eq!(s.connection.link, Link::Rejected);
    s
}

fn relogin_command(cmds: &[Command]) -> (u64, Secret) {
    cmds.iter()
        .find_map(|c| match c {
            Command::Relogin { req, token } => Some((*req, token.clone())),
            _ => None,
        })
        .expect("a re-login command")
}

#[test]
fn l_opens_a_prompt_that_never_shows_the_token_and_sends_it_as_a_secret() {
    let mut s = rejected(140, 40);
    assert!(crate::common::screen(&s).contains("TOKEN REJECTED · press L to log in again"));
    key(&mut s, KeyCode::Char('L'));
    assert!(s.relogin.is_some());
    typed(&mut s, TOKEN);
    let screen = crate::common::screen(&s);
    assert!(!screen.contains(TOKEN) && !screen.contains("secret_42"), "{screen}");
    assert!(screen.contains(&"•".repeat(TOKEN.len())), "{screen}");
    assert!(!format!("{s:?}").contains("secret_42"), "State's Debug never shows the token");
    let cmds = key(&mut s, KeyCode::Enter);
    let (req, token) = relogin_command(&cmds);
    assert_eq!(token.expose(), TOKEN);
    assert!(!format!("{cmds:?}").contains("secret_42"), "nor does the command's");
    assert!(crate::common::screen(&s).contains("checking the token"));

    let cmds = s.update(Action::Relogin(ReloginAction::Checked {
        req,
        result: Ok(ReloginOk { stored: Some(Ok("the token file".into())) }),
    }));
    assert_eq!(s.connection.link, Link::Online);
    assert!(s.relogin.is_none());
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadContacts { .. })), "asks again: {cmds:?}");
    assert!(s.notice.as_deref().is_some_and(|n| n.contains("token accepted")));
    assert!(!crate::common::screen(&s).contains("TOKEN REJECTED"));
}

#[test]
fn a_rejected_token_keeps_the_prompt_open_with_the_reason() {
    let mut s = rejected(80, 24);
    key(&mut s, KeyCode::Char('L'));
    typed(&mut s, "wrong");
    let (req, _) = relogin_command(&key(&mut s, KeyCode::Enter));
    s.update(Action::Relogin(ReloginAction::Checked { req, result: Err(unauthorized()) }));
    let p = s.relogin.as_ref().expect("still open");
    assert_eq!(p.error.as_deref(), Some("token rejected by the server"));
    assert_eq!(p.token.char_count(), 0, "cleared for the next try");
    assert_eq!(s.connection.link, Link::Rejected);
    assert!(crate::common::screen(&s).contains("token rejected by the server"));
}

#[test]
fn esc_cancels_and_l_does_nothing_while_the_token_works() {
    let mut s = state(80, 24);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    key(&mut s, KeyCode::Char('L'));
    assert!(s.relogin.is_none(), "only offered while the token is rejected");
    let mut s = rejected(80, 24);
    key(&mut s, KeyCode::Char('L'));
    typed(&mut s, "abc");
    assert!(key(&mut s, KeyCode::Esc).is_empty());
    assert!(s.relogin.is_none());
    assert_eq!(s.connection.link, Link::Rejected);
}

#[test]
fn the_open_form_and_its_draft_are_untouched() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    s.update(Action::Form(FormAction::Open));
    let id = s.form.as_ref().expect("form").contact.id.clone();
    s.update(Action::Form(FormAction::DraftLoaded { contact_id: id, result: Ok(None) }));
    typed(&mut s, "Ann");
    let before = s.form.as_ref().expect("form").values();
    // Any answer can reveal the rejected token; here a stale badge refresh.
    s.update(Action::UnreadLoaded { req: 9999, result: Err(unauthorized()) });
    assert_eq!(s.connection.link, Link::Rejected);
    // Ctrl-L opens the prompt from inside the form (plain L is text there).
    let open = imbox::keymap::action_for(&s, &KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL));
    s.update(open.expect("C-l is bound in the form"));
    assert!(s.relogin.is_some());
    typed(&mut s, "imbox-demo-token");
    let (req, _) = relogin_command(&key(&mut s, KeyCode::Enter));
    s.update(Action::Relogin(ReloginAction::Checked { req, result: Ok(ReloginOk { stored: None }) }));
    let form = s.form.as_ref().expect("the form is still open");
    assert_eq!(form.values(), before, "the typed draft is intact");
    assert_eq!(s.connection.link, Link::Online);
}

#[test]
fn prompt_snapshots() {
    for (w, h) in [(80u16, 24u16), (140, 40)] {
        let mut s = rejected(w, h);
        key(&mut s, KeyCode::Char('L'));
        typed(&mut s, TOKEN);
        insta::assert_snapshot!(format!("prompt_typed_{w}x{h}"), crate::common::screen(&s));
        let (req, _) = relogin_command(&key(&mut s, KeyCode::Enter));
        s.update(Action::Relogin(ReloginAction::Checked { req, result: Err(unauthorized()) }));
        insta::assert_snapshot!(format!("prompt_rejected_{w}x{h}"), crate::common::screen(&s));
    }
}

#[tokio::test]
async fn a_wrong_token_is_replaced_and_later_jobs_use_the_new_client() {
    let server = spawn(DemoConfig { contacts: 20, notifications: 5, ..DemoConfig::default() }).await.unwrap();
    let client = ImbraceClient::new(ClientConfig::new(server.base_url(), Secret::new("wrong"))).unwrap();
    let ctx = JobContext::new(client, None);
    let load = Command::LoadContacts { req: 1, skip: 0, limit: 5 };
    match execute(&ctx, load.clone()).await {
        Some(Action::ContactsLoaded { result: Err(e), .. }) => assert!(e.is_auth(), "{e:?}"),
        other => panic!("expected a 401, got {other:?}"),
    }
    let bad = execute(&ctx, Command::Relogin { req: 2, token: Secret::new("still-wrong") }).await;
    match bad {
        Some(Action::Relogin(ReloginAction::Checked { result: Err(e), .. })) => assert!(e.is_auth()),
        other => panic!("expected a rejection, got {other:?}"),
    }
    let good = execute(&ctx, Command::Relogin { req: 3, token: Secret::new(server.token()) }).await;
    assert_eq!(
        good,
        Some(Action::Relogin(ReloginAction::Checked { req: 3, result: Ok(ReloginOk { stored: None }) }))
    );
    match execute(&ctx, load).await {
        Some(Action::ContactsLoaded { result: Ok(page), .. }) => assert_eq!(page.items.len(), 5),
        other => panic!("expected contacts with the new token, got {other:?}"),
    }
    assert!(!format!("{ctx:?}").contains(server.token()), "the context's Debug hides the token");
}

#[tokio::test]
async fn an_accepted_new_token_empties_the_cache_the_old_one_filled_and_a_refused_one_does_not() {
    let server = spawn(DemoConfig { contacts: 20, notifications: 5, ..DemoConfig::default() }).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("acc.redb");
    let old = Secret::new("acc_the-previous-agents-token");
    let client = ImbraceClient::new(ClientConfig::new(server.base_url(), old.clone())).unwrap();
    let mut ctx = JobContext::new(client, None);
    let cache = imbox::effects::cache::Cache::open(store.clone(), "imbrace test", &old, 10_000_000);
    // What the previous token fetched (the server now refuses it).
    cache.put("contacts/00050/000000000000".into(), b"their rows".to_vec(), true);
    cache.flush().await;
    ctx.cache = Some(cache.clone());
    let bad = execute(&ctx, Command::Relogin { req: 1, token: Secret::new("still-wrong") }).await;
    assert!(matches!(bad, Some(Action::Relogin(ReloginAction::Checked { result: Err(_), .. }))), "{bad:?}");
    let kept = cache.get("contacts/00050/000000000000".into()).await.map(|e| e.bytes);
    assert_eq!(kept.as_deref(), Some(&b"their rows"[..]), "a refused token changes nothing");
    let good = execute(&ctx, Command::Relogin { req: 2, token: Secret::new(server.token()) }).await;
    assert!(matches!(good, Some(Action::Relogin(ReloginAction::Checked { result: Ok(_), .. }))), "{good:?}");
    assert_eq!(cache.get("contacts/00050/000000000000".into()).await, None, "the new token sees none of it");
    cache.close().await;
    // Next start with the new token: still nothing of the old one's; with the old: nothing either.
    let next = imbox::effects::cache::Cache::open(
        store.clone(),
        "imbrace test",
        &Secret::new(server.token()),
        10_000_000,
    );
    assert_eq!(next.get("contacts/00050/000000000000".into()).await, None);
    next.close().await;
}
