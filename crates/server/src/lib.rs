//! The Kring reference portal API server.
//!
//! Split by feature: each feature module (organisation, terms, outbox, …) holds its
//! routes, queries and tests together. [`run`] wires them into one server.

// The modules by layer, lowest first. A module uses only its own layer and those
// below it (checked by `layers.rs`; DEVELOPERS.md has the picture).

// Foundation: the database, time, errors, paging, settings and the shared state.
pub mod clock;
pub mod db;
pub mod identity_providers;
pub mod memory_budget;
pub mod outbox;
pub mod paging;
pub mod password_hashing;
pub mod photo_store;
pub mod problem;
pub mod request_guard;
pub mod responses;
pub mod secrets;
pub mod settings;
pub mod state;
pub mod text;

// Identity and portals: accounts, sessions, who may see which portal, the access log.
pub mod access_log;
pub mod account_security;
pub mod auth;
pub mod organisation;
pub mod passkeys;
pub mod portals;
pub mod provider_sign_in;
pub mod sign_in;
pub mod sign_in_methods;
pub mod staff_members;
pub mod terms;
pub mod visits;

// Features: what the portal shows and what staff do; the demo server's tools.
pub mod administration;
pub mod dev;
pub mod dossier;
pub mod import;
pub mod network;
pub mod notes;
pub mod organisation_settings;
pub mod photos;
pub mod retention;
pub mod staff;

// The application: router, middleware, OpenAPI document, command line, demo data.
pub mod app;
pub mod cli;
pub mod config;
#[cfg(feature = "demo")]
pub mod demo;
pub mod openapi;
pub mod security;
pub mod spa;

#[cfg(test)]
mod authorization_matrix;
#[cfg(test)]
mod http_tests;
#[cfg(test)]
mod layers;
#[cfg(test)]
mod test_support;

use std::net::SocketAddr;
use std::sync::Arc;

