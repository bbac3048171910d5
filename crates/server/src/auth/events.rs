//! An account's security log: what happened to its sign-in (issue 18). Written in the
//! change's own transaction, so a change and its record land together; only added to.
//! The person reads their own in account settings; the summary never holds a secret.

use chrono::{DateTime, Utc};
use kring_api::AccountEventKind;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Type};

use crate::db::Db;

/// A stored event kind, read back into the contract's type (an unknown key is an error,
/// not a default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredKind(pub AccountEventKind);

impl Type<Db> for StoredKind {
    fn type_info() -> <Db as Database>::TypeInfo {
        <&str as Type<Db>>::type_info()
    }

    fn compatible(ty: &<Db as Database>::TypeInfo) -> bool {
        <&str as Type<Db>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Db> for StoredKind {
    fn decode(value: <Db as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let key = <&str as Decode<Db>>::decode(value)?;
        AccountEventKind::parse(key)
            .map(StoredKind)
            .ok_or_else(|| format!("{key:?} is not an account event").into())
    }
}

/// One row of the log as read back.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AccountEventRow {
    /// The row id (the order of events at the same moment).
    pub id: i64,
    /// What happened.
    pub kind: StoredKind,
    /// Who did it, when not the account itself.
    pub actor_account_id: Option<i64>,
    /// A short description without secrets.
    pub summary: String,
    /// When.
    pub occurred_at: DateTime<Utc>,
}

/// Adds an event to the account's log, in the caller's transaction. `actor_account_id`
/// is the account that acted when it is not the owner (a staff member).
pub async fn record<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    account_id: i64,
    kind: AccountEventKind,
    actor_account_id: Option<i64>,
    summary: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO account_events (account_id, kind, actor_account_id, summary, occurred_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(account_id)
    .bind(kind.as_str())
    .bind(actor_account_id)
    .bind(summary)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// The account's events, newest first, at most `limit`.
pub async fn recent<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    account_id: i64,
    limit: i64,
) -> Result<Vec<AccountEventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, actor_account_id, summary, occurred_at FROM account_events \
         WHERE account_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2",
    )
    .bind(account_id)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// A page of the account's events, newest first (by id), after the id `before`, at
/// most `limit`.
pub async fn page<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    account_id: i64,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AccountEventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, actor_account_id, summary, occurred_at FROM account_events \
         WHERE account_id = $1 AND ($2 IS NULL OR id < $2) ORDER BY id DESC LIMIT $3",
    )
    .bind(account_id)
    .bind(before)
    .bind(limit)
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use kring_api::AccountEventKind;

    use crate::app::AppOptions;
    use crate::test_support::test_app;

    #[tokio::test]
    async fn every_kind_is_stored_and_read_back_and_an_unknown_key_is_refused() {
        let app = test_app(AppOptions::default(), false).await;
        let account_id = app
            .create_account("events@example.org", "+31612345678")
            .await;
        let now = app.state.clock.now();
        for kind in AccountEventKind::ALL {
            super::record(&app.state.db, account_id, kind, None, "test", now)
                .await
                .unwrap();
        }
        let read = super::recent(&app.state.db, account_id, 100).await.unwrap();
        let mut kinds: Vec<_> = read.iter().map(|r| r.kind.0).collect();
        kinds.reverse();
        assert_eq!(kinds, AccountEventKind::ALL.to_vec());

        sqlx::query(
            "INSERT INTO account_events (account_id, kind, summary, occurred_at) \
             VALUES ($1, 'hacked', '', $2)",
        )
        .bind(account_id)
        .bind(now)
        .execute(&app.state.db)
        .await
        .unwrap();
        assert!(super::recent(&app.state.db, account_id, 1).await.is_err());
    }
}
