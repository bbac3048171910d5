//! HTTP routes of the gallery, relative to the API base.

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use kring_api::photos::PhotoQuery;
use kring_api::photos::{CAPTION_MAX_CHARS, PHOTO_MAX_BYTES, REMOVAL_REASON_MAX_CHARS};
use kring_api::{paths, Day, Page, Photo, PhotoRemovalRequest};

use super::pipeline::{self, PhotoError};
use super::queries::{self, NewPhoto, PhotoPosition};
use super::PhotoStore;
use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::memory_budget::BudgetError;
use crate::paging::{self, PageLimit};
use crate::portals::request::{NoQuery, PortalQuery};
use crate::portals::{Need, PortalRequest, Refusal, Section};
use crate::problem::{ApiError, ApiJson, ApiPath, ApiQuery};
use crate::staff_members::StaffRequest;
use crate::state::AppState;
use crate::text::bounded_text;
use crate::visits::{self, Visited};

/// The body limit of an upload: one photo and a short form around it.
pub const UPLOAD_BODY_LIMIT: usize = PHOTO_MAX_BYTES + 64 * 1024;

/// The gallery's JSON routes and the image route.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(remove))
        .routes(routes!(image))
        .routes(routes!(staff_remove))
        .routes(routes!(staff_image))
}

/// The upload route, with its own body limit (the API's JSON limit is far smaller).
pub fn upload_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload))
        .routes(routes!(staff_upload))
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))
}

/// A page of the gallery, checked.
struct PhotoListQuery {
    after: Option<PhotoPosition>,
    limit: u32,
}

impl PortalQuery for PhotoListQuery {
    fn from_parts(parts: &Parts) -> Result<Self, ApiError> {
        let ApiQuery(query) = ApiQuery::<PhotoQuery>::from_uri(&parts.uri)?;
        let limit = PageLimit::parse(query.limit, PhotoQuery::BOUNDS)?.get();
        let after = paging::position(query.cursor.as_ref())?;
        Ok(PhotoListQuery { after, limit })
    }
}

/// The gallery, read.
struct PhotosSection;

impl Section for PhotosSection {
    type Path = i64;
    type Query = PhotoListQuery;
    const NAME: &'static str = "photos";
    const NEED: Need = Need::Right(|r| r.photos_view);
}

/// A photo added to the gallery.
struct NewPhotoSection;

impl Section for NewPhotoSection {
    type Path = i64;
    type Query = NoQuery;
    const NAME: &'static str = "photos";
    const NEED: Need = Need::Right(|r| r.photos_add);
}

/// A photo removed from this portal.
struct PhotoRemovalSection;

impl Section for PhotoRemovalSection {
    type Path = (i64, i64);
    type Query = NoQuery;
    const NAME: &'static str = "photos";
    const NEED: Need = Need::Right(|r| r.photos_view || r.photos_add);
    const REFUSAL: Refusal = Refusal::NotFound;

    fn item(&(_, photo_id): &(i64, i64)) -> Option<String> {
        Some(format!("photo {photo_id}"))
    }
}

/// The image bytes of one photo in one size. The session and the right are checked on
/// every request; the read of the gallery itself is what the access log records (one
/// entry per page, not one per thumbnail).
struct PhotoImageSection;

impl Section for PhotoImageSection {
    type Path = (i64, i64, u32);
    type Query = NoQuery;
    const NAME: &'static str = "photos";
    const NEED: Need = Need::Right(|r| r.photos_view);
    const REFUSAL: Refusal = Refusal::NotFound;
    const LOGGED: bool = false;
}

/// The gallery: photos shown in this portal, newest day taken first. Needs the photos
/// (view) right.
#[utoipa::path(
    get, path = paths::PHOTOS, tag = "photos", operation_id = "list_photos",
    params(("client_id" = i64, Path, description = "The client"), kring_api::photos::PhotoQuery),
    responses(
        (status = 200, description = "A page of photos", body = Page<Photo>),
        (status = 400, response = crate::responses::InvalidParameter),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortal),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn list(
    State(state): State<AppState>,
    request: PortalRequest<PhotosSection>,
) -> Result<ApiJson<Page<Photo>>, ApiError> {
    let PhotoListQuery { after, limit } = request.query;
    let client_id = request.client_id();
    let reader = request.account().id;
    let rows = queries::page(&state, client_id, reader, after, limit + 1).await?;
    let (shown, next_cursor) = paging::take_page(rows, limit, |row| (row.sort_day, row.id));
    let administrator = request.is_administrator();
    // Only a removed photo names the organisation ("removed by …"); most pages have none,
    // so the gallery's hot path skips that read.
    let organisation = if shown.iter().any(|row| row.removed_at.is_some()) {
        crate::organisation::name(&state.db, state.organisation_id).await?
    } else {
        String::new()
    };
    let new_since = visits::new_since(
        &state.db,
        reader,
        client_id,
        Visited::Photos,
        state.clock.now(),
        after.is_none(),
    )
    .await?;
    Ok(ApiJson(Page {
        items: shown
            .iter()
            .map(|row| {
                let mut photo = row.view(client_id, reader, administrator, &organisation);
                photo.new = !photo.mine && new_since.is_some_and(|since| row.arrived_after(since));
                photo
            })
            .collect(),
        next_cursor,
    }))
}

