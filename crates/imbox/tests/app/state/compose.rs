//! The composer through the real keymap and `update`: opening it from the inbox and the thread,
//! sending (sending → sent, failed, uncertain → read back), retrying with the same echo id,
//! canned responses with variables, SMS parts, drafts kept on close and offered back.

use crate::common::compose::replying;
use crate::common::inbox::{key, press, type_text};
use crate::common::now;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imbox::action::Action;
use imbox::action::compose::{ComposeAction, DraftText, ReplyDraft, SendFailure, SendRequest};
use imbox::command::{Command, ComposeCommand};
use imbox::state::State;
use imbox_model::{CannedResponse, Message, MessageBody, Sender};

fn sends(cmds: &[Command]) -> Vec<SendRequest> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::Compose(ComposeCommand::Send(r)) => Some((**r).clone()),
            _ => None,
        })
        .collect()
}

fn draft_writes(cmds: &[Command]) -> Vec<&Command> {
    cmds.iter()
        .filter(|c| {
            matches!(
                c,
                Command::Compose(ComposeCommand::SaveDraft { .. } | ComposeCommand::DeleteDraft { .. })
            )
        })
        .collect()
}

fn enter(s: &mut State) -> Vec<Command> {
    press(s, KeyCode::Enter)
}

fn newest(s: &State) -> &Message {
    s.thread.nth_newest(0).expect("a message")
}

fn server_copy(req: &SendRequest, id: &str) -> Message {
    Message {
        id: id.into(),
        conversation_id: req.conversation_id.clone(),
        sender: Sender::Agent,
        sender_name: "Dana Levi".into(),
        created_at: Some(now()),
        body: MessageBody::Text { text: req.content.clone(), is_mail: false },
        private: req.private,
        status: "sent".into(),
        echo_id: req.echo_id.clone(),
        ..Default::default()
    }
}

#[test]
fn a_reply_shows_as_sending_then_as_the_servers_message_and_the_draft_goes() {
    let (mut s, id) = replying(140, 40, |_| {});
    type_text(&mut s, "Thanks, I'll check");
    let cmds = enter(&mut s);
    let sent = sends(&cmds);
    assert_eq!(sent.len(), 1, "{cmds:?}");
    let req = sent[0].clone();
    assert_eq!(
        (req.conversation_id.as_str(), req.content.as_str(), req.private),
        (id.as_str(), "Thanks, I'll check", false)
    );
    assert!(!req.echo_id.is_empty());
    assert!(
        matches!(draft_writes(&cmds)[..], [Command::Compose(ComposeCommand::SaveDraft { draft, .. })] if draft.unsent == vec![req.clone()]),
        "the message is on disk until the server has it: {cmds:?}"
    );
    assert!(s.compose.composer.is_none(), "the composer closes");
    assert_eq!(newest(&s).status, "sending…");
    assert_eq!(newest(&s).body, MessageBody::Text { text: "Thanks, I'll check".into(), is_mail: false });

    let cmds = s.update(Action::Compose(ComposeAction::Sent {
        conversation_id: id.clone(),
        echo_id: req.echo_id.clone(),
        result: Ok(Box::new(server_copy(&req, "901"))),
    }));
    assert_eq!(newest(&s).id, "901", "the server's copy replaces the pending one");
    assert_eq!(s.thread.nth_newest(1).map(|m| m.id.as_str()), Some("5"), "and it is there once");
    assert!(
        matches!(draft_writes(&cmds)[..], [Command::Compose(ComposeCommand::DeleteDraft { conversation_id, .. })] if *conversation_id == id),
        "{cmds:?}"
    );
    assert_eq!(s.notice.as_deref(), Some("✔ sent"));
    let row = s.inbox.find(&id).expect("the inbox row");
    assert_eq!(row.latest_message.as_deref(), Some("Thanks, I'll check"), "the row shows the reply");
    assert_eq!(row.timestamp, Some(now()));
}

#[test]
fn a_refused_send_is_marked_failed_and_ctrl_r_sends_it_again_with_the_same_echo_id() {
    let (mut s, id) = replying(140, 40, |_| {});
    type_text(&mut s, "hello");
    let req = sends(&enter(&mut s)).remove(0);
    let cmds = s.update(Action::Compose(ComposeAction::Sent {
        conversation_id: id.clone(),
        echo_id: req.echo_id.clone(),
        result: Err(SendFailure { message: "refused (422): content is too long".into(), uncertain: false }),
    }));
    assert!(sends(&cmds).is_empty(), "never resent on its own");
    assert_eq!(newest(&s).status, "✗ not sent · C-r retry");
    assert_eq!(s.last_error.as_deref(), Some("not sent: refused (422): content is too long"));
    assert!(
        matches!(draft_writes(&cmds)[..], [Command::Compose(ComposeCommand::SaveDraft { draft, .. })] if draft.unsent.len() == 1),
        "the text stays on disk"
    );
    let again = sends(
        &s.update(
            imbox::keymap::action_for(&s, &KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL))
                .expect("C-r is bound in the thread"),
        ),
    );
    assert_eq!(again, vec![req.clone()], "the same message, the same echo id");
    assert_eq!(newest(&s).status, "sending…");
}

