//! Short notes from the client and their circle (R15–R17).

use serde::{Deserialize, Serialize};

use crate::time::Timestamp;

/// The longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 1000;
/// Minutes in which the author may still edit a note.
pub const NOTE_EDIT_MINUTES: i64 = 15;
/// The longest reason for removing a note, in characters.
pub const REMOVAL_REASON_MAX_CHARS: usize = 500;

/// One note as the reader may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    /// The note's id.
    pub id: i64,
    /// Who wrote it.
    pub author_name: String,
    /// How the author relates to the client ("client", "representative", or the contact's
    /// relation such as "Oma").
    pub author_relation: String,
    /// The reader wrote it.
    pub mine: bool,
    /// The text, plain: line breaks are kept; never HTML.
    pub body: String,
    /// When it was written, RFC 3339.
    pub created_at: Timestamp,
    /// When it was last edited, RFC 3339.
    pub edited_at: Option<Timestamp>,
    /// For the author: until when it may be edited, RFC 3339; absent once that passed.
    pub editable_until: Option<Timestamp>,
    /// Only for the author: the organisation removed it, with this reason. Others do not
    /// see a removed note at all.
    pub removed: Option<Removal>,
    /// Written by someone else since the reader's previous visit to the notes.
    #[serde(default)]
    pub new: bool,
}

/// The organisation's removal of something a person placed, a note or a photo (R16), as
/// its author sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Removal {
    /// The organisation's name.
    pub by: String,
    /// Why.
    pub reason: String,
    /// When, RFC 3339.
    pub at: Timestamp,
}

crate::paging::page_query!(
    /// The query of `GET /portals/{client_id}/notes`.
    NoteQuery, "Notes per page, 1 to 100 (default 30)", default = 30, max = 100
);

/// Write a note (`POST`) or change one's own within the edit window (`PATCH`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoteText {
    /// Plain text, 1 to 1000 characters.
    pub body: String,
}

/// Staff remove a note (`POST /staff/notes/{note_id}/removal`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoteRemovalRequest {
    /// Why, in words the author will read (1 to 500 characters).
    pub reason: String,
}
