//! The composer: replies and private notes written at the bottom of the thread, canned
//! responses, attachments, `$EDITOR`, and what happens on send (see `compose/outbox.rs`).
//!
//! Nothing typed is lost. Each conversation's text lives in the composer while it is open and
//! in [`ComposeState::stash`] when it is closed; both, with every send the server has not
//! confirmed, go to the conversation's draft file [`DRAFT_DEBOUNCE`] after the last keystroke,
//! at once on close, send and every send result, and synchronously on quit and signals
//! ([`State::compose_exit_commands`]). Opening a conversation reads its draft file back.

pub mod canned;
mod keys;
pub mod outbox;
mod send;

use super::State;
use crate::action::RequestId;
use crate::action::compose::{ComposeAction, DraftText};
use crate::command::Command;
use crate::command::compose::ComposeCommand;
use crate::layout::Pane;
use canned::CannedPicker;
use imbox_model::sms::{self, SmsCount};
use imbox_model::{CannedResponse, Message, MessageBody};
use outbox::{Outgoing, SendState};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use std::collections::HashMap;

/// How the status line's error starts for a send the server did not take (its fix is `C-r`).
pub const NOT_SENT: &str = "not sent";

/// The message a reply quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Its id (sent as `in_reply_to`).
    pub id: String,
    /// Who wrote it.
    pub who: String,
    /// Its first line.
    pub preview: String,
}

/// A file chosen to go with the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedFile {
    /// The path as typed (read when sending).
    pub path: String,
    /// The file's name.
    pub name: String,
    /// Its size in bytes, when known.
    pub size: Option<u64>,
}

/// A question or picker the composer shows; it takes the keys until answered.
#[derive(Debug, Clone)]
pub enum Prompt {
    /// "Attach file:" with the path being typed and the completions of the last Tab.
    Attach {
        /// The path typed so far.
        input: Box<TextArea<'static>>,
        /// Completions of the last Tab, shown under the line.
        completions: Vec<String>,
        /// The completion request in flight.
        pending: Option<RequestId>,
    },
    /// The canned-response picker.
    Canned(CannedPicker),
    /// "These variables have no value: send anyway?"
    Unfilled(Vec<String>),
    /// "This SMS is N parts: send?"
    Segments(SmsCount),
}

/// The composer, while it is open.
#[derive(Debug, Clone)]
pub struct Composer {
    /// The conversation it answers.
    pub conversation_id: String,
    /// A private note rather than a reply.
    pub private: bool,
    /// The text.
    pub input: TextArea<'static>,
    /// The message answered, if any.
    pub quote: Option<Quote>,
    /// Files to send with it.
    pub attachments: Vec<AttachedFile>,
    /// The open question or picker.
    pub prompt: Option<Prompt>,
    /// Replies here are SMS: show the segment count, confirm several parts.
    pub sms: bool,
    /// A short note under the text ("draft restored", why a file cannot be attached, …).
    pub note: Option<String>,
    /// Whether anything was typed since it opened (a draft read later does not overwrite it).
    pub touched: bool,
}

impl Composer {
    fn new(conversation_id: String, draft: DraftText, sms: bool) -> Self {
        let mut c = Composer {
            conversation_id,
            private: draft.private,
            input: TextArea::default(),
            quote: None,
            attachments: Vec::new(),
            prompt: None,
            sms,
            note: None,
            touched: false,
        };
        c.load(draft);
        c
    }

    /// Puts a draft's text, kind and files into the composer (the quote only by id: its text
    /// comes from the thread when the message is loaded).
    fn load(&mut self, draft: DraftText) {
        self.private = draft.private;
        self.set_text(&draft.text);
        self.quote = draft.in_reply_to.map(|id| Quote { id, who: String::new(), preview: String::new() });
        self.attachments = draft
            .attachments
            .into_iter()
            .map(|path| AttachedFile { name: file_name(&path), path, size: None })
            .collect();
    }

