//! Key bindings of the notification centre.

use super::Binding;

/// The bindings of the notification centre.
pub static BINDINGS: &[Binding] = &[];
