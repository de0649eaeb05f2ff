//! The composer at the bottom of the thread pane: a framed text area titled by what it is
//! (reply or private note, to whom), the quoted message, the attachments with their sizes, the
//! SMS cost, the open picker or question, and the keys (or the latest note) in the bottom edge.

use crate::layout::{text, theme};
use crate::state::State;
use crate::state::compose::{Composer, Prompt, canned};
use imbox_model::CannedResponse;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui_textarea::TextArea;

/// Draws the open composer into `area` (the bottom rows of the thread pane).
pub fn draw(state: &State, c: &Composer, frame: &mut Frame, area: Rect) {
    if area.height < 3 || area.width < 8 {
        return;
    }
    let width = area.width.saturating_sub(2) as usize;
    let accent = if c.private { theme::private_note() } else { theme::focused_border() };
    let who =
        if state.thread.contact_name.is_empty() { "the conversation" } else { &state.thread.contact_name };
    let title = if c.private {
        " 🔒 Private note (agents only) ".to_string()
    } else {
        format!(" ✎ Reply to {who} ")
    };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(accent)
        .title(Span::styled(text::truncate(&title, width), accent));
    if let Some(count) = c.sms_count() {
        let parts = if count.segments == 1 { "1 SMS".to_string() } else { format!("{} SMS", count.segments) };
        let cost = format!(
            " {} · {}/{} · {parts} ",
            count.encoding.label(),
            count.units,
            count.per_segment * count.segments
        );
        let style = if count.segments > 1 { theme::private_note() } else { theme::dim() };
        block = block.title_top(Line::styled(cost, style).right_aligned());
    }
    block = block.title_bottom(bottom_line(c, width));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut rows = inner.height;
    let mut y = inner.y;
    let line = |frame: &mut Frame, l: Line<'_>, y: &mut u16, rows: &mut u16| {
        if *rows > 1 {
            frame.render_widget(Paragraph::new(l), Rect { y: *y, height: 1, ..inner });
            *y += 1;
            *rows -= 1;
        }
    };
    if let Some(q) = &c.quote {
        let who = if q.who.is_empty() { "a message".to_string() } else { q.who.clone() };
        let l = format!("↳ replying to {who}: {}", q.preview);
        line(frame, Line::styled(text::truncate(&l, width), theme::dim()), &mut y, &mut rows);
    }
    if !c.attachments.is_empty() {
        let files: Vec<String> = c
            .attachments
            .iter()
            .map(|a| match a.size {
                Some(s) => format!("{} ({})", a.name, size(s)),
                None => a.name.clone(),
            })
            .collect();
        let l = format!("📎 {}", files.join(" · "));
        line(frame, Line::styled(text::truncate(&l, width), theme::bold()), &mut y, &mut rows);
    }
    let prompt_lines = prompt_lines(state, c, width);
    let prompt_rows = (prompt_lines.len() as u16).min(rows.saturating_sub(1));
    let text_rows = rows - prompt_rows;
    let text_area = Rect { y, height: text_rows, ..inner };
    if c.prompt.is_none() {
        // Styled once in the state (Composer::restyle): drawn as it is, its wrap kept.
        frame.render_widget(&c.input, text_area);
    } else {
        // A prompt has the cursor: the text's own is not shown.
        let mut ta: TextArea = c.input.clone();
        ta.set_cursor_style(Style::default());
        frame.render_widget(&ta, text_area);
    }
    if prompt_rows > 0 {
        let area = Rect { y: y + text_rows, height: prompt_rows, ..inner };
        frame.render_widget(Paragraph::new(prompt_lines), area);
    }
}

/// The bottom edge: the open prompt's keys, else the composer's note, else the essential keys
/// (the others are in the status line and the help).
fn bottom_line(c: &Composer, width: usize) -> Line<'static> {
    let keys = match (&c.prompt, &c.note) {
        (Some(Prompt::Canned(_)), _) => " type to filter · ↑↓ choose · Enter insert · Esc back ",
        (Some(Prompt::Attach { .. }), _) => " Tab complete · Enter attach · Esc back ",
        (Some(_), _) => " Enter/y yes · Esc/n no ",
        (None, Some(n)) => return Line::styled(text::truncate(&format!(" {n} "), width), theme::key()),
        (None, None) => " Enter send · M-Enter new line · Esc close ",
    };
    Line::styled(text::truncate(keys, width), theme::dim())
}

/// The open picker or question, as lines under the text.
fn prompt_lines(state: &State, c: &Composer, width: usize) -> Vec<Line<'static>> {
    match &c.prompt {
        None => Vec::new(),
        Some(Prompt::Unfilled(vars)) => vec![Line::styled(
            text::truncate(&format!("send with {} unfilled? y/n", vars.join(" ")), width),
            theme::error(),
        )],
        Some(Prompt::Segments(n)) => vec![Line::styled(
            text::truncate(
                &format!(
                    "send {} SMS ({}, {} chars, each charged)? y/n",
                    n.segments,
                    n.encoding.label(),
                    n.units
                ),
                width,
            ),
            theme::private_note(),
        )],
        Some(Prompt::Attach { input, completions, pending }) => {
            let mut lines = vec![Line::from(vec![
                Span::styled("attach file: ", theme::key()),
                Span::raw(input.lines().join("")),
                Span::styled("▏", theme::key()),
                Span::styled(if pending.is_some() { "  …" } else { "" }, theme::dim()),
            ])];
            for p in completions.iter().take(4) {
                lines.push(Line::styled(text::truncate(&format!("  {p}"), width), theme::dim()));
            }
            if completions.len() > 4 {
                lines.push(Line::styled(format!("  … {} more", completions.len() - 4), theme::dim()));
            }
            lines
        }
        Some(Prompt::Canned(picker)) => {
            let mut lines = vec![Line::from(vec![
                Span::styled("/", theme::key()),
                Span::raw(picker.query.clone()),
                Span::styled("▏", theme::key()),
            ])];
            let Some(items) = &state.compose.canned else {
                let what = if picker.chosen {
                    "loading… the best match goes in once loaded"
                } else {
                    "loading canned responses…"
                };
                lines.push(Line::styled(what, theme::dim()));
                return lines;
            };
            let found = canned::matches(items, &picker.query);
            if found.is_empty() {
                lines.push(Line::styled("no canned response matches", theme::dim()));
            }
            // A window of six around the chosen one; the code column as wide as its longest code
            // (up to a third of the line), so the contents line up.
            let start = picker.selected.saturating_sub(5);
            let shown: Vec<&CannedResponse> =
                found.iter().skip(start).take(6).filter_map(|&i| items.get(i)).collect();
            let code_w = shown.iter().map(|c| text::width(&c.short_code)).max().unwrap_or(0).min(width / 3);
            for (row, item) in shown.iter().enumerate().map(|(k, c)| (start + k, c)) {
                let first = item.content.lines().next().unwrap_or_default();
                let code = text::fit(&item.short_code, code_w);
                let l = text::truncate(&format!(" {code} {first}"), width);
                let style = if row == picker.selected { theme::selected() } else { Style::default() };
                lines.push(Line::styled(l, style));
            }
            lines
        }
    }
}

/// A byte count as people read it.
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.0} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / 1024.0 / 1024.0),
    }
}
