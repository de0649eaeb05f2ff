//! The inbox pane (backends with conversation views): the view tabs with their counts, the
//! filter line (or the `q` search line while typing), then three rows per conversation —
//! contact, `#id`, unread badge and time; assignee and inbox; the latest message. Also the
//! filter picker overlay and the pane's status-bar hints.

use crate::action::Action;
use crate::action::InboxAction as I;
use crate::keymap::{self, Context};
use crate::layout::Pane;
use crate::layout::{text, theme};
use crate::state::State;
use crate::state::inbox::ROW_HEIGHT;
use crate::ui::contacts::row_style;
use crate::ui::{pane_block, placeholder};
use imbox_model::{Conversation, InboxView, StatusFilter};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the inbox pane into `area`.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let list = state.inbox.active();
    let marked = match state.acts.marked.len() {
        0 => String::new(),
        n => format!(" ✓ {n} marked ·"),
    };
    let footer = if list.is_known() && !list.is_empty() {
        let at = text::thousands(list.selected as u64 + 1);
        format!("{marked} {at} / {} ", text::thousands(list.len() as u64))
    } else if marked.is_empty() {
        String::new()
    } else {
        format!("{marked} ")
    };
    let block = pane_block(state, Pane::Contacts, " Inbox ".into(), footer, state.inbox_cache_label());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = inner.width as usize;
    let row = |i: u16| Rect { y: inner.y + i, height: 1, ..inner };
    let one_list = state.inbox_is_one_list();
    if one_list {
        draw_one_list_line(state, frame, row(0));
    } else {
        frame.render_widget(Paragraph::new(tabs(state, width)), row(0));
        if inner.height > 1 {
            draw_second_line(state, frame, row(1));
        }
    }
    let header = state.inbox_header_rows() as u16;
    let body = Rect { y: inner.y + header, height: inner.height.saturating_sub(header), ..inner };
    if body.height == 0 {
        return;
    }
    if !list.is_known() {
        // Nothing loaded and the server out of reach: say so, with what to do.
        let msg = crate::ui::offline::or_loading(state, "conversations", list.error.as_deref());
        placeholder(frame, body, msg);
        return;
    }
    if list.is_empty() {
        let (what, hint) = if one_list {
            ("No conversations".to_string(), "/ look up a number, e-mail, fid_… or cid_…")
        } else {
            (format!("No conversations in {}", state.inbox.view.label()), "s status · f filter · 1/2/3 view")
        };
        placeholder(frame, body, vec![Line::styled(what, theme::dim()), Line::styled(hint, theme::dim())]);
        return;
    }
    let focused = state.focus == Pane::Contacts;
    let visible = body.height as usize / ROW_HEIGHT;
    let mut lines: Vec<Line> = Vec::with_capacity(body.height as usize);
    for i in (list.offset..list.len()).take(visible) {
        let style = row_style(i == list.selected, focused);
        match list.get(i) {
            Some(c) if one_list => lines.extend(one_list_rows(state, c, style, width)),
            Some(c) => lines.extend(conversation_rows(state, c, style, width)),
            None => {
                lines.push(Line::from(Span::styled(text::fit(" …", width), theme::dim())).style(style));
                lines.push(Line::from(text::fit("", width)).style(style));
                lines.push(Line::from(text::fit("", width)).style(style));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
}

/// "[Mine 12]│ Unassigned 30 │ All 57 ", the active view bracketed and reversed; shorter labels
/// when narrow.
fn tabs(state: &State, width: usize) -> Line<'static> {
    let count = |v: InboxView| match state.inbox.counts {
        Some(c) => text::thousands(c.of(v)),
        None => "…".to_string(),
    };
    let short = |v: InboxView| match v {
        InboxView::Mine => "Mine",
        InboxView::Unassigned => "Unasg",
        InboxView::All => "All",
    };
    let build = |label: &dyn Fn(InboxView) -> &'static str, sep: &'static str| {
        let mut spans = Vec::new();
        for (i, v) in InboxView::ALL.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(sep, theme::dim()));
            }
            // The active tab is reversed, and bracketed so it shows without colours too.
            let active = v == state.inbox.view;
            let (open, close) = if active { ("[", "]") } else { (" ", " ") };
            let tab = format!("{open}{} {}{close}", label(v), count(v));
            let style = if active {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            } else {
                Style::new()
            };
            spans.push(Span::styled(tab, style));
        }
        spans
    };
    let full = build(&|v: InboxView| v.label(), "│");
    let spans =
        if full.iter().map(|s| s.width()).sum::<usize>() <= width { full } else { build(&short, "│") };
    Line::from(fit_spans(spans, width))
}

