//! The pure parts of searching: fuzzy matching of contacts with `nucleo-matcher`, and telling
//! whether a query is a list of phone numbers.

use crate::model::Contact;
use crate::state::seen::SeenContacts;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// A contact in the search results, with the positions of its name that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The contact.
    pub contact: Contact,
    /// Matched grapheme positions in the shown name, sorted; empty when the match was on
    /// another field (e-mail, phone) or the server found it by a rule we cannot see.
    pub indices: Vec<u32>,
}

/// A fuzzy matcher for one query; build one per keystroke (cheap next to the filtering).
pub struct Fuzzy {
    matcher: Matcher,
    pattern: Pattern,
    buf: Vec<char>,
    other_buf: Vec<char>,
    /// E-mail and phone of the contact being scored, reused so no contact allocates.
    other: String,
}

impl Fuzzy {
    /// A matcher for `query` (smart case-insensitive, nucleo's fzf-like syntax).
    pub fn new(query: &str) -> Self {
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
            pattern: Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart),
            buf: Vec::new(),
            other_buf: Vec::new(),
            other: String::new(),
        }
    }

    /// Score and highlighted name positions of `contact`, or None when it does not match.
    /// The shown name is scored with its positions; e-mail and phone can match too (ranked
    /// lower, nothing highlighted) so a local search for part of a number works.
    pub fn matches(&mut self, contact: &Contact) -> Option<(u32, Vec<u32>)> {
        self.other.clear();
        for part in [contact.email.as_str(), " ", contact.area_code.as_str(), contact.phone_number.as_str()] {
            self.other.push_str(part);
        }
        let name = Utf32Str::new(shown_name(contact), &mut self.buf);
        let other = Utf32Str::new(&self.other, &mut self.other_buf);
        // Scoring alone is cheaper than collecting positions: most contacts do not match, and
        // only those that do are scored again for their highlight.
        let score = score(&self.pattern, &mut self.matcher, name, other)?;
        let mut indices = Vec::new();
        if self.pattern.indices(name, &mut self.matcher, &mut indices).is_some() {
            indices.sort_unstable();
            indices.dedup();
        } else {
            indices.clear();
        }
        Some((score, indices))
    }

    /// The highlight positions of `contact` (empty when it matches on other fields or not at all).
    pub fn indices(&mut self, contact: &Contact) -> Vec<u32> {
        self.matches(contact).map(|(_, i)| i).unwrap_or_default()
    }

    /// The kept contacts that match, as slots of `seen`, best score first (ties in contact
    /// list order). `within` narrows an earlier result instead of scanning every contact: the
    /// hits of a query are a superset of the hits of that query with more typed after it.
    pub fn rank(&mut self, seen: &SeenContacts, within: Option<&[u32]>) -> Vec<u32> {
        let mut scored: Vec<(u32, u32, u32)> = Vec::new();
        let mut consider = |slot: u32| {
            let keys = seen.match_keys(slot);
            if let Some(score) =
                keys.and_then(|(name, other)| score(&self.pattern, &mut self.matcher, name, other))
            {
                scored.push((score, seen.position(slot), slot));
            }
        };
        match within {
            Some(slots) => slots.iter().copied().for_each(&mut consider),
            None => (0..seen.len() as u32).for_each(&mut consider),
        }
        scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        scored.into_iter().map(|(_, _, slot)| slot).collect()
    }

    /// Every contact of `items` that matches, best score first (ties keep list order).
    pub fn filter<'a>(&mut self, items: impl Iterator<Item = &'a Contact>) -> Vec<Hit> {
        let mut scored: Vec<(u32, usize, Hit)> = items
            .enumerate()
            .filter_map(|(i, c)| {
                let (score, indices) = self.matches(c)?;
                Some((score, i, Hit { contact: c.clone(), indices }))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, h)| h).collect()
    }
}

