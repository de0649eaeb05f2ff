//! All of the app's state, split by pane, and the one pure `update` that changes it.
//!
//! `State::update` takes an [`Action`], changes state, and returns the [`Command`]s the worker
//! should run. It never does I/O and never reads the clock (ticks carry the time), so every
//! behaviour is testable without a runtime or a terminal.

pub mod acts;
pub mod alerts;
mod cached;
mod clip;
pub mod compose;
pub mod connection;
mod conversations;
pub mod details;
pub mod find;
pub mod form;
pub(crate) mod inbox;
pub mod live;
mod navigate;
mod newer;
pub mod notification_find;
mod notification_ops;
pub mod notifications;
mod open;
mod paged;
pub mod people;
pub mod poll;
mod poll_ops;
mod readline;
pub(crate) mod relogin;
pub mod search;
pub mod seen;
pub mod status_line;
mod thread;
pub mod unread;

use crate::action::{Action, RequestId};
use crate::command::Command;
use crate::layout::{self, Pane};
use connection::ConnectionState;
use conversations::ConversationsState;
use details::DetailsState;
use form::FormState;
use imbox_api::ApiError;
use imbox_model::Contact;
use inbox::InboxState;
use jiff::{Timestamp, tz::TimeZone};
use notifications::NotificationsState;
use paged::PagedList;
use search::SearchState;
use thread::ThreadState;

/// Contacts asked for per request.
pub const CONTACTS_PAGE_SIZE: u32 = 50;
/// Rows each conversation takes in its list.
pub const CONVERSATION_ROW_HEIGHT: usize = 3;

/// Who we are connected as, for the header.
#[derive(Debug, Clone)]
pub struct Account {
    /// Backend and environment label ("iMBRACE · prod", "127.0.0.1:8080").
    pub label: String,
    /// Short name for the account tabs (the profile name, or the backend's name).
    pub name: String,
    /// Whether this is the embedded demo server.
    pub demo: bool,
    /// Which server kind the account speaks.
    pub kind: imbox_api::BackendKind,
    /// What that backend can do: the UI offers only these features.
    pub capabilities: imbox_api::Capabilities,
    /// iMBRACE: the client's gateway layout, read (never asked for) when the header is drawn. The
    /// probe of `auto` answers before the first result of the account, whose arrival redraws.
    pub gateway: Option<imbox_api::imbrace::LayoutView>,
}

impl Account {
    /// The header's account text: the label, and for iMBRACE the gateway layout in use.
    pub fn header_label(&self) -> String {
        match &self.gateway {
            Some(g) => format!("{} · {}", self.label, g.describe()),
            None => self.label.clone(),
        }
    }
}

impl Default for Account {
    /// An iMBRACE account (the default kind) with iMBRACE's capabilities, so the two agree.
    fn default() -> Self {
        Account {
            label: String::new(),
            name: String::new(),
            demo: false,
            kind: imbox_api::BackendKind::Imbrace,
            capabilities: imbox_api::imbrace::CAPABILITIES,
            gateway: None,
        }
    }
}

/// One open account as the header's account tabs show it (with several accounts open).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountTab {
    /// Short name.
    pub name: String,
    /// Its unread badge, once known (None also for backends without notifications).
    pub unread: Option<u64>,
    /// Whether this is the account on screen.
    pub active: bool,
}

/// The notification badge in the header.
#[derive(Debug, Clone, Default)]
pub struct Badge {
    /// Unread notifications, once known.
    pub unread: Option<u64>,
    pending: Option<RequestId>,
    /// A refresh was asked while a request was out: one more follows its answer.
    again: bool,
}

