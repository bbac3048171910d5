-- Retention (R25): a client's portal data is removed once the organisation's retention
-- years after the end of care have passed. What is kept of a removal is only when, by
-- which rule and how many items of which kind: no name, no content.

-- When the retention job removed the client's portal data (the client's registration
-- itself, which the care record system owns, stays).
ALTER TABLE clients ADD COLUMN portal_data_removed_at TEXT;

CREATE TABLE retention_removals (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    removed_at       TEXT NOT NULL,
    -- The rule: care ended on this day, and the organisation kept it this many years.
    care_ended_on    TEXT NOT NULL,
    retention_years  INTEGER NOT NULL CHECK (retention_years >= 1)
);
CREATE INDEX retention_removals_organisation ON retention_removals (organisation_id, removed_at);

CREATE TABLE retention_removal_counts (
    removal_id  INTEGER NOT NULL REFERENCES retention_removals (id),
    kind        TEXT NOT NULL,
    items       INTEGER NOT NULL CHECK (items >= 0),
    PRIMARY KEY (removal_id, kind)
);

-- What stays of a removed access-log entry: its place in the chain (id, the hash before
-- it and its own hash), so the rest of the chain still verifies. Nothing of its content.
CREATE TABLE access_log_removed (
    id          INTEGER PRIMARY KEY,
    prev_hash   TEXT NOT NULL,
    entry_hash  TEXT NOT NULL UNIQUE,
    removal_id  INTEGER NOT NULL REFERENCES retention_removals (id)
);
CREATE INDEX access_log_removed_removal ON access_log_removed (removal_id);

-- The access log stays append-only, except that an entry whose place was kept above
-- may go.
DROP TRIGGER access_log_append_only_delete;
CREATE TRIGGER access_log_append_only_delete BEFORE DELETE ON access_log
WHEN NOT EXISTS (SELECT 1 FROM access_log_removed r WHERE r.id = old.id AND r.entry_hash = old.entry_hash)
BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;

-- The message limits (R26) count a recipient's recent messages; the demo's outbox
-- needs the same index as `outbox_messages` has.
CREATE INDEX dev_outbox_recipient ON dev_outbox (recipient, sent_at);
