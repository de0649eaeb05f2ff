//! The thread pane: drawn upwards from the anchor at the bottom edge, laying out only the
//! messages that are on screen.

use crate::layout::Pane;
use crate::layout::thread::LayoutContext;
use crate::layout::{osc, text, theme};
use crate::state::State;
use crate::ui::{pane_block, placeholder};
use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the thread pane into `area`.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let t = &state.thread;
    let title = if let Some(id) = &t.conversation_id {
        // What acting on it changed shows at once: status, assignee, priority, labels.
        let title = match state.conversation(id) {
            Some(c) if state.account.capabilities.conversation_actions => {
                conversation_summary(state, &t.title, c)
            }
            _ => t.title.clone(),
        };
        format!(" {} ", text::truncate(&title, (area.width as usize).saturating_sub(4)))
    } else {
        " Thread ".to_string()
    };
    let footer = if t.cursor {
        // Paged by message id: the server's total is unknown, so say what is loaded.
        if t.loaded() > 0 {
            format!(" {} loaded ", text::thousands(t.loaded() as u64))
        } else {
            String::new()
        }
    } else if t.total > 0 {
        let n = text::thousands(t.total);
        if t.total == 1 { format!(" {n} message ") } else { format!(" {n} messages ") }
    } else {
        String::new()
    };
    // Messages without times of their own (SMS/RCS): the conversation list's times instead.
    let times = list_times(state);
    let footer = match times.and_then(|(_, last)| last) {
        Some(last) => {
            let when = format!("last message {}", when(last, &state.tz));
            let room = (area.width as usize).saturating_sub(4);
            let full = format!("{}· {when} ", if footer.is_empty() { " ".into() } else { footer.clone() });
            if text::width(&full) <= room { full } else { footer }
        }
        None => footer,
    };
    let block = pane_block(state, Pane::Thread, title, footer, state.thread_cache_label());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The composer (or the line offering a kept draft) takes the bottom rows.
    let below = state.composer_rows(inner.height as usize, inner.width as usize) as u16;
    let inner = Rect { height: inner.height - below, ..inner };
    let bottom = Rect { y: inner.y + inner.height, height: below, ..inner };
    if let Some(c) = &state.compose.composer {
        super::compose::draw(state, c, frame, bottom);
    } else if let Some(d) = state.draft_offer().filter(|_| below > 0) {
        let kind = if d.private { "note" } else { "reply" };
        let first = d.text.lines().next().unwrap_or_default();
        let key = if d.private { "N" } else { "r" };
        let l = format!("✎ unsent {kind} ({key} continues): {first}");
        frame.render_widget(
            Paragraph::new(Line::styled(text::truncate(&l, bottom.width as usize), theme::key())),
            bottom,
        );
    }
    // Someone typing in it: one line under the messages, above the composer.
    let inner = match state.typing_line().filter(|_| state.typing_rows(inner.height as usize) > 0) {
        Some(line) => {
            let inner = Rect { height: inner.height - 1, ..inner };
            let at = Rect { y: inner.y + inner.height, height: 1, ..inner };
            let line = text::truncate(&format!("✎ {line}"), at.width as usize);
            frame.render_widget(Paragraph::new(Line::styled(line, theme::dim().italic())), at);
            inner
        }
        None => inner,
    };
    if t.conversation_id.is_none() {
        placeholder(frame, inner, vec![Line::styled("Open a conversation to read it", theme::dim())]);
        return;
    }
    if t.nth_newest(0).is_none() {
        // Nothing loaded and the server out of reach: say so, with what to do.
        let lines = if let Some(offline) = crate::ui::offline::lines(state) {
            offline
        } else {
            match &t.error {
                Some(e) => vec![
                    Line::styled("Could not load messages", theme::error()),
                    Line::raw(e.clone()),
                    Line::styled("R to retry", theme::dim()),
                ],
                None if t.is_loading() => vec![Line::styled("Loading messages…", theme::dim())],
                None => vec![Line::styled("No messages yet", theme::dim())],
            }
        };
        placeholder(frame, inner, lines);
        return;
    }
    let height = inner.height as usize;
    let ctx = LayoutContext { width: inner.width as usize, tz: &state.tz, contact_name: &t.contact_name };
    // Collect lines bottom-up until the pane is full.
    let mut rows: Vec<Line<'static>> = Vec::with_capacity(height);
    let mut i = t.anchor;
    let mut skip_bottom = t.anchor_skip;
    // The links of the messages on screen, for OSC 8 (only when the terminal draws them).
    let hyperlinks = osc::hyperlinks();
    let mut links: Vec<String> = Vec::new();
    // A find on: its matches on screen are highlighted, the current message's more strongly
    // (only the lines drawn are looked at).
    let find = t.find.as_ref().filter(|_| state.find_active());
    let query = find.and_then(|f| f.query());
    while rows.len() < height {
        if t.nth_newest(i).is_none() {
            let note = if let Some(e) = &t.error {
                Line::styled(
                    text::truncate(&format!("could not load messages: {e} (R)"), inner.width as usize),
                    theme::error(),
                )
            } else if t.has_more {
                Line::styled("↑ loading older messages…", theme::dim())
            } else {
                let first = times.and_then(|(first, _)| first).map(|t| when(t, &state.tz));
                let note = match first {
                    Some(first) => {
                        let full = format!("— beginning of the conversation · first message {first} —");
                        if text::width(&full) <= inner.width as usize {
                            full
                        } else {
                            format!("— first message {first} —")
                        }
                    }
                    None => "— beginning of the conversation —".to_string(),
                };
                Line::styled(note, theme::dim())
            };
            rows.push(note.centered());
            break;
        }
        if hyperlinks {
            links.extend(t.nth_newest(i).map(osc::message_links).unwrap_or_default());
        }
        let lines = t.lines_of(i, &ctx);
        let keep = lines.len().saturating_sub(skip_bottom);
        let current = find
            .and_then(|f| f.current.as_deref())
            .is_some_and(|id| t.nth_newest(i).is_some_and(|m| m.id == id));
        let style = if current { theme::found_current() } else { theme::found() };
        for line in lines.into_iter().take(keep).rev() {
            if rows.len() == height {
                break;
            }
            rows.push(match &query {
                Some(q) => q.highlight(line, style),
                None => line,
            });
        }
        skip_bottom = 0;
        i += 1;
    }
    rows.reverse();
    let top = height.saturating_sub(rows.len()) as u16;
    let area = Rect { y: inner.y + top, height: inner.height - top, ..inner };
    frame.render_widget(Paragraph::new(rows), area);
    super::links::linkify(frame.buffer_mut(), area, &links);
    if t.new_below > 0 && inner.height > 0 {
        // Over the bottom row, so the view under it does not move: what arrived below.
        let label = format!(" ↓ {} new · G ", t.new_below);
        let w = (text::width(&label) as u16).min(inner.width);
        let at = Rect { x: inner.x + inner.width - w, y: inner.y + inner.height - 1, width: w, height: 1 };
        frame.render_widget(Paragraph::new(Line::styled(label, theme::unseen().reversed())), at);
    }
}

