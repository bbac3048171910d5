//! `kring-server`: serve the portal, or print the OpenAPI document.

use clap::Parser;
use kring_server::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    return_large_blocks_to_the_system();
    let cli = Cli::parse();
    if let Some(Command::Openapi) = cli.command {
        print!("{}", kring_server::app::openapi_json());
        return std::process::ExitCode::SUCCESS;
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("KRING_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Some(command) = cli.command {
        return match kring_server::cli::run(command, cli.serve).await {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("kring-server: {error}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    match kring_server::run(cli.serve).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "kring-server stopped");
            eprintln!("kring-server: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Makes every allocation of 1 MiB or more a mapping of its own, given back to the
/// system when freed.
///
/// Why: glibc otherwise raises its mapping threshold after the first large block is
/// freed, and from then on carves the argon2 work areas (19 MiB per sign-in) and
/// decoded photos out of its heaps, which it rarely gives back: the bench measured over
/// 1 GiB resident after its load runs. (Fewer heaps, `M_ARENA_MAX=2`, made it worse.)
/// A fixed threshold keeps the server at its working size.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_large_blocks_to_the_system() {
    const THRESHOLD: libc::c_int = 1 << 20;
    // SAFETY: mallopt only sets an allocator parameter; it is called before the
    // server allocates anything large, and a refusal (0) leaves glibc's default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, THRESHOLD);
    }
}

/// Other allocators and C libraries keep their own policy.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_large_blocks_to_the_system() {}
