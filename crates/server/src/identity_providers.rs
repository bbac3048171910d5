//! The OpenID Connect providers the server's administrator configured (issue 18): read
//! from a JSON file at start-up (`--oidc-providers`, `KRING_OIDC_PROVIDERS`), because
//! each carries a client secret; the organisation only chooses which of them are
//! allowed (`sign_in_methods`). Also the providers' HTTP client and their discovery
//! documents, fetched when first needed and again when an ID token names a key the
//! cached key set lacks (key rotation).
//!
//! The file is a list of providers:
//!
//! ```json
//! [{"id": "digid", "name": {"nl": "DigiD", "en": "DigiD"},
//!   "issuer": "https://broker.example.nl", "client_id": "kring",
//!   "client_secret": "…", "group": "clients"}]
//! ```
//!
//! `group` is `clients` (clients, representatives and network contacts: a DigiD
//! broker) or `staff` (the organisation's identity provider). A provider's addresses
//! must be HTTPS; plain HTTP is only accepted on 127.0.0.1, for tests.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kring_api::{LocalizedText, SignInGroup};
use openidconnect::core::CoreProviderMetadata;
use openidconnect::{
    AsyncHttpClient, ClientId, ClientSecret, HttpRequest, HttpResponse, IssuerUrl,
};
use serde::Deserialize;
use tokio::sync::RwLock;

/// How long a fetched discovery document (with its key set) is used before it is
/// fetched again.
const DISCOVERY_LIFETIME: Duration = Duration::from_secs(60 * 60);
/// The longest a request to a provider may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest answer read from a provider (a discovery document or key set is a few
/// KiB).
const ANSWER_LIMIT: usize = 256 * 1024;

/// One provider as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderEntry {
    id: String,
    name: LocalizedText,
    issuer: String,
    client_id: String,
    client_secret: String,
    group: SignInGroup,
}

