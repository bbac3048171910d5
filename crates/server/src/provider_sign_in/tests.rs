//! Signing in with a provider, over HTTP, against a fake issuer on 127.0.0.1 that
//! serves discovery, a key set and a token endpoint, and signs the ID tokens the test
//! asks for with fixed RSA test keys (so bad tokens can be made).

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Method, StatusCode};
use axum::routing::{get, post};
use axum::Json;
use base64::Engine;
use chrono::{Duration, Utc};
use openidconnect::core::{
    CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, EmptyAdditionalClaims, EndUserEmail, IssuerUrl, JsonWebKeyId, Nonce,
    PrivateSigningKey, StandardClaims, SubjectIdentifier,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::app::AppOptions;
use crate::test_support::{request, test_app, TestApp, TestResponse};

const KEY_A: &str = include_str!("test_keys/a.pem");
const KEY_B: &str = include_str!("test_keys/b.pem");
const CLIENT_ID: &str = "kring-test";

fn key(pem: &str, kid: &str) -> CoreRsaPrivateSigningKey {
    CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new(kid.into()))).unwrap()
}

/// What the fake issuer's next ID token says, and how it is signed.
#[derive(Clone)]
struct Token {
    pem: &'static str,
    kid: &'static str,
    subject: String,
    audience: String,
    nonce: Option<String>,
    expires_in: Duration,
    email: Option<(String, bool)>,
}

#[derive(Default)]
struct Control {
    issuer: String,
    /// The keys in the key set, as (pem, kid).
    keys: Vec<(&'static str, &'static str)>,
    token: Option<Token>,
    /// The PKCE challenge of the sign-in under way.
    challenge: Option<String>,
    /// Where discovery says the token endpoint is (a closed port: the provider is down).
    token_endpoint: Option<String>,
    discoveries: usize,
}

struct Issuer {
    url: String,
    control: Arc<Mutex<Control>>,
}

impl Issuer {
    async fn start() -> Issuer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let control = Arc::new(Mutex::new(Control {
            issuer: url.clone(),
            keys: vec![(KEY_A, "k1")],
            ..Control::default()
        }));
        let router = axum::Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/token", post(token))
            .with_state(control.clone());
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Issuer { url, control }
    }

    fn set(&self, change: impl FnOnce(&mut Control)) {
        change(&mut self.control.lock().unwrap());
    }

    /// A good token for `subject` and the sign-in under way (`nonce`).
    fn good(&self, subject: &str, nonce: &str) -> Token {
        Token {
            pem: KEY_A,
            kid: "k1",
            subject: subject.into(),
            audience: CLIENT_ID.into(),
            nonce: Some(nonce.into()),
            expires_in: Duration::minutes(5),
            email: None,
        }
    }
}

type Shared = axum::extract::State<Arc<Mutex<Control>>>;

async fn discovery(axum::extract::State(control): Shared) -> Json<Value> {
    let mut control = control.lock().unwrap();
    control.discoveries += 1;
    let issuer = control.issuer.clone();
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": control.token_endpoint.clone().unwrap_or(format!("{issuer}/token")),
        "jwks_uri": format!("{issuer}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

async fn jwks(axum::extract::State(control): Shared) -> Json<CoreJsonWebKeySet> {
    let keys = control.lock().unwrap().keys.clone();
    Json(CoreJsonWebKeySet::new(
        keys.into_iter()
            .map(|(pem, kid)| key(pem, kid).as_verification_key())
            .collect(),
    ))
}

async fn token(axum::extract::State(control): Shared, body: String) -> (StatusCode, Json<Value>) {
    let control = control.lock().unwrap();
    let form: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(body.as_bytes())
            .into_owned()
            .collect();
    // PKCE: the verifier must match the challenge of the authorisation request.
    let verifier = form.get("code_verifier").cloned().unwrap_or_default();
    let challenge =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier));
    if control.challenge.as_deref() != Some(challenge.as_str()) {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "error": "invalid_grant" })),
        );
    }
    let plan = control
        .token
        .clone()
        .expect("the test names the next token");
    let now = Utc::now();
    let mut standard = StandardClaims::new(SubjectIdentifier::new(plan.subject));
    if let Some((email, verified)) = plan.email {
        standard = standard
            .set_email(Some(EndUserEmail::new(email)))
            .set_email_verified(Some(verified));
    }
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(control.issuer.clone()).unwrap(),
        vec![Audience::new(plan.audience)],
        now + plan.expires_in,
        now - Duration::minutes(1),
        standard,
        EmptyAdditionalClaims {},
    )
    .set_nonce(plan.nonce.map(Nonce::new));
    let id_token = CoreIdToken::new(
        claims,
        &key(plan.pem, plan.kid),
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        None,
        None,
    )
    .unwrap();
    (
        StatusCode::OK,
        Json(json!({
            "access_token": "access", "token_type": "Bearer", "expires_in": 300,
            "id_token": id_token,
        })),
    )
}

