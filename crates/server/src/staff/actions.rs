//! The staff actions themselves, shared by the HTTP routes and the command line.

use chrono::NaiveDate;
use kring_api::dev::Channel;
use kring_api::{
    AdministratorRelation, DocumentSection, GrantAccessRequest, GrantedAccess, Language,
    LocalizedText,
};
use kring_api::{Day, Timestamp};

use crate::access_log;
use crate::auth::accounts::{self, normalize_email, normalize_mobile};
use crate::auth::{messages, session};
use crate::outbox::limits;
use crate::portals::access::access_ends_on;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::terms::{self, NewTermsVersion};

/// Who acts: a staff account, or the command line (`None`).
pub type Actor = Option<i64>;

/// How a staff actor appears in the access log.
async fn log_actor(state: &AppState, actor: Actor) -> Result<access_log::Actor, ApiError> {
    Ok(match actor {
        Some(account_id) => {
            match crate::auth::accounts::by_id(&state.db, state.organisation_id, account_id).await?
            {
                Some(account) => access_log::Actor::account(&account),
                None => access_log::Actor::system(),
            }
        }
        None => access_log::Actor::system(),
    })
}

fn entry<'a>(
    actor: access_log::Actor,
    client_id: Option<i64>,
    detail: &'a str,
    item: String,
) -> access_log::Entry<'a> {
    let action =
        if detail.starts_with("lift") || detail.starts_with("suspend") || detail == "publish_terms"
        {
            access_log::Action::Update
        } else {
            access_log::Action::Create
        };
    access_log::Entry {
        actor,
        client_id,
        section: "staff",
        item: Some(item),
        action,
        outcome: access_log::Outcome::Allowed,
        detail: Some(detail),
        address: None,
    }
}

/// Logs a change that committed on its own.
async fn log(
    state: &AppState,
    actor: Actor,
    client_id: Option<i64>,
    detail: &str,
    item: String,
) -> Result<(), ApiError> {
    let actor = log_actor(state, actor).await?;
    access_log::append(state, entry(actor, client_id, detail, item)).await
}