use crate::app::AppOptions;
use crate::clock::{Clock, DemoClock, SystemClock};
use crate::config::ServeConfig;
use crate::outbox::DevOutbox;
use crate::state::AppState;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Database(#[from] db::DbError),
    /// A query at start-up failed.
    #[error("database: {0}")]
    Query(#[from] sqlx::Error),
    /// The configured organisation does not exist.
    #[error(transparent)]
    Organisation(#[from] organisation::OrganisationLookupError),
    /// Demo data could not be created.
    #[cfg(feature = "demo")]
    #[error(transparent)]
    Demo(#[from] demo::DemoError),
    /// Demo mode was asked of a server built without the demo data.
    #[cfg(not(feature = "demo"))]
    #[error(
        "this server was built without demo data: build it with `--features demo` \
         (`cargo xtask run` does) or start it without --demo"
    )]
    DemoNotBuilt,
    /// The OpenID Connect providers file cannot be used.
    #[error(transparent)]
    IdentityProviders(#[from] identity_providers::ProvidersFileError),
    /// The built app could not be read.
    #[error(transparent)]
    Spa(#[from] spa::SpaError),
    /// Files in the data folder could not be handled.
    #[error("{what} {path}: {source}")]
    Io {
        /// What was being done.
        what: &'static str,
        /// The path.
        path: std::path::PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// Listening or serving failed.
    #[error("cannot serve on {address}: {source}")]
    Serve {
        /// The address.
        address: SocketAddr,
        /// The reason.
        source: std::io::Error,
    },
    /// The password hasher could not start.
    #[error("password hashing: {0}")]
    Passwords(#[from] problem::ApiError),
    /// A production server cannot deliver messages.
    #[error(transparent)]
    Delivery(#[from] outbox::DeliverySetUpError),
    /// Another server holds the data folder's lock (SQLite: one server per folder).
    #[error(
        "the data folder {} is in use by another kring-server{holder}. With SQLite only one \
         server may use a data folder: stop the other one, or give this one its own data \
         folder (--data-dir, KRING_DATA_DIR)",
        folder.display()
    )]
    DataFolderInUse {
        /// The data folder.
        folder: std::path::PathBuf,
        /// " (process N)" when the lock file says, else empty.
        holder: String,
    },
    /// --reset-demo only works on the SQLite file in the data folder.
    #[error("--reset-demo only works with the default SQLite database in the data folder")]
    ResetNeedsDefaultDatabase,
}

/// Prepares the data folder, database and demo data, then serves until shut down.
pub async fn run(config: ServeConfig) -> Result<(), StartError> {
    let started = std::time::Instant::now();
    // The demo server's clock can be moved forward (`POST /dev/clock`); a real one cannot.
    let clock: Arc<dyn Clock> = if config.demo_mode() {
        Arc::new(DemoClock::default())
    } else {
        Arc::new(SystemClock)
    };
    // Files older than this start and without a row are left from an earlier run.
    let started_at = chrono::Utc::now();
    let photo_dir = config.data_dir.join("photos");
    std::fs::create_dir_all(&config.data_dir).map_err(|source| StartError::Io {
        what: "cannot create the data folder",
        path: config.data_dir.clone(),
        source,
    })?;
    // Held until the server stops (the process ends): a second server on the same
    // SQLite data folder is refused, so this one may treat every file it did not write
    // as its own to clean up.
    let _data_folder_lock = if cfg!(feature = "sqlite") {
        Some(lock_data_folder(&config.data_dir)?)
    } else {
        None
    };
    if config.reset_demo {
        reset_demo_files(&config)?;
    }
    // Checked before anything else: a production server that cannot send sign-in codes
    // is no use, and says so at once.
    let transports = if config.demo_mode() {
        None
    } else {
        let delivery = config.delivery.settings();
        let mut missing = delivery.missing();
        if config.public_url.is_none() {
            missing.insert(
                0,
                "KRING_PUBLIC_URL (--public-url: the address in e-mailed links)",
            );
        }
        if !missing.is_empty() {
            return Err(outbox::DeliverySetUpError::Missing(missing).into());
        }
        Some(delivery.transports()?)
    };
    // Checked before anything else too: a provider that is wrong in the file would
    // only show when someone tries it.
    let identity_providers = match &config.oidc_providers {
        Some(path) => identity_providers::IdentityProviders::load(path)?,
        None => Default::default(),
    };
    let db = db::connect(&config.database_url()).await?;
    // Bind first: the port (maybe chosen by the system) is part of the links that the
    // demo data and the server's messages contain.
    let address = SocketAddr::new(config.host, config.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|source| StartError::Serve { address, source })?;
    let bound = listener
        .local_addr()
        .map_err(|source| StartError::Serve { address, source })?;
    let settings = Arc::new(crate::settings::Settings {
        identity_providers,
        ..config.settings(bound.port())
    });
    if config.demo_mode() {
        seed_demo(&db, &photo_dir, &config, clock.now(), &settings.public_url).await?;
    }
    let organisation_id = organisation::organisation_id_by_slug(&db, &config.organisation).await?;
    let spa = config
        .spa_dir
        .as_deref()
        .map(spa::Spa::load)
        .transpose()?
        .map(Arc::new);
    let sender: Arc<dyn outbox::MessageSender> = match transports {
        None => Arc::new(DevOutbox::new(db.clone(), clock.clone())),
        Some(transports) => {
            let queue = outbox::DurableOutbox::new(db.clone(), clock.clone(), organisation_id);
            outbox::Worker::new(db.clone(), clock.clone(), transports.email, transports.sms)
                .spawn(queue.wake());
            Arc::new(queue)
        }
    };
    let state = AppState {
        sender,
        db: db.clone(),
        organisation_id,
        clock: clock.clone(),
        demo_mode: config.demo_mode(),
        settings,
        passwords: auth::PasswordHasher::new(config.password_hash_concurrency)?,
        access_log_turn: Default::default(),
        photos: config.photo_store().map_err(|e| StartError::Io {
            what: "cannot open the photo store",
            path: photo_dir.clone(),
            source: std::io::Error::other(e),
        })?,
        photo_memory: crate::memory_budget::MemoryBudget::for_photos(),
    };
    // Alone with its data (SQLite, the folder locked, photos in a local folder), the
    // server removes at once every file an interrupted upload left; with others
    // possibly uploading (PostgreSQL, S3), only files old enough not to be theirs.
    let startup_sweep = if _data_folder_lock.is_some() && config.photos_are_local() {
        photo_store::StartupSweep::SoleServer {
            started: started_at,
        }
    } else {
        photo_store::StartupSweep::Shared
    };
    photos::spawn_sweep(state.photos.clone(), db.clone(), startup_sweep);
    portals::lifecycle::spawn(db, clock);
    retention::spawn(state.clone());
    let app = app::build(
        state,
        AppOptions {
            spa: spa.clone(),
            cors_origins: config.cors_origins.clone(),
            https: config.https,
        },
    );
    announce(bound, &config, spa.is_some(), started.elapsed());
    app::serve(listener, app)
        .await
        .map_err(|source| StartError::Serve { address, source })
}

/// The name of the lock file in the data folder.
pub const DATA_FOLDER_LOCK: &str = "kring.lock";

/// Takes the data folder's lock (`kring.lock`, an advisory lock the operating system
/// drops when the process ends, also on a crash), and writes this process's id into it
/// for the message a second server gets.
pub fn lock_data_folder(folder: &std::path::Path) -> Result<std::fs::File, StartError> {
    use std::io::{Read, Seek, Write};
    let path = folder.join(DATA_FOLDER_LOCK);
    let io = |source| StartError::Io {
        what: "cannot open the lock file",
        path: path.clone(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.read_to_string(&mut text);
            let holder = match text.trim().parse::<u32>() {
                Ok(pid) => format!(" (process {pid})"),
                Err(_) => String::new(),
            };
            return Err(StartError::DataFolderInUse {
                folder: folder.to_owned(),
                holder,
            });
        }
        Err(std::fs::TryLockError::Error(source)) => return Err(io(source)),
    }
    file.set_len(0).map_err(io)?;
    file.rewind().map_err(io)?;
    writeln!(file, "{}", std::process::id()).map_err(io)?;
    Ok(file)
}

/// Creates the demo data on the first start of a demo server.
#[cfg(feature = "demo")]
async fn seed_demo(
    db: &db::Pool,
    photo_dir: &std::path::Path,
    config: &ServeConfig,
    now: chrono::DateTime<chrono::Utc>,
    public_url: &str,
) -> Result<(), StartError> {
    if demo::is_empty(db).await? {
        tracing::info!(size = ?config.demo_size, "creating demo data (first start)");
        demo::seed(db, photo_dir, config.demo_size, now, public_url).await?;
    }
    Ok(())
}

/// Without the demo data compiled in, demo mode cannot start.
#[cfg(not(feature = "demo"))]
async fn seed_demo(
    _db: &db::Pool,
    _photo_dir: &std::path::Path,
    _config: &ServeConfig,
    _now: chrono::DateTime<chrono::Utc>,
    _public_url: &str,
) -> Result<(), StartError> {
    Err(StartError::DemoNotBuilt)
}

fn reset_demo_files(config: &ServeConfig) -> Result<(), StartError> {
    if config.database_url.is_some() {
        return Err(StartError::ResetNeedsDefaultDatabase);
    }
    let database = config.data_dir.join("kring.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let path = std::path::PathBuf::from(format!("{}{suffix}", database.display()));
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(StartError::Io {
                    what: "cannot remove",
                    path,
                    source,
                })
            }
        }
    }
    let photos = config.data_dir.join("photos");
    match std::fs::remove_dir_all(&photos) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StartError::Io {
            what: "cannot remove",
            path: photos,
            source,
        }),
    }
}

