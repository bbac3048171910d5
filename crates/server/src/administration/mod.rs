//! Setting up an organisation on an empty database (`kring-server init`). The
//! organisation administrators' own screens (settings, teams, staff, clients) will
//! live here too.

mod set_up;

pub use set_up::{set_up, NewOrganisation, SetUpError, SetUpOrganisation};

#[cfg(test)]
mod tests;
