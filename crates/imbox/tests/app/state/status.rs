//! The status line's error and notice: a feature the backend lacks is a notice that fades, an
//! error yields to the hints after a few keys or seconds and offers `R retry` only where asking
//! again can help. Keys go through `State::input`, as the event loop sends them.

use crate::common::{now, screen, state};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imbox::action::{Action, NotificationAction};
use imbox::keymap;
use imbox::state::State;
use imbox_api::ApiError;
use jiff::SignedDuration;

/// A key through the real keymap and the loop's entry for keys.
fn key(s: &mut State, c: char) {
    let ev = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    if let Some(a) = keymap::action_for(s, &ev) {
        s.input(a, now());
    }
}

fn tick(s: &mut State, secs: i64) {
    s.update(Action::Tick(now() + SignedDuration::from_secs(secs)));
}

fn status_line(s: &State) -> String {
    screen(s).lines().last().unwrap_or_default().to_string()
}

#[test]
fn mark_all_read_where_the_backend_cannot_is_a_notice_that_goes_with_the_next_key() {
    // iMBRACE publishes no "mark all read".
    let mut s = state(140, 40);
    key(&mut s, 'n');
    assert!(s.notifications.open);
    key(&mut s, 'A');
    assert_eq!(s.last_error, None, "not an error: retrying cannot help");
    let notice = s.notice.clone().expect("a notice");
    assert!(notice.starts_with("ⓘ") && notice.contains("not available on iMBRACE"), "{notice}");
    let line = status_line(&s);
    assert!(line.contains("not available on iMBRACE") && !line.contains("R retry"), "{line}");
    // The next key takes it away, and the hints are back whole.
    key(&mut s, 'j');
    assert_eq!(s.notice, None);
    assert!(status_line(&s).contains("? help"), "{}", status_line(&s));
    // Pressing A again says it again.
    key(&mut s, 'A');
    assert!(s.notice.is_some(), "the same notice again is a new one");
    // Left alone, it fades after a few seconds.
    tick(&mut s, 5);
    assert_eq!(s.notice, None);
}

#[test]
fn an_unsupported_answer_from_the_backend_is_a_notice_not_an_error() {
    let mut s = state(140, 40);
    let cmds = s.start();
    let req = cmds
        .iter()
        .find_map(|c| match c {
            imbox::command::Command::LoadUnreadCount { req } => Some(*req),
            _ => None,
        })
        .expect("a badge request");
    s.update(Action::UnreadLoaded {
        req,
        result: Err(ApiError::Unsupported { backend: "iMBRACE", feature: "notifications" }),
    });
    assert_eq!(s.last_error, None);
    assert!(
        s.notice.as_deref().is_some_and(|n| n.contains("iMBRACE has no notifications")),
        "{:?}",
        s.notice
    );
    assert!(!status_line(&s).contains("retry"));
}

#[test]
fn an_error_yields_to_the_hints_after_three_keys_or_eight_seconds() {
    let mut s = state(140, 40);
    s.update(Action::Notify(NotificationAction::Toggle));
    s.update(Action::Notify(NotificationAction::Toggle));
    s.last_error = Some("server error 503 on GET /x".into());
    assert!(status_line(&s).contains("✖ server error 503"));
    key(&mut s, 'j');
    key(&mut s, 'k');
    assert!(status_line(&s).contains("✖ server error 503"), "two keys: still shown");
    key(&mut s, 'j');
    let line = status_line(&s);
    assert!(!line.contains("✖") && line.contains("? help"), "the hints are back: {line}");
    assert!(s.last_error.is_some(), "kept for whoever shows it in a pane");

    // Another error: shown again, then gone after eight seconds without a key.
    s.last_error = Some("server error 500 on GET /y".into());
    tick(&mut s, 1);
    assert!(status_line(&s).contains("✖ server error 500"));
    tick(&mut s, 8);
    assert!(status_line(&s).contains("✖ server error 500"), "8 s after it was first seen at 1 s: not yet");
    tick(&mut s, 9);
    assert!(!status_line(&s).contains("✖"), "{}", status_line(&s));
}

#[test]
fn r_retry_is_offered_only_where_asking_again_can_help() {
    let mut s = state(140, 40);
    let cmds = s.start();
    let req_of = |want: &str| {
        cmds.iter()
            .find_map(|c| match c {
                imbox::command::Command::LoadContacts { req, .. } if want == "contacts" => Some(*req),
                imbox::command::Command::LoadUnreadCount { req } if want == "badge" => Some(*req),
                _ => None,
            })
            .expect("the request")
    };
    s.update(Action::UnreadLoaded {
        req: req_of("badge"),
        result: Err(ApiError::Server { endpoint: "GET /notifications", status: 502, message: String::new() }),
    });
    assert!(status_line(&s).contains("R retry"), "{}", status_line(&s));
    // A request the server refused as wrong is not mended by asking again.
    s.update(Action::ContactsLoaded {
        req: req_of("contacts"),
        skip: 0,
        result: Err(ApiError::BadRequest { endpoint: "GET /contacts", status: 400, message: "bad".into() }),
    });
    let line = status_line(&s);
    assert!(line.contains("✖") && !line.contains("R retry"), "{line}");
}