/// Cuts spans to `width` cells (the last one ending with `…`).
fn fit_spans(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for s in spans {
        let w = s.width();
        if used + w <= width {
            used += w;
            out.push(s);
        } else {
            let room = width.saturating_sub(used);
            if room > 0 {
                out.push(Span::styled(text::truncate(&s.content, room), s.style));
            }
            break;
        }
    }
    out
}

/// The second line: the search line while typing, else an error, else the filters in force.
fn draw_second_line(state: &State, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    if let Some(line) = &state.inbox.query {
        let room = width.saturating_sub(3).max(1);
        let before = line.before_cursor();
        // Show the end of a long query so the cursor stays on screen.
        let shown =
            if text::width(before) > room { text::tail(line.text(), room) } else { line.text().to_string() };
        let cursor_x = text::width(before).min(room);
        let spans = vec![Span::styled("/ ", theme::key()), Span::raw(text::truncate(&shown, room))];
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        let x = area.x.saturating_add(2).saturating_add(cursor_x as u16);
        frame.set_cursor_position(Position { x: x.min(area.right().saturating_sub(1)), y: area.y });
        return;
    }
    let list = state.inbox.active();
    if let Some(e) = list.error.as_ref().filter(|_| list.is_known()) {
        let msg = format!(" ✖ {e} · R to retry");
        frame.render_widget(Paragraph::new(Line::styled(text::truncate(&msg, width), theme::error())), area);
        return;
    }
    let summary = format!(" {}", filter_summary(state));
    frame.render_widget(Paragraph::new(Line::styled(text::truncate(&summary, width), theme::dim())), area);
}

/// The one line above a one-list inbox (SMS/RCS): how many conversations, in which order, or
/// the error of the last load.
fn draw_one_list_line(state: &State, frame: &mut Frame, area: Rect) {
    let width = area.width as usize;
    let list = state.inbox.active();
    if let Some(e) = list.error.as_ref().filter(|_| list.is_known()) {
        let msg = format!(" ✖ {e} · R to retry");
        frame.render_widget(Paragraph::new(Line::styled(text::truncate(&msg, width), theme::error())), area);
        return;
    }
    // A full last page means more may follow: the count is what is known so far.
    let count = match state.inbox.counts {
        Some(c) if list.is_known() && (c.all as usize) > list.loaded().count() => {
            format!("{}+", text::thousands(list.loaded().count() as u64))
        }
        Some(c) => text::thousands(c.all),
        None => "…".into(),
    };
    let line = format!(" {count} conversations · newest first");
    frame.render_widget(Paragraph::new(Line::styled(text::truncate(&line, width), theme::dim())), area);
}

/// The three rows of a conversation of a one-list inbox (SMS/RCS): name and number, age; channel,
/// message count and agent; the latest message.
fn one_list_rows(state: &State, c: &Conversation, style: Style, width: usize) -> Vec<Line<'static>> {
    let selected = style != Style::new();
    let secondary = if selected { style } else { theme::dim() };
    let when = text::relative_time(c.timestamp, state.now, &state.tz);
    let name_w = width.saturating_sub(text::width(&when) + 3);
    let name = text::truncate(&c.name, name_w);
    let gap = width.saturating_sub(1 + text::width(&name) + text::width(&when) + 1);
    // Activity since this agent last opened it here (SMS/RCS keeps no read state).
    let mark = if state.conversation_unread(c) { "●" } else { " " };
    let first = Line::from(fit_spans(
        vec![
            Span::styled(mark, theme::unseen()),
            Span::styled(name, theme::bold()),
            Span::raw(" ".repeat(gap)),
            Span::styled(format!("{when} "), secondary),
        ],
        width,
    ))
    .style(style);
    let mut meta = vec![imbox_api::smsrcs::group::channel_label(&c.channel_type)];
    if let Some(n) = c.message_count {
        meta.push(format!("{n} message{}", if n == 1 { "" } else { "s" }));
    }
    meta.push(if c.assignee.is_empty() { "unassigned".to_string() } else { c.assignee.clone() });
    let second = Line::from(Span::styled(text::fit(&format!("   {}", meta.join(" · ")), width), secondary))
        .style(style);
    let preview = c.latest_message.as_deref().unwrap_or("");
    let third = Line::from(Span::raw(text::fit(&format!("   {preview}"), width))).style(style);
    vec![first, second, third]
}