#[test]
fn an_uncertain_failure_reads_the_thread_back_and_never_sends_twice() {
    let (mut s, id) = replying(140, 40, |_| {});
    type_text(&mut s, "are you there?");
    let req = sends(&enter(&mut s)).remove(0);
    let timeout = || SendFailure { message: "POST messages timed out".into(), uncertain: true };
    let cmds = s.update(Action::Compose(ComposeAction::Sent {
        conversation_id: id.clone(),
        echo_id: req.echo_id.clone(),
        result: Err(timeout()),
    }));
    assert!(sends(&cmds).is_empty());
    assert!(
        cmds.iter().any(|c| matches!(c, Command::Compose(ComposeCommand::CheckSent(r)) if **r == req)),
        "{cmds:?}"
    );
    assert_eq!(newest(&s).status, "checking…");
    // The server had it after all: shown once, nothing sent again.
    let cmds = s.update(Action::Compose(ComposeAction::Checked {
        conversation_id: id.clone(),
        echo_id: req.echo_id.clone(),
        result: Ok(Some(Box::new(server_copy(&req, "902")))),
    }));
    assert!(sends(&cmds).is_empty());
    assert_eq!(newest(&s).id, "902");
    assert_eq!(s.compose.outbox.len(), 0);

    // A second message: the check says the server does not have it → a certain failure, and
    // only then does C-r send.
    s.update(Action::Compose(ComposeAction::Reply));
    type_text(&mut s, "second");
    let req = sends(&enter(&mut s)).remove(0);
    s.update(Action::Compose(ComposeAction::Sent {
        conversation_id: id.clone(),
        echo_id: req.echo_id.clone(),
        result: Err(timeout()),
    }));
    let cmds = s.update(Action::Compose(ComposeAction::Checked {
        conversation_id: id.clone(),
        echo_id: req.echo_id.clone(),
        result: Ok(None),
    }));
    assert!(sends(&cmds).is_empty());
    assert_eq!(newest(&s).status, "✗ not sent · C-r retry");
    assert_eq!(sends(&s.update(Action::Compose(ComposeAction::Retry))), vec![req]);
}

#[test]
fn an_unconfirmed_send_from_a_draft_file_is_checked_before_a_retry_sends_it() {
    let (mut s, id) = replying(140, 40, |_| {});
    press(&mut s, KeyCode::Esc);
    let unsent = SendRequest {
        conversation_id: id.clone(),
        echo_id: "imbox-old-1".into(),
        content: "sent before the crash?".into(),
        ..Default::default()
    };
    let draft = ReplyDraft {
        conversation_id: id.clone(),
        saved_at: "2026-11-22T11:58:00Z".into(),
        draft: DraftText { text: "half a thought".into(), ..Default::default() },
        unsent: vec![unsent.clone()],
    };
    s.update(Action::Compose(ComposeAction::DraftLoaded {
        conversation_id: id.clone(),
        result: Ok(Some(Box::new(draft))),
    }));
    assert_eq!(newest(&s).status, "✗ not confirmed · C-r check and retry");
    let cmds = s.update(Action::Compose(ComposeAction::Retry));
    assert!(sends(&cmds).is_empty(), "looked for first");
    assert!(cmds.iter().any(|c| matches!(c, Command::Compose(ComposeCommand::CheckSent(_)))));
    let cmds = s.update(Action::Compose(ComposeAction::Checked {
        conversation_id: id.clone(),
        echo_id: unsent.echo_id.clone(),
        result: Ok(None),
    }));
    assert_eq!(sends(&cmds), vec![unsent], "not there: sent, with its old echo id");
    // The text is offered back and `r` continues it.
    assert_eq!(s.draft_offer().map(|d| d.text.as_str()), Some("half a thought"));
    key(&mut s, 'r');
    assert_eq!(s.compose.composer.as_ref().map(|c| c.text()), Some("half a thought".to_string()));
}

