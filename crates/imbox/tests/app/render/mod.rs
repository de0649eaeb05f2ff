//! Frames drawn from states, at 140x40 and 80x24, compared with snapshots; hostile text through
//! the real wire types; the lean terminal backend against ratatui's.

mod acts;
mod compose;
mod form;
mod gateway;
mod help;
mod hostile;
mod inbox;
mod lean_backend;
mod links;
mod live;
mod mono;
mod notifications;
mod panes;
mod people;
mod props;
mod search;
mod smsrcs;
