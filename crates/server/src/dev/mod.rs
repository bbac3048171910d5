//! Tools of a demo server, for trying the portal on one machine: the messages the
//! development sender kept (activation links, codes) and moving the demo clock
//! forward. Both answer 404 unless the server runs in demo mode.

mod queries;
mod routes;

pub use routes::routes;
