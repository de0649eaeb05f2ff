//! Contact endpoints: list and search (15 per page, only contacts with an e-mail, phone or
//! identifier), show, update (validated as the Rails model does; persisted in the shared demo
//! store) and a contact's conversations.

use super::http::{self, Params, param};
use super::people::{self, Extra};
use super::state::now_ms;
use super::{CONTACTS_PAGE, Cw, Cwx};
use crate::data::person::Person;
use crate::data::rng::{iso, parse_iso};
use crate::http::blocking;
use axum::body::Bytes;
use axum::extract::{Path, Query as Q};
use axum::response::Response;
use serde_json::{Map, Value, json};
use std::cmp::Ordering;
use std::sync::Arc;

/// The sort key of a contact for `sort=<field>`; `None` sorts last.
fn sort_key(field: &str, p: &Person, ex: &Extra, last: Option<i64>) -> Option<String> {
    let attr = |k: &str| ex.additional.get(k).and_then(Value::as_str).map(str::to_lowercase);
    let s = |v: &str| (!v.is_empty()).then(|| v.to_lowercase());
    match field {
        "name" => s(&p.display_name),
        "email" => s(&p.email),
        "phone_number" => people::phone(p),
        "last_activity_at" => last.or_else(|| parse_iso(&p.last_seen)).map(|t| format!("{t:020}")),
        "created_at" => Some(format!("{:020}", p.created_at)),
        "company" => attr("company_name"),
        "city" => attr("city"),
        "country" => attr("country"),
        _ => None,
    }
}

/// Matching contacts in list order: (position, person as it is now).
async fn matching(cw: &Arc<Cw>, q: &Params, search: Option<String>) -> Result<Vec<(u32, Person)>, Response> {
    let extras = cw.with(|_, st, _| st.extras.clone());
    let edits = cw.app.store.edits();
    let sort = param(q, "sort").unwrap_or("").to_string();
    let scan = cw.clone();
    blocking(move || {
        let data = &scan.app.store.data;
        let w = scan.world();
        let raw = search.clone().unwrap_or_default();
        let needle = raw.to_lowercase();
        let mut out: Vec<(u32, Person, Option<String>)> = Vec::new();
        // Position n-1 is the oldest person, id 1: walking down the positions is id order,
        // the order Postgres returns an unsorted query in.
        for pos in (0..data.n).rev() {
            let p = edits.get(&pos).cloned().unwrap_or_else(|| data.person(pos));
            let ex = extras.get(&pos).cloned().unwrap_or_else(|| people::generated(data.seed, pos, &p));
            if !people::resolved(&p, &ex) || (search.is_some() && !people::matches(&p, &ex, &needle, &raw)) {
                continue;
            }
            let field = sort.trim_start_matches('-');
            let last = || {
                w.by_contact
                    .get(&pos)?
                    .iter()
                    .flat_map(|i| w.convs[*i].msgs.iter().filter(|m| m.kind == 0))
                    .map(|m| m.at)
                    .max()
            };
            let key = if field.is_empty() { None } else { sort_key(field, &p, &ex, last()) };
            out.push((pos, p, key));
        }
        if !sort.is_empty() {
            let desc = sort.starts_with('-');
            out.sort_by(|a, b| match (&a.2, &b.2) {
                (Some(x), Some(y)) if desc => y.cmp(x),
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            });
        }
        out.into_iter().map(|(pos, p, _)| (pos, p)).collect()
    })
    .await
}

/// One page of a contact list in `{meta: {count, current_page}, payload}`.
async fn listing(cw: Arc<Cw>, q: Params, search: Option<String>) -> Response {
    let found = match matching(&cw, &q, search).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let page = http::page(&q);
    let inboxes = param(&q, "include_contact_inboxes") != Some("false");
    cw.render(|cx| {
        let payload: Vec<Value> = found
            .iter()
            .skip((page - 1) * CONTACTS_PAGE)
            .take(CONTACTS_PAGE)
            .map(|(pos, p)| cx.contact_card(*pos, p, inboxes))
            .collect();
        http::ok(json!({"meta": {"count": found.len(), "current_page": http::current_page(&q)}, "payload": payload}))
    })
}

/// `GET …/contacts`.
pub async fn index(cw: Cwx, Q(q): Q<Params>) -> Response {
    listing(cw.0, q, None).await
}

/// `GET …/contacts/search?q=`: ILIKE over name, e-mail, phone and company. A blank `q` falls
/// through upstream's `render … if blank? && return` to an empty list with a null count.
pub async fn search(cw: Cwx, Q(q): Q<Params>) -> Response {
    match param(&q, "q").map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => listing(cw.0, q.clone(), Some(s.to_string())).await,
        None => {
            http::ok(json!({"meta": {"count": null, "current_page": http::current_page(&q)}, "payload": []}))
        }
    }
}

/// `GET …/contacts/{id}`: `{payload: ContactCard}`, any contact of the account.
pub async fn show(cw: Cwx, Path((_, id)): Path<(String, String)>, Q(q): Q<Params>) -> Response {
    let Some(pos) = people::position(cw.app.store.data.n, &id) else { return http::not_found() };
    let inboxes = param(&q, "include_contact_inboxes") != Some("false");
    cw.render(|cx| http::ok(json!({"payload": cx.contact_card(pos, &cx.person(pos), inboxes)})))
}

