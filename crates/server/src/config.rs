//! Server configuration: command-line flags, each also settable as a `KRING_*` variable.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The Kring reference portal API server.
#[derive(Debug, Parser)]
#[command(name = "kring-server", version, about)]
pub struct Cli {
    /// What to do; without a command the server starts.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Settings for serving.
    #[command(flatten)]
    pub serve: ServeConfig,
}

/// Commands besides serving.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the OpenAPI document of the API to standard output.
    Openapi,
    /// Set up the organisation named by --organisation on an empty database: its
    /// starter documents and its first administrator, who is sent an activation link.
    Init(InitArgs),
    /// Give a client's portal to its administrator and send the activation link.
    GrantAccess(GrantAccessArgs),
    /// Suspend an account for excessive use, with a reason (`--lift` ends it).
    SuspendAccount(SuspendAccountArgs),
    /// Suspend a client's portal for excessive use, with a reason (`--lift` ends it).
    SuspendPortal(SuspendPortalArgs),
    /// Publish a new terms version from a JSON file (the body of `POST /staff/terms`).
    PublishTerms(PublishTermsArgs),
    /// Check that no access-log entry was changed or removed (exit status 1 if one was).
    VerifyAccessLog,
}

/// `init`: set up the organisation.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The organisation's full name, e.g. "Zorggroep De Linde".
    #[arg(long)]
    pub name: String,
    /// The number to call in an emergency, as people should read it, e.g. "030 123 45 67".
    #[arg(long)]
    pub emergency_phone: String,
    /// The first organisation administrator's full name.
    #[arg(long)]
    pub admin_name: String,
    /// Their e-mail address (the activation link goes here).
    #[arg(long)]
    pub admin_email: String,
    /// Their mobile number (sign-in codes go here).
    #[arg(long)]
    pub admin_mobile: String,
    /// The language of their messages.
    #[arg(long, value_enum, default_value_t = LanguageArg::Nl)]
    pub language: LanguageArg,
}

/// `grant-access`: give a client's portal to its administrator.
#[derive(Debug, Args)]
pub struct GrantAccessArgs {
    /// The client's number in the organisation, e.g. `DE-01001`.
    #[arg(long)]
    pub client_number: String,
    /// The administrator's full name.
    #[arg(long)]
    pub name: String,
    /// Their e-mail address (the activation link goes here).
    #[arg(long)]
    pub email: String,
    /// Their mobile number (sign-in codes go here).
    #[arg(long)]
    pub mobile: String,
    /// The client themselves, or a legal representative.
    #[arg(long, value_enum)]
    pub relation: RelationArg,
    /// For a representative: what shows they may represent the client.
    #[arg(long)]
    pub basis: Option<String>,
    /// The language of the messages.
    #[arg(long, value_enum, default_value_t = LanguageArg::Nl)]
    pub language: LanguageArg,
}

/// Who becomes administrator.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RelationArg {
    /// The client.
    Client,
    /// A legal representative.
    Representative,
}

/// A language.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LanguageArg {
    /// Dutch.
    Nl,
    /// English.
    En,
}

/// `suspend-account`.
#[derive(Debug, Args)]
pub struct SuspendAccountArgs {
    /// The account's e-mail address.
    #[arg(long)]
    pub email: String,
    /// Why (the person reads this).
    #[arg(long, required_unless_present = "lift")]
    pub reason: Option<String>,
    /// Lift the suspension instead.
    #[arg(long)]
    pub lift: bool,
}

/// `suspend-portal`.
#[derive(Debug, Args)]
pub struct SuspendPortalArgs {
    /// The client's number.
    #[arg(long)]
    pub client_number: String,
    /// Why (the people using the portal read this).
    #[arg(long, required_unless_present = "lift")]
    pub reason: Option<String>,
    /// Lift the suspension instead.
    #[arg(long)]
    pub lift: bool,
}

/// `publish-terms`.
#[derive(Debug, Args)]
pub struct PublishTermsArgs {
    /// A JSON file shaped like the body of `POST /api/v1/staff/terms`.
    #[arg(long)]
    pub file: PathBuf,
}

/// How big the demo data set is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum DemoSize {
    /// A few clients with two years of history: quick to create, good for trying things.
    #[default]
    Small,
    /// One client with 10,000 reports, 1,000 photos and 50 contacts, for performance work.
    Large,
}

