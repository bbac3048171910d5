//! Who is asking for a client's portal data, and whether they may: the
//! [`PortalRequest`] extractor.
//!
//! A handler that shows or changes a client's data takes a `PortalRequest<S>`, where the
//! [`Section`] `S` says which part of the portal it is (its name in the access log), what
//! it needs (a right, the administrator, a contact) and how its items are named. The
//! extractor reads the session, the path and the client, runs every check of
//! [`authorize`](super::authorize) (terms accepted, access state, grace days, suspension)
//! and the section's need, and writes the read or the refusal to the access log before
//! the handler runs, so no data leaves unlogged. An allowed change is logged by the
//! handler in the transaction that makes it ([`PortalRequest::change`]).
//!
//! realworld-axum-sqlx reads the signed-in user with an extractor too; we go one step
//! further and fold the authorisation and its audit entry into it, because a portal
//! read without its access-log entry would break R23.

use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::Method;
use kring_api::{PortalRole, Rights};
use serde::de::DeserializeOwned;

use super::{authorize, PortalGrant};
use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::auth::{Account, SignedIn};
use crate::problem::{ApiError, ApiPath};
use crate::request_guard::ClientAddress;
use crate::state::AppState;

/// What a section needs of the person asking.
#[derive(Clone, Copy, Debug)]
pub enum Need {
    /// A right from the rights list.
    Right(fn(&Rights) -> bool),
    /// The portal's administrator.
    Administrator,
    /// A contact (not the administrator), with any rights or none.
    Contact,
}

impl Need {
    fn admits(self, grant: &PortalGrant) -> bool {
        match self {
            Need::Right(has) => has(&grant.rights),
            Need::Administrator => grant.role == PortalRole::Administrator,
            Need::Contact => grant.role == PortalRole::Contact,
        }
    }
}

/// How a refusal looks: a section says "not yours to do" (403); an item behaves as if it
/// did not exist (404), so ids reveal nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A whole section (a list, the care plan): 403.
    Forbidden,
    /// One item in it: 404.
    NotFound,
}

/// The path parameters of a portal endpoint: the client comes first.
pub trait ClientPath: DeserializeOwned + Send {
    /// The client whose portal the path names.
    fn client_id(&self) -> i64;
}

impl ClientPath for i64 {
    fn client_id(&self) -> i64 {
        *self
    }
}

impl ClientPath for (i64, i64) {
    fn client_id(&self) -> i64 {
        self.0
    }
}

impl ClientPath for (i64, i64, u32) {
    fn client_id(&self) -> i64 {
        self.0
    }
}

/// The query of a portal endpoint, read and checked before access is checked, so a
/// malformed request is refused without an access-log entry (as it reads nothing).
pub trait PortalQuery: Sized + Send {
    /// Reads and checks the query; a wrong one is an `invalid-parameter` problem.
    fn from_parts(parts: &Parts) -> Result<Self, ApiError>;
}

/// An endpoint without query parameters (any sent are ignored).
pub struct NoQuery;

impl PortalQuery for NoQuery {
    fn from_parts(_parts: &Parts) -> Result<Self, ApiError> {
        Ok(NoQuery)
    }
}

/// A part of a client's portal, as one or more endpoints use it.
pub trait Section: Send + Sync + 'static {
    /// The path parameters (the client first, then the item's id if any).
    type Path: ClientPath;
    /// The query parameters.
    type Query: PortalQuery;
    /// The section's name in the access log.
    const NAME: &'static str;
    /// What the person asking needs.
    const NEED: Need;
    /// 403 or 404 when the need is not met.
    const REFUSAL: Refusal = Refusal::Forbidden;
    /// Whether the request is written to the access log. Only the image bytes of a photo
    /// are not: the gallery page that lists them is, once, not once per thumbnail.
    const LOGGED: bool = true;

    /// The item the path names, as the access log shows it.
    fn item(_path: &Self::Path) -> Option<String> {
        None
    }

    /// What the request does, for the access log: by default from its method.
    fn action(parts: &Parts, _query: &Self::Query) -> Action {
        match parts.method {
            Method::POST => Action::Create,
            Method::PUT | Method::PATCH => Action::Update,
            Method::DELETE => Action::Remove,
            _ => Action::Read,
        }
    }
}

