//! The contact details overlay: every field, the contact's files and comments.
//!
//! Files and comments load through [`ContactCommand`]s when the overlay opens; each list shows
//! its own loading and error state. The overlay scrolls by line; Tab/Shift-Tab select one of
//! its URLs (avatar, files) and `o` opens the selected one, or shows it ready to copy when the
//! system has no opener (the job checks `PATH`, `update` stays pure).

use super::{Pane, State};
use crate::action::DetailsAction;
use crate::action::{Action, RequestId};
use crate::command::Command;
use crate::command::ContactCommand;
use crate::layout::text;
use imbox_model::{Comment, Contact, ContactFile};
use jiff::tz::TimeZone;

/// A list that loads in the background.
#[derive(Debug, Clone, PartialEq)]
pub enum Loadable<T> {
    /// Asked for, under this request id.
    Loading(RequestId),
    /// Arrived.
    Ready(T),
    /// Failed, with the error in plain words.
    Failed(String),
    /// Not a feature of the account's backend (said, not asked for).
    Unavailable(String),
}

/// State of the details overlay (present while it is shown).
#[derive(Debug, Clone)]
pub struct DetailsState {
    /// The contact shown (kept current by `State::replace_contact`).
    pub contact: Contact,
    /// Its files.
    pub files: Loadable<Vec<ContactFile>>,
    /// Its comments.
    pub comments: Loadable<Vec<Comment>>,
    /// First line shown.
    pub scroll: usize,
    /// Index of the selected URL among [`DetailsState::urls`].
    pub url: usize,
    /// A URL shown in a box, ready to copy (no system opener was found).
    pub copy_box: Option<String>,
}

/// What one line of the overlay shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A section heading.
    Heading(String),
    /// A field: label and (one line of its) value; an empty label continues the field above.
    Field(&'static str, String),
    /// An extra field the server sent, with its own name.
    Extra(String, String),
    /// A URL with its index among the selectable URLs.
    Url(String, usize),
    /// Secondary text (file types, comment authors, loading and empty states).
    Dim(String),
    /// An error.
    Error(String),
    /// Plain text (comment bodies).
    Text(String),
}

impl DetailsState {
    /// Every selectable URL, in the order they appear: the avatar, then the files.
    pub fn urls(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.contact.avatar_url.is_empty() {
            out.push(self.contact.avatar_url.clone());
        }
        if let Loadable::Ready(files) = &self.files {
            out.extend(files.iter().filter(|f| !f.url.is_empty()).map(|f| f.url.clone()));
        }
        out
    }

