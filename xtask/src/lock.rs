//! One `cargo xtask` at a time builds in a checkout. The app's release build writes
//! `dist/` afresh and keeps its split modules in `target/wasm-split/`; two builds at
//! once (a `run` while a `test` builds) would write over each other, and a rebuild
//! during the browser tests would take their files away. Cargo already waits for its
//! own lock; this lock covers what xtask writes itself.
//!
//! `test` and `bench` hold it from start to end (their servers serve `dist/`); `build`
//! holds it while building; `run` while building, not while its server runs. The lock
//! is `target/xtask.lock`, locked with the operating system's file lock, so it goes
//! away with the process however that ends.

use std::fs::File;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::setup;
use crate::util::{self, Failure};

/// The open, locked file while this process holds the lock.
static HELD: Mutex<Option<File>> = Mutex::new(None);
/// How many guards are alive: the lock is taken by the first and let go by the last,
/// so a `test` that builds takes it once.
static DEPTH: AtomicUsize = AtomicUsize::new(0);

/// Holds the build lock until dropped.
pub struct BuildLock(());

/// Takes the build lock, waiting (and saying so) while another `cargo xtask` holds it.
pub fn build_lock() -> Result<BuildLock, Failure> {
    let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
    if DEPTH.fetch_add(1, Ordering::SeqCst) > 0 {
        return Ok(BuildLock(()));
    }
    let path = setup::target_dir().join("xtask.lock");
    let taken = std::fs::create_dir_all(setup::target_dir())
        .and_then(|()| {
            File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
        })
        .map_err(|e| Failure::new(format!("cannot open {}: {e}", path.display())))
        .and_then(|file| {
            if flock(&file, libc::LOCK_EX | libc::LOCK_NB).is_ok() {
                return Ok(file);
            }
            util::note(
                "another cargo xtask command is building in this checkout \
                 (it holds target/xtask.lock): waiting until it is done",
            );
            flock(&file, libc::LOCK_EX)
                .map(|()| file)
                .map_err(|e| Failure::new(format!("cannot lock {}: {e}", path.display())))
        });
    match taken {
        Ok(file) => {
            *held = Some(file);
            Ok(BuildLock(()))
        }
        Err(failure) => {
            DEPTH.fetch_sub(1, Ordering::SeqCst);
            Err(failure)
        }
    }
}

/// `flock(2)` on the file. (std's `File::lock` needs Rust 1.89; the workspace's
/// minimum is 1.88.)
fn flock(file: &File, operation: libc::c_int) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: flock only reads the descriptor, which `file` keeps open for the call.
    if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
        if DEPTH.fetch_sub(1, Ordering::SeqCst) == 1 {
            // Closing the file lets the lock go.
            *held = None;
        }
    }
}
