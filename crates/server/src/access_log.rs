//! The access log (R23, NEN 7513 style): who (name and role at the time, on whose
//! behalf), which client, what (section and item), which action, with which outcome,
//! when, and from where (a salted hash of the address, never the address itself).
//!
//! Entries are only ever added. The database refuses UPDATE and DELETE on the table
//! (triggers), and every entry carries the hash of the one before it, so a row changed
//! or removed by going around the application is found by [`verify`]
//! (`kring-server verify-access-log`).
//!
//! The one exception: when the retention period of a client's portal ends, the
//! entries about that client go with the rest of the portal's data, each leaving its
//! place in the chain (`access_log_removed`: id and hashes, no content), so the chain
//! still verifies. See `retention`.

use chrono::{DateTime, SecondsFormat, Utc};
use kring_api::AccessRole;
use sha2::{Digest, Sha256};

use crate::auth::Account;
use crate::db::{Db, Pool};
use crate::problem::ApiError;
use crate::state::AppState;

/// The section of the entry that records a retention removal (R25): its item is the
/// removal's id, its detail the number of entries that left only their place.
pub const RETENTION_SECTION: &str = "retention";

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What kind of thing was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Data was looked at.
    Read,
    /// Something was added.
    Create,
    /// Something was changed.
    Update,
    /// Something was removed from the portal (never destroyed).
    Remove,
    /// Data was searched.
    Search,
    /// Data was exported.
    Export,
    /// Someone signed in (or tried to).
    SignIn,
    /// Someone signed out.
    SignOut,
    /// Anything else (see the detail).
    Other,
}

impl Action {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Read => "read",
            Action::Create => "create",
            Action::Update => "update",
            Action::Remove => "remove",
            Action::Search => "search",
            Action::Export => "export",
            Action::SignIn => "sign_in",
            Action::SignOut => "sign_out",
            Action::Other => "other",
        }
    }
}

/// How it ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It was allowed and happened.
    Allowed,
    /// A rule refused it (no right, throttled, ended access).
    Refused,
    /// It was tried and failed (a wrong password or code).
    Failed,
}

impl Outcome {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::Refused => "refused",
            Outcome::Failed => "failed",
        }
    }
}

/// Who acted, as they were at that moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// Their account, if any.
    pub account_id: Option<i64>,
    /// Their name then.
    pub name: String,
    /// In which capacity.
    pub role: AccessRole,
    /// For a representative: the client they act for.
    pub on_behalf_of: Option<String>,
}

impl Actor {
    /// Nobody known.
    pub fn anonymous() -> Self {
        Actor {
            account_id: None,
            name: String::new(),
            role: AccessRole::Anonymous,
            on_behalf_of: None,
        }
    }

    /// The server or its command line.
    pub fn system() -> Self {
        Actor {
            account_id: None,
            name: "kring-server".into(),
            role: AccessRole::System,
            on_behalf_of: None,
        }
    }

    /// A signed-in person outside a portal (staff when their account is staff's).
    pub fn account(account: &Account) -> Self {
        Actor {
            account_id: Some(account.id),
            name: account.display_name.clone(),
            role: if account.staff_member_id.is_some() {
                AccessRole::Staff
            } else {
                AccessRole::User
            },
            on_behalf_of: None,
        }
    }
}

/// One entry to add.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    /// Who.
    pub actor: Actor,
    /// Whose portal, if any.
    pub client_id: Option<i64>,
    /// Which part: `auth`, `terms`, `portal`, `care_plan`, `reports`, `report`,
    /// `correction_requests`, `access_log`, `staff`.
    pub section: &'a str,
    /// Which item in it, e.g. a report id.
    pub item: Option<String>,
    /// What was done.
    pub action: Action,
    /// How it ended.
    pub outcome: Outcome,
    /// More precisely what happened, e.g. `throttled`.
    pub detail: Option<&'a str>,
    /// The request's network address (stored only as a salted hash).
    pub address: Option<&'a str>,
}

impl<'a> Entry<'a> {
    /// An allowed `action` of `actor` on a client's `section`; the item, detail and
    /// address follow with [`Entry::item`], [`Entry::detail`] and [`Entry::from`].
    pub fn allowed(actor: Actor, client_id: i64, section: &'a str, action: Action) -> Self {
        Entry {
            actor,
            client_id: Some(client_id),
            section,
            item: None,
            action,
            outcome: Outcome::Allowed,
            detail: None,
            address: None,
        }
    }

    /// Which item it was about.
    pub fn item(self, item: String) -> Self {
        Entry {
            item: Some(item),
            ..self
        }
    }

