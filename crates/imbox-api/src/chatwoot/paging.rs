//! Offset paging on top of Chatwoot's fixed pages.
//!
//! Contacts and notifications come 15 to a page, chosen by `page` only; the domain asks for
//! `limit` items from offset `skip` (the contact list pages by 50, the notification centre
//! resumes at arbitrary offsets after dismissals). A [`Window`] names the server pages that
//! cover the request, and cuts exactly the asked items out of what they returned.

use crate::error::ApiError;
use imbox_model::Page;
use std::future::Future;

/// Most server pages fetched for one request: a bigger `limit` is cut down to this many pages'
/// worth, and `has_more` tells the caller to ask again.
pub const MAX_PAGES: u64 = 10;

/// The server pages covering `limit` items from `skip`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    per_page: u64,
    skip: u64,
    limit: u64,
}

impl Window {
    /// The window for `limit` items (at least 1, at most [`MAX_PAGES`] pages' worth) from `skip`.
    pub fn new(skip: u64, limit: u32, per_page: u64) -> Self {
        let per_page = per_page.max(1);
        let limit = u64::from(limit).clamp(1, per_page * MAX_PAGES);
        Window { per_page, skip, limit }
    }

    /// The 1-based server pages to fetch, in order.
    pub fn pages(&self) -> std::ops::RangeInclusive<u64> {
        let first = self.skip / self.per_page + 1;
        let last = (self.skip + self.limit - 1) / self.per_page + 1;
        first..=last
    }

    /// Whether a page that came back with `got` items was the last one there is.
    pub fn is_short(&self, got: usize) -> bool {
        (got as u64) < self.per_page
    }

    /// The asked items out of everything the fetched pages returned (in order, from the first
    /// page of [`Window::pages`]); `count` is the server's total, when it gave one.
    pub fn cut<T>(&self, fetched: Vec<T>, count: Option<u64>, reached_end: bool) -> Page<T> {
        let first_page = *self.pages().start();
        let offset = usize::try_from(self.skip - (first_page - 1) * self.per_page).unwrap_or(usize::MAX);
        let items: Vec<T> = fetched
            .into_iter()
            .skip(offset)
            .take(usize::try_from(self.limit).unwrap_or(usize::MAX))
            .collect();
        let seen = self.skip + items.len() as u64;
        let has_more = match count {
            Some(total) => total > seen,
            None => !reached_end,
        };
        // Items beyond the server's count raise the total; an empty page past the end does not.
        let total = match count {
            Some(count) if items.is_empty() => count,
            Some(count) => count.max(seen),
            None => seen,
        };
        Page { items, total, has_more }
    }
}

/// Fetches the server pages of `window` in order with `fetch(page)`, stopping at a short page;
/// returns the items, the last page's meta, and whether the end of the list was reached.
pub async fn fetch_window<T, M, F, Fut>(
    window: Window,
    mut fetch: F,
) -> Result<(Vec<T>, Option<M>, bool), ApiError>
where
    F: FnMut(u64) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, M), ApiError>>,
{
    let mut items = Vec::new();
    let mut meta = None;
    for page in window.pages() {
        let (got, page_meta) = fetch(page).await?;
        let short = window.is_short(got.len());
        items.extend(got);
        meta = Some(page_meta);
        if short {
            return Ok((items, meta, true));
        }
    }
    Ok((items, meta, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_the_window() {
        assert_eq!(Window::new(0, 15, 15).pages(), 1..=1);
        assert_eq!(Window::new(0, 50, 15).pages(), 1..=4);
        assert_eq!(Window::new(50, 50, 15).pages(), 4..=7);
        assert_eq!(Window::new(14, 2, 15).pages(), 1..=2);
        assert_eq!(Window::new(0, 0, 15).pages(), 1..=1);
        assert_eq!(Window::new(0, 10_000, 15).pages(), 1..=MAX_PAGES);
    }

    #[test]
    fn cut_takes_exactly_the_window() {
        let w = Window::new(50, 50, 15);
        // Pages 4..=7 hold items 45..105 of a list of 60: 45..60 came back.
        let fetched: Vec<u64> = (45..60).collect();
        let page = w.cut(fetched, Some(60), true);
        assert_eq!(page.items, (50..60).collect::<Vec<_>>());
        assert_eq!(page.total, 60);
        assert!(!page.has_more);

        let page = Window::new(0, 1, 15).cut((0..15).collect::<Vec<u64>>(), Some(40), false);
        assert_eq!((page.items, page.total, page.has_more), (vec![0], 40, true));

        let page = Window::new(30, 5, 15).cut(Vec::<u64>::new(), Some(2), true);
        assert_eq!((page.total, page.has_more), (2, false), "past the end: the count stands");

        let page = Window::new(0, 20, 15).cut((0..30).collect::<Vec<u64>>(), None, false);
        assert_eq!((page.items.len(), page.total, page.has_more), (20, 20, true));
    }
}
