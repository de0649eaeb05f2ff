//! What the answering side reads: the profile (`GET /api/v1/profile`, the `_user` partial), the
//! agents (`GET agents`, the `_agent` partial), canned responses (`GET canned_responses`, the raw
//! model) and a conversation's labels (`GET`/`POST conversations/{id}/labels`,
//! `{"payload": [titles]}`).

use super::scalar::Scalar;
use imbox_model::{Agent, CannedResponse};
use serde::Deserialize;
use serde_json::Value;

/// A user: the profile or one agent of the list.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireAgent {
    /// User id (what an assignment sends).
    pub id: Scalar,
    /// Full name.
    pub name: Scalar,
    /// Display name, preferred when set.
    pub available_name: Scalar,
    /// Login e-mail.
    pub email: Scalar,
    /// `agent` / `administrator` (the profile's is per account, in `accounts[]`).
    pub role: Scalar,
    /// `online`, `busy`, `offline`.
    pub availability_status: Scalar,
    /// The profile's accounts, each with the user's role there.
    pub accounts: Option<Vec<WireAccountRole>>,
    /// The token the realtime channel subscribes with (the profile only).
    pub pubsub_token: Scalar,
}

/// One account of the profile.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireAccountRole {
    /// Account id.
    pub id: Scalar,
    /// The user's role in that account.
    pub role: Scalar,
    /// The user's availability in that account.
    pub availability_status: Scalar,
}

impl WireAgent {
    /// The domain agent; `account` picks the role and availability of that account from the
    /// profile's `accounts[]` when the top level has none.
    pub fn into_agent(self, account: Option<u64>) -> Agent {
        let here = account.and_then(|id| {
            self.accounts
                .as_ref()?
                .iter()
                .find(|a| a.id.count() == Some(id))
                .map(|a| (a.role.line(), a.availability_status.line()))
        });
        let (role, availability) = match here {
            Some((role, availability)) => (
                if self.role.is_set() { self.role.line() } else { role },
                if self.availability_status.is_set() {
                    self.availability_status.line()
                } else {
                    availability
                },
            ),
            None => (self.role.line(), self.availability_status.line()),
        };
        let available = self.available_name.line();
        Agent {
            id: self.id.count().unwrap_or(0),
            name: if available.is_empty() { self.name.line() } else { available },
            email: self.email.line(),
            role,
            availability,
        }
    }
}

/// A canned response as upstream renders it (`render json:` of the model).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WireCanned {
    /// Id.
    pub id: Scalar,
    /// The short code typed after `/`.
    pub short_code: Scalar,
    /// The text, with `{{variables}}` left for the client to fill.
    pub content: Scalar,
}

impl From<WireCanned> for CannedResponse {
    fn from(w: WireCanned) -> Self {
        CannedResponse {
            id: w.id.count().unwrap_or(0),
            short_code: w.short_code.line(),
            content: w.content.text(),
        }
    }
}

/// Items of a list answered as a bare array or wrapped in `payload` (or `data`); items that do
/// not decode are skipped rather than failing the list.
pub fn list_items<T: for<'de> Deserialize<'de>>(body: Value) -> Vec<T> {
    let items = match body {
        Value::Array(items) => items,
        Value::Object(mut o) => match o.remove("payload").or_else(|| o.remove("data")) {
            Some(Value::Array(items)) => items,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    items.into_iter().filter_map(|i| T::deserialize(i).ok()).collect()
}

/// A conversation's labels: `{"payload": ["billing", "vip"]}` (the labels views), or a bare
/// array; blank titles are dropped.
pub fn label_titles(body: Value) -> Vec<String> {
    list_items::<Scalar>(body).iter().map(Scalar::line).filter(|l| !l.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_profile_takes_its_role_from_the_account() {
        let w: WireAgent = serde_json::from_value(json!({
            "id": 7, "name": "Dana Levi", "available_name": "Dana", "email": "dana@acme.io",
            "accounts": [{"id": 2, "role": "administrator"}, {"id": 1, "role": "agent", "availability_status": "online"}]
        }))
        .unwrap();
        let a = w.into_agent(Some(1));
        assert_eq!(
            a,
            Agent {
                id: 7,
                name: "Dana".into(),
                email: "dana@acme.io".into(),
                role: "agent".into(),
                availability: "online".into()
            }
        );
    }

    #[test]
    fn lists_come_bare_or_wrapped_and_bad_items_are_skipped() {
        let c: Vec<WireCanned> =
            list_items(json!([{"id": 1, "short_code": "hi", "content": "Hello"}, "junk"]));
        assert_eq!(c.len(), 1);
        assert_eq!(label_titles(json!({"payload": ["vip", " ", "billing"]})), ["vip", "billing"]);
        assert_eq!(label_titles(json!(["a"])), ["a"]);
        assert!(label_titles(json!("nope")).is_empty());
    }
}
