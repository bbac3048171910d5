//! The checks in front of every dossier endpoint, with their access-log entry.

use kring_api::{PortalRole, Rights};

use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::auth::SignedIn;
use crate::portals::{authorize, PortalGrant};
use crate::problem::ApiError;
use crate::state::AppState;

/// What a section needs.
#[derive(Clone, Copy, Debug)]
pub enum Need {
    /// A right from the rights list.
    Right(fn(&Rights) -> bool),
    /// The portal's administrator.
    Administrator,
    /// A contact (not the administrator), with any rights or none.
    Contact,
}

/// How a refusal looks: a section says "not yours to do" (403); an item behaves as if it
/// did not exist (404), so ids reveal nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// A whole section (a list, the care plan).
    Section,
    /// One item in it.
    Item,
}

/// A request for dossier data, described for the access log.
pub struct Request<'a> {
    /// The client.
    pub client_id: i64,
    /// Which part.
    pub section: &'a str,
    /// Which item.
    pub item: Option<String>,
    /// What is done.
    pub action: Action,
    /// What it needs.
    pub need: Need,
    /// Section or item.
    pub scope: Scope,
    /// The request's address.
    pub address: &'a str,
}

/// Checks access (terms, portal state, right) and logs the attempt. A read is logged
/// here, allowed or refused, before any data is read, so no data leaves unlogged. A
/// change is logged here only when refused: when allowed, the handler logs it in the
/// transaction that makes the change (see [`change_entry`]).
pub async fn enter(
    state: &AppState,
    signed_in: &SignedIn,
    request: Request<'_>,
) -> Result<PortalGrant, ApiError> {
    let authorized = authorize(state, signed_in, request.client_id).await;
    // Someone with no access at all to this client (or an id that does not exist) is
    // logged without the client: it is not their data, and the id may not exist.
    let outsider = matches!(authorized, Err(ApiError::NotFound));
    // Someone in the portal without the right is logged in their portal role, so the
    // administrator reads who tried what.
    let mut refused_in_portal = None;
    let result = authorized.and_then(|grant| {
        let allowed = match request.need {
            Need::Right(has) => has(&grant.rights),
            Need::Administrator => grant.role == PortalRole::Administrator,
            Need::Contact => grant.role == PortalRole::Contact,
        };
        if allowed {
            return Ok(grant);
        }
        refused_in_portal = Some(Actor::in_portal(&signed_in.account, &grant));
        Err(if request.scope == Scope::Item {
            ApiError::NotFound
        } else {
            ApiError::Forbidden
        })
    });
    let is_change = matches!(
        request.action,
        Action::Create | Action::Update | Action::Remove
    );
    if is_change && result.is_ok() {
        return result;
    }
    let (actor, outcome, detail) = match &result {
        Ok(grant) => (
            Actor::in_portal(&signed_in.account, grant),
            Outcome::Allowed,
            None,
        ),
        Err(error) => (
            refused_in_portal.unwrap_or_else(|| Actor::account(&signed_in.account)),
            Outcome::Refused,
            Some(error.code().as_str()),
        ),
    };
    access_log::append(
        state,
        Entry {
            actor,
            client_id: (!outsider).then_some(request.client_id),
            section: request.section,
            item: if outsider {
                Some(format!("client {}", request.client_id))
            } else {
                request.item
            },
            action: request.action,
            outcome,
            detail,
            address: Some(request.address),
        },
    )
    .await?;
    result
}

/// The entry for an allowed change in the client's portal.
pub fn change_entry<'a>(
    signed_in: &SignedIn,
    grant: &PortalGrant,
    section: &'a str,
    item: Option<String>,
    action: Action,
    address: &'a str,
) -> Entry<'a> {
    Entry {
        actor: Actor::in_portal(&signed_in.account, grant),
        client_id: Some(grant.client_id),
        section,
        item,
        action,
        outcome: Outcome::Allowed,
        detail: None,
        address: Some(address),
    }
}
