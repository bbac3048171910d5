-- The organisation's own set-up: teams with their own emergency number, staff accounts
-- that can be ended, and the organisation-level log of administrative changes.

-- A team's emergency number: as dialled (E.164) and as entered. Both NULL: the team's
-- clients call the organisation's number.
ALTER TABLE teams ADD COLUMN emergency_phone TEXT;
ALTER TABLE teams ADD COLUMN emergency_phone_display TEXT;

-- When the staff member's account was ended; the row and its history stay.
ALTER TABLE staff_members ADD COLUMN ended_at TEXT;

-- Who changed what in the organisation's set-up (teams, staff, clients), when. Only
-- added to. The summary names what changed, never a secret (no link, no code).
CREATE TABLE administration_log (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    actor_staff_id   INTEGER REFERENCES staff_members (id),
    action           TEXT NOT NULL,
    team_id          INTEGER REFERENCES teams (id),
    staff_member_id  INTEGER REFERENCES staff_members (id),
    client_id        INTEGER REFERENCES clients (id),
    summary          TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX administration_log_organisation ON administration_log (organisation_id, created_at);
