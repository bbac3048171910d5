-- Signing in with an OpenID Connect provider (issue 18).

-- A sign-in (or link) started at a provider, until the provider sends the browser
-- back. Single use: `used_at` is set by the first callback, so a replayed one is
-- refused. The secrets are stored as SHA-256 hashes: `state` (in the addresses), the
-- browser's cookie that binds the sign-in to the browser that started it (the PKCE
-- verifier is derived from it, so it is never stored) and the `nonce` the ID token
-- must repeat.
CREATE TABLE provider_sign_ins (
    id             INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    state_hash     TEXT NOT NULL UNIQUE,
    browser_hash   TEXT NOT NULL,
    nonce_hash     TEXT NOT NULL,
    provider_id    TEXT NOT NULL,
    purpose        TEXT NOT NULL CHECK (purpose IN ('sign_in', 'link')),
    -- The signed-in account a link is for.
    account_id     INTEGER REFERENCES accounts (id),
    created_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    used_at        TEXT
);
CREATE INDEX provider_sign_ins_expiry ON provider_sign_ins (expires_at);

-- A provider's identity (its subject) linked to an account: once per provider and
-- subject, once per account and provider. A provider never makes an account.
CREATE TABLE account_identity_links (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    provider_id    TEXT NOT NULL,
    subject        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    last_used_at   TEXT,
    UNIQUE (provider_id, subject),
    UNIQUE (account_id, provider_id)
);

-- Which sign-in methods each group may use (JSON, kring_api::SignInMethods); NULL:
-- password and every configured provider of the group.
ALTER TABLE organisations ADD COLUMN sign_in_methods TEXT;
