//! Sending from the composer: the checks before a send, the send itself, its answer, the read
//! back after an uncertain failure, the retry, and the draft file that holds every unconfirmed
//! send and the composer's text (see `outbox.rs` for what each send's state means).

use super::outbox::{Outgoing, SendState};
use super::{NOT_SENT, Prompt, canned};
use crate::action::Action;
use crate::action::compose::{ComposeAction, ReplyDraft, SendRequest};
use crate::command::Command;
use crate::command::compose::ComposeCommand;
use crate::state::State;
use crate::state::form::DRAFT_DEBOUNCE;
use imbox_model::Message;

impl State {
    /// Sends the composer's text after the checks not yet `confirmed`: variables left unfilled,
    /// then an SMS of several parts.
    pub(super) fn try_send(&mut self, unfilled_ok: bool, segments_ok: bool, cmds: &mut Vec<Command>) {
        let echo_id = format!("imbox-{:x}-{}", self.now.as_nanosecond(), self.req());
        if self.is_offline() {
            // The composer stays open with its text (and its draft file): nothing is lost.
            if let Some(c) = self.compose.composer.as_mut() {
                c.note = Some(crate::state::cached::offline_refusal("not sent", "your text stays here"));
            }
            return;
        }
        let Some(c) = self.compose.composer.as_mut() else { return };
        let text = c.text().trim_end().to_string();
        if text.trim().is_empty() && c.attachments.is_empty() {
            c.note = Some("nothing to send".into());
            return;
        }
        if !unfilled_ok {
            let left = canned::unfilled(&text);
            if !left.is_empty() {
                c.prompt = Some(Prompt::Unfilled(left));
                return;
            }
        }
        if !segments_ok && let Some(count) = c.sms_count().filter(|n| n.segments > 1) {
            c.prompt = Some(Prompt::Segments(count));
            return;
        }
        let req = SendRequest {
            conversation_id: c.conversation_id.clone(),
            echo_id,
            content: text,
            private: c.private,
            in_reply_to: c.quote.as_ref().map(|q| q.id.clone()),
            attachments: c.attachments.iter().map(|a| a.path.clone()).collect(),
        };
        let id = c.conversation_id.clone();
        self.compose.composer = None;
        self.compose.stash.remove(&id);
        self.compose.outbox.push(Outgoing::new(req.clone(), self.now));
        self.sync_thread_outbox();
        self.thread.jump_to_newest();
        // The draft file holds the message until the server confirms it.
        cmds.push(self.persist_reply(&id));
        cmds.push(Command::Compose(ComposeCommand::Send(Box::new(req))));
    }

    /// Ctrl-R in the thread: the newest failed send of the open conversation, again. One that
    /// may have arrived is looked for first; it is sent only when the thread does not have it.
    pub(super) fn retry_send(&mut self, cmds: &mut Vec<Command>) {
        let Some(open) = self.thread.conversation_id.clone() else { return };
        if self.refuse_offline("not sent again") {
            return;
        }
        let Some(o) = self
            .compose
            .outbox
            .iter_mut()
            .rev()
            .find(|o| o.req.conversation_id == open && matches!(o.state, SendState::Failed { .. }))
        else {
            self.show_info("no failed message here to send again".into(), cmds);
            return;
        };
        let req = Box::new(o.req.clone());
        if matches!(o.state, SendState::Failed { uncertain: true, .. }) {
            o.state = SendState::Checking { then_send: true };
            cmds.push(Command::Compose(ComposeCommand::CheckSent(req)));
        } else {
            o.state = SendState::Sending;
            cmds.push(Command::Compose(ComposeCommand::Send(req)));
        }
        self.sync_thread_outbox();
    }