/// The first and last message times of the open conversation as its list row gives them, when
/// its messages carry no time of their own (SMS/RCS: the messages call has none, the
/// conversations list has `first_message_at` and `last_message_at`). A message that has its
/// own time shows it in its header instead.
fn list_times(state: &State) -> Option<(Option<Timestamp>, Option<Timestamp>)> {
    let t = &state.thread;
    let newest = t.nth_newest(0)?;
    if newest.created_at.is_some() {
        return None;
    }
    let c = state.conversation(t.conversation_id.as_deref()?)?;
    (c.first_message_at.is_some() || c.timestamp.is_some()).then_some((c.first_message_at, c.timestamp))
}

/// "7 Jun 2024 05:22" in the zone: a day and a clock, as a message header would show them.
fn when(t: Timestamp, tz: &jiff::tz::TimeZone) -> String {
    format!("{} {}", text::short_date(t, tz), text::clock(t, tz))
}

/// The thread's title with the conversation's state: "Dana Levi #42 · resolved · Ann · ! high".
fn conversation_summary(state: &State, title: &str, c: &imbox_model::Conversation) -> String {
    let mut parts = vec![title.to_string()];
    if !c.status.is_empty() {
        parts.push(crate::ui::inbox::status_text(state, c));
    }
    if !c.assignee.is_empty() {
        parts.push(c.assignee.clone());
    }
    if !c.priority.is_empty() {
        parts.push(format!("! {}", c.priority));
    }
    if !c.labels.is_empty() {
        parts.push(format!("◇ {}", c.labels.join(", ")));
    }
    parts.join(" · ")
}
