//! A long list fetched page by page, around where the user looks.
//!
//! The list knows its total from the first page, so the selection can jump anywhere (`G` on
//! 65,681 contacts asks for one page: the last). Only pages near the viewport are requested, and
//! pages far from it are dropped again, so memory stays bounded however far the user scrolls.

mod shift;

use crate::action::RequestId;
use imbox_model::Page;
use std::collections::{BTreeMap, HashMap};

/// The first visible row that keeps `selected` on screen in a `viewport`-row window that was
/// starting at `offset`, never past the end of `len` rows. Every list (contacts, search
/// results, conversations, notifications) scrolls by this one rule.
///
/// A selection that steps just past an edge (`j` on the last visible row) scrolls the window by
/// half a viewport, not one row, so the selection lands mid-screen with context on both sides —
/// vim's `scrolljump=-50`. Why: a one-row scroll changes every row of the pane, so holding `j`
/// repainted the whole pane on every key (about 2,600 bytes at 200x60); a half-page jump
/// repaints it once per half page and the keys between change two rows (docs/performance.md).
/// A selection far outside the window (`G`, a search hit) is brought to the nearest edge.
pub fn keep_visible(selected: usize, offset: usize, viewport: usize, len: usize) -> usize {
    let viewport = viewport.max(1);
    let jump = viewport / 2;
    let offset = if selected < offset {
        let under = offset - selected;
        if under <= jump { offset.saturating_sub(jump) } else { selected }
    } else if selected >= offset + viewport {
        let over = selected + 1 - (offset + viewport);
        if over <= jump { offset + jump } else { selected + 1 - viewport }
    } else {
        offset
    };
    offset.min(len.saturating_sub(viewport))
}

/// Pages kept in memory at most; older, farther pages are evicted first.
const MAX_PAGES: usize = 24;

/// Page requests one list has in flight at most. Holding PgDn through 65,681 contacts would
/// otherwise start requests for every page passed on the way (hundreds at once, each with its
/// own connection and buffers); with a cap, each answer asks for what is around the viewport
/// *then*, so pages scrolled past before their turn are never fetched.
pub const MAX_IN_FLIGHT: usize = 4;

/// A sparse, paged list with a selection and a scroll offset.
#[derive(Debug, Clone)]
pub struct PagedList<T> {
    page_size: u32,
    pages: BTreeMap<u64, Vec<T>>,
    pending: HashMap<u64, RequestId>,
    total: Option<u64>,
    /// Index of the selected row.
    pub selected: usize,
    /// Index of the first visible row.
    pub offset: usize,
    /// The last load error, in plain words, cleared by the next success.
    pub error: Option<String>,
    /// A refresh is under way: the loaded pages stay on screen until the first answer.
    stale: bool,
}

impl<T> PagedList<T> {
    /// An empty list that will fetch `page_size` items per request.
    pub fn new(page_size: u32) -> Self {
        PagedList {
            page_size: page_size.max(1),
            pages: BTreeMap::new(),
            pending: HashMap::new(),
            total: None,
            selected: 0,
            offset: 0,
            error: None,
            stale: false,
        }
    }

    /// Items per page.
    pub fn page_size(&self) -> u32 {
        self.page_size
    }

    /// Number of rows: the server's total once known, else what is loaded.
    pub fn len(&self) -> usize {
        match self.total {
            Some(t) => usize::try_from(t).unwrap_or(usize::MAX),
            None => self.pages.values().map(Vec::len).sum(),
        }
    }

    /// Whether the list has no rows (also true before the first page).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the total is known (the first answer arrived).
    pub fn is_known(&self) -> bool {
        self.total.is_some()
    }

