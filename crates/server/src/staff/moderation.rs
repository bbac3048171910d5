//! Moderation (R16): what clients and their circles placed appears at once; staff look
//! at it afterwards, newest first, and either leave it (reviewed) or remove it with a
//! reason the author reads (`POST /staff/notes/{id}/removal`,
//! `POST /staff/photos/{id}/removal`).

use axum::extract::State;
use axum::http::StatusCode;
use kring_api::{paths, ModerationItem, ModerationKind, Page, Timestamp};

use super::queries::{self, ModerationScope};
use crate::access_log::{self, Action, Actor, Entry};
use crate::auth::SignedIn;
use crate::paging::{self, PageLimit};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::staff_members::team_filter;
use crate::staff_members::StaffMember;
use crate::staff_members::StaffRequest;
use crate::state::AppState;

/// Notes and photos placed by the team's clients and their circles, newest first, for
/// moderation (R16). Each client shown gets a staff read in their access log.
#[utoipa::path(
    get, path = paths::STAFF_MODERATION, tag = "staff", operation_id = "staff_moderation",
    params(
        kring_api::staff::ModerationQuery,
    ),
    responses(
        (status = 200, description = "A page of items", body = Page<ModerationItem>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// The team's items, newest first. Reading them is a staff read of each client's data,
// so each client shown gets an entry in their access log.
pub async fn list(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    ApiQuery(query): ApiQuery<kring_api::staff::ModerationQuery>,
) -> Result<ApiJson<Page<ModerationItem>>, ApiError> {
    let StaffRequest {
        staff,
        signed_in,
        address,
        ..
    } = staff_request;
    let limit = PageLimit::parse(query.limit, kring_api::staff::ModerationQuery::BOUNDS)?.get();
    let offset = paging::position::<i64>(query.cursor.as_ref())?
        .unwrap_or(0)
        .max(0);
    let rows = queries::moderation_items(
        &state.db,
        &scope(&state, &staff),
        i64::from(limit) + 1,
        offset,
    )
    .await?;
    let more = rows.len() > limit as usize;
    let rows = &rows[..rows.len().min(limit as usize)];
    let mut clients: Vec<i64> = rows.iter().map(|r| r.client_id).collect();
    clients.sort_unstable();
    clients.dedup();
    for client_id in clients {
        access_log::append(
            &state,
            Entry::allowed(
                Actor::account(&signed_in.account),
                client_id,
                "moderation",
                Action::Read,
            )
            .from(&address),
        )
        .await?;
    }
    Ok(ApiJson(Page {
        items: rows
            .iter()
            .map(|row| {
                let photo = row.kind == "photo";
                let smallest = row
                    .sizes
                    .as_deref()
                    .and_then(|sizes| sizes.split(',').next())
                    .and_then(|size| size.split_once('x'))
                    .and_then(|(w, _)| w.parse::<u32>().ok());
                ModerationItem {
                    kind: if photo {
                        ModerationKind::Photo
                    } else {
                        ModerationKind::Note
                    },
                    id: row.id,
                    client_id: row.client_id,
                    client_name: row.client_name.clone(),
                    author_name: row.author_name.clone(),
                    author_account_id: row.author_account_id,
                    author_suspended: row.author_suspended,
                    placed_at: Timestamp::from(row.placed_at),
                    text: row.text.clone(),
                    image_path: photo.then(|| {
                        paths::STAFF_PHOTO_IMAGE
                            .replace("{photo_id}", &row.id.to_string())
                            .replace("{width}", &smallest.unwrap_or(0).to_string())
                    }),
                    reviewed: row.reviewed,
                }
            })
            .collect(),
        next_cursor: more.then(|| paging::encode(&(offset + i64::from(limit)))),
    }))
}

/// The clients moderation covers for this staff member: the organisation's, or only
/// their team's.
fn scope(state: &AppState, staff: &StaffMember) -> ModerationScope {
    let (team_only, team_id) = team_filter(staff);
    ModerationScope {
        organisation_id: state.organisation_id,
        team_only,
        team_id,
    }
}

/// The clients (of the staff member's team) an item is shown to.
async fn item_clients(
    state: &AppState,
    staff: &StaffMember,
    kind: ModerationKind,
    id: i64,
) -> Result<Vec<i64>, ApiError> {
    let clients = queries::item_clients(&state.db, &scope(state, staff), kind, id).await?;
    if clients.is_empty() {
        return Err(ApiError::NotFound);
    }
    Ok(clients)
}

async fn review(
    state: &AppState,
    staff: &StaffMember,
    signed_in: &SignedIn,
    address: &str,
    kind: ModerationKind,
    id: i64,
) -> Result<StatusCode, ApiError> {
    let clients = item_clients(state, staff, kind, id).await?;
    let section = match kind {
        ModerationKind::Note => "notes",
        ModerationKind::Photo => "photos",
    };
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::mark_reviewed(&mut tx, kind, id, state.clock.now()).await?;
    for client_id in clients {
        turn.append_in(
            &mut tx,
            &Entry::allowed(
                Actor::account(&signed_in.account),
                client_id,
                section,
                Action::Update,
            )
            .item(format!("{} {id}", &section[..section.len() - 1]))
            .detail("reviewed")
            .from(address),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A note looked at and left as it is.
#[utoipa::path(
    post, path = paths::STAFF_NOTE_REVIEW, tag = "staff", operation_id = "staff_review_note",
    params(("note_id" = i64, Path, description = "The note")),
    responses(
        (status = 204, description = "Marked as reviewed"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 404, description = "No such note of the team's clients (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// A note looked at and left as it is.
pub async fn review_note(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    ApiPath(note_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    let StaffRequest {
        staff,
        signed_in,
        address,
        ..
    } = staff_request;
    review(
        &state,
        &staff,
        &signed_in,
        &address,
        ModerationKind::Note,
        note_id,
    )
    .await
}

/// A photo looked at and left as it is.
#[utoipa::path(
    post, path = paths::STAFF_PHOTO_REVIEW, tag = "staff", operation_id = "staff_review_photo",
    params(("photo_id" = i64, Path, description = "The photo")),
    responses(
        (status = 204, description = "Marked as reviewed"),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 404, description = "No such photo of the team's clients (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// A photo looked at and left as it is.
pub async fn review_photo(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    ApiPath(photo_id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    let StaffRequest {
        staff,
        signed_in,
        address,
        ..
    } = staff_request;
    review(
        &state,
        &staff,
        &signed_in,
        &address,
        ModerationKind::Photo,
        photo_id,
    )
    .await
}

/// The clients of a photo the staff member may see it through (for the image route).
pub async fn photo_clients(
    state: &AppState,
    staff: &StaffMember,
    photo_id: i64,
) -> Result<Vec<i64>, ApiError> {
    item_clients(state, staff, ModerationKind::Photo, photo_id).await
}
