//! A token that never shows itself: Debug and Display print `[redacted]`.

use std::fmt;

/// An access token. The only way to read it is [`Secret::expose`], used where the header is built.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Secret(token.into())
    }

    /// The token itself, for the one place that puts it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Appends a typed character (the re-login prompt builds the token in place).
    pub fn push(&mut self, c: char) {
        self.0.push(c);
    }

    /// Removes the last character, if any.
    pub fn pop(&mut self) {
        self.0.pop();
    }

    /// How many characters the token has (the prompt draws one `•` each).
    pub fn char_count(&self) -> usize {
        self.0.chars().count()
    }

    /// Whether the token is empty (no account configured).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_token() {
        let s = Secret::new("acc_very_secret");
        assert!(!format!("{s:?} {s}").contains("very_secret"));
        assert_eq!(s.expose(), "acc_very_secret");
    }
}
