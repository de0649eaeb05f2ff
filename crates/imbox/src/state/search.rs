//! The search line of the contacts pane: filter-as-you-type over every contact seen, server
//! search after a pause, and phone-number lookups.
//!
//! How local and server results combine: every keystroke filters, at once, every contact seen
//! so far ([`super::seen`]: each contact of every page loaded this session, even pages the list
//! has dropped since), fuzzy and ranked by score; a query that only grew re-scores just the last
//! hits. The server is asked at once for the first key of a query, and again after [`DEBOUNCE`]
//! without typing (a short pause: on a fresh start the local filter knows one page, so the
//! server's answer is what the user waits for); an answer to an older query is dropped, and the
//! worker abandons a request a newer query superseded. When the server answers with at least
//! one contact its results replace the local ones (they are authoritative and cover contacts
//! never loaded) and page as you scroll. When the server finds nothing or fails, the local
//! matches stay. Until the server has answered the query on the line, nothing claims "No
//! matches": the pane says "Searching…", or shows the local matches marked `· searching…`.
//! The pane title says which list is shown. A query
//! made only of phone numbers also asks the conversation-links endpoint; its links are listed
//! first, above the contacts, and Enter on one opens that conversation in the thread pane.

mod line;
mod link_people;
mod matching;
mod nav;

pub use line::LineEditor;
pub use matching::{Fuzzy, Hit, narrows, phone_numbers, shown_name};

use super::paged::PagedList;
use super::{CONTACTS_PAGE_SIZE, Pane, State};
use crate::action::SearchAction;
use crate::action::{Action, RequestId};
use crate::command::Command;
use crate::command::SearchCommand;
use imbox_api::ApiError;
use imbox_model::{Contact, Page, PhoneLinks};
use jiff::Timestamp;
use std::time::Duration;

/// The pause after the last keystroke before the server is asked again (the first key of a
/// query asks at once). Short: a pause is added to every search the user waits for; one
/// request is out at a time, so asking more often never piles searches up on the server
/// (docs/performance.md, issue 15).
pub const DEBOUNCE: Duration = Duration::from_millis(60);
/// Organisation asked for phone links when no loaded contact names one (the demo's and the
/// seeds' organisation).
pub const FALLBACK_ORGANIZATION: &str = "org_imbrace";

/// One row of the phone-links section.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinkRow {
    /// The phone number (digits) the row belongs to.
    pub phone: String,
    /// The linked conversation, when this row is a link.
    pub conversation_id: Option<String>,
    /// When the link was created.
    pub created_at: Option<Timestamp>,
    /// A message instead of a link: looking up, none found, or an error.
    pub note: Option<String>,
    /// The contact with this number among the search's results: (id, name).
    pub person: Option<(String, String)>,
}

/// The phone-links section of the results.
#[derive(Debug, Clone, Default)]
pub struct LinksState {
    /// The numbers asked for, as digits.
    pub phones: Vec<String>,
    /// The rows shown.
    pub rows: Vec<LinkRow>,
    pending: Option<RequestId>,
}

