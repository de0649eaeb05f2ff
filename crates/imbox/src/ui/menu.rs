//! The list box every picker and menu is drawn in (the inbox's filter picker and the action
//! menus): a centred modal with a title, rows with a cursor `▸` and check marks `✔`, scrolled so
//! the cursor's row shows. Also the action menus themselves.

use crate::layout::{text, theme};
use crate::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// One row of a list box: its text, the dim detail after it, and its style.
pub struct Row {
    /// The text.
    pub text: String,
    /// Dim text after it.
    pub detail: String,
    /// Its style.
    pub style: Style,
}

impl Row {
    /// A plain row (a heading, a message, a blank line).
    pub fn plain(text: impl Into<String>, style: Style) -> Self {
        Row { text: text.into(), detail: String::new(), style }
    }

    /// A choice: `▸` under the cursor, `✔` when `checked`.
    pub fn choice(label: &str, detail: &str, checked: bool, here: bool) -> Self {
        let mark = if checked { "✔" } else { " " };
        // The cursor row is highlighted and pointed at, so it shows without colours too.
        let (cursor, style) = if here { ("▸", theme::selected()) } else { (" ", Style::new()) };
        Row { text: format!(" {cursor}{mark} {label}"), detail: detail.to_string(), style }
    }
}

/// Draws `rows` in a box centred in `area`, titled `title`, scrolled so `selected_row` shows;
/// the box is as wide as the longest row, between `min_width` and 60 columns.
pub fn draw_list(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    rows: Vec<Row>,
    selected_row: usize,
    min_width: usize,
) {
    let cells =
        |r: &Row| text::width(&r.text) + if r.detail.is_empty() { 0 } else { 2 + text::width(&r.detail) };
    let longest = rows.iter().map(cells).max().unwrap_or(0).max(text::width(title));
    let width = (longest + 4).clamp(min_width, 60).min(area.width as usize) as u16;
    let height = (rows.len() + 2).min(area.height as usize) as u16;
    let rect = crate::ui::centred(area, width, height);
    let (inner_w, inner_h) = (width.saturating_sub(2) as usize, height.saturating_sub(2) as usize);
    let start = (selected_row + 1).saturating_sub(inner_h);
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(start)
        .take(inner_h)
        .map(|r| {
            let main = text::truncate(&r.text, inner_w);
            let room = inner_w.saturating_sub(text::width(&main));
            let detail = if r.detail.is_empty() || room < 4 {
                String::new()
            } else {
                text::truncate(&format!("  {}", r.detail), room)
            };
            let pad = inner_w.saturating_sub(text::width(&main) + text::width(&detail));
            let detail_style = if r.style == Style::new() { theme::dim() } else { r.style };
            Line::from(vec![
                Span::styled(main, r.style),
                Span::styled(detail, detail_style),
                Span::styled(" ".repeat(pad), r.style),
            ])
        })
        .collect();
    frame.render_widget(Clear, rect);
    let block = crate::ui::modal_frame().title(text::truncate(title, inner_w));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// Draws the open action menu.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let Some(menu) = &state.acts.menu else { return };
    let items = state.menu_items();
    let mut rows = Vec::new();
    if menu.loading {
        rows.push(Row::plain(" Loading the conversation's labels…", theme::dim()));
    } else if items.is_empty() {
        let msg = match menu.kind {
            crate::state::acts::menu::MenuKind::Agents => match &state.acts.agents_error {
                Some(e) => format!(" Could not load the agents: {e}"),
                None => " Loading agents…".into(),
            },
            _ => " Nothing to choose from".into(),
        };
        rows.push(Row::plain(msg, theme::dim()));
    }
    for (i, it) in items.iter().enumerate() {
        if !menu.loading {
            rows.push(Row::choice(&it.label, &it.detail, it.checked, i == menu.selected));
        }
    }
    let whom = match &menu.target {
        _ if menu.targets > 1 => format!(" · {} conversations", menu.targets),
        Some(id) => format!(" · #{id}"),
        None => String::new(),
    };
    let keys = match menu.kind {
        crate::state::acts::menu::MenuKind::Labels => "Space check · Enter save · Esc",
        crate::state::acts::menu::MenuKind::Links => "1-9 Enter open · y copy · Esc",
        _ => "Enter choose · Esc",
    };
    let title = format!(" {}{whom} · {keys} ", menu.kind.title());
    draw_list(frame, area, &title, rows, menu.selected, 40);
}