/// The whole app state.
#[derive(Debug, Clone)]
pub struct State {
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The focused pane.
    pub focus: Pane,
    /// Whether the help overlay is open.
    pub help: bool,
    /// Lines of the help overlay scrolled past (when it is taller than the terminal).
    pub help_scroll: usize,
    /// Whether the app should exit.
    pub quit: bool,
    /// Whether something changed since the last draw.
    pub dirty: bool,
    /// The account in use.
    pub account: Account,
    /// Mark a conversation read when it is opened, where the backend can (a profile setting).
    pub mark_read_on_open: bool,
    /// Every open account, for the header tabs (empty with one account); set by the event loop.
    pub accounts: Vec<AccountTab>,
    /// The header badge.
    pub badge: Badge,
    /// The contact list.
    pub contacts: PagedList<Contact>,
    /// Every contact seen in a page so far, packed, for filter-as-you-type.
    pub seen: seen::SeenContacts,
    /// The conversation opened by its id alone whose person is not known yet (`open.rs`).
    pub naming: Option<String>,
    /// The conversations pane.
    pub conversations: ConversationsState,
    /// The thread pane.
    pub thread: ThreadState,
    /// The search line of the contacts pane.
    pub search: SearchState,
    /// The notification centre.
    pub notifications: NotificationsState,
    /// The contact details overlay, while shown.
    pub details: Option<DetailsState>,
    /// The contact edit form, while shown.
    pub form: Option<FormState>,
    /// Reachability, token state and retry countdown.
    pub connection: ConnectionState,
    /// The re-login prompt, while shown (over everything, the edit form included).
    pub relogin: Option<relogin::ReloginPrompt>,
    /// The conversation inbox (backends with `capabilities.conversation_views`).
    pub inbox: InboxState,
    /// The composer, reply drafts and unconfirmed sends (backends with `capabilities.reply`).
    pub compose: compose::ComposeState,
    /// Acting on conversations: menus, marks, the command line, requests in flight.
    pub acts: acts::ActsState,
    /// When to ask again for what is on screen (`poll.rs`).
    pub poll: poll::Poller,
    /// What is known to be unread, for the markers and the next-unread key (`unread.rs`).
    pub unread: unread::UnreadState,
    /// The realtime channel: its state for the header, typing, the catch-up after a loss.
    pub live: live::LiveState,
    /// Panes showing rows from the on-disk cache, and since when (`cached.rs`).
    pub cached: cached::CacheMarks,
    /// Alert rules, the coalescing window, terminal alerts waiting for the loop.
    pub alerts: alerts::AlertsState,
    /// Whether the terminal has the focus: only after it said so (focus reporting), since many
    /// terminals never report, and alerts must then still go out.
    pub terminal_focused: bool,
    /// The conversations failed while offline and must be asked for again.
    pending_reload_conversations: bool,
    /// The last error, in plain words, for the status bar.
    pub last_error: Option<String>,
    /// A short confirmation for the status bar ("saved …"), cleared after a few seconds.
    pub notice: Option<String>,
    /// How long the error and the notice have been shown (`status_line.rs`).
    pub status_age: status_line::StatusAge,
    /// Bytes for the terminal (a clipboard copy, OSC 52) that the loop writes between frames.
    terminal_out: Vec<u8>,
    /// Spinner frame, advanced on ticks while something loads.
    pub spinner: usize,
    /// The current time (from ticks), for relative times.
    pub now: Timestamp,
    /// The zone times are shown in.
    pub tz: TimeZone,
    next_req: RequestId,
    started: bool,
}

/// Why a backend lacks a feature, where the reason is not obvious: iMBRACE publishes no call
/// that lets an agent write into a conversation (see docs/api-coverage.md).
fn unavailable_reason(kind: imbox_api::BackendKind, feature: &str) -> Option<&'static str> {
    let answering = ["replying", "private notes", "replying to a message", "conversation actions"];
    (kind == imbox_api::BackendKind::Imbrace && answering.contains(&feature))
        .then_some("its published API has no call for an agent to write into a conversation")
}

/// Rows at the bottom of the contacts pane that show why a refresh failed, under the kept list.
pub const CONTACTS_ERROR_ROWS: usize = 3;

impl State {
    /// A fresh state for `account`, at `now`, showing times in `tz`.
    pub fn new(account: Account, now: Timestamp, tz: TimeZone) -> Self {
        State {
            size: (80, 24),
            focus: Pane::Contacts,
            help: false,
            help_scroll: 0,
            quit: false,
            dirty: true,
            account,
            mark_read_on_open: true,
            accounts: Vec::new(),
            badge: Badge::default(),
            contacts: PagedList::new(CONTACTS_PAGE_SIZE),
            seen: seen::SeenContacts::default(),
            naming: None,
            conversations: ConversationsState::default(),
            thread: ThreadState::default(),
            search: SearchState::default(),
            notifications: NotificationsState::default(),
            details: None,
            form: None,
            connection: ConnectionState::default(),
            relogin: None,
            inbox: InboxState::default(),
            compose: compose::ComposeState::default(),
            acts: acts::ActsState::new(),
            cached: cached::CacheMarks::default(),
            poll: poll::Poller::default(),
            unread: unread::UnreadState::default(),
            live: live::LiveState::default(),
            alerts: alerts::AlertsState::default(),
            terminal_focused: false,
            pending_reload_conversations: false,
            last_error: None,
            notice: None,
            status_age: status_line::StatusAge::default(),
            terminal_out: Vec::new(),
            spinner: 0,
            now,
            tz,
            next_req: 1,
            started: false,
        }
    }