/// A test app whose server offers `digid` (clients) and `werk` (staff), both at the
/// fake issuer.
async fn app_with(issuer: &str) -> TestApp {
    let mut app = test_app(AppOptions::default(), false).await;
    app.offer_identity_providers(json!([
        { "id": "digid", "name": { "nl": "DigiD", "en": "DigiD" }, "issuer": issuer,
          "client_id": CLIENT_ID, "client_secret": "geheim", "group": "clients" },
        { "id": "werk", "name": { "nl": "Werkaccount", "en": "Work account" }, "issuer": issuer,
          "client_id": CLIENT_ID, "client_secret": "geheim", "group": "staff" },
    ]));
    app
}

/// A sign-in under way: what the provider got, and the browser's cookie.
struct Begun {
    state: String,
    nonce: String,
    browser_cookie: String,
}

async fn begin(
    app: &TestApp,
    issuer: &Issuer,
    provider: &str,
    purpose: &str,
    session: Option<&str>,
) -> Begun {
    let response = app
        .post_json(
            &format!("/api/v1/identity-providers/{provider}/start"),
            json!({ "purpose": purpose }),
            session,
        )
        .await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&response.body)
    );
    let address = url::Url::parse(response.json()["authorization_url"].as_str().unwrap()).unwrap();
    assert!(address
        .as_str()
        .starts_with(&format!("{}/authorize?", issuer.url)));
    let query: std::collections::HashMap<String, String> =
        address.query_pairs().into_owned().collect();
    assert_eq!(query["response_type"], "code");
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["client_id"], CLIENT_ID);
    issuer.set(|c| c.challenge = Some(query["code_challenge"].clone()));
    let browser_cookie = response
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("kring-provider="))
        .and_then(|v| v.split(';').next())
        .expect("the browser cookie")
        .to_owned();
    Begun {
        state: query["state"].clone(),
        nonce: query["nonce"].clone(),
        browser_cookie,
    }
}

/// The provider sends the browser back.
async fn callback(app: &TestApp, query: &str, cookie: Option<&str>) -> TestResponse {
    let mut builder = request(
        Method::GET,
        &format!("/api/v1/identity-providers/callback?{query}"),
    );
    if let Some(cookie) = cookie {
        builder = builder.header("cookie", cookie);
    }
    app.send(builder.body(Body::empty()).unwrap()).await
}

async fn come_back(app: &TestApp, begun: &Begun) -> TestResponse {
    callback(
        app,
        &format!("code=de-code&state={}", begun.state),
        Some(&begun.browser_cookie),
    )
    .await
}

/// The redirect's target, and the session cookie it set (if any).
fn outcome(response: &TestResponse) -> (String, Option<String>) {
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let session = response
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("kring-session=") && !v.starts_with("kring-session=;"))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    (response.header("location").to_owned(), session)
}

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&app.state.db)
        .await
        .unwrap()
}

/// Links `subject` at `digid` to the account signed in with `session`.
async fn link(app: &TestApp, issuer: &Issuer, session: &str, subject: &str) {
    let begun = begin(app, issuer, "digid", "link", Some(session)).await;
    issuer.set(|c| c.token = Some(issuer.good(subject, &begun.nonce)));
    let (location, new_session) = outcome(&come_back(app, &begun).await);
    assert_eq!(location, "/account?gekoppeld=digid");
    assert_eq!(new_session, None);
}

