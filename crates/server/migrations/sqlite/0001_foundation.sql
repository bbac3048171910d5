-- Kring reference server: the foundation schema (SQLite).
-- Dates are ISO 8601 text (`YYYY-MM-DD`), instants are RFC 3339 text in UTC, so that
-- comparisons on text order equal comparisons in time.
-- Nothing here is ever deleted by a user action (R17); `removed_at` hides from the portal.

CREATE TABLE organisations (
    id                        INTEGER PRIMARY KEY,
    slug                      TEXT NOT NULL UNIQUE,
    name                      TEXT NOT NULL,
    short_name                TEXT NOT NULL,
    logo_svg                  TEXT,
    colour_primary            TEXT NOT NULL,
    colour_on_primary         TEXT NOT NULL,
    colour_accent             TEXT NOT NULL,
    emergency_phone           TEXT NOT NULL,
    emergency_phone_display   TEXT NOT NULL,
    emergency_hours_nl        TEXT NOT NULL,
    emergency_hours_en        TEXT NOT NULL,
    care_team_phone           TEXT NOT NULL,
    care_team_phone_display   TEXT NOT NULL,
    care_team_email           TEXT NOT NULL,
    care_team_hours_nl        TEXT NOT NULL,
    care_team_hours_en        TEXT NOT NULL,
    access_grace_days         INTEGER NOT NULL CHECK (access_grace_days >= 0),
    retention_years           INTEGER NOT NULL DEFAULT 20 CHECK (retention_years >= 1),
    correction_deadline_days  INTEGER NOT NULL DEFAULT 30 CHECK (correction_deadline_days >= 1),
    created_at                TEXT NOT NULL
);

-- Published organisation documents: terms of use (versioned) and the privacy statement.
CREATE TABLE terms_versions (
    id                 INTEGER PRIMARY KEY,
    organisation_id    INTEGER NOT NULL REFERENCES organisations (id),
    version            INTEGER NOT NULL CHECK (version >= 1),
    in_force_from      TEXT NOT NULL,
    published_at       TEXT NOT NULL,
    change_summary_nl  TEXT NOT NULL DEFAULT '',
    change_summary_en  TEXT NOT NULL DEFAULT '',
    -- JSON array of {"heading": {"nl","en"}, "body": {"nl","en"}}
    sections           TEXT NOT NULL,
    UNIQUE (organisation_id, version)
);

CREATE TABLE privacy_statements (
    organisation_id  INTEGER PRIMARY KEY REFERENCES organisations (id),
    updated_on       TEXT NOT NULL,
    sections         TEXT NOT NULL
);

CREATE TABLE teams (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    name             TEXT NOT NULL
);

CREATE TABLE staff_members (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    team_id          INTEGER REFERENCES teams (id),
    name             TEXT NOT NULL,
    job_title_nl     TEXT NOT NULL,
    job_title_en     TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('care_professional', 'team_lead', 'organisation_admin')),
    email            TEXT NOT NULL,
    created_at       TEXT NOT NULL
);

CREATE TABLE clients (
    id                      INTEGER PRIMARY KEY,
    organisation_id         INTEGER NOT NULL REFERENCES organisations (id),
    team_id                 INTEGER REFERENCES teams (id),
    client_number           TEXT NOT NULL,
    first_name              TEXT NOT NULL,
    family_name             TEXT NOT NULL,
    date_of_birth           TEXT NOT NULL,
    care_relation_start     TEXT NOT NULL,
    care_relation_end       TEXT,
    deceased_on             TEXT,
    personal_counsellor_id  INTEGER REFERENCES staff_members (id),
    created_at              TEXT NOT NULL,
    UNIQUE (organisation_id, client_number)
);

CREATE TABLE care_plans (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    period_start  TEXT NOT NULL,
    period_end    TEXT,
    created_at    TEXT NOT NULL
);

CREATE TABLE care_plan_domains (
    id            INTEGER PRIMARY KEY,
    care_plan_id  INTEGER NOT NULL REFERENCES care_plans (id),
    domain        TEXT NOT NULL,
    position      INTEGER NOT NULL
);

CREATE TABLE care_plan_goals (
    id               INTEGER PRIMARY KEY,
    domain_id        INTEGER NOT NULL REFERENCES care_plan_domains (id),
    text             TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('active', 'achieved', 'stopped')),
    start_date       TEXT NOT NULL,
    evaluation_date  TEXT NOT NULL,
    position         INTEGER NOT NULL
);

