//! The care plan: domains, goals in the client's words, agreed actions; earlier versions.

use chrono::NaiveDate;
use kring_api::dossier::{
    AgreedAction, CarePlan, CarePlanDomain, CarePlanVersion, Counsellor, Goal, GoalStatus,
};
use kring_api::Day;
use kring_api::LocalizedText;

use super::domains::StoredDomain;
use crate::db::Pool;
use crate::problem::ApiError;

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: i64,
    period_start: NaiveDate,
    period_end: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct GoalRow {
    goal_id: i64,
    domain: StoredDomain,
    domain_position: i64,
    text: String,
    status: String,
    start_date: NaiveDate,
    evaluation_date: NaiveDate,
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    goal_id: i64,
    what: String,
    who: String,
    how_often: String,
}

/// The client's personal counsellor, if one is recorded.
pub async fn counsellor(db: &Pool, client_id: i64) -> Result<Option<Counsellor>, ApiError> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT s.name, s.job_title_nl, s.job_title_en FROM clients c \
         JOIN staff_members s ON s.id = c.personal_counsellor_id WHERE c.id = $1",
    )
    .bind(client_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(name, nl, en)| Counsellor {
        name,
        job_title: LocalizedText::new(nl, en),
    }))
}

/// The client's plans, newest first.
async fn versions(db: &Pool, client_id: i64) -> Result<Vec<PlanRow>, ApiError> {
    Ok(sqlx::query_as(
        "SELECT id, period_start, period_end FROM care_plans WHERE client_id = $1 \
         ORDER BY period_start DESC, id DESC",
    )
    .bind(client_id)
    .fetch_all(db)
    .await?)
}

/// One plan of the client (`None`: the one in force, i.e. without an end, or else the
/// newest). A plan id of another client is "not found".
pub async fn care_plan(
    db: &Pool,
    client_id: i64,
    plan_id: Option<i64>,
) -> Result<Option<CarePlan>, ApiError> {
    let versions = versions(db, client_id).await?;
    let current_id = versions
        .iter()
        .find(|p| p.period_end.is_none())
        .or(versions.first())
        .map(|p| p.id);
    let Some(plan) = versions
        .iter()
        .find(|p| Some(p.id) == plan_id.or(current_id))
    else {
        return Ok(None);
    };
    let goals: Vec<GoalRow> = sqlx::query_as(
        "SELECT g.id AS goal_id, d.domain, d.position AS domain_position, g.text, g.status, g.start_date, \
         g.evaluation_date FROM care_plan_domains d JOIN care_plan_goals g ON g.domain_id = d.id \
         WHERE d.care_plan_id = $1 ORDER BY d.position, g.position, g.id",
    )
    .bind(plan.id)
    .fetch_all(db)
    .await?;
    let actions: Vec<ActionRow> = sqlx::query_as(
        "SELECT a.goal_id, a.what, a.who, a.how_often FROM care_plan_actions a \
         JOIN care_plan_goals g ON g.id = a.goal_id JOIN care_plan_domains d ON d.id = g.domain_id \
         WHERE d.care_plan_id = $1 ORDER BY a.goal_id, a.position, a.id",
    )
    .bind(plan.id)
    .fetch_all(db)
    .await?;
    let mut domains_out: Vec<(i64, CarePlanDomain)> = Vec::new();
    for row in goals {
        let goal = Goal {
            id: row.goal_id,
            text: row.text,
            status: match row.status.as_str() {
                "achieved" => GoalStatus::Achieved,
                "stopped" => GoalStatus::Stopped,
                _ => GoalStatus::Active,
            },
            start_date: row.start_date.into(),
            evaluation_date: row.evaluation_date.into(),
            actions: actions
                .iter()
                .filter(|a| a.goal_id == row.goal_id)
                .map(|a| AgreedAction {
                    what: a.what.clone(),
                    who: a.who.clone(),
                    how_often: a.how_often.clone(),
                })
                .collect(),
        };
        match domains_out
            .iter_mut()
            .find(|(pos, _)| *pos == row.domain_position)
        {
            Some((_, domain)) => domain.goals.push(goal),
            None => domains_out.push((
                row.domain_position,
                CarePlanDomain {
                    domain: row.domain.0,
                    goals: vec![goal],
                },
            )),
        }
    }
    Ok(Some(CarePlan {
        id: plan.id,
        period_start: plan.period_start.into(),
        period_end: plan.period_end.map(Day::from),
        current: Some(plan.id) == current_id,
        domains: domains_out.into_iter().map(|(_, d)| d).collect(),
        versions: versions
            .iter()
            .map(|p| CarePlanVersion {
                id: p.id,
                period_start: p.period_start.into(),
                period_end: p.period_end.map(Day::from),
            })
            .collect(),
        counsellor: counsellor(db, client_id).await?,
    }))
}

/// Whether a goal belongs to one of the client's plans.
pub async fn goal_of_client(db: &Pool, client_id: i64, goal_id: i64) -> Result<bool, ApiError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT g.id FROM care_plan_goals g JOIN care_plan_domains d ON d.id = g.domain_id \
         JOIN care_plans p ON p.id = d.care_plan_id WHERE g.id = $1 AND p.client_id = $2",
    )
    .bind(goal_id)
    .bind(client_id)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}