/// A change made in `tx`, committed together with its access-log entry.
async fn commit_logged(
    turn: access_log::Turn<'_>,
    mut tx: sqlx::Transaction<'static, crate::db::Db>,
    actor: access_log::Actor,
    client_id: Option<i64>,
    detail: &str,
    item: String,
) -> Result<(), ApiError> {
    turn.append_in(&mut tx, &entry(actor, client_id, detail, item))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Gives a client's portal to its one administrator and sends the activation link (or,
/// for someone who already has an active account, a notice).
pub async fn grant_administrator(
    state: &AppState,
    actor: Actor,
    client_id: i64,
    new: GrantAccessRequest,
) -> Result<GrantedAccess, ApiError> {
    give_administration(state, actor, client_id, new, false).await
}

/// Moves administration to someone else (the client turned 18, a representative was
/// appointed): the current administrator's access ends in the same transaction as the
/// new one's begins, so there is exactly one administrator at every moment; both are
/// told by e-mail.
pub async fn change_administrator(
    state: &AppState,
    actor: Actor,
    client_id: i64,
    new: GrantAccessRequest,
) -> Result<GrantedAccess, ApiError> {
    give_administration(state, actor, client_id, new, true).await
}

async fn give_administration(
    state: &AppState,
    actor: Actor,
    client_id: i64,
    new: GrantAccessRequest,
    replacing: bool,
) -> Result<GrantedAccess, ApiError> {
    let now = state.clock.now();
    let name = new.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::InvalidBody(
            "name must be 1 to 200 characters".into(),
        ));
    }
    let email = normalize_email(&new.email)?;
    let mobile = normalize_mobile(&new.mobile)?;
    let basis = new
        .representation_basis
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(str::to_owned);
    let relation = match new.relation {
        AdministratorRelation::Client => "client",
        AdministratorRelation::Representative => {
            if basis.is_none() {
                return Err(ApiError::RepresentationBasisRequired);
            }
            "representative"
        }
    };
    #[derive(sqlx::FromRow)]
    struct ClientRow {
        first_name: String,
        family_name: String,
        care_relation_end: Option<NaiveDate>,
        deceased_on: Option<NaiveDate>,
        access_grace_days: i64,
    }
    let client: Option<ClientRow> = sqlx::query_as(
        "SELECT c.first_name, c.family_name, c.care_relation_end, c.deceased_on, o.access_grace_days \
         FROM clients c JOIN organisations o ON o.id = c.organisation_id \
         WHERE c.id = $1 AND c.organisation_id = $2",
    )
    .bind(client_id)
    .bind(state.organisation_id)
    .fetch_optional(&state.db)
    .await?;
    let ClientRow {
        first_name,
        family_name,
        care_relation_end: relation_end,
        deceased_on,
        access_grace_days: grace,
    } = client.ok_or(ApiError::NotFound)?;
    if access_ends_on(relation_end, deceased_on, grace)
        .is_some_and(|ends| state.clock.today() >= ends)
    {
        return Err(ApiError::AccessEnded);
    }
    let existing_admin: Option<(i64, i64)> = sqlx::query_as(
        "SELECT id, account_id FROM portal_access WHERE client_id = $1 AND role = 'administrator' AND status IN ('invited', 'active')",
    )
    .bind(client_id)
    .fetch_optional(&state.db)
    .await?;
    if existing_admin.is_some() && !replacing {
        return Err(ApiError::AdministratorExists);
    }
    let previous = match existing_admin {
        Some((_, account_id)) => {
            accounts::by_id(&state.db, state.organisation_id, account_id).await?
        }
        None => None,
    };
    if previous.as_ref().is_some_and(|p| p.email == email) {
        return Err(ApiError::AdministratorExists);
    }
    // R26: the e-mail to the new administrator and the notice to the previous one must
    // fit the message limits; refused before anything is stored. The permit is held
    // until the e-mail is queued (the notice is only checked: two permits in one
    // request could wait for each other's).
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Email,
        &email,
        now,
    )
    .await?;
    if let Some(previous) = &previous {
        limits::check(
            &state.db,
            state.settings.message_limits,
            Channel::Email,
            &previous.email,
            now,
        )
        .await?;
    }

    let language = match new.language {
        Language::Nl => "nl",
        Language::En => "en",
    };
    let account = match accounts::by_email(&state.db, state.organisation_id, &email).await? {
        Some(account) => {
            // Someone who deleted their own account may be given access again: the
            // account is opened again as a new one (R2: the organisation decides).
            if accounts::is_deleted(&state.db, account.id).await? {
                accounts::reopen_deleted(&state.db, account.id, &name, &mobile, language).await?;
            }
            let account = accounts::by_id(&state.db, state.organisation_id, account.id)
                .await?
                .ok_or(ApiError::NotFound)?;
            account.check_usable()?;
            if account.status == "pending" {
                // Not yet confirmed: the organisation's newest details count.
                sqlx::query("UPDATE accounts SET display_name = $1, mobile = $2, preferred_language = $3 WHERE id = $4")
                    .bind(&name)
                    .bind(&mobile)
                    .bind(language)
                    .bind(account.id)
                    .execute(&state.db)
                    .await?;
            }
            accounts::by_id(&state.db, state.organisation_id, account.id)
                .await?
                .ok_or(ApiError::NotFound)?
        }
        None => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO accounts (organisation_id, display_name, email, mobile, preferred_language, created_at, status) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'pending') RETURNING id",
            )
            .bind(state.organisation_id)
            .bind(&name)
            .bind(&email)
            .bind(&mobile)
            .bind(language)
            .bind(now)
            .fetch_one(&state.db)
            .await?;
            accounts::by_id(&state.db, state.organisation_id, id)
                .await?
                .ok_or(ApiError::NotFound)?
        }
    };
    // An active account is attached as it is, also one whose second factor staff reset
    // (a lost phone): the person signs in and sets up a new number first.
    let already_active = account.status == "active" && account.can_sign_in();
    let access_status = if already_active { "active" } else { "invited" };
    // The grant and its access-log entry commit together; the message goes after.
    let log_as = log_actor(state, actor).await?;
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    if let Some((access_id, _)) = existing_admin {
        // Administration moves: the previous administrator's access ends first (the
        // schema allows one current administrator).
        sqlx::query("UPDATE portal_access SET status = 'ended', ended_at = $1 WHERE id = $2")
            .bind(now)
            .bind(access_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO portal_access (client_id, account_id, role, relation, representation_basis, status, \
         can_view_care_plan, can_view_reports, can_view_photos, can_add_photos, can_view_notes, can_add_notes, created_at) \
         VALUES ($1, $2, 'administrator', $3, $4, $5, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, $6) \
         ON CONFLICT (client_id, account_id) DO UPDATE SET role = 'administrator', relation = $3, \
         representation_basis = $4, status = $5, can_view_care_plan = TRUE, can_view_reports = TRUE, \
         can_view_photos = TRUE, can_add_photos = TRUE, can_view_notes = TRUE, can_add_notes = TRUE, ended_at = NULL",
    )
    .bind(client_id)
    .bind(account.id)
    .bind(relation)
    .bind(&basis)
    .bind(access_status)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // A new administrator opens a portal that an earlier one ended.
    sqlx::query("UPDATE clients SET portal_ended_at = NULL WHERE id = $1")
        .bind(client_id)
        .execute(&mut *tx)
        .await?;
    commit_logged(
        turn,
        tx,
        log_as,
        Some(client_id),
        if previous.is_some() {
            "change_administrator"
        } else {
            "grant_access"
        },
        format!("account:{}", account.id),
    )
    .await?;

    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    let client_name = format!("{first_name} {family_name}");
    let (message, link_expires_at) = if already_active {
        let link = format!("{}/", state.settings.public_url);
        (
            messages::access_granted_email(
                &account.email,
                &account.display_name,
                &client_name,
                &link,
                &organisation,
                account.language(),
            ),
            now,
        )
    } else {
        let (token, expires_at) = crate::auth::new_link(
            state,
            account.id,
            "activation",
            crate::auth::ACTIVATION_LINK_LIFETIME,
            now,
        )
        .await?;
        let link = format!("{}/activeren#{token}", state.settings.public_url);
        (
            messages::activation_email(
                &account.email,
                &account.display_name,
                &link,
                &organisation,
                account.language(),
            ),
            expires_at,
        )
    };
    state
        .sender
        .send(message)
        .await
        .map_err(|e| ApiError::Internal(format!("sending the activation e-mail: {e}")))?;
    if let Some(previous) = previous {
        state
            .sender
            .send(messages::administration_moved_email(
                &previous.email,
                &previous.display_name,
                &client_name,
                &account.display_name,
                &organisation,
                previous.language(),
            ))
            .await
            .map_err(|e| ApiError::Internal(format!("sending the notice: {e}")))?;
    }
    Ok(GrantedAccess {
        client_id,
        email: account.email,
        link_expires_at: Timestamp::from(link_expires_at),
    })
}

