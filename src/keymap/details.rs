//! Key bindings of the contact details overlay.

use super::Binding;

/// The bindings of the contact details overlay.
pub static BINDINGS: &[Binding] = &[];
