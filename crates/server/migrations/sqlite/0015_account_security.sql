-- An account nobody can take over, and nobody loses (issue 18).
--
-- Sessions remember when their person last proved password and second factor again
-- (changes of e-mail address, mobile number or password need it within 5 minutes),
-- and the browser and network address they were started from (shown in account
-- settings, coarse).
ALTER TABLE sessions ADD COLUMN reauthenticated_at TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN client_address TEXT;

-- Staff reset the second factor after a lost phone: until a new number is confirmed
-- the person signs in with the password alone and can do nothing else.
ALTER TABLE accounts ADD COLUMN second_factor_reset_at TEXT;
-- The person deleted their own account: it can no longer sign in; the address may be
-- given access again later (the account is then opened again, as new).
ALTER TABLE accounts ADD COLUMN deleted_at TEXT;

-- A new e-mail address waiting for the click on the link sent to it. Only the hash of
-- the link's token is stored.
CREATE TABLE email_changes (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    new_email   TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE INDEX email_changes_account ON email_changes (account_id);

-- Codes get one more purpose: proving the second factor again while signed in. SQLite
-- cannot change a CHECK constraint, so the table is made again (nothing refers to it).
CREATE TABLE verification_codes_new (
    id            INTEGER PRIMARY KEY,
    attempt_hash  TEXT NOT NULL UNIQUE,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    purpose       TEXT NOT NULL CHECK (purpose IN ('sign_in', 'activation', 'mobile_change', 'reauthentication')),
    code_hash     TEXT NOT NULL,
    link_id       INTEGER REFERENCES account_links (id),
    new_mobile    TEXT,
    created_at    TEXT NOT NULL,
    sent_at       TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    failed_tries  INTEGER NOT NULL DEFAULT 0,
    used_at       TEXT
);
INSERT INTO verification_codes_new
    SELECT id, attempt_hash, account_id, purpose, code_hash, link_id, new_mobile, created_at,
           sent_at, expires_at, failed_tries, used_at
    FROM verification_codes;
DROP TABLE verification_codes;
ALTER TABLE verification_codes_new RENAME TO verification_codes;
-- New-number codes per account and hour are counted (a flood of codes to strangers).
CREATE INDEX verification_codes_account ON verification_codes (account_id, purpose, created_at);
