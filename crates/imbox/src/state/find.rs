//! `/` in the thread: find text in the loaded messages, as a pager does (less, neomutt's pager).
//!
//! `/` opens a line in the status bar; `Enter` goes to the first message, from the bottom of the
//! view towards older ones, whose text holds the query (smart case: see `layout/find.rs`); `n`
//! goes on towards older messages, `N` back towards newer ones; every occurrence on screen is
//! highlighted, the current message's more strongly; `Esc` ends the find. While a find is on,
//! `n` and `N` are its keys (the notification centre and the private note wait for `Esc`).
//!
//! Only the loaded messages are searched: when no older match is loaded and older messages
//! exist, the status line says so (scrolling to the top loads them). Matching lays out each
//! message's body, which costs in proportion to the thread, so it happens on a key, never per
//! frame; drawing highlights only the lines on screen.

use super::State;
use super::search::LineEditor;
use crate::action::{FindAction, LineEdit};
use crate::command::Command;
use crate::layout::find::Query;
use crate::layout::thread::LayoutContext;

/// A find in the open thread.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThreadFind {
    /// The line being typed (shown while `editing`).
    pub line: LineEditor,
    /// The line is open and takes the keys.
    pub editing: bool,
    /// What `n` and `N` look for: the last query entered.
    pub query: String,
    /// The message the find is on (its id), if it found one.
    pub current: Option<String>,
    /// What the last step found, for the status line: `3 of 7`, `no older match in …`.
    pub note: String,
    /// The last step landed on a match (else its note says why not).
    pub hit: bool,
    /// `n` went past the oldest loaded message: the older page it asked for goes on with it.
    pub waiting_older: bool,
    /// Where the view was before the find went to load older pages (the message at the bottom
    /// edge and its hidden lines): a find that ends without a match goes back there.
    origin: Option<(String, usize)>,
    /// The matching messages (indices from the newest) of the last step, and what they were
    /// found in: `n`/`N` walk them without matching the thread again while it is unchanged.
    hits: Option<(Searched, Vec<usize>)>,
}

/// What a list of matches was found in: the query and the messages shown (how many, and the
/// newest and oldest ids — a page or an arrival changes one of them).
#[derive(Debug, Clone, PartialEq, Default)]
struct Searched {
    query: String,
    shown: usize,
    newest: Option<String>,
    oldest: Option<String>,
}

impl ThreadFind {
    /// The query entered, as it is matched (None before the first `Enter`).
    pub fn query(&self) -> Option<Query> {
        Query::new(&self.query)
    }
}

/// Which way a step goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    /// From the bottom of the view (inclusive) towards older messages: `Enter`.
    FromView,
    /// Past the current match towards older messages: `n`.
    Older,
    /// Past the current match towards newer messages: `N`.
    Newer,
}

impl State {
    /// Handles a key of the thread's find.
    pub(super) fn update_find(&mut self, action: FindAction) -> Vec<Command> {
        self.dirty = true;
        if self.thread.conversation_id.is_none() {
            self.thread.find = None;
            self.info("open a conversation to find text in it");
            return Vec::new();
        }
        match action {
            FindAction::Open => {
                let mut find = self.thread.find.take().unwrap_or_default();
                let mut line = LineEditor::default();
                for c in find.query.chars() {
                    line.apply(LineEdit::Insert(c));
                }
                find.line = line;
                find.editing = true;
                self.thread.find = Some(find);
            }
            FindAction::Edit(edit) => {
                if let Some(f) = self.thread.find.as_mut().filter(|f| f.editing) {
                    f.line.apply(edit);
                }
            }
            FindAction::Submit => {
                let Some(f) = self.thread.find.as_mut() else { return Vec::new() };
                f.editing = false;
                f.query = f.line.text().to_string();
                if Query::new(&f.query).is_none() {
                    self.thread.find = None;
                    return Vec::new();
                }
                f.current = None;
                self.find_step(Way::FromView);
            }
            FindAction::Older => self.find_step(Way::Older),
            FindAction::Newer => self.find_step(Way::Newer),
            FindAction::Close => match self.thread.find.as_mut() {
                // Leaving the line keeps a find already under way.
                Some(f) if f.editing && Query::new(&f.query).is_some() => f.editing = false,
                _ => self.thread.find = None,
            },
        }
        Vec::new()
    }

    /// Whether a find is on in the thread on screen (its `n`/`N`/`Esc` then take the keys).
    pub fn find_active(&self) -> bool {
        self.thread.find.as_ref().is_some_and(|f| !f.editing && Query::new(&f.query).is_some())
    }