/// A request for a client's portal data by someone allowed to make it (see the module
/// documentation). Extracting it refuses everyone else with the right problem.
pub struct PortalRequest<S: Section> {
    /// The signed-in person.
    pub signed_in: SignedIn,
    /// What they may do in this portal.
    pub grant: PortalGrant,
    /// Where the request came from.
    pub address: String,
    /// The path parameters.
    pub path: S::Path,
    /// The query parameters.
    pub query: S::Query,
    section: PhantomData<S>,
}

impl<S: Section> PortalRequest<S> {
    /// The client whose portal this is.
    pub fn client_id(&self) -> i64 {
        self.grant.client_id
    }

    /// The signed-in person's account.
    pub fn account(&self) -> &Account {
        &self.signed_in.account
    }

    /// Whether the person asking is the portal's administrator.
    pub fn is_administrator(&self) -> bool {
        self.grant.role == PortalRole::Administrator
    }

    /// The access-log entry of an allowed change in this section, to be written in the
    /// transaction that makes the change.
    pub fn change(&self, item: Option<String>, action: Action) -> Entry<'_> {
        change_entry(
            &self.signed_in,
            &self.grant,
            S::NAME,
            item,
            action,
            &self.address,
        )
    }
}

/// The access-log entry of an allowed change in a client's portal, for code below the
/// handler that holds the parts of a [`PortalRequest`] rather than the request.
pub fn change_entry<'a>(
    signed_in: &SignedIn,
    grant: &PortalGrant,
    section: &'a str,
    item: Option<String>,
    action: Action,
    address: &'a str,
) -> Entry<'a> {
    Entry {
        actor: grant.actor(&signed_in.account),
        client_id: Some(grant.client_id),
        section,
        item,
        action,
        outcome: Outcome::Allowed,
        detail: None,
        address: Some(address),
    }
}

impl<S: Section> FromRequestParts<AppState> for PortalRequest<S> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        let ApiPath(path) = ApiPath::<S::Path>::from_request_parts(parts, state).await?;
        let Ok(ClientAddress(address)) = ClientAddress::from_request_parts(parts, state).await;
        let query = S::Query::from_parts(parts)?;
        let action = S::action(parts, &query);
        let client_id = path.client_id();
        let item = S::item(&path);
        let grant = enter::<S>(state, &signed_in, client_id, item, action, &address).await?;
        Ok(PortalRequest {
            signed_in,
            grant,
            address,
            path,
            query,
            section: PhantomData,
        })
    }
}

/// Checks access (terms, portal state, need) and logs the attempt. A read is logged
/// here, allowed or refused, before any data is read. A change is logged here only when
/// refused: when allowed, the handler logs it with the change.
async fn enter<S: Section>(
    state: &AppState,
    signed_in: &SignedIn,
    client_id: i64,
    item: Option<String>,
    action: Action,
    address: &str,
) -> Result<PortalGrant, ApiError> {
    let authorized = authorize(state, signed_in, client_id).await;
    // Someone with no access at all to this client (or an id that does not exist) is
    // logged without the client: it is not their data, and the id may not exist.
    let outsider = matches!(authorized, Err(ApiError::NotFound));
    // Someone in the portal without the right is logged in their portal role, so the
    // administrator reads who tried what.
    let mut refused_in_portal = None;
    let result = authorized.and_then(|grant| {
        if S::NEED.admits(&grant) {
            return Ok(grant);
        }
        refused_in_portal = Some(grant.actor(&signed_in.account));
        Err(match S::REFUSAL {
            Refusal::NotFound => ApiError::NotFound,
            Refusal::Forbidden => ApiError::Forbidden,
        })
    });
    let is_change = matches!(action, Action::Create | Action::Update | Action::Remove);
    if !S::LOGGED || (is_change && result.is_ok()) {
        return result;
    }
    let (actor, outcome, detail) = match &result {
        Ok(grant) => (grant.actor(&signed_in.account), Outcome::Allowed, None),
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
            client_id: (!outsider).then_some(client_id),
            section: S::NAME,
            item: if outsider {
                Some(format!("client {client_id}"))
            } else {
                item
            },
            action,
            outcome,
            detail,
            address: Some(address),
        },
    )
    .await?;
    result
}
