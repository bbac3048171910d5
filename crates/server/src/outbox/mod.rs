//! Sending messages to people (activation links, one-time codes) through a sender
//! interface. The development sender keeps them in a dev outbox: logged, and readable
//! through the API in demo mode only, so every flow works on one machine.

mod queries;
mod routes;
mod sender;

pub use routes::routes;
pub use sender::{DevOutbox, MessageSender, OutgoingMessage, SendError};

#[cfg(test)]
mod tests;
