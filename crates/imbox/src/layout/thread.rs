//! How one message becomes lines of the thread pane.
//!
//! A pure function of the message, its older neighbour (for the day separator), the width and
//! the time zone. The thread state calls it to measure heights while scrolling, the renderer to
//! draw, so both agree line for line. Only messages on screen are ever laid out.
//!
//! Activity messages are a centred dim line without a sender. A private note (agents only) is
//! labelled `🔒 private note` and carries its own gutter (`┃`, amber) on every row, so it is told
//! apart by text as well as by colour, at any width and without colours. Cards and forms are
//! boxed, attachments listed under the body (see `thread_layout/rich.rs`).

mod rich;

use crate::layout::{text, theme};
use imbox_model::{Message, MessageBody, Sender};
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
    if let MessageBody::Activity { text: t } = &msg.body {
        // A system line: no sender, no gutter, centred and dim.
        for l in text::wrap(t, width) {
            lines.push(Line::styled(l, theme::dim()).centered());
        }
        lines.push(Line::default());
        return lines;
    }
    let (indent, side, who) = match msg.sender {
        Sender::Contact => (0, theme::contact_side(), non_empty(ctx.contact_name, "Customer")),
        Sender::Agent => (agent_indent(width), theme::agent_side(), non_empty(&msg.sender_name, "Agent")),
        Sender::Other => (agent_indent(width), theme::dim(), non_empty(&msg.from, "System")),
    };
    // The name the server gave the author wins over the generic one.
    let who = if msg.sender_name.is_empty() { who } else { msg.sender_name.clone() };
    let pad = " ".repeat(indent);
    let (bar, bar_style) = if msg.private { ("┃ ", theme::private_note()) } else { ("▎ ", side) };
    let body_width = width.saturating_sub(indent + text::width(bar)).max(1);
    let clock = msg.created_at.map(|t| format!("  {}", text::clock(t, ctx.tz))).unwrap_or_default();
    // Too narrow for the clock and a few letters of the name: the clock goes.
    let clock = if body_width >= text::width(&clock) + 4 { clock } else { String::new() };
    let delivery = delivery(msg);
    let delivery_w: usize = delivery.iter().map(|s| text::width(&s.content)).sum();
    let room = body_width.saturating_sub(text::width(&clock) + delivery_w);
    let mut header = vec![Span::raw(pad.clone()), Span::styled(bar, bar_style)];
    let mut who_room = room;
    if msg.private {
        // The label comes first so a narrow pane cuts the name, not the label; at the least the
        // lock stays.
        let full = "🔒 private note · ";
        let label = if text::width(full) <= room {
            full
        } else if room >= 2 {
            "🔒"
        } else {
            ""
        };
        who_room = room.saturating_sub(text::width(label));
        header.push(Span::styled(label, theme::private_note()));
    }
    header.push(Span::styled(text::truncate(&who, who_room), side.patch(theme::bold())));
    header.push(Span::styled(clock, theme::dim()));
    if let MessageBody::Text { is_mail: true, .. } = msg.body {
        header.push(Span::styled("  ✉ mail", theme::dim()));
    }
    header.extend(delivery);
    lines.push(Line::from(header));
    let mut body = body_lines(&msg.body, body_width);
    body.extend(rich::attachments(&msg.attachments, body_width));
    for spans in body {
        let mut all = vec![Span::raw(pad.clone()), Span::styled(bar, bar_style)];
        all.extend(spans);
        lines.push(Line::from(all));
    }
    lines.push(Line::default());
    lines
}

