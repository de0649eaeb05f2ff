//! The richer message parts: reply chips with the submitted one marked, cards and forms in
//! light boxes, and the attachment list. Every row fits the width it is given (down to one
//! cell, where boxes give way to plain rows), measured in terminal cells.

use crate::layout::{text, theme};
use imbox_model::{Attachment, Card, FormItem, ReplyButton};
use ratatui::style::Style;
use ratatui::text::Span;

/// One row of a message body.
pub type Row = Vec<Span<'static>>;

/// Narrower than this, boxes are dropped and their rows shown plain.
const MIN_BOX_WIDTH: usize = 6;

fn row_width(row: &Row) -> usize {
    row.iter().map(Span::width).sum()
}

/// `row` cut to `width` cells (the cut span ends with `…`).
pub fn clip(row: Row, width: usize) -> Row {
    let mut out = Vec::new();
    let mut used = 0;
    for s in row {
        let w = s.width();
        if used + w <= width {
            used += w;
            out.push(s);
        } else {
            let room = width - used;
            if room > 0 {
                out.push(Span::styled(text::truncate(&s.content, room), s.style));
            }
            break;
        }
    }
    out
}

/// Whether `button` is among the values the contact submitted (by title or payload).
fn is_chosen(button: &ReplyButton, chosen: &[String]) -> bool {
    chosen.iter().any(|c| !c.is_empty() && (*c == button.title || *c == button.payload))
}