    /// Whether any page request is in flight.
    pub fn is_loading(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Whether a page request in flight covers a row of the `viewport` rows on screen: what the
    /// user waits for. Pages fetched ahead, off screen, are background work and turn no spinner.
    pub fn loading_on_screen(&self, viewport: usize) -> bool {
        self.pending.keys().any(|p| self.page_on_screen(*p, viewport))
    }

    /// Whether `page` holds a row of the `viewport` rows from the offset.
    fn page_on_screen(&self, page: u64, viewport: usize) -> bool {
        let size = u64::from(self.page_size);
        let (top, bottom) = (self.offset as u64, (self.offset + viewport.max(1)) as u64);
        page * size < bottom && (page + 1) * size > top
    }

    /// Whether applying this answer would change nothing the `viewport` rows on screen show:
    /// it answers the current request of a page wholly off screen, successfully, leaves the
    /// total (the `n / total` counter) as it is, and ends no refresh (which would replace the
    /// pages on screen). The loop then need not draw a frame for it (docs/performance.md).
    pub fn lands_off_screen<U, E>(
        &self,
        req: RequestId,
        skip: u64,
        result: &Result<Page<U>, E>,
        viewport: usize,
    ) -> bool {
        let page = skip / u64::from(self.page_size);
        let Ok(p) = result else { return false };
        let total =
            if p.has_more { p.total.max(skip + p.items.len() as u64) } else { skip + p.items.len() as u64 };
        self.pending.get(&page) == Some(&req)
            && !self.stale
            && self.error.is_none()
            && self.total == Some(total)
            && !self.page_on_screen(page, viewport)
    }

    /// How many pages are held in memory.
    pub fn loaded_pages(&self) -> usize {
        self.pages.len()
    }

    /// The item at `index`, if its page is loaded.
    pub fn get(&self, index: usize) -> Option<&T> {
        let page = (index / self.page_size as usize) as u64;
        self.pages.get(&page)?.get(index % self.page_size as usize)
    }

    /// The selected item, if loaded.
    pub fn selected_item(&self) -> Option<&T> {
        self.get(self.selected)
    }

    /// Every loaded item with its index, in order (for filtering what is loaded).
    pub fn loaded(&self) -> impl Iterator<Item = (usize, &T)> {
        let size = self.page_size as usize;
        self.pages.iter().flat_map(move |(p, items)| {
            items.iter().enumerate().map(move |(i, t)| (*p as usize * size + i, t))
        })
    }

    /// Every loaded item, mutably (to replace an edited item wherever it is loaded).
    pub fn loaded_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.pages.values_mut().flatten()
    }

    /// Moves the selection by `delta` rows, clamped, keeping it visible in `viewport` rows.
    pub fn move_by(&mut self, delta: isize, viewport: usize) {
        let target = self.selected.saturating_add_signed(delta);
        self.select(target, viewport);
    }

    /// Selects `index` (clamped) and scrolls so it is visible in `viewport` rows.
    pub fn select(&mut self, index: usize, viewport: usize) {
        let len = self.len();
        self.selected = if len == 0 { 0 } else { index.min(len - 1) };
        self.scroll_to_selection(viewport);
    }

    /// Adjusts the offset so the selection is visible (e.g. after a resize).
    pub fn scroll_to_selection(&mut self, viewport: usize) {
        self.offset = keep_visible(self.selected, self.offset, viewport, self.len());
    }

    /// Pages to request so the viewport and a margin of one screen each way are covered,
    /// skipping pages loaded or already in flight.
    pub fn wanted_pages(&self, viewport: usize) -> Vec<u64> {
        let size = self.page_size as usize;
        // After a failure, wait for a refresh instead of asking again on every key press.
        if self.error.is_some() {
            return vec![];
        }
        if self.stale {
            // A refresh asks for the page at the top of the viewport first; the rest follow
            // once it has answered.
            let top = (self.offset / size) as u64;
            return if self.pending.is_empty() { vec![top] } else { vec![] };
        }
        if self.total.is_none() {
            return if self.pending.is_empty() && self.pages.is_empty() { vec![0] } else { vec![] };
        }
        let len = self.len();
        if len == 0 {
            return vec![];
        }
        let first = self.offset.saturating_sub(viewport);
        let last = (self.offset + 2 * viewport.max(1)).min(len - 1);
        let room = MAX_IN_FLIGHT.saturating_sub(self.pending.len());
        // Nearest the middle of the viewport first: what is on screen before the margins.
        let middle = ((self.offset + viewport / 2) / size) as u64;
        let mut wanted: Vec<u64> = (first / size..=last / size)
            .map(|p| p as u64)
            .filter(|p| !self.pages.contains_key(p) && !self.pending.contains_key(p))
            .collect();
        wanted.sort_by_key(|p| (p.abs_diff(middle), *p));
        wanted.truncate(room);
        wanted
    }

    /// Offset (`skip`) of a page.
    pub fn skip_of(&self, page: u64) -> u64 {
        page * u64::from(self.page_size)
    }

    /// Records that `page` was requested under `req`.
    pub fn mark_pending(&mut self, page: u64, req: RequestId) {
        self.pending.insert(page, req);
    }