/// `GET …/contacts/{id}/conversations`: the latest 20 by activity, no paging.
pub async fn conversations(cw: Cwx, Path((_, id)): Path<(String, String)>) -> Response {
    let Some(pos) = people::position(cw.app.store.data.n, &id) else { return http::not_found() };
    cw.render(|cx| {
        let mut list: Vec<_> =
            cx.w.by_contact.get(&pos).into_iter().flatten().map(|i| &cx.w.convs[*i]).collect();
        list.sort_by_key(|c| std::cmp::Reverse(c.last_activity()));
        let payload: Vec<Value> = list.into_iter().take(20).map(|c| cx.conversation(c)).collect();
        http::ok(json!({ "payload": payload }))
    })
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Applies an update to a copy of the contact; returns the format errors (uniqueness is
/// checked against everyone else afterwards).
fn apply(b: &Map<String, Value>, p: &mut Person, ex: &mut Extra) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    if let Some(name) = b.get("name").and_then(text) {
        p.display_name = name;
    }
    if let Some(email) = b.get("email").and_then(text) {
        let email = email.to_lowercase();
        if !email.is_empty() && !people::valid_email(&email) {
            errors.push(("email", "Email Invalid email".to_string()));
        }
        p.email = email;
    }
    if let Some(id) = b.get("identifier").and_then(text) {
        ex.identifier = (!id.is_empty()).then_some(id);
    }
    if let Some(phone) = b.get("phone_number").and_then(text) {
        if phone.is_empty() {
            (p.area_code, p.phone_number) = (String::new(), String::new());
        } else if people::valid_e164(&phone) {
            (p.area_code, p.phone_number) = people::split_phone(&phone, &p.area_code);
        } else {
            errors.push(("phone_number", "Phone number should be in e164 format".to_string()));
        }
    }
    match b.get("blocked") {
        Some(Value::Bool(v)) => ex.blocked = *v,
        Some(Value::String(s)) => ex.blocked = s == "true" || s == "1",
        _ => {}
    }
    // Attribute maps are merged key by key, not replaced.
    if let Some(Value::Object(m)) = b.get("additional_attributes") {
        ex.additional.extend(m.clone());
    }
    if let Some(Value::Object(m)) = b.get("custom_attributes") {
        ex.custom.extend(m.clone());
    }
    errors
}

/// `PUT`/`PATCH …/contacts/{id}`: 200 `{payload: ContactCard}`, or 422
/// `{"message": "…", "attributes": […]}`.
pub async fn update(
    cw: Cwx,
    Path((_, id)): Path<(String, String)>,
    Q(q): Q<Params>,
    body: Bytes,
) -> Response {
    let data = &cw.app.store.data;
    let Some(pos) = people::position(data.n, &id) else { return http::not_found() };
    let params = match http::params_with_body(&q, &body) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let mut p = cw.app.store.person(pos);
    let mut ex = cw.render(|cx| cx.extra(pos, &p));
    let mut errors = apply(&params, &mut p, &mut ex);
    let (email, phone, ident) = (p.email.clone(), people::phone(&p), ex.identifier.clone());
    let extras = cw.with(|_, st, _| st.extras.clone());
    let edits = cw.app.store.edits();
    let scan = cw.clone();
    let taken = blocking(move || {
        let d = &scan.app.store.data;
        let mut taken = [false; 3];
        for other in (0..d.n).filter(|o| *o != pos) {
            let o = edits.get(&other).cloned().unwrap_or_else(|| d.person(other));
            taken[0] |= !email.is_empty() && o.email.to_lowercase() == email;
            taken[2] |= phone.is_some() && people::phone(&o) == phone;
            if ident.is_some() {
                let oe = extras.get(&other).cloned().unwrap_or_else(|| people::generated(d.seed, other, &o));
                taken[1] |= oe.identifier == ident;
            }
        }
        taken
    })
    .await;
    let taken = match taken {
        Ok(t) => t,
        Err(r) => return r,
    };
    for (i, (attr, msg)) in [
        ("email", "Email has already been taken"),
        ("identifier", "Identifier has already been taken"),
        ("phone_number", "Phone number has already been taken"),
    ]
    .into_iter()
    .enumerate()
    {
        if taken[i] {
            let at = errors.iter().position(|e| e.0 == attr).unwrap_or(errors.len());
            errors.insert(at, (attr, msg.to_string()));
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| ["email", "identifier", "phone_number"].iter().position(|a| *a == e.0));
        return http::invalid(&errors);
    }
    cw.with(|w, st, store| {
        p.updated_at = Some(iso(now_ms(w)));
        store.save(pos, p.clone());
        st.extras.insert(pos, ex);
        let cx = super::render::Ctx { w, st, store };
        cw.bus.emit("contact.updated", || cx.contact_card(pos, &p, true));
        http::ok(json!({"payload": cx.contact_card(pos, &p, true)}))
    })
}
