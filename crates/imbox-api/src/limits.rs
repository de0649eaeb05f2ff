//! What a server can make imbox hold: at most the rows a page asked for.
//!
//! A server that ignores `limit` (a bug, or hostile: 50,000 rows for `limit=50`) would otherwise
//! fill the lists and the memory with everything it sent. Together with the reply size cap (see
//! [`crate::http::ClientConfig::max_reply_bytes`]) this bounds one answer's cost.

use imbox_model::Page;

/// `page` with at most `limit` items: extra rows are dropped (and logged), and the page then
/// says more follow — the dropped rows are still on the server, at the next offset.
pub fn cap_page<T>(what: &'static str, mut page: Page<T>, limit: u32) -> Page<T> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if page.items.len() > limit {
        tracing::warn!(
            what,
            asked = limit,
            sent = page.items.len(),
            "the server sent more rows than asked; extra dropped"
        );
        page.items.truncate(limit);
        page.items.shrink_to_fit();
        page.has_more = true;
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_rows_are_dropped_and_more_is_promised() {
        let page = Page { items: (0..500).collect::<Vec<u32>>(), total: 500, has_more: false };
        let capped = cap_page("contacts", page, 50);
        assert_eq!(capped.items, (0..50).collect::<Vec<u32>>());
        assert!(capped.has_more);
        let small = Page { items: vec![1u32, 2], total: 2, has_more: false };
        let same = cap_page("contacts", small, 50);
        assert_eq!((same.items.len(), same.has_more), (2, false));
    }
}
