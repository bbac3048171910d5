-- The dossier in the portal: full-text search over reports, the reports' "new since
-- your last visit", correction requests, and the access log in its NEN 7513 form:
-- append-only (triggers refuse UPDATE and DELETE) and hash-chained, so that a changed
-- or removed entry is detectable (`kring-server verify-access-log`).

-- The first access log kept less than NEN 7513 asks and a plain address; it stays, read
-- only, under another name.
ALTER TABLE access_log RENAME TO access_log_v1;
DROP INDEX IF EXISTS access_log_client;
DROP INDEX IF EXISTS access_log_actor;

CREATE TABLE access_log (
    id                INTEGER PRIMARY KEY,
    organisation_id   INTEGER NOT NULL REFERENCES organisations (id),
    occurred_at       TEXT NOT NULL,
    actor_account_id  INTEGER REFERENCES accounts (id),
    actor_name        TEXT NOT NULL,
    actor_role        TEXT NOT NULL CHECK (actor_role IN
                        ('administrator', 'representative', 'contact', 'staff', 'user', 'anonymous', 'system')),
    on_behalf_of      TEXT,
    client_id         INTEGER REFERENCES clients (id),
    section           TEXT NOT NULL,
    item              TEXT,
    action            TEXT NOT NULL CHECK (action IN
                        ('read', 'create', 'update', 'remove', 'search', 'export', 'sign_in', 'sign_out', 'other')),
    outcome           TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused', 'failed')),
    detail            TEXT,
    address_hash      TEXT,
    prev_hash         TEXT NOT NULL,
    entry_hash        TEXT NOT NULL UNIQUE
);
CREATE INDEX access_log_client ON access_log (client_id, occurred_at);
CREATE INDEX access_log_actor ON access_log (actor_account_id, occurred_at);

-- The end of the chain: the last entry's id and hash (compare-and-swap on append).
CREATE TABLE access_log_head (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    last_id    INTEGER NOT NULL,
    last_hash  TEXT NOT NULL
);
INSERT INTO access_log_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER access_log_append_only_update BEFORE UPDATE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
CREATE TRIGGER access_log_append_only_delete BEFORE DELETE ON access_log
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;

-- Secrets of this installation (e.g. the salt that hashes client addresses).
CREATE TABLE installation_secrets (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- Full-text search over reports (kept in step with the reports table).
CREATE VIRTUAL TABLE reports_fts USING fts5 (body, content = 'reports', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO reports_fts (rowid, body) SELECT id, body FROM reports;
CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER reports_fts_update AFTER UPDATE OF body ON reports BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO reports_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE INDEX reports_client_category ON reports (client_id, category, written_at DESC);

-- When each account last opened each client's reports, to mark what is new.
CREATE TABLE report_visits (
    account_id         INTEGER NOT NULL REFERENCES accounts (id),
    client_id          INTEGER NOT NULL REFERENCES clients (id),
    last_visit_at      TEXT NOT NULL,
    previous_visit_at  TEXT,
    PRIMARY KEY (account_id, client_id)
);

-- Requests to correct, add to, remove or shield dossier data (R24).
CREATE TABLE correction_requests (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients (id),
    filed_by           INTEGER NOT NULL REFERENCES accounts (id),
    kind               TEXT NOT NULL CHECK (kind IN ('correct', 'add', 'remove', 'shield')),
    target_type        TEXT NOT NULL CHECK (target_type IN ('report', 'goal', 'general')),
    target_id          INTEGER,
    text               TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('submitted', 'in_progress', 'done', 'declined')),
    filed_at           TEXT NOT NULL,
    due_on             TEXT NOT NULL,
    answer             TEXT,
    answered_by        INTEGER REFERENCES staff_members (id),
    answered_at        TEXT,
    CHECK ((target_type = 'general') = (target_id IS NULL))
);
CREATE INDEX correction_requests_client ON correction_requests (client_id, filed_at DESC);
CREATE INDEX correction_requests_due ON correction_requests (status, due_on);
