//! One-time SMS codes: valid 10 minutes, single use, bound to one attempt, at most 5
//! tries, and a new one at most once a minute. An attempt of an account whose second
//! factor is a passkey only sends no code: the passkey finishes it.

use chrono::{DateTime, Duration, Utc};
use kring_api::dev::Channel;
use kring_api::CodeChallenge;
use kring_api::Timestamp;

use super::accounts::{mobile_hint, Account};
use super::messages;
use super::throttle;
use crate::outbox::limits;
use crate::problem::ApiError;
use crate::secrets;
use crate::state::AppState;

/// How long a code works.
pub const CODE_LIFETIME: Duration = Duration::minutes(10);
/// Wrong tries allowed per attempt.
pub const MAX_TRIES: i64 = 5;
/// Wait before another code may be sent for the same attempt.
pub const RESEND_COOLDOWN: Duration = Duration::seconds(60);
/// Codes to new numbers one account may start per hour: a signed-in person cannot have
/// codes sent to any number without end (R26).
pub const NEW_NUMBER_CODES_PER_HOUR: i64 = 3;

/// Refuses with `too-many-messages` (and the wait) when the account started
/// [`NEW_NUMBER_CODES_PER_HOUR`] codes to new numbers in the last hour.
pub async fn check_new_number_limit(
    state: &AppState,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let since = now - Duration::hours(1);
    let recent: Vec<DateTime<Utc>> = sqlx::query_scalar(
        "SELECT created_at FROM verification_codes \
         WHERE account_id = $1 AND purpose = 'mobile_change' AND created_at > $2 \
         ORDER BY created_at ASC",
    )
    .bind(account_id)
    .bind(since)
    .fetch_all(&state.db)
    .await?;
    if (recent.len() as i64) < NEW_NUMBER_CODES_PER_HOUR {
        return Ok(());
    }
    // Free again when the oldest of the last `NEW_NUMBER_CODES_PER_HOUR` is an hour old.
    let oldest = recent[recent.len() - NEW_NUMBER_CODES_PER_HOUR as usize];
    Err(ApiError::TooManyMessages {
        retry_after_secs: (oldest + Duration::hours(1) - now).num_seconds().max(1) as u64,
    })
}

/// What a code confirms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// The second step of signing in.
    SignIn,
    /// Confirming the mobile number of a new account.
    Activation,
    /// Confirming a new mobile number.
    MobileChange,
    /// Proving the second factor again while signed in, before a change of the
    /// sign-in details.
    Reauthentication,
}

impl Purpose {
    /// As stored in `verification_codes.purpose`.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SignIn => "sign_in",
            Purpose::Activation => "activation",
            Purpose::MobileChange => "mobile_change",
            Purpose::Reauthentication => "reauthentication",
        }
    }
}

/// Extra facts an attempt carries.
#[derive(Clone, Debug, Default)]
pub struct AttemptFacts {
    /// The activation link the attempt belongs to.
    pub link_id: Option<i64>,
    /// The new mobile number being confirmed.
    pub new_mobile: Option<String>,
}

/// A confirmed code.
#[derive(Clone, Debug)]
pub struct Confirmed {
    /// The account it was sent for.
    pub account_id: i64,
    /// The facts of its attempt.
    pub facts: AttemptFacts,
}

/// One attempt's stored state.
#[derive(sqlx::FromRow)]
struct AttemptRow {
    id: i64,
    account_id: i64,
    code_hash: String,
    sent_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    failed_tries: i64,
    used_at: Option<DateTime<Utc>>,
    link_id: Option<i64>,
    new_mobile: Option<String>,
    purpose: String,
}

const ATTEMPT_COLUMNS: &str = "id, account_id, code_hash, sent_at, expires_at, failed_tries, \
     used_at, link_id, new_mobile, purpose";

