//! Snapshots of the composer at the bottom of the thread (a reply quoting a message with an
//! attachment, a private note, the canned picker, the unfilled-variable question, an SMS of two
//! parts) and of sends in the thread (sending, not sent), at 140x40 and 80x24.

use crate::common::compose::replying;
use crate::common::inbox::{key, type_text};
use crossterm::event::KeyCode;
use imbox::action::Action;
use imbox::action::compose::{ComposeAction, SendFailure};
use imbox::command::{Command, ComposeCommand};
use imbox::state::State;
use imbox::state::compose::AttachedFile;
use imbox_model::CannedResponse;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn snap(name: &str, s: &State) {
    let (w, h) = s.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), crate::common::screen(s));
}

#[test]
fn composer_reply_with_quote_and_attachment_then_note() {
    for (w, h) in SIZES {
        let (mut s, _) = replying(w, h, |_| {});
        crate::common::inbox::press(&mut s, KeyCode::Esc);
        key(&mut s, 'k');
        key(&mut s, 'Q');
        type_text(&mut s, "Thanks for waiting! The invoice is attached.");
        s.update(Action::Compose(ComposeAction::Newline));
        type_text(&mut s, "Anything else?");
        if let Some(c) = s.compose.composer.as_mut() {
            c.attachments.push(AttachedFile {
                path: "~/invoice-2291.pdf".into(),
                name: "invoice-2291.pdf".into(),
                size: Some(48_213),
            });
        }
        snap("composer_reply", &s);
        s.update(Action::Compose(ComposeAction::ToggleNote));
        snap("composer_note", &s);
    }
}

#[test]
fn composer_canned_picker_and_unfilled_question() {
    for (w, h) in SIZES {
        let (mut s, _) = replying(w, h, |_| {});
        s.compose.canned = Some(vec![
            CannedResponse {
                id: 1,
                short_code: "greet".into(),
                content: "Hello {{contact.first_name}}, how can I help?".into(),
            },
            CannedResponse {
                id: 2,
                short_code: "refund".into(),
                content: "Your refund is on its way.".into(),
            },
            CannedResponse {
                id: 3,
                short_code: "mail".into(),
                content: "We wrote to {{contact.email}}.".into(),
            },
        ]);
        key(&mut s, '/');
        type_text(&mut s, "re");
        snap("composer_canned", &s);
        crate::common::inbox::press(&mut s, KeyCode::Esc);
        s.update(Action::Compose(ComposeAction::Canned));
        type_text(&mut s, "mail");
        crate::common::inbox::press(&mut s, KeyCode::Enter);
        crate::common::inbox::press(&mut s, KeyCode::Enter);
        snap("composer_unfilled", &s);
    }
}

#[test]
fn composer_sms_parts_and_sends_in_the_thread() {
    for (w, h) in SIZES {
        let (mut s, id) = replying(w, h, |c| c.sms_segments = true);
        if let Some(c) = s.compose.composer.as_mut() {
            c.sms = true;
        }
        type_text(&mut s, &"Your parcel 4417 is at the depot. ".repeat(5));
        snap("composer_sms", &s);
        crate::common::inbox::press(&mut s, KeyCode::Esc);
        key(&mut s, 'r');
        let cmds = crate::common::inbox::press(&mut s, KeyCode::Enter);
        let cmds = if cmds.iter().any(|c| matches!(c, Command::Compose(ComposeCommand::Send(_)))) {
            cmds
        } else {
            key(&mut s, 'y')
        };
        let echo = cmds
            .iter()
            .find_map(|c| match c {
                Command::Compose(ComposeCommand::Send(r)) => Some(r.echo_id.clone()),
                _ => None,
            })
            .expect("sent");
        key(&mut s, 'r');
        type_text(&mut s, "Reply STOP to stop these messages");
        crate::common::inbox::press(&mut s, KeyCode::Enter);
        s.update(Action::Compose(ComposeAction::Sent {
            conversation_id: id.clone(),
            echo_id: echo,
            result: Err(SendFailure { message: "refused (400): invalid recipient".into(), uncertain: false }),
        }));
        snap("thread_sending_and_failed", &s);
    }
}
