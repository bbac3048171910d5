//! The caseload: the clients a staff member works for, with what needs their attention.

use chrono::{NaiveDate, Utc};
use kring_api::Day;
use kring_api::{Caseload, CaseloadClient, PortalStatus};

use crate::portals::access::access_ends_on;
use crate::problem::ApiError;
use crate::staff_members::StaffMember;
use crate::state::AppState;

#[derive(sqlx::FromRow)]
struct CaseloadRow {
    id: i64,
    client_number: String,
    first_name: String,
    family_name: String,
    team: Option<String>,
    care_relation_end: Option<NaiveDate>,
    deceased_on: Option<NaiveDate>,
    portal_suspended_at: Option<chrono::DateTime<Utc>>,
    portal_ended_at: Option<chrono::DateTime<Utc>>,
    access_grace_days: i64,
    administrator: Option<String>,
    administrator_status: Option<String>,
    open_requests: i64,
    overdue_requests: i64,
    waiting_notes: i64,
    waiting_photos: i64,
}

/// The caseload, by name.
pub async fn caseload(state: &AppState, staff: &StaffMember) -> Result<Caseload, ApiError> {
    let (team_only, team_id) = crate::staff_members::team_filter(staff);
    let today = state.clock.today();
    let rows: Vec<CaseloadRow> = sqlx::query_as(
        "SELECT c.id, c.client_number, c.first_name, c.family_name, t.name AS team, c.care_relation_end, \
         c.deceased_on, c.portal_suspended_at, c.portal_ended_at, o.access_grace_days, \
         (SELECT a.display_name FROM portal_access pa JOIN accounts a ON a.id = pa.account_id \
          WHERE pa.client_id = c.id AND pa.role = 'administrator' ORDER BY \
          CASE pa.status WHEN 'active' THEN 0 WHEN 'invited' THEN 1 ELSE 2 END, pa.id DESC LIMIT 1) AS administrator, \
         (SELECT pa.status FROM portal_access pa WHERE pa.client_id = c.id AND pa.role = 'administrator' ORDER BY \
          CASE pa.status WHEN 'active' THEN 0 WHEN 'invited' THEN 1 ELSE 2 END, pa.id DESC LIMIT 1) AS administrator_status, \
         (SELECT COUNT(*) FROM correction_requests cr WHERE cr.client_id = c.id \
          AND cr.status IN ('submitted', 'in_progress')) AS open_requests, \
         (SELECT COUNT(*) FROM correction_requests cr WHERE cr.client_id = c.id \
          AND cr.status IN ('submitted', 'in_progress') AND cr.due_on < $3) AS overdue_requests, \
         (SELECT COUNT(*) FROM notes n WHERE n.client_id = c.id AND n.reviewed_at IS NULL \
          AND n.removed_at IS NULL AND n.retracted_at IS NULL) AS waiting_notes, \
         (SELECT COUNT(*) FROM photo_clients pc JOIN photos p ON p.id = pc.photo_id \
          WHERE pc.client_id = c.id AND pc.removed_at IS NULL AND p.removed_at IS NULL \
          AND p.reviewed_at IS NULL AND p.uploaded_by_account IS NOT NULL) AS waiting_photos \
         FROM clients c JOIN organisations o ON o.id = c.organisation_id \
         LEFT JOIN teams t ON t.id = c.team_id \
         WHERE c.organisation_id = $1 AND ($2 = FALSE OR c.team_id = $4) \
         ORDER BY c.first_name, c.family_name, c.id",
    )
    .bind(state.organisation_id)
    .bind(team_only)
    .bind(today)
    .bind(team_id)
    .fetch_all(&state.db)
    .await?;
    Ok(Caseload {
        clients: rows
            .into_iter()
            .map(|row| {
                let ends_on = access_ends_on(
                    row.care_relation_end,
                    row.deceased_on,
                    row.access_grace_days,
                );
                let care_over = ends_on.is_some_and(|ends| today >= ends);
                let portal = if row.portal_ended_at.is_some() || care_over {
                    PortalStatus::Ended
                } else if row.portal_suspended_at.is_some() {
                    PortalStatus::Suspended
                } else {
                    match row.administrator_status.as_deref() {
                        Some("active") => PortalStatus::Active,
                        Some("invited") => PortalStatus::Invited,
                        Some(_) => PortalStatus::Ended,
                        None => PortalStatus::NoAccess,
                    }
                };
                CaseloadClient {
                    id: row.id,
                    client_number: row.client_number,
                    name: format!("{} {}", row.first_name, row.family_name),
                    team: row.team,
                    portal,
                    administrator: row.administrator,
                    access_ends_on: ends_on.map(Day::from),
                    open_correction_requests: row.open_requests as u32,
                    overdue_correction_requests: row.overdue_requests as u32,
                    waiting_for_moderation: (row.waiting_notes + row.waiting_photos) as u32,
                }
            })
            .collect(),
    })
}