    /// Replaces the text, the cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        self.input = TextArea::new(lines);
        // Soft wrap: a long reply reads as a paragraph, not as one line scrolled sideways.
        self.input.set_wrap_mode(WrapMode::WordOrGlyph);
        self.input.move_cursor(CursorMove::Bottom);
        self.input.move_cursor(CursorMove::End);
        self.restyle();
    }

    /// Gives the text area the styles and placeholder it is drawn with, here rather than per
    /// frame: a clone for each frame would re-wrap the whole text every time.
    pub fn restyle(&mut self) {
        use crate::layout::theme;
        self.input.set_cursor_line_style(ratatui::style::Style::default());
        self.input.set_cursor_style(theme::selected());
        self.input.set_placeholder_style(theme::dim());
        self.input.set_placeholder_text(if self.private {
            "Only agents see a private note"
        } else {
            "Type your reply · / for canned responses"
        });
    }

    /// The text as typed, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }

    /// What the draft file keeps of it.
    pub fn draft(&self) -> DraftText {
        DraftText {
            text: self.text(),
            private: self.private,
            in_reply_to: self.quote.as_ref().map(|q| q.id.clone()),
            attachments: self.attachments.iter().map(|a| a.path.clone()).collect(),
        }
    }

    /// The SMS cost of the text, when replies here are SMS.
    pub fn sms_count(&self) -> Option<SmsCount> {
        (self.sms && !self.private).then(|| sms::count(&self.text()))
    }
}

/// Whether a message of the thread can be answered: not an activity line, not one of ours the
/// server has not confirmed.
fn quotable(m: &Message) -> bool {
    !m.id.starts_with("local:") && !matches!(m.body, MessageBody::Activity { .. })
}

fn file_name(path: &str) -> String {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or(path).to_string()
}

/// The composer's state across conversations: the open composer, the texts of closed ones,
/// unconfirmed sends, the canned responses, and an editor run waiting for the app loop.
#[derive(Debug, Clone, Default)]
pub struct ComposeState {
    /// The open composer.
    pub composer: Option<Composer>,
    /// Texts of closed composers, by conversation (also drafts read from disk, offered back).
    pub stash: HashMap<String, DraftText>,
    /// Sends the server has not confirmed, oldest first, all conversations.
    pub outbox: Vec<Outgoing>,
    /// The account's canned responses, once loaded.
    pub canned: Option<Vec<CannedResponse>>,
    /// The canned-response request in flight.
    pub(crate) canned_pending: Option<RequestId>,
    /// Text to open in `$EDITOR`: taken by the app loop, which runs the editor.
    editor_request: Option<String>,
    /// The newest draft write scheduled (older debounces are dropped).
    draft_seq: u64,
}

impl ComposeState {
    /// Whether a composer request is in flight (for the spinner).
    pub fn is_loading(&self) -> bool {
        self.canned_pending.is_some()
            || self.outbox.iter().any(|o| !matches!(o.state, SendState::Failed { .. }))
    }
}

/// Lines the composer takes at the bottom of a thread pane of `pane_rows` inner rows and
/// `pane_cols` columns: its frame, the quote and attachment lines, the text as wrapped (at
/// least two lines) and the open prompt; at most half the pane (the thread stays readable
/// above), at least five rows when there is room.
pub fn composer_rows(c: &Composer, pane_rows: usize, pane_cols: usize) -> usize {
    let text_cols = pane_cols.saturating_sub(2).max(1);
    let text_rows: usize =
        c.input.lines().iter().map(|l| crate::layout::text::width(l).div_ceil(text_cols).max(1)).sum();
    let extra = 2 + usize::from(c.quote.is_some()) + usize::from(!c.attachments.is_empty());
    let prompt = match &c.prompt {
        Some(Prompt::Canned(_)) => 7,
        Some(Prompt::Attach { completions, .. }) => {
            1 + completions.len().min(4) + usize::from(completions.len() > 4)
        }
        Some(_) => 1,
        None => 0,
    };
    let want = text_rows.max(2) + extra + prompt;
    want.min(pane_rows / 2).max(5.min(pane_rows / 2))
}

