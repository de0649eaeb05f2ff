//! The in-app re-login prompt: opened (with `L`) when the server rejected the token, it reads a
//! new token without showing it, asks the worker to check it, and closes once it works.
//!
//! The typed token lives only in a [`Secret`] (Debug prints `[redacted]`), and typed characters
//! travel in [`HiddenChar`]s, so neither `State`'s nor `Action`'s Debug output can show it. The
//! edit form and its draft are never touched here.

use super::State;
use super::connection::Link;
use crate::action::ReloginAction;
use crate::action::RequestId;
use crate::action::relogin::HiddenChar;
use crate::command::Command;
use imbox_api::Secret;

/// The prompt while it is shown.
#[derive(Debug, Clone)]
pub struct ReloginPrompt {
    /// What was typed so far (never drawn: the prompt shows one `•` per character).
    pub token: Secret,
    /// The check in flight, if any.
    pub checking: Option<RequestId>,
    /// Why the last token was not accepted.
    pub error: Option<String>,
}

impl State {
    /// Changes the re-login prompt for `action`.
    pub(super) fn update_relogin(&mut self, action: ReloginAction) -> Vec<Command> {
        let mut cmds = Vec::new();
        match action {
            ReloginAction::Open => {
                if self.connection.link == Link::Rejected && self.relogin.is_none() {
                    self.relogin =
                        Some(ReloginPrompt { token: Secret::new(""), checking: None, error: None });
                }
            }
            ReloginAction::Type(HiddenChar(c)) => {
                if let Some(p) = self.relogin.as_mut().filter(|p| p.checking.is_none()) {
                    if !c.is_control() {
                        p.token.push(c);
                    }
                    p.error = None;
                }
            }
            ReloginAction::ClearLine => {
                if let Some(p) = self.relogin.as_mut().filter(|p| p.checking.is_none()) {
                    p.token = Secret::new(String::new());
                }
            }
            ReloginAction::Backspace => {
                if let Some(p) = self.relogin.as_mut().filter(|p| p.checking.is_none()) {
                    p.token.pop();
                }
            }
            ReloginAction::Submit => {
                let req = self.req();
                if let Some(p) = self.relogin.as_mut().filter(|p| p.checking.is_none()) {
                    let token = Secret::new(p.token.expose().trim());
                    if token.is_empty() {
                        p.error = Some("type or paste the new access token".into());
                    } else {
                        p.checking = Some(req);
                        p.error = None;
                        cmds.push(Command::Relogin { req, token });
                    }
                }
            }
            ReloginAction::Cancel => self.relogin = None,
            ReloginAction::Checked { req, result } => {
                let ours = self.relogin.as_ref().is_some_and(|p| p.checking == Some(req));
                match result {
                    Ok(ok) => {
                        // The worker already uses the new token, whether or not the prompt is
                        // still open; the connection state saw the success and asks again.
                        self.relogin = None;
                        let text = match ok.stored {
                            Some(Ok(place)) => format!("token accepted · stored in {place}"),
                            Some(Err(why)) => format!("token accepted (not stored: {why})"),
                            None => "token accepted".to_string(),
                        };
                        self.show_notice(text, &mut cmds);
                        if self.badge.unread.is_none() && self.badge_pending().is_none() {
                            cmds.extend(self.refresh_badge());
                        }
                    }
                    Err(e) if ours => {
                        if let Some(p) = self.relogin.as_mut() {
                            p.checking = None;
                            p.token = Secret::new("");
                            p.error = Some(if e.is_auth() {
                                "token rejected by the server".into()
                            } else {
                                format!("could not check the token: {e}")
                            });
                        }
                    }
                    Err(_) => {}
                }
            }
        }
        cmds
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Account;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn ctrl_u_empties_the_typed_token_as_in_every_text_field() {
        let mut s = State::new(Account::default(), jiff::Timestamp::UNIX_EPOCH, jiff::tz::TimeZone::UTC);
        s.connection.link = Link::Rejected;
        s.update(crate::action::Action::Relogin(ReloginAction::Open));
        for c in "wrong".chars() {
            s.update(crate::action::Action::Relogin(ReloginAction::Type(HiddenChar(c))));
        }
        let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        let action = crate::keymap::action_for(&s, &ctrl_u).expect("C-u is bound");
        s.update(action);
        assert!(s.relogin.as_ref().is_some_and(|p| p.token.is_empty()), "nothing typed is left");
    }
}
