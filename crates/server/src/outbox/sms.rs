//! Text messages through an HTTP gateway. Two formats:
//!
//! - `cm`: CM.com's Business Messaging API (a Dutch provider;
//!   <https://developers.cm.com/messaging/docs/integration>): `POST` to
//!   `https://gw.messaging.cm.com/v1.0/message` with the product token in
//!   `X-CM-PRODUCTTOKEN` and `{"messages": {"msg": [{"from", "to": [{"number"}],
//!   "body": {"type": "auto", "content"}, "reference"}]}}`; numbers as `00316…`.
//! - `webhook`: a plain JSON webhook for any other gateway or an organisation's own
//!   relay: `POST URL` with `{"to": "+316…", "text": "…", "reference": "…"}`, the
//!   reference also as `Idempotency-Key`, and `Authorization: Bearer TOKEN` when a
//!   token is set. Any 2xx answer means accepted.
//!
//! A 4xx answer (but 408 and 429) means the gateway will not take this message: given
//! up. Anything else (no answer, 5xx, 408, 429) is tried again later.

use std::time::Duration;

use serde_json::json;

use super::worker::{DeliveryError, DeliveryFuture, QueuedMessage, Transport};

/// CM.com's message endpoint.
pub const CM_ENDPOINT: &str = "https://gw.messaging.cm.com/v1.0/message";

/// Which gateway format, and its settings.
#[derive(Clone)]
pub enum SmsGateway {
    /// CM.com.
    Cm {
        /// The endpoint (CM's by default).
        endpoint: String,
        /// The product token.
        token: String,
        /// The sender name shown on the phone (at most 11 letters or digits).
        sender: String,
    },
    /// A JSON webhook.
    Webhook {
        /// Where to post.
        endpoint: String,
        /// A bearer token, if the webhook wants one.
        token: Option<String>,
    },
}

/// Why the SMS settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SmsSettingsError {
    /// The HTTP client could not be made.
    #[error("the HTTP client for the SMS gateway cannot start: {0}")]
    Client(String),
}

/// Sends text messages through one gateway.
pub struct SmsSender {
    client: reqwest::Client,
    gateway: SmsGateway,
}

impl SmsSender {
    /// A sender for `gateway`.
    pub fn new(gateway: SmsGateway) -> Result<Self, SmsSettingsError> {
        // reqwest is built without a TLS crypto provider of its own; the process uses
        // ring (as lettre does), so only one is compiled.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| SmsSettingsError::Client(e.to_string()))?;
        Ok(Self { client, gateway })
    }

    fn request(&self, message: &QueuedMessage) -> reqwest::RequestBuilder {
        match &self.gateway {
            SmsGateway::Cm {
                endpoint,
                token,
                sender,
            } => self
                .client
                .post(endpoint)
                .header("X-CM-PRODUCTTOKEN", token)
                .json(&json!({
                    "messages": {
                        "msg": [{
                            "from": sender,
                            "to": [{ "number": cm_number(&message.recipient) }],
                            "body": { "type": "auto", "content": message.body },
                            "reference": message.idempotency_key,
                        }]
                    }
                })),
            SmsGateway::Webhook { endpoint, token } => {
                let request = self
                    .client
                    .post(endpoint)
                    .header("Idempotency-Key", &message.idempotency_key)
                    .json(&json!({
                        "to": message.recipient,
                        "text": message.body,
                        "reference": message.idempotency_key,
                    }));
                match token {
                    Some(token) => request.bearer_auth(token),
                    None => request,
                }
            }
        }
    }
}

impl Transport for SmsSender {
    fn deliver<'a>(&'a self, message: &'a QueuedMessage) -> DeliveryFuture<'a> {
        Box::pin(async move {
            let response = self.request(message).send().await.map_err(|e| {
                // Without the URL: a webhook's URL may carry a secret.
                DeliveryError::Transient(format!(
                    "the SMS gateway could not be reached: {}",
                    e.without_url()
                ))
            })?;
            let status = response.status();
            if status.is_success() {
                return Ok(());
            }
            let reason = format!("the SMS gateway answered {status}");
            if status.is_client_error()
                && status != reqwest::StatusCode::REQUEST_TIMEOUT
                && status != reqwest::StatusCode::TOO_MANY_REQUESTS
            {
                Err(DeliveryError::Permanent(reason))
            } else {
                Err(DeliveryError::Transient(reason))
            }
        })
    }
}

/// A number as CM.com wants it: `+31612345678` becomes `0031612345678`.
fn cm_number(number: &str) -> String {
    match number.strip_prefix('+') {
        Some(rest) => format!("00{rest}"),
        None => number.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::cm_number;

    #[test]
    fn cm_numbers_start_with_00() {
        assert_eq!(cm_number("+31612345678"), "0031612345678");
        assert_eq!(cm_number("0031612345678"), "0031612345678");
    }
}
