-- Every change an organisation administrator makes to the organisation's settings,
-- logo or privacy statement: when, by whom (their name then), and which fields
-- changed, never the values (the privacy statement's text stays out of it). Only
-- ever added to.
CREATE TABLE organisation_settings_log (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    changed_at       TEXT NOT NULL,
    staff_member_id  INTEGER NOT NULL REFERENCES staff_members (id),
    staff_name       TEXT NOT NULL,
    subject          TEXT NOT NULL CHECK (subject IN ('settings', 'logo', 'privacy_statement')),
    -- The names of the changed fields, comma-separated (e.g. `name,colours.primary`).
    fields           TEXT NOT NULL
);
CREATE INDEX organisation_settings_log_when ON organisation_settings_log (organisation_id, changed_at);
