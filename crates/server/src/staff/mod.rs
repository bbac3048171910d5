//! What the organisation's staff do to give portal access, suspend it, and publish
//! terms (R1, R2, R5, R6, R8, R10). The same actions are available from the command
//! line (`kring-server grant-access`, …) for installations without staff accounts yet.

mod actions;
mod caseload;
mod dossier;
mod moderation;
mod queries;
mod registration;
mod routes;
mod second_factor;

pub use actions::{
    change_administrator, grant_administrator, publish_terms, set_account_suspension,
    set_portal_suspension, Actor,
};
pub use moderation::photo_clients as moderation_photo_clients;

/// What the CSV import (the `import` feature) shares with the registration form and the
/// end of care, so an imported line follows the same rules and leaves the same records.
pub(crate) mod shared {
    pub(crate) use super::dossier::record_end_logged;
    pub(crate) use super::registration::{
        check_registration, insert_logged, registration_by_number, update_logged,
        CheckedRegistration, StoredRegistration, NAME_MAX_CHARS,
    };
}
pub use routes::routes;

#[cfg(test)]
mod registration_tests;
#[cfg(test)]
mod tests;