    /// Moves the find to the next matching message `way`, shows it, and says where it is.
    fn find_step(&mut self, way: Way) {
        let Some(query) = self.thread.find.as_ref().and_then(ThreadFind::query) else { return };
        // A step of the agent's replaces one still waiting for an older page.
        if let Some(f) = self.thread.find.as_mut() {
            f.waiting_older = false;
        }
        let shown = self.thread.shown_count();
        // Indices count from the newest (0): "older" is a larger index.
        let hits = self.find_hits(&query);
        let current = self.thread.find.as_ref().and_then(|f| f.current.clone());
        let at = current
            .and_then(|id| (0..shown).find(|&i| self.thread.nth_newest(i).is_some_and(|m| m.id == id)));
        let next = match (way, at) {
            (Way::FromView, _) | (Way::Older, None) => hits.iter().find(|&&i| i >= self.thread.anchor),
            (Way::Older, Some(at)) => hits.iter().find(|&&i| i > at),
            (Way::Newer, None) => hits.iter().rev().find(|&&i| i < self.thread.anchor),
            (Way::Newer, Some(at)) => hits.iter().rev().find(|&&i| i < at),
        }
        .copied();
        let loaded = crate::layout::text::thousands(shown as u64);
        let note = match next {
            Some(i) => {
                self.show_message(i, Some(&query));
                let k = hits.iter().position(|&h| h == i).map_or(0, |p| p + 1);
                format!("{k} of {} (newest first)", hits.len())
            }
            None if way == Way::Newer => "no newer match".to_string(),
            // Not loaded yet: the oldest loaded message goes to the top of the view, which asks
            // for the page before it (`fill_requests`), and its arrival goes on searching.
            None if self.thread.has_more && self.thread.error.is_none() => {
                let here = self
                    .thread
                    .nth_newest(self.thread.anchor)
                    .map(|m| (m.id.clone(), self.thread.anchor_skip));
                self.show_message(shown.saturating_sub(1), None);
                if let Some(f) = self.thread.find.as_mut() {
                    f.waiting_older = true;
                    f.origin = f.origin.take().or(here);
                }
                format!("searching older messages… ({loaded} loaded)")
            }
            None if self.thread.has_more => {
                format!("no older match in the {loaded} loaded messages · older ones could not be loaded")
            }
            None if hits.is_empty() => format!("not found in the {loaded} messages"),
            None => "no older match: this is the oldest message".to_string(),
        };
        let found = next.and_then(|i| self.thread.nth_newest(i)).map(|m| m.id.clone());
        let waiting = self.thread.find.as_ref().is_some_and(|f| f.waiting_older);
        let Some(f) = self.thread.find.as_mut() else { return };
        f.note = note;
        f.hit = found.is_some();
        if found.is_some() {
            f.current = found;
            f.origin = None;
        } else if !waiting && let Some((id, skip)) = f.origin.take() {
            // Nothing older anywhere: back to where the agent was reading.
            if let Some(i) = (0..shown).find(|&i| self.thread.nth_newest(i).is_some_and(|m| m.id == id)) {
                self.thread.anchor = i;
                self.thread.anchor_skip = skip;
            }
        }
    }

    /// The messages that hold `query` (indices from the newest, newest first): matched again
    /// only when the query or the messages shown changed since the last step (matching lays out
    /// every message: 24 ms for 10,000, against a fraction of a millisecond to reuse them).
    fn find_hits(&mut self, query: &Query) -> Vec<usize> {
        let t = &self.thread;
        let shown = t.shown_count();
        let searched = Searched {
            query: self.thread.find.as_ref().map(|f| f.query.clone()).unwrap_or_default(),
            shown,
            newest: t.nth_newest(0).map(|m| m.id.clone()),
            oldest: shown.checked_sub(1).and_then(|i| t.nth_newest(i)).map(|m| m.id.clone()),
        };
        if let Some((at, hits)) = self.thread.find.as_ref().and_then(|f| f.hits.as_ref())
            && *at == searched
        {
            return hits.clone();
        }
        let hits: Vec<usize> =
            (0..shown).filter(|&i| t.nth_newest(i).is_some_and(|m| query.finds(m))).collect();
        if let Some(f) = self.thread.find.as_mut() {
            f.hits = Some((searched, hits.clone()));
        }
        hits
    }

    /// An older page arrived: a find waiting for it goes on (another page is asked for when
    /// this one does not hold the query either; `Esc` stops it).
    pub(super) fn find_after_load(&mut self) {
        let Some(f) = self.thread.find.as_mut().filter(|f| f.waiting_older) else { return };
        f.waiting_older = false;
        self.find_step(Way::Older);
    }

    /// Scrolls the thread so message `i` (from the newest) is on screen: with its first line
    /// holding `query`, or from its top (the oldest loaded, so the page before it is asked for).
    fn show_message(&mut self, i: usize, query: Option<&Query>) {
        let (width, viewport) = (self.thread_width(), self.thread_viewport());
        let tz = self.tz.clone();
        let name = self.thread.contact_name.clone();
        let ctx = LayoutContext { width, tz: &tz, contact_name: &name };
        let text =
            |l: &ratatui::text::Line<'_>| l.spans.iter().map(|s| s.content.as_ref()).collect::<String>();
        let first = query.map_or(0, |q| {
            let lines = self.thread.lines_of(i, &ctx);
            lines.iter().position(|l| !q.ranges(&text(l)).is_empty()).unwrap_or(0)
        });
        self.thread.show(i, first, viewport, &ctx);
    }
}
