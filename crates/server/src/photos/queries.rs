//! Reading photos from the database.

use chrono::{DateTime, NaiveDate, Utc};
use kring_api::{paths, Photo, PhotoSize, Removal};
use kring_api::{Day, Timestamp};

use crate::db::{Db, Pool};
use crate::problem::ApiError;
use crate::state::AppState;

/// One photo linked to a client, still shown in that portal.
#[derive(sqlx::FromRow)]
pub(crate) struct PhotoRow {
    pub id: i64,
    caption: String,
    taken_on: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    pub object_key: String,
    width: i64,
    height: i64,
    sizes: String,
    pub sort_day: NaiveDate,
    pub uploaded_by_account: Option<i64>,
    account_name: Option<String>,
    staff_name: Option<String>,
    pub(super) removed_at: Option<DateTime<Utc>>,
    removed_reason: Option<String>,
}

/// The photos linked to a client and not removed from that portal; the caller adds
/// which removed-by-the-organisation photos it may see (only their uploader, and never
/// their images).
const PHOTO_QUERY: &str =
    "SELECT p.id, p.caption, p.taken_on, p.created_at, p.object_key, p.width, \
     p.height, p.sizes, p.sort_day, p.uploaded_by_account, a.display_name AS account_name, \
     s.name AS staff_name, p.removed_at, p.removed_reason \
     FROM photo_clients pc JOIN photos p ON p.id = pc.photo_id \
     LEFT JOIN accounts a ON a.id = p.uploaded_by_account \
     LEFT JOIN staff_members s ON s.id = p.uploaded_by_staff \
     WHERE pc.client_id = $1 AND pc.removed_at IS NULL";

/// A stored size: width, height, and its object key.
pub(crate) struct StoredSize {
    pub width: u32,
    pub height: u32,
    pub key: String,
}

impl PhotoRow {
    /// The stored sizes, smallest first. Photos stored before sizes existed have one.
    pub(crate) fn stored_sizes(&self) -> Vec<StoredSize> {
        if self.sizes.is_empty() {
            return vec![StoredSize {
                width: self.width as u32,
                height: self.height as u32,
                key: self.object_key.clone(),
            }];
        }
        self.sizes
            .split(',')
            .filter_map(|size| {
                let (w, h) = size.split_once('x')?;
                let width = w.parse().ok()?;
                Some(StoredSize {
                    width,
                    height: h.parse().ok()?,
                    key: super::PhotoStore::size_key(&self.object_key, width),
                })
            })
            .collect()
    }

    /// The photo as `viewer` sees it in `client_id`'s portal. A photo the organisation
    /// removed (only its uploader gets it) has its reason and no images.
    pub(crate) fn view(
        &self,
        client_id: i64,
        viewer: i64,
        administrator: bool,
        organisation: &str,
    ) -> Photo {
        let mine = self.uploaded_by_account == Some(viewer);
        let removed = self.removed_at.map(|at| Removal {
            by: organisation.to_owned(),
            reason: self.removed_reason.clone().unwrap_or_default(),
            at: Timestamp::from(at),
        });
        Photo {
            id: self.id,
            caption: self.caption.clone(),
            taken_on: self.taken_on.map(Day::from),
            posted_at: Timestamp::from(self.created_at),
            posted_by: self
                .account_name
                .clone()
                .or_else(|| self.staff_name.clone())
                .unwrap_or_default(),
            mine,
            can_remove: removed.is_none() && (administrator || mine),
            width: self.width as u32,
            height: self.height as u32,
            sizes: if removed.is_some() {
                Vec::new()
            } else {
                self.stored_sizes()
                    .into_iter()
                    .map(|size| PhotoSize {
                        width: size.width,
                        height: size.height,
                        path: paths::fill(
                            paths::PHOTO_IMAGE,
                            &[client_id, self.id, size.width.into()],
                        ),
                    })
                    .collect()
            },
            removed,
            // Set by the gallery, which knows the viewer's previous visit.
            new: false,
        }
    }

    /// Whether the photo was placed after `since`.
    pub(crate) fn arrived_after(&self, since: DateTime<Utc>) -> bool {
        self.created_at > since
    }
}

/// A position in the gallery: the day and the id of the last photo shown.
pub(crate) type PhotoPosition = (NaiveDate, i64);

