//! Passkeys over HTTP, with a software authenticator (an ES256 key, "none"
//! attestation) that answers the server's options as a browser would.

use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use serde_cbor_2::Value as Cbor;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::app::AppOptions;
use crate::test_support::{session_cookie, test_app, TestApp, TestResponse, TEST_PASSWORD};

const RP_ID: &str = "portal.test";
const ORIGIN: &str = "http://portal.test";

/// An authenticator holding one credential.
pub(crate) struct SoftAuthenticator {
    key: SigningKey,
    credential_id: Vec<u8>,
    counter: u32,
}

impl SoftAuthenticator {
    pub(crate) fn new(seed: u8) -> Self {
        let mut secret = [7u8; 32];
        secret[0] = seed;
        Self {
            key: SigningKey::from_slice(&secret).unwrap(),
            credential_id: vec![seed; 16],
            counter: 0,
        }
    }

    fn client_data(kind: &str, options: &Value) -> Vec<u8> {
        let challenge = options["options"]["publicKey"]["challenge"]
            .as_str()
            .unwrap();
        json!({ "type": kind, "challenge": challenge, "origin": ORIGIN, "crossOrigin": false })
            .to_string()
            .into_bytes()
    }

    /// The browser's answer to `navigator.credentials.create` with `options`.
    pub(crate) fn register(&self, options: &Value) -> Value {
        let client_data = Self::client_data("webauthn.create", options);
        let point = self.key.verifying_key().to_sec1_point(false);
        let cose = Cbor::Map(BTreeMap::from([
            (Cbor::Integer(1), Cbor::Integer(2)),
            (Cbor::Integer(3), Cbor::Integer(-7)),
            (Cbor::Integer(-1), Cbor::Integer(1)),
            (Cbor::Integer(-2), Cbor::Bytes(point.x().unwrap().to_vec())),
            (Cbor::Integer(-3), Cbor::Bytes(point.y().unwrap().to_vec())),
        ]));
        let mut auth_data = Sha256::digest(RP_ID.as_bytes()).to_vec();
        auth_data.push(0x45); // user present, user verified, credential data included
        auth_data.extend_from_slice(&0u32.to_be_bytes());
        auth_data.extend_from_slice(&[0u8; 16]);
        auth_data.extend_from_slice(&(self.credential_id.len() as u16).to_be_bytes());
        auth_data.extend_from_slice(&self.credential_id);
        auth_data.extend(serde_cbor_2::to_vec(&cose).unwrap());
        let attestation = Cbor::Map(BTreeMap::from([
            (Cbor::Text("fmt".into()), Cbor::Text("none".into())),
            (Cbor::Text("attStmt".into()), Cbor::Map(BTreeMap::new())),
            (Cbor::Text("authData".into()), Cbor::Bytes(auth_data)),
        ]));
        let id = URL_SAFE_NO_PAD.encode(&self.credential_id);
        json!({
            "id": id, "rawId": id, "type": "public-key",
            "response": {
                "attestationObject": URL_SAFE_NO_PAD.encode(serde_cbor_2::to_vec(&attestation).unwrap()),
                "clientDataJSON": URL_SAFE_NO_PAD.encode(client_data),
            },
            "extensions": {},
        })
    }

    /// The browser's answer to `navigator.credentials.get` with `options`.
    pub(crate) fn assert(&mut self, options: &Value) -> Value {
        self.counter += 1;
        let client_data = Self::client_data("webauthn.get", options);
        let mut auth_data = Sha256::digest(RP_ID.as_bytes()).to_vec();
        auth_data.push(0x05); // user present, user verified
        auth_data.extend_from_slice(&self.counter.to_be_bytes());
        let mut signed = auth_data.clone();
        signed.extend_from_slice(&Sha256::digest(&client_data));
        let signature: Signature = self.key.sign(&signed);
        let id = URL_SAFE_NO_PAD.encode(&self.credential_id);
        json!({
            "id": id, "rawId": id, "type": "public-key",
            "response": {
                "authenticatorData": URL_SAFE_NO_PAD.encode(auth_data),
                "clientDataJSON": URL_SAFE_NO_PAD.encode(client_data),
                "signature": URL_SAFE_NO_PAD.encode(signature.to_der().as_bytes()),
            },
            "extensions": {},
        })
    }
}

