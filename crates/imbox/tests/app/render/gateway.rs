//! The header names the iMBRACE gateway layout in use: "auto: not asked yet" before the first
//! request, the layout found after it (the account's client, against the real demo), and
//! nothing where the room is needed for the markers and the badge.

use crate::common::screen;
use imbox::accounts::{Endpoint, account_for, build_backend};
use imbox::state::State;
use imbox_api::imbrace::{Layout, LayoutChoice};
use imbox_api::{Backend, BackendKind, Secret};
use imbox_demo::{DemoConfig, ImbraceLayout, spawn};

fn header(s: &State) -> String {
    screen(s).lines().next().unwrap_or_default().to_string()
}

fn endpoint(base: &str, token: &str, layout: LayoutChoice) -> Endpoint {
    Endpoint {
        kind: BackendKind::Imbrace,
        base_url: base.to_string(),
        token: Secret::new(token),
        account_id: None,
        hyphenated_header: false,
        api_login: None,
        simulation_mode: false,
        layout,
        organization_id: Some("org_imbrace".into()),
    }
}

#[tokio::test]
async fn the_header_names_the_layout_auto_found_and_gives_way_when_narrow() {
    for (served, found) in [(ImbraceLayout::ChannelService, "channel-service"), (ImbraceLayout::Seed, "seed")]
    {
        let server = spawn(DemoConfig { imbrace_layout: served, ..DemoConfig::default() }).await.unwrap();
        let backend =
            build_backend(&endpoint(&server.base_url(), server.token(), LayoutChoice::Auto)).unwrap();
        let mut s =
            State::new(account_for(&backend, "work", false), crate::common::now(), jiff::tz::TimeZone::UTC);
        s.update(imbox::action::Action::Resize(140, 40));
        assert!(header(&s).contains("work · iMBRACE 127.0.0.1:"), "{}", header(&s));
        assert!(header(&s).contains(" · auto: not asked yet "), "{}", header(&s));
        backend.contacts(5, 0).await.unwrap();
        assert!(header(&s).contains(&format!(" · {found} (auto) ")), "{}", header(&s));
        assert_eq!(backend.capabilities().contact_by_id, found == "channel-service");
        s.update(imbox::action::Action::Resize(80, 24));
        let narrow = header(&s);
        assert!(!narrow.contains("(auto)") && narrow.contains("work"), "{narrow}");
    }
}

#[tokio::test]
async fn a_fixed_layout_is_named_without_asking() {
    let backend =
        build_backend(&endpoint("http://127.0.0.1:9", "t", LayoutChoice::Fixed(Layout::ChannelService)))
            .unwrap();
    let mut s = State::new(account_for(&backend, "", false), crate::common::now(), jiff::tz::TimeZone::UTC);
    s.update(imbox::action::Action::Resize(140, 40));
    assert!(header(&s).contains("iMBRACE · 127.0.0.1:9 · channel-service "), "{}", header(&s));
}