/// A page of a client's gallery as `viewer` sees it, newest day first: photos the
/// organisation removed only for their uploader (R16).
pub(crate) async fn page(
    state: &AppState,
    client_id: i64,
    viewer: i64,
    after: Option<PhotoPosition>,
    limit: u32,
) -> Result<Vec<PhotoRow>, ApiError> {
    let (after_day, after_id) = after.unwrap_or((
        // Not NaiveDate::MAX: SQLite compares dates as text, and that one has a sign.
        NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default(),
        i64::MAX,
    ));
    Ok(sqlx::query_as(&format!(
        "{PHOTO_QUERY} AND (p.removed_at IS NULL OR p.uploaded_by_account = $5) \
         AND (p.sort_day < $2 OR (p.sort_day = $2 AND p.id < $3)) \
         ORDER BY p.sort_day DESC, p.id DESC LIMIT $4"
    ))
    .bind(client_id)
    .bind(after_day)
    .bind(after_id)
    .bind(i64::from(limit))
    .bind(viewer)
    .fetch_all(&state.db)
    .await?)
}

/// One photo still shown in a client's portal.
pub(crate) async fn one(
    state: &AppState,
    client_id: i64,
    photo_id: i64,
) -> Result<Option<PhotoRow>, ApiError> {
    Ok(sqlx::query_as(&format!(
        "{PHOTO_QUERY} AND p.removed_at IS NULL AND p.id = $2"
    ))
    .bind(client_id)
    .bind(photo_id)
    .fetch_optional(&state.db)
    .await?)
}

/// A stored photo's row, before it is linked to clients.
pub(crate) struct NewPhoto<'a> {
    /// The organisation it belongs to.
    pub organisation_id: i64,
    /// The account that uploaded it (through a portal), or
    pub uploaded_by_account: Option<i64>,
    /// the staff member who did.
    pub uploaded_by_staff: Option<i64>,
    /// The caption as written.
    pub caption: &'a str,
    /// The day it was taken, as given or read from the photo.
    pub taken_on: Option<NaiveDate>,
    /// When it was uploaded.
    pub created_at: DateTime<Utc>,
    /// The folder its sizes are stored under.
    pub object_key: &'a str,
    /// The largest size's width in pixels.
    pub width: i64,
    /// The largest size's height in pixels.
    pub height: i64,
    /// Every stored size, `WxH` separated by commas.
    pub sizes: &'a str,
    /// The day it sorts under: taken, or else uploaded.
    pub sort_day: NaiveDate,
}

/// Writes a photo's row and returns its id.
pub(crate) async fn insert(
    tx: &mut sqlx::Transaction<'_, Db>,
    photo: &NewPhoto<'_>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO photos (organisation_id, uploaded_by_account, uploaded_by_staff, caption, taken_on, \
         created_at, object_key, content_type, width, height, sizes, sort_day) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'image/jpeg', $8, $9, $10, $11) RETURNING id",
    )
    .bind(photo.organisation_id)
    .bind(photo.uploaded_by_account)
    .bind(photo.uploaded_by_staff)
    .bind(photo.caption)
    .bind(photo.taken_on)
    .bind(photo.created_at)
    .bind(photo.object_key)
    .bind(photo.width)
    .bind(photo.height)
    .bind(photo.sizes)
    .bind(photo.sort_day)
    .fetch_one(&mut **tx)
    .await
}

/// Shows a photo in one client's portal.
pub(crate) async fn link_client(
    tx: &mut sqlx::Transaction<'_, Db>,
    photo_id: i64,
    client_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO photo_clients (photo_id, client_id) VALUES ($1, $2)")
        .bind(photo_id)
        .bind(client_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Takes a photo out of one client's portal, by an account of that portal.
pub(crate) async fn unlink_client(
    tx: &mut sqlx::Transaction<'_, Db>,
    photo_id: i64,
    client_id: i64,
    removed_by_account: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE photo_clients SET removed_at = $1, removed_by_account = $2 WHERE photo_id = $3 AND client_id = $4",
    )
    .bind(now)
    .bind(removed_by_account)
    .bind(photo_id)
    .bind(client_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The clients in whose portals a photo of the organisation is still shown, in id
/// order (none when it is removed or not the organisation's).
pub(crate) async fn shown_photo_clients(
    db: &Pool,
    photo_id: i64,
    organisation_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT pc.client_id FROM photo_clients pc JOIN photos p ON p.id = pc.photo_id \
         WHERE p.id = $1 AND p.organisation_id = $2 AND p.removed_at IS NULL AND pc.removed_at IS NULL \
         ORDER BY pc.client_id",
    )
    .bind(photo_id)
    .bind(organisation_id)
    .fetch_all(db)
    .await
}

/// Marks a photo as removed by a staff member, with the reason its uploader will read.
pub(crate) async fn remove(
    tx: &mut sqlx::Transaction<'_, Db>,
    photo_id: i64,
    reason: &str,
    staff_member_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE photos SET removed_at = $1, removed_reason = $2, removed_by_staff = $3 WHERE id = $4",
    )
    .bind(now)
    .bind(reason)
    .bind(staff_member_id)
    .bind(photo_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
