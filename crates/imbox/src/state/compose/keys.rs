//! Keys typed into the open composer: the text itself, the canned-response picker, the attach
//! prompt and its completions; and the values canned responses are filled with.

use super::Prompt;
use super::canned::{self, CannedPicker, Variables};
use crate::action::RequestId;
use crate::command::Command;
use crate::command::compose::ComposeCommand;
use crate::state::State;
use crate::state::form::fields::typeable;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

impl State {
    /// A key while the composer is open: into its prompt, or typed into the text.
    pub(super) fn composer_key(&mut self, ev: KeyEvent, cmds: &mut Vec<Command>) {
        let Some(c) = self.compose.composer.as_mut() else { return };
        match c.prompt.take() {
            Some(Prompt::Canned(picker)) => return self.canned_key(picker, ev),
            Some(Prompt::Attach { input, completions, pending }) => {
                return self.attach_key(*input, completions, pending, ev, cmds);
            }
            other => c.prompt = other,
        }
        if c.prompt.is_some() {
            return;
        }
        // `/` at the very start opens the canned responses, as in Chatwoot's own composer.
        if ev.code == KeyCode::Char('/')
            && !ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && c.text().is_empty()
            && self.account.capabilities.canned_responses
        {
            c.prompt = Some(Prompt::Canned(CannedPicker::default()));
            if self.compose.canned.is_none() {
                self.load_canned(cmds);
            }
            return;
        }
        if let KeyCode::Char(ch) = ev.code
            && !typeable(ch)
        {
            return;
        }
        if ev.code == KeyCode::Enter {
            // Enter sends (bound in the keymap); a stray one never types a line break.
            return;
        }
        // The readline keys every text field shares (C-u to the start of the line…).
        if crate::state::readline::textarea_key(&mut c.input, ev) {
            c.touched = true;
            c.note = None;
            self.schedule_reply_draft(cmds);
        }
    }