    /// The commands to run at start-up: the first contacts page and the badge, each only when
    /// the backend has it (SMS/RCS has neither).
    pub fn start(&mut self) -> Vec<Command> {
        self.started = true;
        let mut cmds = self.refresh_badge();
        if self.account.capabilities.conversation_views && self.account.capabilities.inbox_views {
            // The filter values also name the inboxes the conversation rows show.
            let req = self.req();
            self.inbox.options.pending = Some(req);
            cmds.push(Command::Inbox(crate::command::InboxCommand::LoadFilterOptions { req }));
        }
        cmds.extend(self.start_acts());
        cmds.extend(self.start_unread());
        cmds.extend(self.fill_requests());
        cmds
    }

    fn req(&mut self) -> RequestId {
        self.next_req += 1;
        self.next_req
    }

    /// Whether a request the user waits for is in flight (the spinner turns): contact pages
    /// fetched ahead of the rows on screen are not waited for and do not count.
    pub fn is_loading(&self) -> bool {
        self.contacts.loading_on_screen(self.contacts_viewport())
            || self.conversations.is_loading()
            || self.thread.is_loading()
            || self.badge.pending.is_some()
            || self.form.as_ref().is_some_and(|f| f.saving.is_some() || f.uploading.is_some())
            || self.search.loading_on_screen(self.search_viewport())
            || self.notifications.is_loading()
            || self.inbox.is_loading()
            || self.compose.is_loading()
            || self.acts.is_loading()
    }

    /// The layout as if `pane` were focused (so hidden panes still have a size in narrow mode).
    pub fn layout_for(&self, pane: Pane) -> layout::Layout {
        layout::compute(self.size.0, self.size.1, pane)
    }

    /// The layout of the current frame.
    pub fn layout(&self) -> layout::Layout {
        self.layout_for(self.focus)
    }

    /// Rows of the contact list on screen.
    pub fn contacts_viewport(&self) -> usize {
        let rows = layout::inner_height(self.layout_for(Pane::Contacts).contacts);
        // A kept list with an error gives its last rows to the error.
        if self.contacts.error.is_some() && self.contacts.is_known() {
            rows.saturating_sub(CONTACTS_ERROR_ROWS).max(1)
        } else {
            rows
        }
    }

    /// Conversations that fit on screen.
    pub fn conversations_viewport(&self) -> usize {
        layout::inner_height(self.layout_for(Pane::Conversations).conversations) / CONVERSATION_ROW_HEIGHT
    }

    /// Lines of the thread on screen (above the composer, while it is open).
    pub fn thread_viewport(&self) -> usize {
        let rows = layout::inner_height(self.layout_for(Pane::Thread).thread);
        let rows = rows - self.composer_rows(rows, self.thread_width());
        rows - self.typing_rows(rows)
    }

    /// Rows the open composer takes at the bottom of a thread pane of `pane_rows` inner rows
    /// and `pane_cols` columns.
    pub fn composer_rows(&self, pane_rows: usize, pane_cols: usize) -> usize {
        match &self.compose.composer {
            Some(c) => compose::composer_rows(c, pane_rows, pane_cols),
            // A kept draft for the open conversation: one line offers it back.
            None => usize::from(self.draft_offer().is_some() && pane_rows > 4),
        }
    }

    /// The kept draft of the open conversation while its composer is closed.
    pub fn draft_offer(&self) -> Option<&crate::action::compose::DraftText> {
        self.thread.conversation_id.as_ref().and_then(|id| self.compose.stash.get(id))
    }

    /// Columns of the thread's text.
    pub fn thread_width(&self) -> usize {
        layout::inner_width(self.layout_for(Pane::Thread).thread)
    }