/// Signs in at `digid` with a token the test shapes from a good one; answers the
/// redirect's target and the session cookie.
async fn sign_in_with(
    app: &TestApp,
    issuer: &Issuer,
    subject: &str,
    shape: impl FnOnce(&mut Token),
) -> (String, Option<String>) {
    let begun = begin(app, issuer, "digid", "sign_in", None).await;
    let mut token = issuer.good(subject, &begun.nonce);
    shape(&mut token);
    issuer.set(|c| c.token = Some(token));
    outcome(&come_back(app, &begun).await)
}

#[tokio::test]
async fn the_configured_providers_are_listed_and_none_without_configuration() {
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    let listed = app.get("/api/v1/identity-providers").await.json();
    assert_eq!(listed[0]["id"], "digid");
    assert_eq!(listed[0]["group"], "clients");
    assert_eq!(listed[1]["name"]["en"], "Work account");
    let plain = test_app(AppOptions::default(), false).await;
    assert_eq!(
        plain.get("/api/v1/identity-providers").await.json(),
        json!([])
    );
    // The organisation's facts say whether there are any (the sign-in page's cue).
    assert_eq!(
        app.get("/api/v1/organisation").await.json()["sign_in_services"],
        true
    );
    assert_eq!(
        plain.get("/api/v1/organisation").await.json()["sign_in_services"],
        false
    );
    plain
        .post_json(
            "/api/v1/identity-providers/digid/start",
            json!({ "purpose": "sign_in" }),
            None,
        )
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
}

#[tokio::test]
async fn a_linked_person_signs_in_with_the_provider_and_unlinking_ends_that() {
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    let portal = app.create_portal("oidc").await;
    let password_session = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    // A link needs a session.
    app.post_json(
        "/api/v1/identity-providers/digid/start",
        json!({ "purpose": "link" }),
        None,
    )
    .await
    .assert_problem(StatusCode::UNAUTHORIZED, "unauthenticated");
    link(&app, &issuer, &password_session, "persoon-1").await;
    let links = app
        .get_signed_in("/api/v1/account/identity-links", &password_session)
        .await
        .json();
    assert_eq!(links[0]["provider_id"], "digid");
    assert_eq!(links[0]["provider_name"]["nl"], "DigiD");
    assert!(links[0]["last_used_at"].is_null());

    let (location, session) = sign_in_with(&app, &issuer, "persoon-1", |_| {}).await;
    assert_eq!(location, "/portaal");
    let session = session.expect("a session");
    app.assert_signed_in(&session).await;
    let me = app.get_signed_in("/api/v1/session", &session).await.json();
    assert_eq!(me["account"]["email"], portal.admin_email.as_str());
    let links = app
        .get_signed_in("/api/v1/account/identity-links", &session)
        .await
        .json();
    assert!(links[0]["last_used_at"].is_string());

    let removed = app
        .call(
            Method::DELETE,
            "/api/v1/account/identity-links/digid",
            None,
            Some(&session),
        )
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    let (location, session) = sign_in_with(&app, &issuer, "persoon-1", |_| {}).await;
    assert_eq!(location, "/inloggen?fout=provider-not-linked");
    assert_eq!(session, None);
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM account_events WHERE account_id = $1 ORDER BY id")
            .bind(portal.admin_account)
            .fetch_all(&app.state.db)
            .await
            .unwrap();
    assert_eq!(kinds, ["provider-linked", "provider-unlinked"]);
}

#[tokio::test]
async fn an_unlinked_subject_is_refused_and_no_account_is_made() {
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    app.create_portal("anders").await;
    let (accounts, sessions) = (count(&app, "accounts").await, count(&app, "sessions").await);
    let (location, session) = sign_in_with(&app, &issuer, "onbekend", |_| {}).await;
    assert_eq!(location, "/inloggen?fout=provider-not-linked");
    assert_eq!(session, None);
    assert_eq!(count(&app, "accounts").await, accounts);
    assert_eq!(count(&app, "sessions").await, sessions);
    assert_eq!(count(&app, "account_identity_links").await, 0);
}

