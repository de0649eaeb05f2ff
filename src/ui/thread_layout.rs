//! How one message becomes lines of the thread pane.
//!
//! A pure function of the message, its older neighbour (for the day separator), the width and
//! the time zone. The thread state calls it to measure heights while scrolling, the renderer to
//! draw, so both agree line for line. Only messages on screen are ever laid out.

use crate::model::{Message, MessageBody, ReplyButton, Sender};
use crate::ui::{text, theme};
use jiff::tz::TimeZone;
use ratatui::text::{Line, Span};

/// What the layout needs besides the message.
#[derive(Debug, Clone)]
pub struct LayoutContext<'a> {
    /// Columns available inside the pane.
    pub width: usize,
    /// Zone for clocks and day separators.
    pub tz: &'a TimeZone,
    /// Name to show for the customer's messages.
    pub contact_name: &'a str,
}

/// Columns agent messages are indented by, so the two sides are told apart at a glance.
fn agent_indent(width: usize) -> usize {
    (width / 6).min(8)
}

/// The lines of one message: an optional day separator, a header, the body, a blank line.
pub fn message_lines(msg: &Message, older: Option<&Message>, ctx: &LayoutContext) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let width = ctx.width.max(1);
    if let Some(t) = msg.created_at {
        let new_day = match older.and_then(|o| o.created_at) {
            Some(prev) => text::day_of(prev, ctx.tz) != text::day_of(t, ctx.tz),
            None => true,
        };
        if new_day {
            lines.push(day_separator(&text::day_label(t, ctx.tz), width));
        }
    }
    let (indent, side, who) = match msg.sender {
        Sender::Contact => (0, theme::contact_side(), non_empty(ctx.contact_name, "Customer")),
        Sender::Agent => (agent_indent(width), theme::agent_side(), non_empty(&msg.sender_name, "Agent")),
        Sender::Other => (agent_indent(width), theme::dim(), non_empty(&msg.from, "System")),
    };
    let pad = " ".repeat(indent);
    let bar = "▎ ";
    let body_width = width.saturating_sub(indent + text::width(bar)).max(1);
    let clock = msg.created_at.map(|t| text::clock(t, ctx.tz)).unwrap_or_default();
    let delivery = delivery(msg);
    let delivery_w: usize = delivery.iter().map(|s| text::width(&s.content)).sum();
    let mut header = vec![
        Span::raw(pad.clone()),
        Span::styled(bar, side),
        Span::styled(
            text::truncate(&who, body_width.saturating_sub(clock.len() + 2 + delivery_w)),
            side.patch(theme::bold()),
        ),
    ];
    if !clock.is_empty() {
        header.push(Span::styled(format!("  {clock}"), theme::dim()));
    }
    if let MessageBody::Text { is_mail: true, .. } = msg.body {
        header.push(Span::styled("  ✉ mail", theme::dim()));
    }
    header.extend(delivery);
    lines.push(Line::from(header));
    let body = body_lines(&msg.body, body_width);
    for spans in body {
        let mut all = vec![Span::raw(pad.clone()), Span::styled(bar, side)];
        all.extend(spans);
        lines.push(Line::from(all));
    }
    lines.push(Line::default());
    lines
}

/// `  SMS · delivered` after the clock: the channel a message went through and its delivery
/// status, when the backend reports them (SMS/RCS); a failed delivery in the error colour.
fn delivery(msg: &Message) -> Vec<Span<'static>> {
    let channel = match msg.channel.as_str() {
        "" => String::new(),
        c @ ("sms" | "rcs" | "mms") => c.to_ascii_uppercase(),
        c => c.to_string(),
    };
    let mut spans = Vec::new();
    if !channel.is_empty() {
        spans.push(Span::styled(format!("  {channel}"), theme::dim()));
    }
    if !msg.status.is_empty() {
        let sep = if channel.is_empty() { "  " } else { " · " };
        spans.push(Span::styled(sep, theme::dim()));
        let style = if msg.status == "failed" { theme::error() } else { theme::dim() };
        spans.push(Span::styled(msg.status.clone(), style));
    }
    spans
}

fn non_empty(s: &str, fallback: &str) -> String {
    if s.is_empty() { fallback.to_string() } else { s.to_string() }
}

