//! The pure parts of searching: fuzzy matching of contacts with `nucleo-matcher`, and telling
//! whether a query is a list of phone numbers.

use crate::state::seen::SeenContacts;
use imbox_model::Contact;
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

    /// The names `query` finds among `items`, best first, with their highlights.
    fn hits(query: &str, items: &[Contact]) -> Vec<(String, Vec<u32>)> {
        let mut seen = SeenContacts::default();
        items.iter().enumerate().for_each(|(i, c)| seen.insert(c, Some(i)));
        let mut fuzzy = Fuzzy::new(query);
        fuzzy
            .rank(&seen, None)
            .into_iter()
            .map(|slot| seen.get(slot).unwrap())
            .map(|c| (c.display_name.clone(), fuzzy.indices(&c)))
            .collect()
    }

    #[test]
    fn fuzzy_ranks_and_highlights() {
        let items = [contact("Alice Wong"), contact("TWN#NJ9585"), contact("NJ Nine")];
        assert_eq!(hits("nj9585", &items), vec![("TWN#NJ9585".to_string(), vec![4, 5, 6, 7, 8, 9])]);
        let found = hits("nj", &items);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(name, _)| name != "Alice Wong"));
    }

    #[test]
    fn non_ascii_names_match_and_rank_like_ascii_ones() {
        let items = [contact("陳威廷 Wei-Ting"), contact("Nguyễn Hương"), contact("Zoë")];
        assert_eq!(hits("huong", &items).len(), 1, "accents fold");
        assert_eq!(hits("陳", &items)[0].1, vec![0]);
        assert_eq!(hits("zoe", &items)[0].0, "Zoë");
    }

    #[test]
    fn phone_fields_match_without_highlight() {
        let mut c = contact("Bob");
        c.area_code = "886".into();
        c.phone_number = "911425977".into();
        assert_eq!(hits("911425", &[c, contact("Alice")]), vec![("Bob".to_string(), vec![])]);
    }

    #[test]
    fn a_name_match_ranks_above_an_e_mail_match() {
        let mut by_mail = contact("Someone");
        by_mail.email = "wei@example.com".into();
        let found = hits("wei", &[by_mail, contact("Wei Chen")]);
        assert_eq!(found.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["Wei Chen", "Someone"]);
    }

    #[test]
    fn narrowing_is_only_for_a_query_that_grew_without_pattern_syntax() {
        assert!(narrows("wei", "wei c"));
        assert!(!narrows("", "w"), "nothing to narrow from");
        assert!(!narrows("wei c", "wei"), "a deletion widens");
        assert!(!narrows("wei", "wei !chen"), "negation can widen");
        assert!(!narrows("foo", "foo$"));
        assert!(!narrows("wei", "xwei"));
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
