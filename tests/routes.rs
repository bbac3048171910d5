//! The links of `app::routes` match the router's patterns, which are made of the same
//! constants: a link to a client's page reaches that page with that client's id.

#![cfg(target_arch = "wasm32")]

use kring::app::routes::{self, portal, staff};
use kring::portal_scope::ClientId;
use leptos_router::{ParamSegment, PossibleRouteMatch, StaticSegment};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Whether `pattern` matches all of `link`, with `client_id` = 42 when it has one.
fn matches(pattern: impl PossibleRouteMatch, link: &str) -> bool {
    pattern.test(link).is_some_and(|m| {
        let complete = m.remaining().is_empty();
        let params = m.params();
        let client = params
            .iter()
            .find(|(name, _)| name == routes::CLIENT_ID)
            .map(|(_, value)| value.as_str());
        complete && client.is_none_or(|c| c == "42")
    })
}

const CLIENT: ClientId = ClientId(42);

#[wasm_bindgen_test]
fn portal_links_match_their_patterns() {
    let shell = (
        StaticSegment(routes::PORTAL),
        ParamSegment(routes::CLIENT_ID),
    );
    assert!(matches(shell, &routes::portal(CLIENT)));
    for (page, link) in [
        (portal::CARE_PLAN, routes::care_plan(CLIENT)),
        (portal::REPORTS, routes::reports(CLIENT)),
        (
            portal::CORRECTION_REQUESTS,
            routes::correction_requests(CLIENT),
        ),
        (portal::ACCESS_LOG, routes::access_log(CLIENT)),
        (portal::NETWORK, routes::network(CLIENT)),
        (portal::NOTES, routes::notes(CLIENT)),
        (portal::PHOTOS, routes::photos(CLIENT)),
    ] {
        assert!(matches((shell, StaticSegment(page)), &link), "{link}");
    }
    for (section, page, link) in [
        (
            portal::CORRECTION_REQUESTS,
            portal::NEW_CORRECTION,
            routes::new_correction(CLIENT),
        ),
        (portal::NETWORK, portal::INVITE, routes::invite(CLIENT)),
        (
            portal::PHOTOS,
            portal::PHOTO_UPLOAD,
            routes::photo_upload(CLIENT),
        ),
    ] {
        let pattern = (shell, StaticSegment(section), StaticSegment(page));
        assert!(matches(pattern, &link), "{link}");
    }
}

#[wasm_bindgen_test]
fn staff_links_match_their_patterns() {
    let shell = (
        StaticSegment(routes::STAFF),
        StaticSegment(staff::CLIENT),
        ParamSegment(routes::CLIENT_ID),
    );
    assert!(matches(shell, &routes::staff_client(CLIENT)));
    for (page, link) in [
        (staff::ACCESS, routes::staff_access(CLIENT)),
        (staff::RELATION_END, routes::staff_relation_end(CLIENT)),
        (staff::REPORTS, routes::staff_reports(CLIENT)),
        (staff::CARE_PLAN, routes::staff_care_plan(CLIENT)),
        (staff::REGISTRATION, routes::staff_registration(CLIENT)),
    ] {
        assert!(matches((shell, StaticSegment(page)), &link), "{link}");
    }
    for (page, link) in [
        (staff::MODERATION, routes::staff_moderation()),
        (staff::CORRECTIONS, routes::staff_corrections()),
        (staff::PHOTOS, routes::staff_photos()),
        (staff::TERMS, routes::staff_terms()),
        (staff::REGISTER, routes::staff_register()),
        (staff::TEAMS, routes::staff_teams()),
        (staff::MEMBERS, routes::staff_members()),
        (staff::IMPORT, routes::staff_import()),
    ] {
        let pattern = (StaticSegment(routes::STAFF), StaticSegment(page));
        assert!(matches(pattern, &link), "{link}");
    }
}

#[wasm_bindgen_test]
fn a_terms_version_link_matches_its_pattern() {
    let pattern = (
        StaticSegment(routes::TERMS),
        ParamSegment(routes::TERMS_VERSION),
    );
    assert!(matches(pattern, &routes::terms_version(3)));
}