    /// More precisely what happened.
    pub fn detail(self, detail: &'a str) -> Self {
        Entry {
            detail: Some(detail),
            ..self
        }
    }

    /// The request's network address.
    pub fn from(self, address: &'a str) -> Self {
        Entry {
            address: Some(address),
            ..self
        }
    }
}

/// The fields that the hash covers, in a fixed order.
struct Sealed {
    id: i64,
    occurred_at: String,
    canonical: String,
}

fn canonical(
    entry: &Entry<'_>,
    organisation_id: i64,
    address_hash: Option<&str>,
    id: i64,
    occurred_at: &str,
) -> String {
    // Unit separators cannot occur in any of the values the server writes.
    [
        id.to_string(),
        organisation_id.to_string(),
        occurred_at.to_owned(),
        entry
            .actor
            .account_id
            .map(|a| a.to_string())
            .unwrap_or_default(),
        entry.actor.name.clone(),
        entry.actor.role.as_str().to_owned(),
        entry.actor.on_behalf_of.clone().unwrap_or_default(),
        entry.client_id.map(|c| c.to_string()).unwrap_or_default(),
        entry.section.to_owned(),
        entry.item.clone().unwrap_or_default(),
        entry.action.as_str().to_owned(),
        entry.outcome.as_str().to_owned(),
        entry.detail.unwrap_or_default().to_owned(),
        address_hash.unwrap_or_default().to_owned(),
    ]
    .join("\u{1f}")
}

fn chain_hash(prev_hash: &str, canonical: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\x1e");
    hasher.update(canonical.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The instant as stored in the log (RFC 3339 UTC, microseconds), also what is hashed.
fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The installation's salt for address hashes, made on first use.
async fn address_salt(db: &Pool) -> Result<String, ApiError> {
    if let Some(salt) =
        sqlx::query_scalar("SELECT value FROM installation_secrets WHERE name = 'address_salt'")
            .fetch_optional(db)
            .await?
    {
        return Ok(salt);
    }
    let salt = crate::secrets::new_token()?;
    sqlx::query("INSERT INTO installation_secrets (name, value) VALUES ('address_salt', $1) ON CONFLICT (name) DO NOTHING")
        .bind(&salt)
        .execute(db)
        .await?;
    Ok(
        sqlx::query_scalar("SELECT value FROM installation_secrets WHERE name = 'address_salt'")
            .fetch_one(db)
            .await?,
    )
}

/// The right to append to the chain, held for one change and its entry. Appends are
/// made one at a time within this server; the chain's head is compared-and-swapped, so a
/// second server on the same database cannot fork the chain.
pub struct Turn<'s> {
    state: &'s AppState,
    _guard: tokio::sync::MutexGuard<'s, ()>,
    address_hash_salt: String,
}

/// Waits for the turn to append. Take it before beginning the transaction that will
/// hold the change and its entry, so two writers never wait on each other.
pub async fn turn(state: &AppState) -> Result<Turn<'_>, ApiError> {
    let guard = state.access_log_turn.lock().await;
    let address_hash_salt = address_salt(&state.db).await?;
    Ok(Turn {
        state,
        _guard: guard,
        address_hash_salt,
    })
}