/// "open · inbox Website · team sales · labels vip, billing · q "refund"".
pub fn filter_summary(state: &State) -> String {
    let ib = &state.inbox;
    // The server ignores the status while a message search is set.
    let mut parts = vec![if ib.q.is_empty() {
        match ib.status {
            StatusFilter::All => "any status".to_string(),
            s => s.as_str().to_string(),
        }
    } else {
        "any status".to_string()
    }];
    if let Some((_, name)) = &ib.inbox {
        parts.push(format!("inbox {name}"));
    }
    if let Some((_, name)) = &ib.team {
        parts.push(format!("team {name}"));
    }
    match ib.labels.len() {
        0 => {}
        1 => parts.push(format!("label {}", ib.labels[0])),
        _ => parts.push(format!("labels {}", ib.labels.join(", "))),
    }
    if !ib.q.is_empty() {
        parts.push(format!("q “{}”", ib.q));
    }
    parts.join(" · ")
}

/// The three rows of one conversation, `width` cells wide.
fn conversation_rows(state: &State, c: &Conversation, style: Style, width: usize) -> Vec<Line<'static>> {
    let selected = style != Style::new();
    let secondary = if selected { style } else { theme::dim() };
    // Without a person the row says "Contact #41" once, not "#41 #41".
    let person = crate::state::people::conversation_person(c);
    let fallback = crate::state::people::unnamed(&c.id);
    let name = person.unwrap_or(&fallback);
    let when = text::relative_time(c.timestamp, state.now, &state.tz);
    let mut id = if person.is_some() { format!(" #{}", c.id) } else { String::new() };
    let badge = if c.unread_count > 0 { format!(" ●{} ", c.unread_count) } else { String::new() };
    let fixed = |id: &str| 1 + text::width(id) + text::width(&badge) + 1 + text::width(&when) + 1;
    // The id is dropped before the name gets too short to read.
    if width.saturating_sub(fixed(&id)) < 8 {
        id.clear();
    }
    let name_w = width.saturating_sub(fixed(&id));
    // Marked for a bulk action: a check in the first column.
    // The first column: marked for a bulk action, else unread without a count (SMS/RCS).
    let (mark, mark_style) = if state.acts.is_marked(&c.id) {
        ("✓", theme::key())
    } else if c.unread_count == 0 && state.conversation_unread(c) {
        ("●", theme::unseen())
    } else {
        (" ", theme::key())
    };
    let mut first = vec![
        Span::styled(mark, mark_style),
        Span::styled(text::truncate(name, name_w), theme::bold()),
        Span::styled(id.clone(), secondary),
    ];
    let used = 1 + text::width(&text::truncate(name, name_w)) + text::width(&id);
    if !badge.is_empty() {
        let badge_style = if selected { style.add_modifier(Modifier::BOLD) } else { theme::badge() };
        first.push(Span::styled(badge.clone(), badge_style));
    }
    let gap = width.saturating_sub(used + text::width(&badge) + text::width(&when) + 1);
    first.push(Span::raw(" ".repeat(gap)));
    first.push(Span::styled(format!("{when} "), secondary));
    let first = Line::from(fit_spans(first, width)).style(style);

    let mut meta = vec![if c.assignee.is_empty() { "unassigned".to_string() } else { c.assignee.clone() }];
    let via = if c.inbox.is_empty() { c.channel_type.clone() } else { c.inbox.clone() };
    if !via.is_empty() {
        meta.push(via);
    }
    // The status under "all", or (where conversations can be acted on) when it is not the one
    // filtered: just changed here.
    let acting = state.account.capabilities.conversation_actions;
    let changed = acting && c.status != state.inbox.status.as_str();
    if !c.status.is_empty() && (state.inbox.status == StatusFilter::All || changed) {
        meta.push(status_text(state, c));
    }
    if !c.priority.is_empty() {
        meta.push(format!("! {}", c.priority));
    }
    if acting && !c.labels.is_empty() {
        meta.push(format!("◇ {}", c.labels.join(", ")));
    }
    let second = Line::from(Span::styled(text::fit(&format!("   {}", meta.join(" · ")), width), secondary))
        .style(style);
    let preview = c.latest_message.as_deref().unwrap_or("");
    let third = Line::from(Span::raw(text::fit(&format!("   {preview}"), width))).style(style);
    vec![first, second, third]
}

/// "resolved", "snoozed until Fri 09:00".
pub fn status_text(state: &State, c: &Conversation) -> String {
    match c.snoozed_until {
        Some(t) if c.status == "snoozed" => {
            let until = crate::state::acts::when::SnoozeUntil::At(t);
            format!("snoozed {}", crate::state::acts::when::describe(until, state.now, &state.tz))
        }
        _ => c.status.clone(),
    }
}

