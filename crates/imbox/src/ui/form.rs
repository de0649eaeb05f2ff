//! The contact edit form, a modal over everything.

use crate::action::{Action, FormAction};
use crate::layout::{text, theme};
use crate::state::State;
use crate::state::form::fields::{FIELDS, Field, GENDERS};
use crate::state::form::{FormState, Prompt};
use crate::ui::spinner;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;

/// Widest the form gets.
const MAX_WIDTH: u16 = 96;
/// Columns of the label column (marker, label, padding).
const LABEL: u16 = 14;

fn modal_block(title: String, footer: String, width: u16) -> Block<'static> {
    let room = width.saturating_sub(2) as usize;
    crate::ui::modal_frame()
        .title(Line::styled(text::truncate(&title, room), theme::bold()))
        .title_bottom(Line::styled(text::truncate(&footer, room), theme::dim()).right_aligned())
}

/// Draws the edit form centred in `area`.
pub fn draw(state: &State, form: &FormState, frame: &mut Frame, area: Rect) {
    let values = form.values();
    let problems = form.problems();
    let shown = |i: usize| form.shown.get(i).copied().unwrap_or(true);
    let single = FIELDS.iter().enumerate().filter(|(i, f)| shown(*i) && !f.multiline()).count() as u16;
    let has_remark = FIELDS.iter().enumerate().any(|(i, f)| shown(i) && f.multiline());
    // Rows: one per field, the remark taller, a line under each invalid field, two for messages.
    let spare = area.height.saturating_sub(2 + single + 2 + problems.len() as u16 + 2);
    let remark_rows = if has_remark { spare.clamp(1, 6) } else { 0 };
    let height = 2 + single + remark_rows + problems.len() as u16 + 2 + 1;
    let rect = crate::ui::centred(area, area.width.saturating_sub(2).min(MAX_WIDTH), height);
    frame.render_widget(Clear, rect);
    let changed = form.changes().len();
    let mut title = format!(" Edit · {} ", form.contact.display_name);
    if let Some((_, _)) = &form.saving {
        title.push_str(&format!("· saving {} ", spinner(state.spinner)));
    } else if form.uploading.is_some() {
        title.push_str(&format!("· uploading {} ", spinner(state.spinner)));
    } else if changed > 0 {
        title.push_str(&format!("· {changed} changed "));
    }
    // The upload key as bound (after the config's overrides), never a key a field types with.
    let upload = state
        .account
        .capabilities
        .contact_files
        .then(|| crate::keymap::hint_key(crate::keymap::Context::Form, &Action::Form(FormAction::Upload)))
        .flatten();
    let footer = match upload {
        Some(key) => format!(" Tab field · C-s save · {key} upload avatar · Esc close "),
        None => " Tab field · C-s save · Esc close ".to_string(),
    };
    frame.render_widget(modal_block(title, footer, rect.width), rect);
    let inner = Rect {
        x: rect.x + 1,
        y: rect.y + 1,
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    };
    let input_w = inner.width.saturating_sub(LABEL + 1);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for (i, field) in FIELDS.into_iter().enumerate() {
        if y >= bottom {
            break;
        }
        if !shown(i) {
            continue;
        }
        let focused = i == form.focus && form.prompt.is_none();
        let problem = problems.iter().find(|(f, _)| *f == field).map(|(_, p)| p.clone());
        let rows = if field == Field::Remark { remark_rows.min(bottom - y) } else { 1 };
        let label_style = match (&problem, focused) {
            (Some(_), _) => theme::error().add_modifier(Modifier::BOLD),
            (None, true) => theme::key(),
            (None, false) => theme::dim(),
        };
        let marker = match (&problem, focused) {
            (_, true) => "▸",
            (Some(_), false) => "✖",
            _ => " ",
        };
        let changed_mark = if field.get(&values) != field.get(&form.initial) { "*" } else { " " };
        let name = if form.e164 && field == Field::Phone { "Phone (+…)" } else { field.label() };
        let label = format!("{marker}{}{changed_mark}", text::fit(name, (LABEL - 2) as usize));
        frame.render_widget(
            Paragraph::new(Span::styled(label, label_style)),
            Rect { x: inner.x, y, width: LABEL, height: 1 },
        );
        let input = Rect { x: inner.x + LABEL + 1, y, width: input_w, height: rows };
        if field == Field::Gender {
            frame.render_widget(Paragraph::new(gender_line(form.gender, focused)), input);
        } else {
            let mut ta: TextArea = form.inputs[i].clone();
            ta.set_cursor_line_style(Style::default());
            ta.set_cursor_style(if focused { theme::selected() } else { Style::default() });
            ta.set_style(if focused {
                Style::default()
            } else {
                theme::dim().remove_modifier(Modifier::DIM)
            });
            if field.multiline() {
                ta.set_style(Style::default());
            }
            frame.render_widget(&ta, input);
        }
        y += rows;
        if let Some(p) = problem
            && y < bottom
        {
            let line = Line::styled(text::truncate(&format!("↳ {p}"), input_w as usize), theme::error());
            frame.render_widget(
                Paragraph::new(line),
                Rect { x: inner.x + LABEL + 1, y, width: input_w, height: 1 },
            );
            y += 1;
        }
    }
    // Messages: the server's error (kept until the next attempt), then the local note.
    let mut msgs = Vec::new();
    if let Some(e) = &form.error {
        msgs.push(Line::styled(format!("✖ {e}"), theme::error()));
    }
    if let Some(n) = &form.note {
        msgs.push(Line::styled(n.clone(), theme::key()));
    }
    if y + 1 < bottom {
        let r =
            Rect { x: inner.x + 1, y: y + 1, width: inner.width.saturating_sub(2), height: bottom - y - 1 };
        frame.render_widget(Paragraph::new(msgs).wrap(Wrap { trim: true }), r);
    }
    if let Some(p) = &form.prompt {
        draw_prompt(state, form, p, frame, area);
    }
}