    /// Changes state for `action` and returns the requests to make.
    pub fn update(&mut self, action: Action) -> Vec<Command> {
        let mut cmds = Vec::new();
        // A contact page fetched ahead that lands off screen changes nothing drawn: no frame
        // (a `j` that scrolls half a page would otherwise draw twice, the second time ~2 ms
        // later for nothing). Decided before anything is applied.
        let quiet = self.lands_off_screen(&action)
            || matches!(action, Action::CachedContacts(_)) && !self.search.active;
        // The same for a later page of the server's search results: drawn only if applying it
        // starts or stops the spinner (judged after it is applied).
        let search_off = self.search_page_lands_off_screen(&action);
        let was_loading = search_off && self.is_loading();
        if let Some(outcome) = connection::api_outcome(&action) {
            self.observe(&outcome);
        }
        // A draft's debounce changes nothing on screen: it writes the draft (when it is the
        // latest) without a redraw. Every typed key schedules one, and a redraw for each of them
        // half a second later would compete with the keys typed then.
        if let Action::Compose(a @ crate::action::ComposeAction::DraftDue(_)) = action {
            return self.update_compose(a);
        }
        // A search pause an earlier key started, or an answer to a query no longer typed,
        // changes nothing: no redraw (each typed key's timer used to draw a frame that moved
        // only the cursor).
        let action = match action {
            Action::Search(a) if self.search.superseded(&a) => return self.update_search(a),
            other => other,
        };
        // The alerts change nothing on screen (focus, coalescing, delivery): no redraw.
        if let Action::Alert(a) = action {
            return self.update_alerts(a);
        }
        // A cached answer shows only where its pane is empty, and redraws only then (`cached.rs`).
        let action = match action {
            Action::Cached { stored_at, action } => {
                let mut cmds = self.apply_cached(stored_at, *action);
                cmds.extend(self.fill_requests());
                return cmds;
            }
            other => other,
        };
        self.clear_cache_mark(&action);
        // A poll's answer: the schedule learns how it went; the thread's and the notifications'
        // are handled there.
        let Some(action) = self.poll_answer(action, &mut cmds) else {
            self.note_thread_seen();
            cmds.extend(self.fill_requests());
            return cmds;
        };
        match action {
            Action::Tick(now) => {
                let minute_changed = now.as_second() / 60 != self.now.as_second() / 60;
                self.now = now;
                if self.is_loading() {
                    self.spinner = self.spinner.wrapping_add(1);
                    self.dirty = true;
                }
                if minute_changed {
                    self.dirty = true;
                }
                cmds.extend(self.connection_tick(now));
                cmds.extend(self.live_tick(now));
                self.notifications_tick();
                cmds.extend(self.poll_tick(now));
                self.status_tick();
                return cmds;
            }
            Action::Quit => self.quit = true,
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            // The drawing clamps it to what the overlay holds.
            Action::HelpScroll(d) => self.help_scroll = self.help_scroll.saturating_add_signed(d).min(500),
            Action::Back => {
                if self.help {
                    self.help = false;
                } else if self.layout().narrow && self.focus != Pane::Contacts {
                    self.focus = self.focus.prev();
                }
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.contacts.scroll_to_selection(self.contacts_viewport());
                let v = self.conversations_viewport();
                self.conversations.scroll_to_selection(v);
                let v = self.inbox_viewport();
                self.inbox.active_mut().scroll_to_selection(v);
            }
            Action::ContactsLoaded { req, skip, result } => {
                let result = result.map_err(|e| self.note_error(&e));
                if let Ok(page) = &result {
                    self.seen.reserve(usize::try_from(page.total).unwrap_or(usize::MAX));
                    for (i, c) in page.items.iter().enumerate() {
                        self.seen.insert(c, Some(skip as usize + i));
                    }
                }
                // Fresh rows replacing cached ones keep the selection on its contact.
                // (Looked for in the page that arrived only: a row of another page is older.)
                let chosen = self.contacts.selected_item().map(|c| c.id.clone());
                let rows = result.as_ref().map_or(0..0, |p| skip as usize..skip as usize + p.items.len());
                self.contacts.apply(req, skip, result);
                let moved = chosen
                    .and_then(|id| rows.clone().find(|i| self.contacts.get(*i).is_some_and(|c| c.id == id)));
                match moved {
                    Some(i) if i != self.contacts.selected => {
                        self.contacts.select(i, self.contacts_viewport())
                    }
                    _ => self.contacts.scroll_to_selection(self.contacts_viewport()),
                }
            }
            Action::ConversationsLoaded { req, result } => {
                if let Ok(items) = &result {
                    self.note_conversations(items);
                }
                let result = result.map_err(|e| self.note_error(&e));
                let chosen = self.conversations.selected_item().map(|c| c.id.clone());
                if self.conversations.apply(req, result) {
                    // Fresh rows replacing cached ones keep the selection on its conversation.
                    let v = self.conversations_viewport();
                    if let Some(i) =
                        chosen.and_then(|id| self.conversations.items.iter().position(|c| c.id == id))
                    {
                        self.conversations.select(i, v);
                    }
                    self.select_opened_conversation();
                }
            }
            Action::CachedContacts(rows) => self.add_cached_contacts(rows),
            Action::MessagesLoaded { req, skip, result } => {
                let result = result.map_err(|e| self.note_error(&e));
                if self.thread.apply(req, skip, result) {
                    // A find that went past the loaded messages goes on in the older page.
                    self.find_after_load();
                }
                cmds.extend(self.name_thread_person());
            }
            Action::UnreadLoaded { req, result } => {
                if self.badge.pending == Some(req) && self.badge_again(result.is_ok(), &mut cmds) {
                    // A fresher answer follows.
                } else if self.badge.pending == Some(req) {
                    self.badge.pending = None;
                    match result {
                        // While a notification write settles the server's count is behind
                        // what is shown; the refresh after the write brings the true count.
                        Ok(p) if self.notifications.writes_pending() => drop(p),
                        // A reply without the count makes the badge unknown, not 0.
                        Ok(p) => self.badge.unread = p.unread_count,
                        Err(e) => {
                            self.note_error(&e);
                        }
                    }
                }
            }
            Action::Retrying { endpoint, attempt, reason, wait_ms } => {
                let at = self.now + jiff::SignedDuration::from_millis(wait_ms as i64);
                self.connection.retrying = Some(connection::Retrying { endpoint, attempt, reason, at });
            }
            Action::OpenConversation(id) => cmds.extend(self.open_by_id(&id)),
            // (`feature` is named by the keymap's feature table.)
            Action::Unavailable(feature) => self.say_unavailable(feature, &mut cmds),
            Action::NextAccount => {
                // The event loop switches accounts; it reaches here only with one account open.
                let text = "one account open · add [[profile]] entries to switch with P".to_string();
                self.show_info(text, &mut cmds);
            }
            Action::Search(a) => cmds.extend(self.update_search(a)),
            Action::Notify(a) => cmds.extend(self.update_notify(a)),
            Action::Details(a) => cmds.extend(self.update_details(a)),
            Action::Form(a) => cmds.extend(self.update_form(a)),
            Action::Relogin(a) => cmds.extend(self.update_relogin(a)),
            Action::Inbox(a) => cmds.extend(self.update_inbox(a)),
            Action::Compose(a) => cmds.extend(self.update_compose(a)),
            Action::Act(a) => cmds.extend(self.update_act(a)),
            Action::CmdLine(a) => cmds.extend(self.update_cmdline(a)),
            Action::Find(a) => cmds.extend(self.update_find(a)),
            Action::Unread(a) => cmds.extend(self.update_unread(a)),
            Action::Live(a) => cmds.extend(self.update_live(a)),
            Action::Clip(a) => cmds.extend(self.update_clip(a)),
            other => cmds.extend(
                self.inbox_navigate(other)
                    .or_else(|a| self.search_navigate(a))
                    .unwrap_or_else(|a| self.navigate(a)),
            ),
        }
        let search_quiet = search_off && self.is_loading() == was_loading;
        if !(quiet || search_quiet) {
            self.dirty = true;
        }
        if self.search.active {
            self.fill_search_window();
        }
        self.note_thread_seen();
        cmds.extend(self.fill_requests());
        cmds
    }