/// Stores a new attempt whose code is `code`; its token and when it expires.
async fn insert_attempt(
    state: &AppState,
    account_id: i64,
    purpose: Purpose,
    code: &str,
    facts: AttemptFacts,
    now: DateTime<Utc>,
) -> Result<(String, DateTime<Utc>), ApiError> {
    let attempt = secrets::new_token()?;
    let attempt_hash = secrets::hash_token(&attempt);
    let expires_at = now + CODE_LIFETIME;
    sqlx::query(
        "INSERT INTO verification_codes (attempt_hash, account_id, purpose, code_hash, link_id, new_mobile, \
         created_at, sent_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)",
    )
    .bind(&attempt_hash)
    .bind(account_id)
    .bind(purpose.as_str())
    .bind(secrets::hash_code(&attempt_hash, code))
    .bind(facts.link_id)
    .bind(&facts.new_mobile)
    .bind(now)
    .bind(expires_at)
    .execute(&state.db)
    .await?;
    Ok((attempt, expires_at))
}

/// Starts an attempt: sends a new code to `mobile` and returns the challenge.
pub async fn send_new(
    state: &AppState,
    account: &Account,
    purpose: Purpose,
    mobile: &str,
    facts: AttemptFacts,
    now: DateTime<Utc>,
) -> Result<CodeChallenge, ApiError> {
    // R26: no more codes to one number than the limits allow; refused before anything
    // is stored or sent. The permit holds other requests for this number until the code
    // is queued.
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Sms,
        mobile,
        now,
    )
    .await?;
    let code = secrets::new_code()?;
    let (attempt, expires_at) =
        insert_attempt(state, account.id, purpose, &code, facts, now).await?;
    send_sms(state, account, mobile, &code).await?;
    Ok(challenge(attempt, mobile, expires_at))
}