/// One stored size of a photo, as JPEG. Checked on every request; `Cache-Control:
/// private, no-store`, `Content-Disposition: inline`.
#[utoipa::path(
    get, path = paths::PHOTO_IMAGE, tag = "photos", operation_id = "photo_image",
    params(("client_id" = i64, Path, description = "The client"), ("photo_id" = i64, Path, description = "The photo"), ("width" = u32, Path, description = "A width from the photo's `sizes`")),
    responses(
        (status = 200, description = "The image", content_type = "image/jpeg", body = Vec<u8>),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such photo or size here, removed, or without the right (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// The image bytes (see [`PhotoImageSection`]).
async fn image(
    State(state): State<AppState>,
    request: PortalRequest<PhotoImageSection>,
) -> Result<Response, ApiError> {
    let (client_id, photo_id, width) = request.path;
    let row = queries::one(&state, client_id, photo_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    image_response(&state, &row, width).await
}

/// One stored size of a photo as a private, inline JPEG.
async fn image_response(
    state: &AppState,
    row: &queries::PhotoRow,
    width: u32,
) -> Result<Response, ApiError> {
    let size = row
        .stored_sizes()
        .into_iter()
        .find(|size| size.width == width)
        .ok_or(ApiError::NotFound)?;
    let bytes = state
        .photos
        .get(&size.key)
        .await
        .map_err(|e| ApiError::StorageUnavailable(format!("reading photo {}: {e}", row.id)))?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    headers.insert(CONTENT_DISPOSITION, HeaderValue::from_static("inline"));
    // Only this person's browser, and not kept after the page is gone: photos show
    // people and must not linger on a shared device.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

/// One stored size of a photo, for staff who moderate it (logged for each client).
#[utoipa::path(
    get, path = paths::STAFF_PHOTO_IMAGE, tag = "staff", operation_id = "staff_photo_image",
    params(("photo_id" = i64, Path, description = "The photo"), ("width" = u32, Path, description = "A stored width")),
    responses(
        (status = 200, description = "The image", content_type = "image/jpeg", body = Vec<u8>),
        (status = 403, response = crate::responses::StaffOnly),
        (status = 404, description = "No such photo or size of the team's clients (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// A photo for staff who moderate it; each read is in the access log of the clients it
// shows.
async fn staff_image(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    ApiPath((photo_id, width)): ApiPath<(i64, u32)>,
) -> Result<Response, ApiError> {
    let StaffRequest {
        staff,
        signed_in,
        address,
        ..
    } = staff_request;
    let clients = crate::staff::moderation_photo_clients(&state, &staff, photo_id).await?;
    let row = queries::one(&state, clients[0], photo_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    for client_id in &clients {
        access_log::append(
            &state,
            Entry {
                actor: Actor::account(&signed_in.account),
                client_id: Some(*client_id),
                section: "photos",
                item: Some(format!("photo {photo_id}")),
                action: Action::Read,
                outcome: Outcome::Allowed,
                detail: None,
                address: Some(&address),
            },
        )
        .await?;
    }
    image_response(&state, &row, width).await
}

/// What the upload form holds.
struct UploadForm {
    file: bytes::Bytes,
    caption: String,
    taken_on: Option<NaiveDate>,
    /// The clients a staff member links the photo to.
    client_ids: Vec<i64>,
}

fn too_large() -> ApiError {
    ApiError::BodyTooLarge {
        limit_bytes: PHOTO_MAX_BYTES,
    }
}

async fn read_form(
    headers: &HeaderMap,
    mut multipart: Multipart,
    staff_form: bool,
) -> Result<UploadForm, ApiError> {
    // A declared length over the limit is refused before anything is read.
    let declared = headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > UPLOAD_BODY_LIMIT) {
        return Err(too_large());
    }
    let mut file = None;
    let mut caption = String::new();
    let mut taken_on = None;
    let mut client_ids = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(e) => return Err(ApiError::InvalidBody(e.body_text())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                ApiError::InvalidBody(e.body_text())
            }
        })?;
        match name.as_str() {
            "file" if file.is_none() => {
                if bytes.len() > PHOTO_MAX_BYTES {
                    return Err(too_large());
                }
                file = Some(bytes);
            }
            "caption" => {
                let text = String::from_utf8(bytes.to_vec())
                    .map_err(|_| ApiError::InvalidBody("caption is not text".into()))?;
                let text = text.trim();
                if text.chars().count() > CAPTION_MAX_CHARS {
                    return Err(ApiError::TextTooLong(CAPTION_MAX_CHARS));
                }
                caption = text.to_owned();
            }
            "taken_on" => {
                let text = std::str::from_utf8(&bytes)
                    .map_err(|_| ApiError::InvalidBody("taken_on is not text".into()))?;
                // The contract's day, as the document says: an empty part is not a day
                // (without a day the part is left out).
                let day = Day::parse(text)
                    .map_err(|e| ApiError::InvalidBody(format!("taken_on: {e}")))?;
                taken_on = Some(NaiveDate::from(day));
            }
            "client_id" if staff_form => {
                let id = std::str::from_utf8(&bytes)
                    .ok()
                    .and_then(|text| text.trim().parse::<i64>().ok())
                    .ok_or_else(|| ApiError::InvalidBody("client_id is not a number".into()))?;
                client_ids.push(id);
            }
            other => {
                return Err(ApiError::InvalidBody(format!(
                    "unknown or repeated part {other:?}"
                )))
            }
        }
    }
    let file = file.ok_or_else(|| ApiError::InvalidBody("the part `file` is missing".into()))?;
    Ok(UploadForm {
        file,
        caption,
        taken_on,
        client_ids,
    })
}

/// The problem for a file the pipeline refused.
fn photo_problem(error: PhotoError) -> ApiError {
    match error {
        PhotoError::NotAPhoto => ApiError::NotAPhoto,
        PhotoError::TooManyPixels { .. } => ApiError::PhotoTooManyPixels,
        PhotoError::Unreadable(reason) => ApiError::PhotoUnreadable(reason),
    }
}

/// Who placed a photo.
enum Uploader {
    /// Someone with a portal account.
    Account(i64),
    /// A member of staff.
    Staff(i64),
}

/// Decodes and re-encodes the upload, writes its files, then (only then) its row, the
/// links to `clients` and an access-log entry for each client, in one transaction. If
/// anything after the files fails, the files go again (and the sweep catches what a
/// crash leaves).
async fn store_photo(
    state: &AppState,
    form: UploadForm,
    uploader: Uploader,
    clients: &[i64],
    actor: Actor,
    address: &str,
) -> Result<i64, ApiError> {
    // The header first: type, pixels and the memory the work will take, before any
    // pixel is decoded; then the work waits until that memory is free in the budget.
    let file = form.file;
    let inspection = pipeline::inspect(&file).map_err(photo_problem)?;
    let reservation = state
        .photo_memory
        .reserve(inspection.working_bytes)
        .await
        .map_err(|error| match error {
            // Cannot happen under the pixel limit with the budget as set; refused all the
            // same, as a photo too large for this server.
            BudgetError::TooLarge { .. } => {
                tracing::warn!(%error, width = inspection.width, height = inspection.height,
                    "a photo needs more memory than the whole budget");
                ApiError::PhotoTooManyPixels
            }
            BudgetError::Busy(_) => ApiError::Busy {
                retry_after_secs: 30,
            },
        })?;
    let processed = tokio::task::spawn_blocking(move || {
        let processed = pipeline::process(&file);
        // The memory goes back only once the work (and the upload's bytes) are gone.
        drop(file);
        drop(reservation);
        processed
    })
    .await
    .map_err(|e| ApiError::Internal(format!("photo processing: {e}")))?
    .map_err(photo_problem)?;
    // The files first: a row is only ever written for files that are stored.
    // A random, unguessable folder name (256 bits); never shown to anyone.
    let prefix = crate::secrets::new_token()?;
    for size in &processed.sizes {
        if let Err(error) = state
            .photos
            .put(
                &PhotoStore::size_key(&prefix, size.width),
                size.jpeg.clone(),
            )
            .await
        {
            state.photos.delete_prefix(&prefix).await;
            return Err(ApiError::StorageUnavailable(error.to_string()));
        }
    }
    if let Some(delay) = state.settings.photo_row_delay {
        // Only when asked for (the production suite's crash between files and row).
        tracing::warn!(
            ?delay,
            "files written; waiting before the photo's row (KRING_TEST_PHOTO_ROW_DELAY_MS)"
        );
        tokio::time::sleep(delay).await;
    }
    let now = state.clock.now();
    let taken_on = form.taken_on.or(processed.taken_on);
    let sort_day = taken_on.unwrap_or_else(|| now.date_naive());
    let sizes = processed
        .sizes
        .iter()
        .map(|s| format!("{}x{}", s.width, s.height))
        .collect::<Vec<_>>()
        .join(",");
    let (account, staff) = match uploader {
        Uploader::Account(id) => (Some(id), None),
        Uploader::Staff(id) => (None, Some(id)),
    };
    let stored = async {
        let turn = access_log::turn(state).await?;
        let mut tx = crate::db::begin_write(&state.db).await?;
        let id = queries::insert(
            &mut tx,
            &NewPhoto {
                organisation_id: state.organisation_id,
                uploaded_by_account: account,
                uploaded_by_staff: staff,
                caption: &form.caption,
                taken_on,
                created_at: now,
                object_key: &prefix,
                width: i64::from(processed.width),
                height: i64::from(processed.height),
                sizes: &sizes,
                sort_day,
            },
        )
        .await?;
        for client_id in clients {
            queries::link_client(&mut tx, id, *client_id).await?;
            turn.append_in(
                &mut tx,
                &Entry {
                    actor: actor.clone(),
                    client_id: Some(*client_id),
                    section: "photos",
                    item: Some(format!("photo {id}")),
                    action: Action::Create,
                    outcome: Outcome::Allowed,
                    detail: None,
                    address: Some(address),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok::<i64, ApiError>(id)
    }
    .await;
    match stored {
        Ok(id) => Ok(id),
        Err(error) => {
            state.photos.delete_prefix(&prefix).await;
            Err(error)
        }
    }
}

/// Staff post a photo of an activity linked to one or more of their team's clients
/// (R18). The same pipeline as every upload: content sniffed, re-encoded, no metadata.
#[utoipa::path(
    post, path = paths::STAFF_PHOTOS, tag = "staff", operation_id = "staff_upload_photo",
    request_body(content = kring_api::photos::StaffPhotoUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored and linked; as the first client's portal shows it", body = kring_api::photos::Photo),
        (status = 403, response = crate::responses::StaffOnlyChange),
        (status = 404, description = "A client not of the staff member's team (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is over 15 MiB (body-too-large)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPEG, PNG or WebP image (not-a-photo), or not multipart (unsupported-media-type)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "No client, too many pixels, damaged, or a wrong form (invalid-body, photo-too-many-pixels, photo-unreadable, text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 503, description = "The file storage failed; nothing was stored (storage-unavailable)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// Staff post a photo of an activity and link it to one or more of their team's
// clients (R18): each client's portal shows it; each client's access log says so.
async fn staff_upload(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(StatusCode, ApiJson<Photo>), ApiError> {
    let StaffRequest {
        staff,
        signed_in,
        address,
        ..
    } = staff_request;
    let staff_id = signed_in
        .account
        .staff_member_id
        .ok_or(ApiError::Forbidden)?;
    let multipart = multipart.map_err(|_| ApiError::UnsupportedMediaType)?;
    let form = read_form(&headers, multipart, true).await?;
    let mut clients = form.client_ids.clone();
    clients.sort_unstable();
    clients.dedup();
    if clients.is_empty() {
        return Err(ApiError::InvalidBody(
            "link the photo to at least one client (`client_id`)".into(),
        ));
    }
    for client_id in &clients {
        staff.check_client_team(&state, *client_id).await?;
    }
    let id = store_photo(
        &state,
        form,
        Uploader::Staff(staff_id),
        &clients,
        Actor::account(&signed_in.account),
        &address,
    )
    .await?;
    let row = queries::one(&state, clients[0], id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(row.view(clients[0], signed_in.account.id, false, &organisation)),
    ))
}

/// Upload one photo (multipart/form-data). Needs the photos (add) right. The content
/// decides the type; the stored images are made from the pixels, without metadata.
#[utoipa::path(
    post, path = paths::PHOTOS, tag = "photos", operation_id = "upload_photo",
    params(("client_id" = i64, Path, description = "The client")),
    request_body(content = kring_api::photos::PhotoUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "Stored", body = kring_api::photos::Photo),
        (status = 403, description = "Without the right (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, response = crate::responses::NoSuchPortal),
        (status = 413, description = "The file is over 15 MiB (body-too-large)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a JPEG, PNG or WebP image by its content (not-a-photo), or not multipart (unsupported-media-type)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "More than 40 megapixels (photo-too-many-pixels), damaged (photo-unreadable), a caption over 300 characters (text-too-long), or a wrong form (invalid-body)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 503, description = "The file storage failed; nothing was stored (storage-unavailable)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
async fn upload(
    State(state): State<AppState>,
    portal: PortalRequest<NewPhotoSection>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(StatusCode, ApiJson<Photo>), ApiError> {
    let client_id = portal.client_id();
    let multipart = multipart.map_err(|_| ApiError::UnsupportedMediaType)?;
    let form = read_form(&headers, multipart, false).await?;
    let id = store_photo(
        &state,
        form,
        Uploader::Account(portal.account().id),
        &[client_id],
        portal.grant.actor(portal.account()),
        &portal.address,
    )
    .await?;
    let row = queries::one(&state, client_id, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(row.view(
            client_id,
            portal.account().id,
            portal.is_administrator(),
            &organisation,
        )),
    ))
}

/// Remove a photo from this portal: the administrator any photo, others their own. A
/// photo of several clients stays in the other portals. Nothing is destroyed.
#[utoipa::path(
    delete, path = paths::PHOTO, tag = "photos", operation_id = "remove_photo",
    params(("client_id" = i64, Path, description = "The client"), ("photo_id" = i64, Path, description = "The photo")),
    responses(
        (status = 204, description = "Removed from this portal"),
        (status = 403, description = "terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such photo here, or not one's own (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// Removes a photo from this portal only: the administrator any photo, others their
// own. A photo of several clients stays in the other portals. Nothing is destroyed.
async fn remove(
    State(state): State<AppState>,
    portal: PortalRequest<PhotoRemovalSection>,
) -> Result<StatusCode, ApiError> {
    let (client_id, photo_id) = portal.path;
    let row = queries::one(&state, client_id, photo_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !portal.is_administrator() && row.uploaded_by_account != Some(portal.account().id) {
        return Err(ApiError::NotFound);
    }
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::unlink_client(
        &mut tx,
        photo_id,
        client_id,
        portal.account().id,
        state.clock.now(),
    )
    .await?;
    turn.append_in(
        &mut tx,
        &portal.change(PhotoRemovalSection::item(&portal.path), Action::Remove),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Staff remove a photo from every portal, with a reason (R16).
#[utoipa::path(
    post, path = paths::STAFF_PHOTO_REMOVAL, tag = "staff", operation_id = "staff_remove_photo",
    params(("photo_id" = i64, Path, description = "The photo")),
    request_body = kring_api::photos::PhotoRemovalRequest,
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not staff, or not for these clients' team (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such photo, or removed already (not-found)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A reason that is empty (invalid-body) or too long (text-too-long)", body = kring_api::problem::Problem, content_type = "application/problem+json"),
        (status = 401, response = crate::responses::SignedOut),
    ),
    security(("session" = [])),
)]
// The organisation removes a photo from every portal that still shows it, with a
// reason (R16); each of those clients' access logs records it.
async fn staff_remove(
    State(state): State<AppState>,
    staff_request: StaffRequest,
    ApiPath(photo_id): ApiPath<i64>,
    ApiJson(request): ApiJson<PhotoRemovalRequest>,
) -> Result<StatusCode, ApiError> {
    let StaffRequest {
        staff,
        signed_in,
        address,
        ..
    } = staff_request;
    let clients = queries::shown_photo_clients(&state.db, photo_id, state.organisation_id).await?;
    if clients.is_empty() {
        return Err(ApiError::NotFound);
    }
    for client_id in &clients {
        staff.check_client_team(&state, *client_id).await?;
    }
    let reason = bounded_text("reason", &request.reason, REMOVAL_REASON_MAX_CHARS)?;
    let turn = access_log::turn(&state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    queries::remove(
        &mut tx,
        photo_id,
        &reason,
        signed_in.account.staff_member_id,
        state.clock.now(),
    )
    .await?;
    for client_id in clients {
        turn.append_in(
            &mut tx,
            &Entry::allowed(
                Actor::account(&signed_in.account),
                client_id,
                "photos",
                Action::Remove,
            )
            .item(format!("photo {photo_id}"))
            .detail("removed_by_organisation")
            .from(&address),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
