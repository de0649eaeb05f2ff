//! The embedded demo server (filled by the demo helper).
