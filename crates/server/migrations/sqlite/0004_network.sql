-- The client's circle: invitations (a single-use link, stored hashed) and the notes'
-- edit, retraction and removal by the organisation.

CREATE TABLE network_invitations (
    id                   INTEGER PRIMARY KEY,
    client_id            INTEGER NOT NULL REFERENCES clients (id),
    invited_by_account   INTEGER NOT NULL REFERENCES accounts (id),
    name                 TEXT NOT NULL,
    email                TEXT NOT NULL,
    relation             TEXT NOT NULL,
    language             TEXT NOT NULL CHECK (language IN ('nl', 'en')),
    allow_other_email    INTEGER NOT NULL DEFAULT 0,
    can_view_care_plan   INTEGER NOT NULL DEFAULT 0,
    can_view_reports     INTEGER NOT NULL DEFAULT 0,
    can_view_photos      INTEGER NOT NULL DEFAULT 0,
    can_add_photos       INTEGER NOT NULL DEFAULT 0,
    can_view_notes       INTEGER NOT NULL DEFAULT 0,
    can_add_notes        INTEGER NOT NULL DEFAULT 0,
    -- Replaced by a resend: the old link stops working.
    token_hash           TEXT NOT NULL UNIQUE,
    created_at           TEXT NOT NULL,
    sent_at              TEXT NOT NULL,
    expires_at           TEXT NOT NULL,
    -- A registration in progress (account not yet confirmed) points at its access row.
    access_id            INTEGER REFERENCES portal_access (id),
    accepted_at          TEXT,
    withdrawn_at         TEXT
);
CREATE INDEX network_invitations_client ON network_invitations (client_id, created_at DESC);

ALTER TABLE notes ADD COLUMN edited_at TEXT;
ALTER TABLE notes ADD COLUMN retracted_at TEXT;
ALTER TABLE notes ADD COLUMN removed_by_staff INTEGER REFERENCES staff_members (id);