impl Turn<'_> {
    fn address_hash(&self, address: Option<&str>) -> Option<String> {
        address.map(|a| {
            let mut hasher = Sha256::new();
            hasher.update(self.address_hash_salt.as_bytes());
            hasher.update(a.as_bytes());
            hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        })
    }

    /// Adds the entry inside the caller's transaction, so the change and its entry are
    /// stored together or not at all. Fails with a conflict when another server moved
    /// the head meanwhile; the caller's transaction then rolls back as a whole.
    pub async fn append_in(
        &self,
        tx: &mut sqlx::Transaction<'_, Db>,
        entry: &Entry<'_>,
    ) -> Result<(), ApiError> {
        if self.try_append(tx, entry).await? {
            Ok(())
        } else {
            Err(ApiError::Internal(
                "the access log's head moved during a change".into(),
            ))
        }
    }

    /// Adds the entry in a transaction of its own (for reads and refusals).
    pub async fn append(&self, entry: &Entry<'_>) -> Result<(), ApiError> {
        for _ in 0..5 {
            let mut tx = crate::db::begin_write(&self.state.db).await?;
            if self.try_append(&mut tx, entry).await? {
                tx.commit().await?;
                return Ok(());
            }
            tx.rollback().await?;
        }
        Err(ApiError::Internal(
            "the access log's head kept moving".into(),
        ))
    }

    async fn try_append(
        &self,
        tx: &mut sqlx::Transaction<'_, Db>,
        entry: &Entry<'_>,
    ) -> Result<bool, ApiError> {
        let state = self.state;
        let address_hash = self.address_hash(entry.address);
        let (last_id, last_hash): (i64, String) =
            sqlx::query_as("SELECT last_id, last_hash FROM access_log_head WHERE id = 1")
                .fetch_one(&mut **tx)
                .await?;
        let id = last_id + 1;
        let occurred_at = timestamp(state.clock.now());
        let sealed = Sealed {
            id,
            canonical: canonical(
                entry,
                state.organisation_id,
                address_hash.as_deref(),
                id,
                &occurred_at,
            ),
            occurred_at,
        };
        let hash = chain_hash(&last_hash, &sealed.canonical);
        let moved = sqlx::query(
            "UPDATE access_log_head SET last_id = $1, last_hash = $2 WHERE id = 1 AND last_id = $3",
        )
        .bind(id)
        .bind(&hash)
        .bind(last_id)
        .execute(&mut **tx)
        .await?;
        if moved.rows_affected() != 1 {
            return Ok(false);
        }
        insert(
            tx,
            state.organisation_id,
            entry,
            &sealed,
            address_hash.as_deref(),
            &last_hash,
            &hash,
        )
        .await?;
        tracing::debug!(
            section = entry.section,
            action = entry.action.as_str(),
            outcome = entry.outcome.as_str(),
            account = entry.actor.account_id,
            client = entry.client_id,
            "access log"
        );
        Ok(true)
    }
}

/// Adds an entry at the end of the chain, in its own transaction (reads, refusals, and
/// changes made outside a transaction).
pub async fn append(state: &AppState, entry: Entry<'_>) -> Result<(), ApiError> {
    turn(state).await?.append(&entry).await
}

