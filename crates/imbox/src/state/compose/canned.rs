//! Canned responses in the composer: the picker's fuzzy filter over the account's responses,
//! and filling their variables (`{{contact.name}}`, `{{agent.name}}`, …) from what imbox knows.
//!
//! A variable that cannot be filled stays in the text as it was written, visible, and the
//! composer names it before sending ([`unfilled`]).

use imbox_model::CannedResponse;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The picker over canned responses: what is typed, and which match is chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CannedPicker {
    /// The filter typed so far (after the `/`).
    pub query: String,
    /// Index into the current matches.
    pub selected: usize,
    /// Enter came before the responses did (`/hello⏎` typed at speed): the best match goes in
    /// as soon as they arrive, as if Enter had come after them.
    pub chosen: bool,
}

/// Indices of the responses that match `query`, best first (all, in server order, for an empty
/// query). Short code and content are matched together, the short code first.
pub fn matches(items: &[CannedResponse], query: &str) -> Vec<usize> {
    if query.trim().is_empty() {
        return (0..items.len()).collect();
    }
    let pattern = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let hay = format!("{} {}", c.short_code, c.content);
            let score = pattern.score(Utf32Str::new(&hay, &mut buf), &mut matcher)?;
            // A short code that starts with the query beats any match inside a content.
            let bonus = if c.short_code.to_lowercase().starts_with(&query.trim().to_lowercase()) {
                10_000
            } else {
                0
            };
            Some((score + bonus, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// What the composer knows to fill variables with; empty values are unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variables {
    /// The contact's full name.
    pub contact_name: String,
    /// The contact's given name.
    pub contact_first_name: String,
    /// The contact's e-mail.
    pub contact_email: String,
    /// The contact's phone number.
    pub contact_phone: String,
    /// The agent's (the token owner's) name.
    pub agent_name: String,
}

impl Variables {
    fn value(&self, name: &str) -> Option<&str> {
        let v = match name {
            "contact.name" => &self.contact_name,
            "contact.first_name" => &self.contact_first_name,
            "contact.email" => &self.contact_email,
            "contact.phone_number" | "contact.phone" => &self.contact_phone,
            "agent.name" => &self.agent_name,
            _ => return None,
        };
        (!v.trim().is_empty()).then_some(v.as_str())
    }
}

/// The variables of `text` (`{{ name }}`, spaces allowed inside the braces), in order.
fn variables(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find("{{").map(|i| from + i) {
        let Some(end) = text[start + 2..].find("}}").map(|i| start + 2 + i) else { break };
        let name = text[start + 2..end].trim().to_string();
        out.push((start..end + 2, name));
        from = end + 2;
    }
    out
}

/// `text` with every variable imbox knows filled in; the others stay as written.
pub fn fill(text: &str, vars: &Variables) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, name) in variables(text) {
        if let Some(v) = vars.value(&name) {
            out.push_str(&text[last..range.start]);
            out.push_str(v);
            last = range.end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// The variables left in `text` (those [`fill`] could not fill), each once, as written.
pub fn unfilled(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (range, _) in variables(text) {
        let v = text[range].to_string();
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canned(code: &str, content: &str) -> CannedResponse {
        CannedResponse { id: 1, short_code: code.into(), content: content.into() }
    }

    #[test]
    fn known_variables_are_filled_and_unknown_ones_stay_visible() {
        let vars = Variables {
            contact_name: "Nguyễn Hương".into(),
            contact_first_name: "Hương".into(),
            agent_name: "Dana Levi".into(),
            ..Variables::default()
        };
        let text = "Hi {{contact.first_name}}, I'm {{ agent.name }}. We wrote to {{contact.email}}; {{x}} {{";
        let filled = fill(text, &vars);
        assert_eq!(filled, "Hi Hương, I'm Dana Levi. We wrote to {{contact.email}}; {{x}} {{");
        assert_eq!(unfilled(&filled), vec!["{{contact.email}}".to_string(), "{{x}}".to_string()]);
        assert!(unfilled("no variables here").is_empty());
    }

    #[test]
    fn the_picker_prefers_short_codes_and_fuzzy_matches_content() {
        let items = vec![
            canned("refund", "We have issued your refund."),
            canned("greet", "Hello {{contact.name}}!"),
            canned("hours", "We are open 9–17, refunds take 5 days"),
        ];
        assert_eq!(matches(&items, ""), vec![0, 1, 2]);
        assert_eq!(matches(&items, "ref")[0], 0, "the short code first");
        assert!(matches(&items, "ref").contains(&2), "content matches too");
        assert_eq!(matches(&items, "hllo"), vec![1], "fuzzy");
        assert!(matches(&items, "zzzz").is_empty());
    }
}
