//! Sending messages to people (activation links, one-time codes) through a sender
//! interface. The development sender keeps them in a dev outbox: logged, and readable
//! through the API in demo mode only (`dev`), so every flow works on one machine.

mod sender;

pub use sender::{DevOutbox, MessageSender, OutgoingMessage, SendError};

#[cfg(test)]
mod tests;
