//! People as rows show them: one readable name when the server sent none, and, for rows that
//! would look the same, the tail that tells them apart.
//!
//! A missing name falls back once — to the phone, the e-mail, else "Contact #41" — never to the
//! id twice ("#41 #41"). Tails are computed over the rows on screen only (a frame's cost does
//! not grow with the list).

use imbox_model::{Contact, Conversation};
use std::borrow::Cow;

/// What contact `c` is called on screen: its name; without one its phone (`+852 9123 4567`),
/// its e-mail, else `Contact #41` (numeric ids) or `Contact con_…`.
pub fn contact_label(c: &Contact) -> Cow<'_, str> {
    let name = c.display_name.trim();
    if !name.is_empty() {
        return Cow::Borrowed(name);
    }
    let full = format!("{} {}", c.first_name.trim(), c.last_name.trim());
    if !full.trim().is_empty() {
        return Cow::Owned(full.trim().to_string());
    }
    if let Some(phone) = phone(c) {
        return Cow::Owned(phone);
    }
    if !c.email.trim().is_empty() {
        return Cow::Borrowed(c.email.trim());
    }
    Cow::Owned(unnamed(&c.id))
}

/// "Contact #41" for a numeric id, "Contact con_…" for another, "Contact" without one.
pub fn unnamed(id: &str) -> String {
    match id {
        "" => "Contact".into(),
        id if id.bytes().all(|b| b.is_ascii_digit()) => format!("Contact #{id}"),
        id => format!("Contact {id}"),
    }
}

/// The contact's phone as `+<area> <number>`, if it has one.
pub fn phone(c: &Contact) -> Option<String> {
    let number = c.phone_number.trim();
    if number.is_empty() {
        return None;
    }
    let area = c.area_code.trim().trim_start_matches('+');
    Some(if area.is_empty() || number.starts_with('+') {
        number.to_string()
    } else {
        format!("+{area} {number}")
    })
}

/// The person of conversation `c`: its contact's name, else its own name unless that is only
/// its id (`#41`, what Chatwoot's conversations are called without a contact name).
pub fn conversation_person(c: &Conversation) -> Option<&str> {
    let contact = c.contact_name.trim();
    if !contact.is_empty() {
        return Some(contact);
    }
    let name = c.name.trim();
    let only_id = name.is_empty() || name == c.id || name.strip_prefix('#') == Some(c.id.as_str());
    (!only_id).then_some(name)
}

/// For each of `rows` (the contacts on screen, None for a row that is not a loaded contact),
/// what to show after the name when another row on screen shows the same name: the phone's
/// last four digits (`…4821`), else the e-mail's local part (`wang.wei7@…`), else the id's
/// tail. None when the name is unique on screen.
pub fn tails(rows: &[Option<&Contact>]) -> Vec<Option<String>> {
    let labels: Vec<Option<Cow<'_, str>>> = rows.iter().map(|c| c.map(contact_label)).collect();
    labels
        .iter()
        .zip(rows)
        .enumerate()
        .map(|(i, (label, c))| {
            let (label, c) = (label.as_ref()?, (*c)?);
            let repeated =
                labels.iter().enumerate().any(|(j, other)| j != i && other.as_ref() == Some(label));
            repeated.then(|| tail(c, label))
        })
        .collect()
}

/// What tells `c` apart, given that it is shown as `label` (a tail never repeats the label).
fn tail(c: &Contact, label: &str) -> String {
    let digits: String = c.phone_number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 4 && phone(c).as_deref() != Some(label) {
        return format!("…{}", &digits[digits.len() - 4..]);
    }
    let email = c.email.trim();
    if let Some((local, _)) = email.split_once('@').filter(|(l, _)| !l.is_empty())
        && email != label
    {
        return format!("{local}@…");
    }
    let id = c.id.trim();
    let cut: String = id.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    if cut.len() < id.len() { format!("…{cut}") } else { format!("#{cut}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: &str, name: &str, phone: &str, email: &str) -> Contact {
        Contact {
            id: id.into(),
            display_name: name.into(),
            area_code: if phone.is_empty() { String::new() } else { "852".into() },
            phone_number: phone.into(),
            email: email.into(),
            ..Contact::default()
        }
    }

    #[test]
    fn a_missing_name_falls_back_once_to_phone_email_or_the_id() {
        assert_eq!(contact_label(&contact("41", "", "91234821", "")), "+852 91234821");
        assert_eq!(contact_label(&contact("41", " ", "", "ann@x.io")), "ann@x.io");
        assert_eq!(contact_label(&contact("41", "", "", "")), "Contact #41");
        assert_eq!(contact_label(&contact("con_9", "", "", "")), "Contact con_9");
        assert_eq!(contact_label(&contact("41", "Ann", "1", "a@b.c")), "Ann");
    }

    #[test]
    fn a_conversation_named_only_by_its_id_has_no_person() {
        let conv = |name: &str, contact: &str| Conversation {
            id: "41".into(),
            name: name.into(),
            contact_name: contact.into(),
            ..Conversation::default()
        };
        assert_eq!(conversation_person(&conv("#41", "")), None);
        assert_eq!(conversation_person(&conv("", "")), None);
        assert_eq!(conversation_person(&conv("#41", "Ann")), Some("Ann"));
        assert_eq!(conversation_person(&conv("Ann@1 Sep", "")), Some("Ann@1 Sep"));
    }

    #[test]
    fn only_names_repeated_on_screen_get_a_tail_and_each_tail_differs() {
        let a = contact("con_1", "王伟", "91234821", "");
        let b = contact("con_2", "王伟", "", "wang.wei7@example.com");
        let c = contact("con_3", "李娜", "95550001", "");
        let d = contact("con_4", "王伟", "", "");
        let rows = [Some(&a), None, Some(&b), Some(&c), Some(&d)];
        let t = tails(&rows);
        assert_eq!(t[0].as_deref(), Some("…4821"));
        assert_eq!(t[1], None);
        assert_eq!(t[2].as_deref(), Some("wang.wei7@…"));
        assert_eq!(t[3], None, "a unique name has no tail");
        assert_eq!(t[4].as_deref(), Some("#con_4"));
    }
}
