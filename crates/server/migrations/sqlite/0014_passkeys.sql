-- Passkeys (WebAuthn) as a second factor beside the verified mobile number (issue 18).
CREATE TABLE passkeys (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    -- The credential id the authenticator made, base64url: the same key is never
    -- registered twice.
    credential_id   TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    -- webauthn-rs's `Passkey` as JSON: the public key and the signature counter; no
    -- secret (the private key never leaves the authenticator).
    credential      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    last_used_at    TEXT
);
CREATE INDEX passkeys_account ON passkeys (account_id);

-- A WebAuthn ceremony under way, kept on the server (its state is never handed to the
-- browser) and taken out when it is finished, so a challenge works once.
-- `owner_key` is `registration:<session id>` or `sign_in:<attempt id>`: one ceremony
-- per session or sign-in attempt; starting again replaces it.
CREATE TABLE passkey_challenges (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    owner_key     TEXT NOT NULL UNIQUE,
    state         TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
