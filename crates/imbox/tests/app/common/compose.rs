//! A state with the composer open on a conversation of a Chatwoot-like inbox that can reply.

use crate::common::inbox::{Inbox, capabilities, key, started, texts};
use imbox::action::{Action, RequestId};
use imbox::command::Command;
use imbox::state::State;

/// A started Chatwoot-like inbox state that can reply, with conversation `first` of Mine open
/// in the thread (its messages loaded) and the composer open on it.
pub fn replying(w: u16, h: u16, extra: impl Fn(&mut imbox_api::Capabilities)) -> (State, String) {
    let (s, id, _) = replying_asked(w, h, extra);
    (s, id)
}

/// [`replying`], also returning what opening the composer asked for (its messages answered,
/// the rest — the canned responses — not).
pub fn replying_asked(
    w: u16,
    h: u16,
    extra: impl Fn(&mut imbox_api::Capabilities),
) -> (State, String, Vec<Command>) {
    let inbox = Inbox::new(30, 10, 10);
    let mut caps = capabilities();
    caps.reply = true;
    caps.private_notes = true;
    caps.reply_to = true;
    caps.reply_attachments = true;
    caps.canned_responses = true;
    extra(&mut caps);
    let mut s = started(w, h, &inbox);
    s.account.capabilities = caps;
    let cmds = key(&mut s, 'r');
    let id = s.thread.conversation_id.clone().expect("r opens the selected conversation");
    assert!(s.compose.composer.is_some(), "and the composer on it");
    let loads: Vec<RequestId> = cmds
        .iter()
        .filter_map(|c| match c {
            Command::LoadMessages { req, .. } => Some(*req),
            _ => None,
        })
        .collect();
    assert_eq!(loads.len(), 1, "{cmds:?}");
    s.update(Action::MessagesLoaded { req: loads[0], skip: 0, result: Ok(texts(1..6, false)) });
    (s, id, cmds)
}