/// Settings for serving the API and the app.
#[derive(Clone, Debug, Args)]
pub struct ServeConfig {
    /// Address to listen on.
    #[arg(long, env = "KRING_HOST", default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Port to listen on (0 picks a free port and prints it).
    #[arg(long, env = "KRING_PORT", default_value_t = 8080)]
    pub port: u16,
    /// Folder for the database (SQLite) and stored photos.
    #[arg(long, env = "KRING_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// Where photos are stored: a folder (default: `photos` in the data folder), or
    /// `s3://bucket/prefix` for S3-compatible storage (servers built with the `s3`
    /// feature; credentials and endpoint from the usual `AWS_*` variables, e.g.
    /// `AWS_ENDPOINT` and `AWS_ALLOW_HTTP` for a local MinIO).
    #[arg(long, env = "KRING_PHOTO_STORE")]
    pub photo_store: Option<String>,
    /// Database URL; defaults to the SQLite file `kring.sqlite` in the data folder.
    #[arg(long, env = "KRING_DATABASE_URL")]
    pub database_url: Option<String>,
    /// The organisation this server runs the portal for (its slug).
    #[arg(long, env = "KRING_ORGANISATION", default_value = "de-linde")]
    pub organisation: String,
    /// Folder with the built app (Trunk's `dist`); without it only the API is served.
    #[arg(long, env = "KRING_SPA_DIR")]
    pub spa_dir: Option<PathBuf>,
    /// Demo mode: create demo data on first start and keep sent messages in a dev outbox
    /// that the API shows. Never use it with real people's data.
    #[arg(long, env = "KRING_DEMO")]
    pub demo: bool,
    /// Size of the demo data created on first start.
    #[arg(long, env = "KRING_DEMO_SIZE", value_enum, default_value_t = DemoSize::Small)]
    pub demo_size: DemoSize,
    /// Throw away the demo database and photos and create them anew (implies --demo).
    #[arg(long)]
    pub reset_demo: bool,
    /// The public address is HTTPS (TLS ends at a proxy in front): send HSTS and mark
    /// cookies Secure.
    #[arg(long, env = "KRING_HTTPS")]
    pub https: bool,
    /// Origins of apps on another address that may call this API with credentials,
    /// comma-separated (e.g. `https://portaal.example.nl`).
    #[arg(long, env = "KRING_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,
    /// The address people open the portal at; links in e-mails point here. Defaults to
    /// `http://HOST:PORT`.
    #[arg(long, env = "KRING_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Minutes without activity after which a session ends.
    #[arg(long, env = "KRING_SESSION_IDLE_MINUTES", default_value_t = 15)]
    pub session_idle_minutes: u32,
    /// Hours after which a session ends in any case.
    #[arg(long, env = "KRING_SESSION_ABSOLUTE_HOURS", default_value_t = 12)]
    pub session_absolute_hours: u32,
    /// Take the client's address from `X-Forwarded-For` (only behind a proxy that sets
    /// it); used for rate limits and the access log.
    #[arg(long, env = "KRING_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,
    /// At most this many text messages (codes) to one mobile number in an hour; a
    /// request that would send more is refused with `too-many-messages`.
    #[arg(long, env = "KRING_CODES_PER_NUMBER_PER_HOUR", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub codes_per_number_per_hour: u32,
    /// At most this many messages (codes and e-mails) to one number or address in 24
    /// hours; a request that would send more is refused with `too-many-messages`.
    #[arg(long, env = "KRING_MESSAGES_PER_RECIPIENT_PER_DAY", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub messages_per_recipient_per_day: u32,
    /// How many password hashes may run at once (each uses about 19 MiB).
    #[arg(long, env = "KRING_PASSWORD_HASH_CONCURRENCY", default_value_t = 2)]
    pub password_hash_concurrency: usize,
    /// For tests only: milliseconds to wait between writing an uploaded photo's files
    /// and its database row, so a test can kill the server in between (the production
    /// suite does). Off by default; never set it in production.
    #[arg(long, env = "KRING_TEST_PHOTO_ROW_DELAY_MS", hide = true)]
    pub test_photo_row_delay_ms: Option<u64>,
    /// A JSON file listing the OpenID Connect providers people may sign in with (a DigiD
    /// broker for clients, the organisation's identity provider for staff), with their
    /// client secrets; see README ("Running in production"). Without it, people sign in
    /// with password and code only.
    #[arg(long, env = "KRING_OIDC_PROVIDERS")]
    pub oidc_providers: Option<PathBuf>,
    /// How messages reach people (production only; a demo server keeps them).
    #[command(flatten)]
    pub delivery: DeliveryArgs,
}

