//! Copying (`y`) and opening the thread's links (`o`).
//!
//! A copy goes to the system clipboard as OSC 52, which works over SSH; inside tmux it needs
//! `set -g set-clipboard on` (docs/keybindings.md). The state only keeps the bytes: the loop
//! writes them between two frames ([`State::take_terminal_output`]), as it does for alerts, so
//! nothing lands inside a frame. Only sanitized text is copied, cut to
//! [`osc::MAX_COPY_BYTES`].
//!
//! The thread has no message cursor: the view scrolls by line, and its bottom edge is where
//! `k`/`j` move. So `y` copies the message at the bottom of the view — the newest one until the
//! agent scrolls up — and the notice names what it copied. `o` offers the web links and
//! attachments of the loaded messages, newest first; only `http(s)` URLs are opened, so a
//! server cannot make the opener start a local file or another scheme's handler. Where the
//! system has no opener, the link is copied instead, and the notice says so.

use super::State;
use super::acts::menu::{Menu, MenuKind};
use crate::action::ClipAction;
use crate::command::{Command, ContactCommand};
use crate::layout::{osc, text};
use imbox_model::MessageBody;

/// Most links the picker offers (the newest ones).
pub const MAX_LINKS: usize = 20;

/// Cells a link takes in the picker: it fits the 60-column box with its number.
const LINK_LABEL_CELLS: usize = 50;

/// `url` as the picker shows it: whole when short; else its start and its end around `…`, as
/// links to one host differ at the end (file names), where a cut at the end would hide it.
pub(super) fn link_label(url: &str) -> String {
    let chars: Vec<char> = url.chars().collect();
    if chars.len() <= LINK_LABEL_CELLS {
        return url.to_string();
    }
    let head = LINK_LABEL_CELLS / 3;
    let tail = LINK_LABEL_CELLS - head - 1;
    let mut out: String = chars[..head].iter().collect();
    out.push('…');
    out.extend(&chars[chars.len() - tail..]);
    out
}

impl State {
    /// Handles a copy or open key, or a link chosen in the picker.
    pub(super) fn update_clip(&mut self, action: ClipAction) -> Vec<Command> {
        let mut cmds = Vec::new();
        match action {
            ClipAction::Copy => self.copy_selected(&mut cmds),
            ClipAction::OpenLink => {
                let links = self.thread_links();
                match links.len() {
                    0 => self.show_info("no link or attachment in the loaded messages".into(), &mut cmds),
                    1 => cmds.extend(self.update_clip(ClipAction::OpenUrl(links[0].clone()))),
                    _ => {
                        self.acts.menu = Some(Menu {
                            kind: MenuKind::Links,
                            selected: 0,
                            checked: Vec::new(),
                            loading: false,
                            targets: 0,
                            target: None,
                            links,
                        })
                    }
                }
            }
            ClipAction::OpenUrl(url) if osc::is_web_url(&url) => {
                cmds.push(Command::Contact(ContactCommand::CheckOpener { url }));
            }
            ClipAction::OpenUrl(_) => self.last_error = Some("only http(s) links are opened".into()),
        }
        cmds
    }

    /// The opener check for a link of the thread came back: open it, or copy it instead.
    pub(super) fn thread_opener_checked(&mut self, url: String, found: bool) -> Vec<Command> {
        let mut cmds = Vec::new();
        if found {
            self.show_notice(format!("opened {}", text::truncate(&url, 60)), &mut cmds);
            cmds.push(Command::OpenUrl(url));
        } else {
            let name = crate::action::details::opener_name();
            self.copy(&url, &format!("no {name}: copied {}", text::truncate(&url, 50)), &mut cmds);
        }
        cmds
    }

    /// The web links and attachments of the loaded messages, newest first, each once, at most
    /// [`MAX_LINKS`].
    pub fn thread_links(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while let Some(m) = self.thread.nth_newest(i) {
            for url in osc::message_links(m) {
                if out.len() == MAX_LINKS {
                    return out;
                }
                if !out.contains(&url) {
                    out.push(url);
                }
            }
            i += 1;
        }
        out
    }

    /// The bytes for the terminal (a clipboard copy) not yet written, for the loop to write
    /// between frames.
    pub fn take_terminal_output(&mut self) -> Option<Vec<u8>> {
        (!self.terminal_out.is_empty()).then(|| std::mem::take(&mut self.terminal_out))
    }

    fn copy_selected(&mut self, cmds: &mut Vec<Command>) {
        if let Some(menu) = &self.acts.menu {
            // The link picker copies the link under its cursor; other menus copy nothing.
            if let Some(url) = menu.links.get(menu.selected).cloned() {
                self.copy(&url, &format!("copied {}", text::truncate(&url, 60)), cmds);
            }
            return;
        }
        if let Some(d) = &self.details {
            let (what, text) = match d.copy_box.clone().or_else(|| d.urls().get(d.url).cloned()) {
                Some(url) => (format!("copied {}", text::truncate(&url, 60)), url),
                None => {
                    let c = &d.contact;
                    let parts: Vec<&str> =
                        [c.display_name.as_str(), c.phone_number.as_str(), c.email.as_str()]
                            .into_iter()
                            .filter(|p| !p.is_empty())
                            .collect();
                    let text = parts.join("\n");
                    (format!("copied the contact ({} lines)", parts.len()), text)
                }
            };
            self.copy(&text, &what, cmds);
            return;
        }
        let Some(m) = self.thread.nth_newest(self.thread.anchor) else {
            self.show_info("no message to copy".into(), cmds);
            return;
        };
        let (text, what) = match &m.body {
            MessageBody::Image { url, .. } | MessageBody::File { url, .. } if !url.is_empty() => {
                (url.clone(), format!("copied {}", text::truncate(url, 60)))
            }
            MessageBody::Text { text, .. } => (text.clone(), String::new()),
            other => (other.preview(), String::new()),
        };
        let what = if what.is_empty() {
            format!("copied message ({} chars)", text::thousands(text.chars().count() as u64))
        } else {
            what
        };
        self.copy(&text, &what, cmds);
    }

    /// Puts `text` (sanitized, cut) on the clipboard and says `what` was copied.
    fn copy(&mut self, text: &str, what: &str, cmds: &mut Vec<Command>) {
        let clean = imbox_api::sanitize::text(text);
        if clean.is_empty() {
            self.show_info("nothing to copy".into(), cmds);
            return;
        }
        let (kept, was_cut) = osc::cut(&clean, osc::MAX_COPY_BYTES);
        self.terminal_out.extend(osc::osc52(kept));
        let note = if was_cut {
            format!("{what}, cut to {} bytes", text::thousands(kept.len() as u64))
        } else {
            what.into()
        };
        self.show_notice(note, cmds);
    }
}
