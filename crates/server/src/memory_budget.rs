//! A budget of working memory, in MiB, shared by work whose size is known before it
//! starts (decoding photos). Each piece of work reserves its estimate first and gives it
//! back when it ends; work that does not fit waits its turn, in order, for a while.
//!
//! Why a budget and not a count: a count of two uploads at once let two of the largest
//! images (about 300 MiB each) through together, while many small photos could safely
//! run side by side. The budget bounds the memory, whatever mix arrives.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The working memory all photo uploads together may use (decoded pixels and the copies
/// the pipeline makes). With the server's own 36 MiB or so, the bench's 256 MiB budget
/// for the whole server holds.
pub const PHOTO_WORK_MIB: u32 = 192;

/// How long an upload waits for its turn before it is told to try again later: well
/// within the request's own 30 s (`app::REQUEST_TIMEOUT`), so the answer is this
/// module's 503 with `Retry-After`, with time left for the work itself.
pub const PHOTO_WORK_WAIT: Duration = Duration::from_secs(20);

const MIB: u64 = 1024 * 1024;

/// Why memory was not reserved.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BudgetError {
    /// The work alone needs more than the whole budget: it can never run.
    #[error("needs {needed_mib} MiB of a budget of {budget_mib} MiB")]
    TooLarge {
        /// What the work asked for.
        needed_mib: u32,
        /// The whole budget.
        budget_mib: u32,
    },
    /// Other work held the memory for longer than the wait.
    #[error("no memory came free within {0:?}")]
    Busy(Duration),
}

/// A shared memory budget; clones share it.
#[derive(Clone, Debug)]
pub struct MemoryBudget {
    mib: Arc<Semaphore>,
    total_mib: u32,
    wait: Duration,
}

/// Memory held until this is dropped.
#[derive(Debug)]
pub struct Reservation {
    _permit: OwnedSemaphorePermit,
    mib: u32,
}

impl Reservation {
    /// How many MiB this holds.
    pub fn mib(&self) -> u32 {
        self.mib
    }
}

impl MemoryBudget {
    /// A budget of `total_mib`; a reservation waits at most `wait` for its turn.
    pub fn new(total_mib: u32, wait: Duration) -> Self {
        Self {
            mib: Arc::new(Semaphore::new(total_mib as usize)),
            total_mib,
            wait,
        }
    }

    /// The photo budget: [`PHOTO_WORK_MIB`], waiting at most [`PHOTO_WORK_WAIT`].
    pub fn for_photos() -> Self {
        Self::new(PHOTO_WORK_MIB, PHOTO_WORK_WAIT)
    }

    /// The whole budget, in MiB.
    pub fn total_mib(&self) -> u32 {
        self.total_mib
    }

    /// Reserves `bytes` (rounded up to whole MiB, at least one). Waits in line (first
    /// come, first served: a large request is not overtaken for ever by small ones).
    pub async fn reserve(&self, bytes: u64) -> Result<Reservation, BudgetError> {
        let needed = bytes.div_ceil(MIB).max(1);
        let needed_mib = u32::try_from(needed).unwrap_or(u32::MAX);
        if needed_mib > self.total_mib {
            return Err(BudgetError::TooLarge {
                needed_mib,
                budget_mib: self.total_mib,
            });
        }
        match tokio::time::timeout(self.wait, self.mib.clone().acquire_many_owned(needed_mib)).await
        {
            Ok(Ok(permit)) => Ok(Reservation {
                _permit: permit,
                mib: needed_mib,
            }),
            // The semaphore is never closed; treat it as busy all the same.
            Ok(Err(_)) | Err(_) => Err(BudgetError::Busy(self.wait)),
        }
    }

    /// MiB free now (for tests and logs).
    pub fn available_mib(&self) -> u32 {
        self.mib.available_permits() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_waits_for_memory_and_gets_it_when_it_is_given_back() {
        let budget = MemoryBudget::new(100, Duration::from_secs(5));
        let first = budget.reserve(60 * MIB).await.unwrap();
        assert_eq!(first.mib(), 60);
        assert_eq!(budget.available_mib(), 40);
        let small = budget.reserve(1).await.unwrap();
        assert_eq!(small.mib(), 1, "rounded up to a whole MiB");
        let waiting = tokio::spawn({
            let budget = budget.clone();
            async move { budget.reserve(50 * MIB).await.map(|r| r.mib()) }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "60 + 1 + 50 is over 100: it waits");
        drop(first);
        assert_eq!(waiting.await.unwrap(), Ok(50));
        drop(small);
        assert_eq!(budget.available_mib(), 100, "all given back");
    }

    #[tokio::test]
    async fn work_larger_than_the_whole_budget_is_refused_at_once() {
        let budget = MemoryBudget::new(100, Duration::from_secs(60));
        assert_eq!(
            budget.reserve(101 * MIB).await.unwrap_err(),
            BudgetError::TooLarge {
                needed_mib: 101,
                budget_mib: 100
            }
        );
        assert_eq!(budget.available_mib(), 100);
    }

    #[tokio::test]
    async fn work_that_waits_too_long_is_told_the_server_is_busy() {
        let budget = MemoryBudget::new(100, Duration::from_millis(50));
        let _held = budget.reserve(100 * MIB).await.unwrap();
        assert_eq!(
            budget.reserve(MIB).await.unwrap_err(),
            BudgetError::Busy(Duration::from_millis(50))
        );
    }
}
