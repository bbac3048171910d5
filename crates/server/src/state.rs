//! What every handler can reach.

use std::sync::Arc;

use crate::clock::Clock;
use crate::db::Pool;
use crate::outbox::MessageSender;
use crate::password_hashing::PasswordHasher;
use crate::settings::Settings;

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
    /// Sessions, links and request checks.
    pub settings: Arc<Settings>,
    /// Hashes passwords off the async runtime, a bounded number at a time.
    pub passwords: PasswordHasher,
    /// Access-log entries are appended one at a time (the log is a hash chain).
    pub access_log_turn: Arc<tokio::sync::Mutex<()>>,
    /// Where photo files live.
    pub photos: crate::photo_store::PhotoStore,
    /// The working memory of photo uploads: each reserves its estimate before decoding.
    pub photo_memory: crate::memory_budget::MemoryBudget,
}