/// One row of the results, for drawing.
#[derive(Debug, Clone, Copy)]
pub enum Row<'a> {
    /// A phone link (or a note about a number).
    Link(&'a LinkRow),
    /// A contact; None while its server page is not loaded.
    Contact(Option<&'a Hit>),
}

/// State of the search line and its results.
#[derive(Debug, Clone)]
pub struct SearchState {
    /// Whether the search line is open and taking keys.
    pub editing: bool,
    /// Whether the contacts pane shows search results instead of the full list.
    pub active: bool,
    /// The query.
    pub line: LineEditor,
    /// Matches among the contacts seen so far, as slots of [`State::seen`], best first.
    pub local: Vec<u32>,
    /// How many seen contacts the local filter looked at.
    pub scanned: usize,
    /// The query `local` answers and the store generation it was ranked at (to narrow on the
    /// next keystroke instead of scanning again).
    local_for: (String, u64),
    /// The local hits around the viewport, unpacked with their highlights: rows
    /// `window_start..` of `local`. Only these can be drawn or acted on.
    window: Vec<Hit>,
    window_start: usize,
    /// The server's results for `server_query`.
    pub server: PagedList<Hit>,
    /// The query the server was asked for; empty until it is asked.
    pub server_query: String,
    /// Whether the server was asked since the line was last empty: the first key of a query
    /// asks at once, the keys after it after the pause.
    asked: bool,
    /// The first-page request of the last query asked, until it answers: one search at a time
    /// goes to the server (a server cannot stop a search the client abandoned, and a request
    /// per key piled them up on it).
    in_flight: Option<RequestId>,
    /// The query on the line waits for `in_flight` to answer before it is asked.
    waiting: bool,
    /// The phone-links section, for phone-number queries.
    pub links: Option<LinksState>,
    /// Selected row (links first, then contacts).
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    generation: u64,
    restore: (usize, usize),
}

impl Default for SearchState {
    fn default() -> Self {
        SearchState {
            editing: false,
            active: false,
            line: LineEditor::default(),
            local: Vec::new(),
            scanned: 0,
            local_for: (String::new(), 0),
            window: Vec::new(),
            window_start: 0,
            server: PagedList::new(CONTACTS_PAGE_SIZE),
            server_query: String::new(),
            asked: false,
            in_flight: None,
            waiting: false,
            links: None,
            selected: 0,
            offset: 0,
            generation: 0,
            restore: (0, 0),
        }
    }
}

impl SearchState {
    /// The query as sent: trimmed.
    pub fn query(&self) -> &str {
        self.line.text().trim()
    }

    /// Whether the server's results are the ones shown (else the local matches are).
    pub fn showing_server(&self) -> bool {
        !self.server_query.is_empty() && self.server.is_known() && !self.server.is_empty()
    }

    /// Rows of the links section.
    pub fn link_rows(&self) -> usize {
        self.links.as_ref().map_or(0, |l| l.rows.len())
    }

    /// Contact rows shown.
    pub fn contact_rows(&self) -> usize {
        if self.showing_server() { self.server.len() } else { self.local.len() }
    }

    /// All rows: links, then contacts.
    pub fn len(&self) -> usize {
        self.link_rows() + self.contact_rows()
    }

    /// Whether there is no row at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The row at `index`.
    pub fn row(&self, index: usize) -> Option<Row<'_>> {
        let links = self.link_rows();
        if index < links {
            return self.links.as_ref().and_then(|l| l.rows.get(index)).map(Row::Link);
        }
        let i = index - links;
        if i >= self.contact_rows() {
            return None;
        }
        if self.showing_server() {
            return Some(Row::Contact(self.server.get(i)));
        }
        Some(Row::Contact(i.checked_sub(self.window_start).and_then(|w| self.window.get(w))))
    }

    /// The contact on the selected row, if it is a loaded contact row.
    pub fn selected_contact(&self) -> Option<&Contact> {
        match self.row(self.selected)? {
            Row::Contact(Some(hit)) => Some(&hit.contact),
            _ => None,
        }
    }

    /// A contact shown in the server's results with this id, if any.
    pub fn find_contact(&self, id: &str) -> Option<&Contact> {
        self.server.loaded().map(|(_, h)| &h.contact).find(|c| c.id == id)
    }

    /// Which list the user is looking at, in a few words (the pane title's marker).
    pub fn source_label(&self) -> String {
        if self.showing_server() {
            return "server results".into();
        }
        let thousands = |n: usize| crate::layout::text::thousands(n as u64);
        let local = format!("{}/{} loaded", thousands(self.local.len()), thousands(self.scanned));
        if self.query().is_empty() {
            return local;
        }
        if !self.server_answered() {
            // Asked, or to be asked after the pause: the local matches are not all there is.
            format!("{local} · searching…")
        } else if self.server.error.is_some() {
            format!("{local} · server failed")
        } else {
            format!("{local} · none on server")
        }
    }

    /// Whether the server has answered the query on the line (found something, nothing, or
    /// failed). Every non-empty query is asked, at once or after the pause.
    pub fn server_answered(&self) -> bool {
        !self.server_query.is_empty()
            && self.server_query == self.query()
            && !self.server.is_loading()
            && (self.server.is_known() || self.server.error.is_some())
    }

    /// What the results area says when it has no row: never "No matches" before the server
    /// has answered the query on the line.
    pub fn empty_text(&self) -> &'static str {
        if self.query().is_empty() {
            "Type to search"
        } else if !self.server_answered() || self.is_loading() {
            "Searching…"
        } else if self.server.error.is_some() {
            "No loaded matches · the server's search failed"
        } else {
            "No matches"
        }
    }

    /// Whether `action` is one the search has moved past, which changes nothing when applied:
    /// the pause of an earlier key (a newer key restarted it), a pause that can only wait for
    /// the search in flight, or a server answer to a query no longer on the line. The loop
    /// draws no frame for it.
    pub fn superseded(&self, action: &SearchAction) -> bool {
        match action {
            // The current pause while a search is in flight only marks the line as waiting.
            SearchAction::Debounced(generation) => *generation != self.generation || self.in_flight.is_some(),
            // Unless it frees the way for the query waiting on it.
            SearchAction::Loaded { req, query, result: Ok(_), .. } => {
                *query != self.server_query && !(self.waiting && self.in_flight == Some(*req))
            }
            _ => false,
        }
    }

    /// Whether `req` is the server search request in flight (its answer frees the way for a
    /// query waiting on it).
    pub fn is_in_flight(&self, req: RequestId) -> bool {
        self.in_flight == Some(req)
    }

    /// Whether a request the user waits for is in flight (the spinner turns): the results page
    /// on screen or the phone links — not a later page fetched ahead of the rows shown.
    pub fn loading_on_screen(&self, viewport: usize) -> bool {
        self.server.loading_on_screen(viewport) || self.links.as_ref().is_some_and(|l| l.pending.is_some())
    }

    /// Whether a server search or links request is in flight.
    pub fn is_loading(&self) -> bool {
        self.server.is_loading() || self.links.as_ref().is_some_and(|l| l.pending.is_some())
    }

    /// Puts an edited contact into the results wherever it appears.
    pub fn replace_contact(&mut self, contact: &Contact) {
        let mut fuzzy = Fuzzy::new(self.line.text());
        let hits = self.window.iter_mut().chain(self.server.loaded_mut());
        for hit in hits.filter(|h| h.contact.id == contact.id) {
            hit.contact = contact.clone();
            hit.indices = fuzzy.indices(contact);
        }
    }
}

