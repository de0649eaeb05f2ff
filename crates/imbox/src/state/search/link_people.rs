//! The person behind a phone link: a link names only a conversation id, but the search that
//! found it looked for the number, so the contact with that number is among its results.

use super::{LinkRow, SearchState};
use crate::state::people;
use imbox_model::Contact;

impl SearchState {
    /// Gives each phone-link row without a person the contact whose number it is, among the
    /// server's results and the local matches on hand (bounded by what is loaded: called when
    /// either arrives, never per frame).
    pub(crate) fn name_link_rows(&mut self) {
        let Some(links) = self.links.as_mut() else { return };
        let hits =
            self.server.loaded().map(|(_, h)| &h.contact).chain(self.window.iter().map(|h| &h.contact));
        let candidates: Vec<&Contact> = hits.collect();
        for row in links.rows.iter_mut().filter(|r| r.person.is_none() && !r.phone.is_empty()) {
            row.person = candidates
                .iter()
                .find(|c| has_number(c, &row.phone))
                .map(|c| (c.id.clone(), people::contact_label(c).into_owned()));
        }
    }
}

/// Whether `c`'s number, with or without its area code, is `digits`.
fn has_number(c: &Contact, digits: &str) -> bool {
    let only = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let number = only(&c.phone_number);
    !number.is_empty() && (number == digits || format!("{}{number}", only(&c.area_code)) == digits)
}

impl LinkRow {
    /// The person the link's conversation is with, when the search found them.
    pub fn person_name(&self) -> Option<&str> {
        self.person.as_ref().map(|(_, name)| name.as_str())
    }
}
