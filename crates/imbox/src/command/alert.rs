//! Delivering an alert outside the terminal: the desktop notification, run by
//! `effects/alert.rs`. Terminal notifications (OSC 777, OSC 9, the bell) are not commands: the
//! state keeps their bytes and the loop writes them between frames.

use crate::action::alert::AlertNote;

/// A way to deliver an alert; an account has a list of them, tried in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertChannel {
    /// A desktop notification (notify-rust: D-Bus on Linux and BSD, the native path on macOS).
    Desktop,
    /// `ESC ] 777 ; notify ; title ; body ESC \`.
    Osc777,
    /// `ESC ] 9 ; text ESC \`.
    Osc9,
    /// The bell (BEL).
    Bell,
}

/// Alert deliveries the worker runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlertCommand {
    /// Show a desktop notification; a failure answers `AlertAction::DesktopFailed`.
    Desktop(AlertNote),
}