    /// The overlay's lines for a text width of `width` columns, times in `tz`.
    pub fn rows(&self, width: usize, tz: &TimeZone) -> Vec<Row> {
        let c = &self.contact;
        let width = width.max(10);
        let value_width = width.saturating_sub(LABEL_WIDTH).max(5);
        let mut rows = vec![Row::Heading(super::people::contact_label(c).into_owned())];
        let field = |rows: &mut Vec<Row>, label: &'static str, value: &str| {
            if value.is_empty() {
                return;
            }
            for (i, line) in value.lines().flat_map(|l| text::wrap(l, value_width)).enumerate() {
                rows.push(Row::Field(if i == 0 { label } else { "" }, line));
            }
        };
        field(&mut rows, "First name", &c.first_name);
        field(&mut rows, "Last name", &c.last_name);
        field(&mut rows, "Email", &c.email);
        let phone = match (c.area_code.as_str(), c.phone_number.as_str()) {
            ("", p) => p.to_string(),
            (a, p) => format!("+{a} {p}"),
        };
        field(&mut rows, "Phone", phone.trim());
        field(&mut rows, "Gender", &c.gender);
        field(&mut rows, "Language", &c.language);
        field(&mut rows, "Time zone", &c.time_zone);
        field(&mut rows, "Channel", &c.channel_type);
        field(&mut rows, "Organisation", &c.organization_id);
        field(&mut rows, "Id", &c.id);
        let date = |t: Option<jiff::Timestamp>| {
            t.map(|t| t.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()
        };
        field(&mut rows, "Created", &date(c.created_at));
        field(&mut rows, "Updated", &date(c.updated_at));
        field(&mut rows, "Last seen", &date(c.last_seen));
        field(&mut rows, "Remark", &c.remark);
        let mut url_index = 0;
        if !c.avatar_url.is_empty() {
            rows.push(Row::Field("Avatar", String::new()));
            rows.push(Row::Url(c.avatar_url.clone(), url_index));
            url_index += 1;
        }
        for (k, v) in &c.extra {
            for (i, line) in text::wrap(v, value_width).into_iter().enumerate() {
                rows.push(Row::Extra(if i == 0 { k.clone() } else { String::new() }, line));
            }
        }
        rows.push(Row::Dim(String::new()));
        match &self.files {
            Loadable::Loading(_) => {
                rows.push(Row::Heading("Files".into()));
                rows.push(Row::Dim("loading files…".into()));
            }
            Loadable::Failed(e) => {
                rows.push(Row::Heading("Files".into()));
                rows.push(Row::Error(format!("could not load files: {e}")));
            }
            Loadable::Unavailable(why) => {
                rows.push(Row::Heading("Files".into()));
                rows.push(Row::Dim(why.clone()));
            }
            Loadable::Ready(files) => {
                rows.push(Row::Heading(format!("Files ({})", files.len())));
                if files.is_empty() {
                    rows.push(Row::Dim("no files".into()));
                }
                for f in files {
                    let caption = if f.caption.is_empty() { "(no caption)" } else { &f.caption };
                    let kind = [f.kind.as_str(), f.extension.as_str()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let when = f.created_at.map(|t| format!(" · {}", date(Some(t)))).unwrap_or_default();
                    rows.push(Row::Text(text::truncate(caption, width)));
                    rows.push(Row::Dim(text::truncate(&format!("  {kind}{when}"), width)));
                    if !f.url.is_empty() {
                        rows.push(Row::Url(f.url.clone(), url_index));
                        url_index += 1;
                    }
                }
            }
        }
        rows.push(Row::Dim(String::new()));
        match &self.comments {
            Loadable::Loading(_) => {
                rows.push(Row::Heading("Comments".into()));
                rows.push(Row::Dim("loading comments…".into()));
            }
            Loadable::Failed(e) => {
                rows.push(Row::Heading("Comments".into()));
                rows.push(Row::Error(format!("could not load comments: {e}")));
            }
            Loadable::Unavailable(why) => {
                rows.push(Row::Heading("Comments".into()));
                rows.push(Row::Dim(why.clone()));
            }
            Loadable::Ready(list) => {
                rows.push(Row::Heading(format!("Comments ({})", list.len())));
                if list.is_empty() {
                    rows.push(Row::Dim("no comments".into()));
                }
                for cm in list {
                    let who = if cm.author.is_empty() { "someone" } else { &cm.author };
                    rows.push(Row::Dim(format!("{who} · {}", date(cm.created_at))));
                    for l in cm.text.lines().flat_map(|l| text::wrap(l, width.saturating_sub(2))) {
                        rows.push(Row::Text(format!("  {l}")));
                    }
                }
            }
        }
        rows
    }
}

/// Columns of the label column.
pub const LABEL_WIDTH: usize = 14;

impl State {
    /// The contact `i` and `e` act on: the open contact in the conversations pane, otherwise
    /// the selected one in the contact list.
    pub(super) fn contact_in_focus(&self) -> Option<Contact> {
        if self.focus != Pane::Contacts {
            // The open contact, wherever it was opened from (the list or search results).
            let id = self.conversations.contact_id.as_ref()?;
            return self
                .contacts
                .loaded()
                .map(|(_, c)| c)
                .find(|c| &c.id == id)
                .or_else(|| self.search.find_contact(id))
                .cloned()
                .or_else(|| self.seen.find(id));
        }
        if self.search.active {
            return self.search.selected_contact().cloned();
        }
        self.contacts.selected_item().cloned()
    }

    fn details_geometry(&self) -> (usize, usize) {
        let r = crate::layout::details_text_area(self.size);
        (r.width as usize, r.height as usize)
    }