/// An app with one signed-in person; returns the app, their e-mail, mobile, cookie.
async fn signed_in() -> (TestApp, String, String, String) {
    let app = test_app(AppOptions::default(), true).await;
    let portal = app.create_portal("p").await;
    let cookie = app.sign_in(&portal.admin_email, &portal.admin_mobile).await;
    (app, portal.admin_email, portal.admin_mobile, cookie)
}

async fn add(
    app: &TestApp,
    cookie: &str,
    authenticator: &SoftAuthenticator,
    name: &str,
) -> TestResponse {
    let options = app
        .post_json(
            "/api/v1/account/passkeys/options",
            json!(null),
            Some(cookie),
        )
        .await;
    assert_eq!(options.status, StatusCode::OK, "{:?}", options.json_opt());
    app.post_json(
        "/api/v1/account/passkeys",
        json!({ "name": name, "credential": authenticator.register(&options.json()) }),
        Some(cookie),
    )
    .await
}

/// The password step; the challenge.
async fn password_step(app: &TestApp, email: &str) -> Value {
    let response = app
        .post_json(
            "/api/v1/auth/sign-in",
            json!({ "email": email, "password": TEST_PASSWORD }),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    response.json()
}

async fn sign_in_options(app: &TestApp, attempt: &str) -> TestResponse {
    app.post_json(
        "/api/v1/auth/sign-in/passkey/options",
        json!({ "attempt": attempt }),
        None,
    )
    .await
}

async fn sign_in_with(app: &TestApp, attempt: &str, credential: Value) -> TestResponse {
    app.post_json(
        "/api/v1/auth/sign-in/passkey",
        json!({ "attempt": attempt, "credential": credential }),
        None,
    )
    .await
}

async fn list(app: &TestApp, cookie: &str) -> Vec<Value> {
    let response = app.get_signed_in("/api/v1/account/passkeys", cookie).await;
    assert_eq!(response.status, StatusCode::OK);
    response.json().as_array().unwrap().clone()
}

#[tokio::test]
async fn a_passkey_is_added_then_signs_in_instead_of_the_code_and_is_logged() {
    let (app, email, _, cookie) = signed_in().await;
    let options = app
        .post_json(
            "/api/v1/account/passkeys/options",
            json!(null),
            Some(&cookie),
        )
        .await;
    assert_eq!(options.status, StatusCode::OK);
    let public_key = &options.json()["options"]["publicKey"];
    assert_eq!(public_key["rp"]["id"], RP_ID);
    assert_eq!(public_key["user"]["name"], email);
    assert_eq!(
        public_key["authenticatorSelection"]["userVerification"],
        "required"
    );

    let mut authenticator = SoftAuthenticator::new(1);
    let added = add(&app, &cookie, &authenticator, "  Mijn telefoon ").await;
    assert_eq!(added.status, StatusCode::CREATED, "{:?}", added.json_opt());
    assert_eq!(added.json()["name"], "Mijn telefoon");
    let passkeys = list(&app, &cookie).await;
    assert_eq!(passkeys.len(), 1);
    assert_eq!(passkeys[0]["last_used_at"], Value::Null);

    // The same authenticator is excluded next time and refused if it answers anyway.
    let again = add(&app, &cookie, &authenticator, "Nog eens").await;
    again.assert_problem(StatusCode::BAD_REQUEST, "passkey-invalid");

    // The password step tells that a passkey may be used; the code is sent as well.
    let challenge = password_step(&app, &email).await;
    assert_eq!(challenge["passkey"], true);
    let attempt = challenge["attempt"].as_str().unwrap();
    let options = sign_in_options(&app, attempt).await;
    assert_eq!(options.status, StatusCode::OK);
    let allowed = &options.json()["options"]["publicKey"]["allowCredentials"];
    assert_eq!(allowed.as_array().unwrap().len(), 1);
    let answer = authenticator.assert(&options.json());
    let response = sign_in_with(&app, attempt, answer.clone()).await;
    assert_eq!(response.status, StatusCode::OK, "{:?}", response.json_opt());
    let new_cookie = session_cookie(&response);
    app.assert_signed_in(&new_cookie).await;
    assert_ne!(
        list(&app, &new_cookie).await[0]["last_used_at"],
        Value::Null
    );

    // The attempt is used up: neither the answer again nor the code signs in.
    sign_in_with(&app, attempt, answer)
        .await
        .assert_problem(StatusCode::GONE, "code-expired");

    let events = crate::auth::events::recent(&app.state.db, added_account(&app, &email).await, 10)
        .await
        .unwrap();
    let kinds: Vec<_> = events.iter().map(|e| e.kind.0).collect();
    assert_eq!(kinds, vec![kring_api::AccountEventKind::PasskeyAdded]);
}

async fn added_account(app: &TestApp, email: &str) -> i64 {
    crate::auth::accounts::by_email(&app.state.db, app.state.organisation_id, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn without_a_passkey_the_password_step_says_so_and_passkey_options_are_refused() {
    let (app, email, _, _) = signed_in().await;
    let challenge = password_step(&app, &email).await;
    assert_eq!(challenge["passkey"], false);
    sign_in_options(&app, challenge["attempt"].as_str().unwrap())
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "passkey-invalid");
    sign_in_options(&app, "onbekend")
        .await
        .assert_problem(StatusCode::GONE, "code-expired");
}

#[tokio::test]
async fn a_challenge_works_once() {
    let (app, email, _, cookie) = signed_in().await;
    let mut authenticator = SoftAuthenticator::new(1);
    assert_eq!(
        add(&app, &cookie, &authenticator, "Telefoon").await.status,
        StatusCode::CREATED
    );

    // Adding: the options of this session were taken by the first answer.
    let options = app
        .post_json(
            "/api/v1/account/passkeys/options",
            json!(null),
            Some(&cookie),
        )
        .await
        .json();
    let second = SoftAuthenticator::new(2);
    let credential = second.register(&options);
    let first = app
        .post_json(
            "/api/v1/account/passkeys",
            json!({ "name": "Laptop", "credential": credential }),
            Some(&cookie),
        )
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    app.post_json(
        "/api/v1/account/passkeys",
        json!({ "name": "Laptop", "credential": credential }),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::GONE, "passkey-expired");

    // Signing in: a wrong answer takes the challenge; the right answer to the same
    // challenge afterwards finds none.
    let challenge = password_step(&app, &email).await;
    let attempt = challenge["attempt"].as_str().unwrap();
    let options = sign_in_options(&app, attempt).await.json();
    let mut wrong = authenticator.assert(&options);
    wrong["response"]["signature"] = json!(URL_SAFE_NO_PAD.encode([1u8; 70]));
    sign_in_with(&app, attempt, wrong)
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "passkey-invalid");
    sign_in_with(&app, attempt, authenticator.assert(&options))
        .await
        .assert_problem(StatusCode::GONE, "passkey-expired");

    // An answer to older options does not fit newer ones.
    let old = authenticator.assert(&options);
    let _newer = sign_in_options(&app, attempt).await;
    sign_in_with(&app, attempt, old)
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "passkey-invalid");

    // Options expire with their five minutes.
    let options = sign_in_options(&app, attempt).await.json();
    app.advance(chrono::Duration::minutes(6));
    sign_in_with(&app, attempt, authenticator.assert(&options))
        .await
        .assert_problem(StatusCode::GONE, "passkey-expired");
}