/// Draws the filter picker centred in `area`.
pub fn draw_picker(state: &State, frame: &mut Frame, area: Rect) {
    use crate::ui::menu::Row;
    let Some(picker) = &state.inbox.picker else { return };
    let items = state.inbox.picker_items();
    let mut rows: Vec<Row> = Vec::new();
    let mut selected_row = 0;
    let o = &state.inbox.options;
    if items.is_empty() {
        rows.push(match (&o.error, o.pending.is_some()) {
            (Some(e), _) => Row::plain(format!(" Could not load the filters: {e}"), theme::error()),
            (None, true) => Row::plain(" Loading filters…", theme::dim()),
            (None, false) => Row::plain(" No inboxes, teams or labels", theme::dim()),
        });
    }
    let mut group = "";
    for (i, item) in items.iter().enumerate() {
        if item.group() != group {
            group = item.group();
            if !rows.is_empty() {
                rows.push(Row::plain("", Style::new()));
            }
            rows.push(Row::plain(format!(" {group}"), theme::bold()));
        }
        if i == picker.selected {
            selected_row = rows.len();
        }
        rows.push(Row::choice(item.label(), "", state.inbox.is_chosen(item), i == picker.selected));
    }
    crate::ui::menu::draw_list(frame, area, " Filter · Enter apply · x clear · Esc ", rows, selected_row, 44);
}

/// Whether the status bar shows the inbox's hints.
pub fn shows_hints(state: &State) -> bool {
    state.acts.menu.is_some()
        || state.inbox.picker.is_some()
        || state.inbox.query.is_some()
        || (state.inbox_shown() && state.focus == Pane::Contacts)
}

/// The status-bar hints of the inbox, its picker and its search line (keys from the tables,
/// so config overrides show).
pub fn hints(state: &State) -> Vec<(String, &'static str)> {
    use crate::action::ActAction as X;
    use Action::*;
    let labels =
        state.acts.menu.as_ref().is_some_and(|m| m.kind == crate::state::acts::menu::MenuKind::Labels);
    let (ctx, list): (Context, &[(&[Action], &str)]) = if labels {
        (
            Context::Menu,
            &[
                (&[Act(X::MenuMove(1)), Act(X::MenuMove(-1))], "move"),
                (&[Act(X::MenuToggle)], "check"),
                (&[Act(X::MenuApply)], "save"),
                (&[Act(X::MenuClose)], "close"),
            ],
        )
    } else if state.acts.menu.is_some() {
        // Only the labels picker checks: the other menus choose.
        (
            Context::Menu,
            &[
                (&[Act(X::MenuMove(1)), Act(X::MenuMove(-1))], "move"),
                (&[Act(X::MenuApply)], "choose"),
                (&[Act(X::MenuClose)], "close"),
            ],
        )
    } else if state.inbox.picker.is_some() {
        (
            Context::InboxPicker,
            &[
                (&[Inbox(I::PickerMove(1)), Inbox(I::PickerMove(-1))], "move"),
                (&[Inbox(I::PickerApply)], "apply/remove"),
                (&[Inbox(I::PickerClear)], "clear all"),
                (&[Inbox(I::PickerClose)], "close"),
            ],
        )
    } else if state.inbox.query.is_some() {
        (
            Context::InboxQuery,
            &[
                (&[Inbox(I::QuerySubmit)], "search"),
                (&[Inbox(I::QueryCancel)], "clear"),
                (&[Inbox(I::QueryDeleteWord), Inbox(I::QueryClearLine)], "delete word/line"),
            ],
        )
    } else {
        (
            Context::Inbox,
            &[
                (&[Down, Up], "move"),
                (&[Open], "open"),
                (&[Act(X::ToggleResolved)], "resolve"),
                (&[Act(X::SnoozeMenu)], "snooze"),
                (&[Act(X::AssignMenu)], "assign"),
                (&[Act(X::ToggleMark)], "mark"),
                (
                    &[
                        Inbox(I::SetView(InboxView::Mine)),
                        Inbox(I::SetView(InboxView::Unassigned)),
                        Inbox(I::SetView(InboxView::All)),
                    ],
                    "view",
                ),
                (&[Inbox(I::CycleStatus)], "status"),
                (&[Inbox(I::OpenFilters)], "filter"),
                (&[Inbox(I::OpenQuery)], "search"),
                (&[Refresh], "reload"),
                (&[ToggleHelp], "help"),
                (&[CmdLine(crate::action::CmdLineAction::Open)], "command"),
                (&[Inbox(I::ToggleContacts)], "contacts"),
            ],
        )
    };
    let caps = state.account.capabilities;
    let one_list = state.inbox_is_one_list();
    list.iter()
        .filter(|(actions, _)| actions.iter().all(|a| keymap::features::allowed(a, &caps)))
        .map(|(actions, what)| match *what {
            "search" if one_list => (actions, "lookup"),
            "contacts" if one_list => (actions, "lookup pane"),
            _ => (actions, *what),
        })
        .map(|(actions, what)| {
            let keys: Vec<String> = actions.iter().filter_map(|a| keymap::hint_key(ctx, a)).collect();
            (keys.join("/"), what)
        })
        .collect()
}
