//! Jobs run by the worker against the embedded demo server over real HTTP, their results fed
//! back through `update`: contact files, drafts and saves; faults and what the screen shows;
//! notifications; search; the in-app re-login.

mod acts;
mod cache;
mod compose;
mod contact;
mod faults;
mod notifications;
mod opened;
mod relogin;
mod search;