impl State {
    /// Handles a search action.
    pub(super) fn update_search(&mut self, action: SearchAction) -> Vec<Command> {
        let s = &mut self.search;
        let changed = match action {
            SearchAction::Open => return self.open_search(),
            SearchAction::Insert(c) => s.line.insert(c),
            SearchAction::Backspace => s.line.backspace(),
            SearchAction::Delete => s.line.delete(),
            SearchAction::DeleteWord => s.line.delete_word(),
            SearchAction::ClearLine => s.line.clear_before(),
            SearchAction::KillToEnd => s.line.kill_to_end(),
            SearchAction::Left => {
                s.line.left();
                false
            }
            SearchAction::Right => {
                s.line.right();
                false
            }
            SearchAction::Home => {
                s.line.home();
                false
            }
            SearchAction::End => {
                s.line.end();
                false
            }
            SearchAction::Submit => {
                if s.query().is_empty() {
                    self.cancel_search();
                    return Vec::new();
                }
                s.editing = false;
                // Enter asks the server now instead of waiting out the pause.
                return self.ask_server(false);
            }
            SearchAction::Cancel => {
                self.cancel_search();
                return Vec::new();
            }
            SearchAction::Debounced(generation) => {
                if generation != self.search.generation {
                    return Vec::new();
                }
                return self.ask_when_free();
            }
            SearchAction::Loaded { req, query, skip, result } => {
                let freed = self.search.in_flight == Some(req);
                if freed {
                    self.search.in_flight = None;
                }
                self.apply_server(req, query, skip, result);
                if freed && std::mem::take(&mut self.search.waiting) {
                    return self.ask_server(false);
                }
                return self.fill_search();
            }
            SearchAction::LinksLoaded { req, result } => {
                self.apply_links(req, result);
                return Vec::new();
            }
        };
        if !changed || !self.search.active {
            return Vec::new();
        }
        self.query_changed()
    }

    fn open_search(&mut self) -> Vec<Command> {
        self.focus = Pane::Contacts;
        if !self.search.active {
            let restore = (self.contacts.selected, self.contacts.offset);
            // The generation carries on: a pause scheduled by an earlier search stays stale.
            let generation = self.search.generation;
            self.search = SearchState { active: true, restore, generation, ..SearchState::default() };
            self.filter_local();
        }
        self.search.editing = true;
        Vec::new()
    }