/// Suspends an account with a reason (ending its sessions), or lifts the suspension.
pub async fn set_account_suspension(
    state: &AppState,
    actor: Actor,
    account_id: i64,
    reason: Option<String>,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let account = accounts::by_id(&state.db, state.organisation_id, account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let reason = reason.as_deref().map(checked_reason).transpose()?;
    // The change and its access-log entry commit together.
    let log_as = log_actor(state, actor).await?;
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let detail = match reason {
        Some(reason) => {
            sqlx::query(
                "UPDATE accounts SET status = 'suspended', status_reason = $1 WHERE id = $2",
            )
            .bind(&reason)
            .bind(account.id)
            .execute(&mut *tx)
            .await?;
            session::end_all(&mut *tx, account.id, "account_suspended", now).await?;
            "suspend_account"
        }
        None => {
            let status = if account.mobile_verified_at.is_some() {
                "active"
            } else {
                "pending"
            };
            sqlx::query(
                "UPDATE accounts SET status = $1, status_reason = NULL WHERE id = $2 AND status = 'suspended'",
            )
            .bind(status)
            .bind(account.id)
            .execute(&mut *tx)
            .await?;
            "lift_account_suspension"
        }
    };
    commit_logged(
        turn,
        tx,
        log_as,
        None,
        detail,
        format!("account:{account_id}"),
    )
    .await
}

/// Suspends a client's portal with a reason, or lifts the suspension.
pub async fn set_portal_suspension(
    state: &AppState,
    actor: Actor,
    client_id: i64,
    reason: Option<String>,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let exists: Option<i64> =
        sqlx::query_scalar("SELECT id FROM clients WHERE id = $1 AND organisation_id = $2")
            .bind(client_id)
            .bind(state.organisation_id)
            .fetch_optional(&state.db)
            .await?;
    exists.ok_or(ApiError::NotFound)?;
    let reason = reason.as_deref().map(checked_reason).transpose()?;
    // The change and its access-log entry commit together.
    let log_as = log_actor(state, actor).await?;
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let detail = match reason {
        Some(reason) => {
            sqlx::query("UPDATE clients SET portal_suspended_at = $1, portal_suspended_reason = $2 WHERE id = $3")
                .bind(now)
                .bind(&reason)
                .bind(client_id)
                .execute(&mut *tx)
                .await?;
            "suspend_portal"
        }
        None => {
            sqlx::query("UPDATE clients SET portal_suspended_at = NULL, portal_suspended_reason = NULL WHERE id = $1")
                .bind(client_id)
                .execute(&mut *tx)
                .await?;
            "lift_portal_suspension"
        }
    };
    commit_logged(
        turn,
        tx,
        log_as,
        Some(client_id),
        detail,
        format!("portal:{client_id}"),
    )
    .await
}

fn checked_reason(reason: &str) -> Result<String, ApiError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ApiError::InvalidBody(
            "reason must be 1 to 500 characters".into(),
        ));
    }
    Ok(reason.to_owned())
}