/// The score of a contact: its name's, else half its e-mail-and-phone's (a match there ranks
/// below any name match).
fn score(pattern: &Pattern, matcher: &mut Matcher, name: Utf32Str<'_>, other: Utf32Str<'_>) -> Option<u32> {
    pattern.score(name, matcher).or_else(|| Some(pattern.score(other, matcher)? / 2))
}

/// Whether the hits of `new` are certainly among the hits of `old`: `new` is `old` with more
/// typed after it, and neither uses the pattern syntax (`!`, `^`, `$`, `'`, `\`) under which
/// typing more can widen a match.
pub fn narrows(old: &str, new: &str) -> bool {
    let plain = |s: &str| !s.contains(['!', '^', '$', '\'', '\\']);
    !old.trim().is_empty() && new.starts_with(old) && plain(new)
}

/// The name a contact row shows (and highlights): the display name, else the id.
pub fn shown_name(c: &Contact) -> &str {
    if c.display_name.is_empty() { &c.id } else { &c.display_name }
}

/// Fewest digits a phone number may have (shorter tokens are names or parts of ids).
const MIN_DIGITS: usize = 6;
/// Most digits an E.164 number has.
const MAX_DIGITS: usize = 15;

/// The phone numbers of a query made only of phone numbers, as digits; None otherwise.
///
/// Numbers are separated by commas or spaces, so a space always ends a number ("852 9123 4567"
/// is three tokens, and its short parts make it no phone query). Inside a number a leading `+`
/// and `-` between digits are allowed and dropped: the links endpoint is sent digits only
/// (`+886-911-425-977` → `886911425977`). Each number has 6 to 15 digits. Repeats are asked once.
pub fn phone_numbers(query: &str) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for token in query.split(|c: char| c == ',' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        let body = token.strip_prefix('+').unwrap_or(token);
        let ok = body.starts_with(|c: char| c.is_ascii_digit())
            && body.ends_with(|c: char| c.is_ascii_digit())
            && body.chars().all(|c| c.is_ascii_digit() || c == '-')
            && !body.contains("--");
        if !ok {
            return None;
        }
        let digits: String = body.chars().filter(char::is_ascii_digit).collect();
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()) {
            return None;
        }
        if !out.contains(&digits) {
            out.push(digits);
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str) -> Contact {
        Contact { id: format!("con_{name}"), display_name: name.into(), ..Contact::default() }
    }

    #[test]
    fn fuzzy_ranks_and_highlights() {
        let items = [contact("Alice Wong"), contact("TWN#NJ9585"), contact("NJ Nine")];
        let hits = Fuzzy::new("nj9585").filter(items.iter());
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].contact.display_name, "TWN#NJ9585");
        assert_eq!(hits[0].indices, vec![4, 5, 6, 7, 8, 9]);
        let hits = Fuzzy::new("nj").filter(items.iter());
        assert_eq!(hits.len(), 2, "{hits:?}");
    }

    #[test]
    fn phone_fields_match_without_highlight() {
        let mut c = contact("Bob");
        c.area_code = "886".into();
        c.phone_number = "911425977".into();
        let hits = Fuzzy::new("911425").filter([c].iter());
        assert_eq!(hits.len(), 1);
        assert!(hits[0].indices.is_empty());
    }

    #[test]
    fn phone_queries_are_lists_of_numbers() {
        assert_eq!(phone_numbers("886911425977"), Some(vec!["886911425977".into()]));
        assert_eq!(
            phone_numbers(" +886-911-425-977, 12345678 886911425977"),
            Some(vec!["886911425977".into(), "12345678".into()])
        );
        assert_eq!(phone_numbers("852 9123 4567"), None, "a space separates numbers");
        assert_eq!(phone_numbers("NJ9585"), None);
        assert_eq!(phone_numbers("12345"), None, "too short");
        assert_eq!(phone_numbers("1234567890123456"), None, "too long");
        assert_eq!(phone_numbers("12--3456789"), None);
        assert_eq!(phone_numbers("  , "), None);
    }
}