/// Lays buttons out as `[ Red ] ✔ [ Blue ]` chips, wrapping onto more rows when needed; the
/// chosen ones carry a check mark and the chosen style.
pub fn chips(buttons: &[ReplyButton], chosen: &[String], width: usize) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut row: Row = Vec::new();
    let mut used = 0;
    for b in buttons {
        let picked = is_chosen(b, chosen);
        let mark = if picked { "✔ " } else { "" };
        let room = width.saturating_sub(4 + text::width(mark)).max(1);
        let chip = text::truncate(&format!("{mark}[ {} ]", text::truncate(&b.title, room)), width.max(1));
        let w = text::width(&chip);
        if used > 0 && used + 1 + w > width {
            rows.push(std::mem::take(&mut row));
            used = 0;
        }
        if used > 0 {
            row.push(Span::raw(" "));
            used += 1;
        }
        row.push(Span::styled(chip, if picked { theme::chip_chosen() } else { theme::chip() }));
        used += w;
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

/// `content` (built for `width - 4` cells) inside a light box `width` cells wide; at tiny widths
/// the rows are returned plain.
fn boxed(content: Vec<Row>, width: usize) -> Vec<Row> {
    if width < MIN_BOX_WIDTH {
        return content.into_iter().map(|r| clip(r, width.max(1))).collect();
    }
    let inner = width - 4;
    let edge =
        |l: &str, r: &str| vec![Span::styled(format!("{l}{}{r}", "─".repeat(width - 2)), theme::dim())];
    let mut rows = vec![edge("┌", "┐")];
    for row in content {
        let mut row = clip(row, inner);
        let pad = inner.saturating_sub(row_width(&row));
        let mut line = vec![Span::styled("│ ", theme::dim())];
        line.append(&mut row);
        line.push(Span::raw(" ".repeat(pad)));
        line.push(Span::styled(" │", theme::dim()));
        rows.push(line);
    }
    rows.push(edge("└", "┘"));
    rows
}

/// The width content gets inside a box drawn `width` wide.
fn inside(width: usize) -> usize {
    if width < MIN_BOX_WIDTH { width.max(1) } else { width - 4 }
}

fn wrapped(s: &str, width: usize, style: Style) -> Vec<Row> {
    text::wrap(s, width).into_iter().map(|l| vec![Span::styled(l, style)]).collect()
}

/// `url` as rows in the link style (wrapped, so it can still be copied whole).
fn url_rows(url: &str, width: usize) -> Vec<Row> {
    wrapped(url, width, theme::url())
}

fn is_link(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// Each card boxed: title, description, media URL, then its actions — postbacks as chips,
/// links as `[ text ] ↗ URL`.
pub fn cards(cards: &[Card], width: usize) -> Vec<Row> {
    let inner = inside(width);
    let mut rows = Vec::new();
    for card in cards {
        let mut content: Vec<Row> = Vec::new();
        if !card.title.is_empty() {
            content.extend(wrapped(&card.title, inner, theme::bold()));
        }
        if !card.description.is_empty() {
            content.extend(wrapped(&card.description, inner, Style::new()));
        }
        if !card.media_url.is_empty() {
            content.extend(url_rows(&card.media_url, inner));
        }
        let buttons: Vec<ReplyButton> = card
            .actions
            .iter()
            .filter(|(_, target)| !is_link(target))
            .map(|(title, payload)| ReplyButton { id: 0, title: title.clone(), payload: payload.clone() })
            .collect();
        content.extend(chips(&buttons, &[], inner));
        for (title, link) in card.actions.iter().filter(|(_, target)| is_link(target)) {
            let chip = format!("[ {} ] ↗ ", text::truncate(title, inner.saturating_sub(8).max(1)));
            if text::width(&chip) + text::width(link) <= inner {
                content
                    .push(vec![Span::styled(chip, theme::chip()), Span::styled(link.clone(), theme::url())]);
            } else {
                content.push(vec![Span::styled(text::truncate(chip.trim_end(), inner), theme::chip())]);
                content.extend(url_rows(link, inner));
            }
        }
        if content.is_empty() {
            content.push(vec![Span::styled("(empty card)", theme::dim())]);
        }
        rows.extend(boxed(content, width));
    }
    rows
}

/// A form boxed: its text, then `label: value` rows; unanswered fields show a dim `—`.
pub fn form(intro: &str, fields: &[FormItem], width: usize) -> Vec<Row> {
    let inner = inside(width);
    let mut content: Vec<Row> = Vec::new();
    if !intro.is_empty() {
        content.extend(wrapped(intro, inner, Style::new()));
    }
    for f in fields {
        let label = format!("{}: ", text::truncate(&f.label, (inner / 2).max(1)));
        let label_w = text::width(&label);
        if f.value.is_empty() {
            content.push(vec![Span::styled(label, theme::bold()), Span::styled("—", theme::dim())]);
        } else if label_w + text::width(&f.value) <= inner {
            content.push(vec![Span::styled(label, theme::bold()), Span::raw(f.value.clone())]);
        } else {
            // A long answer continues under its label, indented.
            content.push(vec![Span::styled(text::truncate(label.trim_end(), inner), theme::bold())]);
            for l in text::wrap(&f.value, inner.saturating_sub(2).max(1)) {
                content.push(vec![Span::raw("  "), Span::raw(l)]);
            }
        }
    }
    if content.is_empty() {
        content.push(vec![Span::styled("(empty form)", theme::dim())]);
    }
    boxed(content, width)
}

/// The attachments as `[image] name — URL` rows (the URL on rows of its own when it does not
/// fit beside the name).
pub fn attachments(list: &[Attachment], width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for a in list {
        let kind = if a.kind.is_empty() { "file" } else { a.kind.as_str() };
        let head = if a.title.is_empty() { format!("[{kind}]") } else { format!("[{kind}] {}", a.title) };
        if a.url.is_empty() {
            rows.push(vec![
                Span::styled(text::truncate(&head, width), theme::bold()),
                Span::styled(if text::width(&head) + 9 <= width { " (no URL)" } else { "" }, theme::dim()),
            ]);
        } else if text::width(&head) + 3 + text::width(&a.url) <= width {
            rows.push(vec![
                Span::styled(head, theme::bold()),
                Span::styled(" — ", theme::dim()),
                Span::styled(a.url.clone(), theme::url()),
            ]);
        } else {
            rows.push(vec![Span::styled(text::truncate(&head, width), theme::bold())]);
            rows.extend(url_rows(&a.url, width));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(rows: &[Row]) -> Vec<String> {
        rows.iter().map(|r| r.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn boxes_fit_every_width_and_give_way_when_tiny() {
        let card = Card {
            title: "Sunset cruise 日本語".into(),
            description: "Two hours on the bay".into(),
            media_url: "https://example.com/img/cruise.jpg".into(),
            actions: vec![("Book".into(), "BOOK".into()), ("More".into(), "https://example.com/c".into())],
        };
        let fields = vec![FormItem { label: "Email".into(), kind: "email".into(), value: String::new() }];
        for width in 1..60 {
            for rows in [cards(std::slice::from_ref(&card), width), form("Tell us", &fields, width)] {
                for r in &rows {
                    assert!(row_width(r) <= width.max(1), "width {width}: {:?}", flat(&rows));
                }
            }
        }
        let text = flat(&cards(&[card], 40));
        assert!(text[0].starts_with('┌') && text.last().is_some_and(|l| l.starts_with('└')), "{text:?}");
        assert!(text.iter().any(|l| l.contains("[ Book ]")));
        assert!(text.iter().any(|l| l.contains("[ More ] ↗ https://example.com/c")), "{text:?}");
    }

    #[test]
    fn the_submitted_chip_is_marked() {
        let buttons: Vec<ReplyButton> = ["Yes", "No"]
            .iter()
            .map(|t| ReplyButton { id: 0, title: t.to_string(), payload: t.to_lowercase() })
            .collect();
        let rows = chips(&buttons, &["no".into()], 40);
        assert_eq!(flat(&rows), vec!["[ Yes ] ✔ [ No ]"]);
        assert_eq!(rows[0][2].style, theme::chip_chosen());
    }
}