#[tokio::test]
async fn a_tampered_late_or_foreign_callback_is_refused() {
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    let portal = app.create_portal("state").await;
    let password_session = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    link(&app, &issuer, &password_session, "persoon-2").await;
    let sessions = count(&app, "sessions").await;

    let begun = begin(&app, &issuer, "digid", "sign_in", None).await;
    issuer.set(|c| c.token = Some(issuer.good("persoon-2", &begun.nonce)));
    let tampered = format!("code=de-code&state={}x", begun.state);
    let (location, session) =
        outcome(&callback(&app, &tampered, Some(&begun.browser_cookie)).await);
    assert_eq!(location, "/inloggen?fout=sign-in-state-invalid");
    assert_eq!(session, None);
    // The right state from another browser (without the cookie of the one that began).
    let query = format!("code=de-code&state={}", begun.state);
    let (location, _) = outcome(&callback(&app, &query, None).await);
    assert_eq!(location, "/inloggen?fout=sign-in-state-invalid");
    let (location, _) = outcome(&callback(&app, &query, Some("kring-provider=ander")).await);
    assert_eq!(location, "/inloggen?fout=sign-in-state-invalid");
    // No state at all.
    let (location, _) = outcome(&callback(&app, "code=de-code", None).await);
    assert_eq!(location, "/inloggen?fout=sign-in-state-invalid");
    // After ten minutes the sign-in is over.
    app.advance(Duration::minutes(11));
    let (location, _) = outcome(&come_back(&app, &begun).await);
    assert_eq!(location, "/inloggen?fout=sign-in-state-invalid");
    assert_eq!(count(&app, "sessions").await, sessions);

    // The provider stopped: nothing changes either.
    let begun = begin(&app, &issuer, "digid", "sign_in", None).await;
    let query = format!("error=access_denied&state={}", begun.state);
    let (location, _) = outcome(&callback(&app, &query, Some(&begun.browser_cookie)).await);
    assert_eq!(location, "/inloggen?fout=provider-sign-in-stopped");
    assert_eq!(count(&app, "sessions").await, sessions);
}

#[tokio::test]
async fn a_replayed_callback_and_a_replayed_nonce_are_refused() {
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    let portal = app.create_portal("replay").await;
    let password_session = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    link(&app, &issuer, &password_session, "persoon-3").await;

    let begun = begin(&app, &issuer, "digid", "sign_in", None).await;
    issuer.set(|c| c.token = Some(issuer.good("persoon-3", &begun.nonce)));
    let (location, session) = outcome(&come_back(&app, &begun).await);
    assert_eq!(location, "/portaal");
    assert!(session.is_some());
    let sessions = count(&app, "sessions").await;
    let (location, session) = outcome(&come_back(&app, &begun).await);
    assert_eq!(location, "/inloggen?fout=sign-in-state-used");
    assert_eq!(session, None);

    // A token made for an earlier sign-in (its nonce) does not open a new one.
    let old_nonce = begun.nonce.clone();
    let (location, session) =
        sign_in_with(&app, &issuer, "persoon-3", |t| t.nonce = Some(old_nonce)).await;
    assert_eq!(location, "/inloggen?fout=provider-answer-invalid");
    assert_eq!(session, None);
    let (location, _) = sign_in_with(&app, &issuer, "persoon-3", |t| t.nonce = None).await;
    assert_eq!(location, "/inloggen?fout=provider-answer-invalid");
    assert_eq!(count(&app, "sessions").await, sessions);
}

#[tokio::test]
async fn tokens_for_another_audience_expired_or_badly_signed_are_refused() {
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    let portal = app.create_portal("token").await;
    let password_session = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    link(&app, &issuer, &password_session, "persoon-4").await;
    let sessions = count(&app, "sessions").await;
    type Shape = fn(&mut Token);
    let shapes: [(&str, Shape); 4] = [
        ("audience", |t| t.audience = "een-andere-dienst".into()),
        ("expired", |t| t.expires_in = Duration::minutes(-5)),
        // Signed with another key under the known key id: the signature is wrong.
        ("signature", |t| t.pem = KEY_B),
        // A key the provider never published, even after fetching its keys again.
        ("unknown key", |t| {
            t.pem = KEY_B;
            t.kid = "k9";
        }),
    ];
    for (what, shape) in shapes {
        let (location, session) = sign_in_with(&app, &issuer, "persoon-4", shape).await;
        assert_eq!(location, "/inloggen?fout=provider-answer-invalid", "{what}");
        assert_eq!(session, None, "{what}");
    }
    assert_eq!(count(&app, "sessions").await, sessions);
    // The control: the same sign-in with a good token works.
    let (location, session) = sign_in_with(&app, &issuer, "persoon-4", |_| {}).await;
    assert_eq!(location, "/portaal");
    assert!(session.is_some());
}

