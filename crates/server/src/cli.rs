//! Command-line actions for the organisation's administrators: the same actions as the
//! staff endpoints, for installations without staff accounts (or for scripting).

use std::path::PathBuf;
use std::sync::Arc;

use kring_api::{AdministratorRelation, Language, PublishTermsRequest};

use crate::clock::{Clock, SystemClock};
use crate::config::{Command, LanguageArg, RelationArg, ServeConfig};
use crate::outbox::{DevOutbox, DurableOutbox, MessageSender};
use crate::staff;
use crate::state::AppState;
use crate::StartError;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Starting (database, organisation) failed.
    #[error(transparent)]
    Start(#[from] StartError),
    /// The action was refused or failed.
    #[error("{0}")]
    Action(#[from] crate::problem::ApiError),
    /// No such client or account.
    #[error("{0}")]
    NotFound(String),
    /// The access log was altered.
    #[error("the access log was altered: entry {id}: {reason}")]
    AccessLogAltered {
        /// The first entry that does not match.
        id: i64,
        /// What is wrong.
        reason: String,
    },
    /// The organisation could not be set up.
    #[error("{0}")]
    SetUp(#[from] crate::administration::SetUpError),
    /// `init` needs the address people will open.
    #[error(
        "init needs the portal's public address for the activation link: set KRING_PUBLIC_URL \
         (or --public-url), e.g. https://portaal.delinde.nl"
    )]
    NoPublicUrl,
    /// `init` is for production data.
    #[error("a demo server makes its own organisations: run init without --demo")]
    InitInDemo,
    /// The terms file could not be read.
    #[error("cannot read {path}: {reason}")]
    File {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

/// Runs one command against the configured database and organisation.
pub async fn run(command: Command, config: ServeConfig) -> Result<(), CliError> {
    let db = crate::db::connect(&config.database_url())
        .await
        .map_err(StartError::from)?;
    if let Command::Init(args) = command {
        return init(&db, &config, args).await;
    }
    let organisation_id = crate::organisation::organisation_id_by_slug(&db, &config.organisation)
        .await
        .map_err(StartError::from)?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    // Messages wait in the outbox for the running server's worker to deliver; a demo
    // keeps them in its dev outbox.
    let sender: Arc<dyn MessageSender> = if config.demo_mode() {
        Arc::new(DevOutbox::new(db.clone(), clock.clone()))
    } else {
        Arc::new(DurableOutbox::new(
            db.clone(),
            clock.clone(),
            organisation_id,
        ))
    };
    let state = AppState {
        sender,
        db,
        organisation_id,
        clock,
        demo_mode: config.demo_mode(),
        settings: Arc::new(config.settings(config.port)),
        passwords: crate::auth::PasswordHasher::new(1)?,
        access_log_turn: Default::default(),
        photos: config
            .photo_store()
            .map_err(|e| CliError::NotFound(e.to_string()))?,
        photo_memory: crate::memory_budget::MemoryBudget::for_photos(),
    };
    match command {
        Command::Openapi => print!("{}", crate::app::openapi_json()),
        Command::Init(_) => unreachable!("handled before the organisation exists"),
        Command::GrantAccess(args) => {
            let client_id = client_by_number(&state, &args.client_number).await?;
            let granted = staff::grant_administrator(
                &state,
                None,
                client_id,
                kring_api::GrantAccessRequest {
                    name: args.name,
                    email: args.email,
                    mobile: args.mobile,
                    relation: match args.relation {
                        RelationArg::Client => AdministratorRelation::Client,
                        RelationArg::Representative => AdministratorRelation::Representative,
                    },
                    representation_basis: args.basis,
                    language: match args.language {
                        LanguageArg::Nl => Language::Nl,
                        LanguageArg::En => Language::En,
                    },
                },
            )
            .await?;
            println!(
                "Access given: the activation link went to {} (works until {}).",
                granted.email, granted.link_expires_at
            );
        }
        Command::SuspendAccount(args) => {
            let email = crate::auth::accounts::normalize_email(&args.email)?;
            let account = crate::auth::accounts::by_email(&state.db, organisation_id, &email)
                .await?
                .ok_or_else(|| {
                    CliError::NotFound(format!("no account with e-mail address {email}"))
                })?;
            let reason = if args.lift { None } else { args.reason };
            staff::set_account_suspension(&state, None, account.id, reason.clone()).await?;
            println!(
                "{} {email}.",
                if reason.is_some() {
                    "Suspended"
                } else {
                    "Lifted the suspension of"
                }
            );
        }
        Command::SuspendPortal(args) => {
            let client_id = client_by_number(&state, &args.client_number).await?;
            let reason = if args.lift { None } else { args.reason };
            staff::set_portal_suspension(&state, None, client_id, reason.clone()).await?;
            println!(
                "{} the portal of client {}.",
                if reason.is_some() {
                    "Suspended"
                } else {
                    "Lifted the suspension of"
                },
                args.client_number
            );
        }
        Command::VerifyAccessLog => match crate::access_log::verify(&state.db).await? {
            crate::access_log::Verification::Intact { entries } => {
                println!("The access log is intact: {entries} entries checked.");
            }
            crate::access_log::Verification::Broken { id, reason } => {
                return Err(CliError::AccessLogAltered { id, reason });
            }
        },
        Command::PublishTerms(args) => {
            let text = std::fs::read_to_string(&args.file).map_err(|e| CliError::File {
                path: args.file.clone(),
                reason: e.to_string(),
            })?;
            let request: PublishTermsRequest =
                serde_json::from_str(&text).map_err(|e| CliError::File {
                    path: args.file.clone(),
                    reason: e.to_string(),
                })?;
            let version = staff::publish_terms(
                &state,
                None,
                request.in_force_from,
                request.change_summary,
                request.sections,
            )
            .await?;
            println!(
                "Published terms version {version}, in force from {}.",
                request.in_force_from
            );
        }
    }
    Ok(())
}

async fn client_by_number(state: &AppState, number: &str) -> Result<i64, CliError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM clients WHERE client_number = $1 AND organisation_id = $2",
    )
    .bind(number.trim())
    .bind(state.organisation_id)
    .fetch_optional(&state.db)
    .await
    .map_err(crate::problem::ApiError::from)?;
    id.ok_or_else(|| CliError::NotFound(format!("no client with number {number}")))
}