    /// Handles a details action.
    pub(super) fn update_details(&mut self, action: DetailsAction) -> Vec<Command> {
        let mut cmds = Vec::new();
        if let DetailsAction::Open = action {
            let Some(contact) = self.contact_in_focus() else {
                return cmds;
            };
            if !self.account.capabilities.contact_files {
                // Files and comments are iMBRACE features; say so instead of asking for them.
                let missing = format!("not available on {}", self.account.kind.name());
                self.details = Some(DetailsState {
                    contact,
                    files: Loadable::Unavailable(missing.clone()),
                    comments: Loadable::Unavailable(missing),
                    scroll: 0,
                    url: 0,
                    copy_box: None,
                });
                return cmds;
            }
            let (files_req, comments_req) = (self.req(), self.req());
            let id = contact.id.clone();
            cmds.push(Command::Contact(ContactCommand::LoadFiles { req: files_req, contact_id: id.clone() }));
            // The seeds give no way to learn a comment id (the one example is an empty list
            // for a pair of ids): the contact id stands in for it. See docs/keybindings.md.
            cmds.push(Command::Contact(ContactCommand::LoadComments {
                req: comments_req,
                contact_id: id.clone(),
                comment_id: id,
            }));
            self.details = Some(DetailsState {
                contact,
                files: Loadable::Loading(files_req),
                comments: Loadable::Loading(comments_req),
                scroll: 0,
                url: 0,
                copy_box: None,
            });
            return cmds;
        }
        // A link of the thread (`o`): the overlay was never open.
        if let DetailsAction::OpenerChecked { url, found } = &action
            && self.details.is_none()
        {
            return self.thread_opener_checked(url.clone(), *found);
        }
        let (width, viewport) = self.details_geometry();
        let tz = self.tz.clone();
        let Some(d) = self.details.as_mut() else {
            return cmds;
        };
        let max_scroll = |d: &DetailsState| d.rows(width, &tz).len().saturating_sub(viewport);
        match action {
            DetailsAction::Open => {}
            DetailsAction::Close => {
                if d.copy_box.take().is_none() {
                    self.details = None;
                }
            }
            DetailsAction::Scroll(n) => d.scroll = d.scroll.saturating_add_signed(n).min(max_scroll(d)),
            DetailsAction::Page(n) => {
                let step = n.saturating_mul(viewport.max(1) as isize);
                d.scroll = d.scroll.saturating_add_signed(step).min(max_scroll(d));
            }
            DetailsAction::Top => d.scroll = 0,
            DetailsAction::Bottom => d.scroll = max_scroll(d),
            DetailsAction::NextUrl | DetailsAction::PrevUrl => {
                let n = d.urls().len();
                if n > 0 {
                    let forward = action == DetailsAction::NextUrl;
                    d.url = if forward { (d.url + 1) % n } else { (d.url + n - 1) % n };
                    // Bring the selected URL's line into view.
                    let rows = d.rows(width, &tz);
                    if let Some(line) = rows.iter().position(|r| matches!(r, Row::Url(_, i) if *i == d.url)) {
                        if line < d.scroll {
                            d.scroll = line;
                        } else if line >= d.scroll + viewport {
                            d.scroll = line + 1 - viewport.max(1);
                        }
                    }
                }
            }
            DetailsAction::OpenUrl => {
                if let Some(url) = d.urls().get(d.url).cloned() {
                    cmds.push(Command::Contact(ContactCommand::CheckOpener { url }));
                }
            }
            DetailsAction::FilesLoaded { req, result } => {
                if d.files == Loadable::Loading(req) {
                    d.files = match result {
                        Ok(f) => Loadable::Ready(f),
                        Err(e) => Loadable::Failed(e.to_string()),
                    };
                }
            }
            DetailsAction::CommentsLoaded { req, result } => {
                if d.comments == Loadable::Loading(req) {
                    d.comments = match result {
                        Ok(c) => Loadable::Ready(c),
                        Err(e) => Loadable::Failed(e.to_string()),
                    };
                }
            }
            DetailsAction::OpenerChecked { url, found } => {
                if found {
                    self.show_notice(format!("opened {}", text::truncate(&url, 60)), &mut cmds);
                    cmds.push(Command::OpenUrl(url));
                } else {
                    d.copy_box = Some(url);
                }
            }
        }
        cmds
    }

    /// Shows a short confirmation in the status line and schedules its removal.
    pub(super) fn show_notice(&mut self, text: String, cmds: &mut Vec<Command>) {
        self.show_note(format!("✔ {text}"), cmds);
    }

    /// Shows a note that is not a confirmation ("ⓘ …") the same way.
    pub(super) fn show_info(&mut self, text: String, cmds: &mut Vec<Command>) {
        self.show_note(format!("ⓘ {text}"), cmds);
    }

    pub(super) fn show_note(&mut self, text: String, cmds: &mut Vec<Command>) {
        self.set_notice(text.clone());
        cmds.push(Command::Schedule {
            after: std::time::Duration::from_secs(4),
            action: Box::new(Action::Form(crate::action::FormAction::ClearNotice(text))),
        });
    }
}