#[tokio::test]
async fn a_rotated_key_is_fetched_again() {
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    let portal = app.create_portal("rotate").await;
    let password_session = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    link(&app, &issuer, &password_session, "persoon-5").await;
    let before = issuer.control.lock().unwrap().discoveries;
    // The provider publishes a new key and signs with it; the cached key set lacks it.
    issuer.set(|c| c.keys.push((KEY_B, "k2")));
    let (location, session) = sign_in_with(&app, &issuer, "persoon-5", |t| {
        t.pem = KEY_B;
        t.kid = "k2";
    })
    .await;
    assert_eq!(location, "/portaal");
    assert!(session.is_some());
    assert_eq!(issuer.control.lock().unwrap().discoveries, before + 1);
}

#[tokio::test]
async fn a_provider_that_is_down_gives_a_clear_answer() {
    // Nothing listens on the issuer's port.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let app = app_with(&address).await;
    app.post_json(
        "/api/v1/identity-providers/digid/start",
        json!({ "purpose": "sign_in" }),
        None,
    )
    .await
    .assert_problem(StatusCode::SERVICE_UNAVAILABLE, "provider-unavailable");

    // Discovery works, the token endpoint does not answer.
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    issuer.set(|c| c.token_endpoint = Some(format!("{address}/token")));
    let (location, session) = sign_in_with(&app, &issuer, "wie-dan-ook", |_| {}).await;
    assert_eq!(location, "/inloggen?fout=provider-unavailable");
    assert_eq!(session, None);
}

#[tokio::test]
async fn staff_are_matched_once_by_the_e_mail_address_their_provider_checked() {
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    let (_, _) = app.create_staff("organisation_admin", None, "idp").await;
    let email = "staff-idp@test.example";
    let staff_sign_in = |verified: bool, subject: &'static str| {
        let app = &app;
        let issuer = &issuer;
        async move {
            let begun = begin(app, issuer, "werk", "sign_in", None).await;
            let mut token = issuer.good(subject, &begun.nonce);
            token.email = Some((email.to_owned(), verified));
            issuer.set(|c| c.token = Some(token));
            outcome(&come_back(app, &begun).await)
        }
    };
    let (location, session) = staff_sign_in(false, "medewerker-1").await;
    assert_eq!(location, "/inloggen?fout=provider-not-linked");
    assert_eq!(session, None);
    let (location, session) = staff_sign_in(true, "medewerker-1").await;
    assert_eq!(location, "/portaal");
    let session = session.unwrap();
    let me = app.get_signed_in("/api/v1/session", &session).await.json();
    assert_eq!(me["account"]["email"], email);
    assert_eq!(count(&app, "account_identity_links").await, 1);
    // A client's provider does not match by e-mail address.
    let (location, _) = sign_in_with(&app, &issuer, "medewerker-1", |t| {
        t.email = Some((email.to_owned(), true));
    })
    .await;
    assert_eq!(location, "/inloggen?fout=provider-not-linked");
}

