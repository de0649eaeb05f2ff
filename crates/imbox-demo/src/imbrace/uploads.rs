//! File upload and the download of uploaded files.

use super::MAX_UPLOAD;
use crate::data::store::Upload;
use crate::faults::error;
use crate::shared::Shared;
use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

fn too_large() -> Response {
    error(StatusCode::PAYLOAD_TOO_LARGE, "file is larger than the 10 MB upload limit")
}

/// `POST /v1/backend/contacts/_fileupload`, multipart field `file`: keeps the bytes in memory
/// and answers `{"url": "<base>/files/file_<random>.<ext>"}`.
pub async fn upload(State(app): State<Shared>, form: Result<Multipart, MultipartRejection>) -> Response {
    let mut form = match form {
        Ok(f) => f,
        Err(e) => {
            return error(StatusCode::BAD_REQUEST, &format!("expected a multipart/form-data body: {e}"));
        }
    };
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(),
            Err(e) => {
                return error(StatusCode::BAD_REQUEST, &format!("malformed multipart body: {e}"));
            }
        };
        if field.name() != Some("file") {
            continue;
        }
        let ext: String = field
            .file_name()
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| {
                e.chars().filter(char::is_ascii_alphanumeric).take(12).collect::<String>().to_lowercase()
            })
            .filter(|e| !e.is_empty())
            .unwrap_or_else(|| "bin".into());
        let content_type = field.content_type().unwrap_or("application/octet-stream").to_string();
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(),
            Err(e) => {
                return error(StatusCode::BAD_REQUEST, &format!("could not read the file: {e}"));
            }
        };
        if bytes.len() > MAX_UPLOAD {
            return too_large();
        }
        let name = app.store.upload(&ext, Upload { content_type, bytes: bytes.to_vec() });
        return Json(json!({ "url": format!("{}/files/{name}", app.base_url) })).into_response();
    }
    error(StatusCode::BAD_REQUEST, "file is required (multipart field \"file\")")
}

/// `GET /files/{name}`: an uploaded file, public like the real S3 URLs.
pub async fn download(State(app): State<Shared>, Path(name): Path<String>) -> Response {
    let Some(up) = app.store.uploaded(&name) else {
        return error(StatusCode::NOT_FOUND, "Not Found");
    };
    let mut r = up.bytes.into_response();
    if let Ok(v) = HeaderValue::from_str(&up.content_type) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r
}