#[test]
fn esc_keeps_the_draft_and_reopening_brings_it_back() {
    let (mut s, id) = replying(140, 40, |_| {});
    type_text(&mut s, "line one");
    s.update(Action::Compose(ComposeAction::Newline));
    type_text(&mut s, "line two");
    let cmds = press(&mut s, KeyCode::Esc);
    assert!(s.compose.composer.is_none());
    assert!(
        matches!(draft_writes(&cmds)[..], [Command::Compose(ComposeCommand::SaveDraft { draft, .. })] if draft.draft.text == "line one\nline two" && draft.conversation_id == id),
        "{cmds:?}"
    );
    key(&mut s, 'r');
    assert_eq!(s.compose.composer.as_ref().map(|c| c.text()), Some("line one\nline two".to_string()));
}

#[test]
fn typing_schedules_a_draft_write_and_quitting_writes_it_at_once() {
    let (mut s, _) = replying(140, 40, |_| {});
    let cmds = key(&mut s, 'h');
    assert!(cmds.iter().any(|c| matches!(c, Command::Schedule { action, .. } if matches!(**action, Action::Compose(ComposeAction::DraftDue(_))))));
    let exit = s.exit_commands();
    assert!(
        matches!(&exit[..], [Command::Compose(ComposeCommand::SaveDraft { draft, .. })] if draft.draft.text == "h"),
        "{exit:?}"
    );
}

fn canned() -> Vec<CannedResponse> {
    vec![
        CannedResponse {
            id: 1,
            short_code: "greet".into(),
            content: "Hello {{contact.first_name}}, how can I help?".into(),
        },
        CannedResponse { id: 2, short_code: "mail".into(), content: "We wrote to {{contact.email}}.".into() },
    ]
}

fn answer_canned(s: &mut State, cmds: &[Command]) {
    for c in cmds {
        if let Command::Compose(ComposeCommand::LoadCanned { req }) = c {
            s.update(Action::Compose(ComposeAction::CannedLoaded { req: *req, result: Ok(canned()) }));
        }
    }
}

#[test]
fn slash_opens_canned_responses_filled_from_the_conversation_and_unfilled_ones_are_asked_about() {
    let mut s = replying(140, 40, |_| {}).0;
    let first = s.thread.contact_name.split_whitespace().next().unwrap_or_default().to_string();
    assert!(!first.is_empty(), "the open conversation names its contact");
    let cmds = key(&mut s, '/');
    answer_canned(&mut s, &cmds);
    // The canned responses may have been asked for when the composer opened.
    if s.compose.canned.is_none() {
        s.compose.canned = Some(canned());
    }
    type_text(&mut s, "gre");
    enter(&mut s);
    let text = s.compose.composer.as_ref().map(|c| c.text()).unwrap_or_default();
    assert_eq!(text, format!("Hello {first}, how can I help?"));
    // A second one whose variable imbox cannot fill: it stays, and sending asks first.
    key(&mut s, ' ');
    s.update(Action::Compose(ComposeAction::Canned));
    type_text(&mut s, "mail");
    enter(&mut s);
    let cmds = enter(&mut s);
    assert!(sends(&cmds).is_empty());
    assert!(matches!(
        s.compose.composer.as_ref().and_then(|c| c.prompt.clone()),
        Some(imbox::state::compose::Prompt::Unfilled(v)) if v == vec!["{{contact.email}}".to_string()]
    ));
    key(&mut s, 'n');
    assert!(s.compose.composer.is_some(), "no: back to the text");
    enter(&mut s);
    let sent = sends(&key(&mut s, 'y'));
    assert_eq!(sent.len(), 1);
    assert!(sent[0].content.ends_with("We wrote to {{contact.email}}."), "{}", sent[0].content);
}

#[test]
fn enter_before_the_canned_responses_arrive_inserts_the_best_match_when_they_do() {
    let (mut s, _, asked) = crate::common::compose::replying_asked(140, 40, |_| {});
    let first = s.thread.contact_name.split_whitespace().next().unwrap_or_default().to_string();
    assert!(s.compose.canned.is_none(), "still on their way");
    key(&mut s, '/');
    type_text(&mut s, "gre");
    enter(&mut s);
    let text = |s: &State| s.compose.composer.as_ref().map(|c| c.text()).unwrap_or_default();
    assert_eq!(text(&s), "", "nothing to insert yet");
    let screen = crate::common::screen(&s);
    assert!(screen.contains("loading… the best match goes in once loaded"), "{screen}");
    answer_canned(&mut s, &asked);
    assert_eq!(text(&s), format!("Hello {first}, how can I help?"));
    assert!(s.compose.composer.as_ref().is_some_and(|c| c.prompt.is_none()), "the picker closed");
    // Without that early Enter, their arrival inserts nothing.
    key(&mut s, ' ');
    s.compose.canned = None;
    let asked = s.update(Action::Compose(ComposeAction::Canned));
    assert!(asked.iter().any(|c| matches!(c, Command::Compose(ComposeCommand::LoadCanned { .. }))));
    type_text(&mut s, "mail");
    answer_canned(&mut s, &asked);
    assert_eq!(text(&s), format!("Hello {first}, how can I help? "));
    let screen = crate::common::screen(&s);
    assert!(screen.contains("/mail") && screen.contains("We wrote to"), "the picker is open: {screen}");
}

