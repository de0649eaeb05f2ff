//! What the status line says besides the hints, and for how long: an error (✖) until a few
//! keys or seconds have passed, a notice (✔ / ⓘ) until the next key or a few seconds.
//!
//! The status line is where the key hints live, so nothing may cover them for long: a lasting
//! problem with the connection is in the header (OFFLINE, TOKEN REJECTED) and in the panes,
//! not here. And an error offers `R retry` only when asking again can help — a feature the
//! backend lacks is a notice, never an error (`State::note_error`).
//!
//! The state never reads the clock: the age is measured against the ticks' `now`, and the
//! keys are counted by [`State::input`], the entry the loop uses for key presses.

use super::State;
use imbox_api::ApiError;
use jiff::{SignedDuration, Timestamp};

/// How long an error holds the status line before the hints come back.
pub const ERROR_HOLD: SignedDuration = SignedDuration::from_secs(8);
/// Keys after the one that caused it before an error yields to the hints.
pub const ERROR_KEYS: u32 = 3;
/// How long a notice stays when no key is pressed.
pub const NOTICE_HOLD: SignedDuration = SignedDuration::from_secs(4);

/// The age of the status line's error and notice.
#[derive(Debug, Clone, Default)]
pub struct StatusAge {
    /// The error this age is about (a new text starts a new age).
    error: Option<String>,
    /// When it was first seen.
    error_since: Option<Timestamp>,
    /// Keys pressed while it was shown.
    keys: u32,
    /// It has yielded to the hints (it stays in `last_error` for the panes that show it).
    faded: bool,
    /// The error text that asking again may mend (a network or server failure).
    retryable: Option<String>,
    /// The notice this age is about, and when it was first seen.
    notice: Option<(String, Timestamp)>,
    /// Notices shown so far: the same text shown again (the same key pressed twice) is new.
    notices: u64,
}

/// Whether asking again may succeed where `e` failed: not for a feature the backend lacks, a
/// request the server refused as wrong, or a record it does not have.
pub fn retry_helps(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Network { .. }
            | ApiError::Timeout { .. }
            | ApiError::Server { .. }
            | ApiError::RateLimited { .. }
            | ApiError::Decode { .. }
            | ApiError::Internal(_)
    )
}

impl State {
    /// The error the status line shows now, if any (a faded one yields to the hints).
    pub fn error_shown(&self) -> Option<&str> {
        let err = self.last_error.as_deref()?;
        let same = self.status_age.error.as_deref() == Some(err);
        (!same || !self.status_age.faded).then_some(err)
    }

    /// Whether the error shown may be mended by asking again (`R retry`).
    pub fn error_retryable(&self) -> bool {
        self.last_error.is_some() && self.status_age.retryable == self.last_error
    }

    /// Shows a notice ("ⓘ …") that fades on the next key or after [`NOTICE_HOLD`]; for what
    /// the user can do nothing about here (a missing feature, nothing selected).
    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.set_notice(format!("ⓘ {}", text.into()));
    }

    /// Puts `text` in the status line as a new notice.
    pub(crate) fn set_notice(&mut self, text: String) {
        self.notice = Some(text);
        self.status_age.notices += 1;
        self.dirty = true;
    }

    /// Remembers `e` for the status line: a feature the backend lacks becomes a notice, the
    /// rest an error, offering `R retry` only where asking again can help. Returns the text.
    pub(crate) fn note_failure(&mut self, text: String, e: &ApiError) -> String {
        if matches!(e, ApiError::Unsupported { .. }) {
            self.info(text.clone());
            return text;
        }
        if retry_helps(e) {
            self.status_age.retryable = Some(text.clone());
        }
        self.last_error = Some(text.clone());
        text
    }

    /// What the status line says before a key: its error and which notice.
    pub(super) fn status_before_key(&self) -> (Option<String>, u64) {
        (self.last_error.clone(), self.status_age.notices)
    }

    /// A key was handled: an error shown since before it counts one more key, a notice shown
    /// since before it goes. `before` is [`State::status_before_key`].
    pub(super) fn status_after_key(&mut self, before: (Option<String>, u64)) {
        let (error, notices) = before;
        self.sync_status_age();
        if error.is_some() && error == self.last_error && !self.status_age.faded {
            self.status_age.keys += 1;
            if self.status_age.keys >= ERROR_KEYS {
                self.status_age.faded = true;
                self.dirty = true;
            }
        }
        if self.notice.is_some() && notices == self.status_age.notices {
            self.notice = None;
            self.status_age.notice = None;
            self.dirty = true;
        }
    }

    /// On every tick: errors and notices older than their hold fade.
    pub(super) fn status_tick(&mut self) {
        self.sync_status_age();
        let now = self.now;
        let age = &mut self.status_age;
        if let Some(since) = age.error_since
            && !age.faded
            && now.duration_since(since) >= ERROR_HOLD
        {
            age.faded = true;
            self.dirty = true;
        }
        if let Some((_, since)) = &age.notice
            && now.duration_since(*since) >= NOTICE_HOLD
        {
            age.notice = None;
            self.notice = None;
            self.dirty = true;
        }
    }

    /// Starts a new age for an error or notice not seen before.
    fn sync_status_age(&mut self) {
        let now = self.now;
        let age = &mut self.status_age;
        if age.error != self.last_error {
            age.error = self.last_error.clone();
            age.error_since = self.last_error.as_ref().map(|_| now);
            age.keys = 0;
            age.faded = false;
            if age.retryable != self.last_error {
                age.retryable = None;
            }
        }
        let seen = age.notice.as_ref().map(|(t, _)| t);
        if seen != self.notice.as_ref() {
            age.notice = self.notice.clone().map(|t| (t, now));
        }
    }
}
