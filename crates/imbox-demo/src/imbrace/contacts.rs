//! Contacts: list, search, update, comments, files.

use super::{envelope, paging};
use crate::data::generator::tag;
use crate::data::names::{AGENTS, COMMENTS};
use crate::data::person::Person;
use crate::data::rng::{DAY, HOUR, h, iso, random_id};
use crate::data::search_index::SearchIndex;
use crate::faults::error;
use crate::http::{Params, blocking, param};
use crate::shared::Shared;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// `GET /v1/backend/contacts?limit&skip&sort`: `-created_at` (the default, also for an unknown
/// sort) is newest first, `created_at` oldest first.
pub async fn list(State(app): State<Shared>, Query(q): Query<Params>) -> Response {
    let (limit, skip) = match paging(&q, 10) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let n = u64::from(app.store.data.n);
    let oldest_first = param(&q, "sort") == Some("created_at");
    let data = (skip.min(n)..skip.saturating_add(limit).min(n))
        .map(|i| {
            let pos = if oldest_first { n - 1 - i } else { i };
            app.store.person(pos as u32).to_json()
        })
        .collect();
    envelope(data, n, skip)
}

/// `GET /v1/backend/contacts/_search?q`: case-insensitive substring match over names, e-mail
/// and phone (with or without area code); an empty `q` finds nothing, as in the seed.
pub async fn search(State(app): State<Shared>, Query(q): Query<Params>) -> Response {
    let (limit, skip) = match paging(&q, 10) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let query = param(&q, "q").unwrap_or_default().trim().to_lowercase();
    if query.is_empty() {
        return envelope(Vec::new(), 0, skip);
    }
    // Phone numbers are matched on digits, so "+852 9123" finds "85291234567".
    let phoneish = query.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let digits: String =
        if phoneish { query.chars().filter(char::is_ascii_digit).collect() } else { String::new() };
    let edits = app.store.edits();
    let scan = app.clone();
    let found = blocking(move || {
        let data = &scan.store.data;
        let index = SearchIndex::answers(&query).then(|| scan.store.search_index());
        let mut count = 0u64;
        let mut page: Vec<Value> = Vec::new();
        for pos in 0..data.n {
            // Generated contacts are matched in the index; only a hit on the page is generated.
            let hit = match (edits.get(&pos), index) {
                (Some(p), _) => p.matches(&query, &digits),
                (None, Some(index)) => index.matches(pos, &query, &digits),
                (None, None) => data.person(pos).matches(&query, &digits),
            };
            if hit {
                if count >= skip && (page.len() as u64) < limit {
                    let p = edits.get(&pos).cloned().unwrap_or_else(|| data.person(pos));
                    page.push(p.to_json());
                }
                count += 1;
            }
        }
        (page, count)
    })
    .await;
    match found {
        Ok((page, count)) => envelope(page, count, skip),
        Err(r) => r,
    }
}

const EDITABLE: [&str; 9] = [
    "email",
    "avatar_url",
    "gender",
    "first_name",
    "last_name",
    "language",
    "area_code",
    "phone_number",
    "remark",
];

/// Applies an update body to a contact, or explains what is wrong with it.
fn apply(p: &mut Person, body: &Value) -> Result<(), String> {
    let obj = body.as_object().ok_or("body must be a JSON object")?;
    let mut v: Vec<(&str, String)> = Vec::new();
    for key in EDITABLE {
        match obj.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => v.push((key, s.trim().to_string())),
            Some(_) => return Err(format!("{key} must be a string")),
        }
    }
    for (key, value) in &v {
        match *key {
            "email" if !value.is_empty() && !imbox_model::is_valid_email(value) => {
                return Err(format!("email is not a valid e-mail address: {value:?}"));
            }
            "area_code" | "phone_number" if !value.chars().all(|c| c.is_ascii_digit()) => {
                return Err(format!("{key} must contain digits only: {value:?}"));
            }
            "gender"
                if !matches!(
                    value.to_lowercase().as_str(),
                    "" | "m" | "male" | "f" | "female" | "o" | "other"
                ) =>
            {
                return Err(format!("gender must be one of m, f, o (or Male, Female, Other): {value:?}"));
            }
            _ => {}
        }
    }
    for (key, value) in v {
        let field = match key {
            "email" => &mut p.email,
            "avatar_url" => &mut p.avatar_url,
            "first_name" => &mut p.first_name,
            "last_name" => &mut p.last_name,
            "language" => &mut p.language,
            "area_code" => &mut p.area_code,
            "phone_number" => &mut p.phone_number,
            "remark" => &mut p.remark,
            _ => &mut p.gender,
        };
        *field = if key == "gender" {
            match value.to_lowercase().chars().next() {
                Some('m') => "Male",
                Some('f') => "Female",
                Some('o') => "Other",
                _ => "",
            }
            .to_string()
        } else {
            value
        };
    }
    let full = format!("{} {}", p.first_name, p.last_name).trim().to_string();
    if !full.is_empty() {
        p.display_name = full;
    }
    Ok(())
}