    /// The canned responses arrived: an Enter that came before them takes effect now.
    pub(super) fn canned_arrived(&mut self) {
        let Some(c) = self.compose.composer.as_mut() else { return };
        if let Some(Prompt::Canned(picker)) = c.prompt.take_if(|p| matches!(p, Prompt::Canned(k) if k.chosen))
        {
            self.canned_key(picker, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        }
    }

    pub(super) fn canned_key(&mut self, mut picker: CannedPicker, ev: KeyEvent) {
        let items = self.compose.canned.clone().unwrap_or_default();
        let found = canned::matches(&items, &picker.query);
        let vars = self.variables();
        let Some(c) = self.compose.composer.as_mut() else { return };
        match ev.code {
            KeyCode::Esc => return,
            KeyCode::Enter if self.compose.canned.is_none() && self.compose.canned_pending.is_some() => {
                // Still on their way: chosen now, inserted when they come (see CannedPicker).
                picker.chosen = true;
            }
            KeyCode::Enter => {
                if let Some(item) = found.get(picker.selected).and_then(|&i| items.get(i)) {
                    c.input.insert_str(canned::fill(&item.content, &vars));
                    c.touched = true;
                    let left = canned::unfilled(&c.text());
                    c.note = (!left.is_empty()).then(|| format!("no value for {}", left.join(" ")));
                }
                return;
            }
            KeyCode::Up => picker.selected = picker.selected.saturating_sub(1),
            KeyCode::Down => picker.selected = (picker.selected + 1).min(found.len().saturating_sub(1)),
            KeyCode::Char('p') if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                picker.selected = picker.selected.saturating_sub(1);
            }
            KeyCode::Char('n') if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                picker.selected = (picker.selected + 1).min(found.len().saturating_sub(1));
            }
            KeyCode::Backspace => {
                picker.query.pop();
                picker.selected = 0;
            }
            // The filter is typed at its end, so both readline kills of the shared set that
            // reach back mean the same here: C-u empties it, C-w drops its last word.
            KeyCode::Char('u') if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                picker.query.clear();
                picker.selected = 0;
            }
            KeyCode::Char('w') if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                let kept = picker.query.trim_end().rfind(char::is_whitespace).map_or(0, |i| i + 1);
                picker.query.truncate(kept);
                picker.selected = 0;
            }
            KeyCode::Char(ch)
                if typeable(ch) && !ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                picker.query.push(ch);
                picker.selected = 0;
            }
            _ => {}
        }
        c.prompt = Some(Prompt::Canned(picker));
    }

    pub(super) fn attach_key(
        &mut self,
        mut input: TextArea<'static>,
        completions: Vec<String>,
        pending: Option<RequestId>,
        ev: KeyEvent,
        cmds: &mut Vec<Command>,
    ) {
        let typed = input.lines().join("");
        match ev.code {
            KeyCode::Esc => {
                if let Some(c) = self.compose.composer.as_mut() {
                    c.note = None;
                }
                return;
            }
            KeyCode::Enter => {
                if typed.trim().is_empty() {
                    return;
                }
                // The prompt stays, with what was typed, until the file is found good: a typo
                // is corrected, not typed again.
                cmds.push(Command::Compose(ComposeCommand::Inspect { path: typed.trim().to_string() }));
            }
            KeyCode::Tab => {
                let req = self.req();
                cmds.push(Command::Compose(ComposeCommand::Complete { req, typed }));
                if let Some(c) = self.compose.composer.as_mut() {
                    c.prompt =
                        Some(Prompt::Attach { input: Box::new(input), completions, pending: Some(req) });
                }
                return;
            }
            KeyCode::Char(ch) if !typeable(ch) => {}
            _ => {
                crate::state::readline::textarea_key(&mut input, ev);
            }
        }
        if let Some(c) = self.compose.composer.as_mut() {
            c.prompt = Some(Prompt::Attach { input: Box::new(input), completions, pending });
        }
    }

    pub(super) fn path_completed(&mut self, req: RequestId, typed: &str, candidates: Vec<String>) {
        let Some(c) = self.compose.composer.as_mut() else { return };
        let Some(Prompt::Attach { input, completions, pending }) = c.prompt.as_mut() else { return };
        if *pending != Some(req) || input.lines().join("") != typed {
            return;
        }
        *pending = None;
        let common = common_prefix(&candidates);
        if common.len() > typed.len() {
            let mut ta = TextArea::new(vec![common]);
            ta.move_cursor(CursorMove::End);
            **input = ta;
        }
        c.note = candidates.is_empty().then(|| format!("nothing matches {typed}"));
        *completions = if candidates.len() > 1 { candidates } else { Vec::new() };
    }

    /// What the composer fills canned-response variables with, from what is loaded.
    pub fn variables(&self) -> Variables {
        let name = self.thread.contact_name.clone();
        let contact = self
            .conversations
            .contact_id
            .as_ref()
            .and_then(|id| self.contacts.loaded().map(|(_, c)| c).find(|c| &c.id == id).cloned());
        let (first, email, phone) = match &contact {
            Some(c) => (
                c.first_name.clone(),
                c.email.clone(),
                format!("{}{}", c.area_code, c.phone_number).trim().to_string(),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        let first = if first.is_empty() {
            name.split_whitespace().next().unwrap_or_default().to_string()
        } else {
            first
        };
        Variables {
            contact_name: name,
            contact_first_name: first,
            contact_email: email,
            contact_phone: phone,
            agent_name: self.my_name().unwrap_or_default(),
        }
    }

    /// The name of the agent the token belongs to, when known (the profile, loaded at start on
    /// accounts that act on conversations).
    pub fn my_name(&self) -> Option<String> {
        self.acts.profile.as_ref().map(|p| p.name.clone()).filter(|n| !n.is_empty())
    }
}

/// The longest common prefix of `items` (by characters).
fn common_prefix(items: &[String]) -> String {
    let Some(first) = items.first() else { return String::new() };
    let mut end = first.len();
    for s in &items[1..] {
        let same = first
            .char_indices()
            .zip(s.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        end = end.min(same);
    }
    first[..end].to_string()
}
