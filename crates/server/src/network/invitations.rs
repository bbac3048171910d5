//! Invitations: a single-use link (only its hash is stored) that works for 7 days, can
//! be sent again (a new link; the old one stops working) or withdrawn.

use chrono::{DateTime, Duration, Utc};
use kring_api::dev::Channel;
use kring_api::network::INVITATION_DAYS;
use kring_api::Timestamp;
use kring_api::{
    Invitation, InvitationDetails, InvitationRegistration, Language, NewInvitation, PortalSummary,
    RegistrationNext, Rights,
};

use super::messages::{invitation_email, InvitationFacts};
use super::{right_values, rights_detail, RightColumns};
use crate::access_log::{self, Action, Actor, Entry, Outcome};
use crate::auth::accounts::{self, normalize_email, normalize_mobile};
use crate::auth::codes::{self, AttemptFacts, Purpose};
use crate::auth::{passwords, SignedIn};
use crate::db::Db;
use crate::outbox::limits;
use crate::portals::PortalGrant;
use crate::problem::ApiError;
use crate::secrets;
use crate::state::AppState;
use crate::text::bounded_text;

fn language_code(language: Language) -> &'static str {
    match language {
        Language::Nl => "nl",
        Language::En => "en",
    }
}

/// One invitation row.
#[derive(sqlx::FromRow)]
pub(crate) struct InvitationRow {
    id: i64,
    client_id: i64,
    invited_by_account: i64,
    name: String,
    email: String,
    relation: String,
    language: String,
    allow_other_email: bool,
    #[sqlx(flatten)]
    rights: RightColumns,
    sent_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    access_id: Option<i64>,
    accepted_at: Option<DateTime<Utc>>,
    withdrawn_at: Option<DateTime<Utc>>,
}

const INVITATION_COLUMNS: &str =
    "id, client_id, invited_by_account, name, email, relation, language, \
     allow_other_email, can_view_care_plan, can_view_reports, can_view_photos, can_add_photos, \
     can_view_notes, can_add_notes, sent_at, expires_at, access_id, accepted_at, withdrawn_at";

impl InvitationRow {
    fn language(&self) -> Language {
        if self.language == "en" {
            Language::En
        } else {
            Language::Nl
        }
    }

    pub(crate) fn view(&self, now: DateTime<Utc>) -> Invitation {
        Invitation {
            id: self.id,
            name: self.name.clone(),
            email: self.email.clone(),
            relation: self.relation.clone(),
            rights: self.rights.into(),
            language: self.language(),
            allow_other_email: self.allow_other_email,
            sent_at: Timestamp::from(self.sent_at),
            expires_at: Timestamp::from(self.expires_at),
            expired: self.expires_at <= now,
        }
    }
}

/// The open invitations of a client, newest first.
pub(crate) async fn open_invitations(
    state: &AppState,
    client_id: i64,
) -> Result<Vec<Invitation>, ApiError> {
    let now = state.clock.now();
    let rows: Vec<InvitationRow> = sqlx::query_as(&format!(
        "SELECT {INVITATION_COLUMNS} FROM network_invitations \
         WHERE client_id = $1 AND accepted_at IS NULL AND withdrawn_at IS NULL ORDER BY created_at DESC, id DESC"
    ))
    .bind(client_id)
    .fetch_all(&state.db)
    .await?;
    Ok(rows.iter().map(|row| row.view(now)).collect())
}

async fn open_invitation(
    state: &AppState,
    client_id: i64,
    invitation_id: i64,
) -> Result<InvitationRow, ApiError> {
    sqlx::query_as(&format!(
        "SELECT {INVITATION_COLUMNS} FROM network_invitations \
         WHERE id = $1 AND client_id = $2 AND accepted_at IS NULL AND withdrawn_at IS NULL"
    ))
    .bind(invitation_id)
    .bind(client_id)
    .fetch_optional(&state.db)
    .await?
    .ok_or(ApiError::NotFound)
}