    pub(super) fn send_answered(
        &mut self,
        conversation_id: &str,
        echo_id: &str,
        result: Result<Box<Message>, crate::action::compose::SendFailure>,
        cmds: &mut Vec<Command>,
    ) {
        let Some(i) = self.compose.outbox.iter().position(|o| o.req.echo_id == echo_id) else { return };
        match result {
            Ok(m) => self.delivered(i, *m, cmds),
            Err(failure) => {
                let reason = failure.message.clone();
                if self.compose.outbox[i].failed(failure) {
                    cmds.push(Command::Compose(ComposeCommand::CheckSent(Box::new(
                        self.compose.outbox[i].req.clone(),
                    ))));
                } else {
                    self.last_error = Some(format!("{NOT_SENT}: {reason}"));
                }
                self.sync_thread_outbox();
                cmds.push(self.persist_reply(conversation_id));
            }
        }
    }

    pub(super) fn send_checked(
        &mut self,
        conversation_id: &str,
        echo_id: &str,
        result: Result<Option<Box<Message>>, String>,
        cmds: &mut Vec<Command>,
    ) {
        let Some(i) = self.compose.outbox.iter().position(|o| o.req.echo_id == echo_id) else { return };
        let then_send = matches!(self.compose.outbox[i].state, SendState::Checking { then_send: true });
        match result {
            Ok(Some(m)) => return self.delivered(i, *m, cmds),
            Ok(None) if then_send => {
                self.compose.outbox[i].state = SendState::Sending;
                cmds.push(Command::Compose(ComposeCommand::Send(Box::new(
                    self.compose.outbox[i].req.clone(),
                ))));
            }
            Ok(None) => {
                let reason = "the server does not have it (checked the thread)".to_string();
                self.last_error = Some(format!("{NOT_SENT}: {reason}"));
                self.compose.outbox[i].state = SendState::Failed { reason, uncertain: false };
            }
            Err(e) => {
                let reason = format!("{NOT_SENT}? could not check whether it arrived: {e}");
                self.last_error = Some(reason.clone());
                self.compose.outbox[i].state = SendState::Failed { reason, uncertain: true };
            }
        }
        self.sync_thread_outbox();
        cmds.push(self.persist_reply(conversation_id));
    }

    /// The server has the message: it replaces the pending copy, the draft file forgets it.
    pub(crate) fn delivered(&mut self, i: usize, mut message: Message, cmds: &mut Vec<Command>) {
        let o = self.compose.outbox.remove(i);
        // A server that keeps no times (SMS/RCS) would leave the sent message without one: it
        // keeps the time it was sent.
        if message.created_at.is_none() {
            message.created_at = Some(o.at);
        }
        // An earlier failure of this send is no longer news.
        if self.last_error.as_deref().is_some_and(|e| e.starts_with(NOT_SENT)) {
            self.last_error = None;
        }
        self.show_in_rows(&o.req.conversation_id, &message);
        if self.thread.conversation_id.as_deref() == Some(&o.req.conversation_id) {
            self.thread.add_sent(message);
        }
        self.sync_thread_outbox();
        cmds.push(self.persist_reply(&o.req.conversation_id));
        let what = if o.req.private { "note saved" } else { "sent" };
        self.show_notice(what.into(), cmds);
    }

    /// The rows of the conversation a message was sent into (inbox, conversations pane) show it
    /// as their latest message and activity, until the next refresh brings the server's view.
    /// A private note is not the conversation's last message for the customer: rows keep theirs.
    fn show_in_rows(&mut self, conversation_id: &str, m: &Message) {
        if m.private {
            return;
        }
        let preview = m.body.preview().split_whitespace().collect::<Vec<_>>().join(" ");
        let rows = self.inbox.conversations_mut().chain(self.conversations.items.iter_mut());
        for c in rows.filter(|c| c.id == conversation_id) {
            c.latest_message = Some(preview.clone());
            if m.created_at.is_some() {
                c.timestamp = m.created_at;
            }
            if let Some(n) = c.message_count.as_mut() {
                *n += 1;
            }
        }
    }