/// Why the providers file cannot be used; the server does not start.
#[derive(Debug, thiserror::Error)]
pub enum ProvidersFileError {
    /// The file cannot be read.
    #[error("cannot read the OpenID Connect providers file {path}: {source}")]
    Read {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a list of providers as documented.
    #[error("the OpenID Connect providers file {path} is not a list of providers (id, name with nl and en, issuer, client_id, client_secret, group clients or staff): {reason}")]
    Shape {
        /// The file.
        path: std::path::PathBuf,
        /// Where and what (no secret: serde names the field, not its value).
        reason: String,
    },
    /// One provider's values break a rule.
    #[error("OpenID Connect provider {index} ({id:?}) in {path}: {reason}")]
    Provider {
        /// The file.
        path: std::path::PathBuf,
        /// Its place in the list, from 1.
        index: usize,
        /// Its id as written.
        id: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// The HTTP client cannot be made.
    #[error("the HTTP client for OpenID Connect providers cannot start: {0}")]
    Client(String),
}

/// A configured provider.
#[derive(Debug)]
pub struct IdentityProvider {
    /// Its id, a slug (`[a-z0-9-]`, at most 32 characters).
    pub id: String,
    /// The name on its button.
    pub name: LocalizedText,
    /// The issuer: discovery is read from `{issuer}/.well-known/openid-configuration`.
    pub issuer: IssuerUrl,
    /// This portal's client id at the provider.
    pub client_id: ClientId,
    /// This portal's client secret at the provider (its `Debug` hides it).
    pub client_secret: ClientSecret,
    /// Who it serves.
    pub group: SignInGroup,
    /// The discovery document (with the key set) last fetched, and when.
    discovered: RwLock<Option<(Arc<CoreProviderMetadata>, Instant)>>,
}

impl IdentityProvider {
    /// The provider as the sign-in page shows it.
    pub fn info(&self) -> kring_api::IdentityProvider {
        kring_api::IdentityProvider {
            id: self.id.clone(),
            name: self.name.clone(),
            group: self.group,
        }
    }
}

/// The configured providers and their HTTP client; none by default.
#[derive(Clone, Debug, Default)]
pub struct IdentityProviders {
    providers: Arc<Vec<IdentityProvider>>,
    http: ProviderHttp,
}

impl IdentityProviders {
    /// Reads and checks the providers file.
    pub fn load(path: &Path) -> Result<Self, ProvidersFileError> {
        let text = std::fs::read_to_string(path).map_err(|source| ProvidersFileError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Checks the providers file's text (`path` names it in errors).
    pub fn parse(text: &str, path: &Path) -> Result<Self, ProvidersFileError> {
        let entries: Vec<ProviderEntry> =
            serde_json::from_str(text).map_err(|e| ProvidersFileError::Shape {
                path: path.to_owned(),
                reason: e.to_string(),
            })?;
        let mut providers: Vec<IdentityProvider> = Vec::with_capacity(entries.len());
        for (at, entry) in entries.into_iter().enumerate() {
            let refuse = |reason: &'static str| ProvidersFileError::Provider {
                path: path.to_owned(),
                index: at + 1,
                id: entry.id.clone(),
                reason,
            };
            let slug = !entry.id.is_empty()
                && entry.id.len() <= 32
                && entry
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !slug {
                return Err(refuse("the id must be 1 to 32 of a-z, 0-9 and -"));
            }
            if providers.iter().any(|p| p.id == entry.id) {
                return Err(refuse("another provider has this id"));
            }
            let named = |text: &str| !text.trim().is_empty() && text.chars().count() <= 60;
            if !named(&entry.name.nl) || !named(&entry.name.en) {
                return Err(refuse("the name needs 1 to 60 characters in nl and en"));
            }
            let issuer = IssuerUrl::new(entry.issuer.trim_end_matches('/').to_owned())
                .map_err(|_| refuse("the issuer is not a URL"))?;
            if !allowed_address(issuer.url()) {
                return Err(refuse(
                    "the issuer must be an https:// address (http:// only on 127.0.0.1)",
                ));
            }
            if entry.client_id.trim().is_empty() || entry.client_secret.trim().is_empty() {
                return Err(refuse("client_id and client_secret must not be empty"));
            }
            providers.push(IdentityProvider {
                id: entry.id.clone(),
                name: entry.name.clone(),
                issuer,
                client_id: ClientId::new(entry.client_id.clone()),
                client_secret: ClientSecret::new(entry.client_secret.clone()),
                group: entry.group,
                discovered: RwLock::new(None),
            });
        }
        Ok(Self {
            providers: Arc::new(providers),
            http: ProviderHttp::new().map_err(|e| ProvidersFileError::Client(e.to_string()))?,
        })
    }

    /// Every provider, in the file's order.
    pub fn all(&self) -> &[IdentityProvider] {
        &self.providers
    }

    /// The provider with this id.
    pub fn get(&self, id: &str) -> Option<&IdentityProvider> {
        self.providers.iter().find(|p| p.id == id)
    }

    /// The HTTP client for the providers.
    pub fn http(&self) -> &ProviderHttp {
        &self.http
    }

    /// The provider's discovery document with its key set: the cached one, unless it is
    /// older than an hour or `refresh` asks for a new one (an ID token named a key the
    /// cached set lacks: the provider rotated its keys).
    pub async fn discovered(
        &self,
        provider: &IdentityProvider,
        refresh: bool,
    ) -> Result<Arc<CoreProviderMetadata>, String> {
        if !refresh {
            if let Some((metadata, at)) = provider.discovered.read().await.as_ref() {
                if at.elapsed() < DISCOVERY_LIFETIME {
                    return Ok(metadata.clone());
                }
            }
        }
        let metadata = CoreProviderMetadata::discover_async(provider.issuer.clone(), &self.http)
            .await
            .map_err(|e| format!("discovery of {}: {}", provider.id, error_chain(&e)))?;
        let metadata = Arc::new(metadata);
        *provider.discovered.write().await = Some((metadata.clone(), Instant::now()));
        Ok(metadata)
    }
}

/// A request error with its causes, for the log (no URL query: the error names the
/// endpoint's address, which holds no secret, and never a body).
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Whether the server may talk to this address: HTTPS, or plain HTTP on 127.0.0.1 (a
/// test's own provider).
pub fn allowed_address(url: &url::Url) -> bool {
    match url.scheme() {
        "https" => url.host().is_some(),
        "http" => url.host_str() == Some("127.0.0.1"),
        _ => false,
    }
}

/// Why a request to a provider failed.
#[derive(Debug, thiserror::Error)]
pub enum ProviderHttpError {
    /// The address is neither HTTPS nor loopback HTTP.
    #[error("refused to call {0}: not an https:// address")]
    Insecure(String),
    /// The request could not be made or answered.
    #[error("request failed: {0}")]
    Request(#[from] reqwest::Error),
    /// The answer was larger than any discovery document or key set.
    #[error("the answer is larger than {ANSWER_LIMIT} bytes")]
    TooLarge,
    /// The answer could not be passed on.
    #[error("answer: {0}")]
    Answer(String),
}

/// The server's reqwest (rustls with the ring provider, as for the SMS gateway) as the
/// `openidconnect` crate's HTTP client. The crate is built without its own reqwest, so
/// one HTTP client and one TLS stack serve the whole server. Redirects are not followed
/// (the crate's advice: a redirect could lead a request to an address it should not
/// reach), and only HTTPS addresses are called, or plain HTTP on 127.0.0.1.
#[derive(Clone, Debug, Default)]
pub struct ProviderHttp(Option<reqwest::Client>);

impl ProviderHttp {
    fn new() -> Result<Self, reqwest::Error> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(REQUEST_TIMEOUT)
            .build()?;
        Ok(Self(Some(client)))
    }

    async fn execute(&self, request: HttpRequest) -> Result<HttpResponse, ProviderHttpError> {
        let url = url::Url::parse(&request.uri().to_string())
            .map_err(|e| ProviderHttpError::Answer(e.to_string()))?;
        if !allowed_address(&url) {
            let mut shown = url.clone();
            shown.set_query(None);
            return Err(ProviderHttpError::Insecure(shown.to_string()));
        }
        let client = self
            .0
            .as_ref()
            .ok_or_else(|| ProviderHttpError::Answer("no providers are configured".into()))?;
        let request = reqwest::Request::try_from(request)?;
        let mut response = client.execute(request).await?;
        let mut answer = openidconnect::http::Response::builder().status(response.status());
        if let Some(headers) = answer.headers_mut() {
            *headers = std::mem::take(response.headers_mut());
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > ANSWER_LIMIT {
                return Err(ProviderHttpError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        answer
            .body(body)
            .map_err(|e| ProviderHttpError::Answer(e.to_string()))
    }
}

impl<'c> AsyncHttpClient<'c> for ProviderHttp {
    type Error = ProviderHttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(self.execute(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<IdentityProviders, ProvidersFileError> {
        IdentityProviders::parse(text, Path::new("providers.json"))
    }

    const GOOD: &str = r#"[{"id": "digid", "name": {"nl": "DigiD", "en": "DigiD"},
        "issuer": "https://broker.example.nl/", "client_id": "kring", "client_secret": "s3cret",
        "group": "clients"}]"#;

    #[test]
    fn a_valid_file_is_read_and_the_secret_is_not_shown() {
        let providers = parse(GOOD).unwrap();
        let digid = providers.get("digid").unwrap();
        assert_eq!(digid.group, SignInGroup::Clients);
        assert_eq!(digid.issuer.as_str(), "https://broker.example.nl");
        assert!(!format!("{providers:?}").contains("s3cret"));
    }

    #[test]
    fn invalid_files_are_refused_with_a_clear_message() {
        let cases = [
            ("{}", "is not a list of providers"),
            (&GOOD.replace("\"digid\"", "\"DigiD\""), "the id must be"),
            (
                &GOOD.replace("https://broker", "http://broker"),
                "must be an https://",
            ),
            (&GOOD.replace("s3cret", ""), "must not be empty"),
            (
                &GOOD.replace("clients", "everyone"),
                "is not a list of providers",
            ),
            (
                &format!(
                    "[{},{}]",
                    &GOOD[1..GOOD.len() - 1],
                    &GOOD[1..GOOD.len() - 1]
                ),
                "another provider has this id",
            ),
        ];
        for (text, expected) in cases {
            let error = parse(text).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains(expected), "{text}: {error}");
            assert!(!error.contains("s3cret"), "{error}");
        }
        let local = GOOD.replace("https://broker.example.nl/", "http://127.0.0.1:9000");
        assert!(parse(&local).is_ok());
    }
}