/// `init`: sets up the organisation `--organisation` names.
async fn init(
    db: &crate::db::Pool,
    config: &ServeConfig,
    args: crate::config::InitArgs,
) -> Result<(), CliError> {
    if config.demo_mode() {
        return Err(CliError::InitInDemo);
    }
    let public_url = config.public_url.as_deref().ok_or(CliError::NoPublicUrl)?;
    let new = crate::administration::NewOrganisation {
        slug: config.organisation.clone(),
        name: args.name,
        emergency_phone: args.emergency_phone,
        administrator_name: args.admin_name,
        administrator_email: args.admin_email,
        administrator_mobile: args.admin_mobile,
        language: match args.language {
            LanguageArg::Nl => Language::Nl,
            LanguageArg::En => Language::En,
        },
    };
    let made = crate::administration::set_up(db, &new, public_url, SystemClock.now()).await?;
    println!(
        "Organisation `{}` is set up. Its first administrator's activation e-mail waits in the \
         outbox and goes out as soon as the server runs (with KRING_ORGANISATION={} and its \
         e-mail and SMS settings); the link works until {}.",
        config.organisation,
        config.organisation,
        made.link_expires_at.format("%Y-%m-%d %H:%M UTC")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use crate::config::Cli;
    use crate::test_support::{fresh_db_with_url, insert_organisation, test_now};

    async fn run(args: &[&str]) -> Result<(), super::CliError> {
        let cli = Cli::try_parse_from(args).expect("valid command line");
        super::run(cli.command.expect("a command"), cli.serve).await
    }

    #[tokio::test]
    async fn grant_access_and_suspensions_work_from_the_command_line() {
        let (db, _dir, url) = fresh_db_with_url().await;
        let org = insert_organisation(&db, "cli-org", 7).await;
        sqlx::query(
            "INSERT INTO clients (organisation_id, client_number, first_name, family_name, date_of_birth, \
             care_relation_start, created_at) VALUES ($1, 'C-7', 'Kees', 'Dijk', '1950-02-02', '2020-01-01', $2)",
        )
        .bind(org)
        .bind(test_now())
        .execute(&db)
        .await
        .unwrap();
        let base = [
            "kring-server",
            "--database-url",
            url.as_str(),
            "--organisation",
            "cli-org",
        ];
        let with = |rest: &[&'static str]| -> Vec<String> {
            base.iter()
                .chain(rest.iter())
                .map(|s| s.to_string())
                .collect()
        };
        let args = with(&[
            "grant-access",
            "--client-number",
            "C-7",
            "--name",
            "Marja Dijk",
            "--email",
            "marja@test.example",
            "--mobile",
            "06 33334444",
            "--relation",
            "representative",
        ]);
        let refused = run(&args.iter().map(String::as_str).collect::<Vec<_>>()).await;
        assert!(
            matches!(
                refused,
                Err(super::CliError::Action(
                    crate::problem::ApiError::RepresentationBasisRequired
                ))
            ),
            "{refused:?}"
        );
        let args = with(&[
            "grant-access",
            "--client-number",
            "C-7",
            "--name",
            "Marja Dijk",
            "--email",
            "marja@test.example",
            "--mobile",
            "06 33334444",
            "--relation",
            "representative",
            "--basis",
            "Curatele, 2021",
        ]);
        run(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .await
            .unwrap();
        // Outside demo mode the e-mail waits in the outbox for the server's worker.
        let mail: String = sqlx::query_scalar(
            "SELECT body FROM outbox_messages WHERE recipient = 'marja@test.example' AND status = 'waiting'",
        )
        .fetch_one(&db)
        .await
        .unwrap();
        assert!(mail.contains("/activeren#"), "{mail}");

        let args = with(&[
            "suspend-account",
            "--email",
            "marja@test.example",
            "--reason",
            "Misbruik.",
        ]);
        run(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .await
            .unwrap();
        let status: (String, Option<String>) = sqlx::query_as(
            "SELECT status, status_reason FROM accounts WHERE email = 'marja@test.example'",
        )
        .fetch_one(&db)
        .await
        .unwrap();
        assert_eq!(status, ("suspended".into(), Some("Misbruik.".into())));
        let args = with(&["suspend-account", "--email", "marja@test.example", "--lift"]);
        run(&args.iter().map(String::as_str).collect::<Vec<_>>())
            .await
            .unwrap();

        let missing = with(&["suspend-portal", "--client-number", "NOPE", "--reason", "x"]);
        assert!(matches!(
            run(&missing.iter().map(String::as_str).collect::<Vec<_>>()).await,
            Err(super::CliError::NotFound(_))
        ));
    }
}