#[allow(clippy::too_many_arguments)]
async fn insert(
    tx: &mut sqlx::Transaction<'_, Db>,
    organisation_id: i64,
    entry: &Entry<'_>,
    sealed: &Sealed,
    address_hash: Option<&str>,
    prev_hash: &str,
    hash: &str,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO access_log (id, organisation_id, occurred_at, actor_account_id, actor_name, actor_role, \
         on_behalf_of, client_id, section, item, action, outcome, detail, address_hash, prev_hash, entry_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(sealed.id)
    .bind(organisation_id)
    .bind(&sealed.occurred_at)
    .bind(entry.actor.account_id)
    .bind(&entry.actor.name)
    .bind(entry.actor.role.as_str())
    .bind(&entry.actor.on_behalf_of)
    .bind(entry.client_id)
    .bind(entry.section)
    .bind(&entry.item)
    .bind(entry.action.as_str())
    .bind(entry.outcome.as_str())
    .bind(entry.detail)
    .bind(address_hash)
    .bind(prev_hash)
    .bind(hash)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verification {
    /// Every entry links to the one before and matches its hash.
    Intact {
        /// How many entries were checked.
        entries: i64,
    },
    /// The first entry that does not match (changed, or after a removed one).
    Broken {
        /// Its id.
        id: i64,
        /// What is wrong.
        reason: String,
    },
}

#[derive(sqlx::FromRow)]
struct StoredEntry {
    id: i64,
    organisation_id: i64,
    occurred_at: String,
    actor_account_id: Option<i64>,
    actor_name: String,
    actor_role: String,
    on_behalf_of: Option<String>,
    client_id: Option<i64>,
    section: String,
    item: Option<String>,
    action: String,
    outcome: String,
    detail: Option<String>,
    address_hash: Option<String>,
    prev_hash: String,
    entry_hash: String,
}

/// Walks the whole chain and checks every link and hash, and the head.
pub async fn verify(db: &Pool) -> Result<Verification, ApiError> {
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_id = 1_i64;
    let mut after = 0_i64;
    loop {
        let rows: Vec<StoredEntry> = sqlx::query_as(
            "SELECT id, organisation_id, CAST(occurred_at AS TEXT) AS occurred_at, actor_account_id, actor_name, \
             actor_role, on_behalf_of, client_id, section, item, action, outcome, detail, address_hash, prev_hash, \
             entry_hash FROM access_log WHERE id > $1 ORDER BY id LIMIT 1000",
        )
        .bind(after)
        .fetch_all(db)
        .await?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            if row.id != expected_id {
                if let Some(broken) =
                    walk_removed(db, &mut expected_id, &mut expected_prev, row.id).await?
                {
                    return Ok(broken);
                }
            }
            if row.id != expected_id {
                return Ok(Verification::Broken {
                    id: row.id,
                    reason: format!("entry {expected_id} is missing"),
                });
            }
            if row.prev_hash != expected_prev {
                return Ok(Verification::Broken {
                    id: row.id,
                    reason: "it does not link to the entry before it".into(),
                });
            }
            let canonical = [
                row.id.to_string(),
                row.organisation_id.to_string(),
                row.occurred_at.clone(),
                row.actor_account_id
                    .map(|a| a.to_string())
                    .unwrap_or_default(),
                row.actor_name.clone(),
                row.actor_role.clone(),
                row.on_behalf_of.clone().unwrap_or_default(),
                row.client_id.map(|c| c.to_string()).unwrap_or_default(),
                row.section.clone(),
                row.item.clone().unwrap_or_default(),
                row.action.clone(),
                row.outcome.clone(),
                row.detail.clone().unwrap_or_default(),
                row.address_hash.clone().unwrap_or_default(),
            ]
            .join("\u{1f}");
            if chain_hash(&row.prev_hash, &canonical) != row.entry_hash {
                return Ok(Verification::Broken {
                    id: row.id,
                    reason: "its content does not match its hash".into(),
                });
            }
            expected_prev = row.entry_hash;
            expected_id += 1;
            after = row.id;
        }
    }
    let (last_id, last_hash): (i64, String) =
        sqlx::query_as("SELECT last_id, last_hash FROM access_log_head WHERE id = 1")
            .fetch_one(db)
            .await?;
    if let Some(broken) =
        walk_removed(db, &mut expected_id, &mut expected_prev, last_id + 1).await?
    {
        return Ok(broken);
    }
    if let Some(broken) = removals_match_their_entries(db).await? {
        return Ok(broken);
    }
    if last_id != expected_id - 1 || last_hash != expected_prev {
        return Ok(Verification::Broken {
            id: last_id,
            reason: "the last entries are missing".into(),
        });
    }
    Ok(Verification::Intact {
        entries: expected_id - 1,
    })
}

/// Walks the places that removed entries left (retention, R25) from `expected_id` up to
/// `before`: each must link to the one before it, as the entry did. A removed entry
/// keeps its id, the hash before it and its own hash (`access_log_removed`), so the
/// entries after it still verify. One query per gap, so only the verification pays.
async fn walk_removed(
    db: &Pool,
    expected_id: &mut i64,
    expected_prev: &mut String,
    before: i64,
) -> Result<Option<Verification>, ApiError> {
    let places: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, prev_hash, entry_hash FROM access_log_removed WHERE id >= $1 AND id < $2 ORDER BY id",
    )
    .bind(*expected_id)
    .bind(before)
    .fetch_all(db)
    .await?;
    for (id, prev_hash, entry_hash) in places {
        if id != *expected_id {
            return Ok(Some(Verification::Broken {
                id,
                reason: format!("entry {expected_id} is missing"),
            }));
        }
        if prev_hash != *expected_prev {
            return Ok(Some(Verification::Broken {
                id,
                reason: "a removed entry's place does not link to the entry before it".into(),
            }));
        }
        *expected_prev = entry_hash;
        *expected_id += 1;
    }
    Ok(None)
}

/// Each removal left as many places as its own chained entry (section `retention`,
/// the removal's id as item) states: a place added later, to hide an entry deleted
/// around the application, would need that entry changed, which the chain shows.
async fn removals_match_their_entries(db: &Pool) -> Result<Option<Verification>, ApiError> {
    let places: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT removal_id, COUNT(*) FROM access_log_removed GROUP BY removal_id ORDER BY removal_id",
    )
    .fetch_all(db)
    .await?;
    for (removal_id, count) in places {
        let stated: Option<Option<String>> = sqlx::query_scalar(
            "SELECT detail FROM access_log WHERE section = $1 AND action = 'remove' AND item = $2",
        )
        .bind(RETENTION_SECTION)
        .bind(removal_id.to_string())
        .fetch_optional(db)
        .await?;
        if stated.flatten() != Some(count.to_string()) {
            let first: i64 =
                sqlx::query_scalar("SELECT MIN(id) FROM access_log_removed WHERE removal_id = $1")
                    .bind(removal_id)
                    .fetch_one(db)
                    .await?;
            return Ok(Some(Verification::Broken {
                id: first,
                reason: "removed entries that no removal in the log accounts for".into(),
            }));
        }
    }
    Ok(None)
}
