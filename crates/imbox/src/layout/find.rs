//! Finding text in laid-out lines: where a query occurs in a string (smart case, as `less -i`
//! and vim's `smartcase`: a query in lower case matches any case, one with a capital matches
//! exactly), what of a message is searched, and its occurrences highlighted in a line.

use crate::layout::thread::searchable_lines;
use imbox_model::Message;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// A query as it is matched: its characters, folded when the match ignores case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    chars: Vec<char>,
    fold: bool,
}

impl Query {
    /// `text` as a query; None when it is empty (or only spaces).
    pub fn new(text: &str) -> Option<Query> {
        if text.trim().is_empty() {
            return None;
        }
        let fold = !text.chars().any(char::is_uppercase);
        Some(Query { chars: text.chars().map(|c| if fold { fold_char(c) } else { c }).collect(), fold })
    }

    /// The byte ranges of `hay` where the query occurs, left to right, not overlapping.
    pub fn ranges(&self, hay: &str) -> Vec<Range<usize>> {
        let chars: Vec<(usize, char)> = hay.char_indices().collect();
        let n = self.chars.len();
        let mut out = Vec::new();
        let mut i = 0;
        while i + n <= chars.len() {
            let hit = (0..n).all(|k| {
                let c = chars[i + k].1;
                (if self.fold { fold_char(c) } else { c }) == self.chars[k]
            });
            if hit {
                let end = chars.get(i + n).map_or(hay.len(), |(b, _)| *b);
                out.push(chars[i].0..end);
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Whether `message` holds the query in what the thread shows of it (its text, buttons,
    /// attachments; not its header's name and time).
    pub fn finds(&self, message: &Message) -> bool {
        searchable_lines(message).iter().any(|l| !self.ranges(l).is_empty())
    }

    /// `line` with every occurrence of the query in `style` (patched over the span's own). An
    /// occurrence that a span boundary cuts is not marked.
    pub fn highlight(&self, line: Line<'static>, style: Style) -> Line<'static> {
        let Line { spans, style: line_style, alignment } = line;
        let mut out = Vec::with_capacity(spans.len());
        for span in spans {
            let ranges = self.ranges(&span.content);
            if ranges.is_empty() {
                out.push(span);
                continue;
            }
            let mut at = 0;
            for r in ranges {
                if r.start > at {
                    out.push(Span::styled(span.content[at..r.start].to_string(), span.style));
                }
                out.push(Span::styled(span.content[r.clone()].to_string(), span.style.patch(style)));
                at = r.end;
            }
            if at < span.content.len() {
                out.push(Span::styled(span.content[at..].to_string(), span.style));
            }
        }
        Line { spans: out, style: line_style, alignment }
    }
}

/// A character compared without case: its lower case when that is one character (so byte
/// lengths never matter: the ranges are those of the original text).
fn fold_char(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imbox_model::MessageBody;

    #[test]
    fn lower_case_ignores_case_and_a_capital_matches_exactly() {
        let q = Query::new("refund").unwrap();
        assert_eq!(q.ranges("Your REFUND and refund"), vec![5..11, 16..22]);
        let exact = Query::new("Refund").unwrap();
        assert_eq!(exact.ranges("refund Refund"), vec![7..13]);
        assert!(Query::new("  ").is_none());
    }

    #[test]
    fn ranges_are_byte_ranges_of_the_original_text_whatever_the_script() {
        let q = Query::new("hương").unwrap();
        let hay = "Nguyễn HƯƠNG · hương";
        let r = q.ranges(hay);
        assert_eq!(r.iter().map(|r| &hay[r.clone()]).collect::<Vec<_>>(), ["HƯƠNG", "hương"]);
        // A character whose lower case is two characters stays itself, never a panic.
        assert_eq!(Query::new("i̇").unwrap().ranges("İstanbul"), Vec::<Range<usize>>::new());
        assert_eq!(Query::new("退款").unwrap().ranges("退款什么时候到账？"), vec![0..6]);
    }

    #[test]
    fn highlight_splits_spans_and_keeps_their_styles() {
        let q = Query::new("ab").unwrap();
        let base = Style::new().italic();
        let line = Line::from(vec![Span::raw("> "), Span::styled("xabyAB", base)]);
        let lit = q.highlight(line, Style::new().bold());
        let parts: Vec<(&str, Style)> = lit.spans.iter().map(|s| (s.content.as_ref(), s.style)).collect();
        assert_eq!(
            parts,
            [("> ", Style::default()), ("x", base), ("ab", base.bold()), ("y", base), ("AB", base.bold()),]
        );
    }

    #[test]
    fn a_message_is_found_by_its_text_not_by_its_header() {
        let m = Message {
            sender_name: "Refund Bot".into(),
            body: MessageBody::Text { text: "Your parcel left".into(), is_mail: false },
            ..Message::default()
        };
        assert!(Query::new("parcel").unwrap().finds(&m));
        assert!(!Query::new("refund").unwrap().finds(&m), "the sender's name is not the text");
    }

    proptest::proptest! {
        /// Any text and any query (every script, combining marks, capitals whose lower case is
        /// two characters): no panic, ranges on character boundaries that hold the query, and a
        /// highlighted line that still reads exactly as before.
        #[test]
        fn any_text_is_matched_and_highlighted_without_losing_a_character(
            hay in "\\PC{0,60}",
            needle in "\\PC{1,4}",
        ) {
            if let Some(q) = Query::new(&needle) {
                let ranges = q.ranges(&hay);
                for r in &ranges {
                    proptest::prop_assert!(hay.is_char_boundary(r.start) && hay.is_char_boundary(r.end));
                    proptest::prop_assert!(!hay[r.clone()].is_empty());
                }
                proptest::prop_assert!(ranges.windows(2).all(|w| w[0].end <= w[1].start));
                // The query itself, set into the text, is always found.
                let with = format!("{hay}{needle}{hay}");
                proptest::prop_assert!(!q.ranges(&with).is_empty(), "{:?} in {:?}", needle, with);
                let line = Line::from(vec![Span::raw(hay.clone()), Span::raw(hay.clone())]);
                let lit = q.highlight(line, Style::new().bold());
                let text: String = lit.spans.iter().map(|s| s.content.as_ref()).collect();
                proptest::prop_assert_eq!(text, format!("{hay}{hay}"));
            }
        }
    }
}
