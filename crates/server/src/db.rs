//! The database: SQLite by default, PostgreSQL with the `postgres` feature.
//!
//! Queries are written once in SQL that both engines accept (`$1` placeholders,
//! `RETURNING`); the schema has a migration set per engine with the same tables.

use std::str::FromStr;
use std::time::Duration;

#[cfg(all(feature = "sqlite", feature = "postgres"))]
compile_error!("choose one database: build with either the `sqlite` or the `postgres` feature");

/// The database engine this build talks to.
#[cfg(feature = "sqlite")]
pub type Db = sqlx::Sqlite;
/// The database engine this build talks to.
#[cfg(feature = "postgres")]
pub type Db = sqlx::Postgres;

/// A pool of connections to the database.
pub type Pool = sqlx::Pool<Db>;

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL is not a database URL this build understands.
    #[error("database URL `{url}` is not valid: {source}")]
    BadUrl {
        /// The URL as given (without secrets: the caller passes it as configured).
        url: String,
        /// The parser's reason.
        source: sqlx::Error,
    },
    /// Connecting failed.
    #[error("cannot open the database: {0}")]
    Connect(#[source] sqlx::Error),
    /// A migration failed.
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Asks the database for an answer (`SELECT 1`): the health check.
pub async fn ping(pool: &Pool) -> Result<(), sqlx::Error> {
    // Not decoded: `1` is an INTEGER (64 bits) on SQLite but an int4 on PostgreSQL.
    sqlx::query("SELECT 1").fetch_one(pool).await?;
    Ok(())
}

/// Whether the database takes writes now: a write transaction begins (on SQLite it
/// takes the write lock, so a lock held elsewhere or an unwritable file fails) and one
/// write statement that changes nothing runs (a read-only PostgreSQL refuses it); then
/// it is rolled back. The readiness check.
pub async fn takes_writes(pool: &Pool) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(pool).await?;
    sqlx::query("UPDATE organisations SET id = id WHERE id < 0")
        .execute(&mut *tx)
        .await?;
    tx.rollback().await
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a deferred transaction that reads first and writes later fails
/// with "database is locked" (SQLITE_BUSY_SNAPSHOT) when another connection wrote in
/// between, and the busy timeout cannot help it. The bench's concurrent report reads,
/// each writing its access-log entry, showed exactly that.
///
/// The begin runs on a task of its own. A request whose client goes away is dropped
/// mid-await; when that happened just after sqlx's worker had executed the BEGIN and
/// handed over the answer, no `Transaction` ever owned it, so the connection went back
/// to the pool inside a transaction still holding SQLite's write lock: every later write
/// failed (the bench's load runs, which cut requests off at their end, showed it). On
/// its own task the begin always completes, and a transaction nobody waits for any more
/// is dropped there, which rolls it back.
pub async fn begin_write(pool: &Pool) -> Result<sqlx::Transaction<'static, Db>, sqlx::Error> {
    let pool = pool.clone();
    tokio::spawn(async move {
        #[cfg(feature = "sqlite")]
        {
            pool.begin_with("BEGIN IMMEDIATE").await
        }
        #[cfg(not(feature = "sqlite"))]
        {
            pool.begin().await
        }
    })
    .await
    .map_err(|_| sqlx::Error::WorkerCrashed)?
}

/// Opens the database at `url`, creating a SQLite file when missing, and migrates it.
#[cfg(feature = "sqlite")]
pub async fn connect(url: &str) -> Result<Pool, DbError> {
    use sqlx::sqlite::{
        SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
    };
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| DbError::BadUrl {
            url: url.to_owned(),
            source,
        })?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .map_err(DbError::Connect)?;
    sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
    Ok(pool)
}

/// Opens the PostgreSQL database at `url` and migrates it.
#[cfg(feature = "postgres")]
pub async fn connect(url: &str) -> Result<Pool, DbError> {
    use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
    let options = PgConnectOptions::from_str(url).map_err(|source| DbError::BadUrl {
        url: url.to_owned(),
        source,
    })?;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .map_err(DbError::Connect)?;
    sqlx::migrate!("./migrations/postgres").run(&pool).await?;
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::begin_write;
    use crate::test_support::fresh_db;

    /// Requests cut off while their write transaction begins (a client that goes away)
    /// leave no transaction behind on a pooled connection: every later write begins.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writes_cut_off_while_they_begin_leave_no_transaction_behind() {
        let (pool, _dir) = fresh_db().await;
        for attempt in 0..3000_u64 {
            let cut_off = Duration::from_micros(attempt % 300);
            let _ = tokio::time::timeout(cut_off, begin_write(&pool)).await;
        }
        for _ in 0..40 {
            let transaction = tokio::time::timeout(Duration::from_secs(2), begin_write(&pool))
                .await
                .expect("a write begins without waiting for a lost transaction's lock")
                .expect("a write begins on every pooled connection");
            transaction.commit().await.expect("commits");
        }
    }
}
