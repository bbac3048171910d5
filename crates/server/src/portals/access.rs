//! Deciding, at every request, whether an account may use a portal.

use chrono::{Duration, NaiveDate};
use kring_api::{AccessRole, PortalRole, PortalState, PortalSummary, Rights, TermsStatus};

use crate::access_log::Actor;
use crate::auth::{Account, SignedIn};
use crate::db::Pool;
use crate::problem::ApiError;
use crate::state::AppState;

/// What an account may do in one portal, once every check passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortalGrant {
    /// The client whose portal it is.
    pub client_id: i64,
    /// The client's name.
    pub client_name: String,
    /// Administrator or contact.
    pub role: PortalRole,
    /// The rights.
    pub rights: Rights,
    /// An administrator who is the client's legal representative.
    pub representative: bool,
}

impl PortalGrant {
    /// The person acting in this portal, as the access log names them.
    pub fn actor(&self, account: &Account) -> Actor {
        let role = match (self.role, self.representative) {
            (kring_api::PortalRole::Administrator, true) => AccessRole::Representative,
            (kring_api::PortalRole::Administrator, false) => AccessRole::Administrator,
            (kring_api::PortalRole::Contact, _) => AccessRole::Contact,
        };
        Actor {
            account_id: Some(account.id),
            name: account.display_name.clone(),
            role,
            on_behalf_of: (role == AccessRole::Representative).then(|| self.client_name.clone()),
        }
    }
}

#[derive(sqlx::FromRow)]
struct AccessRow {
    client_id: i64,
    first_name: String,
    family_name: String,
    role: String,
    relation: String,
    status: String,
    can_view_care_plan: bool,
    can_view_reports: bool,
    can_view_photos: bool,
    can_add_photos: bool,
    can_view_notes: bool,
    can_add_notes: bool,
    care_relation_end: Option<NaiveDate>,
    deceased_on: Option<NaiveDate>,
    portal_suspended_at: Option<chrono::DateTime<chrono::Utc>>,
    portal_suspended_reason: Option<String>,
    portal_ended_at: Option<chrono::DateTime<chrono::Utc>>,
    access_grace_days: i64,
}

const ACCESS_QUERY: &str =
    "SELECT pa.client_id, c.first_name, c.family_name, pa.role, pa.relation, pa.status, \
     pa.can_view_care_plan, pa.can_view_reports, pa.can_view_photos, pa.can_add_photos, \
     pa.can_view_notes, pa.can_add_notes, c.care_relation_end, c.deceased_on, \
     c.portal_suspended_at, c.portal_suspended_reason, c.portal_ended_at, o.access_grace_days \
     FROM portal_access pa JOIN clients c ON c.id = pa.client_id \
     JOIN organisations o ON o.id = c.organisation_id \
     WHERE pa.account_id = $1 AND c.organisation_id = $2 AND pa.status <> 'invited'";

/// Why a portal cannot be used, if it cannot.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Blocked {
    PortalEnded,
    AccessEnded,
    Suspended(String),
}

/// The last day before access ends after the care relation ended or the client died:
/// access ends `grace_days` after the earlier of the two dates (R4).
pub fn access_ends_on(
    relation_end: Option<NaiveDate>,
    deceased_on: Option<NaiveDate>,
    grace_days: i64,
) -> Option<NaiveDate> {
    let end = match (relation_end, deceased_on) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }?;
    Some(end + Duration::days(grace_days))
}

impl AccessRow {
    fn blocked(&self, today: NaiveDate) -> Option<Blocked> {
        if self.portal_ended_at.is_some() {
            return Some(Blocked::PortalEnded);
        }
        let care_over = access_ends_on(
            self.care_relation_end,
            self.deceased_on,
            self.access_grace_days,
        )
        .is_some_and(|ends_on| today >= ends_on);
        if care_over || self.status != "active" {
            return Some(Blocked::AccessEnded);
        }
        if self.portal_suspended_at.is_some() {
            return Some(Blocked::Suspended(
                self.portal_suspended_reason.clone().unwrap_or_default(),
            ));
        }
        None
    }

    fn role(&self) -> PortalRole {
        if self.role == "administrator" {
            PortalRole::Administrator
        } else {
            PortalRole::Contact
        }
    }

    fn rights(&self) -> Rights {
        match self.role() {
            PortalRole::Administrator => Rights::ALL,
            PortalRole::Contact => Rights {
                care_plan: self.can_view_care_plan,
                reports: self.can_view_reports,
                photos_view: self.can_view_photos,
                photos_add: self.can_add_photos,
                notes_view: self.can_view_notes,
                notes_add: self.can_add_notes,
            },
        }
    }

    fn summary(&self, today: NaiveDate) -> PortalSummary {
        let (state, state_reason) = match self.blocked(today) {
            None => (PortalState::Active, None),
            Some(Blocked::Suspended(reason)) => (PortalState::Suspended, Some(reason)),
            Some(_) => (PortalState::Ended, None),
        };
        PortalSummary {
            client_id: self.client_id,
            client_name: format!("{} {}", self.first_name, self.family_name),
            role: self.role(),
            relation: self.relation.clone(),
            rights: self.rights(),
            state,
            state_reason,
        }
    }
}