fn day_separator(label: &str, width: usize) -> Line<'static> {
    let label = format!(" {label} ");
    let side = width.saturating_sub(text::width(&label)) / 2;
    let rule = "─".repeat(side);
    Line::from(vec![
        Span::styled(rule.clone(), theme::dim()),
        Span::styled(label, theme::dim()),
        Span::styled(rule, theme::dim()),
    ])
}

fn plain(text_lines: Vec<String>) -> Vec<Vec<Span<'static>>> {
    text_lines.into_iter().map(|l| vec![Span::raw(l)]).collect()
}

/// Lays buttons out as `[ Red ] [ Blue ]` chips, wrapping onto more rows when needed.
fn chips(buttons: &[ReplyButton], width: usize) -> Vec<Vec<Span<'static>>> {
    let mut rows: Vec<Vec<Span<'static>>> = Vec::new();
    let mut row: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for b in buttons {
        let label = text::truncate(&b.title, width.saturating_sub(4).max(1));
        let chip = format!("[ {label} ]");
        let w = text::width(&chip);
        if used > 0 && used + 1 + w > width {
            rows.push(std::mem::take(&mut row));
            used = 0;
        }
        if used > 0 {
            row.push(Span::raw(" "));
            used += 1;
        }
        row.push(Span::styled(chip, theme::chip()));
        used += w;
    }
    if !row.is_empty() {
        rows.push(row);
    }
    rows
}

fn kind_and_caption(kind: &str, caption: &str, extension: &str, width: usize) -> Vec<Span<'static>> {
    let mut s = format!("[{kind}] {}", if caption.is_empty() { "(no caption)" } else { caption });
    if !extension.is_empty() {
        s.push_str(&format!(" ({extension})"));
    }
    vec![Span::styled(text::truncate(&s, width), theme::bold())]
}

fn url_lines(url: &str, width: usize) -> Vec<Vec<Span<'static>>> {
    if url.is_empty() {
        return vec![vec![Span::styled("(no URL)", theme::dim())]];
    }
    text::wrap(url, width).into_iter().map(|l| vec![Span::styled(l, theme::url())]).collect()
}