CREATE TABLE care_plan_actions (
    id         INTEGER PRIMARY KEY,
    goal_id    INTEGER NOT NULL REFERENCES care_plan_goals (id),
    what       TEXT NOT NULL,
    who        TEXT NOT NULL,
    how_often  TEXT NOT NULL,
    position   INTEGER NOT NULL
);

CREATE TABLE reports (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER NOT NULL REFERENCES clients (id),
    author_id           INTEGER NOT NULL REFERENCES staff_members (id),
    written_at          TEXT NOT NULL,
    category            TEXT NOT NULL,
    body                TEXT NOT NULL,
    released_to_portal  INTEGER NOT NULL DEFAULT 1 CHECK (released_to_portal IN (0, 1)),
    shielded            INTEGER NOT NULL DEFAULT 0 CHECK (shielded IN (0, 1))
);
CREATE INDEX reports_client_written ON reports (client_id, written_at DESC, id DESC);

-- A person with a portal account. Sign-in fields arrive with the identity work.
CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY,
    organisation_id     INTEGER NOT NULL REFERENCES organisations (id),
    display_name        TEXT NOT NULL,
    email               TEXT NOT NULL,
    mobile              TEXT NOT NULL,
    preferred_language  TEXT NOT NULL DEFAULT 'nl' CHECK (preferred_language IN ('nl', 'en')),
    created_at          TEXT NOT NULL,
    UNIQUE (organisation_id, email)
);

-- Who may use which client's portal, in which role, with which rights.
CREATE TABLE portal_access (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER NOT NULL REFERENCES clients (id),
    account_id          INTEGER NOT NULL REFERENCES accounts (id),
    role                TEXT NOT NULL CHECK (role IN ('administrator', 'contact')),
    -- administrator: 'client' or 'representative'; contact: e.g. 'Moeder'
    relation            TEXT NOT NULL,
    representation_basis TEXT,
    status              TEXT NOT NULL CHECK (status IN ('invited', 'active', 'left', 'removed', 'ended')),
    can_view_care_plan  INTEGER NOT NULL DEFAULT 0,
    can_view_reports    INTEGER NOT NULL DEFAULT 0,
    can_view_photos     INTEGER NOT NULL DEFAULT 0,
    can_add_photos      INTEGER NOT NULL DEFAULT 0,
    can_view_notes      INTEGER NOT NULL DEFAULT 0,
    can_add_notes       INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    ended_at            TEXT,
    UNIQUE (client_id, account_id),
    CHECK (role <> 'administrator' OR relation IN ('client', 'representative')),
    CHECK (role <> 'administrator' OR relation <> 'representative' OR representation_basis IS NOT NULL)
);
-- R2: exactly one current administrator per client.
CREATE UNIQUE INDEX portal_access_one_administrator
    ON portal_access (client_id) WHERE role = 'administrator' AND status IN ('invited', 'active');

CREATE TABLE notes (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients (id),
    author_account_id  INTEGER NOT NULL REFERENCES accounts (id),
    body               TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    removed_at         TEXT,
    removed_reason     TEXT
);
CREATE INDEX notes_client_created ON notes (client_id, created_at DESC, id DESC);

-- A photo may show several clients; each client's portal shows it through photo_clients.
CREATE TABLE photos (
    id                  INTEGER PRIMARY KEY,
    organisation_id     INTEGER NOT NULL REFERENCES organisations (id),
    uploaded_by_account INTEGER REFERENCES accounts (id),
    uploaded_by_staff   INTEGER REFERENCES staff_members (id),
    caption             TEXT NOT NULL DEFAULT '',
    taken_on            TEXT,
    created_at          TEXT NOT NULL,
    object_key          TEXT NOT NULL UNIQUE,
    content_type        TEXT NOT NULL,
    width               INTEGER NOT NULL,
    height              INTEGER NOT NULL,
    CHECK ((uploaded_by_account IS NULL) <> (uploaded_by_staff IS NULL))
);

CREATE TABLE photo_clients (
    photo_id        INTEGER NOT NULL REFERENCES photos (id),
    client_id       INTEGER NOT NULL REFERENCES clients (id),
    removed_at      TEXT,
    removed_reason  TEXT,
    PRIMARY KEY (photo_id, client_id)
);
CREATE INDEX photo_clients_client ON photo_clients (client_id, photo_id);

-- Messages the development sender kept instead of delivering (demo mode).
CREATE TABLE dev_outbox (
    id         INTEGER PRIMARY KEY,
    channel    TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient  TEXT NOT NULL,
    subject    TEXT,
    body       TEXT NOT NULL,
    sent_at    TEXT NOT NULL
);
