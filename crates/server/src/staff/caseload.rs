//! The caseload: the clients a staff member works for, with what needs their attention,
//! by name, a page at a time, searchable by the start of a name or the client number.

use kring_api::{CaseloadClient, CaseloadQuery, Cursor, Day, Page, PortalStatus};

use super::queries::{self, CaseloadFilter, CaseloadRow};
use crate::paging::{self, PageLimit};
use crate::portals::access::access_ends_on;
use crate::problem::ApiError;
use crate::staff_members::StaffMember;
use crate::state::AppState;

/// What `q` asks for as a `LIKE` pattern: lower case, its wildcards escaped with `\`,
/// matching any text that starts with it. `None` for no search (absent or blank).
pub(super) fn search_pattern(q: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(q) = q.map(str::trim).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    if q.chars().count() > CaseloadQuery::MAX_SEARCH_CHARS {
        return Err(ApiError::InvalidParameter {
            name: "q".into(),
            reason: format!("over {} characters", CaseloadQuery::MAX_SEARCH_CHARS),
        });
    }
    let mut pattern = String::with_capacity(q.len() + 2);
    for c in q.to_lowercase().chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Ok(Some(pattern))
}

/// One page of the caseload, by name.
pub async fn caseload(
    state: &AppState,
    staff: &StaffMember,
    query: &CaseloadQuery,
) -> Result<Page<CaseloadClient>, ApiError> {
    let limit = PageLimit::parse(query.limit, CaseloadQuery::BOUNDS)?.get();
    let search = search_pattern(query.q.as_deref())?;
    let after = paging::position::<(String, i64)>(query.cursor.as_ref())?;
    let (team_only, team_id) = crate::staff_members::team_filter(staff);
    let today = state.clock.today();
    let rows = queries::caseload(
        &state.db,
        &CaseloadFilter {
            organisation_id: state.organisation_id,
            team_only,
            team_id,
            search: search.as_deref(),
            after: after.as_ref().map(|(name, id)| (name.as_str(), *id)),
            only_client: None,
        },
        today,
        i64::from(limit) + 1,
    )
    .await?;
    let (rows, next_cursor): (Vec<CaseloadRow>, Option<Cursor>) =
        paging::take_page(rows, limit, |row| (row.sort_name.clone(), row.id));
    Ok(Page {
        items: rows.into_iter().map(|row| client(row, today)).collect(),
        next_cursor,
    })
}

/// One client of the caseload (another team's, or none: `not-found`).
pub async fn caseload_client(
    state: &AppState,
    staff: &StaffMember,
    client_id: i64,
) -> Result<CaseloadClient, ApiError> {
    let (team_only, team_id) = crate::staff_members::team_filter(staff);
    let today = state.clock.today();
    let row = queries::caseload(
        &state.db,
        &CaseloadFilter {
            organisation_id: state.organisation_id,
            team_only,
            team_id,
            search: None,
            after: None,
            only_client: Some(client_id),
        },
        today,
        1,
    )
    .await?
    .into_iter()
    .next()
    .ok_or(ApiError::NotFound)?;
    Ok(client(row, today))
}

/// A row as the caseload shows it: the portal's state from the care relation's end,
/// the organisation's grace days, a suspension and the administrator's access.
fn client(row: CaseloadRow, today: chrono::NaiveDate) -> CaseloadClient {
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
        open_correction_requests: row.open_requests.max(0) as u32,
        overdue_correction_requests: row.overdue_requests.max(0) as u32,
        waiting_for_moderation: (row.waiting_notes + row.waiting_photos).max(0) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::search_pattern;

    #[test]
    fn a_search_is_a_lower_case_prefix_with_its_wildcards_escaped() {
        assert_eq!(search_pattern(None).unwrap(), None);
        assert_eq!(search_pattern(Some("  ")).unwrap(), None);
        assert_eq!(
            search_pattern(Some(" Anna ")).unwrap().as_deref(),
            Some("anna%")
        );
        assert_eq!(
            search_pattern(Some("50%_a\\")).unwrap().as_deref(),
            Some("50\\%\\_a\\\\%")
        );
        assert!(search_pattern(Some(&"x".repeat(101))).is_err());
    }
}
