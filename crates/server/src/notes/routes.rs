//! HTTP routes of the notes, relative to the API base.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::State;
use axum::http::request::Parts;
use axum::http::StatusCode;
use kring_api::notes::NoteQuery;
use kring_api::notes::{NOTE_MAX_CHARS, REMOVAL_REASON_MAX_CHARS};
use kring_api::{paths, Note, NoteRemovalRequest, NoteText, Page};

use super::queries::{self, edit_window};
use crate::access_log::{self, Action, Actor, Entry};
use crate::auth::SignedIn;
use crate::paging::{self, PageLimit};
use crate::portals::request::{NoQuery, PortalQuery};
use crate::portals::{Need, PortalRequest, Refusal, Section};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::staff_members::StaffRequest;
use crate::state::AppState;
use crate::text::bounded_text;
use crate::visits::{self, Visited};

/// The notes routes of a portal.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, write))
        .routes(routes!(edit, retract))
}

/// The organisation's moderation of notes.
pub fn staff_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(remove))
}

/// A page of notes, checked.
struct NoteListQuery {
    before: Option<i64>,
    limit: u32,
}

impl PortalQuery for NoteListQuery {
    fn from_parts(parts: &Parts) -> Result<Self, ApiError> {
        let ApiQuery(query) = ApiQuery::<NoteQuery>::from_uri(&parts.uri)?;
        let limit = PageLimit::parse(query.limit, NoteQuery::BOUNDS)?.get();
        let before = paging::position(query.cursor.as_ref())?;
        Ok(NoteListQuery { before, limit })
    }
}

/// The notes, read.
struct NotesSection;

impl Section for NotesSection {
    type Path = i64;
    type Query = NoteListQuery;
    const NAME: &'static str = "notes";
    const NEED: Need = Need::Right(|r| r.notes_view);
}

/// A new note.
struct NewNoteSection;

impl Section for NewNoteSection {
    type Path = i64;
    type Query = NoQuery;
    const NAME: &'static str = "notes";
    const NEED: Need = Need::Right(|r| r.notes_add);
}

/// The author edits their note.
struct NoteEditSection;

impl Section for NoteEditSection {
    type Path = (i64, i64);
    type Query = NoQuery;
    const NAME: &'static str = "notes";
    const NEED: Need = Need::Right(|r| r.notes_add);
    const REFUSAL: Refusal = Refusal::NotFound;

    fn item(&(_, note_id): &(i64, i64)) -> Option<String> {
        Some(format!("note {note_id}"))
    }
}

/// The author takes their note back. An author who can no longer read notes can still
/// take their own back.
struct NoteRetractionSection;

impl Section for NoteRetractionSection {
    type Path = (i64, i64);
    type Query = NoQuery;
    const NAME: &'static str = "notes";
    const NEED: Need = Need::Right(|r| r.notes_view || r.notes_add);
    const REFUSAL: Refusal = Refusal::NotFound;

    fn item(&(_, note_id): &(i64, i64)) -> Option<String> {
        Some(format!("note {note_id}"))
    }
}

async fn organisation(state: &AppState) -> Result<String, ApiError> {
    Ok(crate::organisation::name(&state.db, state.organisation_id).await?)
}

