//! filled by the API helper