#[tokio::test]
async fn an_unknown_passkey_is_refused_and_counts_like_a_wrong_code() {
    let (app, email, mobile, cookie) = signed_in().await;
    assert_eq!(
        add(&app, &cookie, &SoftAuthenticator::new(1), "Telefoon")
            .await
            .status,
        StatusCode::CREATED
    );
    let account_id = added_account(&app, &email).await;
    let mut stranger = SoftAuthenticator::new(9);
    let challenge = password_step(&app, &email).await;
    let attempt = challenge["attempt"].as_str().unwrap();
    for tries_left in (1..crate::auth::codes::MAX_TRIES).rev() {
        let options = sign_in_options(&app, attempt).await.json();
        let refused = sign_in_with(&app, attempt, stranger.assert(&options)).await;
        refused.assert_problem(StatusCode::BAD_REQUEST, "passkey-invalid");
        let failures: i64 = sqlx::query_scalar("SELECT failures FROM throttles WHERE key = $1")
            .bind(crate::auth::throttle::account_codes_key(account_id))
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        assert_eq!(failures, crate::auth::codes::MAX_TRIES - tries_left);
    }
    // The fifth wrong one ends the attempt, as a fifth wrong code does: not even the
    // code from the text message works for it now.
    let options = sign_in_options(&app, attempt).await.json();
    sign_in_with(&app, attempt, stranger.assert(&options))
        .await
        .assert_problem(StatusCode::GONE, "code-expired");
    let code = app.latest_code(&mobile).await;
    app.post_json(
        "/api/v1/auth/sign-in/code",
        json!({ "attempt": attempt, "code": code }),
        None,
    )
    .await
    .assert_problem(StatusCode::GONE, "code-expired");
    // Something that is no WebAuthn answer at all counts too.
    let attempt = password_step(&app, &email).await["attempt"]
        .as_str()
        .unwrap()
        .to_owned();
    let _ = sign_in_options(&app, &attempt).await;
    sign_in_with(&app, &attempt, json!({ "id": "x" }))
        .await
        .assert_problem(StatusCode::BAD_REQUEST, "passkey-invalid");
    // An answer that is not even an object is a malformed body, for any attempt (found
    // by the API fuzzer: the attempt used to be looked at first), and costs no try.
    for credential in [json!(["x"]), json!("x"), json!(null)] {
        sign_in_with(&app, "", credential)
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY, "invalid-body");
    }
}