/// The notes the reader may see, newest first. Needs the notes (view) right.
/// Retracted notes are never shown; a removed note only to its author, with the reason.
#[utoipa::path(
    get, path = paths::NOTES, tag = "notes", operation_id = "list_notes",
    params(("client_id" = i64, Path, description = "The client"), kring_api::notes::NoteQuery),
    responses(
        (status = 200, description = "A page of notes", body = Page<Note>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortalItem),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn list(
    State(state): State<AppState>,
    request: PortalRequest<NotesSection>,
) -> Result<ApiJson<Page<Note>>, ApiError> {
    let NoteListQuery { before, limit } = request.query;
    let client_id = request.client_id();
    let reader = request.account().id;
    let rows = queries::page(&state, client_id, reader, before, limit + 1).await?;
    let (rows, next_cursor) = paging::take_page(rows, limit, |row| row.id);
    let organisation = organisation(&state).await?;
    let now = state.clock.now();
    let new_since = visits::new_since(
        &state.db,
        reader,
        client_id,
        Visited::Notes,
        now,
        before.is_none(),
    )
    .await?;
    let items = rows
        .iter()
        .map(|row| {
            let mut note = row.view(reader, &organisation, now);
            note.new = !note.mine && new_since.is_some_and(|since| row.created_at > since);
            note
        })
        .collect();
    Ok(ApiJson(Page { items, next_cursor }))
}

/// Write a note. Needs the notes (write) right. Plain text, 1 to 1000 characters.
#[utoipa::path(
    post, path = paths::NOTES, tag = "notes", operation_id = "write_note",
    params(("client_id" = i64, Path, description = "The client")),
    request_body = kring_api::notes::NoteText,
    responses(
        (status = 201, description = "Written", body = kring_api::notes::Note),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortalItem),
        (status = 422, description = "Empty (invalid-body) or too long (text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn write(
    State(state): State<AppState>,
    portal: PortalRequest<NewNoteSection>,
    ApiJson(request): ApiJson<NoteText>,
) -> Result<(StatusCode, ApiJson<Note>), ApiError> {
    let client_id = portal.client_id();
    let body = note_body(&request.body)?;
    let now = state.clock.now();
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let id = queries::insert(&mut tx, client_id, portal.account().id, &body, now).await?;
    turn.append_in(
        &mut tx,
        &portal.change(Some(format!("note {id}")), Action::Create),
    )
    .await?;
    tx.commit().await?;
    let note = own_note(&state, client_id, id, &portal.signed_in).await?;
    Ok((StatusCode::CREATED, ApiJson(note)))
}

/// Line breaks are kept; other control characters (which no keyboard types) are not.
fn note_body(text: &str) -> Result<String, ApiError> {
    let cleaned: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect();
    bounded_text("body", &cleaned, NOTE_MAX_CHARS)
}

async fn own_note(
    state: &AppState,
    client_id: i64,
    note_id: i64,
    signed_in: &SignedIn,
) -> Result<Note, ApiError> {
    let row = queries::one(state, client_id, note_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(row.view(
        signed_in.account.id,
        &organisation(state).await?,
        state.clock.now(),
    ))
}

/// The author's own note that is still shown, or not found.
async fn authored(
    state: &AppState,
    client_id: i64,
    note_id: i64,
    signed_in: &SignedIn,
) -> Result<queries::NoteRow, ApiError> {
    queries::one(state, client_id, note_id)
        .await?
        .filter(|n| {
            n.author_account_id == signed_in.account.id
                && n.retracted_at.is_none()
                && n.removed_at.is_none()
        })
        .ok_or(ApiError::NotFound)
}

/// Change one's own note, within 15 minutes of writing it.
#[utoipa::path(
    patch, path = paths::NOTE, tag = "notes", operation_id = "edit_note",
    params(("client_id" = i64, Path, description = "The client"), ("note_id" = i64, Path, description = "The note")),
    request_body = kring_api::notes::NoteText,
    responses(
        (status = 200, description = "Changed", body = kring_api::notes::Note),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not one's own note, or without the write right (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The 15 minutes have passed (edit-window-closed)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty (invalid-body) or too long (text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn edit(
    State(state): State<AppState>,
    portal: PortalRequest<NoteEditSection>,
    ApiJson(request): ApiJson<NoteText>,
) -> Result<ApiJson<Note>, ApiError> {
    let (client_id, note_id) = portal.path;
    let signed_in = &portal.signed_in;
    let note = authored(&state, client_id, note_id, signed_in).await?;
    let now = state.clock.now();
    if now >= note.created_at + edit_window() {
        return Err(ApiError::EditWindowClosed);
    }
    let body = note_body(&request.body)?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::edit(&mut tx, note.id, &body, now).await?;
    turn.append_in(
        &mut tx,
        &portal.change(NoteEditSection::item(&portal.path), Action::Update),
    )
    .await?;
    tx.commit().await?;
    own_note(&state, client_id, note_id, signed_in)
        .await
        .map(ApiJson)
}

/// Retract one's own note: hidden for everyone, logged, kept for the retention period.
#[utoipa::path(
    delete, path = paths::NOTE, tag = "notes", operation_id = "retract_note",
    params(("client_id" = i64, Path, description = "The client"), ("note_id" = i64, Path, description = "The note")),
    responses(
        (status = 204, description = "Retracted"),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not one's own note (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn retract(
    State(state): State<AppState>,
    portal: PortalRequest<NoteRetractionSection>,
) -> Result<StatusCode, ApiError> {
    let (client_id, note_id) = portal.path;
    let note = authored(&state, client_id, note_id, &portal.signed_in).await?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::retract(&mut tx, note.id, state.clock.now()).await?;
    let mut entry = portal.change(NoteRetractionSection::item(&portal.path), Action::Remove);
    entry.detail = Some("retracted");
    turn.append_in(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Staff remove a note with a reason its author will read (R16).
#[utoipa::path(
    post, path = paths::STAFF_NOTE_REMOVAL, tag = "staff", operation_id = "staff_remove_note",
    params(("note_id" = i64, Path, description = "The note")),
    request_body = kring_api::notes::NoteRemovalRequest,
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not staff, or not for this client's team (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such note, or retracted or removed already (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reason that is empty (invalid-body) or too long (text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn remove(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    ApiPath(note_id): ApiPath<i64>,
    ApiJson(request): ApiJson<NoteRemovalRequest>,
) -> Result<StatusCode, ApiError> {
    let StaffRequest {
        staff,
        signed_in,
        address,
        ..
    } = staff_request;
    let client_id = queries::shown_note_client(&state.db, note_id, state.organisation_id).await?;
    let client_id = client_id.ok_or(ApiError::NotFound)?;
    staff.check_client_team(&state, client_id).await?;
    let reason = bounded_text("reason", &request.reason, REMOVAL_REASON_MAX_CHARS)?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::remove(
        &mut tx,
        note_id,
        &reason,
        signed_in.account.staff_member_id,
        state.clock.now(),
    )
    .await?;
    turn.append_in(
        &mut tx,
        &Entry::allowed(
            Actor::account(&signed_in.account),
            client_id,
            "notes",
            Action::Remove,
        )
        .item(format!("note {note_id}"))
        .detail("removed_by_organisation")
        .from(&address),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
