//! Database access for terms versions.

use chrono::{DateTime, NaiveDate, Utc};
use kring_api::{DocumentSection, LocalizedText, TermsDocument, TermsVersionSummary};

use crate::db::{Db, Pool};
use crate::problem::ApiError;

#[derive(sqlx::FromRow)]
struct TermsRow {
    version: i64,
    in_force_from: NaiveDate,
    change_summary_nl: String,
    change_summary_en: String,
}

/// A terms version to publish.
#[derive(Clone, Debug)]
pub struct NewTermsVersion {
    /// The date it comes into force.
    pub in_force_from: NaiveDate,
    /// What changed compared with the version before.
    pub change_summary: LocalizedText,
    /// The text.
    pub sections: Vec<DocumentSection>,
}

/// Publishes the next terms version for the organisation and returns its number.
pub async fn publish(
    db: &Pool,
    organisation_id: i64,
    terms: &NewTermsVersion,
    now: DateTime<Utc>,
) -> Result<u32, ApiError> {
    let sections = serde_json::to_string(&terms.sections)
        .map_err(|e| ApiError::Internal(format!("terms sections: {e}")))?;
    let mut tx = crate::db::begin_write(db).await?;
    let latest: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM terms_versions WHERE organisation_id = $1")
            .bind(organisation_id)
            .fetch_one(&mut *tx)
            .await?;
    let version = latest.unwrap_or(0) + 1;
    sqlx::query(
        "INSERT INTO terms_versions (organisation_id, version, in_force_from, published_at, \
         change_summary_nl, change_summary_en, sections) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(organisation_id)
    .bind(version)
    .bind(terms.in_force_from)
    .bind(now)
    .bind(&terms.change_summary.nl)
    .bind(&terms.change_summary.en)
    .bind(sections)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    u32::try_from(version).map_err(|_| ApiError::Internal("terms version overflow".into()))
}

fn summary(row: TermsRow, current: Option<u32>) -> TermsVersionSummary {
    let version = u32::try_from(row.version).unwrap_or(0);
    TermsVersionSummary {
        version,
        in_force_from: row.in_force_from.into(),
        in_force: current == Some(version),
        change_summary: LocalizedText::new(row.change_summary_nl, row.change_summary_en),
    }
}

/// A page of versions, newest first, starting below `before` (exclusive).
pub async fn list(
    db: &Pool,
    organisation_id: i64,
    today: NaiveDate,
    before: Option<u32>,
    limit: u32,
) -> Result<(Vec<TermsVersionSummary>, bool), ApiError> {
    let current = crate::organisation::current_terms_version(db, organisation_id, today).await?;
    let rows: Vec<TermsRow> = sqlx::query_as(
        "SELECT version, in_force_from, change_summary_nl, change_summary_en FROM terms_versions \
         WHERE organisation_id = $1 AND version < $2 ORDER BY version DESC LIMIT $3",
    )
    .bind(organisation_id)
    .bind(i64::from(before.unwrap_or(u32::MAX)))
    .bind(i64::from(limit) + 1)
    .fetch_all(db)
    .await?;
    let has_more = rows.len() > limit as usize;
    let items = rows
        .into_iter()
        .take(limit as usize)
        .map(|row| summary(row, current))
        .collect();
    Ok((items, has_more))
}

/// One version with its text; `None` for the version in force.
pub async fn document(
    db: &Pool,
    organisation_id: i64,
    today: NaiveDate,
    version: Option<u32>,
) -> Result<Option<TermsDocument>, ApiError> {
    let current = crate::organisation::current_terms_version(db, organisation_id, today).await?;
    let Some(version) = version.or(current) else {
        return Ok(None);
    };
    let row: Option<(i64, NaiveDate, String, String, String)> = sqlx::query_as(
        "SELECT version, in_force_from, change_summary_nl, change_summary_en, sections \
         FROM terms_versions WHERE organisation_id = $1 AND version = $2",
    )
    .bind(organisation_id)
    .bind(i64::from(version))
    .fetch_optional(db)
    .await?;
    let Some((version, in_force_from, change_summary_nl, change_summary_en, sections)) = row else {
        return Ok(None);
    };
    let sections: Vec<DocumentSection> = serde_json::from_str(&sections)
        .map_err(|e| ApiError::Internal(format!("terms sections JSON: {e}")))?;
    let head = summary(
        TermsRow {
            version,
            in_force_from,
            change_summary_nl,
            change_summary_en,
        },
        current,
    );
    Ok(Some(TermsDocument {
        version: head.version,
        in_force_from: head.in_force_from,
        in_force: head.in_force,
        change_summary: head.change_summary,
        sections,
    }))
}

/// The row id of a published version (which must exist).
pub async fn version_id(db: &Pool, organisation_id: i64, version: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM terms_versions WHERE organisation_id = $1 AND version = $2")
        .bind(organisation_id)
        .bind(version)
        .fetch_one(db)
        .await
}

/// Records that an account accepted a version; accepting it again changes nothing.
pub async fn accept(
    tx: &mut sqlx::Transaction<'_, Db>,
    account_id: i64,
    terms_version_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO terms_acceptances (account_id, terms_version_id, accepted_at) VALUES ($1, $2, $3) \
         ON CONFLICT (account_id, terms_version_id) DO NOTHING",
    )
    .bind(account_id)
    .bind(terms_version_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