impl State {
    /// Handles a composer action.
    pub(super) fn update_compose(&mut self, action: ComposeAction) -> Vec<Command> {
        let mut cmds = Vec::new();
        match action {
            ComposeAction::Reply => self.open_composer(false, false, &mut cmds),
            ComposeAction::Note => self.open_composer(true, false, &mut cmds),
            ComposeAction::ReplyToMessage => self.open_composer(false, true, &mut cmds),
            ComposeAction::Retry => self.retry_send(&mut cmds),
            ComposeAction::EditorDone(result) => {
                if let Some(c) = self.compose.composer.as_mut() {
                    match result {
                        Ok(text) => {
                            c.set_text(&text);
                            c.touched = true;
                            c.note = Some("edited in the editor · Enter sends".into());
                            self.schedule_reply_draft(&mut cmds);
                        }
                        Err(e) => c.note = Some(e),
                    }
                }
            }
            ComposeAction::DraftDue(seq) => {
                if seq == self.compose.draft_seq
                    && let Some(id) = self.compose.composer.as_ref().map(|c| c.conversation_id.clone())
                {
                    cmds.push(self.persist_reply(&id));
                }
            }
            ComposeAction::DraftLoaded { conversation_id, result } => {
                self.reply_draft_loaded(conversation_id, result);
            }
            ComposeAction::DraftFailed(e) => self.last_error = Some(format!("reply draft not saved: {e}")),
            ComposeAction::CannedLoaded { req, result } => {
                if self.compose.canned_pending == Some(req) {
                    self.compose.canned_pending = None;
                    match result {
                        Ok(items) => {
                            self.compose.canned = Some(items);
                            self.canned_arrived();
                        }
                        Err(e) => {
                            if let Some(c) = self.compose.composer.as_mut() {
                                c.note = Some(format!("canned responses: {e}"));
                            }
                        }
                    }
                }
            }
            ComposeAction::Completed { req, typed, candidates } => {
                self.path_completed(req, &typed, candidates)
            }
            ComposeAction::Inspected { path, result } => {
                if let Some(c) = self.compose.composer.as_mut() {
                    match result {
                        Ok((name, size)) => {
                            c.attachments.push(AttachedFile { path, name, size: Some(size) });
                            if matches!(c.prompt, Some(Prompt::Attach { .. })) {
                                c.prompt = None;
                            }
                            c.note = None;
                            c.touched = true;
                            self.schedule_reply_draft(&mut cmds);
                        }
                        Err(e) => c.note = Some(format!("cannot attach {e}")),
                    }
                }
            }
            ComposeAction::Sent { conversation_id, echo_id, result } => {
                self.send_answered(&conversation_id, &echo_id, result, &mut cmds);
            }
            ComposeAction::Checked { conversation_id, echo_id, result } => {
                self.send_checked(&conversation_id, &echo_id, result, &mut cmds);
            }
            other => {
                if self.compose.composer.is_some() {
                    self.composer_action(other, &mut cmds);
                }
            }
        }
        cmds
    }

    /// The conversation a reply key means: the open thread's when it is focused, else the
    /// selected row of the inbox or the conversations pane (which is opened first).
    fn reply_target(&mut self, cmds: &mut Vec<Command>) -> Option<String> {
        match self.focus {
            Pane::Thread => self.thread.conversation_id.clone(),
            Pane::Contacts if self.inbox_shown() => {
                let c = self.inbox.active().selected_item().cloned()?;
                let id = c.id.clone();
                if self.thread.conversation_id.as_deref() != Some(&id) {
                    cmds.extend(self.open_inbox_conversation(c));
                }
                self.focus = Pane::Thread;
                Some(id)
            }
            Pane::Conversations => {
                let c = self.conversations.selected_item().cloned()?;
                if self.thread.conversation_id.as_deref() != Some(&c.id) {
                    let name = self.conversations.contact_name.clone();
                    cmds.extend(self.open_thread(c.id.clone(), super::inbox::conversation_title(&c), name));
                }
                self.focus = Pane::Thread;
                Some(c.id)
            }
            Pane::Contacts => None,
        }
    }