#[test]
fn an_sms_of_two_parts_asks_before_sending() {
    let (mut s, _) = replying(140, 40, |c| c.sms_segments = true);
    // The demo rows are not SMS: make this composer an SMS one as the channel would.
    if let Some(c) = s.compose.composer.as_mut() {
        c.sms = true;
    }
    let text = "a".repeat(200);
    type_text(&mut s, &text);
    let count = s.compose.composer.as_ref().and_then(|c| c.sms_count()).expect("an SMS count");
    assert_eq!((count.segments, count.units), (2, 200));
    let cmds = enter(&mut s);
    assert!(sends(&cmds).is_empty(), "asked first");
    let sent = sends(&key(&mut s, 'y'));
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].content, text);
}

#[test]
fn a_private_note_is_sent_private_and_reply_keys_say_why_on_imbrace() {
    let (mut s, _) = replying(140, 40, |_| {});
    press(&mut s, KeyCode::Esc);
    key(&mut s, 'N');
    assert!(s.compose.composer.as_ref().is_some_and(|c| c.private));
    type_text(&mut s, "customer is a VIP");
    let sent = sends(&enter(&mut s));
    assert!(sent[0].private);

    let mut im = crate::common::state(120, 40);
    im.focus = imbox::layout::Pane::Thread;
    im.thread.conversation_id = Some("conv_1".into());
    let a = imbox::keymap::action_for(&im, &KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE));
    assert_eq!(a, Some(Action::Unavailable("replying")));
    im.update(a.expect("bound"));
    let notice = im.notice.clone().unwrap_or_default();
    assert!(notice.contains("replying: not available on iMBRACE"), "{notice}");
    assert!(notice.contains("no call for an agent to write into a conversation"), "{notice}");
}

#[test]
fn alt_arrows_walk_the_quote_through_the_thread_and_c_u_deletes_to_the_line_start() {
    let (mut s, _) = replying(140, 40, |_| {});
    let alt = |s: &mut State, code: KeyCode| {
        let a = imbox::keymap::action_for(s, &KeyEvent::new(code, KeyModifiers::ALT)).expect("bound");
        s.update(a);
    };
    let quoted = |s: &State| s.compose.composer.as_ref().and_then(|c| c.quote.as_ref()).map(|q| q.id.clone());
    alt(&mut s, KeyCode::Up);
    assert_eq!(quoted(&s).as_deref(), Some("5"), "the newest first");
    alt(&mut s, KeyCode::Up);
    alt(&mut s, KeyCode::Up);
    assert_eq!(quoted(&s).as_deref(), Some("3"));
    alt(&mut s, KeyCode::Down);
    assert_eq!(quoted(&s).as_deref(), Some("4"));
    alt(&mut s, KeyCode::Down);
    alt(&mut s, KeyCode::Down);
    assert_eq!(quoted(&s), None, "past the newest: no quote");
    type_text(&mut s, "keep this");
    s.update(Action::Compose(ComposeAction::Newline));
    type_text(&mut s, "not this");
    let ctrl_u = imbox::keymap::action_for(&s, &KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    s.update(ctrl_u.expect("typed into the composer"));
    assert_eq!(s.compose.composer.as_ref().map(|c| c.text()), Some("keep this\n".to_string()));
}

#[test]
fn a_drafts_debounce_writes_without_a_redraw() {
    let (mut s, _) = replying(140, 40, |_| {});
    let due = |cmds: &[Command]| {
        cmds.iter()
            .find_map(|c| match c {
                Command::Schedule { action, .. } => match **action {
                    Action::Compose(ComposeAction::DraftDue(seq)) => Some(seq),
                    _ => None,
                },
                _ => None,
            })
            .expect("a draft write scheduled")
    };
    let first = due(&key(&mut s, 'a'));
    let latest = due(&key(&mut s, 'b'));
    s.dirty = false;
    assert!(s.update(Action::Compose(ComposeAction::DraftDue(first))).is_empty(), "a stale one does nothing");
    assert!(!s.dirty, "and draws nothing");
    let cmds = s.update(Action::Compose(ComposeAction::DraftDue(latest)));
    assert!(
        matches!(&cmds[..], [Command::Compose(ComposeCommand::SaveDraft { draft, .. })] if draft.draft.text == "ab")
    );
    assert!(!s.dirty, "the latest writes the draft, still without a redraw");
}