    fn cancel_search(&mut self) {
        if !self.search.active {
            return;
        }
        let (selected, offset) = self.search.restore;
        // Dropping the state forgets pending requests: their answers no longer match.
        let generation = self.search.generation;
        self.search = SearchState { generation, ..SearchState::default() };
        self.contacts.selected = selected;
        self.contacts.offset = offset;
        let v = self.contacts_viewport();
        self.contacts.scroll_to_selection(v);
    }

    /// A new query: filter locally at once, forget server answers; the first key of a query
    /// asks the server at once, later ones restart the pause.
    fn query_changed(&mut self) -> Vec<Command> {
        let s = &mut self.search;
        s.generation += 1;
        s.server = PagedList::new(CONTACTS_PAGE_SIZE);
        s.server_query.clear();
        s.links = None;
        s.selected = 0;
        s.offset = 0;
        self.filter_local();
        if self.search.query().is_empty() {
            self.search.asked = false;
            return Vec::new();
        }
        if !self.search.asked {
            return self.ask_when_free();
        }
        vec![Command::Schedule {
            after: DEBOUNCE,
            action: Box::new(Action::Search(SearchAction::Debounced(self.search.generation))),
        }]
    }

    /// Ranks the seen contacts for the query; when the query only grew since the last
    /// ranking (and no contact arrived), only the last hits are scored again.
    fn filter_local(&mut self) {
        let query = self.search.line.text().to_string();
        let generation = self.seen.generation();
        let s = &mut self.search;
        let narrow = s.local_for.1 == generation && narrows(&s.local_for.0, &query);
        let within = narrow.then(|| std::mem::take(&mut s.local));
        s.local = Fuzzy::new(&query).rank(&self.seen, within.as_deref());
        s.local_for = (query, generation);
        s.scanned = self.seen.len();
        s.window_start = usize::MAX;
        self.fill_search_window();
    }

    /// Unpacks the local hits around the viewport (a terminal's height of them, so any pane
    /// size is covered) with their highlights; called whenever the rows shown may change.
    pub(super) fn fill_search_window(&mut self) {
        let s = &mut self.search;
        let start = s.offset.saturating_sub(s.link_rows()).min(s.local.len());
        let end = (start + usize::from(self.size.1)).min(s.local.len());
        if s.window_start == start && s.window.len() == end - start && s.local_for.1 == self.seen.generation()
        {
            return;
        }
        let mut fuzzy = Fuzzy::new(&s.local_for.0);
        s.window = s.local[start..end]
            .iter()
            // A slot always unpacks (the store wrote it); the default only keeps rows aligned.
            .map(|&slot| self.seen.get(slot).unwrap_or_default())
            .map(|contact| Hit { indices: fuzzy.indices(&contact), contact })
            .collect();
        s.window_start = start;
    }

    /// Asks the server for the query on the line now, or once the search in flight answered.
    fn ask_when_free(&mut self) -> Vec<Command> {
        if self.search.in_flight.is_some() {
            self.search.waiting = true;
            return Vec::new();
        }
        self.ask_server(false)
    }

    /// Asks the server for the current query (and its phone links), unless already asked;
    /// `force` asks again (R).
    fn ask_server(&mut self, force: bool) -> Vec<Command> {
        let query = self.search.query().to_string();
        if query.is_empty() || (!force && self.search.server_query == query) {
            return Vec::new();
        }
        self.search.server = PagedList::new(CONTACTS_PAGE_SIZE);
        self.search.server_query = query.clone();
        self.search.asked = true;
        self.search.waiting = false;
        let mut cmds = self.fill_search();
        self.search.in_flight = cmds.iter().find_map(|c| match c {
            Command::Search(SearchCommand::Contacts { req, .. }) => Some(*req),
            _ => None,
        });
        self.search.links = None;
        let phones = phone_numbers(&query).filter(|_| self.account.capabilities.phone_links);
        if let Some(phones) = phones {
            let req = self.req();
            let organization_id = self
                .contacts
                .loaded()
                .map(|(_, c)| c.organization_id.as_str())
                .find(|o| !o.is_empty())
                .unwrap_or(FALLBACK_ORGANIZATION)
                .to_string();
            let note = Some(format!("looking up {}…", phones.join(", ")));
            let row = LinkRow { note, ..LinkRow::default() };
            self.search.links =
                Some(LinksState { phones: phones.clone(), rows: vec![row], pending: Some(req) });
            cmds.push(Command::Search(SearchCommand::Links { req, phones, organization_id }));
        }
        cmds
    }

