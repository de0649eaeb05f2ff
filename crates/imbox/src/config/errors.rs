//! Config errors that point at the place without repeating what is written there.
//!
//! A config file can hold secrets by mistake (a `token = "…"` line is refused, and the refusal
//! must not print the token) and bytes that a terminal would obey (an escape sequence in a
//! value). So an error names the file, the line, the column and the key, and says what is wrong
//! in words; every quoted or back-quoted value in the parser's message is replaced by `…`, and
//! nothing from the file reaches the terminal unless it is a plain key name.

use std::ops::Range;

/// The parser's error in words that repeat no value: `line 3, column 9, key "token": unknown
/// field "…", expected one of "name", "backend", …`.
pub fn describe(text: &str, error: &toml::de::Error) -> String {
    let message = redact(error.message());
    match error.span() {
        Some(span) => format!("{}: {message}", place(text, span)),
        None => message,
    }
}

/// `line L, column C` of a byte offset range, and the key written at the start of that line when
/// it is a plain key.
pub fn place(text: &str, span: Range<usize>) -> String {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..start].chars().count() + 1;
    let line_text = text[line_start..].lines().next().unwrap_or("");
    match key_of(line_text) {
        Some(key) => format!("line {line}, column {column}, key {key:?}"),
        None => format!("line {line}, column {column}"),
    }
}

/// The 1-based line of the `n`-th (0-based) line whose trimmed text starts with `header`.
pub fn line_of_header(text: &str, header: &str, n: usize) -> Option<usize> {
    text.lines().enumerate().filter(|(_, l)| l.trim_start().starts_with(header)).nth(n).map(|(i, _)| i + 1)
}

/// The 1-based line where `key` is set inside the table `header` (e.g. `[poll]`).
pub fn line_of_key(text: &str, header: &str, key: &str) -> Option<usize> {
    let mut inside = false;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with('[') {
            inside = t.starts_with(header);
        } else if inside && key_of(line) == Some(key) {
            return Some(i + 1);
        }
    }
    None
}

/// A path as it may be shown: control characters (a file name can hold escape bytes) become `?`.
pub fn shown_path(path: &std::path::Path) -> String {
    path.display().to_string().chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// The key of a `key = value` line, when it is a plain key (letters, digits, `_`, `-`, `.`): a
/// key that is anything else is not repeated.
fn key_of(line: &str) -> Option<&str> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let plain = !key.is_empty()
        && key.len() <= 64
        && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    plain.then_some(key)
}

/// The parser's message with every value in quotes or back quotes replaced by `…`, except names
/// that the parser lists as expected (`expected one of `a`, `b``) and plain key names, and with
/// control characters dropped.
fn redact(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(['"', '`']) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let quote = tail.chars().next().unwrap_or('"');
        let body = &tail[1..];
        let Some(end) = closing(body, quote) else {
            // An unclosed quote: drop the remainder rather than guess where the value ends.
            out.push('…');
            rest = "";
            break;
        };
        let inner = &body[..end];
        // A key name the parser names (`unknown field `x``, `expected one of `a``) is useful and
        // harmless when it is a plain name; a value (`string "…"`, `integer `7``) never is.
        let names_a_value = ["string ", "integer ", "floating point ", "boolean ", "character "]
            .iter()
            .any(|w| out.ends_with(w));
        if !names_a_value && quote == '`' && key_of(&format!("{inner}=")).is_some() {
            out.push('"');
            out.push_str(inner);
            out.push('"');
        } else {
            out.push_str("\"…\"");
        }
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    out.chars().filter(|c| !c.is_control() || *c == '\n').collect::<String>().trim().replace('\n', "; ")
}

/// Where a quoted span closes (a backslash escapes the next character in double quotes).
fn closing(body: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' && quote == '"' {
            escaped = true;
        } else if c == quote {
            return Some(i);
        }
    }
    None
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_replaced_and_expected_names_kept() {
        assert_eq!(
            redact("invalid type: string \"acc_SECRET\", expected u64"),
            "invalid type: string \"…\", expected u64"
        );
        assert_eq!(
            redact("unknown field `token`, expected one of `name`, `backend`"),
            "unknown field \"token\", expected one of \"name\", \"backend\""
        );
        assert_eq!(
            redact("invalid value: integer `7`, expected a port"),
            "invalid value: integer \"…\", expected a port"
        );
        assert_eq!(redact("bad \"x\\\"y\u{1b}[31m\" here"), "bad \"…\" here");
        assert_eq!(redact("unknown field `a\u{1b}b`"), "unknown field \"…\"");
        assert_eq!(redact("open \"never closed"), "open …");
    }

    #[test]
    fn the_place_is_line_column_and_a_plain_key() {
        let text = "[ui]\nmouse = \"yes\"\n";
        let at = text.find("\"yes").expect("there");
        assert_eq!(place(text, at..at + 5), "line 2, column 9, key \"mouse\"");
        let text = "[x]\n\u{1b}]0;t = 1\n";
        assert_eq!(place(text, 4..5), "line 2, column 1", "a key with control bytes is not repeated");
        assert_eq!(line_of_header("[[profile]]\n[[profile]]\n", "[[profile]]", 1), Some(2));
    }
}
