//! Which sign-in methods the organisation allows, per group (issue 18): password with a
//! code by text message, and each configured OpenID Connect provider of the group.
//! Staff accounts are the `staff` group; everyone else (clients, representatives,
//! network contacts) the `clients` group. Stored as JSON on the organisation; without
//! a stored choice every method of the group is allowed.
//!
//! A stored choice is read against the providers configured now: a provider that was
//! removed from the file counts as not allowed, and a group left with no method at all
//! may use the password, so a change of configuration never locks everyone out.

use kring_api::{GroupSignInMethods, SignInGroup, SignInMethods};

use crate::auth::accounts::Account;
use crate::db::Db;
use crate::identity_providers::IdentityProviders;
use crate::problem::ApiError;
use crate::state::AppState;

/// A way of signing in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method<'a> {
    /// E-mail address, password and a code by text message.
    Password,
    /// The OpenID Connect provider with this id.
    Provider(&'a str),
}

/// The group an account signs in as.
pub fn group_of(account: &Account) -> SignInGroup {
    if account.staff_member_id.is_some() {
        SignInGroup::Staff
    } else {
        SignInGroup::Clients
    }
}

/// Every method of a group: the default when nothing is stored.
fn everything(providers: &IdentityProviders, group: SignInGroup) -> GroupSignInMethods {
    GroupSignInMethods {
        password: true,
        providers: providers
            .all()
            .iter()
            .filter(|p| p.group == group)
            .map(|p| p.id.clone())
            .collect(),
    }
}

/// A stored group's methods as they apply now (see the module's note).
fn effective(
    providers: &IdentityProviders,
    group: SignInGroup,
    stored: &GroupSignInMethods,
) -> GroupSignInMethods {
    let configured: Vec<String> = stored
        .providers
        .iter()
        .filter(|id| providers.get(id).is_some_and(|p| p.group == group))
        .cloned()
        .collect();
    GroupSignInMethods {
        password: stored.password || configured.is_empty(),
        providers: configured,
    }
}

/// The allowed methods per group, as they apply now.
pub async fn allowed<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    providers: &IdentityProviders,
    organisation_id: i64,
) -> Result<SignInMethods, ApiError> {
    let stored: Option<Option<String>> =
        sqlx::query_scalar("SELECT sign_in_methods FROM organisations WHERE id = $1")
            .bind(organisation_id)
            .fetch_optional(db)
            .await?;
    let stored = stored.ok_or(ApiError::NotFound)?;
    Ok(match stored {
        None => SignInMethods {
            clients: everything(providers, SignInGroup::Clients),
            staff: everything(providers, SignInGroup::Staff),
        },
        Some(json) => {
            let stored: SignInMethods = serde_json::from_str(&json)
                .map_err(|e| ApiError::Internal(format!("stored sign-in methods: {e}")))?;
            SignInMethods {
                clients: effective(providers, SignInGroup::Clients, &stored.clients),
                staff: effective(providers, SignInGroup::Staff, &stored.staff),
            }
        }
    })
}

/// Refuses (403 `sign-in-method-not-allowed`) a method the organisation does not allow
/// for the account's group, or a provider that serves the other group.
pub async fn check(
    state: &AppState,
    account: &Account,
    method: Method<'_>,
) -> Result<(), ApiError> {
    let providers = &state.settings.identity_providers;
    let methods = allowed(&state.db, providers, state.organisation_id).await?;
    let group = methods.of(group_of(account));
    let ok = match method {
        Method::Password => group.password,
        Method::Provider(id) => group.providers.iter().any(|p| p == id),
    };
    if ok {
        Ok(())
    } else {
        Err(ApiError::SignInMethodNotAllowed)
    }
}

/// Checks a new choice: each provider configured and of the group it is listed for, no
/// provider twice, and at least one method per group (`invalid-body` otherwise; the
/// settings page says so before sending). Answers the choice in the configured
/// providers' order.
pub fn check_choice(
    providers: &IdentityProviders,
    choice: SignInMethods,
) -> Result<SignInMethods, ApiError> {
    let group = |group: SignInGroup, methods: GroupSignInMethods| {
        for id in &methods.providers {
            if !providers.get(id).is_some_and(|p| p.group == group) {
                return Err(ApiError::InvalidBody(format!(
                    "{id:?} is not a provider for this group"
                )));
            }
        }
        if !methods.password && methods.providers.is_empty() {
            return Err(ApiError::InvalidBody(
                "each group needs at least one sign-in method".into(),
            ));
        }
        Ok(GroupSignInMethods {
            password: methods.password,
            providers: providers
                .all()
                .iter()
                .filter(|p| methods.providers.contains(&p.id))
                .map(|p| p.id.clone())
                .collect(),
        })
    };
    Ok(SignInMethods {
        clients: group(SignInGroup::Clients, choice.clients)?,
        staff: group(SignInGroup::Staff, choice.staff)?,
    })
}

/// Stores a checked choice, in the caller's transaction.
pub async fn store(
    tx: &mut sqlx::Transaction<'static, Db>,
    organisation_id: i64,
    methods: &SignInMethods,
) -> Result<(), ApiError> {
    let json = serde_json::to_string(methods)
        .map_err(|e| ApiError::Internal(format!("sign-in methods: {e}")))?;
    sqlx::query("UPDATE organisations SET sign_in_methods = $1 WHERE id = $2")
        .bind(json)
        .bind(organisation_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
