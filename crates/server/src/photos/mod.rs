//! The photo gallery (R18–R20, R26). Photos are the most sensitive data in the portal:
//! a photo of a joint activity shows other clients. So the server trusts no file name
//! or declared type, strips every piece of metadata by re-encoding from pixels, serves
//! images only to people with the right (checked on every request, never cached by
//! anyone but that browser, and not even there), and never destroys a photo before the
//! retention period: removal hides it from a portal and is logged.

pub mod pipeline;
mod queries;
mod routes;

pub use crate::photo_store::{spawn_sweep, PhotoStore, StoreError};
pub use routes::{routes, upload_routes, UPLOAD_BODY_LIMIT};

#[cfg(test)]
mod tests;
