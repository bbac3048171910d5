//! Settings that shape sessions, links and request checks, fixed at start-up.

use chrono::Duration;

/// How the server treats sessions and requests.
#[derive(Clone, Debug)]
pub struct Settings {
    /// A session ends after this long without a request.
    pub session_idle: Duration,
    /// A session ends after this long at the latest.
    pub session_absolute: Duration,
    /// The public address is HTTPS: cookies get `Secure` and the `__Host-` prefix.
    pub https: bool,
    /// The address people open the app at, without a trailing slash; links in e-mails
    /// point here.
    pub public_url: String,
    /// Origins besides the server's own that may send state-changing requests (the CORS
    /// origins of an app served elsewhere).
    pub allowed_origins: Vec<String>,
    /// Take the client's address from the last `X-Forwarded-For` entry (only behind a
    /// proxy that sets it).
    pub trust_forwarded_for: bool,
    /// Test only (`KRING_TEST_PHOTO_ROW_DELAY_MS`, off by default): wait this long
    /// between writing a photo's files and writing its row, so a test can stop the
    /// server in between, as a crash would.
    pub photo_row_delay: Option<std::time::Duration>,
    /// How many messages one number or address may receive (R26).
    pub message_limits: MessageLimits,
    /// The OpenID Connect providers the administrator configured (none by default).
    pub identity_providers: crate::identity_providers::IdentityProviders,
}

/// How many messages one recipient may receive, so nobody can flood a phone or an
/// inbox through the portal (R26). Counted from the outbox, so the limits hold across
/// instances and restarts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MessageLimits {
    /// Text messages (codes) to one mobile number in an hour.
    pub codes_per_number_per_hour: u32,
    /// Messages of any kind to one number or address in a day (24 hours).
    pub messages_per_recipient_per_day: u32,
}

impl Default for MessageLimits {
    /// 5 codes an hour: someone who mistypes a few times and asks again still signs in;
    /// 20 messages a day: more than a person needs on a busy day.
    fn default() -> Self {
        Self {
            codes_per_number_per_hour: 5,
            messages_per_recipient_per_day: 20,
        }
    }
}

impl Settings {
    /// Settings for tests and local development.
    pub fn local(public_url: &str) -> Self {
        Self {
            session_idle: Duration::minutes(15),
            session_absolute: Duration::hours(12),
            https: false,
            public_url: public_url.trim_end_matches('/').to_owned(),
            allowed_origins: Vec::new(),
            trust_forwarded_for: false,
            photo_row_delay: None,
            message_limits: MessageLimits::default(),
            identity_providers: Default::default(),
        }
    }

    /// The session cookie's name: `__Host-` prefixed when served over HTTPS.
    pub fn session_cookie(&self) -> &'static str {
        if self.https {
            "__Host-kring-session"
        } else {
            "kring-session"
        }
    }
}
