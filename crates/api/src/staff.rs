//! What the organisation's staff do to give, suspend and shape portal access.

use serde::{Deserialize, Serialize};

use crate::text::{DocumentSection, Language, LocalizedText};

/// Who becomes a portal's administrator (R2, R6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AdministratorRelation {
    /// The client themselves.
    Client,
    /// The client's legal representative (mentor, guardian, authorised person).
    Representative,
}

/// Gives a client's portal to its administrator and sends the activation link
/// (`POST /staff/clients/{client_id}/administrator`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GrantAccessRequest {
    /// The administrator's full name.
    pub name: String,
    /// Their e-mail address; the activation link goes here.
    pub email: String,
    /// Their mobile number; sign-in codes go here.
    pub mobile: String,
    /// The client, or a legal representative.
    pub relation: AdministratorRelation,
    /// For a representative: what shows they may represent the client (court order,
    /// signed statement in the dossier). Required for a representative.
    pub representation_basis: Option<String>,
    /// The language of the messages.
    pub language: Language,
}

/// The access was given and the activation link sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantedAccess {
    /// The client whose portal it is.
    pub client_id: i64,
    /// The e-mail address the link went to.
    pub email: String,
    /// When the activation link stops working, RFC 3339.
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub link_expires_at: String,
}

/// Suspends an account or a portal for excessive use (R5, R10, R16).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SuspensionRequest {
    /// Why, in words the person will read.
    pub reason: String,
}

/// Publishes a new terms version (`POST /staff/terms`); everyone accepts it again at
/// their next request from the date it is in force.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishTermsRequest {
    /// The date it comes into force, `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub in_force_from: String,
    /// What changed, one change per line.
    pub change_summary: LocalizedText,
    /// The full text.
    pub sections: Vec<DocumentSection>,
}