#[tokio::test]
async fn the_last_second_factor_cannot_be_removed() {
    let (app, email, _, cookie) = signed_in().await;
    let first = add(&app, &cookie, &SoftAuthenticator::new(1), "Telefoon")
        .await
        .json();
    let second = add(&app, &cookie, &SoftAuthenticator::new(2), "Laptop")
        .await
        .json();
    let path = |passkey: &Value| format!("/api/v1/account/passkeys/{}", passkey["id"]);

    // Someone else's passkey is not found.
    let other = app.create_portal("q").await;
    let other_cookie = app.sign_in(&other.admin_email, &other.admin_mobile).await;
    app.call(Method::DELETE, &path(&first), None, Some(&other_cookie))
        .await
        .assert_problem(StatusCode::NOT_FOUND, "not-found");

    // Without a verified mobile number (as after a lost phone) the passkeys are the
    // only second factor: one may go, the last may not.
    sqlx::query("UPDATE accounts SET mobile_verified_at = NULL WHERE email = $1")
        .bind(&email)
        .execute(&app.state.db)
        .await
        .unwrap();
    let removed = app
        .call(Method::DELETE, &path(&first), None, Some(&cookie))
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    app.call(Method::DELETE, &path(&second), None, Some(&cookie))
        .await
        .assert_problem(StatusCode::CONFLICT, "last-second-factor");
    assert_eq!(list(&app, &cookie).await.len(), 1);

    // With the number verified again, the last passkey may go.
    sqlx::query("UPDATE accounts SET mobile_verified_at = $1 WHERE email = $2")
        .bind(app.state.clock.now())
        .bind(&email)
        .execute(&app.state.db)
        .await
        .unwrap();
    let removed = app
        .call(Method::DELETE, &path(&second), None, Some(&cookie))
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert!(list(&app, &cookie).await.is_empty());
    let events = crate::auth::events::recent(&app.state.db, added_account(&app, &email).await, 10)
        .await
        .unwrap();
    let removals = events
        .iter()
        .filter(|e| e.kind.0 == kring_api::AccountEventKind::PasskeyRemoved)
        .count();
    assert_eq!(removals, 2);
}

#[tokio::test]
async fn a_name_is_required_and_at_most_ten_passkeys_are_kept() {
    let (app, _, _, cookie) = signed_in().await;
    let empty = add(&app, &cookie, &SoftAuthenticator::new(1), "  ").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    for seed in 1..=10 {
        let added = add(&app, &cookie, &SoftAuthenticator::new(seed), "Sleutel").await;
        assert_eq!(added.status, StatusCode::CREATED);
    }
    app.post_json(
        "/api/v1/account/passkeys/options",
        json!(null),
        Some(&cookie),
    )
    .await
    .assert_problem(StatusCode::CONFLICT, "too-many-passkeys");
}
