//! The server's notion of "now", injectable so tests can move time.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};

/// A source of the current time. Every rule that depends on dates asks this.
pub trait Clock: Send + Sync + 'static {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;

    /// Today's date. Dutch care organisations work in Europe/Amsterdam, but dates in the
    /// dossier are calendar dates without a zone; UTC is used consistently.
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// Moves this clock forward, if it can be moved (demo mode and tests); the real
    /// clock cannot and answers `false`.
    fn move_forward(&self, _by: chrono::Duration) -> bool {
        false
    }
}

/// The real wall clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until a test moves it.
#[derive(Clone, Debug)]
pub struct ManualClock(Arc<Mutex<DateTime<Utc>>>);

impl ManualClock {
    /// A clock standing at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(at)))
    }

    /// Moves the clock to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: chrono::Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn move_forward(&self, by: chrono::Duration) -> bool {
        self.advance(by);
        true
    }
}

/// The wall clock plus an offset that only grows: the demo server's clock, so someone
/// trying the portal can see what happens after a number of days (`POST /dev/clock`).
#[derive(Debug, Default)]
pub struct DemoClock(Mutex<chrono::Duration>);

impl Clock for DemoClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn move_forward(&self, by: chrono::Duration) -> bool {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) += by;
        true
    }
}