/// The invitation a link's token belongs to, if it can still be used.
async fn by_token(state: &AppState, token: &str) -> Result<InvitationRow, ApiError> {
    let row: Option<InvitationRow> = sqlx::query_as(&format!(
        "SELECT {INVITATION_COLUMNS} FROM network_invitations WHERE token_hash = $1"
    ))
    .bind(secrets::hash_token(token.trim()))
    .fetch_optional(&state.db)
    .await?;
    let row = row.ok_or(ApiError::LinkInvalid)?;
    if row.withdrawn_at.is_some() {
        return Err(ApiError::LinkInvalid);
    }
    if row.accepted_at.is_some() {
        return Err(ApiError::LinkUsed);
    }
    if row.expires_at <= state.clock.now() {
        return Err(ApiError::LinkExpired);
    }
    // A portal that ended, or whose access ended, takes no new people.
    let portal_open: Option<i64> = sqlx::query_scalar(
        "SELECT c.id FROM clients c WHERE c.id = $1 AND c.organisation_id = $2 AND c.portal_ended_at IS NULL",
    )
    .bind(row.client_id)
    .bind(state.organisation_id)
    .fetch_optional(&state.db)
    .await?;
    portal_open.ok_or(ApiError::LinkInvalid)?;
    Ok(row)
}

/// The client's name and the organisation's, for the e-mail.
async fn names(state: &AppState, client_id: i64) -> Result<(String, String), ApiError> {
    let (first, family): (String, String) =
        sqlx::query_as("SELECT first_name, family_name FROM clients WHERE id = $1")
            .bind(client_id)
            .fetch_one(&state.db)
            .await?;
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    Ok((format!("{first} {family}"), organisation))
}

async fn send_invitation(
    state: &AppState,
    row_email: &str,
    name: &str,
    inviter: &str,
    client_id: i64,
    token: &str,
    language: Language,
) -> Result<(), ApiError> {
    let (client, organisation) = names(state, client_id).await?;
    let link = format!("{}/uitnodiging#{token}", state.settings.public_url);
    let message = invitation_email(
        row_email,
        &InvitationFacts {
            name,
            inviter,
            client: &client,
            organisation: &organisation,
            link: &link,
        },
        language,
    );
    state
        .sender
        .send(message)
        .await
        .map_err(|e| ApiError::Internal(format!("sending the invitation: {e}")))
}

/// Whether `email` is in the circle already (active, or the administrator) or has an
/// open invitation.
async fn in_circle(state: &AppState, client_id: i64, email: &str) -> Result<bool, ApiError> {
    let member: Option<i64> = sqlx::query_scalar(
        "SELECT pa.id FROM portal_access pa JOIN accounts a ON a.id = pa.account_id \
         WHERE pa.client_id = $1 AND a.email = $2 AND (pa.status = 'active' OR pa.role = 'administrator') \
         UNION ALL SELECT id FROM network_invitations \
         WHERE client_id = $1 AND email = $2 AND accepted_at IS NULL AND withdrawn_at IS NULL",
    )
    .bind(client_id)
    .bind(email)
    .fetch_optional(&state.db)
    .await?;
    Ok(member.is_some())
}

fn entry<'a>(
    signed_in: &SignedIn,
    grant: &PortalGrant,
    item: String,
    action: Action,
    detail: Option<&'a str>,
    address: &'a str,
) -> Entry<'a> {
    Entry {
        actor: grant.actor(&signed_in.account),
        client_id: Some(grant.client_id),
        section: "network",
        item: Some(item),
        action,
        outcome: Outcome::Allowed,
        detail,
        address: Some(address),
    }
}

/// The administrator invites someone; the link goes out by e-mail.
pub(crate) async fn invite(
    state: &AppState,
    signed_in: &SignedIn,
    grant: &PortalGrant,
    new: NewInvitation,
    address: &str,
) -> Result<Invitation, ApiError> {
    use kring_api::network::{NAME_MAX_CHARS, RELATION_MAX_CHARS};
    let now = state.clock.now();
    let name = bounded_text("name", &new.name, NAME_MAX_CHARS)?;
    let relation = bounded_text("relation", &new.relation, RELATION_MAX_CHARS)?;
    let email = normalize_email(&new.email)?;
    if in_circle(state, grant.client_id, &email).await? {
        return Err(ApiError::AlreadyInCircle);
    }
    // R26, before anything is stored; the permit is held until the e-mail is queued.
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Email,
        &email,
        now,
    )
    .await?;
    let token = secrets::new_token()?;
    let expires_at = now + Duration::days(INVITATION_DAYS);
    let rights = right_values(&new.rights);
    let detail = rights_detail(&new.rights);
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO network_invitations (client_id, invited_by_account, name, email, relation, language, \
         allow_other_email, can_view_care_plan, can_view_reports, can_view_photos, can_add_photos, \
         can_view_notes, can_add_notes, token_hash, created_at, sent_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) RETURNING id",
    )
    .bind(grant.client_id)
    .bind(signed_in.account.id)
    .bind(&name)
    .bind(&email)
    .bind(&relation)
    .bind(language_code(new.language))
    .bind(new.allow_other_email)
    .bind(rights[0])
    .bind(rights[1])
    .bind(rights[2])
    .bind(rights[3])
    .bind(rights[4])
    .bind(rights[5])
    .bind(secrets::hash_token(&token))
    .bind(now)
    .bind(expires_at)
    .fetch_one(&mut *tx)
    .await?;
    turn.append_in(
        &mut tx,
        &entry(
            signed_in,
            grant,
            format!("invitation {id}"),
            Action::Create,
            Some(&detail),
            address,
        ),
    )
    .await?;
    tx.commit().await?;
    send_invitation(
        state,
        &email,
        &name,
        &signed_in.account.display_name,
        grant.client_id,
        &token,
        new.language,
    )
    .await?;
    let row = open_invitation(state, grant.client_id, id).await?;
    Ok(row.view(now))
}