/// Publishes a new terms version; everyone accepts it again once it is in force.
pub async fn publish_terms(
    state: &AppState,
    actor: Actor,
    in_force_from: Day,
    change_summary: LocalizedText,
    sections: Vec<DocumentSection>,
) -> Result<u32, ApiError> {
    let in_force_from = NaiveDate::from(in_force_from);
    // A version cannot have been in force already: people accept what comes, not what
    // they were held to without knowing (the app says the same before sending).
    if in_force_from < state.clock.today() {
        return Err(ApiError::InvalidBody(
            "in_force_from is before today: a new version comes into force today or later".into(),
        ));
    }
    if sections.is_empty()
        || sections.iter().any(|s| {
            s.heading.nl.trim().is_empty()
                || s.heading.en.trim().is_empty()
                || s.body.nl.trim().is_empty()
                || s.body.en.trim().is_empty()
        })
    {
        return Err(ApiError::InvalidBody(
            "terms need sections with a heading and text in both languages".into(),
        ));
    }
    let version = terms::publish(
        &state.db,
        state.organisation_id,
        &NewTermsVersion {
            in_force_from,
            change_summary,
            sections,
        },
        state.clock.now(),
    )
    .await?;
    log(
        state,
        actor,
        None,
        "publish_terms",
        format!("terms:{version}"),
    )
    .await?;
    Ok(version)
}
