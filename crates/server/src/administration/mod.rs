//! Setting up an organisation on an empty database (`kring-server init`), and the
//! organisation administrators' own work: teams, staff members, and messages that
//! could not be delivered. Every change they make is written to the administration
//! log (`administration_log`) in the change's transaction.

mod identity_links;
mod members;
mod messages;
pub mod phone;
mod queries;
mod set_up;
mod staff_accounts;
mod teams;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use set_up::{set_up, NewOrganisation, SetUpError, SetUpOrganisation};

/// What the CSV import (the `import` feature) shares with inviting and changing staff
/// members, so an imported line follows the same rules and leaves the same records.
pub(crate) mod shared {
    pub(crate) use super::members::{change_in, invite_in, job_title, Invitee, TEXT_MAX};
    pub(crate) use super::queries::{
        email_taken, log, staff_member_by_email, team_by_name, LogEntry, StaffRow, Subject,
    };
}

use crate::state::AppState;

/// The organisation administrators' routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(messages::undelivered))
        .routes(routes!(messages::retry))
        .routes(routes!(teams::list, teams::create))
        .routes(routes!(teams::update))
        .routes(routes!(members::list, members::invite))
        .routes(routes!(members::change))
        .routes(routes!(members::end))
        .routes(routes!(members::reset_second_factor))
        .routes(routes!(identity_links::link))
}

#[cfg(test)]
mod staff_tests;
#[cfg(test)]
mod tests;
