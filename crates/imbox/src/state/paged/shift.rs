//! Changing a paged list in place when the server says a row moved, arrived or left (realtime
//! events), before the next answer brings the server's own order.
//!
//! Rows are addressed by index; a page holds rows `page * size ..`. Moving a row shifts the rows
//! between its old and new place across page boundaries, so every loaded page keeps exactly the
//! rows the server would send for it. Where a page in between is not loaded the pages after it
//! no longer line up with the server's: they are dropped and asked again when they come into
//! view.

use super::PagedList;

impl<T> PagedList<T> {
    /// Whether the row at `index` is loaded.
    fn holds(&self, index: usize) -> bool {
        self.get(index).is_some()
    }

    /// Drops every loaded page after `page` (their rows shifted by one: they no longer match).
    fn drop_after(&mut self, page: u64) {
        let _ = self.pages.split_off(&(page + 1));
    }

    /// Removes the loaded row at `index`; the rows below move up one (the total shrinks by one).
    pub fn remove_at(&mut self, index: usize) -> Option<T> {
        if !self.holds(index) {
            return None;
        }
        let size = self.page_size as usize;
        let mut page = (index / size) as u64;
        let item = self.pages.get_mut(&page)?.remove(index % size);
        // The next page's first row fills the hole, page after page.
        loop {
            let next = match self.pages.get_mut(&(page + 1)) {
                Some(n) if !n.is_empty() => n.remove(0),
                _ => {
                    self.drop_after(page);
                    break;
                }
            };
            if let Some(p) = self.pages.get_mut(&page) {
                p.push(next);
            }
            page += 1;
        }
        self.total = self.total.map(|t| t.saturating_sub(1));
        self.after_change();
        Some(item)
    }

    /// Inserts `item` at `index` (in a loaded page, or just after its last row); the rows below
    /// move down one (the total grows by one). Returns false when that page is not loaded.
    pub fn insert_at(&mut self, index: usize, item: T) -> bool {
        let size = self.page_size as usize;
        let mut page = (index / size) as u64;
        match self.pages.get_mut(&page) {
            Some(p) if index % size <= p.len() => p.insert(index % size, item),
            _ => return false,
        }
        // A full page hands its last row to the next one, page after page.
        loop {
            let over = match self.pages.get_mut(&page) {
                Some(p) if p.len() > size => p.pop(),
                _ => None,
            };
            let Some(over) = over else { break };
            match self.pages.get_mut(&(page + 1)) {
                Some(n) => n.insert(0, over),
                None => {
                    self.drop_after(page);
                    break;
                }
            }
            page += 1;
        }
        self.total = self.total.map(|t| t + 1);
        self.after_change();
        true
    }

    /// Moves the loaded row at `from` to the top (a conversation with new activity, in a list
    /// sorted by activity); the rows above it move down one.
    pub fn move_to_front(&mut self, from: usize) {
        if from == 0 || !self.holds(from) {
            return;
        }
        if let Some(item) = self.remove_at(from) {
            // Page 0 is loaded whenever a row is: a list fills from its top.
            if !self.insert_at(0, item) {
                self.total = self.total.map(|t| t + 1);
            }
        }
    }

    /// Replaces the loaded row at `index`.
    pub fn replace_at(&mut self, index: usize, item: T) {
        let size = self.page_size as usize;
        if let Some(slot) = self.pages.get_mut(&((index / size) as u64)).and_then(|p| p.get_mut(index % size))
        {
            *slot = item;
        }
    }

    /// Keeps the selection within the list after its length changed.
    fn after_change(&mut self) {
        let len = self.len();
        if self.selected >= len {
            self.selected = len.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imbox_model::Page;

    /// A list of `total` rows numbered from 0, pages of 3, with `loaded` pages applied.
    fn list(total: u64, loaded: &[u64]) -> PagedList<u64> {
        let mut l = PagedList::new(3);
        for (req, p) in loaded.iter().enumerate() {
            let skip = p * 3;
            let items: Vec<u64> = (skip..(skip + 3).min(total)).collect();
            let has_more = skip + (items.len() as u64) < total;
            l.mark_pending(*p, req as u64);
            assert!(l.apply(req as u64, skip, Ok(Page { items, total, has_more })));
        }
        l
    }

    fn rows(l: &PagedList<u64>) -> Vec<u64> {
        l.loaded().map(|(_, v)| *v).collect()
    }

    #[test]
    fn a_row_moves_to_the_top_across_pages() {
        let mut l = list(8, &[0, 1, 2]);
        l.move_to_front(7);
        assert_eq!(rows(&l), vec![7, 0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(l.len(), 8);
        l.move_to_front(0);
        assert_eq!(rows(&l)[0], 7, "the top row stays");
    }

    #[test]
    fn removing_and_inserting_shift_the_rows_and_the_total() {
        let mut l = list(8, &[0, 1, 2]);
        assert_eq!(l.remove_at(1), Some(1));
        assert_eq!(rows(&l), vec![0, 2, 3, 4, 5, 6, 7]);
        assert_eq!(l.len(), 7);
        assert!(l.insert_at(0, 9));
        assert_eq!(rows(&l), vec![9, 0, 2, 3, 4, 5, 6, 7]);
        assert_eq!(l.len(), 8);
    }

    #[test]
    fn pages_after_a_gap_are_dropped_as_they_no_longer_line_up() {
        let mut l = list(12, &[0, 2]);
        assert!(l.insert_at(1, 99));
        assert_eq!(rows(&l), vec![0, 99, 1], "page 2 was dropped: its rows shifted");
        assert_eq!(l.len(), 13);
        assert!(!l.insert_at(7, 5), "page 2 is not loaded");
    }
}
