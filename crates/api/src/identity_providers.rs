//! Signing in with an OpenID Connect provider (issue 18): a DigiD broker for clients,
//! representatives and network contacts, the organisation's own identity provider for
//! staff. The server's administrator configures the providers; the organisation
//! chooses per group which sign-in methods are allowed ([`SignInMethods`]). A provider
//! never makes an account: a person links it to the account the organisation gave them.

use serde::{Deserialize, Serialize};

use crate::text::LocalizedText;
use crate::time::Timestamp;

/// Who a provider (or a sign-in method) serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignInGroup {
    /// Clients, their representatives and the contacts in their circle (e.g. DigiD).
    Clients,
    /// The organisation's staff (its own identity provider).
    Staff,
}

/// A configured provider, as the sign-in page shows it (`GET /identity-providers`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentityProvider {
    /// The provider's id (a slug such as `digid`), in the addresses and the settings.
    pub id: String,
    /// The name on its button, in both languages.
    pub name: LocalizedText,
    /// Who it serves.
    pub group: SignInGroup,
}

/// What a sign-in at a provider is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProviderPurpose {
    /// Sign in to the account the provider's identity is linked to.
    SignIn,
    /// Link the provider's identity to the signed-in account.
    Link,
}

/// Start a sign-in at a provider (`POST /identity-providers/{provider}/start`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProviderStart {
    /// Sign in, or link to the signed-in account.
    pub purpose: ProviderPurpose,
}

/// Where the browser goes next: the provider's sign-in page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderRedirect {
    /// The provider's authorisation address, with this sign-in's `state`, `nonce` and
    /// PKCE challenge.
    pub authorization_url: String,
}

/// A provider linked to the signed-in account (`GET /account/identity-links`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentityLink {
    /// The provider's id.
    pub provider_id: String,
    /// Its name (the id itself when the provider is no longer configured).
    pub provider_name: LocalizedText,
    /// When the link was made.
    pub linked_at: Timestamp,
    /// When it was last used to sign in.
    pub last_used_at: Option<Timestamp>,
}

/// An organisation administrator links a staff member's account to an identity provider
/// for staff (`PUT /staff/members/{staff_id}/identity-links/{provider_id}`): for someone
/// whose provider does not vouch for their e-mail address, so they cannot be matched by
/// it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StaffIdentityLinkRequest {
    /// The provider's fixed id for the person (its `sub` claim), as the provider's
    /// administration shows it; 1 to 255 characters.
    pub subject: String,
}

/// The sign-in methods one group may use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupSignInMethods {
    /// E-mail address and password with a code by text message.
    pub password: bool,
    /// The ids of the allowed providers that serve this group.
    pub providers: Vec<String>,
}

/// Which sign-in methods the organisation allows, per group
/// (`GET`/`PUT /staff/organisation/sign-in-methods`); each group keeps at least one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignInMethods {
    /// Clients, representatives and network contacts.
    pub clients: GroupSignInMethods,
    /// Staff.
    pub staff: GroupSignInMethods,
}

impl SignInMethods {
    /// The methods of `group`.
    pub fn of(&self, group: SignInGroup) -> &GroupSignInMethods {
        match group {
            SignInGroup::Clients => &self.clients,
            SignInGroup::Staff => &self.staff,
        }
    }
}

/// The query a provider sends the browser back with
/// (`GET /identity-providers/callback`), as OpenID Connect defines it. Other members a
/// provider adds (`iss`, `session_state`, …) are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ProviderCallback {
    /// The authorisation code, to be exchanged once for the tokens
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The `state` this portal sent, naming the sign-in
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The provider's error, when the sign-in stopped there (e.g. `access_denied`)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