/// The body rows of a message, each a list of spans, at most `width` cells wide.
fn body_lines(body: &MessageBody, width: usize) -> Vec<Vec<Span<'static>>> {
    match body {
        MessageBody::Text { text: t, .. } => plain(text::wrap(t, width)),
        MessageBody::QuickReply { title, description, .. } => {
            let label = text::truncate(title, width.saturating_sub(13).max(1));
            let mut rows = vec![vec![
                Span::styled("chose ", theme::dim()),
                Span::styled(format!("[ {label} ]"), theme::chip_chosen()),
            ]];
            if !description.is_empty() {
                rows.extend(plain(text::wrap(description, width)));
            }
            rows
        }
        MessageBody::Response { title, text: t, buttons, .. } => {
            let mut rows = Vec::new();
            if !title.is_empty() {
                rows.extend(
                    text::wrap(title, width).into_iter().map(|l| vec![Span::styled(l, theme::bold())]),
                );
            }
            if !t.is_empty() || title.is_empty() {
                rows.extend(plain(text::wrap(t, width)));
            }
            rows.extend(chips(buttons, width));
            rows
        }
        MessageBody::Image { caption, url, extension } => {
            let mut rows = vec![kind_and_caption("image", caption, extension, width)];
            rows.extend(url_lines(url, width));
            rows
        }
        MessageBody::File { caption, url, extension } => {
            let mut rows = vec![kind_and_caption("file", caption, extension, width)];
            rows.extend(url_lines(url, width));
            rows
        }
        MessageBody::Location { latitude, longitude, address } => {
            let place = if address.is_empty() { "(unnamed place)" } else { address };
            let mut rows = vec![vec![
                Span::styled("[location] ", theme::bold()),
                Span::raw(text::truncate(place, width.saturating_sub(11))),
            ]];
            if let (Some(lat), Some(lon)) = (latitude, longitude) {
                rows.push(vec![Span::styled(format!("{lat:.5}, {lon:.5}"), theme::dim())]);
            }
            rows
        }
        MessageBody::ContactCard { name, phone, email } => {
            let mut rows = vec![vec![
                Span::styled("[contact] ", theme::bold()),
                Span::raw(text::truncate(non_empty(name, "(no name)").as_str(), width.saturating_sub(10))),
            ]];
            for (label, value) in [("phone", phone), ("email", email)] {
                if !value.is_empty() {
                    rows.push(vec![
                        Span::styled(format!("{label}: "), theme::dim()),
                        Span::raw(text::truncate(value, width.saturating_sub(label.len() + 2))),
                    ]);
                }
            }
            rows
        }
        MessageBody::Activity { text: t } => {
            text::wrap(t, width).into_iter().map(|l| vec![Span::styled(l, theme::dim())]).collect()
        }
        MessageBody::Cards { cards } => {
            let mut rows = Vec::new();
            for card in cards {
                rows.push(vec![Span::styled(text::truncate(&card.title, width), theme::bold())]);
                rows.extend(plain(text::wrap(&card.description, width)));
            }
            rows
        }
        MessageBody::Form { text: t, fields } => {
            let mut rows = plain(text::wrap(t, width));
            for f in fields {
                rows.push(vec![Span::raw(text::truncate(&format!("{}: {}", f.label, f.value), width))]);
            }
            rows
        }
        MessageBody::Unsupported { kind, raw } => {
            vec![
                vec![Span::styled(text::truncate(&format!("unsupported: {kind}"), width), theme::dim())],
                vec![Span::styled(text::truncate(raw, width), theme::dim())],
            ]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(from: &str, body: MessageBody) -> Message {
        Message {
            id: "m".into(),
            conversation_id: "c".into(),
            from: from.into(),
            sender: Sender::from_id(from),
            created_at: "2024-12-10T09:53:09Z".parse().ok(),
            body,
            ..Default::default()
        }
    }

    fn flat(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn response_buttons_are_chips_and_lines_fit_the_width() {
        let tz = TimeZone::UTC;
        let ctx = LayoutContext { width: 60, tz: &tz, contact_name: "TWN#NJ9585" };
        let buttons = ["Red", "Blue", "White"]
            .iter()
            .enumerate()
            .map(|(i, t)| ReplyButton { id: i as i64, title: t.to_string(), payload: String::new() })
            .collect();
        let m = msg(
            "u_1",
            MessageBody::Response {
                title: String::new(),
                text: "Jane test MC from Postman".into(),
                buttons,
                chosen: Vec::new(),
            },
        );
        let lines = message_lines(&m, None, &ctx);
        let text = flat(&lines);
        assert!(text[0].contains("Tue 10 Dec 2024"), "{text:?}");
        assert!(text.iter().any(|l| l.contains("Jane test MC from Postman")));
        assert!(text.iter().any(|l| l.contains("[ Red ] [ Blue ] [ White ]")), "{text:?}");
        for l in &lines {
            assert!(l.width() <= 60, "{l:?}");
        }
    }

    #[test]
    fn day_separator_only_when_the_day_changes() {
        let tz = TimeZone::UTC;
        let ctx = LayoutContext { width: 40, tz: &tz, contact_name: "" };
        let a = msg(
            "con_1",
            MessageBody::QuickReply {
                title: "Red".into(),
                payload: String::new(),
                description: String::new(),
            },
        );
        let b = msg("con_1", MessageBody::Text { text: "hi".into(), is_mail: false });
        let text = flat(&message_lines(&a, Some(&b), &ctx));
        assert!(text[0].contains("Customer"), "{text:?}");
        assert!(text.iter().any(|l| l.contains("chose [ Red ]")));
        let narrow = LayoutContext { width: 3, tz: &tz, contact_name: "" };
        assert!(!message_lines(&a, None, &narrow).is_empty(), "tiny widths never panic");
    }

    #[test]
    fn channel_and_delivery_status_follow_the_clock() {
        let tz = TimeZone::UTC;
        let ctx = LayoutContext { width: 60, tz: &tz, contact_name: "Wei-Ting" };
        let mut m = msg("u_1", MessageBody::Text { text: "On its way".into(), is_mail: false });
        m.channel = "sms".into();
        m.status = "failed".into();
        let lines = message_lines(&m, None, &ctx);
        let header = &lines[1];
        assert!(flat(&lines)[1].ends_with("09:53  SMS · failed"), "{:?}", flat(&lines));
        let failed = header.spans.iter().find(|s| s.content == "failed").map(|s| s.style);
        assert_eq!(failed, Some(theme::error()));
        m.channel.clear();
        m.status = "delivered".into();
        assert!(flat(&message_lines(&m, None, &ctx))[1].ends_with("09:53  delivered"));
        m.status.clear();
        assert!(flat(&message_lines(&m, None, &ctx))[1].ends_with("09:53"), "nothing added without either");
    }
}
