//! The client's dossier in the portal: care plan, reports, correction requests and the
//! access log (R11, R14, R17, R22–R24). Every read of dossier data and every refused
//! attempt is written to the access log before anything is answered.

mod access_view;
pub mod care_plan;
mod corrections;
pub mod domains;
mod queries;
mod reports;
mod routes;

pub use care_plan::care_plan as care_plan_of;
pub use corrections::staff_routes;
pub use routes::routes;

#[cfg(test)]
pub(crate) mod tests;