/// Starts the second step for an account whose second factor is a passkey only (no
/// verified mobile number, after staff reset it): no code goes anywhere, not even to
/// the unverified number on file. The stored code is a random token, which no typed
/// code of six digits can match, so only the account's passkey finishes the attempt;
/// wrong passkeys count as wrong codes, as always.
pub async fn open_for_passkey(
    state: &AppState,
    account: &Account,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<CodeChallenge, ApiError> {
    let never_sent = secrets::new_token()?;
    let (attempt, expires_at) = insert_attempt(
        state,
        account.id,
        purpose,
        &never_sent,
        AttemptFacts::default(),
        now,
    )
    .await?;
    Ok(CodeChallenge {
        attempt,
        mobile_hint: String::new(),
        expires_at: Timestamp::from(expires_at),
        resend_after_seconds: 0,
        passkey: true,
        code_sent: false,
    })
}

/// The second step of signing in or re-authenticating for `account`: a code to its
/// verified mobile number (and the passkey offered beside it when it has one), or,
/// without a verified number, the passkey alone ([`open_for_passkey`]).
pub async fn second_step(
    state: &AppState,
    account: &Account,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<CodeChallenge, ApiError> {
    if account.mobile_verified_at.is_none() {
        return open_for_passkey(state, account, purpose, now).await;
    }
    let mut challenge = send_new(
        state,
        account,
        purpose,
        &account.mobile,
        AttemptFacts::default(),
        now,
    )
    .await?;
    challenge.passkey = account.has_passkey;
    Ok(challenge)
}

/// Sends a fresh code for an existing attempt (after the cooldown). Wrong tries so far
/// still count.
pub async fn resend(
    state: &AppState,
    attempt: &str,
    now: DateTime<Utc>,
) -> Result<CodeChallenge, ApiError> {
    let attempt_hash = secrets::hash_token(attempt);
    let row: Option<AttemptRow> = sqlx::query_as(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM verification_codes WHERE attempt_hash = $1"
    ))
    .bind(&attempt_hash)
    .fetch_optional(&state.db)
    .await?;
    let Some(AttemptRow {
        id,
        account_id,
        sent_at,
        failed_tries,
        used_at,
        new_mobile,
        purpose,
        ..
    }) = row
    else {
        return Err(ApiError::CodeExpired);
    };
    if used_at.is_some() || failed_tries >= MAX_TRIES {
        return Err(ApiError::CodeExpired);
    }
    let account = super::accounts::by_id(&state.db, state.organisation_id, account_id)
        .await?
        .ok_or(ApiError::CodeExpired)?;
    // A code to prove the second factor goes only to a verified number: an account
    // whose number was taken off (a lost phone) and that set up a passkey instead has
    // none, and its attempt never had a code.
    let proves_second_factor =
        purpose == Purpose::SignIn.as_str() || purpose == Purpose::Reauthentication.as_str();
    if proves_second_factor && account.mobile_verified_at.is_none() {
        return Err(ApiError::NoMobileNumber);
    }
    let ready_at = sent_at + RESEND_COOLDOWN;
    if ready_at > now {
        return Err(ApiError::RateLimited {
            retry_after_secs: (ready_at - now).num_seconds().max(1) as u64,
        });
    }
    let mobile = new_mobile.unwrap_or_else(|| account.mobile.clone());
    let _permit = limits::reserve(
        &state.db,
        state.settings.message_limits,
        Channel::Sms,
        &mobile,
        now,
    )
    .await?;
    let code = secrets::new_code()?;
    let expires_at = now + CODE_LIFETIME;
    sqlx::query(
        "UPDATE verification_codes SET code_hash = $1, sent_at = $2, expires_at = $3 WHERE id = $4",
    )
    .bind(secrets::hash_code(&attempt_hash, &code))
    .bind(now)
    .bind(expires_at)
    .bind(id)
    .execute(&state.db)
    .await?;
    send_sms(state, &account, &mobile, &code).await?;
    Ok(challenge(attempt.to_owned(), &mobile, expires_at))
}

/// Checks a code for an attempt of the given purpose and uses it up.
pub async fn confirm(
    state: &AppState,
    purpose: Purpose,
    attempt: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Confirmed, ApiError> {
    let attempt_hash = secrets::hash_token(attempt);
    let row: Option<AttemptRow> = sqlx::query_as(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM verification_codes WHERE attempt_hash = $1 AND purpose = $2"
    ))
    .bind(&attempt_hash)
    .bind(purpose.as_str())
    .fetch_optional(&state.db)
    .await?;
    let Some(AttemptRow {
        id,
        account_id,
        code_hash,
        expires_at,
        failed_tries,
        used_at,
        link_id,
        new_mobile,
        ..
    }) = row
    else {
        return Err(ApiError::CodeExpired);
    };
    if used_at.is_some() || expires_at <= now || failed_tries >= MAX_TRIES {
        return Err(ApiError::CodeExpired);
    }
    // Wrong codes count per account as well as per attempt; while the account must
    // wait, no code is checked, not even the right one.
    let account_key = throttle::account_codes_key(account_id);
    throttle::check(&state.db, &account_key, now).await?;
    if !secrets::same_hash(&code_hash, &secrets::hash_code(&attempt_hash, code)) {
        let failures = throttle::record_failure_counted(
            &state.db,
            &account_key,
            throttle::PER_ACCOUNT_CODES,
            now,
        )
        .await?;
        if throttle::pause_starts(failures, throttle::PER_ACCOUNT_CODES) {
            tell_owner_sign_in_paused(state, account_id, now).await?;
        }
        let tries = failed_tries + 1;
        sqlx::query("UPDATE verification_codes SET failed_tries = $1 WHERE id = $2")
            .bind(tries)
            .bind(id)
            .execute(&state.db)
            .await?;
        return Err(if tries >= MAX_TRIES {
            ApiError::CodeExpired
        } else {
            ApiError::CodeInvalid {
                tries_left: (MAX_TRIES - tries) as u32,
            }
        });
    }
    // Use it up; a second request with the same code finds it used.
    let used =
        sqlx::query("UPDATE verification_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&state.db)
            .await?;
    if used.rows_affected() != 1 {
        return Err(ApiError::CodeExpired);
    }
    throttle::clear(&state.db, &account_key).await?;
    Ok(Confirmed {
        account_id,
        facts: AttemptFacts {
            link_id,
            new_mobile,
        },
    })
}

/// The per-account pause on wrong codes just started: the owner is told by e-mail (no
/// code in it, once per pause) and the event is logged.
async fn tell_owner_sign_in_paused(
    state: &AppState,
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let Some(account) =
        super::accounts::by_id(&state.db, state.organisation_id, account_id).await?
    else {
        return Ok(());
    };
    super::events::record(
        &state.db,
        account.id,
        kring_api::AccountEventKind::SignInPaused,
        None,
        "wrong codes: signing in paused",
        now,
    )
    .await?;
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    state
        .sender
        .send(messages::sign_in_paused_email(
            &account.email,
            &account.display_name,
            &organisation,
            account.language(),
        ))
        .await
        .map_err(|e| ApiError::Internal(format!("sending the pause notice: {e}")))
}

async fn send_sms(
    state: &AppState,
    account: &Account,
    mobile: &str,
    code: &str,
) -> Result<(), ApiError> {
    let organisation = crate::organisation::name(&state.db, state.organisation_id).await?;
    state
        .sender
        .send(messages::code_sms(
            mobile,
            code,
            &organisation,
            account.language(),
        ))
        .await
        .map_err(|e| ApiError::Internal(format!("sending the code: {e}")))
}

fn challenge(attempt: String, mobile: &str, expires_at: DateTime<Utc>) -> CodeChallenge {
    CodeChallenge {
        attempt,
        mobile_hint: mobile_hint(mobile),
        expires_at: Timestamp::from(expires_at),
        resend_after_seconds: RESEND_COOLDOWN.num_seconds() as u32,
        passkey: false,
        code_sent: true,
    }
}

/// An attempt (signing in or re-authenticating) that can still be finished, by its code
/// or by a passkey.
#[derive(Clone, Copy, Debug)]
pub struct OpenAttempt {
    /// The attempt's row.
    pub id: i64,
    /// The account signing in.
    pub account_id: i64,
    failed_tries: i64,
}

/// The attempt `attempt` of `purpose`, if it can still be finished: unused, unexpired,
/// with tries left, and its account not waiting after wrong codes (`rate-limited`).
pub async fn open_attempt(
    state: &AppState,
    purpose: Purpose,
    attempt: &str,
    now: DateTime<Utc>,
) -> Result<OpenAttempt, ApiError> {
    let row: Option<AttemptRow> = sqlx::query_as(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM verification_codes WHERE attempt_hash = $1 AND purpose = $2"
    ))
    .bind(secrets::hash_token(attempt))
    .bind(purpose.as_str())
    .fetch_optional(&state.db)
    .await?;
    let row = row.ok_or(ApiError::CodeExpired)?;
    if row.used_at.is_some() || row.expires_at <= now || row.failed_tries >= MAX_TRIES {
        return Err(ApiError::CodeExpired);
    }
    throttle::check(&state.db, &throttle::account_codes_key(row.account_id), now).await?;
    Ok(OpenAttempt {
        id: row.id,
        account_id: row.account_id,
        failed_tries: row.failed_tries,
    })
}

/// Counts a wrong second factor other than a code (a passkey that is not the
/// account's, or a wrong answer) exactly like a wrong code: per attempt and per
/// account. Returns the refusal to answer: `refusal` while tries are left, else
/// `code-expired`.
pub async fn count_wrong(
    state: &AppState,
    attempt: OpenAttempt,
    refusal: ApiError,
    now: DateTime<Utc>,
) -> Result<ApiError, ApiError> {
    let account_key = throttle::account_codes_key(attempt.account_id);
    throttle::record_failure(&state.db, &account_key, throttle::PER_ACCOUNT_CODES, now).await?;
    let tries = attempt.failed_tries + 1;
    sqlx::query("UPDATE verification_codes SET failed_tries = $1 WHERE id = $2")
        .bind(tries)
        .bind(attempt.id)
        .execute(&state.db)
        .await?;
    Ok(if tries >= MAX_TRIES {
        ApiError::CodeExpired
    } else {
        refusal
    })
}

/// Uses the attempt up after another second factor proved the person (a passkey): its
/// code no longer works, and the account's count of wrong codes is cleared.
pub async fn use_up(
    state: &AppState,
    attempt: OpenAttempt,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let used =
        sqlx::query("UPDATE verification_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(attempt.id)
            .execute(&state.db)
            .await?;
    if used.rows_affected() != 1 {
        return Err(ApiError::CodeExpired);
    }
    throttle::clear(&state.db, &throttle::account_codes_key(attempt.account_id)).await
}
