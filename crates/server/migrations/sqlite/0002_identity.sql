-- Identity: accounts that can sign in, one-time links and codes, sessions, terms
-- acceptance, throttling of failed attempts, the access log, and the portal's own
-- lifecycle (suspended by the organisation, ended by its administrator).

ALTER TABLE accounts ADD COLUMN password_hash TEXT;
ALTER TABLE accounts ADD COLUMN email_verified_at TEXT;
ALTER TABLE accounts ADD COLUMN mobile_verified_at TEXT;
ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'active', 'suspended', 'ended'));
ALTER TABLE accounts ADD COLUMN status_reason TEXT;
ALTER TABLE accounts ADD COLUMN staff_member_id INTEGER REFERENCES staff_members (id);

ALTER TABLE clients ADD COLUMN portal_suspended_at TEXT;
ALTER TABLE clients ADD COLUMN portal_suspended_reason TEXT;
ALTER TABLE clients ADD COLUMN portal_ended_at TEXT;

-- Single-use links sent by e-mail; only a hash of the token is stored.
CREATE TABLE account_links (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('activation', 'password_reset')),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

-- One-time codes sent by SMS, each bound to one attempt (whose token the browser holds).
CREATE TABLE verification_codes (
    id            INTEGER PRIMARY KEY,
    attempt_hash  TEXT NOT NULL UNIQUE,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    purpose       TEXT NOT NULL CHECK (purpose IN ('sign_in', 'activation', 'mobile_change')),
    code_hash     TEXT NOT NULL,
    link_id       INTEGER REFERENCES account_links (id),
    new_mobile    TEXT,
    created_at    TEXT NOT NULL,
    sent_at       TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    failed_tries  INTEGER NOT NULL DEFAULT 0,
    used_at       TEXT
);

CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    ended_at      TEXT,
    ended_reason  TEXT
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE terms_acceptances (
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    terms_version_id  INTEGER NOT NULL REFERENCES terms_versions (id),
    accepted_at       TEXT NOT NULL,
    PRIMARY KEY (account_id, terms_version_id)
);

-- Failed attempts per account and per address: they slow down, never lock out.
CREATE TABLE throttles (
    key               TEXT PRIMARY KEY,
    failures          INTEGER NOT NULL,
    first_failure_at  TEXT NOT NULL,
    blocked_until     TEXT
);

-- Who did what to which client's portal, when, with which outcome (NEN 7513 style).
CREATE TABLE access_log (
    id                INTEGER PRIMARY KEY,
    organisation_id   INTEGER NOT NULL REFERENCES organisations (id),
    actor_account_id  INTEGER REFERENCES accounts (id),
    client_id         INTEGER REFERENCES clients (id),
    action            TEXT NOT NULL,
    object            TEXT,
    outcome           TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'refused')),
    address           TEXT,
    created_at        TEXT NOT NULL
);
CREATE INDEX access_log_client ON access_log (client_id, created_at);
CREATE INDEX access_log_actor ON access_log (actor_account_id, created_at);