/// Stops a registration that was started with an invitation but not confirmed: its
/// access row is removed and its unsent confirmation links are spent.
async fn cancel_pending_registration(
    tx: &mut sqlx::Transaction<'_, Db>,
    row: &InvitationRow,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let Some(access_id) = row.access_id else {
        return Ok(());
    };
    let account_id: Option<i64> = sqlx::query_scalar(
        "UPDATE portal_access SET status = 'removed', ended_at = $1 WHERE id = $2 AND status = 'invited' RETURNING account_id",
    )
    .bind(now)
    .bind(access_id)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(account_id) = account_id {
        sqlx::query(
            "UPDATE account_links SET used_at = $1 WHERE account_id = $2 AND purpose = 'activation' AND used_at IS NULL",
        )
        .bind(now)
        .bind(account_id)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("UPDATE network_invitations SET access_id = NULL WHERE id = $1")
        .bind(row.id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Sends an open invitation again with a new link and a new 7 days; the old link dies.
pub(crate) async fn resend(
    state: &AppState,
    signed_in: &SignedIn,
    grant: &PortalGrant,
    invitation_id: i64,
    address: &str,
) -> Result<Invitation, ApiError> {
    let now = state.clock.now();
    let row = open_invitation(state, grant.client_id, invitation_id).await?;
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Email,
        &row.email,
        now,
    )
    .await?;
    let token = secrets::new_token()?;
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    cancel_pending_registration(&mut tx, &row, now).await?;
    sqlx::query(
        "UPDATE network_invitations SET token_hash = $1, sent_at = $2, expires_at = $3 WHERE id = $4",
    )
    .bind(secrets::hash_token(&token))
    .bind(now)
    .bind(now + Duration::days(INVITATION_DAYS))
    .bind(row.id)
    .execute(&mut *tx)
    .await?;
    turn.append_in(
        &mut tx,
        &entry(
            signed_in,
            grant,
            format!("invitation {}", row.id),
            Action::Update,
            Some("resent"),
            address,
        ),
    )
    .await?;
    tx.commit().await?;
    send_invitation(
        state,
        &row.email,
        &row.name,
        &signed_in.account.display_name,
        grant.client_id,
        &token,
        row.language(),
    )
    .await?;
    Ok(open_invitation(state, grant.client_id, row.id)
        .await?
        .view(now))
}

/// Withdraws an open invitation: its link stops working.
pub(crate) async fn withdraw(
    state: &AppState,
    signed_in: &SignedIn,
    grant: &PortalGrant,
    invitation_id: i64,
    address: &str,
) -> Result<(), ApiError> {
    let now = state.clock.now();
    let row = open_invitation(state, grant.client_id, invitation_id).await?;
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    cancel_pending_registration(&mut tx, &row, now).await?;
    sqlx::query("UPDATE network_invitations SET withdrawn_at = $1 WHERE id = $2")
        .bind(now)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    turn.append_in(
        &mut tx,
        &entry(
            signed_in,
            grant,
            format!("invitation {}", row.id),
            Action::Remove,
            Some("withdrawn"),
            address,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a link is for: whose circle, invited by whom, with which rights.
pub(crate) async fn details(state: &AppState, token: &str) -> Result<InvitationDetails, ApiError> {
    let row = by_token(state, token).await?;
    let (client_name, _) = names(state, row.client_id).await?;
    let invited_by: String = sqlx::query_scalar("SELECT display_name FROM accounts WHERE id = $1")
        .bind(row.invited_by_account)
        .fetch_one(&state.db)
        .await?;
    Ok(InvitationDetails {
        client_name,
        invited_by,
        name: row.name.clone(),
        email: row.email.clone(),
        relation: row.relation.clone(),
        rights: row.rights.into(),
        language: row.language(),
        allow_other_email: row.allow_other_email,
        expires_at: Timestamp::from(row.expires_at),
    })
}

/// Writes the contact's access row with the invitation's rights, in `status`.
async fn upsert_access(
    tx: &mut sqlx::Transaction<'_, Db>,
    row: &InvitationRow,
    account_id: i64,
    status: &str,
    now: DateTime<Utc>,
) -> Result<i64, ApiError> {
    let rights = right_values(&Rights::from(row.rights));
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO portal_access (client_id, account_id, role, relation, status, can_view_care_plan, \
         can_view_reports, can_view_photos, can_add_photos, can_view_notes, can_add_notes, created_at) \
         VALUES ($1, $2, 'contact', $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (client_id, account_id) DO UPDATE SET relation = $3, status = $4, \
         can_view_care_plan = $5, can_view_reports = $6, can_view_photos = $7, can_add_photos = $8, \
         can_view_notes = $9, can_add_notes = $10, created_at = $11, ended_at = NULL RETURNING id",
    )
    .bind(row.client_id)
    .bind(account_id)
    .bind(&row.relation)
    .bind(status)
    .bind(rights[0])
    .bind(rights[1])
    .bind(rights[2])
    .bind(rights[3])
    .bind(rights[4])
    .bind(rights[5])
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// Refuses an account that holds another role in this circle already.
async fn check_not_member(
    state: &AppState,
    client_id: i64,
    account_id: i64,
) -> Result<(), ApiError> {
    let existing: Option<(String, String)> = sqlx::query_as(
        "SELECT role, status FROM portal_access WHERE client_id = $1 AND account_id = $2",
    )
    .bind(client_id)
    .bind(account_id)
    .fetch_optional(&state.db)
    .await?;
    match existing {
        Some((role, _)) if role == "administrator" => Err(ApiError::AlreadyInCircle),
        Some((_, status)) if status == "active" => Err(ApiError::AlreadyInCircle),
        _ => Ok(()),
    }
}

/// The signed-in person accepts: with the invited address, or any address when the
/// administrator allowed it. Someone who left or was removed before comes back with the
/// invitation's rights.
pub(crate) async fn accept(
    state: &AppState,
    signed_in: &SignedIn,
    token: &str,
    address: &str,
) -> Result<PortalSummary, ApiError> {
    let now = state.clock.now();
    let row = by_token(state, token).await?;
    let account = &signed_in.account;
    if account.staff_member_id.is_some() {
        return Err(ApiError::Forbidden);
    }
    if account.email != row.email && !row.allow_other_email {
        return Err(ApiError::InvitationOtherEmail);
    }
    check_not_member(state, row.client_id, account.id).await?;
    let turn = access_log::turn(state).await?;
    let mut tx = crate::db::begin_write(&state.db).await?;
    cancel_pending_registration(&mut tx, &row, now).await?;
    let access_id = upsert_access(&mut tx, &row, account.id, "active", now).await?;
    let accepted = sqlx::query(
        "UPDATE network_invitations SET accepted_at = $1, access_id = $2 WHERE id = $3 AND accepted_at IS NULL",
    )
    .bind(now)
    .bind(access_id)
    .bind(row.id)
    .execute(&mut *tx)
    .await?;
    if accepted.rows_affected() != 1 {
        return Err(ApiError::LinkUsed);
    }
    turn.append_in(
        &mut tx,
        &Entry {
            actor: Actor::account(account),
            client_id: Some(row.client_id),
            section: "network",
            item: Some(format!("invitation {}", row.id)),
            action: Action::Create,
            outcome: Outcome::Allowed,
            detail: Some("accepted"),
            address: Some(address),
        },
    )
    .await?;
    tx.commit().await?;
    crate::portals::list_for_account(
        &state.db,
        state.organisation_id,
        account.id,
        state.clock.today(),
    )
    .await?
    .into_iter()
    .find(|p| p.client_id == row.client_id)
    .ok_or(ApiError::NotFound)
}

/// Someone without an account accepts by creating one. With the invited address the
/// link proved it, so only the mobile number is confirmed (an SMS code, answered at
/// `POST /activation/code`); with another address (if allowed) an activation link goes
/// there first. The circle opens only once the account is confirmed.
pub(crate) async fn register(
    state: &AppState,
    request: InvitationRegistration,
) -> Result<RegistrationNext, ApiError> {
    use kring_api::network::NAME_MAX_CHARS;
    let now = state.clock.now();
    let row = by_token(state, &request.token).await?;
    let name = bounded_text("name", &request.name, NAME_MAX_CHARS)?;
    let email = normalize_email(&request.email)?;
    let mobile = normalize_mobile(&request.mobile)?;
    let invited_address = email == row.email;
    if !invited_address && !row.allow_other_email {
        return Err(ApiError::InvitationOtherEmail);
    }
    let password_hash = if invited_address {
        let password = request.password.ok_or_else(|| {
            ApiError::InvalidBody("password is needed with the invited address".into())
        })?;
        passwords::check_policy(&password, &email)?;
        Some(state.passwords.hash(password).await?)
    } else {
        None
    };
    // An account started with this invitation before (and never confirmed) is reused.
    let pending_account: Option<i64> = match row.access_id {
        Some(access_id) => sqlx::query_scalar(
            "SELECT pa.account_id FROM portal_access pa JOIN accounts a ON a.id = pa.account_id \
                 WHERE pa.id = $1 AND pa.status = 'invited' AND a.status = 'pending'",
        )
        .bind(access_id)
        .fetch_optional(&state.db)
        .await?,
        None => None,
    };
    if let Some(existing) = accounts::by_email(&state.db, state.organisation_id, &email).await? {
        if Some(existing.id) != pending_account {
            return Err(ApiError::AccountExists);
        }
    }
    // R26: the code or the activation e-mail must fit the limits; checked before
    // anything is stored. The code's permit is taken by `codes::send_new` itself (a
    // second reservation here would wait for itself); the e-mail's is held until the
    // e-mail is queued.
    let _permit = if invited_address {
        limits::check(
            &state.db,
            state.settings.message_limits,
            Channel::Sms,
            &mobile,
            now,
        )
        .await?;
        None
    } else {
        Some(
            limits::reserve(
                &state.db,
                state.settings.message_limits,
                Channel::Email,
                &email,
                now,
            )
            .await?,
        )
    };
    let language = language_code(request.language);
    let mut tx = crate::db::begin_write(&state.db).await?;
    let account_id = match pending_account {
        Some(id) => {
            sqlx::query(
                "UPDATE accounts SET display_name = $1, email = $2, mobile = $3, preferred_language = $4, \
                 password_hash = $5 WHERE id = $6",
            )
            .bind(&name)
            .bind(&email)
            .bind(&mobile)
            .bind(language)
            .bind(&password_hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO accounts (organisation_id, display_name, email, mobile, preferred_language, \
                 created_at, status, password_hash) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING id",
            )
            .bind(state.organisation_id)
            .bind(&name)
            .bind(&email)
            .bind(&mobile)
            .bind(language)
            .bind(now)
            .bind(&password_hash)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    // Earlier unconfirmed links of this registration stop working.
    sqlx::query(
        "UPDATE account_links SET used_at = $1 WHERE account_id = $2 AND purpose = 'activation' AND used_at IS NULL",
    )
    .bind(now)
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    let access_id = upsert_access(&mut tx, &row, account_id, "invited", now).await?;
    sqlx::query("UPDATE network_invitations SET access_id = $1 WHERE id = $2")
        .bind(access_id)
        .bind(row.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let account = accounts::by_id(&state.db, state.organisation_id, account_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if invited_address {
        // The invitation link proved the address: a link that is never sent carries
        // the confirmation, and ends when the invitation ends.
        let link_token = secrets::new_token()?;
        let link_id: i64 = sqlx::query_scalar(
            "INSERT INTO account_links (account_id, purpose, token_hash, created_at, expires_at) \
             VALUES ($1, 'activation', $2, $3, $4) RETURNING id",
        )
        .bind(account_id)
        .bind(secrets::hash_token(&link_token))
        .bind(now)
        .bind(row.expires_at)
        .fetch_one(&state.db)
        .await?;
        let challenge = codes::send_new(
            state,
            &account,
            Purpose::Activation,
            &mobile,
            AttemptFacts {
                link_id: Some(link_id),
                new_mobile: None,
            },
            now,
        )
        .await?;
        Ok(RegistrationNext::Code(challenge))
    } else {
        let (token, _) = crate::auth::new_link(
            state,
            account_id,
            "activation",
            crate::auth::ACTIVATION_LINK_LIFETIME,
            now,
        )
        .await?;
        let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
        let link = format!("{}/activeren#{token}", state.settings.public_url);
        state
            .sender
            .send(crate::auth::messages::activation_email(
                &email,
                &name,
                &link,
                &organisation,
                request.language,
            ))
            .await
            .map_err(|e| ApiError::Internal(format!("sending the activation e-mail: {e}")))?;
        Ok(RegistrationNext::EmailLink { email })
    }
}
