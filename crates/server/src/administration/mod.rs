//! Setting up an organisation on an empty database (`kring-server init`), and the
//! organisation administrators' own work: messages that could not be delivered. (Their
//! screens for settings, teams, staff and clients will live here too.)

mod messages;
mod set_up;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use set_up::{set_up, NewOrganisation, SetUpError, SetUpOrganisation};

use crate::state::AppState;

/// The organisation administrators' routes, relative to the API base.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(messages::undelivered))
        .routes(routes!(messages::retry))
}

#[cfg(test)]
mod tests;
