//! Photos of daily life (R18–R20, R26): the gallery, uploading, removal.
//!
//! Photos are uploaded as `multipart/form-data` with a `file` part (JPEG, PNG or WebP)
//! and optional `caption` and `taken_on` (YYYY-MM-DD) parts. The server decodes the
//! file, applies its orientation and stores only new images made from the pixels, so
//! no metadata (EXIF, GPS, camera serial) survives. Images are served only through the
//! portal's API, checked on every request.

use serde::{Deserialize, Serialize};

use crate::time::{Day, Timestamp};

/// The largest file accepted, in bytes (15 MiB).
pub const PHOTO_MAX_BYTES: usize = 15 * 1024 * 1024;
/// The most pixels an image may have (width × height): 40 megapixels.
pub const PHOTO_MAX_PIXELS: u64 = 40_000_000;
/// The longest caption, in characters.
pub const CAPTION_MAX_CHARS: usize = 300;
/// The widths (of the longer side) the server stores, smallest first. An image smaller
/// than a width is not enlarged: its largest size is its own.
pub const PHOTO_WIDTHS: [u32; 4] = [320, 640, 1280, 2048];
/// The longest reason for removing a photo, in characters.
pub const REMOVAL_REASON_MAX_CHARS: usize = 500;

/// One stored size of a photo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoSize {
    /// Pixels wide.
    pub width: u32,
    /// Pixels high.
    pub height: u32,
    /// The image's path relative to the API base
    /// (`/portals/{client_id}/photos/{photo_id}/{size}`).
    pub path: String,
}

/// A photo as the viewer may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Photo {
    /// The photo's id.
    pub id: i64,
    /// The caption (also the image's text alternative); may be empty.
    pub caption: String,
    /// The day it was taken (YYYY-MM-DD), from the uploader or the camera.
    pub taken_on: Option<Day>,
    /// When it was placed, RFC 3339.
    pub posted_at: Timestamp,
    /// Who placed it: a person's name, or the care team.
    pub posted_by: String,
    /// The viewer placed it.
    pub mine: bool,
    /// The viewer may remove it from this portal.
    pub can_remove: bool,
    /// The full size's width (after orientation).
    pub width: u32,
    /// The full size's height.
    pub height: u32,
    /// The stored sizes, smallest first, for `srcset` (none when removed).
    pub sizes: Vec<PhotoSize>,
    /// Only for the uploader: the organisation removed it, with this reason. Others do
    /// not see a removed photo at all, and its images are gone for everyone.
    #[serde(default)]
    pub removed: Option<crate::notes::Removal>,
    /// Placed by someone else since the viewer's previous visit to the photos.
    #[serde(default)]
    pub new: bool,
}

crate::paging::page_query!(
    /// The query of `GET /portals/{client_id}/photos`.
    PhotoQuery, "Photos per page, 1 to 200 (default 60)", default = 60, max = 200
);

/// The upload form, as documented for `multipart/form-data`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhotoUpload {
    /// The image: JPEG, PNG or WebP, at most 15 MiB and 40 megapixels.
    #[cfg_attr(feature = "openapi", schema(format = Binary, content_media_type = "application/octet-stream"))]
    pub file: String,
    /// Optional caption (at most 300 characters).
    pub caption: Option<String>,
    /// Optional day taken (YYYY-MM-DD); without it the camera's date is used, if any.
    pub taken_on: Option<Day>,
}

/// Staff remove a photo with a reason (`POST /staff/photos/{photo_id}/removal`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PhotoRemovalRequest {
    /// Why, in words the uploader will read (1 to 500 characters).
    pub reason: String,
}

/// The staff upload form (`POST /staff/photos`, `multipart/form-data`): a photo of a
/// joint activity linked to one or more of the team's clients (R18).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffPhotoUpload {
    /// The image: JPEG, PNG or WebP, at most 15 MiB and 40 megapixels.
    #[cfg_attr(feature = "openapi", schema(format = Binary, content_media_type = "application/octet-stream"))]
    pub file: String,
    /// Optional caption (at most 300 characters).
    pub caption: Option<String>,
    /// Optional day taken (YYYY-MM-DD).
    pub taken_on: Option<Day>,
    /// One part per client whose portal shows the photo.
    pub client_id: Vec<i64>,
}
