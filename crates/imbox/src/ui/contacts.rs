//! The contacts pane: one row per contact (name, channel, last seen), position and total below.
//! While a search is shown, the pane draws the search line and its results instead
//! (see [`crate::ui::search`]).

use crate::layout::Pane;
use crate::layout::{text, theme};
use crate::state::State;
use crate::state::people;
use crate::ui::{pane_block, placeholder};
use imbox_model::Contact;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;

/// Draws the contacts pane into `area`.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    if state.search.active {
        crate::ui::search::draw(state, frame, area);
        return;
    }
    let list = &state.contacts;
    let footer = if list.is_known() && !list.is_empty() {
        format!(" {} / {} ", text::thousands(list.selected as u64 + 1), text::thousands(list.len() as u64))
    } else {
        String::new()
    };
    let block = pane_block(state, Pane::Contacts, " Contacts ".into(), footer, state.contacts_cache_label());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if !state.account.capabilities.contact_list {
        let name = state.account.kind.name();
        let msg = vec![
            Line::styled(format!("No contact list on {name}"), theme::dim()),
            Line::styled("press / to look up a phone number, e-mail, fid_… or cid_…", theme::dim()),
        ];
        placeholder(frame, inner, msg);
        return;
    }
    if !list.is_known() {
        // Nothing loaded and the server out of reach: say so, with what to do.
        let msg = crate::ui::offline::or_loading(state, "contacts", list.error.as_deref());
        placeholder(frame, inner, msg);
        return;
    }
    if list.is_empty() {
        placeholder(frame, inner, vec![Line::styled("No contacts", theme::dim())]);
        return;
    }
    let mut inner = inner;
    if let Some(e) = &list.error {
        // The list keeps what it had; why it could not be refreshed is shown under it (the
        // state's contacts viewport leaves these rows free, so the selection stays visible).
        // Offline over cached rows, the reason is in the header already: say what the rows are.
        let msg = if state.is_offline() && state.contacts_cache_label().is_some() {
            "✖ offline: these rows are from the cache · R to retry".to_string()
        } else {
            format!("✖ {e} · R to retry")
        };
        let rows = (crate::state::CONTACTS_ERROR_ROWS as u16).min(inner.height.saturating_sub(1));
        let at = Rect { y: inner.y + inner.height - rows, height: rows, ..inner };
        inner.height -= rows;
        let para = Paragraph::new(Line::styled(msg, theme::error())).wrap(Wrap { trim: true });
        frame.render_widget(para, at);
    }
    let width = inner.width as usize;
    let focused = state.focus == Pane::Contacts;
    let visible: Vec<(usize, Option<&Contact>)> = (list.offset..list.offset + inner.height as usize)
        .take_while(|i| *i < list.len())
        .map(|i| (i, list.get(i)))
        .collect();
    // Names repeated on screen get what tells them apart (only the visible rows are compared).
    let tails = people::tails(&visible.iter().map(|(_, c)| *c).collect::<Vec<_>>());
    let rows: Vec<Line> = visible
        .iter()
        .zip(&tails)
        .map(|((i, c), tail)| {
            let style = row_style(*i == list.selected, focused);
            match c {
                Some(c) => contact_row(state, c, &[], tail.as_deref(), style, width),
                None => Line::from(Span::styled(text::fit(" …", width), theme::dim())).style(style),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rows), inner);
}

/// The style of a row: selected (focused or not) or plain.
pub fn row_style(selected: bool, focused: bool) -> Style {
    match (selected, focused) {
        (true, true) => theme::selected(),
        (true, false) => theme::selected_unfocused(),
        _ => Style::new(),
    }
}

/// One contact row, `width` cells wide: name (with the graphemes at `matched` highlighted,
/// followed by `tail` when another row on screen has the same name), channel and last seen;
/// `style` is the row's style (plain or selected).
pub fn contact_row(
    state: &State,
    c: &Contact,
    matched: &[u32],
    tail: Option<&str>,
    style: Style,
    width: usize,
) -> Line<'static> {
    // The channel column is dropped first when the pane is narrow: the name matters most.
    let seen_w = 6;
    let channel_w = if width >= 36 { 10 } else { 0 };
    let name_w = width.saturating_sub(channel_w + seen_w + 3);
    let name = people::contact_label(c);
    // Matches were found in the name; a stand-in for a missing one has none to show.
    let matched = if c.display_name.trim().is_empty() { &[][..] } else { matched };
    let seen = text::age(c.last_seen.or(c.created_at), state.now, &state.tz);
    let secondary = if style == Style::new() { theme::dim() } else { style };
    // A conversation of this contact has unread notifications (iMBRACE).
    let mark = if state.contact_unread(&c.id) { "●" } else { " " };
    let mut spans = vec![Span::styled(mark, theme::unseen())];
    match tail.map(|t| format!(" · {t}")) {
        // Both whole when they fit; else the name gives way to the tail down to half the
        // column, and the tail is cut after that.
        Some(tail) => {
            let (name_need, tail_need) = (text::width(&name), text::width(&tail));
            let own = name_w.saturating_sub(tail_need).max(name_need.min(name_w / 2)).min(name_need);
            spans.extend(highlighted(&name, matched, own, style));
            spans.push(Span::styled(text::fit(&tail, name_w - own), secondary));
        }
        None => spans.extend(highlighted(&name, matched, name_w, style)),
    }
    spans.push(Span::raw(" "));
    // One cell of the column is always a gap, so "instagram" never runs into the date.
    let channel = format!("{} ", text::fit(&c.channel_type, channel_w.saturating_sub(1)));
    spans.push(Span::styled(if channel_w == 0 { String::new() } else { channel }, secondary));
    spans.push(Span::styled(format!("{seen:>seen_w$} ", seen = text::truncate(&seen, seen_w)), secondary));
    Line::from(spans).style(style)
}

/// `name` fitted to `cells`, with the graphemes at `matched` (sorted) drawn as matches.
fn highlighted(name: &str, matched: &[u32], cells: usize, style: Style) -> Vec<Span<'static>> {
    if matched.is_empty() {
        return vec![Span::raw(text::fit(name, cells))];
    }
    let hl = if style == Style::new() {
        theme::matched()
    } else {
        style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    };
    // Leave room for the ellipsis when the name is cut.
    let room = if text::width(name) > cells { cells.saturating_sub(1) } else { cells };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let (mut run, mut run_hl, mut used) = (String::new(), false, 0);
    for (i, g) in name.graphemes(true).enumerate() {
        let w = text::width(g);
        if used + w > room {
            break;
        }
        let is_hl = matched.binary_search(&(i as u32)).is_ok();
        if is_hl != run_hl && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_hl { hl } else { Style::new() }));
        }
        run_hl = is_hl;
        run.push_str(g);
        used += w;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { hl } else { Style::new() }));
    }
    let mut tail = if room < cells { "…".to_string() } else { String::new() };
    tail.extend(std::iter::repeat_n(' ', cells.saturating_sub(used + text::width(&tail))));
    spans.push(Span::raw(tail));
    spans
}
