//! iMBRACE's two gateway layouts and the routes of each.
//!
//! The seeds (000, 002) call `{gateway}/v1/backend/...`; iMBRACE's SDK (1.2 and later) calls the
//! same resources under `{gateway}/channel-service/v1/...` and calls the old backend retired
//! (see `shared/reference/imbrace-notes.md`). A profile picks one, or `auto`: the client then
//! asks the gateway once, on its first request, and keeps the answer for the session
//! ([`super::ImbraceClient::layout`]).
//!
//! The seeds' `/3rd/conversations/...` routes (messages, phone links) have no counterpart in the
//! SDK: both layouts send them to their seed paths.

use std::fmt;
use std::str::FromStr;

/// Which paths a gateway serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// The seeds' `/v1/backend/...` paths.
    Seed,
    /// The SDK's `/channel-service/v1/...` paths (today's gateway, per the SDK).
    ChannelService,
}

impl Layout {
    /// The name used in the config file and on screen (`seed`, `channel-service`).
    pub fn name(self) -> &'static str {
        match self {
            Layout::Seed => "seed",
            Layout::ChannelService => "channel-service",
        }
    }

    /// The routes of this layout.
    pub(crate) fn routes(self) -> &'static Routes {
        match self {
            Layout::Seed => &SEED,
            Layout::ChannelService => &CHANNEL_SERVICE,
        }
    }

    /// The order `auto` asks in: the channel-service layout first, because it is what today's
    /// gateway speaks (the SDK calls the seed backend retired), so one request decides there,
    /// and because a gateway that still answers both should be used through the living one.
    pub const PROBE_ORDER: [Layout; 2] = [Layout::ChannelService, Layout::Seed];
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a profile asks for (`layout = "seed" | "channel-service" | "auto"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum LayoutChoice {
    /// Ask the gateway once at start (the default).
    #[default]
    Auto,
    /// Always this layout, no probe.
    Fixed(Layout),
}

impl LayoutChoice {
    /// The name used in the config file (`auto`, `seed`, `channel-service`).
    pub fn name(self) -> &'static str {
        match self {
            LayoutChoice::Auto => "auto",
            LayoutChoice::Fixed(l) => l.name(),
        }
    }
}

impl FromStr for LayoutChoice {
    type Err = String;

    /// Parses `auto`, `seed` (also `backend`, `v1`) or `channel-service` (also `channel_service`,
    /// `sdk`), ignoring case.
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(LayoutChoice::Auto),
            "seed" | "backend" | "v1" => Ok(LayoutChoice::Fixed(Layout::Seed)),
            "channel-service" | "channel_service" | "sdk" => Ok(LayoutChoice::Fixed(Layout::ChannelService)),
            _ => Err("expected \"auto\", \"seed\" or \"channel-service\"".into()),
        }
    }
}

/// The route templates of one layout: the endpoint labels errors and logs name (`GET
/// /v1/backend/contacts`), and the path prefix of the contact and notification resources.
#[derive(Debug)]
pub(crate) struct Routes {
    /// `/v1/backend` or `/channel-service/v1`.
    pub prefix: &'static str,
    pub contacts: &'static str,
    pub contact: &'static str,
    pub contact_conversations: &'static str,
    pub search: &'static str,
    pub update_contact: &'static str,
    pub notifications: &'static str,
    pub notifications_read: &'static str,
    pub notifications_dismiss: &'static str,
    pub notifications_dismiss_all: &'static str,
    pub comments: &'static str,
    pub upload: &'static str,
    pub files: &'static str,
}

/// Seeds 000 and 002. Their endpoint lines say `/v1/backend/notifications/...`, not the
/// `/v1/notifications/...` of some curl examples. `contact` (one contact by id) has no seed: the
/// label is never used on this layout.
const SEED: Routes = Routes {
    prefix: "/v1/backend",
    contacts: "GET /v1/backend/contacts",
    contact: "GET /v1/backend/contacts/{contact_id}",
    contact_conversations: "GET /v1/backend/contacts/{contact_id}/conversations",
    search: "GET /v1/backend/contacts/_search",
    update_contact: "PUT /v1/backend/contacts/{contact_id}",
    notifications: "GET /v1/backend/notifications",
    notifications_read: "PUT /v1/backend/notifications/read",
    notifications_dismiss: "DELETE /v1/backend/notifications/dismiss",
    notifications_dismiss_all: "DELETE /v1/backend/notifications/dismiss/all",
    comments: "GET /v1/backend/contacts/{contact_id}/comment/{comment_id}",
    upload: "POST /v1/backend/contacts/_fileupload",
    files: "GET /v1/backend/contact/{contact_id}/files",
};

/// The SDK's paths, the seeds' mapped one to one (imbrace-notes.md), plus one contact by id and a
/// contact's comments without a comment id.
const CHANNEL_SERVICE: Routes = Routes {
    prefix: "/channel-service/v1",
    contacts: "GET /channel-service/v1/contacts",
    contact: "GET /channel-service/v1/contacts/{contact_id}",
    contact_conversations: "GET /channel-service/v1/contacts/{contact_id}/conversations",
    search: "GET /channel-service/v1/contacts/_search",
    update_contact: "PUT /channel-service/v1/contacts/{contact_id}",
    notifications: "GET /channel-service/v1/notifications",
    notifications_read: "PUT /channel-service/v1/notifications/read",
    notifications_dismiss: "DELETE /channel-service/v1/notifications/dismiss",
    notifications_dismiss_all: "DELETE /channel-service/v1/notifications/dismiss/all",
    comments: "GET /channel-service/v1/contacts/{contact_id}/comments",
    upload: "POST /channel-service/v1/contacts/_fileupload",
    files: "GET /channel-service/v1/contact/{contact_id}/files",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_starts_with_its_prefix() {
        for layout in Layout::PROBE_ORDER {
            let r = layout.routes();
            for label in [
                r.contacts,
                r.contact,
                r.contact_conversations,
                r.search,
                r.update_contact,
                r.notifications,
                r.notifications_read,
                r.notifications_dismiss,
                r.notifications_dismiss_all,
                r.comments,
                r.upload,
                r.files,
            ] {
                let path = label.split_once(' ').unwrap().1;
                assert!(path.starts_with(r.prefix), "{label}");
            }
        }
    }

    #[test]
    fn choices_parse() {
        assert_eq!("auto".parse::<LayoutChoice>(), Ok(LayoutChoice::Auto));
        assert_eq!("Seed".parse::<LayoutChoice>(), Ok(LayoutChoice::Fixed(Layout::Seed)));
        assert_eq!(
            "channel-service".parse::<LayoutChoice>(),
            Ok(LayoutChoice::Fixed(Layout::ChannelService))
        );
        assert!("v2".parse::<LayoutChoice>().is_err());
    }
}