/// What finding text in the thread searches of a message: the rows of its body and attachments
/// as drawn, unwrapped (a line of text is one row), without the header's name and time.
pub fn searchable_lines(msg: &Message) -> Vec<String> {
    const UNWRAPPED: usize = 1 << 20;
    let rows = match &msg.body {
        MessageBody::Activity { text: t } => return vec![t.clone()],
        body => {
            let mut rows = body_lines(body, UNWRAPPED);
            rows.extend(rich::attachments(&msg.attachments, UNWRAPPED));
            rows
        }
    };
    rows.into_iter().map(|spans| spans.iter().map(|s| s.content.as_ref()).collect()).collect()
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
    // A delivery status is news for what we sent; on a customer's message only a failure is.
    let shown = !msg.status.is_empty() && (msg.sender != Sender::Contact || msg.status == "failed");
    if shown {
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

/// The "── new ──" rule drawn above the first message the agent has not seen.
pub fn new_divider(width: usize) -> Line<'static> {
    let label = text::truncate(" new ", width);
    let (left, right) = rules(width, &label);
    Line::from(vec![
        Span::styled(left, theme::unseen()),
        Span::styled(label, theme::unseen()),
        Span::styled(right, theme::unseen()),
    ])
}

/// The rules left and right of a centred `label`: together they fill `width` (the right one
/// takes the odd column, so the line does not stop one short of the border).
fn rules(width: usize, label: &str) -> (String, String) {
    let rest = width.saturating_sub(text::width(label));
    ("─".repeat(rest / 2), "─".repeat(rest - rest / 2))
}

fn day_separator(label: &str, width: usize) -> Line<'static> {
    let label = text::truncate(&format!(" {label} "), width);
    let (left, right) = rules(width, &label);
    Line::from(vec![
        Span::styled(left, theme::dim()),
        Span::styled(label, theme::dim()),
        Span::styled(right, theme::dim()),
    ])
}

fn plain(text_lines: Vec<String>) -> Vec<Vec<Span<'static>>> {
    text_lines.into_iter().map(|l| vec![Span::raw(l)]).collect()
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
        MessageBody::Response { title, text: t, buttons, chosen } => {
            let mut rows = Vec::new();
            if !title.is_empty() {
                rows.extend(
                    text::wrap(title, width).into_iter().map(|l| vec![Span::styled(l, theme::bold())]),
                );
            }
            if !t.is_empty() || title.is_empty() {
                rows.extend(plain(text::wrap(t, width)));
            }
            rows.extend(rich::chips(buttons, chosen, width));
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
        // Drawn by `message_lines` without a header; kept here for completeness.
        MessageBody::Activity { text: t } => {
            text::wrap(t, width).into_iter().map(|l| vec![Span::styled(l, theme::dim())]).collect()
        }
        MessageBody::Cards { cards } => rich::cards(cards, width),
        MessageBody::Form { text: t, fields } => rich::form(t, fields, width),
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
    use imbox_model::{Attachment, Card, FormItem, ReplyButton};

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

    #[test]
    fn notes_activity_and_attachments_say_what_they_are_at_any_width() {
        let tz = TimeZone::UTC;
        let mut note = msg("u_1", MessageBody::Text { text: "refund approved".into(), is_mail: false });
        note.private = true;
        note.sender_name = "Dana Agent".into();
        note.attachments = vec![Attachment {
            kind: "image".into(),
            url: "https://x.example/a.png".into(),
            title: "receipt.png".into(),
        }];
        let activity = msg("system", MessageBody::Activity { text: "Dana self-assigned this".into() });
        let ctx = LayoutContext { width: 60, tz: &tz, contact_name: "" };
        let text = flat(&message_lines(&note, Some(&note), &ctx));
        assert!(text[0].contains("🔒 private note · Dana Agent"), "{text:?}");
        assert!(text.iter().filter(|l| !l.is_empty()).all(|l| l.contains('┃')), "every row: {text:?}");
        assert!(text.iter().any(|l| l.contains("[image] receipt.png — https://x.example/a.png")), "{text:?}");
        let text = flat(&message_lines(&activity, Some(&activity), &ctx));
        assert_eq!(text.len(), 2, "one line and a gap, no header: {text:?}");
        assert_eq!(text[0].trim(), "Dana self-assigned this");
        let cards = msg(
            "u_1",
            MessageBody::Cards {
                cards: vec![Card {
                    title: "T".into(),
                    actions: vec![("Go".into(), "GO".into())],
                    ..Default::default()
                }],
            },
        );
        let form = msg(
            "u_1",
            MessageBody::Form {
                text: "Details".into(),
                fields: vec![FormItem { label: "Name".into(), kind: "text".into(), value: String::new() }],
            },
        );
        for width in 1..30 {
            let ctx = LayoutContext { width, tz: &tz, contact_name: "" };
            for m in [&note, &activity, &cards, &form] {
                let lines = message_lines(m, None, &ctx);
                if m.private && width >= 4 {
                    assert!(flat(&lines).iter().any(|l| l.contains('🔒')), "width {width}");
                }
                if width >= 3 {
                    for l in &lines {
                        assert!(l.width() <= width, "width {width}: {l:?}");
                    }
                }
            }
        }
    }
}