/// `PUT /v1/backend/contacts/{id}`: validates, normalises (gender `m` → `Male`, display name
/// from first and last name), stamps `updated_at` with the real clock and keeps the change.
pub async fn update(State(app): State<Shared>, Path(id): Path<String>, body: Bytes) -> Response {
    let Some(pos) = app.store.data.position(&id) else {
        return error(StatusCode::NOT_FOUND, "Not Found");
    };
    let body: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return error(StatusCode::BAD_REQUEST, &format!("body is not valid JSON: {e}"));
        }
    };
    let mut p = app.store.person(pos);
    if let Err(msg) = apply(&mut p, &body) {
        return error(StatusCode::BAD_REQUEST, &msg);
    }
    p.updated_at = Some(iso(jiff::Timestamp::now().as_millisecond()));
    app.store.save(pos, p.clone());
    let mut out = p.to_json();
    if let Some(m) = out.as_object_mut() {
        m.insert("action".into(), json!("bu.contact_updated"));
    }
    Json(out).into_response()
}

/// `GET /v1/backend/contacts/{id}/comment/{comment_id}`: the contact's comments. The seeds show
/// only an empty list for a pair of ids, so `comment_id` is accepted and not used to filter.
pub async fn comments(State(app): State<Shared>, Path((id, _comment)): Path<(String, String)>) -> Response {
    match comments_of(&app, &id) {
        Ok(list) => Json(json!({ "data": list })).into_response(),
        Err(r) => *r,
    }
}

/// `GET /channel-service/v1/contacts/{id}/comments?skip&limit`: the SDK's list of a contact's
/// comments (no comment id), in the seeds' list envelope.
pub async fn comment_list(
    State(app): State<Shared>,
    Path(id): Path<String>,
    Query(q): Query<Params>,
) -> Response {
    let (limit, skip) = match paging(&q, 10) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    match comments_of(&app, &id) {
        Ok(list) => {
            let count = list.len() as u64;
            envelope(list.into_iter().skip(skip as usize).take(limit as usize).collect(), count, skip)
        }
        Err(r) => *r,
    }
}

/// The comments of contact `id` (generated from the seed), or a 404 response.
fn comments_of(app: &Shared, id: &str) -> Result<Vec<Value>, Box<Response>> {
    let data = &app.store.data;
    let Some(pos) = data.position(id) else {
        return Err(Box::new(error(StatusCode::NOT_FOUND, "Not Found")));
    };
    let x = h(data.seed, tag::COMMENT, u64::from(pos), 0);
    // Hand-placed contacts have none (the seed's TWN#NJ9585 example is empty); one in five
    // generated contacts has one to three.
    let n = if data.special_at(pos).is_some() || !x.is_multiple_of(5) { 0 } else { 1 + (x >> 8) % 3 };
    let created = data.person(pos).created_at;
    Ok((0..n)
        .map(|k| {
            let y = h(data.seed, tag::COMMENT, u64::from(pos), k + 1);
            let (user, name) = AGENTS[(y % AGENTS.len() as u64) as usize];
            let at = (created + (k as i64 + 1) * DAY + (y >> 20) as i64 % (12 * HOUR)).min(data.now - HOUR);
            json!({
                "public_id": random_id("cmc_", y), "contact_id": id,
                "content": COMMENTS[(y >> 8) as usize % COMMENTS.len()],
                "created_by": name, "user_id": user, "created_at": iso(at), "updated_at": iso(at),
            })
        })
        .collect())
}

/// `GET /channel-service/v1/contacts/{id}`: one contact as the list shows it (with any edit).
pub async fn one(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    match app.store.data.position(&id) {
        Some(pos) => Json(app.store.person(pos).to_json()).into_response(),
        None => error(StatusCode::NOT_FOUND, "Not Found"),
    }
}

/// `GET /v1/backend/contact/{id}/files`: the seed's list for TWN#NJ9585, otherwise the image
/// and file messages of the contact's conversations.
pub async fn files(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    let Some(pos) = app.store.data.position(&id) else {
        return error(StatusCode::NOT_FOUND, "Not Found");
    };
    if let Some(v) = app.store.data.special_files(pos) {
        return Json(v.clone()).into_response();
    }
    let scan = app.clone();
    match blocking(move || {
        let d = &scan.store.data;
        let convs = d.conversations(pos, &d.person(pos));
        d.files_of(&convs)
    })
    .await
    {
        Ok(v) => Json(v).into_response(),
        Err(r) => r,
    }
}
