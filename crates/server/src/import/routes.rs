//! The import endpoints: the file as the body (`text/csv`), a check or an import.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::HeaderMap;
use kring_api::import::{ImportKind, ImportQuery, ImportReport, ImportTotals, IMPORT_MAX_BYTES};
use kring_api::paths;

use super::file::{self, CLIENT_COLUMNS, STAFF_COLUMNS};
use super::{clients, none_refused, report, staff, summary, writes};
use crate::access_log;
use crate::administration::shared::{log, LogEntry, Subject};
use crate::problem::{request_language, ApiError, ApiJson, ApiQuery};
use crate::staff_members::{OrganisationAdmins, StaffRequest};
use crate::state::AppState;

/// The file: sent as `text/csv` (415 otherwise), at most [`IMPORT_MAX_BYTES`] (413).
async fn file_bytes(headers: &HeaderMap, body: Body) -> Result<Bytes, ApiError> {
    crate::request_guard::require_media_type(headers, "text/csv")?;
    axum::body::to_bytes(body, IMPORT_MAX_BYTES)
        .await
        .map_err(|_| ApiError::BodyTooLarge {
            limit_bytes: IMPORT_MAX_BYTES,
        })
}

/// Writes the import's row in the administration log.
async fn log_import(
    state: &AppState,
    tx: &mut sqlx::Transaction<'static, crate::db::Db>,
    actor: Option<i64>,
    action: &str,
    totals: &ImportTotals,
) -> Result<(), ApiError> {
    log(
        &mut **tx,
        &LogEntry {
            organisation_id: state.organisation_id,
            actor_staff_id: actor,
            action,
            subject: Subject::default(),
            summary: &summary(totals),
        },
        state.clock.now(),
    )
    .await?;
    Ok(())
}

/// Import clients from a CSV file (organisation administrators). Columns, named on the
/// first line in Dutch or English: client number, first name, family name, date of
/// birth, team (its name), personal counsellor (their e-mail address, optional), start
/// of care, end of care (optional); `;` or `,` between fields; UTF-8; days as
/// YYYY-MM-DD or DD-MM-YYYY. Clients are matched by client number. With
/// `dry_run=true` nothing changes; otherwise every line is imported in one transaction
/// when none is refused (`imported`), and nothing when one is. Each registration and
/// change is in the client's access log, the import in the administration log.
#[utoipa::path(
    post, path = paths::STAFF_IMPORT_CLIENTS, tag = "administration", operation_id = "staff_import_clients",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The file, UTF-8 (a byte order mark is allowed), at most 2 MiB and 10,000 lines"),
    responses(
        (status = 200, description = "Every line with its outcome", body = ImportReport),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 409, description = "Another administrator registered a client number of the file between the check and the import (client-number-taken); nothing was imported", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is over 2 MiB (body-too-large)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not sent as text/csv (unsupported-media-type)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "import-not-csv, import-columns-missing, import-empty, import-too-many-lines", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an organisation administrator (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn clients(
    State(state): State<AppState>,
    request: StaffRequest<OrganisationAdmins>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<ApiJson<ImportReport>, ApiError> {
    let bytes = file_bytes(&headers, body).await?;
    let table = file::read(&bytes, CLIENT_COLUMNS)?;
    let planned = clients::plan(&state, &request.staff, &table).await?;
    let imported = !query.dry_run && none_refused(&planned);
    let answer = report(
        ImportKind::Clients,
        query.dry_run,
        imported,
        &planned,
        request_language(&headers),
    );
    let plans = writes(&planned);
    if imported && !plans.is_empty() {
        let turn = access_log::turn(&state).await?;
        let mut tx = crate::db::begin_write(&state.db).await?;
        clients::apply(
            &state,
            &turn,
            &mut tx,
            &request.signed_in,
            &request.address,
            &plans,
        )
        .await?;
        log_import(
            &state,
            &mut tx,
            request.signed_in.account.staff_member_id,
            "clients_imported",
            &answer.totals,
        )
        .await?;
        tx.commit().await?;
    }
    Ok(ApiJson(answer))
}

/// Import staff members from a CSV file (organisation administrators). Columns, named
/// on the first line in Dutch or English: name, e-mail address, mobile number, role
/// (care professional, team lead, administrator), team (its name; an administrator may
/// have none), job title (optional). Staff are matched by e-mail address; a new one
/// gets the invitation the invitation form sends, an existing one the role, team and
/// job title of the line. With `dry_run=true` nothing changes and nothing is sent;
/// otherwise every line is imported in one transaction (the e-mails queued in it) when
/// none is refused, and nothing when one is.
#[utoipa::path(
    post, path = paths::STAFF_IMPORT_STAFF, tag = "administration", operation_id = "staff_import_staff",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The file, UTF-8 (a byte order mark is allowed), at most 2 MiB and 10,000 lines"),
    responses(
        (status = 200, description = "Every line with its outcome", body = ImportReport),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 413, description = "The file is over 2 MiB (body-too-large)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not sent as text/csv (unsupported-media-type)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "import-not-csv, import-columns-missing, import-empty, import-too-many-lines", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an organisation administrator (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
pub async fn staff(
    State(state): State<AppState>,
    request: StaffRequest<OrganisationAdmins>,
    ApiQuery(query): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<ApiJson<ImportReport>, ApiError> {
    let bytes = file_bytes(&headers, body).await?;
    let table = file::read(&bytes, STAFF_COLUMNS)?;
    let actor = request.signed_in.account.staff_member_id;
    let planned = staff::plan(&state, actor, &table).await?;
    let imported = !query.dry_run && none_refused(&planned);
    let answer = report(
        ImportKind::Staff,
        query.dry_run,
        imported,
        &planned,
        request_language(&headers),
    );
    let plans = writes(&planned);
    if imported && !plans.is_empty() {
        let mut tx = crate::db::begin_write(&state.db).await?;
        staff::apply(&state, &mut tx, actor, &plans).await?;
        log_import(&state, &mut tx, actor, "staff_imported", &answer.totals).await?;
        tx.commit().await?;
        state.sender.committed();
    }
    Ok(ApiJson(answer))
}