    fn open_composer(&mut self, private: bool, quote: bool, cmds: &mut Vec<Command>) {
        let Some(id) = self.reply_target(cmds) else {
            self.show_info("open a conversation to answer it".into(), cmds);
            return;
        };
        if private && !self.account.capabilities.private_notes {
            self.say_unavailable("private notes", cmds);
            return;
        }
        let quoted = if quote { self.quote_in_view() } else { None };
        if self.compose.composer.as_ref().is_some_and(|c| c.conversation_id != id) {
            self.close_composer(cmds);
        }
        let sms = self.account.capabilities.sms_segments && self.conversation_channel(&id) == "sms";
        let composer = match self.compose.composer.take() {
            Some(c) => c,
            None => {
                let draft = self.compose.stash.remove(&id).unwrap_or_default();
                let restored = !draft.is_empty();
                let mut c = Composer::new(id.clone(), draft, sms);
                if restored {
                    c.note = Some("draft restored".into());
                }
                c
            }
        };
        let mut composer = composer;
        if composer.text().is_empty() && composer.attachments.is_empty() {
            composer.private = private;
            composer.restyle();
        } else if composer.private != private {
            composer.note = Some(format!(
                "kept your draft {} · M-n switches",
                if composer.private { "note" } else { "reply" }
            ));
        }
        if let Some(q) = quoted {
            composer.quote = Some(q);
        }
        if let Some(q) = composer.quote.as_mut().filter(|q| q.preview.is_empty()) {
            // A quote restored from a draft: name it from the thread when its message is loaded.
            let id = q.id.clone();
            if let Some(found) = self.quote_of(&id) {
                *q = found;
            }
        }
        self.compose.composer = Some(composer);
        self.focus = Pane::Thread;
        if self.account.capabilities.canned_responses && self.compose.canned.is_none() {
            self.load_canned(cmds);
        }
    }

    /// The message at the bottom of the thread view, as a quote (activity lines and unsent
    /// messages cannot be answered).
    fn quote_in_view(&self) -> Option<Quote> {
        (self.thread.anchor..self.thread.anchor + 50)
            .filter_map(|i| self.thread.nth_newest(i))
            .find(|m| quotable(m))
            .map(|m| self.quote_from(m))
    }

    /// Quotes the next older (or newer) message than the one quoted now, among the loaded
    /// messages that can be answered; from none, the newest; newer than the newest, none.
    fn move_quote(&mut self, older: bool) {
        let quotable: Vec<&Message> =
            (0..).map_while(|i| self.thread.nth_newest(i)).filter(|m| quotable(m)).collect();
        let current = self.compose.composer.as_ref().and_then(|c| c.quote.as_ref()).map(|q| q.id.clone());
        let at = current.and_then(|id| quotable.iter().position(|m| m.id == id));
        let next = match (at, older) {
            (None, true) => Some(0),
            (None, false) => None,
            (Some(i), true) => Some((i + 1).min(quotable.len().saturating_sub(1))),
            (Some(i), false) => i.checked_sub(1),
        };
        let quote = next.and_then(|i| quotable.get(i)).map(|m| self.quote_from(m));
        if let Some(c) = self.compose.composer.as_mut() {
            c.quote = quote;
        }
    }

    fn quote_of(&self, id: &str) -> Option<Quote> {
        (0..self.thread.loaded())
            .filter_map(|i| self.thread.nth_newest(i))
            .find(|m| m.id == id)
            .map(|m| self.quote_from(m))
    }

    fn quote_from(&self, m: &Message) -> Quote {
        let who = if !m.sender_name.is_empty() {
            m.sender_name.clone()
        } else if m.sender == imbox_model::Sender::Contact {
            self.thread.contact_name.clone()
        } else {
            "Agent".into()
        };
        let preview = m.body.preview().lines().next().unwrap_or_default().to_string();
        Quote { id: m.id.clone(), who, preview }
    }

    /// The channel of conversation `id` as its row says (`sms`, `rcs`, …), empty when unknown.
    fn conversation_channel(&self, id: &str) -> String {
        self.inbox
            .find(id)
            .or_else(|| self.conversations.items.iter().find(|c| c.id == id))
            .map(|c| c.channel_type.to_ascii_lowercase())
            .unwrap_or_default()
    }

