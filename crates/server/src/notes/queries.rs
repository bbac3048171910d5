//! Reading and writing notes.

use chrono::{DateTime, Duration, Utc};
use kring_api::notes::NOTE_EDIT_MINUTES;
use kring_api::Timestamp;
use kring_api::{Note, Removal};

use crate::db::{Db, Pool};
use crate::problem::ApiError;
use crate::state::AppState;

/// How long an author may edit.
pub(crate) fn edit_window() -> Duration {
    Duration::minutes(NOTE_EDIT_MINUTES)
}

#[derive(sqlx::FromRow)]
pub(crate) struct NoteRow {
    pub id: i64,
    pub author_account_id: i64,
    author_name: String,
    author_role: Option<String>,
    author_relation: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
    pub retracted_at: Option<DateTime<Utc>>,
    pub removed_at: Option<DateTime<Utc>>,
    removed_reason: Option<String>,
}

const NOTE_QUERY: &str = "SELECT n.id, n.author_account_id, a.display_name AS author_name, \
     pa.role AS author_role, pa.relation AS author_relation, n.body, n.created_at, n.edited_at, \
     n.retracted_at, n.removed_at, n.removed_reason \
     FROM notes n JOIN accounts a ON a.id = n.author_account_id \
     LEFT JOIN portal_access pa ON pa.client_id = n.client_id AND pa.account_id = n.author_account_id \
     WHERE n.client_id = $1";

impl NoteRow {
    /// The note as `reader` may see it.
    pub(crate) fn view(&self, reader: i64, organisation: &str, now: DateTime<Utc>) -> Note {
        let mine = self.author_account_id == reader;
        let editable_until = self.created_at + edit_window();
        Note {
            id: self.id,
            author_name: self.author_name.clone(),
            author_relation: match (self.author_role.as_deref(), self.author_relation.as_deref()) {
                (_, Some(relation)) => relation.to_owned(),
                _ => String::new(),
            },
            mine,
            body: self.body.clone(),
            created_at: Timestamp::from(self.created_at),
            edited_at: self.edited_at.map(Timestamp::from),
            editable_until: (mine && self.removed_at.is_none() && now < editable_until)
                .then(|| Timestamp::from(editable_until)),
            removed: match (mine, self.removed_at) {
                (true, Some(at)) => Some(Removal {
                    by: organisation.to_owned(),
                    reason: self.removed_reason.clone().unwrap_or_default(),
                    at: Timestamp::from(at),
                }),
                _ => None,
            },
            // Set by the list, which knows the reader's previous visit.
            new: false,
        }
    }
}

/// A page of the notes `reader` may see, newest first: never retracted ones; removed
/// ones only for their author.
pub(crate) async fn page(
    state: &AppState,
    client_id: i64,
    reader: i64,
    before_id: Option<i64>,
    limit: u32,
) -> Result<Vec<NoteRow>, ApiError> {
    Ok(sqlx::query_as(&format!(
        "{NOTE_QUERY} AND n.retracted_at IS NULL AND (n.removed_at IS NULL OR n.author_account_id = $2) \
         AND ($3 IS NULL OR n.id < $3) ORDER BY n.id DESC LIMIT $4"
    ))
    .bind(client_id)
    .bind(reader)
    .bind(before_id)
    .bind(i64::from(limit))
    .fetch_all(&state.db)
    .await?)
}

/// One note of the client, in any state.
pub(crate) async fn one(
    state: &AppState,
    client_id: i64,
    note_id: i64,
) -> Result<Option<NoteRow>, ApiError> {
    Ok(sqlx::query_as(&format!("{NOTE_QUERY} AND n.id = $2"))
        .bind(client_id)
        .bind(note_id)
        .fetch_optional(&state.db)
        .await?)
}

/// Writes a new note and returns its id.
pub(crate) async fn insert(
    tx: &mut sqlx::Transaction<'_, Db>,
    client_id: i64,
    author_account_id: i64,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO notes (client_id, author_account_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(client_id)
    .bind(author_account_id)
    .bind(body)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Replaces a note's text, marking it edited.
pub(crate) async fn edit(
    tx: &mut sqlx::Transaction<'_, Db>,
    note_id: i64,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notes SET body = $1, edited_at = $2 WHERE id = $3")
        .bind(body)
        .bind(now)
        .bind(note_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Marks a note as retracted by its author.
pub(crate) async fn retract(
    tx: &mut sqlx::Transaction<'_, Db>,
    note_id: i64,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE notes SET retracted_at = $1 WHERE id = $2")
        .bind(now)
        .bind(note_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The client of a note of the organisation that is still shown (neither retracted
/// nor removed); `None` otherwise.
pub(crate) async fn shown_note_client(
    db: &Pool,
    note_id: i64,
    organisation_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT n.client_id FROM notes n JOIN clients c ON c.id = n.client_id \
         WHERE n.id = $1 AND c.organisation_id = $2 AND n.retracted_at IS NULL AND n.removed_at IS NULL",
    )
    .bind(note_id)
    .bind(organisation_id)
    .fetch_optional(db)
    .await
}

/// Marks a note as removed by a staff member, with the reason its author will read.
pub(crate) async fn remove(
    tx: &mut sqlx::Transaction<'_, Db>,
    note_id: i64,
    reason: &str,
    staff_member_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE notes SET removed_at = $1, removed_reason = $2, removed_by_staff = $3 WHERE id = $4",
    )
    .bind(now)
    .bind(reason)
    .bind(staff_member_id)
    .bind(note_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
