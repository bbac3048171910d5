//! The contacts in a circle: the list, changing rights or relation, removing, leaving.

use chrono::{DateTime, Utc};
use kring_api::network::RELATION_MAX_CHARS;
use kring_api::Timestamp;
use kring_api::{ContactChange, ContactStatus, NetworkContact, Rights};

use super::{right_values, rights_detail, RightColumns};
use crate::access_log::{self, Action};
use crate::auth::SignedIn;
use crate::portals::request::change_entry;
use crate::portals::PortalGrant;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::text::bounded_text;

#[derive(sqlx::FromRow)]
struct ContactRow {
    id: i64,
    display_name: String,
    email: String,
    relation: String,
    status: String,
    #[sqlx(flatten)]
    rights: RightColumns,
    created_at: DateTime<Utc>,
    last_active_at: Option<DateTime<Utc>>,
}

const CONTACT_QUERY: &str = "SELECT pa.id, a.display_name, a.email, pa.relation, pa.status, \
     pa.can_view_care_plan, pa.can_view_reports, pa.can_view_photos, pa.can_add_photos, \
     pa.can_view_notes, pa.can_add_notes, pa.created_at, \
     (SELECT MAX(s.last_seen_at) FROM sessions s WHERE s.account_id = a.id) AS last_active_at \
     FROM portal_access pa JOIN accounts a ON a.id = pa.account_id \
     WHERE pa.client_id = $1 AND pa.role = 'contact' AND pa.status IN ('active', 'left', 'removed')";

impl ContactRow {
    fn view(&self) -> NetworkContact {
        NetworkContact {
            id: self.id,
            name: self.display_name.clone(),
            email: self.email.clone(),
            relation: self.relation.clone(),
            status: match self.status.as_str() {
                "active" => ContactStatus::Active,
                "left" => ContactStatus::Left,
                _ => ContactStatus::Removed,
            },
            rights: self.rights.into(),
            since: Timestamp::from(self.created_at),
            last_active_at: self.last_active_at.map(Timestamp::from),
        }
    }
}

/// Every contact of the client, active first, then by name.
pub(crate) async fn list(
    state: &AppState,
    client_id: i64,
) -> Result<Vec<NetworkContact>, ApiError> {
    let rows: Vec<ContactRow> = sqlx::query_as(&format!(
        "{CONTACT_QUERY} ORDER BY CASE pa.status WHEN 'active' THEN 0 ELSE 1 END, a.display_name, pa.id"
    ))
    .bind(client_id)
    .fetch_all(&state.db)
    .await?;
    Ok(rows.iter().map(ContactRow::view).collect())
}

async fn active_contact(
    state: &AppState,
    client_id: i64,
    contact_id: i64,
) -> Result<ContactRow, ApiError> {
    sqlx::query_as(&format!(
        "{CONTACT_QUERY} AND pa.id = $2 AND pa.status = 'active'"
    ))
    .bind(client_id)
    .bind(contact_id)
    .fetch_optional(&state.db)
    .await?
    .ok_or(ApiError::NotFound)
}

/// Changes a contact's rights and/or relation. The administrator's own row is no
/// contact, so administration cannot be given away here.
pub(crate) async fn change(
    state: &AppState,
    signed_in: &SignedIn,
    grant: &PortalGrant,
    contact_id: i64,
    change: ContactChange,
    address: &str,
) -> Result<NetworkContact, ApiError> {
    let current = active_contact(state, grant.client_id, contact_id).await?;
    let relation = match change.relation.as_deref() {
        Some(relation) => bounded_text("relation", relation, RELATION_MAX_CHARS)?,
        None => current.relation.clone(),
    };
    let rights: Rights = change.rights.unwrap_or_else(|| current.rights.into());
    let values = right_values(&rights);
    let detail = format!("relation={relation};rights={}", rights_detail(&rights));
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    sqlx::query(
        "UPDATE portal_access SET relation = $1, can_view_care_plan = $2, can_view_reports = $3, \
         can_view_photos = $4, can_add_photos = $5, can_view_notes = $6, can_add_notes = $7 \
         WHERE id = $8 AND status = 'active'",
    )
    .bind(&relation)
    .bind(values[0])
    .bind(values[1])
    .bind(values[2])
    .bind(values[3])
    .bind(values[4])
    .bind(values[5])
    .bind(current.id)
    .execute(&mut *tx)
    .await?;
    let mut entry = change_entry(
        signed_in,
        grant,
        "network",
        Some(format!("contact {}", current.id)),
        Action::Update,
        address,
    );
    entry.detail = Some(&detail);
    turn.append_in(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(active_contact(state, grant.client_id, contact_id)
        .await?
        .view())
}

/// Removes a contact from the circle; their next request is refused.
pub(crate) async fn remove(
    state: &AppState,
    signed_in: &SignedIn,
    grant: &PortalGrant,
    contact_id: i64,
    address: &str,
) -> Result<(), ApiError> {
    let current = active_contact(state, grant.client_id, contact_id).await?;
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    sqlx::query("UPDATE portal_access SET status = 'removed', ended_at = $1 WHERE id = $2")
        .bind(state.clock.now())
        .bind(current.id)
        .execute(&mut *tx)
        .await?;
    turn.append_in(
        &mut tx,
        &change_entry(
            signed_in,
            grant,
            "network",
            Some(format!("contact {}", current.id)),
            Action::Remove,
            address,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A contact leaves the circle themselves.
pub(crate) async fn leave(
    state: &AppState,
    signed_in: &SignedIn,
    grant: &PortalGrant,
    address: &str,
) -> Result<(), ApiError> {
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let left = sqlx::query(
        "UPDATE portal_access SET status = 'left', ended_at = $1 \
         WHERE client_id = $2 AND account_id = $3 AND role = 'contact' AND status = 'active'",
    )
    .bind(state.clock.now())
    .bind(grant.client_id)
    .bind(signed_in.account.id)
    .execute(&mut *tx)
    .await?;
    if left.rows_affected() != 1 {
        return Err(ApiError::Forbidden);
    }
    let mut entry = change_entry(signed_in, grant, "network", None, Action::Remove, address);
    entry.detail = Some("left");
    turn.append_in(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}