#[tokio::test]
async fn the_organisation_chooses_the_methods_per_group_and_a_disallowed_one_is_refused() {
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    let portal = app.create_portal("methods").await;
    let (_, admin) = app.create_staff("organisation_admin", None, "beheer").await;
    let password_session = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    link(&app, &issuer, &password_session, "persoon-6").await;
    let path = "/api/v1/staff/organisation/sign-in-methods";
    let all = app.get_signed_in(path, &admin).await.json();
    assert_eq!(
        all,
        json!({ "clients": { "password": true, "providers": ["digid"] },
                "staff": { "password": true, "providers": ["werk"] } })
    );
    // Each group keeps a method; a provider serves only its own group.
    for wrong in [
        json!({ "clients": { "password": false, "providers": [] }, "staff": { "password": true, "providers": [] } }),
        json!({ "clients": { "password": true, "providers": ["werk"] }, "staff": { "password": true, "providers": [] } }),
    ] {
        app.call(Method::PUT, path, Some(wrong), Some(&admin))
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    }
    // Clients: only DigiD.
    let only_digid = json!({ "clients": { "password": false, "providers": ["digid"] },
                             "staff": { "password": true, "providers": [] } });
    let stored = app
        .call(Method::PUT, path, Some(only_digid.clone()), Some(&admin))
        .await;
    assert_eq!(stored.status, StatusCode::OK);
    assert_eq!(app.get_signed_in(path, &admin).await.json(), only_digid);
    app.post_json(
        "/api/v1/auth/sign-in",
        json!({ "email": portal.admin_email, "password": crate::test_support::TEST_PASSWORD }),
        None,
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "sign-in-method-not-allowed");
    let (location, session) = sign_in_with(&app, &issuer, "persoon-6", |_| {}).await;
    assert_eq!(location, "/portaal");
    assert!(session.is_some());
    // Staff still sign in with their password.
    app.create_staff("organisation_admin", None, "nog-een")
        .await;

    // Clients: only the password.
    let only_password = json!({ "clients": { "password": true, "providers": [] },
                                "staff": { "password": true, "providers": [] } });
    let stored = app
        .call(Method::PUT, path, Some(only_password), Some(&admin))
        .await;
    assert_eq!(stored.status, StatusCode::OK);
    let (location, session) = sign_in_with(&app, &issuer, "persoon-6", |_| {}).await;
    assert_eq!(location, "/inloggen?fout=sign-in-method-not-allowed");
    assert_eq!(session, None);
    app.post_json(
        "/api/v1/identity-providers/digid/start",
        json!({ "purpose": "link" }),
        Some(&password_session),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN, "sign-in-method-not-allowed");
}

#[tokio::test]
async fn the_last_allowed_provider_cannot_be_unlinked_when_no_password_is_allowed() {
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    let portal = app.create_portal("laatste").await;
    let (_, admin) = app.create_staff("organisation_admin", None, "beheer").await;
    let password_session = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    link(&app, &issuer, &password_session, "persoon-7").await;
    let unlink = |session: String| {
        let app = &app;
        async move {
            app.call(
                Method::DELETE,
                "/api/v1/account/identity-links/digid",
                None,
                Some(&session),
            )
            .await
        }
    };
    let methods = |password: bool| {
        json!({ "clients": { "password": password, "providers": ["digid"] },
                "staff": { "password": true, "providers": [] } })
    };
    let path = "/api/v1/staff/organisation/sign-in-methods";
    let stored = app
        .call(Method::PUT, path, Some(methods(false)), Some(&admin))
        .await;
    assert_eq!(stored.status, StatusCode::OK);
    let (_, session) = sign_in_with(&app, &issuer, "persoon-7", |_| {}).await;
    let session = session.expect("a session");
    let refused = unlink(session.clone()).await;
    refused.assert_problem(StatusCode::CONFLICT, "last-sign-in-method");
    assert!(
        String::from_utf8_lossy(&refused.body).contains("niet meer inloggen"),
        "the reason in the user's language"
    );
    // Nothing changed: the link still signs in.
    assert_eq!(count(&app, "account_identity_links").await, 1);
    let (location, _) = sign_in_with(&app, &issuer, "persoon-7", |_| {}).await;
    assert_eq!(location, "/portaal");
    // With the password allowed again, the link may go.
    let stored = app
        .call(Method::PUT, path, Some(methods(true)), Some(&admin))
        .await;
    assert_eq!(stored.status, StatusCode::OK);
    assert_eq!(unlink(session).await.status, StatusCode::NO_CONTENT);
    assert_eq!(count(&app, "account_identity_links").await, 0);
}

