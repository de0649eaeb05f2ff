//! A contact save whose answer was lost is read back, never sent again.
//!
//! When the PUT timed out, the connection dropped after it was sent, the server failed with a
//! 5xx or its answer could not be read, the server may well have applied it. Sending it again
//! blindly could overwrite a colleague's newer edit with an old value (and locked the form for
//! minutes while it retried). Instead the contact is looked up (a contact search by its name,
//! e-mail or phone, matched by id — the seed API has no read of one contact) and compared with
//! what was sent: the same → saved; otherwise the form stays open with what was typed and an
//! error that says what the server holds.

use imbox_api::{AnyBackend, ApiError, Backend};
use imbox_model::{Contact, ContactUpdate};

/// Rows a read-back search looks through for the contact's id.
const LOOKUP_ROWS: u32 = 20;
/// Search words tried at most (each is one request).
const LOOKUP_TRIES: usize = 3;
/// Longest the read-back may take (its searches and their retries together): with the write
/// timeout, this bounds how long the form waits.
const READ_BACK_WITHIN: std::time::Duration = std::time::Duration::from_secs(20);

/// Whether a failed write may have reached the server (and been applied).
pub fn may_have_reached(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Timeout { .. }
            | ApiError::Network { .. }
            | ApiError::Server { .. }
            | ApiError::Decode { .. }
    )
}

/// Saves `update`, reading the contact back when the answer was lost (see the module docs).
pub async fn save(
    client: &AnyBackend,
    contact_id: &str,
    update: &ContactUpdate,
    lookup: &[String],
) -> Result<Option<Box<Contact>>, ApiError> {
    let error = match client.update_contact(contact_id, update).await {
        Ok(answer) => return Ok(answer.map(Box::new)),
        Err(e) if may_have_reached(&e) => e,
        Err(e) => return Err(e),
    };
    tracing::info!(%error, "contact save unconfirmed; reading the contact back");
    let found = tokio::time::timeout(READ_BACK_WITHIN, find(client, contact_id, lookup)).await;
    let Some(held) = found.ok().flatten() else {
        return Err(ApiError::Invalid(format!(
            "{error}; the contact could not be read back, so whether it was saved is unknown (your values are kept; save again to send them)"
        )));
    };
    let differences = differences(update, &held);
    if differences.is_empty() {
        tracing::info!("the read-back shows the save was applied");
        return Ok(Some(Box::new(held)));
    }
    Err(ApiError::Invalid(format!(
        "{error}; not saved: the server holds {} (your values are kept)",
        differences.join(", ")
    )))
}

/// The contact as the server holds it now, found by a search for one of `lookup` and its id.
async fn find(client: &AnyBackend, contact_id: &str, lookup: &[String]) -> Option<Contact> {
    for word in lookup.iter().take(LOOKUP_TRIES) {
        match client.search_contacts(word, LOOKUP_ROWS, 0).await {
            Ok(page) => {
                if let Some(c) = page.items.into_iter().find(|c| c.id == contact_id) {
                    return Some(c);
                }
            }
            Err(e) => {
                // The server is not answering reads either: another word would fare no better.
                tracing::info!(%e, "read-back search failed");
                return None;
            }
        }
    }
    None
}

/// Each sent field the server holds differently, as `field "held"`.
fn differences(sent: &ContactUpdate, held: &Contact) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |name: &str, sent: &Option<String>, held: &str, same: fn(&str, &str) -> bool| {
        if let Some(v) = sent
            && !same(v.trim(), held.trim())
        {
            let shown = if held.is_empty() { "(empty)".to_string() } else { format!("{held:?}") };
            out.push(format!("{name} {shown}"));
        }
    };
    let exact: fn(&str, &str) -> bool = |a, b| a == b;
    let email: fn(&str, &str) -> bool = |a, b| a.eq_ignore_ascii_case(b);
    // The server normalises gender: "m" is sent, "Male" comes back.
    let gender: fn(&str, &str) -> bool = |a, b| {
        let (a, b) = (a.to_lowercase(), b.to_lowercase());
        a == b || (!a.is_empty() && b.starts_with(&a))
    };
    check("first name", &sent.first_name, &held.first_name, exact);
    check("last name", &sent.last_name, &held.last_name, exact);
    check("e-mail", &sent.email, &held.email, email);
    check("area code", &sent.area_code, &held.area_code, exact);
    check("phone", &sent.phone_number, &held.phone_number, exact);
    check("gender", &sent.gender, &held.gender, gender);
    check("language", &sent.language, &held.language, exact);
    check("avatar", &sent.avatar_url, &held.avatar_url, exact);
    check("remark", &sent.remark, &held.remark, exact);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sent_fields_are_compared_and_gender_is_normalised() {
        let held = Contact {
            first_name: "Ann".into(),
            email: "ann@x.io".into(),
            gender: "Female".into(),
            remark: "old".into(),
            ..Contact::default()
        };
        let same = ContactUpdate {
            first_name: Some("Ann".into()),
            email: Some("ANN@x.io".into()),
            gender: Some("f".into()),
            ..ContactUpdate::default()
        };
        assert!(differences(&same, &held).is_empty());
        let other = ContactUpdate {
            remark: Some("new".into()),
            last_name: Some("Lee".into()),
            ..ContactUpdate::default()
        };
        assert_eq!(
            differences(&other, &held),
            vec!["last name (empty)".to_string(), "remark \"old\"".to_string()]
        );
    }
}
