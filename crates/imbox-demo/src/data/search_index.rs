//! The contact search's haystack, built once: each contact's names and e-mail in lower case and
//! its phone number with and without the area code.
//!
//! Searching 65,681 contacts by generating each one and lower-casing its fields took 120 ms or
//! more a request, most of the time a fresh-start search spent waiting (docs/performance.md);
//! against this index a search is a scan of a few megabytes. The index holds the generated
//! contacts only — an edited contact is matched from its edit, as before.

use super::generator::Dataset;

/// One string per contact: lower-cased display, first and last name and e-mail, each followed
/// by a newline; then the area code and phone number (empty without a phone).
pub struct SearchIndex {
    text: Vec<Box<str>>,
    phone: Vec<Box<str>>,
}

impl SearchIndex {
    /// Builds the index of every generated contact (about 100 ms for 65,681 in a release build).
    pub fn build(data: &Dataset) -> SearchIndex {
        let (mut text, mut phone) =
            (Vec::with_capacity(data.n as usize), Vec::with_capacity(data.n as usize));
        for pos in 0..data.n {
            let p = data.person(pos);
            let mut t = String::new();
            for field in [&p.display_name, &p.first_name, &p.last_name, &p.email] {
                t.push_str(&field.to_lowercase());
                t.push('\n');
            }
            text.push(t.into_boxed_str());
            let full = if p.phone_number.is_empty() {
                String::new()
            } else {
                format!("{}{}", p.area_code, p.phone_number)
            };
            phone.push(full.into_boxed_str());
        }
        SearchIndex { text, phone }
    }

    /// Whether the generated contact at `pos` matches as
    /// [`Person::matches`](super::person::Person::matches) would: `q` lower
    /// case, `q_digits` the digits of a phone-like query (or empty).
    pub fn matches(&self, pos: u32, q: &str, q_digits: &str) -> bool {
        let i = pos as usize;
        // A query holding a newline could match across two fields of the joined text.
        if q.contains('\n') {
            return false;
        }
        if self.text.get(i).is_some_and(|t| t.contains(q)) {
            return true;
        }
        // The area code and number together contain the number alone.
        !q_digits.is_empty() && self.phone.get(i).is_some_and(|p| p.contains(q_digits))
    }

    /// Whether a query can be answered from the index (else match each generated contact).
    pub fn answers(q: &str) -> bool {
        !q.contains('\n')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::person::Person;

    #[test]
    fn the_index_agrees_with_matching_each_person() {
        let data = Dataset::new(7, 3_000, 10);
        let index = SearchIndex::build(&data);
        for q in ["wang", "王", "wei", "@example", "chen", "an", "4821", "852", "zz-none", "o'brien", "é"] {
            let digits: String = if q.chars().all(|c| c.is_ascii_digit()) { q.into() } else { String::new() };
            for pos in 0..data.n {
                let p: Person = data.person(pos);
                assert_eq!(index.matches(pos, q, &digits), p.matches(q, &digits), "{q:?} at {pos}");
            }
        }
    }
}
