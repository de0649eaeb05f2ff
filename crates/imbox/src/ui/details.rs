//! The contact details overlay.

use crate::action::details::opener_name;
use crate::layout::{self, text, theme};
use crate::state::State;
use crate::state::details::{DetailsState, LABEL_WIDTH, Row};
use crate::ui::spinner;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Draws the details overlay centred in `area`.
pub fn draw(state: &State, details: &DetailsState, frame: &mut Frame, area: Rect) {
    let rect = layout::details_frame((area.width, area.height)).intersection(area);
    let inner = layout::details_text_area((area.width, area.height)).intersection(area);
    frame.render_widget(Clear, rect);
    let loading = matches!(details.files, crate::state::details::Loadable::Loading(_))
        || matches!(details.comments, crate::state::details::Loadable::Loading(_));
    let title = format!(
        " Contact · {}{} ",
        crate::state::people::contact_label(&details.contact),
        if loading { format!(" {}", spinner(state.spinner)) } else { String::new() }
    );
    let width = inner.width as usize;
    let rows = details.rows(width, &state.tz);
    let more = rows.len() > details.scroll + inner.height as usize;
    let footer = format!(
        " j/k scroll{} · Tab URL · o open · e edit · Esc close ",
        if more || details.scroll > 0 {
            format!(" {}/{}", details.scroll + 1, rows.len().saturating_sub(inner.height as usize) + 1)
        } else {
            String::new()
        }
    );
    let block = crate::ui::modal_frame()
        .title(Line::styled(text::truncate(&title, rect.width.saturating_sub(2) as usize), theme::bold()))
        .title_bottom(
            Line::styled(text::truncate(&footer, rect.width.saturating_sub(2) as usize), theme::dim())
                .right_aligned(),
        );
    frame.render_widget(block, rect);
    let lines: Vec<Line> = rows
        .iter()
        .skip(details.scroll)
        .take(inner.height as usize)
        .map(|r| row_line(r, details.url, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(url) = &details.copy_box {
        draw_copy_box(url, frame, area);
    }
}

fn row_line(row: &Row, selected: usize, width: usize) -> Line<'static> {
    let value_width = width.saturating_sub(LABEL_WIDTH);
    match row {
        Row::Heading(t) => Line::styled(text::truncate(t, width), theme::bold()),
        Row::Field(label, v) => Line::from(vec![
            Span::styled(text::fit(label, LABEL_WIDTH), theme::dim()),
            Span::raw(text::truncate(v, value_width)),
        ]),
        Row::Extra(k, v) => Line::from(vec![
            Span::styled(text::fit(&text::truncate(k, LABEL_WIDTH - 1), LABEL_WIDTH), theme::dim()),
            Span::raw(text::truncate(v, value_width)),
        ]),
        Row::Url(url, i) => {
            let is_sel = *i == selected;
            let marker = if is_sel { "▸ " } else { "  " };
            let style = if is_sel { theme::selected() } else { theme::url() };
            Line::from(vec![
                Span::styled(marker, theme::key()),
                Span::styled(text::truncate(url, width.saturating_sub(2)), style),
            ])
        }
        Row::Dim(t) => Line::styled(text::truncate(t, width), theme::dim()),
        Row::Error(t) => Line::styled(text::truncate(&format!("✖ {t}"), width), theme::error()),
        Row::Text(t) => Line::raw(text::truncate(t, width)),
    }
}

/// The URL in a box, as plain unstyled text so the terminal can select it.
fn draw_copy_box(url: &str, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(text::width(url).max(60) as u16 + 4);
    let url_lines = text::wrap(url, width.saturating_sub(4) as usize);
    let hint = format!("No system opener ({}) found. Copy the URL:", opener_name());
    let mut lines = vec![Line::styled(hint, theme::dim()), Line::default()];
    lines.extend(url_lines.into_iter().map(Line::raw));
    lines.push(Line::default());
    lines.push(Line::styled("Select it with the mouse (run imbox --no-mouse, or hold Shift).", theme::dim()));
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = crate::ui::centred(area, width, height);
    frame.render_widget(Clear, rect);
    let block = crate::ui::modal_frame()
        .title(" Open URL ")
        .title_bottom(Line::styled(" Esc close ", theme::dim()).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), Rect { x: rect.x, ..rect }.intersection(area));
}