    /// Whether `action` is a contact page that changes nothing on screen when applied: see
    /// [`PagedList::lands_off_screen`]; also only while the list itself is shown (no search
    /// over it), the connection is known to be up (so the header does not change) and the
    /// spinner would not stop with it.
    fn lands_off_screen(&self, action: &Action) -> bool {
        let Action::ContactsLoaded { req, skip, result } = action else { return false };
        let viewport = self.contacts_viewport();
        !self.search.active
            && self.connection.link == connection::Link::Online
            && self.contacts.lands_off_screen(*req, *skip, result, viewport)
    }

    /// Whether `action` is a later page of the server's search results for the query shown, wholly
    /// off screen (see [`PagedList::lands_off_screen`]), that frees no waiting query: a page
    /// fetched ahead of the rows on screen used to draw a frame that changed nothing.
    fn search_page_lands_off_screen(&self, action: &Action) -> bool {
        let Action::Search(crate::action::SearchAction::Loaded { req, query, skip, result }) = action else {
            return false;
        };
        let s = &self.search;
        s.active
            && *skip > 0
            && *query == s.server_query
            && !s.is_in_flight(*req)
            && self.connection.link == connection::Link::Online
            && s.server.lands_off_screen(*req, *skip, result, self.search_viewport())
    }

    /// Puts an updated contact everywhere it is shown: the contact list, the conversations
    /// title and the thread's sender name. Features that show contacts elsewhere (search
    /// results, details) extend this.
    pub fn replace_contact(&mut self, contact: &Contact) {
        self.seen.insert(contact, None);
        for c in self.contacts.loaded_mut() {
            if c.id == contact.id {
                *c = contact.clone();
            }
        }
        if self.conversations.contact_id.as_deref() == Some(&contact.id) {
            self.conversations.contact_name = people::contact_label(contact).into_owned();
            if self.thread.conversation_id.is_some()
                && self
                    .conversations
                    .items
                    .iter()
                    .any(|c| Some(&c.id) == self.thread.conversation_id.as_ref())
            {
                self.thread.contact_name = people::contact_label(contact).into_owned();
            }
        }
        if let Some(d) = self.details.as_mut().filter(|d| d.contact.id == contact.id) {
            d.contact = contact.clone();
        }
        self.search.replace_contact(contact);
        self.dirty = true;
    }