fn gender_line(chosen: usize, focused: bool) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (_, name)) in GENDERS.iter().enumerate() {
        let style = match (i == chosen, focused) {
            (true, true) => theme::selected(),
            (true, false) => theme::chip_chosen(),
            _ => theme::dim(),
        };
        spans.push(Span::styled(format!(" {name} "), style));
        spans.push(Span::raw(" "));
    }
    if focused {
        spans.push(Span::styled(" ←/→ or Space to choose", theme::dim()));
    }
    Line::from(spans)
}

fn draw_prompt(state: &State, form: &FormState, prompt: &Prompt, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(8).min(80);
    let room = width.saturating_sub(4) as usize;
    let (title, footer, lines): (&str, &str, Vec<Line>) = match prompt {
        Prompt::ConfirmSave(changes) => {
            let mut lines = Vec::new();
            for (f, old, new) in changes {
                let label = text::fit(f.label(), 12);
                let half = room.saturating_sub(16) / 2;
                lines.push(Line::from(vec![
                    Span::styled(label, theme::dim()),
                    Span::styled(text::truncate(old, half), theme::error()),
                    Span::raw(" → "),
                    Span::styled(text::truncate(new, half), theme::chip_chosen()),
                ]));
            }
            (" Save these changes? ", " Enter/y save · n/Esc keep editing ", lines)
        }
        Prompt::ConfirmDiscard => (
            " Discard changes? ",
            " y discard · n/Esc keep editing ",
            vec![Line::raw(format!(
                "Discard {} changed field(s) of {}?",
                form.changes().len(),
                form.contact.display_name
            ))],
        ),
        Prompt::Restore(draft) => {
            let when = draft
                .saved_at
                .parse::<jiff::Timestamp>()
                .map(|t| t.to_zoned(state.tz.clone()).strftime("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|_| "an earlier session".into());
            let n = draft.values.changed(&form.initial).len();
            (
                " Unsaved draft ",
                " y restore · n discard the draft ",
                vec![Line::raw(format!("Restore the draft from {when}? ({n} changed field(s))"))],
            )
        }
        Prompt::UploadPath(_) => (
            " Upload avatar ",
            " Enter upload · Esc cancel ",
            vec![Line::styled("File to upload (its URL becomes the avatar URL):", theme::dim())],
        ),
    };
    let extra = u16::from(matches!(prompt, Prompt::UploadPath(_)));
    let height = lines.len() as u16 + 2 + 2 + extra;
    let rect = crate::ui::centred(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(modal_block(title.to_string(), footer.to_string(), rect.width), rect);
    let inner = Rect {
        x: rect.x + 2,
        y: rect.y + 2,
        width: rect.width.saturating_sub(4),
        height: rect.height.saturating_sub(4),
    };
    let n = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), inner);
    if let Prompt::UploadPath(ta) = prompt {
        let mut ta = ta.clone();
        ta.set_cursor_line_style(Style::default());
        ta.set_cursor_style(theme::selected());
        let r = Rect { y: inner.y + n, height: 1, ..inner }.intersection(area);
        frame.render_widget(&*ta, r);
    }
}
