//! `kring-server`: serve the portal, or print the OpenAPI document.

use clap::Parser;
use kring_server::config::{Cli, Command};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Openapi) = cli.command {
        print!("{}", kring_api::openapi::document_json());
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