/// Every portal of an account (activated ones), with its state today.
pub async fn list_for_account(
    db: &Pool,
    organisation_id: i64,
    account_id: i64,
    today: NaiveDate,
) -> Result<Vec<PortalSummary>, ApiError> {
    let rows: Vec<AccessRow> =
        sqlx::query_as(&format!("{ACCESS_QUERY} ORDER BY c.first_name, c.id"))
            .bind(account_id)
            .bind(organisation_id)
            .fetch_all(db)
            .await?;
    Ok(rows.iter().map(|row| row.summary(today)).collect())
}

/// The terms in force and whether an account accepted them.
pub async fn terms_status(
    db: &Pool,
    organisation_id: i64,
    account_id: i64,
    today: NaiveDate,
) -> Result<TermsStatus, ApiError> {
    let current = crate::organisation::current_terms_version(db, organisation_id, today).await?;
    let accepted_version: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(t.version) FROM terms_acceptances ta JOIN terms_versions t ON t.id = ta.terms_version_id \
         WHERE ta.account_id = $1 AND t.organisation_id = $2",
    )
    .bind(account_id)
    .bind(organisation_id)
    .fetch_one(db)
    .await?;
    let accepted_version = accepted_version.and_then(|v| u32::try_from(v).ok());
    Ok(TermsStatus {
        current_version: current,
        accepted_version,
        accepted: match current {
            None => true,
            Some(current) => accepted_version.is_some_and(|v| v >= current),
        },
    })
}

/// The checks every portal-data endpoint makes, in this order: the terms in force are
/// accepted; the account has access to this client's portal (otherwise: not found, so
/// someone else's id reveals nothing); the portal is not ended; care has not ended
/// longer than the grace days ago; the access is active; the portal is not suspended.
pub async fn authorize(
    state: &AppState,
    signed_in: &SignedIn,
    client_id: i64,
) -> Result<PortalGrant, ApiError> {
    let today = state.clock.today();
    let account_id = signed_in.account.id;
    if !terms_status(&state.db, state.organisation_id, account_id, today)
        .await?
        .accepted
    {
        return Err(ApiError::TermsNotAccepted);
    }
    let row: Option<AccessRow> = sqlx::query_as(&format!("{ACCESS_QUERY} AND pa.client_id = $3"))
        .bind(account_id)
        .bind(state.organisation_id)
        .bind(client_id)
        .fetch_optional(&state.db)
        .await?;
    let row = row.ok_or(ApiError::NotFound)?;
    match row.blocked(today) {
        Some(Blocked::PortalEnded) => Err(ApiError::PortalEnded),
        Some(Blocked::AccessEnded) => Err(ApiError::AccessEnded),
        Some(Blocked::Suspended(reason)) => Err(ApiError::PortalSuspended(reason)),
        None => Ok(PortalGrant {
            client_id: row.client_id,
            client_name: format!("{} {}", row.first_name, row.family_name),
            role: row.role(),
            rights: row.rights(),
            representative: row.relation == "representative",
        }),
    }
}

/// Logs an attempt to use a portal section: allowed with the person's role in the
/// portal, or refused (then with the role they have outside it).
#[allow(clippy::too_many_arguments)]
pub async fn log_portal_access(
    state: &AppState,
    signed_in: &SignedIn,
    client_id: i64,
    result: &Result<PortalGrant, ApiError>,
    section: &str,
    action: crate::access_log::Action,
    address: &str,
) -> Result<(), ApiError> {
    use crate::access_log::{Actor, Entry, Outcome};
    let (actor, outcome, detail) = match result {
        Ok(grant) => (grant.actor(&signed_in.account), Outcome::Allowed, None),
        Err(error) => (
            Actor::account(&signed_in.account),
            Outcome::Refused,
            Some(error.code().as_str()),
        ),
    };
    let outsider = matches!(result, Err(ApiError::NotFound));
    crate::access_log::append(
        state,
        Entry {
            actor,
            client_id: (!outsider).then_some(client_id),
            section,
            item: outsider.then(|| format!("client {client_id}")),
            action,
            outcome,
            detail,
            address: Some(address),
        },
    )
    .await
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn access_ends_grace_days_after_the_earlier_of_end_and_death() {
        assert_eq!(access_ends_on(None, None, 7), None);
        assert_eq!(
            access_ends_on(Some(d("2026-03-01")), None, 7),
            Some(d("2026-03-08"))
        );
        assert_eq!(
            access_ends_on(None, Some(d("2026-02-20")), 14),
            Some(d("2026-03-06"))
        );
        assert_eq!(
            access_ends_on(Some(d("2026-03-01")), Some(d("2026-02-20")), 7),
            Some(d("2026-02-27"))
        );
    }
}
