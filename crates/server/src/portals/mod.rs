//! A client's portal as accounts use it: who may use it, in which state, with which
//! rights; the administrator ending it; access ending when care ends (R4, R5, R22).

pub mod access;
pub mod lifecycle;
pub mod request;
mod routes;

pub use access::{authorize, list_for_account, terms_status, PortalGrant};
pub use request::{Need, PortalRequest, Refusal, Section};
pub use routes::routes;

#[cfg(test)]
mod tests;