    /// Says in the status line that the account's backend lacks `feature`, with the reason where
    /// it is not obvious.
    pub(crate) fn say_unavailable(&mut self, feature: &str, cmds: &mut Vec<Command>) {
        let mut text = format!("{feature}: not available on {}", self.account.kind.name());
        if let Some(why) = unavailable_reason(self.account.kind, feature) {
            text.push_str(&format!(" ({why})"));
        }
        self.show_info(text, cmds);
    }

    /// Remembers an error for the status bar and returns its plain-words text for the pane.
    fn note_error(&mut self, e: &ApiError) -> String {
        self.note_failure(e.to_string(), e)
    }

    /// The badge request in flight, if any.
    pub(crate) fn badge_pending(&self) -> Option<RequestId> {
        self.badge.pending
    }

    pub(crate) fn refresh_badge(&mut self) -> Vec<Command> {
        // No notification centre (SMS/RCS): no badge to ask for.
        if !self.account.capabilities.notifications {
            return Vec::new();
        }
        if self.badge.pending.is_some() {
            // One badge request at a time: while the server stalls they piled up. The one out
            // may have been sent before what asks now (a write), so one more follows it.
            self.badge.again = true;
            return Vec::new();
        }
        let req = self.req();
        self.badge.pending = Some(req);
        vec![Command::LoadUnreadCount { req }]
    }

    /// On a badge answer: when a refresh was asked while it was out, asks again (the answer
    /// may predate a write) and returns true — the answer is dropped. A failure is kept as is.
    fn badge_again(&mut self, ok: bool, cmds: &mut Vec<Command>) -> bool {
        if !std::mem::take(&mut self.badge.again) || !ok {
            return false;
        }
        self.badge.pending = None;
        cmds.extend(self.refresh_badge());
        true
    }

    /// Requests for whatever should be on screen but is not loaded yet.
    fn fill_requests(&mut self) -> Vec<Command> {
        let mut cmds = Vec::new();
        // Before start-up (tests, or the size arriving first) nothing is fetched.
        if !self.started {
            return cmds;
        }
        if std::mem::take(&mut self.pending_reload_conversations) {
            cmds.extend(self.reload_conversations());
        }
        // A backend without a contact list (SMS/RCS) finds contacts only through lookups, and
        // an inbox account loads its contact list only while it is shown (`C`).
        let wanted = if !self.account.capabilities.contact_list || self.inbox_shown() {
            Vec::new()
        } else {
            self.contacts.wanted_pages(self.contacts_viewport().max(1))
        };
        for page in wanted {
            let req = self.req();
            self.contacts.mark_pending(page, req);
            cmds.push(Command::LoadContacts {
                req,
                skip: self.contacts.skip_of(page),
                limit: self.contacts.page_size(),
            });
        }
        let width = self.thread_width();
        let viewport = self.thread_viewport().max(1);
        let tz = self.tz.clone();
        let name = self.thread.contact_name.clone();
        let ctx = crate::layout::thread::LayoutContext { width, tz: &tz, contact_name: &name };
        if let (Some(fetch), Some(id)) =
            (self.thread.wants_fetch(viewport, &ctx), self.thread.conversation_id.clone())
        {
            let req = self.req();
            self.thread.mark_pending(req, &fetch);
            cmds.push(open::load_messages(req, id, fetch));
        }
        cmds.extend(self.inbox_fill());
        cmds
    }
}