/// The e-mail and SMS senders of a production server.
#[derive(Clone, Debug, Default, Args)]
pub struct DeliveryArgs {
    /// The SMTP server, with user and password: `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host` (TLS from the start).
    #[arg(long, env = "KRING_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The From of every e-mail, e.g. `Zorggroep De Linde <portaal@delinde.nl>`.
    #[arg(long, env = "KRING_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// A PEM file with a certificate authority to trust for the SMTP server besides
    /// the usual ones (a relay inside the organisation's network).
    #[arg(long, env = "KRING_SMTP_CA_FILE")]
    pub smtp_ca_file: Option<PathBuf>,
    /// The SMS gateway's format: `cm` (CM.com) or `webhook` (JSON to any URL).
    #[arg(long, env = "KRING_SMS_GATEWAY", value_enum)]
    pub sms_gateway: Option<GatewayArg>,
    /// The gateway's URL (CM.com's endpoint by default for `cm`).
    #[arg(long, env = "KRING_SMS_URL", hide_env_values = true)]
    pub sms_url: Option<String>,
    /// The gateway's token (CM.com's product token; a bearer token for a webhook).
    #[arg(long, env = "KRING_SMS_TOKEN", hide_env_values = true)]
    pub sms_token: Option<String>,
    /// The sender name on the phone (CM.com; at most 11 letters or digits).
    #[arg(long, env = "KRING_SMS_SENDER")]
    pub sms_sender: Option<String>,
}

/// An SMS gateway format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GatewayArg {
    /// CM.com's Business Messaging API.
    Cm,
    /// A JSON webhook.
    Webhook,
}

impl DeliveryArgs {
    /// The outbox's settings.
    pub fn settings(&self) -> crate::outbox::DeliverySettings {
        crate::outbox::DeliverySettings {
            smtp_url: self.smtp_url.clone(),
            mail_from: self.mail_from.clone(),
            smtp_ca_file: self.smtp_ca_file.clone(),
            sms_gateway: self.sms_gateway.map(|g| match g {
                GatewayArg::Cm => crate::outbox::GatewayFormat::Cm,
                GatewayArg::Webhook => crate::outbox::GatewayFormat::Webhook,
            }),
            sms_url: self.sms_url.clone(),
            sms_token: self.sms_token.clone(),
            sms_sender: self.sms_sender.clone(),
        }
    }
}

impl ServeConfig {
    /// The database URL to use.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("kring.sqlite").display()))
    }

    /// The settings for sessions, links and request checks.
    pub fn settings(&self, bound_port: u16) -> crate::settings::Settings {
        let public_url = self
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}:{bound_port}", self.host));
        crate::settings::Settings {
            session_idle: chrono::Duration::minutes(i64::from(self.session_idle_minutes.max(1))),
            session_absolute: chrono::Duration::hours(i64::from(
                self.session_absolute_hours.max(1),
            )),
            https: self.https,
            public_url: public_url.trim_end_matches('/').to_owned(),
            allowed_origins: self.cors_origins.clone(),
            trust_forwarded_for: self.trust_forwarded_for,
            photo_row_delay: self
                .test_photo_row_delay_ms
                .filter(|ms| *ms > 0)
                .map(std::time::Duration::from_millis),
            message_limits: crate::settings::MessageLimits {
                codes_per_number_per_hour: self.codes_per_number_per_hour,
                messages_per_recipient_per_day: self.messages_per_recipient_per_day,
            },
            identity_providers: Default::default(),
        }
    }

    /// Opens the configured photo store.
    pub fn photo_store(&self) -> Result<crate::photos::PhotoStore, crate::photos::StoreError> {
        match self.photo_store.as_deref() {
            None => crate::photos::PhotoStore::local(&self.data_dir.join("photos")),
            Some(url) => crate::photos::PhotoStore::from_url(url),
        }
    }

    /// Whether photos are kept in a local folder (not S3).
    pub fn photos_are_local(&self) -> bool {
        !self
            .photo_store
            .as_deref()
            .is_some_and(|url| url.starts_with("s3://"))
    }

    /// Whether demo behaviour (demo data, dev outbox) is on.
    pub fn demo_mode(&self) -> bool {
        self.demo || self.reset_demo
    }
}
