//! OSC 8 hyperlinks over the URLs a pane drew, where the terminal supports them
//! ([`osc::hyperlinks`]).
//!
//! A ratatui cell has no room for a link, but its symbol is written verbatim. So each cell of
//! a URL becomes a link of its own — open, the cell's glyph, close — with its width forced to
//! the glyph's, so the diff and the cursor still count one glyph. A self-contained cell stays
//! right when the diff rewrites only some cells of a URL, and the sequence never spans a
//! cursor move. Only web URLs pass ([`osc::osc8`]), so nothing from a server can end the
//! sequence early or start another.
//!
//! Which cells: every place the row's text holds one of `links` whole, and every run of cells
//! in the link style that is a piece of one of them (a URL wrapped over lines). The work is
//! bounded by the area and the number of links, never by the number of messages.

use crate::layout::{osc, theme};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use std::num::NonZeroU16;

/// Turns the URLs among `links` drawn in `area` of `buf` into hyperlinks (nothing when the
/// terminal has none).
pub fn linkify(buf: &mut Buffer, area: Rect, links: &[String]) {
    if !osc::hyperlinks() || links.is_empty() {
        return;
    }
    let area = area.intersection(buf.area);
    let url_style = theme::url();
    for y in area.top()..area.bottom() {
        // The row's glyphs: (column, byte offset in `text`, symbol, in the link style).
        let mut cells = Vec::with_capacity(area.width as usize);
        let mut text = String::new();
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let sym = cell.symbol().to_string();
            let w = unicode_width::UnicodeWidthStr::width(sym.as_str()).max(1) as u16;
            let styled =
                cell.fg == url_style.fg.unwrap_or_default() && cell.modifier.contains(url_style.add_modifier);
            cells.push((x, text.len(), sym.clone(), styled));
            text.push_str(&sym);
            x = x.saturating_add(w);
        }
        let mut target: Vec<Option<usize>> = vec![None; cells.len()];
        for (li, url) in links.iter().enumerate() {
            for (at, _) in text.match_indices(url.as_str()) {
                let end = at + url.len();
                for (ci, c) in cells.iter().enumerate() {
                    if c.1 >= at && c.1 < end {
                        target[ci] = Some(li);
                    }
                }
            }
        }
        // Runs in the link style that are a piece of a link (a URL wrapped over rows).
        let mut ci = 0;
        while ci < cells.len() {
            if !cells[ci].3 || target[ci].is_some() {
                ci += 1;
                continue;
            }
            let start = ci;
            while ci < cells.len() && cells[ci].3 && target[ci].is_none() {
                ci += 1;
            }
            let piece: String = cells[start..ci].iter().map(|c| c.2.as_str()).collect();
            let piece = piece.trim();
            if piece.chars().count() < 4 {
                continue;
            }
            if let Some(li) = links.iter().position(|u| u.contains(piece)) {
                let lead = cells[start..ci].iter().take_while(|c| c.2.trim().is_empty()).count();
                let trail = cells[start..ci].iter().rev().take_while(|c| c.2.trim().is_empty()).count();
                for t in &mut target[start + lead..ci - trail] {
                    *t = Some(li);
                }
            }
        }
        for (c, t) in cells.iter().zip(&target) {
            let Some(li) = t else { continue };
            let Some(linked) = osc::osc8(&links[*li], &c.2) else { continue };
            let w = unicode_width::UnicodeWidthStr::width(c.2.as_str()).max(1) as u16;
            let Some(width) = NonZeroU16::new(w) else { continue };
            buf[(c.0, y)].set_symbol(&linked).set_diff_option(CellDiffOption::ForcedWidth(width));
        }
    }
}
