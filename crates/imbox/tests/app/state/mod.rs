//! `State::update` driven by actions, checked on the state and the commands it returns.

mod acts;
mod alerts;
mod cached;
mod clip;
mod compose;
mod core;
mod find;
mod form;
mod inbox;
mod live;
mod newer;
mod notifications;
mod poll;
mod prefetch;
mod search;
mod status;
mod unread;
