//! HTTP routes of the notes, relative to the API base.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use axum::Router;
use kring_api::notes::{NOTE_MAX_CHARS, REMOVAL_REASON_MAX_CHARS};
use kring_api::{paths, Note, NotePage, NoteRemovalRequest, NoteText, Rights};
use serde::Deserialize;

use super::queries::{self, edit_window};
use crate::access_log::{self, Action, Actor, Entry};
use crate::auth::SignedIn;
use crate::dossier::guard::{self, change_entry, Need, Scope};
use crate::network::bounded_text;
use crate::paging::{Cursor, PageLimit};
use crate::portals::PortalGrant;
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::request_guard::ClientAddress;
use crate::staff::StaffMember;
use crate::state::AppState;

/// The notes routes of a portal.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::NOTES, get(list).post(write))
        .route(paths::NOTE, patch(edit).delete(retract))
}

/// The organisation's moderation of notes.
pub fn staff_routes() -> Router<AppState> {
    Router::new().route(paths::STAFF_NOTE_REMOVAL, post(remove))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteQuery {
    cursor: Option<String>,
    limit: Option<u32>,
}

#[allow(clippy::too_many_arguments)]
async fn enter(
    state: &AppState,
    signed_in: &SignedIn,
    client_id: i64,
    item: Option<String>,
    action: Action,
    need: fn(&Rights) -> bool,
    scope: Scope,
    address: &str,
) -> Result<PortalGrant, ApiError> {
    guard::enter(
        state,
        signed_in,
        guard::Request {
            client_id,
            section: "notes",
            item,
            action,
            need: Need::Right(need),
            scope,
            address,
        },
    )
    .await
}

async fn organisation(state: &AppState) -> Result<String, ApiError> {
    Ok(crate::organisation::name(&state.db, state.organisation_id).await?)
}

async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<NoteQuery>,
) -> Result<ApiJson<NotePage>, ApiError> {
    let limit = PageLimit::parse(query.limit, 30, 100)?.get();
    let cursor = query.cursor.as_deref().map(Cursor::decode).transpose()?;
    enter(
        &state,
        &signed_in,
        client_id,
        None,
        Action::Read,
        |r| r.notes_view,
        Scope::Section,
        &address,
    )
    .await?;
    let reader = signed_in.account.id;
    let rows = queries::page(&state, client_id, reader, cursor.map(|c| c.0), limit + 1).await?;
    let more = rows.len() > limit as usize;
    let organisation = organisation(&state).await?;
    let now = state.clock.now();
    let items: Vec<Note> = rows
        .iter()
        .take(limit as usize)
        .map(|row| row.view(reader, &organisation, now))
        .collect();
    let next_cursor = more
        .then(|| items.last().map(|n| Cursor(n.id).encode()))
        .flatten();
    Ok(ApiJson(NotePage { items, next_cursor }))
}

async fn write(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(client_id): ApiPath<i64>,
    ApiJson(request): ApiJson<NoteText>,
) -> Result<(StatusCode, ApiJson<Note>), ApiError> {
    let grant = enter(
        &state,
        &signed_in,
        client_id,
        None,
        Action::Create,
        |r| r.notes_add,
        Scope::Section,
        &address,
    )
    .await?;
    let body = note_body(&request.body)?;
    let now = state.clock.now();
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO notes (client_id, author_account_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(client_id)
    .bind(signed_in.account.id)
    .bind(&body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    turn.append_in(
        &mut tx,
        &change_entry(
            &signed_in,
            &grant,
            "notes",
            Some(format!("note {id}")),
            Action::Create,
            &address,
        ),
    )
    .await?;
    tx.commit().await?;
    let note = own_note(&state, client_id, id, &signed_in).await?;
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

async fn edit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath((client_id, note_id)): ApiPath<(i64, i64)>,
    ApiJson(request): ApiJson<NoteText>,
) -> Result<ApiJson<Note>, ApiError> {
    let item = Some(format!("note {note_id}"));
    let grant = enter(
        &state,
        &signed_in,
        client_id,
        item.clone(),
        Action::Update,
        |r| r.notes_add,
        Scope::Item,
        &address,
    )
    .await?;
    let note = authored(&state, client_id, note_id, &signed_in).await?;
    let now = state.clock.now();
    if now >= note.created_at + edit_window() {
        return Err(ApiError::EditWindowClosed);
    }
    let body = note_body(&request.body)?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    sqlx::query("UPDATE notes SET body = $1, edited_at = $2 WHERE id = $3")
        .bind(&body)
        .bind(now)
        .bind(note.id)
        .execute(&mut *tx)
        .await?;
    turn.append_in(
        &mut tx,
        &change_entry(&signed_in, &grant, "notes", item, Action::Update, &address),
    )
    .await?;
    tx.commit().await?;
    own_note(&state, client_id, note_id, &signed_in)
        .await
        .map(ApiJson)
}

async fn retract(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath((client_id, note_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let item = Some(format!("note {note_id}"));
    // An author who can no longer read notes can still take their own back.
    let grant = enter(
        &state,
        &signed_in,
        client_id,
        item.clone(),
        Action::Remove,
        |r| r.notes_view || r.notes_add,
        Scope::Item,
        &address,
    )
    .await?;
    let note = authored(&state, client_id, note_id, &signed_in).await?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    sqlx::query("UPDATE notes SET retracted_at = $1 WHERE id = $2")
        .bind(state.clock.now())
        .bind(note.id)
        .execute(&mut *tx)
        .await?;
    let mut entry = change_entry(&signed_in, &grant, "notes", item, Action::Remove, &address);
    entry.detail = Some("retracted");
    turn.append_in(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn remove(
    State(state): State<AppState>,
    staff: StaffMember,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    ApiPath(note_id): ApiPath<i64>,
    ApiJson(request): ApiJson<NoteRemovalRequest>,
) -> Result<StatusCode, ApiError> {
    let client_id: Option<i64> = sqlx::query_scalar(
        "SELECT n.client_id FROM notes n JOIN clients c ON c.id = n.client_id \
         WHERE n.id = $1 AND c.organisation_id = $2 AND n.retracted_at IS NULL AND n.removed_at IS NULL",
    )
    .bind(note_id)
    .bind(state.organisation_id)
    .fetch_optional(&state.db)
    .await?;
    let client_id = client_id.ok_or(ApiError::NotFound)?;
    staff.check_client_team(&state, client_id).await?;
    let reason = bounded_text("reason", &request.reason, REMOVAL_REASON_MAX_CHARS)?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    sqlx::query(
        "UPDATE notes SET removed_at = $1, removed_reason = $2, removed_by_staff = $3 WHERE id = $4",
    )
    .bind(state.clock.now())
    .bind(&reason)
    .bind(signed_in.account.staff_member_id)
    .bind(note_id)
    .execute(&mut *tx)
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