#[tokio::test]
async fn an_organisation_administrator_links_a_staff_member_whose_provider_vouches_for_no_address()
{
    let issuer = Issuer::start().await;
    let app = app_with(&issuer.url).await;
    let (admin_id, admin) = app.create_staff("organisation_admin", None, "beheer").await;
    let (member_id, member) = app.create_staff("care_professional", None, "lid").await;
    let (_, other) = app.create_staff("care_professional", None, "ander").await;
    let path = |staff: i64, provider: &str| {
        format!("/api/v1/staff/members/{staff}/identity-links/{provider}")
    };
    let put = |path: String, subject: &'static str, session: String| {
        let app = &app;
        async move {
            app.call(
                Method::PUT,
                &path,
                Some(json!({ "subject": subject })),
                Some(&session),
            )
            .await
        }
    };
    // Without a link, the provider (which checked no address) signs nobody in.
    let unverified = |subject: &'static str| {
        let (app, issuer) = (&app, &issuer);
        async move {
            let begun = begin(app, issuer, "werk", "sign_in", None).await;
            let mut token = issuer.good(subject, &begun.nonce);
            token.email = Some(("iemand@elders.example".to_owned(), false));
            issuer.set(|c| c.token = Some(token));
            outcome(&come_back(app, &begun).await)
        }
    };
    assert_eq!(
        unverified("werk-7").await.0,
        "/inloggen?fout=provider-not-linked"
    );

    // Refused: not an organisation administrator, a provider for clients or none, one's
    // own account, an empty subject; nothing is linked.
    put(path(member_id, "werk"), "werk-7", other.clone())
        .await
        .assert_problem(StatusCode::FORBIDDEN, "forbidden");
    put(path(member_id, "digid"), "werk-7", admin.clone())
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    put(path(member_id, "bestaat-niet"), "werk-7", admin.clone())
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    put(path(999_999, "werk"), "werk-7", admin.clone())
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");
    put(path(admin_id, "werk"), "werk-7", admin.clone())
        .await
        .assert_problem(StatusCode::CONFLICT, "own-account");
    put(path(member_id, "werk"), "   ", admin.clone())
        .await
        .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    assert_eq!(count(&app, "account_identity_links").await, 0);

    // Linked: logged in both logs, the member told by e-mail, shown in their settings,
    // and the provider now signs them in.
    let linked = put(path(member_id, "werk"), "werk-7", admin.clone()).await;
    assert_eq!(linked.status, StatusCode::OK, "{:?}", linked.json_opt());
    assert_eq!(linked.json()["provider_id"], "werk");
    let logged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM administration_log WHERE action = 'identity_provider_linked' \
         AND staff_member_id = $1",
    )
    .bind(member_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert_eq!(logged, 1);
    let (actor, summary): (Option<i64>, String) = sqlx::query_as(
        "SELECT e.actor_account_id, e.summary FROM account_events e \
         JOIN accounts a ON a.id = e.account_id \
         WHERE a.staff_member_id = $1 AND e.kind = 'provider-linked'",
    )
    .bind(member_id)
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert!(actor.is_some());
    assert!(summary.contains("organisation administrator"), "{summary}");
    let mail: String = sqlx::query_scalar(
        "SELECT body FROM dev_outbox WHERE recipient = 'staff-lid@test.example' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&app.state.db)
    .await
    .unwrap();
    assert!(
        mail.contains("inlogdienst aan uw account gekoppeld"),
        "{mail}"
    );
    let links = app
        .get_signed_in("/api/v1/account/identity-links", &member)
        .await;
    assert_eq!(links.json()[0]["provider_id"], "werk");
    let (location, session) = unverified("werk-7").await;
    assert_eq!(location, "/portaal");
    let me = app
        .get_signed_in("/api/v1/session", &session.unwrap())
        .await
        .json();
    assert_eq!(me["account"]["email"], "staff-lid@test.example");

    // The same subject cannot be linked to a second account.
    let (third_id, _) = app.create_staff("care_professional", None, "derde").await;
    put(path(third_id, "werk"), "werk-7", admin.clone())
        .await
        .assert_problem(StatusCode::CONFLICT, "provider-linked-elsewhere");
    assert_eq!(count(&app, "account_identity_links").await, 1);
}
