//! What every handler can reach.

use std::sync::Arc;

use crate::clock::Clock;
use crate::db::Pool;
use crate::outbox::MessageSender;

/// Shared state of the running server.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: Pool,
    /// The organisation this server runs the portal for.
    pub organisation_id: i64,
    /// "Now", injectable for tests.
    pub clock: Arc<dyn Clock>,
    /// Where e-mail and SMS messages go.
    pub sender: Arc<dyn MessageSender>,
    /// Demo mode: the dev outbox is readable through the API.
    pub demo_mode: bool,
}