    /// Applies a result; returns false (and changes nothing) when `req` is not the current
    /// request for that page, i.e. the result is stale.
    pub fn apply(&mut self, req: RequestId, skip: u64, result: Result<Page<T>, String>) -> bool {
        let page = skip / u64::from(self.page_size);
        if self.pending.get(&page) != Some(&req) {
            return false;
        }
        self.pending.remove(&page);
        match result {
            Ok(p) => {
                if std::mem::take(&mut self.stale) {
                    // The other pages are from before the refresh: ask for them again.
                    self.pages.clear();
                }
                self.total = Some(p.total.max(skip + p.items.len() as u64));
                if !p.has_more {
                    self.total = Some(skip + p.items.len() as u64);
                }
                self.pages.insert(page, p.items);
                self.error = None;
                self.evict_far_from(page);
                let len = self.len();
                if self.selected >= len {
                    self.selected = len.saturating_sub(1);
                }
            }
            Err(e) => {
                // A failed refresh keeps what was on screen.
                self.stale = false;
                self.error = Some(e);
            }
        }
        true
    }

    /// Applies a cached page (`state/cached.rs`) where the list has nothing for it yet, leaving
    /// its request pending so the server's answer still lands; false (nothing changed) when
    /// `req` is not the page's request or the page is already shown.
    pub fn apply_cached(&mut self, req: RequestId, skip: u64, page: Page<T>) -> bool {
        let page_no = skip / u64::from(self.page_size);
        if self.pages.contains_key(&page_no) || !self.apply(req, skip, Ok(page)) {
            return false;
        }
        self.mark_pending(page_no, req);
        true
    }

    /// Drops the pages farthest from `keep` until at most [`MAX_PAGES`] remain.
    fn evict_far_from(&mut self, keep: u64) {
        let around = (self.selected / self.page_size as usize) as u64;
        while self.pages.len() > MAX_PAGES {
            let far = self
                .pages
                .keys()
                .copied()
                .filter(|p| *p != keep && *p != around)
                .max_by_key(|p| p.abs_diff(around));
            match far {
                Some(p) => {
                    self.pages.remove(&p);
                }
                None => break,
            }
        }
    }

    /// Forgets every page and request, keeping the selection index.
    pub fn clear(&mut self) {
        self.pages.clear();
        self.pending.clear();
        self.total = None;
        self.error = None;
        self.stale = false;
    }

    /// Whether a refresh (or the first load) is out and has not failed: its answer is on the
    /// way, and asking again would only send the same requests twice.
    pub fn refreshing(&self) -> bool {
        !self.pending.is_empty() && self.error.is_none() && (self.stale || self.total.is_none())
    }

