//! Request and response helpers with Rails' manners: `to_i` parsing, `params[:page] || 1`,
//! the real error bodies, empty `head :ok` answers.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

pub(crate) use crate::http::{Params, param};

/// Ruby's `String#to_i`: optional sign and leading digits, anything else 0.
pub fn to_i(s: &str) -> i64 {
    let s = s.trim_start();
    let (neg, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).take(18).collect();
    let n = digits.parse::<i64>().unwrap_or(0);
    if neg { -n } else { n }
}

/// Kaminari's page number: `page` as an integer, 1 when absent or below 1.
pub fn page(q: &Params) -> usize {
    param(q, "page").map(to_i).filter(|p| *p >= 1).map_or(1, |p| p.min(1_000_000) as usize)
}

/// `params[:page] || 1`: the page exactly as sent (a string), or the integer 1.
pub fn current_page(q: &Params) -> Value {
    param(q, "page").map_or(json!(1), |p| json!(p))
}

/// 200 with a JSON body.
pub fn ok(v: Value) -> Response {
    Json(v).into_response()
}

/// `head :ok`: 200 with an empty body.
pub fn empty() -> Response {
    StatusCode::OK.into_response()
}

/// 404 `{"error":"Resource could not be found"}`.
pub fn not_found() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({"error": "Resource could not be found"}))).into_response()
}

/// 401 with `{"error": …}`.
pub fn unauthorized(message: &str) -> Response {
    (StatusCode::UNAUTHORIZED, Json(json!({ "error": message }))).into_response()
}

/// 401 from devise when no token was sent.
pub fn sign_in() -> Response {
    (StatusCode::UNAUTHORIZED, Json(json!({"errors": ["You need to sign in or sign up before continuing."]})))
        .into_response()
}

/// 422 for a failed validation: the full messages joined, and the attributes.
pub fn invalid(errors: &[(&str, String)]) -> Response {
    let message: Vec<&str> = errors.iter().map(|e| e.1.as_str()).collect();
    let mut attributes: Vec<&str> = Vec::new();
    for (a, _) in errors {
        if !attributes.contains(a) {
            attributes.push(a);
        }
    }
    (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"message": message.join(", "), "attributes": attributes})))
        .into_response()
}

/// Rails' `params`: the JSON body's fields over the query string's. A body that is not a JSON
/// object is a 400, as Rails answers a parse error.
pub fn params_with_body(q: &Params, body: &[u8]) -> Result<Map<String, Value>, Box<Response>> {
    let mut out: Map<String, Value> = q.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(out);
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => {
            out.extend(m);
            Ok(out)
        }
        _ => Err(Box::new(
            (StatusCode::BAD_REQUEST, Json(json!({"error": "There was an error parsing the request body"})))
                .into_response(),
        )),
    }
}

/// Rails' `params` as an extractor: the JSON body's fields over the query string's (see
/// [`params_with_body`]); a body that is not a JSON object is answered with the 400 before the
/// handler runs.
pub struct RailsParams(pub Map<String, Value>);

impl<S: Send + Sync> axum::extract::FromRequest<S> for RailsParams {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Response> {
        use axum::extract::FromRequestParts;
        let (mut parts, body) = req.into_parts();
        let axum::extract::Query(q) = axum::extract::Query::<Params>::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let req = axum::extract::Request::from_parts(parts, body);
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(IntoResponse::into_response)?;
        params_with_body(&q, &bytes).map(RailsParams).map_err(|r| *r)
    }
}

#[cfg(test)]
mod tests {
    use super::to_i;

    #[test]
    fn to_i_reads_like_ruby() {
        assert_eq!(to_i("61"), 61);
        assert_eq!(to_i(" 61abc"), 61);
        assert_eq!(to_i("abc"), 0);
        assert_eq!(to_i("-3"), -3);
        assert_eq!(to_i(""), 0);
    }
}