    /// Shows the open conversation's unconfirmed sends below its newest message.
    pub(crate) fn sync_thread_outbox(&mut self) {
        let Some(open) = self.thread.conversation_id.as_deref() else { return };
        let author = self.my_name().unwrap_or_else(|| "You".into());
        let shown: Vec<Message> = self
            .compose
            .outbox
            .iter()
            .filter(|o| o.req.conversation_id == open)
            .map(|o| o.display(&author))
            .collect();
        self.thread.set_outbox(shown);
    }

    /// A draft file was read: its unconfirmed sends join the outbox (they may or may not have
    /// arrived), its text is offered back (filling the composer if nothing was typed yet).
    pub(super) fn reply_draft_loaded(&mut self, id: String, result: Result<Option<Box<ReplyDraft>>, String>) {
        let draft = match result {
            Ok(Some(d)) => *d,
            Ok(None) => return,
            Err(e) => {
                self.last_error = Some(format!("could not read the reply draft: {e}"));
                return;
            }
        };
        for req in draft.unsent {
            if req.conversation_id == id && !self.compose.outbox.iter().any(|o| o.req.echo_id == req.echo_id)
            {
                self.compose.outbox.push(Outgoing::unconfirmed(req, self.now));
            }
        }
        self.sync_thread_outbox();
        if draft.draft.is_empty() {
            return;
        }
        match self.compose.composer.as_mut() {
            Some(c) if c.conversation_id == id && !c.touched && c.text().is_empty() => {
                c.load(draft.draft);
                c.note = Some(format!("draft restored (saved {})", short_time(&draft.saved_at)));
            }
            Some(c) if c.conversation_id == id => {}
            _ => {
                self.compose.stash.entry(id).or_insert(draft.draft);
            }
        }
    }

    pub(super) fn schedule_reply_draft(&mut self, cmds: &mut Vec<Command>) {
        let seq = self.req();
        self.compose.draft_seq = seq;
        cmds.push(Command::Schedule {
            after: DRAFT_DEBOUNCE,
            action: Box::new(Action::Compose(ComposeAction::DraftDue(seq))),
        });
    }

    /// The command that makes conversation `id`'s draft file match the state: its composer text
    /// (open or closed) and its unconfirmed sends; deleted when there is neither.
    pub(super) fn persist_reply(&mut self, id: &str) -> Command {
        let seq = self.req();
        let text = match self.compose.composer.as_ref().filter(|c| c.conversation_id == id) {
            Some(c) => c.draft(),
            None => self.compose.stash.get(id).cloned().unwrap_or_default(),
        };
        let unsent: Vec<SendRequest> = self
            .compose
            .outbox
            .iter()
            .filter(|o| o.req.conversation_id == id)
            .map(|o| o.req.clone())
            .collect();
        if text.is_empty() && unsent.is_empty() {
            Command::Compose(ComposeCommand::DeleteDraft { seq, conversation_id: id.to_string() })
        } else {
            let draft =
                ReplyDraft { conversation_id: id.to_string(), saved_at: String::new(), draft: text, unsent };
            Command::Compose(ComposeCommand::SaveDraft { seq, draft: Box::new(draft) })
        }
    }

    /// The command that reads conversation `id`'s draft file (when the backend can reply).
    pub(crate) fn load_reply_draft(&self, id: &str) -> Option<Command> {
        self.account
            .capabilities
            .reply
            .then(|| Command::Compose(ComposeCommand::LoadDraft { conversation_id: id.to_string() }))
    }

    /// What must be written before imbox exits: the open composer's draft.
    pub fn compose_exit_commands(&mut self) -> Vec<Command> {
        match self.compose.composer.as_ref().filter(|c| c.touched).map(|c| c.conversation_id.clone()) {
            Some(id) => vec![self.persist_reply(&id)],
            None => Vec::new(),
        }
    }
}

/// `2026-12-02T09:14:03Z` as `09:14` (the draft's time in the note), anything else as is.
fn short_time(saved_at: &str) -> String {
    saved_at.get(11..16).unwrap_or(saved_at).to_string()
}