    /// A refresh (R): asks again for what is shown, keeping the loaded pages on screen until the
    /// answer arrives, so a refresh that fails leaves the last good data in place. Before the
    /// first success there is nothing to keep, and this is [`PagedList::clear`].
    pub fn reload(&mut self) {
        if self.total.is_none() {
            return self.clear();
        }
        self.pending.clear();
        self.error = None;
        self.stale = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(skip: u64, n: u64, total: u64) -> Page<u64> {
        let items: Vec<u64> = (skip..(skip + n).min(total)).collect();
        let has_more = skip + (items.len() as u64) < total;
        Page { items, total, has_more }
    }

    #[test]
    fn first_request_is_page_zero_then_pages_around_the_viewport() {
        let mut l: PagedList<u64> = PagedList::new(50);
        assert_eq!(l.wanted_pages(20), vec![0]);
        l.mark_pending(0, 1);
        assert!(l.wanted_pages(20).is_empty());
        assert!(l.apply(1, 0, Ok(page(0, 50, 65_681))));
        assert_eq!(l.len(), 65_681);
        assert_eq!(l.get(49), Some(&49));
        assert_eq!(l.wanted_pages(20), Vec::<u64>::new());
        // Jump to the end: only the last page (and its neighbour for the margin) is wanted.
        l.select(65_680, 20);
        assert_eq!(l.offset, 65_661, "the far jump puts the selection on the last row");
        assert_eq!(l.wanted_pages(20), vec![1313, 1312], "the page on screen first, then the margin");
    }

    #[test]
    fn at_most_a_few_requests_are_in_flight_and_the_viewport_comes_first() {
        let mut l: PagedList<u64> = PagedList::new(10);
        l.mark_pending(0, 1);
        assert!(l.apply(1, 0, Ok(page(0, 10, 10_000))));
        // A 40-row viewport in the middle wants pages 46..=57 (viewport and a screen each way).
        l.select(520, 40);
        let wanted = l.wanted_pages(40);
        assert_eq!(wanted.len(), MAX_IN_FLIGHT);
        assert_eq!(wanted[0], (l.offset as u64 + 20) / 10, "the middle of the screen first");
        for (i, p) in wanted.iter().enumerate() {
            l.mark_pending(*p, 10 + i as u64);
        }
        assert!(l.wanted_pages(40).is_empty(), "no more until one answers");
        // Scrolled far away before the answers: only pages around the new viewport are asked
        // for as the old requests finish.
        l.select(9_000, 40);
        let first = wanted[0];
        assert!(l.apply(10, first * 10, Ok(page(first * 10, 10, 10_000))));
        let next = l.wanted_pages(40);
        assert_eq!(next.len(), 1);
        assert!(next[0] >= 896, "{next:?}");
    }

    #[test]
    fn keep_visible_jumps_half_a_viewport_at_an_edge_and_to_the_edge_when_far() {
        assert_eq!(keep_visible(5, 0, 10, 100), 0, "inside: no scroll");
        assert_eq!(keep_visible(10, 0, 10, 100), 5, "one past the bottom: half a viewport");
        assert_eq!(keep_visible(12, 0, 10, 100), 5);
        assert_eq!(keep_visible(30, 0, 10, 100), 21, "far below: selection on the last row");
        assert_eq!(keep_visible(4, 5, 10, 100), 0, "one above the top: half a viewport up");
        assert_eq!(keep_visible(4, 30, 10, 100), 4, "far above: selection on the first row");
        assert_eq!(keep_visible(99, 95, 10, 100), 90, "never past the end");
        assert_eq!(keep_visible(1, 0, 1, 5), 1, "a one-row window follows the selection");
        assert_eq!(keep_visible(0, 7, 0, 0), 0, "no rows, no viewport");
    }

    #[test]
    fn stale_results_are_dropped() {
        let mut l: PagedList<u64> = PagedList::new(10);
        l.mark_pending(0, 1);
        l.mark_pending(0, 2);
        assert!(!l.apply(1, 0, Ok(page(0, 10, 30))));
        assert!(l.is_empty());
        assert!(l.apply(2, 0, Ok(page(0, 10, 30))));
        assert_eq!(l.len(), 30);
    }

    #[test]
    fn memory_is_bounded_by_evicting_far_pages() {
        let mut l: PagedList<u64> = PagedList::new(10);
        for p in 0..100u64 {
            l.select(p as usize * 10, 5);
            l.mark_pending(p, p + 1);
            assert!(l.apply(p + 1, p * 10, Ok(page(p * 10, 10, 1000))));
        }
        assert!(l.loaded_pages() <= MAX_PAGES);
        assert!(l.get(990).is_some(), "the page in view is kept");
        assert!(l.get(0).is_none(), "the farthest page is evicted");
    }

    #[test]
    fn a_failed_reload_keeps_the_loaded_pages_and_a_good_one_replaces_them() {
        let mut l: PagedList<u64> = PagedList::new(10);
        assert_eq!(l.wanted_pages(5), vec![0]);
        l.mark_pending(0, 1);
        l.apply(1, 0, Ok(page(0, 10, 30)));
        l.reload();
        assert_eq!(l.len(), 30, "still shown while the refresh runs");
        assert_eq!(l.wanted_pages(5), vec![0]);
        l.mark_pending(0, 2);
        assert!(l.wanted_pages(5).is_empty(), "one request at a time");
        l.apply(2, 0, Err("boom".into()));
        assert_eq!((l.len(), l.get(3).copied()), (30, Some(3)), "the old data stays");
        assert!(l.wanted_pages(5).is_empty(), "no retry storm after a failure");
        l.reload();
        l.mark_pending(0, 3);
        l.apply(3, 0, Ok(page(0, 10, 40)));
        assert_eq!((l.len(), l.error.as_deref()), (40, None));
    }

    #[test]
    fn errors_are_kept_until_the_next_success() {
        let mut l: PagedList<u64> = PagedList::new(10);
        l.mark_pending(0, 1);
        assert!(l.apply(1, 0, Err("offline".into())));
        assert_eq!(l.error.as_deref(), Some("offline"));
        assert!(l.wanted_pages(5).is_empty(), "no retry storm after a failure");
        l.clear();
        assert_eq!(l.wanted_pages(5), vec![0], "a refresh asks again");
    }
}
