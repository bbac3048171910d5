//! E-mail over SMTP with lettre: STARTTLS or implicit TLS and authentication as the
//! URL says, a From address, and each message as plain text with an HTML version.

use std::time::Duration;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::worker::{DeliveryError, DeliveryFuture, QueuedMessage, Transport};

/// Why the SMTP settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum EmailSettingsError {
    /// The SMTP URL is not one lettre understands.
    #[error(
        "KRING_SMTP_URL is not a valid SMTP URL ({0}); examples: \
         smtp://user:password@mail.example.nl:587?tls=required (STARTTLS), \
         smtps://user:password@mail.example.nl (TLS from the start)"
    )]
    Url(String),
    /// The CA file cannot be used.
    #[error("KRING_SMTP_CA_FILE cannot be used: {0}")]
    CaFile(String),
    /// The From address is not an address.
    #[error("KRING_MAIL_FROM is not an e-mail address ({0}); example: Zorggroep De Linde <portaal@delinde.nl>")]
    From(String),
}

/// Sends e-mail through one SMTP server.
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The right-hand side of each Message-ID: the From address's domain.
    message_id_domain: String,
}

impl SmtpSender {
    /// A sender for `smtp_url` (`smtp://`, with `?tls=required` for STARTTLS, or
    /// `smtps://`; user and password in the URL) writing from `from`. `ca_pem` is a
    /// certificate authority to trust besides the usual ones (an organisation's own,
    /// for a relay inside its network).
    pub fn new(
        smtp_url: &str,
        from: &str,
        ca_pem: Option<&[u8]>,
    ) -> Result<Self, EmailSettingsError> {
        let from: Mailbox = from
            .parse()
            .map_err(|e: lettre::address::AddressError| EmailSettingsError::From(e.to_string()))?;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            // lettre's message names the part that is wrong, never the password.
            .map_err(|e| EmailSettingsError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(30)));
        if let Some(pem) = ca_pem {
            builder = builder.tls(tls_trusting(smtp_url, pem)?);
        }
        let transport = builder.build();
        let message_id_domain = from.email.domain().to_owned();
        Ok(Self {
            transport,
            from,
            message_id_domain,
        })
    }

    fn build(&self, message: &QueuedMessage) -> Result<Message, DeliveryError> {
        let to: Mailbox = message.recipient.parse().map_err(|e| {
            DeliveryError::Permanent(format!("the address is not an e-mail address: {e}"))
        })?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone().unwrap_or_default())
            .message_id(Some(format!(
                "<{}@{}>",
                message.idempotency_key, self.message_id_domain
            )))
            .multipart(MultiPart::alternative_plain_html(
                message.body.clone(),
                html_version(&message.body),
            ))
            .map_err(|e| DeliveryError::Permanent(format!("the e-mail cannot be built: {e}")))
    }
}

/// The URL's TLS (STARTTLS or TLS from the start) with `pem` trusted as well.
fn tls_trusting(smtp_url: &str, pem: &[u8]) -> Result<Tls, EmailSettingsError> {
    let url = url::Url::parse(smtp_url).map_err(|e| EmailSettingsError::Url(e.to_string()))?;
    let host = url
        .host_str()
        .ok_or_else(|| EmailSettingsError::Url("no host".into()))?
        .to_owned();
    // lettre reads a PEM without certificates as none at all, trusting nothing extra.
    if !String::from_utf8_lossy(pem).contains("-----BEGIN CERTIFICATE-----") {
        return Err(EmailSettingsError::CaFile(
            "it holds no PEM certificate".into(),
        ));
    }
    let certificate =
        Certificate::from_pem(pem).map_err(|e| EmailSettingsError::CaFile(e.to_string()))?;
    let parameters = TlsParameters::builder(host)
        .add_root_certificate(certificate)
        .build_rustls()
        .map_err(|e| EmailSettingsError::CaFile(e.to_string()))?;
    let mode = url
        .query_pairs()
        .find(|(key, _)| key == "tls")
        .map(|(_, value)| value.into_owned());
    match (url.scheme(), mode.as_deref()) {
        ("smtps", _) => Ok(Tls::Wrapper(parameters)),
        ("smtp", Some("required")) => Ok(Tls::Required(parameters)),
        ("smtp", Some("opportunistic")) => Ok(Tls::Opportunistic(parameters)),
        _ => Err(EmailSettingsError::CaFile(
            "a CA is for TLS: use smtps://… or smtp://…?tls=required".into(),
        )),
    }
}

impl Transport for SmtpSender {
    fn deliver<'a>(&'a self, message: &'a QueuedMessage) -> DeliveryFuture<'a> {
        Box::pin(async move {
            let email = self.build(message)?;
            match self.transport.send(email).await {
                Ok(_) => Ok(()),
                Err(error) if error.is_permanent() => Err(DeliveryError::Permanent(format!(
                    "the mail server refused it: {error}"
                ))),
                Err(error) => Err(DeliveryError::Transient(format!(
                    "the mail server could not be reached or asked to wait: {error}"
                ))),
            }
        })
    }
}

/// The HTML part: the same text, paragraphs kept, and every web address a link.
pub fn html_version(text: &str) -> String {
    let mut html = String::from(
        "<!doctype html><html><head><meta charset=\"utf-8\"></head>\
         <body style=\"font-family:sans-serif;font-size:16px;line-height:1.5\">",
    );
    for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        html.push_str("<p>");
        for (i, line) in paragraph.lines().enumerate() {
            if i > 0 {
                html.push_str("<br>");
            }
            for (j, word) in line.split(' ').enumerate() {
                if j > 0 {
                    html.push(' ');
                }
                if word.starts_with("https://") || word.starts_with("http://") {
                    let href = escape(word);
                    html.push_str(&format!("<a href=\"{href}\">{href}</a>"));
                } else {
                    html.push_str(&escape(word));
                }
            }
        }
        html.push_str("</p>");
    }
    html.push_str("</body></html>");
    html
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::{html_version, SmtpSender};

    #[test]
    fn the_html_version_keeps_paragraphs_escapes_and_links_addresses() {
        let html = html_version(
            "Beste <Ans>,\n\nMaak uw account met deze link:\nhttps://portaal.example/activeren#abc&d\n\nGroet",
        );
        assert!(html.contains("<p>Beste &lt;Ans&gt;,</p>"));
        assert!(html.contains(
            "<p>Maak uw account met deze link:<br><a href=\"https://portaal.example/activeren#abc&amp;d\">https://portaal.example/activeren#abc&amp;d</a></p>"
        ));
        assert!(html.contains("<p>Groet</p>"));
    }

    // The transport's connection pool starts on Tokio's runtime.
    #[tokio::test]
    async fn a_ca_file_needs_tls_and_a_certificate() {
        let from = "Portaal <portaal@test.example>";
        let not_pem = SmtpSender::new(
            "smtp://mail.test.example:587?tls=required",
            from,
            Some(b"geen certificaat"),
        );
        assert!(not_pem.is_err(), "text that is no certificate is refused");
        let url = SmtpSender::new("smtp://mail.test.example:25", from, None);
        assert!(url.is_ok(), "without a CA file any lettre URL works");
        let from_bad = SmtpSender::new("smtp://mail.test.example:25", "portaal", None);
        assert!(from_bad.is_err(), "a From that is no address is refused");
    }
}