/// Prints where the server listens and, in demo mode, whom to sign in as. The first
/// line is machine-readable (`kring-server listening on http://…`) for scripts.
fn announce(
    bound: SocketAddr,
    config: &ServeConfig,
    serves_app: bool,
    startup: std::time::Duration,
) {
    println!("kring-server listening on http://{bound}");
    tracing::info!(%bound, startup_ms = startup.as_millis() as u64, "ready");
    if serves_app {
        println!("\n  Open the portal: http://{bound}/");
    } else {
        println!("\n  API only (no --spa-dir): http://{bound}/api/v1/organisation");
    }
    println!("  Organisation:    {}", config.organisation);
    if config.demo_mode() {
        println!("  Demo mode: messages (activation links, codes) go to the dev outbox:");
        println!("                   http://{bound}/api/v1/dev/outbox");
        #[cfg(feature = "demo")]
        announce_demo_accounts(bound, &demo::accounts(&config.organisation));
    }
    println!("\n  Stop with Ctrl-C.");
}

/// Whom to sign in as on a demo server.
#[cfg(feature = "demo")]
fn announce_demo_accounts(bound: SocketAddr, demo_accounts: &[demo::DemoAccount]) {
    {
        if !demo_accounts.is_empty() {
            println!(
                "\n  Demo accounts (password for all: {}):",
                demo::DEMO_PASSWORD
            );
            for account in demo_accounts {
                println!(
                    "    {:<22} {:<20} {}",
                    account.email, account.name, account.role
                );
            }
            println!(
                "\n  Signing in takes a code by SMS; in demo mode it is in the dev outbox:\n    \
                 http://{bound}/api/v1/dev/outbox?to=%2B31600000001  (Daan's number)"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_server_on_the_same_data_folder_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let first = lock_data_folder(dir.path()).unwrap();
        let refused = lock_data_folder(dir.path()).unwrap_err();
        let message = refused.to_string();
        assert!(
            message.contains(&dir.path().display().to_string()),
            "{message}"
        );
        assert!(
            message.contains(&format!("(process {})", std::process::id())),
            "{message}"
        );
        assert!(message.contains("--data-dir"), "{message}");
        drop(first);
        assert!(lock_data_folder(dir.path()).is_ok(), "free once it ended");
    }
}