    fn load_canned(&mut self, cmds: &mut Vec<Command>) {
        if self.compose.canned_pending.is_none() {
            let req = self.req();
            self.compose.canned_pending = Some(req);
            cmds.push(Command::Compose(ComposeCommand::LoadCanned { req }));
        }
    }

    /// Closes the composer, keeping its text for the conversation (in memory and on disk).
    fn close_composer(&mut self, cmds: &mut Vec<Command>) {
        let Some(c) = self.compose.composer.take() else { return };
        let id = c.conversation_id.clone();
        let draft = c.draft();
        if draft.is_empty() {
            self.compose.stash.remove(&id);
        } else {
            self.compose.stash.insert(id.clone(), draft);
        }
        cmds.push(self.persist_reply(&id));
    }

    fn composer_action(&mut self, action: ComposeAction, cmds: &mut Vec<Command>) {
        match action {
            ComposeAction::Close => self.close_composer(cmds),
            ComposeAction::Key(ev) => self.composer_key(ev, cmds),
            ComposeAction::Newline => {
                if let Some(c) = self.compose.composer.as_mut() {
                    c.input.insert_newline();
                    c.touched = true;
                    self.schedule_reply_draft(cmds);
                }
            }
            ComposeAction::ToggleNote => {
                if !self.account.capabilities.private_notes {
                    self.say_unavailable("private notes", cmds);
                } else if let Some(c) = self.compose.composer.as_mut() {
                    c.private = !c.private;
                    c.restyle();
                    self.schedule_reply_draft(cmds);
                }
            }
            ComposeAction::DropQuote => {
                if let Some(c) = self.compose.composer.as_mut() {
                    c.quote = None;
                    self.schedule_reply_draft(cmds);
                }
            }
            ComposeAction::QuoteOlder | ComposeAction::QuoteNewer => {
                if !self.account.capabilities.reply_to {
                    self.say_unavailable("replying to a message", cmds);
                    return;
                }
                self.move_quote(action == ComposeAction::QuoteOlder);
                self.schedule_reply_draft(cmds);
            }
            ComposeAction::DropAttachment => {
                if let Some(c) = self.compose.composer.as_mut() {
                    c.attachments.pop();
                    self.schedule_reply_draft(cmds);
                }
            }
            ComposeAction::Canned => {
                if !self.account.capabilities.canned_responses {
                    self.say_unavailable("canned responses", cmds);
                    return;
                }
                if self.compose.canned.is_none() {
                    self.load_canned(cmds);
                }
                if let Some(c) = self.compose.composer.as_mut() {
                    c.prompt = Some(Prompt::Canned(CannedPicker::default()));
                }
            }
            ComposeAction::Attach => {
                if !self.account.capabilities.reply_attachments {
                    self.say_unavailable("attachments", cmds);
                } else if let Some(c) = self.compose.composer.as_mut() {
                    c.prompt = Some(Prompt::Attach {
                        input: Box::default(),
                        completions: Vec::new(),
                        pending: None,
                    });
                }
            }
            ComposeAction::Editor => {
                if let Some(c) = self.compose.composer.as_ref() {
                    self.compose.editor_request = Some(c.text());
                }
            }
            ComposeAction::Send => self.try_send(false, false, cmds),
            ComposeAction::Answer(yes) => self.answer(yes, cmds),
            _ => {}
        }
    }

    /// The text the app loop should open in the editor, once.
    pub fn take_editor_request(&mut self) -> Option<String> {
        self.compose.editor_request.take()
    }

    fn answer(&mut self, yes: bool, cmds: &mut Vec<Command>) {
        let Some(c) = self.compose.composer.as_mut() else { return };
        let prompt = c.prompt.take();
        if !yes {
            return;
        }
        match prompt {
            Some(Prompt::Unfilled(_)) => self.try_send(true, false, cmds),
            Some(Prompt::Segments(_)) => self.try_send(true, true, cmds),
            _ => {}
        }
    }
}