    fn apply_server(
        &mut self,
        req: RequestId,
        query: String,
        skip: u64,
        result: Result<Page<Contact>, ApiError>,
    ) {
        if query != self.search.server_query {
            return;
        }
        let was_server = self.search.showing_server();
        let result = match result {
            Ok(page) => {
                page.items.iter().for_each(|c| self.seen.insert(c, None));
                let mut fuzzy = Fuzzy::new(&query);
                let items =
                    page.items.into_iter().map(|c| Hit { indices: fuzzy.indices(&c), contact: c }).collect();
                Ok(Page { items, total: page.total, has_more: page.has_more })
            }
            Err(e) => Err(self.note_error(&e)),
        };
        let applied = self.search.server.apply(req, skip, result);
        self.search.name_link_rows();
        if applied && !was_server && self.search.showing_server() {
            // The contacts under the selection changed: go to their top, unless the selection
            // is in the phone-links section, which did not change.
            let links = self.search.link_rows();
            if self.search.selected >= links {
                self.search.selected = links;
                self.search.offset = self.search.offset.min(links);
            }
        }
    }

    fn apply_links(&mut self, req: RequestId, result: Result<Vec<PhoneLinks>, ApiError>) {
        let Some(links) = self.search.links.as_ref() else { return };
        if links.pending != Some(req) {
            return;
        }
        let phones = links.phones.clone();
        let note = |phone: &String, text: &str| LinkRow {
            phone: phone.clone(),
            note: Some(text.to_string()),
            ..LinkRow::default()
        };
        let rows = match result {
            Ok(found) => phones
                .iter()
                .flat_map(|phone| {
                    let links: Vec<LinkRow> = found
                        .iter()
                        .filter(|p| &p.phone_number == phone)
                        .flat_map(|p| &p.links)
                        .map(|l| LinkRow {
                            phone: phone.clone(),
                            conversation_id: l.conversation_id.clone(),
                            created_at: l.created_at,
                            note: l.conversation_id.is_none().then(|| "link without conversation".into()),
                            person: None,
                        })
                        .collect();
                    let head = match links.len() {
                        0 => "no linked conversations".to_string(),
                        1 => "1 link".to_string(),
                        n => format!("{n} links"),
                    };
                    std::iter::once(note(phone, &head)).chain(links).collect::<Vec<_>>()
                })
                .collect(),
            // The endpoint answers 404 when none of the numbers has a link.
            Err(ApiError::NotFound { .. }) => {
                phones.iter().map(|p| note(p, "no linked conversations")).collect()
            }
            Err(e) => {
                let text = self.note_error(&e);
                vec![note(&phones.join(", "), &format!("links failed: {text}"))]
            }
        };
        // On the number's heading, step onto its first link so Enter opens it.
        let onto_link = self.search.selected == 0 && rows.get(1).is_some_and(|r| r.conversation_id.is_some());
        if let Some(l) = self.search.links.as_mut() {
            l.rows = rows;
            l.pending = None;
        }
        self.search.name_link_rows();
        if onto_link {
            self.search.selected = 1;
        }
    }

    /// Rows of results on screen (the search line takes one row of the pane).
    pub fn search_viewport(&self) -> usize {
        self.contacts_viewport().saturating_sub(1).max(1)
    }

    /// Requests for the server result pages around the visible rows.
    pub(super) fn fill_search(&mut self) -> Vec<Command> {
        if self.search.server_query.is_empty() {
            return Vec::new();
        }
        let viewport = self.search_viewport();
        let links = self.search.link_rows();
        let s = &mut self.search;
        s.server.selected = s.selected.saturating_sub(links);
        s.server.offset = s.offset.saturating_sub(links);
        let pages = s.server.wanted_pages(viewport);
        let mut cmds = Vec::new();
        for page in pages {
            let req = self.req();
            let s = &mut self.search;
            s.server.mark_pending(page, req);
            cmds.push(Command::Search(SearchCommand::Contacts {
                req,
                query: s.server_query.clone(),
                skip: s.server.skip_of(page),
                limit: s.server.page_size(),
            }));
        }
        cmds
    }
}
